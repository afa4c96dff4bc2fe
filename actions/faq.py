"""Answering FAQ questions from knowledge/, and the fallback."""
from __future__ import annotations

import json
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import entity_values, parse_property
from bot import knowledge

PRESCREEN_OFFER_KEYS = {"candidacy", "safety"}


def faq_button(key: str) -> Dict[str, str]:
    return {"title": knowledge.faq_entry(key)["title"],
            "payload": "/faq" + json.dumps({"faq_topic": key})}


def answer_buttons(key: str) -> List[Dict[str, str]]:
    """The offer of more: related topics, and the suitability check where it fits."""
    buttons = [faq_button(k) for k in knowledge.faq_entry(key).get("related") or []]
    if key in PRESCREEN_OFFER_KEYS:
        buttons.insert(0, {"title": "Check if it suits me", "payload": "/start_prescreen"})
    return buttons[:3]


def did_you_mean(dispatcher: CollectingDispatcher, candidates: List[str]) -> None:
    buttons = [faq_button(k) for k in candidates if k in knowledge.faq_keys()]
    buttons.append({"title": "Something else", "payload": "/deny"})
    dispatcher.utter_message(response="utter_did_you_mean_intro", buttons=buttons)


def selected_key(tracker: Tracker) -> str | None:
    block = ((tracker.latest_message or {}).get("response_selector") or {}).get("faq") or {}
    key = ((block.get("response") or {}).get("intent_response_key") or "")
    return key.split("/", 1)[-1] or None


class ActionAnswerFaq(Action):
    def name(self) -> Text:
        return "action_answer_faq"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
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
        dispatcher.utter_message(response=f"utter_faq/{key}", buttons=answer_buttons(key))
        return []


class ActionFallback(Action):
    """What to say when the NLU is unsure or the message is odd."""

    def name(self) -> Text:
        return "action_fallback"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        issue = (tracker.latest_message or {}).get("input_issue")
        if issue == "not_latin":
            dispatcher.utter_message(response="utter_not_english")
        elif issue:
            dispatcher.utter_message(response="utter_bad_input")
        elif parse_property(tracker, "faq_gate").get("candidates"):
            did_you_mean(dispatcher, parse_property(tracker, "faq_gate")["candidates"])
        else:
            dispatcher.utter_message(response="utter_default")
        return []
