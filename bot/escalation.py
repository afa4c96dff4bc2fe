"""Turning a triage level into a ticket for staff.

One episode, one ticket: a conversation that already has an open ticket at the
same or a more urgent level gets that ticket back (with a note, at most one a
minute), not a new one, and staff are alerted once per ticket. The action
server and the reconciler both call ``escalate``; the store's unique
(conversation, episode) index makes a race between them harmless.

When the database cannot be written (a full disk, a locked or broken file):

1. staff are alerted at once, without a ticket (``notify.alert_unrecorded``);
2. the escalation is written to the spool, replayed into a ticket by
   ``bot.reconcile`` once the database is back.

The spool (its files: ``bot.escalation_spool``) is a reserve file of fixed
slots made in advance, so it still works when the disk is full.

``Escalation.staff_know`` says whether staff are known to have the report (a
ticket in the inbox, or an alert that went through), so the patient is only
told "the team has your message" when it is true.
"""

from __future__ import annotations

import logging
import shutil
import sqlite3
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, ParamSpec

import sqlite_utils

from bot import config, escalation_spool, store
from bot.escalation_spool import prepare, reserve_path, spool_path, spooled
from bot.escalation_spool import write as _spool
from bot.levels import ESCALATING  # routine, urgent, emergency: the levels that make a ticket
from bot.settings import settings

log = logging.getLogger(__name__)
P = ParamSpec("P")
NOTE_EVERY_SECONDS = 60
__all__ = [
    "Escalation",
    "escalate",
    "outcome",
    "replay_spool",
    "unreachable_text",
    "storage_problem",
    "prepare",
    "reserve_path",
    "spool_path",
    "spooled",
]


@dataclass
class Escalation:
    """What became of one escalation."""

    ticket: dict[str, Any] | None = None
    spooled: bool = False
    alerted: bool = False  # an alert without a ticket went through

    @property
    def staff_know(self) -> bool:
        """True when staff have it: a ticket in the inbox, or an alert that was sent."""
        return self.ticket is not None or self.alerted


# ------------------------------------------------------------ escalate


def outcome(
    conversation_id: str,
    channel: str,
    level: str,
    reason: str,
    signs: Iterable[str] = (),
    episode_key: str | None = None,
    source: str = "bot",
    notify: bool = True,
    note_repeat: bool = True,
    db: sqlite_utils.Database | None = None,
) -> Escalation:
    """Create (or find) the ticket for this episode and alert staff; the whole story.

    ``escalate`` is the same call returning just the ticket (None when spooled).
    """
    if level not in ESCALATING:
        return Escalation()
    signs = list(signs)
    try:
        ticket, new = _record(
            conversation_id, channel, level, reason, signs, episode_key, source, note_repeat, db
        )
    except (sqlite3.Error, OSError) as exc:
        log.error(
            "could not record a %s escalation (%s); alerting staff and spooling it", level, exc
        )
        alerted = False
        if notify:
            alerted = _alert_unrecorded(level, reason, signs)
        spooled = _spool(
            {
                "conversation_id": conversation_id,
                "channel": channel,
                "level": level,
                "reason": reason,
                "signs": signs,
                "episode_key": episode_key,
                "source": source,
                "alerted": alerted,
            }
        )
        return Escalation(None, spooled, alerted)
    if notify and new:
        _alert(ticket)
    return Escalation(ticket)


def _ticket_only(full: Callable[P, Escalation]) -> Callable[P, dict[str, Any] | None]:
    def escalate(*args: P.args, **kwargs: P.kwargs) -> dict[str, Any] | None:
        """Create (or find) the ticket for this episode and alert staff.

        Returns the ticket, or None when it had to be spooled (the arguments
        and the whole story: ``outcome``).
        """
        return full(*args, **kwargs).ticket

    return escalate


escalate = _ticket_only(outcome)


def _record(
    conversation_id: str,
    channel: str,
    level: str,
    reason: str,
    signs: list[str],
    episode_key: str | None,
    source: str,
    note_repeat: bool,
    db: sqlite_utils.Database | None,
) -> tuple[dict[str, Any], bool]:
    """(ticket, created now); raises sqlite3.Error or OSError when it cannot write."""
    db = db if db is not None else store.open_db()
    current = store.open_ticket_for(conversation_id, db=db)
    if current and store.PRIORITY_RANK[current["priority"]] <= store.PRIORITY_RANK[level]:
        if (
            note_repeat
            and episode_key
            and current["episode_key"] != episode_key
            and not _noted_lately(current["id"], source, db)
        ):
            store.add_note(
                current["id"], source, f"Patient reported again ({level}): {reason}", db=db
            )
        return current, False
    before = (
        db.execute(
            "select 1 from tickets where conversation_id = ? and episode_key = ?",
            [conversation_id, episode_key],
        ).fetchone()
        if episode_key
        else None
    )
    ticket = store.create_ticket(
        conversation_id,
        channel,
        level,
        reason,
        signs,
        episode_key=episode_key,
        source=source,
        db=db,
    )
    if ticket is None:  # written in a transaction, so this would be a broken file
        raise sqlite3.DatabaseError("the ticket just written cannot be read back")
    return ticket, before is None


