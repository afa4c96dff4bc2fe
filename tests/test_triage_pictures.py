"""Red flags in the patient's own words (issue 10, fourth round): sentences written
here, none taken from an evaluation set.

Each kind is a meaning in several wordings: the airway as a picture of narrowing,
pressure felt in the chest or the eye, a headache that is sudden and the worst ever,
the view going dark or half gone, a cold sore starting where treated, swelling still
going up after 72 hours, things felt under the skin or a colour change weeks later,
expected bumps at the needle points told with alarming words, and pre-treatment
context (a faint years ago, how the skin always is, pain compared with other
procedures) that is not a report. Everyday text with the same words stays calm.
"""

from __future__ import annotations

import pytest

from bot.triage import assess

AIRWAY_PICTURES = [
    "it's like trying to breathe through a coffee stirrer straw",
    "every breath I take feels only half full since the jabs",
    "I keep having to drag each breath in, had the meso an hour ago",
    "my chest feels like a tight band is wrapped round it",
    "breathing feels like sucking air through a tiny hole",
    "she says her lungs won't fill up properly since the injections",
]

PRESSURE = [
    "there's a heavy crushing feeling in my chest since the session",
    "it feels like something is pushing on my eye from behind, worse every hour",
    "a squeezing pressure in the middle of my chest, had the treatment today",
]

THUNDERCLAP = [
    "my head just exploded with pain, the worst I've ever had, after the jabs",
    "I know a headache is normal but this one came out of nowhere like a bomb going off",
    "the headache hit all at once, never had one like it",
]

SIGHT_SEEN = [
    "the TV on the left side looks dim and grey since the treatment",
    "I can only see half the screen with my left eye since the jabs",
    "a dark veil is coming down over part of what I see in one eye",
]

SHOULD_BE_EMERGENCY = AIRWAY_PICTURES + PRESSURE + THUNDERCLAP + SIGHT_SEEN


SHOULD_BE_URGENT = [
    # a cold sore starting where treated, in someone who gets them
    "I usually get cold sores and I can feel one coming up on my lip where she injected",
    "I always get cold sores, and now a cluster of spots is starting by my lip line after the meso",
    # swelling still going up after 72 hours
    "day 6 and the swelling keeps going up, not down",
    "my jaw is puffier today than yesterday and it's day 5",
    "the swelling has not settled, if anything it's worse, a week on",
    # a lump told through its place
    "the bump on my chin that is hot and red, day 3",
    # a question answered at once by the patient's own report
    "do people get blisters after this? I've got a few along my jaw since yesterday",
]


SHOULD_BE_ROUTINE = [
    "a month later I can feel a tiny grain under the skin of my chin, not sore",
    "still a little pea under my skin by my mouth, three weeks on, no redness",
    "the skin on my chin has gone lighter than the rest, five weeks after",
    "where she injected looks darker than the rest of my face, a month on",
    "my face is not the same on both sides, one eyebrow is higher, four weeks later",
]


SHOULD_STAY_CALM = [
    # expected bumps at the needle points, told with alarming words
    "small raised welts at every injection point, done this morning, already flattening",
    "it looks like a rash but that's the injection points, right? not spreading, day 1",
    "I look terrible, all pink and puffy, had it done an hour ago",
    # pre-treatment context, not a report
    "I passed out once at the dentist years ago and I'm scared of needles, does it hurt?",
    "my complexion is grey and dull all the time, could the vitamin injections brighten it?",
    "is it more painful than having a piercing?",
    "can vitamin cocktail injections cause a lopsided face?",
    "which kind of meso is right for me? I have dry skin and some pigmentation",
    "my skin is really patchy, can mesotherapy even it out?",
    "I'm confused: does the booster need one session or three?",
    "can it cause blisters? I have a wedding next week",
    # everyday text
    "the photo on my phone is blurry",
    "the picture on my laptop looks dark, how do I turn the brightness up",
    "under a lot of pressure at work this week",
    "sore throat and a bit scratchy, had a cold",
    "I can't see my invoice in the app since yesterday",
    "the shelf sags in the middle, what screws should I use",
    "my risotto turned out mushy, too much stock?",
    "can't see the results yet, two weeks after the meso",
]


