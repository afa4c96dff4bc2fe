"""The rasa-sdk actions, run directly with hand-built trackers.

Each test builds a ``rasa_sdk.Tracker`` the way the Rasa server sends it
(sender, slots, latest message with intent/entities/response_selector and our
own parse properties, events, active loop) and checks the replies and events.
Databases are temporary (``BOT_DATA_DIR`` points at ``tmp_path``).
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import common
from actions.faq import ActionAnswerFaq, ActionFallback
from bot import knowledge, notify, store


@pytest.fixture(autouse=True)
def isolated(data_dir, monkeypatch) -> Path:
    """A temporary BOT_DATA_DIR (``data_dir`` from conftest.py), staff alerts off."""
    monkeypatch.setattr(notify, "alert_staff", lambda *a, **k: None)
    return data_dir


# ----------------------------------------------------------------- helpers


def selector(key: str | None, ranking: Sequence = ()) -> dict[str, Any]:
    """A ``response_selector`` block as Rasa 3.6 writes it."""
    return {
        "all_retrieval_intents": ["faq"],
        "faq": {
            "response": {
                "intent_response_key": f"faq/{key}" if key else None,
                "utter_action": f"utter_faq/{key}",
                "confidence": 0.9,
                "responses": [{"text": "..."}],
            },
            "ranking": [{"intent_response_key": f"faq/{k}", "confidence": c} for k, c in ranking],
        },
    }


def make_tracker(
    text: str = "",
    intent: str | None = None,
    entities: Sequence = (),
    slots: dict[str, Any] | None = None,
    events: list | None = None,
    active_loop: str | None = None,
    sender: str = "patient-1",
    channel: str = "telegram",
    message_id: str | None = "mid-1",
    latest_action_name: str = "action_listen",
    **parse: Any,
) -> Tracker:
    """A tracker whose latest message is ``text``; ``parse`` adds parse properties."""
    latest = {
        "text": text,
        "intent": {"name": intent, "confidence": 0.95} if intent else {},
        "entities": [dict(e) for e in entities],
        "message_id": message_id,
        **parse,
    }
    user_event = {
        "event": "user",
        "timestamp": time.time(),
        "text": text,
        "parse_data": latest,
        "input_channel": channel,
        "message_id": message_id,
    }
    events = [user_event] if events is None else events
    return Tracker(
        sender,
        dict(slots or {}),
        latest,
        events,
        False,
        None,
        {"name": active_loop} if active_loop else {},
        latest_action_name,
    )


def run(action, tracker: Tracker, domain: dict[str, Any] | None = None):
    """Run an action (sync or async ``run``); returns (messages, events)."""
    dispatcher = CollectingDispatcher()
    result = action.run(dispatcher, tracker, domain or {})
    if asyncio.iscoroutine(result):
        result = asyncio.run(result)
    return dispatcher.messages, result


def responses(messages) -> list[str]:
    return [m.get("response") for m in messages]


def slot_events(events) -> dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def faq_payload(key: str) -> str:
    return "/faq" + json.dumps({"faq_topic": key})


# ----------------------------------------------------------------- common


def test_common_helpers_on_empty_tracker():
    t = Tracker("s", {}, {}, [], False, None, {}, None)
    assert common.channel_of(t) == "unknown"
    assert common.latest_text(t) == ""
    assert common.latest_intent(t) is None
    assert common.latest_message_id(t) is None
    assert common.entity_values(t, "red_flag") == []
    assert common.parse_property(t, "triage") == {}


def test_common_helpers():
    t = make_tracker(
        "eye blurry",
        "report_emergency",
        entities=[
            {"entity": "red_flag", "value": "vision_change"},
            {"entity": "faq_topic", "value": "pain"},
            {"entity": "red_flag", "value": None},
        ],
        triage={"level": "emergency"},
    )
    assert common.channel_of(t) == "telegram"
    assert common.latest_intent(t) == "report_emergency"
    assert common.latest_message_id(t) == "mid-1"
    assert common.entity_values(t, "red_flag") == ["vision_change"]
    assert common.parse_property(t, "triage") == {"level": "emergency"}


# ----------------------------------------------------------------- FAQ


def answer_buttons(key: str) -> list[dict[str, str]]:
    """The buttons the FAQ response itself carries (built from knowledge/)."""
    return knowledge.responses()[f"utter_faq/{key}"][0]["buttons"]


def test_answer_faq_uses_the_selected_key():
    msgs, events = run(
        ActionAnswerFaq(),
        make_tracker(
            "does it hurt",
            "faq",
            response_selector=selector("pain", [("pain", 0.9)]),
            faq_gate={"status": "ok", "candidates": ["pain"]},
        ),
    )
    assert events == []
    assert responses(msgs) == ["utter_faq/pain"]
    assert msgs[0]["buttons"] == []  # the response has them: given here they would double
    related = knowledge.faq_entry("pain")["related"]
    assert [b["payload"] for b in answer_buttons("pain")] == [faq_payload(k) for k in related][:3]
    assert [b["title"] for b in answer_buttons("pain")] == [
        knowledge.faq_entry(k)["title"] for k in related
    ][:3]


def test_button_payload_topic_wins_over_the_selector():
    msgs, _ = run(
        ActionAnswerFaq(),
        make_tracker(
            faq_payload("cost"),
            "faq",
            entities=[{"entity": "faq_topic", "value": "cost"}],
            response_selector=selector("pain", [("pain", 0.9)]),
        ),
    )
    assert responses(msgs) == ["utter_faq/cost"]


def test_unknown_topic_entity_is_ignored():
    msgs, _ = run(
        ActionAnswerFaq(),
        make_tracker(
            "/faq",
            "faq",
            entities=[{"entity": "faq_topic", "value": "<script>"}],
            response_selector=selector("downtime"),
        ),
    )
    assert responses(msgs) == ["utter_faq/downtime"]


def test_button_topic_wins_over_a_tie():
    msgs, _ = run(
        ActionAnswerFaq(),
        make_tracker(
            faq_payload("pain"),
            "faq",
            entities=[{"entity": "faq_topic", "value": "pain"}],
            faq_gate={"status": "tie", "candidates": ["cost", "types"]},
        ),
    )
    assert responses(msgs) == ["utter_faq/pain"]


def test_tie_asks_did_you_mean_with_two_buttons_and_something_else():
    msgs, events = run(
        ActionAnswerFaq(),
        make_tracker(
            "how long",
            "faq",
            response_selector=selector(
                "session_length", [("session_length", 0.5), ("results_duration", 0.45)]
            ),
            faq_gate={"status": "tie", "candidates": ["session_length", "results_duration"]},
        ),
    )
    assert events == []
    assert responses(msgs) == ["utter_did_you_mean_intro"]
    buttons = msgs[0]["buttons"]
    assert [b["payload"] for b in buttons] == [
        faq_payload("session_length"),
        faq_payload("results_duration"),
        "/deny",
    ]
    assert buttons[0]["title"] == knowledge.faq_entry("session_length")["title"]
    assert buttons[2]["title"] == "Something else"


def test_tie_with_an_unknown_candidate_drops_it():
    msgs, _ = run(
        ActionAnswerFaq(),
        make_tracker("x", "faq", faq_gate={"status": "tie", "candidates": ["pain", "nonsense"]}),
    )
    assert [b["payload"] for b in msgs[0]["buttons"]] == [faq_payload("pain"), "/deny"]


@pytest.mark.parametrize("block", [selector("no_such_key"), selector(None), {}, None])
def test_unknown_or_missing_key_gets_the_default(block):
    parse = {"response_selector": block} if block is not None else {}
    msgs, events = run(ActionAnswerFaq(), make_tracker("hmm", "faq", **parse))
    assert responses(msgs) == ["utter_default"]
    assert events == []


@pytest.mark.parametrize("key", ["candidacy", "preparation", "safety"])
def test_suitability_check_offered_where_it_fits(key):
    buttons = answer_buttons(key)
    assert buttons[0]["payload"] == "/start_prescreen"
    assert len(buttons) == 3


def test_every_faq_key_can_be_answered():
    for key in knowledge.faq_keys():
        msgs, _ = run(ActionAnswerFaq(), make_tracker("q", "faq", response_selector=selector(key)))
        assert responses(msgs) == [f"utter_faq/{key}"], key
        assert 1 <= len(answer_buttons(key)) <= 3
        assert all(b["payload"].startswith("/") for b in answer_buttons(key))


@pytest.mark.parametrize(
    "issue,reply",
    [
        ("not_latin", "utter_not_english"),
        ("empty", "utter_bad_input"),
        ("no_letters", "utter_bad_input"),
        ("too_long", "utter_bad_input"),
    ],
)
def test_fallback_names_the_odd_input(issue, reply):
    msgs, events = run(ActionFallback(), make_tracker("x", "nlu_fallback", input_issue=issue))
    assert responses(msgs) == [reply] and events == []


def test_fallback_offers_the_weak_candidates():
    msgs, _ = run(
        ActionFallback(),
        make_tracker(
            "moon", "nlu_fallback", faq_gate={"status": "low", "candidates": ["what_is", "types"]}
        ),
    )
    assert responses(msgs) == ["utter_did_you_mean_intro"]
    assert [b["payload"] for b in msgs[0]["buttons"]] == [
        faq_payload("what_is"),
        faq_payload("types"),
        "/deny",
    ]


def test_fallback_offers_likely_intents_as_buttons():
    ranking = [
        {"name": "nlu_fallback", "confidence": 0.6},
        {"name": "start_prescreen", "confidence": 0.45},
        {"name": "out_of_scope", "confidence": 0.3},
        {"name": "human_handoff", "confidence": 0.05},
    ]
    msgs, _ = run(
        ActionFallback(), make_tracker("am i ok for it", "nlu_fallback", intent_ranking=ranking)
    )
    assert responses(msgs) == ["utter_did_you_mean_intro"]
    assert [b["payload"] for b in msgs[0]["buttons"]] == ["/start_prescreen", "/deny"]


def test_a_candidacy_tie_also_offers_the_suitability_check():
    msgs, _ = run(
        ActionAnswerFaq(),
        make_tracker(
            "can i get it", "faq", faq_gate={"status": "tie", "candidates": ["candidacy", "safety"]}
        ),
    )
    payloads = [b["payload"] for b in msgs[0]["buttons"]]
    assert payloads[0] == "/start_prescreen" and payloads[-1] == "/deny"
    assert faq_payload("candidacy") in payloads


def test_fallback_default():
    msgs, _ = run(ActionFallback(), make_tracker("blah", "nlu_fallback"))
    assert responses(msgs) == ["utter_default"]


# ----------------------------------------------------------------- pre-screen
# (imported here: bot/prescreen.py belongs to another part of the project)

import yaml  # noqa: E402

from actions.prescreen import (  # noqa: E402
    ActionPrescreenCancel,
    ActionPrescreenSubmit,
    ValidatePrescreenForm,
)
from actions.privacy import ActionDeleteMyData  # noqa: E402
from bot import config, prescreen  # noqa: E402


def domain_dict() -> dict[str, Any]:
    """The project's own domain.yml, as the Rasa server sends it to actions."""
    return yaml.safe_load((config.ROOT / "domain.yml").read_text(encoding="utf-8"))


