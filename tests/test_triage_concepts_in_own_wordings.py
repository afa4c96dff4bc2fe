"""Round-6 misses read by concept (issue 10, second pass): sentences written here, none
taken from an evaluation set.

Each concept is a body function and its state or a time rule, tried in a few wordings,
with a message that uses the same words and is not a report (or is an expected effect)
beside it.
"""

from __future__ import annotations

import pytest

from bot.levels import rank
from bot.triage import assess

ALARMS = [
    # sight: a second copy of a thing placed against the first (vision_change, emergency)
    (
        "since my meso today when I look at the lamp I see two, one slightly above the other",
        "emergency",
        "vision_change",
    ),
    (
        "after the booster I look at the clock and see two clocks, one a bit next to the other",
        "emergency",
        "vision_change",
    ),
    (
        "i see two cups on the table instead of one since the injections",
        "emergency",
        "vision_change",
    ),
    # sight: a screen blurred after a treatment named as a cocktail
    (
        "my laptop screen has gone smudgy on the left since the vitamin shot yesterday",
        "emergency",
        "vision_change",
    ),
    # the head: there in a moment, or never felt before (severe_headache, emergency)
    (
        "after my treatment my head started hammering like never before",
        "emergency",
        "severe_headache",
    ),
    (
        "the headache came on in a split second while I was drying my hair after the jabs",
        "emergency",
        "severe_headache",
    ),
    (
        "his hed is pounding since the meso, he can barely open his eyes",
        "emergency",
        "severe_headache",
    ),
    # a hand gone clumsy, a face slanted (stroke signs, emergency)
    (
        "since the treatment my mum's left hand is clumsy and she keeps dropping her spoon",
        "emergency",
        "limb_weakness",
    ),
    (
        "my wife dropped her mug twice, her arm is useless since the jabs",
        "emergency",
        "limb_weakness",
    ),
    ("my husband's face is slanted to the right since his injections", "emergency", "face_droop"),
    # forgetting where one is going or lives, or what one is doing now (confusion, emergency)
    (
        "after the injections I walked out and for a while couldn't remember where I live",
        "emergency",
        "confusion",
    ),
    (
        "my dad has a temperature and keeps forgetting what he is doing since the meso",
        "emergency",
        "confusion",
    ),
    # redness growing past its edge (spreading_redness, urgent)
    (
        "since yesterday the redness keeps creeping outwards from the injection marks",
        "urgent",
        "spreading_redness",
    ),
    # fever told as swinging between hot and freezing (infection_fever, urgent)
    (
        "two days after the meso i'm roasting one minute and freezing the next",
        "urgent",
        "infection_fever",
    ),
    # swallowing takes effort after fat-dissolving injections (urgent there)
    (
        "since the fat dissolving jabs under my chin swallowing feels effortful",
        "urgent",
        "swallowing_difficulty",
    ),
    # something on the skin letting fluid out (oozing, urgent)
    ("months after my meso there are bumps on my jaw that drain clear liquid", "urgent", "oozing"),
    ("the spot by my lip from the treatment still drains some cloudy fluid", "urgent", "oozing"),
    # swelling still growing, with the day told as an ordinal (swelling_growing, urgent)
    (
        "on the fifth day my cheeks are more swollen, the swelling keeps increasing",
        "urgent",
        "swelling_growing",
    ),
    (
        "it's the 4th day after the booster and the swelling is more every day",
        "urgent",
        "swelling_growing",
    ),
    # a yellow blob or bead in a mark (pus, urgent)
    ("one of the needle marks on my chin has a creamy bead in it and it throbs", "urgent", "pus"),
    # a small hard thing in the skin weeks later (lump_persistent, routine)
    (
        "a hard little pea has been under my cheek since the booster six weeks ago, not sore",
        "routine",
        "lump_persistent",
    ),
    (
        "I can feel something like a grain of sand under my lip, the meso was a month ago",
        "routine",
        "lump_persistent",
    ),
    (
        "spotted a small bump by my nose that wasn't there before, my treatment was 4 weeks ago",
        "routine",
        "lump_persistent",
    ),
    # each side told apart weeks later (asymmetry, routine)
    (
        "a month after the skin booster one cheek is plump and the other still flat",
        "routine",
        "asymmetry",
    ),
    # round 13: skin gone white told by a pale stuff it is like (skin_paler, emergency)
    ("since the meso a bit of my chin is white as chalk and throbbing", "emergency", "skin_paler"),
    ("my cheek went pale like candle wax after the jab and it aches", "emergency", "skin_paler"),
    # a net, lace or mesh pattern in any of its words (skin_colour_change, emergency)
    (
        "there's a purplish mesh pattern across my cheek since the booster",
        "emergency",
        "skin_colour_change",
    ),
    (
        "my jaw has a lattice of bluish lines since this morning's meso",
        "emergency",
        "skin_colour_change",
    ),
    (
        "after the injections my forehead looks like fishnet tights, kind of violet",
        "emergency",
        "skin_colour_change",
    ),
    # a colour likened to a tool that marks (skin_colour_change, emergency)
    (
        "my cheek looks like it was coloured in with grey crayon since the meso, very sore",
        "emergency",
        "skin_colour_change",
    ),
    # what the patient calls a bruise, grey, dusky or speckled, and hurting (emergency)
    (
        "it's probably a bruise from the needle but it's dusky and mottled and aches badly",
        "emergency",
        "skin_colour_change",
    ),
    # sight lessened in formal words (vision_change, emergency)
    (
        "following the procedure I have noticed diminished vision in the right eye",
        "emergency",
        "vision_change",
    ),
    (
        "I am writing to report a deterioration of my eyesight since the treatment",
        "emergency",
        "vision_change",
    ),
    # the lid come down (eyelid_droop, emergency)
    (
        "since the meso my left eyelid has slipped down and it won't lift",
        "emergency",
        "eyelid_droop",
    ),
    # blisters described (urgent)
    (
        "after the meso I've got little bubbles on my chin with clear liquid in them",
        "urgent",
        "blisters",
    ),
    # a cold sore as a crop of them where the needles went (urgent)
    (
        "I get cold sores now and then and after the meso a bunch of them came up on my chin",
        "urgent",
        "cold_sore",
    ),
    # round 20: a small raised thing holding fluid is a blister, whatever it is called (urgent)
    (
        "two days after my jabs I have little balloons filled with fluid on my cheek",
        "urgent",
        "blisters",
    ),
    (
        "since the meso there are tiny dots with clear liquid inside on my forehead",
        "urgent",
        "blisters",
    ),
    ("on my chin after the booster there are beads with water in them", "urgent", "blisters"),
    # skin gone dark and hard or crust-like is dark scabbing, the scab only likened (urgent)
    (
        "a patch on my cheek turned dark brown and hard like a crust, day 5 after mesotherapy",
        "urgent",
        "dark_scab",
    ),
    (
        "after the injections the skin on my cheek went dark brown and leathery",
        "urgent",
        "dark_scab",
    ),
    # a scab's colour asked about is still told: "is it normal for X to be black" (urgent)
    (
        "is it normal for the crust on my chin to be so dark? had the booster 6 days ago",
        "urgent",
        "dark_scab",
    ),
    ("should the scab by my nose be black? it's day 5", "urgent", "dark_scab"),
    # a habit of cold sores, then told as back now in the next sentence (urgent)
    (
        "I get cold sores when I'm run down. Since the booster on Monday it has come back again",
        "urgent",
        "cold_sore",
    ),
    (
        "I'm prone to fever blisters. Had meso round my mouth on Friday and now they're back again",
        "urgent",
        "cold_sore",
    ),
    (
        "I suffer from herpes on my lip occasionally and I've got one again since the jabs",
        "urgent",
        "cold_sore",
    ),
    # the lip tingling, zapping or burning, then small fluid spots: a cold sore coming (urgent)
    (
        "since the booster my upper lip feels zappy and now there are tiny watery dots on it",
        "urgent",
        "cold_sore",
    ),
    (
        "day 2 after meso my bottom lip was tingling and now it has small bubbles with fluid",
        "urgent",
        "cold_sore",
    ),
    # one side of the lip moving alone after fat-dissolving (urgent)
    (
        "after my fat dissolving jabs only the right side of my bottom lip moves when I smile",
        "urgent",
        "uneven_smile",
    ),
    # a lump told with what it is like, hot (hot_lump, urgent)
    ("I have an angry swollen bump on my jaw after the meso, it feels hot", "urgent", "hot_lump"),
    # lasting past a week: redness with its suffix apart, under the eyes, lumps in another language
    ("my nose is still pink-ish after the meso 10 days ago", "routine", "redness_persistent"),
    ("under eyes still swollen 12 days after the meso, no pain", "routine", "swelling_persistent"),
    ("tengo bultos on my cheeks since the meso 4 weeks ago, no pain", "routine", "lump_persistent"),
    # getting larger told after the part (swelling_growing, urgent)
    (
        "my jaw keeps expanding since the fat dissolving jabs on monday",
        "urgent",
        "swelling_growing",
    ),
]

