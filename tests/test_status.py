"""The metrics listener over real HTTP: status page, /metrics, probes; the page escapes and leaks nothing."""

from __future__ import annotations

import http.client
import re
import time
from collections.abc import Iterator

import pytest

from proxy.metrics import Metrics, create
from proxy.status import LATEST_WITHHELD, TOP_AGENTS, StatusServer, render, rules_version, snapshot

HOSTILE_AGENT = '<script>alert("x")</script>&"\'agent'
CUSTOMER_IDS = ("cust-4711-secret", "cust-0815-secret")


class Probe:
    """A switchable readiness callback."""

    def __init__(self) -> None:
        self.ready = True
        self.fail = False

    def __call__(self) -> bool:
        if self.fail:
            raise RuntimeError("readiness check exploded")
        return self.ready


@pytest.fixture
def metrics() -> Metrics:
    return create(max_agents=50)


@pytest.fixture
def probe() -> Probe:
    return Probe()


@pytest.fixture
def server(metrics: Metrics, probe: Probe) -> Iterator[StatusServer]:
    status = StatusServer("127.0.0.1", 0, metrics, probe)
    status.start()
    try:
        yield status
    finally:
        status.stop()


def get(server: StatusServer, path: str) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


def page(server: StatusServer) -> str:
    status, headers, body = get(server, "/")
    assert status == 200, body[:300]
    assert headers["content-type"] == "text/html; charset=utf-8"
    return body.decode("utf-8")


# -- endpoints -------------------------------------------------------------------------------------


def test_metrics_endpoint(server: StatusServer, metrics: Metrics) -> None:
    metrics.distinct.add("agent-1", ["c1"])
    status, headers, body = get(server, "/metrics")
    assert status == 200
    assert headers["content-type"].startswith("text/plain; version=0.0.4")
    assert b'scrim_agent_distinct_customers{agent="agent-1",window="1h"} 1.0' in body


def test_healthz(server: StatusServer, probe: Probe) -> None:
    probe.ready = False  # liveness does not depend on readiness
    assert get(server, "/healthz")[:1] == (200,)


@pytest.mark.parametrize(("ready", "expected"), [(True, 200), (False, 503)])
def test_readyz(server: StatusServer, probe: Probe, ready: bool, expected: int) -> None:
    probe.ready = ready
    status, headers, body = get(server, "/readyz")
    assert status == expected
    assert headers["cache-control"] == "no-store"
    assert body == (b'{"ready":true}' if ready else b'{"ready":false}')


@pytest.mark.parametrize("path", ["/index.html", "/status", "/metrics/x", "/healthz/"])
def test_unknown_paths_404(server: StatusServer, path: str) -> None:
    assert get(server, path)[0] == 404


def test_query_string_ignored(server: StatusServer) -> None:
    assert get(server, "/?refresh=1")[0] == 200
    assert get(server, "/readyz?verbose=1")[0] == 200


# -- the page --------------------------------------------------------------------------------------


def test_page_headers_forbid_scripts_and_caching(server: StatusServer) -> None:
    status, headers, _ = get(server, "/")
    assert status == 200
    assert headers["cache-control"] == "no-store"
    csp = headers["content-security-policy"]
    assert "default-src 'none'" in csp
    assert "script-src" not in csp  # falls back to 'none'
    assert headers["x-content-type-options"] == "nosniff"


def test_page_empty_state(server: StatusServer, probe: Probe) -> None:
    probe.ready = False
    text = page(server)
    assert "not ready" in text
    assert "rules version <code>unknown</code>" in text
    assert "No customer records served in the last hour." in text
    assert "No responses withheld in the last hour." in text


def test_page_shows_rules_version_from_gauge(server: StatusServer, metrics: Metrics) -> None:
    metrics.rules_info.labels("3f2a9c1b").set(1)
    assert "rules version <code>3f2a9c1b</code>" in page(server)
    # a reload clears the gauge and sets the new version
    metrics.rules_info.clear()
    metrics.rules_info.labels("77aa00ff").set(1)
    assert rules_version(metrics) == "77aa00ff"
    assert "77aa00ff" in page(server)


def test_page_top_agents_and_withheld(server: StatusServer, metrics: Metrics) -> None:
    now = time.time()
    metrics.distinct.add("agent-busy", [f"c{i}" for i in range(30)], now - 60)
    metrics.distinct.add("agent-quiet", ["c1", "c2"], now - 60)
    metrics.distinct.add("agent-quiet", ["c3", "c4", "c5"], now - 7200)  # 24h only
    metrics.recent_withheld.extend([(now - 10, "body_too_large"), (now - 5, "detection_timeout")])
    metrics.recent_withheld.append((now - 1, "body_too_large"))
    text = page(server)
    assert "ready" in text and "not ready" not in text
    busy, quiet = text.index("agent-busy"), text.index("agent-quiet")
    assert busy < quiet  # most distinct customers first
    rows = re.findall(r"<tr><td>([^<]*)</td><td class=\"n\">(\d+)</td><td class=\"n\">(\d+)</td></tr>", text)
    assert rows == [("agent-busy", "30", "30"), ("agent-quiet", "2", "5")]
    assert '<tr><td>body_too_large</td><td class="n">2</td></tr>' in text
    assert '<tr><td>detection_timeout</td><td class="n">1</td></tr>' in text
    assert "Latest 3 withheld responses" in text
    assert time.strftime("%Y-%m-%d %H:%M", time.gmtime(now - 1)) in text


