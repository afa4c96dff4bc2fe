"""A patient's request to delete their data."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import AllSlotsReset, Restarted
from rasa_sdk.executor import CollectingDispatcher

from bot import store


class ActionDeleteMyData(Action):
    """Delete the records kept for this conversation and forget its slots.

    The transcript itself stays in Rasa's tracker store until the retention
    purge (`make purge`) removes it; staff can also delete it from the inbox.
    """

    def name(self) -> Text:
        return "action_delete_my_data"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        store.delete_patient_data(tracker.sender_id, actor="patient")
        dispatcher.utter_message(response="utter_data_deleted")
        return [AllSlotsReset()]
