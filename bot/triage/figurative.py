"""One step: a sign's words used figuratively, read from what the whole message
is about (data in ``knowledge/triage_figurative.yml``, the one file a
clinician reads for it).

The "said of a thing" step (``subject``) reads the words around a sign; this
one reads the message. A sign above ``none`` is not counted (status
``figurative``, with the reason for staff) when the message has NO report
context (no treatment named, no person's body part, no symptom word beside
the sign's own) and:

* it names a topic that is not the body: a game, a sport, a book or a song,
  a bill, a food, paint or clothes, a machine, a plant, the weather
  ("bleeding status effect in the game", "the ref was blind", "black
  blisters on the pizza crust", "breathless after the first km");
* a laugh stands beside it ("lol I literally can't breathe");
* it is the result of a degree said of a thing ("the room was so stuffy I
  could barely breathe", "a joke so bad it hurts");
* an activity is its cause ("I couldn't breathe reading the last chapter");
* an overload of the mind is its cause, said of no person ("my head is
  spinning from all these invoices");
* its function word is a measure or a thing to read ("the estimated
  reading", "worth reading"), or its word is counted ("how many strokes").

Why the report context decides: the emergencies of every regression set
that share these words ("I can't breathe, my throat is closing since the
injections", "my left eye went blind after the session", "she's having a
stroke, her face dropped") all name the treatment, a body part or another
symptom; a bare emergency ("can't breathe properly", "she had a fit") names
none of the topics or figures. Called once from ``subject.apply``.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from bot.levels import rank
from bot.triage import wordnet
from bot.triage.match import Doc, Match, Spans

FIGURATIVE_PATH = Path(__file__).resolve().parents[2] / "knowledge" / "triage_figurative.yml"


@dataclass(frozen=True)
class Figures:
    """The lists of ``knowledge/triage_figurative.yml``, checked."""

    topics: tuple[tuple[str, tuple[str, ...]], ...]  # (topic, words of a phrase)
    topic_signs: dict[str, frozenset[str]]  # topic -> the only signs it reads (none: all)
    comparison_words: frozenset[str]
    judgement_words: frozenset[str]
    unguarded: frozenset[str]  # topics whose people are characters ("my guy collapsed")
    laughter: tuple[tuple[str, ...], ...]
    soft_laughter: frozenset[str]
    laughter_sources: frozenset[str]
    concern_phrases: tuple[tuple[str, ...], ...]
    degree_words: frozenset[str]
    degree_window: int
    activities: frozenset[str]
    domain_adverbs: frozenset[str]
    reading_words: frozenset[str]
    reading_before: frozenset[str]
    count_words: frozenset[str]
    count_signs: frozenset[str]
    other_treatments: tuple[tuple[str, ...], ...]
    part_functions: frozenset[str]
    placement_words: frozenset[str]
    placed_classes: frozenset[int]
    overload_words: frozenset[str]
    overload_skip: frozenset[str]
    overload_classes: frozenset[int]
    overload_nouns: frozenset[str]
    overload_not: frozenset[str]
    overload_many: frozenset[str]
    overload_many_classes: frozenset[int]
    mind_words: frozenset[str]
    period_classes: frozenset[int]
    period_verbs: frozenset[str]
    contest_signs: frozenset[str]
    contest_words: frozenset[str]
    contest_nouns: frozenset[str]
    contest_phrases: tuple[tuple[str, ...], ...]
    done_signs: frozenset[str]
    done_determiners: frozenset[str]
    done_classes: frozenset[int]
    ambient: dict[str, frozenset[str]]  # sign -> the states of the air or the weather that cause it
    ambient_skip: frozenset[str]
    ambient_units: frozenset[str]
    ambient_places: frozenset[str]
    ambient_people: frozenset[str]
    ambient_never: frozenset[str]  # a sign's words the air never explains (a wheeze)
    effort_words: frozenset[str]
    effort_states: frozenset[str]
    effort_signs: frozenset[str]
    effort_group_states: frozenset[str]
    effort_group_causes: frozenset[str]
    effort_groups: frozenset[str]
    effort_links: frozenset[str]
    effort_acts: frozenset[str]
    effort_disproportion: frozenset[str]
    effort_units: frozenset[str]
    effort_exercise: frozenset[str]
    treatment_places: frozenset[str]
    object_before: frozenset[str]
    ambient_subjects: frozenset[str]
    businesses: frozenset[str]
    vague_subjects: frozenset[str]
    killer_signs: frozenset[str]
    killer_words: frozenset[str]
    killer_verbs: frozenset[str]
    killer_body_kinds: frozenset[str]
    killer_not: frozenset[str]
    head_links: frozenset[str]
    machine_signs: frozenset[str]
    machine_skip: frozenset[str]
    machine_classes: frozenset[int]
    machine_places: frozenset[str]
    machine_pronouns: frozenset[str]
    machine_plural_pronouns: frozenset[str]
    singular_persons: frozenset[str]
    title_words: frozenset[str]
    title_before: frozenset[str]
    title_skip: frozenset[str]
    quality_signs: frozenset[str]
    quality_skip: frozenset[str]
    quality_classes: frozenset[int]
    quality_not: frozenset[str]
    repeat_signs: frozenset[str]
    repeat_openers: tuple[tuple[str, ...], ...]
    repeat_classes: frozenset[int]
    repeat_avoid: frozenset[str]
    weather_times: frozenset[str]
    craze_signs: frozenset[str]
    craze_words: frozenset[str]
    craze_nouns: frozenset[str]
    craze_names: frozenset[int]
    craze_feelings: frozenset[int]
    frame_signs: frozenset[str]
    frame_words: frozenset[str]
    frame_phrases: frozenset[str]
    frame_openers: tuple[tuple[str, ...], ...]
    frame_skip: frozenset[str]
    frame_classes: frozenset[int]
    frame_not: frozenset[str]
    name_signs: frozenset[str]
    wish_openers: tuple[tuple[str, ...], ...]
    hyperbole_signs: frozenset[str]
    hyperbole_give: frozenset[str]
    hyperbole_hedges: frozenset[str]
    hyperbole_causes: tuple[tuple[str, ...], ...]
    hyperbole_openers: frozenset[str]
    hyperbole_news: frozenset[str]
    amazement_parts: frozenset[str]
    amazement_signs: frozenset[str]
    force_signs: frozenset[str]
    force_verbs: frozenset[str]
    outage_signs: frozenset[str]
    outage_words: frozenset[str]
    outage_power: frozenset[str]
    weather_signs: frozenset[str]
    weather_nouns: frozenset[str]
    weather_questions: tuple[tuple[str, ...], ...]
    flush_signs: frozenset[str]
    flush_parts: frozenset[str]
    flush_whens: frozenset[str]
    flush_occasions: frozenset[str]
    flush_doings: frozenset[str]
    flush_feelings: frozenset[str]
    flush_other_functions: frozenset[str]

    @functools.cached_property
    def topics_by_first(self) -> dict[str, list[tuple[str, tuple[str, ...]]]]:
        out: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        for topic, words in self.topics:
            out.setdefault(words[0], []).append((topic, words))
        return out


def _list(data: dict[str, Any], key: str) -> list[str]:
    value = data.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"triage_figurative.{key}: expected a list of words (quote yes/no/on)")
    return [v.lower() for v in value]


def _classes(data: dict[str, Any], key: str) -> frozenset[int]:
    value = data.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, int) and 3 <= v <= 45 for v in value):
        raise ValueError(f"triage_figurative.{key}: expected WordNet class numbers (3..45)")
    return frozenset(value)


def _phrase(text: str) -> tuple[str, ...]:
    return tuple(text.replace("-", " - ").split())


def parse(data: dict[str, Any]) -> Figures:
    """The checked lists; a wrong entry raises ``ValueError`` when the rules load."""
    topics = data.get("topics") or {}
    if not isinstance(topics, dict):
        raise ValueError("triage_figurative.topics: expected a mapping of topic -> words")
    pairs: list[tuple[str, tuple[str, ...]]] = []
    limits: dict[str, frozenset[str]] = {}
    unguarded: set[str] = set()
    for name, block in topics.items():
        if isinstance(block, dict):
            words = _list(block, "words")
            if block.get("only_signs") is not None:
                limits[str(name)] = frozenset(_list(block, "only_signs"))
            if block.get("people_are_characters") is True:
                unguarded.add(str(name))
        else:
            words = _list(topics, name)
        if not words:
            raise ValueError(f"triage_figurative.topics.{name}: no words")
        pairs.extend((str(name), _phrase(w)) for w in words if _phrase(w))
    window = data.get("degree_window", 5)
    if not isinstance(window, int) or not 1 <= window <= 12:
        raise ValueError("triage_figurative.degree_window: expected a number of words (1..12)")
    ambient = data.get("ambient") or {}
    if not isinstance(ambient, dict):
        raise ValueError("triage_figurative.ambient: expected a mapping of sign -> words")
    values: dict[str, Any] = {
        "ambient": {str(k): frozenset(_list(ambient, k)) for k in ambient},
        "topics": tuple(pairs),
        "topic_signs": limits,
        "unguarded": frozenset(unguarded),
        "degree_window": window,
    }
    # every other field is read from the key of the same name, by its type: a word
    # list, a list of WordNet classes, or a list of phrases
    for f in dataclasses.fields(Figures):
        if f.name in values:
            continue
        if f.type == "frozenset[str]":
            values[f.name] = frozenset(_list(data, f.name))
        elif f.type == "frozenset[int]":
            values[f.name] = _classes(data, f.name)
        elif f.type == "tuple[tuple[str, ...], ...]":
            values[f.name] = tuple(_phrase(w) for w in _list(data, f.name))
        else:  # pragma: no cover - a new field of another type needs its own reading
            raise TypeError(f"Figures.{f.name}: no reader for {f.type}")
    return Figures(**values)


@functools.lru_cache(maxsize=2)
def load_figures(path: str | None = None) -> Figures:
    with open(Path(path) if path else FIGURATIVE_PATH, encoding="utf-8") as f:
        return parse(yaml.safe_load(f) or {})


def _phrases_at(low: list[str], phrases: Iterable[tuple[str, ...]], i: int) -> bool:
    return any(tuple(low[i : i + len(p)]) == p for p in phrases)


class Context:
    """What makes a message a report, whatever figure it holds (read once per message).

    ``parts``: tokens naming a person's body part (the subject step's guards
    that are parts, not a thing's: "the mouth of a river" is not); ``treated``:
    the treatment named (not a time alone, not "the water treatment");
    ``symptoms``: tokens of the vocabulary's symptom words.
    """

    def __init__(self, figs: Figures, doc: Doc, found: Spans, parts: set[int]) -> None:
        low = [t.lower_ for t in doc]
        self.low = low
        # a part word inside one of its function's `exclude` patterns names no body part
        # ("what neck size", "a face mask", "the tongue of the shoe")
        named = {
            (k[4:], i)
            for k, v in found.items()
            if k.startswith("FNX|")
            for a, b in v
            for i in range(a, b)
        }
        # ... unless another function names it ("under my eye" is not the eye, it is the skin)
        names_of: dict[int, set[str]] = {}
        for k, v in found.items():
            if k.startswith("FN|"):
                for a, b in v:
                    for i in range(a, b):
                        names_of.setdefault(i, set()).add(k[3:])
        self.parts = parts - {i for name, i in named if not names_of.get(i, set()) - {name}}
        # the functions the message names ("stops BREATHING"), whatever their tokens
        self.function_names = {name for names in names_of.values() for name in names}
        self.treated = False
        for a, b in found.get("ANCHOR|treatment", []):
            if low[b - 1] in _RELATIVE and all(
                doc[i].is_digit or _is_time(low[i]) for i in range(a, b)
            ):
                continue  # "two weeks later": a time, said of anything ("day 3" is the treatment's)
            if any(
                _phrases_at(low, [p], a - len(p)) or _phrases_at(low, [p], a)
                for p in figs.other_treatments
            ):
                continue  # "the water treatment works"
            if b < len(low) and low[b] in figs.treatment_places:
                continue  # "the treatment room at the spa": a room's name
            self.treated = True
        self.symptoms = {i for a, b in found.get("ANCHOR|symptom", []) for i in range(a, b)}
        # the words of the vocabulary's functions ("my voice", "the vision", "breathing")
        self.functions = {
            i for k, v in found.items() if k.startswith("FN|") for a, b in v for i in range(a, b)
        } - named
        # the words of the vocabulary's states ("pounding", "swollen", "so bad")
        self.states = {
            i for k, v in found.items() if k.startswith("ST|") for a, b in v for i in range(a, b)
        }
        self.topics = self._topics(figs, low)
        self.figured: set[int] = set()  # the words of signs read as figures so far
        # "your store's escalator", "at your hotel": a message to another business
        self.business = next(
            (
                f"your {low[j]}"
                for i, w in enumerate(low)
                if w == "your"
                for j in range(i + 1, min(len(low), i + 4))
                if low[j] in figs.businesses
            ),
            "",
        )
        self.laugh = ""
        if not any(_phrases_at(low, figs.concern_phrases, i) for i in range(len(low))):
            strong = [
                " ".join(p)
                for i in range(len(low))
                for p in figs.laughter
                if _phrases_at(low, [p], i)
            ]
            soft = [w for w in low if w in figs.soft_laughter]
            if strong:
                self.laugh = strong[0]
            elif soft and any(w in figs.laughter_sources for w in low):
                # "lol I can't breathe at this meme": a laugh at something named
                self.laugh = soft[0]
        # a soft laugh with no worry asked: the laugh may be at a pun (``pun``)
        self.soft_laugh = (
            "" if self.laugh else next((w for w in low if w in figs.soft_laughter), "")
        )
        if any(_phrases_at(low, figs.concern_phrases, i) for i in range(len(low))):
            self.soft_laugh = ""

    @staticmethod
    def _topics(figs: Figures, low: list[str]) -> list[tuple[str, str, int, int]]:
        """(topic, phrase, start, end) of every topic phrase not in a comparison
        ("everything looks like it's in fog" is about sight)."""
        out = []
        for i, word in enumerate(low):
            for topic, phrase in figs.topics_by_first.get(word, ()):
                if tuple(low[i : i + len(phrase)]) != phrase:
                    continue
                if any(w in figs.comparison_words for w in low[max(0, i - 4) : i]):
                    continue
                out.append((topic, " ".join(phrase), i, i + len(phrase)))
        return out

    def reported(self, m: Match) -> bool:
        """The treatment, a body part or a symptom word beside the sign's own words (not
        the words of a sign already read as a figure: "it's wheezing and struggling to
        breathe" said of a fan)."""
        if self.treated or self.parts:
            return True
        own = set(m.words())
        return any(
            not m.start <= i < m.end and i not in own and i not in self.figured
            for i in self.symptoms
        )


