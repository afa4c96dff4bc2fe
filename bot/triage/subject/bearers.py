"""Who or what bears a sign, when it is no one's body now: an animal or a plant
("the hamster's eye is swollen shut", "the wisteria is swallowing the fence"),
the weather ("is it grey and drizzly"), a habit told with its trigger ("she
goes white at the sight of blood"), a stranger's passing event ("a colleague
fainted at the meeting yesterday"), a dislike ("can't stand blood"), a body
word in a describing compound ("an eye-watering bill"), a scare told as
hyperbole ("it nearly gave me a heart attack"), a thing chosen among others
("which one is less blurry"), a writer puzzled by a word ("what does that
phrase mean, I'm confused").

Each is a plain function of a ``Reader`` and returns the reason for staff, or
"". None reads a message that names the treatment: a report after treatment
keeps every sign.
"""

from __future__ import annotations

import bisect
import functools

from bot.triage import forms, wordnet
from bot.triage.match import Match
from bot.triage.subject.frames import quoted_in, still_going
from bot.triage.subject.reader import BODY_CLASSES, PUNCT_STOP, Reader
from bot.triage.subject.sentences import body_in_sentence, body_noun, sentence, treatment_named

_FIRST_OWNERS = frozenset({"my", "our", "your", "ur", "yr"})


#: words that open a question after a comma ("..., how hard can I cut it back")
_QUESTION_OPENERS = frozenset(
    {
        "how",
        "what",
        "when",
        "where",
        "why",
        "which",
        "can",
        "could",
        "should",
        "is",
        "are",
        "do",
        "does",
        "any",
        "will",
        "would",
    }
)


def _treatment_beyond_time(r: Reader) -> bool:
    """The treatment is named by more than a day count ("since day 2" may be a pet's
    second day home): any anchor word that is no number nor time word."""
    if not treatment_named(r):
        return False
    return any(
        not (r.doc[i].is_digit or r.doc[i].lower_ in r.s.time_words)
        for k, spans in r.found.items()
        if k.startswith("ANCHOR|") and k != "ANCHOR|symptom"
        for a, b in spans
        for i in range(a, b)
    )


def asked_after(r: Reader, first: int, k: int) -> bool:
    """Token ``k`` is in a question opened after a comma that follows ``first``."""
    for j in range(k - 1, first, -1):
        if r.doc[j].text in (",", ";", "-"):
            return j + 1 < len(r.doc) and r.doc[j + 1].lower_ in _QUESTION_OPENERS
    return False


#: how far a reading looks around a sign, within its sentence (a message of one
#: endless sentence is read near each sign, not whole for each)
_WIDTH = 30


def _low(r: Reader) -> list[str]:
    """The lower-cased tokens of the message (the reader's, made once per message)."""
    return r.low


def _window(r: Reader, i: int) -> range:
    """The sentence of ``i``, at most `_WIDTH` tokens either side of it."""
    span = sentence(r, i)
    return range(max(span.start, i - _WIDTH), min(span.stop, i + _WIDTH))


def _segment(r: Reader, i: int) -> range:
    """The tokens around ``i`` up to a comma or the ends of its window."""
    span = _window(r, i)
    lo = i
    while lo > span.start and r.doc[lo - 1].text not in (",", ";"):
        lo -= 1
    hi = i
    while hi < span.stop and r.doc[hi].text not in (",", ";"):
        hi += 1
    return range(lo, hi)


def _kin_named(r: Reader) -> bool:
    """The message names someone the patient speaks for (once per message)."""
    if "_bearers_kin" not in r.__dict__:
        low = _low(r)
        words = {w for w in low if w.isalpha() and w in r.s.person_words}
        r.__dict__["_bearers_kin"] = any(_kin(r, w) for w in words)
    return bool(r.__dict__["_bearers_kin"])


_SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "i", "we", "he's", "she's"})


def _other_pronoun(r: Reader, k: int, subjects: bool = True) -> bool:
    """Token ``k`` names a person as an object ("him", "them", "me", "us", or "her"
    not before a noun) or, with ``subjects``, as a subject ("he", "she", "they"):
    someone who may be the one the sign is said of."""
    w = r.doc[k].lower_
    if w in ("him", "them", "me", "us") or (subjects and w in _SUBJECT_PRONOUNS):
        return True
    if w != "her":
        return False
    nxt = r.doc[k + 1].lower_ if k + 1 < len(r.doc) else ""
    return not (r.doc[k + 1].is_alpha and wordnet.lemma(nxt) is not None) if nxt else True


def _classes1(low: str) -> tuple[int, ...]:
    if not wordnet.is_mainly_noun(low):
        return ()
    return wordnet.classes(low, 1)


def _kin(r: Reader, low: str) -> bool:
    """A person the patient speaks for: kin, a friend, a partner, a child (WordNet
    kinds of `spoken_for_kinds`), or a word of `person_words` WordNet does not
    know as a person ("mum", "nan")."""
    if low in r.s.bearer_pronouns or low in r.s.first_person or low in r.s.others:
        return False
    if wordnet.kinds(low, 2) & r.s.spoken_for_kinds:
        return True
    cls = wordnet.classes(low, 2)
    return low in r.s.person_words and 18 not in cls and 14 not in cls


def _non_human_noun(r: Reader, j: int) -> bool:
    low = r.doc[j].lower_
    if low in r.s.person_words or j in r.body or j in r.known or low in r.s.sign_words:
        return False
    if wordnet.lemma(low) in r.s.person_words or low.rstrip("s") in r.s.person_words:
        return False  # "my mums temple": a mum, not chrysanthemums
    if _first_name(r, j):
        return False  # "why are Tom's lips going blue", "Rose's eye": a person's name
    return low in r.s.pet_words or bool(set(_classes1(low)) & r.s.nonhuman_classes)


def _likened_owner(r: Reader, i: int) -> int:
    """The animal or plant a comparison names, when "its" before the body word at ``i``
    stands for it: "like a frog with ITS throat puffed out", "like a pufferfish with its
    cheeks full"; -1 otherwise (a noun phrase of up to three words after "its")."""
    its = next((k for k in range(i - 1, max(-1, i - 4), -1) if r.low[k] == "its"), -1)
    if its < 2 or not r.same(its, i) or any(k in r.body for k in range(its + 1, i)):
        return -1
    for j in range(its - 1, max(-1, its - 4), -1):
        if not r.same(j, its) or not r.doc[j].is_alpha:
            return -1
        if _non_human_noun(r, j) and r.likened_noun(j):
            return j
    return -1


def _first_name(r: Reader, j: int) -> bool:
    """Token ``j`` is a capitalised name before "'s", inside its sentence and with no
    article or owner before it: a person ("Tom's lips", "Robin's eye"), never "the
    Robin's nest" or a sentence's first word."""
    tok = r.doc[j]
    if not (tok.is_alpha and tok.is_title) or j + 1 >= len(r.doc):
        return False
    if r.doc[j + 1].lower_ not in ("'s", "’s") or tok.is_sent_start or j == 0:
        return False
    before = r.doc[j - 1].lower_
    return before not in r.s.articles and before not in r.s.owners and before not in ("our", "the")


def non_human(r: Reader, m: Match) -> str:
    """The sign is said of an animal or a plant (first WordNet sense 05 or 20, in
    `nonhuman_classes`): its owner before "'s" ("the hamster's eye"), the walk
    back's subject ("the wisteria is swallowing"), or the sentence's first noun
    that its pronouns then name ("the tortoise hasn't woken up and his skin looks
    pale", "the kitten we got is sneezing and has gunky eyes").

    Never when the sentence has a first person after the animal (other than "we
    got it" right after it), someone the patient speaks for or any person word
    but the animal's pronouns, a body part owned by the writer ("my hand"), a
    body part after "his"/"her" right after a verb of action ("the cat scratched
    her face": her face may be a child's), nor when the message names the
    treatment."""
    for i in sorted(m.words()):
        likened = _likened_owner(r, i) if i in r.body else -1
        if likened >= 0:
            # "I look like a frog with its throat puffed out": the part of the animal a
            # comparison names, whoever else the sentence is about, treatment or not
            return f"said of an animal or a plant: '{r.doc[likened].text}'"
    if _treatment_beyond_time(r):
        return ""
    span = _window(r, m.start)
    low = _low(r)
    bearer = -1
    for i in sorted(m.words()):
        if i not in r.body:
            continue
        i = _part_start(r, i)  # "the pony's hind legs": the owner before the whole part
        if i >= 2 and low[i - 1] in ("'s", "’s"):
            if _non_human_noun(r, i - 2) or _owned_animal(r, i - 2):
                bearer = i - 2  # "the hamster's eye", "our old spaniel's legs"
                break
    if bearer < 0:
        kind, i = r.subject_before(m.start)
        if kind == "thing" and _non_human_noun(r, i):
            bearer = i  # "the wisteria is swallowing"
    chained = bearer < 0
    if chained and m.sign in r.s.bearer_keep_signs:
        subject = _animal_subject(r, m.start)
        if subject >= 0:
            return f"said of an animal or a plant: '{r.doc[subject].text}'"
        return ""  # "a bee got in her drink and her throat is swelling": whose throat?
    if bearer < 0:
        for j in span:
            if j >= m.start:
                break
            if low[j] in r.s.articles or low[j] in r.s.owners or not r.doc[j].is_alpha:
                continue
            if wordnet.is_adjective(low[j]) and not wordnet.is_mainly_noun(low[j]):
                continue
            if _non_human_noun(r, j):
                bearer = j  # "the tortoise ... his skin looks pale"
            break
    if bearer < 0:
        bearer = _bearer_with(r, span, m.start)  # "a kitten with a pink nose"
    if bearer < 0:
        bearer = _moulting(r, span, m.start)  # "leo is shedding and the skin looks grey"
    if bearer < 0:
        return ""
    for k in span:
        if k == bearer:
            continue
        w = low[k]
        if chained and _other_pronoun(r, k, subjects=False):
            return ""  # "the wasp stung HIM and his lip is swelling"
        if k > m.start and asked_after(r, m.start, k) and w not in r.s.owners:
            continue  # "..., how hard can I cut it back": a question after the sign
        if w in r.s.first_person:
            if k > bearer and k - bearer <= 2:
                continue  # "the kitten WE got from you": a relative clause
            if _opinion_after(low, k):
                continue  # "..., I think she's about to shed", "I think a bone is caught in
                # his throat": the writer's opinion, before or after the sign
            if k < bearer and _looked_at(low, k, bearer):
                continue  # "I SAW my snail hanging upside down": the writer only looking
            return ""
        if w in r.s.addressed:
            continue  # "the kitten we got from YOU": the one written to
        if w in r.s.person_words and w not in r.s.bearer_pronouns:
            return ""
        if (
            k > bearer
            and w in r.s.owners
            and any(x in r.body and x not in r.in_idiom for x in (k + 1, k + 2))
        ):  # (not "MY HEART stopped" after it: a fright, the writer's idiom)
            if w in _FIRST_OWNERS:
                return ""  # "the dog bit me and my hand is swollen"
            before = low[k - 1] if k > 0 else ""
            if before not in r.s.skip_words and before not in ("and", ",") and k - 1 != bearer:
                return ""  # "the cat scratched her face": her face may be a child's
    return f"said of an animal or a plant: '{r.doc[bearer].text}'"


#: verbs of opinion after "I": the writer's view of the animal, not the writer's body
_OPINION = frozenset(
    {
        "think",
        "thought",
        "guess",
        "reckon",
        "suppose",
        "believe",
        "assume",
        "expect",
        "wonder",
        "bet",
    }
)


def _opinion_after(low: list[str], k: int) -> bool:
    """The person word at ``k`` only gives the writer's view: "I THINK", "I reckon"."""
    return k + 1 < len(low) and low[k + 1] in _OPINION


#: verbs of looking or finding: "I saw my snail hanging from the lid"
_LOOKING = frozenset(
    {"saw", "see", "seen", "noticed", "notice", "watched", "watch", "found", "spotted", "caught"}
)


def _looked_at(low: list[str], k: int, bearer: int) -> bool:
    """The person word at ``k`` is the writer looking at the animal at ``bearer``: a verb of
    looking right after it and the animal within three words after that ("I saw my snail",
    "I noticed the hamster")."""
    return k + 1 < len(low) and low[k + 1] in _LOOKING and 0 < bearer - (k + 1) <= 3


_GENDERED = frozenset({"he", "she", "his", "her", "him", "he's", "she's", "hes", "shes"})
PERSON_CLASS = 18  # WordNet class: person
_PLACE_OF_VISIT = frozenset({"to", "at", "from"})