def form_tracker(
    slot: str,
    text: str,
    intent: str = "inform",
    answers: dict[str, Any] | None = None,
    failures: dict[str, int] | None = None,
    filled: dict[str, Any] | None = None,
    **parse: Any,
) -> Tracker:
    """The form asked ``slot``; the patient wrote ``text`` (from_text fills it)."""
    slots = {
        "requested_slot": slot,
        "prescreen_answers": answers,
        "prescreen_failures": failures,
        **(filled or {}),
        slot: text,
    }
    latest_event = {
        "event": "user",
        "timestamp": time.time(),
        "text": text,
        "input_channel": "rest",
        "message_id": "mid-9",
        "parse_data": {"text": text, "intent": {"name": intent}},
    }
    events = [
        {"event": "active_loop", "name": "prescreen_form"},
        {"event": "slot", "name": "requested_slot", "value": slot},
        latest_event,
        {"event": "action", "name": "action_extract_slots"},
        {"event": "slot", "name": slot, "value": text},
    ]
    return make_tracker(
        text, intent, slots=slots, events=events, active_loop="prescreen_form", **parse
    )


def validate(tracker: Tracker):
    return run(ValidatePrescreenForm(), tracker, domain_dict())


@pytest.mark.parametrize(
    "tracker",
    [
        lambda: form_tracker("age", "thirty one"),
        lambda: form_tracker("allergies", "maybe", failures={"allergies": 1}),
        lambda: form_tracker("blood_thinners", "why do you ask", "ask_why"),
        lambda: form_tracker("prescreen_consent", "no"),
    ],
)
def test_the_form_validates_the_same_with_the_domain_rasa_sends_without_responses(tracker):
    """bot.rasa_server's domain_without_responses: rasa-sdk reads slots and forms only."""
    built = yaml.safe_load((config.ROOT / "build" / "responses.yml").read_text(encoding="utf-8"))
    full = {**domain_dict(), "responses": built["responses"]}  # as the model's domain has them
    assert full["responses"]
    lean = domain_dict()  # domain.yml itself has no responses
    assert run(ValidatePrescreenForm(), tracker(), lean) == run(
        ValidatePrescreenForm(), tracker(), full
    )


