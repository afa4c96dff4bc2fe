"""The time the check-ins run on: the real clock, or one that tests move.

Every function of ``bot.checkins`` that needs "now" takes a clock, so a test
can jump a week ahead without sleeping. Times are timezone-aware UTC.
"""

from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time, timezone-aware."""


class SystemClock:
    """The real time (UTC)."""

    def now(self) -> datetime:
        return datetime.now(timezone.utc)


def or_system(clock: Clock | None) -> Clock:
    """``clock``, or the real one when none is given."""
    return clock if clock is not None else SystemClock()


class FakeClock:
    """A clock that stands still until told to move (for tests and demos).

    ``FakeClock("2026-03-28T12:00:00+00:00")``; ``advance(hours=25)``;
    ``set(...)``. Safe to share between threads.
    """

    def __init__(self, start: datetime | str | None = None) -> None:
        self._lock = threading.Lock()
        self._now = _aware(start) if start is not None else datetime.now(timezone.utc)

    def now(self) -> datetime:
        with self._lock:
            return self._now

    def set(self, when: datetime | str) -> None:
        with self._lock:
            self._now = _aware(when)

    def advance(self, delta: timedelta | None = None, **parts: float) -> datetime:
        """Move forward by ``delta`` or by ``timedelta(**parts)``; the new time."""
        step = delta if delta is not None else timedelta(**parts)
        if step < timedelta(0):
            raise ValueError("a clock only moves forward")
        with self._lock:
            self._now = self._now + step
            return self._now


def _aware(when: datetime | str) -> datetime:
    value = datetime.fromisoformat(when) if isinstance(when, str) else when
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("a clock needs a timezone-aware time (with an offset)")
    return value.astimezone(timezone.utc)


def iso(when: datetime) -> str:
    """The one stored form of a time: UTC, seconds, e.g. ``2026-03-28T12:00:00+00:00``.

    All stored times share it, so comparing the text compares the times.
    """
    if when.tzinfo is None or when.utcoffset() is None:
        raise ValueError("only timezone-aware times are stored")
    return when.astimezone(timezone.utc).replace(microsecond=0).isoformat()


def parse_iso(text: str) -> datetime:
    """A stored time back as an aware UTC datetime."""
    value = datetime.fromisoformat(text)
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc)
