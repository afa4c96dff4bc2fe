"""bot.store: the clinic database survives restarts, races and hostile text.

Every test works on a temporary SQLite file (``BOT_DATA_DIR`` points at
``tmp_path``), never on ``./var``.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import sqlite_utils

from bot import checkins, config, store

# ``data_dir`` (a temporary BOT_DATA_DIR) and ``db`` (a migrated database on it)
# come from conftest.py.


def _age_row(db, table: str, row_id: str, days: int) -> None:
    """Pretend a row was created ``days`` days ago."""
    old = (datetime.now(timezone.utc) - timedelta(days=days)).isoformat(timespec="seconds")
    db.execute(f"update {table} set created_at = ? where id = ?", [old, row_id])


def _ticket(db, conv="c1", priority="routine", episode=None, reason="r"):
    return store.create_ticket(
        conv, "rest", priority, reason, ["sign_a"], episode_key=episode, db=db
    )


# ------------------------------------------------------------------ schema


def test_open_db_uses_bot_data_dir_not_var(data_dir):
    db = store.open_db()
    db.close()
    assert config.db_path() == data_dir / "clinic.db"
    assert (data_dir / "clinic.db").exists()


def test_wal_mode_is_on(db):
    assert db.execute("pragma journal_mode").fetchone()[0].lower() == "wal"


def test_migration_is_idempotent(data_dir):
    path = data_dir / "clinic.db"
    first = store.open_db(path)
    tables = set(first.table_names())
    _ticket(first)
    first.close()
    for _ in range(3):
        again = store.open_db(path)
        store.migrate(again)
        assert set(again.table_names()) == tables
        assert _applied(again) == _all_migrations()  # each once, none pending
        assert again["tickets"].count == 1  # nothing recreated or lost
        again.close()
    for name in (
        "tickets",
        "notes",
        "audit",
        "prescreen_records",
        "processed_messages",
        "contacts",
        "notifications",
        "staff_users",
        "meta",
        "_sqlite_migrations",
    ):
        assert name in tables


def _applied(db) -> list:
    return [
        r[0]
        for r in db.execute(
            "select name from _sqlite_migrations where migration_set = 'clinic' order by id"
        )
    ]


def _all_migrations() -> list:
    return [m.name for m in store.MIGRATIONS.pending(sqlite_utils.Database(memory=True))]


def _open_at_once(path: Path, n: int):
    """``n`` threads open (and migrate) the same fresh file at the same moment."""
    errors, dbs = [], []
    barrier = threading.Barrier(n)

    def opener():
        try:
            barrier.wait()
            dbs.append(store.open_db(path))
        except Exception as exc:  # pragma: no cover - what the tests look for  # noqa: BLE001 - any error is what the test looks for
            errors.append(exc)

    threads = [threading.Thread(target=opener) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return errors, dbs


def test_migration_is_safe_with_two_connections(data_dir):
    """Processes starting together on a fresh file: one schema, no error."""
    errors, dbs = _open_at_once(data_dir / "race.db", 2)
    assert errors == [] and len(dbs) == 2
    a, b = dbs
    t = _ticket(a, episode="e1")
    assert store.get_ticket(t["id"], db=b)["id"] == t["id"]  # the other sees it
    assert _applied(b) == _all_migrations()  # applied once, not once per connection
    assert b.execute("pragma journal_mode").fetchone()[0].lower() == "wal"
    for d in dbs:
        d.close()


def test_first_open_race_many_times(data_dir):
    """Switching a fresh file to WAL can fail at once with "database is locked"
    when another process does the same: it must be retried, not raised."""
    for round_ in range(30):
        errors, dbs = _open_at_once(data_dir / f"race{round_}.db", 6)
        for d in dbs:
            d.close()
        assert errors == [], f"round {round_}: {errors!r}"
        assert len(dbs) == 6


def test_migrate_on_an_older_version_runs_again(data_dir):
    """A file at schema version 0 (meta but no version row) is migrated."""
    path = data_dir / "old.db"
    raw = sqlite3.connect(str(path))
    raw.execute("create table meta (key text primary key, value text)")
    raw.commit()
    raw.close()
    db = store.open_db(path)
    assert "tickets" in db.table_names()
    assert _applied(db) == _all_migrations()
    db.close()


OLD_SCHEMA = Path(__file__).parent / "fixtures" / "clinic_schema_v2.sql"
# The check-in tables as bot.checkins made them itself, before migration m004.
OLD_CHECKIN_SCHEMA = Path(__file__).parent / "fixtures" / "checkins_schema_old.sql"


@pytest.mark.parametrize("old_version", [1, 2])
def test_a_database_of_the_old_scheme_upgrades_with_its_data(data_dir, old_version):
    """A clinic.db made by the hand-written migrations (versions 1 and 2) opens
    under sqlite-utils migrations with every row intact and the claim columns added."""
    path = data_dir / "clinic.db"
    raw = sqlite3.connect(str(path))
    sql = OLD_SCHEMA.read_text()
    if old_version == 1:
        sql = sql.replace(", state text, owner text, claimed_at text", "").replace(
            "('schema_version', '2')", "('schema_version', '1')"
        )
    raw.executescript(sql)
    raw.executescript("""
        insert into tickets (id, conversation_id, channel, priority, status, reason, signs,
            episode_key, source, created_at, updated_at)
            values ('T-1', 'c1', 'rest', 'urgent', 'open', 'r', '["s"]', 'e1', 'bot',
                    '2026-11-01T10:00:00+00:00', '2026-11-01T10:00:00+00:00');
        insert into notes (ticket_id, author, text, created_at)
            values ('T-1', 'ana', 'called back', '2026-11-01T10:05:00+00:00');
        insert into staff_users (username, password_hash, role, created_at, disabled)
            values ('ana', 'scrypt$x', 'staff', '2026-11-01T09:00:00+00:00', 0);
        insert into contacts (conversation_id, channel, last_inbound_at)
            values ('c1', 'whatsapp', '2026-11-01T10:00:00+00:00');
        insert into processed_messages (channel, message_id, at)
            values ('whatsapp', 'wamid.1', '2026-11-01T10:00:00+00:00');
        insert into meta (key, value) values ('lease:worker', '{"holder": "w", "until": 1}');
    """)
    raw.commit()
    raw.close()

    db = store.open_db(path)
    assert _applied(db) == _all_migrations()
    assert store.get_ticket("T-1", db=db)["signs"] == ["s"]
    assert [n["text"] for n in store.notes("T-1", db=db)] == ["called back"]
    assert store.get_staff_user("ana", db=db)["password_hash"] == "scrypt$x"
    assert store.contact("c1", db=db)["last_inbound_at"] == "2026-11-01T10:00:00+00:00"
    # a message id recorded before claims existed counts as handled, not as new
    assert store.claim_message("whatsapp", "wamid.1", "me", db=db) == "done"
    assert store.claim_message("whatsapp", "wamid.2", "me", db=db) == "new"
    # the old version marker is retired, the rest of meta (leases) stays
    assert db.execute("select key from meta").fetchall() == [("lease:worker",)]
    db.close()
    again = store.open_db(path)  # and opening it again changes nothing
    assert again["tickets"].count == 1 and again["notes"].count == 1
    again.close()


def test_check_in_tables_made_before_their_migration_upgrade_with_their_rows(data_dir):
    """A clinic.db of the code before m004: the store's first three migrations
    applied, the check-in tables made by bot.checkins itself, with rows in them."""
    path = data_dir / "clinic.db"
    raw = sqlite_utils.Database(sqlite3.connect(str(path), isolation_level=None))
    store.MIGRATIONS.apply(raw, stop_before="m004_checkin_tables")
    raw.conn.executescript(OLD_CHECKIN_SCHEMA.read_text())
    raw.conn.executescript("""
        insert into treatments (id, sender_id, channel, conversation_id, treatment, treated_at,
            created_at, created_by)
            values ('TR-0123456789', '+447700900123', 'rest', '+447700900123', 'mesotherapy',
                    '2026-11-01T10:00:00Z', '2026-11-01T10:05:00Z', 'api');
        insert into checkins (treatment_id, seq, kind, due_at, status)
            values ('TR-0123456789', 0, 'day1', '2026-11-02T10:00:00Z', 'scheduled');
        insert into checkin_sends (checkin_id, worker, claimed_at)
            values (1, 'w', '2026-11-02T10:00:01Z');
        insert into checkin_optouts (conversation_id, at) values ('c9', '2026-11-01T11:00:00Z');
    """)
    assert [m.name for m in store.MIGRATIONS.pending(raw)] == ["m004_checkin_tables"]
    raw.conn.close()

    db = store.open_db(path)
    assert _applied(db) == _all_migrations()
    treatment = checkins.get_treatment("TR-0123456789", db=db)
    assert treatment["treatment"] == "mesotherapy"
    assert [(c["kind"], c["status"], c["due_at"]) for c in treatment["checkins"]] == [
        ("day1", "scheduled", "2026-11-02T10:00:00Z")
    ]
    assert db["checkin_sends"].count == 1 and db["checkin_optouts"].count == 1
    # the same unique index as before: the same treatment cannot be recorded twice
    with pytest.raises(sqlite3.IntegrityError):
        db["treatments"].insert({**db["treatments"].get("TR-0123456789"), "id": "TR-AAAAAAAAAA"})
    db.close()


# ------------------------------------------------------------------ tickets


def test_create_ticket_is_idempotent_per_episode(db):
    a = _ticket(db, episode="msg-1")
    b = _ticket(db, episode="msg-1", priority="routine", reason="again")
    assert a["id"] == b["id"]
    assert db["tickets"].count == 1
    c = _ticket(db, episode="msg-2")
    assert c["id"] != a["id"]
    other_conv = _ticket(db, conv="c2", episode="msg-1")
    assert other_conv["id"] != a["id"]
    assert db["tickets"].count == 3
    created = [r for r in store.audit_log(db=db) if r["action"] == "ticket_created"]
    assert len(created) == 3


def test_create_ticket_same_episode_from_two_connections(data_dir):
    one, two = store.open_db(), store.open_db()
    results = []
    barrier = threading.Barrier(2)

    def make(d):
        barrier.wait()
        results.append(
            store.create_ticket("c1", "rest", "emergency", "x", episode_key="m1", db=d)["id"]
        )

    threads = [threading.Thread(target=make, args=(d,)) for d in (one, two)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(20)
    assert len(results) == 2 and results[0] == results[1]
    assert one["tickets"].count == 1
    one.close()
    two.close()


def test_create_ticket_rejects_unknown_priority(db):
    with pytest.raises(ValueError):
        _ticket(db, priority="none")
    with pytest.raises(ValueError):
        _ticket(db, priority="EMERGENCY")
    assert db["tickets"].count == 0


def test_ticket_fields(db):
    t = _ticket(db, priority="urgent", episode="m1", reason="swelling")
    assert t["status"] == "open"
    assert t["priority"] == "urgent"
    assert t["signs"] == ["sign_a"]
    assert t["episode_key"] == "m1"
    assert t["id"].startswith("T-")
    assert t["resolved_at"] is None
    assert store.get_ticket("T-nope", db=db) is None


def test_queue_order_is_priority_then_oldest(db):
    ids = {}
    for name, prio, age in [
        ("r_new", "routine", 1),
        ("e_new", "emergency", 1),
        ("u_old", "urgent", 5),
        ("r_old", "routine", 9),
        ("e_old", "emergency", 3),
        ("u_new", "urgent", 0),
    ]:
        t = _ticket(db, conv=name, priority=prio, episode=name)
        _age_row(db, "tickets", t["id"], age)
        ids[t["id"]] = name
    order = [ids[t["id"]] for t in store.list_tickets(db=db)]
    assert order == ["e_old", "e_new", "u_old", "u_new", "r_old", "r_new"]


def test_priorities_come_from_the_one_level_order():
    """bot/levels.py is the order; the store's names, ranks and SQL are derived from it."""
    from bot.levels import ESCALATING

    assert store.PRIORITY_RANK == {"emergency": 0, "urgent": 1, "routine": 2}
    assert list(store.PRIORITY_RANK) == list(reversed(ESCALATING))
    assert store.HELD_PRIORITIES == ("emergency", "urgent")
    for label, rank in store.PRIORITY_RANK.items():
        assert f"when '{label}' then {rank}" in store.QUEUE_ORDER


