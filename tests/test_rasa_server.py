"""bot.rasa_server: the token stays off the command line; /model/parse and /version guarded."""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from sanic import Sanic, response

from bot import rasa_server
from tests.fakes.rasa_stub import serving

_names = itertools.count(1)
ROOT = Path(__file__).resolve().parent.parent


def rasa_like_app() -> Sanic:
    """The two routes of Rasa's API the guard looks at, answering like Rasa 3.6."""
    app = Sanic(f"rasa_like_{next(_names)}")

    @app.post("/model/parse")
    async def parse(request):
        data = request.json
        return response.json({"text": data["text"], "intent": {"name": "x"}})

    @app.get("/version")
    async def version(request):
        return response.json({"version": "3.6.21"})

    return rasa_server.guard(app, "T0KEN")


def fetch(requests):
    async def main():
        async with serving(rasa_like_app()) as base:
            out = []
            async with aiohttp.ClientSession() as s:
                for method, path, body in requests:
                    async with s.request(method, base + path, data=body) as r:
                        out.append((r.status, await r.text()))
            return out

    return asyncio.run(main())


@pytest.mark.parametrize(
    "body,status",
    [
        (b"{not json", 400),
        (b"[1]", 400),
        (b'{"text": 5}', 400),
        (b'{"text": null}', 400),
        (b'{"text": {"a": 1}}', 400),
        (b"{}", 400),
        (b"[" * 60_000 + b"]" * 60_000, 413),
        (b"[" * 30_000 + b"]" * 30_000, 400),
        (b'{"text": "\xff\xfe"}', 400),
        (b'{"text": "' + b"x" * 70_000 + b'"}', 413),
    ],
    ids=lambda v: repr(v)[:30],
)
def test_bad_parse_bodies_are_4xx(body, status):
    """D13: eight kinds of bad /model/parse body were answered 500."""
    ((got, text),) = fetch([("POST", "/model/parse?token=T0KEN", body)])
    assert got == status, text


def test_a_good_parse_is_passed_on_with_lone_surrogates_replaced():
    ((status, text),) = fetch(
        [("POST", "/model/parse?token=T0KEN", b'{"text": "my eye \\ud800 hurts"}')]
    )
    assert status == 200 and json.loads(text)["text"] == "my eye \ufffd hurts"


def test_version_needs_the_token():
    """D15: /version told anyone the exact Rasa version."""
    assert [
        s
        for s, _ in fetch(
            [
                ("GET", "/version", None),
                ("GET", "/version?token=x", None),
                ("GET", "/version?token=T0KEN", None),
            ]
        )
    ] == [401, 401, 200]


def test_a_token_on_the_command_line_is_refused():
    with pytest.raises(SystemExit, match="RASA_AUTH_TOKEN"):
        rasa_server.main(["run", "--auth-token", "visible-in-ps"])
    with pytest.raises(SystemExit, match="RASA_AUTH_TOKEN"):
        rasa_server.main(["run", "--auth-token=visible-in-ps"])


# ------------------------------------------------- action-server replies (issue 17)

BAD_REPLIES = [
    {"events": [{"event": "slot"}]},  # a slot event without its name
    {"events": [{"event": "no_such_event", "name": "x"}]},
    {"events": "SlotSet('a', 1)"},
    {"responses": [1, 2]},
    {"responses": "hello"},
    {"events": [{"event": "slot"}], "responses": 5},  # two errors: the same one is reported
    [],
    "not an object",
]


def run_remote_action(http_server, reply):
    """RemoteAction.run against a fake action server answering ``reply``."""
    from rasa.core.actions.action import RemoteAction
    from rasa.core.channels.channel import CollectingOutputChannel
    from rasa.core.nlg import TemplatedNaturalLanguageGenerator
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.trackers import DialogueStateTracker
    from rasa.utils.endpoints import EndpointConfig

    server = http_server()
    server.clear()
    server.reply(200, reply)
    action = RemoteAction("action_x", EndpointConfig(server.url + "/webhook"))
    domain = Domain.from_dict(
        {"slots": {"a": {"type": "any", "mappings": [{"type": "custom"}]}}, "actions": ["action_x"]}
    )
    tracker = DialogueStateTracker("patient", domain.slots)
    return asyncio.run(
        action.run(
            CollectingOutputChannel(), TemplatedNaturalLanguageGenerator({}), tracker, domain
        )
    )


