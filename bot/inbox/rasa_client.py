"""Talk to the patient through Rasa's HTTP API.

Staff replies and the hand-back are events appended to the conversation with
``execute_side_effects=true&output_channel=latest``: Rasa records them in the
transcript and delivers bot messages on the channel the patient last wrote
from (widget, Telegram, WhatsApp; for REST the transcript only). The calls go
through ``bot.rasa_gateway``, which refuses ids that a URL cannot carry as
they are (Rasa would file the events under another conversation).
"""
from __future__ import annotations

from typing import Any, Dict, List, Union

from bot import config, rasa_gateway
from bot.rasa_gateway import RasaResult, rasa_message  # noqa: F401 - part of this module's API

TIMEOUT_SECONDS = rasa_gateway.TIMEOUT_SECONDS


def events_url(conversation_id: str) -> str:
    """The URL of the conversation's events; ``UnaddressableConversation`` if it has none."""
    return f"{config.rasa_url()}{rasa_gateway.conversation_path(conversation_id)}/tracker/events"


async def post_events(conversation_id: str,
                      events: Union[Dict[str, Any], List[Dict[str, Any]]]) -> RasaResult:
    """Append one event or a list of events to the conversation, with side effects."""
    return await rasa_gateway.append_events(conversation_id, events,
                                            execute_side_effects=True, output_channel="latest")


def staff_reply_event(text: str, username: str) -> Dict[str, Any]:
    return {"event": "bot", "text": text, "metadata": {"staff": username}}


def handback_events(text: str) -> List[Dict[str, Any]]:
    return [{"event": "slot", "name": "handoff_active", "value": False},
            {"event": "bot", "text": text}]


async def send_staff_reply(conversation_id: str, text: str, username: str) -> RasaResult:
    return await post_events(conversation_id, staff_reply_event(text, username))


async def hand_back(conversation_id: str, text: str) -> RasaResult:
    return await post_events(conversation_id, handback_events(text))
