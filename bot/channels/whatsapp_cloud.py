"""WhatsApp through Meta's WhatsApp Cloud API (Rasa 3.6 has no such channel).

Webhook at ``/webhooks/whatsapp/webhook``:
- GET is Meta's verification: ``hub.mode=subscribe`` and ``hub.verify_token``
  equal to ``WHATSAPP_VERIFY_TOKEN`` echo ``hub.challenge``; anything else 403;
- POST must carry ``X-Hub-Signature-256: sha256=<hex>``, the HMAC-SHA256 of
  the raw body with ``WHATSAPP_APP_SECRET`` (constant-time check, else 403);
- text messages and interactive button/list replies reach Rasa (a reply id
  counts as a payload only if the bot offered that button); each message id
  is handled at least once and a replay is dropped (``common.Delivery``: Meta
  re-delivers a notification until it gets a 200, so a crash mid-message
  answers 503 and the message comes again); delivery statuses and media are
  acknowledged and ignored; every inbound message opens the 24-hour window
  (``store.touch_contact``);
- the conversation id is ``wa-<phone digits>`` (``bot.channels.ids``); text is
  cleaned, size- and rate-limited; the messages of one notification are
  handled in order per sender, different senders at once.

Outgoing messages go to ``WHATSAPP_API_BASE``/<phone number id>/messages with
``WHATSAPP_ACCESS_TOKEN``; text is split at 4,096 characters; up to three
short buttons are sent as WhatsApp reply buttons, more as numbered text.
Outside the 24-hour window (a staff reply days later) a message goes as the
approved template ``WHATSAPP_TEMPLATE_NAME`` with the text as its single body
parameter, or fails with WindowClosedError, whose text the inbox shows.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import settings as bot_settings
from bot.channels import buttons as numbered
from bot.channels import ids
from bot.channels.common import (
    ChannelSendError,
    Delivery,
    button_payload,
    hmac_sha256_hex,
    json_error,
    parse_json_object,
    post,
    record_inbound,
    retry_later,
    same_secret,
    split_text,
    typed_text,
)
from bot.channels.configured import ConfiguredChannel, not_configured
from bot.channels.output import WhatsAppOutput
from bot.channels.whatsapp_send import template_text

logger = logging.getLogger(__name__)

CHANNEL = "whatsapp"
MAX_TEXT_CHARS = 4096
MAX_BUTTONS = 3
MAX_BUTTON_TITLE = 20
MAX_BUTTON_ID = 256
MAX_INTERACTIVE_BODY = 1024
SIGNATURE_HEADER = "X-Hub-Signature-256"


def settings() -> dict[str, str | None]:
    """The channel's configuration (``bot.settings``: the environment or secrets.env)."""
    s = bot_settings.settings()
    return {
        "verify_token": s.WHATSAPP_VERIFY_TOKEN,
        "app_secret": s.WHATSAPP_APP_SECRET,
        "access_token": s.WHATSAPP_ACCESS_TOKEN,
        "phone_number_id": s.WHATSAPP_PHONE_NUMBER_ID,
        "api_base": s.WHATSAPP_API_BASE.rstrip("/"),
        "template_name": s.WHATSAPP_TEMPLATE_NAME,
        "template_language": s.WHATSAPP_TEMPLATE_LANGUAGE,
    }


