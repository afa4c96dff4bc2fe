"""The REST channel: trusted callers with the API token; bad input answered 4xx, never 500."""

from __future__ import annotations

import asyncio
import json

import aiohttp
import pytest

from bot.channels import limits
from bot.channels.rest import RestChannel
from tests.fakes.rasa_stub import StubBot, make_app, serving

TOKEN = "rest-api-token"


@pytest.fixture(autouse=True)
def env(monkeypatch, tmp_path):
    monkeypatch.setenv("BOT_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("RASA_AUTH_TOKEN", TOKEN)


def post(
    raw: bytes, content_type: str = "application/json", token: str | None = TOKEN, times: int = 1
):
    async def main():
        bot = StubBot()
        async with serving(make_app(RestChannel(), bot)) as base:
            url = f"{base}/webhooks/rest/webhook" + (f"?token={token}" if token is not None else "")
            async with aiohttp.ClientSession() as s:
                for _ in range(times):
                    async with s.post(url, data=raw, headers={"Content-Type": content_type}) as r:
                        status, body = r.status, await r.text()
                return status, body, bot

    return asyncio.run(main())


def body(sender, message) -> bytes:
    return json.dumps({"sender": sender, "message": message}).encode()


def test_name_and_url_are_rasas():
    assert RestChannel.name() == "rest"


def test_a_good_message_reaches_the_bot_and_the_answer_comes_back():
    status, text, bot = post(body("p1", "hello"))
    assert status == 200
    assert bot.texts() == ["hello"]
    assert bot.received[0].input_channel == "rest"
    assert json.loads(text) == [{"recipient_id": "p1", "text": "You said: hello"}]


def test_an_empty_message_is_still_a_message():
    status, _, bot = post(body("p1", ""))
    assert status == 200 and bot.texts() == [""]


@pytest.mark.parametrize(
    "token,status", [(None, 401), ("", 401), ("wrong", 403), (TOKEN + "x", 403), (TOKEN[:-1], 403)]
)
def test_without_the_api_token_nothing_reaches_the_bot(token, status):
    got, text, bot = post(body("p1", "hello"), token=token)
    assert got == status, text
    assert bot.received == []


def test_the_caller_cannot_choose_the_input_channel():
    raw = json.dumps({"sender": "p1", "message": "hi", "input_channel": "telegram"}).encode()
    status, _, bot = post(raw)
    assert status == 200 and bot.received[0].input_channel == "rest"


@pytest.mark.parametrize(
    "sender",
    [
        "tg-4242",
        "wa-447700900123",
        "tw-447700900123",
        "web-AbCdEfGhIjKlMnOpQrStUvWx",
        "TG-4242",
        "Web-x",
    ],
)
def test_other_channels_conversations_cannot_be_entered(sender):
    """D2: REST could write into (and reset, and delete) a patient's conversation."""
    status, text, bot = post(body(sender, "delete my data"))
    assert status == 403, text
    assert bot.received == []


@pytest.mark.parametrize(
    "sender",
    [
        "+44 7700 900123",
        "a/b",
        "../../etc/passwd",
        "x%2Fy",
        "sp ace",
        "ünï",
        "<img src=x>",
        "a\nb",
        "..",
        "-x",
    ],
)
def test_senders_rasa_could_not_address_are_refused(sender):
    """D4: an id that needs escaping in a URL is another (phantom) conversation in Rasa."""
    status, _, bot = post(body(sender, "hi"))
    assert status == 400 and bot.received == []


@pytest.mark.parametrize(
    "sender",
    [
        "eval-0a1b2c",
        "lat-3-abcdef",
        "p1",
        "447700900123",
        "whatsapp:+447700900123",
        "user@example.org",
        "a.b_c~d=e",
    ],
)
def test_ordinary_senders_are_kept_as_given(sender):
    status, _, bot = post(body(sender, "hi"))
    assert status == 200 and bot.received[0].sender_id == sender


@pytest.mark.parametrize(
    "raw",
    [
        b"{not json",
        b"",
        b"\xff\xfe",
        b"[]",
        b'"text"',
        b"null",
        b'{"sender": "x"}',
        b'{"message": "hi"}',
        b'{"sender": "", "message": "hi"}',
        b'{"sender": true, "message": "hi"}',
        b'{"sender": "x", "message": 5}',
        b'{"sender": "x", "message": "hi", "metadata": [1]}',
        json.dumps({"sender": "x" * 500, "message": "hi"}).encode(),
        b"[" * 30_000 + b"]" * 30_000,  # D13: a nesting bomb (was a 500)
        b'{"sender": "x", "message": ' + b"[" * 20_000 + b"]" * 20_000 + b"}",
    ],
    ids=lambda raw: repr(raw[:40]),
)
def test_bad_bodies_get_400_and_reach_no_one(raw):
    status, text, bot = post(raw)
    assert status == 400, text
    assert "error" in json.loads(text)
    assert bot.received == []


def test_a_huge_body_gets_413():
    status, _, bot = post(body("p", "x" * 300_000))
    assert status == 413 and bot.received == []


def test_a_long_message_gets_a_polite_answer_not_minutes_of_nlu():
    status, text, bot = post(body("p", "how much does it cost " * 500))
    assert status == 200 and bot.received == []
    (answer,) = json.loads(text)
    assert answer["recipient_id"] == "p" and "too long" in answer["text"]
    assert "999" in answer["text"] or "call" in answer["text"]


def test_a_long_message_that_reports_an_emergency_still_goes_through():
    text = "x " * 3_000 + "my vision went blurry after my injections"
    status, _, bot = post(body("p", text))
    assert status == 200
    (message,) = bot.received
    assert len(message.text) <= limits.max_message_chars()
    assert "vision went blurry" in message.text


def test_a_huge_message_is_answered_without_being_read():
    """No patient client sends 20,000 characters; a flood of them must cost nothing."""
    text = "x " * 10_000 + "my vision went blurry after my injections"
    status, answer, bot = post(body("p", text))
    assert status == 200 and bot.received == []
    assert "too long" in answer and "999" in answer


def test_a_lone_surrogate_is_replaced_before_nlu():
    """D14: '\\ud800' made the spaCy red-flag layer throw and skip the message."""
    raw = b'{"sender": "p", "message": "my vision went blurry \\ud800 after my injections"}'
    status, _, bot = post(raw)
    assert status == 200
    assert bot.texts() == ["my vision went blurry \ufffd after my injections"]
    from bot import triage

    assert triage.assess(bot.texts()[0]).level == "emergency"


def test_a_sender_over_its_rate_limit_gets_429(monkeypatch):
    monkeypatch.setenv("RATE_REST_SENDER_PER_MINUTE", "6")
    status, text, bot = post(body("p", "how long does it last"), times=12)
    assert status == 429 and "faster" in json.loads(text)["error"]
    assert 3 <= len(bot.received) < 12
