"""A body or sign word said of a thing someone handles, reads or hears, or of what
someone is like: the lid of a box shut by hand ("I slammed the lid of the cool
box"), print that is faint ("the label is printed so faint"), print that cannot
be read because it is faint ("the pencil marks are faint and I can barely read
them"), the voice of a thing that speaks ("intercom buzzes but the voice is
muffled") and a poor sense someone has always had ("my mum has bad eyesight").
A person's own lid, a person who feels faint, sight or a voice that changed keep
every sign.
"""

from __future__ import annotations

from bot.triage import wordnet
from bot.triage.match import Match
from bot.triage.subject.reader import Reader
from bot.triage.subject.sentences import (
    CLAUSE_END,
    NEGATION,
    body_in_sentence,
    body_noun,
    in_sentence,
    sentence,
    treatment_named,
)

_UNABLE = frozenset(
    {"cannot", "cant", "unable", "struggle", "struggling", "hard", "trouble", "wont"}
)
_LID_HOLDERS = frozenset({"of", "on", "off", "from"})


def lid_of_a_thing(r: Reader, m: Match) -> str:
    """ "I slammed the lid down", "she shut the lid of the sewing box": a lid
    (one of `lid_words`) right after one of `lid_handling` and an article, or
    followed by "of" / "on" a thing, is the thing's lid; never with an owner
    before it ("my lid"), a negation or inability before the verb in its clause,
    another body part or the treatment named."""
    if m.sign not in r.s.lid_signs or treatment_named(r):
        return ""
    lids = [i for i in range(m.start, m.end) if r.doc[i].lower_ in r.s.lid_words]
    if not lids:
        return ""
    i = lids[0]
    if i > 0 and r.doc[i - 1].lower_ in ("the", "that", "this"):
        q = _thing_on_lid(r, i)
        if q >= 0:
            return f"the lid a thing is on: '{r.doc[q].text}'"  # the same lid, named again
    if _other_body(r, m):
        return ""
    j = i - 1
    while j >= 0 and j > i - 4 and r.doc[j].lower_ not in r.s.articles:
        low = r.doc[j].lower_
        if low in r.s.owners or low in CLAUSE_END or j in r.body:
            return ""  # "my left lid", "her lid"
        j -= 1
    k = i + 1
    if (
        k < len(r.doc)
        and r.doc[k].lower_ in _LID_HOLDERS
        and r.noun_after(k + 1, i, r.s.thing_classes)
    ):
        return f"the lid {r.doc[k].text} a thing"
    if j < 1 or r.doc[j].lower_ not in r.s.articles or r.doc[j - 1].lower_ not in r.s.lid_handling:
        return ""
    verb = j - 1
    for b in range(verb - 1, sentence(r, verb).start - 1, -1):
        low = r.doc[b].lower_
        if low in CLAUSE_END:
            break
        if low in NEGATION or low in _UNABLE:
            return ""  # "I can't shut the lid": may be an eyelid
    return f"a lid handled: '{r.doc[verb].text} {r.doc[j].text} {r.doc[i].text}'"


def _thing_on_lid(r: Reader, i: int) -> int:
    """A thing said to be on or of a lid anywhere in the message ("the WOOD on the lid has
    swelled", "the hinge of the lid"): the lid is that thing's, and a bare "the lid"
    (``i``) names it again. Returns the thing's index, or -1."""
    for q, tok in enumerate(r.doc):
        if tok.lower_ not in r.s.lid_words or q < 3:
            continue
        if r.doc[q - 1].lower_ not in ("the", "its") or r.doc[q - 2].lower_ not in _LID_HOLDERS:
            continue
        if r.kind(q - 3) == "thing" and (q - 3) not in r.body:
            return q - 3
    return -1


def _other_body(r: Reader, m: Match) -> bool:
    """A body part or the treatment named in the sentence outside the match (a
    vocabulary guard, or a noun whose first WordNet sense is the body)."""
    span = sentence(r, m.start)
    if any(not m.start <= i < m.end for i in in_sentence(r, m.start, r.guards)):
        return True
    return any(body_noun(r.doc[j].lower_) for j in span if not m.start <= j < m.end)


def _faint_thing_before(r: Reader, k: int) -> int:
    """The nearest word of `faint_things` before ``k`` in its clause, with no person
    word between (-1 if none)."""
    span = sentence(r, k)
    for j in range(k - 1, span.start - 1, -1):
        low = r.doc[j].lower_
        if low in CLAUSE_END or low in r.s.person_words or low in r.s.first_person:
            return -1
        if low in r.s.faint_things:
            return j
    return -1


