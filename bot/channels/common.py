"""Small pieces every patient channel shares.

Why here: each connector must reject forged webhooks the same way (constant
time comparisons), never answer 500 on bad input, keep going when the
database is down (an emergency reply must still reach the patient), hand a
provider's message to Rasa at least once (``Delivery``), and send long answers
in pieces the provider accepts.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import secrets
import socket
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp
from rasa.core.channels.channel import UserMessage
from rasa.shared.exceptions import RasaException
from sanic import response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import store
from bot.channels import checkin_hook, limits

logger = logging.getLogger("bot.channels")

# Provider webhooks are small (a Telegram update, a WhatsApp notification):
# anything bigger is refused before it is parsed.
MAX_BODY_BYTES = 128 * 1024
SEND_TIMEOUT_SECONDS = 15


class ChannelSendError(RasaException):
    """The provider refused a message (or could not be reached).

    Raised from output channels so a staff reply posted through Rasa's HTTP API
    fails visibly (the inbox shows the text) instead of vanishing.
    """


def json_error(status: int, reason: str) -> HTTPResponse:
    return response.json({"error": reason}, status=status)


def body_too_large(request: Request) -> bool:
    return len(request.body or b"") > MAX_BODY_BYTES


def parse_json_object(raw: bytes) -> dict[str, Any] | None:
    """The body as a JSON object, or None when it is not one (never raises).

    A deeply nested body (``[[[[...``) is refused too: Python's parser would
    raise RecursionError on it.
    """
    try:
        value = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    return value if isinstance(value, dict) else None


def same_secret(given: str | None, expected: str | None) -> bool:
    """Constant-time comparison that is False when either side is missing."""
    if not given or not expected:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def hmac_sha256_hex(secret: str, body: bytes) -> str:
    return hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def typed_text(text: str) -> str:
    """Text a patient typed, made safe to hand to Rasa.

    Rasa reads a message starting with "/" as an intent with entities
    ("/report_emergency", "/restart"); from a patient only our own button
    payloads may do that (see ``button_payload``), so a typed leading slash is
    dropped. Telegram's "/start" becomes a greeting. Lone surrogates and NUL
    become U+FFFD (``limits.clean_text``).
    """
    text = limits.clean_text(text or "").strip()
    if text.split(" ", 1)[0].split("@", 1)[0].lower() == "/start":
        return "hello"
    return text.lstrip("/").strip()


def button_payload(conversation_id: str, channel: str, payload: str) -> str | None:
    """``payload`` if it is one of the buttons we offered this conversation, else None.

    A button press arrives as data the client sends (Telegram's callback data,
    a WhatsApp reply id, the widget's message): a modified client can send any
    "/intent{...}". Only a payload we offered last is taken as one; the offer
    is used up either way.
    """
    from bot.channels import buttons as numbered  # buttons imports this module

    offered = safe_store(store.offered_buttons, conversation_id, default=[]) or []
    if offered:
        safe_store(store.remember_buttons, conversation_id, channel, [])
    for b in numbered.clean_buttons(offered):
        if b["payload"] == payload:
            return payload
    return None


def split_text(text: str, limit: int) -> list[str]:
    """Split ``text`` into pieces of at most ``limit`` characters.

    Cuts at a paragraph break, else a line break, else a space, so words stay
    whole; only a single word longer than the limit is cut inside.
    """
    text = (text or "").strip()
    pieces: list[str] = []
    while len(text) > limit:
        window = text[: limit + 1]
        cut = -1
        for sep in ("\n\n", "\n", " "):
            cut = window.rfind(sep)
            if cut > 0:
                break
        if cut <= 0:
            cut = limit
        pieces.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    if text:
        pieces.append(text)
    return pieces


# ------------------------------------------------------------ the database
# The channels keep working when the database is unavailable: de-duplication,
# numbered buttons and the 24-hour window are conveniences next to getting the
# bot's answer (perhaps an emergency instruction) to the patient.


def safe_store(fn: Callable[..., Any], *args: Any, default: Any = None, **kwargs: Any) -> Any:
    try:
        return fn(*args, **kwargs)
    except Exception:  # noqa: BLE001 - any database failure
        logger.exception("store.%s failed; carrying on without it", getattr(fn, "__name__", fn))
        return default


# A provider message is claimed while Rasa handles it and marked done after
# (``store.claim_message``): a copy that arrives later is a replay, a copy that
# arrives after a crash is handled. The owner names this process.
HOST = socket.gethostname()
BOOT = secrets.token_hex(4)


def owner() -> str:
    return f"{HOST}:{os.getpid()}:{BOOT}"


def owner_alive(holder: str) -> bool:
    """Whether the process that claimed a message may still be handling it."""
    try:
        host, pid_text, boot = holder.rsplit(":", 2)
        pid = int(pid_text)
    except (AttributeError, ValueError):
        return False
    if host != HOST:
        return True  # another machine: only the claim's lease can tell
    if pid == os.getpid():
        return boot == BOOT
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class Delivery:
    """One provider message on its way to Rasa, handled at least once.

    ``state`` is ``"new"`` (hand it over), ``"done"`` (a replay: acknowledge) or
    ``"busy"`` (a copy is being handled right now: answer 503 so the provider
    tries again later). Without a database every message counts as new.
    """

    def __init__(self, channel: str, message_id: str | None) -> None:
        self.channel = channel
        self.message_id = str(message_id) if message_id else None
        self.state = "new"
        if self.message_id:
            self.state = safe_store(
                store.claim_message,
                channel,
                self.message_id,
                owner(),
                alive=owner_alive,
                default="new",
            )

    def done(self) -> None:
        if self.message_id:
            safe_store(store.finish_message, self.channel, self.message_id)

    def failed(self) -> None:
        if self.message_id:
            safe_store(store.release_message, self.channel, self.message_id, owner())

    async def admit(
        self, gate: limits.Gate, conversation_id: str, text: str, output: Any
    ) -> str | None:
        """The text for Rasa, or None when refused (too long, too fast): then the
        patient was told (``limits.admit_text``) and the message is done."""
        text, notice, _ = limits.admit_text(gate, conversation_id, None, text)
        if text is None:
            if notice:
                await say(output, conversation_id, notice)
            self.done()
        return text

    async def hand_over(
        self,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        message: tuple[str, Any, str],
        metadata: dict[str, Any] | None,
        rasa_message_id: str | None = None,
    ) -> bool:
        """Give ``(text, output channel, conversation id)`` to Rasa; True when Rasa
        handled it (then it is done). Rasa's message id is the provider's unless given.

        On an error the claim is released and False returned: the webhook then
        answers 503 and the provider's retry is handled, not dropped.
        """
        text, output, conversation_id = message
        user_message = UserMessage(
            text,
            output,
            conversation_id,
            input_channel=self.channel,
            message_id=rasa_message_id or self.message_id,
            metadata=metadata,
        )
        if await deliver_to_bot(on_new_message, user_message):
            self.done()
            return True
        self.failed()
        return False


def retry_later() -> HTTPResponse:
    return response.json({"status": "retry later"}, status=503, headers={"Retry-After": "5"})


def record_inbound(conversation_id: str, channel: str) -> None:
    """Note that the patient just wrote (opens WhatsApp's 24-hour window); best effort."""
    safe_store(store.touch_contact, conversation_id, channel)


# ------------------------------------------------------------ handing over


async def deliver_to_bot(
    on_new_message: Callable[[UserMessage], Awaitable[Any]], message: UserMessage
) -> bool:
    """Give the message to Rasa; an error is logged (never a 500) and gives False."""
    try:
        message = await checkin_hook.prepare(message)  # "stop", a check-in reply
        await on_new_message(message)
        return True
    except Exception:  # noqa: BLE001
        logger.exception("handling a %s message failed", message.input_channel)
        return False


async def say(output: Any, recipient_id: str, text: str) -> None:
    """A message of the channel's own (too long, too fast) to the patient; best effort."""
    try:
        await output.send_text_message(recipient_id, text)
    except Exception as e:  # noqa: BLE001 - never turn this into a 500
        logger.warning("could not send a channel notice: %s", e)


# ------------------------------------------------------------ sending


async def post(
    url: str,
    *,
    json_body: Any = None,
    form: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
    auth: aiohttp.BasicAuth | None = None,
    redact: str = "",
) -> tuple[int, Any]:
    """POST to a provider's API and return (status, parsed body).

    Raises ChannelSendError on a network error or a non-2xx answer. ``redact``
    is removed from error messages (the Telegram token is part of its URLs).
    """
    timeout = aiohttp.ClientTimeout(total=SEND_TIMEOUT_SECONDS)
    shown = url.replace(redact, "***") if redact else url
    try:
        async with aiohttp.ClientSession(timeout=timeout) as session:
            async with session.post(
                url, json=json_body, data=form, headers=headers, auth=auth
            ) as resp:
                raw = await resp.read()
                try:
                    body: Any = json.loads(raw.decode("utf-8")) if raw else None
                except (UnicodeDecodeError, ValueError):
                    body = raw.decode("utf-8", "replace")[:500]
                if resp.status >= 300:
                    raise ChannelSendError(
                        f"{shown} answered {resp.status}: {provider_error(body)}"
                    )
                return resp.status, body
    except (aiohttp.ClientError, TimeoutError) as e:
        raise ChannelSendError(f"could not reach {shown}: {e.__class__.__name__} {e}") from e


def provider_error(body: Any) -> str:
    """The human part of a provider's error answer (Telegram, Twilio, Meta)."""
    if isinstance(body, dict):
        err = body.get("error")
        if isinstance(err, dict):
            return str(err.get("message") or err)
        for key in ("description", "message", "error"):
            if body.get(key):
                return str(body[key])
    return str(body)[:300]
