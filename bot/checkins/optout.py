"""Is this message "stop"? The opt-out words of knowledge/checkins.yml, read as a tiny grammar.

A message opts out when, once filler words ("please", "thanks", "I want to")
are set aside, it is a stop word on its own ("stop", "unsubscribe"), maybe
followed by words about the messages ("stop the check-ins", "stop texting
me"), or a phrase that needs such words ("no more reminders"). Anything with
other words in it ("I can't stop itching", "stop the pain", "cancel my
appointment") is not an opt-out: those are for the triage and the FAQ.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from bot.checkins.config import OptOutWords, Settings
from bot.checkins.config import settings as default_settings

MAX_CHARS = 200  # an opt-out is short; a long message is about something else


def words(text: str) -> list[str]:
    """Lower-case words: apostrophes dropped ("don't" -> "dont"); marks and emoji split words."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"['\u2019\u2018`]", "", text)
    return re.findall(r"[^\W_]+", text)


def _phrases(items: Sequence[str]) -> list[tuple[str, ...]]:
    found = {tuple(words(p)) for p in items}
    return sorted((p for p in found if p), key=len, reverse=True)  # longest first


def _match_at(tokens: list[str], i: int, phrases: list[tuple[str, ...]]) -> int:
    """Length of the longest phrase starting at ``tokens[i]`` (0 if none)."""
    for p in phrases:
        if tuple(tokens[i : i + len(p)]) == p:
            return len(p)
    return 0


def _strip_fillers(tokens: list[str], fillers: list[tuple[str, ...]]) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(tokens):
        n = _match_at(tokens, i, fillers)
        if n:
            i += n
        else:
            out.append(tokens[i])
            i += 1
    return out


def is_opt_out(text: object, settings: Settings | None = None) -> bool:
    """Whether ``text`` asks to stop the check-ins (see the module docstring)."""
    if not isinstance(text, str) or not text.strip() or len(text) > MAX_CHARS:
        return False
    conf: OptOutWords = (settings or default_settings()).spec.opt_out
    tokens = _strip_fillers(words(text), _phrases(conf.filler))
    if not tokens:
        return False
    alone = _phrases(conf.alone)
    about = {w for p in conf.about for w in words(p)}
    single_stops = {p[0] for p in alone if len(p) == 1}
    n = _match_at(tokens, 0, alone)
    needs_more = False
    if not n:
        n = _match_at(tokens, 0, _phrases(conf.needs_about))
        needs_more = True
    if not n:
        return False
    rest = tokens[n:]
    if needs_more and not rest:
        return False
    return all(w in about or w in single_stops for w in rest)
