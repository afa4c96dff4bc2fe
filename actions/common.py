"""Small helpers shared by the actions."""

from __future__ import annotations

import abc
import asyncio
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher


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


class ThreadedAction(Action, abc.ABC):
    """An action whose work runs in a worker thread, off rasa-sdk's event loop.

    rasa-sdk calls a synchronous ``run`` directly on its event loop: an action
    that writes to SQLite (a ticket, a record) or waits for a staff alert
    would hold every other conversation meanwhile. A subclass writes ``act``
    as it would have written ``run`` (without
    the domain); ``run`` calls it in a thread. Abstract,
    so rasa-sdk (which registers every concrete subclass of ``Action``) does
    not register this class.
    """

    @abc.abstractmethod
    def act(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
        """What ``run`` would do, synchronously: the events. No domain: Rasa
        sends it only to the forms' validate_* actions (endpoints.yml)."""

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        return await asyncio.to_thread(self.act, dispatcher, tracker)
