"""Buttons on channels that cannot show them: numbered text and a typed number.

The bot offers quick replies ("Yes" / "No"); on WhatsApp through Twilio (and
wherever a native button cannot carry the payload) they are written as
``1. Yes  2. No`` and remembered in the store, so the patient's "2" (or "no")
picks the button's payload on the next message. Remembered buttons count for
one reply only: whatever the patient writes next clears them, so a later "2"
("how many sessions?") is read as text.
"""

from __future__ import annotations

import re
from typing import Any

from bot import store
from bot.channels.common import safe_store

INLINE_LIMIT = 48  # longer option lists go one per line
_NUMBER = re.compile(r"^\s*(?:option\s*)?(\d{1,2})\s*[.)]?\s*$", re.IGNORECASE)


def clean_buttons(buttons: Any) -> list[dict[str, str]]:
    """Keep the buttons that have a title and a payload, as plain strings."""
    out = []
    for b in buttons or []:
        if isinstance(b, dict) and b.get("title") and b.get("payload") is not None:
            out.append({"title": str(b["title"]), "payload": str(b["payload"])})
    return out


def numbered_text(text: str, buttons: list[dict[str, Any]]) -> str:
    """``text`` followed by the options as "1. Yes  2. No"."""
    options = [f"{i}. {b['title']}" for i, b in enumerate(clean_buttons(buttons), 1)]
    if not options:
        return text
    joined = "  ".join(options)
    if len(joined) > INLINE_LIMIT:
        joined = "\n".join(options)
    return f"{text.rstrip()}\n\n{joined}\n(Reply with a number.)" if text.strip() else joined


def remember(conversation_id: str, channel: str, buttons: list[dict[str, Any]]) -> None:
    """Keep the offered buttons so the next reply can pick one."""
    safe_store(store.remember_buttons, conversation_id, channel, clean_buttons(buttons))


def pick(text: str, buttons: list[dict[str, Any]]) -> str | None:
    """The payload the patient picked by number or by title, else None."""
    buttons = clean_buttons(buttons)
    if not buttons or not text:
        return None
    m = _NUMBER.match(text)
    if m:
        n = int(m.group(1))
        return buttons[n - 1]["payload"] if 1 <= n <= len(buttons) else None
    wanted = " ".join(text.split()).strip(" .!").casefold()
    for b in buttons:
        if " ".join(b["title"].split()).casefold() == wanted:
            return b["payload"]
    return None


def resolve(conversation_id: str, channel: str, text: str) -> str | None:
    """The payload picked by this reply (and forget the offer), or None.

    Called with every inbound text before it goes to Rasa.
    """
    offered = safe_store(store.offered_buttons, conversation_id, default=[]) or []
    if not offered:
        return None
    safe_store(store.remember_buttons, conversation_id, channel, [])
    return pick(text, offered)
