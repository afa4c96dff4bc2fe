"""Word forms the vocabulary does not list: irregular past tenses and dropped g's.

Patients write "it crept down my cheek" for creep and "it's spreadin" for
spreading. Listing every form of every state word is the kind of list that
never ends, so each vocabulary word gains two general families here:

- irregular past forms, read from WordNet's ``verb.exc`` (Debian's
  ``wordnet-base``): a word whose base (or whose ``-ing`` form's base) is a
  verb there gains the verb's listed past forms ("creep" -> "crept");
- the dropped g of speech ("-ing" -> "-in": "slurring" -> "slurrin").

A new form is refused when it is itself another word WordNet knows as a noun,
adjective or adverb, or (for "-in") any word at all ("felt", "saw", "left",
"lay" and "ruin" stay what they are), so a form can only make the same word
the vocabulary already has. Without the files no past form is added.
"""

from __future__ import annotations

import functools

from bot.triage import wordnet

_MIN_STEM = 3
# "-t" pasts that are irregular ("crept"), unlike the spelling "addrest"
_T_PAST = frozenset(
    "crept slept swept wept kept leapt knelt dealt felt dwelt spelt spilt spoilt burnt "
    "learnt smelt spent bent lent sent built meant lost left".split()
)  # "thing" -> "th" + ing is not an -ing form


@functools.lru_cache(maxsize=1)
def _irregular_past() -> dict[str, tuple[str, ...]]:
    """The irregular past forms of ``verb.exc`` by verb base ("creep": "crept")."""
    return {
        base: kept
        for base, forms in wordnet.past_forms().items()
        # irregular forms only: "-ed" spellings ("throbbed") are regular
        if (
            kept := tuple(
                f for f in forms if not f.endswith(("ing", "s", "ed", "t")) or f in _T_PAST
            )
        )
    }


def _bases(word: str) -> list[str]:
    """The verb bases a word may be: itself, or its -ing form undone."""
    out = [word]
    if word.endswith("ing") and len(word) - 3 >= _MIN_STEM:
        stem = word[:-3]
        out += [stem, stem + "e"]
        if len(stem) > 3 and stem[-1] == stem[-2]:
            out.append(stem[:-1])  # "slipping" -> "slip"
    return out


@functools.lru_cache(maxsize=8192)
def variants(word: str, past_forms: bool = True) -> tuple[str, ...]:
    """Other written forms of one lower-case word (never the word itself).

    ``past_forms``: also its irregular past forms (for words of a state; a
    function word such as "ring" is a thing, not something that happened).
    """
    past = _irregular_past()
    found: list[str] = []
    if word.isalpha() and past_forms:
        for base in _bases(word):
            for form in past.get(base, ()):
                if form != word and not wordnet.is_lemma(form) and form not in found:
                    found.append(form)
    if word.isalpha() and word.endswith("ing") and len(word) - 3 >= _MIN_STEM:
        dropped = word[:-1]
        if not wordnet.is_lemma(dropped, verbs=True):
            found.append(dropped)
    return tuple(found)


def phrase_variants(phrase: str, past_forms: bool = True) -> list[str]:
    """The phrase with one of its words in another form, once per form; a comparative
    also in its analytic form ("skin is darker" -> "skin is more dark")."""
    words = phrase.split(" ")
    out: list[str] = []
    for i, w in enumerate(words):
        low = w.lower()
        forms = list(variants(low, past_forms))
        base = comparative_base(low)
        if base and (i == 0 or words[i - 1].lower() not in ("more", "less")):
            forms.append(f"more {base}")
        for form in forms:
            out.append(" ".join(words[:i] + [form] + words[i + 1 :]))
    return out


# the endings of a regular comparative and what each stands for at the end of its base:
# "darker" -> dark, "paler" -> pale, "puffier" -> puffy, "redder" -> red
_COMPARATIVE = (("ier", ("y",)), ("er", ("", "e")))


@functools.lru_cache(maxsize=8192)
def comparative_base(word: str) -> str | None:
    """The adjective a comparative is formed from ("darker" -> "dark"), else None.

    Patients write "more dark", "more puffy" as often as "darker", "puffier":
    a vocabulary word that is a comparative is found in both forms. The base
    must be an adjective WordNet knows and the word no verb form or adjective of
    its own ("tender", "bitter", "over", "fever" stay what they are).
    """
    if not word.isalpha() or len(word) < 5:
        return None
    irregular = wordnet.comparatives().get(word)
    if irregular:  # "bigger", "puffier"; not "number", a noun first ("more numb")
        return None if wordnet.is_mainly_noun(word) else irregular
    if wordnet.in_adjective_index(word) or is_verb_form(word):
        return None
    for ending, bases in _COMPARATIVE:
        if not word.endswith(ending):
            continue
        stem = word[: -len(ending)]
        if ending == "er" and len(stem) > 2 and stem[-1] == stem[-2]:
            bases = (*bases, "-")  # "redder" -> "red" (also in adj.exc), "fatter" -> "fat"
        for b in bases:
            base = stem[:-1] if b == "-" else stem + b
            if len(base) >= 3 and wordnet.in_adjective_index(base):
                return base
    return None


def widen_pattern(pattern: list[dict[str, object]]) -> list[dict[str, object]]:
    """A token pattern whose ``LOWER: {IN: [...]}`` lists also hold the other forms."""
    out = []
    for spec in pattern:
        low = spec.get("LOWER") if isinstance(spec, dict) else None
        if isinstance(low, dict) and isinstance(low.get("IN"), list):
            words = [str(w) for w in low["IN"]]
            extra = [f for w in words for f in variants(w.lower()) if f not in words]
            if extra:
                spec = {**spec, "LOWER": {**low, "IN": words + list(dict.fromkeys(extra))}}
        out.append(spec)
    return out


# the regular endings of a verb, and what each may stand for at the end of its base
_VERB_ENDINGS = (
    ("ies", ("y",)),
    ("ied", ("y",)),
    ("es", ("", "e")),
    ("s", ("",)),
    ("ed", ("", "e")),
    ("ing", ("", "e")),
)


@functools.lru_cache(maxsize=1)
def _listed_forms() -> frozenset[str]:
    """Every inflected verb form WordNet's ``verb.exc`` lists ("had", "saw")."""
    return frozenset(f for listed in wordnet.past_forms().values() for f in listed)


@functools.lru_cache(maxsize=8192)
def is_verb_form(word: str) -> bool:
    """A form of a WordNet verb: one ``verb.exc`` lists ("had", "saw") or a regular
    -s, -ed or -ing form ("sings", "rained", "tiling", "stopped"): WordNet lists
    verbs by their base only."""
    if word in _listed_forms():
        return True
    for ending, bases in _VERB_ENDINGS:
        if not word.endswith(ending) or len(word) - len(ending) < 2:
            continue
        stem = word[: -len(ending)]
        if any(wordnet.is_lemma(stem + b, verbs=True) for b in bases):
            return True
        if ending in ("ed", "ing") and len(stem) > 2 and stem[-1] == stem[-2]:
            if wordnet.is_lemma(stem[:-1], verbs=True):  # "stopped" -> "stop"
                return True
    return False