def _noted_lately(ticket_id: str, author: str, db: sqlite_utils.Database) -> bool:
    """A "reported again" note in the last minute: repeats add no more (one per minute)."""
    row = db.execute(
        "select 1 from notes where ticket_id = ? and author = ? and "
        "text like 'Patient reported again%' and created_at >= ? limit 1",
        [ticket_id, author, store.iso_in(-NOTE_EVERY_SECONDS)],
    ).fetchone()
    return row is not None


def _alert(ticket: dict[str, Any]) -> None:
    """Tell staff; a failure to notify must never lose the ticket or the reply."""
    log.warning("ESCALATION %s ticket %s", ticket["priority"], ticket["id"])
    try:
        from bot import notify

        notify.alert_staff(ticket)
    except Exception:  # noqa: BLE001 - the notifier retries on its own
        log.exception("staff notification for %s could not be queued", ticket["id"])


def _alert_unrecorded(level: str, reason: str, signs: list[str]) -> bool:
    try:
        from bot import notify

        return bool(notify.alert_unrecorded(level, reason, signs))
    except Exception:  # noqa: BLE001 - still spool it
        log.exception("staff alert for an unrecorded %s escalation failed", level)
        return False


def unreachable_text() -> str:
    """For the patient when staff could not be told: who to call instead.

    Wording note: knowledge/replies is the home of what the bot says; this
    sentence lives here until it gets a response of its own there.
    """
    try:
        facts = config.clinic() or {}
    except Exception:  # noqa: BLE001
        facts = {}
    phone = facts.get("urgent_line") or facts.get("phone") or "the clinic"
    return (
        f"I could not pass your message to the clinic team just now. Please call "
        f"{phone} yourself; in an emergency call {facts.get('emergency_number') or 999}."
    )


# ------------------------------------------------------------ replaying the spool


def _replay_one(entry: dict[str, Any], db: sqlite_utils.Database | None) -> bool:
    """Record one spooled entry (True if recorded); raises while the database is unwritable."""
    e = dict(entry)
    alerted = bool(e.pop("alerted", False))
    ticket, new = _record(
        e["conversation_id"],
        e["channel"],
        e["level"],
        e["reason"],
        list(e.get("signs") or []),
        e.get("episode_key"),
        e.get("source") or "bot",
        True,
        db,
    )
    if new:
        if alerted:  # staff were paged when it happened: the ticket needs no second page
            log.warning(
                "ESCALATION %s ticket %s recorded from the spool", ticket["priority"], ticket["id"]
            )
        else:
            _alert(ticket)
    return ticket is not None


def replay_spool(db: sqlite_utils.Database | None = None) -> int:
    """Record spooled escalations; returns how many were recorded."""
    return escalation_spool.drain(lambda entry: _replay_one(entry, db))


# ------------------------------------------------------------ health


def storage_problem() -> str | None:
    """A sentence when escalations could go unrecorded (little disk left, no reserve)."""
    try:
        d = config.data_dir()
        free = shutil.disk_usage(d).free
        if free < settings().BOT_MIN_FREE_MB * 1024 * 1024:
            return (
                f"BOT_DATA_DIR ({d}) has only {free // (1024 * 1024)} MB free: tickets, "
                "transcripts and logs will soon fail to be written"
            )
        if not reserve_path().exists():
            try:
                prepare()
            except OSError as exc:
                return f"the escalation reserve {reserve_path()} is missing ({exc})"
        waiting = len(spooled())
        if waiting:
            return f"{waiting} escalation(s) wait in the spool: the database is not writable"
    except (OSError, ValueError) as exc:
        return f"the data folder cannot be checked: {exc}"
    return None


def main(argv: list[str] | None = None) -> int:
    """``python -m bot.escalation prepare|check``: make the reserve; report storage."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["prepare"]:
        try:
            prepare()
        except OSError as exc:
            print(f"could not make the escalation reserve: {exc}", file=sys.stderr)
            return 1
        return 0
    problem = storage_problem()
    print(problem or "ok")
    return 1 if problem else 0


if __name__ == "__main__":
    sys.exit(main())
