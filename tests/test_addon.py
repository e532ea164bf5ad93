"""The addon's guards, driven with mitmproxy's own test flows (no network)."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from pathlib import Path

import jwt
import pytest
from mitmproxy import flow, http
from mitmproxy.proxy import server_hooks
from mitmproxy.test import taddons, tflow

from proxy import addon as addon_module
from proxy.addon import OFFLOAD_MIN_BYTES, ScrimAddon
from proxy.audit import AuditLog
from proxy.detect import Item
from proxy.errors import AuditUnavailable
from proxy.identity import IdentityConfig, Verifier
from proxy.metrics import create
from proxy.model import Outcome, Span
from proxy.pipeline import Access, Generation, Inspected, InspectRequest, Settings, credential_parts
from proxy.record import Recorder
from proxy.rules import Rules, load_rules
from tests.shipped import RECOGNIZER_ENTITIES

SECRET = b"k" * 64
UPSTREAM_HEADERS = (("Authorization", "Bearer crm-secret"),)
ENTITIES = RECOGNIZER_ENTITIES
SECRET_VALUE = "jane.doe@example.com"


class EmailDetector:
    def __init__(self, fail: bool = False) -> None:
        self.fail = fail

    async def detect(self, items: Sequence[Item]) -> list[tuple[Span, ...]]:
        if self.fail:
            raise RuntimeError(f"analyzer exploded on {items[0][0]}")  # must never reach the agent
        return [
            (Span(t.index(SECRET_VALUE), t.index(SECRET_VALUE) + len(SECRET_VALUE), "EMAIL_ADDRESS", 1.0),)
            if SECRET_VALUE in t
            else ()
            for t, *_ in items
        ]


class RecordingOffload:
    """Stands in for the worker pool's whole-response inspection: records what it was given."""

    def __init__(self) -> None:
        self.requests: list[InspectRequest] = []

    async def inspect(self, request: InspectRequest, access: Access) -> Inspected:
        self.requests.append(request)
        return Inspected(Outcome.PASSED)


@pytest.fixture(scope="module")
def rules() -> Rules:
    return load_rules(Path(__file__).resolve().parent.parent / "rules", ENTITIES)


def token(role: str = "tier1", agent: str = "agent-1") -> str:
    now = int(time.time())
    return jwt.encode(
        {"sub": agent, "groups": [role], "iat": now, "exp": now + 60}, SECRET, algorithm="HS256"
    )


@pytest.fixture
def audit(tmp_path: Path) -> Iterator[AuditLog]:
    log = AuditLog(tmp_path / "audit.jsonl")
    yield log
    log.close()


@pytest.fixture
async def addon(rules: Rules, audit: AuditLog) -> AsyncIterator[ScrimAddon]:
    """An addon with the shipped rules, inside mitmproxy's test context."""
    addon = make_addon(rules, audit)
    with taddons.context(addon):
        yield addon


def make_addon(
    rules: Rules,
    audit: AuditLog,
    detector: EmailDetector | None = None,
    destination: tuple[str, int] | None = None,
    offload: RecordingOffload | None = None,
    inspections_per_agent: int | None = None,
) -> ScrimAddon:
    generation = Generation(rules, detector or EmailDetector(), offload)
    addon = ScrimAddon(
        lambda: generation,
        Verifier(IdentityConfig(hs256_secret=SECRET)),
        Settings(token_key=b"t" * 32, credentials=credential_parts(UPSTREAM_HEADERS)),
        Recorder(create(), audit),
        upstream_headers=UPSTREAM_HEADERS,
        destination=destination,
        inspections_per_agent=inspections_per_agent,
    )
    return addon


def flow_with(headers: dict[str, str], path: str = "/api/v2/notes") -> http.HTTPFlow:
    f = tflow.tflow()
    f.request.path = path
    f.request.content = b""  # a GET, as browsers send it (mitmproxy's test flow carries a body)
    for name, value in headers.items():
        f.request.headers[name] = value
    return f


def agent_flow(extra: dict[str, str] | None = None, path: str = "/api/v2/notes") -> http.HTTPFlow:
    """A request from a tier1 agent with a valid token."""
    return flow_with({"Authorization": f"Bearer {token()}", **(extra or {})}, path)


def respond(f: http.HTTPFlow, body: bytes, content_type: str = "application/json") -> None:
    f.response = http.Response.make(200, body, {"Content-Type": content_type, "ETag": '"v1"'})


def error_of(f: http.HTTPFlow) -> dict[str, str]:
    assert f.response is not None
    assert f.response.headers["cache-control"] == "no-store"
    body = json.loads(f.response.content or b"")
    assert set(body) == {"error", "reason", "request_id"}
    return body


async def test_missing_identity_is_answered_before_upstream(addon: ScrimAddon) -> None:
    f = flow_with({})
    addon.requestheaders(f)
    assert f.response is not None and f.response.status_code == 401
    assert error_of(f)["reason"] == "missing_credentials"


