"""bot.faq and the FaqAnswerGate NLU component: judge the answer, flag odd input.

The component is run on real ``rasa`` ``Message`` objects shaped like the
output of DIETClassifier + ResponseSelector + FallbackClassifier.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

import pytest
from rasa.shared.nlu.training_data.message import Message

from bot import faq
from bot.nlu.faq_gate import FaqAnswerGate

# ----------------------------------------------------------- classify_input


@pytest.mark.parametrize("text,issue", [
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
])
def test_classify_input(text, issue):
    assert faq.classify_input(text) == issue


def test_classify_input_long_emoji_is_too_long():
    assert faq.classify_input("😀" * 20000) == "too_long"


# ----------------------------------------------------------- judge_answer

@pytest.mark.parametrize("ranking,status,candidates", [
    ([], "low", []),
    ([("pain", 0.49)], "low", ["pain"]),
    ([("pain", 0.5)], "ok", ["pain"]),                                # at threshold: ok
    ([("pain", 0.3), ("cost", 0.25), ("types", 0.1)], "low", ["pain", "cost"]),
    ([("pain", 0.75), ("cost", 0.5)], "ok", ["pain"]),                # gap == margin: ok
    ([("pain", 0.75), ("cost", 0.5625)], "tie", ["pain", "cost"]),    # gap < margin
    ([("cost", 0.5625), ("pain", 0.75)], "tie", ["pain", "cost"]),    # order of input
    ([("pain", 0.9), ("cost", 0.05), ("types", 0.05)], "ok", ["pain"]),
    ([("pain", 0.5), ("cost", 0.5)], "tie", ["pain", "cost"]),
])
def test_judge_answer(ranking, status, candidates):
    verdict = faq.judge_answer(ranking, threshold=0.5, tie_margin=0.25)
    assert verdict == {"status": status, "candidates": candidates}


# ----------------------------------------------------------- selector_ranking

def selector(ranking: List[Tuple[str, float]]) -> Dict[str, Any]:
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
            "ranking": [{"id": i, "confidence": c, "intent_response_key": f"faq/{k}"}
                        for i, (k, c) in enumerate(ranking)],
        },
    }


def test_selector_ranking_real_shape():
    block = selector([("pain", 0.8), ("downtime", 0.15), ("cost", 0.05)])
    assert faq.selector_ranking(block) == [("pain", 0.8), ("downtime", 0.15),
                                           ("cost", 0.05)]


@pytest.mark.parametrize("block", [
    None, {}, {"faq": None}, {"faq": {}}, {"faq": {"ranking": None}},
    {"faq": {"ranking": []}}, {"other": {"ranking": [{"confidence": 1.0}]}},
])
def test_selector_ranking_missing_keys(block):
    assert faq.selector_ranking(block) == []


def test_selector_ranking_partial_items():
    block = {"faq": {"ranking": [{"confidence": None, "intent_response_key": "faq/pain"},
                                 {"intent_response_key": None},
                                 {"confidence": "0.25", "intent_response_key": "cost"}]}}
    assert faq.selector_ranking(block) == [("pain", 0.0), ("", 0.0), ("cost", 0.25)]


def test_selector_ranking_other_retrieval_intent():
    block = {"chitchat": {"ranking": [{"confidence": 0.9,
                                       "intent_response_key": "chitchat/weather"}]}}
    assert faq.selector_ranking(block, "chitchat") == [("weather", 0.9)]


# ----------------------------------------------------------- the component

GATE_CONFIG = {"answer_threshold": 0.5, "tie_margin": 0.12}


def message(text: str, intent: Optional[str] = "faq", confidence: float = 0.97,
            ranking: Optional[List[Tuple[str, float]]] = None) -> Message:
    """A message as it leaves the FallbackClassifier."""
    msg = Message(data={"text": text})
    if intent:
        msg.set("intent", {"name": intent, "confidence": confidence}, add_to_output=True)
        msg.set("intent_ranking", [{"name": intent, "confidence": confidence},
                                   {"name": "out_of_scope", "confidence": 1 - confidence}],
                add_to_output=True)
    if ranking is not None:
        msg.set("response_selector", selector(ranking), add_to_output=True)
    return msg


def run_gate(*messages: Message, config: Optional[Dict[str, Any]] = None) -> List[Message]:
    gate = FaqAnswerGate(config if config is not None else GATE_CONFIG)
    return gate.process(list(messages))


def test_default_config_is_merged():
    gate = FaqAnswerGate({"tie_margin": 0.2})
    assert gate.config == {"answer_threshold": 0.5, "tie_margin": 0.2,
                           "retrieval_intent": "faq", "rescue_min_faq": None,
                           "reject_min_unknown": 2, "reject_min_share": 0.25}


def test_confident_answer_is_left_alone():
    msg, = run_gate(message("does it hurt", ranking=[("pain", 0.9), ("downtime", 0.05)]))
    assert msg.get("intent")["name"] == "faq"
    assert msg.get("intent")["confidence"] == 0.97
    assert msg.get("faq_gate") == {"status": "ok", "candidates": ["pain"]}
    assert msg.get("input_issue") is None
    assert "faq_gate" in msg.output_properties


def test_low_answer_becomes_nlu_fallback_keeping_the_old_intent():
    msg, = run_gate(message("tell me about the moon",
                            ranking=[("what_is", 0.3), ("types", 0.25)]))
    assert msg.get("intent")["name"] == "nlu_fallback"
    assert msg.get("intent")["confidence"] == pytest.approx(0.7)
    names = [r["name"] for r in msg.get("intent_ranking")]
    assert names[0] == "nlu_fallback"
    assert "faq" in names and names.count("nlu_fallback") == 1
    assert msg.get("faq_gate")["status"] == "low"
    assert {"intent", "intent_ranking", "faq_gate"} <= set(msg.output_properties)


def test_low_answer_without_a_ranking_keeps_old_intent():
    msg = Message(data={"text": "hmm what"})
    msg.set("intent", {"name": "faq", "confidence": 0.9}, add_to_output=True)
    run_gate(msg)
    assert msg.get("intent")["name"] == "nlu_fallback"
    assert [r["name"] for r in msg.get("intent_ranking")] == ["nlu_fallback", "faq"]


def test_fallback_already_in_ranking_is_not_doubled():
    msg = message("what about it", ranking=[("pain", 0.2)])
    msg.set("intent_ranking", [{"name": "nlu_fallback", "confidence": 0.55},
                               {"name": "faq", "confidence": 0.5}], add_to_output=True)
    run_gate(msg)
    names = [r["name"] for r in msg.get("intent_ranking")]
    assert names == ["nlu_fallback", "faq"]


def test_tie_keeps_faq_and_marks_the_message():
    msg, = run_gate(message("how long", ranking=[("session_length", 0.5),
                                                 ("results_duration", 0.45),
                                                 ("downtime", 0.05)]))
    assert msg.get("intent")["name"] == "faq"
    assert msg.get("faq_gate") == {"status": "tie",
                                   "candidates": ["session_length", "results_duration"]}


def test_other_intents_are_not_judged():
    msg, = run_gate(message("hello", intent="greet", ranking=[("pain", 0.1)]))
    assert msg.get("intent")["name"] == "greet"
    assert msg.get("faq_gate") is None


def test_fallback_from_the_fallback_classifier_is_left_alone():
    msg, = run_gate(message("blah", intent="nlu_fallback", confidence=0.55,
                            ranking=[("pain", 0.9)]))
    assert msg.get("intent") == {"name": "nlu_fallback", "confidence": 0.55}


@pytest.mark.parametrize("text", ['/faq{"faq_topic": "pain"}', "/start_prescreen", "/deny",
                                  "/"])
def test_button_payloads_are_untouched(text):
    msg = message(text, ranking=[("what_is", 0.01)])
    before = (dict(msg.get("intent")), list(msg.get("intent_ranking")))
    run_gate(msg)
    assert (msg.get("intent"), msg.get("intent_ranking")) == before
    assert msg.get("faq_gate") is None and msg.get("input_issue") is None


@pytest.mark.parametrize("text,issue", [
    ("", "empty"), ("   ", "empty"), ("😀😀😀", "no_letters"),
    ("هل هو مؤلم؟", "not_latin"), ("Это больно?", "not_latin"),
])
def test_odd_input_is_flagged_and_falls_back(text, issue):
    msg, = run_gate(message(text, ranking=[("pain", 0.95)]))
    assert msg.get("input_issue") == issue
    assert "input_issue" in msg.output_properties
    assert msg.get("intent")["name"] == "nlu_fallback"


def test_odd_input_of_another_intent_falls_back_too():
    msg, = run_gate(message("😡😡", intent="report_symptom"))
    assert msg.get("input_issue") == "no_letters"
    assert msg.get("intent")["name"] == "nlu_fallback"
    assert "report_symptom" in [r["name"] for r in msg.get("intent_ranking")]


def test_very_long_faq_is_flagged_and_never_answered():
    msg, = run_gate(message("does it hurt " * 2000, ranking=[("pain", 0.99)]))
    assert msg.get("input_issue") == "too_long"
    assert msg.get("intent")["name"] == "nlu_fallback"


def test_very_long_symptom_report_keeps_its_intent():
    """The red-flag layer still reads long messages: do not hide a symptom report."""
    msg, = run_gate(message("my eye is blurry " * 2000, intent="report_symptom"))
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


# ------------------------------------------------- words unknown in scope

@pytest.mark.parametrize("intent,faq_conf,unknown,n,verdict", [
    ("nlu_fallback", 0.45, [], 4, "rescue"),           # undecided, every word known
    ("out_of_scope", 0.48, [], 4, "rescue"),
    ("out_of_scope", 0.2, [], 4, "rescue"),            # at the bar
    ("out_of_scope", 0.19, [], 4, None),               # the FAQ barely in the running
    ("nlu_fallback", 0.45, ["yoga"], 6, None),         # a word never seen in scope
    ("faq", 0.99, ["bungee", "jumping"], 4, "reject"),
    ("faq", 0.99, ["industrial", "revolution"], 8, "reject"),   # share 0.25: at the bar
    ("faq", 0.99, ["industrial", "revolution"], 9, None),       # share below the bar
    ("faq", 0.99, ["painfull"], 3, None),              # one typo is not enough
    ("faq", 0.99, [], 3, None),
    ("greet", 0.0, ["heya", "bestie"], 2, None),       # other intents are not judged
    ("report_symptom", 0.0, ["bungee", "jumping"], 5, None),
    ("faq", 0.99, None, 4, None),                      # no vocabulary: nothing to weigh
    ("out_of_scope", 0.5, None, 4, None),
    ("faq", 0.99, ["x", "y"], 0, None),
])
def test_judge_scope(intent, faq_conf, unknown, n, verdict):
    assert faq.judge_scope(intent, faq_conf, unknown, n, rescue_min_faq=0.2,
                           reject_min_unknown=2, reject_min_share=0.25) == verdict


SCOPE_CONFIG = {**GATE_CONFIG, "rescue_min_faq": 0.2, "reject_min_unknown": 2,
                "reject_min_share": 0.25}


def scoped(text: str, unknown: Optional[List[str]], ranking: List[Tuple[str, float]],
           answers: List[Tuple[str, float]]) -> Message:
    """A message as it leaves the FallbackClassifier, with its tokens and the
    words InScopeVocabulary found unknown."""
    from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
    msg = Message(data={"text": text})
    WhitespaceTokenizer(WhitespaceTokenizer.get_default_config()).process([msg])
    top = ranking[0]
    msg.set("intent", {"name": top[0], "confidence": top[1]}, add_to_output=True)
    msg.set("intent_ranking", [{"name": n, "confidence": c} for n, c in ranking],
            add_to_output=True)
    msg.set("response_selector", selector(answers), add_to_output=True)
    if unknown is not None:
        msg.set("unknown_words", unknown, add_to_output=True)
    return msg


def test_undecided_message_of_known_words_is_answered_from_the_faq():
    msg, = run_gate(scoped("what are the advantages", [],
                           [("nlu_fallback", 0.55), ("out_of_scope", 0.51), ("faq", 0.48)],
                           [("benefits", 0.97), ("what_is", 0.01)]), config=SCOPE_CONFIG)
    assert msg.get("intent") == {"name": "faq", "confidence": 0.48}
    assert [r["name"] for r in msg.get("intent_ranking")] == ["faq", "out_of_scope"]
    assert msg.get("scope") == "rescued"
    assert msg.get("faq_gate")["status"] == "ok"


def test_rescued_message_still_needs_a_confident_answer():
    msg, = run_gate(scoped("what are the advantages", [],
                           [("nlu_fallback", 0.55), ("out_of_scope", 0.51), ("faq", 0.48)],
                           [("benefits", 0.3), ("what_is", 0.2)]), config=SCOPE_CONFIG)
    assert msg.get("intent")["name"] == "nlu_fallback"


def test_undecided_message_with_an_unknown_word_stays_undecided():
    msg, = run_gate(scoped("what are the advantages of pilates", ["pilates"],
                           [("nlu_fallback", 0.55), ("out_of_scope", 0.51), ("faq", 0.48)],
                           [("benefits", 0.97)]), config=SCOPE_CONFIG)
    assert msg.get("intent") == {"name": "nlu_fallback", "confidence": 0.55}
    assert msg.get("scope") is None


def test_faq_made_of_unknown_words_falls_back():
    msg, = run_gate(scoped("is bungee jumping dangerous", ["bungee", "jumping"],
                           [("faq", 0.99), ("out_of_scope", 0.01)],
                           [("safety", 0.99)]), config=SCOPE_CONFIG)
    assert msg.get("intent")["name"] == "nlu_fallback"
    assert msg.get("scope") == "rejected"
    assert "faq" in [r["name"] for r in msg.get("intent_ranking")]


def test_scope_is_not_judged_when_turned_off():
    msg, = run_gate(scoped("is bungee jumping dangerous", ["bungee", "jumping"],
                           [("faq", 0.99), ("out_of_scope", 0.01)],
                           [("safety", 0.99)]), config=GATE_CONFIG)
    assert msg.get("intent")["name"] == "faq"
