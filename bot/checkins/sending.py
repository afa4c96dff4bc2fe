"""Sending check-ins: what is due, one worker's claim, and the outcome of a send."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from typing import Any

import sqlite_utils

from bot.checkins.clock import iso
from bot.checkins.db import _one, _rows
from bot.checkins.treatments import audit_checkin
from bot.store import write_transaction


def expire_claims(db: sqlite_utils.Database, now: datetime) -> list[int]:
    """Mark failed the check-ins whose worker stopped while sending; their ids.

    They are not sent again by themselves: the message may have arrived.
    Staff see the reason and can try again.
    """
    ts = iso(now)
    with write_transaction(db):
        stale = [
            r["checkin_id"]
            for r in _rows(
                db,
                "select checkin_id from checkin_sends where finished_at is null and "
                "lease_until <= ?",
                [ts],
            )
        ]
        for cid in stale:
            db.execute(
                "update checkin_sends set finished_at = ?, outcome = 'interrupted' "
                "where checkin_id = ?",
                [ts, cid],
            )
            db.execute(
                "update checkins set status = 'failed', failed_at = ?, updated_at = ?, "
                "reason = ? where id = ? and status = 'scheduled'",
                [
                    ts,
                    ts,
                    "not confirmed: the sender stopped while sending this check-in, so it "
                    "may or may not have arrived; it is not sent again by itself",
                    cid,
                ],
            )
    return stale


def supersede_missed(db: sqlite_utils.Database, now: datetime) -> int:
    """Cancel due check-ins that a later due check-in of the same treatment makes moot.

    After the worker was down for days, the patient gets the latest message,
    not three at once (the same rule as for a treatment registered late).
    """
    ts = iso(now)
    with write_transaction(db):
        return db.execute(
            "update checkins set status = 'cancelled', cancelled_at = ?, updated_at = ?, "
            "reason = 'not sent: a later check-in was already due' "
            "where status = 'scheduled' and due_at <= ? "
            "and id not in (select checkin_id from checkin_sends) "
            "and exists (select 1 from checkins later where later.treatment_id = "
            "checkins.treatment_id and later.seq > checkins.seq and later.status = 'scheduled' "
            "and later.due_at <= ?)",
            [ts, ts, ts, ts],
        ).rowcount


_DUE = (
    "c.status = 'scheduled' and c.due_at <= :now and "
    "(c.next_try_at is null or c.next_try_at <= :now) and "
    "not exists (select 1 from checkin_sends s where s.checkin_id = c.id)"
)


def due_checkins(
    db: sqlite_utils.Database, now: datetime, limit: int = 100
) -> list[dict[str, Any]]:
    """Check-ins due for sending and not taken by a worker, oldest first."""
    return _rows(
        db,
        "select c.*, t.sender_id, t.channel, t.conversation_id, t.treatment, "  # noqa: S608 - _DUE is a constant; values are bound
        "t.treated_at from checkins c join treatments t on t.id = c.treatment_id "
        f"where {_DUE} order by c.due_at, c.id limit :limit",
        {"now": iso(now), "limit": limit},
    )


def claim(
    db: sqlite_utils.Database, checkin_id: int, now: datetime, worker: str, lease_seconds: int
) -> bool:
    """Take one due check-in for sending; False if another worker has it or it is not due.

    The check and the send record are written in one ``BEGIN IMMEDIATE``
    transaction; the send record's primary key is a second guard.
    """
    ts = iso(now)
    try:
        with write_transaction(db):
            due = db.execute(
                f"select 1 from checkins c where c.id = :id and {_DUE}",  # noqa: S608 - _DUE is a constant; values are bound
                {"id": checkin_id, "now": ts},
            ).fetchone()
            if not due:
                return False
            db.execute(
                "insert into checkin_sends (checkin_id, worker, claimed_at, lease_until) "
                "values (?, ?, ?, ?)",
                [checkin_id, worker, ts, iso(now + timedelta(seconds=lease_seconds))],
            )
    except sqlite3.IntegrityError:
        return False
    return True


def _finish_send(db: sqlite_utils.Database, checkin_id: int, ts: str, outcome: str) -> None:
    db.execute(
        "update checkin_sends set finished_at = ?, outcome = ? where checkin_id = ?",
        [ts, outcome, checkin_id],
    )


def mark_sent(
    db: sqlite_utils.Database, checkin_id: int, now: datetime, reply_window_hours: int
) -> None:
    """The channel took the message. It was delivered, so ``sent`` holds even if the
    check-in was cancelled or given up on while it was on its way."""
    ts = iso(now)
    min_reply_by = iso(now + timedelta(hours=reply_window_hours))
    with write_transaction(db):
        db.execute(
            "update checkins set status = 'sent', sent_at = ?, updated_at = ?, reason = null, "
            "attempts = attempts + 1, cancelled_at = null, failed_at = null, "
            "reply_by = case when expects_reply = 1 then max(coalesce(reply_by, ''), ?) end "
            "where id = ? and status in ('scheduled', 'failed', 'cancelled')",
            [ts, ts, min_reply_by, checkin_id],
        )
        _finish_send(db, checkin_id, ts, "sent")


def mark_failed(
    db: sqlite_utils.Database, checkin_id: int, now: datetime, reason: str, actor: str = "worker"
) -> None:
    """Nothing reached the patient and trying again would not help."""
    ts = iso(now)
    with write_transaction(db):
        changed = db.execute(
            "update checkins set status = 'failed', failed_at = ?, updated_at = ?, reason = ?, "
            "attempts = attempts + 1 where id = ? and status = 'scheduled'",
            [ts, ts, reason[:500], checkin_id],
        ).rowcount
        _finish_send(db, checkin_id, ts, "failed")
        if changed:
            audit_checkin(db, actor, "checkin_failed", checkin_id, reason=reason[:200])


def retry_later(
    db: sqlite_utils.Database,
    checkin_id: int,
    now: datetime,
    reason: str,
    retry_after_seconds: int,
    max_attempts: int,
) -> str:
    """Nothing reached the patient; try again later, or give up after ``max_attempts``.

    Returns the new status (``scheduled`` or ``failed``).
    """
    ts = iso(now)
    with write_transaction(db):
        row = _one(db, "select attempts, status from checkins where id = ?", [checkin_id])
        if row is None or row["status"] != "scheduled":
            _finish_send(db, checkin_id, ts, "not_sent")
            return row["status"] if row else "cancelled"
        attempts = int(row["attempts"] or 0) + 1
        if attempts >= max_attempts:
            db.execute(
                "update checkins set status = 'failed', failed_at = ?, updated_at = ?, "
                "reason = ?, attempts = ? where id = ?",
                [ts, ts, f"{reason[:400]} (gave up after {attempts} tries)", attempts, checkin_id],
            )
            _finish_send(db, checkin_id, ts, "failed")
            return "failed"
        db.execute(
            "update checkins set attempts = ?, reason = ?, updated_at = ?, "
            "next_try_at = ? where id = ?",
            [
                attempts,
                reason[:500],
                ts,
                iso(now + timedelta(seconds=retry_after_seconds)),
                checkin_id,
            ],
        )
        # Nothing was delivered: the send record goes, so a later round may take it again.
        db.execute("delete from checkin_sends where checkin_id = ?", [checkin_id])
        return "scheduled"


def release(db: sqlite_utils.Database, checkin_id: int) -> None:
    """Give a claimed check-in back untouched (e.g. quiet hours began meanwhile)."""
    with write_transaction(db):
        db.execute(
            "delete from checkin_sends where checkin_id = ? and finished_at is null", [checkin_id]
        )


def retry_failed(db: sqlite_utils.Database, checkin_id: int, now: datetime, actor: str) -> bool:
    """Staff: send a failed check-in again as soon as possible."""
    ts = iso(now)
    with write_transaction(db):
        changed = db.execute(
            "update checkins set status = 'scheduled', due_at = ?, next_try_at = null, "
            "attempts = 0, failed_at = null, reason = null, updated_at = ? "
            "where id = ? and status = 'failed'",
            [ts, ts, checkin_id],
        ).rowcount
        if not changed:
            return False
        db.execute("delete from checkin_sends where checkin_id = ?", [checkin_id])
        audit_checkin(db, actor, "checkin_retried", checkin_id)
    return True
