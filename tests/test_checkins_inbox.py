"""Check-ins in the staff inbox, over HTTP against a real ``python -m bot.inbox`` (with a
fake Rasa API over Rasa's real tracker store): record a treatment from a ticket, see the
check-ins and their status, cancel, the "needs a person" page; CSRF and escaping."""

from __future__ import annotations

import html
import re
import sys
from datetime import datetime, timedelta

import pytest
import requests

from bot import checkins, store
from bot.checkins import store as cstore
from bot.inbox import auth
from tests.fakes.trackers import TrackerWriter, rasa_api

pytestmark = pytest.mark.slow

PASSWORD = "correct horse battery"
XSS = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def inbox(tmp_path_factory, http_server, server_process, free_port):
    data = tmp_path_factory.mktemp("checkins-inbox")
    tracker = TrackerWriter(data)
    rasa = http_server(rasa_api(tracker))
    db = store.open_db(data / "clinic.db")
    store.create_staff_user("ana", auth.hash_password(PASSWORD, n=2**12), db=db)
    port = free_port()
    env = {
        "BOT_DATA_DIR": str(data),
        "INBOX_PORT": str(port),
        "BIND_HOST": "127.0.0.1",
        "RASA_PORT": str(rasa.port),
        "RASA_AUTH_TOKEN": "t",
        "INBOX_COOKIE_SECURE": "",
        "INBOX_LOGIN_MAX_FAILURES_IP": "1000",
    }
    server_process(
        [sys.executable, "-m", "bot.inbox"], env, health_url=f"http://127.0.0.1:{port}/healthz"
    )
    return {"url": f"http://127.0.0.1:{port}", "data": data}


