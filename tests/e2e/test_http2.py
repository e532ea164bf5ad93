"""Requests over HTTP/2 (TLS to Scrim's listener), forwarded to an HTTP/1 CRM: what reaches the CRM
is exactly the request Scrim checked — no body it cannot frame, no target it did not route."""

from __future__ import annotations

import socket
import ssl
from collections.abc import Sequence

import h2.config
import h2.connection
import h2.events
import orjson
import pytest

from .conftest import ScrimProcess, token
from .upstream import Upstream

pytestmark = pytest.mark.e2e


def http2_request(
    port: int, headers: Sequence[tuple[str, str]], body: bytes = b"", timeout: float = 10.0
) -> tuple[int, bytes]:
    """One request on a fresh TLS connection, `body` sent as DATA whatever the headers say."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  # mitmproxy's own certificate
    context.set_alpn_protocols(["h2"])
    with context.wrap_socket(socket.create_connection(("127.0.0.1", port)), server_hostname="localhost") as s:
        s.settimeout(timeout)
        conn = h2.connection.H2Connection(h2.config.H2Configuration(client_side=True))
        conn.initiate_connection()
        stream = conn.get_next_available_stream_id()
        conn.send_headers(stream, list(headers), end_stream=not body)
        if body:
            conn.send_data(stream, body, end_stream=True)
        s.sendall(conn.data_to_send())
        status, received = 0, b""
        while True:
            data = s.recv(65536)
            if not data:
                raise AssertionError("connection closed before the response ended")
            for event in conn.receive_data(data):
                if isinstance(event, h2.events.ResponseReceived):
                    status = int(dict(event.headers)[b":status"])
                elif isinstance(event, h2.events.DataReceived):
                    received += event.data
                    conn.acknowledge_received_data(event.flow_controlled_length, stream)
                elif isinstance(event, h2.events.StreamEnded | h2.events.StreamReset):
                    return status, received
            s.sendall(conn.data_to_send())


def _headers(method: str, path: str) -> list[tuple[str, str]]:
    return [
        (":method", method),
        (":scheme", "https"),
        (":authority", "crm.example"),
        (":path", path),
        ("authorization", f"Bearer {token('tier1')}"),
    ]


def test_a_body_without_a_length_reaches_the_crm_as_one_request(
    scrim: ScrimProcess, upstream: Upstream
) -> None:
    # A body no header announced would reach the HTTP/1 CRM without a length: read as the next
    # request, a ticket reassignment nobody checked or audited.
    path = upstream.set_json(upstream.unique_path("comments"), {"ok": True})
    smuggled_path = upstream.unique_path("smuggled")
    smuggled = f"PUT {smuggled_path} HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{{}}".encode()
    status, _ = http2_request(scrim.port, _headers("POST", path), smuggled)
    assert status == 200
    [received] = upstream.received(path)
    assert received.body == smuggled and received.get_all("content-length") == [str(len(smuggled))]
    assert upstream.received(smuggled_path) == []


def test_a_get_carrying_a_body_is_refused(scrim: ScrimProcess, upstream: Upstream) -> None:
    path = upstream.set_json(upstream.unique_path("user"), {"ok": True})
    status, body = http2_request(scrim.port, _headers("GET", path), b"GET /other HTTP/1.1\r\n\r\n")
    assert status == 400 and orjson.loads(body)["reason"] == "unexpected_request_body"
    assert upstream.received(path) == []


def test_an_absolute_path_is_refused(scrim: ScrimProcess, upstream: Upstream) -> None:
    path = upstream.set_json(upstream.unique_path("user"), {"ok": True})
    status, body = http2_request(scrim.port, _headers("GET", f"http://other.example{path}"))
    assert status == 400 and orjson.loads(body)["reason"] == "bad_request_target"
    assert upstream.received(path) == []
