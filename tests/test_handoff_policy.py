"""HandoffPolicy: while staff have a conversation the bot holds, except for red flags."""

from __future__ import annotations

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActiveLoop,
    Event,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.slots import BooleanSlot, TextSlot
from rasa.shared.core.trackers import DialogueStateTracker

from bot.nlu.handoff_policy import HOLD_ACTION, HandoffPolicy, next_action

SLOTS = [
    BooleanSlot("handoff_active", mappings=[{"type": "custom"}]),
    TextSlot("handoff_ticket_id", mappings=[{"type": "custom"}]),
]


def user(intent: str, text: str = "hello") -> UserUttered:
    return UserUttered(text, intent={"name": intent, "confidence": 0.95})


def tracker(events: list[Event], active: bool | None = True) -> DialogueStateTracker:
    start = [
        ActionExecuted("action_session_start"),
        SessionStarted(),
        ActionExecuted("action_listen"),
    ]
    if active is not None:
        start.append(SlotSet("handoff_active", active))
    return DialogueStateTracker.from_events("patient-1", start + events, slots=SLOTS)


def with_extract(intent: str) -> list[Event]:
    """What Rasa 3 writes for a user message: the message, then slot extraction."""
    return [user(intent), ActionExecuted("action_extract_slots")]


@pytest.mark.parametrize(
    "intent",
    ["faq", "greet", "report_symptom", "human_handoff", "nlu_fallback", "out_of_scope", "stop"],
)
def test_user_message_during_handoff_is_held(intent):
    assert next_action(tracker(with_extract(intent))) == HOLD_ACTION


def test_held_without_slot_extraction_event_too():
    assert next_action(tracker([user("faq")])) == HOLD_ACTION


def test_after_hold_the_bot_listens():
    events = with_extract("faq") + [
        ActionExecuted(HOLD_ACTION),
        SlotSet("handoff_ticket_id", "T-1"),
    ]
    assert next_action(tracker(events)) == "action_listen"


def test_after_listening_the_next_message_is_held_again():
    events = (
        with_extract("faq")
        + [ActionExecuted(HOLD_ACTION), ActionExecuted("action_listen")]
        + with_extract("thank")
    )
    assert next_action(tracker(events)) == HOLD_ACTION


@pytest.mark.parametrize("intent", ["report_emergency", "restart", "session_start"])
def test_red_flag_and_restart_pass_through(intent):
    assert next_action(tracker(with_extract(intent))) is None


def test_after_other_actions_it_says_nothing():
    events = with_extract("report_emergency") + [ActionExecuted("utter_emergency_advice")]
    assert next_action(tracker(events)) is None


@pytest.mark.parametrize("active", [False, None])
def test_no_handoff_no_opinion(active):
    assert next_action(tracker(with_extract("faq"), active=active)) is None


def test_handoff_handed_back_by_staff():
    events = (
        with_extract("faq")
        + [
            ActionExecuted(HOLD_ACTION),
            ActionExecuted("action_listen"),
            SlotSet("handoff_active", False),
        ]
        + with_extract("faq")
    )
    assert next_action(tracker(events)) is None


def test_active_loop_is_left_to_the_form():
    events = [ActiveLoop("prescreen_form")] + with_extract("faq")
    assert next_action(tracker(events)) is None


def test_empty_tracker():
    assert next_action(DialogueStateTracker.from_events("p", [], slots=SLOTS)) is None
    assert (
        next_action(
            DialogueStateTracker.from_events("p", [SlotSet("handoff_active", True)], slots=SLOTS)
        )
        is None
    )


# ------------------------------------------------ the policy inside Rasa's graph

DOMAIN = Domain.from_yaml("""
version: "3.1"
intents: [faq, greet, report_emergency]
slots:
  handoff_active:
    type: bool
    influence_conversation: false
    mappings: [{type: custom}]
responses:
  utter_emergency_advice: [{text: "Call the emergency number now."}]
actions: [action_handoff_hold]
""")


@pytest.fixture
def policy(tmp_path) -> HandoffPolicy:
    storage = LocalModelStorage(tmp_path)
    context = ExecutionContext(GraphSchema({}), "test")
    resource = Resource("handoff")
    return HandoffPolicy.create(HandoffPolicy.get_default_config(), storage, resource, context)


def _predicted(policy: HandoffPolicy, events: list[Event]) -> str | None:
    prediction = policy.predict_action_probabilities(tracker(events), DOMAIN)
    probs = prediction.probabilities
    if max(probs) == 0:
        return None
    return DOMAIN.action_names_or_texts[probs.index(max(probs))]


def test_policy_outranks_rules():
    """Rules predict with confidence 1.0 too: the higher priority wins the tie."""
    from rasa.core.policies.rule_policy import RulePolicy

    assert (
        HandoffPolicy.get_default_config()["priority"] > RulePolicy.get_default_config()["priority"]
    )


def test_policy_predicts_hold_then_listen(policy):
    assert _predicted(policy, with_extract("faq")) == HOLD_ACTION
    assert (
        _predicted(policy, with_extract("faq") + [ActionExecuted(HOLD_ACTION)]) == "action_listen"
    )
    assert _predicted(policy, with_extract("report_emergency")) is None
