"""Round 16, after the test sets' one run: a colour told with its own describing words,
a dark scab told again as "it", a course compared with an earlier day, a question of
normality (not a denial), a brown colour the skin "has". Our own sentences, each with a
counterpart that must keep its own reading."""

from __future__ import annotations

import pytest

from bot import triage


@pytest.mark.parametrize(
    "text, level",
    [
        # a colour with its own describing words
        ("my cheek has turned a dull grey since lunch", "emergency"),
        ("the skin by the jab marks went a sickly sort of blue", "emergency"),
        # a dark scab told again as "it": urgent, not the skin's colour
        ("only a little scab but it's gone almost black", "urgent"),
        ("there's a scab on my chin and it has turned dark", "urgent"),
        # a course compared with an earlier day, two comparatives joined
        ("day 6 now and the swelling is bigger and harder than on day 3", "urgent"),
        ("the swelling still hasn't peaked and it's day 5", "urgent"),
        # asked whether it is normal: not a denial
        ("is it normal for a bruise to get bigger on day 5?", "routine"),
        # a brown colour the skin has, weeks after
        ("3 weeks after the meso my cheek have some brown colour", "routine"),
    ],
)
def test_reports_read_at_their_level(text, level):
    assert triage.assess(text).level == level, triage.assess(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "my hair has gone a dull grey at the temples",
        "the fence panels turned a dull grey over winter",
        "the loaf has a crust and it's dark brown",
        "I'd like a brown colour for the bedroom walls",
        "the bread is bigger and harder than on day 3 of the bake",
    ],
)
def test_the_same_words_of_a_thing_stay_calm(text):
    assert triage.assess(text).level is None, triage.assess(text).reasons


def test_a_denial_still_reads_as_one():
    a = triage.assess("my eyesight is normal, just a little bruising on day 2")
    assert a.level == "none" and "sight" in a.denied


@pytest.mark.parametrize(
    "text",
    [
        # a fit of temper, told with what would set it off
        "grandma will have a fit if we're late for lunch",
        "my boss had a fit about the typo in the report",
        "the toddler threw a fit over his shoes",
        # a head that pounds from a noise named as its cause
        "my head is pounding from the drilling upstairs",
        "the karaoke was so loud my head was throbbing",
        # the weather's grey beside its rain or wind
        "it has been grey and rainy all week, any indoor ideas?",
        "windy and grey again, is the ferry still running?",
    ],
)
def test_idioms_of_temper_noise_and_weather_raise_no_alarm(text):
    assert triage.assess(text).level is None, triage.assess(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "she had a fit when she got home from the clinic",
        "my husband had a fit at the bus stop, his arms were jerking",
        "my head is pounding out of nowhere since the meso, worst ever",
        "my lips look grey and wet",
        "my cheek went grey and cold after the jabs",
    ],
)
def test_the_same_words_in_a_report_keep_the_emergency(text):
    assert triage.assess(text).level == "emergency", triage.assess(text).reasons
