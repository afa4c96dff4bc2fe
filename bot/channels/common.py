"""Small pieces every patient channel shares.

Why here: each connector must reject forged webhooks the same way (constant
time comparisons), never answer 500 on bad input, keep going when the
database is down (an emergency reply must still reach the patient), and send
long answers in pieces the provider accepts.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import logging
from datetime import datetime, timedelta, timezone
from typing import Any, Awaitable, Callable, Dict, List, Optional, Tuple

import aiohttp
from rasa.core.channels.channel import UserMessage
from rasa.shared.exceptions import RasaException
from sanic import response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import store

logger = logging.getLogger("bot.channels")

# Provider webhooks are small (a Telegram update, a WhatsApp notification):
# anything bigger is refused before it is parsed.
MAX_BODY_BYTES = 256 * 1024
SEND_TIMEOUT_SECONDS = 15
# WhatsApp lets a business send free-form messages for 24 hours after the
# patient last wrote; after that only approved templates.
SERVICE_WINDOW = timedelta(hours=24)


class ChannelSendError(RasaException):
    """The provider refused a message (or could not be reached).

    Raised from output channels so a staff reply posted through Rasa's HTTP API
    fails visibly (the inbox shows the text) instead of vanishing.
    """


class WindowClosedError(ChannelSendError):
    """The patient is outside WhatsApp's 24-hour window and no template is set."""


def json_error(status: int, reason: str) -> HTTPResponse:
    return response.json({"error": reason}, status=status)


def not_configured(channel: str, missing: List[str]) -> HTTPResponse:
    """503 for a channel mounted without its secrets, with the reason in the log."""
    logger.warning("%s webhook called but not configured: set %s in the environment "
                   "or in BOT_DATA_DIR/secrets.env", channel, ", ".join(missing))
    return json_error(503, f"{channel} channel is not configured")


def body_too_large(request: Request) -> bool:
    return len(request.body or b"") > MAX_BODY_BYTES


def parse_json_object(raw: bytes) -> Optional[Dict[str, Any]]:
    """The body as a JSON object, or None when it is not one (never raises)."""
    try:
        value = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    return value if isinstance(value, dict) else None


def same_secret(given: Optional[str], expected: Optional[str]) -> bool:
    """Constant-time comparison that is False when either side is missing."""
    if not given or not expected:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def hmac_sha256_hex(secret: str, body: bytes) -> str:
    return hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def typed_text(text: str) -> str:
    """Text a patient typed, made safe to hand to Rasa.

    Rasa reads a message starting with "/" as an intent with entities
    ("/report_emergency"); on text channels only our own button payloads may do
    that, so a typed leading slash is dropped. Telegram's "/start" becomes a
    greeting.
    """
    text = (text or "").strip()
    if text.split(" ", 1)[0].split("@", 1)[0].lower() == "/start":
        return "hello"
    return text.lstrip("/").strip()


def split_text(text: str, limit: int) -> List[str]:
    """Split ``text`` into pieces of at most ``limit`` characters.

    Cuts at a paragraph break, else a line break, else a space, so words stay
    whole; only a single word longer than the limit is cut inside.
    """
    text = (text or "").strip()
    pieces: List[str] = []
    while len(text) > limit:
        window = text[:limit + 1]
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


def already_seen(channel: str, message_id: str) -> bool:
    """True for a provider message id that was processed before (a retry or replay)."""
    return bool(safe_store(store.seen_message, channel, str(message_id), default=False))


def touch(conversation_id: str, channel: str) -> None:
    safe_store(store.touch_contact, conversation_id, channel)


def window_open(conversation_id: str, now: Optional[datetime] = None) -> Optional[bool]:
    """Whether the patient wrote within the last 24 hours.

    None when the database cannot tell (then the caller tries a free-form
    message and lets the provider decide).
    """
    try:
        row = store.contact(conversation_id)
    except Exception:  # noqa: BLE001
        logger.exception("could not read the contact of %s", conversation_id)
        return None
    if not row or not row.get("last_inbound_at"):
        return False
    try:
        last = datetime.fromisoformat(row["last_inbound_at"])
    except ValueError:
        return False
    if last.tzinfo is None:
        last = last.replace(tzinfo=timezone.utc)
    return (now or datetime.now(timezone.utc)) - last < SERVICE_WINDOW


