"""Round 13b: a quality said of a thing, the idiom of a weight that smothers, talking
TO someone, losing track of time as a habit, an effort or a spice said of a group, a
title and a compound naming a thing raise no alarm in a message that names no
treatment, body part or other symptom; the same words in a report keep their level.
The sentences are written here for the test (none comes from an evaluation set).
WordNet (Debian's wordnet-base) must be installed.
"""

from __future__ import annotations

import pytest

from bot import triage
from bot.levels import rank

CASES = [
    # a quality of a sound, a light, a paint, a fabric (bot/triage/figurative.py: _quality)
    ("the buzzer on the oven is so faint I never hear it", "none"),
    ("the old gloss on the skirting has gone yellow and patchy", "none"),
    ("the cheap primer dried to a pale streak, do I need a second coat", "none"),
    ("my white duvet cover came out grey after the wash", "none"),
    ("my voice is so faint since the injections", "emergency"),
    ("my voice sounds so faint", "emergency"),
    ("I feel so faint", "emergency"),
    ("she is so faint she can't stand", "emergency"),
    ("my face looks pale and blotchy", "emergency"),
    ("the filler has gone a bit blue under the skin", "emergency"),
    ("the area went pale and blotchy", "emergency"),
    ("the spot has gone purple", "emergency"),
    ("the injection site has gone white", "emergency"),
    ("my lips have gone a grey colour", "emergency"),
    # a weight that smothers (the idiom of "is killing me")
    ("the workload at the new job is suffocating me, any tips", "none"),
    ("the silence at dinner was stifling, how do I break the ice", "none"),
    ("the swelling is suffocating me", "emergency"),
    ("the tightness is suffocating", "emergency"),
    ("it's suffocating me", "emergency"),
    ("my throat feels like it's choking me", "emergency"),
    ("she is choking", "emergency"),
    # talking TO someone or something: whom one addresses, not how the words come out
    ("how should I talk to my landlord about the rent", "none"),
    ("is it odd that I speak to my cat in a baby voice", "none"),
    ("my sister won't reply, how do I talk with her", "none"),
    ("since the injection I can't talk properly, it sounds weird", "emergency"),
    ("my words are slurred when I talk to people", "emergency"),
    ("she can't speak properly, her words come out wrong", "emergency"),
    # losing track of time as a habit: being absorbed, not muddled
    ("I always lose track of time when I'm gaming, any app to stop me", "none"),
    ("set an alarm for 3, I tend to lose track of time", "none"),
    ("she is confused and keeps losing track of where she is", "emergency"),
    ("I keep losing track of what I'm doing after the session", "emergency"),
    # an effort, a hot spice or the altitude said of a group: what it does to anyone
    ("the stair climb at the gym left the whole class panting, how do we pace it", "none"),
    ("that vindaloo had everyone gasping, what's a milder one", "none"),
    ("the altitude in Cusco had all the hikers puffing, how long to acclimatise", "none"),
    ("my son is gasping after football", "emergency"),
    ("we went for a run and I can't breathe", "emergency"),
    ("after the hike we are all breathless and I feel faint", "emergency"),
    ("after my run I was gasping and my chest hurts", "emergency"),
    # a title: a song or a poem named by the sign's words
    ("who sang the song I can't breathe in the nineties", "none"),
    ("my son's class read a poem called 'I can't see', who wrote it", "none"),
    ("when the song came on I couldn't breathe", "emergency"),
    ("I was singing a song and I can't breathe", "emergency"),
    ("my mum named it, she can't breathe", "emergency"),
    # a compound naming a thing: "tongue twisters"
    ("give me some tongue twisters that are hard to say", "none"),
    ("my tongue feels twisted and swollen", "emergency"),
    ("my tongue in my mouth feels huge", "emergency"),
    # a part word that names a measure or a thing (its function's `exclude`) is no body part
    ("this tie is choking me, what neck size do I need", "none"),
    ("the new scarf is choking me, which collar size is looser", "none"),
    ("my neck is swollen and it's choking me", "emergency"),
    ("what neck size fits, my neck feels tight and I'm choking", "emergency"),
    ("the face mask they put on after the session is choking me", "emergency"),
]


@pytest.mark.parametrize("text,level", CASES)
def test_the_level(text: str, level: str) -> None:
    got = triage.assess(text).level
    if level == "none":
        assert rank(got) < rank("routine"), triage.assess(text).reasons
    else:
        assert rank(got) >= rank(level), triage.assess(text).reasons