def animal_pronoun(r: Reader, m: Match) -> str:
    """The sign is said of "he"/"she" (or a body part of "his"/"her") in its clause, and
    the only one in the message those words can name is an animal: the nearest third
    person before the pronoun is an animal ("I have to take our cat to the vet, his eye's
    gone cloudy"; "our cat got out, she's grey with a white patch"). The writer ("I",
    "we") and the one written to are never "he" or "she".

    Never for an airway or allergic sign (`bearer_keep_signs`: an animal may have stung
    a person), nor when the message names anyone the pronoun could stand for: a person
    word that is no pronoun and no one at large ("my husband walked the dog, his eye
    ..."), a capitalised name inside a sentence, or an object pronoun before the sign ("the
    dog jumped at her"; "if anyone sees her" after it is the animal). A message that names
    the treatment is read too: the writer is never "he" or "she", and no one else is named
    ("had my booster on Monday; took the cat to the vet, his eye's gone cloudy")."""
    if m.sign in r.s.bearer_keep_signs:
        return ""
    low = _low(r)
    seg = _segment(r, m.start)
    clause = range(seg.start, max(m.end, seg.start))
    pronouns = [k for k in clause if low[k] in _GENDERED]
    if not pronouns or any(
        (low[k] in r.s.first_person and not _opinion_after(low, k)) or low[k] in _FIRST_OWNERS
        for k in clause
    ):
        return ""  # ("I think a bone is caught in his throat": the writer's opinion, no bearer)
    first = pronouns[-1]  # the pronoun nearest the sign is its bearer
    for k, tok in enumerate(r.doc):
        w = low[k]
        if w in r.s.person_words and w not in _GENDERED and w not in r.s.first_person:
            if w not in r.s.others and w not in r.s.addressed:
                return ""  # "my husband", "a friend": someone "he" may name
        if w in ("him", "her") and k < first and k + 1 not in r.body:
            if _other_pronoun(r, k, subjects=False):
                return ""  # "the dog jumped at her": someone else is named
        if tok.is_title and tok.is_alpha and not tok.is_sent_start and w != "i" and k < first:
            if wordnet.lemma(w) is None or wordnet.classes(w, 1) == (PERSON_CLASS,):
                return ""  # "Tom took the dog out and his eye ...": a name
    for j in range(first - 1, -1, -1):
        w = low[j]
        if not r.doc[j].is_alpha or w in r.s.first_person or w in r.s.addressed:
            continue
        if w in _GENDERED or w in r.s.person_words:
            continue
        if _non_human_noun(r, j) and (
            w in r.s.pet_words or 5 in _classes1(w) or wordnet.animal_in_any_sense(w)
        ):
            return f"said of an animal, named by its pronoun: '{r.doc[j].text}'"
        if wordnet.is_mainly_noun(w) and PERSON_CLASS in wordnet.classes(w, 1):
            if j >= 2 and low[j - 1] in r.s.articles and low[j - 2] in _PLACE_OF_VISIT:
                continue  # "to the vet", "at the groomer": where one goes, not who
            return ""
    return ""


def _part_start(r: Reader, i: int) -> int:
    """The first word of the body part at ``i`` with up to two describing words
    before it ("hind legs", "left front paw"), to find its owner before "'s"."""
    low = _low(r)
    k = i
    while k > 0 and i - k < 2 and r.doc[k - 1].is_alpha and low[k - 1] not in r.s.owners:
        w = low[k - 1]
        if k - 1 not in r.body and not wordnet.is_adjective(w) and w not in r.s.part_describers:
            break
        k -= 1
    return k


def _owned_animal(r: Reader, j: int) -> bool:
    """Token ``j`` (before "'s") is an animal in any noun sense, of a noun or of a
    compound it opens ("our old labrador's legs": a place first, but a labrador
    retriever), with an owner or article before it (past describing words): a pet,
    never a person's name ("Rose's eye")."""
    low = _low(r)
    if low[j] in r.s.person_words or j in r.body or j in r.known or not r.doc[j].is_alpha:
        return False
    k = j - 1
    while k >= 0 and k >= j - 3 and wordnet.is_adjective(low[k]) and low[k] not in r.s.owners:
        k -= 1
    if k < 0 or (low[k] not in r.s.owners and low[k] not in r.s.articles):
        return False
    return low[j] in r.s.pet_words or wordnet.animal_in_any_sense(low[j])


def _animal_subject(r: Reader, start: int) -> int:
    """An airway sign before ``start`` said in a sentence whose subject is an animal
    the writer names ("my pony ..., and is panting hard", "the puppy is coughing and
    gagging, maybe a bone caught in her throat"): the sentence opens with an owner or
    a definite article, describing words and the animal, then its verb; no one else
    stands in it (no first person, no person word, no object pronoun, no body part of
    the writer's: "my lips"), and "his"/"her" only own body parts (the animal's).
    Returns the animal's index, or -1."""
    low = _low(r)
    span = sentence(r, start)
    j = span.start
    while j < start and not r.doc[j].is_alpha:
        j += 1
    if j >= start or low[j] not in ("the", "my", "our", "his", "her", "their", "this"):
        return -1
    j += 1
    while j < start and wordnet.is_adjective(low[j]) and not _non_human_noun(r, j):
        j += 1
    if j + 1 >= start or not _non_human_noun(r, j):
        return -1
    if low[j + 1] in ("'s", "’s") or wordnet.is_mainly_noun(low[j + 1]):
        return -1  # "the cat's ...", "the cat bowl ...": not the animal and its verb
    for k in range(j + 1, span.stop):
        w = low[k]
        if k > start and asked_after(r, start, k):
            continue  # "..., can someone come and see her": a request after the sign
        if w in r.s.first_person or w in ("him", "them", "me", "us"):
            return -1
        if w in ("her", "his") and k + 1 < span.stop and k + 1 in r.body:
            continue
        if w in ("my", "our") and k + 1 < span.stop and k + 1 in r.body:
            return -1  # "... rubbed against MY face and now MY lips ...": the writer's body
        if w in r.s.person_words and w not in r.s.bearer_pronouns:
            return -1
        if w in r.s.others:
            return -1
    return j


def _moulting(r: Reader, span: range, start: int) -> int:
    """ "leo is shedding and the skin looks grey and pale": a subject that moults (one of
    `moult_verbs` with no object after it, only a pause, "and" or a time word) is an
    animal whoever it is named by, a pet's own name too; the bare "the skin" after it
    in its sentence is the animal's. Returns the subject's index, or -1. Never a person
    word, a relative or a body part ("my face is shedding")."""
    low = _low(r)
    for k in range(span.start, start):
        if low[k] not in r.s.moult_verbs:
            continue
        if k + 1 < len(low) and r.doc[k + 1].is_alpha and low[k + 1] not in r.s.moult_after:
            return -1  # "she is shedding skin", "shedding the weight"
        j = k - 1
        while j >= span.start and low[j] in r.s.moult_helpers:
            j -= 1  # "leo IS shedding", "our gecko HAS BEEN shedding"
        if j < span.start or j == k - 1 or not r.doc[j].is_alpha or j in r.body:
            return -1
        if low[j] in r.s.person_words or low[j] in r.s.first_person or low[j] in r.s.others:
            return -1
        if _kin(r, low[j]):
            return -1  # "my son is shedding": a person
        return j
    return -1


def _bearer_with(r: Reader, span: range, start: int) -> int:
    """ "a ginger kitten with one white paw and a pink nose", "a fern with pale leaves": the
    animal or plant right before "with", when only describing words, parts and "and"
    stand between it and the sign (no verb, no person)."""
    low = _low(r)
    for k in range(start - 1, max(span.start, start - 10) - 1, -1):
        w = low[k]
        if w == "with":
            return k - 1 if k > span.start and _non_human_noun(r, k - 1) else -1
        if not r.doc[k].is_alpha or w in r.s.person_words or w in r.s.first_person:
            return -1
        if w in r.s.articles or w in ("and", "one", "two", "a", "an") or k in r.body:
            continue
        if wordnet.is_adjective(w) or wordnet.is_mainly_noun(w):
            continue
        return -1
    return -1


def weather(r: Reader, m: Match) -> str:
    """A colour said of "it" in a sentence about the weather ("is it grey and
    drizzly", "it's grey and raining out"): one of `weather_states` in the
    sentence, no body part, no treatment."""
    if m.sign not in r.s.colour_signs or treatment_named(r):
        return ""
    words = sorted(m.words())
    low = _low(r)
    it = [i for i in range(max(0, m.start - 2), m.end) if low[i] == "it"]
    if not it or body_in_sentence(r, m.start, m.end):
        return ""
    if any(i in r.body for i in words):
        return ""
    span = _window(r, m.start)
    if not any(low[j] in r.s.weather_states for j in span):
        return ""
    return "the weather"


def _after_sign(r: Reader, m: Match) -> range:
    span = _window(r, m.start)
    return range(m.end, span.stop)


def _habit_link(r: Reader, x: int) -> bool:
    low = _low(r)[x]
    return low in r.s.skip_words or low in r.s.habit_links


def _trigger(r: Reader, j: int) -> bool:
    """Token ``j`` names what sets a habit off: a trigger, an effort, a condition
    after "in"/"the" ("in the cold"), or company after "around" and a person or
    an owner ("around my boss")."""
    low = _low(r)
    w = low[j]
    if w in r.s.habit_triggers or w in r.s.habit_efforts:
        return True
    if w in r.s.habit_conditions:
        k = j - 1
        while k > 0 and low[k] in r.s.articles:
            k -= 1
        return k >= 0 and low[k] == "in"
    if w in r.s.habit_company and j + 1 < len(low):
        nxt = low[j + 1]
        return nxt in r.s.owners or nxt in r.s.person_words or _classes1(nxt)[:1] == (18,)
    return False


def _episode_word(r: Reader, low: list[str], j: int) -> bool:
    """One of `habit_not` at ``j`` that tells an episode now, not one inside a question
    asking leave ("can I STILL book?", "could she NOW come in": after one of
    `habit_not_asked` and a person, it is about the booking, not the habit)."""
    if low[j] not in r.s.habit_not:
        return False
    return not (
        j >= 2 and low[j - 2] in r.s.habit_not_asked and low[j - 1] in r.s.habit_asked_people
    )


def habitual(r: Reader, m: Match) -> str:
    """A habit told with its trigger, not an episode now: "she goes white at the
    sight of blood", "my hands go numb with nerves", "she gets out of breath on
    the stairs", "my voice trembles whenever I give a talk". One of `habit_verbs`
    (a present form: "goes", "get") right before the state or inside the sign's
    words, or the sign's own verb in the present ("trembles") right before one of
    `generic_openers` ("when", "whenever"), then in the sentence after it a trigger
    of `habit_triggers` (a sight, nerves, stress), an effort of `habit_efforts`
    (stairs, hills, running), a condition of `habit_conditions` after "in" ("in
    the cold") or company ("around my boss"); only `habit_links` ("so", "into a")
    between the verb and the state. Never after "did" ("did her lips go blue": a
    past episode), with one of `habit_not` in the sentence ("now", "suddenly",
    "since", "today": an episode) or the treatment named."""
    if treatment_named(r):
        return ""
    low = _low(r)
    span = _window(r, m.start)
    again = _every_time_after(r, m, span)  # its own "after" tells no episode
    if any(_episode_word(r, low, j) for j in span if not (again >= 0 and j == m.end)):
        return ""
    window = range(max(span.start, m.start - 4), m.end)
    verbs = [j for j in window if low[j] in r.s.habit_verbs and j not in r.body]
    if not verbs and again >= 0:
        return f"a habit with its trigger ('after ... {r.doc[again].text} time')"
    opener = -1
    if not verbs and m.end < len(low) and low[m.end] in r.s.generic_openers:
        if low[m.end - 1].endswith("s") and not low[m.end - 1].endswith("ss"):
            verbs, opener = [m.end - 1], m.end  # "my voice shakes WHEN I give talks"
    if not verbs or any(j > 0 and low[j - 1] in ("did", "didn't", "n't") for j in verbs):
        return ""  # "did her lips go blue": a past episode asked about
    if any(
        j < m.start and not all(_habit_link(r, x) for x in range(j + 1, m.start)) for j in verbs
    ):
        return ""  # "goes [to the gym] and ...": not the state's verb
    trigger = next((j for j in _after_sign(r, m) if j > opener and _trigger(r, j)), -1)
    # (the opener itself is no trigger: "my eye hurts WHENEVER I look up" stays)
    if trigger < 0:
        return ""
    return f"a habit with its trigger ('{r.doc[verbs[0]].text} ... {r.doc[trigger].text}')"


def _every_time_after(r: Reader, m: Match, span: range) -> int:
    """ "breathless AFTER the hundred EVERY single TIME": right after the sign, "after" and a
    thing done (at most four words, no body, sign or person word), then "every time", "every
    single time" or "each time": a response that comes back with an activity, not an episode
    now. The index of "every"/"each", or -1."""
    low = _low(r)
    if m.end >= span.stop or low[m.end] != "after":
        return -1
    for j in range(m.end + 1, min(span.stop, m.end + 6)):
        if low[j] in ("every", "each"):
            k = j + 2 if j + 1 < span.stop and low[j + 1] == "single" else j + 1
            if j == m.end + 1 or k >= span.stop or low[k] != "time":
                return -1
            return j
        if j in r.body or j in r.known or low[j] in r.s.person_words or low[j] in r.s.first_person:
            return -1
    return -1


