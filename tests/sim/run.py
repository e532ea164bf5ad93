"""`make simulate`: a month of support work through Scrim, three agents harvesting on the side.

Everything runs in one process on a simulated clock, so a month takes minutes:
- the demo CRM (seeded into a temporary SQLite file) answers through its own route table and
  handlers (`proxy.demo.crm.ROUTES`, `CRMApi`), without a socket;
- every request goes through the real `ScrimAddon` (JWT identity, policy, pipeline with the
  shipped rules and recognizers — no NER model, detection in-process —, need-to-know scopes,
  quotas, canaries, the ledger, the hash-chained audit log and the metrics), driven with mitmproxy's
  test flows as tests/test_addon.py does;
- the clock: `proxy.addon`, `proxy.record` and `proxy.metrics` read `time.time()`; the simulation
  swaps their `time` module for a clock it advances event by event (`sim_clock`).

The month: `agents` agents (a quarter tier2, the rest tier1; a few new hires start in week 3) work
8-hour shifts on weekdays. Each day the helpdesk assigns each agent 8-18 tickets (the CRM's
`assignee_id` is updated, and Scrim learns the assignment from the ticket response); the agent
opens each ticket, often its requester's profile, sometimes the comments or the customer's other
tickets, and looks up a couple of customers who called in. From the second week three tier2 agents
also open ticketless customers one at a time, spread over their shift (40, 60 and 120 a day); on one
day the fastest tries 450 and, when asked for a justification, invents one. A few customers without
tickets are canaries.

Then, from what Scrim recorded:
- alerts: deploy/prometheus/alerts.yaml's per-agent rules evaluated on the per-agent distinct
  customer counts exactly as the exporter computes them (rolling windows; absent when zero), on the
  rule group's 5-minute grid with its `for:` durations, the week-long baseline and its floor
  (checked against `Metrics.distinct` at the end of every day);
- quota and canary events per agent (the `events` Scrim audited and counted);
- whether the quotas held (most distinct ticketless customers any agent got in 24 h vs `hard`);
- a leaked list built from what the harvesters were served (70% of each one's harvest, e-mails
  and/or phones, plus fake and unrelated rows), run through `scrim attribute` on the audit log;
- `scrim audit verify` on the audit log (rotated files included);
- a what-if: a rule on the ledger's ticketless count, which normal ticket work never adds to.

Scale: about 100k responses (~3.5 minutes on two cores). Agents handle 8-18 tickets a day, fewer than
many real frontline agents: the baseline alert compares an agent with their own history, so what it
catches is a harvest of more than twice the agent's usual distinct customers a day (above the floor
of 40); a busier agent can harvest more before it fires. The ticketless quotas do not depend on load.
"""

from __future__ import annotations

import argparse
import asyncio
import bisect
import contextlib
import csv
import datetime as dt
import math
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import parse_qs, urlsplit

import orjson
import yaml
from mitmproxy import http
from mitmproxy.test import taddons, tflow

import proxy.addon
import proxy.metrics
import proxy.record
from proxy import detect
from proxy import rules as rules_mod
from proxy.addon import ScrimAddon
from proxy.attribute import Attribution, attribute, read_leaked
from proxy.audit import AuditLog, verify
from proxy.demo import crm
from proxy.demo.seed import seed
from proxy.identity import IdentityConfig, Verifier, mint_dev_token
from proxy.ledger import MemoryLedger
from proxy.metrics import Metrics, create
from proxy.model import Outcome
from proxy.pipeline import Generation, Settings
from proxy.record import Recorder, View
from proxy.server import load_rules
from proxy.workers import DetectionPool

ROOT = Path(__file__).resolve().parents[2]
JWT_SECRET = b"sim-jwt-secret-" + b"0123456789abcdef" * 4
AUDIT_KEY = b"sim-audit-key-0123456789abcdef-0123456789abcdef"
TOKEN_KEY = b"sim-token-key-0123456789abcdef-0123456789abcdef"
START = dt.datetime(2026, 11, 2, tzinfo=dt.UTC).timestamp()  # a Monday
HOUR, DAY, MINUTE = 3600.0, 86400.0, 60.0
SHIFT = 8 * HOUR
SHIFT_STARTS = (6, 9, 13)  # UTC hours
BURST_JUSTIFICATION = "TICKET-4711 customer asked for a callback"


@dataclass(frozen=True)
class Config:
    """The simulated organisation and month."""

    agents: int = 200
    days: int = 28  # from a Monday; agents work Monday to Friday
    harvest_rates: tuple[int, ...] = (40, 60, 120)  # ticketless customers a day, per harvester
    harvest_from_day: int = 7  # Monday of week 2: a week of normal history first
    burst: int = 450  # on `burst_day` the fastest harvester tries this many
    burst_day: int = 16  # Wednesday of week 3
    new_hires: int = 5  # start on `hire_day`, with no history
    hire_day: int = 14
    customers: int = 8000
    tickets: int = 6000
    tickets_per_day: tuple[int, int] = (8, 18)  # an agent's usual load is drawn from this range
    lookups_per_day: float = 2.0  # customers who call in, looked up outside the agent's tickets
    tier2_share: float = 0.25
    canaries: int = 40
    leak_sample: float = 0.7
    seed: int = 20261102
    audit_max_bytes: int = 16 * 1024 * 1024
    cli_table: bool = True  # also run `scrim attribute` as a command, for its table