_TIME = frozenset(
    "a an one two three four five six seven eight nine ten few couple several of hour hours hr "
    "hrs day days week weeks wk wks month months mth mths after later post on".split()
)


_RELATIVE = frozenset({"after", "later", "on"})


def _is_time(low: str) -> bool:
    return low in _TIME


def why(
    figs: Figures, ctx: Context, doc: Doc, m: Match, is_person: Any, subject: Any = None
) -> str:
    """Why sign ``m`` is figurative in a message with no report context, or "".

    ``subject(m)``: the index of the person the sign is said of ("my dad
    collapsed at the golf club": "dad"; "the ref collapsed": "ref"), or None.
    """
    who = subject(m) if subject is not None else None
    idiom = _idiom(figs, ctx, doc, m, is_person, who)
    if idiom:
        return idiom
    if ctx.reported(m):
        return ""
    words = {ctx.low[i] for i in m.words()}
    if who is not None and not is_person(who) and words and words <= figs.judgement_words:
        return f"a judgement said of a role ('{doc[who].text}')"  # "the ref was blind"
    title = _title(figs, doc, ctx.low, m)
    if title:
        return title
    for topic, phrase, start, _end in ctx.topics:
        if topic in figs.topic_signs and m.sign not in figs.topic_signs[topic]:
            continue  # "it's foggy and I can't swallow": the weather hides only sights
        if topic in figs.topic_signs and _own_state(ctx, start):
            continue  # "my vision has gone foggy": the word is the named function's own state
        guarded = topic not in figs.topic_signs and topic not in figs.unguarded
        if who is not None and guarded:
            continue  # a person collapsed at the match is a person, whatever the place
            # (the weather is what that person sees; a game's or a story's people are characters)
        return f"about {topic} ('{phrase}')"
    if ctx.laugh:
        return f"a laugh ('{ctx.laugh}')"
    if ctx.soft_laugh:
        pun = _pun(doc, ctx.low, m)
        if pun:
            return f"a pun with a laugh ('{pun}', '{ctx.soft_laugh}')"
    low = ctx.low
    degree = _degree(figs, doc, low, m, is_person, ctx.states)
    if degree:
        return degree
    ambient = _ambient(figs, ctx, doc, low, m, is_person, who) or _weather_heat(figs, doc, low, m)
    if ambient:
        return ambient
    if m.end < len(low) and low[m.end] in figs.activities:
        return f"an activity is the cause ('{doc[m.end].text}')"
    for k in (m.start - 1, m.end):
        if 0 <= k < len(low) and low[k] in figs.domain_adverbs:
            return f"said of a part of life, not the body ('{doc[k].text}')"
    mind = any(low[i] in figs.mind_words for i in m.words())
    if who is None or mind:  # "my kid's head is spinning from..." is a mind's figure
        overload = _overload(figs, doc, low, m, is_person)
        if overload:
            return overload
    if mind:
        period = _period(figs, doc, low, m)
        if period:
            return period
    contest = _contest(figs, doc, low, m)
    if contest:
        return contest
    killer = _killer(figs, ctx, doc, low, m, is_person)
    if killer:
        return killer
    machine = _machine(figs, doc, low, m, is_person, ctx.states)
    if machine:
        return machine
    quality = _quality(figs, ctx, doc, low, m, is_person)
    if quality:
        return quality
    done = _done_to_thing(figs, doc, low, m, is_person)
    if done:
        return done
    repeated = _repeated(figs, ctx, doc, low, m, is_person) or _craze(figs, doc, low, m)
    if repeated:
        return repeated
    placed = _thing_placed(figs, doc, m, is_person)
    if placed:
        return placed
    for i in m.words():
        if low[i] in figs.reading_words and i > 0 and low[i - 1] in figs.reading_before:
            return f"'{doc[i - 1].text} {doc[i].text}' is a measure or a thing to read"
    if m.sign in figs.count_signs and m.start > 0:
        before = low[m.start - 1]
        if before in figs.count_words or doc[m.start - 1].is_digit:
            return f"a count ('{doc[m.start - 1].text} {doc[m.start].text}')"
    return ""


