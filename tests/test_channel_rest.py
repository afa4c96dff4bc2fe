"""The REST channel: Rasa's own, with bad input answered 4xx instead of 500."""
from __future__ import annotations

import asyncio
import json

import aiohttp
import pytest

from bot.channels.rest import RestChannel
from tests.fakes.rasa_stub import StubBot, make_app, serving


def post(raw: bytes, content_type: str = "application/json"):
    async def main():
        bot = StubBot()
        async with serving(make_app(RestChannel(), bot)) as base:
            async with aiohttp.ClientSession() as s:
                async with s.post(f"{base}/webhooks/rest/webhook", data=raw,
                                  headers={"Content-Type": content_type}) as r:
                    return r.status, await r.text(), bot
    return asyncio.run(main())


def test_name_and_url_are_rasas():
    assert RestChannel.name() == "rest"


def test_a_good_message_reaches_the_bot_and_the_answer_comes_back():
    status, body, bot = post(json.dumps({"sender": "p1", "message": "hello"}).encode())
    assert status == 200
    assert bot.texts() == ["hello"]
    assert json.loads(body) == [{"recipient_id": "p1", "text": "You said: hello"}]


def test_an_empty_message_is_still_a_message():
    status, _, bot = post(json.dumps({"sender": "p1", "message": ""}).encode())
    assert status == 200 and bot.texts() == [""]


@pytest.mark.parametrize("raw", [
    b"{not json", b"", b"\xff\xfe", b"[]", b'"text"', b"null",
    b'{"sender": "x"}', b'{"message": "hi"}', b'{"sender": "", "message": "hi"}',
    b'{"sender": true, "message": "hi"}', b'{"sender": "x", "message": 5}',
    b'{"sender": "x", "message": "hi", "metadata": [1]}',
    json.dumps({"sender": "x" * 500, "message": "hi"}).encode(),
])
def test_bad_bodies_get_400_and_reach_no_one(raw):
    status, body, bot = post(raw)
    assert status == 400, body
    assert "error" in json.loads(body)
    assert bot.received == []


def test_a_huge_body_gets_413():
    status, _, bot = post(json.dumps({"sender": "p", "message": "x" * 300_000}).encode())
    assert status == 413 and bot.received == []
