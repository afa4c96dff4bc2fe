"""Round 44's leftovers and round 45's misses, read by meaning after their one blind
run (the rounds' sets are in tests/blind, never copied here: each reading is written
anew, with the counter-cases that must keep their level)."""

from __future__ import annotations

import pytest

from bot import triage


@pytest.mark.parametrize(
    "text, level",
    [
        # a part of the room one is in is a part of the view; the whole room or a bulb is the lights
        ("half the room has gone grey and blurry since my booster, only on the left", "emergency"),
        ("the left side of the room looks dark and smudged since the injections", "emergency"),
        ("half the room has gone dark, one of the bulbs blew", None),
        # a thing described by a clause with no "that": what it says is the thing's
        ("the scan you emailed is all blurry and she can't read the figures", None),
        ("the curtains they fitted look blotchy and grey in the light", None),
        ("the eye you injected near is blurry", "emergency"),
        # the cold numbs fingers and toes; never an arm, a side, or a chill the person feels
        ("it's freezing in the hall, couldn't feel my fingers by the end", None),
        ("the pool was so cold my toes went numb", None),
        ("the heating's broken in the office and my fingers went numb typing", None),
        ("my left hand went numb, it's cold in here", "emergency"),
        ("it's freezing and my arm went numb", "emergency"),
        ("my hands went numb and I feel cold and shivery", "emergency"),
        ("the fingers on my right hand are numb, it's a cold day", "emergency"),
        # a sign told as coming from a made thing or a food; the clinic's own never
        ("got a bruise from the seatbelt last week, how do I move it higher?", None),
        ("blisters from the new walking boots after the hike", None),
        ("a bruise from the injection is still there after two weeks", "routine"),
        ("my lips swelled up from the lip balm and my throat feels tight", "emergency"),
        # a knock in traffic is no lump
        ("we had a little bump in the car park last week, the bumper's scratched", None),
        ("a small bump on my cheek since the injections 3 weeks ago", "routine"),
        # what a question after a comma asks of a thing's growths is not the writer's
        ("little blisters all over the cured resin, can I sand them out?", None),
        ("blisters on my lip, can I pop them?", "urgent"),
        # the time since treatment is the one said where the treatment is named
        (
            "I messaged you last week about parking. I had the boosters four days ago. "
            "There's still a little puffiness under my eyes.",
            "none",
        ),
        ("I had the boosters ten days ago. There's still a little puffiness.", "routine"),
        # coming and going over a recent stretch is now, not a habit
        (
            "she had boosters in March and now has red nodules on her jaw that have been "
            "discharging fluid on and off for about a week",
            "urgent",
        ),
        ("I get cold sores on and off", None),
        # a choice of intervals asked about is no time since the treatment
        (
            "had my boosters yesterday, when do I book the next one, is it 2 or 4 weeks? "
            "a few small bruises on my cheeks",
            "none",
        ),
        ("it's been 2 or 3 weeks and the bruise is still there", "routine"),
        # blue in the face from saying something over and over
        ("my husband is going blue in the face telling me you're closed", None),
        ("his face has gone blue and he is not breathing", "emergency"),
    ],
)
def test_round45_readings(text, level):
    assert triage.assess(text).level == level, triage.assess(text).reasons


@pytest.mark.parametrize(
    "text, level",
    [
        # the verb after its subject is no thing ("fell" is also a noun)
        (
            "everything spins and I fell on the floor in the bathroom, the jabs were today",
            "emergency",
        ),
        ("she fell off the stool and has been sick twice", None),
        ("any tricks before I take the legs off the sofa", None),
        ("my brakes squeal like they're in agony", None),
        # "right" as phones spell it is no thing that owns the lid (round 48)
        ("my rite eylid is hanging down n wont open since the jab", "emergency"),
        ("cant see out of my rigth eye, all foggy", "emergency"),
        # a body word of an idiom keeps no clause a report
        ("my heart stopped when I opened the oven and the cake had collapsed", None),
        ("my heart stopped when my dad collapsed in the hall", "emergency"),
        # words FOR something are a vocabulary
        ("are there different words for green and blue in welsh?", None),
        ("her words are slurred and different since the jab", "emergency"),
        # a change of colour denied is a denial; a course denied is not
        (
            "puffy and pink after the booster, but the skin hasn't gone pale or any odd colour",
            "none",
        ),
        ("my lips haven't gone blue", None),
        ("the skin has gone pale and cold since the injections", "emergency"),
        ("the bruise hasn't gone after two weeks", "routine"),
    ],
)
def test_round47_readings(text, level):
    assert triage.assess(text).level == level, triage.assess(text).reasons


def test_blue_in_the_face_saying_something_names_no_face():
    assert triage.assess("she's blue in the face explaining it to the kids").anchors == []


def test_the_time_since_treatment_is_the_one_said_with_the_treatment():
    text = "I called you last week about parking. I had the meso four days ago."
    assert triage.assess(text).days == 4
    assert triage.assess("I called you last week. My eyes are puffy.").days == 7
