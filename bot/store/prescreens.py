"""Pre-screen records: kept only when the patient consented."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import sqlite_utils

from bot.store import core
from bot.store.core import decode, get_db, now, unused_id, write_transaction
from bot.store.schema import SCHEMA_VERSION


def _decoded(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    return [r for r in (decode(row, "answers", "reasons") for row in rows) if r is not None]


def save_prescreen(
    conversation_id: str,
    channel: str,
    answers: dict[str, Any],
    outcome: str,
    reasons: list[str],
    consent_at: str,
    db: sqlite_utils.Database | None = None,
) -> dict[str, Any] | None:
    """Write one pre-screen record in a single transaction.

    ``answers`` maps each slot to ``{"typed": ..., "understood": ...}``. Only
    called when the patient consented; without consent nothing is stored.
    """
    db = get_db(db)
    row = {
        "conversation_id": conversation_id,
        "channel": channel,
        "answers": json.dumps(answers, ensure_ascii=False),
        "outcome": outcome,
        "reasons": json.dumps(reasons),
        "consent": 1,
        "consent_at": consent_at,
        "schema_version": SCHEMA_VERSION,
        "created_at": now(),
        "reviewed_by": None,
        "reviewed_at": None,
    }
    with write_transaction(db):
        row_id = row["id"] = unused_id(db, "prescreen_records", "P")
        db.table("prescreen_records").insert(row)
        core.audit(
            "bot", "prescreen_recorded", record_id=row_id, detail={"outcome": outcome}, db=db
        )
    return get_prescreen(row_id, db=db)


def get_prescreen(record_id: str, db: sqlite_utils.Database | None = None) -> dict[str, Any] | None:
    rows = _decoded(get_db(db).table("prescreen_records").rows_where("id = ?", [record_id]))
    return rows[0] if rows else None


def list_prescreens(
    db: sqlite_utils.Database | None = None, limit: int = 500
) -> list[dict[str, Any]]:
    """``clinician_review`` first, then ``not_suitable``, then ``eligible``; newest first."""
    order = (
        "case outcome when 'clinician_review' then 0 when 'not_suitable' then 1 "
        "else 2 end, reviewed_at is not null, created_at desc"
    )
    return _decoded(get_db(db).table("prescreen_records").rows_where(order_by=order, limit=limit))


def prescreens_for(
    conversation_id: str, db: sqlite_utils.Database | None = None
) -> list[dict[str, Any]]:
    return _decoded(
        get_db(db)
        .table("prescreen_records")
        .rows_where("conversation_id = ?", [conversation_id], order_by="created_at desc")
    )


def mark_reviewed(record_id: str, username: str, db: sqlite_utils.Database | None = None) -> None:
    db = get_db(db)
    with write_transaction(db):
        db.table("prescreen_records").update(
            record_id, {"reviewed_by": username, "reviewed_at": now()}
        )
        core.audit(username, "prescreen_reviewed", record_id=record_id, db=db)