def _own_state(ctx: Context, start: int) -> bool:
    """A topic's word that is the state of a function named just before it in the same
    clause (at most six words back, no comma or "but" between): "my vision has gone
    foggy", "vision on the left gone kinda foggy". The weather told first ("so foggy
    I can't see the road") stays a topic."""
    if start not in ctx.states:
        return False  # "fog" names the weather; "foggy" can be the state of a sight
    for f in ctx.functions:
        if 0 < start - f <= 6 and not any(
            w in (",", ".", ";", "!", "?", "but") for w in ctx.low[f:start]
        ):
            return True
    return False


def _pun(doc: Doc, low: list[str], m: Match) -> str:
    """ "I keep double-booking myself, I'm seeing double lol": a word of the sign (of
    three letters or more) also used elsewhere in the message inside a hyphened word
    ("double-booking"), with a soft laugh: a play on the word, not a sign."""
    own = {low[i] for i in m.words() if len(low[i]) >= 3 and doc[i].is_alpha}
    for k, w in enumerate(low):
        if m.start <= k < m.end or w not in own:
            continue
        joined = (k + 1 < len(low) and low[k + 1] in ("-", "‐")) or (
            k > 0 and low[k - 1] in ("-", "‐")
        )
        if joined:
            return str(doc[max(0, k - 2) : k + 3].text)
    return ""


def _title(figs: Figures, doc: Doc, low: list[str], m: Match) -> str:
    """ "who wrote the song I Can't Breathe", "a film called Breathless": the sign's words
    right after a word that names a work (``title_words``: "song", "called", "titled"),
    past quotes and a pronoun that starts the title (``title_skip``), are its title. A work
    word takes a determiner or a verb of naming before it (``title_before``: "the song",
    "a track"): "during the film I couldn't breathe" has none right before the sign."""
    j = m.start - 1
    skipped = 0
    while j >= 0 and low[j] in figs.title_skip and skipped < 2:
        j -= 1
        skipped += 1
    if j < 0 or low[j] not in figs.title_words:
        return ""
    if j > 0 and low[j - 1] in figs.title_before or low[j] in figs.title_before:
        return f"a title ('{doc[j].text} {doc[m.start].text}...')"
    return ""


def _overload(figs: Figures, doc: Doc, low: list[str], m: Match, is_person: Any) -> str:
    """ "my head is spinning from all these emails", "reeling over the tax forms": a
    sign caused (from, over, with...) by something read, learnt or filled in: a
    mind's overload. The nouns right after the cause word (past a few determiners
    and describing words) decide: one names a message, a document or a subject of
    study, none is a person or a medicine ("spinning from the new meds" stays)."""
    i = m.end
    if i >= len(low) or low[i] not in figs.overload_words:
        return ""
    i += 1
    many = False
    while i < len(low) and (
        low[i] in figs.overload_skip
        or (wordnet.is_adjective(low[i]) and not wordnet.is_mainly_noun(low[i]))
    ):
        many = many or low[i] in figs.overload_many
        i += 1
    found = ""
    for j in range(i, min(len(low), i + 3)):
        word = low[j]
        if is_person(j) or word in figs.overload_not:
            return ""  # "from my mum's pills"
        if not doc[j].is_alpha:
            break
        if word in figs.overload_nouns:
            found = found or word
            continue
        if not wordnet.is_mainly_noun(word):
            break
        cls = wordnet.classes(word, 1)
        if cls and cls[0] in (8, 18):
            return ""  # a body part or a person
        if cls and cls[0] in figs.overload_classes:
            found = found or word
        elif many and cls and cls[0] in figs.overload_many_classes:
            found = found or word  # "from too many activities": a load of things to do
    return f"an overload of the mind ('{found}')" if found else ""


def _period(figs: Figures, doc: Doc, low: list[str], m: Match) -> str:
    """ "my head is spinning, this week was so long": a mind's figure followed, in
    the next clause, by a period of time said to be something (a noun whose first
    WordNet sense is a time, then was/is/has been, then a describing word): the
    load of a period, not a body event. A bare "my head has been spinning all
    week" stays (no describing of the period)."""
    end = min(len(low), m.end + 8)
    for j in range(m.end, end):
        if not doc[j].is_alpha or not wordnet.is_mainly_noun(low[j]):
            continue
        if wordnet.classes(low[j], 1)[:1] and wordnet.classes(low[j], 1)[0] in figs.period_classes:
            k = j + 1
            if k < len(low) and low[k] in figs.period_verbs:
                for n in range(k + 1, min(len(low), k + 4)):
                    if wordnet.is_adjective(low[n]) and not wordnet.is_mainly_noun(low[n]):
                        return f"the load of a period ('{doc[j].text} {doc[k].text} {doc[n].text}')"
    return ""


def _contest(figs: Figures, doc: Doc, low: list[str], m: Match) -> str:
    """ "choking in the finals", "choke under pressure": a competitor failing in
    contests (plural: a habit, not one meal) or under pressure, not the throat."""
    if m.sign not in figs.contest_signs or m.end >= len(low):
        return ""
    if any(_phrases_at(low, [p], m.end) for p in figs.contest_phrases):
        return f"a failure under pressure ('{doc[m.end].text}...')"
    if low[m.end] not in figs.contest_words:
        return ""
    for j in range(m.end + 1, min(len(low), m.end + 5)):
        if low[j] in figs.contest_nouns:
            return f"a failure in contests ('{doc[j].text}')"
    return ""


