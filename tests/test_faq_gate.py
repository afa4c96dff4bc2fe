"""bot.faq and the FaqAnswerGate NLU component: weigh the signals, judge the
answer, flag odd input, read a follow-up in the light of the answer before.

``bot.faq.decide`` is tested on plain signals; the component on real ``rasa``
``Message`` objects shaped like the output of DIETClassifier, the
ResponseSelector, NgramClassifier, InScopeVocabulary and the
FallbackClassifier, with real trackers for the context.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest
from rasa.shared.nlu.training_data.message import Message

from bot import faq
from bot.nlu.faq_gate import FaqAnswerGate, previous_answer

# ----------------------------------------------------------- classify_input


@pytest.mark.parametrize(
    "text,issue",
    [
        (None, "empty"),
        ("", "empty"),
        ("   \t\n ", "empty"),
        ("😀😀👍🏽", "no_letters"),
        ("???!!! 123", "no_letters"),
        ("مرحبا، هل الميزوثيرابي مؤلم؟", "not_latin"),
        ("Больно ли делать мезотерапию?", "not_latin"),
        ("痛いですか", "not_latin"),
        ("a" * 20000, "too_long"),
        ("x" * faq.MAX_CHARS, None),
        ("x" * (faq.MAX_CHARS + 1), "too_long"),
        ("<script>alert(1)</script> does it hurt?", None),
        ("Does mesotherapy hurt?", None),
        ("is it safe 😀", None),
        ("Больно? botox", None),  # some Latin: let the classifier try
        ("'; DROP TABLE tickets; --", None),
    ],
)
def test_classify_input(text, issue):
    assert faq.classify_input(text) == issue


def test_classify_input_long_emoji_is_too_long():
    assert faq.classify_input("😀" * 20000) == "too_long"


# ----------------------------------------------------------- judge_answer


@pytest.mark.parametrize(
    "ranking,status,candidates",
    [
        ([], "low", []),
        ([("pain", 0.49)], "low", ["pain"]),
        ([("pain", 0.5)], "ok", ["pain"]),  # at threshold: ok
        ([("pain", 0.3), ("cost", 0.25), ("types", 0.1)], "low", ["pain", "cost"]),
        ([("pain", 0.75), ("cost", 0.5)], "ok", ["pain"]),  # gap == margin: ok
        ([("pain", 0.75), ("cost", 0.5625)], "tie", ["pain", "cost"]),  # gap < margin
        ([("cost", 0.5625), ("pain", 0.75)], "tie", ["pain", "cost"]),  # order of input
        ([("pain", 0.9), ("cost", 0.05), ("types", 0.05)], "ok", ["pain"]),
        ([("pain", 0.5), ("cost", 0.5)], "tie", ["pain", "cost"]),
    ],
)
def test_judge_answer(ranking, status, candidates):
    verdict = faq.judge_answer(ranking, threshold=0.5, tie_margin=0.25)
    assert verdict == {"status": status, "candidates": candidates}


# ----------------------------------------------------------- selector_ranking


def selector(ranking: list[tuple[str, float]]) -> dict[str, Any]:
    """A ``response_selector`` block as Rasa 3.6's ResponseSelector writes it."""
    best_key, best = ranking[0] if ranking else ("", 0.0)
    return {
        "all_retrieval_intents": ["faq"],
        "faq": {
            "response": {
                "id": -123456789,
                "responses": [{"text": "An answer."}],
                "response_templates": [{"text": "An answer."}],
                "confidence": best,
                "intent_response_key": f"faq/{best_key}",
                "utter_action": f"utter_faq/{best_key}",
                "template_name": f"utter_faq/{best_key}",
            },
            "ranking": [
                {"id": i, "confidence": c, "intent_response_key": f"faq/{k}"}
                for i, (k, c) in enumerate(ranking)
            ],
        },
    }


def test_selector_ranking_real_shape():
    block = selector([("pain", 0.8), ("downtime", 0.15), ("cost", 0.05)])
    assert faq.selector_ranking(block) == [("pain", 0.8), ("downtime", 0.15), ("cost", 0.05)]


@pytest.mark.parametrize(
    "block",
    [
        None,
        {},
        {"faq": None},
        {"faq": {}},
        {"faq": {"ranking": None}},
        {"faq": {"ranking": []}},
        {"other": {"ranking": [{"confidence": 1.0}]}},
    ],
)
def test_selector_ranking_missing_keys(block):
    assert faq.selector_ranking(block) == []


def test_selector_ranking_partial_items():
    block = {
        "faq": {
            "ranking": [
                {"confidence": None, "intent_response_key": "faq/pain"},
                {"intent_response_key": None},
                {"confidence": "0.25", "intent_response_key": "cost"},
            ]
        }
    }
    assert faq.selector_ranking(block) == [("pain", 0.0), ("", 0.0), ("cost", 0.25)]


def test_selector_ranking_other_retrieval_intent():
    block = {
        "chitchat": {"ranking": [{"confidence": 0.9, "intent_response_key": "chitchat/weather"}]}
    }
    assert faq.selector_ranking(block, "chitchat") == [("weather", 0.9)]


