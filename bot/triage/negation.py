"""Negation and frames: which signs found are not a current report.

Negation (after NegEx): "no fever, no pus" drops those signs; a cue inside a
sign's own words ("can't breathe") is part of the sign. Frames: a general
question ("can it cause infection?"), a past history ("I had a stroke in
2015"), a habit or a relative's diagnosis drops the signs in its clause
(emergency signs only when the words are a clinical term).
"""

from __future__ import annotations

import bisect
import unicodedata
from collections.abc import Sequence, Set

from bot.levels import rank
from bot.triage import wordnet
from bot.triage.match import Doc, Match, Spans, boundaries, is_boundary, overlap_groups
from bot.triage.rules import Rules


def _gap_ok(doc: Doc, start: int, end: int, allowed: set[str], max_gap: int) -> bool:
    if end - start > max_gap:
        return False
    return all(doc[i].lower_ in allowed and not is_boundary(doc[i]) for i in range(start, end))


def _denied_items_before(
    doc: Doc, start: int, end: int, allowed: set[str], max_gap: int, states: set[int]
) -> bool:
    """ "no heat or pus": the cue's list has items before the sign that are state words making no
    sign alone; with "or"/"nor" before the sign they are denied with it."""
    if end - start > max_gap or end - start < 2 or doc[end - 1].lower_ not in {"or", "nor"}:
        return False
    return any(i in states for i in range(start, end)) and all(
        (i in states or doc[i].lower_ in allowed) and not is_boundary(doc[i])
        for i in range(start, end)
    )


def apply_negation(rules: Rules, doc: Doc, found: Spans, matches: list[Match]) -> None:
    """Mark negated matches (NegEx-style pre-negation with list chaining, and post-negation)."""
    if not matches:
        return
    in_pseudo = {i for s, e in found.get("PSEUDO", []) for i in range(s, e)}
    in_sign = {i for m in matches for i in m.words()}
    groups = overlap_groups(matches, keyed=True)  # a pair counts from its state
    starts = [g[0].kstart for g in groups]

    cues: list[tuple[int, int, str]] = []
    for kind in ("NEG_DET", "NEG_VERB"):
        for s, e in found.get(kind, []):
            if any(i in in_pseudo for i in range(s, e)):
                continue
            if any(i in in_sign for i in range(s, e)):
                continue  # "can't breathe": the cue is part of the sign
            cues.append((s, e, kind))

    # words of a state that make no sign alone: "no heat or pus" denies the heat and the pus
    states = {
        i
        for k, spans in found.items()
        if k.startswith("ST|")
        for s, e in spans
        for i in range(s, e)
    }
    # words that complete an item of a list: its function and state words ("blurred SIGHT")
    completing = {
        i
        for k, spans in found.items()
        if k.startswith(("FN|", "ST|"))
        for s, e in spans
        for i in range(s, e)
    }
    for s, e, kind in sorted(cues):
        # the first sign group starting at or after the cue
        gi = bisect.bisect_left(starts, e)
        if gi >= len(groups) or all(m.status != "counted" for m in groups[gi]):
            continue  # nothing there, or already negated by an earlier cue's list
        # a pair counts from its state, and its own function word may stand
        # between the cue and the state: "no BREATHING problem", "no vision problem"
        first = min(m.start for m in groups[gi])
        fillers, most = rules.neg_fillers[kind], rules.neg_max_gap
        if not (
            _gap_ok(doc, e, starts[gi], fillers, most)
            or (first >= e and _gap_ok(doc, e, first, fillers, most))
            or _denied_items_before(doc, e, starts[gi], fillers, most, states)
        ):
            continue
        cue_text = doc[s:e].text
        _negate(groups[gi], f"negated by '{cue_text}'")
        first_gi = gi
        # chain: "no fever, chills, pus or blisters"
        while gi + 1 < len(groups):
            nxt = groups[gi + 1]
            if all(m.status != "counted" for m in nxt):
                break
            if _within(doc, nxt, groups[gi]):
                # the same denied words read a second way: "no pale, grey or blotchy
                # patches" ('grey or blotchy patches' lies inside the denied item)
                _negate(nxt, f"negated by '{cue_text}' (list)")
                gi += 1
                continue
            gap = _list_gap(rules, doc, groups[gi], nxt, completing)
            if gap is None:
                break
            # an item that itself spans a comma ("no pain, eyes blurry": 'pain, eyes' read as
            # one pair) leaves no gap before the next, yet the comma still separates them
            split = not gap and any(_spans_comma(doc, m.start, m.end) for m in groups[gi])
            if (
                (gap & {",", "and", "&", "-"} or split)
                and any(m.level == "emergency" for m in nxt)
                and not _closed_by_or(rules, doc, groups, gi, completing)
            ):
                # "no pain, blurry vision": an emergency sign is never negated by a list comma,
                # unless the list is closed by "or"/"nor" ("no pain, vision changes or fever")
                break
            _negate(nxt, f"negated by '{cue_text}' (list)")
            gi += 1
        # a list: two items or more ("no pain or swelling", "no eye or breathing problems")
        items = {m.start for g in groups[first_gi : gi + 1] for m in g if m.status == "negated"}
        if len(items) > 1:
            list_end = max(m.kend for m in groups[gi])
            _unpair_after_list(rules, doc, matches, range(e, list_end), cue_text)

    # post-negation: "the swelling has gone down", "fever: none"
    ends = [max(m.kend for m in g) for g in groups]
    sentence = boundaries(doc, set())
    remains = found.get("REMAIN", [])
    changed = found.get("POSTCH", [])
    for s, e in found.get("POST", []):
        if any(cs <= s < ce for cs, ce in changed):
            continue  # "the bruise has gone yellow": a change of colour, not an end
        gi = bisect.bisect_right(starts, s) - 1  # the last group starting before the cue
        if gi < 0 or ends[gi] > s:
            continue
        if _gap_ok(doc, ends[gi], s, rules.post_fillers, rules.post_max_gap):
            # "went down mostly, just a bit left": still there, improving, not gone
            if any(
                ends[gi] <= rs <= e + rules.remainder_window and sentence[rs] == sentence[s]
                for rs, _ in remains
            ):
                continue
            if _back_worse(rules, doc, found, sentence, e):
                continue  # "pain gone by monday, now it's way worse": gone, then back and worse
            for m in groups[gi]:
                if m.status == "counted" and m.level != "emergency":
                    m.status = "resolved"
                    m.note = f"'{doc[s:e].text}' after it"
    _apply_ended(rules, doc, found, matches, sentence)


