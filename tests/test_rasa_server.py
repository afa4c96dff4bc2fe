"""bot.rasa_server: the token stays off the command line; /model/parse and /version guarded."""
from __future__ import annotations

import asyncio
import itertools
import json

import aiohttp
import pytest
from sanic import Sanic, response

from bot import rasa_server
from tests.fakes.rasa_stub import serving

_names = itertools.count(1)


def rasa_like_app() -> Sanic:
    """The two routes of Rasa's API the guard looks at, answering like Rasa 3.6."""
    app = Sanic(f"rasa_like_{next(_names)}")

    @app.post("/model/parse")
    async def parse(request):
        data = request.json
        return response.json({"text": data["text"], "intent": {"name": "x"}})

    @app.get("/version")
    async def version(request):
        return response.json({"version": "3.6.21"})

    return rasa_server.guard(app, "T0KEN")


def fetch(requests):
    async def main():
        async with serving(rasa_like_app()) as base:
            out = []
            async with aiohttp.ClientSession() as s:
                for method, path, body in requests:
                    async with s.request(method, base + path, data=body) as r:
                        out.append((r.status, await r.text()))
            return out
    return asyncio.run(main())


@pytest.mark.parametrize("body,status", [
    (b"{not json", 400), (b"[1]", 400), (b'{"text": 5}', 400), (b'{"text": null}', 400),
    (b'{"text": {"a": 1}}', 400), (b"{}", 400), (b"[" * 60_000 + b"]" * 60_000, 413),
    (b"[" * 30_000 + b"]" * 30_000, 400), (b'{"text": "\xff\xfe"}', 400),
    (b'{"text": "' + b"x" * 70_000 + b'"}', 413),
], ids=lambda v: repr(v)[:30])
def test_bad_parse_bodies_are_4xx(body, status):
    """D13: eight kinds of bad /model/parse body were answered 500."""
    ((got, text),) = fetch([("POST", "/model/parse?token=T0KEN", body)])
    assert got == status, text


def test_a_good_parse_is_passed_on_with_lone_surrogates_replaced():
    ((status, text),) = fetch([("POST", "/model/parse?token=T0KEN",
                                b'{"text": "my eye \\ud800 hurts"}')])
    assert status == 200 and json.loads(text)["text"] == "my eye \ufffd hurts"


def test_version_needs_the_token():
    """D15: /version told anyone the exact Rasa version."""
    assert [s for s, _ in fetch([("GET", "/version", None), ("GET", "/version?token=x", None),
                                 ("GET", "/version?token=T0KEN", None)])] == [401, 401, 200]


def test_a_token_on_the_command_line_is_refused():
    with pytest.raises(SystemExit, match="RASA_AUTH_TOKEN"):
        rasa_server.main(["run", "--auth-token", "visible-in-ps"])
    with pytest.raises(SystemExit, match="RASA_AUTH_TOKEN"):
        rasa_server.main(["run", "--auth-token=visible-in-ps"])
