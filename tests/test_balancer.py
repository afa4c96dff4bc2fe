"""scripts/balancer.py: a real HAProxy in front of two dummy upstreams.

It balances them, keeps the path exactly as sent, sends a socket.io client
always to the same upstream, and keeps answering when one upstream goes down
(and uses it again when it is back). Skipped with the reason where HAProxy is
not installed; failed instead with REQUIRE_SERVICES=1.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from scripts import balancer
from tests.fakes import services


class Upstream:
    """A tiny HTTP server that answers with its name and the path it got."""

    def __init__(self, name: str, port: int = 0) -> None:
        self.name, self.seen = name, []
        upstream = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length).decode() if length else ""
                upstream.seen.append(self.path)
                data = json.dumps(
                    {
                        "name": upstream.name,
                        "path": self.path,
                        "body": body,
                        "forwarded_for": self.headers.get_all("X-Forwarded-For"),
                    }
                ).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = _answer

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def get(url: str, data: bytes = None, headers: dict = None) -> dict:
    req = urllib.request.Request(
        url, data=data, method="POST" if data else "GET", headers=headers or {}
    )
    with urllib.request.urlopen(req, timeout=10) as resp:
        assert resp.status == 200
        return json.loads(resp.read())


@pytest.fixture
def balanced(service):
    service("haproxy")
    ups = [Upstream("a"), Upstream("b")]
    port = services.free_port()
    config = balancer.haproxy_config(
        ("127.0.0.1", port), [("127.0.0.1", u.port) for u in ups], check_ms=200
    )
    lb = services.start_haproxy(config, port)
    url = f"http://127.0.0.1:{port}"
    _until(lambda: {get(url + "/")["name"] for _ in range(6)} == {"a", "b"})
    yield url, ups
    lb.stop()
    for u in ups:
        try:
            u.stop()
        except OSError:
            pass


def _until(check, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise AssertionError("condition not met in time")


@pytest.mark.slow
def test_it_balances_both_and_keeps_paths_as_sent(balanced):
    url, ups = balanced
    names: list[str] = [get(url + "/webhooks/rest/webhook", b'{"m": 1}')["name"] for _ in range(10)]
    assert names.count("a") == names.count("b") == 5
    answer = get(url + "/conversations/whatsapp:+447000077777/tracker?token=x")
    assert answer["path"] == "/conversations/whatsapp:+447000077777/tracker?token=x"
    assert get(url + "/conversations/a%2Fb/tracker")["path"] == "/conversations/a%2Fb/tracker"
    assert get(url + "/x", b"body")["body"] == "body"


@pytest.mark.slow
def test_the_client_address_is_forwarded_last(balanced):
    """The replicas trust the last X-Forwarded-For value (one proxy): HAProxy's own."""
    url, _ = balanced
    assert get(url + "/x")["forwarded_for"] == ["127.0.0.1"]
    forged = get(url + "/x", headers={"X-Forwarded-For": "203.0.113.9"})["forwarded_for"]
    assert ", ".join(forged).split(", ")[-1] == "127.0.0.1"


@pytest.mark.slow
def test_a_socketio_client_stays_on_one_upstream(balanced):
    url, _ = balanced
    names = {get(url + f"/socket.io/?EIO=4&transport=polling&t={i}")["name"] for i in range(8)}
    assert len(names) == 1


@pytest.mark.slow
def test_it_survives_one_upstream_going_down_and_uses_it_again(balanced):
    url, ups = balanced
    down_port = ups[0].port
    ups[0].stop()  # no time for a health check to notice
    names = [get(url + "/webhooks/rest/webhook", b"{}")["name"] for _ in range(20)]
    assert names == ["b"] * 20
    assert get(url + "/socket.io/?EIO=4&transport=polling")["name"] == "b"
    ups[0] = Upstream("a", down_port)  # back on the same port
    _until(lambda: "a" in {get(url + "/")["name"] for _ in range(4)})


def test_the_generator_refuses_nonsense():
    with pytest.raises(ValueError):
        balancer.haproxy_config(("127.0.0.1", 5005), [])
    with pytest.raises(ValueError):
        balancer.parse_address("127.0.0.1")
    with pytest.raises(ValueError):
        balancer.parse_address("bad host:80")
    with pytest.raises(ValueError):
        balancer.haproxy_config(("127.0.0.1", 5005), [("127.0.0.1", 1)], health_path="/x y")
    assert balancer.parse_address("[::1]:5005") == ("::1", 5005)
    text = balancer.haproxy_config(("127.0.0.1", 5005), [("127.0.0.1", 5105), ("127.0.0.1", 5106)])
    assert text.count("server rasa1 127.0.0.1:5105 check") == 2
    assert "bind 127.0.0.1:5005" in text and "normalize" not in text
