"""Telegram, built on Rasa's TelegramInput, with the webhook verified.

What changes from ``rasa.core.channels.telegram``:
- no call to Telegram at start-up (Rasa sets the webhook from
  ``get_output_channel()`` with ``asyncio.run``, which also breaks
  ``output_channel=latest`` inside the running server); the webhook is
  registered once with ``python -m bot.channels.telegram set-webhook --url ...``;
- every update must carry ``X-Telegram-Bot-Api-Secret-Token`` equal to
  ``TELEGRAM_WEBHOOK_SECRET`` (constant-time check, else 403), instead of a
  ``getMe`` round trip per update;
- ``update_id`` is handled at least once: it is marked done only after Rasa
  handled the update, so Telegram's retry after a crash is handled, and a
  replay of a handled update is not (``common.Delivery``);
- the conversation id is ``tg-<chat id>`` (``bot.channels.ids``), so no other
  channel can address it; text is cleaned, size- and rate-limited
  (``bot.channels.limits``) before Rasa sees it;
- a button press counts as a payload only if it is one of the buttons the bot
  offered (a modified client can send any callback data);
- updates without text (photos, stickers, joins) are acknowledged and ignored;
- button presses (callback queries) are answered and passed on as the payload;
- the Bot API base URL comes from ``TELEGRAM_API_BASE`` (a local fake in tests);
- sending is plain async HTTP, so staff replies work from inside Rasa's loop.

Secrets: ``TELEGRAM_BOT_TOKEN``, ``TELEGRAM_WEBHOOK_SECRET`` (environment or
``BOT_DATA_DIR/secrets.env``). Without them the webhook answers 503.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import re
import sys
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.telegram import TelegramInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels import buttons as numbered
from bot.channels import ids, limits
from bot.channels.common import (
    ChannelSendError,
    Delivery,
    body_too_large,
    button_payload,
    json_error,
    parse_json_object,
    post,
    provider_error,
    retry_later,
    same_secret,
    split_text,
    typed_text,
)
from bot.channels.configured import not_configured
from bot.channels.output import ClinicOutput
from bot.settings import settings

logger = logging.getLogger(__name__)

CHANNEL = "telegram"
DEFAULT_API_BASE = "https://api.telegram.org"
MAX_MESSAGE_CHARS = 4096
MAX_CALLBACK_BYTES = 64
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 - a header's name, not a secret
SECRET_TOKEN_FORMAT = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
ALLOWED_UPDATES = ["message", "edited_message", "callback_query"]


def api_base() -> str:
    return settings().TELEGRAM_API_BASE.rstrip("/")


class TelegramOutputChannel(ClinicOutput):
    """Sends through the Bot API with async HTTP; safe inside a running loop."""

    CHANNEL = CHANNEL

    def __init__(self, token: str | None, base_url: str | None = None) -> None:
        self.token = token or ""
        self.base_url = (base_url or api_base()).rstrip("/")

    async def call(self, method: str, payload: dict[str, Any]) -> Any:
        """Call one Bot API method; raise ChannelSendError unless Telegram says ok."""
        if not self.token:
            raise ChannelSendError("Telegram is not configured: TELEGRAM_BOT_TOKEN is not set")
        _, body = await post(
            f"{self.base_url}/bot{self.token}/{method}", json_body=payload, redact=self.token
        )
        if not isinstance(body, dict) or not body.get("ok"):
            raise ChannelSendError(f"Telegram {method} failed: {provider_error(body)}")
        return body.get("result")

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        chat = ids.telegram_chat(recipient_id)
        for piece in split_text(text, MAX_MESSAGE_CHARS):
            await self.call("sendMessage", {"chat_id": chat, "text": piece})

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        """An inline keyboard, one button per row (titles stay readable on phones).

        A payload longer than Telegram's 64-byte ``callback_data`` travels as
        its number ("#2") and is looked up in the remembered buttons.
        """
        offered = numbered.clean_buttons(buttons)
        numbered.remember(recipient_id, CHANNEL, offered)
        rows = []
        for i, b in enumerate(offered, 1):
            data = b["payload"]
            if len(data.encode("utf-8")) > MAX_CALLBACK_BYTES:
                data = f"#{i}"
            rows.append([{"text": b["title"][:64], "callback_data": data}])
        pieces = split_text(text, MAX_MESSAGE_CHARS) or ["Please choose:"]
        chat = ids.telegram_chat(recipient_id)
        for piece in pieces[:-1]:
            await self.call("sendMessage", {"chat_id": chat, "text": piece})
        await self.call(
            "sendMessage",
            {"chat_id": chat, "text": pieces[-1], "reply_markup": {"inline_keyboard": rows}},
        )

    async def send_image_url(self, recipient_id: str, image: str, **kwargs: Any) -> None:
        await self.call("sendPhoto", {"chat_id": ids.telegram_chat(recipient_id), "photo": image})

    async def send_custom_json(
        self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any
    ) -> None:
        """A custom payload with ``text`` goes as sendMessage (extra fields kept)."""
        message = {k: v for k, v in json_message.items() if k != "chat_id"}
        if isinstance(message.get("text"), str):
            message["chat_id"] = ids.telegram_chat(recipient_id)
            await self.call("sendMessage", message)
        else:
            logger.warning("Telegram custom payload without text ignored: %s", sorted(message))


class TelegramChannel(TelegramInput):
    """Telegram webhook at ``/webhooks/telegram/webhook``."""

    @classmethod
    def name(cls) -> str:
        return CHANNEL

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> TelegramChannel:
        """Secrets come from the environment, never from credentials.yml."""
        return cls()

    def __init__(
        self,
        access_token: str | None = None,
        webhook_secret: str | None = None,
        base_url: str | None = None,
    ) -> None:
        super().__init__(
            access_token or settings().TELEGRAM_BOT_TOKEN,
            verify=None,
            webhook_url=None,
            debug_mode=False,
        )
        self.webhook_secret = webhook_secret or settings().TELEGRAM_WEBHOOK_SECRET
        self.base_url = (base_url or api_base()).rstrip("/")
        self.gate = limits.Gate.patients()
        if self.missing():
            logger.warning(
                "Telegram channel mounted without %s: its webhook answers 503",
                ", ".join(self.missing()),
            )

    def missing(self) -> list[str]:
        names = []
        if not self.access_token:
            names.append("TELEGRAM_BOT_TOKEN")
        if not self.webhook_secret:
            names.append("TELEGRAM_WEBHOOK_SECRET")
        return names

    def get_output_channel(self) -> TelegramOutputChannel:
        """No call to Telegram here: Rasa calls this per staff reply, inside its loop."""
        return TelegramOutputChannel(self.access_token, self.base_url)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bp = Blueprint("telegram_webhook", __name__)

        @bp.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok", "configured": not self.missing()})

        @bp.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> HTTPResponse:
            if self.missing():
                return not_configured("Telegram", self.missing())
            if not same_secret(request.headers.get(SECRET_HEADER), self.webhook_secret):
                logger.warning("Telegram update with a wrong or missing secret token refused")
                return json_error(403, "forbidden")
            if body_too_large(request):
                return json_error(413, "body too large")
            update = parse_json_object(request.body or b"")
            if update is None or not isinstance(update.get("update_id"), int):
                return json_error(400, "expected a Telegram update (JSON with update_id)")
            delivery = Delivery(CHANNEL, str(update["update_id"]))
            if delivery.state == "done":
                return response.json({"status": "duplicate"})
            if delivery.state == "busy":
                return retry_later()
            found = await self.read_update(update)
            if found is None:
                delivery.done()
                return response.json({"status": "ignored"})
            conversation_id, text = found
            output = self.get_output_channel()
            text = await delivery.admit(self.gate, conversation_id, text, output)
            if text is None:
                return response.json({"status": "refused"})
            handled = await delivery.hand_over(
                on_new_message,
                (text, output, conversation_id),
                {"telegram_update_id": update["update_id"]},
                rasa_message_id=f"tg-{update['update_id']}",
            )
            return response.json({"status": "ok"}) if handled else retry_later()

        return bp

    async def read_update(self, update: dict[str, Any]) -> tuple | None:
        """(conversation id, text for Rasa) from an update, or None to ignore it."""
        query = update.get("callback_query")
        if isinstance(query, dict):
            return await self.read_button(query)
        msg = update.get("message") or update.get("edited_message")
        if not isinstance(msg, dict):
            return None
        chat = msg.get("chat")
        text = msg.get("text")
        if not isinstance(chat, dict) or not isinstance(text, str):
            return None
        conversation_id = ids.telegram_id(chat.get("id"))
        if conversation_id is None:
            return None
        picked = numbered.resolve(conversation_id, CHANNEL, text)
        text = picked if picked is not None else typed_text(text)
        return (conversation_id, text) if text else None

    async def read_button(self, query: dict[str, Any]) -> tuple | None:
        """A pressed inline button: stop the client's spinner, pass the payload on.

        Only a payload the bot offered is passed on as one; anything else is
        read as typed text (its leading "/" dropped).
        """
        if query.get("id"):
            try:
                await self.get_output_channel().call(
                    "answerCallbackQuery", {"callback_query_id": str(query["id"])[:64]}
                )
            except ChannelSendError as e:
                logger.warning("answerCallbackQuery failed: %s", e)
        msg = query.get("message") if isinstance(query.get("message"), dict) else {}
        chat = msg.get("chat") if isinstance(msg.get("chat"), dict) else None
        sender = query.get("from") if isinstance(query.get("from"), dict) else {}
        conversation_id = ids.telegram_id(chat.get("id") if chat else sender.get("id"))
        data = query.get("data")
        if conversation_id is None or not isinstance(data, str) or not data:
            return None
        if data.startswith("#"):
            offered = numbered.resolve(conversation_id, CHANNEL, data[1:])
            return (conversation_id, offered) if offered else None
        payload = button_payload(conversation_id, CHANNEL, data)
        text = payload if payload is not None else typed_text(data)
        return (conversation_id, text) if text else None


# ------------------------------------------------------------ command line


async def set_webhook(url: str, drop_pending: bool = False) -> Any:
    """Register ``url`` with Telegram, with our secret token."""
    token = settings().TELEGRAM_BOT_TOKEN
    secret = settings().TELEGRAM_WEBHOOK_SECRET
    if not token or not secret:
        raise SystemExit(
            "Set TELEGRAM_BOT_TOKEN and TELEGRAM_WEBHOOK_SECRET first "
            "(environment or BOT_DATA_DIR/secrets.env)."
        )
    if not SECRET_TOKEN_FORMAT.match(secret):
        raise SystemExit(
            "TELEGRAM_WEBHOOK_SECRET must be 1-256 characters of A-Z, a-z, "
            "0-9, _ and - (Telegram's rule)."
        )
    if not url.startswith("https://"):
        raise SystemExit("Telegram only calls https:// webhook URLs.")
    return await TelegramOutputChannel(token).call(
        "setWebhook",
        {
            "url": url,
            "secret_token": secret,
            "allowed_updates": ALLOWED_UPDATES,
            "drop_pending_updates": drop_pending,
        },
    )


async def telegram_call(method: str) -> Any:
    token = settings().TELEGRAM_BOT_TOKEN
    if not token:
        raise SystemExit("Set TELEGRAM_BOT_TOKEN first.")
    return await TelegramOutputChannel(token).call(method, {})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bot.channels.telegram", description="Manage the Telegram webhook."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("set-webhook", help="point Telegram at the bot's webhook URL")
    p.add_argument(
        "--url", required=True, help="public https URL ending in /webhooks/telegram/webhook"
    )
    p.add_argument(
        "--drop-pending",
        action="store_true",
        help="discard updates Telegram queued while the bot was unreachable",
    )
    sub.add_parser("delete-webhook", help="stop Telegram calling the bot")
    sub.add_parser("webhook-info", help="show what Telegram has registered")
    args = parser.parse_args(argv)
    try:
        if args.command == "set-webhook":
            result = asyncio.run(set_webhook(args.url, args.drop_pending))
        elif args.command == "delete-webhook":
            result = asyncio.run(telegram_call("deleteWebhook"))
        else:
            result = asyncio.run(telegram_call("getWebhookInfo"))
    except ChannelSendError as e:
        print(f"Telegram refused: {e}", file=sys.stderr)
        return 1
    print(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
