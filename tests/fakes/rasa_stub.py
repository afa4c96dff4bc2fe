"""A Rasa-like host for one channel: a Sanic app on loopback and a stub bot.

The channel's blueprint is mounted at ``/webhooks/<name>`` by Rasa's own
``register`` (as ``rasa run`` does); ``StubBot`` stands in for
``agent.handle_message``: it records each UserMessage and answers through the
message's output channel, like Rasa's processor does.
"""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from rasa.core.channels.channel import InputChannel, UserMessage, register
from sanic import Sanic

from scripts.launch import free_port

# Several Sanic apps start and stop in one test process: test mode lets
# Sanic's start-up optimisation (TouchUp) run more than once.
Sanic.test_mode = True
_names = itertools.count(1)
BUTTONS = [{"title": "Yes", "payload": "/affirm"}, {"title": "No", "payload": "/deny"}]


class StubBot:
    """Answers "You said: <text>"; "buttons" gets a question with Yes/No."""

    def __init__(self) -> None:
        self.received: list[UserMessage] = []

    async def __call__(self, message: UserMessage) -> None:
        self.received.append(message)
        reply: dict[str, Any] = {"text": f"You said: {message.text}"}
        if message.text == "buttons":
            reply = {"text": "Shall we go on?", "buttons": BUTTONS}
        await message.output_channel.send_response(message.sender_id, reply)

    def texts(self) -> list[str]:
        return [m.text for m in self.received]


class StubAgent:
    """What ``rasa.core.channels.channel.register`` calls: ``agent.handle_message``."""

    def __init__(self, bot: Any) -> None:
        self.handle_message = bot


def make_app(channel: InputChannel, bot: Any) -> Sanic:
    """A Sanic app with the channel registered by Rasa's own ``register``."""
    app = Sanic(f"channel_test_{next(_names)}")
    app.ctx.agent = StubAgent(bot)
    register([channel], app, "/webhooks/")
    return app


@asynccontextmanager
async def serving(app: Sanic) -> AsyncIterator[str]:
    """Run ``app`` inside the current event loop; yields its base URL."""
    port = free_port()
    server = await app.create_server(
        host="127.0.0.1", port=port, access_log=False, return_asyncio_server=True
    )
    await server.startup()
    await server.before_start()
    await server.after_start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        await server.before_stop()
        server.close()
        await server.wait_closed()
        await server.after_stop()


async def staff_reply(
    app: Sanic, conversation_id: str, input_channel: str, message: dict[str, Any]
) -> Any:
    """Send ``message`` as Rasa does for ``POST .../tracker/events?output_channel=latest``.

    The output channel is chosen by Rasa's own ``rasa.server._get_output_channel``
    from the tracker's latest input channel and ``app.ctx.input_channels``.
    """
    from rasa import server
    from rasa.shared.core.events import UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    tracker = DialogueStateTracker.from_events(
        conversation_id, [UserUttered("hi", input_channel=input_channel)]
    )

    class Request:
        args = {"output_channel": "latest"}

    Request.app = app  # type: ignore[attr-defined]
    output = server._get_output_channel(Request(), tracker)
    await output.send_response(conversation_id, message)
    return output