@pytest.fixture
def remote_action(monkeypatch):
    """RemoteAction with Rasa's own check, restored after the test."""
    from rasa.core.actions.action import RemoteAction

    monkeypatch.setattr(
        RemoteAction, "_validate_action_result", RemoteAction._validate_action_result
    )
    return RemoteAction


def refusals(http_server):
    import jsonschema

    out = []
    for reply in BAD_REPLIES:
        with pytest.raises(jsonschema.ValidationError) as caught:
            run_remote_action(http_server, reply)
        e = caught.value
        out.append((e.message, list(e.path), e.validator, e.instance))
    return out


def test_malformed_action_replies_are_refused_exactly_as_by_rasas_own_check(
    remote_action, http_server
):
    rasas_own = refusals(http_server)
    assert rasa_server.fast_action_result_check() is True
    assert "built once" in remote_action._validate_action_result.__doc__
    assert refusals(http_server) == rasas_own
    assert all("Failed to validate Action server response" in m for m, *_ in rasas_own)


def test_a_good_action_reply_still_becomes_events_and_messages(remote_action, http_server):
    from rasa.shared.core.events import BotUttered, SlotSet

    assert rasa_server.fast_action_result_check() is True
    events = run_remote_action(
        http_server,
        {
            "events": [{"event": "slot", "name": "a", "value": 7, "timestamp": None}],
            "responses": [{"text": "Noted."}],
        },
    )
    assert [type(e) for e in events] == [BotUttered, SlotSet]
    assert events[0].text == "Noted." and events[1].value == 7


def test_another_rasa_version_is_not_patched(remote_action):
    original = remote_action._validate_action_result
    assert rasa_server.fast_action_result_check("3.6.20") is False
    assert remote_action._validate_action_result is original


def test_the_patch_is_pinned_to_the_installed_rasa():
    """Upgrading Rasa fails here: re-read RemoteAction before moving PATCHED_RASA."""
    import rasa

    assert rasa.__version__ == rasa_server.PATCHED_RASA


# ------------------------------------------------- the tracker store named in endpoints.yml


@pytest.mark.parametrize("kind", ["bot.tracker_store.NoSuchStore", "bot.no_such_module.Store"])
def test_an_unloadable_tracker_store_stops_the_start(tmp_path, kind):
    """Rasa would fall back to memory, silently losing every transcript at the next restart."""
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(f"tracker_store:\n  type: {kind}\n  db: x.db\n")
    with pytest.raises(SystemExit, match="cannot be loaded"):
        rasa_server.check_tracker_store(["run", "--endpoints", str(endpoints)])


@pytest.mark.parametrize("kind", ["SQL", "bot.tracker_store.LeanSQLTrackerStore", ""])
def test_a_loadable_tracker_store_is_accepted(tmp_path, kind):
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(f"tracker_store:\n  type: {kind}\n" if kind else "nlg: {}\n")
    rasa_server.check_tracker_store(["run", f"--endpoints={endpoints}"])
    rasa_server.check_tracker_store(["run", "--endpoints", str(endpoints)])


# ------------------------------------------------- events read by name (issue 17)


@pytest.fixture
def event_class(monkeypatch):
    """rasa's Event with its own lookup, restored after the test."""
    from rasa.shared.core.events import Event

    monkeypatch.setattr(Event, "resolve_by_type", Event.__dict__["resolve_by_type"])
    yield Event
    if "__init_subclass__" in vars(Event):
        del Event.__init_subclass__


