"""Conversation ids: one namespace per channel, so ids never collide.

Rasa keys a conversation by its sender id alone. If every channel used the
provider's own address (a phone number, a Telegram chat id, whatever a browser
sends), anyone who knows a patient's phone number could reach that patient's
conversation through another channel. So each channel writes its ids with its
own prefix and only ever reads ids with that prefix:

| channel (Rasa name) | conversation id | provider address |
| --- | --- | --- |
| ``telegram`` | ``tg-<chat id>`` | the chat id |
| ``whatsapp`` (Cloud API) | ``wa-<phone digits>`` | the digits |
| ``twilio_whatsapp`` | ``tw-<phone digits>`` | ``whatsapp:+<digits>`` |
| ``socketio`` (widget) | ``web-<session key>`` | a key the server issued and signed |
| ``rest`` | the ``sender`` as given | - (trusted callers, with the API token) |

A REST sender may not start with another channel's prefix. Every id is made of
characters that need no escaping in a URL path, because Rasa's HTTP API (Sanic
21) does not unescape path parameters: an escaped id would address another,
empty conversation (the reliability review's D4).

No Rasa here: the inbox and the reconciler use it too.
"""

from __future__ import annotations

import re

PREFIXES = {"telegram": "tg-", "whatsapp": "wa-", "twilio_whatsapp": "tw-", "socketio": "web-"}
# Characters that stand for themselves in a URL path segment (RFC 3986 pchar,
# minus the ones some clients or proxies still rewrite).
SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._~:@+=-]{0,199}$")
TELEGRAM_CHAT = re.compile(r"^-?[0-9]{1,20}$")
PHONE_DIGITS = re.compile(r"^[0-9]{5,20}$")
TWILIO_FROM = re.compile(r"^whatsapp:\+?([0-9]{5,20})$")


class UnaddressableId(ValueError):
    """A conversation id that Rasa's HTTP API cannot address (it needs escaping)."""


def channel_of(conversation_id: str) -> str | None:
    """The channel whose namespace the id is in, or None (REST, or an old id)."""
    for channel, prefix in PREFIXES.items():
        if conversation_id.startswith(prefix):
            return channel
    return None


def foreign_namespace(sender: str) -> str | None:
    """The channel a REST sender would impersonate, ignoring case; else None."""
    lowered = sender.strip().lower()
    for channel, prefix in PREFIXES.items():
        if lowered.startswith(prefix):
            return channel
    return None


def url_segment(conversation_id: str) -> str:
    """The id as it goes in ``/conversations/<id>/...``: unchanged, or refused.

    Raises UnaddressableId for an id that would need escaping (Rasa would read
    the escaped form as another conversation).
    """
    if not isinstance(conversation_id, str) or not SAFE_ID.match(conversation_id):
        raise UnaddressableId(
            "This conversation id cannot be addressed through Rasa's HTTP API "
            "(it contains characters that would need escaping in a URL)."
        )
    return conversation_id


# ------------------------------------------------------------ per channel


def telegram_id(chat_id: object) -> str | None:
    text = str(chat_id) if isinstance(chat_id, (int, str)) and not isinstance(chat_id, bool) else ""
    return PREFIXES["telegram"] + text if TELEGRAM_CHAT.match(text) else None


def telegram_chat(conversation_id: str) -> str:
    """The chat id to send to (an id from before the namespaces passes as is)."""
    return _strip(conversation_id, "telegram")


def whatsapp_id(phone: object) -> str | None:
    return (
        PREFIXES["whatsapp"] + phone
        if isinstance(phone, str) and PHONE_DIGITS.match(phone)
        else None
    )


def whatsapp_number(conversation_id: str) -> str:
    return _strip(conversation_id, "whatsapp")


def twilio_id(address: object) -> str | None:
    """``whatsapp:+447700900123`` -> ``tw-447700900123``; None for anything else."""
    m = TWILIO_FROM.match(address) if isinstance(address, str) else None
    return PREFIXES["twilio_whatsapp"] + m.group(1) if m else None


def twilio_address(conversation_id: str) -> str:
    """``tw-447700900123`` -> ``whatsapp:+447700900123`` (older ids pass as is)."""
    prefix = PREFIXES["twilio_whatsapp"]
    if conversation_id.startswith(prefix):
        return f"whatsapp:+{conversation_id[len(prefix) :]}"
    return conversation_id


def widget_id(session_key: str) -> str:
    return PREFIXES["socketio"] + session_key


def _strip(conversation_id: str, channel: str) -> str:
    prefix = PREFIXES[channel]
    return conversation_id[len(prefix) :] if conversation_id.startswith(prefix) else conversation_id


# The channel names of ../shared/CONTRACT.md's treatments API, where the Cloud
# API channel is called ``whatsapp_cloud`` (its Rasa name is ``whatsapp``).
CONTRACT_NAMES = {"whatsapp_cloud": "whatsapp"}


def for_address(channel: str, address: str) -> str | None:
    """The conversation id of a provider address on a channel, or None if it cannot be one.

    For callers that know a patient by their address (a booking system's
    phone number or chat id): ``("twilio_whatsapp", "whatsapp:+447700900123")``
    gives ``tw-447700900123``. A conversation id already in the channel's
    namespace is returned as is; ``rest`` keeps the sender as given.
    """
    channel = CONTRACT_NAMES.get(channel, channel)
    if not isinstance(address, str) or not address:
        return None
    prefix = PREFIXES.get(channel)
    if prefix and address.startswith(prefix):
        return address if SAFE_ID.match(address) else None
    if channel == "telegram":
        return telegram_id(address)
    if channel == "whatsapp":
        return whatsapp_id(address.lstrip("+"))
    if channel == "twilio_whatsapp":
        return twilio_id(address if address.startswith("whatsapp:") else f"whatsapp:{address}")
    if channel == "rest":
        return address if SAFE_ID.match(address) and not foreign_namespace(address) else None
    return None  # the widget's conversations are known by their signed session only
