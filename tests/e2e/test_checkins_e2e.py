"""Aftercare check-ins on the real bot (``scripts/run.sh``: Rasa, actions, inbox, worker)
with every channel against the local provider fakes: issue 14's "Done when".

- REST: a treatment done 25 hours ago, registered through the API; within a minute the
  24-hour check-in is in the conversation and the API says "sent"; an emergency in
  plain words gets the emergency advice and a ticket; a second patient answers "all
  good, just a bit pink": no ticket, the API says "answered".
- Telegram, WhatsApp Cloud (24-hour window closed, template set: the template goes),
  Twilio (window closed, no template: "failed", "could not be delivered"; once the
  patient writes, staff send it again as free text): a red-flag reply on each goes
  the red-flag way; the widget finds the check-in in its history when the patient comes
  back, and a red-flag answer there too. "stop" cancels the rest and says so.

Quiet hours are switched off through ``CHECKINS_FILE`` (the suite may run at night);
they are tested with a moved clock in tests/test_checkins_delivery.py.
"""

from __future__ import annotations

import json
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import requests
import yaml

from bot import knowledge, store
from bot.checkins import config as checkin_config
from tests.e2e.running_bot import BotUnderTest, db_of, model_path
from tests.fakes.providers import ThreadedProviders, provider_env, signed_message
from tests.knowledge_text import faq_text

pytestmark = pytest.mark.slow

TOKEN = "api-token-for-the-e2e"
EMERGENCY = "I can't see properly out of my left eye and my lips are going blue"
CALM = "all good, just a bit pink"
WITHIN = 60  # seconds: "within a minute"


class CheckinBot(BotUnderTest):
    def __init__(self, data_dir: Path, providers: ThreadedProviders) -> None:
        spec = yaml.safe_load(checkin_config.DEFAULT_PATH.read_text(encoding="utf-8"))
        spec["quiet_hours"] = None
        checkins_file = data_dir / "checkins.yml"
        checkins_file.write_text(yaml.safe_dump(spec), encoding="utf-8")
        super().__init__(
            data_dir,
            INBOX_API_TOKEN=TOKEN,
            CHECKINS_FILE=str(checkins_file),
            WORKER_INTERVAL_SECONDS="1",
            WHATSAPP_TEMPLATE_NAME="aftercare_checkin",
            TWILIO_TEMPLATE_CONTENT_SID="",
        )
        self.env.update(provider_env(providers.url), INBOX_COOKIE_SECURE="0")
        self.inbox = f"http://127.0.0.1:{self.ports['INBOX_PORT']}"

    def api(self, method: str, path: str, body=None):
        r = requests.request(
            method,
            f"{self.inbox}/api/v1{path}",
            json=body,
            timeout=30,
            headers={"Authorization": f"Bearer {TOKEN}"},
        )
        return r.status_code, r.json()

    def register(self, sender: str, channel: str, hours_ago: float = 25) -> str:
        treated = datetime.now(timezone.utc) - timedelta(hours=hours_ago)
        status, body = self.api(
            "POST",
            "/treatments",
            {
                "sender_id": sender,
                "channel": channel,
                "treated_at": treated.isoformat(),
                "treatment": "mesotherapy",
            },
        )
        assert status == 201, body
        if hours_ago < 72:  # the latest check-in already due goes at once, the rest follow
            assert body["checkins"][0]["kind"] == "checkin_24h"
        return body["id"]

    def first_status(self, tid: str, wanted: str, within: float = WITHIN) -> dict:
        deadline = time.monotonic() + within
        while True:
            status, body = self.api("GET", f"/treatments/{tid}")
            assert status == 200, body
            first = body["checkins"][0]
            if first["status"] == wanted or time.monotonic() > deadline:
                assert first["status"] == wanted, body
                return first
            time.sleep(0.5)

    def webhook(self, channel: str, address: str, text: str, message_id: int) -> int:
        url, body, headers = signed_message(channel, self.url, address, text, message_id)
        return requests.post(url, data=body, headers=headers, timeout=60).status_code


@pytest.fixture(scope="module")
def providers():
    p = ThreadedProviders()
    yield p
    p.close()


@pytest.fixture(scope="module")
def bot(tmp_path_factory, providers):
    if not model_path().exists():
        pytest.skip(f"no trained model at {model_path()}: run `make train` first")
    b = CheckinBot(tmp_path_factory.mktemp("checkins-e2e"), providers)
    b.start()
    yield b
    b.stop()