def lookups(event_class, names):
    out = []
    for name in names:
        for default in (None, dict):
            try:
                out.append(event_class.resolve_by_type(name, default))
            except ValueError as e:
                out.append(("ValueError", str(e)))
    return out


def test_events_are_found_by_name_as_rasa_finds_them(event_class):
    import rasa.core.test  # noqa: F401 - `rasa test` defines more event classes, some sharing names
    from rasa.shared.utils.common import all_subclasses

    names = sorted({c.type_name for c in all_subclasses(event_class)}) + [
        "topic",
        "no_such_event",
        "",
    ]
    rasas_own = lookups(event_class, names)
    assert rasa_server.fast_event_lookup() is True
    assert "table" in event_class.resolve_by_type.__doc__
    assert lookups(event_class, names) == rasas_own
    assert ("ValueError", "Unknown event name 'no_such_event'.") in rasas_own

    class LateEvent(event_class.resolve_by_type("slot")):  # defined after the table was made
        type_name = "late_event_for_a_test"

    assert event_class.resolve_by_type("late_event_for_a_test") is LateEvent


def test_events_read_from_a_tracker_are_the_same(event_class):
    from rasa.shared.core.events import (
        ActionExecuted,
        BotUttered,
        SessionStarted,
        SlotSet,
        UserUttered,
        deserialise_events,
    )

    events = [
        SessionStarted(),
        ActionExecuted("action_listen"),
        UserUttered("hi", {"name": "x"}),
        BotUttered("hello", {"buttons": []}),
        SlotSet("a", [1]),
        ActionExecuted("a"),
    ]
    stored = [e.as_dict() for e in events] + [{"event": "topic", "topic": "old"}]
    assert rasa_server.fast_event_lookup() is True
    assert deserialise_events(stored) == events


def test_another_rasa_version_keeps_rasas_lookup(event_class):
    original = event_class.resolve_by_type
    assert rasa_server.fast_event_lookup("3.7.0") is False
    assert event_class.resolve_by_type is original


# ------------------------------------------------- models loaded without a training step

PARSE_WITH = """
import asyncio, json, sys
from bot import rasa_server
if sys.argv[2] in ("lean", "plain"):
    assert rasa_server.lean_model_load()
if sys.argv[2] == "plain":
    assert rasa_server.plain_graph_runner()
    assert rasa_server.fast_ngram_reading()
from rasa.core.agent import Agent
from rasa.core.channels.channel import UserMessage
from rasa.shared.core.events import UserUttered
agent = Agent.load(sys.argv[1])
models = [n._component.model for n in agent.processor.graph_runner._instantiated_nodes.values()
          if hasattr(getattr(n._component, "model", None), "optimizer")]  # the TF models
texts = json.loads(sys.stdin.read())
async def parse():
    return [await agent.parse_message(t) for t in texts]
async def predict():  # the policies' choice after each text, as the first message
    out = []
    for i, text in enumerate(texts[:40]):
        tracker = await agent.processor.fetch_tracker_with_initial_session(f"s{i}")
        parsed = await agent.processor.parse_message(UserMessage(text, sender_id=f"s{i}"))
        tracker.update(UserUttered(text, parsed["intent"], parsed["entities"], parsed))
        p = agent.processor._predict_next_with_tracker(tracker)
        out.append([p.max_confidence_index, p.max_confidence, p.policy_name])
    return out
out = {"optimizers": [m.optimizer is not None for m in models], "parses": asyncio.run(parse()),
       "predictions": asyncio.run(predict())}
with open(sys.argv[3], "w", encoding="utf-8") as f:  # a file: a log line from another
    json.dump(out, f, sort_keys=True)  # thread cannot land inside it, as it can in stdout
"""


