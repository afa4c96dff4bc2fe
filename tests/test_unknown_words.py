"""The NLU component InScopeVocabulary (bot/nlu/unknown_words.py).

Trained, persisted and loaded the way Rasa's graph does it, on a small training
set. It reads the text itself, so the messages need no tokenizer.
"""
from __future__ import annotations

import pytest

pytest.importorskip("rasa")

from rasa.engine.graph import ExecutionContext, GraphSchema  # noqa: E402
from rasa.engine.storage.local_model_storage import LocalModelStorage  # noqa: E402
from rasa.engine.storage.resource import Resource  # noqa: E402
from rasa.shared.nlu.training_data.message import Message  # noqa: E402
from rasa.shared.nlu.training_data.training_data import TrainingData  # noqa: E402

from bot.nlu.unknown_words import InScopeVocabulary  # noqa: E402

EXAMPLES = [
    ("what are the benefits of mesotherapy", "faq"),
    ("is mesotherapy safe", "faq"),
    ("What's it like?", "faq"),
    ("what are the benefits of yoga", "out_of_scope"),
    ("hello there", "greet"),
]


@pytest.fixture()
def env(tmp_path):
    return LocalModelStorage(tmp_path), ExecutionContext(GraphSchema({}), "test-model")


def messages(pairs):
    return [Message(data={"text": t, "intent": i} if i else {"text": t}) for t, i in pairs]


def trained(env):
    storage, context = env
    resource = Resource("in_scope_vocabulary")
    InScopeVocabulary.create({}, storage, resource, context).train(
        TrainingData(messages(EXAMPLES)))
    return InScopeVocabulary.load({}, storage, resource, context)


def unknown(component, text):
    [msg] = component.process(messages([(text, None)]))
    return msg.get("unknown_words")


def test_vocabulary_comes_from_in_scope_examples_only(env):
    comp = trained(env)
    assert {"mesotherapy", "benefits", "whats", "hello"} <= comp.vocabulary
    assert "yoga" not in comp.vocabulary


@pytest.mark.parametrize("text,words", [
    ("what are the benefits", []),
    ("What are the BENEFITS?", []),
    ("what are the benefits of yoga", ["yoga"]),
    ("whats it like", []),                          # "what's" and "whats" are one word
    ("is bungee jumping safe", ["bungee", "jumping"]),
    ("is it safe 100 % 😀", []),                      # no letters: never unknown
    ("<b>is it safe</b>", []),
    ("'; DROP TABLE tickets; --", ["drop", "table", "tickets"]),
    ("what’s it like", []),
    ("is it safe u", []),                            # one letter: not evidence
])
def test_words_outside_the_vocabulary_are_marked(env, text, words):
    comp = trained(env)
    assert unknown(comp, text) == words


def test_the_parse_shows_the_unknown_words(env):
    comp = trained(env)
    [msg] = comp.process(messages([("benefits of yoga", None)]))
    assert msg.as_dict_nlu()["unknown_words"] == ["yoga"]


def test_training_data_is_left_unchanged(env):
    comp = trained(env)
    data = TrainingData(messages(EXAMPLES))
    assert comp.process_training_data(data) is data
    assert all(m.get("unknown_words") is None for m in data.training_examples)
    assert all(not m.features for m in data.training_examples)


def test_an_untrained_component_marks_nothing(env):
    storage, context = env
    comp = InScopeVocabulary.load({}, storage, Resource("never_trained"), context)
    assert unknown(comp, "is bungee jumping safe") is None


def test_a_message_without_tokens_is_skipped(env):
    comp = trained(env)
    [msg] = comp.process([Message(data={"text": ""})])
    assert msg.get("unknown_words") is None
