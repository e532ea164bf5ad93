"""Fail closed, end to end: every broken, hostile or unreadable upstream answer becomes Scrim's own
JSON error (502/503/504, `Cache-Control: no-store`, a `reason`) and not one upstream byte —
never mitmproxy's error page, never the original response.

Every scripted body carries the canary (an e-mail and a Luhn-valid card), so "no upstream bytes"
is checked by looking for it in everything the client receives.
"""

from __future__ import annotations

import functools
import gzip
import http.client
import itertools
import socket
import time
import zlib
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest

from proxy.addon import UPSTREAM_FAILURE_REASONS

from .conftest import (
    CANARY_CARD,
    CANARY_EMAIL,
    DEADLINE_SECONDS,
    MAX_BODY_BYTES,
    Reply,
    ScrimProcess,
    assert_no_canary,
    assert_scrim_error,
    bearer,
    free_port,
    raw_request,
    running_scrim,
    token,
)
from .upstream import Behaviour, Scripted, Upstream

pytestmark = pytest.mark.e2e

CANARY_JSON = orjson.dumps({"email": CANARY_EMAIL, "card": CANARY_CARD})
JSON = (("Content-Type", "application/json"),)
TIER1_EMAIL = "l***@example.com"
_USER_IDS = itertools.count(900_001)  # ids for declared-route paths on the scripted upstream


@functools.cache
def _bomb() -> bytes:
    """gzip of the canary followed by 200 MB of zeros: about 200 KB on the wire."""
    engine = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    out = [engine.compress(b'{"email":"' + CANARY_EMAIL.encode() + b'","pad":"')]
    zeros = b"0" * (1 << 20)
    out.extend(engine.compress(zeros) for _ in range(200))
    out.append(engine.compress(b'"}') + engine.flush())
    return b"".join(out)


def _big_json(size: int) -> bytes:
    return b'{"email":"' + CANARY_EMAIL.encode() + b'","pad":"' + b"a" * size + b'"}'


def _deep(depth: int, open_: str = "[", close: str = "]") -> bytes:
    return (open_ * depth + orjson.dumps(CANARY_EMAIL).decode() + close * depth).encode()


def _deep_objects(depth: int) -> bytes:
    return ('{"a":' * depth + orjson.dumps(CANARY_EMAIL).decode() + "}" * depth).encode()


# -- one table: what upstream does → the reason Scrim withholds with --------------------------------

