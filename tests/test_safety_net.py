"""The safety net: written once in knowledge/safety_net.yml, rendered wherever it is named.

This part covers the mechanism (``{{safety.net}}`` and ``{{safety.<block>}}``
in any answer or replies file). The content checks (every message that needs
the net carries it, nothing contradicts it) are further down.
"""

from __future__ import annotations

import re

import pytest

from bot import config, knowledge
from bot.knowledge import KnowledgeError
from bot.levels import HANDOFF
from tests.knowledge_text import source_text
from tests.test_readability import sentences


def test_the_net_is_its_blocks_in_order_one_paragraph_each():
    data = knowledge.safety_net_data()
    assert data["net"] and set(data["net"]) <= set(data["blocks"])
    blocks = [knowledge.safety_text(b) for b in data["net"]]
    assert knowledge.safety_text() == "\n\n".join(blocks)
    assert knowledge.safety_text("net") == knowledge.safety_text()
    assert all("{{" not in b and "\n" not in b for b in blocks)


def test_placeholders_render_the_net_and_single_blocks_in_any_text():
    facts = dict(config.clinic())
    text = knowledge.render("Bye.\n\n{{safety.net}}", facts)
    assert text == "Bye.\n\n" + knowledge.safety_text()
    first = knowledge.safety_net_data()["net"][0]
    assert knowledge.render("{{ safety." + first + " }}") == knowledge.safety_text(first)


def test_the_net_takes_the_clinic_facts_it_is_rendered_with():
    facts = dict(
        config.clinic(),
        emergency_number="112",
        urgent_line="01 234 5678",
        out_of_hours="the doctor on call",
    )
    net = knowledge.render("{{safety.net}}", facts)
    assert "112" in net and "01 234 5678" in net and "the doctor on call" in net
    assert str(config.clinic()["emergency_number"]) not in net.replace("112", "")


@pytest.mark.parametrize("text", ["{{safety.no_such_block}}", "{{safety}}", "{{safety.}}"])
def test_unknown_blocks_stop_the_build(text):
    with pytest.raises(KnowledgeError):
        knowledge.render(text)


def test_replies_files_can_use_the_net(tmp_path):
    """Any file in knowledge/replies/ (e.g. one another team owns) uses the same syntax."""
    (tmp_path / "checks.yml").write_text(
        "responses:\n  utter_x:\n  - text: >-\n      Thanks.\n\n\n      {{safety.net}}\n"
    )
    replies = knowledge.load_replies(tmp_path)
    [variation] = knowledge.responses(replies=replies)["utter_x"]
    assert variation["text"] == "Thanks.\n\n" + knowledge.safety_text()


# ================================================================ the content
#
# Every message that needs the net carries all of it, word for word, in
# order, near the top; and no other sentence anywhere tells a patient what to
# do about these signs (so nothing can contradict it).


#: Messages that must carry the net (issue 11): the FAQ answers about side
#: effects, safety, aftercare and downtime, every triage reply, goodbye and
#: the handoff replies. utter_triage_handoff is the exception: it is only
#: sent straight after utter_emergency_advice or utter_triage_urgent (actions/
#: triage.py), which carry the net, and points back to them.
NEEDS_NET_FAQ = ["side_effects", "safety", "aftercare", "downtime"]
NEEDS_NET_REPLIES = [
    "utter_emergency_advice",
    "utter_triage_urgent",
    "utter_triage_routine",
    "utter_triage_none",
    "utter_handoff_hold",
    "utter_handoff_requested",
    "utter_goodbye",
]
POINTS_BACK = ["utter_triage_handoff"]
MAX_WORDS_BEFORE_NET = 35  # a short lead sentence or two, then the warning signs

# Words naming the net's signs. A sentence outside the net that names one of
# these AND tells the patient to call or go somewhere is a second instruction.
SIGN_WORDS = {
    "emergency": r"breath\w*|swallow\w*|throat|tongue|sight|vision|eyesight|eye pain|"
    r"droop\w*|slurred|chest pain|faint\w*|headache|confus\w*|seizure|\bfit\b",
    "blocked_blood_flow": r"\bwhite\b|\bpale\b|grey-blue|blue-grey|purple|blotchy|dusky|"
    r"mottled|\blace\b|blood flow|blood vessel",
    "same_day": r"fever|\bpus\b|blister\w*|dark scab\w*|spreading|\bhot\b",
}
INSTRUCTION = re.compile(
    r"\bcall\b|\bring\b|\bphone\b|\bcontact\b|\bgo to\b|a&e|\b999\b|"
    r"\b111\b|\b112\b|\d{3,}",
    re.I,
)


def all_messages() -> list[tuple[str, str]]:
    out = [(f"faq/{k}", knowledge.faq_entry(k)["answer"]) for k in knowledge.faq_keys()]
    for name, variations in sorted(knowledge.responses().items()):
        if not name.startswith("utter_faq/"):
            out += [(name, v["text"]) for v in variations if v.get("text")]
    return out


def needing_net() -> list[tuple[str, str]]:
    out = [(f"faq/{k}", knowledge.faq_entry(k)["answer"]) for k in NEEDS_NET_FAQ]
    for name in NEEDS_NET_REPLIES:
        out += [(name, v["text"]) for v in knowledge.reply(name)]
    return out


