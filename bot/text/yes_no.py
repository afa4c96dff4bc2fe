"""The one yes/no reader: "yes I take warfarin", "nope", "not sure", "what?".

A reply becomes True, False, or None ("ask again"); it is never filled from a
guess. None carries ``unsure`` when the patient meant "I don't know" or asked
to skip, so a form may record that after asking again. The words are in
``knowledge/reading.yml: yes_no``.

A question may list things a patient may name (a ``TermIndex``): naming one
counts as a yes with that detail ("I take warfarin" to the blood-thinner
question), a negated one as a no, and a thing another question lists is a yes
routed to that question. Without an index (the red-flag questions) only the
yes/no words count.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.text.guard import never_raises
from bot.text.lexicon import words
from bot.text.prepare import Clause, clauses, has_negation, is_negation, normalise, tokens_of
from bot.text.terms import LISTED, NOT_COUNTED, Entry, TermIndex, TermMatch

#: What is kept of a patient's own words as the detail of an answer.
MAX_DETAIL = 200
_PAYLOAD = re.compile(r"\s*/(affirm|deny)(\{.*\})?\s*")


@dataclass
class Answer:
    """A yes/no answer as understood.

    ``value`` is True/False, or None when the reply could not be placed (the
    form asks again). ``unsure`` marks a None that the patient meant as "I
    don't know" (or "skip"): after asking again, the caller may record it for
    clinician review. ``understood`` is the short text kept for staff.
    """

    value: bool | None
    detail: str | None
    understood: str
    unsure: bool = False
    #: Other questions whose listed words the patient named here ("I've got
    #: flu" in answer to the health-conditions question). The pre-screen's
    #: ``outcome()`` applies those questions' rules too.
    other_questions: list[str] = field(default_factory=list)
    #: False when the yes comes only from another question's words: this
    #: question's own rule then does not apply, only theirs.
    own: bool = True
    #: The answer speaks of the past ("once", "years ago", "used to") and not
    #: of now: it cannot rule treatment out, a clinician checks instead.
    past: bool = False
    #: (question, term) of every listed thing the patient named (not negated):
    #: a rule with ``terms`` applies only to these (e.g. antibiotics alone).
    terms: list[tuple[str, str]] = field(default_factory=list)


def button_answer(low: str) -> bool | None:
    """A yes/no button's payload ("/affirm", "/deny"): True or False; None for any other."""
    payload = _PAYLOAD.fullmatch(low)
    return payload.group(1) == "affirm" if payload else None


def unclear(understood: str = "unclear") -> Answer:
    """A reply that could not be placed: the form asks again."""
    return Answer(None, None, understood)


def clip(text: str) -> str | None:
    """Text kept for staff: spaces squeezed, at most MAX_DETAIL characters."""
    text = re.sub(r"\s+", " ", text).strip(" \t,.;:!-")
    if not text:
        return None
    return text if len(text) <= MAX_DETAIL else text[: MAX_DETAIL - 1].rstrip() + "…"


def _answer(value: bool | None, detail: str | None, understood: str | None = None) -> Answer:
    if understood is None:
        base = {True: "yes", False: "no", None: "unclear"}[value]
        understood = f"{base}: {detail}" if detail else base
    return Answer(value, detail, understood[: MAX_DETAIL + 20])


def _own_words(text: str) -> str | None:
    """The patient's words as detail, without a leading "yes", at most MAX_DETAIL chars."""
    t = unicodedata.normalize("NFKC", text)
    t = "".join(c for c in t if c.isprintable())
    return clip(words().yes_no.leading_yes.sub("", t))


