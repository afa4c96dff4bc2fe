"""What the channels keep: provider message ids (de-duplication) and contacts.

A contact row remembers when the patient last wrote (WhatsApp's 24-hour
window) and the buttons last offered as numbered text.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import sqlite_utils

from bot.store.core import get_db, iso_in, now, write_transaction

CLAIM_LEASE_SECONDS = 300


def seen_message(channel: str, message_id: str, db: sqlite_utils.Database | None = None) -> bool:
    """Record a provider's message id as done; True if it had been seen before."""
    cur = get_db(db).execute(
        "insert or ignore into processed_messages "
        "(channel, message_id, at, state) values (?, ?, ?, 'done')",
        [channel, message_id, now()],
    )
    return cur.rowcount == 0


def claim_message(
    channel: str,
    message_id: str,
    owner: str,
    alive: Callable[[str], bool] | None = None,
    lease_seconds: int = CLAIM_LEASE_SECONDS,
    db: sqlite_utils.Database | None = None,
) -> str:
    """Take a provider message for handling: ``"new"``, ``"done"`` or ``"busy"``.

    ``"new"``: the caller handles it and then calls ``finish_message`` (or
    ``release_message`` if handling failed). ``"done"``: handled before (a
    replay). ``"busy"``: another live process is handling it right now.

    A claim whose owner died (``alive(owner)`` is False, e.g. Rasa killed
    mid-message) or that is older than ``lease_seconds`` is taken over, so the
    provider's retry after a crash is handled, once, instead of dropped.
    """
    db = get_db(db)
    ts = now()
    with write_transaction(db):
        row = db.execute(
            "select state, owner, claimed_at from processed_messages "
            "where channel = ? and message_id = ?",
            [channel, message_id],
        ).fetchone()
        if row is None:
            db.execute(
                "insert into processed_messages (channel, message_id, at, state, owner, "
                "claimed_at) values (?, ?, ?, 'processing', ?, ?)",
                [channel, message_id, ts, owner, ts],
            )
            return "new"
        state, holder, claimed_at = row
        if state != "processing":
            return "done"  # 'done', or a row written before claims existed
        stale = (claimed_at or "") <= iso_in(-lease_seconds)
        if not stale and (holder == owner or alive is None or alive(holder)):
            return "busy"  # a concurrent copy while the first is being handled
        db.execute(
            "update processed_messages set owner = ?, claimed_at = ? "
            "where channel = ? and message_id = ?",
            [owner, ts, channel, message_id],
        )
        return "new"


def finish_message(channel: str, message_id: str, db: sqlite_utils.Database | None = None) -> None:
    """The message was handled: later copies of it are replays."""
    get_db(db).execute(
        "update processed_messages set state = 'done', at = ? where channel = ? and message_id = ?",
        [now(), channel, message_id],
    )


def release_message(
    channel: str, message_id: str, owner: str, db: sqlite_utils.Database | None = None
) -> None:
    """Handling failed: forget the claim so the provider's retry is handled."""
    get_db(db).execute(
        "delete from processed_messages where channel = ? and message_id = ? "
        "and state = 'processing' and owner = ?",
        [channel, message_id, owner],
    )


def touch_contact(
    conversation_id: str, channel: str, db: sqlite_utils.Database | None = None
) -> None:
    """Remember when the patient last wrote (WhatsApp's 24-hour window)."""
    get_db(db).table("contacts").upsert(
        {"conversation_id": conversation_id, "channel": channel, "last_inbound_at": now()},
        pk="conversation_id",
    )


def contact(conversation_id: str, db: sqlite_utils.Database | None = None) -> dict[str, Any] | None:
    rows = list(get_db(db).table("contacts").rows_where("conversation_id = ?", [conversation_id]))
    return rows[0] if rows else None


def remember_buttons(
    conversation_id: str,
    channel: str,
    buttons: list[dict[str, Any]],
    db: sqlite_utils.Database | None = None,
) -> None:
    """Keep the buttons last offered as numbered text, so "2" can pick one."""
    get_db(db).table("contacts").upsert(
        {
            "conversation_id": conversation_id,
            "channel": channel,
            "last_buttons": json.dumps(buttons),
        },
        pk="conversation_id",
    )


def offered_buttons(
    conversation_id: str, db: sqlite_utils.Database | None = None
) -> list[dict[str, Any]]:
    row = contact(conversation_id, db=db)
    if not row or not row.get("last_buttons"):
        return []
    buttons: list[dict[str, Any]] = json.loads(row["last_buttons"])
    return buttons
