"""Prometheus metrics: the only module that imports prometheus-client.

Label values come from bounded sets: route names from the rules (never raw paths), entity types from
the recognizers, reasons and outcomes from fixed tokens, and agent ids only for verified identities,
capped at `max_agents` with an `_overflow` bucket so a flood of identities cannot grow the series.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from proxy.ledger import WINDOWS as LEDGER_WINDOWS
from proxy.ledger import Counts

OVERFLOW = "_overflow"
LEDGER_QUIET_SECONDS = 3600.0
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
WINDOWS = {"1h": 3600.0, "24h": 86400.0}
_RECORDS_LABELS = ("agent", "role", "record_type")
_EVENT_LABELS = ("agent", "role", "event")
_LEDGER_LABELS = ("agent", "window", "scope")


class AgentLabels:
    """Admits up to `limit` agent label values at a time. An agent idle for `idle_seconds` (past
    every window a per-agent alert reads) gives its label up to a newcomer; while every label is
    in recent use, newcomers share `_overflow`. (Kept for the life of the process, the first 1,000
    agents held every label, and every later agent, a harvester too, was only `_overflow`.)"""

    def __init__(self, limit: int, idle_seconds: float = max(WINDOWS.values())) -> None:
        self._limit = limit
        self._idle = idle_seconds
        self._seen: OrderedDict[str, float] = OrderedDict()  # agent → last seen, oldest first
        self._lock = threading.Lock()

    def admit(self, agent: str, now: float) -> tuple[str, str | None]:
        """The agent's label, and the agent whose label it took (whose series must go), if any."""
        with self._lock:
            if agent in self._seen:
                self._seen.move_to_end(agent)
                self._seen[agent] = now
                return agent, None
            evicted = None
            if len(self._seen) >= self._limit:
                oldest = next(iter(self._seen.items()), None)
                if oldest is None or now - oldest[1] < self._idle:
                    return OVERFLOW, None
                evicted = oldest[0]
                del self._seen[evicted]
            self._seen[agent] = now
            return agent, evicted


class DistinctCustomers:
    """Distinct customers served per agent over rolling windows, in memory (per replica)."""

    def __init__(self, max_per_agent: int = 200_000) -> None:
        self._seen: dict[str, dict[str, float]] = {}
        self._max = max_per_agent
        self._lock = threading.Lock()

    def add(self, agent: str, customers: Iterable[str], now: float | None = None) -> None:
        stamp = time.time() if now is None else now
        with self._lock:
            seen = self._seen.setdefault(agent, {})
            for customer in customers:
                seen.pop(customer, None)  # re-insert keeps the dict ordered by last view
                seen[customer] = stamp
            while len(seen) > self._max:
                seen.pop(next(iter(seen)))

    def forget(self, agent: str) -> None:
        with self._lock:
            self._seen.pop(agent, None)

    def counts(self, window: float, now: float | None = None) -> dict[str, int]:
        now = time.time() if now is None else now
        expired = now - max(WINDOWS.values())
        out: dict[str, int] = {}
        with self._lock:
            for agent, seen in list(self._seen.items()):
                # Entries are ordered by last view, so the expired ones sit at the front.
                while seen and next(iter(seen.values())) < expired:
                    seen.pop(next(iter(seen)))
                if not seen:
                    del self._seen[agent]
                    continue
                out[agent] = sum(1 for t in seen.values() if t >= now - window)
        return out


class _DistinctCollector(Collector):
    def __init__(self, tracker: DistinctCustomers) -> None:
        self._tracker = tracker

    def collect(self) -> Iterator[GaugeMetricFamily]:
        family = GaugeMetricFamily(
            "scrim_agent_distinct_customers",
            "Distinct customers served to each agent over a rolling window (this replica).",
            labels=["agent", "window"],
        )
        for window, seconds in WINDOWS.items():
            for agent, count in sorted(self._tracker.counts(seconds).items()):
                family.add_metric([agent, window], count)
        yield family