def passing(r: Reader, m: Match) -> str:
    """A stranger's passing event, told as past: "a colleague fainted during the
    meeting yesterday", "the quarterback took a hit and walked off dizzy", "a lady
    nearly passed out in the sauna". The walk back over the sentence finds, first,
    a person the patient does not speak for (a WordNet person of none of
    `spoken_for_kinds`: not kin, a friend, a partner, a child), only their
    pronouns between; the sign is told as past (a time of `story_times` in the
    sentence, one of `passing_words` right before it, or a past verb between).
    Never when the message names someone the patient speaks for ("my mum nearly
    fainted"), the writer in the sentence, the sign told as still going on, or
    the treatment."""
    if treatment_named(r):
        return ""
    low = _low(r)
    span = _window(r, m.start)
    if _kin_named(r):
        return ""
    if any(low[j] in r.s.first_person or low[j] in ("my", "our") for j in span):
        return ""
    if any(low[j] in r.s.still_words for j in span):
        return ""  # "... collapsed and is still on the ground": in danger now
    who = -1
    for j in range(m.start - 1, span.start - 1, -1):
        w = low[j]
        if w in r.s.bearer_pronouns or w in r.s.owners or not r.doc[j].is_alpha:
            continue
        if j in r.body:
            continue
        if w in r.s.person_words or (
            wordnet.is_mainly_noun(w) and wordnet.classes(w, 1)[:1] == (18,)
        ):
            if not _kin(r, w) and not r.colloquial_kin(j):
                who = j
            break
    if who < 0 or any(low[j] in r.s.story_people for j in range(span.start, who)):
        return ""  # "she fell off the bed in the ward": she is the subject
    if any(_other_pronoun(r, j) for j in range(who + 1, m.start)):
        return ""  # "the paramedic checked her and she collapsed": someone else after
    j = who - 1
    while j >= span.start and (low[j] in r.s.articles or wordnet.is_adjective(low[j])):
        j -= 1
    if j >= span.start and (low[j] in _PREPOSITIONS or low[j] in _OBJECT_LINKS):
        return ""  # "in the ward", "off the coach": a place or an object, not a subject
    past = any(low[j] in r.s.story_times for j in span)
    past = past or any(low[j] in r.s.passing_words for j in range(max(who, m.start - 2), m.start))
    past = past or any(
        low[j].endswith("ed") and j not in r.known and j not in r.body
        for j in range(who + 1, m.start)
    )
    past = past or any(low[j].endswith("ed") for j in sorted(m.words()) if j in r.known)
    if not past or still_going(r, m.start):
        return ""  # "... collapsed and isn't moving": in danger now, whoever it is
    return f"a passing event of someone else: '{r.doc[who].text}'"


_DISLIKED_ASPECTS = frozenset({"sight", "of", "smell", "thought", "taste"})


def dislike(r: Reader, m: Match) -> str:
    """ "can't stand blood", "can't stand the sight of needles": a sign ending on
    one of `endure_verbs` whose object is a noun, no body or symptom word (a sign
    word only after an article: "the noise"), or people: one of `disliked_people`
    ("each other", "him"), a person word of `others` or a noun whose first WordNet
    sense is a person ("my boss"); or a doing ("can't stand queueing"). "can't
    stand the pain", "can't stand up", "can't stand it", "can't stand on my left
    leg" keep."""
    end = m.end
    if end > m.start + 1 and r.doc[end - 1].lower_ in r.s.articles:
        end -= 1  # the sign's words end on the object's article ("can't stand THE noise")
    if end - 1 < 0 or r.doc[end - 1].lower_ not in r.s.endure_verbs or treatment_named(r):
        return ""
    said = f"a dislike ('{r.doc[end - 1].text} {{}}')"
    if end < len(r.doc) and r.doc[end].lower_ in r.s.disliked_people:
        return said.format(r.doc[end].text)  # "can't stand each other", "can't stand him"
    for j in range(end, min(len(r.doc), end + 4)):
        w = r.doc[j].lower_
        if w in r.s.articles or w in r.s.owners or w in _DISLIKED_ASPECTS:
            continue
        if j > end and wordnet.is_adjective(w) and j + 1 < len(r.doc) and r.doc[j + 1].is_alpha:
            continue  # "can't stand my NEW manager"
        # a sign word after an article that is only a state of the vocabulary is a thing
        # ("can't stand THE NOISE"); not a function nor a sign ("can't stand the pain")
        named = w in r.s.sign_words and j > end and r.doc[j - 1].lower_ in r.s.articles
        named = named and all(k.startswith("ST|") for k in r.found_at(j))
        if not r.doc[j].is_alpha or (j in r.known and not named) or j in r.body:
            return ""
        if r.doc[j].is_stop and not w.endswith("ing"):
            return ""  # "can't stand OR walk": no object ("being" is one)
        if w in r.s.sign_words and not named:
            return ""
        if w in r.s.others or _classes1(w)[:1] == (18,):
            return said.format(r.doc[j].text)  # "can't stand people", "can't stand my boss"
        if j == end and w.endswith("ing") and forms.is_verb_form(w):
            return said.format(r.doc[j].text)  # "can't stand queueing": a doing disliked
        if w in r.s.person_words or w in r.s.object_pronouns or not wordnet.is_mainly_noun(w):
            return ""
        return said.format(r.doc[j].text)
    return ""


_NOT_VERB_BEFORE_TO = frozenset({"from", "close", "next", "up", "due", "down", "back", "according"})
_PARTICLES = frozenset({"off", "over", "in", "out", "back", "up", "down", "on"})
_OBJECT_OPENERS = frozenset(
    {
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "my",
        "your",
        "our",
        "his",
        "her",
        "their",
        "it",
        "them",
        "some",
        "any",
    }
)


def body_as_verb(r: Reader, m: Match) -> str:
    """A body word that is a verb after "to", with its object: "I have to HAND OVER
    the account", "time to FACE the music", "to SHOULDER the cost". The word is a
    verb of WordNet and first a body part ("to swallow my food" is a function);
    "to" follows no body word or word of place ("from head TO TOE", "next to my
    eye"); its object (a determiner or a pronoun) follows, after a particle at
    most ("hand OVER the"). Never with the treatment named."""
    if treatment_named(r):
        return ""
    low = _low(r)
    for i in sorted(m.words()):
        if i not in r.body or i < 2 or low[i - 1] != "to" or i + 1 >= len(low):
            continue
        if (i - 2) in r.body or low[i - 2] in _NOT_VERB_BEFORE_TO or not r.doc[i - 2].is_alpha:
            continue
        if not wordnet.is_lemma(low[i], verbs=True) or wordnet.classes(low[i], 1)[:1] != (8,):
            continue  # a part of the body ("hand"), never a function ("to swallow my food")
        k = i + 1
        if low[k] in _PARTICLES:
            k += 1
        if k < len(low) and low[k] in _OBJECT_OPENERS:
            return f"a body word used as a verb ('to {r.doc[i].text}')"
    return ""


def compound_word(r: Reader, m: Match) -> str:
    """A body word joined by a hyphen to a state, before a noun of a thing: "an
    eye-watering bill", "a heart-stopping finish" describe the thing; or joined after a
    colour, before a word of degree: "it was blue-lips cold" says how cold, not whose
    lips (owned by no one: "my blue-lips ..." never reads so)."""
    for i in sorted(m.words()):
        if i not in r.body:
            continue
        if _colour_degree(r, i):
            return f"a word of degree ('{r.doc[i - 2].text}-{r.doc[i].text} {r.doc[i + 1].text}')"
        if i + 3 >= len(r.doc) or r.doc[i + 1].text not in ("-", "‐"):
            continue
        if r.noun_after(i + 3, m.start, r.s.after_classes, det=False):
            return f"a word describing '{r.doc[i + 3].text}'"
    return ""


def _colour_degree(r: Reader, i: int) -> bool:
    """ "blue-LIPS cold", "purple-lips freezing": a colour, a hyphen, the body word at
    ``i``, then an adjective that is no noun, and no owner before the colour."""
    if i < 2 or i + 1 >= len(r.doc) or r.doc[i - 1].text not in ("-", "‐"):
        return False
    if r.low[i - 2] not in r.s.shade_words or (i > 2 and r.low[i - 3] in r.s.owners):
        return False
    nxt = r.low[i + 1]
    return wordnet.is_adjective(nxt) and not wordnet.is_mainly_noun(nxt)


def _habit_trigger_thing(r: Reader, start: int) -> int:
    """In the clause before ``start``, "every time", "each time" or "whenever",
    then an article or an owner and a noun that is no body part, person, sign or
    symptom word ("every time I open THE APP"): the thing, or -1. Never with one
    of `habit_not` in the sentence ("every time I stand up since Monday")."""
    low = _low(r)
    seg = _segment(r, start)
    if any(low[j] in r.s.habit_not for j in _window(r, start)):
        return -1
    opened = -1
    for j in range(seg.start, start):
        if low[j] == "whenever" or (low[j] == "time" and j > 0 and low[j - 1] in ("every", "each")):
            opened = j
    if opened < 0:
        return -1
    for j in range(opened + 1, start - 1):
        if low[j] not in r.s.articles and low[j] not in r.s.owners:
            continue
        if _plain_noun(r, j + 1):
            return j + 1
    return -1


def _shock_sight(r: Reader, end: int) -> int:
    """After the sign, in its sentence: one of `shock_openers`, then within a few words
    one of `shock_verbs` and an article or owner before a noun that is no body part,
    person, sign or symptom word ("when I saw THE bill"): that noun, or -1."""
    low = _low(r)
    span = sentence(r, end - 1)
    stop = min(span.stop, end + 10)
    if end >= stop or low[end] not in r.s.shock_openers:
        return -1
    verb = next((j for j in range(end + 1, min(stop, end + 4)) if low[j] in r.s.shock_verbs), -1)
    if verb < 0:
        return -1
    for j in range(verb + 1, stop - 1):
        if low[j] not in r.s.articles and low[j] not in r.s.owners:
            continue
        k = _past_describing(low, j + 1, stop)
        if k + 2 < stop and low[k] in r.s.person_words and low[k + 1] in ("'s", "s", "’s"):
            # a person's thing: "when she saw her grandma's SPOON turned into a ring"
            k = _past_describing(low, k + 2, stop)
        return k if _plain_noun(r, k) else -1
    return -1


#: the parts a fright turns pale: the person's face, not the lips or a patch of skin
_FRIGHT_PARTS = frozenset({"face"})


def fright_at_news(r: Reader, m: Match) -> str:
    """ "I went pale when the teacher said we'd each present": a face gone a colour of
    fright at news someone else told (``_news_teller``); never with the treatment named."""
    if treatment_named(r):
        return ""
    teller = _news_teller(r, m)
    return f"a fright at news ('{r.doc[teller].text}')" if teller >= 0 else ""


def _news_teller(r: Reader, m: Match) -> int:
    """ "I went PALE when the teacher SAID we'd each present": the sign's last word a
    colour of fright (`fright_colours`), then one of `shock_openers`, then within four
    words one of `news_verbs` whose subject is someone else (no first person between the
    opener and the verb): the verb, or -1."""
    low = _low(r)
    end = m.end
    if (
        low[end - 1] not in r.s.fright_colours
        or end >= len(low)
        or low[end] not in r.s.shock_openers
    ):
        return -1
    if any(i in r.body and low[i] not in _FRIGHT_PARTS for i in m.words()):
        return -1  # "my LIPS went white when the nurse said ...": a part's colour, no fright
    for j in range(end + 1, min(len(low), end + 5)):
        if not r.same(j, end) or low[j] in r.s.first_person:
            return -1
        if low[j] in r.s.news_verbs:
            return j if j > end + 1 else -1
    return -1


def _past_describing(low: list[str], k: int, stop: int) -> int:
    """The first word from ``k`` that is no describing word ("the NEW bill": "bill")."""
    while k < stop - 1 and wordnet.is_adjective(low[k]) and not wordnet.is_mainly_noun(low[k]):
        k += 1
    return k


def _plain_noun(r: Reader, k: int) -> bool:
    """A word at ``k`` that is no body part, known sign word, person, symptom or first
    person ("THE APP", "the BILL")."""
    if k in r.body or k in r.known or not r.doc[k].is_alpha:
        return False
    w = _low(r)[k]
    return not (w in r.s.person_words or w in r.s.sign_words or w in r.s.first_person)


