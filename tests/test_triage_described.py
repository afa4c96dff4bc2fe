"""Signs described rather than named (issue 10, third round): sentences written here,
none taken from an evaluation set.

Each kind is a meaning, tried in several wordings: sight told by a comparison or by
what is seen, the airway told as a feeling, the course of pain or swelling over days,
infection asked as a question, a function and its state said in other words; and unrelated
text with the same words stays calm.
"""

from __future__ import annotations

import pytest

from bot.triage import assess

SIGHT_DESCRIBED = [
    "everything on my left looks like im looking through steam",
    "it's like looking through a steamed up window since the jabs",
    "like being under water, everything is swimming",
    "she says its like looking thru cling film",
    "its like theres a net curtain over everything",
    "like someone smeared vaseline on my glasses but im not wearing any",
    "feels like theres smoke in front of my eyes",
    "it feel like i look through water",
    "seeing 2 of everything since this morning",
    "there are two of everything when i look at the tv",
    "ghosting on everything I look at",
    "the letters have a shadow copy next to them",
    "the faces look smeared",
    "my daughter cant read the board, she sees it double",
    "there is a dark patch in the middle of what i see",
    "a black part at the top of everything i look at",
    "i only see light from the right one",
    "he can only tell light from dark now",
    "text on my phone is blurry since the injections",
    "he says there's two of everything",
    "she sees two of me",
    "half of the picture is gone when i look straight",
    "looking at my phone i see a ghost copy of each letter",
    "it's like seeing the world through a wet windscreen",
    "my eye see only light",
    "evrything look like in fog",
    "i cant make out faces across the room",
]

SIGHT_WORDS_ABOUT_OTHER_THINGS = [
    "the bathroom mirror is all steamed up after my shower, how do i stop it",
    "driving through fog tonight, any tips for headlights",
    "my head feels like it's in a fog after that meeting",
    "my ears feel like i'm underwater after swimming",
    "it felt like being underwater at that concert, so loud",
    "london looks like it's under a veil of smoke today",
    "my tv picture is blurry since the update",
    "the screen on my laptop looks fuzzy",
    "buy two of everything for the twins",
    "best ghost stories for halloween",
    "he ghosted me after two dates",
    "it's like looking through a window into the past",
    "feel like a smoke after dinner",
    "going on a blind date tonight, any tips",
    "he turned a blind eye to it",
    "grey paint colours that aren't too cold",
    "the tv went black and won't turn on",
    "there are two of every book in this library",
    "can't make out what he's saying on the phone",
]


AIRWAY_AS_A_FEELING = [
    "my mouth feels full",
    "my mouth feels really full and tight since the injections",
    "it feels like my mouth is full of something",
    "like something is filling my mouth from the inside",
    "feels like theres no room in my mouth",
    "my mouth feels stuffed like cotton wool",
    "he sounds like he has a hot potato in his mouth",
    "the inside of my mouth feels puffy and crowded",
    "tongue feels like it doesn't fit in my mouth",
    "my throat feel small",
    "feel like i am being choked",
    "i no can swallow water",
]

MOUTH_WORDS_THAT_ARE_FINE = [
    "don't talk with your mouth full",
    "my mouth is full of food, one sec",
    "my lips feel fuller after the filler, a bit tender",
    "my cheeks feel full and a little puffy this morning after meso",
]


COURSE_URGENT = [
    # "rather than" denies what follows it, not what comes before
    "the pain is getting worse rather than better, it is day 4",
    "the pain had settled but today on day 4 it came back worse",
    "pain was getting better but since yesterday it's worse again, it's been 5 days",
    "swelling was going down but now on day 4 it's getting bigger again",
    "it started throbbing on day 3 and now it's day 5",
    "face was fine until day 3 then it began throbbing",
    "it's day 4 and it has started to throb",
    "my cheek started to ache badly again on day four after getting better",
    "treated last week, it was calming down but the last two days it's throbbing",
    "had meso 6 days ago, was healing fine but now the cheek is really sore",
    "swelling settled by day 3 then on day 5 my cheek puffed up again",
    # the course told in the next sentence, of "it": what the sentence before named
    "the swelling was meant to settle in a few days? day 5 and it's spreading to my neck",
    "is the swelling normal on day 4? it keeps growing towards my ear",
    # a habit, then a contrast that turns to the case at hand
    "I usually get cold sores when I'm run down, but this one is on the treated area",
    "cold sores are something i get sometimes, but this time it's right on the injection sites",
]

