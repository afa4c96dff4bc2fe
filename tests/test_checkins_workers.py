"""Two (or more) workers on one clinic.db never send a check-in twice."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

from bot import checkins
from bot.checkins import store as cstore

START = "2026-05-10T12:00:00+00:00"  # 13:00 in London: no quiet hours


def register_many(path: Path, clock, n: int) -> None:
    db = checkins.open_db(path)
    channels = ["rest", "telegram", "socketio", "twilio_whatsapp", "whatsapp_cloud"]
    for i in range(n):
        treated = clock.now() - timedelta(hours=25 + i % 3)
        checkins.register(
            {
                "sender_id": f"p{i}",
                "channel": channels[i % len(channels)],
                "treated_at": treated.isoformat(),
                "treatment": "mesotherapy",
            },
            clock,
            db=db,
        )
    db.conn.close()


def due_ids(path: Path, clock) -> list:
    db = checkins.open_db(path)
    try:
        return sorted(r["id"] for r in cstore.due_checkins(db, clock.now(), limit=10_000))
    finally:
        db.conn.close()


def test_interleaved_workers_see_the_same_due_list_but_only_one_sends(data_dir):
    clock = checkins.FakeClock(START)
    path = data_dir / "clinic.db"
    register_many(path, clock, 1)
    a, b = checkins.open_db(path), checkins.open_db(path)
    [row_a] = cstore.due_checkins(a, clock.now())
    [row_b] = cstore.due_checkins(b, clock.now())
    assert row_a["id"] == row_b["id"]  # both would send it...
    assert cstore.claim(a, row_a["id"], clock.now(), "a", 300)
    assert not cstore.claim(b, row_b["id"], clock.now(), "b", 300)  # ...only one may
    cstore.mark_sent(a, row_a["id"], clock.now(), 24)
    assert not cstore.claim(b, row_b["id"], clock.now(), "b", 300)  # nor after it is sent
    a.conn.close()
    b.conn.close()


def test_threads_racing_on_one_file_send_each_checkin_once(data_dir):
    clock = checkins.FakeClock(START)
    path = data_dir / "clinic.db"
    register_many(path, clock, 60)
    expected = due_ids(path, clock)
    assert len(expected) == 60
    sent: list = []
    lock = threading.Lock()
    start = threading.Barrier(4)
    errors: list = []

    def worker(name: str) -> None:
        db = checkins.open_db(path)
        try:
            start.wait()

            def sender(message) -> None:
                with lock:
                    sent.append((message.checkin_id, name))
                time.sleep(0.001)  # widen the window between claim and "sent"

            for _ in range(3):
                checkins.send_due(clock, sender, db=db, worker=name)
        except Exception as exc:  # noqa: BLE001
            errors.append(repr(exc))
        finally:
            db.conn.close()

    threads = [threading.Thread(target=worker, args=(f"w{i}",)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == []
    counts = Counter(cid for cid, _ in sent)
    assert sorted(counts) == expected
    assert max(counts.values()) == 1
    db = checkins.open_db(path)
    assert db.execute("select count(*) from checkin_sends").fetchone()[0] == 60
    assert {
        r[0]
        for r in db.execute(
            "select status from checkins where id in ({})".format(",".join("?" * len(expected))),
            expected,
        )
    } == {"sent"}
    db.conn.close()


WORKER = r"""
import json, os, sys, time
from bot import checkins
clock = checkins.FakeClock(sys.argv[1])
out = sys.argv[2]
name = f"proc-{os.getpid()}"
def sender(message):
    fd = os.open(out, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
    try:
        os.write(fd, (json.dumps([message.checkin_id, name]) + "\n").encode())
    finally:
        os.close(fd)
    time.sleep(0.002)  # widen the window between claim and "sent"
db = checkins.open_db()
print("ready", flush=True)
sys.stdin.readline()  # all workers start together
for _ in range(5):
    checkins.send_due(clock, sender, db=db, worker=name)
print(name)
"""


def test_processes_racing_on_one_file_send_each_checkin_once(data_dir, tmp_path):
    clock = checkins.FakeClock(START)
    path = data_dir / "clinic.db"
    register_many(path, clock, 40)
    clock.advance(hours=48)  # now the 72h check-ins are due as well (24h ones too: superseded)
    expected = due_ids(path, clock)
    out = tmp_path / "sent.jsonl"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, clock.now().isoformat(), str(out)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    for p in procs:
        assert p.stdout.readline().strip() == "ready", p.stderr.read()
    for p in procs:
        p.stdin.write("go\n")
        p.stdin.flush()
    for p in procs:
        stdout, stderr = p.communicate(timeout=180)
        assert p.returncode == 0, stderr
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    counts = Counter(cid for cid, _ in lines)
    db = checkins.open_db(path)
    sent_ids = sorted(r[0] for r in db.execute("select id from checkins where status = 'sent'"))
    db.conn.close()
    assert max(counts.values()) == 1, [c for c in counts.items() if c[1] > 1]
    assert sorted(counts) == sent_ids
    # Each treatment got exactly one message: the 72h one (the missed 24h one was superseded).
    assert len(sent_ids) == 40
    assert set(sent_ids) <= set(expected)
