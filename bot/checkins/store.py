"""Check-ins in SQLite (``clinic.db``): treatments, check-ins, send records, opt-outs.

Tables (created if missing by ``ensure_schema``; to be folded into the
store's versioned migrations):

- ``treatments``: one row per treatment the clinic recorded: ``id``,
  ``sender_id`` (as given), ``channel``, ``conversation_id`` (the Rasa
  conversation the check-ins go to and replies come from), ``treatment``,
  ``treated_at``, ``created_at``, ``created_by``, ``opted_out_at``.
- ``checkins``: one row per planned message: ``kind``, ``seq`` (place in the
  schedule), ``due_at``, ``status``, ``expects_reply``, ``reply_by``,
  ``attempts``, ``next_try_at``, ``sent_at``, ``answered_at``,
  ``cancelled_at``, ``failed_at``, ``reason`` (why it failed or was cancelled).
- ``checkin_sends``: at most one row per check-in (its primary key): the
  record that a worker took it for sending. Taking it happens in a
  ``BEGIN IMMEDIATE`` transaction, so of two workers exactly one gets it and
  the other moves on. The row stays after sending: a check-in is never taken
  twice. If the worker dies before it reports back, the check-in is marked
  failed when the lease runs out, not sent again (it may have arrived).
- ``checkin_optouts``: conversations whose patient said "stop": later
  treatments of theirs get no check-ins until staff clear it.

Times are stored as UTC text in one format (``clock.iso``), so comparing the
text compares the times. Every function takes the ``sqlite_utils.Database``
first and the current time where it matters: no hidden clock.

Assumes one host (SQLite). A group of clinics would move these tables to
PostgreSQL with the rest of ``clinic.db``: the claim becomes
``SELECT ... FOR UPDATE SKIP LOCKED`` with the same unique send record.
"""

from __future__ import annotations

import os
import secrets
import socket
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import sqlite_utils

from bot import store as main_store
from bot.checkins.clock import iso
from bot.checkins.schedule import Planned

STATUSES = ("scheduled", "sent", "answered", "cancelled", "failed")
#: Which status may follow which. ``failed -> scheduled`` is staff's "try again".
TRANSITIONS: dict[str, frozenset[str]] = {
    "scheduled": frozenset({"sent", "failed", "cancelled"}),
    "sent": frozenset({"answered"}),
    "failed": frozenset({"scheduled"}),
    "answered": frozenset(),
    "cancelled": frozenset(),
}
TABLES = ("treatments", "checkins", "checkin_sends", "checkin_optouts")


class TransitionError(ValueError):
    """A check-in cannot go from its status to the one asked for."""


def can_transition(old: str, new: str) -> bool:
    return new in TRANSITIONS.get(old, frozenset())