def outside_net(text: str) -> str:
    """The message with every block of the net cut out."""
    for block in knowledge.safety_net_data()["net"]:
        text = text.replace(knowledge.safety_text(block), "\n")
    return text


@pytest.mark.parametrize("name,text", needing_net(), ids=lambda v: v if len(v) < 40 else "")
def test_every_message_that_needs_it_carries_the_whole_net_in_order(name, text):
    blocks = [knowledge.safety_text(b) for b in knowledge.safety_net_data()["net"]]
    where = [text.find(b) for b in blocks]
    assert all(i >= 0 for i in where), (
        name,
        [b[:30] for b, i in zip(blocks, where, strict=False) if i < 0],
    )
    assert where == sorted(where), f"{name}: blocks out of order"


@pytest.mark.parametrize("name,text", needing_net(), ids=lambda v: v if len(v) < 40 else "")
def test_warning_signs_come_first(name, text):
    first = knowledge.safety_text(knowledge.safety_net_data()["net"][0])
    before = text[: text.find(first)]
    assert len(before.split()) <= MAX_WORDS_BEFORE_NET, f"{name}: {len(before.split())} words first"


def test_the_emergency_advice_starts_with_the_call():
    text = knowledge.reply("utter_emergency_advice")[0]["text"]
    assert text.startswith(knowledge.safety_text("emergency"))
    assert text.startswith("Call " + str(config.clinic()["emergency_number"]) + " now")


def test_replies_that_point_back_name_no_sign_and_follow_a_net():
    for name in POINTS_BACK:
        text = knowledge.reply(name)[0]["text"]
        assert "advice above" in text
        assert not any(re.search(p, text, re.I) for p in SIGN_WORDS.values()), name
    # the code sends it only after one of the messages that carry the net
    source = (config.ROOT / "actions" / "triage.py").read_text(encoding="utf-8")
    assert source.count('response="utter_triage_handoff"') == 1
    assert "if level in HANDOFF:" in source
    assert "from bot.levels import" in source and set(HANDOFF) == {"emergency", "urgent"}


@pytest.mark.parametrize("name,text", all_messages(), ids=lambda v: v if len(v) < 40 else "")
def test_no_message_gives_another_instruction_for_the_nets_signs(name, text):
    """E.g. no message may send blocked blood flow to 999 first, or fever to the general line."""
    for sentence in sentences(outside_net(text)):
        if not INSTRUCTION.search(sentence):
            continue
        named = [
            level for level, pattern in SIGN_WORDS.items() if re.search(pattern, sentence, re.I)
        ]
        assert not named, f"{name}: {sentence!r} gives its own instruction for {named}"


def test_the_contradiction_check_catches_a_second_instruction():
    net = knowledge.safety_text()
    bad = net + "\n\nIf the skin turns white, call 999 at once."
    flagged = [
        s
        for s in sentences(outside_net(bad))
        if INSTRUCTION.search(s) and any(re.search(p, s, re.I) for p in SIGN_WORDS.values())
    ]
    assert flagged == ["If the skin turns white, call 999 at once."]
    assert not [s for s in sentences(outside_net(net)) if s.strip()]


# ---------------------------------------------------------------- what the net says


def test_blocked_blood_flow_has_one_instruction_with_its_fallback():
    """CLINICAL.md: urgent line now; emergency services if nobody answers
    within a few minutes or the line is closed."""
    clinic = config.clinic()
    text = knowledge.safety_text("blocked_blood_flow")
    urgent, emergency = (
        text.find(clinic["urgent_line"]),
        text.rfind(str(clinic["emergency_number"])),
    )
    assert 0 <= urgent < emergency
    assert "now" in text and "few minutes" in text and "closed" in text
    for sign in ("white", "grey-blue", "purple", "blotchy", "pain", "hours later"):
        assert sign in text, sign


def test_same_day_signs_name_the_out_of_hours_route():
    clinic = config.clinic()
    text = knowledge.safety_text("same_day")
    assert clinic["urgent_line"] in text and "today" in text
    assert clinic["out_of_hours"] in text and clinic["out_of_hours_how"] in text
    assert "weeks later" in text  # delayed lumps and infection (CLINICAL.md)
    for sign in (
        "fever",
        "pus",
        "blisters",
        "dark scabs",
        "cold sore",
        "hot",
        "painful",
        "spreading",
        "pain that grows",
    ):
        assert sign in text.lower(), sign


def test_emergency_block_lists_every_emergency_sign_of_the_clinical_rules():
    text = knowledge.safety_text("emergency").lower()
    assert text.startswith("call " + str(config.clinic()["emergency_number"]) + " now")
    for sign in (
        "breathing",
        "swallowing",
        "tongue",
        "lips",
        "throat",
        "sight",
        "eye pain",
        "drooping eyelid",
        "face",
        "slurred speech",
        "arm or leg",
        "chest pain",
        "headache",
        "confusion",
        "fit",
        "fainting",
    ):
        assert sign in text, sign


def test_every_number_in_the_net_is_traced():
    from tests.test_knowledge import numbers, strip_placeholders

    data = knowledge.safety_net_data()
    cited = "\n".join(source_text(s) or "" for s in data["sources"])
    for name, block in data["blocks"].items():
        assert not numbers(strip_placeholders(block)) - numbers(cited), name
    assert data["sources"][0] == "clinical-rules"
