"""The load balancer in front of several Rasa servers (``RASA_REPLICAS`` > 1).

HAProxy from Debian's ``haproxy`` package (``make services`` installs it),
with a configuration written by ``haproxy_config``:

- plain HTTP (the REST channel, webhooks, the HTTP API) goes round-robin to
  every replica that answers its health check (``GET /``); a request whose
  replica refused the connection or closed it without an answer is sent
  again to another replica, so a replica that dies loses no message (it may,
  rarely, be handled twice: see ``retry-on`` below);
- socket.io (the website widget) is routed by the client's address, so the
  long-polling requests of one socket reach the replica that holds it; rooms
  are shared between replicas through Redis (``REDIS_URL``), so a staff reply
  reaches a widget connected to another replica;
- paths go through unchanged (no normalisation): conversation ids in Rasa's
  API paths are not unescaped by Rasa, so the balancer must not rewrite them;
- the client's address goes to the replicas in ``X-Forwarded-For``, which
  they trust from one proxy (``SANIC_PROXIES_COUNT=1``, set by run.sh), so the
  per-address rate limits see patients, not the balancer.

    python -m scripts.balancer --listen 127.0.0.1:5005 \\
        --upstream 127.0.0.1:5105 --upstream 127.0.0.1:5106 > haproxy.cfg
    haproxy -db -f haproxy.cfg
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence

Address = tuple[str, int]
HOST = re.compile(r"^[A-Za-z0-9.:-]{1,253}$")


def parse_address(text: str) -> Address:
    """``host:port`` (``[v6]:port`` too) as a pair; ValueError if it is not one."""
    host, sep, port = str(text).rpartition(":")
    host = host.strip("[]")
    if not sep or not HOST.match(host) or not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(f"not host:port: {text!r}")
    return host, int(port)


def _addr(address: Address) -> str:
    host, port = address
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def haproxy_config(
    listen: Address,
    upstreams: Sequence[Address],
    *,
    health_path: str = "/",
    socketio_path: str = "/socket.io/",
    check_ms: int = 1000,
    timeout_s: int = 300,
) -> str:
    """An HAProxy configuration that balances ``upstreams`` on ``listen``."""
    if not upstreams:
        raise ValueError("at least one upstream")
    for address in (listen, *upstreams):
        parse_address(_addr(address))
    if not re.match(r"^/[A-Za-z0-9._~/-]*$", health_path) or not re.match(
        r"^/[A-Za-z0-9._~/-]*$", socketio_path
    ):
        raise ValueError("paths must be plain absolute paths")
    servers = "\n".join(
        f"    server rasa{i} {_addr(a)} check" for i, a in enumerate(upstreams, start=1)
    )
    n = len(upstreams)
    return f"""# Written by scripts/balancer.py: HAProxy in front of {n} Rasa server(s).
global
    maxconn 4096
    log stdout format raw local0 notice

defaults
    mode http
    log global
    option dontlognull
    # the replicas learn the client's address from this header (run.sh sets
    # SANIC_PROXIES_COUNT=1 on them): rate limits per address keep working
    option forwardfor
    timeout connect 3s
    timeout client {timeout_s}s
    timeout server {timeout_s}s
    timeout http-request 15s
    timeout queue 30s
    # websockets (socket.io) stay open for a long time
    timeout tunnel 1h
    # a replica that refuses the connection or dies before answering: try
    # another one (the request is buffered for that). A replica killed after
    # it handled a message but before it answered makes that message handled
    # twice: better than lost.
    option http-buffer-request
    retries 3
    option redispatch 1
    retry-on conn-failure empty-response
    default-server inter {check_ms}ms fastinter {max(100, check_ms // 2)}ms fall 2 rise 2

frontend rasa
    bind {_addr(listen)}
    acl is_socketio path_beg {socketio_path}
    use_backend rasa_socketio if is_socketio
    default_backend rasa_http

backend rasa_http
    balance roundrobin
    option httpchk GET {health_path}
    http-check expect status 200
{servers}

backend rasa_socketio
    # the polling requests of one socket must reach the replica that holds it
    balance source
    hash-type consistent
    option httpchk GET {health_path}
    http-check expect status 200
{servers}
"""


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        prog="python -m scripts.balancer",
        description="Print an HAProxy configuration for Rasa replicas.",
    )
    p.add_argument("--listen", required=True, help="host:port the balancer listens on")
    p.add_argument(
        "--upstream", action="append", required=True, help="host:port of one Rasa server (repeat)"
    )
    p.add_argument("--check-ms", type=int, default=1000, help="health check interval")
    a = p.parse_args(argv)
    try:
        text = haproxy_config(
            parse_address(a.listen), [parse_address(u) for u in a.upstream], check_ms=a.check_ms
        )
    except ValueError as exc:
        p.error(str(exc))
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
