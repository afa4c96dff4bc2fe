"""``knowledge/reading.yml``: the English words the shared readers understand.

The file is checked with pydantic when it is first used (every entry a
lower-case string, so an unquoted ``yes`` that YAML reads as ``true`` is
caught), then compiled once into the sets and patterns the readers use.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pydantic import StrictInt, StrictStr, validator

from bot import checked_yaml, config

READING_PATH = config.KNOWLEDGE / "reading.yml"


class ReadingError(ValueError):
    """knowledge/reading.yml (or another word file) is malformed."""


def check_word(value: Any) -> Any:
    """An entry must be lower case with single spaces: the text it is compared with is."""
    if isinstance(value, str) and value != " ".join(value.lower().split()):
        raise ValueError(f"{value!r}: write entries in lower case with single spaces")
    if isinstance(value, str) and not value:
        raise ValueError("an empty entry")
    return value


class WordModel(checked_yaml.StrictModel):
    """A section of a word file: lists and maps of lower-case words and phrases."""

    _words = validator("*", each_item=True, allow_reuse=True)(check_word)


class _Clauses(WordModel):
    contrast: list[StrictStr]
    contrast_phrases: list[StrictStr]
    and_before: list[StrictStr]


class _Numbers(WordModel):
    units: dict[StrictStr, StrictInt]
    teens: dict[StrictStr, StrictInt]
    tens: dict[StrictStr, StrictInt]


class _AllFine(WordModel):
    before: list[StrictStr]
    state: list[StrictStr]
    after: list[StrictStr]
    whole: list[StrictStr]


class _YesNo(WordModel):
    yes_words: list[StrictStr]
    plain_yes: list[StrictStr]
    leading_yes: list[StrictStr]
    whole_yes: list[StrictStr]
    whole_no: list[StrictStr]
    all_fine: _AllFine
    too_short_to_be_no: list[StrictStr]
    unsure: list[StrictStr]
    not_unsure: list[StrictStr]
    skip: list[StrictStr]
    whole_skip: list[StrictStr]
    past: list[StrictStr]
    now: list[StrictStr]
    statement: list[StrictStr]
    filler: list[StrictStr]
    question_start: list[StrictStr]
    question_words: list[StrictStr]


class _ReadingFile(WordModel):
    version: StrictInt
    spelling: dict[StrictStr, StrictStr]
    keep_apostrophe_s: list[StrictStr]
    clauses: _Clauses
    negation: list[StrictStr]
    numbers: _Numbers
    yes_no: _YesNo


def phrase_pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    """Any of ``phrases`` as whole words (the longest first, so it wins)."""
    alts = sorted((re.escape(p) for p in phrases), key=len, reverse=True)
    return re.compile(r"(?<![a-z0-9'])(?:" + "|".join(alts) + r")(?![a-z0-9'])")


def _stretchy(word: str) -> str:
    """A one-word entry whose letters may repeat ("yesss"); a phrase as written."""
    if " " in word:
        return re.escape(word)
    return "".join(re.escape(c) + "+" for c in word)


def _phrases(entries: Iterable[str]) -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(e.split()) for e in entries)


@dataclass(frozen=True)
class YesNoWords:
    """The yes/no section, ready to use."""

    yes_words: frozenset[str]
    plain_yes: frozenset[str]
    leading_yes: re.Pattern[str]
    whole_yes: frozenset[str]
    whole_no: frozenset[str]
    all_fine: re.Pattern[str]
    too_short_to_be_no: frozenset[str]
    unsure: re.Pattern[str]
    not_unsure: re.Pattern[str]
    skip: re.Pattern[str]
    whole_skip: frozenset[str]
    past: re.Pattern[str]
    now: re.Pattern[str]
    statement: tuple[tuple[str, ...], ...]
    filler: frozenset[str]
    question_start: frozenset[str]
    question_words: frozenset[str]


@dataclass(frozen=True)
class Words:
    """``knowledge/reading.yml``, compiled."""

    spelling: dict[str, str]
    keep_apostrophe_s: frozenset[str]
    contrast: frozenset[str]
    contrast_pairs: frozenset[tuple[str, ...]]
    and_before: frozenset[str]
    negation: frozenset[str]
    units: dict[str, int]
    teens: dict[str, int]
    tens: dict[str, int]
    yes_no: YesNoWords


def _compile_yes_no(section: _YesNo) -> YesNoWords:
    fine = section.all_fine

    def alternatives(entries: Iterable[str]) -> str:
        return "|".join(re.escape(e) for e in entries)

    all_fine = re.compile(
        rf"^(?:no )?(?:(?:{alternatives(fine.before)}) )?(?:{alternatives(fine.state)})"
        rf"(?: (?:{alternatives(fine.after)}))?$|^(?:{alternatives(fine.whole)})$"
    )
    leading = "|".join(_stretchy(w) for w in section.leading_yes)
    return YesNoWords(
        yes_words=frozenset(section.yes_words),
        plain_yes=frozenset(section.plain_yes),
        leading_yes=re.compile(rf"^\s*(({leading})\b[\s,.!:;-]*)+", re.I),
        whole_yes=frozenset(section.whole_yes),
        whole_no=frozenset(section.whole_no),
        all_fine=all_fine,
        too_short_to_be_no=frozenset(section.too_short_to_be_no),
        unsure=phrase_pattern(section.unsure),
        not_unsure=phrase_pattern(section.not_unsure),
        skip=phrase_pattern(section.skip),
        whole_skip=frozenset(section.whole_skip),
        past=phrase_pattern(section.past),
        now=phrase_pattern(section.now),
        statement=tuple(tuple(s.split()) for s in section.statement),
        filler=frozenset(section.filler),
        question_start=frozenset(section.question_start),
        question_words=frozenset(section.question_words),
    )


@functools.cache
def words() -> Words:
    """The shared words, read and checked once per process (``reload()`` to re-read)."""
    data = checked_yaml.load(READING_PATH, _ReadingFile, ReadingError)
    return Words(
        spelling=dict(data.spelling),
        keep_apostrophe_s=frozenset(data.keep_apostrophe_s),
        contrast=frozenset(data.clauses.contrast),
        contrast_pairs=_phrases(data.clauses.contrast_phrases),
        and_before=frozenset(data.clauses.and_before),
        negation=frozenset(data.negation),
        units=dict(data.numbers.units),
        teens=dict(data.numbers.teens),
        tens=dict(data.numbers.tens),
        yes_no=_compile_yes_no(data.yes_no),
    )


def reload() -> None:
    """Forget the compiled words (after an edit of knowledge/reading.yml)."""
    words.cache_clear()
