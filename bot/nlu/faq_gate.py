"""A Rasa NLU component that judges the FAQ answer, not just the intent.

It runs after the ResponseSelector and the FallbackClassifier. When the
message is `faq` but the best answer is weak it turns the intent into
`nlu_fallback`; when two answers are nearly tied it leaves the intent and marks
the message so the answering action asks "Did you mean...?". It also marks odd
input (empty, emoji only, another script, very long) so the reply can say so.
With the words InScopeVocabulary found unknown, it also settles the FAQ /
out-of-scope boundary the classifier left open (``faq.judge_scope``): an
undecided message made only of in-scope words becomes the FAQ; an FAQ made
largely of unknown words becomes `nlu_fallback`. The decisions live in
``bot.faq``.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text, Tuple

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import (INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY,
                                       PREDICTED_CONFIDENCE_KEY, TEXT)
from rasa.shared.nlu.training_data.message import Message

from bot import faq
from bot.nlu.ranking import set_intent
from bot.nlu.unknown_words import ATTRIBUTE as UNKNOWN_WORDS, words_of


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER,
                          is_trainable=False)
class FaqAnswerGate(GraphComponent):
    """Threshold and near-tie check on the ResponseSelector's own answer."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"answer_threshold": 0.5, "tie_margin": 0.1, "retrieval_intent": "faq",
                # words unknown in scope (bot.nlu.unknown_words); None turns it off
                "rescue_min_faq": None, "reject_min_unknown": 2,
                "reject_min_share": 0.25}

    def __init__(self, config: Dict[Text, Any]) -> None:
        self.config = {**self.get_default_config(), **config}

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage,
               resource: Resource, execution_context: ExecutionContext) -> "FaqAnswerGate":
        return cls(config)

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            self._process(message)
        return messages

    def _process(self, message: Message) -> None:
        text = message.get(TEXT) or ""
        if text.startswith("/"):
            return  # a button payload: its intent is given, not predicted
        issue = faq.classify_input(text)
        if issue:
            message.set("input_issue", issue, add_to_output=True)
            if issue != "too_long":
                _set_fallback(message, 1.0)
                return
        intent = message.get(INTENT) or {}
        scope, faq_confidence = self._judge_scope(message, intent.get(INTENT_NAME_KEY))
        if scope == "rescue":
            set_intent(message, self.config["retrieval_intent"], faq_confidence,
                       drop=[DEFAULT_NLU_FALLBACK_INTENT_NAME])
            message.set("scope", "rescued", add_to_output=True)
        elif scope == "reject":
            message.set("scope", "rejected", add_to_output=True)
            _set_fallback(message, 1.0)
            return
        intent = message.get(INTENT) or {}
        if intent.get(INTENT_NAME_KEY) != self.config["retrieval_intent"]:
            return
        ranking = faq.selector_ranking(message.get("response_selector"),
                                       self.config["retrieval_intent"])
        verdict = faq.judge_answer(ranking, self.config["answer_threshold"],
                                   self.config["tie_margin"])
        message.set("faq_gate", verdict, add_to_output=True)
        if verdict["status"] == "low" or issue == "too_long":
            best = ranking[0][1] if ranking else 0.0
            _set_fallback(message, 1.0 - best)

    def _judge_scope(self, message: Message, intent_name: Any) -> Tuple[Optional[str], float]:
        """The scope verdict (``faq.judge_scope``) and the FAQ's confidence."""
        if self.config["rescue_min_faq"] is None:
            return None, 0.0
        faq_confidence = next(
            (float(r.get(PREDICTED_CONFIDENCE_KEY) or 0.0)
             for r in message.get(INTENT_RANKING_KEY) or []
             if r.get(INTENT_NAME_KEY) == self.config["retrieval_intent"]), 0.0)
        n_words = len(words_of(message.get(TEXT)))
        return faq.judge_scope(
            intent_name, faq_confidence, message.get(UNKNOWN_WORDS), n_words,
            self.config["rescue_min_faq"], self.config["reject_min_unknown"],
            self.config["reject_min_share"]), faq_confidence


def _set_fallback(message: Message, confidence: float) -> None:
    """Make ``nlu_fallback`` the intent, keeping the old one in the ranking."""
    set_intent(message, DEFAULT_NLU_FALLBACK_INTENT_NAME, confidence)