def required(tracker: Tracker) -> list[str]:
    form = ValidatePrescreenForm()
    return asyncio.run(
        form.required_slots(prescreen.slots(), CollectingDispatcher(), tracker, domain_dict())
    )


def all_answers(**overrides: Any) -> dict[str, dict[str, Any]]:
    """A complete set of answers as the form stores them: all "no", age 31."""
    out = {
        "prescreen_consent": {"typed": "yes", "understood": "consented", "value": True},
        "age": {"typed": "thirty one", "understood": "31 years", "value": 31},
    }
    for slot in prescreen.slots():
        if slot not in out:
            out[slot] = {"typed": "no", "understood": "no", "value": False}
    out.update(overrides)
    return out


def test_form_slots_match_the_domain_form():
    assert domain_dict()["forms"]["prescreen_form"]["required_slots"] == prescreen.slots()


def test_age_in_words_is_understood():
    msgs, events = validate(form_tracker("age", "thirty one"))
    slots = slot_events(events)
    assert slots["age"] == 31
    assert slots["prescreen_answers"]["age"] == {
        "typed": "thirty one",
        "understood": "31 years",
        "value": 31,
    }
    assert msgs == []


def test_unclear_answer_is_asked_again_and_counted():
    msgs, events = validate(form_tracker("allergies", "maybe"))
    slots = slot_events(events)
    assert slots["allergies"] is None
    assert slots["prescreen_failures"] == {"allergies": 1}
    assert responses(msgs) == ["utter_prescreen_reask_yes_no_detail"]
    assert "requested_slot" not in slots  # the form asks the same question again

    msgs, events = validate(form_tracker("allergies", "maybe", failures={"allergies": 1}))
    assert slot_events(events)["prescreen_failures"] == {"allergies": 2}
    assert responses(msgs) == ["utter_prescreen_stuck"]


def test_after_two_tries_not_sure_is_recorded_for_a_clinician():
    msgs, events = validate(form_tracker("allergies", "not sure", failures={"allergies": 2}))
    slots = slot_events(events)
    assert slots["allergies"] == "unsure"
    assert slots["prescreen_answers"]["allergies"]["value"] is None
    assert slots["prescreen_answers"]["allergies"]["typed"] == "not sure"


def test_age_reask_uses_the_age_reply():
    msgs, events = validate(form_tracker("age", "old enough"))
    assert slot_events(events)["age"] is None
    assert responses(msgs) == ["utter_prescreen_reask_age"]


def test_why_do_you_ask_explains_and_asks_again():
    msgs, events = validate(form_tracker("blood_thinners", "why do you ask", "ask_why"))
    slots = slot_events(events)
    assert slots["blood_thinners"] is None
    assert responses(msgs) == [prescreen.why_response("blood_thinners")]
    assert responses(msgs) == ["utter_why_blood_thinners"]
    assert "prescreen_failures" not in slots  # asking why is not a failed answer


def test_faq_mid_form_is_answered_then_the_form_resumes():
    msgs, events = validate(
        form_tracker(
            "age",
            "does it hurt",
            "faq",
            response_selector=selector("pain", [("pain", 0.9)]),
            faq_gate={"status": "ok", "candidates": ["pain"]},
        )
    )
    assert responses(msgs) == ["utter_faq/pain", "utter_prescreen_resume"]
    assert slot_events(events)["age"] is None
    assert "prescreen_failures" not in slot_events(events)


def test_consent_no_ends_the_form_at_once():
    msgs, events = validate(form_tracker("prescreen_consent", "no"))
    slots = slot_events(events)
    assert slots["prescreen_consent"] is False
    assert slots["requested_slot"] is None  # nothing more is asked
    no = form_tracker("age", "", filled={"prescreen_consent": False})
    assert required(no) == ["prescreen_consent"]


def test_consent_yes_continues():
    _, events = validate(form_tracker("prescreen_consent", "yes that's fine"))
    slots = slot_events(events)
    assert slots["prescreen_consent"] is True
    assert slots.get("requested_slot", "age") == "age"


def test_pregnant_yes_stops_the_questions_early():
    answers = {k: v for k, v in all_answers().items() if k in ("prescreen_consent", "age")}
    filled = {"prescreen_consent": True, "age": 31}
    msgs, events = validate(
        form_tracker("pregnant_or_breastfeeding", "yes I am", answers=answers, filled=filled)
    )
    slots = slot_events(events)
    assert slots["pregnant_or_breastfeeding"] is True
    assert slots["requested_slot"] is None  # the form ends: not_suitable already
    done = form_tracker(
        "acute_illness",
        "",
        answers=slots["prescreen_answers"],
        filled={**filled, "pregnant_or_breastfeeding": True},
    )
    assert required(done) == ["prescreen_consent", "age", "pregnant_or_breastfeeding"]


