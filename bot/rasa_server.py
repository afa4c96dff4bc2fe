"""Start the Rasa server: ``python -m bot.rasa_server run --enable-api ...``.

The arguments are ``rasa``'s own, except the API token: it is read from
``RASA_AUTH_TOKEN`` in the environment and handed to Rasa inside this
process, so it never appears on a command line (``ps`` shows command lines to
every local user; a process's environment only to its owner). A
``--auth-token`` argument is refused.

Before the server starts, a request middleware is added to Rasa's app
(``guard``):
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
- jax is never imported (TensorFlow imports it for TFLite's converter only).
Capping glibc's malloc arenas, one TensorFlow thread per pool and a
``malloc_trim`` after loading were tried too: no difference on 2 cores
(715 MB with or without each), so they are not here.
"""

from __future__ import annotations

import hmac
import json
import logging
import os
import sys
from collections.abc import Callable
from typing import Any

log = logging.getLogger("bot.rasa_server")

MAX_PARSE_BYTES = 64 * 1024
# The one Rasa version whose internals fast_action_result_check was checked
# against (requirements.lock pins it); any other is left unpatched.
PATCHED_RASA = "3.6.21"
NEVER_IMPORTED = ("jax", "jaxlib")


def _refusal(status: int, reason: str):
    from sanic import response

    return response.json(
        {"status": "failure", "code": status, "reason": reason, "message": reason}, status=status
    )


def parse_problem(request: Any) -> Any | None:
    """A 4xx answer for a /model/parse body Rasa could not handle, else None."""
    from bot.channels.limits import clean_text

    body = request.body or b""
    if len(body) > MAX_PARSE_BYTES:
        return _refusal(413, "the body is too large")
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return _refusal(400, 'the body must be JSON: {"text": "..."}')
    if not isinstance(data, dict) or not isinstance(data.get("text"), str):
        return _refusal(400, 'the body must be a JSON object with a string "text"')
    request.parsed_json = {**data, "text": clean_text(data["text"])}
    return None


def guard(app: Any, token: str | None) -> Any:
    """Add the request middleware described above to Rasa's Sanic app."""

    async def check(request: Any) -> Any | None:
        if (
            request.method == "POST"
            and request.path == "/model/parse"
            and not request.args.get("emulation_mode")
        ):
            return parse_problem(request)
        if request.path == "/version" and token:
            given = request.args.get("token") or ""
            if not hmac.compare_digest(given.encode("utf-8"), token.encode("utf-8")):
                return _refusal(401, "NotAuthenticated")
        return None

    app.register_middleware(check, "request")
    return app


def install(token: str | None) -> None:
    """Make ``rasa run`` build its app through ``guard``."""
    import rasa.core.run as run

    original: Callable[..., Any] = run.configure_app

    def configure_app(*args: Any, **kwargs: Any) -> Any:
        return guard(original(*args, **kwargs), token)

    run.configure_app = configure_app


def fast_action_result_check(version: str | None = None) -> bool:
    """Check action-server replies with a validator built once; False if not patched.

    Rasa 3.6.21's ``RemoteAction._validate_action_result`` calls
    ``jsonschema.validate(reply, RemoteAction.action_response_format_spec())``
    for every reply. ``jsonschema.validate`` is ``cls = validator_for(schema);
    cls.check_schema(schema); error = best_match(cls(schema).iter_errors(reply));
    raise error if any``: it re-checks the schema (about 60 event sub-schemas)
    against the meta-schema and builds a new validator every time, 13-18 ms of
    the Rasa server's CPU per message (issue 17's profile), where checking the
    reply alone takes under 1 ms.

    Why building the validator once at start-up is safe, for Rasa 3.6.21
    exactly (read in its source):
    - the schema is a constant: ``action_response_format_spec`` is a
      staticmethod returning a new dict around the module constant
      ``rasa.shared.utils.schemas.events.EVENTS_SCHEMA``, which no code of
      Rasa's mutates, and it has no ``$ref``, so the validator's reference
      resolver (its only mutable state) is never used;
    - nothing overrides either method (no subclass of ``RemoteAction`` in Rasa
      3.6.21; the forms' validation actions are plain RemoteAction objects);
    - its only caller, ``RemoteAction.run``, calls it synchronously on the
      event loop and relies only on True or a raised
      ``jsonschema.ValidationError``; the replacement keeps both, the
      exception being the very one ``jsonschema.validate`` would raise
      (``best_match`` over the same errors) with Rasa's own text appended;
    - the schema is checked against its meta-schema here, once, as
      ``validate`` would: a broken schema fails at start-up, not per reply.
    Another version is not patched (its schema or caller may differ): a
    warning is logged and Rasa's own check stays.
    """
    import rasa
    from rasa.core.actions.action import RemoteAction

    found = version or rasa.__version__
    if found != PATCHED_RASA:
        log.warning(
            "Rasa %s, not %s: action-server replies are checked by Rasa's own, "
            "slower validation (bot/rasa_server.py)",
            found,
            PATCHED_RASA,
        )
        return False
    from jsonschema import exceptions, validators
    from rasa.shared.constants import DOCS_BASE_URL

    schema: dict[str, Any] = RemoteAction.action_response_format_spec()
    cls = validators.validator_for(schema)
    cls.check_schema(schema)
    validator = cls(schema)

    def _validate_action_result(self: Any, result: dict[str, Any]) -> bool:
        error = exceptions.best_match(validator.iter_errors(result))
        if error is None:
            return True
        error.message += (
            f". Failed to validate Action server response from API, "
            f"make sure your response from the Action endpoint is valid. "
            f"For more information about the format visit "
            f"{DOCS_BASE_URL}/custom-actions"
        )
        raise error

    _validate_action_result.__doc__ = "Rasa's check, validator built once (bot/rasa_server.py)."
    RemoteAction._validate_action_result = _validate_action_result
    return True


