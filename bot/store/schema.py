"""The schema of ``clinic.db`` as sqlite-utils migrations.

Each migration runs once per database and is recorded in sqlite-utils'
``_sqlite_migrations`` table (set ``clinic``); ``sqlite-utils migrate`` and
``MIGRATIONS.applied(db)`` show where a file stands. To change the schema, add
a function at the end: never edit one that has shipped.

Databases made before this module (version 1 or 2 of the old hand-written
scheme, recorded as ``meta.schema_version``) upgrade cleanly: the first two
migrations only create what is missing, and the third drops the old marker.
"""

from __future__ import annotations

import sqlite_utils
from sqlite_utils.migrations import Migrations

from bot.store.core import write_transaction

#: The version written into each pre-screen record (its ``schema_version``):
#: raise it when a migration changes what a record holds.
SCHEMA_VERSION = 2

MIGRATIONS = Migrations("clinic")


@MIGRATIONS()
def m001_tables(db: sqlite_utils.Database) -> None:
    """Every table of the first schema, created if missing."""
    db.table("meta").create({"key": str, "value": str}, pk="key", if_not_exists=True)
    db.table("tickets").create(
        {
            "id": str,
            "conversation_id": str,
            "channel": str,
            "priority": str,
            "status": str,
            "reason": str,
            "signs": str,
            "episode_key": str,
            "source": str,
            "assigned_to": str,
            "created_at": str,
            "updated_at": str,
            "resolved_at": str,
        },
        pk="id",
        if_not_exists=True,
    )
    db.table("tickets").create_index(
        ["conversation_id", "episode_key"], unique=True, if_not_exists=True
    )
    db.table("tickets").create_index(["status", "priority", "created_at"], if_not_exists=True)
    db.table("notes").create(
        {"id": int, "ticket_id": str, "author": str, "text": str, "created_at": str},
        pk="id",
        if_not_exists=True,
        foreign_keys=[("ticket_id", "tickets", "id")],
    )
    db.table("audit").create(
        {
            "id": int,
            "at": str,
            "actor": str,
            "action": str,
            "ticket_id": str,
            "record_id": str,
            "detail": str,
        },
        pk="id",
        if_not_exists=True,
    )
    db.table("prescreen_records").create(
        {
            "id": str,
            "conversation_id": str,
            "channel": str,
            "answers": str,
            "outcome": str,
            "reasons": str,
            "consent": int,
            "consent_at": str,
            "schema_version": int,
            "created_at": str,
            "reviewed_by": str,
            "reviewed_at": str,
        },
        pk="id",
        if_not_exists=True,
    )
    db.table("staff_users").create(
        {
            "username": str,
            "password_hash": str,
            "role": str,
            "created_at": str,
            "disabled": int,
        },
        pk="username",
        if_not_exists=True,
    )
    db.table("staff_sessions").create(
        {"token_hash": str, "username": str, "csrf": str, "created_at": str, "expires_at": str},
        pk="token_hash",
        if_not_exists=True,
    )
    db.table("login_attempts").create(
        {"id": int, "key": str, "at": str, "ok": int}, pk="id", if_not_exists=True
    )
    db.table("login_attempts").create_index(["key", "at"], if_not_exists=True)
    db.table("notifications").create(
        {
            "id": int,
            "ticket_id": str,
            "kind": str,
            "target": str,
            "payload": str,
            "status": str,
            "attempts": int,
            "last_error": str,
            "created_at": str,
            "updated_at": str,
            "next_try_at": str,
        },
        pk="id",
        if_not_exists=True,
    )
    db.table("processed_messages").create(
        {"channel": str, "message_id": str, "at": str},
        pk=("channel", "message_id"),
        if_not_exists=True,
    )
    db.table("contacts").create(
        {"conversation_id": str, "channel": str, "last_inbound_at": str, "last_buttons": str},
        pk="conversation_id",
        if_not_exists=True,
    )


@MIGRATIONS()
def m002_message_claims(db: sqlite_utils.Database) -> None:
    """Provider message ids are claimed while handled and marked done after.

    Rows written before (marked before handling, no ``state``) count as done.
    """
    columns = db.table("processed_messages").columns_dict
    for name in ("state", "owner", "claimed_at"):
        if name not in columns:
            db.execute(f"alter table processed_messages add column {name} text")


@MIGRATIONS()
def m003_retire_meta_version(db: sqlite_utils.Database) -> None:
    """The old scheme's version marker: ``_sqlite_migrations`` records this now."""
    db.execute("delete from meta where key = 'schema_version'")


def migrate(db: sqlite_utils.Database) -> None:
    """Apply the pending migrations; cheap (one read) when there are none.

    They run inside one ``BEGIN IMMEDIATE`` transaction (each migration a
    savepoint in it), so processes opening a fresh file together apply each
    migration exactly once: the second waits, then finds nothing pending.
    """
    if not MIGRATIONS.pending(db):
        return
    with write_transaction(db):
        MIGRATIONS.apply(db)