def test_a_clinician_review_answer_keeps_asking():
    answers = all_answers()
    answers = {k: answers[k] for k in ("prescreen_consent", "age", "blood_thinners")}
    answers["blood_thinners"] = {"typed": "warfarin", "understood": "yes: warfarin", "value": True}
    t = form_tracker("bleeding_disorder", "", answers=answers)
    assert required(t) == prescreen.slots()


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "😀😀",
        "هل هذا ضروري",
        "x" * 20000,
        "'); DROP TABLE prescreen_records; --",
        "<img src=x onerror=alert(1)>",
    ],
)
@pytest.mark.parametrize("slot", ["prescreen_consent", "age", "blood_thinners"])
def test_hostile_answers_never_crash_and_never_fill(slot, text):
    msgs, events = validate(form_tracker(slot, text))
    assert slot_events(events)[slot] is None
    assert len(msgs) == 1 and msgs[0]["response"].startswith("utter_prescreen_")


def _submit_tracker(answers, consent=True, outcome_slots=None):
    slots = {
        **{s: (a or {}).get("value") for s, a in (answers or {}).items()},
        "prescreen_consent": consent,
        "prescreen_answers": answers,
    }
    events = [
        {"event": "slot", "name": "prescreen_consent", "value": consent, "timestamp": 1700000000.0},
        {
            "event": "user",
            "timestamp": time.time(),
            "text": "no",
            "input_channel": "whatsapp",
            "message_id": "m",
        },
    ]
    return make_tracker("no", "deny", slots=slots, events=events, sender="pt-😀")


def test_submit_stores_the_record_with_typed_and_understood(db):
    answers = all_answers(
        blood_thinners={
            "typed": "yes I take warfarin 😬",
            "understood": "yes: warfarin",
            "value": True,
        }
    )
    msgs, events = run(ActionPrescreenSubmit(), _submit_tracker(answers))
    slots = slot_events(events)
    assert slots["prescreen_outcome"] == "clinician_review"
    assert slots["prescreen_reasons"]
    assert all(slots[s] is None for s in prescreen.slots())  # the form is reset
    assert slots["prescreen_answers"] is None
    assert responses(msgs) == ["utter_prescreen_clinician_review"]
    assert msgs[0]["prescreen_reasons"] == slots["prescreen_reasons"]
    records = store.prescreens_for("pt-😀", db=db)
    assert len(records) == 1
    rec = records[0]
    assert rec["outcome"] == "clinician_review"
    assert rec["channel"] == "whatsapp"
    assert rec["answers"]["blood_thinners"] == {
        "typed": "yes I take warfarin 😬",
        "understood": "yes: warfarin",
        "value": True,
    }
    assert rec["answers"]["age"]["typed"] == "thirty one"
    assert rec["consent"] == 1
    assert rec["consent_at"].startswith("2023-11-14")
    assert any("warfarin" in r.lower() or "thinner" in r.lower() for r in rec["reasons"])


def test_consent_time_is_the_latest_consent(db):
    """A second questionnaire in the same conversation records its own consent time."""
    t = _submit_tracker(all_answers())
    t.events.append(
        {"event": "slot", "name": "prescreen_consent", "value": None, "timestamp": 1700000100.0}
    )
    t.events.append(
        {"event": "slot", "name": "prescreen_consent", "value": True, "timestamp": 1800000000.0}
    )
    run(ActionPrescreenSubmit(), t)
    assert store.prescreens_for("pt-😀", db=db)[0]["consent_at"].startswith("2027-01-15")


def test_consent_time_without_timestamps_is_now(db):
    t = _submit_tracker(all_answers())
    del t.events[0]["timestamp"]
    run(ActionPrescreenSubmit(), t)
    assert store.prescreens_for("pt-😀", db=db)[0]["consent_at"][:10] == store.now()[:10]


def test_submit_all_no_is_eligible(db):
    msgs, events = run(ActionPrescreenSubmit(), _submit_tracker(all_answers()))
    assert slot_events(events)["prescreen_outcome"] == "eligible"
    assert responses(msgs) == ["utter_prescreen_eligible"]
    assert store.prescreens_for("pt-😀", db=db)[0]["outcome"] == "eligible"


@pytest.mark.parametrize("consent", [False, None, "yes"])
def test_submit_without_consent_stores_nothing(db, consent):
    msgs, events = run(ActionPrescreenSubmit(), _submit_tracker(all_answers(), consent))
    assert responses(msgs) == ["utter_prescreen_no_consent"]
    assert "prescreen_outcome" not in slot_events(events)
    assert db["prescreen_records"].count == 0


def test_submit_survives_a_database_failure(monkeypatch):
    def broken(*a, **k):
        raise OSError("disk full")

    monkeypatch.setattr(store, "save_prescreen", broken)
    msgs, events = run(ActionPrescreenSubmit(), _submit_tracker(all_answers()))
    assert slot_events(events)["prescreen_outcome"] == "eligible"
    assert responses(msgs) == ["utter_prescreen_eligible"]


def test_cancel_resets_the_form():
    msgs, events = run(
        ActionPrescreenCancel(), make_tracker("stop", "stop", active_loop="prescreen_form")
    )
    assert responses(msgs) == ["utter_prescreen_cancelled"]
    assert {"event": "active_loop", "name": None} in [
        {k: e.get(k) for k in ("event", "name")} for e in events
    ]
    assert slot_events(events)["requested_slot"] is None


# ----------------------------------------------------------------- privacy


def test_delete_my_data_removes_only_this_conversation(db):
    mine = store.create_ticket("me", "rest", "routine", "r", db=db)
    store.save_prescreen("me", "rest", {}, "eligible", [], store.now(), db=db)
    theirs = store.create_ticket("you", "rest", "routine", "r", db=db)
    msgs, events = run(
        ActionDeleteMyData(), make_tracker("delete my data", "delete_my_data", sender="me")
    )
    assert responses(msgs) == ["utter_data_deleted"]
    assert [e["event"] for e in events] == ["reset_slots"]
    assert store.get_ticket(mine["id"], db=db) is None
    assert store.prescreens_for("me", db=db) == []
    assert store.get_ticket(theirs["id"], db=db) is not None


