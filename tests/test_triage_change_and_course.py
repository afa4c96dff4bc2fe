"""Signs told by a change, a degree word or a course over time (issue 10): sentences
written here, none taken from an evaluation set (the kinds round 9 missed).

1. a function with a state the vocabulary does not name, told by a verb of change said of it
   ("my vision keeps flickering", "my voice comes and goes"): the fail-safe escalates it
   unless the patient says it is normal;
2. a state of the airway with a degree word between ("my throat is little closed");
3. confusion told loosely ("super confused", "can't remember how I got back");
4. a course over time: a swelling still growing told of "it", redness moving by a distance
   or past a pen mark, pus told as a picture ("something white poking through");
5. an expected effect with the function said to be normal stays calm ("less" is the
   swelling's, not the sight's, across a comma).
"""

from __future__ import annotations

import pytest

from bot.levels import rank
from bot.triage import assess

# (text, the level it must reach at least, the sign that must be among the signs)
ALARMS = [
    # 1. a verb of change said of sight, breathing, swallowing, the voice, the throat, the tongue
    ("my vision keeps flickering since the forehead jabs", "emergency", "vision_change"),
    ("my vision is glitching on the right since the session", "emergency", "vision_change"),
    ("since the booster my eyesight on the left goes in and out", "emergency", "vision_change"),
    ("my sight has gone all strange, had meso at lunch", "emergency", "vision_change"),
    ("my sight went wobbly after the treatment", "emergency", "vision_change"),
    ("my eyesight is playing up tonight", "emergency", "vision_change"),
    # the subject past a part named as its place, or past "feels like it"
    ("the sight in my left eye keeps blanking out since the jabs", "emergency", "vision_change"),
    ("vision in my right eye went for a minute after the injection", "emergency", "vision_change"),
    (
        "swallowing feels like it keeps stalling since my session",
        "emergency",
        "swallowing_difficulty",
    ),
    ("my breathing keeps catching since the injections", "emergency", "breathing_difficulty"),
    ("breathing comes and goes a bit since the session", "emergency", "breathing_difficulty"),
    ("swallowing is acting up today after my jabs", "emergency", "swallowing_difficulty"),
    ("my voice keeps cutting out since this morning's meso", "emergency", "hoarse_voice"),
    ("her voice has been going on and off since the injections", "emergency", "hoarse_voice"),
    ("my throat keeps twitching since the treatment", "emergency", "throat_swelling"),
    ("my tongue went weird and heavy after the booster", "emergency", "throat_swelling"),
    # 2. a state of the airway with a degree word between, as often in learner's English
    ("I have itchy rash and my throat feel little closed now", "emergency", "throat_swelling"),
    ("after meso my throat is lil tight and hives on my arms", "emergency", "throat_swelling"),
    ("my tongue feels super swollen since the session", "emergency", "throat_swelling"),
    ("my chest is rather tight since the jab", "emergency", "breathing_difficulty"),
    # 3. confusion told loosely
    ("feeling super muddled tonight after my injections", "emergency", "confusion"),
    (
        "i cant remember how i got back from my appointment, head all fuzzy",
        "emergency",
        "confusion",
    ),
    ("she is proper confused since she came home from the clinic", "emergency", "confusion"),
    # 4. the course over time
    # a swelling still growing told of "it", far from the word "swelling"
    (
        "the puffiness on my chin was supposed to settle by now but its day 6 and it keeps growing",
        "urgent",
        "swelling_growing",
    ),
    # redness moving by a distance, or past a pen mark
    ("the pink border of the rash has moved an inch since lunch", "urgent", "spreading_redness"),
    ("the red edge crept about 3 cm overnight on my neck", "urgent", "spreading_redness"),
    (
        "the redness on my cheek went past the pen line I drew last night",
        "urgent",
        "spreading_redness",
    ),
    ("the red patch on my neck is now beyond the circle I drew", "urgent", "spreading_redness"),
    # redness told larger than it was: its size at two times, or the further places it reaches now
    (
        "the red area on my chin was the size of a pea on tuesday and today it covers half my jaw",
        "urgent",
        "spreading_redness",
    ),
    (
        "since friday the redness has gone from a 5p sized dot to covering most of my temple",
        "urgent",
        "spreading_redness",
    ),
    ("meso 3 days ago, the pink bit has now reached my neck", "urgent", "spreading_redness"),
    (
        "the angry patch by my nose now stretches right up to the corner of my eye, day 4",
        "urgent",
        "spreading_redness",
    ),
    # more of the redness with each hour or day
    ("day 3 after meso and my chin is more pink every hour", "urgent", "spreading_redness"),
    # fever or shivers told as the experience: hot and cold in turns, chattering teeth
    ("since the booster I'm roasting one second and frozen the next", "urgent", "infection_fever"),
    (
        "had meso tuesday, feeling cold one min then hot again all night",
        "urgent",
        "infection_fever",
    ),
    (
        "my teeth won't stop chattering under the blanket, jabs were on monday",
        "urgent",
        "infection_fever",
    ),
    # discharge told as what comes out: fluid the skin makes, coloured; heads; crust on the pillow
    ("my chin keeps producing a watery stuff since the injections", "urgent", "oozing"),
    (
        "the treated spots are giving out fluid, sort of yellowish, day 3 after the meso",
        "urgent",
        "pus",
    ),
    ("two of the injection bumps have green heads on them this morning", "urgent", "pus"),
    (
        "I wake up with sticky marks on my pillowcase where my cheek was, 4 days after meso",
        "urgent",
        "oozing",
    ),
    # pus told as a picture
    ("the lump on my cheek has a yellow bit peeking out the top, day 4", "urgent", "pus"),
    (
        "should I take antibiotics? a red spot on my jaw has white stuff showing through",
        "urgent",
        "pus",
    ),
]

