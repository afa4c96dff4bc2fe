"""A sign said of a thing rather than of a person's body: the state word done to a
thing ("dropped it"), a food left ("couldn't eat them"), a function and a state
split across two clauses ("the bass was so loud my chest was shaking"), the
title of a work ("a cover of Fever"), a product bought ("a rash guard"), "a
rash of" many things on a thing, the weather ("it's roasting in this heat"),
and a one-noun sign that names a thing ("the hive").
"""

from __future__ import annotations

from bot.triage import wordnet
from bot.triage.match import POSSESSIVES, Match
from bot.triage.subject.reader import Reader
from bot.triage.subject.sentences import (
    CLAUSE_END,
    body_in_sentence,
    first_noun_of,
    in_sentence,
    sentence,
    treatment_named,
)


def in_weather(r: Reader, start: int, end: int) -> bool:
    """ "it's burning in this heat": "it" + the sign + "in" + a weather phenomenon
    (first WordNet sense 19: heat, wind, sunshine). Never when the treatment is
    named or the sentence names a body part ("had meso, it's burning in the sun",
    "my cheeks, it's burning in the heat" stay)."""
    if end >= len(r.doc) or r.doc[end].lower_ not in r.s.weather_joiners:
        return False
    if treatment_named(r) or body_in_sentence(r, start, end):
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


def names_a_thing(r: Reader, start: int, end: int) -> str:
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


def many_on_a_thing(r: Reader, start: int, end: int) -> bool:
    """ "a rash of dents all over the bonnet": "a rash of" + a plural is "many", and
    what they are on is a thing; never with a person, a body part or the treatment
    in the sentence ("I have a rash of spots", "a rash of bumps on my chin")."""
    if r.doc[start].lower_ not in r.s.many_words:
        return False
    tail = [r.doc[i].lower_ for i in range(start + 1, end)]
    if tail and tail[-1] in r.s.many_places and all(w == "all" for w in tail[:-1]):
        return _rash_on_a_thing(r, start, start + 1, end - 1)  # "a rash ALL OVER the leaves"
    if end - start != 1 or end >= len(r.doc):
        return False
    if r.doc[end].lower_ in r.s.many_places:
        return _rash_on_a_thing(r, start, end, end)
    if not _a_before(r, start) or r.doc[end].lower_ != "of":
        return False
    marks = any(t.lower_ in r.s.sign_words for t in r.doc[end + 1 : end + 4])
    span = sentence(r, start)
    if any(r.doc[j].lower_ in r.s.person_words for j in span):
        return False
    if body_in_sentence(r, start, end) or treatment_named(r):
        return False
    return any(
        r.doc[j].lower_ in r.s.many_places | r.s.many_within
        and _thing_after(r, j + 1, start)
        and not (marks and _touches_skin(r, j + 1, span.stop))
        for j in range(end + 1, span.stop)
    )


def _a_before(r: Reader, start: int) -> bool:
    """ "a rash", "a weird rash", "an odd little rash": "a" before ``start``, over
    describing words and shades."""
    j = start - 1
    while j >= 0 and (
        r.doc[j].lower_ in r.s.shade_words
        or (wordnet.is_adjective(r.doc[j].lower_) and not wordnet.is_mainly_noun(r.doc[j].lower_))
    ):
        j -= 1
    return j >= 0 and r.doc[j].lower_ in ("a", "an")


def series_of(r: Reader, start: int, end: int) -> str:
    """ "a rash of break-ins on our road", "a sudden rash of cancellations": "a rash
    of" a plural that names an act, an event, a message, a made thing, a person or a
    group (one of its first two WordNet senses in `series_classes`), nothing of the
    skin (none of its senses a kind of `series_not_kinds`, no sign or vocabulary
    word), is the
    idiom "a sudden series of". Never with a body part in the sentence or the
    treatment named ("a rash of spots on my cheek", "a rash of bumps where the
    needles went" stay)."""
    if r.doc[start].lower_ not in r.s.many_words or end - start != 1 or end >= len(r.doc):
        return ""
    if not _a_before(r, start) or r.doc[end].lower_ != "of":
        return ""
    if body_in_sentence(r, start, end) or treatment_named(r):
        return ""
    head = _plural_after(r, end + 1, start)
    if head < 0:
        return ""
    low = r.doc[head].lower_
    if low in r.s.sign_words or head in r.known or head in r.body:
        return ""
    if wordnet.kinds_of_any_sense(low) & r.s.series_not_kinds:
        return ""  # "cuts": a share, a scene left out, ... and a wound
    if not set(wordnet.classes(low, r.s.senses)) & r.s.series_classes:
        return ""
    return f"'a rash of {r.doc[head].text}' is a sudden series"


