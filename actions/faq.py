"""Answering FAQ questions from knowledge/, and the fallback."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import entity_values, parse_property
from bot import faq, knowledge

# Intents worth offering as a button when the NLU is unsure between them.
OFFERS = {
    "start_prescreen": {"title": "Check if it suits me", "payload": "/start_prescreen"},
    "book_consultation": {"title": "Book a consultation", "payload": "/book_consultation"},
    "human_handoff": {"title": "Talk to a person", "payload": "/human_handoff"},
}
OFFER_MIN_CONFIDENCE = 0.1


def intent_offers(tracker: Tracker) -> list[dict[str, str]]:
    """Buttons for the likely intents the classifier was unsure about."""
    ranking = (tracker.latest_message or {}).get("intent_ranking") or []
    return [
        OFFERS[r["name"]]
        for r in ranking[:4]
        if r.get("name") in OFFERS and (r.get("confidence") or 0) >= OFFER_MIN_CONFIDENCE
    ]


def faq_button(key: str) -> dict[str, str]:
    return faq.topic_button(key, knowledge.faq_entry(key)["title"])


def did_you_mean(
    dispatcher: CollectingDispatcher, candidates: list[str], extra: list[dict[str, str]] = ()
) -> None:
    """Ask "Did you mean ...?" with a button per candidate, rather than guess."""
    buttons = [faq_button(k) for k in candidates if k in knowledge.faq_keys()]
    extra = list(extra)
    if set(candidates) & set(faq.PRESCREEN_OFFER_KEYS) and OFFERS["start_prescreen"] not in extra:
        extra.insert(0, OFFERS["start_prescreen"])  # "can I have it?" is often about oneself
    buttons = (extra + buttons)[:3]
    buttons.append({"title": "Something else", "payload": "/deny"})
    dispatcher.utter_message(response="utter_did_you_mean_intro", buttons=buttons)


def selected_key(tracker: Tracker) -> str | None:
    block = ((tracker.latest_message or {}).get("response_selector") or {}).get("faq") or {}
    key = (block.get("response") or {}).get("intent_response_key") or ""
    return key.split("/", 1)[-1] or None


class ActionAnswerFaq(Action):
    def name(self) -> str:
        return "action_answer_faq"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        keys = knowledge.faq_keys()
        chosen = [k for k in entity_values(tracker, "faq_topic") if k in keys]
        gate = parse_property(tracker, "faq_gate")
        if chosen:
            key = chosen[0]
        elif gate.get("status") == "tie":
            did_you_mean(dispatcher, gate.get("candidates") or [])
            return []
        else:
            key = selected_key(tracker)
        if key not in keys:
            dispatcher.utter_message(response="utter_default")
            return []
        # The response carries its own buttons (related topics, the pre-screen
        # offer: bot.faq.answer_buttons); buttons given here would be added twice.
        dispatcher.utter_message(response=f"utter_faq/{key}")
        return []


class ActionFallback(Action):
    """What to say when the NLU is unsure or the message is odd."""

    def name(self) -> str:
        return "action_fallback"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        issue = (tracker.latest_message or {}).get("input_issue")
        if issue == "not_latin":
            dispatcher.utter_message(response="utter_not_english")
        elif issue:
            dispatcher.utter_message(response="utter_bad_input")
        else:
            keys = parse_property(tracker, "faq_gate").get("candidates") or []
            offers = intent_offers(tracker)
            if keys or offers:
                did_you_mean(dispatcher, keys, extra=offers)
            else:
                dispatcher.utter_message(response="utter_default")
        return []
