"""One step: a sign of the treated face told of another part of the body (data: the
``elsewhere`` section of ``knowledge/triage_vocabulary.yml``).

The clinic treats the face, the chin and the jaw. Pain, a blister, a lump or a mark
said of a leg, an arm, a finger or the back is no sign of that treatment: "my legs
are SO sore after Zumba", "had to carry everything up 4 floors, my legs are killing
me", "the string left a small blister on my middle finger". Such a sign (one of
``elsewhere.signs``) is not counted (status ``elsewhere``, with the part for staff)
when one of ``elsewhere.parts`` is what it is said of:

* its subject, right before the sign's state, with only an owner, "are", "so" and
  the like between (``elsewhere.between``): "my legs are SO sore";
* or its place, right after the sign: a place word (``elsewhere.places``), then an
  owner, a side or a describing word or two, then the part: "a blister ON MY
  MIDDLE FINGER".

Never when the message names the treatment, nor when the sign's sentence names a
body function of the vocabulary that is a part which may be the face's (the face,
the skin, the lips: "my cheek and my arm are killing me" keeps the cheek's pain;
the words of ``elsewhere.unplaced`` name no such part: a limb, a redness, a lump).
Signs of the whole body (a limb gone weak or numb, a change of colour, hives,
breathing) are not in the list and are never read this way. Called once from ``assess``.
"""

from __future__ import annotations

from collections.abc import Collection

from bot.triage.anchors import TREATMENT
from bot.triage.match import Doc, Match, boundaries
from bot.triage.vocabulary import VocabularyView

STATUS = "elsewhere"
_GAP = 4  # at most this many words between the part and the sign (or the place and the part)


def apply(
    vocab: VocabularyView,
    doc: Doc,
    matches: list[Match],
    functions: list[tuple[int, int, set[str]]],
    anchors: Collection[str],
) -> None:
    """Mark counted signs of ``vocab.elsewhere_signs`` told of another part (``elsewhere``)."""
    if not vocab.elsewhere_signs or TREATMENT in anchors:
        return
    low = [t.lower_ for t in doc]
    sentence = boundaries(doc, set())
    face = {
        sentence[f[0]]
        for f in functions
        if f[2] & vocab.body_functions
        and not f[2] <= vocab.elsewhere_unplaced
        and not any(low[i] in vocab.elsewhere_parts for i in range(f[0], f[1]))
    }
    told: set[int] = set()  # the words of signs already told of another part
    for m in sorted(matches, key=lambda m: m.start):
        if m.status != "counted" or m.sign not in vocab.elsewhere_signs:
            continue
        if sentence[m.start] in face:
            continue
        part = _subject(vocab, low, m, told) if m.start > 0 else None
        if part is None:
            part = _place(vocab, low, m)
        if part is not None:
            m.status = STATUS
            m.note = f"(told of another part than the treated face: '{doc[part].text}')"
            told.update(m.words())


def _subject(vocab: VocabularyView, low: list[str], m: Match, told: set[int]) -> int | None:
    """The part right before the sign's state, with only ``between`` words (and owners)
    between: "my legs are SO sore", "arms are killing me"; or a state joined by "and" to one
    already told of that part (``told``): "my fingers are sore and a bit blistered"."""
    start = m.key[0] if m.key else m.start
    own = set(m.words())
    j = start - 1
    while j >= 0 and start - j <= _GAP and (low[j] in vocab.elsewhere_between or j in own):
        j -= 1
    if j > 0 and low[j] == "and" and j - 1 in told:
        # the state before "and" was told of a part: walk on past it to that part
        j -= 1
        while j >= 0 and j in told:
            j -= 1
        start = j + 1
        while j >= 0 and start - j <= _GAP and low[j] in vocab.elsewhere_between:
            j -= 1
    return j if j >= 0 and _part(vocab, low, j) else None


def _place(vocab: VocabularyView, low: list[str], m: Match) -> int | None:
    """The part right after the sign as its place: "a blister on my middle finger"."""
    k = m.end
    if k >= len(low) or low[k] not in vocab.elsewhere_places:
        return None
    for i in range(k + 1, min(len(low), k + 1 + _GAP)):
        if _part(vocab, low, i):
            return i
        if not low[i].isalpha() and low[i] not in ("'s", "-"):
            return None
    return None


def _part(vocab: VocabularyView, low: list[str], i: int) -> bool:
    """A part of ``elsewhere.parts`` at ``i``; one of ``elsewhere.owned_only`` only after
    an owner ("my back is killing me"; "the pain is back, so bad" is a return)."""
    if low[i] not in vocab.elsewhere_parts:
        return False
    return low[i] not in vocab.elsewhere_owned_only or (i > 0 and low[i - 1] in vocab.owners)
