"""Every messaging channel end to end, on the real bot, against local fakes of the providers.

`scripts/run.sh` on loopback with every channel configured and the providers'
API bases pointed at ``tests.fakes.providers`` (nothing leaves the machine).
With the real id formats (a Telegram chat id, ``whatsapp:+44...`` from Twilio,
a Cloud API phone number): a signed emergency gets its advice and a ticket;
staff reply from the inbox and the reply reaches the provider, addressed to
the patient; staff resolve with hand-back, and the patient's next question is
answered again (D4: Twilio replies were lost and the hand-back failed).
Then Rasa is killed with messages in flight on all three channels: after the
restart, the providers' retries are each handled once (D5: they were dropped
as duplicates).
"""

from __future__ import annotations

import os
import re
import signal
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
import requests

from bot import knowledge, store
from tests.e2e.running_bot import BotUnderTest, db_of, model_path
from tests.fakes.providers import ThreadedProviders, provider_env, signed_message
from tests.knowledge_text import faq_text

pytestmark = pytest.mark.slow

PASSWORD = "a long staff passphrase"
EMERGENCY = "my vision went blurry after my injections"
FAQ = "how long does a session take"

PATIENTS = {  # channel: (conversation id, provider address, provider name)
    "telegram": ("tg-4242", "4242", "telegram"),
    "twilio_whatsapp": ("tw-447000077777", "whatsapp:+447000077777", "twilio"),
    "whatsapp": ("wa-447100012345", "447100012345", "whatsapp"),
}


