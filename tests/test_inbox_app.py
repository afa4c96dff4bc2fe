"""The inbox over HTTP: a real ``python -m bot.inbox`` (and ``python -m bot.worker``
for the background work) on free loopback ports, with a fake Rasa API over Rasa's
real tracker store and a fake staff webhook, driven with ``requests``."""

from __future__ import annotations

import re
import secrets
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from bot import store
from bot.inbox import auth
from tests.fakes.trackers import TrackerWriter, rasa_api

pytestmark = pytest.mark.slow

PASSWORD = "correct horse battery"
XSS = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


@dataclass
class Inbox:
    url: str
    data: Path
    rasa: object
    hook: object
    tracker: TrackerWriter

    def db(self):
        return store.open_db(self.data / "clinic.db")


@pytest.fixture(scope="module")
def inbox(tmp_path_factory, http_server, server_process, free_port):
    data = tmp_path_factory.mktemp("inbox-data")
    tracker = TrackerWriter(data)
    rasa = http_server(rasa_api(tracker))
    hook = http_server()
    db = store.open_db(data / "clinic.db")
    for name in ("ana", "bob", "carol", "dave"):
        store.create_staff_user(name, auth.hash_password(PASSWORD, n=2**12), db=db)
    port = free_port()
    env = {
        "BOT_DATA_DIR": str(data),
        "INBOX_PORT": str(port),
        "BIND_HOST": "127.0.0.1",
        "RASA_PORT": str(rasa.port),
        "RASA_AUTH_TOKEN": "test-token",
        "INBOX_BACKGROUND_SECONDS": "0.3",
        "INBOX_LOGIN_MAX_FAILURES_IP": "1000",
        "STAFF_WEBHOOK_URL": f"{hook.url}/hook",
        "INBOX_COOKIE_SECURE": "",
        "INBOX_PUBLIC_URL": "",
        "WHATSAPP_TEMPLATE_NAME": "",
        "STAFF_TELEGRAM_BOT_TOKEN": "",
        "STAFF_TELEGRAM_CHAT_ID": "",
    }
    server_process(
        [sys.executable, "-m", "bot.inbox"], env, health_url=f"http://127.0.0.1:{port}/healthz"
    )
    server_process([sys.executable, "-m", "bot.worker"], {**env, "WORKER_INTERVAL_SECONDS": "0.3"})
    return Inbox(f"http://127.0.0.1:{port}", data, rasa, hook, tracker)


