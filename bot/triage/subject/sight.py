"""A sight sign about what is seen, not about the eyes: a thing seen through
("the window is so misted I can't see"), a thing looked at on a screen or a
show, alone in the message ("can't see the subtitles"), a body part shown on a
screen or in a picture ("my face photo is blurry"), a size or a colour of print
("can't see normal print", "in tiny pale blue letters"); and a person who
cannot see, which keeps the sign.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.levels import rank
from bot.triage import wordnet
from bot.triage.match import Match
from bot.triage.subject.reader import Reader
from bot.triage.subject.sentences import (
    CLAUSE_END,
    NEGATION,
    body_in_sentence,
    body_noun,
    compared,
    in_sentence,
    sentence,
    treatment_named,
)


def pictured(r: Reader, start: int, end: int) -> bool:
    """ "my face photo on the app is blurry": every body word of the sentence is
    right before a picture word (photo, selfie...): a sight sign said of the
    picture, not of the writer's sight. Never when the treatment is named or a
    sight word ("I see", "looking") is in the sentence."""
    span = sentence(r, start)
    parts = [i for i in span if i in r.guards]
    if not parts or treatment_named(r):
        return False
    if any(r.doc[i].lower_ in r.s.sight_words for i in span):
        return False
    return all(
        i + 1 < len(r.doc) and r.doc[i + 1].lower_ in r.s.depiction_words for i in parts
    ) and not any(body_noun(r.doc[i].lower_) for i in span if i not in parts)


def person_perceives(
    r: Reader, start: int, things_part: Callable[[int], bool], window: int = 12
) -> bool:
    """A person who cannot see, breathe or swallow is the report, whatever thing
    the sentence also names: a person word and then, within four words, a
    function word ("I can't READ", "she can't SEE") before the sign; never a body word
    that names a thing's part (``things_part``: "how do I shoot a cliff FACE ...")."""
    for i in range(max(0, start - window), start):
        if (
            i in r.perceiving
            and not things_part(i)
            and any(r.doc[j].lower_ in r.s.person_words for j in range(max(0, i - 4), i))
        ):
            return True
    return False


def _said_of_thing(r: Reader, k: int) -> bool:
    """Obscuring word ``k`` is said of a thing ("the glass is foggy", "mirror has streaks")."""
    kind, i = r.subject_before(k)
    if any(r.doc[j].lower_ in NEGATION for j in range(i, k)):
        return False  # "the windows aren't foggy"
    return kind == "thing" and not compared(r, i - 2, k)


def _named_as_cause(r: Reader, k: int) -> bool:
    """ "because of the steam on the glass", "from the condensation", "due to the smears",
    "from the floodlight glare" (over one noun naming its kind)."""
    j = k - 1
    if j > 0 and j not in r.body and j not in r.known and wordnet.is_mainly_noun(r.low[j]):
        if r.doc[j - 1].lower_ in r.s.skip_words:
            j -= 1  # "the FLOODLIGHT glare"
    while j >= 0 and r.doc[j].lower_ in r.s.skip_words:
        j -= 1
    return j >= 0 and r.doc[j].lower_ in r.s.obscuring_causes


def obscured(r: Reader, m_sign: str, start: int, end: int) -> str:
    """Why a sight sign is about a thing seen through, or ""."""
    sees = any(r.doc[i].lower_ in r.s.sight_words for i in range(start, end))
    if m_sign not in r.s.obscured_signs and not sees:
        return ""  # "can't see the food" may be read as swallowing: the seeing decides
    found = [k for k in in_sentence(r, start, r.s.obscuring_words) if not start <= k < end]
    if not found and not body_in_sentence(r, start, end):
        return _blocked(r, start, end)  # "... because it's right behind a pillar"
    if not found or body_in_sentence(r, start, end):
        return ""  # "my eye is foggy", "since the injections"
    through = _seen_through(r, end)
    if through >= 0 and any(k > through for k in found) and not treatment_named(r):
        return f"'{r.doc[through].text}' is a thing seen through"  # "... it's all steamed up"
    for k in found:
        if k < start and _said_of_thing(r, k):
            return f"'{r.doc[k].text}' is said of a thing seen through"
        if _named_as_cause(r, k) and not compared(r, start, k):
            return f"'{r.doc[k].text}' on a thing is the cause"
    return ""


