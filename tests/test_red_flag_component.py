"""The Rasa NLU component RedFlagDetector (bot/nlu/red_flags.py).

Built directly, the way Rasa's graph builds it, and fed Rasa Message objects
that already carry a prior intent, as DIET and the FallbackClassifier would
leave them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

pytest.importorskip("rasa")

from rasa.engine.graph import ExecutionContext, GraphSchema  # noqa: E402
from rasa.engine.recipes.default_recipe import DefaultV1Recipe  # noqa: E402
from rasa.engine.storage.local_model_storage import LocalModelStorage  # noqa: E402
from rasa.engine.storage.resource import Resource  # noqa: E402
from rasa.shared.nlu.training_data.message import Message  # noqa: E402

from bot.nlu.red_flags import RedFlagDetector  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def detector(tmp_path_factory) -> RedFlagDetector:
    storage = LocalModelStorage(tmp_path_factory.mktemp("model"))
    context = ExecutionContext(GraphSchema({}), "test-model")
    return RedFlagDetector.create({}, storage, Resource("red_flags"), context)


def message(text, intent="faq", confidence=0.99, entities=None) -> Message:
    """A message as the earlier pipeline leaves it."""
    data = {"text": text}
    if intent:
        data["intent"] = {"name": intent, "confidence": confidence}
        data["intent_ranking"] = [
            {"name": intent, "confidence": confidence},
            {"name": "greet", "confidence": round(1 - confidence, 3)},
        ]
    msg = Message(data=data)
    if entities:
        msg.set("entities", entities, add_to_output=True)
    return msg


def run(detector: RedFlagDetector, msg: Message) -> Message:
    out = detector.process([msg])
    assert out == [msg]
    return msg


def intent_of(msg: Message) -> str:
    return msg.get("intent")["name"]


def ranking_of(msg: Message):
    return [r["name"] for r in msg.get("intent_ranking")]


# ---------------------------------------------------------------- emergency override


@pytest.mark.parametrize(
    "prior",
    ["faq", "nlu_fallback", "out_of_scope", "affirm", "deny", "inform", "greet", "report_symptom"],
)
def test_emergency_sign_forces_report_emergency_whatever_came_before(detector, prior):
    # (the classifier gives the report intents a share, as it does for any real report: an
    # alarm it is all but sure is no report is vetoed, see the out-of-scope veto below)
    msg = message("what are the side effects? my vision is blurry", intent=prior, confidence=0.85)
    msg.set(
        "intent_ranking",
        [
            {"name": prior, "confidence": 0.85},
            {
                "name": "report_emergency" if prior != "report_emergency" else "faq",
                "confidence": 0.1,
            },
            {"name": "greet", "confidence": 0.05},
        ],
    )
    msg = run(detector, msg)
    assert msg.get("intent") == {"name": "report_emergency", "confidence": 1.0}
    ranking = ranking_of(msg)
    assert ranking[0] == "report_emergency"
    assert prior in ranking[1:]  # the classifier's answer is kept, second
    assert ranking.count("report_emergency") == 1


def test_emergency_inside_a_questionnaire_answer(detector):
    msg = run(detector, message("yes, and my lips are swelling up fast", intent="affirm"))
    assert intent_of(msg) == "report_emergency"
    assert msg.get("triage")["level"] == "emergency"


def test_emergency_already_predicted_is_set_to_full_confidence(detector):
    msg = message("I can't breathe", intent="report_emergency", confidence=0.6)
    run(detector, msg)
    assert msg.get("intent") == {"name": "report_emergency", "confidence": 1.0}
    assert ranking_of(msg).count("report_emergency") == 1


def test_entities_and_triage_property(detector):
    text = "Since yesterday my vision is blurry and there's pus"
    msg = run(detector, message(text))
    entities = [e for e in msg.get("entities") if e["entity"] == "red_flag"]
    assert {e["value"] for e in entities} == {"vision_change", "pus"}
    for e in entities:
        assert e["extractor"] == "RedFlagDetector"
        assert e["confidence_entity"] == 1.0
        assert text[e["start"] : e["end"]].lower() in ("blurry", "vision is blurry", "pus")
    triage = msg.get("triage")
    assert triage["level"] == "emergency"
    assert triage["signs"][0] == "vision_change"
    # what /model/parse returns
    out = msg.as_dict(only_output_properties=True)
    assert out["triage"]["level"] == "emergency"
    assert out["intent"]["name"] == "report_emergency"
    assert any(e["entity"] == "red_flag" for e in out["entities"])


def test_one_entity_per_sign_even_when_repeated(detector):
    msg = run(detector, message("blurry, so blurry, everything is blurry"))
    values = [e["value"] for e in msg.get("entities")]
    assert values == ["vision_change"]


def test_existing_entities_are_kept(detector):
    prior = [{"entity": "faq_topic", "value": "pain", "start": 0, "end": 4, "extractor": "X"}]
    msg = run(detector, message("pain and pus", entities=prior))
    names = [e["entity"] for e in msg.get("entities")]
    assert "faq_topic" in names and "red_flag" in names


# ---------------------------------------------------------------- urgent / routine


@pytest.mark.parametrize(
    "text, intent",
    [
        ("there's pus coming out of one spot", "report_urgent"),
        ("I have a fever since the treatment", "report_urgent"),
        ("the lump is still there after a month", "report_routine"),
        ("bruise getting worse after 10 days", "report_routine"),
    ],
)
@pytest.mark.parametrize(
    "prior", ["faq", "nlu_fallback", "out_of_scope", "greet", "report_symptom"]
)
def test_urgent_and_routine_set_the_intent_of_their_level(detector, text, intent, prior):
    # the domain maps report_urgent / report_routine to triage_level and a rule
    # sends the advice inside the Rasa server (the action server may be down);
    # the classifier gives the report intents a little (below 0.08 with only a
    # symptom word, the out-of-scope veto may hold: see the tests at the end)
    msg = message(text, intent=prior, confidence=0.85)
    msg.set(
        "intent_ranking",
        [{"name": prior, "confidence": 0.85}, {"name": intent, "confidence": 0.15}],
    )
    run(detector, msg)
    assert intent_of(msg) == intent
    assert msg.get("intent")["confidence"] == 1.0
    assert ranking_of(msg)[0] == intent and prior in ranking_of(msg)
    assert (
        msg.get("triage")["level"]
        == {"report_urgent": "urgent", "report_routine": "routine"}[intent]
    )


def test_the_rules_level_wins_over_a_classifier_emergency_below_it(detector):
    # DIET does not read the treatment context nor the level of a sign the rules
    # know: below 0.65 the rules' urgent or routine reading stands
    msg = run(
        detector,
        message(
            "since the double chin injections my smile is lopsided",
            intent="report_emergency",
            confidence=0.6,
        ),
    )
    assert intent_of(msg) == "report_urgent"
    assert any("the rules decided" in r for r in msg.get("triage")["reasons"])


@pytest.mark.parametrize(
    "text, confidence, level",
    [
        # the rules read an urgent sign (a hot lump); the classifier is sure of more
        ("a hot lump came up on my cheek today and I feel odd", 0.9, "emergency"),
        ("a hot lump came up on my cheek today and I feel odd", 0.6, "urgent"),
        # the rules read a routine sign (a bruise past a week)
        ("the bruise is still there after 10 days and I feel strange", 0.7, "emergency"),
        # the patient said a function is normal: the rules' reading stands
        ("a hot lump came up on my cheek today, my breathing is fine", 0.95, "urgent"),
        # below 0.8 over a reading of expected effects, only with an emergency word
        ("my cheeks are a bit pink this afternoon after my meso", 0.75, "none"),
        ("a bit red today and my throat is dry", 0.75, "emergency"),
        # at 0.8 or more it stands, unless the patient denied a sign
        ("my cheeks are a bit pink this afternoon after my meso", 0.9, "emergency"),
        ("my cheeks are a bit pink this afternoon after my meso, breathing fine", 0.9, "none"),
    ],
)
def test_a_sure_classifier_emergency_stands_over_a_lesser_rule_reading(
    detector, text, confidence, level
):
    msg = run(detector, message(text, intent="report_emergency", confidence=confidence))
    assert msg.get("triage")["level"] == level
    intents = {"emergency": "report_emergency", "urgent": "report_urgent"}
    assert intent_of(msg) == intents.get(level, "report_symptom")
    if level == "emergency":
        assert msg.get("triage")["source"] == "classifier"


@pytest.mark.parametrize(
    "text, stands",
    [
        # every emergency word is inside the patient's own "it's fine": no alarm word
        ("tiny dots on her forehead from this morning, her eyes and breathing are fine", False),
        ("bit puffy and pink on day 1, vision normal, breathing normal", False),
        # one said otherwise keeps the classifier's emergency
        ("bit puffy on day 1, breathing is fine and my throat is dry", True),
    ],
)
def test_a_classifier_emergency_needs_an_emergency_word_not_denied(detector, text, stands):
    msg = run(detector, message(text, intent="report_emergency", confidence=0.95))
    assert (msg.get("triage")["level"] == "emergency") is stands


# ---------------------------------------------------------------- expected effects


@pytest.mark.parametrize(
    "text",
    [
        "will I bruise?",
        "is swelling normal after mesotherapy?",
        "how long does redness last?",
        "what are the side effects",
        "does it hurt?",
        "I bruise easily, is that a problem?",
        "will my skin be sensitive after?",
        "I have a low pain threshold",
        # a fear or someone else's story before a general question (issue 12)
        "I'm terrified of needles, so how much pain should I expect?",
        "my aunt had little bumps for ages after hers, what side effects are usual?",
    ],
)
def test_general_questions_stay_faq(detector, text):
    msg = run(detector, message(text, intent="faq"))
    assert intent_of(msg) == "faq"
    assert msg.get("intent")["confidence"] == 0.99
    assert msg.get("triage")["level"] in (None, "none")


@pytest.mark.parametrize(
    "text",
    [
        "my face is swollen since yesterday",
        "I had meso yesterday and I'm a bit red",
        "I've got a small bruise on my cheek after the treatment",
        "day 2 and my skin is still a bit itchy",
        # a question about the patient's own state, or with a time since the
        # treatment, is still a report (issue 12)
        "my face is swollen since yesterday, is that normal?",
        "I'm a bit swollen after my treatment, is that normal?",
        "I'm a little red after the treatment, should I be worried?",
        "I had meso yesterday and I'm a bit red, what cream can I use?",
    ],
)
def test_first_person_report_of_expected_effect_becomes_report_symptom(detector, text):
    msg = run(detector, message(text, intent="faq"))
    assert intent_of(msg) == "report_symptom"
    assert msg.get("triage")["level"] == "none"
    assert "faq" in ranking_of(msg)


def test_report_symptom_from_the_classifier_is_kept(detector):
    msg = run(
        detector,
        message("no fever, no pus, just a little redness", intent="report_symptom", confidence=0.9),
    )
    assert msg.get("intent") == {"name": "report_symptom", "confidence": 0.9}
    triage = msg.get("triage")
    assert triage["level"] == "none"
    assert set(triage["negated"]) == {"infection_fever", "pus"}
    assert [e["value"] for e in msg.get("entities")] == ["mild_redness"]


# ---------------------------------------------------------------- untouched messages


def test_button_payloads_are_skipped(detector):
    msg = run(detector, message("/affirm", intent="affirm", confidence=1.0))
    assert msg.get("intent") == {"name": "affirm", "confidence": 1.0}
    assert msg.get("triage") is None and not msg.get("entities")


def test_no_sign_leaves_the_intent_alone(detector):
    msg = run(detector, message("how much does it cost?", intent="faq"))
    assert msg.get("intent") == {"name": "faq", "confidence": 0.99}
    triage = msg.get("triage")
    assert triage["level"] is None and triage["signs"] == [] and triage["negated"] == []
    assert triage["prescreen_slots"] == [] and triage["rules_level"] is None
    assert triage["classifier"] == {"intent": "faq", "confidence": 0.99}
    assert not msg.get("entities")


def test_the_property_carries_what_the_actions_need(detector):
    """Reasons, check, denials and time: the action does not run triage again."""
    msg = run(
        detector,
        message(
            "day 2, a bit red and puffy, I can see fine and breathing is ok",
            intent="report_symptom",
            confidence=0.9,
        ),
    )
    triage = msg.get("triage")
    assert triage["level"] == "none" and triage["rules_level"] == "none"
    assert triage["days"] == 2
    assert "breathing" in triage["denied"]
    assert "sight" not in triage["check"] and "breathing" not in triage["check"]
    assert "skin" in triage["check"] and "pain" in triage["check"]
    assert any("mild_redness" in r for r in triage["reasons"])
    assert triage["source"] == "rules"


def test_message_without_a_prior_intent(detector):
    msg = run(detector, message("I can't breathe", intent=None))
    assert intent_of(msg) == "report_emergency"
    assert ranking_of(msg) == ["report_emergency"]


@pytest.mark.parametrize(
    "text",
    ["", "😀😀😀", "رؤية ضبابية", "<b>hi</b>", "'; DROP TABLE x; --", "a" * 20_000, '{"broken": '],
)
def test_bad_input_is_processed_without_error(detector, text):
    msg = run(detector, message(text, intent="nlu_fallback", confidence=0.3))
    assert intent_of(msg) == "nlu_fallback"


def test_prescreen_overlap_is_exposed(detector):
    msg = run(detector, message("yes I have a cold sore right now", intent="affirm"))
    assert msg.get("triage")["prescreen_slots"] == ["skin_condition"]


# ---------------------------------------------------------------- registration and pipeline


def test_registered_as_intent_classifier_and_entity_extractor():
    registered = DefaultV1Recipe._from_registry("RedFlagDetector")
    assert registered.clazz is RedFlagDetector
    assert DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER in registered.types
    assert DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR in registered.types
    assert registered.is_trainable is False


def test_runs_last_in_the_pipeline_after_the_fallback_classifier():
    config = yaml.safe_load((ROOT / "config.yml").read_text())
    names = [step["name"] for step in config["pipeline"]]
    assert names[-1] == "bot.nlu.red_flags.RedFlagDetector"
    assert names.index("FallbackClassifier") < names.index("bot.nlu.red_flags.RedFlagDetector")


@pytest.mark.parametrize(
    "text",
    [
        "slight swelling, no trouble breathing and my eyesight is fine",
        "a bit red but no problems with my vision and I can breathe normally",
    ],
)
def test_diet_emergency_yields_when_the_rules_saw_the_signs_denied(detector, text):
    # DIET cannot read negation; the rule layer found the emergency signs and
    # found them negated, so the report is triaged on what is left.
    msg = run(detector, message(text, intent="report_emergency", confidence=0.9))
    assert intent_of(msg) == "report_symptom"


def test_diet_emergency_stands_without_evidence_against_it(detector):
    # Nothing matched and nothing negated: the classifier's emergency is the
    # only detector that spoke, and the safer route keeps it.
    msg = run(
        detector,
        message(
            "something is really badly wrong with me after the jabs",
            intent="report_emergency",
            confidence=0.8,
        ),
    )
    assert intent_of(msg) == "report_emergency"
    triage = msg.get("triage")
    assert triage["level"] == "emergency" and triage["rules_level"] is None
    assert triage["source"] == "classifier"
    assert any("classifier" in r for r in triage["reasons"])


@pytest.mark.parametrize(
    "text, confidence, stands",
    [
        # no sign found and only a hand or a bare symptom word: the classifier must be as
        # sure as with no body word at all
        ("the cone was soggy and it collapsed in my hand", 0.8, False),
        ("the cone was soggy and it collapsed in my hand", 0.92, True),
        ("a bruise came up on my hand when I fell at the park", 0.8, False),
        # a face or the treatment named: the classifier's emergency stands as before
        ("something is really badly wrong with me after the jabs", 0.8, True),
    ],
)
def test_a_classifier_emergency_over_only_a_limb_or_a_symptom_word(
    detector, text, confidence, stands
):
    assessment = triage_of_text(text)
    assert assessment.level in (None, "none") and assessment.anchors
    msg = run(detector, message(text, intent="report_emergency", confidence=confidence))
    assert (msg.get("triage")["level"] == "emergency") is stands
    assert (intent_of(msg) == "report_emergency") is stands


@pytest.mark.parametrize(
    "confidence, stands",
    [(0.81, False), (0.95, True)],
)
def test_a_classifier_emergency_over_only_a_sign_that_asks_and_no_body_word(
    detector, confidence, stands
):
    # the rules read only a pounding heart (a sign that asks the red-flag questions) and no
    # body part or treatment: the classifier must be as sure as with no sign at all
    text = "lost track of the kids at the fair for a moment and my heart was pounding"
    assessment = triage_of_text(text)
    assert assessment.level is None and assessment.ask and not assessment.anchors
    msg = run(detector, message(text, intent="report_emergency", confidence=confidence))
    assert (msg.get("triage")["level"] == "emergency") is stands
    if not stands:
        assert intent_of(msg) == "report_symptom"  # the red-flag check is still asked


@pytest.mark.parametrize(
    ("text", "prior"),
    [
        ("the sandals from your store rubbed my feet raw, refund please", "report_urgent"),
        ("my hair feels like hay after the keratin session at your salon", "report_emergency"),
    ],
)
def test_a_classifier_report_in_a_message_to_another_business_is_dropped(detector, text, prior):
    # the rules counted no sign and read the message as written to another
    # business; DIET reads no addressee, so its report does not stand
    msg = message(text, intent=prior, confidence=0.8)
    msg.set(
        "intent_ranking",
        [{"name": prior, "confidence": 0.8}, {"name": "out_of_scope", "confidence": 0.15}],
    )
    run(detector, msg)
    assert msg.get("triage")["level"] is None
    assert intent_of(msg) == "out_of_scope"


def test_a_classifier_emergency_with_emergency_words_stands_whoever_is_addressed(detector):
    text = "the spray your cleaner used made my eyes stream and now I am wheezing"
    msg = run(detector, message(text, intent="report_emergency", confidence=0.8))
    assert msg.get("triage")["level"] == "emergency"


@pytest.mark.parametrize(
    "text, owned",
    [
        ("my eyesight on the left keeps flickering off and on like a faulty bulb", True),
        ("her breathing has gone all strange and raspy since lunch", True),
        ("mum's throat is doing something weird tonight", True),
        ("my left eye is doing a funny thing", True),
        ("tongue twister", False),
        ("eyesight test at the optician", False),
        ("does it ever affect your breathing?", False),
    ],
)
def test_a_function_that_belongs_to_someone_is_report_context(text, owned):
    from bot.triage import anchors, concepts, load_rules
    from bot.triage.match import collect

    rules = load_rules()
    doc = rules.nlp.make_doc(text)
    words = concepts.words_found(rules.vocab, collect(rules, doc))
    assert anchors.owned_function(rules.vocab, doc, words) is owned


def test_diet_emergency_stands_on_someones_own_function_in_unknown_words(detector):
    # the rules read no state (a wording they do not know) but the sight is the
    # writer's own: more than a body part named, so DIET's emergency stands;
    # the same with nothing owned ("tongue twister") is dropped
    from bot import triage

    prior = {"name": "report_emergency", "confidence": 0.8}
    owned = triage.Assessment(level=None, anchored=True, alarm_words=True, report_context=True)
    decided = detector._decide(prior, owned, "my sight is doing a thing")
    assert decided["level"] == "emergency" and decided["source"] == "classifier"
    bare = triage.Assessment(level=None, anchored=True, alarm_words=True, report_context=False)
    decided = detector._decide(prior, bare, "tongue twister")
    assert decided["level"] is None and decided.get("demote")


@pytest.mark.parametrize(
    "text",
    ["tongue twister", "eyesight test at the optician", "the throat of the bottle is chipped"],
)
def test_a_function_nobody_owns_is_not_a_report_for_diet(detector, text):
    msg = run(detector, message(text, intent="report_emergency", confidence=0.8))
    assert msg.get("triage")["level"] != "emergency"


@pytest.mark.parametrize(
    "text, prior",
    [
        ("turn the lights purple for the party", "report_emergency"),
        ("why is the sky blue", "report_emergency"),
        ("send me the teams link for the 3pm call", "report_symptom"),
        ("cancel my reservation at red robin", "report_urgent"),
        ("tongue twister", "report_emergency"),
        # every sign read as said of a thing: its words anchor no report
        ("the compressor is wheezing and rattling again", "report_emergency"),
        ("the varnish has blisters after one summer", "report_urgent"),
        ("the old shredder keeps choking on thick card", "report_emergency"),
    ],
)
def test_a_report_intent_without_any_body_word_is_dropped(detector, text, prior):
    # no body part, symptom or treatment named: not a report, whatever DIET said
    msg = message(text, intent=prior, confidence=0.7)
    msg.set(
        "intent_ranking",
        [{"name": prior, "confidence": 0.7}, {"name": "out_of_scope", "confidence": 0.2}],
    )
    run(detector, msg)
    assert intent_of(msg) == "out_of_scope"
    assert "report_emergency" not in ranking_of(msg)
    assert msg.get("triage")["level"] is None


@pytest.mark.parametrize(
    "text",
    [
        "the kettle is wheezing and now I can't breathe",
        "the compressor was wheezing, then my lips started swelling fast",
    ],
)
def test_a_thing_beside_a_real_report_still_alarms(detector, text):
    msg = run(detector, message(text, intent="report_emergency", confidence=0.8))
    assert intent_of(msg) == "report_emergency"
    assert msg.get("triage")["level"] == "emergency"


def test_a_symptom_report_without_a_body_word_stays_a_report(detector):
    # "itchy" is a symptom, though not a body part: the check comes, no alarm
    msg = message(
        "itchy itchy itchy but nothing else, is it ok to scratch",
        intent="report_symptom",
        confidence=0.99,
    )
    msg.set(
        "intent_ranking",
        [
            {"name": "report_symptom", "confidence": 0.99},
            {"name": "human_handoff", "confidence": 0.001},
        ],
    )
    run(detector, msg)
    assert intent_of(msg) == "report_symptom"
    assert msg.get("triage")["level"] == "none"


def test_diet_fills_in_below_emergency_only_where_the_rules_found_no_level(detector):
    msg = run(
        detector,
        message(
            "something came up on my jaw after the injections",
            intent="report_urgent",
            confidence=0.8,
        ),
    )
    assert intent_of(msg) == "report_urgent"
    assert msg.get("triage")["level"] == "urgent"
    assert msg.get("triage")["source"] == "classifier"
    # where the rules read expected effects, they decide unless DIET is sure of urgent
    msg = run(
        detector,
        message("a bit red and itchy today after meso", intent="report_urgent", confidence=0.55),
    )
    assert intent_of(msg) == "report_symptom"
    assert msg.get("triage")["level"] == "none"


def test_a_sure_classifier_urgent_stands_over_a_rule_reading_of_expected_effects(detector):
    # the rules read small bumps (expected); DIET is sure this is urgent
    msg = run(
        detector,
        ranked(
            "the little bumps on my cheek look different today, day 4",
            [("report_urgent", 0.85), ("report_symptom", 0.1), ("faq", 0.05)],
        ),
    )
    assert msg.get("triage")["rules_level"] == "none"
    assert intent_of(msg) == "report_urgent"
    assert msg.get("triage")["level"] == "urgent"
    assert msg.get("triage")["source"] == "classifier"
    assert any("over the rules' reading" in r for r in msg.get("triage")["reasons"])


def test_the_fallback_does_not_hide_the_classifiers_urgent(detector):
    # the FallbackClassifier put nlu_fallback first; DIET's own best intent is urgent
    msg = run(
        detector,
        ranked(
            "the little bumps on my cheek look different today, day 4",
            [("nlu_fallback", 0.7), ("report_urgent", 0.82), ("report_symptom", 0.1)],
        ),
    )
    assert msg.get("triage")["level"] == "urgent"


@pytest.mark.parametrize(
    "text, ranking",
    [
        # the patient denied signs: the rules' reading stands
        (
            "no fever, nothing oozing, just a bit red and tender on day 2",
            [("report_urgent", 0.8), ("report_symptom", 0.2)],
        ),
        (
            "chin a little puffy after the fat dissolving yesterday, swallowing is fine",
            [("report_urgent", 0.8), ("report_symptom", 0.2)],
        ),
        # DIET not sure enough, or urgent not its best intent
        (
            "a bit red and itchy today after meso",
            [("report_urgent", 0.5), ("report_symptom", 0.45)],
        ),
        (
            "a bit red and itchy today after meso",
            [("report_symptom", 0.62), ("report_urgent", 0.36)],
        ),
        # no body or treatment word: not a report at all
        ("the red light is on again", [("report_urgent", 0.9), ("out_of_scope", 0.1)]),
    ],
)
def test_the_rules_reading_of_expected_effects_stands_otherwise(detector, text, ranking):
    msg = run(detector, ranked(text, ranking))
    assert msg.get("triage")["level"] != "urgent"


def test_the_classifier_urgent_over_expected_effects_can_be_turned_off(tmp_path):
    storage = LocalModelStorage(tmp_path)
    context = ExecutionContext(GraphSchema({}), "test-model")
    off = RedFlagDetector.create(
        {"urgent_over_expected": 1.0}, storage, Resource("red_flags_off"), context
    )
    msg = run(
        off,
        ranked(
            "the little bumps on my cheek look different today, day 4",
            [("report_urgent", 0.9), ("report_symptom", 0.1)],
        ),
    )
    assert msg.get("triage")["level"] == "none"


@pytest.mark.parametrize(
    "ranking, level",
    [
        # the classifier sure of an urgent report over a rule reading of a lasting sign
        ([("report_urgent", 0.75), ("report_routine", 0.2)], "urgent"),
        # not sure enough: the rules' routine stands
        ([("report_urgent", 0.6), ("report_routine", 0.35)], "routine"),
        ([("report_routine", 0.8), ("report_urgent", 0.15)], "routine"),
    ],
)
def test_the_classifier_urgent_over_a_routine_reading(detector, ranking, level):
    text = "one little scab on my chin is still there 10 days after the meso"
    assert triage_of_text(text).level == "routine"
    triage = run(detector, ranked(text, ranking)).get("triage")
    assert triage["level"] == level
    assert (triage["source"] == "classifier") is (level == "urgent")


def test_the_classifier_urgent_over_a_routine_reading_keeps_a_denial(detector):
    text = "a small lump is still there 3 weeks after the booster, not red, not hot, no pus"
    assert triage_of_text(text).level == "routine"
    ranking = [("report_urgent", 0.9), ("report_routine", 0.1)]
    assert run(detector, ranked(text, ranking)).get("triage")["level"] == "routine"


def test_a_classifier_level_on_a_question_gives_way_to_the_faq(detector):
    # no rule sign, no report words, an FAQ answer next in the ranking
    msg = message(
        "Is hyperpigmentation a possible side effect for darker skin tones?",
        intent="report_routine",
        confidence=0.6,
    )
    msg.set(
        "intent_ranking",
        [{"name": "report_routine", "confidence": 0.6}, {"name": "faq", "confidence": 0.35}],
    )
    run(detector, msg)
    assert intent_of(msg) == "faq"


def test_a_symptom_that_needs_the_questions_is_a_report(detector):
    msg = run(detector, message("I feel nauseous since the treatment", intent="faq"))
    assert intent_of(msg) == "report_symptom"
    assert msg.get("triage")["ask"] is True and msg.get("triage")["level"] is None


def test_a_lone_surrogate_does_not_disable_the_rules(detector):
    msg = run(detector, message("my vision went blurry after my injections \ud800", intent="faq"))
    assert intent_of(msg) == "report_emergency"
    assert msg.get("triage")["level"] == "emergency"


# ---------------------------------------------------------------- the out-of-scope veto


def ranked(text: str, ranking: list[tuple[str, float]]) -> Message:
    """A message whose classifiers left this ranking (best first)."""
    msg = message(text, intent=ranking[0][0], confidence=ranking[0][1])
    msg.set("intent_ranking", [{"name": n, "confidence": c} for n, c in ranking])
    return msg


SURE_NOT_A_REPORT = [("out_of_scope", 0.93), ("faq", 0.06), ("report_emergency", 0.01)]
NEAR = ("report_emergency", 0.12)  # sure it is no report, not all but sure


@pytest.mark.parametrize(
    "text, anchors",
    [
        # no body, symptom or treatment word: the weather, a figure of speech
        ("the heat is suffocating today", []),
        ("the traffic today had me seeing double", []),
        # a limb only
        ("my legs went numb on the long flight", ["limbs"]),
    ],
)
def test_the_rules_alarm_is_vetoed_when_the_classifier_is_sure_it_is_no_report(
    detector, text, anchors
):
    msg = run(detector, ranked(text, SURE_NOT_A_REPORT))
    triage = msg.get("triage")
    assert triage["rules_level"] == "emergency"  # the rules alone would alarm
    assert triage["level"] is None and triage["source"] == "veto"
    assert intent_of(msg) == "out_of_scope"
    assert not [e for e in msg.get("entities") or [] if e["entity"] == "red_flag"]
    assert any(r.startswith("not a report:") for r in triage["reasons"])
    assert detector._veto(triage_of_text(text), text, msg.get("intent_ranking")) is not None
    assert triage_of_text(text).anchors == anchors


def triage_of_text(text):
    from bot import triage

    return triage.assess(text)


@pytest.mark.parametrize(
    "text, ranking",
    [
        # the classifier gives the report intents enough: the rules' level stands
        ("the heat is suffocating today", [("out_of_scope", 0.65), ("report_emergency", 0.3)]),
        ("my legs went numb on the long flight", [("out_of_scope", 0.65), ("report_urgent", 0.3)]),
        # a word of the face, eyes, breathing or skin: vetoed only when the classifier is
        # all but sure (report intents under 0.1); here they get 0.12
        ("I can't see properly out of my left eye", [("out_of_scope", 0.91), ("faq", 0.01), NEAR]),
        ("my lips are swelling fast", [("out_of_scope", 0.91), ("faq", 0.01), NEAR]),
        ("I can't breathe", [("out_of_scope", 0.91), ("faq", 0.01), NEAR]),
        # the classifiers unsure: the rules stand
        ("everything is blurry and dim", [("nlu_fallback", 0.55), ("out_of_scope", 0.45)]),
        # the classifiers say it is about the treatment (an FAQ), not something else
        ("the heat is suffocating today", [("faq", 0.97), ("out_of_scope", 0.03)]),
        # the treatment named: never vetoed, however sure the classifier
        ("I nearly passed out after the jabs", [("out_of_scope", 0.99), ("faq", 0.01)]),
        ("my lips are swelling fast since the meso", [("out_of_scope", 0.99), ("faq", 0.01)]),
        # a long message with a red flag buried in it, told with a word of the face,
        # eyes, breathing or skin: vetoed only when the classifier is all but sure
        (
            "Hello, I wanted to ask whether I can move my next booking to the Friday after "
            "next, and whether the card payment went through, because my bank shows it twice. "
            "Also my lips have gone blue in the last hour",
            [("out_of_scope", 0.91), ("faq", 0.01), NEAR],
        ),
        # all but sure, but its answer is no "something else": an FAQ
        ("I can't breathe", [("faq", 0.97), ("out_of_scope", 0.02), ("report_emergency", 0.01)]),
        # all but sure, but out_of_scope under 0.8
        ("I can't breathe", [("out_of_scope", 0.75), ("faq", 0.23), ("report_emergency", 0.02)]),
    ],
)
def test_the_rules_alarm_stands_where_the_veto_does_not_hold(detector, text, ranking):
    msg = run(detector, ranked(text, ranking))
    triage = msg.get("triage")
    assert triage["rules_level"] == "emergency"
    assert triage["level"] == "emergency" and triage["source"] != "veto"
    assert intent_of(msg) == "report_emergency"


LONG_FAINT = (
    "Hello, I wanted to ask whether I can move my next booking to the Friday after next, "
    "and whether the card payment went through, because my bank shows it twice. Also I "
    "passed out in the kitchen an hour ago"
)


@pytest.mark.parametrize(
    "text, share, vetoed",
    [
        # a rule reading of an emergency stands only with 0.3 of report share or more
        # (a real emergency told without a strong body word gets 0.44 or more)
        ("my legs went numb on the long flight", 0.12, True),
        ("my legs went numb on the long flight", 0.31, False),
        ("the heat is suffocating today", 0.28, True),
        # ... and so does a long one: a red flag buried in it told with no strong body
        # word gets as much report share as a short one (0.41 or more)
        (LONG_FAINT, 0.28, True),
        (LONG_FAINT, 0.35, False),
        # an urgent reading with no body or symptom word at all: 0.2
        ("the tip turned black and crusty, how do I clean it", 0.18, True),
        ("the tip turned black and crusty, how do I clean it", 0.22, False),
        # an urgent reading with a symptom word keeps the lower limit (0.1)
        ("I've got a fever and the shivers", 0.12, False),
        ("I've got a fever and the shivers", 0.05, True),
        # a rash or a swelling named with no body part is a symptom word, weak evidence
        ("the rash of red error flags on my dashboard since the update", 0.05, True),
        ("the rash of red error flags on my dashboard since the update", 0.12, False),
        ("the swelling on the bike tyre sidewall is getting bigger", 0.05, True),
    ],
)
def test_the_veto_limits(detector, text, share, vetoed):
    level = triage_of_text(text).level
    assert level in ("emergency", "urgent")
    ranking = [("out_of_scope", round(0.99 - share, 2)), ("report_emergency", share)]
    triage = run(detector, ranked(text, ranking)).get("triage")
    assert (triage["source"] == "veto") is vetoed
    assert triage["level"] == (None if vetoed else level)


@pytest.mark.parametrize(
    "text",
    [
        "an itchy red rash on my cheeks since yesterday",
        "the swelling round my eyes is getting bigger",
    ],
)
def test_a_rash_or_swelling_of_the_face_is_vetoed_only_when_the_classifier_is_all_but_sure(
    detector, text
):
    level = triage_of_text(text).level
    assert level in ("emergency", "urgent")
    triage = run(detector, ranked(text, [("out_of_scope", 0.86), ("report_urgent", 0.12)])).get(
        "triage"
    )
    assert triage["source"] != "veto" and triage["level"] == level
    triage = run(detector, ranked(text, [("out_of_scope", 0.9), ("report_urgent", 0.08)])).get(
        "triage"
    )
    assert triage["source"] == "veto" and triage["level"] is None


@pytest.mark.parametrize(
    "text",
    [
        # what the rules read as a tongue, a face or a colour in requests that are about
        # something else, and that the classifier gives almost no report share
        "my tongue went numb from the pepper while filming lol, how do I explain it to viewers?",
        "my friend's face swelled up from the midge bites lol, what repellent actually works?",
    ],
)
def test_an_alarm_the_classifier_is_all_but_sure_is_no_report_is_vetoed(detector, text):
    assert triage_of_text(text).level == "emergency"
    assert set(triage_of_text(text).anchors) - {"limbs", "symptom"}  # a strong body word
    msg = run(
        detector, ranked(text, [("out_of_scope", 0.94), ("faq", 0.04), ("report_emergency", 0.02)])
    )
    triage = msg.get("triage")
    assert triage["level"] is None and triage["source"] == "veto"
    assert intent_of(msg) == "out_of_scope"
    assert any("only 0.020" in r for r in triage["reasons"])
    # the sure veto can be turned off on its own
    assert (
        RedFlagDetector({"veto_sure_mass": 0})._veto(
            triage_of_text(text), text, msg.get("intent_ranking")
        )
        is None
    )


@pytest.mark.parametrize(
    "text, named",
    [
        # a time after something, a session or a needle alone: a visit, weak evidence
        ("it's day 3 of waiting for my lost bag and nobody answers", "visit"),
        ("the hill sprints had us gasping, a good session?", "visit"),
        # the treatment named: the treatment
        ("day 3 after the meso injections and I'm gasping", "treatment"),
        ("had my skin booster session 2 days ago", "treatment"),
    ],
)
def test_a_treatment_anchor_of_only_times_and_sessions_is_a_visit(text, named):
    anchors = triage_of_text(text).anchors
    assert named in anchors
    assert ({"visit", "treatment"} - {named}).isdisjoint(anchors)


def test_the_veto_never_holds_for_a_patient_with_a_recorded_treatment(detector):
    msg = ranked("the heat is suffocating today", SURE_NOT_A_REPORT)
    msg.set("metadata", {"checkin": {"days_since_treatment": 1.5, "route": "pass"}})
    run(detector, msg)
    assert msg.get("triage")["level"] == "emergency"
    assert intent_of(msg) == "report_emergency"


def test_the_check_in_key_is_the_hooks_own():
    from bot.channels.checkin_hook import META_KEY
    from bot.nlu.red_flags import CHECKIN_METADATA

    assert CHECKIN_METADATA == META_KEY


def test_the_veto_leaves_levels_below_an_alarm_alone(detector):
    text = "a little redness where the needles went, day 1"
    msg = run(detector, ranked(text, SURE_NOT_A_REPORT))
    assert msg.get("triage")["source"] != "veto"
    assert msg.get("triage")["level"] == "none"


def test_the_veto_can_be_turned_off(tmp_path):
    storage = LocalModelStorage(tmp_path)
    context = ExecutionContext(GraphSchema({}), "test-model")
    off = RedFlagDetector.create(
        {"veto_max_words": 0, "veto_sure_mass": 0}, storage, Resource("rf"), context
    )
    msg = run(off, ranked("the heat is suffocating today", SURE_NOT_A_REPORT))
    assert msg.get("triage")["level"] == "emergency"
    assert intent_of(msg) == "report_emergency"


def test_the_pipeline_sets_the_veto_as_the_component_defaults():
    config = yaml.safe_load((ROOT / "config.yml").read_text())
    step = next(s for s in config["pipeline"] if s["name"].endswith("RedFlagDetector"))
    defaults = RedFlagDetector.get_default_config()
    keys = ("veto_max_words", "veto_unanchored_mass", "veto_weak_mass", "weak_anchors")
    keys = (*keys, "veto_emergency_mass", "veto_sure_mass", "veto_sure_confidence")
    over = ("urgent_over_expected", "urgent_over_routine", "emergency_over_rules")
    over = (*over, "emergency_over_expected")
    for key in (*keys, "veto_intents", "veto_min_confidence", *over, "emergency_unanchored"):
        assert step[key] == defaults[key]


@pytest.mark.parametrize(
    "text, confidence, level",
    [
        # no body word at all: the classifier's emergency stands only when it is sure
        ("my dad is being really weird since this afternoon", 0.95, "emergency"),
        ("my dad is being really weird since this afternoon", 0.85, None),
        # written to another business: never
        ("your waiter dropped a tray and my husband can't remember where he is", 0.95, None),
    ],
)
def test_a_classifier_emergency_without_a_body_word_needs_to_be_sure(
    detector, text, confidence, level
):
    msg = run(detector, message(text, intent="report_emergency", confidence=confidence))
    assert msg.get("triage")["level"] == level
    assert (intent_of(msg) == "report_emergency") is (level == "emergency")


@pytest.mark.parametrize(
    "text, ranking, level",
    [
        # no sign and only a time or a session: the classifier's emergency needs the
        # certainty it needs over expected effects (0.8), its urgent report does not stand
        (
            "the cab was late and I missed my appointment at the bank",
            [("report_emergency", 0.6)],
            None,
        ),
        (
            "the cab was late and I missed my appointment at the bank",
            [("report_emergency", 0.85)],
            "emergency",
        ),
        ("day 3 since I ordered and still no confirmation email", [("report_urgent", 0.8)], None),
        # a body word named: the classifier's report fills in as before
        ("day 3 and my cheek is not right", [("report_urgent", 0.8)], "urgent"),
    ],
)
def test_a_visit_alone_is_weak_evidence_for_the_classifier(detector, text, ranking, level):
    a = triage_of_text(text)
    assert a.level is None and not a.signs
    msg = run(detector, ranked(text, [*ranking, ("out_of_scope", 0.1)]))
    triage = msg.get("triage")
    assert triage["level"] == level
    assert (
        (intent_of(msg) == f"report_{level}") if level else not intent_of(msg).startswith("report_")
    )


def test_a_things_reading_sets_no_classifier_emergency_aside_when_the_treatment_is_named(
    detector,
):
    from bot.triage import Assessment

    thing = {"sign": "vision_change", "level": "emergency", "start": 0, "end": 14}
    thing.update(text="half the room", status="thing")
    prior = {"name": "report_emergency", "confidence": 0.9}
    ranking = [prior, {"name": "out_of_scope", "confidence": 0.1}]
    text = "half the room has gone grey, vitamin injections at 4"
    named = Assessment(
        level=None, matches=[thing], anchored=True, anchors=["treatment"], report_context=True
    )
    assert detector._decide(prior, named, text, ranking)["level"] == "emergency"
    # ... without the treatment named, the rules' reading of a thing stands
    unnamed = Assessment(
        level=None, matches=[thing], anchored=True, anchors=["skin"], report_context=True
    )
    decision = detector._decide(prior, unnamed, "half the room has gone grey", ranking)
    assert decision["level"] is None and decision.get("demote")


def test_the_sure_veto_holds_below_a_tenth_of_report_share_at_out_of_scope_0_8(detector):
    # a relative's eyesight in a shopping question: the rules read an emergency, the
    # classifier gives the report intents 0.09 and out of scope 0.85 (no real report in
    # 8,375 of rounds 3-44 got under 0.138, none of 690 in rounds 45-50 under 0.39)
    text = "my grandad's eyesight is going a bit blurry, do you sell magnifiers?"
    assert triage_of_text(text).level == "emergency"
    sure = [("out_of_scope", 0.85), ("faq", 0.06), ("report_emergency", 0.09)]
    assert run(detector, ranked(text, sure)).get("triage")["source"] == "veto"
    unsure = [("out_of_scope", 0.78), ("faq", 0.13), ("report_emergency", 0.09)]
    assert run(detector, ranked(text, unsure)).get("triage")["level"] == "emergency"
    more = [("out_of_scope", 0.85), ("faq", 0.04), ("report_emergency", 0.11)]
    assert run(detector, ranked(text, more)).get("triage")["level"] == "emergency"


DENIED_EYE = "a yellowish patch under my eye since the booster, my eye feels completely normal"
DENIED_AIRWAY = (
    "her tablets catch halfway down since the chin injections, she is breathing fine and "
    "talking normally"
)


@pytest.mark.parametrize(
    "text, ranking, level, intent",
    [
        # no sign read and a function said normal: the classifier's emergency, under its
        # sureness over expected effects, yields to its next report intent
        (
            DENIED_EYE,
            [("report_emergency", 0.74), ("report_symptom", 0.12), ("report_routine", 0.09)],
            None,
            "report_symptom",
        ),
        (
            DENIED_AIRWAY,
            [("report_emergency", 0.57), ("report_urgent", 0.3), ("report_symptom", 0.11)],
            "urgent",
            "report_urgent",
        ),
        # ... and stands when it is as sure as over expected effects (0.8)
        (
            DENIED_EYE,
            [("report_emergency", 0.85), ("report_symptom", 0.1), ("faq", 0.05)],
            "emergency",
            "report_emergency",
        ),
    ],
)
def test_the_classifiers_emergency_over_no_sign_yields_to_a_function_said_normal(
    detector, text, ranking, level, intent
):
    assessment = triage_of_text(text)
    assert assessment.level is None and assessment.denied
    msg = run(detector, ranked(text, ranking))
    assert msg.get("triage")["level"] == level
    assert intent_of(msg) == intent


def test_a_sure_classifier_emergency_never_stands_over_expected_effects_taken_back(detector):
    """ "Husband here is being very dramatic ... says it's on fire ... it's pink and barely
    warm, nothing more": the writer calls the strong words exaggerated and the rules read
    expected effects; the classifier's emergency, however sure, does not stand over them.
    Without the taking back it still does (round 77)."""
    from bot.triage import assess

    prior = {"name": "report_emergency", "confidence": 0.97}
    ranking = [prior, {"name": "report_symptom", "confidence": 0.02}]
    text = (
        "my husband is being very dramatic and says his forehead is on fire after the "
        "mesotherapy at lunch. it's pink and barely warm, nothing more"
    )
    taken_back = assess(text)
    assert taken_back.level == "none" and taken_back.retracted
    assert detector._decide(prior, taken_back, text, ranking)["level"] != "emergency"
    plain = "my husband says his forehead is pink and barely warm after the mesotherapy at lunch"
    said = assess(plain)
    assert said.level == "none" and not said.retracted
    assert detector._decide(prior, said, plain, ranking)["level"] == "emergency"
