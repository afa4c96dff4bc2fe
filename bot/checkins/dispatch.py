"""Sending the check-ins that are due: ``send_due(clock, sender)``.

Sending is injected: ``send_due`` hands each due check-in, as an
``OutgoingCheckin``, to ``sender``; the sender delivers it on the patient's
channel (``bot.checkin_delivery``) and

- returns normally when the channel took the message (-> ``sent``),
- raises ``NotDelivered(reason)`` when it cannot be delivered and trying again
  will not help, e.g. "no WhatsApp template configured" (-> ``failed``, with
  "could not be delivered: <reason>" for staff),
- raises ``TryLater(reason)`` when nothing reached the patient and it may work
  later, e.g. Rasa is restarting (-> still ``scheduled``, tried again after
  ``sending.retry_after_seconds``, ``failed`` after ``sending.max_attempts``).

Any other exception counts as ``NotDelivered`` with its text: the safe side,
since a message that might have gone out is never sent twice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from bot.checkins import schedule
from bot.checkins import store as cstore
from bot.checkins.clock import Clock, or_system
from bot.checkins.config import Settings
from bot.checkins.config import settings as default_settings
from bot.checkins.db import database
from bot.checkins.request import Refusal

logger = logging.getLogger("bot.checkins")


class NotDelivered(Refusal):
    """Raised by a sender: the check-in cannot reach the patient; do not try again."""


class TryLater(Refusal):
    """Raised by a sender: nothing reached the patient, but a later try may work."""


@dataclass(frozen=True)
class OutgoingCheckin:
    """One check-in handed to a sender."""

    checkin_id: int
    treatment_id: str
    kind: str
    conversation_id: str
    sender_id: str
    channel: str
    text: str  # rendered with the clinic's facts
    buttons: list[dict[str, str]]  # quick replies: [{"title", "payload"}]
    treated_at: str
    due_at: str


@dataclass(frozen=True)
class SendResult:
    checkin_id: int
    kind: str
    conversation_id: str
    status: str  # sent | failed | scheduled (to be tried again)
    reason: str | None = None


Sender = Callable[[OutgoingCheckin], Any]


def outgoing(row: dict[str, Any], settings: Settings) -> OutgoingCheckin:
    """The message for a stored check-in (KeyError: its kind left the schedule)."""
    return OutgoingCheckin(
        checkin_id=row["id"],
        treatment_id=row["treatment_id"],
        kind=row["kind"],
        conversation_id=row["conversation_id"],
        sender_id=row["sender_id"],
        channel=row["channel"],
        text=settings.message(row["kind"]),
        buttons=settings.buttons(row["kind"]),
        treated_at=row["treated_at"],
        due_at=row["due_at"],
    )


def send_due(
    clock: Clock | None,
    sender: Sender,
    *,
    db: sqlite_utils.Database | None = None,
    settings: Settings | None = None,
    limit: int = 100,
    worker: str | None = None,
) -> list[SendResult]:
    """Send every check-in that is due now; what happened to each.

    Safe to run in several workers at once: each check-in is taken by exactly
    one (see ``store.claim``). Check-ins of a channel in its quiet hours wait.
    """
    clock = or_system(clock)
    settings = settings or default_settings()
    sending = settings.spec.sending
    worker = worker or cstore.worker_name()
    results: list[SendResult] = []
    with database(db) as d:
        now = clock.now()
        for cid in cstore.expire_claims(d, now):
            logger.warning("check-in %s: its sender stopped while sending; marked failed", cid)
        cstore.supersede_missed(d, now)
        for row in cstore.due_checkins(d, now, limit):
            now = clock.now()
            if schedule.in_quiet_hours(now, settings.quiet_hours_for(row["channel"]), settings.tz):
                continue
            if not cstore.claim(d, row["id"], now, worker, sending.lease_seconds):
                continue
            results.append(_send_one(d, row, clock, sender, settings))
    return results


def _send_one(
    db: sqlite_utils.Database, row: dict[str, Any], clock: Clock, sender: Sender, settings: Settings
) -> SendResult:
    sending = settings.spec.sending

    def result(status: str, reason: str | None = None) -> SendResult:
        return SendResult(row["id"], row["kind"], row["conversation_id"], status, reason)

    try:
        message = outgoing(row, settings)
    except KeyError:
        reason = f"not sent: {row['kind']!r} is no longer in the schedule of {settings.path.name}"
        cstore.mark_failed(db, row["id"], clock.now(), reason)
        return result("failed", reason)
    try:
        sender(message)
    except NotDelivered as exc:
        reason = f"could not be delivered: {exc.reason}"
        cstore.mark_failed(db, row["id"], clock.now(), reason)
        return result("failed", reason)
    except TryLater as exc:
        status = cstore.retry_later(
            db,
            row["id"],
            clock.now(),
            f"not sent yet: {exc.reason}",
            sending.retry_after_seconds,
            sending.max_attempts,
        )
        return result(status, exc.reason)
    except Exception as exc:  # noqa: BLE001 - a sender's bug must not stop the others
        logger.exception("sending check-in %s failed", row["id"])
        reason = f"could not be delivered: {exc.__class__.__name__}: {str(exc)[:300]}"
        cstore.mark_failed(db, row["id"], clock.now(), reason)
        return result("failed", reason)
    cstore.mark_sent(db, row["id"], clock.now(), settings.spec.reply_window_hours)
    return result("sent")


def retry_failed(
    checkin_id: int,
    actor: str,
    clock: Clock | None = None,
    db: sqlite_utils.Database | None = None,
) -> bool:
    """Staff: put a failed check-in back in the queue, due now."""
    with database(db) as d:
        return cstore.retry_failed(d, checkin_id, or_system(clock).now(), actor)