# ------------------------------------------------------------------ schema


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create the check-in tables and indexes if missing (idempotent, safe in parallel)."""
    existing = set(db.table_names())
    if existing.issuperset(TABLES):
        return
    with transaction(db):
        db.table("treatments").create(
            {
                "id": str,
                "sender_id": str,
                "channel": str,
                "conversation_id": str,
                "treatment": str,
                "treated_at": str,
                "created_at": str,
                "created_by": str,
                "opted_out_at": str,
            },
            pk="id",
            if_not_exists=True,
            not_null={
                "sender_id",
                "channel",
                "conversation_id",
                "treatment",
                "treated_at",
                "created_at",
            },
        )
        db.table("treatments").create_index(
            ["conversation_id", "treated_at", "treatment"], unique=True, if_not_exists=True
        )
        db.table("checkins").create(
            {
                "id": int,
                "treatment_id": str,
                "seq": int,
                "kind": str,
                "due_at": str,
                "status": str,
                "expects_reply": int,
                "reply_by": str,
                "attempts": int,
                "next_try_at": str,
                "sent_at": str,
                "answered_at": str,
                "cancelled_at": str,
                "failed_at": str,
                "reason": str,
                "updated_at": str,
            },
            pk="id",
            if_not_exists=True,
            foreign_keys=[("treatment_id", "treatments", "id")],
            not_null={"treatment_id", "seq", "kind", "due_at", "status"},
            defaults={"attempts": 0, "expects_reply": 0},
        )
        db.table("checkins").create_index(["treatment_id", "kind"], unique=True, if_not_exists=True)
        db.table("checkins").create_index(["status", "due_at"], if_not_exists=True)
        db.table("checkin_sends").create(
            {
                "checkin_id": int,
                "worker": str,
                "claimed_at": str,
                "lease_until": str,
                "finished_at": str,
                "outcome": str,
            },
            pk="checkin_id",
            if_not_exists=True,
            foreign_keys=[("checkin_id", "checkins", "id")],
        )
        db.table("checkin_optouts").create(
            {"conversation_id": str, "at": str}, pk="conversation_id", if_not_exists=True
        )


def open_db(path: Path | str | None = None) -> sqlite_utils.Database:
    """``clinic.db`` (the store's connection settings: WAL, busy timeout) with these tables."""
    db = main_store.open_db(path)
    ensure_schema(db)
    return db


@contextmanager
def transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """One write transaction that takes the write lock at once (``BEGIN IMMEDIATE``).

    Reads inside it see a state no other writer can change until it ends.
    """
    conn = db.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    else:
        conn.execute("COMMIT")


def _audit(
    db: sqlite_utils.Database, actor: str, action: str, record_id: str | None, detail: Any = None
) -> None:
    main_store.audit(actor, action, record_id=record_id, detail=detail, db=db)


def _rows(
    db: sqlite_utils.Database, sql: str, args: Sequence[Any] | dict[str, Any] = ()
) -> list[dict[str, Any]]:
    cur = db.execute(sql, args if isinstance(args, dict) else list(args))
    keys = [d[0] for d in cur.description]
    return [dict(zip(keys, row, strict=False)) for row in cur.fetchall()]


def _one(db: sqlite_utils.Database, sql: str, args: Sequence[Any] = ()) -> dict[str, Any] | None:
    rows = _rows(db, sql, args)
    return rows[0] if rows else None


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"


# ------------------------------------------------------------------ treatments


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
    with transaction(db):
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


# ------------------------------------------------------------------ sending


def expire_claims(db: sqlite_utils.Database, now: datetime) -> list[int]:
    """Mark failed the check-ins whose worker stopped while sending; their ids.

    They are not sent again by themselves: the message may have arrived.
    Staff see the reason and can try again.
    """
    ts = iso(now)
    with transaction(db):
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
    with transaction(db):
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
        with transaction(db):
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
    with transaction(db):
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
    with transaction(db):
        changed = db.execute(
            "update checkins set status = 'failed', failed_at = ?, updated_at = ?, reason = ?, "
            "attempts = attempts + 1 where id = ? and status = 'scheduled'",
            [ts, ts, reason[:500], checkin_id],
        ).rowcount
        _finish_send(db, checkin_id, ts, "failed")
        if changed:
            row = get_checkin(db, checkin_id)
            _audit(
                db,
                actor,
                "checkin_failed",
                row["treatment_id"] if row else None,
                {"kind": row["kind"] if row else None, "reason": reason[:200]},
            )


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
    with transaction(db):
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
    with transaction(db):
        db.execute(
            "delete from checkin_sends where checkin_id = ? and finished_at is null", [checkin_id]
        )


def retry_failed(db: sqlite_utils.Database, checkin_id: int, now: datetime, actor: str) -> bool:
    """Staff: send a failed check-in again as soon as possible."""
    ts = iso(now)
    with transaction(db):
        changed = db.execute(
            "update checkins set status = 'scheduled', due_at = ?, next_try_at = null, "
            "attempts = 0, failed_at = null, reason = null, updated_at = ? "
            "where id = ? and status = 'failed'",
            [ts, ts, checkin_id],
        ).rowcount
        if not changed:
            return False
        db.execute("delete from checkin_sends where checkin_id = ?", [checkin_id])
        row = get_checkin(db, checkin_id)
        _audit(
            db,
            actor,
            "checkin_retried",
            row["treatment_id"] if row else None,
            {"kind": row["kind"] if row else None},
        )
    return True


# ------------------------------------------------------------------ replies and opt-out


def mark_answered(
    db: sqlite_utils.Database, conversation_id: str, now: datetime
) -> dict[str, Any] | None:
    """Mark the conversation's latest sent check-in answered; that check-in, or None."""
    ts = iso(now)
    with transaction(db):
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
    with transaction(db):
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
    with transaction(db):
        n = db.execute(
            "delete from checkin_optouts where conversation_id = ?", [conversation_id]
        ).rowcount
        if n:
            _audit(db, actor, "checkins_opt_out_cleared", None, None)
    return bool(n)


def cancel_treatment(
    db: sqlite_utils.Database,
    treatment_id: str,
    now: datetime,
    actor: str,
    reason: str = "cancelled by staff",
) -> int:
    """Staff: cancel a treatment's remaining check-ins; how many."""
    ts = iso(now)
    with transaction(db):
        n = _cancel_where(db, "treatment_id = ?", [treatment_id], ts, reason[:300])
        if n:
            _audit(db, actor, "checkins_cancelled", treatment_id, {"cancelled": n})
    return n


def cancel_checkin(
    db: sqlite_utils.Database,
    checkin_id: int,
    now: datetime,
    actor: str,
    reason: str = "cancelled by staff",
) -> bool:
    """Staff: cancel one scheduled check-in. False if it is not scheduled (or being sent)."""
    ts = iso(now)
    with transaction(db):
        n = _cancel_where(db, "id = ?", [checkin_id], ts, reason[:300])
        if n:
            row = get_checkin(db, checkin_id)
            _audit(
                db,
                actor,
                "checkin_cancelled",
                row["treatment_id"] if row else None,
                {"kind": row["kind"] if row else None},
            )
    return bool(n)


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
    with transaction(db):
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
    with transaction(db):
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
