"""Text preparation: the message as the rules read it.

Curly quotes become straight, invisible characters become spaces, markup is
dropped and entities decoded, very long runs without spaces are broken up,
and characters that cannot be encoded (a lone surrogate such as ``\\ud800``,
which a JSON body can carry) become spaces, so no character can make the
tokenizer or the matchers fail. Offsets map the prepared text back onto the
original, so a match points into what the patient wrote.
"""

from __future__ import annotations

import html
import re

_SAME_LENGTH = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u02bc": "'",
        "`": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u00a0": " ",
        "\u200b": " ",
        "\u200c": " ",
        "\u200d": " ",
        "\u2060": " ",
        "\ufeff": " ",
        "\u2013": "-",
        "\u2014": "-",
        "\t": " ",
        "\r": " ",
    }
)
# A lone surrogate ("\ud800" in a JSON body) cannot be encoded and makes
# spaCy fail; it becomes a space (same length, so offsets still hold).
_SURROGATE = re.compile("[\ud800-\udfff]")
_LONG_RUN = re.compile(r"\S{64,}")
_SYMBOL = re.compile(r"[^\w']")
# A pause typed inside a clause ("half my view is just... gone", "it's like... blurry"):
# dots after a word that cannot end a clause (a hedge, a verb "to be", an article or
# an owner) and before a word in lower case are no sentence's end.
_PAUSE = re.compile(
    r"\b(?:just|like|kinda|sorta|really|totally|literally|completely|basically|is|was|are|were"
    r"|am|the|a|an|my|its)\s*(\.{2,}|…)(?=\s*(?-i:[a-z]))",
    re.IGNORECASE,
)
# A word written in capitals ("CAN'T", "EYELID"): two letters or more, no lower case
_SHOUTED = re.compile(r"\b[^\W\d_a-z]{2,}(?:'[^\W\d_a-z]+)?\b")
_WORD = re.compile(r"\b[^\W\d_]{2,}")
_SHOUTED_MIN = 4  # words in capitals that make a message shouted ...
_SHOUTED_SHARE = 0.5  # ... and this share of its words
_MARKUP = re.compile(r"<[^<>]{0,300}>|&(?:#\d{1,6}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")


def normalise(text: str) -> str:
    """Text as the rules read it (see ``prepare``)."""
    return prepare(text)[0]


def _unshout(text: str) -> str:
    """A message typed in capitals, read in lower case (same length).

    A frightened patient writes "I CAN'T SEE OUT OF MY LEFT EYE": the rules
    read a word that starts with a capital as a name (a shop, a person), so a
    shouted message read as a row of names. When at least ``_SHOUTED_MIN``
    words and ``_SHOUTED_SHARE`` of them are in capitals, those words are read
    in lower case; a name or an acronym in an ordinary message ("PRP", "Dear
    CityHome") keeps its capitals.
    """
    shouted = _SHOUTED.findall(text)
    if len(shouted) < _SHOUTED_MIN or len(shouted) < _SHOUTED_SHARE * len(_WORD.findall(text)):
        return text
    return _SHOUTED.sub(lambda m: _lower_same_length(m.group()), text)


def _lower_same_length(word: str) -> str:
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in word)


def prepare(text: str) -> tuple[str, list[int] | None]:
    """Clean text plus, when its length changed, the original offset of each character.

    Curly quotes become straight (so "can’t" reads as "can't"), invisible
    characters become spaces, HTML tags become a space and entities are decoded
    ("can&#39;t" reads as "can't"). Offsets let entities point into the original.
    """
    text = _unshout(_SURROGATE.sub(" ", text.translate(_SAME_LENGTH)))
    # A very long run without spaces ("🙂🙂🙂...", "<<<<...") makes spaCy's affix
    # splitting slow; its punctuation and symbols become spaces (same length).
    text = _LONG_RUN.sub(lambda m: _SYMBOL.sub(" ", m.group()), text)
    text = _PAUSE.sub(lambda m: m.group()[: m.start(1) - m.start()] + " " * len(m.group(1)), text)
    if "<" not in text and "&" not in text:
        return text, None
    pieces: list[str] = []
    offsets: list[int] = []
    pos = 0
    for m in _MARKUP.finditer(text):
        pieces.append(text[pos : m.start()])
        offsets.extend(range(pos, m.start()))
        raw = m.group()
        repl = " " if raw.startswith("<") else html.unescape(raw).translate(_SAME_LENGTH)
        if len(repl) != 1:
            repl = " "
        pieces.append(repl)
        offsets.append(m.start())
        pos = m.end()
    pieces.append(text[pos:])
    offsets.extend(range(pos, len(text)))
    offsets.append(len(text))  # the end of the text
    return "".join(pieces), offsets
