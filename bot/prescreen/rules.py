"""``knowledge/prescreen.yml``: the questions, their listed terms and routing rules.

The file is checked with pydantic models when it is first used; a mistake that
would route patients wrongly stops the load with a message naming the file,
the place and the fault (``PrescreenRulesError``). The checks across fields
(the first question is the consent; a rule's ``terms`` are terms of its
question) are validators of the same models.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import Field, StrictBool, StrictInt, StrictStr, root_validator, validator

from bot import checked_yaml, config
from bot.text import LISTED, NOT_COUNTED, Entry, TermIndex

RULES_PATH = config.KNOWLEDGE / "prescreen.yml"
TYPES = ("consent", "age", "yes_no_detail")
#: Strongest first: the strongest outcome found wins.
OUTCOME_NAMES = ("not_suitable", "clinician_review", "eligible")
RuleOutcome = Literal["not_suitable", "clinician_review"]


class PrescreenRulesError(ValueError):
    """knowledge/prescreen.yml is malformed (unknown type, outcome or field)."""


class _Model(checked_yaml.StrictModel):
    pass


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    return value


class NotPlacedStatus(_Model):
    unsure: StrictStr
    missing: StrictStr


class NotPlaced(_Model):
    """What an answer that could not be placed leads to (CLINICAL.md: a clinician)."""

    outcome: Literal["not_suitable", "clinician_review", "eligible"]
    patient_reason: StrictStr
    staff_reason: StrictStr
    status: NotPlacedStatus


class PastAnswer(_Model):
    """A yes spoken of as past cannot rule treatment out: a clinician checks it is over."""

    outcome: Literal["clinician_review"]
    patient_reason: StrictStr
    staff_reason: StrictStr


class Listed(_Model):
    """A thing a patient may name: ``term`` for staff, ``forms`` as patients write it."""

    term: StrictStr
    forms: list[StrictStr | StrictInt]
    generic: StrictBool = False

    @validator("forms")
    def _some_forms(cls, forms: list[str | int]) -> list[str | int]:  # noqa: N805
        if not forms:
            raise ValueError("`forms` must be a list of words")
        return forms


class AgeLimit(_Model):
    below: StrictInt | None = None
    above: StrictInt | None = None

    @root_validator(skip_on_failure=True)
    def _one_limit(cls, values: dict[str, Any]) -> dict[str, Any]:  # noqa: N805
        if (values.get("below") is None) == (values.get("above") is None):
            raise ValueError("an age rule needs `when: {below: N}` or `when: {above: N}`")
        return values

    def applies(self, age: int) -> bool:
        return age < self.below if self.below is not None else age > (self.above or 0)


class _Rule(_Model):
    outcome: RuleOutcome
    patient_reason: StrictStr
    staff_reason: StrictStr

    _reasons = validator("patient_reason", "staff_reason", allow_reuse=True)(_not_blank)


class AgeRule(_Rule):
    when: AgeLimit


class YesRule(_Rule):
    """A rule for a yes; with ``terms``, only for answers naming one of them."""

    when: Literal["yes"]
    terms: list[StrictStr] | None = None


class _Question(_Model):
    slot: StrictStr
    ask: StrictStr
    why: StrictStr
    topic: StrictStr
    topic_staff: StrictStr

    @validator("slot")
    def _slot_name(cls, slot: str) -> str:  # noqa: N805
        if not re.fullmatch(r"[a-z_]+", slot):
            raise ValueError("a slot name is lower-case letters and _")
        return slot

    @validator("ask", "why")
    def _response_name(cls, name: str) -> str:  # noqa: N805
        if not name.startswith("utter_"):
            raise ValueError("must name an utter_ response")
        return name


class ConsentQuestion(_Question):
    type: Literal["consent"]


class AgeQuestion(_Question):
    type: Literal["age"]
    rules: list[AgeRule] = []


class YesNoQuestion(_Question):
    type: Literal["yes_no_detail"]
    unlisted_is_yes: StrictBool
    rules: list[YesRule] = []
    vocabulary: list[Listed] = []
    not_counted: list[Listed] = []

    @root_validator(skip_on_failure=True)
    def _terms_are_listed(cls, values: dict[str, Any]) -> dict[str, Any]:  # noqa: N805
        known = {entry.term for entry in values["vocabulary"]}
        for rule in values["rules"]:
            if rule.terms is not None and not (rule.terms and set(rule.terms) <= known):
                raise ValueError("a rule's `terms` must name terms of its vocabulary")
        return values


Question = ConsentQuestion | AgeQuestion | YesNoQuestion
# The question's `type` says which model checks it (and errors name that type).
_TypedQuestion = Annotated[Question, Field(discriminator="type")]


class RulesFile(_Model):
    version: StrictInt
    outcomes: list[StrictStr]
    not_placed: NotPlaced
    past_answer: PastAnswer
    questions: list[_TypedQuestion]

    @validator("outcomes")
    def _strongest_first(cls, outcomes: list[str]) -> list[str]:  # noqa: N805
        if outcomes != list(OUTCOME_NAMES):
            raise ValueError(f"`outcomes` must be {list(OUTCOME_NAMES)} (strongest first)")
        return outcomes

    @validator("questions")
    def _question_list(cls, questions: list[Question]) -> list[Question]:  # noqa: N805
        if not questions:
            raise ValueError("`questions` must be a non-empty list")
        twice = sorted(s for s, n in Counter(q.slot for q in questions).items() if n > 1)
        if twice:
            raise ValueError(f"slot {', '.join(twice)} appears twice")
        if questions[0].type != "consent":
            raise ValueError("the first question must be the consent")
        if sum(q.type == "consent" for q in questions) != 1:
            raise ValueError("exactly one consent question")
        return questions


@dataclass(frozen=True)
class Rules:
    """The checked rules file, with its questions by slot and the index of listed terms."""

    file: RulesFile
    by_slot: dict[str, Question]
    index: TermIndex

    @property
    def questions(self) -> list[Question]:
        return self.file.questions


def _index(questions: list[Question]) -> TermIndex:
    listed: list[tuple[Entry, list[str | int]]] = []
    for q in questions:
        if isinstance(q, YesNoQuestion):
            for entries, kind in ((q.vocabulary, LISTED), (q.not_counted, NOT_COUNTED)):
                listed += [(Entry(q.slot, e.term, kind, e.generic), e.forms) for e in entries]
    return TermIndex(listed)


@functools.cache
def rules() -> Rules:
    """The rules, read and checked once per process (``reload()`` after an edit)."""
    data = checked_yaml.load(RULES_PATH, RulesFile, PrescreenRulesError)
    return Rules(data, {q.slot: q for q in data.questions}, _index(data.questions))


def reload() -> None:
    """Forget the cached rules (after a clinician edits knowledge/prescreen.yml)."""
    rules.cache_clear()


def questions() -> list[dict[str, str]]:
    """The questions in the order asked: slot, type, ask, why, reask, topic."""
    return [
        {
            "slot": q.slot,
            "type": q.type,
            "ask": q.ask,
            "why": q.why,
            "reask": f"utter_prescreen_reask_{q.type}",
            "topic": q.topic,
        }
        for q in rules().questions
    ]


def slots() -> list[str]:
    return [q.slot for q in rules().questions]


def answer_type(slot: str) -> str | None:
    q = rules().by_slot.get(slot)
    return q.type if q else None


def why_response(slot: str) -> str:
    """The response that explains why a question is asked (a general one for unknown slots)."""
    q = rules().by_slot.get(slot)
    return q.why if q else "utter_why_prescreen"


def reask_response(slot: str) -> str:
    return f"utter_prescreen_reask_{answer_type(slot) or 'yes_no_detail'}"


def unlisted_is_yes(slot: str) -> bool:
    """Whether "I have X" with X not listed counts as yes for this question (rules file)."""
    q = rules().by_slot.get(slot)
    return isinstance(q, YesNoQuestion) and q.unlisted_is_yes
