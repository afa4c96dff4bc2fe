"""Escalations that the action server could not record, recorded anyway.

The emergency advice is a domain response, so a patient gets it even when the
action server is down - but then no ticket is written. This sweep, run every
few seconds by the worker (``python -m bot.worker``), reads the patients'
messages from Rasa's tracker store through ``bot.rasa_gateway`` (the Rasa
server writes them without the action server), finds symptom reports that
should have a ticket and have none, and creates it through the same
``bot.escalation.escalate`` the action uses. It also replays escalations that
were spooled while the database was unavailable.

Where it has got to is a cursor in ``clinic.db``: the store's event id, which
only grows. Two things can put an event behind the cursor after it moved on:
Rasa writes a conversation's events once the message is handled, so a higher
id can carry an older timestamp (the sweep stops at the first event still in
its grace period); and with several Rasa replicas writing one PostgreSQL
store, an id is taken when a row is inserted but seen only when its
transaction commits, so a lower id can appear just after a higher one. So the
cursor only moves up to ids that were already the highest seen at least
``SETTLE_SECONDS`` ago (the "frontier"); events past it are looked at again,
which is harmless (a ticket is keyed by the message id).
"""

from __future__ import annotations

import json
import logging
import time
from datetime import datetime, timezone
from typing import Any

from bot import escalation, rasa_gateway, store

log = logging.getLogger(__name__)
CURSOR_KEY = "reconcile_cursor"
FRONTIER_KEY = "reconcile_frontier"
GRACE_SECONDS = 10  # give the action server time to record it first
SETTLE_SECONDS = 30  # an insert is committed long before this (several writers)
BATCH = 1000
TELL_RASA_TIMEOUT = 5


def level_of(parse: dict[str, Any]) -> str | None:
    """The escalation level a parsed user message calls for, if any."""
    intent = parse.get("intent")
    intent = intent.get("name") if isinstance(intent, dict) else None
    if intent == "report_emergency":
        return "emergency"
    triage = parse.get("triage")
    level = triage.get("level") if isinstance(triage, dict) else None
    if (
        intent in ("report_symptom", "report_urgent", "report_routine")
        and level in escalation.ESCALATING
    ):
        return level
    return None


def sweep(
    db=None,
    tracker: rasa_gateway.TrackerStoreGateway | None = None,
    grace_seconds: float = GRACE_SECONDS,
    tell_rasa: bool = True,
    settle_seconds: float = SETTLE_SECONDS,
) -> int:
    """Record missed escalations; returns the number of tickets created.

    ``tracker``: the tracker store to read (default: the one endpoints.yml names).
    """
    db = db if db is not None else store.open_db()
    created = escalation.replay_spool(db=db)
    tracker = tracker if tracker is not None else rasa_gateway.tracker_store()
    keys = _keys(tracker)
    cursor = _cursor(db, keys)
    try:
        events = tracker.events_after(cursor, ("user",), BATCH)
    except (rasa_gateway.TrackerStoreUnavailable, rasa_gateway.UnsupportedTrackerStore) as exc:
        log.warning("the reconciler cannot read Rasa's tracker store: %s", exc)
        return created
    now = time.time()
    looked_at = _record_missed(db, tracker, events, now - grace_seconds, tell_rasa)
    created += looked_at["created"]
    _move_cursor(db, keys, cursor, looked_at["last_id"], events, now, settle_seconds)
    return created


def _record_missed(
    db, tracker, events: list[rasa_gateway.StoredEvent], young: float, tell_rasa: bool
) -> dict[str, int]:
    """Look at the events before the first one written after ``young``."""
    created, last_id = 0, None
    for stored in events:
        ts = stored.timestamp or 0
        if ts >= young:
            break
        last_id = stored.id
        event, sender = stored.event, stored.sender_id
        parse = event.get("parse_data")
        parse = parse if isinstance(parse, dict) else {}
        level = level_of(parse)
        if (
            level
            and level != "emergency"
            and tracker.active_loop_before(sender, stored.id) == "prescreen_form"
        ):
            level = None  # an answer to a pre-screen question, not a report after treatment
        if level and not _handled(db, sender, event.get("message_id"), ts, level):
            ticket = escalation.escalate(
                sender,
                event.get("input_channel") or "unknown",
                level,
                reason=_reason(parse, level),
                signs=_signs(parse),
                episode_key=event.get("message_id"),
                source="reconciler",
                note_repeat=False,
                db=db,
            )
            if ticket and ticket["source"] == "reconciler":
                created += 1
                if tell_rasa:
                    _tell_rasa(sender, ticket["id"])
    return {"created": created, "last_id": last_id}


