"""Loading, checking and compiling ``knowledge/red_flags.yml``.

Every word list and pattern of the file is checked here, at start-up, so a
clinician's typo fails loudly when the bot starts and never on a patient's
message. The compiled ``Rules`` hold the spaCy matchers and the word lists
the later steps read.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.levels import LEVELS
from bot.triage import forms, wordnet
from bot.triage.subject import load_subjects
from bot.triage.text import normalise
from bot.triage.vocabulary import VocabularyView

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"
RULES_PATH = KNOWLEDGE / "red_flags.yml"
# A sign whose level is ASK makes a message a symptom report but decides no
# level: the bot asks the red-flag questions ("I feel nauseous").
ASK = "ask"


@dataclass(frozen=True)
class Sign:
    id: str
    level: str
    label: str
    source: str
    context: str | None
    outside_context: str | None
    escalate: tuple[dict[str, Any], ...]
    late: tuple[dict[str, Any], ...]
    prescreen_slot: str | None
    needs_anchor: bool = False
    early: tuple[dict[str, Any], ...] = ()
    #: with ``needs_anchor`` as a list: in a message with anchors, one of these must be
    #: among them (a bad smell needs the skin, a mark, a symptom or the treatment, not
    #: only an "eye-watering" wardrobe); empty: any anchor will do
    anchor_in: frozenset[str] = frozenset()
    #: counts only in a message that names a body part, a symptom or the treatment, whatever
    #: its level (an `ask` too): a refusal to eat says nothing of the body by itself
    anchored_only: bool = False


def _nlp() -> Any:
    """A blank English tokenizer of its own for each set of rules: the rules write
    their slips into its lexemes (``Rules._read_slips_as_signs``)."""
    import spacy  # imported here: importing bot.triage stays cheap until first use

    return spacy.blank("en")


def _strings(value: Any, where: str) -> list[str]:
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


def _gather_literals(pattern: list[dict[str, Any]], words: set[str], regexes: list[str]) -> None:
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


# a letter typed three times or more ("swoooollen", "eyeeee")
_STRETCHED = re.compile(r"([a-z])\1{2,}")
# keys whose words gain other written forms (forms.py): signs, functions, states
_WIDENED = frozenset({"S", "FN", "ST"})
_VOWELS = frozenset("aeiou")
_MIN_SPELT = 4  # shorter words ("eye", "jaw") have too many neighbours to guess from


def spelt_by_sound(word: str) -> list[str]:
    """The forms of one word that patients write by its sound, one letter short.

    A double letter written once ("sweling", "swalow") and a pair of vowels
    written as one of them ("hed" for head, "throt" for throat, "chek" for
    cheek). Only words of ``_MIN_SPELT`` letters or more; the caller refuses a
    form that is a word of its own.
    """
    if len(word) < _MIN_SPELT or not word.isalpha():
        return []
    out: list[str] = []
    for i in range(1, len(word)):
        a, b = word[i - 1], word[i]
        if a == b or (a in _VOWELS and b in _VOWELS):
            for form in (word[:i] + word[i + 1 :], word[: i - 1] + word[i:]):
                if form != word and form not in out:
                    out.append(form)
    return out


_MIN_SLIP = 5  # a slip of the thumb leaves a word this long still plain to read
_MIN_DROPPED = 6  # a letter left out: the form keeps five letters (four-letter forms have
# too many neighbours: "black" -> "back", "site" -> "sit")


def typed_by_slip(word: str) -> list[str]:
    """The forms of one word that a slip of the thumb on a phone makes.

    Two neighbouring letters swapped ("brusies" for bruises, "sowllen" for
    swollen) and one letter inside the word left out ("forhead", "bruies",
    only in words of ``_MIN_DROPPED`` letters or more). The first and last
    letters are never the one left out: a typist holds on to a word's ends,
    and leaving them out mostly makes another word ("blocked" -> "locked",
    "drained" -> "rained", "stings" -> "sting"). A letter typed twice
    ("painfull") is not guessed: that form rarely hides the word. Only words
    of ``_MIN_SLIP`` letters or more; the caller refuses a form that is a word
    of its own.
    """
    if len(word) < _MIN_SLIP or not word.isalpha():
        return []
    out: list[str] = []
    for i in range(1, len(word)):
        if word[i] != word[i - 1]:
            out.append(word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :])
    if len(word) >= _MIN_DROPPED:
        out += [word[:i] + word[i + 1 :] for i in range(1, len(word) - 1)]
    return [f for f in dict.fromkeys(out) if f != word]


@dataclass(frozen=True)
class Recolouring:
    """A colour sign read as another sign (``small_marks``, ``fading_tints``, ``healing_colours``,
    ``fading_marks``):
    ``signs`` whose words hold one of ``colours`` become ``to`` when every ``needs`` part is
    found, no ``keep`` part is, no other sign above routine counts, and the time since the
    treatment is unknown or under ``max_days``; ``why`` is the reason given to staff."""

    name: str
    signs: frozenset[str]
    colours: frozenset[str]
    to: str
    max_days: float
    needs: tuple[str, ...]
    keep: str
    why: str


@dataclass(frozen=True)
class SizeCue:
    """A cue told only by a size ("bigger than b4") says how big a part is, not how it hurts:
    its words hold one of ``words`` and none of ``breakers`` ("bigger and sorer"); it does
    not move the signs of ``not_for``."""

    words: frozenset[str]
    breakers: frozenset[str]
    not_for: frozenset[str]


class Rules:
    """The compiled red-flag rules: matchers plus the word lists around them."""

    def __init__(self, data: dict[str, Any]) -> None:
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
        self.literals: set[str] = set()
        self.literal_regexes: list[str] = []

        self.signs: dict[str, Sign] = {}
        self._load_signs(data.get("signs") or [])
        self._load_negation(data.get("negation") or {})
        self._load_frames(data.get("frames") or {})
        self._load_cues(data.get("cues") or {})
        self._load_contexts(data.get("contexts") or {})
        self._load_durations(data.get("durations") or {})
        self._load_ratings(data.get("ratings") or {})
        self._load_measures(data.get("measures") or {})
        self._load_likeness_colours(data.get("likeness_colours") or {})
        self._load_report_markers(data.get("report_markers") or {})
        self._load_questions(data.get("vague_report") or {})
        self._load_combinations(data.get("combinations") or [])
        # colour signs read as a bruise, in this order: a small mark at a needle point
        # ("two little blue dots"), a faint tint around the eyes that is fading, a bruise's
        # blue turning yellow-green ("two bruises turning from bluish to yellow")
        self.recolourings = [
            self._load_recolouring(
                "small_marks",
                "SM",
                data.get("small_marks") or {},
                ("mark",),
                "a small mark at a needle point",
            ),
            self._load_recolouring(
                "fading_tints",
                "FT",
                data.get("fading_tints") or {},
                ("place", "faint", "better"),
                "a faint tint around the eye, fading",
            ),
            self._load_recolouring(
                "healing_colours",
                "HC",
                data.get("healing_colours") or {},
                ("named", "course"),
                "colours on their healing course",
            ),
            self._load_recolouring(
                "fading_marks",
                "FM",
                data.get("fading_marks") or {},
                ("named", "course"),
                "a mark paler day after day, fading",
            ),
        ]
        self._load_check(data.get("check") or {})
        self._load_puzzled_writer(data.get("puzzled_writer") or {})
        self._load_vocabulary(data.get("vocabulary"))
        if self.measures and self.measures["state"] not in self.vocab.state_names:
            raise ValueError(f"measures.state: unknown state {self.measures['state']!r}")
        for state in self.likeness_colours:
            if state not in self.vocab.state_names:
                raise ValueError(f"likeness_colours: unknown state {state!r}")
        rated = self.ratings.get("state") if self.ratings else None
        if rated and rated not in self.vocab.state_names:
            raise ValueError(f"ratings.state: unknown state {rated!r}")
        # a word that can calm a reading (negation, "normal", hedges, the calm states of
        # the vocabulary) is never guessed from a slip or a stretched spelling
        self.calm_words = set(_words_in(data.get("negation"))) | self.vocabulary_calming
        self.slips = self._read_slips_as_signs(data.get("signs") or [])
        self._stretch_seen: set[str] = set()
        self._read_shorthand(data.get("shorthand") or {})
        self.replies: dict[str, str] = dict(data.get("replies") or {})
        self.subjects = load_subjects()  # knowledge/triage_subjects.yml
        wordnet.load()  # its noun classes, read once here rather than on a message
        self.literal_rx = re.compile("|".join(f"(?:{r})" for r in self.literal_regexes) or "(?!)")

    def interesting(self, word: str) -> bool:
        """Could this lower-case token start or take part in a token pattern?"""
        return word in self.literals or self.literal_rx.match(word) is not None

    # -- helpers to add patterns -------------------------------------------
    def _add_phrases(self, key: str, phrases: Iterable[str]) -> None:
        docs = []
        phrases = list(phrases)
        if key.partition("|")[0] in _WIDENED:
            # other written forms: "crept" for creeping, "spreadin" (forms.py)
            past = key.partition("|")[0] != "FN"
            seen = {p.lower() for p in phrases}
            extra = [v for p in phrases for v in forms.phrase_variants(p.lower(), past)]
            phrases += [v for v in dict.fromkeys(extra) if v not in seen]
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
        if key.partition("|")[0] in _WIDENED:
            patterns = [forms.widen_pattern(p) for p in patterns]
        for pattern in patterns:
            _gather_literals(pattern, self.literals, self.literal_regexes)
        try:
            self.matcher.add(key, patterns)
        except Exception as exc:  # spaCy's own message names the bad key
            raise ValueError(f"{where}: invalid spaCy pattern: {exc}") from exc

    def _add_block(self, key: str, block: dict[str, Any], where: str) -> None:
        self._add_phrases(key, _strings(block.get("phrases"), f"{where}.phrases"))
        self._add_patterns(key, block.get("patterns"), f"{where}.patterns")

    # -- sections ------------------------------------------------------------
    def _load_signs(self, items: list[dict[str, Any]]) -> None:
        for item in items:
            sid = item.get("id")
            where = f"signs[{sid}]"
            if not sid or sid in self.signs:
                raise ValueError(f"{where}: missing or duplicate id")
            level = item.get("level")
            if level not in LEVELS and level != ASK:
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
                needs_anchor=bool(item.get("needs_anchor", False)),
                early=tuple(item.get("early") or ()),
                anchor_in=frozenset(
                    item["needs_anchor"] if isinstance(item.get("needs_anchor"), list) else ()
                ),
                anchored_only=bool(item.get("anchored_only", False)),
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
                if "max_days" in rule and "cue" not in rule:
                    raise ValueError(f"signs[{sign.id}].escalate: max_days needs a cue")
            for rule in sign.late:
                if rule.get("to") not in self.signs or "min_days" not in rule:
                    raise ValueError(
                        f"signs[{sign.id}].late: needs min_days and a known sign in `to`"
                    )
            for rule in sign.early:
                if rule.get("to") not in self.signs or "max_days" not in rule:
                    raise ValueError(
                        f"signs[{sign.id}].early: needs max_days and a known sign in `to`"
                    )

    def _load_negation(self, neg: dict[str, Any]) -> None:
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
        self.neg_instead = set(_strings(neg.get("instead"), "negation.instead"))
        self._add_block("PSEUDO", neg.get("pseudo") or {}, "negation.pseudo")
        # a course denied ("hasn't gone": still there) is no denial, but a change denied is one
        # when a colour follows: "the skin hasn't gone pale" (negation.pseudo.unless_next)
        self.pseudo_unless_next = frozenset(
            w.lower()
            for w in _strings(
                (neg.get("pseudo") or {}).get("unless_next"), "negation.pseudo.unless_next"
            )
        )
        post = neg.get("post") or {}
        self._add_block("POST", post, "negation.post")
        # "gone" that is followed by a colour is a change, not an end: "the bruise has gone yellow"
        self._add_block("POSTCH", post.get("changed") or {}, "negation.post.changed")
        self.post_fillers = set(_strings(post.get("fillers"), "negation.post.fillers"))
        self.post_max_gap = int(post.get("max_gap", 3))
        remainder = post.get("remainder") or {}
        self._add_block("REMAIN", remainder, "negation.post.remainder")
        self.remainder_window = int(remainder.get("window", 6))
        ended = neg.get("ended") or {}
        self._add_block("ENDED", ended, "negation.ended")
        self._add_block("TURN", ended.get("turn") or {}, "negation.ended.turn")
        self.ended_window = int(ended.get("window", 6))
        reattr = neg.get("reattribution") or {}
        self._add_block("REATTR", reattr, "negation.reattribution")
        self._add_phrases("HEDGE", _strings(reattr.get("hedges"), "negation.reattribution.hedges"))
        self.reattr_max_gap = int(reattr.get("max_gap", 3))
        self.reattr_hedge_gap = int(reattr.get("hedge_gap", 3))

    def _load_frames(self, frames: dict[str, Any]) -> None:
        self.frame_names: list[str] = []
        self.frame_terminators: dict[str, set[str]] = {}
        self.frame_terms_only: set[str] = set()
        self.frame_all_levels: set[str] = set()
        # frames that a present cue in the clause cancels ("since the treatment"); by default all
        # but `general_question` and the `all_levels` frames (an animal's symptoms stay the vet's)
        self.frame_present_blocks: set[str] = set()
        # frames read over the whole message (`scope: message`): they drop only the readings of
        # their `senses`, and not at all when a `reported` word says the treatment was had
        self.frame_message_scope: set[str] = set()
        # frames whose cue still frames a pair when it stands between the pair's function and its
        # state (`between_pairs`): "swallowing pills HAS ALWAYS BEEN hard" is a trait
        self.frame_between_pairs: set[str] = set()
        # frames that a person the patient speaks for, named in the clause, lifts
        # (`unframed_by_people`): "my wife was brushing the cat and her lips went blue"
        self.frame_unframed_by_people: set[str] = set()
        for name, block in frames.items():
            if name == "present":
                self._add_block("PRESENT", block, "frames.present")
                continue
            self.frame_names.append(name)
            if block.get("scope", "clause") == "message":
                if not block.get("senses") or not block.get("reported"):
                    raise ValueError(f"frames.{name}: scope message needs senses and reported")
                self.frame_message_scope.add(name)
                self._add_block(f"FS|{name}", block["senses"], f"frames.{name}.senses")
                self._add_block(f"FR|{name}", block["reported"], f"frames.{name}.reported")
            elif block.get("scope", "clause") != "clause":
                raise ValueError(f"frames.{name}: scope is clause or message")
            if block.get("terms_only"):
                self.frame_terms_only.add(name)
            if block.get("all_levels"):
                self.frame_all_levels.add(name)
            if block.get("between_pairs"):
                self.frame_between_pairs.add(name)
            if block.get("unframed_by_people"):
                self.frame_unframed_by_people.add(name)
            default = name != "general_question" and not block.get("all_levels")
            if block.get("present_blocks", default):
                self.frame_present_blocks.add(name)
            self._add_block(f"F|{name}", block, f"frames.{name}")
            if block.get("not_cues"):
                self._add_block(f"FX|{name}", block["not_cues"], f"frames.{name}.not_cues")
            if block.get("lifted_by"):
                self._add_block(f"FL|{name}", block["lifted_by"], f"frames.{name}.lifted_by")
            if block.get("returned_by"):
                self._add_block(f"FN|{name}", block["returned_by"], f"frames.{name}.returned_by")
            if block.get("answered_next"):
                where = f"frames.{name}.answered_next"
                self._add_block(f"FA|{name}", block["answered_next"], where)
            terms = _strings(block.get("terminators"), f"frames.{name}.terminators")
            self.frame_terminators[name] = {t for t in terms if " " not in t}
            multi = [t for t in terms if " " in t]
            self._add_phrases(f"B|{name}", multi)

    def _load_cues(self, cues: dict[str, Any]) -> None:
        self.cue_window = int(cues.get("window", 8))
        self.cue_terminators = set(_strings(cues.get("terminators"), "cues.terminators"))
        self.cue_names = [k for k in cues if k not in ("window", "terminators")]
        # a cue that cancels others said before it ("massive this morning, now better")
        self.cue_overrides: dict[str, set[str]] = {
            name: set(_strings((cues[name] or {}).get("overrides"), f"cues.{name}.overrides"))
            for name in self.cue_names
            if (cues[name] or {}).get("overrides")
        }
        for name, over in self.cue_overrides.items():
            unknown = over - set(self.cue_names)
            if unknown:
                raise ValueError(f"cues.{name}.overrides: unknown cues {sorted(unknown)}")
        # a cue that takes back a strong word said before it as a sign of its own ("my cheeks
        # are KILLING me, ok that's dramatic, just a bit tender"): those signs, by id
        self.cue_takes_back: dict[str, set[str]] = {
            name: set(_strings((cues[name] or {}).get("takes_back"), f"cues.{name}.takes_back"))
            for name in self.cue_names
            if (cues[name] or {}).get("takes_back")
        }
        self.cue_take_back_window = {
            name: int((cues[name] or {}).get("window", self.cue_window))
            for name in self.cue_takes_back
        }
        for name, back in self.cue_takes_back.items():
            unknown = back - set(self.signs)
            if unknown:
                raise ValueError(f"cues.{name}.takes_back: unknown signs {sorted(unknown)}")
        # a cue told only by a size ("bigger than b4"): see ``SizeCue``
        self.cue_size: dict[str, SizeCue] = {}
        for name in self.cue_names:
            block = cues[name] or {}
            if not block.get("size_words"):
                continue
            self.cue_size[name] = SizeCue(
                words=frozenset(_strings(block.get("size_words"), f"cues.{name}.size_words")),
                breakers=frozenset(
                    _strings(block.get("size_breakers"), f"cues.{name}.size_breakers")
                ),
                not_for=frozenset(_strings(block.get("size_not_for"), f"cues.{name}.size_not_for")),
            )
            not_signs = self.cue_size[name].not_for - set(self.signs)
            if not_signs:
                raise ValueError(f"cues.{name}.size_not_for: unknown signs {sorted(not_signs)}")
        for name in self.cue_names:
            self._add_block(f"C|{name}", cues[name] or {}, f"cues.{name}")
            exclude = (cues[name] or {}).get("exclude")
            self._add_patterns(f"CX|{name}", exclude, f"cues.{name}.exclude")

    def _load_contexts(self, contexts: dict[str, Any]) -> None:
        self.contexts = {name: (block or {}).get("label", name) for name, block in contexts.items()}
        for name, block in contexts.items():
            self._add_block(f"CTX|{name}", block or {}, f"contexts.{name}")

    def _load_durations(self, dur: dict[str, Any]) -> None:
        self.units = [(re.compile(u["regex"]), float(u["days"])) for u in dur.get("units") or []]
        self.number_words = {str(k): float(v) for k, v in (dur.get("numbers") or {}).items()}
        self.bare_plural = float(dur.get("bare_plural", 2))
        # a day of the week (the pattern the weekday patterns of the file use too)
        self.weekday_rx = re.compile(str(dur.get("weekday") or "(?!)"))
        self.more_words = _strings(dur.get("more"), "durations.more")
        words = {
            key: frozenset(normalise(w).lower() for w in _strings(dur.get(key), f"durations.{key}"))
            for key in (
                "fillers",
                "skip_before",
                "before_unit",
                "of_time",
                "weekday_ahead",
                "now_after",
                "ahead_plans",
                "spacing",
                "spacing_between",
                "asked_before",
                "asked_after",
                "asked_relations",
                "trip_words",
                "pause_words",
                "ordinal_days",
            )
        }
        self.duration_fillers = words["fillers"]  # "more than a week"
        self.skip_before = words["skip_before"]  # "every 2 days"
        self.before_unit = words["before_unit"]  # "2 more days"
        self.of_time = words["of_time"]  # "a 3 day old bruise"
        self.weekday_ahead = words["weekday_ahead"]  # "my review is on friday"
        self.now_after = words["now_after"]  # "friday now"
        # "book the follow-up for the same time in four weeks"
        self.ahead_plans = words["ahead_plans"]
        # "flying to Lisbon tomorrow for a week": the length of a trip
        self.trip_words = words["trip_words"]
        # "should I skip my retinol for a few days": the length of a pause
        self.pause_words = words["pause_words"]
        #: a trip or a pause: after either, a length is the plan's, not the time since
        self.trip_or_pause_words = self.trip_words | self.pause_words
        # "the fifth morning since the booster": an ordinal day
        self.ordinal_days = words["ordinal_days"]
        self.ordinals = {
            normalise(str(k)).lower(): float(v) for k, v in (dur.get("ordinals") or {}).items()
        }
        # "is 4 weeks the right GAP", "3 weeks APART": the spacing of sessions
        self.spacing = words["spacing"]
        self.spacing_between = words["spacing_between"]  # "3 weeks between SESSIONS"
        # "is six weeks right?": a duration asked about
        self.asked_before = words["asked_before"]
        self.asked_after = words["asked_after"]
        self.asked_relations = words["asked_relations"]  # "is four weeks LATER right?"
        # word sequences, as the tokenizer splits a message ("it's" is "it" + "'s")
        seqs = {
            key: tuple(
                dict.fromkeys(
                    tuple(t.lower_ for t in self.nlp.make_doc(normalise(p)))
                    for p in _strings(dur.get(key), f"durations.{key}")
                )
            )
            for key in ("ahead_before", "ahead_after", "now_before", "calendar", "mild")
        }
        self.ahead_before = seqs["ahead_before"]  # "is in six weeks"
        self.ahead_after = seqs["ahead_after"]  # "six weeks from now"
        self.now_before = seqs["now_before"]  # "today is the 15th"
        self.calendar = seqs["calendar"]  # "last week", restated by "6 days ago"
        # "a bit", "slightly": a sign called slight, as words of a sentence joined by spaces
        self.mild_words = tuple(" ".join(s) for s in seqs["mild"])
        self.less_words = _strings(dur.get("less"), "durations.less")
        owner = dur.get("owner") or {}
        self.owner_ends = {normalise(w) for w in _strings(owner.get("clause_ends"), "owner")}
        self.owner_treated = {normalise(w) for w in _strings(owner.get("treated"), "owner")}
        self.owner_others = {normalise(w) for w in _strings(owner.get("others"), "owner")}
        self.owner_self = {normalise(w) for w in _strings(owner.get("self"), "owner")}
        self.owner_theirs = {normalise(w) for w in _strings(owner.get("theirs"), "owner")}
        self.owner_theirs_gap = {normalise(w) for w in _strings(owner.get("theirs_gap"), "owner")}
        for phrase, days in (dur.get("phrases") or {}).items():
            self._add_phrases(f"DUR|{float(days)}", [str(phrase)])
        # a duration in a likeness is no time of the sign ("puffy like I've been crying for a week")
        self._add_patterns("DURLIKE", dur.get("likened"), "durations.likened")
        # ... nor one of states told in turns ("freezing one min, boiling the next")
        self._add_patterns("DURLIKE", dur.get("in_turns"), "durations.in_turns")
        # ... nor the day of another activity ("day 2 of migrating to the new system")
        self._add_patterns("DURLIKE", dur.get("of_an_activity"), "durations.of_an_activity")
        for i, block in enumerate(dur.get("patterns") or []):  # {days, patterns}: a time with gaps
            where = f"durations.patterns[{i}]"
            if not isinstance(block, dict) or "days" not in block:
                raise ValueError(f"{where}: needs days and patterns")
            # `at_least`: the days are a lower bound ("on monday": a day ago or more)
            kind = "DURMIN" if block.get("at_least") else "DUR"
            self._add_patterns(f"{kind}|{float(block['days'])}", block.get("patterns"), where)

    def _load_ratings(self, block: dict[str, Any]) -> None:
        """A pain score that rises over the message (read by ``ratings``)."""
        self.ratings: dict[str, Any] = {}
        if not block:
            return
        self._add_phrases("RATE|scale", _strings(block.get("scale"), "ratings.scale"))
        self.ratings = {
            "top": float(block.get("top", 10)),
            "min_rise": float(block.get("min_rise", 2)),
            "state": str(block.get("state") or ""),
            **{
                key: {normalise(w) for w in _strings(block.get(key), f"ratings.{key}")}
                for key in (
                    "before",
                    "scale_next",
                    "not_after",
                    "not_before",
                    "other_ratings",
                    "unscaled_before",
                )
            },
        }

    def _load_likeness_colours(self, block: dict[str, Any]) -> None:
        """The vocabulary states of the colours a thing is likened by (read by ``likeness``)."""
        self.likeness_colours: dict[str, frozenset[str]] = {
            str(state): frozenset(_strings(words, f"likeness_colours.{state}"))
            for state, words in block.items()
            if state != "source"
        }

    def _load_measures(self, block: dict[str, Any]) -> None:
        """Sizes that rise over the message (read by ``measures``)."""
        self.measures: dict[str, Any] = {}
        if not block:
            return
        units = []
        for i, unit in enumerate(block.get("units") or []):
            if not isinstance(unit, dict) or "regex" not in unit or "mm" not in unit:
                raise ValueError(f"measures.units[{i}]: needs regex and mm")
            units.append((re.compile(str(unit["regex"])), float(unit["mm"])))
        for key in ("state", "cue"):
            if not block.get(key):
                raise ValueError(f"measures: needs {key}")
        if block["cue"] not in self.cue_names:
            raise ValueError(f"measures.cue: unknown cue {block['cue']!r}")
        self.measures = {
            "units": units,
            "state": str(block["state"]),
            "cue": str(block["cue"]),
            **{
                key: {normalise(w) for w in _strings(block.get(key), f"measures.{key}")}
                for key in ("range_from", "range_to")
            },
        }

    def _load_report_markers(self, markers: dict[str, Any]) -> None:
        self.first_person = {
            normalise(w)
            for w in _strings(markers.get("first_person"), "report_markers.first_person")
        }
        self._add_phrases(
            "RM", _strings(markers.get("after_treatment"), "report_markers.after_treatment")
        )

    def _load_questions(self, vague: dict[str, Any]) -> None:
        self.vague_default = vague.get("default_level", "routine")
        if self.vague_default not in LEVELS:
            raise ValueError("vague_report.default_level: unknown level")
        self.questions: list[dict[str, Any]] = []
        for q in vague.get("questions") or []:
            if q.get("level") not in LEVELS or not q.get("slot"):
                raise ValueError(f"vague_report question {q!r}: needs slot and a known level")
            for sid in q.get("covers") or []:
                if sid not in self.signs:
                    raise ValueError(f"vague_report question {q['slot']}: unknown sign {sid!r}")
            self.questions.append(dict(q))

    def _load_combinations(self, items: list[dict[str, Any]]) -> None:
        """Signs that together make another: "feel really unwell" + a swollen face."""
        self.combinations: list[tuple[str, list[set[str]]]] = []
        for i, item in enumerate(items):
            sign = item.get("sign")
            groups = item.get("all_of") or []
            where = f"combinations[{i}]"
            if sign not in self.signs:
                raise ValueError(f"{where}: unknown sign {sign!r}")
            if len(groups) < 2:
                raise ValueError(f"{where}: all_of needs at least two lists of signs")
            sets = []
            for g in groups:
                for sid in _strings(g, f"{where}.all_of"):
                    if sid not in self.signs:
                        raise ValueError(f"{where}: unknown sign {sid!r}")
                sets.append(set(g))
            self.combinations.append((sign, sets))

    def _load_recolouring(
        self, name: str, key: str, block: dict[str, Any], needs: tuple[str, ...], why: str
    ) -> Recolouring:
        """A colour sign read as another sign when the block's ``needs`` parts are all found
        and its ``keep`` part is not (``small_marks``, ``fading_tints``, ``healing_colours``)."""
        r = Recolouring(
            name=name,
            signs=frozenset(_strings(block.get("signs"), f"{name}.signs")),
            colours=frozenset(_strings(block.get("colours"), f"{name}.colours")),
            to=str(block.get("to") or ""),
            max_days=float(block.get("max_days", 0)),
            needs=tuple(f"{key}|{part}" for part in needs),
            keep=f"{key}|keep",
            why=why,
        )
        for sid in [*r.signs, *([r.to] if block else [])]:
            if sid not in self.signs:
                raise ValueError(f"{name}: unknown sign {sid!r}")
        for part in (*needs, "keep"):
            self._add_block(f"{key}|{part}", block.get(part) or {}, f"{name}.{part}")
        return r

    def _load_puzzled_writer(self, block: dict[str, Any]) -> None:
        """The writer's own puzzlement ("I'm confused"): its ``signs`` do not count in a
        message that names no body part, symptom or treatment and holds no other sign, unless a
        ``keep`` pattern says what puzzles them is where or who they are, or what day it is."""
        self.puzzled_signs = frozenset(_strings(block.get("signs"), "puzzled_writer.signs"))
        unknown = self.puzzled_signs - set(self.signs)
        if unknown:
            raise ValueError(f"puzzled_writer.signs: unknown signs {sorted(unknown)}")
        self._add_patterns("PUZZLED", block.get("patterns"), "puzzled_writer.patterns")
        keep = block.get("keep") or {}
        self._add_patterns("PUZZLED_KEEP", keep.get("patterns"), "puzzled_writer.keep.patterns")

    def _load_check(self, check: dict[str, Any]) -> None:
        """The red-flag check asked before any reassurance (one message, quick replies)."""
        self.check_slot = check.get("slot")
        self.check_options: list[dict[str, Any]] = []
        for opt in check.get("options") or []:
            where = f"check.options[{opt.get('id')}]"
            if not opt.get("id") or opt.get("sign") not in self.signs:
                raise ValueError(f"{where}: needs an id and a known sign")
            for sid in opt.get("denied_by_signs") or []:
                if sid not in self.signs:
                    raise ValueError(f"{where}: unknown sign {sid!r} in denied_by_signs")
            self.check_options.append(dict(opt))
        if self.check_options and not self.check_slot:
            raise ValueError("check: needs a slot")

    def _load_vocabulary(self, name: Any) -> None:
        """Functions, states and concepts (knowledge/triage_vocabulary.yml by default)."""
        if isinstance(name, dict):
            vocab = name
        elif name is None:
            vocab = {}
        else:
            with open(KNOWLEDGE / str(name), encoding="utf-8") as f:
                vocab = yaml.safe_load(f) or {}
        self.vocab = VocabularyView(vocab, set(self.signs))
        for fn in self.check_options:
            for f in fn.get("denied_by") or []:
                if f not in (vocab.get("functions") or {}):
                    raise ValueError(f"check.options[{fn['id']}]: unknown function {f!r}")
        # every one-word name of a function or state, and which of them calm a
        # reading (for the slips of the signs' words: _read_slips_as_signs)
        self.vocabulary_raising, self.vocabulary_calming = _vocabulary_roles(vocab)
        known = self.vocabulary_raising | self.vocabulary_calming
        self.vocabulary_words = known
        typos = self._typos(vocab, known)
        for kind, key in (("functions", "FN"), ("states", "ST"), ("anchors", "ANCHOR")):
            for gname, block in (vocab.get(kind) or {}).items():
                block = block or {}
                where = f"triage_vocabulary.{kind}.{gname}"
                words = _strings(block.get("words"), f"{where}.words")
                added = typos.get((kind, gname), {})
                self._add_phrases(f"{key}|{gname}", words + list(added))
                like = [
                    [{"LOWER": {"REGEX": rx}}]
                    for rx in _strings(block.get("like"), f"{where}.like")
                ]
                self._add_patterns(
                    f"{key}|{gname}", like + list(block.get("patterns") or []), f"{where}.patterns"
                )
                exclude = block.get("exclude")
                if added and isinstance(exclude, list):
                    # "vison board" is excluded as "vision board" is
                    exclude = [_with_typos(p, added) for p in exclude]
                self._add_patterns(f"{key}X|{gname}", exclude, f"{where}.exclude")
                # a form that is what it is only where its clause ends ("he doesn't drink")
                self._add_patterns(
                    f"{key}XE|{gname}", block.get("exclude_at_end"), f"{where}.exclude_at_end"
                )
        self._add_phrases("VTERM", self.vocab.multi_terminators)
        self._add_phrases("EXCEPT", self.vocab.exception_words)

    def _typos(
        self, vocab: dict[str, Any], known: set[str]
    ) -> dict[tuple[str, str], dict[str, str]]:
        """The misspelt forms each function and state gains: ``{(kind, group): {form: word}}``.

        Function words gain the forms of ``spelt_by_sound`` ("hed", "throt");
        function and state words of ``_MIN_SLIP`` letters or more gain those
        of ``typed_by_slip`` ("brusies", "forhead"). A form is refused when it
        is a word of its own (``_is_a_word``), and when it could stand for two
        words that share no group ("sings": signs swapped, stings short of a
        letter). States that calm a reading (the ``normal`` states and those a
        concept names in ``unless``: "fine", "slight") gain none: a guessed
        word may raise a reading, never lower one.
        """
        calming = _calming_states(vocab)
        groups_of: dict[str, set[tuple[str, str]]] = {}
        wanted: list[tuple[tuple[str, str], str, str]] = []  # (group, word, form)
        for kind in ("functions", "states"):
            for gname, block in (vocab.get(kind) or {}).items():
                if kind == "states" and gname in calming:
                    continue
                for w in (block or {}).get("words") or []:
                    w = str(w).lower()
                    if " " in w or not w.isalpha():
                        continue
                    groups_of.setdefault(w, set()).add((kind, gname))
                    forms = typed_by_slip(w)
                    if kind == "functions":
                        forms = spelt_by_sound(w) + forms
                    wanted += [((kind, gname), w, f) for f in forms]
        sources: dict[str, set[str]] = {}
        for _, w, f in wanted:
            sources.setdefault(f, set()).add(w)
        out: dict[tuple[str, str], dict[str, str]] = {}
        for group, w, f in wanted:
            if f in known or self._is_a_word(f):
                continue
            if len(sources[f]) > 1 and not set.intersection(*(groups_of[s] for s in sources[f])):
                continue  # two words of different meaning: no guess
            out.setdefault(group, {}).setdefault(f, w)
        return out

    def _read_slips_as_signs(self, items: list[dict[str, Any]]) -> dict[str, str]:
        """Read a slip of the thumb on a sign's own word as that word: ``{form: word}``.

        The signs' phrases, terms and token patterns and the vocabulary name words such as
        "seizure", "slurred", "collapsed", "blurry"; a patient typing fast
        writes "seizuer", "slurerd", "colalpsed", "bulrry" (``typed_by_slip``:
        two neighbouring letters swapped, one inner letter left out). Each such
        form is read as its word wherever the rules look (the tokenizer's
        lexeme keeps what was written, its lower-case form becomes the word), so
        every pattern, exclusion and reader sees the word the patient meant.
        A form is refused when it is a word of its own (``_is_a_word``: "mouth"
        is no slip of "month"), a word the rules name anywhere, or a slip of two
        different words. The signs' words and the vocabulary's functions and
        raising states gain slips; the words that calm a reading (negation,
        "normal", "slight") never do, so a guessed word may raise a reading,
        never lower one. (``_typos`` adds the vocabulary's forms as phrases too,
        and the names spelt by sound.)
        """
        words: set[str] = set()
        for item in items:
            for key in ("phrases", "terms"):
                for phrase in item.get(key) or []:
                    words.update(str(phrase).lower().split())
            for pattern in item.get("patterns") or []:
                _gather_literals(pattern, words, [])
        words.update(self.vocabulary_raising)
        known = words | self.literals | self.vocabulary_words
        words -= self.calm_words
        targets: dict[str, set[str]] = {}
        for w in words:
            for form in typed_by_slip(w):
                targets.setdefault(form, set()).add(w)
        slips = {
            form: next(iter(ws))
            for form, ws in targets.items()
            if len(ws) == 1 and form not in known and not self._is_a_word(form)
        }
        strings = self.nlp.vocab
        for form, word in slips.items():
            for written in {form, form.capitalize(), form.upper()}:
                strings[written].lower_ = word
        return slips

    def read(self, clean: str) -> Any:
        """The message as a doc, a stretched word read as the word it stretches.

        "my lips are swoooollen", "eyeeee", "cant breatheee": a run of three or
        more of one letter is read as the first of its shorter spellings (the
        run as two letters, then as one) that the rules know or that is a word
        of its own (``_is_a_word``), through the lexeme as slips are. A word
        that calms a reading ("nooo", "fiiine") is not read so: a stretched
        "no" is an exclamation more often than a denial.
        """
        doc = self.nlp.make_doc(clean)
        for t in doc:
            low = t.lower_
            if t.orth_ in self._stretch_seen or not _STRETCHED.search(low):
                continue
            self._stretch_seen.add(t.orth_)
            word = self._unstretched(low)
            if word and word not in self.calm_words:
                self.nlp.vocab[t.orth_].lower_ = self.slips.get(word, word)
        return doc

    def _unstretched(self, low: str) -> str | None:
        runs = list(_STRETCHED.finditer(low))[:3]
        candidates = [""]
        pos = 0
        for m in runs:
            head = low[pos : m.start()]
            letter = m.group()[0]
            candidates = [c + head + letter * n for n in (2, 1) for c in candidates]
            pos = m.end()
        for c in candidates:
            c += low[pos:]
            if (
                c in self.literals
                or c in self.vocabulary_words
                or c in self.slips
                or self._is_a_word(c)
            ):
                return c
        return None

    def _read_shorthand(self, shorthand: dict[str, Any]) -> None:
        """Read each shorthand as its word (``shorthand``: "n" is "and"), as slips are read."""
        if not isinstance(shorthand, dict):
            raise ValueError("shorthand: expected a mapping of shorthand to word")
        for form, word in shorthand.items():
            if not isinstance(form, str) or not isinstance(word, str):
                raise ValueError(f"shorthand: {form!r}: {word!r} is not text (quote it)")
            for written in {form, form.upper()}:
                self.nlp.vocab[written].lower_ = word.lower()

    def _is_a_word(self, form: str) -> bool:
        """A word of its own: a common English word (spaCy's stop words: "had"), a
        WordNet lemma or inflected form ("moth", "pin", "red"), or a form of a verb
        ("saw", "sings", "rained", "tiling": ``forms.is_verb_form``)."""
        return (
            form in self.nlp.Defaults.stop_words
            or wordnet.is_lemma(form, verbs=True)
            or wordnet.is_dictionary_word(form)
            or forms.is_verb_form(form)
        )

    def _spelt(self, words: list[str], known: set[str]) -> list[str]:
        """The one-word names as written by their sound ("hed", "throt"), refused when
        the form is a word of the vocabulary or a word of its own (``_is_a_word``)."""
        out = [
            form
            for w in words
            for form in spelt_by_sound(w.lower())
            if form not in known and not self._is_a_word(form)
        ]
        return list(dict.fromkeys(out))

    # -- level of a sign in this message ------------------------------------
    def effective_level(self, sign: Sign, contexts: set[str]) -> str | None:
        if sign.context is None or sign.context in contexts:
            return sign.level
        return sign.outside_context


def _with_typos(pattern: Any, typos: dict[str, str]) -> Any:
    """A token pattern whose ``LOWER: {IN: [...]}`` lists also hold the misspelt forms
    of their words (``typos``: form -> word)."""
    if not isinstance(pattern, list):
        return pattern
    by_word: dict[str, list[str]] = {}
    for form, word in typos.items():
        by_word.setdefault(word, []).append(form)
    out = []
    for spec in pattern:
        low = spec.get("LOWER") if isinstance(spec, dict) else None
        if isinstance(low, dict) and isinstance(low.get("IN"), list):
            words = [str(w) for w in low["IN"]]
            extra = [f for w in words for f in by_word.get(w.lower(), ()) if f not in words]
            if extra:
                spec = {**spec, "LOWER": {**low, "IN": words + list(dict.fromkeys(extra))}}
        out.append(spec)
    return out


def _calming_states(vocab: dict[str, Any]) -> set[str]:
    """The states that calm a reading: the ``normal`` ones and those a concept
    names in ``unless`` ("fine", "slight")."""
    calming = set(vocab.get("normal") or [])
    for c in vocab.get("concepts") or []:
        unless = (c or {}).get("unless") or []
        calming.update([unless] if isinstance(unless, str) else unless)
    return calming


def _vocabulary_roles(vocab: dict[str, Any]) -> tuple[set[str], set[str]]:
    """The one-word names of the functions and raising states, and of the calming states."""
    calming = _calming_states(vocab)
    raising: set[str] = set()
    calm: set[str] = set()
    for kind in ("functions", "states"):
        for gname, block in (vocab.get(kind) or {}).items():
            words = {str(w).lower() for w in (block or {}).get("words") or [] if " " not in str(w)}
            (calm if kind == "states" and gname in calming else raising).update(words)
    return raising, calm


def _words_in(node: Any) -> Iterable[str]:
    """Every word of every string in a YAML tree (keys excluded), lower case."""
    if isinstance(node, str):
        yield from node.lower().split()
    elif isinstance(node, dict):
        for v in node.values():
            yield from _words_in(v)
    elif isinstance(node, list):
        for v in node:
            yield from _words_in(v)


@functools.lru_cache(maxsize=4)
def load_rules(path: str | None = None) -> Rules:
    """Read and compile the rules once per process (``load_rules.cache_clear()`` to reload)."""
    p = Path(path) if path else RULES_PATH
    with open(p, encoding="utf-8") as f:
        data = yaml.safe_load(f) or {}
    return Rules(data)
