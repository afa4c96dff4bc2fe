"""The pre-screening questionnaire: validation, interruptions, the record."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActiveLoop, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import channel_of, latest_intent, parse_property
from actions.faq import selected_key
from bot import knowledge, prescreen, store

MAX_TRIES = 2


def form_slots() -> List[str]:
    return [q["slot"] for q in prescreen.questions()]


def question(slot: str) -> Dict[str, Any]:
    return next(q for q in prescreen.questions() if q["slot"] == slot)


def understand(slot: str, text: str):
    """(value, understood, unsure) for an answer; value None when unclear."""
    kind = question(slot)["type"]
    if kind == "consent":
        value = prescreen.parse_consent(text)
        return value, {True: "consented", False: "declined", None: None}[value], False
    if kind == "age":
        age = prescreen.parse_age(text)
        return age, (f"{age} years" if age is not None else None), False
    answer = prescreen.parse_yes_no(text, slot)
    if answer.value is None:
        return None, None, bool(getattr(answer, "unsure", False))
    return answer.value, answer.understood, False


class ValidatePrescreenForm(FormValidationAction):
    """Understands free answers, answers "why?" and FAQs, re-asks, ends early."""

    def name(self) -> Text:
        return "validate_prescreen_form"

    async def required_slots(self, domain_slots: List[Text], dispatcher, tracker,
                             domain) -> List[Text]:
        slots = form_slots()
        if tracker.get_slot("prescreen_consent") is False:
            return ["prescreen_consent"]  # no consent: nothing more is asked or kept
        answers = tracker.get_slot("prescreen_answers") or {}
        if answers and prescreen.outcome(answers).outcome == "not_suitable":
            return [s for s in slots if s in answers]  # no need to ask further
        return slots

    def __getattr__(self, name: str):
        if name.startswith("validate_") and name[len("validate_"):] in form_slots():
            slot = name[len("validate_"):]
            return lambda value, dispatcher, tracker, domain: self._validate(
                slot, value, dispatcher, tracker)
        raise AttributeError(name)

    def _validate(self, slot: str, value: Any, dispatcher: CollectingDispatcher,
                  tracker: Tracker) -> Dict[Text, Any]:
        text = str(value if value is not None else "")[:5000]
        answers = dict(tracker.get_slot("prescreen_answers") or {})
        failures = dict(tracker.get_slot("prescreen_failures") or {})
        intent = latest_intent(tracker)
        if intent == "ask_why":
            dispatcher.utter_message(response=prescreen.why_response(slot))
            return {slot: None}
        parsed, understood, unsure = understand(slot, text)
        if parsed is None and failures.get(slot, 0) >= MAX_TRIES and (
                unsure or prescreen.is_skip(text)):
            if question(slot)["type"] == "consent":
                # Consent cannot be "unsure": no clear yes is a no, and the form
                # ends here rather than ask health questions it may not keep.
                return {slot: False, "prescreen_failures": failures}
            parsed, understood = None, "not sure / skipped"
            answers[slot] = {"typed": text[:500], "understood": understood, "value": None}
            return {slot: "unsure", "prescreen_answers": answers}
        if parsed is None:
            if intent == "faq" and _answer_faq(dispatcher, tracker):
                return {slot: None}
            failures[slot] = failures.get(slot, 0) + 1
            if failures[slot] >= MAX_TRIES:
                dispatcher.utter_message(response="utter_prescreen_stuck")
            else:
                dispatcher.utter_message(response=prescreen.reask_response(slot))
            return {slot: None, "prescreen_failures": failures}
        answers[slot] = {"typed": text[:500], "understood": understood, "value": parsed}
        return {slot: parsed, "prescreen_answers": answers, "prescreen_failures": failures}


def _answer_faq(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """Answer an FAQ asked mid-form; the form asks its question again after it."""
    key = selected_key(tracker)
    if parse_property(tracker, "faq_gate").get("status") != "ok" or key not in knowledge.faq_keys():
        return False
    dispatcher.utter_message(response=f"utter_faq/{key}")
    dispatcher.utter_message(response="utter_prescreen_resume")
    return True


class ActionPrescreenSubmit(Action):
    """The outcome, the record (only with consent), and a next step."""

    def name(self) -> Text:
        return "action_prescreen_submit"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        reset = [SlotSet(s, None) for s in form_slots()] + [
            SlotSet("prescreen_answers", None), SlotSet("prescreen_failures", None)]
        if tracker.get_slot("prescreen_consent") is not True:
            dispatcher.utter_message(response="utter_prescreen_no_consent")
            return reset
        answers = tracker.get_slot("prescreen_answers") or {}
        result = prescreen.outcome(answers)
        reasons_text = "; ".join(result.patient_reasons)
        consent_at = _consent_time(tracker)
        try:
            store.save_prescreen(tracker.sender_id, channel_of(tracker), answers,
                                 result.outcome, result.reasons, consent_at)
        except Exception:  # noqa: BLE001 - the patient still gets their outcome
            import logging
            logging.getLogger(__name__).exception("pre-screen record not saved")
        events = [SlotSet("prescreen_outcome", result.outcome),
                  SlotSet("prescreen_reasons", reasons_text)]
        # The reply needs the reasons slot filled before the response renders.
        dispatcher.utter_message(response=f"utter_prescreen_{result.outcome}",
                                 prescreen_reasons=reasons_text)
        return events + reset


def _consent_time(tracker: Tracker) -> str:
    """When this questionnaire's consent was given: the latest "yes", since a
    patient may fill the form more than once in one conversation."""
    for event in reversed(tracker.events):
        if event.get("event") == "slot" and event.get("name") == "prescreen_consent" \
                and event.get("value") is True and event.get("timestamp"):
            return datetime.fromtimestamp(event["timestamp"], timezone.utc) \
                .isoformat(timespec="seconds")
    return store.now()


class ActionPrescreenCancel(Action):
    def name(self) -> Text:
        return "action_prescreen_cancel"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        if latest_intent(tracker) == "stop":
            dispatcher.utter_message(response="utter_prescreen_cancelled")
        return [ActiveLoop(None), SlotSet("requested_slot", None)] + [
            SlotSet(s, None) for s in form_slots()] + [
            SlotSet("prescreen_answers", None), SlotSet("prescreen_failures", None)]
