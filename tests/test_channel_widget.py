"""The widget server: the page, its security headers and the history endpoint."""

from __future__ import annotations

import asyncio
import re
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp import web

from bot import config
from bot.channels import sessions
from bot.widget import app as widget
from tests.fakes.rasa_stub import serving

TOKEN = "server-side-token"
EVENTS: list[dict[str, Any]] = [
    {"event": "action", "name": "action_session_start"},
    {"event": "user", "text": "/greet", "metadata": {}},
    {"event": "user", "text": "Does it hurt?", "metadata": {}},
    {
        "event": "bot",
        "text": "A little.\n\nMost people find it mild.",
        "data": {"buttons": [{"title": "More", "payload": "/more"}]},
        "metadata": {},
    },
    {"event": "user", "text": "/more", "metadata": {"button_title": "More"}},
    {"event": "bot", "text": "I will call you.", "data": {}, "metadata": {"staff": "Nurse Ada"}},
]


@pytest.fixture(autouse=True)
def env(monkeypatch, tmp_path):
    monkeypatch.setenv("BOT_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("RASA_AUTH_TOKEN", TOKEN)
    monkeypatch.delenv("RASA_PUBLIC_URL", raising=False)
    monkeypatch.delenv("WIDGET_SESSION_SECRET", raising=False)
    config.clinic.cache_clear()
    sessions.reset()
    yield
    config.clinic.cache_clear()
    sessions.reset()


@asynccontextmanager
async def fake_rasa(seen: list[dict[str, str]]):
    async def tracker(request: web.Request) -> web.Response:
        seen.append({"path": request.path, **request.query})
        if request.query.get("token") != TOKEN:
            return web.json_response({"reason": "NotAuthenticated"}, status=401)
        return web.json_response({"sender_id": request.match_info["cid"], "events": EVENTS})

    app = web.Application()
    app.router.add_get("/conversations/{cid}/tracker", tracker)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    try:
        yield site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    finally:
        await runner.cleanup()


async def fetch(url: str):
    async with aiohttp.ClientSession() as s:
        async with s.get(url) as r:
            return r.status, r.headers, await r.text()


def test_page_history_and_headers(monkeypatch):
    async def main():
        seen: list[dict[str, str]] = []
        async with fake_rasa(seen) as port:
            monkeypatch.setenv("RASA_PORT", str(port))
            async with serving(widget.create_app()) as base:
                status, headers, page = await fetch(base + "/")
                assert status == 200
                assert "Demo Aesthetics Clinic" in page or config.clinic()["name"] in page
                assert "automated assistant" in (await fetch(base + "/static/widget.js"))[2]
                assert not re.search(r"<script(?![^>]*\bsrc=)", page)  # no inline script
                assert TOKEN not in page
                assert f'data-rasa-url="http://127.0.0.1:{port}"' in page
                csp = headers["Content-Security-Policy"]
                assert "script-src 'self'" in csp and "unsafe-inline" not in csp
                assert f"ws://127.0.0.1:{port}" in csp
                assert headers["X-Content-Type-Options"] == "nosniff"
                assert headers["X-Frame-Options"] == "DENY"

                token = sessions.issue()
                status, _, body = await fetch(base + f"/api/history?session_id={token}")
                assert status == 200 and '"Nurse Ada"' in body and "Does it hurt?" in body
                assert seen[-1]["token"] == TOKEN
                assert (
                    seen[-1]["path"] == f"/conversations/{sessions.conversation_of(token)}/tracker"
                )

                for bad in ("", "short", "../../etc/passwd", "a" * 120, "abc%2Fdefghij"):
                    assert (await fetch(base + f"/api/history?session_id={bad}"))[0] == 400
                for name in ("index.html", "..%2Fapp.py", "nothing.js"):
                    assert (await fetch(base + f"/static/{name}"))[0] == 404

    asyncio.run(main())


def test_history_when_rasa_is_down_or_refuses(monkeypatch):
    async def main():
        seen: list[dict[str, str]] = []
        async with fake_rasa(seen) as port:
            monkeypatch.setenv("RASA_PORT", str(port))
            monkeypatch.setenv("RASA_AUTH_TOKEN", "wrong")
            async with serving(widget.create_app()) as base:
                token = sessions.issue()
                status, _, body = await fetch(base + f"/api/history?session_id={token}")
                assert status == 502 and '"messages":[]' in body
        monkeypatch.setenv("RASA_PORT", "1")  # nothing listens there
        async with serving(widget.create_app()) as base:
            assert (await fetch(base + f"/api/history?session_id={token}"))[0] == 502

    asyncio.run(main())


def test_clinic_facts_are_escaped(monkeypatch, tmp_path):
    clinic = tmp_path / "clinic.yml"
    clinic.write_text('name: "<script>alert(1)</script> & Co"\nphone: "020 7946 0000"\n')
    monkeypatch.setenv("CLINIC_CONFIG", str(clinic))

    async def main():
        async with serving(widget.create_app()) as base:
            page = (await fetch(base + "/"))[2]
            assert "<script>alert(1)" not in page
            assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in page

    asyncio.run(main())


def test_public_rasa_url_is_configurable(monkeypatch):
    monkeypatch.setenv("RASA_PUBLIC_URL", "https://bot.example.org/")

    async def main():
        async with serving(widget.create_app()) as base:
            _, headers, page = await fetch(base + "/")
            assert 'data-rasa-url="https://bot.example.org"' in page
            assert "wss://bot.example.org" in headers["Content-Security-Policy"]

    asyncio.run(main())


@pytest.mark.parametrize(
    "guess",
    [
        "447100012345",  # a WhatsApp patient's phone number
        "4242424242424242424242",  # a Telegram chat id
        "wa-447100012345",
        "tg-4242424242",  # the namespaced ids themselves
        "AAAAAAAAAAAAAAAAAAAAAAAA.BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB",  # a token we never signed
    ],
)
def test_history_of_another_patient_is_never_read(monkeypatch, guess):
    """D1: /api/history?session_id=<phone number> returned the patient's transcript."""

    async def main():
        seen: list[dict[str, str]] = []
        async with fake_rasa(seen) as port:
            monkeypatch.setenv("RASA_PORT", str(port))
            async with serving(widget.create_app()) as base:
                status, _, body = await fetch(base + f"/api/history?session_id={guess}")
                assert status in (400, 403) and "Does it hurt" not in body
        assert seen == []  # Rasa was never asked

    asyncio.run(main())


def test_a_token_signed_with_another_secret_is_refused(monkeypatch):
    token = sessions.issue()
    monkeypatch.setenv("WIDGET_SESSION_SECRET", "another clinic's secret")
    sessions.reset()
    assert sessions.conversation_of(token) is None


def test_history_requests_are_rate_limited(monkeypatch):
    monkeypatch.setenv("RATE_HISTORY_PER_MINUTE", "6")

    async def main():
        seen: list[dict[str, str]] = []
        async with fake_rasa(seen) as port:
            monkeypatch.setenv("RASA_PORT", str(port))
            async with serving(widget.create_app()) as base:
                token = sessions.issue()
                codes = [
                    (await fetch(base + f"/api/history?session_id={token}"))[0] for _ in range(6)
                ]
                assert codes[0] == 200 and codes[-1] == 429

    asyncio.run(main())


def test_vendored_socketio_client_is_served_unchanged():
    """The one vendored file is served from this origin and is the one its README names."""
    import hashlib

    vendor = Path(widget.__file__).resolve().parent / "static" / "vendor"
    readme = (vendor / "README.md").read_text(encoding="utf-8")
    body = (vendor / "socket.io.min.js").read_bytes()
    assert hashlib.sha256(body).hexdigest() in readme
    version = re.search(r"socket\.io-client (\d+\.\d+\.\d+)", readme)
    assert version and f"Socket.IO v{version.group(1)}" in body[:200].decode()
    assert (vendor / "socket.io-client.LICENSE").read_text().startswith("The MIT License")

    async def main():
        async with serving(widget.create_app()) as base:
            status, headers, text = await fetch(base + "/static/vendor/socket.io.min.js")
            assert status == 200 and text.encode() == body
            assert headers["Content-Type"].startswith("application/javascript")
            for name in (
                "vendor/",
                "vendor/README.md",
                "vendor/../app.py",
                "vendor/%2E%2E/app.py",
                "vendor/socket.io-client.LICENSE",
            ):
                assert (await fetch(base + f"/static/{name}"))[0] == 404, name

    asyncio.run(main())


def test_page_loads_nothing_from_elsewhere(monkeypatch):
    """Every script and stylesheet comes from this server; no CDN, no inline code."""
    monkeypatch.setenv("RASA_PUBLIC_URL", "https://bot.example.org")

    async def main():
        async with serving(widget.create_app()) as base:
            page = (await fetch(base + "/"))[2]
            loaded = re.findall(
                r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)=\"([^\"]*)\"", page
            )
            assert "/static/vendor/socket.io.min.js" in loaded
            assert loaded and all(u.startswith("/static/") for u in loaded), loaded
            scripts = re.findall(r"<script\b[^>]*\bsrc=\"([^\"]*)\"", page)
            assert scripts == ["/static/vendor/socket.io.min.js", "/static/widget.js"]

    asyncio.run(main())


@pytest.mark.parametrize(
    "booking, link",
    [
        ("https://book.example.org/?a=1&b=2", 'href="https://book.example.org/?a=1&amp;b=2"'),
        (
            'https://x.example.org/" onmouseover="alert(1)',
            'href="https://x.example.org/&#34; onmouseover=&#34;alert(1)"',
        ),
        ("javascript:alert(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
    ],
)
def test_booking_link_is_a_web_address_escaped(monkeypatch, tmp_path, booking, link):
    clinic = tmp_path / "clinic.yml"
    clinic.write_text(f"name: Clinic\nbooking_url: '{booking}'\naddress: \"1 <b>Bold</b> St\"\n")
    monkeypatch.setenv("CLINIC_CONFIG", str(clinic))
    page = widget.render_page(type("R", (), {"host": "127.0.0.1:8080"})())
    assert "1 &lt;b&gt;Bold&lt;/b&gt; St" in page and "<b>Bold" not in page
    if link is None:
        assert "Book a consultation" not in page and "alert(1)" not in page
    else:
        assert link in page and 'onmouseover="' not in page