# -- the simulated clock -----------------------------------------------------------------------------


class SimClock:
    """Stands in for the `time` module in the modules that read the wall clock."""

    def __init__(self, now: float) -> None:
        self.now = now

    def time(self) -> float:
        return self.now

    def gmtime(self, secs: float | None = None) -> time.struct_time:
        return time.gmtime(self.now if secs is None else secs)

    def __getattr__(self, name: str) -> Any:
        return getattr(time, name)  # monotonic, strftime, …: the real ones


CLOCK_READERS: tuple[ModuleType, ...] = (proxy.addon, proxy.record, proxy.metrics)


@contextlib.contextmanager
def sim_clock(clock: SimClock) -> Iterator[SimClock]:
    saved = [(module, module.time) for module in CLOCK_READERS]
    try:
        for module in CLOCK_READERS:
            module.time = clock
        yield clock
    finally:
        for module, original in saved:
            module.time = original


# -- the demo CRM, in-process ----------------------------------------------------------------------


class InProcessCrm:
    """The demo CRM's own routes and handlers over one SQLite connection, no socket."""

    def __init__(self, db: Path) -> None:
        self.conn = sqlite3.connect(db)
        self.conn.row_factory = sqlite3.Row
        self.api = crm.CRMApi(b"")

    def get(self, path: str) -> crm.Response:
        url = urlsplit(path)
        for method, pattern, route in crm.ROUTES:
            match = pattern.fullmatch(url.path)
            if match is None or method != "GET":
                continue
            request = crm.Request(match.groups(), parse_qs(url.query), "http://crm.internal")
            try:
                return route(self.api, self.conn, request)
            except crm.HttpError as err:
                return crm.error_response(err)
        return crm.error_response(crm.HttpError(crm.HTTPStatus.NOT_FOUND, "InvalidEndpoint", "no route"))

    def close(self) -> None:
        self.conn.close()

    def assign(self, pairs: Sequence[tuple[str, int]]) -> None:
        with self.conn:
            self.conn.executemany("UPDATE tickets SET assignee_id = ? WHERE id = ?", pairs)


# -- what Scrim recorded -----------------------------------------------------------------------------


@dataclass
class Seen:
    """Per agent, from every View Scrim recorded: what the alert rules' metrics are made of."""

    views: list[tuple[float, str]] = field(default_factory=list)  # (time, customer): Metrics.distinct
    ticketless: list[tuple[float, str]] = field(default_factory=list)
    served: list[float] = field(default_factory=list)  # responses with records: scrim_records_viewed_total
    ledger: list[tuple[float, dict[str, int]]] = field(default_factory=list)  # ticketless gauge updates
    events: Counter[str] = field(default_factory=Counter)  # scrim_control_events_total
    event_times: dict[str, list[float]] = field(default_factory=dict)
    refused: Counter[str] = field(default_factory=Counter)


class CapturingRecorder(Recorder):
    """Scrim's Recorder, also keeping what the simulation evaluates alerts and quotas on."""

    def __init__(self, metrics: Metrics, audit: AuditLog, clock: SimClock) -> None:
        super().__init__(metrics, audit)
        self.clock = clock
        self.seen: dict[str, Seen] = {}
        self.responses = 0

    def record(self, view: View) -> None:
        super().record(view)
        self.responses += 1
        if view.identity is None:
            return
        seen = self.seen.setdefault(view.identity.agent, Seen())
        now = self.clock.now
        seen.events.update(view.events)
        for event in view.events:
            seen.event_times.setdefault(event, []).append(now)
        if view.outcome in (Outcome.WITHHELD, Outcome.UNAUTHENTICATED):
            seen.refused[view.reason or "?"] += 1
            return
        if view.records:
            seen.served.append(now)
        if view.ledger_counts is not None:
            seen.ledger.append((now, dict(view.ledger_counts.ticketless)))
        for s in view.records:
            if s.record.record_type == "customer":  # what Recorder._count feeds Metrics.distinct
                seen.views.append((now, s.record.record_id))
                if not s.assigned:
                    seen.ticketless.append((now, s.record.record_id))


# -- the organisation --------------------------------------------------------------------------------


@dataclass
class Agent:
    name: str
    role: str
    token: str
    shift_start: float  # seconds after midnight
    load: int
    first_day: int = 0
    harvest_rate: int = 0
    targets: list[int] = field(default_factory=list)  # harvester: customer ids still to open
    harvested: list[int] = field(default_factory=list)  # served, in clear
    attempts: int = 0
    justify: bool = False
    consecutive_blocks: int = 0

    @property
    def harvester(self) -> bool:
        return self.harvest_rate > 0


@dataclass(order=True)
class Event:
    at: float
    order: int
    agent: Agent = field(compare=False)
    path: str = field(compare=False)
    kind: str = field(compare=False)  # work, lookup, harvest
    customer: int = field(compare=False, default=0)


@dataclass
class HarvesterResult:
    agent: str
    rate: int
    attempted: int
    harvested: int
    events: Counter[str]
    refused: Counter[str]
    alerts: dict[str, list[float]]  # alert name -> times it started firing
    max_ticketless_24h: int
    first_ticketless_over: float | None  # what-if rule: ticketless 24 h count > WHAT_IF_TICKETLESS
    rank: int | None
    score: float
    explained: int

    @property
    def canary_hits(self) -> int:
        return self.events["canary"]


