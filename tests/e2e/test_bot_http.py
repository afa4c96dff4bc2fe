"""End-to-end tests of the whole bot through its HTTP contract.

The real Rasa server, action server and inbox run on loopback (scripts/run.sh
with a temporary BOT_DATA_DIR). Covers bad input, the FAQ and fallback paths,
triage with tickets, the handoff, the pre-screen conversations of
tests/data/prescreen_cases.yml (held out), and an emergency while the action
server is down.
"""

from __future__ import annotations

import json
import stat
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest
import yaml

from bot import knowledge, store
from tests.e2e.running_bot import ROOT, BotUnderTest, db_of, joined, model_path, said, sender, texts
from tests.knowledge_text import faq_text

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    if not model_path().exists():
        pytest.skip(f"no trained model at {model_path()}: run `make train` first")
    b = BotUnderTest(tmp_path_factory.mktemp("bot-data")).start()
    yield b
    b.stop()


def first_reply(text: str) -> str:
    """The first reply of a conversation ends with the disclaimer (bot/nlu/nlg.py)."""
    return text + "\n\n" + said("utter_disclaimer")


# ----------------------------------------------------------------- contract


def test_readiness_and_parse(bot):
    assert bot.call("GET", "/", auth=False)[0] == 200
    parse = bot.parse("will the needles sting a lot")
    assert parse["intent"]["name"] == "faq"
    key = parse["response_selector"]["faq"]["response"]["intent_response_key"]
    assert key == "faq/pain"


def test_faq_answer_cites_its_sources_and_offers_more(bot):
    replies = bot.say(sender(), "roughly how much is one session")
    assert replies, "no answer"
    entry = knowledge.faq_entry("cost")
    assert joined(replies) == first_reply(faq_text("cost"))
    assert "Sources:" in joined(replies)
    assert any(m.get("buttons") for m in replies)  # the offer of more
    assert entry["answer"].split()[0] in joined(replies)


def test_a_follow_up_is_read_in_the_light_of_the_answer_before(bot):
    """ "how long does it last?" alone asks about results; right after the
    answer on pain it asks how long the pain lasts (FaqAnswerGate reads the
    tracker that Rasa hands the NLU)."""
    alone = bot.parse("and how long does it last?")
    assert (
        alone["response_selector"]["faq"]["response"]["intent_response_key"]
        == "faq/results_duration"
    )
    s = sender()
    bot.say(s, "does the treatment hurt")
    replies = bot.say(s, "and how long does it last?")
    assert joined(replies) == faq_text("downtime")
    latest = bot.tracker(s)["latest_message"]
    assert latest["follow_up"] == "downtime"


def test_another_treatment_gets_the_clinic_contact(bot):
    s = sender()
    parse = bot.parse("how much is botox for frown lines")
    assert parse["intent"]["name"] == "out_of_scope"
    replies = bot.say(s, "how much is botox for frown lines")
    assert joined(replies).startswith(said("utter_other_treatment"))
    assert "/human_handoff" in [b["payload"] for m in replies for b in m.get("buttons") or []]


def test_out_of_scope_is_declined_politely(bot):
    s = sender()
    parse = bot.parse("what is the best pizza topping")
    assert parse["intent"]["name"] != "faq"
    replies = texts(bot.say(s, "what is the best pizza topping"))
    assert replies and "mesotherapy" in " ".join(replies).lower()


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    "message",
    [
        "",
        "   ",
        "🙂🙂🙂",
        "مرحبا، هل الحقن مؤلم؟",
        "<script>alert(1)</script>",
        "x" * 20000,
        "'; DROP TABLE events; --",
        "Привет",
        "\u202eevil\u202c",
    ],
)
def test_odd_messages_get_a_polite_answer(bot, message):
    s = sender()
    replies = bot.say(s, message)
    assert replies, f"no reply to {message[:30]!r}"
    assert all(isinstance(t, str) and t for t in texts(replies))
    # The conversation still works afterwards.
    assert bot.say(s, "how long is a session")


