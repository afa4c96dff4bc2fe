"""What frames a sign so that it is no report of the writer's body: a depiction or
a word talked about ("the kids drew a purple face", "synonyms for
breathless"), unless the sentence tells when something began; an emotion as
its cause ("couldn't breathe for laughing"); what gives it ("songs that give
you shivers"); someone else it is said of ("a guy goes blind", "you seem
confused", "my seatmate went pale", "the groom's mum fainted"), many people
("the faces in the team photo look pale") or a group named by a state ("the
infected in that film"); a story's characters ("a riddle about a king who lost
his sight").
"""

from __future__ import annotations

from bot.triage import figurative, wordnet
from bot.triage.match import Match
from bot.triage.subject.reader import BODY_CLASSES, PUNCT_STOP, Reader
from bot.triage.subject.sentences import compared, owned, sentence, treatment_named

#: "you SEEM confused": the verbs that describe the one addressed ("you know when
#: you can't breathe" speaks of anyone, the patient too, and keeps the sign)
_DESCRIBING = frozenset({"seem", "seems", "look", "looks", "sound", "sounds", "are", "'re", "r"})


_ASKING = frozenset({"do", "does", "did", "can", "could", "will", "would", "should", "is", "are"})


def _asked_in_general(r: Reader, i: int) -> bool:
    """ "do people get...", "can anyone have...", "do most people...": a question of
    what happens to anyone, which the frames of general questions read; so is
    "is it normal for someone to...", "is it ok for anyone to..." (the person after
    "for" in a clause that opens with an asking verb)."""
    if any(r.doc[j].lower_ in _ASKING for j in range(max(0, i - 2), i) if r.same(j, i)):
        return True
    if i == 0 or r.doc[i - 1].lower_ != "for" or not r.same(i - 1, i):
        return False
    first = i - 1
    while first > 0 and r.same(first - 1, i):
        first -= 1
    return r.doc[first].lower_ in _ASKING


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
        whose = _strangers_own(r, i) if not treatment_named(r) else ""
        if whose and not _still_going(r, start):
            return whose  # "the groom's mum fainted", "a referee's eye swelled"
        if low in PUNCT_STOP or i in r.body or low in mine:
            return ""  # "a guy at work said MY lips look blue"
        nxt = r.doc[i + 1].lower_
        if low in r.s.others and _asked_in_general(r, i):
            return ""  # "do people get blisters after this? I've got a few": asked of anyone
        first_owned = any(r.doc[j].lower_ in mine for j in range(max(0, i - 2), i) if r.same(j, i))
        likened = any(r.doc[j].lower_ in r.s.seeming for j in range(max(0, i - 2), i)) or (
            i > 1 and r.low[i - 1] == "that" and r.low[i - 2] in r.s.felt_words | _FEELING
        )
        if low in r.s.others and likened:
            # "looks like someone drew a purple web on it", "I have the feeling that someone
            # put a curtain on half of my eye": a picture of the skin or of the sight
            return ""
        kin = r.colloquial_kin(i)  # "the old man keeps choking": the writer's dad or husband
        if (low in r.s.others and not first_owned and not kin) or (
            low in r.s.addressed and nxt in _DESCRIBING
        ):
            return f"said of someone else: '{r.doc[i].text}'"
        if (
            not treatment_named(r)  # "my boss went pale after her meso": she had it
            and _named_noun(r, i)
            and not kin
            and _stranger(r, low, r.s.spoken_for_kinds)
            and _subject_of(r, i, start)
            and not _still_going(r, start)
            and not _judged(r, start)
        ):
            return f"said of someone else: '{r.doc[i].text}'"  # "my seatmate went pale"
        if low in r.s.relatives and i > 0 and _anyone(r, i - 1) and r.same(i - 1, start):
            i -= 1  # "a warning for PEOPLE WHO get dizzy": the pronoun stands for them
            continue
        if low in r.s.person_words or low in FIRST_PERSON_BE:
            return ""  # "I", "she", "my mum": the patient or someone they speak for
        i -= 1
    return ""


#: "the FEELING that someone ...": a picture, as "feels like"
_FEELING = frozenset({"feeling", "sense", "impression", "sensation"})


def _anyone(r: Reader, i: int) -> bool:
    """Token ``i`` is one of `others` for people at large (`anyone_words`, or a plural:
    "players", "passengers")."""
    low = r.low[i]
    return low in r.s.others and (low in r.s.anyone_words or low.endswith("s"))


