"""Durations, time since treatment, and the cues that move an expected effect up.

"swelling for 10 days" becomes persistent swelling; "bruise getting worse"
becomes a worsening bruise; the number words and units are data in
``knowledge/red_flags.yml`` (``durations``).
"""

from __future__ import annotations

import bisect
import calendar
import re
from collections.abc import Iterable
from datetime import date
from typing import Any

from bot.levels import rank
from bot.settings import settings
from bot.triage import wordnet
from bot.triage.match import Doc, Match, Spans, boundaries, is_boundary
from bot.triage.rules import Rules, SizeCue

_NUM = re.compile(r"^\d+(?:[.,]\d+)?$")
_GLUED = re.compile(r"^(\d+(?:[.,]\d+)?)([a-z]+)$")
_ORDINAL = re.compile(r"^(\d+)(st|nd|rd|th)$")
_UNIT_NUM = re.compile(r"^([a-z]+)(\d+)$")
_YEAR = re.compile(r"^(19|20)\d\d$")


def today() -> date:
    """Today's date, for a month the message names ("I had it done back in January").
    The ``BOT_TODAY`` setting (an ISO date) fixes it: the test suite sets it, so the
    levels of its messages do not move with the calendar; a bad value is ignored."""
    fixed = settings().BOT_TODAY.strip()
    try:
        return date.fromisoformat(fixed) if fixed else date.today()
    except ValueError:
        return date.today()


# month names as patients write them, and the words right before one that date a past
# event ("IN march", "SINCE january", "back IN may", "EARLY april", "the end OF june")
_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_MONTH_BEFORE = frozenset({"in", "since", "early", "late", "mid", "of", "last", "during", "around"})
# a season dates a past event like its last month ("had the meso IN SPRING": at least since
# the end of May); winter spans the turn of the year, and "fall" is also a tumble
_SEASONS = {"spring": 5, "summer": 8, "autumn": 11}
#: before "you" and a month, the clinic that did it ("with you in March"), not a meeting ahead
_DONE_WITH = frozenset({"with", "from", "by", "at"})


def _unit_days(rules: Rules, word: str, glued: bool = False) -> float | None:
    if not glued and len(word) < 2:
        return None  # a lone "m" is "I'm", a lone "d" is "I'd"
    for rx, days in rules.units:
        if rx.match(word):
            return days
    return None


def _number(rules: Rules, word: str) -> float | None:
    if _NUM.match(word):
        return float(word.replace(",", "."))
    m = _ORDINAL.match(word)
    if m:
        return float(m.group(1))
    return rules.number_words.get(word)


def _modifier(rules: Rules, doc: Doc, i: int, unit: float = 1.0) -> float:
    """Half a unit (at most half a day) more after "more than/over/after", less after
    "less than/within/nearly/not even". The word stands just before the number, fillers
    (``durations.fillers``) aside ("more than a week"): "under eye meso 3 hrs ago" is no
    "under 3 hours"."""
    k = i - 1
    while k >= 0 and i - k <= 3 and doc[k].lower_ in rules.duration_fillers:
        k -= 1
    before = [doc[j].lower_ for j in range(max(0, k - 2), k + 1)]
    joined = " ".join(before)
    step = min(0.5, unit / 2)
    for w in rules.less_words:
        if joined.endswith(w) and (" " in w or before[-1:] == [w]):
            return -step
    for w in rules.more_words:
        if joined.endswith(w) and (" " in w or before[-1:] == [w]):
            return step
    return 0.0


class AtLeast(float):
    """Days that are a lower bound, not a stated time: "on monday" is a day ago or more.

    It compares as its value, so a sign that needs a longer time is not raised by
    it; a rule that holds only when the message states no time (``when_no_duration``)
    still holds with it.
    """


def _weekday_ahead(rules: Rules, doc: Doc, s: int) -> bool:
    """The word before the weekday at ``s`` ("... on wednesday") makes it a day ahead: "my
    review IS on friday", "NEXT monday", or a journey (``durations.trip_words``: "FLYING on
    wednesday", "we're going on friday"), also told with its place between ("I'm OFF to
    Lisbon on Saturday": a trip word at most four words back in its clause), not the day a
    treatment was had."""
    before = doc[s - 1].lower_
    if before in rules.weekday_ahead or before in rules.trip_words:
        return True
    if doc[s].lower_ == "on":
        s += 1  # the span holds its "on": "ON saturday"
    elif before != "on":
        return False
    for k in range(s - 2, max(-1, s - 6), -1):
        if not doc[k].is_alpha:
            return False  # the clause ends
        if doc[k].lower_ in rules.trip_words:
            return True
    return False


def _number_before(rules: Rules, doc: Doc, i: int) -> tuple[int, float | None]:
    """The number of the unit at ``i`` and where it is: "10 days", "a few weeks", "couple of
    weeks", "2 more days" (``durations.before_unit`` or a hyphen may stand between)."""
    j = i - 1
    while j >= 0 and (doc[j].lower_ in rules.before_unit or doc[j].text == "-"):
        j -= 1
    return j, (_number(rules, doc[j].lower_) if j >= 0 else None)


def _counted_unit(rules: Rules, doc: Doc, s: int) -> bool:
    """A phrase at ``s`` that opens with a plural unit ("weeks after") has a number before it
    ("3 or 4 weeks after"): the count is the number's, not the bare plural's."""
    if _unit_days(rules, doc[s].lower_) is None:
        return False
    return _number_before(rules, doc, s)[1] is not None


