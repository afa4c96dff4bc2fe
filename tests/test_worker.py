"""bot.worker: the background loop, one worker at a time by a lease in clinic.db."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time

import pytest

from bot import store, worker
from bot.config import ROOT

# ------------------------------------------------------------ the lease


def test_a_lease_is_held_by_one_holder_until_it_runs_out(db):
    assert store.take_lease("w", "a", 60, db=db)
    assert store.lease_holder("w", db=db) == "a"
    assert not store.take_lease("w", "b", 60, db=db)
    assert store.take_lease("w", "a", 60, db=db)  # renewing
    assert not store.release_lease("w", "b", db=db)  # only the holder gives it up
    assert store.release_lease("w", "a", db=db)
    assert store.lease_holder("w", db=db) is None
    assert store.take_lease("w", "b", 0.2, db=db)
    time.sleep(0.3)  # b died without releasing
    assert store.lease_holder("w", db=db) is None
    assert store.take_lease("w", "a", 60, db=db)


def test_leases_are_independent_and_an_unreadable_one_is_free(db):
    assert store.take_lease("one", "a", 60, db=db) and store.take_lease("two", "b", 60, db=db)
    db.execute("update meta set value = 'not json' where key = 'lease:one'")
    assert store.take_lease("one", "c", 60, db=db) and store.lease_holder("two", db=db) == "b"


# ------------------------------------------------------------ rounds


def jobs_recording(calls, fail=()):
    def job(name):
        def run():
            calls.append(name)
            if name in fail:
                raise RuntimeError("boom")

        return worker.Job(name, run)

    return [
        job("alerts"),
        job("reconcile"),
        worker.Job("hourly", lambda: calls.append("hourly"), every_seconds=3600),
    ]


def test_a_round_runs_every_due_job_and_survives_a_failing_one(data_dir, caplog):
    calls = []
    w = worker.Worker(jobs_recording(calls, fail=("alerts",)), interval=1, lease_seconds=30)
    assert w.run_round()
    assert calls == ["alerts", "reconcile", "hourly"]
    assert "background job alerts failed" in caplog.text
    assert w.run_round()
    assert calls[3:] == ["alerts", "reconcile"]  # the hourly job is not due again
    assert store.lease_holder(worker.LEASE) == w.holder


def test_a_second_worker_stands_by(data_dir):
    first, second = [], []
    a = worker.Worker(jobs_recording(first), interval=1, lease_seconds=30)
    b = worker.Worker(jobs_recording(second), interval=1, lease_seconds=30)
    assert a.run_round() and not b.run_round()
    assert first and second == []
    a.release()  # a stops: b takes over at once
    assert b.run_round() and second == ["alerts", "reconcile", "hourly"]


def test_two_workers_never_run_jobs_at_the_same_time(data_dir):
    """Jobs that last longer than the lease: the heartbeat keeps the other one out."""
    running, most, done = [0], [0], []
    guard = threading.Lock()

    def sweep():
        with guard:
            running[0] += 1
            most[0] = max(most[0], running[0])
        time.sleep(0.5)
        with guard:
            running[0] -= 1
        done.append(threading.current_thread().name)

    workers = [
        worker.Worker([worker.Job("sweep", sweep)], interval=0.05, lease_seconds=0.3)
        for _ in range(2)
    ]
    threads = [threading.Thread(target=w.run_forever, name=f"w{i}") for i, w in enumerate(workers)]
    for t in threads:
        t.start()
    time.sleep(3)
    workers[0].stop()
    workers[1].stop()
    for t in threads:
        t.join(10)
    assert most[0] == 1 and len(done) >= 3
    assert store.lease_holder(worker.LEASE) is None  # given up on stop


def test_settings_from_the_environment(monkeypatch, data_dir):
    monkeypatch.setenv("INBOX_BACKGROUND_SECONDS", "2")
    monkeypatch.setenv("WORKER_LEASE_SECONDS", "nonsense")
    w = worker.Worker(jobs=[])
    assert w.interval == 2 and w.lease_seconds == 60
    monkeypatch.setenv("WORKER_INTERVAL_SECONDS", "0")
    assert worker.Worker(jobs=[]).interval == 0.1  # never a busy loop


def test_the_default_jobs(data_dir):
    assert [j.name for j in worker.default_jobs()] == [
        "retry_alerts",
        "reconcile",
        "checkins",
        "housekeeping",
    ]
    worker.housekeeping()


# ------------------------------------------------------------ the command


def _env(data_dir, **extra):
    return {
        **os.environ,
        "BOT_DATA_DIR": str(data_dir),
        "RASA_PORT": "9",
        "STAFF_TELEGRAM_BOT_TOKEN": "",
        "STAFF_TELEGRAM_CHAT_ID": "",
        **extra,
    }


@pytest.mark.slow
def test_once_sends_a_due_alert(data_dir, db, http_server):
    hook = http_server()
    hook.clear()
    t = store.create_ticket("tg-1", "telegram", "emergency", "vision", db=db)
    nid = store.enqueue_notification(
        t["id"], "new_ticket", "webhook", {"ticket_id": t["id"]}, db=db
    )
    done = subprocess.run(
        [sys.executable, "-m", "bot.worker", "--once"],
        cwd=ROOT,
        env=_env(data_dir, STAFF_WEBHOOK_URL=f"{hook.url}/hook"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr + done.stdout
    assert store.notifications_for(t["id"], db=db)[0]["status"] == "sent", done.stdout
    assert any((r.json or {}).get("ticket_id") == t["id"] for r in hook.requests)
    assert nid and store.lease_holder(worker.LEASE, db=db) is None


@pytest.mark.slow
def test_two_worker_processes_one_works_the_other_takes_over(data_dir, db):
    env = _env(data_dir, WORKER_INTERVAL_SECONDS="0.2", WORKER_LEASE_SECONDS="2")
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "bot.worker"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(2)
    ]
    try:
        leader = _wait_for_holder(db, procs)
        other = next(p for p in procs if p is not leader)
        leader.send_signal(signal.SIGKILL)  # dies holding the lease
        leader.wait(10)
        assert _wait_for_holder(db, [other], timeout=20) is other
        other.send_signal(signal.SIGTERM)  # stops cleanly: gives it up
        assert other.wait(30) == 0
        assert store.lease_holder(worker.LEASE, db=db) is None
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
                p.wait(10)


def _wait_for_holder(db, procs, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        holder = store.lease_holder(worker.LEASE, db=db) or ""
        for p in procs:
            if f":{p.pid}:" in holder:
                return p
        time.sleep(0.1)
    raise AssertionError(f"no worker took the lease within {timeout} s")