def _terms_detail(found: Sequence[tuple[TermMatch, Entry]], parts: Sequence[Clause]) -> str | None:
    """What the patient named, as staff read it: "warfarin", "chemo (cancer treatment)".

    A generic word ("allergic", "penicillin") gives the words of its clause instead.
    """
    named: list[str] = []
    generic_clauses: list[int] = []
    for m, e in found:
        if e.generic:
            generic_clauses.append(m.clause)
            continue
        surface = " ".join(parts[m.clause].tokens[m.start : m.end])
        same = set(re.findall(r"[a-z0-9]+", e.term.lower())) <= set(
            re.findall(r"[a-z0-9]+", surface)
        )
        named.append(surface if same else f"{surface} ({e.term})")
    if not named:
        named = [" ".join(parts[i].tokens) for i in dict.fromkeys(generic_clauses)]
    return clip(", ".join(dict.fromkeys(named)))


def _statement_words(clause: Clause) -> bool:
    """Whether the clause makes a statement about oneself ("I take", "I'm allergic")."""
    toks = clause.tokens
    return any(
        tuple(toks[i : i + len(phrase)]) == phrase
        for i in range(len(toks))
        for phrase in words().yes_no.statement
    )


def _leftover(clause: Clause, number: int, matches: Sequence[TermMatch], question: str) -> bool:
    """Whether a clause has words not explained by fillers, yes-words or listed terms.

    Terms of this question and other questions' listed things count as
    explained; another question's ``not_counted`` list does not.
    """
    yn = words().yes_no
    covered: set[int] = set()
    for m in matches:
        if m.clause == number and any(e.group == question or e.kind == LISTED for e in m.entries):
            covered.update(range(m.start, m.end))
    return any(
        k not in covered
        and t not in yn.filler
        and t not in yn.yes_words
        and not is_negation(t)
        and not t.isdigit()
        for k, t in enumerate(clause.tokens)
    )


def is_skip(text: object) -> bool:
    """True when the patient asks to skip a question ("skip", "pass", "rather not say")."""
    low = normalise(text)
    if low is None:
        return False
    joined = " ".join(tokens_of(clauses(low)))
    yn = words().yes_no
    return joined in yn.whole_skip or bool(yn.skip.search(joined))


@never_raises(factory=unclear, message="could not read a yes/no answer")
def read_yes_no(
    text: object,
    question: str = "",
    index: TermIndex | None = None,
    unlisted_is_yes: bool = False,
) -> Answer:
    """Read a yes/no answer to ``question``; naming a thing ``index`` lists counts as yes.

    "yes I take warfarin" -> True, detail "warfarin"; "no I don't take aspirin"
    -> False; "maybe", "what?", emoji -> None (ask again); "not sure", "I don't
    know", "skip" -> None with ``unsure=True``. ``unlisted_is_yes``: whether "I
    have X" with X not listed is a yes (else it is asked again).
    """
    low = normalise(text)
    if low is None:
        return unclear()
    if low.lstrip().startswith("/"):  # a button, or a command: never read as words
        pressed = button_answer(low)
        return unclear() if pressed is None else _answer(pressed, None)
    parts = clauses(low)
    toks = tokens_of(parts)
    if not any(re.search(r"[a-z]", t) for t in toks):
        return unclear()
    yn = words().yes_no
    joined = " ".join(toks)
    if joined in yn.whole_skip or yn.skip.search(joined):
        return Answer(None, None, "skipped", True)
    if joined in yn.whole_yes:
        return _answer(True, None)
    if joined in yn.whole_no or (yn.all_fine.match(joined) and joined not in yn.too_short_to_be_no):
        return _answer(False, None)

    matches = index.find(parts) if index is not None else []
    said = [m for m in matches if not m.negated]
    own_found = [(m, e) for m in said if (e := m.entry_of(question, LISTED))]
    not_counted = [e for m in said if (e := m.entry_of(question, NOT_COUNTED))]
    others = [m for m in said if m.is_other_question(question)]

    if yn.unsure.search(joined) and not yn.not_unsure.search(joined):
        detail = _terms_detail(own_found, parts) if own_found else None
        return Answer(None, detail, f"not sure: {detail}" if detail else "not sure", True)

    neg_clauses = [i for i, c in enumerate(parts) if has_negation(c.tokens)]
    past = bool(yn.past.search(joined)) and not yn.now.search(joined)
    yes_word = any(
        t in yn.yes_words for i, c in enumerate(parts) if i not in neg_clauses for t in c.tokens
    )
    asks = (
        toks[0] in yn.question_start
        or any(t in yn.question_words for t in toks)
        or low.rstrip().endswith("?")
    )
    if asks and not yes_word and not neg_clauses:
        return unclear("unclear: a question")

    other_found = [(m, next(e for e in m.entries if e.kind == LISTED)) for m in others]
    if own_found:
        found = _answer(True, _terms_detail(own_found, parts))
        found.past = past
        found.terms = list(dict.fromkeys((e.group, e.term) for _, e in own_found))
        return found
    if any(
        i in neg_clauses and any(t in yn.plain_yes for t in c.tokens) for i, c in enumerate(parts)
    ):
        return unclear("unclear: both yes and no")  # "yes and no"
    if other_found and not yes_word:
        described = any(
            _leftover(c, i, matches, question) for i, c in enumerate(parts) if i not in neg_clauses
        )
        if not described:
            # Only another question's listed words ("I've got flu" to the
            # health-conditions question): routed by that question's rule.
            detail = _terms_detail(other_found, parts)
            return Answer(
                True,
                detail,
                clip(f"yes: {detail}") or "yes",
                other_questions=list(dict.fromkeys(e.group for _, e in other_found)),
                own=False,
                past=past,
                terms=list(dict.fromkeys((e.group, e.term) for _, e in other_found)),
            )
        if not unlisted_is_yes:
            return unclear("unclear: not a clear yes or no")
        detail = _own_words(str(text))
        return Answer(True, detail, clip(f"yes: {detail}") or "yes", past=past)
    return _weigh_clauses(str(text), parts, matches, question, not_counted, unlisted_is_yes)


