"""The lexicographer class of a noun's most frequent senses, read from WordNet's own files.

Debian's ``wordnet-base`` puts them in /usr/share/wordnet. ``index.noun``
lists a lemma's synset offsets, most frequent sense first; each offset is the
byte position of the synset's line in ``data.noun``, whose second field is the
lexicographer file number (06 artifact, 08 body, 13 food, 18 person...).
Plurals and other inflections are undone with ``noun.exc`` and the usual
suffix rules. Without the files every word is unknown (no class), so the step
that uses them changes nothing: it fails towards the alarm.
"""

from __future__ import annotations

import functools
import mmap
import unicodedata
from pathlib import Path

WORDNET_DIR = Path("/usr/share/wordnet")

# Suffix rules of WordNet's morphy for nouns, in its order.
_SUFFIXES = (
    ("ses", "s"),
    ("xes", "x"),
    ("zes", "z"),
    ("ches", "ch"),
    ("shes", "sh"),
    ("ies", "y"),
    ("men", "man"),
    ("s", ""),
)


@functools.lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, tuple[int, ...]], dict[str, int], dict[str, int], dict[str, str]]:
    """(noun offsets by lemma, adjective sense counts, adverb sense counts, noun exceptions)."""
    nouns: dict[str, tuple[int, ...]] = {}
    adjs: dict[str, int] = {}
    advs: dict[str, int] = {}
    exc: dict[str, str] = {}
    try:
        for line in _lines("index.noun"):
            f = line.split()
            p_cnt = int(f[3])
            nouns[f[0]] = tuple(int(o) for o in f[6 + p_cnt :])
        for name, table in (("index.adj", adjs), ("index.adv", advs)):
            for line in _lines(name):
                f = line.split()
                table[f[0]] = int(f[2])
        for line in _lines("noun.exc"):
            f = line.split()
            if len(f) >= 2:
                exc.setdefault(f[0], f[1])
    except (OSError, ValueError, IndexError):
        return {}, {}, {}, {}
    return nouns, adjs, advs, exc


def load() -> bool:
    """Read the files now (the rules call it when they load, so no patient's
    message pays for it); False when WordNet is not installed."""
    return bool(_tables()[0]) and _data() is not None


@functools.lru_cache(maxsize=1)
def _data() -> mmap.mmap | None:
    """``data.noun``, mapped once and read by offset (the page cache shares it)."""
    try:
        with open(WORDNET_DIR / "data.noun", "rb") as f:
            return mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        return None


def _line(data: mmap.mmap, offset: int) -> str:
    """The synset line at ``offset`` in ``data.noun``."""
    end = data.find(b"\n", offset)
    return data[offset : end if end >= 0 else None].decode("utf-8", "replace")


def _fields(data: mmap.mmap, offset: int) -> list[str]:
    """The space-separated fields of the synset line at ``offset`` in ``data.noun``."""
    return _line(data, offset).split(" ")


def _lines(name: str) -> list[str]:
    with open(WORDNET_DIR / name, encoding="utf-8", errors="replace") as f:
        return [line for line in f if line and not line.startswith(" ")]


def lemma(word: str) -> str | None:
    """The noun lemma of ``word`` ("blisters" -> "blister"), None if WordNet has no such noun."""
    nouns, _, _, exc = _tables()
    w = _fold(word)  # "soufflé" -> "souffle"
    if w in nouns:
        return w
    if w in exc and exc[w] in nouns:
        return exc[w]
    bases = [w[: -len(s)] + r for s, r in _SUFFIXES if w.endswith(s) and len(w) > len(s) + 1]
    for base in bases:
        if base in nouns:
            return base
    # a two-word noun written as one ("wetsuit" -> wet_suit, "keyrings" -> key_ring,
    # "tshirt" -> t-shirt): people often write them so, WordNet has them spaced
    closed = _closed()
    return next((closed[b] for b in (w, *bases) if b in closed), None)


@functools.lru_cache(maxsize=1)
def _closed() -> dict[str, str]:
    """Two-word nouns (spaced or hyphenated) by their closed spelling, where that
    spelling is no entry of its own and stands for one compound only."""
    nouns = _tables()[0]
    out: dict[str, list[str]] = {}
    for key in nouns:
        if key.count("_") + key.count("-") == 1:
            out.setdefault(key.replace("_", "").replace("-", ""), []).append(key)
    return {k: v[0] for k, v in out.items() if len(v) == 1 and k not in nouns}


def is_dictionary_word(word: str) -> bool:
    """A noun (or an inflection of one), an adjective or an adverb of WordNet.

    Verbs are not read: a misspelt verb of ours ("injeting") is rarely a noun.
    """
    _, adjs, advs, _ = _tables()
    low = word.lower()
    return lemma(low) is not None or low in adjs or low in advs


