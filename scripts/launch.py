"""Starting the project's processes on free loopback ports, for tests, benchmarks and demos.

``LocalBot``: the whole bot (scripts/run.sh) with its own data folder, shared
by the benchmarks (scripts/bench.py) and the end-to-end tests
(tests/e2e/running_bot.py), so both start and stop it the same way.
``free_port``, ``wait_for``, ``start_inbox`` and ``stop``: one server
process at a time (the test fixtures, ``scripts/demo.py``). The one home of
these helpers: tests and fakes import them from here.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PORTS = ("RASA_PORT", "ACTION_PORT", "INBOX_PORT", "WIDGET_PORT")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def wait_for(url: str, timeout: float = 30.0, proc: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"the server exited with code {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=1) as resp:  # noqa: S310 - loopback
                if resp.status == 200:
                    return
        except OSError:
            time.sleep(0.15)
    raise TimeoutError(f"{url} did not answer within {timeout} s")


def start_inbox(
    data_dir: Path, port: int, extra_env: dict[str, str] | None = None, log_path: Path | None = None
) -> subprocess.Popen:
    """``python -m bot.inbox`` in a subprocess on 127.0.0.1:``port``; waits for /healthz."""
    env = {
        **os.environ,
        "BOT_DATA_DIR": str(data_dir),
        "INBOX_PORT": str(port),
        "BIND_HOST": "127.0.0.1",
        **(extra_env or {}),
    }
    out = open(log_path, "ab") if log_path else subprocess.DEVNULL
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot.inbox"],
        env=env,
        cwd=str(ROOT),
        stdout=out,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/healthz", proc=proc)
    except Exception:
        stop(proc)
        raise
    return proc


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


class LocalBot:
    """run.sh in its own process group; ``extra_env`` adds to the environment.

    ``root`` runs another checkout's run.sh (a before/after comparison).
    """

    def __init__(
        self, data_dir: Path, model: Path | None = None, root: Path | None = None, **extra_env: str
    ) -> None:
        self.root = Path(root) if root else ROOT
        self.data_dir = Path(data_dir)
        self.token = uuid.uuid4().hex
        self.ports = {k: free_port() for k in PORTS}
        self.env = dict(
            os.environ,
            BOT_DATA_DIR=str(self.data_dir),
            RASA_AUTH_TOKEN=self.token,
            **{k: str(v) for k, v in self.ports.items()},
            **extra_env,
        )
        if model:
            self.env["BOT_MODEL"] = str(model)
        self.proc: subprocess.Popen | None = None
        self.url = f"http://127.0.0.1:{self.ports['RASA_PORT']}"
        self.action_url = f"http://127.0.0.1:{self.ports['ACTION_PORT']}"
        self.startup_seconds: float | None = None

    def create_staff(self, name: str, password: str) -> subprocess.CompletedProcess:
        """A staff account in this bot's inbox (``python -m bot.inbox.admin create``)."""
        return subprocess.run(
            [str(self.root / ".venv/bin/python"), "-m", "bot.inbox.admin", "create", name]
            + ["--password-stdin"],
            input=f"{password}\n{password}\n",
            text=True,
            cwd=self.root,
            env=self.env,
            capture_output=True,
        )

    def start(self, timeout: float = 300) -> LocalBot:
        log = open(self.data_dir / "run.log", "w")
        t0 = time.perf_counter()
        self.proc = subprocess.Popen(
            ["bash", "scripts/run.sh"],
            cwd=self.root,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.wait_ready(timeout)
        self.startup_seconds = time.perf_counter() - t0
        return self

    def wait_ready(self, timeout: float) -> None:
        """Until the Rasa server and the action server both answer."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc and self.proc.poll() is not None:
                raise RuntimeError(f"run.sh exited; see {self.data_dir / 'run.log'}")
            try:
                for u in (self.url + "/", self.action_url + "/health"):
                    urllib.request.urlopen(u, timeout=2).read()
                return
            except OSError:
                time.sleep(0.5)
        raise RuntimeError(f"bot not ready after {timeout}s; see {self.data_dir / 'run.log'}")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)

    def processes(self) -> dict[int, str]:
        """pid -> command line of every process in the bot's process group."""
        found = {}
        for pid in os.listdir("/proc"):
            if not pid.isdigit():
                continue
            try:
                if os.getpgid(int(pid)) != self.proc.pid:
                    continue
                found[int(pid)] = (
                    Path(f"/proc/{pid}/cmdline")
                    .read_bytes()
                    .replace(b"\0", b" ")
                    .decode(errors="replace")
                )
            except (OSError, ProcessLookupError):
                continue
        return found