def _durations(rules: Rules, doc: Doc, found: Spans) -> list[tuple[int, float]]:
    """(token index, days) for every duration the message states."""
    out: list[tuple[int, float]] = []
    n = len(doc)
    for key, spans in found.items():
        if key.startswith("DUR|"):
            days = float(key[4:])
            # (never the length of a trip: "off to Rome on Friday FOR A FEW DAYS"; nor a bare unit's
            # phrase with its number before it: "4 WEEKS AFTER" is the number's, read below)
            out.extend(
                (s, days)
                for s, _ in spans
                if not _trip(rules, doc, s)
                and not _counted_unit(rules, doc, s)
                and not _act_asked(rules, doc, s)
            )
        elif key.startswith("DURMIN|"):
            bound = AtLeast(key[7:])
            out.extend((s, bound) for s, _ in spans if not (s and _weekday_ahead(rules, doc, s)))
    for tok in doc:
        i, low = tok.i, tok.lower_
        if i > 0 and doc[i - 1].lower_ in rules.skip_before:
            continue
        if low in rules.ordinals and i + 1 < n and doc[i + 1].lower_ in rules.ordinal_days:
            # "the fifth morning since": as "day 5" (not where a span starts: "still there
            # SINCE the first night" says nothing of today)
            k = i - 1 if i > 0 and doc[i - 1].lower_ == "the" else i
            if not (k > 0 and doc[k - 1].lower_ in _SPAN_STARTS):
                out.append((i, rules.ordinals[low]))
            continue
        g = _GLUED.match(low)
        if g:  # "10days", "2wks"
            unit = _unit_days(rules, g.group(2), glued=True)
            if unit is not None:
                out.append(
                    (i, float(g.group(1).replace(",", ".")) * unit + _modifier(rules, doc, i, unit))
                )
            continue
        u = _UNIT_NUM.match(low)
        if u:  # "day10"
            unit = _unit_days(rules, u.group(1))
            if unit == 1.0:
                out.append((i, float(u.group(2))))
            continue
        unit = _unit_days(rules, low)
        if unit is None:
            continue
        # number before the unit: "10 days", "a few weeks", "couple of weeks", "2 more days"
        j, num = _number_before(rules, doc, i)
        if num is not None:
            if j >= 0 and j - 1 >= 0 and doc[j - 1].lower_ in rules.skip_before:
                continue
            if _ahead(rules, doc, j, i) or _attributive(rules, doc, i, num):
                continue
            out.append((j, num * unit + _modifier(rules, doc, j, unit)))
            continue
        # ordinal: "day 10", "day ten"; "week 3": the third week begun (15 days)
        if unit == 1.0 and i + 1 < n and low in ("day",):
            num = _number(rules, doc[i + 1].lower_)
            if num is not None and num >= 1:
                out.append((i, num))
                continue
        if unit >= 7.0 and i + 1 < n and not low.endswith("s") and doc[i + 1].is_digit:
            num = _number(rules, doc[i + 1].lower_)
            if num is not None and 1 <= num <= 52:
                out.append((i, (num - 1) * unit + 1))
                continue
        # bare plural: "for weeks", "weeks later"
        if low.endswith("s") and unit >= 1.0 and low not in ("hrs",):
            out.append((i, rules.bare_plural * unit + _modifier(rules, doc, i, unit)))
        elif _one_unit_dropped(doc, i) and unit >= 1.0:
            out.append((i, unit))
    out.extend(dated_gap(rules, doc))
    out.extend(month_gaps(rules, doc, found))
    return out


#: before an ordinal day, a word that makes it where a span starts or ends, not today
_SPAN_STARTS = frozenset({"since", "from", "after", "until", "till", "til", "before", "by"})

#: before a bare singular unit, a word that makes it a named period, not "one" of it: "THE week
#: later", "THAT month ago"
_NAMED_PERIOD = frozenset({"the", "that", "this", "which", "same", "each", "every", "whole"})


def _one_unit_dropped(doc: Doc, i: int) -> bool:
    """ "month later", "week ago": a singular unit at ``i`` with "later" or "ago" right after
    it and no number or article before it is one of it, its "a" dropped as phone typing
    drops it ("the week later" names a period)."""
    if (
        doc[i].lower_.endswith("s")
        or i + 1 >= len(doc)
        or doc[i + 1].lower_ not in ("later", "ago")
    ):
        return False
    return i == 0 or (doc[i - 1].lower_ not in _NAMED_PERIOD and not doc[i - 1].like_num)


_AHEAD_WORDS = frozenset(
    {"can", "could", "should", "will", "would", "shall", "'ll", "ll", "gonna", "going", "want",
     "wanna", "plan", "planning", "hoping", "hope", "thinking", "book", "booking", "booked",
     "next", "coming", "until", "till", "before"}
)  # fmt: skip


def _month_ahead(doc: Doc, i: int) -> bool:
    """A word of a time ahead in the clause before the month at ``i``: "CAN I have meso in
    May?", "I'm GOING to Spain in June", "BOOKED in for March"."""
    for k in range(i - 1, max(-1, i - 9), -1):
        low = doc[k].lower_
        if low in (".", "!", "?", ";", ",", "but", "and"):
            return False
        if low in _AHEAD_WORDS:
            return True
    return False


def month_gaps(
    rules: Rules, doc: Doc, found: Spans, now: date | None = None
) -> list[tuple[int, float]]:
    """At least the days since the end of a past month named in a sentence that names
    the treatment ("had the meso in March", "my session with you back in January",
    "since early April", "in May 2025", "in spring": a season's last month): the month
    before today's, or last year's when it is later in the year. Today's own month (or
    season), a month ahead ("my wedding is in June", "next March", "can I have it in
    May?"), a month with no word of time before it ("March" alone, "may"), a month in a
    sentence of other things ("any Saturday slots in March?", "he wants to launch the
    boat in May") are no time since it; "with you" before the month names the clinic
    ("had it done with you in March"), not a meeting ahead ("see you in May")."""
    if not found.get("ANCHOR|treatment"):
        return []
    sent = _sentence_ids(doc)
    treated_sentences = _treated_sentences(found, sent)
    out: list[tuple[int, float]] = []
    for tok in doc:
        season = tok.lower_ in _SEASONS
        i, month = tok.i, _MONTHS.get(tok.lower_) or _SEASONS.get(tok.lower_)
        if month is None or i == 0 or sent[i] not in treated_sentences:
            continue
        k = i - 1
        while k > 0 and doc[k].lower_ in ("-", "the"):
            k -= 1  # "mid-March", "in the January sales"
        if doc[k].lower_ not in _MONTH_BEFORE and doc[i - 1].lower_ not in _MONTH_BEFORE:
            continue
        before = {doc[m].lower_ for m in range(max(0, k - 1), k + 1)}
        if k >= 2 and doc[k - 2].lower_ in _DONE_WITH:
            before.discard("you")  # "had it done WITH you in March": the clinic, not "see you"
        if before & rules.weekday_ahead or _planned(rules, doc, i) or _month_ahead(doc, i):
            continue  # "the wedding IS in June", "NEXT march", "CAN I have it in may"
        after = doc[i + 1].lower_ if i + 1 < len(doc) else ""
        now = now or today()  # (read only for a month that dates the treatment)
        if _YEAR.match(after):
            year = int(after)
        elif month == now.month or (season and 0 <= month - now.month <= 2):
            continue  # this month or season: no telling how long ago
        else:
            year = now.year if month < now.month else now.year - 1
        end = date(year, month, calendar.monthrange(year, month)[1])
        gap = (now - end).days
        if gap > 0:
            out.append((i, AtLeast(gap)))
    return out


