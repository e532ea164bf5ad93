"""Fixtures for the end-to-end suite: real `scrim serve` processes in front of real upstreams.

Two setups share the session: the scripted upstream (`upstream`, with `scrim` in front) and the
demo CRM seeded into a temporary database (`crm`, with `crm_scrim` in front). Both proxies run the
real spaCy model in one detector worker and take a few seconds to start, so they are started once
and shared; tests script the upstream on paths of their own (`upstream.unique_path()`).
"""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import orjson
import pytest

from proxy.demo.crm import make_server
from proxy.demo.seed import seed
from proxy.identity import mint_dev_token

from .upstream import Upstream

REPO = Path(__file__).resolve().parents[2]
SCRIM = Path(sys.executable).parent / "scrim"
RULES = REPO / "rules"
JWT_SECRET = "e2e-jwt-secret-" + "0123456789abcdef" * 4  # 64+ bytes: long enough for HS512 too
TOKEN_KEY = "e2e-token-key-0123456789abcdef-0123456789abcdef"
DEADLINE_SECONDS = 3.0
MAX_BODY_BYTES = 1024 * 1024
READY_TIMEOUT = 120.0
CRM_CUSTOMERS = 60
CRM_TICKETS = 120

# Planted in every scripted body that must never reach the agent: an e-mail and a Luhn-valid card.
CANARY_EMAIL = "leak.canary@example.com"
CANARY_CARD = "4539 1488 0343 6467"
CANARY_MARKERS = (CANARY_EMAIL, "leak.canary", CANARY_CARD, CANARY_CARD.replace(" ", ""), "0343 6467")


# -- plain HTTP helpers ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Reply:
    """A response as received on the wire: raw body (never decoded), headers with case and dups."""

    status: int
    reason: str
    headers: tuple[tuple[str, str], ...]
    body: bytes
    seconds: float

    def header(self, name: str) -> str | None:
        values = self.header_all(name)
        return values[0] if values else None

    def header_all(self, name: str) -> list[str]:
        return [v for k, v in self.headers if k.lower() == name.lower()]

    def json(self) -> Any:
        return orjson.loads(self.body)

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    def everything(self) -> bytes:
        """Status, headers and body as one blob, for "must not appear anywhere" assertions."""
        head = "\r\n".join(f"{k}: {v}" for k, v in self.headers)
        line = f"{self.status} {self.reason}"
        return f"{line}\r\n{head}\r\n\r\n".encode("latin-1", errors="replace") + self.body


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def http_request(
    port: int,
    method: str,
    path: str,
    headers: Sequence[tuple[str, str]] = (),
    body: bytes | None = None,
    timeout: float = 30.0,
) -> Reply:
    """One request on a fresh connection. Headers go out exactly as given (duplicates too)."""
    started = time.monotonic()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.putrequest(method, path, skip_accept_encoding=True)
        names = {k.lower() for k, _ in headers}
        for name, value in headers:
            conn.putheader(name, value)
        if "connection" not in names:
            conn.putheader("Connection", "close")
        if body is not None and "content-length" not in names:
            conn.putheader("Content-Length", str(len(body)))
        conn.endheaders(body)
        response = conn.getresponse()
        data = response.read()
        return Reply(
            response.status, response.reason, tuple(response.getheaders()), data, time.monotonic() - started
        )
    finally:
        conn.close()


def raw_request(port: int, data: bytes, timeout: float = 30.0) -> Reply:
    """Send `data` as is over a socket (header case and duplicates matter), parse the response."""
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(data)
        response = http.client.HTTPResponse(sock, method=data.split(b" ", 1)[0].decode())
        try:
            response.begin()
            body = response.read()
        finally:
            response.close()
    return Reply(
        response.status, response.reason, tuple(response.getheaders()), body, time.monotonic() - started
    )


def token(role: str, agent: str | None = None, ttl: int = 3600) -> str:
    """A valid HS256 token for `role` (tier1, tier2, fraud, or a role the rules do not know)."""
    return mint_dev_token(JWT_SECRET.encode(), agent or f"agent-{role}", role, ttl, None, None)


def bearer(role: str, agent: str | None = None) -> tuple[str, str]:
    return ("Authorization", f"Bearer {token(role, agent)}")


