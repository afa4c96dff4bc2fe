"""A colour sign said of a thing: the colour of a thing after it ("a dusky pink
sunrise"), a look the writer asks for ("I'd like my nails red with white
tips"), marks on a thing ("white streaks on the black car"), an ordinary cause
("a blue mark from a football"), a thing's colour measured against the skin
("too pale for my skin tone").
"""

from __future__ import annotations

from bot.triage import wordnet
from bot.triage.match import Match
from bot.triage.subject.reader import BODY_CLASSES, Reader
from bot.triage.subject.sentences import (
    CLAUSE_END,
    NEGATION,
    body_in_sentence,
    owned,
    sentence,
    treatment_named,
)


def chosen_look(r: Reader, start: int, end: int) -> bool:
    """ "I want my nails lilac with white tips": a colour the writer asks for, not a
    sign. The sign starts on a shade word; before it in its sentence, a wish word
    (want, prefer, choose) and then only what it is asked of: owners, articles,
    describing words, nouns that are no sign, other shades ("I want to know why the
    spots have white tips" stays). Never when the message names the treatment."""
    if r.doc[start].lower_ not in r.s.shade_words or treatment_named(r):
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
        if j in r.known or low in r.s.sign_words or low in NEGATION or not tok.is_alpha:
            return False
        if not (wordnet.is_mainly_noun(low) or wordnet.is_adjective(low)):
            return False
        j -= 1
    return False


def shade_of_thing(r: Reader, start: int, end: int) -> bool:
    """A colour word describing a thing after it: "dusky pink sunrise", "mottled water marks".

    The sign must end on a shade ("a net like pattern" is a mark's look)."""
    if r.doc[end - 1].lower_ not in r.s.shade_words:
        return False
    if any(i in r.body and owned(r, i) for i in range(start, end)):
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
            return bool(cls) and cls[0] not in BODY_CLASSES and bool(set(cls) & r.s.shade_classes)
        return False
    return False


def marks_on_a_thing(r: Reader, start: int, end: int) -> str:
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
    if j < len(r.doc) and r.doc[j].lower_ in r.s.mark_fillers:
        j = _past_fillers(r, j)  # "a grey patch OF DAMP SPREADING on the ceiling"
    if j >= len(r.doc) or r.doc[j].lower_ not in r.s.many_places | r.s.mark_inside:
        return ""
    if r.doc[j].lower_ in r.s.mark_inside and r.body:
        return ""  # "... my eye. Tonight it's gone grey IN a patch the size of a coin"
    span = sentence(r, start)
    opens = max(
        [i + 1 for i in range(span.start, start) if r.low[i] in CLAUSE_END], default=span.start
    )
    if any(r.low[i] in r.s.person_words for i in range(opens, start)):
        return ""  # "she has blue marks on the arm" (an earlier clause's: "we saw damp, then ...")
    if body_in_sentence(r, start, end) or treatment_named(r):
        return ""
    k, reach = j + 1, j + 5
    while k < min(span.stop, reach):
        low = r.doc[k].lower_
        if k in r.body or low in r.s.person_words:
            return ""
        if low in r.s.owners or low in r.s.articles or low in r.s.shade_words:
            k += 1
            continue
        if wordnet.is_mainly_noun(low):
            cls = wordnet.classes(low, r.s.senses)
            if cls and cls[0] in r.s.mark_region_classes:
                if k + 1 < len(r.doc) and r.doc[k + 1].lower_ == "of":
                    k, reach = k + 2, reach + 2  # "in the CORNER OF the ceiling": whose corner
                    continue
                if r.doc[j].lower_ in r.s.mark_inside:
                    return f"a mark in a place ('{r.doc[k].text}')"  # "in the corner" of a room
            if cls and cls[0] not in BODY_CLASSES and set(cls) & r.s.thing_classes:
                return f"a mark on a thing ('{r.doc[k].text}')"
            return ""
        if wordnet.is_adjective(low):
            k += 1
            continue
        return ""
    return ""


def _past_fillers(r: Reader, j: int) -> int:
    """From ``j``, past "of" and one noun that is no body, sign or symptom word, and
    verbs in -ing of `mark_fillers` ("of damp spreading"): the next token."""
    if r.doc[j].lower_ == "of":
        j += 1
        if j >= len(r.doc) or j in r.body or j in r.known or not r.doc[j].is_alpha:
            return j - 1
        if r.doc[j].lower_ in r.s.person_words or r.doc[j].lower_ in r.s.sign_words:
            return j - 1
        j += 1
    while j < len(r.doc) and r.doc[j].lower_ in r.s.mark_fillers and r.doc[j].lower_ != "of":
        j += 1
    return j


def ordinary_cause(r: Reader, start: int, end: int) -> str:
    """ "a blue mark on his arm from a football", "a purple patch from the car door": a
    colour sign whose cause, told after it in its clause, is "from" and a thing, an
    act or an event (WordNet `cause_classes`) that is no treatment word: a knock, not
    a sign after treatment. Never when the message names the treatment ("a blue mark
    from the needle", "from the filler" stay)."""
    if treatment_named(r):
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


def measured_against(r: Reader, m: Match) -> bool:
    """ "they're way too pale for my skin tone": a colour said to be too much ("too",
    then the shade) for the body word after "for": a thing's colour compared with the
    skin, not the skin's. Never when the message names the treatment."""
    if m.tokens is None or treatment_named(r):
        return False
    body = [i for i in m.words() if i in r.body]
    shades = [i for i in m.words() if r.doc[i].lower_ in r.s.shade_words]
    if not body or not shades or min(body) < max(shades):
        return False
    sh, b = max(shades), min(body)
    if sh == 0 or r.doc[sh - 1].lower_ not in r.s.measure_words:
        return False
    return any(r.doc[k].lower_ == "for" for k in range(sh + 1, b))


def skin_type(r: Reader, m: Match) -> bool:
    """ "nail colours that look good on fair skin", "a foundation for pale skin",
    "people with dark skin": a shade and the skin word right after it, owned by
    no one, after one of `skin_type_joiners`: a kind of skin a thing is chosen
    for, not a skin that changed. Never with an owner ("on my pale skin"), a part
    of a person ("pale skin on my cheek") or the treatment named."""
    if treatment_named(r):
        return False
    words = sorted(m.words())
    shades = [i for i in words if r.doc[i].lower_ in r.s.shade_words]
    # the shade right before the sign's skin word may name the kind, whatever shade the
    # sign was paired with ("is ivory or white better for PALE skin")
    for k in words:
        sh = k
        while sh > 0 and r.doc[sh - 1].lower_ in r.s.shade_words:
            sh -= 1
        if sh < k and r.doc[k].lower_ in r.s.skin_type_words:
            shades.append(sh)
    return any(_skin_kind_at(r, sh) for sh in shades)


def _skin_kind_at(r: Reader, sh: int) -> bool:
    k = sh + 1
    while k < len(r.doc) and r.doc[k].lower_ in r.s.shade_words:
        k += 1
    if k >= len(r.doc) or r.doc[k].lower_ not in r.s.skin_type_words:
        return False
    if sh == 0 or r.doc[sh - 1].lower_ not in r.s.skin_type_joiners:
        return False
    span = sentence(r, sh)
    return not any(
        j in r.body and j != k and r.doc[j].lower_ not in r.s.skin_type_words for j in span
    ) and not any(r.doc[j].lower_ in r.s.owners for j in range(max(span.start, sh - 3), k))
