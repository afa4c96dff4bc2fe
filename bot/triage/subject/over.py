"""An event told as over and fine in the same breath: "my cousin passed out at the
gym, he's fine now, how do I get him to eat first", "someone fainted at the
wedding, everyone's fine". Signs told before such a clause, with none after it,
are a story of what happened to someone, not a report, in a message that names no
treatment ("I fainted after the injections but I'm fine now" stays a report, and
so does "I'm fine" said by the writer: only another person, or everyone, is told
fine).
"""

from __future__ import annotations

from bot.levels import rank
from bot.triage.match import Match
from bot.triage.subject.reader import Reader
from bot.triage.subject.sentences import treatment_named


def fine_after(r: Reader) -> int:
    """The first token of a clause telling another person fine ("he's fine", "they
    are all ok now", "everyone's fine"), -1 if none: a subject of `over_subjects`,
    a present form of "be" of `over_verbs` ("they were fine when I got home" tells
    of before), a state of `over_states` (a describing word such as "all" or "now"
    may stand between); never asked ("is she ok?", "she's fine?"), heard from the
    one it is said of ("she says she's fine") or taken back ("she's fine but...")."""
    doc, s = r.doc, r.s
    for i, tok in enumerate(doc):
        if tok.lower_ not in s.over_subjects or i + 2 >= len(doc):
            continue
        if i > 0 and doc[i - 1].lower_ in s.over_verbs:
            continue  # "is she ok": asked
        if any(doc[x].lower_ in s.over_hearsay for x in range(max(0, i - 3), i)):
            continue  # "she SAYS she's fine": the writer does not tell it
        j = i + 1
        if doc[j].lower_ not in s.over_verbs:
            continue
        j += 1
        while j < len(doc) and j - i <= 4 and doc[j].lower_ in s.over_fillers:
            j += 1
        if j >= len(doc) or doc[j].lower_ not in s.over_states:
            continue
        k = j + 1
        while k < len(doc) and doc[k].lower_ in s.over_fillers:
            k += 1
        if k < len(doc) and (doc[k].text == "?" or doc[k].lower_ in s.over_but):
            continue  # "she's fine?", "she's fine but she isn't"
        if k + 1 < len(doc) and doc[k].text == "," and doc[k + 1].lower_ in s.over_but:
            continue
        return i
    return -1


def told_as_over(r: Reader, matches: list[Match]) -> None:
    """Mark the counted signs above ``none`` before a "they're fine" clause (status
    ``thing``), when none is told after it, each is told as past (its clause has
    none of `over_present`: "is", "now", "still", "has") and the treatment is not
    named."""
    if treatment_named(r) or _kin_named(r):
        return
    live = [m for m in matches if m.status == "counted" and rank(m.level) > rank("none")]
    if not live:
        return
    at = fine_after(r)
    if at < 0 or any(m.end > at for m in live):
        return
    clauses = {r.clause[m.start] for m in live}
    told = {j for j in range(at) if r.clause[j] in clauses}
    if any(r.doc[j].lower_ in r.s.over_present for j in told):
        return  # "she's now talking strangely, she's fine": told as still going on
    for m in live:
        m.status = "thing"
        m.note = f"(said of something else: an event told as over, '{r.doc[at].text} ... fine')"


def _kin_named(r: Reader) -> bool:
    """The writer names someone they speak for ("my mum", "our son"): a faint told as
    over is still theirs to report ("my mum fainted, she's fine now")."""
    return any(
        t.lower_ in r.s.person_words
        and t.lower_ not in r.s.others
        and t.i > 0
        and r.doc[t.i - 1].lower_ in ("my", "our")
        for t in r.doc
    )
