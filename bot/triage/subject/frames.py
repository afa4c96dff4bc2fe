"""What frames a sign so that it is no report of the writer's body: a depiction or
a word talked about ("the kids drew a purple face", "synonyms for
breathless"), unless the sentence tells when something began; an emotion as
its cause ("couldn't breathe for laughing"); what gives it ("songs that give
you shivers"); someone else it is said of ("a guy goes blind", "you seem
confused").
"""

from __future__ import annotations

from bot.triage import wordnet
from bot.triage.subject.reader import BODY_CLASSES, PUNCT_STOP, Reader
from bot.triage.subject.sentences import compared, owned, sentence, treatment_named

#: "you SEEM confused": the verbs that describe the one addressed ("you know when
#: you can't breathe" speaks of anyone, the patient too, and keeps the sign)
_DESCRIBING = frozenset({"seem", "seems", "look", "looks", "sound", "sounds", "are", "'re", "r"})


_ASKING = frozenset({"do", "does", "did", "can", "could", "will", "would", "should", "is", "are"})


def _asked_in_general(r: Reader, i: int) -> bool:
    """ "do people get...", "can anyone have...", "do most people...": a question of
    what happens to anyone, which the frames of general questions read."""
    return any(r.doc[j].lower_ in _ASKING for j in range(max(0, i - 2), i) if r.same(j, i))


def someone_else(r: Reader, start: int, window: int = 6) -> str:
    """The sign is said of a person who is not the patient nor anyone the patient
    speaks for: someone unnamed ("a guy goes blind", "people couldn't breathe")
    or the one the message is written to ("you seem confused").

    The walk back from the sign stops at the clause's first person or body word:
    "I", "my face", "my mum", "she" keep the sign ("a guy at work said my lips
    look blue"); so does a generic person the writer owns ("my people", "our guy"),
    not one owned by the one addressed ("YOUR guy collapsed my boxes": their staff).
    """
    mine = r.s.owners - _SECOND_OWNERS
    i = start - 1
    while i >= 0 and start - i <= window and r.same(i, start):
        low = r.doc[i].lower_
        if low in PUNCT_STOP or i in r.body or low in mine:
            return ""  # "a guy at work said MY lips look blue"
        nxt = r.doc[i + 1].lower_
        if low in r.s.others and _asked_in_general(r, i):
            return ""  # "do people get blisters after this? I've got a few": asked of anyone
        first_owned = any(r.doc[j].lower_ in mine for j in range(max(0, i - 2), i) if r.same(j, i))
        if (low in r.s.others and not first_owned) or (low in r.s.addressed and nxt in _DESCRIBING):
            return f"said of someone else: '{r.doc[i].text}'"
        if low in r.s.person_words or low in FIRST_PERSON_BE:
            return ""  # "I", "she", "my mum": the patient or someone they speak for
        i -= 1
    return ""


#: the one addressed owns: "YOUR guy", "UR driver" (their staff, not the writer's own)
_SECOND_OWNERS = frozenset({"your", "yours", "ur", "yr"})

FIRST_PERSON_BE = frozenset({"i'm", "im", "'m", "m", "we're", "'re", "he's", "she's"})


def emotion_cause(r: Reader, start: int, end: int) -> bool:
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


def given_by(r: Reader, start: int) -> str:
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
            if cls and cls[0] not in BODY_CLASSES and set(cls) & classes:
                return f"given by '{r.doc[j].text}'"
        j -= 1
    return ""


def _first_person_in(r: Reader, span: range, quoted: set[int]) -> bool:
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


def onset_in(r: Reader, span: range) -> bool:
    """The sentence tells when something began ("struggling to breathe, was
    reading a book when it started"): an event that happened to the writer,
    not what a book or a film shows."""
    text = f" {' '.join(r.doc[j].lower_ for j in span)} "
    return any(f" {p} " in text for p in r.s.onset_phrases)


def _near(r: Reader, j: int, span: range, window: int = 4) -> bool:
    """ "I"/"we" at ``j`` is the subject of a sign or symptom word close after it
    ("I look pale", "I can't breathe"), not of a request ("can I rescue it")."""
    for k in range(j + 1, min(span.stop, j + 1 + window)):
        if _relative(r, j, k):
            return False  # "the photo I sent is blurry": "I" is in a relative clause
        if k in r.known or k in r.body or r.doc[k].lower_ in r.s.sign_words:
            return True
    return False


_PLURAL_PRONOUNS = frozenset({"i", "we", "you", "they", "u"})


def _relative(r: Reader, j: int, k: int) -> bool:
    """Pronoun ``j`` ("I", "we") cannot be the subject of an "is" before ``k``:
    "the photo I sent is blurry" says "is blurry" of the photo."""
    return r.doc[j].lower_ in _PLURAL_PRONOUNS and any(
        r.doc[x].lower_ == "is" for x in range(j + 1, k)
    )


def _quoted(r: Reader, span: range) -> set[int]:
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


def framed_by(r: Reader, start: int, end: int, m_words: frozenset[int] | None = None) -> str:
    """A sign in a sentence about a depiction or a word, not the writer's body.

    "the kids drew a purple face", "photo of the bride's face came out pale",
    "the hero collapses in chapter 3" (a picture, a film, a game, a story);
    "synonyms for breathless", "what does 'blue in the face' mean" (a word
    talked about). Never when the writer speaks of their own body or doing
    ("I", "my eye") or the message names the treatment.
    """
    if treatment_named(r):
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


def _clause_between(r: Reader, j: int, start: int, end: int) -> bool:
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


def depicted_object(r: Reader, start: int) -> bool:
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
            return not treatment_named(r) and not _owned_body_in(r, start)
    return False


def _owned_body_in(r: Reader, start: int) -> bool:
    """The sentence of ``start`` names a body part someone owns ("my face")."""
    span = sentence(r, start)
    table: dict[int, bool] = r.__dict__.setdefault("_owned_body", {})
    if span.start not in table:
        table[span.start] = any(i in r.body and owned(r, i) for i in span)
    return table[span.start]


def _frames(r: Reader, span: range) -> tuple[list[tuple[int, str]], set[int]]:
    """The depiction and word frames of a sentence (none where the writer speaks of
    their own body), and its quoted tokens; computed once per sentence."""
    table: dict[int, tuple[list[tuple[int, str]], set[int]]] = r.__dict__.setdefault("_frames", {})
    if span.start not in table:
        quoted = _quoted(r, span)
        frames: list[tuple[int, str]] = []
        if not _first_person_in(r, span, quoted) and not onset_in(r, span):
            for j in span:
                if compared(r, j - 3, j):
                    continue  # "washed out, like an old photo" is a comparison
                low = r.doc[j].lower_
                if low in r.s.language_words:
                    frames.append((j, "a word talked about"))
                elif low in r.s.depiction_words or wordnet.lemma(low) in r.s.depiction_words:
                    frames.append((j, "a depiction"))
        table[span.start] = (frames, quoted)
    return table[span.start]


def _made_to_look(r: Reader, i: int, frames: list[tuple[int, str]]) -> bool:
    """ "portraits make everyone's face look washed out": the person is the object
    of a making verb whose subject is the depiction of the sentence."""
    j = i - 1
    while j >= 0 and r.doc[j].lower_ in r.s.articles | r.s.owners:
        j -= 1
    if j < 0 or r.doc[j].lower_ not in r.s.make_verbs:
        return False
    return any(f < j and why == "a depiction" for f, why in frames)
