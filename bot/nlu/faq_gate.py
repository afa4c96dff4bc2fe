"""A Rasa NLU component that settles FAQ questions: is it one, which answer,
and how sure.

It runs after LinearIntentClassifier (the intent and the answer ranking), the
FallbackClassifier, and the two
readers of the words: InScopeVocabulary (``unknown_words``, ``domain_words``,
``treatments_named``) and NgramClassifier (``ngram``). ``bot.faq.decide``
weighs all of it with the conversation's context (the FAQ answered just
before, read from the tracker Rasa hands the NLU graph); this component
applies the decision:

* the intent becomes ``faq``, ``out_of_scope`` or ``nlu_fallback`` (the old
  intent stays in the ranking), and the ``response_selector`` block names the
  chosen answer, so Rasa's own ``utter_faq`` answers it even when the action
  server is down;
* ``faq_gate``: ``{"status": "ok" | "tie" | "low", "candidates": [...],
  "signals": {...}}`` (the signals rounded, for `make eval`);
* the entity ``faq_choice`` (value ``tie``) when two answers are nearly tied,
  so a rule sends the message to the action that asks "Did you mean...?";
* the entity ``other_treatment`` when an out-of-scope message names another
  treatment, so a rule gives the reply that offers the clinic's contact;
* ``scope``: what the words or the context decided (``topic``,
  ``follow_up``, ``unknown_words``, ``other_treatment``); ``follow_up``: the
  key a follow-up was read as.

It also marks odd input (empty, emoji only, another script, very long) so the
reply can say so. Button payloads (``/faq{"faq_topic": "cost"}``) are left to
RegexMessageHandler, which replaces the whole parse with the payload's intent
and entities; a rule sends them to action_answer_faq.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu import constants as nlu
from rasa.shared.nlu.constants import (
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

from bot import faq
from bot.nlu.linear_classifier import KEYS_ATTRIBUTE as KEYS
from bot.nlu.linear_classifier import selector_block
from bot.nlu.ngram_classifier import ATTRIBUTE as NGRAM
from bot.nlu.ranking import set_intent
from bot.nlu.stored import ConfiguredComponent
from bot.nlu.unknown_words import (
    ATTRIBUTE as UNKNOWN_WORDS,
)
from bot.nlu.unknown_words import (
    COMPARED_ATTRIBUTE,
    DOMAIN_ATTRIBUTE,
    NAMES_ATTRIBUTE,
    QUESTION_ATTRIBUTE,
    TREATMENTS_ATTRIBUTE,
    words_of,
)

RESPONSE_SELECTOR = "response_selector"
CHOICE_ENTITY = "faq_choice"
TREATMENT_ENTITY = "other_treatment"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class FaqAnswerGate(ConfiguredComponent):
    """Decides FAQ or not, and which answer, from every signal of the parse."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        defaults = faq.Settings()
        return {
            "retrieval_intent": "faq",
            **{
                name: getattr(defaults, name)
                for name in faq.Settings.__dataclass_fields__
                if name not in ("off", "shared_topic_words")
            },
            # topic words other things share (Settings.shared_topic_words)
            "shared_topic_words": [],
            # signals left out ("ngram", "vocabulary", "context"): for comparison only
            "off": [],
        }

    def __init__(self, config: dict[str, Any]) -> None:
        super().__init__(config)
        self.settings = faq.Settings.of(self.config)

    def process(
        self, messages: list[Message], tracker: DialogueStateTracker | None = None
    ) -> list[Message]:
        previous = previous_answer(tracker, self.config["retrieval_intent"])
        for message in messages:
            self._process(message, previous)
        return messages

    def _process(self, message: Message, previous: str | None) -> None:
        text = message.get(TEXT) or ""
        if text.startswith("/"):
            return  # a button payload: its intent is given, not predicted
        issue = faq.classify_input(text)
        if issue:
            message.set("input_issue", issue, add_to_output=True)
            if issue != "too_long":
                _set_fallback(message, 1.0)
                return
        signals = self.signals(message, previous)
        decision = faq.decide(signals, self.settings)
        if issue == "too_long" and decision.intent == "faq":
            decision = faq.Decision(
                DEFAULT_NLU_FALLBACK_INTENT_NAME,
                1.0,
                decision.answers,
                "low",
                decision.candidates[:2],
            )
        self._apply(message, decision, signals)

    def signals(self, message: Message, previous: str | None) -> faq.Signals:
        """The message's signals, as ``bot.faq.decide`` reads them."""
        intent = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
        ranking = message.get(INTENT_RANKING_KEY) or [message.get(INTENT) or {}]
        intents = {
            r.get(INTENT_NAME_KEY): float(r.get(PREDICTED_CONFIDENCE_KEY) or 0.0)
            for r in ranking
            if r.get(INTENT_NAME_KEY) and r.get(INTENT_NAME_KEY) != DEFAULT_NLU_FALLBACK_INTENT_NAME
        }
        answers = dict(
            faq.selector_ranking(message.get(RESPONSE_SELECTOR), self.config["retrieval_intent"])
        )
        ngram = message.get(NGRAM)
        if ngram:
            ngram = {
                part: {n: float(p) for n, p in ngram.get(part) or []} for part in ("intents", "faq")
            }
        words = None
        if message.get(UNKNOWN_WORDS) is not None:
            words = {
                "unknown": list(message.get(UNKNOWN_WORDS) or []),
                "domain": list(message.get(DOMAIN_ATTRIBUTE) or []),
                "treatments": list(message.get(TREATMENTS_ATTRIBUTE) or []),
                "names": list(message.get(NAMES_ATTRIBUTE) or []),
                "compared": list(message.get(COMPARED_ATTRIBUTE) or []),
                "question_unknown": message.get(QUESTION_ATTRIBUTE),
                "n": len(words_of(message.get(TEXT))),
            }
        keys = message.get(KEYS)
        return faq.Signals(
            intent,
            intents,
            answers,
            ngram or None,
            words,
            previous,
            None if keys is None else {k: float(p) for k, p in keys},
        )

    def _apply(self, message: Message, decision: faq.Decision, signals: faq.Signals) -> None:
        retrieval_intent = self.config["retrieval_intent"]
        if decision.intent and decision.intent != signals.intent:
            drop = (
                [DEFAULT_NLU_FALLBACK_INTENT_NAME]
                if decision.intent != DEFAULT_NLU_FALLBACK_INTENT_NAME
                else []
            )
            set_intent(message, decision.intent, decision.confidence, drop=drop)
        if decision.scope:
            message.set("scope", decision.scope, add_to_output=True)
        if (
            decision.intent in (retrieval_intent, DEFAULT_NLU_FALLBACK_INTENT_NAME)
            and decision.answers
        ):
            select_answers(message, decision.answers, retrieval_intent)
        if decision.status or signals.intent in faq.JUDGED:
            message.set(
                "faq_gate",
                {
                    "status": decision.status,
                    "candidates": decision.candidates,
                    "signals": _rounded(signals),
                },
                add_to_output=True,
            )
        if decision.follow_up:
            message.set("follow_up", decision.follow_up, add_to_output=True)
        if decision.intent == retrieval_intent and decision.status == "tie":
            add_entity(message, CHOICE_ENTITY, "tie")
        if decision.scope == "other_treatment":
            treatments = (signals.words or {}).get("treatments") or ["other"]
            add_entity(message, TREATMENT_ENTITY, treatments[0])