# weekdays (``durations.weekday`` of the rules) numbered by the start of their name, as
# patients write them ("weds", "thurs", "fri")
_WEEKDAYS = (
    ("mon", 0),
    ("tue", 1),
    ("wed", 2),
    ("wen", 2),
    ("thu", 3),
    ("thr", 3),
    ("fri", 4),
    ("sat", 5),
    ("sun", 6),
)


def _day_of(rules: Rules, low: str) -> tuple[str, int] | None:
    """("weekday", 0-6) or ("date", 1-31) for a weekday or an ordinal date ("15th")."""
    if rules.weekday_rx.match(low):
        return "weekday", next(n for p, n in _WEEKDAYS if low.startswith(p))
    m = _ORDINAL.match(low)  # a day of the month: "the 3rd", "the 15th"
    return ("date", int(m.group(1))) if m and 1 <= int(m.group(1)) <= 31 else None


def _is_now(rules: Rules, doc: Doc, i: int) -> bool:
    """The day at ``i`` is today: "today is the 15th", "it's Friday now", "now it's sunday",
    "its now the 14th" (an article right before the date is skipped)."""
    ks = [i]
    if i and doc[i - 1].lower_ == "the":
        ks.append(i - 1)
        if i > 1 and rules.weekday_rx.match(doc[i - 2].lower_):
            ks.append(i - 2)  # "today, Friday the 13th": the weekday before the date
    for k in ks:
        before = tuple(t.lower_ for t in doc[max(0, k - 3) : k])
        if any(before[-len(p) :] == p for p in rules.now_before if len(before) >= len(p)):
            return True
    return i + 1 < len(doc) and doc[i + 1].lower_ in rules.now_after


def dated_gap(rules: Rules, doc: Doc) -> list[tuple[int, float]]:
    """Days between two days the message names, one of them today.

    "it's Friday now and I had it done Monday" is 4 days; "treatment was on the
    3rd, today is the 15th" is 12 (a date after today's is last month's). Both told
    ("Monday the 2nd ... Friday the 13th") and agreeing, the dates count the weeks. Only
    the message's own days are read, never the clock, and only when it says
    which day is today; a weekday ahead ("my review is on friday") is no day
    of the treatment.
    """
    days = [(i, d) for i, t in enumerate(doc) if (d := _day_of(rules, t.lower_)) is not None]
    if len(days) < 2:
        return []
    found: dict[str, list[tuple[int, float]]] = {}
    for kind, cycle in (("weekday", 7), ("date", 30)):
        mine = [(i, n) for i, (k, n) in days if k == kind]
        now = [(i, n) for i, n in mine if _is_now(rules, doc, i)]
        then = [
            (i, n)
            for i, n in mine
            if (i, n) not in now and not (i and doc[i - 1].lower_ in rules.weekday_ahead)
        ]
        if len(now) != 1 or not then:
            continue
        today = now[0][1]
        for i, n in then:  # each day named before today, in its own sentence
            gap = (today - n) % cycle if kind == "weekday" else today - n
            if kind == "date" and gap <= 0:
                gap += cycle
            found.setdefault(kind, []).append((i, float(gap or cycle)))
    weekdays, dates = found.get("weekday", []), found.get("date", [])
    if dates and weekdays and {g % 7 for _, g in dates} & {g % 7 for _, g in weekdays}:
        return dates  # "Monday the 2nd ... today, Friday the 13th": 11 days, not 4
    return weekdays + dates


def _ahead(rules: Rules, doc: Doc, j: int, i: int) -> bool:
    """The duration from token ``j`` to its unit at ``i`` is a time ahead: "my wedding is in
    six weeks", "six weeks from now" (``durations.ahead_before``, ``ahead_after``), or a
    spacing of sessions ("4 weeks apart"); "it doubled in 2 days" stays a time that passed."""
    before = tuple(doc[k].lower_ for k in range(max(0, j - 2), j))
    after = [doc[k].lower_ for k in range(i + 1, min(len(doc), i + 3))]
    return (
        any(before[-len(p) :] == p for p in rules.ahead_before)
        or any(after[: len(p)] == list(p) for p in rules.ahead_after)
        or _planned(rules, doc, j, i)
        or _spacing(rules, doc, i)
        or _asked(rules, doc, j, i)
        or _trip(rules, doc, j)
        or _window_asked(rules, doc, j)
        or _act_asked(rules, doc, j)
    )


def _act_asked(rules: Rules, doc: Doc, j: int) -> bool:
    """ "is it ok TO FLY a few days after the booster?", "can I TRAVEL 2 days after": one of
    ``durations.trip_words`` or ``pause_words`` right before the duration at ``j``, itself
    after "to" or "I": when an act may be done, not a time that passed ("I flew 3 days after"
    stays one)."""
    k = j - 1
    while k >= 0 and doc[k].lower_ in rules.duration_fillers:
        k -= 1  # "to fly A few days after"
    if k < 1 or doc[k].lower_ not in rules.trip_or_pause_words:
        return False
    return doc[k - 1].lower_ in ("to", "i")


