"""Signs told by people who never saw the rules (issue 10, sixth round): sentences written
here, none taken from an evaluation set.

Each concept is a body function and its state, a time rule or a frame, tried in several
wordings, with the same words in a message that is not a report beside it (no alarm).
"""

from __future__ import annotations

import pytest

from bot.triage import assess

# --- sight: what a driver sees going double (vision_change, emergency) ---------------------
ROAD_DOUBLED = [
    "on the drive back from my appointment the road markings kept splitting in two",
    "since the jabs the cars ahead look doubled, two of each",
    "after my meso yesterday the traffic lights were doubling up on the way home",
]
ROAD_WORDS_ELSEWHERE = [
    "can I park on the double yellow lines outside the clinic after my treatment",
    "the traffic was double what it normally is on the way to my appointment",
    "the road to the clinic splits in two at the roundabout, which way do I go",
]

# --- dizziness told as the surroundings moving; a fall with weakness (faint_collapse) --------
SURROUNDINGS_MOVING = [
    "since the injections the kitchen walls keep going round when I stand up",
    "after my treatment everything around me is swaying like I'm on a boat",
    "my sister had her meso this morning and says the ceiling is whirling",
]
FALL_WITH_WEAKNESS = [
    "after the jabs I felt so weak that I fell over in the shower",
    "my dad had his treatment today, his legs gave way and he has no strength at all",
]
MOVING_WORDS_ELSEWHERE = [
    "my thoughts keep going round in my head before the treatment, is that normal nerves",
    "the world is spinning out of control lately, should I still do my meso",
    "my friend fell down the stairs last year, can she still have mesotherapy",
    "the washing in the dryer keeps spinning after my appointment finished, weird machine",
    "the AC in our hotel room is wheezing all night, can I ask for another room",
]


def test_a_sight_sign_at_the_end_of_an_admin_message_still_counts() -> None:
    text = (
        "Hello, could you resend the invoice for yesterday's session, the email never came. "
        "Also can I swap my next appointment to a Friday morning? "
        "Oh and on the way home the white lines on the motorway were going double, "
        "I stopped at a services."
    )
    a = assess(text)
    assert a.level == "emergency", a.reasons
    assert "vision_change" in a.signs


# --- a muddled mind told by what a person no longer knows or keeps asking (confusion) -------
MUDDLED = [
    "my wife has a high temperature since her meso and she can't recognise our children",
    "dad is shivering and keeps asking where he is",
    "she's hot to touch after the jabs and asks me what day it is every few minutes",
    "my mum has a fever and is not recognising anyone",
    # the thread of one's own talk lost, or others' talk no longer followed
    "since about 4pm I keep losing track of what I'm saying mid sentence",
    "my sister keeps forgetting what she has just said, it started tonight",
    "he's forgotten what he was telling me three times in ten minutes",
    "since my jabs I can't keep up with what people are saying to me",
]
KNOWING_WORDS_ELSEWHERE = [
    "my neighbour didn't recognise me after my filler, is that a good sign",
    "I hardly recognise myself in the mirror since my treatment, I look so fresh",
    "I asked the same question twice about my booking and nobody replied",
    "reception keep asking me for the same form, can you check my appointment",
    "I always lose track of time when I read a good book",
    "I keep losing track of my glasses, can you text me the address instead",
    "can you remind me, I keep forgetting to book my next session",
    "sorry I forgot what she was saying about the aftercare, can you send it again",
    "I can't follow what they're saying in this podcast, the accent is strong",
    "I can't follow the conversation in Portuguese yet",
]


# --- a whole person said to look or turn a colour of poor circulation (skin colour change) ------
PERSON_COLOURED = [
    "my partner looks really grey and clammy since her jabs",
    "he's turned a bit bluish round the mouth, what do I do",
    "my gran has gone a weird colour, kind of bluey grey",
    "dad went white as a sheet and is sweating after his session",
    "the patient looked ashen when she sat up",
]
COLOUR_OF_SOMETHING_ELSE = [
    "my brother looks grey in that jumper, should he wear navy to my wedding",
    "the sea has gone a strange grey colour this afternoon",
    "my beard is going grey, can you do treatments for men",
    "she was green with jealousy when she saw my skin",
    "I went bright red when the receptionist complimented my skin",
    "he's grey-haired but looks young",
    "my husband looks grey and knackered after his night shifts",
]


# --- after fat-dissolving injections: swallowing with the airway denied; a lip that won't move --
SWALLOWING_AFTER_FAT_DISSOLVING = [
    "since my lipolysis injections, swallowing toast is a real effort, no trouble breathing at all",
    "after the kybella swallowing my vitamins is harder, no breathing problems, throat not swollen",
    "fat dissolving jabs on monday, now food seems to get stuck halfway when I swallow, "
    "breathing is normal",
]
SWALLOWING_WORDS_ELSEWHERE = [
    "should I avoid swallowing tablets before my meso",
    "my phone keeps getting stuck on the booking page after my treatment",
    "the zip on my bag won't pull down, I left it at the clinic after my kybella",
]
LIP_AFTER_FAT_DISSOLVING = [
    "after the aqualyx under my jaw the left side of my bottom lip doesn't pull down when I grin",
    "since my double chin injections one corner of my mouth won't lift when I smile, "
    "speech and arms are fine",
]


