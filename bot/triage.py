"""Red-flag triage of a patient's message after treatment.

Why this exists: a patient who writes "my cheek went white and it hurts like
hell" must get the emergency advice on that very message, whatever the intent
classifier thought. A trained classifier can miss a rare phrasing; these rules
cannot be out-voted. So the decision is made here, in plain Python with a
blank spaCy pipeline (tokenizer only) and the rules in
``knowledge/red_flags.yml``, which a clinician reads and edits. No word of a
sign is written in this file.

How a message is read (each step is data in the YAML file):

1. every sign pattern is matched (PhraseMatcher on lower case, Matcher token
   patterns with typo regexes); matches cancelled by an ``exclude`` pattern go;
2. negation: "no fever, no pus" drops those signs; a cue inside a sign's own
   words ("can't breathe") is part of the sign;
3. frames: a general question ("can it cause infection?") or a past history
   ("I had a stroke in 2015") drops signs below emergency, and emergency signs
   only when the words are a clinical term rather than a description;
4. context: some signs change level after fat-dissolving injections;
5. escalation: an expected effect with a duration ("swelling for 10 days") or a
   cue ("bruise getting worse") becomes the sign named in its ``escalate`` list;
6. the highest level wins.

Public interface: ``LEVELS``, ``Assessment``, ``assess``, ``highest``,
``vague_questions``, ``assess_answers``, ``signs_label``,
``is_first_person_report``, ``sign_info``, ``reply_for``, ``load_rules``.
"""
from __future__ import annotations

import bisect
import functools
import html
import logging
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Sequence, Set, Tuple

import yaml

logger = logging.getLogger(__name__)

RULES_PATH = Path(__file__).resolve().parent.parent / "knowledge" / "red_flags.yml"

# Lowest to highest. The YAML file repeats this list; load_rules checks they agree.
LEVELS: Tuple[str, ...] = ("none", "routine", "urgent", "emergency")

# A message longer than this is cut before matching: 30,000 characters is far
# beyond a real chat message (a 20,000-character one is read in full). A red
# flag anywhere in the first 30,000 characters is found.
MAX_CHARS = 30_000
# Keep the match list readable for staff and logs.
MAX_MATCHES = 60

_SENTENCE_END = {".", "!", "?", ";", "...", "…", "!!", "??", "?!", "!?"}


@dataclass
class Assessment:
    """The triage of one message.

    level: the highest level found; ``None`` when no symptom was found at all
    (a vague report or not a report), ``"none"`` when only expected effects were.
    signs: the counted sign ids, worst first. matches: every sign found, with
    its status ("counted", "negated", "resolved", "general_question", "history",
    "habitual", "no_context", "within"). negated: sign ids found but negated.
    reasons: short sentences for staff and logs.
    """

    level: Optional[str]
    signs: List[str] = field(default_factory=list)
    matches: List[Dict[str, Any]] = field(default_factory=list)
    negated: List[str] = field(default_factory=list)
    reasons: List[str] = field(default_factory=list)

    def to_dict(self) -> Dict[str, Any]:
        return asdict(self)


# ---------------------------------------------------------------------------
# Levels

def level_rank(level: Optional[str]) -> int:
    """Position in LEVELS, -1 for None or an unknown name."""
    try:
        return LEVELS.index(level)  # type: ignore[arg-type]
    except ValueError:
        return -1


def highest(*levels: Optional[str]) -> Optional[str]:
    """The highest of the given levels, ignoring None and unknown names."""
    known = [lv for lv in levels if level_rank(lv) >= 0]
    if not known:
        return None
    return max(known, key=level_rank)


# ---------------------------------------------------------------------------
# Loading and compiling the rules

@dataclass(frozen=True)
class Sign:
    id: str
    level: str
    label: str
    source: str
    context: Optional[str]
    outside_context: Optional[str]
    escalate: Tuple[Dict[str, Any], ...]
    late: Tuple[Dict[str, Any], ...]
    prescreen_slot: Optional[str]


@functools.lru_cache(maxsize=1)
def _nlp():
    """The blank English tokenizer, built once per process."""
    import spacy  # imported here: importing bot.triage stays cheap until first use

    return spacy.blank("en")


