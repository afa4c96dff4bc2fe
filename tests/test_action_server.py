"""The action server answers Rasa only (D9): a shared secret, and 127.0.0.1 whatever BIND_HOST."""

from __future__ import annotations

import asyncio
import json
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import aiohttp
import pytest

from bot import store
from bot.action_server import HEADER, create_app
from tests.fakes.rasa_stub import serving

TOKEN = "action-server-secret"


def delete_call(sender: str) -> dict:
    """What an attacker posted: Rasa's own request for action_delete_my_data."""
    return {
        "next_action": "action_delete_my_data",
        "sender_id": sender,
        "version": "3.6.21",
        "domain": {},
        "tracker": {
            "sender_id": sender,
            "slots": {},
            "latest_message": {"text": "delete my data", "intent": {"name": "delete_my_data"}},
            "events": [],
            "paused": False,
            "followup_action": None,
            "active_loop": {},
            "latest_action_name": "action_listen",
        },
    }


def calls(requests):
    async def main():
        async with serving(create_app(TOKEN)) as base:
            out = []
            async with aiohttp.ClientSession() as s:
                for method, path, headers, body in requests:
                    async with s.request(method, base + path, headers=headers, data=body) as r:
                        out.append((r.status, await r.text()))
            return out

    return asyncio.run(main())


def test_a_forged_call_cannot_delete_a_patients_data(db):
    victim = store.create_ticket("misc-victim", "rest", "routine", "r", db=db)
    body = json.dumps(delete_call("misc-victim")).encode()
    forged = [
        ("POST", "/webhook", {}, body),
        ("POST", "/webhook", {HEADER: ""}, body),
        ("POST", "/webhook", {HEADER: TOKEN + "x"}, body),
        ("POST", "/webhook", {HEADER: TOKEN[:-1]}, body),
        ("POST", f"/webhook?{HEADER}={TOKEN}", {}, body),
        ("GET", "/actions", {}, None),
    ]
    assert [status for status, _ in calls(forged)] == [403] * len(forged)
    assert store.get_ticket(victim["id"], db=db) is not None


def test_rasa_with_the_header_is_served(db):
    mine = store.create_ticket("me", "rest", "routine", "r", db=db)
    (status, text), (listed, names) = calls(
        [
            (
                "POST",
                "/webhook",
                {HEADER: TOKEN, "Content-Type": "application/json"},
                json.dumps(delete_call("me")).encode(),
            ),
            ("GET", "/actions", {HEADER: TOKEN}, None),
        ]
    )
    assert status == 200 and json.loads(text)["responses"]
    assert store.get_ticket(mine["id"], db=db) is None
    assert listed == 200 and {"name": "action_delete_my_data"} in json.loads(names)


def test_health_is_open_and_odd_requests_are_4xx_not_500():
    """D15: rasa-sdk answered GET / (and any unknown path) with 500."""
    answers = calls(
        [
            ("GET", "/health", {}, None),
            ("GET", "/", {HEADER: TOKEN}, None),
            ("GET", "/nothing", {HEADER: TOKEN}, None),
            ("POST", "/webhook", {HEADER: TOKEN}, b"{not json"),
            ("POST", "/webhook", {HEADER: TOKEN}, b"[1, 2]"),
            ("POST", "/webhook", {HEADER: TOKEN}, b"[" * 50_000 + b"]" * 50_000),
        ]
    )
    assert [status for status, _ in answers] == [200, 404, 404, 400, 400, 400]


def test_an_empty_token_is_refused_at_start():
    with pytest.raises(ValueError):
        create_app("")