async def test_request_is_cleaned_before_forwarding(addon: ScrimAddon) -> None:
    f = flow_with(
        {"Authorization": f"Bearer {token()}", "X-Role": "fraud", "X_Forwarded_Groups": "fraud",
         "X-Forwarded-Host": "evil.example", "Forwarded": "for=1.2.3.4", "X-Original-URL": "/api/v2/users",
         "Cookie": f"theme=dark; scrim_token={token()}", "Range": "bytes=0-10",
         "Accept-Encoding": "gzip, compress, base64, br", "If-None-Match": '"guess"',
         "If-Modified-Since": "Sat, 28 Nov 2026 10:00:00 GMT", "If-Match": '"g"',
         "If-Unmodified-Since": "Sat, 28 Nov 2026 10:00:00 GMT", "TE": "gzip", "Connection": "TE",
         "Authorization_": "Bearer crm-admin-key"}
    )  # fmt: skip
    addon.requestheaders(f)
    assert f.response is None
    h = f.request.headers
    assert "te" not in h  # no transfer coding below the layer mitmproxy decodes
    # A 304 to a guessed ETag would confirm what the mask hides.
    assert not any(n in h for n in ("if-none-match", "if-match", "if-modified-since", "if-unmodified-since"))
    assert "x-role" not in h and "x_forwarded_groups" not in h and "range" not in h
    assert "x-forwarded-host" not in h and "forwarded" not in h and "x-original-url" not in h
    assert h["authorization"] == "Bearer crm-secret"  # the CRM credential only Scrim holds
    assert "authorization_" not in h  # a CGI-style server could read it as Authorization
    assert h["cookie"] == "theme=dark"
    assert h["accept-encoding"] == "gzip, br"


async def test_masks_for_the_verified_role_not_the_forged_one(
    addon: ScrimAddon, audit: AuditLog, tmp_path: Path
) -> None:
    f = agent_flow({"X-Role": "fraud"})
    addon.requestheaders(f)
    respond(f, json.dumps({"note": f"mail {SECRET_VALUE}"}).encode())
    await addon.response(f)
    assert f.response is not None
    assert f.response.content == b'{"note":"mail j***@example.com"}'
    assert "etag" not in f.response.headers
    assert f.response.headers["content-length"] == str(len(f.response.content))
    audit.close()
    line = json.loads((tmp_path / "audit.jsonl").read_text().splitlines()[-1])
    assert (line["agent"], line["role"], line["outcome"], line["masked"]) == (
        "agent-1", "tier1", "masked", {"EMAIL_ADDRESS": 1},
    )  # fmt: skip
    assert SECRET_VALUE not in (tmp_path / "audit.jsonl").read_text()


async def test_analyzer_exception_withholds_without_leaking(
    rules: Rules, audit: AuditLog, caplog: pytest.LogCaptureFixture
) -> None:
    addon = make_addon(rules, audit, EmailDetector(fail=True))
    with taddons.context(addon):
        f = agent_flow()
        addon.requestheaders(f)
        respond(f, json.dumps({"note": SECRET_VALUE}).encode())
        await addon.response(f)
        assert f.response is not None and f.response.status_code == 502
        assert error_of(f)["reason"] == "internal_error"
        assert SECRET_VALUE.encode() not in (f.response.content or b"")
    assert SECRET_VALUE not in caplog.text  # logs name the error type, not its message


@pytest.mark.parametrize(
    ("target", "content_type", "body"),
    [
        # the newest readers: a table sent as text, values their siblings name
        ("proxy.codecs.csv_doc.is_delimited_table", "text/plain", f"a|b|c\n1|2|{SECRET_VALUE}\n3|4|5\n"),
        ("proxy.classify._named_beside", "application/json", json.dumps({"note": SECRET_VALUE})),
        # this session's: text tables and log pairs, HTML header cells, JSON header rows, names
        # found in a text and spread where they recur
        ("proxy.codecs.text_tables.find", "text/plain", f"a=1 b=2 mail={SECRET_VALUE}\n"),
        (
            "proxy.codecs.html_doc.HtmlDocument._column",
            "text/html",
            f"<table><tr><td>{SECRET_VALUE}</td></tr></table>",
        ),
        (
            "proxy.codecs.json_doc._header_row",
            "application/json",
            json.dumps({"v": [["a", "b", "c"], [SECRET_VALUE]]}),
        ),
        ("proxy.pipeline._full_names", "application/json", json.dumps({"note": SECRET_VALUE})),
    ],
)
async def test_a_failure_in_a_reader_withholds_without_leaking(
    rules: Rules,
    audit: AuditLog,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
    target: str,
    content_type: str,
    body: str,
) -> None:
    def fail(*_: object) -> None:
        raise ValueError(f"bad value {SECRET_VALUE}")  # an exception's message may quote the data

    monkeypatch.setattr(target, fail)
    addon = make_addon(rules, audit)
    with taddons.context(addon):
        f = agent_flow()
        addon.requestheaders(f)
        respond(f, body.encode(), content_type)
        await addon.response(f)
        assert f.response is not None and f.response.status_code == 502
        assert error_of(f)["reason"] == "internal_error"
        assert SECRET_VALUE.encode() not in (f.response.content or b"")
    assert SECRET_VALUE not in caplog.text


