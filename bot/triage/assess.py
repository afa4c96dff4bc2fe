"""``assess``: the triage of one message.

The steps, each in its own module: text preparation (``text``), matching
(``match``), negation and frames (``negation``), durations and cues
(``durations``); the highest level counted wins. The red-flag questions and
the labels for staff are in ``questions``.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Collection, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from bot.levels import Level, highest, rank
from bot.triage import (
    addressee,
    anchors,
    cause,
    concepts,
    elsewhere,
    likeness,
    measures,
    ratings,
    subject,
    wordnet,
)
from bot.triage.durations import apply_escalation, stated_durations, time_since_treatment
from bot.triage.match import (
    Doc,
    Match,
    Spans,
    boundaries,
    collect,
    drop_within,
    overlaps,
    sign_matches,
)
from bot.triage.negation import apply_frames, apply_negation, apply_reattribution, chain_after_pairs
from bot.triage.rules import ASK, Rules, load_rules
from bot.triage.text import normalise, prepare

logger = logging.getLogger(__name__)

level_rank = rank  # the public name of bot.levels.rank here

# A message longer than this is cut before matching: 30,000 characters is far
# beyond a real chat message (a 20,000-character one is read in full). A red
# flag anywhere in the first 30,000 characters is found.
MAX_CHARS = 30_000
# Keep the match list readable for staff and logs.
MAX_MATCHES = 60


@dataclass
class Assessment:
    """The triage of one message.

    level: the highest level found; ``None`` when no level was found (a vague
    report, a symptom that needs the red-flag questions, or not a report),
    ``"none"`` when only expected effects were.
    signs: the counted sign ids, worst first (signs whose level is ``ask`` too).
    matches: every sign found, with its status ("counted", "negated",
    "resolved", "reattributed", "taken_back" (a strong word the patient took back),
    "other_business" (written to another business), or the
    name of the frame it is inside:
    "general_question", "history", "habitual", "pre_treatment"...; "no_context",
    "no_anchor", "puzzled", "within"). negated: sign ids found but negated.
    reasons: short sentences for staff and logs.
    days: the time since treatment the rules used (from the message, else the
    context), None if unknown. denied: functions the patient said are normal
    or denied ("sight", "breathing"...). check: the red-flag check options
    still to ask before any reassurance (empty: everything was denied).
    anchored: the message names a body part, a symptom or the treatment.
    anchors: what anchors it, by name: the body functions named ("lips",
    "sight", "limbs") and "treatment" or "symptom" (see ``anchors.anchor_names``).
    ask: a symptom was found that needs the red-flag questions to decide.
    alarm_words: the message has a word of an emergency function or state, outside
    what the patient said is fine ("my eyes and breathing are fine" has none)
    (a second opinion's emergency may stand over a reading of expected effects).
    report_context: a treatment or symptom word, or an emergency state: more
    than a body part named ("tongue twister" has only a body part).
    other_business: the cue that the message is written to another business
    ("your salon"), None when it is not or names the clinic or its treatment.
    retracted: the message takes a strong word back or calls it exaggerated ("jk",
    "I'm exaggerating", "he's being very dramatic"; the cue ``retracted``).
    """

    level: str | None
    signs: list[str] = field(default_factory=list)
    matches: list[dict[str, Any]] = field(default_factory=list)
    negated: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    days: float | None = None
    denied: list[str] = field(default_factory=list)
    check: list[str] = field(default_factory=list)
    anchored: bool = False
    anchors: list[str] = field(default_factory=list)
    ask: bool = False
    alarm_words: bool = False
    report_context: bool = False
    other_business: str | None = None
    retracted: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def assess(
    text: Any, rules: Rules | None = None, context: dict[str, Any] | None = None
) -> Assessment:
    """Triage one message. Never raises: on an internal error the level is None.

    None makes the dialogue treat the message as vague, which asks the red-flag
    questions and escalates at least as routine, so an error fails safe.
    ``rules`` defaults to knowledge/red_flags.yml (tests pass their own).
    ``context`` is what is known from elsewhere (a check-in, the conversation):
    ``days_since_treatment`` (a number, used when the message states no time)
    and ``treatment`` (a context name of the rules, e.g. ``fat_dissolving``).
    """
    try:
        return _assess("" if text is None else str(text), rules or load_rules(), context or {})
    except Exception:  # pragma: no cover - defensive: a crash must not swallow a message
        logger.exception("triage failed; treating the message as vague")
        return Assessment(level=None, reasons=["internal error in triage; treated as vague"])


def _context_days(context: dict[str, Any]) -> float | None:
    value = context.get("days_since_treatment")
    try:
        days = float(value) if value is not None else None
    except (TypeError, ValueError):
        return None
    return days if days is not None and 0 <= days < 3650 else None


def _assess(text: str, rules: Rules, context: dict[str, Any]) -> Assessment:
    reasons: list[str] = []
    if len(text) > MAX_CHARS:
        reasons.append(f"only the first {MAX_CHARS} characters were read")
        text = text[:MAX_CHARS]
    clean, offsets = prepare(text)
    if not clean.strip():
        return Assessment(level=None, reasons=reasons + ["empty message"])
    doc = rules.read(clean)
    found = collect(rules, doc)
    anchors.drop_aimed_at_things(rules.vocab, doc, found)  # "injected into the chip"
    for key in ("PSEUDO", "C|persisting"):  # "hasn't gone" PALE: a change denied, no course
        if found.get(key) and rules.pseudo_unless_next:
            found[key] = [
                (s, e)
                for s, e in found[key]
                if not (e < len(doc) and doc[e].lower_ in rules.pseudo_unless_next)
            ]
    for key in [k for k in found if k.startswith("CX|")]:  # a cue's own `exclude` ("I look awful")
        cue = f"C|{key[3:]}"
        found[cue] = [c for c in found.get(cue, []) if not any(overlaps(c, x) for x in found[key])]
    rise = ratings.rising(rules, doc, found)  # "a 2 out of 10 on day 1 ... today a 6"
    if rise:
        found.setdefault("C|worsening", []).extend(rise)
        if rules.ratings.get("state"):  # the part the scores are said of hurts more
            found.setdefault(f"ST|{rules.ratings['state']}", []).extend(rise)
    for shade, span in likeness.colours(rules, doc):  # "the colour of skimmed milk": white
        found.setdefault(f"ST|{shade}", []).append(span)
    grow = measures.rising(rules, doc)  # "38cm on day 2, 39cm on day 3 and 40.5cm today"
    if grow:
        found.setdefault(f"ST|{rules.measures['state']}", []).extend(grow)
        found.setdefault(f"C|{rules.measures['cue']}", []).extend(grow)
    words = concepts.words_found(rules.vocab, found)
    anchor_names = anchors.anchor_names(rules.vocab, found, words, doc)
    # "the face of the wardrobe", "a cliff face": a thing's part anchors no body
    anchor_names, things_parts = subject.without_things_parts(
        rules.subjects, rules.vocab, doc, found, words.functions, anchor_names
    )
    anchored = bool(anchor_names)
    report_context = anchors.report_context(rules.vocab, found, words, doc)
    durations = stated_durations(rules, doc, found)
    days = time_since_treatment(durations, _context_days(context), doc, found)
    if durations:
        reasons.append(f"time since treatment: {days:g} days (from the message)")
    elif days is not None:
        reasons.append(f"time since treatment: {days:g} days (from the conversation)")

    matches = sign_matches(rules, found)
    # parts named only as where a mark is ("bruises near her mouth that itch")
    marked = concepts.marks_places(rules.vocab, doc, words)
    extra, denials = concepts.concept_matches(
        rules.vocab, doc, found, words, days, anchored, marked=marked
    )
    # an emergency word inside the patient's own denial is no alarm word: "her eyes and
    # breathing are fine" (a second opinion's emergency needs one said otherwise)
    said_fine = [(d.start, d.end) for d in denials]
    # ... nor a part named only as where a mark is ("a bruise near the corner of my eye")
    said_fine += marked
    alarm_words = anchors.emergency_words(rules.vocab, words, said_fine=said_fine)
    taken: dict[str, set[int]] = {}
    for o in matches:
        taken.setdefault(o.sign, set()).update(range(o.start, o.end))
    for m in extra:  # a pair that repeats a phrase match of the same sign adds nothing
        if any(i in taken.get(m.sign, ()) for i in range(m.start, m.end)):
            continue
        excluded = {i for s, e in found.get(f"X|{m.sign}", []) for i in range(s, e)}
        state = range(*m.key) if m.key else m.words()
        if any(i in excluded for i in state):
            # the sign's own `exclude` holds for pairs too ("lost my voice at the concert"), when
            # it covers the pair's state: "my throat is scratchy AND closing" still pairs
            # "throat" with "closing", though "throat is scratchy" is excluded
            continue
        matches.append(m)
    matches.sort(key=lambda m: (m.start, -m.end))
    if not matches:
        return Assessment(
            level=None,
            reasons=reasons + ["no sign found"],
            days=days,
            denied=sorted({d.function for d in denials}),
            check=_check(rules, [], {d.function for d in denials}),
            anchored=anchored,
            anchors=anchor_names,
            alarm_words=alarm_words,
            report_context=report_context,
            other_business=addressee.written_elsewhere(
                addressee.load(), doc, found, matches, rules.subjects
            ),
        )

    contexts = {k[4:] for k in found if k.startswith("CTX|")}
    if context.get("treatment") in rules.contexts:
        contexts.add(str(context["treatment"]))
    for m in matches:
        sign = rules.signs[m.sign]
        m.level = rules.effective_level(sign, contexts)
        if m.status != "counted":
            continue
        if m.level is None:
            m.status = "no_context"
            m.note = f"counts only {rules.contexts.get(sign.context or '', '')}"
    apply_negation(rules, doc, found, matches)
    chain_after_pairs(rules, doc, matches)
    _apply_exceptions(
        doc, concepts.exceptions(rules.vocab, doc, found, words), matches, contexts, rules
    )
    apply_frames(rules, doc, found, matches)
    _apply_recolourings(rules, doc, found, matches, reasons, days)
    apply_escalation(rules, doc, found, matches, reasons, durations, _context_days(context))
    apply_reattribution(rules, doc, found, matches)
    _apply_taken_back(rules, doc, found, matches)
    subject.apply(rules.subjects, rules.vocab, doc, found, matches)  # said of a thing?
    # written to another business (a hotel, a shop) about its things, not to the clinic?
    # (read once: the step marks signs by it, the result carries it where no sign counts)
    verdict = functools.cache(
        lambda: addressee.written_elsewhere(addressee.load(), doc, found, matches, rules.subjects)
    )
    addressee.apply(addressee.load(), doc, found, matches, rules.subjects, verdict)
    # blamed on another cause ("the new boots gave me blisters")?
    cause.apply(addressee.load(), doc, found, matches, rules.subjects, rules.combinations)
    # told of a leg, an arm or a finger, not the treated face?
    elsewhere.apply(rules.vocab, doc, matches, words.functions, anchor_names)
    if not anchored:
        _drop_unanchored(rules, doc, found, matches, things_parts)
        _drop_puzzlement(rules, found, matches)
    else:
        _drop_anchored_elsewhere(rules, matches, anchor_names)
    _apply_combinations(rules, contexts, matches, reasons)
    drop_within(matches)
    for c in sorted(contexts):
        reasons.append(f"context: {c}")
    result = _result(
        rules, doc, matches, reasons, offsets, days=days, denials=denials, anchored=anchored
    )
    result.anchors = anchor_names
    # ... nor one inside an expected effect counted on the body ("my whole face feels
    # tight" is skin after treatment, not a tight throat)
    expected = [(m.start, m.end) for m in matches if m.status == "counted" and m.level == "none"]
    result.alarm_words = alarm_words and (
        not expected or anchors.emergency_words(rules.vocab, words, said_fine=said_fine + expected)
    )
    result.report_context = report_context
    result.retracted = bool(found.get("C|retracted"))
    if Level.parse(result.level) in (None, Level.NONE):  # only needed where no sign counts
        result.other_business = verdict()
    return result


def _apply_taken_back(rules: Rules, doc: Doc, found: Spans, matches: list[Match]) -> None:
    """A strong word taken back, then the sign named as mild ("KILLING me!!! ok that's dramatic,
    they're just a bit tender"): the signs of the cue's ``takes_back`` said before it do not count
    when a counted expected sign (level none) follows it within the cue's window."""
    for name, signs in rules.cue_takes_back.items():
        window = rules.cue_take_back_window[name]
        for cs, ce in found.get(f"C|{name}", []):
            if not any(
                m.status == "counted" and m.level == "none" and ce <= m.start <= ce + window
                for m in matches
            ):
                continue
            for m in matches:
                if (
                    m.status == "counted"
                    and m.sign in signs
                    and m.end <= cs
                    and cs - m.end <= window
                ):
                    m.status = "taken_back"
                    m.note = f"(taken back: '{doc[cs:ce].text}', then named as mild)"


def _drop_unanchored(
    rules: Rules, doc: Doc, found: Spans, matches: list[Match], things_parts: set[int]
) -> None:
    """Above ``none``, a sign marked ``needs_anchor`` needs a body, symptom or treatment word.

    Without one, a terse report still counts ("it's oozing", "swollen for a
    week"), but not a sign whose clause names another thing first ("my screen
    went black", "paint blistering on the wall"), a body word read as a thing's
    part included (``things_parts``: "the eyes in mine look wonky, one much
    bigger than the other"). An expected effect alone always counts (it raises
    no alarm).
    """
    sentence = boundaries(doc, rules.vocab.terminators)
    for m in matches:
        if m.status == "counted" and rules.signs[m.sign].anchored_only:
            m.status = "no_anchor"
            m.note = "(counts only with a body part, symptom or treatment named)"
            continue
        if m.status != "counted" or rank(m.level) <= rank("none"):
            continue
        if not (rules.signs[m.sign].needs_anchor or (m.base and rules.signs[m.base].needs_anchor)):
            continue
        if any(sentence[i] == sentence[m.start] and i < m.start for i in things_parts):
            m.status = "no_anchor"
            m.note = "(about something else: a thing's part named, no body part)"
        elif anchors.other_subject(
            rules.vocab, doc, found, sentence, m.start, m.end, writer=rules.first_person
        ):
            m.status = "no_anchor"
            m.note = "(about something else: no body part, symptom or treatment named)"
        elif rank(m.level) < rank("emergency") and _it_of_the_thing_before(doc, m.start):
            m.status = "no_anchor"
            m.note = "(about something else: 'it' is the thing named just before, no body part)"
        elif (rules.signs[m.sign].anchor_in or (m.base and rules.signs[m.base].anchor_in)) and (
            _named_as_a_thing(doc, m.start, rules.vocab.having) or _placed(doc, found, m.end)
        ):
            # a sign that needs its own anchors, named as a thing with nothing it is of ("the
            # smell after you emptied it was breathtaking"), or placed in a thing or a room
            # ("a bad smell in the changing room": no body part is named, so the room is no
            # place on the skin); told of "it" or as what there is it still counts ("it
            # smells bad", "there's a bad smell", "a bad smell from the spot")
            m.status = "no_anchor"
            m.note = (
                "(named as a thing or placed in one, with no body part, symptom or treatment named)"
            )


def _it_of_the_thing_before(doc: Doc, start: int) -> bool:
    """The sign's sentence opens with "it" and the sentence before it names another thing
    (in a message with no body part, symptom or treatment word): "just finished my 10th
    spoon!! it's a bit lopsided but I love it" is the spoon. "It's oozing" alone, or "it"
    inside a sentence ("since Monday it's oozing"), is still a terse report, and an
    emergency sign always counts ("my phone died. it's all blurry now")."""
    sentence = boundaries(doc, set())
    first = start
    while first > 0 and sentence[first - 1] == sentence[start]:
        first -= 1
    k = first  # the stop that ends the sentence before opens this one: step past it
    while k < start and not doc[k].is_alpha:
        k += 1
    if first == 0 or k == first or doc[k].lower_ != "it":
        return False
    # a made thing, a food or a stuff named there ("my 10th spoon", "the new sofa"; the
    # cause step's test, so never the clinic's words), not a place or a time ("got home
    # fine. It's a bit lopsided though" stays a report)
    last = first - 1  # the last word before ("spoon!! it's": past both stops)
    while last > 0 and not doc[last].is_alpha:
        last -= 1
    data = addressee.load()
    return any(
        wordnet.is_mainly_noun(doc[i].lower_) and addressee.is_cause(data, doc[i].lower_)
        for i in range(last + 1)
        if sentence[i] == sentence[last]
    )


#: words that place a sign in or at a thing ("a smell IN the hallway", "FROM the bins")
_PLACING = frozenset({"in", "from", "around", "throughout", "inside", "near", "at"})


def _placed(doc: Doc, found: Spans, end: int) -> bool:
    """The sign is followed by a place and a determiner ("... in the changing room", "...
    coming from your bins"), and the word after the determiner is no word of the
    vocabulary ("from the spot", "from one of the dots": a place on the skin)."""
    k = end
    if k < len(doc) and doc[k].lower_ == "coming":
        k += 1
    if k >= len(doc) or doc[k].lower_ not in _PLACING:
        return False
    k += 1
    if k < len(doc) and doc[k].lower_ in ("out", "of"):
        k += 1
    if k >= len(doc) or doc[k].lower_ not in _THING_DETERMINERS | {"your", "our", "their"}:
        return False
    named = {
        i
        for key, spans in found.items()
        if key.startswith("FN|")
        for s, e in spans
        for i in range(s, e)
    }
    return k + 1 < len(doc) and k + 1 not in named and doc[k + 1].is_alpha


#: words that name what follows as a thing ("THE smell", "A bad odour")
_THING_DETERMINERS = frozenset({"the", "a", "an", "that", "this", "such", "what"})


def _named_as_a_thing(doc: Doc, start: int, having: Collection[str]) -> bool:
    """The sign's first word is a noun after a determiner, adjectives between ("the smell",
    "a horrible whiff"), and not what the writer says there is or has ("there's a smell",
    "I've got a horrible smell": ``having``)."""
    k = start - 1
    while k >= 0 and start - k <= 3 and doc[k].lower_ not in _THING_DETERMINERS:
        if not wordnet.is_adjective(doc[k].lower_):
            return False  # "the spot smells bad": the smell is the spot's
        k -= 1
    if k < 0 or doc[k].lower_ not in _THING_DETERMINERS:
        return False
    return k == 0 or doc[k - 1].lower_ not in having


def _drop_anchored_elsewhere(rules: Rules, matches: list[Match], names: list[str]) -> None:
    """Above ``none``, a sign whose ``needs_anchor`` lists the anchors it needs does not
    count in a message anchored only by others ("day 3 of my sourdough starter and it
    smells like nail polish": a time; "an eye-watering smell in the wardrobe": an eye)."""
    for m in matches:
        if m.status != "counted" or rank(m.level) <= rank("none"):
            continue
        need = rules.signs[m.sign].anchor_in or (m.base and rules.signs[m.base].anchor_in)
        if need and not need & set(names):
            m.status = "no_anchor"
            m.note = f"(needs one of: {', '.join(sorted(need))})"


def _drop_puzzlement(rules: Rules, found: Spans, matches: list[Match]) -> None:
    """The writer's "I'm confused" in a message naming no body part, symptom or treatment
    and holding no other sign is puzzlement at a thing or at what was said ("Excel returns
    #VALUE and I'm confused", a reply to the bot's last answer), not a confused mind:
    knowledge/red_flags.yml ``puzzled_writer``. Someone else confused, "I feel confused",
    puzzlement at where or who one is or what day it is (``keep``), or any body,
    treatment or other sign in the message keeps the sign.
    """
    spans = found.get("PUZZLED", [])
    if not spans or found.get("PUZZLED_KEEP"):
        return
    counted = [m for m in matches if m.status == "counted" and rank(m.level) > rank("none")]
    inside = [
        m
        for m in counted
        if m.sign in rules.puzzled_signs and any(s <= m.start and m.end <= e for s, e in spans)
    ]
    if not inside or len(inside) < len(counted):
        return
    for m in inside:
        m.status = "puzzled"
        m.note = "(the writer puzzled: no body part, symptom, treatment or other sign named)"


def _apply_recolourings(
    rules: Rules,
    doc: Doc,
    found: Spans,
    matches: list[Match],
    reasons: list[str],
    days: float | None,
) -> None:
    """Colour signs read as a bruise (``small_marks``, ``fading_tints``, ``healing_colours``;
    see ``Recolouring``).

    "two little blue dots where she injected, day 2" is a bruise at the needle
    points, "a faint bluish tinge around my eyes, fading away nicely, day 6" a
    bruise fading; "a purple patch spreading", "went white", "grey-blue and really
    painful" keep their level: any `keep` word in the message, any other sign
    above routine, or a time past ``max_days`` leaves the colour sign as it is.
    """
    for r in rules.recolourings:
        if not r.signs or found.get(r.keep) or not all(found.get(k) for k in r.needs):
            continue
        if days is not None and days >= r.max_days:
            continue
        colour = [
            m
            for m in matches
            if m.status == "counted"
            and m.sign in r.signs
            and any(t.lower_ in r.colours for t in doc[m.start : m.end])
        ]
        others = [
            m
            for m in matches
            if m.status == "counted" and m not in colour and rank(m.level) > rank("routine")
        ]
        if not colour or others:
            continue
        for m in colour:
            reasons.append(f"{m.sign} -> {r.to} ({r.why})")
            m.base, m.sign = m.sign, r.to
            m.level = rules.signs[m.sign].level


def _apply_exceptions(
    doc: Doc, candidates: list[Match], matches: list[Match], contexts: set[str], rules: Rules
) -> None:
    """A part named as the exception to a denial counts.

    "no blurry vision apart from my left eye": the left eye counts.
    """
    sentence = boundaries(doc, set())
    for c in candidates:
        if any(m.status == "negated" and sentence[m.start] == sentence[c.start] for m in matches):
            c.status = "counted"
            c.level = rules.effective_level(rules.signs[c.sign], contexts)
            matches.append(c)


def _apply_combinations(
    rules: Rules, contexts: set[str], matches: list[Match], reasons: list[str]
) -> None:
    """Signs that together make another ("feel really unwell" and a swollen face)."""
    counted = [m for m in matches if m.status == "counted"]
    for target, groups in rules.combinations:
        parts = []
        for group in groups:
            hit = [m for m in counted if m.sign in group or m.base in group]
            if not hit:
                break
            parts.append(hit[0])
        else:
            level = rules.effective_level(rules.signs[target], contexts)
            start, end = min(p.start for p in parts), max(p.end for p in parts)
            matches.append(
                Match(
                    sign=target, start=start, end=end, term=False, level=level, note="combination"
                )
            )
            reasons.append(f"{' + '.join(p.sign for p in parts)} -> {target}")


def _check(rules: Rules, negated: Sequence[str], denied: set[str]) -> list[str]:
    """The red-flag check options the patient has not already denied."""
    out = []
    for opt in rules.check_options:
        if denied & set(opt.get("denied_by") or ()):
            continue
        if set(negated) & set(opt.get("denied_by_signs") or ()):
            continue
        out.append(opt["id"])
    return out


def _result(
    rules: Rules,
    doc: Doc,
    matches: list[Match],
    reasons: list[str],
    offsets: list[int] | None,
    days: float | None = None,
    denials: Sequence[concepts.Denial] = (),
    anchored: bool = False,
) -> Assessment:
    counted = [m for m in matches if m.status == "counted"]
    level = highest(*(m.level for m in counted))
    asking = any(m.level == ASK for m in counted)
    if asking and level == "none":
        level = None  # a symptom that needs the questions outranks expected effects
    order = sorted(counted, key=lambda m: (-level_rank(m.level), m.start))
    signs = list(dict.fromkeys(m.sign for m in order))
    negated = list(dict.fromkeys(m.sign for m in matches if m.status in ("negated", "resolved")))
    out = []
    for m in matches[:MAX_MATCHES]:
        span = doc[m.start : m.end]
        start, end = span.start_char, span.end_char
        if offsets is not None:
            start, end = offsets[start], offsets[end - 1] + 1
        item = {
            "sign": m.sign,
            "level": m.level,
            "start": start,
            "end": end,
            "text": span.text,
            "status": m.status,
            "term": m.term,
        }
        if m.base:
            item["from"] = m.base
        out.append(item)
        how = f" [{m.note}]" if m.note and m.status == "counted" else ""
        if m.status == "counted":
            reasons.append(f"{m.sign} ({m.level}): '{span.text}'{how}")
        elif m.status != "within":
            reasons.append(f"{m.sign} not counted: '{span.text}' {m.note}".rstrip())
    if len(matches) > MAX_MATCHES:
        reasons.append(f"{len(matches) - MAX_MATCHES} more matches not listed")
    denied = {d.function for d in denials}
    for d in sorted(denied):
        reasons.append(f"said to be normal: {d}")
    return Assessment(
        level=level,
        signs=signs,
        matches=out,
        negated=negated,
        reasons=reasons,
        days=days,
        denied=sorted(denied),
        check=_check(rules, negated, denied),
        anchored=anchored,
        ask=asking,
    )


def is_first_person_report(text: Any) -> bool:
    """True for "my face is swollen since yesterday", False for "will I bruise?".

    Rule (data in ``report_markers``): a first-person word and an
    after-treatment or present-state word.
    """
    try:
        rules = load_rules()
        clean = normalise(("" if text is None else str(text))[:MAX_CHARS])
        doc = rules.read(clean)
        if not any(t.lower_ in rules.first_person for t in doc):
            return False
        strings = rules.nlp.vocab.strings
        return any(strings[k] == "RM" for k, _, _ in rules.phrases(doc))
    except Exception:  # pragma: no cover
        logger.exception("is_first_person_report failed")
        return False


#: A question of the patient's own state ("is that normal?", "should I worry?")
#: asks about a report, not about the treatment in general.
_ABOUT_A_REPORT = re.compile(
    r"\b(?:is|it's|its) (?:this|that|it) (?:normal|ok|okay|fine)\b|\bshould i (?:be )?worr",
    re.IGNORECASE,
)


def asks_about_treatment(text: Any) -> bool:
    """A question about the treatment, not about the patient's own state: a question
    mark and no "is that normal?" / "should I worry?" ("how bad is the pain?" asks;
    "my cheek is sore, is that normal?" reports)."""
    value = "" if text is None else str(text)[:MAX_CHARS]
    return "?" in value and not _ABOUT_A_REPORT.search(value)


def main(argv: list[str] | None = None) -> int:
    """``python -m bot.triage "my vision is blurry"``: show how a message is read."""
    import json
    import sys

    args = sys.argv[1:] if argv is None else argv
    text = " ".join(args) if args else sys.stdin.read()
    from bot.triage.questions import signs_label

    result = assess(text)
    print(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    print("staff label:", signs_label(result.signs))
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
