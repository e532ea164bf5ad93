"""`make bench`: wrk against bare mitmproxy and against Scrim, same upstream, same run.

For each body size (~2 KB, ~20 KB, ~200 KB of Zendesk-like user JSON) it runs
- a throughput run (wrk -t2 -c16; -c4 for 200 KB) against the upstream directly (reference), bare
  mitmdump (default eager connection strategy), Scrim, and bare mitmdump with the lazy strategy
  (what Scrim runs with), alternating bare and Scrim;
- a light-load run (wrk -t1 -c1) against the same three proxies, for the latency Scrim adds.

Throughput runs' requests rotate over `--agents` agents (8: a support floor); light-load runs are
one agent. Scrim holds one agent to `workers - 1` workers at a time, so `--agents 1` measures that
share as well.

Requests rotate through the upstream's pre-built body variants (tests/bench/rotate.lua), continuing
where the previous run of that size stopped, so Scrim's per-string detection cache stays cold
unless the runs wrap around: for each Scrim run the table reports `fresh`, the share of its variant
window that had never been requested through Scrim before (100% = cold cache for those bodies).

Before measuring it checks that Scrim masks (no raw card number of the variant in its body) and that
bare mitmproxy passes bodies byte-identical. A wrk run with non-2xx responses or socket errors is
printed with wrk's own line and marked INVALID. Results go to stdout and var/bench/latest.json.

Scrim runs with `--deadline 30` (`--scrim-deadline`; its own default is 5 s): at -c16 (20 KB) and
-c4 (200 KB) the queue in front of its one detector worker (2 cores) is longer than 5 s. With 5 s,
responses are withheld (504) and a deadline that fires while the worker is busy leaves the pool
with no idle worker, so every later request is 504 too; the bench detects that (no 200 within
deadline + 15 s after a run), marks the run INVALID, restarts Scrim and, for throughput runs with
non-2xx answers, re-runs Scrim at `--fallback-connections` (2).

`--profile` adds one extra (unmeasured) Scrim run under py-spy, if py-spy is installed, and prints
the hottest frames of the proxy process and of the detector workers.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import datetime as dt
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from types import FrameType
from typing import IO, Any

from proxy.identity import mint_dev_token
from tests.bench.upstream import SIZES, USERS_PATH

ROOT = Path(__file__).resolve().parents[2]
BENCH_DIR = Path(__file__).resolve().parent
VENV_BIN = Path(sys.executable).parent
LUA = BENCH_DIR / "rotate.lua"
OUT = ROOT / "var" / "bench" / "latest.json"

AGENT, ROLE = "agent-bench", "tier1"
TARGETS_THROUGHPUT = ("bare", "scrim", "bare-lazy")
TARGETS_LIGHT = ("bare-lazy", "scrim", "bare")
_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


class BenchError(Exception):
    """The benchmark could not run (a process did not start, a sanity check failed)."""


class ScrimWedged(BenchError):
    """Scrim stopped answering 200 after a run (e.g. its detector pool lost its worker)."""


# ---------------------------------------------------------------- processes


@dataclass
class Service:
    name: str
    argv: list[str]
    env: dict[str, str] | None
    process: subprocess.Popen[bytes]
    log_path: Path
    log: IO[bytes]

    def tail(self, lines: int = 15) -> str:
        self.log.flush()
        text = self.log_path.read_text(errors="replace").splitlines()
        return "\n".join(text[-lines:])


class Services:
    """Every long-running process the benchmark starts, each in its own process group.

    `stop()` signals each group by the id of the process we started (so Scrim's detector workers
    go too), escalates to SIGKILL, and is safe to call twice.
    """

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.running: dict[str, Service] = {}

    def start(self, name: str, argv: Sequence[str], env: dict[str, str] | None = None) -> Service:
        log_path = self.workdir / f"{name}.log"
        log = log_path.open("ab")
        process = subprocess.Popen(
            list(argv),
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        service = Service(name, list(argv), env, process, log_path, log)
        self.running[name] = service
        return service

    def restart(self, name: str) -> Service:
        old = self.running.pop(name)
        self._stop([old])
        return self.start(name, old.argv, old.env)

    def stop(self) -> None:
        self._stop(list(self.running.values()))
        self.running.clear()

    @staticmethod
    def _stop(services: list[Service]) -> None:
        for service in services:
            _signal_group(service.process, signal.SIGTERM)
        deadline = time.monotonic() + 5.0
        for service in services:
            with contextlib.suppress(subprocess.TimeoutExpired):
                service.process.wait(timeout=max(0.1, deadline - time.monotonic()))
        for service in services:
            _signal_group(service.process, signal.SIGKILL)  # stragglers: workers, resource tracker
            with contextlib.suppress(subprocess.TimeoutExpired):
                service.process.wait(timeout=2.0)
            service.log.close()


def _signal_group(process: subprocess.Popen[bytes], sig: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, sig)  # start_new_session: the group id is the child's pid


def _raise_on_signal(signum: int, frame: FrameType | None) -> None:
    del frame
    raise KeyboardInterrupt(f"signal {signum}")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def http_get(url: str, headers: dict[str, str] | None = None, timeout: float = 30.0) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return int(response.status), bytes(response.read())
    except urllib.error.HTTPError as err:
        return int(err.code), err.read()


def wait_until_ok(service: Service, url: str, timeout: float, headers: dict[str, str] | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if service.process.poll() is not None:
            raise BenchError(f"{service.name} exited with {service.process.returncode}:\n{service.tail()}")
        with contextlib.suppress(OSError):
            status, _ = http_get(url, headers, timeout=2.0)
            if status == 200:
                return
        time.sleep(0.2)
    raise BenchError(f"{service.name} not ready after {timeout:.0f}s ({url}):\n{service.tail()}")


# ---------------------------------------------------------------- wrk


@dataclass
class WrkResult:
    target: str
    size: str
    mode: str  # "throughput" | "light"
    threads: int
    connections: int
    duration_s: float
    requests: int = 0
    rps: float = 0.0
    p50_ms: float | None = None
    p75_ms: float | None = None
    p90_ms: float | None = None
    p99_ms: float | None = None
    non_2xx: int = 0
    socket_errors: dict[str, int] = field(default_factory=dict)
    variant_passes: float = 0.0
    scrim_fresh: float | None = None  # share of this run's variants not requested through Scrim before
    scrim_withheld: dict[str, int] = field(default_factory=dict)
    drain_s: float = 0.0
    problems: list[str] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.problems


def _ms(value: str, unit: str) -> float:
    return float(value) * _UNITS_MS[unit]


def parse_wrk(text: str, result: WrkResult) -> None:
    """Fill `result` from wrk's --latency output; anything suspicious goes to `result.problems`."""
    if m := re.search(r"Requests/sec:\s+([\d.]+)", text):
        result.rps = float(m.group(1))
    if m := re.search(r"(\d+) requests in", text):
        result.requests = int(m.group(1))
    for pct in ("50", "75", "90", "99"):
        if m := re.search(rf"^\s+{pct}(?:\.000)?%\s+([\d.]+)(us|ms|s|m|h)\s*$", text, re.MULTILINE):
            setattr(result, f"p{pct}_ms", _ms(m.group(1), m.group(2)))
    if m := re.search(r"^\s*Non-2xx or 3xx responses:\s*(\d+)\s*$", text, re.MULTILINE):
        result.non_2xx = int(m.group(1))
        result.problems.append(m.group(0).strip())
    if m := re.search(r"^\s*Socket errors:.*$", text, re.MULTILINE):
        result.socket_errors = {k: int(v) for k, v in re.findall(r"(\w+) (\d+)", m.group(0))}
        if any(result.socket_errors.values()):
            result.problems.append(m.group(0).strip())
    if result.requests == 0:
        result.problems.append("no completed requests")
    elif result.p50_ms is None:
        result.problems.append("no latency distribution in wrk output")


