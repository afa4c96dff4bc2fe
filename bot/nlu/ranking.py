"""Rewriting a parsed message's intent, shared by the NLU components that
overrule the classifiers (FaqAnswerGate, RedFlagDetector)."""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any

from rasa.shared.nlu.constants import (
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
)
from rasa.shared.nlu.training_data.message import Message


def set_intent(
    message: Message, name: str, confidence: float = 1.0, drop: Iterable[str] = ()
) -> None:
    """Make ``name`` the intent, first in the ranking. The previous intent stays
    in the ranking (second, if the ranking did not have it); intents named in
    ``drop`` leave it."""
    old = copy.deepcopy(message.get(INTENT) or {})
    gone = {name, *drop}
    ranking = [
        r
        for r in copy.deepcopy(message.get(INTENT_RANKING_KEY) or [])
        if r.get(INTENT_NAME_KEY) not in gone
    ]
    old_name = old.get(INTENT_NAME_KEY)
    if (
        old_name
        and old_name not in gone
        and not any(r.get(INTENT_NAME_KEY) == old_name for r in ranking)
    ):
        ranking.insert(0, old)
    new = {INTENT_NAME_KEY: name, PREDICTED_CONFIDENCE_KEY: float(confidence)}
    message.set(INTENT, new, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [new] + ranking, add_to_output=True)


def set_ranking(message: Message, ranked: list[list[Any]]) -> None:
    """Make the first of ``ranked`` ((name, confidence) pairs, best first) the
    intent and all of them its ranking, as Rasa's intent classifiers write them."""
    ranking = [{INTENT_NAME_KEY: name, PREDICTED_CONFIDENCE_KEY: float(p)} for name, p in ranked]
    message.set(INTENT, ranking[0], add_to_output=True)
    message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
