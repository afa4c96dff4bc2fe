"""bot.escalation: one ticket per episode, never lost, whatever breaks."""

from __future__ import annotations

import json
import os
import sqlite3

import pytest

from bot import escalation, escalation_spool, notify, store

# ``data_dir`` (a temporary BOT_DATA_DIR) and ``db`` come from conftest.py.


@pytest.fixture(autouse=True)
def no_staff_targets(monkeypatch) -> None:
    """No webhook or Telegram: nothing may leave the machine."""
    for name in ("STAFF_WEBHOOK_URL", "STAFF_TELEGRAM_BOT_TOKEN", "STAFF_TELEGRAM_CHAT_ID"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def alerts(monkeypatch):
    """Record the tickets staff would be alerted about."""
    seen = []
    monkeypatch.setattr(notify, "alert_staff", lambda ticket, *a, **k: seen.append(ticket))
    return seen


def _escalate(db, level="urgent", episode="m1", conv="c1", **kw):
    return escalation.escalate(
        conv, "rest", level, f"{level} report", ["sign"], episode_key=episode, db=db, **kw
    )


def test_one_ticket_per_episode(db, alerts):
    a = _escalate(db, "emergency", "m1")
    b = _escalate(db, "emergency", "m1")
    assert a["id"] == b["id"]
    assert db["tickets"].count == 1
    assert store.notes(a["id"], db=db) == []  # same message: no "reported again" note
    assert a["priority"] == "emergency" and a["signs"] == ["sign"]


def test_open_ticket_at_same_level_is_reused_with_a_note(db, alerts):
    a = _escalate(db, "urgent", "m1")
    b = _escalate(db, "urgent", "m2")
    assert b["id"] == a["id"]
    assert db["tickets"].count == 1
    notes = store.notes(a["id"], db=db)
    assert len(notes) == 1 and "urgent" in notes[0]["text"]


def test_open_ticket_at_higher_level_is_reused(db, alerts):
    a = _escalate(db, "emergency", "m1")
    b = _escalate(db, "routine", "m2")
    assert b["id"] == a["id"] and b["priority"] == "emergency"
    assert db["tickets"].count == 1
    assert len(store.notes(a["id"], db=db)) == 1


def test_note_repeat_false_adds_no_note(db, alerts):
    a = _escalate(db, "urgent", "m1")
    _escalate(db, "urgent", "m2", note_repeat=False)
    assert store.notes(a["id"], db=db) == []


def test_higher_level_creates_a_new_ticket(db, alerts):
    a = _escalate(db, "routine", "m1")
    b = _escalate(db, "emergency", "m2")
    assert b["id"] != a["id"] and b["priority"] == "emergency"
    assert db["tickets"].count == 2
    assert store.open_ticket_for("c1", db=db)["id"] == b["id"]
    assert [t["id"] for t in alerts] == [a["id"], b["id"]]


def test_resolved_ticket_is_not_reused(db, alerts):
    a = _escalate(db, "urgent", "m1")
    store.update_ticket(a["id"], "ana", status="resolved", db=db)
    b = _escalate(db, "urgent", "m2")
    assert b["id"] != a["id"]


def test_other_conversation_gets_its_own_ticket(db, alerts):
    a = _escalate(db, "urgent", "m1", conv="c1")
    b = _escalate(db, "urgent", "m1", conv="c2")
    assert a["id"] != b["id"]


@pytest.mark.parametrize("level", ["none", None, "", "EMERGENCY", "high"])
def test_non_escalating_level_creates_nothing(db, alerts, level):
    assert _escalate(db, level) is None
    assert db["tickets"].count == 0
    assert alerts == []


def test_alert_only_for_new_tickets(db, alerts):
    _escalate(db, "urgent", "m1")
    _escalate(db, "urgent", "m1")
    _escalate(db, "urgent", "m2")
    assert len(alerts) == 1
    _escalate(db, "urgent", "m3", conv="c2", notify=False)
    assert len(alerts) == 1


def test_database_unwritable_spools_then_replays_once(db, alerts, monkeypatch):
    def broken(*args, **kwargs):
        raise sqlite3.OperationalError("database is locked")

    with monkeypatch.context() as m:
        m.setattr(store, "create_ticket", broken)
        assert _escalate(db, "emergency", "m1", conv="c😀") is None
    assert db["tickets"].count == 0
    assert alerts == []
    spooled = escalation.spooled()
    assert len(spooled) == 1
    entry = spooled[0]
    assert entry["level"] == "emergency" and entry["episode_key"] == "m1"
    assert entry["conversation_id"] == "c😀"

    # the database is back
    assert escalation.replay_spool(db=db) == 1
    assert escalation.replay_spool(db=db) == 0
    tickets = store.list_tickets(db=db)
    assert len(tickets) == 1
    assert tickets[0]["priority"] == "emergency"
    assert tickets[0]["conversation_id"] == "c😀"
    assert tickets[0]["episode_key"] == "m1"
    assert len(alerts) == 1  # staff hear about it once it is recorded


def test_replay_is_idempotent_if_the_action_recorded_it_meanwhile(db, alerts, monkeypatch):
    with monkeypatch.context() as m:
        m.setattr(
            store,
            "create_ticket",
            lambda *a, **k: (_ for _ in ()).throw(sqlite3.OperationalError("x")),
        )
        assert _escalate(db, "urgent", "m1") is None
    first = _escalate(db, "urgent", "m1")
    escalation.replay_spool(db=db)
    assert db["tickets"].count == 1
    assert store.list_tickets(db=db)[0]["id"] == first["id"]


@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can write to a read-only directory"
)
def test_read_only_data_dir_is_spooled(tmp_path, monkeypatch, alerts):
    ro = tmp_path / "ro"
    ro.mkdir()
    monkeypatch.setenv("BOT_DATA_DIR", str(ro))
    spool = tmp_path / "spool.jsonl"
    monkeypatch.setattr(escalation_spool, "spool_path", lambda: spool)
    ro.chmod(0o500)
    try:
        assert escalation.escalate("c1", "rest", "emergency", "r", episode_key="m1") is None
    finally:
        ro.chmod(0o700)
    assert len(spool.read_text().splitlines()) == 1