def _window_asked(rules: Rules, doc: Doc, j: int) -> bool:
    """ "is it ok to fly WITHIN a week of treatment?", "can I swim within 2 days?": "within"
    before the duration at ``j`` (fillers aside) in a question (a sentence that opens with
    one of ``_QUESTION_OPENERS`` and ends with a question mark): a window asked about, not
    a time that passed ("within a week my cheek went hard, is that normal?" stays one)."""
    k = j - 1
    while k >= 0 and doc[k].lower_ in rules.duration_fillers:
        k -= 1
    if k < 0 or doc[k].lower_ != "within":
        return False
    start = k
    while start > 0 and doc[start - 1].lower_ not in _SENTENCE_ENDS:
        start -= 1
    if doc[start].lower_ not in _QUESTION_OPENERS:
        return False
    for t in doc[j:]:
        if t.lower_ == "?":
            return True
        if t.lower_ in _SENTENCE_ENDS:
            return False
    return False


_SENTENCE_ENDS = frozenset({".", "!", "?"})
#: the first word of a question: "IS it ok to fly within a week?", "CAN I swim within 2 days?"
_QUESTION_OPENERS = frozenset(
    "is are am can could should would will do does did how when what which".split()
)


_CONTRACTIONS = frozenset({"'m", "'re", "'s", "’m", "’re", "’s"})


#: the part of a stay a duration may name after "for": "for the first two weeks", "the whole week"
_TRIP_PART = frozenset({"the", "first", "whole", "entire", "full", "next"})


def _trip(rules: Rules, doc: Doc, j: int) -> bool:
    """ "for" before the duration at ``j``, with one of ``durations.trip_words`` before it
    in its clause: "flying to Lisbon tomorrow for a week" is the trip's length; "swollen
    for a week" stays a time that passed."""
    k = j - 1
    while k >= 0 and (doc[k].lower_ in rules.duration_fillers or doc[k].lower_ in _TRIP_PART):
        k -= 1  # "away for THE FIRST two weeks of next month"
    if k < 0 or doc[k].lower_ != "for":
        return False
    return _trip_word_before(rules, doc, k, 7, words=rules.trip_or_pause_words) is not None


def _trip_word_before(
    rules: Rules,
    doc: Doc,
    k: int,
    reach: int,
    stop: frozenset[str] = frozenset(),
    words: frozenset[str] | None = None,
) -> int | None:
    """Where one of ``words`` (``durations.trip_words`` unless given) is, at most ``reach``
    words before ``k`` in its clause (never past a word of ``stop``), or None."""
    wanted = rules.trip_words if words is None else words
    for m in range(k - 1, max(-1, k - reach - 1), -1):
        low = doc[m].lower_
        if (not doc[m].is_alpha and low not in _CONTRACTIONS) or low in stop:
            return None  # the clause ends
        if low in wanted:
            return m
    return None


def _asked(rules: Rules, doc: Doc, j: int, i: int) -> bool:
    """The duration from ``j`` to its unit at ``i`` is asked about: "is six weeks right?",
    "are 2 weeks enough?" (``durations.asked_before`` right before, ``asked_after`` right
    after), or "is it 4 weeks?" / "would it be 2 weeks or 3?" (the question's own "it"
    before it, a question mark or "or" after; "is it 2 or 4 weeks?": past the other
    choice; with a choice, also when the question mark ends the sentence further on: "is it 3
    or 4 weeks after the first one?"); one of ``asked_relations`` may come between the unit
    and ``asked_after`` ("is four weeks later right?"); "it's been six weeks" stays a time
    that passed."""
    n = i + 1
    if n + 1 < len(doc) and doc[n].lower_ in rules.asked_relations:
        n += 1
    after = doc[n].lower_ if n < len(doc) else ""
    if j > 0 and doc[j - 1].lower_ in rules.asked_before and after in rules.asked_after:
        return True
    k = j - 1
    choice = k > 1 and doc[k].lower_ == "or" and _number(rules, doc[k - 1].lower_) is not None
    if choice:
        k -= 2  # "is it 2 OR 4 weeks?": the other choice before it
    if k > 0 and doc[k].lower_ == "be":
        k -= 1  # "would it BE 2 weeks?"
    return (
        k > 0
        and doc[k].lower_ in ("it", "that")
        and doc[k - 1].lower_ in rules.asked_before
        and (
            after in ("?", "or") or after in rules.asked_after or (choice and _ends_asking(doc, i))
        )
    )


def _ends_asking(doc: Doc, i: int) -> bool:
    """The sentence that goes on from ``i`` ends with a question mark."""
    for tok in doc[i + 1 :]:
        if is_boundary(tok):
            return "?" in tok.text
    return False


def _spacing(rules: Rules, doc: Doc, i: int) -> bool:
    """A duration whose unit at ``i`` is followed, within four words of its clause, by
    one of ``durations.spacing`` (or "between" and a session word): how far apart sessions
    go ("is 4 weeks the right gap or should it be 3?", "2 sessions 3 weeks apart", "3 weeks
    or 4 weeks between sessions"), not a time that passed."""
    for k in range(i + 1, min(len(doc), i + 5)):
        low = doc[k].lower_
        if low in rules.spacing:
            return True
        if low == "between" and k + 1 < len(doc) and doc[k + 1].lower_ in rules.spacing_between:
            return True  # "3 weeks or 4 weeks between sessions"
        if not (doc[k].is_alpha or doc[k].like_num):
            return False
    return False


def _planned(rules: Rules, doc: Doc, j: int, i: int | None = None) -> bool:
    """ "in" before the duration at ``j``, in a sentence that plans or books
    (``durations.ahead_plans``): "she wants to book the follow-up for the same time in
    four weeks" is a time ahead; "it doubled in 2 days" stays a time that passed. So is
    "for" before it and one of ``_PLANNED_RELATIONS`` right after its unit at ``i``, after
    such a word: "should I book the third one for exactly 3 weeks after" ("I booked in
    because it has been hard for 3 weeks" stays a time that passed)."""
    k = j - 1
    while k >= 0 and (doc[k].lower_ in rules.duration_fillers or doc[k].lower_ in _EXACT):
        k -= 1
    if k < 0:
        return False
    if doc[k].lower_ == "for":
        if i is None or i + 1 >= len(doc) or doc[i + 1].lower_ not in _PLANNED_RELATIONS:
            return False
    elif doc[k].lower_ != "in":
        return False
    elif _trip_leads(rules, doc, k):
        return True
    sent = _sentence_ids(doc)
    return any(
        doc[m].lower_ in rules.ahead_plans for m in range(k - 1, -1, -1) if sent[m] == sent[k]
    )