class ChannelBot(BotUnderTest):
    """The bot with every channel configured against the fake providers."""

    def __init__(self, data_dir, providers: ThreadedProviders, hook_url: str) -> None:
        super().__init__(data_dir)
        self.env.update(
            provider_env(providers.url), STAFF_WEBHOOK_URL=hook_url, INBOX_COOKIE_SECURE="0"
        )
        self.inbox = f"http://127.0.0.1:{self.ports['INBOX_PORT']}"

    def post_webhook(self, channel: str, text: str, message_id: int, timeout: float = 60) -> int:
        """Send one signed message as the provider would; the HTTP status (0: no answer)."""
        address = PATIENTS[channel][1].split("+")[-1]
        url, body, headers = signed_message(channel, self.url, address, text, message_id)
        req = urllib.request.Request(url, data=body, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(req, timeout=timeout) as r:
                return r.status
        except urllib.error.HTTPError as e:
            return e.code
        except OSError:
            return 0

    def user_texts(self, conversation_id: str) -> list[str]:
        return [
            e.get("text")
            for e in self.tracker(conversation_id)["events"]
            if e.get("event") == "user"
        ]

    def rasa_pids(self) -> list[int]:
        return [pid for pid, cmd in self.processes().items() if "-m bot.rasa_server" in cmd]


def sent_to(providers: ThreadedProviders, channel: str) -> list[str]:
    """The texts the bot sent to this channel's patient, in order."""
    _, address, provider = PATIENTS[channel]
    out = []
    for c in providers.of(provider):
        if (
            provider == "telegram"
            and c.path == "sendMessage"
            and str(c.json.get("chat_id")) == address
        ):
            out.append(c.json.get("text") or "")
        elif provider == "twilio" and c.form.get("To") == address:
            out.append(c.form.get("Body") or "")
        elif provider == "whatsapp" and c.json.get("to") == address:
            body = c.json.get("text") or c.json.get("interactive", {}).get("body") or {}
            out.append(body.get("body") or body.get("text") or "")
    return out


@pytest.fixture(scope="module")
def providers():
    p = ThreadedProviders()
    yield p
    p.close()


@pytest.fixture(scope="module")
def bot(tmp_path_factory, providers, http_server):
    if not model_path().exists():
        pytest.skip(f"no trained model at {model_path()}: run `make train` first")
    hook = http_server()
    b = ChannelBot(tmp_path_factory.mktemp("channels-e2e"), providers, f"{hook.url}/hook")
    b.hook = hook
    b.start()
    made = b.create_staff("ana", PASSWORD)
    assert made.returncode == 0, made.stderr
    yield b
    b.stop()


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


@pytest.fixture(scope="module")
def staff(bot):
    s = requests.Session()
    r = s.get(f"{bot.inbox}/login")
    r = s.post(
        f"{bot.inbox}/login",
        data={"csrf": csrf_of(r.text), "username": "ana", "password": PASSWORD},
        allow_redirects=False,
    )
    assert r.status_code == 303, r.text
    s.csrf = csrf_of(s.get(f"{bot.inbox}/").text)
    return s


@pytest.mark.parametrize("channel", list(PATIENTS))
def test_emergency_staff_reply_and_hand_back(bot, providers, staff, channel):
    cid, address, _ = PATIENTS[channel]
    base = 1000 * (list(PATIENTS).index(channel) + 1)
    assert bot.post_webhook(channel, EMERGENCY, base + 1) == 200
    advice = knowledge.reply("utter_emergency_advice")[0]["text"].split("\n\n")[0].strip()
    assert any(advice in t for t in sent_to(providers, channel))
    ticket = store.open_ticket_for(cid, db=db_of(bot))
    assert ticket and ticket["priority"] == "emergency" and ticket["channel"] == channel

    before = len(sent_to(providers, channel))
    r = staff.post(
        f"{bot.inbox}/tickets/{ticket['id']}/reply",
        allow_redirects=False,
        data={"csrf": staff.csrf, "text": "Ana from the clinic: are you on your way?"},
    )
    assert r.status_code == 303 and "notice=reply_sent" in r.headers["Location"], r.text
    assert sent_to(providers, channel)[before:] == [
        "Clinic team: Ana from the clinic: are you on your way?"
    ]
    assert any(
        e.get("event") == "bot" and "on your way" in (e.get("text") or "")
        for e in bot.tracker(cid)["events"]
    )

    r = staff.post(
        f"{bot.inbox}/tickets/{ticket['id']}/resolve",
        allow_redirects=False,
        data={"csrf": staff.csrf, "handback": "1"},
    )
    assert r.status_code == 303 and "resolved_handed_back" in r.headers["Location"], r.text
    assert bot.slots(cid)["handoff_active"] is False
    before = len(sent_to(providers, channel))
    assert bot.post_webhook(channel, FAQ, base + 2) == 200
    answer = faq_text("session_length").split("\n\n")[0].strip()
    assert any(answer[:60] in t for t in sent_to(providers, channel)[before:])


def test_an_outsider_with_the_patients_number_reaches_nothing(bot, providers):
    """D1-D3 through the running bot: REST and the widget with a patient's address."""
    tickets_before = store.ticket_counts(db=db_of(bot))
    for cid, address, _ in PATIENTS.values():
        events_before = len(bot.tracker(cid)["events"])
        digits = address.split("+")[-1]
        for sender in (cid, cid.upper()):
            status, _ = bot.call(
                "POST", "/webhooks/rest/webhook", {"sender": sender, "message": "delete my data"}
            )
            assert status == 403
        status, _ = bot.call(
            "POST", "/webhooks/rest/webhook", {"sender": digits, "message": "hello"}
        )
        assert status == 200  # a REST conversation of its own, nothing else
        widget = f"http://127.0.0.1:{bot.ports['WIDGET_PORT']}/api/history?session_id="
        for guess in (digits, cid):
            try:
                urllib.request.urlopen(widget + guess, timeout=10)
                raise AssertionError("history answered")
            except urllib.error.HTTPError as e:
                assert e.code in (400, 403)
        assert len(bot.tracker(cid)["events"]) == events_before
    assert store.ticket_counts(db=db_of(bot)) == tickets_before


def test_messages_in_flight_when_rasa_is_killed_are_handled_once_after_it_restarts(bot):
    """D5: a Telegram update in flight at the kill was answered "duplicate" and lost."""
    texts = {ch: f"{EMERGENCY} (in flight {i})" for i, ch in enumerate(PATIENTS)}
    statuses: dict[str, int | None] = {}

    def send(channel: str, i: int) -> None:
        statuses[channel] = bot.post_webhook(channel, texts[channel], 5000 + i, timeout=120)

    threads = [threading.Thread(target=send, args=(ch, i)) for i, ch in enumerate(PATIENTS)]
    for t in threads:
        t.start()
    time.sleep(0.15)
    for pid in bot.rasa_pids():
        os.kill(pid, signal.SIGKILL)
    for t in threads:
        t.join(150)
    bot.wait_ready(300)  # the supervisor restarts Rasa
    deadline = time.time() + 120
    for i, channel in enumerate(PATIENTS):  # the providers retry until they get a 200
        while bot.post_webhook(channel, texts[channel], 5000 + i) != 200:
            assert time.time() < deadline, f"{channel}: no 200 after the restart"
            time.sleep(2)
    for channel, (cid, _, _) in PATIENTS.items():
        assert bot.user_texts(cid).count(texts[channel]) == 1, (channel, statuses)