# -- assertions shared by several modules ----------------------------------------------------------


def assert_scrim_error(
    reply: Reply, statuses: Sequence[int] = (502, 503, 504), reason: str | None = None
) -> dict[str, Any]:
    """Scrim's own JSON error: fixed shape, never cached, never mitmproxy's page."""
    assert reply.status in statuses, (reply.status, reply.body[:300])
    assert reply.header("content-type") == "application/json", reply.headers
    assert reply.header("cache-control") == "no-store", reply.headers
    assert b"mitmproxy" not in reply.everything().lower()
    payload = reply.json()
    assert isinstance(payload, dict)
    assert set(payload) == {"error", "reason", "request_id"}, payload
    assert isinstance(payload["reason"], str) and payload["reason"]
    if reason is not None:
        assert payload["reason"] == reason, payload
    return payload


def assert_no_canary(reply: Reply) -> None:
    blob = reply.everything()
    for marker in CANARY_MARKERS:
        assert marker.encode() not in blob, f"{marker!r} leaked: {blob[:400]!r}"


# -- scrim processes -------------------------------------------------------------------------------


def scrim_env(**overrides: str | None) -> dict[str, str]:
    """The environment `scrim serve` gets: ours minus any SCRIM_*, plus the test secrets."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SCRIM_")}
    env["SCRIM_JWT_SECRET"] = JWT_SECRET
    env["SCRIM_TOKEN_KEY"] = TOKEN_KEY
    for key, value in overrides.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


_SAMPLE = re.compile(r"^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)$")
_LABEL = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"')


def parse_metrics(text: str) -> list[tuple[str, dict[str, str], float]]:
    samples = []
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        match = _SAMPLE.match(line)
        if match:
            labels = dict(_LABEL.findall(match.group(2) or ""))
            samples.append((match.group(1), labels, float(match.group(3))))
    return samples


def stop_process(proc: subprocess.Popen[bytes]) -> None:
    """SIGTERM, then SIGKILL if it has not exited within 15 s."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(15)


class ScrimProcess:
    """`scrim serve` as a child process, with its output in files (never pipes: no deadlocks)."""

    def __init__(
        self,
        workdir: Path,
        upstream: str,
        rules: Path = RULES,
        args: Sequence[str] = (),
        env: Mapping[str, str] | None = None,
        workers: int = 1,
    ) -> None:
        self.workdir = workdir
        self.port = free_port()
        self.metrics_port = free_port()
        self.rules = rules
        self.audit_log = workdir / "audit.jsonl"
        self.stdout_path = workdir / "scrim.stdout"
        self.stderr_path = workdir / "scrim.stderr"
        self.command = [
            str(SCRIM), "serve",
            "--upstream", upstream,
            "--listen", f"127.0.0.1:{self.port}",
            "--metrics-listen", f"127.0.0.1:{self.metrics_port}",
            "--rules", str(rules),
            "--audit-log", str(self.audit_log),
            "--workers", str(workers),
            "--deadline", str(DEADLINE_SECONDS),
            "--upstream-timeout", str(DEADLINE_SECONDS * 2),
            *args,
        ]  # fmt: skip
        self._out: IO[bytes] = self.stdout_path.open("wb")
        self._err: IO[bytes] = self.stderr_path.open("wb")
        self.proc = subprocess.Popen(
            self.command,
            stdin=subprocess.DEVNULL,
            stdout=self._out,
            stderr=self._err,
            env=dict(env) if env is not None else scrim_env(),
            cwd=workdir,
        )

    def stderr(self) -> str:
        return self.stderr_path.read_text(encoding="utf-8", errors="replace")

    def wait_ready(self, timeout: float = READY_TIMEOUT) -> ScrimProcess:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                pytest.fail(f"scrim exited with {self.proc.returncode} before ready:\n{self.stderr()}")
            with contextlib.suppress(OSError, http.client.HTTPException):
                if http_request(self.metrics_port, "GET", "/readyz", timeout=2).status == 200:
                    return self
            time.sleep(0.2)
        self.stop()
        pytest.fail(f"scrim not ready within {timeout:.0f}s:\n{self.stderr()}")

    def wait_exit(self, timeout: float) -> int | None:
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            return None

    def stop(self) -> None:
        stop_process(self.proc)
        self._out.close()
        self._err.close()

    # -- traffic ---------------------------------------------------------------------------------

    def request(
        self,
        method: str,
        path: str,
        role: str | None = "tier1",
        agent: str | None = None,
        headers: Sequence[tuple[str, str]] = (),
        body: bytes | None = None,
        timeout: float = 30.0,
    ) -> Reply:
        sent = [bearer(role, agent)] if role is not None else []
        return http_request(self.port, method, path, [*sent, *headers], body, timeout)

    def get(
        self,
        path: str,
        role: str | None = "tier1",
        agent: str | None = None,
        headers: Sequence[tuple[str, str]] = (),
        timeout: float = 30.0,
    ) -> Reply:
        return self.request("GET", path, role, agent, headers, None, timeout)

    def raw(self, data: bytes, timeout: float = 30.0) -> Reply:
        return raw_request(self.port, data, timeout)

    # -- telemetry -------------------------------------------------------------------------------

    def metrics_text(self) -> str:
        reply = http_request(self.metrics_port, "GET", "/metrics", timeout=10)
        assert reply.status == 200
        return reply.text

    def metric(self, name: str, **labels: str) -> float:
        """Sum of the samples of `name` whose labels include `labels` (0 when there are none)."""
        return sum(
            value
            for sample, got, value in parse_metrics(self.metrics_text())
            if sample == name and all(got.get(k) == v for k, v in labels.items())
        )

    def audit_lines(self) -> list[dict[str, Any]]:
        if not self.audit_log.exists():
            return []
        return [orjson.loads(line) for line in self.audit_log.read_bytes().splitlines() if line.strip()]


