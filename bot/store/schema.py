"""The schema of ``clinic.db`` as sqlite-utils migrations.

Each migration runs once per database and is recorded in sqlite-utils'
``_sqlite_migrations`` table (set ``clinic``); ``sqlite-utils migrate`` and
``MIGRATIONS.applied(db)`` show where a file stands. To change the schema, add
a function at the end: never edit one that has shipped.

Databases made before this module (version 1 or 2 of the old hand-written
scheme, recorded as ``meta.schema_version``) upgrade cleanly: the first two
migrations only create what is missing, and the third drops the old marker.
The check-in tables (``bot.checkins``, described in ``bot/checkins/db.py``)
are the fourth; ``bot.checkins`` created them its own way before, so it too
only creates what is missing.
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


#: The aftercare check-ins (m004), in the same notation.
CHECKIN_TABLES = """
treatments          *id sender_id channel conversation_id treatment treated_at created_at
                    created_by opted_out_at
checkins            *id:int treatment_id>treatments.id seq:int kind due_at status
                    expects_reply:int reply_by attempts:int next_try_at sent_at answered_at
                    cancelled_at failed_at reason updated_at
checkin_sends       *checkin_id:int>checkins.id worker claimed_at lease_until finished_at outcome
checkin_optouts     *conversation_id at
"""


def tables(listing: str) -> dict[str, dict[str, Any]]:
    """A listing (``TABLES_V1``) read into sqlite-utils ``create()`` arguments, by table."""
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


def create_tables(
    db: sqlite_utils.Database,
    listing: str,
    not_null: dict[str, set[str]] | None = None,
    defaults: dict[str, dict[str, Any]] | None = None,
) -> None:
    """Create each table of a listing that is missing (with its NOT NULL columns and defaults)."""
    for name, spec in tables(listing).items():
        pk = spec["pk"][0] if len(spec["pk"]) == 1 else tuple(spec["pk"])
        db.table(name).create(
            spec["columns"],
            pk=pk,
            if_not_exists=True,
            foreign_keys=spec["foreign_keys"] or None,
            not_null=(not_null or {}).get(name),
            defaults=(defaults or {}).get(name),
        )


@MIGRATIONS()
def m001_tables(db: sqlite_utils.Database) -> None:
    """Every table of the first schema, created if missing."""
    create_tables(db, TABLES_V1)
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


@MIGRATIONS()
def m004_checkin_tables(db: sqlite_utils.Database) -> None:
    """The aftercare check-ins: treatments, their check-ins, send records, opt-outs.

    Created if missing: databases where ``bot.checkins`` made them its own way
    keep them, rows and all (the same columns and indexes).
    """
    required = {"sender_id", "channel", "conversation_id", "treatment", "treated_at", "created_at"}
    create_tables(
        db,
        CHECKIN_TABLES,
        not_null={
            "treatments": required,
            "checkins": {"treatment_id", "seq", "kind", "due_at", "status"},
        },
        defaults={"checkins": {"attempts": 0, "expects_reply": 0}},
    )
    db.table("treatments").create_index(
        ["conversation_id", "treated_at", "treatment"], unique=True, if_not_exists=True
    )
    db.table("checkins").create_index(["treatment_id", "kind"], unique=True, if_not_exists=True)
    db.table("checkins").create_index(["status", "due_at"], if_not_exists=True)


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
