"""Round-12 misses read by meaning (issue 10): sentences written here, none taken from an
evaluation set.

Each row is a function and its state said in other words: a swelling that is more of
itself each day, heat told as fire or in a list with redness, the lip or cheek that cannot
make a movement, sight through a wet pane, a "bruise" that is white and hurts, a course
that has not ended ("isn't fading", "never gone"), a time told as "the week before last",
a negation over a list whose items share one word ("no breathing or eye problems"), and
a "rash" told as the needle marks themselves.
"""

from __future__ import annotations

import pytest

from bot.triage import assess

CASES = [
    # --- urgent: swelling still growing after the first 72 hours
    ("it's day 6 and the puffiness is more each morning", "urgent"),
    ("meso on day 4 now, my cheek swelling gets more n more", "urgent"),
    ("4 days since the jabs, every day the swelling is bigger, more than yesterday", "urgent"),
    ("should I ring you if my jaw swelling is still growing on day 4?", "urgent"),
    # --- urgent: a hot, painful thing, heat told as fire or listed with redness and pain
    ("day 5 after meso and my chin feels like it's on fire", "urgent"),
    ("a month after my session a pimple came up where she injected, sore and hot", "urgent"),
    ("two weeks on and the spot by my nose is warm, red and tender", "urgent"),
    # --- urgent after fat-dissolving injections: an uneven smile, a movement that cannot be made
    ("had lipolytic jabs under my chin friday, my bottom lip isn't level when I grin", "urgent"),
    ("since the fat dissolving injections my smile is unequal", "urgent"),
    ("two days after fat-dissolving injections I'm unable to purse my lips properly", "urgent"),
    # --- emergency: sight told through a pane, a white bruise that hurts
    ("meso at 9, now my left side looks as if I'm watching it through a rainy window", "emergency"),
    ("my bruise from this morning's jabs went whitish in the centre and it throbs", "emergency"),
    # --- routine: a course that has not ended, a time told by "before last"
    ("had my treatment the Tuesday before last, my cheek bruise still isn't fading", "routine"),
    ("the bruises from the session the week before last haven't faded, nothing hurts", "routine"),
    ("those little lumps from my treatment back in March are still there, not tender", "routine"),
    ("the small bumps on my forehead have never really gone since the session, no pain", "routine"),
    # --- none: the negation covers a list whose items share one word
    ("a few red dots on my chin since the meso this morning, no eye or breathing problems", "none"),
    ("husband had meso today, a bit puffy, fine otherwise, no breathing or vision issues", "none"),
    # --- none: a "rash" told as the needle marks, uneven colouring, a question about own marks
    ("got a rash of tiny pink pricks on my forehead from the meso an hour ago", "none"),
    ("a weird rash - well, lots of little red dots right where the needles went", "none"),
    ("my cheeks are pink in uneven patches where the needles went, 2 hours after meso", "none"),
    ("how long will the needle marks be there? had my session this morning", "none"),
]

# the same words where they raise nothing: another subject, a course that ends, fire taken back
CALM = [
    ("the bruise is fading, a pale yellow now, still a bit tender, day 4", "none"),
    ("my face is on fire lol not literally, just pink after the facial", "none"),
    ("right after the meso my face was red, warm and a bit tender", "none"),
]

# an alarm that stays: a rash beyond the needle points, a sign told plainly
KEPT = [
    (
        "a rash on my neck and chest since the injections, and little dots where the needles went",
        "urgent",
    ),
    ("no fever or pus, but my eyesight is blurry since the session", "emergency"),
]


@pytest.mark.parametrize(("text", "level"), CASES + CALM + KEPT)
def test_each_meaning_gives_its_level_in_other_words(text: str, level: str) -> None:
    a = assess(text)
    assert a.level == level, a.reasons