def hyperbole(r: Reader, m: Match) -> str:
    """ "it nearly gave me a heart attack", "that almost gave us a stroke": a sign
    given to someone after one of `hyperbole_words`: a scare, not an event. Or a
    sign right after one of them, each time a thing is met ("every time I open
    the bill I nearly faint")."""
    if treatment_named(r):
        return ""
    low = _low(r)
    i = m.start - 1
    while i >= 0 and low[i] in ("a", "an", "the"):
        i -= 1
    if low[m.start] in r.s.hyperbole_words or (
        m.start > 0 and low[m.start - 1] in r.s.hyperbole_words
    ):
        trigger = _habit_trigger_thing(r, m.start)
        if trigger >= 0:
            return f"a scare each time ('{r.doc[trigger].text}')"
        seen = _shock_sight(r, m.end)
        if seen >= 0:
            return f"a scare at a sight or news ('{r.doc[seen].text}')"
        deed = _deed_before(r, m)
        if deed >= 0:
            return f"a scare at what someone else did ('{r.doc[deed].text}')"
    if i < 1 or low[i] not in r.s.give_objects or low[i - 1] not in r.s.give_verbs:
        return ""
    if i < 2 or low[i - 2] not in r.s.hyperbole_words:
        return _ordeal(r, m, i - 1)
    return f"a scare ('{r.doc[i - 2].text} {r.doc[i - 1].text}')"


def _deed_before(r: Reader, m: Match) -> int:
    """ "my wife got 3 in a row AND I almost fainted": the hedged sign ends its sentence and
    follows "and" (and "I"), after a clause of its sentence told of someone close named by a
    noun (of `spoken_for_kinds`: kin, a friend, a partner) with no first person, body part or
    known sign word in it. That person's index, or -1. "I stood up and I almost fainted",
    "my friend drove me home and I nearly fainted" (the writer in the clause), "she said it
    was done and I nearly fainted" (a pronoun: perhaps the nurse) keep the sign."""
    low = _low(r)
    span = sentence(r, m.start)
    if any(r.doc[k].is_alpha for k in range(m.end, span.stop)):
        return -1  # "... and I nearly fainted in the car": more is told of the faint
    j = m.start - 1
    if j >= 0 and low[j] in r.s.hyperbole_words:
        j -= 1
    if j >= 0 and low[j] in r.s.first_person:
        j -= 1
    if j < 1 or low[j] != "and":
        return -1
    clause = range(span.start, j)
    if any(low[k] in r.s.first_person or k in r.body or k in r.known for k in clause):
        return -1
    return next(
        (
            k
            for k in clause
            if wordnet.is_mainly_noun(low[k]) and wordnet.kinds(low[k], 1) & r.s.spoken_for_kinds
        ),
        -1,
    )


def _ordeal(r: Reader, m: Match, give: int) -> str:
    """ "your claims process is giving me a heart attack", "this commute will give me a
    stroke": a heart attack or a stroke (`hyperbole_signs`) given by an ordeal, the noun
    before the give verb (past `hyperbole_links`) whose first WordNet sense is one of
    `hyperbole_classes` (an act, a process, a time, money, a message, a group)."""
    if m.sign not in r.s.hyperbole_signs:
        return ""
    low = _low(r)
    j = give - 1
    while j >= 0 and low[j] in r.s.hyperbole_links:
        j -= 1
    if j < 0 or not r.doc[j].is_alpha or low[j] in r.s.person_words or j in r.body:
        return ""
    if not wordnet.is_mainly_noun(low[j]):
        return ""
    cls = _classes1(low[j])
    if not cls or cls[0] not in r.s.hyperbole_classes:
        return ""
    return f"a scare given by an ordeal ('{r.doc[j].text} ... {r.doc[give].text}')"


def chosen(r: Reader, m: Match) -> str:
    """ "which one is less blurry", "which is more faded": a sign asked of one of
    several things ("which" over degree and linking words), no body part."""
    low = _low(r)
    i = m.start - 1
    while i >= 0 and r.same(i, m.start) and low[i] in r.s.degree_links:
        i -= 1
    if i < 0 or low[i] != "which" or body_in_sentence(r, m.start, m.end):
        return ""
    return "a kind chosen among others"


def picked_out(r: Reader, m: Match) -> str:
    """ "Name of the cheeky one WITH THE BLACK PATCH on his nose?", "who is the guy with
    the droopy eye in the advert": a sign told in a "with" phrase after "the" or "that",
    at most two describing words and one of `picking_heads` (one, guy, girl...) picks
    someone out by a look; it reports nothing about them. Never when the phrase says
    what someone is (a form of "to be" before the article, not asked with "who",
    "which" or "what": "I'm the one with the swollen lips", "she is the one with..."),
    with the writer or kin in the sentence before the sign ("my son, the little one
    with blue lips"), or with the treatment named."""
    if treatment_named(r):
        return ""
    span = _window(r, m.start)
    low = _low(r)
    w = next(
        (j for j in range(m.start - 1, max(span.start, m.start - 5) - 1, -1) if low[j] == "with"),
        -1,
    )
    head = w - 1
    if head <= span.start or low[head] not in r.s.picking_heads:
        return ""
    d = head - 1
    while d > max(span.start, head - 3) and low[d] not in r.s.picking_determiners:
        if not (r.doc[d].is_alpha and wordnet.is_adjective(low[d])):
            return ""
        d -= 1
    if low[d] not in r.s.picking_determiners:
        return ""
    if d > span.start and low[d - 1] in r.s.picking_copulas:
        if d - 1 == span.start or low[d - 2] not in ("who", "which", "what"):
            return ""  # (asked who it is: "who is the guy with ...")
    for j in range(span.start, m.start):
        wj = low[j]
        if wj in r.s.first_person or wj in ("my", "our", "mine"):
            return ""
        if (wj in r.s.person_words or _classes1(wj)[:1] == (18,)) and _kin(r, wj):
            return ""
    return f"someone picked out by a look ('the {r.doc[head].text} with ...')"


def puzzled(r: Reader, m: Match, matches: list[Match]) -> str:
    """A writer puzzled by a word ("what does 'break a leg' mean ... I'm confused"):
    a sign of `puzzled_signs`, the message's only one, in a message that asks what
    a word means (`meaning_words`, not right after one of `speaking_auxiliaries`:
    "what I was saying"), with no body part or treatment."""
    if m.sign not in r.s.puzzled_signs or treatment_named(r):
        return ""
    quoted = quoted_in(r, range(len(r.doc)))
    if any(i not in quoted for i in r.guards):
        return ""  # a body part outside the word asked about
    if any(o is not m and o.status == "counted" for o in matches):
        return ""
    low = _low(r)
    if not any(_asks_meaning(r, low, i) for i in range(len(low))):
        return ""  # no word asked about ("what I was saying" is speech, not a saying)
    return "puzzled by a word"


def _asks_meaning(r: Reader, low: list[str], i: int) -> bool:
    """Word ``i`` asks what a word means: one of `meaning_words`, not right after one of
    `speaking_auxiliaries`; one of `meaning_nouns` only after one of `meaning_determiners`
    ("what does THE SAYING mean", not "wandering round in her coat SAYING she's late")."""
    w = low[i]
    if w not in r.s.meaning_words or (i > 0 and low[i - 1] in r.s.speaking_auxiliaries):
        return False
    return w not in r.s.meaning_nouns or (i > 0 and low[i - 1] in r.s.meaning_determiners)


def object_of_a_thing(r: Reader, m: Match) -> str:
    """A state verb whose object is the writer's thing ("lost my jacket in the
    screen", "choking my whole hedge"): an owner, then a noun whose first WordNet
    sense is an artifact, an animal or a plant (no body, sign or function word).
    A function word told before the state ("speech in 2 hrs and I lost my cue
    cards") does not keep it: the state has its own object; a body part does."""
    if r.treated:
        return ""
    words = sorted(m.words())
    states = [
        k
        for k in words
        if k not in r.body
        and k not in r.perceiving
        and any(x.startswith("ST|") for x in r.found_at(k))  # "lost", not a linking "on"
    ]
    if not states:
        return ""

    def keeps(i: int) -> bool:  # a body or treatment word that keeps the reading
        return not (i in r.perceiving and i < states[0])

    if any(keeps(i) for i in _segment(r, m.start) if i in r.guards):
        return ""
    if any(keeps(i) for i in words if i in r.body):
        return ""
    for k in states:
        j = k + 1
        if j >= len(r.doc) or r.doc[j].lower_ not in _FIRST_OWNERS:
            continue
        j += 1
        while j < len(r.doc) and r.doc[j].lower_ in r.s.skip_words:
            j += 1
        j = _last_of_noun_run(r, j)
        if j >= len(r.doc) or j in r.body or j in r.known:
            continue
        w = r.doc[j].lower_
        if w in r.s.sign_words or w in r.s.person_words or w in PUNCT_STOP:
            continue
        if (
            set(_classes1(w) + (_classes1(w[:-1]) if w.endswith("s") else ()))
            & r.s.owned_thing_classes
        ):
            return f"done to a thing ('{r.doc[k].text} ... {r.doc[j].text}')"
    return ""


def _last_of_noun_run(r: Reader, j: int) -> int:
    """The last noun of a run of nouns from ``j`` ("my CUE CARDS in ...": "cards"),
    none of them a body, vocabulary or person word; ``j`` itself otherwise."""
    k = j
    while (
        k + 1 < len(r.doc)
        and k - j < 2
        and r.doc[k + 1].is_alpha
        and k + 1 not in r.body
        and k + 1 not in r.known
        and r.doc[k + 1].lower_ not in r.s.person_words
        and wordnet.is_mainly_noun(r.doc[k + 1].lower_)
        and wordnet.is_mainly_noun(r.doc[k].lower_)
    ):
        k += 1
    return k


def _pigment(r: Reader, j: int) -> bool:
    if j < 0 or j >= len(r.doc) or j in r.body or j in r.known:
        return False
    low = r.doc[j].lower_
    return low in r.s.pigment_words or bool(wordnet.kinds(low, 1) & r.s.pigment_kinds)


def _drawn_with(r: Reader, i: int) -> bool:
    """The shade at ``i`` is of the tool a mark was made with ("with a purple pen"),
    and its sentence tells no likeness before it ("as if", "like")."""
    j = i - 1
    while j >= 0 and r.doc[j].lower_ in r.s.articles:
        j -= 1
    if j < 0 or r.doc[j].lower_ != "with":
        return False
    span = sentence(r, i)
    return not any(r.doc[k].lower_ in r.s.seeming for k in range(span.start, i))


def pigment(r: Reader, m: Match) -> str:
    """A colour of a pigment on the skin, not the skin's own: a shade of the sign
    right before a pigment ("purple MARKER all over her face"), or a colour mark
    (one of `mark_words` in the sign) whose comma-bounded clause names a pigment
    before it ("the DYE left blue stains on my forehead"). Never when the message
    names the treatment, unless the pigment is the tool a mark was made WITH and
    no likeness is told ("the nurse marked my jaw with a purple pen before the
    injections"; "as if someone drew on it with a blue marker" keeps)."""
    if m.sign not in r.s.colour_signs:
        return ""
    words = sorted(m.words())
    for i in words:
        if r.doc[i].lower_ in r.s.shade_words and _pigment(r, i + 1):
            if not treatment_named(r) or _drawn_with(r, i):
                return f"the colour of '{r.doc[i + 1].text}'"
    stained = _stained_by(r, m)
    if stained:
        return stained
    if treatment_named(r):
        return ""
    coloured = _coloured_with(r, m)
    if coloured:
        return coloured
    if not any(r.doc[i].lower_ in r.s.mark_words for i in range(m.start, m.end)):
        return ""
    seg = _segment(r, m.start)
    for j in range(seg.start, m.start):
        if r.doc[j].lower_ in r.s.person_words or r.doc[j].lower_ in r.s.first_person:
            return ""  # "I used the dye and now ..."
        if _pigment(r, j):
            return f"marks left by '{r.doc[j].text}'"
    return ""


def thing_blind_spot(r: Reader, m: Match) -> str:
    """ "adjust the mirrors to get rid of the blind spot": a sight sign after "the",
    ending on a sign word ("spot"), in a sentence that names an artifact before it
    (first WordNet sense 06) and no body part: the thing's blind spot."""
    if m.sign not in r.s.obscured_signs or treatment_named(r):
        return ""
    if m.start == 0 or r.doc[m.start - 1].lower_ != "the":
        return ""
    if r.doc[m.end - 1].lower_ not in r.s.sign_words or body_in_sentence(r, m.start, m.end):
        return ""
    span = _window(r, m.start)
    for j in range(span.start, m.start):
        w = r.doc[j].lower_
        if j in r.known or j in r.body or w in r.s.sign_words or w in r.s.person_words:
            continue
        if _classes1(w)[:1] == (6,):
            return f"a blind spot of '{r.doc[j].text}'"
    return ""


