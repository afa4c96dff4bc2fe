"""What the API, the dialogue and the inbox call: register, reply, stop, cancel, overdue.

Each function takes a clock (``SystemClock()`` by default) and optionally a
database (``sqlite_utils.Database``; by default ``clinic.db`` is opened and
closed again) and settings (by default ``knowledge/checkins.yml``). Sending
what is due is ``bot.checkins.dispatch``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlite_utils

from bot import config as bot_config
from bot.checkins import schedule
from bot.checkins import store as cstore
from bot.checkins.clock import Clock, or_system, parse_iso
from bot.checkins.config import Settings
from bot.checkins.config import settings as default_settings
from bot.checkins.db import database
from bot.checkins.request import TreatmentRequest, validate

logger = logging.getLogger("bot.checkins")


@dataclass(frozen=True)
class ReplyContext:
    """What the dialogue needs to triage a message from a patient with a recorded treatment."""

    conversation_id: str
    treatment_id: str
    treatment: str
    treated_at: str
    days_since_treatment: float  # e.g. 1.04 the day after; for triage's context
    checkin_id: int | None  # the check-in this reply answered, if any
    checkin_kind: str | None
    answered: bool  # True if this call marked a check-in answered


_clock = or_system  # a name tests can replace


# ------------------------------------------------------------------ registering


def register(
    request: TreatmentRequest | dict[str, Any],
    clock: Clock | None = None,
    *,
    actor: str = "api",
    conversation_id: str | None = None,
    db: sqlite_utils.Database | None = None,
    settings: Settings | None = None,
) -> dict[str, Any]:
    """Record a treatment and schedule its check-ins; the stored treatment.

    ``request`` is a checked ``TreatmentRequest`` or a raw API body (then
    ``InvalidRequest`` with a reason for the 400 answer). ``conversation_id``
    is where the check-ins go and replies come from: by default the
    ``sender_id`` as given (right for REST); channels with their own id
    namespace pass theirs. The result: ``id, sender_id, channel,
    conversation_id, treatment, treated_at, created_at, created_by,
    opted_out_at, created`` (False when the same treatment was already
    recorded) and ``checkins`` (``id, kind, due_at, status, sent_at,
    answered_at, reason, expects_reply, reply_by``), in schedule order.
    """
    clock = _clock(clock)
    settings = settings or default_settings()
    now = clock.now()
    req = request if isinstance(request, TreatmentRequest) else validate(request, now, settings)
    planned = schedule.plan(req.treated_at, now, settings, req.channel)
    with database(db) as d:
        return cstore.create_treatment(
            d,
            sender_id=req.sender_id,
            channel=req.channel,
            conversation_id=conversation_id or req.sender_id,
            treatment=req.treatment,
            treated_at=req.treated_at,
            planned=planned,
            now=now,
            actor=actor,
        )


def get_treatment(
    treatment_id: str, db: sqlite_utils.Database | None = None
) -> dict[str, Any] | None:
    """A treatment with its check-ins (see ``register``), or None."""
    with database(db) as d:
        return cstore.get_treatment(d, treatment_id)


def contract_view(treatment: dict[str, Any]) -> dict[str, Any]:
    """A stored treatment in the shape of the contract's API answers (CONTRACT.md).

    ``{"id", "sender_id", "channel", "treatment", "treated_at", "checkins":
    [{"kind", "due_at", "status", "sent_at", "reason"}]}``: the conversation
    id, who recorded it and the reply bookkeeping stay inside. ``reason``
    says why a check-in failed or was cancelled (else null).
    """
    return {
        "id": treatment["id"],
        "sender_id": treatment["sender_id"],
        "channel": treatment["channel"],
        "treatment": treatment["treatment"],
        "treated_at": treatment["treated_at"],
        "checkins": [
            {
                "kind": c["kind"],
                "due_at": c["due_at"],
                "status": c["status"],
                "sent_at": c["sent_at"],
                "reason": c["reason"],
            }
            for c in treatment["checkins"]
        ],
    }


def treatments_for(
    conversation_id: str, db: sqlite_utils.Database | None = None
) -> list[dict[str, Any]]:
    """A conversation's treatments with their check-ins, newest first (staff pages)."""
    with database(db) as d:
        return cstore.treatments_for(d, conversation_id)


# ------------------------------------------------------------------ replies and stop