def _killer(figs: Figures, ctx: Context, doc: Doc, low: list[str], m: Match, is_person: Any) -> str:
    """ "this humidity is killing me", "these deadlines are killing me": a pain sign whose
    words are the idiom (``killer_words``) said of a noun that is no body part, no
    person and no bodily state (WordNet: not 08 or 18; none of ``killer_body_kinds``
    among the kinds of its first sense, nor one of ``killer_not``): annoyance.
    "it's killing me", "this is killing me" (no noun) and "my face is killing me"
    (a body part: the report context) keep their alarm."""
    if m.sign not in figs.killer_signs or low[m.start] not in figs.killer_words:
        return ""
    j = m.start - 1
    verb = False
    while j >= 0 and (low[j] in figs.killer_verbs or low[j] in figs.ambient_skip):
        verb = verb or low[j] in figs.killer_verbs
        j -= 1
    if not verb or j < 0 or not doc[j].is_alpha or is_person(j):
        return ""
    j = _head_of_phrase(figs, ctx, doc, low, j, is_person)
    if j < 0:
        return ""
    word = low[j]
    if j in ctx.symptoms or j in ctx.states or word in figs.killer_not:
        return ""
    if word in figs.vague_subjects or word in figs.ambient_subjects or word.endswith("ing"):
        return ""  # "it's killing me"; "the burning is killing me": a sensation
    if not wordnet.is_mainly_noun(word):
        return ""
    cls = wordnet.classes(word, 1)
    if cls and cls[0] in (8, 18):
        return ""
    if wordnet.kinds(word, 1) & figs.killer_body_kinds:
        return ""  # "the cramps are killing me", "this hangover is killing me"
    return f"an idiom of annoyance ('{doc[j].text}' is killing)"


def _head_of_phrase(
    figs: Figures, ctx: Context, doc: Doc, low: list[str], j: int, is_person: Any
) -> int:
    """The head noun of a subject that ends in "of" or "for" and a noun phrase at ``j``:
    "the PRICE of flea treatment", "PRICES for parts" (what is said to be killing is the
    price, not the parts); ``j`` itself when there is no such phrase; -1 when the phrase
    names a person or a body part or a symptom ("the side OF MY FACE", "the pain of the
    cramps" keep the sign)."""
    k = j - 1
    while k >= 0 and j - k <= 4 and doc[k].is_alpha and low[k] not in figs.head_links:
        k -= 1
    if k < 1 or j - k > 4 or low[k] not in figs.head_links or not doc[k - 1].is_alpha:
        return j
    if any(
        i in ctx.parts or i in ctx.symptoms or i in ctx.states or is_person(i)
        for i in range(k + 1, j + 1)
    ):
        return -1
    return k - 1 if wordnet.is_mainly_noun(low[k - 1]) else j


def _machine(
    figs: Figures, doc: Doc, low: list[str], m: Match, is_person: Any, states: Any = ()
) -> str:
    """ "the old chainsaw keeps choking", "our mower wheezes and dies": a sign of a
    machine's failing (``machine_signs``) said of the noun right before it (past
    ``machine_skip``), a noun one of whose two first WordNet senses is a made thing
    (``machine_classes``: 06 artifact), after a determiner and describing words: a
    tool, not a person. "my son keeps choking" (a person) stays."""
    if m.sign not in figs.machine_signs:
        return ""
    j = m.start - 1
    while j >= 0 and (
        low[j] in figs.machine_skip
        or (low[j] == "and" and j > 0 and (j - 1 in states or _verb_form(low[j - 1])))
        or ((j in states or _verb_form(low[j])) and j + 1 < m.start and low[j + 1] == "and")
    ):  # "it's wheezing AND struggling to breathe", "they twist AND collapse": one subject
        j -= 1
    if j >= 0 and low[j] in figs.machine_pronouns:
        return _machine_before(figs, doc, low, j, is_person)
    if j >= 0 and low[j] in figs.machine_plural_pronouns:
        return _machine_before(figs, doc, low, j, is_person, plural=True)
    if j < 1 or not doc[j].is_alpha or is_person(j) or not wordnet.is_mainly_noun(low[j]):
        return ""
    cls = wordnet.classes(low[j], 2)
    if not cls or cls[0] in (8, 18) or not set(cls) & figs.machine_classes:
        return ""
    k = j - 1
    while k >= 0 and (
        (wordnet.is_adjective(low[k]) and not wordnet.is_mainly_noun(low[k]))
        or (wordnet.is_mainly_noun(low[k]) and wordnet.classes(low[k], 1)[:1] not in ((8,), (18,)))
    ):
        k -= 1  # "the old petrol chainsaw", "the hedge cutter"
    if k < 0 or low[k] not in figs.done_determiners or k == j:
        return ""
    if _persons_place(figs, low, k, is_person):
        return ""  # "the baby IN the cot is wheezing": the person's place, not a tool
    return f"{_MACHINE} or a tool ('{doc[j].text}')"


def _verb_form(word: str) -> bool:
    """An -ing form or a verb ("twist", "sag"), joined by "and" to the sign's own verb."""
    return word.endswith("ing") or wordnet.is_verb(word)


def _one_person(figs: Figures, word: str) -> bool:
    """A person word that names one person: "I", "she", "my teacher" (no plural -s)."""
    return word in figs.singular_persons or (word.isalpha() and not word.endswith("s"))


def _persons_place(figs: Figures, low: list[str], k: int, is_person: Any) -> bool:
    """The determiner at ``k`` opens a place phrase after a person ("my son AT the
    school", "the baby IN the cot"): the thing is where the person is."""
    return k > 1 and low[k - 1] in figs.machine_places and is_person(k - 2)


_MACHINE = "said of a machine"


def _machine_before(
    figs: Figures, doc: Doc, low: list[str], it: int, is_person: Any, plural: bool = False
) -> str:
    """ "the fan on my laptop sounds like IT's wheezing", "the shelf is bowing, will IT
    collapse": "it" before the sign stands for the nearest made thing named before it
    (a noun after a determiner, one of whose two first WordNet senses is an artifact,
    its first never the body or a person) with no person or body named between.
    ``plural``: "they" (`machine_plural_pronouns`) stands for the nearest such thing in
    the plural ("my MUGS ... my teacher says pull more, but when I do THEY twist and
    collapse"), past a person who is one (`singular_persons`, or a person noun not in
    the plural); "the boys ran and then they collapsed" keeps its alarm."""
    for j in range(it - 1, max(-1, it - 25 if plural else it - 15), -1):
        if is_person(j):
            if plural and _one_person(figs, low[j]):
                continue  # "my teacher says ... when I do they collapse": not them
            return ""  # "my son said it's wheezing": a person is nearer
        if not doc[j].is_alpha or not wordnet.is_mainly_noun(low[j]):
            continue
        if plural and not low[j].endswith("s"):
            continue
        cls = wordnet.classes(low[j], 2)
        if not cls or cls[0] in (8, 18):
            return ""  # "my chest, it's wheezing": the body
        if not set(cls) & figs.machine_classes:
            continue
        if j > 0 and low[j - 1] in figs.done_determiners:
            return f"{_MACHINE} or a thing ('{doc[j].text}' ... '{doc[it].text}')"
    return ""


def _repeated(
    figs: Figures, ctx: Context, doc: Doc, low: list[str], m: Match, is_person: Any
) -> str:
    """ "I nearly faint every time I open the gas bill", "how do I reverse into a bay
    without a heart attack every time": a sign of dread (``repeat_signs``) right before a
    word of repetition (``repeat_openers``: "every time", "whenever") is how an everyday
    thing makes one feel, each time, not an episode. The clause after the opener names
    a message, a document or money (``repeat_classes``: "the bill", "the bank
    statement"), or it is empty and the sign comes after a word of avoidance
    (``repeat_avoid``: "without"). "I feel faint every time I stand up" (no such thing)
    and "every time I look in the mirror" (a made thing, not a message) keep it."""
    if m.sign not in figs.repeat_signs:
        return ""
    at = next(
        (
            (i, len(p))
            for i in (m.end, m.end + 1)
            for p in figs.repeat_openers
            if tuple(low[i : i + len(p)]) == p
        ),
        None,
    )
    if at is None:
        return ""
    i = at[0] + at[1]
    stop = i
    while stop < len(low) and doc[stop].is_alpha and low[stop] not in figs.soft_laughter:
        stop += 1
    for j in range(i, stop):
        if j == 0 or is_person(j) or not wordnet.is_mainly_noun(low[j]):
            continue
        if low[j - 1] not in figs.done_determiners and not wordnet.is_mainly_noun(low[j - 1]):
            continue  # "the bill", "my heating bill": a noun after its determiner or a noun
        cls = wordnet.classes(low[j], 1)
        if cls and cls[0] in figs.repeat_classes:
            return f"a feeling each time one meets an everyday thing ('{doc[j].text}')"
    avoided = [k for k in range(max(0, m.start - 3), m.start) if low[k] in figs.repeat_avoid]
    if stop == i and avoided:
        return f"a feeling avoided each time ('{doc[avoided[0]].text}')"
    return ""