CALM = [
    # 1. the function said to be normal, a change towards normal, a general question, a worry,
    # the act of breathing, a call or a screen cutting out
    "my eyesight went back to normal after ten minutes, just a little pink now",
    "a bit of puffiness under the eyes on day 2, my vision has been fine",
    "can mesotherapy affect my eyesight?",
    "I'm worried my vision will keep cutting out, is that a thing?",
    "I am breathing in and out slowly to calm down before my appointment",
    "my breathing keeps improving now the cold is gone",
    "your voice keeps cutting out on the phone, can you call me back",
    "the vision on my tv keeps cutting out during the match",
    "my throat went dry after talking all day",
    "my eyes keep watering when I cut onions",
    # the part acting on a thing, the breath's smell, a pitch
    "my tongue keeps poking the little bump on my lip, day 2",
    "my breath keeps smelling of garlic after dinner",
    "my voice went up an octave when I saw the price",
    # a sore, dry or scratchy throat stays what it is with a degree word too
    "my throat is super scratchy from the cold",
    # a light flickering like a fit is the light's, not a seizure
    "the bulbs flicker like they're having a fit whenever the kettle is on",
    # 2.-3. a degree word and a bare plan are no alarm alone
    "I'm a little confused about the aftercare, do I wash my face tonight?",
    "I can't remember how I got into skincare, anyway my question is about meso",
    # 4. a thing moved, paint or hair showing through
    "the sofa has moved 2cm since this morning, the cat keeps pushing it",
    "my white roots are poking through the dye already",
    "white paint showing through the new coat, how many coats do I need",
    # a stain, damp or hair that reaches further, more of a colour on a thing each day,
    # a thing going hot and cold, a thing that makes liquid, crust on a tray, heads of a vegetable
    "the stain spread to the rug",
    "the patch of damp reaches the ceiling now",
    "the wine stain was the size of a coin and now it covers half the tablecloth",
    "my fringe now reaches my chin, time for a cut",
    "the redness went from bright red to a light pink since the treatment",
    "the redness is now going down to a pale pink, day 2 after meso",
    "the tomatoes on the windowsill are more red each day",
    "my oven goes hot and cold",
    "our radiator is boiling one min n freezing the next",
    "the kids were freezing one minute and boiling the next on the beach",
    "my teeth were chattering at the bus stop this morning, it was freezing out",
    "my sourdough starter is making liquid on top",
    "there's crusty stuff on the baking tray",
    "the broccoli has greenish heads",
    # 5. less of the swelling each day, sight said normal across the comma
    "slight puffiness round the eyes on day 5, getting less every day, vision normal",
    "cheeks a bit swollen on day 4 but less each morning, eyesight fine",
    # 6. an early stretch that is over by now: the sign is not so now
    "my cheeks were hot and red for the first evening, now they're only a bit pink",
    "at first my forehead felt really hot, now it's just a little pink",
]
# a sign that went down but is still there, with nothing else: improving, an expected effect
# told (calm at `none`), not a sign gone (no report at all)
IMPROVING = [
    "the puffiness went down mostly by day 3, just a little left today",
    "swelling has gone down, still a bit there on day 2, otherwise fine",
]
# the same limit with the sign told again after the turn, or no turn at all: still so
STILL_SO = [
    ("my cheek burned for the first hour and now it's burning and hot again", "urgent"),
    ("my skin has felt like it's on fire for the first day and it still is", "urgent"),
]


@pytest.mark.parametrize(("text", "level", "sign"), ALARMS)
def test_a_state_told_by_meaning_reaches_its_level(text: str, level: str, sign: str) -> None:
    a = assess(text)
    assert rank(a.level) >= rank(level), a.reasons
    assert sign in a.signs, a.reasons


@pytest.mark.parametrize("text", CALM)
def test_the_same_words_said_otherwise_raise_no_alarm(text: str) -> None:
    a = assess(text)
    assert rank(a.level) < rank("urgent"), a.reasons


@pytest.mark.parametrize("text", IMPROVING)
def test_a_sign_going_down_with_some_left_is_an_expected_effect(text: str) -> None:
    a = assess(text)
    assert a.level == "none", a.reasons


@pytest.mark.parametrize(("text", "level"), STILL_SO)
def test_an_early_stretch_still_going_keeps_its_level(text: str, level: str) -> None:
    a = assess(text)
    assert rank(a.level) >= rank(level), a.reasons


