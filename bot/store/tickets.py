"""Tickets (one per escalated episode) and the staff notes on them."""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterable
from typing import Any

import sqlite_utils

from bot.levels import Level
from bot.store import core
from bot.store.core import decode, get_db, now, unused_id, write_transaction

# A ticket's priority is a level that escalates; 0 is the most urgent
# ({"emergency": 0, "urgent": 1, "routine": 2}), in that order.
PRIORITY_RANK = {
    lv.label: rank
    for rank, lv in enumerate(sorted((lv for lv in Level if lv >= Level.ROUTINE), reverse=True))
}
TICKET_STATUSES = ["open", "pending", "resolved"]
# Queue order: emergency, urgent, routine; oldest first within each (the CASE
# is written from PRIORITY_RANK; the labels are fixed words, not user input).
QUEUE_ORDER = (
    "case priority "
    + " ".join(f"when '{label}' then {rank}" for label, rank in PRIORITY_RANK.items())
    + f" else {len(PRIORITY_RANK)} end, created_at"
)


def _decoded(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    return [r for r in (decode(row, "signs") for row in rows) if r is not None]


def create_ticket(
    conversation_id: str,
    channel: str,
    priority: str,
    reason: str,
    signs: Iterable[str] = (),
    episode_key: str | None = None,
    source: str = "bot",
    db: sqlite_utils.Database | None = None,
) -> dict[str, Any] | None:
    """Create a ticket for one episode, or return the one that already exists.

    ``episode_key`` (e.g. the id of the patient's message) makes this
    idempotent: the action and the reconciler may both try, one ticket results.
    """
    if priority not in PRIORITY_RANK:
        raise ValueError(f"priority must be one of {list(PRIORITY_RANK)}")
    db = get_db(db)
    episode_key = episode_key or secrets.token_hex(8)
    ts = now()
    row = {
        "conversation_id": conversation_id,
        "channel": channel,
        "priority": priority,
        "status": "open",
        "reason": reason,
        "signs": json.dumps(list(signs)),
        "episode_key": episode_key,
        "source": source,
        "assigned_to": None,
        "created_at": ts,
        "updated_at": ts,
        "resolved_at": None,
    }
    with write_transaction(db):
        existing = db.execute(
            "select id from tickets where conversation_id=? and episode_key=?",
            [conversation_id, episode_key],
        ).fetchone()
        if existing:
            return get_ticket(existing[0], db=db)
        row_id = row["id"] = unused_id(db, "tickets", "T")
        db.table("tickets").insert(row)
        core.audit(
            source,
            "ticket_created",
            ticket_id=row_id,
            detail={"priority": priority, "reason": reason},
            db=db,
        )
    return get_ticket(row_id, db=db)


def get_ticket(ticket_id: str, db: sqlite_utils.Database | None = None) -> dict[str, Any] | None:
    rows = _decoded(get_db(db).table("tickets").rows_where("id = ?", [ticket_id]))
    return rows[0] if rows else None


def open_ticket_for(
    conversation_id: str, db: sqlite_utils.Database | None = None
) -> dict[str, Any] | None:
    """The most urgent unresolved ticket of a conversation, if any."""
    rows = _decoded(
        get_db(db)
        .table("tickets")
        .rows_where(
            "conversation_id = ? and status != 'resolved'", [conversation_id], order_by=QUEUE_ORDER
        )
    )
    return rows[0] if rows else None


def list_tickets(
    status: str | None = None, limit: int = 500, db: sqlite_utils.Database | None = None
) -> list[dict[str, Any]]:
    """Queue order: emergency, urgent, routine; oldest first within each."""
    where, args = ("status = ?", [status]) if status else ("status != 'resolved'", [])
    return _decoded(
        get_db(db).table("tickets").rows_where(where, args, order_by=QUEUE_ORDER, limit=limit)
    )


def ticket_counts(db: sqlite_utils.Database | None = None) -> dict[str, int]:
    counts = {s: 0 for s in TICKET_STATUSES}
    for status, n in get_db(db).execute("select status, count(*) from tickets group by status"):
        counts[status] = n
    return counts


def update_ticket(
    ticket_id: str,
    actor: str,
    *,
    status: str | None = None,
    assigned_to: str | None = None,
    db: sqlite_utils.Database | None = None,
) -> dict[str, Any] | None:
    db = get_db(db)
    changes: dict[str, Any] = {"updated_at": now()}
    if status is not None:
        if status not in TICKET_STATUSES:
            raise ValueError("unknown status")
        changes["status"] = status
        changes["resolved_at"] = changes["updated_at"] if status == "resolved" else None
    if assigned_to is not None:
        changes["assigned_to"] = assigned_to
    with write_transaction(db):
        db.table("tickets").update(ticket_id, changes)
        core.audit(
            actor,
            "ticket_updated",
            ticket_id=ticket_id,
            detail={k: v for k, v in changes.items() if k != "updated_at"},
            db=db,
        )
    return get_ticket(ticket_id, db=db)


def add_note(
    ticket_id: str, author: str, text: str, db: sqlite_utils.Database | None = None
) -> None:
    db = get_db(db)
    with write_transaction(db):
        db.table("notes").insert(
            {"ticket_id": ticket_id, "author": author, "text": text, "created_at": now()}
        )
        core.audit(author, "note_added", ticket_id=ticket_id, db=db)


def notes(ticket_id: str, db: sqlite_utils.Database | None = None) -> list[dict[str, Any]]:
    return list(get_db(db).table("notes").rows_where("ticket_id = ?", [ticket_id], order_by="id"))
