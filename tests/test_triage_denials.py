"""Expected effects told together with what the patient does NOT have stay calm,
and the words that made them alarm still alarm where they describe a red flag.

Sentences written here, not taken from any evaluation set.
"""

from __future__ import annotations

import pytest

from bot import triage
from bot.levels import rank


@pytest.mark.parametrize(
    "text",
    [
        # a pair's own function word between the cue and the state: "no BREATHING problem"
        "no breathing problem",
        "bit red on the cheeks, no breathing problems and no eyesight problems",
        "My nose area is pink. No swallowing issue, no vision trouble.",
        # a sign going down is getting better, not food being swallowed
        "the soreness is slowly going down, day 2",
        "the pain is going down since this morning",
        # "lower" naming a part, not a part that sits lower
        "my lower lids are a bit puffy on day 2, nothing else",
        "small bruise on my lower lip where the needle went in, day 1",
    ],
)
def test_expected_effects_with_denials_stay_below_routine(text: str) -> None:
    result = triage.assess(text)
    assert rank(result.level) < rank("routine"), result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "breathing problem since the injections",
        "I have a breathing problem and my lips are swelling",
        "no idea why but my breathing is really hard now",
        "food is not going down, it gets stuck in my throat",
        "my left eyelid is lower than the right since this morning",
        "her face is lower on one side and she can't smile",
    ],
)
def test_the_same_words_still_alarm_when_they_report_a_red_flag(text: str) -> None:
    assert triage.assess(text).level == "emergency", triage.assess(text).reasons


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # a part named inside a denied list is no subject of a new thing named after the list's
        # end, a comma and "just": the dots are on the skin, not in the eye
        ("no eye or breathing problems, just a few red spots", "none"),
        ("no soreness in my eye or swallowing trouble, just some tiny dots", "none"),
        ("no pain in my eye or any trouble breathing, only a few little red dots", "none"),
        # the state still said of the part: no article, a pronoun, one item, a part named again
        ("no pain or swelling in my eye, just blurry", "emergency"),
        ("no pain or swelling in my eye, it's gone blurry though", "emergency"),
        ("no soreness in my eye or breathing issues, just a few dots in it", "emergency"),
        ("no pain in my eye, just a dark spot", "emergency"),
        (
            "no soreness in my eye or trouble breathing, just a few dark spots in my vision",
            "emergency",
        ),
    ],
)
def test_a_new_thing_after_a_denied_list_is_not_said_of_its_parts(text: str, level: str) -> None:
    assert triage.assess(text).level == level, triage.assess(text).reasons


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # one denial over a list of commas closed by "or"/"nor": every item is denied
        ("a little pink today. There is no soreness, vision changes or breathing issues", "none"),
        ("some redness on day 2, no tenderness, vision changes nor breathing issues", "none"),
        # not closed by "or": an emergency after a bare comma or an "and" still counts
        ("no soreness, vision changes", "emergency"),
        ("no soreness, vision changes and breathing issues", "emergency"),
        ("no soreness or swelling, vision changes since lunch", "emergency"),
    ],
)
def test_a_denial_runs_over_a_list_closed_by_or(text: str, level: str) -> None:
    assert triage.assess(text).level == level, triage.assess(text).reasons


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # an item of the list is its whole noun phrase: the state and the function word that
        # completes it ("blurry EYESIGHT") are one item, not a break in the list
        ("bit puffy, no swelling, blurry eyesight or trouble swallowing", "none"),
        ("a little pink, no chills, foggy sight nor trouble breathing", "none"),
        ("still red, no soreness, blurred vision in my left eye or trouble breathing", "none"),
        # a report after "and", after "but", after a bare comma, or with a word that is no
        # part of the item ("now") keeps its emergency
        ("no swelling, and my eyesight is blurry", "emergency"),
        ("no chills but blurred sight", "emergency"),
        ("no chills, blurred sight", "emergency"),
        ("no chills, blurred sight and trouble breathing", "emergency"),
        ("no chills, double vision now or trouble breathing", "emergency"),
    ],
)
def test_an_item_of_a_denied_list_is_its_whole_noun_phrase(text: str, level: str) -> None:
    assert triage.assess(text).level == level, triage.assess(text).reasons
