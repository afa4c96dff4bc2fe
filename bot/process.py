"""Packages a server process must never import (bot/rasa_server.py, bot/action_server.py).

``block_imports`` is called first in their ``main()``, before the heavy
imports, never at import time: a test process that imports an entry point
keeps every module it had. An import of a blocked package raises
ImportError, which is what the libraries that import them "if available"
expect (thinc, through spaCy, imports TensorFlow that way; TensorFlow imports
jax that way, for TFLite's converter only).
"""

from __future__ import annotations

import importlib.abc
import sys
from collections.abc import Iterable, Sequence


class _Blocker(importlib.abc.MetaPathFinder):
    """Refuses ``names`` and their submodules with ImportError."""

    def __init__(self, names: Iterable[str]) -> None:
        self.names = frozenset(names)

    def find_spec(
        self, fullname: str, path: Sequence[str] | None = None, target: object = None
    ) -> None:
        if fullname.partition(".")[0] in self.names:
            raise ModuleNotFoundError(
                f"{fullname} is not imported in this process (bot.process.block_imports)",
                name=fullname,
            )


def block_imports(names: Iterable[str]) -> None:
    """Make every later ``import <name>`` (or a submodule) raise ImportError.

    Must run before anything imports them: a module already imported stays.
    """
    names = set(names)
    loaded = sorted(n for n in names if n in sys.modules)
    if loaded:
        raise RuntimeError(f"already imported, too late to block: {', '.join(loaded)}")
    sys.meta_path.insert(0, _Blocker(names))