#: how exact a planned time is: "book it for EXACTLY 3 weeks after"
_EXACT = frozenset({"exactly", "precisely", "roughly", "approximately", "approx", "maybe", "say"})
#: after a booked time's unit, what it is counted from: "for 3 weeks AFTER", "for a month LATER"
_PLANNED_RELATIONS = frozenset({"after", "later", "afterwards", "afterward", "on", "from"})


#: after a trip word, a direction of change, not a journey: "the swelling is GOING DOWN, in 2 days
#: it halved"
_NOT_A_TRIP = frozenset({"down", "up", "back", "away", "through", "on", "off", "worse", "better"})


#: a journey told as over, or a new clause: "I WAS away in Spain in the two weeks since", "flew
#: to Rome AND in 2 days my cheek swelled" (a time that passed)
_TRIP_OVER = frozenset(
    {"was", "were", "went", "flew", "had", "been", "spent", "came", "got", "stayed", "visited",
     "travelled", "traveled", "left", "and", "but", "then", "so"}
)  # fmt: skip


def _trip_leads(rules: Rules, doc: Doc, k: int) -> bool:
    """A journey told at most five words before "in" at ``k``, in its clause: "I'm GOING to
    Spain in two weeks", "we FLY out in 3 days" (``durations.trip_words``): the time ahead
    when it starts; never a journey told as over or one in another clause (``_TRIP_OVER``)."""
    m = _trip_word_before(rules, doc, k, 5, _TRIP_OVER)
    if m is None or any(doc[b].lower_ in _TRIP_OVER for b in range(max(0, m - 2), m)):
        return False  # no journey in the clause, or one told as over: "I WAS away"
    nxt = doc[m + 1].lower_ if m + 1 < k else ""
    return nxt not in _NOT_A_TRIP


def _attributive(rules: Rules, doc: Doc, i: int, num: float) -> bool:
    """A singular unit before a noun ("12 hour shifts", "a 3-day course"): a length."""
    if num <= 1 or doc[i].lower_.endswith("s") or i + 1 >= len(doc):
        return False
    k = i + 1
    if doc[k].text == "-" and k + 1 < len(doc):
        k += 1
    nxt = doc[k].lower_
    if not doc[k].is_alpha or nxt in rules.of_time or wordnet.lemma(nxt) is None:
        return False
    # an act, an event, a time, a thing or food ("shift", "course", "trip", "detox"); not a
    # state or a mass ("a 3 day swelling", "a 2 week lump" are times since)
    return wordnet.classes(nxt, 1)[:1] in ((4,), (6,), (11,), (13,), (28,))


def _sentence_ids(doc: Doc) -> list[int]:
    return boundaries(doc, set())


def _anaphor_before(rules: Rules, doc: Doc, clause: list[int], s: int) -> bool:
    """A pronoun that stands for a sign already named (the vocabulary's ``grammar.anaphors``)
    just before the cue at ``s``, in its clause ("it's spreading", "it has spread"), or
    opening the cue itself ("they just won't go")."""
    return any(
        doc[k].lower_ in rules.vocab.anaphors and clause[k] == clause[s]
        for k in range(max(0, s - 3), s + 1)
    )


#: words that open a likeness clause ("LIKE a stain spreading on a tablecloth")
_SIMILE_OPENERS = frozenset({"like", "as"})


def _simile_of_anaphor(rules: Rules, doc: Doc, clause: list[int], s: int) -> bool:
    """The cue at ``s`` is told in a likeness set off by a comma right after words whose
    subject is a pronoun standing for a sign ("it reaches almost to my ear, LIKE A STAIN
    SPREADING on a tablecloth"): the likeness pictures that sign."""
    k = s - 1
    while k >= 0 and s - k <= 4 and doc[k].is_alpha and doc[k].lower_ not in _SIMILE_OPENERS:
        k -= 1
    if k < 1 or doc[k].lower_ not in _SIMILE_OPENERS or doc[k - 1].text not in (",", ";", "-"):
        return False
    for j in range(k - 2, max(-1, k - 10), -1):
        if not doc[j].is_alpha or clause[j] != clause[s]:
            return False
        if doc[j].lower_ in rules.vocab.anaphors:
            return True
    return False


def _sentence_before(doc: Doc, sent: list[int], s: int) -> int:
    """The id of the sentence before the one of token ``s``, past any made only of punctuation
    ("... after 2-3 days right?? day 4 and it's bigger": the second "?" is no sentence)."""
    k = s - 1
    while k >= 0 and sent[k] == sent[s]:
        k -= 1
    while k >= 0 and not doc[k].is_alpha and not doc[k].is_digit:
        k -= 1
    return sent[k] if k >= 0 else -1


