"""One step: is a sign said of a thing, not of a person's body? (data in
``knowledge/triage_subjects.yml``, the one file a clinician reads for it).

A state word is a symptom only when it is said of a person, a body part or
what a person senses. A sign above ``none`` is not counted (status
``thing``, with the reason for staff) when:

* its subject, the noun before it, is a thing, a group, an event or a time
  ("the market collapsed", "the engine sounds like it's wheezing", "rust
  blisters", "the deadline collapsed");
* it describes a thing right after it ("a wheezing boiler", "a stroke
  technique"), or is about one ("seizure of goods", "confusion about the form");
* what gives it is a song, a film, a number ("songs that give you shivers");
* an emotion in the clause is its cause ("couldn't breathe for laughing");
* it is chosen among kinds ("the best stroke for distance");
* it is part of an idiom ("itchy feet");
* its body word names part of a thing ("the eye of the needle", "a face
  mask", "a watch with a white face");
* it is a colour describing a thing ("a dusky pink sunrise");
* the sentence is about a depiction or a word, and no person's own body
  ("the kids drew a purple face", "synonyms for breathless");
* what cannot be seen is behind a foggy or dirty thing ("the window is so
  misted I can't see"), or is on a screen or a show, the message's only sign
  ("can't see the subtitles");
* a singular noun after an article names a thing ("the hive");
* it continues, in the same sentence, a sign already said of a thing ("my
  screen went blurry, like looking through fog");
* it is a colour the writer asks for ("I'd like my nails red with white
  tips"), the colour something is printed in ("in tiny pale blue letters"),
  or "a rash of" many things on a thing ("a rash of chips along the frame").

A clause naming a body part or the treatment keeps the sign (the
treatment anywhere in the message does, for depictions and things looked
at). What a noun names comes from WordNet (``bot.triage.wordnet``); the
file's word lists win over it; without WordNet nothing changes (it fails
towards the alarm). Called once from ``assess``.
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.levels import rank
from bot.triage import figurative, wordnet
from bot.triage.match import Doc, Match, Spans, boundaries
from bot.triage.vocabulary import VocabularyView

SUBJECTS_PATH = Path(__file__).resolve().parents[2] / "knowledge" / "triage_subjects.yml"
_BODY_CLASSES = (8, 18)  # WordNet: body, person
_PUNCT_STOP = {",", ";", ":", "(", ")", "-", '"'}


@dataclass(frozen=True)
class Subjects:
    """The lists of ``knowledge/triage_subjects.yml``, checked."""

    senses: int
    thing_classes: frozenset[int]
    after_classes: frozenset[int]
    giver_classes: frozenset[int]
    compound_classes: frozenset[int]
    cause_words: frozenset[str]
    person_words: frozenset[str]
    others: frozenset[str]
    addressed: frozenset[str]
    sign_words: frozenset[str]
    skip_words: frozenset[str]
    seeming: frozenset[str]
    weather_places: frozenset[str]
    weather_joiners: frozenset[str]
    weather_classes: frozenset[int]
    emotion_causes: frozenset[str]
    emotion_window: int
    give_verbs: frozenset[str]
    give_objects: frozenset[str]
    leave_verbs: frozenset[str]
    leaver_classes: frozenset[int]
    leaver_words: frozenset[str]
    choice_words: frozenset[str]
    about_words: frozenset[str]
    object_words: frozenset[str]
    placement_words: frozenset[str]
    idioms: tuple[tuple[str, ...], ...]
    verb_before: frozenset[str]
    likeness_words: frozenset[str]
    time_words: frozenset[str]
    obscuring_words: frozenset[str]
    obscuring_causes: frozenset[str]
    obscured_signs: frozenset[str]
    sight_words: frozenset[str]
    articles: frozenset[str]
    thing_sign_classes: frozenset[int]
    owners: frozenset[str]
    thing_words: frozenset[str]
    depiction_words: frozenset[str]
    language_words: frozenset[str]
    onset_phrases: frozenset[str]
    quote_marks: frozenset[str]
    perceived_skip: frozenset[str]
    perceived_classes: frozenset[int]
    sight_onset: frozenset[str]
    light_words: frozenset[str]
    print_words: frozenset[str]
    many_words: frozenset[str]
    wish_words: frozenset[str]
    many_places: frozenset[str]
    printed_joiners: frozenset[str]
    light_degree: frozenset[str]
    comparison_words: frozenset[str]
    colour_signs: frozenset[str]
    shade_words: frozenset[str]
    shade_classes: frozenset[int]
    attribute_joiners: frozenset[str]
    discourse_nouns: frozenset[str]
    discourse_verbs: frozenset[str]
    object_pronouns: frozenset[str]
    after_object: frozenset[str]
    time_determiners: frozenset[str]
    time_verbs: frozenset[str]
    title_words: frozenset[str]
    mark_words: frozenset[str]
    cause_classes: frozenset[int]
    make_verbs: frozenset[str]
    measure_words: frozenset[str]
    clause_verbs: frozenset[str]
    purchase_verbs: frozenset[str]
    eat_words: frozenset[str]
    food_classes: frozenset[int]
    missing_words: frozenset[str]
    print_sizes: frozenset[str]
    screen_words: frozenset[str]
    part_counters: frozenset[str]
    part_states: frozenset[str]

    @functools.cached_property
    def idioms_by_first(self) -> dict[str, list[tuple[str, ...]]]:
        out: dict[str, list[tuple[str, ...]]] = {}
        for idiom in self.idioms:
            out.setdefault(idiom[0], []).append(idiom)
        return out


def _words(data: dict[str, Any], key: str) -> frozenset[str]:
    value = data.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"triage_subjects.{key}: expected a list of words (quote yes/no/on)")
    return frozenset(v.lower() for v in value)


def _classes(data: dict[str, Any], key: str) -> frozenset[int]:
    value = data.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, int) and 3 <= v <= 45 for v in value):
        raise ValueError(f"triage_subjects.{key}: expected WordNet class numbers (3..45)")
    return frozenset(value)


def parse(data: dict[str, Any]) -> Subjects:
    """The checked lists; a wrong entry raises ``ValueError`` when the rules load.

    Every field of ``Subjects`` is read from the key of the same name: word
    lists with ``_words``, WordNet class lists with ``_classes``.
    """
    values: dict[str, Any] = {
        "senses": max(1, int(data.get("senses", 2))),
        "emotion_window": int(data.get("emotion_window", 8)),
        "idioms": tuple(
            sorted({tuple(i.replace("-", " - ").split()) for i in _words(data, "idioms")})
        ),
    }
    for f in dataclasses.fields(Subjects):
        if f.type == "frozenset[str]":
            values[f.name] = _words(data, f.name)
        elif f.type == "frozenset[int]":
            values[f.name] = _classes(data, f.name)
    return Subjects(**values)


@functools.lru_cache(maxsize=2)
def load_subjects(path: str | None = None) -> Subjects:
    with open(Path(path) if path else SUBJECTS_PATH, encoding="utf-8") as f:
        return parse(yaml.safe_load(f) or {})


class _Reader:
    """One message: its clauses and which tokens are body, symptom or treatment words."""

    def __init__(self, subj: Subjects, vocab: VocabularyView, doc: Doc, found: Spans) -> None:
        self.s, self.doc, self.found = subj, doc, found
        self.vocab_things = vocab.things
        self.clause = boundaries(doc, vocab.terminators)
        self.known: set[int] = set()  # words of the vocabulary and the rules (not "screen")
        self.perceiving: set[int] = set()  # function words ("see", "breathe", "swallow")
        self.function_words = vocab.report_words | vocab.placed_by
        # after a sign, the vocabulary's neutral places are not things ("blurry in the mirror")
        self.places = subj.sign_words | vocab.neutral_places
        self.body: set[int] = set()  # body and treatment words (not symptom words: "wheezing")
        for key, spans in found.items():
            kind, _, name = key.partition("|")
            idx = {i for a, b in spans for i in range(a, b)}
            if kind in ("FN", "ST", "S", "T", "ANCHOR") and not (
                kind == "FN" and name in vocab.things
            ):
                self.known |= idx
            if kind == "FN" and name not in vocab.things:
                self.perceiving |= idx
            if (kind == "ANCHOR" and name != "symptom") or (
                kind == "FN" and name in vocab.body_functions
            ):
                self.body |= idx
        states = {
            i for k, v in found.items() if k.startswith("ST|") for a, b in v for i in range(a, b)
        }
        # not "swelling" (a function that is its own state), not a time ("a week later")
        self.guards = {
            i
            for i in self.body - states
            if not (doc[i].is_digit or doc[i].lower_ in subj.time_words)
        }
        # other sign or symptom words of a clause: not a number or a time ("hole 7")
        self.symptom_words = {
            i for i in self.known if not (doc[i].is_digit or doc[i].lower_ in subj.time_words)
        }
        self.in_idiom = self._idioms()
        self.guarded: dict[int, int] = {}  # clause -> how many guard words it holds
        self.knowing: dict[int, int] = {}  # clause -> how many known words it holds
        for i, c in enumerate(self.clause):
            self.guarded[c] = self.guarded.get(c, 0) + (i in self.guards)
            self.knowing[c] = self.knowing.get(c, 0) + (i in self.symptom_words)

    def is_time(self, low: str) -> bool:
        """A time noun of ``time_words`` ("a week later", "last night"): never a subject."""
        if low not in self.s.time_words or not wordnet.is_mainly_noun(low):
            return False
        return wordnet.classes(low, 1)[:1] == (28,)

    def found_at(self, i: int) -> list[str]:
        """The keys of the words found that cover token ``i``."""
        return [k for k, spans in self.found.items() if any(a <= i < b for a, b in spans)]

    def clause_has(self, table: dict[int, int], words: set[int], start: int, end: int) -> bool:
        """The clause of ``start`` holds one of ``words`` outside ``start:end``."""
        own = sum(1 for i in range(start, end) if i in words and self.same(i, start))
        return table[self.clause[start]] > own

    def _idioms(self) -> set[int]:
        low = [t.lower_ for t in self.doc]
        out: set[int] = set()
        for i, word in enumerate(low):
            for idiom in self.s.idioms_by_first.get(word, ()):
                if tuple(low[i : i + len(idiom)]) == idiom:
                    out.update(range(i, i + len(idiom)))
        return out

    def is_part(self, i: int) -> bool:
        """A body part or a person ("eye", "lips", "mum"), not a function ("breathing")."""
        low = self.doc[i].lower_
        if low in self.s.person_words or not wordnet.is_mainly_noun(low):
            return low in self.s.person_words or wordnet.lemma(low) is None
        cls = wordnet.classes(low, self.s.senses)
        return not cls or cls[0] in _BODY_CLASSES

    def kind(self, i: int) -> str:
        """ "person", "thing", "noun" (neither) or "" (not a noun) for token ``i``."""
        low = self.doc[i].lower_
        if low in self.s.person_words or i in self.body:
            return "person"
        if (
            low in self.s.sign_words
            or i in self.known
            or low in self.function_words
            or len(low) < 2
        ):
            return ""  # a letter ("faint n dizzy") is not a noun
        if i > 0 and self.doc[i - 1].lower_ in self.s.verb_before:
            return ""  # "can't stop shivering": a verb
        if low in self.s.thing_words:
            return "thing"  # "my server": WordNet's first sense is a person
        if not wordnet.is_mainly_noun(low):
            return ""
        cls = wordnet.classes(low, self.s.senses)
        if not cls:
            return ""
        if cls[0] in _BODY_CLASSES:
            return "person"
        return "thing" if set(cls) & self.s.thing_classes else "noun"

    def compound(self, i: int) -> bool:
        before = self.doc[i - 1].lower_ if i > 0 else ""
        if before in self.s.person_words or before in self.s.verb_before:
            return False  # "I know swelling is expected": a verb
        cls = wordnet.classes(self.doc[i].lower_, self.s.senses)
        return bool(cls) and cls[0] in self.s.compound_classes

    def same(self, i: int, j: int) -> bool:
        return 0 <= i < len(self.doc) and self.clause[i] == self.clause[j]

    def noun_after(self, i: int, start: int, classes: frozenset[int], det: bool = True) -> bool:
        """The first noun from ``i`` (after up to two describing words) is of ``classes``."""
        for j in range(i, min(len(self.doc), i + 3)):
            if not self.same(j, start) or not self.doc[j].is_alpha:
                return False
            low = self.doc[j].lower_
            if (
                len(low) < 2
                or low in self.s.person_words
                or j in self.body
                or low in self.places
                or low in self.s.time_words
            ):
                return False
            if det and low in self.s.skip_words:
                continue
            if low in self.function_words or low in self.s.skip_words or j in self.known:
                return False
            if low in self.s.thing_words:
                return True
            if wordnet.is_mainly_noun(low):
                cls = wordnet.classes(low, self.s.senses)
                return bool(cls) and cls[0] not in _BODY_CLASSES and bool(set(cls) & classes)
        return False

    def subject_before(self, start: int, limit: int = 8) -> tuple[str, int]:
        """What the walk back from ``start`` finds first: ("person"|"thing"|"", index)."""
        i, anchor = start - 1, start
        while i >= 0 and anchor - i <= limit and self.same(i, anchor):
            tok = self.doc[i]
            low = tok.lower_
            if low in _PUNCT_STOP:
                return "", i
            if self.is_time(low) and i > 0 and self.doc[i - 1].lower_ in self.s.owners:
                return "thing", i  # "my week looks stifling": a time owned is the subject
            if (
                self.is_time(low)
                and i > 0
                and self.doc[i - 1].lower_ in self.s.time_determiners
                and (i < 2 or not self.same(i - 2, i) or not self.doc[i - 2].is_alpha)
                and i + 1 < len(self.doc)
                and self.doc[i + 1].lower_ in self.s.time_verbs
            ):
                return "thing", i  # "this month has been crushing me": the time opens the clause
            if (
                tok.is_digit
                or low in ("'", '"')
                or self.is_time(low)
                or (i in self.known and i not in self.body)
            ):
                i -= 1  # "floor 3", "'science' fever", "bubbles keep swelling"
                continue
            if low in ("and", "or") and i > 0 and self.kind(i - 1) != "person":
                i -= 2  # "the castle deflated and collapsed", "the kettle whistles and wheezes"
                continue
            seems = i > 0 and self.doc[i - 1].lower_ in self.s.seeming
            if low in ("it", "they") and seems:
                i -= 3 if i > 1 and self.doc[i - 2].lower_ == "," else 2
                if i > 0 and self.doc[i].lower_ in _LOOK_VERBS and self.doc[i - 1].lower_ == ",":
                    i -= 2  # "the shelf has cracks, looks like it might collapse": its subject
                anchor = i  # the simile goes on over its comma ("crackly, like it's choking")
                continue  # "the lamp flickers like it's having a fit", "lights ... like they're"
            if low == "it":
                return "", i
            if low in self.s.skip_words and low not in self.s.person_words and i not in self.body:
                i -= 1
                continue
            if low in self.s.likeness_words:
                return "", i  # "a pea sized lump", "a coin shaped patch": a comparison
            if low in self.s.discourse_nouns and self.doc[i + 1].lower_ in self.s.discourse_verbs:
                return "", i  # "the thing is, one side of my smile ...": a discourse frame
            if wordnet.is_adjective(low) and i not in self.known:
                i -= 1  # "the market had a REAL fever"
                continue
            kind = self.kind(i)
            if kind in ("person", "thing"):
                return kind, i
            if kind == "noun" and i == start - 1 and self.compound(i):
                return "thing", i  # "asset seizure", "festival fever"
            if kind == "":
                return "", i
            i -= 1
        return "", i


def apply(
    subj: Subjects, vocab: VocabularyView, doc: Doc, found: Spans, matches: list[Match]
) -> None:
    """Mark counted signs above ``none`` said of a thing (status ``thing``)."""
    reader: _Reader | None = None
    for m in matches:
        if m.status != "counted" or rank(m.level) <= rank("none"):
            continue
        reader = reader or _Reader(subj, vocab, doc, found)
        why = _why_not(reader, m) or _perceived_thing(reader, m, matches)
        if why:
            m.status = "thing"
            m.note = f"(said of something else: {why})"
    if reader is not None:
        _same_thing(reader, matches)
        _figurative(reader, matches)


def _figurative(r: _Reader, matches: list[Match]) -> None:
    """The message-wide step (``figurative``): a sign used figuratively in a
    message that names no treatment, body part or other symptom."""
    if _onset_in(r, range(len(r.doc))):
        return  # "when it started": an event that began, told by the one it happened to
    figs = figurative.load_figures()
    parts = {
        i
        for name in figs.part_functions
        for a, b in r.found.get(f"FN|{name}", [])
        for i in range(a, b)
        if not _part_of_a_thing(r, i)
    }
    ctx = figurative.Context(figs, r.doc, r.found, parts)

    def is_person(j: int) -> bool:
        return 0 <= j < len(r.doc) and (
            r.doc[j].lower_ in r.s.person_words or r.doc[j].lower_ in _FIRST_PERSON_BE
        )

    def subject(m: Match) -> int | None:
        kind, i = r.subject_before(m.start)
        low = r.doc[i].lower_ if i >= 0 else ""
        if kind != "person" or low in _OBJECT_PRONOUNS:
            return None  # "the view left ME breathless": the view is the subject
        if low in r.s.person_words or wordnet.classes(low, 1)[:1] == (18,):
            return i  # "my dad", "she", "the ref"
        return None  # a body part or function ("my vision") is not a person

    figurative.apply(figs, ctx, r.doc, matches, is_person, subject)


#: "you SEEM confused": the verbs that describe the one addressed ("you know when
#: you can't breathe" speaks of anyone, the patient too, and keeps the sign)
_DESCRIBING = frozenset({"seem", "seems", "look", "looks", "sound", "sounds", "are", "'re", "r"})


_ASKING = frozenset({"do", "does", "did", "can", "could", "will", "would", "should", "is", "are"})


def _asked_in_general(r: _Reader, i: int) -> bool:
    """ "do people get...", "can anyone have...", "do most people...": a question of
    what happens to anyone, which the frames of general questions read."""
    return any(r.doc[j].lower_ in _ASKING for j in range(max(0, i - 2), i) if r.same(j, i))


def _someone_else(r: _Reader, start: int, window: int = 6) -> str:
    """The sign is said of a person who is not the patient nor anyone the patient
    speaks for: someone unnamed ("a guy goes blind", "people couldn't breathe")
    or the one the message is written to ("you seem confused").

    The walk back from the sign stops at the clause's first person or body word:
    "I", "my face", "my mum", "she" keep the sign ("a guy at work said my lips
    look blue"); so does a generic person someone owns ("my people", "our guy").
    """
    i = start - 1
    while i >= 0 and start - i <= window and r.same(i, start):
        low = r.doc[i].lower_
        if low in _PUNCT_STOP or i in r.body or low in r.s.owners:
            return ""  # "a guy at work said MY lips look blue"
        nxt = r.doc[i + 1].lower_
        if low in r.s.others and _asked_in_general(r, i):
            return ""  # "do people get blisters after this? I've got a few": asked of anyone
        if (low in r.s.others and not _owned(r, i, back=2)) or (
            low in r.s.addressed and nxt in _DESCRIBING
        ):
            return f"said of someone else: '{r.doc[i].text}'"
        if low in r.s.person_words or low in _FIRST_PERSON_BE:
            return ""  # "I", "she", "my mum": the patient or someone they speak for
        i -= 1
    return ""


def _layer_or_measure(r: _Reader, i: int) -> bool:
    """ "the custard had a skin on it" (a layer of a thing), "20 fathoms in feet"
    (a measure): a body word that names no body."""
    low = [t.lower_ for t in r.doc[max(0, i - 3) : i + 3]]
    k = i - max(0, i - 3)  # the body word's place in ``low``
    if k >= 1 and low[k - 1] in ("a", "an") and low[k + 1 : k + 3] in (["on", "it"], ["on", "top"]):
        return True
    return (
        k >= 1 and low[k - 1] in ("in", "of") and any(t.is_digit for t in r.doc[max(0, i - 4) : i])
    )


def _part_of_a_thing(r: _Reader, i: int) -> bool:
    """ "the mouth of a river", "the eye of the needle", "a watch with a white face":
    a body word + of + a thing, or a thing's part (fewer readings than
    ``_figurative_body``: here a doubt keeps the body part)."""
    if _part_of_thing(r, i) or _layer_or_measure(r, i):
        return True
    j = i + 1
    while j < len(r.doc) and r.doc[j].lower_ == r.doc[i].lower_:
        j += 1
    if j >= len(r.doc) or r.doc[j].lower_ != "of" or _owned(r, i):
        return False
    return r.noun_after(j + 1, i, r.s.thing_classes)


_LOOK_VERBS = frozenset({"looks", "seems", "sounds", "looked", "seemed", "sounded"})
_OBJECT_PRONOUNS = frozenset({"me", "him", "us", "them", "you", "u", "ya"})
_FIRST_PERSON_BE = frozenset({"i'm", "im", "'m", "m", "we're", "'re", "he's", "she's"})


def _why_not(r: _Reader, m: Match) -> str:
    words = sorted(m.words())
    if words and all(i in r.in_idiom for i in words):
        return "an idiom"
    start, end = m.start, m.end
    done = _done_to_a_thing(r, m)
    if done:
        return done
    split = _pair_split(r, m)
    if split:
        return split
    if _depicted_object(r, start):
        return "what a depiction shows"  # "the kids drew a purple face"
    if _titled(r, start, end):
        return "the title of a work"  # "a cover of 'Fever'", "the original of fever"
    if _product_bought(r, start, end):
        return "the name of a product bought"  # "ordered a rash guard"
    if _emotion_cause(r, start, end):
        return "an emotion is the cause"
    other = _someone_else(r, start)
    if other:
        return other
    framed = _framed(r, start, end, m.tokens)
    if framed:
        return framed
    seen_through = obscured(r, m.sign, start, end) or names_a_thing(r, start, end)
    if seen_through:
        return seen_through
    if _person_perceives(r, start):
        return ""  # "I can't read my screen, it's like being underwater"
    if m.sign in r.s.colour_signs and _shade_of_thing(r, start, end):
        return "the colour of a thing"  # "a dusky pink sunrise", "off a white wall"
    if _chosen_look(r, start, end):
        return "a look asked for"  # "I'd like my nails dark red with white tips"
    if _many_on_a_thing(r, start, end):
        return "'a rash of' is many, on a thing"  # "a rash of dents across the bonnet"
    if m.sign in r.s.colour_signs:
        marked = _marks_on_a_thing(r, start, end) or _ordinary_cause(r, start, end)
        if marked:
            return marked
        if _measured_against(r, m):
            return "a thing's colour measured against the body"  # "too dark for my skin tone"
    if m.sign in r.s.obscured_signs and _print_size(r, m):
        return "a size of print"  # "can't see normal print anymore"
    if m.sign in r.s.obscured_signs and _printed_in(r, start, end):
        return "the colour something is printed in"  # "written in faint blue letters"
    body = [i for i in words if i in r.body]
    if m.sign in r.s.obscured_signs and _pictured(r, start, end):
        return "a body part a picture shows"  # "my face photo is blurry": the photo is
    shown = _screened(r)
    if (body and all(i in shown for i in body)) or (
        not body and any(i + 2 in shown for i in words)
    ):
        return "a body part shown on a screen"  # "the video app keeps freezing my face"
    if body:
        if all(_figurative_body(r, i) for i in body):
            return "a body word naming part of a thing"
        if any(r.kind(i) == "person" and r.is_part(i) for i in body):
            return ""  # a body part ("my eye"), not only a function ("breathing")
        kind, i = r.subject_before(start)
        return f"'{r.doc[i].text}' is a thing" if kind == "thing" else ""
    if r.clause_has(r.guarded, r.guards, start, end):
        return ""  # the clause names the body or the treatment
    giver = _giver(r, start)
    if giver:
        return giver
    symptoms = r.clause_has(r.knowing, r.symptom_words, start, end)  # another sign or symptom word
    # ... beyond the words that only link ("looks", "won't"): a thing's place may still decide
    linked = symptoms and not _other_symptom(r, start, end)
    linked = linked and not any(  # "suddenly", "since"; not the sign's own word ("blurry")
        t.lower_ in r.s.sight_onset for t in r.doc if not start <= t.i < end
    )
    nxt = r.doc[end].lower_ if end < len(r.doc) else ""
    if not symptoms and nxt in r.s.about_words and r.noun_after(end + 1, start, r.s.after_classes):
        return "about a thing"  # "confusion about the form", "seizure of goods"
    perceives = any(i in r.perceiving for i in words)  # "can't see the road" is about sight
    if (
        not symptoms
        and not perceives
        and nxt in r.s.object_words
        and r.noun_after(end + 1, start, r.s.thing_classes)
    ):
        return "done to a thing"  # "slurring the lyrics", "choking the city"
    short = end - start <= 2 and r.doc[end - 1].lower_ not in r.s.skip_words
    if short and r.noun_after(end, start, r.s.after_classes, det=False):
        return "describes a thing"  # "a wheezing boiler", "a stroke technique"
    if r.doc[start].lower_ == "it" and _in_weather(r, start, end):
        return "the weather"  # "it's roasting in this heat"
    kind, i = r.subject_before(start)
    if kind == "person":
        return ""
    if kind == "thing":
        return f"'{r.doc[i].text}' is a thing"
    if start > 0 and r.doc[start - 1].lower_ in r.s.choice_words:
        return "a kind chosen among others"
    if symptoms and (perceives or not linked):
        return ""  # "can't see the words on my laptop" is about sight
    if nxt in r.s.weather_places and r.doc[i].lower_ == "it":
        return "the weather"  # "it feels stifling outdoors"
    if nxt in r.s.placement_words and r.noun_after(end + 1, start, r.s.thing_classes):
        return "placed on a thing"  # "everything looks wavy on my second screen"
    return ""


def _pictured(r: _Reader, start: int, end: int) -> bool:
    """ "my face photo on the app is blurry": every body word of the sentence is
    right before a picture word (photo, selfie...): a sight sign said of the
    picture, not of the writer's sight. Never when the treatment is named or a
    sight word ("I see", "looking") is in the sentence."""
    span = sentence(r, start)
    parts = [i for i in span if i in r.guards]
    if not parts or _treatment_named(r):
        return False
    if any(r.doc[i].lower_ in r.s.sight_words for i in span):
        return False
    return all(
        i + 1 < len(r.doc) and r.doc[i + 1].lower_ in r.s.depiction_words for i in parts
    ) and not any(_body_noun(r.doc[i].lower_) for i in span if i not in parts)


def _in_weather(r: _Reader, start: int, end: int) -> bool:
    """ "it's burning in this heat": "it" + the sign + "in" + a weather phenomenon
    (first WordNet sense 19: heat, wind, sunshine). Never when the treatment is
    named or the sentence names a body part ("had meso, it's burning in the sun",
    "my cheeks, it's burning in the heat" stay)."""
    if end >= len(r.doc) or r.doc[end].lower_ not in r.s.weather_joiners:
        return False
    if _treatment_named(r) or body_in_sentence(r, start, end):
        return False
    for j in range(end + 1, min(len(r.doc), end + 4)):
        low = r.doc[j].lower_
        if low in r.s.skip_words:
            continue
        if not r.doc[j].is_alpha or not wordnet.is_mainly_noun(low):
            return False
        cls = wordnet.classes(low, 1)
        return bool(cls) and cls[0] in r.s.weather_classes
    return False


def _other_symptom(r: _Reader, start: int, end: int) -> bool:
    """The clause of ``start`` holds a sign or symptom word outside ``start:end``
    that is not one of the linking ``skip_words`` ("it looks blurry", "won't")."""
    return any(
        i in r.symptom_words and r.doc[i].lower_ not in r.s.skip_words
        for i in range(len(r.doc))
        if r.same(i, start) and not start <= i < end
    )


def _person_perceives(r: _Reader, start: int, window: int = 12) -> bool:
    """A person who cannot see, breathe or swallow is the report, whatever thing
    the sentence also names: a person word and then, within four words, a
    function word ("I can't READ", "she can't SEE") before the sign."""
    for i in range(max(0, start - window), start):
        if i in r.perceiving and any(
            r.doc[j].lower_ in r.s.person_words for j in range(max(0, i - 4), i)
        ):
            return True
    return False


def _figurative_body(r: _Reader, i: int) -> bool:
    """ "the eye of the needle", "the mouth of the river": a body word + of + a thing;
    "the chair leg" (a thing before it), "a face mask" (an artifact right after it),
    "a watch with a white face" (a thing's part, not a person's)."""
    before = r.doc[i - 1].lower_ if i > 0 else ""
    if before not in r.s.skip_words and r.same(i - 1, i) and r.kind(i - 1) == "thing":
        return True  # "the banana skin", "the chair leg"
    if (
        r.same(i + 1, i)
        and r.is_part(i)
        and wordnet.is_mainly_noun(r.doc[i].lower_)  # not a verb: "can't breathe while ..."
        and r.kind(i + 1) == "thing"
        and not _owned(r, i)
    ):
        return True  # "a face mask", "neck pillow" (not "my face mask"? see _owned)
    if _part_of_thing(r, i) or _layer_or_measure(r, i) or _part_of_named_thing(r, i):
        return True
    j = i + 1
    while j < len(r.doc) and j in r.body and r.doc[j].lower_ == r.doc[i].lower_:
        j += 1
    if j >= len(r.doc) or r.doc[j].lower_ != "of":
        return False
    return r.noun_after(j + 1, i, r.s.thing_classes)


def _emotion_cause(r: _Reader, start: int, end: int) -> bool:
    """ "couldn't breathe for laughing", "breathless with excitement", "laughing so hard"."""
    w = r.s.emotion_window
    for i in range(max(0, start - w), min(len(r.doc), end + w)):
        if not r.same(i, start) or r.doc[i].lower_ not in r.s.emotion_causes:
            continue
        before = r.doc[i - 1].lower_ if i > 0 else ""
        after = r.doc[i + 1].lower_ if i + 1 < len(r.doc) else ""
        if before in r.s.cause_words or {before, after} & {"so", "too"}:
            return True
    return False


def _giver(r: _Reader, start: int) -> str:
    """ "songs that give you shivers", "the pension numbers give me the shivers"."""
    i = start - 1
    while i >= 0 and r.doc[i].lower_ in ("the", "a", "an", "some", "real", "actual"):
        i -= 1
    if i < 1 or r.doc[i].lower_ not in r.s.give_objects:
        return ""
    i -= 1
    verbs = r.s.give_verbs | r.s.leave_verbs
    while i >= 0 and r.doc[i].lower_ in r.s.skip_words and r.doc[i].lower_ not in verbs:
        i -= 1
    if i < 0 or r.doc[i].lower_ not in verbs:
        return ""
    leaves = r.doc[i].lower_ in r.s.leave_verbs
    classes = r.s.leaver_classes if leaves else r.s.giver_classes
    j = i - 1
    while j >= 0 and r.same(j, start) and start - j <= 12:
        low = r.doc[j].lower_
        if low in r.s.person_words or j in r.body:
            return ""
        if leaves and low in r.s.leaver_words and j not in r.known:
            return f"given by '{r.doc[j].text}'"  # "that sunset left me breathless"
        if leaves and r.is_time(low):
            j -= 1  # "the view last night left me ...": a time, not the giver
            continue
        if wordnet.lemma(low) and low not in r.places and j not in r.known:
            cls = wordnet.classes(low, r.s.senses)
            if cls and cls[0] not in _BODY_CLASSES and set(cls) & classes:
                return f"given by '{r.doc[j].text}'"
        j -= 1
    return ""


# --- a thing seen through ---

_COMPARISON = frozenset({"like", "through", "if", "though", "than"})
_NEGATION = frozenset({"not", "n't", "never", "no", "isnt", "arent", "wasnt", "werent"})
_BODY = 8  # WordNet: body


def sentence(r: _Reader, start: int) -> range:
    """The tokens of the sentence of ``start`` (computed once per message)."""
    spans: dict[int, range] | None = r.__dict__.get("_sentences")
    if spans is None:
        ids = boundaries(r.doc, set())
        first: dict[int, int] = {}
        last: dict[int, int] = {}
        for i, n in enumerate(ids):
            first.setdefault(n, i)
            last[n] = i
        spans = {i: range(first[n], last[n] + 1) for i, n in enumerate(ids)}
        r.__dict__["_sentences"] = spans
    return spans[start]


def _compared(r: _Reader, lo: int, hi: int) -> bool:
    return any(r.doc[j].lower_ in _COMPARISON for j in range(max(0, lo), hi))


def _said_of_thing(r: _Reader, k: int) -> bool:
    """Obscuring word ``k`` is said of a thing ("the glass is foggy", "mirror has streaks")."""
    kind, i = r.subject_before(k)
    if any(r.doc[j].lower_ in _NEGATION for j in range(i, k)):
        return False  # "the windows aren't foggy"
    return kind == "thing" and not _compared(r, i - 2, k)


def _named_as_cause(r: _Reader, k: int) -> bool:
    """ "because of the steam on the glass", "from the condensation", "due to the smears"."""
    j = k - 1
    while j >= 0 and r.doc[j].lower_ in r.s.skip_words:
        j -= 1
    return j >= 0 and r.doc[j].lower_ in r.s.obscuring_causes


def _in_sentence(r: _Reader, start: int, words: set[int] | frozenset[str]) -> list[int]:
    """Positions in the sentence of ``start`` that are in ``words`` (tokens or
    lower-cased words), computed once per sentence."""
    key = "_obscuring" if isinstance(words, frozenset) else "_guards"
    table: dict[int, list[int]] = r.__dict__.setdefault(key, {})
    span = sentence(r, start)
    if span.start not in table:
        if isinstance(words, frozenset):
            table[span.start] = [i for i in span if r.doc[i].lower_ in words]
        else:
            table[span.start] = [i for i in span if i in words]
    return table[span.start]


def body_in_sentence(r: _Reader, start: int, end: int) -> bool:
    """The sentence names a body part or the treatment outside ``start:end``
    (a guard of the vocabulary, or a noun whose first WordNet sense is the body:
    "it's my eyes")."""
    if any(not start <= i < end for i in _in_sentence(r, start, r.guards)):
        return True
    table: dict[int, bool] = r.__dict__.setdefault("_body_nouns", {})
    span = sentence(r, start)
    if span.start not in table:
        table[span.start] = any(_body_noun(r.doc[i].lower_) for i in span)
    return table[span.start]


def _body_noun(low: str) -> bool:
    if not wordnet.is_mainly_noun(low):
        return False
    cls = wordnet.classes(low)
    return bool(cls) and cls[0] == _BODY


def obscured(r: _Reader, m_sign: str, start: int, end: int) -> str:
    """Why a sight sign is about a thing seen through, or ""."""
    sees = any(r.doc[i].lower_ in r.s.sight_words for i in range(start, end))
    if m_sign not in r.s.obscured_signs and not sees:
        return ""  # "can't see the food" may be read as swallowing: the seeing decides
    found = [k for k in _in_sentence(r, start, r.s.obscuring_words) if not start <= k < end]
    if not found or body_in_sentence(r, start, end):
        return ""  # "my eye is foggy", "since the injections"
    for k in found:
        if k < start and _said_of_thing(r, k):
            return f"'{r.doc[k].text}' is said of a thing seen through"
        if _named_as_cause(r, k) and not _compared(r, start, k):
            return f"'{r.doc[k].text}' on a thing is the cause"
    return ""


# --- a sign word that names a thing ---


def names_a_thing(r: _Reader, start: int, end: int) -> str:
    """Why the one-noun sign at ``start`` names a thing, or ""."""
    if end - start != 1 or start == 0:
        return ""
    low = r.doc[start].lower_
    if low in r.s.sign_words or r.doc[start - 1].lower_ not in r.s.articles:
        return ""
    if wordnet.lemma(low) != low or not wordnet.is_mainly_noun(low):
        return ""  # "hives" (the rash) is its own lemma, not a plural
    cls = wordnet.classes(low, r.s.senses)
    if not cls or cls[0] not in r.s.thing_sign_classes:
        return ""
    if body_in_sentence(r, start, end):
        return ""
    return f"'{r.doc[start].text}' names a thing"


# --- depictions, mentions, things perceived, colours of things ---


def _owned(r: _Reader, i: int, back: int = 3) -> bool:
    """A first-person word owns or does what is said near ``i`` ("MY face", "I can't see")."""
    return any(r.doc[j].lower_ in r.s.owners for j in range(max(0, i - back), i) if r.same(j, i))


def _first_person_in(r: _Reader, span: range, quoted: set[int]) -> bool:
    """The sentence speaks of the writer's or a person's own body or doing (outside
    quotation marks): "I"/"we" anywhere, "my", "her", "his"... before a body,
    sign or symptom word."""
    for j in span:
        if j in quoted:
            continue
        low = r.doc[j].lower_
        if low in ("i", "we", "i'm", "im", "myself", "ourselves") and _near(r, j, span):
            return True
        if low in r.s.owners:
            for k in range(j + 1, min(span.stop, j + 3)):
                if k in r.body or k in r.known or r.doc[k].lower_ in r.s.sign_words:
                    return True
    return False


def _onset_in(r: _Reader, span: range) -> bool:
    """The sentence tells when something began ("struggling to breathe, was
    reading a book when it started"): an event that happened to the writer,
    not what a book or a film shows."""
    text = f" {' '.join(r.doc[j].lower_ for j in span)} "
    return any(f" {p} " in text for p in r.s.onset_phrases)


def _near(r: _Reader, j: int, span: range, window: int = 4) -> bool:
    """ "I"/"we" at ``j`` is the subject of a sign or symptom word close after it
    ("I look pale", "I can't breathe"), not of a request ("can I rescue it")."""
    for k in range(j + 1, min(span.stop, j + 1 + window)):
        if _relative(r, j, k):
            return False  # "the photo I sent is blurry": "I" is in a relative clause
        if k in r.known or k in r.body or r.doc[k].lower_ in r.s.sign_words:
            return True
    return False


_PLURAL_PRONOUNS = frozenset({"i", "we", "you", "they", "u"})


def _relative(r: _Reader, j: int, k: int) -> bool:
    """Pronoun ``j`` ("I", "we") cannot be the subject of an "is" before ``k``:
    "the photo I sent is blurry" says "is blurry" of the photo."""
    return r.doc[j].lower_ in _PLURAL_PRONOUNS and any(
        r.doc[x].lower_ == "is" for x in range(j + 1, k)
    )


def _quoted(r: _Reader, span: range) -> set[int]:
    out: set[int] = set()
    opened: int | None = None
    for j in span:
        if r.doc[j].text in r.s.quote_marks:
            if opened is None:
                opened = j
            else:
                out.update(range(opened, j + 1))
                opened = None
    return out


def _treatment_named(r: _Reader) -> bool:
    return bool(
        r.__dict__.setdefault(
            "_treated",
            any(
                k.startswith("ANCHOR|") and k != "ANCHOR|symptom" and v for k, v in r.found.items()
            ),
        )
    )


def _framed(r: _Reader, start: int, end: int, m_words: frozenset[int] | None = None) -> str:
    """A sign in a sentence about a depiction or a word, not the writer's body.

    "the kids drew a purple face", "photo of the bride's face came out pale",
    "the hero collapses in chapter 3" (a picture, a film, a game, a story);
    "synonyms for breathless", "what does 'blue in the face' mean" (a word
    talked about). Never when the writer speaks of their own body or doing
    ("I", "my eye") or the message names the treatment.
    """
    if _treatment_named(r):
        return ""
    span = sentence(r, start)
    frames, quoted = _frames(r, span)
    if not frames:
        return ""
    kind, i = r.subject_before(start)
    if (
        kind == "person"
        and r.doc[i].lower_ in r.s.person_words
        and i not in quoted
        and not _relative(r, i, start)
        and not _made_to_look(r, i, frames)
    ):
        return ""  # "he collapsed at the game": a real person, not a character
    own = set(m_words) if m_words is not None else set(range(start, end))
    for j, why in frames:
        if j not in own and not _clause_between(r, j, start, end):
            return f"{why} ('{r.doc[j].text}')"
    return ""


_CLAUSE_MARKS = frozenset({",", ";", ":", "-", "–", "—"})


_CLAUSE_LINKS = frozenset({"and", "then", "but", "so", "later"})
# words that open the next event of a story ("drew a picture and THEN collapsed")
_NEXT_EVENT = frozenset({"then", "suddenly", "afterwards", "afterward", "after"})


def _clause_between(r: _Reader, j: int, start: int, end: int) -> bool:
    """Between frame word ``j`` and the sign, a comma or a dash opens a clause with
    its own subject, a person or an owner ("the area went grey, she showed me a
    photo", "mottled since this morning, my son drew a picture of it": a report
    told beside a picture). A list ("mottled, grainy film look") or a question
    after the comma ("what's the weak spot") is one clause still."""
    lo, hi = (j + 1, start) if j < start else (end, j)
    if j < start and any(r.doc[x].lower_ in _NEXT_EVENT for x in range(lo, hi)):
        # "she drew a picture and then collapsed": a second event of the person (not a bare
        # "and": "the character's face looks grey and blotchy" is one picture)
        return True
    for x in range(lo, hi):
        if r.doc[x].text not in _CLAUSE_MARKS:
            continue
        k = x + 1
        while k < hi and r.doc[k].lower_ in _CLAUSE_LINKS:
            k += 1
        if k < len(r.doc) and (
            r.doc[k].lower_ in r.s.person_words or r.doc[k].lower_ in r.s.owners
        ):
            return True
    return False


def _depicted_object(r: _Reader, start: int) -> bool:
    """ "the kids drew a purple face": the sign's words are the object of a
    depiction word ("drew", "a drawing of"), with only an article and
    describing words between, whoever speaks in the sentence; "she painted
    her face" (an owner, not an article) and "my son drew a picture and then
    collapsed" (a verb between) keep their alarm, and so does every sentence
    that names a person's own body part ("a photo of my face shows a purple
    patch") or a message that names the treatment."""
    for f in range(max(0, start - 6), start):
        low = r.doc[f].lower_
        if low not in r.s.depiction_words and wordnet.lemma(low) not in r.s.depiction_words:
            continue
        between = [r.doc[x].lower_ for x in range(f + 1, start)]
        if between and between[0] == "of":
            between = between[1:]  # "a drawing of a blue face"
        if not between or between[0] not in r.s.articles:
            continue  # "she painted her face": her own face, not a picture
        if all(
            w in r.s.articles or (wordnet.is_adjective(w) and not wordnet.is_mainly_noun(w))
            for w in between
        ):
            return not _treatment_named(r) and not _owned_body_in(r, start)
    return False


def _owned_body_in(r: _Reader, start: int) -> bool:
    """The sentence of ``start`` names a body part someone owns ("my face")."""
    span = sentence(r, start)
    table: dict[int, bool] = r.__dict__.setdefault("_owned_body", {})
    if span.start not in table:
        table[span.start] = any(i in r.body and _owned(r, i) for i in span)
    return table[span.start]


def _frames(r: _Reader, span: range) -> tuple[list[tuple[int, str]], set[int]]:
    """The depiction and word frames of a sentence (none where the writer speaks of
    their own body), and its quoted tokens; computed once per sentence."""
    table: dict[int, tuple[list[tuple[int, str]], set[int]]] = r.__dict__.setdefault("_frames", {})
    if span.start not in table:
        quoted = _quoted(r, span)
        frames: list[tuple[int, str]] = []
        if not _first_person_in(r, span, quoted) and not _onset_in(r, span):
            for j in span:
                if _compared(r, j - 3, j):
                    continue  # "washed out, like an old photo" is a comparison
                low = r.doc[j].lower_
                if low in r.s.language_words:
                    frames.append((j, "a word talked about"))
                elif low in r.s.depiction_words or wordnet.lemma(low) in r.s.depiction_words:
                    frames.append((j, "a depiction"))
        table[span.start] = (frames, quoted)
    return table[span.start]


def _part_of_thing(r: _Reader, i: int) -> bool:
    """ "a watch WITH a white face": the part of a thing, after "with" and an article."""
    j = i - 1
    while (
        j >= 0
        and r.same(j, i)
        and (r.doc[j].lower_ in r.s.shade_words or wordnet.is_adjective(r.doc[j].lower_))
        and j not in r.body
    ):
        j -= 1
    if j < 1 or r.doc[j].lower_ not in ("a", "an"):
        return False
    if r.doc[j - 1].lower_ not in r.s.attribute_joiners:
        return False
    k = j - 2
    if k < 0 or not r.same(k, i) or k in r.body:
        return False
    low = r.doc[k].lower_
    if low in r.s.person_words:
        return False  # "she is sitting with a white face"
    if low in r.s.thing_words:
        return True
    cls = wordnet.classes(low, r.s.senses) if wordnet.is_mainly_noun(low) else ()
    return bool(cls) and cls[0] not in _BODY_CLASSES and bool(set(cls) & r.s.thing_classes)


def _perceived_thing(r: _Reader, m: Match, matches: list[Match]) -> str:
    """A sight sign whose object is a screen, a show or another made thing, alone:
    "can't see anything on my monitor", "can't see subtitles on Netflix".

    Only when it is the message's one sign, the message names no body part
    and no treatment, and nothing is compared ("I can't see my screen, it's
    like being in a cloud" is about sight).
    """
    if m.status != "counted":
        return ""
    if m.sign not in r.s.obscured_signs or r.guards or _treatment_named(r):
        return ""
    gone = _gone(r)
    if any(
        t.lower_ in r.s.sight_onset
        and not _light_degree(r, t.i)
        and not (gone and t.lower_ not in ("suddenly", "sudden"))
        for t in r.doc
    ):
        return ""  # "suddenly", "anymore", "my left side": a person's sight
    for o in matches:
        if o.status != "counted" or rank(o.level) <= rank("none") or o.sign == m.sign:
            continue
        if o.sign not in r.s.colour_signs or any(i in r.body for i in o.words()):
            return ""  # another sign: the message may be a report ("it's just black" is not)
    if any(t.lower_ in r.s.comparison_words for t in r.doc):
        return ""
    # the object may be inside the sign's own words ("can't see the captions"),
    # else after them ("can't see the pay button on the website")
    # (inside, only what is shown, "captions", or a screen whose light is said to
    # be too low, "it's too dim": "I can't see the tv" alone stays a report)
    seeing = [i for i in range(m.start, m.end) if i in r.perceiving]
    if seeing and seeing[-1] + 1 < m.end:
        lit = any(_light_degree(r, t.i) for t in r.doc)
        inside = _looked_at(r, m, seeing[-1] + 1, shown_only=not lit)
        if inside:
            return inside
    return _looked_at(r, m, m.end)


def _looked_at(r: _Reader, m: Match, first: int, shown_only: bool = False) -> str:
    """The first word from ``first`` that is not a skip word names a thing looked at
    (``shown_only``: only what is shown, a communication)."""
    span = sentence(r, m.start)
    for j in range(first, min(span.stop, max(m.end, first) + 6)):
        tok = r.doc[j]
        low = tok.lower_
        if not tok.is_alpha:
            return ""
        if low in r.s.perceived_skip:
            continue
        if shown_only:  # not the vocabulary's general words ("can't see the words")
            general = any(k.startswith("FN|scene") for k in r.found_at(j))
            return f"'{tok.text}' is a thing shown" if _shown(low) and not general else ""
        key = next((k for k in r.found_at(j) if k.startswith("FN|")), "")
        if key and key[3:] in r.vocab_things:
            return f"'{tok.text}' is a thing looked at"
        own = m.start <= j < m.end  # the sign's own words are known words
        if low in r.s.person_words and _gone(r) and j + 1 < len(r.doc):
            continue  # "the kids profile ... it just disappeared": whose the thing is
        if (j in r.known and not own) or j in r.body or low in r.s.person_words:
            return ""
        if wordnet.is_mainly_noun(low):
            cls = wordnet.classes(low, r.s.senses)
            if cls and cls[0] in r.s.perceived_classes:
                return f"'{tok.text}' is a thing looked at"
        return ""  # the first other word decides ("make out faces across the room")
    return ""


def _shown(low: str) -> bool:
    """Only what a screen shows ("captions"), never the device ("tv" is also a set)
    nor a thing with other senses ("menu" is also the food): a noun whose three
    first WordNet senses are all a communication."""
    if not wordnet.is_mainly_noun(low):
        return False
    cls = wordnet.classes(low, 3)
    return bool(cls) and set(cls) == {10}


def _chosen_look(r: _Reader, start: int, end: int) -> bool:
    """ "I want my nails lilac with white tips": a colour the writer asks for, not a
    sign. The sign starts on a shade word; before it in its sentence, a wish word
    (want, prefer, choose) and then only what it is asked of: owners, articles,
    describing words, nouns that are no sign, other shades ("I want to know why the
    spots have white tips" stays). Never when the message names the treatment."""
    if r.doc[start].lower_ not in r.s.shade_words or _treatment_named(r):
        return False
    span = sentence(r, start)
    j = start - 1
    while j >= span.start and start - j <= 8:
        tok = r.doc[j]
        low = tok.lower_
        would = low == "like" and j > 0 and r.doc[j - 1].lower_ in ("'d", "d", "would")
        if low in r.s.wish_words or would:  # "I'd like", never "they look like"
            return any(
                r.doc[k].lower_ in r.s.person_words for k in range(max(span.start, j - 3), j)
            )
        if (
            low in r.s.shade_words
            or low in r.s.owners
            or low in r.s.articles
            or low in ("with", "and")
        ):
            j -= 1
            continue
        if j in r.known or low in r.s.sign_words or low in _NEGATION or not tok.is_alpha:
            return False
        if not (wordnet.is_mainly_noun(low) or wordnet.is_adjective(low)):
            return False
        j -= 1
    return False


def _many_on_a_thing(r: _Reader, start: int, end: int) -> bool:
    """ "a rash of dents all over the bonnet": "a rash of" + a plural is "many", and
    what they are on is a thing; never with a person, a body part or the treatment
    in the sentence ("I have a rash of spots", "a rash of bumps on my chin")."""
    if end - start != 1 or r.doc[start].lower_ not in r.s.many_words:
        return False
    if end >= len(r.doc):
        return False
    if r.doc[end].lower_ in r.s.many_places:
        return _rash_on_a_thing(r, start, end)
    if start == 0 or r.doc[start - 1].lower_ not in ("a", "an"):
        return False
    if r.doc[end].lower_ != "of":
        return False
    if any(t.lower_ in r.s.sign_words for t in r.doc[end + 1 : end + 4]):
        return False  # "a rash of spots all over the sheets": marks of a skin sign
    span = sentence(r, start)
    if any(r.doc[j].lower_ in r.s.person_words for j in span):
        return False
    if body_in_sentence(r, start, end) or _treatment_named(r):
        return False
    return any(
        r.doc[j].lower_ in r.s.many_places and r.noun_after(j + 1, start, r.s.thing_classes)
        for j in range(end + 1, span.stop)
    )


def _rash_on_a_thing(r: _Reader, start: int, end: int) -> bool:
    """ "a white powdery rash on the garage wall": a rash (after "a" and describing
    words) that is right away placed on a thing (one of `many_places`, then a noun
    whose WordNet senses are things): a deposit on the thing, not a skin sign.
    Never with a person before it, a body part in the sentence or the treatment
    ("a rash on my neck", "she has a rash on her arm", "a rash on the baby" stay)."""
    j = start - 1
    while j >= 0 and (
        r.doc[j].lower_ in r.s.shade_words
        or (wordnet.is_adjective(r.doc[j].lower_) and not wordnet.is_mainly_noun(r.doc[j].lower_))
    ):
        j -= 1
    if j < 0 or r.doc[j].lower_ not in ("a", "an"):
        return False
    span = sentence(r, start)
    if any(r.doc[k].lower_ in r.s.person_words for k in range(span.start, start)):
        return False  # "I've got a rash on the sheet side" (a person after it is a question)
    if body_in_sentence(r, start, end) or _treatment_named(r):
        return False
    return r.noun_after(end + 1, start, r.s.thing_classes)


def _printed_in(r: _Reader, start: int, end: int) -> bool:
    """ "the notice was in tiny pale blue letters": a shade before a written thing
    (letters, text, print), after "in": the colour of the print, not of sight.
    Never when the sentence names a body part or the treatment."""
    if r.doc[end - 1].lower_ not in r.s.print_words:
        return False
    j = end - 2
    shades = 0
    while (
        j >= 0
        and r.doc[j].lower_ not in r.s.printed_joiners  # "in" is also an adjective
        and (r.doc[j].lower_ in r.s.shade_words or wordnet.is_adjective(r.doc[j].lower_))
    ):
        shades += r.doc[j].lower_ in r.s.shade_words
        j -= 1
    if not shades or j < 0 or r.doc[j].lower_ not in r.s.printed_joiners:
        return False
    return not body_in_sentence(r, start, end) and not _treatment_named(r)


def _light_degree(r: _Reader, i: int) -> bool:
    """ "it's too dim", "too dark out here": how much light there is for a purpose,
    not a person's sight (a light word right after "too")."""
    return r.doc[i].lower_ in r.s.light_words and i > 0 and r.doc[i - 1].lower_ in r.s.light_degree


def _shade_of_thing(r: _Reader, start: int, end: int) -> bool:
    """A colour word describing a thing after it: "dusky pink sunrise", "mottled water marks".

    The sign must end on a shade ("a net like pattern" is a mark's look)."""
    if r.doc[end - 1].lower_ not in r.s.shade_words:
        return False
    if any(i in r.body and _owned(r, i) for i in range(start, end)):
        return False  # "skin on MY cheek went white"
    span = sentence(r, start)
    for j in range(end, min(span.stop, end + 4)):
        tok = r.doc[j]
        low = tok.lower_
        if (
            not tok.is_alpha
            or len(low) < 2
            or j in r.body
            or low in r.s.person_words
            or low in r.places
            or low in r.s.skip_words
            or low in r.function_words
        ):
            return False
        if low in r.s.shade_words or (wordnet.is_adjective(low) and j not in r.known):
            continue
        if j in r.known:
            return False
        if wordnet.is_mainly_noun(low):
            cls = wordnet.classes(low, r.s.senses)
            return bool(cls) and cls[0] not in _BODY_CLASSES and bool(set(cls) & r.s.shade_classes)
        return False
    return False


def _same_thing(r: _Reader, matches: list[Match]) -> None:
    """A sign in the sentence of one said of a thing, with no person or body in it,
    says more of the same thing: "my screen went blurry, like looking through
    steam", "camera night vision is all grey and blurry"."""
    things = [m for m in matches if m.status == "thing"]
    if not things:
        return
    inside = {i for t in things for i in range(t.start, t.end)}
    for m in matches:
        if m.status != "counted" or rank(m.level) <= rank("none"):
            continue
        span = sentence(r, m.start)
        if not any(t.start in span for t in things):
            continue
        if any(i in r.body for i in m.words()):
            continue  # "my speech is slurred" names the body itself
        if m.start in inside and not any(i in r.guards for i in m.words()):
            pass  # it starts on a word already said of the thing: "jokes so bad they hurt, ..."
        elif any(
            (i in r.guards and (i not in inside or r.is_part(i) or _owned(r, i)))
            or r.doc[i].lower_ in r.s.person_words
            for i in span
        ):
            continue
        if _treatment_named(r):
            continue
        m.status = "thing"
        m.note = "(said of something else: the thing named before it)"


# --- round 8: things acted on, pairs split by a clause, titles, marks on things ---


def _verb_like(r: _Reader, i: int) -> bool:
    """Token ``i`` reads as a verb: one of ``clause_verbs`` ("is", "was", "keeps") or
    a WordNet verb, also in the past ("texted", "said")."""
    if i >= len(r.doc):
        return False
    low = r.doc[i].lower_
    if low in r.s.clause_verbs:
        return True
    if not r.doc[i].is_alpha or len(low) < 3:
        return False
    bases = [low]
    if low.endswith("ed"):
        bases += [low[:-2], low[:-1]]
    return any(
        wordnet.is_lemma(b, verbs=True) and not wordnet.is_mainly_noun(b) for b in bases
    ) or (low.endswith("ed") and any(wordnet.is_lemma(b, verbs=True) for b in bases[1:]))


_STATE_NOUN_ENDINGS = ("ness", "ing", "ity", "tion", "ment")
_CLAUSE_END = frozenset({",", ".", "!", "?", ";", ":", "...", ")", "!!", "??"})


def _state_tokens(r: _Reader, m: Match) -> list[int]:
    """The words of a sign that are neither a body word nor a function ("dropped" of
    "face ... dropped")."""
    return [i for i in sorted(m.words()) if i not in r.body and i not in r.perceiving]


def _done_to_a_thing(r: _Reader, m: Match) -> str:
    """ "the phone stopped working after I dropped IT", "it keeps freezing them": the
    sign's state word used as a verb with a thing's pronoun as its object ("it",
    "them"), then the end of the clause: an act on a thing, not a body's state.
    Never a function ("I can't swallow it" is about swallowing), never "me" ("it's
    killing me"), never when "it" opens the next clause ("my face dropped it was
    scary"), never when the message names the treatment."""
    if _treatment_named(r):
        return ""
    food = _food_left(r, m)
    if food:
        return food
    for k in _state_tokens(r, m):
        if k not in r.known or r.doc[k].lower_ in r.s.skip_words:
            continue  # "feels LIKE it's closing": not the state word
        if not _object_then_end(r, k):
            continue  # "... it's closing", "dropped it was scary": "it" opens a clause
        return f"done to a thing ('{r.doc[k].text} {r.doc[k + 1].text}')"
    return ""


def _pair_split(r: _Reader, m: Match) -> str:
    """A function and a state paired across two clauses, the later one opening its
    own owned subject with its own verb: "the bass was so LOUD my CHEST was shaking"
    (the loudness is the bass's), "my HEART skipped a beat when my CRUSH texted"
    (the crush is a person). When the state comes first, its own subject must be a
    thing. Never when the message names the treatment."""
    if m.tokens is None or _treatment_named(r):
        return ""
    body = [i for i in sorted(m.words()) if i in r.body]
    states = _state_tokens(r, m)
    if len(body) != 1 or not states:
        return ""
    b, st = body[0], states[0]
    later = max(b, st)
    if later == 0 or r.doc[later - 1].lower_ not in r.s.owners or not _verb_like(r, later + 1):
        return ""
    if st < b:
        if st == 0 or r.doc[st - 1].lower_ not in ("so", "too"):
            return ""  # only "so loud [that] my chest ...": a result with its own subject
        kind, i = r.subject_before(st)
        if kind != "thing":
            return ""
        return f"'{r.doc[st].text}' is said of '{r.doc[i].text}'"
    if later - b < 3:
        return ""  # "my chest, my tightness": too close to be two clauses
    word = r.doc[st].lower_
    if word.endswith(_STATE_NOUN_ENDINGS) or any(k == "ANCHOR|symptom" for k in r.found_at(st)):
        return ""  # "my throat when my tightness started": the symptom itself acts
    return f"'{r.doc[st].text}' names one who acts"


def _titled(r: _Reader, start: int, end: int) -> bool:
    """ "who did the original of fever", "a cover of Stroke": a one-word sign right
    after "of" and a word that names a version of a work (original, cover, remix,
    sequel): the title of a song, a film or a book. Never when the sentence names a
    body part or the message the treatment."""
    if end - start != 1 or start < 2 or r.doc[start - 1].lower_ != "of":
        return False
    if r.doc[start - 2].lower_ not in r.s.title_words:
        return False
    return not body_in_sentence(r, start, end) and not _treatment_named(r)


def _made_to_look(r: _Reader, i: int, frames: list[tuple[int, str]]) -> bool:
    """ "portraits make everyone's face look washed out": the person is the object
    of a making verb whose subject is the depiction of the sentence."""
    j = i - 1
    while j >= 0 and r.doc[j].lower_ in r.s.articles | r.s.owners:
        j -= 1
    if j < 0 or r.doc[j].lower_ not in r.s.make_verbs:
        return False
    return any(f < j and why == "a depiction" for f, why in frames)


def _marks_on_a_thing(r: _Reader, start: int, end: int) -> str:
    """ "pale marks all over my navy jeans", "white streaks on the black car": a mark
    of a colour sign right away placed on a thing (one of `many_places`, then past
    owners, articles, shades and describing words, a noun whose senses are things):
    a mark on the thing. Never with a person before it, a body part in the sentence
    or the treatment named ("white marks on my cheek", "she has blue marks on the
    arm" stay)."""
    j = end
    if j < len(r.doc) and r.doc[end - 1].lower_ not in r.s.mark_words:
        if r.doc[j].lower_ not in r.s.mark_words:
            return ""
        j += 1
    elif r.doc[end - 1].lower_ not in r.s.mark_words:
        return ""
    if j >= len(r.doc) or r.doc[j].lower_ not in r.s.many_places:
        return ""
    span = sentence(r, start)
    if _first_person_word(r, span) < start:
        return ""
    if body_in_sentence(r, start, end) or _treatment_named(r):
        return ""
    k = j + 1
    while k < min(span.stop, j + 5):
        low = r.doc[k].lower_
        if k in r.body or low in r.s.person_words:
            return ""
        if low in r.s.owners or low in r.s.articles or low in r.s.shade_words:
            k += 1
            continue
        if wordnet.is_mainly_noun(low):
            cls = wordnet.classes(low, r.s.senses)
            if cls and cls[0] not in _BODY_CLASSES and set(cls) & r.s.thing_classes:
                return f"a mark on a thing ('{r.doc[k].text}')"
            return ""
        if wordnet.is_adjective(low):
            k += 1
            continue
        return ""
    return ""


def _ordinary_cause(r: _Reader, start: int, end: int) -> str:
    """ "a blue mark on his arm from a football", "a purple patch from the car door": a
    colour sign whose cause, told after it in its clause, is "from" and a thing, an
    act or an event (WordNet `cause_classes`) that is no treatment word: a knock, not
    a sign after treatment. Never when the message names the treatment ("a blue mark
    from the needle", "from the filler" stay)."""
    if _treatment_named(r):
        return ""
    span = sentence(r, start)
    for j in range(end, min(span.stop, end + 8)):
        tok = r.doc[j]
        if not tok.is_alpha:
            return ""
        if tok.lower_ != "from":
            continue
        k = j + 1
        while k < span.stop and (r.doc[k].lower_ in r.s.articles or r.doc[k].lower_ in r.s.owners):
            k += 1
        if k >= span.stop:
            return ""
        low = r.doc[k].lower_
        if k in r.known or k in r.body or low in r.s.sign_words or low in r.s.person_words:
            return ""
        if not wordnet.is_mainly_noun(low):
            return ""
        cls = wordnet.classes(low, 1)
        if cls and cls[0] in r.s.cause_classes:
            return f"an ordinary cause ('from {r.doc[k].text}')"
        return ""
    return ""


def _measured_against(r: _Reader, m: Match) -> bool:
    """ "they're way too pale for my skin tone": a colour said to be too much ("too",
    then the shade) for the body word after "for": a thing's colour compared with the
    skin, not the skin's. Never when the message names the treatment."""
    if m.tokens is None or _treatment_named(r):
        return False
    body = [i for i in m.words() if i in r.body]
    shades = [i for i in m.words() if r.doc[i].lower_ in r.s.shade_words]
    if not body or not shades or min(body) < max(shades):
        return False
    sh, b = max(shades), min(body)
    if sh == 0 or r.doc[sh - 1].lower_ not in r.s.measure_words:
        return False
    return any(r.doc[k].lower_ == "for" for k in range(sh + 1, b))


def _object_then_end(r: _Reader, k: int) -> bool:
    """Token ``k`` is followed by "it"/"them" and then the end of the clause."""
    if k + 1 >= len(r.doc) or r.doc[k + 1].lower_ not in r.s.object_pronouns:
        return False
    nxt = k + 2
    return (
        nxt >= len(r.doc) or r.doc[nxt].text in _CLAUSE_END or r.doc[nxt].lower_ in r.s.after_object
    )


def _food_left(r: _Reader, m: Match) -> str:
    """ "the wings were pink in the middle, couldn't eat them": an eating function with
    "it"/"them" as its object, in a sentence that names a food before it and no body
    part: a food the writer left, not a swallowing difficulty ("I can't swallow it",
    "couldn't eat it, my throat is too tight" stay)."""
    eat = [i for i in m.words() if i in r.perceiving and r.doc[i].lower_ in r.s.eat_words]
    if not eat or not _object_then_end(r, eat[-1]):
        return ""
    if _in_sentence(r, m.start, r.guards) or _treatment_named(r):
        return ""
    j = _first_noun_of(r, sentence(r, m.start), r.s.food_classes)
    return f"a food left ('{r.doc[j].text}')" if j < m.start else ""


def _product_bought(r: _Reader, start: int, end: int) -> bool:
    """ "ordered a rash guard in size M": a one-word sign after a purchase verb and an
    article, with a noun after it that is no sign word: the name of a product.
    Never when the sentence names a body part or the message the treatment."""
    if end - start != 1 or start < 2 or end >= len(r.doc):
        return False
    if r.doc[start - 1].lower_ not in ("a", "an", "the", "some"):
        return False
    if r.doc[start - 2].lower_ not in r.s.purchase_verbs:
        return False
    head = r.doc[end].lower_
    if not r.doc[end].is_alpha or end in r.known or head in r.places or head in r.s.person_words:
        return False
    if not wordnet.is_mainly_noun(head):
        return False
    return not body_in_sentence(r, start, end) and not _treatment_named(r)


def _gone(r: _Reader) -> bool:
    """The message says a thing is gone: one of `missing_words` said of "it", "they" or
    a thing ("it just disappeared", "the button vanished"), computed once."""
    if "_gone" not in r.__dict__:
        found = False
        for t in r.doc:
            if t.lower_ not in r.s.missing_words or t.i == 0:
                continue
            nxt = t.i + 1
            if nxt < len(r.doc) and not (
                r.doc[nxt].text in _CLAUSE_END or r.doc[nxt].lower_ in r.s.after_object
            ):
                continue  # "it's gone all dark": gone is "become" there
            kind, i = r.subject_before(t.i)
            low = r.doc[i].lower_ if i >= 0 else ""
            if kind == "thing" or low in ("it", "they"):
                found = True
                break
        r.__dict__["_gone"] = found
    return bool(r.__dict__["_gone"])


def _print_size(r: _Reader, m: Match) -> bool:
    """ "my gran can't see normal print anymore": the object of the sight sign, right
    after it, is print of a size: the need for bigger print. Never with "suddenly",
    a body part in the message, the treatment or another sign."""
    if r.guards or _treatment_named(r):
        return False
    if "_sudden" not in r.__dict__:
        r.__dict__["_sudden"] = any(t.lower_ in ("suddenly", "sudden") for t in r.doc)
    if r.__dict__["_sudden"]:
        return False
    j = m.end
    while j < len(r.doc) and r.doc[j].lower_ in ("the", "a", "any", "some"):
        j += 1
    if j + 1 >= len(r.doc) or r.doc[j].lower_ not in r.s.print_sizes:
        return False
    return r.doc[j + 1].lower_ in r.s.print_words


def _screened(r: _Reader) -> set[int]:
    """Body parts shown on a screen: the object (owner + part) of a state verb ("-ing",
    "-ed", no degree before it) whose subject, before it, names a picture or a screen
    ("the video app keeps freezing my face"; not "the room was so cold my lips went
    blue"). Computed once; empty when the treatment is named."""
    if "_screened" in r.__dict__:
        return set(r.__dict__["_screened"])
    out: set[int] = set()
    if not _treatment_named(r):
        for k in range(1, len(r.doc) - 2):
            if k not in r.known or r.doc[k].lower_ in r.s.skip_words:
                continue
            if not r.doc[k].lower_.endswith(("ing", "ed")) or r.doc[k - 1].lower_ in ("so", "too"):
                continue  # a verb acting on the part ("freezing my face"), not "so cold my lips"
            if r.doc[k + 1].lower_ not in r.s.owners or k + 2 not in r.body:
                continue
            j = k - 1
            while j >= 0 and r.doc[j].lower_ in r.s.skip_words:
                j -= 1
            subject = range(max(0, j - 3), j + 1)
            if any(_a_screen(r, i) for i in subject if r.same(i, k)):
                out.add(k + 2)
    r.__dict__["_screened"] = out
    return out


def _a_screen(r: _Reader, i: int) -> bool:
    low = r.doc[i].lower_
    return low in r.s.screen_words or low in r.s.depiction_words or low in r.s.thing_words


def _part_of_named_thing(r: _Reader, i: int) -> bool:
    """ "the wardrobe came apart and now one leg is missing": a body word that is also
    a thing's part (an artifact among its first three WordNet senses: a leg, an arm,
    a face), counted or owned by no one ("one leg", "its arm", not "my leg"), said to
    be in a thing's state right after (missing, broken, loose: `part_states`), in a
    sentence that names an artifact before it and no person (`person_words`) at
    all. Never when the message names the treatment ("I fell off the chair and one
    leg is numb" has "I")."""
    if i == 0 or r.doc[i - 1].lower_ not in r.s.part_counters:
        return False
    low = r.doc[i].lower_
    if not wordnet.is_mainly_noun(low) or 6 not in wordnet.classes(low, 3):
        return False
    span = sentence(r, i)
    if not any(r.doc[j].lower_ in r.s.part_states for j in range(i + 1, min(span.stop, i + 4))):
        return False  # "one leg is weak", "one arm won't move": a body's state
    if _first_person_word(r, span) < span.stop or _treatment_named(r):
        return False
    return _first_noun_of(r, span, frozenset({6})) < i


def _first_person_word(r: _Reader, span: range) -> int:
    """The first of `person_words` in the sentence ``span`` (its stop if none), once
    per sentence."""
    table: dict[int, int] = r.__dict__.setdefault("_first_person", {})
    if span.start not in table:
        table[span.start] = next(
            (j for j in span if r.doc[j].lower_ in r.s.person_words), span.stop
        )
    return table[span.start]


def _first_noun_of(r: _Reader, span: range, classes: frozenset[int]) -> int:
    """The first noun of the sentence ``span`` whose first WordNet sense is in
    ``classes`` (no body word, sign word or vocabulary word), its stop if none; once
    per sentence and classes."""
    table: dict[tuple[int, frozenset[int]], int] = r.__dict__.setdefault("_first_noun", {})
    key = (span.start, classes)
    if key not in table:
        found = span.stop
        for j in span:
            w = r.doc[j].lower_
            if j in r.body or j in r.known or w in r.s.sign_words or not r.doc[j].is_alpha:
                continue
            if wordnet.is_mainly_noun(w):
                cls = wordnet.classes(w, 1)
                if cls and cls[0] in classes:
                    found = j
                    break
        table[key] = found
    return table[key]
