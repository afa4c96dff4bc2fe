"""NgramClassifier: a second, independent reading of each message.

DIET and the ResponseSelector learn dense embeddings from the training
examples alone. This component reads the same message another way: a linear
model (logistic loss, scikit-learn's SGDClassifier) over TF-IDF weights of
word uni- and bigrams and of character 3-5-grams within words, so a misspelt
word ("mesotheraphy", "ingrediants") still shares most of its n-grams with the
word it means. It learns from every NLU training example (each FAQ key, each
other intent, out-of-scope) and, for the FAQ keys, also from each answer's own
title and sentences in knowledge/ (they reach Rasa as the `utter_faq/<key>`
responses), so a word that only the answer uses ("phosphatidylcholine",
"Pistor") still points to its key.

It changes nothing itself. It puts its reading into the parse as ``ngram``:
``{"intents": [[name, p], ...], "faq": [[key, p], ...]}``, the intents with
every FAQ key folded into ``faq``, and the FAQ keys' probabilities renormalised
among themselves (both best first, top ``keep`` only). FaqAnswerGate weighs it
against the classifiers (``bot.faq.decide``). Training takes a few seconds.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu import linear
from bot.nlu.linear import normalise
from bot.nlu.stored import StoredComponent, texts_to_read

logger = logging.getLogger(__name__)

FILENAME = "ngram_classifier.joblib"
ATTRIBUTE = "ngram"
FAQ = "faq"
_SENTENCE = re.compile(r"(?<=[.!?])\s+")

__all__ = ["ATTRIBUTE", "NgramClassifier", "answer_documents", "normalise"]


def answer_documents(
    training_data: TrainingData, retrieval_intent: str = FAQ
) -> list[tuple[str, str]]:
    """(text, "faq/<key>") for each FAQ answer's title and sentences.

    The rendered answers end with a "Sources: ..." line, which names the
    sources, not the topic: it is left out.
    """
    prefix = f"utter_{retrieval_intent}/"
    docs = []
    for name, variations in sorted((training_data.responses or {}).items()):
        if not name.startswith(prefix):
            continue
        label = f"{retrieval_intent}/{name[len(prefix) :]}"
        for variation in variations or []:
            title = (variation.get("metadata") or {}).get("title")
            if title:
                docs.append((title, label))
            body = (variation.get("text") or "").split("\nSources:")[0]
            docs += [(s, label) for s in _SENTENCE.split(body) if s.strip()]
    return docs


def intent_examples(training_data: TrainingData) -> tuple[list[str], list[str]]:
    """(texts, labels) of every NLU example, FAQ examples as ``faq/<key>``."""
    texts, labels = [], []
    for message in training_data.intent_examples:
        label = message.get_full_intent()
        if message.get(TEXT) and label:
            texts.append(message.get(TEXT))
            labels.append(label)
    return texts, labels


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class NgramClassifier(StoredComponent):
    """Word and character n-gram linear classifier; writes ``ngram`` only."""

    FILENAME = FILENAME

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            "retrieval_intent": FAQ,
            "word_ngrams": [1, 2],
            "char_ngrams": [3, 5],
            "alpha": 1e-5,
            "epochs": 50,
            "random_seed": 1,
            "keep": 6,
            "use_answers": True,
            # as LinearIntentClassifier's: the question a longer message ends on
            "question_weight": 0.5,
        }

    def _examples(self, training_data: TrainingData) -> tuple[list[str], list[str]]:
        texts, labels = intent_examples(training_data)
        if self.config["use_answers"]:
            for text, label in answer_documents(training_data, self.config["retrieval_intent"]):
                texts.append(text)
                labels.append(label)
        return texts, labels

    def train(self, training_data: TrainingData) -> Resource:
        texts, labels = self._examples(training_data)
        if len(set(labels)) < 2:
            logger.warning("NgramClassifier: fewer than two labels, nothing to learn")
            return self._resource
        model = linear.fit_ngrams(
            texts,
            labels,
            word_ngrams=self.config["word_ngrams"],
            char_ngrams=self.config["char_ngrams"],
            alpha=self.config["alpha"],
            epochs=self.config["epochs"],
            seed=self.config["random_seed"],
        )
        return self.persist(model)

    def process(self, messages: list[Message]) -> list[Message]:
        if not self.model:
            return messages
        for message, text in texts_to_read(messages):
            message.set(ATTRIBUTE, self.read(text), add_to_output=True)
        return messages

    def read(self, text: str) -> dict[str, list[list[Any]]]:
        """The reading of one text: intents (FAQ folded) and FAQ keys, best first."""
        intents, keys = linear.fold(
            linear.read_framed(self.model, text, self.config["question_weight"]),
            self.config["retrieval_intent"],
        )
        keep = self.config["keep"]
        return {"intents": linear.best(intents, keep), "faq": linear.best(keys, keep)}