def test_list_tickets_hides_resolved_unless_asked(db):
    a = _ticket(db, conv="a")
    b = _ticket(db, conv="b")
    store.update_ticket(a["id"], "ana", status="resolved", db=db)
    assert [t["id"] for t in store.list_tickets(db=db)] == [b["id"]]
    assert [t["id"] for t in store.list_tickets(status="resolved", db=db)] == [a["id"]]


def test_ticket_counts(db):
    assert store.ticket_counts(db=db) == {"open": 0, "pending": 0, "resolved": 0}
    a, b, _ = _ticket(db, conv="a"), _ticket(db, conv="b"), _ticket(db, conv="c")
    store.update_ticket(a["id"], "ana", status="pending", db=db)
    store.update_ticket(b["id"], "ana", status="resolved", db=db)
    assert store.ticket_counts(db=db) == {"open": 1, "pending": 1, "resolved": 1}


def test_update_assign_resolve_with_audit(db):
    t = _ticket(db, priority="urgent")
    t = store.update_ticket(t["id"], "ana", assigned_to="ben", db=db)
    assert t["assigned_to"] == "ben" and t["status"] == "open"
    t = store.update_ticket(t["id"], "ben", status="resolved", db=db)
    assert t["status"] == "resolved" and t["resolved_at"]
    assert store.open_ticket_for("c1", db=db) is None
    t = store.update_ticket(t["id"], "ben", status="open", db=db)
    assert t["resolved_at"] is None  # reopened
    log = store.audit_log(t["id"], db=db)
    assert [r["action"] for r in log] == ["ticket_updated"] * 3 + ["ticket_created"]
    assert log[2]["actor"] == "ana" and log[2]["detail"] == {"assigned_to": "ben"}
    assert log[1]["actor"] == "ben" and log[1]["detail"]["status"] == "resolved"
    with pytest.raises(ValueError):
        store.update_ticket(t["id"], "ben", status="closed", db=db)


