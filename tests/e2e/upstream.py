"""A scripted upstream for the end-to-end tests: tests say what each path answers, byte for byte.

It is a real HTTP/1.1 server (stdlib `ThreadingHTTPServer` on 127.0.0.1, port 0, in a thread) so
Scrim talks to it over a socket exactly as it talks to a CRM. Besides ordinary responses it can
misbehave the ways a broken CRM does: close or reset the connection mid-body, hang past Scrim's
deadline, send a chunked or close-delimited body without a length, or send bytes that are not
HTTP at all. It records every request it receives, so tests can assert what Scrim forwarded.
"""

from __future__ import annotations

import itertools
import socket
import socketserver
import struct
import sys
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Literal

import orjson

Behaviour = Literal[
    "normal",
    "chunked",
    "close_delimited",
    "reset_close_delimited",
    "close_mid_body",
    "reset_mid_body",
    "hang",
    "raw",
]
Headers = Sequence[tuple[str, str]]


@dataclass(frozen=True, slots=True)
class Scripted:
    """What one path answers.

    - normal: status, headers and body; Content-Length is added unless a length or
      Transfer-Encoding header is scripted.
    - chunked: the body is sent as `chunks` with Transfer-Encoding: chunked, no length.
    - close_delimited: no length at all; the body ends when the connection closes.
    - reset_close_delimited: the same, ended by a reset (RST) instead of a close: cut off.
    - close_mid_body / reset_mid_body: declares Content-Length `declared_length`, sends `body`
      (shorter), then closes (FIN) or resets (RST) the connection.
    - hang: waits `hang_seconds` (or until the server stops), then answers normally.
    - interim: writes `raw` (an interim 1xx head), waits `linger_seconds`, then answers normally on
      the same connection.
    - raw: writes `raw` as is (not necessarily HTTP), keeps the connection open `linger_seconds`
      (the proxy reads whatever follows an answer while it is open), and closes.
    """

    status: int = 200
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes = b""
    behaviour: Behaviour = "normal"
    chunks: tuple[bytes, ...] = ()
    declared_length: int = 1000
    hang_seconds: float = 30.0
    raw: bytes = b""
    linger_seconds: float = 0.0
    # Leave the request's body unread, as a static-file handler may: it is then read as the start
    # of the next request on the connection.
    unread_body: bool = False


@dataclass(frozen=True, slots=True)
class Received:
    """One request as the upstream saw it: header names keep their case, duplicates are kept."""

    method: str
    path: str
    headers: tuple[tuple[str, str], ...]
    body: bytes

    def get_all(self, name: str) -> list[str]:
        return [v for k, v in self.headers if k.lower() == name.lower()]

    def names(self) -> set[str]:
        return {k.lower() for k, _ in self.headers}


