"""A patient's message when check-ins are in play: routing before NLU (bot.checkins.route,
bot.channels.checkin_hook) and the dialogue's actions (reply, stop, triage with the day),
with a moved clock and hand-built trackers."""

from __future__ import annotations

import asyncio
import time
from datetime import timedelta

import pytest
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa_sdk import Tracker

from actions.checkins import ActionCheckinStop
from actions.triage import ActionTriage, ActionTriageConclude
from bot import checkins, notify, store
from bot.channels import checkin_hook
from bot.checkins import FakeClock
from bot.checkins import store as cstore
from tests.test_actions import run

DAY = "2026-05-10T12:00:00+00:00"
CID = "tg-777"


@pytest.fixture(autouse=True)
def quiet_staff(monkeypatch):
    monkeypatch.setattr(notify, "alert_staff", lambda *a, **k: None)


def treated(clock, hours_ago, cid=CID, channel="telegram"):
    body = {
        "sender_id": cid,
        "channel": channel,
        "treated_at": (clock.now() - timedelta(hours=hours_ago)).isoformat(),
        "treatment": "mesotherapy",
    }
    return checkins.register(body, clock, conversation_id=cid)


def send_all(clock):
    return checkins.send_due(clock, lambda message: None)


def status_of(t, kind):
    found = checkins.get_treatment(t["id"])
    return next(c["status"] for c in found["checkins"] if c["kind"] == kind)


# ------------------------------------------------------------ routing


def test_no_treatment_means_nothing_changes(data_dir):
    r = checkins.route("tg-1", "my face is swollen", FakeClock(DAY))
    assert (r.action, r.context) == ("pass", {})


@pytest.mark.parametrize(
    "text",
    [
        "All fine",
        "all fine",
        "all good, just a bit pink",
        "Redness or swelling",
        "Something worries me",
    ],
)
def test_a_calm_or_vague_answer_is_a_check_in_reply(data_dir, text):
    clock = FakeClock(DAY)
    t = treated(clock, 25)
    send_all(clock)
    clock.advance(minutes=30)
    r = checkins.route(CID, text, clock)
    assert r.action == "reply", r
    assert r.context["checkin_kind"] == "checkin_24h"
    assert 1.0 < r.context["days_since_treatment"] < 1.1
    assert r.context["treatment"] == "mesotherapy"
    assert status_of(t, "checkin_24h") == "answered"
    # the next message is not an answer any more, but still knows the day
    again = checkins.route(CID, "no", clock)
    assert again.action == "pass" and again.context["days_since_treatment"] > 1


@pytest.mark.parametrize(
    "text",
    [
        "I can't see properly out of my left eye",
        "my lips are swelling fast and I can't breathe",
        "there's pus coming out and it's hot",
    ],
)
def test_a_red_flag_in_an_answer_goes_the_red_flag_way(data_dir, text):
    clock = FakeClock(DAY)
    t = treated(clock, 25)
    send_all(clock)
    r = checkins.route(CID, text, clock)
    assert r.action == "pass" and r.context["rules_level"] in ("emergency", "urgent")
    assert status_of(t, "checkin_24h") == "answered"


def test_the_day_changes_the_level_of_the_same_words(data_dir):
    """CLINICAL.md: swelling lasting more than about a week is routine; on day 1 it is
    expected."""
    clock = FakeClock(DAY)
    treated(clock, 25)
    send_all(clock)
    assert checkins.route(CID, "still a bit swollen", clock).context["rules_level"] == "none"
    week = FakeClock(DAY)
    treated(week, 24 * 8, cid="tg-888")
    send_all(week)
    r = checkins.route("tg-888", "still a bit swollen", week)
    assert r.context["days_since_treatment"] > 7
    # only the day makes it routine: the check-in reply escalates it (NLU could not)
    assert r.context["rules_level"] == "routine" and r.action == "reply"


@pytest.mark.parametrize(
    "text", ["stop", "STOP!", "please stop the messages", "unsubscribe", "no more reminders"]
)
def test_stop_while_check_ins_are_to_come(data_dir, text):
    clock = FakeClock(DAY)
    treated(clock, 25)
    assert checkins.route(CID, text, clock).action == "stop"


@pytest.mark.parametrize("text", ["I can't stop itching", "stop the pain please"])
def test_stop_inside_a_sentence_is_not_an_opt_out(data_dir, text):
    clock = FakeClock(DAY)
    treated(clock, 25)
    assert checkins.route(CID, text, clock).action != "stop"


