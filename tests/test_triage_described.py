"""Signs described rather than named (issue 10, third round): sentences written here,
none taken from an evaluation set.

Each kind is a meaning, tried in several wordings: sight told by a comparison or by
what is seen, the airway told as a feeling, the course of pain or swelling over days,
infection asked as a question; and unrelated text with the same words stays calm.
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
]


@pytest.mark.parametrize("text", SIGHT_DESCRIBED)
def test_sight_described_without_a_sight_word_is_an_emergency(text: str) -> None:
    a = assess(text)
    assert a.level == "emergency", a.reasons
    assert "vision_change" in a.signs


@pytest.mark.parametrize("text", SIGHT_WORDS_ABOUT_OTHER_THINGS)
def test_sight_words_about_other_things_raise_no_alarm(text: str) -> None:
    assert assess(text).level in (None, "none"), assess(text).reasons
