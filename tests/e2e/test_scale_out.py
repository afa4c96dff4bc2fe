"""Scaling out on the real thing: two Rasa replicas behind HAProxy, sharing a
PostgreSQL tracker store and a Redis lock store (../shared/CONTRACT.md,
"Scaling out").

PostgreSQL, Redis and HAProxy are Debian's (``make services``), started on
loopback for the session (tests/fakes/services.py): where they cannot run,
these tests are skipped with the reason, or fail with REQUIRE_SERVICES=1.
One replicated bot (scripts/run.sh with TRACKER_STORE_URL, REDIS_URL and
RASA_REPLICAS=2) serves the whole module, in this order:

- the black-box sample cases pass through the balancer;
- a staff reply posted to one replica reaches a widget connected to the other;
- a pre-screening conversation goes on while one replica is killed in the
  middle of it, and every message is kept, once, in order;
- an emergency while a replica is down still gets its advice and its ticket;
- SIGTERM stops every process (replicas and balancer included).
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from bot import store
from bot.inbox import rasa_client
from scripts.launch import free_port
from tests.e2e.running_bot import ROOT, BotUnderTest, db_of, joined, model_path, said, sender
from tests.fakes.widget_client import WidgetClient

pytestmark = pytest.mark.slow


def blackbox_script() -> Path | None:
    """The shared black-box evaluation (``../shared/eval/blackbox.py`` from the lead's checkout)."""
    given = os.environ.get("BLACKBOX")
    candidates = (
        [Path(given)] if given else [p / "shared" / "eval" / "blackbox.py" for p in ROOT.parents]
    )
    return next((p for p in candidates if p.is_file()), None)


class ScaledBot(BotUnderTest):
    """run.sh with two replicas on known internal ports, and ways to kill one."""

    def __init__(self, data_dir: Path, tracker_store_url: str, redis_url: str) -> None:
        ports: list[int] = []
        while len(ports) < 2:
            port = free_port()
            if port not in ports:
                ports.append(port)
        self.replica_ports = ports
        super().__init__(
            data_dir,
            TRACKER_STORE_URL=tracker_store_url,
            REDIS_URL=redis_url,
            RASA_REPLICAS="2",
            RASA_REPLICA_PORTS=" ".join(map(str, ports)),
            BOT_RESTART_DELAY="5",
        )

    def replica_url(self, port: int) -> str:
        return f"http://127.0.0.1:{port}"

    def replica_up(self, port: int) -> bool:
        try:
            with urllib.request.urlopen(self.replica_url(port) + "/", timeout=2) as r:
                return r.status == 200
        except OSError:
            return False

    def wait_replicas(self, timeout: float) -> None:
        deadline = time.time() + timeout
        while time.time() < deadline:
            if all(self.replica_up(p) for p in self.replica_ports):
                return
            time.sleep(1)
        raise RuntimeError(
            f"the replicas are not both up after {timeout} s; see {self.data_dir / 'run.log'}"
        )

    def replica_pids(self, port: int) -> list[int]:
        return [
            pid
            for pid, cmd in self.processes().items()
            if "-m bot.rasa_server" in cmd and f" -p {port} " in f"{cmd} "
        ]

    def kill_replica(self, port: int) -> None:
        """SIGKILL one replica (its supervisor starts it again after a while)."""
        pids = self.replica_pids(port)
        assert pids, f"no replica on port {port}"
        for pid in pids:
            os.kill(pid, signal.SIGKILL)
        deadline = time.time() + 10
        while self.replica_up(port) and time.time() < deadline:
            time.sleep(0.1)
        assert not self.replica_up(port)

    def one_replica_down(self) -> int:
        """The port of a replica that is down, killing one if both are up."""
        down = [p for p in self.replica_ports if not self.replica_up(p)]
        assert len(down) < 2, "both replicas are down"
        if not down:
            self.kill_replica(self.replica_ports[0])
            down = [self.replica_ports[0]]
        return down[0]


@pytest.fixture(scope="module")
def scaled(tmp_path_factory, postgres_url, redis_url, service):
    service("haproxy")
    if not model_path().exists():
        pytest.skip(f"no trained model at {model_path()}: run `make train` first")
    bot = ScaledBot(tmp_path_factory.mktemp("scaled-data"), postgres_url, redis_url)
    bot.start(timeout=600)
    try:
        bot.wait_replicas(600)  # HAProxy answers as soon as one is up
    except Exception:
        bot.stop()
        raise
    yield bot
    bot.stop()


def test_it_runs_on_the_shared_stores(scaled):
    endpoints = (scaled.data_dir / "endpoints.yml").read_text()
    assert "url: ${TRACKER_STORE_URL}" in endpoints and "type: redis" in endpoints
    assert "type: bot.tracker_store.LeanSQLTrackerStore" in endpoints  # as endpoints.yml names
    assert "postgresql://" not in endpoints  # the secrets stay in the environment
    assert len([p for p in scaled.processes().values() if "-m bot.rasa_server" in p]) == 2
    assert any("haproxy" in cmd for cmd in scaled.processes().values())


def test_the_blackbox_samples_pass_through_the_balancer(scaled, tmp_path):
    script = blackbox_script()
    if script is None:
        pytest.skip("../shared/eval/blackbox.py is not here (set BLACKBOX=path)")
    out = tmp_path / "blackbox.json"
    done = subprocess.run(
        [
            sys.executable,
            str(script),
            "--url",
            scaled.url,
            "--token",
            scaled.token,
            "--only",
            "faq,oos,triage,prescreen",
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=900,
        cwd=str(tmp_path),
    )
    assert out.exists(), done.stdout[-2000:] + done.stderr[-2000:]
    report = json.loads(out.read_text())
    failures = {
        area: {k: v for k, v in result.items() if k != "per_key"}
        for area, result in report.items()
        if "error" in result or result.get("misses")
    }
    assert not failures, json.dumps(failures, indent=1)[:4000]
    assert report["faq"]["accuracy"] == 1.0 and report["oos"]["rejection_rate"] == 1.0
    assert set(report["triage"]["rates"].values()) == {1.0}
    assert report["prescreen"]["accuracy"] == 1.0


STAFF_TEXTS = ("Ana here, sent by replica 1.", "Ana again, sent by replica 2.")


def test_a_staff_reply_reaches_a_widget_on_the_other_replica(scaled, monkeypatch):
    """The widget connects through the balancer (long-polling, whose requests the
    balancer keeps on one replica); a staff reply is sent by each replica in turn,
    so one of them is the other."""
    monkeypatch.setenv("RASA_AUTH_TOKEN", scaled.token)

    async def talk() -> dict[str, object]:
        client = WidgetClient()
        got = client.got

        async def until(check, timeout: float = 30) -> None:
            deadline = time.time() + timeout
            while not check() and time.time() < deadline:
                await asyncio.sleep(0.1)

        token = await client.open(scaled.url)  # through HAProxy, to one replica
        conversation = "web-" + token.split(".")[0]
        await client.say("hello")
        await until(lambda: bool(got))  # the bot's greeting
        results = []
        for port, text in zip(scaled.replica_ports, STAFF_TEXTS, strict=True):
            monkeypatch.setenv("RASA_PORT", str(port))  # the inbox's own staff-reply call
            results.append(await rasa_client.send_staff_reply(conversation, text, "ana"))
        await until(lambda: sum(1 for m in got if m.get("staff")) >= 2)
        await client.close()
        return {"conversation": conversation, "got": got, "results": results}

    out = asyncio.run(talk())
    assert all(r.ok for r in out["results"]), out["results"]
    staff = [(m.get("text"), m.get("staff")) for m in out["got"] if m.get("staff")]
    assert staff == [(text, "ana") for text in STAFF_TEXTS]
    events = scaled.tracker(out["conversation"])["events"]
    assert [
        e["text"]
        for e in events
        if e.get("event") == "bot" and (e.get("metadata") or {}).get("staff")
    ] == [t for t, _ in staff]


def test_a_prescreen_survives_losing_a_replica_midway(scaled):
    scaled.wait_replicas(300)
    s = sender()
    answers = {"prescreen_consent": "yes", "age": "34"}
    sent = ["could you check whether I'm suitable"]
    assert scaled.say(s, sent[0])
    killed = False
    for turn in range(25):
        slot = scaled.slots(s).get("requested_slot")
        if not slot:
            break
        if turn == 3:
            scaled.kill_replica(scaled.replica_ports[0])
            killed = True
        sent.append(answers.get(slot, "no"))
        assert scaled.say(s, sent[-1]), f"no answer to {sent[-1]!r} at {slot}"
    assert killed, "the questionnaire ended before a replica could be killed"
    slots = scaled.slots(s)
    assert slots["prescreen_outcome"] == "eligible" and not slots.get("requested_slot")
    events = scaled.tracker(s)["events"]
    assert [e["text"] for e in events if e.get("event") == "user"] == sent  # each once, in order
    records = store.prescreens_for(s, db=db_of(scaled))
    assert len(records) == 1 and records[0]["outcome"] == "eligible"


def test_an_emergency_while_a_replica_is_down_gets_advice_and_ticket(scaled):
    down = scaled.one_replica_down()
    patients = [sender(), sender()]  # round robin: one of them meets the dead replica first
    for s in patients:
        replies = scaled.say(s, "my skin has gone white and blotchy where she injected")
        assert joined(replies).startswith(said("utter_emergency_advice"))
        assert scaled.slots(s)["triage_level"] == "emergency"
    assert not scaled.replica_up(down)
    for s in patients:
        ticket = store.open_ticket_for(s, db=db_of(scaled))
        assert ticket and ticket["priority"] == "emergency"
        assert scaled.slots(s)["handoff_ticket_id"] == ticket["id"]


def test_sigterm_stops_every_process(scaled):
    assert scaled.processes()
    scaled.stop()
    deadline = time.time() + 20
    while scaled.processes() and time.time() < deadline:
        time.sleep(0.2)
    assert scaled.processes() == {}
    assert not any(scaled.replica_up(p) for p in scaled.replica_ports)
