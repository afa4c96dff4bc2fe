"""A fake of the three providers' sending APIs, recording every call.

One aiohttp server on 127.0.0.1 answers like
- Telegram's Bot API:      POST /bot<token>/<method>
- Twilio's Messages API:   POST /2010-04-01/Accounts/<sid>/Messages.json (basic auth)
- Meta's WhatsApp Cloud:   POST /<version>/<phone number id>/messages (bearer token)
It checks the credentials it was given, so a test also proves the channel
sends the right ones. Nothing here reaches the internet.
"""

from __future__ import annotations

import base64
import itertools
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

TELEGRAM_TOKEN = "123456:TEST-token_abc"
TWILIO_SID = "AC00000000000000000000000000000000"
TWILIO_TOKEN = "twilio-auth-token-for-tests"
WHATSAPP_TOKEN = "meta-access-token-for-tests"
WHATSAPP_PHONE_ID = "1098765432"


@dataclass
class Call:
    provider: str
    path: str
    json: Any = None
    form: dict[str, str] = field(default_factory=dict)


class FakeProviders:
    """Records calls in ``calls``; ``refuse_next`` makes the next call fail."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.refuse_next: str | None = None
        self._ids = itertools.count(1)

    def of(self, provider: str) -> list[Call]:
        return [c for c in self.calls if c.provider == provider]

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_post(r"/bot{token}/{method}", self.telegram)
        app.router.add_post("/2010-04-01/Accounts/{sid}/Messages.json", self.twilio)
        app.router.add_post("/{version}/{phone_id}/messages", self.whatsapp)
        return app

    def _refused(self) -> str | None:
        reason, self.refuse_next = self.refuse_next, None
        return reason

    async def telegram(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != TELEGRAM_TOKEN:
            return web.json_response(
                {"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401
            )
        body = await request.json()
        method = request.match_info["method"]
        self.calls.append(Call("telegram", method, json=body))
        reason = self._refused()
        if reason:
            return web.json_response(
                {"ok": False, "error_code": 400, "description": reason}, status=400
            )
        result: Any = (
            True
            if method in ("setWebhook", "answerCallbackQuery")
            else {"message_id": next(self._ids), "chat": {"id": body.get("chat_id")}}
        )
        return web.json_response({"ok": True, "result": result})

    async def twilio(self, request: web.Request) -> web.Response:
        expected = "Basic " + base64.b64encode(f"{TWILIO_SID}:{TWILIO_TOKEN}".encode()).decode()
        if (
            request.match_info["sid"] != TWILIO_SID
            or request.headers.get("Authorization") != expected
        ):
            return web.json_response(
                {"code": 20003, "message": "Authenticate", "status": 401}, status=401
            )
        form = {k: v for k, v in (await request.post()).items()}
        self.calls.append(Call("twilio", request.path, form=form))
        reason = self._refused()
        if reason:
            return web.json_response({"code": 63016, "message": reason, "status": 400}, status=400)
        return web.json_response(
            {"sid": f"SM{next(self._ids):032d}", "status": "queued"}, status=201
        )

    async def whatsapp(self, request: web.Request) -> web.Response:
        if (
            request.match_info["phone_id"] != WHATSAPP_PHONE_ID
            or request.headers.get("Authorization") != f"Bearer {WHATSAPP_TOKEN}"
        ):
            return web.json_response(
                {"error": {"message": "Invalid OAuth access token", "code": 190}}, status=401
            )
        body = await request.json()
        self.calls.append(Call("whatsapp", request.path, json=body))
        reason = self._refused()
        if reason:
            return web.json_response({"error": {"message": reason, "code": 131047}}, status=400)
        return web.json_response(
            {"messaging_product": "whatsapp", "messages": [{"id": f"wamid.fake{next(self._ids)}"}]}
        )


@asynccontextmanager
async def running(fake: FakeProviders) -> AsyncIterator[str]:
    """Serve ``fake`` on a free loopback port; yields its base URL."""
    runner = web.AppRunner(fake.app(), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        await runner.cleanup()


class ThreadedProviders:
    """``FakeProviders`` served from a thread, for tests that run the whole bot.

    ``url`` is its base URL; ``calls`` and ``of()`` read what it recorded.
    """

    def __init__(self) -> None:
        import asyncio
        import threading

        self.fake = FakeProviders()
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._stop: asyncio.Event | None = None
        self.url = ""
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        self._ready.wait(10)

    def _run(self) -> None:
        import asyncio

        asyncio.set_event_loop(self._loop)

        async def main() -> None:
            self._stop = asyncio.Event()
            async with running(self.fake) as url:
                self.url = url
                self._ready.set()
                await self._stop.wait()

        self._loop.run_until_complete(main())

    @property
    def calls(self) -> list[Call]:
        return list(self.fake.calls)

    def of(self, provider: str) -> list[Call]:
        return [c for c in self.calls if c.provider == provider]

    def close(self) -> None:
        if self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(10)


TELEGRAM_SECRET = "telegram-webhook-secret-for-tests"
WHATSAPP_APP_SECRET = "whatsapp-app-secret-for-tests"


def provider_env(api_base: str) -> dict[str, str]:
    """Every channel's settings, pointed at a fake served at ``api_base``."""
    return {
        "TELEGRAM_BOT_TOKEN": TELEGRAM_TOKEN,
        "TELEGRAM_WEBHOOK_SECRET": TELEGRAM_SECRET,
        "TELEGRAM_API_BASE": api_base,
        "TWILIO_ACCOUNT_SID": TWILIO_SID,
        "TWILIO_AUTH_TOKEN": TWILIO_TOKEN,
        "TWILIO_WHATSAPP_NUMBER": "+14155238886",
        "TWILIO_API_BASE": api_base,
        "WHATSAPP_ACCESS_TOKEN": WHATSAPP_TOKEN,
        "WHATSAPP_PHONE_NUMBER_ID": WHATSAPP_PHONE_ID,
        "WHATSAPP_APP_SECRET": WHATSAPP_APP_SECRET,
        "WHATSAPP_VERIFY_TOKEN": "verify",
        "WHATSAPP_API_BASE": api_base + "/v19.0",
    }