async def test_a_failure_masking_the_agents_words_withholds_and_audits_none_of_them(
    rules: Rules, audit: AuditLog, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # The justification is detected before the response: if that fails, the response is withheld
    # and the audit line carries no reason at all, never the raw one.
    addon = make_addon(rules, audit, EmailDetector(fail=True))
    reason = f"TICKET-9 {SECRET_VALUE}"
    with taddons.context(addon):
        f = agent_flow({"X-Scrim-Justification": reason})
        addon.requestheaders(f)
        respond(f, json.dumps({"note": SECRET_VALUE}).encode())
        await addon.response(f)
        assert f.response is not None and f.response.status_code == 502
        assert SECRET_VALUE.encode() not in (f.response.content or b"")
    audit.close()
    [line] = [json.loads(x) for x in (tmp_path / "audit.jsonl").read_text().splitlines()]
    assert line["outcome"] == "withheld" and line.get("justification") is None
    assert SECRET_VALUE not in (tmp_path / "audit.jsonl").read_text() and SECRET_VALUE not in caplog.text


async def test_audit_failure_withholds_data(rules: Rules, audit: AuditLog, tmp_path: Path) -> None:
    addon = make_addon(rules, audit)
    audit.close()
    with taddons.context(addon):
        f = agent_flow()
        addon.requestheaders(f)
        respond(f, b'{"status": "ok"}')
        await addon.response(f)
        assert f.response is not None and f.response.status_code == 503
        assert error_of(f)["reason"] == "audit_unavailable"


async def test_while_the_audit_fails_requests_do_not_reach_the_crm(
    rules: Rules, audit: AuditLog, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # A POST the CRM carried out while the audit could not be written left no trace of who did it.
    addon = make_addon(rules, audit)
    working = audit.write

    def broken(record: dict[str, object]) -> None:
        raise AuditUnavailable

    monkeypatch.setattr(audit, "write", broken)
    with taddons.context(addon):
        first = agent_flow()
        addon.requestheaders(first)
        respond(first, b'{"status": "ok"}')
        await addon.response(first)
        assert error_of(first)["reason"] == "audit_unavailable"
        second = agent_flow()
        addon.requestheaders(second)  # answered here: never forwarded
        assert second.response is not None and error_of(second)["reason"] == "audit_unavailable"
        monkeypatch.setattr(audit, "write", working)
        third = agent_flow()
        addon.requestheaders(third)  # refused too, but its audit line is written: the audit is back
        fourth = agent_flow()
        addon.requestheaders(fourth)
        assert fourth.response is None
    audit.close()
    lines = [json.loads(x) for x in (tmp_path / "audit.jsonl").read_text().splitlines()]
    assert [line["reason"] for line in lines] == ["audit_unavailable"]


async def test_an_unknown_method_is_audited_as_other(rules: Rules, audit: AuditLog, tmp_path: Path) -> None:
    addon = make_addon(rules, audit)
    with taddons.context(addon):
        f = agent_flow()
        f.request.method = "JANE.DOE"
        addon.requestheaders(f)
        assert f.response is not None and f.response.status_code == 405
    audit.close()
    [line] = [json.loads(x) for x in (tmp_path / "audit.jsonl").read_text().splitlines()]
    assert line["method"] == "other"


async def test_streamed_body_is_withheld(addon: ScrimAddon) -> None:
    f = agent_flow()
    addon.requestheaders(f)
    respond(f, b"")
    assert f.response is not None
    f.response.stream = True
    addon.responseheaders(f)
    assert f.response.stream is False  # never stream what must be inspected
    f.response.raw_content = None
    await addon.response(f)
    assert error_of(f)["reason"] == "streamed_body"


class _Transport:
    def __init__(self) -> None:
        self.reader = asyncio.StreamReader()


@pytest.mark.parametrize("watched", [True, False])
async def test_a_body_read_until_close_passes_only_from_a_connection_scrim_watched(
    addon: ScrimAddon, monkeypatch: pytest.MonkeyPatch, watched: bool
) -> None:
    # Only the reader Scrim wraps tells a close (the body is whole) from a reset (cut off). A
    # failure to wrap it had been logged by mitmproxy and the body released as complete.
    transport = _Transport()

    def lookup(client: object, server: object) -> _Transport:
        if not watched:
            raise RuntimeError("mitmproxy's connection table changed")
        return transport

    monkeypatch.setattr(addon_module, "_transport", lookup)
    f = agent_flow()
    addon.requestheaders(f)
    addon.server_connected(server_hooks.ServerConnectionHookData(f.server_conn, f.client_conn))
    respond(f, b'{"note": "write to jane.doe@example.com"}')
    assert f.response is not None
    del f.response.headers["content-length"]
    await addon.response(f)
    if watched:
        assert f.response.status_code == 200
    else:
        assert error_of(f)["reason"] == "upstream_error"
    assert SECRET_VALUE.encode() not in (f.response.content or b"")


@pytest.mark.parametrize("coding", ["gzip", "gzip, chunked", "deflate,chunked"])
async def test_a_transfer_coding_other_than_chunked_is_withheld(addon: ScrimAddon, coding: str) -> None:
    # mitmproxy undoes only the chunked framing: gzip bytes would be scanned as windows-1252 text,
    # found clean, and released for `curl --tr-encoding` to unpack.
    import gzip

    f = agent_flow()
    addon.requestheaders(f)
    raw = gzip.compress(b"contact jane.doe@example.com card 4539 1488 0343 6467")
    f.response = http.Response.make(
        200, raw, {"Content-Type": "text/plain; charset=windows-1252", "Transfer-Encoding": coding}
    )
    await addon.response(f)
    assert error_of(f)["reason"] == "unsupported_transfer_encoding"


async def test_a_response_with_trailers_is_withheld(addon: ScrimAddon) -> None:
    f = agent_flow()
    addon.requestheaders(f)
    respond(f, b'{"ok": true}')
    assert f.response is not None
    f.response.trailers = http.Headers(x_note="call jane.doe@example.com")
    await addon.response(f)
    assert error_of(f)["reason"] == "unexpected_trailers"


async def test_websocket_upgrade_is_refused(addon: ScrimAddon) -> None:
    f = agent_flow({"Upgrade": "websocket"})
    addon.requestheaders(f)
    assert error_of(f)["reason"] == "unsupported_protocol"


async def test_a_response_scrim_never_saw_a_request_for_is_withheld(addon: ScrimAddon) -> None:
    f = flow_with({})
    respond(f, json.dumps({"note": SECRET_VALUE}).encode())
    await addon.response(f)
    assert f.response is not None and f.response.status_code == 502
    assert SECRET_VALUE.encode() not in (f.response.content or b"")


async def test_static_assets_need_no_credential_but_refuse_a_bad_one(addon: ScrimAddon) -> None:
    page = flow_with({}, path="/console")
    addon.requestheaders(page)
    assert page.response is None  # forwarded: the console page sets the token cookie itself
    respond(page, b"<html>console</html>", "text/html")
    await addon.response(page)
    assert page.response is not None and page.response.content == b"<html>console</html>"
    forged = flow_with({"Authorization": "Bearer not-a-token"}, path="/console")
    addon.requestheaders(forged)
    assert error_of(forged)["reason"] == "malformed_token"


@pytest.mark.parametrize(
    ("method", "path", "headers"),
    [
        # a body the upstream may not read becomes the next request on its connection
        ("GET", "/console", {"Content-Length": "42"}),
        ("GET", "/api/v2/users/1", {"Content-Length": "42"}),
        ("HEAD", "/api/v2/users/1", {"Transfer-Encoding": "chunked"}),
    ],
)
async def test_a_request_body_where_none_belongs_is_refused(
    addon: ScrimAddon, method: str, path: str, headers: dict[str, str]
) -> None:
    f = agent_flow(path=path)
    f.request.method = method
    for name, value in headers.items():
        f.request.headers[name] = value
    addon.requestheaders(f)
    assert f.response is not None and f.response.status_code == 400
    assert error_of(f)["reason"] == "unexpected_request_body"


async def test_a_comment_may_still_be_posted(addon: ScrimAddon) -> None:
    f = agent_flow(path="/api/v2/tickets/7/comments")
    f.request.method = "POST"
    f.request.content = b'{"body": "thanks"}'
    addon.requestheaders(f)
    assert f.response is None


async def test_anonymous_static_requests_never_carry_the_crm_credential(addon: ScrimAddon) -> None:
    page = flow_with({}, path="/console")
    addon.requestheaders(page)
    assert page.response is None and "authorization" not in page.request.headers


async def test_an_upstream_101_is_withheld_not_turned_into_a_pipe(addon: ScrimAddon) -> None:
    f = agent_flow()
    addon.requestheaders(f)
    f.response = http.Response.make(101, b"", {"Upgrade": "foo", "Connection": "Upgrade"})
    await addon.response(f)
    assert f.response.status_code == 502
    assert error_of(f)["reason"] == "unexpected_upgrade"


async def test_regular_mode_reaches_only_the_crm(rules: Rules, audit: AuditLog) -> None:
    addon = make_addon(rules, audit, destination=("crm.example.com", 443))
    with taddons.context(addon):
        elsewhere = agent_flow()
        elsewhere.request.host, elsewhere.request.port = "evil.example", 443
        addon.requestheaders(elsewhere)
        assert elsewhere.response is not None and elsewhere.response.status_code == 403
        assert error_of(elsewhere)["reason"] == "destination_not_allowed"
        assert "authorization" not in elsewhere.request.headers or "crm-secret" not in str(
            elsewhere.request.headers
        )

        tunnel = flow_with({})
        tunnel.request.method, tunnel.request.host, tunnel.request.port = "CONNECT", "127.0.0.1", 8081
        addon.http_connect(tunnel)
        assert tunnel.response is not None and tunnel.response.status_code == 403

        crm = agent_flow()
        crm.request.host, crm.request.port = "CRM.example.com", 443
        addon.requestheaders(crm)
        assert crm.response is None and crm.request.headers["authorization"] == "Bearer crm-secret"
        to_crm = flow_with({})
        to_crm.request.method, to_crm.request.host, to_crm.request.port = "CONNECT", "crm.example.com", 443
        addon.http_connect(to_crm)
        assert to_crm.response is None


@pytest.mark.parametrize(("size", "offloaded"), [(OFFLOAD_MIN_BYTES, True), (OFFLOAD_MIN_BYTES - 1, False)])
async def test_large_bodies_are_inspected_whole_in_a_worker_small_ones_here(
    rules: Rules, audit: AuditLog, size: int, offloaded: bool
) -> None:
    offload = RecordingOffload()
    addon = make_addon(rules, audit, offload=offload)
    with taddons.context(addon):
        f = agent_flow(path="/api/v2/users/7")
        addon.requestheaders(f)
        body = b'{"user": {"id": 7}}'
        respond(f, body + b" " * (size - len(body)))  # trailing whitespace: still one JSON document
        await addon.response(f)
    assert [(r.decision.route, r.role, len(r.body)) for r in offload.requests] == (
        [("users.get", "tier1", size)] if offloaded else []
    )


async def test_a_small_compressed_body_is_inspected_in_a_worker(rules: Rules, audit: AuditLog) -> None:
    # 8 KB of gzip decoded to 800 KB held the event loop, and every other agent, for 50 s.
    import gzip

    offload = RecordingOffload()
    addon = make_addon(rules, audit, offload=offload)
    with taddons.context(addon):
        f = agent_flow(path="/api/v2/users/7")
        addon.requestheaders(f)
        raw = b'{"user": {"id": 7, "notes": "' + b"a@b.co " * 20_000 + b'"}}'
        f.response = http.Response.make(
            200, gzip.compress(raw), {"Content-Type": "application/json", "Content-Encoding": "gzip"}
        )
        await addon.response(f)
    assert [r.decision.route for r in offload.requests] == ["users.get"]


async def _until(condition: Callable[[], bool]) -> None:
    for _ in range(100):
        if condition():
            return
        await asyncio.sleep(0)


class HoldingOffload(RecordingOffload):
    """Keeps each response in its 'worker' until released."""

    def __init__(self) -> None:
        super().__init__()
        self.release = asyncio.Event()

    async def inspect(self, request: InspectRequest, access: Access) -> Inspected:
        self.requests.append(request)
        await self.release.wait()
        return Inspected(Outcome.PASSED)


async def test_a_small_body_goes_to_a_worker_while_another_response_is_being_inspected(
    rules: Rules, audit: AuditLog
) -> None:
    # Under load the proxy process is the bottleneck: small bodies too are inspected in workers.
    offload = HoldingOffload()
    addon = make_addon(rules, audit, offload=offload)
    with taddons.context(addon):
        large, small = agent_flow(path="/api/v2/users/7"), agent_flow(path="/api/v2/users/8")
        for f in (large, small):
            addon.requestheaders(f)
        respond(large, b'{"user": {"id": 7}}' + b" " * OFFLOAD_MIN_BYTES)
        respond(small, b'{"user": {"id": 8}}')
        first = asyncio.create_task(addon.response(large))
        await _until(lambda: bool(offload.requests))
        second = asyncio.create_task(addon.response(small))
        await _until(lambda: len(offload.requests) == 2 or second.done())
        offload.release.set()
        await asyncio.gather(first, second)
    assert [len(r.body) for r in offload.requests] == [19 + OFFLOAD_MIN_BYTES, 19]


@pytest.mark.parametrize("second", [b" " * OFFLOAD_MIN_BYTES, b""], ids=["large", "small"])
async def test_one_agent_never_holds_every_worker(rules: Rules, audit: AuditLog, second: bytes) -> None:
    # Two slow responses of one agent held every worker, and every other agent's answer timed out;
    # small ones too go to workers under load (48 connections of 7 KB of fresh text did the same).
    offload = HoldingOffload()
    addon = make_addon(rules, audit, offload=offload, inspections_per_agent=1)
    with taddons.context(addon):
        first, then = agent_flow(path="/api/v2/users/7"), agent_flow(path="/api/v2/users/8")
        other = flow_with({"Authorization": f"Bearer {token(agent='agent-other')}"}, "/api/v2/users/9")
        for f in (first, then, other):
            addon.requestheaders(f)
        respond(first, b'{"user": {"id": 7}}' + b" " * OFFLOAD_MIN_BYTES)
        respond(then, b'{"user": {"id": 8}}' + second)
        respond(other, b'{"user": {"id": 9}}')
        tasks = [asyncio.create_task(addon.response(first))]
        await _until(lambda: len(offload.requests) == 1)
        tasks += [asyncio.create_task(addon.response(then)), asyncio.create_task(addon.response(other))]
        await _until(lambda: len(offload.requests) == 2)
        # the other agent's response is in a worker; the first agent's second one waits its turn
        assert [r.body[:19] for r in offload.requests] == [b'{"user": {"id": 7}}', b'{"user": {"id": 9}}']
        assert not tasks[1].done()
        offload.release.set()
        await asyncio.gather(*tasks)
    assert len(offload.requests) == 3


class FailingSecondOffload(HoldingOffload):
    """Holds the first response; fails on the next one, quoting it (as a careless error would)."""

    async def inspect(self, request: InspectRequest, access: Access) -> Inspected:
        if self.requests:
            self.requests.append(request)
            raise RuntimeError(request.body.decode())
        return await super().inspect(request, access)


async def test_a_small_body_failing_in_a_worker_is_withheld_and_the_next_lone_one_stays_here(
    rules: Rules, audit: AuditLog
) -> None:
    offload = FailingSecondOffload()
    addon = make_addon(rules, audit, offload=offload)
    with taddons.context(addon):
        large, small, lone = (agent_flow(path=f"/api/v2/users/{n}") for n in (7, 8, 9))
        for f in (large, small, lone):
            addon.requestheaders(f)
        respond(large, b'{"user": {"id": 7}}' + b" " * OFFLOAD_MIN_BYTES)
        respond(small, b'{"user": {"id": 8, "email": "jane.doe@example.com"}}')
        first = asyncio.create_task(addon.response(large))
        await _until(lambda: bool(offload.requests))
        await addon.response(small)
        offload.release.set()
        await first
        respond(lone, b'{"user": {"id": 9}}')
        await addon.response(lone)
    assert error_of(small)["reason"] == "internal_error"
    assert small.response is not None and b"jane.doe" not in small.response.content
    assert len(offload.requests) == 2  # the lone one was inspected here: nothing is left counted


@pytest.mark.parametrize(
    "path",
    [
        "/api/v2/users/6%2Ftickets",  # Rails and Express route this as user 6
        "/api/v2/tickets/9%2fcomments",
        "/api/v2/users/5%5C..%5Ctickets",
        "/api/v2/users/5%3Bx",
        "/api/v2/users/5%3F.json",
        "/api/v2/users/42?c=ok HTTP/1.1",  # a space in an HTTP/2 :path
    ],
)
async def test_a_path_the_crm_could_route_differently_is_refused(addon: ScrimAddon, path: str) -> None:
    f = agent_flow(path=path)
    addon.requestheaders(f)
    assert error_of(f)["reason"] == "ambiguous_path"


async def test_the_request_target_is_sent_in_origin_form(addon: ScrimAddon) -> None:
    f = agent_flow(path="/api/v2/users/42?x=%2F")  # encoded slashes in the query are data
    f.request.authority = "evil.example:9"
    addon.requestheaders(f)
    assert f.response is None and f.request.authority == ""


@pytest.mark.parametrize(("method", "status"), [("HEAD", 200), ("GET", 304), ("GET", 204)])
async def test_bodiless_answers_on_data_routes_do_not_describe_the_unmasked_body(
    addon: ScrimAddon, method: str, status: int
) -> None:
    f = agent_flow(path="/api/v2/users/7")
    f.request.method = method
    addon.requestheaders(f)
    f.response = http.Response.make(
        status,
        b"",
        {"Content-Type": "application/json", "ETag": '"sha1-of-the-clear-record"', "Content-Length": "604",
         "Last-Modified": "Sat, 28 Nov 2026 10:00:00 GMT", "Digest": "sha-256=abc"},
    )  # fmt: skip
    f.response.headers["content-length"] = "604"  # what the CRM's whole document measures
    await addon.response(f)
    assert f.response is not None and f.response.status_code == status
    kept = {k.lower() for k in f.response.headers}
    assert not kept & {"etag", "last-modified", "digest"}
    assert f.response.headers.get("content-length") in (None, "0")


# -- request framing: what reaches the CRM is what Scrim checked ---------------------------------


def _http2_flow(method: str, path: str, body: bytes) -> http.HTTPFlow:
    """An HTTP/2 request as mitmproxy hands it over: a body that no length header announced."""
    f = agent_flow(path=path)
    f.request.method = method
    f.request.http_version = "HTTP/2.0"
    f.request.headers.pop("content-length", None)
    f.request.data.content = body
    return f


async def test_an_http2_body_no_header_announced_is_sent_with_its_length(addon: ScrimAddon) -> None:
    # Without a length, an HTTP/1 CRM reads the body as the next request on the connection.
    smuggled = b"PUT /api/v2/tickets/5 HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}"
    f = _http2_flow("POST", "/api/v2/tickets/7/comments", smuggled)
    addon.requestheaders(f)
    addon.request(f)
    assert f.response is None
    assert f.request.headers["content-length"] == str(len(smuggled))


@pytest.mark.parametrize(
    ("method", "path"), [("GET", "/api/v2/users/7"), ("GET", "/console"), ("OPTIONS", "/api/v2/users")]
)
async def test_an_http2_body_where_none_belongs_is_refused_once_it_arrives(
    addon: ScrimAddon, method: str, path: str
) -> None:
    f = _http2_flow(method, path, b"GET /api/v2/users/8 HTTP/1.1\r\nHost: x\r\n\r\n")
    addon.requestheaders(f)
    assert f.response is None  # nothing announced a body yet
    addon.request(f)
    assert f.response is not None and f.response.status_code == 400
    assert error_of(f)["reason"] == "unexpected_request_body"
    await addon.response(f)  # Scrim's own error is released as it is, not inspected
    assert error_of(f)["reason"] == "unexpected_request_body"


@pytest.mark.parametrize(
    ("path", "content_type", "body"),
    [
        ("/api/v2/users/7", "application/x-www-form-urlencoded", b"_method=GET"),
        ("/api/v2/users/7", "application/x-www-form-urlencoded", b"a=1&%5Fmethod=get"),
        ("/api/v2/users/7?_method=GET", "application/json", b"{}"),
        ("/api/v2/users/7", "application/json", b'{"_method": "GET"}'),
        (
            "/api/v2/users/7",
            "multipart/form-data; boundary=b",
            b'--b\r\nContent-Disposition: form-data; name="_method"\r\n\r\nGET',
        ),
        # names as the frameworks read them: percent-decoded, `;` a separator, PHP's `.` as `_`,
        # JSON's escapes
        ("/api/v2/users/7", "application/x-www-form-urlencoded", b"_%6Dethod=GET"),
        ("/api/v2/users/7", "application/x-www-form-urlencoded", b"a=1;_method=GET"),
        ("/api/v2/users/7", "application/x-www-form-urlencoded", b".method=GET"),
        ("/api/v2/users/7?.method=GET", "application/json", b"{}"),
        ("/api/v2/users/7", "application/json", b'{"\\u005fmethod": "GET"}'),
    ],
)
def test_a_post_overriding_its_method_is_refused(
    addon: ScrimAddon, path: str, content_type: str, body: bytes
) -> None:
    # Rack, Laravel and Symfony serve it as a GET of the customer; Scrim counted it as a POST.
    f = agent_flow({"Content-Type": content_type}, path)
    f.request.method = "POST"
    f.request.content = body
    addon.requestheaders(f)
    addon.request(f)
    assert f.response is not None and f.response.status_code == 400
    assert error_of(f)["reason"] == "method_override"


def test_a_post_that_mentions_a_method_in_its_text_passes(addon: ScrimAddon) -> None:
    f = agent_flow({"Content-Type": "application/json"}, "/api/v2/tickets/7/comments")
    f.request.method = "POST"
    f.request.content = b'{"body": "set _method=GET in the form, or {\\"_method\\": 1}"}'
    addon.requestheaders(f)
    addon.request(f)
    assert f.response is None


async def test_request_trailers_are_refused(addon: ScrimAddon) -> None:
    f = _http2_flow("POST", "/api/v2/tickets/7/comments", b"{}")
    f.request.trailers = http.Headers(x_role="fraud")
    addon.requestheaders(f)
    addon.request(f)
    assert f.response is not None and error_of(f)["reason"] == "request_trailers"


@pytest.mark.parametrize(
    ("method", "path", "extra", "status", "reason"),
    [
        # HTTP/2 `:path` as sent: absolute or asterisk form would be the CRM's request target
        ("GET", "http://other.example/api/v2/users/7", {}, 400, "bad_request_target"),
        ("OPTIONS", "*", {}, 400, "bad_request_target"),
        ("GET", "api/v2/users/7", {}, 400, "bad_request_target"),
        # the CRM would echo the request, its credential included
        ("TRACE", "/api/v2/users/7", {}, 405, "method_not_allowed"),
        ("TRACK", "/api/v2/users/7", {}, 405, "method_not_allowed"),
        # a folded header line hides a stripped header inside another
        ("GET", "/api/v2/users/7", {"X-Foo": "a\r\n X-Role: fraud"}, 400, "malformed_header"),
    ],
)
async def test_requests_the_crm_could_read_otherwise_are_refused(
    addon: ScrimAddon, method: str, path: str, extra: dict[str, str], status: int, reason: str
) -> None:
    f = agent_flow(extra)
    f.request.method = method
    f.request.path = path
    addon.requestheaders(f)
    assert f.response is not None and f.response.status_code == status
    assert error_of(f)["reason"] == reason


@pytest.mark.parametrize(
    ("path", "body", "headers"),
    [
        ("/api/v2/notes", b"GET /api/v2/notes HTTP/1.1\r\nAuthorization: Bearer crm-secret\r\n", {}),
        ("/api/v2/notes", b'{"headers": {"authorization": "Bearer crm-secret"}}', {}),
        ("/api/v2/notes", b'{"token": "crm-secret"}', {}),  # the token alone
        ("/api/v2/notes", b"{}", {"X-Debug-Auth": "Bearer crm-secret"}),
        ("/console", b"<pre>Authorization: Bearer crm-secret</pre>", {}),  # static: passed unread
    ],
)
async def test_a_response_echoing_the_crm_credential_is_withheld(
    addon: ScrimAddon, path: str, body: bytes, headers: dict[str, str]
) -> None:
    f = agent_flow(path=path)
    addon.requestheaders(f)
    assert f.response is None
    respond(f, body, "text/html" if path == "/console" else "application/json")
    assert f.response is not None
    f.response.headers.update(headers)
    await addon.response(f)
    assert error_of(f)["reason"] == "upstream_credential_echoed"
    assert b"crm-secret" not in (f.response.content or b"")


# -- searches and break-glass: refusals that do not depend on the CRM's answer -------------------


async def test_break_glass_is_refused_before_the_crm_answers_for_a_role_without_it(addon: ScrimAddon) -> None:
    # Refused only once the answer held a customer, the refusal told whether a search matched.
    f = agent_flow({"X-Scrim-Break-Glass": "T-1 caller verified"}, path="/api/v2/users/search?query=jane")
    addon.requestheaders(f)
    assert f.response is not None and f.response.status_code == 403
    assert error_of(f)["reason"] == "break_glass_not_allowed"


async def test_a_search_is_counted_whatever_becomes_of_its_answer(addon: ScrimAddon, tmp_path: Path) -> None:
    # An answer withheld (here a partial body) still answered the search: it is an audited event.
    f = agent_flow(path="/api/v2/users/search?query=jane")
    addon.requestheaders(f)
    respond(f, b'{"users": []}')
    assert f.response is not None
    f.response.status_code = 206
    await addon.response(f)
    assert error_of(f)["reason"] == "partial_content"
    line = json.loads((tmp_path / "audit.jsonl").read_text().splitlines()[-1])
    assert line["route"] == "users.search" and line["events"] == ["search"]


async def test_searches_past_the_quota_are_refused_before_inspection(addon: ScrimAddon) -> None:
    limit = addon._generation().rules.role("tier1").quota.searches  # type: ignore[union-attr]
    for i in range(limit + 1):
        f = agent_flow(path=f"/api/v2/users/search?query=q{i}")
        addon.requestheaders(f)
        respond(f, b'{"users": []}')
        await addon.response(f)
    assert error_of(f)["reason"] == "search_quota_exceeded"


@pytest.mark.parametrize(
    ("typed", "recorded"),
    [
        ("TICKET-9 customer asked for a refund", "TICKET-9 customer asked for a refund"),
        ("#4821 callback", "#4821 callback"),
        ("x", None),  # no ticket, no reason: justifies nothing
        ("TICKET-9", None),
        ("because I need it", None),  # no ticket
    ],
)
async def test_a_justification_names_a_ticket_and_a_reason(
    addon: ScrimAddon, audit: AuditLog, tmp_path: Path, typed: str, recorded: str | None
) -> None:
    f = agent_flow({"X-Scrim-Justification": typed})
    addon.requestheaders(f)
    respond(f, b'{"ok": true}')
    await addon.response(f)
    audit.close()
    line = json.loads((tmp_path / "audit.jsonl").read_text().splitlines()[-1])
    assert line.get("justification") == recorded


async def test_a_request_refused_once_its_body_arrives_audits_none_of_the_agents_words(
    addon: ScrimAddon, audit: AuditLog, tmp_path: Path
) -> None:
    # The agent's words are audited only once their personal data is masked.
    reason = f"T-1 caller {SECRET_VALUE}"
    f = _http2_flow("GET", "/api/v2/users/7", b"GET /x HTTP/1.1\r\n\r\n")
    f.request.headers["X-Scrim-Justification"] = reason
    addon.requestheaders(f)
    addon.request(f)
    assert error_of(f)["reason"] == "unexpected_request_body"
    audit.close()
    assert SECRET_VALUE not in (tmp_path / "audit.jsonl").read_text()


class _Exploding:
    """A request part that raises, quoting customer data, when mitmproxy's request is read."""

    def __bool__(self) -> bool:
        raise RuntimeError(SECRET_VALUE)


async def test_a_request_hook_failure_refuses_the_request_without_its_message(
    addon: ScrimAddon, caplog: pytest.LogCaptureFixture
) -> None:
    f = _http2_flow("POST", "/api/v2/tickets/7/comments", b"{}")
    addon.requestheaders(f)
    f.request.trailers = _Exploding()  # type: ignore[assignment]
    addon.request(f)
    assert f.response is not None and f.response.status_code == 502
    assert error_of(f)["reason"] == "internal_error"
    assert SECRET_VALUE.encode() not in (f.response.content or b"")
    await addon.response(f)  # Scrim's own error is released as it is
    assert error_of(f)["reason"] == "internal_error"
    assert "RuntimeError" in caplog.text and SECRET_VALUE not in caplog.text  # the type, not the message


@pytest.mark.parametrize(
    "headers",
    [[("X-Big", "a" * 70_000)], [(f"X-H{i}", "1") for i in range(300)]],
    ids=["one huge header", "300 headers"],
)
async def test_oversized_headers_are_refused(
    rules: Rules, audit: AuditLog, headers: list[tuple[str, str]]
) -> None:
    # A 1 MB header and 20,000 headers were accepted from the CRM, and scanned, and passed.
    addon = make_addon(rules, audit)
    with taddons.context(addon):
        f = agent_flow()
        addon.requestheaders(f)
        respond(f, b'{"status": "ok"}')
        assert f.response is not None
        for name, value in headers:
            f.response.headers.add(name, value)
        await addon.response(f)
        assert error_of(f)["reason"] == "headers_too_large"
        request = agent_flow()
        for name, value in headers:
            request.request.headers.add(name, value)
        addon.requestheaders(request)
        assert request.response is not None and request.response.status_code == 431


@pytest.mark.parametrize(
    ("message", "reason"),
    [
        ("scrim upstream timeout", "upstream_timeout"),
        ("HTTP/1 protocol error: Invalid chunk size", "upstream_protocol_error"),
        ("Multiple exceptions: [Errno 111] Connect call failed ('127.0.0.1', 9)", "upstream_unreachable"),
        ("peer closed connection", "upstream_closed"),
        ("[Errno 104] Connection reset by peer", "upstream_closed"),
        ("Client disconnected", "client_closed"),
        ("Connection killed: scrim", "connection_killed"),  # not "connect": the CRM was reached
        ("something else <ssn 536-22-1234>", "upstream_error"),
    ],
)
def test_upstream_failures_get_a_reason_of_their_own(message: str, reason: str) -> None:
    # Every fault was `upstream_error`: chunk errors, resets, hangs and refusals looked alike.
    from proxy.addon import upstream_failure

    assert upstream_failure(message) == reason


@pytest.mark.parametrize(
    ("message", "status", "reason"),
    [
        ("HTTP/1 protocol error: Invalid chunk size 536-22-1234", 502, "upstream_protocol_error"),
        # the agent's own smuggling attempt, answered 400, was audited as the CRM's failure
        (
            "Received both a Transfer-Encoding and a Content-Length header from client, refusing to "
            "prevent request smuggling attacks.",
            400,
            "bad_request",
        ),
    ],
)
async def test_the_error_hook_audits_the_failures_reason(
    rules: Rules, audit: AuditLog, tmp_path: Path, message: str, status: int, reason: str
) -> None:
    addon = make_addon(rules, audit)
    with taddons.context(addon):
        f = agent_flow()
        addon.requestheaders(f)
        f.error = flow.Error(message)
        addon.error(f)
    audit.close()
    [line] = [json.loads(x) for x in (tmp_path / "audit.jsonl").read_text().splitlines()]
    assert (line["status"], line["reason"]) == (status, reason)
    assert "536" not in json.dumps(line)


async def test_methods_reach_the_crm_as_audited(rules: Rules, audit: AuditLog) -> None:
    # `get` passed the allow-list, reached the CRM as typed, and was audited as GET.
    addon = make_addon(rules, audit)
    with taddons.context(addon):
        f = agent_flow()
        f.request.method = "get"
        addon.requestheaders(f)
        assert f.response is None and f.request.data.method == b"GET"
        tunnel = agent_flow()
        tunnel.request.method = "CONNECT"  # reverse mode: no tunnels
        addon.requestheaders(tunnel)
        assert tunnel.response is not None and tunnel.response.status_code == 405


async def test_a_failure_closing_the_connections_of_a_refused_response_keeps_it_refused(
    addon: ScrimAddon, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Closing the connections runs after the refusal is in place, outside the hook's guard: if it
    # raised, the hook would raise, and only Scrim's error may still go out.
    def broken(*_: object) -> object:
        raise RuntimeError("proxyserver went away")

    monkeypatch.setattr("proxy.addon._transport", broken)
    f = agent_flow()
    addon.requestheaders(f)
    f.response = http.Response.make(103, b"", {"Link": "</s.css>; rel=preload"})
    await addon.response(f)
    assert f.response.status_code == 502
    assert error_of(f)["reason"] == "unexpected_upgrade"
