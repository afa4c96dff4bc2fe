"""Round 28's work, by meaning: a sign that goes on about a thing already said to be in
a sign's state (a simile that pictures the thing, or "it" standing for it), a thing
that "went great" (how it turned out, not a change), "off" as a place or a break,
"the lip" of a vessel in a sentence about a made thing, and a limb gone slack ("it just
flopped", "went limp") as weakness.

Each reading has its counter-cases: the same words said of a person or a body part keep
their level. Written in our own words (the round's sets are in tests/blind, never
copied here).
"""

from __future__ import annotations

import pytest

from bot import triage


@pytest.mark.parametrize(
    "text",
    [
        # a simile after a thing's sign pictures the thing, whoever else the sentence names
        "my van makes a wheezing sound uphill when I floor it, like its struggling to breathe",
        "we found a log where the bark was blistered all over, almost like a rash",
        # a time alone ("since day one") is no treatment named
        "got a new blender 2 weeks ago and since day one it makes a wheezing noise, "
        "kinda like its struggling to breathe",
        # "it" since the thing's sign, no person between: the thing again
        "my laptop is breathing really heavy, the fan roars and it gets hot within minutes",
    ],
)
def test_a_sign_that_goes_on_about_a_thing(text):
    a = triage.assess(text)
    assert a.level is None, (a.level, a.reasons)


@pytest.mark.parametrize(
    "text, level",
    [
        # a body part or a person between the thing and the sign keeps the sign
        ("the car was making a wheezing sound and then my lips went blue", "emergency"),
        ("the heater was hissing and then I couldn't breathe", "emergency"),
        # "she says it's agony": a person between, "it" is the pain
        ("my mum's temple went grey and she says it's agony since the vitamin jabs", "emergency"),
        # "it's hard to breathe": an "it" that stands for nothing
        (
            "the printer was wheezing, then it was hard to breathe, after my facial injections",
            "emergency",
        ),
        # a simile of the writer's own body stays a report
        ("the kettle was whistling and my throat felt like it was closing", "emergency"),
    ],
)
def test_a_person_or_body_between_keeps_the_sign(text, level):
    a = triage.assess(text)
    assert a.level == level, a.reasons


@pytest.mark.parametrize(
    "text, level",
    [
        # how a thing turned out is no change of the voice
        ("the best man's speech went really well, everyone was in tears", None),
        ("thanks, the talk went great!", None),
        # a change of the voice or the speech itself stays
        ("my voice went funny after the injections", "emergency"),
        ("her speech went all slurred an hour ago", "emergency"),
    ],
)
def test_went_well_is_an_outcome(text, level):
    assert triage.assess(text).level == level


@pytest.mark.parametrize(
    "text, level",
    [
        # "off" as a place or a break
        ("please cut his fringe short so it's off his eyes", None),
        (
            "I'm looking at taking up tennis again after 12 years off, which racket should I get?",
            None,
        ),
        # "off" as a state of sight stays
        ("my vision is a bit off since the injections", "emergency"),
        ("something is off with my left eye since this morning", "emergency"),
    ],
)
def test_off_as_a_place_or_a_break(text, level):
    assert triage.assess(text).level == level


@pytest.mark.parametrize(
    "text, level",
    [
        # a limb gone slack that will not hold itself up
        ("I tried to lift my arm off the pillow and it just flopped", "emergency"),
        ("her arm went limp an hour after the filler", "emergency"),
        # a gait, or a thing gone limp, is no weakness
        ("I've had a limp in my left leg since the football", None),
        ("the lettuce went limp in the fridge overnight", None),
    ],
)
def test_a_limb_gone_slack(text, level):
    assert triage.assess(text).level == level


@pytest.mark.parametrize(
    "text, level",
    [
        # the lip of a vessel, in a sentence about a made thing with no person
        ("the lid of the jug is chipped and there's a crack near the lip, can't open it", None),
        # a person's lip stays a lip
        ("my lip is swollen and the lid of my eye is droopy", "emergency"),
        ("had filler yesterday and the lip is swelling fast", "emergency"),
    ],
)
def test_the_lip_of_a_vessel(text, level):
    a = triage.assess(text)
    assert a.level == level, a.reasons


@pytest.mark.parametrize(
    "text, level",
    [
        # a head told as clouded, in any degree, with a treatment or symptom word: confusion;
        # with a fever it is the emergency "fever with confusion"
        ("feverish and shivery, 38.9, and my head is really foggy since the jabs", "emergency"),
        ("since the vitamin injections her brain feels so fuzzy", "emergency"),
        # the thread of one's own writing lost
        ("she keeps forgetting what shes typing since her filler yesterday", "emergency"),
        # a morning's foggy head with nothing else is no report
        ("my head is so foggy this morning, need coffee before the meeting", None),
        ("the photo is fuzzy but my head is in it", None),
    ],
)
def test_a_clouded_head_is_confusion(text, level):
    assert triage.assess(text).level == level