# ----------------------------------------------------------- buttons under an answer


def test_answer_buttons_offer_the_prescreen_where_it_fits():
    related = [
        ("safety", "Is it safe?"),
        ("preparation", "How to prepare"),
        ("practitioner", "Who does it?"),
    ]
    buttons = faq.answer_buttons("candidacy", related)
    assert [b["payload"] for b in buttons] == [
        "/start_prescreen",
        '/faq{"faq_topic": "safety"}',
        '/faq{"faq_topic": "preparation"}',
    ]
    assert faq.answer_buttons("pain", related)[0]["title"] == "Is it safe?"
    assert len(faq.answer_buttons("preparation", related)) == 3
    assert faq.answer_buttons("cost", []) == []


# ----------------------------------------------------------- decide


def signals(intent="faq", intents=None, answers=None, ngram=None, words=None, previous=None):
    return faq.Signals(
        intent,
        intents if intents is not None else {intent: 0.9},
        answers or {},
        ngram,
        words,
        previous,
    )


def words(unknown=(), domain=(), treatments=(), n=5):
    return {
        "unknown": list(unknown),
        "domain": list(domain),
        "treatments": list(treatments),
        "n": n,
    }


def reading(faq_score, keys):
    """NgramClassifier's reading: the FAQ's share of the intents, and its keys."""
    return {"intents": {"faq": faq_score, "out_of_scope": 1 - faq_score}, "faq": keys}


SETTINGS = faq.Settings(
    answer_threshold=0.3,
    tie_margin=0.1,
    classifier_weight=0.5,
    selector_weight=0.3,
    scope_rule="min",
    faq_threshold=0.6,
    topic_threshold=0.4,
    max_unknown=0,
    sure_answer=1.1,
)  # off here; its own test below


def test_settings_of_a_config():
    s = faq.Settings.of(
        {"tie_margin": 0.2, "off": ["ngram"], "name": "FaqAnswerGate", "answer_threshold": None}
    )
    assert s.tie_margin == 0.2 and s.off == frozenset({"ngram"})
    assert s.answer_threshold == faq.Settings().answer_threshold


@pytest.mark.parametrize("intent", ["greet", "start_prescreen", "report_symptom", None])
def test_other_intents_are_left_alone(intent):
    assert faq.decide(signals(intent, answers={"pain": 0.9}), SETTINGS) == faq.Decision()


def test_a_clear_faq_is_answered():
    d = faq.decide(
        signals(
            answers={"pain": 0.9, "downtime": 0.1},
            ngram=reading(0.8, {"pain": 0.7, "downtime": 0.3}),
            words=words(domain=["needle"]),
        ),
        SETTINGS,
    )
    assert (d.intent, d.status, d.candidates, d.scope) == ("faq", "ok", ["pain"], "topic")
    assert d.answers[0] == ("pain", pytest.approx(0.76))


def test_the_ngram_reading_can_change_the_answer():
    d = faq.decide(
        signals(
            answers={"what_is": 0.6, "benefits": 0.4},
            ngram=reading(0.9, {"benefits": 0.95, "what_is": 0.05}),
        ),
        SETTINGS,
    )
    assert d.answers[0][0] == "benefits"


def test_without_ngrams_the_selector_decides():
    s = faq.Settings(**{**SETTINGS.__dict__, "off": frozenset({"ngram"})})
    d = faq.decide(
        signals(answers={"what_is": 0.6, "benefits": 0.4}, ngram=reading(0.9, {"benefits": 0.95})),
        s,
    )
    assert d.answers[0][0] == "what_is"


def test_a_weak_answer_falls_back_with_its_candidates():
    d = faq.decide(signals(answers={"what_is": 0.25, "types": 0.2}), SETTINGS)
    assert (d.intent, d.status, d.candidates) == ("nlu_fallback", "low", ["what_is", "types"])
    assert d.confidence == pytest.approx(0.75)


def test_a_near_tie_asks():
    d = faq.decide(signals(answers={"session_length": 0.5, "results_duration": 0.45}), SETTINGS)
    assert (d.intent, d.status) == ("faq", "tie")
    assert d.candidates == ["session_length", "results_duration"]


@pytest.mark.parametrize(
    "diet,ngram_faq,expected",
    [
        (0.99, 0.9, "faq"),
        (0.99, 0.5, "out_of_scope"),  # both readers must agree...
        (0.5, 0.99, None),  # ...an undecided one stays so
    ],
)
def test_both_readers_must_find_an_faq(diet, ngram_faq, expected):
    d = faq.decide(
        signals(
            "faq" if diet > 0.55 else "nlu_fallback",
            intents={"faq": diet, "out_of_scope": 1 - diet},
            answers={"cost": 0.9},
            ngram=reading(ngram_faq, {"cost": 1.0}),
            words=words(),
        ),
        SETTINGS,
    )
    assert d.intent == expected


