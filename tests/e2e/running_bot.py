"""The real bot, started with scripts/run.sh on free loopback ports, for tests.

``BotUnderTest`` starts the Rasa server, the action server, the inbox and the
widget with a temporary BOT_DATA_DIR, and offers small HTTP helpers. It needs
a trained model (``make test`` trains one first); without one the tests that
use it are skipped with the reason.
"""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path
from typing import Any, Dict, List, Optional

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def model_path() -> Path:
    from scripts.train import model_path as current
    return current()


class BotUnderTest:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.token = uuid.uuid4().hex
        self.ports = {k: free_port() for k in
                      ("RASA_PORT", "ACTION_PORT", "INBOX_PORT", "WIDGET_PORT")}
        self.env = dict(os.environ, BOT_DATA_DIR=str(data_dir), RASA_AUTH_TOKEN=self.token,
                        BOT_MODEL=str(model_path()),
                        INBOX_BACKGROUND_SECONDS="1", BOT_RESTART_DELAY="6",
                        **{k: str(v) for k, v in self.ports.items()})
        self.proc: Optional[subprocess.Popen] = None
        self.url = f"http://127.0.0.1:{self.ports['RASA_PORT']}"
        self.action_url = f"http://127.0.0.1:{self.ports['ACTION_PORT']}"

    # ---------------------------------------------------------------- process
    def start(self, timeout: float = 300) -> "BotUnderTest":
        log = open(self.data_dir / "run.log", "w")
        self.proc = subprocess.Popen(["bash", "scripts/run.sh"], cwd=ROOT, env=self.env,
                                     stdout=log, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        self.wait_ready(timeout)
        return self

    def wait_ready(self, timeout: float, actions: bool = True) -> None:
        deadline = time.time() + timeout
        urls = [self.url + "/"] + ([self.action_url + "/health"] if actions else [])
        while time.time() < deadline:
            if self.proc and self.proc.poll() is not None:
                raise RuntimeError(f"run.sh exited; see {self.data_dir / 'run.log'}")
            try:
                for u in urls:
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

    def action_server_pids(self) -> List[int]:
        pids = []
        for pid in os.listdir("/proc"):
            if not pid.isdigit():
                continue
            try:
                if os.getpgid(int(pid)) != self.proc.pid:
                    continue
                cmd = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
            except (OSError, ProcessLookupError):
                continue
            if b"actions" in cmd and b"run" in cmd:
                pids.append(int(pid))
        return pids

    def stop_action_server(self) -> None:
        """Kill the action server; run.sh's supervisor starts it again later."""
        for pid in self.action_server_pids():
            os.kill(pid, signal.SIGKILL)
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                urllib.request.urlopen(self.action_url + "/health", timeout=1)
                time.sleep(0.3)
            except OSError:
                return
        raise RuntimeError("action server still answering")

    # ---------------------------------------------------------------- HTTP
    def _q(self, path: str) -> str:
        sep = "&" if "?" in path else "?"
        return f"{self.url}{path}{sep}token={self.token}"

    def call(self, method: str, path: str, body: Any = None, raw: Optional[bytes] = None,
             auth: bool = True, timeout: float = 60):
        data = raw if raw is not None else (None if body is None else json.dumps(body).encode())
        req = urllib.request.Request(self._q(path) if auth else self.url + path, data=data,
                                     method=method,
                                     headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=timeout) as r:
                body = r.read()
                try:
                    return r.status, json.loads(body or b"null")
                except ValueError:
                    return r.status, body.decode(errors="replace")
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode(errors="replace")

    def say(self, sender: str, text: str) -> List[Dict[str, Any]]:
        status, body = self.call("POST", "/webhooks/rest/webhook",
                                 {"sender": sender, "message": text}, auth=False)
        assert status == 200, (status, body)
        return body or []

    def parse(self, text: str) -> Dict[str, Any]:
        status, body = self.call("POST", "/model/parse", {"text": text})
        assert status == 200, (status, body)
        return body

    def tracker(self, sender: str) -> Dict[str, Any]:
        status, body = self.call(
            "GET", f"/conversations/{urllib.parse.quote(sender, safe='')}/tracker")
        assert status == 200, (status, body)
        return body

    def slots(self, sender: str) -> Dict[str, Any]:
        return self.tracker(sender).get("slots") or {}

    def converse(self, sender: str, first: Optional[str], answer_for, max_turns: int = 25):
        """Send ``first`` (unless None), then answer while a form asks; returns the transcript."""
        transcript = [] if first is None else [("user", first)] + [
            ("bot", m.get("text", "")) for m in self.say(sender, first)]
        for _ in range(max_turns):
            slot = self.slots(sender).get("requested_slot")
            if not slot:
                break
            reply = answer_for(slot)
            if reply is None:
                break
            transcript.append(("user", f"[{slot}] {reply}"))
            transcript += [("bot", m.get("text", "")) for m in self.say(sender, reply)]
        return transcript
