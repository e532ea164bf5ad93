"""A few days of the simulation (`make simulate` runs the month): the controls tell the harvesters apart."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from tests.sim.run import Config, Summary, render, run

TINY = Config(
    agents=16,
    days=3,
    harvest_rates=(15, 25, 60),
    harvest_from_day=0,
    burst=450,
    burst_day=2,
    new_hires=2,
    hire_day=1,
    customers=1000,
    tickets=600,
    canaries=15,
    cli_table=False,
)


@pytest.fixture(scope="module")
def summary(tmp_path_factory: pytest.TempPathFactory) -> Summary:
    return run(TINY, tmp_path_factory.mktemp("sim"), log=io.StringIO())


def test_attribution_ranks_the_harvesters_on_top(summary: Summary) -> None:
    assert sorted(h.rank for h in summary.harvesters) == [1, 2, 3], render(summary)
    fourth = summary.attribution.ranking[3]
    assert all(h.score > 2 * fourth.score for h in summary.harvesters)


def test_normal_work_is_never_limited(summary: Summary) -> None:
    assert not summary.normal_refused, summary.normal_refused
    blocking = {"justification_required", "quota_exceeded", "quota_soft", "canary"}
    assert not blocking & set(summary.normal_events), summary.normal_events
    assert summary.normal_canary_hits == 0


def test_the_hard_quota_holds(summary: Summary) -> None:
    (burst,) = [h for h in summary.harvesters if h.rate == max(TINY.harvest_rates)]
    assert burst.events["justification_required"] >= 1 and burst.events["justified"] >= 1
    assert burst.events["quota_exceeded"] >= 1
    assert burst.max_ticketless_24h == summary.quota_hard["tier2"]


def test_canaries_trip_for_harvesters(summary: Summary) -> None:
    assert sum(h.canary_hits for h in summary.harvesters) >= 1
    tripped = [h for h in summary.harvesters if h.canary_hits]
    assert all("ScrimCanaryTouched" in h.alerts for h in tripped)


def test_the_evidence_holds_together(summary: Summary, tmp_path: Path) -> None:
    assert summary.chain_ok
    assert summary.audit_lines == summary.responses
    assert summary.metric_checks == 2 * TINY.days  # simulated counts == the exporter's, every day
    assert not summary.normal_alerts
