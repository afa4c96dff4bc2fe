"""Start the Rasa server: ``python -m bot.rasa_server run --enable-api ...``.

The package: ``http_guard`` (the request middleware), ``patches`` and
``runtime`` (Rasa 3.6.21 made cheaper, each patch a function that says
whether it applied), and here the start-up that puts them together.

The arguments are ``rasa``'s own, except the API token: it is read from
``RASA_AUTH_TOKEN`` in the environment and handed to Rasa inside this
process, so it never appears on a command line (``ps`` shows command lines to
every local user; a process's environment only to its owner). A
``--auth-token`` argument is refused.

Before the server starts, a request middleware is added to Rasa's app
(``http_guard.guard``):
- ``POST /model/parse`` must be a JSON object with a string ``text``, at most
  64 KB (else 400 or 413 with a reason, where Rasa 3.6 answered 500); lone
  surrogates in the text become U+FFFD, as on every channel;
- ``GET /version`` needs the token like the rest of the API (it told anyone
  the exact Rasa version).
Files it writes are private to the bot's user (umask 077). The secrets of the
scaling settings (``TRACKER_STORE_URL``, the Redis password) are put into this
process's environment for Rasa to fill into the endpoints file
(``bot.scaling``).

Speed and memory (issue 17), set up in ``main()`` before Rasa is imported:
- each action-server reply is checked against Rasa's schema with a validator
  built once (``fast_action_result_check``), not rebuilt and the schema itself
  re-checked for every reply; the same replies are accepted and refused;
- an event's class is found by its name in a table (``fast_event_lookup``),
  not by walking every Event class for each event read;
- DIET and the ResponseSelector are loaded without the one training step
  Rasa runs to create their variables (``lean_model_load``): 400 MB less;
- the model's graphs run node by node in plain Python, not through dask's
  scheduler (``plain_graph_runner``);
- calls to the action server reuse their connection
  (``kept_action_connections``);
- the NgramClassifier's weights are kept by column, so scoring a message no
  longer copies the whole matrix (``fast_ngram_reading``);
- a response's button payloads with entities are filled without a logged
  traceback each (``quiet_interpolation``);
- after the model is loaded, its objects are left out of Python's garbage
  collection (``frozen_heap``): a full collection walked them all, 0.4-0.6 s
  of a stalled event loop;
- the forms' validate_* actions get the domain without its responses
  (``domain_without_responses``): 7 of its 58 kB, all rasa-sdk reads;
- jax is never imported (TensorFlow imports it for TFLite's converter only).
Capping glibc's malloc arenas, one TensorFlow thread per pool and a
``malloc_trim`` after loading were tried too: no difference on 2 cores
(715 MB with or without each), so they are not here.
"""

from __future__ import annotations

import os
import sys

from bot.rasa_server.http_guard import MAX_PARSE_BYTES, guard, install, parse_problem
from bot.rasa_server.patches import (
    PATCHED_RASA,
    domain_without_responses,
    fast_action_result_check,
    fast_event_lookup,
    lean_model_load,
)
from bot.rasa_server.runtime import (
    ACTION_KEEPALIVE_SECONDS,
    fast_ngram_reading,
    frozen_heap,
    kept_action_connections,
    plain_graph_runner,
    quiet_interpolation,
    run_graph,
)

__all__ = [
    "ACTION_KEEPALIVE_SECONDS",
    "MAX_PARSE_BYTES",
    "NEVER_IMPORTED",
    "PATCHED_RASA",
    "check_tracker_store",
    "domain_without_responses",
    "fast_action_result_check",
    "fast_event_lookup",
    "fast_ngram_reading",
    "frozen_heap",
    "guard",
    "install",
    "kept_action_connections",
    "lean_model_load",
    "main",
    "parse_problem",
    "plain_graph_runner",
    "process_settings",
    "quiet_interpolation",
    "run_graph",
]

NEVER_IMPORTED = ("jax", "jaxlib")


def check_tracker_store(args: list[str]) -> None:
    """Refuse to start if endpoints.yml names a tracker store class that cannot be imported.

    Rasa 3.6 would log a warning and keep every conversation in memory only
    (``_load_from_module_name_in_endpoint_config``): transcripts lost at the
    next restart, and invisible to the inbox.
    """
    import importlib

    import yaml

    path = next(
        (args[i + 1] for i, a in enumerate(args[:-1]) if a == "--endpoints"),
        next((a.split("=", 1)[1] for a in args if a.startswith("--endpoints=")), "endpoints.yml"),
    )
    try:
        with open(path, encoding="utf-8") as f:
            kind = str(((yaml.safe_load(f) or {}).get("tracker_store") or {}).get("type") or "")
    except (OSError, yaml.YAMLError, AttributeError):
        return  # Rasa itself says what is wrong with the file
    module, _, name = kind.rpartition(".")
    if not module:
        return  # one of Rasa's own (sql, redis, ...)
    try:
        getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError) as exc:
        raise SystemExit(
            f"{path}: tracker_store type {kind} cannot be loaded ({exc}); Rasa "
            "would keep conversations in memory only"
        ) from exc


def process_settings() -> None:
    """What must happen in this process before Rasa (and TensorFlow) is imported."""
    from bot.process import block_imports

    block_imports(NEVER_IMPORTED)


def main(argv: list[str] | None = None) -> None:
    os.umask(0o077)
    args = list(sys.argv[1:] if argv is None else argv)
    if any(a == "--auth-token" or a.startswith("--auth-token=") for a in args):
        raise SystemExit("Put the token in RASA_AUTH_TOKEN, not on the command line.")
    token = os.environ.get("RASA_AUTH_TOKEN") or None
    if token:
        args += ["--auth-token", token]
    process_settings()
    from bot import scaling

    scaling.export_environment()  # the secrets the written endpoints file names
    check_tracker_store(args)
    install(token, frozen_heap)
    fast_action_result_check()
    fast_event_lookup()
    lean_model_load()
    plain_graph_runner()
    kept_action_connections()
    fast_ngram_reading()
    quiet_interpolation()
    domain_without_responses()
    sys.argv = ["rasa"] + args  # this process only: /proc/<pid>/cmdline is unchanged
    from rasa.__main__ import main as rasa_main

    rasa_main()
