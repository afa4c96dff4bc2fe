"""WhatsApp through Twilio, built on Rasa's TwilioInput, with signatures checked.

What changes from ``rasa.core.channels.twilio``:
- ``X-Twilio-Signature`` is verified with twilio's RequestValidator against
  the public URL Twilio called (``TWILIO_PUBLIC_URL`` when a proxy sits in
  front, else the request's own URL); a forged or unsigned request gets 403;
- ``MessageSid`` is handled at least once and a replay is dropped
  (``common.Delivery``);
- the conversation id is ``tw-<phone digits>`` (``bot.channels.ids``): a
  ``whatsapp:+44...`` address never reaches a URL, where Rasa would read its
  escaped form as another conversation; text is cleaned, size- and
  rate-limited; a ``ButtonPayload`` counts only if the bot offered it;
- media-only messages are acknowledged and ignored; every inbound message
  opens WhatsApp's 24-hour window (``store.touch_contact``);
- sending is async HTTP to ``TWILIO_API_BASE`` [https://api.twilio.com] (a
  local fake in tests) instead of the blocking twilio client; text is split
  at Twilio's 1,600-character limit; buttons become numbered text;
- outside the 24-hour window a message goes as the approved content template
  ``TWILIO_TEMPLATE_CONTENT_SID`` (text as variable 1) if configured, else
  fails with a sentence the inbox shows.

Secrets: ``TWILIO_ACCOUNT_SID``, ``TWILIO_AUTH_TOKEN``, ``TWILIO_WHATSAPP_NUMBER``
(environment or ``BOT_DATA_DIR/secrets.env``); without them the webhook
answers 503.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import parse_qs

import aiohttp
from rasa.core.channels.channel import UserMessage
from rasa.core.channels.twilio import TwilioInput
from sanic import Blueprint, response
from sanic.request import Request, RequestParameters
from sanic.response import HTTPResponse
from twilio.request_validator import RequestValidator

from bot import settings as bot_settings
from bot.channels import buttons as numbered
from bot.channels import ids
from bot.channels.common import (
    ChannelSendError,
    Delivery,
    button_payload,
    json_error,
    post,
    record_inbound,
    retry_later,
    split_text,
    typed_text,
)
from bot.channels.configured import ConfiguredChannel
from bot.channels.output import WhatsAppOutput
from bot.channels.whatsapp_send import template_text

logger = logging.getLogger(__name__)

CHANNEL = "twilio_whatsapp"
MAX_BODY_CHARS = 1600
SIGNATURE_HEADER = "X-Twilio-Signature"
EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'


def whatsapp_address(number: str | None) -> str | None:
    """ "+4420..." -> "whatsapp:+4420..." (Twilio's WhatsApp addresses)."""
    if not number:
        return None
    return number if number.startswith("whatsapp:") else f"whatsapp:{number}"


def settings() -> dict[str, str | None]:
    """The channel's configuration (``bot.settings``: the environment or secrets.env)."""
    s = bot_settings.settings()
    return {
        "account_sid": s.TWILIO_ACCOUNT_SID,
        "auth_token": s.TWILIO_AUTH_TOKEN,
        "whatsapp_number": whatsapp_address(s.TWILIO_WHATSAPP_NUMBER),
        "public_url": s.TWILIO_PUBLIC_URL,
        "api_base": s.TWILIO_API_BASE.rstrip("/"),
        "template_sid": s.TWILIO_TEMPLATE_CONTENT_SID,
    }


class TwilioWhatsAppOutput(WhatsAppOutput):
    """Sends through Twilio's Messages API with async HTTP."""

    CHANNEL = CHANNEL
    TEMPLATE_KEY = "template_sid"

    async def create_message(self, recipient_id: str, fields: dict[str, str]) -> Any:
        if not (
            self.conf.get("account_sid")
            and self.conf.get("auth_token")
            and self.conf.get("whatsapp_number")
        ):
            raise ChannelSendError(
                "Twilio is not configured: set TWILIO_ACCOUNT_SID, "
                "TWILIO_AUTH_TOKEN and TWILIO_WHATSAPP_NUMBER"
            )
        url = (
            f"{self.conf['api_base']}/2010-04-01/Accounts/{self.conf['account_sid']}/Messages.json"
        )
        form = {
            "To": ids.twilio_address(recipient_id),
            "From": self.conf["whatsapp_number"],
            **fields,
        }
        _, answer = await post(
            url,
            form=form,
            auth=aiohttp.BasicAuth(self.conf["account_sid"], self.conf["auth_token"]),
        )
        return answer

    async def send_template(self, recipient_id: str, text: str) -> None:
        await self.create_message(
            recipient_id,
            {
                "ContentSid": self.conf["template_sid"] or "",
                "ContentVariables": json.dumps({"1": template_text(text)}),
            },
        )

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        if not await self.open_window(recipient_id, text):
            return
        for piece in split_text(text, MAX_BODY_CHARS):
            await self.create_message(recipient_id, {"Body": piece})

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        """Numbered options; the patient's "2" is read back by ``buttons.resolve``."""
        numbered.remember(recipient_id, CHANNEL, buttons)
        await self.send_text_message(recipient_id, numbered.numbered_text(text, buttons))

    async def send_image_url(self, recipient_id: str, image: str, **kwargs: Any) -> None:
        if await self.open_window(recipient_id, image):
            await self.create_message(recipient_id, {"MediaUrl": image})

    async def send_custom_json(
        self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any
    ) -> None:
        """Custom payloads are Twilio message fields (Body, MediaUrl, ContentSid...)."""
        fields = {
            str(k): v if isinstance(v, str) else json.dumps(v)
            for k, v in json_message.items()
            if k not in ("To", "From")
        }
        if fields:
            await self.create_message(recipient_id, fields)


class TwilioWhatsAppChannel(ConfiguredChannel, TwilioInput):
    """Twilio's WhatsApp webhook at ``/webhooks/twilio_whatsapp/webhook``."""

    CHANNEL_NAME = CHANNEL
    LABEL = "Twilio WhatsApp"
    NEEDED = ("TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_WHATSAPP_NUMBER")

    def __init__(self, conf: dict[str, str | None] | None = None) -> None:
        self.configure(conf or settings())
        super().__init__(
            self.conf.get("account_sid"),
            self.conf.get("auth_token"),
            self.conf.get("whatsapp_number"),
            debug_mode=False,
        )

    def get_output_channel(self) -> TwilioWhatsAppOutput:
        return TwilioWhatsAppOutput(self.conf)

    def signed_url(self, request: Request) -> str:
        """The URL Twilio signed: the public one behind a proxy, else ours."""
        public = self.conf.get("public_url")
        if not public:
            return request.url
        query = request.query_string
        return f"{public}?{query}" if query and "?" not in public else public

    def signature_ok(self, request: Request, params: RequestParameters) -> bool:
        signature = request.headers.get(SIGNATURE_HEADER)
        if not signature:
            return False
        return RequestValidator(self.conf["auth_token"]).validate(
            self.signed_url(request), params, signature
        )

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bp = Blueprint("twilio_whatsapp_webhook", __name__)
        self.add_health_route(bp)

        @bp.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> HTTPResponse:
            refused = self.refusal(request)
            if refused:
                return refused
            form = read_form(request)
            if form is None:
                return json_error(400, "expected an application/x-www-form-urlencoded body")
            if not self.signature_ok(request, form):
                logger.warning("Twilio request with a wrong or missing signature refused")
                return json_error(403, "forbidden")
            if form.get("MessageStatus"):
                return twiml()  # a delivery status callback, not a patient's message
            conversation_id = ids.twilio_id(form.get("From"))
            if not conversation_id:
                return json_error(400, "From must be a WhatsApp address (whatsapp:+<digits>)")
            delivery = Delivery(CHANNEL, form.get("MessageSid") or form.get("SmsMessageSid"))
            if delivery.state == "done":
                return twiml()
            if delivery.state == "busy":
                return retry_later()
            record_inbound(conversation_id, CHANNEL)
            payload = form.get("ButtonPayload")
            if payload:
                picked = button_payload(conversation_id, CHANNEL, payload)
                text: str | None = (
                    picked if picked is not None else typed_text(form.get("Body") or payload)
                )
            else:
                body = form.get("Body") or ""
                picked = numbered.resolve(conversation_id, CHANNEL, body)
                text = picked if picked is not None else typed_text(body)
            if not text:
                delivery.done()
                return twiml()  # media only, or empty
            output = self.get_output_channel()
            text = await delivery.admit(self.gate, conversation_id, text, output)
            if text is None:
                return twiml()
            sid = delivery.message_id
            metadata = {"twilio_message_sid": sid} if sid else None
            handled = await delivery.hand_over(
                on_new_message, (text, output, conversation_id), metadata
            )
            return twiml() if handled else retry_later()

        return bp


def read_form(request: Request) -> RequestParameters | None:
    """Twilio's form fields, blank ones kept (they are part of the signature).

    Sanic's ``request.form`` drops blank values, so a media message's empty
    ``Body`` would break the signature. None when the body is not a form.
    """
    kind = (request.content_type or "").split(";")[0].strip().lower()
    if kind != "application/x-www-form-urlencoded":
        return None
    try:
        text = (request.body or b"").decode("utf-8")
        return RequestParameters(parse_qs(text, keep_blank_values=True))
    except (UnicodeDecodeError, ValueError):
        return None


def twiml() -> HTTPResponse:
    """An empty TwiML answer: the replies go out through the Messages API."""
    return response.text(EMPTY_TWIML, content_type="text/xml")