@pytest.mark.parametrize("raw", [b"{not json", b"[]", b'{"sender": "x"}', b"", b"\xff\xfe"])
def test_malformed_requests_get_a_clean_4xx(bot, raw):
    for auth in (True, False):
        status, _ = bot.call("POST", "/webhooks/rest/webhook", raw=raw, auth=auth)
        assert 400 <= status < 500, status


def test_api_needs_the_token(bot):
    status, _ = bot.call("POST", "/model/parse", {"text": "hi"}, auth=False)
    assert status in (401, 403)


def test_data_is_private_and_no_token_is_on_a_command_line(bot):
    """D10: data files were 0644 in a 0755 folder; RASA_AUTH_TOKEN showed in `ps`."""
    bot.say(sender(), "does it hurt")  # every store exists now
    paths = [bot.data_dir, *bot.data_dir.rglob("*")]
    assert any(p.name == "clinic.db" for p in paths) and any(p.name == "tracker.db" for p in paths)
    opened = {
        str(p): oct(stat.S_IMODE(p.stat().st_mode))
        for p in paths
        if stat.S_IMODE(p.stat().st_mode) & 0o077
    }
    assert opened == {}
    processes = bot.processes()
    (action_pid,) = bot.action_server_pids()
    environ = Path(f"/proc/{action_pid}/environ").read_bytes().split(b"\0")
    action_token = next(
        v.split(b"=", 1)[1].decode() for v in environ if v.startswith(b"ACTION_SERVER_TOKEN=")
    )
    assert len(action_token) >= 24
    for cmd in processes.values():
        assert bot.token not in cmd and action_token not in cmd


def test_the_action_server_answers_rasa_only(bot):
    """D9: one crafted POST to the action server deleted a patient's ticket."""
    body = json.dumps(
        {
            "next_action": "action_delete_my_data",
            "sender_id": "victim",
            "tracker": {"sender_id": "victim", "events": []},
        }
    ).encode()
    req = urllib.request.Request(
        bot.action_url + "/webhook",
        data=body,
        method="POST",
        headers={"Content-Type": "application/json"},
    )
    try:
        urllib.request.urlopen(req, timeout=10)
        status = 200
    except urllib.error.HTTPError as e:
        status = e.code
    assert status == 403


@pytest.mark.parametrize(
    "victim", ["tg-4242", "wa-447100012345", "tw-447100012345", "web-AAAAAAAAAAAAAAAAAAAAAAAA"]
)
def test_rest_cannot_enter_another_channels_conversation(bot, victim):
    """D2: REST '/restart' and 'delete my data' as a WhatsApp patient's number."""
    for text in ("/restart", "delete my data"):
        status, _ = bot.call("POST", "/webhooks/rest/webhook", {"sender": victim, "message": text})
        assert status == 403


# ------------------------------------------------------------------- triage


def test_emergency_is_set_on_the_message_and_ticketed(bot):
    s = sender()
    replies = bot.say(s, "an hour after the injections half of my vision went grey")
    advice = said("utter_emergency_advice")
    assert joined(replies).startswith(advice), replies  # the advice comes first
    assert "999" in texts(replies)[0]
    slots = bot.slots(s)
    assert slots["triage_level"] == "emergency"
    assert slots["handoff_ticket_id"]
    ticket = store.get_ticket(slots["handoff_ticket_id"], db=db_of(bot))
    assert ticket["priority"] == "emergency" and ticket["conversation_id"] == s
    assert ticket["channel"] == "rest"


def test_expected_effect_is_reassured_after_the_red_flag_check(bot):
    s = sender()
    replies = bot.say(s, "had meso yesterday and my cheeks are a little pink and tender")
    # the check, never reassurance first (the first reply: with the disclaimer)
    assert joined(replies) == first_reply(said("utter_ask_rf_check"))
    assert bot.slots(s)["requested_slot"] == "rf_check"
    buttons = [b["payload"] for m in replies for b in m.get("buttons") or []]
    assert "/deny" in buttons and len(buttons) == 5
    replies = bot.say(s, "no")
    slots = bot.slots(s)
    assert slots["triage_level"] == "none"
    assert not slots.get("handoff_ticket_id") and not slots.get("requested_slot")
    assert joined(replies) == said("utter_triage_none")  # the disclaimer went with the check


