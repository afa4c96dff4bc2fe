"""After a check-in: replies, opt-out, cancelling, staff views and retention."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlite_utils

from bot.checkins.clock import iso
from bot.checkins.db import STATUSES, _audit, _one, _rows
from bot.checkins.treatments import _cancel_where, audit_checkin
from bot.store import write_transaction


def mark_answered(
    db: sqlite_utils.Database, conversation_id: str, now: datetime
) -> dict[str, Any] | None:
    """Mark the conversation's latest sent check-in answered; that check-in, or None."""
    ts = iso(now)
    with write_transaction(db):
        row = _one(
            db,
            "select c.id, c.kind, c.treatment_id from checkins c join treatments t "
            "on t.id = c.treatment_id where t.conversation_id = ? and "
            "c.status = 'sent' order by c.sent_at desc, c.seq desc limit 1",
            [conversation_id],
        )
        if row is None:
            return None
        db.execute(
            "update checkins set status = 'answered', answered_at = ?, updated_at = ? "
            "where id = ? and status = 'sent'",
            [ts, ts, row["id"]],
        )
    return row


def opt_out(
    db: sqlite_utils.Database, conversation_id: str, now: datetime, actor: str = "patient"
) -> int:
    """Cancel every remaining check-in of the conversation and remember the wish.

    Returns how many were cancelled. Also cancels those of later treatments
    until ``clear_opt_out``.
    """
    ts = iso(now)
    with write_transaction(db):
        n = _cancel_where(
            db,
            "treatment_id in (select id from treatments where conversation_id = ?)",
            [conversation_id],
            ts,
            "the patient asked to stop check-ins",
        )
        db.execute(
            "update treatments set opted_out_at = ? where conversation_id = ? and "
            "opted_out_at is null",
            [ts, conversation_id],
        )
        db.execute(
            "insert or replace into checkin_optouts (conversation_id, at) values (?, ?)",
            [conversation_id, ts],
        )
        _audit(db, actor, "checkins_opted_out", None, {"cancelled": n})
    return n


def opted_out(db: sqlite_utils.Database, conversation_id: str) -> str | None:
    """When the patient said "stop", or None."""
    row = _one(db, "select at from checkin_optouts where conversation_id = ?", [conversation_id])
    return row["at"] if row else None


def clear_opt_out(db: sqlite_utils.Database, conversation_id: str, actor: str) -> bool:
    """Staff: the patient agreed to check-ins again (for treatments recorded from now on)."""
    with write_transaction(db):
        n = db.execute(
            "delete from checkin_optouts where conversation_id = ?", [conversation_id]
        ).rowcount
        if n:
            _audit(db, actor, "checkins_opt_out_cleared", None, None)
    return bool(n)


def cancel(
    db: sqlite_utils.Database,
    now: datetime,
    actor: str,
    *,
    treatment_id: str | None = None,
    checkin_id: int | None = None,
) -> int:
    """Staff: cancel a treatment's remaining check-ins, or one scheduled check-in; how many.

    A check-in that is not scheduled (or is being sent) is not cancelled: 0.
    """
    where, key = (
        ("id = ?", checkin_id) if checkin_id is not None else ("treatment_id = ?", treatment_id)
    )
    with write_transaction(db):
        n = _cancel_where(db, where, [key], iso(now), "cancelled by staff")
        if n and checkin_id is not None:
            audit_checkin(db, actor, "checkin_cancelled", checkin_id)
        elif n:
            _audit(db, actor, "checkins_cancelled", treatment_id, {"cancelled": n})
    return n


# ------------------------------------------------------------------ staff views


def overdue(db: sqlite_utils.Database, now: datetime, limit: int = 200) -> list[dict[str, Any]]:
    """Sent check-ins that asked a question and got no reply by their ``reply_by``.

    Only the latest sent check-in of a treatment counts (an answer to a later
    one makes an earlier silence moot), and not for patients who said "stop"
    or who have a later treatment on record.
    """
    return _rows(
        db,
        """
        select c.id, c.kind, c.sent_at, c.reply_by, c.treatment_id, t.sender_id, t.channel,
               t.conversation_id, t.treated_at
        from checkins c join treatments t on t.id = c.treatment_id
        where c.status = 'sent' and c.expects_reply = 1 and c.reply_by <= ?
          and t.opted_out_at is null
          and not exists (select 1 from checkins later where later.treatment_id = c.treatment_id
                          and later.seq > c.seq and later.status in ('sent', 'answered'))
          and not exists (select 1 from treatments t2 where t2.conversation_id = t.conversation_id
                          and t2.treated_at > t.treated_at)
        order by c.reply_by limit ?""",
        [iso(now), limit],
    )


def checkins_with_status(
    db: sqlite_utils.Database, status: str, limit: int = 200
) -> list[dict[str, Any]]:
    """Check-ins in one status, most recently changed first (e.g. ``failed`` for the inbox)."""
    if status not in STATUSES:
        raise ValueError(f"status must be one of {', '.join(STATUSES)}")
    return _rows(
        db,
        "select c.*, t.sender_id, t.channel, t.conversation_id, t.treatment, "
        "t.treated_at from checkins c join treatments t on t.id = c.treatment_id "
        "where c.status = ? order by c.updated_at desc, c.id desc limit ?",
        [status, limit],
    )


# ------------------------------------------------------------------ retention


def _delete_treatments(db: sqlite_utils.Database, ids: list[str]) -> dict[str, int]:
    n_checkins = 0
    for tid in ids:
        db.execute(
            "delete from checkin_sends where checkin_id in "
            "(select id from checkins where treatment_id = ?)",
            [tid],
        )
        n_checkins += db.execute("delete from checkins where treatment_id = ?", [tid]).rowcount
        db.execute("delete from treatments where id = ?", [tid])
    return {"treatments": len(ids), "checkins": n_checkins}


def purge_older_than(db: sqlite_utils.Database, cutoff: datetime) -> dict[str, int]:
    """Delete treatments done before ``cutoff`` whose check-ins are all finished.

    Opt-outs are kept (a patient's "stop" outlives the retention period of
    the data it stopped); "delete my data" removes them too.
    """
    with write_transaction(db):
        ids = [
            r["id"]
            for r in _rows(
                db,
                "select id from treatments t where treated_at < ? and not exists ("
                "select 1 from checkins c where c.treatment_id = t.id and c.status = 'scheduled')",
                [iso(cutoff)],
            )
        ]
        result = _delete_treatments(db, ids)
        if ids:
            _audit(db, "system", "checkins_purged", None, result)
    return result


def delete_conversation(
    db: sqlite_utils.Database, conversation_id: str, actor: str = "patient"
) -> dict[str, int]:
    """ "Delete my data": every treatment, check-in, send record and opt-out of a conversation."""
    with write_transaction(db):
        ids = [
            r["id"]
            for r in _rows(
                db, "select id from treatments where conversation_id = ?", [conversation_id]
            )
        ]
        result = _delete_treatments(db, ids)
        result["opt_outs"] = db.execute(
            "delete from checkin_optouts where conversation_id = ?", [conversation_id]
        ).rowcount
        _audit(db, actor, "checkins_deleted", None, result)
    return result