def _cue_targets(
    rules: Rules,
    doc: Doc,
    found: Spans,
    matches: list[Match],
    clause: list[int],
    sent: list[int],
    neg_ends: list[int],
) -> dict[str, set[int]]:
    """For each cue name, the matches (by index) it qualifies.

    A cue ("getting worse") qualifies the signs in its own clause within
    ``window`` words. A clause with a cue but no sign ("the pain was fine on
    day 1 but it's getting worse now") refers back: the nearest sign before it
    in the same sentence, or, when a pronoun stands just before the cue and
    its sentence has no sign before it ("is that normal? it's spreading"),
    the last sign of the sentence before. A negated cue ("not getting worse") counts for nothing.
    """
    targets: dict[str, set[int]] = {}
    live = sorted(
        ((i, m) for i, m in enumerate(matches) if m.status == "counted"), key=lambda im: im[1].start
    )
    starts = [m.start for _, m in live]
    neg_end_set = set(neg_ends)
    reach = 2 * rules.cue_window + 40  # no match is longer than 40 words
    for name in rules.cue_names:
        hit: set[int] = set()
        for s, e in found.get(f"C|{name}", []):
            if any(
                s - k in neg_end_set and not any(doc[j].is_punct for j in range(s - k, s))
                for k in (0, 1, 2)
            ):
                continue  # "not getting worse" (not "they don't hurt, they won't go")
            window = live[
                bisect.bisect_left(starts, s - reach) : bisect.bisect_right(starts, e + reach)
            ]
            near = [
                i
                for i, m in window
                if (
                    clause[m.start] in (clause[s], clause[e - 1])
                    or clause[m.end - 1] in (clause[s], clause[e - 1])
                )
                and (s - m.end if s >= m.end else m.start - e) <= rules.cue_window
            ]
            if not near:
                before = [
                    (i, m)
                    for i, m in window
                    if m.end <= s and sent[m.start] == sent[s] and s - m.end <= 2 * rules.cue_window
                ]
                if not before and _simile_of_anaphor(rules, doc, clause, s):
                    # a likeness of what "it" does pictures every sign its sentence named
                    # before it ("the pink area around the dots ... it reaches my ear, like a
                    # stain spreading"): "it" is the sentence's subject, not the last word
                    hit.update(i for i, m in window if m.end <= s and sent[m.start] == sent[s])
                    continue
                if not before and _anaphor_before(rules, doc, clause, s):
                    # "it" stands for the last sign named before it: in its own sentence however
                    # far ("swelling should've gone down by now but it's day 5 and it's still
                    # growing"), else in the sentence before ("... by now? day 6 and it's
                    # spreading")
                    before = [(i, m) for i, m in window if m.end <= s and sent[m.start] == sent[s]]
                    if not before:
                        prior = _sentence_before(doc, sent, s)
                        before = [(i, m) for i, m in window if sent[m.start] == prior]
                near = [max(before, key=lambda im: im[1].end)[0]] if before else []
            size = rules.cue_size.get(name)
            if size and _size_of_a_part(rules, size, doc, found, clause, s, e):
                # "my double chin is bigger than b4": a size, not the soreness said before it
                near = [i for i in near if matches[i].sign not in size.not_for]
            hit.update(near)
        targets[name] = hit
    return targets


def _size_of_a_part(
    rules: Rules, size: SizeCue, doc: Doc, found: Spans, clause: list[int], s: int, e: int
) -> bool:
    """The cue's words from ``s`` to ``e`` name a size and nothing more ("bigger than b4",
    "getting bigger"; not "bigger and sorer", "worse"), said of a part of the body: the
    nearest of a body word, a pain word or "it" before the cue in its clause is a body word
    ("my double CHIN is bigger than b4"; "the pain ... but now IT is bigger each morning"
    is the pain's strength)."""
    words = {t.lower_ for t in doc[s:e]}
    if not words & size.words or words & size.breakers:
        return False
    body = {
        i
        for key, spans in found.items()
        if key.startswith("FN|") and key[3:] in rules.vocab.body_functions
        for a, b in spans
        for i in range(a, b)
    }
    pain = {i for a, b in found.get("FN|pain", []) for i in range(a, b)}
    for k in range(s - 1, -1, -1):
        if clause[k] != clause[s]:
            return False
        if k in pain or doc[k].lower_ in ("it", "its", "it's"):
            return False
        if k in body:
            return True
    return False


def stated_durations(rules: Rules, doc: Doc, found: Spans) -> list[tuple[int, float]]:
    """(token index, days) of every duration the message states, negation read.

    A duration right after a negation ("hasn't been a week") is just below its value.
    A duration of another person's treatment is left out when the writer speaks of
    themself elsewhere (``_others_time``), and so is one inside a likeness
    (``durations.likened``: "puffy like I've been crying for a week").
    """
    neg_ends = [e for k in ("NEG_DET", "NEG_VERB") for _, e in found.get(k, [])]
    found_days = _durations(rules, doc, found)
    likened = {i for s, e in found.get("DURLIKE", []) for i in range(s, e)}
    found_days = [(i, d) for i, d in found_days if i not in likened]
    if found_days and rules.owner_others:
        clause = boundaries(doc, rules.owner_ends)
        others = {i for i, _ in found_days if _others_time(rules, doc, clause, i)}
        if others and _writer_elsewhere(rules, doc, clause, others, found):
            found_days = [(i, d) for i, d in found_days if i not in others]
    sent = _sentence_ids(doc)
    found_days = _calendar_restated(rules, doc, found_days)

    def negated(i: int) -> bool:
        return any(0 <= i - ne <= 3 and sent[ne] == sent[i] for ne in neg_ends)

    return [(i, _just_below(d) if negated(i) else d) for i, d in found_days]


def _calendar_restated(
    rules: Rules, doc: Doc, found_days: list[tuple[int, float]]
) -> list[tuple[int, float]]:
    """Without a calendar time (``durations.calendar``) that a count of days near it
    restates: "the session last week, 6 days ago now" is 6 days (a count with "ago" within
    four words after it, starting at most four words from the calendar time's end)."""
    low = [t.lower_ for t in doc]
    drop = set()
    for i, _ in found_days:
        for seq in rules.calendar:
            end = i + len(seq)
            if tuple(low[i:end]) != seq:
                continue
            if any(
                j != i
                and end <= j <= end + 4
                and "ago" in low[j + 1 : j + 5]
                and not isinstance(d, AtLeast)
                for j, d in found_days
            ):
                drop.add(i)
    return [(i, d) for i, d in found_days if i not in drop]


def _just_below(days: float) -> float:
    """ "hasn't been a week" (6.5 days), "not even an hour": just below, never below 0."""
    return max(days - 0.5, days / 2)


def _others_time(rules: Rules, doc: Doc, clause: list[int], i: int) -> bool:
    """The duration at ``i`` dates another person's treatment: in its clause, the
    person before the nearest treatment verb before it is one of ``others``
    ("my friend who had it done last month", "my sister had hers 3 weeks ago")."""
    k = i - 1
    while k >= 0 and clause[k] == clause[i] and doc[k].lower_ not in rules.owner_treated:
        k -= 1
    if k < 0 or clause[k] != clause[i]:
        return False
    for j in range(k - 1, -1, -1):
        if clause[j] != clause[i]:
            return False
        low = doc[j].lower_
        if low in rules.owner_others:
            return True
        if low in rules.owner_self and not _before_other(rules, doc, j):
            return False
    return False