def blur_of_another_sense(r: Reader, m: Match) -> str:
    """ "my voice goes all wobbly and blurry on the high notes": a sight sign told by its
    state alone whose subject, walking back, is the voice or hearing
    (`sight_foreign_functions`), with no word of sight, the eyes or what is seen in it."""
    if m.sign not in r.s.obscured_signs:
        return ""
    for i in range(m.start, m.end):
        if any(k.startswith("FN|") for k in r.found_at(i)):
            return ""  # "my eye is blurry", "everything looks blurry": seeing named
    kind, i = r.subject_before(m.start)
    if kind != "person" or i < 0:
        return ""
    names = {k[3:] for k in r.found_at(i) if k.startswith("FN|")}
    for j in range(i + 1, m.start):
        if any(
            k.partition("|")[0] in ("FN", "S", "T") and k != f"S|{m.sign}" for k in r.found_at(j)
        ):
            return ""  # "my voice is HOARSE and EVERYTHING is blurry": a sign and sight between
    if names and names <= r.s.sight_foreign_functions:
        return f"a state of the {r.doc[i].text}, not of sight"
    return ""


def gear_over_eyes(r: Reader, m_sign: str, start: int, end: int) -> str:
    """ "my swimming goggles leak every time I put my head under, and everything goes
    blurry", "the helmet kept sliding over my eyes, everything went blurry": a sight
    sign after, in its sentence, something worn over the eyes or head (a WordNet kind
    of `gear_kinds`: goggles, glasses, a helmet, a mask) followed by one of its mishaps
    (`gear_mishaps`: leaking, sliding, fogging, too big): the gear is in the way, not
    the sight. Only eyes, head or face may be named (as where the gear sits: `gear_places`),
    never a word of `sight_onset` ("suddenly", "since", "left side"), a comparison, or
    the treatment."""
    if m_sign not in r.s.obscured_signs or treatment_named(r):
        return ""
    span = sentence(r, start)
    # (seen "through it", the gear, is no comparison: "everything was blurry through it")
    if any(
        compared(r, j, j + 1) and not _through_the_gear(r, j) for j in range(span.start, span.stop)
    ):
        return ""
    for i in span:
        if start <= i < end:
            continue
        if r.low[i] in r.s.sight_onset and r.low[i] not in r.s.gear_places:
            return ""
        if (i in r.guards or body_noun(r.low[i])) and r.low[i] not in r.s.gear_places:
            return ""
    for g in range(span.start, start):
        low = r.low[g]
        if not r.doc[g].is_alpha or not wordnet.is_mainly_noun(low):
            continue
        if not wordnet.kinds(low, 2) & r.s.gear_kinds:
            continue
        after = range(g + 1, min(start, g + 7))
        mishap = next((k for k in after if r.low[k] in r.s.gear_mishaps), -1)
        if mishap >= 0 and not any(r.low[k] in _CONTRAST for k in range(mishap, start)):
            # (never told against the sight: "I thought my glasses were broken BUT everything
            # is still blurry" says the gear is not the cause)
            return f"'{r.doc[g].text}' in the way ('{r.doc[mishap].text}')"
    return ""


#: a contrast between the gear's mishap and the sight: the gear is not the cause
_CONTRAST = frozenset({"but", "yet", "though", "although", "however", "still"})


def _through_the_gear(r: Reader, j: int) -> bool:
    """ "through IT", "thru them": what is looked through is the gear named before."""
    return (
        r.low[j] in ("through", "thru")
        and j + 1 < len(r.doc)
        and r.low[j + 1] in ("it", "them", "that", "those")
    )


