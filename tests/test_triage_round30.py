"""Round 30's misses, fixed by meaning (the round's sets are in tests/blind, never
copied here; each reading with its counter-cases)."""

from __future__ import annotations

import pytest

from bot import triage


@pytest.mark.parametrize(
    "text, level",
    [
        # a comparative written with "more" before its adjective, against a repeated time
        ("day 6 after the meso and the ache is more strong each day", "urgent"),
        ("my cheek is more swollen since this morning, day 5", "urgent"),
        ("day 6, the soreness is a bit less each day", "none"),
        # the date of the treatment and today's date, an article before today's
        ("booster on the 3rd, it's now the 16th and my cheeks are still puffy", "routine"),
        ("had it done on the 10th, today is the 12th, bit puffy", "none"),
        # a part of the face that looks like balloons is swollen, not blistered
        ("day 3, my eyelids look like a pair of little water balloons, puffy", "none"),
        ("tiny water balloons have come up on my cheek since the meso", "urgent"),
        ("spots that look like little water balloons on my chin, day 2", "urgent"),
    ],
)
def test_reports_read_in_full(text, level):
    assert triage.assess(text).level == level


@pytest.mark.parametrize(
    "text, level",
    [
        # a function a thing cannot do: its subject is the thing
        ("the bonfire can't breathe, it just smokes", None),
        ("the baby can't breathe properly", "emergency"),
        ("hubby cant breathe", "emergency"),
        # an act swallowed is one accepted
        ("can't swallow spending 40 quid on a taxi", None),
        ("i can't swallow anything since the jabs", "emergency"),
        ("cant swallow properly", "emergency"),
        # a state that ends its clause is said of that clause's thing
        ("the lid on the pickle jar is stuck, the lip is sticky, how do I get it off", None),
        ("the door is stuck, my lip is swelling fast", "emergency"),
        # an initialism after "the" is a thing ("the pdf")
        ("the jpg was so blurry nobody could read the bottom line", None),
        ("the lft eye is blurry", "emergency"),
        # fright, not the mouth
        ("so tight in the lift my heart was in my mouth squeezing past the trolley", None),
        # too much joy, not the chest
        ("that mixtape is fire, my heart can't handle so many 90s classics", None),
        ("my heart can't take this chest pain since the jabs", "emergency"),
        # a device's picture controls: the sight and colour words are its picture
        ("everything looks grey and washed out, which brightness settings fix it", None),
        ("everything looks grey and washed out since the injections", "emergency"),
        ("i can see everything blurry and grey, which settings", "emergency"),
        # whether a smell comes after something, asked in general
        ("will there be a smell afterwards from the varnish", None),
        ("there is a bad smell from the spots on my cheek", "urgent"),
        # a thing's face anchors no body, and is no one seeing
        ("how can I photograph a cliff face at dawn without the trees going black", None),
        ("the face of the old dresser has a crack since the move, day 2", None),
        ("my face has a grey patch since the injections", "emergency"),
    ],
)
def test_words_of_other_things(text, level):
    assert triage.assess(text).level == level


def test_a_things_face_anchors_nothing():
    assert "face" not in triage.assess("the clock face has a crack across it").anchors
    assert "face" in triage.assess("the clock is fine but my face has a crack in the skin").anchors


def test_how_many_days_asks_and_states_no_time():
    text = (
        "had the chin fat dissolving yesterday evening, do I keep the strap on at night as well, "
        "and for how many days? chin is swollen and a bit sore"
    )
    assessment = triage.assess(text)
    assert "time since treatment: 1 days (from the message)" in assessment.reasons
    assert assessment.level == "none"


@pytest.mark.parametrize(
    "text, level",
    [
        # a body word inside a capitalised name, in a message of ordinary case
        ("left my grey North Face fleece on the coach, row 12", None),
        ("the app freezes when I use Face ID and the screen goes black", None),
        # capitals that make no name: an owner, a side, a message written in capitals
        ("my Left Eye is blurry", "emergency"),
        ("My Face Is Swollen And Blue", "emergency"),
        ("went to Face Clinic London for meso, my face went blue", "emergency"),
    ],
)
def test_a_body_word_in_a_name(text, level):
    assert triage.assess(text).level == level