def signed_message(
    channel: str, rasa_url: str, address: str, text: str, message_id: int
) -> tuple[str, bytes, dict[str, str]]:
    """(url, body, headers) of one patient message as the provider would send it.

    ``address``: a Telegram chat id, or the phone digits for ``twilio_whatsapp``
    (sent as ``whatsapp:+<digits>``) and ``whatsapp`` (the Cloud API).
    """
    import hashlib
    import hmac
    import json
    import urllib.parse

    if channel == "telegram":
        path = "/webhooks/telegram/webhook"
        body = json.dumps(
            {
                "update_id": message_id,
                "message": {
                    "message_id": message_id,
                    "date": 1700000000,
                    "text": text,
                    "chat": {"id": int(address), "type": "private"},
                    "from": {"id": int(address), "is_bot": False, "first_name": "Pat"},
                },
            }
        ).encode()
        return (
            rasa_url + path,
            body,
            {
                "Content-Type": "application/json",
                "X-Telegram-Bot-Api-Secret-Token": TELEGRAM_SECRET,
            },
        )
    if channel == "twilio_whatsapp":
        from twilio.request_validator import RequestValidator

        path = "/webhooks/twilio_whatsapp/webhook"
        fields = {
            "MessageSid": f"SM{message_id:032d}",
            "AccountSid": TWILIO_SID,
            "From": f"whatsapp:+{address}",
            "To": "whatsapp:+14155238886",
            "Body": text,
            "NumMedia": "0",
        }
        return (
            rasa_url + path,
            urllib.parse.urlencode(fields).encode(),
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "X-Twilio-Signature": RequestValidator(TWILIO_TOKEN).compute_signature(
                    rasa_url + path, fields
                ),
            },
        )
    path = "/webhooks/whatsapp/webhook"
    body = json.dumps(
        {
            "object": "whatsapp_business_account",
            "entry": [
                {
                    "id": "1",
                    "changes": [
                        {
                            "field": "messages",
                            "value": {
                                "messaging_product": "whatsapp",
                                "metadata": {"phone_number_id": WHATSAPP_PHONE_ID},
                                "messages": [
                                    {
                                        "from": address,
                                        "id": f"wamid.t{message_id}",
                                        "timestamp": "1700000000",
                                        "type": "text",
                                        "text": {"body": text},
                                    }
                                ],
                            },
                        }
                    ],
                }
            ],
        }
    ).encode()
    digest = hmac.new(WHATSAPP_APP_SECRET.encode(), body, hashlib.sha256).hexdigest()
    return (
        rasa_url + path,
        body,
        {"Content-Type": "application/json", "X-Hub-Signature-256": f"sha256={digest}"},
    )