def then_of_a_thing(r: Reader, m: Match) -> str:
    """ "the pastry puffed up in the oven for an hour and then collapsed": a sign
    right after one of `then_words` (and over `then_fillers`: "and then suddenly")
    has the first subject of its sentence (from its last comma before: "the bbq was
    a disaster, THE GAZEBO blew over and collapsed") for its own; when that subject
    (after an article or an owner, the last noun of its first words: "the bread
    DOUGH") is a thing with no person among its first senses, and the sentence
    names no person, body part, treatment or other sign (a calming state, "a bit
    of", is none), the sign is the thing's ("my mum went pale
    and then collapsed", "the room spun and then collapsed", "she stood up then
    collapsed" stay)."""
    if treatment_named(r) or body_in_sentence(r, m.start, m.end):
        return ""
    i = m.start - 1
    while i >= 0 and r.doc[i].lower_ in r.s.then_fillers:
        i -= 1
    if i < 0 or r.doc[i].lower_ not in r.s.then_words:
        return ""
    span = sentence(r, m.start)
    if any(r.doc[j].lower_ in r.s.person_words or j in r.body for j in span if j < m.start):
        return ""
    if any(
        j in r.symptom_words and r.doc[j].lower_ not in r.s.skip_words and not _only_calming(r, j)
        for j in span
        if j < m.start
    ):
        return ""  # "the room started spinning and then collapsed": the writer's own signs
    j = span.start
    # "the cake rose in the oven, then collapsed": the comma that joins the "then"
    # clause is not the one that opens the subject's
    last = i - 1 if i > 0 and r.doc[i - 1].text == "," else i
    for k in range(last - 1, span.start, -1):
        if r.doc[k].text in (",", ";"):
            j = k + 1  # "the bbq was a disaster, THE GAZEBO blew over and collapsed"
            break
    if j >= len(r.doc) or r.doc[j].lower_ not in r.s.articles | r.s.owners:
        return ""  # a name takes no article ("Sam ran then collapsed")
    # "the fence BLEW over and collapsed": only a thing is blown over by the wind
    blown = any(r.doc[k].lower_ in r.s.blown_words for k in range(j, i))
    head = -1
    for k in range(j + 1, min(i, j + 5)):
        low = r.doc[k].lower_
        if wordnet.is_adjective(low) and not wordnet.is_mainly_noun(low):
            continue  # "the old barn"
        if head >= 0 and (low in _past_forms() or low.endswith("ed")):
            break  # "the dough ROSE": the verb, not the flower
        if r.kind(k) != "thing":
            break
        if 18 in wordnet.classes(low, r.s.senses) and not blown:
            break  # "the fence" may be a person, unless the wind blew it over
        head = k
    if head < 0 or (head + 1 < len(r.doc) and r.kind(head + 1) == "person"):
        return ""
    return f"'{r.doc[head].text}' is a thing, the subject before '{r.doc[i].text}'"


def _only_calming(r: Reader, j: int) -> bool:
    """Token ``j`` is only a state that calms a reading ("a BIT of a disaster"): no sign,
    body word or other state of the vocabulary."""
    keys = [k for k in r.found_at(j) if k.startswith(("ST|", "S|"))]
    return j not in r.body and bool(keys) and all(k in r.calming for k in keys)


@functools.lru_cache(maxsize=1)
def _past_forms() -> frozenset[str]:
    return frozenset(f for forms in wordnet.past_forms().values() for f in forms)


def fall_in_play(r: Reader, m: Match) -> str:
    """ "the kids tumbled down in the snow laughing": a fall (a sign of
    `play_signs` over one of `fall_words`) told with one of `play_laughs` after it
    in its sentence and no person word between: the one who fell laughs, so is
    awake and well. Never with a body part, the treatment, or a word of
    `play_guards` in the message ("fell down laughing and didn't get up", "hit
    her head", "isn't moving")."""
    if m.sign not in r.s.play_signs or treatment_named(r) or body_in_sentence(r, m.start, m.end):
        return ""
    if not any(r.doc[i].lower_ in r.s.fall_words for i in range(m.start, m.end)):
        return ""
    if any(t.lower_ in r.s.play_guards or t.i in r.body for t in r.doc):
        return ""
    span = sentence(r, m.start)
    for j in range(m.end, span.stop):
        low = r.doc[j].lower_
        if low in r.s.person_words or r.kind(j) == "person":
            return ""
        if low in r.s.play_laughs:
            return f"a fall told with '{r.doc[j].text}'"
    return ""


def spot_on_a_thing(r: Reader, m: Match) -> str:
    """ "there's a blind spot on the near side of the trailer": a sight sign ending on
    a sign word ("spot") after "a" or "the", right away placed (one of
    `spot_places`) on an artifact (06 among the noun's first senses, or its usual
    class), with no person, owner, body part, treatment or word of seeing in the
    sentence: where a thing cannot be seen from, not a patient's sight ("a blind
    spot in my left eye", "a blind spot on my right" stay)."""
    if m.sign not in r.s.obscured_signs or treatment_named(r):
        return ""
    if m.start == 0 or r.doc[m.start - 1].lower_ not in r.s.articles:
        return ""
    if r.doc[m.end - 1].lower_ not in r.s.sign_words or m.end >= len(r.doc):
        return ""
    if r.doc[m.end].lower_ not in r.s.spot_places or body_in_sentence(r, m.start, m.end):
        return ""
    span = sentence(r, m.start)
    for j in span:
        if m.start <= j < m.end:
            continue
        w = r.doc[j].lower_
        if w in r.s.person_words or w in r.s.owners or w in r.s.seeing_words:
            return ""
        if j in r.body:
            return ""
    for j in range(m.end + 1, min(span.stop, m.end + 8)):
        w = r.doc[j].lower_
        if j in r.known or w in r.s.sign_words or not wordnet.is_mainly_noun(w):
            continue
        first = wordnet.classes(w, r.s.senses)
        if first[:1] and first[0] in BODY_CLASSES:
            continue  # "the passenger side": the side is a thing's, read on
        if 6 in first or wordnet.usual_class(w) == 6 or w in r.s.thing_words:
            return f"a blind spot placed on '{r.doc[j].text}'"
    return ""


def thing_has_mark(r: Reader, m: Match) -> str:
    """ "the ceiling has a yellow-brown stain": a colour mark (a sign with one of
    `mark_words`) after one of `attribute_joiners` and an article, whose subject is
    a thing. Never with a body part in the sentence or the treatment named."""
    if m.sign not in r.s.colour_signs or treatment_named(r):
        return ""
    if not any(r.doc[i].lower_ in r.s.mark_words for i in range(m.start, m.end)):
        return ""
    if body_in_sentence(r, m.start, m.end):
        return ""
    j = _thing_that_has(r, m.start, compounds=True)
    return f"a mark on '{r.doc[j].text}'" if j >= 0 else ""


def _thing_that_has(r: Reader, at: int, compounds: bool = False) -> int:
    """The thing that "has" the word at ``at``: back over its describing words (shades,
    articles, hyphens, adjectives; with ``compounds`` also likeness words and the first
    half of a hyphenated word: "a bruise-LOOKING dark patch") to one of
    `attribute_joiners`, whose subject is a thing ("the ceiling HAS a yellow-brown
    stain"); its index, or -1."""
    i = at - 1
    while i >= 0 and (
        r.low[i] in r.s.shade_words
        or r.low[i] in r.s.articles
        or r.doc[i].text in ("-", "‐")
        or (compounds and r.low[i] in r.s.likeness_words)
        or (compounds and i + 1 < len(r.doc) and r.doc[i + 1].text in ("-", "‐"))
        or (wordnet.is_adjective(r.low[i]) and not wordnet.is_mainly_noun(r.low[i]))
        # another thing it has, joined before: "with tiny pinholes AND blisters"
        or (r.low[i] == "and" and i > 0 and r.kind(i - 1) == "thing" and i - 1 not in r.known)
        or (i + 1 < len(r.doc) and r.low[i + 1] == "and" and r.kind(i) == "thing")
    ):
        i -= 1
    if i < 1 or r.low[i] not in r.s.attribute_joiners:
        return -1
    if i > 2 and r.low[i - 1] in _CAME_PARTICLES and r.low[i - 2] in _CAME:
        i -= 2  # "the glaze CAME OUT with blisters", "the prints came back with": what came
    kind, j = r.subject_before(i)
    return j if kind == "thing" else -1


#: what a question after the growth says of it ("can I sand THEM out?")
_ASKED_OF = frozenset({"them", "it"})

#: a thing that came out of the kiln or back from the printer with a mark or a growth
_CAME = frozenset({"came", "come", "comes", "coming"})
_CAME_PARTICLES = frozenset({"out", "back"})


def thing_has_growth(r: Reader, m: Match) -> str:
    """ "the copper pipe has a green crusty lump on the joint, is it leaking": a growth
    word of the sign (`growth_words`) after one of `attribute_joiners` and its describing
    words, whose subject is a thing. Never with the treatment named, nor a body part or
    a person before the growth in its clause (a body word after it names the thing's
    own part: "on the joint")."""
    if r.treated:
        return ""
    k = next((i for i in range(m.start, m.end) if r.low[i] in r.s.growth_words), -1)
    if k < 0:
        return ""
    span = sentence(r, k)
    blockers = _growth_blockers(r)
    # (in the growth's own clause: "we were on the 10am session and one of the trampolines
    # had a blister" names the writer in another)
    first = k
    while first > span.start and r.same(first - 1, k):
        first -= 1
    if _any_in(blockers, first, k):
        return ""
    placed = _placed_thing(r, k)
    # (the writer, and "them" said of the growths, in a question asked after a comma are
    # not the growth's bearer: "little blisters on the cured resin, can I sand them out?")
    after = [
        g
        for g in blockers
        if not (
            (r.low[g] in r.s.first_person or r.low[g] in _ASKED_OF) and asked_after(r, placed, g)
        )
    ]
    if placed >= 0 and not _any_in(after, k + 1, span.stop):
        if not _any_in(_growth_owners(r), span.start, span.stop):
            return f"a growth placed on a thing ('{r.doc[placed].text}')"
    j = _thing_that_has(r, k)
    return f"a growth on '{r.doc[j].text}'" if j >= 0 else ""


#: where a growth is: "blisters IN the glaze", "bubbles ALL OVER the resin"
_GROWTH_PLACES = frozenset({"in", "on", "across", "along", "over", "under", "inside", "throughout"})


def _any_in(indices: list[int], start: int, stop: int) -> bool:
    """One of the sorted ``indices`` lies in ``start:stop``."""
    at = bisect.bisect_left(indices, start)
    return at < len(indices) and indices[at] < stop


def _growth_blockers(r: Reader) -> list[int]:
    """The tokens that keep a growth a person's: body parts, body nouns, people (once
    per message)."""
    if "_growth_blockers" not in r.__dict__:
        r.__dict__["_growth_blockers"] = [
            g
            for g in range(len(r.doc))
            if g in r.guards
            or r.low[g] in r.s.person_words
            or r.low[g] in r.s.first_person
            or body_noun(r.low[g])
        ]
    out: list[int] = r.__dict__["_growth_blockers"]
    return out


def _growth_owners(r: Reader) -> list[int]:
    """Owners of anything but a thing ("MY MUG came out with blisters" owns a thing)."""
    if "_growth_owners" not in r.__dict__:
        r.__dict__["_growth_owners"] = [
            g
            for g in range(len(r.doc))
            if r.low[g] in r.s.owners and not (g + 1 < len(r.doc) and r.kind(g + 1) == "thing")
        ]
    out: list[int] = r.__dict__["_growth_owners"]
    return out


def _placed_thing(r: Reader, k: int) -> int:
    """The thing the growth at ``k`` is placed in or on right after it ("blisters in the
    resin driveway", "tiny bubbles all over the glaze"), or -1."""
    j = k + 1
    if j < len(r.doc) and r.low[j] == "all":
        j += 1  # "all over"
    if j >= len(r.doc) or r.low[j] not in _GROWTH_PLACES:
        return -1
    for n in range(j + 1, min(len(r.doc), j + 5)):
        if not r.same(n, k) or n in r.known or n in r.body:
            return -1
        if r.low[n] in r.s.articles or r.low[n] in r.s.owners or r.low[n] in r.s.skip_words:
            continue
        if r.kind(n) == "thing" or r.unknown_thing(n):
            return n
        if not wordnet.is_adjective(r.low[n]):
            return -1
    return -1


