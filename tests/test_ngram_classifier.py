"""The NLU component NgramClassifier (bot/nlu/ngram_classifier.py).

Trained, persisted and loaded the way Rasa's graph does it, on a small
training set with two FAQ answers as Rasa gets them from build/responses.yml.
"""

from __future__ import annotations

import pytest

pytest.importorskip("rasa")

from rasa.engine.graph import ExecutionContext, GraphSchema  # noqa: E402
from rasa.engine.storage.local_model_storage import LocalModelStorage  # noqa: E402
from rasa.engine.storage.resource import Resource  # noqa: E402
from rasa.shared.nlu.training_data.message import Message  # noqa: E402
from rasa.shared.nlu.training_data.training_data import TrainingData  # noqa: E402

from bot.nlu.ngram_classifier import NgramClassifier, answer_documents, normalise  # noqa: E402

EXAMPLES = [
    ("does it hurt", "faq", "faq/pain"),
    ("is it painful", "faq", "faq/pain"),
    ("will the needles sting", "faq", "faq/pain"),
    ("how sore is it", "faq", "faq/pain"),
    ("how much is it", "faq", "faq/cost"),
    ("what does it cost", "faq", "faq/cost"),
    ("price of a session", "faq", "faq/cost"),
    ("is there a discount", "faq", "faq/cost"),
    ("what's the weather like", "out_of_scope", None),
    ("who won the match", "out_of_scope", None),
    ("play some music", "out_of_scope", None),
    ("set a timer", "out_of_scope", None),
    ("hello", "greet", None),
    ("hi there", "greet", None),
    ("good morning", "greet", None),
]
RESPONSES = {
    "utter_faq/pain": [
        {
            "text": "Most people feel little. A numbing cream with lidocaine "
            "is used first.\n\nSources: A; B",
            "metadata": {"title": "Does it hurt?"},
        }
    ],
    "utter_faq/cost": [
        {
            "text": "A session costs 200. Packages are cheaper.\n\nSources: C",
            "metadata": {"title": "How much does it cost?"},
        }
    ],
    "utter_greet": [{"text": "Hello, not an FAQ answer."}],
}


def training_data() -> TrainingData:
    messages = []
    for text, intent, full in EXAMPLES:
        data = {"text": text, "intent": intent}
        if full:
            data["intent_response_key"] = full
        messages.append(Message(data=data))
    return TrainingData(messages, responses=RESPONSES)


@pytest.fixture()
def env(tmp_path):
    return LocalModelStorage(tmp_path), ExecutionContext(GraphSchema({}), "test-model")


@pytest.fixture()
def component(env):
    storage, context = env
    resource = Resource("ngram")
    NgramClassifier.create({}, storage, resource, context).train(training_data())
    return NgramClassifier.load({}, storage, resource, context)


def read(component, text):
    [msg] = component.process([Message(data={"text": text})])
    return msg.get("ngram")


def test_normalise():
    assert normalise("What’s the PRICE?!") == "what's the price"
    assert normalise(None) == ""


def test_answer_documents_are_titles_and_sentences_without_sources():
    docs = answer_documents(training_data())
    assert ("Does it hurt?", "faq/pain") in docs
    assert ("A numbing cream with lidocaine is used first.", "faq/pain") in docs
    assert not any("Sources" in text for text, _ in docs)
    assert {label for _, label in docs} == {"faq/pain", "faq/cost"}


def test_reading_folds_the_faq_keys_and_ranks_them(component):
    out = read(component, "does it hurt much")
    intents = dict(out["intents"])
    assert set(intents) == {"faq", "out_of_scope", "greet"}
    assert max(intents, key=intents.get) == "faq"
    assert out["faq"][0][0] == "pain"
    assert sum(p for _, p in out["faq"]) == pytest.approx(1.0, abs=0.01)


def test_a_misspelling_still_reads_its_key(component):
    assert read(component, "how mutch is a sesion")["faq"][0][0] == "cost"


def test_a_word_only_the_answer_has_points_to_its_key(component):
    assert read(component, "lidocaine?")["faq"][0][0] == "pain"


def test_unrelated_text_reads_out_of_scope(component):
    intents = dict(read(component, "what's the weather like tomorrow")["intents"])
    assert max(intents, key=intents.get) == "out_of_scope"


def test_the_reading_is_in_the_parse(component):
    [msg] = component.process([Message(data={"text": "is it painful"})])
    assert "ngram" in msg.as_dict_nlu()


@pytest.mark.parametrize("text", ["", "   ", "/start_prescreen", '/faq{"faq_topic": "cost"}'])
def test_empty_text_and_payloads_are_not_read(component, text):
    assert read(component, text) is None


def test_an_untrained_component_reads_nothing(env):
    storage, context = env
    comp = NgramClassifier.load({}, storage, Resource("never_trained"), context)
    assert read(comp, "does it hurt") is None


def test_training_is_deterministic(env):
    storage, context = env
    outs = []
    for name in ("a", "b"):
        resource = Resource(f"ngram_{name}")
        NgramClassifier.create({}, storage, resource, context).train(training_data())
        outs.append(
            read(NgramClassifier.load({}, storage, resource, context), "how much does it hurt")
        )
    assert outs[0] == outs[1]


def test_one_label_is_not_enough_to_learn(env):
    storage, context = env
    resource = Resource("ngram_one_label")
    data = TrainingData([Message(data={"text": "hi", "intent": "greet"})])
    NgramClassifier.create({}, storage, resource, context).train(data)
    assert read(NgramClassifier.load({}, storage, resource, context), "hi") is None
