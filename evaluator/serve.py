"""`evaluator serve`: the same app in a web browser, through textual-serve.

Each browser tab that opens the page starts its own `python -m evaluator --data-dir DIR`
process, so the browser shows exactly the terminal app, on the same data folder. The
server listens on 127.0.0.1 only, unless the user names another host.

This module is not core: it imports textual-serve (and so aiohttp), and only `serve` loads it.
"""

from __future__ import annotations

import logging
import shlex
import socket
import sys
from pathlib import Path
from urllib.parse import urlsplit

from aiohttp import web
from textual_serve.server import Server

HOST = "127.0.0.1"
"""Loopback only: nobody else on the network can open the app unless the user says so."""
PORT = 8000


class CannotServe(Exception):
    """The address is taken, not this machine's, or not an address: the message says which."""


def app_command(data_dir: Path) -> str:
    """The shell command textual-serve runs for each browser tab: this Python, this data folder."""
    return shlex.join([sys.executable, "-m", "evaluator", "--data-dir", str(data_dir)])


def local_url(host: str, port: int) -> str:
    """The address a browser on this machine uses: IPv6 hosts need brackets, wildcards mean loopback."""
    if host == "0.0.0.0":
        host = "127.0.0.1"
    elif host == "::":
        host = "::1"
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}"


def origin(address: str) -> str:
    """`scheme://host[:port]` of an address, as browsers send it in the Origin header."""
    parts = urlsplit(address)
    return f"{parts.scheme}://{parts.netloc}".lower()


class EvaluatorServer(Server):
    """textual-serve's server, announcing itself in one line, and refusing other sites' pages.

    Browsers let any page open a websocket to any address, 127.0.0.1 included. Without a
    check, a web page visited while `evaluator serve` runs could open the app and read or
    change the user's data. Browsers always send the page's Origin with a websocket, so the
    app's websocket only accepts this server's own page (or a client that is not a browser).
    """

    def allowed_origins(self) -> set[str]:
        loopback = (f"http://{name}:{self.port}" for name in ("127.0.0.1", "localhost", "[::1]"))
        return {origin(self.public_url), *loopback}

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        sender = request.headers.get("Origin")
        if sender is not None and sender.lower() not in self.allowed_origins():
            raise web.HTTPForbidden(text=f"evaluator: pages from {sender} may not open the app")
        return await super().handle_websocket(request)

    def initialize_logging(self) -> None:
        super().initialize_logging()
        logging.getLogger("aiohttp.access").setLevel(logging.WARNING)  # not one line per request

    async def on_startup(self, app: web.Application) -> None:
        print(f"evaluator is served at {self.public_url} — open it in a browser; Ctrl+C stops.", flush=True)


def server(data_dir: Path, host: str | None = None, port: int | None = None, public_url: str | None = None) -> Server:
    """A server for the app on `data_dir`, bound to `host` (default 127.0.0.1) and `port` (default 8000).

    `public_url` is the address browsers use to reach it, when that is not `http://host:port`
    (behind a proxy, or with `--host 0.0.0.0` for other machines). The page tells the browser
    to open its websocket there.
    """
    host = host or HOST
    port = PORT if port is None else port
    return EvaluatorServer(
        app_command(data_dir),
        host=host,
        port=port,
        title="evaluator",
        public_url=public_url.rstrip("/") if public_url else local_url(host, port),
    )


def check_address(host: str, port: int, public_url: str | None = None) -> None:
    """Raise CannotServe unless the server can listen there; found before it announces its address."""
    if not 0 < port < 65536:
        raise CannotServe(f"port {port} is not between 1 and 65535")
    if public_url and urlsplit(public_url).scheme not in ("http", "https"):
        raise CannotServe(f"--public-url {public_url!r} must start with http:// or https://")
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
        for family, kind, protocol, _, address in found:
            with socket.socket(family, kind, protocol) as probe:
                probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                probe.bind(address)
    except OSError as error:
        raise CannotServe(f"cannot serve on {host} port {port}: {error.strerror or error}") from error


def run(data_dir: Path, host: str | None = None, port: int | None = None, public_url: str | None = None) -> int:
    """Serve until Ctrl+C (or SIGTERM); CannotServe if the address is unusable."""
    app_server = server(data_dir, host, port, public_url)
    check_address(app_server.host, app_server.port, public_url)
    try:
        app_server.serve()
    except OSError as error:  # taken between the check and the start
        raise CannotServe(f"cannot serve on {app_server.host} port {app_server.port}: {error}") from error
    return 0