def test_open_ticket_for_picks_most_urgent(db):
    _ticket(db, priority="routine", episode="1")
    u = _ticket(db, priority="urgent", episode="2")
    assert store.open_ticket_for("c1", db=db)["id"] == u["id"]
    assert store.open_ticket_for("nobody", db=db) is None


def test_notes_in_order_with_audit(db):
    t = _ticket(db)
    store.add_note(t["id"], "ana", "called the patient", db=db)
    store.add_note(t["id"], "ben", "second <b>note</b>", db=db)
    got = store.notes(t["id"], db=db)
    assert [(n["author"], n["text"]) for n in got] == [
        ("ana", "called the patient"),
        ("ben", "second <b>note</b>"),
    ]
    assert sum(r["action"] == "note_added" for r in store.audit_log(t["id"], db=db)) == 2


def test_note_on_missing_ticket_is_rejected(db):
    with pytest.raises(sqlite3.IntegrityError):
        store.add_note("T-missing", "ana", "x", db=db)
    assert db["notes"].count == 0


# ------------------------------------------------------------ pre-screen

HOSTILE = [
    "Ich bin 34 — ça va? 😀👍🏽",
    "عمري ٣٤ سنة",
    "мне тридцать один",
    "'); DROP TABLE prescreen_records; --",
    "<script>alert('x')</script><b>bold</b>",
    "x" * 20000,
    'back\\slash "quote" \x00 nul',
    "",
]


