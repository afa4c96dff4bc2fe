"""Widget sessions: issued by the server, signed, never chosen by the browser.

A session token is ``<key>.<signature>``: ``key`` is 24 random URL-safe
characters and ``signature`` an HMAC-SHA256 of it (base64url, 32 characters)
with ``WIDGET_SESSION_SECRET`` (environment, else ``BOT_DATA_DIR/secrets.env``,
made there on first use). The conversation id is ``web-<key>``. Only the
browser that was given the token can continue the conversation, receive its
staff replies or read its history; a phone number or a guessed id is not a
token.

Rasa-free: the socket.io channel (in the Rasa server) and the widget server
both verify tokens with the same secret.
"""

from __future__ import annotations

import base64
import fcntl
import functools
import hashlib
import hmac
import re
import secrets

from bot import config
from bot.channels import ids
from bot.settings import setting

SECRET_NAME = "WIDGET_SESSION_SECRET"  # noqa: S105 - the secret's name, not a secret
TOKEN = re.compile(r"^([A-Za-z0-9_-]{24})\.([A-Za-z0-9_-]{32})$")


@functools.cache
def _secret() -> bytes:
    """The key, made once: a lock keeps the Rasa server and the widget server
    (two processes) from each making one of their own at the same moment."""
    given = setting(SECRET_NAME)
    if given:
        return str(given).encode("utf-8")
    with open(config.data_dir() / ".secrets.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return config.persistent_secret(SECRET_NAME).encode("utf-8")


def reset() -> None:
    """Forget the cached secret (tests that change it)."""
    _secret.cache_clear()


def _sign(key: str) -> str:
    digest = hmac.new(_secret(), key.encode("ascii"), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii")[:32]


def issue() -> str:
    """A new session token."""
    key = secrets.token_urlsafe(18)  # 24 characters
    return f"{key}.{_sign(key)}"


def conversation_of(token: object) -> str | None:
    """The conversation id of a genuine token, else None (constant-time check)."""
    m = TOKEN.match(token) if isinstance(token, str) else None
    if not m:
        return None
    key, signature = m.groups()
    if not hmac.compare_digest(signature.encode("ascii"), _sign(key).encode("ascii")):
        return None
    return ids.widget_id(key)