# CLINICAL.md urgent after fat-dissolving injections (the treatment told by its verb: "to melt
# the fat"): swallowing told as awkward, the smile told as two sides apart or a lip gone lazy
AFTER_FAT_DISSOLVING = [
    "since the jabs to dissolve my double chin, swallowing tablets feels awkward",
    "had injections to melt fat on my jowls, now the bottom lip looks lazy on the left",
    "after the chin fat dissolving my smile is not the same on both sides",
]

# CLINICAL.md routine: darker or lighter skin in the treated area (told against the rest of the
# skin), asymmetry that persists (a part of the face told as uneven, one side against the other)
ROUTINE_DESCRIBED = [
    "the injected patch on my cheek is browner than the rest of my face",
    "where they did the meso looks lighter than my usual skin, like bleached",
    "my forehead is a shade darker than the skin around it",
    "my nose looks skewed a month after the jabs",
    "one cheek looks more plump than the other, it's been a month",
]

COURSE_CALM = [
    "day 2 and it is a little sore, getting better",
    "it was sore yesterday and today its better",
    "swollen on day 1, better on day 2",
    "a bit tender on day 3 but improving",
    "slightly puffy day 2, less than yesterday",
    "day 2, swelling is fine but a bit tender",
    "the bruise was fading but it's still a bit yellow, day 5",
    "it was fine this morning and now it's a bit tender, had it done today",
    # warm and pink on the day of treatment, the time told as a time of day
    "cheeks warm and a bit pink, had it done at 10 this morning",
    "my face is warm and rosy, had the meso at lunchtime",
    # a contrast that denies what follows
    "the tenderness is easing rather than getting worse, day 2",
    "the swelling is going down instead of getting bigger, day 3",
]

# the face likened to a red thing, a word between: redness, expected (and read as such, so the
# bot reassures after the check rather than asking about an unnamed symptom)
LIKENED_TO_A_RED_THING = [
    "look like a cooked lobster lol, had it done 2 hours ago",
    "i'm basically a ripe tomato right now, day 1, nothing hurts",
]


INFECTION_ASKED_OR_SHOWN = [
    "is it ok if there is a little pus",
    "is it normal that there's some yellow stuff on two of the dots",
    "is it bad if mine has pus coming out",
    "little spots with yellow tips on my cheek, day 4",
    "painful bumps with white heads, getting more",
    "pimples with white tops where the needles went",
    "some of the dots have gone yellow at the top",
]

INFECTION_WORDS_NOT_A_REPORT = [
    "is pus a side effect of mesotherapy?",
    "can mesotherapy cause spots?",
    "how do i get a french manicure with white tips",
]


COLOUR_AND_BODY_WORDS_ABOUT_OTHER_THINGS = [
    "white marks on the wooden table from a hot mug",
    "a black mark on the ceiling",
    "grey patches on the lawn after the frost",
    "white patches on my leather sofa",
    "brown spots on my tomato leaves",
    "lawn has brown patches",
    "man city are in a purple patch, how long will it last",
    "we're going through a grey patch at work",
    "there's a gas smell in the street outside",
    "a weird smell in the car",
    "a burning smell from the toaster",
    "feeling a bit blue today, it's just a rainy monday thing",
    "i'm feeling blue since the holidays ended",
    "touch screen is unresponsive in one corner",
    "the app is unresponsive",
    "the tongue of the shoe is too thick",
    "the throat of the vase is narrow",
    "the lip of the cup is chipped",
    "my laptop went unresponsive again",
    # a colour against the rest of something that is not the body
    "the new paint is darker than the rest of the wall",
    "this tile looks lighter than the others",
    # uneven skin is its tone or texture, asked about as a goal
    "is a skin booster good for texture? my skin is really uneven",
]

SAME_WORDS_ABOUT_THE_BODY = [
    "a white patch on my cheek and it's cold",
    "my lips are feeling blue and cold",
    "my cheek is feeling a bit blue and numb",
    "it's gone white at the edges and really hurts",
    "little bumps which they said to expect, and now one patch is going dusky blue",
    "she is unresponsive",
    "found him unresponsive on the floor",
]


