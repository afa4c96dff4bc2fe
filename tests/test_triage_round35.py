"""Round 35's misses, read by meaning after its one blind run (the round's sets are in
tests/blind, never copied here: each reading is written anew, with the counter-cases
that must keep their level)."""

from __future__ import annotations

import pytest

from bot import triage


@pytest.mark.parametrize(
    "text, level",
    [
        # the upper lid come down over part of the eye (the eye is where it sits, not what drooped)
        ("my left eyelid is hanging halfway over my eye since this morning", "emergency"),
        ("the top lid sits partly over the eye now, had the forehead jabs on monday", "emergency"),
        ("my eyelid is covering half my pupil", "emergency"),
        ("a bit of puffiness over my eye, day 1", "none"),
        # one's own detail, known by heart, typed or written wrong: a muddled mind
        (
            "since the injections this morning I wrote my own name wrong on the form twice",
            "emergency",
        ),
        ("my mum keeps typing her own pin wrongly since the jabs", "emergency"),
        ("I typed the new postcode wrong, can you fix my delivery address", None),
        # the result on one side only, weeks after fat dissolving: asymmetry (routine)
        ("5 weeks after the chin injections, it seems only half the treatment worked", "routine"),
        ("6 weeks on, one side of my jaw is slim and the other side still has fat", "routine"),
        ("after two month my chin look not same both sides", "routine"),
        ("day 2, the other side still has some bruising", "none"),
        # a return visit ahead is no time since treatment
        (
            "had the jabs this morning, face a bit red. do I need to come back for a review "
            "in 4 weeks?",
            "none",
        ),
        ("had the jabs 4 weeks ago and the lump is still there", "routine"),
    ],
)
def test_round35_readings(text, level):
    assert triage.assess(text).level == level


def test_a_return_visit_ahead_is_not_the_time_since_treatment():
    a = triage.assess("I had it this morning. Do I come back for a check in 6 weeks?")
    assert a.days is not None and a.days < 1
    assert triage.assess("had the jabs, 6 weeks ago now, bit lumpy").days == 42


@pytest.mark.parametrize(
    "text, level",
    [
        # a heart that pounds or races is a beat, not chest pain
        ("my heart was racing before the exam lol", None),
        ("my heart is pounding and my chest hurts since the jab", "emergency"),
        ("my heart hurts, a tight pain, since the filler", "emergency"),
        # "he's fit" is healthy; a fit has its own verb
        ("he's fit but he's never hiked more than a day", None),
        ("my husband's had a fit", "emergency"),
        ("she's having a fit", "emergency"),
        # a mix is an assortment
        ("a mix of bars, truffles and those caramel things please", None),
        ("since the jab everything mix up when i look at things", "emergency"),
        # the state is a degree said of a thing; the body word is in the clause of what it did
        ("the smoothie was so thick it coated my throat, loved it", None),
        ("the bass is so loud my chest buzzes, turn it down", None),
        ("my throat is so tight i cant swallow", "emergency"),
        ("my lip is so swollen it hurts to talk", "urgent"),
        # a thing that came out of the kiln or back from the printer with a growth
        ("the vase came out with pinholes and blisters, what went wrong", None),
        ("I came out in blisters all over my face after the peel", "urgent"),
        # the colours of printed pictures
        ("the prints came back with a green tint on the skin tones", None),
        ("my skin looks purple in the prints and it hurts, had filler yesterday", "emergency"),
        # how a food or a drink feels in the mouth
        ("this cider feels fizzy on the tongue, is it meant to?", None),
        ("my tongue feels fizzy since the jab", "emergency"),
        ("the water tastes fizzy on my tongue and my tongue is swelling", "emergency"),
    ],
)
def test_words_of_other_things(text, level):
    assert triage.assess(text).level == level