def csrf_of(page: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', page).group(1)


@pytest.fixture(scope="module")
def ana(inbox):
    s = requests.Session()
    r = s.get(f"{inbox['url']}/login", timeout=30)
    r = s.post(
        f"{inbox['url']}/login",
        timeout=30,
        allow_redirects=False,
        data={"csrf": csrf_of(r.text), "username": "ana", "password": PASSWORD},
    )
    assert r.status_code == 303, r.text
    s.csrf = csrf_of(s.get(f"{inbox['url']}/", timeout=30).text)
    return s


def db_of(inbox):
    return checkins.open_db(inbox["data"] / "clinic.db")


def local_now_minus(hours: float) -> str:
    tz = checkins.settings().tz
    return (datetime.now(tz) - timedelta(hours=hours)).strftime("%Y-%m-%dT%H:%M")


def test_record_from_a_ticket_then_see_and_cancel(inbox, ana):
    url = inbox["url"]
    ticket = store.create_ticket(
        "tg-5550001",
        "telegram",
        "routine",
        "swelling",
        db=store.open_db(inbox["data"] / "clinic.db"),
    )
    page = ana.get(f"{url}/tickets/{ticket['id']}", timeout=30)
    assert page.status_code == 200
    assert "Aftercare check-ins" in page.text and "No treatment recorded" in page.text
    r = ana.post(
        f"{url}/checkins/record",
        timeout=30,
        allow_redirects=False,
        data={
            "csrf": ana.csrf,
            "conversation": "tg-5550001",
            "channel": "telegram",
            "treated_at": local_now_minus(2),
            "treatment": "mesotherapy",
            "back": f"/tickets/{ticket['id']}",
        },
    )
    assert r.status_code == 303 and r.headers["location"].startswith(f"/tickets/{ticket['id']}")
    page = ana.get(f"{url}{r.headers['location']}", timeout=30).text
    assert "Treatment recorded" in page
    assert page.count("status-c-scheduled") == 4  # 24 h, 72 h, 7 d, next session
    (t,) = cstore.treatments_for(db_of(inbox), "tg-5550001")
    assert t["created_by"] == "ana" and t["channel"] == "telegram"
    first = t["checkins"][0]["id"]
    r = ana.post(
        f"{url}/checkins/cancel",
        timeout=30,
        allow_redirects=False,
        data={"csrf": ana.csrf, "checkin": str(first), "back": f"/tickets/{ticket['id']}"},
    )
    assert r.status_code == 303
    (t,) = cstore.treatments_for(db_of(inbox), "tg-5550001")
    assert [c["status"] for c in t["checkins"]] == ["cancelled"] + ["scheduled"] * 3
    r = ana.post(
        f"{url}/checkins/cancel",
        timeout=30,
        allow_redirects=False,
        data={"csrf": ana.csrf, "treatment": t["id"], "back": f"/tickets/{ticket['id']}"},
    )
    (t,) = cstore.treatments_for(db_of(inbox), "tg-5550001")
    assert {c["status"] for c in t["checkins"]} == {"cancelled"}


def test_forms_need_the_csrf_token_and_a_sign_in(inbox, ana):
    url = inbox["url"]
    data = {
        "conversation": "tg-5550002",
        "treated_at": local_now_minus(1),
        "treatment": "mesotherapy",
    }
    assert ana.post(f"{url}/checkins/record", data=data, timeout=30).status_code == 403
    assert (
        ana.post(f"{url}/checkins/record", data={**data, "csrf": "forged"}, timeout=30).status_code
        == 403
    )
    anonymous = requests.post(
        f"{url}/checkins/record", data=data, timeout=30, allow_redirects=False
    )
    assert anonymous.status_code in (302, 303)
    assert requests.get(f"{url}/checkins", timeout=30, allow_redirects=False).status_code in (
        302,
        303,
    )
    assert cstore.treatments_for(db_of(inbox), "tg-5550002") == []


@pytest.mark.parametrize(
    "fields,fragment",
    [
        ({"treated_at": ""}, "date and time"),
        ({"treated_at": "yesterday"}, "date and time"),
        ({"treated_at": "2099-01-01T10:00"}, "in the future"),
        ({"treatment": XSS}, "treatment must be one of"),
    ],
)
def test_bad_form_input_gets_a_page_with_the_reason(inbox, ana, fields, fragment):
    data = {
        "csrf": ana.csrf,
        "conversation": "tg-5550003",
        "treated_at": local_now_minus(1),
        "treatment": "mesotherapy",
        "back": "/checkins/patient?conversation=tg-5550003",
        **fields,
    }
    r = ana.post(f"{inbox['url']}/checkins/record", data=data, timeout=30)
    assert r.status_code == 400
    assert fragment in html.unescape(r.text)
    assert XSS not in r.text


def test_unknown_or_unaddressable_conversations_are_refused(inbox, ana):
    url = inbox["url"]
    r = ana.get(f"{url}/checkins/patient", params={"conversation": "<b>x</b>"}, timeout=30)
    assert r.status_code == 404 and "<b>x</b>" not in r.text
    r = ana.post(
        f"{url}/checkins/record",
        timeout=30,
        data={
            "csrf": ana.csrf,
            "conversation": "a b",
            "treated_at": local_now_minus(1),
            "treatment": "mesotherapy",
        },
    )
    assert r.status_code == 400
    r = ana.post(f"{url}/checkins/cancel", timeout=30, data={"csrf": ana.csrf})
    assert r.status_code == 400
    r = ana.post(
        f"{url}/checkins/cancel",
        timeout=30,
        allow_redirects=False,
        data={"csrf": ana.csrf, "checkin": "99999999999999999999999"},
    )
    assert r.status_code == 400


def test_needs_a_person_page_shows_failures_and_silence_escaped(inbox, ana):
    db = db_of(inbox)
    clock = checkins.FakeClock(datetime.now(checkins.settings().tz) - timedelta(days=3))
    body = {
        "sender_id": "rest-silent",
        "channel": "rest",
        "treatment": "mesotherapy",
        "treated_at": (clock.now() - timedelta(hours=25)).isoformat(),
    }
    silent = checkins.register(body, clock, db=db)
    checkins.send_due(clock, lambda m: None, db=db)  # sent three days ago, never answered
    body = {**body, "sender_id": "rest-failed"}
    failed = checkins.register(body, clock, db=db)
    first = failed["checkins"][0]["id"]
    assert cstore.claim(db, first, clock.now(), "w", 60)
    cstore.mark_failed(db, first, clock.now(), f"could not be delivered: {XSS}")
    page = ana.get(f"{inbox['url']}/checkins", timeout=30)
    assert page.status_code == 200
    assert "rest-silent" in page.text and "rest-failed" in page.text
    assert XSS not in page.text and html.escape(XSS) in page.text
    assert silent["id"]
    # staff send the failed one again
    r = ana.post(
        f"{inbox['url']}/checkins/retry",
        timeout=30,
        allow_redirects=False,
        data={"csrf": ana.csrf, "checkin": str(first), "back": "/checkins"},
    )
    assert r.status_code == 303
    assert cstore.get_checkin(db_of(inbox), first)["status"] == "scheduled"
