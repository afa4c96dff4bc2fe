"""Process-level settings of our server entry points (bot/rasa_server.py, bot/action_server.py).

Called first in their ``main()``, before the heavy imports, never at import
time: a test process that imports an entry point keeps every module it had.

- ``block_imports``: packages a process must never import. An import of a
  blocked package raises ImportError, which is what the libraries that import
  them "if available" expect (thinc, through spaCy, imports TensorFlow that
  way; TensorFlow imports jax that way, for TFLite's converter only).
- ``limit_malloc_arenas``: glibc gives each thread that allocates its own
  heap ("arena", up to 8 per core); pages freed in one are not given back to
  the others. Capping them (what ``MALLOC_ARENA_MAX`` does, set here with
  ``mallopt`` because the environment is read before our code runs) trades a
  little lock contention for less resident memory.
- ``trim_heap``: hands the heap's free pages back to the system
  (``malloc_trim``), e.g. after a model is loaded.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import importlib.abc
import logging
import sys
from typing import Iterable, Optional, Sequence

log = logging.getLogger(__name__)

M_ARENA_MAX = -8  # glibc's mallopt parameter (malloc.h)


class _Blocker(importlib.abc.MetaPathFinder):
    """Refuses ``names`` and their submodules with ImportError."""

    def __init__(self, names: Iterable[str]) -> None:
        self.names = frozenset(names)

    def find_spec(self, fullname: str, path: Optional[Sequence[str]] = None,
                  target: object = None) -> None:
        if fullname.partition(".")[0] in self.names:
            raise ModuleNotFoundError(f"{fullname} is not imported in this process "
                                      "(bot.process.block_imports)", name=fullname)


def block_imports(names: Iterable[str]) -> None:
    """Make every later ``import <name>`` (or a submodule) raise ImportError.

    Must run before anything imports them: a module already imported stays.
    """
    names = set(names)
    loaded = sorted(n for n in names if n in sys.modules)
    if loaded:
        raise RuntimeError(f"already imported, too late to block: {', '.join(loaded)}")
    sys.meta_path.insert(0, _Blocker(names))


def _libc() -> Optional[ctypes.CDLL]:
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name or "libc.so.6")
    except OSError:
        return None
    # glibc only (musl, for one, has neither)
    return libc if hasattr(libc, "mallopt") and hasattr(libc, "malloc_trim") else None


def limit_malloc_arenas(arenas: int) -> bool:
    """Cap glibc's malloc arenas for threads started from now on; False if not glibc."""
    libc = _libc()
    return bool(libc and libc.mallopt(M_ARENA_MAX, int(arenas)) == 1)


def trim_heap() -> bool:
    """Return free heap pages to the system; True if some were."""
    libc = _libc()
    return bool(libc and libc.malloc_trim(0) == 1)
