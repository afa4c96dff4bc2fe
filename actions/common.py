"""Small helpers shared by the actions."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker


def channel_of(tracker: Tracker) -> str:
    return tracker.get_latest_input_channel() or "unknown"


def latest_text(tracker: Tracker) -> str:
    return (tracker.latest_message or {}).get("text") or ""


def latest_intent(tracker: Tracker) -> str | None:
    return ((tracker.latest_message or {}).get("intent") or {}).get("name")


def latest_message_id(tracker: Tracker) -> str | None:
    return (tracker.latest_message or {}).get("message_id")


def entity_values(tracker: Tracker, entity: str) -> list[str]:
    return [
        e.get("value")
        for e in (tracker.latest_message or {}).get("entities") or []
        if e.get("entity") == entity and e.get("value")
    ]


def parse_property(tracker: Tracker, name: str) -> dict[str, Any]:
    """A custom property our NLU components add to the parse (e.g. ``triage``)."""
    return (tracker.latest_message or {}).get(name) or {}


def checkin_info(tracker: Tracker) -> dict[str, Any]:
    """What bot/channels/checkin_hook.py put in the latest user message about the
    aftercare check-ins (``metadata["checkin"]``: days since treatment...), or {}."""
    for event in reversed(tracker.events or []):
        if event.get("event") == "user":
            info = (event.get("metadata") or {}).get("checkin")
            return info if isinstance(info, dict) else {}
    return {}
