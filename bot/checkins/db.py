"""Check-ins in SQLite (``clinic.db``): the tables, the connection, row helpers.

Tables (the store's migration ``m004_checkin_tables`` in
``bot/store/schema.py`` creates them; ``ensure_schema`` applies it to a
database opened elsewhere):

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
  ``BEGIN IMMEDIATE`` transaction (the store's ``write_transaction``), so of
  two workers exactly one gets it and the other moves on. The row stays
  after sending: a check-in is never taken twice. If the worker dies before
  it reports back, the check-in is marked failed when the lease runs out,
  not sent again (it may have arrived).
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
    """The check-in tables are the store's migration ``m004_checkin_tables``: apply what is
    pending (cheap when nothing is; safe in parallel)."""
    main_store.migrate(db)


def open_db(path: Path | str | None = None) -> sqlite_utils.Database:
    """``clinic.db`` (the store's connection settings: WAL, busy timeout, migrations)."""
    return main_store.open_db(path)


@contextmanager
def database(db: sqlite_utils.Database | None) -> Iterator[sqlite_utils.Database]:
    """``db`` (its migrations applied), or ``clinic.db`` opened for the block and closed after."""
    if db is not None:
        ensure_schema(db)
        yield db
        return
    opened = open_db()
    try:
        yield opened
    finally:
        opened.conn.close()


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