def _owned_by_other(rules: Rules, doc: Doc, a: int) -> bool:
    """The body word at ``a`` is another person's: "his cheek", "her left eye"."""
    k = a - 1
    while k >= 0 and doc[k].lower_ in rules.owner_theirs_gap:
        k -= 1
    return k >= 0 and doc[k].lower_ in rules.owner_theirs


def _before_other(rules: Rules, doc: Doc, j: int) -> bool:
    """ "my" before a person of ``others`` ("my friend") speaks of that person."""
    return j + 1 < len(doc) and doc[j + 1].lower_ in rules.owner_others


def _writer_elsewhere(
    rules: Rules, doc: Doc, clause: list[int], others: set[int], found: Spans
) -> bool:
    """The writer speaks of their own body, sign or treatment outside the clauses of
    another person's time ("..., my swelling is much bigger", "i had mine yesterday"):
    then those times are not the writer's. A writer who only asks for someone ("my client
    asked me to check, she had it 2 days ago") reports that person's time."""
    theirs = {clause[i] for i in others}
    # clauses that name a body part, a function, a sign or the treatment
    bodily = {
        clause[i]
        for key, spans in found.items()
        if _bodily(rules, key)
        for a, b in spans
        for i in range(a, b)
    }
    # ... or a verb of receiving a treatment: "i had mine yesterday"
    bodily |= {clause[t.i] for t in doc if t.lower_ in rules.owner_treated}
    # ... but not a clause that names a part of the other person's body: "I put my hand on his
    # cheek" tells of his cheek (the writer's hand only touches it)
    bodily -= {
        clause[a]
        for key, spans in found.items()
        if key.partition("|")[0] == "FN" and _bodily(rules, key)
        for a, _ in spans
        if _owned_by_other(rules, doc, a)
    }
    return any(
        clause[t.i] not in theirs
        and clause[t.i] in bodily
        and t.lower_ in rules.owner_self
        and not _before_other(rules, doc, t.i)
        for t in doc
    )


#: keys of what names a sign or the treatment (sign phrases, terms, states, anchors)
_BODILY_KEYS = frozenset({"S", "T", "ST", "ANCHOR"})


def _bodily(rules: Rules, key: str) -> bool:
    """The key names the body, a sign or the treatment: a function of the body ("FN|sight"),
    not one of the things seen ("FN|scene": "I'm writing for my daughter")."""
    kind, _, name = key.partition("|")
    return kind in _BODILY_KEYS or (kind == "FN" and name in rules.vocab.body_functions)


def time_since_treatment(
    durations: list[tuple[int, float]],
    context_days: float | None = None,
    doc: Doc | None = None,
    found: Spans | None = None,
) -> float | None:
    """Days since treatment: the longest duration said in a sentence that names the
    treatment (with ``doc`` and ``found``), else the longest the message states, else
    the context's."""
    if not durations:
        return context_days
    if doc is not None and found is not None:
        dated = _said_with_treatment(durations, found, _sentence_ids(doc))
        if dated:
            return max(dated)
    return max(d for _, d in durations)


def _said_with_treatment(
    durations: list[tuple[int, float]], found: Spans, sent: list[int]
) -> list[float]:
    """The durations said in a sentence that names the treatment."""
    treated = _treated_sentences(found, sent)
    return [d for i, d in durations if sent[i] in treated]


def _treated_sentences(found: Spans, sent: list[int]) -> set[int]:
    """The sentences (ids of ``_sentence_ids``) that name the treatment."""
    return {sent[a] for a, _ in found.get("ANCHOR|treatment", [])}


