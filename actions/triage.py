"""Triage of symptom reports, escalation to staff, and the handoff."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActiveLoop, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import channel_of, latest_intent, latest_message_id, latest_text
from bot import escalation, prescreen, triage

REPLY = {"urgent": "utter_triage_urgent", "routine": "utter_triage_routine",
         "none": "utter_triage_none"}
HANDOFF_LEVELS = ("emergency", "urgent")  # after these the conversation belongs to staff


def close_forms(tracker: Tracker) -> List[Dict[str, Any]]:
    """End a questionnaire a red flag interrupted."""
    if tracker.active_loop.get("name"):
        return [ActiveLoop(None), SlotSet("requested_slot", None)]
    return []


def escalate_and_reply(dispatcher: CollectingDispatcher, tracker: Tracker, level: str,
                       assessment: triage.Assessment, advised: bool) -> List[Dict[str, Any]]:
    """Reply for ``level``, write the ticket, and hand off where the level calls for it.

    ``advised`` is True when the emergency advice already went out from a rule.
    """
    events: List[Dict[str, Any]] = [SlotSet("triage_level", level)]
    if level == "emergency" and not advised:
        dispatcher.utter_message(response="utter_emergency_advice")
    elif level in REPLY:
        dispatcher.utter_message(response=REPLY[level])
    if level in escalation.ESCALATING:
        reason = "; ".join(assessment.reasons) or f"{level} symptom report"
        done = escalation.outcome(tracker.sender_id, channel_of(tracker), level,
                                  reason=reason, signs=assessment.signs,
                                  episode_key=latest_message_id(tracker))
        if done.ticket:
            events.append(SlotSet("handoff_ticket_id", done.ticket["id"]))
        if level in HANDOFF_LEVELS:
            events.append(SlotSet("handoff_active", True))
            # "passed to the team" only when staff are known to have it
            if done.staff_know:
                dispatcher.utter_message(response="utter_triage_handoff")
            else:
                dispatcher.utter_message(text=escalation.unreachable_text())
    return events


class ActionTriage(Action):
    """Decide the level of a symptom report; vague reports get the red-flag questions."""

    def name(self) -> Text:
        return "action_triage"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        assessment = triage.assess(latest_text(tracker))
        intent = latest_intent(tracker)
        level = assessment.level
        if intent == "report_emergency":
            level = "emergency"
        events = close_forms(tracker) if level == "emergency" else []
        if level is None:  # nothing specific found: ask before deciding
            return [SlotSet("triage_level", None), FollowupAction("red_flag_form")]
        return events + escalate_and_reply(dispatcher, tracker, level, assessment,
                                           advised=intent == "report_emergency")


class ValidateRedFlagForm(FormValidationAction):
    """Yes/no answers to the red-flag questions; an unclear answer is asked once more."""

    def name(self) -> Text:
        return "validate_red_flag_form"

    async def required_slots(self, domain_slots: List[Text], dispatcher, tracker,
                             domain) -> List[Text]:
        return [q["slot"] for q in triage.vague_questions()]

    def __getattr__(self, name: str):
        if name.startswith("validate_rf_"):
            slot = name[len("validate_"):]
            return lambda value, dispatcher, tracker, domain: self._validate(
                slot, value, dispatcher, tracker)
        raise AttributeError(name)

    def _validate(self, slot: str, value: Any, dispatcher: CollectingDispatcher,
                  tracker: Tracker) -> Dict[Text, Any]:
        answer = prescreen.parse_yes_no(str(value or ""), slot)
        if answer.value is not None:
            return {slot: "yes" if answer.value else "no"}
        tries = [e for e in tracker.events if e.get("event") == "slot"
                 and e.get("name") == "requested_slot" and e.get("value") == slot]
        if len(tries) > 1:
            return {slot: "unclear"}  # asked twice: still unsure counts toward routine
        dispatcher.utter_message(response="utter_rf_reask")
        return {slot: None}


class ActionTriageConclude(Action):
    """Set the level from the red-flag answers: still unsure means routine at least."""

    def name(self) -> Text:
        return "action_triage_conclude"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        slots = [q["slot"] for q in triage.vague_questions()]
        answers = {s: {"yes": True, "no": False}.get(tracker.get_slot(s)) for s in slots}
        assessment = triage.assess_answers(answers)
        level = triage.highest(assessment.level, "routine")
        events = escalate_and_reply(dispatcher, tracker, level, assessment, advised=False)
        return events + [SlotSet(s, None) for s in slots]


class ActionHandoffRequest(Action):
    """The patient asked for a person: a ticket, and the conversation held for staff."""

    def name(self) -> Text:
        return "action_handoff_request"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        done = escalation.outcome(tracker.sender_id, channel_of(tracker), "routine",
                                  reason="The patient asked to talk to a person",
                                  episode_key=latest_message_id(tracker))
        if done.staff_know:
            dispatcher.utter_message(response="utter_handoff_requested")
        else:
            dispatcher.utter_message(text=escalation.unreachable_text())
        events = [SlotSet("handoff_active", True)]
        if done.ticket:
            events.append(SlotSet("handoff_ticket_id", done.ticket["id"]))
        return events


class ActionHandoffHold(Action):
    """During a handoff: keep the message for staff, escalate if it got worse."""

    def name(self) -> Text:
        return "action_handoff_hold"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        assessment = triage.assess(latest_text(tracker))
        events: List[Dict[str, Any]] = []
        if assessment.level in ("urgent", "routine"):
            ticket = escalation.escalate(
                tracker.sender_id, channel_of(tracker), assessment.level,
                reason="; ".join(assessment.reasons) or "new symptom during handoff",
                signs=assessment.signs, episode_key=latest_message_id(tracker))
            if ticket:
                events.append(SlotSet("handoff_ticket_id", ticket["id"]))
        if not _held_before(tracker):
            dispatcher.utter_message(response="utter_handoff_hold")
        return events


def _held_before(tracker: Tracker) -> bool:
    """True if the bot's last message already said the team has it."""
    for event in reversed(tracker.events):
        if event.get("event") == "bot":
            return (event.get("metadata") or {}).get("utter_action") == "utter_handoff_hold"
    return False
