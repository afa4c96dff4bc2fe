"""Telegram channel against a local fake Bot API: secrets, replays, buttons, staff replies."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import aiohttp
import pytest
from rasa.core.channels.channel import UserMessage
from rasa.core.channels.telegram import TelegramInput

from bot.channels import telegram
from bot.channels.telegram import TelegramChannel
from tests.fakes.providers import TELEGRAM_TOKEN, FakeProviders, running
from tests.fakes.rasa_stub import StubBot, make_app, serving, staff_reply

SECRET = "webhook-secret_123"
HOOK = "/webhooks/telegram/webhook"


@pytest.fixture(autouse=True)
def env(monkeypatch, tmp_path):
    monkeypatch.setenv("BOT_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TELEGRAM_TOKEN)
    monkeypatch.setenv("TELEGRAM_WEBHOOK_SECRET", SECRET)
    monkeypatch.setenv("TELEGRAM_API_BASE", "http://127.0.0.1:9")  # never the internet


def update(update_id: int, text: str | None = "hello", chat_id: int = 4242) -> dict[str, Any]:
    msg: dict[str, Any] = {
        "message_id": update_id,
        "date": 1700000000,
        "chat": {"id": chat_id, "type": "private"},
        "from": {"id": chat_id, "is_bot": False, "first_name": "Pat"},
    }
    if text is not None:
        msg["text"] = text
    else:
        msg["photo"] = [{"file_id": "x", "width": 1, "height": 1}]
    return {"update_id": update_id, "message": msg}


def press(update_id: int, data: str, chat_id: int = 4242) -> dict[str, Any]:
    return {
        "update_id": update_id,
        "callback_query": {
            "id": f"cb{update_id}",
            "from": {"id": chat_id},
            "data": data,
            "message": {"message_id": 1, "chat": {"id": chat_id, "type": "private"}},
        },
    }


async def send(base: str, body: Any, secret: str | None = SECRET) -> aiohttp.ClientResponse:
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers["X-Telegram-Bot-Api-Secret-Token"] = secret
    data = body if isinstance(body, (bytes, str)) else json.dumps(body)
    async with aiohttp.ClientSession() as s:
        async with s.post(base + HOOK, data=data, headers=headers) as r:
            await r.read()
            return r


def scenario(test):
    """Run ``test(base, fake, bot)`` with the fake Bot API and the channel served."""

    async def main():
        fake = FakeProviders()
        async with running(fake) as api:
            bot = StubBot()
            channel = TelegramChannel(base_url=api)
            async with serving(make_app(channel, bot)) as base:
                await test(base, fake, bot)

    asyncio.run(main())


def sent_texts(fake: FakeProviders):
    return [c.json["text"] for c in fake.of("telegram") if c.path == "sendMessage"]


def test_signed_update_reaches_bot_and_reply_reaches_telegram():
    async def t(base, fake, bot):
        r = await send(base, update(1, "hello there"))
        assert r.status == 200
        assert bot.texts() == ["hello there"]
        msg = bot.received[0]
        assert msg.sender_id == "tg-4242" and msg.input_channel == "telegram"
        calls = fake.of("telegram")
        assert [c.path for c in calls] == ["sendMessage"]
        assert calls[0].json == {"chat_id": "4242", "text": "You said: hello there"}

    scenario(t)


def test_start_up_makes_no_call_to_telegram():
    async def t(base, fake, bot):
        assert fake.calls == []

    scenario(t)


@pytest.mark.parametrize("secret", [None, "", "wrong-secret", SECRET + "x"])
def test_forged_or_missing_secret_is_403(secret):
    async def t(base, fake, bot):
        r = await send(base, update(2), secret=secret)
        assert r.status == 403
        assert bot.received == [] and fake.calls == []

    scenario(t)


def test_replayed_update_id_is_ignored():
    async def t(base, fake, bot):
        assert (await send(base, update(3, "first"))).status == 200
        assert (await send(base, update(3, "first"))).status == 200
        assert bot.texts() == ["first"]
        assert len(sent_texts(fake)) == 1

    scenario(t)


@pytest.mark.parametrize(
    "body,status",
    [
        (b"{not json", 400),
        (b"[1, 2, 3]", 400),
        ({"message": {"text": "no update id"}}, 400),
        (update(10, text=None), 200),  # a photo: ignored
        ({"update_id": 11, "my_chat_member": {}}, 200),  # not a message: ignored
        ({"update_id": 12, "message": {"text": "no chat"}}, 200),
        ("x" * 300_000, 413),
    ],
)
def test_bad_input_is_4xx_or_ignored_never_500(body, status):
    async def t(base, fake, bot):
        r = await send(base, body)
        assert r.status == status
        assert bot.received == []

    scenario(t)


def test_unconfigured_channel_answers_503(monkeypatch):
    monkeypatch.delenv("TELEGRAM_WEBHOOK_SECRET")

    async def main():
        bot = StubBot()
        async with serving(make_app(TelegramChannel(), bot)) as base:
            r = await send(base, update(1))
            assert r.status == 503
            async with aiohttp.ClientSession() as s:
                async with s.get(base + "/webhooks/telegram/") as h:
                    assert (await h.json())["configured"] is False
        assert bot.received == []

    asyncio.run(main())


def test_buttons_are_an_inline_keyboard_and_a_press_sends_the_payload():
    async def t(base, fake, bot):
        await send(base, update(20, "buttons"))
        markup = fake.of("telegram")[-1].json["reply_markup"]
        assert markup == {
            "inline_keyboard": [
                [{"text": "Yes", "callback_data": "/affirm"}],
                [{"text": "No", "callback_data": "/deny"}],
            ]
        }
        assert (await send(base, press(21, "/deny"))).status == 200
        assert bot.texts() == ["buttons", "/deny"]
        answered = [c for c in fake.of("telegram") if c.path == "answerCallbackQuery"]
        assert answered[0].json == {"callback_query_id": "cb21"}

    scenario(t)


def test_typed_number_or_title_picks_the_button():
    async def t(base, fake, bot):
        await send(base, update(30, "buttons"))
        await send(base, update(31, "2"))
        await send(base, update(32, "buttons"))
        await send(base, update(33, "yes"))
        await send(base, update(34, "2"))  # no buttons on offer now: plain text
        assert bot.texts() == ["buttons", "/deny", "buttons", "/affirm", "2"]

    scenario(t)


def test_long_payload_travels_by_number():
    long_payload = '/inform{"answer": "' + "a" * 80 + '"}'

    async def main():
        fake = FakeProviders()
        async with running(fake) as api:
            out = TelegramChannel(base_url=api).get_output_channel()
            await out.send_text_with_buttons(
                "tg-77",
                "Pick",
                [{"title": "Long", "payload": long_payload}, {"title": "Short", "payload": "/x"}],
            )
            rows = fake.of("telegram")[-1].json["reply_markup"]["inline_keyboard"]
            assert rows[0][0]["callback_data"] == "#1" and rows[1][0]["callback_data"] == "/x"
            channel = TelegramChannel(base_url=api)
            assert await channel.read_update(press(40, "#1", chat_id=77)) == ("tg-77", long_payload)

    asyncio.run(main())


def test_commands_cannot_inject_intents():
    async def t(base, fake, bot):
        await send(base, update(50, "/start"))
        await send(base, update(51, "/report_emergency"))
        assert bot.texts() == ["hello", "report_emergency"]

    scenario(t)


def test_long_text_is_split_at_4096_characters():
    async def main():
        fake = FakeProviders()
        async with running(fake) as api:
            words = " ".join(f"word{i}" for i in range(2000))  # 16,889 characters
            await TelegramChannel(base_url=api).get_output_channel().send_text_message("5", words)
            parts = sent_texts(fake)
            assert len(words) == 16889
            assert len(parts) == 5 and all(len(p) <= 4096 for p in parts)
            assert " ".join(parts) == words

    asyncio.run(main())


def test_staff_reply_with_output_channel_latest_from_inside_the_running_loop():
    """Rasa's own channel calls asyncio.run here and fails; ours sends."""

    async def main():
        fake = FakeProviders()
        async with running(fake) as api:
            rasa_own = TelegramInput(TELEGRAM_TOKEN, "bot", "https://example.invalid/hook")
            with pytest.raises(RuntimeError):
                rasa_own.get_output_channel()  # asyncio.run inside a running loop

            app = make_app(TelegramChannel(base_url=api), StubBot())
            output = await staff_reply(
                app, "tg-4242", "telegram", {"text": "A nurse will call you today.", "staff": "ada"}
            )
            assert isinstance(output, telegram.TelegramOutputChannel)
            assert sent_texts(fake) == ["Clinic team: A nurse will call you today."]
            assert fake.of("telegram")[-1].json["chat_id"] == "4242"

    asyncio.run(main())