@dataclass
class Summary:
    config: Config
    agents: int
    tier2: int
    working_days: int
    responses: int
    withheld: int
    audit_lines: int
    audit_files: int
    chain_ok: bool
    harvesters: list[HarvesterResult]
    normal_alerts: dict[str, list[str]]  # alert name -> the other agents it fired for
    normal_events: Counter[str]
    normal_refused: Counter[str]
    normal_max_ticketless: dict[str, int]
    normal_busiest_24h: int  # most distinct customers (any) in 24 h, on the alert grid
    normal_over_what_if: int
    quota_hard: dict[str, int | None]
    leak_rows: int
    leak_noise: int
    attribution: Attribution
    attribution_table: str
    metric_checks: int
    alert_rules: AlertRules
    seconds: dict[str, float]

    @property
    def normal_canary_hits(self) -> int:
        return self.normal_events["canary"]


# -- alerts, as deploy/prometheus/alerts.yaml writes them --------------------------------------------

ALERTS = ROOT / "deploy" / "prometheus" / "alerts.yaml"
PROMETHEUS = ROOT / "deploy" / "prometheus" / "prometheus.yml"
_DURATION = re.compile(r"^(\d+)([smhd])$")


def _seconds(text: str) -> float:
    match = _DURATION.match(text)
    if match is None:
        raise ValueError(f"unexpected duration {text!r}")
    return int(match[1]) * {"s": 1.0, "m": MINUTE, "h": HOUR, "d": DAY}[match[2]]


@dataclass(frozen=True)
class Baseline:
    """ScrimAgentDistinctCustomersAboveBaseline and its recording rule."""

    name: str
    step: float  # the group's interval
    floor: int
    factor: float
    range: float
    offset: float
    hold: float


@dataclass(frozen=True)
class CountAbove:
    """`<per-agent distinct count> > threshold` for `hold`: on the exporter's or the ledger's count."""

    name: str
    source: str  # "exporter" (scrim_agent_distinct_customers) or "ledger" (ticketless gauge)
    window: str
    threshold: int
    hold: float
    served_within: float | None  # the ledger rule's `and rate(scrim_records_viewed_total[..]) > 0`


@dataclass(frozen=True)
class EventsAbove:
    """`increase(scrim_control_events_total{event=...}[window]) > threshold` (new series included)."""

    name: str
    event: str
    window: float
    threshold: int


@dataclass(frozen=True)
class AlertRules:
    """The per-agent rules of deploy/prometheus/alerts.yaml, parsed (so the simulation follows the file)."""

    step: float  # the global evaluation_interval
    baseline: Baseline
    counts: tuple[CountAbove, ...]
    events: tuple[EventsAbove, ...]
    skipped: tuple[str, ...]  # per-agent alerts the simulation does not model

    @classmethod
    def load(cls) -> AlertRules:
        doc = yaml.safe_load(ALERTS.read_text(encoding="utf-8"))
        evaluation = _seconds(
            yaml.safe_load(PROMETHEUS.read_text(encoding="utf-8"))["global"]["evaluation_interval"]
        )
        baseline: Baseline | None = None
        counts, events, skipped = [], [], []
        for group in doc["groups"]:
            for rule in group["rules"]:
                name, expr = rule.get("alert"), " ".join(rule["expr"].split())
                if name is None or "agent" not in expr:
                    continue
                hold = _seconds(rule["for"]) if "for" in rule else 0.0
                if "avg_over_time(agent:scrim_agent_distinct_customers_24h:sum" in expr:
                    floor = re.search(r"^agent:scrim_agent_distinct_customers_24h:sum > (\d+) and", expr)
                    ratio = re.search(
                        r"> (\d+(?:\.\d+)?) \* avg_over_time\(agent:scrim_agent_distinct_customers_24h:sum"
                        r"\[(\w+)\] offset (\w+)\)",
                        expr,
                    )
                    if floor is None or ratio is None:
                        raise ValueError(f"{ALERTS}: {name} changed shape; update tests/sim/run.py")
                    baseline = Baseline(
                        name, _seconds(group["interval"]), int(floor[1]), float(ratio[1]), _seconds(ratio[2]),
                        _seconds(ratio[3]), hold,
                    )  # fmt: skip
                elif 'agent="_overflow"' in expr:
                    continue  # about the label cap, not an agent
                elif match := re.search(
                    r'scrim_agent_distinct_customers\{[^}]*window="(\w+)"[^}]*\}\) > (\d+)$', expr
                ):
                    counts.append(CountAbove(name, "exporter", match[1], int(match[2]), hold, None))
                elif match := re.search(
                    r'scrim_ledger_distinct_customers\{[^}]*window="(\w+)", scope="ticketless"[^}]*\} \) > (\d+)',
                    expr,
                ):
                    served = re.search(r"rate\(scrim_records_viewed_total\{[^}]*\}\[(\w+)\]\)\) > 0", expr)
                    within = _seconds(served[1]) if served else None
                    counts.append(CountAbove(name, "ledger", match[1], int(match[2]), hold, within))
                elif match := re.search(
                    r'increase\(scrim_control_events_total\{[^}]*event="(\w+)"\}\[(\w+)\]\)\) > (\d+)', expr
                ):
                    events.append(EventsAbove(name, match[1], _seconds(match[2]), int(match[3])))
                else:
                    skipped.append(name)
        if baseline is None:
            raise ValueError(f"{ALERTS}: no baseline rule on agent:scrim_agent_distinct_customers_24h:sum")
        return cls(evaluation, baseline, tuple(counts), tuple(events), tuple(skipped))

    def describe(self) -> str:
        b = self.baseline
        parts = [
            f"{b.name} (24h > {b.floor} and > {b.factor:g} x {b.range / DAY:g}d average offset "
            f"{b.offset / DAY:g}d, for {b.hold / MINUTE:g}m, every {b.step / MINUTE:g}m)"
        ]
        parts += [
            f"{c.name} ({'ledger ticketless' if c.source == 'ledger' else 'distinct'} {c.window} > {c.threshold}"
            f", for {c.hold / MINUTE:g}m)"
            for c in self.counts
        ]
        parts += [f"{e.name} ({e.event} > {e.threshold} in {e.window / MINUTE:g}m)" for e in self.events]
        text = "; ".join(parts) + f"; evaluated every {self.step:g}s"
        if self.skipped:
            text += f"; not simulated: {', '.join(self.skipped)}"
        return text


