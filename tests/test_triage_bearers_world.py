"""Round-12 second pass of who or what bears a sign (bot/triage/subject/bearers.py,
frames.py): a work's plot and characters, a thrill at a work, a question about
people at large, a habit with a condition or company as its trigger, a scare
each time a thing is met, a taste, seeing or breathing limited by the weather,
an idiom; beside each, reports of the same shape that keep their alarm (the
writer, kin or a body part now, an onset, the treatment named).
WordNet (Debian's wordnet-base) must be installed.
"""

from __future__ import annotations

import pytest

from bot import triage
from bot.levels import rank

CASES = [
    # a work's plot: every event after "a film where" is the story's
    ("a film where a pilot goes blind mid-flight and then the whole crew collapses", False),
    ("my son read a book and then suddenly went blind in one eye", True),
    # a named character of a work
    ("in Interstellar does Cooper's vision go blurry near the black hole?", False),
    ("In Paris did Emma's lips go blue from the cold", True),
    ("In Frozen did my daughter's lips go blue", True),
    # a game's person
    ("my sim keeps collapsing at work, how do I fix her energy", False),
    # a thrill at a work
    ("got the shivers at the ending of that show, who wrote it", False),
    ("I had chills during the film and I am still shivering with a fever", True),
    # a question about people at large
    ("why do marathon runners collapse right at the finish line", False),
    ("how come your lips go white when you swim in a cold lake", False),
    ("why do my lips go blue", True),
    ("why does my son look so pale and breathless", True),
    # a habit with a condition, company or a ride as its trigger
    ("my toes go white in the cold every winter, which socks help", False),
    ("I get so breathless and flustered around my boss, any tips", False),
    ("my hands go numb on long rides, what gloves do cyclists use", False),
    ("my lips go blue in the cold since the treatment", True),
    ("did her lips go blue from the cold when she fainted", True),
    # a scare each time a thing is met
    ("every time I check the bill I almost pass out, how do I cut it", False),
    ("every time I stand up I nearly faint", True),
    ("every time I look at my face I nearly faint", True),
    # a taste, not an ability
    ("easy poems for people who don't read often", False),
    ("someone who can't read much anymore", True),
    # seeing or breathing limited by the weather
    ("I can hardly see in the fog on the motorway, are fog lights legal", False),
    ("the air is so muggy tonight I can barely breathe, when does it cool down", False),
    ("suddenly I can't see in the rain", True),
    ("the air is so humid today I can barely breathe and my lips are still swelling", True),
    ("my throat is so tight I can barely breathe in this heat", True),
    # an idiom: "till you're blue in the face"
    ("you can argue till you're blue in the face, he won't listen", False),
    ("I'm blue in the face and can't breathe", True),
    ("my son held his breath till he's blue in the face and now he won't wake", True),
]


@pytest.mark.parametrize("text, alarm", CASES)
def test_who_or_what_bears_the_sign(text: str, alarm: bool) -> None:
    a = triage.assess(text)
    assert (rank(a.level) >= rank("routine")) is alarm, (a.level, a.matches)