@contextlib.contextmanager
def running_scrim(
    workdir: Path,
    upstream: str,
    rules: Path = RULES,
    args: Sequence[str] = (),
    workers: int = 1,
    env: Mapping[str, str] | None = None,
) -> Iterator[ScrimProcess]:
    process = ScrimProcess(workdir, upstream, rules, args, env, workers)
    try:
        yield process.wait_ready()
    finally:
        process.stop()


def copy_rules(destination: Path) -> Path:
    """A private copy of the shipped rules, for tests that edit them."""
    shutil.copytree(RULES, destination)
    return destination


# -- the demo CRM ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Crm:
    """The demo CRM served in a thread; read it directly for the oracle."""

    url: str
    port: int
    db: Path

    def get(self, path: str, headers: Sequence[tuple[str, str]] = ()) -> Reply:
        return http_request(self.port, "GET", path, headers)

    def get_json(self, path: str) -> Any:
        reply = self.get(path)
        assert reply.status == 200, reply.body[:200]
        return reply.json()

    def user(self, user_id: int) -> dict[str, Any]:
        user: dict[str, Any] = self.get_json(f"/api/v2/users/{user_id}")["user"]
        return user


# -- fixtures --------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def upstream() -> Iterator[Upstream]:
    server = Upstream().start()
    try:
        yield server
    finally:
        server.close()


@pytest.fixture(scope="session")
def scrim(upstream: Upstream, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ScrimProcess]:
    """Scrim in front of the scripted upstream, shipped rules, 1 MB body cap."""
    workdir = tmp_path_factory.mktemp("scrim-fixture")
    with running_scrim(workdir, upstream.url, args=["--max-body-bytes", str(MAX_BODY_BYTES)]) as process:
        yield process


@pytest.fixture(scope="session")
def crm(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Crm]:
    db = tmp_path_factory.mktemp("crm") / "crm.sqlite"
    seed(db, customers=CRM_CUSTOMERS, tickets=CRM_TICKETS)
    server = make_server("127.0.0.1", 0, db, api_key=None)
    thread = threading.Thread(target=server.serve_forever, name="e2e-crm", daemon=True)
    thread.start()
    port = int(server.server_address[1])
    try:
        yield Crm(f"http://127.0.0.1:{port}", port, db)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def crm_scrim(crm: Crm, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ScrimProcess]:
    """Scrim in front of the demo CRM, shipped rules."""
    with running_scrim(tmp_path_factory.mktemp("scrim-crm"), crm.url) as process:
        yield process
