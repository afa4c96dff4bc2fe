"""Talk to the patient through Rasa's HTTP API.

Staff replies and the hand-back are events appended to the conversation with
``execute_side_effects=true&output_channel=<channel>``: Rasa records them in
the transcript and delivers bot messages on the conversation's own channel
(widget, Telegram, WhatsApp through Twilio or the Cloud API; for REST the
transcript only). The channel is the one the conversation id belongs to
(``bot.channels.ids``), else the one recorded on the ticket, never just the
channel that last wrote into the conversation. The id goes into the URL
unescaped: Rasa does not unescape path parameters, so an escaped id would
address an empty, phantom conversation; an id that would need escaping is
refused with a sentence for staff.
"""
from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Union

import aiohttp

from bot import config
from bot.channels import ids

TIMEOUT_SECONDS = 15


@dataclass
class RasaResult:
    ok: bool
    status: int = 0            # HTTP status; 0 when Rasa could not be reached
    error: str = ""            # a sentence for staff when not ok


# The Rasa channel names (credentials.yml) a staff reply can be sent on.
CHANNELS = ("rest", "socketio", "telegram", "twilio_whatsapp", "whatsapp")


def events_url(conversation_id: str) -> str:
    """Raises ids.UnaddressableId for an id Rasa's API cannot address."""
    return f"{config.rasa_url()}/conversations/{ids.url_segment(conversation_id)}/tracker/events"


def output_channel(conversation_id: str, recorded: Optional[str] = None) -> str:
    """The channel a staff message goes out on.

    The id's namespace decides; an id from before the namespaces (or a REST
    sender) uses the channel recorded for it, and only if none is known,
    whatever channel the patient last wrote from.
    """
    channel = ids.channel_of(conversation_id) or recorded
    return channel if channel in CHANNELS else "latest"


def rasa_message(body: str) -> str:
    """The sentence in Rasa's error JSON (``{"message": ...}``), else the start of the body."""
    try:
        data = json.loads(body)
        message = data.get("message") if isinstance(data, dict) else None
    except ValueError:
        message = None
    text = str(message or body or "")
    text = text.replace("An unexpected error occurred. Error: ", "")
    return " ".join(text.split())[:400]


def _error_for(status: int, body: str) -> str:
    if status in (401, 403):
        return (f"Rasa refused the request (HTTP {status}): check that the inbox and "
                "Rasa use the same RASA_AUTH_TOKEN.")
    if status == 404:
        return "Rasa does not know this conversation (HTTP 404)."
    if status == 409:
        return "Rasa is busy with this conversation (HTTP 409): try again in a moment."
    return f"Rasa answered HTTP {status}: the message was not sent. {rasa_message(body)}".strip()


async def post_events(conversation_id: str,
                      events: Union[Dict[str, Any], List[Dict[str, Any]]],
                      channel: Optional[str] = None) -> RasaResult:
    """Append one event or a list of events to the conversation, with side effects."""
    try:
        url = events_url(conversation_id)
    except ids.UnaddressableId as exc:
        return RasaResult(False, 0, str(exc) + " The message was not sent.")
    params = {"execute_side_effects": "true",
              "output_channel": output_channel(conversation_id, channel)}
    token = config.rasa_token()
    if token:
        params["token"] = token
    timeout = aiohttp.ClientTimeout(total=TIMEOUT_SECONDS)
    try:
        async with aiohttp.ClientSession(timeout=timeout) as session:
            async with session.post(url, params=params, json=events) as resp:
                if 200 <= resp.status < 300:
                    return RasaResult(True, resp.status)
                body = (await resp.text(errors="replace"))[:2000]
                return RasaResult(False, resp.status, _error_for(resp.status, body))
    except asyncio.TimeoutError:
        return RasaResult(False, 0, f"Rasa did not answer within {TIMEOUT_SECONDS} s: "
                                    "the message may not have been sent.")
    except aiohttp.ClientError as exc:
        return RasaResult(False, 0, f"Rasa is not reachable at {config.rasa_url()} "
                                    f"({type(exc).__name__}): the message was not sent.")


def staff_reply_event(text: str, username: str) -> Dict[str, Any]:
    return {"event": "bot", "text": text, "metadata": {"staff": username}}


def handback_events(text: str) -> List[Dict[str, Any]]:
    return [{"event": "slot", "name": "handoff_active", "value": False},
            {"event": "bot", "text": text}]


async def send_staff_reply(conversation_id: str, text: str, username: str,
                           channel: Optional[str] = None) -> RasaResult:
    return await post_events(conversation_id, staff_reply_event(text, username), channel)


async def hand_back(conversation_id: str, text: str,
                    channel: Optional[str] = None) -> RasaResult:
    return await post_events(conversation_id, handback_events(text), channel)
