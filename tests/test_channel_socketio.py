"""The widget's socket.io channel: signed sessions, buttons and live staff replies.

The widget is played by python-socketio's own client (tests/fakes/widget_client.py).
"""

from __future__ import annotations

import asyncio

import pytest
import socketio

from bot.channels import sessions
from bot.channels.socketio import SocketIOChannel, WidgetOutput
from tests.fakes.rasa_stub import StubBot, make_app, serving
from tests.fakes.rasa_stub import staff_reply as rasa_staff_reply
from tests.fakes.widget_client import WidgetClient


@pytest.fixture(autouse=True)
def env(monkeypatch, tmp_path):
    monkeypatch.setenv("BOT_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("WIDGET_SESSION_SECRET", raising=False)
    sessions.reset()
    yield
    sessions.reset()


def scenario(test):
    async def main():
        bot = StubBot()
        channel = SocketIOChannel.from_credentials({"session_persistence": True})
        app = make_app(channel, bot)
        async with serving(app) as base:
            await test(base, app, bot)

    asyncio.run(main())


async def staff_reply(app, session_id: str, text: str) -> None:
    """What Rasa does for POST .../tracker/events?output_channel=latest."""
    output = await rasa_staff_reply(
        app, session_id, "socketio", {"text": text, "staff": "Nurse Ada"}
    )
    assert isinstance(output, WidgetOutput)


def test_session_message_reply_and_buttons():
    async def t(base, app, bot):
        w = WidgetClient()
        session = await w.open(base)
        conversation = sessions.conversation_of(session)
        assert conversation and conversation.startswith("web-")
        await w.say("hello")
        assert await w.next() == {"text": "You said: hello"}
        assert bot.received[0].sender_id == conversation
        assert bot.received[0].input_channel == "socketio"
        await w.say("buttons")
        reply = await w.next()
        assert [q["payload"] for q in reply["quick_replies"]] == ["/affirm", "/deny"]
        await w.close()

    scenario(t)


def test_reload_keeps_the_conversation_and_staff_replies_arrive_live():
    async def t(base, app, bot):
        first = WidgetClient()
        session = await first.open(base)
        await first.say("hi")
        await first.next()
        await first.close()  # the page is reloaded
        again = WidgetClient()
        assert await again.open(base, session) == session
        await again.say("still me")
        await again.next()
        conversation = sessions.conversation_of(session)
        assert {m.sender_id for m in bot.received} == {conversation}
        await staff_reply(app, conversation, "A nurse will phone you at 3pm.")
        assert await again.next() == {
            "text": "A nurse will phone you at 3pm.",
            "staff": "Nurse Ada",
        }
        await again.close()

    scenario(t)


def test_works_when_enter_room_is_a_coroutine(monkeypatch):
    """python-socketio 5.10+ made enter_room a coroutine; Rasa 3.6 never awaits it."""
    original = socketio.AsyncServer.enter_room
    calls = []

    async def coroutine_enter_room(self, sid, room, namespace=None):
        calls.append(room)
        return original(self, sid, room, namespace=namespace)

    monkeypatch.setattr(socketio.AsyncServer, "enter_room", coroutine_enter_room)

    async def t(base, app, bot):
        w = WidgetClient()
        session = await w.open(base)
        await staff_reply(app, sessions.conversation_of(session), "Reaches the room")
        assert (await w.next())["text"] == "Reaches the room"
        assert calls == [sessions.conversation_of(session)]
        await w.close()

    scenario(t)


def test_bad_session_ids_and_payloads_are_handled():
    async def t(base, app, bot):
        w = WidgetClient()
        session = await w.open(base, "../../etc/passwd")
        assert session != "../../etc/passwd" and sessions.conversation_of(session)
        for bad in ({"message": 42}, {"message": ""}, {"message": None}):
            await w.emit("user_uttered", {**bad, "session_id": session})
        await w.emit("user_uttered", "not a dict")
        await w.say("no session", session_id=None)
        await w.say("forged session", session_id="x" * 100)
        await w.say("after all that")
        assert (await w.next())["text"] == "You said: after all that"
        assert bot.texts() == ["after all that"]
        await w.close()

    scenario(t)


def test_metadata_is_kept_small():
    async def t(base, app, bot):
        w = WidgetClient()
        session = await w.open(base)
        await w.emit(
            "user_uttered",
            {
                "message": "yes",
                "session_id": session,
                "metadata": {"button_title": "Yes", "huge": "x" * 5000, "n": 5},
            },
        )
        await w.next()
        assert bot.received[0].metadata == {"button_title": "Yes", "huge": "x" * 200}
        await w.close()

    scenario(t)


def test_output_channel_without_a_server_is_none():
    with pytest.warns(UserWarning):
        assert SocketIOChannel().get_output_channel() is None


def test_typed_intents_are_read_as_text_only_offered_buttons_send_intents():
    """D2: '/restart' sent as a 'button' (any button_title) reset the conversation."""

    async def t(base, app, bot):
        w = WidgetClient()
        session = await w.open(base)
        await w.say("/report_emergency")
        await w.next()
        for forged in ("/restart", '/report_emergency{"red_flag": "x"}', "/delete_my_data"):
            await w.emit(
                "user_uttered",
                {"message": forged, "session_id": session, "metadata": {"button_title": "Yes"}},
            )
            await w.next()
        await w.say("buttons")  # the bot offers Yes / No
        await w.next()
        await w.emit(
            "user_uttered",
            {"message": "/affirm", "session_id": session, "metadata": {"button_title": "Yes"}},
        )
        await w.next()
        await w.emit(
            "user_uttered",
            {"message": "/deny", "session_id": session, "metadata": {"button_title": "No"}},
        )
        await w.next()  # the offer was used up
        assert bot.texts() == [
            "report_emergency",
            "restart",
            'report_emergency{"red_flag": "x"}',
            "delete_my_data",
            "buttons",
            "/affirm",
            "deny",
        ]
        await w.close()

    scenario(t)


@pytest.mark.parametrize(
    "guess",
    [
        "447100012345",
        "4242",
        "tg-4242",
        "wa-447100012345",
        "web-AAAAAAAAAAAAAAAAAAAAAAAA",
        "AAAAAAAAAAAAAAAAAAAAAAAA.BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB",
    ],
)
def test_a_guessed_session_gets_a_new_conversation_not_the_patients(guess):
    """D1-D3: a phone number or chat id as the widget's session id was the patient's
    conversation: its staff replies went to the stranger's socket."""

    async def t(base, app, bot):
        patient = WidgetClient()
        session = await patient.open(base)
        await patient.say("my vision went blurry")
        await patient.next()
        stranger = WidgetClient()
        given = await stranger.open(base, guess)
        assert given != guess and given != session
        assert sessions.conversation_of(given) != sessions.conversation_of(session)
        await stranger.say("hello?")
        await stranger.next()
        # a message carrying the patient's token from the stranger's socket is dropped
        await stranger.emit("user_uttered", {"message": "delete my data", "session_id": session})
        await staff_reply(app, sessions.conversation_of(session), "Ana here: on your way?")
        assert (await patient.next())["text"] == "Ana here: on your way?"
        await asyncio.sleep(0.3)
        assert all("Ana here" not in str(m) for m in stranger.got)
        assert [
            (m.sender_id == sessions.conversation_of(session), m.text) for m in bot.received
        ] == [(True, "my vision went blurry"), (False, "hello?")]
        await patient.close()
        await stranger.close()

    scenario(t)


def test_flooding_is_refused_politely_but_an_emergency_still_goes_through(monkeypatch):
    monkeypatch.setenv("RATE_SENDER_PER_MINUTE", "4")

    async def t(base, app, bot):
        w = WidgetClient()
        session = await w.open(base)
        for i in range(8):
            await w.emit("user_uttered", {"message": f"how much is it {i}", "session_id": session})

        def told():
            return any("faster than I can answer" in str(m.get("text")) for m in w.got)

        for _ in range(100):  # the first refusal loads the red-flag rules (a few seconds)
            if told():
                break
            await asyncio.sleep(0.1)
        assert told()
        assert 2 <= len(bot.received) < 8
        before = len(bot.received)
        await w.say("my vision went blurry after my injections")
        for _ in range(50):
            if len(bot.received) > before:
                break
            await asyncio.sleep(0.1)
        assert bot.texts()[before:] == ["my vision went blurry after my injections"]
        await w.close()

    scenario(t)


def test_a_message_too_long_gets_a_polite_answer():
    async def t(base, app, bot):
        w = WidgetClient()
        await w.open(base)
        await w.say("tell me about prices " * 400)
        assert "too long" in (await w.next())["text"]
        assert bot.received == []
        await w.close()

    scenario(t)