def test_send_failure_raises_a_clear_error():
    async def main():
        fake = FakeProviders()
        async with running(fake) as api:
            fake.refuse_next = "Forbidden: bot was blocked by the user"
            with pytest.raises(telegram.ChannelSendError, match="blocked by the user"):
                await (
                    TelegramChannel(base_url=api)
                    .get_output_channel()
                    .send_text_message("1", "hello")
                )
            bad = telegram.TelegramOutputChannel("999:wrong", api)
            with pytest.raises(telegram.ChannelSendError) as e:
                await bad.send_text_message("1", "hello")
            assert "999:wrong" not in str(e.value)  # the token is never shown

    asyncio.run(main())


def test_set_webhook_registers_the_secret_token(monkeypatch):
    async def main():
        fake = FakeProviders()
        async with running(fake) as api:
            monkeypatch.setenv("TELEGRAM_API_BASE", api)
            await telegram.set_webhook("https://bot.example.org/webhooks/telegram/webhook")
            call = fake.of("telegram")[-1]
            assert call.path == "setWebhook"
            assert call.json["secret_token"] == SECRET
            assert call.json["url"] == "https://bot.example.org/webhooks/telegram/webhook"
            assert "callback_query" in call.json["allowed_updates"]

    asyncio.run(main())


def test_set_webhook_refuses_plain_http_and_bad_secrets(monkeypatch):
    with pytest.raises(SystemExit, match="https"):
        telegram.main(["set-webhook", "--url", "http://bot.example.org/hook"])
    monkeypatch.setenv("TELEGRAM_WEBHOOK_SECRET", "has spaces!")
    with pytest.raises(SystemExit, match="A-Z"):
        telegram.main(["set-webhook", "--url", "https://bot.example.org/hook"])