def test_a_yes_to_the_check_is_that_sign(bot):
    s = sender()
    bot.say(s, "a bit red today after the meso")
    replies = bot.say(s, '/affirm{"rf_sign": "skin"}')
    assert joined(replies).startswith(said("utter_emergency_advice"))
    slots = bot.slots(s)
    assert slots["triage_level"] == "emergency" and slots["handoff_ticket_id"]


def test_expected_effects_all_denied_are_reassured_at_once(bot):
    s = sender()
    replies = bot.say(s, "day 2, a bit puffy, no pain, breathing fine, vision fine, colour normal")
    assert joined(replies) == first_reply(said("utter_triage_none"))
    assert bot.slots(s)["triage_level"] == "none"


def test_urgent_report_gets_a_ticket_and_a_handoff(bot):
    s = sender()
    bot.say(s, "three days after my session one spot is oozing yellow pus and hot")
    slots = bot.slots(s)
    assert slots["triage_level"] in ("urgent", "emergency")
    assert slots["handoff_ticket_id"] and slots["handoff_active"] is True


def test_vague_report_asks_the_red_flag_questions_then_escalates(bot):
    s = sender()
    bot.converse(s, "something feels off with my face since the treatment", lambda slot: "no")
    slots = bot.slots(s)
    assert slots["triage_level"] == "routine"
    assert slots["handoff_ticket_id"]


def test_red_flag_wins_inside_an_faq_question(bot):
    s = sender()
    bot.say(s, "is it a normal side effect that my lips are swelling fast and i'm wheezing")
    assert bot.slots(s)["triage_level"] == "emergency"


# ------------------------------------------------------------------ handoff


def post_events(bot, s, events, latest=True):
    q = "?execute_side_effects=true&output_channel=latest" if latest else ""
    return bot.call("POST", f"/conversations/{urllib.parse.quote(s)}/tracker/events{q}", events)


def test_handoff_holds_then_staff_reply_then_hand_back(bot):
    s = sender()
    assert texts(bot.say(s, "can I talk to a real person please"))
    assert bot.slots(s)["handoff_active"] is True
    first = bot.say(s, "how much is it")
    second = bot.say(s, "hello?")
    assert joined(first) == said("utter_handoff_hold")
    assert second == []  # acknowledged once, then quiet for staff
    # A red flag still gets its advice during the handoff.
    assert joined(bot.say(s, "my eyelid is drooping now")).startswith(
        said("utter_emergency_advice")
    )
    status, _ = post_events(
        bot,
        s,
        {"event": "bot", "text": "Hi, this is Ana from the clinic.", "metadata": {"staff": "ana"}},
    )
    assert status == 200
    events = bot.tracker(s)["events"]
    assert any(
        e.get("event") == "bot" and e.get("text") == "Hi, this is Ana from the clinic."
        for e in events
    )
    status, _ = post_events(bot, s, [{"event": "slot", "name": "handoff_active", "value": False}])
    assert status == 200
    assert joined(bot.say(s, "how long does a session take")) == faq_text("session_length")


# ------------------------------------------------------ action server down


def test_urgent_advice_survives_an_action_server_outage(bot):
    """Reliability review D7: the urgent advice comes from a rule in the Rasa server."""
    bot.stop_action_server()  # run.sh restarts it after BOT_RESTART_DELAY seconds
    s = sender()
    replies = bot.say(s, "there's yellow pus coming out of one of the injection points")
    assert joined(replies).startswith(said("utter_triage_urgent"))
    assert bot.slots(s)["triage_level"] == "urgent"
    bot.wait_ready(180)
    ticket = ticket_after_outage(bot, s)
    assert ticket and ticket["priority"] == "urgent"


