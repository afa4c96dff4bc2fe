"""Talk to the patient through Rasa's HTTP API.

Staff replies and the hand-back are events appended to the conversation with
``execute_side_effects=true&output_channel=latest``: Rasa records them in the
transcript and delivers bot messages on the channel the patient last wrote
from (widget, Telegram, WhatsApp; for REST the transcript only).
"""
from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from typing import Any, Dict, List, Union
from urllib.parse import quote

import aiohttp

from bot import config

TIMEOUT_SECONDS = 15


@dataclass
class RasaResult:
    ok: bool
    status: int = 0            # HTTP status; 0 when Rasa could not be reached
    error: str = ""            # a sentence for staff when not ok


def events_url(conversation_id: str) -> str:
    return f"{config.rasa_url()}/conversations/{quote(conversation_id, safe='')}/tracker/events"


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
                      events: Union[Dict[str, Any], List[Dict[str, Any]]]) -> RasaResult:
    """Append one event or a list of events to the conversation, with side effects."""
    params = {"execute_side_effects": "true", "output_channel": "latest"}
    token = config.rasa_token()
    if token:
        params["token"] = token
    timeout = aiohttp.ClientTimeout(total=TIMEOUT_SECONDS)
    try:
        async with aiohttp.ClientSession(timeout=timeout) as session:
            async with session.post(events_url(conversation_id), params=params,
                                    json=events) as resp:
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


async def send_staff_reply(conversation_id: str, text: str, username: str) -> RasaResult:
    return await post_events(conversation_id, staff_reply_event(text, username))


async def hand_back(conversation_id: str, text: str) -> RasaResult:
    return await post_events(conversation_id, handback_events(text))
