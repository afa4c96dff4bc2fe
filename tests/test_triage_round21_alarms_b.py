"""Round 21 (second pass): unrelated messages whose sign words are said of a thing, a
currency, a food or a colour put on raise no alarm (knowledge/triage_subjects.yml,
red_flags.yml; bot/triage/subject/). Both ways: the other sense raises no alarm, a
report with the same words keeps its level. The sentences are written here for the
test (none comes from an evaluation set). WordNet must be installed.
"""

from __future__ import annotations

import pytest

from bot import triage
from bot.levels import rank


def _alarm(text: str) -> bool:
    return rank(triage.assess(text).level) > rank("none")


NO_ALARM = [
    # a unit of money is a thing, not a quantity of a body
    "the euro collapsed against the dollar last week",
    "the yen has collapsed, is now a good time to travel?",
    # a word of manner between the thing and its sign ("slowly") says how, not who
    "the old gazebo gradually collapses every winter",
    "my camping chair slowly collapsed under the cool box",
    # "ones" stands for the things named before it
    "Which tents are best for festivals? the cheap ones always collapse in wind",
    # a thing that rose, then fell, after a comma
    "the fruit loaf looked lovely in the tin, then collapsed as it cooled",
    # a body word that only names a kind of thing (a compound whose head is a thing)
    "the voice recorder app keeps choking on long files",
    "the leg press machine is stuck at the top setting",
    # a thing's parts named bare after a comma
    "the folding table gave way, legs just splayed apart",
    # a colour put on a body part ("painted her face blue")
    "my nephew painted his whole face green for the carnival",
    # a food not chosen is no eating that is hard
    "my brother doesn't eat onions, any curry ideas?",
    "two of the kids don't eat fish, what else for a barbecue?",
    # a blackout that is no faint: days kept free, blinds, power or news cut off
    "can we make the 12th a blackout date for bookings",
    "are blackout curtains enough for a south facing bedroom?",
    "there was a media blackout on the results until noon",
    # a verb in the third person after a comma goes on with the thing before it
    "the cooker hood is wheezing, hardly draws any air now",
    # a body word before a noun naming a thing does not make a clause a body's
    "the lacy trim on this top is fragile, hand wash or dry clean?",
    # an activity no dictionary knows, made of a prefix and a verb ("de" + "clutter")
    "unpacking boxes all week and rewiring is killing me",
    # the colours of an edit
    "colour grading looks too blue and grey on my holiday vlog",
    # "it" after "and" stands for the thing the sentence opened with
    "the old dishwasher rattles and it wheezes all night",
    # a side that fell apart in a phase of play
    "the team collapsed in the final quarter, lost by twenty",
]

STILL_ALARM = [
    ("she collapsed in the kitchen after her treatment", "emergency"),
    ("she slowly collapsed onto the floor after the injections", "emergency"),
    ("my dad went pale, then collapsed", "emergency"),
    ("my mum collapsed, legs just folded under her", "emergency"),
    ("I can't eat or swallow since the injections", "emergency"),
    ("she doesn't eat food anymore and can't swallow", "emergency"),
    ("my voice has gone hoarse since the jab", "emergency"),
    ("my hand is weak and I can't hold a cup", "emergency"),
    ("my face turned blue-grey around the injection", "emergency"),
    ("she painted her nails and now her lips are blue", "emergency"),
    ("I blacked out for a minute after the session", "emergency"),
    ("I had a blackout for a minute after the session", "emergency"),
    ("I couldn't breathe while lying down last night", "emergency"),
    ("my chest is tight and it wheezes when I breathe out", "emergency"),
    ("I collapsed in the second half of my run after the injections", "emergency"),
    ("my son is wheezing, hardly draws any air in", "emergency"),
    # a body word ending a phrase before a verb is no compound ("of breath walking")
    ("I get out of breath walking to the car since the filler", "emergency"),
    ("I can't get any air in since the injections", "emergency"),
    ("my skin has a lacy pattern on my thigh, hand cream doesn't help", "emergency"),
    ("my lips went blue in the screenshot after the filler", "emergency"),
]


@pytest.mark.parametrize("text", NO_ALARM)
def test_an_unrelated_message_raises_no_alarm(text: str) -> None:
    assert not _alarm(text), triage.assess(text).matches


@pytest.mark.parametrize("text, level", STILL_ALARM)
def test_a_report_with_the_same_words_keeps_its_level(text: str, level: str) -> None:
    assert rank(triage.assess(text).level) >= rank(level), triage.assess(text).matches
