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

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

logger = logging.getLogger(__name__)

FILENAME = "ngram_classifier.joblib"
ATTRIBUTE = "ngram"
FAQ = "faq"
_NOT_TEXT = re.compile(r"[^a-z0-9' ]+")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def normalise(text: str | None) -> str:
    """Lower case, curly apostrophes straightened, everything but letters,
    digits and apostrophes turned into spaces."""
    return " ".join(_NOT_TEXT.sub(" ", (text or "").lower().replace("\u2019", "'")).split())


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


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class NgramClassifier(GraphComponent):
    """Word and character n-gram linear classifier; writes ``ngram`` only."""

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
        }

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        model: dict[str, Any] | None = None,
    ) -> None:
        self.config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self.model = model

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> NgramClassifier:
        return cls(config, model_storage, resource)

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> NgramClassifier:
        import joblib

        try:
            with model_storage.read_from(resource) as path:
                model = joblib.load(path / FILENAME)
        except (ValueError, FileNotFoundError):
            model = None  # untrained: read nothing rather than guess
        return cls(config, model_storage, resource, model)

    def _examples(self, training_data: TrainingData) -> tuple[list[str], list[str]]:
        texts, labels = [], []
        for message in training_data.intent_examples:
            label = message.get_full_intent()
            if message.get(TEXT) and label:
                texts.append(normalise(message.get(TEXT)))
                labels.append(label)
        if self.config["use_answers"]:
            for text, label in answer_documents(training_data, self.config["retrieval_intent"]):
                texts.append(normalise(text))
                labels.append(label)
        return texts, labels

    def train(self, training_data: TrainingData) -> Resource:
        import joblib
        from scipy.sparse import hstack
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import SGDClassifier

        texts, labels = self._examples(training_data)
        if len(set(labels)) < 2:
            logger.warning("NgramClassifier: fewer than two labels, nothing to learn")
            return self._resource
        vectorizers = [
            TfidfVectorizer(
                ngram_range=tuple(self.config["word_ngrams"]),
                sublinear_tf=True,
                token_pattern=r"[a-z0-9']+",  # noqa: S106 - a regular expression, not a password
            ),
            TfidfVectorizer(
                analyzer="char_wb",
                ngram_range=tuple(self.config["char_ngrams"]),
                sublinear_tf=True,
                min_df=2,
            ),
        ]
        features = hstack([v.fit_transform(texts) for v in vectorizers]).tocsr()
        classifier = SGDClassifier(
            loss="log_loss",
            alpha=self.config["alpha"],
            max_iter=self.config["epochs"],
            tol=None,
            random_state=self.config["random_seed"],
        )
        classifier.fit(features, labels)
        self.model = {"vectorizers": vectorizers, "classifier": classifier}
        with self._model_storage.write_to(self._resource) as path:
            joblib.dump(self.model, path / FILENAME)
        return self._resource

    def process(self, messages: list[Message]) -> list[Message]:
        if not self.model:
            return messages
        for message in messages:
            text = message.get(TEXT) or ""
            if text.strip() and not text.startswith("/"):
                message.set(ATTRIBUTE, self.read(text), add_to_output=True)
        return messages

    def read(self, text: str) -> dict[str, list[list[Any]]]:
        """The reading of one text: intents (FAQ folded) and FAQ keys, best first."""
        from scipy.sparse import hstack

        features = hstack(
            [v.transform([normalise(text)]) for v in self.model["vectorizers"]]
        ).tocsr()
        classifier = self.model["classifier"]
        probabilities = classifier.predict_proba(features)[0]
        prefix = self.config["retrieval_intent"] + "/"
        intents: dict[str, float] = {}
        keys: dict[str, float] = {}
        for label, p in zip(classifier.classes_, probabilities, strict=False):
            if label.startswith(prefix):
                keys[label[len(prefix) :]] = float(p)
                intents[self.config["retrieval_intent"]] = intents.get(
                    self.config["retrieval_intent"], 0.0
                ) + float(p)
            else:
                intents[label] = float(p)
        total = sum(keys.values()) or 1.0
        keep = self.config["keep"]
        return {
            "intents": _best(intents, keep),
            "faq": _best({k: p / total for k, p in keys.items()}, keep),
        }


def _best(scores: dict[str, float], keep: int) -> list[list[Any]]:
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)[:keep]
    return [[name, round(p, 4)] for name, p in ranked]
