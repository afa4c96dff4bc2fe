"""Round 14: red flags excused by the wrong cause (bot/triage/cause.py, figurative.py,
subject/frames.py, subject/__init__.py; knowledge/*.yml).

Both ways, in one table: a wheeze or a struggle to breathe is no stuffy room's doing;
a part of the face "done" is the treatment; painting one thing explains no colour of
another body part told after it; a person's own temperature is no weather's heat; a
named person's voice with the treatment named is a report for them; a superlative
voice word and a ball felt on swallowing are signs. The calm counterparts use the
same words in an unrelated or benign sense. The sentences are written here for the
test (none comes from an evaluation set). WordNet (Debian's wordnet-base) must be
installed.
"""

from __future__ import annotations

import pytest

from bot import triage

CASES: list[tuple[str, str | None]] = [
    # a wheeze or a struggle to breathe, told beside a stuffy or hot room, keeps its level
    ("the flat is stuffy, I'm wheezing and struggling to breathe", "emergency"),
    ("it's so humid in the office I'm wheezing", "emergency"),
    ("the kitchen was roasting and my dad was struggling to breathe", "emergency"),
    ("it's so dusty in here, my throat is closing", "emergency"),
    # ... the room's own heat said of the breath in plain words stays the room's
    ("the gym is so stuffy we can't breathe, please fix the vents", None),
    ("the bus was so muggy I could hardly breathe, is the aircon broken", None),
    # a part of the face told as treated is the treatment
    ("got my forehead done two days ago and now my eyelid is drooping", "emergency"),
    ("had my top lip done on friday and the stuffy train made me wheeze", "emergency"),
    ("had my hair done yesterday, love it", None),
    # painting, drawing or dyeing one thing explains no colour of another body part after it
    ("my brother painted the garage and now his lips are purple", "emergency"),
    ("she dyed her hair and then her fingers went blue", "emergency"),
    ("she painted the gate blue", None),
    ("my niece painted her nails purple for the party", None),
    # a person's own temperature is no weather's heat
    ("his temperature is 39.4 on our trip in july", "urgent"),
    ("my temperature is 38.5 degrees at the beach in august", "urgent"),
    ("the oven is at 220 degrees, how long for the chicken", None),
    ("it's 40 degrees in seville in august, what should I pack", None),
    # a named person's voice, with the treatment named, is a report for that person
    ("why is Kim's voice so croaky since the filler", "emergency"),
    ("why is Lou's voice so hoarse since her injections", "emergency"),
    ("the presenter's voice was hoarse on the radio this morning", None),
    ("why did that actor's voice sound so raspy in the film", None),
    # a superlative of the voice, and a ball felt when swallowing
    ("my voice is hoarsest in the evenings since the filler", "emergency"),
    ("I'm croakiest first thing since the meso", "emergency"),
    ("that's the hoarsest I've heard the crowd at a match", None),
    ("there's a tight ball feeling when I swallow since the filler", "emergency"),
    ("I rolled the wool into a tight ball", None),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_a_red_flag_is_not_excused_by_the_wrong_cause(text: str, expected: str | None) -> None:
    result = triage.assess(text)
    if expected is None:
        assert result.level in (None, "none") and not result.ask, result.reasons
    else:
        assert result.level == expected, result.reasons


# A bare name before "'s" in a question why is a performer only for a voice; a name's
# tongue, lips or face is a report about someone the patient may speak for.
NAMED_PARTS = [
    ("why is Jo's tongue so swollen since the botox", "emergency"),
    ("why does Mia's face look so pale and grey", "emergency"),
    ("why are Tom's lips going blue", "emergency"),
    ("why did Adele's voice sound so rough at the festival", None),
]


@pytest.mark.parametrize("text,expected", NAMED_PARTS)
def test_a_name_is_a_performer_only_for_a_voice(text, expected):
    assert triage.assess(text).level == expected