def test_user_message_is_a_rasa_user_message():
    async def t(base, fake, bot):
        await send(base, update(60, "hi"))
        assert isinstance(bot.received[0], UserMessage)
        assert bot.received[0].message_id == "tg-60"

    scenario(t)


def test_forged_callback_data_is_not_an_intent():
    """A modified client can send any callback data: only offered payloads are intents."""

    async def t(base, fake, bot):
        await send(base, press(70, "/restart"))
        await send(base, press(71, '/report_emergency{"red_flag": "x"}'))
        await send(base, update(72, "buttons"))
        await send(base, press(73, "/delete_my_data"))  # not one of Yes / No
        await send(base, update(74, "buttons"))
        await send(base, press(75, "/affirm"))
        await send(base, press(76, "/affirm"))  # the offer was used up
        assert bot.texts() == [
            "restart",
            'report_emergency{"red_flag": "x"}',
            "buttons",
            "delete_my_data",
            "buttons",
            "/affirm",
            "affirm",
        ]

    scenario(t)


@pytest.mark.parametrize("chat_id", ["1" * 30, "abc", "12 34", None, True, 1.5])
def test_odd_chat_ids_are_ignored(chat_id):
    """D15: a 10,000-character chat id was accepted."""

    async def t(base, fake, bot):
        body = update(80, "hello")
        body["message"]["chat"]["id"] = chat_id
        r = await send(base, body)
        assert r.status == 200 and bot.received == []

    scenario(t)


def test_nested_json_is_a_400_not_a_500():
    """D13: a body of nested brackets raised RecursionError (500)."""

    async def t(base, fake, bot):
        r = await send(base, b"[" * 60_000 + b"]" * 60_000)
        assert r.status == 400 and bot.received == []
        r = await send(base, b'{"update_id": 5, "message": ' + b"[" * 30_000 + b"]" * 30_000 + b"}")
        assert r.status == 400 and bot.received == []

    scenario(t)


class CrashingBot(StubBot):
    """Rasa dying mid-message: the first try of each text raises, the retry works."""

    def __init__(self) -> None:
        super().__init__()
        self.crashed = set()

    async def __call__(self, message):
        if message.text not in self.crashed:
            self.crashed.add(message.text)
            raise ConnectionError("Rasa went away")
        await super().__call__(message)


def test_a_retry_after_a_failure_is_handled_once_not_dropped():
    """D5: the update id was marked before Rasa handled it; the retry was a "duplicate"."""

    async def main():
        fake = FakeProviders()
        async with running(fake) as api:
            bot = CrashingBot()
            async with serving(make_app(TelegramChannel(base_url=api), bot)) as base:
                emergency = update(90, "my vision went blurry after my injections")
                first = await send(base, emergency)
                assert first.status == 503  # Telegram will send it again
                assert bot.received == []
                again = await send(base, emergency)
                assert again.status == 200
                replay = await send(base, emergency)
                assert replay.status == 200
                assert bot.texts() == ["my vision went blurry after my injections"]
                assert len(sent_texts(fake)) == 1

    asyncio.run(main())


def test_a_claim_left_by_a_dead_process_is_taken_over(tmp_path):
    """Rasa killed mid-message leaves the id claimed; the retry after the restart
    (a new process) is handled, and a copy arriving while it is handled is not."""
    from bot import store
    from bot.channels import common

    db = store.open_db()
    assert store.claim_message("telegram", "91", "somehost:1:dead", db=db) == "new"
    assert store.claim_message("telegram", "92", common.owner(), db=db) == "new"
    import subprocess
    import sys

    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    dead = f"{common.HOST}:{gone.pid}:abcd"
    assert store.claim_message("telegram", "93", dead, db=db) == "new"

    async def t(base, fake, bot):
        assert (await send(base, update(93, "after the crash"))).status == 200
        assert (await send(base, update(92, "still in hand"))).status == 503
        assert (await send(base, update(91, "other machine"))).status == 503  # until its lease ends
        assert bot.texts() == ["after the crash"]

    scenario(t)
