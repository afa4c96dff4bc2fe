"""When each check-in is due: offsets from the treatment, late registration, quiet hours.

Plain functions of times and settings: no database, no clock of their own.
All times in and out are timezone-aware; results are UTC.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from bot.checkins.config import Offset, QuietHours, Settings


@dataclass(frozen=True)
class Planned:
    """One check-in of a new treatment, before it is stored."""

    seq: int  # its place in the schedule (0 = first)
    kind: str
    due_at: datetime  # UTC, after quiet hours
    expects_reply: bool
    reply_by: datetime | None  # after this, no reply is shown to staff (None: no reply expected)
    late: bool  # already past at registration: due at once


def _utc(when: datetime) -> datetime:
    if when.tzinfo is None or when.utcoffset() is None:
        raise ValueError("times must be timezone-aware")
    return when.astimezone(timezone.utc)


def local_to_utc(naive: datetime, tz: ZoneInfo) -> datetime:
    """A wall-clock time in ``tz`` as UTC.

    In the hour skipped when clocks go forward the time does not exist; it
    resolves to the same distance after the change (01:30 -> 02:30 BST). In
    the hour repeated when clocks go back, the first (earlier) one is taken.
    """
    return naive.replace(tzinfo=tz, fold=0).astimezone(timezone.utc)


def due_time(treated_at: datetime, offset: Offset, tz: ZoneInfo) -> datetime:
    """``treated_at`` plus the offset: hours elapse; days are calendar days in ``tz``.

    "7d" after 10:00 on the Wednesday before the clocks change is 10:00 local
    time a week later, not 09:00 or 11:00.
    """
    start = _utc(treated_at)
    if offset.unit == "h":
        return start + timedelta(hours=offset.amount)
    local = start.astimezone(tz).replace(tzinfo=None)
    return local_to_utc(local + timedelta(days=offset.amount), tz)


def out_of_quiet_hours(when: datetime, quiet: QuietHours | None, tz: ZoneInfo) -> datetime:
    """``when`` if it is outside the quiet window, else the window's end (UTC).

    The window is read on the clinic's wall clock, so "21:00 to 09:00" holds
    in summer and winter time alike and across midnight.
    """
    when = _utc(when)
    if quiet is None:
        return when
    local = when.astimezone(tz)
    wall = local.time().replace(tzinfo=None)
    if not quiet.contains(wall):
        return when
    end_date = local.date()
    if quiet.start > quiet.end and wall >= quiet.start:
        end_date += timedelta(days=1)  # late evening: the window ends tomorrow morning
    end = local_to_utc(datetime.combine(end_date, quiet.end), tz)
    return max(end, when)


def in_quiet_hours(when: datetime, quiet: QuietHours | None, tz: ZoneInfo) -> bool:
    return quiet is not None and out_of_quiet_hours(when, quiet, tz) != _utc(when)


def plan(treated_at: datetime, now: datetime, settings: Settings, channel: str) -> list[Planned]:
    """The check-ins to store for a treatment registered at ``now``.

    A check-in whose time has already passed is skipped, except the latest of
    them, which is due at once (the contract's rule). Quiet hours of the
    patient's channel move a due time to the end of the night.
    """
    now = _utc(now)
    tz = settings.tz
    quiet = settings.quiet_hours_for(channel)
    specs = settings.schedule
    raw = [due_time(treated_at, s.after, tz) for s in specs]
    past = [i for i, due in enumerate(raw) if due <= now]
    latest_past = past[-1] if past else None
    kept = []
    for i, spec in enumerate(specs):
        if raw[i] <= now and i != latest_past:
            continue
        due = now if i == latest_past else raw[i]
        kept.append((i, spec, out_of_quiet_hours(due, quiet, tz), i == latest_past))
    window = timedelta(hours=settings.spec.reply_window_hours)
    result = []
    for n, (i, spec, due, late) in enumerate(kept):
        reply_by = None
        if spec.expects_reply:
            following = kept[n + 1][2] if n + 1 < len(kept) else due
            reply_by = max(following, due + window)
        result.append(
            Planned(
                seq=i,
                kind=spec.kind,
                due_at=due,
                expects_reply=spec.expects_reply,
                reply_by=reply_by,
                late=late,
            )
        )
    return result
