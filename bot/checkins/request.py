"""The body of ``POST /api/v1/treatments``, checked field by field.

``validate(body, now, settings)`` returns a ``TreatmentRequest`` or raises
``InvalidRequest`` whose ``reason`` is one sentence for the 400 answer, e.g.
"treated_at needs a UTC offset, e.g. 2026-12-01T14:30:00+00:00". Nothing is
stored here.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from bot.checkins.config import CHANNELS, Settings

FIELDS = ("sender_id", "channel", "treated_at", "treatment")
MAX_SENDER_ID = 128


class Refusal(Exception):
    """An error whose ``reason`` is one sentence for a person (staff, an API client)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class InvalidRequest(Refusal, ValueError):
    """A request the API answers with 400; ``reason`` says why."""


@dataclass(frozen=True)
class TreatmentRequest:
    sender_id: str
    channel: str
    treated_at: datetime  # as given, with its offset
    treatment: str


def _string(body: dict[str, Any], name: str) -> str:
    if name not in body or body[name] is None:
        raise InvalidRequest(f"{name} is missing")
    value = body[name]
    if not isinstance(value, str):
        raise InvalidRequest(f"{name} must be a string, not {type(value).__name__}")
    value = value.strip()
    if not value:
        raise InvalidRequest(f"{name} is empty")
    return value


def _sender_id(body: dict[str, Any]) -> str:
    value = _string(body, "sender_id")
    if len(value) > MAX_SENDER_ID:
        raise InvalidRequest(f"sender_id is longer than {MAX_SENDER_ID} characters")
    for ch in value:
        if ch.isspace() or unicodedata.category(ch)[0] in ("C", "Z"):
            raise InvalidRequest("sender_id must not contain spaces or control characters")
    return value


def parse_treated_at(value: str) -> datetime:
    """An ISO-8601 time with an offset (``Z`` allowed); InvalidRequest otherwise."""
    text = value[:-1] + "+00:00" if value[-1:] in ("Z", "z") else value
    if len(text) > 40:
        raise InvalidRequest("treated_at is not an ISO-8601 time")
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        raise InvalidRequest(
            f"treated_at {value[:40]!r} is not an ISO-8601 time such as 2026-12-01T14:30:00+00:00"
        ) from None
    if when.tzinfo is None or when.utcoffset() is None:
        raise InvalidRequest(
            "treated_at needs a UTC offset, e.g. 2026-12-01T14:30:00+00:00 or 2026-12-01T14:30:00Z"
        )
    return when


def _ago(delta: timedelta) -> str:
    minutes = delta.total_seconds() / 60
    if minutes < 120:
        return f"{minutes:.0f} minutes"
    return f"{minutes / 60:.0f} hours" if minutes < 48 * 60 else f"{minutes / 1440:.0f} days"


def validate(body: Any, now: datetime, settings: Settings) -> TreatmentRequest:
    """Check a request body (already JSON-decoded) at time ``now``."""
    if not isinstance(body, dict):
        raise InvalidRequest(
            "the body must be a JSON object with sender_id, channel, treated_at and treatment"
        )
    unknown = sorted(str(k) for k in body if k not in FIELDS)
    if unknown:
        raise InvalidRequest(
            f"unknown field {unknown[0][:40]!r}; the fields are " + ", ".join(FIELDS)
        )
    sender_id = _sender_id(body)
    channel = _string(body, "channel")
    if channel not in CHANNELS:
        raise InvalidRequest(f"channel must be one of {', '.join(CHANNELS)}")
    treated_at = parse_treated_at(_string(body, "treated_at"))
    reg = settings.spec.registration
    ahead = treated_at - now
    if ahead > timedelta(minutes=reg.future_skew_minutes):
        raise InvalidRequest(
            f"treated_at is {_ago(ahead)} in the future; record a treatment once it is done"
        )
    if now - treated_at > timedelta(days=reg.max_days_ago):
        raise InvalidRequest(
            f"treated_at is {_ago(now - treated_at)} ago; check-ins are only "
            f"scheduled for treatments of the last {reg.max_days_ago} days"
        )
    treatment = _string(body, "treatment").casefold()
    if treatment not in reg.treatments:
        raise InvalidRequest(f"treatment must be one of {', '.join(reg.treatments)}")
    return TreatmentRequest(
        sender_id=sender_id, channel=channel, treated_at=treated_at, treatment=treatment
    )
