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
import re
import os
import secrets
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Dict, Iterator, List, Optional

import pytest

from bot.channels import ids
from scripts.browser import CHROMIUM, CHROMIUM_ARGS
from scripts.launch import free_port

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT_MS = 15_000

pytestmark = pytest.mark.slow

if not Path(CHROMIUM).exists():
    pytest.skip("Debian's chromium is not installed at /usr/bin/chromium "
                "(make browser, or apt-get install -y chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
expect = sync_api.expect


def wait_for(url: str, proc: Optional[subprocess.Popen], seconds: float = 60) -> None:
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
def servers(tmp_path_factory) -> Iterator[Dict[str, str]]:
    """The Rasa and widget URLs: given by E2E_* variables, or started here."""
    if os.environ.get("E2E_RASA_URL"):
        yield {"rasa": os.environ["E2E_RASA_URL"].rstrip("/"),
               "widget": os.environ.get("E2E_WIDGET_URL", "http://127.0.0.1:8080").rstrip("/"),
               "token": os.environ.get("E2E_RASA_TOKEN") or os.environ.get("RASA_AUTH_TOKEN", ""),
               "fake": ""}
        return
    rasa_port, widget_port = free_port(), free_port()
    token = secrets.token_urlsafe(16)
    logs = tmp_path_factory.mktemp("e2e")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "RASA_AUTH_TOKEN": token,
           "RASA_PORT": str(rasa_port), "WIDGET_PORT": str(widget_port),
           "BIND_HOST": "127.0.0.1", "BOT_DATA_DIR": str(logs)}
    env.pop("RASA_PUBLIC_URL", None)
    procs: List[subprocess.Popen] = []
    try:
        for args, name in (([sys.executable, "-m", "tests.fakes.socketio_bot",
                             "--port", str(rasa_port)], "rasa"),
                           ([sys.executable, "-m", "bot.widget"], "widget")):
            out = open(logs / f"{name}.log", "wb")
            procs.append(subprocess.Popen(args, cwd=ROOT, env=env, stdout=out,
                                          stderr=subprocess.STDOUT))
        wait_for(f"http://127.0.0.1:{rasa_port}/", procs[0])
        wait_for(f"http://127.0.0.1:{widget_port}/healthz", procs[1])
        yield {"rasa": f"http://127.0.0.1:{rasa_port}",
               "widget": f"http://127.0.0.1:{widget_port}", "token": token, "fake": "yes"}
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()


def rasa_call(servers: Dict[str, str], method: str, path: str, body=None) -> dict:
    url = f"{servers['rasa']}{path}"
    url += ("&" if "?" in url else "?") + f"token={servers['token']}"
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method,
                                 headers={"Content-Type": "application/json"})
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
    expect(page.locator("#clinic-chat")).to_have_attribute("data-session-id",
                                                           re.compile(r".{8,}"),
                                                           timeout=TIMEOUT_MS)
    return page.evaluate("localStorage.getItem('clinicChat.session')")


def test_widget_send_receive_buttons_reload_and_staff_reply(servers, tmp_path):
    fake = bool(servers["fake"])
    problems: List[str] = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_context(viewport={"width": 1200, "height": 800}).new_page()
            page.set_default_timeout(TIMEOUT_MS)
            page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
            page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
            page.goto(servers["widget"] + "/")

            # the notice is visible before anything is typed
            expect(page.locator(".cc-notice")).to_be_visible()
            expect(page.locator(".cc-notice")).to_contain_text("automated assistant")
            session = session_of(page)

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
                        "No problem. Anything else?")

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
            rasa_call(servers, "POST", f"/conversations/{conversation(session)}/tracker/events"
                      "?output_channel=latest&execute_side_effects=true",
                      {"event": "bot", "text": staff_text, "metadata": {"staff": "Nurse Ada"}})
            expect(page.locator(".cc-staff .cc-bubble").last).to_have_text(staff_text)
            expect(page.locator(".cc-staff .cc-who").last).to_contain_text("Nurse Ada")

            shot = ROOT / "build" / "e2e-widget.png"
            shot.parent.mkdir(exist_ok=True)
            page.screenshot(path=str(shot))

            # a new conversation forgets the old one (shared computers)
            page.click(".cc-new")
            expect(page.locator(".cc-user")).to_have_count(0)
            expect(page.locator("#clinic-chat")).not_to_have_attribute("data-session-id",
                                                                      session)
            fresh = session_of(page)
            assert fresh != session
            send(page, "a new start")
        finally:
            browser.close()

    tracker = rasa_call(servers, "GET", f"/conversations/{conversation(session)}/tracker")
    users = [e["text"] for e in tracker["events"] if e.get("event") == "user"]
    assert "hello" in users and "still the same conversation?" in users
    assert "a new start" not in users
    fresh_events = rasa_call(servers, "GET",
                             f"/conversations/{conversation(fresh)}/tracker")["events"]
    assert [e["text"] for e in fresh_events if e.get("event") == "user"] == ["a new start"]
    assert not [m for m in problems if "Content Security Policy" in m or "page error" in m], \
        problems