def _plural_after(r: Reader, i: int, start: int) -> int:
    """The first plural noun from ``i`` ("a rash of weird login ATTEMPTS"), over
    articles, describing words and the nouns or unknown words that only describe
    it; -1 when the phrase ends first."""
    for j in range(i, min(len(r.doc), i + 5)):
        if not r.same(j, start) or not r.doc[j].is_alpha:
            return -1
        low = r.doc[j].lower_
        if low in r.s.articles:
            continue
        base = wordnet.lemma(low)
        if base is not None and base != low and wordnet.is_mainly_noun(low):
            return j
        if wordnet.is_adjective(low) or base is None or wordnet.is_mainly_noun(low):
            continue  # "bad", "login", "spam"
        return -1
    return -1


def _thing_after(r: Reader, i: int, start: int) -> bool:
    """A thing from ``i`` ("on the window frame"); a neutral place that only
    describes the noun after it ("on the SHOWER grout", "the BATH tiles") is
    read over, to that noun."""
    if r.noun_after(i, start, r.s.thing_classes):
        return True
    j = i
    while j < len(r.doc) and r.doc[j].lower_ in r.s.articles:
        j += 1
    if j + 1 >= len(r.doc) or r.doc[j].lower_ not in r.places or r.doc[j].lower_ in r.s.sign_words:
        return False
    return r.noun_after(j + 1, start, r.s.thing_classes, det=False)


def _touches_skin(r: Reader, i: int, stop: int) -> bool:
    """A word from ``i`` (the place of "a rash of spots on ...") names what is worn,
    slept in or dried with (one of `skin_contact_words`, or a WordNet kind of
    `skin_contact_kinds`): "a rash of spots all over the sheets" may be the skin's
    marks; "a rash of spots on the bathroom ceiling" is the ceiling's."""
    for j in range(i, min(stop, i + 5)):
        low = r.doc[j].lower_
        if low in r.s.skin_contact_words:
            return True
        if wordnet.is_mainly_noun(low) and wordnet.kinds(low, 2) & r.s.skin_contact_kinds:
            return True
    return False


def _rash_on_a_thing(r: Reader, start: int, end: int, place: int) -> bool:
    """ "a white powdery rash on the garage wall": a rash (after "a" and describing
    words) that is right away placed (at ``place``: "on", "all over") on a thing
    (one of `many_places`, then a noun whose WordNet senses are things): a deposit
    on the thing, not a skin sign. Never with a person before it, a body part in
    the sentence or the treatment ("a rash on my neck", "she has a rash on her
    arm", "a rash on the baby" stay)."""
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
    if body_in_sentence(r, start, end) or treatment_named(r):
        return False
    return r.noun_after(place + 1, start, r.s.thing_classes)


def _noun_before(r: Reader, st: int) -> tuple[str, int]:
    """The noun a state is said of, over linking words ("the turbulence WAS SO bad"):
    ("thing", index) when it names no person nor body (any noun: an event, a
    phenomenon), else ("", -1)."""
    i = st - 1
    while i >= 0 and r.same(i, st) and st - i <= 8:
        low = r.doc[i].lower_
        if low in r.s.skip_words and low not in r.s.owners:
            i -= 1
            continue
        if i in r.body or i in r.known or low in r.s.owners or not r.doc[i].is_alpha:
            return "", -1
        kind = r.kind(i)
        if kind == "person":
            return "", -1
        if kind in ("thing", "noun"):
            return "thing", i
        i -= 1  # a place said of it ("the storm OVER THE SEA was so bad")
    return "", -1


def _verb_like(r: Reader, i: int) -> bool:
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


def _state_tokens(r: Reader, m: Match) -> list[int]:
    """The words of a sign that are neither a body word nor a function ("dropped" of
    "face ... dropped")."""
    return [i for i in sorted(m.words()) if i not in r.body and i not in r.perceiving]


def done_to_a_thing(r: Reader, m: Match) -> str:
    """ "the phone stopped working after I dropped IT", "it keeps freezing them": the
    sign's state word used as a verb with a thing's pronoun as its object ("it",
    "them"), then the end of the clause: an act on a thing, not a body's state.
    Never a function ("I can't swallow it" is about swallowing), never after a body
    part of the sign ("covering one eye fixes it"), never "me" ("it's killing me"),
    never when "it" opens the next clause ("my face dropped it was scary"), never
    when the message names the treatment."""
    if treatment_named(r):
        return ""
    food = _food_left(r, m)
    if food:
        return food
    body = [i for i in m.words() if i in r.body]
    for k in _state_tokens(r, m):
        if k not in r.known or r.doc[k].lower_ in r.s.skip_words:
            continue  # "feels LIKE it's closing": not the state word
        if any(i < k for i in body):
            continue  # "covering one EYE fixes it": what is fixed is the eye's trouble
        if not _object_then_end(r, k):
            continue  # "... it's closing", "dropped it was scary": "it" opens a clause
        if k + 1 < m.end and r.low[k] == "of" and r.subject_before(m.start)[0] != "thing":
            continue  # a dummy "it" of the sign's own idiom: "she's completely out of it"
        return f"done to a thing ('{r.doc[k].text} {r.doc[k + 1].text}')"
    return ""