def test_the_mean_rule_blends_the_readers():
    s = faq.Settings(**{**SETTINGS.__dict__, "scope_rule": "mean"})
    d = faq.decide(
        signals(
            intents={"faq": 0.99, "out_of_scope": 0.01},
            answers={"cost": 0.9},
            ngram=reading(0.5, {"cost": 1.0}),
            words=words(),
        ),
        s,
    )
    assert d.intent == "faq"


def test_a_topic_word_needs_less():
    sig = dict(intents={"faq": 0.99, "out_of_scope": 0.01}, answers={"cost": 0.9})
    assert (
        faq.decide(
            signals(ngram=reading(0.45, {"cost": 1.0}), words=words(), **sig), SETTINGS
        ).intent
        == "out_of_scope"
    )
    d = faq.decide(
        signals(ngram=reading(0.45, {"cost": 1.0}), words=words(domain=["skin booster"]), **sig),
        SETTINGS,
    )
    assert (d.intent, d.scope) == ("faq", "topic")


def test_an_unknown_word_without_our_topic_is_out_of_scope():
    d = faq.decide(
        signals(
            answers={"session_count": 0.9},
            ngram=reading(0.9, {}),
            words=words(unknown=["succulents"], n=5),
        ),
        SETTINGS,
    )
    assert (d.intent, d.scope) == ("out_of_scope", "unknown_words")
    d = faq.decide(
        signals(
            answers={"cost": 0.9},
            ngram=reading(0.9, {}),
            words=words(unknown=["dubai"], domain=["mesotherapy"]),
        ),
        SETTINGS,
    )
    assert (d.intent, d.answers[0][0]) == ("faq", "cost")


def test_a_sure_answer_lets_a_topic_less_question_in_from_a_lower_score():
    sig = dict(
        intents={"faq": 0.99, "out_of_scope": 0.01},
        answers={"preparation": 0.99, "aftercare": 0.01},
        ngram=reading(0.55, {"preparation": 0.96, "aftercare": 0.04}),
        words=words(n=4),
    )
    sure = faq.Settings(**{**SETTINGS.__dict__, "sure_answer": 0.9, "sure_answer_floor": 0.45})
    d = faq.decide(signals(**sig), sure)  # 0.3 * 0.99 + 0.7 * 0.96 >= 0.9
    assert (d.intent, d.answers[0][0]) == ("faq", "preparation")
    unsure = dict(
        sig,
        answers={"preparation": 0.6, "aftercare": 0.4},
        ngram=reading(0.55, {"preparation": 0.6, "aftercare": 0.4}),
    )
    assert faq.decide(signals(**unsure), sure).intent == "out_of_scope"
    low = dict(sig, ngram=reading(0.4, {"preparation": 0.96, "aftercare": 0.04}))
    assert faq.decide(signals(**low), sure).intent == "out_of_scope"
    unknown = dict(sig, words=words(unknown=["marathon"], n=4))
    d = faq.decide(signals(**unknown), sure)
    assert (d.intent, d.scope) == ("out_of_scope", "unknown_words")


def test_max_unknown_allows_some():
    s = faq.Settings(**{**SETTINGS.__dict__, "max_unknown": 1})
    d = faq.decide(
        signals(answers={"cost": 0.9}, ngram=reading(0.9, {}), words=words(unknown=["dubai"])), s
    )
    assert d.intent == "faq"


def test_an_undecided_message_can_be_an_faq():
    d = faq.decide(
        signals(
            "nlu_fallback",
            intents={"faq": 0.5, "out_of_scope": 0.45},
            answers={"benefits": 0.95},
            ngram=reading(0.9, {"benefits": 0.9}),
            words=words(domain=["meso"]),
        ),
        SETTINGS,
    )
    assert (d.intent, d.answers[0][0]) == ("faq", "benefits")


def test_a_rejected_faq_without_an_out_of_scope_reading_falls_back():
    d = faq.decide(
        signals(
            intents={"faq": 0.7, "start_prescreen": 0.3},
            answers={"candidacy": 0.6, "safety": 0.3},
            ngram={"intents": {"start_prescreen": 0.6, "faq": 0.4}, "faq": {"candidacy": 1.0}},
            words=words(),
        ),
        SETTINGS,
    )
    assert (d.intent, d.status, d.candidates) == ("nlu_fallback", "low", ["candidacy", "safety"])


def test_an_undecided_message_takes_the_intent_both_readers_are_sure_of():
    sig = dict(
        intents={"start_prescreen": 0.5, "faq": 0.3},
        answers={"candidacy": 0.9},
        ngram={"intents": {"start_prescreen": 0.9, "faq": 0.1}, "faq": {}},
        words=words(n=3),
    )
    d = faq.decide(signals("nlu_fallback", **sig), SETTINGS)
    assert (d.intent, d.confidence) == ("start_prescreen", pytest.approx(0.7))
    s = faq.Settings(**{**SETTINGS.__dict__, "settle_threshold": 0.8})
    assert faq.decide(signals("nlu_fallback", **sig), s).intent is None


