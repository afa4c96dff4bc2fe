"""The website widget's channel: Rasa's socket.io channel, made reliable.

What changes from ``rasa.core.channels.socketio.SocketIOInput``:
- ``enter_room`` is awaited when it is a coroutine (python-socketio 5.10+),
  so session persistence works with any python-socketio 5.x; without the
  room, replies and staff messages to the session would go nowhere;
- sessions are issued by the server and signed (``bot.channels.sessions``):
  the browser keeps its token in localStorage and a reload continues the same
  conversation, but a token the server did not sign (a phone number, a chat
  id, a guess) gets a new session, never someone else's. The conversation id
  is ``web-<key>``, a namespace no other channel can enter;
- a socket is bound to its session on ``session_request``; a message must
  carry that same token, so one socket cannot write into another conversation;
- a "/intent" payload counts only if it is one of the buttons the bot offered
  this conversation (``common.button_payload``), whatever ``button_title``
  says; anything else is read as typed text;
- text is cleaned, size-limited and rate-limited per session and per address;
  new sessions are rate-limited per address; an emergency is never held back;
- payloads are checked (a malformed event is dropped, never raises inside the
  server);
- ``get_output_channel()`` emits to the conversation's room in the right
  namespace, so a staff reply posted with ``output_channel=socketio`` reaches
  every open widget of that conversation live; with ``REDIS_URL`` the rooms
  are shared through Redis (``client_manager``), so it reaches a widget
  connected to another Rasa replica too.
"""

from __future__ import annotations

import inspect
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import OutputChannel, UserMessage
from rasa.core.channels.socketio import SocketBlueprint, SocketIOInput, SocketIOOutput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncManager, AsyncRedisManager, AsyncServer

from bot.channels import buttons as numbered
from bot.channels import limits, sessions
from bot.channels.common import button_payload, deliver_to_bot, typed_text

logger = logging.getLogger(__name__)

CHANNEL = "socketio"
# Read before any check: a browser's message is never longer than this.
MAX_RAW_CHARS = 64 * 1024


def client_address(environ: dict[str, Any]) -> str:
    """The browser's address (Sanic's view of it, proxy settings included)."""
    request = environ.get("sanic.request") if isinstance(environ, dict) else None
    try:
        return str(request.remote_addr or request.ip or "unknown")[:64] if request else "unknown"
    except Exception:  # noqa: BLE001
        return "unknown"


async def enter_room(sio: AsyncServer, sid: str, room: str, namespace: str | None) -> None:
    """Join ``sid`` to ``room`` with any python-socketio 5.x.

    5.10 made ``AsyncServer.enter_room`` a coroutine; Rasa 3.6 calls it without
    ``await``, so the socket never joins and replies to the session are lost.
    """
    result = sio.enter_room(sid, room, namespace=namespace)
    if inspect.isawaitable(result):
        await result


def small_metadata(value: Any) -> dict[str, str]:
    """What a browser may attach to its message: a few short strings.

    The widget sends the title of a clicked button (``button_title``) so the
    transcript shows what the patient saw; anything else is dropped.
    """
    if not isinstance(value, dict):
        return {}
    return {
        k: v[:200]
        for k, v in list(value.items())[:10]
        if isinstance(k, str) and isinstance(v, str) and len(k) <= 40
    }


def client_manager() -> AsyncManager | None:
    """Rooms shared through Redis when ``REDIS_URL`` is set (several Rasa replicas).

    A staff reply is emitted by whichever replica takes the inbox's HTTP call;
    through Redis it reaches the widgets connected to any replica. Without
    ``REDIS_URL``: None, python-socketio's rooms in this process's memory.
    The channel carries the Redis database number, so two bots using two
    databases of one Redis server do not hear each other (pub/sub channels
    are server-wide). python-socketio pickles these messages: Redis must be
    reachable by the bot alone (password, private network).
    """
    from bot import scaling

    settings = scaling.redis()
    if settings is None:
        return None
    return AsyncRedisManager(settings.url, channel=f"clinic-bot-socketio-{settings.db}")


class WidgetOutput(SocketIOOutput):
    """Emits to the session's room, in the channel's namespace.

    A message whose metadata has ``staff`` (a staff reply from the inbox) is
    marked so the widget shows it as coming from the clinic team.
    """

    def __init__(
        self, sio: AsyncServer, bot_message_evt: str, namespace: str | None = None
    ) -> None:
        super().__init__(sio, bot_message_evt)
        self.namespace = namespace
        self._staff: str | None = None

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        staff = message.get("staff")
        self._staff = str(staff) if staff else None
        try:
            await super().send_response(recipient_id, message)
        finally:
            self._staff = None

    async def _send_message(self, socket_id: str, response: Any) -> None:
        if self._staff and isinstance(response, dict):
            response = {**response, "staff": self._staff}
        await self.sio.emit(
            self.bot_message_evt, response, room=socket_id, namespace=self.namespace
        )

    async def send_custom_json(
        self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any
    ) -> None:
        await self._send_message(recipient_id, json_message)

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        """Quick replies; their payloads are remembered, so a click can be checked."""
        numbered.remember(recipient_id, CHANNEL, buttons)
        await super().send_text_with_buttons(recipient_id, text, buttons, **kwargs)


