"""The website widget as a test client, on python-socketio's own ``AsyncClient``.

It does what ``bot/widget/static/widget.js`` does with socket.io-client: connect
to Rasa's socket.io endpoint, ask for a session (``session_request``), keep the
token the server signed (``session_confirm``), send ``user_uttered`` with that
token and collect what arrives as ``bot_uttered``.

Transport: long-polling. The browser's client takes a websocket first and
long-polling where a network refuses websockets; both reach the same server
handlers (``tests/e2e/test_widget_browser.py`` drives the browser over each).
This client's websocket transport cannot run here: python-engineio 4.15.1 (the
locked version) opens its websocket with ``aiohttp.ClientWSTimeout``, which
appeared in aiohttp 3.11 (its ``asyncio-client`` extra asks for aiohttp>=3.11),
while Rasa 3.6 pins aiohttp<3.10 (3.9.5 is locked): asked for a websocket it
fails with ``AttributeError``. Long-polling needs only what aiohttp 3.9 has.
"""

from __future__ import annotations

import asyncio
from typing import Any

import socketio

TRANSPORTS = ["polling"]


class WidgetClient:
    """One widget: a socket, its session token and the messages it received."""

    def __init__(self) -> None:
        # no reconnection: a test sees a dropped connection instead of a retry
        self.sio = socketio.AsyncClient(reconnection=False)
        self.got: list[Any] = []
        self.session: str | None = None
        self.confirmed = asyncio.Event()
        self.arrived = asyncio.Event()
        self.sio.on("session_confirm", self._confirm)
        self.sio.on("bot_uttered", self._uttered)

    async def _confirm(self, token: Any) -> None:
        self.session = token  # the server signs the session; the browser keeps it
        self.confirmed.set()

    async def _uttered(self, data: Any) -> None:
        self.got.append(data)
        self.arrived.set()

    async def open(self, base: str, session_id: str | None = None, timeout: float = 10) -> str:
        """Connect to ``base`` (Rasa's URL) and ask for a session: the token confirmed.

        ``session_id`` is a token kept from before (a reload), a guess, or None
        for a new session. Raises ``asyncio.TimeoutError`` if none is confirmed.
        """
        await self.sio.connect(base, transports=TRANSPORTS, wait_timeout=timeout)
        self.confirmed.clear()
        await self.sio.emit("session_request", {"session_id": session_id})
        await asyncio.wait_for(self.confirmed.wait(), timeout)
        assert self.session is not None
        return self.session

    async def emit(self, event: str, data: Any = None) -> None:
        """Send any event with any payload, as a browser (or an attacker) could."""
        await self.sio.emit(event, data)

    async def say(self, text: Any, session_id: Any = "self", **extra: Any) -> None:
        """A ``user_uttered`` with this socket's token (or the one given)."""
        self.arrived.clear()
        await self.sio.emit(
            "user_uttered",
            {
                "message": text,
                **extra,
                "session_id": self.session if session_id == "self" else session_id,
            },
        )

    async def next(self, timeout: float = 5) -> Any:
        """The next message to arrive after the last ``say`` or ``next``."""
        await asyncio.wait_for(self.arrived.wait(), timeout)
        self.arrived.clear()
        return self.got[-1]

    async def close(self) -> None:
        await self.sio.disconnect()