def state_of_a_thing(r: Reader, m: Match) -> str:
    """A state word of a paired sign used to describe the thing right after it, after
    an article: "left my food at THE WRONG HOUSE" (the house is wrong, not a
    swallowing). Only a state word (no body or function word), and a noun of
    `after_classes` right after it; never a colour sign ("a patch that looks like a
    purple net under the skin"), nor with a body part in the sentence."""
    if m.tokens is None or treatment_named(r) or m.sign in r.s.colour_signs:
        return ""  # a colour has its own readings ("looks like a purple net": livedo)
    if any(i in r.body for i in m.words()) or body_in_sentence(r, m.start, m.end):
        return ""
    if m.sign in r.s.obscured_signs:
        return ""  # "I see a ghost copy of each letter": the state is the sight's
    functions = [i for i in m.words() if i in r.perceiving]
    for k in sorted(m.words()):
        if not functions or k < max(functions):
            continue  # "left my food at the wrong house": the state after the function
        if k in r.body or k in r.perceiving or k == 0 or r.doc[k - 1].lower_ not in r.s.articles:
            continue
        if r.noun_after(k + 1, m.start, r.s.after_classes, det=False):
            return f"'{r.doc[k].text}' describes '{r.doc[k + 1].text}'"
    return ""


#: a place after a thing ("the ceiling IN my flat"); not "of" ("a sense of doom")
_PREPOSITIONS = frozenset({"in", "on", "at", "from", "inside", "near", "by", "above", "under"})
_OBJECT_LINKS = frozenset(
    {"off", "into", "onto", "to", "with", "for", "about", "over", "through", "of"}
)
_LINKS = frozenset({"and", "then", "but", "so", "or", "when", "while", "after", "before"})
#: the helping verbs of a sign's own verb ("HAS gone purple", "IS going blotchy")
_AUXILIARIES = frozenset(
    {"has", "have", "had", "is", "are", "was", "were", "'s", "s", "been", "'ve", "ve"}
)


def substance_on_a_thing(r: Reader, m: Match) -> str:
    """ "there's white goo all over my hallway floor", "yellow gunk across the worktop": a
    discharge told by its look (`substance_signs`, no word of `substance_terms` nor a body
    word among the sign's words) said to lie on a thing right after it (a word of
    `substance_places` within two words, then articles, owners and describing words, then a
    noun that names a thing). Not with a body part in the clause nor the treatment named."""
    if m.sign not in r.s.substance_signs or treatment_named(r):
        return ""
    words = m.words()
    if any(i in r.body or r.low[i] in r.s.substance_terms for i in words):
        return ""
    seg = _segment(r, m.start)
    if any(i in r.body or i in r.guards for i in seg):
        return ""
    low = _low(r)
    k = m.end
    while k < seg.stop and k - m.end <= 2 and low[k] not in r.s.substance_places:
        k += 1
    if k >= seg.stop or low[k] not in r.s.substance_places:
        return ""
    k += 1
    while k < seg.stop and (
        low[k] in r.s.articles or low[k] in r.s.owners or low[k] in ("over", "the", "of")
    ):
        k += 1
    for j in range(k, min(seg.stop, k + 3)):
        if r.kind(j) == "thing":
            return f"a substance lying on a thing: '{r.doc[j].text}'"
        if r.kind(j) == "person" or not r.doc[j].is_alpha:
            return ""
    return ""


def thing_before_place(r: Reader, m: Match) -> str:
    """ "the kitchen ceiling in my rented flat collapsed": the sign's subject is a
    thing named before a place ("in", "at" and a noun phrase: articles, owners,
    describing words, names), no verb or link word between ("she fell off the bed
    in the ward and collapsed" has "and"). Only for a sign with no body word, in a
    clause with none, no treatment named."""
    if treatment_named(r) or any(i in r.body for i in m.words()):
        return ""
    if any(i in r.guards for i in _segment(r, m.start)):
        return ""
    i = m.start - 1
    while i >= 0 and r.low[i] in _AUXILIARIES and r.same(i, m.start):
        i -= 1  # the sign's own verb: "the rind on the camembert HAS gone purple"
    while i >= 0 and r.same(i, m.start) and m.start - i <= 6:
        w = r.doc[i].lower_
        if w in _PREPOSITIONS:
            break
        if w in _LINKS or i in r.known or w in r.s.person_words or w in r.s.first_person:
            return ""
        if not r.doc[i].is_alpha or w in r.s.clause_verbs:
            return ""
        i -= 1
    else:
        return ""
    if i < 1 or r.doc[i].lower_ not in _PREPOSITIONS:
        return ""
    j = i - 1
    before = r.doc[j - 1].lower_ if j > 0 else ""
    if (
        j > 0
        and before not in r.s.articles
        and before not in r.s.owners
        and r.kind(j - 1) != "thing"
    ):
        return ""  # "fell off the bed in the ward": the bed is not the subject
    return f"'{r.doc[j].text}' is a thing" if r.kind(j) == "thing" else ""


def likeness_compound(r: Reader, m: Match) -> str:
    """ "a bruise-looking patch", "a rash-like stain": the sign's word joined by a
    hyphen to one of `likeness_joined` describes what something looks like (never a
    sign with a body word: "my lip went blue-ish")."""
    if any(i in r.body for i in m.words()):
        return ""
    e = m.end
    if e + 1 < len(r.doc) and r.doc[e].text in ("-", "‐"):
        if r.doc[e + 1].lower_ in r.s.likeness_joined and not treatment_named(r):
            return f"a likeness ('{r.doc[e - 1].text}-{r.doc[e + 1].text}')"
    return ""


def _person_plural(r: Reader, w: str) -> bool:
    """A plural noun whose first sense is a person the patient does not speak for."""
    return w.endswith("s") and _classes1(w)[:1] == (18,) and not _kin(r, w)


def people_at_large(r: Reader, m: Match) -> str:
    """A question about people in general: "why do singers sound so breathless",
    "why does your breath turn white in the cold". The sentence opens with one of
    `general_askers` ("how come" too) and one of `general_verbs`; the subject
    after it (articles and describing words skipped) is one of `general_people`
    or a plural noun whose first sense is a person the patient does not speak for;
    the sign follows. Never with "I", "my" or kin in the sentence ("why do my
    lips go blue", "why does my son look pale") or the treatment named."""
    if treatment_named(r):
        return ""
    span = _window(r, m.start)
    if span.start != sentence(r, m.start).start:
        return ""  # the question's opening is too far from the sign
    low = _low(r)
    i = span.start
    opener = low[i] if i < span.stop else ""
    if opener == "how" and i + 1 < span.stop and low[i + 1] == "come":
        opener, i = "how come", i + 1
    if opener not in r.s.general_askers:
        return ""
    i += 1
    if opener != "how come":
        if i >= span.stop or low[i] not in r.s.general_verbs:
            return ""
        i += 1
    while i < m.start and (low[i] in r.s.articles or wordnet.is_adjective(low[i])):
        i += 1
    if i + 1 < m.start and wordnet.is_mainly_noun(low[i]) and _person_plural(r, low[i + 1]):
        i += 1  # "why do MARATHON runners": a noun describing the people
    if i >= m.start:
        return ""
    food = _food_made(r, low, i, m.start)
    if food >= 0:
        i = food + 2  # "why does pineapple make YOUR tongue tingle": what a food does to anyone
    who = low[i]
    if who not in r.s.general_people and not _person_plural(r, who):
        return ""
    for j in span:
        w = low[j]
        if w in r.s.first_person or w in ("my", "our", "mine"):
            return ""
        if w == who or w in r.s.general_people or w in r.s.others:
            continue
        if (w in r.s.person_words or _classes1(w)[:1] == (18,)) and _kin(r, w):
            return ""  # "why does my son ...", "why do kids and their mums ..."
    if food >= 0:
        return f"a question about what a food does to people ('{r.doc[food].text}')"
    return f"a question about people at large ('{r.doc[i].text}')"


def _food_made(r: Reader, low: list[str], i: int, start: int) -> int:
    """In "why does (fresh) pineapple MAKE YOUR tongue tingle": the food, the noun
    right before a make verb (`make_verbs`) that is followed by one of
    `general_people` before the sign; a food is a noun whose first WordNet sense is
    a food (`food_classes`) or a plant that is a food in its second ("pineapple",
    "garlic"). -1 when there is none."""
    k = next((x for x in range(i, start) if low[x] in r.s.make_verbs), -1)
    if k <= i or k + 2 > start or low[k + 1] not in r.s.general_people:
        return -1
    if any(not r.doc[x].is_alpha or low[x] in r.s.person_words for x in range(i, k)):
        return -1
    head = low[k - 1]
    cls = wordnet.classes(head, 2) if wordnet.is_mainly_noun(head) else ()
    if not cls:
        return -1
    if cls[0] in r.s.food_classes or (
        len(cls) > 1 and cls[0] in r.s.nonhuman_classes and cls[1] in r.s.food_classes
    ):
        return k - 1
    return -1


def taste(r: Reader, m: Match) -> str:
    """ "books for someone who doesn't read much", "people don't read often": a
    doing denied with a do-verb (one of `taste_verbs` in the sign) and an amount of
    `taste_amounts` right after it, said of a person in general (one of `others`,
    before "who" or as the subject): how much one chooses to do, not whether one
    can. Never with "can" or the writer as the subject, or the treatment named."""
    if treatment_named(r) or m.end >= len(r.doc):
        return ""
    low = _low(r)
    if low[m.end] not in r.s.taste_amounts:
        return ""
    if not any(low[j] in r.s.taste_verbs for j in range(m.start, m.end)):
        return ""
    if any(low[j] in ("can", "ca", "could", "cannot") for j in range(m.start, m.end)):
        return ""
    j = m.start - 1
    if j >= 0 and low[j] == "who":
        j -= 1
    if j < 0 or low[j] not in r.s.others:
        return ""
    return f"a taste of '{r.doc[j].text}' ('{r.doc[m.end].text}')"


def food_declined(r: Reader, m: Match) -> str:
    """ "one guest doesn't eat fish", "the kids don't eat onions": eating denied with a
    do-verb (one of `taste_verbs` and one of `eat_words` in the sign), a food named
    right after it (a noun whose first WordNet sense is a food, `food_classes`, over
    an article or "any"): a food not chosen, not eating that is hard. Never with
    "can", a body part in the sentence or the treatment named ("I can't eat bread",
    "she doesn't eat anything since the filler" stay)."""
    if treatment_named(r) or m.end >= len(r.doc) or body_in_sentence(r, m.start, m.end):
        return ""
    low = _low(r)
    sign = range(m.start, m.end)
    if not any(low[j] in r.s.eat_words for j in sign):
        return ""
    if not any(low[j] in r.s.taste_verbs for j in sign) or not any(
        low[j] in ("n't", "not", "nt") or low[j].endswith("n't") for j in sign
    ):
        return ""
    if any(low[j] in ("can", "ca", "could", "cannot", "able") for j in sign):
        return ""
    k = m.end
    while k < len(low) and (low[k] in r.s.articles or low[k] in ("any", "some")):
        k += 1
    if k >= len(low) or not r.doc[k].is_alpha or k in r.known:
        return ""
    food = low[k]
    if food in r.s.meal_words or not wordnet.is_mainly_noun(food):
        return ""  # "doesn't eat meals, food or anything": eating itself, not a kind of food
    cls = wordnet.classes(food, 2)
    if not (cls and cls[0] in r.s.food_classes) and not (
        wordnet.kinds_of_any_sense(food) & r.s.food_kinds
    ):
        return ""
    return f"a food not chosen ('{r.doc[k].text}')"


def unfit_to_have(r: Reader, m: Match) -> str:
    """ "The milk in my latte was burning hot this morning, couldn't drink it": eating or
    drinking (one of `have_words` in the sign) "it" or "them" right after, in a sentence
    that names a food or drink before the sign (first WordNet sense of `food_classes`) and
    calls something unfit to have (`unfit_words`: scalding, sour, off): the thing's fault,
    not a swallow. Never with the treatment named or a body part in the sentence ("my lips
    are numb, I couldn't drink it" stays)."""
    if treatment_named(r) or m.end >= len(r.doc) or body_in_sentence(r, m.start, m.end):
        return ""
    low = _low(r)
    if not any(low[j] in r.s.have_words for j in range(m.start, m.end)):
        return ""
    if low[m.end] not in ("it", "them"):
        return ""
    before = [k for k in sentence(r, m.start) if k < m.start]
    unfit = next((k for k in before if low[k] in r.s.unfit_words), -1)
    food = next(
        (
            k
            for k in before
            if r.doc[k].is_alpha
            and wordnet.is_mainly_noun(low[k])
            and set(wordnet.classes(low[k], 1)[:1]) & r.s.food_classes
        ),
        -1,
    )
    if unfit < 0 or food < 0:
        return ""
    return f"a food or drink unfit to have ('{r.doc[food].text}', '{r.doc[unfit].text}')"


