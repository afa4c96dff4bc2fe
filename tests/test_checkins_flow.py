"""Register, send, reply, stop, overdue, retention: the check-ins on a real SQLite file.

Time is a FakeClock moved by the tests: nothing sleeps.
"""

from __future__ import annotations

import copy
import sqlite3
import subprocess
import sys
import threading
from datetime import timedelta

import pytest

from bot import checkins
from bot.checkins import config
from bot.checkins import store as cstore
from bot.checkins.dispatch import NotDelivered, OutgoingCheckin, TryLater
from tests.fakes.checkins import DEFAULT

START = "2026-05-10T12:00:00+00:00"  # a Sunday, 13:00 in London


@pytest.fixture
def clock():
    return checkins.FakeClock(START)


class Outbox:
    """A sender that records what it was given (or fails as told)."""

    def __init__(self, fail: Exception | None = None) -> None:
        self.sent: list[OutgoingCheckin] = []
        self.fail = fail

    def __call__(self, message: OutgoingCheckin) -> None:
        if self.fail is not None:
            raise self.fail
        self.sent.append(message)

    @property
    def kinds(self) -> list[str]:
        return [m.kind for m in self.sent]


def body(sender="p1", channel="rest", hours_ago=25.0, clock=None, treatment="mesotherapy"):
    treated = clock.now() - timedelta(hours=hours_ago)
    return {
        "sender_id": sender,
        "channel": channel,
        "treated_at": treated.isoformat(),
        "treatment": treatment,
    }


def statuses(db, treatment_id):
    return {c["kind"]: c["status"] for c in checkins.get_treatment(treatment_id, db=db)["checkins"]}


# ------------------------------------------------------------------ register and GET


def test_register_stores_the_contract_shape(db, clock):
    t = checkins.register(body(clock=clock, hours_ago=1), clock, db=db)
    assert t["created"] and t["id"].startswith("TR-")
    got = checkins.get_treatment(t["id"], db=db)
    assert {k: got[k] for k in ("id", "sender_id", "channel")} == {
        "id": t["id"],
        "sender_id": "p1",
        "channel": "rest",
    }
    assert [c["kind"] for c in got["checkins"]] == [
        "checkin_24h",
        "checkin_72h",
        "checkin_7d",
        "next_session",
    ]
    for c in got["checkins"]:
        assert c["status"] == "scheduled" and c["sent_at"] is None
        assert c["due_at"].endswith("+00:00")
    assert checkins.get_treatment("TR-NOPE", db=db) is None


def test_contract_view_keeps_internal_fields_inside(db, clock):
    t = checkins.register(body(clock=clock, hours_ago=25), clock, db=db, conversation_id="ns-p1")
    checkins.send_due(clock, Outbox(), db=db)
    view = checkins.contract_view(checkins.get_treatment(t["id"], db=db))
    assert set(view) == {"id", "sender_id", "channel", "treatment", "treated_at", "checkins"}
    assert view["sender_id"] == "p1"
    assert view["checkins"][0] == {
        "kind": "checkin_24h",
        "due_at": START,
        "status": "sent",
        "sent_at": START,
        "reason": None,
    }
    assert "ns-p1" not in repr(view)


def test_checkins_go_to_the_conversation_id_given(db, clock):
    checkins.register(
        body(clock=clock, hours_ago=25, sender="+447700900123", channel="whatsapp_cloud"),
        clock,
        db=db,
        conversation_id="wa-447700900123",
    )
    out = Outbox()
    checkins.send_due(clock, out, db=db)
    assert (out.sent[0].conversation_id, out.sent[0].sender_id) == (
        "wa-447700900123",
        "+447700900123",
    )
    assert checkins.record_reply("wa-447700900123", "fine", clock, db=db).answered
    assert checkins.record_reply("+447700900123", "fine", clock, db=db) is None


def test_register_refuses_bad_input_and_stores_nothing(db, clock):
    with pytest.raises(checkins.InvalidRequest, match="channel must be one of"):
        checkins.register(body(clock=clock, channel="fax"), clock, db=db)
    cstore.ensure_schema(db)
    assert db.execute("select count(*) from treatments").fetchone()[0] == 0


