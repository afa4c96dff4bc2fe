"""Retention and a patient's "delete my data": what leaves ``clinic.db``, and what stays."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import sqlite_utils

from bot.levels import Level
from bot.store import core
from bot.store.core import get_db, write_transaction

# Kept on a patient's "delete my data" while open: emergency and urgent.
HELD_PRIORITIES = tuple(lv.label for lv in sorted(Level, reverse=True) if lv >= Level.URGENT)


def _delete_tickets(db: sqlite_utils.Database, ticket_ids: list[str]) -> None:
    """Tickets with their notes and notifications (inside the caller's transaction)."""
    for tid in ticket_ids:
        db.execute("delete from notes where ticket_id = ?", [tid])
        db.execute("delete from notifications where ticket_id = ?", [tid])
        db.execute("delete from tickets where id = ?", [tid])


def purge_older_than(days: int, db: sqlite_utils.Database | None = None) -> dict[str, int]:
    """Delete pre-screen records and resolved tickets older than ``days`` days."""
    db = get_db(db)
    cutoff = (datetime.now(timezone.utc) - timedelta(days=days)).isoformat(timespec="seconds")
    with write_transaction(db):
        n_records = db.execute(
            "delete from prescreen_records where created_at < ?", [cutoff]
        ).rowcount
        old = [
            r[0]
            for r in db.execute(
                "select id from tickets where status='resolved' and created_at < ?", [cutoff]
            )
        ]
        _delete_tickets(db, old)
        core.audit(
            "system",
            "retention_purge",
            detail={"days": days, "prescreen_records": n_records, "tickets": len(old)},
            db=db,
        )
    return {"prescreen_records": n_records, "tickets": len(old)}


def delete_patient_data(
    conversation_id: str,
    actor: str = "patient",
    keep_held: bool | None = None,
    db: sqlite_utils.Database | None = None,
) -> dict[str, int]:
    """Honour a request to delete a patient's data from this database.

    ``keep_held`` (the default when the patient asks) keeps every open or
    pending emergency or urgent ticket, with its notes and the contact row
    staff need to answer: whoever sends "delete my data" cannot make a report
    that staff are dealing with disappear. Once staff resolve it, the next
    "delete my data" or the retention purge removes it (the inbox has no
    delete button). Returns the counts deleted and ``kept`` (tickets kept).

    The transcript in Rasa's tracker store is not touched here: it goes with
    the next retention purge (``bot.retention``), as the README says.
    """
    db = get_db(db)
    keep_held = actor == "patient" if keep_held is None else keep_held
    with write_transaction(db):
        n_records = db.execute(
            "delete from prescreen_records where conversation_id = ?", [conversation_id]
        ).rowcount
        held = (
            [
                r[0]
                for r in db.execute(
                    "select id from tickets where conversation_id = ? and status != 'resolved' "
                    "and priority in (select value from json_each(?))",
                    [conversation_id, json.dumps(HELD_PRIORITIES)],
                )
            ]
            if keep_held
            else []
        )
        tids = [
            r[0]
            for r in db.execute(
                "select id from tickets where conversation_id = ?", [conversation_id]
            )
            if r[0] not in held
        ]
        _delete_tickets(db, tids)
        if not held:
            db.execute("delete from contacts where conversation_id = ?", [conversation_id])
        for tid in held:
            core.audit(
                actor,
                "deletion_deferred",
                ticket_id=tid,
                detail={"reason": "open ticket held by staff"},
                db=db,
            )
        core.audit(
            actor,
            "patient_data_deleted",
            detail={"prescreen_records": n_records, "tickets": len(tids), "kept": len(held)},
            db=db,
        )
    return {"prescreen_records": n_records, "tickets": len(tids), "kept": len(held)}
