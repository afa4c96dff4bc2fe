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