def run_wrk(
    url: str,
    *,
    target: str,
    size: str,
    mode: str,
    threads: int,
    connections: int,
    duration: float,
    variants: int,
    start: int,
    tokens: Sequence[str],
) -> WrkResult:
    """`tokens`: one per agent; requests go to them in turn (rotate.lua)."""
    result = WrkResult(target, size, mode, threads, connections, duration)
    argv = [
        "wrk", f"-t{threads}", f"-c{connections}", f"-d{duration:g}s", "--latency", "--timeout", "30s",
        "-s", str(LUA), url, "--", size, str(variants), str(start), str(threads), *tokens,
    ]  # fmt: skip
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=duration + 45, check=False)
    except subprocess.TimeoutExpired:
        result.problems.append("wrk did not finish in time")
        return result
    if done.returncode != 0:
        result.problems.append(f"wrk exited {done.returncode}: {done.stderr.strip()[:300]}")
        return result
    parse_wrk(done.stdout, result)
    result.variant_passes = result.requests / variants if variants else 0.0
    return result


# ---------------------------------------------------------------- the benchmark


@dataclass
class Setup:
    upstream: str
    proxies: dict[str, str]  # target name → base URL
    metrics: str
    tokens: list[str]  # one per bench agent; the first is the one light-load runs use
    services: Services
    variants: dict[str, int]
    scrim_pid: int = 0
    drain_timeout: float = 30.0