def test_the_same_treatment_twice_is_stored_once(db, clock):
    first = checkins.register(body(clock=clock), clock, db=db)
    again = checkins.register(body(clock=clock), clock, db=db)
    assert again["id"] == first["id"] and again["created"] is False
    assert db.execute("select count(*) from checkins").fetchone()[0] == 4


def test_a_newer_treatment_replaces_the_remaining_checkins_of_the_older(db, clock):
    old = checkins.register(body(clock=clock, hours_ago=24 * 14), clock, db=db)
    new = checkins.register(body(clock=clock, hours_ago=1), clock, db=db)
    old_rows = checkins.get_treatment(old["id"], db=db)["checkins"]
    # 14 days ago: the 7-day check-in was due at once, the reminder later; both replaced.
    assert [(c["kind"], c["status"]) for c in old_rows] == [
        ("checkin_7d", "cancelled"),
        ("next_session", "cancelled"),
    ]
    assert {c["reason"] for c in old_rows} == {"replaced by the check-ins of a later treatment"}
    assert set(statuses(db, new["id"]).values()) == {"scheduled"}


def test_staff_can_cancel_a_treatment_or_one_checkin(db, clock):
    t = checkins.register(body(clock=clock, hours_ago=1), clock, db=db)
    first = t["checkins"][0]["id"]
    assert checkins.cancel("ana", clock, db, checkin_id=first)
    assert not checkins.cancel("ana", clock, db, checkin_id=first)
    assert checkins.cancel("ana", clock, db, treatment_id=t["id"]) == 3
    assert set(statuses(db, t["id"]).values()) == {"cancelled"}
    actions = [r[0] for r in db.execute("select action from audit order by id")]
    assert actions == ["treatment_recorded", "checkin_cancelled", "checkins_cancelled"]


def test_transitions():
    assert checkins.can_transition("scheduled", "sent")
    assert checkins.can_transition("sent", "answered")
    assert checkins.can_transition("failed", "scheduled")
    assert not checkins.can_transition("answered", "sent")
    assert not checkins.can_transition("cancelled", "scheduled")
    assert not checkins.can_transition("sent", "cancelled")
    assert set(checkins.TRANSITIONS) == set(checkins.STATUSES)


# ------------------------------------------------------------------ sending


def test_due_checkin_is_sent_once_with_its_message(db, clock):
    t = checkins.register(body(clock=clock, hours_ago=25), clock, db=db)
    out = Outbox()
    results = checkins.send_due(clock, out, db=db)
    assert [(r.kind, r.status) for r in results] == [("checkin_24h", "sent")]
    msg = out.sent[0]
    assert (msg.conversation_id, msg.channel, msg.treatment_id) == ("p1", "rest", t["id"])
    assert msg.text.endswith("How is your skin today?")
    assert [b["title"] for b in msg.buttons] == [
        "All fine",
        "Redness or swelling",
        "Something worries me",
    ]
    assert checkins.send_due(clock, out, db=db) == []
    clock.advance(hours=1)
    assert checkins.send_due(clock, out, db=db) == []
    row = checkins.get_treatment(t["id"], db=db)["checkins"][0]
    assert row["status"] == "sent" and row["sent_at"] == START


def test_the_whole_schedule_goes_out_in_order_as_time_passes(db, clock):
    checkins.register(body(clock=clock, hours_ago=0), clock, db=db)
    out = Outbox()
    for _ in range(24 * 22):
        checkins.send_due(clock, out, db=db)
        clock.advance(hours=1)
    assert out.kinds == ["checkin_24h", "checkin_72h", "checkin_7d", "next_session"]


def test_not_delivered_is_failed_with_the_reason(db, clock):
    t = checkins.register(body(clock=clock, channel="whatsapp_cloud", hours_ago=25), clock, db=db)
    clock.set("2026-05-10T12:00:00+00:00")
    out = Outbox(NotDelivered("no WhatsApp template configured (WHATSAPP_TEMPLATE_NAME)"))
    [r] = checkins.send_due(clock, out, db=db)
    assert r.status == "failed"
    row = checkins.get_treatment(t["id"], db=db)["checkins"][0]
    assert row["status"] == "failed"
    assert row["reason"] == (
        "could not be delivered: no WhatsApp template configured (WHATSAPP_TEMPLATE_NAME)"
    )
    assert checkins.send_due(clock, Outbox(), db=db) == []  # failed is not retried by itself
    failed = cstore.checkins_with_status(db, "failed")
    assert [f["id"] for f in failed] == [row["id"]]


