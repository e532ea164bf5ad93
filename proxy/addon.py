"""The mitmproxy addon: adapts flows to Scrim's stages and guards every hook.

mitmproxy forwards the original response when an addon raises, so each hook runs inside `_guard`:
any exception replaces the response with Scrim's own JSON error, and nothing from upstream passes.
Request: identify → strip → decide. Response: inspect (pipeline) → record (audit, metrics) → release.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import time
import urllib.parse
import uuid
import weakref
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass, replace
from http import HTTPStatus
from typing import Any

import orjson
from mitmproxy import connection, ctx, http
from mitmproxy.proxy import server_hooks

from proxy import pipeline, policy
from proxy.access import LedgerAccess
from proxy.codecs import encoding
from proxy.detect import Item
from proxy.enforce import Verdict, admit_search, enforce
from proxy.errors import AuditUnavailable, DetectionTimeout, IdentityError, Overloaded, Withheld
from proxy.identity import Verifier, normalise_header, parse_cookies
from proxy.ledger import Ledger, MemoryLedger
from proxy.mask import non_overlapping
from proxy.model import Decision, Identity, IdentitySource, Outcome, RouteKind, Span
from proxy.record import Recorder, View
from proxy.rules import NO_ROLE, Route

log = logging.getLogger(__name__)

# Request headers that would make upstream send something we cannot inspect as a whole document,
# or answer whether the agent's guess at the unmasked document is right (a 304 for an ETag or date
# the agent computed from guessed values: an oracle for what the mask hides).
_DOCUMENT_HEADERS = (
    "range",
    "if-range",
    "if-none-match",
    "if-match",
    "if-modified-since",
    "if-unmodified-since",
)
_BODY_DESCRIBING_HEADERS = (
    "etag",
    "last-modified",
    "content-length",
    "content-md5",
    "digest",
    "content-digest",
    "repr-digest",
)
_STATUS_TEXT = {
    400: "bad_request",
    401: "unauthenticated",
    403: "forbidden",
    405: "method_not_allowed",
    429: "limited",
    502: "withheld",
    503: "unavailable",
    504: "timeout",
}
# Bodies from this size on are inspected whole in a worker (the proxy process only moves bytes,
# so throughput grows with workers). A smaller one is inspected here, with only detection in a
# worker (one pipe round trip instead of a round trip plus the ledger's questions: lower latency),
# unless another response is being inspected meanwhile: under load the proxy process is the
# bottleneck. Measured on 2 cores at 2 KB and -c16: 491 req/s with the proxy process at 100% of a
# core and the workers at 42%; 555 req/s with every 2 KB body in a worker.
OFFLOAD_MIN_BYTES = 8 * 1024
# Methods whose requests have no body: one that carries a body anyway is refused.
_BODILESS_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# Header bytes are bounded as bodies are (each header is scanned): far beyond any browser's or CRM's.
_MAX_HEADERS = 256
_MAX_HEADER_BYTES = 64 * 1024
_UPSTREAM_CUT = "scrim_upstream_cut"  # flow metadata: Scrim closed the upstream mid-response
# What a support console sends (CONNECT opens a tunnel in regular mode). Any other token would reach
# the CRM and the audit log as the agent typed it; TRACE and TRACK would echo the request back, CRM
# credential included (cross-site tracing).
_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "CONNECT"})
_JUSTIFICATION_HEADER = "x-scrim-justification"
# `<ticket> <reason>`: a ticket reference (a word with a digit) and at least a few characters why.
_JUSTIFICATION = re.compile(r"\S*\d\S*\s+\S.{2,}")
_BREAK_GLASS_HEADER = "x-scrim-break-glass"
_MAX_AGENT_TEXT = 200


@dataclass(frozen=True, slots=True)
class FlowState:
    """What the request phase learned, for the response phase of the same flow."""

    request_id: str
    identity: Identity
    decision: Decision
    route: Route | None
    generation: pipeline.Generation
    started: float
    justification: str | None = None  # the agent's reason to go past a quota's justify limit
    break_glass: str | None = None  # the agent's reason to see one customer in clear


def error_body(status: int, reason: str, request_id: str) -> bytes:
    return orjson.dumps(
        {"error": _STATUS_TEXT.get(status, "error"), "reason": reason, "request_id": request_id}
    )


def error_response(status: int, reason: str, request_id: str) -> http.Response:
    """Scrim's own error: JSON, never cached, never carrying upstream bytes or headers."""
    return http.Response.make(
        status,
        error_body(status, reason, request_id),
        {
            "Content-Type": "application/json",
            "Cache-Control": "no-store",
            "X-Scrim-Request-Id": request_id,
        },
    )


