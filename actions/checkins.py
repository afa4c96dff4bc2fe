"""Aftercare check-ins in the dialogue: the patient's answer, and "stop".

``bot/channels/checkin_hook.py`` has already read the message before NLU: it
marked the check-in answered and put what the dialogue needs in the user
event's ``metadata["checkin"]`` (the words, the days since treatment, the
treatment, what a tapped quick reply means, the route). An answer to take
here arrives as ``/report_symptom``; ``action_triage`` hands it to
``answer_checkin`` (in its worker thread: the database writes never block
rasa-sdk's event loop). A red flag that NLU can see never comes here: it
goes the red-flag way at once, and ``action_triage`` reads the same days.
"stop" arrives as ``/stop``, with the check-ins already cancelled.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import checkin_info, latest_text
from bot import checkins, triage
from bot.levels import ESCALATING

AFTERCARE = "utter_faq/aftercare"


def triage_context(info: dict[str, Any]) -> dict[str, Any]:
    return {
        "days_since_treatment": info.get("days_since_treatment"),
        "treatment": info.get("treatment"),
    }


def answer_checkin(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
    """An answer to a check-in, triaged with the days since treatment (synchronous).

    Escalating (only the day makes it so: NLU could not see it): that level's
    advice and a ticket. "All fine": thanks and the aftercare answer (which
    carries the safety net). "Something worries me": the red-flag questions,
    staff follow up if still unsure. Expected effects: the red-flag check
    first, then the reassurance, which has the aftercare and the net
    (``action_triage_conclude``). No ticket for a calm answer.
    """
    from actions.triage import (  # here: actions.triage calls this function
        CHECK_FORM,
        PENDING_SLOT,
        VAGUE_FORM,
        close_forms,
        escalate_and_reply,
    )

    info = checkin_info(tracker)
    text = str(info.get("text") or latest_text(tracker))
    found = triage.assess(text, context=triage_context(info))
    level, means = found.level, info.get("means")
    if level in ESCALATING:
        events = escalate_and_reply(dispatcher, tracker, level, found.signs, found.reasons, False)
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
    if level is None:  # "All fine": nothing to triage
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
    return escalate_and_reply(dispatcher, tracker, level, found.signs, found.reasons, False)


class ActionCheckinStop(Action):
    """ "stop" out of a form: goodbye, or, if it stopped the check-ins, say so.

    The check-ins were cancelled before NLU (``checkin_hook``); the reply
    carries the safety net either way.
    """

    def name(self) -> str:
        return "action_checkin_stop"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        if checkin_info(tracker).get("route") == "stop":
            dispatcher.utter_message(text=checkins.settings().opt_out_reply())
        else:
            dispatcher.utter_message(response="utter_goodbye")
        return []