@pytest.mark.parametrize("intent", ["report_symptom", "delete_my_data", "inform"])
def test_an_undecided_message_is_never_settled_as_a_clinical_or_destructive_intent(intent):
    d = faq.decide(
        signals(
            "nlu_fallback",
            intents={intent: 0.5, "faq": 0.3},
            ngram={"intents": {intent: 0.95}, "faq": {}},
            words=words(),
        ),
        SETTINGS,
    )
    assert d.intent is None


def test_the_topic_rule_ngram_reads_the_ngrams_alone():
    s = faq.Settings(**{**SETTINGS.__dict__, "topic_rule": "ngram"})
    d = faq.decide(
        signals(
            "nlu_fallback",
            intents={"out_of_scope": 0.9, "faq": 0.05},
            answers={"cost": 0.9},
            ngram=reading(0.8, {"cost": 1.0}),
            words=words(domain=["meso"]),
        ),
        s,
    )
    assert d.intent == "faq"
    s = faq.Settings(**{**SETTINGS.__dict__, "topic_rule": "min"})
    d = faq.decide(
        signals(
            "nlu_fallback",
            intents={"out_of_scope": 0.9, "faq": 0.05},
            answers={"cost": 0.9},
            ngram=reading(0.8, {"cost": 1.0}),
            words=words(domain=["meso"]),
        ),
        s,
    )
    assert d.intent == "out_of_scope"  # DIET's veto, then the readers' joint choice


def test_words_are_not_weighed_when_turned_off():
    s = faq.Settings(**{**SETTINGS.__dict__, "off": frozenset({"vocabulary"})})
    d = faq.decide(
        signals(
            answers={"safety": 0.9},
            ngram=reading(0.9, {"safety": 1.0}),
            words=words(unknown=["bungee", "jumping"], n=4),
        ),
        s,
    )
    assert d.intent == "faq"


def test_another_treatment_without_our_topic_gets_the_scope_reply():
    d = faq.decide(
        signals(
            "nlu_fallback",
            intents={"out_of_scope": 0.5, "faq": 0.4},
            answers={"cost": 0.9},
            words=words(treatments=["hydrafacial"]),
        ),
        SETTINGS,
    )
    assert (d.intent, d.scope) == ("out_of_scope", "other_treatment")
    d = faq.decide(signals("out_of_scope", words=words(treatments=["botox"])), SETTINGS)
    assert (d.intent, d.scope) == ("out_of_scope", "other_treatment")


@pytest.mark.parametrize("key", ["combination", "vs_other_treatments"])
def test_another_treatment_in_an_answer_about_other_treatments_is_an_faq(key):
    d = faq.decide(
        signals(
            answers={key: 0.9}, ngram=reading(0.9, {key: 1.0}), words=words(treatments=["botox"])
        ),
        SETTINGS,
    )
    assert (d.intent, d.answers[0][0]) == ("faq", key)


def test_another_treatment_with_mesotherapy_is_an_faq():
    d = faq.decide(
        signals(
            answers={"cost": 0.9},
            ngram=reading(0.9, {"cost": 1.0}),
            words=words(domain=["meso"], treatments=["botox"]),
        ),
        SETTINGS,
    )
    assert (d.intent, d.answers[0][0]) == ("faq", "cost")


def test_another_treatment_with_only_a_shared_word_is_not_ours():
    """ "The downtime after a chemical peel": a word of the topic, but the
    treatment named is not ours (no name of ours: ``names`` empty)."""
    shared = dict(
        answers={"downtime": 0.9},
        ngram=reading(0.9, {"downtime": 1.0}),
        words={**words(domain=["downtime"], treatments=["chemical peel"]), "names": []},
    )
    d = faq.decide(signals(**shared), SETTINGS)
    assert (d.intent, d.scope) == ("out_of_scope", "other_treatment")
    shared["words"]["names"] = ["meso"]
    shared["words"]["domain"] = ["downtime", "meso"]
    d = faq.decide(signals(**shared), SETTINGS)
    assert (d.intent, d.answers[0][0]) == ("faq", "downtime")


def test_without_the_retrieval_or_the_classifier_the_n_grams_decide():
    both = dict(
        intents={"faq": 0.2, "out_of_scope": 0.8},
        answers={"cost": 0.9, "pain": 0.1},
        ngram=reading(0.9, {"pain": 0.8, "cost": 0.2}),
        words=words(domain=["meso"]),
    )
    d = faq.decide(signals(**both), faq.Settings.of({"off": ["classifier", "retrieval"]}))
    assert (d.intent, d.answers[0][0]) == ("faq", "pain")
    assert d.answers == [("pain", 0.8), ("cost", 0.2)]


def test_a_follow_up_reads_in_the_light_of_the_answer_before():
    alone = dict(
        answers={"results_duration": 0.8, "downtime": 0.15},
        ngram=reading(0.9, {"results_duration": 0.8, "downtime": 0.2}),
        words=words(n=6),
    )
    assert faq.decide(signals(**alone), SETTINGS).answers[0][0] == "results_duration"
    d = faq.decide(signals(previous="pain", **alone), SETTINGS)
    assert (d.answers[0][0], d.follow_up, d.status, d.scope) == (
        "downtime",
        "downtime",
        "ok",
        "follow_up",
    )
    d = faq.decide(signals(previous="results_onset", **alone), SETTINGS)
    assert (d.answers[0][0], d.follow_up) == ("results_duration", None)