def is_lemma(word: str, verbs: bool = False) -> bool:
    """``word`` as it is (no inflection undone) is a noun, adjective or adverb
    lemma of WordNet, or with ``verbs`` any lemma ("felt", "ruin")."""
    nouns, adjs, advs, _ = _tables()
    return word in nouns or word in adjs or word in advs or (verbs and word in _verbs())


@functools.lru_cache(maxsize=1)
def _verbs() -> frozenset[str]:
    """The verb lemmas of ``index.verb`` (read on first use)."""
    try:
        return frozenset(line.split(" ", 1)[0] for line in _lines("index.verb"))
    except OSError:
        return frozenset()


@functools.lru_cache(maxsize=1)
def past_forms() -> dict[str, tuple[str, ...]]:
    """Every form ``verb.exc`` lists, by the verb base it stands for ("creep": ("crept",))."""
    found: dict[str, list[str]] = {}
    try:
        for line in _lines("verb.exc"):
            parts = line.split()
            if len(parts) >= 2 and "_" not in parts[0]:
                for base in parts[1:]:
                    found.setdefault(base, []).append(parts[0])
    except OSError:
        return {}
    return {k: tuple(v) for k, v in found.items()}


def is_mainly_noun(word: str) -> bool:
    """A noun in WordNet with at least as many noun senses as adjective senses, not an adverb.

    "cup", "rust", "engine" are; "pale", "high", "cold" (adjectives first) and
    "still" (an adverb) are not.
    """
    nouns, adjs, advs, _ = _tables()
    base = lemma(word)
    low = word.lower()
    if base is None or low in advs:
        return False
    return len(nouns[base]) >= adjs.get(low, 0)


def is_adjective(word: str) -> bool:
    """An adjective in WordNet and not mainly a noun ("real", "high", "bad")."""
    _, adjs, _, _ = _tables()
    return word.lower() in adjs and not is_mainly_noun(word)


@functools.lru_cache(maxsize=4096)
def classes(word: str, senses: int = 2) -> tuple[int, ...]:
    """Lexicographer classes of the ``senses`` most frequent noun senses of ``word``.

    A plural whose own entry is only a proper name ("windows": Windows) is
    read as its singular ("window").
    """
    nouns, _, _, _ = _tables()
    base = lemma(word)
    if base is None:
        return ()
    out = _classes_of(base, word, senses)
    if not out and base == _fold(word):
        for suffix, repl in _SUFFIXES:
            if base.endswith(suffix) and len(base) > len(suffix) + 1:
                single = base[: -len(suffix)] + repl
                if single in nouns:
                    return _classes_of(single, word, senses)
    return out


def _fold(word: str) -> str:
    w = unicodedata.normalize("NFKD", word.lower()).encode("ascii", "ignore").decode()
    return w.replace(" ", "_")


def _classes_of(base: str, word: str, senses: int) -> tuple[int, ...]:
    nouns, _, _, _ = _tables()
    data = _data()
    if data is None:
        return ()
    out = []
    try:
        for offset in nouns[base]:
            fields = _fields(data, offset)
            names = fields[4 : 4 + 2 * int(fields[3], 16) : 2]
            if word.islower() and base not in names and base.capitalize() in names:
                if base[1:2] != "-":  # ("T-shirt", "X-ray": a letter, not a name)
                    continue  # a proper name ("Hoover") for a common word ("hoover")
            out.append(int(fields[1]))
            if len(out) == senses:
                break
    except (ValueError, IndexError):
        return ()
    return tuple(out)


@functools.lru_cache(maxsize=1)
def _untagged() -> frozenset[str]:
    """Noun lemmas of two senses or more none of which was counted in WordNet's
    tagged corpus (``tagsense_cnt`` 0 in ``index.noun``): their senses are in no
    order of frequency, so "the first senses" of such a noun say nothing."""
    out = set()
    try:
        for line in _lines("index.noun"):
            f = line.split()
            p_cnt = int(f[3])
            if int(f[5 + p_cnt]) == 0 and int(f[2]) >= 2:
                out.add(f[0])
    except (OSError, ValueError, IndexError):
        return frozenset()
    return frozenset(out)


def usual_class(word: str) -> int | None:
    """For a noun whose senses WordNet never counted (see ``_untagged``): the class
    most of its senses share ("jack": six artifacts, a tool, a socket, a card...,
    against one quantity listed first), the first listed on a tie; None for a
    noun with counted senses, one sense or no class."""
    base = lemma(word)
    if base is None or base not in _untagged():
        return None
    every = _classes_of(base, word, 0)
    if not every:
        return None
    return max(every, key=lambda c: (every.count(c), -every.index(c)))


@functools.lru_cache(maxsize=4096)
def kinds(word: str, senses: int = 2) -> frozenset[str]:
    """The lemma names of ``word``'s ``senses`` most frequent noun senses and of all their
    hypernyms: what kinds of thing it is ("taxi" -> car, motor vehicle, ... artifact)."""
    base = lemma(word)
    if base is None:
        return frozenset()
    return frozenset(_walk_up(list(_tables()[0].get(base, ())[:senses])))


