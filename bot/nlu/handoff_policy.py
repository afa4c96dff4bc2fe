"""A dialogue policy that holds a conversation for staff during a handoff.

While the slot ``handoff_active`` is true the conversation belongs to a person:
the bot stops chatting and keeps the patient's messages for staff (they stay in
the tracker store, which the inbox reads). Rasa's own pause would also ignore
a red flag, so this policy steps aside for ``report_emergency``: the emergency
rule still answers at once. Staff hand the conversation back by setting
``handoff_active`` to false through Rasa's HTTP API.
"""

from __future__ import annotations

from typing import Any

from rasa.core.policies.policy import Policy, PolicyPrediction
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker

HOLD_ACTION = "action_handoff_hold"
SLOT = "handoff_active"
PASS_THROUGH_INTENTS = {"report_emergency", "restart", "session_start"}


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True
)
class HandoffPolicy(Policy):
    """Predicts ``action_handoff_hold`` for each patient message during a handoff."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        # Above RulePolicy (4) so a handoff wins over every rule but the
        # intents in PASS_THROUGH_INTENTS, for which this policy says nothing.
        return {"priority": 7}

    def train(
        self, training_trackers: list[TrackerWithCachedStates], domain: Domain, **kwargs: Any
    ) -> Resource:
        return self._resource  # nothing to learn: the behaviour is fixed

    def predict_action_probabilities(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
        action = next_action(tracker)
        if action is None:
            return self._prediction(self._default_predictions(domain))
        probabilities = self._default_predictions(domain)
        probabilities[domain.index_for_action(action)] = 1.0
        return self._prediction(probabilities)

    # Loading: Rasa's Policy.load, which finds nothing stored (``train`` writes
    # nothing) and builds the policy from its config.


def next_action(tracker: DialogueStateTracker) -> str | None:
    """The action a handoff calls for now, or None to let other policies decide."""
    if not tracker.get_slot(SLOT) or tracker.active_loop_name:
        return None
    last = _last_action_or_user(tracker)
    if isinstance(last, UserUttered):
        intent = (last.intent or {}).get("name")
        return None if intent in PASS_THROUGH_INTENTS else HOLD_ACTION
    if isinstance(last, ActionExecuted) and last.action_name == HOLD_ACTION:
        return ACTION_LISTEN_NAME
    return None


def _last_action_or_user(tracker: DialogueStateTracker):
    for event in reversed(tracker.events):
        if isinstance(event, (UserUttered, ActionExecuted)):
            if isinstance(event, ActionExecuted) and event.action_name in ("action_extract_slots",):
                continue
            return event
    return None
