"""The pre-screening questionnaire: reading free-text answers, applying the rules.

Patients answer in their own words ("I'm 34", "thirty one", "yes I take
warfarin", "nope"). This module turns such a reply into a value, or into
``None`` when it cannot tell: the form then asks again. It never fills an
answer from a guess. The clinical routing (which answers lead to
``not_suitable`` or ``clinician_review``) and the words it understands are data
in ``knowledge/prescreen.yml``, which a clinician reads and changes; this file
only applies them.

Plain Python with no Rasa import: the form validator (``actions/prescreen.py``)
calls ``parse_consent``, ``parse_age``, ``parse_yes_no`` and ``outcome``.
Every public function accepts any input (empty, 20,000 characters, emoji,
markup, SQL) without raising.
"""
from __future__ import annotations

import copy
import functools
import logging
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

import yaml

from bot import config

log = logging.getLogger(__name__)

RULES_PATH = config.KNOWLEDGE / "prescreen.yml"
TYPES = ("consent", "age", "yes_no_detail")
OUTCOME_NAMES = ("not_suitable", "clinician_review", "eligible")
MAX_TEXT = 1000      # longer replies are not read: a questionnaire answer is short
MAX_AGE_TEXT = 200
MAX_DETAIL = 200     # what is kept of a patient's own words as "detail"
MIN_AGE, MAX_AGE = 1, 120


class PrescreenRulesError(ValueError):
    """knowledge/prescreen.yml is malformed (unknown type, outcome or field)."""


@dataclass
class Answer:
    """A yes/no answer as understood.

    ``value`` is True/False, or None when the reply could not be placed (the
    form asks again). ``unsure`` marks a None that the patient meant as "I
    don't know" (or "skip"): after asking again, the caller may record it for
    clinician review. ``understood`` is the short text kept for staff.
    """
    value: Optional[bool]
    detail: Optional[str]
    understood: str
    unsure: bool = False
    #: Other questions whose listed words the patient named here ("I've got
    #: flu" in answer to the health-conditions question). ``outcome()``
    #: applies those questions' rules too.
    other_questions: List[str] = field(default_factory=list)
    #: False when the yes comes only from another question's words: this
    #: question's own rule then does not apply, only theirs.
    own: bool = True
    #: The answer speaks of the past ("once", "years ago", "used to") and not
    #: of now: it cannot rule treatment out, a clinician checks instead.
    past: bool = False
    #: (slot, term) of every listed thing the patient named (not negated):
    #: a rule with ``terms`` applies only to these (e.g. antibiotics alone).
    terms: List[Tuple[str, str]] = field(default_factory=list)


@dataclass
class Outcome:
    """The routing result: ``reasons`` for staff (every finding, in question
    order), ``patient_reasons`` for the reply (only those of the winning
    outcome, as short lowercase phrases)."""
    outcome: str
    reasons: List[str] = field(default_factory=list)
    patient_reasons: List[str] = field(default_factory=list)


# ================================================================ the rules file

@dataclass(frozen=True)
class _Entry:
    slot: str
    term: str
    kind: str          # "vocab" or "not_counted"
    generic: bool


@dataclass
class _Rules:
    raw: Dict[str, Any]
    questions: List[Dict[str, Any]]
    by_slot: Dict[str, Dict[str, Any]]
    forms: Dict[Tuple[str, ...], List[_Entry]]
    by_first: Dict[str, List[Tuple[str, ...]]]


def _form_tokens(form: str) -> Tuple[str, ...]:
    return tuple(tok for clause in _clauses(_normalise(form) or "") for tok in clause.tokens)


def _check(cond: bool, message: str) -> None:
    if not cond:
        raise PrescreenRulesError(f"knowledge/prescreen.yml: {message}")


def _validate(data: Any) -> None:
    """Reject a rules file that would route patients wrongly; run once at load."""
    _check(isinstance(data, dict), "must be a mapping")
    _check(list(data.get("outcomes") or []) == list(OUTCOME_NAMES),
           f"`outcomes` must be {list(OUTCOME_NAMES)} (strongest first)")
    np = data.get("not_placed") or {}
    _check(np.get("outcome") in OUTCOME_NAMES, "`not_placed.outcome` is not a known outcome")
    for key in ("patient_reason", "staff_reason"):
        _check(isinstance(np.get(key), str), f"`not_placed.{key}` must be text")
    _check(isinstance(np.get("status"), dict) and {"unsure", "missing"} <= set(np["status"]),
           "`not_placed.status` needs `unsure` and `missing`")
    pa = data.get("past_answer") or {}
    _check(pa.get("outcome") == "clinician_review",
           "`past_answer.outcome` must be clinician_review")
    for key in ("patient_reason", "staff_reason"):
        _check(isinstance(pa.get(key), str), f"`past_answer.{key}` must be text")
    qs = data.get("questions")
    _check(isinstance(qs, list) and qs, "`questions` must be a non-empty list")
    seen = set()
    for i, q in enumerate(qs):
        _check(isinstance(q, dict), f"question {i} must be a mapping")
        slot = q.get("slot")
        _check(isinstance(slot, str) and re.fullmatch(r"[a-z_]+", slot or ""),
               f"question {i}: bad `slot`")
        _check(slot not in seen, f"slot {slot} appears twice")
        seen.add(slot)
        _check(q.get("type") in TYPES, f"{slot}: `type` must be one of {TYPES}")
        for key in ("ask", "why"):
            _check(isinstance(q.get(key), str) and q[key].startswith("utter_"),
                   f"{slot}: `{key}` must name an utter_ response")
        _check(isinstance(q.get("topic"), str) and isinstance(q.get("topic_staff"), str),
               f"{slot}: needs `topic` and `topic_staff`")
        for rule in q.get("rules") or []:
            _check(isinstance(rule, dict), f"{slot}: each rule must be a mapping")
            _check(rule.get("outcome") in OUTCOME_NAMES[:2],
                   f"{slot}: rule outcome must be not_suitable or clinician_review")
            for key in ("patient_reason", "staff_reason"):
                _check(isinstance(rule.get(key), str) and rule[key].strip(),
                       f"{slot}: rule needs `{key}`")
            when = rule.get("when")
            if rule.get("terms") is not None:
                known = {e.get("term") for e in q.get("vocabulary") or [] if isinstance(e, dict)}
                _check(isinstance(rule["terms"], list) and rule["terms"]
                       and set(rule["terms"]) <= known,
                       f"{slot}: a rule's `terms` must name terms of its vocabulary")
            if q["type"] == "age":
                _check(isinstance(when, dict) and len(when) == 1
                       and set(when) <= {"below", "above"}
                       and isinstance(next(iter(when.values())), int),
                       f"{slot}: an age rule needs `when: {{below: N}}` or `{{above: N}}`")
            else:
                _check(when == "yes" and q["type"] == "yes_no_detail",
                       f"{slot}: a yes/no rule needs `when: \"yes\"`")
        if q["type"] == "yes_no_detail":
            _check(isinstance(q.get("unlisted_is_yes"), bool),
                   f"{slot}: `unlisted_is_yes` must be true or false")
        for listname in ("vocabulary", "not_counted"):
            for entry in q.get(listname) or []:
                _check(isinstance(entry, dict) and isinstance(entry.get("term"), str),
                       f"{slot}: each {listname} entry needs a `term`")
                forms = entry.get("forms")
                _check(isinstance(forms, list) and forms
                       and all(isinstance(f, (str, int)) for f in forms),
                       f"{slot}: {entry.get('term')}: `forms` must be a list of words")
    _check(qs[0].get("type") == "consent", "the first question must be the consent")
    _check(sum(q.get("type") == "consent" for q in qs) == 1, "exactly one consent question")


