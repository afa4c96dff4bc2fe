"""The disclaimer on the first reply, on every channel, on the real bot.

scripts/run.sh starts the real Rasa server (with the custom NLG named in
endpoints.yml), the action server, the inbox and the widget, with every
patient channel configured against local fakes of Telegram, Twilio and Meta
(tests/fakes/providers.py, on loopback). Each test starts a new conversation
with a different kind of first message (a question, a greeting, a symptom
report) and reads what the patient received: the first reply ends with the
disclaimer, once; the next reply does not repeat it; an emergency's advice
comes before it; and it still comes when the action server is down.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import threading
import time
import urllib.parse
import urllib.request
import uuid
from collections.abc import Callable

import pytest
from twilio.request_validator import RequestValidator

from bot import config, knowledge
from tests.e2e.running_bot import BotUnderTest, model_path
from tests.fakes.providers import (
    TELEGRAM_TOKEN,
    TWILIO_SID,
    TWILIO_TOKEN,
    WHATSAPP_PHONE_ID,
    WHATSAPP_TOKEN,
    FakeProviders,
    running,
)
from tests.fakes.widget_client import WidgetClient
from tests.knowledge_text import faq_text

pytestmark = pytest.mark.slow

TELEGRAM_SECRET = "e2e-telegram-secret"
WHATSAPP_SECRET = "e2e-meta-app-secret"
CLINIC_NUMBER = "+14155238886"


def disclaimer() -> str:
    return knowledge.reply("utter_disclaimer")[0]["text"].strip()


class Providers:
    """The fake provider APIs served from a thread for the whole module."""

    def __init__(self) -> None:
        self.fake = FakeProviders()
        self.url = ""
        self._ready = threading.Event()
        self._stop: asyncio.Event
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        async def main():
            self._stop = asyncio.Event()
            async with running(self.fake) as url:
                self.url = url
                self._ready.set()
                await self._stop.wait()

        self._loop = asyncio.new_event_loop()
        self._loop.run_until_complete(main())

    def start(self) -> Providers:
        self._thread.start()
        assert self._ready.wait(10)
        return self

    def stop(self) -> None:
        self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(10)

    def texts(self, provider: str, to: str) -> list[str]:
        out = []
        for c in self.fake.of(provider):
            if (
                provider == "telegram"
                and c.path == "sendMessage"
                and str(c.json.get("chat_id")) == to
            ):
                out.append(c.json.get("text") or "")
            elif provider == "twilio" and c.form.get("To") == to:
                out.append(c.form.get("Body") or "")
            elif provider == "whatsapp" and c.json.get("to") == to:
                body = c.json.get("text") or (c.json.get("interactive") or {}).get("body") or {}
                out.append(body.get("body") or body.get("text") or "")
        return out


@pytest.fixture(scope="module")
def providers():
    p = Providers().start()
    yield p
    p.stop()


@pytest.fixture(scope="module")
def bot(tmp_path_factory, providers):
    if not model_path().exists():
        pytest.skip(f"no trained model at {model_path()}: run `make train` first")
    b = BotUnderTest(tmp_path_factory.mktemp("disclaimer"))
    b.env.update(
        {
            "TELEGRAM_BOT_TOKEN": TELEGRAM_TOKEN,
            "TELEGRAM_WEBHOOK_SECRET": TELEGRAM_SECRET,
            "TELEGRAM_API_BASE": providers.url,
            "TWILIO_ACCOUNT_SID": TWILIO_SID,
            "TWILIO_AUTH_TOKEN": TWILIO_TOKEN,
            "TWILIO_WHATSAPP_NUMBER": CLINIC_NUMBER,
            "TWILIO_API_BASE": providers.url,
            "WHATSAPP_APP_SECRET": WHATSAPP_SECRET,
            "WHATSAPP_VERIFY_TOKEN": "verify",
            "WHATSAPP_ACCESS_TOKEN": WHATSAPP_TOKEN,
            "WHATSAPP_PHONE_NUMBER_ID": WHATSAPP_PHONE_ID,
            "WHATSAPP_API_BASE": providers.url + "/v19.0",  # the Graph API version, as Meta's
        }
    )
    for name in ("TWILIO_PUBLIC_URL", "WHATSAPP_TEMPLATE_NAME"):
        b.env.pop(name, None)
    b.start()
    yield b
    b.stop()


# ---------------------------------------------------------------- talking on each channel


def deliver(
    bot, providers, provider: str, to: str, hook: str, body: bytes, headers: dict
) -> list[str]:
    """POST a provider's webhook to the real bot; what the patient then received."""
    before = len(providers.texts(provider, to))
    req = urllib.request.Request(bot.url + hook, data=body, method="POST", headers=headers)
    with urllib.request.urlopen(req, timeout=120) as r:
        r.read()
        assert r.status == 200
    return wait_for(lambda: providers.texts(provider, to), before + 1)[before:]


