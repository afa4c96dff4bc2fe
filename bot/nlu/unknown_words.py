"""An NLU component that notes which words of a message the bot has never seen
in scope.

The intent classifier reads bags of word and character n-grams. A word it has
never met adds next to nothing to them, so "what are the benefits of kombucha"
is read as its question frame, "what are the benefits", which the training data
has both as the FAQ and, with other topics ("... of yoga"), as out-of-scope.
Whether a message has words that no in-scope training example has (the words
of every example whose intent is not out-of-scope) is evidence of its own, and
easy to explain: on the development sets, 83 % of out-of-scope messages have
one and 95 % of FAQ questions have none.

This component puts those words on the message (`unknown_words` in the parse);
FaqAnswerGate (bot/nlu/faq_gate.py) weighs them. It adds no features, so the
classifiers are trained exactly as before.
"""
from __future__ import annotations

import json
import re
from typing import Any, Dict, Iterable, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

FILENAME = "in_scope_vocabulary.json"
ATTRIBUTE = "unknown_words"
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)*")


def words_of(text: Optional[str]) -> List[str]:
    """The words of a text in comparable form: lower case, apostrophes dropped
    ("What's" and "whats" are one word), two letters or more. Numbers, emoji
    and stray letters of markup ("<b>") are not words here, so never unknown."""
    text = (text or "").lower().replace("\u2019", "'")
    return [w for w in (m.replace("'", "") for m in _WORD.findall(text)) if len(w) > 1]


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER,
                          is_trainable=True)
class InScopeVocabulary(GraphComponent):
    """Learns the in-scope vocabulary; marks the words of a message outside it."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"out_of_scope_intent": "out_of_scope"}

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage,
                 resource: Resource, vocabulary: Optional[Iterable[str]] = None) -> None:
        self.config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self.vocabulary = frozenset(vocabulary or ())

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage,
               resource: Resource, execution_context: ExecutionContext
               ) -> "InScopeVocabulary":
        return cls(config, model_storage, resource)

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage,
             resource: Resource, execution_context: ExecutionContext,
             **kwargs: Any) -> "InScopeVocabulary":
        try:
            with model_storage.read_from(resource) as path:
                vocabulary = json.loads((path / FILENAME).read_text())
        except (ValueError, FileNotFoundError):
            vocabulary = None   # untrained: mark nothing rather than everything
        return cls(config, model_storage, resource, vocabulary)

    def train(self, training_data: TrainingData) -> Resource:
        vocabulary = set()
        for message in training_data.intent_examples:
            intent = message.get(INTENT)
            if intent and intent != self.config["out_of_scope_intent"]:
                vocabulary.update(words_of(message.get(TEXT)))
        self.vocabulary = frozenset(vocabulary)
        with self._model_storage.write_to(self._resource) as path:
            (path / FILENAME).write_text(json.dumps(sorted(self.vocabulary)))
        return self._resource

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        if not self.vocabulary:
            return messages
        for message in messages:
            text = message.get(TEXT)
            if text and text.strip():
                unknown = [w for w in words_of(text) if w not in self.vocabulary]
                message.set(ATTRIBUTE, unknown, add_to_output=True)
        return messages