def hidden_csrf(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def sign_in(inbox, user="ana") -> requests.Session:
    s = requests.Session()
    r = s.get(f"{inbox.url}/login")
    r = s.post(
        f"{inbox.url}/login",
        data={"csrf": hidden_csrf(r.text), "username": user, "password": PASSWORD},
        allow_redirects=False,
    )
    assert r.status_code == 303, r.text
    s.csrf = hidden_csrf(s.get(f"{inbox.url}/").text)
    return s


@pytest.fixture(scope="module")
def ana(inbox):
    return sign_in(inbox)


def new_ticket(
    inbox,
    priority="emergency",
    channel="socketio",
    reason="Change in vision",
    signs=("vision_change",),
):
    cid = f"conv-{secrets.token_hex(4)}"
    db = inbox.db()
    t = store.create_ticket(cid, channel, priority, reason, signs, db=db)
    db.conn.close()
    return t


def sent(inbox):
    """What the inbox asked Rasa to do (its reads of transcripts left out)."""
    return [r for r in inbox.rasa.requests if r.method != "GET"]


def post(session, inbox, path, **fields):
    return session.post(
        f"{inbox.url}{path}", data={"csrf": session.csrf, **fields}, allow_redirects=False
    )


# ------------------------------------------------------------ no session


@pytest.mark.parametrize(
    "path",
    ["/", "/tickets/T-1", "/prescreens", "/prescreens/P-1", "/?status=open", "/no-such-page"],
)
def test_pages_redirect_to_sign_in(inbox, path):
    r = requests.get(f"{inbox.url}{path}", timeout=30, allow_redirects=False)
    assert r.status_code in (302, 303) and r.headers["Location"].startswith("/login")


def test_posts_and_api_need_a_session(inbox):
    t = new_ticket(inbox)
    r = requests.post(
        f"{inbox.url}/tickets/{t['id']}/reply",
        timeout=30,
        data={"text": "hi"},
        allow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["Location"] == "/login"
    assert requests.get(f"{inbox.url}/api/queue", timeout=30).status_code == 401
    assert all(t["conversation_id"] not in q.path for q in inbox.rasa.requests)


def test_public_paths(inbox):
    assert requests.get(f"{inbox.url}/healthz", timeout=30).json() == {"ok": True}
    css = requests.get(f"{inbox.url}/static/inbox.css", timeout=30)
    assert css.status_code == 200 and "text/css" in css.headers["Content-Type"]
    assert requests.get(f"{inbox.url}/static/inbox.js", timeout=30).status_code == 200
    assert requests.get(f"{inbox.url}/login", timeout=30).status_code == 200


def test_redirect_back_after_sign_in(inbox):
    t = new_ticket(inbox)
    s = requests.Session()
    r = s.get(f"{inbox.url}/tickets/{t['id']}")
    assert r.url.startswith(f"{inbox.url}/login?next=")
    r = s.post(
        f"{inbox.url}/login",
        data={
            "csrf": hidden_csrf(r.text),
            "username": "bob",
            "password": PASSWORD,
            "next": f"/tickets/{t['id']}",
        },
        allow_redirects=False,
    )
    assert r.headers["Location"] == f"/tickets/{t['id']}"


# ------------------------------------------------------------ sign-in


def test_sign_in_sets_a_strict_http_only_cookie(inbox):
    s = requests.Session()
    r = s.get(f"{inbox.url}/login")
    r = s.post(
        f"{inbox.url}/login",
        data={"csrf": hidden_csrf(r.text), "username": "bob", "password": PASSWORD},
        allow_redirects=False,
    )
    cookie = [c for c in r.raw.headers.getlist("Set-Cookie") if c.startswith("inbox_session=")][0]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/" in cookie
    assert "Secure" not in cookie  # plain http on loopback; on by itself behind https
    assert s.get(f"{inbox.url}/").status_code == 200


def test_wrong_password(inbox):
    s = requests.Session()
    r = s.get(f"{inbox.url}/login")
    r = s.post(
        f"{inbox.url}/login",
        data={"csrf": hidden_csrf(r.text), "username": "bob", "password": "wrong password!"},
    )
    assert r.status_code == 401 and "Wrong account name or password" in r.text
    assert "inbox_session" not in s.cookies


def test_sign_in_form_needs_its_token(inbox):
    r = requests.post(
        f"{inbox.url}/login", timeout=30, data={"username": "bob", "password": PASSWORD}
    )
    assert r.status_code == 403


def test_sign_in_rate_limit(inbox):
    s = requests.Session()
    for _ in range(5):
        r = s.get(f"{inbox.url}/login")
        r = s.post(
            f"{inbox.url}/login",
            data={"csrf": hidden_csrf(r.text), "username": "carol", "password": "nope nope nope"},
        )
        assert r.status_code == 401
    r = s.get(f"{inbox.url}/login")
    r = s.post(
        f"{inbox.url}/login",
        data={"csrf": hidden_csrf(r.text), "username": "carol", "password": PASSWORD},
    )
    assert r.status_code == 429 and "Too many failed sign-ins" in r.text


def test_sign_out_ends_the_session(inbox):
    s = sign_in(inbox, "bob")
    r = post(s, inbox, "/logout")
    assert r.status_code == 303 and r.headers["Location"].startswith("/login")
    old = s.cookies.get("inbox_session")
    assert not old
    r = requests.get(
        f"{inbox.url}/", timeout=30, cookies={"inbox_session": "whatever"}, allow_redirects=False
    )
    assert r.status_code == 303


def test_stolen_cookie_is_useless_after_sign_out(inbox):
    s = sign_in(inbox, "bob")
    token = s.cookies.get("inbox_session")
    post(s, inbox, "/logout")
    r = requests.get(
        f"{inbox.url}/", timeout=30, cookies={"inbox_session": token}, allow_redirects=False
    )
    assert r.status_code == 303


def test_expired_session_redirects(inbox):
    s = sign_in(inbox, "bob")
    db = inbox.db()
    db.execute(
        "update staff_sessions set expires_at = ? where token_hash = ?",
        [store.iso_in(-1), auth.token_hash(s.cookies.get("inbox_session"))],
    )
    db.conn.close()
    assert s.get(f"{inbox.url}/", allow_redirects=False).status_code == 303


def test_disabled_account_is_signed_out(inbox):
    s = sign_in(inbox, "dave")
    db = inbox.db()
    store.set_staff_disabled("dave", True, db=db)
    db.conn.close()
    assert s.get(f"{inbox.url}/", allow_redirects=False).status_code == 303


# ------------------------------------------------------------ CSRF and headers


def test_post_without_csrf_is_refused(inbox, ana):
    t = new_ticket(inbox)
    r = ana.post(f"{inbox.url}/tickets/{t['id']}/notes", data={"text": "no token"})
    assert r.status_code == 403
    r = ana.post(f"{inbox.url}/tickets/{t['id']}/notes", data={"text": "x", "csrf": "forged"})
    assert r.status_code == 403
    db = inbox.db()
    assert store.notes(t["id"], db=db) == []


def test_another_sessions_token_is_refused(inbox, ana):
    bob = sign_in(inbox, "bob")
    t = new_ticket(inbox)
    r = ana.post(f"{inbox.url}/tickets/{t['id']}/notes", data={"text": "x", "csrf": bob.csrf})
    assert r.status_code == 403


def test_security_headers(inbox, ana):
    for r in (
        ana.get(f"{inbox.url}/"),
        requests.get(f"{inbox.url}/login", timeout=30),
        requests.get(f"{inbox.url}/static/inbox.css", timeout=30),
    ):
        csp = r.headers["Content-Security-Policy"]
        for part in (
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "frame-ancestors 'none'",
            "form-action 'self'",
        ):
            assert part in csp
        assert r.headers["X-Content-Type-Options"] == "nosniff"
        assert r.headers["Referrer-Policy"] == "no-referrer"
    assert ana.get(f"{inbox.url}/").headers["Cache-Control"] == "no-store"


# ------------------------------------------------------------ queue


def test_queue_order_and_counts(inbox, ana):
    routine = new_ticket(inbox, "routine", reason="Lump after 3 weeks")
    time.sleep(1.1)
    urgent = new_ticket(inbox, "urgent", reason="Possible infection")
    emergency = new_ticket(inbox, "emergency")
    html = ana.get(f"{inbox.url}/").text
    positions = [html.index(t["id"]) for t in (emergency, urgent, routine)]
    assert positions == sorted(positions)
    data = ana.get(f"{inbox.url}/api/queue").json()
    ids = data["ids"]
    assert ids.index(emergency["id"]) < ids.index(urgent["id"]) < ids.index(routine["id"])
    assert emergency["id"] in data["emergencies"] and urgent["id"] not in data["emergencies"]
    assert data["counts"]["open"] >= 3 and emergency["id"] in data["rows"]


def test_queue_filter_and_assign_to_me(inbox, ana):
    t = new_ticket(inbox, "urgent")
    r = post(ana, inbox, f"/tickets/{t['id']}/assign", to="me", back="queue")
    assert r.status_code == 303 and r.headers["Location"].startswith("/?notice=assigned")
    db = inbox.db()
    assert store.get_ticket(t["id"], db=db)["assigned_to"] == "ana"
    post(ana, inbox, f"/tickets/{t['id']}/status", status="pending")
    assert t["id"] in ana.get(f"{inbox.url}/?status=pending").text
    assert t["id"] not in ana.get(f"{inbox.url}/?status=open").text
    assert ana.get(f"{inbox.url}/?status=';drop table tickets;--").status_code == 200


def test_failed_notifications_show_on_the_queue_and_can_be_retried(inbox, ana):
    t = new_ticket(inbox)
    db = inbox.db()
    nid = store.enqueue_notification(
        t["id"], "new_ticket", "webhook", {"ticket_id": t["id"]}, db=db
    )
    store.claim_notification(nid, db=db)
    store.finish_notification(nid, ok=False, error="HTTP 502", db=db)
    html = ana.get(f"{inbox.url}/").text
    assert "could not be sent" in html and "HTTP 502" in html
    assert "HTTP 502" in ana.get(f"{inbox.url}/tickets/{t['id']}").text
    inbox.hook.clear()
    r = post(ana, inbox, f"/notifications/{nid}/retry", back="/")
    assert r.status_code == 303
    deadline = time.monotonic() + 10  # the worker sends it
    while (
        time.monotonic() < deadline
        and store.notifications_for(t["id"], db=db)[0]["status"] != "sent"
    ):
        time.sleep(0.1)
    assert store.notifications_for(t["id"], db=db)[0]["status"] == "sent"
    assert any(req.json.get("ticket_id") == t["id"] for req in inbox.hook.requests)


# ------------------------------------------------------------ ticket page


def test_ticket_page_shows_everything_as_text(inbox, ana):
    t = new_ticket(inbox, signs=("vision_change", "eye_pain"))
    cid = t["conversation_id"]
    now = time.time()
    inbox.tracker.user(cid, "my vision went blurry", now - 120, channel="socketio")
    inbox.tracker.bot(cid, "Please call 999 now.", now - 119)
    inbox.tracker.user(cid, XSS, now - 60)
    inbox.tracker.bot(cid, "Sam here from the clinic", now - 30, staff="sam")
    db = inbox.db()
    store.save_prescreen(
        cid,
        "socketio",
        {"age": {"typed": "I'm 34", "understood": 34}},
        "clinician_review",
        ["blood_thinners"],
        store.now(),
        db=db,
    )
    store.add_note(t["id"], "bob", f"note {XSS}", db=db)
    r = ana.get(f"{inbox.url}/tickets/{t['id']}")
    assert r.status_code == 200
    assert XSS not in r.text and r.text.count(ESCAPED) == 2
    assert "my vision went blurry" in r.text and "Please call 999 now." in r.text
    assert "msg-staff" in r.text and "sam" in r.text
    assert "eye pain" in r.text or "eye_pain" in r.text
    assert "Clinician review" in r.text and "Website chat" in r.text
    assert "created the ticket" in r.text and "opened the ticket" in r.text  # audit trail
    assert store.audit_log(t["id"], db=db)[0]["action"] == "ticket_viewed"
    data = ana.get(f"{inbox.url}/api/tickets/{t['id']}/transcript").json()
    assert data["last_id"] > 0 and ESCAPED in data["html"] and XSS not in data["html"]


def test_ticket_without_transcript(inbox, ana):
    t = new_ticket(inbox)
    assert "No transcript" in ana.get(f"{inbox.url}/tickets/{t['id']}").text


@pytest.mark.parametrize(
    "ticket_id", ["T-000000-NOPE", "' OR 1=1--", "<script>", "a" * 300, "..%2F..%2Fetc%2Fpasswd"]
)
def test_unknown_ticket_is_404(inbox, ana, ticket_id):
    r = ana.get(f"{inbox.url}/tickets/{ticket_id}")
    assert r.status_code == 404 and "<script>" not in r.text


# ------------------------------------------------------------ reply


def test_reply_reaches_rasa_and_the_transcript(inbox, ana):
    t = new_ticket(inbox)
    inbox.tracker.user(t["conversation_id"], "help please")
    inbox.rasa.clear()
    r = post(ana, inbox, f"/tickets/{t['id']}/reply", text="  Hello, this is Ana. Call us now.  ")
    assert r.status_code == 303 and "notice=reply_sent" in r.headers["Location"]
    req = sent(inbox)[-1]
    assert req.method == "POST"
    assert req.path == f"/conversations/{t['conversation_id']}/tracker/events"
    # the ticket's own channel, not whichever channel last wrote into the conversation (D3)
    assert req.query == {
        "execute_side_effects": ["true"],
        "output_channel": ["socketio"],
        "token": ["test-token"],
    }
    assert req.json == {
        "event": "bot",
        "text": "Hello, this is Ana. Call us now.",
        "metadata": {"staff": "ana"},
    }
    page = ana.get(f"{inbox.url}{r.headers['Location']}").text
    assert "Reply sent to the patient." in page and "Hello, this is Ana. Call us now." in page
    db = inbox.db()
    assert store.get_ticket(t["id"], db=db)["assigned_to"] == "ana"
    assert "reply_sent" in [a["action"] for a in store.audit_log(t["id"], db=db)]


def patient_wrote(inbox, cid, channel, text):
    """A ticket for conversation ``cid`` in which the patient wrote ``text``."""
    db = inbox.db()
    t = store.create_ticket(cid, channel, "urgent", "x", db=db)
    store.touch_contact(cid, channel, db=db)
    inbox.tracker.user(cid, text, channel=channel)
    inbox.rasa.clear()
    return t, db


def test_conversation_ids_go_into_the_path_as_they_are(inbox, ana):
    """Rasa does not unescape paths: an id like Twilio's goes unescaped, and reaches it."""
    cid = f"whatsapp:+4470000{secrets.randbelow(10**5):05d}"
    t, _ = patient_wrote(inbox, cid, "twilio_whatsapp", "my cheek is hot and red")
    r = post(ana, inbox, f"/tickets/{t['id']}/reply", text="Dr Lee will call you")
    assert r.status_code == 303
    assert sent(inbox)[-1].path == f"/conversations/{cid}/tracker/events"
    assert [e["text"] for e in inbox.tracker.events(cid) if e["event"] == "bot"] == [
        "Dr Lee will call you"
    ]
    assert "Dr Lee will call you" in ana.get(f"{inbox.url}/tickets/{t['id']}").text


def test_ids_a_url_cannot_carry_are_refused_not_sent_elsewhere(inbox, ana):
    cid = f"+44 7700/900 {secrets.randbelow(1000)}"
    t, db = patient_wrote(inbox, cid, "whatsapp_cloud", "is swelling normal")
    r = post(ana, inbox, f"/tickets/{t['id']}/reply", text="hello")
    assert r.status_code == 502 and "cannot be addressed through Rasa" in r.text
    assert "hello</textarea>" in r.text and sent(inbox) == []
    assert "is swelling normal" in r.text  # the transcript, read from the tracker store
    assert "reply_failed" in [a["action"] for a in store.audit_log(t["id"], db=db)]


@pytest.mark.parametrize(
    "cid,channel,expected",
    [
        ("tw-447700900123", "twilio_whatsapp", "twilio_whatsapp"),
        ("tg-4242", "telegram", "telegram"),
        ("wa-447700900123", "whatsapp", "whatsapp"),
        ("web-AbCdEfGhIjKlMnOpQrStUvWx", "socketio", "socketio"),
        ("whatsapp:+447700900123", "twilio_whatsapp", "twilio_whatsapp"),  # from before the ids
    ],
)
def test_conversation_ids_go_unescaped_on_their_own_channel(inbox, ana, cid, channel, expected):
    """D4: the inbox escaped 'whatsapp:+44...' and Rasa read it as another conversation."""
    db = inbox.db()
    t = store.create_ticket(cid, channel, "urgent", "x", db=db)
    store.touch_contact(cid, channel, db=db)  # the patient wrote lately (WhatsApp's window)
    inbox.rasa.clear()
    r = post(ana, inbox, f"/tickets/{t['id']}/reply", text="hello")
    assert r.status_code == 303
    req = sent(inbox)[-1]
    assert req.path == f"/conversations/{cid}/tracker/events"
    assert req.query["output_channel"] == [expected]


@pytest.mark.parametrize("nid", ["99999999999999999999999", "9223372036854775808", "0"])
def test_notification_ids_out_of_range_are_404(inbox, ana, nid):
    """D13: a 23-digit id raised OverflowError (500)."""
    r = post(ana, inbox, f"/notifications/{nid}/retry")
    assert r.status_code == 404


@pytest.mark.parametrize("status", [500, 403, 404])
def test_rasa_errors_are_shown_not_crashed(inbox, ana, status):
    t = new_ticket(inbox)
    inbox.rasa.reply(status, {"error": "nope"}, method="POST")
    r = post(ana, inbox, f"/tickets/{t['id']}/reply", text="Are you OK?")
    assert r.status_code == 502 and f"HTTP {status}" in r.text
    assert "Are you OK?</textarea>" in r.text  # the draft is kept
    db = inbox.db()
    assert "reply_failed" in [a["action"] for a in store.audit_log(t["id"], db=db)]


def test_the_channels_reason_is_shown(inbox, ana):
    t = new_ticket(inbox)
    inbox.rasa.clear()
    inbox.rasa.reply(
        500,
        {
            "status": "failure",
            "code": 500,
            "message": "An unexpected error occurred. Error: The patient cannot be "
            "reached on WhatsApp until they write again.",
        },
        method="POST",
    )
    r = post(ana, inbox, f"/tickets/{t['id']}/reply", text="hello")
    assert r.status_code == 502
    assert "HTTP 500: the message was not sent. The patient cannot be reached on WhatsApp" in r.text


def test_rasa_down_is_shown(inbox, ana):
    t = new_ticket(inbox)
    inbox.rasa.clear()
    inbox.rasa.reply(0, method="POST")  # the fake Rasa drops the connection
    r = post(ana, inbox, f"/tickets/{t['id']}/reply", text="Are you there?")
    assert r.status_code == 502 and "not reachable" in r.text
    assert "Are you there?</textarea>" in r.text


@pytest.mark.parametrize("text,status", [("", 400), ("   ", 400), ("x" * 20000, 400)])
def test_reply_validation(inbox, ana, text, status):
    t = new_ticket(inbox)
    r = post(ana, inbox, f"/tickets/{t['id']}/reply", text=text)
    assert r.status_code == status


def test_reply_of_any_script_is_sent_as_text(inbox, ana):
    t = new_ticket(inbox)
    inbox.rasa.clear()
    text = "مرحبا 😀 '; drop table tickets;-- <b>bold</b>"
    post(ana, inbox, f"/tickets/{t['id']}/reply", text=text)
    assert sent(inbox)[-1].json["text"] == text


def test_whatsapp_window_blocks_free_text(inbox, ana):
    t = new_ticket(inbox, channel="whatsapp")
    db = inbox.db()
    store.touch_contact(t["conversation_id"], "whatsapp", db=db)
    db.execute(
        "update contacts set last_inbound_at = ? where conversation_id = ?",
        [store.iso_in(-30 * 3600), t["conversation_id"]],
    )
    page = ana.get(f"{inbox.url}/tickets/{t['id']}").text
    assert "cannot be reached with free text on WhatsApp outside the 24-hour window" in page
    inbox.rasa.clear()
    r = post(ana, inbox, f"/tickets/{t['id']}/reply", text="hello")
    assert r.status_code == 409 and sent(inbox) == []
    # with an approved template configured, staff are told it goes as the template
    secrets_file = inbox.data / "secrets.env"
    secrets_file.write_text("WHATSAPP_TEMPLATE_NAME=clinic_followup\n")
    try:
        assert "clinic_followup" in ana.get(f"{inbox.url}/tickets/{t['id']}").text
        r = post(ana, inbox, f"/tickets/{t['id']}/reply", text="hello")
        assert r.status_code == 303 and "reply_template" in r.headers["Location"]
        assert len(sent(inbox)) == 1
    finally:
        secrets_file.unlink()


# ------------------------------------------------------------ hand back, resolve, status, notes


def test_hand_back_to_the_bot(inbox, ana):
    t = new_ticket(inbox)
    inbox.rasa.clear()
    r = post(ana, inbox, f"/tickets/{t['id']}/handback")
    assert r.status_code == 303 and "handed_back" in r.headers["Location"]
    events = sent(inbox)[-1].json
    assert events[0] == {"event": "slot", "name": "handoff_active", "value": False}
    assert events[1]["event"] == "bot" and events[1]["text"]
    assert sent(inbox)[-1].query["execute_side_effects"] == ["true"]
    db = inbox.db()
    assert "handed_back" in [a["action"] for a in store.audit_log(t["id"], db=db)]
    assert "handed back to the assistant" in ana.get(f"{inbox.url}/tickets/{t['id']}").text


def test_resolve_with_and_without_hand_back(inbox, ana):
    t1, t2 = new_ticket(inbox), new_ticket(inbox)
    inbox.rasa.clear()
    post(ana, inbox, f"/tickets/{t1['id']}/resolve", handback="1")
    assert len(sent(inbox)) == 1
    post(ana, inbox, f"/tickets/{t2['id']}/resolve")
    assert len(sent(inbox)) == 1
    db = inbox.db()
    assert store.get_ticket(t1["id"], db=db)["status"] == "resolved"
    assert store.get_ticket(t2["id"], db=db)["status"] == "resolved"
    assert store.get_ticket(t1["id"], db=db)["resolved_at"]


def test_resolve_is_refused_when_the_hand_back_fails(inbox, ana):
    t = new_ticket(inbox)
    inbox.rasa.reply(500, method="POST")
    r = post(ana, inbox, f"/tickets/{t['id']}/resolve", handback="1")
    assert r.status_code == 502
    db = inbox.db()
    assert store.get_ticket(t["id"], db=db)["status"] == "open"


def test_status_assign_and_notes(inbox, ana):
    t = new_ticket(inbox)
    assert post(ana, inbox, f"/tickets/{t['id']}/status", status="pending").status_code == 303
    assert post(ana, inbox, f"/tickets/{t['id']}/status", status="closed").status_code == 400
    assert post(ana, inbox, f"/tickets/{t['id']}/assign", to="me").status_code == 303
    assert post(ana, inbox, f"/tickets/{t['id']}/assign", to="none").status_code == 303
    assert post(ana, inbox, f"/tickets/{t['id']}/notes", text="Called her back").status_code == 303
    assert post(ana, inbox, f"/tickets/{t['id']}/notes", text="").status_code == 400
    assert post(ana, inbox, f"/tickets/{t['id']}/notes", text="n" * 5000).status_code == 400
    db = inbox.db()
    ticket = store.get_ticket(t["id"], db=db)
    assert ticket["status"] == "pending" and not ticket["assigned_to"]
    assert [n["text"] for n in store.notes(t["id"], db=db)] == ["Called her back"]
    trail = [(a["actor"], a["action"]) for a in store.audit_log(t["id"], db=db)]
    assert ("ana", "note_added") in trail and ("ana", "ticket_updated") in trail


# ------------------------------------------------------------ bad input


def test_huge_body_is_413(inbox, ana):
    t = new_ticket(inbox)
    r = post(ana, inbox, f"/tickets/{t['id']}/notes", text="x" * 400_000)
    assert r.status_code == 413


@pytest.mark.parametrize(
    "headers,body",
    [
        ({"Content-Type": "application/json"}, b"{not json"),
        ({"Content-Type": "multipart/form-data; boundary=xyz"}, b"--xyz\r\ngarbage"),
        ({"Content-Type": "application/x-www-form-urlencoded"}, b"%%%&&&=%ZZ"),
        ({"Content-Type": "text/plain"}, "مرحبا 😀".encode()),
    ],
)
def test_malformed_bodies_are_4xx(inbox, ana, headers, body):
    t = new_ticket(inbox)
    r = ana.post(
        f"{inbox.url}/tickets/{t['id']}/notes", data=body, headers=headers, allow_redirects=False
    )
    assert 400 <= r.status_code < 500


def test_wrong_method_is_not_a_500(inbox, ana):
    assert ana.delete(f"{inbox.url}/").status_code == 405
    assert ana.get(f"{inbox.url}/tickets/T-1/reply").status_code in (404, 405)


# ------------------------------------------------------------ pre-screens


def test_prescreens_list_and_review(inbox, ana):
    db = inbox.db()
    ok = store.save_prescreen(
        "c-ok",
        "socketio",
        {"age": {"typed": "31", "understood": 31}},
        "eligible",
        [],
        store.now(),
        db=db,
    )
    review = store.save_prescreen(
        "c-rev",
        "telegram",
        {"blood_thinners": {"typed": f"warfarin {XSS}", "understood": True}},
        "clinician_review",
        ["blood_thinners"],
        store.now(),
        db=db,
    )
    html = ana.get(f"{inbox.url}/prescreens").text
    assert html.index(review["id"]) < html.index(ok["id"])
    page = ana.get(f"{inbox.url}/prescreens/{review['id']}").text
    assert ESCAPED in page and XSS not in page and "Mark reviewed" in page
    r = post(ana, inbox, f"/prescreens/{review['id']}/reviewed")
    assert r.status_code == 303
    assert store.get_prescreen(review["id"], db=db)["reviewed_by"] == "ana"
    assert "Reviewed by" in ana.get(f"{inbox.url}/prescreens/{review['id']}").text
    assert ana.get(f"{inbox.url}/prescreens/P-nope").status_code == 404
    assert post(ana, inbox, "/prescreens/P-nope/reviewed").status_code == 404