def test_a_follow_up_needs_less_to_be_an_faq():
    sig = dict(
        intents={"faq": 0.99, "out_of_scope": 0.01},
        answers={"cost": 0.9},
        ngram=reading(0.45, {"cost": 1.0}),
        words=words(n=4),
    )
    assert faq.decide(signals(**sig), SETTINGS).intent == "out_of_scope"
    assert faq.decide(signals(previous="session_count", **sig), SETTINGS).intent == "faq"


def test_a_question_with_its_own_topic_is_not_a_follow_up():
    d = faq.decide(
        signals(
            answers={"results_duration": 0.8},
            previous="pain",
            ngram=reading(0.9, {"results_duration": 1.0}),
            words=words(domain=["results"], n=6),
        ),
        SETTINGS,
    )
    assert d.answers[0][0] == "results_duration"


def test_the_context_can_be_turned_off():
    s = faq.Settings(**{**SETTINGS.__dict__, "off": frozenset({"context"})})
    d = faq.decide(
        signals(
            answers={"results_duration": 0.8},
            previous="pain",
            ngram=reading(0.9, {"results_duration": 1.0}),
            words=words(n=6),
        ),
        s,
    )
    assert d.answers[0][0] == "results_duration"


@pytest.mark.parametrize(
    "w,expected",
    [
        (None, False),
        ({}, False),
        (words(n=6), True),
        (words(domain=["skin"], n=6), False),
        (words(n=30), False),
        (words(n=0), False),
    ],
)
def test_is_follow_up(w, expected):
    assert faq.is_follow_up(w) is expected


# ----------------------------------------------------------- the component

GATE_CONFIG = {"answer_threshold": 0.5, "tie_margin": 0.12, "faq_threshold": 0.6}


def message(
    text: str,
    intent: str | None = "faq",
    confidence: float = 0.97,
    ranking: list[tuple[str, float]] | None = None,
) -> Message:
    """A message as it leaves the FallbackClassifier."""
    msg = Message(data={"text": text})
    if intent:
        msg.set("intent", {"name": intent, "confidence": confidence}, add_to_output=True)
        msg.set(
            "intent_ranking",
            [
                {"name": intent, "confidence": confidence},
                {"name": "out_of_scope", "confidence": 1 - confidence},
            ],
            add_to_output=True,
        )
    if ranking is not None:
        msg.set("response_selector", selector(ranking), add_to_output=True)
    return msg


def run_gate(
    *messages: Message, config: dict[str, Any] | None = None, tracker: Any = None
) -> list[Message]:
    gate = FaqAnswerGate(config if config is not None else GATE_CONFIG)
    return gate.process(list(messages), tracker)


def gate_status(msg: Message) -> tuple[Any, Any]:
    verdict = msg.get("faq_gate") or {}
    return verdict.get("status"), verdict.get("candidates")


def answered_key(msg: Message) -> str:
    return msg.get("response_selector")["faq"]["response"]["intent_response_key"]


def test_default_config_is_merged():
    gate = FaqAnswerGate({"tie_margin": 0.2})
    assert gate.config["tie_margin"] == 0.2
    assert gate.config["answer_threshold"] == faq.Settings().answer_threshold
    assert gate.settings.tie_margin == 0.2


def test_confident_answer_is_left_alone():
    (msg,) = run_gate(message("does it hurt", ranking=[("pain", 0.9), ("downtime", 0.05)]))
    assert msg.get("intent")["name"] == "faq"
    assert msg.get("intent")["confidence"] == 0.97
    assert gate_status(msg) == ("ok", ["pain"])
    assert msg.get("faq_gate")["signals"]["answers"][0] == ["pain", 0.9]
    assert msg.get("input_issue") is None
    assert "faq_gate" in msg.output_properties
    assert answered_key(msg) == "faq/pain"
    assert not msg.get("entities")


def test_low_answer_becomes_nlu_fallback_keeping_the_old_intent():
    (msg,) = run_gate(
        message("tell me about the moon", ranking=[("what_is", 0.3), ("types", 0.25)])
    )
    assert msg.get("intent")["name"] == "nlu_fallback"
    assert msg.get("intent")["confidence"] == pytest.approx(0.7)
    names = [r["name"] for r in msg.get("intent_ranking")]
    assert names[0] == "nlu_fallback"
    assert "faq" in names and names.count("nlu_fallback") == 1
    assert gate_status(msg) == ("low", ["what_is", "types"])
    assert {"intent", "intent_ranking", "faq_gate"} <= set(msg.output_properties)


def test_low_answer_without_a_ranking_keeps_old_intent():
    msg = Message(data={"text": "hmm what"})
    msg.set("intent", {"name": "faq", "confidence": 0.9}, add_to_output=True)
    run_gate(msg)
    assert msg.get("intent")["name"] == "nlu_fallback"
    assert [r["name"] for r in msg.get("intent_ranking")] == ["nlu_fallback", "faq"]


