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
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path
from typing import Any

from scripts.launch import ROOT, LocalBot

__all__ = ["ROOT", "BotUnderTest", "db_of", "joined", "model_path", "said", "sender", "texts"]


def sender() -> str:
    return "test-" + uuid.uuid4().hex[:10]


def texts(messages) -> list[str]:
    return [m.get("text") or "" for m in messages]


def joined(messages) -> str:
    """Rasa sends a response's paragraphs as separate messages: put them back."""
    return "\n\n".join(texts(messages))


def said(response: str) -> str:
    from bot import knowledge

    return knowledge.reply(response)[0]["text"].strip()


def db_of(bot: LocalBot):
    """The bot's clinic.db."""
    from bot import store

    return store.open_db(bot.data_dir / "clinic.db")


def model_path() -> Path:
    from scripts.train import model_path as current

    return current()


class BotUnderTest(LocalBot):
    """LocalBot with the current model and HTTP helpers for the tests."""

    def __init__(self, data_dir: Path, **extra_env: str) -> None:
        super().__init__(
            data_dir,
            model=model_path(),
            **{"INBOX_BACKGROUND_SECONDS": "1", "BOT_RESTART_DELAY": "6", **extra_env},
        )

    def action_server_pids(self) -> list[int]:
        return [pid for pid, cmd in self.processes().items() if "-m bot.action_server" in cmd]

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

    def call(
        self,
        method: str,
        path: str,
        body: Any = None,
        raw: bytes | None = None,
        auth: bool = True,
        timeout: float = 60,
    ):
        data = raw if raw is not None else (None if body is None else json.dumps(body).encode())
        req = urllib.request.Request(
            self._q(path) if auth else self.url + path,
            data=data,
            method=method,
            headers={"Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(req, timeout=timeout) as r:
                body = r.read()
                try:
                    return r.status, json.loads(body or b"null")
                except ValueError:
                    return r.status, body.decode(errors="replace")
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode(errors="replace")

    def say(self, sender: str, text: str) -> list[dict[str, Any]]:
        """A REST message: the REST channel takes the API token (CONTRACT.md)."""
        status, body = self.call(
            "POST", "/webhooks/rest/webhook", {"sender": sender, "message": text}
        )
        assert status == 200, (status, body)
        return body or []

    def parse(self, text: str) -> dict[str, Any]:
        status, body = self.call("POST", "/model/parse", {"text": text})
        assert status == 200, (status, body)
        return body

    def tracker(self, sender: str) -> dict[str, Any]:
        status, body = self.call(
            "GET", f"/conversations/{urllib.parse.quote(sender, safe='')}/tracker"
        )
        assert status == 200, (status, body)
        return body

    def slots(self, sender: str) -> dict[str, Any]:
        return self.tracker(sender).get("slots") or {}

    def converse(self, sender: str, first: str | None, answer_for, max_turns: int = 25):
        """Send ``first`` (unless None), then answer while a form asks; returns the transcript."""
        transcript = (
            []
            if first is None
            else [("user", first)] + [("bot", m.get("text", "")) for m in self.say(sender, first)]
        )
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