def test_save_prescreen_round_trips_hostile_text_verbatim(db):
    answers = {
        f"slot_{i}": {"typed": text, "understood": text[:50], "value": None}
        for i, text in enumerate(HOSTILE)
    }
    answers["age"] = {"typed": "thirty one", "understood": "31 years", "value": 31}
    answers["pregnant_or_breastfeeding"] = {"typed": "no", "understood": "no", "value": False}
    rec = store.save_prescreen(
        "conv-😀",
        "telegram",
        answers,
        "clinician_review",
        ["blood_thinners", "<i>r</i>"],
        "2024-01-01T00:00:00+00:00",
        db=db,
    )
    again = store.get_prescreen(rec["id"], db=db)
    assert again["answers"] == answers
    assert again["reasons"] == ["blood_thinners", "<i>r</i>"]
    assert again["conversation_id"] == "conv-😀"
    assert again["consent"] == 1
    assert again["consent_at"] == "2024-01-01T00:00:00+00:00"
    assert again["outcome"] == "clinician_review"
    assert "prescreen_records" in db.table_names()  # the SQL text did nothing
    assert db["prescreen_records"].count == 1
    assert any(
        r["action"] == "prescreen_recorded" and r["record_id"] == rec["id"]
        for r in store.audit_log(db=db)
    )
    assert store.prescreens_for("conv-😀", db=db)[0]["id"] == rec["id"]


