"""The pre-screen form: the dialogue decisions (``bot.prescreen.next_step``), the
``FreeTextFormValidation`` base of the validators, and an answer with markup or
SQL kept as typed and shown escaped to staff.

The validator itself, run with hand-built trackers, is tested in test_actions.py.
"""

from __future__ import annotations

import asyncio
import inspect
import time
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import ActionExecutor, CollectingDispatcher

from actions.forms import FreeTextFormValidation
from actions.prescreen import ActionPrescreenSubmit, ValidatePrescreenForm
from bot import prescreen, store
from bot.prescreen import MAX_TRIES, Step, next_step, read_answer

# ================================================================ read_answer


@pytest.mark.parametrize(
    "slot,text,value,understood,unsure",
    [
        ("prescreen_consent", "sure, go ahead", True, "consented", False),
        ("prescreen_consent", "no thanks", False, "declined", False),
        ("prescreen_consent", "not sure", None, None, False),  # consent is never "unsure"
        ("age", "thirty one", 31, "31 years", False),
        ("age", "old enough", None, None, False),
        ("blood_thinners", "yes I take warfarin", True, "yes: warfarin", False),
        ("blood_thinners", "nope", False, "no", False),
        ("blood_thinners", "not sure", None, None, True),
    ],
)
def test_read_answer_by_the_questions_type(slot, text, value, understood, unsure):
    reading = read_answer(slot, text)
    assert (reading.value, reading.understood, reading.unsure) == (value, understood, unsure)


# ================================================================ next_step


def step(slot: str, text: Any, intent: str = "inform", failures: int = 0, **kw: Any) -> Step:
    return next_step(slot, text, intent=intent, failures=failures, **kw)


def test_a_placed_answer_is_kept_as_typed_and_understood():
    s = step("age", "thirty one", failures=1)
    assert s == Step(
        31, record={"typed": "thirty one", "understood": "31 years", "value": 31}, failures=1
    )


def test_why_explains_and_is_not_a_failed_try():
    assert step("blood_thinners", "why do you ask", "ask_why") == Step(
        None, ("utter_why_blood_thinners",)
    )


def test_an_unplaced_answer_is_asked_again_then_the_patient_is_helped():
    first = step("allergies", "maybe")
    assert first == Step(None, ("utter_prescreen_reask_yes_no_detail",), failures=1)
    second = step("allergies", "maybe", failures=first.failures or 0)
    assert second == Step(None, ("utter_prescreen_stuck",), failures=MAX_TRIES)
    assert step("age", "old enough").say == ("utter_prescreen_reask_age",)


@pytest.mark.parametrize("text", ["not sure", "I don't know", "skip", "I'd rather not say"])
def test_not_sure_is_recorded_only_after_two_tries(text):
    record = {"typed": text, "understood": "not sure / skipped", "value": None}
    assert step("allergies", text, failures=MAX_TRIES) == Step("unsure", record=record)
    assert step("allergies", text, failures=MAX_TRIES - 1).value is None  # asked again first


def test_consent_is_never_unsure():
    """Without a clear yes to storing, the form ends: it asks no health question."""
    assert step("prescreen_consent", "skip", failures=MAX_TRIES) == Step(False, failures=MAX_TRIES)
    assert step("prescreen_consent", "skip", failures=0).value is None


def test_an_faq_instead_of_an_answer_is_answered_and_not_counted():
    s = step("age", "does it hurt", "faq", faq_key="pain")
    assert s == Step(None, ("utter_faq/pain", "utter_prescreen_resume"))
    # an answer that is also read as an FAQ is still the answer
    assert step("age", "34", "faq", faq_key="pain").value == 34


def test_long_replies_are_cut():
    s = step("medical_conditions", "I have asthma " + "x" * 20_000)
    assert s.value is None  # 5,000 characters read: longer than an answer is read
    kept = step("medical_conditions", "I have asthma and " + "a" * 600)
    assert kept.record is not None and len(kept.record["typed"]) == 500


@pytest.mark.parametrize("reply", [None, 42, "", "😀", "\u202eyes"])
def test_odd_replies_never_raise(reply):
    assert step("blood_thinners", reply).value is None


# ================================================================ the validator base