NO_ALARM = [
    # double, two of a thing, placed against each other: not about sight
    "can I book two sessions, one a week after the other?",
    "I have two appointments, one slightly above the other in the calendar, which is right?",
    # the head, the hand, the face in words that are not signs
    "I've never been to a clinic like never before, so excited for my first meso",
    "I'm a bit clumsy, is it ok to put the aftercare cream on myself?",
    "I'm clumsy with my hands, will the nurse apply the aftercare gel for me?",
    "my hand aches after I dropped the kettle on it, does that matter for my meso next week?",
    "left a yellow blob of numbing cream on my cheek after the booster, can I wipe it off?",
    "one cheek and the other look the same again, day 2 after my skin booster, all fine",
    "my friend is slanted towards the lip treatment rather than meso, which is better?",
    # forgetting a plan or a sentence, a careless therapist
    "I forgot what I was going to ask about the aftercare",
    "my last therapist didn't know what she was doing, who does the treatment here?",
    # redness, fever, swallowing, draining in everyday words
    "the sunset was creeping outwards across the sky, lovely walk after my appointment",
    "our flat is boiling then freezing since the heating broke, can I still come for my meso?",
    "does lymphatic massage help drain fluid after mesotherapy?",
    # small hard things that are not a finding on the skin
    "is there a grain of rice sized amount of product in each injection?",
    # an expected effect only likened to a reaction, then taken back
    "my cheeks look like an allergic reaction, but the nurse said day one looks exactly like this",
    # round 13: the same words where they are no sign
    "I drew round the bruise from my meso with a blue pen like the nurse said, it's smaller today",
    "I bought fishnet tights for the party, my face is fine after the meso",
    "the web design of your booking page is lovely, booked my meso",
    "my skin looks like porcelain since the meso, love it",
    "I lit a candle and the wax dripped on the white table, then went for my meso",
    "the bruise from the meso is purple and a bit sore on day 2",
    "there was a reduction in swelling today after the meso, vision fine",
    "my eyelid swelling has gone down nicely since the meso",
    "only one side of my face was treated at the meso",
    "I get cold sores sometimes, can I still have the meso?",
    # round 20: bubbles, balloons and blisters of a toy, a wrap, a drink or paint
    "I wrapped the serum bottles in bubble wrap before my flight",
    "we bought water balloons for the party after my appointment",
    "I got some water balloons for the kids' party",
    "we filled balloons with water for the kids after my treatment",
    "the paint has blistered on the bathroom door",
    "my lips are fine, I just had a fizzy drink with bubbles in it",
    # round 20: a black crust on a pan or a loaf
    "there is a black crust on the pan, I burnt the rice",
    "the bread came out dark and hard like a crust, oops",
    # round 20: cold sores as a habit, none now (a fear of one coming back is no report)
    "I get cold sores sometimes, none now",
    "I get cold sores sometimes. Can I still have the treatment in case it comes back?",
    "I get cold sores sometimes, I hope it won't come again after the meso",
    "I get cold sores every winter and it comes back when I'm tired, can I book the meso?",
    "a bunch of us are booking the meso together, is there a discount?",
    "she sings mezzo soprano and has a concert, can she have the meso the day before?",
    "my business is expanding, my skin looks great after the meso",
]


