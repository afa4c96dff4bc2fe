"""Round 18: expected effects kept calm by meaning. Our own sentences.

* "got back from a jog" is a person back from somewhere, not a sign that returned
  (``cues.worsening`` exclude);
* a mark told by where the needle went ("a speck at every injection point") is a
  pinpoint mark (``pinpoint_marks``);
* a writer who only asks for someone ("asking for my mum, she had it 3 days ago")
  reports that person's time (bot/triage/durations.py ``_writer_elsewhere``);
* a likeness answered by "but honestly it's just ..." after "!!" is set aside
  (``negation.reattribution``; bot/triage/negation.py ``_answered``);
* a strong word taken back ("ok fine, it's just puffy") cancels the `severe` cue's
  move to routine (``cues.downplayed``); real red flags still count.
"""

from __future__ import annotations

import pytest

from bot import triage


@pytest.mark.parametrize(
    "text",
    [
        "had meso today, cheeks rosy like I've just got back from a jog",
        "day 1 and there's a little speck at every injection point, normal?",
        "a small mark where she injected on my forehead, yesterday's session",
        "I'm asking for my mum, she had meso 3 days ago and her cheeks are still a bit puffy",
        "my sister had hers 3 weeks ago and mine is still swollen from yesterday",
        "this morning's jabs, looks like an infection... but tbh it's just a bit red",
        "huge bruise on my chin from yesterday... ok I'm exaggerating, it's just a small one",
        "Awful swelling, I look like a hamster!! (well ok, it's just a bit puffy, day 1)",
    ],
)
def test_expected_effects_stay_calm(text):
    assert triage.assess(text).level == "none", triage.assess(text).reasons


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("my cheek was fine for 3 days then the swelling came back on day 5", "urgent"),
        ("the spots where the needles went in are still there after 3 weeks", "routine"),
        (
            "I'm writing for my daughter, she had the treatment 3 weeks ago and the bumps are "
            "still there",
            "routine",
        ),
        ("I've had a reaction to the meso!! but it's just puffy around it", "urgent"),
        ("my lips look like they've swollen fast!! but honestly it's just puffy", "emergency"),
        ("day 1, it's just puffy, but now the swelling is massive", "routine"),
        ("day 2, terrible pain in my cheek, it's just puffy", "emergency"),
        ("it's just puffy but the swelling has been there 10 days", "routine"),
    ],
)
def test_real_signs_still_count(text, level):
    assert triage.assess(text).level == level, triage.assess(text).reasons