def _back_worse(rules: Rules, doc: Doc, found: Spans, sentence: list[int], after: int) -> bool:
    """A worsening cue later in the sentence, said of "it" (a pronoun for the sign just said
    gone, ``grammar.anaphors``): "the pain was basically gone by monday, now it's way worse than
    the day I had it done" tells a sign that came back, not one that is over."""
    neg_ends = {e for k in ("NEG_DET", "NEG_VERB") for _, e in found.get(k, [])}
    for cs, _ in found.get("C|worsening", []):
        if cs < after or sentence[cs] != sentence[after]:
            continue
        if any(cs - k in neg_ends for k in (0, 1, 2)):
            continue  # "gone, and it's not getting worse"
        if any(
            doc[k].lower_ in rules.vocab.anaphors and sentence[k] == sentence[cs]
            for k in range(max(after, cs - 3), cs)
        ):
            return True
    return False


def _apply_ended(
    rules: Rules, doc: Doc, found: Spans, matches: list[Match], sentence: list[int]
) -> None:
    """ "it burned for the first hour, now it's just pink": an early episode that has ended.

    A counted sign below ``emergency`` with an ``ended`` limiter near it in its sentence
    ("for the first hour", "at first") is over when a ``turn`` word ("now", "since then")
    comes after both, and the same sign is not said again after the turn.
    """
    limits = found.get("ENDED", [])
    turns = found.get("TURN", [])
    if not limits or not turns:
        return
    for m in matches:
        if m.status != "counted" or m.level == "emergency":
            continue
        near = [
            (ls, le)
            for ls, le in limits
            if sentence[ls] == sentence[m.start]
            and (0 <= ls - m.end <= rules.ended_window or 0 <= m.start - le <= rules.ended_window)
        ]
        if not near:
            continue
        last = max(max(le, m.end) for _, le in near)
        turn = next((ts for ts, _ in sorted(turns) if ts >= last), None)
        if turn is None:
            continue
        if any(o is not m and o.sign == m.sign and o.start >= turn for o in matches):
            continue  # said again after the turn: still so now
        # what follows the early stretch must be calm: no sign above `none` after the turn, no
        # course cue after the stretch ("sore at first but it's getting worse every day now")
        if any(
            o.status == "counted" and o.level != "none" and o.start >= turn for o in matches
        ) or any(
            cs >= last
            for k, spans in found.items()
            if k.startswith("C|") and k[2:] not in rules.cue_overrides  # not a calming cue
            for cs, _ in spans
        ):
            continue
        m.status = "resolved"
        m.note = (
            f"an early episode ('{doc[near[0][0] : near[0][1]].text}'), over by '{doc[turn].text}'"
        )


