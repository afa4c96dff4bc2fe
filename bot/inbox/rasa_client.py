"""Talk to the patient through Rasa's HTTP API.

Staff replies and the hand-back are events appended to the conversation with
``execute_side_effects=true&output_channel=<channel>``: Rasa records them in
the transcript and delivers bot messages on the conversation's own channel
(widget, Telegram, WhatsApp through Twilio or the Cloud API; for REST the
transcript only). The channel is the one the conversation id belongs to
(``bot.channels.ids``), else the one recorded on the ticket, never just the
channel that last wrote into the conversation. The calls go through
``bot.rasa_gateway``, which puts the id into the URL unescaped (Rasa does not
unescape path parameters, so an escaped id would address an empty, phantom
conversation) and refuses an id that would need escaping with a sentence for
staff.
"""

from __future__ import annotations

from typing import Any

from bot import rasa_gateway
from bot.channels import ids
from bot.rasa_gateway import RasaResult

# The Rasa channel names (credentials.yml) a staff reply can be sent on.
CHANNELS = ("rest", "socketio", "telegram", "twilio_whatsapp", "whatsapp")


def output_channel(conversation_id: str, recorded: str | None = None) -> str:
    """The channel a staff message goes out on.

    The id's namespace decides; an id from before the namespaces (or a REST
    sender) uses the channel recorded for it, and only if none is known,
    whatever channel the patient last wrote from.
    """
    channel = ids.channel_of(conversation_id) or recorded
    return channel if channel in CHANNELS else "latest"


async def post_events(
    conversation_id: str,
    events: dict[str, Any] | list[dict[str, Any]],
    channel: str | None = None,
) -> RasaResult:
    """Append one event or a list of events to the conversation, with side effects."""
    return await rasa_gateway.append_events(
        conversation_id,
        events,
        execute_side_effects=True,
        output_channel=output_channel(conversation_id, channel),
    )


def staff_reply_event(text: str, username: str) -> dict[str, Any]:
    return {"event": "bot", "text": text, "metadata": {"staff": username}}


def handback_events(text: str) -> list[dict[str, Any]]:
    return [
        {"event": "slot", "name": "handoff_active", "value": False},
        {"event": "bot", "text": text},
    ]


async def send_staff_reply(
    conversation_id: str, text: str, username: str, channel: str | None = None
) -> RasaResult:
    return await post_events(conversation_id, staff_reply_event(text, username), channel)


async def hand_back(conversation_id: str, text: str, channel: str | None = None) -> RasaResult:
    return await post_events(conversation_id, handback_events(text), channel)