def _craze(figs: Figures, doc: Doc, low: list[str], m: Match) -> str:
    """ "the whole class has Olympics fever", "in a feverish rush to finish the report": a
    fever word (``craze_words``) after a name, in the middle of a sentence (a capitalised
    word whose first WordNet sense, if any, is no state or illness: ``craze_names``), is
    a craze; "feverish" before a noun of a feeling or an act (``craze_feelings``: panic,
    excitement, a rush) describes the feeling. "I've had a fever", "Dengue fever" (an
    illness), "feverish and shivery" keep their alarm."""
    if m.sign not in figs.craze_signs:
        return ""
    words = sorted(m.words())
    if len(words) != 1 or low[words[0]] not in figs.craze_words:
        return ""
    i = words[0]
    noun = low[i] in figs.craze_nouns
    if noun and i > 1 and doc[i - 1].is_title and doc[i - 1].is_alpha:
        before = doc[i - 2].text
        cls = wordnet.classes(low[i - 1], 1)
        if before not in ".!?" and low[i - 1] != "i" and (not cls or cls[0] in figs.craze_names):
            return f"a craze ('{doc[i - 1].text} {doc[i].text}')"
    if not noun and i + 1 < len(low) and wordnet.is_mainly_noun(low[i + 1]):
        cls = wordnet.classes(low[i + 1], 1)
        if cls and cls[0] in figs.craze_feelings:
            return f"a feeling described ('{doc[i].text} {doc[i + 1].text}')"
    return ""


def _quality(
    figs: Figures, ctx: Context, doc: Doc, low: list[str], m: Match, is_person: Any
) -> str:
    """ "the whistle was so faint", "the wood filler dried to a pale patch", "the old
    gloss has gone yellow": a sign word that is a quality (``quality_signs``: faint,
    pale, a colour) said of the noun before it (past ``quality_skip``: verbs of being,
    looking and becoming, degree words), a noun whose first WordNet sense is a made
    thing, a message, a sound or a substance (``quality_classes``), after a determiner
    or a possessive: the quality of a sound, a light, a paint or a fabric. Never a
    person, a body part, a function of the vocabulary ("my voice is so faint"), a
    symptom word, nor one of ``quality_not`` (a person's colour: "her colour
    has gone grey")."""
    if m.sign not in figs.quality_signs:
        return ""
    j = m.start - 1
    while j >= 0 and low[j] in figs.quality_skip:
        j -= 1
    if j < 1 or not doc[j].is_alpha or is_person(j) or not wordnet.is_mainly_noun(low[j]):
        return ""
    word = low[j]
    if word in figs.quality_not or j in ctx.functions or j in ctx.symptoms:
        return ""  # (a state word may name the thing: "the whistle", "the crust")
    cls = wordnet.classes(word, 1)
    if not cls or cls[0] not in figs.quality_classes:
        return ""
    k = j - 1
    while k >= 0 and (
        (wordnet.is_adjective(low[k]) and not wordnet.is_mainly_noun(low[k]))
        or (wordnet.is_mainly_noun(low[k]) and wordnet.classes(low[k], 1)[:1] not in ((8,), (18,)))
    ):
        k -= 1  # "the old wood filler", "the white cotton shirt"
    if k < 0 or k == j or not (low[k] in figs.done_determiners or low[k] in ("'s", "s")):
        return ""
    if _persons_place(figs, low, k, is_person):
        return ""  # "my mum AT the hospital went pale"
    return f"a quality of a thing ('{doc[j].text}')"


# a sign that ends in one of these names the place next, not the thing done to
_PLACE_WORDS = frozenset({"in", "on", "at", "into", "onto", "by", "near", "outside", "inside"})


def _done_to_thing(figs: Figures, doc: Doc, low: list[str], m: Match, is_person: Any) -> str:
    """ "the storm collapsed our fence": the sign's verb with a thing as its object
    (a determiner, then a noun whose first WordNet sense is an object), said of a
    thing that is no person ("she collapsed the pram" is rare; "she collapsed
    this morning", "he collapsed on the floor" stay)."""
    if m.sign not in figs.done_signs or m.end + 1 >= len(low):
        return ""
    if m.start > 0 and is_person(m.start - 1):
        return ""
    if low[m.end] not in figs.done_determiners:
        return ""
    if low[m.end - 1] in _PLACE_WORDS:
        return ""  # "he fell down in the street": the street is where, not what was done to
    word = low[m.end + 1]
    if is_person(m.end + 1) or not wordnet.is_mainly_noun(word):
        return ""
    cls = wordnet.classes(word, 1)
    if cls and cls[0] in figs.done_classes:
        return f"done to a thing ('{doc[m.end + 1].text}')"
    return ""


def _thing_placed(figs: Figures, doc: Doc, m: Match, is_person: Any) -> str:
    """ "throwing food on the floor": a sign that is a place ("on the floor"), right
    after a noun that names a thing (food, an object, a substance): the thing is
    there, not a person ("woke up on the floor", "found her on the floor" stay)."""
    if doc[m.start].lower_ not in figs.placement_words or m.start == 0:
        return ""
    low = doc[m.start - 1].lower_
    if is_person(m.start - 1) or not wordnet.is_mainly_noun(low):
        return ""
    cls = wordnet.classes(low, 1)
    if cls and cls[0] in figs.placed_classes:
        return f"'{doc[m.start - 1].text}' is a thing placed there"
    return ""


def _degree(
    figs: Figures, doc: Doc, low: list[str], m: Match, is_person: Any, states: set[int]
) -> str:
    """ "the room was so stuffy I could barely breathe": so + a describing word
    (not a sign or symptom word, not said of a person) and, within a few words,
    the sign. A degree said of a state of the vocabulary is the state's ("(my) head
    is POUNDING so bad I can't think straight", even with the body word misspelt)."""
    for i in range(max(0, m.start - figs.degree_window - 1), m.start):
        if low[i] not in figs.degree_words or i + 1 >= m.start:
            continue
        j = i - 1
        while j >= 0 and low[j] in figs.ambient_skip:
            j -= 1
        if j >= 0 and j in states and not m.start <= j < m.end:
            continue
        if i + 1 in states and (j < 0 or low[j] in figs.vague_subjects):
            continue  # "it's so TIGHT I can't breathe": a state of the vocabulary said of
            # nothing named may be the writer's own ("the room was so stuffy" names the room)
        adj = i + 1
        if not wordnet.is_adjective(low[adj]) or any(
            is_person(j) and not (j > 0 and low[j - 1] in figs.object_before)
            for j in (adj - 2, adj - 3)
        ):
            continue  # "I'm so dizzy", "she was so weak" (not "rented FROM YOU are so dim")
        if m.start - adj > figs.degree_window:
            continue
        return f"the result of how '{doc[adj].text}' something is"
    return ""


def _ambient(
    figs: Figures,
    ctx: Context,
    doc: Doc,
    low: list[str],
    m: Match,
    is_person: Any,
    who: int | None,
) -> str:
    """ "feels like I can't breathe outside, it's so muggy", "the room was freezing, I
    was shivering", "had to take the stairs and was out of breath": a sign the
    message gives an ordinary cause for, before or after it. The cause is a state of
    the air, the weather or a place (``ambient``, per sign: muggy, stuffy, freezing,
    a temperature in degrees said of a place) said of no person ("I'm boiling and
    can't breathe" is the writer's own heat), or an effort (stairs, a climb, a run)
    for breathlessness in its own words ("out of breath", not "can't breathe").
    The air or the weather is the cause only of the writer's, the writer's group's
    or a crowd's state ("it's so stuffy, my son can't breathe" stays); an effort only
    in a message to another business ("your store's escalator was stuck, my mum had
    to take the stairs and was out of breath": "the walk up the stairs left me
    breathless" stays a report)."""
    own = set(m.words())
    words = doc[m.start : m.end]
    cache: dict[str, Any] = ctx.__dict__.setdefault("_ambient", {})
    effort = ctx.business and any(t.lower_ in figs.effort_states for t in words)
    if m.sign in figs.effort_signs and effort:
        if "effort" not in cache:
            cache["effort"] = [i for i, w in enumerate(low) if w in figs.effort_words]
        for i in cache["effort"]:
            if i not in own:
                return f"an effort is the cause ('{doc[i].text}', to '{ctx.business}')"
    group = _group_effort(figs, ctx, doc, low, m)
    if group:
        return group
    told = _effort_told(figs, doc, low, m)
    if told:
        return told
    states = figs.ambient.get(m.sign)
    if not states or (who is not None and low[who] not in figs.ambient_people):
        return ""
    if any(low[i] in figs.ambient_never for i in own):
        return ""  # "the room is stuffy, I'm wheezing": no room makes a person wheeze
    if m.sign not in cache:  # (cause, its subject) pairs, read once per message and sign
        cache[m.sign] = _ambient_causes(figs, doc, low, states, is_person)
    for i, j in cache[m.sign]:
        if i not in own and j not in own:
            return f"the air or the weather is the cause ('{doc[i].text}')"
    return ""


