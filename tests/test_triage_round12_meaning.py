"""Round 12 misses, fixed by meaning (issue 10): sentences written here, none taken from an
evaluation set. Each row is a message and the level it must get; the calm rows use the same
words where they are not a report.
"""

from __future__ import annotations

import pytest

from bot.triage import assess

ROWS: list[tuple[str, str | None]] = [
    # not seeing part of the view, told with "don't see" (the same as "can't see")
    ("since the meso my left eye doesn't see the top part of things", "emergency"),
    ("I don't see the upper half with my right eye since the jabs", "emergency"),
    ("I don't see the point of booking another meso", None),
    ("I don't see the 5pm slot for my meso on the website", None),
    ("after the meso I don't see the swelling any more", None),
    # a portion of a part: the state is the part's ("the left side of my lip")
    ("since the injections I can't move the right side of my top lip", "emergency"),
    ("after the fat dissolving jabs is it normal I can't move one side of my lower lip?", "urgent"),
    # what a bump holds told by its colour, a spot with a head: pus
    ("two of the bumps from the meso are full of yellowish gunk now", "urgent"),
    ("after the meso I've got spots with little heads on my chin", "urgent"),
    ("the cake for my meso party was filled with white chocolate", None),
    # pain scores rising with no scale named
    ("after the meso the pain was a 1, then a 2, and today on day 5 it's a 5", "urgent"),
    ("the pain after the meso was a 6 on day 1 and now on day 4 it's a 2", "none"),
    ("I had a 2 hour wait and a 5 minute chat at the clinic", None),
    # what a blister holds named before it
    ("two days after the meso the injection points have a water blister each", "urgent"),
    # a patch of skin of another colour weeks later (pigment), not a skin type
    ("since the meso 6 weeks ago there's a strip of darker skin on my cheek", "routine"),
    ("is meso safe for people of darker skin?", None),
    # a denial over a list of parts and a state: "no trouble with my eyes, breathing or pain"
    ("I had meso yesterday, some redness. no trouble with my eyes, breathing or pain", "none"),
    ("no problem, pain in my eye since the meso", "emergency"),
    ("I don't have any problem with breathing, but my eye hurts since the meso", "emergency"),
    # a thing that does not touch the part ("it doesn't affect my eye"), the part that does not work
    ("there's a bruise by my eye after the meso but it doesn't touch the eye itself", "none"),
    ("since the meso my eye doesn't open properly", "emergency"),
    # a state word in a denied list before a sign: "no warmth or pus"
    ("some redness after the meso yesterday, no warmth or pus and it isn't spreading", "none"),
    ("after the meso there's no heat, pus coming out of one dot", "urgent"),
    # a report asked for someone else, punctuation said aloud
    (
        "my daughter wants to know if it's normal that her chin looks a bit red after the meso",
        "none",
    ),
    (
        "I had the meso today comma my cheeks are a bit red full stop"
        " how long does it last question mark",
        "none",
    ),
    ("how long does bruising last after meso", None),
    # the day after the treatment is no lasting mark; two weekdays back is over a week
    ("the injection marks are still there the following day, is that ok", "none"),
    ("the marks from the meso are still visible, it's been 10 days", "routine"),
    ("my meso was 2 tuesdays ago and my chin is still swollen", "routine"),
]


@pytest.mark.parametrize(("text", "level"), ROWS)
def test_each_message_gets_its_level(text: str, level: str | None) -> None:
    a = assess(text)
    assert a.level == level, a.reasons
