"""Rasa 3.6.21 made cheaper per message: plain graph runs, kept connections, n-gram columns."""

from __future__ import annotations

import json
import logging
from typing import Any

try:
    import ujson as _ujson
except ImportError:  # pragma: no cover - Sanic installs it
    _ujson = None

from bot.rasa_server.patches import PATCHED_RASA

log = logging.getLogger("bot.rasa_server")


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

    run.__doc__ = "Rasa's graph run without dask's scheduler (bot/rasa_server/runtime.py)."
    DaskGraphRunner.run = run
    return True


# Below Sanic's 5 s (the action server's KEEP_ALIVE_TIMEOUT): the client closes
# an idle connection before the server would, so a request never goes out on a
# connection the server is closing.
ACTION_KEEPALIVE_SECONDS = 2.0


def action_json(obj: Any) -> str:
    """The JSON text of ``obj`` by ujson (a C encoder), else by ``json.dumps``.

    The body of every call to the action server is the whole tracker, and
    ``json.dumps`` took 3 % of the Rasa server's busy time writing it. ujson
    (already installed: Sanic's JSON) writes the same JSON value, read back
    equal (its text differs only in spacing). What it refuses (a number
    too large for it, an object it cannot write) goes to
    ``json.dumps``, which writes it or raises as before.
    """
    if _ujson is not None:
        try:
            return str(_ujson.dumps(obj, ensure_ascii=True, escape_forward_slashes=False))
        except (TypeError, ValueError, OverflowError):
            pass
    return json.dumps(obj)


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
    A session whose loop is gone or that was closed is replaced. The body
    (the whole tracker, for every call) is written by ``action_json``.
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
                    json_serialize=action_json,
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

    request.__doc__ = "Rasa's request on a kept connection (bot/rasa_server/runtime.py)."
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

    load.__doc__ = "The NgramClassifier's load, weights by column (bot/rasa_server/runtime.py)."
    NgramClassifier.load = classmethod(load)
    return True


def quiet_interpolation(version: str | None = None) -> bool:
    """Fill responses without logging a traceback for every button; False if not patched.

    Rasa 3.6.21's ``interpolator.interpolate_text`` fills ``{slot}`` places in
    every text of a response, buttons' payloads included, with
    ``str.format``. A payload with entities (``/faq{"faq_topic": "cost"}``:
    every related-topic button of an FAQ answer) looks like a place, so
    ``format`` raises KeyError and Rasa logs it with ``structlogger.exception``:
    a deep copy of the text and a formatted traceback at ERROR level, two or
    three per FAQ answer, 6 % of the Rasa server's busy time in issue 17's
    profile, and log noise that looks like a fault. The same text comes back
    either way (Rasa returns the response unfilled on KeyError).

    Here: the same steps and the same result for every input (the function is
    Rasa's, line for line); the KeyError is logged at DEBUG with the same
    event name and key, without the traceback. Other versions are not patched.
    """
    import rasa

    found = version or rasa.__version__
    if found != PATCHED_RASA:
        log.warning("Rasa %s: responses are filled by Rasa's own code", found)
        return False
    import re

    from rasa.core.nlg import interpolator

    place = re.compile(r"{([^\n{}]+?)}")

    def interpolate_text(response: str, values: dict[str, str]) -> str:
        try:
            text = place.sub(r"{0[\1]}", response)
            text = text.format(values)
            if "0[" in text:
                return response.format({})
            return text
        except KeyError as e:
            log.debug("interpolator.interpolate.text: no value for %r, left as it is", e.args[0])
            return response

    interpolate_text.__doc__ = "Rasa's, without the traceback (bot/rasa_server/runtime.py)."
    interpolator.interpolate_text = interpolate_text
    return True


def frozen_heap(app: Any) -> Any:
    """After the model is loaded, move everything alive into Python's permanent generation.

    The loaded model (TensorFlow, spaCy, scikit-learn, Rasa's graph) leaves
    about half a million objects (523,261 in the bench's server) that live as
    long as the process. Python's cyclic garbage collector walks all of them
    in each full collection: 0.4-0.6 s measured here in a process that loaded
    the same model, during which the event loop serves no one, and
    every conversation waiting then gets that much later (tail latency). The
    model is loaded by Rasa's ``before_server_start`` listener; after it, one
    collection frees the start-up's garbage and ``gc.freeze()`` leaves the
    rest out of later collections, which then walk only what messages create.
    Nothing that is garbage is kept: frozen objects are all alive; objects
    made later are collected as before.
    """

    async def freeze(_app: Any, _loop: Any) -> None:
        import gc

        gc.collect()
        gc.freeze()
        log.info("%d objects of the loaded model frozen (gc.freeze)", gc.get_freeze_count())

    app.register_listener(freeze, "after_server_start")
    return app
