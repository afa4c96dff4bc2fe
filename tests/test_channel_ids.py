"""Conversation ids: one namespace per channel, never escaped in a URL."""

from __future__ import annotations

import pytest

from bot.channels import ids


@pytest.mark.parametrize(
    "channel,address,expected",
    [
        ("telegram", 4242, "tg-4242"),
        ("telegram", "-1001234", "tg--1001234"),
        ("telegram", "12ab", None),
        ("telegram", "1" * 21, None),
        ("telegram", True, None),
    ],
)
def test_telegram(channel, address, expected):
    assert ids.telegram_id(address) == expected
    if expected:
        assert ids.telegram_chat(expected) == str(address)


def test_whatsapp_and_twilio_round_trip():
    assert ids.whatsapp_id("447700900123") == "wa-447700900123"
    assert ids.whatsapp_number("wa-447700900123") == "447700900123"
    assert ids.whatsapp_id("+447700900123") is None and ids.whatsapp_id("1" * 21) is None
    assert ids.twilio_id("whatsapp:+447700900123") == "tw-447700900123"
    assert ids.twilio_address("tw-447700900123") == "whatsapp:+447700900123"
    assert ids.twilio_address("whatsapp:+447700900123") == "whatsapp:+447700900123"
    assert ids.twilio_id("+447700900123") is None and ids.twilio_id("whatsapp:+44 77") is None


@pytest.mark.parametrize(
    "cid,channel",
    [
        ("tg-1", "telegram"),
        ("wa-1", "whatsapp"),
        ("tw-1", "twilio_whatsapp"),
        ("web-x", "socketio"),
        ("eval-1", None),
        ("whatsapp:+44", None),
    ],
)
def test_channel_of(cid, channel):
    assert ids.channel_of(cid) == channel


@pytest.mark.parametrize("sender", ["tg-1", "TG-1", " wa-1", "Tw-1", "WEB-x"])
def test_foreign_namespaces_ignore_case(sender):
    assert ids.foreign_namespace(sender)


@pytest.mark.parametrize(
    "cid", ["tw-447700900123", "whatsapp:+447700900123", "eval-0a1b", "a.b_c~d=e@f"]
)
def test_addressable_ids_go_unchanged(cid):
    assert ids.url_segment(cid) == cid


@pytest.mark.parametrize("cid", ["+44 7700", "a/b", "x%2F", "ünï", "", "..", "a?b", "a#b"])
def test_ids_that_would_need_escaping_are_refused(cid):
    with pytest.raises(ids.UnaddressableId):
        ids.url_segment(cid)


@pytest.mark.parametrize(
    "channel,address,expected",
    [
        ("telegram", "4242", "tg-4242"),
        ("whatsapp_cloud", "+447700900123", "wa-447700900123"),
        ("whatsapp", "447700900123", "wa-447700900123"),
        ("twilio_whatsapp", "whatsapp:+447700900123", "tw-447700900123"),
        ("twilio_whatsapp", "+447700900123", "tw-447700900123"),
        ("twilio_whatsapp", "tw-447700900123", "tw-447700900123"),
        ("rest", "eval-1", "eval-1"),
        ("rest", "tg-1", None),
        ("rest", "a b", None),
        ("socketio", "447700900123", None),
        ("fax", "1", None),
    ],
)
def test_for_address(channel, address, expected):
    assert ids.for_address(channel, address) == expected