def previous_answer(
    tracker: DialogueStateTracker | None, retrieval_intent: str = "faq"
) -> str | None:
    """The FAQ key of the conversation's last user message, if it was an FAQ.

    At parse time the tracker does not hold the new message yet, so its
    latest message is the one before. Nothing for /model/parse: no context.
    """
    latest = getattr(tracker, "latest_message", None)
    data = getattr(latest, "parse_data", None) or {}
    if (data.get(INTENT) or {}).get(INTENT_NAME_KEY) != retrieval_intent:
        return None
    block = (data.get(RESPONSE_SELECTOR) or {}).get(retrieval_intent) or {}
    key = (block.get("response") or {}).get("intent_response_key") or ""
    return key.split("/", 1)[-1] or None


def select_answers(message: Message, ranked: list[Any], retrieval_intent: str = "faq") -> None:
    """Write the ranked answers into the ``response_selector`` block, the best as
    the response (what ``utter_faq`` and the actions read)."""
    block = dict(message.get(RESPONSE_SELECTOR) or {})
    old_response = (block.get(retrieval_intent) or {}).get("response") or {}
    new = selector_block([list(r) for r in ranked[:10]], retrieval_intent)
    response = new[retrieval_intent]["response"]
    if old_response.get("intent_response_key") == response["intent_response_key"]:
        for name in ("id", "responses", "response_templates"):
            response[name] = old_response.get(name)
    block[retrieval_intent] = new[retrieval_intent]
    block.setdefault("all_retrieval_intents", [retrieval_intent])
    message.set(RESPONSE_SELECTOR, block, add_to_output=True)


def add_entity(message: Message, entity: str, value: str) -> None:
    kept = message.get(nlu.ENTITIES) or []
    entities = [e for e in kept if e.get(nlu.ENTITY_ATTRIBUTE_TYPE) != entity]
    entities.append(
        {
            nlu.ENTITY_ATTRIBUTE_TYPE: entity,
            nlu.ENTITY_ATTRIBUTE_VALUE: value,
            nlu.EXTRACTOR: FaqAnswerGate.__name__,
        }
    )
    message.set(nlu.ENTITIES, entities, add_to_output=True)


def _rounded(signals: faq.Signals) -> dict[str, Any]:
    """The signals, compact: top five of each ranking, three decimals."""

    def top(scores: dict[str, float] | None) -> list[list[Any]]:
        ranked = sorted((scores or {}).items(), key=lambda kv: (-kv[1], kv[0]))[:5]
        return [[n, round(c, 3)] for n, c in ranked]

    return {
        "intent": signals.intent,
        "intents": top(signals.intents),
        "answers": top(signals.answers),
        "ngram": None
        if signals.ngram is None
        else {part: top(signals.ngram.get(part)) for part in ("intents", "faq")},
        "words": signals.words,
        "previous": signals.previous,
        "keys": None if signals.keys is None else top(signals.keys),
    }


def _set_fallback(message: Message, confidence: float) -> None:
    """Make ``nlu_fallback`` the intent, keeping the old one in the ranking."""
    set_intent(message, DEFAULT_NLU_FALLBACK_INTENT_NAME, confidence)
