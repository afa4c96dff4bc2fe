"""A conversation as the inbox shows it, read through ``bot.rasa_gateway``.

The gateway reads the conversation's events (Rasa's HTTP API, or Rasa's
tracker store while Rasa cannot be reached) and turns them into chat
messages; this module only shapes them for the templates. The inbox never
writes a transcript: staff replies go through Rasa's HTTP API, so Rasa
records them itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot import rasa_gateway
from bot.rasa_gateway import ChatMessage


@dataclass
class Transcript:
    """Messages of one conversation, oldest first; ``exists`` False if none at all.

    ``error`` says why the conversation could not be read (then ``exists`` is False).
    """

    exists: bool
    messages: list[dict[str, Any]] = field(default_factory=list)
    truncated: bool = False
    error: str = ""

    @property
    def last_id(self) -> int:
        return self.messages[-1]["id"] if self.messages else 0

    def last_user_at(self) -> float | None:
        times = [m["at"] for m in self.messages if m["kind"] == "user" and m["at"]]
        return max(times) if times else None


def for_page(m: ChatMessage) -> dict[str, Any]:
    """A chat message as the templates use it (buttons as their titles)."""
    text = m.text or (f"[image] {m.image}" if m.image else "")
    return {
        "id": m.id,
        "kind": m.kind,
        "text": text,
        "at": m.at,
        "author": m.author,
        "channel": m.channel,
        "buttons": [b.title or b.payload or "" for b in m.buttons],
    }


def from_events(events: list[Any], after_id: int = 0, limit: int = 2000) -> Transcript:
    """The transcript of these events (only messages after event ``after_id`` if given).

    Keeps the newest ``limit`` messages of a very long conversation.
    """
    messages = rasa_gateway.chat_messages(events)
    exists = rasa_gateway.has_conversation(messages)
    shown = [m for m in messages if m.id > after_id] if exists else []
    return Transcript(
        exists=exists, messages=[for_page(m) for m in shown[-limit:]], truncated=len(shown) > limit
    )


async def read_transcript(conversation_id: str, after_id: int = 0, limit: int = 2000) -> Transcript:
    """The conversation's messages, read through the gateway."""
    read = await rasa_gateway.read_events(conversation_id)
    if not read.ok:
        return Transcript(exists=False, error=read.error)
    return from_events(read.events, after_id, limit)


def channel_of(transcript: Transcript) -> str | None:
    """The input channel of the patient's latest message, as Rasa recorded it."""
    for m in reversed(transcript.messages):
        if m["kind"] == "user" and m.get("channel"):
            return str(m["channel"])
    return None