def test_fallback_already_in_ranking_is_not_doubled():
    msg = message("what about it", ranking=[("pain", 0.2)])
    msg.set(
        "intent_ranking",
        [{"name": "nlu_fallback", "confidence": 0.55}, {"name": "faq", "confidence": 0.5}],
        add_to_output=True,
    )
    run_gate(msg)
    names = [r["name"] for r in msg.get("intent_ranking")]
    assert names == ["nlu_fallback", "faq"]


def test_tie_keeps_faq_and_adds_the_choice_entity():
    (msg,) = run_gate(
        message(
            "how long",
            ranking=[("session_length", 0.5), ("results_duration", 0.45), ("downtime", 0.05)],
        )
    )
    assert msg.get("intent")["name"] == "faq"
    assert gate_status(msg) == ("tie", ["session_length", "results_duration"])
    assert msg.get("entities") == [
        {"entity": "faq_choice", "value": "tie", "extractor": "FaqAnswerGate"}
    ]


def test_other_intents_are_not_judged():
    (msg,) = run_gate(message("hello", intent="greet", ranking=[("pain", 0.1)]))
    assert msg.get("intent")["name"] == "greet"
    assert msg.get("faq_gate") is None


def test_fallback_from_the_fallback_classifier_is_kept_without_other_evidence():
    (msg,) = run_gate(
        message("blah", intent="nlu_fallback", confidence=0.55, ranking=[("pain", 0.9)])
    )
    assert msg.get("intent") == {"name": "nlu_fallback", "confidence": 0.55}


@pytest.mark.parametrize(
    "text",
    [
        "/start_prescreen",
        "/deny",
        "/",
        "/faq",
        "/faq{oops",
        '/faq{"faq_topic": "cost"}',
        '/faq{"faq_topic": 3}',
    ],
)
def test_button_payloads_are_untouched(text):
    msg = message(text, ranking=[("what_is", 0.01)])
    before = (
        dict(msg.get("intent")),
        list(msg.get("intent_ranking")),
        msg.get("response_selector"),
    )
    run_gate(msg)
    assert (msg.get("intent"), msg.get("intent_ranking"), msg.get("response_selector")) == before
    assert msg.get("faq_gate") is None and msg.get("input_issue") is None


@pytest.mark.parametrize(
    "text,issue",
    [
        ("", "empty"),
        ("   ", "empty"),
        ("😀😀😀", "no_letters"),
        ("هل هو مؤلم؟", "not_latin"),
        ("Это больно?", "not_latin"),
    ],
)
def test_odd_input_is_flagged_and_falls_back(text, issue):
    (msg,) = run_gate(message(text, ranking=[("pain", 0.95)]))
    assert msg.get("input_issue") == issue
    assert "input_issue" in msg.output_properties
    assert msg.get("intent")["name"] == "nlu_fallback"


def test_odd_input_of_another_intent_falls_back_too():
    (msg,) = run_gate(message("😡😡", intent="report_symptom"))
    assert msg.get("input_issue") == "no_letters"
    assert msg.get("intent")["name"] == "nlu_fallback"
    assert "report_symptom" in [r["name"] for r in msg.get("intent_ranking")]


def test_very_long_faq_is_flagged_and_never_answered():
    (msg,) = run_gate(message("does it hurt " * 2000, ranking=[("pain", 0.99)]))
    assert msg.get("input_issue") == "too_long"
    assert msg.get("intent")["name"] == "nlu_fallback"


def test_very_long_symptom_report_keeps_its_intent():
    """The red-flag layer still reads long messages: do not hide a symptom report."""
    (msg,) = run_gate(message("my eye is blurry " * 2000, intent="report_symptom"))
    assert msg.get("input_issue") == "too_long"
    assert msg.get("intent")["name"] == "report_symptom"


def test_message_without_any_intent_does_not_crash():
    msg = Message(data={"text": "hello there"})
    run_gate(msg)
    assert msg.get("intent") is None


def test_several_messages_in_one_batch():
    a = message("does it hurt", ranking=[("pain", 0.9)])
    b = message("moon?", ranking=[("pain", 0.2)])
    out = run_gate(a, b)
    assert [m.get("intent")["name"] for m in out] == ["faq", "nlu_fallback"]


# ------------------------------------------------- the other readers' signals


def scoped(
    text: str,
    ranking: list[tuple[str, float]],
    answers: list[tuple[str, float]],
    unknown: list[str] | None = None,
    domain: Sequence[str] = (),
    treatments: Sequence[str] = (),
    ngram: dict[str, Any] | None = None,
) -> Message:
    """A message as it leaves the FallbackClassifier, with what InScopeVocabulary
    and NgramClassifier wrote."""
    msg = Message(data={"text": text})
    top = ranking[0]
    msg.set("intent", {"name": top[0], "confidence": top[1]}, add_to_output=True)
    msg.set(
        "intent_ranking", [{"name": n, "confidence": c} for n, c in ranking], add_to_output=True
    )
    msg.set("response_selector", selector(answers), add_to_output=True)
    if unknown is not None:
        msg.set("unknown_words", unknown, add_to_output=True)
        msg.set("domain_words", list(domain), add_to_output=True)
        msg.set("treatments_named", list(treatments), add_to_output=True)
    if ngram is not None:
        msg.set("ngram", ngram, add_to_output=True)
    return msg