def test_list_prescreens_order(db):
    ids = {}
    for name, outcome, age in [
        ("e_new", "eligible", 0),
        ("c_old", "clinician_review", 5),
        ("n_mid", "not_suitable", 2),
        ("c_new", "clinician_review", 1),
        ("e_old", "eligible", 8),
    ]:
        r = store.save_prescreen(name, "rest", {}, outcome, [], store.now(), db=db)
        _age_row(db, "prescreen_records", r["id"], age)
        ids[r["id"]] = name
    order = [ids[r["id"]] for r in store.list_prescreens(db=db)]
    assert order == ["c_new", "c_old", "n_mid", "e_new", "e_old"]
    # a reviewed record drops below the unreviewed ones of its outcome
    c_new = next(k for k, v in ids.items() if v == "c_new")
    store.mark_reviewed(c_new, "ana", db=db)
    order = [ids[r["id"]] for r in store.list_prescreens(db=db)]
    assert order[:2] == ["c_old", "c_new"]
    assert store.get_prescreen(c_new, db=db)["reviewed_by"] == "ana"


# ------------------------------------------------------------ retention


def test_purge_older_than(db):
    old_rec = store.save_prescreen("a", "rest", {}, "eligible", [], store.now(), db=db)
    new_rec = store.save_prescreen("b", "rest", {}, "eligible", [], store.now(), db=db)
    _age_row(db, "prescreen_records", old_rec["id"], 100)
    old_resolved = _ticket(db, conv="a", episode="1")
    store.add_note(old_resolved["id"], "ana", "n", db=db)
    store.enqueue_notification(old_resolved["id"], "new_ticket", "webhook", {"x": 1}, db=db)
    store.update_ticket(old_resolved["id"], "ana", status="resolved", db=db)
    _age_row(db, "tickets", old_resolved["id"], 100)
    old_open = _ticket(db, conv="a", episode="2", priority="urgent")
    _age_row(db, "tickets", old_open["id"], 100)
    old_pending = _ticket(db, conv="a", episode="3")
    store.update_ticket(old_pending["id"], "ana", status="pending", db=db)
    _age_row(db, "tickets", old_pending["id"], 100)
    new_resolved = _ticket(db, conv="b", episode="4")
    store.update_ticket(new_resolved["id"], "ana", status="resolved", db=db)

    result = store.purge_older_than(90, db=db)

    assert result == {"prescreen_records": 1, "tickets": 1}
    assert store.get_prescreen(old_rec["id"], db=db) is None
    assert store.get_prescreen(new_rec["id"], db=db) is not None
    assert store.get_ticket(old_resolved["id"], db=db) is None
    assert store.notes(old_resolved["id"], db=db) == []
    assert store.notifications_for(old_resolved["id"], db=db) == []
    for kept in (old_open, old_pending, new_resolved):
        assert store.get_ticket(kept["id"], db=db) is not None
    assert store.audit_log(db=db)[0]["action"] == "retention_purge"


# ------------------------------------------------------------ deletion


