"""A fake Rasa server for the widget's browser test: ``python -m tests.fakes.socketio_bot``.

It mounts the real ``bot.channels.socketio.SocketIOChannel`` with Rasa's own
``register`` and answers like a bot would, and it offers the two HTTP API
routes the widget and the inbox use:
- ``GET /conversations/<id>/tracker?token=T`` (the widget's history),
- ``POST /conversations/<id>/tracker/events?output_channel=latest&execute_side_effects=true``
  (a staff reply), which picks the output channel with Rasa's own
  ``rasa.server._get_output_channel``.
Like ``rasa run --cors`` in scripts/run.sh, it allows the widget page's
origin (``--cors``, Rasa's own ``configure_cors``): the widget falls back to
long-polling, cross-origin HTTP requests, where websockets are refused. And
``POST /test/websockets?allowed=0|1`` makes it refuse websocket upgrades as
some proxies do (403), or accept them again.
Conversations live in memory. Loopback only.
"""

from __future__ import annotations

import argparse
import os
import time
from typing import Any

from rasa import server
from rasa.core.channels.channel import UserMessage, register
from rasa.shared.core.events import Event, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sanic import Sanic, response
from sanic.request import Request

from bot.channels.socketio import SocketIOChannel

YES_NO = [{"title": "Yes", "payload": "/affirm"}, {"title": "No", "payload": "/deny"}]


class FakeAgent:
    """Stands in for Rasa's agent: keeps events, answers through the channel."""

    def __init__(self) -> None:
        self.events: dict[str, list[dict[str, Any]]] = {}

    def reply_to(self, text: str) -> dict[str, Any]:
        if text == "buttons":
            return {"text": "Would you like to book a consultation?", "buttons": YES_NO}
        if text == "/affirm":
            return {"text": "Great, the booking link is on this page."}
        if text == "/deny":
            return {"text": "No problem. Anything else?"}
        return {"text": f"You said: {text}"}

    async def handle_message(self, message: UserMessage) -> None:
        log = self.events.setdefault(message.sender_id, [])
        log.append(
            {
                "event": "user",
                "timestamp": time.time(),
                "text": message.text,
                "metadata": message.metadata or {},
                "input_channel": message.input_channel,
            }
        )
        reply = self.reply_to(message.text)
        log.append(
            {
                "event": "bot",
                "timestamp": time.time(),
                "text": reply["text"],
                "data": {"buttons": reply.get("buttons")},
                "metadata": {},
            }
        )
        await message.output_channel.send_response(message.sender_id, reply)


def create_app(token: str, cors: list[str] | None = None) -> Sanic:
    app = Sanic("fake_rasa")
    server.configure_cors(app, cors or [])
    agent = FakeAgent()
    app.ctx.agent = agent
    register([SocketIOChannel.from_credentials({"session_persistence": True})], app, "/webhooks/")

    def authorised(request: Request) -> bool:
        return not token or request.args.get("token") == token

    app.ctx.websockets = True

    @app.middleware("request")
    async def refuse_websockets(request: Request):
        if not app.ctx.websockets and request.args.get("transport") == "websocket":
            return response.text("websockets are not forwarded here", status=403)
        return None

    @app.post("/test/websockets")
    async def set_websockets(request: Request):
        if not authorised(request):
            return response.json({"status": "failure", "reason": "NotAuthenticated"}, 401)
        app.ctx.websockets = request.args.get("allowed") == "1"
        return response.json({"websockets": app.ctx.websockets})

    @app.get("/")
    async def hello(_: Request):
        return response.text("Hello from the fake Rasa server")

    @app.get("/conversations/<conversation_id>/tracker")
    async def tracker(request: Request, conversation_id: str):
        if not authorised(request):
            return response.json({"status": "failure", "reason": "NotAuthenticated"}, 401)
        return response.json(
            {"sender_id": conversation_id, "events": agent.events.get(conversation_id, [])}
        )

    @app.post("/conversations/<conversation_id>/tracker/events")
    async def append(request: Request, conversation_id: str):
        if not authorised(request):
            return response.json({"status": "failure", "reason": "NotAuthenticated"}, 401)
        body = request.json if isinstance(request.json, list) else [request.json]
        log = agent.events.setdefault(conversation_id, [])
        past = [
            UserUttered(e["text"], input_channel=e.get("input_channel"))
            for e in log
            if e["event"] == "user"
        ]
        tracker = DialogueStateTracker.from_events(conversation_id, past)
        output = server._get_output_channel(request, tracker)
        for e in body:
            event = Event.from_parameters(e)
            log.append({**e, "timestamp": time.time()})
            if event and e.get("event") == "bot" and request.args.get("execute_side_effects"):
                await output.send_response(conversation_id, event.message())
        return response.json({"sender_id": conversation_id, "events": log})

    return app


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=int(os.environ.get("RASA_PORT", 5005)))
    parser.add_argument(
        "--cors", nargs="*", default=[], help="origins allowed to call it (the widget page's)"
    )
    args = parser.parse_args()
    create_app(os.environ.get("RASA_AUTH_TOKEN", ""), args.cors).run(
        host="127.0.0.1", port=args.port, access_log=False, workers=1, motd=False
    )


if __name__ == "__main__":
    main()
