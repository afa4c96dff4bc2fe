"""The lists of ``knowledge/triage_subjects.yml`` (``Subjects``, checked by
``parse``, loaded once by ``load_subjects``) and ``Reader``: one message, its
clauses, which tokens are body, sign, function or treatment words, what a token
is (``kind``: a person, a thing, another noun) and what the walk back from a
sign finds as its subject (``subject_before``). The readings of the other
modules are functions of a ``Reader``.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.triage import wordnet
from bot.triage.match import Doc, Spans, boundaries
from bot.triage.vocabulary import VocabularyView

SUBJECTS_PATH = Path(__file__).resolve().parents[3] / "knowledge" / "triage_subjects.yml"

#: the way into a part after a verb of a blow: "it hit INSIDE my skull"
_INTO_PART = frozenset({"inside", "into", "in", "through", "thru", "across", "behind"})

#: adverbs that may stand inside an idiom ("my eyes JUST glaze over")
_IDIOM_ADVERBS = frozenset(
    {"just", "really", "totally", "completely", "literally", "kinda", "always", "instantly"}
)

# "is", "am", "are" shortened after a person ("she's", "shes" -> she + s, "im" -> i + m)
_BE_SHORT = frozenset({"'s", "s", "'m", "m", "'re", "re"})


BODY_CLASSES = (8, 18)  # WordNet: body, person


PUNCT_STOP = {",", ";", ":", "(", ")", "-", '"'}
_ADDED_DETERMINERS = frozenset(
    {"a", "an", "the", "my", "her", "his", "their", "our", "some", "this", "that"}
)


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
    anyone_words: frozenset[str]
    relatives: frozenset[str]
    spoken_for_kinds: frozenset[str]
    owned_by_kinds: frozenset[str]
    single_parts: frozenset[str]
    still_words: frozenset[str]
    still_verbs: frozenset[str]
    group_followers: frozenset[str]
    story_owners: frozenset[str]
    marking_verbs: frozenset[str]
    marking_after: frozenset[str]
    story_people: frozenset[str]
    language_phrases: frozenset[str]
    skin_type_words: frozenset[str]
    skin_type_joiners: frozenset[str]
    over_subjects: frozenset[str]
    over_verbs: frozenset[str]
    over_fillers: frozenset[str]
    over_states: frozenset[str]
    over_hearsay: frozenset[str]
    over_but: frozenset[str]
    over_present: frozenset[str]
    addressed: frozenset[str]
    sign_words: frozenset[str]
    skip_words: frozenset[str]
    seeming: frozenset[str]
    weather_places: frozenset[str]
    weather_joiners: frozenset[str]
    weather_classes: frozenset[int]
    emotion_causes: frozenset[str]
    nerve_causes: frozenset[str]
    moved_lump: frozenset[str]
    moved_signs: frozenset[str]
    moved_words: frozenset[str]
    moved_never: frozenset[str]
    held_breath_verbs: frozenset[str]
    held_breath_words: frozenset[str]
    held_breath_signs: frozenset[str]
    strain_activities: frozenset[str]
    strain_object_classes: frozenset[int]
    strain_lead: frozenset[str]
    strain_signs: frozenset[str]
    strain_eyes: frozenset[str]
    strain_states: frozenset[str]
    illness_names: frozenset[str]
    illness_likeness: frozenset[str]
    illness_causes: frozenset[str]
    illness_signs: frozenset[str]
    illness_before: frozenset[str]
    voice_uses: frozenset[str]
    voice_use_doubts: frozenset[str]
    have_words: frozenset[str]
    sickness_names: frozenset[str]
    sickness_signs: frozenset[str]
    sickness_colours: frozenset[str]
    sickness_not_parts: frozenset[str]
    sickness_never: frozenset[str]
    friction_signs: frozenset[str]
    friction_places: frozenset[str]
    friction_classes: frozenset[int]
    unfit_words: frozenset[str]
    emotion_state_verbs: frozenset[str]
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
    picture_controls: frozenset[str]
    articles: frozenset[str]
    thing_sign_classes: frozenset[int]
    owners: frozenset[str]
    thing_words: frozenset[str]
    thing_kinds: frozenset[str]
    antecedent_nouns: frozenset[str]
    manner_endings: frozenset[str]
    verb_prefixes: frozenset[str]
    degree_words: frozenset[str]
    clause_openers: frozenset[str]
    hedge_nouns: frozenset[str]
    kin_epithets: frozenset[str]
    kin_owners: frozenset[str]
    kin_qualifiers: frozenset[str]
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
    many_within: frozenset[str]
    lid_words: frozenset[str]
    lid_handling: frozenset[str]
    lid_holder_kinds: frozenset[str]
    gear_kinds: frozenset[str]
    gear_mishaps: frozenset[str]
    gear_places: frozenset[str]
    mark_inside: frozenset[str]
    making_verbs: frozenset[str]
    mark_region_classes: frozenset[int]
    faint_things: frozenset[str]
    faint_shades: frozenset[str]
    faint_guards: frozenset[str]
    lid_signs: frozenset[str]
    faint_signs: frozenset[str]
    faint_read_signs: frozenset[str]
    faint_read_words: frozenset[str]
    faint_read_objects: frozenset[str]
    spot_places: frozenset[str]
    play_signs: frozenset[str]
    fall_words: frozenset[str]
    play_laughs: frozenset[str]
    play_guards: frozenset[str]
    then_words: frozenset[str]
    then_fillers: frozenset[str]
    blown_words: frozenset[str]
    skin_contact_words: frozenset[str]
    skin_contact_kinds: frozenset[str]
    seeing_words: frozenset[str]
    printed_joiners: frozenset[str]
    light_degree: frozenset[str]
    comparison_words: frozenset[str]
    colour_signs: frozenset[str]
    substance_signs: frozenset[str]
    sight_foreign_functions: frozenset[str]
    substance_terms: frozenset[str]
    substance_places: frozenset[str]
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
    growth_words: frozenset[str]
    cause_classes: frozenset[int]
    make_verbs: frozenset[str]
    evidence_verbs: frozenset[str]
    measure_words: frozenset[str]
    clause_verbs: frozenset[str]
    purchase_verbs: frozenset[str]
    eat_words: frozenset[str]
    food_kinds: frozenset[str]
    meal_words: frozenset[str]
    food_classes: frozenset[int]
    missing_words: frozenset[str]
    print_sizes: frozenset[str]
    strain_verbs: frozenset[str]
    screen_words: frozenset[str]
    part_counters: frozenset[str]
    part_states: frozenset[str]
    simile_openers: frozenset[str]
    felt_words: frozenset[str]
    nonhuman_classes: frozenset[int]
    pet_words: frozenset[str]
    bearer_pronouns: frozenset[str]
    part_describers: frozenset[str]
    first_person: frozenset[str]
    habit_verbs: frozenset[str]
    habit_triggers: frozenset[str]
    habit_efforts: frozenset[str]
    habit_conditions: frozenset[str]
    habit_company: frozenset[str]
    habit_links: frozenset[str]
    general_askers: frozenset[str]
    general_verbs: frozenset[str]
    general_people: frozenset[str]
    taste_verbs: frozenset[str]
    taste_amounts: frozenset[str]
    world_signs: frozenset[str]
    world_weather: frozenset[str]
    world_sight: frozenset[str]
    world_seers: frozenset[str]
    intensifiers: frozenset[str]
    intensified_heat: frozenset[str]
    source_signs: frozenset[str]
    source_verbs: frozenset[str]
    source_places: frozenset[str]
    world_degrees: frozenset[str]
    world_not: frozenset[str]
    thrill_signs: frozenset[str]
    thrill_links: frozenset[str]
    habit_not: frozenset[str]
    habit_not_asked: frozenset[str]
    habit_asked_people: frozenset[str]
    story_times: frozenset[str]
    passing_words: frozenset[str]
    weather_states: frozenset[str]
    picture_words: frozenset[str]
    hyperbole_words: frozenset[str]
    shock_openers: frozenset[str]
    shock_verbs: frozenset[str]
    news_verbs: frozenset[str]
    fright_colours: frozenset[str]
    puzzled_signs: frozenset[str]
    meaning_words: frozenset[str]
    speaking_auxiliaries: frozenset[str]
    meaning_nouns: frozenset[str]
    meaning_determiners: frozenset[str]
    endure_verbs: frozenset[str]
    disliked_people: frozenset[str]
    degree_links: frozenset[str]
    picking_heads: frozenset[str]
    picking_determiners: frozenset[str]
    picking_copulas: frozenset[str]
    whole_parts: frozenset[str]
    owned_thing_classes: frozenset[int]
    addressed_owners: frozenset[str]
    generic_openers: frozenset[str]
    pigment_words: frozenset[str]
    pigment_kinds: frozenset[str]
    mark_fillers: frozenset[str]
    schoolwork_joiners: frozenset[str]
    schoolwork_kinds: frozenset[str]
    bearer_keep_signs: frozenset[str]
    likeness_joined: frozenset[str]
    flavour_signs: frozenset[str]
    flavour_words: frozenset[str]
    flavour_degrees: frozenset[str]
    flavour_sensations: frozenset[str]
    flavour_not: frozenset[str]
    state_compound_classes: frozenset[int]
    tried_words: frozenset[str]
    tried_verbs: frozenset[str]
    hyperbole_signs: frozenset[str]
    hyperbole_links: frozenset[str]
    hyperbole_classes: frozenset[int]
    colouring_verbs: frozenset[str]
    staining_verbs: frozenset[str]
    pigment_tips: frozenset[str]
    series_classes: frozenset[int]
    series_not_kinds: frozenset[str]
    subject_places: frozenset[str]
    part_articles: frozenset[str]
    thing_parts: frozenset[str]
    worn_parts: frozenset[str]
    worn_things: frozenset[str]
    seen_through: frozenset[str]
    thing_fever_signs: frozenset[str]
    thing_fever_classes: frozenset[int]
    hasty_words: frozenset[str]
    hasty_classes: frozenset[int]
    film_words: frozenset[str]
    film_bearers: frozenset[str]
    film_classes: frozenset[int]
    film_links: frozenset[str]
    outside_cause_links: frozenset[str]
    standing_pronouns: frozenset[str]
    speaking_kinds: frozenset[str]
    poor_sense_words: frozenset[str]
    standing_senses: frozenset[str]
    sense_having: frozenset[str]
    lifelong_words: frozenset[str]
    sense_news: frozenset[str]
    moult_verbs: frozenset[str]
    moult_helpers: frozenset[str]
    moult_after: frozenset[str]

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


def idiom_words(s: Subjects, low: Sequence[str]) -> set[int]:
    """The words of the idioms the lower-cased tokens ``low`` hold, an adverb inside one
    skipped ("my eyes JUST glaze over", "cold feet" is not "cold, my feet")."""
    out: set[int] = set()
    for i, word in enumerate(low):
        for idiom in s.idioms_by_first.get(word, ()):
            out.update(_idiom_at(low, i, idiom))
    return out


def _idiom_at(low: Sequence[str], i: int, idiom: tuple[str, ...]) -> list[int]:
    """The indices of ``idiom`` read from token ``i``, or [] (one word of
    `_IDIOM_ADVERBS` may stand between two of its words)."""
    at, j = [i], i + 1
    for word in idiom[1:]:
        if j < len(low) and low[j] in _IDIOM_ADVERBS and low[j] != word:
            j += 1
        if j >= len(low) or low[j] != word:
            return []
        at.append(j)
        j += 1
    return at


@functools.lru_cache(maxsize=2)
def load_subjects(path: str | None = None) -> Subjects:
    with open(Path(path) if path else SUBJECTS_PATH, encoding="utf-8") as f:
        return parse(yaml.safe_load(f) or {})


#: a side or a part's place, capitalised with it, makes no name ("my Left Eye")
_SIDES = frozenset(
    {"left", "right", "upper", "lower", "top", "bottom", "both", "whole", "inner", "outer"}
)


#: a hard act told with no subject of its own after a comma ("..., HARD to swallow")
_HARD = frozenset({"hard", "difficult", "tough", "impossible", "harder", "painful"})
#: how a person is placed in a place ("she's SITTING on the sofa")
_POSTURES = frozenset(
    {"sitting", "sat", "sits", "lying", "laying", "lay", "lies", "laid", "standing", "stood",
     "slumped", "curled", "propped", "stuck", "resting", "rested", "waiting", "sleeping"}
)  # fmt: skip
#: helpers between a person and the posture ("she HAS BEEN JUST sitting"); the short
#: forms of "be" ("she'S sitting") are `_BE_SHORT`, read with these
_POSTURE_HELPERS = frozenset(
    {"has", "have", "had", "been", "just", "still", "now", "is", "was", "are", "were", "am",
     "currently", "all", "day", "and"}
)  # fmt: skip
#: a verb of becoming or being between "it" and a state ("... but it CAME OUT blotchy",
#: "and it HAS GONE all grey"), with the words that soften it
_IT_BECAME = frozenset(
    {"came", "comes", "come", "out", "went", "goes", "gone", "go", "turned", "turns", "is", "was",
     "'s", "s", "has", "had", "have", "been", "got", "gets", "became", "becomes", "looks",
     "looked", "all", "a", "bit", "kinda", "quite", "very", "really", "so", "just", "still", "now"}
)  # fmt: skip
#: a verb of seeming after "it" at the start of a comma clause ("..., it SOUNDS like")
_IT_SEEMS = frozenset({"sounds", "looks", "seems", "feels", "sounded", "looked", "seemed", "felt"})


#: a relative clause with no "that": who did it ("the pdf YOU emailed"), the verb's
#: past ending, and what opens the noun it describes
_DOERS = frozenset({"you", "u", "they", "we", "he", "she", "i"})
_PAST_ENDINGS = ("ed", "sent", "made", "gave", "bought", "built", "sold", "brought", "put")
_NOUN_OPENERS = frozenset({"the", "this", "that", "these", "those", "my", "our", "your"})
#: the verb right after a made thing that makes it the subject ("the ball HAS lost its colour")
_HAS_VERBS = frozenset(
    {"has", "had", "is", "was", "'s", "s", "went", "goes", "turned", "turns", "got", "gets",
     "looks", "looked", "keeps", "kept", "faded", "lost", "came", "comes"}
)  # fmt: skip
#: words that open a new clause, and the verbs that make the body word after them its subject
_NEW_CLAUSE = frozenset({"and", "n", "&", "but"})
_OWN_CLAUSE_VERBS = frozenset(
    {"is", "was", "'s", "s", "are", "were", "has", "feels", "felt", "hurts", "hurt", "gets",
     "got", "went", "goes", "looks", "keeps", "seems", "became", "isnt"}
)  # fmt: skip
#: WordNet's files of made things, foods and substances (noun.artifact, noun.food, noun.substance)
_MADE_CLASSES = frozenset({6, 13, 27})
#: who tells of their own or a near one's event ("I fell"), and what makes it a question
_TELLERS = frozenset({"i", "he", "she", "we"})  # ("they" may be things: "they squeal")
#: where the told event went, right after its verb ("I fell ON the floor")
_WHERE_TO = frozenset(
    {"on", "off", "onto", "into", "over", "down", "out", "from", "in", "against", "up"}
)
#: a form of "be" between a body part and a word in -ing makes it the part's verb going on
#: ("my eye IS making big pain"; "it was stifling" may be the place's state)
_PROGRESSIVE = frozenset({"is", "are", "was", "were", "am", "'m", "'s", "'re", "be", "been"})
_ASKING = frozenset(
    {"do", "does", "did", "would", "could", "can", "should", "will", "how", "to", "why", "what"}
)


class Reader:
    """One message: its clauses and which tokens are body, symptom or treatment words."""

    def __init__(self, subj: Subjects, vocab: VocabularyView, doc: Doc, found: Spans) -> None:
        self.s, self.doc, self.found = subj, doc, found
        self.low = [t.lower_ for t in doc]  # the words in lower case, once per message
        self.vocab_things = vocab.things
        # the treatment named by more than a time or a visit ("since day one" is not it)
        self.treated = any(
            not vocab.weak_treatment(low)
            for a, b in found.get("ANCHOR|treatment", [])
            for low in self.low[a:b]
        )
        self.clause = boundaries(doc, vocab.terminators)
        self.known: set[int] = set()  # words of the vocabulary and the rules (not "screen")
        self.perceiving: set[int] = set()  # function words ("see", "breathe", "swallow")
        self.function_words = vocab.report_words | vocab.placed_by
        # states that only calm a reading ("a bit", "fine"): no sign of the writer's own
        self.calming = {f"ST|{n}" for n in vocab.normal_states} | {
            f"ST|{n}" for c in vocab.concepts for n in c.unless
        }
        # after a sign, the vocabulary's neutral places are not things ("blurry in the mirror")
        self.places = subj.sign_words | vocab.neutral_places
        self.body: set[int] = set()  # body and treatment words (not symptom words: "wheezing")
        self._keys_at: dict[int, list[str]] = {}  # token -> the keys found over it, in order
        for key, spans in found.items():
            kind, _, name = key.partition("|")
            idx = {i for a, b in spans for i in range(a, b)}
            for i in sorted(idx):
                self._keys_at.setdefault(i, []).append(key)
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
        self.likened = self._likened()  # "peeling like sunburnt skin": no one's body
        # not "swelling" (a function that is its own state), not a time ("a week later")
        # ... nor a body word that only names a kind of thing ("voice chat", "hand wash")
        self.in_idiom = self._idioms()
        # ... nor a body word of an idiom ("MY HEART STOPPED when ... the loaf had collapsed")
        self.guards = {
            i
            for i in self.body - states - self.likened - self.in_idiom
            if not (doc[i].is_digit or doc[i].lower_ in subj.time_words)
            and not self.compound_modifier(i)
            and not self.made_things_lid(i)
            and not self.foods_skin(i)
        }
        # other sign or symptom words of a clause: not a number or a time ("hole 7")
        self.symptom_words = {
            i
            for i in self.known
            if not (doc[i].is_digit or doc[i].lower_ in subj.time_words)
            and not self.compound_modifier(i)  # "HAND wash only": a kind of washing
        }
        self.guarded: dict[int, int] = {}  # clause -> how many guard words it holds
        self.knowing: dict[int, int] = {}  # clause -> how many known words it holds
        for i, c in enumerate(self.clause):
            self.guarded[c] = self.guarded.get(c, 0) + (i in self.guards)
            self.knowing[c] = self.knowing.get(c, 0) + (i in self.symptom_words)

    def _likened(self) -> set[int]:
        """Body words in a simile owned by no one: "peeling off like sunburnt skin",
        "sounds hoarse, like it has a sore throat" (a `simile_openers` word up to four
        words before, no owner, person or felt word between or just before it). "feels
        like my throat is closing", "like she has a fat lip", "it feels like sunburnt
        skin" keep their body word."""
        out: set[int] = set()
        low = self.low
        for i in self.body:
            for j in range(max(0, i - 5), i):
                if low[j] not in self.s.simile_openers or not self.same(j, i):
                    continue
                between = low[j + 1 : i]
                if any(w in self.s.owners or w in self.s.person_words for w in between):
                    break
                if any(k in self.body for k in range(j + 1, i)):
                    break
                if j > 0 and low[j - 1] in self.s.felt_words:
                    break  # "feels like a bee sting on the lip": the writer's sensation
                out.add(i)
                break
        return out

    def made_things_lid(self, i: int) -> bool:
        """ "the PIANO lid", "a saucepan lid": a lid (`lid_words`) right after a noun whose
        first WordNet sense is a made thing (06 artifact), with nothing between: the
        thing's lid, never an eyelid ("my eye lid", "the upper lid" stay). Or a lid with
        no owner or side before it, in a sentence that names a thing lids close
        (`lid_holder_kinds`: a jar, a pot, a box) before it: "the jar of chutney was
        leaking, lid wasn't sealed"."""
        if i == 0 or self.low[i] not in self.s.lid_words:
            return False
        before = self.low[i - 1]
        if self.same(i - 1, i) and self.doc[i - 1].is_alpha and before not in self.s.skip_words:
            if wordnet.classes(before, 1)[:1] == (6,):
                return True
        return self._container_lid(i)

    def _container_lid(self, i: int) -> bool:
        """A bare lid ("the lid", "lid" opening its clause) after a container named
        earlier in its sentence or the one before ("the painted sea chest? The blue on
        the lid..."), with no person or body word between, in a message that does not
        name the treatment ("had the jabs, the lid is puffy" stays)."""
        before = self.low[i - 1]
        if self.treated or not (before in ("the", "its") or not self.doc[i - 1].is_alpha):
            return False
        return self.noun_before(
            range(i - 1, max(-1, i - 20), -1),
            lambda word: bool(wordnet.kinds(word, 1) & self.s.lid_holder_kinds),
            sentences=2,
        )

    def noun_before(self, back: range, test: Callable[[str], bool], sentences: int = 1) -> bool:
        """Walking ``back`` inside the sentence (or ``sentences`` of them: the one before
        may name the thing, "the painted trunk? The blue on the lid..."), a noun that
        passes ``test`` comes before any person or body word (the thing a bare "lid" or
        "skin" belongs to)."""
        for j in back:
            word = self.low[j]
            if word in (".", "!", "?"):
                sentences -= 1
                if sentences <= 0:
                    return False
                continue
            if word in self.s.person_words:
                return False
            if j in self.body:
                # a body word that ends a thing's compound name ("the sea CHEST", "a tool
                # chest": WordNet's name of a made thing) is that thing
                thing = f"{self.low[j - 1]}_{word}" if j > 0 else ""
                if not thing or wordnet.classes(thing, 1)[:1] != (6,):
                    return False
                if test(thing):
                    return True
                continue
            if self.doc[j].is_alpha and wordnet.is_mainly_noun(word) and test(word):
                return True
        return False

    def foods_skin(self, i: int) -> bool:
        """ "I bought mackerel and THE SKIN went grey", "the potatoes had green patches under
        the skin": "skin" after an article (never an owner: "my skin"), in a sentence that
        names a food before it (a noun one of whose two first WordNet senses is a food,
        `food_classes`) with no person or body word between, in a message that does not
        name the treatment ("I had sushi after the jabs and the skin went white" stays):
        the food's skin, not a body's."""
        if self.low[i] not in ("skin", "skins") or i == 0 or self.treated:
            return False
        if self.low[i - 1] not in self.s.articles and self.low[i - 1] not in ("its", "their"):
            return False
        if any(self.low[k] in self.s.owners for k in range(i + 1, min(len(self.doc), i + 4))):
            return False  # "I ate fish and the skin ON MY arm went white": a person's skin
        return self.noun_before(
            range(i - 2, max(-1, i - 16), -1),
            lambda word: bool(set(wordnet.classes(word, 2)) & self.s.food_classes),
        )

    def compound_modifier(self, i: int) -> bool:
        """ "VOICE chat", "HAND wash only", "the ARM curl machine": a body word owned by
        no one, right before a noun (over at most one more noun) that names a thing in
        its clause: the compound's head is the thing, the body word only its kind ("my
        face cream", "her hand towel" are owned; "hand swelling", "swallowing tablets":
        a sign word or a function that takes an object, not a compound)."""
        low = self.low
        if i not in self.body or low[i].endswith("ing") or low[i] in self.s.person_words:
            return False
        if not wordnet.is_mainly_noun(low[i]):
            return False  # "couldn't BREATHE while ...": a verb
        if i > 0 and (low[i - 1] in self.s.owners or low[i - 1] in ("'s", "’s", "s", "of")):
            return False  # (nor "short OF breath walking up": the end of a phrase)
        for j in (i + 1, i + 2):
            if j >= len(self.doc) or not self.same(j, i) or not self.doc[j].is_alpha:
                return False
            if j in self.known or j in self.body or self.is_time(low[j]):
                return False
            if low[j] in self.s.person_words or low[j] in self.s.skip_words:
                return False
            if low[j] not in self.s.thing_words and not wordnet.is_mainly_noun(low[j]):
                return False  # "hand WHILE", "voice ALL day": no noun
            if low[j].endswith("ing"):
                return False  # "breath WALKING up the stairs": a verb of the clause
            kind = self.kind(j)
            if kind == "thing":
                return True
            if kind != "noun":
                return False
        return False

    def in_name(self, i: int) -> bool:
        """Token ``i`` is a word of a proper name written in capitals inside a sentence of
        ordinary case: "a blue North Face jacket", "log in with Face ID". A capitalised
        word (or an initialism) next to another that is no sentence opener, no owner,
        article or person word ("My Face" is no name), in a message that is not mostly
        capitalised ("My Left Eye Is Blurry" names no brand)."""
        if not self._capitalised(i):
            return False
        if "_caps_share" not in self.__dict__:
            alpha = [t for t in self.doc if t.is_alpha and len(t.text) > 1]
            caps = sum(1 for t in alpha if t.text[0].isupper())
            self.__dict__["_caps_share"] = caps / len(alpha) if alpha else 1.0
        if self.__dict__["_caps_share"] >= 0.4:
            return False
        return any(
            0 <= j < len(self.doc)
            and self.same(j, i)
            and self._capitalised(j)
            and self.low[j] not in self.s.owners
            and self.low[j] not in self.s.articles
            and self.low[j] not in self.s.person_words
            and j not in self.body
            and j not in self.known
            and self.low[j] not in _SIDES
            for j in (i - 1, i + 1)
        )

    def _capitalised(self, i: int) -> bool:
        """A capitalised word ("Face", "ID") that opens no sentence and is not "I"."""
        tok = self.doc[i]
        if not tok.is_alpha or not tok.text[0].isupper() or tok.lower_ == "i":
            return False
        before = self.doc[i - 1] if i > 0 else None
        return before is not None and before.text not in (".", "!", "?") and not before.is_space

    def is_time(self, low: str) -> bool:
        """A time noun of ``time_words`` ("a week later", "last night"): never a subject."""
        if low not in self.s.time_words or not wordnet.is_mainly_noun(low):
            return False
        # the singular's first sense: "minutes" is first the record of a meeting
        one = low[:-1] if low.endswith("s") and low[:-1] in self.s.time_words else low
        return wordnet.classes(one, 1)[:1] == (28,)

    def _time_owned(self, i: int) -> bool:
        """The time at ``i`` is owned, over one describing word: "my week", "my
        whole day", "our entire weekend"."""
        if i > 0 and self.doc[i - 1].lower_ in self.s.owners:
            return True
        if i < 2 or self.doc[i - 2].lower_ not in self.s.owners:
            return False
        before = self.doc[i - 1].lower_
        return i - 1 not in self.known and (
            before in self.s.skip_words or wordnet.is_adjective(before)
        )

    def found_at(self, i: int) -> list[str]:
        """The keys of the words found that cover token ``i`` (read once, in ``__init__``:
        a flood of signs would make a scan of every span per sign quadratic)."""
        return list(self._keys_at.get(i, ()))

    def clause_has(self, table: dict[int, int], words: set[int], start: int, end: int) -> bool:
        """The clause of ``start`` holds one of ``words`` outside ``start:end``."""
        own = sum(1 for i in range(start, end) if i in words and self.same(i, start))
        return table[self.clause[start]] > own

    def _idioms(self) -> set[int]:
        """The words of the idioms the message holds (``idiom_words``)."""
        return idiom_words(self.s, self.low)

    def is_part(self, i: int) -> bool:
        """A body part or a person ("eye", "lips", "mum"), not a function ("breathing")."""
        low = self.doc[i].lower_
        if low in self.s.person_words or not wordnet.is_mainly_noun(low):
            return low in self.s.person_words or wordnet.lemma(low) is None
        cls = wordnet.classes(low, self.s.senses)
        return not cls or cls[0] in BODY_CLASSES

    def kind(self, i: int) -> str:
        """ "person", "thing", "noun" (neither) or "" (not a noun) for token ``i``."""
        low = self.doc[i].lower_
        if low in self.s.person_words or i in self.body:
            return "person"
        if self._owner_without_apostrophe(i):
            return "person"  # "my MUMS lips", "her sisters eye": "mum's", the apostrophe dropped
        if (
            low in self.s.sign_words
            or i in self.known
            or low in self.function_words
            or len(low) < 2
        ):
            return ""  # a letter ("faint n dizzy") is not a noun
        if i > 0 and self.doc[i - 1].lower_ in self.s.verb_before:
            return ""  # "can't stop shivering": a verb
        if low in self.s.shade_words and i + 1 < len(self.doc) and i + 1 in self.known:
            return ""  # "a yellowish GREEN bruise": a colour of the sign word after it, not a thing
        if (
            low.endswith("ing")
            and i > 1
            and self.doc[i - 1].lower_ in _BE_SHORT
            and self.doc[i - 2].lower_ in self.s.person_words
        ):
            return ""  # "she's saying it's hard to swallow": a verb after "she's", not a noun
        if low in self.s.thing_words:
            return "thing"  # "my server": WordNet's first sense is a person
        if not wordnet.is_mainly_noun(low):
            return ""
        cls = wordnet.classes(low, self.s.senses)
        if not cls:
            return ""
        if cls[0] in BODY_CLASSES:
            return "thing" if self._part_of_thing_before(i, cls[0]) else "person"
        if set(cls) & self.s.thing_classes:
            return "thing"
        if wordnet.kinds(low, self.s.senses) & self.s.thing_kinds:
            return "thing"  # "the pound collapsed": a unit of money, not a quantity of a body
        # neither by its first senses ("jack": a quantity, then a labourer): when
        # WordNet never counted its senses, their order is no frequency; the class
        # most of them share decides ("jack" is mostly an artifact), never a person
        usual = wordnet.usual_class(low)
        return "thing" if usual in self.s.thing_classes else "noun"

    def _owner_without_apostrophe(self, i: int) -> bool:
        """ "my mums lips", "our dads eye": a person word + "s" after an owner and right
        before a body part, typed without its apostrophe."""
        low = self.doc[i].lower_
        if not low.endswith("s") or low[:-1] not in self.s.person_words or i + 1 not in self.body:
            return False
        return i > 0 and self.doc[i - 1].lower_ in self.s.owners

    def _part_of_thing_before(self, i: int, first: int) -> bool:
        """ "the trumpet VALVE", "the engine VALVE": a noun the vocabulary does not know
        whose first WordNet sense is a body part (08), right after a noun that names
        a thing in its clause, is that thing's part, not a person's ("my heart valve"
        and the vocabulary's own body words stay)."""
        if first != 8 or i in self.body or i == 0 or not self.same(i - 1, i):
            return False
        if self.doc[i - 1].lower_ in self.s.skip_words or not self.doc[i - 1].is_alpha:
            return False
        return self.kind(i - 1) == "thing"

    def unknown_thing(self, i: int) -> bool:
        """ "THE aircon", "the dehumidifer": a word in lower case after an article that
        WordNet and the vocabulary do not know names a thing: people and body parts
        are words WordNet knows, so a new or misspelt name after "the" is a made
        thing, unless it is one slip of the keyboard from a person or a body part
        ("the babby", "the husbnd": ``_slip_of_someone``)."""
        tok = self.doc[i]
        low = tok.lower_
        if i == 0:
            return False
        head = self.doc[i - 1].lower_ not in self.s.articles
        if head and not self._compound_head(i):
            return False
        short = head or not any(c in "aeiouy" for c in low)
        return self.unknown_word(i, 3 if short else 4)

    def unknown_word(self, i: int, shortest: int = 5) -> bool:
        """The word at ``i`` is in lower case, at least ``shortest`` letters long, and
        WordNet and the vocabulary do not know it ("stackmat"), and it is no slip of the
        keyboard from a person or a body part: a new or misspelt name of a made thing."""
        tok = self.doc[i]
        low = tok.lower_
        if not (tok.is_alpha and tok.text.islower()) or len(low) < shortest:
            return False  # a compound's head ("the headset MIC") or an initialism ("the pdf")
        if i in self.known or i in self.body or low in self.function_words:
            return False
        if low in self.s.person_words or low in self.s.others or low in self.s.sign_words:
            return False
        if not wordnet.load():
            return False  # without WordNet every word is unknown: fail towards the alarm
        if wordnet.is_dictionary_word(low) or wordnet.is_lemma(low, verbs=True):
            return False
        return not _slip_of_someone(low)

    def _compound_head(self, i: int) -> bool:
        """ "my headset MIC", "the car AIRCON": token ``i`` right after a noun that names a
        thing (no article nor owner between): the head of a compound, a thing's kind."""
        before = self.doc[i - 1]
        if not before.is_alpha or not self.same(i - 1, i) or before.lower_ in self.s.skip_words:
            return False
        return self.kind(i - 1) == "thing"

    def compound(self, i: int) -> bool:
        before = self.doc[i - 1].lower_ if i > 0 else ""
        if before in self.s.person_words or before in self.s.verb_before:
            return False  # "I know swelling is expected": a verb
        cls = wordnet.classes(self.doc[i].lower_, self.s.senses)
        return bool(cls) and cls[0] in self.s.compound_classes

    def same(self, i: int, j: int) -> bool:
        return 0 <= i < len(self.doc) and self.clause[i] == self.clause[j]

    def _aside_opener(self, close: int) -> int:
        """The "(" of a short aside that ends at ``close`` (at most six words, no
        sentence end inside), or -1."""
        for k in range(close - 1, max(-1, close - 8), -1):
            low = self.doc[k].lower_
            if low == "(":
                return k
            if low in (".", "!", "?", ")"):
                return -1
        return -1

    def noun_after(self, i: int, start: int, classes: frozenset[int], det: bool = True) -> bool:
        """The first noun from ``i`` (after up to two describing words) is of ``classes``."""
        for j in range(i, min(len(self.doc), i + 3)):
            if not self.same(j, start) or not self.doc[j].is_alpha:
                return False
            low = self.doc[j].lower_
            if det and low in self.s.skip_words and low not in self.s.person_words:
                continue  # "of A glacier": the article first (one letter long)
            if (
                len(low) < 2
                or low in self.s.person_words
                or j in self.body
                or low in self.places
                or low in self.s.time_words
            ):
                return False
            if low in self.s.hedge_nouns:
                return False  # "a red boil THING", "some lump thingy": a hedge, not an object
            if low in self.function_words or low in self.s.skip_words or j in self.known:
                return False
            if low in self.s.thing_words:
                return True
            if wordnet.is_mainly_noun(low):
                cls = wordnet.classes(low, self.s.senses)
                return bool(cls) and cls[0] not in BODY_CLASSES and bool(set(cls) & classes)
        return False

    def colloquial_kin(self, i: int) -> bool:
        """Token ``i``, a generic person of `others`, is the writer's own parent or
        partner said colloquially: "THE OLD MAN keeps choking", "my old lady fainted"
        (one of `kin_epithets` before it, one of `kin_owners` before that), with no
        place or clause after it that says which stranger ("the old man next door")."""
        if i < 2 or self.doc[i].lower_ not in self.s.others:
            return False
        if self.doc[i - 1].lower_ not in self.s.kin_epithets:
            return False
        if self.doc[i - 2].lower_ not in self.s.kin_owners:
            return False
        nxt = self.doc[i + 1].lower_ if i + 1 < len(self.doc) else ""
        return nxt not in self.s.kin_qualifiers

    def _present_verb(self, i: int) -> bool:
        """Token ``i`` reads as a verb in the third person before a simile ("jerks",
        "shudders", "wheezes"): a verb's lemma plus "s" or "es", never a body part."""
        low = self.doc[i].lower_
        if i in self.body or low in self.s.person_words or not low.endswith("s"):
            return False
        if self.kind(i) == "thing":
            return False  # "the outdoor light FLICKERS like it's ...": read as before
        return _third_person_verb(low)

    def _prefixed_activity(self, i: int) -> bool:
        """ "DECLUTTERING is killing me", "re-potting": an "-ing" word no dictionary knows,
        made of a prefix and a verb it knows ("de" + "clutter"), right before a verb of
        `clause_verbs`: an activity is the subject, not a person or a body part (a slip
        of a sign word, "swalowing", has no such prefix)."""
        low = self.low[i]
        if not low.endswith("ing") or i in self.known or i in self.body or not wordnet.load():
            return False
        if i + 1 >= len(self.doc) or self.low[i + 1] not in self.s.clause_verbs:
            return False
        if wordnet.is_dictionary_word(low):
            return False
        stem = low[:-3]
        for prefix in self.s.verb_prefixes:
            rest = stem[len(prefix) :]
            if not stem.startswith(prefix) or len(rest) < 3:
                continue
            forms = {rest, rest + "e", rest[:-1] if rest[-1] == rest[-2] else rest}
            if any(wordnet.is_verb(f) for f in forms):
                return True
        return False

    def _it_goes_on(self, i: int, start: int) -> int:
        """ "the boiler keeps dropping and IT wheezes like ...": "it" after "and", "but"
        or "then", right before a one-word sign in the third person ("wheezes",
        "chokes"), or opening a comma clause with "sounds like" or "looks like" ("the
        bearings are shot, IT sounds like it's wheezing"), stands for the first noun of
        its sentence when that noun names a thing and the sentence names no body part
        or person before it ("my chest is tight and it wheezes", "my cheek is red, it
        feels like it's burning" keep; "it hurts to breathe": no one-word sign)."""
        if (
            i >= 2
            and self.low[i - 1] == ","
            and i + 2 < len(self.doc)
            and self.low[i + 1] in _IT_SEEMS
            and self.low[i + 2] in ("like", "as")
        ):
            # "the bearings are shot, IT SOUNDS LIKE it's wheezing": the thing before the comma
            return self._first_thing_before(i)
        if i < 2 or self.low[i - 1] not in ("and", "but", "then"):
            return -1
        if start != i + 1:
            if start in self.body or not all(
                self.low[k] in _IT_BECAME for k in range(i + 1, start)
            ):
                return -1
            # "dyed a white tshirt purple but IT CAME OUT blotchy": what it became
            first = self._first_thing_before(i)
            return first if first >= 0 else self._made_thing_before(i)
        low = self.low[start]
        if not (low.endswith("s") and start + 1 < len(self.doc)):
            return -1
        if start in self.body or not _third_person_verb(low):
            return -1
        return self._first_thing_before(i)

    def _made_thing_before(self, i: int) -> int:
        """The thing the writer worked on before "but"/"and" at ``i - 1`` ("I BLEACHED MY
        OLD JEANS but it came out blotchy"): a thing noun after one of `making_verbs`
        and its owners, articles and describing words, in a sentence with no body part
        or other person and no treatment named; -1 if none."""
        if self.treated:
            return -1
        for j in range(i - 2, -1, -1):
            low = self.low[j]
            if self.doc[j].is_punct and low in (".", "!", "?"):
                return -1
            if j in self.guards or (low in self.s.person_words and low not in self.s.first_person):
                return -1
            if not (self.doc[j].is_alpha and j not in self.known and self.kind(j) == "thing"):
                continue
            k = j - 1
            while k >= 0 and (
                self.low[k] in self.s.owners
                or self.low[k] in self.s.articles
                or self.kind(k) == "thing"
                or (wordnet.is_adjective(self.low[k]) and k not in self.known)
            ):
                k -= 1
            return j if k >= 0 and self.low[k] in self.s.making_verbs else -1
        return -1

    def _first_thing_before(self, i: int) -> int:
        """The first noun of the sentence before ``i - 1`` when it names a thing and the
        sentence names no body part, person or first person before ``i``; else -1."""
        first = -1
        for j in range(i - 2, -1, -1):
            if self.doc[j].is_punct and self.low[j] in (".", "!", "?"):
                break
            if j in self.guards or self.low[j] in self.s.person_words:
                return -1
            if self.low[j] in self.s.first_person:
                return -1
            if self.doc[j].is_alpha and j not in self.known and self.kind(j) == "thing":
                first = j
        if first < 0 or self.is_time(self.low[first]):
            return -1
        return first

    def _verb_goes_on(self, start: int) -> bool:
        """The sign at ``start`` opens its comma clause with a verb in the third person
        ("barely PULLS any air", "hardly DRAWS"), over words of degree or manner: the
        clause goes on with the subject before the comma ("the fan is choking, barely
        pulls any air"); "I" left out would take no "-s" ("can't breathe", "barely
        breathing" stop at the comma as before)."""
        j = start
        while j < len(self.doc) and (self.low[j] in self.s.degree_words or self._manner(j)):
            j += 1
        if j >= len(self.doc):
            return False
        low = self.low[j]
        if j in self.body or low in self.s.person_words or not low.endswith("s"):
            return False
        if low.endswith("ss") or low in ("is", "was", "has", "does", "goes"):
            return False
        return _third_person_verb(low)

    def _before_time(self, i: int) -> bool:
        """The number word at ``i`` counts a time ("three weeks", "two days"): no subject."""
        return i + 1 < len(self.doc) and self.is_time(self.doc[i + 1].lower_)

    def subject_before(self, start: int, limit: int = 8) -> tuple[str, int]:
        """What the walk back from ``start`` finds first: ("person"|"thing"|"", index)."""
        if self._opens_own_clause(start):
            return "", start - 1  # "... 3 days ago n SWALLOWING IS so hard": its own subject
        i, anchor = start - 1, start
        joined = False  # the walk went back over "and" into an earlier clause
        while i >= 0 and anchor - i <= limit and self.same(i, anchor):
            tok = self.doc[i]
            low = tok.lower_
            if low == "," and i == start - 1 and self._verb_goes_on(start):
                i -= 1  # "the fan is choking, barely PULLS any air": the fan's, over the comma
                anchor = i
                continue
            if (
                low == ","
                and i == start - 1
                and start + 1 < len(self.doc)
                and self.low[start] in _HARD
                and self.low[start + 1] == "to"
            ):
                i -= 1  # "the biryani was dry, HARD TO swallow": the same subject, over the comma
                anchor = i
                continue
            if low == ")":
                opener = self._aside_opener(i)
                if opener > 0:
                    i = opener - 1  # "the window (the clear plastic bit) went foggy": the window
                    anchor = i
                    continue
            if low in PUNCT_STOP or self._adding(i):
                return "", i
            if self.is_time(low) and self._time_owned(i):
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
            if i in self.known and i not in self.body and self._opened_made_thing(i):
                return "thing", i  # "the purple BALL has lost its colour": a made thing
            if (
                tok.is_digit
                or (tok.like_num and self._before_time(i))  # "for THREE weeks": a length of time
                or low in ("'", '"')
                or self.is_time(low)
                or (i in self.known and i not in self.body)
            ):
                became = self._it_goes_on(i, start) if low == "it" and start != i + 1 else -1
                if became >= 0:
                    return "thing", became  # "... but IT CAME OUT blotchy"
                i -= 1  # "floor 3", "'science' fever", "bubbles keep swelling"
                continue
            if (
                low in ("and", "or")
                and i > 0
                and self.kind(i - 1) != "person"
                and self.doc[i - 1].lower_ not in self.s.object_pronouns
            ):
                i -= 2  # "the castle deflated and collapsed", "the kettle whistles and wheezes"
                joined = True
                continue
            if low in ("and", "or") and i > 0 and self.doc[i - 1].lower_ in self.s.object_pronouns:
                return "", i  # "hurts when I move IT and everything looks smudgy": its object
            seems = i > 0 and self.doc[i - 1].lower_ in self.s.seeming
            its = self._its_is(i) or (low == "its" and i == start - 1)  # "like ITS out of breath"
            if (low in ("it", "they") or its) and seems:
                i -= 3 if i > 1 and self.doc[i - 2].lower_ == "," else 2
                looked = (
                    i > 0 and self.doc[i].lower_ in _LOOK_VERBS and self.doc[i - 1].lower_ == ","
                )
                if looked:
                    i -= 2  # "the shelf has cracks, looks like it might collapse": its subject
                anchor = i  # the simile goes on over its comma ("crackly, like it's choking")
                while not looked and i > 0 and self.same(i - 1, anchor) and self._present_verb(i):
                    i -= 1  # "the lift shudders and JERKS like it's ...": the subject's verbs
                    if self.doc[i].lower_ in ("and", "or"):
                        i -= 1
                continue  # "the lamp flickers like it's having a fit", "lights ... like they're"
            if low == "it":
                before = self._it_goes_on(i, start)
                if before >= 0:
                    return "thing", before  # "the boiler keeps dropping AND IT wheezes"
                return "", i
            if low in self.s.skip_words and low not in self.s.person_words and i not in self.body:
                i -= 1
                continue
            if low in self.s.likeness_words:
                return "", i  # "a pea sized lump", "a coin shaped patch": a comparison
            if low in self.s.discourse_nouns and self.doc[i + 1].lower_ in self.s.discourse_verbs:
                return "", i  # "the thing is, one side of my smile ...": a discourse frame
            if low in self.s.subject_places and i not in self.known and not joined:
                # (not after "and": "a bee got INTO her drink and her throat is ...")
                head = self._before_place(i)
                if head >= 0:
                    return "thing", head  # "the wifi AT my flat is gasping"
            if wordnet.is_adjective(low) and i not in self.known and low not in self.s.thing_words:
                i -= 1  # "the market had a REAL fever" (not "the REMOTE dropped": a thing)
                continue
            if self._manner(i):
                i -= 1  # "the shelf SLOWLY collapsed": how, not who
                continue
            if (
                low.endswith("ing")
                and i > 1
                and self.low[i - 1] in _PROGRESSIVE
                and i - 2 in self.body
            ):
                i -= 1  # "my eye IS MAKING big pain": the part's verb going on, no thing named
                continue
            if low in self.s.antecedent_nouns and i not in self.known:
                before = self._antecedent(i)
                if before >= 0:
                    return self.kind(before), before  # "boxes? the cheap ONES collapse"
            if self._verb_on_owned_part(i):
                return "", i - 1  # "a pain HIT my head": the verb; its subject is the pain
            head = self._relative_head(i)
            if head < 0:
                head = self._relative_purpose(i)
            if head >= 0 and head in self.known:
                return "thing", head  # "the sponge I bought": a made thing of the vocabulary
            if head >= 0:
                i = head  # "the pdf YOU EMAILED is all blurry": the pdf
                continue
            if self._told_verb(i):
                i -= 1  # "I FELL on the floor": the verb after its subject, no thing
                continue
            if self._participle_after_comma(i):
                return "", i - 1  # "she sounded drunk, MIXING up words and slurring": her own
            kind = self.kind(i)
            if kind == "" and (self.unknown_thing(i) or self._prefixed_activity(i)):
                kind = "thing"  # "the aircon is wheezing": a word no dictionary knows
            if kind == "thing":
                owner = self._place_of(i)
                if owner >= 0:
                    return "person", owner  # "my son AT SCHOOL had a seizure": the son's
            if kind == "thing" and self.likened_noun(i):
                return "", i  # "big like a DUCK, and the tongue ...": a comparison, no subject
            if kind in ("person", "thing"):
                return kind, i
            if kind == "noun" and i == start - 1 and self.compound(i):
                return "thing", i  # "asset seizure", "festival fever"
            if kind == "":
                return "", i
            i -= 1
        return "", i

    def _told_verb(self, i: int) -> bool:
        """The word at ``i`` is the verb of a told event right after its subject and before
        where it went ("I FELL on the floor", "she FELL off the stool"), a word WordNet also
        knows as a noun ("fell"): not a thing. Never in a question ("how do you SPELL
        breathless", "how would you EXPLAIN a stroke"): there the walk goes on as before."""
        if i < 1 or i in self.body or i in self.known or self.low[i - 1] not in _TELLERS:
            return False
        if i > 1 and self.low[i - 2] in _ASKING:
            return False
        if i + 1 >= len(self.low) or self.low[i + 1] not in _WHERE_TO:
            return False  # "... before I TAKE the legs off": the verb's object comes next
        if i >= 3 and self.low[i - 3] in _NOUN_OPENERS and wordnet.is_mainly_noun(self.low[i - 2]):
            return False  # "the tent I PUT up collapsed": a clause that describes the tent
        low = self.low[i]
        return low not in self.s.person_words and wordnet.is_verb(low)

    def _relative_head(self, i: int) -> int:
        """The noun a clause with no "that" describes, when the walk back meets its verb
        at ``i`` ("the pdf YOU EMAILED is all blurry", "the curtains they fitted are
        fading"): a past verb right after a pronoun that names who did it, after a
        noun with an article or an owner before it; its index, or -1."""
        if i < 3 or i in self.known or not self.low[i].endswith(_PAST_ENDINGS):
            return -1
        low = self.low[i]
        if wordnet.is_mainly_noun(low) or not (
            wordnet.is_verb(low) or not (wordnet.classes(low) or wordnet.is_adjective(low))
        ):
            return -1  # a verb, or a word no dictionary knows ("emailed")
        if self.low[i - 1] not in _DOERS:
            return -1
        noun = i - 2
        opener = i - 3
        if (
            self.low[opener] not in _NOUN_OPENERS
            and opener >= 1
            and self.low[opener - 1] in _NOUN_OPENERS
            and self.doc[opener].is_alpha
            and (opener not in self.known or wordnet.is_adjective(self.low[opener]))
            and opener not in self.body
        ):
            opener -= (
                1  # a name of two words: "the Victoria sponge I bought", "the blue ink I ordered"
            )
        if self.low[opener] not in _NOUN_OPENERS:
            return -1
        if noun in self.body or not self.doc[noun].is_alpha:
            return -1
        if noun in self.known and not self._made_thing(noun):
            return -1  # "the rash I noticed yesterday": a sign, not a thing
        if not (wordnet.is_mainly_noun(self.low[noun]) or self.unknown_thing(noun)):
            return -1
        return noun

    def _adding(self, i: int) -> bool:
        """ "plus" that adds a new noun phrase ("..., PLUS a splitting headache came on"): a
        joiner like "and", not the noun "a plus"."""
        return (
            self.low[i] == "plus"
            and i + 1 < len(self.doc)
            and self.low[i + 1] in _ADDED_DETERMINERS
        )

    def _opens_own_clause(self, start: int) -> bool:
        """A body word right after "and" (or "n", "&", "but") with a verb of being or
        feeling right after it is the subject of a clause of its own ("had the jab 3 days
        ago n SWALLOWING IS so hard"), not a verb that shares an earlier subject ("the
        dog keeps coughing and swallowing")."""
        return (
            0 < start < len(self.doc) - 1
            and start in self.body
            and self.low[start - 1] in _NEW_CLAUSE
            and self.low[start + 1] in _OWN_CLAUSE_VERBS
        )

    def _participle_after_comma(self, i: int) -> bool:
        """An -ing verb right after a comma ("..., MIXING up words and slurring"): a clause
        that goes on with the subject before the comma, not a thing named "mixing"."""
        low = self.low[i]
        if i < 1 or self.low[i - 1] != "," or not low.endswith("ing") or i in self.body:
            return False
        stem = low[:-3]
        return any(
            wordnet.is_verb(v)
            for v in (stem, stem + "e", stem[:-1] if stem[-2:-1] == stem[-1:] else "")
            if v
        )

    def _made_thing(self, i: int) -> bool:
        """A word of the vocabulary that is first a made thing, a food or a substance in
        WordNet ("sponge", "ball"), never a sign's own word ("lump", "spot", "the room
        was spinning")."""
        low = self.low[i]
        if low in self.s.sign_words or not wordnet.is_mainly_noun(low):
            return False
        if not all(k.startswith("FN|") for k in self._keys_at.get(i, [])):
            return False  # a word of a sign's own phrase: "the ROOM was spinning"
        senses = wordnet.classes(low, 1)
        return bool(senses) and senses[0] in _MADE_CLASSES

    def _opened_made_thing(self, i: int) -> bool:
        """A made thing of the vocabulary (``_made_thing``) after an article or an owner,
        with at most one describing word between: "the purple BALL", "my new SPONGE"
        (not "a ball under my skin": there no verb of its own follows it as its subject)."""
        if not self._made_thing(i) or i + 1 >= len(self.doc):
            return False
        k = i - 1
        if k >= 0 and self.low[k] not in _NOUN_OPENERS and wordnet.is_adjective(self.low[k]):
            k -= 1
        return k >= 0 and self.low[k] in _NOUN_OPENERS and self.low[i + 1] in _HAS_VERBS

    def _relative_purpose(self, i: int) -> int:
        """The noun a clause with no "that" describes when the clause ends in what it
        was for, the walk back meeting that verb at ``i`` or its object ("the sponge I
        bought TO TAKE HOME collapsed", "the chair we bought TO SIT ON broke"): "to", a
        verb and at most two more words after a ``_relative_head`` clause; its index, or -1."""
        for k in range(i, max(0, i - 3) - 1, -1):
            if self.low[k] != "to":
                continue
            if k + 1 > i or not wordnet.is_verb(self.low[k + 1]):
                return -1
            if any(
                j in self.known or j in self.body or not self.doc[j].is_alpha
                for j in range(k + 1, i + 1)
            ):
                return -1
            return self._relative_head(k - 1) if k >= 4 else -1
        return -1

    def _verb_on_owned_part(self, i: int) -> bool:
        """The word at ``i`` is a verb between a sign word as its subject and an owned
        part of the vocabulary as its object ("a pain HIT my head", "the ache struck my
        jaw"), or "it" told of the sign, into the part ("it HIT inside my skull like a
        bomb"): a WordNet verb that is also a noun ("hit"), not a thing itself. (Not when
        a thing or a person comes before it: "onions MAKE my eyes stream", "how do I
        HOLD my breath": there the old reading stands.)"""
        if i < 1 or i in self.known or not wordnet.is_verb(self.low[i]):
            return False
        by_sign = i - 1 in self.known and i - 1 not in self.body
        if not (by_sign or self.low[i - 1] == "it"):
            return False
        k = i + 1
        if k < len(self.doc) and self.low[k] in _INTO_PART:
            k += 1  # "it hit INSIDE my skull", "shot THROUGH my head"
        return (
            k + 1 < len(self.doc)
            and self.low[k] in self.s.owners
            and (k + 1 in self.known or k + 1 in self.body)
        )

    def _manner(self, i: int) -> bool:
        """ "slowly", "gradually", "steadily": a word of manner made from a describing
        word (one of `manner_endings` after it: "slow" + "ly"), not a sign word."""
        low = self.low[i]
        if i in self.known or i in self.body or not self.doc[i].is_alpha:
            return False
        for end in self.s.manner_endings:
            stem = low[: -len(end)]
            if low.endswith(end) and len(stem) > 2:
                if wordnet.is_adjective(stem) or wordnet.is_adjective(stem[:-1] + "y"):
                    return True
        return False

    def _antecedent(self, i: int) -> int:
        """ "How many boxes? the cheap ONES collapse": the noun a word of
        `antecedent_nouns` stands for, the nearest plural noun before it in the
        message that names a thing or a person; -1 when none."""
        for j in range(i - 1, -1, -1):
            low = self.low[j]
            if not self.doc[j].is_alpha or j in self.known or not low.endswith("s"):
                continue
            if low in self.s.antecedent_nouns or low in self.s.skip_words:
                continue
            kind = self.kind(j)
            if kind in ("thing", "person"):
                return j
        return -1

    def likened_noun(self, i: int) -> bool:
        """The noun at ``i`` is what something is likened to: a `simile_openers` word
        up to four words before it opening a noun phrase, with no person, owner or body
        word between ("like a duck", "like a sack of potatoes"); a comparison names no
        subject."""
        for j in range(i - 1, max(-1, i - 5), -1):
            if not self.same(j, i) or not self.doc[j].is_alpha:
                return False
            if self.low[j] in self.s.simile_openers:
                # what follows the opener is a noun phrase: "like A duck", "like ducks"
                # (not a clause: "like IT runs out of breath")
                return j == i - 1 or self.low[j + 1] in self.s.articles
            if self.low[j] in self.s.person_words or self.low[j] in self.s.owners or j in self.body:
                return False
        return False

    def _before_place(self, p: int) -> int:
        """The thing a place phrase describes, the subject of the state after it: "the
        wifi AT my flat is gasping", "the big wheel AT the fair had a seizure", "my
        shares went INTO a seizure" (`subject_places` at ``p``). Over the verbs of
        `skip_words` ("went"), a noun that names a thing after an article or an owner
        (over one word that names a thing or that no dictionary knows: "the CEILING
        fan"), the noun phrase opening its clause; -1 when none ("I fell on the
        stairs": no article; "I was on the sofa at the hotel": a place itself)."""
        j = p - 1
        while j >= 0 and self.same(j, p) and self.low[j] in self.s.skip_words:
            if self.low[j] in self.s.articles or self.low[j] in self.s.owners:
                return -1  # "a seizure in THE car": an object, not a subject
            j -= 1
        if j < 1 or not self.same(j - 1, p) or not self.doc[j].is_alpha:
            return -1
        kind = self.kind(j)
        if kind == "" and self.unknown_thing(j):
            kind = "thing"
        if kind != "thing" or self.is_time(self.low[j]):
            return -1
        k = j - 1
        opener = self.s.articles | self.s.owners
        if self.low[k] not in opener and self.doc[k].is_alpha:
            if self._known_word(k) and self.kind(k) != "thing":
                return -1
            k -= 1  # "the FERRIS wheel", "the CEILING fan"
        if k < 0 or not self.same(k, p) or self.low[k] not in opener:
            return -1
        k -= 1
        # the thing opens its clause ("the wifi at ..."), not a place itself ("I was ON
        # the sofa at the hotel and collapsed")
        opens = k < 0 or not self.same(k, p) or not self.doc[k].is_alpha
        return j if opens or self.low[k] in self.s.clause_openers else -1

    def _place_of(self, i: int) -> int:
        """The person whose place the thing at ``i`` names: "my son AT school", "the
        baby IN the cot" (a `subject_places` word before its noun phrase, a person
        right before that); -1 otherwise."""
        j = i - 1
        while (
            j >= 0
            and self.same(j, i)
            and self.low[j] not in self.s.subject_places
            and (
                self.low[j] in self.s.articles
                or self.low[j] in self.s.owners
                or (wordnet.is_adjective(self.low[j]) and j not in self.known)
            )
        ):
            j -= 1
        if j < 1 or not self.same(j - 1, i) or self.low[j] not in self.s.subject_places:
            return -1
        k = j - 1
        if self.low[k] in _POSTURES:
            # "she's SITTING on the sofa struggling to get air in", "he was lying in bed":
            # the person who sits or lies there, over the verb and its helpers
            k -= 1
            while k >= 0 and self.same(k, i) and self.low[k] in _BE_SHORT | _POSTURE_HELPERS:
                k -= 1
            if k < 0 or not self.same(k, i):
                return -1
            if self.low[k] in self.s.first_person:
                return k
        return k if self.kind(k) == "person" else -1

    def _its_is(self, i: int) -> bool:
        """ "like ITS having a fit": "its" written for "it's", before a verb of
        `skip_words` (having, been, going), not before a noun ("like its owner")."""
        if self.low[i] != "its" or i + 1 >= len(self.doc):
            return False
        nxt = self.low[i + 1]
        return nxt in self.s.skip_words and nxt.endswith(("ing", "een"))

    def _known_word(self, k: int) -> bool:
        low = self.low[k]
        return wordnet.is_dictionary_word(low) or wordnet.is_lemma(low, verbs=True)