def parse_with(model, how: str, texts) -> dict:
    """Parses of ``texts`` by ``model`` loaded Rasa's way ("rasa") or ours ("lean")."""
    with tempfile.TemporaryDirectory() as tmp:
        result = Path(tmp) / "result.json"
        done = subprocess.run(
            [sys.executable, "-c", PARSE_WITH, str(model), how, str(result)],
            input=json.dumps(texts),
            capture_output=True,
            text=True,
            timeout=900,
            cwd=ROOT,
            env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2"},
        )
        assert result.exists(), done.stderr[-3000:]
        return json.loads(result.read_text(encoding="utf-8"))


def ties_in_order(value: Any) -> Any:
    """``value`` with the entries of each ranking that tie at the shown confidence in one order.

    The two loaders' scores agree to the digits Rasa reports, not always in the
    last bits, so two answers both shown at 0.0062 may come in either order.
    The choice itself (intent, selected answer, gate decision) is compared as it is.
    """
    if isinstance(value, dict):
        return {k: ties_in_order(v) for k, v in value.items()}
    if isinstance(value, list):
        items = [ties_in_order(v) for v in value]
        if items and all(isinstance(v, dict) and "confidence" in v for v in items):
            return sorted(items, key=lambda v: (-v["confidence"], json.dumps(v, sort_keys=True)))
        if items and all(
            isinstance(v, list) and len(v) == 2 and isinstance(v[1], (int, float)) for v in items
        ):
            return sorted(items, key=lambda v: (-v[1], json.dumps(v)))
        return items
    return value


@pytest.mark.slow
def test_a_model_loaded_without_the_training_step_parses_exactly_the_same():
    import yaml

    from scripts.train import model_path

    model = model_path()
    if not model.exists():
        pytest.skip(f"no trained model at {model} (make test trains one first)")
    texts = ["", "😀 hi", "x" * 300, "<b>does it hurt</b>", "ça fait mal ?", "DROP TABLE events;"]
    for name in ("faq.yml", "triage.yml", "prescreen.yml", "out_of_scope.yml"):
        doc = yaml.safe_load((ROOT / "data" / "nlu" / name).read_text())
        examples = [b["examples"] for b in doc["nlu"] if isinstance(b.get("examples"), str)]
        texts += [
            line[2:].strip()
            for ex in examples
            for line in ex.splitlines()
            if line.strip().startswith("- ") and "](" not in line
        ][:15]
    rasas_own, lean = parse_with(model, "rasa", texts), parse_with(model, "lean", texts)
    # The pipeline's TensorFlow models (none since the linear classifiers replaced
    # DIET and the ResponseSelector): Rasa's load makes an optimizer, ours none.
    n = len(rasas_own["optimizers"])
    assert rasas_own["optimizers"] == [True] * n
    assert lean["optimizers"] == [False] * n  # no optimizer, no training step
    assert ties_in_order(lean["parses"]) == ties_in_order(rasas_own["parses"])
    assert len(lean["parses"]) > 50


# ------------------------------------------------- graphs run without dask's scheduler


def _graphs():
    """Graphs shaped like Rasa's (nodes returning (name, value); inputs as data tuples),
    plus the odd forms dask's spec allows."""
    calls = []

    def node(name):
        def run(*args):
            calls.append(name)
            return (name, [a for a in args])

        return run

    msg = ("__message__", [{"text": "hi"}])  # unhashable data
    yield (
        {
            "__message__": msg,
            "a": (node("a"), "__message__"),
            "b": (node("b"), "a"),
            "c": (node("c"), "a", "b"),
            "d": (node("d"), "c", "__message__"),
        },
        ["d"],
    )
    yield (
        {
            "x": ("x", "plain"),
            "alias": "x",
            "y": (node("y"), "alias", "not-a-key"),
            "z": (node("z"), ["x", "y", 3], (node("inner"), "x"), ("x", "y")),
        },
        ["z", "y"],
    )
    yield {"t": (node("t"),), "u": (node("u"), "t"), "v": (node("v"), "t")}, ["u", "v", "t"]