def _list_gap(
    rules: Rules, doc: Doc, prev: list[Match], nxt: list[Match], completing: Set[int] = frozenset()
) -> set[str] | None:
    """The connector words between two items of a list, or None when they are no list gap.

    An item is its whole noun phrase: the matched words and the function or state words
    that complete it (``completing``, owner, side, article and place words between them)
    up to the next connector: "no fever, blurred SIGHT or trouble breathing".
    """
    # the list goes on from the last word of the negated item, its own function words
    # too: "no problem with my eyes, breathing or pain" (the problem is the eyes' and
    # the breathing's; the list carries on after "breathing")
    prev_end = max(
        max([m.kend, *(i + 1 for i in (m.tokens or ()) if i < nxt[0].kstart)]) for m in prev
    )
    # the next pair's own function words may stand in the gap before its state: "I don't
    # have pain in my eye or breathing problems" (the state is shared by the list's items)
    own = {i for m in nxt if m.tokens is not None for i in m.tokens}
    prev_end = _item_end(rules, doc, prev_end, nxt[0].kstart, completing - own)
    gap_ids = [i for i in range(prev_end, nxt[0].kstart) if i not in own]
    if len(gap_ids) > 3 or not all(
        doc[i].lower_ in rules.neg_connectors and not is_boundary(doc[i]) for i in gap_ids
    ):
        return None
    return {doc[i].lower_ for i in gap_ids}


def _item_end(rules: Rules, doc: Doc, start: int, limit: int, completing: Set[int]) -> int:
    """Where an item of a list ends, from ``start`` (the end of its matched words): over the
    function or state words that complete it, with owner, side, article and place words
    between ("blurry vision in my left eye"), never over a connector or a boundary."""
    vocab = rules.vocab
    glue = vocab.owners | vocab.sides | vocab.articles | vocab.placed_by
    end, i = start, start
    while i < limit and i - start < 6 and not is_boundary(doc[i]):
        if i in completing:
            end = i + 1
        elif doc[i].lower_ not in glue or doc[i].lower_ in rules.neg_connectors:
            break
        i += 1
    return end


def _closed_by_or(
    rules: Rules, doc: Doc, groups: list[list[Match]], gi: int, completing: Set[int] = frozenset()
) -> bool:
    """ "no pain, vision changes or breathing issues": a list of commas closed by "or"/"nor".

    One denial runs over the whole list when its last two items are joined by "or" or
    "nor" and every earlier join is a bare comma (no "and", which may start a report:
    "no pain, blurry vision and swelling" keeps its emergency).
    """
    gaps: list[set[str]] = []
    while gi + 1 < len(groups):
        gap = _list_gap(rules, doc, groups[gi], groups[gi + 1], completing)
        if gap is None:
            break
        gaps.append(gap)
        gi += 1
    if len(gaps) < 2 or not gaps[-1] & {"or", "nor"}:
        return False
    return all(g <= {","} for g in gaps[:-1]) and not gaps[-1] & {"and", "&", "-"}