def world_limited(r: Reader, m: Match) -> str:
    """Seeing or breathing limited by the weather, not the body: "I can barely see
    in the rain" (one of `world_weather` after "in", an article at most between,
    within four words after the sign), "the air is so thick and humid today I can
    barely breathe" (one before the sign in its sentence, and a degree of
    `world_degrees` between them). For seeing, also what hangs in the air or
    blinds (`world_sight`: "the smoke was so thick I couldn't see"), the degree
    right before it ("so dark"), and a body part that is only what is not seen
    ("can't see my hand in front of me"). Never with a body part in the sentence,
    one of `sight_onset` or `world_not` in it ("suddenly", "since", "now"), nor
    the treatment named."""
    if m.sign not in r.s.world_signs or treatment_named(r):
        return ""
    sight = m.sign in r.s.obscured_signs
    if body_in_sentence(r, m.start, m.end) and not (sight and _only_seen_body(r, m)):
        return ""
    low = _low(r)
    span = _window(r, m.start)
    own = set(range(m.start, m.end))
    outside = r.s.world_weather | r.s.world_sight if sight else r.s.world_weather
    if any(
        j not in own
        and (low[j] in r.s.sight_onset or low[j] in r.s.world_not)
        and not (low[j] in outside and j > 0 and low[j - 1] in r.s.world_degrees)
        for j in span
    ):
        return ""  # "suddenly", "since", "still"; not "SO DARK": the light's degree
    for j in range(m.end, min(span.stop, m.end + 4)):
        if low[j] == "in":
            k = j + 1
            while k < span.stop and low[k] in r.s.articles:
                k += 1
            if k < span.stop and low[k] in outside:
                return f"limited by the weather ('{r.doc[k].text}')"
    weather = [j for j in range(span.start, m.start) if low[j] in outside]
    # (for seeing, also the degree right before the light or the air: "so DARK I can't see")
    first = weather[0] - 1 if weather and sight else weather[0] if weather else 0
    if weather and any(low[j] in r.s.world_degrees for j in range(first, m.start)):
        return f"limited by the weather ('{r.doc[weather[0]].text}')"
    return ""


def _only_seen_body(r: Reader, m: Match) -> bool:
    """Every body word of the sentence comes after a seeing verb of the sign and names
    no eye nor sight (a function of `world_seers`): what is not seen ("can't see my
    hand in front of my face"), not the one who sees ("can't see out of my left eye"
    names the eye)."""
    span = sentence(r, m.start)
    low = _low(r)
    seeing = [j for j in range(m.start, m.end) if low[j] in r.s.sight_words]
    if not seeing:
        return False
    for j in span:
        if (j not in r.guards and not body_noun(low[j])) or low[j] in r.s.world_sight:
            continue  # not "dark": the light, not a part
        if j <= seeing[0] or any(k.split("|")[-1] in r.s.world_seers for k in r.found_at(j)):
            return False
    return True


def _depiction(r: Reader, j: int) -> bool:
    low = _low(r)[j]
    return low in r.s.depiction_words or wordnet.lemma(low) in r.s.depiction_words


def thrill(r: Reader, m: Match) -> str:
    """A thrill at a work: "got chills at the final scene", "shivers during the
    film". A sign of `thrill_signs`, then one of `thrill_links` right after it and
    a depiction word at most four words on (articles, describing words and nouns
    between, no verb of a clause, no body or sign word). Never with one of
    `world_not` in the sentence ("still shivering after the film") or the
    treatment named."""
    if m.sign not in r.s.thrill_signs or treatment_named(r) or m.end >= len(r.doc):
        return ""
    low = _low(r)
    span = _window(r, m.start)
    if low[m.end] not in r.s.thrill_links:
        return ""
    if any(low[j] in r.s.world_not for j in span):
        return ""
    for j in range(m.end + 1, min(span.stop, m.end + 6)):
        if j in r.body or j in r.known or not r.doc[j].is_alpha or low[j] in r.s.clause_verbs:
            return ""
        if _depiction(r, j):
            return f"a thrill at a work ('{r.doc[j].text}')"
    return ""


def _title_after_in(r: Reader, span: range) -> int:
    """The sentence opens with "In" and a capitalised word WordNet knows as no
    noun ("In Titanic", "In Interstellar": a work's title, not "In Paris" or
    "In March"): its index, or -1."""
    i = span.start
    if i + 1 >= span.stop or _low(r)[i] != "in":
        return -1
    tok = r.doc[i + 1]
    if not tok.is_alpha or not tok.text[:1].isupper():
        return -1
    low = tok.lower_
    if wordnet.is_mainly_noun(low) or wordnet.lemma(low) is not None or r.is_time(low):
        return -1
    return i + 1


def character_in_work(r: Reader, m: Match) -> str:
    """A sign said of a named character of a work: "In Titanic did Jack's skin go
    blue", "in Frozen why does Elsa's hair turn white". The sentence opens with a
    title (`_title_after_in`), the sign's owner is a capitalised name before
    "'s" after it. Never with the writer, an owner word ("my") or kin in the
    sentence, or the treatment named."""
    if treatment_named(r):
        return ""
    span = _window(r, m.start)
    if span.start != sentence(r, m.start).start:
        return ""  # the title is too far from the sign
    title = _title_after_in(r, span)
    if title < 0:
        return ""
    low = _low(r)
    name = -1
    for j in range(title + 1, m.start + 1):
        if j + 1 < len(low) and low[j + 1] in ("'s", "’s") and r.doc[j].text[:1].isupper():
            name = j
    if name < 0 or not any(k in r.body for k in range(name + 2, m.end)):
        return ""
    for j in span:
        w = low[j]
        if w in r.s.first_person or w in ("my", "our", "mine") or w in r.s.addressed_owners:
            return ""
        if (w in r.s.person_words or _classes1(w)[:1] == (18,)) and _kin(r, w):
            return ""
    return f"a character of '{r.doc[title].text}': '{r.doc[name].text}'"


def schoolwork(r: Reader, m: Match) -> str:
    """A sign asked about as a topic for schoolwork: "describe what happens when
    someone can't breathe for a first aid exam", "how does a face droop in a
    stroke, for my biology essay". One of `schoolwork_joiners` in the sign's
    sentence, then an article or owner and at most three words, ending on a noun
    whose first sense is of `schoolwork_kinds` (an exam, an essay, homework).
    Never with the writer as a person ("I", "me": "I can't breathe, help with my
    exam"), an owner word other than that of the schoolwork, kin, or the
    treatment named."""
    if treatment_named(r) or _kin_named(r):
        return ""
    low = _low(r)
    span = _window(r, m.start)
    work = -1
    for j in span:
        if low[j] not in r.s.schoolwork_joiners:
            continue
        for k in range(j + 1, min(span.stop, j + 5)):
            if not r.doc[k].is_alpha or k in r.body or k in r.known:
                break
            if wordnet.is_mainly_noun(low[k]) and wordnet.kinds(low[k], 1) & r.s.schoolwork_kinds:
                work = j
                break
        if work >= 0:
            break
    if work < 0:
        return ""
    for j in span:
        if low[j] in r.s.first_person:
            return ""
        if low[j] in ("my", "our") and not work < j <= work + 4:
            return ""  # "my lips are blue, I'll miss my exam": the writer's own
    return f"a topic for schoolwork ('{r.doc[work].text} ...')"


def flavour(r: Reader, m: Match) -> str:
    """A flavour felt on the tongue, the lips or the mouth: "the crisps were so salty my
    tongue went numb", "a chilli sauce hot enough to make your lips tingle". A sensation
    of `flavour_sensations` in the sign's words or right after them, a flavour word
    next to a degree word (`flavour_words`, `flavour_degrees`) before it in its
    sentence; never with a word of `flavour_not` in the message (a swelling, an
    allergen, breathing: a reaction) or the treatment named."""
    if m.sign not in r.s.flavour_signs or treatment_named(r):
        return ""
    low = _low(r)
    if "_flavour_not" not in r.__dict__:  # once per message
        r.__dict__["_flavour_not"] = any(w in r.s.flavour_not for w in low)
    if r.__dict__["_flavour_not"]:
        return ""
    felt = range(m.start, min(len(low), m.end + 2))
    if not any(low[j] in r.s.flavour_sensations for j in felt):
        return ""
    span = sentence(r, m.start)
    parts = [i for i in m.words() if i in r.body]
    # before the part it is felt on ("hot enough to make your LIPS"; "my lips feel so hot"
    # is said of the lips)
    for k in range(span.start, min(parts) if parts else m.start):
        if low[k] not in r.s.flavour_words:
            continue
        near = low[max(0, k - 1) : k] + low[k + 1 : k + 2]
        if any(w in r.s.flavour_degrees for w in near):
            return f"the taste of a food ('{r.doc[k].text}')"
    return ""


def state_compound(r: Reader, m: Match) -> str:
    """A pair's state word that is a noun right before the noun of a thing ("a ball pit",
    "a lump sum", `state_compound_classes`): the first half of the thing's name, not a
    state of the function ("a ball in my throat" keeps the sign)."""
    if m.tokens is None or m.key is None or treatment_named(r):
        return ""
    k = m.key[1] - 1  # the state's last word ("a BALL")
    low = _low(r)
    if low[k] in r.s.verb_before:
        return ""  # "cant get a full breath": "ca" + "nt", no noun
    # a colour describes the noun right after it as well ("a PURPLE HAT in the blueberry
    # patch"), past a person who owns that thing ("a purple CHILD'S sun hat")
    colour = m.sign in r.s.colour_signs and wordnet.is_adjective(low[k])
    if colour and any(low[j] in r.s.simile_openers for j in range(sentence(r, k).start, k)):
        return ""  # "looks like a grey map with PURPLISH RIVERS": a picture of the skin
    if k + 1 >= len(low) or not r.doc[k + 1].is_alpha:
        return ""
    if (
        m.sign in r.s.colour_signs
        and r.unknown_word(k + 1)
        and low[k + 1] not in r.s.sign_words
        and not body_in_sentence(r, k, k + 2)
    ):
        # a colour before a name no dictionary knows, no body part in the sentence: "the GREY
        # STACKMAT is lumpy" ("a grey lumpp on my cheek" keeps its alarm)
        return f"'{r.doc[k].text} {r.doc[k + 1].text}' names a thing"
    if not (wordnet.is_mainly_noun(low[k]) or colour):
        return ""
    if (
        colour
        and k + 3 < len(low)
        and low[k + 1] in r.s.person_words
        and low[k + 2] in ("'s", "’s")
    ):
        k += 2
    nxt = low[k + 1]
    if nxt.endswith(("ing", "ed")) or (k > 0 and low[k - 1] in r.s.simile_openers):
        return ""  # "like a bomb going off": a likeness and its verb
    if k + 1 in r.body or k + 1 in r.known or nxt in r.s.sign_words or nxt in r.s.person_words:
        return ""
    if not wordnet.is_mainly_noun(nxt) or wordnet.is_adjective(nxt):
        return ""
    cls = _classes1(nxt)
    if not cls or cls[0] not in r.s.state_compound_classes:
        return ""
    return f"'{r.doc[m.key[1] - 1].text} {r.doc[k + 1].text}' names a thing"


def from_a_thing(r: Reader, m: Match) -> str:
    """ "a burning smell coming from the light switch", "green fluid under the car": a
    smell or a fluid (`source_signs`) placed at a thing (over `source_verbs`, then
    `source_places`, then a noun of `thing_classes`). Never with a body part in the
    sentence or the treatment named ("a bad smell from the wound" stays). Blisters
    (`friction_signs`) "from" a made thing are rubbed by it: "blisters from the paddle
    shaft", "from my new boots" (`friction_places`, `friction_classes`)."""
    rubbed = m.sign in r.s.friction_signs
    if not (m.sign in r.s.source_signs or rubbed) or treatment_named(r):
        return ""
    if body_in_sentence(r, m.start, m.end):
        return ""
    low = _low(r)
    j = m.end
    while j < len(low) and j - m.end < 2 and low[j] in r.s.source_verbs:
        j += 1
    places = r.s.friction_places if rubbed else r.s.source_places
    classes = r.s.friction_classes if rubbed else r.s.thing_classes
    k = j
    while k < len(low) and k - j < 2 and low[k] in places:
        k += 1
    if k == j:
        return ""
    for t in range(k, min(len(low), k + 4)):
        if not r.same(t, m.start) or not r.doc[t].is_alpha:
            return ""
        w = low[t]
        if t in r.body or w in r.s.person_words or w in r.s.sign_words:
            return ""
        if w in r.s.articles or w in r.s.owners:
            continue
        cls = _classes1(w)
        if not cls or cls[0] in BODY_CLASSES or cls[0] not in classes:
            continue  # "the LIGHT switch": a word that describes the thing
        if w in r.s.skin_contact_words or wordnet.kinds(w, 2) & r.s.skin_contact_kinds:
            return ""  # "from under the dressing": what lies on the skin
        if wordnet.kinds_of_any_sense(w) & r.s.series_not_kinds:
            return ""  # "out of the holes": in some sense a part or a mark of the body
        return f"placed at a thing ('{r.doc[t].text}')"
    return ""