CASES: dict[str, tuple[Scripted, tuple[int, ...], str]] = {
    # unreadable JSON
    "malformed JSON": (Scripted(200, JSON, CANARY_JSON[:-3]), (502,), "invalid_json"),
    "JSON with NaN": (Scripted(200, JSON, b'{"email":"' + CANARY_EMAIL.encode() + b'","n":NaN}'), (502,), "invalid_json"),
    "duplicate JSON keys": (
        Scripted(200, JSON, b'{"email":"safe@example.org","email":"' + CANARY_EMAIL.encode() + b'"}'),
        (502,), "duplicate_json_key",
    ),
    "5000 nested arrays": (Scripted(200, JSON, _deep(5000)), (502,), "json_too_deep"),
    "100 nested objects": (Scripted(200, JSON, _deep_objects(100)), (502,), "json_too_deep"),
    # broken or hostile encodings
    "truncated gzip": (
        Scripted(200, (*JSON, ("Content-Encoding", "gzip")), gzip.compress(CANARY_JSON * 50, mtime=0)[:-40]),
        (502,), "truncated_body",
    ),
    "decompression bomb": (
        Scripted(200, (*JSON, ("Content-Encoding", "gzip")), b""), (502,), "decoded_too_large",
    ),
    # what a data route must not pass uninspected
    "application/octet-stream": (
        Scripted(200, (("Content-Type", "application/octet-stream"),), CANARY_JSON), (502,), "unsupported_content_type",
    ),
    "image/png": (
        Scripted(200, (("Content-Type", "image/png"),), b"\x89PNG\r\n\x1a\n" + CANARY_JSON), (502,), "unsupported_content_type",
    ),
    "missing Content-Type with a body": (Scripted(200, (), CANARY_JSON), (502,), "unsupported_content_type"),
    "two Content-Type headers": (
        Scripted(200, (("Content-Type", "text/plain"), ("Content-Type", "application/json")), CANARY_JSON),
        (502,), "unsupported_content_type",
    ),
    "206 partial content": (
        Scripted(206, (*JSON, ("Content-Range", f"bytes 0-{len(CANARY_JSON) - 1}/9999")), CANARY_JSON),
        (502,), "partial_content",
    ),
    # size caps
    "body over the cap, with Content-Length": (
        Scripted(200, JSON, _big_json(2 * MAX_BODY_BYTES)), (502,), "upstream_error",
    ),
    # a broken connection
    "connection closed mid-body": (
        Scripted(200, JSON, CANARY_JSON + b" " * 60, behaviour="close_mid_body", declared_length=1000),
        (502,), "upstream_error",
    ),
    "connection reset mid-body": (
        Scripted(200, JSON, CANARY_JSON + b" " * 60, behaviour="reset_mid_body", declared_length=1000),
        (502,), "upstream_error",
    ),
    # not HTTP
    "Content-Length: x": (
        Scripted(behaviour="raw", raw=b"HTTP/1.1 200 OK\r\nContent-Length: x\r\nContent-Type: application/json\r\n\r\n" + CANARY_JSON),
        (502,), "upstream_error",
    ),
    "secret in a garbage status line": (
        Scripted(behaviour="raw", raw=f"HTTP/1.1 2OO {CANARY_EMAIL} {CANARY_CARD}\r\nContent-Length: 2\r\n\r\n{{}}".encode()),
        (502,), "upstream_error",
    ),
    "header line without a colon": (
        Scripted(behaviour="raw", raw=f"HTTP/1.1 200 OK\r\n{CANARY_EMAIL}\r\nContent-Length: 2\r\n\r\n{{}}".encode()),
        (502,), "upstream_error",
    ),
    "not HTTP at all": (
        Scripted(behaviour="raw", raw=f"{CANARY_EMAIL} {CANARY_CARD}\r\n\r\n".encode()), (502,), "upstream_error",
    ),
    "101 then raw bytes": (
        Scripted(behaviour="raw", raw=b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: foo\r\nConnection: Upgrade\r\n\r\n" + CANARY_JSON),
        (502,), "unexpected_upgrade",
    ),
    "two conflicting Content-Lengths": (
        Scripted(behaviour="raw", raw=b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 10\r\nContent-Length: 48\r\n\r\n" + CANARY_JSON),
        (502,), "upstream_error",
    ),
}  # fmt: skip


def _script(upstream: Upstream, case: str) -> str:
    scripted, _, _ = CASES[case]
    if case == "decompression bomb":
        scripted = Scripted(scripted.status, scripted.headers, _bomb())
    return upstream.script(upstream.unique_path("fail"), scripted)


@pytest.mark.parametrize("case", list(CASES))
def test_broken_upstream_answers_are_withheld(scrim: ScrimProcess, upstream: Upstream, case: str) -> None:
    _, statuses, reason = CASES[case]
    path = _script(upstream, case)
    # The agent reads `upstream_error` for every upstream fault; the metric says which it was.
    counted = UPSTREAM_FAILURE_REASONS if reason == "upstream_error" else {reason}
    before = sum(scrim.metric("scrim_withheld_total", reason=r) for r in counted)
    reply = scrim.get(path, headers=[("Accept-Encoding", "gzip")])
    assert_scrim_error(reply, statuses, reason)
    assert_no_canary(reply)
    assert reply.header("content-encoding") is None
    assert sum(scrim.metric("scrim_withheld_total", reason=r) for r in counted) == before + 1


@pytest.mark.parametrize("case", ["JSON", "CSV", "HTML"])
def test_a_declared_route_refuses_a_content_type_it_does_not_declare(
    scrim: ScrimProcess, upstream: Upstream, case: str
) -> None:
    # users.get declares application/json only: any other type is withheld even if Scrim could parse it.
    served = {
        "JSON": ("application/problem+json", CANARY_JSON),
        "CSV": ("text/csv", f"email\n{CANARY_EMAIL}\n".encode()),
        "HTML": ("text/html", f"<p>{CANARY_EMAIL}</p>".encode()),
    }[case]
    path = upstream.set(f"/api/v2/users/{next(_USER_IDS)}", 200, [("Content-Type", served[0])], served[1])
    reply = scrim.get(path)
    assert_scrim_error(reply, (502,), "unexpected_content_type")
    assert_no_canary(reply)


def test_oversized_chunked_body_without_length_is_withheld(scrim: ScrimProcess, upstream: Upstream) -> None:
    body = _big_json(2 * MAX_BODY_BYTES)
    chunks = tuple(body[i : i + 65536] for i in range(0, len(body), 65536))
    path = upstream.script(
        upstream.unique_path("big-chunked"), Scripted(200, JSON, behaviour="chunked", chunks=chunks)
    )
    reply = scrim.get(path)
    assert_scrim_error(reply, (502,))
    assert_no_canary(reply)


def test_upstream_hang_is_cut_off_within_a_bounded_time(scrim: ScrimProcess, upstream: Upstream) -> None:
    path = upstream.script(
        upstream.unique_path("hang"), Scripted(200, JSON, CANARY_JSON, behaviour="hang", hang_seconds=40)
    )
    bound = DEADLINE_SECONDS * 3
    try:
        reply = scrim.get(path, timeout=bound + 5)
    except TimeoutError:
        pytest.fail(f"no answer {bound + 5:.0f}s after the request (deadline is {DEADLINE_SECONDS}s)")
    assert_scrim_error(reply, (502, 504))
    assert_no_canary(reply)
    assert reply.seconds < bound


def test_a_body_cut_off_by_the_upstream_timeout_is_withheld(scrim: ScrimProcess, upstream: Upstream) -> None:
    # Read until the connection closes, a body cut by Scrim's own timeout looked complete: the
    # first 14 digits of a card (no Luhn digit, nothing to find) went out as a 200.
    prefix = b"Customer card: 4539 1488 0343 64"
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n"
    path = upstream.script(
        upstream.unique_path("cut"),
        Scripted(raw=head + prefix, behaviour="raw", linger_seconds=DEADLINE_SECONDS * 5),
    )
    reply = scrim.get(path, timeout=DEADLINE_SECONDS * 6)
    assert_scrim_error(reply, (504,))
    assert b"1488" not in reply.body
    assert orjson.loads(reply.body)["reason"] == "upstream_timeout"


@pytest.mark.parametrize("ending", ["reset_close_delimited", "close_delimited"])
def test_a_body_read_until_close_is_withheld_when_the_crm_resets_it(
    scrim: ScrimProcess, upstream: Upstream, ending: Behaviour
) -> None:
    # Read until the connection ends, a body cut off by a reset looked as complete as one ended by
    # a close: the first 14 digits of a card went out as a 200.
    prefix = b"Customer card: 4539 1488 0343 64"
    path = upstream.script(
        upstream.unique_path("reset"), Scripted(200, (("Content-Type", "text/plain"),), prefix, ending)
    )
    reply = scrim.get(path)
    if ending == "close_delimited":  # a close ends such a body: it is complete
        assert (reply.status, reply.body) == (200, prefix)
        return
    assert_scrim_error(reply, (502,))
    assert b"1488" not in reply.body
    assert orjson.loads(reply.body)["reason"] == "upstream_error"


def _two_requests(port: int, first: tuple[str, str, bytes | None], second_path: str) -> tuple[Reply, Reply]:
    """Two requests on one keep-alive connection: the first as (method, path, body) with a tier1
    token, then an anonymous GET of `second_path`."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    requests = [(*first, dict([bearer("tier1")])), ("GET", second_path, None, {})]
    replies = []
    try:
        for method, path, body, headers in requests:
            started = time.monotonic()
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            data = response.read()
            seconds = time.monotonic() - started
            replies.append(
                Reply(response.status, response.reason, tuple(response.getheaders()), data, seconds)
            )
    finally:
        conn.close()
    return replies[0], replies[1]


def test_an_interim_response_never_leaves_the_final_one_for_the_next_request(
    scrim: ScrimProcess, upstream: Upstream
) -> None:
    # mitmproxy took a 103 Early Hints for the whole response and kept the connection: the CRM's
    # real answer, a second later, was read as the answer to the agent's next request, a static
    # page passed byte-identical, unaudited.
    hints = b"HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n"
    path = upstream.script(
        upstream.unique_path("hints"),
        Scripted(200, JSON, CANARY_JSON, behaviour="interim", raw=hints, linger_seconds=0.5),
    )
    upstream.script("/favicon.ico", Scripted(200, (("Content-Type", "image/x-icon"),), b"icon"))
    first, second = _two_requests(scrim.port, ("GET", path, None), "/favicon.ico")
    assert_scrim_error(first, (502,))
    assert (second.status, second.body) == (200, b"icon")


def test_a_request_body_the_crm_leaves_unread_never_prefixes_the_next_request(
    scrim: ScrimProcess, upstream: Upstream
) -> None:
    # A static handler that reads no body: a POST's body became the start of the next request on
    # the connection, whose head (the CRM credential Scrim adds included) it swallowed; the answer
    # to the smuggled request came back as the static page.
    secret = upstream.set_json(upstream.unique_path("smuggled"), orjson.loads(CANARY_JSON))
    upstream.script(
        "/console", Scripted(200, (("Content-Type", "text/html"),), b"<p>console</p>", unread_body=True)
    )
    smuggled = f"GET {secret} HTTP/1.1\r\nX-Ignore: ".encode()
    _, second = _two_requests(scrim.port, ("POST", "/console", smuggled), "/console")
    assert (second.status, second.body) == (200, b"<p>console</p>")
    assert not upstream.received(secret)


def test_range_requests_never_reach_upstream_on_data_routes(scrim: ScrimProcess, upstream: Upstream) -> None:
    path = upstream.set_json(upstream.unique_path("range"), {"email": CANARY_EMAIL})
    reply = scrim.get(path, headers=[("Range", "bytes=0-9"), ("If-Range", '"etag"')])
    assert reply.status == 200
    assert orjson.loads(reply.body)["email"] == TIER1_EMAIL  # the whole document, masked
    (received,) = upstream.received(path)
    assert {"range", "if-range"}.isdisjoint(received.names())


@pytest.mark.parametrize("behaviour", ["chunked", "close_delimited"])
def test_bodies_without_length_are_still_inspected(
    scrim: ScrimProcess, upstream: Upstream, behaviour: Behaviour
) -> None:
    half = len(CANARY_JSON) // 2
    chunks = (CANARY_JSON[:half], CANARY_JSON[half:])
    scripted = Scripted(200, JSON, CANARY_JSON, behaviour=behaviour, chunks=chunks)
    path = upstream.script(upstream.unique_path(behaviour), scripted)
    reply = scrim.get(path)
    assert reply.status == 200, reply.body[:300]
    assert_no_canary(reply)
    assert orjson.loads(reply.body)["email"] == TIER1_EMAIL


def test_secret_in_the_reason_phrase_does_not_reach_the_client(
    scrim: ScrimProcess, upstream: Upstream
) -> None:
    # A valid status line whose free-text reason phrase carries customer data.
    raw = f"HTTP/1.1 200 {CANARY_EMAIL}\r\nContent-Type: application/json\r\nContent-Length: 15\r\n\r\n"
    path = upstream.script(
        upstream.unique_path("reason"), Scripted(behaviour="raw", raw=raw.encode() + b'{"status":"ok"}')
    )
    reply = scrim.get(path)
    assert CANARY_EMAIL not in reply.reason
    assert_no_canary(reply)


def test_upstream_error_status_with_personal_data_is_masked_not_passed(
    scrim: ScrimProcess, upstream: Upstream
) -> None:
    path = upstream.set_json(
        upstream.unique_path("500"), {"error": f"no card {CANARY_CARD} for {CANARY_EMAIL}"}, 500
    )
    reply = scrim.get(path)
    assert reply.status == 500
    assert_no_canary(reply)


# -- an upstream that is not there ------------------------------------------------------------------


@pytest.fixture(scope="module")
def refused_scrim(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ScrimProcess]:
    """Scrim pointed at a port nobody listens on (detection is never reached: no model needed)."""
    workdir: Path = tmp_path_factory.mktemp("scrim-refused")
    closed = f"http://127.0.0.1:{free_port()}"
    with running_scrim(workdir, closed, args=["--model", "none"], workers=0) as process:
        yield process


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_upstream_refused_is_a_json_502(refused_scrim: ScrimProcess, method: str) -> None:
    before = refused_scrim.metric("scrim_withheld_total", reason="upstream_unreachable")
    body = b'{"body":"hello"}' if method == "POST" else None
    reply: Reply = refused_scrim.request(method, "/api/v2/users/1", body=body)
    payload = assert_scrim_error(reply, (502,), "upstream_error")
    assert payload["error"] == "withheld"
    assert refused_scrim.metric("scrim_withheld_total", reason="upstream_unreachable") == before + 1


@pytest.mark.parametrize(
    ("method", "head"),
    [
        ("GET", "HTTP/1.1 304 Not Modified\r\nContent-Length: {n}\r\n\r\n"),  # a body a 304 cannot have
        ("GET", "HTTP/1.1 204 No Content\r\nContent-Length: {n}\r\n\r\n"),
        ("HEAD", "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {n}\r\n\r\n"),
        ("GET", "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{{}}"),
    ],
)
def test_upstream_bytes_never_reach_scrims_own_log(
    scrim: ScrimProcess, upstream: Upstream, method: str, head: str
) -> None:
    # mitmproxy logs bytes it did not expect (after a body-less answer, past Content-Length) as
    # they came, while both connections are kept alive: customer data in a log operators ship.
    raw = head.format(n=len(CANARY_JSON)).encode() + CANARY_JSON
    path = upstream.script(
        upstream.unique_path("log"), Scripted(behaviour="raw", raw=raw, linger_seconds=1.0)
    )
    request = f"{method} {path} HTTP/1.1\r\nHost: crm\r\nAuthorization: Bearer {token('tier1')}\r\n\r\n"
    with socket.create_connection(("127.0.0.1", scrim.port), timeout=30) as sock:
        sock.sendall(request.encode())
        response = http.client.HTTPResponse(sock, method=method)
        response.begin()
        body = response.read() if response.status not in (204, 304) else b""
        response.close()
        time.sleep(0.5)  # kept alive, as browsers do: mitmproxy reads what follows the answer
    assert CANARY_EMAIL.encode() not in body
    log = scrim.stderr()
    assert CANARY_EMAIL not in log and CANARY_CARD not in log, [
        line for line in log.splitlines() if CANARY_EMAIL in line
    ]


@pytest.mark.parametrize("method", ["PROPFIND", "JANE.DOE", "X" * 300])
def test_unknown_methods_are_refused(scrim: ScrimProcess, upstream: Upstream, method: str) -> None:
    # Any token went to the CRM and into the audit log as the agent typed it.
    path = upstream.set_json(upstream.unique_path("method"), {"ok": True})
    head = f"{method} {path} HTTP/1.1\r\nHost: crm\r\nAuthorization: Bearer {token('fraud')}\r\nConnection: close\r\n\r\n"
    reply = raw_request(scrim.port, head.encode(), timeout=15)
    assert reply.status == 405
    assert upstream.received(path) == []


def test_a_chunked_request_with_trailers_is_refused_not_hung(scrim: ScrimProcess, upstream: Upstream) -> None:
    # mitmproxy raised on HTTP/1 trailers: the agent's connection hung for minutes, nothing answered.
    path = upstream.set_json(upstream.unique_path("trailers"), {"ok": True})
    head = f"POST {path} HTTP/1.1\r\nHost: crm\r\nAuthorization: Bearer {token('tier1')}\r\n"
    framing = "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n2\r\n{}\r\n0\r\nX-Role: fraud\r\n\r\n"
    reply = raw_request(scrim.port, (head + framing).encode(), timeout=DEADLINE_SECONDS * 3)
    assert_scrim_error(reply, (400,), "bad_request")
    assert upstream.received(path) == []


def test_a_response_with_trailers_is_withheld_at_once(scrim: ScrimProcess, upstream: Upstream) -> None:
    # It waited for the upstream timeout (30 s by default) before the agent got anything.
    raw = (
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
        + f"{len(CANARY_JSON):x}\r\n".encode()
        + CANARY_JSON
        + b"\r\n0\r\nX-Secret: "
        + CANARY_EMAIL.encode()
        + b"\r\n\r\n"
    )
    path = upstream.script(
        upstream.unique_path("resp-trailers"), Scripted(behaviour="raw", raw=raw, linger_seconds=30)
    )
    reply = scrim.get(path, timeout=DEADLINE_SECONDS * 6)
    assert_scrim_error(reply, (502,))
    assert_no_canary(reply)
    assert (
        reply.seconds < DEADLINE_SECONDS * 2 - 1
    )  # before the upstream timeout (twice the deadline) cuts it