class WhatsAppCloudOutput(WhatsAppOutput):
    """Sends through the Cloud API with async HTTP (safe inside Rasa's loop)."""

    CHANNEL = CHANNEL
    TEMPLATE_KEY = "template_name"

    async def post_message(self, recipient_id: str, message: dict[str, Any]) -> Any:
        """POST one message object to the Cloud API."""
        if not self.conf.get("access_token") or not self.conf.get("phone_number_id"):
            raise ChannelSendError(
                "WhatsApp is not configured: set WHATSAPP_ACCESS_TOKEN and WHATSAPP_PHONE_NUMBER_ID"
            )
        url = f"{self.conf['api_base']}/{self.conf['phone_number_id']}/messages"
        body = {
            "messaging_product": "whatsapp",
            "recipient_type": "individual",
            **message,
            "to": ids.whatsapp_number(recipient_id),
        }
        _, answer = await post(
            url, json_body=body, headers={"Authorization": f"Bearer {self.conf['access_token']}"}
        )
        return answer

    async def send_template(self, recipient_id: str, text: str) -> None:
        await self.post_message(
            recipient_id,
            {
                "type": "template",
                "template": {
                    "name": self.conf["template_name"],
                    "language": {"code": self.conf.get("template_language") or "en"},
                    "components": [
                        {
                            "type": "body",
                            "parameters": [{"type": "text", "text": template_text(text)}],
                        }
                    ],
                },
            },
        )

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        if not await self.open_window(recipient_id, text):
            return
        for piece in split_text(text, MAX_TEXT_CHARS):
            await self.post_message(
                recipient_id, {"type": "text", "text": {"body": piece, "preview_url": False}}
            )

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        offered = numbered.clean_buttons(buttons)
        numbered.remember(recipient_id, CHANNEL, offered)
        as_text = numbered.numbered_text(text, offered)
        if not await self.open_window(recipient_id, as_text):
            return
        if fits_reply_buttons(text, offered):
            await self.post_message(
                recipient_id,
                {
                    "type": "interactive",
                    "interactive": {
                        "type": "button",
                        "body": {"text": text.strip()},
                        "action": {
                            "buttons": [
                                {
                                    "type": "reply",
                                    "reply": {"id": b["payload"], "title": b["title"]},
                                }
                                for b in offered
                            ]
                        },
                    },
                },
            )
            return
        for piece in split_text(as_text, MAX_TEXT_CHARS):
            await self.post_message(
                recipient_id, {"type": "text", "text": {"body": piece, "preview_url": False}}
            )

    async def send_image_url(self, recipient_id: str, image: str, **kwargs: Any) -> None:
        if await self.open_window(recipient_id, image):
            await self.post_message(recipient_id, {"type": "image", "image": {"link": image}})

    async def send_custom_json(
        self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any
    ) -> None:
        """A custom payload is a Cloud API message object ("type": ...), sent as is."""
        if not isinstance(json_message.get("type"), str):
            logger.warning("WhatsApp custom payload without a type ignored")
            return
        await self.post_message(recipient_id, dict(json_message))


def fits_reply_buttons(text: str, offered: list[dict[str, str]]) -> bool:
    """Whether WhatsApp's reply buttons can carry these (else numbered text)."""
    return (
        bool(text.strip())
        and len(text.strip()) <= MAX_INTERACTIVE_BODY
        and 1 <= len(offered) <= MAX_BUTTONS
        and len({b["title"] for b in offered}) == len(offered)
        and all(
            len(b["title"]) <= MAX_BUTTON_TITLE and len(b["payload"]) <= MAX_BUTTON_ID
            for b in offered
        )
    )


