"""The NLU component LinearIntentClassifier (bot/nlu/linear_classifier.py) and
the plain readers of bot/nlu/linear.py.

Trained, persisted and loaded the way Rasa's graph does it, on the small
training set of tests/test_ngram_classifier.py (two FAQ answers as Rasa gets
them from build/responses.yml).
"""

from __future__ import annotations

import pytest

pytest.importorskip("rasa")

from rasa.engine.graph import ExecutionContext, GraphSchema  # noqa: E402
from rasa.engine.storage.local_model_storage import LocalModelStorage  # noqa: E402
from rasa.engine.storage.resource import Resource  # noqa: E402
from rasa.shared.nlu.training_data.message import Message  # noqa: E402
from rasa.shared.nlu.training_data.training_data import TrainingData  # noqa: E402

from bot.nlu import linear  # noqa: E402
from bot.nlu.faq_gate import select_answers  # noqa: E402
from bot.nlu.linear_classifier import LinearIntentClassifier, selector_block  # noqa: E402
from tests.test_ngram_classifier import training_data  # noqa: E402


def trained(folder, name: str, data: TrainingData | None = None) -> LinearIntentClassifier:
    """A component trained on ``data`` and loaded back, as Rasa's graph does."""
    storage, context = LocalModelStorage(folder), ExecutionContext(GraphSchema({}), "test")
    resource = Resource(name)
    LinearIntentClassifier.create({}, storage, resource, context).train(data or training_data())
    return LinearIntentClassifier.load({}, storage, resource, context)


@pytest.fixture()
def component(tmp_path):
    return trained(tmp_path, "linear")


def parse(component, text):
    [msg] = component.process([Message(data={"text": text})])
    return msg.as_dict_nlu()


def test_the_intent_and_its_ranking_fold_the_faq_keys(component):
    out = parse(component, "does it hurt much")
    assert out["intent"]["name"] == "faq"
    names = [r["name"] for r in out["intent_ranking"]]
    assert set(names) == {"faq", "out_of_scope", "greet"}
    assert out["intent_ranking"][0] == out["intent"]
    assert sum(r["confidence"] for r in out["intent_ranking"]) == pytest.approx(1.0, abs=0.01)


def test_the_answer_is_in_the_response_selectors_block(component):
    block = parse(component, "how much is a session")["response_selector"]
    assert block["all_retrieval_intents"] == ["faq"]
    response = block["faq"]["response"]
    assert response["intent_response_key"] == "faq/cost"
    assert response["utter_action"] == "utter_faq/cost"  # what Rasa's utter_faq reads
    ranking = block["faq"]["ranking"]
    assert [r["intent_response_key"] for r in ranking] == ["faq/cost", "faq/pain"]
    assert ranking[0]["confidence"] > ranking[1]["confidence"]


def test_a_word_only_the_answer_has_finds_its_answer(component):
    block = parse(component, "lidocaine?")["response_selector"]
    assert block["faq"]["response"]["intent_response_key"] == "faq/pain"


def test_unrelated_text_is_out_of_scope(component):
    assert parse(component, "who won the match yesterday")["intent"]["name"] == "out_of_scope"


@pytest.mark.parametrize("text", ["", "   ", "🙂", "/unknown_payload", '/faq{"faq_topic": "x"}'])
def test_every_message_gets_an_intent_as_from_rasas_classifiers(component, text):
    """The FallbackClassifier after it reads the intent of every message."""
    out = parse(component, text)
    assert out["intent"]["name"] in {"faq", "out_of_scope", "greet"}
    assert out["intent_ranking"][0] == out["intent"]
    assert out["response_selector"]["faq"]["response"]["intent_response_key"].startswith("faq/")


def test_an_untrained_component_reads_nothing(tmp_path):
    storage, context = LocalModelStorage(tmp_path), ExecutionContext(GraphSchema({}), "test")
    comp = LinearIntentClassifier.load({}, storage, Resource("never"), context)
    assert not parse(comp, "does it hurt").get("intent")


def test_training_is_deterministic(tmp_path):
    outs = [parse(trained(tmp_path, f"linear_{n}"), "how much does it hurt") for n in "ab"]
    assert outs[0] == outs[1]


def test_without_faq_examples_there_is_no_answer_block(tmp_path):
    data = TrainingData(
        [
            Message(data={"text": "hi", "intent": "greet"}),
            Message(data={"text": "hello there", "intent": "greet"}),
            Message(data={"text": "set a timer", "intent": "out_of_scope"}),
        ]
    )
    out = parse(trained(tmp_path, "linear_no_faq", data), "hello")
    assert out["intent"]["name"] == "greet" and "response_selector" not in out


def test_the_gate_rewrites_the_block_keeping_what_rasa_gave_for_the_same_answer():
    msg = Message(data={"text": "x"})
    msg.set("response_selector", selector_block([["cost", 0.9], ["pain", 0.1]]), True)
    msg.data["response_selector"]["faq"]["response"]["responses"] = [{"text": "kept"}]
    select_answers(msg, [("cost", 0.8), ("pain", 0.2)])
    assert msg.get("response_selector")["faq"]["response"]["responses"] == [{"text": "kept"}]
    select_answers(msg, [("pain", 0.7), ("cost", 0.3)])
    response = msg.get("response_selector")["faq"]["response"]
    assert response["intent_response_key"] == "faq/pain" and response["responses"] is None


def test_softmax_and_similarities():
    assert linear.softmax({}, 0.1) == {}
    probs = linear.softmax({"a": 0.9, "b": 0.5}, 0.1)
    assert sum(probs.values()) == pytest.approx(1.0) and probs["a"] > 0.95
    index = linear.fit_retrieval(["does it hurt", "how much is it"], ["pain", "cost"])
    sims = linear.similarities(index, "does it hurt a lot")
    assert sims["pain"] > sims["cost"] and 0 <= sims["cost"] <= sims["pain"] <= 1.0 + 1e-9


@pytest.mark.parametrize(
    "text,question",
    [
        (
            "Holiday in Greece right after, can I swim in the sea the next day?",
            "can I swim in the sea the next day?",
        ),
        (
            "We have just bought a house so money is tight. Are there any package deals?",
            "Are there any package deals?",
        ),
        # two questions in a row stay together
        (
            "My sister lives in Leeds. How long does it take? And does it hurt?",
            "How long does it take? And does it hurt?",
        ),
        # all question, or too short to have a frame: the whole message
        ("How long does the treatment take, and how many sessions do I need?", None),
        ("Going to Rome, how long is it?", None),
        # nothing asked, or a clause that asks without a question mark
        ("I had my session in Manchester last week and it went really well.", None),
        ("my jam has been open for a week now, how long does it keep", None),
    ],
)
def test_the_question_a_longer_message_ends_on(text, question):
    assert linear.last_question(text) == question


def test_the_question_is_read_on_its_own_and_blended_in(component):
    model = component.model["intents"]
    text = "we are flying to the seaside with the kids next week, how long is a session?"
    whole = linear.read(model, text)
    asked = linear.read(model, linear.last_question(text))
    blended = linear.read_framed(model, text, 0.5)
    for label, p in blended.items():
        assert p == pytest.approx(0.5 * whole[label] + 0.5 * asked[label])
    assert linear.read_framed(model, text, 0.0) == whole
