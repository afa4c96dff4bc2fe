"""LinearIntentClassifier: the intent and the FAQ answer from linear models.

In place of DIET and the ResponseSelector (TensorFlow, minutes to train,
hundreds of MB to serve), two readings that train in seconds
(``bot.nlu.linear``):

* the intent: a linear model over word n-grams (and, if configured,
  character n-grams) of the NLU examples, every FAQ key a label of its own,
  folded into the one intent ``faq``. It writes ``intent`` and
  ``intent_ranking`` as Rasa's classifiers do, so the FallbackClassifier,
  the policies and the actions read them as before;
* the answer: the classifier's own FAQ keys (``faq_keys``, top six) and,
  for each FAQ key, the message's similarity with the nearest of
  that key's own texts (its examples, its answer's title and sentences),
  softmaxed into a ranking. It is written as Rasa's ResponseSelector writes
  its block (``response_selector.faq.response.intent_response_key`` =
  ``faq/<key>``; ``utter_action`` is what Rasa's ``utter_faq`` reads), so
  the contract and the FAQ gate see the same parse.

NgramClassifier is the second reader and FaqAnswerGate weighs them
(``bot.faq.decide``).
"""

from __future__ import annotations

import logging
from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu import linear
from bot.nlu.ngram_classifier import answer_documents, intent_examples
from bot.nlu.ranking import set_ranking
from bot.nlu.stored import StoredComponent

logger = logging.getLogger(__name__)

RESPONSE_SELECTOR = "response_selector"
#: The classifier's own FAQ keys, best first: FaqAnswerGate blends them with
#: the retrieval ranking (``keys_weight``).
KEYS_ATTRIBUTE = "faq_keys"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class LinearIntentClassifier(StoredComponent):
    """Intent (word n-grams) and FAQ answer (retrieval) for the parse."""

    FILENAME = "linear_intents.joblib"

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            "retrieval_intent": "faq",
            "word_ngrams": [1, 3],
            "char_ngrams": None,  # e.g. [2, 4] to add character n-grams
            "alpha": 1e-5,
            "epochs": 50,
            "random_seed": 1,
            # the answer: softmax of the best cosine similarity per key
            "temperature": 0.05,
            "ranking_length": 10,
            "keys_kept": 6,
            # the question a longer message ends on, read on its own and
            # blended in with this weight (bot.nlu.linear.last_question)
            "question_weight": 0.5,
        }

    def train(self, training_data: TrainingData) -> Resource:
        texts, labels = intent_examples(training_data)
        if len(set(labels)) < 2:
            logger.warning("LinearIntentClassifier: fewer than two labels, nothing to learn")
            return self._resource
        c = self.config
        intents = linear.fit_ngrams(
            texts,
            labels,
            word_ngrams=c["word_ngrams"],
            char_ngrams=c["char_ngrams"],
            alpha=c["alpha"],
            epochs=c["epochs"],
            seed=c["random_seed"],
        )
        prefix = c["retrieval_intent"] + "/"
        documents = [
            (t, lab) for t, lab in zip(texts, labels, strict=True) if lab.startswith(prefix)
        ]
        documents += answer_documents(training_data, c["retrieval_intent"])
        answers = None
        if documents:
            answers = linear.fit_retrieval(
                [t for t, _ in documents], [lab[len(prefix) :] for _, lab in documents]
            )
        return self.persist({"intents": intents, "answers": answers})

    def process(self, messages: list[Message]) -> list[Message]:
        if not self.model:
            return messages
        # Every message gets an intent, as from Rasa's own classifiers: the
        # FallbackClassifier and FaqAnswerGate read one even for an empty text
        # (the priors) or a payload of an intent the domain lacks.
        for message in messages:
            self._process(message, message.get(TEXT) or "")
        return messages

    def _process(self, message: Message, text: str) -> None:
        c = self.config
        intents, keys = linear.fold(
            linear.read_framed(self.model["intents"], text, c["question_weight"]),
            c["retrieval_intent"],
        )
        set_ranking(message, linear.best(intents, c["ranking_length"]))
        if keys:
            message.set(KEYS_ATTRIBUTE, linear.best(keys, c["keys_kept"]), add_to_output=True)
        if self.model.get("answers") is None:
            return
        scores = linear.softmax(linear.similarities(self.model["answers"], text), c["temperature"])
        message.set(
            RESPONSE_SELECTOR,
            selector_block(linear.best(scores, c["ranking_length"]), c["retrieval_intent"]),
            add_to_output=True,
        )


def selector_block(ranked: list[list[Any]], retrieval_intent: str = "faq") -> dict[str, Any]:
    """The ResponseSelector's block of a parse for answers ranked best first."""
    key, confidence = ranked[0]
    full = f"{retrieval_intent}/{key}"
    return {
        "all_retrieval_intents": [retrieval_intent],
        retrieval_intent: {
            "response": {
                "id": None,
                "responses": None,
                "response_templates": None,
                "confidence": round(float(confidence), 4),
                "intent_response_key": full,
                "utter_action": f"utter_{full}",
                "template_name": f"utter_{full}",
            },
            "ranking": [
                {
                    "id": None,
                    "confidence": round(float(c), 4),
                    "intent_response_key": f"{retrieval_intent}/{k}",
                }
                for k, c in ranked
            ],
        },
    }