@functools.lru_cache(maxsize=1024)
def kinds_of_any_sense(word: str) -> frozenset[str]:
    """The kinds (see ``kinds``) of every noun sense of ``word``, each sense walked up
    on its own: what it may be in any sense ("cuts": a share, a film edit, a wound)."""
    base = lemma(word)
    if base is None:
        return frozenset()
    out: set[str] = set()
    for offset in _tables()[0].get(base, ()):
        out |= _walk_up([offset])
    return frozenset(out)


def _walk_up(offsets: list[int]) -> set[str]:
    """The lemma names of the synsets at ``offsets`` and of all their hypernyms (at most
    64 synsets)."""
    out: set[str] = set()
    todo = list(offsets)
    seen: set[int] = set()
    while todo and len(seen) < 64:
        offset = todo.pop()
        if offset in seen:
            continue
        seen.add(offset)
        names, parents = _synset(offset)
        out.update(names)
        todo.extend(parents)
    return out


def _synset(offset: int) -> tuple[list[str], list[int]]:
    """The lemma names of the synset at ``offset`` in ``data.noun`` and its hypernyms' offsets."""
    data = _data()
    if data is None:
        return [], []
    try:
        f = _fields(data, offset)
        count = int(f[3], 16)
        names = [n.lower() for n in f[4 : 4 + 2 * count : 2]]
        i = 4 + 2 * count
        parents = [
            int(f[i + 2 + 4 * k])
            for k in range(int(f[i]))
            if f[i + 1 + 4 * k] in ("@", "@i") and f[i + 3 + 4 * k] == "n"
        ]
    except (ValueError, IndexError):
        return [], []
    return names, parents


@functools.lru_cache(maxsize=1024)
def gloss(word: str) -> str:
    """The dictionary's definition of ``word``'s most frequent noun sense ("milk": "a white
    nutritious liquid ..."), lower-cased; "" when WordNet has no such noun. A two-word noun
    is given with an underscore ("skim_milk")."""
    base = lemma(word) if "_" not in word else word.lower()
    data = _data()
    offsets = _tables()[0].get(base or "", ())
    if not offsets or data is None:
        return ""
    line = _line(data, offsets[0])
    return line.split(" | ", 1)[1].strip().lower() if " | " in line else ""


def in_adjective_index(word: str) -> bool:
    """WordNet lists ``word`` as an adjective (whatever else it also is: "dark", "light")."""
    return word.lower() in _tables()[1]


@functools.lru_cache(maxsize=1)
def comparatives() -> dict[str, str]:
    """The irregular comparatives and superlatives ``adj.exc`` lists, by form ("bigger": "big")."""
    found: dict[str, str] = {}
    try:
        for line in _lines("adj.exc"):
            parts = line.split()
            if len(parts) >= 2 and "_" not in parts[0]:
                found.setdefault(parts[0], parts[1])
    except OSError:
        return {}
    return found


@functools.lru_cache(maxsize=1)
def _compounds() -> dict[str, tuple[str, ...]]:
    """Noun compounds by their first word ("labrador" -> labrador_retriever, ...)."""
    nouns = _tables()[0]
    out: dict[str, list[str]] = {}
    for key in nouns:
        head, sep, _ = key.partition("_")
        if sep:
            out.setdefault(head, []).append(key)
    return {k: tuple(v) for k, v in out.items()}


def _every_class(base: str) -> tuple[int, ...]:
    """The lexicographer classes of every noun sense of ``base``, proper names too."""
    nouns, _, _, _ = _tables()
    data = _data()
    if data is None:
        return ()
    out = []
    try:
        for offset in nouns.get(base, ()):
            out.append(int(_fields(data, offset)[1]))
    except (ValueError, IndexError):
        return ()
    return tuple(out)


@functools.lru_cache(maxsize=1024)
def animal_in_any_sense(word: str) -> bool:
    """``word`` names an animal in some noun sense, its own or that of a compound it
    opens whose last word is an animal too ("labrador": first a place, but a
    labrador retriever; "persian": a persian cat), and never a person (noun.person)."""
    base = lemma(word) or _fold(word)
    own = _every_class(base)
    if 18 in own:
        return False
    if 5 in own:
        return True
    for key in _compounds().get(base, ()):
        last = key.rsplit("_", 1)[-1]
        if 5 in _every_class(key)[:1] and _every_class(last)[:1] == (5,):
            return True
    return False


def is_verb(word: str) -> bool:
    """``word`` as it is is a verb lemma of WordNet ("jerk", "shudder")."""
    return word in _verbs()


def is_gerund(word: str) -> bool:
    """``word`` is a verb's "-ing" form ("holding", "rolling", "threading", "painting")."""
    if len(word) < 6 or not word.endswith("ing"):
        return False
    stem = word[:-3]
    doubled = stem[:-1] if stem[-1:] == stem[-2:-1] else stem  # "running" -> "run"
    return any(is_verb(base) for base in (stem, stem + "e", doubled))
