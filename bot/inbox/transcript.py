"""Read a conversation from Rasa's SQL tracker store, read-only.

Rasa keeps every event of a conversation in the table ``events`` of
``BOT_DATA_DIR/tracker.db`` (columns ``id, sender_id, type_name, timestamp,
intent_name, action_name, data``; ``data`` is the event as JSON). The inbox
never writes there: staff replies go through Rasa's HTTP API, so Rasa records
them itself. The file may not exist yet (no conversation so far).
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional

from bot import config

SHOWN_TYPES = ("user", "bot", "slot", "session_started", "pause", "resume")


@dataclass
class Transcript:
    """Messages of one conversation, oldest first; ``exists`` False if none at all."""
    exists: bool
    messages: List[Dict[str, Any]] = field(default_factory=list)
    truncated: bool = False

    @property
    def last_id(self) -> int:
        return self.messages[-1]["id"] if self.messages else 0

    def last_user_at(self) -> Optional[float]:
        times = [m["at"] for m in self.messages if m["kind"] == "user" and m["at"]]
        return max(times) if times else None


def _connect(path: Path) -> Optional[sqlite3.Connection]:
    if not path.exists():
        return None
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
    conn.execute("PRAGMA query_only=ON")
    return conn


def _buttons(data: Dict[str, Any]) -> List[str]:
    buttons = (data.get("data") or {}).get("buttons") or []
    return [str(b.get("title") or b.get("payload") or "")[:200]
            for b in buttons if isinstance(b, dict)][:12]


def to_message(row_id: int, type_name: str, timestamp: Optional[float],
               raw: Optional[str]) -> Optional[Dict[str, Any]]:
    """One tracker event as a message for the page, or None if not shown."""
    try:
        data = json.loads(raw) if raw else {}
    except ValueError:
        data = {}
    if not isinstance(data, dict):
        data = {}
    at = timestamp or data.get("timestamp")
    msg: Dict[str, Any] = {"id": row_id, "at": at, "author": None, "buttons": [],
                           "channel": None}
    if type_name == "user":
        msg.update(kind="user", text=str(data.get("text") or ""),
                   channel=data.get("input_channel"))
    elif type_name == "bot":
        meta = data.get("metadata") or {}
        staff = meta.get("staff") if isinstance(meta, dict) else None
        text = str(data.get("text") or "")
        image = (data.get("data") or {}).get("image")
        if not text and image:
            text = f"[image] {image}"
        msg.update(kind="staff" if staff else "bot", text=text,
                   author=str(staff) if staff else None, buttons=_buttons(data))
    elif type_name == "slot" and data.get("name") == "handoff_active":
        msg.update(kind="system", text="Conversation held for staff" if data.get("value")
                   else "Conversation handed back to the assistant")
    elif type_name == "session_started":
        msg.update(kind="system", text="New session")
    elif type_name == "pause":
        msg.update(kind="system", text="Conversation paused")
    elif type_name == "resume":
        msg.update(kind="system", text="Conversation resumed")
    else:
        return None
    return msg


def read_transcript(conversation_id: str, after_id: int = 0, limit: int = 2000,
                    path: Optional[Path] = None) -> Transcript:
    """The conversation's messages (only those after event ``after_id`` if given).

    Keeps the newest ``limit`` messages of a very long conversation.
    """
    conn = None
    try:
        conn = _connect(Path(path or config.tracker_db_path()))
        if conn is None:
            return Transcript(exists=False)
        marks = ",".join("?" * len(SHOWN_TYPES))
        rows = conn.execute(
            f"select id, type_name, timestamp, data from events where sender_id = ? "
            f"and id > ? and type_name in ({marks}) order by id desc limit ?",
            [conversation_id, after_id, *SHOWN_TYPES, limit + 1]).fetchall()
    except sqlite3.Error:
        return Transcript(exists=False)
    finally:
        if conn is not None:
            conn.close()
    truncated = len(rows) > limit
    messages = [m for m in (to_message(*r) for r in reversed(rows[:limit])) if m]
    return Transcript(exists=bool(messages) or after_id > 0, messages=messages,
                      truncated=truncated)


def channel_of(transcript: Transcript) -> Optional[str]:
    """The input channel of the patient's latest message, as Rasa recorded it."""
    for m in reversed(transcript.messages):
        if m["kind"] == "user" and m.get("channel"):
            return str(m["channel"])
    return None