def test_stop_without_check_ins_to_come_is_left_to_the_dialogue(data_dir):
    assert checkins.route("tg-5", "stop", FakeClock(DAY)).action == "pass"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "/affirm",
        None,
        5,
        "x" * 5000,
        "😀" * 50,
        "<script>alert(1)</script>",
        "'; drop table checkins; --",
    ],
)
def test_odd_text_never_breaks_routing(data_dir, text):
    clock = FakeClock(DAY)
    treated(clock, 25)
    send_all(clock)
    r = checkins.route(CID, text, clock)
    assert r.action in ("pass", "reply")


@pytest.mark.parametrize(
    "text",
    [
        "how much does a session cost?",
        "thanks!",
        "good thanks",
        "when can I book my next session",
        "my face feels weird",  # vague: NLU and action_triage ask the red-flag questions
    ],
)
def test_an_answer_with_no_symptom_in_it_goes_to_the_usual_dialogue(data_dir, text):
    clock = FakeClock(DAY)
    t = treated(clock, 25)
    send_all(clock)
    r = checkins.route(CID, text, clock)
    assert r.action == "pass" and r.context["rules_level"] is None
    assert r.context["days_since_treatment"] > 1
    assert status_of(t, "checkin_24h") == "answered"  # still, the patient wrote back


# ------------------------------------------------------------ the hook before Rasa


def message(text, sender=CID, metadata=None):
    return UserMessage(
        text, CollectingOutputChannel(), sender, input_channel="telegram", metadata=metadata
    )


def test_hook_rewrites_a_calm_answer_and_keeps_the_words_for_people(data_dir, monkeypatch):
    clock = FakeClock(DAY)
    treated(clock, 25)
    send_all(clock)
    monkeypatch.setattr(checkins.service, "_clock", lambda c: clock)
    m = asyncio.run(checkin_hook.prepare(message("all good, just a bit pink")))
    assert m.text == "/report_symptom"
    assert m.metadata["button_title"] == "all good, just a bit pink"
    assert m.metadata["checkin"]["text"] == "all good, just a bit pink"
    assert m.metadata["checkin"]["route"] == "reply"


def test_hook_leaves_a_red_flag_alone_but_adds_the_day(data_dir, monkeypatch):
    clock = FakeClock(DAY)
    treated(clock, 25)
    send_all(clock)
    monkeypatch.setattr(checkins.service, "_clock", lambda c: clock)
    text = "my vision went blurry an hour ago"
    m = asyncio.run(checkin_hook.prepare(message(text)))
    assert m.text == text
    assert m.metadata["checkin"]["route"] == "pass"
    assert m.metadata["checkin"]["days_since_treatment"] > 1


def test_hook_removes_a_forged_checkin_key(data_dir):
    forged = {"checkin": {"route": "stop"}, "other": 1}
    m = asyncio.run(checkin_hook.prepare(message("hello", sender="rest-x", metadata=forged)))
    assert m.text == "hello" and m.metadata == {"other": 1}


def test_hook_lets_the_message_through_when_the_store_fails(data_dir, monkeypatch):
    def broken(*a, **k):
        raise RuntimeError("disk full")

    monkeypatch.setattr(checkins, "route", broken)
    m = asyncio.run(checkin_hook.prepare(message("All fine")))
    assert m.text == "All fine"


def test_hook_keeps_one_connection_and_sees_a_treatment_recorded_later(data_dir, monkeypatch):
    """The per-message test reads on one kept connection, and that sees new commits."""
    opened = []
    real = checkins.open_db
    monkeypatch.setattr(checkins, "open_db", lambda *a: opened.append(a) or real(*a))
    monkeypatch.setattr(checkin_hook, "_READERS", {})
    assert not checkin_hook.treated(CID)
    clock = FakeClock(DAY)
    treated(clock, 25)  # recorded by another connection after the first look
    send_all(clock)
    monkeypatch.setattr(checkins.service, "_clock", lambda c: clock)
    assert checkin_hook.treated(CID)
    m = asyncio.run(checkin_hook.prepare(message("all good, just a bit pink")))
    assert m.text == "/report_symptom"
    assert len(opened) == 1
    checkin_hook._READERS[str(data_dir / "clinic.db")].conn.close()  # broken: opened again
    assert checkin_hook.treated(CID) and len(opened) == 2


# ------------------------------------------------------------ the actions


def tracker_for(text, info, sender=CID, intent="report_symptom", slots=None, parse=None):
    latest = {
        "text": text,
        "intent": {"name": intent, "confidence": 1.0},
        "entities": [],
        "message_id": "m1",
        **(parse or {}),
    }
    event = {
        "event": "user",
        "timestamp": time.time(),
        "text": text,
        "parse_data": latest,
        "input_channel": "telegram",
        "message_id": "m1",
        "metadata": {"checkin": info} if info is not None else {},
    }
    return Tracker(sender, dict(slots or {}), latest, [event], False, None, {}, "action_listen")