def test_delete_patient_data_only_that_conversation(db):
    mine = _ticket(db, conv="me", episode="1")
    store.add_note(mine["id"], "ana", "about me", db=db)
    store.save_prescreen("me", "rest", {"age": {"typed": "30"}}, "eligible", [], store.now(), db=db)
    store.touch_contact("me", "whatsapp", db=db)
    theirs = _ticket(db, conv="you", episode="1")
    store.add_note(theirs["id"], "ana", "about you", db=db)
    their_rec = store.save_prescreen("you", "rest", {}, "eligible", [], store.now(), db=db)
    store.touch_contact("you", "whatsapp", db=db)

    result = store.delete_patient_data("me", db=db)

    assert result == {"prescreen_records": 1, "tickets": 1, "kept": 0}
    assert store.get_ticket(mine["id"], db=db) is None
    assert store.notes(mine["id"], db=db) == []
    assert store.prescreens_for("me", db=db) == []
    assert store.contact("me", db=db) is None
    assert store.get_ticket(theirs["id"], db=db) is not None
    assert len(store.notes(theirs["id"], db=db)) == 1
    assert store.get_prescreen(their_rec["id"], db=db) is not None
    assert store.contact("you", db=db) is not None
    deleted = [r for r in store.audit_log(db=db) if r["action"] == "patient_data_deleted"]
    assert len(deleted) == 1 and "me" not in json.dumps(deleted[0]["detail"])


def test_delete_patient_data_for_unknown_conversation(db):
    assert store.delete_patient_data("ghost", db=db) == {
        "prescreen_records": 0,
        "tickets": 0,
        "kept": 0,
    }


# ------------------------------------------------------------ channels


def test_seen_message_detects_replays(db):
    assert store.seen_message("whatsapp", "wamid.1", db=db) is False
    assert store.seen_message("whatsapp", "wamid.1", db=db) is True
    assert store.seen_message("whatsapp", "wamid.2", db=db) is False
    assert store.seen_message("telegram", "wamid.1", db=db) is False  # per channel
    assert store.seen_message("telegram", "wamid.1", db=db) is True


def test_touch_contact_and_buttons(db):
    assert store.contact("c1", db=db) is None
    assert store.offered_buttons("c1", db=db) == []
    store.touch_contact("c1", "whatsapp", db=db)
    first = store.contact("c1", db=db)
    assert first["channel"] == "whatsapp" and first["last_inbound_at"]
    buttons = [
        {"title": "Pain 😬", "payload": '/faq{"faq_topic": "pain"}'},
        {"title": "Cost", "payload": "/faq"},
    ]
    store.remember_buttons("c1", "whatsapp", buttons, db=db)
    assert store.offered_buttons("c1", db=db) == buttons
    # remembering buttons keeps the inbound time, touching keeps the buttons
    assert store.contact("c1", db=db)["last_inbound_at"] == first["last_inbound_at"]
    store.touch_contact("c1", "whatsapp", db=db)
    assert store.offered_buttons("c1", db=db) == buttons
    store.remember_buttons("c1", "whatsapp", [], db=db)
    assert store.offered_buttons("c1", db=db) == []


# ------------------------------------------------------------ restart


def test_data_survives_a_restart(data_dir):
    db = store.open_db()
    t = _ticket(db, priority="emergency", episode="m1")
    store.add_note(t["id"], "ana", "note", db=db)
    rec = store.save_prescreen(
        "c1", "rest", {"age": {"typed": "31"}}, "eligible", [], store.now(), db=db
    )
    store.seen_message("telegram", "42", db=db)
    store.remember_buttons("c1", "telegram", [{"title": "a", "payload": "/a"}], db=db)
    db.close()

    db = store.open_db()  # a new process opening the same file
    assert store.get_ticket(t["id"], db=db)["priority"] == "emergency"
    assert len(store.notes(t["id"], db=db)) == 1
    assert store.get_prescreen(rec["id"], db=db)["answers"] == {"age": {"typed": "31"}}
    assert store.seen_message("telegram", "42", db=db) is True
    assert store.offered_buttons("c1", db=db) == [{"title": "a", "payload": "/a"}]
    assert _ticket(db, priority="emergency", episode="m1")["id"] == t["id"]
    db.close()


def test_functions_without_db_use_bot_data_dir(data_dir):
    t = store.create_ticket("c9", "rest", "routine", "default db")
    assert store.get_ticket(t["id"])["conversation_id"] == "c9"
    raw = sqlite3.connect(str(data_dir / "clinic.db"))
    assert raw.execute("select count(*) from tickets").fetchone()[0] == 1
    raw.close()


# ------------------------------------------------------------ atomicity


def _failing_audit(monkeypatch):
    def boom(*a, **k):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(store.core, "audit", boom)


