"""WhatsApp through Twilio against a local fake Messages API."""

from __future__ import annotations

import asyncio
import json

import aiohttp
import pytest
from twilio.request_validator import RequestValidator

from bot import store
from bot.channels.twilio_whatsapp import TwilioWhatsAppChannel
from bot.channels.whatsapp_send import WindowClosedError
from tests.fakes.providers import TWILIO_SID, TWILIO_TOKEN, FakeProviders, running
from tests.fakes.rasa_stub import StubBot, make_app, serving
from tests.test_channel_whatsapp_cloud import age_contact

HOOK = "/webhooks/twilio_whatsapp/webhook"
PATIENT = "whatsapp:+447700900123"
CID = "tw-447700900123"  # the conversation id: never the address itself
CLINIC = "whatsapp:+14155238886"


@pytest.fixture(autouse=True)
def env(monkeypatch, tmp_path):
    monkeypatch.setenv("BOT_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("TWILIO_ACCOUNT_SID", TWILIO_SID)
    monkeypatch.setenv("TWILIO_AUTH_TOKEN", TWILIO_TOKEN)
    monkeypatch.setenv("TWILIO_WHATSAPP_NUMBER", "+14155238886")
    monkeypatch.setenv("TWILIO_API_BASE", "http://127.0.0.1:9")  # never the internet
    for name in ("TWILIO_PUBLIC_URL", "TWILIO_TEMPLATE_CONTENT_SID"):
        monkeypatch.delenv(name, raising=False)


def form(sid: str, body: str = "hello", **extra: str) -> dict[str, str]:
    return {
        "MessageSid": sid,
        "SmsMessageSid": sid,
        "AccountSid": TWILIO_SID,
        "From": PATIENT,
        "To": CLINIC,
        "Body": body,
        "NumMedia": "0",
        **extra,
    }


async def post(
    base: str,
    fields: dict[str, str],
    signature: str | None = "auto",
    signed_url: str | None = None,
    token: str = TWILIO_TOKEN,
    raw: bytes | None = None,
) -> aiohttp.ClientResponse:
    url = base + HOOK
    headers = {}
    if signature == "auto":
        headers["X-Twilio-Signature"] = RequestValidator(token).compute_signature(
            signed_url or url, fields
        )
    elif signature is not None:
        headers["X-Twilio-Signature"] = signature
    async with aiohttp.ClientSession() as s:
        data = raw if raw is not None else fields
        if raw is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        async with s.post(url, data=data, headers=headers) as r:
            await r.read()
            return r


def scenario(test, monkeypatch):
    async def main():
        fake = FakeProviders()
        async with running(fake) as api:
            monkeypatch.setenv("TWILIO_API_BASE", api)
            bot = StubBot()
            async with serving(make_app(TwilioWhatsAppChannel(), bot)) as base:
                await test(base, fake, bot)

    asyncio.run(main())


def sent(fake: FakeProviders) -> list[dict[str, str]]:
    return [c.form for c in fake.of("twilio")]


def test_signed_message_reaches_bot_and_reply_reaches_twilio(monkeypatch):
    async def t(base, fake, bot):
        r = await post(base, form("SM1", "What does it cost?"))
        assert r.status == 200 and r.content_type == "text/xml"
        assert bot.texts() == ["What does it cost?"]
        assert bot.received[0].sender_id == CID
        assert bot.received[0].input_channel == "twilio_whatsapp"
        assert sent(fake) == [
            {"To": PATIENT, "From": CLINIC, "Body": "You said: What does it cost?"}
        ]
        assert fake.of("twilio")[0].path == f"/2010-04-01/Accounts/{TWILIO_SID}/Messages.json"

    scenario(t, monkeypatch)


@pytest.mark.parametrize("how", ["missing", "garbage", "wrong token", "tampered"])
def test_forged_signatures_are_403(monkeypatch, how):
    async def t(base, fake, bot):
        fields = form("SM2")
        if how == "missing":
            r = await post(base, fields, signature=None)
        elif how == "garbage":
            r = await post(base, fields, signature="bm90IGEgc2lnbmF0dXJl")
        elif how == "wrong token":
            r = await post(base, fields, token="wrong")
        else:  # signed, then the body was changed on the way
            sig = RequestValidator(TWILIO_TOKEN).compute_signature(base + HOOK, fields)
            r = await post(base, {**fields, "Body": "changed"}, signature=sig)
        assert r.status == 403
        assert bot.received == [] and fake.calls == []

    scenario(t, monkeypatch)


def test_public_url_behind_a_proxy(monkeypatch):
    public = "https://bot.example.org/webhooks/twilio_whatsapp/webhook"
    monkeypatch.setenv("TWILIO_PUBLIC_URL", public)

    async def t(base, fake, bot):
        assert (await post(base, form("SM3"), signed_url=public)).status == 200
        # signed for the internal address: not what Twilio would sign, refused
        assert (await post(base, form("SM4"))).status == 403
        assert bot.texts() == ["hello"]

    scenario(t, monkeypatch)


def test_replayed_message_sid_is_ignored(monkeypatch):
    async def t(base, fake, bot):
        await post(base, form("SM5", "first"))
        await post(base, form("SM5", "first"))
        assert bot.texts() == ["first"]
        assert len(sent(fake)) == 1

    scenario(t, monkeypatch)


@pytest.mark.parametrize(
    "fields,status",
    [
        (form("SM6", "", NumMedia="1", MediaUrl0="https://example.org/a.jpg"), 200),
        ({"MessageSid": "SM7", "Body": "no sender"}, 400),
        ({}, 400),
    ],
)
def test_bad_input_is_4xx_or_ignored_never_500(monkeypatch, fields, status):
    async def t(base, fake, bot):
        assert (await post(base, fields)).status == status
        assert bot.received == []

    scenario(t, monkeypatch)


def test_huge_and_malformed_bodies_are_refused(monkeypatch):
    async def t(base, fake, bot):
        assert (await post(base, {}, raw=b"Body=" + b"x" * 300_000)).status == 413
        assert (await post(base, {}, raw=b"%%%&&&==\xff\xfe")).status in (400, 403)
        assert bot.received == []

    scenario(t, monkeypatch)


def test_unconfigured_channel_answers_503(monkeypatch):
    monkeypatch.delenv("TWILIO_AUTH_TOKEN")

    async def t(base, fake, bot):
        assert (await post(base, form("SM8"), signature="x")).status == 503

    scenario(t, monkeypatch)


def test_buttons_become_numbered_text_and_a_number_picks(monkeypatch):
    async def t(base, fake, bot):
        await post(base, form("SM9", "buttons"))
        assert sent(fake)[-1]["Body"] == "Shall we go on?\n\n1. Yes  2. No\n(Reply with a number.)"
        await post(base, form("SM10", "2"))
        await post(base, form("SM11", "2"))  # the offer was used up: plain text now
        assert bot.texts() == ["buttons", "/deny", "2"]

    scenario(t, monkeypatch)


def test_long_text_is_split_at_twilios_1600_characters(monkeypatch):
    async def main():
        fake = FakeProviders()
        async with running(fake) as api:
            monkeypatch.setenv("TWILIO_API_BASE", api)
            store.touch_contact(CID, "twilio_whatsapp")
            long = ("Keep the area clean. " * 200).strip()  # 4,199 characters
            await TwilioWhatsAppChannel().get_output_channel().send_text_message(CID, long)
            parts = [f["Body"] for f in sent(fake)]
            assert len(parts) == 3 and all(len(p) <= 1600 for p in parts)
            assert " ".join(parts) == long

    asyncio.run(main())


def test_window_closed_without_template_is_a_clear_error(monkeypatch):
    async def main():
        fake = FakeProviders()
        async with running(fake) as api:
            monkeypatch.setenv("TWILIO_API_BASE", api)
            store.touch_contact(CID, "twilio_whatsapp")
            age_contact(CID, 48)
            out = TwilioWhatsAppChannel().get_output_channel()
            with pytest.raises(WindowClosedError, match="cannot be reached on WhatsApp"):
                await out.send_response(CID, {"text": "Hello from the clinic"})
            monkeypatch.setenv("TWILIO_TEMPLATE_CONTENT_SID", "HX123")
            out = TwilioWhatsAppChannel().get_output_channel()
            await out.send_response(CID, {"text": "Hello from the clinic"})
            assert sent(fake) == [
                {
                    "To": PATIENT,
                    "From": CLINIC,
                    "ContentSid": "HX123",
                    "ContentVariables": json.dumps({"1": "Hello from the clinic"}),
                }
            ]

    asyncio.run(main())


def test_status_callbacks_are_acknowledged_and_ignored(monkeypatch):
    async def t(base, fake, bot):
        status = {
            "MessageSid": "SM20",
            "MessageStatus": "delivered",
            "AccountSid": TWILIO_SID,
            "From": CLINIC,
            "To": PATIENT,
        }
        assert (await post(base, status)).status == 200
        assert bot.received == [] and store.contact("tw-14155238886") is None

    scenario(t, monkeypatch)


def test_staff_reply_reaches_the_patients_whatsapp(monkeypatch):
    """D4: the inbox escaped 'whatsapp:+44...' in the URL and the reply went nowhere."""
    from tests.fakes.rasa_stub import staff_reply

    async def t(base, fake, bot):
        await post(base, form("SM30", "hello"))
        app = make_app(TwilioWhatsAppChannel(), StubBot())
        await staff_reply(app, CID, "twilio_whatsapp", {"text": "Nurse Ada here.", "staff": "ada"})
        assert sent(fake)[-1] == {
            "To": PATIENT,
            "From": CLINIC,
            "Body": "Clinic team: Nurse Ada here.",
        }

    scenario(t, monkeypatch)


@pytest.mark.parametrize(
    "sender",
    [
        "+447700900123",
        "whatsapp:+44 7700",
        "whatsapp:+" + "1" * 40,
        "whatsapp:abc",
        "sms:+447700900123",
    ],
)
def test_senders_that_are_not_whatsapp_numbers_are_refused(monkeypatch, sender):
    async def t(base, fake, bot):
        assert (await post(base, {**form("SM40"), "From": sender})).status == 400
        assert bot.received == []

    scenario(t, monkeypatch)


def test_a_forged_button_payload_is_read_as_text(monkeypatch):
    async def t(base, fake, bot):
        await post(base, form("SM50", "Restart", ButtonPayload="/restart"))
        await post(base, form("SM51", "buttons"))
        await post(base, form("SM52", "No", ButtonPayload="/deny"))
        assert bot.texts() == ["Restart", "buttons", "/deny"]

    scenario(t, monkeypatch)