def test_page_escapes_agent_ids(server: StatusServer, metrics: Metrics) -> None:
    metrics.distinct.add(HOSTILE_AGENT, ["c1"])
    metrics.recent_withheld.append((time.time(), "<b>reason</b>"))
    text = page(server)
    assert "<script" not in text.lower()
    assert "<b>reason" not in text
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&quot;&#x27;agent" in text
    assert "&lt;b&gt;reason&lt;/b&gt;" in text


def test_page_has_no_external_resources(server: StatusServer, metrics: Metrics) -> None:
    metrics.distinct.add("agent-1", ["c1"])
    metrics.recent_withheld.append((time.time(), "body_too_large"))
    text = page(server).lower()
    for marker in (
        "<script",
        "<link",
        "<img",
        "<iframe",
        "src=",
        "@import",
        "url(",
        "http://",
        "https://",
        "//",
    ):
        assert marker not in text.replace("<!doctype html>", ""), marker
    hrefs = re.findall(r'href="([^"]*)"', text)
    assert hrefs and all(h.startswith("/") and not h.startswith("//") for h in hrefs), hrefs


def test_page_never_shows_customer_ids(server: StatusServer, metrics: Metrics) -> None:
    metrics.distinct.add("agent-1", list(CUSTOMER_IDS))
    text = page(server)
    for customer in CUSTOMER_IDS:
        assert customer not in text
    assert "agent-1" in text


def test_page_failure_is_contained(server: StatusServer, probe: Probe) -> None:
    probe.fail = True
    status, headers, body = get(server, "/")
    assert status == 500
    assert headers["content-type"] == "application/json"
    assert b"exploded" not in body
    probe.fail = False
    assert get(server, "/healthz")[0] == 200  # the listener is still up


def test_overflow_agent_is_explained(server: StatusServer, metrics: Metrics) -> None:
    metrics.distinct.add("_overflow", ["c1"])
    assert "_overflow (agents over the label cap)" in page(server)


# -- the snapshot: windows and caps ----------------------------------------------------------------

NOW = 1_800_000_000.0


def test_snapshot_caps_top_agents() -> None:
    metrics = create()
    for i in range(TOP_AGENTS + 15):
        metrics.distinct.add(f"agent-{i:03d}", [f"c{j}" for j in range(i + 1)], NOW - 10)
    top = snapshot(metrics, True, NOW).top_agents
    assert len(top) == TOP_AGENTS
    assert top[0].agent == f"agent-{TOP_AGENTS + 14:03d}"
    assert [row.last_hour for row in top] == sorted((row.last_hour for row in top), reverse=True)


def test_snapshot_ties_sorted_by_agent() -> None:
    metrics = create()
    for agent in ("agent-b", "agent-a", "agent-c"):
        metrics.distinct.add(agent, ["c1"], NOW - 10)
    assert [row.agent for row in snapshot(metrics, True, NOW).top_agents] == ["agent-a", "agent-b", "agent-c"]


def test_snapshot_agents_idle_for_an_hour_are_left_out() -> None:
    metrics = create()
    metrics.distinct.add("agent-old", ["c1"], NOW - 3700)
    metrics.distinct.add("agent-new", ["c1"], NOW - 100)
    assert [row.agent for row in snapshot(metrics, True, NOW).top_agents] == ["agent-new"]


def test_snapshot_withheld_last_hour_only_and_latest_capped() -> None:
    metrics = create()
    metrics.recent_withheld.extend((NOW - 7200 + i, "old_reason") for i in range(5))
    metrics.recent_withheld.extend(
        (NOW - 100 + i, "body_too_large" if i % 3 else "analyzer_error") for i in range(30)
    )
    s = snapshot(metrics, True, NOW)
    assert dict(s.withheld_last_hour) == {"body_too_large": 20, "analyzer_error": 10}
    assert s.withheld_last_hour[0] == ("body_too_large", 20)
    assert len(s.latest_withheld) == LATEST_WITHHELD
    assert s.latest_withheld[0] == (NOW - 100 + 29, "body_too_large")
    assert [t for t, _ in s.latest_withheld] == sorted((t for t, _ in s.latest_withheld), reverse=True)
    assert "old_reason" not in render(s).decode()


def test_snapshot_says_when_the_hour_overflows_the_ring() -> None:
    metrics = create()
    size = metrics.recent_withheld.maxlen
    assert size is not None
    metrics.recent_withheld.extend((NOW - 10, "body_too_large") for _ in range(size + 50))
    s = snapshot(metrics, True, NOW)
    assert s.withheld_capped == size
    assert dict(s.withheld_last_hour) == {"body_too_large": size}
    assert f"Counted from the latest {size} only" in render(s).decode()
    metrics.recent_withheld.extend((NOW - 7200, "old") for _ in range(size - 1))
    metrics.recent_withheld.append((NOW - 10, "body_too_large"))
    assert snapshot(metrics, True, NOW).withheld_capped is None