def _weather_heat(figs: Figures, doc: Doc, low: list[str], m: Match) -> str:
    """ "what to pack for Seville in August when it's 41 degrees": a temperature (a number
    and one of ``ambient_units``, the sign's own words) said of "it" (``ambient_subjects``,
    past ``ambient_skip``) in a sentence that names a season or the weather
    (``weather_times``) is the weather's heat. "it's 39
    degrees, should I come in" (no season named) and "my temperature is 39 degrees" keep
    their alarm."""
    units = [i for i in m.words() if low[i] in figs.ambient_units and i > 0 and doc[i - 1].is_digit]
    if not units:
        return ""
    j = units[0] - 2
    while j >= 0 and low[j] in figs.ambient_skip and low[j] not in figs.ambient_subjects:
        j -= 1
    if j < 0 or low[j] not in figs.ambient_subjects:
        return ""
    span = _sentence_span(doc, j, units[0])
    where = next(
        (k for k in span if low[k] in figs.weather_times),
        -1,
    )
    if where < 0:
        return ""
    return f"the weather's heat ('{doc[where].text}', '{doc[j].text} ... {doc[units[0]].text}')"


def _sentence_span(doc: Doc, start: int, end: int) -> range:
    """The tokens of the sentence that holds ``start`` to ``end`` (up to ".", "!", "?"
    or ";" on either side)."""
    a = start
    while a > 0 and doc[a - 1].text not in ".!?;":
        a -= 1
    b = end
    while b < len(doc) and doc[b].text not in ".!?;":
        b += 1
    return range(a, b)


def _effort_told(figs: Figures, doc: Doc, low: list[str], m: Match) -> str:
    """ "I was totally breathless after the first game", "breathless from blowing the rest
    up by mouth", "we were out of breath by the end of the march": breathlessness in its
    own words (``effort_states``, never "can't breathe" or "gasping") told with the effort
    as its cause in its sentence (one of ``effort_links`` right before an effort:
    ``effort_words``, ``effort_acts``, or a noun after an article), anyone's. Never with a
    word of disproportion in the sentence (``effort_disproportion``: "out of breath JUST
    walking to the kitchen", "SINCE yesterday I'm breathless after the stairs"), and,
    like every step here, only in a message that names no treatment, body part or other
    symptom."""
    if m.sign not in figs.effort_signs:
        return ""
    if not any(low[i] in figs.effort_states for i in m.words()):
        return ""
    span = _sentence_span(doc, m.start, m.end)
    if any(low[k] in figs.effort_disproportion for k in span):
        return ""
    own = set(m.words())
    for k in span:
        if k in own or low[k] not in figs.effort_links:
            continue
        for j in range(k + 1, min(span.stop, k + 5)):
            w = low[j]
            if w in figs.effort_words or w in figs.effort_acts:
                return f"an effort is the cause ('{doc[k].text} ... {doc[j].text}')"
            if not doc[j].is_alpha:
                break
    after = m.end + (m.end < span.stop and low[m.end] in ("while", "when"))
    if after < span.stop and low[after].endswith("ing"):
        if low[after] in figs.effort_words or low[after] in figs.effort_links:
            # the effort told right after, as what was being done: "I was breathless RUNNING
            # to make the 9am slot", "puffed while climbing up to the shop"
            return f"an effort is the cause ('{doc[m.start].text} {doc[after].text}')"
    return _timed_effort(figs, doc, low, span, own)


def _timed_effort(figs: Figures, doc: Doc, low: list[str], span: range, own: set[int]) -> str:
    """ "Is pogo sticking good cardio? I get breathless AFTER 3 MINUTES": "after" and a
    stretch of time (a number and one of ``effort_units``) in the sign's sentence, with the
    effort named anywhere in the message (``effort_words``, ``effort_acts``,
    ``effort_exercise``): how long the effort lasts before the breath runs out. The
    caller has already ruled out a word of disproportion in the sentence ("breathless
    after just 3 minutes of walking", "since the filler I'm breathless after 3 minutes")."""
    timed = any(
        low[k] == "after"
        and k + 2 < span.stop
        and k not in own
        and (doc[k + 1].like_num or low[k + 1] in ("a", "an", "few", "couple"))
        and any(low[j] in figs.effort_units for j in range(k + 2, min(span.stop, k + 4)))
        for k in span
    )
    if not timed:
        return ""
    effort = next(
        (
            i
            for i, w in enumerate(low)
            if i not in own
            and (w in figs.effort_words or w in figs.effort_acts or w in figs.effort_exercise)
        ),
        -1,
    )
    if effort < 0:
        return ""
    return f"an effort is the cause ('{doc[effort].text}', breath run out after a stretch of it)"


def _group_effort(figs: Figures, ctx: Context, doc: Doc, low: list[str], m: Match) -> str:
    """ "the hill sprints left the whole club gasping", "a curry so hot the family were
    breathless", "the altitude leaves tourists gasping": breathlessness (``effort_group_states``)
    said of a group (``effort_groups``, within a few words before the sign, no single person
    between) with an effort, a hot spice or the altitude named as the cause
    (``effort_words``, ``effort_group_causes``): what an effort does to anyone, not one
    person's sudden sign. "after the run I was gasping" (the writer alone) stays."""
    if m.sign not in figs.effort_signs:
        return ""
    if not any(low[i] in figs.effort_group_states for i in m.words()):
        return ""
    group = next(
        (j for j in range(m.start - 1, max(-1, m.start - 6), -1) if low[j] in figs.effort_groups),
        None,
    )
    if group is None:
        return ""
    own = set(m.words())
    for i, w in enumerate(low):
        if i not in own and (w in figs.effort_words or w in figs.effort_group_causes):
            return (
                f"an effort or a spice is the cause ('{doc[i].text}', said of '{doc[group].text}')"
            )
    return ""


def _thing_noun(word: str) -> bool:
    """A noun whose first WordNet sense is neither the body nor a person ("the room")."""
    if not wordnet.is_mainly_noun(word):
        return False
    cls = wordnet.classes(word, 1)
    return bool(cls) and cls[0] not in (8, 18)


def _ambient_causes(
    figs: Figures, doc: Doc, low: list[str], states: frozenset[str], is_person: Any
) -> list[tuple[int, int]]:
    """Every state of the air or a place in the message said of no person, with the
    word it is said of (a few only: a flood of them adds nothing)."""
    out: list[tuple[int, int]] = []
    for i, w in enumerate(low):
        if w in figs.ambient_units:
            if not (i > 0 and doc[i - 1].is_digit):
                continue
            if not any(x in figs.ambient_places for x in low[i + 1 : i + 3]):
                continue  # "39 degrees" alone may be a fever; "30 degrees in there" is a room
        elif w not in states:
            continue
        j = i - 1
        while j >= 0 and (
            low[j] in figs.ambient_skip
            or low[j] in states
            or (low[j] in figs.ambient_units or doc[j].is_digit)
        ):
            j -= 1
        if j < 0 or is_person(j):
            continue  # "I'm boiling", "so hot and can't breathe": said of the writer
        if low[j] not in figs.ambient_subjects and not _thing_noun(low[j]):
            continue  # "shivery and hot": said with another state, of the same person
        out.append((i, j))
        if len(out) >= 3:
            break
    return out