def wait_for(read: Callable[[], list[str]], at_least: int, timeout: float = 60) -> list[str]:
    """What the patient has received, once ``at_least`` messages are there and it is quiet."""
    deadline = time.time() + timeout
    seen: list[str] = []
    while time.time() < deadline:
        got = read()
        if len(got) >= at_least and got == seen:
            return got
        seen = got
        time.sleep(1.0)
    return read()


def rest(bot, sender: str, text: str) -> list[str]:
    return [m.get("text") or "" for m in bot.say(sender, text)]


def telegram(bot, providers, chat: str, text: str) -> list[str]:
    update = {
        "update_id": int(time.time() * 1000) % 2_000_000_000 + len(chat),
        "message": {
            "message_id": 1,
            "date": int(time.time()),
            "text": text,
            "chat": {"id": int(chat), "type": "private"},
            "from": {"id": int(chat), "is_bot": False, "first_name": "Pat"},
        },
    }
    return deliver(
        bot,
        providers,
        "telegram",
        chat,
        "/webhooks/telegram/webhook",
        json.dumps(update).encode(),
        {"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": TELEGRAM_SECRET},
    )


def twilio(bot, providers, patient: str, text: str) -> list[str]:
    hook = "/webhooks/twilio_whatsapp/webhook"
    sid = "SM" + uuid.uuid4().hex
    fields = {
        "MessageSid": sid,
        "SmsMessageSid": sid,
        "AccountSid": TWILIO_SID,
        "From": patient,
        "To": "whatsapp:" + CLINIC_NUMBER,
        "Body": text,
        "NumMedia": "0",
    }
    signature = RequestValidator(TWILIO_TOKEN).compute_signature(bot.url + hook, fields)
    return deliver(
        bot,
        providers,
        "twilio",
        patient,
        hook,
        urllib.parse.urlencode(fields).encode(),
        {"Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": signature},
    )


def whatsapp_cloud(bot, providers, patient: str, text: str) -> list[str]:
    value = {
        "messaging_product": "whatsapp",
        "metadata": {"display_phone_number": "442079460123", "phone_number_id": WHATSAPP_PHONE_ID},
        "contacts": [{"profile": {"name": "Pat"}, "wa_id": patient}],
        "messages": [
            {
                "from": patient,
                "id": "wamid." + uuid.uuid4().hex,
                "timestamp": str(int(time.time())),
                "type": "text",
                "text": {"body": text},
            }
        ],
    }
    body = json.dumps(
        {
            "object": "whatsapp_business_account",
            "entry": [{"id": "WABA", "changes": [{"field": "messages", "value": value}]}],
        }
    ).encode()
    signature = "sha256=" + hmac.new(WHATSAPP_SECRET.encode(), body, hashlib.sha256).hexdigest()
    return deliver(
        bot,
        providers,
        "whatsapp",
        patient,
        "/webhooks/whatsapp/webhook",
        body,
        {"Content-Type": "application/json", "X-Hub-Signature-256": signature},
    )