@dataclass
class SizeReport:
    size: str
    users: int
    variants: int
    body_bytes: int
    masked_bytes: int
    sanity: list[str] = field(default_factory=list)
    scrim_single_cold_ms: float = 0.0
    scrim_single_warm_ms: float = 0.0
    throughput: dict[str, WrkResult] = field(default_factory=dict)
    light: dict[str, WrkResult] = field(default_factory=dict)


def bench_rules(workdir: Path) -> Path:
    """The shipped rules without quotas: one bench agent viewing thousands of customers would
    otherwise (rightly) be stopped by its quota and measure Scrim's 429s instead of its masking."""
    target = workdir / "rules"
    shutil.copytree(ROOT / "rules", target)
    policy = target / "policy.yaml"
    policy.write_text(
        re.sub(r"(?m)^    quota: .*\n", "", policy.read_text(encoding="utf-8")), encoding="utf-8"
    )
    return target


def start_everything(args: argparse.Namespace, workdir: Path, services: Services) -> Setup:
    up_port, scrim_port, metrics_port = free_port(), free_port(), free_port()
    bare_port, lazy_port = free_port(), free_port()
    upstream = f"http://127.0.0.1:{up_port}"
    secret = secrets.token_hex(32)
    env = {k: v for k, v in os.environ.items() if not k.startswith("SCRIM_")}
    env.update(SCRIM_JWT_SECRET=secret, SCRIM_TOKEN_KEY=secrets.token_hex(32), PYTHONUNBUFFERED="1")

    # Scrim first: loading the NER model in its workers is the slowest start.
    scrim = services.start(
        "scrim",
        [
            str(VENV_BIN / "scrim"), "serve", "--upstream", upstream,
            "--listen", f"127.0.0.1:{scrim_port}", "--metrics-listen", f"127.0.0.1:{metrics_port}",
            "--rules", str(bench_rules(workdir)), "--audit-log", str(workdir / "audit.jsonl"),
            "--deadline", f"{args.scrim_deadline:g}",
        ],
        env,
    )  # fmt: skip
    variant_flags = [f"--variants-{name}={count}" for name, count in args.variants.items()]
    up = services.start(
        "upstream",
        [
            sys.executable,
            "-m",
            "tests.bench.upstream",
            "--port",
            str(up_port),
            "--seed",
            str(args.seed),
            *variant_flags,
        ],
    )
    mitmdump = str(VENV_BIN / "mitmdump")
    bare = services.start("bare", [mitmdump, "--mode", f"reverse:{upstream}@127.0.0.1:{bare_port}", "-q"])
    lazy = services.start(
        "bare-lazy",
        [mitmdump, "--mode", f"reverse:{upstream}@127.0.0.1:{lazy_port}", "-q",
         "--set", "connection_strategy=lazy"],
    )  # fmt: skip
    wait_until_ok(up, f"{upstream}/healthz", 60)
    wait_until_ok(bare, f"http://127.0.0.1:{bare_port}/healthz", 30)
    wait_until_ok(lazy, f"http://127.0.0.1:{lazy_port}/healthz", 30)
    wait_until_ok(scrim, f"http://127.0.0.1:{metrics_port}/readyz", 180)
    tokens = [
        mint_dev_token(secret.encode(), f"{AGENT}-{n}", ROLE, 3600, None, None) for n in range(args.agents)
    ]
    return Setup(
        upstream=upstream,
        proxies={
            "bare": f"http://127.0.0.1:{bare_port}",
            "bare-lazy": f"http://127.0.0.1:{lazy_port}",
            "scrim": f"http://127.0.0.1:{scrim_port}",
        },
        metrics=f"http://127.0.0.1:{metrics_port}",
        tokens=tokens,
        services=services,
        variants=dict(args.variants),
        scrim_pid=scrim.process.pid,
        drain_timeout=args.scrim_deadline + 15.0,
    )


