"""One step: who is the message written to? (data: the ``addressee`` section of
``knowledge/triage_subjects.yml``, the file a clinician reads for it).

A message written to another business (a hotel, a cab firm, a shop, a
plumber, an airline, an event) about its rooms, rides, products, staff or
service is not a report after the clinic's treatment. Its signs above the
expected effects are not counted (status ``other_business``, with the cue
for staff) when the message says it is written to one, by one of:

* the second person owning a business, its place, vehicle or staff ("your
  hotel", "ur cab", "your plumbers", "your event security");
* "you" as the one who sold or served a thing named just before ("the lenses
  you put in my frames", "the webcam I ordered from you");
* a customer-service act or a fault, with a business or a product named ("can
  I exchange it" and a strap; "send maintenance" and a hotel suite; "the AC in
  the rental car doesn't work");
* an order of a product ("the robot vacuum I ordered"), a thing bought at a
  business ("bought at the barbershop");
* a question to a business about what it does ("does the driving school have
  ...");
* a tradesman's work on a thing named before "you" ("the heating you fixed"),
  a place the one addressed lets ("your flat"), a scheduled service with a
  fault ("the heating on your 7:15 was broken").

It never acts when the message names the clinic's treatment or the clinic
(the vocabulary's treatment anchors: injection, session, booster,
appointment...; the ``clinic_words``: its practitioner, reception, invoice,
serum...; a ``shared_places`` word such as "salon" unless another business's
own treatment is named, "the dye at your salon"), nor when a health service is
named (a pharmacy, a hospital). An anchor that is only a time ("on day one":
time since anything), one inside a sign's state ("pins and needles") or one right
after another business's treatment ("the keratin treatment") does not name
the treatment. A ``keep_signs`` sign (an allergic or airway reaction) counts
whoever the message is written to unless the message tells it as over ("he's
ok now", "she had to use her epipen") with nothing going on; and a message
that tells a reaction with breathing or throat trouble now keeps every sign.

A business named as a place alone ("I'm at the hotel and can't see") is not
an addressee. What a noun names comes from the word lists and WordNet (a kind
of shop, business, public transport or tradesman; an artifact for a product);
without WordNet only the lists are read. Called once from ``assess``, after ``subject``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot import config
from bot.levels import rank
from bot.triage import wordnet
from bot.triage.match import Doc, Match, Spans
from bot.triage.rules import ASK
from bot.triage.subject import SUBJECTS_PATH, Subjects, load_subjects

STATUS = "other_business"
BODY = 8  # WordNet class: body (one home: cause.py reads these too)
PERSON = 18  # WordNet class: person
ARTIFACT = 6  # WordNet class: a made thing
_JOINERS = frozenset({"and", "but", "then", "so", "because", "cos", "when", "while"})
_RELATIVE = frozenset({"that", "which", "thats", "that's"})
_BEFORE_CAUSE = frozenset({4, 7, PERSON})  # "bleach" is first a colour, "trainers" people
_BEFORE_ARTIFACT = frozenset({4, 10})  # an act, a communication: "grips", "pedal"
#: the marks that end a sentence, and those that end a clause (cause.py's walks stop there)
SENTENCE_END = frozenset({".", "!", "?"})
CLAUSE_STOP = frozenset({",", ";", ":", ".", "!", "?", "(", ")", '"'})
_STOP = CLAUSE_STOP | {"-"}  # here a dash too: a name, a dash, the message
# words of a place before a name ("at the Grand Hotel"): a place alone, no addressee
_PLACE_WORDS = frozenset(
    {"at", "in", "inside", "outside", "near", "into", "to", "from", "by", "around", "behind", "of"}
)
_NP_WORDS = 4  # how far a noun phrase after "your" is read ("your furniture shop's delivery guy")


@dataclass(frozen=True)
class Addressees:
    """The ``addressee`` lists of ``knowledge/triage_subjects.yml``, checked."""

    clinic_words: frozenset[str]
    shared_places: frozenset[str]
    other_treatments: frozenset[str]
    health_words: frozenset[str]
    neutral_things: frozenset[str]
    not_handled: frozenset[str]
    load_gerunds: frozenset[str]
    business_words: frozenset[str]
    generic_business: frozenset[str]
    business_kinds: frozenset[str]
    second_owners: frozenset[str]
    owned_places: frozenset[str]
    you_words: frozenset[tuple[str, ...]]
    you_served: frozenset[str]
    trade_verbs: frozenset[str]
    from_you: frozenset[str]
    service_verbs: frozenset[str]
    service_objects: frozenset[str]
    service_words: frozenset[tuple[str, ...]]
    fault_words: frozenset[tuple[str, ...]]
    order_words: frozenset[str]
    bought_words: frozenset[str]
    bought_joiners: frozenset[str]
    asking_words: frozenset[str]
    product_classes: frozenset[int]
    not_product_kinds: frozenset[str]
    keep_signs: frozenset[str]
    over_words: frozenset[tuple[str, ...]]
    ongoing_words: frozenset[tuple[str, ...]]
    remedy_done: frozenset[tuple[str, ...]]
    remedies: frozenset[str]
    airway_signs: frozenset[str]
    pungent_causes: frozenset[str]
    pungent_states: frozenset[str]
    pungent_never: frozenset[str]
    reaction_words: frozenset[str]
    past_words: frozenset[str]
    name_joiners: frozenset[str]
    cause_classes: frozenset[int]
    not_names: frozenset[str]
    cause_verbs: frozenset[str]
    cause_skip: frozenset[str]
    seem_words: frozenset[str]
    own_causes: frozenset[str]
    it_words: frozenset[str]
    environment_states: frozenset[str]
    heat_states: frozenset[str]
    environment_signs: frozenset[str]
    after_degree_signs: frozenset[str]
    not_environment_words: frozenset[str]
    environment_classes: frozenset[int]
    light_states: frozenset[str]
    light_signs: frozenset[str]
    light_words: frozenset[str]
    cold_signs: frozenset[str]
    cold_parts: frozenset[str]
    cold_colour_signs: frozenset[str]
    cold_colours: frozenset[str]
    cold_waters: frozenset[str]
    cold_far_parts: frozenset[str]
    cold_far_colours: frozenset[str]
    cold_words: frozenset[str]
    heating_words: frozenset[str]
    heating_off: frozenset[str]
    side_words: frozenset[str]
    impact_verbs: frozenset[str]
    injury_signs: frozenset[str]
    injury_colours: frozenset[str]
    injury_colour_signs: frozenset[str]
    impact_surfaces: frozenset[str]
    blow_takers: frozenset[str]
    blow_words: frozenset[str]
    slip_verbs: frozenset[str]
    slip_signs: frozenset[str]
    slip_keeps: frozenset[str]
    greetings: frozenset[str]
    matter_classes: frozenset[int]
    verb_subjects: frozenset[str]
    not_name_classes: frozenset[int]
    departments: frozenset[tuple[str, ...]]
    business_roles: frozenset[tuple[str, ...]]


_CLASSES = {
    "product_classes",
    "cause_classes",
    "environment_classes",
    "matter_classes",
    "not_name_classes",
}
_PHRASES = {
    "you_words",
    "service_words",
    "fault_words",
    "over_words",
    "ongoing_words",
    "remedy_done",
    "departments",
    "business_roles",
}


def parse(data: dict[str, Any]) -> Addressees:
    """The checked lists of the ``addressee`` section; a wrong entry raises ``ValueError``."""
    section = data.get("addressee") or {}
    if not isinstance(section, dict):
        raise ValueError("triage_subjects.addressee: expected a mapping of lists")
    values: dict[str, Any] = {}
    for name in Addressees.__dataclass_fields__:
        value = section.get(name) or []
        if not isinstance(value, list):
            raise ValueError(f"triage_subjects.addressee.{name}: expected a list")
        if name in _CLASSES:
            if not all(isinstance(v, int) and 3 <= v <= 45 for v in value):
                raise ValueError(f"triage_subjects.addressee.{name}: expected WordNet classes")
            values[name] = frozenset(value)
            continue
        words = [str(v).lower() for v in value]
        if name in _PHRASES:
            values[name] = frozenset(tuple(w.split()) for w in words)
        else:
            values[name] = frozenset(words)
    return Addressees(**values)


@functools.lru_cache(maxsize=2)
def load(path: str | None = None) -> Addressees:
    with open(Path(path) if path else SUBJECTS_PATH, encoding="utf-8") as f:
        return parse(yaml.safe_load(f) or {})


def apply(
    data: Addressees,
    doc: Doc,
    found: Spans,
    matches: list[Match],
    subj: Subjects | None = None,
    verdict: Callable[[], str | None] | None = None,
) -> None:
    """Mark counted signs above ``none`` of a message written to another business.

    ``verdict`` gives ``written_elsewhere`` for this message (the caller's, read
    once and kept, since the caller needs it too); by default it is read here.
    """
    subj = subj or load_subjects()
    counted = [
        m
        for m in matches
        if m.status == "counted" and (m.level == ASK or rank(m.level) > rank("none"))
    ]
    if _reaction_told(data, doc, matches) and any(
        m.sign in data.airway_signs and not _told_in_past(data, doc, m) for m in counted
    ):
        return  # a reaction with breathing or throat trouble now, whoever is addressed
    over = _told_as_over(data, doc, counted)
    alarms = [
        m
        for m in counted
        if over
        or (m.sign not in data.keep_signs and (m.base is None or m.base not in data.keep_signs))
    ]
    if not alarms:
        return
    cue = verdict() if verdict else written_elsewhere(data, doc, found, matches, subj)
    if cue is None:
        return
    name_alone = cue.endswith(CALLED_BY_NAME_ALONE)
    for m in alarms:
        if name_alone and not over and rank(m.level) >= rank("emergency"):
            # a name alone at the start may be a person's, a practitioner's surname
            # ("Greenfield, I fainted and my vision is dark"): an emergency stands
            continue
        if not over and _own_body_apart(data, doc, m, subj):
            # "... could you refund the double charge? ... Now there's a crushing pain
            # in my chest": a sign of the writer's own body in a sentence of its own
            continue
        m.status = STATUS
        m.note = f"(written to another business: {cue})"


def _own_body_apart(data: Addressees, doc: Doc, m: Match, subj: Subjects) -> bool:
    """The sign is told of the writer's own body part ("MY CHEST", "the middle of my
    chest") in a sentence that names no business, no product and nothing of the one
    addressed ("your", a place let): a customer matter told in another sentence does
    not make it one ("the card reader charged me twice. ... my chest feels crushed").
    A complaint whose product caused the sign in the same sentence ("the spray your
    cleaner used made my eyes stream") keeps its reading."""
    words, spans = _surface(doc)
    n = len(words)
    if not n:
        return False
    first = next((k for k, (a, b) in enumerate(spans) if b > m.start), n - 1)
    last = next((k for k, (a, b) in enumerate(spans) if b >= m.end), n - 1)
    a = first
    while a > 0 and words[a - 1] not in SENTENCE_END:
        a -= 1
    b = last + 1
    while b < n and words[b - 1] not in SENTENCE_END:
        b += 1
    plain = (
        subj.skip_words | subj.verb_before | subj.time_words | subj.sign_words | subj.person_words
    )
    own = False
    for k in range(a, b):
        w = words[k]
        if w in data.second_owners or w in data.owned_places:
            return False  # "your ...": the one addressed is named here
        if w in plain or _body_place(words, k):
            continue
        if _is_business(data, w) or _is_product(data, w) or _is_cause(data, w):
            return False
        if BODY in wordnet.classes(w, 1)[:1] and any(
            words[j] in _OWN for j in range(max(a, k - 3), k)
        ):
            own = True  # "my chest", "my left arm"
    return own


_OWN = frozenset({"my"})
_OF_BODY_DETS = frozenset({"my", "the", "his", "her", "our", "their", "your", "ur"})


def _body_place(words: list[str], k: int) -> bool:
    """A place in the body at ``k``: a word before "of" and a body part ("the MIDDLE of
    my chest", "the side of her face"), never a business or a product."""
    j = k + 1
    if j >= len(words) or words[j] != "of":
        return False
    j += 1
    if j < len(words) and words[j] in _OF_BODY_DETS:
        j += 1
    return j < len(words) and BODY in wordnet.classes(words[j], 1)[:1]


def _told_as_over(data: Addressees, doc: Doc, counted: list[Match]) -> bool:
    """The message tells a reaction as over ("he's ok now", a remedy told as done:
    "she had to use her epipen"), tells nothing as going on ("still") and no airway
    sign (breathing or throat trouble may be happening now)."""
    if any(m.sign in data.airway_signs or m.base in data.airway_signs for m in counted):
        return False
    words = _surface(doc)[0]
    if any(_ongoing_at(words, i, data) for i in range(len(words))):
        return False  # "... but it's still swelling"
    for i in range(len(words)):
        if _phrase_at(words, i, data.over_words):
            return True  # "he's ok now"
        done = _phrase_at(words, i, data.remedy_done)
        if done and any(w in data.remedies for w in words[i + done : i + done + 4]):
            return True  # "she had to use her epipen"
    return False


def _ongoing_at(words: list[str], i: int, data: Addressees) -> bool:
    """A word telling a state as going on at ``i``; "still" before a verb in the past
    is "even so" ("the dish STILL HAD sesame in it", "her neck still came up in a rash")."""
    if not _phrase_at(words, i, data.ongoing_words):
        return False
    if words[i] == "still" and i + 1 < len(words) and _is_past(words[i + 1]):
        return False
    return True


def _is_past(word: str) -> bool:
    """A verb's past form ("had", "came", "reacted"), not one describing a state
    ("swollen", "inflamed", "red": never a word that may be an adjective)."""
    if word in {"had", "did"}:
        return True
    if not word.isalpha() or wordnet.is_adjective(word) or wordnet.in_adjective_index(word):
        return False
    if any(word in forms for forms in wordnet.past_forms().values()):
        return True
    return word.endswith("ed") and (
        wordnet.is_lemma(word[:-2], verbs=True) or wordnet.is_lemma(word[:-1], verbs=True)
    )


def _reaction_told(data: Addressees, doc: Doc, matches: list[Match]) -> bool:
    """An allergic reaction is told: a sign kept for any addressee, or a word of one
    ("nuts in his food, he had to use his EPIPEN")."""
    if any(m.sign in data.keep_signs or m.base in data.keep_signs for m in matches):
        return True
    return any(w in data.reaction_words for w in _surface(doc)[0])


def _told_in_past(data: Addressees, doc: Doc, m: Match) -> bool:
    """The sign's clause is told in the past ("I COULD hardly breathe the whole ride"),
    not now ("he still can't breathe properly")."""
    words, spans = _surface(doc)
    first = next((k for k, (a, b) in enumerate(spans) if b > m.start), len(words))
    last = next((k for k, (a, b) in enumerate(spans) if b >= m.end), len(words) - 1)
    said = set(words[first : last + 1])
    k = first - 1
    while k >= 0 and words[k] not in _STOP and words[k] not in _JOINERS:
        said.add(words[k])
        k -= 1
    return bool(said & data.past_words)


def written_elsewhere(
    data: Addressees, doc: Doc, found: Spans, matches: list[Match], subj: Subjects | None = None
) -> str | None:
    """The cue that the whole message is written to another business ("your salon"),
    whatever signs it has; None when it names the clinic or its treatment, or no
    business. The intent classifier reads no addressee: its report on such a
    message ("my hair feels like straw after the keratin at your salon") is not one."""
    subj = subj or load_subjects()
    if _names_clinic(data, doc, found, matches, subj):
        return None
    return written_to_business(data, doc, subj)


def _names_clinic(
    data: Addressees, doc: Doc, found: Spans, matches: list[Match], subj: Subjects
) -> bool:
    """The treatment, the clinic, its own things, or a health service is named.

    Not the treatment: an anchor that is only a time ("on day one", "after one
    day": time since anything), one inside a pair's state ("pins and NEEDLES in
    my feet"), or one right after another business's treatment ("the keratin
    TREATMENT"); with such a treatment named, a `shared_places` word ("your
    salon") is that business, not the clinic."""
    words = [t.lower_ for t in doc]
    # a pair's state words ("pins and needles" said of the feet); never a phrase or a
    # pair's function, which may be the treatment's site ("the injection points")
    states = {i for m in matches if m.key for i in range(*m.key)}
    for a, b in found.get("ANCHOR|treatment", []):
        said = words[a:b]
        if all(w in subj.time_words or w.isdigit() for w in said):
            continue  # a time alone: "day one", "3 days after"
        if all(i in states for i in range(a, b)):
            continue  # "pins and needles in my feet": a sensation's own words
        if a > 0 and words[a - 1] in data.other_treatments:
            continue  # "the keratin treatment": another business's own
        return True
    surface = _surface(doc)[0]
    keep = data.clinic_words | data.health_words
    if not any(w in data.other_treatments for w in surface):
        keep = keep | data.shared_places
    return any(w in keep for w in surface)


def written_to_business(data: Addressees, doc: Doc, subj: Subjects) -> str | None:
    """The words that show the message is written to another business, or None.

    ``subj``: the subject step's lists (its person, function and sign words are
    never a business or a product)."""
    words, spans = _surface(doc)
    n = len(words)
    plain = (
        subj.skip_words | subj.verb_before | subj.time_words | subj.sign_words | subj.person_words
    )

    def text(a: int, b: int) -> str:
        a, b = max(0, a), min(n, b)
        return str(doc[spans[a][0] : spans[b - 1][1]].text) if a < b else ""

    between = subj.placement_words | subj.about_words | subj.cause_words | data.bought_joiners
    # "the middle of my chest": a place in the body, no product and no business
    body_place = {i for i in range(n) if _body_place(words, i)}
    products = [
        i
        for i in range(n)
        if words[i] not in plain and i not in body_place and _is_product(data, words[i])
    ]
    # a thing named just before a business ("the grips from your shop") may be an
    # artifact by its second sense too ("grip" is first an act)
    loose = [
        i
        for i in range(n)
        if words[i] not in plain and i not in body_place and _is_product(data, words[i], loose=True)
    ]
    foreign = any(w in data.other_treatments for w in words)  # "the dye at your salon"
    business = [
        i
        for i in range(n)
        if words[i] not in plain
        and i not in body_place
        and (_is_business(data, words[i]) or (foreign and words[i] in data.shared_places))
        and (
            words[i] not in data.generic_business
            or any(k != i for k in products)
            or any(i - 4 <= k < i for k in loose)
        )
    ]
    sentence = [0] * n
    for i in range(1, n):
        sentence[i] = sentence[i - 1] + (words[i - 1] in SENTENCE_END)
    named = _named_business(data, doc, words, spans, sentence, plain, business)
    if named:
        return named
    called = _called_by_name(data, doc, words, spans, sentence, plain, business, subj.verb_before)
    if called:
        return called
    for i, w in enumerate(words):
        if w in data.second_owners:  # "your hotel", "your furniture shop"
            for j in range(i + 1, min(n, i + 1 + _NP_WORDS)):
                if words[j] in _STOP or words[j] in plain or words[j] in between:
                    break  # "your message about the hotel": the noun phrase ends
                if j in business or words[j] in data.owned_places:
                    return f"'{text(i, j + 1)}'"
    for i in range(n):
        you = _phrase_at(words, i, data.you_words)
        if not you:
            continue
        before = words[i - 1] if i else ""
        # "the lenses you put in ...", "the shirt you dry cleaned": the thing sold or
        # served just before "you" (a word may come between: "you just fitted")
        served = [k for k in (i + you, i + you + 1) if k < n and words[k] in data.you_served]
        if served and _thing_before(i, products + business):
            return f"'{text(max(0, i - 2), served[0] + 1)}'"
        # "the heating you fixed": a tradesman's work on a thing named before "you"
        trade = [k for k in served if words[k] in data.trade_verbs]
        if trade and i >= 2 and _named_thing(data, words[i - 1], plain):
            return f"'{text(max(0, i - 2), trade[0] + 1)}'"
        # "ordered from you", "bought it from u", "the kettle from you", "the headset that
        # came with my phone from you": a purchase, or a product just before "from" or
        # heading a relative clause ("the drive home from you" is a way back from the clinic)
        if before in data.from_you and (
            any(words[k] in data.order_words | data.bought_words for k in range(max(0, i - 5), i))
            or any(
                k in products and (k == i - 2 or words[k + 1] in _RELATIVE)
                for k in _clause_back(words, i - 1, 8)
            )
        ):
            return f"'{text(max(0, i - 3), i + you)}'"
    if business or products:
        for i in range(n):
            act = _service_at(data, words, i)
            if act:
                thing = words[(business or products)[0]]
                return f"'{text(i, i + act)}' about '{thing}'"
    for i in range(n):
        act = _phrase_at(words, i, data.fault_words)
        if not act or _said_of_person_or_sign(words, i, subj):
            continue
        # "the heating on your 7:15 was broken": a scheduled train, bus or flight ("I'm
        # your 2:30" alone is a booking at the clinic)
        timed = [
            k + 1
            for k in range(n - 1)
            if words[k] in data.second_owners and _clock_time(words[k + 1])
        ]
        near = [k for k in business + timed if sentence[k] == sentence[i]]
        if near:
            return f"'{text(i, i + act)}' about '{words[near[0]]}'"
    for i, w in enumerate(words):
        # "the robot vacuum I ordered": a product ordered, told as the topic ("I ordered a
        # taxi and now I can't see" is told of the writer)
        if (
            w in data.order_words
            and i >= 2
            and words[i - 1] in subj.person_words
            and any(i - 4 <= k < i - 1 for k in products)
        ):
            return f"an order ('{text(i, i + 1)}')"
        # "bought it at your barbershop", "the duvet from the dry cleaner" (a thing AT a
        # business is only where it stands: "the sofa at the hotel")
        if w in data.bought_words or i in loose:
            reach, joiners = (5, data.bought_joiners) if w in data.bought_words else (2, {"from"})
            for j in range(i + 1, min(n, i + reach)):
                if words[j] in _STOP:
                    break
                if words[j] in joiners and any(j < k <= j + 3 for k in business):
                    return f"'{text(i, j + 2)}...'"
        # "does the driving school have ...?"
        if w in data.asking_words and i + 1 < n and words[i + 1] in {"the", "your", "ur"}:
            if any(i + 1 < k <= i + 3 for k in business):
                return f"a question to '{text(i + 1, i + 4)}'"
    return None


def _named_business(
    data: Addressees,
    doc: Doc,
    words: list[str],
    spans: list[tuple[int, int]],
    sentence: list[int],
    plain: frozenset[str],
    business: list[int],
) -> str | None:
    """A business named by its own name: a thing (a product, a food, a substance) or a
    business word just before "at", "from" or "by" and a proper name ("the spray AT
    Iron Temple", "the driver from ZoomRide"), or a proper name right before a business
    word or a product ("the Harbourview hotel", "my Glimmer sofa"), or a run of nouns
    ending in a product ("the Cosyfen sleeping bag")."""
    n = len(words)
    name = [
        words[k] not in plain and _is_name(data, doc, words, spans, sentence, k) for k in range(n)
    ]

    def thing(k: int) -> bool:
        w = words[k]
        if w in plain or w in _STOP or k in business:
            return k in business
        return _is_cause(data, w)

    def said(a: int, b: int) -> str:
        return str(doc[spans[a][0] : spans[b - 1][1]].text)

    for i, w in enumerate(words):
        if w not in data.name_joiners:
            continue
        j = i + 1 + (i + 1 < n and words[i + 1] == "the")
        if j < n and name[j] and any(thing(k) for k in _clause_back(words, i, 3)):
            end = j + 1
            while end < n and name[end]:
                end += 1
            return f"'{said(max(0, i - 2), end)}' (a business by its name)"
    for k in range(1, n):
        # a name whose last word is a business word, itself capitalised ("Motorwise
        # Insurance still hasn't called"): one proper name before it is enough, never
        # after a word of place ("I fainted AT the Grand Hotel": a place alone)
        if name[k] and k in business and name[k - 1]:
            a = k - 1
            while a > 0 and name[a - 1]:
                a -= 1
            if not _after_place(words, a):
                return f"'{said(a, k + 1)}' (a business by its name)"
    for k in range(n - 1):
        if not name[k] or name[k + 1]:
            continue
        if _after_place(words, k):
            continue  # "I fainted AT the Brightmere hotel": a place alone, no addressee
        # the name before a business word or a product, or a run of nouns ending in a
        # product ("my Sleepio memory foam mattress")
        for j in range(k + 1, min(n, k + 4)):
            after = words[j]
            if after in plain or after in _STOP:
                break
            if (j in business or after in data.owned_places or _is_product(data, after)) and (
                j == k + 1 or _is_product(data, after)
            ):
                return f"'{said(k, j + 1)}' (a business by its name)"
            if not wordnet.is_mainly_noun(after) or name[j]:
                break
    return None


def _after_place(words: list[str], k: int) -> bool:
    """The name starting at ``k`` follows a word of place, over "the" ("AT the Grand
    Hotel", "IN Seabrook apartments"): it names where something happened."""
    p = k - 1 - (k > 0 and words[k - 1] == "the")
    return p >= 0 and words[p] in _PLACE_WORDS


CALLED_BY_NAME = "(a business called by its name)"
# a name alone, no business word in it ("Oakfield, ..."): it may be a person's
CALLED_BY_NAME_ALONE = "(a name called at the start)"
_CALL_MARKS = frozenset({",", "-", ":", "–", "—"})
_NAME_WORDS = 3  # how many words a business's name may have ("Tumbletown Toys")


def _called_by_name(
    data: Addressees,
    doc: Doc,
    words: list[str],
    spans: list[tuple[int, int]],
    sentence: list[int],
    plain: frozenset[str],
    business: list[int],
    verb_before: frozenset[str],
) -> str | None:
    """A business called by its name at the message's start, before a comma or a dash
    ("Brightwater, my son ...", "Hi Harbourlight Hotel, ...", "Parkview - the flat
    upstairs ..."), when the rest tells a customer matter (a thing, a food, a
    substance, a place or a phenomenon, a thing named by its brand, a business,
    "your", an order or a customer-service act: "not what I ordered", "a refund").

    A business's name: a word made of two dictionary words ("Greystone", "Trail-
    head" as a place), a word with a capital inside ("PixelPoint"), or two or
    three capitalised words ending in a noun ("Saffron Lane", "Tumbletown Toys");
    never a person's name (WordNet: a person; "Sarah, ..."), a word of the clinic, of
    its own name (the clinic file's ``name``) or of a sign, a calendar name or a
    greeting."""
    n = len(words)
    a = 0
    while a < n and words[a] in data.greetings:
        a += 1
    # "To THE MANAGER OF Trattoria X:": a role in a business, the name after it
    role = _phrase_at(words, a, data.business_roles)
    a += role
    b = a
    while b < n and b - a <= _NAME_WORDS + 2 and words[b] not in _CALL_MARKS:
        b += 1
    if b >= n - 1 or words[b] not in _CALL_MARKS:
        return None
    # "To Corvair CUSTOMER RELATIONS:": a business's department after its name
    dept = next(
        (k for k in range(b - 1, a, -1) if _phrase_at(words, k, data.departments) == b - k), b
    )
    if not a < dept <= a + _NAME_WORDS:
        return None
    office = bool(role) or dept < b
    cue = f"'{str(doc[spans[a - role][0] : spans[b - 1][1]].text)}'"
    b = dept
    raws = [str(doc[spans[k][0] : spans[k][1]].text) for k in range(a, b)]
    said = words[a:b]
    if not all(r[:1].isupper() and r.replace("&", "").replace("'", "").isalpha() for r in raws):
        return None
    own = _clinic_name()
    if any(
        w in plain
        or w in data.not_names
        or w in data.clinic_words
        or w in data.health_words
        or w in own
        for w in said
    ):
        return None
    if any(
        "person" in _kinds(w) or (wordnet.classes(w, 1) or (0,))[0] in data.not_name_classes
        for w in said
    ):
        return None
    invented = any(
        _compound(w) or any(c.isupper() for c in r[1:]) for w, r in zip(said, raws, strict=True)
    )
    named = invented or (len(said) > 1 and wordnet.is_mainly_noun(said[-1]))
    if not named and not office:
        return None
    rest = range(b + 1, n)
    subj_verbs = data.verb_subjects | verb_before
    if not any(
        k in business
        or words[k] in data.second_owners
        or words[k] in data.owned_places
        or words[k] in data.order_words | data.bought_words
        or _service_at(data, words, k)
        or (
            words[k] not in plain
            and _is_matter(data, words[k])
            and not (k and words[k - 1] in subj_verbs)  # "I can't SEE", "I SAW"
        )
        or _branded(data, doc, words, spans, sentence, plain, k)
        for k in rest
    ):
        return None
    if office or any(k in business for k in range(a, b)):  # "Hi Harbourlight Hotel, ..."
        return f"{cue} {CALLED_BY_NAME}"
    return f"{cue} {CALLED_BY_NAME_ALONE}"


@functools.cache
def _clinic_name() -> frozenset[str]:
    """The words of the clinic's own name (``CLINIC_CONFIG``'s ``name``): a patient may
    call the clinic by it ("Rosewood, my lip went white")."""
    name = str(config.clinic().get("name") or "")
    return frozenset("".join(c if c.isalnum() else " " for c in name.lower()).split())


def _branded(
    data: Addressees,
    doc: Doc,
    words: list[str],
    spans: list[tuple[int, int]],
    sentence: list[int],
    plain: frozenset[str],
    k: int,
) -> bool:
    """A thing named by its brand at ``k``: a proper name before a noun ("the Zenith
    slide", "my Glowpad charger")."""
    if k + 1 >= len(words) or words[k] in plain or words[k + 1] in plain:
        return False
    if not _is_name(data, doc, words, spans, sentence, k) or not words[k + 1].isalpha():
        return False
    return wordnet.is_mainly_noun(words[k + 1]) and BODY not in wordnet.classes(words[k + 1], 1)


def _compound(word: str) -> bool:
    """A word made of two dictionary words of three letters or more ("brightwater",
    "trailhead"), itself no dictionary word or a noun of a thing or a place."""
    if not word.isalpha() or len(word) < 6:
        return False
    if wordnet.is_dictionary_word(word):
        senses = wordnet.classes(word, 1)
        if not senses or senses[0] not in (6, 15, 17):
            return False
    return any(
        _part(word[:i]) and _part(word[i:]) for i in range(3, len(word) - 2)
    )  # "Annabelle" is no business: a belle is a person


def _part(word: str) -> bool:
    """A dictionary word that is no person (a part of a business's made-up name)."""
    return wordnet.is_dictionary_word(word) and PERSON not in wordnet.classes(word, 1)


def _is_matter(data: Addressees, word: str) -> bool:
    """A noun of a customer matter: one of its two first WordNet senses a thing, a food, a
    substance, a place or a phenomenon (``matter_classes``), not the clinic's."""
    if not word.isalpha() or len(word) < 3 or not wordnet.is_mainly_noun(word):
        return False
    if word in data.clinic_words or word in data.health_words or word in data.own_causes:
        return False
    senses = wordnet.classes(word, 2)  # "a gas hob": gas is first a state, a hob an elf
    return bool(senses) and senses[0] != BODY and bool(set(senses) & data.matter_classes)


def _is_name(
    data: Addressees,
    doc: Doc,
    words: list[str],
    spans: list[tuple[int, int]],
    sentence: list[int],
    k: int,
) -> bool:
    """A word written as a proper name: a capital first letter and a small one after
    (not "I", not a shouted "NUT"), not a calendar name; at the start of a sentence
    only when it is no dictionary word ("Zoomly driver", not "Taxi driver")."""
    raw = str(doc[spans[k][0] : spans[k][1]].text)
    if len(raw) < 2 or not raw[0].isupper() or not any(c.islower() for c in raw[1:]):
        return False
    if words[k] in data.not_names or not words[k].replace("&", "").isalnum():
        return False
    first = k == 0 or sentence[k] != sentence[k - 1]
    return not first or not wordnet.is_dictionary_word(words[k])


def _is_cause(data: Addressees, word: str) -> bool:
    """A made thing, a food or a substance (one of ``cause_classes`` first in WordNet,
    or second after a person, an act or an attribute: "trainers", "a jumper", "bleach"):
    not the clinic's, not a body part, a medicine or a cosmetic."""
    if not word.isalpha() or len(word) < 3:
        return False
    if word in data.clinic_words or word in data.health_words or word in data.neutral_things:
        return False
    senses = wordnet.classes(word, 2)
    if not senses or BODY in senses[:1]:
        return False
    first = senses[0] if senses[0] not in _BEFORE_CAUSE or len(senses) < 2 else senses[1]
    return first in data.cause_classes and not (_kinds(word) & data.not_product_kinds)


def _surface(doc: Doc) -> tuple[list[str], list[tuple[int, int]]]:
    """The words as written, a contraction or a hyphenated word joined again ("does"
    "nt" -> "doesnt", "ca" "n't" -> "can't", "check" "-" "in" -> "check-in"), with the
    tokens each covers. Read once per message (kept in the doc's ``user_data``; the
    steps ask for it once per sign); callers only read the lists."""
    kept: tuple[list[str], list[tuple[int, int]]] | None = doc.user_data.get(_SURFACE_KEY)
    if kept is None:
        kept = doc.user_data[_SURFACE_KEY] = _read_surface(doc)
    return kept


_SURFACE_KEY = "triage.addressee.surface"


def _read_surface(doc: Doc) -> tuple[list[str], list[tuple[int, int]]]:
    words: list[str] = []
    spans: list[tuple[int, int]] = []
    for t in doc:
        joined = t.i > 0 and doc[t.i - 1].idx + len(doc[t.i - 1]) == t.idx
        if words and joined and (t.lower_ in _CLITICS or t.text == "-" or words[-1].endswith("-")):
            words[-1] += t.lower_
            spans[-1] = (spans[-1][0], t.i + 1)
        else:
            words.append(t.lower_)
            spans.append((t.i, t.i + 1))
    return words, spans


_CLITICS = {"nt", "n't", "n’t", "'re", "'m", "'ve", "'ll", "'d"}  # not "'s": "the shop's"


def _phrase_at(words: list[str], i: int, phrases: frozenset[tuple[str, ...]]) -> int:
    """The length of the longest phrase of ``phrases`` starting at ``i`` (0: none)."""
    best = 0
    for p in phrases:
        if len(p) > best and tuple(words[i : i + len(p)]) == p:
            best = len(p)
    return best


def _service_at(data: Addressees, words: list[str], i: int) -> int:
    """A customer-service act at ``i``: a service word, or a service verb with its object."""
    if words[i] in data.service_verbs and i + 1 < len(words):
        if words[i + 1] in data.service_objects:
            return 2
    return _phrase_at(words, i, data.service_words)


def _said_of_person_or_sign(words: list[str], i: int, subj: Subjects) -> bool:
    """The word at ``i`` follows a person over "be" and fillers ("I'm stuck", "we got stuck"),
    or a sign's own word ("a lump stuck halfway down" when swallowing: the body's, no
    fault of a thing)."""
    j = i - 1
    while j >= 0 and words[j] in subj.skip_words and words[j] not in subj.person_words:
        j -= 1
    if j >= 0 and words[j] in subj.sign_words:
        return True
    return j >= 0 and (words[j] in subj.person_words or words[j].split("'")[0] in subj.person_words)


def _clause_back(words: list[str], i: int, reach: int) -> list[int]:
    """The positions before ``i`` in its clause, at most ``reach`` words back."""
    out = []
    for k in range(i - 1, max(-1, i - 1 - reach), -1):
        if words[k] in _STOP:
            break
        out.append(k)
    return out


def _clock_time(word: str) -> bool:
    """ "7:15", "9.40", "6pm": a time of day."""
    w = word.replace(".", ":")
    if w.endswith(("am", "pm")):
        w = w[:-2]
    parts = w.split(":")
    return (
        1 <= len(parts) <= 2
        and all(p.isdigit() and len(p) <= 2 for p in parts)
        and (len(parts) == 2 or word.endswith(("am", "pm")))
    )


def _named_thing(data: Addressees, word: str, plain: frozenset[str]) -> bool:
    """A noun naming a thing, not a person, a body part, the clinic's or a sign's word."""
    if word in plain or word in _STOP or not word.isalpha() or len(word) < 3:
        return False
    if word in data.clinic_words or word in data.health_words or word in data.shared_places:
        return False
    senses = wordnet.classes(word, 1)
    return bool(senses) and senses[0] not in (BODY, PERSON) and wordnet.is_mainly_noun(word)


def _thing_before(i: int, things: list[int]) -> bool:
    """A thing or a business named in the three words before ``i`` ("the lenses YOU")."""
    return any(i - 3 <= k < i for k in things)


def _is_business(data: Addressees, word: str) -> bool:
    """A business, its place, vehicle, staff or own thing (lists first, then WordNet kinds)."""
    if word in data.clinic_words or word in data.health_words or word in data.neutral_things:
        return False
    if word in data.business_words or word in data.generic_business:
        return True
    if BODY in wordnet.classes(word, 1):
        return False  # "my hand" (a hired hand is a worker too)
    if len(word) < 4 or not word.isalpha() or not wordnet.is_mainly_noun(word):
        return False  # "do" (a party), "bar" are read from the lists only
    return bool(data.business_kinds) and bool(_kinds(word) & data.business_kinds)


def _is_product(data: Addressees, word: str, loose: bool = False) -> bool:
    """A made thing one buys or uses (a WordNet artifact first; ``loose``: or second after
    an act or a communication, "grips", "a pedal"): not the clinic's, not a body part, not
    a medicine."""
    if not word.isalpha() or len(word) < 3:
        return False
    if word in data.clinic_words or word in data.health_words or word in data.neutral_things:
        return False
    if word in data.business_words or word in data.generic_business:
        return False  # a business is not its own product ("I ordered a taxi")
    if not wordnet.is_mainly_noun(word):
        return False
    senses = wordnet.classes(word, 2)
    if word.endswith("s") and (not senses or senses[0] not in data.product_classes):
        single = wordnet.classes(word[:-1], 2)  # "shoes": "in his shoes" is a state
        if single and single[0] in data.product_classes:
            senses = single
    if not senses or BODY in senses:
        return False
    # an artifact first, or (loose) second after an act or a sign, never after a food, a
    # substance or a person
    if senses[0] not in data.product_classes and not (
        loose
        and len(senses) > 1
        and senses[1] in data.product_classes
        and senses[0] in _BEFORE_ARTIFACT
    ):
        return False
    return not (_kinds(word) & data.not_product_kinds)


def _kinds(word: str) -> frozenset[str]:
    """The names of every kind ``word`` is (WordNet hypernyms of its two most frequent senses)."""
    return wordnet.kinds(word, 2)


# The tests the cause step (bot/triage/cause.py) shares with this one.
names_clinic = _names_clinic
surface = _surface
reaction_told = _reaction_told
told_as_over = _told_as_over
told_in_past = _told_in_past
is_cause = _is_cause
phrase_at = _phrase_at