def record_reply(
    conversation_id: str,
    text: Any,
    clock: Clock | None = None,
    *,
    db: sqlite_utils.Database | None = None,
) -> ReplyContext | None:
    """A message from a patient: mark their latest sent check-in answered.

    Returns None when the conversation has no recorded treatment (done by
    now); otherwise the days since the latest treatment for the triage, and
    which check-in was answered. An empty message answers nothing. Call
    ``is_opt_out`` first: a "stop" goes to ``opt_out`` instead.
    """
    clock = _clock(clock)
    now = clock.now()
    with database(db) as d:
        latest = cstore.latest_treatment(d, conversation_id, now)
        if latest is None:
            return None
        answered = None
        if isinstance(text, str) and text.strip():
            answered = cstore.mark_answered(d, conversation_id, now)
    days = (now - parse_iso(latest["treated_at"])) / timedelta(days=1)
    return ReplyContext(
        conversation_id=conversation_id,
        treatment_id=latest["id"],
        treatment=latest["treatment"],
        treated_at=latest["treated_at"],
        days_since_treatment=round(days, 3),
        checkin_id=answered["id"] if answered else None,
        checkin_kind=answered["kind"] if answered else None,
        answered=answered is not None,
    )


def has_treatment(conversation_id: str, db: sqlite_utils.Database | None = None) -> bool:
    """Whether the clinic recorded a treatment for this conversation (a cheap first test)."""
    with database(db) as d:
        return (
            d.execute(
                "select 1 from treatments where conversation_id = ? limit 1", [conversation_id]
            ).fetchone()
            is not None
        )


def has_scheduled(conversation_id: str, db: sqlite_utils.Database | None = None) -> bool:
    """Whether check-ins are still to come for this conversation (so "stop" means them)."""
    with database(db) as d:
        return (
            d.execute(
                "select 1 from checkins c join treatments t on t.id = c.treatment_id "
                "where t.conversation_id = ? and c.status = 'scheduled' limit 1",
                [conversation_id],
            ).fetchone()
            is not None
        )


def opt_out(
    conversation_id: str,
    clock: Clock | None = None,
    *,
    actor: str = "patient",
    db: sqlite_utils.Database | None = None,
) -> int:
    """Cancel the remaining check-ins of a conversation ("stop"); how many were cancelled.

    The wish is remembered: treatments recorded later get no check-ins until
    staff call ``clear_opt_out``. The reply to send is ``settings().opt_out_reply()``.
    """
    with database(db) as d:
        return cstore.opt_out(d, conversation_id, _clock(clock).now(), actor)


def clear_opt_out(
    conversation_id: str, actor: str, db: sqlite_utils.Database | None = None
) -> bool:
    with database(db) as d:
        return cstore.clear_opt_out(d, conversation_id, actor)


def cancel(
    actor: str,
    clock: Clock | None = None,
    db: sqlite_utils.Database | None = None,
    *,
    treatment_id: str | None = None,
    checkin_id: int | None = None,
) -> int:
    """Staff: cancel a treatment's remaining check-ins, or one scheduled check-in; how many
    (0 when there was nothing scheduled to cancel)."""
    with database(db) as d:
        now = _clock(clock).now()
        return cstore.cancel(d, now, actor, treatment_id=treatment_id, checkin_id=checkin_id)


def overdue_unanswered(
    clock: Clock | None = None, *, db: sqlite_utils.Database | None = None
) -> list[dict[str, Any]]:
    """Sent check-ins with no reply by the next check-in (or the reply window): for the inbox.

    Each: ``id, kind, sent_at, reply_by, treatment_id, sender_id, channel,
    conversation_id, treated_at``; longest overdue first.
    """
    with database(db) as d:
        return cstore.overdue(d, _clock(clock).now())


# ------------------------------------------------------------------ retention


def delete_patient_data(
    conversation_id: str, actor: str = "patient", db: sqlite_utils.Database | None = None
) -> dict[str, int]:
    """ "Delete my data": the conversation's treatments, check-ins and opt-out."""
    with database(db) as d:
        return cstore.delete_conversation(d, conversation_id, actor)


def purge(
    days: int | None = None,
    clock: Clock | None = None,
    db: sqlite_utils.Database | None = None,
) -> dict[str, int]:
    """Retention: delete finished treatments older than ``days`` (default: clinic.yml's
    ``retention_days``)."""
    if days is None:
        days = int(bot_config.clinic().get("retention_days", 90))
    cutoff: datetime = _clock(clock).now() - timedelta(days=days)
    with database(db) as d:
        return cstore.purge_older_than(d, cutoff)