# "all the time" after a change that has happened ("has gone down", "has dropped")
# tells how the new state stays, a complaint now, not a lasting trait; "for years",
# "my whole life" or "always been" are still a trait.
STAYS_SO = [
    ("my upper lid has come down on the left and I look half asleep all the time", "emergency"),
    ("one eyelid has dropped and I'm squinting all the time since the forehead jabs", "emergency"),
]
TRAITS = [
    "my eyelids have always been a bit hooded, is meso ok for that",
    "I have red cheeks all the time, would meso help",
    "my skin has always been red all the time",
]


@pytest.mark.parametrize("text, level", STAYS_SO)
def test_all_the_time_after_a_change_is_a_report_now(text: str, level: str) -> None:
    result = assess(text)
    assert rank(result.level) >= rank(level), result.reasons


@pytest.mark.parametrize("text", TRAITS)
def test_a_trait_stays_calm(text: str) -> None:
    result = assess(text)
    assert rank(result.level) < rank("routine"), result.reasons


# --- round 20: after fat-dissolving injections, a lump that changes, swelling that grows ---
# Sentences written here, none taken from an evaluation set. Food or drink that stays or sticks is
# difficulty swallowing, a lip that looks off in a smile or one side gone lazy is an uneven smile
# (urgent after fat-dissolving injections); a lump that GOES red, sore, hot or tender is inflamed
# whatever its age; a swelling told larger on a later day (a comparison, rising sizes, "the
# biggest it has been", "instead of going down", a question that takes its growth as going on)
# after 72 hours is growing swelling.
GROWING_AND_CHANGING = [
    (
        "day 2 after my fat dissolving jabs, when I eat the food stays at the top of my "
        "throat, breathing fine",
        "swallowing_difficulty",
    ),
    (
        "since the injections for my double chin the food sits in my throat when I eat "
        "and I need water to get it down",
        "swallowing_difficulty",
    ),
    (
        "since the double-chin treatment on friday my bottom lip looks a little odd when I grin",
        "uneven_smile",
    ),
    ("after the kybella, when I smile my lower lip looks wonky", "uneven_smile"),
    ("since my fat dissolving jabs my smile is strange, one side's lazy", "uneven_smile"),
    (
        "the bump from my booster a month ago was fine until yesterday, now it has turned hot "
        "and tender",
        "inflamed_lump",
    ),
    (
        "a little knot near my jaw that's been there for about four weeks has gone red and sore "
        "since the weekend",
        "inflamed_lump",
    ),
    (
        "the lump I got two weeks after my session became angry and painful overnight",
        "inflamed_lump",
    ),
    ("is my swelling meant to keep getting bigger? it's day 5 today", "swelling_growing"),
    (
        "how long is my chin swelling supposed to continue increasing? it's day 5",
        "swelling_growing",
    ),
    ("the puffiness on my cheeks is bigger today (day 5) than it was on day 3", "swelling_growing"),
    (
        "treatment Thursday. My chin was puffy after and rather than going down it has grown "
        "each day, it is now Monday",
        "swelling_growing",
    ),
    (
        "had my session on Tuesday, my cheeks were puffy and instead of going down they got "
        "bigger every day, this morning (Saturday) they're the puffiest they've been",
        "swelling_growing",
    ),
    (
        "I measured my cheek swelling across: 3cm on day 1, 3.5cm on day 3, 4cm today, day 5",
        "swelling_growing",
    ),
    ("my jawline has gone from 36 to 38cm since day 2, I'm on day 6 now", "swelling_growing"),
]
GROWING_WORDS_ELSEWHERE = [
    "my savings keep increasing every month",
    "the bread dough is bigger each day in the fridge",
    "the swelling is smaller today than it was on day 2",
    "will the swelling keep increasing for a day or two? I'm booked in next week",
    "my waist was 70cm in May, 72cm in June and 74cm now",
    "I measured the swelling on my cheek: 4cm on day 2, 3cm on day 4, 2cm today",
    "the tomatoes turned red in the greenhouse after three weeks",
    "a few tiny bumps went a bit pink straight after the treatment this morning",
    "the leftovers stay in the fridge for three days",
    "the dog looks funny when he smiles",
    "I have had a double chin for years, would the injections help?",
]


@pytest.mark.parametrize(("text", "sign"), GROWING_AND_CHANGING)
def test_a_change_after_treatment_told_by_its_meaning_is_urgent(text: str, sign: str) -> None:
    a = assess(text)
    assert a.level == "urgent", a.reasons
    assert sign in a.signs, a.reasons


@pytest.mark.parametrize("text", GROWING_WORDS_ELSEWHERE)
def test_the_same_words_of_growth_elsewhere_raise_no_alarm(text: str) -> None:
    a = assess(text)
    assert a.level in (None, "none"), a.reasons


def test_a_lump_measured_bigger_is_the_lump_not_the_cheek_it_is_on() -> None:
    a = assess("the lump on my cheek was 4mm last week and it is 6mm now")
    assert a.level == "routine", a.reasons
    assert "lump_persistent" in a.signs, a.reasons