def ticket_after_outage(bot, s, seconds: float = 90):
    """The ticket the action server (back) or the reconciler writes, once there."""
    deadline = time.time() + seconds
    ticket = None
    while time.time() < deadline and not ticket:
        ticket = store.open_ticket_for(s, db=db_of(bot))
        time.sleep(1)
    return ticket


def test_emergency_advice_and_ticket_survive_an_action_server_outage(bot):
    bot.stop_action_server()  # run.sh restarts it after BOT_RESTART_DELAY seconds
    s = sender()
    replies = bot.say(s, "my skin has gone white and blotchy where she injected")
    assert joined(replies).startswith(said("utter_emergency_advice"))
    assert bot.slots(s)["triage_level"] == "emergency"
    assert store.open_ticket_for(s, db=db_of(bot)) is None  # nobody could record it yet
    bot.wait_ready(180)  # the action server is back
    ticket = ticket_after_outage(bot, s)
    assert ticket and ticket["priority"] == "emergency"
    assert ticket["source"] == "reconciler"
    assert bot.slots(s)["handoff_ticket_id"] == ticket["id"]


def test_faq_answers_and_their_buttons_survive_an_action_server_outage(bot):
    """Rasa's own utter_faq answers from the ResponseSelector block that
    FaqAnswerGate fills (reliability review D7): the answer, its related topics
    and the pre-screen offer need no action server. Tapping a topic button does
    (action_answer_faq), so it is tried once the action server is back."""
    bot.stop_action_server()  # run.sh restarts it after BOT_RESTART_DELAY seconds
    s = sender()
    try:
        replies = bot.say(s, "who is mesotherapy suitable for")
        assert joined(replies) == first_reply(faq_text("candidacy"))
        payloads = [b["payload"] for m in replies for b in m.get("buttons") or []]
        related = knowledge.faq_entry("candidacy")["related"][0]
        assert payloads[:2] == ["/start_prescreen", '/faq{"faq_topic": "' + related + '"}']
        replies = bot.say(s, "how much does a course of mesotherapy cost")
        assert joined(replies) == faq_text("cost")
        assert any(m.get("buttons") for m in replies)
    finally:
        bot.wait_ready(180)  # the action server is back
    replies = bot.say(s, payloads[1])
    assert joined(replies) == faq_text(related)


# --------------------------------------------------------------- pre-screen

CASES = yaml.safe_load((ROOT / "tests/data/prescreen_cases.yml").read_text())


def run_case(bot, case) -> dict:
    """Play one scripted pre-screen conversation; returns what happened."""
    s = sender()
    answers = {
        k: (v if isinstance(v, list) else [v]) for k, v in (case.get("answers") or {}).items()
    }
    answers.setdefault("prescreen_consent", ["yes"])
    interrupts = {i["at"]: i for i in case.get("interrupt") or []}
    problems = []

    def answer_for(slot):
        if slot in interrupts:
            i = interrupts.pop(slot)
            bot.say(s, i["say"])
            after = bot.slots(s)
            if i["expect"] in ("faq", "why") and after.get("requested_slot") != slot:
                problems.append(
                    f"after {i['expect']} at {slot}: asks {after.get('requested_slot')}"
                )
            if i["expect"] == "stop" and after.get("requested_slot"):
                problems.append("form still asking after stop")
            if i["expect"] == "red_flag" and after.get("triage_level") != i.get(
                "level", "emergency"
            ):
                problems.append(f"red flag gave {after.get('triage_level')}")
            if not after.get("requested_slot"):
                return None
        queue = answers.get(slot)
        if queue:  # unclear replies first, the last one is the clear answer
            return str(queue.pop(0) if len(queue) > 1 else queue[0])
        return str(case.get("default", "no"))

    replies = bot.say(s, case["start"])
    transcript = [("user", case["start"])] + [("bot", t) for t in texts(replies)]
    offered = [b.get("payload") for m in replies for b in m.get("buttons") or []]
    if not bot.slots(s).get("requested_slot") and "/start_prescreen" in offered:
        transcript.append(("user", "[taps] /start_prescreen"))  # the offer after an FAQ
        transcript += bot.converse(s, "/start_prescreen", answer_for)
    else:
        transcript += bot.converse(s, None, answer_for)
    slots = bot.slots(s)
    records = store.prescreens_for(s, db=db_of(bot))
    got = slots.get("prescreen_outcome")
    if case["expect"] in ("no_consent", "cancelled"):
        ok = got is None and not records and not slots.get("requested_slot")
    else:
        ok = got == case["expect"] and len(records) == 1 and records[0]["outcome"] == got
    return {
        "name": case["name"],
        "expect": case["expect"],
        "got": got,
        "ok": ok and not problems,
        "problems": problems,
        "records": len(records),
        "transcript": transcript[-6:],
    }