def test_graphs_are_computed_as_dask_computes_them():
    import dask

    for graph, targets in _graphs():
        assert rasa_server.run_graph(graph, targets) == dask.get(graph, targets)


def test_each_node_runs_once_and_errors_pass_through():
    runs = []

    def once(*args):
        runs.append(1)
        return ("n", 1)

    def broken(*args):
        raise KeyError("inside a component")

    graph = {"n": (once,), "a": (lambda n: ("a", n), "n"), "b": (lambda n, a: ("b", 2), "n", "a")}
    assert rasa_server.run_graph(graph, ["a", "b"]) == (("a", ("n", 1)), ("b", 2))
    assert runs == [1]
    with pytest.raises(KeyError, match="inside a component"):
        rasa_server.run_graph({"x": (broken,), "y": (lambda x: x, "x")}, ["y"])


def test_the_runner_keeps_rasas_contract():
    """A RuntimeError inside becomes GraphRunError; the minimal schema is reused."""
    from rasa.engine.exceptions import GraphRunError
    from rasa.engine.runner.dask import DaskGraphRunner

    original = DaskGraphRunner.run
    try:
        assert not rasa_server.plain_graph_runner("3.6.20")
        assert DaskGraphRunner.run is original
        assert rasa_server.plain_graph_runner()

        class Schema:
            target_names = ["b"]
            walks = 0

            def minimal_graph_schema(self, targets):
                Schema.walks += 1
                return self

        runner = DaskGraphRunner.__new__(DaskGraphRunner)
        runner._graph_schema = Schema()
        graph = {"a": (lambda i: ("a", i[1] * 2), "i"), "b": (lambda a: ("b", a[1] + 1), "a")}
        runner._build_dask_graph = lambda schema: dict(graph)
        assert runner.run({"i": 20}) == {"b": 41}
        assert runner.run({"i": 1}, ["b", "a"]) == {"b": 3, "a": 2}
        assert runner.run({"i": 2}) == {"b": 5} and Schema.walks == 2  # once per target set

        def boom(i):
            raise RuntimeError("no")

        runner._build_dask_graph = lambda schema: {"b": (boom, "i")}
        with pytest.raises(GraphRunError):
            runner.run({"i": 1})
    finally:
        DaskGraphRunner.run = original


@pytest.mark.slow
def test_the_graphs_run_without_dask_parse_and_predict_exactly_the_same():
    from scripts.train import model_path

    model = model_path()
    if not model.exists():
        pytest.skip(f"no trained model at {model} (make test trains one first)")
    texts = [
        "",
        "😀 hi",
        "hi",
        "does it hurt",
        "how much does it cost",
        "x" * 300,
        "my cheeks are still red two weeks after the session",
        "I can't breathe",
        "I want to check if it suits me",
        "talk to a person",
        "delete my data",
        "yes",
        "no",
        "thirty one",
        "/affirm",
        '/faq{"faq_topic": "pain"}',
        "<b>?</b>",
    ]
    with_dask, plain = parse_with(model, "lean", texts), parse_with(model, "plain", texts)
    assert plain["parses"] == with_dask["parses"]
    assert plain["predictions"] == with_dask["predictions"]
    assert len({p[0] for p in plain["predictions"]}) > 3  # several different next actions


# ------------------------------------------------- kept connections to the action server