def _index(questions: List[Dict[str, Any]]):
    forms: Dict[Tuple[str, ...], List[_Entry]] = {}
    for q in questions:
        for listname, kind in (("vocabulary", "vocab"), ("not_counted", "not_counted")):
            for entry in q.get(listname) or []:
                for form in entry["forms"]:
                    toks = _form_tokens(str(form))
                    if not toks:
                        continue
                    e = _Entry(q["slot"], entry["term"], kind, bool(entry.get("generic")))
                    if e not in forms.setdefault(toks, []):
                        forms[toks].append(e)
    by_first: Dict[str, List[Tuple[str, ...]]] = {}
    for toks in forms:
        by_first.setdefault(toks[0], []).append(toks)
    return forms, by_first


@functools.lru_cache(maxsize=None)
def _rules() -> _Rules:
    with open(RULES_PATH, encoding="utf-8") as f:
        # the C safe loader when present: the pure-Python one takes half a second
        data = yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506
    _validate(data)
    questions = data["questions"]
    forms, by_first = _index(questions)
    return _Rules(raw=data, questions=questions, by_slot={q["slot"]: q for q in questions},
                  forms=forms, by_first=by_first)


def reload() -> None:
    """Forget the cached rules (after a clinician edits knowledge/prescreen.yml)."""
    _rules.cache_clear()


def rules_data() -> Dict[str, Any]:
    """The whole rules file, validated (a copy: for tests and the staff inbox)."""
    return copy.deepcopy(_rules().raw)


# ================================================================ questions

def questions() -> List[Dict[str, Any]]:
    """The questions in the order asked: slot, type, ask, why, reask, topic."""
    return [{"slot": q["slot"], "type": q["type"], "ask": q["ask"], "why": q["why"],
             "reask": f"utter_prescreen_reask_{q['type']}", "topic": q["topic"]}
            for q in _rules().questions]


def slots() -> List[str]:
    return [q["slot"] for q in _rules().questions]


def answer_type(slot: str) -> Optional[str]:
    q = _rules().by_slot.get(slot)
    return q["type"] if q else None


def why_response(slot: str) -> str:
    """The response that explains why a question is asked (a general one for unknown slots)."""
    q = _rules().by_slot.get(slot)
    return q["why"] if q else "utter_why_prescreen"


def reask_response(slot: str) -> str:
    return f"utter_prescreen_reask_{answer_type(slot) or 'yes_no_detail'}"


# ================================================================ text handling

_MARKUP = re.compile(r"<\s*/?\s*[a-z!?][^>]*>|&#?[a-z0-9]+;|\{\{|\}\}|\$\{|javascript:", re.I)
_SQL = re.compile(
    r"('\s*--|;\s*--|/\*|\*/|;\s*(drop|select|insert|update|delete|alter|create|exec)\b"
    r"|\bdrop\s+(table|database)\b|\bselect\b.{0,40}\bfrom\b|\bunion\s+(all\s+)?select\b"
    r"|\binsert\s+into\b|\bdelete\s+from\b|\bupdate\s+\w+\s+set\b|\btruncate\s+table\b"
    r"|'\s*or\s*'|\bor\s+1\s*=\s*1\b|'\s*;)", re.I)
# Control characters and bidirectional overrides: the text may not read as it looks.
_HIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069\u200e\u200f]")
_SPLIT = re.compile(r"[.,;:!?()\[\]{}\n\r\t/\\|\"…]+|\s[-–—~]+\s|^[-–—~]+\s|\s[-–—~]+$")
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)*")
_REPEAT = re.compile(r"([a-z])\1{2,}")
_CONTRACTIONS = {
    "im": "i'm", "ive": "i've", "id": "i'd", "dont": "don't", "doesnt": "doesn't",
    "didnt": "didn't", "havent": "haven't", "hasnt": "hasn't", "hadnt": "hadn't",
    "isnt": "isn't", "arent": "aren't", "wasnt": "wasn't", "werent": "weren't",
    "wont": "won't", "cant": "can't", "couldnt": "couldn't", "shouldnt": "shouldn't",
    "aint": "ain't", "thats": "that's", "whats": "what's", "ya": "yeah", "yh": "yeah",
    "yeh": "yeah", "yea": "yeah", "yess": "yes", "yas": "yes", "noo": "no", "nop": "nope",
    "nah": "nope", "na": "nope", "cannot": "can't", "i'am": "i'm",
}
_BOUNDARY = {"but", "however", "although", "though", "except", "besides", "whereas",
             "just", "only", "yet", "unless"}
_BOUNDARY_PAIRS = {("apart", "from"), ("aside", "from"), ("other", "than"), ("except", "for")}


@dataclass
class _Clause:
    tokens: List[str]
    contrast: bool      # introduced by but / except / apart from / just / only ...