@dataclass
class Metrics:
    """Every metric Scrim exports, on its own registry."""

    registry: CollectorRegistry
    agents: AgentLabels
    distinct: DistinctCustomers
    records_viewed: Counter
    entities_masked: Counter
    entities_revealed: Counter
    responses: Counter
    withheld: Counter
    identity_failures: Counter
    processing_seconds: Histogram
    rules_reloads: Counter
    rules_info: Gauge
    ready: Gauge
    audit_failures: Counter
    audit_last_seq: Gauge
    inflight_bytes: Gauge
    control_events: Counter
    ledger_distinct: Gauge
    ledger_shared: Gauge
    # (unix time, reason) of the latest withheld responses, for the status page; bounded.
    recent_withheld: deque[tuple[float, str]] = field(default_factory=lambda: deque(maxlen=200))

    # agent label → when its ledger counts were last set; series of agents quiet for an hour are
    # dropped, because a gauge set only on activity would otherwise show a stale count forever.
    ledger_updated: dict[str, float] = field(default_factory=dict)

    def agent_label(self, agent: str, now: float | None = None) -> str:
        """The agent's label; an idle agent whose label it takes loses its series."""
        label, evicted = self.agents.admit(agent, time.time() if now is None else now)
        if evicted is not None:
            self._forget(evicted)
        return label

    def _forget(self, agent: str) -> None:
        for metric, names in (
            (self.records_viewed, _RECORDS_LABELS),
            (self.control_events, _EVENT_LABELS),
            (self.ledger_distinct, _LEDGER_LABELS),
        ):
            series = {
                tuple(sample.labels[n] for n in names)
                for family in metric.collect()
                for sample in family.samples
                if sample.labels.get("agent") == agent
            }
            for values in series:
                with contextlib.suppress(KeyError):
                    metric.remove(*values)
        self.distinct.forget(agent)
        self.ledger_updated.pop(agent, None)

    def set_ledger_counts(self, agent_label: str, counts: Counts, now: float | None = None) -> None:
        now = time.time() if now is None else now
        for scope, by_window in (("ticketless", counts.ticketless), ("assigned", counts.assigned)):
            for window, n in by_window.items():
                self.ledger_distinct.labels(agent_label, window, scope).set(n)
        self.ledger_updated[agent_label] = now
        for agent, updated in list(self.ledger_updated.items()):
            if updated < now - LEDGER_QUIET_SECONDS:
                del self.ledger_updated[agent]
                for scope in ("ticketless", "assigned"):
                    for window in LEDGER_WINDOWS:
                        with contextlib.suppress(KeyError):
                            self.ledger_distinct.remove(agent, window, scope)

    def render(self) -> bytes:
        return generate_latest(self.registry)


def create(max_agents: int = 1000) -> Metrics:
    registry = CollectorRegistry(auto_describe=True)
    distinct = DistinctCustomers()
    registry.register(_DistinctCollector(distinct))
    return Metrics(
        registry=registry,
        agents=AgentLabels(max_agents),
        distinct=distinct,
        records_viewed=Counter(
            "scrim_records_viewed_total",
            "Customer records served to each agent.",
            _RECORDS_LABELS,
            registry=registry,
        ),
        entities_masked=Counter(
            "scrim_entities_masked_total",
            "Personal-data values masked, by entity type and role.",
            ["entity_type", "role"],
            registry=registry,
        ),
        entities_revealed=Counter(
            "scrim_entities_revealed_total",
            "Personal-data values served in clear because the role reveals them.",
            ["entity_type", "role"],
            registry=registry,
        ),
        responses=Counter(
            "scrim_responses_total",
            "Responses handled, by route rule name and outcome.",
            ["route", "outcome"],
            registry=registry,
        ),
        withheld=Counter(
            "scrim_withheld_total",
            "Responses withheld (Scrim error sent instead), by reason.",
            ["reason"],
            registry=registry,
        ),
        identity_failures=Counter(
            "scrim_identity_failures_total",
            "Requests refused for lack of a verified identity, by reason.",
            ["reason"],
            registry=registry,
        ),
        processing_seconds=Histogram(
            "scrim_response_processing_seconds",
            "Time Scrim spent on a response (decode, detect, mask, encode, audit).",
            ["route"],
            buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0),
            registry=registry,
        ),
        rules_reloads=Counter(
            "scrim_rules_reloads_total",
            "Rules reload attempts, by result (ok, invalid).",
            ["result"],
            registry=registry,
        ),
        rules_info=Gauge(
            "scrim_rules_info", "The loaded rules version (value 1).", ["version"], registry=registry
        ),
        ready=Gauge("scrim_ready", "1 once rules, keys, model and audit sink are loaded.", registry=registry),
        audit_last_seq=Gauge(
            "scrim_audit_last_seq",
            "Seq of the last audit line written (hash-chained logs): lines cut off the end of the log "
            "show as a file ending before it.",
            registry=registry,
        ),
        audit_failures=Counter(
            "scrim_audit_failures_total", "Audit records that could not be written.", registry=registry
        ),
        inflight_bytes=Gauge(
            "scrim_inflight_bytes", "Response bytes being inspected right now.", registry=registry
        ),
        control_events=Counter(
            "scrim_control_events_total",
            "Insider-threat controls triggered: canary, quota_soft, justification_required, justified,"
            " quota_exceeded, break_glass, search.",
            _EVENT_LABELS,
            registry=registry,
        ),
        ledger_distinct=Gauge(
            "scrim_ledger_distinct_customers",
            "Distinct customers served to each agent per window and scope (assigned or ticketless),"
            " as the shared ledger counts them across replicas (last value seen by this replica).",
            _LEDGER_LABELS,
            registry=registry,
        ),
        ledger_shared=Gauge(
            "scrim_ledger_shared",
            "1 while the shared ledger (Redis) is in use; 0 when counting has fallen back to local.",
            registry=registry,
        ),
    )