class ScrimAddon:
    """Identity, policy and masking for every flow through the proxy."""

    def __init__(
        self,
        generation: Callable[[], pipeline.Generation],
        verifier: Verifier,
        settings: pipeline.Settings,
        recorder: Recorder,
        response_deadline: float = 5.0,
        max_inflight_bytes: int = 256 * 1024 * 1024,
        upstream_headers: tuple[tuple[str, str], ...] = (),
        upstream_timeout: float = 30.0,
        ledger: Ledger | None = None,
        destination: tuple[str, int] | None = None,
        inspections_per_agent: int | None = None,
    ) -> None:
        self._generation = generation
        # Regular (explicit proxy) mode: the one CRM host:port agents may reach through Scrim.
        self._destination = destination
        self._ledger: Ledger = ledger or MemoryLedger()
        self._verifier = verifier
        self._settings = settings
        self._recorder = recorder
        self._deadline = response_deadline
        self._max_inflight = max_inflight_bytes
        self._inflight = 0
        self._inspecting = 0  # responses being inspected now, here or in a worker
        # At most this many of one agent's responses in workers at once (None: no limit): two slow
        # responses of one agent held every worker, and every other agent's answers timed out.
        self._per_agent = inspections_per_agent
        self._agent_shares: dict[str, _AgentShare] = {}
        self._upstream_headers = upstream_headers
        # The credential Scrim adds upstream (`settings.credentials`): never to reach an agent, who
        # could then reach the CRM without Scrim. The pipeline looks for it in decoded data bodies;
        # here, in headers and in static bodies, as sent.
        self._credentials = tuple(c.encode("latin-1") for c in settings.credentials)
        self._upstream_timeout = upstream_timeout
        self._timers: weakref.WeakKeyDictionary[http.HTTPFlow, asyncio.TimerHandle] = (
            weakref.WeakKeyDictionary()
        )
        self._flows: weakref.WeakKeyDictionary[http.HTTPFlow, FlowState] = weakref.WeakKeyDictionary()
        # Upstream connections that ended in an error (a reset), not a close: mitmproxy ends a body
        # read until the connection closes either way, and only a close says it is complete.
        self._reset: weakref.WeakSet[connection.Server] = weakref.WeakSet()
        # Those whose reader notes that; a close-delimited body from any other is withheld.
        self._watched: weakref.WeakSet[connection.Server] = weakref.WeakSet()

    # -- connections -----------------------------------------------------------------------------

    def server_connected(self, data: server_hooks.ServerConnectionHookData) -> None:
        try:
            transport = _transport(data.client, data.server)
            if transport is not None and isinstance(transport.reader, asyncio.StreamReader):
                transport.reader = _ResetNoting(transport.reader, data.server, self._reset)
                self._watched.add(data.server)
        except Exception as err:  # unwatched: its close-delimited bodies are withheld
            log.error("could not watch an upstream connection: %s", type(err).__name__)

    # -- request phase ---------------------------------------------------------------------------

    def requestheaders(self, flow: http.HTTPFlow) -> None:
        request_id = uuid.uuid4().hex[:16]
        try:
            self._admit(flow, request_id)
        except IdentityError as err:
            self._refuse(flow, request_id, 401, err.reason, Outcome.UNAUTHENTICATED, None)
        except Withheld as err:
            self._refuse(flow, request_id, err.status, err.reason, Outcome.WITHHELD, None)
        except Exception as err:
            # The type only: a message may quote what the agent sent (as the response hook's).
            log.error("request hook failed (request %s): %s", request_id, type(err).__name__)
            self._refuse(flow, request_id, 502, "internal_error", Outcome.WITHHELD, None)

    def _admit(self, flow: http.HTTPFlow, request_id: str) -> None:
        request = flow.request
        if not self._may_reach(request.host, request.port):
            raise Withheld("destination_not_allowed", 403)  # not an open proxy, nor a tunnel
        _check_request_form(request)
        # As audited: `get` reached the CRM as typed while the audit said GET.
        request.method = request.method.upper()
        if request.method == "CONNECT" and self._destination is None:
            raise Withheld("method_not_allowed", 405)  # a tunnel is for regular (explicit proxy) mode
        if self._recorder.failing:
            raise AuditUnavailable  # a request the CRM acted on would leave no audit line
        if request.authority and request.method != "CONNECT" and request.http_version.startswith("HTTP/1"):
            # Origin-form only: with `GET http://other.example/…` a virtual-hosting front-end
            # would pick the agent's host for a request that carries the CRM credential.
            request.authority = ""
        generation = self._generation()
        rules = generation.rules
        names = list(request.headers.keys())
        headers: dict[str, list[str]] = {}
        for name in dict.fromkeys(names):
            headers.setdefault(normalise_header(name), []).extend(request.headers.get_all(name))
        cookies = parse_cookies(request.headers.get_all("cookie"))
        peer = flow.client_conn.peername[0] if flow.client_conn.peername else ""
        decision, route = policy.decide(rules, request.method, request.path)
        try:
            claims = self._verifier.identify(headers, cookies, peer, names)
            identity = Identity(
                claims.agent, rules.role_for_groups(claims.groups), claims.groups, claims.source
            )
        except IdentityError as err:
            # Allow-listed static assets (the console page itself, which then sets the token
            # cookie) need no credential; a wrong one is still refused.
            if decision.kind is not RouteKind.STATIC or err.reason != "missing_credentials":
                raise
            identity = Identity("-", NO_ROLE, (), IdentitySource.ANONYMOUS)

        # Scrim's own request headers are read here, then stripped with every other x-scrim-*.
        justification = _agent_text(headers.get(_JUSTIFICATION_HEADER))
        if justification is not None and _JUSTIFICATION.fullmatch(justification) is None:
            justification = None  # "x" justifies nothing: a ticket and a reason, or no justification
        break_glass = _agent_text(headers.get(_BREAK_GLASS_HEADER))
        if break_glass is not None and rules.role(identity.role).break_glass is None:
            # Refused before the CRM answers: a refusal that depends on the answer (whether a
            # search matched anyone) would tell the agent something for free.
            raise Withheld("break_glass_not_allowed", 403)
        for name in self._verifier.headers_to_strip(dict.fromkeys(names)):
            del request.headers[name]
        self._strip_token_cookie(request)
        if request.headers.get("upgrade") or any(n.lower().startswith("sec-websocket-") for n in names):
            raise Withheld("unsupported_protocol")  # WebSocket frames would bypass inspection
        carries_body = _carries_body(request)
        if carries_body and (decision.kind is RouteKind.STATIC or request.method in _BODILESS_METHODS):
            # An upstream that does not read a GET's body takes it as the next request on the
            # connection, and its answer would reach whoever asks next (a static route: unmasked).
            raise Withheld("unexpected_request_body", 400)
        if carries_body and request.http_version.startswith("HTTP/1"):
            # Nor a POST's: a handler that reads no body (a static page's) takes it as the start of
            # the next request, whose head, CRM credential included, it can swallow. A request with
            # a body has its upstream connection to itself (over HTTP/2 mitmproxy gives every
            # request one of its own already, and a `Connection` header would be malformed).
            request.headers["Connection"] = "close"
        if decision.kind is RouteKind.DATA:
            for name in _DOCUMENT_HEADERS:
                request.headers.pop(name, None)
            _drop_transfer_codings(request)
            self._limit_accept_encoding(request)
        if identity.source is not IdentitySource.ANONYMOUS:  # the CRM's credential is for agents
            for name, value in self._upstream_headers:
                request.headers[name] = value
        self._flows[flow] = FlowState(
            request_id, identity, decision, route, generation, time.monotonic(), justification, break_glass
        )
        self._start_upstream_timer(flow)

    def request(self, flow: http.HTTPFlow) -> None:
        """The whole request has arrived: over HTTP/2 only now is its body's length known. One
        declared at its headers by neither Content-Length nor Transfer-Encoding would reach an
        HTTP/1 CRM without a length, which then reads the body as a next request nobody checked."""
        state = self._flows.get(flow)
        if state is None or flow.response is not None:
            return
        request = flow.request
        try:
            if request.trailers:
                raise Withheld("request_trailers", 400)  # dropped on the way to an HTTP/1 CRM
            body = request.raw_content or b""
            if body and (state.decision.kind is RouteKind.STATIC or request.method in _BODILESS_METHODS):
                raise Withheld("unexpected_request_body", 400)
            if body and "transfer-encoding" not in request.headers:
                request.headers["content-length"] = str(len(body))
            if _overrides_method(request, body):
                raise Withheld("method_override", 400)
        except Exception as err:
            if not isinstance(err, Withheld):
                log.error("request hook failed (request %s): %s", state.request_id, type(err).__name__)
            status, reason = _classify_failure(err)
            self._withdraw(flow)
            # The agent's own words are audited only once masked (the response hook does that).
            unread = replace(state, justification=None, break_glass=None)
            self._refuse(flow, state.request_id, status, reason, Outcome.WITHHELD, unread)

    def _withdraw(self, flow: http.HTTPFlow) -> None:
        """Forget a flow refused before it went upstream: its response is Scrim's own."""
        self._flows.pop(flow, None)
        self._cancel_upstream_timer(flow)

    def _cancel_upstream_timer(self, flow: http.HTTPFlow) -> None:
        if (timer := self._timers.pop(flow, None)) is not None:
            timer.cancel()

    def _start_upstream_timer(self, flow: http.HTTPFlow) -> None:
        # mitmproxy waits for a silent upstream as long as its idle timeout (minutes). Cutting the
        # upstream connection makes mitmproxy answer with its error page — which server.py has
        # replaced with Scrim's JSON 502 — instead of leaving the agent hanging.
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return  # driven synchronously (unit tests): no upstream to wait for
        self._timers[flow] = loop.call_later(self._upstream_timeout, _cut_upstream, flow)

    def _strip_token_cookie(self, request: http.Request) -> None:
        cookie_name = self._verifier.config.token_cookie
        if not cookie_name or "cookie" not in request.headers:
            return
        kept = []
        for raw in request.headers.get_all("cookie"):
            pairs = [p for p in raw.split(";") if p.strip().partition("=")[0] != cookie_name]
            if pairs:
                kept.append(";".join(pairs).strip())
        request.headers.set_all("cookie", kept)

    @staticmethod
    def _limit_accept_encoding(request: http.Request) -> None:
        offered = request.headers.get("accept-encoding", "")
        accepted = [
            c.strip() for c in offered.split(",") if c.split(";")[0].strip().lower() in encoding.SUPPORTED
        ]
        if accepted:
            request.headers["accept-encoding"] = ", ".join(accepted)
        else:
            request.headers.pop("accept-encoding", None)

    def http_connect(self, flow: http.HTTPFlow) -> None:
        # Regular mode: a tunnel is opened only to the CRM (its TLS is then intercepted and every
        # request in it goes through requestheaders); anything else is refused before it opens.
        if not self._may_reach(flow.request.host, flow.request.port):
            self._refuse(flow, uuid.uuid4().hex[:16], 403, "destination_not_allowed", Outcome.WITHHELD, None)

    def _may_reach(self, host: str, port: int) -> bool:
        if self._destination is None:
            return True  # reverse mode: mitmproxy sends every request to the one upstream
        return (host.lower().rstrip("."), port) == self._destination

    # -- response phase --------------------------------------------------------------------------

    def responseheaders(self, flow: http.HTTPFlow) -> None:
        # Never stream a body we must inspect: mitmproxy cannot modify streamed bodies.
        if flow.response is not None and flow in self._flows:
            flow.response.stream = False
            if flow.request.http_version.startswith("HTTP/1") and "close" in (
                t.lower() for t in _tokens(flow.request.headers.get_all("connection"))
            ):
                # mitmproxy closes the agent's connection after this response too: say so.
                flow.response.headers["Connection"] = "close"

    async def response(self, flow: http.HTTPFlow) -> None:
        self._cancel_upstream_timer(flow)
        if flow.response is not None:
            # The reason phrase is upstream text sent verbatim: never let it carry data.
            flow.response.reason = _reason_phrase(flow.response.status_code)
        state = self._flows.get(flow)
        if state is None or flow.response is None:
            if flow.response is not None and flow.metadata.get("scrim_error") is None:
                # A response Scrim knows nothing about must not pass: fail closed.
                flow.response = error_response(502, "internal_error", "-")
            return
        response = flow.response
        size = len(response.raw_content or b"")
        typed = state
        # The agent's own words go to the audit, which holds no values: until their personal data
        # is masked (below, fail closed), they are not recorded at all.
        state = replace(state, justification=None, break_glass=None)
        searched = Verdict()
        try:
            self._check_arrived_whole(flow, response)
            state = await _with_agent_text_masked(typed)
            searched = await self._count_search(state)
            if searched.withheld is not None:
                raise searched.withheld
            self._check_inspectable(response, state.decision.kind is RouteKind.STATIC)
            if self._inflight + size > self._max_inflight:
                raise Overloaded
            self._set_inflight(size)
            try:
                inspected, verdict = await asyncio.wait_for(self._inspect(state, response), self._deadline)
            finally:
                self._set_inflight(-size)
            verdict = replace(verdict, events=(*searched.events, *verdict.events))
            if verdict.withheld is None:
                view = self._view(state, flow, response.status_code, inspected.outcome, inspected)
                self._recorder.record(replace(view, events=verdict.events, ledger_counts=verdict.counts))
        except Exception as err:
            status, reason = _classify_failure(err)
            if status == 502 and reason == "internal_error":
                log.error("response hook failed (request %s): %s", state.request_id, type(err).__name__)
            self._refuse(flow, state.request_id, status, reason, Outcome.WITHHELD, state, searched.events)
            _end_connections(flow)
            return
        if verdict.withheld is not None:  # a quota or break-glass refusal, with its events audited
            refusal = verdict.withheld
            self._refuse(
                flow,
                state.request_id,
                refusal.status,
                refusal.reason,
                Outcome.WITHHELD,
                state,
                verdict.events,
            )
            _end_connections(flow)
            return
        if inspected.headers is not None:
            response.headers = http.Headers([(k.encode(), v.encode("latin-1")) for k, v in inspected.headers])
        if inspected.body is not None:
            response.raw_content = inspected.body
        if state.decision.kind is RouteKind.DATA and (
            flow.request.method.upper() == "HEAD" or response.status_code in (204, 304)
        ):
            # No body to mask, but headers that describe the unmasked one: its hash (a guess at
            # a masked value can be checked against it offline) and its length (which a 204 must
            # not even have).
            for name in _BODY_DESCRIBING_HEADERS:
                response.headers.pop(name, None)
        rewritten = inspected.headers is not None or inspected.body is not None
        if rewritten and "transfer-encoding" not in response.headers:
            response.headers["content-length"] = str(len(response.raw_content or b""))

    def _check_inspectable(self, response: http.Response, static: bool) -> None:
        """Raise Withheld for a response no inspection can make safe."""
        if _oversized(response.headers):
            raise Withheld("headers_too_large")
        if response.status_code < 200:
            # A 101 would turn the connection into a pipe nothing inspects (no agent request
            # asks for an upgrade: those are refused). Any other 1xx reaching this hook is
            # withheld too: failing closed costs availability, never data.
            raise Withheld("unexpected_upgrade")
        if response.raw_content is None:
            raise Withheld("streamed_body")
        if any(t.lower() != "chunked" for t in _tokens(response.headers.get_all("transfer-encoding"))):
            # mitmproxy removes only the chunked framing: a gzip transfer coding would reach
            # the pipeline as compressed bytes that decode as windows-1252 and hold nothing.
            raise Withheld("unsupported_transfer_encoding")
        if response.trailers:
            # Trailers (HTTP/2, chunked HTTP/1) are headers sent after the body: never inspected.
            raise Withheld("unexpected_trailers")
        # A debug endpoint echoing the request (data bodies are searched decoded, by the pipeline).
        head = b"\n".join(value for _, value in response.headers.fields)
        if any(c in head or (static and c in response.raw_content) for c in self._credentials):
            raise Withheld("upstream_credential_echoed")

    def _set_inflight(self, delta: int) -> None:
        self._inflight += delta
        self._recorder.metrics.inflight_bytes.set(self._inflight)

    @contextlib.asynccontextmanager
    async def _agent_share(self, agent: str) -> AsyncIterator[None]:
        """Wait for one of the agent's inspection slots (within the response deadline)."""
        if self._per_agent is None:
            yield
            return
        share = self._agent_shares.get(agent)
        if share is None:
            share = self._agent_shares[agent] = _AgentShare(asyncio.Semaphore(self._per_agent))
        share.users += 1
        try:
            async with share.slots:
                yield
        finally:
            share.users -= 1
            if share.users == 0:
                del self._agent_shares[agent]

    async def _inspect(self, state: FlowState, response: http.Response) -> tuple[pipeline.Inspected, Verdict]:
        headers = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in response.headers.fields]
        rules = state.generation.rules
        role = rules.role(state.identity.role)
        now = time.time()
        key = self._settings.match_key
        access = LedgerAccess(
            self._ledger, state.identity.agent, role, key, rules.assignment_ttl, state.break_glass, now
        )
        body = response.raw_content or b""
        offload = state.generation.offload
        busy = self._inspecting > 0
        self._inspecting += 1
        try:
            if (
                offload is not None
                and state.decision.kind is RouteKind.DATA
                # Compressed, a body's size says nothing of the work it holds (8 KB of gzip decoded
                # to 800 KB of e-mails held the event loop, and every agent, for 50 s).
                and (busy or len(body) >= OFFLOAD_MIN_BYTES or _compressed(response))
            ):
                request = pipeline.InspectRequest(
                    state.decision,
                    role.name,
                    response.status_code,
                    headers,
                    body,
                    state.break_glass is not None,
                )
                # Small ones too: 48 connections of 7 KB fresh text queued ahead of everyone else.
                async with self._agent_share(state.identity.agent):
                    inspected = await offload.inspect(request, access)
            else:
                inspected = await pipeline.inspect(
                    state.generation,
                    self._settings,
                    state.decision,
                    state.route,
                    role,
                    response.status_code,
                    headers,
                    body,
                    access,
                )
        finally:
            self._inspecting -= 1
        verdict = await enforce(
            self._ledger,
            role,
            state.identity.agent,
            inspected.records,
            rules.canaries,
            state.justification is not None,
            key,
            now,
            observe=self._settings.observe,
            canary_contacts=rules.canary_contacts,
        )
        if inspected.break_glass:
            verdict = replace(verdict, events=(*verdict.events, "break_glass"))
        return inspected, verdict

    async def _count_search(self, state: FlowState) -> Verdict:
        """A search request counted and limited before anything else can refuse its answer.

        Each search is an event: probing a search one character at a time rebuilds what the mask
        hides while serving the same few customers, which quotas never see. And whether the
        answer was then released or refused (a quota, break-glass) says whether it matched."""
        if state.route is None or not state.route.search:
            return Verdict()
        role = state.generation.rules.role(state.identity.role)
        return await admit_search(
            self._ledger, role, state.identity.agent, state.request_id, time.time(), self._settings.observe
        )

    def _check_arrived_whole(self, flow: http.HTTPFlow, response: http.Response) -> None:
        """Raise Withheld for a body that may be only a prefix of what the CRM sent (the first 14
        digits of a card: nothing left to find)."""
        if flow.metadata.get(_UPSTREAM_CUT):
            raise Withheld("upstream_timeout", 504)
        if _close_delimited(response) and (
            flow.server_conn in self._reset or flow.server_conn not in self._watched
        ):
            raise Withheld("upstream_error", 502)

    def error(self, flow: http.HTTPFlow) -> None:
        self._cancel_upstream_timer(flow)
        state = self._flows.get(flow)
        if state is None:
            return
        # mitmproxy sends its own error page after this hook; server.py replaces that page with
        # Scrim's JSON error. Here we only count and audit it.
        reason = upstream_failure(flow.error.msg if flow.error else "")
        view = View(
            state.request_id, state.identity, state.decision.route, flow.request.method,
            400 if reason in _AGENT_FAILURES else 502,
            Outcome.WITHHELD, state.generation.rules.version, time.monotonic() - state.started,
            reason=reason,
        )  # fmt: skip
        self._recorder.record_failure(view)

    # -- shared ----------------------------------------------------------------------------------

    def _refuse(
        self,
        flow: http.HTTPFlow,
        request_id: str,
        status: int,
        reason: str,
        outcome: Outcome,
        state: FlowState | None,
        events: tuple[str, ...] = (),
    ) -> None:
        flow.response = error_response(status, reason, request_id)
        flow.metadata["scrim_error"] = reason
        generation = state.generation if state else self._generation()
        view = View(
            request_id,
            state.identity if state else None,
            state.decision.route if state else policy.UNDECLARED,
            # A method refused as unknown is what the agent typed: the audit says only "other".
            flow.request.method if flow.request.method.upper() in _METHODS else "other",
            status,
            outcome,
            generation.rules.version,
            time.monotonic() - state.started if state else 0.0,
            reason=reason,
            events=events,
            justification=state.justification if state else None,
            break_glass_reason=state.break_glass if state else None,
        )
        self._recorder.record_failure(view)

    @staticmethod
    def _view(
        state: FlowState, flow: http.HTTPFlow, status: int, outcome: Outcome, inspected: pipeline.Inspected
    ) -> View:
        return View(
            state.request_id,
            state.identity,
            state.decision.route,
            flow.request.method,
            status,
            outcome,
            state.generation.rules.version,
            time.monotonic() - state.started,
            records=inspected.records,
            masked=inspected.masked,
            revealed=inspected.revealed,
            justification=state.justification,
            break_glass_reason=state.break_glass if inspected.break_glass else None,
        )