def _blocked(r: Reader, start: int, end: int) -> str:
    """ "I can't see anything because it's right behind a pillar": one of
    `outside_cause_links` after the sign in its sentence, then a clause naming a
    thing, with no body part, person, owner, known (symptom) word, word of
    `sight_onset` or comparison in it, no word of `sight_onset` in the sentence and
    no treatment named: what there is to see is blocked, not sight."""
    span = sentence(r, start)
    if treatment_named(r) or compared(r, span.start, span.stop):
        return ""
    if any(
        r.low[i] in r.s.sight_onset and not _right_at(r, i) for i in span if not start <= i < end
    ):
        return ""  # "suddenly", "since", "dark", "eyes": a person's sight
    link = next((k for k in range(end, span.stop) if r.low[k] in r.s.outside_cause_links), -1)
    if link < 0:
        return ""
    thing = -1
    for j in range(link + 1, span.stop):
        low = r.low[j]
        if r.doc[j].text in CLAUSE_END:
            break
        if j in r.known or j in r.guards or j in r.body or body_noun(low):
            return ""
        if low in r.s.person_words or low in r.s.owners or low in r.s.first_person:
            return ""
        if thing < 0 and r.kind(j) == "thing":
            thing = j
    return f"'{r.doc[thing].text}' is in the way" if thing >= 0 else ""


#: "RIGHT behind a pillar": "right" before a place word says where, not which side
_PLACE_WORDS = frozenset(
    {
        "over",
        "behind",
        "in",
        "next",
        "by",
        "under",
        "above",
        "on",
        "at",
        "beside",
        "across",
        "below",
    }
)


def _right_at(r: Reader, i: int) -> bool:
    return r.low[i] == "right" and i + 1 < len(r.doc) and r.low[i + 1] in _PLACE_WORDS


def _seen_through(r: Reader, end: int) -> int:
    """The made thing a sight sign looks through, right after it: "can't see THROUGH
    the shower door" (one of `seen_through` then a noun whose first WordNet senses
    are a made thing, `perceived_classes`), its index; -1 otherwise ("can't see
    through my left eye" is the body's)."""
    if end >= len(r.doc) or r.doc[end].lower_ not in r.s.seen_through:
        return -1
    for j in range(end + 1, min(len(r.doc), end + 5)):
        low = r.doc[j].lower_
        if j in r.body or low in r.s.person_words or not r.doc[j].is_alpha:
            return -1
        if low in r.s.perceived_skip:
            continue
        if low in r.s.thing_words:
            return j
        if wordnet.is_mainly_noun(low) and r.kind(j) == "thing":
            nxt = j + 1  # "the SHOWER screen": the noun it describes
            if nxt < len(r.doc) and r.doc[nxt].is_alpha and r.kind(nxt) == "thing":
                return nxt
            cls = wordnet.classes(low, r.s.senses)
            return j if cls and cls[0] in r.s.perceived_classes else -1
        if not wordnet.is_adjective(low):
            return -1
    return -1


def perceived_thing(r: Reader, m: Match, matches: list[Match]) -> str:
    """A sight sign whose object is a screen, a show or another made thing, alone:
    "can't see anything on my monitor", "can't see subtitles on Netflix".

    Only when it is the message's one sign, the message names no body part
    and no treatment, and nothing is compared ("I can't see my screen, it's
    like being in a cloud" is about sight).
    """
    if m.status != "counted":
        return ""
    if m.sign not in r.s.obscured_signs or r.guards or treatment_named(r):
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
    return _looked_at(r, m, m.end) or _looked_at_before(r, m)


#: who reads or sees in a relative clause after what is looked at ("a faded sign I couldn't read")
_READERS = frozenset({"i", "we", "you", "he", "she", "they"})


def _looked_at_before(r: Reader, m: Match) -> str:
    """ "the shutters were down with a faded SIGN I couldn't read": the thing looked at
    named right before the reader of a relative clause ("that"/"which" may stand between),
    a noun whose first sense is one of ``perceived_classes``."""
    k = m.start - 1
    if k < 1 or r.low[k] not in _READERS or not r.same(k, m.start):
        return ""
    k -= 1
    if k > 0 and r.low[k] in ("that", "which"):
        k -= 1
    low = r.low[k]
    if not r.doc[k].is_alpha or k in r.body or k in r.known or low in r.s.person_words:
        return ""
    cls = wordnet.classes(low, r.s.senses) if wordnet.is_mainly_noun(low) else ()
    if cls and cls[0] in r.s.perceived_classes:
        return f"'{r.doc[k].text}' is a thing looked at"
    return ""


