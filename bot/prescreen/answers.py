"""Reading the pre-screen's free answers: consent, age, and yes/no with listed terms.

Patients answer in their own words ("I'm 34", "thirty one", "yes I take
warfarin", "nope"). Each reader returns a value, or None when it cannot tell:
the form then asks again. Nothing is filled from a guess, and no reader
raises, whatever it is given (``never_raises``). The words of the consent and
age questions are in ``knowledge/prescreen_reading.yml``; yes, no and numbers
come from the shared readers (``bot.text``, ``knowledge/reading.yml``).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any

from pydantic import StrictInt, StrictStr

from bot import checked_yaml, config
from bot.prescreen import rules
from bot.text import (
    Answer,
    WordModel,
    button_answer,
    clauses,
    has_negation,
    is_number_word,
    never_raises,
    normalise,
    phrase_pattern,
    read_yes_no,
    tokens_of,
    unclear,
    words,
    words_number,
)

WORDS_PATH = config.KNOWLEDGE / "prescreen_reading.yml"
MAX_AGE_TEXT = 200
MIN_AGE, MAX_AGE = 1, 120


class _Consent(WordModel):
    agree: list[StrictStr]
    agree_despite_negation: list[StrictStr]
    refuse: list[StrictStr]
    whole_refuse: list[StrictStr]
    not_question_start: list[StrictStr]


class _Age(WordModel):
    abbreviations: dict[StrictStr, StrictStr]
    filler: list[StrictStr]
    doubt: list[StrictStr]
    before: list[StrictStr]
    after: list[StrictStr]


class _WordsFile(WordModel):
    version: StrictInt
    consent: _Consent
    age: _Age


class _ConsentWords:
    def __init__(self, section: _Consent) -> None:
        self.agree = phrase_pattern(section.agree)
        self.agree_despite_negation = phrase_pattern(section.agree_despite_negation)
        self.refuse = phrase_pattern(section.refuse)
        self.whole_refuse = frozenset(section.whole_refuse)
        self.not_question_start = frozenset(section.not_question_start)


class _AgeWords:
    def __init__(self, section: _Age) -> None:
        self.abbreviations = dict(section.abbreviations)
        self.filler = frozenset(section.filler)
        self.doubt = frozenset(section.doubt)
        self.before = frozenset(tuple(p.split()) for p in section.before)
        self.after = frozenset(tuple(p.split()) for p in section.after)


@functools.cache
def _consent_and_age() -> tuple[_ConsentWords, _AgeWords]:
    data = checked_yaml.load(WORDS_PATH, _WordsFile, rules.PrescreenRulesError)
    return _ConsentWords(data.consent), _AgeWords(data.age)


def reload() -> None:
    """Forget the cached words (after an edit of the word files)."""
    _consent_and_age.cache_clear()


@never_raises(factory=unclear, message="could not read a yes/no answer")
def parse_yes_no(text: Any, slot: str) -> Answer:
    """Read a yes/no answer; naming a listed medicine or condition counts as yes.

    "yes I take warfarin" -> True, detail "warfarin"; "no I don't take aspirin"
    -> False; "maybe", "what?", emoji -> None (ask again); "not sure", "I don't
    know", "skip" -> None with ``unsure=True``. The shared reader with the
    pre-screen's listed terms (``bot.text.read_yes_no``).
    """
    return read_yes_no(text, slot, rules.rules().index, rules.unlisted_is_yes(slot))


@never_raises(None, message="could not read a consent answer")
def parse_consent(text: Any) -> bool | None:
    """True for a clear agreement to store the answers, False for a clear refusal.

    None (ask again) for anything else: a question, "maybe", a mixed reply
    ("ok but don't save it"), emoji.
    """
    low = normalise(text)
    if low is None:
        return None
    if low.lstrip().startswith("/"):  # a button, or a command: never read as words
        return button_answer(low)
    if low.rstrip().endswith("?"):
        return None
    consent = _consent_and_age()[0]
    yn = words().yes_no
    parts = clauses(low)
    toks = tokens_of(parts)
    if not toks or toks[0] in yn.question_start - consent.not_question_start:
        return None
    joined = " ".join(toks)
    if yn.unsure.search(joined):
        return None
    if joined in consent.whole_refuse:
        return False
    agrees = refuses = False
    for clause in parts:
        body = " ".join(clause.tokens)
        rest = consent.agree_despite_negation.sub(" ", body).split()
        if consent.refuse.search(body) or has_negation(rest):
            refuses = True
        elif consent.agree.search(body):
            agrees = True
    return agrees if agrees != refuses else None


@never_raises(None, message="could not read an age")
def parse_age(text: Any) -> int | None:
    """An age in whole years (1 to 120) from digits or words, else None.

    "34", "I'm 34", "34 years old", "age: 34", "thirty-one", "a hundred".
    None when unclear: several different numbers, a negative sign, a decimal,
    any word that is not part of saying an age ("nearly 40", "18 next month").
    """
    if isinstance(text, bool):
        return None
    if isinstance(text, int):
        return text if MIN_AGE <= text <= MAX_AGE else None
    if not isinstance(text, str) or len(text) > MAX_AGE_TEXT:
        return None
    low = normalise(text)
    if low is None:
        return None
    age_words = _consent_and_age()[1]
    for short, meaning in age_words.abbreviations.items():
        low = low.replace(short, f" {meaning} ")
    low = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", low)  # "thirty-one"
    if re.search(r"(^|[^\w])[-\u2212\u2013]\s*\d", low):  # "-3"
        return None
    if re.search(r"\d\s*[.,]\s*\d", low):  # "34.5", "34,5"
        return None
    if re.search(r"\d", re.sub(r"[0-9]", "", low)):  # digits of other scripts
        low = "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in low)
    items = _age_items(re.findall(r"[0-9]+|[a-z]+(?:'[a-z]+)?|[^\s0-9a-z]", low))
    if items is None:
        return None
    return _age_from(items, age_words)


def _age_items(pieces: list[str]) -> list[tuple[str, Any]] | None:
    """The pieces as ("num", int), ("word", str) and ("punct", str); "thirty one" is one
    number. None when a piece cannot be part of an answer (a stray symbol, "twenty twenty")."""
    items: list[tuple[str, Any]] = []
    run: list[str] = []

    def close_run() -> bool:
        if not run:
            return True
        number_words = list(run)
        run.clear()
        if number_words in (["a"], ["and"]):
            items.extend(("word", w) for w in number_words)
            return True
        value = words_number(number_words)
        if value is None:
            return False
        items.append(("num", value))
        return True

    for piece in pieces:
        if piece.isdigit():
            if not close_run():
                return None
            items.append(("num", int(piece)))
        elif is_number_word(piece) or piece == "a" or (piece == "and" and run):
            run.append(piece)
        else:
            if not close_run():
                return None
            if re.fullmatch(r"[a-z]+(?:'[a-z]+)?", piece):
                items.append(("word", piece))
            elif unicodedata.category(piece) in ("So", "Sk") or piece in "\u200d\ufe0f":
                continue  # an emoji beside the age
            elif piece in ":=~'\"!.,;()?":
                items.append(("punct", piece))
            else:
                return None
    return items if close_run() else None


def _age_from(items: list[tuple[str, Any]], age_words: _AgeWords) -> int | None:
    numbers = [v for kind, v in items if kind == "num"]
    if len(set(numbers)) != 1:
        return None
    age = int(numbers[0])
    if not MIN_AGE <= age <= MAX_AGE:
        return None
    said = [v for kind, v in items if kind == "word"]
    asked = "?" in [v for kind, v in items if kind == "punct"]
    if all(w in age_words.filler for w in said) and not asked:
        return age
    # Other words are allowed only when the number is plainly marked as the
    # patient's own age ("I'm 52, fit and healthy", "32 yo female") and
    # nothing makes it approximate or someone else's.
    if any(w in age_words.doubt for w in said) or len(numbers) != 1:
        return None
    seq = [("#" if kind == "num" else v) for kind, v in items if kind != "punct"]
    k = seq.index("#")
    before = any(tuple(seq[max(0, k - len(m)) : k]) == m for m in age_words.before)
    after = any(tuple(seq[k + 1 : k + 1 + len(m)]) == m for m in age_words.after)
    return age if before or after else None