def test_action_calls_reuse_one_connection_and_survive_its_closing(monkeypatch):
    """One connection for calls in a row; a new one after the server or the client closed it."""
    from rasa.core.actions.action import RemoteAction
    from rasa.core.channels.channel import CollectingOutputChannel
    from rasa.core.nlg import TemplatedNaturalLanguageGenerator
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.trackers import DialogueStateTracker
    from rasa.utils.endpoints import EndpointConfig

    monkeypatch.setattr(EndpointConfig, "request", EndpointConfig.request)
    monkeypatch.setattr(EndpointConfig, "session", EndpointConfig.session)
    assert not rasa_server.kept_action_connections("3.6.20")
    assert rasa_server.kept_action_connections()

    seen: list[tuple[int, str]] = []
    app = Sanic(f"actions_{next(_names)}")
    app.config.KEEP_ALIVE_TIMEOUT = 1  # the server closes an idle connection after 1 s

    @app.post("/webhook")
    async def webhook(request):
        seen.append((request.conn_info.client_port, request.headers.get("X-Action-Token")))
        return response.json({"events": [], "responses": [{"text": f"call {len(seen)}"}]})

    domain = Domain.from_dict({"actions": ["action_x"]})

    async def main():
        async with serving(app) as base:
            endpoint = EndpointConfig(base + "/webhook", headers={"X-Action-Token": "t"})
            action = RemoteAction("action_x", endpoint)
            texts = []
            for sender in ("a", "b", "pause", "c", "d"):
                if sender == "pause":
                    await asyncio.sleep(1.6)  # the server has closed the idle connection
                    continue
                tracker = DialogueStateTracker(sender, domain.slots)
                events = await action.run(
                    CollectingOutputChannel(),
                    TemplatedNaturalLanguageGenerator({}),
                    tracker,
                    domain,
                )
                texts.append(events[0].text)
            async with endpoint.session() as other:  # outside request: Rasa's own, closed after
                pass
            assert other.closed
            await endpoint.__dict__["_bot_kept_session"][1].close()
            return texts

    assert asyncio.run(main()) == [f"call {k}" for k in range(1, 5)]
    ports = [port for port, _ in seen]
    assert all(token == "t" for _, token in seen)  # Rasa's headers on the kept session
    assert ports[0] == ports[1]  # one connection for calls in a row
    assert ports[2] == ports[3] != ports[1]  # a new one after the server closed it, kept again


def test_ngram_weights_by_column_score_bit_identically(monkeypatch):
    import numpy as np
    from scipy import sparse
    from sklearn.linear_model import SGDClassifier

    from bot.nlu.ngram_classifier import NgramClassifier

    rng = np.random.default_rng(1)
    x = sparse.random(60, 3000, density=0.01, format="csr", random_state=2)
    y = rng.integers(0, 7, 60)
    classifier = SGDClassifier(loss="log_loss", random_state=1).fit(x, y)
    before = classifier.predict_proba(x[:9])

    class Loaded:
        model = {"classifier": classifier, "vectorizers": []}

    monkeypatch.setattr(NgramClassifier, "load", classmethod(lambda cls, *a, **k: Loaded()))
    assert rasa_server.fast_ngram_reading()
    loaded = NgramClassifier.load({}, None, None, None)
    assert loaded.model["classifier"].coef_.flags.f_contiguous
    assert loaded.model["classifier"].coef_.T.flags.c_contiguous  # nothing to copy
    assert np.array_equal(loaded.model["classifier"].predict_proba(x[:9]), before)


# ------------------------------------------------- responses filled without a traceback each

INTERPOLATED = [
    ("Hello {name}", {"name": "Ann"}),
    ('/faq{"faq_topic": "cost"}', {"name": "Ann"}),  # an FAQ button's payload
    ("{{name}} stays", {"name": "Ann"}),
    ("Your reasons: {prescreen_reasons}", {"prescreen_reasons": "age"}),
    ("no place", {"x": 1}),
    ("{missing} and {name}", {"name": "Ann"}),
    ("{a.b}", {"a.b": "dotted"}),
]


def test_responses_are_filled_as_by_rasa_without_an_error_logged(monkeypatch, caplog):
    from rasa.core.nlg import interpolator

    rasas = interpolator.interpolate_text
    expected = [rasas(text, values) for text, values in INTERPOLATED]
    monkeypatch.setattr(interpolator, "interpolate_text", rasas)
    assert not rasa_server.quiet_interpolation("3.6.20")
    assert interpolator.interpolate_text is rasas
    assert rasa_server.quiet_interpolation()
    assert interpolator.interpolate_text is not rasas
    caplog.clear()
    with caplog.at_level("DEBUG"):
        got = [interpolator.interpolate_text(text, values) for text, values in INTERPOLATED]
        button = {"title": "Cost", "payload": '/faq{"faq_topic": "cost"}'}
        filled = interpolator.interpolate({"text": "Hi {name}", "buttons": [button]}, {"name": "A"})
    assert got == expected
    assert filled == {"text": "Hi A", "buttons": [button]}
    assert not [r for r in caplog.records if r.levelname in ("ERROR", "WARNING")]