def _looked_at(r: Reader, m: Match, first: int, shown_only: bool = False) -> str:
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
        if (
            wordnet.is_adjective(low)
            and not wordnet.is_mainly_noun(low)
            and j not in r.known
            and low not in r.s.sight_onset
        ):
            continue  # "on my CRACKED screen", "on the OLD monitor": a describing word
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


def printed_in(r: Reader, start: int, end: int) -> bool:
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
    return not body_in_sentence(r, start, end) and not treatment_named(r)


def _light_degree(r: Reader, i: int) -> bool:
    """ "it's too dim", "too dark out here": how much light there is for a purpose,
    not a person's sight (a light word right after "too")."""
    return r.doc[i].lower_ in r.s.light_words and i > 0 and r.doc[i - 1].lower_ in r.s.light_degree


def _gone(r: Reader) -> bool:
    """The message says a thing is gone: one of `missing_words` said of "it", "they" or
    a thing ("it just disappeared", "the button vanished"), computed once."""
    if "_gone" not in r.__dict__:
        found = False
        for t in r.doc:
            if t.lower_ not in r.s.missing_words or t.i == 0:
                continue
            nxt = t.i + 1
            if nxt < len(r.doc) and not (
                r.doc[nxt].text in CLAUSE_END or r.doc[nxt].lower_ in r.s.after_object
            ):
                continue  # "it's gone all dark": gone is "become" there
            kind, i = r.subject_before(t.i)
            low = r.doc[i].lower_ if i >= 0 else ""
            if kind == "thing" or low in ("it", "they"):
                found = True
                break
        r.__dict__["_gone"] = found
    return bool(r.__dict__["_gone"])


def print_size(r: Reader, m: Match) -> bool:
    """ "my gran can't see normal print anymore": the object of the sight sign, right
    after it, or print named before it in its sentence ("it's in tiny text and I can't
    see"), is print of a size: the need for bigger print; small things told as straining
    the eyes before it ("tiny parts make my eyes go blurry": ``strain_verbs``) are close
    work. Never with "suddenly", a body part in the message, the treatment or another sign."""
    if r.guards or treatment_named(r):
        return False
    if "_sudden" not in r.__dict__:
        r.__dict__["_sudden"] = any(t.lower_ in ("suddenly", "sudden") for t in r.doc)
    if r.__dict__["_sudden"]:
        return False
    j = m.end
    while j < len(r.doc) and r.doc[j].lower_ in ("the", "a", "any", "some"):
        j += 1
    if j + 1 < len(r.doc) and r.doc[j].lower_ in r.s.print_sizes:
        return r.doc[j + 1].lower_ in r.s.print_words
    # ... or print of a size named elsewhere in the sentence, as what is read: "the chapter
    # list is in grey tiny text and I can't see which one is which", "she can't read them
    # because the print is so small"
    span = sentence(r, m.start)
    for k in span:
        if (
            span.start < k < m.start - 1
            and r.doc[k - 1].lower_ in r.s.print_sizes
            and r.doc[k + 1].lower_ in r.s.strain_verbs
            and wordnet.is_mainly_noun(r.low[k])
        ):
            return True  # close work: "tiny parts make my eyes go blurry"
        if r.doc[k].lower_ not in r.s.print_words or m.start <= k < m.end:
            continue
        if k > 0 and r.doc[k - 1].lower_ in r.s.print_sizes:
            return True  # "tiny text"
        after = [r.doc[j].lower_ for j in range(k + 1, min(span.stop, k + 5))]
        if any(w in r.s.print_sizes for w in after) and after[:1] and after[0] in _BE:
            return True  # "the print is so small"
    return False


#: a print's size told after it: "the print IS so small"
_BE = frozenset({"is", "was", "'s", "s", "are", "were", "looks", "seems"})


