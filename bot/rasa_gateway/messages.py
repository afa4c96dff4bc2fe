"""Conversation ids in URLs, and the one mapper from Rasa's events to chat messages."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from bot.channels import ids

log = logging.getLogger(__name__)


# ------------------------------------------------------------ conversation ids

UnaddressableConversation = ids.UnaddressableId  # an id Rasa's API cannot address as it is


def addressable(conversation_id: str) -> bool:
    """True if the id reaches the same conversation when put in a URL path unchanged."""
    return isinstance(conversation_id, str) and bool(ids.SAFE_ID.match(conversation_id))


def conversation_path(conversation_id: str) -> str:
    """``/conversations/<id>``, or ``UnaddressableConversation`` for an id needing escapes."""
    return f"/conversations/{ids.url_segment(conversation_id)}"


# ------------------------------------------------------------ the one mapper


@dataclass(frozen=True)
class Button:
    title: str
    payload: str | None


@dataclass(frozen=True)
class ChatMessage:
    """One line of a conversation as people read it.

    ``id`` is the event's position in the conversation (1 = first event), the
    same whether the events came from the HTTP API or the tracker store.
    ``kind``: ``user`` (the patient), ``bot``, ``staff`` (a staff reply,
    ``author`` = the staff account) or ``system`` (held for staff, handed
    back, new session, paused, resumed). ``command`` marks a patient message
    that is only an intent payload such as ``/greet`` (a button without a title).
    """

    id: int
    kind: str
    text: str
    at: float | None = None
    author: str | None = None
    channel: str | None = None
    buttons: tuple[Button, ...] = ()
    image: str | None = None
    command: bool = False


SYSTEM_TEXT = {
    "session_started": "New session",
    "pause": "Conversation paused",
    "resume": "Conversation resumed",
}
MAX_BUTTONS = 12


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _buttons(data: dict[str, Any]) -> tuple[Button, ...]:
    offered = data.get("buttons") or data.get("quick_replies") or []
    out = []
    for b in offered if isinstance(offered, list) else []:
        if not isinstance(b, dict) or not (b.get("title") or b.get("payload")):
            continue
        payload = b.get("payload")
        out.append(
            Button(str(b.get("title") or "")[:200], None if payload is None else str(payload)[:200])
        )
    return tuple(out[:MAX_BUTTONS])


def _at(event: dict[str, Any]) -> float | None:
    at = event.get("timestamp")
    return float(at) if isinstance(at, (int, float)) and not isinstance(at, bool) else None


def to_message(position: int, event: Any) -> ChatMessage | None:
    """One tracker event (a dict as Rasa serialises it) as a chat message, or None."""
    if not isinstance(event, dict):
        return None
    kind, at = event.get("event"), _at(event)
    meta = _dict(event.get("metadata"))
    if kind == "user":
        typed = str(event.get("text") or "")
        title = meta.get("button_title")
        channel = event.get("input_channel")
        return ChatMessage(
            position,
            "user",
            str(title) if title else typed,
            at,
            channel=str(channel) if channel else None,
            command=not title and typed.startswith("/"),
        )
    if kind == "bot":
        data = _dict(event.get("data"))
        staff = meta.get("staff")
        image = data.get("image")
        return ChatMessage(
            position,
            "staff" if staff else "bot",
            str(event.get("text") or ""),
            at,
            author=str(staff) if staff else None,
            buttons=_buttons(data),
            image=str(image) if image else None,
        )
    if kind == "slot" and event.get("name") == "handoff_active":
        return ChatMessage(
            position,
            "system",
            "Conversation held for staff"
            if event.get("value")
            else "Conversation handed back to the assistant",
            at,
        )
    if kind in SYSTEM_TEXT:
        return ChatMessage(position, "system", SYSTEM_TEXT[kind], at)
    return None


def chat_messages(events: Iterable[Any]) -> list[ChatMessage]:
    """The conversation's events as chat messages, oldest first (others left out)."""
    out = []
    for position, event in enumerate(events, start=1):
        message = to_message(position, event)
        if message is not None:
            out.append(message)
    return out


def has_conversation(messages: Iterable[ChatMessage]) -> bool:
    """True once someone said something (a new conversation has only a session start)."""
    return any(m.kind != "system" for m in messages)


WIDGET_HISTORY_LIMIT = 200


def widget_history(
    events: Iterable[Any], limit: int = WIDGET_HISTORY_LIMIT
) -> list[dict[str, Any]]:
    """What the website widget shows of a conversation, as it showed it live.

    A button the patient clicked shows as its title; intent payloads without
    a title (``/greet``) and system lines are left out; a bot text with blank
    lines becomes several bubbles, as the socket.io channel sends it.
    """
    out: list[dict[str, Any]] = []
    for m in chat_messages(events):
        if m.kind == "user":
            if m.text and not m.command:
                out.append({"from": "user", "text": m.text})
        elif m.kind in ("bot", "staff"):
            parts = [p for p in m.text.strip().split("\n\n") if p.strip()]
            for part in parts:
                out.append(
                    {
                        "from": m.kind,
                        "text": part,
                        **({"staff": m.author} if m.kind == "staff" else {}),
                    }
                )
            offered = [
                {"title": b.title, "payload": b.payload}
                for b in m.buttons
                if b.title and b.payload is not None
            ]
            if parts and offered:
                out[-1]["buttons"] = offered
    return out[-limit:] if limit else out