def checkin_text() -> str:
    from bot import checkins

    return checkins.settings().message("checkin_24h")


def advice_start() -> str:
    return knowledge.reply("utter_emergency_advice")[0]["text"].split("\n\n")[0].strip()


def ticket_of(bot, cid):
    return store.open_ticket_for(cid, db=db_of(bot))


# ------------------------------------------------------------ REST: the "Done when"


def test_done_when_rest_emergency_and_calm_answers(bot):
    tid = bot.register("rest-walk-1", "rest")
    calm_tid = bot.register("rest-walk-2", "rest")
    sent = bot.first_status(tid, "sent")
    assert sent["sent_at"]
    bot.first_status(calm_tid, "sent")
    events = bot.tracker("rest-walk-1")["events"]
    checkin = [e for e in events if e.get("event") == "bot" and e.get("text") == checkin_text()]
    assert len(checkin) == 1
    assert [b["title"] for b in checkin[0]["data"]["buttons"]] == [
        "All fine",
        "Redness or swelling",
        "Something worries me",
    ]

    answer = "\n\n".join(m.get("text") or "" for m in bot.say("rest-walk-1", EMERGENCY))
    assert advice_start() in answer
    ticket = ticket_of(bot, "rest-walk-1")
    assert ticket and ticket["priority"] == "emergency"
    assert bot.first_status(tid, "answered", within=5)

    answer = "\n\n".join(m.get("text") or "" for m in bot.say("rest-walk-2", CALM))
    assert knowledge.reply("utter_ask_rf_check")[0]["text"].split(".")[0] in answer
    answer = "\n\n".join(m.get("text") or "" for m in bot.say("rest-walk-2", "no, none of these"))
    assert "usually settles on its own" in answer  # the reassurance, with aftercare and net
    assert ticket_of(bot, "rest-walk-2") is None
    assert bot.first_status(calm_tid, "answered", within=5)


def test_all_fine_gets_the_aftercare_reminder_without_a_ticket(bot):
    tid = bot.register("rest-walk-3", "rest")
    bot.first_status(tid, "sent")
    answer = "\n\n".join(m.get("text") or "" for m in bot.say("rest-walk-3", "All fine"))
    assert faq_text("aftercare").split("\n\n")[0] in answer
    assert ticket_of(bot, "rest-walk-3") is None
    assert bot.first_status(tid, "answered", within=5)


# ------------------------------------------------------------ the messaging channels


def calls_to(providers, provider, address):
    out = []
    for c in providers.of(provider):
        if provider == "telegram" and str((c.json or {}).get("chat_id")) == address:
            out.append(c)
        elif provider == "twilio" and c.form.get("To") == f"whatsapp:+{address}":
            out.append(c)
        elif provider == "whatsapp" and (c.json or {}).get("to") == address:
            out.append(c)
    return out


def test_telegram_check_in_with_buttons_then_a_red_flag_reply(bot, providers):
    tid = bot.register("5150001", "telegram")
    bot.first_status(tid, "sent")
    (call,) = calls_to(providers, "telegram", "5150001")
    assert call.json["text"] == checkin_text()
    assert "All fine" in json.dumps(call.json.get("reply_markup"))
    assert bot.webhook("telegram", "5150001", EMERGENCY, 51501) == 200
    assert any(
        advice_start() in (c.json.get("text") or "")
        for c in calls_to(providers, "telegram", "5150001")
    )
    assert ticket_of(bot, "tg-5150001")["priority"] == "emergency"
    bot.first_status(tid, "answered", within=5)


def test_telegram_stop_cancels_the_rest_and_says_so(bot, providers):
    tid = bot.register("5150002", "telegram")
    bot.first_status(tid, "sent")
    assert bot.webhook("telegram", "5150002", "stop", 51502) == 200
    texts = [c.json.get("text") or "" for c in calls_to(providers, "telegram", "5150002")]
    assert any("stopped the aftercare check-ins" in t for t in texts)
    _, body = bot.api("GET", f"/treatments/{tid}")
    assert [c["status"] for c in body["checkins"]][1:] == ["cancelled"] * 3