def test_database_file_unreadable_is_spooled(tmp_path, monkeypatch, alerts):
    """A directory where clinic.db should be: sqlite cannot open it, even as root."""
    monkeypatch.setenv("BOT_DATA_DIR", str(tmp_path))
    (tmp_path / "clinic.db").mkdir()
    assert escalation.escalate("c1", "rest", "emergency", "r", episode_key="m1") is None
    assert [x["level"] for x in escalation.spooled()] == ["emergency"]
    (tmp_path / "clinic.db").rmdir()
    assert escalation.replay_spool() == 1
    db = store.open_db()
    assert db["tickets"].count == 1
    db.close()


def test_unreadable_spool_line_is_skipped(db, alerts):
    good = {
        "conversation_id": "c1",
        "channel": "rest",
        "level": "urgent",
        "reason": "r",
        "signs": [],
        "episode_key": "m1",
        "source": "bot",
    }
    escalation.spool_path().write_text("{not json\n" + json.dumps(good) + "\n", encoding="utf-8")
    assert escalation.replay_spool(db=db) == 1
    assert db["tickets"].count == 1
    assert escalation.replay_spool(db=db) == 0


def test_replay_with_no_spool_is_harmless(db):
    assert escalation.replay_spool(db=db) == 0


def test_notify_failure_never_loses_the_ticket(db, monkeypatch):
    def boom(ticket, *a, **k):
        raise RuntimeError("webhook down")

    monkeypatch.setattr(notify, "alert_staff", boom)
    t = _escalate(db, "emergency", "m1")
    assert t is not None and t["priority"] == "emergency"
    assert store.get_ticket(t["id"], db=db) is not None
    assert escalation.spooled() == []


def test_real_notifier_without_targets_is_quiet(db):
    """The real alert_staff with nothing configured: the ticket, no queue rows."""
    t = _escalate(db, "emergency", "m1")
    assert t is not None
    assert store.notifications_for(t["id"], db=db) == []


def test_spool_failure_does_not_crash_the_caller(db, alerts, monkeypatch, tmp_path):
    """Database and spool both gone: log it and return None, never raise."""
    monkeypatch.setattr(
        store, "create_ticket", lambda *a, **k: (_ for _ in ()).throw(sqlite3.OperationalError("x"))
    )
    monkeypatch.setattr(escalation_spool, "spool_path", lambda: tmp_path / "missing" / "s.jsonl")
    assert _escalate(db, "emergency", "m1") is None


def test_leftover_replay_file_is_not_lost(db, alerts):
    """A replay that died half-way left ``.replaying``; the next one finishes it."""

    def entry(conv):
        return (
            json.dumps(
                {
                    "conversation_id": conv,
                    "channel": "rest",
                    "level": "urgent",
                    "reason": "r",
                    "signs": [],
                    "episode_key": "m1",
                    "source": "bot",
                }
            )
            + "\n"
        )

    spool = escalation.spool_path()
    spool.with_suffix(".replaying").write_text(entry("old"), encoding="utf-8")
    spool.write_text(entry("new"), encoding="utf-8")
    assert escalation.replay_spool(db=db) == 2
    assert {t["conversation_id"] for t in store.list_tickets(db=db)} == {"old", "new"}
    assert not spool.with_suffix(".replaying").exists()
    assert escalation.replay_spool(db=db) == 0


def test_malformed_spool_entries_are_dropped_not_fatal(db, alerts):
    good = {
        "conversation_id": "c1",
        "channel": "rest",
        "level": "urgent",
        "reason": "r",
        "signs": [],
        "episode_key": "m1",
        "source": "bot",
    }
    lines = ["[1, 2]", "42", json.dumps({**good, "surprise": 1}), json.dumps(good)]
    escalation.spool_path().write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert escalation.replay_spool(db=db) == 1
    assert db["tickets"].count == 1
    assert not escalation.spool_path().with_suffix(".replaying").exists()


