"""The store functions added for the inbox (bot/store/staff.py, notifications.py, core.py)."""

from __future__ import annotations

import threading

import pytest

from bot import store


def test_staff_users(db):
    store.create_staff_user("ana", "scrypt$hash", role="admin", db=db)
    with pytest.raises(ValueError):
        store.create_staff_user("ana", "scrypt$other", db=db)
    assert store.get_staff_user("ana", db=db)["role"] == "admin"
    assert store.get_staff_user("nobody", db=db) is None
    assert [u["username"] for u in store.list_staff_users(db=db)] == ["ana"]
    assert "password_hash" not in store.list_staff_users(db=db)[0]
    assert store.count_staff_users(db=db) == 1
    assert store.set_staff_disabled("ana", True, db=db)
    assert not store.set_staff_disabled("nobody", True, db=db)
    assert store.set_staff_password("ana", "scrypt$new", db=db)
    assert store.get_staff_user("ana", db=db)["password_hash"] == "scrypt$new"
    actions = {a["action"] for a in store.audit_log(db=db)}
    assert {"staff_created", "staff_disabled", "staff_password_changed"} <= actions


def test_names_with_sql_are_just_names(db):
    name = "x'); drop table tickets;--"
    store.create_staff_user(name, "h", db=db)
    assert store.get_staff_user(name, db=db)["username"] == name
    assert "tickets" in db.table_names()


def test_sessions(db):
    store.create_staff_user("ana", "h", db=db)
    store.create_staff_session("t1", "ana", "c1", store.iso_in(3600), db=db)
    store.create_staff_session("t2", "ana", "c2", store.iso_in(-1), db=db)
    assert store.get_staff_session("t1", db=db)["csrf"] == "c1"
    assert store.get_staff_session("t2", db=db) is None  # expired
    assert store.delete_expired_sessions(db=db) == 1
    store.delete_staff_session("t1", db=db)
    assert store.get_staff_session("t1", db=db) is None


def test_login_failures_count_in_the_window_after_the_last_success(db):
    for _ in range(3):
        store.record_login_attempt("user:ana", False, db=db)
    assert store.login_failures("user:ana", 900, db=db) == 3
    assert store.login_failures("user:bob", 900, db=db) == 0
    store.record_login_attempt("user:ana", True, db=db)
    db.execute("update login_attempts set at = ? where ok = 0", [store.iso_in(-5)])
    store.record_login_attempt("user:ana", False, db=db)
    assert store.login_failures("user:ana", 900, db=db) == 1
    db.execute("update login_attempts set at = ?", [store.iso_in(-2000)])
    assert store.login_failures("user:ana", 900, db=db) == 0
    assert store.purge_login_attempts(1000, db=db) == 5


def test_audited_recently(db):
    store.audit("ana", "ticket_viewed", ticket_id="T-1", db=db)
    assert store.audited_recently("ana", "ticket_viewed", "T-1", 60, db=db)
    assert not store.audited_recently("bob", "ticket_viewed", "T-1", 60, db=db)
    assert not store.audited_recently("ana", "ticket_viewed", "T-2", 60, db=db)
    db.execute("update audit set at = ?", [store.iso_in(-120)])
    assert not store.audited_recently("ana", "ticket_viewed", "T-1", 60, db=db)


def ticket(db, priority="emergency"):
    return store.create_ticket("conv-1", "socketio", priority, "reason", ["sign"], db=db)


def test_notification_lifecycle(db):
    t = ticket(db)
    nid = store.enqueue_notification(
        t["id"], "new_ticket", "webhook", {"ticket_id": t["id"]}, db=db
    )
    assert store.due_notifications(db=db) == [nid]
    row = store.claim_notification(nid, db=db)
    assert row["status"] == "sending" and row["payload"] == {"ticket_id": t["id"]}
    assert store.claim_notification(nid, db=db) is None  # one sender at a time
    assert store.due_notifications(db=db) == []
    row = store.finish_notification(nid, ok=False, error="HTTP 500", retry_in_seconds=60, db=db)
    assert (row["status"], row["attempts"], row["last_error"]) == ("pending", 1, "HTTP 500")
    assert store.due_notifications(db=db) == []  # not due for a minute
    db.execute("update notifications set next_try_at = ?", [store.iso_in(-1)])
    store.claim_notification(nid, db=db)
    row = store.finish_notification(nid, ok=False, error="HTTP 500", db=db)
    assert row["status"] == "failed" and row["attempts"] == 2
    assert [n["id"] for n in store.failed_notifications(db=db)] == [nid]
    assert any(a["action"] == "notification_failed" for a in store.audit_log(t["id"], db=db))
    assert store.retry_notification(nid, "ana", db=db)
    assert not store.retry_notification(nid, "ana", db=db)  # no longer failed
    assert store.due_notifications(db=db) == [nid]
    store.claim_notification(nid, db=db)
    assert store.finish_notification(nid, ok=True, db=db)["status"] == "sent"
    assert [n["status"] for n in store.notifications_for(t["id"], db=db)] == ["sent"]


def test_a_dead_senders_claim_expires(db):
    t = ticket(db)
    nid = store.enqueue_notification(t["id"], "new_ticket", "webhook", {}, db=db)
    store.claim_notification(nid, db=db)
    db.execute("update notifications set updated_at = ?", [store.iso_in(-120)])
    assert store.due_notifications(lease_seconds=60, db=db) == [nid]
    assert store.claim_notification(nid, lease_seconds=60, db=db) is not None


def test_failed_notifications_of_resolved_tickets_can_be_left_out(db):
    t = ticket(db)
    nid = store.enqueue_notification(t["id"], "new_ticket", "webhook", {}, db=db)
    store.claim_notification(nid, db=db)
    store.finish_notification(nid, ok=False, error="x", db=db)
    assert len(store.failed_notifications(unresolved_only=True, db=db)) == 1
    store.update_ticket(t["id"], "ana", status="resolved", db=db)
    assert store.failed_notifications(unresolved_only=True, db=db) == []
    assert len(store.failed_notifications(db=db)) == 1


def test_concurrent_claims_give_one_winner(data_dir):
    db = store.open_db()
    t = ticket(db)
    nid = store.enqueue_notification(t["id"], "new_ticket", "webhook", {}, db=db)
    wins = []

    def claim():
        own = store.open_db()
        if store.claim_notification(nid, db=own):
            wins.append(1)
        own.conn.close()

    threads = [threading.Thread(target=claim) for _ in range(8)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert len(wins) == 1