def distinct_series(views: Sequence[tuple[float, str]], grid: Sequence[float], window: float) -> list[int]:
    """Distinct customers with a view in [t - window, t] at each grid time (views sorted by time)."""
    counts: Counter[str] = Counter()
    out, lo, hi = [], 0, 0
    for t in grid:
        while hi < len(views) and views[hi][0] <= t:
            counts[views[hi][1]] += 1
            hi += 1
        while lo < hi and views[lo][0] < t - window:
            customer = views[lo][1]
            counts[customer] -= 1
            if not counts[customer]:
                del counts[customer]
            lo += 1
        out.append(len(counts))
    return out


def firing_times(condition: Sequence[bool], grid: Sequence[float], hold: float) -> list[float]:
    """Times at which an alert with `for: hold` starts firing (one per episode)."""
    fired, pending_since, firing = [], None, False
    for ok, t in zip(condition, grid, strict=True):
        if not ok:
            pending_since, firing = None, False
            continue
        pending_since = t if pending_since is None else pending_since
        if not firing and t - pending_since >= hold:
            firing = True
            fired.append(t)
    return fired


def baseline_alerts(rule: Baseline, views: Sequence[tuple[float, str]], grid: Sequence[float]) -> list[float]:
    """r > floor and r > factor * avg_over_time(r[range] offset offset), r the agent's 24 h count."""
    r = distinct_series(views, grid, DAY)  # agent:scrim_agent_distinct_customers_24h:sum (absent at 0)
    prefix_sum, prefix_n = [0.0], [0]
    for value in r:
        prefix_sum.append(prefix_sum[-1] + value)
        prefix_n.append(prefix_n[-1] + (value > 0))
    back_end = round(rule.offset / rule.step)
    back_start = round((rule.range + rule.offset) / rule.step)
    condition = []
    for i, value in enumerate(r):
        hi = i - back_end + 1  # samples in (t - range - offset, t - offset]
        lo = max(0, i - back_start + 1)
        n = prefix_n[hi] - prefix_n[lo] if hi > lo else 0
        if value <= rule.floor or n == 0:
            condition.append(False)
            continue
        condition.append(value > rule.factor * (prefix_sum[hi] - prefix_sum[lo]) / n)
    return firing_times(condition, grid, rule.hold)


def count_alerts(rule: CountAbove, seen: Seen, step: float, start: float, end: float) -> list[float]:
    """A per-agent count above a threshold for `hold`, on the global evaluation grid."""
    window = _seconds(rule.window)
    if rule.source == "exporter":
        at_updates = distinct_series(seen.views, [t for t, _ in seen.views], window)
    else:  # the ledger's gauge keeps the count of the agent's last served response
        at_updates = [counts.get(rule.window, 0) for _, counts in seen.ledger]
    if not at_updates or max(at_updates) <= rule.threshold:
        return []  # the count only rises at an update: it never crossed the threshold
    grid = [start + i * step for i in range(int((end - start) / step) + 1)]
    if rule.source == "exporter":
        values = distinct_series(seen.views, grid, window)
    else:
        times = [t for t, _ in seen.ledger]
        values = [at_updates[i - 1] if (i := bisect.bisect_right(times, t)) else 0 for t in grid]
    condition = [v > rule.threshold for v in values]
    if rule.served_within is not None:
        for k, t in enumerate(grid):
            i = bisect.bisect_right(seen.served, t)
            condition[k] = condition[k] and i > 0 and seen.served[i - 1] > t - rule.served_within
    return firing_times(condition, grid, rule.hold)


def event_alerts(rule: EventsAbove, seen: Seen) -> list[float]:
    """More than `threshold` events in any `window`: the times each episode starts."""
    times = sorted(seen.event_times.get(rule.event, []))
    fired, active_until = [], -math.inf
    for i, t in enumerate(times):
        in_window = i + 1 - bisect.bisect_right(times, t - rule.window)
        if in_window > rule.threshold:
            if t > active_until:
                fired.append(t)
            active_until = t + rule.window
    return fired


def agent_alerts(
    rules: AlertRules, seen: Seen, grid: Sequence[float], start: float, end: float
) -> dict[str, list[float]]:
    fired = {rules.baseline.name: baseline_alerts(rules.baseline, seen.views, grid)}
    for count in rules.counts:
        fired[count.name] = count_alerts(count, seen, rules.step, start, end)
    for events in rules.events:
        fired[events.name] = event_alerts(events, seen)
    return {name: times for name, times in fired.items() if times}


