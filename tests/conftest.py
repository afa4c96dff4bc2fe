"""Shared pytest fixtures for the whole suite. Keep them generic; add yours below.

Fixtures
--------
``data_dir``
    A fresh, empty ``BOT_DATA_DIR`` (a temporary folder) set in the
    environment for one test, so ``bot.config`` and ``bot.store`` write there.
``db``
    ``bot.store.open_db()`` on ``data_dir``: a migrated, empty database.
``free_port``
    A function returning a free TCP port on 127.0.0.1.
``tracker``
    A ``TrackerWriter`` (``tests/fakes/trackers.py``) on the tracker store
    endpoints.yml names for ``data_dir`` (SQLite ``tracker.db``): writes
    events through Rasa's own ``TrackerStore``
    (``tracker.user(sender, text)``, ``.bot(sender, text, staff=None)``,
    ``.slot(sender, name, value)``, ``.add(sender, event_dict)``).
``http_server``
    A factory: ``http_server(handler=None) -> FakeHTTPServer``, a real HTTP
    server on 127.0.0.1 in a thread that records every request
    (``.requests``: method, path, query, headers, body, ``.json``) and answers
    200 ``{"ok": true}``, or ``.reply(status, body, method=None)`` for the next
    answers (to that method only, if given),
    or whatever ``handler(request) -> (status, body)`` returns; status 0 drops
    the connection without an answer (a server that died). Module-scoped:
    servers live until the end of the test module; call ``.clear()`` between
    tests. Use it for fake Rasa, webhook or Telegram endpoints (tests never
    leave the loopback).
``server_process``
    A factory: ``server_process(args, env=None, health_url=None,
    timeout=60) -> subprocess.Popen`` starts a command (e.g. ``[python, -m,
    bot.inbox]``), waits until ``health_url`` answers 200, and stops it at the
    end of the module. Module-scoped.

``postgres_url``, ``redis_url``
    Session-scoped: a real PostgreSQL (an empty database) or redis-server
    from Debian's packages, started on a free loopback port for the test
    session and stopped after (``tests/fakes/services.py``). Where the
    package is missing the test is skipped with the reason, or fails when
    ``REQUIRE_SERVICES=1`` (for a machine where `make services` can install them).
``service``
    ``service(name)``: the same skip-or-fail check for a program a test starts
    itself (``"haproxy"``).

Markers: ``slow`` (starts servers or a browser; ``make unit`` skips them).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent

# A month a message names is dated from today ("I had it done back in January"): the
# suite, and the servers it starts, read every message on one fixed day.
os.environ.setdefault("BOT_TODAY", "2026-12-05")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: starts servers or a browser (make unit skips it)")


# ------------------------------------------------------------ data directory


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    d = tmp_path / "data"
    d.mkdir()
    monkeypatch.setenv("BOT_DATA_DIR", str(d))
    return d


@pytest.fixture
def db(data_dir: Path):
    from bot import store

    database = store.open_db()
    yield database
    database.conn.close()


@pytest.fixture
def tracker(data_dir: Path):
    from tests.fakes.trackers import TrackerWriter

    return TrackerWriter(data_dir)


# ------------------------------------------------------------ network helpers


@pytest.fixture(scope="session")
def free_port() -> Callable[[], int]:
    from scripts.launch import free_port

    return free_port


@dataclass
class Recorded:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes

    @property
    def json(self) -> Any:
        return json.loads(self.body.decode("utf-8")) if self.body else None


@dataclass
class FakeHTTPServer:
    """A loopback HTTP server that records requests and answers as told."""

    handler: Callable[[Recorded], tuple[int, Any]] | None = None
    requests: list[Recorded] = field(default_factory=list)
    replies: list[tuple[int, Any, str | None]] = field(default_factory=list)
    server: Any = None
    port: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def reply(
        self, status: int, body: Any = None, times: int = 1, method: str | None = None
    ) -> None:
        """Answer the next ``times`` requests (of ``method`` if given) with ``status``, ``body``."""
        self.replies.extend([(status, body, method)] * times)

    def clear(self) -> None:
        self.requests.clear()
        self.replies.clear()

    def answer(self, rec: Recorded) -> tuple[int, Any]:
        for i, (status, body, method) in enumerate(self.replies):
            if method is None or method == rec.method:
                del self.replies[i]
                return status, body
        if self.handler:
            return self.handler(rec)
        return 200, {"ok": True}

    def start(self) -> FakeHTTPServer:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                parts = urlsplit(self.path)
                rec = Recorded(
                    self.command,
                    parts.path,
                    parse_qs(parts.query),
                    {k: v for k, v in self.headers.items()},
                    self.rfile.read(length) if length else b"",
                )
                fake.requests.append(rec)
                status, body = fake.answer(rec)
                if status == 0:  # drop the connection without an answer
                    self.close_connection = True
                    return
                data = (
                    body
                    if isinstance(body, bytes)
                    else json.dumps(body if body is not None else {}).encode()
                )
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PUT = do_DELETE = _handle

            def log_message(self, *args: Any) -> None:  # keep test output clean
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        # shutdown() waits for serve_forever's next poll: 0.5 s by default, per
        # server, at every module's teardown; 0.05 s here.
        threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()
        return self

    def close(self) -> None:
        if self.server:
            self.server.shutdown()
            self.server.server_close()


@pytest.fixture(scope="module")
def http_server():
    started: list[FakeHTTPServer] = []

    def make(handler: Callable[[Recorded], tuple[int, Any]] | None = None) -> FakeHTTPServer:
        server = FakeHTTPServer(handler=handler).start()
        started.append(server)
        return server

    yield make
    for server in started:
        server.close()


# ------------------------------------------------------------ real services


def _need(name: str) -> None:
    """Skip (or fail, with REQUIRE_SERVICES=1) when service ``name`` cannot run here."""
    from tests.fakes import services

    reason = services.missing(name)
    if reason is None:
        return
    if os.environ.get("REQUIRE_SERVICES") == "1":
        pytest.fail(f"REQUIRE_SERVICES=1 but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def service() -> Callable[[str], None]:
    return _need


def _running(name: str, start: str):
    """Start service ``name`` with ``tests.fakes.services.<start>``; stop it after."""
    from tests.fakes import services

    _need(name)
    started = getattr(services, start)()
    yield started.url
    started.stop()


@pytest.fixture(scope="session")
def postgres_url():
    yield from _running("postgresql", "start_postgres")


@pytest.fixture(scope="session")
def redis_url():
    yield from _running("redis", "start_redis")


@pytest.fixture(scope="module")
def server_process(tmp_path_factory: pytest.TempPathFactory):
    from scripts.launch import stop, wait_for

    started: list[subprocess.Popen] = []
    logs = tmp_path_factory.mktemp("server-logs")

    def start(
        args: list[str],
        env: dict[str, str] | None = None,
        health_url: str | None = None,
        timeout: float = 60,
    ) -> subprocess.Popen:
        log_path = logs / f"server-{len(started)}.log"
        with open(log_path, "wb") as log:
            proc = subprocess.Popen(
                args,
                env={**os.environ, **(env or {})},
                cwd=str(ROOT),
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        started.append(proc)
        proc.log_path = log_path  # type: ignore[attr-defined]
        if health_url:
            try:
                wait_for(health_url, timeout=timeout, proc=proc)
            except Exception as exc:
                raise RuntimeError(
                    f"{args} did not start: {exc}\n{log_path.read_text(errors='replace')[-3000:]}"
                ) from exc
        return proc

    yield start
    for proc in started:
        stop(proc)


# ------------------------------------------------------------ skips that fail CI

# A test skipped for want of a browser, a trained model or Rasa itself would
# make a CI run green without testing. With REQUIRE_BROWSER=1 / REQUIRE_MODEL=1
# (set by .ci/run) such a skip is reported as a failure instead; other skips
# (a test that cannot run as root, say) stay skips. Services have their own
# switch, REQUIRE_SERVICES=1, checked where the service is needed.
_REQUIRED_SKIPS = (
    ("REQUIRE_BROWSER", re.compile(r"chromium|playwright|browser", re.I)),
    ("REQUIRE_MODEL", re.compile(r"trained model|could not import 'rasa", re.I)),
)


def required_skip(reason: str) -> str | None:
    """The switch that forbids a skip for ``reason``, when it is set; else None."""
    for switch, pattern in _REQUIRED_SKIPS:
        if os.environ.get(switch) == "1" and pattern.search(reason):
            return switch
    return None


def _fail_required_skip(report: Any) -> None:
    if not report.skipped or not isinstance(report.longrepr, tuple):
        return
    reason = str(report.longrepr[2])
    switch = required_skip(reason)
    if switch is not None:
        report.outcome = "failed"
        report.longrepr = f"{switch}=1 but the test was skipped: {reason}"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: Any):
    outcome = yield
    _fail_required_skip(outcome.get_result())


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector: pytest.Collector):
    outcome = yield
    _fail_required_skip(outcome.get_result())
