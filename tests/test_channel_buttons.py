"""Numbered buttons and the small helpers every channel shares."""

from __future__ import annotations

import pytest

from bot import store
from bot.channels import buttons
from bot.channels.common import same_secret, split_text, typed_text
from bot.channels.whatsapp_send import window_open

YES_NO = [{"title": "Yes", "payload": "/affirm"}, {"title": "No", "payload": "/deny"}]


@pytest.fixture(autouse=True)
def data_dir(monkeypatch, tmp_path):
    monkeypatch.setenv("BOT_DATA_DIR", str(tmp_path))


def test_numbered_text_inline_when_short_one_per_line_when_long():
    assert (
        buttons.numbered_text("Go on?", YES_NO) == "Go on?\n\n1. Yes  2. No\n(Reply with a number.)"
    )
    long = [{"title": f"A rather long option number {i}", "payload": f"/o{i}"} for i in (1, 2)]
    assert buttons.numbered_text("Pick", long) == (
        "Pick\n\n1. A rather long option number 1\n2. A rather long option number 2"
        "\n(Reply with a number.)"
    )
    assert buttons.numbered_text("No options", []) == "No options"


@pytest.mark.parametrize(
    "typed,payload",
    [
        ("1", "/affirm"),
        ("2", "/deny"),
        (" 2. ", "/deny"),
        ("2)", "/deny"),
        ("option 1", "/affirm"),
        ("yes", "/affirm"),
        ("NO", "/deny"),
        ("No.", "/deny"),
        ("3", None),
        ("0", None),
        ("12", None),
        ("yes please", None),
        ("", None),
    ],
)
def test_pick_by_number_or_title(typed, payload):
    assert buttons.pick(typed, YES_NO) == payload


def test_resolve_uses_the_offer_once():
    buttons.remember("c1", "twilio_whatsapp", YES_NO)
    assert store.offered_buttons("c1") == YES_NO
    assert buttons.resolve("c1", "twilio_whatsapp", "2") == "/deny"
    assert store.offered_buttons("c1") == []
    assert buttons.resolve("c1", "twilio_whatsapp", "2") is None


def test_any_reply_clears_the_offer():
    buttons.remember("c2", "whatsapp", YES_NO)
    assert buttons.resolve("c2", "whatsapp", "my face is swollen") is None
    assert buttons.resolve("c2", "whatsapp", "1") is None


def test_clean_buttons_drops_malformed_entries():
    assert buttons.clean_buttons(
        [{"title": "A", "payload": "/a"}, {"title": "B"}, "junk", {"payload": "/c"}, None]
    ) == [{"title": "A", "payload": "/a"}]


@pytest.mark.parametrize(
    "text,limit,expected",
    [
        ("short", 10, ["short"]),
        ("a" * 10, 10, ["a" * 10]),
        ("a" * 11, 10, ["a" * 10, "a"]),
        ("one two three", 8, ["one two", "three"]),
        ("para one.\n\npara two is here", 16, ["para one.", "para two is here"]),
        ("", 10, []),
    ],
)
def test_split_text(text, limit, expected):
    assert split_text(text, limit) == expected


def test_split_text_at_4096_keeps_every_character():
    text = "x" * 4096 + " " + "y" * 5000
    parts = split_text(text, 4096)
    assert [len(p) for p in parts] == [4096, 4096, 904]
    assert "".join(parts) == text.replace(" ", "")


@pytest.mark.parametrize(
    "typed,safe",
    [
        ("/start", "hello"),
        ("/start@ClinicBot", "hello"),
        ("/report_emergency", "report_emergency"),
        ('/inform{"age": 12}', 'inform{"age": 12}'),
        ("  hi  ", "hi"),
        ("//", ""),
        ("مرحبا", "مرحبا"),
        ("😀", "😀"),
    ],
)
def test_typed_text_cannot_inject_intents(typed, safe):
    assert typed_text(typed) == safe


def test_same_secret():
    assert same_secret("abc", "abc")
    assert not same_secret("abc", "abd")
    assert not same_secret(None, "abc") and not same_secret("abc", None)
    assert not same_secret("", "")


def test_window_open_follows_the_last_inbound_message():
    assert window_open("nobody") is False
    store.touch_contact("p1", "whatsapp")
    assert window_open("p1") is True