class SocketIOChannel(SocketIOInput):
    """Rasa's socket.io input for the widget; the channel name stays ``socketio``."""

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> SocketIOChannel:
        credentials = credentials or {}
        return cls(
            credentials.get("user_message_evt", "user_uttered"),
            credentials.get("bot_message_evt", "bot_uttered"),
            credentials.get("namespace"),
            credentials.get("session_persistence", True),
            credentials.get("socketio_path", "/socket.io"),
            credentials.get("jwt_key"),
            credentials.get("jwt_method", "HS256"),
            credentials.get("metadata_key", "metadata"),
        )

    def get_output_channel(self) -> OutputChannel | None:
        """The output that reaches the open widgets of a conversation.

        Rasa calls this for ``output_channel=latest``: the recipient is the
        conversation id, which is the session id the widgets joined as a room.
        """
        if self.sio is None:
            return super().get_output_channel()  # warns, returns None
        return WidgetOutput(self.sio, self.bot_message_evt, self.namespace)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        # cors_allowed_origins=[] leaves CORS to Sanic (rasa run --cors); the
        # widget uses the websocket transport, which CORS does not govern.
        sio = AsyncServer(
            async_mode="sanic", cors_allowed_origins=[], client_manager=client_manager()
        )
        bp = SocketBlueprint(sio, self.socketio_path, "socketio_webhook", __name__)
        self.sio = sio
        ns = self.namespace

        @bp.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        gate = limits.Gate.patients()
        new_sessions = limits.limiter("RATE_NEW_SESSIONS_PER_MINUTE", 10, burst_share=1)

        @sio.on("connect", namespace=ns)
        async def connect(sid: str, environ: dict, auth: dict | None = None) -> bool:
            await sio.save_session(sid, {"address": client_address(environ)}, namespace=ns)
            if not self.jwt_key:
                return True
            import rasa.core.channels.channel as channel_module

            token = auth.get("token") if isinstance(auth, dict) else None
            payload = None
            if token:
                try:
                    payload = channel_module.decode_bearer_token(
                        token, self.jwt_key, self.jwt_algorithm
                    )
                except Exception:  # noqa: BLE001 - a bad token is a refusal
                    payload = None
            return bool(payload)

        @sio.on("disconnect", namespace=ns)
        async def disconnect(sid: str) -> None:
            logger.debug("socket %s disconnected", sid)

        async def notice(sid: str, text: str) -> None:
            await sio.emit(self.bot_message_evt, {"text": text}, room=sid, namespace=ns)

        @sio.on("session_request", namespace=ns)
        async def session_request(sid: str, data: Any = None) -> None:
            state = await sio.get_session(sid, namespace=ns)
            token = data.get("session_id") if isinstance(data, dict) else None
            conversation_id = sessions.conversation_of(token)
            if conversation_id is None:
                if not new_sessions.allow(f"a:{state.get('address')}"):
                    logger.warning("new widget sessions from one address over the limit")
                    await notice(sid, limits.slow_down_text())
                    return
                token = sessions.issue()
                conversation_id = sessions.conversation_of(token)
            for room in sio.rooms(sid, namespace=ns):
                if room not in (sid, conversation_id):
                    left = sio.leave_room(sid, room, namespace=ns)
                    if inspect.isawaitable(left):
                        await left
            await enter_room(sio, sid, conversation_id, ns)
            state.update(token=token, conversation_id=conversation_id)
            await sio.save_session(sid, state, namespace=ns)
            await sio.emit("session_confirm", token, room=sid, namespace=ns)

        @sio.on(self.user_message_evt, namespace=ns)
        async def handle_message(sid: str, data: Any = None) -> None:
            if not isinstance(data, dict):
                return
            text = data.get("message")
            if not isinstance(text, str) or not text.strip():
                return
            state = await sio.get_session(sid, namespace=ns)
            conversation_id = state.get("conversation_id")
            if not conversation_id or data.get("session_id") != state.get("token"):
                logger.warning("socket.io message without this socket's session dropped")
                return
            metadata = data.get(self.metadata_key) or {}
            if isinstance(metadata, str):
                try:
                    metadata = json.loads(metadata[:4096])
                except (ValueError, RecursionError):
                    metadata = {}
            metadata = small_metadata(metadata)
            text, refusal, _ = limits.admit_text(
                gate, conversation_id, state.get("address"), text[:MAX_RAW_CHARS]
            )
            if text is None:
                if refusal:
                    await notice(sid, refusal)
                return
            if text.lstrip().startswith("/"):
                payload = button_payload(conversation_id, CHANNEL, text.strip())
                text = payload if payload is not None else typed_text(text)
                if not text:
                    return
            else:
                button_payload(conversation_id, CHANNEL, "")  # any reply uses the offer up
            output = WidgetOutput(sio, self.bot_message_evt, ns)
            await deliver_to_bot(
                on_new_message,
                UserMessage(
                    text, output, conversation_id, input_channel=self.name(), metadata=metadata
                ),
            )

        return bp