#: the one addressed owns: "YOUR guy", "UR driver" (their staff, not the writer's own)
_SECOND_OWNERS = frozenset({"your", "yours", "ur", "yr"})


def _stranger(r: Reader, low: str, kept: frozenset[str]) -> bool:
    """A noun whose first WordNet sense is a person (18) the patient does not speak
    for: none of `person_words`, and of none of the ``kept`` kinds (kin, friends,
    partners, children, patients, clients). A closed compound WordNet lacks is read
    by its last part after a noun ("seatmate": a mate by a seat)."""
    if len(low) < 3 or low in r.s.person_words or low in r.s.skip_words or not low.isalpha():
        return False

    if wordnet.lemma(low) in r.s.person_words:
        return False  # "the boys", "the girls": one of `person_words` in the plural
    word = low
    if wordnet.lemma(low) is None:
        word = next(
            (
                low[k:]
                for k in range(3, len(low) - 2)
                if wordnet.lemma(low[:k])
                and wordnet.classes(low[:k], 1)[:1] != (18,)
                and wordnet.lemma(low[k:])
            ),
            "",
        )
        if not word:
            return False  # (its last part may be a friend alone: "my mate", not "my seatmate")
    if not wordnet.is_mainly_noun(word) or wordnet.classes(word, 1) != (18,):
        return False
    return not (wordnet.kinds(word, 1) & kept)


def still_going(r: Reader, start: int) -> bool:
    """The public name of ``_still_going`` (the stranger readings of ``bearers``)."""
    return _still_going(r, start)


def _still_going(r: Reader, start: int) -> bool:
    """After the sign, its sentence tells it as going on now ("the referee collapsed
    and ISN'T moving", "the cyclist went grey and is STILL on the ground"): one of
    `still_words`, or a present verb denied ("isn't", "can't", "won't", "is not"),
    not a past one in a question ("why didn't the ref stop it"). A person in
    danger now keeps the alarm, whoever they are."""
    span = sentence(r, start)
    for j in range(start + 1, span.stop):
        low = r.doc[j].lower_
        if low in r.s.still_words:
            return True
        if low in ("n't", "not") and j > 0 and r.doc[j - 1].lower_ in r.s.still_verbs:
            if r.doc[j - 1].lower_ in _PAST_DO and j > 1 and r.doc[j - 2].lower_ in _WH:
                continue  # "..., why DIDN'T the ref stop it": a question about the past
            return True
    return False


#: a past verb denied in a question ("why didn't", "how wasn't") asks about what
#: happened, it tells no state now
_PAST_DO = frozenset({"did", "was", "were"})
_WH = frozenset({"why", "how", "what", "who", "where", "when"})


def _judged(r: Reader, start: int) -> bool:
    """ "the umpire must be blind": a judgement of a role, read by the figurative step."""
    return r.doc[start].lower_ in figurative.load_figures().judgement_words


def _named_noun(r: Reader, i: int) -> bool:
    """Token ``i`` is a noun named as one: after an article, an owner, "'s" or a
    describing word, or first in its clause ("THE referee", "MY coach", "a
    tired cyclist"); not a verb after its subject ("I have", "we host")."""
    if i == 0 or not r.same(i - 1, i):
        return True
    before = r.doc[i - 1].lower_
    return (
        before in r.s.articles
        or before in r.s.owners
        or before in _DETERMINERS
        or (wordnet.is_adjective(before) and before not in r.s.person_words)
    )


_DETERMINERS = frozenset(
    {"'s", "’s", "'", "these", "those", "some", "every", "each", "another", "our"}
)


def _subject_of(r: Reader, i: int, start: int) -> bool:
    """Person noun ``i`` is what the sign at ``start`` is said of: only linking words
    between ("my coach WENT pale"), no other subject ("the pharmacist said IT looks
    infected": the pharmacist only speaks)."""
    return all(
        r.doc[j].lower_ in r.s.skip_words and r.doc[j].lower_ not in _OTHER_SUBJECTS
        for j in range(i + 1, start)
    )


_OTHER_SUBJECTS = frozenset({"it", "this", "that", "these", "those", "my", "our", "your"})


