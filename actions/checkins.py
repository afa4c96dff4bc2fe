"""Aftercare check-ins in the dialogue: the patient's answer, and "stop".

``bot/channels/checkin_hook.py`` has already read the message before NLU: it
marked the check-in answered and put what the dialogue needs in the user
event's ``metadata["checkin"]`` (the words, the days since treatment, the
treatment, what a tapped quick reply means). A red flag in an answer never
reaches these actions: it goes the red-flag way (``action_triage``, which
reads the same days). Database writes run in a thread: rasa-sdk runs
actions on its event loop.
"""

from __future__ import annotations

import asyncio
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import checkin_info, latest_text
from actions.triage import CHECK_FORM, PENDING_SLOT, VAGUE_FORM, close_forms, escalate_and_reply
from bot import checkins, triage
from bot.levels import ESCALATING

AFTERCARE = "utter_faq/aftercare"


def triage_context(info: dict[str, Any]) -> dict[str, Any]:
    return {
        "days_since_treatment": info.get("days_since_treatment"),
        "treatment": info.get("treatment"),
    }


class ActionCheckinReply(Action):
    """A calm or vague answer to a check-in, triaged with the days since treatment.

    A tapped "All fine" (or words with nothing to triage): thanks and the
    aftercare reminder (with the safety net). Expected effects: the red-flag
    check first, then the reassurance, which has the aftercare and the net
    (``action_triage_conclude``).
    "Something worries me" or a vague report: the red-flag questions, and
    staff follow up if still unsure. No ticket for a calm answer.
    """

    def name(self) -> str:
        return "action_checkin_reply"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        info = checkin_info(tracker)
        if info.get("route") != "reply":  # typed "/checkin_reply": not an answer
            dispatcher.utter_message(response="utter_default")
            return []
        text = str(info.get("text") or latest_text(tracker))
        found = triage.assess(text, context=triage_context(info))
        level, means = found.level, info.get("means")
        if level in ESCALATING:  # the hook let red flags pass; the day can still raise one
            events = await asyncio.to_thread(
                escalate_and_reply, dispatcher, tracker, level, found.signs, found.reasons, False
            )
            return close_forms(tracker) + events
        pending = {
            "level": level,
            "signs": found.signs,
            "reasons": found.reasons[:20],
            "checkin": True,
        }
        if means == "worried" or (level is None and found.ask):
            return [
                SlotSet("triage_level", None),
                SlotSet(PENDING_SLOT, pending),
                FollowupAction(VAGUE_FORM),
            ]
        if level is None:  # "All fine", "good thanks": nothing to triage
            dispatcher.utter_message(text=checkins.settings().fine_reply())
            dispatcher.utter_message(response=AFTERCARE)
            return []
        if found.check:  # expected effects: the red-flag check before any reassurance
            return [
                SlotSet("triage_level", None),
                SlotSet(PENDING_SLOT, pending),
                FollowupAction(CHECK_FORM),
            ]
        # everything denied: reassurance, whose reply has the aftercare and the safety net
        return await asyncio.to_thread(
            escalate_and_reply, dispatcher, tracker, level, found.signs, found.reasons, False
        )


class ActionCheckinStop(Action):
    """ "stop" while check-ins are to come: cancel them all and say so."""

    def name(self) -> str:
        return "action_checkin_stop"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        if checkin_info(tracker).get("route") != "stop":
            dispatcher.utter_message(response="utter_default")
            return []
        await asyncio.to_thread(checkins.opt_out, tracker.sender_id)
        dispatcher.utter_message(text=checkins.settings().opt_out_reply())
        return []
