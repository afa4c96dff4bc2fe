"""Who or what bears a sign, when it is no one's body now (bot/triage/subject/bearers.py,
the round-12 lists of knowledge/triage_subjects.yml): an animal or a plant, the
weather, a habit with its trigger, a stranger's passing event, a dislike, a
describing compound, a scare, a thing chosen among others, a pigment on the skin,
a thing's mark, a likeness; and, beside each, reports of the same shape that keep
their alarm (the writer, kin, a body part owned, the treatment named).
WordNet (Debian's wordnet-base) must be installed.
"""

from __future__ import annotations

import pytest

from bot import triage
from bot.levels import rank

CASES = [
    # an animal or a plant bears the sign
    ("my rabbit's ear is swollen and hot, is the vet open today", False),
    ("the goldfish has a white patch on its side and looks pale", False),
    ("our parrot has been off her food for two days", False),
    ("the puppy we adopted has crusty eyes and keeps sneezing", False),
    ("the ivy is choking the whole apple tree, should I pull it off", False),
    ("there's a grey furry rash all over my tomato leaves", False),
    # ... never when the writer, kin or a body part owned is in it
    ("walking the dog this morning and suddenly my lips are swelling up", True),
    ("my daughter was playing with the kitten and now her eye is swollen shut", True),
    ("my mums cheek looks grey and she says the pain is unbearable", True),
    # the weather
    ("will it be grey and rainy in Leeds on saturday", False),
    # a habit told with its trigger
    ("my nephew goes pale at the sight of spiders, any tips for the zoo trip", False),
    ("my dad gets out of breath on hills, what walking boots are good", False),
    ("my fingers go numb with stress before every exam", False),
    # ... the state's own verb in the present before "when": a habit too
    ("my hands tremble whenever I give speeches at work, any breathing exercises", False),
    ("my voice shakes when I have auditions, how do singers calm down", False),
    ("she shakes when she stands up since the injections", True),
    ("my voice shakes when I talk", True),
    ("my right eye aches whenever I look down", True),
    # a body word used as a verb after "to", with its object
    ("my team lead wants me to hand over the whole account by friday, how do I say no", False),
    ("I tried to lift my hand off the table and it just flopped", True),
    ("it's hard to swallow my own saliva and my throat feels tight", True),
    ("I'm too weak to hand my son his bottle, my arm is dead", True),
    # a question about what a food does to anyone
    ("why do chillies make your tongue burn and go numb", False),
    ("how come raw kiwi makes your tongue tingle", False),
    ("why does pineapple make my tongue tingle and swell", True),
    ("why does my tongue tingle and swell after eating pineapple", True),
    ("my tongue feels numb and swollen since the injections", True),
    ("my fingers and lips are blue and cold", True),
    # ... an episode now keeps its alarm
    ("my arm suddenly went numb and one side of my face has dropped", True),
    ("since this morning she gets out of breath just sitting down", True),
    # a stranger's passing event, told as past
    ("a passenger fainted on the platform last week, should stations have defibrillators", False),
    ("the goalkeeper took a knock and limped off dizzy, will he play on sunday", False),
    ("a woman nearly passed out in the queue, the air con was off", False),
    # ... kin or the writer keep it
    ("my sister fainted at work yesterday and still feels dizzy", True),
    ("I nearly passed out after the injections this morning", True),
    # a dislike, a describing compound, a scare
    ("any war films without gore, my husband can't stand blood", False),
    ("the mechanic quoted an eye-watering price for the clutch", False),
    ("the electricity bill almost gave me a heart attack", False),
    ("the pain is so bad I can't stand up", True),
    # a thing chosen among others, a thing's blind spot, a thing's state
    ("which of these two tvs is less blurry in fast scenes", False),
    ("how do I set the wing mirror so there's no blind spot on the left", False),
    ("the courier dropped my parcel at the wrong flat", False),
    ("the bathroom ceiling above my bed collapsed during the storm", False),
    ("she fell off the bed in the ward and collapsed", True),
    # a pigment on the skin, a mark on a thing, a likeness
    ("my son drew green felt pen all over his cheeks, how do I get it off", False),
    ("the henna left orange stains on my palms, will it fade", False),
    ("the wall has a brown-yellow stain that looks like a bruise", False),
    ("there's a black patch of mould spreading on the bathroom ceiling", False),
    ("my lip has a dark purple patch since the filler", True),
    # a likeness owned by no one
    ("the paint on the door is peeling off like sunburnt skin", False),
    ("the old radio sounds croaky, as if it has a sore throat", False),
    ("it feels like my throat is closing up", True),
    # a word asked about, a slide, a story
    ("what does 'cold feet' mean, my fiance keeps saying it and I'm confused", False),
    ("how would you explain a stroke on one slide for a first aid course", False),
    ("the film scene where the patient's lips turn blue, what is it called", False),
]


@pytest.mark.parametrize("text, alarm", CASES)
def test_who_or_what_bears_the_sign(text: str, alarm: bool) -> None:
    a = triage.assess(text)
    assert (rank(a.level) >= rank("routine")) is alarm, (a.level, a.matches)


KEPT = [
    # an insect or an animal near a person's airway sign: whose throat?
    "a bee got into her drink and her throat is swelling",
    "a wasp stung him on the arm and his lips are swelling up",
    # a stranger told as still in danger, or someone else named after them
    "a cyclist collapsed in the road yesterday and is still not moving",
    "the paramedic checked her pulse and she collapsed again",
]


@pytest.mark.parametrize("text", KEPT)
def test_a_person_in_danger_keeps_the_alarm(text: str) -> None:
    assert rank(triage.assess(text).level) >= rank("urgent")


# Round 13: a mark made WITH a pen, a marker or eyeliner is the colour of the
# tool, even when the message names the treatment (the nurse marks the points
# before it); told as a likeness ("as if someone drew", "like ... a marker") or
# beside a real change, the skin's colour still alarms.
DRAWN_WITH = [
    "the nurse marked my jaw with a purple pen before the injections",
    "she drew dots on my cheeks with a white eyeliner before the meso",
]
DRAWN_LIKENESS = [
    ("my chin looks as if someone drew on it with a blue marker since the injections", "emergency"),
    (
        "my cheek has gone dusky blue since the meso, like someone coloured it in with a marker",
        "emergency",
    ),
    ("after the injections my lip went purple with a blue tinge", "emergency"),
]


@pytest.mark.parametrize("text", DRAWN_WITH)
def test_round13_a_mark_drawn_with_a_pen_is_the_pen_s_colour(text: str) -> None:
    result = triage.assess(text)
    assert rank(result.level) < rank("routine"), result.reasons


@pytest.mark.parametrize("text, level", DRAWN_LIKENESS)
def test_round13_a_likeness_of_a_drawing_still_alarms(text: str, level: str) -> None:
    result = triage.assess(text)
    assert rank(result.level) >= rank(level), result.reasons