def _strangers_own(r: Reader, i: int) -> str:
    """Token ``i`` (a person or a body part) belongs to a person the patient does not
    speak for, named before it with "'s": "the groom's mum fainted", "a referee's eye
    swelled" are the groom's mum and the referee's eye ("my son's eye", "the baby's
    lips", "the patient's face" keep the sign)."""
    if i < 2 or r.doc[i - 1].lower_ not in ("'s", "’s", "'") or not r.same(i - 2, i):
        return ""
    low = r.doc[i].lower_
    if not (i in r.body or low in r.s.person_words or r.kind(i) == "person"):
        return ""
    owner = r.doc[i - 2].lower_
    if owner in r.s.person_words or not _stranger(r, owner, r.s.owned_by_kinds):
        return ""
    return f"said of someone else: '{r.doc[i - 2].text}'s {r.doc[i].text}'"


def named_by_state(r: Reader, start: int, end: int) -> str:
    """ "the infected in that game", "the wounded were carried off": a state word
    ending in "-ed" right after "the" or "those" and before one of
    `group_followers` (no noun: "the infected area" is a place) names a group of
    people by it, not the writer."""
    if end - start != 1 or start == 0 or r.doc[start - 1].lower_ not in ("the", "those"):
        return ""
    low = r.doc[start].lower_
    if not low.endswith("ed"):
        return ""
    if end < len(r.doc) and r.doc[end].is_alpha and r.doc[end].lower_ not in r.s.group_followers:
        return ""  # "the infected AREA": a place
    if _owned_body_in(r, start) or treatment_named(r):
        return ""
    return f"said of a group named by its state: 'the {r.doc[start].text}'"


def many_people(r: Reader, words: list[int], start: int, end: int) -> str:
    """ "the faces in the group photo look pale": a part a person has one of (a
    face, a nose, a throat: `single_parts`) in the plural, after an article and
    owned by no one ("my kids' faces", "their faces" keep), in a sentence naming
    no person: many people's parts, not the writer's."""
    span = sentence(r, start)
    table: dict[int, bool] = r.__dict__.setdefault("_names_person", {})
    if span.start not in table:
        table[span.start] = any(r.doc[j].lower_ in r.s.person_words for j in span)
    if table[span.start]:
        return ""
    if not any(r.doc[j].lower_ in r.s.shade_words for j in range(start, end)):
        return ""  # "the faces look smeared": what the writer sees, not how faces look
    for i in sorted(set(words) | {start - 1}):
        if i < 1:
            continue
        low = r.doc[i].lower_
        base = wordnet.lemma(low)
        if base == low or base not in r.s.single_parts:
            continue
        if r.doc[i - 1].lower_ in r.s.articles or r.doc[i - 1].lower_ in ("these", "those"):
            return f"said of many people: '{r.doc[i].text}'"
    return ""


FIRST_PERSON_BE = frozenset({"i'm", "im", "'m", "m", "we're", "'re", "he's", "she's"})


def emotion_cause(r: Reader, start: int, end: int, nerves: bool = False) -> bool:
    """ "couldn't breathe for laughing", "breathless with excitement", "laughing so hard";
    with ``nerves`` (a sign that is not the airway's), nerves too ("I was so nervous I
    could barely swallow"), never with the treatment named."""
    w = r.s.emotion_window
    causes = r.s.emotion_causes
    if nerves and not r.treated:
        causes = causes | r.s.nerve_causes
    for i in range(max(0, start - w), min(len(r.doc), end + w)):
        if not r.same(i, start) or r.doc[i].lower_ not in causes:
            continue
        before = r.doc[i - 1].lower_ if i > 0 else ""
        after = r.doc[i + 1].lower_ if i + 1 < len(r.doc) else ""
        if before in r.s.emotion_state_verbs:
            continue  # "my throat feels funny too": the part's state, no emotion
        if before in r.s.cause_words or {before, after} & {"so", "too"}:
            return True
    return False


def moved_to_tears(r: Reader, m: Match) -> bool:
    """ "since she passed ... honestly had a LUMP in my throat": a lump in the throat told
    in a message that tells a loss, a memory or being moved (`moved_words`), with no
    treatment named and nothing of the swallowing, the breath or a swelling in it
    (`moved_never`)."""
    if r.treated or m.sign not in r.s.moved_signs:
        return False
    if not {r.doc[i].lower_ for i in m.words()} & r.s.moved_lump:
        return False
    if "throat" not in r.low[m.start : m.end + 3]:
        return False  # ("a lump on my cheek": no lump in the throat)
    low = set(r.low)
    return bool(low & r.s.moved_words) and not low & r.s.moved_never


