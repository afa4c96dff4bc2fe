"""The safety net: written once in knowledge/safety_net.yml, rendered wherever it is named.

This part covers the mechanism (``{{safety.net}}`` and ``{{safety.<block>}}``
in any answer or replies file). The content checks (every message that needs
the net carries it, nothing contradicts it) are further down.
"""
from __future__ import annotations

import pytest

from bot import config, knowledge
from bot.knowledge import KnowledgeError


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
    assert knowledge.render("{{ safety.%s }}" % first) == knowledge.safety_text(first)


def test_the_net_takes_the_clinic_facts_it_is_rendered_with():
    facts = dict(config.clinic(), emergency_number="112", urgent_line="01 234 5678",
                 out_of_hours="the doctor on call")
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
        "responses:\n  utter_x:\n  - text: >-\n      Thanks.\n\n\n      {{safety.net}}\n")
    replies = knowledge.load_replies(tmp_path)
    [variation] = knowledge.responses(replies=replies)["utter_x"]
    assert variation["text"] == "Thanks.\n\n" + knowledge.safety_text()