def _another_sign(m: Match, ends: dict[str, tuple[int, int]]) -> bool:
    """Another sign than ``m``'s is counted outside ``m``'s words: ``ends`` holds,
    per sign, the first end and the last start of its matches (a flood of one
    sign costs no more)."""
    return any(
        first_end <= m.start or last_start >= m.end
        for sign, (first_end, last_start) in ends.items()
        if sign != m.sign
    )


def apply(
    figs: Figures,
    ctx: Context,
    doc: Doc,
    matches: list[Match],
    is_person: Any,
    subject: Any = None,
) -> None:
    """Mark counted signs above ``none`` used figuratively (status ``figurative``).

    Another sign counted in the message, apart from this one's words (and not
    the same sign said again), is a
    report context too ("the swelling got so big I can't breathe", "the pain
    was so bad I passed out")."""
    by_sign: dict[str, list[Match]] = {}
    for o in matches:
        if o.status == "counted":
            by_sign.setdefault(o.sign, []).append(o)
    ends = {
        sign: (min(o.end for o in found), max(o.start for o in found))
        for sign, found in by_sign.items()
    }
    for m in matches:
        if m.status != "counted" or rank(m.level) <= rank("none"):
            continue
        if _another_sign(m, ends):
            continue
        reason = why(figs, ctx, doc, m, is_person, subject)
        if reason:
            if reason.startswith(_MACHINE):  # a thing's sign is no symptom of a person
                ctx.figured.update(range(m.start, m.end))
            m.status = "figurative"
            m.note = f"(figurative: {reason}; no treatment, body part or other symptom named)"


def _quiet(ctx: Context, m: Match, skip: Iterable[int] = ()) -> bool:
    """No report context apart from the idiom's own body word (``skip``: the jaw of
    "my jaw hit the floor", the feet of "knocked me off my feet")."""
    if ctx.treated or ctx.parts - set(skip):
        return False
    own = set(m.words()) | set(skip)
    return not any(
        not m.start <= i < m.end and i not in own and i not in ctx.figured for i in ctx.symptoms
    )


def _idiom(figs: Figures, ctx: Context, doc: Doc, m: Match, is_person: Any, who: int | None) -> str:
    """An idiom whose sign words name no body here (section 18 of the data): a state said
    of a frame that is no body ("a blind spot in the plan", "blind when it comes to
    football"), a name or a wish ("dying to read Gone Girl"), a hyperbole of feeling with
    its trigger ("the prices give me a heart attack", "my jaw hit the floor at the
    quote"), a force ("the wind knocked me off my feet"), a power cut ("the blackout in
    Spain"), the weather blamed for breath in a question about the weather. Each only
    with no treatment, body part (but the idiom's own) or other symptom named."""
    low = ctx.low
    own = sorted(m.words())
    if not own:
        return ""
    reading = _Reading(figs, ctx, doc, low, m, own, is_person, who)
    readers = (
        _frame,
        _name_or_wish,
        _hyperbole,
        _amazement,
        _force,
        _outage,
        _weather_question,
        _flush,
    )
    for read in readers:
        reason = read(reading)
        if reason:
            return reason
    return ""


class _Reading(NamedTuple):
    """What every idiom reader of ``_idiom`` looks at: the figures, the message's
    context, its words, the sign, the sign's own word positions, who is a person,
    and the sign's bearer (a word position, or None)."""

    figs: Figures
    ctx: Context
    doc: Doc
    low: list[str]
    m: Match
    own: list[int]
    is_person: Any
    who: int | None


def _frame_noun(figs: Figures, ctx: Context, doc: Doc, low: list[str], i: int) -> int:
    """The first noun from ``i`` (past ``frame_skip`` and describing words, at most
    four words) if it names a frame that is no body: its first WordNet sense an act,
    a thought, a message, money... (``frame_classes``), not a body part, a function
    of the vocabulary or one of ``frame_not`` (the field of sight); else -1."""
    for j in range(i, min(len(low), i + 5)):
        w = low[j]
        if w in figs.frame_skip or not doc[j].is_alpha:
            if doc[j].is_alpha or w in ("'s", "s", "-"):
                continue
            return -1
        if wordnet.is_mainly_noun(w):
            if w in figs.frame_not or j in ctx.functions or j in ctx.parts or j in ctx.symptoms:
                return -1
            cls = wordnet.classes(w, 1)
            return j if cls and cls[0] in figs.frame_classes else -1
        if not wordnet.is_adjective(w) and not w.endswith("ing"):
            return -1
    return -1


def _frame(r: _Reading) -> str:
    """ "our budget has a blind spot: ...", "a blind spot in my moving plan", "I'm blind
    when it comes to politics": a sight word said of a frame (``frame_openers`` then a
    noun of ``frame_classes``), or the idiom "blind spot" opening a question about such
    a noun after a colon. "a blind spot in my vision", "blind in my left eye" stay."""
    figs, ctx, doc, low, m, own = r.figs, r.ctx, r.doc, r.low, r.m, r.own
    if m.sign not in figs.frame_signs or not _quiet(ctx, m):
        return ""
    words = {low[i] for i in own}
    if not words <= figs.frame_words:
        return ""
    end = own[-1] + 1
    phrase = " ".join(low[own[0] : end])
    for opener in figs.frame_openers:
        if tuple(low[end : end + len(opener)]) != opener:
            continue
        start = end + len(opener)
        if opener == (":",):
            if phrase not in figs.frame_phrases:
                continue
            stop = next((k for k in range(start, len(low)) if low[k] in (".", "!")), len(low))
            for k in range(start, stop):
                j = _frame_noun(figs, ctx, doc, low, k)
                if j >= 0 and j == k:
                    return f"an idiom said of a frame ('{doc[own[0]].text}: ... {doc[j].text}')"
            continue
        j = _frame_noun(figs, ctx, doc, low, start)
        if j >= 0:
            return f"a state said of a frame that is no body ('{phrase} ... {doc[j].text}')"
    return ""


def _name_or_wish(r: _Reading) -> str:
    """ "dying to read something like Gone Girl": a sign's word capitalised in the middle
    of a sentence with another capitalised word after it is part of a name (a title, a
    place); a sight function right after a wish ("dying to", "can't wait to") is what
    one wants to do, not how one sees. All-capitals messages are not read so."""
    figs, ctx, doc, low, m, own = r.figs, r.ctx, r.doc, r.low, r.m, r.own
    if m.sign not in figs.name_signs or not _quiet(ctx, m):
        return ""
    for i in own:
        tok = doc[i]
        if (
            i > 0
            and tok.is_title
            and tok.is_alpha
            and low[i] != "i"
            and doc[i - 1].text not in ".!?:;\"'“"
            and i + 1 < len(doc)
            and doc[i + 1].is_title
            and doc[i + 1].is_alpha
        ):
            return f"part of a name ('{tok.text} {doc[i + 1].text}')"
    first = own[0]
    if any(_phrases_at(low, [p], first - len(p)) for p in figs.wish_openers):
        return f"a wish, not how one sees ('... to {doc[first].text}')"
    return ""


def _skip_back(low: list[str], j: int, skip: frozenset[str]) -> int:
    while j >= 0 and low[j] in skip:
        j -= 1
    return j


def _hyperbole(r: _Reading) -> str:
    """ "the prices give me a heart attack", "the quote nearly gave me a heart attack":
    a thing (a noun of ``frame_classes`` or a sound, a phenomenon, an event) that
    "gives me" the sign; or "nearly had a heart attack at the bill" (a hedge and a
    trigger after), or at news told ("nearly fainted when I told her"). Never of a
    person ("my dad had a heart attack at the gym"), a medicine or a treatment."""
    figs, ctx, doc, low, m, is_person, who = r.figs, r.ctx, r.doc, r.low, r.m, r.is_person, r.who
    if m.sign not in figs.hyperbole_signs or not _quiet(ctx, m):
        return ""
    if who is not None and not is_person(who):
        return ""
    j = _skip_back(low, m.start - 1, frozenset({"a", "an", "the"}))
    if j >= 1 and low[j] in ("me", "us", "you") and low[j - 1] in figs.hyperbole_give:
        k = _skip_back(low, j - 2, figs.hyperbole_hedges)
        if k >= 0 and not is_person(k) and low[k] not in figs.overload_not:
            if wordnet.is_mainly_noun(low[k]):
                cls = wordnet.classes(low[k], 1)
                if cls and cls[0] not in (8, 18, 26, 27):
                    return f"a hyperbole of feeling ('{doc[k].text} {doc[j - 1].text} me ...')"
    hedged = any(low[i] in figs.hyperbole_hedges for i in range(max(0, m.start - 4), m.start))
    if hedged:
        for cause in figs.hyperbole_causes:
            if tuple(low[m.end : m.end + len(cause)]) == cause:
                n = _frame_noun(figs, ctx, doc, low, m.end + len(cause))
                if n >= 0 and low[n] not in figs.overload_not:
                    return f"a hyperbole of feeling at a trigger ('{doc[n].text}')"
        news = _news_after(figs, low, m.end)
        if news >= 0:
            return f"a hyperbole of feeling at news ('{doc[news].text}')"
    return ""