def _normalise(text: str) -> Optional[str]:
    """Lower-cased, accent-free text, or None if it is empty, too long or not plain text."""
    if not isinstance(text, str):
        return None
    if not text.strip() or len(text) > MAX_TEXT or _HIDDEN.search(text):
        return None
    t = unicodedata.normalize("NFKC", text)
    t = "".join(c for c in unicodedata.normalize("NFKD", t) if not unicodedata.combining(c))
    t = t.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'").replace("\u02bc", "'")
    t = t.lower()
    if _MARKUP.search(t) or _SQL.search(t):
        return None
    return t


def _token(raw: str) -> str:
    tok = _REPEAT.sub(r"\1", raw)
    if tok.endswith("'s") and tok not in ("it's", "that's", "what's", "let's", "he's", "she's"):
        tok = tok[:-2]
    return _CONTRACTIONS.get(tok, tok)


def _clauses(low: str) -> List[_Clause]:
    """Split text into clauses: negation reaches to the end of its clause only."""
    out: List[_Clause] = []
    for segment in _SPLIT.split(low):
        if not segment:
            continue
        toks = [_token(m.group(0)) for m in _TOKEN.finditer(segment)]
        current = _Clause([], False)
        i = 0
        while i < len(toks):
            tok = toks[i]
            nxt = toks[i + 1] if i + 1 < len(toks) else ""
            if (tok, nxt) in _BOUNDARY_PAIRS:
                if current.tokens:
                    out.append(current)
                current = _Clause([], True)
                i += 2
                continue
            if tok in _BOUNDARY:
                if current.tokens:
                    out.append(current)
                current = _Clause([], True)
                i += 1
                continue
            if tok == "and" and nxt in ("i", "i'm", "i've", "i'd", "my", "also") and current.tokens:
                out.append(current)
                current = _Clause([], False)
                i += 1
                continue
            current.tokens.append(tok)
            i += 1
        if current.tokens or current.contrast:
            out.append(current)
    return [c for c in out if c.tokens] or []


def _tokens(clauses: Sequence[_Clause]) -> List[str]:
    return [t for c in clauses for t in c.tokens]


_NEG_WORDS = {"no", "not", "never", "none", "nothing", "neither", "nor", "without", "nope",
              "nil", "non", "nada", "negative", "zero", "nobody", "nowhere"}


def _is_neg(tok: str) -> bool:
    return tok in _NEG_WORDS or tok.endswith("n't")


def _has_neg(tokens: Iterable[str]) -> bool:
    return any(_is_neg(t) for t in tokens)


def _phrase_re(phrases: Iterable[str]) -> "re.Pattern[str]":
    alts = sorted((re.escape(p) for p in phrases), key=len, reverse=True)
    return re.compile(r"(?<![a-z0-9'])(?:" + "|".join(alts) + r")(?![a-z0-9'])")


_UNSURE = _phrase_re([
    "not sure", "unsure", "don't know", "do not know", "dunno", "idk", "no idea",
    "not certain", "uncertain", "can't remember", "can't recall", "don't remember",
    "do not remember", "not 100", "maybe", "perhaps", "possibly", "probably", "might",
    "might be", "could be", "i guess", "no clue", "hard to say", "not too sure",
    "i'm unsure", "don't recall", "can't say", "not positive", "idr", "unclear",
])
# "not that I know of" is a no, though it contains "know".
_NEG_OVERRIDE = _phrase_re([
    "not that i know", "not that i'm aware", "not that i am aware", "none that i know",
    "don't know of any", "do not know of any", "not to my knowledge", "none i know of",
    "nothing that i know", "nothing i know",
])
_SKIP = _phrase_re(["skip", "skip it", "skip this", "rather not say", "prefer not to say",
                    "rather not answer", "prefer not to answer", "not telling",
                    "none of your business", "mind your own"])
_WHOLE_SKIP = {"pass", "next", "next question", "skip"}

_YES_WORDS = {"yes", "yeah", "yep", "yup", "yah", "ye", "aye", "sure", "correct",
              "definitely", "absolutely", "affirmative", "indeed", "certainly", "true",
              "ofc", "yessir", "yass", "affirm"}
_PAST = _phrase_re(["ago", "used to", "in the past", "previously", "years back", "when i was",
                    "as a child", "as a kid", "as a teenager", "once", "last year",
                    "years", "got over", "recovered", "cleared up", "healed", "gone now",
                    "went away", "no longer", "not any more", "not anymore", "had one",
                    "i had", "i was", "stopped", "finished"])
_NOW = _phrase_re(["now", "right now", "currently", "at the moment", "atm", "still", "today",
                   "at present", "this week", "flaring", "flare up", "active", "ongoing"])
_PLAIN_YES = {"yes", "yeah", "yep", "yup", "yah", "ye", "aye", "yass", "yessir", "affirm"}
_WHOLE_YES = {
    "y", "i do", "i am", "i have", "i did", "i was", "i think so", "i believe so",
    "that's me", "that's right", "that is right", "right", "it is", "uh huh", "mhm",
    "mm hmm", "i sure do", "i do yes", "guilty", "of course", "i have yes", "i am yes",
    "yes i do", "yes i am", "yes i have", "yes i did", "i'm afraid so", "afraid so",
    "unfortunately", "unfortunately so", "that's correct", "i have done", "i do actually",
}
_WHOLE_NO = {"n", "no", "nope", "never", "none", "nothing", "neither", "nil", "negative",
             "no i don't", "no i'm not", "no i haven't", "not me", "nothing like that",
             "none of those", "none of them", "none of the above", "no never", "nope never",
             "not at all", "no none", "not really", "nothing at all"}
# A whole answer saying "nothing wrong" (after "no", "thanks" and the like).
_ALL_FINE = re.compile(
    r"^(?:no )?(?:i'm |i am |all |feeling |i feel |i'm feeling |my skin is |skin is |"
    r"totally |perfectly |completely )?(?:fine|good|well|healthy|fit and healthy|"
    r"fit and well|clear|great|ok|okay)(?: thanks| thank you| cheers)?$"
    r"|^(?:clear skin|nothing to report|nothing to declare|nkda|nka|nkfa)$")