def fast_event_lookup(version: str | None = None) -> bool:
    """Find an event's class by name in a table, not by walking every class; False if not patched.

    Rasa 3.6.21's ``Event.resolve_by_type(type_name, default=None)`` (called
    by ``Event.from_parameters`` for every event it reads: each event of a
    tracker loaded from the tracker store, each event an action returns)
    rebuilds the list of all Event subclasses, checking each with
    ``inspect.isabstract``, and returns the first whose ``type_name`` matches:
    22 % of the Rasa server's busy time in issue 17's profile.

    The table maps each ``type_name`` to that same first class, built from the
    same list (``rasa.shared.utils.common.all_subclasses(Event)``) in the same
    order. It is rebuilt whenever a subclass of Event is defined after it was
    made (a counter bumped by ``Event.__init_subclass__``, which Event does
    not otherwise define in 3.6.21), so a class defined later (``rasa test``
    defines some) is found exactly as before. A name no class has gives what
    it gave: None for the old "topic", else ``default``, else ValueError.
    Another Rasa version is not patched.
    """
    import rasa
    from rasa.shared.core.events import Event
    from rasa.shared.utils.common import all_subclasses

    found = version or rasa.__version__
    if found != PATCHED_RASA or "__init_subclass__" in vars(Event):
        log.warning("Rasa %s: events are looked up by Rasa's own, slower code", found)
        return False
    state: dict[str, Any] = {"defined": 0, "built": -1, "table": {}}

    def __init_subclass__(cls: Any, /, **kwargs: Any) -> None:
        state["defined"] += 1
        super(Event, cls).__init_subclass__(**kwargs)

    def resolve_by_type(type_name: str, default: type | None = None) -> type | None:
        if state["built"] != state["defined"]:
            table: dict[str, type] = {}
            for cls in all_subclasses(Event):
                table.setdefault(cls.type_name, cls)
            state.update(table=table, built=state["defined"])
        cls = state["table"].get(type_name)
        if cls is not None:
            return cls
        if type_name == "topic":
            return None  # backwards compatibility to support old TopicSet evts
        if default is not None:
            return default
        raise ValueError(f"Unknown event name '{type_name}'.")

    resolve_by_type.__doc__ = "Rasa's lookup from a table (bot/rasa_server.py)."
    Event.__init_subclass__ = classmethod(__init_subclass__)
    Event.resolve_by_type = staticmethod(resolve_by_type)
    return True