def _keys(tracker: rasa_gateway.TrackerStoreGateway) -> dict[str, str]:
    """The meta keys of the cursor and frontier: one pair per tracker store.

    Ids start again in another store (moving to PostgreSQL), so its cursor is
    its own; SQLite keeps the plain names it always had.
    """
    place = tracker.place
    suffix = "" if place == "sqlite" else f":{place}"
    return {"cursor": CURSOR_KEY + suffix, "frontier": FRONTIER_KEY + suffix}


def _move_cursor(
    db,
    keys: dict[str, str],
    cursor: int,
    last_id: int | None,
    events: list[rasa_gateway.StoredEvent],
    now: float,
    settle_seconds: float,
) -> None:
    """Move the cursor over what was looked at, but not past the settled frontier.

    The frontier is the highest id seen at some moment; once it is
    ``settle_seconds`` old, every event up to it has been committed, so the
    cursor may pass them. When the cursor reaches it, a new frontier starts.
    """
    frontier = _frontier(db, keys)
    highest = max([e.id for e in events] + [cursor])
    if settle_seconds <= 0:
        settled = highest
    elif frontier is not None and now - frontier["at"] >= settle_seconds:
        settled = frontier["id"]
    else:
        settled = cursor
    new = max(cursor, min(last_id if last_id is not None else cursor, settled))
    if new > cursor:
        db["meta"].upsert({"key": keys["cursor"], "value": str(new)}, pk="key")
    if frontier is None or new >= frontier["id"]:
        db["meta"].upsert(
            {"key": keys["frontier"], "value": json.dumps({"id": highest, "at": now})}, pk="key"
        )


def _frontier(db, keys: dict[str, str]) -> dict[str, float] | None:
    row = db.execute("select value from meta where key = ?", [keys["frontier"]]).fetchone()
    try:
        value = json.loads(row[0]) if row else None
        return {"id": int(value["id"]), "at": float(value["at"])}
    except (TypeError, ValueError, KeyError):
        return None


def _cursor(db, keys: dict[str, str]) -> int:
    row = db.execute("select value from meta where key = ?", [keys["cursor"]]).fetchone()
    return int(row[0]) if row else 0


def _handled(db, sender: str, message_id: str | None, ts: float, level: str) -> bool:
    """True if a ticket already covers this message."""
    if (
        message_id
        and db.execute(
            "select 1 from tickets where conversation_id = ? and episode_key = ?",
            [sender, message_id],
        ).fetchone()
    ):
        return True
    since = datetime.fromtimestamp(ts - 1, timezone.utc).isoformat(timespec="seconds")
    for (priority,) in db.execute(
        "select priority from tickets where conversation_id = ? and created_at >= ?",
        [sender, since],
    ):
        if store.PRIORITY_RANK[priority] <= store.PRIORITY_RANK[level]:
            return True
    return False


def _signs(parse: dict[str, Any]):
    return [e.get("value") for e in parse.get("entities") or [] if e.get("entity") == "red_flag"]


def _reason(parse: dict[str, Any], level: str) -> str:
    signs = _signs(parse)
    what = ", ".join(s.replace("_", " ") for s in signs) if signs else "symptom report"
    return f"{level} red flag ({what}); recorded by the reconciler - the action server missed it"


def _tell_rasa(sender: str, ticket_id: str) -> None:
    """Put the ticket on the conversation so it is held for staff (best effort)."""
    result = rasa_gateway.append_events_sync(
        sender,
        [
            {"event": "slot", "name": "handoff_ticket_id", "value": ticket_id},
            {"event": "slot", "name": "handoff_active", "value": True},
        ],
        execute_side_effects=False,
        output_channel=None,
        timeout=TELL_RASA_TIMEOUT,
    )
    if not result.ok:
        log.warning(
            "could not mark ticket %s's conversation as handed off in Rasa: %s",
            ticket_id,
            result.error,
        )