def test_staff_retry_sends_a_failed_checkin_again(db, clock):
    t = checkins.register(body(clock=clock, hours_ago=25), clock, db=db)
    checkins.send_due(clock, Outbox(NotDelivered("patient blocked the bot")), db=db)
    cid = t["checkins"][0]["id"]
    assert checkins.retry_failed(cid, "ana", clock, db=db)
    assert not checkins.retry_failed(cid, "ana", clock, db=db)
    out = Outbox()
    checkins.send_due(clock, out, db=db)
    assert out.kinds == ["checkin_24h"]
    assert statuses(db, t["id"])["checkin_24h"] == "sent"


def test_try_later_retries_then_gives_up(db, clock):
    t = checkins.register(body(clock=clock, hours_ago=25), clock, db=db)
    s = config.settings()
    down = Outbox(TryLater("Rasa is not answering"))
    [r] = checkins.send_due(clock, down, db=db)
    assert r.status == "scheduled"
    assert checkins.send_due(clock, down, db=db) == []  # not before retry_after_seconds
    for _ in range(s.spec.sending.max_attempts - 1):
        clock.advance(seconds=s.spec.sending.retry_after_seconds)
        checkins.send_due(clock, down, db=db)
    row = checkins.get_treatment(t["id"], db=db)["checkins"][0]
    assert row["status"] == "failed"
    assert f"gave up after {s.spec.sending.max_attempts} tries" in row["reason"]


def test_try_later_then_success(db, clock):
    t = checkins.register(body(clock=clock, hours_ago=25), clock, db=db)
    checkins.send_due(clock, Outbox(TryLater("connection refused")), db=db)
    clock.advance(minutes=10)
    out = Outbox()
    checkins.send_due(clock, out, db=db)
    assert out.kinds == ["checkin_24h"]
    assert statuses(db, t["id"])["checkin_24h"] == "sent"


def test_a_crashing_sender_fails_that_checkin_and_the_others_still_go(db, clock):
    a = checkins.register(body(sender="a", clock=clock, hours_ago=25), clock, db=db)
    checkins.register(body(sender="b", clock=clock, hours_ago=25), clock, db=db)
    seen = []

    def sender(m):
        if m.conversation_id == "a":
            raise RuntimeError("boom")
        seen.append(m.conversation_id)

    results = {r.conversation_id: r for r in checkins.send_due(clock, sender, db=db)}
    assert seen == ["b"]
    assert results["a"].status == "failed" and "RuntimeError: boom" in results["a"].reason
    assert statuses(db, a["id"])["checkin_24h"] == "failed"


def test_quiet_hours_hold_telegram_until_morning_but_not_rest(db, clock):
    clock.set("2026-05-10T21:30:00+00:00")  # 22:30 in London
    tg = checkins.register(body(sender="tg-1", channel="telegram", clock=clock), clock, db=db)
    rest = checkins.register(body(sender="r-1", channel="rest", clock=clock), clock, db=db)
    out = Outbox()
    checkins.send_due(clock, out, db=db)
    assert [m.conversation_id for m in out.sent] == ["r-1"]
    clock.set("2026-05-11T07:59:00+00:00")  # 08:59
    checkins.send_due(clock, out, db=db)
    assert len(out.sent) == 1
    clock.set("2026-05-11T08:00:00+00:00")  # 09:00
    checkins.send_due(clock, out, db=db)
    assert [m.conversation_id for m in out.sent] == ["r-1", "tg-1"]
    assert statuses(db, tg["id"])["checkin_24h"] == "sent"
    assert statuses(db, rest["id"])["checkin_24h"] == "sent"


def test_quiet_hours_are_checked_again_when_sending(db, clock):
    # Due at 20:00 in London, but the worker was down until 23:00: it waits for the morning.
    t = checkins.register(body(channel="whatsapp_cloud", clock=clock, hours_ago=17), clock, db=db)
    clock.set("2026-05-10T22:00:00+00:00")
    out = Outbox()
    checkins.send_due(clock, out, db=db)
    assert out.sent == [] and statuses(db, t["id"])["checkin_24h"] == "scheduled"


