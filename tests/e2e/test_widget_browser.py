"""The website widget end to end in headless Chromium (Playwright + Debian's chromium).

By default it starts, on loopback, a fake Rasa server that mounts the real
socket.io channel (``python -m tests.fakes.socketio_bot``) and the real widget
server (``python -m bot.widget``). To run it against the real bot started by
``make run``, set:
- ``E2E_RASA_URL``   the Rasa server, e.g. http://127.0.0.1:5005
- ``E2E_WIDGET_URL`` the widget page [http://127.0.0.1:8080]
- ``E2E_RASA_TOKEN`` Rasa's API token (else ``RASA_AUTH_TOKEN``), for the staff reply
- ``E2E_BUTTONS_MESSAGE`` optional: a message the real bot answers with buttons
"""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from bot.channels import ids
from scripts.browser import CHROMIUM, CHROMIUM_ARGS
from scripts.launch import free_port

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT_MS = 15_000

pytestmark = pytest.mark.slow

# A skip for want of chromium or playwright fails the run under REQUIRE_BROWSER=1
# (CI; the hooks in tests/conftest.py).
if not Path(CHROMIUM).exists():
    pytest.skip(
        f"Debian's chromium is not installed at {CHROMIUM} "
        "(make browser, or apt-get install -y chromium)",
        allow_module_level=True,
    )
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
expect = sync_api.expect


def wait_for(url: str, proc: subprocess.Popen | None, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"{proc.args} exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer within {seconds}s")


