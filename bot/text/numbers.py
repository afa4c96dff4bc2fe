"""Numbers written in words: one table (``knowledge/reading.yml: numbers``), one reader.

The pre-screen reads ages with it ("thirty one"); the table is there for any
reader of amounts (triage's durations, "for two weeks", can use it too).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from bot.text.lexicon import words

HUNDRED = "hundred"


def number_words() -> Mapping[str, int]:
    """Every number word of the table and its value ("seven" -> 7, "ninety" -> 90)."""
    w = words()
    return {**w.units, **w.teens, **w.tens}


def is_number_word(word: str) -> bool:
    return word == HUNDRED or word in number_words()


def words_number(parts: Sequence[str]) -> int | None:
    """One number written in words ("thirty one", "a hundred and five"), or None.

    Up to 199: "hundred" may come once, alone or after "a" or "one"; "and" is
    ignored. Anything else ("twenty twenty", "thirty and a half") is None.
    """
    w = words()
    rest = [p for p in parts if p != "and"]
    if not rest:
        return None
    total = 0
    if HUNDRED in rest:
        k = rest.index(HUNDRED)
        if rest[:k] not in ([], ["a"], ["one"]):
            return None
        total = 100
        rest = rest[k + 1 :]
        if HUNDRED in rest:
            return None
    if not rest:
        return total
    if len(rest) == 1:
        for table in (w.units, w.teens, w.tens):
            if rest[0] in table:
                return total + table[rest[0]]
        return None
    tens, unit = rest[0], rest[1]
    if len(rest) == 2 and tens in w.tens and unit in w.units and w.units[unit] != 0:
        return total + w.tens[tens] + w.units[unit]
    return None