def test_action_call_bodies_read_back_as_rasas_json():
    from bot.rasa_server.runtime import action_json

    tracker_like = {
        "sender_id": "a/b",
        "events": [{"event": "user", "text": "é 😀 \u2028 <b>", "timestamp": 1733.123456789}],
        "slots": {"n": 10**30, "f": 0.1, "none": None, "flag": True, "list": (1, 2)},
    }
    assert json.loads(action_json(tracker_like)) == json.loads(json.dumps(tracker_like))
    assert action_json({"s": "\ud800"}) == json.dumps({"s": "\ud800"}, separators=(",", ":"))
    with pytest.raises(TypeError):
        action_json({"o": object()})  # refused as json.dumps refuses it


# ------------------------------------------------- the loaded model out of garbage collection


def test_the_heap_is_frozen_once_the_server_has_started():
    """``frozen_heap``: after the start-up listeners (Rasa loads the model in one), not before."""
    import gc

    app = rasa_server.frozen_heap(Sanic(f"frozen_{next(_names)}"))
    seen = {}

    @app.listener("before_server_start")
    async def loading(_app, _loop):  # where Rasa loads the model
        seen["before"] = gc.get_freeze_count()

    @app.get("/")
    async def hello(request):
        return response.text(str(gc.get_freeze_count()))

    async def main():
        async with serving(app) as base, aiohttp.ClientSession() as http:
            async with http.get(base + "/") as r:
                return int(await r.text())

    gc.unfreeze()
    try:
        during = asyncio.run(main())
    finally:
        gc.unfreeze()
    assert seen["before"] == 0
    assert during > 1000  # this test process's own objects, frozen after start


# ------------------------------------------------- the domain for validate_* actions


def test_validate_actions_get_the_domain_without_its_responses(monkeypatch):
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.trackers import DialogueStateTracker
    from rasa.utils.endpoints import EndpointConfig

    monkeypatch.setattr(RemoteAction, "_action_call_format", RemoteAction._action_call_format)
    domain = Domain.from_dict(
        {
            "slots": {"age": {"type": "any", "mappings": [{"type": "from_text"}]}},
            "forms": {"f": {"required_slots": ["age"]}},
            "responses": {"utter_ask_age": [{"text": "How old are you?"}]},
            "actions": ["validate_f", "action_x"],
        }
    )
    tracker = DialogueStateTracker("d", domain.slots)
    endpoint = EndpointConfig("http://127.0.0.1:1/webhook", enable_selective_domain=True)

    def bodies():
        return {
            n: RemoteAction(n, endpoint)._action_call_format(tracker, domain)
            for n in ("validate_f", "action_x")
        }

    before = bodies()
    assert not rasa_server.domain_without_responses("3.6.20")
    assert rasa_server.domain_without_responses()
    after = bodies()
    assert "responses" in before["validate_f"]["domain"]
    assert after["validate_f"]["domain"] == {
        k: v for k, v in before["validate_f"]["domain"].items() if k != "responses"
    }
    assert after["validate_f"]["domain"]["slots"] and after["validate_f"]["domain"]["forms"]
    assert {k: v for k, v in after["validate_f"].items() if k != "domain"} == {
        k: v for k, v in before["validate_f"].items() if k != "domain"
    }
    assert after["action_x"] == before["action_x"] and "domain" not in after["action_x"]
    assert "responses" in domain.as_dict()  # Rasa's own domain is left as it is
