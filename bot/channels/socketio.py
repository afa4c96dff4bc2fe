"""The website widget's channel: Rasa's socket.io channel, made reliable.

What changes from ``rasa.core.channels.socketio.SocketIOInput``:
- ``enter_room`` is awaited when it is a coroutine (python-socketio 5.10+),
  so session persistence works with any python-socketio 5.x; without the
  room, replies and staff messages to the session would go nowhere;
- session persistence is on by default: the widget keeps its session id in
  localStorage and a reload continues the same conversation;
- session ids and payloads are checked (a malformed event is dropped, never
  raises inside the server);
- ``get_output_channel()`` emits to the session's room in the right
  namespace, so a staff reply posted with ``output_channel=latest`` reaches
  every open widget of that conversation live;
- messages sent to the bot carry the socket.io session as the conversation.
"""
from __future__ import annotations

import inspect
import json
import logging
import re
import uuid
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import OutputChannel, UserMessage
from rasa.core.channels.socketio import SocketBlueprint, SocketIOInput, SocketIOOutput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncServer

from bot.channels.common import hand_over, typed_text

logger = logging.getLogger(__name__)

SESSION_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
MAX_MESSAGE_CHARS = 20_000


def valid_session_id(value: Any) -> Optional[str]:
    """The session id if it is one we accept (it becomes Rasa's sender id)."""
    return value if isinstance(value, str) and SESSION_ID.match(value) else None


async def enter_room(sio: AsyncServer, sid: str, room: str, namespace: Optional[str]) -> None:
    """Join ``sid`` to ``room`` with any python-socketio 5.x.

    5.10 made ``AsyncServer.enter_room`` a coroutine; Rasa 3.6 calls it without
    ``await``, so the socket never joins and replies to the session are lost.
    """
    result = sio.enter_room(sid, room, namespace=namespace)
    if inspect.isawaitable(result):
        await result


def small_metadata(value: Any) -> Dict[str, str]:
    """What a browser may attach to its message: a few short strings.

    The widget sends the title of a clicked button (``button_title``) so the
    transcript shows what the patient saw; anything else is dropped.
    """
    if not isinstance(value, dict):
        return {}
    return {k: v[:200] for k, v in list(value.items())[:10]
            if isinstance(k, str) and isinstance(v, str) and len(k) <= 40}


class WidgetOutput(SocketIOOutput):
    """Emits to the session's room, in the channel's namespace.

    A message whose metadata has ``staff`` (a staff reply from the inbox) is
    marked so the widget shows it as coming from the clinic team.
    """

    def __init__(self, sio: AsyncServer, bot_message_evt: Text,
                 namespace: Optional[Text] = None) -> None:
        super().__init__(sio, bot_message_evt)
        self.namespace = namespace
        self._staff: Optional[str] = None

    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        staff = message.get("staff")
        self._staff = str(staff) if staff else None
        try:
            await super().send_response(recipient_id, message)
        finally:
            self._staff = None

    async def _send_message(self, socket_id: Text, response: Any) -> None:
        if self._staff and isinstance(response, dict):
            response = {**response, "staff": self._staff}
        await self.sio.emit(self.bot_message_evt, response, room=socket_id,
                            namespace=self.namespace)

    async def send_custom_json(self, recipient_id: Text, json_message: Dict[Text, Any],
                               **kwargs: Any) -> None:
        await self._send_message(recipient_id, json_message)


class SocketIOChannel(SocketIOInput):
    """Rasa's socket.io input for the widget; the channel name stays ``socketio``."""

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "SocketIOChannel":
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

    def get_output_channel(self) -> Optional[OutputChannel]:
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
        sio = AsyncServer(async_mode="sanic", cors_allowed_origins=[])
        bp = SocketBlueprint(sio, self.socketio_path, "socketio_webhook", __name__)
        self.sio = sio
        ns = self.namespace

        @bp.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @sio.on("connect", namespace=ns)
        async def connect(sid: Text, environ: Dict, auth: Optional[Dict] = None) -> bool:
            if not self.jwt_key:
                return True
            import rasa.core.channels.channel as channel_module
            token = auth.get("token") if isinstance(auth, dict) else None
            payload = None
            if token:
                try:
                    payload = channel_module.decode_bearer_token(
                        token, self.jwt_key, self.jwt_algorithm)
                except Exception:  # noqa: BLE001 - a bad token is a refusal
                    payload = None
            return bool(payload)

        @sio.on("disconnect", namespace=ns)
        async def disconnect(sid: Text) -> None:
            logger.debug("socket %s disconnected", sid)

        @sio.on("session_request", namespace=ns)
        async def session_request(sid: Text, data: Any = None) -> None:
            given = data.get("session_id") if isinstance(data, dict) else None
            session_id = valid_session_id(given) or uuid.uuid4().hex
            if self.session_persistence:
                await enter_room(sio, sid, session_id, ns)
            await sio.emit("session_confirm", session_id, room=sid, namespace=ns)

        @sio.on(self.user_message_evt, namespace=ns)
        async def handle_message(sid: Text, data: Any = None) -> None:
            if not isinstance(data, dict):
                return
            text = data.get("message")
            if not isinstance(text, str) or not text.strip():
                return
            text = text[:MAX_MESSAGE_CHARS]
            if self.session_persistence:
                sender_id = valid_session_id(data.get("session_id"))
                if not sender_id:
                    logger.warning("socket.io message without a valid session_id dropped")
                    return
                if sender_id not in sio.rooms(sid, namespace=ns):
                    await enter_room(sio, sid, sender_id, ns)
            else:
                sender_id = sid
            metadata = data.get(self.metadata_key) or {}
            if isinstance(metadata, str):
                try:
                    metadata = json.loads(metadata)
                except ValueError:
                    metadata = {}
            metadata = small_metadata(metadata)
            if text.lstrip().startswith("/") and not metadata.get("button_title"):
                # only a clicked button (which names its title) may send an intent
                text = typed_text(text)
                if not text:
                    return
            output = WidgetOutput(sio, self.bot_message_evt, ns)
            await hand_over(on_new_message, UserMessage(
                text, output, sender_id, input_channel=self.name(), metadata=metadata))

        return bp