def widget(bot, session: str | None, text: str, quiet: float = 4.0) -> tuple[list[str], str]:
    """Like bot/widget/static/widget.js: socket.io on the Rasa server.

    Returns the bot's messages and the session token the server issued (or
    confirmed), which the next call passes back to continue the conversation."""

    async def talk() -> tuple[list[str], str]:
        client = WidgetClient()
        issued = await client.open(bot.url, session)
        await client.say(text)
        deadline = time.time() + 90
        last = -1
        while time.time() < deadline:
            await asyncio.sleep(quiet)
            if client.got and len(client.got) == last:
                break
            last = len(client.got)
        await client.close()
        return [(data or {}).get("text") or "" for data in client.got], issued

    return asyncio.run(talk())


# ---------------------------------------------------------------- the checks


def flat(text: str) -> str:
    return " ".join(text.split())


def check_first(reply: list[str], first_response: str = "") -> str:
    """The disclaimer once, closing the first response (more messages may follow it,
    e.g. the handoff note after an emergency). Providers may cut long texts into
    pieces, so the comparison ignores how the whitespace fell."""
    joined = "\n\n".join(reply)
    assert joined.count(disclaimer()) == 1, reply
    if first_response:
        assert flat(joined).startswith(flat(first_response + " " + disclaimer())), reply
    else:
        assert joined.rstrip().endswith(disclaimer()), reply
    return joined


def test_rest_question_first(bot):
    s = "rest-" + uuid.uuid4().hex[:8]
    check_first(rest(bot, s, "roughly how much is one session"), first_response=faq_text("cost"))
    assert disclaimer() not in "\n".join(rest(bot, s, "does it hurt"))


def test_widget_greeting_first(bot):
    first, session = widget(bot, None, "hello")
    check_first(first, first_response=knowledge.reply("utter_greet")[0]["text"])
    second, same = widget(bot, session, "how long does a session take")
    assert same == session  # the signed session continues the conversation
    assert second and disclaimer() not in "\n".join(second)


def test_telegram_question_first(bot, providers):
    chat = str(700000 + int(uuid.uuid4().int % 100000))
    check_first(
        telegram(bot, providers, chat, "how long do the results last"),
        first_response=faq_text("results_duration"),
    )
    assert disclaimer() not in "\n".join(telegram(bot, providers, chat, "thanks"))


def test_twilio_whatsapp_emergency_first(bot, providers):
    patient = "whatsapp:+4477009" + str(uuid.uuid4().int % 100000).zfill(5)
    reply = twilio(bot, providers, patient, "my vision went blurry an hour after my injections")
    advice = knowledge.reply("utter_emergency_advice")[0]["text"]
    joined = check_first(reply, first_response=advice)
    emergency_line = f"Call {config.clinic()['emergency_number']} now"
    assert joined.startswith(emergency_line)  # the action first, the disclaimer after it
    assert joined.index(disclaimer()) > joined.index(emergency_line)


def test_whatsapp_cloud_symptom_first(bot, providers):
    patient = "4477009" + str(uuid.uuid4().int % 100000).zfill(5)
    # with more than three buttons, WhatsApp gets them as a numbered list after the text
    check_first(
        whatsapp_cloud(bot, providers, patient, "what are the side effects"),
        first_response=faq_text("side_effects"),
    )
    assert disclaimer() not in "\n".join(
        whatsapp_cloud(bot, providers, patient, "what should I do after the treatment")
    )


def test_with_the_action_server_down(bot, providers):
    """The emergency advice (a rule) and the greeting (a rule) still carry it."""
    bot.stop_action_server()
    try:
        s = "down-" + uuid.uuid4().hex[:8]
        check_first(
            rest(bot, s, "my skin has gone white and blotchy where she injected"),
            first_response=knowledge.reply("utter_emergency_advice")[0]["text"],
        )
        chat = str(800000 + int(uuid.uuid4().int % 100000))
        check_first(
            telegram(bot, providers, chat, "hello"),
            first_response=knowledge.reply("utter_greet")[0]["text"],
        )
    finally:
        bot.wait_ready(180)