SAFETY_FIRST = [
    # a red flag told in a question, or after a past event, stays a report
    "is it normal that everything on my left side looks dim since the injections?",
    "I fainted once I got home from the clinic",
    "I fainted once in the car on the way home",
    "I fainted once years ago, and now after the jabs I feel faint again",
    "my skin has looked grey all the time since the treatment yesterday and it hurts a lot",
    "a lump on my cheek that is white and cold, had the treatment this morning",
    "my throat is scratchy and closing a bit when I swallow",
    "I'm confused and can't think straight since the injections",
    # a history or trait frame drops a described emergency only in its own comma clause
    "my lips keep swelling up all the time, they look huge and my throat is tight",
    "I ended up with blurry vision in my left eye",
    "I fainted once at the dentist and now after meso my lips are blue",
    # a sagging mouth corner, speech that runs together, a tongue filling the mouth
    "since the jabs the side of his mouth sags and he can't lift his cup",
    "her words are all mushy since the meso this afternoon",
    "it feels like my tongue is filling my whole mouth, had the booster an hour ago",
    # ordinary things a person can no longer see
    "my husband can't see the telly since his injections this morning",
    "I can't read the clock on the oven with my right eye since the meso",
]


# Round 5 (issue 10): own sentences per kind, none from an evaluation set.
R5_EMERGENCY = [
    # sight: a curtain or shadow moving over the view; what is read coming apart in two
    "since the session a grey curtain is creeping across the bottom of what I see",
    "it's like a shade was pulled down over half my view in one eye, had the jabs today",
    "the words on my page are splitting in two since the injections this morning",
    "out of my right eye it's like peering through a misted-up window, since the meso",
    # faintness in lay words
    "the floor keeps tilting when I get up, I had to sit down on the kitchen floor, after the jabs",
    "since the treatment the world keeps lurching whenever I stand",
    # stroke: speech coming out wrong in other words
    "his words keep coming out all mangled since the injections and his face looks odd",
    # confusion in lay words
    "she keeps losing track of what she's saying and repeating herself, had meso today",
    "my husband has been all muddled since the afternoon, a day after the treatment",
    "fever of 39 and I keep repeating myself, my mum says, two days after the meso",
]

R5_URGENT = [
    # a hot painful lump told as a ball; blisters as bubbles of water; a burnt-looking crust
    "there is a small ball in my chin that is hot and sore, day 6 after meso",
    "a few tiny fluid bubbles came up where she injected my forehead, day 2",
    "one of the injection marks has a scab that looks charred, like coal",
    # after fat-dissolving injections: one side of the smile not moving
    "after the Kybella on Monday, when I smile only the left side of my mouth lifts",
    "since the fat dissolving jabs half my bottom lip won't move when I smile",
]

R5_ROUTINE = [
    # a colour that stays: redness told as "pinker" after a week, pigment as "a shade browner"
    "two weeks on and my cheeks are still pinker than the rest of my face, not sore",
    "a month after the meso the treated patch on my jaw is a shade browner than my other cheek",
]

R5_CALM = [
    # a denial list that names a headache first still denies what follows
    "no headache or any dizziness, just slightly puffy cheeks the day after",
    "I don't have a headache or any blurry vision, only some small bumps, day 1",
    # booking words that sound like a sign
    "thanks for fitting me in so quickly, when can I wear make-up again?",
    # function words near state words that are not said of the function
    "the food order came with the wrong sauce again",
    "can you help me draft a retirement speech, funny but kind",
    "give me a leaving speech for a colleague, something funny",
]

R5_EMERGENCY_KEPT = [
    # the same functions with a real state still count
    "my voice sounds funny but I can breathe, had the meso an hour ago",
    "my speech is weird since the injections this morning",
    "food feels wrong going down since the meso this morning",
]

CALM = (None, "none")
CASES = (
    [(t, ("emergency",)) for t in SHOULD_BE_EMERGENCY + SAFETY_FIRST]
    + [(t, ("emergency",)) for t in R5_EMERGENCY + R5_EMERGENCY_KEPT]
    + [(t, ("urgent",)) for t in SHOULD_BE_URGENT + R5_URGENT]
    + [(t, ("routine",)) for t in SHOULD_BE_ROUTINE + R5_ROUTINE]
    + [(t, CALM) for t in SHOULD_STAY_CALM + R5_CALM]
)


@pytest.mark.parametrize(("text", "levels"), CASES)
def test_level_of_own_words(text: str, levels: tuple[str | None, ...]) -> None:
    a = assess(text)
    assert a.level in levels, (text, a.reasons)
