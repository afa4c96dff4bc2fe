"""One way to prepare a patient's short reply: normalise, tokenise, split into clauses.

Negation reaches to the end of its clause only ("no, but I take fish oil" is
two clauses), so the readers work on clauses. The words that end a clause and
the ones that negate are data in ``knowledge/reading.yml``.

Markup and SQL in a reply are text like any other: the store binds parameters
and every page escapes what it shows, so nothing here refuses them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.text.lexicon import words

#: Longer replies are not read: an answer to a question is short.
MAX_TEXT = 1000

# Control characters and bidirectional overrides: the text may not read as it looks.
_HIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069\u200e\u200f]")
_SPLIT = re.compile(r"[.,;:!?()\[\]{}\n\r\t/\\|\"…]+|\s[-–—~]+\s|^[-–—~]+\s|\s[-–—~]+$")
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)*")
_REPEAT = re.compile(r"([a-z])\1{2,}")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u02bc": "'"})


@dataclass
class Clause:
    """The words of one clause; ``contrast`` when it was opened by "but", "except" ..."""

    tokens: list[str]
    contrast: bool


def normalise(text: object, max_chars: int = MAX_TEXT) -> str | None:
    """Lower-cased, accent-free text; None if it is not text, empty, too long or hides text."""
    if not isinstance(text, str):
        return None
    if not text.strip() or len(text) > max_chars or _HIDDEN.search(text):
        return None
    t = unicodedata.normalize("NFKC", text)
    t = "".join(c for c in unicodedata.normalize("NFKD", t) if not unicodedata.combining(c))
    return t.translate(_APOSTROPHES).lower()


def token(raw: str) -> str:
    """One word as the lists spell it: "yesss" -> "yes", "mum's" -> "mum", "dont" -> "don't"."""
    w = words()
    tok = _REPEAT.sub(r"\1", raw)
    if tok.endswith("'s") and tok not in w.keep_apostrophe_s:
        tok = tok[:-2]
    return w.spelling.get(tok, tok)


def clauses(low: str) -> list[Clause]:
    """Split normalised text into clauses (empty ones dropped)."""
    w = words()
    out: list[Clause] = []
    for segment in _SPLIT.split(low):
        if not segment:
            continue
        toks = [token(m.group(0)) for m in _TOKEN.finditer(segment)]
        current = Clause([], False)
        i = 0
        while i < len(toks):
            tok = toks[i]
            following = toks[i + 1] if i + 1 < len(toks) else ""
            if (tok, following) in w.contrast_pairs:
                if current.tokens:
                    out.append(current)
                current = Clause([], True)
                i += 2
                continue
            if tok in w.contrast:
                if current.tokens:
                    out.append(current)
                current = Clause([], True)
                i += 1
                continue
            if tok == "and" and following in w.and_before and current.tokens:
                out.append(current)
                current = Clause([], False)
                i += 1
                continue
            current.tokens.append(tok)
            i += 1
        if current.tokens:
            out.append(current)
    return out


def tokens_of(parts: Sequence[Clause]) -> list[str]:
    """All the words of the clauses, in order."""
    return [t for c in parts for t in c.tokens]


def words_of(text: str) -> tuple[str, ...]:
    """The words of a short phrase from a word list or a rules file, as a reply is read."""
    low = normalise(text)
    return tuple(tokens_of(clauses(low))) if low else ()


def is_negation(tok: str) -> bool:
    return tok in words().negation or tok.endswith("n't")


def has_negation(tokens: Iterable[str]) -> bool:
    return any(is_negation(t) for t in tokens)