@pytest.mark.parametrize(
    "text, level",
    [
        # how far apart sessions go is no time since the treatment: small red bumps on
        # the first morning stay expected effects
        (
            "a few small red bumps where the needles went this morning, is that normal? "
            "and for my next session, is 3 weeks a long enough gap?",
            "none",
        ),
        # a lump's own time still counts, and "between" a place does not space sessions
        ("the lump has been there 3 weeks between my eyebrows", "routine"),
        ("hard lump on my cheek, 3 weeks after the injections", "routine"),
    ],
)
def test_the_spacing_of_sessions_is_no_time_since(text, level):
    assert triage.assess(text).level == level


@pytest.mark.parametrize(
    "text, level",
    [
        # several people at once not seeing: the view
        ("we went up the mountain but it was so misty we couldn't see a thing", None),
        ("nobody could see the stage from the back row", None),
        # one person not seeing, or a treatment named, stays sight
        ("she can't see a thing, everything has gone dark", "emergency"),
        ("since the injections she can't see out of her left eye", "emergency"),
    ],
)
def test_several_people_not_seeing_is_the_view(text, level):
    assert triage.assess(text).level == level


def test_the_part_of_a_thing_after_a_one_letter_article():
    # "the face of A glacier": the article is skipped before the noun is read
    assert triage.assess("the face of a cliff collapsed into the sea last winter").level is None
    assert triage.assess("the face of my mum went white an hour ago").level == "emergency"


@pytest.mark.parametrize(
    "text, level",
    [
        # a colour joined to a body word before a word of degree says how cold, not whose lips
        ("the lake was so cold this morning, proper blue-lips cold, is the sauna open?", None),
        # lips told as blue and cold stay an emergency
        ("her lips went blue-ish and cold after the filler", "emergency"),
        ("my lips are blue and cold since the jabs", "emergency"),
    ],
)
def test_a_colour_body_compound_of_degree(text, level):
    assert triage.assess(text).level == level


@pytest.mark.parametrize(
    "text, level",
    [
        # "off" as a verb's particle after "those", "it": no state of the eye
        ("the onions have green shoots coming out of the eyes, should I cut those off?", None),
        # what comes out is a growth, not a fluid
        ("my seed potatoes have long sprouts coming out, can I still plant them", None),
        # a fluid coming out of a bump stays
        ("the bump on my cheek has yellow stuff coming out since the meso", "urgent"),
        ("my eye feels off since the injections", "emergency"),
    ],
)
def test_a_particle_and_a_growth(text, level):
    assert triage.assess(text).level == level


@pytest.mark.parametrize(
    "text, level",
    [
        # "the feeling that someone ..." pictures the writer's own sight
        (
            "since the booster I have the feeling that someone put a curtain over half my eye",
            "emergency",
        ),
        ("I have a feeling that someone at work is off sick", None),
        # one side of the face told as coming away, with the side named
        ("the right side of her face is sliding off since the filler", "emergency"),
        ("my foundation keeps sliding off my face, any primer?", None),
        # a smile that lifts on one side only ("only" may stand between)
        ("my smile only goes up on one side since this morning", "emergency"),
        # a drink dribbling out, the mouth named
        ("my coffee dribbled out of the side of my mouth twice today", "emergency"),
        ("coffee came out of my mouth when he told that joke lol", None),
        # a hand that does not obey, in non-native words
        ("after injections my father hand on left side is not listen him", "emergency"),
        ("my son does not listen to me, any tips for teens?", None),
    ],
)
def test_stroke_signs_described(text, level):
    assert triage.assess(text).level == level


@pytest.mark.parametrize(
    "text, level",
    [
        # the writer as someone else tells it: asking the same thing again and again
        (
            "my wife says I keep asking her the same question over and over since the jabs",
            "emergency",
        ),
        ("I've asked the same question three times on your chat, can someone reply", None),
        # sweat then colour, of a person; a person come to the floor
        ("an hour after the meso I went all sweaty and grey", "emergency"),
        ("she ended up on the kitchen floor after her injections", "emergency"),
        ("the parcel ended up on the wet floor", None),
        # lips pumped up like a tyre; air pumped into a thing is not
        ("my lips look pumped up since the filler an hour ago", "urgent"),
        ("I pumped up the tyres, my lips are chapped from the wind", None),
    ],
)
def test_confusion_collapse_and_swelling_described(text, level):
    assert triage.assess(text).level == level


@pytest.mark.parametrize(
    "text, level",
    [
        # a function's -ing word said of a thing
        ("the sink keeps swallowing water slowly, is it blocked?", None),
        ("swallowing is slow and hard since the filler", "emergency"),
        # air let out of radiators is no bleeding
        ("we bled them twice but a week later the radiators are cold again", None),
        ("the injection points bled a bit and 3 days later are still bleeding", "routine"),
        # an idiom with an adverb inside it
        ("my eyes just glaze over after two pages of the manual", None),
        # sight-reading is a skill
        ("sight reading practice, day 2, still totally lost", None),
        ("my sight is lost in my left eye since the filler", "emergency"),
    ],
)
def test_more_words_said_of_things(text, level):
    assert triage.assess(text).level == level