def max_distinct(views: Sequence[tuple[float, str]], window: float) -> int:
    return max(distinct_series(views, [t for t, _ in views], window), default=0)


# Not in alerts.yaml: what a rule on the ledger's ticketless count (scrim_ledger_distinct_customers
# {scope="ticketless", window="24h"}) would do, since normal work on assigned tickets never adds to it.
WHAT_IF_TICKETLESS = 25


def first_over(views: Sequence[tuple[float, str]], window: float, threshold: int) -> float | None:
    times = [t for t, _ in views]
    return next(
        (t for t, n in zip(times, distinct_series(views, times, window), strict=True) if n > threshold), None
    )


# -- the simulation ----------------------------------------------------------------------------------


class Simulation:
    def __init__(self, config: Config, workdir: Path, log: Any = sys.stderr) -> None:
        self.config = config
        self.workdir = workdir
        self.log = log
        self.rng = random.Random(config.seed)
        self.clock = SimClock(START)
        self.seconds: dict[str, float] = {}

    def say(self, text: str) -> None:
        print(text, file=self.log, flush=True)

    # -- set-up ---------------------------------------------------------------------------------------

    def prepare(self) -> None:
        c = self.config
        started = time.perf_counter()
        self.db = self.workdir / "crm.sqlite"
        seed(self.db, customers=c.customers, tickets=c.tickets)
        with contextlib.closing(sqlite3.connect(self.db)) as conn:
            self.requester = dict(conn.execute("SELECT id, requester_id FROM tickets").fetchall())
            self.users = {
                row[0]: (row[1], row[2], row[3])
                for row in conn.execute("SELECT id, name, email, phone FROM users").fetchall()
            }
        self.active = sorted(set(self.requester.values()))  # customers who open tickets and call in
        dormant = sorted(set(self.users) - set(self.active))
        self.canaries = set(self.rng.sample(dormant, min(c.canaries, len(dormant))))
        self.rules_dir = self.workdir / "rules"
        shutil.copytree(ROOT / "rules", self.rules_dir)
        policy = self.rules_dir / "policy.yaml"
        listed = ", ".join(f'"{n}"' for n in sorted(self.canaries))
        policy.write_text(re.sub(r"(?m)^canaries:.*$", f"canaries: [{listed}]", policy.read_text()))
        self.rules = load_rules(self.rules_dir)
        self.crm = InProcessCrm(self.db)
        self.audit_dir = self.workdir / "audit"
        self.audit = AuditLog(self.audit_dir / "audit.jsonl", key=AUDIT_KEY, max_bytes=c.audit_max_bytes)
        self.metrics = create()
        self.recorder = CapturingRecorder(self.metrics, self.audit, self.clock)
        self.agents = self._agents()
        self.seconds["seed"] = time.perf_counter() - started

    def _agents(self) -> list[Agent]:
        c = self.config
        names = [f"agent-{n:03d}" for n in range(1, c.agents + 1)]
        tier2 = set(self.rng.sample(names, round(c.agents * c.tier2_share)))
        agents = []
        for name in names:
            role = "tier2" if name in tier2 else "tier1"
            agents.append(
                Agent(
                    name=name,
                    role=role,
                    token=mint_dev_token(JWT_SECRET, name, role, 3600, None, None),
                    shift_start=self.rng.choice(SHIFT_STARTS) * HOUR,
                    load=self.rng.randint(*c.tickets_per_day),
                )
            )
        candidates = [a for a in agents if a.role == "tier2"]
        harvesters = self.rng.sample(candidates, len(c.harvest_rates))
        for agent, rate in zip(harvesters, c.harvest_rates, strict=True):
            agent.harvest_rate = rate
            agent.targets = self.rng.sample(sorted(self.users), len(self.users))
        hires = [a for a in agents if not a.harvester]
        for agent in self.rng.sample(hires, min(c.new_hires, len(hires))):
            agent.first_day = c.hire_day
        return agents

    # -- one request through Scrim --------------------------------------------------------------------

    async def request(
        self, addon: ScrimAddon, agent: Agent, path: str, justification: bool
    ) -> tuple[int, str]:
        flow = tflow.tflow()
        flow.request.path = path
        flow.request.content = b""  # a GET, as browsers send it (mitmproxy's test flow carries a body)
        flow.request.headers["Authorization"] = f"Bearer {agent.token}"
        if justification:
            flow.request.headers["X-Scrim-Justification"] = BURST_JUSTIFICATION
        addon.requestheaders(flow)
        if flow.response is None:
            upstream = self.crm.get(path)
            flow.response = http.Response.make(
                int(upstream.status), upstream.body, {"Content-Type": upstream.content_type}
            )
            await addon.response(flow)
        assert flow.response is not None
        status = flow.response.status_code
        reason = ""
        if status >= 400 and flow.response.headers.get("content-type") == "application/json":
            with contextlib.suppress(orjson.JSONDecodeError):
                reason = str(orjson.loads(flow.response.content or b"{}").get("reason", ""))
        return status, reason

    # -- a day --------------------------------------------------------------------------------------

    def day_events(self, day: int) -> list[Event]:
        c = self.config
        base = START + day * DAY
        working = [a for a in self.agents if a.first_day <= day]
        tickets = list(self.requester)
        self.rng.shuffle(tickets)
        assignments: list[tuple[str, int]] = []
        events: list[Event] = []
        order = 0

        def add(at: float, agent: Agent, path: str, kind: str, customer: int = 0) -> None:
            nonlocal order
            order += 1
            events.append(Event(at, order, agent, path, kind, customer))

        for agent in working:
            start, end = base + agent.shift_start, base + agent.shift_start + SHIFT
            today = max(1, agent.load + self.rng.randint(-3, 3))
            for ticket in tickets[:today]:
                assignments.append((agent.name, ticket))
                customer = self.requester[ticket]
                at = self.rng.uniform(start, end - 900)
                add(at, agent, f"/api/v2/tickets/{ticket}", "work")
                if self.rng.random() < 0.5:
                    add(at + self.rng.uniform(20, 600), agent, f"/api/v2/users/{customer}", "work")
                if self.rng.random() < 0.1:
                    add(at + self.rng.uniform(20, 600), agent, f"/api/v2/tickets/{ticket}/comments", "work")
                if self.rng.random() < 0.1:
                    add(at + self.rng.uniform(20, 600), agent, f"/api/v2/users/{customer}/tickets", "work")
            del tickets[:today]
            for _ in range(_poisson(self.rng, c.lookups_per_day)):
                customer = self.rng.choice(self.active)
                if self.rng.random() < 0.3:
                    email = self.users[customer][1]
                    add(self.rng.uniform(start, end), agent, f"/api/v2/users/search?query={email}", "lookup")
                else:
                    add(self.rng.uniform(start, end), agent, f"/api/v2/users/{customer}", "lookup")
            if agent.harvester and day >= c.harvest_from_day:
                fastest = agent.harvest_rate == max(c.harvest_rates)
                rate = c.burst if fastest and day == c.burst_day else agent.harvest_rate
                for at in sorted(self.rng.uniform(start, end) for _ in range(rate)):
                    add(at, agent, "", "harvest")
        self.crm.assign(assignments)
        events.sort()
        return events

    async def run_day(self, addon: ScrimAddon, day: int) -> None:
        for agent in self.agents:
            agent.justify = False
            agent.consecutive_blocks = 0
        for event in self.day_events(day):
            self.clock.now = event.at
            agent = event.agent
            path = event.path
            if event.kind == "harvest":
                if agent.consecutive_blocks >= 5:
                    continue  # blocked for the rest of the window: the harvester gives up today
                customer = agent.targets.pop()
                path = f"/api/v2/users/{customer}"
                agent.attempts += 1
            status, reason = await self.request(addon, agent, path, event.kind == "harvest" and agent.justify)
            if event.kind != "harvest":
                continue
            if status == 200:
                agent.harvested.append(customer)
                agent.consecutive_blocks = 0
            elif reason == "justification_required":
                agent.justify = True  # and makes one up from now on
                agent.targets.append(customer)
            elif reason == "quota_exceeded":
                agent.consecutive_blocks += 1

    async def simulate(self) -> None:
        c = self.config
        started = time.perf_counter()
        detector = DetectionPool(
            detect.DetectorConfig(
                self.rules.source_dir / rules_mod.RECOGNIZERS_FILE,
                None,
                self.rules.entities,
                self.rules.score_threshold,
            ),
            0,
            30.0,
        )
        await detector.start()
        generation = Generation(self.rules, detector)
        addon = ScrimAddon(
            lambda: generation,
            Verifier(IdentityConfig(hs256_secret=JWT_SECRET)),
            Settings(token_key=TOKEN_KEY, match_key=AUDIT_KEY),
            self.recorder,
            response_deadline=30.0,
            ledger=MemoryLedger(),
        )
        self.metric_checks = 0
        with sim_clock(self.clock), taddons.context(addon):
            for day in range(c.days):
                if day % 7 < 5:
                    await self.run_day(addon, day)
                self.clock.now = START + (day + 1) * DAY - 1
                self.check_metrics()
                if day % 7 == 6 or day == c.days - 1:
                    self.say(
                        f"  week {day // 7 + 1}: {self.recorder.responses:,} responses, "
                        f"{time.perf_counter() - started:.0f} s"
                    )
        detector.close()
        self.audit.close()
        self.crm.close()
        self.seconds["simulate"] = time.perf_counter() - started

    def check_metrics(self) -> None:
        """Our windowed counts must be the exporter's (Metrics.distinct) at the end of each day."""
        now = self.clock.now
        for window in (HOUR, DAY):
            exported = {a: n for a, n in self.metrics.distinct.counts(window, now).items() if n}
            ours = {}
            for agent, seen in self.recorder.seen.items():
                lo = bisect.bisect_left(seen.views, (now - window, ""))
                if n := len({customer for _, customer in seen.views[lo:]}):
                    ours[agent] = n
            if exported != ours:
                raise AssertionError(f"simulated counts differ from the exporter's ({window:.0f} s window)")
            self.metric_checks += 1

    # -- after the month ------------------------------------------------------------------------------

    def leaked_list(self) -> tuple[Path, int]:
        """What a fraud team might receive: most of each harvest, plus noise. Returns (file, noise)."""
        rows: list[tuple[str, str, str]] = []
        harvested: set[int] = set()
        for agent in self.agents:
            if not agent.harvester:
                continue
            unique = sorted(set(agent.harvested))
            harvested.update(unique)
            for customer in self.rng.sample(unique, round(len(unique) * self.config.leak_sample)):
                name, email, phone = self.users[customer]
                shape = self.rng.random()
                rows.append((name, email if shape < 0.8 else "", phone if shape >= 0.5 else ""))
        noise = round(len(rows) * 0.15)
        for i in range(noise):
            if i % 3 == 0:  # real customers nobody harvested
                name, email, phone = self.users[self.rng.choice(sorted(set(self.active) - harvested))]
                rows.append((name, email, phone))
            else:  # made up, or from another breach
                rows.append(("", f"user{self.rng.randrange(10**8)}@mail.example", f"+1 555 {i:03d} {i:04d}"))
        self.rng.shuffle(rows)
        path = self.workdir / "leaked.csv"
        with path.open("w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(["full name", "email", "phone"])
            writer.writerows(rows)
        return path, noise

    def analyse(self) -> Summary:
        c = self.config
        end = START + c.days * DAY
        seen = self.recorder.seen
        leak_path, noise = self.leaked_list()
        started = time.perf_counter()
        attribution = attribute([self.audit_dir], read_leaked(leak_path, AUDIT_KEY), top=10)
        self.seconds["attribute"] = time.perf_counter() - started
        table = ""
        if c.cli_table:
            env = {**os.environ, "SCRIM_AUDIT_KEY": AUDIT_KEY.decode()}
            table = subprocess.run(
                [sys.executable, "-m", "proxy.cli", "attribute", str(leak_path), "--audit",
                 str(self.audit_dir), "--top", "5"],
                capture_output=True, text=True, env=env, check=True, cwd=ROOT,
            ).stdout  # fmt: skip
        started = time.perf_counter()
        report = verify([self.audit_dir], AUDIT_KEY)
        self.seconds["verify"] = time.perf_counter() - started

        started = time.perf_counter()
        rules = AlertRules.load()
        step = rules.baseline.step
        grid = [START + i * step for i in range(int(c.days * DAY / step) + 1)]
        harvesters = []
        normal_alerts: dict[str, list[str]] = {}
        normal_events: Counter[str] = Counter()
        normal_refused: Counter[str] = Counter()
        normal_max: dict[str, int] = {"tier1": 0, "tier2": 0}
        normal_busiest = 0
        normal_over = 0
        for agent in self.agents:
            s = seen.get(agent.name, Seen())
            alerts = agent_alerts(rules, s, grid, START, end)
            ticketless_max = max_distinct(s.ticketless, DAY)
            if agent.harvester:
                score = next((x for x in attribution.ranking if x.agent == agent.name), None)
                harvesters.append(
                    HarvesterResult(
                        agent=agent.name,
                        rate=agent.harvest_rate,
                        attempted=agent.attempts,
                        harvested=len(set(agent.harvested)),
                        events=s.events,
                        refused=s.refused,
                        alerts=alerts,
                        max_ticketless_24h=ticketless_max,
                        first_ticketless_over=first_over(s.ticketless, DAY, WHAT_IF_TICKETLESS),
                        rank=score.rank if score else None,
                        score=score.score if score else 0.0,
                        explained=score.explained if score else 0,
                    )
                )
                continue
            for name in alerts:
                normal_alerts.setdefault(name, []).append(agent.name)
            normal_events.update(s.events)
            normal_refused.update(s.refused)
            normal_max[agent.role] = max(normal_max[agent.role], ticketless_max)
            normal_over += ticketless_max > WHAT_IF_TICKETLESS
            normal_busiest = max(normal_busiest, max(distinct_series(s.views, grid, DAY), default=0))
        self.seconds["alerts"] = time.perf_counter() - started
        quota_hard = {
            name: role.quota.hard if role.quota else None
            for name, role in self.rules.roles.items()
            if name in ("tier1", "tier2")
        }
        return Summary(
            config=c,
            agents=len(self.agents),
            tier2=sum(a.role == "tier2" for a in self.agents),
            working_days=sum(1 for d in range(c.days) if d % 7 < 5),
            responses=self.recorder.responses,
            withheld=sum(sum(s.refused.values()) for s in seen.values()),
            audit_lines=report.lines,
            audit_files=len(report.files),
            chain_ok=report.ok,
            harvesters=harvesters,
            normal_alerts=normal_alerts,
            normal_events=normal_events,
            normal_refused=normal_refused,
            normal_max_ticketless=normal_max,
            normal_busiest_24h=normal_busiest,
            normal_over_what_if=normal_over,
            quota_hard=quota_hard,
            leak_rows=attribution.leak_rows,
            leak_noise=noise,
            attribution=attribution,
            attribution_table=table,
            metric_checks=self.metric_checks,
            alert_rules=rules,
            seconds=self.seconds,
        )


def _poisson(rng: random.Random, mean: float) -> int:
    limit, k, p = math.exp(-mean), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def run(config: Config, workdir: Path | None = None, log: Any = sys.stderr) -> Summary:
    """Simulate, analyse, and return the summary (`workdir` keeps the CRM, rules, audit and leak)."""
    with contextlib.ExitStack() as stack:
        if workdir is None:
            workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="scrim-sim-")))
        workdir.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        sim = Simulation(config, workdir, log)
        sim.prepare()
        asyncio.run(sim.simulate())
        summary = sim.analyse()
        summary.seconds["total"] = time.perf_counter() - started
        return summary