def test_a_denied_function_after_the_state_does_not_take_the_state() -> None:
    a = assess("since the jabs chewing is fine but swallowing pills is harder, no breathing issue")
    assert "swallowing_difficulty" in a.signs, a.reasons
    assert "breathing_difficulty" not in a.signs
    b = assess("my breathing isn't hard at all after the treatment")
    assert b.level in (None, "none"), b.reasons


# --- pain told as scores that rise (pain_worsening, urgent) ----------------------------------
RISING_SCORES = [
    "day 1 my cheeks were sore, maybe 1 out of 10, day 3 a 4, now on day 5 it's at 7, aching",
    "pain 2/10 the first evening, 4/10 yesterday and 7/10 this morning, day 4 since my meso",
]
SCORES_NOT_RISING = [
    "pain was 7/10 on day 1 and now it's 2/10 on day 4, just a little tender",
    "the injections were about 5 out of 10 during my 2 sessions, now fine",
    "I rated the clinic 9 out of 10 after my 3 sessions, thank you",
    "my pain was 5 out of 10 on the first night, friends rated the results 8 out of 10",
]


# --- a lump or a bruise that lasts: "week N", an apology, a question about one's own sign --------
LASTING = [
    ("week 4 now and the little hard bump by my lip is still there, not red", "lump_persistent"),
    ("apologies if it's nothing, 3 weeks on I can still feel a tiny bead under my cheek", None),
    ("is the bruise under my eye meant to still be yellow after 10 days?", "bruise_persistent"),
]
NOT_LASTING = [
    "should the swelling still be there on day 2? it's going down slowly",
    "sorry if this is a silly question, will I bruise after my first session?",
    "week 1 of my new job, can I book a treatment for a Saturday",
]


# --- calm reports that must stay calm: a likeness denied, looks not pain, a bumpy picture -------
CALM_REPORTS = [
    "day 1 after my skin booster, lots of tiny raised dots, "
    "sort of like a rash but it's not itchy, I can see fine, breathing fine, "
    "no colour change anywhere",
    "two hours after my meso, forehead all lumpy, doesn't hurt at all, just looks terrible",
    "why does my chin feel like braille? had the jabs this morning",
    "swollen jowls after the fat dissolving, day 1, honestly looks worse than before haha",
]
STILL_ALARMING = [
    ("a bit like hives and it's spreading to my neck since the jabs", "urgent"),
    ("my cheek went grey and it looks awful, since the meso this morning", "emergency"),
    ("why does my cheek look grey and feel cold since the jabs", "emergency"),
    ("the swelling under my chin is worse than yesterday, day 5 after kybella", "urgent"),
]


# --- "the thing is ...": a discourse frame, not a thing the sign is said of (bot/triage/subject/)
def test_a_discourse_frame_is_not_the_subject_of_a_sign() -> None:
    a = assess("voice fine. the problem is half my smile won't move since the kybella")
    assert a.level == "urgent", a.reasons
    assert "uneven_smile" in a.signs
    b = assess("the thing is my laptop screen went blurry, can you resend the aftercare leaflet")
    assert b.level in (None, "none"), b.reasons


# --- a treatment had in a named month is weeks ago (a lump still there is followed up) ---------
def test_a_treatment_had_in_a_named_month_is_weeks_ago() -> None:
    a = assess("I had my boosters back in october and there are still two small bumps by my nose")
    assert a.level == "routine", a.reasons
    assert "lump_persistent" in a.signs
    b = assess("I have my treatment booked in may, will I get little bumps afterwards?")
    assert b.level in (None, "none"), b.reasons


# --- every concept: its own wordings give its level; the same words elsewhere raise no alarm ---
ALARMS = (
    [(t, "emergency", "vision_change") for t in ROAD_DOUBLED]
    + [(t, "emergency", "faint_collapse") for t in SURROUNDINGS_MOVING + FALL_WITH_WEAKNESS]
    + [(t, "emergency", "confusion") for t in MUDDLED]
    + [(t, "emergency", "skin_colour_change") for t in PERSON_COLOURED]
    + [(t, "urgent", "swallowing_difficulty") for t in SWALLOWING_AFTER_FAT_DISSOLVING]
    + [(t, "urgent", "uneven_smile") for t in LIP_AFTER_FAT_DISSOLVING]
    + [(t, "urgent", "pain_worsening") for t in RISING_SCORES]
    + [(t, "routine", sign) for t, sign in LASTING]
    + [(t, level, None) for t, level in STILL_ALARMING]
)
NO_ALARM = (
    ROAD_WORDS_ELSEWHERE
    + MOVING_WORDS_ELSEWHERE
    + KNOWING_WORDS_ELSEWHERE
    + COLOUR_OF_SOMETHING_ELSE
    + SWALLOWING_WORDS_ELSEWHERE
    + SCORES_NOT_RISING
    + NOT_LASTING
    + CALM_REPORTS
)


@pytest.mark.parametrize(("text", "level", "sign"), ALARMS)
def test_each_concept_gives_its_level_in_its_own_wordings(
    text: str, level: str, sign: str | None
) -> None:
    a = assess(text)
    assert a.level == level, a.reasons
    if sign:
        assert sign in a.signs, a.signs


@pytest.mark.parametrize("text", NO_ALARM)
def test_the_same_words_elsewhere_or_an_expected_effect_raise_no_alarm(text: str) -> None:
    a = assess(text)
    assert a.level in (None, "none"), a.reasons
