"""The compiled triage vocabulary (``knowledge/triage_vocabulary.yml``), checked.

``VocabularyView`` holds the names and settings ``concepts`` reads: functions,
states, the concepts that pair them into signs, anchors, terminators, joiners,
and the closed classes of English words (``grammar``: owners, articles,
negated auxiliaries...) that ``anchors``, ``concepts`` and ``durations`` read.
A wrong name in the file raises ``ValueError`` when the rules load.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Concept:
    """One line of the vocabulary's ``concepts``: function + state -> sign."""

    sign: str
    functions: tuple[str, ...]
    states: tuple[str, ...]
    also: tuple[str, ...] = ()  # another state or function in the same sentence
    # ``also`` may be in the sentence right after ("It went dark. And the pain grows.")
    also_next: bool = False
    also_with: tuple[str, ...] = ()  # and one of these as near as ``also`` ("pain")
    unless: tuple[str, ...] = ()  # states that cancel it when near ("a bit" swollen)
    min_days: float | None = None
    max_days: float | None = None
    after_days: float | None = None
    distinct_functions: int = 1  # e.g. 2: swelling at two places at once
    window: int | None = None
    scope: str = "clause"  # "sentence": the state may follow "but" ("... but it stays cloudy")
    needs_anchor: bool = False  # only in a message that names the body, a symptom or the treatment
    # the state is said after the function, of it as its subject, with only a place between
    # ("my eyesight on the right keeps cutting out"): a verb of change, not a word before a part
    follows: bool = False


#: The lists of the vocabulary's ``grammar`` section (each documented in the file).
GRAMMAR = (
    "sense_verbs",
    "subject_pronouns",
    "relative_pronouns",
    "owners",
    "sides",
    "new_clause",
    "articles",
    "having",
    "determiners",
    "negated_auxiliary",
    "auxiliary_adverbs",
    "anaphors",
)