@dataclass
class _State:
    routes: dict[str, Scripted] = field(default_factory=dict)
    received: list[Received] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    stop: threading.Event = field(default_factory=threading.Event)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, state: _State) -> None:
        self.state = state
        super().__init__(("127.0.0.1", 0), _Handler)

    def server_bind(self) -> None:
        # Skip HTTPServer's reverse-DNS lookup of the bound name (slow without DNS).
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = "127.0.0.1", int(self.server_address[1])

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exception(), ConnectionError | TimeoutError):
            return
        super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 60
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: Any) -> None:
        pass

    @property
    def state(self) -> _State:
        assert isinstance(self.server, _Server)
        return self.server.state

    def do_GET(self) -> None:
        self._serve()

    do_HEAD = do_POST = do_PUT = do_PATCH = do_DELETE = do_OPTIONS = do_GET

    def _read_body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            out = bytearray()
            while True:
                size = int(self.rfile.readline(1024).split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline(1024) not in (b"\r\n", b"\n", b""):
                        pass
                    return bytes(out)
                out += self.rfile.read(size)
                self.rfile.readline(1024)
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def _serve(self) -> None:
        state = self.state
        with state.lock:
            scripted = state.routes.get(self.path) or state.routes.get(self.path.split("?", 1)[0])
        body = b"" if scripted is not None and scripted.unread_body else self._read_body()
        received = Received(self.command, self.path, tuple(self.headers.items()), body)
        with state.lock:
            state.received.append(received)
        if scripted is None:
            scripted = Scripted(404, (("Content-Type", "application/json"),), b'{"error":"no such route"}')
        self._respond(scripted)

    def _reset(self) -> None:
        """Send what is written, then end the connection with a reset: with SO_LINGER 0, close()
        sends RST instead of FIN. The socket server closes our file objects (which releases the fd)
        before it would call shutdown()."""
        self.wfile.flush()
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()

    def _head(self, status: int, headers: Iterable[tuple[str, str]]) -> bytes:
        try:
            phrase = HTTPStatus(status).phrase
        except ValueError:
            phrase = "Whatever"
        lines = [f"HTTP/1.1 {status} {phrase}"] + [f"{k}: {v}" for k, v in headers]
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")

    def _respond(self, s: Scripted) -> None:
        names = {k.lower() for k, _ in s.headers}
        headers = list(s.headers)
        send_body = self.command != "HEAD"
        if s.behaviour == "hang" and self.state.stop.wait(s.hang_seconds):
            self.close_connection = True  # the server is stopping: give up quietly
            return
        if s.behaviour == "interim":
            self.wfile.write(s.raw)
            self.wfile.flush()
            if self.state.stop.wait(s.linger_seconds):
                self.close_connection = True
                return
        if s.behaviour in ("normal", "hang", "interim"):
            if "content-length" not in names and "transfer-encoding" not in names:
                headers.append(("Content-Length", str(len(s.body))))
            self.wfile.write(self._head(s.status, headers) + (s.body if send_body else b""))
        elif s.behaviour == "chunked":
            headers.append(("Transfer-Encoding", "chunked"))
            self.wfile.write(self._head(s.status, headers))
            for chunk in s.chunks:
                if chunk:
                    self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
            self.wfile.write(b"0\r\n\r\n")
        elif s.behaviour in ("close_delimited", "reset_close_delimited"):
            headers.append(("Connection", "close"))
            self.wfile.write(self._head(s.status, headers) + s.body)
            self.close_connection = True
            if s.behaviour == "reset_close_delimited":
                self._reset()
        elif s.behaviour in ("close_mid_body", "reset_mid_body"):
            headers.append(("Content-Length", str(s.declared_length)))
            self.wfile.write(self._head(s.status, headers) + s.body)
            self.close_connection = True
            if s.behaviour == "reset_mid_body":
                self._reset()
        else:  # raw
            self.wfile.write(s.raw)
            self.wfile.flush()
            self.state.stop.wait(s.linger_seconds)
            self.close_connection = True


class Upstream:
    """The scripted server. `set(...)` a path, send a request through Scrim, read `received(path)`."""

    def __init__(self) -> None:
        self._state = _State()
        self._server = _Server(self._state)
        self._thread = threading.Thread(target=self._server.serve_forever, name="e2e-upstream", daemon=True)
        self._counter = itertools.count(1)

    def start(self) -> Upstream:
        self._thread.start()
        return self

    def close(self) -> None:
        self._state.stop.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def unique_path(self, stem: str = "t") -> str:
        """A path no other test uses, so each test scripts and inspects only its own."""
        return f"/e2e/{next(self._counter)}/{stem}"

    def script(self, path: str, scripted: Scripted) -> str:
        with self._state.lock:
            self._state.routes[path] = scripted
        return path

    def set(self, path: str, status: int = 200, headers: Headers = (), body: bytes = b"") -> str:
        return self.script(path, Scripted(status, tuple(headers), body))

    def set_json(self, path: str, payload: object, status: int = 200, headers: Headers = ()) -> str:
        head = (("Content-Type", "application/json"), *headers)
        return self.set(path, status, head, orjson.dumps(payload))

    def received(self, path: str) -> list[Received]:
        """Requests received for `path` (query string ignored)."""
        with self._state.lock:
            return [r for r in self._state.received if r.path.split("?", 1)[0] == path]
