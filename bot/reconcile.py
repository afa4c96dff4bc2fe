"""Escalations that the action server could not record, recorded anyway.

The emergency advice is a domain response, so a patient gets it even when the
action server is down - but then no ticket is written. This sweep, run every
few seconds by the inbox process, reads Rasa's tracker store (which the Rasa
server writes without the action server), finds symptom reports that should
have a ticket and have none, and creates it through the same
``bot.escalation.escalate`` the action uses. It also replays escalations that
were spooled while the database was unavailable.
"""
from __future__ import annotations

import json
import logging
import sqlite3
import time
import urllib.parse
import urllib.request
from datetime import datetime, timezone
from typing import Any, Dict, Optional

from bot import config, escalation, store
from bot.channels import ids

log = logging.getLogger(__name__)
CURSOR_KEY = "reconcile_cursor"
GRACE_SECONDS = 10  # give the action server time to record it first


def level_of(parse: Dict[str, Any]) -> Optional[str]:
    """The escalation level a parsed user message calls for, if any."""
    intent = (parse.get("intent") or {}).get("name")
    if intent == "report_emergency":
        return "emergency"
    level = (parse.get("triage") or {}).get("level")
    if intent in ("report_symptom", "report_urgent", "report_routine") and \
            level in escalation.ESCALATING:
        return level
    return None


def sweep(db=None, tracker_db=None, grace_seconds: float = GRACE_SECONDS,
          tell_rasa: bool = True) -> int:
    """Record missed escalations; returns the number of tickets created."""
    db = db if db is not None else store.open_db()
    created = escalation.replay_spool(db=db)
    path = tracker_db or config.tracker_db_path()
    try:
        src = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error:
        return created  # no transcript yet
    try:
        cursor = _cursor(db)
        # No timestamp filter here: Rasa writes a conversation's events once the
        # message is handled, so a higher id can carry an older timestamp. We stop
        # at the first event still in its grace period instead, so the cursor
        # never moves past an event that has not been looked at.
        rows = src.execute(
            "select id, sender_id, timestamp, data from events "
            "where id > ? and type_name = 'user' order by id limit 500",
            [cursor]).fetchall()
    except sqlite3.Error:
        src.close()
        return created  # the table does not exist yet
    try:
        return created + _record_missed(db, src, rows, grace_seconds, tell_rasa)
    finally:
        src.close()


def _record_missed(db, src, rows, grace_seconds: float, tell_rasa: bool) -> int:
    created = 0
    young = time.time() - grace_seconds
    for event_id, sender, ts, data in rows:
        if (ts or 0) >= young:
            break
        try:
            event = json.loads(data)
        except (TypeError, ValueError):
            event = None
        if not isinstance(event, dict):
            db["meta"].upsert({"key": CURSOR_KEY, "value": str(event_id)}, pk="key")
            continue
        parse = event.get("parse_data")
        parse = parse if isinstance(parse, dict) else {}
        level = level_of(parse)
        if level and level != "emergency" and _in_prescreen(src, sender, event_id):
            level = None  # an answer to a pre-screen question, not a report after treatment
        if level and not _handled(db, sender, event.get("message_id"), ts, level):
            ticket = escalation.escalate(
                sender, event.get("input_channel") or "unknown", level,
                reason=_reason(parse, level), signs=_signs(parse),
                episode_key=event.get("message_id"), source="reconciler",
                note_repeat=False, db=db)
            if ticket and ticket["source"] == "reconciler":
                created += 1
                if tell_rasa:
                    _tell_rasa(sender, ticket["id"])
        db["meta"].upsert({"key": CURSOR_KEY, "value": str(event_id)}, pk="key")
    return created


def _in_prescreen(src, sender: str, event_id: int) -> bool:
    """True if the pre-screen form was active when this message arrived."""
    row = src.execute(
        "select data from events where sender_id = ? and id < ? and type_name = 'active_loop' "
        "order by id desc limit 1", [sender, event_id]).fetchone()
    try:
        return bool(row) and (json.loads(row[0]) or {}).get("name") == "prescreen_form"
    except (TypeError, ValueError, AttributeError):
        return False


def _cursor(db) -> int:
    row = db.execute("select value from meta where key = ?", [CURSOR_KEY]).fetchone()
    return int(row[0]) if row else 0


def _handled(db, sender: str, message_id: Optional[str], ts: float, level: str) -> bool:
    """True if a ticket already covers this message."""
    if message_id and db.execute(
            "select 1 from tickets where conversation_id = ? and episode_key = ?",
            [sender, message_id]).fetchone():
        return True
    since = datetime.fromtimestamp(ts - 1, timezone.utc).isoformat(timespec="seconds")
    for (priority,) in db.execute(
            "select priority from tickets where conversation_id = ? and created_at >= ?",
            [sender, since]):
        if store.PRIORITY_RANK[priority] <= store.PRIORITY_RANK[level]:
            return True
    return False


def _signs(parse: Dict[str, Any]):
    return [e.get("value") for e in parse.get("entities") or []
            if e.get("entity") == "red_flag"]


def _reason(parse: Dict[str, Any], level: str) -> str:
    signs = _signs(parse)
    what = ", ".join(s.replace("_", " ") for s in signs) if signs else "symptom report"
    return f"{level} red flag ({what}); recorded by the reconciler - the action server missed it"


def _tell_rasa(sender: str, ticket_id: str) -> None:
    """Put the ticket on the conversation so it is held for staff (best effort)."""
    try:  # unescaped: Rasa does not unescape path parameters (an escaped id is another one)
        segment = ids.url_segment(sender)
    except ids.UnaddressableId:
        log.warning("ticket %s: its conversation id cannot be addressed in Rasa's API", ticket_id)
        return
    url = (f"{config.rasa_url()}/conversations/{segment}"
           f"/tracker/events?token={urllib.parse.quote(config.rasa_token())}")
    body = json.dumps([{"event": "slot", "name": "handoff_ticket_id", "value": ticket_id},
                       {"event": "slot", "name": "handoff_active", "value": True}]).encode()
    req = urllib.request.Request(url, data=body, method="POST",
                                 headers={"Content-Type": "application/json"})
    try:
        urllib.request.urlopen(req, timeout=5).read()
    except OSError as exc:
        log.warning("could not mark ticket %s's conversation as handed off in Rasa: %s",
                    ticket_id, exc)