# "fine" or "good" alone may mean "fine, yes": only longer forms ("I'm fine") say no.
_TOO_SHORT_TO_BE_NO = {"ok", "okay", "good", "great", "well", "fine", "clear"}
_AFFIRM = [("i", "have"), ("i've",), ("i", "had"), ("i'd", "had"), ("i", "take"),
           ("i", "took"), ("i'm", "taking"), ("i", "am", "taking"), ("taking",),
           ("i'm", "on"), ("i", "am", "on"), ("i", "use"), ("i'm", "using"),
           ("i", "am", "using"), ("i", "got"), ("i", "get"), ("i", "suffer"),
           ("i'm", "suffering"), ("diagnosed",), ("i", "did"), ("i", "do"),
           ("i", "was"), ("had",), ("have",), ("got",), ("take",), ("i'm", "allergic"),
           ("i", "am", "allergic"), ("allergic",), ("currently",), ("i", "recently"),
           ("recently",), ("i", "still")]
_FILLER = {
    "i", "i'm", "i've", "i'd", "me", "my", "a", "an", "the", "some", "any", "it", "it's",
    "that", "that's", "this", "these", "those", "is", "am", "are", "was", "were", "be",
    "been", "have", "has", "had", "take", "taking", "took", "use", "using", "used", "on",
    "got", "get", "do", "does", "did", "just", "only", "but", "except", "apart", "from",
    "other", "than", "besides", "also", "really", "well", "so", "ok", "okay", "thanks",
    "thank", "you", "please", "for", "asking", "of", "to", "and", "or", "with", "in", "at",
    "daily", "every", "day", "sometimes", "occasionally", "regularly", "now", "currently",
    "still", "lol", "haha", "um", "erm", "hmm", "uh", "oh", "ah", "hi", "hello", "actually",
    "anyway", "though", "either", "too", "as", "far", "know", "think", "thing", "things",
    "stuff", "like", "kind", "sort", "at", "all", "cheers", "right", "mate", "dear",
    "recently", "bit", "little", "lot", "one", "them", "they", "those", "there",
    "year", "years", "month", "months", "week", "weeks", "ago", "last", "about", "around",
    "once", "twice", "before", "since", "time", "times", "then", "when", "if", "can",
    "odd", "occasional", "occasionally", "rare", "rarely", "few", "couple",
}
_QUESTION_START = {"what", "what's", "why", "how", "which", "who", "when", "where", "does",
                   "do", "is", "are", "can", "could", "should", "would", "will", "shall",
                   "may", "whats", "hows", "whys", "explain", "define"}
_QUESTION_WORDS = {"mean", "meaning", "means", "question", "explain", "understand", "huh",
                   "pardon", "sorry", "eh"}


@dataclass
class _Match:
    start: int
    end: int
    clause: int
    entries: List[_Entry]
    negated: bool


def _lookup_keys(tok: str) -> List[str]:
    keys = [tok]
    if len(tok) >= 4 and tok.endswith("s"):
        keys.append(tok[:-1])
    if len(tok) >= 5 and tok.endswith("es"):
        keys.append(tok[:-2])
    return keys


def _form_at(toks: List[str], i: int, form: Tuple[str, ...]) -> bool:
    n = len(form)
    if i + n > len(toks):
        return False
    for k in range(n):
        have = toks[i + k]
        want = form[k]
        if have == want:
            continue
        if k == n - 1 and have in (want + "s", want + "es") and len(want) >= 3:
            continue
        return False
    return True


def _find_terms(clauses: Sequence[_Clause]) -> List[_Match]:
    """Every vocabulary form in the text: longest first, never overlapping, within a clause."""
    r = _rules()
    found: List[_Match] = []
    for ci, clause in enumerate(clauses):
        toks = clause.tokens
        cands: List[Tuple[int, int, Tuple[str, ...]]] = []
        for i, tok in enumerate(toks):
            for key in _lookup_keys(tok):
                for form in r.by_first.get(key, ()):
                    if len(form) == 1:
                        if key == form[0]:
                            cands.append((i, i + 1, form))
                    elif key == tok and _form_at(toks, i, form):
                        cands.append((i, i + len(form), form))
        cands.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
        taken = [False] * len(toks)
        for start, end, form in cands:
            if any(taken[start:end]):
                continue
            for k in range(start, end):
                taken[k] = True
            found.append(_Match(start, end, ci, r.forms[form], _has_neg(toks[:start])))
    found.sort(key=lambda m: (m.clause, m.start))
    return found


def _own(m: _Match, slot: str, kind: str) -> Optional[_Entry]:
    return next((e for e in m.entries if e.slot == slot and e.kind == kind), None)


def _is_other(m: _Match, slot: str) -> bool:
    return not any(e.slot == slot for e in m.entries) and any(e.kind == "vocab" for e in m.entries)


def _affirm_spans(toks: List[str]) -> List[int]:
    hits: List[int] = []
    for i in range(len(toks)):
        for phrase in _AFFIRM:
            if tuple(toks[i:i + len(phrase)]) == phrase:
                hits.extend(range(i, i + len(phrase)))
    return hits


def _leftover(clause: _Clause, ci: int, matches: Sequence[_Match], slot: str) -> List[str]:
    """Words of a clause not explained by fillers, yes-words or listed terms.

    Terms of this question and other questions' vocabulary count as
    explained; another question's `not_counted` list does not.
    """
    covered = set()
    for m in matches:
        if m.clause == ci and any(e.slot == slot or e.kind == "vocab" for e in m.entries):
            covered.update(range(m.start, m.end))
    return [t for k, t in enumerate(clause.tokens)
            if k not in covered and t not in _FILLER and t not in _YES_WORDS
            and not _is_neg(t) and not t.isdigit()]


def _clip(text: str) -> Optional[str]:
    text = re.sub(r"\s+", " ", text).strip(" \t,.;:!-")
    if not text:
        return None
    return text if len(text) <= MAX_DETAIL else text[:MAX_DETAIL - 1].rstrip() + "…"


_LEADING_YES = re.compile(r"^\s*((y+e+s+|y+e+a+h*|y+e+p+|y+u+p+|yah|sure|correct|y|i do|i am|"
                          r"i have|definitely|absolutely)\b[\s,.!:;-]*)+", re.I)


