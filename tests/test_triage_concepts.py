"""The concept layer, time since treatment, anchors, the red-flag check, levels.

bot/triage/concepts.py pairs a body function with what is wrong with it
(knowledge/triage_vocabulary.yml); these tests pin what that buys and what it
must not do.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from bot import triage
from bot.levels import ESCALATING, HANDOFF, LEVELS, Level, highest, rank
from bot.triage import assess

ROOT = Path(__file__).resolve().parent.parent
CONCEPTS = yaml.safe_load((ROOT / "tests/data/triage_concepts.yml").read_text(encoding="utf-8"))


def level(text, **context):
    return assess(text, context=context or None).level


# ---------------------------------------------------------------- the regression set


@pytest.mark.parametrize(
    "want, text",
    [(k, t) for k, ts in CONCEPTS.items() for t in ts],
    ids=[t[:50] for ts in CONCEPTS.values() for t in ts],
)
def test_concept_regression_set(want, text):
    a = assess(text)
    if want == "unrelated":
        assert rank(a.level) < rank("routine"), a.reasons
    elif want == "none":
        assert a.level == "none", a.reasons
    elif want == "emergency":
        assert a.level == "emergency", a.reasons
    else:
        assert rank(a.level) >= rank(want), a.reasons


# ---------------------------------------------------------------- the dev sets as regression sets


def test_blind_triage_dev_set_is_right_on_the_rule_layer():
    """tests/blind/triage_dev.yml: first look before this work 59/69 emergencies (bot);
    tuned on since, so a regression set now (the sealed test sets measure)."""
    from scripts.eval_triage import evaluate, load_cases, report, summary

    figures = evaluate({"dev": load_cases(ROOT / "tests/blind/triage_dev.yml")})
    for ok, n in summary(figures, "dev").values():
        assert ok == n, report(figures)


def test_blind_unrelated_dev_set_raises_no_alarm_on_the_rule_layer():
    from scripts.eval_triage import evaluate, load_cases, report, summary

    figures = evaluate({"oos": load_cases(ROOT / "tests/blind/oos_dev.yml")})
    ok, n = summary(figures, "oos")["unrelated"]
    assert n > 1000 and ok == n, report(figures)


# ---------------------------------------------------------------- pairs, negation, denial


@pytest.mark.parametrize(
    "text, expected",
    [
        ("my vision isn't blurry", None),
        ("my eyesight is fine", None),
        ("I don't think my vision is normal", "emergency"),
        ("my vision is not normal", "emergency"),
        ("no trouble seeing or breathing, just a little redness", "none"),
        ("I don't have any pain or blurry vision apart from my left eye", "emergency"),
        ("my lump is not hot or painful, it's just still there after 3 weeks", "routine"),
        ("the skin under my eye is a bit puffy", "none"),
        ("my eye is blurry", "emergency"),
        ("the area is painful and purple", "emergency"),
    ],
)
def test_pairs_read_negation_and_denial(text, expected):
    assert level(text) == expected, assess(text).reasons


def test_denials_are_reported_and_skip_the_check():
    a = assess("a bit puffy, no pain, breathing fine, vision fine, colour normal")
    assert a.level == "none"
    assert {"breathing", "sight", "colour"} <= set(a.denied)
    assert a.check == []
    b = assess("a bit puffy today")
    assert b.check == triage.check_option_ids()


@pytest.mark.parametrize(
    "text, function",
    [
        ("the patch is lighter than my normal skin", "skin"),
        ("my good eye has gone blurry too", "eye"),
        ("my normal voice is gone, it comes out hoarse", "voice"),
    ],
)
def test_a_normal_word_before_a_part_names_the_part_and_denies_nothing(text, function):
    """ "my normal skin", "my good eye": what kind of part, not how it is now."""
    assert function not in assess(text).denied


def test_a_body_word_written_by_its_sound_is_read_by_a_general_rule():
    """One letter short of a vocabulary word (a double letter once, a vowel pair as one vowel),
    refused when the form is a word of its own ("had", "moth", "pin")."""
    from bot.triage.rules import spelt_by_sound

    assert {"hed", "had"} <= set(spelt_by_sound("head"))
    assert "sweling" in spelt_by_sound("swelling")
    assert spelt_by_sound("eye") == []  # too short to guess from
    rules = triage.load_rules()
    assert rules._spelt(["head", "mouth", "pain"], set()) == ["hed", "muth"]


def test_a_slip_of_the_thumb_is_read_by_a_general_rule():
    """Two neighbouring letters swapped, or one letter inside a word of six or more left
    out; words of five letters or more; the first and last letters are never dropped."""
    from bot.triage.rules import typed_by_slip

    assert {"brusies", "rbuises", "bruies"} <= set(typed_by_slip("bruises"))
    assert "sowllen" in typed_by_slip("swollen")
    assert "locked" not in typed_by_slip("blocked")  # never the first letter
    assert "sting" not in typed_by_slip("stings")  # nor the last
    assert not any(len(f) < 5 for f in typed_by_slip("black"))  # five letters: swaps only
    assert typed_by_slip("lips") == []


def test_a_slip_that_makes_another_word_or_a_calming_word_is_refused():
    rules = triage.load_rules()
    vocab = {
        "functions": {"part": {"words": ["signs", "temple", "blinks"]}},
        "states": {
            "hurt": {"words": ["drained", "blanks"]},
            "fine": {"words": ["normal"]},
            "bit": {"words": ["slightly"]},
        },
        "normal": ["fine"],
        "concepts": [{"sign": "x", "function": "part", "state": "hurt", "unless": ["bit"]}],
    }
    typos = rules._typos(vocab, {"signs", "temple", "blinks", "drained", "blanks", "normal"})
    part, hurt = typos[("functions", "part")], typos[("states", "hurt")]
    assert {"tmeple", "blinsk", "blnaks"} <= set(part) | set(hurt)
    # a regular form of a verb ("sings", "rained") or a WordNet word ("sign") is a word of its own
    assert not {"sings", "sign"} & set(part) and "rained" not in hurt
    # "blnks" is blinks and blanks short of a letter, two meanings: no guess
    assert "blnks" not in part and "blnks" not in hurt
    # a guess may raise a reading, never lower one: the calming states gain no form
    assert ("states", "fine") not in typos and ("states", "bit") not in typos


def test_a_group_that_excludes_a_word_excludes_its_slips_too():
    """ "vision board" is no sight; nor is "visoin board"."""
    assert assess("i made a visoin board for the new year, feels weird").level is None
    assert assess("my visoin is weird since the jabs").level == "emergency"


def test_a_pair_names_its_function_and_state_in_the_reasons():
    a = assess("my left eye has gone all misty since this morning")
    assert a.level == "emergency"
    assert any("eye + blurred" in r for r in a.reasons)


# ---------------------------------------------------------------- anchors


@pytest.mark.parametrize(
    "text",
    [
        "my screen went black",
        "grout turning black in the shower",
        "why did my hydrangea turn blue",
        "i think my computer is infected with a virus",
        "paint blistering on the bathroom wall",
        "my sourdough starter smells like nail polish remover",
        "my layer cake came out lopsided",
        "the river has been swollen for two weeks",
        "is it warmer in lisbon",
        "whats the wind chill",
        "how to fit a blind spot mirror",
        "play the saturday night fever soundtrack",
        # a thing named after the face or a rash; dropping something is letting it fall
        "face id has been useless since i dropped it down the stairs",
        "bought a rash vest for my son, it's too small",
        # a shade judged against the skin; a mark whose cause is named as a knock
        "this concealer is far too pale for my skin, can I swap it",
        "my daughter has a purple mark on her leg from a fall at netball",
        # a lump and heat said of food or a thing, not of the writer
        "the gravy is lumpy and hot",
        "a hot red lump of clay for the kiln",
        "the stew has a hot lump in it",
        "I baked bread and now I have a hot lump of dough",
    ],
)
def test_unrelated_text_raises_no_alarm(text):
    assert rank(level(text)) < rank("routine"), assess(text).reasons


@pytest.mark.parametrize(
    "text, expected",
    [
        ("it's oozing", "urgent"),
        ("there's a bad smell", "urgent"),
        ("I think it's infected", "urgent"),
        ("swollen for a week", "routine"),
        ("there's a pea sized lump that's been there 4 weeks", "routine"),
        ("the skin went black", "emergency"),
    ],
)
def test_terse_reports_still_count_without_a_body_word(text, expected):
    assert level(text) == expected, assess(text).reasons


@pytest.mark.parametrize(
    "text, expected",
    [
        # the writer's own "I've got a ..." opens the sign's clause: what was told before it
        # (a place, a date, a shop) is another clause, not the subject of the sign
        (
            "went to the gym on the 2nd and now it's the 6th and I've got a big "
            "sore red lump that's hot",
            "urgent",
        ),
        ("the car broke down and I have a tender lump that feels hot", "urgent"),
        # without the writer's opener the thing named first stays the subject
        ("the stew has a hot lump in it", "none"),
    ],
)
def test_the_writers_own_opener_starts_the_clause_of_a_sign(text, expected):
    assert level(text) == expected, assess(text).reasons


# ---------------------------------------------------------------- time since treatment


@pytest.mark.parametrize(
    "text, days",
    [
        ("day 3 and still swollen", 3),
        ("swelling since yesterday", 1),
        ("had it a month ago, lumpy", 30),
        ("4 hrs ago, a bit red", 0.16),
        ("2 weeks after, a bruise", 14),
        # a modifier stands just before the number, and is half a unit at most
        ("eye hurts, under eye meso 3 hrs ago", 0.125),
        ("just under 3 hours after the meso", 0.1),
        ("more than 2 weeks after, a lump", 14.5),
        # a unit before a state is still a time since ("a 3 day swelling")
        ("a 3 day swelling on my cheek", 3),
        # a weekday: at least a day ago (today's weekday is unknown), over a time of that day
        ("had the jabs on wednesday, cheek is puffy", 1),
        ("got it done tues after work and my lips are sore", 1),
        ("had it done at lunch on thursday, a bit red", 1),
        ("puffy since sunday", 1),
        # whose time: another person's treatment does not date the writer's own
        ("my sister got hers done 3 weeks ago and i had mine yesterday, a bit puffy", 1),
        # ... unless the message is a report about that person
        ("my aunt had meso 3 weeks ago and her cheek is still puffy", 21),
        # the one who treats is no other patient: "she did it" dates the writer's treatment
        ("the nurse was great, she did it 10 days ago and my chin is still puffy", 10),
    ],
)
def test_time_since_treatment_is_read_from_the_message(text, days):
    assert assess(text).days == pytest.approx(days, abs=0.05)


@pytest.mark.parametrize(
    "text",
    [
        # a time ahead is not a time since the treatment
        "my wedding is in six weeks, I have a small lump under my eye",
        "holiday 3 weeks from now, small bump on my cheek",
        "two weeks to go until the party, tiny lump under the skin",
        # the length of something else: "12-hour shifts", "a 3 day course"
        "I work 12-hour shifts and have a small lump under my eye",
        "on a 5 day course at work, my cheek has a small bump",
        # a weekday ahead or a habit: no day of the treatment
        "my follow up is on thursday, small bump on my cheek",
        "next friday is the party, tiny lump under the skin",
        "on tuesdays i work late, my cheek has a small bump",
        # another person's time, the writer speaking of themself
        "unlike my colleague who had it done a month ago, my forehead is still a bit lumpy",
        "my best friend had hers 5 weeks ago, i have a small bump on my cheek",
    ],
)
def test_a_time_ahead_or_a_length_is_not_time_since_treatment(text):
    assert assess(text).days is None, assess(text).reasons


def test_time_from_the_context_when_the_message_says_none():
    assert level("my face is still swollen") == "none"
    assert level("my face is still swollen", days_since_treatment=9) == "routine"
    assert assess("my face is still swollen", context={"days_since_treatment": 9}).days == 9
    # the message wins over the context
    assert level("still swollen on day 3", days_since_treatment=12) == "none"
    # nonsense context is ignored
    assert level("my face is still swollen", days_since_treatment="soon") == "none"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("the swelling is still growing on day 4", "urgent"),  # growing after 72 hours
        ("my face is swelling and it's getting worse", "urgent"),
        ("red tender lump, came up yesterday", "none"),  # early: expected
        ("red tender lump that came up 5 weeks after", "urgent"),  # late and inflamed
        ("a hard lump 5 weeks after, not red or sore", "routine"),  # late, not inflamed
        ("my cheeks feel warm an hour after the treatment", "none"),  # warmth at first is expected
        ("my cheek feels warm on day 4", "urgent"),  # later: a sign of infection
        ("the pain got worse on day 4", "urgent"),
        # a weekday is a day ago or more: warmth is no longer the first hours' warmth
        ("had it done over lunch on tuesday and now my cheek feels warm", "urgent"),
        # a weekday is a lower bound, too short to raise anything by itself
        ("had my meso on friday, the cheeks are still a bit puffy", "none"),
        # ... and no stated time: a swelling that will not go down, with no time said, is
        # followed up; a weekday leaves it so, where "yesterday" (a stated time) decides
        ("the swelling is not going down, had the meso on saturday", "routine"),
        ("the swelling is not going down, had the meso yesterday", "none"),
    ],
)
def test_clinical_time_rules(text, expected):
    assert level(text) == expected, assess(text).reasons


def test_fat_dissolving_context_from_elsewhere():
    assert level("I can't swallow properly") == "emergency"
    assert level("I can't swallow properly", treatment="fat_dissolving") == "urgent"


# ---------------------------------------------------------------- the red-flag check


def test_check_answers():
    assert triage.check_slot() == "rf_check"
    assert triage.check_option_ids() == ["sight", "breathing", "skin", "pain"]
    assert triage.check_answer("my eyesight") == ["sight"]
    assert triage.check_answer('/affirm{"rf_sign": "skin"}') == ["skin"]
    assert triage.check_answer("no, breathing is fine") == []
    assert triage.check_answer("") == []


@pytest.mark.parametrize(
    "answer, expected",
    [
        ("no", "none"),
        (None, "none"),
        ("sight", "emergency"),
        ("breathing", "emergency"),
        ("skin", "emergency"),
        ("pain", "urgent"),
        ("yes", "urgent"),
        ("unclear", "routine"),
    ],
)
def test_check_outcomes(answer, expected):
    lv, signs, reasons = triage.assess_check(answer, {"signs": ["swelling"], "reasons": ["x"]})
    assert lv == expected
    assert "swelling" in signs and reasons[0] == "x" and "red-flag check" in reasons[-1]


def test_every_check_option_names_a_reply_level():
    rules = triage.load_rules()
    for opt in rules.check_options:
        assert rules.signs[opt["sign"]].level in ("urgent", "emergency")


# ---------------------------------------------------------------- the vocabulary is data


def _data():
    return yaml.safe_load((ROOT / "knowledge/red_flags.yml").read_text(encoding="utf-8"))


def _vocab():
    return yaml.safe_load((ROOT / "knowledge/triage_vocabulary.yml").read_text(encoding="utf-8"))


def test_a_clinician_can_add_a_concept_without_code():
    data, vocab = _data(), _vocab()
    vocab["functions"]["ear"] = {"label": "hearing", "words": ["ear", "ears", "hearing"]}
    vocab["concepts"].append({"sign": "hoarse_voice", "function": ["ear"], "state": ["blurred"]})
    data["vocabulary"] = vocab
    rules = triage.Rules(data)
    assert assess("my hearing is muffled and fuzzy", rules=rules).level == "emergency"


@pytest.mark.parametrize(
    "change, message",
    [
        (
            lambda v: v["concepts"].append(
                {"sign": "no_such_sign", "function": ["eye"], "state": ["blurred"]}
            ),
            "no_such_sign",
        ),
        (
            lambda v: v["concepts"].append(
                {"sign": "vision_change", "function": ["elbow"], "state": ["blurred"]}
            ),
            "elbow",
        ),
        (
            lambda v: v["concepts"].append(
                {"sign": "vision_change", "function": ["eye"], "state": ["sparkly"]}
            ),
            "sparkly",
        ),
        (lambda v: v["functions"]["eye"]["words"].append(False), "quote"),
        (lambda v: v["grammar"].pop("owners"), "grammar.owners"),
        (lambda v: v["grammar"].update(possessives=["my"]), "unknown list"),
        (lambda v: v["grammar"]["sides"].append(False), "quote"),
        (lambda v: v.pop("grammar"), "grammar"),
        (
            lambda v: v["concepts"].append(
                {
                    "sign": "vision_change",
                    "function": ["eye"],
                    "state": ["blurred"],
                    "scope": "paragraph",
                }
            ),
            "scope",
        ),
    ],
)
def test_a_broken_vocabulary_fails_at_start_up(change, message):
    data, vocab = _data(), copy.deepcopy(_vocab())
    change(vocab)
    data["vocabulary"] = vocab
    with pytest.raises(ValueError, match=message):
        triage.Rules(data)


# ---------------------------------------------------------------- clauses and sentences


def test_a_pair_stays_in_its_clause_unless_the_concept_reads_the_sentence():
    """ "I keep blinking but it stays cloudy": blinking is done to clear the sight."""
    data, vocab = _data(), copy.deepcopy(_vocab())
    clearing = [c for c in vocab["concepts"] if "clearing" in c["function"]]
    assert clearing and all(c.get("scope") == "sentence" for c in clearing)
    assert level("rubbed my eyes, it stays cloudy") == "emergency"
    assert level("rubbed my eyes but it stays cloudy") == "emergency"
    assert level("rubbed my eyes. the sky stays cloudy") != "emergency"  # another sentence
    for c in clearing:
        c["scope"] = "clause"
    data["vocabulary"] = vocab
    rules = triage.Rules(data)
    assert assess("i keep blinking but it stays cloudy", rules=rules).level != "emergency"
    assert assess("i keep blinking, it stays cloudy", rules=rules).level == "emergency"


def test_clearing_words_never_take_a_state_from_a_part():
    a = assess("blinking hurts and my eye is watering")
    assert a.level == "emergency" and "eye_pain" in a.signs
    assert level("i keep blinking but it's not cloudy any more") != "emergency"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("looks like a rash but it's just the injection points", "none"),
        ("I have a rash but it's just the injection points", "urgent"),  # no hedge
        ("looks like a rash but it's spreading", "urgent"),  # nothing expected after
        ("looks like my vision is blurry but it's just the injection marks", "emergency"),
        ("looks like a rash. it's just the injection marks", "urgent"),  # another sentence
    ],
)
def test_a_sign_likened_then_named_as_expected_is_set_aside(text, expected):
    a = assess(text)
    assert a.level == expected, a.reasons
    if expected == "none":
        assert any(m["status"] == "reattributed" for m in a.matches)
        assert a.check, "the red-flag check is still asked"


# ---------------------------------------------------------------- text preparation


@pytest.mark.parametrize(
    "text",
    [
        "my vision went blurry after my injections \ud800",
        "\udfff my vision went blurry",
        "blurry \ud83d vision",
    ],
)
def test_a_lone_surrogate_does_not_disable_the_rules(text):
    a = assess(text)
    assert a.level == "emergency"
    assert not any("internal error" in r for r in a.reasons)


# ---------------------------------------------------------------- one level order


def test_one_level_order():
    assert LEVELS == ("none", "routine", "urgent", "emergency") == triage.LEVELS
    assert Level.EMERGENCY > Level.URGENT > Level.ROUTINE > Level.NONE
    assert ESCALATING == ("routine", "urgent", "emergency")
    assert HANDOFF == ("urgent", "emergency")
    assert Level.parse("Urgent") is Level.URGENT and Level.parse("ask") is None
    assert Level.parse(None) is None and Level.parse(3) is None
    assert str(Level.ROUTINE) == "routine"
    assert rank(None) == -1 and rank("bogus") == -1 and rank("emergency") == 3
    assert highest("none", None, "urgent") == "urgent" and highest() is None
    assert tuple(triage.load_rules().data["levels"]) == LEVELS