def _other_address() -> str:
    """An address of this machine that is not loopback."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.connect(("10.255.255.255", 1))  # no packet is sent
        return s.getsockname()[0]


@pytest.mark.slow
def test_it_listens_on_loopback_only_whatever_bind_host_says(tmp_path, free_port):
    port = free_port()
    proc = _start(tmp_path, port, BIND_HOST="0.0.0.0", SANIC_HOST="0.0.0.0")
    try:
        other = _other_address()
        assert not other.startswith("127.")
        with pytest.raises(OSError):
            urllib.request.urlopen(f"http://{other}:{port}/health", timeout=2)
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_it_will_not_start_without_a_token(tmp_path):
    env = {"BOT_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-m", "bot.action_server"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2 and "ACTION_SERVER_TOKEN" in done.stderr


# ------------------------------------------------------- lean process (issue 17)


def _start(tmp_path, port: int, **more_env: str) -> subprocess.Popen:
    """``python -m bot.action_server`` on ``port``, once it answers /health on 127.0.0.1."""
    env = {
        "BOT_DATA_DIR": str(tmp_path),
        "ACTION_PORT": str(port),
        "ACTION_SERVER_TOKEN": TOKEN,
        "PATH": "/usr/bin:/bin",
        **more_env,
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot.action_server"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 120
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2).read()
            return proc
        except OSError:
            assert time.time() < deadline and proc.poll() is None, "did not start"
            time.sleep(0.5)


def _call(port: int, action: str, tracker, domain=None) -> dict:
    body = {
        "next_action": action,
        "sender_id": tracker.sender_id,
        "version": "3.6.21",
        "tracker": tracker.current_state(),
        "domain": domain or {},
    }
    req = urllib.request.Request(
        f"http://127.0.0.1:{port}/webhook",
        data=json.dumps(body).encode(),
        headers={HEADER: TOKEN, "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.loads(r.read())


@pytest.mark.slow
def test_the_action_server_runs_every_kind_of_action_without_tensorflow(tmp_path, free_port):
    """``python -m bot.action_server`` never loads TensorFlow or jax, and its actions work.

    One action of each module, the triage ones through spaCy's matcher (the
    import path by which thinc used to pull TensorFlow in).
    """
    from bot import knowledge
    from tests.test_actions import domain_dict, form_tracker, make_tracker, selector

    port = free_port()
    proc = _start(tmp_path, port)
    try:
        replies = {
            "triage": _call(
                port,
                "action_triage",
                make_tracker(
                    "my cheeks are still red two weeks after the session",
                    "report_symptom",
                    sender="lean-1",
                ),
            ),
            "hold": _call(
                port,
                "action_handoff_hold",
                make_tracker(
                    "it is swollen and hot now",
                    "report_symptom",
                    sender="lean-1",
                    slots={"handoff_active": True},
                ),
            ),
            "faq": _call(
                port,
                "action_answer_faq",
                make_tracker(
                    "does it hurt", "faq", response_selector=selector(knowledge.faq_keys()[0])
                ),
            ),
            "fallback": _call(port, "action_fallback", make_tracker("zzz qqq")),
            "form": _call(
                port, "validate_prescreen_form", form_tracker("age", "thirty one"), domain_dict()
            ),
            "delete": _call(
                port,
                "action_delete_my_data",
                make_tracker("delete my data", "delete_my_data", sender="lean-2"),
            ),
        }
        maps = Path(f"/proc/{proc.pid}/maps").read_text()
    finally:
        proc.terminate()
        proc.wait(timeout=30)

    def said(name):
        return [r.get("response") for r in replies[name]["responses"]]

    def slots(name):
        return {e["name"]: e["value"] for e in replies[name]["events"] if e["event"] == "slot"}

    assert said("triage") == ["utter_triage_routine"] and slots("triage")["handoff_ticket_id"]
    # an urgent report during a handoff gets the urgent advice (clinical review, 38a)
    assert slots("hold")["handoff_ticket_id"] and said("hold") == ["utter_triage_urgent"]
    assert said("faq") == [f"utter_faq/{knowledge.faq_keys()[0]}"]
    assert said("fallback") and said("fallback")[0] in ("utter_default", "utter_did_you_mean_intro")
    assert slots("form")["age"] == 31
    assert said("delete") == ["utter_data_deleted"]
    for library in ("libtensorflow", "jaxlib", "_pywrap_tensorflow"):
        assert library not in maps, f"{library} is loaded in the action server"


def test_the_kept_connection_keeps_the_write_ahead_log_between_tickets(data_dir, monkeypatch):
    """Without it, each ticket's connection was the last: SQLite folded the log into the
    file and deleted it, and the next ticket made it again (two waits for the disk)."""
    from bot import action_server, config, escalation

    monkeypatch.setattr(action_server, "_KEPT", [])
    wal = Path(str(config.db_path()) + "-wal")
    escalation.outcome("kept-0", "rest", "routine", reason="red", episode_key="e0")
    assert not wal.exists()  # the per-call connection was the last one: log folded and gone
    action_server.keep_database_open()
    try:
        for k in range(1, 4):
            done = escalation.outcome(
                f"kept-{k}", "rest", "routine", reason="red", episode_key=f"e{k}"
            )
            assert done.ticket and wal.exists()
        assert len(store.list_tickets()) == 4  # every ticket written, readable by others
    finally:
        action_server._KEPT.pop().conn.close()
    assert not wal.exists()


def test_rasa_sends_the_domain_only_to_the_actions_that_read_it():
    """endpoints.yml: selective domain. The forms' validate_* actions get it; no other
    action of ours reads its ``domain`` argument (their tests call them with {})."""
    import ast

    from rasa.core.actions.action import RemoteAction
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.trackers import DialogueStateTracker

    from bot import config, rasa_gateway

    endpoint = rasa_gateway.read_endpoint(None, "action_endpoint")
    domain = Domain.load(str(config.ROOT / "domain.yml"))
    tracker = DialogueStateTracker("selective", domain.slots)
    customs = [a for a in domain.user_actions if a.startswith(("action_", "validate_"))]
    assert "validate_prescreen_form" in customs and "action_answer_faq" in customs
    for name in customs:
        body = RemoteAction(name, endpoint)._action_call_format(tracker, domain)
        assert ("domain" in body) == name.startswith("validate_"), name
    # and no action outside the validate_* ones reads its domain argument
    for path in (config.ROOT / "actions").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                names = [
                    n
                    for n in node.body
                    if n.__class__.__name__ in ("FunctionDef", "AsyncFunctionDef")
                    and n.name in ("run", "act")  # act: ThreadedAction's, in a thread
                ]
                for run in names:
                    used = {n.id for n in ast.walk(run) if isinstance(n, ast.Name)}
                    assert "domain" not in used, f"{path.name}: {node.name}.run reads domain"