def _own_words(text: str) -> Optional[str]:
    """The patient's words as detail, without a leading "yes", at most MAX_DETAIL chars."""
    t = unicodedata.normalize("NFKC", text)
    t = "".join(c for c in t if c.isprintable())
    return _clip(_LEADING_YES.sub("", t))


def _terms_detail(found: Sequence[Tuple[_Match, _Entry]],
                  clauses: Sequence[_Clause]) -> Optional[str]:
    """What the patient named, as staff read it: "warfarin", "chemo (cancer treatment)".

    A generic word ("allergic", "penicillin") gives the words of its clause instead.
    """
    parts: List[str] = []
    generic_clauses: List[int] = []
    for m, e in found:
        if e.generic:
            generic_clauses.append(m.clause)
            continue
        surface = " ".join(clauses[m.clause].tokens[m.start:m.end])
        words = set(re.findall(r"[a-z0-9]+", e.term.lower()))
        same = words <= set(re.findall(r"[a-z0-9]+", surface))
        parts.append(surface if same else f"{surface} ({e.term})")
    if not parts:
        parts = [" ".join(clauses[i].tokens) for i in dict.fromkeys(generic_clauses)]
    return _clip(", ".join(dict.fromkeys(parts)))


def _answer(value: Optional[bool], detail: Optional[str], unsure: bool = False,
            understood: Optional[str] = None) -> Answer:
    if understood is None:
        base = {True: "yes", False: "no", None: "not sure" if unsure else "unclear"}[value]
        understood = f"{base}: {detail}" if detail else base
    return Answer(value, detail, understood[:MAX_DETAIL + 20], unsure)


_UNCLEAR = Answer(None, None, "unclear", False)


# ================================================================ parsers

def _payload(low: str) -> Optional[str]:
    m = re.fullmatch(r"\s*/(affirm|deny)(\{.*\})?\s*", low)
    return m.group(1) if m else None


def parse_yes_no(text: Any, slot: str) -> Answer:
    """Read a yes/no answer; naming a listed medicine or condition counts as yes.

    "yes I take warfarin" -> True, detail "warfarin"; "no I don't take aspirin"
    -> False; "maybe", "what?", emoji -> None (ask again); "not sure", "I don't
    know", "skip" -> None with ``unsure=True``.
    """
    try:
        return _parse_yes_no(text, slot)
    except Exception:  # noqa: BLE001 - an answer we cannot read is re-asked, never a crash
        log.exception("could not read a yes/no answer")
        return _UNCLEAR


def _parse_yes_no(text: Any, slot: str) -> Answer:
    low = _normalise(text)
    if low is None:
        return _UNCLEAR
    if low.lstrip().startswith("/"):
        kind = _payload(low)
        return _answer(kind == "affirm", None) if kind else _UNCLEAR
    clauses = _clauses(low)
    toks = _tokens(clauses)
    if not any(re.search(r"[a-z]", t) for t in toks):
        return _UNCLEAR
    joined = " ".join(toks)
    if joined in _WHOLE_SKIP or _SKIP.search(joined):
        return Answer(None, None, "skipped", True)
    if joined in _WHOLE_YES:
        return _answer(True, None)
    if joined in _WHOLE_NO or (_ALL_FINE.match(joined) and joined not in _TOO_SHORT_TO_BE_NO):
        return _answer(False, None)

    matches = _find_terms(clauses)
    own_found = [(m, e) for m in matches if not m.negated for e in [_own(m, slot, "vocab")] if e]
    own_yes = [e for _, e in own_found]
    not_counted = [e for m in matches if not m.negated for e in [_own(m, slot, "not_counted")] if e]
    others = [m for m in matches if not m.negated and _is_other(m, slot)]

    if _UNSURE.search(joined) and not _NEG_OVERRIDE.search(joined):
        detail = _terms_detail(own_found, clauses) if own_found else None
        return _answer(None, detail, unsure=True)

    neg_clauses = [i for i, c in enumerate(clauses) if _has_neg(c.tokens)]
    past = bool(_PAST.search(joined)) and not _NOW.search(joined)
    yes_word = any(t in _YES_WORDS for i, c in enumerate(clauses) if i not in neg_clauses
                   for t in c.tokens)
    asks = (toks[0] in _QUESTION_START or any(t in _QUESTION_WORDS for t in toks)
            or low.rstrip().endswith("?"))
    if asks and not yes_word and not neg_clauses:
        return Answer(None, None, "unclear: a question", False)

    other_found = [(m, next(e for e in m.entries if e.kind == "vocab")) for m in others]
    other_slots = list(dict.fromkeys(e.slot for _, e in other_found))
    if own_yes:
        found = _answer(True, _terms_detail(own_found, clauses))
        found.past = past
        found.terms = list(dict.fromkeys((e.slot, e.term) for e in own_yes))
        return found
    if any(i in neg_clauses and any(t in _PLAIN_YES for t in c.tokens)
           for i, c in enumerate(clauses)):
        return Answer(None, None, "unclear: both yes and no", False)     # "yes and no"
    if other_found and not yes_word:
        described = any(_leftover(c, i, matches, slot)
                        for i, c in enumerate(clauses) if i not in neg_clauses)
        if not described:
            # Only another question's listed words ("I've got flu" to the
            # health-conditions question): routed by that question's rule.
            detail = _terms_detail(other_found, clauses)
            return Answer(True, detail, _clip(f"yes: {detail}") or "yes", False,
                          other_questions=other_slots, own=False, past=past,
                          terms=list(dict.fromkeys((e.slot, e.term) for _, e in other_found)))
        if not _unlisted_is_yes(slot):
            return Answer(None, None, "unclear: not a clear yes or no", False)
        detail = _own_words(str(text))
        return Answer(True, detail, _clip(f"yes: {detail}") or "yes", False, past=past)

    yes_clauses, statements = [], []
    for i, c in enumerate(clauses):
        if i in neg_clauses:
            continue
        if any(t in _YES_WORDS for t in c.tokens):
            yes_clauses.append(i)
        elif (_affirm_spans(c.tokens) or c.contrast) and _leftover(c, i, matches, slot):
            statements.append(i)
    if statements:
        if not _unlisted_is_yes(slot):
            # "I have two kids" to "are you pregnant?": not a yes we can rely on
            return Answer(None, None, "unclear: not a clear yes or no", False)
        yes_clauses = sorted(yes_clauses + statements)

    nc_detail = (_clip(", ".join(dict.fromkeys(e.term for e in not_counted)))
                 if not_counted else None)
    if yes_clauses and not neg_clauses:
        if not_counted and not yes_word and not any(
                _leftover(clauses[i], i, matches, slot) for i in yes_clauses):
            return _answer(False, nc_detail)
        return _answer(True, _own_words(str(text)))
    if neg_clauses and not yes_clauses:
        return _answer(False, nc_detail)
    if yes_clauses and neg_clauses:
        last_yes = max(yes_clauses)
        if last_yes > max(neg_clauses) and clauses[last_yes].contrast:
            return _answer(True, _clip(" ".join(
                t for i in yes_clauses if i > max(neg_clauses) for t in clauses[i].tokens)))
        return Answer(None, None, "unclear: both yes and no", False)
    if not_counted:
        return _answer(False, nc_detail,
                       understood=f"no: {nc_detail} (not counted for this question)")
    return _UNCLEAR