def pair_split(r: Reader, m: Match) -> str:
    """A function and a state paired across two clauses, the later one opening its
    own owned subject with its own verb: "the bass was so LOUD my CHEST was shaking"
    (the loudness is the bass's), "my HEART skipped a beat when my CRUSH texted"
    (the crush is a person). When the state comes first, its own subject must be a
    thing. Never when the message names the treatment."""
    if m.tokens is None or treatment_named(r):
        return ""
    body = [i for i in sorted(m.words()) if i in r.body]
    states = _state_tokens(r, m)
    if len(body) != 1 or not states:
        return ""
    b, st = body[0], states[0]
    later = max(b, st)
    # "so bad MY SEATMATE WENT pale and grabbed my arm": the result opens its own clause
    # right after the state, before the body word
    result = st < b and st + 1 < len(r.doc) and r.doc[st + 1].lower_ in r.s.owners
    result = result and _verb_like(r, st + 3) and st + 2 < b and st + 2 not in r.body
    result = result and r.doc[st + 2].is_alpha and r.kind(st + 2) != "thing"
    opens = later > 0 and r.doc[later - 1].lower_ in r.s.owners and _verb_like(r, later + 1)
    if st < b and any(r.doc[k].text == "," for k in range(st + 1, b)):
        # the state ends its own clause, whose subject is a thing: "the lid on this jar is
        # STUCK, the LIP is all sticky" (what is stuck is the lid)
        kind, i = r.subject_before(st)
        if kind == "thing":
            return f"'{r.doc[st].text}' is said of '{r.doc[i].text}'"
    if not (opens or result):
        return ""
    if st < b:
        if st == 0 or r.doc[st - 1].lower_ not in ("so", "too"):
            return ""  # only "so loud [that] my chest ...": a result with its own subject
        kind, i = r.subject_before(st)
        if kind != "thing" and result and not opens:
            kind, i = _noun_before(r, st)  # "the turbulence was so bad my seatmate went..."
        if kind != "thing":
            return ""
        return f"'{r.doc[st].text}' is said of '{r.doc[i].text}'"
    if later - b < 3:
        return ""  # "my chest, my tightness": too close to be two clauses
    word = r.doc[st].lower_
    if word.endswith(_STATE_NOUN_ENDINGS) or any(k == "ANCHOR|symptom" for k in r.found_at(st)):
        return ""  # "my throat when my tightness started": the symptom itself acts
    return f"'{r.doc[st].text}' names one who acts"


def titled(r: Reader, start: int, end: int) -> bool:
    """ "who did the original of fever", "a cover of Stroke": a one-word sign right
    after "of" and a word that names a version of a work (original, cover, remix,
    sequel): the title of a song, a film or a book. Never when the sentence names a
    body part or the message the treatment."""
    if end - start != 1 or start < 2 or r.doc[start - 1].lower_ != "of":
        return False
    if r.doc[start - 2].lower_ not in r.s.title_words:
        return False
    return not body_in_sentence(r, start, end) and not treatment_named(r)


def _object_then_end(r: Reader, k: int) -> bool:
    """Token ``k`` is followed by "it"/"them" and then the end of the clause."""
    if k + 1 >= len(r.doc) or r.doc[k + 1].lower_ not in r.s.object_pronouns:
        return False
    nxt = k + 2
    return (
        nxt >= len(r.doc) or r.doc[nxt].text in CLAUSE_END or r.doc[nxt].lower_ in r.s.after_object
    )


def _food_left(r: Reader, m: Match) -> str:
    """ "the wings were pink in the middle, couldn't eat them": an eating function with
    "it"/"them" as its object, in a sentence that names a food before it and no body
    part: a food the writer left, not a swallowing difficulty ("I can't swallow it",
    "couldn't eat it, my throat is too tight" stay)."""
    eat = [i for i in m.words() if i in r.perceiving and r.doc[i].lower_ in r.s.eat_words]
    if not eat or not _object_then_end(r, eat[-1]):
        return ""
    if in_sentence(r, m.start, r.guards) or treatment_named(r):
        return ""
    j = first_noun_of(r, sentence(r, m.start), r.s.food_classes)
    return f"a food left ('{r.doc[j].text}')" if j < m.start else ""


