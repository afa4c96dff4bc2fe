"""Conversations for tests, written through Rasa's own tracker store.

``TrackerWriter`` appends events with ``bot.rasa_gateway.TrackerStoreGateway``,
that is with Rasa's ``TrackerStore.save``, into the store endpoints.yml names
for a data folder (SQLite ``tracker.db`` by default) or into any gateway given.
Nothing here knows Rasa's table layout.

``rasa_api(writer)`` is a handler for the ``http_server`` fixture that answers
like Rasa's HTTP API for trackers (GET a tracker, POST and PUT events) from the
same store. Like Rasa's web server, it does not unescape the conversation id
in the path.
"""

from __future__ import annotations

import re
import secrets
import time
from pathlib import Path
from typing import Any

from bot import rasa_gateway

TRACKER_PATH = re.compile(r"^/conversations/(.+?)/tracker(/events)?$")


class TrackerWriter:
    """Writes conversations through Rasa's tracker store (``add``, ``user``, ``bot``, ``slot``)."""

    def __init__(
        self, data_dir: Path | None = None, gateway: rasa_gateway.TrackerStoreGateway | None = None
    ) -> None:
        if gateway is None:
            overrides = {"BOT_DATA_DIR": str(data_dir)} if data_dir else None
            gateway = rasa_gateway.tracker_store(overrides=overrides)
        self.gateway = gateway

    def add(self, sender_id: str, event: dict[str, Any]) -> None:
        """Append one event dict (``{"event": "user", ...}``)."""
        event = dict(event)
        event.setdefault("timestamp", time.time())
        if event.get("event") == "user":
            event.setdefault("parse_data", {"intent": {"name": None}, "entities": []})
        self.gateway.append(sender_id, [event])

    def user(
        self,
        sender_id: str,
        text: str,
        at: float | None = None,
        channel: str = "socketio",
        intent: str = "report_symptom",
        **fields: Any,
    ) -> None:
        self.add(
            sender_id,
            {
                "event": "user",
                "timestamp": at or time.time(),
                "text": text,
                "input_channel": channel,
                "message_id": secrets.token_hex(8),
                "parse_data": {
                    "intent": {"name": intent, "confidence": 0.97},
                    "entities": [],
                    "text": text,
                },
                **fields,
            },
        )

    def bot(
        self,
        sender_id: str,
        text: str,
        at: float | None = None,
        staff: str | None = None,
        buttons: list[str] | None = None,
    ) -> None:
        data = {"buttons": [{"title": b, "payload": b} for b in buttons]} if buttons else {}
        self.add(
            sender_id,
            {
                "event": "bot",
                "timestamp": at or time.time(),
                "text": text,
                "data": data,
                "metadata": {"staff": staff} if staff else {},
            },
        )

    def slot(self, sender_id: str, name: str, value: Any, at: float | None = None) -> None:
        self.add(
            sender_id,
            {"event": "slot", "timestamp": at or time.time(), "name": name, "value": value},
        )

    def events(self, sender_id: str) -> list[dict[str, Any]]:
        return self.gateway.events(sender_id)


def new_session_events() -> list[dict[str, Any]]:
    """What Rasa answers (without storing it) for a conversation it has never seen."""
    now = time.time()
    return [
        {"event": "action", "name": "action_session_start", "timestamp": now},
        {"event": "session_started", "timestamp": now},
        {"event": "action", "name": "action_listen", "timestamp": now},
    ]


def rasa_api(writer: TrackerWriter):
    """A ``handler(request) -> (status, body)`` answering like Rasa's tracker endpoints."""

    def handle(rec: Any) -> tuple[int, Any]:
        match = TRACKER_PATH.match(rec.path)
        if not match:
            return 404, {"status": "failure", "message": "not found"}
        cid, events_path = match.group(1), match.group(2)  # as sent: no unescaping
        if rec.method == "GET" and not events_path:
            events = writer.events(cid) or new_session_events()
            return 200, {"sender_id": cid, "events": events, "slots": {}}
        if rec.method in ("POST", "PUT") and events_path:
            body = rec.json
            events = body if isinstance(body, list) else [body]
            if rec.method == "PUT":
                writer.gateway.delete_conversation(cid)
            writer.gateway.append(cid, events)
            return 200, {"sender_id": cid, "events": writer.events(cid)}
        return 405, {"status": "failure", "message": "method not allowed"}

    return handle