def _unlisted_is_yes(slot: str) -> bool:
    """Whether "I have X" with X not listed counts as yes for this question (rules file)."""
    return bool((_rules().by_slot.get(slot) or {}).get("unlisted_is_yes", False))


_CONSENT_YES = _phrase_re([
    "yes", "yeah", "yep", "yup", "y", "sure", "ok", "okay", "k", "kk", "fine", "agree",
    "agreed", "consent", "alright", "all right", "correct", "absolutely", "definitely",
    "certainly", "of course", "ofc", "go ahead", "go on", "go for it", "let's go",
    "let's do it", "lets go", "happy to", "i'm happy", "that's ok", "sounds good", "good",
    "great", "cool", "deal", "proceed", "continue", "accept", "accepted", "aye",
    "please do", "yes please", "affirm", "that's fine", "no problem", "no worries",
    "why not", "don't mind", "do not mind", "not a problem", "no objection",
    "no objections", "no bother", "fair enough", "happy for", "i'm ok with",
    "i'm okay with", "that works",
])
# Phrases that contain a negation but say yes: taken out before negation is read.
_CONSENT_NEUTRAL = _phrase_re(["no problem", "no worries", "why not", "don't mind",
                               "do not mind", "not a problem", "no objection",
                               "no objections", "no bother"])
_CONSENT_NO = _phrase_re(["decline", "declined", "refuse", "disagree", "stop", "cancel",
                          "rather not", "prefer not", "no thanks", "no thank you",
                          "leave it", "forget it", "deny"])


def parse_consent(text: Any) -> Optional[bool]:
    """True for a clear agreement to store the answers, False for a clear refusal.

    None (ask again) for anything else: a question, "maybe", a mixed reply
    ("ok but don't save it"), emoji, markup.
    """
    try:
        return _parse_consent(text)
    except Exception:  # noqa: BLE001
        log.exception("could not read a consent answer")
        return None


def _parse_consent(text: Any) -> Optional[bool]:
    low = _normalise(text)
    if low is None:
        return None
    if low.lstrip().startswith("/"):
        kind = _payload(low)
        return (kind == "affirm") if kind else None
    if low.rstrip().endswith("?"):
        return None
    clauses = _clauses(low)
    toks = _tokens(clauses)
    if not toks or toks[0] in _QUESTION_START - {"do", "can", "will"}:
        return None
    joined = " ".join(toks)
    if _UNSURE.search(joined):
        return None
    if joined in ("n", "nay"):
        return False
    yes = no = False
    for c in clauses:
        body = " ".join(c.tokens)
        neutral = _CONSENT_NEUTRAL.sub(" ", body).split()
        if _CONSENT_NO.search(body) or _has_neg(neutral):
            no = True
        elif _CONSENT_YES.search(body):
            yes = True
    if yes != no:
        return yes
    return None


_UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
          "seven": 7, "eight": 8, "nine": 9}
_TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
          "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
         "seventy": 70, "eighty": 80, "ninety": 90, "ninty": 90}
_NUMBER_WORDS = set(_UNITS) | set(_TEENS) | set(_TENS) | {"hundred"}
_AGE_FILLER = {
    "i", "i'm", "im", "am", "is", "my", "age", "aged", "years", "year", "yrs", "yr", "y",
    "yo", "yro", "yrs", "old", "of", "it", "it's", "just", "turned", "now", "currently",
    "exactly", "the", "yes", "ok", "okay", "hi", "hello", "thanks", "thank", "you",
    "please", "well", "um", "erm", "so", "sure", "actually", "right", "young", "age's",
    "and", "a", "i'll", "me", "today", "this", "here", "its", "oh", "hey", "mate",
}


def _words_number(words: List[str]) -> Optional[int]:
    """One number written in words ("thirty one", "a hundred and five"), or None."""
    words = [w for w in words if w != "and"]
    if not words:
        return None
    total = 0
    if "hundred" in words:
        k = words.index("hundred")
        head = words[:k]
        if head == [] or head == ["a"] or head == ["one"]:
            total = 100
        else:
            return None
        words = words[k + 1:]
        if "hundred" in words:
            return None
    if not words:
        return total
    if len(words) == 1:
        w = words[0]
        for table in (_UNITS, _TEENS, _TENS):
            if w in table:
                return total + table[w]
        return None
    if len(words) == 2 and words[0] in _TENS and words[1] in _UNITS and words[1] != "zero":
        return total + _TENS[words[0]] + _UNITS[words[1]]
    return None


def parse_age(text: Any) -> Optional[int]:
    """An age in whole years (1 to 120) from digits or words, else None.

    "34", "I'm 34", "34 years old", "age: 34", "thirty-one", "a hundred".
    None when unclear: several different numbers, a negative sign, a decimal,
    any word that is not part of saying an age ("nearly 40", "18 next month").
    """
    try:
        return _parse_age(text)
    except Exception:  # noqa: BLE001
        log.exception("could not read an age")
        return None


