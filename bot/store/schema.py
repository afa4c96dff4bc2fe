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

from typing import Any

import sqlite_utils
from sqlite_utils.migrations import Migrations

from bot.store.core import write_transaction

#: The version written into each pre-screen record (its ``schema_version``):
#: raise it when a migration changes what a record holds.
SCHEMA_VERSION = 2

MIGRATIONS = Migrations("clinic")


# The first schema. A line that starts with a name starts a table; then its
# columns in order: ``*`` marks the primary key, ``:int`` an integer (text
# otherwise), ``>table.column`` a foreign key.
TABLES_V1 = """
meta                *key value
tickets             *id conversation_id channel priority status reason signs episode_key
                    source assigned_to created_at updated_at resolved_at
notes               *id:int ticket_id>tickets.id author text created_at
audit               *id:int at actor action ticket_id record_id detail
prescreen_records   *id conversation_id channel answers outcome reasons consent:int consent_at
                    schema_version:int created_at reviewed_by reviewed_at
staff_users         *username password_hash role created_at disabled:int
staff_sessions      *token_hash username csrf created_at expires_at
login_attempts      *id:int key at ok:int
notifications       *id:int ticket_id kind target payload status attempts:int last_error
                    created_at updated_at next_try_at
processed_messages  *channel *message_id at
contacts            *conversation_id channel last_inbound_at last_buttons
"""


def tables(listing: str) -> dict[str, dict[str, Any]]:
    """``TABLES_V1`` read into sqlite-utils ``create()`` arguments, by table."""
    out: dict[str, dict[str, Any]] = {}
    for line in listing.strip().splitlines():
        words = line.split()
        if not line[0].isspace():
            name = words.pop(0)
            out[name] = {"columns": {}, "pk": [], "foreign_keys": []}
        for word in words:
            column, _, ref = word.lstrip("*").partition(">")
            column, _, kind = column.partition(":")
            out[name]["columns"][column] = int if kind == "int" else str
            if word.startswith("*"):
                out[name]["pk"].append(column)
            if ref:
                out[name]["foreign_keys"].append((column, *ref.split(".")))
    return out


@MIGRATIONS()
def m001_tables(db: sqlite_utils.Database) -> None:
    """Every table of the first schema, created if missing."""
    for name, spec in tables(TABLES_V1).items():
        pk = spec["pk"][0] if len(spec["pk"]) == 1 else tuple(spec["pk"])
        db.table(name).create(
            spec["columns"], pk=pk, if_not_exists=True, foreign_keys=spec["foreign_keys"] or None
        )
    db.table("tickets").create_index(
        ["conversation_id", "episode_key"], unique=True, if_not_exists=True
    )
    db.table("tickets").create_index(["status", "priority", "created_at"], if_not_exists=True)
    db.table("login_attempts").create_index(["key", "at"], if_not_exists=True)


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
