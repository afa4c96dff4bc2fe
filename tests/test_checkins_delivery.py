"""The worker's check-in step: due check-ins go into the patient's conversation through
Rasa's HTTP API (a fake over Rasa's real tracker store), on the patient's channel, once,
outside quiet hours, with WhatsApp's window and template rule. The clock is moved, never
slept on."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import timedelta

import pytest

from bot import checkin_delivery, checkins, store
from bot.checkins import FakeClock
from bot.checkins import store as cstore
from tests.fakes.trackers import TrackerWriter, rasa_api

DAY = "2026-05-10T12:00:00+00:00"  # 13:00 in London: outside quiet hours
NIGHT = "2026-05-10T22:00:00+00:00"  # 23:00 in London
SENDERS = {
    "rest": "rest-p1",
    "socketio": "web-abc",
    "telegram": "4242",
    "twilio_whatsapp": "+447700900123",
    "whatsapp_cloud": "447700900124",
}
CONVERSATIONS = {
    "rest": "rest-p1",
    "socketio": "web-abc",
    "telegram": "tg-4242",
    "twilio_whatsapp": "tw-447700900123",
    "whatsapp_cloud": "wa-447700900124",
}


@pytest.fixture
def rasa(data_dir, http_server, monkeypatch):
    writer = TrackerWriter(data_dir)
    server = http_server(rasa_api(writer))
    monkeypatch.setenv("RASA_PORT", str(server.port))
    monkeypatch.setenv("RASA_AUTH_TOKEN", "t")
    for name in ("WHATSAPP_TEMPLATE_NAME", "TWILIO_TEMPLATE_CONTENT_SID"):
        monkeypatch.setenv(name, "")
    server.writer = writer
    return server


def register(channel, clock, hours_ago=25):
    treated = clock.now() - timedelta(hours=hours_ago)
    body = {
        "sender_id": SENDERS[channel],
        "channel": channel,
        "treated_at": treated.isoformat(),
        "treatment": "mesotherapy",
    }
    return checkins.register(body, clock, conversation_id=CONVERSATIONS[channel])


def statuses(treatment):
    return [c["status"] for c in checkins.get_treatment(treatment["id"])["checkins"]]


def checkin_events(writer, conversation_id):
    return [
        e
        for e in writer.events(conversation_id)
        if e.get("event") == "bot" and (e.get("metadata") or {}).get("checkin")
    ]


def posts(server):
    return [r for r in server.requests if r.method == "POST"]


# ------------------------------------------------------------ REST: into the transcript


def test_a_due_check_in_lands_in_the_conversation_with_its_quick_replies(rasa):
    clock = FakeClock(DAY)
    t = register("rest", clock)
    results = checkin_delivery.send_due(clock)
    assert [(r.kind, r.status) for r in results] == [("checkin_24h", "sent")]
    (event,) = checkin_events(rasa.writer, "rest-p1")
    assert event["text"] == checkins.settings().message("checkin_24h")
    assert [b["title"] for b in event["data"]["buttons"]] == [
        q.title for q in checkins.settings().checkin("checkin_24h").quick_replies
    ]
    (req,) = posts(rasa)
    assert req.query["execute_side_effects"] == ["true"]
    assert req.query["output_channel"] == ["rest"]
    view = checkins.contract_view(checkins.get_treatment(t["id"]))
    assert view["checkins"][0]["status"] == "sent"
    assert view["checkins"][0]["sent_at"] == DAY
    # nothing else is due: a second round sends nothing
    assert checkin_delivery.send_due(clock) == []
    clock.advance(hours=47)
    assert [r.kind for r in checkin_delivery.send_due(clock)] == ["checkin_72h"]
    assert len(checkin_events(rasa.writer, "rest-p1")) == 2


# ------------------------------------------------------------ each channel's Rasa name


@pytest.mark.parametrize("channel", sorted(SENDERS))
def test_each_channel_goes_out_on_its_own_rasa_channel(rasa, channel):
    clock = FakeClock(DAY)
    if "whatsapp" in channel:
        store.touch_contact(CONVERSATIONS[channel], channel)  # wrote within 24 hours
    t = register(channel, clock)
    clock.advance(minutes=1)
    results = checkin_delivery.send_due(clock)
    assert [r.status for r in results] == ["sent"], results
    (req,) = posts(rasa)
    assert req.path == f"/conversations/{CONVERSATIONS[channel]}/tracker/events"
    assert req.query["output_channel"] == [checkin_delivery.RASA_CHANNELS[channel]]
    assert statuses(t)[0] == "sent"


# ------------------------------------------------------------ WhatsApp's 24-hour window


@pytest.mark.parametrize("channel", ["twilio_whatsapp", "whatsapp_cloud"])
def test_whatsapp_window_closed_without_a_template_fails_visibly(rasa, channel):
    clock = FakeClock(DAY)
    t = register(channel, clock)  # the patient never wrote: the window is closed
    (result,) = checkin_delivery.send_due(clock)
    assert result.status == "failed"
    assert result.reason.startswith("could not be delivered")
    assert checkin_delivery.template_setting(channel) in result.reason
    assert posts(rasa) == []  # nothing was handed to Rasa
    view = checkins.contract_view(checkins.get_treatment(t["id"]))["checkins"][0]
    assert view["status"] == "failed" and "could not be delivered" in view["reason"]
    # and it is not tried again on its own
    clock.advance(hours=1)
    assert checkin_delivery.send_due(clock) == []


@pytest.mark.parametrize("channel", ["twilio_whatsapp", "whatsapp_cloud"])
def test_whatsapp_window_closed_with_a_template_goes_to_the_channel(rasa, monkeypatch, channel):
    monkeypatch.setenv(checkin_delivery.template_setting(channel), "aftercare_checkin")
    clock = FakeClock(DAY)
    t = register(channel, clock)
    (result,) = checkin_delivery.send_due(clock)
    assert result.status == "sent"
    assert len(posts(rasa)) == 1  # the channel itself swaps in the template (its own tests)
    assert statuses(t)[0] == "sent"


def test_whatsapp_window_is_read_at_the_moved_clock(data_dir):
    store.touch_contact("tw-1234567", "twilio_whatsapp")
    now = FakeClock(store.now())
    assert checkin_delivery.window_open("tw-1234567", now.now())
    assert not checkin_delivery.window_open("tw-1234567", now.advance(hours=25))
    assert not checkin_delivery.window_open("tw-unknown", now.now())


# ------------------------------------------------------------ quiet hours


def test_quiet_hours_hold_a_check_in_until_morning_except_for_rest(rasa):
    clock = FakeClock(NIGHT)
    tg = register("telegram", clock)
    rest = register("rest", clock)
    results = checkin_delivery.send_due(clock)
    assert [(r.conversation_id, r.status) for r in results] == [("rest-p1", "sent")]
    assert statuses(tg)[0] == "scheduled"
    clock.advance(hours=9, minutes=30)  # 08:30 London: still night
    assert checkin_delivery.send_due(clock) == []
    clock.advance(minutes=31)  # 09:01
    assert [r.conversation_id for r in checkin_delivery.send_due(clock)] == ["tg-4242"]
    assert statuses(tg)[0] == "sent" and statuses(rest)[0] == "sent"


# ------------------------------------------------------------ Rasa down, Rasa refusing


def test_rasa_unreachable_keeps_the_check_in_for_later(rasa, monkeypatch, free_port):
    clock = FakeClock(DAY)
    t = register("rest", clock)
    monkeypatch.setenv("RASA_PORT", str(free_port()))  # nobody listens there
    (result,) = checkin_delivery.send_due(clock)
    assert result.status == "scheduled"
    assert statuses(t)[0] == "scheduled"
    assert checkin_delivery.send_due(clock) == []  # waits retry_after_seconds
    monkeypatch.setenv("RASA_PORT", str(rasa.port))
    clock.advance(seconds=checkins.settings().spec.sending.retry_after_seconds + 1)
    assert [r.status for r in checkin_delivery.send_due(clock)] == ["sent"]
    assert len(checkin_events(rasa.writer, "rest-p1")) == 1


def test_a_channel_refusal_through_rasa_fails_with_the_reason(rasa):
    clock = FakeClock(DAY)
    t = register("telegram", clock)
    rasa.reply(500, {"message": "Telegram answered 403: bot was blocked by the user"})
    (result,) = checkin_delivery.send_due(clock)
    assert result.status == "failed"
    assert "blocked by the user" in result.reason
    assert statuses(t)[0] == "failed"


def test_rasa_busy_is_tried_again(rasa):
    clock = FakeClock(DAY)
    t = register("rest", clock)
    rasa.reply(409, {"message": "busy"})
    assert [r.status for r in checkin_delivery.send_due(clock)] == ["scheduled"]
    clock.advance(minutes=10)
    assert [r.status for r in checkin_delivery.send_due(clock)] == ["sent"]
    assert statuses(t)[0] == "sent"


# ------------------------------------------------------------ two workers, a restart


def test_two_workers_at_once_send_each_check_in_once(rasa):
    clock = FakeClock(DAY)
    for i in range(12):
        body = {
            "sender_id": f"pat-{i}",
            "channel": "rest",
            "treated_at": (clock.now() - timedelta(hours=25)).isoformat(),
            "treatment": "mesotherapy",
        }
        checkins.register(body, clock)
    results: list = []
    barrier = threading.Barrier(2)

    def work():
        db = checkins.open_db()
        try:
            barrier.wait()
            results.extend(checkin_delivery.send_due(clock, db=db))
        finally:
            db.conn.close()

    threads = [threading.Thread(target=work) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert Counter(r.status for r in results) == {"sent": 12}
    per_conversation = Counter(p.path for p in posts(rasa))
    assert len(per_conversation) == 12 and set(per_conversation.values()) == {1}
    for i in range(12):
        assert len(checkin_events(rasa.writer, f"pat-{i}")) == 1


def test_a_worker_that_died_while_sending_is_not_followed_by_a_second_send(rasa):
    clock = FakeClock(DAY)
    t = register("rest", clock)
    db = checkins.open_db()
    (row,) = cstore.due_checkins(db, clock.now())
    assert cstore.claim(db, row["id"], clock.now(), "dead-worker", 300)  # then it died
    db.conn.close()
    assert checkin_delivery.send_due(clock) == []  # a live claim: left alone
    clock.advance(seconds=301)
    assert checkin_delivery.send_due(clock) == []
    assert statuses(t)[0] == "failed"  # may have arrived: never sent twice
    assert posts(rasa) == []


def test_restart_between_check_ins_continues_the_schedule(rasa):
    clock = FakeClock(DAY)
    t = register("rest", clock)
    assert [r.kind for r in checkin_delivery.send_due(clock)] == ["checkin_24h"]
    checkins.reload()  # a new process: settings and connections read afresh
    clock.advance(hours=48)
    assert [r.kind for r in checkin_delivery.send_due(clock)] == ["checkin_72h"]
    clock.advance(days=20)
    kinds = [r.kind for r in checkin_delivery.send_due(clock)]
    assert kinds == ["next_session"]  # the 7-day one was missed: superseded, not sent late
    assert statuses(t) == ["sent", "sent", "cancelled", "sent"]
    assert len(checkin_events(rasa.writer, "rest-p1")) == 3


def test_a_widget_check_in_waits_in_the_history_for_when_the_patient_comes_back(rasa):
    from bot import rasa_gateway

    clock = FakeClock(DAY)
    register("socketio", clock)
    assert [r.status for r in checkin_delivery.send_due(clock)] == ["sent"]
    history = rasa_gateway.widget_history(rasa.writer.events("web-abc"))
    (shown,) = [h for h in history if h["from"] == "bot"]
    assert shown["text"] == checkins.settings().message("checkin_24h")
    assert [b["title"] for b in shown["buttons"]] == [
        "All fine",
        "Redness or swelling",
        "Something worries me",
    ]