def lean_model_load(version: str | None = None) -> bool:
    """Load DIET and the ResponseSelector without a training step; False if not patched.

    Rasa 3.6.21's ``RasaModel.load`` (rasa/utils/tensorflow/models.py) builds
    an empty model, compiles it with an Adam optimizer and trains it for one
    step on one example, only so that its variables exist ("need to train on 1
    example to build weights of the correct size"), then loads the trained
    weights over them and runs one prediction to trace the inference graph.
    The training step also makes Adam's two slots for every weight, a traced
    training graph and the gradients: nothing a prediction uses, and here 400
    of the Rasa server's 840 MB of heap (the ResponseSelector's 12,000 x 512
    sparse-to-dense kernels and their slots).

    Instead, the model computes its loss once on the same example, eagerly and
    without a gradient tape (what ``train_step`` computes inside its tape):
    that makes the same variables, which ``load_weights`` then overwrites from
    the checkpoint, all of them; the optimizer's entries in the checkpoint are
    left unread (``expect_partial``). The prediction that traces the inference
    graph is Rasa's own. Measured on our model: the parse of 4,476 texts
    (every training and dev example, empty, emoji, 300 characters, markup) is
    byte-identical to Rasa's loading; a test checks a sample.
    ``finetune_mode`` (``rasa train --finetune``, which needs the optimizer)
    and other Rasa versions keep Rasa's own ``load``.
    """
    import rasa

    found = version or rasa.__version__
    if found != PATCHED_RASA:
        log.warning("Rasa %s: models are loaded by Rasa's own code, with a training step", found)
        return False
    from rasa.utils.tensorflow import models
    from rasa.utils.tensorflow.data_generator import RasaBatchDataGenerator

    rasas_own = models.RasaModel.load.__func__

    def load(
        cls: Any,
        model_file_name: str,
        model_data_example: Any,
        predict_data_example: Any = None,
        finetune_mode: bool = False,
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        if finetune_mode:
            return rasas_own(
                cls,
                model_file_name,
                model_data_example,
                predict_data_example,
                finetune_mode,
                *args,
                **kwargs,
            )
        model = cls(*args, **kwargs)
        batch_in = RasaBatchDataGenerator(model_data_example, batch_size=1)[0][0]
        model._training = True  # as in train_step, around the same batch_loss
        model.batch_loss(batch_in)
        model._training = None
        model.load_weights(model_file_name).expect_partial()
        if predict_data_example:
            model.run_inference(predict_data_example)
        return model

    load.__doc__ = "Rasa's load without the training step (bot/rasa_server.py)."
    models.RasaModel.load = classmethod(load)
    return True


def run_graph(graph: dict[str, Any], targets: list[str]) -> tuple[Any, ...]:
    """``dask.get(graph, targets)`` for a Rasa graph, computed in plain Python.

    The same specification (https://docs.dask.org/en/latest/spec.html) and
    results: a value that is a tuple whose first item is callable is a task,
    called with its arguments computed; an argument that is a key of the graph
    is that key's result, a list is computed item by item, a nested task is
    called, anything else is passed as it is. Each key is computed once. An
    exception is raised as it is, as dask's synchronous scheduler does.
    """
    done: dict[str, Any] = {}

    def compute(arg: Any) -> Any:
        if isinstance(arg, list):
            return [compute(a) for a in arg]
        if isinstance(arg, tuple) and arg and callable(arg[0]):
            return arg[0](*(compute(a) for a in arg[1:]))
        try:
            known = arg in graph
        except TypeError:  # unhashable: data
            return arg
        return result(arg) if known else arg

    def result(key: str) -> Any:
        if key not in done:
            done[key] = compute(graph[key])
        return done[key]

    return tuple(result(t) for t in targets)


def plain_graph_runner(version: str | None = None) -> bool:
    """Run the model's graphs (NLU, policies) without dask; False if not patched.

    For every message Rasa 3.6.21's ``DaskGraphRunner.run`` works out the
    graph's minimal schema for its targets again (a recursive walk over the
    nodes), builds a dask graph, and has dask's synchronous scheduler order
    and run it (``dask.get``): the scheduler's bookkeeping (ordering, a state
    machine, a thread-pool-shaped executor that runs in place) cost 5 % of the
    Rasa server's busy time, for graphs of about 15 nodes that run one after
    the other anyway.

    Here the minimal schema is worked out once per set of targets (a loaded
    graph's schema does not change), the same dask graph is built
    (``_build_dask_graph``, ``_add_inputs_to_graph``: Rasa's own), and
    ``run_graph`` computes it: each node once, its inputs first. The graph
    components are those of ``GraphNode`` and get the same inputs; a
    ``RuntimeError`` becomes ``GraphRunError`` as before. Training
    (``rasa train``) does not run this process. Other Rasa versions keep dask.
    """
    import rasa

    found = version or rasa.__version__
    if found != PATCHED_RASA:
        log.warning("Rasa %s: graphs are run by dask, as Rasa does", found)
        return False
    from rasa.engine.exceptions import GraphRunError
    from rasa.engine.runner.dask import DaskGraphRunner

    def run(
        self: Any, inputs: dict[str, Any] | None = None, targets: list[str] | None = None
    ) -> dict[str, Any]:
        run_targets = targets if targets else self._graph_schema.target_names
        schemas = self.__dict__.setdefault("_bot_minimal_schemas", {})
        key = tuple(run_targets)
        if key not in schemas:
            schemas[key] = self._graph_schema.minimal_graph_schema(run_targets)
        graph = self._build_dask_graph(schemas[key])
        if inputs:
            self._add_inputs_to_graph(inputs, graph)
        try:
            return dict(run_graph(graph, run_targets))
        except RuntimeError as e:
            raise GraphRunError("Error running runner.") from e

    run.__doc__ = "Rasa's graph run without dask's scheduler (bot/rasa_server.py)."
    DaskGraphRunner.run = run
    return True


# Below Sanic's 5 s (the action server's KEEP_ALIVE_TIMEOUT): the client closes
# an idle connection before the server would, so a request never goes out on a
# connection the server is closing.
ACTION_KEEPALIVE_SECONDS = 2.0


def kept_action_connections(version: str | None = None) -> bool:
    """Calls to the action server reuse their connection; False if not patched.

    Rasa 3.6.21's ``EndpointConfig.request`` opens a new ``aiohttp``
    session, and so a new TCP connection, for every call, and closes it after
    the reply: a connect and an accept per action in both processes. Here
    the session that ``request`` opens is one kept per endpoint and event
    loop, made as Rasa makes it (same headers, auth, timeout) with a
    connection pool whose idle connections close after
    ``ACTION_KEEPALIVE_SECONDS``. Everything else in ``request`` is Rasa's:
    the URL, headers, token, errors and the JSON reply. Only sessions opened
    inside ``request`` are kept (a model server's ``session()`` is Rasa's).
    A session whose loop is gone or that was closed is replaced.
    Other Rasa versions are not patched.
    """
    import rasa

    found = version or rasa.__version__
    if found != PATCHED_RASA:
        log.warning("Rasa %s: a new connection per action-server call, as Rasa does", found)
        return False
    import asyncio
    import contextvars

    import aiohttp
    from rasa.utils.endpoints import EndpointConfig

    rasas_request = EndpointConfig.request
    rasas_session = EndpointConfig.session
    inside: contextvars.ContextVar[Any] = contextvars.ContextVar("bot_endpoint_request")

    class Kept:
        """``async with`` that gives the kept session and leaves it open."""

        def __init__(self, session: aiohttp.ClientSession) -> None:
            self.session = session

        async def __aenter__(self) -> aiohttp.ClientSession:
            return self.session

        async def __aexit__(self, *exc: object) -> None:
            return None

    def session(self: Any) -> Any:
        if inside.get(None) is not self:
            return rasas_session(self)
        loop = asyncio.get_running_loop()
        kept = self.__dict__.get("_bot_kept_session")
        if kept is None or kept[0] is not loop or kept[1].closed:
            made = rasas_session(self)  # Rasa's headers, auth and timeout
            kept = (
                loop,
                aiohttp.ClientSession(
                    headers=made.headers,
                    auth=made.auth,
                    timeout=made.timeout,
                    connector=aiohttp.TCPConnector(keepalive_timeout=ACTION_KEEPALIVE_SECONDS),
                ),
            )
            loop.create_task(made.close())  # never used: nothing open to close
            self.__dict__["_bot_kept_session"] = kept
        return Kept(kept[1])

    async def request(self: Any, *args: Any, **kwargs: Any) -> Any:
        token = inside.set(self)
        try:
            return await rasas_request(self, *args, **kwargs)
        finally:
            inside.reset(token)

    request.__doc__ = "Rasa's request on a kept connection (bot/rasa_server.py)."
    EndpointConfig.session = session
    EndpointConfig.request = request
    return True


def fast_ngram_reading() -> bool:
    """Keep the NgramClassifier's weights by column; False if there is nothing to do.

    scikit-learn's linear classifiers score a text as ``X @ coef_.T`` (``X``
    one sparse row of n-gram counts). ``coef_`` is kept row by row (C order),
    so ``coef_.T`` is column-ordered, and scipy's sparse-times-dense product
    first copies it into row order: the whole weight matrix (classes x
    n-grams) copied for every message, about 5 ms here, where the product
    itself takes 0.02 ms. Stored column by column (``np.asfortranarray``),
    ``coef_.T`` is row-ordered and nothing is copied. Same numbers, same
    order of additions: the scores are bit-identical (a test checks it on the
    model). Applied when the component is loaded, in this process only: the
    trained model file is unchanged.
    """
    try:
        from bot.nlu.ngram_classifier import NgramClassifier
    except ImportError:
        return False
    import numpy as np

    original = NgramClassifier.load.__func__

    def load(cls: Any, *args: Any, **kwargs: Any) -> Any:
        component = original(cls, *args, **kwargs)
        classifier = (getattr(component, "model", None) or {}).get("classifier")
        coef = getattr(classifier, "coef_", None)
        if isinstance(coef, np.ndarray) and coef.ndim == 2:
            classifier.coef_ = np.asfortranarray(coef)
        return component

    load.__doc__ = "The NgramClassifier's load, weights by column (bot/rasa_server.py)."
    NgramClassifier.load = classmethod(load)
    return True


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
    install(token)
    fast_action_result_check()
    fast_event_lookup()
    lean_model_load()
    plain_graph_runner()
    kept_action_connections()
    fast_ngram_reading()
    sys.argv = ["rasa"] + args  # this process only: /proc/<pid>/cmdline is unchanged
    from rasa.__main__ import main as rasa_main

    rasa_main()


if __name__ == "__main__":
    main()