def _unpair_after_list(
    rules: Rules, doc: Doc, matches: list[Match], items: range, cue_text: str
) -> None:
    """A function word of a negated list is no subject of a state named after the list.

    "no pain in my eye or breathing problems, just a few red dots": the eye is an
    item of the denial, and what follows the list's end, a comma, an ``instead``
    word ("just") and a new noun phrase ("a few red dots") is a thing of its own,
    not a state of the eye. Such a pair goes with the list. Without the article
    ("..., just blurry") or with a pronoun after the list ("..., it's blurry", "just a
    few dots in it") the state is still said of the part, and the pair stays.
    """
    end = items.stop
    if end + 2 >= len(doc) or doc[end].text != "," or doc[end + 1].lower_ not in rules.neg_instead:
        return
    vocab = rules.vocab
    j = end + 2
    if doc[j].lower_ not in vocab.articles:
        return
    # a pronoun in the clause after the list points back to an item: "just a few dots in it"
    k = end + 1
    while k < len(doc) and doc[k].text != "," and not is_boundary(doc[k]):
        if doc[k].lower_ in vocab.anaphors:
            return
        k += 1
    for m in matches:
        if m.status != "counted" or m.tokens is None or m.key is None or m.key[0] <= j:
            continue
        own = m.tokens - frozenset(range(*m.key))
        if not own or not all(i in items for i in own):
            continue
        # only describing words between the article and the state: "a few red dots"
        between = [doc[i] for i in range(j + 1, m.key[0])]
        if len(between) > 3 or not all(
            t.is_alpha and t.lower_ not in vocab.anaphors and t.i not in m.tokens for t in between
        ):
            continue
        m.status = "negated"
        m.note = (
            f"its part is an item of the list negated by '{cue_text}'; "
            f"'{doc[end + 1 : m.key[1]].text}' after the list is a thing of its own"
        )


def apply_reattribution(rules: Rules, doc: Doc, found: Spans, matches: list[Match]) -> None:
    """ "Looks like a rash but it's just the injection marks": likened, then named as expected.

    A counted sign below ``emergency`` that the patient only likens to
    something (a hedge just before it: "looks like", "I thought it was") is
    set aside when, later in the same sentence, a reattribution cue ("but
    it's just") is followed by an expected effect (a counted sign at
    ``none``). An emergency sign always counts; so does a sign said plainly
    ("I have a fever but it's just a bit red": no hedge).
    """
    cues = found.get("REATTR", [])
    hedges = found.get("HEDGE", [])
    if not cues or not hedges:
        return
    sentence = boundaries(doc, set())
    for s, e in cues:
        expected = [
            m
            for m in matches
            if m.status == "counted"
            and m.level == "none"
            and e <= m.start
            and m.start - e <= rules.reattr_max_gap
            and sentence[m.start] == sentence[s]
        ]
        if not expected:
            continue
        # the cue opens its sentence right after the likeness ("looks like a reaction!! but honestly
        # it's just puffy"): the "but" answers the sentence before it
        own = {sentence[s], _answered(doc, sentence, s)}
        for m in matches:
            if (
                m.status != "counted"
                or m.end > s
                or sentence[m.start] not in own
                or not rank("none") < rank(m.level) < rank("emergency")
            ):
                continue
            if any(
                he <= m.start
                and m.start - he <= rules.reattr_hedge_gap
                and sentence[hs] == sentence[m.start]
                for hs, he in hedges
            ):
                m.status = "reattributed"  # not a denial: the red-flag check still asks
                m.note = (
                    f"likened, then named as an expected effect "
                    f"('{doc[s:e].text} {doc[expected[0].start : expected[0].end].text}')"
                )


def _answered(doc: Doc, sentence: list[int], s: int) -> int:
    """The sentence a cue opening with "but" answers: the one just before, when only a few
    marks stand between them ("... a reaction!! but it's just puffy"); else its own."""
    if doc[s].lower_ != "but":
        return sentence[s]
    k = s - 1
    while k >= 0 and s - k <= 3 and doc[k].lower_ in _END_MARKS:
        k -= 1
    return sentence[k] if 0 <= k < s - 1 and doc[k].lower_ not in _END_MARKS else sentence[s]