# Words that make an age approximate, future, past or someone else's: never read past them.
_AGE_DOUBT = {
    "about", "around", "roughly", "approximately", "approx", "nearly", "almost", "over",
    "under", "above", "below", "more", "less", "than", "plus", "ish", "between", "or",
    "to", "till", "until", "next", "soon", "turning", "turn", "will", "i'll", "be",
    "gonna", "going", "in", "on", "born", "since", "ago", "was", "were", "last", "when",
    "month", "months", "week", "weeks", "day", "days", "half", "minus", "negative",
    "son", "daughter", "mum", "mom", "mother", "dad", "father", "husband", "wife",
    "partner", "child", "children", "kid", "kids", "sister", "brother", "friend",
    "boyfriend", "girlfriend", "baby", "he", "she", "he's", "she's", "they", "his", "her",
    "their", "sister's", "grandma", "grandad", "grandmother", "grandfather", "nan",
    "not", "no", "never", "don't", "isn't", "maybe", "think", "guess", "probably",
    "if", "would", "could", "height", "weight", "kg", "cm", "lbs", "stone", "feet", "ft",
    "times", "number", "phone", "pounds", "dollars", "percent", "pm", "o'clock",
}
_AGE_BEFORE = {("i'm",), ("im",), ("i", "am"), ("age",), ("aged",), ("age", "is"),
               ("my", "age", "is"), ("i", "just", "turned"), ("just", "turned"),
               ("i", "turned"), ("turned",), ("age", "it"), ("i'm", "only"), ("im", "only")}
_AGE_AFTER = {("years", "old"), ("year", "old"), ("yrs", "old"), ("yr", "old"), ("yo",),
              ("yro",), ("yrs",), ("years", "of", "age"), ("years",), ("y",)}


def _parse_age(text: Any) -> Optional[int]:
    if isinstance(text, bool):
        return None
    if isinstance(text, int):
        return text if MIN_AGE <= text <= MAX_AGE else None
    if not isinstance(text, str) or len(text) > MAX_AGE_TEXT:
        return None
    low = _normalise(text)
    if low is None:
        return None
    low = low.replace("y/o", " yo ").replace("y.o.", " yo ")
    low = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", low)           # "thirty-one"
    if re.search(r"(^|[^\w])[-\u2212\u2013]\s*\d", low):     # "-3"
        return None
    if re.search(r"\d\s*[.,]\s*\d", low):                    # "34.5", "34,5"
        return None
    if re.search(r"\d", re.sub(r"[0-9]", "", low)):          # digits of other scripts
        low = "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in low)
    pieces = re.findall(r"[0-9]+|[a-z]+(?:'[a-z]+)?|[^\s0-9a-z]", low)

    # Read the pieces into words and numbers ("thirty one" is one number).
    items: List[Tuple[str, Any]] = []       # ("num", int) or ("word", str)
    run: List[str] = []

    def close_run() -> bool:
        if not run:
            return True
        words = list(run)
        run.clear()
        if words in (["a"], ["and"]):
            items.extend(("word", w) for w in words)
            return True
        value = _words_number(words)
        if value is None:
            return False
        items.append(("num", value))
        return True

    for piece in pieces:
        if piece.isdigit():
            if not close_run():
                return None
            items.append(("num", int(piece)))
        elif piece in _NUMBER_WORDS or piece == "a" or (piece == "and" and run):
            run.append(piece)
        else:
            if not close_run():
                return None
            if re.fullmatch(r"[a-z]+(?:'[a-z]+)?", piece):
                items.append(("word", piece))
            elif unicodedata.category(piece) in ("So", "Sk") or piece in "\u200d\ufe0f":
                continue                                        # an emoji beside the age
            elif piece in ":=~'\"!.,;()?":
                items.append(("punct", piece))
            else:
                return None
    if not close_run():
        return None

    numbers = [v for kind, v in items if kind == "num"]
    if len(set(numbers)) != 1:
        return None
    age = numbers[0]
    if not MIN_AGE <= age <= MAX_AGE:
        return None
    words = [v for kind, v in items if kind == "word"]
    if all(w in _AGE_FILLER for w in words) and "?" not in [v for k, v in items if k == "punct"]:
        return age
    # Other words are allowed only when the number is plainly marked as the
    # patient's own age ("I'm 52, fit and healthy", "32 yo female") and
    # nothing makes it approximate or someone else's.
    if any(w in _AGE_DOUBT for w in words) or len(numbers) != 1:
        return None
    seq = [("#" if kind == "num" else v) for kind, v in items if kind != "punct"]
    k = seq.index("#")
    before = any(tuple(seq[max(0, k - len(m)):k]) == m for m in _AGE_BEFORE)
    after = any(tuple(seq[k + 1:k + 1 + len(m)]) == m for m in _AGE_AFTER)
    return age if before or after else None


def is_skip(text: Any) -> bool:
    """True when the patient asks to skip a question ("skip", "pass", "rather not say")."""
    low = _normalise(text) if isinstance(text, str) else None
    if low is None:
        return False
    joined = " ".join(_tokens(_clauses(low)))
    return joined in _WHOLE_SKIP or bool(_SKIP.search(joined))


# ================================================================ outcome

def _coerce_yes_no(slot: str, raw: Any) -> Answer:
    """An Answer from what the form stored: bool, Answer, dict or the typed text.

    A stored dict keeps the typed text: it is read again to learn whether
    the patient named another question's words (``own`` / ``other_questions``).
    """
    if isinstance(raw, Answer):
        return raw
    if isinstance(raw, Mapping):
        value = raw.get("value")
        detail = raw.get("detail")
        understood = raw.get("understood")
        typed = raw.get("typed")
        if detail is None and isinstance(understood, str) and understood.startswith("yes: "):
            detail = understood[5:]
        detail = _clip(detail) if isinstance(detail, str) else None
        if value is True:
            again = parse_yes_no(typed, slot) if isinstance(typed, str) else None
            if again is not None and again.value is True:
                return Answer(True, detail or again.detail, again.understood,
                              other_questions=again.other_questions, own=again.own,
                              past=again.past, terms=again.terms)
            return Answer(True, detail, "yes")
        if value is False:
            return Answer(False, detail, "no")
        if value is None and isinstance(typed, str) and understood is None \
                and not raw.get("unsure"):
            return parse_yes_no(typed, slot)
        return Answer(None, None, "not sure", bool(raw.get("unsure")) or value == "unsure"
                      or isinstance(understood, str))
    if isinstance(raw, bool):
        return Answer(raw, None, "yes" if raw else "no")
    if isinstance(raw, str):
        s = raw.strip().lower()
        if s in ("yes", "true"):
            return Answer(True, None, "yes")
        if s in ("no", "false"):
            return Answer(False, None, "no")
        if s in ("unsure", "not sure", "skipped", "not sure / skipped"):
            return Answer(None, None, "not sure", True)
        return parse_yes_no(raw, slot)
    return _UNCLEAR