def screened(r: Reader) -> set[int]:
    """Body parts shown on a screen: the object (owner + part) of a state verb ("-ing",
    "-ed", no degree before it) or of "makes ... look" whose subject, before it,
    names a picture or a screen ("the video app keeps freezing my face", "the
    webcam makes my face look grey"; not "the room was so cold my lips went blue",
    "the cream makes my face look grey"). Computed once; empty when the treatment is
    named."""
    if "_screened" in r.__dict__:
        return set(r.__dict__["_screened"])
    out: set[int] = set()
    if not treatment_named(r):
        for k in range(1, len(r.doc) - 2):
            made = r.doc[k].lower_ in r.s.make_verbs and k + 3 < len(r.doc)
            made = made and r.doc[k + 3].lower_ in _LOOK  # "the webcam MAKES my face LOOK grey"
            if not made and (k not in r.known or r.doc[k].lower_ in r.s.skip_words):
                continue
            if not made and (
                not r.doc[k].lower_.endswith(("ing", "ed")) or r.doc[k - 1].lower_ in ("so", "too")
            ):
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


_LOOK = frozenset({"look", "looks", "appear", "appears", "seem", "seems"})


def _a_screen(r: Reader, i: int) -> bool:
    low = r.doc[i].lower_
    return low in r.s.screen_words or low in r.s.depiction_words or low in r.s.thing_words


_MANY_SEERS = frozenset({"we", "they", "everyone", "everybody", "nobody", "none", "us", "all"})


def shared_view(r: Reader, m_sign: str, start: int, end: int) -> str:
    """ "last time we went it was all grey and WE couldn't see a thing": several people
    at once not seeing (`we`, `everyone`, `nobody`) is the view (fog, the dark, a crowd),
    not anyone's sight; a sight sign right after such a subject, in a sentence with no
    body part and a message that names no treatment ("she can't see", "we think her
    sight is blurry", "my eye" stay)."""
    if m_sign not in r.s.obscured_signs or treatment_named(r) or body_in_sentence(r, start, end):
        return ""
    kind, i = r.subject_before(start)
    if kind != "person" or r.doc[i].lower_ not in _MANY_SEERS:
        return ""
    if any(r.doc[j].lower_ in r.s.owners for j in range(i + 1, start)):
        return ""  # "we think her sight ...": someone's own sight named after them
    return f"several people's view ('{r.doc[i].text}')"


def device_picture(r: Reader, m_sign: str) -> str:
    """ "colours look washed out and everything has a grey tint, what settings should i
    change": a sight or colour sign in a message that asks about a device's picture
    controls (`picture_controls`: settings, brightness, contrast) and names no body part,
    no one seeing or reading ("I can't see ..."; how things look may be the picture's), no
    other person and no treatment is the device's picture."""
    if m_sign not in r.s.obscured_signs and m_sign not in r.s.colour_signs:
        return ""
    if r.body or treatment_named(r):
        return ""
    if any(low in r.s.sight_words and not low.startswith("look") for low in r.low):
        return ""
    if any(low in r.s.person_words and low not in r.s.first_person for low in r.low):
        return ""
    control = next((low for low in r.low if low in r.s.picture_controls), "")
    return f"a device's picture ('{control}')" if control else ""


def so_that_unseen(r: Reader, m_sign: str, start: int) -> str:
    """ "the screen was so dark and blurry that we couldn't see faces": a sight sign
    right after "so ... that" (only person words between "that" and the sign) whose
    "so" belongs to a thing's clause, or right after a "so" of result ("the screen was
    blurry so we couldn't read who won") whose clause is a thing's: a thing too dark,
    dim or blurred to see by, not sight gone wrong. Never with a body part in the
    sentence or the treatment named ("my eye was so swollen that I couldn't see"
    keeps)."""
    if m_sign not in r.s.obscured_signs or treatment_named(r):
        return ""
    span = sentence(r, start)
    if any(i in r.body or i in r.guards for i in span):
        return ""
    k = start - 1
    while k > span.start and r.low[k] in r.s.person_words:
        k -= 1
    if r.low[k] == "so" and k > span.start:
        # "the screen with the scores was blurry SO we couldn't read who won": the result
        kind, i = r.subject_before(k)
        return f"'{r.doc[i].text}' kept anyone from seeing" if kind == "thing" else ""
    if r.low[k] != "that":
        return ""
    so = next(
        (
            j
            for j in range(k - 1, span.start - 1, -1)
            if r.low[j] == "so" and r.low[j + 1] not in r.s.person_words  # not "so I ..."
        ),
        -1,
    )
    if so < 0:
        return ""
    kind, i = r.subject_before(so)
    return f"'{r.doc[i].text}' kept anyone from seeing" if kind == "thing" else ""


