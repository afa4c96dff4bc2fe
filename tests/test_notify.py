"""The staff notifier: log line, webhook and Telegram targets, retries, no free text."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time

import pytest

from bot import notify, store

TARGET_VARS = [
    "STAFF_WEBHOOK_URL",
    "STAFF_WEBHOOK_SECRET",
    "STAFF_TELEGRAM_BOT_TOKEN",
    "STAFF_TELEGRAM_CHAT_ID",
    "TELEGRAM_API_BASE",
    "STAFF_NOTIFY_LEVELS",
    "INBOX_PUBLIC_URL",
    "INBOX_PORT",
]
PATIENT_TEXT = "my vision went blurry, my name is Jane Doe 07700 900123"


@pytest.fixture(autouse=True)
def clean_env(monkeypatch, data_dir):
    for name in TARGET_VARS:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def webhook(http_server, monkeypatch):
    server = http_server()
    server.clear()
    monkeypatch.setenv("STAFF_WEBHOOK_URL", f"{server.url}/hook")
    return server


@pytest.fixture
def telegram(http_server, monkeypatch):
    server = http_server(lambda rec: (200, {"ok": True, "result": {"message_id": 1}}))
    server.clear()
    monkeypatch.setenv("STAFF_TELEGRAM_BOT_TOKEN", "123:secret-token")
    monkeypatch.setenv("STAFF_TELEGRAM_CHAT_ID", "-1001234")
    monkeypatch.setenv("TELEGRAM_API_BASE", server.url)
    return server


def new_ticket(db, priority="emergency", conversation="wa-447700900123"):
    return store.create_ticket(
        conversation,
        "whatsapp_cloud",
        priority,
        "Change in vision",
        ["vision_change", "eye_pain"],
        db=db,
    )


def wait_until(check, timeout=5.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.05)
    return False


def test_payload_has_labels_and_a_link_but_no_patient_text(db, monkeypatch):
    monkeypatch.setenv("INBOX_PUBLIC_URL", "https://inbox.example.org/")
    t = new_ticket(db)
    payload = notify.build_payload({**t, "text": PATIENT_TEXT})
    assert payload["ticket_id"] == t["id"] and payload["priority"] == "emergency"
    assert payload["signs"] == ["vision_change", "eye_pain"]
    assert payload["link"] == f"https://inbox.example.org/tickets/{t['id']}"
    blob = json.dumps(payload)
    assert "Jane" not in blob and "07700" not in blob and "447700900123" not in blob
    assert set(payload) == {
        "ticket_id",
        "priority",
        "reason",
        "signs",
        "created_at",
        "link",
        "text",
    }


def test_quoted_patient_words_in_the_reason_stay_home(db):
    t = store.create_ticket(
        "c1",
        "socketio",
        "emergency",
        "vision_change (emergency): 'Jane here, my eye went blurry'; "
        'eye_pain (emergency): "it hurts"',
        ["vision_change"],
        db=db,
    )
    payload = notify.build_payload(t)
    assert payload["reason"] == "vision_change (emergency); eye_pain (emergency)"
    assert "Jane" not in json.dumps(payload) and "hurts" not in json.dumps(payload)


def test_default_link_uses_the_inbox_port(monkeypatch):
    monkeypatch.setenv("INBOX_PORT", "8123")
    assert notify.ticket_link("T-1") == "http://127.0.0.1:8123/tickets/T-1"


def test_no_targets_means_a_log_line_only(db, caplog):
    t = new_ticket(db)
    with caplog.at_level(logging.INFO, logger="bot.notify"):
        notify.alert_staff(t)
    assert store.notifications_for(t["id"], db=db) == []
    records = [r for r in caplog.records if t["id"] in r.getMessage()]
    assert records and records[0].levelno == logging.WARNING
    assert "EMERGENCY" in records[0].getMessage()


def test_routine_is_logged_at_info_and_not_sent(db, webhook, caplog):
    t = new_ticket(db, "routine")
    with caplog.at_level(logging.INFO, logger="bot.notify"):
        notify.alert_staff(t)
    assert store.notifications_for(t["id"], db=db) == []
    assert webhook.requests == []
    assert [r.levelno for r in caplog.records if t["id"] in r.getMessage()] == [logging.INFO]


def test_webhook_gets_the_alert_at_once(db, webhook, monkeypatch):
    monkeypatch.setenv("STAFF_WEBHOOK_SECRET", "shh")
    t = new_ticket(db)
    notify.alert_staff(t)
    assert wait_until(lambda: webhook.requests)
    req = webhook.requests[0]
    assert req.method == "POST" and req.path == "/hook"
    assert req.json["ticket_id"] == t["id"] and req.json["priority"] == "emergency"
    expected = hmac.new(b"shh", req.body, hashlib.sha256).hexdigest()
    assert req.headers["X-Clinic-Signature"] == f"sha256={expected}"
    assert wait_until(lambda: store.notifications_for(t["id"], db=db)[0]["status"] == "sent")


def test_telegram_message(db, telegram):
    t = new_ticket(db, "urgent")
    notify.alert_staff(t)
    assert wait_until(lambda: telegram.requests)
    req = telegram.requests[0]
    assert req.path == "/bot123:secret-token/sendMessage"
    assert req.json["chat_id"] == "-1001234"
    assert t["id"] in req.json["text"] and "URGENT" in req.json["text"]
    assert wait_until(lambda: store.notifications_for(t["id"], db=db)[0]["status"] == "sent")


def test_both_targets_one_row_each(db, webhook, telegram):
    t = new_ticket(db)
    notify.alert_staff(t)
    assert wait_until(
        lambda: [n["status"] for n in store.notifications_for(t["id"], db=db)] == ["sent", "sent"]
    )
    assert [n["target"] for n in store.notifications_for(t["id"], db=db)] == ["webhook", "telegram"]


def test_telegram_refusal_is_a_failure(db, telegram):
    telegram.reply(200, {"ok": False, "description": "chat not found"})
    t = new_ticket(db)
    notify.alert_staff(t)
    assert wait_until(lambda: store.notifications_for(t["id"], db=db)[0]["attempts"] == 1)
    row = store.notifications_for(t["id"], db=db)[0]
    assert row["status"] == "pending" and "chat not found" in row["last_error"]
    assert "secret-token" not in row["last_error"]


def test_a_slow_target_does_not_hold_the_caller(db, http_server, monkeypatch):
    slow = http_server(lambda rec: (time.sleep(3), (200, {}))[1])
    monkeypatch.setenv("STAFF_WEBHOOK_URL", slow.url)
    t = new_ticket(db)
    start = time.monotonic()
    notify.alert_staff(t)
    assert time.monotonic() - start < 1.5


def test_retries_with_backoff_then_failed(db, webhook, monkeypatch):
    webhook.reply(500, {"error": "down"}, times=10)
    t = new_ticket(db)
    notify.alert_staff(t)
    assert wait_until(lambda: store.notifications_for(t["id"], db=db)[0]["attempts"] == 1)
    row = store.notifications_for(t["id"], db=db)[0]
    assert row["status"] == "pending" and row["last_error"] == "HTTP 500"
    assert row["next_try_at"] > store.now()  # backing off
    assert notify.retry_pending() == 0  # not due yet: nothing tried
    assert len(webhook.requests) == 1
    monkeypatch.setattr(notify, "backoff_seconds", lambda attempts: 0)
    db.execute("update notifications set next_try_at = ?", [store.iso_in(-1)])
    for _ in range(6):
        notify.retry_pending(max_attempts=5)
    row = store.notifications_for(t["id"], db=db)[0]
    assert row["status"] == "failed" and row["attempts"] == 5
    assert len(webhook.requests) == 5
    assert store.failed_notifications(db=db)[0]["id"] == row["id"]


def test_retry_delivers_once_the_target_is_back(db, webhook, monkeypatch):
    webhook.reply(503, {}, times=1)
    t = new_ticket(db)
    notify.alert_staff(t)
    assert wait_until(lambda: store.notifications_for(t["id"], db=db)[0]["attempts"] == 1)
    monkeypatch.setattr(notify, "backoff_seconds", lambda attempts: 0)
    db.execute("update notifications set next_try_at = ?", [store.iso_in(-1)])
    assert notify.retry_pending() == 1
    assert store.notifications_for(t["id"], db=db)[0]["status"] == "sent"


def test_backoff_grows_and_is_capped():
    waits = [notify.backoff_seconds(n) for n in range(1, 10)]
    assert waits[:4] == [10, 20, 40, 80] and max(waits) == 300


def test_unreachable_target(db, monkeypatch, free_port):
    monkeypatch.setenv("STAFF_WEBHOOK_URL", f"http://127.0.0.1:{free_port()}/nothing-here")
    t = new_ticket(db)
    notify.alert_staff(t)
    assert wait_until(lambda: store.notifications_for(t["id"], db=db)[0]["attempts"] == 1)
    assert store.notifications_for(t["id"], db=db)[0]["last_error"].startswith("unreachable")


def test_database_down_still_reaches_staff(db, webhook, monkeypatch):
    t = new_ticket(db)

    def broken(*args, **kwargs):
        raise RuntimeError("database is down")

    monkeypatch.setattr(store, "open_db", broken)
    notify.alert_staff(t)  # must not raise
    assert wait_until(lambda: webhook.requests)
    assert webhook.requests[0].json["ticket_id"] == t["id"]


def test_a_broken_ticket_never_raises(db):
    notify.alert_staff({"priority": "emergency"})  # no id
    notify.alert_staff({})


def test_levels_are_configurable(db, webhook, monkeypatch):
    monkeypatch.setenv("STAFF_NOTIFY_LEVELS", "emergency,urgent,routine")
    t = new_ticket(db, "routine")
    notify.alert_staff(t)
    assert wait_until(lambda: webhook.requests)