def test_after_days_of_downtime_only_the_latest_due_checkin_goes(db, clock):
    t = checkins.register(body(clock=clock, hours_ago=1), clock, db=db)
    clock.advance(days=5)  # 24h and 72h both due, nobody sent them
    out = Outbox()
    checkins.send_due(clock, out, db=db)
    assert out.kinds == ["checkin_72h"]
    rows = {c["kind"]: c for c in checkins.get_treatment(t["id"], db=db)["checkins"]}
    assert rows["checkin_24h"]["status"] == "cancelled"
    assert rows["checkin_24h"]["reason"] == "not sent: a later check-in was already due"


def test_a_kind_removed_from_the_file_is_failed_not_sent(db, clock):
    t = checkins.register(body(clock=clock, hours_ago=25), clock, db=db)
    data = copy.deepcopy(DEFAULT)
    data["checkins"] = data["checkins"][1:]
    s = config.parse(data)
    out = Outbox()
    checkins.send_due(clock, out, db=db, settings=s)
    assert out.sent == []
    row = checkins.get_treatment(t["id"], db=db)["checkins"][0]
    assert row["status"] == "failed" and "no longer in the schedule" in row["reason"]


# ------------------------------------------------------------------ crash and restart


def test_a_worker_that_died_while_sending_is_never_sent_twice(db, clock):
    t = checkins.register(body(clock=clock, hours_ago=25), clock, db=db)
    cid = t["checkins"][0]["id"]
    assert cstore.claim(db, cid, clock.now(), "dead-worker", 300)  # took it, then died
    out = Outbox()
    checkins.send_due(clock, out, db=db)
    assert out.sent == []  # still leased
    clock.advance(seconds=301)
    checkins.send_due(clock, out, db=db)
    assert out.sent == []
    row = checkins.get_treatment(t["id"], db=db)["checkins"][0]
    assert row["status"] == "failed" and "may or may not have arrived" in row["reason"]


def test_a_slow_sender_that_outlived_its_lease_still_records_sent(db, clock):
    t = checkins.register(body(clock=clock, hours_ago=25), clock, db=db)

    def slow(m):
        clock.advance(seconds=600)  # the lease (300 s) runs out while sending
        cstore.expire_claims(db, clock.now())  # another worker notices

    checkins.send_due(clock, slow, db=db)
    assert statuses(db, t["id"])["checkin_24h"] == "sent"