def _tokens(values: list[str]) -> list[str]:
    """The comma-separated tokens of a header's values (`Connection`, `Transfer-Encoding`)."""
    return [t.strip() for v in values for t in v.split(",") if t.strip()]


def _drop_transfer_codings(request: http.Request) -> None:
    """Ask for no transfer coding but chunked: `TE: gzip` would have the CRM compress a body
    below the layer mitmproxy decodes (it is withheld then, but nobody should ask for it)."""
    request.headers.pop("te", None)
    kept = [t for t in _tokens(request.headers.get_all("connection")) if t.lower() != "te"]
    if kept:
        request.headers["connection"] = ", ".join(kept)
    else:
        request.headers.pop("connection", None)


async def _with_agent_text_masked(state: FlowState) -> FlowState:
    """The state with personal data in the agent's justification and break-glass reason replaced
    by its entity (`<CREDIT_CARD>`): a reason like "T-1 jane.doe@example.com" is audited as
    "T-1 <EMAIL_ADDRESS>"."""
    typed = {
        name: text for name in ("justification", "break_glass") if (text := getattr(state, name)) is not None
    }
    if not typed:
        return state
    found = await state.generation.detector.detect([Item(text) for text in typed.values()])
    masked = {name: _replaced(text, spans) for (name, text), spans in zip(typed.items(), found, strict=True)}
    return replace(state, justification=masked.get("justification"), break_glass=masked.get("break_glass"))


