"""Round-7 misses read by concept (issue 10, third pass): sentences written here, none
taken from an evaluation set.

Word forms: every state word of the vocabulary gains its irregular past forms (WordNet's
verb.exc) and the dropped g of speech ("-in"), and a word that is another word in its
own right gains nothing, so unrelated words do not become signs.
"""

from __future__ import annotations

import pytest

from bot.levels import rank
from bot.triage import assess
from bot.triage.forms import variants, widen_pattern

ALARMS = [
    # irregular past of a state word ("creeping" -> "crept")
    ("since yesterday the redness has crept right up to my ear", "urgent"),
    # dropped g on a state word of a sign ("spreading" -> "spreadin")
    ("im hot n shivery and the redness is spreadin over my cheek", "urgent"),
    # the redness named first, its spread told of the place it reached
    ("the redness on my jaw has crept down onto my neck since this morning", "urgent"),
    # growing swelling told in learner's English ("swell more" for "swelling more"), late
    ("my cheek swell more each day, it is now day 6", "urgent"),
    # something pressed out of a red bump, told in the past ("came out" for "coming out")
    ("the tender red bump on my jaw, when I squeezed it some cloudy gunk came out", "urgent"),
    # blisters in lay words: clear bubbles, bumps raised like a burn
    ("my cheek has little clear bubbles on it, second day after the meso", "urgent"),
    ("two days post treatment and there are bumps like a scald on my chin", "urgent"),
    # dropped g on a speech state ("slurring" -> "slurrin")
    ("my words are slurrin since the meso this morning", "emergency"),
    # the head turning, in any tense ("has been spinning", "keeps swimming")
    ("my head has been spinning on and off since the jabs", "emergency"),
    ("head keeps swimming whenever i get up, had the booster today", "emergency"),
]

# concepts told by a comparison or by a witness
COMPARED = [
    # speech likened to drunkenness (slurred_speech)
    ("her speech is like she's drunk since the injections", "slurred_speech"),
    ("he's talking as if he had a few beers but he's sober, meso this morning", "slurred_speech"),
    # a tongue likened to a sponge (the tongue swelling)
    ("my tongue feels like a sponge and I've got hives all over", "throat_swelling"),
    # an absence with jerks seen by someone else (seizure)
    ("he was staring into space and twitching on the couch, he has no memory of it", "seizure"),
    # halos round lights (vision_change)
    ("the lamps have halos round them since my injections", "vision_change"),
    (
        "since the meso the bulbs all have a ring round them and the right side looks blurry",
        "vision_change",
    ),
]

NOT_COMPARED = [
    # a drink and talk told plainly, not speech likened to it
    "can I have a few drinks tonight and talk to my friends after the meso",
    "we talked like old friends over a few drinks after my meso",
    # a sponge for the skin, halos that are a product or a decoration
    "my skin soaks up serum like a sponge now",
    "I bought halo lamps for the clinic room",
    "candles with a ring around them look pretty in my salon",
    # cream spread on the skin, with the redness gone
    "the redness is gone and I spread the cream on my cheek",
    # something that came out of a thing
    "I pressed the tube and some cream came out",
    # clear bubbles and burn marks on things
    "the bath has small clear bubbles after I added the salts",
    "my kettle spots look like burns on the counter",
    # a twitching eyelid, and a stare at the mirror
    "my eyelid keeps twitching and staring at the screen makes it worse",
    "I was staring at the mirror and shaking my head at how red I am",
]

NO_ALARM = [
    # a machine's drum, not a head
    "the tumble dryer has been spinning for two hours, is that normal for a towel load",
    # "felt" stays felt (a noun in WordNet), not a form of a state word
    "I bought a felt hat after my meso, the redness is fading nicely",
    # "nothin" and "somethin" are forms, but of words that are no sign
    "nothin much to report, somethin to ask about the next appointment",
    # a dropped g on an ordinary verb
    "just checkin when my next booking is, my skin is lookin great",
]


@pytest.mark.parametrize(("text", "level"), ALARMS)
def test_other_forms_of_a_state_word_give_its_level(text: str, level: str) -> None:
    a = assess(text)
    assert rank(a.level) >= rank(level), a.reasons


@pytest.mark.parametrize("text", NO_ALARM)
def test_forms_of_unrelated_words_raise_no_alarm(text: str) -> None:
    a = assess(text)
    assert rank(a.level) < rank("routine"), a.reasons


def test_forms_are_added_only_when_they_are_not_other_words() -> None:
    assert "crept" in variants("creeping")
    assert "spreadin" in variants("spreading")
    # "thing" is no -ing form; "ruin" is a word; "felt"/"saw"/"left" are nouns too
    assert variants("thing") == ()
    assert "ruin" not in variants("ruing")
    assert "felt" not in variants("feel")
    assert "left" not in variants("leave")
    # a function word gains no past form ("ring" of redness is not "rang")
    assert variants("ring", past_forms=False) == ()


def test_a_token_pattern_list_gains_the_forms() -> None:
    [spec] = widen_pattern([{"LOWER": {"IN": ["spreading", "red"]}}])
    assert "spreadin" in spec["LOWER"]["IN"]
    assert spec["LOWER"]["IN"][:2] == ["spreading", "red"]


def test_a_list_of_denials_is_not_read_as_a_sight_said_not_normal() -> None:
    # the "nothing" of one item and the "fine" of another do not deny the next item's function
    a = assess(
        "temperature fine, nothing weeping from the spots, eyes fine, chest fine, "
        "colour normal - only a little pink and bumpy, first day"
    )
    assert rank(a.level) < rank("routine"), a.reasons
    # a function told not to be normal still counts
    b = assess("my eyesight is not normal since the injections this morning")
    assert b.level == "emergency", b.reasons


@pytest.mark.parametrize(("text", "sign"), COMPARED)
def test_a_sign_told_by_a_comparison_or_a_witness_is_an_emergency(text: str, sign: str) -> None:
    a = assess(text)
    assert a.level == "emergency", a.reasons
    assert sign in a.signs, a.reasons


@pytest.mark.parametrize("text", NOT_COMPARED)
def test_the_same_pictures_told_of_something_else_raise_no_alarm(text: str) -> None:
    a = assess(text)
    assert rank(a.level) < rank("urgent"), a.reasons