def test_restart_in_the_middle_keeps_everything_in_sqlite(data_dir, clock):
    path = data_dir / "clinic.db"
    db1 = checkins.open_db(path)
    t = checkins.register(body(clock=clock, hours_ago=25), clock, db=db1)
    out = Outbox()
    checkins.send_due(clock, out, db=db1)
    db1.conn.close()
    # A new process: fresh imports, fresh connection, the same file.
    clock.advance(hours=47)
    code = (
        "import sys, json\n"
        "from bot import checkins\n"
        "clock = checkins.FakeClock(sys.argv[1])\n"
        "sent = []\n"
        "checkins.send_due(clock, sent.append)\n"
        "print(json.dumps([m.kind for m in sent]))\n"
    )
    env_run = subprocess.run(
        [sys.executable, "-c", code, clock.now().isoformat()],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert env_run.stdout.strip() == '["checkin_72h"]'
    db2 = checkins.open_db(path)
    assert statuses(db2, t["id"]) == {
        "checkin_24h": "sent",
        "checkin_72h": "sent",
        "checkin_7d": "scheduled",
        "next_session": "scheduled",
    }
    db2.conn.close()


# ------------------------------------------------------------------ replies


def test_a_reply_marks_the_latest_sent_checkin_answered_and_gives_the_days(db, clock):
    t = checkins.register(body(clock=clock, hours_ago=25), clock, db=db)
    checkins.send_due(clock, Outbox(), db=db)
    clock.advance(hours=2)
    ctx = checkins.record_reply("p1", "all good, just a bit pink", clock, db=db)
    assert ctx.answered and ctx.checkin_kind == "checkin_24h" and ctx.treatment_id == t["id"]
    assert ctx.days_since_treatment == pytest.approx(27 / 24, abs=0.001)
    assert statuses(db, t["id"])["checkin_24h"] == "answered"
    again = checkins.record_reply("p1", "and another thing", clock, db=db)
    assert not again.answered and again.checkin_id is None
    assert again.days_since_treatment == ctx.days_since_treatment


def test_days_since_treatment_without_any_checkin_sent(db, clock):
    checkins.register(body(clock=clock, hours_ago=24 * 6.5), clock, db=db)
    ctx = checkins.record_reply("p1", "still a bit swollen", clock, db=db)
    assert not ctx.answered and ctx.days_since_treatment == pytest.approx(6.5)


def test_no_treatment_no_context(db, clock):
    assert checkins.record_reply("stranger", "hello", clock, db=db) is None


def test_an_empty_message_answers_nothing(db, clock):
    t = checkins.register(body(clock=clock, hours_ago=25), clock, db=db)
    checkins.send_due(clock, Outbox(), db=db)
    for text in ("", "   ", None):
        assert not checkins.record_reply("p1", text, clock, db=db).answered
    assert statuses(db, t["id"])["checkin_24h"] == "sent"


# ------------------------------------------------------------------ stop


def test_stop_cancels_the_remaining_checkins_and_is_remembered(db, clock):
    t = checkins.register(body(clock=clock, hours_ago=25), clock, db=db)
    checkins.send_due(clock, Outbox(), db=db)
    assert checkins.is_opt_out("STOP please")
    assert checkins.has_scheduled("p1", db=db)
    assert checkins.opt_out("p1", clock, db=db) == 3
    assert not checkins.has_scheduled("p1", db=db)
    assert statuses(db, t["id"]) == {
        "checkin_24h": "sent",
        "checkin_72h": "cancelled",
        "checkin_7d": "cancelled",
        "next_session": "cancelled",
    }
    clock.advance(days=30)
    out = Outbox()
    checkins.send_due(clock, out, db=db)
    assert out.sent == []
    # A later treatment of the same patient gets no check-ins until staff clear the stop.
    later = checkins.register(body(clock=clock, hours_ago=1), clock, db=db)
    assert set(statuses(db, later["id"]).values()) == {"cancelled"}
    assert "asked to stop" in later["checkins"][0]["reason"]
    assert checkins.clear_opt_out("p1", "ana", db=db)
    third = checkins.register(body(clock=clock, hours_ago=0.5), clock, db=db)
    assert set(statuses(db, third["id"]).values()) == {"scheduled"}


def test_stop_only_touches_that_patient(db, clock):
    a = checkins.register(body(sender="a", clock=clock, hours_ago=1), clock, db=db)
    b = checkins.register(body(sender="b", clock=clock, hours_ago=1), clock, db=db)
    checkins.opt_out("a", clock, db=db)
    assert set(statuses(db, a["id"]).values()) == {"cancelled"}
    assert set(statuses(db, b["id"]).values()) == {"scheduled"}


def test_opt_out_reply_is_rendered():
    text = config.settings().opt_out_reply()
    assert "stopped" in text and "{{" not in text


# ------------------------------------------------------------------ overdue


def test_no_reply_by_the_next_checkin_is_overdue(db, clock):
    t = checkins.register(body(clock=clock, hours_ago=25), clock, db=db)
    out = Outbox()
    checkins.send_due(clock, out, db=db)
    assert checkins.overdue_unanswered(clock, db=db) == []
    clock.set(t["checkins"][1]["due_at"])  # the 72h check-in falls due
    [late] = checkins.overdue_unanswered(clock, db=db)
    assert (late["kind"], late["conversation_id"], late["treatment_id"]) == (
        "checkin_24h",
        "p1",
        t["id"],
    )
    checkins.send_due(clock, out, db=db)  # 72h sent: still waiting for a reply
    assert checkins.overdue_unanswered(clock, db=db) == []
    checkins.record_reply("p1", "fine thanks", clock, db=db)
    clock.advance(days=10)
    assert [o["kind"] for o in checkins.overdue_unanswered(clock, db=db)] == []


def test_answered_is_not_overdue(db, clock):
    t = checkins.register(body(clock=clock, hours_ago=25), clock, db=db)
    checkins.send_due(clock, Outbox(), db=db)
    checkins.record_reply("p1", "all fine", clock, db=db)
    clock.set(t["checkins"][1]["due_at"])
    assert checkins.overdue_unanswered(clock, db=db) == []


def test_the_reminder_expects_no_reply_and_stop_silences_overdue(db, clock):
    checkins.register(body(clock=clock, hours_ago=24 * 22), clock, db=db)  # only next_session left
    checkins.send_due(clock, Outbox(), db=db)
    clock.advance(days=30)
    assert checkins.overdue_unanswered(clock, db=db) == []
    checkins.register(body(sender="q", clock=clock, hours_ago=25), clock, db=db)
    checkins.send_due(clock, Outbox(), db=db)
    clock.advance(days=3)
    assert [o["conversation_id"] for o in checkins.overdue_unanswered(clock, db=db)] == ["q"]
    checkins.opt_out("q", clock, db=db)
    assert checkins.overdue_unanswered(clock, db=db) == []


# ------------------------------------------------------------------ retention and deletion


def test_delete_my_data_removes_treatments_checkins_sends_and_opt_out(db, clock):
    checkins.register(body(clock=clock, hours_ago=25), clock, db=db)
    other = checkins.register(body(sender="keep", clock=clock, hours_ago=25), clock, db=db)
    checkins.send_due(clock, Outbox(), db=db)
    checkins.opt_out("p1", clock, db=db)
    result = checkins.delete_patient_data("p1", db=db)
    assert result == {"treatments": 1, "checkins": 4, "opt_outs": 1}
    assert checkins.treatments_for("p1", db=db) == []
    assert db.execute("select count(*) from checkin_sends").fetchone()[0] == 1  # "keep"'s
    assert checkins.get_treatment(other["id"], db=db) is not None
    assert checkins.record_reply("p1", "hi", clock, db=db) is None


def test_retention_deletes_finished_old_treatments_only(db, clock):
    old = checkins.register(body(sender="old", clock=clock, hours_ago=25), clock, db=db)
    checkins.send_due(clock, Outbox(), db=db)
    checkins.cancel("ana", clock, db, treatment_id=old["id"])
    busy = checkins.register(body(sender="busy", clock=clock, hours_ago=1), clock, db=db)
    clock.advance(days=10)
    assert checkins.purge(days=30, clock=clock, db=db) == {"treatments": 0, "checkins": 0}
    clock.advance(days=25)
    # "busy" still has its next-session reminder scheduled (21 days after), now past: sent first.
    checkins.send_due(clock, Outbox(), db=db)
    checkins.cancel("ana", clock, db, treatment_id=busy["id"])
    assert checkins.purge(days=30, clock=clock, db=db) == {"treatments": 2, "checkins": 8}
    assert db.execute("select count(*) from checkin_sends").fetchone()[0] == 0


def test_retention_keeps_a_treatment_with_checkins_still_to_come(db, clock):
    t = checkins.register(body(clock=clock, hours_ago=1), clock, db=db)
    assert checkins.purge(days=0, clock=clock, db=db)["treatments"] == 0
    assert checkins.get_treatment(t["id"], db=db) is not None


# ------------------------------------------------------------------ schema and boundaries


def test_schema_is_created_once_and_again_is_harmless(db):
    cstore.ensure_schema(db)
    cstore.ensure_schema(db)
    assert set(cstore.TABLES) <= set(db.table_names())


def test_schema_created_by_many_threads_at_once_on_a_fresh_file(tmp_path):
    path = tmp_path / "fresh.db"
    errors: list = []
    start = threading.Barrier(6)

    def open_it() -> None:
        try:
            start.wait()
            checkins.open_db(path).conn.close()
        except Exception as exc:  # noqa: BLE001
            errors.append(repr(exc))

    threads = [threading.Thread(target=open_it) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert errors == []
    db = checkins.open_db(path)
    assert set(cstore.TABLES) <= set(db.table_names())
    db.conn.close()


def test_the_unique_send_record_refuses_a_second_claim(db, clock):
    t = checkins.register(body(clock=clock, hours_ago=25), clock, db=db)
    cid = t["checkins"][0]["id"]
    assert cstore.claim(db, cid, clock.now(), "w1", 300)
    assert not cstore.claim(db, cid, clock.now(), "w2", 300)
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("insert into checkin_sends (checkin_id, worker) values (?, 'w3')", [cid])


def test_no_rasa_or_sanic_inside():
    code = (
        "import sys, bot.checkins, bot.checkins.__main__\n"
        "bad = sorted({m.split('.')[0] for m in sys.modules} & {'rasa', 'rasa_sdk', 'sanic'})\n"
        "print(','.join(bad))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert run.stdout.strip() == ""