#: the marks that end a sentence and may stand between a likeness and its "but"
_END_MARKS = frozenset({"!", "?", ".", "!!", "!!!", "?!", "!?", "…", "...", "?!!"})


def chain_after_pairs(rules: Rules, doc: Doc, matches: list[Match]) -> None:
    """ "my lump is not hot or painful": a pair negated inside itself carries on a list.

    A function and its state negated between them ("lump is not hot") negate
    the signs chained after the state by connectors ("or painful"), with the
    same safety rule as a list: an emergency sign only by "or"/"nor".
    """
    negated = [
        m
        for m in matches
        if m.status == "negated" and m.tokens is not None and max(m.tokens) + 1 == m.end
    ]
    for source in negated:
        end = source.end
        for m in sorted(matches, key=lambda m: (m.start, -m.end)):
            if m.status != "counted" or m.start < end:
                continue
            if not _gap_ok(doc, end, m.start, rules.neg_connectors, 3):
                break
            gap = {doc[i].lower_ for i in range(end, m.start)}
            if not gap and _spans_comma(doc, source.start, end):
                gap = {","}  # "no pain, eyes blurry": the pair 'pain, eyes' spans the comma
            if gap & {",", "and", "&", "-"} and m.level == "emergency":
                break
            m.status = "negated"
            m.note = f"negated with '{doc[source.start : source.end].text}' (list)"
            end = m.end


def _within(doc: Doc, inner: list[Match], outer: list[Match]) -> bool:
    """Every match of ``inner`` lies in the words of a match of ``outer``: inside a phrase,
    or inside a pair whose words between its function and its state are only the inner
    match's own and list joiners ("no PALE, grey or blotchy PATCHES"); not a clause between
    them ("my eye, though the lid droops, isn't sore" denies only the eye's soreness)."""
    return all(any(_inside(doc, m, o) for o in outer) for m in inner)


def _inside(doc: Doc, m: Match, o: Match) -> bool:
    if not (o.start <= m.start and m.end <= o.end):
        return False
    if o.tokens is None:
        return True
    own = set(o.tokens) | set(m.words())
    return all(i in own or doc[i].lower_ in _LIST_JOINERS for i in range(o.start, o.end))


_LIST_JOINERS = frozenset({",", "or", "and", "nor", "/", "&"})


def _spans_comma(doc: Doc, start: int, end: int) -> bool:
    """A denied item read as one pair across a comma ("no pain, eyes blurry": 'pain,
    eyes'): the comma inside still ends the denial's list there, as a gap would."""
    return any(doc[i].text == "," for i in range(start, end))


def _negate(group: list[Match], note: str) -> None:
    for m in group:
        if m.status == "counted":
            m.status = "negated"
            m.note = note


# -- frames (general question, history, habit) --------------------------------


def _is_emoji(text: str) -> bool:
    """A token made only of pictographs or symbols (an emoji, "🙈", "😂😂")."""
    return (
        bool(text)
        and all(unicodedata.category(ch) in ("So", "Sk", "Mn", "Cf") for ch in text)
        and any(unicodedata.category(ch) == "So" for ch in text)
    )


def _runs(tokens: Set[int]) -> list[tuple[int, int]]:
    """The unbroken runs of token indices, as spans: {0, 1, 5} is (0, 2) and (5, 6)."""
    out: list[tuple[int, int]] = []
    for i in sorted(tokens):
        if out and out[-1][1] == i:
            out[-1] = (out[-1][0], i + 1)
        else:
            out.append((i, i + 1))
    return out