def intensifier(r: Reader, m: Match) -> str:
    """ "a blistering hot week", "a blistering pace": a one-word sign of `intensifiers`
    right before a describing word or a noun that is no body part, person, sign or
    symptom word (or the day's heat, `intensified_heat`) says how hot or fierce
    something is. Never with a body part in the
    sentence or the treatment named ("my lip is blistering", "a blistering rash")."""
    if m.end - m.start != 1 or m.end >= len(r.doc):
        return ""
    low = _low(r)
    if low[m.start] not in r.s.intensifiers or treatment_named(r):
        return ""
    k = m.end
    nxt = low[k]
    if body_in_sentence(r, m.start, m.end):
        return ""
    if nxt in r.s.intensified_heat:
        return f"'{r.doc[m.start].text}' says how hot"  # "a blistering hot week"
    if not r.doc[k].is_alpha or k in r.known or k in r.body or nxt in r.s.sign_words:
        return ""
    if nxt in r.s.person_words:
        return ""
    if wordnet.is_adjective(nxt):
        return f"'{r.doc[m.start].text}' says how '{r.doc[k].text}'"
    cls = _classes1(nxt) if wordnet.is_mainly_noun(nxt) else ()
    if cls and cls[0] not in BODY_CLASSES:
        return f"'{r.doc[m.start].text}' says how fierce the '{r.doc[k].text}'"
    return ""


def things_tried(r: Reader, m: Match) -> str:
    """ "everything I try looks too dark", "anything I buy comes out grey": the sign's
    words open with one of `tried_words`, then a first person and one of `tried_verbs`:
    said of the things tried or bought. "everything I look at looks dark" keeps it."""
    if treatment_named(r):
        return ""
    low = _low(r)
    i = m.start
    if i + 2 >= len(low) or low[i] not in r.s.tried_words:
        return ""
    if low[i + 1] in r.s.first_person and low[i + 2] in r.s.tried_verbs:
        said = r.doc[i : i + 3].text
        return f"said of the things tried ('{said}')"
    return ""


def _coloured_with(r: Reader, m: Match) -> str:
    """ "she coloured her lips purple with a felt tip": a verb of colouring
    (`colouring_verbs`) before the sign in its clause and "with" a pigment after it."""
    low = _low(r)
    seg = _segment(r, m.start)
    if not any(low[j] in r.s.colouring_verbs for j in range(seg.start, m.start)):
        return ""
    painted = _painted_part(r, m)
    if painted:
        return painted
    for j in range(m.end, min(seg.stop, m.end + 3)):
        if low[j] != "with":
            continue
        for k in range(j + 1, min(seg.stop, j + 5)):
            if low[k] in r.s.pigment_words or low[k] in r.s.pigment_tips or _pigment(r, k):
                return f"coloured with '{r.doc[k].text}'"
    return ""


def _stained_by(r: Reader, m: Match) -> str:
    """ "the blue bubblegum turned his whole mouth blue": a thing named in the sign's
    own shade earlier in the sentence (the shade right before a noun, or a word
    WordNet does not know, that is no body, person or vocabulary word), then one of
    `staining_verbs` before the sign."""
    if r.treated:
        return ""
    low = _low(r)
    shades = {low[i] for i in range(m.start, m.end) if low[i] in r.s.shade_words}
    span = sentence(r, m.start)
    for j in range(span.start, m.start - 1):
        if low[j] not in shades:
            continue
        for k in (j + 1, j + 2):
            if k >= m.start or not r.doc[k].is_alpha or k in r.body or k in r.known:
                break
            if low[k] in r.s.person_words or low[k] in r.s.first_person:
                break
            if not (wordnet.is_mainly_noun(low[k]) or not wordnet.is_dictionary_word(low[k])):
                continue  # (a word WordNet does not know is read as a name: "bubblegum")
            if any(low[v] in r.s.staining_verbs for v in range(k + 1, m.start)):
                return f"the colour of '{r.doc[k].text}'"
            break
    return ""


def _painted_part(r: Reader, m: Match) -> str:
    """ "she painted her whole face blue for the game": the sign's body part is the
    object of a verb of colouring right before it (over an owner or an article and
    describing words), and the colour follows it: the colour put on the part, not
    the skin's own ("she painted her nails and now her lips are blue" keeps: the
    nails are what was painted)."""
    low = _low(r)
    part = m.start
    if part not in r.body:
        return ""
    j = part - 1
    while (
        j >= 0
        and r.same(j, part)
        and low[j] not in r.s.colouring_verbs
        and (
            low[j] in r.s.owners
            or low[j] in r.s.articles
            or (wordnet.is_adjective(low[j]) and (j not in r.known or j in r.body))
        )
    ):
        j -= 1  # "her WHOLE face"
    if j < 0 or j == part - 1 or low[j] not in r.s.colouring_verbs:
        return ""
    if not any(low[k] in r.s.shade_words for k in range(part + 1, m.end)):
        return ""
    return f"'{r.doc[part].text}' {r.doc[j].text} (a colour put on it)"


#: verbs of getting a thing, in "the mattress I BOUGHT has a lump"
_ACQUIRED = frozenset(
    {"bought", "got", "ordered", "purchased", "picked", "received", "found", "inherited", "built"}
)


def thing_acquired(r: Reader, m: Match) -> str:
    """A made thing the writer got, then the sign: "the mattress I bought has a lump",
    "the sofa we ordered has developed a bump": a noun whose first WordNet sense is
    an artifact (06), then "I"/"we" and a verb of getting, before the sign in its
    sentence; no body part in the sentence, no treatment named."""
    if treatment_named(r) or body_in_sentence(r, m.start, m.end):
        return ""
    low = _low(r)
    span = _window(r, m.start)
    for j in range(max(span.start, m.start - 8), m.start - 2):
        if low[j + 1] not in ("i", "we") or low[j + 2] not in _ACQUIRED:
            continue
        if j in r.body or not r.doc[j].is_alpha or not wordnet.is_mainly_noun(low[j]):
            continue
        if _classes1(low[j])[:1] == (6,):
            return f"said of a thing got: '{r.doc[j].text}'"
    return ""


_SELF = frozenset({"i", "i'm", "im", "me", "myself"})


def picture_colour(r: Reader, m: Match) -> str:
    """A colour in a sentence about photos or shots ("the tones come out orange in my
    shots", "is it the white balance"): the colour of a picture. Never when the
    treatment is named or a body part is owned ("my skin looks grey in photos")."""
    if m.sign not in r.s.colour_signs or treatment_named(r):
        return ""
    low = _low(r)
    span = _window(r, m.start)
    if not any(
        low[j] in r.s.picture_words or (low[j] == "balance" and j > 0 and low[j - 1] == "white")
        for j in span
    ):
        return ""
    for j in span:
        if j in r.body and j > 0 and low[j - 1] in r.s.owners:
            return ""
        if low[j] in _SELF or low[j] in _PEOPLE or low[j] in r.s.person_words:
            return ""  # "I look grey in photos", "he went grey, the photo shows": a person's look
    return "the colours of a picture"


_PEOPLE = frozenset({"he", "she", "him", "her", "his", "hers", "they", "them", "their", "we", "us"})


#: a degree right before a state word ("SO thick", "TOO loud")
_DEGREES = frozenset({"so", "too", "soo", "sooo"})
#: a verb that says a state of its subject ("the drink WAS so thick")
_STATE_VERBS = frozenset(
    {"is", "are", "was", "were", "'s", "s", "feels", "felt", "looks", "looked", "sounds",
     "sounded", "tastes", "tasted", "seems", "seemed", "got", "gets", "became", "went", "goes"}
)  # fmt: skip
#: a word that opens the clause of what the degree did ("so thick IT coated my throat")
_RESULT_OPENERS = frozenset(
    {"it", "that", "my", "our", "his", "her", "their", "i", "we", "you", "me", "the", "everyone"}
)


def degree_of_a_thing(r: Reader, m: Match) -> str:
    """ "the hot chocolate was SO THICK it coated my throat", "the subs are so LOUD my chest
    rattles": the sign's state word is a degree ("so" or "too" right before it) said of a
    thing with a verb of being or seeming, and its body word comes after it, in the clause
    of what the degree did. The thing is thick or loud, not the throat or the chest. Never
    a sight or colour sign (what is seen is how sight is told: "the screen is so blurry I
    can't read it"), nor with the treatment named ("my lip is so swollen I can't drink" is
    a body part's, and "the filler is so hard it hurts my cheek" names the treatment)."""
    if m.tokens is None or treatment_named(r) or r.treated:
        return ""
    if m.sign in r.s.colour_signs or m.sign in r.s.obscured_signs:
        return ""
    words = sorted(m.words())
    body = [i for i in words if i in r.body or i in r.perceiving]
    states = [i for i in words if i not in body]
    if not body or not states or max(states) > min(body):
        return ""
    k = min(states)
    low = _low(r)
    if k < 3 or low[k - 1] not in _DEGREES or low[k - 2] not in _STATE_VERBS:
        return ""
    if not any(low[j] in _RESULT_OPENERS for j in range(k + 1, min(body) + 1)):
        return ""  # "the wine is so fizzy on the tongue": no clause of its own after
    kind, i = r.subject_before(k - 2)
    if kind != "thing":
        return ""
    return f"'{r.doc[k].text}' is said of '{r.doc[i].text}', a thing"


#: a verb of how a food or a drink feels or tastes ("the wine FEELS fizzy on the tongue")
_MOUTHFEEL_VERBS = frozenset({"feels", "felt", "feel", "tastes", "tasted", "taste", "is", "was"})
#: where a food or a drink is felt
_MOUTH_PLACES = frozenset({"tongue", "mouth", "lips", "lip", "palate", "teeth", "gums"})
_FOOD = 13  # WordNet's noun.food


def mouthfeel(r: Reader, m: Match) -> str:
    """ "white wine feels fizzy on the tongue", "this gin tastes kind of numbing on the lips":
    the state of a paired sign is how a food or a drink (the subject of a verb of feeling
    or tasting, its first WordNet sense a food) feels in the mouth, placed "on" or "in" the
    tongue, mouth or lips right after it. Never with the treatment named, nor when a person
    or a body part is the subject ("my tongue feels fizzy")."""
    if m.tokens is None or treatment_named(r) or r.treated:
        return ""
    words = sorted(m.words())
    low = _low(r)
    places = [i for i in words if low[i] in _MOUTH_PLACES]
    states = [i for i in words if i not in places]
    if not places or not states or max(states) > min(places):
        return ""
    p = min(places)
    before = [j for j in range(max(0, p - 3), p) if low[j] in ("on", "in", "inside")]
    if not before:
        return ""
    k = min(states)
    v = k - 1
    while v > 0 and low[v] in r.s.skip_words and low[v] not in _MOUTHFEEL_VERBS:
        v -= 1  # "feels KIND OF fizzy", "tastes really numbing"
    if low[v] not in _MOUTHFEEL_VERBS:
        return ""
    kind, i = r.subject_before(v)
    if kind != "thing" or wordnet.classes(low[i], 1)[:1] != (_FOOD,):
        return ""
    return f"how '{r.doc[i].text}' feels in the mouth"


def pronoun_for_a_thing(r: Reader, m: Match) -> str:
    """ "Picking a headlamp for a 24 hour race, what matters? MINE went dim and blurry": a
    pronoun of `standing_pronouns` opening the sign's clause (only verbs, states and
    "and" between) stands for the nearest made thing named before it (first WordNet
    sense 06, or one of `thing_words`), with no body word nor person but the writer
    between; never in a message that names the treatment (a day count alone, "mine smells a
    bit sour on day 4" of a food kept in the fridge, names none)."""
    if treatment_named(r, visits=False):
        return ""
    low = _low(r)
    # a day count between ("mine FROM DAY 3 look a bit grey"): a time, passed over
    when = {i for a, b in r.found.get("ANCHOR|treatment", []) for i in range(a, b)}
    p = m.start - 1
    while p >= 0 and r.same(p, m.start) and low[p] not in r.s.standing_pronouns:
        if p in when:
            p -= 1
            continue
        if p in r.body or low[p] in r.s.person_words or not r.doc[p].is_alpha:
            return ""
        p -= 1
    if p < 0 or low[p] not in r.s.standing_pronouns:
        return ""
    for j in range(p - 1, -1, -1):
        w = low[j]
        if j in r.body or (w in r.s.person_words and w not in r.s.first_person):
            return ""  # "my sister's is fine but mine ..."; the writer buying it is no owner
        if not r.doc[j].is_alpha or not wordnet.is_mainly_noun(w):
            continue
        if w in r.s.thing_words or wordnet.classes(w, 1)[:1] == (6,):
            return f"'{r.doc[p].text}' stands for a thing named before: '{r.doc[j].text}'"
    return ""