# -- the report --------------------------------------------------------------------------------------


def _when(t: float | None) -> str:
    if t is None:
        return "-"
    day = int((t - START) // DAY) + 1
    return f"day {day} {time.strftime('%H:%M', time.gmtime(t))}"


def _counts(counter: Counter[str]) -> str:
    return ", ".join(f"{k} {v}" for k, v in sorted(counter.items())) or "-"


def render(s: Summary) -> str:
    c = s.config
    lines = [
        "",
        f"Scrim simulation: {s.agents} agents ({s.agents - s.tier2} tier1, {s.tier2} tier2; {c.new_hires} "
        f"hired on day {c.hire_day + 1}), {c.days} days ({s.working_days} working), demo CRM with "
        f"{c.customers:,} customers / {c.tickets:,} tickets, {c.canaries} canaries",
        f"responses through Scrim: {s.responses:,} ({s.withheld:,} withheld); audit: {s.audit_lines:,} "
        f"lines in {s.audit_files} files, chain {'intact' if s.chain_ok else 'BROKEN'}; exporter "
        f"cross-checks: {s.metric_checks} ok",
        f"run time: {s.seconds['total']:.0f} s (seed {s.seconds['seed']:.0f} s, the month "
        f"{s.seconds['simulate']:.0f} s, attribution {s.seconds['attribute']:.1f} s in-process, chain "
        f"verification {s.seconds['verify']:.1f} s, alert evaluation {s.seconds['alerts']:.1f} s)",
        f"alert rules (deploy/prometheus): {s.alert_rules.describe()}",
        "",
        f"harvesters (from day {c.harvest_from_day + 1}; the {max(c.harvest_rates)}/day one tries "
        f"{c.burst} on day {c.burst_day + 1}):",
    ]
    header = (
        f"  {'agent':<10} {'rate':>5} {'tried':>6} {'got':>6} {'ticketless 24h max':>18} {'canary':>6} "
        f"{'rank':>4} {'explained':>9}  quota events / refusals"
    )
    lines += [header]
    for h in s.harvesters:
        quota = Counter({k: v for k, v in h.events.items() if k != "canary"})
        lines.append(
            f"  {h.agent:<10} {h.rate:>5} {h.attempted:>6} {h.harvested:>6} {h.max_ticketless_24h:>18} "
            f"{h.canary_hits:>6} {h.rank or '-':>4} {h.explained:>9}  {_counts(quota)} / {_counts(h.refused)}"
        )
        fired = ", ".join(
            f"{name} {_when(times[0])}" + (f" ({len(times)}x)" if len(times) > 1 else "")
            for name, times in sorted(h.alerts.items(), key=lambda item: item[1][0])
        )
        lines.append(f"  {'':<10} alerts: {fired or 'none'}")
    others = s.agents - len(s.harvesters)
    false_alerts = "; ".join(
        f"{name} {len(agents)} ({', '.join(agents[:5])}{', ...' if len(agents) > 5 else ''})"
        for name, agents in sorted(s.normal_alerts.items())
    )
    lines += [
        "",
        f"the {others} others: alerts: {false_alerts or 'none'}; control events: {_counts(s.normal_events)}; "
        f"refusals: {_counts(s.normal_refused)}; busiest 24 h: {s.normal_busiest_24h} distinct customers "
        f"(baseline floor {s.alert_rules.baseline.floor})",
        "most distinct ticketless customers in any 24 h: "
        + ", ".join(
            f"{role} normal {s.normal_max_ticketless[role]} (hard {s.quota_hard[role]})"
            for role in ("tier1", "tier2")
        )
        + f"; harvesters {max((h.max_ticketless_24h for h in s.harvesters), default=0)} "
        f"(tier2 hard {s.quota_hard['tier2']})",
        f"what-if (not in alerts.yaml): ticketless customers in 24 h > {WHAT_IF_TICKETLESS} would flag the "
        f"harvesters at "
        + ", ".join(f"{h.agent} {_when(h.first_ticketless_over)}" for h in s.harvesters)
        + f", and {s.normal_over_what_if} of the others",
        "",
        f"leaked list: {s.leak_rows:,} rows ({s.leak_noise} noise: made-up or not harvested); "
        f"harvesters ranked {sorted(h.rank or 0 for h in s.harvesters)} by `scrim attribute`:",
        "",
        s.attribution_table.rstrip(),
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.sim.run", description=__doc__.split("\n")[0])
    parser.add_argument("--agents", type=int, default=Config.agents)
    parser.add_argument("--weeks", type=int, default=Config.days // 7)
    parser.add_argument("--customers", type=int, default=Config.customers)
    parser.add_argument("--tickets", type=int, default=Config.tickets)
    parser.add_argument("--seed", type=int, default=Config.seed)
    parser.add_argument("--workdir", type=Path, help="keep the CRM, rules, audit log and leaked list here")
    args = parser.parse_args(argv)
    config = Config(
        agents=args.agents,
        days=7 * args.weeks,
        customers=args.customers,
        tickets=args.tickets,
        seed=args.seed,
    )
    print(f"simulating {config.agents} agents for {config.days} days …", file=sys.stderr, flush=True)
    summary = run(config, args.workdir)
    print(render(summary))
    ranks = [h.rank for h in summary.harvesters]
    top = len(summary.harvesters)
    ok = summary.chain_ok and all(r is not None and r <= top for r in ranks)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