# CLINICAL.md emergency: sudden severe headache, confusion, a seizure, fever with confusion,
# in lay words and about someone else
HEAD_AND_MIND = [
    "worst headache of my life started an hour ago",
    "my head is pounding like never before, it came on suddenly",
    "she isn't making any sense",
    "my husband isnt making any sense and he's burning up",
    "her words dont make any sense",
    "my son says im not making sense when i talk and i have a temperature",
    "he keeps forgetting where he is",
    "he doesnt know where he is",
    "he was shaking and didn't respond",
    "my mum was jerking and then wasn't responding",
    # speech that stops of itself (a stroke sign)
    "she suddenly stopped talking mid sentence after her injections",
    "my dad can't get the words out since his meso this morning",
]

# a body word written by its sound (one letter short: "hed", "throt", "chek"), read by the
# general rule of rules.spelt_by_sound rather than a list of misspellings
MISSPELT_BODY_WORDS = [
    "hed pounding like crazy since an hour, came on all at once",
    "my muth feels full and stuffed since the jabs",
    "my thrat is closing up",
    "my cheks have gone purple and blotchy",
    "eyebal hurts a lot since the treatment",
]

# a function or state word with two letters swapped or a letter left out inside it, read by
# the general rule of rules.typed_by_slip
SLIPS_OF_THE_THUMB = [
    "my tognue feels thick and heavy since the jabs",
    "breahting feels wrong since the injections",
    "my eyesgiht went fuzzy an hour after the meso",
    "my cheek looks bluiesh and blotcyh near the injection points",
    "my tongue is sowllen and feels too big for my mouth",
    "the throat feels tihgt when i swallow",
]

# the same slips about things, not the body
SLIPS_ABOUT_THINGS = [
    "my phnoe screen looks blurry after the update",
    "the streetlihgts on our road keep flashing at night",
    "the candels in the restaurant were lovely and dim",
    "the sky is so cloduy today, perfect for a walk",
]

# pain told with a slang verb of harm, with the eye named
PAIN_TOLD_BY_A_SLANG_VERB = [
    "left eye kills whenever i look up",
    "my right eye is murdering me since the injections near it",
    "the eye itself smarts when i blink, not the skin round it",
    "eyeball kills if i roll it to the side",
]

HEAD_AND_MIND_WORDS_ELSEWHERE = [
    # "hed" as "he'd" written without its apostrophe
    "he told me hed be late for the appointment",
    "hed rather come on friday if that's ok",
    # the slang verbs of harm with a thing as their object
    "does the serum kill bacteria on the skin?",
    "my sister is killing it at her new job, she looks great",
    # awkward talk, a lazy eye since childhood, a tomato in the kitchen
    "it was awkward talking to the receptionist about my payment",
    "i've had a lazy eye since i was small, can i still have meso?",
    "how long do i roast a tomato for soup",
    "the instructions are not making sense",
    "he forgot where he parked the car",
    "she doesn't know where she is going on holiday",
    "he didn't respond to my email",
    "the washing machine was shaking and didn't stop",
    "my kids suddenly stopped talking to me after the argument",
    "she stopped talking about her holiday when the nurse came in",
]


EMERGENCY = (
    [(t, "vision_change") for t in SIGHT_DESCRIBED]
    + [(t, "airway") for t in AIRWAY_AS_A_FEELING]
    + [
        (t, None)
        for t in HEAD_AND_MIND
        + SAME_WORDS_ABOUT_THE_BODY
        + MISSPELT_BODY_WORDS
        + SLIPS_OF_THE_THUMB
    ]
    + [(t, "eye_pain") for t in PAIN_TOLD_BY_A_SLANG_VERB]
)
URGENT = COURSE_URGENT + INFECTION_ASKED_OR_SHOWN
CALM = (
    SIGHT_WORDS_ABOUT_OTHER_THINGS
    + MOUTH_WORDS_THAT_ARE_FINE
    + COURSE_CALM
    + INFECTION_WORDS_NOT_A_REPORT
    + COLOUR_AND_BODY_WORDS_ABOUT_OTHER_THINGS
    + HEAD_AND_MIND_WORDS_ELSEWHERE
    + SLIPS_ABOUT_THINGS
)
AIRWAY_SIGNS = {"throat_swelling", "breathing_difficulty", "swallowing_difficulty"}