SCOPE_CONFIG = {**GATE_CONFIG, "topic_threshold": 0.4, "max_unknown": 0, "scope_rule": "min"}


def test_undecided_message_with_our_topic_and_a_sure_ngram_reading_is_an_faq():
    (msg,) = run_gate(
        scoped(
            "what are the advantages of skin boosters",
            [("nlu_fallback", 0.55), ("faq", 0.48), ("out_of_scope", 0.45)],
            [("benefits", 0.97), ("what_is", 0.01)],
            unknown=[],
            domain=["skin booster"],
            ngram={
                "intents": [["faq", 0.9], ["out_of_scope", 0.1]],
                "faq": [["benefits", 0.9], ["what_is", 0.1]],
            },
        ),
        config=SCOPE_CONFIG,
    )
    # with a topic word the readers' mean counts (topic_rule "mean"): 0.5 * 0.48 + 0.5 * 0.9
    assert msg.get("intent") == {"name": "faq", "confidence": pytest.approx(0.69)}
    assert [r["name"] for r in msg.get("intent_ranking")] == ["faq", "out_of_scope"]
    assert msg.get("scope") == "topic"
    assert gate_status(msg) == ("ok", ["benefits"])


def test_an_faq_by_its_words_still_needs_a_confident_answer():
    (msg,) = run_gate(
        scoped(
            "what are the advantages of skin boosters",
            [("nlu_fallback", 0.55), ("faq", 0.48), ("out_of_scope", 0.45)],
            [("benefits", 0.3), ("what_is", 0.2)],
            unknown=[],
            domain=["skin booster"],
            ngram={"intents": [["faq", 0.9]], "faq": [["benefits", 0.4], ["what_is", 0.4]]},
        ),
        config=SCOPE_CONFIG,
    )
    assert msg.get("intent")["name"] == "nlu_fallback"
    assert gate_status(msg)[0] == "low"


def test_undecided_message_with_an_unknown_word_stays_undecided():
    (msg,) = run_gate(
        scoped(
            "what are the advantages of pilates",
            [("nlu_fallback", 0.55), ("out_of_scope", 0.51), ("faq", 0.48)],
            [("benefits", 0.97)],
            unknown=["pilates"],
        ),
        config=SCOPE_CONFIG,
    )
    assert msg.get("intent") == {"name": "nlu_fallback", "confidence": 0.55}
    assert msg.get("scope") in (None, "unknown_words")  # it stays undecided either way


def test_faq_made_of_unknown_words_is_out_of_scope():
    (msg,) = run_gate(
        scoped(
            "is bungee jumping dangerous",
            [("faq", 0.99), ("out_of_scope", 0.01)],
            [("safety", 0.99)],
            unknown=["bungee", "jumping"],
        ),
        config=SCOPE_CONFIG,
    )
    assert msg.get("intent")["name"] == "out_of_scope"
    assert msg.get("scope") == "unknown_words"
    assert "faq" in [r["name"] for r in msg.get("intent_ranking")]


def test_scope_is_not_judged_without_the_vocabulary():
    (msg,) = run_gate(
        scoped(
            "is bungee jumping dangerous",
            [("faq", 0.99), ("out_of_scope", 0.01)],
            [("safety", 0.99)],
        ),
        config=SCOPE_CONFIG,
    )
    assert msg.get("intent")["name"] == "faq"


def test_another_treatment_gets_the_entity_for_the_scope_reply():
    (msg,) = run_gate(
        scoped(
            "how much is a hydrafacial",
            [("nlu_fallback", 0.55), ("out_of_scope", 0.5), ("faq", 0.45)],
            [("cost", 0.9)],
            unknown=[],
            treatments=["hydrafacial"],
        ),
        config=SCOPE_CONFIG,
    )
    assert msg.get("intent")["name"] == "out_of_scope"
    assert msg.get("scope") == "other_treatment"
    assert msg.get("entities") == [
        {"entity": "other_treatment", "value": "hydrafacial", "extractor": "FaqAnswerGate"}
    ]


def test_the_ngram_reading_changes_the_named_answer():
    (msg,) = run_gate(
        scoped(
            "what is it used for",
            [("faq", 0.99), ("out_of_scope", 0.01)],
            [("what_is", 0.6), ("benefits", 0.4)],
            unknown=[],
            ngram={"intents": [["faq", 0.95]], "faq": [["benefits", 0.9], ["what_is", 0.1]]},
        ),
        config=SCOPE_CONFIG,
    )
    assert answered_key(msg) == "faq/benefits"
    block = msg.get("response_selector")["faq"]
    assert block["response"]["utter_action"] == "utter_faq/benefits"
    assert [r["intent_response_key"] for r in block["ranking"]][:2] == [
        "faq/benefits",
        "faq/what_is",
    ]