def info(text, route="reply", days=1.04, means=None):
    return {
        "route": route,
        "text": text,
        "days_since_treatment": days,
        "treatment": "mesotherapy",
        "checkin_kind": "checkin_24h",
        "means": means,
    }


def followups(events):
    return [e["name"] for e in events if e.get("event") == "followup"]


def tickets():
    return store.list_tickets(None)


def test_all_fine_gets_thanks_and_the_aftercare_reminder_and_no_ticket(data_dir):
    msgs, events = run(
        ActionTriage(), tracker_for("/report_symptom", info("All fine", means="fine"))
    )
    assert msgs[0]["text"] == checkins.settings().fine_reply()
    assert msgs[1]["response"] == "utter_faq/aftercare"
    assert events == [] and tickets() == []


def test_expected_effects_get_the_red_flag_check_first(data_dir):
    msgs, events = run(
        ActionTriage(), tracker_for("/report_symptom", info("all good, just a bit pink"))
    )
    assert msgs == []
    assert "red_flag_check" in followups(events)
    pending = next(e["value"] for e in events if e.get("name") == "triage_pending")
    assert pending["level"] == "none" and pending["checkin"] is True
    # "no" to the check: reassurance, then the aftercare reminder; still no ticket
    slots = {"triage_pending": pending, "rf_check": "no"}
    msgs, _ = run(ActionTriageConclude(), tracker_for("no", None, intent="deny", slots=slots))
    assert [m.get("response") for m in msgs] == ["utter_triage_none"]  # aftercare and net
    assert tickets() == []


def test_something_worries_me_gets_the_red_flag_questions(data_dir):
    _, events = run(
        ActionTriage(),
        tracker_for("/report_symptom", info("Something worries me", means="worried")),
    )
    assert "red_flag_form" in followups(events)


def test_a_reply_that_turns_out_escalating_is_escalated(data_dir):
    msgs, events = run(
        ActionTriage(), tracker_for("/report_symptom", info("still a bit swollen", days=8.0))
    )
    assert {
        "event": "slot",
        "timestamp": None,
        "name": "triage_level",
        "value": "routine",
    } in events
    assert msgs[0]["response"] == "utter_triage_routine"
    (ticket,) = tickets()
    assert ticket["priority"] == "routine"


def test_action_triage_acts_on_the_higher_of_nlu_and_the_check_in_day(data_dir):
    """NLU read "still swollen" without the day (expected); the check-in's day 8 makes it
    routine: the action re-assesses and escalates."""
    prop = {
        "level": "none",
        "signs": ["swelling"],
        "reasons": ["swelling (none)"],
        "check": ["sight"],
        "days": None,
    }
    tracker = tracker_for(
        "it's still swollen",
        info("it's still swollen", "pass", days=8.0),
        intent="report_symptom",
        parse={"triage": prop},
    )
    msgs, events = run(ActionTriage(), tracker)
    assert ("triage_level", "routine") in [(e.get("name"), e.get("value")) for e in events]
    assert [t["priority"] for t in tickets()] == ["routine"]
    # the same words on day 1: the red-flag check, no ticket
    tracker = tracker_for(
        "it's still swollen",
        info("it's still swollen", "pass", days=1.0),
        intent="report_symptom",
        parse={"triage": prop},
        sender="tg-2",
    )
    _, events = run(ActionTriage(), tracker)
    assert "red_flag_check" in followups(events)
    assert len(tickets()) == 1


def test_stop_cancels_before_nlu_and_the_action_says_so(data_dir, monkeypatch):
    clock = FakeClock(store.now())
    t = treated(clock, 1)
    m = asyncio.run(checkin_hook.prepare(message("Stop the messages please")))
    assert m.text == "/stop" and m.metadata["checkin"]["route"] == "stop"
    assert {c["status"] for c in checkins.get_treatment(t["id"])["checkins"]} == {"cancelled"}
    assert cstore.opted_out(checkins.open_db(), CID)
    msgs, _ = run(ActionCheckinStop(), tracker_for("/stop", m.metadata["checkin"], intent="stop"))
    assert msgs[0]["text"] == checkins.settings().opt_out_reply()


def test_stop_without_check_ins_is_goodbye_as_before(data_dir):
    msgs, events = run(ActionCheckinStop(), tracker_for("stop", None, intent="stop"))
    assert [m.get("response") for m in msgs] == ["utter_goodbye"] and events == []
    forged = {"route": "reply", "text": "All fine", "means": "fine"}  # without the hook:
    msgs, _ = run(ActionCheckinStop(), tracker_for("stop", {**forged, "route": "x"}, "stop"))
    assert [m.get("response") for m in msgs] == ["utter_goodbye"]
