"""Check-ins in SQLite (``clinic.db``): the tables, the connection, one transaction.

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
import socket
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlite_utils

from bot import store as main_store

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
