"""The pre-screening questionnaire: reading free-text answers, applying the rules.

Patients answer in their own words ("I'm 34", "thirty one", "yes I take
warfarin", "nope"). An answer becomes a value, or ``None`` when it cannot be
placed: the form then asks again. Nothing is filled from a guess. The clinical
routing (which answers lead to ``not_suitable`` or ``clinician_review``) is
data in ``knowledge/prescreen.yml``, which a clinician reads and changes; the
words the readers understand are data in ``knowledge/reading.yml`` (shared)
and ``knowledge/prescreen_reading.yml`` (consent, age). This package applies
them, in four parts:

- ``rules``: load and check ``knowledge/prescreen.yml`` (pydantic models);
  the questions, their responses, the index of listed terms;
- ``answers``: read a consent, an age, a yes/no (the shared ``bot.text``
  reader with the pre-screen's listed terms);
- ``routing``: route a set of answers (``outcome()``);
- ``form``: what the form does with a reply (``next_step``: re-asking, "not
  sure" after two tries, the consent that is never "not sure").

Every public reader accepts any input (empty, 20,000 characters, emoji,
markup, SQL) without raising. Import from here: the modules are free to change.
"""

from __future__ import annotations

from bot import text
from bot.prescreen import answers, form, routing, rules
from bot.prescreen.answers import (
    MAX_AGE,
    MAX_AGE_TEXT,
    MIN_AGE,
    parse_age,
    parse_consent,
    parse_yes_no,
)
from bot.prescreen.form import MAX_TRIES, Reading, Step, next_step, read_answer
from bot.prescreen.routing import Outcome, outcome, reasons_text
from bot.prescreen.rules import (
    OUTCOME_NAMES,
    RULES_PATH,
    TYPES,
    PrescreenRulesError,
    answer_type,
    questions,
    reask_response,
    slots,
    why_response,
)
from bot.text import MAX_DETAIL, MAX_TEXT, Answer, is_skip


def reload() -> None:
    """Forget the cached rules and words (after an edit of knowledge/)."""
    text.reload()  # first: the index of listed terms is built with these words
    rules.reload()
    answers.reload()


__all__ = [
    "MAX_AGE",
    "MAX_AGE_TEXT",
    "MAX_DETAIL",
    "MAX_TEXT",
    "MAX_TRIES",
    "MIN_AGE",
    "OUTCOME_NAMES",
    "RULES_PATH",
    "TYPES",
    "Answer",
    "Outcome",
    "PrescreenRulesError",
    "Reading",
    "Step",
    "answer_type",
    "answers",
    "form",
    "is_skip",
    "next_step",
    "outcome",
    "parse_age",
    "parse_consent",
    "parse_yes_no",
    "questions",
    "read_answer",
    "reasons_text",
    "reask_response",
    "reload",
    "routing",
    "rules",
    "slots",
    "why_response",
]
