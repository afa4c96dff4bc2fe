"""Round 17: unrelated text read as a sign, each by its meaning (bot/triage/subject,
knowledge/triage_subjects.yml), with the same words as a report beside it. Our own
sentences, none from an evaluation set."""

from __future__ import annotations

import pytest

from bot import triage
from bot.levels import rank


def _alarm(text: str) -> bool:
    return rank(triage.assess(text).level) >= rank("routine")


# 1. "a rash of" a series of acts, events, messages, people: "a sudden series of"
@pytest.mark.parametrize(
    "text",
    [
        "we've had a rash of break-ins on our road, which alarm do you recommend",
        "a rash of late deliveries from the courier this month, who do I complain to",
        "there's been a sudden rash of phishing texts, how do I block them",
        "a rash of resignations at work after the merger",
        "the club saw a rash of new members in january",
        "a rash of angry comments under my post, should I delete it",
    ],
)
def test_a_rash_of_events_is_a_series(text):
    assert triage.assess(text).level is None, triage.assess(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "a rash of little itchy bumps came up around the injection points",
        "I've got a rash of raised welts across my neck since this morning",
        "a rash of small cuts where the microneedling was, is that right",
        "a rash of pimples on my forehead since the peel",
    ],
)
def test_a_rash_of_marks_stays_a_report(text):
    assert triage.assess(text).level is not None, triage.assess(text).reasons


# 2. a body word after a thing names the thing's part ("the bed leg"); a word no
# dictionary knows after "the" names a made thing, unless it is one slip from a person
@pytest.mark.parametrize(
    "text",
    [
        "the bed leg collapsed in the night, can I glue it",
        "the sofa arm has collapsed on one side",
        "the camping chair arm collapsed on the first day",
        "the dehumidifer is wheezing all night, is it broken",
        "the minifridge keeps wheezing and clicking",
    ],
)
def test_a_things_part_or_an_unknown_thing_is_no_person(text):
    assert not _alarm(text), triage.assess(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "my leg collapsed under me on the way home",
        "the leg collapsed under me after the filler",
        "mum's leg just collapsed on the stairs",
        "the babby is wheezing and won't settle",
        "the husbnd is wheezing since lunch",
        "the toddler is wheezing",
    ],
)
def test_a_persons_leg_or_a_misspelt_person_keeps_the_alarm(text):
    assert triage.assess(text).level == "emergency", triage.assess(text).reasons


# 3. not seeing because of the air or the light outside (fog, smoke, steam, dust,
# darkness): a body part after the seeing verb is what is not seen
@pytest.mark.parametrize(
    "text",
    [
        "the smoke from the bonfire was so thick we couldn't see our hands",
        "the sauna steam was so thick I couldn't see my feet",
        "it's so dark on this lane I can't see my hand in front of me",
        "the dust was so thick at the quarry I couldn't see my own fingers",
    ],
)
def test_unseen_because_of_the_air_or_the_light(text):
    assert not _alarm(text), triage.assess(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "my eyes feel foggy and I can't see",
        "since the filler I can't see properly out of my right eye",
        "I can't see my hand in front of my face since the injections",
        "I can't see out of my left eye, the smoke is so thick",
        "I can't feel my fingers",
        "I can't move my hand since this morning",
    ],
)
def test_sight_or_a_limb_still_an_emergency(text):
    assert triage.assess(text).level == "emergency", triage.assess(text).reasons


# 4. "blistering" that says how hot or fierce ("a blistering pace") is no blister
@pytest.mark.parametrize(
    "text",
    [
        "a blistering hot afternoon at the match, is the roof bar open",
        "the cyclists rode at a blistering speed on the last climb",
        "my manager sent a blistering email about the rota",
        "blistering heat forecast for the weekend, any shady walks",
    ],
)
def test_blistering_as_a_degree_is_no_blister(text):
    assert not _alarm(text), triage.assess(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "little blisters on my top lip since this morning",
        "the skin on my cheek is blistering after the peel",
        "blistering hot skin where the needles went",
        "I've got blistering red bumps",
    ],
)
def test_blisters_stay_urgent(text):
    assert triage.assess(text).level == "urgent", triage.assess(text).reasons


# 5. "can't stand" with an object is a dislike; standing itself keeps limb weakness
@pytest.mark.parametrize(
    "text",
    [
        "wedding table plan: my two brothers can't stand each other",
        "my flatmate can't stand him, what do I do",
        "I can't stand my new manager, should I ask to move teams",
        "can't stand the noise from the bar downstairs, who do I call",
        "I can't stand queueing for ages at the post office",
        "I can't stand people who talk in the cinema",
    ],
)
def test_cant_stand_with_an_object_is_a_dislike(text):
    assert not _alarm(text), triage.assess(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "I can't stand up since the treatment",
        "she can't stand on her right leg this morning",
        "I can't stand without holding on to the sink",
        "my mum can't stand or walk properly since lunch",
        "my lips feel weird when I talk",
        "it feels strange when I swallow",
    ],
)
def test_standing_or_a_function_still_an_emergency(text):
    assert triage.assess(text).level == "emergency", triage.assess(text).reasons


# 6. a thing blown over "and collapsed" after a clause about something else, with
# only a calming degree ("a bit of") before it
@pytest.mark.parametrize(
    "text",
    [
        "the picnic was a bit of a washout, the parasol blew over and collapsed on the cake",
        "the fete was chaos, the marquee blew over and collapsed",
    ],
)
def test_a_thing_blown_over_collapses(text):
    assert not _alarm(text), triage.assess(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "I was a bit dizzy at the picnic, she stood up and then collapsed",
        "the party was fine, then my dad went grey and collapsed",
        "the room started spinning and then collapsed",
    ],
)
def test_a_person_who_collapses_is_an_emergency(text):
    assert triage.assess(text).level == "emergency", triage.assess(text).reasons


# 7. a smell or a fluid placed at a thing is the thing's
@pytest.mark.parametrize(
    "text",
    [
        "a burning smell coming from the plug socket by the telly",
        "there's a pool of brown fluid under the motorbike, is that oil",
        "yellow liquid leaking from under the washing machine",
        "a nasty smell coming out of the kitchen bin",
    ],
)
def test_a_smell_or_a_fluid_at_a_thing(text):
    assert not _alarm(text), triage.assess(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "a bad smell coming from the spot on my cheek",
        "green fluid coming out of the injection site",
        "yellow fluid leaking out of the bump on my lip",
        "there's a nasty smell from the wound",
    ],
)
def test_a_smell_or_a_fluid_from_the_body_stays_urgent(text):
    assert triage.assess(text).level == "urgent", triage.assess(text).reasons
