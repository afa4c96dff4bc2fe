"""The red-flag check (knowledge/replies/triage_checks.yml) and the safety net.

The check is a question, asked in one short message before any reassurance:
it names the signs and tells the patient to do nothing yet. What to do comes
from the reply its answer leads to, and every one of those carries the whole
safety net (knowledge/safety_net.yml), so no answer leaves a patient without it.
"""

from __future__ import annotations

import re

import pytest

from bot import knowledge, triage
from tests.test_readability import sentences
from tests.test_safety_net import INSTRUCTION, NEEDS_NET_REPLIES

CHECK_PROMPTS = ["utter_ask_rf_check", "utter_rf_check_which", "utter_rf_check_reask"]
ANSWERS = [None, "no", "yes", "unclear"] + sorted(triage.check_option_ids())


@pytest.mark.parametrize("answer", ANSWERS, ids=str)
def test_every_answer_to_the_check_ends_in_a_reply_with_the_whole_net(answer):
    level, _, _ = triage.assess_check(answer, {"level": "none", "signs": [], "reasons": []})
    reply = triage.reply_for(level)
    assert reply in NEEDS_NET_REPLIES, (answer, level, reply)
    blocks = [knowledge.safety_text(b) for b in knowledge.safety_net_data()["net"]]
    for variation in knowledge.reply(reply):
        where = [variation["text"].find(b) for b in blocks]
        assert all(i >= 0 for i in where) and where == sorted(where), reply


def test_a_named_sign_is_at_least_urgent_and_no_is_reassurance():
    pending = {"level": "none", "signs": [], "reasons": []}
    for option in triage.check_option_ids():
        assert triage.assess_check(option, pending)[0] in ("urgent", "emergency"), option
    assert triage.assess_check("no", pending)[0] == "none"


@pytest.mark.parametrize("name", CHECK_PROMPTS)
def test_the_check_asks_and_gives_no_instruction_of_its_own(name):
    """Only the net says what to do about its signs (one instruction everywhere)."""
    for variation in knowledge.reply(name):
        text = variation["text"]
        assert "?" in text
        assert not [s for s in sentences(text) if INSTRUCTION.search(s)], name
        assert "{{" not in text


def test_the_check_offers_every_option_and_no():
    [check] = knowledge.reply("utter_ask_rf_check")
    payloads = [b["payload"] for b in check["buttons"]]
    assert "/deny" in payloads
    named = {m.group(1) for p in payloads for m in [re.search(r'"rf_sign": "(\w+)"', p)] if m}
    assert named == set(triage.check_option_ids())