def _replaced(text: str, spans: Sequence[Span]) -> str:
    """`text` with each span (the longest where they overlap) replaced by `<ENTITY>`."""
    for span in reversed(non_overlapping(spans, lambda _: True)):
        text = f"{text[: span.start]}<{span.entity}>{text[span.end :]}"
    return text


def _agent_text(values: list[str] | None) -> str | None:
    """A reason typed by the agent: one header value, printable, bounded (it goes to the audit)."""
    if not values or len(values) != 1:
        return None
    text = "".join(ch for ch in values[0] if ch.isprintable()).strip()[:_MAX_AGENT_TEXT]
    return text or None


def _carries_body(request: http.Request) -> bool:
    lengths = request.headers.get_all("content-length")
    return "transfer-encoding" in request.headers or any(v.strip() not in ("", "0") for v in lengths)


def _reason_phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


# What mitmproxy's error message says happened, as a reason for the audit and the metrics (the
# agent sees `upstream_error`, or `bad_request` for its own request): first match wins, in order.
_UPSTREAM_FAILURES = (
    ("request trailers", "request_trailers"),  # the agent's request, not the CRM (server.py)
    ("from client", "bad_request"),  # a request mitmproxy refuses (smuggling): the agent's too
    ("scrim upstream timeout", "upstream_timeout"),
    ("client disconnected", "client_closed"),
    ("killed", "connection_killed"),
    ("protocol error", "upstream_protocol_error"),
    ("reset", "upstream_closed"),
    ("closed", "upstream_closed"),
    ("disconnect", "upstream_closed"),
    ("connect", "upstream_unreachable"),
)
_AGENT_FAILURES = frozenset({"request_trailers", "bad_request"})  # answered 400, not 502
UPSTREAM_FAILURE_REASONS = frozenset({"upstream_error", *(reason for _, reason in _UPSTREAM_FAILURES)})


