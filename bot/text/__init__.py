"""The shared readers of patients' short replies: normalising, numbers, yes/no.

One normaliser and clause splitter (``normalise``, ``clauses``), one table of
number words (``words_number``, ``number_words``), one yes/no reader
(``read_yes_no``, ``Answer``, ``is_skip``) with an optional index of listed
terms (``TermIndex``), and ``never_raises`` for the "a reader never crashes"
rule. Every English word they understand is in ``knowledge/reading.yml``.

Used by the pre-screen (``bot.prescreen``) and open to the red-flag questions.
Import from here; the modules inside are free to change.
"""

from __future__ import annotations

from bot.text.guard import never_raises
from bot.text.lexicon import (
    READING_PATH,
    ReadingError,
    WordModel,
    Words,
    phrase_pattern,
    reload,
    words,
)
from bot.text.numbers import is_number_word, number_words, words_number
from bot.text.prepare import (
    MAX_TEXT,
    Clause,
    clauses,
    has_negation,
    is_negation,
    normalise,
    tokens_of,
    words_of,
)
from bot.text.terms import LISTED, NOT_COUNTED, Entry, TermIndex, TermMatch
from bot.text.yes_no import (
    MAX_DETAIL,
    Answer,
    button_answer,
    clip,
    is_skip,
    read_yes_no,
    unclear,
)

__all__ = [
    "LISTED",
    "MAX_DETAIL",
    "MAX_TEXT",
    "NOT_COUNTED",
    "READING_PATH",
    "Answer",
    "Clause",
    "Entry",
    "ReadingError",
    "TermIndex",
    "TermMatch",
    "WordModel",
    "Words",
    "button_answer",
    "clauses",
    "clip",
    "has_negation",
    "is_negation",
    "is_number_word",
    "is_skip",
    "never_raises",
    "normalise",
    "number_words",
    "phrase_pattern",
    "read_yes_no",
    "reload",
    "tokens_of",
    "unclear",
    "words",
    "words_number",
    "words_of",
]