def test_whatsapp_cloud_closed_window_uses_the_template_then_a_red_flag_reply(bot, providers):
    tid = bot.register("447100020001", "whatsapp_cloud")  # never wrote: the window is closed
    bot.first_status(tid, "sent")
    (call,) = calls_to(providers, "whatsapp", "447100020001")
    assert call.json["type"] == "template"
    assert call.json["template"]["name"] == "aftercare_checkin"
    assert checkin_text()[:40] in json.dumps(call.json["template"])
    assert bot.webhook("whatsapp", "447100020001", EMERGENCY, 52501) == 200
    assert ticket_of(bot, "wa-447100020001")["priority"] == "emergency"
    bot.first_status(tid, "answered", within=5)


def test_whatsapp_cloud_open_window_sends_free_text_with_reply_buttons(bot, providers):
    assert bot.webhook("whatsapp", "447100020002", "hello", 52502) == 200  # opens the window
    tid = bot.register("447100020002", "whatsapp_cloud")
    bot.first_status(tid, "sent")
    last = calls_to(providers, "whatsapp", "447100020002")[-1]
    assert last.json["type"] == "interactive"
    assert "All fine" in json.dumps(last.json["interactive"])


def test_twilio_closed_window_without_template_fails_visibly_then_staff_resend(bot, providers):
    tid = bot.register("447000030001", "twilio_whatsapp")
    failed = bot.first_status(tid, "failed")
    assert failed["reason"].startswith("could not be delivered")
    assert "TWILIO_TEMPLATE_CONTENT_SID" in failed["reason"]
    assert calls_to(providers, "twilio", "447000030001") == []
    # the patient writes (the window opens); staff send the check-in again
    assert bot.webhook("twilio_whatsapp", "447000030001", "hello", 53501) == 200
    from bot import checkins

    db = checkins.open_db(bot.data_dir / "clinic.db")
    (treatment,) = checkins.treatments_for("tw-447000030001", db=db)
    assert checkins.retry_failed(treatment["checkins"][0]["id"], "ana", db=db)
    bot.first_status(tid, "sent")
    assert any(
        checkin_text()[:40] in (c.form.get("Body") or "")
        for c in calls_to(providers, "twilio", "447000030001")
    )
    assert bot.webhook("twilio_whatsapp", "447000030001", EMERGENCY, 53502) == 200
    assert ticket_of(bot, "tw-447000030001")["priority"] == "emergency"
    bot.first_status(tid, "answered", within=5)


def test_widget_check_in_waits_in_the_history_then_a_red_flag_reply(bot):
    from tests.e2e.test_disclaimer_channels import widget

    _, session = widget(bot, None, "hello")  # the patient's widget session, then they leave
    cid = "web-" + session.split(".")[0]
    tid = bot.register(cid, "socketio")
    bot.first_status(tid, "sent")
    history = requests.get(
        f"http://127.0.0.1:{bot.ports['WIDGET_PORT']}/api/history",
        params={"session_id": session},
        timeout=30,
    ).json()["messages"]
    (shown,) = [m for m in history if m["text"] == checkin_text()]
    assert [b["title"] for b in shown["buttons"]][0] == "All fine"
    replies, _ = widget(bot, session, EMERGENCY)  # back, answering with a red flag
    assert any(advice_start() in r for r in replies)
    assert ticket_of(bot, cid)["priority"] == "emergency"
    bot.first_status(tid, "answered", within=5)


def test_the_day_since_treatment_decides_still_swollen(bot):
    """CLINICAL.md: swelling is expected in the first days, routine after about a week."""
    week = bot.register("rest-walk-8", "rest", hours_ago=24 * 8)  # the 7-day one goes at once
    day = bot.register("rest-walk-9", "rest")
    _, body = bot.api("GET", f"/treatments/{week}")
    assert body["checkins"][0]["kind"] == "checkin_7d"
    bot.first_status(week, "sent")
    bot.first_status(day, "sent")
    answer = "\n\n".join(m.get("text") or "" for m in bot.say("rest-walk-8", "still a bit swollen"))
    assert knowledge.reply("utter_triage_routine")[0]["text"].split("\n\n")[0][:60] in answer
    assert ticket_of(bot, "rest-walk-8")["priority"] == "routine"
    answer = "\n\n".join(m.get("text") or "" for m in bot.say("rest-walk-9", "still a bit swollen"))
    assert knowledge.reply("utter_ask_rf_check")[0]["text"].split(".")[0] in answer
    assert ticket_of(bot, "rest-walk-9") is None