def apply_escalation(
    rules: Rules,
    doc: Doc,
    found: Spans,
    matches: list[Match],
    reasons: list[str],
    durations: list[tuple[int, float]] | None = None,
    context_days: float | None = None,
) -> None:
    """Move expected effects up by a duration or a cue (see each sign's ``escalate``).

    A sign takes the longest duration said in its own sentence, else the longest
    said in a sentence that names the treatment, else the longest in the message,
    else ``context_days`` (the time since treatment known from the conversation or
    a check-in).
    """
    counted = [
        (i, m)
        for i, m in enumerate(matches)
        if m.status == "counted"
        and (rules.signs[m.sign].escalate or rules.signs[m.sign].late or rules.signs[m.sign].early)
    ]
    if not counted:
        return
    sent = _sentence_ids(doc)
    if durations is None:
        durations = stated_durations(rules, doc, found)
    clause = boundaries(doc, rules.cue_terminators)
    neg_ends = [e for k in ("NEG_DET", "NEG_VERB") for _, e in found.get(k, [])]
    cue_targets = _cue_targets(rules, doc, found, matches, clause, sent, neg_ends)
    all_days = [d for _, d in durations]
    overridden = _overridden_cues(rules, found, neg_ends)
    dated = _said_with_treatment(durations, found, sent)
    for index, m in counted:
        same = [d for i, d in durations if sent[i] == sent[m.start]]
        # ... else the longest said where the treatment is named: "I know I already messaged
        # last week about parking! I had the polynucleotides ... four days ago. ... still a
        # little puffiness" is four days after the treatment
        days = max(same or dated or all_days) if (same or all_days) else context_days
        sign = rules.signs[m.sign]
        # the same words mean something else this early or this late after treatment; the
        # early reading (an expected effect of the first hours) holds only when no time the
        # message gives is past it: "had the shots last thursday. ... tonight it's hot" is
        # tonight's heat, days after the treatment, not the warmth of the first evening
        early_days = max([days, *all_days]) if days is not None and all_days else days
        said = {t.lower_ for t in doc[m.start : m.end]}
        # (a lower bound, "on monday", "in the autumn", never says how early it is)
        timed = [
            (r, f"only {_fmt_days(days)} after treatment")
            for r in sign.early
            if early_days is not None
            and not isinstance(days, AtLeast)
            and early_days < float(r["max_days"])
            and (not r.get("words") or said & set(r["words"]))
            and (not r.get("mild") or _told_mild(rules, r, doc, m, sent, index, cue_targets))
        ]
        early = bool(timed)
        timed += [
            (r, f"after {_fmt_days(days)}")
            for r in sign.late
            if days is not None and days >= float(r["min_days"])
        ]
        if timed:
            rule, why = timed[0]
            _become(rules, m, rule["to"], why, reasons)
            if not early:
                continue
            # an early reading is the expected effect, which still moves up by its own
            # cues: "a dark mark from Monday's session has got darker and wider" is a
            # bruise getting worse
        best: tuple[str, str] | None = None
        for rule in rules.signs[m.sign].escalate:
            target = rule["to"]
            why = ""
            if "max_days" in rule and "cue" in rule:
                # the cue within this long: "my lips keep getting bigger over the last 20 minutes"
                if (
                    days is not None
                    and not isinstance(days, AtLeast)
                    and days <= float(rule["max_days"])
                    and index in cue_targets.get(rule["cue"], set())
                ):
                    why = f"{rule['cue']} within {_fmt_days(days)}"
            elif "min_days" in rule and "cue" in rule:
                # both: the cue, said at least this long after treatment ("worse again on day 4");
                # the time since treatment, where the message dates it, counts too: "jabs on
                # Monday, it's Friday ... it has got bigger since Wednesday" grows on day 4
                now = max([d for d in (days, *dated) if d is not None], default=None)
                if (
                    now is not None
                    and now >= float(rule["min_days"])
                    and index in cue_targets.get(rule["cue"], set())
                ):
                    why = f"{rule['cue']} after {_fmt_days(now)}"
            elif "min_days" in rule and rule.get("since_treatment"):
                # the time since treatment, not the sign's own age: "treated six weeks
                # ago ... noticed a nodule a few days ago" is a lump appearing weeks later
                # (a time said where the treatment is named: not "pay over two months")
                whole = max(dated) if dated else context_days
                if whole is not None and whole >= float(rule["min_days"]):
                    least = rule["min_days"]
                    why = f"appeared {_fmt_days(whole)} after treatment (at least {least} days)"
            elif "min_days" in rule and days is not None and days >= float(rule["min_days"]):
                why = f"{_fmt_days(days)} (at least {rule['min_days']} days)"
            elif (
                rule.get("when_no_duration") and days is not None and not isinstance(days, AtLeast)
            ):
                continue  # "still swollen on day 3": the stated duration decides
            elif "cue" in rule and index in cue_targets.get(rule["cue"], set()):
                if _mild_early(rules, rule, doc, m, sent, days):
                    continue  # "only slightly puffier on day 2": the expected course
                if rule["cue"] in overridden and rank(rules.signs[target].level) <= rank("routine"):
                    continue  # "it was massive this morning, now it's better"
                why = f"{rule['cue']}"
            if not why:
                continue
            if best is None or rank(rules.signs[target].level) > rank(rules.signs[best[0]].level):
                best = (target, why)
        if best:
            _become(rules, m, best[0], best[1], reasons)


def _own_sentence(doc: Doc, m: Match, sent: list[int]) -> str:
    """The words of the match's sentence, lower case, one space between."""
    return " ".join(t.lower_ for t in doc if sent[t.i] == sent[m.start])


def _told_mild(
    rules: Rules,
    rule: dict[str, Any],
    doc: Doc,
    m: Match,
    sent: list[int],
    index: int,
    cue_targets: dict[str, set[int]],
) -> bool:
    """The sign's own sentence calls it slight, no cue says it grows, and none of the
    rule's ``not_with`` words says it is strong: "warm and a bit tight" is slight, "hot to
    the touch and a bit swollen" is not."""
    if any(index in cue_targets.get(cue, set()) for cue in ("worsening", "relapse", "severe")):
        return False
    padded = f" {_own_sentence(doc, m, sent)} "
    return _says_any(padded, rules.mild_words) and not _says_any(padded, rule.get("not_with") or ())


def _says_any(padded: str, phrases: Iterable[str]) -> bool:
    """The sentence (its words joined by spaces, one space around) holds one of ``phrases``
    as whole words ("a bit" in " warm and a bit tight ", not "bit" in " bitter ")."""
    return any(f" {words} " in padded for words in phrases)


def _mild_early(
    rules: Rules, rule: dict[str, Any], doc: Doc, m: Match, sent: list[int], days: float | None
) -> bool:
    """The cue's change is said to be slight, within ``unless_mild_before_days`` of treatment."""
    limit = rule.get("unless_mild_before_days")
    if limit is None or days is None or isinstance(days, AtLeast) or days >= float(limit):
        return False
    return _says_any(f" {_own_sentence(doc, m, sent)} ", rules.mild_words)


def _overridden_cues(rules: Rules, found: Spans, neg_ends: list[int]) -> set[str]:
    """Cues cancelled by a later cue that ``overrides`` them (see ``cues.improving``).

    A negated overriding cue ("not going down") and one inside a ``persisting``
    cue ("not getting better") count for nothing.
    """
    neg = set(neg_ends)
    inside = [(s, e) for s, e in found.get("C|persisting", [])]
    out: set[str] = set()
    for name, over in rules.cue_overrides.items():
        live = [
            s
            for s, e in found.get(f"C|{name}", [])
            if not any(s - k in neg for k in (0, 1, 2))
            and not any(ps <= s and e <= pe for ps, pe in inside)
        ]
        if not live:
            continue
        last = max(live)
        for cue in over:
            spans = found.get(f"C|{cue}", [])
            if spans and max(e for _, e in spans) <= last:
                out.add(cue)
    return out


def _become(rules: Rules, m: Match, target: str, why: str, reasons: list[str]) -> None:
    """The match now counts as ``target`` (its first sign kept as ``base``)."""
    reasons.append(f"{m.sign} -> {target} ({why})")
    m.base, m.sign = m.sign, target
    m.level = rules.signs[target].level


def _fmt_days(days: float | None) -> str:
    return "an unknown time" if days is None else f"{days:g} days"
