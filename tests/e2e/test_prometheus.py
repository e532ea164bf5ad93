"""The dashboard and the alerts against a real Prometheus that scraped a real `scrim serve`.

Scrim (shipped rules, one detector worker with the real model) runs in front of the demo CRM, which
accepts only the API key Scrim injects. Several agents in several roles generate traffic — masked,
revealed, withheld and unauthenticated responses — and the rules are reloaded once validly and once
invalidly, while Prometheus (the Debian package) scrapes every second with deploy/prometheus's config
and alert rules. Then every query of every panel in deploy/grafana/scrim.json must parse and return
data, the rules must load and evaluate without error, and no label may carry customer data.

The insider-threat controls fire too, once each, from agents outside the steady traffic: the rules
copy adds a canary (a customer on no ticket, which the steady traffic never asks for) and a `trainee`
role with a small quota, so one agent walks through every quota step (soft, justification required,
justified, exceeded); a tier2 agent breaks the glass once; an agent named as a ticket's assignee
views that ticket (the ledger's `assigned` scope). No Redis: the ledger is local
(scrim_ledger_shared 0).
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import re
import shutil
import sqlite3
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlencode

import pytest
import yaml

from proxy.demo.crm import make_server
from proxy.demo.seed import seed
from proxy.identity import mint_dev_token

from .conftest import (
    CRM_CUSTOMERS,
    CRM_TICKETS,
    JWT_SECRET,
    REPO,
    ScrimProcess,
    copy_rules,
    free_port,
    http_request,
    running_scrim,
    scrim_env,
    stop_process,
)

pytestmark = pytest.mark.e2e

PROMETHEUS_DIR = REPO / "deploy" / "prometheus"
DASHBOARD = REPO / "deploy" / "grafana" / "scrim.json"
CRM_API_KEY = "e2e-crm-api-key-only-scrim-holds-0123456789"
STEADY_AGENTS = {  # the steady traffic, every round
    "agent-ann": "tier1",
    "agent-bob": "tier1",
    "agent-cy": "tier2",
    "agent-dee": "fraud",
    "agent-eve": "contractor",
}
TRAINEE = "agent-fay"  # walks through the quota steps once
ASSIGNEE = "agent-001"  # an assignee in the seeded tickets: views one of them once
AGENTS = {**STEADY_AGENTS, TRAINEE: "trainee", ASSIGNEE: "tier1"}
# The rules copy's `trainee` role: tier1 with a quota the trainee's three pages of PAGE customers cross.
TRAINEE_QUOTA = {"window": "1h", "soft": 5, "justify": 10, "hard": 20}
PAGE = 8
# Grafana's variables, as the dashboard would fill them in for "last 10 minutes, all replicas".
VARIABLES = {"$__rate_interval": "1m", "$__interval": "15s", "$__range": "10m", "$instance": ".*"}
TRAFFIC_SECONDS = 40.0
MAX_TRAFFIC_REQUESTS = 2000


# -- Prometheus ------------------------------------------------------------------------------------


class Prometheus:
    """`prometheus` as a child process on a loopback port, output in files."""

    def __init__(self, workdir: Path, scrim_metrics_port: int) -> None:
        binary = shutil.which("prometheus")
        if binary is None:
            pytest.fail("prometheus not found on PATH: `.ci/run` installs it (Debian package `prometheus`)")
        config: dict[str, Any] = yaml.safe_load((PROMETHEUS_DIR / "prometheus.yml").read_text())
        config["global"] = {"scrape_interval": "1s", "evaluation_interval": "1s"}
        config["rule_files"] = [str(PROMETHEUS_DIR / name) for name in config["rule_files"]]
        config.pop("alerting")
        job = next(j for j in config["scrape_configs"] if j["job_name"] == "scrim")
        job["static_configs"] = [{"targets": [f"127.0.0.1:{scrim_metrics_port}"]}]
        config["scrape_configs"] = [job]  # not the self-scrape: nothing of ours on localhost:9090
        (workdir / "prometheus.yml").write_text(yaml.safe_dump(config))
        self.port = free_port()
        self._out: IO[bytes] = (workdir / "prometheus.log").open("wb")
        self.log_path = workdir / "prometheus.log"
        self.proc = subprocess.Popen(
            [
                binary,
                f"--config.file={workdir / 'prometheus.yml'}",
                f"--storage.tsdb.path={workdir / 'tsdb'}",
                f"--web.listen-address=127.0.0.1:{self.port}",
            ],
            stdin=subprocess.DEVNULL,
            stdout=self._out,
            stderr=subprocess.STDOUT,
            cwd=workdir,
        )

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-4000:]

    def wait_ready(self, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                pytest.fail(f"prometheus exited with {self.proc.returncode}:\n{self.log()}")
            with contextlib.suppress(OSError, http.client.HTTPException):
                if http_request(self.port, "GET", "/-/ready", timeout=2).status == 200:
                    return
            time.sleep(0.2)
        pytest.fail(f"prometheus not ready within {timeout:.0f}s:\n{self.log()}")

    def api(self, path: str, **params: str) -> Any:
        reply = http_request(self.port, "GET", f"{path}?{urlencode(params)}", timeout=10)
        payload = reply.json()
        assert reply.status == 200 and payload["status"] == "success", (path, params, payload)
        return payload["data"]

    def query(self, expr: str) -> list[dict[str, Any]]:
        data = self.api("/api/v1/query", query=expr)
        assert data["resultType"] == "vector", (expr, data)
        result: list[dict[str, Any]] = data["result"]
        return result

    def stop(self) -> None:
        stop_process(self.proc)
        self._out.close()


# -- traffic ---------------------------------------------------------------------------------------


def _bearer(agent: str, role: str, ttl: int = 3600) -> tuple[str, str]:
    return ("Authorization", f"Bearer {mint_dev_token(JWT_SECRET.encode(), agent, role, ttl, None, None)}")


@dataclass(frozen=True)
class Plan:
    """Customers and tickets of the seeded CRM that the one-off control requests use."""

    canary: int  # a customer on no ticket: only the canary request serves it
    own_ticket: int  # a ticket assigned to ASSIGNEE


def _plan(db: Path) -> Plan:
    with contextlib.closing(sqlite3.connect(db)) as conn:
        requesters = {row[0] for row in conn.execute("SELECT requester_id FROM tickets")}
        own = conn.execute("SELECT min(id) FROM tickets WHERE assignee_id = ?", (ASSIGNEE,)).fetchone()[0]
    canary = max(set(range(1, CRM_CUSTOMERS + 1)) - requesters)
    assert canary > 4 * PAGE, "the trainee's pages must not reach the canary"
    assert own is not None, f"no ticket assigned to {ASSIGNEE} in the seeded CRM"
    return Plan(canary, own)


def _controls(plan: Plan) -> Iterator[tuple[str, list[tuple[str, str]], int | None]]:
    """Once, before the steady traffic: requests that trigger each control event once."""
    trainee = [_bearer(TRAINEE, AGENTS[TRAINEE])]
    reason = ("X-Scrim-Justification", "TICKET-42 reviewing a disputed charge")
    users = f"/api/v2/users?per_page={PAGE}&page="
    yield users + "1", trainee, 200  # 8 ticketless > soft 5: quota_soft
    yield "/api/v2/users/9", trainee, 200
    yield "/api/v2/users/10", trainee, 200  # 10: at justify
    yield users + "2", trainee, 429  # 16 > justify 10: justification_required
    yield "/api/v2/users/11", [*trainee, reason], 200  # justified: one customer per reason
    yield f"/api/v2/users?per_page={2 * PAGE}&page=2", [*trainee, reason], 429  # 27 > hard 20: quota_exceeded
    yield f"/api/v2/users/{plan.canary}", [_bearer("agent-eve", AGENTS["agent-eve"])], 200  # canary
    glass = [_bearer("agent-cy", AGENTS["agent-cy"]), ("X-Scrim-Break-Glass", "e2e: fraud callback")]
    yield "/api/v2/users/7", glass, 200  # break_glass
    yield f"/api/v2/tickets/{plan.own_ticket}", [_bearer(ASSIGNEE, AGENTS[ASSIGNEE])], 200  # assigned


def _requests(round_no: int, plan: Plan) -> Iterator[tuple[str, list[tuple[str, str]], int | None]]:
    """(path, headers, expected status) for one round: every agent, several routes, some refusals."""
    for i, (agent, role) in enumerate(STEADY_AGENTS.items()):
        customer = (round_no * 7 + i * 11) % CRM_CUSTOMERS + 1
        if customer == plan.canary:
            customer = customer % CRM_CUSTOMERS + 1
        ticket = (round_no * 5 + i * 13) % CRM_TICKETS + 1
        auth = [_bearer(agent, role)]
        yield f"/api/v2/users/{customer}", auth, 200
        yield f"/api/v2/tickets/{ticket}", auth, 200
        if round_no % 3 == i % 3:
            page = round_no % 6 + 1
            if (page - 1) * 10 < plan.canary <= page * 10:
                page = page % 6 + 1
            yield f"/api/v2/users?page={page}&per_page=10", auth, 200
    # withheld: a WebSocket upgrade on a data route is refused, never tunnelled
    ann = _bearer("agent-ann", "tier1")
    yield "/api/v2/users/1", [ann, ("Upgrade", "websocket"), ("Connection", "Upgrade")], None
    # unauthenticated: no token, an expired one, a forged one
    yield "/api/v2/users/2", [], 401
    yield "/api/v2/users/3", [_bearer("agent-ann", "tier1", ttl=-3600)], 401
    yield "/api/v2/users/4", [("Authorization", "Bearer not.a.token")], 401


@dataclass
class Traffic:
    statuses: dict[int, int]
    unexpected: list[str]


def _send(
    scrim: ScrimProcess, traffic: Traffic, path: str, headers: list[tuple[str, str]], expected: int | None
) -> None:
    reply = http_request(scrim.port, "GET", path, headers, timeout=30)
    traffic.statuses[reply.status] = traffic.statuses.get(reply.status, 0) + 1
    if expected is not None and reply.status != expected:
        traffic.unexpected.append(f"{path}: {reply.status} {reply.body[:200]!r}")


def generate_traffic(scrim: ScrimProcess, plan: Plan, stop: threading.Event, traffic: Traffic) -> None:
    for request in _controls(plan):
        _send(scrim, traffic, *request)
    deadline = time.monotonic() + TRAFFIC_SECONDS
    sent = 0
    round_no = 0
    while not stop.is_set() and time.monotonic() < deadline and sent < MAX_TRAFFIC_REQUESTS:
        for request in _requests(round_no, plan):
            _send(scrim, traffic, *request)
            sent += 1
        round_no += 1


# -- the stack -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Stack:
    scrim: ScrimProcess
    prometheus: Prometheus
    traffic: Traffic
    db: Path
    plan: Plan


def _wait_for(what: str, check: Any, timeout: float, scrim: ScrimProcess | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.25)
    detail = scrim.stderr()[-3000:] if scrim is not None else ""
    pytest.fail(f"timed out waiting for {what}\n{detail}")


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    workdir = tmp_path_factory.mktemp("prometheus-e2e")
    db = workdir / "crm.sqlite"
    seed(db, customers=CRM_CUSTOMERS, tickets=CRM_TICKETS)
    plan = _plan(db)
    crm = make_server("127.0.0.1", 0, db, api_key=CRM_API_KEY)
    crm_thread = threading.Thread(target=crm.serve_forever, name="e2e-prometheus-crm", daemon=True)
    crm_thread.start()
    rules = copy_rules(workdir / "rules")
    policy_doc = yaml.safe_load((rules / "policy.yaml").read_text())
    policy_doc["canaries"] = [*policy_doc.get("canaries", []), str(plan.canary)]
    policy_doc["roles"]["trainee"] = {
        **policy_doc["roles"]["tier1"],
        "description": "e2e: tier1 with a small quota",
        "quota": TRAINEE_QUOTA,
    }
    (rules / "policy.yaml").write_text(yaml.safe_dump(policy_doc, sort_keys=False))
    (workdir / "scrim").mkdir()
    env = scrim_env(SCRIM_UPSTREAM_AUTHORIZATION=f"Bearer {CRM_API_KEY}")
    crm_url = f"http://127.0.0.1:{crm.server_address[1]}"
    stop = threading.Event()
    traffic = Traffic({}, [])
    with contextlib.ExitStack() as cleanup:
        cleanup.callback(crm_thread.join, 5)
        cleanup.callback(crm.server_close)
        cleanup.callback(crm.shutdown)
        scrim = cleanup.enter_context(running_scrim(workdir / "scrim", crm_url, rules=rules, env=env))
        prometheus = Prometheus(workdir, scrim.metrics_port)
        cleanup.callback(prometheus.stop)
        prometheus.wait_ready()
        sender = threading.Thread(
            target=generate_traffic, args=(scrim, plan, stop, traffic), name="e2e-traffic"
        )
        sender.start()
        cleanup.callback(sender.join, 60)
        cleanup.callback(stop.set)

        # One valid reload (same content, new mtime) and one refused (invalid policy), under traffic.
        policy = rules / "policy.yaml"
        time.sleep(3)
        os.utime(policy)
        _wait_for(
            "a valid reload", lambda: scrim.metric("scrim_rules_reloads_total", result="ok") >= 1, 40, scrim
        )
        policy.write_text("version: 1\nroles: {tier1: {default: no_such_mask}}\n")
        _wait_for(
            "a refused reload",
            lambda: scrim.metric("scrim_rules_reloads_total", result="invalid") >= 1,
            20,
            scrim,
        )

        def scraped_enough() -> bool:
            # ten scrapes in the last minute, the latest of which has seen the refused reload
            up = prometheus.query('count_over_time(up{job="scrim"}[1m]) >= 10')
            seen = prometheus.query('scrim_rules_reloads_total{job="scrim", result="invalid"}')
            return bool(up and seen)

        _wait_for("Prometheus to scrape Scrim", scraped_enough, 30)

        def controls_scraped() -> bool:
            events = prometheus.query('count by (event) (scrim_control_events_total{job="scrim"})')
            return len(events) == 6

        _wait_for("Prometheus to see every control event", controls_scraped, 30, scrim)
        time.sleep(2)  # a couple of rule evaluations after that
        yield Stack(scrim, prometheus, traffic, db, plan)


# -- the tests -------------------------------------------------------------------------------------


def dashboard_queries() -> list[tuple[str, str, str]]:
    board = json.loads(DASHBOARD.read_text())
    out = []
    for panel in board["panels"]:
        for inner in [panel, *panel.get("panels", [])]:
            for target in inner.get("targets", []):
                out.append((inner["title"], target["refId"], target["expr"]))
    return out


def substitute(expr: str) -> str:
    for name in sorted(
        VARIABLES, key=len, reverse=True
    ):  # $__range before $__rate_interval is fine either way
        expr = expr.replace("${" + name[1:] + "}", VARIABLES[name]).replace(name, VARIABLES[name])
    assert "$" not in expr, f"unsubstituted variable in {expr}"
    return expr


QUERIES = dashboard_queries()


def test_traffic_was_as_planned(stack: Stack) -> None:
    assert not stack.traffic.unexpected, stack.traffic.unexpected[:5]
    statuses = stack.traffic.statuses
    assert statuses.get(200, 0) >= 20 and statuses.get(401, 0) >= 3, statuses
    assert sum(n for status, n in statuses.items() if status >= 500) >= 1, statuses  # withheld


@pytest.mark.parametrize(("title", "ref", "expr"), QUERIES, ids=[f"{t} [{r}]" for t, r, _ in QUERIES])
def test_dashboard_query_returns_data(stack: Stack, title: str, ref: str, expr: str) -> None:
    result = stack.prometheus.query(substitute(expr))
    assert result, f"{title} [{ref}]: no data for {substitute(expr)}"


def test_dashboard_variable_queries(stack: Stack) -> None:
    board = json.loads(DASHBOARD.read_text())
    for variable in board["templating"]["list"]:
        if variable["type"] != "query":
            continue
        query = variable["query"]["query"] if isinstance(variable["query"], dict) else variable["query"]
        match = re.fullmatch(r"label_values\((.+),\s*(\w+)\)", query)
        assert match, query
        values = stack.prometheus.api(f"/api/v1/label/{match.group(2)}/values", **{"match[]": match.group(1)})
        assert values == [f"127.0.0.1:{stack.scrim.metrics_port}"], (query, values)


def test_dashboard_shows_what_happened(stack: Stack) -> None:
    q = stack.prometheus.query

    def labels(expr: str, name: str) -> set[str]:
        return {sample["metric"][name] for sample in q(substitute(expr))}

    agents = labels('sum by (agent) (scrim_records_viewed_total{job="scrim"})', "agent")
    assert agents == set(AGENTS), agents
    distinct = labels(
        'topk(20, sum by (agent) (scrim_agent_distinct_customers{job="scrim", window="1h"}))', "agent"
    )
    assert distinct == set(AGENTS)
    assert "unsupported_protocol" in labels('sum by (reason) (scrim_withheld_total{job="scrim"})', "reason")
    assert len(labels('sum by (reason) (scrim_identity_failures_total{job="scrim"})', "reason")) >= 2
    assert labels('sum by (result) (scrim_rules_reloads_total{job="scrim"})', "result") == {"ok", "invalid"}
    assert {"tier1", "tier2", "_none"} <= labels(  # an unbound role masks as `_none`
        'sum by (role) (scrim_entities_masked_total{job="scrim"})', "role"
    )
    assert "fraud" in labels('sum by (role) (scrim_entities_revealed_total{job="scrim"})', "role")
    assert q('scrim_ready{job="scrim"} == 1') and q('up{job="scrim"} == 1')
    # Over all observations, not a rate: the traffic may be more than a minute old by now (a slow
    # machine running the dashboard queries first), and a rate over [1m] is then 0/0.
    p99 = q('histogram_quantile(0.99, sum by (le) (scrim_response_processing_seconds_bucket{job="scrim"}))')
    assert 0 < float(p99[0]["value"][1]) < 10


def test_dashboard_shows_the_controls(stack: Stack) -> None:
    """Each control event is counted under the agent who triggered it, and only them."""
    q = stack.prometheus.query
    by_event: dict[str, set[str]] = {}
    for sample in q('sum by (agent, event) (scrim_control_events_total{job="scrim"})'):
        by_event.setdefault(sample["metric"]["event"], set()).add(sample["metric"]["agent"])
    assert by_event["canary"] == {"agent-eve"}, by_event
    assert by_event["break_glass"] == {"agent-cy"}, by_event
    for event in ("justification_required", "justified", "quota_exceeded"):
        assert by_event[event] == {TRAINEE}, (event, by_event)
    # tier1's shipped soft quota (30 a day) is crossed by the steady tier1 agents too, in time
    assert TRAINEE in by_event["quota_soft"] and by_event["quota_soft"] <= {TRAINEE, "agent-ann", "agent-bob"}

    def ledger(agent: str, window: str, scope: str) -> float:
        selector = f'job="scrim", agent="{agent}", window="{window}", scope="{scope}"'
        (sample,) = q(f"scrim_ledger_distinct_customers{{{selector}}}")
        return float(sample["value"][1])

    # a page and three single customers served (the other pages were withheld), all outside the
    # trainee's tickets
    assert ledger(TRAINEE, "1h", "ticketless") == PAGE + 3
    assert ledger(ASSIGNEE, "24h", "assigned") == 1 and ledger(ASSIGNEE, "24h", "ticketless") == 0
    assert [float(s["value"][1]) for s in q('scrim_ledger_shared{job="scrim"}')] == [0.0]  # no Redis


def test_control_alerts_fire(stack: Stack) -> None:
    """The control alerts name the agent; the first event of a series is enough to fire them."""
    alerts = stack.prometheus.api("/api/v1/alerts")["alerts"]
    firing = {(a["labels"]["alertname"], a["labels"].get("agent")) for a in alerts if a["state"] == "firing"}
    assert ("ScrimCanaryTouched", "agent-eve") in firing, alerts
    assert ("ScrimQuotaExceeded", TRAINEE) in firing, alerts
    assert ("ScrimBreakGlassUsed", "agent-cy") in firing, alerts
    assert {agent for name, agent in firing if name == "ScrimCanaryTouched"} == {"agent-eve"}
    # no Redis: the ledger is local from the start, pending until it has been so for 10 minutes
    states = {(a["labels"]["alertname"], a["state"]) for a in alerts}
    assert ("ScrimLedgerLocal", "pending") in states, alerts
    assert not any(a["labels"]["alertname"] == "ScrimJustificationsSurge" for a in alerts), alerts
    # the steady agents each see 50+ customers off their tickets within a minute: pending (`for: 2m`)
    many = [a for a in alerts if a["labels"]["alertname"] == "ScrimAgentManyTicketlessCustomers"]
    assert {a["labels"]["agent"] for a in many} <= set(STEADY_AGENTS), many
    assert {a["state"] for a in many} <= {"pending"}, many


def test_alert_rules_load_and_evaluate(stack: Stack) -> None:
    groups = stack.prometheus.api("/api/v1/rules")["groups"]
    shipped = yaml.safe_load((PROMETHEUS_DIR / "alerts.yaml").read_text())["groups"]
    assert sorted(g["name"] for g in groups) == sorted(g["name"] for g in shipped)
    assert sum(len(g["rules"]) for g in groups) == sum(len(g["rules"]) for g in shipped)
    for group in groups:
        for rule in group["rules"]:
            assert rule.get("lastError", "") == "", (rule["name"], rule["lastError"])
            assert rule["health"] in {"ok", "unknown"}, (rule["name"], rule["health"])
            if group["interval"] == 1:  # the 5-minute baseline group may not have run yet
                assert rule["health"] == "ok", rule["name"]
    # every rule expression parses and runs on this Prometheus version too
    for group in shipped:
        for rule in group["rules"]:
            stack.prometheus.query(rule["expr"])


def test_refused_reload_fires_its_alert(stack: Stack) -> None:
    """The first refused reload creates the `invalid` series: the alert must still see it."""
    alerts = stack.prometheus.api("/api/v1/alerts")["alerts"]
    firing = {(a["labels"]["alertname"], a["state"]) for a in alerts}
    assert ("ScrimRulesReloadFailed", "firing") in firing, alerts
    for name in ("ScrimDown", "ScrimNotReady", "ScrimMissing", "ScrimAuditFailures"):
        assert not any(a["labels"]["alertname"] == name for a in alerts), alerts


def _customer_values(db: Path) -> set[str]:
    with contextlib.closing(sqlite3.connect(db)) as conn:
        rows = conn.execute("SELECT name, email, phone, external_id FROM users").fetchall()
    return {str(v) for row in rows for v in row if v}


def test_no_customer_data_in_any_label(stack: Stack) -> None:
    values: set[str] = set()
    for expr in ('{job="scrim"}', *(substitute(e) for _, _, e in QUERIES)):
        for sample in stack.prometheus.query(expr):
            values.update(sample["metric"].values())
    customers = _customer_values(stack.db)
    assert len(customers) > 100
    leaked = {v for v in values if v in customers or "@" in v}
    assert not leaked, leaked
    agents = {
        v
        for s in stack.prometheus.query('{job="scrim", agent!=""}')
        for k, v in s["metric"].items()
        if k == "agent"
    }
    assert agents == set(AGENTS)


def test_status_page_after_traffic(stack: Stack) -> None:
    reply = http_request(stack.scrim.metrics_port, "GET", "/", timeout=10)
    assert reply.status == 200
    page = reply.text
    for agent in AGENTS:
        assert agent in page
    assert "unsupported_protocol" in page
    version = stack.prometheus.query('scrim_rules_info{job="scrim"}')[0]["metric"]["version"]
    assert f"<code>{version}</code>" in page
    for value in _customer_values(stack.db):
        assert value not in page