def _weigh_clauses(
    text: str,
    parts: Sequence[Clause],
    matches: Sequence[TermMatch],
    question: str,
    not_counted: Sequence[Entry],
    unlisted_is_yes: bool,
) -> Answer:
    """No listed thing decided it: weigh the yes clauses against the negated ones."""
    yn = words().yes_no
    neg_clauses = [i for i, c in enumerate(parts) if has_negation(c.tokens)]
    yes_word = any(
        t in yn.yes_words for i, c in enumerate(parts) if i not in neg_clauses for t in c.tokens
    )
    yes_clauses: list[int] = []
    statements: list[int] = []
    for i, c in enumerate(parts):
        if i in neg_clauses:
            continue
        if any(t in yn.yes_words for t in c.tokens):
            yes_clauses.append(i)
        elif (_statement_words(c) or c.contrast) and _leftover(c, i, matches, question):
            statements.append(i)
    if statements:
        if not unlisted_is_yes:
            # "I have two kids" to "are you pregnant?": not a yes we can rely on
            return unclear("unclear: not a clear yes or no")
        yes_clauses = sorted(yes_clauses + statements)

    named = clip(", ".join(dict.fromkeys(e.term for e in not_counted))) if not_counted else None
    if yes_clauses and not neg_clauses:
        if (
            not_counted
            and not yes_word
            and not any(_leftover(parts[i], i, matches, question) for i in yes_clauses)
        ):
            return _answer(False, named)
        return _answer(True, _own_words(text))
    if neg_clauses and not yes_clauses:
        return _answer(False, named)
    if yes_clauses and neg_clauses:
        last_yes = max(yes_clauses)
        if last_yes > max(neg_clauses) and parts[last_yes].contrast:
            after = [t for i in yes_clauses if i > max(neg_clauses) for t in parts[i].tokens]
            return _answer(True, clip(" ".join(after)))
        return unclear("unclear: both yes and no")
    if not_counted:
        return _answer(False, named, f"no: {named} (not counted for this question)")
    return unclear()