def upstream_failure(message: str) -> str:
    """A fixed reason for mitmproxy's error message (which may quote upstream bytes: never kept)."""
    lowered = message.lower()
    return next((reason for words, reason in _UPSTREAM_FAILURES if words in lowered), "upstream_error")


def _check_request_form(request: http.Request) -> None:
    """Raise Withheld for a request whose form alone is refused, before anything else is read."""
    if not request.path.startswith("/"):
        # HTTP/2 passes `:path` as sent: `http://other.example/…` or `*` would reach the CRM
        # as the request target, past the origin form `_admit` enforces.
        raise Withheld("bad_request_target", 400)
    if policy.ambiguous_path(request.path):
        raise Withheld("ambiguous_path", 400)  # the CRM could route it elsewhere than we do
    if request.method.upper() not in _METHODS:
        raise Withheld("method_not_allowed", 405)
    if _oversized(request.headers):
        raise Withheld("request_headers_too_large", 431)
    if any(b"\r" in value or b"\n" in value for _, value in request.headers.fields):
        # A folded line (obs-fold) hides a header inside another; mitmproxy keeps it as sent.
        raise Withheld("malformed_header", 400)


def _oversized(headers: http.Headers) -> bool:
    fields = headers.fields
    return len(fields) > _MAX_HEADERS or sum(len(k) + len(v) for k, v in fields) > _MAX_HEADER_BYTES