def strained_eyes(r: Reader, m: Match) -> bool:
    """Eyes gone blurry or tired in a sentence where the writer has been at a long spell of
    close looking ("I've been scrolling listings and my eyes are going blurry"), or of
    close handiwork told by what was handled ("been rolling coils since this morning":
    a gerund with a made thing after it, `strain_object_classes`), with no treatment and
    no onset named."""
    if r.treated or m.sign not in r.s.strain_signs:
        return False
    words = [r.doc[i].lower_ for i in m.words()]
    if not set(words) & r.s.strain_states:
        return False
    span = sentence(r, m.start)
    low = [r.doc[i].lower_ for i in span]
    if not set(low) & r.s.strain_eyes or onset_in(r, span) or {"when", "suddenly"} & set(low):
        return False
    return any(
        k > 0
        and low[k - 1] in r.s.strain_lead
        and (
            w in r.s.strain_activities
            or (
                wordnet.is_gerund(w)
                and r.noun_after(span[k] + 1, m.start, r.s.strain_object_classes)
            )
        )
        for k, w in enumerate(low)
    )


def illness_cause(r: Reader, m: Match) -> bool:
    """A voice gone hoarse in a sentence that names a common illness as what the person
    has ("he's got a stinking cold and his voice has gone croaky"), or the voice used hard
    (`voice_uses`: "been yodelling nonstop ... my voice is a bit hoarse"), with no treatment named;
    or a face gone grey or a near faint in a sentence that names a motion sickness or a
    hangover (`sickness_names`: "so seasick ... my face went grey and I nearly fainted").
    Not an illness denied ("I haven't got a cold or anything") nor one that only says
    what the voice is like (`illness_likeness` a few words before it: "my husband says I
    SOUND LIKE I've got a cold": how it sounds, not what the patient has)."""
    voice, sick = m.sign in r.s.illness_signs, m.sign in r.s.sickness_signs
    if sick and m.sign in r.s.colour_signs:
        # a face gone grey or pale, never blue lips ("felt seasick, now her lips look blue")
        said = {r.doc[i].lower_ for i in m.words()}
        sick = bool(said & r.s.sickness_colours) and not said & r.s.sickness_not_parts
    elif sick:
        # feeling faint, never a collapse ("seasick, then collapsed and won't wake")
        sick = not {r.doc[i].lower_ for i in sentence(r, m.start)} & r.s.sickness_never
    if r.treated or not (voice or sick):
        return False
    for i in sentence(r, m.start):
        low = r.doc[i].lower_
        if not (
            (
                voice
                and (
                    low in r.s.illness_names
                    or low in r.s.voice_uses
                    or (
                        low in r.s.illness_causes
                        and i > 0
                        and r.doc[i - 1].lower_ in r.s.illness_before
                    )
                )
            )
            or (sick and low in r.s.sickness_names)
        ):
            continue
        before = [r.doc[k].lower_ for k in range(max(0, i - 6), i) if r.same(k, i)]
        if low in r.s.voice_uses and any(
            r.doc[k].lower_ in r.s.voice_use_doubts for k in sentence(r, m.start) if k < i
        ):
            continue  # ("my colleague asked IF I'd lost my voice at a concert": a guess)
        if any(w in _DENIED for w in before[-4:]):
            continue  # (not "I haven't got a cold or anything")
        if any(w in r.s.illness_likeness for w in before):
            continue  # ("sounds like I've got a cold", "as if he had flu")
        return True
    return False


#: words that deny the illness named just after them
_DENIED = frozenset({"n't", "not", "no", "never", "without", "nt", "havent", "hasnt", "dont"})


def breath_held(r: Reader, m: Match) -> bool:
    """A colour told with a breath held on purpose in its clause ("my face turns blue holding
    my breath", "held his breath until his lips went blue"), with no treatment named; what a
    held breath does not explain keeps its level ("... and now he won't wake")."""
    if r.treated or m.sign not in r.s.held_breath_signs:
        return False
    w = r.s.emotion_window
    return any(
        r.same(i, m.start) and _held_breath(r, i)
        for i in range(max(0, m.start - w), min(len(r.doc), m.end + w))
    )


