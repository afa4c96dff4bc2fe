"""WhatsApp Cloud API channel against a local fake Graph API."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
from datetime import datetime, timedelta, timezone
from typing import Any

import aiohttp
import pytest

from bot import store
from bot.channels import whatsapp_cloud
from bot.channels.whatsapp_cloud import WhatsAppCloudChannel
from bot.channels.whatsapp_send import WindowClosedError
from tests.fakes.providers import WHATSAPP_PHONE_ID, WHATSAPP_TOKEN, FakeProviders, running
from tests.fakes.rasa_stub import StubBot, make_app, serving
from tests.fakes.rasa_stub import staff_reply as rasa_staff_reply

APP_SECRET = "meta-app-secret"
VERIFY = "verify-me-123"
HOOK = "/webhooks/whatsapp/webhook"
PATIENT = "447700900123"
CID = "wa-447700900123"  # the conversation id: the number in its own namespace


@pytest.fixture(autouse=True)
def env(monkeypatch, tmp_path):
    monkeypatch.setenv("BOT_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("WHATSAPP_APP_SECRET", APP_SECRET)
    monkeypatch.setenv("WHATSAPP_VERIFY_TOKEN", VERIFY)
    monkeypatch.setenv("WHATSAPP_ACCESS_TOKEN", WHATSAPP_TOKEN)
    monkeypatch.setenv("WHATSAPP_PHONE_NUMBER_ID", WHATSAPP_PHONE_ID)
    monkeypatch.setenv("WHATSAPP_API_BASE", "http://127.0.0.1:9")  # never the internet
    for name in ("WHATSAPP_TEMPLATE_NAME", "WHATSAPP_TEMPLATE_LANGUAGE"):
        monkeypatch.delenv(name, raising=False)


def notification(*messages: dict[str, Any], statuses: list[dict] | None = None) -> dict:
    value: dict[str, Any] = {
        "messaging_product": "whatsapp",
        "metadata": {"display_phone_number": "442079460123", "phone_number_id": WHATSAPP_PHONE_ID},
        "contacts": [{"profile": {"name": "Pat"}, "wa_id": PATIENT}],
    }
    if messages:
        value["messages"] = list(messages)
    if statuses:
        value["statuses"] = statuses
    return {
        "object": "whatsapp_business_account",
        "entry": [{"id": "WABA", "changes": [{"field": "messages", "value": value}]}],
    }


def text(msg_id: str, body: str) -> dict[str, Any]:
    return {
        "from": PATIENT,
        "id": msg_id,
        "timestamp": "1700000000",
        "type": "text",
        "text": {"body": body},
    }


def button_reply(msg_id: str, payload: str, title: str) -> dict[str, Any]:
    return {
        "from": PATIENT,
        "id": msg_id,
        "timestamp": "1700000000",
        "type": "interactive",
        "interactive": {"type": "button_reply", "button_reply": {"id": payload, "title": title}},
    }


def sign(body: bytes, secret: str = APP_SECRET) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


async def post(base: str, payload: Any, signature: str | None = "auto") -> aiohttp.ClientResponse:
    body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    headers = {"Content-Type": "application/json"}
    if signature == "auto":
        headers["X-Hub-Signature-256"] = sign(body)
    elif signature is not None:
        headers["X-Hub-Signature-256"] = signature
    async with aiohttp.ClientSession() as s:
        async with s.post(base + HOOK, data=body, headers=headers) as r:
            await r.read()
            return r


async def get(base: str, params: dict[str, str]) -> aiohttp.ClientResponse:
    async with aiohttp.ClientSession() as s:
        async with s.get(base + HOOK, params=params) as r:
            r.text_body = await r.text()  # type: ignore[attr-defined]
            return r


def scenario(test, monkeypatch):
    async def main():
        fake = FakeProviders()
        async with running(fake) as api:
            monkeypatch.setenv("WHATSAPP_API_BASE", api + "/v19.0")
            bot = StubBot()
            async with serving(make_app(WhatsAppCloudChannel(), bot)) as base:
                await test(base, fake, bot)

    asyncio.run(main())


def bodies(fake: FakeProviders) -> list[dict[str, Any]]:
    return [c.json for c in fake.of("whatsapp")]


def age_contact(conversation_id: str, hours: float) -> None:
    when = datetime.now(timezone.utc) - timedelta(hours=hours)
    store.open_db()["contacts"].update(
        conversation_id, {"last_inbound_at": when.isoformat(timespec="seconds")}
    )


# ------------------------------------------------------------ verification GET


def test_verification_echoes_the_challenge(monkeypatch):
    async def t(base, fake, bot):
        ok = await get(
            base,
            {"hub.mode": "subscribe", "hub.verify_token": VERIFY, "hub.challenge": "1158201444"},
        )
        assert ok.status == 200 and ok.text_body == "1158201444"
        for params in (
            {"hub.mode": "subscribe", "hub.verify_token": "nope", "hub.challenge": "1"},
            {"hub.mode": "unsubscribe", "hub.verify_token": VERIFY, "hub.challenge": "1"},
            {"hub.challenge": "1"},
        ):
            assert (await get(base, params)).status == 403

    scenario(t, monkeypatch)


# ------------------------------------------------------------ signed POSTs


def test_signed_message_reaches_bot_and_reply_reaches_graph_api(monkeypatch):
    async def t(base, fake, bot):
        r = await post(base, notification(text("wamid.1", "Is it painful?")))
        assert r.status == 200
        assert bot.texts() == ["Is it painful?"]
        assert bot.received[0].sender_id == CID
        assert bot.received[0].input_channel == "whatsapp"
        assert bodies(fake) == [
            {
                "messaging_product": "whatsapp",
                "recipient_type": "individual",
                "to": PATIENT,
                "type": "text",
                "text": {"body": "You said: Is it painful?", "preview_url": False},
            }
        ]
        assert fake.of("whatsapp")[0].path == f"/v19.0/{WHATSAPP_PHONE_ID}/messages"
        assert store.contact(CID)["last_inbound_at"]

    scenario(t, monkeypatch)


@pytest.mark.parametrize(
    "signature",
    [
        None,
        "",
        "sha256=" + "0" * 64,
        "sha1=abc",
        sign(b"another body"),
        sign(json.dumps(notification(text("wamid.2", "hi"))).encode(), "wrong-secret"),
    ],
)
def test_forged_signatures_are_403(monkeypatch, signature):
    async def t(base, fake, bot):
        r = await post(base, notification(text("wamid.2", "hi")), signature=signature)
        assert r.status == 403
        assert bot.received == [] and fake.calls == []

    scenario(t, monkeypatch)


def test_replayed_message_id_is_ignored(monkeypatch):
    async def t(base, fake, bot):
        payload = notification(text("wamid.3", "hello"))
        await post(base, payload)
        await post(base, payload)
        assert bot.texts() == ["hello"]
        assert len(bodies(fake)) == 1

    scenario(t, monkeypatch)


def test_statuses_and_media_are_ignored_but_media_opens_the_window(monkeypatch):
    async def t(base, fake, bot):
        status = {"id": "wamid.out", "status": "delivered", "recipient_id": PATIENT}
        assert (await post(base, notification(statuses=[status]))).status == 200
        image = {
            "from": PATIENT,
            "id": "wamid.4",
            "type": "image",
            "image": {"id": "media1", "mime_type": "image/jpeg"},
        }
        assert (await post(base, notification(image))).status == 200
        assert bot.received == [] and fake.calls == []
        assert store.contact(CID)["last_inbound_at"]

    scenario(t, monkeypatch)


@pytest.mark.parametrize(
    "payload,status",
    [
        (b"{broken", 400),
        (b'"a string"', 400),
        ({"object": "whatsapp_business_account"}, 200),
        ({"entry": [{"changes": [{"value": {"messages": [{"type": "text"}]}}]}]}, 200),
        ({"entry": "not a list"}, 200),
        (b"x" * 300_000, 413),
    ],
)
def test_bad_input_is_4xx_or_ignored_never_500(monkeypatch, payload, status):
    async def t(base, fake, bot):
        assert (await post(base, payload)).status == status
        assert bot.received == []

    scenario(t, monkeypatch)


def test_unconfigured_channel_answers_503(monkeypatch):
    monkeypatch.delenv("WHATSAPP_APP_SECRET")
    monkeypatch.delenv("WHATSAPP_VERIFY_TOKEN")

    async def t(base, fake, bot):
        assert (await post(base, notification(text("wamid.5", "hi")))).status == 503
        assert (
            await get(base, {"hub.mode": "subscribe", "hub.verify_token": "", "hub.challenge": "1"})
        ).status == 503

    scenario(t, monkeypatch)


# ------------------------------------------------------------ buttons


def test_up_to_three_buttons_are_reply_buttons_and_a_reply_sends_the_payload(monkeypatch):
    async def t(base, fake, bot):
        await post(base, notification(text("wamid.6", "buttons")))
        inter = bodies(fake)[-1]["interactive"]
        assert inter["type"] == "button" and inter["body"] == {"text": "Shall we go on?"}
        assert [b["reply"] for b in inter["action"]["buttons"]] == [
            {"id": "/affirm", "title": "Yes"},
            {"id": "/deny", "title": "No"},
        ]
        await post(base, notification(button_reply("wamid.7", "/deny", "No")))
        assert bot.texts() == ["buttons", "/deny"]

    scenario(t, monkeypatch)


def test_many_buttons_become_numbered_text_and_a_typed_number_picks(monkeypatch):
    async def main():
        fake = FakeProviders()
        async with running(fake) as api:
            monkeypatch.setenv("WHATSAPP_API_BASE", api + "/v19.0")
            channel = WhatsAppCloudChannel()
            store.touch_contact(CID, "whatsapp")
            options = [
                {"title": t, "payload": f'/choose{{"area": "{t}"}}'}
                for t in ("Face", "Neck", "Hands", "Chest and shoulders")
            ]
            await channel.get_output_channel().send_text_with_buttons(CID, "Which area?", options)
            sent = bodies(fake)[-1]
            assert sent["type"] == "text"
            assert (
                "1. Face" in sent["text"]["body"]
                and "4. Chest and shoulders" in sent["text"]["body"]
            )
            bot = StubBot()
            async with serving(make_app(channel, bot)) as base:
                await post(base, notification(text("wamid.8", "4")))
            assert bot.texts() == ['/choose{"area": "Chest and shoulders"}']

    asyncio.run(main())


# ------------------------------------------------------------ long text


def test_text_is_split_at_4096_characters(monkeypatch):
    async def main():
        fake = FakeProviders()
        async with running(fake) as api:
            monkeypatch.setenv("WHATSAPP_API_BASE", api + "/v19.0")
            store.touch_contact(CID, "whatsapp")
            long = ("Aftercare matters. " * 500).strip()  # 9,499 characters
            await WhatsAppCloudChannel().get_output_channel().send_text_message(CID, long)
            parts = [b["text"]["body"] for b in bodies(fake)]
            assert len(parts) == 3 and all(len(p) <= 4096 for p in parts)
            assert " ".join(parts) == long

    asyncio.run(main())


# ------------------------------------------------------------ the 24-hour window


async def staff_reply(app, text_: str) -> None:
    """What Rasa does for POST .../tracker/events?output_channel=latest."""
    output = await rasa_staff_reply(app, CID, "whatsapp", {"text": text_, "staff": "ada"})
    assert isinstance(output, whatsapp_cloud.WhatsAppCloudOutput)


def window_scenario(monkeypatch, hours_ago: float | None, template: str | None, check):
    async def main():
        fake = FakeProviders()
        async with running(fake) as api:
            monkeypatch.setenv("WHATSAPP_API_BASE", api + "/v19.0")
            if template:
                monkeypatch.setenv("WHATSAPP_TEMPLATE_NAME", template)
                monkeypatch.setenv("WHATSAPP_TEMPLATE_LANGUAGE", "en_GB")
            if hours_ago is not None:
                store.touch_contact(CID, "whatsapp")
                age_contact(CID, hours_ago)
            app = make_app(WhatsAppCloudChannel(), StubBot())
            await check(app, fake)

    asyncio.run(main())


def test_staff_reply_inside_the_window_is_plain_text(monkeypatch):
    async def check(app, fake):
        await staff_reply(app, "Hello, this is Nurse Ada.")
        assert bodies(fake)[-1]["text"]["body"] == "Clinic team: Hello, this is Nurse Ada."

    window_scenario(monkeypatch, 23, None, check)


@pytest.mark.parametrize("hours_ago", [25, None])
def test_staff_reply_outside_the_window_without_template_is_a_clear_error(monkeypatch, hours_ago):
    async def check(app, fake):
        with pytest.raises(WindowClosedError, match="WHATSAPP_TEMPLATE_NAME is not set"):
            await staff_reply(app, "Hello again")
        assert fake.calls == []

    window_scenario(monkeypatch, hours_ago, None, check)


def test_staff_reply_outside_the_window_goes_as_the_template(monkeypatch):
    async def check(app, fake):
        await staff_reply(app, "Your results are ready.\nPlease call us.")
        sent = bodies(fake)[-1]
        assert sent["type"] == "template"
        assert sent["template"]["name"] == "clinic_reply"
        assert sent["template"]["language"] == {"code": "en_GB"}
        assert sent["template"]["components"] == [
            {
                "type": "body",
                "parameters": [
                    {"type": "text", "text": "Clinic team: Your results are ready. Please call us."}
                ],
            }
        ]

    window_scenario(monkeypatch, 30, "clinic_reply", check)


def test_provider_refusal_is_a_clear_error(monkeypatch):
    async def check(app, fake):
        fake.refuse_next = "Re-engagement message"
        with pytest.raises(whatsapp_cloud.ChannelSendError, match="Re-engagement"):
            await staff_reply(app, "Hi")

    window_scenario(monkeypatch, 1, None, check)


def test_database_failure_does_not_stop_the_reply(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("database is locked")

    monkeypatch.setattr(store, "claim_message", broken)
    monkeypatch.setattr(store, "finish_message", broken)
    monkeypatch.setattr(store, "touch_contact", broken)
    monkeypatch.setattr(store, "contact", broken)
    monkeypatch.setattr(store, "offered_buttons", broken)

    async def t(base, fake, bot):
        r = await post(base, notification(text("wamid.9", "my lip is turning white")))
        assert r.status == 200
        assert bot.texts() == ["my lip is turning white"]
        assert bodies(fake)[-1]["text"]["body"] == "You said: my lip is turning white"

    scenario(t, monkeypatch)


def test_interactive_type_as_a_list_is_ignored_not_a_500(monkeypatch):
    """D13: ``interactive.type`` sent as a list raised TypeError (500)."""

    async def t(base, fake, bot):
        odd = {
            "from": PATIENT,
            "id": "wamid.60",
            "type": "interactive",
            "interactive": {"type": ["button_reply"], "button_reply": {"id": "/x"}},
        }
        assert (await post(base, notification(odd))).status == 200
        assert (await post(base, b"[" * 60_000 + b"]" * 60_000)).status == 400
        assert bot.received == []

    scenario(t, monkeypatch)


def test_a_forged_reply_id_is_read_as_its_title(monkeypatch):
    async def t(base, fake, bot):
        await post(base, notification(button_reply("wamid.61", "/restart", "Start again")))
        await post(base, notification(button_reply("wamid.62", "/delete_my_data", "")))
        assert bot.texts() == ["Start again", "delete_my_data"]

    scenario(t, monkeypatch)


@pytest.mark.parametrize("sender", ["+447700900123", "44 7700", "1" * 40, "abc", ""])
def test_odd_sender_numbers_are_ignored(monkeypatch, sender):
    async def t(base, fake, bot):
        msg = {**text("wamid.63", "hello"), "from": sender}
        assert (await post(base, notification(msg))).status == 200
        assert bot.received == []

    scenario(t, monkeypatch)


def test_one_failed_message_makes_meta_send_the_notification_again(monkeypatch):
    """D5 on WhatsApp: the failed message is handled on the re-delivery, the others once."""
    from tests.test_channel_telegram import CrashingBot

    async def main():
        fake = FakeProviders()
        async with running(fake) as api:
            monkeypatch.setenv("WHATSAPP_API_BASE", api + "/v19.0")
            bot = CrashingBot()
            bot.crashed.add("hello")  # only the emergency crashes on its first try
            async with serving(make_app(WhatsAppCloudChannel(), bot)) as base:
                both = notification(
                    text("wamid.70", "hello"),
                    text("wamid.71", "my vision went blurry after my injections"),
                )
                assert (await post(base, both)).status == 503
                assert bot.texts() == ["hello"]
                assert (await post(base, both)).status == 200
                assert bot.texts() == ["hello", "my vision went blurry after my injections"]

    asyncio.run(main())