def test_delete_patient_data_is_all_or_nothing(db, monkeypatch):
    t = _ticket(db, conv="me", episode="1")
    store.add_note(t["id"], "ana", "n", db=db)
    store.save_prescreen("me", "rest", {}, "eligible", [], store.now(), db=db)
    _failing_audit(monkeypatch)
    with pytest.raises(sqlite3.OperationalError):
        store.delete_patient_data("me", db=db)
    assert store.get_ticket(t["id"], db=db) is not None
    assert len(store.notes(t["id"], db=db)) == 1
    assert len(store.prescreens_for("me", db=db)) == 1
    assert not db.conn.in_transaction


def test_save_prescreen_is_one_transaction(db, monkeypatch):
    _failing_audit(monkeypatch)
    with pytest.raises(sqlite3.OperationalError):
        store.save_prescreen("me", "rest", {}, "eligible", [], store.now(), db=db)
    assert db["prescreen_records"].count == 0  # no record without its audit row


def test_purge_is_all_or_nothing(db, monkeypatch):
    rec = store.save_prescreen("a", "rest", {}, "eligible", [], store.now(), db=db)
    _age_row(db, "prescreen_records", rec["id"], 100)
    _failing_audit(monkeypatch)
    with pytest.raises(sqlite3.OperationalError):
        store.purge_older_than(30, db=db)
    assert store.get_prescreen(rec["id"], db=db) is not None


def test_update_and_note_roll_back_without_audit(db, monkeypatch):
    t = _ticket(db)
    _failing_audit(monkeypatch)
    with pytest.raises(sqlite3.OperationalError):
        store.update_ticket(t["id"], "ana", status="resolved", db=db)
    with pytest.raises(sqlite3.OperationalError):
        store.add_note(t["id"], "ana", "n", db=db)
    assert store.get_ticket(t["id"], db=db)["status"] == "open"
    assert store.notes(t["id"], db=db) == []


def test_update_missing_ticket_raises_and_audits_nothing(db):
    import sqlite_utils

    with pytest.raises(sqlite_utils.db.NotFoundError):
        store.update_ticket("T-missing", "ana", status="resolved", db=db)
    assert store.audit_log(db=db) == []


def test_a_fresh_database_has_the_schema_of_the_old_scheme(data_dir):
    """The migrations build, column for column and index for index (the claim
    columns of processed_messages by m002, the check-in tables by m004), what the
    hand-written scheme and bot.checkins' own ensure_schema built
    (tests/fixtures/clinic_schema_v2.sql, tests/fixtures/checkins_schema_old.sql)."""
    old = sqlite3.connect(":memory:")
    old.executescript(OLD_SCHEMA.read_text())
    old.executescript(OLD_CHECKIN_SCHEMA.read_text())
    db = store.open_db(data_dir / "fresh.db")

    def shape(conn) -> dict:
        return {
            name: " ".join(sql.split()).lower()
            for name, sql in conn.execute(
                "select name, sql from sqlite_master where sql is not null "
                "and name not like '_sqlite_migrations%' "
                "and name not like 'idx__sqlite_migrations%'"
            )
        }

    fresh = shape(db.conn)
    assert fresh == shape(old)
    db.close()


def test_an_id_drawn_twice_is_drawn_again_not_refused(db, monkeypatch):
    # ids are short (staff read them out); a repeat must not cost a ticket or
    # a record (a blind run once spooled an emergency for this reason)
    from bot.store import core

    first = store.create_ticket("c1", "rest", "emergency", "vision", db=db)
    record = store.save_prescreen("c1", "rest", {}, "eligible", [], store.now(), db=db)
    draws = iter([first["id"], first["id"], "T-261207-00000A", record["id"], "P-261207-00000B"])
    monkeypatch.setattr(core, "new_id", lambda prefix: next(draws))
    second = store.create_ticket("c2", "rest", "emergency", "vision", db=db)
    again = store.save_prescreen("c2", "rest", {}, "eligible", [], store.now(), db=db)
    assert second["id"] == "T-261207-00000A" and second["conversation_id"] == "c2"
    assert again["id"] == "P-261207-00000B" and again["conversation_id"] == "c2"
    assert store.get_ticket(first["id"], db=db)["conversation_id"] == "c1"
    assert store.get_prescreen(record["id"], db=db)["conversation_id"] == "c1"