def _held_breath(r: Reader, i: int) -> bool:
    """ "holding my breath", "held his breath": the breath held on purpose."""
    if r.doc[i].lower_ not in r.s.held_breath_verbs:
        return False
    k = i + 1
    if k < len(r.doc) and r.doc[k].lower_ in r.s.owners | {"the", "a"}:
        k += 1
    return k < len(r.doc) and r.doc[k].lower_ in r.s.held_breath_words


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
    told = _told_story(r, span)
    for j in span:
        if j in quoted:
            continue
        low = r.doc[j].lower_
        if low in ("i", "we", "i'm", "im", "myself", "ourselves") and _near(r, j, span):
            return True
        if told and (low in r.s.story_owners or low in r.s.addressed_owners):
            continue  # "a joke about a ghost who lost HIS voice": the ghost's; "write a
            # scene where YOUR breath turns white": anyone's, the reader's
        if low in r.s.addressed_owners and any(
            r.doc[x].lower_ in r.s.generic_openers for x in range(max(span.start, j - 2), j)
        ):
            continue  # "like WHEN YOUR foot falls asleep": anyone's foot, in general
        if low in r.s.owners and not _owns_depiction(r, j + 1):
            for k in range(j + 1, min(span.stop, j + 3)):
                if k in r.body or k in r.known or r.doc[k].lower_ in r.s.sign_words:
                    return True
    return False


def _told_story(r: Reader, span: range) -> bool:
    """The sentence opens on a made thing asked for or talked about ("a joke about
    ...", "tell me a story where ...", "poem about a knight who..."): a depiction
    word among its first words, none of the writer's ("I", "my") before it. Its
    "his", "her", "their" are the characters'."""
    for j in range(span.start, min(span.stop, span.start + 5)):
        low = r.doc[j].lower_
        if low in ("my", "our") and _owns_depiction(r, j + 1):
            return True  # "in MY Victorian MYSTERY a character ...": the writer's own work
        if low in ("i", "my", "we", "our", "i'm", "im") or j in r.body:
            return False
        if low in r.s.depiction_words or wordnet.lemma(low) in r.s.depiction_words:
            return True
    return False


def _character(r: Reader, i: int) -> bool:
    """A person of a story: one of `story_people` ("a king WHO went blind") or a
    person word after an article ("the episode where THE PATIENT's skin turns
    blue")."""
    if r.doc[i].lower_ in r.s.story_people:
        return True
    return i > 0 and r.doc[i - 1].lower_ in r.s.articles


#: depictions that show what they are named by ("my face selfie", "my lip video"), beside
#: `picture_words`: the part shown is the writer's
_PICTURES_OF = frozenset(
    {"selfie", "selfies", "video", "videos", "drawing", "sketch", "portrait", "scan"}
)


def _owns_depiction(r: Reader, k: int) -> bool:
    """ "MY PORTRAIT looks grey in the face", "our wedding photos": the owner's
    picture (a depiction word right after it, or after one noun), not their body;
    a body word may be that noun when it names the kind of made figure ("my HAND PUPPET's
    face", "my face painting"), never for a picture of the part ("my eye photo")."""
    if k + 1 < len(r.doc) and k in r.body and r.same(k, k + 1):
        after = r.doc[k + 1].lower_
        if (
            wordnet.is_mainly_noun(after)
            and after not in r.s.picture_words  # "my EYE PHOTO": a picture of the eye
            and after not in _PICTURES_OF
            and (after in r.s.depiction_words or wordnet.lemma(after) in r.s.depiction_words)
        ):
            return True
    for x in (k, k + 1):
        if x >= len(r.doc) or x in r.body:
            return False
        low = r.doc[x].lower_
        if low in r.s.depiction_words or wordnet.lemma(low) in r.s.depiction_words:
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
    ("I look pale", "I can't breathe"), not of a request ("can I rescue it", "how do
    I fix skin tones": an asking word before "I", a verb of its own after it, not
    one of the linking `skip_words` nor a sign: "do I look pale" stays)."""
    if j > 0 and r.doc[j - 1].lower_ in _ASKING and j + 1 < span.stop:
        nxt = r.doc[j + 1].lower_
        if nxt not in r.s.skip_words and j + 1 not in r.known and j + 1 not in r.body:
            return False
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


def quoted_in(r: Reader, span: range) -> set[int]:
    """The tokens of ``span`` between quotation marks ("what does 'break a leg' mean")."""
    return _quoted(r, span)


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
        and not (_told_story(r, span) and _character(r, i))
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


#: words after a work that open what happens in it ("a book WHERE ...")
_PLOT_LINKS = frozenset({"where", "about", "whose"})


def _plot_opening(r: Reader, j: int) -> bool:
    """Depiction word ``j`` opens its sentence (after an article or a describing
    word at most) and is followed by a word that opens its plot ("a book where",
    "film about"): every event after it is the story's."""
    span = sentence(r, j)
    if j + 1 >= span.stop or r.doc[j + 1].lower_ not in _PLOT_LINKS:
        return False
    return all(
        r.doc[x].lower_ in r.s.articles or wordnet.is_adjective(r.doc[x].lower_)
        for x in range(span.start, j)
    )


