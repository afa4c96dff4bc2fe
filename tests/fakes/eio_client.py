"""A minimal Engine.IO v4 / Socket.IO v5 client over a websocket.

It speaks the protocol the same way ``bot/widget/static/widget.js`` does
(websocket transport only, default namespace), so the channel tests exercise
what the browser sends. (python-socketio's own client needs a newer aiohttp
than Rasa 3.6 allows.)
"""
from __future__ import annotations

import asyncio
import json
from typing import Any, Awaitable, Callable, Dict, Optional

import websockets


class MiniSocket:
    def __init__(self) -> None:
        self.handlers: Dict[str, Callable[[Any], Awaitable[None]]] = {}
        self.ws: Any = None
        self._reader: Optional[asyncio.Task] = None
        self._connected = asyncio.Event()

    def on(self, event: str):
        def register(fn):
            self.handlers[event] = fn
            return fn
        return register

    async def connect(self, base: str, path: str = "/socket.io") -> None:
        url = base.replace("http", "ws", 1) + f"{path}/?EIO=4&transport=websocket"
        self.ws = await websockets.connect(url, close_timeout=1)
        opening = await self.ws.recv()
        assert opening.startswith("0"), opening          # engine.io "open"
        await self.ws.send("40")                         # socket.io connect
        self._reader = asyncio.ensure_future(self._read())
        await asyncio.wait_for(self._connected.wait(), 5)

    async def _read(self) -> None:
        try:
            async for packet in self.ws:
                if packet == "2":                        # ping -> pong
                    await self.ws.send("3")
                elif packet.startswith("40"):
                    self._connected.set()
                elif packet.startswith("42"):
                    event, *args = json.loads(packet[2:])
                    handler = self.handlers.get(event)
                    if handler:
                        await handler(*args)
        except websockets.ConnectionClosed:
            pass

    async def emit(self, event: str, data: Any = None) -> None:
        await self.ws.send("42" + json.dumps([event, data]))

    async def disconnect(self) -> None:
        if self.ws is not None:
            try:
                await self.ws.send("41")
            except websockets.ConnectionClosed:
                pass
            await self.ws.close()
        if self._reader:
            await self._reader