def product_bought(r: Reader, start: int, end: int) -> bool:
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
    return not body_in_sentence(r, start, end) and not treatment_named(r)


def body_word_bought(r: Reader, m: Match) -> str:
    """ "the bouncing eyeball I bought has gone cloudy": a word of the sign, owned by no
    one, right after which a person bought or ordered it ("that" or "which" may come
    between): a thing bought, not a body. Never when the message names the treatment."""
    if treatment_named(r):
        return ""
    doc = r.doc
    for i in m.words():
        if i not in r.known or (i > 0 and doc[i - 1].lower_ in POSSESSIVES):
            continue
        j = i + 1
        if j < len(doc) and doc[j].lower_ in ("that", "which"):
            j += 1
        if (
            j + 1 < len(doc)
            and doc[j].lower_ in r.s.person_words
            and doc[j + 1].lower_ in r.s.purchase_verbs
        ):
            return f"a thing bought ('{doc[i].text}')"
    return ""


def _comma_part(r: Reader, i: int) -> range:
    """The tokens of the sentence of ``i`` between the commas around it."""
    span = sentence(r, i)
    lo = i
    while lo > span.start and r.doc[lo - 1].text not in CLAUSE_END:
        lo -= 1
    hi = i
    while hi < span.stop and r.doc[hi].text not in CLAUSE_END:
        hi += 1
    return range(lo, hi)


def thing_fever(r: Reader, m: Match) -> str:
    """ "the boiler is running a temperature": a fever sign whose subject is a made
    thing (first WordNet sense in `thing_fever_classes`), with no body part, person
    or treatment word in its comma-bounded part of the sentence (a gauge's "needle"
    after a comma is no injection)."""
    if m.sign not in r.s.thing_fever_signs:
        return ""
    part = _comma_part(r, m.start)
    if any(i in r.guards or i in r.body or r.low[i] in r.s.person_words for i in part):
        return ""
    kind, i = r.subject_before(m.start)
    if kind != "thing" or i not in part or not wordnet.is_mainly_noun(r.low[i]):
        return ""
    cls = wordnet.classes(r.low[i], 1)
    if not cls or cls[0] not in r.s.thing_fever_classes:
        return ""
    return f"'{r.doc[i].text}' is a thing running hot"


def hasty(r: Reader, m: Match) -> str:
    """ "a rash bet", "that rash decision": "rash" right before a noun whose first
    WordNet sense is an act, a thought or a possession (`hasty_classes`) means
    hasty. Never a known word after it, a body part in the sentence or the
    treatment named."""
    if m.end - m.start != 1 or r.low[m.start] not in r.s.hasty_words:
        return ""
    nxt = m.end
    if nxt >= len(r.doc) or not r.doc[nxt].is_alpha or nxt in r.known or nxt in r.body:
        return ""
    low = r.low[nxt]
    if low in r.s.sign_words or not wordnet.is_mainly_noun(low):
        return ""
    cls = wordnet.classes(low, 1)
    if not cls or cls[0] not in r.s.hasty_classes:
        return ""
    if body_in_sentence(r, m.start, m.end) or treatment_named(r):
        return ""
    return f"'{r.doc[m.start].text} {r.doc[nxt].text}' is a hasty act"


def _food(r: Reader, j: int) -> bool:
    low = r.low[j]
    if low in r.s.film_bearers:
        return True
    if j in r.known or j in r.body or not wordnet.is_mainly_noun(low):
        return False
    cls = wordnet.classes(low, 1)
    return bool(cls) and cls[0] in r.s.film_classes


def film_on_food(r: Reader, m: Match) -> str:
    """ "the gravy had a thick brown skin", "a skin on the custard": every body word
    of the sign is a `film_words` word after "a" (over describing words and shades)
    or before "on"/"of", in a sentence naming a food or a `film_bearers` word, with
    no person, owner, other body part or treatment in it."""
    body = [i for i in m.words() if i in r.body]
    if not body or any(r.low[i] not in r.s.film_words for i in body):
        return ""
    if treatment_named(r):
        return ""
    span = sentence(r, m.start)
    for j in span:
        if j in body:
            continue
        low = r.low[j]
        if j in r.guards or j in r.body or low in r.s.person_words or low in r.s.owners:
            return ""
        if low in r.s.first_person:
            return ""
    for i in body:
        after = i + 1 < len(r.doc) and r.low[i + 1] in r.s.film_links
        if not (after or _a_before(r, i)):
            return ""
    food = [j for j in span if j not in body and _food(r, j)]
    return f"'{r.doc[food[0]].text}' has a film on it" if food else ""