def _clause_between(r: Reader, j: int, start: int, end: int) -> bool:
    """Between frame word ``j`` and the sign, a comma or a dash opens a clause with
    its own subject, a person or an owner ("the area went grey, she showed me a
    photo", "mottled since this morning, my son drew a picture of it": a report
    told beside a picture). A list ("mottled, grainy film look") or a question
    after the comma ("what's the weak spot") is one clause still."""
    lo, hi = (j + 1, start) if j < start else (end, j)
    if j < start and _plot_opening(r, j):
        pass  # "a film where a man goes blind and then the city riots": all of it is the plot
    elif j < start and any(r.doc[x].lower_ in _NEXT_EVENT for x in range(lo, hi)):
        # "she drew a picture and then collapsed": a second event of the person (not a bare
        # "and": "the character's face looks grey and blotchy" is one picture)
        return True
    if j < start and _act_then_person(r, j, lo, hi):
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


def _act_then_person(r: Reader, j: int, lo: int, hi: int) -> bool:
    """ "she painted her nails and now her lips are blue": the depiction word is a verb done
    to an object ("painted THE fence", "drew HER nails"), and a link ("and", "now") opens a
    clause whose subject is a person or an owner; the painting explains only the colour of
    what was painted, not of another body part told after it."""
    low = r.doc[j].lower_
    if not low.endswith("ed") or lo >= len(r.doc):
        return False
    if r.doc[lo].lower_ not in r.s.articles and r.doc[lo].lower_ not in r.s.owners:
        return False
    for x in range(lo + 1, hi):
        if r.doc[x].lower_ not in _ACT_LINKS:
            continue
        k = x + 1
        while k < hi and r.doc[k].lower_ in _ACT_LINKS:
            k += 1
        low = r.doc[k].lower_ if k < len(r.doc) else ""
        if low in r.s.person_words or low in r.s.owners:
            return True
    return False


_ACT_LINKS = frozenset({"and", "then", "but", "now", "suddenly", "so"})


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
                if low in r.s.language_words or _compares_words(r, j, span):
                    frames.append((j, "a word talked about"))
                elif (
                    (low in r.s.depiction_words or wordnet.lemma(low) in r.s.depiction_words)
                    and not _offered(r, j)
                    and not _marking(r, j, span)
                ):
                    frames.append((j, "a depiction"))
        table[span.start] = (frames, quoted)
    return table[span.start]


def _marking(r: Reader, j: int, span: range) -> bool:
    """ "drew a pen LINE round it", "I've drawn AROUND the red patch", "past the LINE I
    drew": a line drawn on the skin round a mark to watch it, not a picture
    (`marking_verbs`, one of `marking_after` in its next four words or in the three before)."""
    return r.doc[j].lower_ in r.s.marking_verbs and any(
        r.doc[k].lower_ in r.s.marking_after
        for k in range(max(span.start, j - 3), min(span.stop, j + 5))
        if k != j
    )


def _offered(r: Reader, j: int) -> bool:
    """ "can I SEND A pic": the picture at ``j`` is the object of one of `evidence_verbs`
    (an article, an owner or "you" between): the writer's own picture of what they
    report, not a depiction that the sign describes."""
    k = j - 1
    while (
        k >= 0
        and j - k <= 3
        and (r.low[k] in r.s.articles or r.low[k] in r.s.owners or r.low[k] in ("you", "u", "ya"))
    ):
        k -= 1
    return k >= 0 and k < j - 1 and r.low[k] in r.s.evidence_verbs


def _compares_words(r: Reader, j: int, span: range) -> bool:
    """ "the difference between X and Y", "the opposite of X": a word or a phrase
    of `language_phrases` opening at ``j`` names words compared."""
    for phrase in r.s.language_phrases:
        words = phrase.split()
        if j + len(words) <= span.stop and all(
            r.doc[j + k].lower_ == w for k, w in enumerate(words)
        ):
            return True
    return False