# ------------------------------------------------------------ D6 and D8


def test_a_hundred_repeated_emergencies_are_one_ticket_one_page(db, alerts):
    """D8: 100 fake emergencies paged staff 100 times (one sender: one ticket, one page)."""
    for i in range(100):
        _escalate(db, "emergency", f"m{i}", conv="web-flooder")
    assert db["tickets"].count == 1
    assert len(alerts) == 1
    (ticket,) = store.list_tickets(db=db)
    assert len(store.notes(ticket["id"], db=db)) == 1  # "reported again": once a minute


def test_alert_first_when_the_database_cannot_be_written(db, monkeypatch, http_server):
    """D6/D11: no ticket could be written, so no staff alert was ever sent."""
    hook = http_server()
    monkeypatch.setenv("STAFF_WEBHOOK_URL", f"{hook.url}/hook")
    order = []
    real_spool = escalation._spool
    monkeypatch.setattr(escalation, "_spool", lambda e: order.append("spool") or real_spool(e))
    monkeypatch.setattr(
        notify,
        "SENDERS",
        {"webhook": lambda payload: order.append("alert") or notify.send_webhook(payload)},
    )
    with monkeypatch.context() as m:
        m.setattr(
            store,
            "create_ticket",
            lambda *a, **k: (_ for _ in ()).throw(
                sqlite3.OperationalError("database or disk is full")
            ),
        )
        done = escalation.outcome(
            "tg-4242",
            "telegram",
            "emergency",
            "vision_change (emergency): 'my vision went blurry'",
            ["vision_change"],
            episode_key="m1",
            db=db,
        )
    assert order == ["alert", "spool"]
    assert done.ticket is None and done.alerted and done.staff_know and done.spooled
    (sent,) = hook.requests
    assert sent.json["priority"] == "emergency" and "NOT YET RECORDED" in sent.json["text"]
    assert "blurry" not in json.dumps(sent.json) and "4242" not in json.dumps(sent.json)
    assert escalation.replay_spool(db=db) == 1
    assert db["tickets"].count == 1
    assert len(hook.requests) == 1  # recorded later without a second page
    hook.clear()


def test_the_reserve_spool_needs_no_new_disk_space(data_dir):
    path = escalation.prepare()
    before = os.stat(path)
    for i in range(5):
        assert escalation._spool(
            {
                "conversation_id": f"c{i}",
                "channel": "rest",
                "level": "emergency",
                "reason": "r" * 10_000,
                "signs": [],
                "episode_key": str(i),
                "source": "bot",
                "alerted": False,
            }
        )
    after = os.stat(path)
    assert (after.st_size, after.st_blocks) == (before.st_size, before.st_blocks)
    assert [e["conversation_id"] for e in escalation.spooled()] == [f"c{i}" for i in range(5)]
    assert not escalation.spool_path().exists()


@pytest.fixture
def full_disk(tmp_path):
    """A 4 MB tmpfs as BOT_DATA_DIR (root only: mount needs it)."""
    import subprocess

    mnt = tmp_path / "small-disk"
    mnt.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mnt)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(
            "cannot mount a small tmpfs here (needs root); "
            "test_alert_first_when_the_database_cannot_be_written covers the logic"
        )
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True)


def fill(folder):
    """Write until the disk is full; return the filler file."""
    filler = folder / "filler"
    with open(filler, "wb", buffering=0) as f:
        for chunk in (65536, 4096, 512, 1):
            try:
                while True:
                    f.write(b"\0" * chunk)
            except OSError:
                pass
    return filler


def test_an_emergency_on_a_full_disk_still_pages_staff(full_disk, monkeypatch, http_server):
    """D6: a full BOT_DATA_DIR left no ticket, an empty spool and no staff alert."""
    hook = http_server()
    monkeypatch.setenv("BOT_DATA_DIR", str(full_disk))
    monkeypatch.setenv("STAFF_WEBHOOK_URL", f"{hook.url}/hook")
    db = store.open_db()
    escalation.prepare()  # run.sh does it at start
    filler = fill(full_disk)
    with pytest.raises(OSError):
        (full_disk / "more").write_bytes(b"x" * 65536)
    assert escalation.storage_problem() and "MB free" in escalation.storage_problem()

    done = escalation.outcome(
        "tw-447000077777",
        "twilio_whatsapp",
        "emergency",
        "vision_change (emergency)",
        ["vision_change"],
        episode_key="SM1",
        db=db,
    )
    assert done.ticket is None and done.spooled and done.alerted
    assert len(hook.requests) == 1 and hook.requests[0].json["priority"] == "emergency"
    assert [e["conversation_id"] for e in escalation.spooled()] == ["tw-447000077777"]

    filler.unlink()  # space again: the reconciler replays it
    assert escalation.replay_spool(db=db) == 1
    (ticket,) = store.list_tickets(db=db)
    assert ticket["conversation_id"] == "tw-447000077777" and ticket["priority"] == "emergency"
    assert len(hook.requests) == 1  # one page in all
    assert escalation.spooled() == []
    db.conn.close()
    hook.clear()
