"""A patient's request to delete their data."""

from __future__ import annotations

import logging
import sqlite3
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import AllSlotsReset, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import ThreadedAction
from bot import checkins, config, store

log = logging.getLogger(__name__)


def _email() -> str:
    try:
        return str((config.clinic() or {}).get("email") or "the clinic")
    except Exception:  # noqa: BLE001
        return "the clinic"


def kept_text() -> str:
    # Wording note: knowledge/replies is the home of what the bot says; these
    # two sentences live here until they get responses of their own there.
    return (
        "I've deleted your questionnaire answers. The report you sent to the clinic "
        "team stays with them while they are dealing with it; ask them to delete it "
        f"once they have. For anything else the clinic holds, email {_email()}."
    )


def failed_text() -> str:
    return (
        "Sorry, I could not delete your data just now. Please try again later, or "
        f"email {_email()}."
    )


def delete(conversation_id: str) -> tuple[dict[str, int], dict[str, Any] | None]:
    """Delete what the patient asked; the ticket kept for staff, if any. One connection."""
    db = store.open_db()
    try:
        result = store.delete_patient_data(conversation_id, actor="patient", db=db)
        checkins.delete_patient_data(conversation_id, actor="patient", db=db)  # and check-ins
        held = store.open_ticket_for(conversation_id, db=db) if result["kept"] else None
        return result, held
    finally:
        db.conn.close()


class ActionDeleteMyData(ThreadedAction):
    """Delete the records kept for this conversation and forget its slots.

    An open emergency or urgent ticket that staff are dealing with is kept
    (``store.delete_patient_data``), and the conversation stays with staff:
    whoever sends "delete my data" (after a restart, too) cannot make such a
    report disappear. The transcript itself stays in Rasa's tracker store until
    the retention purge (`make purge`) removes it (the inbox has no delete
    button).

    In a worker thread (``ThreadedAction``): the deletion is a write
    transaction that may wait up to 10 s for SQLite's lock, and the action
    server's event loop keeps serving other conversations meanwhile.
    """

    def name(self) -> str:
        return "action_delete_my_data"

    def act(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
        try:
            _, held = delete(tracker.sender_id)
        except (sqlite3.Error, OSError):
            log.exception("a patient's deletion request failed")
            dispatcher.utter_message(text=failed_text())
            return []
        if not held:
            dispatcher.utter_message(response="utter_data_deleted")
            return [AllSlotsReset()]
        dispatcher.utter_message(text=kept_text())
        return [
            AllSlotsReset(),
            SlotSet("handoff_ticket_id", held["id"]),
            SlotSet("handoff_active", True),
        ]
