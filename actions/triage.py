"""Triage of symptom reports, escalation to staff, and the handoff.

The level of a message is decided in NLU (bot/nlu/red_flags.py puts it, with
the signs and the reasons, in the parse's ``triage`` property), so these
actions read it instead of running triage again. The advice for an
emergency, urgent or routine report was already sent by a rule when the
intent named the level (data/rules/triage.yml); the action writes the ticket.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.events import ActiveLoop, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import (
    ThreadedAction,
    channel_of,
    checkin_info,
    entity_values,
    latest_intent,
    latest_message_id,
    latest_text,
    parse_property,
)
from bot import escalation, prescreen, triage
from bot.levels import ESCALATING, HANDOFF, rank

# The report intents that name a level: a rule already sent that level's advice.
LEVEL_OF_INTENT = {
    "report_emergency": "emergency",
    "report_urgent": "urgent",
    "report_routine": "routine",
}
CHECK_FORM = "red_flag_check"
VAGUE_FORM = "red_flag_form"
PENDING_SLOT = "triage_pending"  # what the message said while the check is asked
SECONDS_PER_DAY = 86_400.0


def close_forms(tracker: Tracker) -> list[dict[str, Any]]:
    """End a questionnaire a red flag interrupted."""
    if tracker.active_loop.get("name"):
        return [ActiveLoop(None), SlotSet("requested_slot", None)]
    return []


def triage_of(tracker: Tracker) -> dict[str, Any]:
    """The ``triage`` property of the latest message (NLU's reading of it).

    A message parsed without it (a model from before this property, a test)
    is read here once, the same way.
    """
    prop = parse_property(tracker, "triage")
    if prop and "reasons" in prop:
        return prop
    a = triage.assess(latest_text(tracker))
    return {
        "level": a.level,
        "signs": a.signs,
        "negated": a.negated,
        "denied": a.denied,
        "check": a.check,
        "days": a.days,
        "ask": a.ask,
        "reasons": a.reasons,
        "rules_level": a.level,
        "source": "rules",
    }


def conversation_days(tracker: Tracker, now: float | None = None) -> float | None:
    """Days since treatment as the patient said it earlier in this conversation.

    The latest earlier message whose ``triage`` property has ``days``, plus
    the time gone by since it was sent ("I had meso 2 days ago" yesterday
    makes 3 days today).
    """
    now = time.time() if now is None else now
    latest_id = latest_message_id(tracker)
    for event in reversed(tracker.events or []):
        if event.get("event") != "user" or (latest_id and event.get("message_id") == latest_id):
            continue
        days = ((event.get("parse_data") or {}).get("triage") or {}).get("days")
        if isinstance(days, (int, float)):
            since = max(0.0, now - float(event.get("timestamp") or now)) / SECONDS_PER_DAY
            return float(days) + since
    return None


def escalate_and_reply(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    level: str,
    signs: Sequence[str],
    reasons: Sequence[str],
    advised: bool,
) -> list[dict[str, Any]]:
    """Reply for ``level``, write the ticket, and hand off where the level calls for it.

    ``advised`` is True when the level's advice already went out from a rule.
    """
    events: list[dict[str, Any]] = [SlotSet("triage_level", level)]
    if not advised:
        reply = triage.reply_for(level)
        if reply:
            dispatcher.utter_message(response=reply)
    if level in ESCALATING:
        reason = "; ".join(reasons) or f"{level} symptom report"
        done = escalation.outcome(
            tracker.sender_id,
            channel_of(tracker),
            level,
            reason=reason,
            signs=list(signs),
            episode_key=latest_message_id(tracker),
        )
        if done.ticket:
            events.append(SlotSet("handoff_ticket_id", done.ticket["id"]))
        if level in HANDOFF:
            events.append(SlotSet("handoff_active", True))
            # "passed to the team" only when staff are known to have it
            if done.staff_know:
                dispatcher.utter_message(response="utter_triage_handoff")
            else:
                dispatcher.utter_message(text=escalation.unreachable_text())
    return events


class ActionTriage(ThreadedAction):
    """Act on the level of a symptom report.

    Emergency, urgent, routine: the ticket (the advice came from a rule).
    Expected effects: the red-flag check first, unless the message denied all
    of it. Vague reports: the red-flag questions.
    """

    def name(self) -> str:
        return "action_triage"

    def act(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
        # the ticket is a database write: in ThreadedAction's worker thread
        known = checkin_info(tracker)  # a recorded treatment: its day is known
        if known.get("route") == "reply":  # an answer to an aftercare check-in
            from actions.checkins import answer_checkin

            return answer_checkin(dispatcher, tracker)
        prop = triage_of(tracker)
        intent = latest_intent(tracker)
        level = LEVEL_OF_INTENT.get(intent or "") or prop.get("level")
        advised = intent in LEVEL_OF_INTENT
        signs, reasons = list(prop.get("signs") or []), list(prop.get("reasons") or [])
        check = list(prop.get("check") or [])
        if prop.get("days") is None and level != "emergency":
            # the message says no time: the check-in or the conversation may know it
            days = known.get("days_since_treatment")
            days = conversation_days(tracker) if days is None else days
            if days is not None:
                again = triage.assess(
                    latest_text(tracker),
                    context={"days_since_treatment": days, "treatment": known.get("treatment")},
                )
                if rank(again.level) > rank(level):
                    level, advised = again.level, False
                    signs, reasons, check = again.signs, again.reasons, again.check
        if level == "emergency":
            return close_forms(tracker) + escalate_and_reply(
                dispatcher, tracker, level, signs, reasons, advised=intent == "report_emergency"
            )
        pending = {"level": level, "signs": signs, "reasons": reasons[:20]}
        if level is None:  # nothing specific found: ask before deciding
            return [
                SlotSet("triage_level", None),
                SlotSet(PENDING_SLOT, pending),
                FollowupAction(VAGUE_FORM),
            ]
        if level == "none" and check:  # before any reassurance: the red-flag check
            return [
                SlotSet("triage_level", None),
                SlotSet(PENDING_SLOT, pending),
                FollowupAction(CHECK_FORM),
            ]
        return escalate_and_reply(dispatcher, tracker, level, signs, reasons, advised)


class ValidateRedFlagForm(FormValidationAction):
    """Yes/no answers to the red-flag questions; an unclear answer is asked once more."""

    def name(self) -> str:
        return "validate_red_flag_form"

    async def required_slots(
        self, domain_slots: list[str], dispatcher, tracker, domain
    ) -> list[str]:
        return [q["slot"] for q in triage.vague_questions()]

    def __getattr__(self, name: str):
        if name.startswith("validate_rf_"):
            slot = name[len("validate_") :]
            return lambda value, dispatcher, tracker, domain: self._validate(
                slot, value, dispatcher, tracker
            )
        raise AttributeError(name)

    def _validate(
        self, slot: str, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> dict[str, Any]:
        answer = prescreen.parse_yes_no(str(value or ""), slot)
        if answer.value is not None:
            return {slot: "yes" if answer.value else "no"}
        if _asked(tracker, slot) > 1:
            return {slot: "unclear"}  # asked twice: still unsure counts toward routine
        dispatcher.utter_message(response="utter_rf_reask")
        return {slot: None}


class ValidateRedFlagCheck(FormValidationAction):
    """The one-message red-flag check: "no", or which sign (a quick reply or words)."""

    def name(self) -> str:
        return "validate_red_flag_check"

    def validate_rf_check(
        self,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: dict[str, Any],
    ) -> dict[str, Any]:
        slot = triage.check_slot()
        text = str(value or "")
        chosen = [v for v in entity_values(tracker, "rf_sign") if v in triage.check_option_ids()]
        chosen = chosen or triage.check_answer(text)
        if chosen:
            return {slot: chosen[0]}  # the options are listed most serious first
        answer = prescreen.parse_yes_no(text, slot)
        tries = _asked(tracker, slot)
        if answer.value is False:
            return {slot: "no"}
        if answer.value is True:
            if tries > 1:
                return {slot: "yes"}  # yes, twice, without saying which
            dispatcher.utter_message(response="utter_rf_check_which")
            return {slot: None}
        if tries > 1:
            return {slot: "unclear"}
        dispatcher.utter_message(response="utter_rf_check_reask")
        return {slot: None}


def _asked(tracker: Tracker, slot: str) -> int:
    return len(
        [
            e
            for e in tracker.events
            if e.get("event") == "slot"
            and e.get("name") == "requested_slot"
            and e.get("value") == slot
        ]
    )


class ActionTriageConclude(ThreadedAction):
    """Decide after the red-flag check or the red-flag questions.

    The check (before reassurance): "no" is the expected effect it was, and
    the bot reassures; an option is that sign, at its level; an unspecified
    "yes" is urgent; no clear answer is routine (still unsure). The questions
    (vague reports): any yes gives its level, else routine at least.
    """

    def name(self) -> str:
        return "action_triage_conclude"

    def act(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
        pending = tracker.get_slot(PENDING_SLOT) or {}
        pending = pending if isinstance(pending, dict) else {}
        check_slot = triage.check_slot()
        clear = [SlotSet(PENDING_SLOT, None)]
        if tracker.get_slot(check_slot) is not None or pending.get("level") == "none":
            level, signs, reasons = triage.assess_check(tracker.get_slot(check_slot), pending)
            events = escalate_and_reply(dispatcher, tracker, level, signs, reasons, advised=False)
            return events + clear + [SlotSet(check_slot, None)]
        slots = [q["slot"] for q in triage.vague_questions()]
        answers = {s: {"yes": True, "no": False}.get(tracker.get_slot(s)) for s in slots}
        assessment = triage.assess_answers(answers)
        level = triage.highest(assessment.level, "routine") or "routine"
        reasons = list(pending.get("reasons") or []) + assessment.reasons
        signs = assessment.signs + [
            s for s in pending.get("signs") or [] if s not in assessment.signs
        ]
        events = escalate_and_reply(dispatcher, tracker, level, signs, reasons, advised=False)
        return events + clear + [SlotSet(s, None) for s in slots]


class ActionHandoffRequest(ThreadedAction):
    """The patient asked for a person: a ticket, and the conversation held for staff."""

    def name(self) -> str:
        return "action_handoff_request"

    def act(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
        done = escalation.outcome(
            tracker.sender_id,
            channel_of(tracker),
            "routine",
            reason="The patient asked to talk to a person",
            episode_key=latest_message_id(tracker),
        )
        if done.staff_know:
            dispatcher.utter_message(response="utter_handoff_requested")
        else:
            dispatcher.utter_message(text=escalation.unreachable_text())
        events = [SlotSet("handoff_active", True)]
        if done.ticket:
            events.append(SlotSet("handoff_ticket_id", done.ticket["id"]))
        return events


class ActionHandoffHold(ThreadedAction):
    """During a handoff: keep the message for staff, escalate if it got worse.

    Every urgent report gets the urgent advice, the second one too (the
    clinical review's item 38a): a patient who writes again that the area is
    now hot and oozing must not hear only silence.
    """

    def name(self) -> str:
        return "action_handoff_hold"

    def act(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
        prop = triage_of(tracker)
        level = LEVEL_OF_INTENT.get(latest_intent(tracker) or "") or prop.get("level")
        events: list[dict[str, Any]] = []
        if level in ("urgent", "routine"):
            ticket = escalation.escalate(
                tracker.sender_id,
                channel_of(tracker),
                level,
                reason="; ".join(prop.get("reasons") or []) or "new symptom during handoff",
                signs=prop.get("signs") or [],
                episode_key=latest_message_id(tracker),
            )
            events.append(SlotSet("triage_level", level))
            if ticket:
                events.append(SlotSet("handoff_ticket_id", ticket["id"]))
        if level == "urgent":
            dispatcher.utter_message(response=triage.reply_for("urgent"))
        elif not _held_before(tracker):
            dispatcher.utter_message(response="utter_handoff_hold")
        return events


def _held_before(tracker: Tracker) -> bool:
    """True if the bot's last message already said the team has it."""
    for event in reversed(tracker.events):
        if event.get("event") == "bot":
            return (event.get("metadata") or {}).get("utter_action") == "utter_handoff_hold"
    return False