def _made_to_look(r: Reader, i: int, frames: list[tuple[int, str]]) -> bool:
    """ "portraits make everyone's face look washed out": the person is the object
    of a making verb whose subject is the depiction of the sentence."""
    j = i - 1
    while j >= 0 and r.doc[j].lower_ in r.s.articles | r.s.owners:
        j -= 1
    if j < 0 or r.doc[j].lower_ not in r.s.make_verbs:
        return False
    return any(f < j and why == "a depiction" for f, why in frames)


#: functions a stranger performs and others hear or watch: only these are a name's own
_PERFORMED = frozenset({"voice", "voices", "singing", "accent"})

#: verbs by which a person is said to have a quality ("the guide HAD a husky voice")
_HAVING = frozenset({"had", "has", "have", "with"})


def strangers_function(r: Reader, m: Match) -> str:
    """A function or a part of a person the patient does not speak for, told as theirs:
    "the guide had the huskiest voice", "a presenter whose voice is so croaky", "why did
    that crooner's voice sound so rough". The word before the function names the owner:
    "whose" after a stranger (a noun whose first WordNet sense is a person of no kind
    the patient speaks for: no kin, friend, partner, child or client); a stranger who
    "had"/"has" it, past describing words ("the guide HAD the huskiest VOICE"); or, in
    a question why ("why did ... sound"), a stranger or a name before "'s". "my mum
    whose voice", "my friend had a hoarse voice", "why is Sam's voice hoarse since the
    jabs" (the treatment) keep the sign."""
    if treatment_named(r):
        return ""
    low: list[str] | None = r.__dict__.get("_bearers_low")  # once per message
    if low is None:
        low = r.low
        r.__dict__["_bearers_low"] = low
    for v in sorted(m.words()):
        if v not in r.perceiving and v not in r.body:
            continue
        owner = _owner_of(r, low, v)
        if owner >= 0:
            return f"said of someone else: '{r.doc[owner].text}'s {r.doc[v].text}'"
    return ""


def _owner_of(r: Reader, low: list[str], v: int) -> int:
    if v >= 2 and low[v - 1] == "whose" and r.same(v - 2, v):
        return v - 2 if _stranger(r, low[v - 2], r.s.spoken_for_kinds) else -1
    if v >= 3 and low[v - 1] in ("'s", "’s") and r.same(v - 2, v):
        span = sentence(r, v)
        asked = any(low[j] in r.s.general_askers for j in range(span.start, min(span.start + 2, v)))
        owner = r.doc[v - 2]
        # a bare name only for a voice, a performer's quality ("why did Adele's voice
        # sound so rough"); a name's tongue, lips or face is a report about someone the
        # patient may speak for ("why is Jo's tongue so swollen")
        named = (
            owner.is_title
            and owner.is_alpha
            and low[v - 2] not in r.s.person_words
            and low[v] in _PERFORMED
        )
        if asked and (named or _stranger(r, low[v - 2], r.s.spoken_for_kinds)):
            if not any(low[j] in r.s.owners for j in range(max(span.start, v - 4), v - 2)):
                return v - 2  # "why did that crooner's voice", not "why did my son's voice"
        return -1
    j = v - 1
    while (
        j > 0
        and v - j <= 6
        and r.same(j, v)
        and (
            low[j] in r.s.articles
            or (_describing(low[j]) and low[j] not in r.s.person_words)
            or (wordnet.is_mainly_noun(low[j]) and wordnet.classes(low[j], 1)[:1] != (8,))
        )
    ):
        j -= 1  # "the huskiest pirate voice": describing words, a noun as one
    if j < 2 or low[j] not in _HAVING or j == v - 1 or not r.same(j - 1, v):
        return -1
    who = j - 1
    if not _stranger(r, low[who], r.s.spoken_for_kinds) or not _named_noun(r, who):
        return -1
    if any(low[k] in r.s.owners for k in range(max(0, who - 2), who)):
        return -1  # "my coach had ...": someone of the writer's
    return who


def _describing(w: str) -> bool:
    """A describing word, also in its superlative ("hoarsest", "croakiest", "biggest")."""
    if wordnet.is_adjective(w):
        return True
    if not w.endswith("est") or len(w) < 6:
        return False
    stem = w[:-3]
    options = (w[:-2], stem, stem[:-1], stem[:-1] + "y" if stem.endswith("i") else "")
    return any(o and wordnet.is_adjective(o) for o in options)
