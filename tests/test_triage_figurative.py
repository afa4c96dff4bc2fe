"""A sign's words used figuratively (bot/triage/figurative.py, knowledge/triage_figurative.yml).

In a message that names no treatment, no body part and no other symptom, a
sign under an unrelated topic, beside a laugh, as the result of a degree or
an activity, a measure, a count or a thing placed, a mind's figure said of an
experience, a period or a load of things to do, a competitor choking in a
contest, a sign's verb done to a thing raises no alarm; the same
words with the treatment, a body part or another symptom still do. The
sentences are written here for the test (none comes from an evaluation set).
WordNet (Debian's wordnet-base) must be installed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot import triage
from bot.levels import rank
from bot.triage import figurative

ROOT = Path(__file__).resolve().parent.parent


def _alarm(text: str) -> bool:
    return rank(triage.assess(text).level) >= rank("routine")


def _statuses(text: str) -> set[str]:
    return {m["status"] for m in triage.assess(text).matches}


# 1. a body function used figuratively: caused by an emotion, an activity or a place
FUNCTION_FIGURES = [
    "the lecture hall was so muggy I could hardly breathe, can I sit by the door next time",
    "the bass line is suffocating the vocals in our mix",
    "lmao I can't breathe, the parrot just said hello to the postman",
    "I could barely breathe watching the penalty shootout",
    "I couldn't breathe reading that twist, any thrillers like it",
    "completely breathless after 8 km, how should I train for a half marathon",
    # an ordinary cause told after the sign: the air, a place, an effort
    "we could hardly breathe on the platform, it was so humid, can you open the vents",
    "I was shivering the whole lesson, the classroom was freezing",
    "it's 35 degrees inside the bus and everyone is close to collapsing",
    "my dad walked up the hill to your cafe and was breathless at the top",
    "the lamps in your car park are so dim I can hardly see my keys",
]

# 2. a sign word said of a person's judgement or skill, or as a title
JUDGEMENT_FIGURES = [
    "the umpire must be blind, that ball was clearly out",
    "the linesman was blind, that was offside by a mile",
    "my boss has a blind spot for the new hire's mistakes",
    "we're doing a blind tasting of gins on Friday, any suggestions",
]

# 3. a sign said of a thing, an image, a game or a place
THING_FIGURES = [
    "my character keeps bleeding after the boss fight, what cures it in this rpg",
    "my guy collapsed after one critical hit, is the build wrong",
    "the sourdough came out with big dark blisters on the crust, too hot an oven",
    "the fog on the motorway is so thick I can barely see anything",
    "the gloss paint has blisters all over the radiator, what went wrong",
    "my toddler keeps dropping food on the floor, any tips",
    "the boiler overflow pipe is leaking onto the patio again",
]

# 4. a word read as a sign by another sense
SENSE_FIGURES = [
    "golf question: how many strokes did he finish ahead",
    "the gas bill shows an estimated reading again, how do I send a real one",
    "is the new fifty shades film worth watching or is the book better",
]

# the same words, with the treatment, a body part or another symptom: alarms
STILL_ALARMS = [
    "I can't breathe, my throat is closing since the injections",
    "my left eye went blind after the session",
    "I think she's having a stroke, her face dropped",
    "lol ok so I can't breathe and my lips are swelling after the meso",
    "the room was so stuffy but now my throat feels tight and I can't breathe",
    "I was reading and suddenly my vision went blurry in my right eye",
    "my dad collapsed at the golf club and won't wake up",
    "she can't breathe at the match, her tongue is swelling",
    "it's foggy outside and I can't breathe",
    "I can't breathe",
    "she had a fit and is not responding",
    "woke up on the kitchen floor, I must have passed out",
    "the pizza place was so smoky, now I have hives all over and my lips are tingling",
    # another sign in the message makes it a report, whatever the degree
    "the pain was so bad I passed out",
    "the swelling got so big I can't breathe",
    "the itching is so intense I can barely breathe",
    # a person a sign is said of stays a person, whatever the topic
    "my husband collapsed at the golf club",
    "my sister had a seizure during the match",
    "the referee collapsed on the pitch and isn't moving",
    "can't breathe, stuck in traffic on the motorway",
    "my grandad went blind in his left eye this morning",
    "she collapsed while we were watching the film",
    # an activity that tells when it began, not a cause
    "I couldn't breathe while watching tv",
    "struggling to breathe, was reading a book when it started",
    # a soft laugh with nothing funny named, or with a question about the writer's state
    "cant breathe properly lol is that normal",
    "lol i cant really breathe rn",
    "kinda hard to breathe haha should i worry",
    "i feel faint lol",
    # the air or an effort said of the writer's own body, or of a named person
    "I'm boiling hot and I can't breathe",
    "it's so hot in here and my son can't breathe",
    "my aunt collapsed, it's been so hot all week",
    "I can't breathe after running up the stairs",
    "out of breath on the stairs since the injections",
    "I collapsed in the treatment room",
    "he's 39 degrees and shivering",
    "the kitchen tap is leaking and so is the cut on my lip",
    "my lip is leaking clear fluid, the plumber can wait",
    # a degree said of a symptom's own state, even with the body word misspelt
    "noggin is pounding so bad, cant think straight at all",
    # a state of the vocabulary said of nothing named may be the writer's own
    "it's so tight I can hardly breathe",
    "everything is so blurry I can't read",
]


@pytest.mark.parametrize("text", FUNCTION_FIGURES)
def test_a_body_function_used_figuratively_raises_no_alarm(text: str) -> None:
    assert not _alarm(text), triage.assess(text).reasons


@pytest.mark.parametrize("text", JUDGEMENT_FIGURES)
def test_a_sign_word_said_of_a_judgement_raises_no_alarm(text: str) -> None:
    assert not _alarm(text), triage.assess(text).reasons


@pytest.mark.parametrize("text", THING_FIGURES)
def test_a_sign_said_of_a_thing_a_game_or_a_place_raises_no_alarm(text: str) -> None:
    assert not _alarm(text), triage.assess(text).reasons


@pytest.mark.parametrize("text", SENSE_FIGURES)
def test_a_word_read_in_another_sense_raises_no_alarm(text: str) -> None:
    assert not _alarm(text), triage.assess(text).reasons


@pytest.mark.parametrize("text", STILL_ALARMS)
def test_the_same_words_in_a_report_still_alarm(text: str) -> None:
    assert _alarm(text), triage.assess(text).reasons


def test_emergencies_with_the_same_words_are_emergencies() -> None:
    for text in STILL_ALARMS[:3]:
        assert triage.assess(text).level == "emergency", text


def test_the_reason_is_given_for_staff() -> None:
    a = triage.assess("the umpire must be blind, that ball was clearly out")
    figs = [m for m in a.matches if m["status"] == "figurative"]
    assert figs, a.matches
    assert any("figurative" in r and "umpire" in r for r in a.reasons), a.reasons


def test_a_figure_is_not_a_report_for_the_classifier() -> None:
    from bot.nlu.red_flags import _said_of_things

    assert _said_of_things(triage.assess("I could barely breathe watching the penalty shootout"))
    assert not _said_of_things(triage.assess("I can't breathe"))


def test_the_knowledge_file_parses_and_rejects_a_wrong_entry() -> None:
    data = yaml.safe_load((ROOT / "knowledge" / "triage_figurative.yml").read_text("utf-8"))
    figs = figurative.parse(data)
    assert figs.topics and figs.part_functions and figs.placed_classes
    with pytest.raises(ValueError):
        figurative.parse({**data, "laughter": [1, 2]})
    with pytest.raises(ValueError):
        figurative.parse({**data, "placed_classes": [99]})
    with pytest.raises(ValueError):
        figurative.parse({**data, "topics": {"empty": []}})


def test_part_functions_are_functions_of_the_vocabulary() -> None:
    vocab = yaml.safe_load((ROOT / "knowledge" / "triage_vocabulary.yml").read_text("utf-8"))
    assert figurative.load_figures().part_functions <= set(vocab["functions"])


def test_only_signs_name_signs_of_the_rules() -> None:
    rules = yaml.safe_load((ROOT / "knowledge" / "red_flags.yml").read_text("utf-8"))
    signs = {s["id"] for s in rules["signs"]}
    figs = figurative.load_figures()
    for names in figs.topic_signs.values():
        assert names <= signs
    assert figs.count_signs <= signs


# --- a mind's figure said of an experience, a period or a load of things to do, a competitor
# choking in contests, a sign's verb done to a thing


EXPERIENCE_FIGURES = [
    # a mind's overload caused by a show, a story, the news
    "my head is spinning after that season finale, who was the traitor",
    "honestly my head is still spinning after the lecture on tax law",
    # said of a person, a load of things to do
    "my daughter's head is spinning from so many weekend chores, how do we share them",
    # the load of a period
    "my head is spinning, the month was so hectic, any tips to unwind",
    # a competitor failing under pressure
    "why do I always choke under pressure when I play chess online",
    "he keeps choking in penalty shootouts, how do I coach him",
    # a sign's verb done to a thing
    "the heavy snow collapsed the shed roof last night, is that covered",
    # a rash placed on a thing: a deposit, not a skin sign
    "there's a grey flaky rash on the garage wall after the frost, how do I clean it",
    # a thing's elided subject after its comma: "[it] looks like it might collapse"
    "the old garden shed is leaning badly, looks like it might collapse any day",
    # a body part a picture shows: the picture is blurry, not the sight
    "my face picture on the bank app is blurry so the login fails",
    # "it" is the weather
    "our heater blows hot air all night, it's burning in this heat",
]

EXPERIENCE_REPORTS = [
    ("my head is spinning and I fainted after the injections", "emergency"),
    ("she collapsed", "emergency"),
    ("I'm seeing double", "emergency"),
    ("my head is spinning after the fall, should I worry", "emergency"),
    ("my head is spinning from the new meds", "emergency"),
    ("my head is spinning since this morning and the room keeps moving", "emergency"),
    ("my mum's head is spinning after her session", "emergency"),
    ("my son started choking at the football match", "emergency"),
    ("he is choking on a grape", "emergency"),
    ("she collapsed on the floor", "emergency"),
    ("he collapsed this morning at work", "emergency"),
    ("I can't breathe, this week was awful", "emergency"),
    ("there's a red itchy rash on my neck", "urgent"),
    ("a rash on the baby's cheek", "urgent"),
    ("there's a red rash on the chest", "urgent"),
    ("there's a red rash on the injection site", "urgent"),
    ("a rash on the back of the knee", "urgent"),
    ("my mum is very pale and shaky, looks like she might collapse", "emergency"),
    ("my lips are swollen, looks like it is blistering", "urgent"),
    ("my eye is blurry, the face photo is fine", "emergency"),
    ("everything is blurry, my eye photo shows a red spot", "emergency"),
    ("had meso yesterday, it's burning in the sun", "urgent"),
    ("my cheeks are red, it's burning in the heat", "urgent"),
    ("it's burning", "urgent"),
]


@pytest.mark.parametrize("text", EXPERIENCE_FIGURES)
def test_a_figure_of_an_experience_a_contest_or_a_thing_raises_no_alarm(text: str) -> None:
    assert not _alarm(text), triage.assess(text).matches


@pytest.mark.parametrize("text,level", EXPERIENCE_REPORTS)
def test_a_report_with_the_experience_words_still_alarms(text: str, level: str) -> None:
    assert rank(triage.assess(text).level) >= rank(level), triage.assess(text).matches


def test_the_reason_names_the_period_for_staff() -> None:
    a = triage.assess("my head is spinning, the week was so long")
    assert [m["status"] for m in a.matches] == ["figurative"], a.matches
    assert any("period" in r for r in a.reasons), a.reasons


def _regression_reports() -> list[tuple[str, str]]:
    out = []
    for path in sorted((ROOT / "tests" / "blind").glob("*triage*.yml")):
        for item in yaml.safe_load(path.read_text("utf-8")):
            if item.get("level") in ("emergency", "urgent"):
                out.append((path.name, str(item["text"])))
    cases = yaml.safe_load((ROOT / "tests" / "data" / "triage_cases.yml").read_text("utf-8"))
    for level in ("emergency", "urgent"):
        out.extend(("triage_cases.yml", str(t)) for t in cases.get(level) or [])
    return out


def test_no_emergency_or_urgent_of_the_regression_sets_is_read_as_a_figure() -> None:
    """The measured gate: every emergency and urgent report of the triage
    regression sets keeps its signs (none is read as a figure of speech)."""
    read_as_figure = [
        (name, text) for name, text in _regression_reports() if "figurative" in _statuses(text)
    ]
    assert not read_as_figure


# "X is killing me" said of no body part, person or bodily state: an idiom of
# annoyance; a machine or a tool that chokes or dies is no person
ANNOYANCE_FIGURES = [
    "this humidity is killing me, is there a cheap dehumidifier you'd recommend",
    "friday afternoons are killing me, how do I stay focused",
    "the suspense in this series is killing me, when is season two out",
    "the noise from next door's building work is killing me",
    "my old chainsaw keeps choking halfway through a log, is it the fuel mix",
    "our petrol generator keeps choking on damp mornings",
]

ANNOYANCE_REPORTS = [
    ("my face is killing me since the treatment", "emergency"),
    ("my cheek is killing me after the session", "urgent"),
    ("it's killing me", "urgent"),
    ("this is killing me", "urgent"),
    ("the burning is killing me", "urgent"),
    ("the tightness is killing me", "urgent"),
    ("the tiredness is killing me", "urgent"),
    ("this hangover is killing me", "urgent"),
    ("my head is killing me", "emergency"),
    ("my toddler keeps choking on her food", "emergency"),
    ("the baby keeps choking", "emergency"),
    ("my tongue feels numb and swollen since the injections", "emergency"),
    ("my fingers and lips are blue and cold", "emergency"),
]


@pytest.mark.parametrize("text", ANNOYANCE_FIGURES)
def test_an_idiom_of_annoyance_or_a_stalling_tool_raises_no_alarm(text: str) -> None:
    assert not _alarm(text), triage.assess(text).matches


@pytest.mark.parametrize("text,level", ANNOYANCE_REPORTS)
def test_a_report_with_the_idiom_s_words_still_alarms(text: str, level: str) -> None:
    assert rank(triage.assess(text).level) >= rank(level), triage.assess(text).matches