class VocabularyView:
    """The compiled vocabulary: the names and settings ``concepts`` reads."""

    def __init__(self, data: dict[str, Any], signs: set[str]) -> None:
        self.window = int(data.get("window", 8))
        self.terminators: set[str] = {t for t in data.get("terminators") or [] if " " not in t}
        self.multi_terminators = [t for t in data.get("terminators") or [] if " " in t]
        self.exception_words = list(data.get("exceptions") or [])
        self.report_words: set[str] = {str(w).lower() for w in data.get("report_words") or []}
        self.placed_by: set[str] = {str(w).lower() for w in data.get("placed_by") or []}
        self.neutral_places: set[str] = {str(w).lower() for w in data.get("neutral_places") or []}
        self.marks_with_places = frozenset(
            _as_list(data.get("marks_with_places"), "marks_with_places")
        )
        aimed = data.get("aimed_at_things") or {}
        self.aimed_words = frozenset(_as_list(aimed.get("words"), "aimed_at_things.words"))
        self.aimed_into = frozenset(_as_list(aimed.get("into"), "aimed_at_things.into"))
        self.aimed_determiners = frozenset(
            _as_list(aimed.get("determiners"), "aimed_at_things.determiners")
        )
        self.aimed_classes = frozenset(int(c) for c in aimed.get("classes") or [])
        elsewhere = data.get("elsewhere") or {}
        self.elsewhere_parts = frozenset(_as_list(elsewhere.get("parts"), "elsewhere.parts"))
        self.elsewhere_between = frozenset(_as_list(elsewhere.get("between"), "elsewhere.between"))
        self.elsewhere_places = frozenset(_as_list(elsewhere.get("places"), "elsewhere.places"))
        self.elsewhere_signs = frozenset(_as_list(elsewhere.get("signs"), "elsewhere.signs"))
        self.elsewhere_unplaced = frozenset(
            _as_list(elsewhere.get("unplaced"), "elsewhere.unplaced")
        )
        self.elsewhere_owned_only = frozenset(
            _as_list(elsewhere.get("owned_only"), "elsewhere.owned_only")
        )
        self.joiners: set[str] = set(
            data.get("joiners") or ["and", "or", ",", "&", "/", "my", "the", "her", "his", "both"]
        )
        # words that may stand between a subject and the verb said of it: a place, a side, a
        # time, an adverb ("my eyesight on the right side now keeps ...")
        self.subject_gap: set[str] = {str(w).lower() for w in data.get("subject_gap") or []}
        grammar = _grammar(data.get("grammar"))
        self.owners = grammar["owners"]  # "my eyesight", "mum's throat"
        self.sides = grammar["sides"]  # "my left eye"
        self.new_clause = grammar["new_clause"]  # ", and now ..."
        self.articles = grammar["articles"]  # "there's a pea sized lump"
        self.having = grammar["having"]  # "there's a", "I have a"
        self.determiners = grammar["determiners"]  # "my normal skin"
        self.negated_auxiliary = grammar["negated_auxiliary"]  # "doesn't hurt"
        self.auxiliary_adverbs = grammar["auxiliary_adverbs"]  # "doesn't really hurt"
        self.anaphors = grammar["anaphors"]  # "it's spreading"
        self.sense_verbs = grammar["sense_verbs"]  # "can't see my hand": the hand is seen
        self.subject_pronouns = grammar["subject_pronouns"]  # "... him, HE talks over me"
        self.relative_pronouns = grammar["relative_pronouns"]  # "people WHO chew loudly"
        functions = data.get("functions") or {}
        states = data.get("states") or {}
        self.function_names = list(functions)
        self.state_names = list(states)
        self.body_functions = {n for n, b in functions.items() if (b or {}).get("body", True)}
        self.yielding = {n for n, b in functions.items() if (b or {}).get("yields", False)}
        self.things = {n for n, b in functions.items() if (b or {}).get("thing", False)}
        self.denial_functions = set(functions)
        for name in self.elsewhere_unplaced - set(functions):
            raise ValueError(f"elsewhere.unplaced: unknown function {name!r}")
        for name in self.elsewhere_signs - signs:
            raise ValueError(f"elsewhere.signs: unknown sign {name!r}")
        self.anchor_names = list(data.get("anchors") or {})
        # a treatment anchor made only of these words is a `visit` (anchors.anchor_names)
        treatment = (data.get("anchors") or {}).get("treatment") or {}
        self.weak_treatment_words = frozenset(str(w) for w in treatment.get("weak_words") or [])
        self.weak_treatment_like = tuple(
            re.compile(str(x)) for x in treatment.get("weak_like") or []
        )
        self.if_not_normal: dict[str, str] = {}
        for name, block in functions.items():
            sign = (block or {}).get("if_not_normal")
            if sign is not None:
                if sign not in signs:
                    raise ValueError(f"functions.{name}.if_not_normal: unknown sign {sign!r}")
                self.if_not_normal[name] = sign
        ew = data.get("emergency_words") or {}
        self.emergency_functions = set(ew.get("functions") or [])
        self.emergency_states = set(ew.get("states") or [])
        for n in self.emergency_functions - set(functions):
            raise ValueError(f"emergency_words.functions: unknown function {n!r}")
        for n in self.emergency_states - set(states):
            raise ValueError(f"emergency_words.states: unknown state {n!r}")
        for n in self.marks_with_places - set(functions):
            raise ValueError(f"marks_with_places: unknown function {n!r}")
        self.normal_states = list(data.get("normal") or [])
        for n in self.normal_states:
            if n not in states:
                raise ValueError(f"normal: unknown state {n!r}")
        self.concepts: list[Concept] = []
        for i, c in enumerate(data.get("concepts") or []):
            where = f"concepts[{i}] ({c.get('sign')})"
            if c.get("sign") not in signs:
                raise ValueError(f"{where}: unknown sign {c.get('sign')!r}")
            fns = tuple(_as_list(c.get("function"), where))
            sts = tuple(_as_list(c.get("state"), where))
            for n in fns:
                if n not in functions:
                    raise ValueError(f"{where}: unknown function {n!r}")
            for n in sts + tuple(_as_list(c.get("unless"), where)):
                if n not in states and n not in functions:
                    raise ValueError(f"{where}: unknown state {n!r}")
            for n in _as_list(c.get("also"), where) + _as_list(c.get("also_with"), where):
                if n not in states and n not in functions:
                    raise ValueError(f"{where}: unknown state or function {n!r} in also")
            if not fns or not sts:
                raise ValueError(f"{where}: needs a function and a state")
            self.concepts.append(
                Concept(
                    sign=c["sign"],
                    functions=fns,
                    states=sts,
                    also=tuple(_as_list(c.get("also"), where)),
                    also_next=bool(c.get("also_next", False)),
                    also_with=tuple(_as_list(c.get("also_with"), where)),
                    unless=tuple(_as_list(c.get("unless"), where)),
                    min_days=_float(c.get("min_days")),
                    max_days=_float(c.get("max_days")),
                    after_days=_float(c.get("after_days")),
                    distinct_functions=int(c.get("distinct_functions", 1)),
                    window=c.get("window"),
                    scope=_scope(c.get("scope"), where),
                    needs_anchor=bool(c.get("needs_anchor", False)),
                    follows=bool(c.get("follows", False)),
                )
            )

    def weak_treatment(self, low: str) -> bool:
        """One of the treatment anchor's ``weak_words`` or ``weak_like`` ("day", "3",
        "day3", "session"): no more than a time or a visit."""
        return low in self.weak_treatment_words or any(
            rx.match(low) for rx in self.weak_treatment_like
        )


def _grammar(block: Any) -> dict[str, frozenset[str]]:
    """The ``grammar`` lists, each required, each a list of words (lower case)."""
    if not isinstance(block, dict):
        raise ValueError("grammar: the vocabulary needs its grammar lists")
    for key in block:
        if key not in GRAMMAR:
            raise ValueError(f"grammar: unknown list {key!r}")
    out: dict[str, frozenset[str]] = {}
    for key in GRAMMAR:
        words = block.get(key)
        if not isinstance(words, list) or not words:
            raise ValueError(f"grammar.{key}: a list of words is needed")
        for w in words:
            if not isinstance(w, str):
                raise ValueError(f"grammar.{key}: {w!r} is not text (quote no, yes, on, off)")
        out[key] = frozenset(w.lower() for w in words)
    return out


def _as_list(value: Any, where: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{where}: expected a name or a list of names, got {value!r}")
    return value


def _scope(value: Any, where: str) -> str:
    if value in (None, "clause", "sentence"):
        return value or "clause"
    raise ValueError(f"{where}: scope must be clause or sentence, got {value!r}")


def _float(value: Any) -> float | None:
    return None if value is None else float(value)