def _card_forms(card: str) -> tuple[str, str, str]:
    """A card number as the upstream writes it: plain, in groups of four, dashed."""
    groups = [card[i : i + 4] for i in range(0, len(card), 4)]
    return card, " ".join(groups), "-".join(groups)


def _cards(body: bytes) -> list[str]:
    doc = json.loads(body)
    return [str(u["card_number"]) for u in doc["users"]]


def sanity(setup: Setup, size: str, variant: int) -> tuple[list[str], int, int, float, float]:
    """Scrim masks and bare mitmproxy passes through. Raises BenchError; returns notes and timings."""
    auth = {"Authorization": f"Bearer {setup.tokens[0]}"}
    path = f"{USERS_PATH}?size={size}&v={variant}"
    status, original = http_get(setup.upstream + path)
    if status != 200:
        raise BenchError(f"upstream {path}: HTTP {status}")
    notes: list[str] = []
    for target in ("bare", "bare-lazy"):
        status, body = http_get(setup.proxies[target] + path, auth)
        if status != 200 or body != original:
            raise BenchError(f"{target} {path}: HTTP {status}, body identical: {body == original}")
    t0 = time.perf_counter()
    status, masked = http_get(setup.proxies["scrim"] + path, auth, timeout=60)
    cold_ms = (time.perf_counter() - t0) * 1000
    if status != 200:
        raise BenchError(f"scrim {path}: HTTP {status}: {masked[:200]!r}")
    t0 = time.perf_counter()
    status, again = http_get(setup.proxies["scrim"] + path, auth, timeout=60)
    warm_ms = (time.perf_counter() - t0) * 1000
    if status != 200 or again != masked:
        raise BenchError(f"scrim {path} (repeat): HTTP {status}, same body: {again == masked}")
    cards = _cards(original)
    text = masked.decode()
    leaked = [c for c in cards if any(form in text for form in _card_forms(c))]
    if leaked:
        raise BenchError(f"scrim {path}: raw card numbers in the masked body: {leaked[:3]}")
    shown = _cards(masked)[0]
    notes.append(f"v={variant}: {len(cards)} card numbers masked (e.g. {cards[0]} -> {shown})")
    return notes, len(original), len(masked), cold_ms, warm_ms


def _sent_span(result: WrkResult) -> int:
    """How far a run advanced through the variants: thread i sends start+i, start+i+n, … so the
    window is the total sent (requests in flight when wrk stopped were sent, and inspected and
    cached by Scrim, too), plus a margin for threads that sent more than their share."""
    return int(1.25 * (result.requests + result.connections)) + result.threads


def _fresh(start: int, span: int, variants: int) -> float:
    """Share of the window [start, start+span) below `variants` (never requested before: offsets
    only grow, and a window past `variants` wraps around to bodies Scrim has already seen)."""
    return max(0, min(span, variants - start)) / span if span else 1.0


def scrim_withheld(setup: Setup) -> dict[str, int]:
    """Scrim's scrim_withheld_total counters by reason (to explain non-2xx responses)."""
    with contextlib.suppress(OSError):
        status, text = http_get(f"{setup.metrics}/metrics", timeout=5.0)
        if status == 200:
            found = re.findall(r'^scrim_withheld_total\{reason="([^"]+)"\} ([\d.e+]+)$', text.decode(), re.M)
            return {reason: int(float(value)) for reason, value in found}
    return {}


def drain_scrim(setup: Setup, timeout: float) -> float:
    """Wait until Scrim has worked off requests queued by a finished run (wrk hangs up, Scrim does
    not stop inspecting): a cheap probe must come back 200 within 0.5 s. Returns seconds waited."""
    started = time.monotonic()
    path = f"{USERS_PATH}?size=2k&v={setup.variants['2k'] - 1}"
    auth = {"Authorization": f"Bearer {setup.tokens[0]}"}
    while time.monotonic() - started < timeout:
        t0 = time.monotonic()
        with contextlib.suppress(OSError):
            status, _ = http_get(setup.proxies["scrim"] + path, auth, timeout=10.0)
            if status == 200 and time.monotonic() - t0 < 0.5:
                return time.monotonic() - started
        time.sleep(0.2)
    raise ScrimWedged(f"no 200 from scrim within {timeout:.0f}s after a run")