@pytest.fixture(scope="module")
def servers(tmp_path_factory) -> Iterator[dict[str, str]]:
    """The Rasa and widget URLs: given by E2E_* variables, or started here."""
    if os.environ.get("E2E_RASA_URL"):
        yield {
            "rasa": os.environ["E2E_RASA_URL"].rstrip("/"),
            "widget": os.environ.get("E2E_WIDGET_URL", "http://127.0.0.1:8080").rstrip("/"),
            "token": os.environ.get("E2E_RASA_TOKEN") or os.environ.get("RASA_AUTH_TOKEN", ""),
            "fake": "",
        }
        return
    rasa_port, widget_port = free_port(), free_port()
    token = secrets.token_urlsafe(16)
    logs = tmp_path_factory.mktemp("e2e")
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "RASA_AUTH_TOKEN": token,
        "RASA_PORT": str(rasa_port),
        "WIDGET_PORT": str(widget_port),
        "BIND_HOST": "127.0.0.1",
        "BOT_DATA_DIR": str(logs),
    }
    env.pop("RASA_PUBLIC_URL", None)
    procs: list[subprocess.Popen] = []
    try:
        for args, name in (
            (
                [
                    sys.executable,
                    "-m",
                    "tests.fakes.socketio_bot",
                    "--port",
                    str(rasa_port),
                    "--cors",
                    f"http://127.0.0.1:{widget_port}",
                ],
                "rasa",
            ),
            ([sys.executable, "-m", "bot.widget"], "widget"),
        ):
            out = open(logs / f"{name}.log", "wb")
            procs.append(
                subprocess.Popen(args, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
            )
        wait_for(f"http://127.0.0.1:{rasa_port}/", procs[0])
        wait_for(f"http://127.0.0.1:{widget_port}/healthz", procs[1])
        yield {
            "rasa": f"http://127.0.0.1:{rasa_port}",
            "widget": f"http://127.0.0.1:{widget_port}",
            "token": token,
            "fake": "yes",
        }
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()


def rasa_call(servers: dict[str, str], method: str, path: str, body=None) -> dict:
    url = f"{servers['rasa']}{path}"
    url += ("&" if "?" in url else "?") + f"token={servers['token']}"
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(
        url, data=data, method=method, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(req, timeout=15) as r:
        return json.loads(r.read().decode())


def send(page, text: str) -> None:
    before = page.locator(".cc-bot, .cc-staff").count()
    page.fill(".cc-input", text)
    page.press(".cc-input", "Enter")
    expect(page.locator(".cc-user .cc-bubble").last).to_have_text(text)
    expect(page.locator(".cc-bot, .cc-staff")).not_to_have_count(before, timeout=TIMEOUT_MS)


def conversation(session_token: str) -> str:
    """The conversation id of a widget session token (``web-<key>``)."""
    return ids.widget_id(session_token.split(".")[0])


def session_of(page) -> str:
    expect(page.locator("#clinic-chat")).to_have_attribute(
        "data-session-id", re.compile(r".{8,}"), timeout=TIMEOUT_MS
    )
    return page.evaluate("localStorage.getItem('clinicChat.session')")


TRANSPORT = "window.clinicChat.socket && window.clinicChat.socket.io.engine.transport.name"


def transport_is(page, name: str) -> None:
    """Wait until the widget's socket.io connection runs over ``name``."""
    page.wait_for_function(
        f"() => {TRANSPORT} === {json.dumps(name)} && window.clinicChat.socket.connected",
        timeout=TIMEOUT_MS,
    )


def staff_reply(servers: dict[str, str], session: str, text: str) -> None:
    """What the inbox sends: Rasa posts it to the conversation's latest channel."""
    rasa_call(
        servers,
        "POST",
        f"/conversations/{conversation(session)}/tracker/events"
        "?output_channel=latest&execute_side_effects=true",
        {"event": "bot", "text": text, "metadata": {"staff": "Nurse Ada"}},
    )


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@contextmanager
def widget_page(servers: dict[str, str]) -> Iterator[Any]:
    """The widget's page in headless Chromium; fails on a page error, a CSP
    refusal, or a request to anywhere but the widget server and Rasa."""
    problems: list[str] = []
    ours = {
        origin(servers["widget"]),
        origin(servers["rasa"]),
        origin(servers["rasa"]).replace("http", "ws", 1),
    }
    elsewhere: list[str] = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_context(viewport={"width": 1200, "height": 800}).new_page()
            page.set_default_timeout(TIMEOUT_MS)
            page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
            page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
            page.on("request", lambda r: None if origin(r.url) in ours else elsewhere.append(r.url))
            page.on(
                "websocket", lambda w: None if origin(w.url) in ours else elsewhere.append(w.url)
            )
            page.goto(servers["widget"] + "/")
            yield page
        finally:
            browser.close()
    assert not [m for m in problems if "Content Security Policy" in m or "page error" in m], (
        problems
    )
    assert not elsewhere, f"the page loaded from elsewhere: {elsewhere}"


def test_widget_send_receive_buttons_reload_and_staff_reply(servers):
    fake = bool(servers["fake"])
    with widget_page(servers) as page:
        # the notice is visible before anything is typed
        expect(page.locator(".cc-notice")).to_be_visible()
        expect(page.locator(".cc-notice")).to_contain_text("automated assistant")
        session = session_of(page)
        # socket.io-client (the vendored file) connected over a websocket
        transport_is(page, "websocket")

        # send and receive
        send(page, "hello")
        if fake:
            expect(page.locator(".cc-bot .cc-bubble").last).to_have_text("You said: hello")

        # quick-reply buttons
        button_message = "buttons" if fake else os.environ.get("E2E_BUTTONS_MESSAGE")
        if button_message:
            send(page, button_message)
            choices = page.locator(".cc-choice")
            expect(choices.first).to_be_visible()
            if fake:
                expect(choices).to_have_text(["Yes", "No"])
            title = choices.last.inner_text()
            choices.last.click()
            expect(page.locator(".cc-user .cc-bubble").last).to_have_text(title)
            expect(page.locator(".cc-choice")).to_have_count(0)
            if fake:
                expect(page.locator(".cc-bot .cc-bubble").last).to_have_text(
                    "No problem. Anything else?"
                )

        # reload: same conversation, history shown
        shown_before = page.locator(".cc-user").count()
        page.reload()
        expect(page.locator(".cc-notice")).to_be_visible()
        assert session_of(page) == session
        expect(page.locator(".cc-user")).to_have_count(shown_before)
        expect(page.locator(".cc-user .cc-bubble").first).to_have_text("hello")
        send(page, "still the same conversation?")

        # a staff reply arrives live
        staff_text = "Hello, this is Nurse Ada from the clinic. I will phone you today."
        staff_reply(servers, session, staff_text)
        expect(page.locator(".cc-staff .cc-bubble").last).to_have_text(staff_text)
        expect(page.locator(".cc-staff .cc-who").last).to_contain_text("Nurse Ada")

        shot = ROOT / "build" / "e2e-widget.png"
        shot.parent.mkdir(exist_ok=True)
        page.screenshot(path=str(shot))

        # a new conversation forgets the old one (shared computers)
        page.click(".cc-new")
        expect(page.locator(".cc-user")).to_have_count(0)
        expect(page.locator("#clinic-chat")).not_to_have_attribute("data-session-id", session)
        fresh = session_of(page)
        assert fresh != session
        send(page, "a new start")
        # the old conversation's staff replies no longer reach this page
        staff_reply(servers, session, "For the old conversation only.")
        staff_reply(servers, fresh, "For the new conversation.")
        expect(page.locator(".cc-staff .cc-bubble")).to_have_text(["For the new conversation."])

    tracker = rasa_call(servers, "GET", f"/conversations/{conversation(session)}/tracker")
    users = [e["text"] for e in tracker["events"] if e.get("event") == "user"]
    assert "hello" in users and "still the same conversation?" in users
    assert "a new start" not in users
    fresh_events = rasa_call(servers, "GET", f"/conversations/{conversation(fresh)}/tracker")[
        "events"
    ]
    assert [e["text"] for e in fresh_events if e.get("event") == "user"] == ["a new start"]


@contextmanager
def websockets_refused(servers: dict[str, str]) -> Iterator[None]:
    """The fake Rasa refuses websocket upgrades, as some proxies do (403)."""
    rasa_call(servers, "POST", "/test/websockets?allowed=0")
    try:
        yield
    finally:
        rasa_call(servers, "POST", "/test/websockets?allowed=1")


def test_widget_falls_back_to_long_polling_and_reconnects(servers):
    """Where websockets are refused the library talks long-polling (cross-origin
    HTTP, allowed by Rasa's --cors); when the network drops, it reconnects by
    itself and the widget asks for its session again, so the conversation and
    its live staff replies go on."""
    if not servers["fake"]:
        pytest.skip("needs the fake Rasa server, which can refuse websockets")
    with websockets_refused(servers), widget_page(servers) as page:
        session = session_of(page)
        transport_is(page, "polling")
        send(page, "hello over polling")
        expect(page.locator(".cc-bot .cc-bubble").last).to_have_text("You said: hello over polling")
        staff_reply(servers, session, "Nurse Ada, over long-polling.")
        expect(page.locator(".cc-staff .cc-bubble").last).to_have_text(
            "Nurse Ada, over long-polling."
        )

        first_socket = page.evaluate("window.clinicChat.socket.id")
        page.context.set_offline(True)
        expect(page.locator(".cc-status")).to_have_text("Connection lost. Reconnecting\u2026")
        # typed while the chat is down: shown, kept, and sent once it is back
        page.fill(".cc-input", "typed while offline")
        page.press(".cc-input", "Enter")
        expect(page.locator(".cc-input")).to_have_value("")
        expect(page.locator(".cc-user .cc-bubble").last).to_have_text("typed while offline")
        expect(page.locator(".cc-status")).to_contain_text("will be sent as soon as")
        page.context.set_offline(False)
        expect(page.locator(".cc-bot .cc-bubble").last).to_have_text(
            "You said: typed while offline", timeout=TIMEOUT_MS * 2
        )
        transport_is(page, "polling")
        expect(page.locator(".cc-status")).to_be_hidden()
        assert page.evaluate("window.clinicChat.socket.id") != first_socket
        assert session_of(page) == session
        send(page, "still there?")
        expect(page.locator(".cc-bot .cc-bubble").last).to_have_text("You said: still there?")
        staff_reply(servers, session, "Nurse Ada again, after the reconnection.")
        expect(page.locator(".cc-staff .cc-bubble").last).to_have_text(
            "Nurse Ada again, after the reconnection."
        )
    users = [
        e["text"]
        for e in rasa_call(servers, "GET", f"/conversations/{conversation(session)}/tracker")[
            "events"
        ]
        if e.get("event") == "user"
    ]
    assert users == ["hello over polling", "typed while offline", "still there?"]