@pytest.mark.parametrize(("text", "level", "sign"), ALARMS)
def test_each_concept_gives_its_level_in_its_own_wordings(text: str, level: str, sign: str) -> None:
    a = assess(text)
    assert rank(a.level) >= rank(level), a.reasons
    if level == "emergency":
        assert a.level == "emergency", a.reasons
    assert sign in a.signs, a.reasons


@pytest.mark.parametrize("text", NO_ALARM)
def test_the_same_words_elsewhere_or_an_expected_effect_raise_no_alarm(text: str) -> None:
    a = assess(text)
    assert rank(a.level) < rank("routine"), a.reasons


def test_a_likened_allergic_reaction_with_a_real_sign_still_counts() -> None:
    a = assess(
        "looks like an allergic reaction, but now my lips are swelling fast and my throat is tight"
    )
    assert a.level == "emergency", a.reasons
    b = assess(
        "I think I'm having an allergic reaction to the booster, my face is blotchy and itchy"
    )
    assert rank(b.level) >= rank("urgent"), b.reasons


def test_a_swelling_still_growing_on_the_second_day_is_not_yet_urgent() -> None:
    a = assess("second day after my meso and the swelling is a bit bigger than yesterday")
    assert a.level != "urgent" and a.level != "emergency", a.reasons