def _news_after(figs: Figures, low: list[str], end: int) -> int:
    """ "my mum nearly fainted WHEN I TOLD her": right after the sign one of
    ``hyperbole_openers``, then a person and one of ``hyperbole_news`` within three words:
    the news verb, or -1."""
    if end >= len(low) or low[end] not in figs.hyperbole_openers:
        return -1
    for j in range(end + 2, min(len(low), end + 4)):
        if low[j] in figs.hyperbole_news:
            return j
    return -1


def _amazement(r: _Reading) -> str:
    """ "my jaw hit the floor at the quote", "her jaw was on the floor": a fall said of
    a jaw (``amazement_parts``) is amazement, not a collapse ("I hit the floor and my
    jaw hurts": the jaw is not what fell)."""
    figs, ctx, doc, low, m = r.figs, r.ctx, r.doc, r.low, r.m
    if m.sign not in figs.amazement_signs:
        return ""
    j = _skip_back(low, m.start - 1, figs.machine_skip | figs.hyperbole_hedges)
    if j < 0 or low[j] not in figs.amazement_parts or not _quiet(ctx, m, [j]):
        return ""
    return f"amazement ('{doc[j].text} ... {doc[m.start : m.end].text}')"


def _force(r: _Reading) -> str:
    """ "the wind nearly knocked me off my feet", "the news swept her off her feet": a
    force or a surprise that moves a person, not weak legs ("I've been off my feet,
    my legs are weak" names no such verb)."""
    figs, ctx, doc, low, m = r.figs, r.ctx, r.doc, r.low, r.m
    if m.sign not in figs.force_signs:
        return ""
    j = m.start - 1
    if j >= 0 and low[j] in ("me", "him", "her", "us", "them"):
        j -= 1
    if j < 0 or low[j] not in figs.force_verbs:
        return ""
    if not _quiet(ctx, m, range(m.start, m.end)):
        return ""
    return f"a force or a surprise ('{doc[j].text} ... {doc[m.start : m.end].text}')"


def _outage(r: _Reading) -> str:
    """ "the blackout in Spain", "a power blackout": a blackout of a grid or a place (a
    power word in the message, or "the blackout in" a capitalised place), not a
    faint ("I had a blackout", "my blackout after the session" stay)."""
    figs, ctx, doc, low, m, own, is_person = r.figs, r.ctx, r.doc, r.low, r.m, r.own, r.is_person
    if m.sign not in figs.outage_signs or len(own) != 1 or low[own[0]] not in figs.outage_words:
        return ""
    if not _quiet(ctx, m):
        return ""
    i = own[0]
    if i > 0 and (is_person(i - 1) or low[i - 1] in ("my", "his", "her", "a")):
        if not (i > 0 and low[i - 1] in figs.outage_power):
            return ""
    power = next((k for k, w in enumerate(low) if w in figs.outage_power and k != i), -1)
    if power >= 0:
        return f"a power cut ('{doc[power].text}')"
    if (
        i > 0
        and low[i - 1] == "the"
        and i + 2 < len(doc)
        and low[i + 1] == "in"
        and doc[i + 2].is_title
        and doc[i + 2].is_alpha
    ):
        return f"a power cut in a place ('{doc[i + 2].text}')"
    return ""


def _weather_question(r: _Reading) -> str:
    """ "can't breathe in this heat, when does the heatwave break": breath blamed on the
    weather in a message that asks when the weather changes (a question opener of
    ``weather_questions`` and a weather noun in the same clause). "I can't breathe, is
    it the heat?" (asks about the cause) and a worry asked keep their alarm."""
    figs, ctx, doc, low, m, own, who = r.figs, r.ctx, r.doc, r.low, r.m, r.own, r.who
    if m.sign not in figs.weather_signs or not _quiet(ctx, m):
        return ""
    if who is not None and low[who] not in figs.ambient_people:
        return ""
    if any(low[i] in figs.ambient_never for i in own):
        return ""
    if any(_phrases_at(low, figs.concern_phrases, i) for i in range(len(low))):
        return ""
    blamed = any(w in figs.weather_nouns for k, w in enumerate(low) if k < m.start or k >= m.end)
    if not blamed:
        return ""
    for i in range(m.end, len(low)):
        if not any(_phrases_at(low, [q], i) for q in figs.weather_questions):
            continue
        if i > 0 and low[i - 1] not in (",", ".", ";", "-", "?", "!", "so", "and", "but"):
            continue
        stop = next((k for k in range(i, len(low)) if low[k] in ",.;?!"), len(low))
        noun = next((k for k in range(i, stop) if low[k] in figs.weather_nouns), -1)
        if noun >= 0:
            return f"the weather asked about ('{doc[i].text} ... {doc[noun].text}')"
    return ""


def _flush(r: _Reading) -> str:
    """ "my partner's face went purple trying it 😂", "his face went purple 😂": the whole
    face changing colour told with a laugh (``laughter``, or a soft laugh at something
    named) is a flush of feeling or effort told for fun, in a message that names no
    treatment, no other body part and no other symptom. A part of the face ("his lips
    went blue lol"), a worry asked, or anything else named keeps the alarm."""
    figs, ctx, doc, low, m, own = r.figs, r.ctx, r.doc, r.low, r.m, r.own
    if m.sign not in figs.flush_signs:
        return ""
    if ctx.laugh:
        faces = [i for i in own if low[i] in figs.flush_parts]
        if faces and _quiet(ctx, m, faces):
            return f"a flush told with a laugh ('{doc[m.start : m.end].text}', '{ctx.laugh}')"
    occasion = _flush_occasion(figs, doc, low, m)
    if not occasion or ctx.function_names & figs.flush_other_functions:
        return ""  # "... when he cries and then stops BREATHING" keeps its alarm
    # the face in the sign's words or right after them: "goes purple IN THE FACE"
    near = list(own) + list(range(m.end, min(len(low), m.end + 3)))
    faces = [i for i in near if low[i] in figs.flush_parts]
    if not faces or not _quiet(ctx, m, faces):
        return ""
    return f"a flush told with its occasion ('{doc[m.start : m.end].text}', '{occasion}')"


def _flush_occasion(figs: Figures, doc: Doc, low: list[str], m: Match) -> str:
    """ "... goes purple in the face WHEN HE LOSES": a word of ``flush_whens`` after the sign
    in its sentence, then within four words a moment of temper, shame or effort
    (``flush_occasions``), what the person is doing right after the face ("... in the face
    BANGING on the wall", "... from shouting": ``flush_doings``), or the feeling told right
    after (``flush_feelings``: "... went white, she was MORTIFIED"); the words, or ""."""
    span = _sentence_span(doc, m.start, m.end)
    k = m.end
    if low[k : k + 3] == ["in", "the", "face"]:
        k += 3  # "purple IN THE FACE banging"
    if k < span.stop and low[k] == "from":
        k += 1
    if k < span.stop and low[k] in figs.flush_doings:
        return str(doc[m.end : k + 1].text)
    # the person's feeling told right after, in the same sentence: "her face went white,
    # SHE WAS MORTIFIED" (within six words of the sign)
    for k in range(m.end, min(span.stop, m.end + 7)):
        if low[k] in figs.flush_feelings:
            return str(doc[m.end : k + 1].text)
    for k in range(m.end, span.stop):
        if low[k] not in figs.flush_whens:
            continue
        for j in range(k + 1, min(span.stop, k + 5)):
            if low[j] in figs.flush_occasions:
                return str(doc[k : j + 1].text)
    return ""
