"""The walk-through a new clinic would try, on the real bot, in headless Chromium.

`make run`'s processes (scripts/run.sh) on loopback; a staff account made with
the README's command; a patient on the widget page reports blurry vision; the
ticket is at the top of the inbox; staff reply and the reply reaches the open
widget live; staff hand back and the assistant answers again.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.channels import ids
from scripts.browser import CHROMIUM, CHROMIUM_ARGS, sign_in
from tests.e2e.running_bot import BotUnderTest, model_path

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason=f"Debian's chromium is not installed at {CHROMIUM}"
    ),
]
PASSWORD = "a long staff passphrase"
TIMEOUT = 20_000


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    if not model_path().exists():
        pytest.skip(f"no trained model at {model_path()}: run `make train` first")
    b = BotUnderTest(tmp_path_factory.mktemp("walkthrough")).start()
    yield b
    b.stop()


def test_widget_emergency_inbox_reply_and_hand_back(bot, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    made = bot.create_staff("ana", PASSWORD)
    assert made.returncode == 0, made.stderr
    inbox = f"http://127.0.0.1:{bot.ports['INBOX_PORT']}"
    widget = f"http://127.0.0.1:{bot.ports['WIDGET_PORT']}"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        patient = browser.new_context().new_page()
        patient.goto(widget)
        bubbles = patient.locator(".cc-bot, .cc-staff")
        patient.fill(".cc-input", "my vision went blurry after my injections")
        patient.press(".cc-input", "Enter")
        # The advice, with the emergency number, answers the message at once.
        expect(patient.locator(".cc-bot", has_text="999").first).to_be_visible(timeout=TIMEOUT)

        staff = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        sign_in(staff, inbox, "ana", PASSWORD)
        first_row = staff.locator("tr[data-id]").first
        expect(first_row).to_contain_text("mergency", timeout=TIMEOUT)
        first_row.locator("a").first.click()
        expect(staff.locator("#transcript")).to_contain_text("vision went blurry", timeout=TIMEOUT)
        staff.screenshot(path=str(tmp_path / "ticket.png"), full_page=True)

        staff.fill("#reply-text", "Hello, this is Ana from the clinic. Are you on your way to A&E?")
        staff.click("button:has-text('Send reply')")
        staff.wait_for_url(re.compile(r"notice=reply_sent"), timeout=TIMEOUT)
        expect(patient.locator(".cc-staff").last).to_contain_text(
            "on your way to A&E", timeout=TIMEOUT
        )

        staff.click("button:has-text('Hand back to the bot')")
        staff.wait_for_url(re.compile(r"notice=handed_back"), timeout=TIMEOUT)
        token = patient.evaluate("localStorage.getItem('clinicChat.session')")
        conversation = ids.widget_id(token.split(".")[0])  # the key of the signed token
        assert bot.slots(conversation)["handoff_active"] is False
        before = bubbles.count()
        patient.fill(".cc-input", "does mesotherapy hurt?")
        patient.press(".cc-input", "Enter")
        expect(bubbles).not_to_have_count(before, timeout=TIMEOUT)
        expect(bubbles.last).to_contain_text("Sources", timeout=TIMEOUT)
        browser.close()