# ------------------------------------------------- the conversation's context


def tracker_after(text: str, intent: str, key: str | None = None):
    """A real tracker whose last user message was ``text``."""
    from rasa.shared.core.events import UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    parse = {"intent": {"name": intent, "confidence": 0.9}, "entities": []}
    if key:
        parse["response_selector"] = selector([(key, 0.9)])
    return DialogueStateTracker.from_events(
        "patient", [UserUttered(text, parse["intent"], [], parse_data=parse)]
    )


def test_previous_answer():
    assert previous_answer(tracker_after("does it hurt", "faq", "pain")) == "pain"
    assert previous_answer(tracker_after("hello", "greet")) is None
    assert previous_answer(None) is None
    from rasa.shared.core.trackers import DialogueStateTracker

    assert previous_answer(DialogueStateTracker.from_events("new", [])) is None


def test_a_follow_up_after_an_answer_on_pain_is_about_recovery():
    follow_up = scoped(
        "and how long does it last?",
        [("faq", 0.99), ("out_of_scope", 0.01)],
        [("results_duration", 0.8), ("downtime", 0.15)],
        unknown=[],
    )
    (msg,) = run_gate(
        follow_up, config=SCOPE_CONFIG, tracker=tracker_after("does it hurt", "faq", "pain")
    )
    assert answered_key(msg) == "faq/downtime"
    assert msg.get("follow_up") == "downtime"
    (alone,) = run_gate(
        scoped(
            "and how long does it last?",
            [("faq", 0.99)],
            [("results_duration", 0.8), ("downtime", 0.15)],
            unknown=[],
        ),
        config=SCOPE_CONFIG,
    )
    assert answered_key(alone) == "faq/results_duration"


SHARED = faq.Settings(
    **{
        **SETTINGS.__dict__,
        "shared_topic_words": frozenset({"skin", "needle"}),
        "shared_topic_threshold": 0.7,
    }
)


def test_a_shared_topic_word_beside_an_unknown_word_needs_both_readers_sure():
    def decide(faq_score, unknown, domain, names=()):
        w = {**words(unknown=unknown, domain=domain), "names": list(names)}
        sig = signals(
            intents={"faq": faq_score, "out_of_scope": 1 - faq_score},
            answers={"how_it_works": 0.9},
            ngram=reading(faq_score, {"how_it_works": 1.0}),
            words=w,
        )
        return faq.decide(sig, SHARED)

    # a cook's question: the only topic word is one other things share
    d = decide(0.55, ["sauce"], ["skin"])
    assert (d.intent, d.scope) == ("out_of_scope", "shared_topic")
    # both readers sure: still an FAQ ("how deep do the needles go")
    d = decide(0.9, ["deep"], ["needle"])
    assert (d.intent, d.scope) == ("faq", "shared_topic")
    # no unknown word, another topic word, or the treatment's name: the topic rule
    assert decide(0.55, [], ["skin"]).scope == "topic"
    assert decide(0.55, ["sauce"], ["skin", "collagen"]).scope == "topic"
    d = decide(0.55, ["sauce"], ["skin", "mesotherapy"], names=["mesotherapy"])
    assert (d.intent, d.scope) == ("faq", "topic")
    # without the setting, as before
    d = faq.decide(
        signals(
            intents={"faq": 0.55, "out_of_scope": 0.45},
            answers={"how_it_works": 0.9},
            ngram=reading(0.55, {"how_it_works": 1.0}),
            words={**words(unknown=["sauce"], domain=["skin"]), "names": []},
        ),
        SETTINGS,
    )
    assert (d.intent, d.scope) == ("faq", "topic")


def test_a_frames_unknown_words_do_not_hide_the_question_it_ends_on():
    framed = words(unknown=["zanzibar"], n=14)
    clear = dict(answers={"session_length": 0.9}, ngram=reading(0.8, {"session_length": 0.9}))
    assert faq.decide(signals(words=framed, **clear), SETTINGS).intent != "faq"
    asked = {**framed, "question_unknown": []}
    d = faq.decide(signals(words=asked, **clear), SETTINGS)
    assert (d.intent, d.candidates) == ("faq", ["session_length"])
    unknown_asked = {**framed, "question_unknown": ["zanzibar"]}
    assert faq.decide(signals(words=unknown_asked, **clear), SETTINGS).intent != "faq"


def test_another_treatment_compared_with_ours_is_a_question_about_ours():
    named = words(domain=["downtime"], treatments=["chemical peel"])
    clear = dict(answers={"downtime": 0.9}, ngram=reading(0.8, {"downtime": 0.9}))
    d = faq.decide(signals(words={**named, "names": []}, **clear), SETTINGS)
    assert (d.intent, d.scope) == ("out_of_scope", "other_treatment")
    compared = {**named, "names": [], "compared": ["chemical peel"]}
    d = faq.decide(signals(words=compared, **clear), SETTINGS)
    assert (d.intent, d.candidates) == ("faq", ["downtime"])
