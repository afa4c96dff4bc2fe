"""The staff-notification outbox: queued, claimed with a lease, retried, failed."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import sqlite_utils

from bot.store import core
from bot.store.core import decode, get_db, iso_in, now, write_transaction


def _decoded(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    return [r for r in (decode(row, "payload") for row in rows) if r is not None]


def _get(db: sqlite_utils.Database, notification_id: int) -> dict[str, Any]:
    row: dict[str, Any] = db.table("notifications").get(notification_id)
    return row


def enqueue_notification(
    ticket_id: str,
    kind: str,
    target: str,
    payload: dict[str, Any],
    db: sqlite_utils.Database | None = None,
) -> int:
    """Queue one staff notification (``status='pending'``, due now); its id.

    ``target`` names a configured destination (``webhook``, ``telegram``), never
    a URL or token: secrets stay out of the database.
    """
    ts = now()
    pk = (
        get_db(db)
        .table("notifications")
        .insert(
            {
                "ticket_id": ticket_id,
                "kind": kind,
                "target": target,
                "payload": json.dumps(payload, ensure_ascii=False),
                "status": "pending",
                "attempts": 0,
                "last_error": None,
                "created_at": ts,
                "updated_at": ts,
                "next_try_at": ts,
            }
        )
        .last_pk
    )
    return int(pk or 0)  # an integer primary key: always set


def claim_notification(
    notification_id: int, lease_seconds: int = 60, db: sqlite_utils.Database | None = None
) -> dict[str, Any] | None:
    """Take a due notification for sending, so two processes never both send it.

    A row is due when pending and its ``next_try_at`` has come, or when a sender
    took it more than ``lease_seconds`` ago and died. Returns the row, or None
    if another process has it or it is not due.
    """
    db = get_db(db)
    ts = now()
    cur = db.execute(
        "update notifications set status = 'sending', updated_at = ? where id = ? and ("
        "(status = 'pending' and (next_try_at is null or next_try_at <= ?)) or "
        "(status = 'sending' and updated_at <= ?))",
        [ts, notification_id, ts, iso_in(-lease_seconds)],
    )
    if cur.rowcount != 1:
        return None
    return decode(_get(db, notification_id), "payload")


def due_notifications(
    limit: int = 50, lease_seconds: int = 60, db: sqlite_utils.Database | None = None
) -> list[int]:
    """Ids of notifications due for a try (see ``claim_notification``)."""
    return [
        r[0]
        for r in get_db(db).execute(
            "select id from notifications where (status = 'pending' and "
            "(next_try_at is null or next_try_at <= ?)) or (status = 'sending' and "
            "updated_at <= ?) order by id limit ?",
            [now(), iso_in(-lease_seconds), limit],
        )
    ]


def finish_notification(
    notification_id: int,
    ok: bool,
    error: str | None = None,
    retry_in_seconds: float | None = None,
    db: sqlite_utils.Database | None = None,
) -> dict[str, Any] | None:
    """Record the outcome of one try.

    ``ok`` -> ``sent``. Otherwise ``pending`` again, due in ``retry_in_seconds``,
    or ``failed`` for good when ``retry_in_seconds`` is None.
    """
    db = get_db(db)
    ts = now()
    if ok:
        status, next_try = "sent", None
    elif retry_in_seconds is None:
        status, next_try = "failed", None
    else:
        status, next_try = "pending", iso_in(retry_in_seconds)
    with write_transaction(db):
        db.execute(
            "update notifications set status = ?, attempts = attempts + 1, "
            "last_error = ?, updated_at = ?, next_try_at = ? where id = ?",
            [status, None if ok else (error or "error")[:500], ts, next_try, notification_id],
        )
        if status == "failed":
            row = _get(db, notification_id)
            core.audit(
                "system",
                "notification_failed",
                ticket_id=row["ticket_id"],
                detail={"target": row["target"], "error": (error or "")[:200]},
                db=db,
            )
    return decode(_get(db, notification_id), "payload")


def notifications_for(
    ticket_id: str, db: sqlite_utils.Database | None = None
) -> list[dict[str, Any]]:
    return _decoded(
        get_db(db).table("notifications").rows_where("ticket_id = ?", [ticket_id], order_by="id")
    )


def failed_notifications(
    limit: int = 50, unresolved_only: bool = False, db: sqlite_utils.Database | None = None
) -> list[dict[str, Any]]:
    """Notifications that never went through, newest first (shown to staff).

    ``unresolved_only`` leaves out those of resolved (or deleted) tickets.
    """
    where = "status = 'failed'"
    if unresolved_only:
        where += " and ticket_id in (select id from tickets where status != 'resolved')"
    return _decoded(
        get_db(db).table("notifications").rows_where(where, order_by="id desc", limit=limit)
    )


def retry_notification(
    notification_id: int, actor: str, db: sqlite_utils.Database | None = None
) -> bool:
    """Put a failed notification back in the queue with fresh attempts."""
    db = get_db(db)
    with write_transaction(db):
        cur = db.execute(
            "update notifications set status = 'pending', attempts = 0, "
            "next_try_at = ?, updated_at = ? where id = ? and status = 'failed'",
            [now(), now(), notification_id],
        )
        if cur.rowcount != 1:
            return False
        row = _get(db, notification_id)
        core.audit(
            actor,
            "notification_retried",
            ticket_id=row["ticket_id"],
            detail={"target": row["target"]},
            db=db,
        )
    return True