def seen_out_of_thing(r: Reader, m_sign: str, start: int, end: int) -> str:
    """ "the double glazing has gone misty, can't see out of it": a sight sign, then "out
    of" a pronoun, in a sentence that names a thing before the sign (a noun after an
    article or an owner, no body, person, time or vocabulary word) and no body part:
    what cannot be seen out of is that thing.
    Never with the treatment named ("since the jabs I can't see out of it" keeps) or a
    body word in the sentence ("my eye is puffy, can't see out of it")."""
    if m_sign not in r.s.obscured_signs or treatment_named(r):
        return ""
    if not (end + 2 < len(r.doc) and r.low[end : end + 2] == ["out", "of"]):
        return ""
    if r.low[end + 2] not in ("it", "them", "that", "this"):
        return ""
    span = sentence(r, start)
    if any(i in r.body or i in r.guards for i in range(span.start, start)):
        return ""
    nouns = [
        i
        for i in range(span.start, start)
        if r.doc[i].is_alpha
        and i not in r.known
        and not r.is_time(r.low[i])
        and r.low[i] not in r.s.person_words
        and r.low[i] not in r.s.first_person
        and not body_noun(r.low[i])
        and not wordnet.is_adjective(r.low[i])  # "the other day" names no thing
        and (wordnet.lemma(r.low[i]) is not None or r.low[i].endswith("ing"))  # "glazing"
        # ... named with an article or an owner ("the double glazing", "my glasses"),
        # not a bare word of the story ("got home and can't see out of it" keeps)
        and any(
            r.low[j] in r.s.articles or r.low[j] in r.s.owners
            for j in range(max(span.start, i - 2), i)
        )
    ]
    return "what is seen out of is a thing named before it" if nouns else ""


#: what a picture is of, after "in"/"on" and before the picture word: "in every GROUP shot"
_PICTURE_KINDS = frozenset(
    {"group", "team", "family", "wedding", "class", "school", "passport", "profile"}
)
#: a picture word besides `picture_words`: "a group shot", "in the selfie", "on the video"
_SHOTS = frozenset(
    {"shot", "shots", "selfie", "selfies", "video", "videos", "frame", "frames", "snap", "snaps"}
)


#: words before a picture word ("in literally EVERY ONE OF the group shots")
_PICTURE_DESCRIBERS = frozenset(
    {"every", "all", "each", "literally", "both", "most", "some", "these", "those", "one", "of"}
)
#: the pictures named before, said again: "in all of THEM"
_PICTURE_PRONOUNS = frozenset({"them", "it"})


def in_a_picture(r: Reader, m: Match) -> str:
    """ "my eyes are shut in literally every group shot": the sign placed right after it in
    a picture ("in", "on", then describing words, then a picture word): what the picture
    shows, not a body now. Never when the treatment is named."""
    if r.treated:
        return ""
    j = m.end
    if j >= len(r.doc) or r.low[j] not in ("in", "on"):
        return ""
    for k in range(j + 1, min(len(r.doc), j + 6)):
        low = r.low[k]
        if low in r.s.picture_words or low in _SHOTS:
            return f"what a picture shows ('{r.doc[k].text}')"
        if low in _PICTURE_PRONOUNS:
            # "the photos came out blurry and my face looks grey in all of THEM": the
            # pictures named before the sign in its sentence
            named = [
                i
                for i in range(sentence(r, m.start).start, m.start)
                if r.low[i] in _SHOTS or r.low[i] in r.s.picture_words
            ]
            return f"what a picture shows ('{r.doc[named[-1]].text}')" if named else ""
        if not (
            low in r.s.articles
            or low in r.s.owners
            or low in _PICTURE_KINDS
            or low in _PICTURE_DESCRIBERS
            or (wordnet.is_adjective(low) and k not in r.known)
        ):
            return ""
    return ""
