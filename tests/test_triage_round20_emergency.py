"""Round 20: emergencies told by what is seen, heard or felt, and strong words taken back.
Our own sentences, each with calm counterparts.

* a seizure told by the body: the whole body shaking or jerking, going stiff then jerking,
  shaking with no response (knowledge/red_flags.yml ``seizure``); a body shaken by a
  feeling ("with nerves") is no fit;
* "is it normal for someone to ...?" followed by a report is asked of anyone, not said of
  a stranger (bot/triage/subject/frames.py ``_asked_in_general``);
* a headache that "went from nothing to" its worst: a change, not a denial
  (``negation.pseudo``);
* confusion told by what a person says or does not know: rambling, calling people by the
  wrong name, not knowing one's own street, believing one is at work or in an old home
  (``confusion``);
* breath needed after a few words (the vocabulary's ``interrupted`` state);
* a grey colour said with a bruise's is blocked blood flow's, not the bruise's
  (``skin_colour_change`` exclude);
* a strong word of pain taken back and the pain named as mild (``cues.retracted``), "I'm
  dying here lol" (``impending_doom`` exclude);
* a duration inside a likeness ("like I've cried for a week") and a trip ahead ("holiday
  in ten days") are not the time since treatment (``durations``).
"""

from __future__ import annotations

import pytest

from bot import triage


@pytest.mark.parametrize(
    "text",
    [
        "my sister's whole body was jerking on the kitchen floor an hour after her injections",
        "he went rigid and then started shaking, it lasted about a minute, he had meso today",
        "my wife shook and then she didn't respond when I called her name, she had her "
        "jabs this morning",
        "is it normal for someone to jerk all over and not answer for a minute? my mum "
        "just did that after her meso",
        "the trembling of her entire body went on for two minutes after the skin booster",
    ],
)
def test_a_seizure_told_by_what_is_seen_is_an_emergency(text):
    assert triage.assess(text).level == "emergency", triage.assess(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "the washing machine shakes all over on spin",
        "my phone jerked out of my hand on the bus",
        "my whole body was shaking with nerves before the injections",
        "the old fridge jerks and rattles at night",
    ],
)
def test_shaking_things_and_nerves_stay_calm(text):
    assert triage.assess(text).level in (None, "none"), triage.assess(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "had the booster at 10, by noon my head went from nothing to pounding in a few seconds",
        "out of the blue my headache went from nothing to unbearable in seconds after "
        "the injections",
    ],
)
def test_a_headache_from_nothing_to_its_worst_is_an_emergency(text):
    assert triage.assess(text).level == "emergency", triage.assess(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "the plot went from nothing to chaos in seconds",
        "it's a headache of a project",
        "our sales went from nothing to loads in a week",
    ],
)
def test_from_nothing_to_and_headaches_of_things_stay_calm(text):
    assert triage.assess(text).level is None, triage.assess(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "my mum had her jabs today and now she keeps calling me by my brother's name",
        "my partner has a temperature and he's calling the kids by the wrong names",
        "my aunt was babbling and didn't know what road she lives on after her treatment",
        "my gran has been feverish since her injections and thinks she's at school",
        "since his meso my dad is convinced he is still living in his old house",
    ],
)
def test_confusion_told_by_what_a_person_says_or_knows_is_an_emergency(text):
    assert triage.assess(text).level == "emergency", triage.assess(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "my toddler calls everyone by the wrong name",
        "the receptionist called me by the wrong name at my appointment",
        "sorry I'm rambling, can I use retinol after my injections?",
        "my mum was rambling on about her holiday when I picked her up from the clinic",
        "I can't remember what street the clinic is on",
        "I thought she was at work but she was at the clinic getting her injections",
        "my boss thinks I'm at work, had my meso at lunch",
    ],
)
def test_wrong_names_rambling_and_places_of_things_stay_calm(text):
    assert triage.assess(text).level in (None, "none"), triage.assess(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "since the injections she can say only two or three words before she needs another breath",
        "I manage a couple of words at a time and then I have to breathe, had meso an hour ago",
    ],
)
def test_breath_needed_after_a_few_words_is_an_emergency(text):
    assert triage.assess(text).level == "emergency", triage.assess(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "I can only say a few words in French",
        "she said a few words at the wedding and everyone clapped",
    ],
)
def test_a_few_words_without_breath_stay_calm(text):
    assert triage.assess(text).level is None, triage.assess(text).reasons


def test_a_grey_said_with_a_bruise_and_cold_is_blocked_blood_flow():
    text = "by my lip it's gone a bruise-like grey-purple, icy to touch and throbbing more and more"
    assert triage.assess(text).level == "emergency", triage.assess(text).reasons


def test_a_purple_bruise_alone_stays_a_bruise():
    text = "I have a bruise that's purple and a bit sore on day 2"
    assert triage.assess(text).level == "none", triage.assess(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "my forehead is AGONY!! ok I'm exaggerating, it's just a little sore when I "
        "touch it, day 2",
        "the pain is unbearable, not literally, it's just a bit tender on day 1",
        "it itches so much I'm dying here lol, just a few pink dots, day 1",
    ],
)
def test_a_strong_word_taken_back_is_not_a_sign(text):
    assert triage.assess(text).level == "none", triage.assess(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "my cheek is killing me, I'm probably overreacting, should I call?",
        "my cheek is agony, I'm exaggerating maybe, but it's gone grey and cold",
    ],
)
def test_a_strong_word_not_taken_back_stands(text):
    assert triage.assess(text).level == "emergency", triage.assess(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "day 2 after the booster, my eyelids look puffy like I've partied all weekend, "
        "already less than yesterday",
        "a little pink on day 1 and we're flying in ten days, can I sunbathe?",
    ],
)
def test_a_likeness_or_a_trip_ahead_is_no_duration(text):
    assert triage.assess(text).level == "none", triage.assess(text).reasons