def restart_scrim(setup: Setup) -> None:
    service = setup.services.restart("scrim")
    setup.scrim_pid = service.process.pid
    wait_until_ok(service, f"{setup.metrics}/readyz", 180)


def run_size(setup: Setup, args: argparse.Namespace, size: str, offsets: dict[str, int]) -> SizeReport:
    spec = next(s for s in SIZES if s.name == size)
    variants = setup.variants[size]
    drain_scrim(setup, setup.drain_timeout)
    notes, body_bytes, masked_bytes, cold_ms, warm_ms = sanity(setup, size, offsets[size] % variants)
    offsets[size] += 1
    report = SizeReport(size, spec.users, variants, body_bytes, masked_bytes, notes, cold_ms, warm_ms)
    print(f"\n== {size}: {spec.users} users/body, ~{body_bytes / 1024:.1f} KB, {variants} variants ==")
    print(
        f"   sanity: {notes[0]}; single request through Scrim: cold {cold_ms:.0f} ms, warm {warm_ms:.0f} ms"
    )

    connections = args.connections_200k if size == "200k" else args.connections
    runs: list[tuple[str, str, int, int, float]] = [
        ("throughput", "upstream", 2, connections, args.upstream_duration)
    ]
    runs += [("throughput", t, 2, connections, args.duration) for t in TARGETS_THROUGHPUT]
    runs += [("light", t, 1, 1, args.light_duration) for t in TARGETS_LIGHT]
    while runs:
        mode, target, threads, conns, duration = runs.pop(0)
        if duration <= 0:
            continue
        is_scrim = target.startswith("scrim")
        withheld_before = scrim_withheld(setup) if is_scrim else {}
        base = setup.upstream if target == "upstream" else setup.proxies[target.partition("@")[0]]
        result = run_wrk(
            base, target=target, size=size, mode=mode, threads=threads, connections=conns,
            duration=duration, variants=variants, start=offsets[size],
            tokens=setup.tokens if mode == "throughput" else setup.tokens[:1],
        )  # fmt: skip
        if is_scrim:
            span = _sent_span(result)
            result.scrim_fresh = _fresh(offsets[size], span, variants)
            offsets[size] += span
            try:
                waited = drain_scrim(setup, setup.drain_timeout)  # no backlog during the next run
            except ScrimWedged as err:
                result.problems.append(f"scrim wedged after this run ({err}); restarted it")
                print(f"      scrim wedged ({err}); restarting it", flush=True)
                restart_scrim(setup)
                waited = setup.drain_timeout
            after = scrim_withheld(setup)
            result.scrim_withheld = {
                k: v - withheld_before.get(k, 0) for k, v in after.items() if v > withheld_before.get(k, 0)
            }
            result.drain_s = round(waited, 2)
            fallback = args.fallback_connections
            if mode == "throughput" and result.non_2xx and 0 < fallback < conns and "@" not in target:
                runs.insert(0, (mode, f"scrim@c{fallback}", threads, fallback, duration))
        (report.throughput if mode == "throughput" else report.light)[target] = result
        print(f"   {_line(result)}")
        for problem in result.problems:
            print(f"      INVALID: {problem}")
        if result.scrim_withheld:
            print(
                f"      scrim withheld (504 etc., incl. requests wrk had hung up on): {result.scrim_withheld}"
            )
    return report


# ---------------------------------------------------------------- output


def _f(value: float | None, digits: int = 1) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def _line(r: WrkResult) -> str:
    flag = "" if r.valid else "  INVALID"
    return (
        f"{r.mode:10} {r.target:9} -t{r.threads} -c{r.connections:<2} {r.rps:9.1f} req/s  "
        f"p50 {_f(r.p50_ms, 2):>8} ms  p99 {_f(r.p99_ms, 2):>8} ms  n={r.requests}{flag}"
    )


def _ratio(a: WrkResult | None, b: WrkResult | None) -> float | None:
    if a is None or b is None or not b.rps:
        return None
    return a.rps / b.rps


