"""proxy/metrics.py: bounded agent labels, distinct customers per window, the exposition."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import pytest

from proxy.metrics import OVERFLOW, WINDOWS, AgentLabels, DistinctCustomers, create

HOUR = 3600.0
DAY = 86400.0
T0 = 1_700_000_000.0


# --------------------------------------------------------------------------------------------
# AgentLabels
# --------------------------------------------------------------------------------------------


def test_agent_labels_cap_and_overflow() -> None:
    labels = AgentLabels(3)
    assert [labels.admit(a, T0)[0] for a in ["a", "b", "c"]] == ["a", "b", "c"]
    # past the cap every new agent shares the overflow bucket
    assert [labels.admit(f"forged-{i}", T0)[0] for i in range(100)] == [OVERFLOW] * 100
    # admitted agents keep their own label
    assert [labels.admit(a, T0)[0] for a in ["c", "a", "b"]] == ["c", "a", "b"]


@pytest.mark.parametrize("limit", [0, 1, 5])
def test_agent_labels_distinct_values_never_exceed_the_cap(limit: int) -> None:
    labels = AgentLabels(limit)
    seen = {labels.admit(f"agent-{i % 50}", T0)[0] for i in range(500)}
    assert len(seen - {OVERFLOW}) == limit
    assert (OVERFLOW in seen) is (limit < 50)


def test_an_idle_agent_gives_its_label_and_its_series_up() -> None:
    # Kept for the life of the process, the first agents held every label: a harvester who came
    # later was only `_overflow`, which every per-agent alert leaves out.
    metrics = create(max_agents=2)
    for agent in ("alice", "bob"):
        label = metrics.agent_label(agent, now=T0)
        metrics.records_viewed.labels(label, "tier1", "customer").inc()
        metrics.distinct.add(label, ["c1"], now=T0)
    assert metrics.agent_label("mallory", now=T0 + HOUR) == OVERFLOW  # both active within a day
    assert metrics.agent_label("bob", now=T0 + 2 * HOUR) == "bob"
    assert metrics.agent_label("mallory", now=T0 + DAY + HOUR) == "mallory"  # alice idle a day
    text = metrics.render().decode()
    assert 'agent="alice"' not in text and 'agent="bob"' in text
    assert metrics.agent_label("carol", now=T0 + DAY + HOUR) == OVERFLOW


def test_agent_labels_under_concurrency() -> None:
    labels = AgentLabels(10)
    out: list[str] = []
    lock = threading.Lock()

    def work(base: int) -> None:
        got = [labels.admit(f"agent-{base}-{i}", T0)[0] for i in range(50)]
        with lock:
            out.extend(got)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(out) - {OVERFLOW}) == 10
    assert out.count(OVERFLOW) == 8 * 50 - 10


# --------------------------------------------------------------------------------------------
# DistinctCustomers
# --------------------------------------------------------------------------------------------


def test_windows() -> None:
    assert WINDOWS == {"1h": HOUR, "24h": DAY}


def test_distinct_counts_each_customer_once() -> None:
    tracker = DistinctCustomers()
    tracker.add("alice", ["c1", "c2", "c1"], now=T0)
    tracker.add("alice", ["c2", "c3"], now=T0 + 10)
    tracker.add("bob", ["c1"], now=T0 + 20)
    assert tracker.counts(HOUR, now=T0 + 30) == {"alice": 3, "bob": 1}
    assert tracker.counts(DAY, now=T0 + 30) == {"alice": 3, "bob": 1}


@pytest.mark.parametrize(
    ("now", "hour", "day"),
    [
        # all three within the hour
        (T0 + 2 * 60, 3, 3),
        # c1 (viewed at T0) falls out of the hour first
        (T0 + HOUR + 1, 2, 3),
        # c2 (T0 + 30 min) and c3 (T0 + 50 min) follow
        (T0 + 30 * 60 + HOUR + 1, 1, 3),
        (T0 + 50 * 60 + HOUR + 1, 0, 3),
        # the day window drops them in the same order
        (T0 + DAY + 1, 0, 2),
        (T0 + 50 * 60 + DAY + 1, None, None),
    ],
)
def test_distinct_windows_expire(now: float, hour: int | None, day: int | None) -> None:
    tracker = DistinctCustomers()
    tracker.add("alice", ["c1"], now=T0)
    tracker.add("alice", ["c2"], now=T0 + 30 * 60)
    tracker.add("alice", ["c3"], now=T0 + 50 * 60)
    assert tracker.counts(HOUR, now=now).get("alice") == hour
    assert tracker.counts(DAY, now=now).get("alice") == day


def test_distinct_re_view_refreshes() -> None:
    tracker = DistinctCustomers()
    tracker.add("alice", ["c1", "c2"], now=T0)
    tracker.add("alice", ["c1"], now=T0 + 2 * HOUR)  # c1 seen again
    assert tracker.counts(HOUR, now=T0 + 2 * HOUR + 60) == {"alice": 1}
    assert tracker.counts(DAY, now=T0 + 2 * HOUR + 60) == {"alice": 2}
    # a day after the first view, c2 has expired and c1 has not
    assert tracker.counts(DAY, now=T0 + DAY + 60) == {"alice": 1}
    assert tracker.counts(DAY, now=T0 + 2 * HOUR + DAY + 60) == {}


def test_distinct_expired_agents_disappear() -> None:
    tracker = DistinctCustomers()
    tracker.add("alice", ["c1"], now=T0)
    tracker.add("bob", ["c1"], now=T0 + DAY)
    assert tracker.counts(DAY, now=T0 + DAY + 1) == {"bob": 1}
    assert tracker.counts(HOUR, now=T0 + DAY + 1) == {"bob": 1}


def test_distinct_per_agent_cap_keeps_the_most_recent() -> None:
    tracker = DistinctCustomers(max_per_agent=3)
    tracker.add("alice", [f"c{i}" for i in range(10)], now=T0)
    tracker.add("alice", ["c0"], now=T0 + 1)
    assert tracker.counts(HOUR, now=T0 + 2) == {"alice": 3}
    tracker.add("alice", ["c7", "c8", "c9"], now=T0 + 3)  # re-views: c0 is now the oldest and goes
    tracker.add("alice", ["new"], now=T0 + 4)
    assert tracker.counts(HOUR, now=T0 + 5) == {"alice": 3}


def test_distinct_no_customers() -> None:
    tracker = DistinctCustomers()
    tracker.add("alice", [], now=T0)
    assert tracker.counts(HOUR, now=T0) == {}


# --------------------------------------------------------------------------------------------
# Exposition
# --------------------------------------------------------------------------------------------

COUNTERS = [
    "scrim_records_viewed_total",
    "scrim_entities_masked_total",
    "scrim_entities_revealed_total",
    "scrim_responses_total",
    "scrim_withheld_total",
    "scrim_identity_failures_total",
    "scrim_rules_reloads_total",
    "scrim_audit_failures_total",
]


def test_exposition() -> None:
    metrics = create(max_agents=2)
    metrics.distinct.add("alice", ["c1", "c2"])
    metrics.distinct.add("bob", ["c9"])
    metrics.records_viewed.labels(agent="alice", role="tier1", record_type="customer").inc(2)
    metrics.withheld.labels(reason="decoded_too_large").inc()
    metrics.processing_seconds.labels(route="users.get").observe(0.003)
    metrics.rules_info.labels(version="abc123").set(1)
    metrics.ready.set(1)
    text = metrics.render().decode()

    assert "# TYPE scrim_agent_distinct_customers gauge" in text
    assert 'scrim_agent_distinct_customers{agent="alice",window="1h"} 2.0' in text
    assert 'scrim_agent_distinct_customers{agent="alice",window="24h"} 2.0' in text
    assert 'scrim_agent_distinct_customers{agent="bob",window="1h"} 1.0' in text
    assert 'scrim_agent_distinct_customers{agent="bob",window="24h"} 1.0' in text
    for name in COUNTERS:
        assert f"# TYPE {name} counter" in text, name
    assert 'scrim_records_viewed_total{agent="alice",record_type="customer",role="tier1"} 2.0' in text
    assert 'scrim_withheld_total{reason="decoded_too_large"} 1.0' in text
    assert "# TYPE scrim_response_processing_seconds histogram" in text
    assert 'scrim_response_processing_seconds_bucket{le="0.005",route="users.get"} 1.0' in text
    assert 'scrim_rules_info{version="abc123"} 1.0' in text
    assert "scrim_ready 1.0" in text
    assert "scrim_inflight_bytes 0.0" in text
    # every metric name is ours
    names = {m.group(1) for m in re.finditer(r"^# TYPE (\S+) ", text, re.MULTILINE)}
    assert all(n.startswith("scrim_") for n in names)


def test_each_create_has_its_own_registry() -> None:
    a, b = create(), create()
    a.withheld.labels(reason="x").inc()
    assert 'scrim_withheld_total{reason="x"}' in a.render().decode()
    assert 'scrim_withheld_total{reason="x"}' not in b.render().decode()


def test_agent_label_cap_from_create() -> None:
    metrics = create(max_agents=1)
    assert metrics.agent_label("alice") == "alice"
    assert metrics.agent_label("mallory") == OVERFLOW


def test_ledger_counts_of_quiet_agents_are_dropped() -> None:
    from proxy.ledger import Counts
    from proxy.metrics import create

    m = create()
    m.set_ledger_counts("agent-old", Counts({"1h": 3}, {"1h": 0}), now=1000.0)
    m.set_ledger_counts("agent-new", Counts({"1h": 5}, {"1h": 1}), now=1000.0 + 3601)
    body = m.render().decode()
    assert 'scrim_ledger_distinct_customers{agent="agent-new",scope="ticketless",window="1h"} 5.0' in body
    assert "agent-old" not in body


def test_the_last_audit_seq_is_exported(tmp_path: Path) -> None:
    # The anchor the audit module names for a log cut short at its end: it did not exist.
    from proxy.audit import AuditLog
    from proxy.model import Outcome
    from proxy.record import Recorder, View

    metrics = create()
    recorder = Recorder(metrics, AuditLog(tmp_path / "audit.jsonl", key=b"k" * 32))
    for i in range(3):
        recorder.record(View(f"r{i}", None, "users.get", "GET", 200, Outcome.PASSED, "v1", 0.01))
    assert metrics.registry.get_sample_value("scrim_audit_last_seq") == 3.0
    recorder.audit.close()
    restarted = create()
    Recorder(restarted, AuditLog(tmp_path / "audit.jsonl", key=b"k" * 32))  # where the log goes on from
    assert restarted.registry.get_sample_value("scrim_audit_last_seq") == 3.0