# ------------------------------------------------------------ handing over

async def hand_over(on_new_message: Callable[[UserMessage], Awaitable[Any]],
                    message: UserMessage) -> None:
    """Give the message to Rasa; an error is logged, never turned into a 500.

    The provider would retry a failed webhook, and the retry would be dropped
    as a duplicate anyway, so answering 200 after logging is the honest reply.
    """
    try:
        await on_new_message(message)
    except Exception:  # noqa: BLE001
        logger.exception("handling a %s message from %s failed",
                         message.input_channel, message.sender_id)


# ------------------------------------------------------------ sending

async def post(url: str, *, json_body: Any = None, form: Optional[Dict[str, Any]] = None,
               headers: Optional[Dict[str, str]] = None,
               auth: Optional[aiohttp.BasicAuth] = None,
               redact: str = "") -> Tuple[int, Any]:
    """POST to a provider's API and return (status, parsed body).

    Raises ChannelSendError on a network error or a non-2xx answer. ``redact``
    is removed from error messages (the Telegram token is part of its URLs).
    """
    timeout = aiohttp.ClientTimeout(total=SEND_TIMEOUT_SECONDS)
    shown = url.replace(redact, "***") if redact else url
    try:
        async with aiohttp.ClientSession(timeout=timeout) as session:
            async with session.post(url, json=json_body, data=form, headers=headers,
                                    auth=auth) as resp:
                raw = await resp.read()
                try:
                    body: Any = json.loads(raw.decode("utf-8")) if raw else None
                except (UnicodeDecodeError, ValueError):
                    body = raw.decode("utf-8", "replace")[:500]
                if resp.status >= 300:
                    raise ChannelSendError(
                        f"{shown} answered {resp.status}: {provider_error(body)}")
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


# ------------------------------------------------------------ WhatsApp's window
TEMPLATE_PARAM_MAX_CHARS = 1024


def free_form_allowed(conversation_id: str, template_setting: str,
                      template_configured: bool) -> bool:
    """True: send as usual. False: send the approved template instead.

    Raises WindowClosedError, with a sentence the inbox can show, when the
    24-hour window is closed and no template is configured.
    """
    state = window_open(conversation_id)
    if state is None or state:
        return True
    if template_configured:
        return False
    raise WindowClosedError(
        "The patient's last WhatsApp message is more than 24 hours old (or there is "
        "none on record), so WhatsApp only accepts an approved template message now, "
        f"and {template_setting} is not set: the patient cannot be reached on WhatsApp "
        "until they write again. Please phone or email them instead.")


def template_text(text: str) -> str:
    """Staff text made fit for a template parameter (no newlines, bounded length)."""
    flat = " ".join((text or "").split())
    if not flat:
        raise ChannelSendError("An empty message cannot be sent as a WhatsApp template.")
    if len(flat) > TEMPLATE_PARAM_MAX_CHARS:
        raise ChannelSendError(
            f"Outside WhatsApp's 24-hour window a reply goes as a template, which takes at "
            f"most {TEMPLATE_PARAM_MAX_CHARS} characters; this one has {len(flat)}. "
            "Please shorten it.")
    return flat


# ------------------------------------------------------------ staff replies
STAFF_PREFIX = "Clinic team: "


def mark_staff(message: Dict[str, Any]) -> Dict[str, Any]:
    """Prefix a staff reply so the patient knows a person wrote it.

    The inbox sends staff replies as bot events with ``metadata.staff``;
    Rasa merges the metadata into the message it hands the output channel.
    """
    text = message.get("text")
    if message.get("staff") and isinstance(text, str) and text.strip():
        return {**message, "text": STAFF_PREFIX + text}
    return message