def _faint_guarded(r: Reader, m: Match) -> bool:
    if treatment_named(r) or body_in_sentence(r, m.start, m.end):
        return True
    return any(r.doc[j].lower_ in r.s.faint_guards for j in sentence(r, m.start))


def faint_print(r: Reader, m: Match) -> str:
    """ "the receipt is printed so faint": a faint sign whose faint word (one of
    `faint_shades`) follows, in its clause, a word of print, ink, a line or a
    signal (`faint_things`) with no person word between. Never with a word of
    `faint_guards`, a body part or the treatment in the sentence ("I feel faint")."""
    if m.sign not in r.s.faint_signs or _faint_guarded(r, m):
        return ""
    for k in range(m.start, m.end):
        if r.doc[k].lower_ in r.s.faint_shades:
            j = _faint_thing_before(r, k)
            if j >= 0:
                return f"faint said of '{r.doc[j].text}'"
    return ""


def faint_read(r: Reader, m: Match) -> str:
    """ "the pencil marks are faint and I can barely read them": a sight sign on
    reading (one of `faint_read_words`) whose object is a pronoun or the print
    (`faint_read_objects`, or the end of the sentence), after a faint word said of
    print earlier in the sentence: the print is faint, not the sight. Never with a
    word of `faint_guards`, a body part or the treatment in the sentence."""
    if m.sign not in r.s.faint_read_signs or _faint_guarded(r, m):
        return ""
    if not any(r.doc[i].lower_ in r.s.faint_read_words for i in range(m.start, m.end)):
        return ""
    span = sentence(r, m.start)
    if m.end < span.stop:
        after = r.doc[m.end].lower_
        if after not in r.s.faint_read_objects and after not in CLAUSE_END:
            return ""
    for k in range(span.start, m.start):
        if r.doc[k].lower_ in r.s.faint_shades and _faint_thing_before(r, k) >= 0:
            return f"what is read is faint ('{r.doc[k].text}')"
    return ""


def device_voice(r: Reader, m: Match) -> str:
    """ "intercom buzzes but the voice is like underwater, very muffled": a bare "the
    voice" (an article right before it, no owner), after a made thing that speaks named
    earlier in its sentence (a noun one of whose two first WordNet senses is of a kind
    in `speaking_kinds`: a communication system, electronic equipment, a device) with
    no person, owner or body word before it in the sentence, is the thing's voice.
    Never with the treatment or another body part named ("the voice" in "my throat is
    sore and the voice is muffled" stays)."""
    if treatment_named(r):
        return ""
    voices = [i for i in range(m.start, m.end) if r.doc[i].lower_ in ("voice", "voices")]
    if not voices:
        return ""
    i = voices[0]
    if i == 0 or r.doc[i - 1].lower_ != "the" or _other_body(r, m):
        return ""
    span = sentence(r, i)
    if any(
        r.low[j] in r.s.person_words or r.low[j] in r.s.first_person or r.low[j] in r.s.owners
        for j in range(span.start, i)
    ):
        return ""  # "I called my mum on the phone and the voice was hoarse": whose voice?
    found = r.noun_before(
        range(i - 2, span.start - 1, -1),
        lambda word: bool(wordnet.kinds(word, 2) & r.s.speaking_kinds),
    )
    return "the voice of a thing that speaks" if found else ""


def standing_sense(r: Reader, m: Match) -> str:
    """ "Does the button glow in the dark? My mum has bad eyesight": a poor sense had,
    told as what someone is like ("has bad eyesight", "with poor vision") or had all
    their life ("bad vision since I was a kid"), in a sentence with no other change or
    time in it and a message that names no treatment, is a standing trait, not a
    change of sight (the word lists: `poor_sense_words`, `standing_senses`,
    `sense_having`, `lifelong_words`, `sense_news`). "I have bad vision since the jab"
    and "her eyesight is bad now" keep their alarm."""
    if treatment_named(r):
        return ""
    words = [r.low[i] for i in range(m.start, m.end)]
    if (
        len(words) != 2
        or words[0] not in r.s.poor_sense_words
        or words[1] not in r.s.standing_senses
    ):
        return ""
    span = sentence(r, m.start)
    lifelong = [
        j for j in span if r.low[j] == "since" and set(r.low[j + 1 : j + 5]) & r.s.lifelong_words
    ]  # "since I was a kid", "since birth": all their life
    before = r.low[max(0, m.start - 2) : m.start]
    if not lifelong and not any(w in r.s.sense_having for w in before):
        return ""
    if any(
        (r.low[j] in r.s.sense_news and j not in lifelong) or r.doc[j].is_digit
        for j in span
        if not (lifelong and lifelong[0] < j <= lifelong[0] + 4)
    ):
        return ""
    return "a standing trait: a poor sense someone has"