def apply_frames(rules: Rules, doc: Doc, found: Spans, matches: list[Match]) -> None:
    sign_spans = [(m.start, m.end) for m in matches]
    # a pair's own words are its function's and its state's, not the words between them: for
    # the frames read there (`between_pairs`), "swallowing pills HAS ALWAYS BEEN hard" is framed
    own_words = [
        sp for m in matches for sp in (_runs(m.tokens) if m.tokens else [(m.start, m.end)])
    ]
    present = found.get("PRESENT", [])
    for name in rules.frame_names:
        # a cue inside a sign's own words ("fade" in "marks won't fade") is not a frame
        # nor is a cue inside the frame's `not_cues` ("is it ok if there's pus": a report asked)
        cancel = found.get(f"FX|{name}", [])
        spans = own_words if name in rules.frame_between_pairs else sign_spans
        cues = [
            c
            for c in found.get(f"F|{name}", [])
            if not any(sp[0] <= c[0] and c[1] <= sp[1] for sp in spans)
            and not any(x[0] <= c[0] and c[1] <= x[1] for x in cancel)
        ]
        cues = _unanswered(doc, cues, found.get(f"FA|{name}", []))
        if not cues:
            continue
        if name in rules.frame_message_scope:
            _apply_message_frame(name, found, matches)
            continue
        # a `not_cues` reading opens a clause of its own: "can I have my next session if I still
        # have small lumps?" (the condition told as still so is the writer's state now; the
        # question before it does not reach into it)
        extra = [s for s, _ in found.get(f"B|{name}", [])] + [s for s, _ in cancel]
        # an emoji after a statement ends it in chat: "got a tiny bruise from yesterday's
        # meso 🙈 how long do they usually last?" (the question does not reach back)
        extra += [tok.i + 1 for tok in doc if _is_emoji(tok.text) and tok.i + 1 < len(doc)]
        keep = [s for s, _ in cues]  # "now and then" is one cue, not a clause opening with "now"
        clause = boundaries(doc, rules.frame_terminators.get(name, set()), extra, keep)
        framed = {clause[s] for s, _ in cues}
        if name in rules.frame_unframed_by_people:
            framed -= _clauses_with_people(rules, doc, found, clause, cues)
        # a present word inside the frame's own cue is part of the cue: "now" in "now and then"
        own = [p for p in present if not any(c[0] <= p[0] and p[1] <= c[1] for c in cues)]
        blocked = {clause[s] for s, _ in own} if name in rules.frame_present_blocks else set()
        # a cue joined across its boundary word ("now and then") reaches the clause before it;
        # a present word later in that sentence still says now: "I get them now and then, and
        # now I have one on my lip" (the sentence is not framed)
        sentence = boundaries(doc, set())
        stops = rules.frame_terminators.get(name, set())
        joined = [s for s, _ in cues if doc[s].lower_ in stops]
        late = {
            sentence[p]
            for p, _ in own
            if name in rules.frame_present_blocks
            and any(sentence[p] == sentence[j] and p > j for j in joined)
        }
        # a described emergency inside a history or trait frame ("fainted once at the
        # dentist") is dropped only in the frame cue's own comma clause, and only when
        # nothing in the message says now: "my lips swell all the time, my throat is
        # tight" still counts
        tight = boundaries(doc, rules.frame_terminators.get(name, set()) | {","}, extra, keep)
        tight_framed = {tight[s] for s, _ in cues}
        # a contrast that turns from the habit to the case at hand ("but this one", `lifted_by`)
        # lifts the frame from what its sentence said before it
        lifts = found.get(f"FL|{name}", [])
        # the habit told as back now after it, in its sentence or the next (`returned_by`): "I get
        # cold sores sometimes. Now it has come again" (what came back is the habit's sign, now)
        returns = found.get(f"FN|{name}", [])
        for m in matches:
            if m.status != "counted":
                continue
            ids = {clause[i] for i in range(m.start, m.end)}
            if not (ids & framed) or (ids & blocked) or sentence[m.start] in late:
                continue
            if any(m.end <= ls and sentence[ls] == sentence[m.start] for ls, _ in lifts):
                continue
            if any(m.end <= r and sentence[r] - sentence[m.start] in (0, 1) for r, _ in returns):
                m.note = f"a {name.replace('_', ' ')} told as back now"
                continue
            if not m.term and m.level == "emergency":
                if name not in rules.frame_all_levels:
                    continue  # a described emergency sign always counts
                if present or not ({tight[i] for i in range(m.start, m.end)} & tight_framed):
                    continue
            elif not m.term and name in rules.frame_terms_only - rules.frame_all_levels:
                continue
            m.status = name
            m.note = f"inside a {name.replace('_', ' ')}"


