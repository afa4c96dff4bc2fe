"""Signs not said of the patient's body (bot/triage/subject/, knowledge/triage_subjects.yml):
a person the patient does not speak for (by WordNet, and the parts and kin of such
a person: "the groom's mum"), an event told as over and fine, what a picture
shows, a shade chosen for a kind of skin, words talked about, a story's
characters, a group named by its state, a time owned that "collapsed". Each kind
both ways: the same words said of the patient, or of someone they speak for,
keep their level. Sentences written here, none taken from an evaluation set.
"""

from __future__ import annotations

import pytest

from bot.levels import rank
from bot.triage import assess

# (text, the level expected: "calm" is none or no sign at all)
CASES = [
    # a person the patient does not speak for, and that person's parts and kin
    ("my driving instructor went grey and had to pull over, do I still pay", "calm"),
    ("the referee collapsed in the second half and they called the game off", "calm"),
    ("the storm at sea was so bad my bunkmate went white and gripped my arm", "calm"),
    ("the groom's mum fainted at the altar because of the heat, any tips for a marquee", "calm"),
    ("the sprinter's eye swelled shut after the fall, will she race on sunday", "calm"),
    ("my coach went pale after the sprint drills, what's a good warm down", "calm"),
    ("the linesman collapsed by the corner flag and is still not moving", "emergency"),
    ("my client's lips swelled up an hour after her filler", "emergency"),
    ("my sister's eye swelled shut after the injections", "emergency"),
    ("my mate's lips went blue after the meso, he can't breathe", "emergency"),
    ("the baby's lips went blue and she's floppy", "emergency"),
    ("my mum collapsed after her session and she can't speak properly", "emergency"),
    ("she went grey and her lips are swelling since the jab", "emergency"),
    # an event told as over and fine (no treatment named)
    (
        "my teammate fainted at practice because he skipped lunch, he's fine now, what to eat",
        "calm",
    ),
    ("a guest passed out at the wedding, everyone's ok, how do we keep the venue cooler", "calm"),
    (
        "my cousin passed out at the wedding, everyone's ok, how do we keep the venue cooler",
        "emergency",
    ),
    ("I fainted after the injections but I'm fine now", "none_or_more"),
    ("my husband collapsed this morning, he says he's fine but his speech is slurred", "emergency"),
    ("my daughter fainted at school, is she ok?", "emergency"),
    ("my dad went grey and collapsed, he's fine but he's still confused", "emergency"),
    (
        "my friend fainted yesterday, she's fine, but my lips are swelling since the session",
        "emergency",
    ),
    ("my sister collapsed at home and now she's slurring, she's fine she says", "emergency"),
    # a time owned
    ("our whole weekend collapsed when the flights got cancelled", "calm"),
    ("my whole afternoon collapsed after the courier never came", "calm"),
    ("my entire week has been crushing me with deadlines", "calm"),
    ("I collapsed at home this weekend after the treatment", "emergency"),
    # what a picture shows
    ("my wedding portrait looks grey in the face, can you retouch it", "calm"),
    ("my holiday portrait looks sickly and grey in the face, how do I fix skin in editing", "calm"),
    ("the faces in our team photo look washed out and pale, is it the flash", "calm"),
    ("the faces look pale and washed out with the new flashgun", "calm"),
    ("my laptop camera makes my lips look blue on zoom", "calm"),
    ("in my selfie my lips look blue and they feel numb since the filler", "emergency"),
    ("the cream makes my face look grey", "emergency"),
    ("my face looks blotchy and grey since the treatment", "emergency"),
    ("the faces look blotchy after the session", "emergency"),
    ("since the jab the faces on the tv look smeared", "emergency"),
    # a shade chosen for a kind of skin
    ("which lipstick shades look good on pale skin", "calm"),
    ("a concealer for dark skin that doesn't go ashy", "calm"),
    ("my skin looks pale around the injection points", "emergency"),
    ("my cheek went pale and grey after the jab", "emergency"),
    # words talked about
    ("what's the opposite of breathless", "calm"),
    ("the difference between dizzy and lightheaded", "calm"),
    ("I can't tell the difference, my left eye is all blurry since the jab", "emergency"),
    # a story's characters
    ("tell me a riddle about a king who lost his sight", "calm"),
    ("a bedtime story where a knight goes blind", "calm"),
    ("I lost my sight in my left eye after the injections", "emergency"),
    # a group named by its state
    ("the infected in that zombie film move so fast", "calm"),
    ("the infected with glowing eyes freak me out, is the sequel scarier", "calm"),
    ("the wounded were carried off the pitch on stretchers", "calm"),
    ("the infected area on my cheek is hot and oozing", "urgent"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_a_sign_not_said_of_the_patient(text: str, expected: str) -> None:
    result = assess(text)
    if expected == "calm":
        assert rank(result.level) <= rank("none"), result.reasons
    elif expected == "none_or_more":
        # the patient's own report, not dropped as a story told as over
        assert not any("told as over" in r for r in result.reasons), result.reasons
    else:
        assert rank(result.level) >= rank(expected), result.reasons


def test_the_reason_names_whose_sign_it_is_for_staff() -> None:
    reasons = " ".join(assess("the groom's mum fainted at the altar").reasons)
    assert "said of someone else: 'groom's mum'" in reasons
    reasons = " ".join(assess("he passed out at the party last night, everyone's fine").reasons)
    assert "told as over" in reasons


@pytest.mark.parametrize(
    "text",
    [
        "my mum fainted, she's fine now",
        "my daughter passed out earlier, she's fine now",
        "my boss went pale after her meso this morning",
        "my colleague had the booster yesterday and her lips went blue",
    ],
)
def test_kin_or_someone_who_had_the_treatment_keeps_the_alarm(text: str) -> None:
    assert assess(text).level == "emergency"