def test_prescreen_conversations(bot):
    results = [run_case(bot, case) for case in CASES]
    out = ROOT / "results"
    out.mkdir(exist_ok=True)
    correct = sum(r["ok"] for r in results)
    (out / "prescreen_e2e.json").write_text(
        json.dumps({"n": len(results), "correct": correct, "results": results}, indent=2)
    )
    print(f"pre-screen conversations: {correct}/{len(results)} right")
    # Never a wrong outcome: a miss may only be a questionnaire that did not
    # start (the bot asked "did you mean ...?" on an ambiguous first message).
    wrong = [r for r in results if not r["ok"] and (r["got"] or r["records"] or r["problems"])]
    assert not wrong, json.dumps(wrong, indent=1)
    assert correct / len(results) >= 0.9, json.dumps([r for r in results if not r["ok"]], indent=1)


def test_prescreen_record_keeps_answers_as_typed_and_understood(bot):
    s = sender()
    script = {
        "prescreen_consent": "yes",
        "age": "forty two",
        "blood_thinners": "yes I take warfarin",
    }
    bot.converse(s, "could you check whether I'm suitable", lambda slot: script.get(slot, "no"))
    assert bot.slots(s)["prescreen_outcome"] == "clinician_review"
    (record,) = store.prescreens_for(s, db=db_of(bot))
    assert record["answers"]["age"]["typed"] == "forty two"
    assert record["answers"]["age"]["value"] == 42
    assert "warfarin" in record["answers"]["blood_thinners"]["understood"]
    assert record["consent"] == 1 and record["consent_at"]


# ------------------------------------------------------ the gateway against the real Rasa


def test_the_gateway_reaches_the_conversation_an_odd_id_names(bot, monkeypatch):
    """Rasa does not unescape URL paths (review D4): an id like Twilio's goes unchanged
    and lands in that conversation, in Rasa's own tracker store, not in a phantom one."""
    import asyncio

    from bot import rasa_gateway
    from bot.inbox.transcript import read_transcript

    monkeypatch.setenv("RASA_PORT", str(bot.ports["RASA_PORT"]))
    monkeypatch.setenv("RASA_AUTH_TOKEN", bot.token)
    s = f"whatsapp:+4470{uuid.uuid4().int % 10**8:08d}"
    staff = {"event": "bot", "text": "Dr Lee here.", "metadata": {"staff": "ana"}}
    result = asyncio.run(rasa_gateway.append_events(s, [staff]))
    assert result.ok and result.body["sender_id"] == s
    transcript = asyncio.run(read_transcript(s))
    assert [
        (m["kind"], m["text"], m["author"]) for m in transcript.messages if m["kind"] != "system"
    ] == [("staff", "Dr Lee here.", "ana")]
    stored = rasa_gateway.tracker_store(overrides={"BOT_DATA_DIR": str(bot.data_dir)})
    assert s in stored.conversation_ids()
    assert not [c for c in stored.conversation_ids() if "%" in c]
    assert not asyncio.run(rasa_gateway.append_events("a b/c", [staff])).ok  # never sent