@dataclass(slots=True)
class _AgentShare:
    slots: asyncio.Semaphore
    users: int = 0  # holding or waiting for a slot


def _compressed(response: http.Response) -> bool:
    return any(t.lower() != "identity" for t in _tokens(response.headers.get_all("content-encoding")))


def _close_delimited(response: http.Response) -> bool:
    """Whether a response's body ends only where its connection does (no length, no chunks)."""
    headers = response.headers
    return response.http_version.startswith("HTTP/1") and not (
        "content-length" in headers or "transfer-encoding" in headers
    )


class _ResetNoting:
    """An upstream connection's reader that notes, before mitmproxy reads it as a close, that the
    connection ended in an error."""

    def __init__(
        self,
        reader: asyncio.StreamReader,
        server: connection.Server,
        reset: weakref.WeakSet[connection.Server],
    ) -> None:
        self._reader = reader
        self._server = server
        self._reset = reset

    async def read(self, n: int = -1) -> bytes:
        try:
            return await self._reader.read(n)
        except OSError:
            self._reset.add(self._server)
            raise


_MULTIPART_NAME = re.compile(rb'name="([^"]*)"', re.IGNORECASE)


def _overrides_method(request: http.Request, body: bytes) -> bool:
    """Whether a POST carries a `_method` parameter (in its query, form, multipart form or JSON),
    which Rails, Laravel and Symfony apps serve as that method (a GET of a customer), while Scrim
    classifies it by the POST: past the route's record rules and quotas. Names are read as those
    frameworks read them: percent-decoded, `;` a separator too (Rack), `.` and blanks as `_` (PHP)."""
    if request.method != "POST":
        return False
    names = list(request.query.keys())
    kind = (request.headers.get("content-type") or "").lower()
    if "json" in kind:
        with contextlib.suppress(orjson.JSONDecodeError):
            tree = orjson.loads(body)
            names += list(tree) if isinstance(tree, dict) else []
    elif "multipart/" in kind:
        names += [name.decode("latin-1") for name in _MULTIPART_NAME.findall(body)]
    else:
        form = body.decode("latin-1").replace(";", "&")
        names += [name for name, _ in urllib.parse.parse_qsl(form, keep_blank_values=True)]
    return any(name.strip().lower().replace(".", "_").replace(" ", "_") == "_method" for name in names)


