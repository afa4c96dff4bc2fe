"""The pre-screening questionnaire: validation, interruptions, the record.

Glue only: the dialogue decisions (re-asking, "not sure" after two tries, the
consent that is never "not sure") are ``bot.prescreen.next_step``; the
routing is ``bot.prescreen.outcome``.
"""

from __future__ import annotations

import logging
from datetime import datetime, timezone
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import ThreadedAction, channel_of, latest_intent, parse_property
from actions.faq import selected_key
from actions.forms import FreeTextFormValidation
from bot import knowledge, prescreen, store

log = logging.getLogger(__name__)


def form_slots() -> list[str]:
    return prescreen.slots()


class ValidatePrescreenForm(FreeTextFormValidation):
    """Understands free answers, answers "why?" and FAQs, re-asks, ends early."""

    def name(self) -> str:
        return "validate_prescreen_form"

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        slots = form_slots()
        if tracker.get_slot("prescreen_consent") is False:
            return ["prescreen_consent"]  # no consent: nothing more is asked or kept
        answers = tracker.get_slot("prescreen_answers") or {}
        if answers and prescreen.outcome(answers).outcome == "not_suitable":
            return [s for s in slots if s in answers]  # no need to ask further
        return slots

    def handles(self, slot: str) -> bool:
        return slot in form_slots()

    def validate_free_text(
        self,
        slot: str,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        failures = dict(tracker.get_slot("prescreen_failures") or {})
        intent = latest_intent(tracker)
        step = prescreen.next_step(
            slot,
            value,
            intent=intent,
            failures=failures.get(slot, 0),
            faq_key=_answerable_faq(tracker) if intent == "faq" else None,
        )
        for response in step.say:
            dispatcher.utter_message(response=response)
        events: dict[str, Any] = {slot: step.value}
        if step.record is not None:
            answers = dict(tracker.get_slot("prescreen_answers") or {})
            answers[slot] = step.record
            events["prescreen_answers"] = answers
        if step.failures is not None:
            if step.failures or slot in failures:
                failures[slot] = step.failures
            events["prescreen_failures"] = failures
        return events


def _answerable_faq(tracker: Tracker) -> str | None:
    """The FAQ asked mid-form, when the bot can answer it with confidence."""
    key = selected_key(tracker)
    if parse_property(tracker, "faq_gate").get("status") != "ok":
        return None
    return key if key in knowledge.faq_keys() else None


class ActionPrescreenSubmit(ThreadedAction):
    """The outcome, the record (only with consent), and a next step.

    The record is a database write: ``act`` runs in a worker thread.
    """

    def name(self) -> str:
        return "action_prescreen_submit"

    def act(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
        reset = [SlotSet(s, None) for s in form_slots()] + [
            SlotSet("prescreen_answers", None),
            SlotSet("prescreen_failures", None),
        ]
        if tracker.get_slot("prescreen_consent") is not True:
            dispatcher.utter_message(response="utter_prescreen_no_consent")
            return reset
        answers = tracker.get_slot("prescreen_answers") or {}
        result = prescreen.outcome(answers)
        reasons_text = prescreen.reasons_text(result.patient_reasons)
        consent_at = _consent_time(tracker)
        try:
            store.save_prescreen(
                tracker.sender_id,
                channel_of(tracker),
                answers,
                result.outcome,
                result.reasons,
                consent_at,
            )
        except Exception:  # noqa: BLE001 - the patient still gets their outcome
            log.exception("pre-screen record not saved")
        events = [
            SlotSet("prescreen_outcome", result.outcome),
            SlotSet("prescreen_reasons", reasons_text),
        ]
        # The reply needs the reasons slot filled before the response renders.
        dispatcher.utter_message(
            response=f"utter_prescreen_{result.outcome}", prescreen_reasons=reasons_text
        )
        return events + reset


def _consent_time(tracker: Tracker) -> str:
    """When this questionnaire's consent was given: the latest "yes", since a
    patient may fill the form more than once in one conversation."""
    for event in reversed(tracker.events):
        if (
            event.get("event") == "slot"
            and event.get("name") == "prescreen_consent"
            and event.get("value") is True
            and event.get("timestamp")
        ):
            given = datetime.fromtimestamp(event["timestamp"], timezone.utc)
            return given.isoformat(timespec="seconds")
    return store.now()


class ActionPrescreenCancel(Action):
    def name(self) -> str:
        return "action_prescreen_cancel"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        if latest_intent(tracker) == "stop":
            dispatcher.utter_message(response="utter_prescreen_cancelled")
        return (
            [ActiveLoop(None), SlotSet("requested_slot", None)]
            + [SlotSet(s, None) for s in form_slots()]
            + [SlotSet("prescreen_answers", None), SlotSet("prescreen_failures", None)]
        )