def _coerce_age(raw: Any) -> Optional[int]:
    if isinstance(raw, Answer) or isinstance(raw, bool):
        return None
    if isinstance(raw, Mapping):
        return _coerce_age(raw.get("value"))
    if isinstance(raw, float):
        return int(raw) if raw.is_integer() and MIN_AGE <= raw <= MAX_AGE else None
    if isinstance(raw, (int, str)):
        return parse_age(raw)
    return None


def _fill(template: str, **values: Any) -> str:
    """str.format that tolerates a clinician's typo in a placeholder."""
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        return template


def _rules_for(target: Mapping[str, Any], answer: Answer) -> List[Mapping[str, Any]]:
    """The rules of ``target`` that a yes applies: a rule with ``terms`` when the
    patient named one of them; the general rules when the patient named
    something else too, or nothing listed (a plain "yes")."""
    rules = target.get("rules") or []
    named = {t for s, t in answer.terms if s == target["slot"]}
    specific = [r for r in rules if r.get("terms")]
    covered = {t for r in specific for t in r["terms"]}
    chosen = [r for r in specific if named & set(r["terms"])]
    if not named or named - covered:
        chosen += [r for r in rules if not r.get("terms")]
    return chosen


def _age_rule_applies(when: Mapping[str, int], age: int) -> bool:
    if "below" in when:
        return age < when["below"]
    return age > when["above"]


def outcome(answers: Mapping[str, Any]) -> Outcome:
    """Route a set of answers: not_suitable > clinician_review > eligible.

    ``answers`` maps slot to what the form stored: a bool, an int age, None
    (not answered or not sure), "unsure", an ``Answer``, a dict with
    ``value`` (and optionally ``detail``/``understood``/``typed``), or the
    typed text itself. Any question missing or unplaced goes to clinician
    review (CLINICAL.md). The consent is not part of the routing.
    """
    try:
        return _outcome(answers if isinstance(answers, Mapping) else {})
    except PrescreenRulesError:
        raise
    except Exception:  # noqa: BLE001 - a broken answer must still reach a clinician
        log.exception("pre-screen outcome failed; routing to clinician review")
        return Outcome("clinician_review", ["the answers could not be evaluated"],
                       ["a clinician needs to go over your answers with you"])


def _outcome(answers: Mapping[str, Any]) -> Outcome:
    r = _rules()
    order = list(r.raw["outcomes"])
    np = r.raw["not_placed"]
    findings: List[Tuple[str, str, str]] = []   # (outcome, staff, patient)

    for q in r.questions:
        if q["type"] == "consent":
            continue
        raw = answers.get(q["slot"])
        if q["type"] == "age":
            age = _coerce_age(raw)
            if age is None:
                unsure = isinstance(raw, str) and raw.strip().lower() in ("unsure", "skipped")
                findings.append(_not_placed(np, q, unsure))
                continue
            for rule in q.get("rules") or []:
                if _age_rule_applies(rule["when"], age):
                    findings.append((rule["outcome"], _fill(rule["staff_reason"], value=age),
                                     _fill(rule["patient_reason"], value=age)))
            continue
        a = _coerce_yes_no(q["slot"], raw)
        if a.value is None:
            findings.append(_not_placed(np, q, a.unsure))
            continue
        if not a.value:
            continue
        routed = [r.by_slot[s] for s in a.other_questions if s in r.by_slot]
        if a.own or not routed:
            routed.insert(0, q)
        for target in routed:
            detail = a.detail or "yes"
            if target is not q:
                detail = f"{detail} (said in answer to: {q['topic_staff']})"
            for rule in _rules_for(target, a):
                if rule["outcome"] == "not_suitable" and a.past:
                    # spoken of as past: a clinician checks it is over
                    pa = r.raw["past_answer"]
                    findings.append((pa["outcome"],
                                     _fill(pa["staff_reason"], topic_staff=target["topic_staff"],
                                           topic=target["topic"], detail=detail),
                                     _fill(pa["patient_reason"], topic=target["topic"],
                                           topic_staff=target["topic_staff"], detail=detail)))
                    continue
                findings.append((rule["outcome"], _fill(rule["staff_reason"], detail=detail),
                                 _fill(rule["patient_reason"], detail=detail)))

    if not findings:
        return Outcome("eligible", [], [])
    best = min((f[0] for f in findings), key=order.index)
    patient: List[str] = []
    unclear_topics: List[str] = []
    for kind, _, text in findings:
        if kind != best:
            continue
        if text.startswith(_UNPLACED_MARK):
            unclear_topics.append(text[len(_UNPLACED_MARK):])
        elif text not in patient:
            patient.append(text)
    if unclear_topics:   # one phrase for all of them: "... about A, B and C"
        patient.append(_fill(np["patient_reason"], topic=_and_list(unclear_topics)))
    return Outcome(best, [f[1] for f in findings], patient)


_UNPLACED_MARK = "\x00unplaced:"


def _and_list(items: Sequence[str]) -> str:
    items = list(dict.fromkeys(items))
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _not_placed(np: Mapping[str, Any], q: Mapping[str, Any], unsure: bool) -> Tuple[str, str, str]:
    """A finding for an answer that could not be placed; its patient text is merged later."""
    status = np["status"]["unsure" if unsure else "missing"]
    return (np["outcome"],
            _fill(np["staff_reason"], topic_staff=q["topic_staff"], topic=q["topic"],
                  status=status),
            _UNPLACED_MARK + q["topic"])


def reasons_text(patient_reasons: Sequence[str]) -> str:
    """The patient reasons as one phrase list for the ``{prescreen_reasons}`` slot."""
    return "; ".join(patient_reasons)
