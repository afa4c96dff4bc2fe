"""``@never_raises``: a reader of patient text answers, whatever the text does to it.

A reply the bot cannot read is asked again; it must never crash the action or
the form. A function decorated with ``@never_raises(default=...)`` logs any
exception with its traceback and returns the default instead (a fresh one from
``factory=`` when the default is mutable). Exceptions listed in ``let_through``
still propagate: a broken rules file must stop the bot, not be read as
"unclear" for every patient.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


def never_raises(
    default: object = None,
    *,
    factory: Callable[[], object] | None = None,
    let_through: tuple[type[BaseException], ...] = (),
    message: str | None = None,
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Return ``default`` (or ``factory()``) where the function would raise, and log it."""

    def decorate(func: Callable[P, R]) -> Callable[P, R]:
        log = logging.getLogger(func.__module__)
        what = message or f"{func.__qualname__} failed"

        @functools.wraps(func)
        def guarded(*args: P.args, **kwargs: P.kwargs) -> R:
            try:
                return func(*args, **kwargs)
            except let_through:
                raise
            except Exception:  # noqa: BLE001 - the point of the decorator; logged with traceback
                log.exception(what)
                value = factory() if factory is not None else default
                return value  # type: ignore[return-value]

        return guarded

    return decorate
