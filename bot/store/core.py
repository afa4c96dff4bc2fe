"""The connection, the one write-transaction helper, ids, times and the audit log.

Every store function takes an optional ``db`` (a ``sqlite_utils.Database``) so
tests can pass a temporary one; ``open_db()`` gives the default.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import sqlite_utils

from bot import config


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def iso_in(seconds: float) -> str:
    """``now()`` shifted by ``seconds`` (negative for the past), same format.

    Timestamps are ISO strings in this one format, so text comparison orders them.
    """
    return (datetime.now(timezone.utc) + timedelta(seconds=seconds)).isoformat(timespec="seconds")


def new_id(prefix: str) -> str:
    return f"{prefix}-{datetime.now(timezone.utc):%y%m%d}-{secrets.token_hex(3).upper()}"


def unused_id(db: sqlite_utils.Database, table: str, prefix: str) -> str:
    """A ``new_id`` no row of ``table`` has yet; call it inside ``write_transaction``.

    The random part is short so that staff can read an id out over the phone,
    so two ids of one day can meet (a blind run once drew a used one, and an
    emergency was spooled instead of recorded); under the write lock, drawing
    again until the id is free cannot race with another writer.
    """
    while True:
        row_id = new_id(prefix)
        if not db.table(table).count_where("id = ?", [row_id]):
            return row_id


def open_db(path: Path | str | None = None) -> sqlite_utils.Database:
    """Open (and migrate) the database. Cheap: safe to call per request."""
    from bot.store.schema import migrate

    path = Path(path or config.db_path())
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path), timeout=10, isolation_level=None, check_same_thread=False)
    _wal(conn)
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA busy_timeout=10000")
    db = sqlite_utils.Database(conn)
    migrate(db)
    return db


def _wal(conn: sqlite3.Connection, tries: int = 100) -> None:
    """Switch to WAL. On a fresh file opened by several processes at once SQLite
    answers "database is locked" at once (no busy wait), so try again briefly."""
    for attempt in range(tries):
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError:
            if attempt == tries - 1:
                raise
            time.sleep(0.02)


def get_db(db: sqlite_utils.Database | None) -> sqlite_utils.Database:
    """``db``, or the default database.

    Opened through the package (``bot.store.open_db``), so replacing that one
    name (as the tests do to simulate a database that is down) covers every
    store function.
    """
    if db is not None:
        return db
    opener = sys.modules["bot.store"].open_db
    return opener()  # type: ignore[no-any-return]


@contextmanager
def write_transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """All of the block's writes or none of them, with the write lock taken at once.

    ``BEGIN IMMEDIATE``, not sqlite-utils' ``db.atomic()`` (a deferred
    ``BEGIN``): reads inside the block then see a state no other process can
    change until it ends, so "check, then write" is safe across processes.
    Inside an open transaction it nests as a savepoint (``db.atomic()``).
    """
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.rollback()  # unless the error already ended the transaction
        raise
    else:
        db.conn.execute("COMMIT")


def decode(row: dict[str, Any] | None, *json_fields: str) -> dict[str, Any] | None:
    """A row as a dict, with the named JSON columns parsed."""
    if row is None:
        return None
    row = dict(row)
    for f in json_fields:
        if row.get(f):
            row[f] = json.loads(row[f])
    return row


def audit(
    actor: str,
    action: str,
    ticket_id: str | None = None,
    record_id: str | None = None,
    detail: Any = None,
    db: sqlite_utils.Database | None = None,
) -> None:
    get_db(db).table("audit").insert(
        {
            "at": now(),
            "actor": actor,
            "action": action,
            "ticket_id": ticket_id,
            "record_id": record_id,
            "detail": json.dumps(detail) if detail is not None else None,
        }
    )


def audit_log(
    ticket_id: str | None = None, limit: int = 200, db: sqlite_utils.Database | None = None
) -> list[dict[str, Any]]:
    where, args = ("ticket_id = ?", [ticket_id]) if ticket_id else (None, [])
    return [
        r
        for r in (
            decode(row, "detail")
            for row in get_db(db)
            .table("audit")
            .rows_where(where, args, order_by="id desc", limit=limit)
        )
        if r is not None
    ]


def audited_recently(
    actor: str,
    action: str,
    ticket_id: str | None,
    within_seconds: int,
    db: sqlite_utils.Database | None = None,
) -> bool:
    """Whether the same actor did the same thing to the same ticket lately."""
    return (
        get_db(db)
        .execute(
            "select 1 from audit where actor = ? and action = ? and ticket_id is ? "
            "and at >= ? limit 1",
            [actor, action, ticket_id, iso_in(-within_seconds)],
        )
        .fetchone()
        is not None
    )