class _Answers(FreeTextFormValidation):
    def name(self) -> str:
        return "validate_answers_form"

    def handles(self, slot: str) -> bool:
        return slot.startswith("q_")

    def validate_free_text(self, slot, value, dispatcher, tracker, domain):
        return {slot: f"{slot}={value}"}


def test_one_method_validates_every_handled_slot():
    form = _Answers()
    assert form.validate_q_one("a", None, None, {}) == {"q_one": "q_one=a"}
    assert form.validate_q_two("b", None, None, {}) == {"q_two": "q_two=b"}
    assert not hasattr(form, "validate_other")
    assert not hasattr(form, "q_one")
    with pytest.raises(AttributeError):
        form.validate_other  # noqa: B018 - the attribute lookup is the test


def test_the_action_server_registers_the_forms_but_not_the_base():
    """rasa-sdk registers every subclass of Action it finds: the base is abstract."""
    executor = ActionExecutor()
    executor.register_package("actions")
    assert "validate_prescreen_form" in executor.actions
    assert inspect.isabstract(FreeTextFormValidation)


def test_the_prescreen_validator_handles_exactly_its_questions():
    form = ValidatePrescreenForm()
    for slot in prescreen.slots():
        assert callable(getattr(form, f"validate_{slot}"))
    assert not hasattr(form, "validate_rf_vision")
    assert not hasattr(form, "validate_requested_slot")


# ================================================================ markup and SQL


def _form_reply(slot: str, text: str, answers: dict[str, Any]) -> dict[str, Any]:
    """The validator's slot events for ``text`` typed in answer to ``slot``."""
    latest = {"text": text, "intent": {"name": "inform"}, "entities": []}
    events = [
        {"event": "user", "timestamp": time.time(), "text": text, "parse_data": latest},
        {"event": "action", "name": "action_extract_slots"},
        {"event": "slot", "name": slot, "value": text},  # from_text fills it
    ]
    slots = {"requested_slot": slot, "prescreen_answers": answers, slot: text}
    tracker = Tracker(
        "pt-markup", slots, latest, events, False, None, {"name": "prescreen_form"}, ""
    )
    form = ValidatePrescreenForm()
    events = asyncio.run(form.get_validation_events(CollectingDispatcher(), tracker, _domain()))
    return {e["name"]: e["value"] for e in events}


def _domain() -> dict[str, Any]:
    slots = {s: {"type": "any", "mappings": [{"type": "from_text"}]} for s in prescreen.slots()}
    form = {"required_slots": prescreen.slots()}
    return {"slots": slots, "forms": {"prescreen_form": form}}


def test_markup_and_sql_are_stored_as_typed_and_shown_escaped(db):
    """Refusing such answers was defence in the wrong layer: the store binds
    parameters and the inbox escapes what it shows."""
    typed = {
        "prescreen_consent": "<b>yes</b>",
        "age": "34",
        "allergies": "<script>alert(1)</script> penicillin",
        "blood_thinners": "yes, aspirin'; DROP TABLE prescreen_records; --",
    }
    answers: dict[str, Any] = {}
    for slot, text in typed.items():
        events = _form_reply(slot, text, answers)
        assert events[slot] not in (None, "unsure"), (slot, events)
        answers = events["prescreen_answers"]
    filled = {s: a["value"] for s, a in answers.items()}
    slots = {**filled, "prescreen_answers": answers}
    latest = {"text": typed["blood_thinners"], "intent": {"name": "inform"}}
    tracker = Tracker("pt-markup", slots, latest, [], False, None, {}, "")
    asyncio.run(ActionPrescreenSubmit().run(CollectingDispatcher(), tracker, {}))  # in a thread

    (record,) = store.prescreens_for("pt-markup", db=db)
    assert {s: a["typed"] for s, a in record["answers"].items()} == typed
    assert record["outcome"] == "clinician_review"  # an allergy and a blood thinner

    from bot.inbox import web  # the staff page, as the inbox renders it

    page = web.ENV.get_template("prescreen.html").render(
        record=record,
        ticket=None,
        me="ana",
        csrf="t",
        clinic_name="Clinic",
        path="/prescreens",
        notice=None,
        error=None,
    )
    assert "<script>alert(1)" not in page and "<b>yes</b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; penicillin" in page
    assert "&lt;b&gt;yes&lt;/b&gt;" in page
    assert "aspirin&#39;; DROP TABLE prescreen_records; --" in page