_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _third_person_verb(low: str) -> bool:
    """``low`` (ending in "s") is a verb's lemma plus "s" or "es" ("pulls", "wheezes")."""
    stems = (low[:-1], low[:-2]) if low.endswith("es") else (low[:-1],)
    return any(wordnet.is_verb(w) for w in stems if w)


@functools.lru_cache(maxsize=512)
def _slip_of_someone(low: str) -> bool:
    """``low`` is one slip of the keyboard (a letter left out, added, changed, or two
    swapped) from a noun whose first WordNet sense is a person or the body
    ("husbnd", "babby", "neckk")."""
    forms = {low[:k] + low[k + 1 :] for k in range(len(low))}
    forms |= {low[:k] + low[k + 1] + low[k] + low[k + 2 :] for k in range(len(low) - 1)}
    forms |= {low[:k] + c + low[k:] for k in range(len(low) + 1) for c in _LETTERS}
    forms |= {low[:k] + c + low[k + 1 :] for k in range(len(low)) for c in _LETTERS}
    forms.discard(low)
    return any(
        wordnet.is_mainly_noun(f) and wordnet.classes(f, 1)[:1] in ((8,), (18,)) for f in forms
    )


_LOOK_VERBS = frozenset({"looks", "seems", "sounds", "looked", "seemed", "sounded"})