@pytest.mark.parametrize(("text", "sign"), EMERGENCY)
def test_described_emergencies_are_flagged_on_the_message(text: str, sign: str | None) -> None:
    a = assess(text)
    assert a.level == "emergency", a.reasons
    if sign == "airway":
        assert AIRWAY_SIGNS & set(a.signs), a.signs
    elif sign:
        assert sign in a.signs, a.signs


@pytest.mark.parametrize("text", URGENT)
def test_infection_and_a_course_that_turns_worse_are_urgent(text: str) -> None:
    a = assess(text)
    assert a.level in ("urgent", "emergency"), a.reasons


@pytest.mark.parametrize("text", LIKENED_TO_A_RED_THING)
def test_a_face_likened_to_a_red_thing_is_expected_redness(text: str) -> None:
    a = assess(text)
    assert a.level == "none", a.reasons
    assert "mild_redness" in a.signs, a.signs


@pytest.mark.parametrize(
    "text",
    [
        "should i be worried that i have tiny spots of blood on my cheeks? had it this afternoon",
        "am i right to worry if i've got small bumps where the needles went, day 1",
        # a question answered at once by the patient's own sign
        "how long do the tiny bumps last? they came up an hour after the session",
    ],
)
def test_asking_whether_to_worry_about_what_one_has_is_a_report(text: str) -> None:
    """Not a general question: the expected effect is read (and reassured after the check)."""
    assert assess(text).level == "none", assess(text).reasons


@pytest.mark.parametrize("text", AFTER_FAT_DISSOLVING)
def test_swallowing_and_smile_after_fat_dissolving_are_urgent(text: str) -> None:
    a = assess(text)
    assert a.level == "urgent", a.reasons
    assert {"swallowing_difficulty", "uneven_smile"} & set(a.signs), a.signs


@pytest.mark.parametrize("text", ROUTINE_DESCRIBED)
def test_a_pigment_change_or_asymmetry_described_is_followed_up(text: str) -> None:
    a = assess(text)
    assert a.level == "routine", a.reasons
    assert {"pigment_change", "asymmetry"} & set(a.signs), a.signs


@pytest.mark.parametrize("text", CALM)
def test_expected_effects_and_the_same_words_elsewhere_stay_calm(text: str) -> None:
    a = assess(text)
    assert a.level in (None, "none"), a.reasons


def test_swelling_growing_again_after_72_hours_is_read_from_the_day_count() -> None:
    a = assess("the swelling was going down but on day 4 it's getting bigger again")
    assert a.level == "urgent", a.reasons
    assert "swelling_growing" in a.signs
    b = assess("the swelling was going down but today it's getting bigger again")
    assert "swelling_growing" not in b.signs, b.reasons


# --- a function and its state said in other words, each row to its exact level: a swelling
# that is more of itself each day, heat told as fire or in a list with redness, the lip or
# cheek that cannot make a movement, sight through a wet pane, a "bruise" that is white and
# hurts, a course that has not ended ("isn't fading", "never gone"), a time told as "the week
# before last", a negation over a list whose items share one word ("no breathing or eye
# problems"), and a "rash" told as the needle marks themselves
OTHER_WORDS = [
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
OTHER_WORDS_CALM = [
    ("the bruise is fading, a pale yellow now, still a bit tender, day 4", "none"),
    ("my face is on fire lol not literally, just pink after the facial", "none"),
    ("right after the meso my face was red, warm and a bit tender", "none"),
]

# an alarm that stays: a rash beyond the needle points, a sign told plainly
OTHER_WORDS_KEPT = [
    (
        "a rash on my neck and chest since the injections, and little dots where the needles went",
        "urgent",
    ),
    ("no fever or pus, but my eyesight is blurry since the session", "emergency"),
]


@pytest.mark.parametrize(("text", "level"), OTHER_WORDS + OTHER_WORDS_CALM + OTHER_WORDS_KEPT)
def test_each_meaning_gives_its_level_in_other_words(text: str, level: str) -> None:
    a = assess(text)
    assert a.level == level, a.reasons