#: person words that may name the framed bearer itself or the one written to
_NOT_PEOPLE = frozenset(
    {"you", "u", "ya", "yourself", "himself", "herself", "we", "us", "who", "whoever"}
)


def _clauses_with_people(
    rules: Rules, doc: Doc, found: Spans, clause: list[int], cues: list[tuple[int, int]]
) -> set[int]:
    """The clauses that name someone the patient may speak for, outside the frame's cues:
    "MY WIFE was brushing the cat and her lips went blue" is the wife's report. A pronoun
    ("he", "she") may be the animal's, "you" is the one written to, and people at large
    ("if anyone sees her") report nothing; nor does the owner of the cue ("my NEIGHBOUR's
    cat": the cue opens at "'s")."""
    subj = rules.subjects
    words = subj.person_words - subj.bearer_pronouns - subj.others - subj.first_person
    body = {
        i
        for k, spans in found.items()
        if k.startswith(("FN|", "ANCHOR|"))
        for a, b in spans
        for i in range(a, b)
    }
    inside = {i for s, e in cues for i in range(s, e)}
    owners = {s - 1 for s, _ in cues if doc[s].lower_ in ("'s", "’s", "s'")}
    acted_on = {e + k for _, e in cues for k in (1, 2)}  # "the dog jumped at HER"
    return {
        clause[i]
        for i, tok in enumerate(doc)
        if (
            (tok.lower_ in words and tok.lower_ not in _NOT_PEOPLE and not _staff(doc, i))
            or (i in acted_on and _object_person(doc, i))
        )
        and i not in inside
        and i not in owners
        and not _owner_of_a_thing(doc, i, body)
    }


def _staff(doc: Doc, i: int) -> bool:
    """ "YOUR nurse clipped his nails": the staff of the one written to, no one the patient
    speaks for."""
    return i > 0 and doc[i - 1].lower_ in ("your", "ur", "yr")


def _owner_of_a_thing(doc: Doc, i: int, body: set[int]) -> bool:
    """ "the NEIGHBOUR's tom": a person named as the owner of what follows, not a body part
    ("my husband's EYE" keeps him)."""
    if i + 2 >= len(doc) or doc[i + 1].lower_ not in ("'s", "’s", "s'"):
        return False
    return not ({i + 2, i + 3} & body)


def _object_person(doc: Doc, i: int) -> bool:
    """ "him", or "her" not before a noun ("at her", not "her eye"): a person as an object,
    right after the animal's verb."""
    low: str = doc[i].lower_
    if low == "him":
        return True
    if low != "her" or i + 1 >= len(doc):
        return low == "her"
    nxt = doc[i + 1]
    return not (bool(nxt.is_alpha) and wordnet.lemma(nxt.lower_) is not None)


def _apply_message_frame(name: str, found: Spans, matches: list[Match]) -> None:
    """A frame over the whole message ("thinking of trying it ... my skin looks grey and tired").

    Only the readings inside one of the frame's ``senses`` go (the writer's own puzzlement
    after reading, a tired complexion told as a reason to want the treatment), and none when
    a ``reported`` word says the treatment was had ("since", "yesterday", "had it done").
    """
    if found.get(f"FR|{name}"):
        return
    senses = found.get(f"FS|{name}", [])
    for m in matches:
        if m.status != "counted":
            continue
        if any(s <= m.start and m.end <= e for s, e in senses):
            m.status = name
            m.note = f"inside a {name.replace('_', ' ')}"


def _unanswered(
    doc: Doc, cues: list[tuple[int, int]], answers: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Cues whose question the patient does not answer at once with their own report.

    "Is it normal to get blisters? I have small clear ones on my cheek": the
    sentence right after the question opens with an ``answered_next`` pattern,
    so the question is about what the patient has now, and its signs count.
    """
    if not answers:
        return cues
    sentence = boundaries(doc, set())
    opening = {
        sentence[a]
        for a, _ in answers
        if a > 0 and (is_boundary(doc[a - 1]) or doc[a - 1].is_space or doc[a - 1].is_punct)
    }
    return [c for c in cues if sentence[c[0]] + 1 not in opening]