def inbound_messages(payload: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every message object of a webhook notification (statuses are skipped)."""
    entries = payload.get("entry")
    for entry in entries if isinstance(entries, list) else []:
        changes = entry.get("changes") if isinstance(entry, dict) else None
        for change in changes if isinstance(changes, list) else []:
            value = change.get("value") if isinstance(change, dict) else None
            messages = value.get("messages") if isinstance(value, dict) else None
            for msg in messages if isinstance(messages, list) else []:
                if isinstance(msg, dict):
                    yield msg


def message_text(msg: dict[str, Any]) -> tuple[str | None, bool]:
    """(text, is_button_payload) of a message; (None, False) for media and others."""
    kind = msg.get("type")
    if kind == "text" and isinstance(msg.get("text"), dict):
        body = msg["text"].get("body")
        return (body, False) if isinstance(body, str) else (None, False)
    if kind == "interactive" and isinstance(msg.get("interactive"), dict):
        inter = msg["interactive"]
        reply_type = inter.get("type")
        reply = inter.get(reply_type) if isinstance(reply_type, str) else None
        if isinstance(reply, dict) and isinstance(reply.get("id"), str) and reply["id"]:
            return reply["id"], True
        return None, False
    if kind == "button" and isinstance(msg.get("button"), dict):
        # a template's quick-reply button: its payload, else its text
        b = msg["button"]
        if isinstance(b.get("payload"), str) and b["payload"]:
            return b["payload"], True
        return (b.get("text"), False) if isinstance(b.get("text"), str) else (None, False)
    return None, False


class WhatsAppCloudChannel(ConfiguredChannel, InputChannel):
    """The Cloud API webhook, named ``whatsapp``."""

    CHANNEL_NAME = CHANNEL
    LABEL = "WhatsApp Cloud"
    NEEDED = (
        "WHATSAPP_VERIFY_TOKEN",
        "WHATSAPP_APP_SECRET",
        "WHATSAPP_ACCESS_TOKEN",
        "WHATSAPP_PHONE_NUMBER_ID",
    )

    def __init__(self, conf: dict[str, str | None] | None = None) -> None:
        self.configure(conf or settings())

    def get_output_channel(self) -> WhatsAppCloudOutput:
        return WhatsAppCloudOutput(self.conf)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bp = Blueprint("whatsapp_cloud_webhook", __name__)
        self.add_health_route(bp)

        @bp.route("/webhook", methods=["GET"])
        async def verify(request: Request) -> HTTPResponse:
            if not self.conf.get("verify_token"):
                return not_configured("WhatsApp", ["WHATSAPP_VERIFY_TOKEN"])
            mode = request.args.get("hub.mode")
            token = request.args.get("hub.verify_token")
            challenge = request.args.get("hub.challenge") or ""
            if (
                mode == "subscribe"
                and same_secret(token, self.conf["verify_token"])
                and 0 < len(challenge) <= 256
            ):
                return response.text(challenge)
            logger.warning("WhatsApp webhook verification refused (mode %r)", mode)
            return json_error(403, "forbidden")

        @bp.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            refused = self.refusal(request)
            if refused:
                return refused
            raw = request.body or b""
            given = request.headers.get(SIGNATURE_HEADER) or ""
            expected = "sha256=" + hmac_sha256_hex(self.conf["app_secret"], raw)
            if not same_secret(given, expected):
                logger.warning("WhatsApp notification with a wrong or missing signature refused")
                return json_error(403, "forbidden")
            payload = parse_json_object(raw)
            if payload is None:
                return json_error(400, "expected a JSON object")
            by_sender: dict[str, list[dict[str, Any]]] = {}
            for msg in inbound_messages(payload):
                by_sender.setdefault(str(msg.get("from")), []).append(msg)

            async def in_order(messages: list[dict[str, Any]]) -> list[bool | None]:
                return [await self.receive_message(m, on_new_message) for m in messages]

            results = [
                r for rs in await asyncio.gather(*map(in_order, by_sender.values())) for r in rs
            ]
            if None in results:  # not handled yet: Meta re-sends the notification
                return retry_later()
            return response.json({"status": "ok", "handled": sum(bool(r) for r in results)})

        return bp

    async def receive_message(
        self, msg: dict[str, Any], on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> bool | None:
        """Pass one message on to Rasa.

        True when handled now, False for replays, refusals and non-text, None
        when it could not be handled yet (Rasa failed, or a copy is in hand).
        """
        conversation_id, msg_id = ids.whatsapp_id(msg.get("from")), msg.get("id")
        if not conversation_id or not isinstance(msg_id, str) or not msg_id or len(msg_id) > 256:
            return False
        delivery = Delivery(CHANNEL, msg_id)
        if delivery.state == "done":
            logger.info("WhatsApp message %s already handled: ignored", msg_id)
            return False
        if delivery.state == "busy":
            return None
        record_inbound(conversation_id, CHANNEL)
        text, is_payload = message_text(msg)
        if text is not None and is_payload:
            picked = button_payload(conversation_id, CHANNEL, text)
            text = picked if picked is not None else _reply_title(msg) or typed_text(text)
        elif text is not None:
            picked = numbered.resolve(conversation_id, CHANNEL, text)
            text = picked if picked is not None else typed_text(text)
        output = self.get_output_channel()
        if text:
            text = await delivery.admit(self.gate, conversation_id, text, output)
        if not text:
            delivery.done()
            return False
        metadata = {"whatsapp_message_id": msg_id}
        handled = await delivery.hand_over(
            on_new_message, (text, output, conversation_id), metadata
        )
        return True if handled else None


def _reply_title(msg: dict[str, Any]) -> str | None:
    """The title of an interactive reply or the text of a template button, as typed text."""
    inter = msg.get("interactive") if isinstance(msg.get("interactive"), dict) else {}
    reply_type = inter.get("type")
    reply = inter.get(reply_type) if isinstance(reply_type, str) else None
    button = msg.get("button") if isinstance(msg.get("button"), dict) else {}
    title = (reply.get("title") if isinstance(reply, dict) else None) or button.get("text")
    return typed_text(title) if isinstance(title, str) else None
