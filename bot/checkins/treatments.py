"""Recording a treatment and its check-ins; reading them back (tables in ``bot.checkins.db``)."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import sqlite_utils

from bot.checkins.clock import iso
from bot.checkins.db import _audit, _one, _rows
from bot.checkins.schedule import Planned
from bot.store import write_transaction


def new_treatment_id() -> str:
    return "TR-" + secrets.token_hex(5).upper()


def create_treatment(
    db: sqlite_utils.Database,
    *,
    sender_id: str,
    channel: str,
    conversation_id: str,
    treatment: str,
    treated_at: datetime,
    planned: Sequence[Planned],
    now: datetime,
    actor: str,
) -> dict[str, Any]:
    """Store a treatment and its planned check-ins in one transaction; the stored treatment.

    The same treatment recorded twice (same conversation, time and name, e.g.
    a booking system retrying) returns the first one with ``created: False``.
    A newer treatment replaces the remaining check-ins of older ones of the
    same conversation; a patient who said "stop" gets them cancelled at once.
    """
    ts = iso(now)
    with write_transaction(db):
        existing = _one(
            db,
            "select id from treatments where conversation_id = ? and "
            "treated_at = ? and treatment = ?",
            [conversation_id, iso(treated_at), treatment],
        )
        if existing:
            found = get_treatment(db, existing["id"])
            if found is None:
                raise RuntimeError("the treatment just written could not be read back")
            found["created"] = False
            return found
        tid = new_treatment_id()
        db.table("treatments").insert(
            {
                "id": tid,
                "sender_id": sender_id,
                "channel": channel,
                "conversation_id": conversation_id,
                "treatment": treatment,
                "treated_at": iso(treated_at),
                "created_at": ts,
                "created_by": actor,
                "opted_out_at": None,
            }
        )
        for p in planned:
            db.table("checkins").insert(
                {
                    "treatment_id": tid,
                    "seq": p.seq,
                    "kind": p.kind,
                    "due_at": iso(p.due_at),
                    "status": "scheduled",
                    "expects_reply": 1 if p.expects_reply else 0,
                    "reply_by": iso(p.reply_by) if p.reply_by else None,
                    "attempts": 0,
                    "next_try_at": None,
                    "sent_at": None,
                    "answered_at": None,
                    "cancelled_at": None,
                    "failed_at": None,
                    "reason": None,
                    "updated_at": ts,
                }
            )
        _audit(
            db,
            actor,
            "treatment_recorded",
            tid,
            {"channel": channel, "checkins": [p.kind for p in planned]},
        )
        optout = _one(
            db, "select at from checkin_optouts where conversation_id = ?", [conversation_id]
        )
        if optout:
            _cancel_where(
                db,
                "treatment_id = ?",
                [tid],
                ts,
                f"the patient asked to stop check-ins ({optout['at'][:10]}); "
                "staff can allow them again",
            )
        # Only the newest treatment of a conversation keeps scheduled check-ins.
        newest = _one(
            db,
            "select id from treatments where conversation_id = ? "
            "order by treated_at desc, created_at desc, rowid desc limit 1",
            [conversation_id],
        )
        if newest is None:
            raise RuntimeError("the treatment just written could not be read back")
        _cancel_where(
            db,
            "treatment_id in (select id from treatments where conversation_id = ? and id != ?)",
            [conversation_id, newest["id"]],
            ts,
            "replaced by the check-ins of a later treatment",
        )
    result = get_treatment(db, tid)
    if result is None:
        raise RuntimeError("the treatment just written could not be read back")
    result["created"] = True
    return result


def _cancel_where(
    db: sqlite_utils.Database, where: str, args: Sequence[Any], ts: str, reason: str
) -> int:
    """Cancel scheduled check-ins (not one a worker is sending) matching ``where``."""
    return db.execute(
        "update checkins set status = 'cancelled', cancelled_at = ?, reason = ?, updated_at = ? "  # noqa: S608 - where is the caller's own SQL; values are bound
        f"where status = 'scheduled' and ({where}) and id not in ("
        "select checkin_id from checkin_sends where finished_at is null)",
        [ts, reason, ts, *args],
    ).rowcount


def _public_checkin(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row["id"],
        "kind": row["kind"],
        "due_at": row["due_at"],
        "status": row["status"],
        "sent_at": row["sent_at"],
        "answered_at": row["answered_at"],
        "reason": row["reason"],
        "expects_reply": bool(row["expects_reply"]),
        "reply_by": row["reply_by"],
    }


def get_treatment(db: sqlite_utils.Database, treatment_id: str) -> dict[str, Any] | None:
    """A treatment with its check-ins in schedule order, or None."""
    row = _one(db, "select * from treatments where id = ?", [treatment_id])
    if row is None:
        return None
    row["checkins"] = [
        _public_checkin(c)
        for c in _rows(
            db, "select * from checkins where treatment_id = ? order by seq", [treatment_id]
        )
    ]
    return row


def treatments_for(db: sqlite_utils.Database, conversation_id: str) -> list[dict[str, Any]]:
    """A conversation's treatments, newest first, each with its check-ins."""
    ids = [
        r["id"]
        for r in _rows(
            db,
            "select id from treatments where conversation_id = ? "
            "order by treated_at desc, created_at desc",
            [conversation_id],
        )
    ]
    return [t for t in (get_treatment(db, i) for i in ids) if t is not None]


def latest_treatment(
    db: sqlite_utils.Database, conversation_id: str, now: datetime
) -> dict[str, Any] | None:
    """The most recent treatment of a conversation done by ``now``."""
    return _one(
        db,
        "select * from treatments where conversation_id = ? and treated_at <= ? "
        "order by treated_at desc, created_at desc limit 1",
        [conversation_id, iso(now)],
    )


def get_checkin(db: sqlite_utils.Database, checkin_id: int) -> dict[str, Any] | None:
    return _one(
        db,
        "select c.*, t.sender_id, t.channel, t.conversation_id, t.treatment, "
        "t.treated_at from checkins c join treatments t on t.id = c.treatment_id "
        "where c.id = ?",
        [checkin_id],
    )


def audit_checkin(
    db: sqlite_utils.Database, actor: str, action: str, checkin_id: int, **detail: Any
) -> None:
    """An audit row about one check-in: its treatment, its kind and ``detail``."""
    row = get_checkin(db, checkin_id)
    treatment_id = row["treatment_id"] if row else None
    _audit(db, actor, action, treatment_id, {"kind": row["kind"] if row else None, **detail})