@pytest.mark.parametrize("priority", ["emergency", "urgent"])
def test_delete_my_data_never_removes_a_report_staff_hold(db, priority):
    """D2: '/restart' then 'delete my data' removed a patient's open EMERGENCY ticket."""
    held = store.create_ticket("wa-447700900123", "whatsapp", priority, "r", db=db)
    routine = store.create_ticket(
        "wa-447700900123", "whatsapp", "routine", "r", episode_key="other", db=db
    )
    store.save_prescreen("wa-447700900123", "whatsapp", {}, "eligible", [], store.now(), db=db)
    msgs, events = run(
        ActionDeleteMyData(),
        make_tracker("delete my data", "delete_my_data", sender="wa-447700900123"),
    )
    assert store.get_ticket(held["id"], db=db)["status"] == "open"
    assert store.get_ticket(routine["id"], db=db) is None
    assert store.prescreens_for("wa-447700900123", db=db) == []
    assert responses(msgs) == [None] and "stays with them" in msgs[0]["text"]
    slots = slot_events(events)
    assert slots == {"handoff_ticket_id": held["id"], "handoff_active": True}
    assert "deletion_deferred" in [a["action"] for a in store.audit_log(held["id"], db=db)]
    # once staff resolve it, the next request deletes it too
    store.update_ticket(held["id"], "ana", status="resolved", db=db)
    msgs, _ = run(
        ActionDeleteMyData(),
        make_tracker("delete my data", "delete_my_data", sender="wa-447700900123"),
    )
    assert responses(msgs) == ["utter_data_deleted"]
    assert store.get_ticket(held["id"], db=db) is None