def _end_connections(flow: http.HTTPFlow) -> None:
    """After a refused response, close its upstream connection, and the agent's over HTTP/1: what
    the CRM sent may not be all it sends (the final answer after a 1xx that mitmproxy takes for
    the whole response, a body past its length), and must never be read as a later answer."""
    if flow.response is not None and flow.request.http_version.startswith("HTTP/1"):
        flow.response.headers["Connection"] = "close"
    if flow.server_conn.alpn == b"h2":
        return  # HTTP/2 frames its streams: nothing of one can be read as another's answer
    try:
        transport = _transport(flow.client_conn, flow.server_conn)
        if transport is not None and transport.handler is not None:
            transport.handler.cancel("scrim refused the response")
    except Exception as err:  # after the hook's guard: the refusal stands, the hook must not raise
        log.error("closing a refused response's upstream connection failed: %s", type(err).__name__)


def _transport(client: connection.Client, server: connection.Server) -> Any:
    """mitmproxy's reader, writer and task of one upstream connection, or None."""
    proxyserver = ctx.master.addons.get("proxyserver") if ctx.master else None
    handler = proxyserver.connections.get(client.id) if proxyserver is not None else None
    return handler.transports.get(server) if handler is not None else None


def _cut_upstream(flow: http.HTTPFlow) -> None:
    """Close a flow's upstream connection if its response has not fully arrived."""
    if not flow.live or (flow.response is not None and flow.response.timestamp_end is not None):
        return
    transport = _transport(flow.client_conn, flow.server_conn)
    if transport is not None and transport.handler is not None:
        log.warning("upstream silent for too long; cutting it (flow %s)", flow.id)
        # A body read until the connection closes ends here as if complete: what has arrived is a
        # prefix (a card's first 14 digits), which must not be taken for the response.
        flow.metadata[_UPSTREAM_CUT] = True
        transport.handler.cancel("scrim upstream timeout")


def _classify_failure(err: Exception) -> tuple[int, str]:
    if isinstance(err, Withheld):
        return err.status, err.reason
    if isinstance(err, TimeoutError):
        timeout = DetectionTimeout()
        return timeout.status, timeout.reason
    return 502, "internal_error"