def _strings(value: Any, where: str) -> List[str]:
    """A list of words/phrases from the YAML; refuses YAML's booleans and numbers."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValueError(f"{where}: expected a list, got {type(value).__name__}")
    out = []
    for item in value:
        if not isinstance(item, str):
            raise ValueError(
                f"{where}: {item!r} is not text (quote words such as no, yes, on, off)"
            )
        out.append(item)
    return out


def _check_pattern_words(pattern: Any, where: str) -> None:
    """Token patterns too: an unquoted `no` in an IN list would become False."""
    if isinstance(pattern, dict):
        for k, v in pattern.items():
            if k == "IN" and isinstance(v, list):
                _strings(v, where)
            else:
                _check_pattern_words(v, where)
    elif isinstance(pattern, list):
        for p in pattern:
            _check_pattern_words(p, where)


def _gather_literals(pattern: List[Dict[str, Any]], words: Set[str], regexes: List[str]) -> None:
    for token in pattern:
        for attr, spec in token.items():
            if attr == "OP":
                continue
            if isinstance(spec, str):
                words.add(spec.lower())
            elif isinstance(spec, dict):
                words.update(str(w).lower() for w in spec.get("IN") or [])
                if "REGEX" in spec:
                    regexes.append(spec["REGEX"])


class Rules:
    """The compiled red-flag rules: matchers plus the word lists around them."""

    def __init__(self, data: Dict[str, Any]) -> None:
        from spacy.matcher import Matcher, PhraseMatcher

        self.data = data
        self.nlp = _nlp()
        vocab = self.nlp.vocab
        if tuple(data.get("levels") or ()) != LEVELS:
            raise ValueError(f"red_flags.yml levels must be {list(LEVELS)}")
        self.matcher = Matcher(vocab, validate=True)
        self.phrases = PhraseMatcher(vocab, attr="LOWER")
        # every word and regex the token patterns name: text without any of
        # them is not given to the (slower) token Matcher at all
        self.literals: Set[str] = set()
        self.literal_regexes: List[str] = []

        self.signs: Dict[str, Sign] = {}
        self._load_signs(data.get("signs") or [])
        self._load_negation(data.get("negation") or {})
        self._load_frames(data.get("frames") or {})
        self._load_cues(data.get("cues") or {})
        self._load_contexts(data.get("contexts") or {})
        self._load_durations(data.get("durations") or {})
        self._load_report_markers(data.get("report_markers") or {})
        self._load_questions(data.get("vague_report") or {})
        self.replies: Dict[str, str] = dict(data.get("replies") or {})
        self.literal_rx = re.compile("|".join(f"(?:{r})" for r in self.literal_regexes) or "(?!)")

    def interesting(self, word: str) -> bool:
        """Could this lower-case token start or take part in a token pattern?"""
        return word in self.literals or self.literal_rx.match(word) is not None

    # -- helpers to add patterns -------------------------------------------
    def _add_phrases(self, key: str, phrases: Iterable[str]) -> None:
        docs = []
        for p in phrases:
            p = normalise(p).strip()
            if p:
                docs.append(self.nlp.make_doc(p))
        if docs:
            self.phrases.add(key, docs)

    def _add_patterns(self, key: str, patterns: Any, where: str) -> None:
        if not patterns:
            return
        if not isinstance(patterns, list) or not all(isinstance(p, list) for p in patterns):
            raise ValueError(f"{where}: patterns must be a list of token lists")
        _check_pattern_words(patterns, where)
        for pattern in patterns:
            _gather_literals(pattern, self.literals, self.literal_regexes)
        try:
            self.matcher.add(key, patterns)
        except Exception as exc:  # spaCy's own message names the bad key
            raise ValueError(f"{where}: invalid spaCy pattern: {exc}") from exc

    def _add_block(self, key: str, block: Dict[str, Any], where: str) -> None:
        self._add_phrases(key, _strings(block.get("phrases"), f"{where}.phrases"))
        self._add_patterns(key, block.get("patterns"), f"{where}.patterns")

    # -- sections ------------------------------------------------------------
    def _load_signs(self, items: List[Dict[str, Any]]) -> None:
        for item in items:
            sid = item.get("id")
            where = f"signs[{sid}]"
            if not sid or sid in self.signs:
                raise ValueError(f"{where}: missing or duplicate id")
            level = item.get("level")
            if level not in LEVELS:
                raise ValueError(f"{where}: unknown level {level!r}")
            outside = item.get("outside_context")
            if outside is not None and outside not in LEVELS:
                raise ValueError(f"{where}: unknown outside_context {outside!r}")
            self.signs[sid] = Sign(
                id=sid,
                level=level,
                label=str(item.get("label") or sid),
                source=str(item.get("source") or ""),
                context=item.get("context"),
                outside_context=outside,
                escalate=tuple(item.get("escalate") or ()),
                late=tuple(item.get("late") or ()),
                prescreen_slot=item.get("prescreen_slot"),
            )
            self._add_phrases(f"S|{sid}", _strings(item.get("phrases"), f"{where}.phrases"))
            self._add_patterns(f"S|{sid}", item.get("patterns"), f"{where}.patterns")
            self._add_phrases(f"T|{sid}", _strings(item.get("terms"), f"{where}.terms"))
            self._add_patterns(f"X|{sid}", item.get("exclude"), f"{where}.exclude")
        for sign in self.signs.values():
            for rule in sign.escalate:
                target = rule.get("to")
                if target not in self.signs:
                    raise ValueError(f"signs[{sign.id}].escalate: unknown sign {target!r}")
                if "min_days" not in rule and "cue" not in rule:
                    raise ValueError(f"signs[{sign.id}].escalate: needs min_days or cue")
            for rule in sign.late:
                if rule.get("to") not in self.signs or "min_days" not in rule:
                    raise ValueError(f"signs[{sign.id}].late: needs min_days and a known sign in `to`")

    def _load_negation(self, neg: Dict[str, Any]) -> None:
        self.neg_max_gap = int(neg.get("max_gap", 5))
        det = neg.get("determiner") or {}
        verb = neg.get("verbal") or {}
        self._add_block("NEG_DET", det, "negation.determiner")
        self._add_block("NEG_VERB", verb, "negation.verbal")
        self.neg_fillers = {
            "NEG_DET": set(_strings(det.get("fillers"), "negation.determiner.fillers")),
            "NEG_VERB": set(_strings(verb.get("fillers"), "negation.verbal.fillers")),
        }
        self.neg_connectors = set(_strings(neg.get("connectors"), "negation.connectors"))
        self._add_block("PSEUDO", neg.get("pseudo") or {}, "negation.pseudo")
        post = neg.get("post") or {}
        self._add_block("POST", post, "negation.post")
        self.post_fillers = set(_strings(post.get("fillers"), "negation.post.fillers"))
        self.post_max_gap = int(post.get("max_gap", 3))

    def _load_frames(self, frames: Dict[str, Any]) -> None:
        self.frame_names: List[str] = []
        self.frame_terminators: Dict[str, Set[str]] = {}
        self.frame_terms_only: Set[str] = set()
        for name, block in frames.items():
            if name == "present":
                self._add_block("PRESENT", block, "frames.present")
                continue
            self.frame_names.append(name)
            if block.get("terms_only"):
                self.frame_terms_only.add(name)
            self._add_block(f"F|{name}", block, f"frames.{name}")
            terms = _strings(block.get("terminators"), f"frames.{name}.terminators")
            self.frame_terminators[name] = {t for t in terms if " " not in t}
            multi = [t for t in terms if " " in t]
            self._add_phrases(f"B|{name}", multi)

    def _load_cues(self, cues: Dict[str, Any]) -> None:
        self.cue_window = int(cues.get("window", 8))
        self.cue_terminators = set(_strings(cues.get("terminators"), "cues.terminators"))
        self.cue_names = [k for k in cues if k not in ("window", "terminators")]
        for name in self.cue_names:
            self._add_block(f"C|{name}", cues[name] or {}, f"cues.{name}")

    def _load_contexts(self, contexts: Dict[str, Any]) -> None:
        self.contexts = {name: (block or {}).get("label", name) for name, block in contexts.items()}
        for name, block in contexts.items():
            self._add_block(f"CTX|{name}", block or {}, f"contexts.{name}")

    def _load_durations(self, dur: Dict[str, Any]) -> None:
        self.units = [(re.compile(u["regex"]), float(u["days"])) for u in dur.get("units") or []]
        self.number_words = {str(k): float(v) for k, v in (dur.get("numbers") or {}).items()}
        self.bare_plural = float(dur.get("bare_plural", 2))
        self.more_words = _strings(dur.get("more"), "durations.more")
        self.less_words = _strings(dur.get("less"), "durations.less")
        for phrase, days in (dur.get("phrases") or {}).items():
            self._add_phrases(f"DUR|{float(days)}", [str(phrase)])

    def _load_report_markers(self, markers: Dict[str, Any]) -> None:
        self.first_person = {normalise(w) for w in _strings(markers.get("first_person"), "report_markers.first_person")}
        self._add_phrases("RM", _strings(markers.get("after_treatment"), "report_markers.after_treatment"))

    def _load_questions(self, vague: Dict[str, Any]) -> None:
        self.vague_default = vague.get("default_level", "routine")
        if self.vague_default not in LEVELS:
            raise ValueError("vague_report.default_level: unknown level")
        self.questions: List[Dict[str, Any]] = []
        for q in vague.get("questions") or []:
            if q.get("level") not in LEVELS or not q.get("slot"):
                raise ValueError(f"vague_report question {q!r}: needs slot and a known level")
            for sid in q.get("covers") or []:
                if sid not in self.signs:
                    raise ValueError(f"vague_report question {q['slot']}: unknown sign {sid!r}")
            self.questions.append(dict(q))

    # -- level of a sign in this message ------------------------------------
    def effective_level(self, sign: Sign, contexts: Set[str]) -> Optional[str]:
        if sign.context is None or sign.context in contexts:
            return sign.level
        return sign.outside_context


@functools.lru_cache(maxsize=4)
def load_rules(path: Optional[str] = None) -> Rules:
    """Read and compile the rules once per process (``load_rules.cache_clear()`` to reload)."""
    p = Path(path) if path else RULES_PATH
    with open(p, encoding="utf-8") as f:
        data = yaml.safe_load(f) or {}
    return Rules(data)


# ---------------------------------------------------------------------------
# Text preparation

_SAME_LENGTH = str.maketrans(
    {
        "\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'",
        "\u201c": '"', "\u201d": '"', "\u00a0": " ", "\u200b": " ", "\u200c": " ",
        "\u200d": " ", "\u2060": " ", "\ufeff": " ", "\u2013": "-", "\u2014": "-",
        "\t": " ", "\r": " ",
    }
)
_LONG_RUN = re.compile(r"\S{64,}")
_SYMBOL = re.compile(r"[^\w']")
_MARKUP = re.compile(r"<[^<>]{0,300}>|&(?:#\d{1,6}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")


def normalise(text: str) -> str:
    """Text as the rules read it (see ``_prepare``)."""
    return _prepare(text)[0]


def _prepare(text: str) -> Tuple[str, Optional[List[int]]]:
    """Clean text plus, when its length changed, the original offset of each character.

    Curly quotes become straight (so "can’t" reads as "can't"), invisible
    characters become spaces, HTML tags become a space and entities are decoded
    ("can&#39;t" reads as "can't"). Offsets let entities point into the original.
    """
    text = text.translate(_SAME_LENGTH)
    # A very long run without spaces ("🙂🙂🙂...", "<<<<...") makes spaCy's affix
    # splitting slow; its punctuation and symbols become spaces (same length).
    text = _LONG_RUN.sub(lambda m: _SYMBOL.sub(" ", m.group()), text)
    if "<" not in text and "&" not in text:
        return text, None
    pieces: List[str] = []
    offsets: List[int] = []
    pos = 0
    for m in _MARKUP.finditer(text):
        pieces.append(text[pos:m.start()])
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


# ---------------------------------------------------------------------------
# Matching

@dataclass
class _Match:
    sign: str
    start: int  # token indices
    end: int
    term: bool
    status: str = "counted"
    level: Optional[str] = None
    base: Optional[str] = None
    note: str = ""


_WINDOW = 80   # tokens given to the token Matcher at once
_OVERLAP = 20  # longer than any pattern, so no match is cut in two


def _windows(rules: Rules, doc) -> List[Tuple[int, int]]:
    """Sentence-sized pieces of the doc that hold at least one pattern word.

    Why: the token Matcher costs about 0.2 ms per token, so a 20,000-character
    message of filler would take a second; pieces with no pattern word cannot
    match and are skipped. Long sentences are cut into overlapping windows.
    """
    pieces, start = [], 0
    for tok in doc:
        if _is_boundary(tok):
            pieces.append((start, tok.i + 1))
            start = tok.i + 1
    if start < len(doc):
        pieces.append((start, len(doc)))
    out = []
    for s, e in pieces:
        pos = s
        while pos < e:
            end = min(e, pos + _WINDOW)
            if any(rules.interesting(doc[i].lower_) for i in range(pos, end)):
                out.append((pos, end))
            if end == e:
                break
            pos = end - _OVERLAP
    return out


def _collect(rules: Rules, doc) -> Dict[str, List[Tuple[int, int]]]:
    """All matches of the doc by key, as (start, end) token spans."""
    strings = rules.nlp.vocab.strings
    hits: Set[Tuple[int, int, int]] = set(rules.phrases(doc))
    for s, e in _windows(rules, doc):
        hits.update((key, s + a, s + b) for key, a, b in rules.matcher(doc[s:e]))
    found: Dict[str, List[Tuple[int, int]]] = {}
    for key, start, end in sorted(hits, key=lambda h: (h[1], h[2])):
        found.setdefault(strings[key], []).append((start, end))
    return found


def _merge(spans: List[Tuple[int, int, bool]]) -> List[Tuple[int, int, bool]]:
    """Merge overlapping spans of one sign; a merged span is a term only if all parts were."""
    out: List[Tuple[int, int, bool]] = []
    for s, e, t in sorted(spans):
        if out and s < out[-1][1]:
            ps, pe, pt = out[-1]
            out[-1] = (ps, max(pe, e), pt and t)
        else:
            out.append((s, e, t))
    return out


def _overlaps(a: Tuple[int, int], b: Tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _sign_matches(rules: Rules, found: Dict[str, List[Tuple[int, int]]]) -> List[_Match]:
    by_sign: Dict[str, List[Tuple[int, int, bool]]] = {}
    for key, spans in found.items():
        kind, _, sid = key.partition("|")
        if kind in ("S", "T"):
            by_sign.setdefault(sid, []).extend((s, e, kind == "T") for s, e in spans)
    matches: List[_Match] = []
    for sid, spans in by_sign.items():
        excluded = found.get(f"X|{sid}", [])
        for s, e, term in _merge(spans):
            if any(_overlaps((s, e), x) for x in excluded):
                continue
            matches.append(_Match(sign=sid, start=s, end=e, term=term))
    matches.sort(key=lambda m: (m.start, -m.end))
    return matches


def _boundaries(doc, words: Set[str], extra: Iterable[int] = ()) -> List[int]:
    """Clause number of every token: a new clause starts at each boundary token."""
    starts = set(extra)
    for tok in doc:
        low = tok.lower_
        if low in words or low in _SENTENCE_END or ("\n" in tok.text and tok.is_space):
            starts.add(tok.i)
    ids, n = [], 0
    for tok in doc:
        if tok.i in starts:
            n += 1
        ids.append(n)
    return ids


def _is_boundary(tok) -> bool:
    return tok.lower_ in _SENTENCE_END or ("\n" in tok.text and tok.is_space)


# -- negation -----------------------------------------------------------------

def _groups(matches: List[_Match]) -> List[List[_Match]]:
    """Sign matches grouped by overlap, in text order."""
    groups: List[List[_Match]] = []
    end = -1
    for m in sorted(matches, key=lambda m: (m.start, -m.end)):
        if groups and m.start < end:
            groups[-1].append(m)
            end = max(end, m.end)
        else:
            groups.append([m])
            end = m.end
    return groups


def _gap_ok(doc, start: int, end: int, allowed: Set[str], max_gap: int) -> bool:
    if end - start > max_gap:
        return False
    return all(doc[i].lower_ in allowed and not _is_boundary(doc[i]) for i in range(start, end))


def _apply_negation(rules: Rules, doc, found, matches: List[_Match]) -> None:
    """Mark negated matches (NegEx-style pre-negation with list chaining, and post-negation)."""
    if not matches:
        return
    pseudo = found.get("PSEUDO", [])
    sign_spans = [(m.start, m.end) for m in matches]
    groups = _groups(matches)
    starts = [g[0].start for g in groups]

    cues: List[Tuple[int, int, str]] = []
    for kind in ("NEG_DET", "NEG_VERB"):
        for s, e in found.get(kind, []):
            if any(_overlaps((s, e), p) for p in pseudo):
                continue
            if any(_overlaps((s, e), sp) for sp in sign_spans):
                continue  # "can't breathe": the cue is part of the sign
            cues.append((s, e, kind))

    for s, e, kind in sorted(cues):
        # the first sign group starting at or after the cue
        gi = bisect.bisect_left(starts, e)
        if gi >= len(groups) or all(m.status != "counted" for m in groups[gi]):
            continue  # nothing there, or already negated by an earlier cue's list
        if not _gap_ok(doc, e, starts[gi], rules.neg_fillers[kind], rules.neg_max_gap):
            continue
        cue_text = doc[s:e].text
        _negate(groups[gi], f"negated by '{cue_text}'")
        # chain: "no fever, chills, pus or blisters"
        while gi + 1 < len(groups):
            prev_end = max(m.end for m in groups[gi])
            nxt = groups[gi + 1]
            if all(m.status != "counted" for m in nxt):
                break
            if not _gap_ok(doc, prev_end, nxt[0].start, rules.neg_connectors, 3):
                break
            gap = {doc[i].lower_ for i in range(prev_end, nxt[0].start)}
            if gap & {",", "and", "&", "-"} and any(m.level == "emergency" for m in nxt):
                break  # "no pain, blurry vision": an emergency sign is never negated by a list comma
            _negate(nxt, f"negated by '{cue_text}' (list)")
            gi += 1

    # post-negation: "the swelling has gone down", "fever: none"
    ends = [max(m.end for m in g) for g in groups]
    for s, e in found.get("POST", []):
        gi = bisect.bisect_right(starts, s) - 1  # the last group starting before the cue
        if gi < 0 or ends[gi] > s:
            continue
        if _gap_ok(doc, ends[gi], s, rules.post_fillers, rules.post_max_gap):
            for m in groups[gi]:
                if m.status == "counted" and m.level != "emergency":
                    m.status = "resolved"
                    m.note = f"'{doc[s:e].text}' after it"


def _negate(group: List[_Match], note: str) -> None:
    for m in group:
        if m.status == "counted":
            m.status = "negated"
            m.note = note


# -- frames (general question, history, habit) --------------------------------

def _apply_frames(rules: Rules, doc, found, matches: List[_Match]) -> None:
    sign_spans = [(m.start, m.end) for m in matches]
    present = found.get("PRESENT", [])
    for name in rules.frame_names:
        # a cue inside a sign's own words ("fade" in "marks won't fade") is not a frame
        cues = [c for c in found.get(f"F|{name}", [])
                if not any(sp[0] <= c[0] and c[1] <= sp[1] for sp in sign_spans)]
        if not cues:
            continue
        extra = [s for s, _ in found.get(f"B|{name}", [])]
        clause = _boundaries(doc, rules.frame_terminators.get(name, set()), extra)
        framed = {clause[s] for s, _ in cues}
        blocked = {clause[s] for s, _ in present} if name != "general_question" else set()
        for m in matches:
            if m.status != "counted":
                continue
            ids = {clause[i] for i in range(m.start, m.end)}
            if not (ids & framed) or (ids & blocked):
                continue
            if not m.term and (m.level == "emergency" or name in rules.frame_terms_only):
                continue  # a described emergency sign always counts
            m.status = name
            m.note = f"inside a {name.replace('_', ' ')}"


# -- durations and cues -----------------------------------------------------

_NUM = re.compile(r"^\d+(?:[.,]\d+)?$")
_GLUED = re.compile(r"^(\d+(?:[.,]\d+)?)([a-z]+)$")
_ORDINAL = re.compile(r"^(\d+)(st|nd|rd|th)$")
_UNIT_NUM = re.compile(r"^([a-z]+)(\d+)$")
_SKIP_BEFORE = {"every", "per", "each", "next", "a-"}


def _unit_days(rules: Rules, word: str, glued: bool = False) -> Optional[float]:
    if not glued and len(word) < 2:
        return None  # a lone "m" is "I'm", a lone "d" is "I'd"
    for rx, days in rules.units:
        if rx.match(word):
            return days
    return None


def _number(rules: Rules, word: str) -> Optional[float]:
    if _NUM.match(word):
        return float(word.replace(",", "."))
    m = _ORDINAL.match(word)
    if m:
        return float(m.group(1))
    return rules.number_words.get(word)


def _modifier(rules: Rules, doc, i: int) -> float:
    """+0.5 after "more than/over/after", -0.5 after "less than/within/nearly/not even"."""
    before = [doc[j].lower_ for j in range(max(0, i - 3), i)]
    joined = " ".join(before)
    for w in rules.less_words:
        if joined.endswith(w) or (w in before and " " not in w):
            return -0.5
    for w in rules.more_words:
        if joined.endswith(w) or (w in before and " " not in w):
            return 0.5
    return 0.0


def _durations(rules: Rules, doc, found) -> List[Tuple[int, float]]:
    """(token index, days) for every duration the message states."""
    out: List[Tuple[int, float]] = []
    n = len(doc)
    for key, spans in found.items():
        if key.startswith("DUR|"):
            days = float(key[4:])
            out.extend((s, days) for s, _ in spans)
    for tok in doc:
        i, low = tok.i, tok.lower_
        if i > 0 and doc[i - 1].lower_ in _SKIP_BEFORE:
            continue
        g = _GLUED.match(low)
        if g:  # "10days", "2wks"
            unit = _unit_days(rules, g.group(2), glued=True)
            if unit is not None:
                out.append((i, float(g.group(1).replace(",", ".")) * unit + _modifier(rules, doc, i)))
            continue
        u = _UNIT_NUM.match(low)
        if u:  # "day10"
            unit = _unit_days(rules, u.group(1))
            if unit == 1.0:
                out.append((i, float(u.group(2))))
            continue
        unit = _unit_days(rules, low)
        if unit is None:
            continue
        # number before the unit: "10 days", "a few weeks", "couple of weeks", "2 more days"
        j = i - 1
        while j >= 0 and doc[j].lower_ in ("of", "more", "whole", "full", "entire", "good", "long", "-"):
            j -= 1
        num = _number(rules, doc[j].lower_) if j >= 0 else None
        if num is not None:
            if j >= 0 and j - 1 >= 0 and doc[j - 1].lower_ in _SKIP_BEFORE:
                continue
            out.append((j, num * unit + _modifier(rules, doc, j)))
            continue
        # ordinal: "day 10", "day ten" (only for days)
        if unit == 1.0 and i + 1 < n and low in ("day",):
            num = _number(rules, doc[i + 1].lower_)
            if num is not None and num >= 1:
                out.append((i, num))
                continue
        # bare plural: "for weeks", "weeks later"
        if low.endswith("s") and unit >= 1.0 and low not in ("hrs",):
            out.append((i, rules.bare_plural * unit + _modifier(rules, doc, i)))
    return out


def _sentence_ids(doc) -> List[int]:
    return _boundaries(doc, set())


def _cue_targets(rules: Rules, found, matches: List[_Match], clause: List[int], sent: List[int],
                 neg_ends: List[int]) -> Dict[str, Set[int]]:
    """For each cue name, the matches (by index) it qualifies.

    A cue ("getting worse") qualifies the signs in its own clause within
    ``window`` words. A clause with a cue but no sign ("the pain was fine on
    day 1 but it's getting worse now") refers back: the nearest sign before it
    in the same sentence. A negated cue ("not getting worse") counts for nothing.
    """
    targets: Dict[str, Set[int]] = {}
    live = [(i, m) for i, m in enumerate(matches) if m.status == "counted"]
    for name in rules.cue_names:
        hit: Set[int] = set()
        for s, e in found.get(f"C|{name}", []):
            if any(0 <= s - ne <= 2 for ne in neg_ends):
                continue
            near = [
                i for i, m in live
                if (clause[m.start] in (clause[s], clause[e - 1]) or clause[m.end - 1] in (clause[s], clause[e - 1]))
                and (s - m.end if s >= m.end else m.start - e) <= rules.cue_window
            ]
            if not near:
                before = [(i, m) for i, m in live if m.end <= s and sent[m.start] == sent[s]
                          and s - m.end <= 2 * rules.cue_window]
                near = [max(before, key=lambda im: im[1].end)[0]] if before else []
            hit.update(near)
        targets[name] = hit
    return targets


def _apply_escalation(rules: Rules, doc, found, matches: List[_Match], reasons: List[str]) -> None:
    counted = [(i, m) for i, m in enumerate(matches) if m.status == "counted"
               and (rules.signs[m.sign].escalate or rules.signs[m.sign].late)]
    if not counted:
        return
    sent = _sentence_ids(doc)
    durations = _durations(rules, doc, found)
    clause = _boundaries(doc, rules.cue_terminators)
    neg_ends = [e for k in ("NEG_DET", "NEG_VERB") for _, e in found.get(k, [])]
    cue_targets = _cue_targets(rules, found, matches, clause, sent, neg_ends)
    # a duration right after a negation ("hasn't been a week") is below its value
    durations = [
        (i, d - 0.5 if any(0 <= i - ne <= 3 for ne in neg_ends) else d) for i, d in durations
    ]
    all_days = [d for _, d in durations]
    for index, m in counted:
        same = [d for i, d in durations if sent[i] == sent[m.start]]
        days = max(same) if same else (max(all_days) if all_days else None)
        late = [r for r in rules.signs[m.sign].late if days is not None and days >= float(r["min_days"])]
        if late:
            target = late[0]["to"]
            reasons.append(f"{m.sign} -> {target} (after {_fmt_days(days)})")
            m.base, m.sign = m.sign, target
            m.level = rules.signs[target].level
            continue
        best: Optional[Tuple[str, str]] = None
        for rule in rules.signs[m.sign].escalate:
            target = rule["to"]
            why = ""
            if "min_days" in rule and days is not None and days >= float(rule["min_days"]):
                why = f"{_fmt_days(days)} (at least {rule['min_days']} days)"
            elif rule.get("when_no_duration") and days is not None:
                continue  # "still swollen on day 3": the stated duration decides
            elif "cue" in rule and index in cue_targets.get(rule["cue"], set()):
                why = f"{rule['cue']}"
            if not why:
                continue
            if best is None or level_rank(rules.signs[target].level) > level_rank(rules.signs[best[0]].level):
                best = (target, why)
        if best:
            target, why = best
            reasons.append(f"{m.sign} -> {target} ({why})")
            m.base, m.sign = m.sign, target
            m.level = rules.signs[target].level


def _fmt_days(days: float) -> str:
    return f"{days:g} days"


def _drop_within(matches: List[_Match]) -> None:
    """"cold sore" is not also "sore"; "lips swelling fast" is not also "swelling"."""
    for group in _groups([m for m in matches if m.status == "counted"]):
        for a in group:
            for b in group:
                if a is b or b.status != "counted":
                    continue
                if b.start <= a.start and a.end <= b.end and level_rank(b.level) > level_rank(a.level):
                    a.status = "within"
                    a.note = f"part of {b.sign}"
                    break


# ---------------------------------------------------------------------------
# Public functions

def assess(text: Any, rules: Optional[Rules] = None) -> Assessment:
    """Triage one message. Never raises: on an internal error the level is None.

    None makes the dialogue treat the message as vague, which asks the red-flag
    questions and escalates at least as routine, so an error fails safe.
    ``rules`` defaults to knowledge/red_flags.yml (tests pass their own).
    """
    try:
        return _assess("" if text is None else str(text), rules or load_rules())
    except Exception:  # pragma: no cover - defensive: a crash must not swallow a message
        logger.exception("triage failed; treating the message as vague")
        return Assessment(level=None, reasons=["internal error in triage; treated as vague"])


def _assess(text: str, rules: Rules) -> Assessment:
    reasons: List[str] = []
    if len(text) > MAX_CHARS:
        reasons.append(f"only the first {MAX_CHARS} characters were read")
        text = text[:MAX_CHARS]
    clean, offsets = _prepare(text)
    if not clean.strip():
        return Assessment(level=None, reasons=reasons + ["empty message"])
    doc = rules.nlp.make_doc(clean)
    found = _collect(rules, doc)
    matches = _sign_matches(rules, found)
    if not matches:
        return Assessment(level=None, reasons=reasons + ["no sign found"])

    contexts = {k[4:] for k in found if k.startswith("CTX|")}
    for m in matches:
        m.level = rules.effective_level(rules.signs[m.sign], contexts)
        if m.level is None:
            m.status = "no_context"
            m.note = f"counts only {rules.contexts.get(rules.signs[m.sign].context, '')}"
    _apply_negation(rules, doc, found, matches)
    _apply_frames(rules, doc, found, matches)
    _apply_escalation(rules, doc, found, matches, reasons)
    _drop_within(matches)
    for c in sorted(contexts):
        reasons.append(f"context: {c}")
    return _result(rules, doc, matches, reasons, offsets)


def _result(
    rules: Rules, doc, matches: List[_Match], reasons: List[str], offsets: Optional[List[int]]
) -> Assessment:
    counted = [m for m in matches if m.status == "counted"]
    level = highest(*(m.level for m in counted))
    order = sorted(counted, key=lambda m: (-level_rank(m.level), m.start))
    signs = list(dict.fromkeys(m.sign for m in order))
    negated = list(dict.fromkeys(m.sign for m in matches if m.status in ("negated", "resolved")))
    out = []
    for m in matches[:MAX_MATCHES]:
        span = doc[m.start:m.end]
        start, end = span.start_char, span.end_char
        if offsets is not None:
            start, end = offsets[start], offsets[end - 1] + 1
        item = {
            "sign": m.sign,
            "level": m.level,
            "start": start,
            "end": end,
            "text": span.text,
            "status": m.status,
            "term": m.term,
        }
        if m.base:
            item["from"] = m.base
        out.append(item)
        if m.status == "counted":
            reasons.append(f"{m.sign} ({m.level}): '{span.text}'")
        elif m.status != "within":
            reasons.append(f"{m.sign} not counted: '{span.text}' {m.note}".rstrip())
    if len(matches) > MAX_MATCHES:
        reasons.append(f"{len(matches) - MAX_MATCHES} more matches not listed")
    return Assessment(level=level, signs=signs, matches=out, negated=negated, reasons=reasons)


def vague_questions() -> List[Dict[str, Any]]:
    """The red-flag questions for a vague report, in the order to ask them.

    Each: ``slot`` (e.g. ``rf_vision``), ``response`` (``utter_ask_rf_vision``),
    ``level`` if the answer is yes, ``label`` for staff, ``covers`` (sign ids).
    """
    return [dict(q) for q in load_rules().questions]


_YES = {"yes", "y", "true", "affirm", "yeah", "yep", "1"}
_NO = {"no", "n", "false", "deny", "nope", "0"}


def _as_bool(value: Any) -> Optional[bool]:
    if isinstance(value, bool) or value is None:
        return value
    low = str(value).strip().lower()
    if low in _YES:
        return True
    if low in _NO:
        return False
    return None


def assess_answers(answers: Dict[str, Any]) -> Assessment:
    """Decide a vague report from the answers to ``vague_questions()``.

    Any yes gives that question's level (the highest if several); all no or
    unclear gives ``routine``: still unsure means routine at least.
    """
    rules = load_rules()
    answers = answers or {}
    yes, unclear = [], []
    for q in rules.questions:
        value = _as_bool(answers.get(q["slot"]))
        if value is True:
            yes.append(q)
        elif value is None:
            unclear.append(q["slot"])
    if yes:
        level = highest(*(q["level"] for q in yes))
        signs = [q["slot"] for q in sorted(yes, key=lambda q: -level_rank(q["level"]))]
        reasons = [f"yes to {q['slot']} ({q['level']})" for q in yes]
    else:
        level = rules.vague_default
        signs = ["vague_report"]
        reasons = ["no red flag confirmed; still unsure means routine at least"]
    if unclear:
        reasons.append("unclear or missing: " + ", ".join(unclear))
    return Assessment(level=level, signs=signs, matches=[], negated=[], reasons=reasons)


def signs_label(signs: Sequence[str]) -> str:
    """Human-readable list for staff: "a change in vision; difficulty breathing"."""
    rules = load_rules()
    by_slot = {q["slot"]: q for q in rules.questions}
    labels = []
    for sid in signs or []:
        if sid in rules.signs:
            labels.append(rules.signs[sid].label)
        elif sid in by_slot:
            labels.append("said yes to: " + str(by_slot[sid].get("label") or sid))
        elif sid == "vague_report":
            labels.append("a vague report with no red flag confirmed")
        else:
            labels.append(str(sid))
    return "; ".join(labels) if labels else "no symptom named"


def sign_info(sign_id: str) -> Optional[Dict[str, Any]]:
    """Level, label, source and pre-screen overlap of one sign id (None if unknown)."""
    sign = load_rules().signs.get(sign_id)
    return asdict(sign) if sign else None


def reply_for(level: Optional[str]) -> Optional[str]:
    """The response name for a level (``utter_triage_urgent``...), from the YAML."""
    return load_rules().replies.get(level or "")


def is_first_person_report(text: Any) -> bool:
    """True for "my face is swollen since yesterday", False for "will I bruise?".

    Rule (data in ``report_markers``): a first-person word and an
    after-treatment or present-state word.
    """
    try:
        rules = load_rules()
        clean = normalise(("" if text is None else str(text))[:MAX_CHARS])
        doc = rules.nlp.make_doc(clean)
        if not any(t.lower_ in rules.first_person for t in doc):
            return False
        strings = rules.nlp.vocab.strings
        return any(strings[k] == "RM" for k, _, _ in rules.phrases(doc))
    except Exception:  # pragma: no cover
        logger.exception("is_first_person_report failed")
        return False


def main(argv: Optional[List[str]] = None) -> int:
    """``python -m bot.triage "my vision is blurry"``: show how a message is read."""
    import json
    import sys

    args = sys.argv[1:] if argv is None else argv
    text = " ".join(args) if args else sys.stdin.read()
    result = assess(text)
    print(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    print("staff label:", signs_label(result.signs))
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