def _diff(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else a - b


def summarise(reports: list[SizeReport]) -> dict[str, Any]:
    sizes: dict[str, Any] = {}
    for rep in reports:
        t, light = rep.throughput, rep.light
        scrim_l = light.get("scrim")
        sizes[rep.size] = {
            "users_per_body": rep.users,
            "variants": rep.variants,
            "body_bytes": rep.body_bytes,
            "masked_body_bytes": rep.masked_bytes,
            "sanity": rep.sanity,
            "scrim_single_request_ms": {"cold": rep.scrim_single_cold_ms, "warm": rep.scrim_single_warm_ms},
            "throughput": {k: asdict(v) | {"valid": v.valid} for k, v in t.items()},
            "light": {k: asdict(v) | {"valid": v.valid} for k, v in light.items()},
            "rps_ratio": {
                target: {
                    "scrim_over_bare": _ratio(r, t.get("bare")),
                    "scrim_over_bare_lazy": _ratio(r, t.get("bare-lazy")),
                    "valid": r.valid,
                }
                for target, r in t.items()
                if target.startswith("scrim")
            },
            "added_latency_ms": {
                base: {
                    "p50": _diff(scrim_l.p50_ms if scrim_l else None, b.p50_ms),
                    "p99": _diff(scrim_l.p99_ms if scrim_l else None, b.p99_ms),
                    "valid": b.valid and scrim_l is not None and scrim_l.valid,
                }
                for base, b in light.items()
                if base != "scrim"
            },
            "valid": all(r.valid for r in [*t.values(), *light.values()]),
        }
    return sizes


def _pct(run: dict[str, Any] | None) -> str:
    fresh = run.get("scrim_fresh") if run else None
    return f"{'-' if fresh is None else f'{100 * fresh:.0f}%':>5}"


def _yes(ok: bool) -> str:
    return "yes" if ok else "NO"


def table(summary: dict[str, Any]) -> str:
    out: list[str] = []
    head = (
        f"{'size':5} {'target':10} {'conn':>4} {'req/s':>9} {'p50 ms':>9} {'p99 ms':>9} {'fresh':>5} {'ok':>3} "
        f"| {'light p50':>9} {'light p99':>9} {'fresh':>5} {'ok':>3}"
    )
    out += [
        "THROUGHPUT (wrk -t2 -cN) | LIGHT LOAD (wrk -t1 -c1); fresh = share of the run's variants not",
        "requested through Scrim before (cold detection cache)",
        head,
    ]
    out.append("-" * len(head))
    for size, s in summary.items():
        targets = list(dict.fromkeys([*s["throughput"], *s["light"]]))
        for target in targets:
            r, lt = s["throughput"].get(target), s["light"].get(target)
            out.append(
                f"{size:5} {target:10} {r['connections'] if r else '-':>4} {_f(r['rps'] if r else None):>9} "
                f"{_f(r['p50_ms'] if r else None, 2):>9} {_f(r['p99_ms'] if r else None, 2):>9} "
                f"{_pct(r)} {_yes(r['valid']) if r else '-':>3} "
                f"| {_f(lt['p50_ms'] if lt else None, 2):>9} {_f(lt['p99_ms'] if lt else None, 2):>9} "
                f"{_pct(lt)} {_yes(lt['valid']) if lt else '-':>3}"
            )
        out.append("")
    head2 = (
        f"{'size':5} {'body KB':>7} {'scrim run':10} {'scrim/bare':>10} {'scrim/lazy':>10} {'ok':>3} "
        f"| {'+p50 ms':>8} {'+p99 ms':>8} {'ok':>3} | {'1 req cold':>10} {'warm ms':>8}"
    )
    out += [
        "SCRIM vs BARE MITMPROXY: req/s ratio (bare at the same -cN as the scrim row's first run);",
        "added latency = light-load scrim minus bare-lazy; 1 req = one request through Scrim, cold then repeated",
        head2,
        "-" * len(head2),
    ]
    for size, s in summary.items():
        added = s["added_latency_ms"].get("bare-lazy", {})
        for i, (target, ratio) in enumerate(s["rps_ratio"].items()):
            first = i == 0
            out.append(
                f"{size if first else '':5} {f'{s["body_bytes"] / 1024:.1f}' if first else '':>7} "
                f"{target:10} {_f(ratio['scrim_over_bare'], 4):>10} {_f(ratio['scrim_over_bare_lazy'], 4):>10} "
                f"{_yes(ratio['valid']):>3} | "
                + (
                    f"{_f(added.get('p50'), 2):>8} {_f(added.get('p99'), 2):>8} "
                    f"{_yes(added.get('valid', False)):>3} | "
                    f"{s['scrim_single_request_ms']['cold']:10.1f} {s['scrim_single_request_ms']['warm']:8.1f}"
                    if first
                    else ""
                )
            )
    return "\n".join(out)


# ---------------------------------------------------------------- profiling (optional)


def _py_spy() -> str | None:
    candidate = VENV_BIN / "py-spy"
    return str(candidate) if candidate.exists() else shutil.which("py-spy")


def profile(setup: Setup, args: argparse.Namespace, workdir: Path, offsets: dict[str, int]) -> dict[str, Any]:
    """One extra, unmeasured Scrim throughput run under py-spy; top frames per process kind."""
    spy = _py_spy()
    if spy is None:
        print("\n--profile: py-spy not found (pip install py-spy into the venv); skipped")
        return {}
    size = args.profile_size
    raw = workdir / "profile.txt"
    duration = max(3.0, args.duration)
    spy_proc = subprocess.Popen(
        [spy, "record", "--pid", str(setup.scrim_pid), "--subprocesses", "--format", "raw",
         "--rate", "100", "--duration", f"{duration + 2:.0f}", "--output", str(raw), "--nonblocking"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
    )  # fmt: skip
    try:
        time.sleep(1.0)
        connections = args.connections_200k if size == "200k" else args.connections
        result = run_wrk(
            setup.proxies["scrim"], target="scrim", size=size, mode="profile", threads=2,
            connections=connections, duration=duration, variants=setup.variants[size],
            start=offsets[size], tokens=setup.tokens,
        )  # fmt: skip
        offsets[size] += _sent_span(result)
        _, err = spy_proc.communicate(timeout=duration + 30)
    finally:
        if spy_proc.poll() is None:
            _signal_group(spy_proc, signal.SIGKILL)
            spy_proc.wait(timeout=5)
    if not raw.exists():
        print(f"\n--profile: py-spy produced nothing: {err.decode(errors='replace')[-300:]}")
        return {}
    out = top_frames(raw.read_text(errors="replace"), setup.scrim_pid)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(raw, OUT.parent / f"profile-{size}.txt")
    print(f"\nPROFILE (py-spy, scrim, {size}, {_line(result)})")
    for kind, data in out.items():
        print(f"  {kind}: {data['samples']} samples")
        print("    self (leaf frames):")
        for name, pct in data["self"]:
            print(f"      {pct:5.1f}%  {name}")
        print("    inclusive (frames on the stack):")
        for name, pct in data["inclusive"]:
            print(f"      {pct:5.1f}%  {name}")
    return out


_PROCESS_PREFIX = re.compile(r'(?:process \d+:"[^"]*"(?:;|$))+')


def top_frames(raw: str, main_pid: int, limit: int = 12) -> dict[str, Any]:
    """Collapsed stacks → top self and inclusive frames, for the proxy process and for workers."""
    kinds: dict[str, tuple[collections.Counter[str], collections.Counter[str], list[int]]] = {}
    for line in raw.splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        count = int(count_text)
        # --subprocesses prefixes `process PID:"cmdline";` per ancestor; cmdlines may hold ';'.
        prefix = _PROCESS_PREFIX.match(stack)
        pids = re.findall(r'process (\d+):"', prefix.group(0)) if prefix else []
        kind = "proxy (main)" if not pids or int(pids[-1]) == main_pid else "detector workers"
        rest = stack[prefix.end() :] if prefix else stack
        frames = rest.split(";") if rest else []
        frames = [f for f in frames if not f.startswith("thread ")]
        if not frames:
            continue
        self_c, incl_c, total = kinds.setdefault(kind, (collections.Counter(), collections.Counter(), [0]))
        total[0] += count
        self_c[frames[-1]] += count
        for name in set(frames):
            incl_c[name] += count
    result: dict[str, Any] = {}
    for kind, (self_c, incl_c, total) in kinds.items():
        n = total[0] or 1
        result[kind] = {
            "samples": total[0],
            "self": [(name, 100 * c / n) for name, c in self_c.most_common(limit)],
            # Frames on (nearly) every stack are the entry-point chain: leave them out.
            "inclusive": [(name, 100 * c / n) for name, c in incl_c.most_common() if c < 0.85 * n][:limit],
        }
    return result


# ---------------------------------------------------------------- main


def _variants(text: str) -> dict[str, int]:
    counts = {s.name: s.variants for s in SIZES}
    for part in filter(None, text.split(",")):
        name, _, value = part.partition("=")
        if name not in counts or not value.isdigit():
            raise argparse.ArgumentTypeError(f"expected e.g. 2k=1000,20k=1000,200k=100, got {text!r}")
        counts[name] = max(1, int(value))
    return counts


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.run", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    parser.add_argument("--sizes", default="2k,20k,200k", help="comma-separated: 2k,20k,200k")
    parser.add_argument("--variants", type=_variants, default=_variants(""), help="e.g. 2k=1000,200k=100")
    parser.add_argument("--duration", type=float, default=10.0, help="throughput run, seconds")
    parser.add_argument("--light-duration", type=float, default=8.0, help="light-load run, seconds")
    parser.add_argument("--upstream-duration", type=float, default=3.0, help="direct upstream run (0: skip)")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--connections-200k", type=int, default=4)
    parser.add_argument(
        "--fallback-connections",
        type=int,
        default=2,
        help="re-run Scrim's throughput at this concurrency if it answered non-2xx (0: never)",
    )
    parser.add_argument(
        "--scrim-deadline",
        type=float,
        default=30.0,
        help="scrim serve --deadline (its default, 5 s, is shorter than the queue at -c16/-c4)",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--agents", type=int, default=8,
        help="agents the throughput runs' requests rotate through (light-load runs use one); Scrim inspects "
        "at most workers-1 responses of one agent at a time, so one agent alone measures that limit",
    )  # fmt: skip
    parser.add_argument("--profile", action="store_true", help="extra Scrim run under py-spy (if installed)")
    parser.add_argument("--profile-size", default="20k", choices=[s.name for s in SIZES])
    parser.add_argument("--output", type=Path, default=OUT)
    return parser


@contextlib.contextmanager
def _workdir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="scrim-bench-") as tmp:
        yield Path(tmp)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    sizes = [s for s in args.sizes.split(",") if s]
    unknown = set(sizes) - {s.name for s in SIZES}
    if unknown:
        print(f"unknown sizes: {sorted(unknown)}", file=sys.stderr)
        return 2
    if shutil.which("wrk") is None:
        print("wrk is not installed", file=sys.stderr)
        return 2
    # SIGINT too: a shell's background job starts with SIGINT ignored, and Python keeps that.
    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, _raise_on_signal)
    started = time.monotonic()
    setup: Setup | None = None
    with _workdir() as workdir:
        services = Services(workdir)
        try:
            print(f"starting upstream, bare mitmdump (eager, lazy) and scrim in {workdir} …", flush=True)
            setup = start_everything(args, workdir, services)
            print(
                f"ready after {time.monotonic() - started:.1f}s; variants: {setup.variants}; "
                f"scrim --deadline {args.scrim_deadline:g}s, default workers"
            )
            offsets = dict.fromkeys(setup.variants, 0)
            reports = [run_size(setup, args, size, offsets) for size in sizes]
            profile_out = profile(setup, args, workdir, offsets) if args.profile else {}
        except BenchError as err:
            print(f"\nbench failed: {err}", file=sys.stderr)
            return 1
        except KeyboardInterrupt:
            print("\ninterrupted", file=sys.stderr)
            return 130
        finally:
            services.stop()
    summary = summarise(reports)
    print()
    print(table(summary))
    document = {
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "host": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "config": {
            "sizes": sizes,
            "variants": setup.variants if setup else args.variants,
            "duration_s": args.duration,
            "light_duration_s": args.light_duration,
            "connections": args.connections,
            "connections_200k": args.connections_200k,
            "agents": args.agents,
            "role": ROLE,
            "scrim": "default workers, shipped rules, real spaCy model",
            "scrim_deadline_s": args.scrim_deadline,
        },
        "sizes": summary,
        "valid": all(s["valid"] for s in summary.values()),
        "runtime_s": round(time.monotonic() - started, 1),
    }
    if profile_out:
        document["profile"] = profile_out
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(document, indent=2) + "\n")
    print(f"\nwrote {args.output.relative_to(ROOT) if args.output.is_relative_to(ROOT) else args.output} "
          f"({document['runtime_s']:.0f}s total){'' if document['valid'] else '; SOME RUNS INVALID'}")  # fmt: skip
    return 0 if document["valid"] else 1


if __name__ == "__main__":
    sys.exit(main())