def while_the_database_is_busy(action, tracker):
    """Run ``action`` while another writer holds clinic.db for 0.2 s.

    Returns (whether it was still waiting when the loop had ticked 10 times,
    its events, its messages).
    """
    import sqlite3

    other = sqlite3.connect(str(config.db_path()), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another writer holds the database

    async def main():
        dispatcher = CollectingDispatcher()
        pending = action.run(dispatcher, tracker, {})
        assert asyncio.iscoroutine(pending)
        task = asyncio.ensure_future(pending)
        for _ in range(10):  # the loop keeps running other work meanwhile
            await asyncio.sleep(0.02)
        waiting = not task.done()
        other.execute("ROLLBACK")
        return waiting, await task, dispatcher.messages

    try:
        return asyncio.run(main())
    finally:
        other.close()


def test_delete_my_data_leaves_the_event_loop_free_while_it_waits_for_the_database(db):
    """rasa-sdk runs a synchronous action on its event loop: every conversation would wait."""
    mine = store.create_ticket("me", "rest", "routine", "r", db=db)
    waiting, events, msgs = while_the_database_is_busy(
        ActionDeleteMyData(), make_tracker("delete my data", "delete_my_data", sender="me")
    )
    assert waiting
    assert responses(msgs) == ["utter_data_deleted"] and events == [
        {"event": "reset_slots", "timestamp": None}
    ]
    assert store.get_ticket(mine["id"], db=db) is None


def test_delete_my_data_with_the_database_down_says_so(monkeypatch, data_dir):
    import sqlite3

    def broken(*a, **k):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(store, "open_db", broken)
    msgs, events = run(ActionDeleteMyData(), make_tracker("delete my data", "delete_my_data"))
    assert events == [] and "could not delete" in msgs[0]["text"]


@pytest.mark.parametrize("text", ["skip", "pass", "Skip."])
def test_skipping_consent_is_declining(text):
    """Consent is never "unsure": the form must not go on to health questions."""
    msgs, events = validate(
        form_tracker("prescreen_consent", text, failures={"prescreen_consent": 2})
    )
    slots = slot_events(events)
    assert slots["prescreen_consent"] is False
    assert slots["requested_slot"] is None


@pytest.mark.parametrize("text", ["skip", "pass"])
def test_skipping_a_health_question_after_two_tries_is_recorded(text):
    _, events = validate(form_tracker("keloid_history", text, failures={"keloid_history": 2}))
    slots = slot_events(events)
    assert slots["keloid_history"] == "unsure"
    assert slots["prescreen_answers"]["keloid_history"]["understood"] == "not sure / skipped"


# ----------------------------------------------------------------- triage
# bot/triage reads knowledge/red_flags.yml; the phrases below are plain
# reports of signs that CLINICAL.md names.

from actions.triage import (  # noqa: E402
    ActionHandoffHold,
    ActionHandoffRequest,
    ActionTriage,
    ActionTriageConclude,
    ValidateRedFlagCheck,
    ValidateRedFlagForm,
    conversation_days,
)
from bot import triage  # noqa: E402

EMERGENCY_TEXT = "my vision went blurry after the injections"
URGENT_TEXT = "there is pus and I have a fever"
ROUTINE_TEXT = "I still have a lump 3 weeks after the treatment"
NONE_TEXT = "a little redness today, nothing else"
VAGUE_TEXT = "my face feels weird"


def test_triage_phrases_have_the_expected_levels():
    """Guards the tests below: if the rules change, fix the phrases here."""
    assert triage.assess(EMERGENCY_TEXT).level == "emergency"
    assert triage.assess(URGENT_TEXT).level == "urgent"
    assert triage.assess(ROUTINE_TEXT).level == "routine"
    assert triage.assess(NONE_TEXT).level == "none"
    assert triage.assess(VAGUE_TEXT).level is None


def test_emergency_intent_sets_level_ticket_and_handoff(db):
    msgs, events = run(ActionTriage(), make_tracker(EMERGENCY_TEXT, "report_emergency"))
    slots = slot_events(events)
    assert slots["triage_level"] == "emergency"
    assert slots["handoff_active"] is True
    ticket = store.get_ticket(slots["handoff_ticket_id"], db=db)
    assert ticket["priority"] == "emergency"
    assert ticket["conversation_id"] == "patient-1"
    assert ticket["channel"] == "telegram"
    assert ticket["episode_key"] == "mid-1"
    assert "vision_change" in ticket["signs"]
    # the rule already sent the emergency advice: not twice, and never reassurance
    assert "utter_emergency_advice" not in responses(msgs)
    assert "utter_triage_none" not in responses(msgs)
    assert responses(msgs) == ["utter_triage_handoff"]


def test_emergency_intent_without_a_sign_is_still_an_emergency(db):
    _, events = run(ActionTriage(), make_tracker("help help", "report_emergency"))
    slots = slot_events(events)
    assert slots["triage_level"] == "emergency"
    assert store.get_ticket(slots["handoff_ticket_id"], db=db)["priority"] == "emergency"


def test_emergency_words_under_another_intent_get_the_advice(db):
    msgs, events = run(ActionTriage(), make_tracker(EMERGENCY_TEXT, "report_symptom"))
    assert slot_events(events)["triage_level"] == "emergency"
    assert responses(msgs)[0] == "utter_emergency_advice"


def test_emergency_closes_an_open_questionnaire(db):
    _, events = run(
        ActionTriage(),
        make_tracker(EMERGENCY_TEXT, "report_emergency", active_loop="prescreen_form"),
    )
    assert events[0] == {
        "event": "active_loop",
        "name": None,
        "timestamp": events[0].get("timestamp"),
    }
    assert slot_events(events)["requested_slot"] is None


def test_same_message_twice_makes_one_ticket(db):
    _, a = run(ActionTriage(), make_tracker(EMERGENCY_TEXT, "report_emergency"))
    _, b = run(ActionTriage(), make_tracker(EMERGENCY_TEXT, "report_emergency"))
    assert slot_events(a)["handoff_ticket_id"] == slot_events(b)["handoff_ticket_id"]
    assert db["tickets"].count == 1


def test_urgent_report_gets_a_ticket_and_a_handoff(db):
    msgs, events = run(ActionTriage(), make_tracker(URGENT_TEXT, "report_symptom"))
    slots = slot_events(events)
    assert slots["triage_level"] == "urgent"
    assert slots["handoff_active"] is True
    assert store.get_ticket(slots["handoff_ticket_id"], db=db)["priority"] == "urgent"
    assert responses(msgs) == ["utter_triage_urgent", "utter_triage_handoff"]


def test_routine_report_gets_a_ticket_without_a_handoff(db):
    msgs, events = run(ActionTriage(), make_tracker(ROUTINE_TEXT, "report_symptom"))
    slots = slot_events(events)
    assert slots["triage_level"] == "routine"
    assert "handoff_active" not in slots
    assert store.get_ticket(slots["handoff_ticket_id"], db=db)["priority"] == "routine"
    assert responses(msgs) == ["utter_triage_routine"]


def test_none_level_asks_the_red_flag_check_before_reassuring(db):
    msgs, events = run(ActionTriage(), make_tracker(NONE_TEXT, "report_symptom"))
    assert msgs == []  # no reassurance yet
    slots = slot_events(events)
    assert slots["triage_level"] is None
    assert slots["triage_pending"]["level"] == "none"
    assert [e for e in events if e["event"] == "followup"][0]["name"] == "red_flag_check"
    assert db["tickets"].count == 0


def test_none_level_that_denied_every_check_gets_aftercare_at_once(db):
    text = "a bit puffy, no pain, breathing fine, vision fine, colour normal"
    msgs, events = run(ActionTriage(), make_tracker(text, "report_symptom"))
    assert slot_events(events) == {"triage_level": "none"}
    assert responses(msgs) == ["utter_triage_none"]
    assert db["tickets"].count == 0


def test_the_parse_property_is_used_not_a_second_triage(db, monkeypatch):
    def no_second_run(*a, **k):
        raise AssertionError("triage ran twice")

    prop = {
        "level": "urgent",
        "signs": ["pus"],
        "negated": [],
        "denied": [],
        "check": [],
        "days": 2,
        "ask": False,
        "reasons": ["pus (urgent): 'pus'"],
    }
    monkeypatch.setattr(triage, "assess", no_second_run)
    msgs, events = run(ActionTriage(), make_tracker("there's pus", "report_urgent", triage=prop))
    slots = slot_events(events)
    assert slots["triage_level"] == "urgent"
    ticket = store.get_ticket(slots["handoff_ticket_id"], db=db)
    assert ticket["reason"] == "pus (urgent): 'pus'" and ticket["signs"] == ["pus"]
    assert responses(msgs) == ["utter_triage_handoff"]  # the rule sent the advice


def test_time_from_earlier_in_the_conversation(db):
    now = time.time()
    earlier = {
        "event": "user",
        "timestamp": now - 86400,
        "text": "had meso 8 days ago",
        "message_id": "m0",
        "parse_data": {"triage": {"days": 8}},
    }
    latest = {
        "event": "user",
        "timestamp": now,
        "text": "my face is still swollen",
        "message_id": "mid-1",
        "parse_data": {},
    }
    tracker = make_tracker("my face is still swollen", "report_symptom", events=[earlier, latest])
    assert 8.9 < conversation_days(tracker, now=now) < 9.1
    msgs, events = run(ActionTriage(), tracker)
    assert slot_events(events)["triage_level"] == "routine"  # swelling beyond a week
    assert responses(msgs) == ["utter_triage_routine"]


def test_vague_report_asks_the_red_flag_questions(db):
    msgs, events = run(ActionTriage(), make_tracker(VAGUE_TEXT, "report_symptom"))
    assert msgs == []
    slots = slot_events(events)
    assert slots["triage_level"] is None and slots["triage_pending"]["level"] is None
    assert [e for e in events if e["event"] == "followup"][0]["name"] == "red_flag_form"
    assert db["tickets"].count == 0


@pytest.mark.parametrize(
    "text", ["", "😀😀", "x" * 20000, "<b>swollen</b>", "'; DROP TABLE tickets; --", "عيني تؤلمني"]
)
def test_triage_of_odd_text_never_crashes(db, text):
    msgs, events = run(ActionTriage(), make_tracker(text, "report_symptom"))
    assert "triage_level" in slot_events(events)
    assert "tickets" in db.table_names()


def test_triage_when_the_database_is_down_still_answers(monkeypatch, data_dir):
    import sqlite3

    def broken(*a, **k):
        raise sqlite3.OperationalError("unable to open database file")

    monkeypatch.setattr(store, "open_db", broken)
    msgs, events = run(ActionTriage(), make_tracker(URGENT_TEXT, "report_symptom"))
    slots = slot_events(events)
    assert slots["triage_level"] == "urgent"
    assert "handoff_ticket_id" not in slots  # spooled, recorded later
    assert slots["handoff_active"] is True
    # staff could not be told (no database, no alert target): the patient is not told
    # "I have passed your message to the team" but who to call
    assert responses(msgs) == ["utter_triage_urgent", None]
    from bot import escalation

    assert msgs[1]["text"] == escalation.unreachable_text()
    assert len(escalation.spooled()) == 1


RF_SLOTS = [q["slot"] for q in triage.vague_questions()]


def conclude_tracker(**answers: str) -> Tracker:
    slots = {s: "no" for s in RF_SLOTS}
    slots.update(answers)
    return make_tracker("no", "deny", slots=slots, message_id="mid-rf")


def test_conclude_all_no_is_a_routine_ticket(db):
    msgs, events = run(ActionTriageConclude(), conclude_tracker())
    slots = slot_events(events)
    assert slots["triage_level"] == "routine"
    assert store.get_ticket(slots["handoff_ticket_id"], db=db)["priority"] == "routine"
    assert responses(msgs) == ["utter_triage_routine"]
    assert "handoff_active" not in slots
    assert all(slots[s] is None for s in RF_SLOTS)  # answers cleared for next time


def test_conclude_unclear_is_still_routine(db):
    _, events = run(ActionTriageConclude(), conclude_tracker(**{RF_SLOTS[0]: "unclear"}))
    assert slot_events(events)["triage_level"] == "routine"


def check_tracker(answer, pending_level="none"):
    slots = {
        "rf_check": answer,
        "triage_pending": {
            "level": pending_level,
            "signs": ["mild_redness"],
            "reasons": ["mild_redness (none): 'red'"],
        },
    }
    return make_tracker("no", "deny", slots=slots, message_id="mid-ck")


def test_check_no_reassures_without_a_ticket(db):
    msgs, events = run(ActionTriageConclude(), check_tracker("no"))
    slots = slot_events(events)
    assert slots["triage_level"] == "none" and slots["rf_check"] is None
    assert responses(msgs) == ["utter_triage_none"]
    assert db["tickets"].count == 0


@pytest.mark.parametrize(
    "answer, level",
    [
        ("sight", "emergency"),
        ("breathing", "emergency"),
        ("skin", "emergency"),
        ("pain", "urgent"),
        ("yes", "urgent"),
        ("unclear", "routine"),
    ],
)
def test_check_yes_is_that_sign_at_its_level(db, answer, level):
    msgs, events = run(ActionTriageConclude(), check_tracker(answer))
    slots = slot_events(events)
    assert slots["triage_level"] == level
    ticket = store.get_ticket(slots["handoff_ticket_id"], db=db)
    assert ticket["priority"] == level
    assert "red-flag check" in ticket["reason"]
    first = {
        "emergency": "utter_emergency_advice",
        "urgent": "utter_triage_urgent",
        "routine": "utter_triage_routine",
    }[level]
    assert responses(msgs)[0] == first


def check_form_tracker(text, asked_before=1, entities=()):
    events = [{"event": "active_loop", "name": "red_flag_check"}]
    events += [{"event": "slot", "name": "requested_slot", "value": "rf_check"}] * asked_before
    events += [
        {
            "event": "user",
            "text": text,
            "parse_data": {"text": text},
            "input_channel": "rest",
            "message_id": "m",
        },
        {"event": "slot", "name": "rf_check", "value": text},
    ]
    return make_tracker(
        text,
        "inform",
        entities=entities,
        slots={"requested_slot": "rf_check", "rf_check": text},
        events=events,
        active_loop="red_flag_check",
    )


@pytest.mark.parametrize(
    "text, value",
    [
        ("/deny", "no"),
        ("no", "no"),
        ("nope none of those", "no"),
        ("sight", "sight"),
        ('/affirm{"rf_sign": "breathing"}', "breathing"),
        ("the pain is getting worse", "pain"),
        ("no, breathing is fine", "no"),
        ("my skin looks a bit grey", "skin"),
    ],
)
def test_check_form_reads_buttons_and_words(text, value):
    msgs, events = run(ValidateRedFlagCheck(), check_form_tracker(text), domain_dict())
    assert slot_events(events)["rf_check"] == value
    assert msgs == []


def test_check_form_asks_which_after_a_bare_yes_then_counts_it():
    msgs, events = run(ValidateRedFlagCheck(), check_form_tracker("yes"), domain_dict())
    assert slot_events(events)["rf_check"] is None
    assert responses(msgs) == ["utter_rf_check_which"]
    _, events = run(
        ValidateRedFlagCheck(), check_form_tracker("yes", asked_before=2), domain_dict()
    )
    assert slot_events(events)["rf_check"] == "yes"


def test_check_form_reasks_an_unclear_answer_once():
    msgs, events = run(ValidateRedFlagCheck(), check_form_tracker("hmm"), domain_dict())
    assert responses(msgs) == ["utter_rf_check_reask"]
    _, events = run(
        ValidateRedFlagCheck(), check_form_tracker("hmm", asked_before=2), domain_dict()
    )
    assert slot_events(events)["rf_check"] == "unclear"


def test_conclude_yes_to_an_emergency_question(db):
    emergency_q = next(q["slot"] for q in triage.vague_questions() if q["level"] == "emergency")
    msgs, events = run(ActionTriageConclude(), conclude_tracker(**{emergency_q: "yes"}))
    slots = slot_events(events)
    assert slots["triage_level"] == "emergency"
    assert slots["handoff_active"] is True
    assert responses(msgs)[0] == "utter_emergency_advice"
    assert store.get_ticket(slots["handoff_ticket_id"], db=db)["priority"] == "emergency"


def rf_tracker(slot: str, text: str, asked_before: int = 1) -> Tracker:
    events = [{"event": "active_loop", "name": "red_flag_form"}]
    events += [{"event": "slot", "name": "requested_slot", "value": slot}] * asked_before
    events += [
        {
            "event": "user",
            "text": text,
            "parse_data": {"text": text},
            "input_channel": "rest",
            "message_id": "m",
        },
        {"event": "slot", "name": slot, "value": text},
    ]
    return make_tracker(
        text,
        "inform",
        slots={"requested_slot": slot, slot: text},
        events=events,
        active_loop="red_flag_form",
    )


@pytest.mark.parametrize(
    "text,value", [("yes", "yes"), ("no", "no"), ("nope", "no"), ("yes I do", "yes")]
)
def test_red_flag_form_reads_yes_and_no(text, value):
    slot = RF_SLOTS[0]
    msgs, events = run(ValidateRedFlagForm(), rf_tracker(slot, text), domain_dict())
    assert slot_events(events)[slot] == value
    assert msgs == []


def test_red_flag_form_asks_once_more_then_counts_unclear():
    slot = RF_SLOTS[0]
    msgs, events = run(ValidateRedFlagForm(), rf_tracker(slot, "hmm"), domain_dict())
    assert slot_events(events)[slot] is None
    assert responses(msgs) == ["utter_rf_reask"]
    msgs, events = run(
        ValidateRedFlagForm(), rf_tracker(slot, "hmm", asked_before=2), domain_dict()
    )
    assert slot_events(events)[slot] == "unclear"


def test_handoff_request_creates_a_ticket_and_holds(db):
    msgs, events = run(ActionHandoffRequest(), make_tracker("a human please", "human_handoff"))
    slots = slot_events(events)
    assert slots["handoff_active"] is True
    t = store.get_ticket(slots["handoff_ticket_id"], db=db)
    assert t["priority"] == "routine" and "person" in t["reason"]
    assert responses(msgs) == ["utter_handoff_requested"]


def test_handoff_request_reuses_an_open_emergency_ticket(db):
    _, first = run(ActionTriage(), make_tracker(EMERGENCY_TEXT, "report_emergency"))
    _, events = run(
        ActionHandoffRequest(), make_tracker("a human please", "human_handoff", message_id="mid-2")
    )
    assert slot_events(events)["handoff_ticket_id"] == slot_events(first)["handoff_ticket_id"]
    assert db["tickets"].count == 1


def hold_tracker(text: str, held_before: bool, message_id: str = "mid-h") -> Tracker:
    events = [{"event": "slot", "name": "handoff_active", "value": True}]
    if held_before:
        events += [
            {"event": "user", "text": "hello?"},
            {
                "event": "bot",
                "text": "The team has your message.",
                "metadata": {"utter_action": "utter_handoff_hold"},
            },
        ]
    events += [{"event": "user", "text": text, "input_channel": "rest", "message_id": message_id}]
    return make_tracker(
        text, "faq", slots={"handoff_active": True}, events=events, message_id=message_id
    )


def test_hold_acknowledges_the_first_message_once(db):
    msgs, events = run(ActionHandoffHold(), hold_tracker("are you there", False))
    assert responses(msgs) == ["utter_handoff_hold"] and events == []
    msgs, events = run(ActionHandoffHold(), hold_tracker("hello??", True))
    assert msgs == [] and events == []
    assert db["tickets"].count == 0


def test_hold_acknowledges_again_after_staff_spoke(db):
    t = hold_tracker("thanks", True)
    t.events.insert(
        -1, {"event": "bot", "text": "Hi, this is Ana from the clinic.", "metadata": {}}
    )
    msgs, _ = run(ActionHandoffHold(), t)
    assert responses(msgs) == ["utter_handoff_hold"]


def test_hold_escalates_a_worse_symptom(db):
    store.create_ticket(
        "patient-1", "rest", "routine", "asked for a person", episode_key="m0", db=db
    )
    msgs, events = run(ActionHandoffHold(), hold_tracker(URGENT_TEXT, True))
    ticket_id = slot_events(events)["handoff_ticket_id"]
    assert store.get_ticket(ticket_id, db=db)["priority"] == "urgent"
    assert db["tickets"].count == 2
    # the urgent advice, even though the hold message was the bot's last word
    assert responses(msgs) == ["utter_triage_urgent"]


def test_a_second_urgent_report_during_a_handoff_gets_the_advice_again(db):
    """Clinical review 38a: no silence on an urgent report during a handoff."""
    run(ActionHandoffHold(), hold_tracker(URGENT_TEXT, True, message_id="u1"))
    t = hold_tracker("now it is hot and oozing too", True, message_id="u2")
    t.events.insert(
        -1, {"event": "bot", "text": "...", "metadata": {"utter_action": "utter_triage_urgent"}}
    )
    msgs, _ = run(ActionHandoffHold(), t)
    assert responses(msgs) == ["utter_triage_urgent"]


# ----------------------------------------------------------------- replies exist


def _named_responses() -> set:
    """Every response name the actions can send, as found in their code."""
    import re

    names = set()
    for path in (config.ROOT / "actions").glob("*.py"):
        names |= set(re.findall(r'"(utter_[a-z_]+)"', path.read_text(encoding="utf-8")))
    names.discard("utter_action")  # the metadata key Rasa writes, not a response
    names |= {q["why"] for q in prescreen.questions()}
    names |= {q["reask"] for q in prescreen.questions()}
    names |= {f"utter_prescreen_{o}" for o in prescreen.OUTCOME_NAMES}
    names |= {q["response"] for q in triage.vague_questions()}
    names |= {triage.reply_for(lv) for lv in triage.LEVELS}
    names |= {f"utter_ask_{triage.check_slot()}"}
    return names


def test_every_response_the_actions_send_exists():
    knowledge.reload()
    defined = set(knowledge.responses())
    missing = sorted(n for n in _named_responses() if n not in defined)
    assert missing == []


def test_third_unclear_answer_does_not_crash():
    """Two failed tries, then another unreadable answer: asked again, no crash."""
    msgs, events = validate(form_tracker("allergies", "purple", failures={"allergies": 2}))
    assert slot_events(events)["allergies"] is None
    assert responses(msgs) == ["utter_prescreen_stuck"]


@pytest.mark.parametrize(
    "action, tracker",
    [
        (
            lambda: ActionHandoffRequest(),
            lambda: make_tracker("a person please", "human_handoff", sender="held-1"),
        ),
        (lambda: ActionPrescreenSubmit(), lambda: _submit_tracker(all_answers())),
    ],
    ids=["handoff request (ticket)", "pre-screen record"],
)
def test_actions_that_write_leave_the_event_loop_free_while_the_database_is_busy(
    db, action, tracker
):
    """ThreadedAction: the write waits in a worker thread, not on rasa-sdk's event loop."""
    waiting, events, msgs = while_the_database_is_busy(action(), tracker())
    assert waiting
    assert msgs and events
