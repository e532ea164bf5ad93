"""The insider-threat controls through real processes: two `scrim serve` replicas sharing a real
redis-server, in front of the demo CRM, with a copy of the shipped rules whose tier1 quota is tiny
(soft 3, justify 5, hard 8) and whose canary is a real customer.

Need-to-know reveal (learned from the ticket response, shared by the replicas), graduated quotas,
break-glass and its budget, canaries, one quota across replicas, Redis killed mid-run (masking
unchanged, counting local), then the evidence: `scrim audit verify` and `scrim attribute`.
The oracle is the CRM's own database, read directly. Tests use agents of their own (the ledger is
per agent); the Redis test kills Redis for the rest of the module, so it runs last but one.
"""

from __future__ import annotations

import contextlib
import csv
import os
import re
import sqlite3
import subprocess
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
import pytest

from tests.test_ledger import RedisServer, need_redis_server

from .conftest import SCRIM, Crm, Reply, ScrimProcess, assert_scrim_error, copy_rules, scrim_env

pytestmark = pytest.mark.e2e

AUDIT_KEY = "e2e-audit-key-0123456789abcdef-0123456789abcdef"
TINY_QUOTA = "quota: {window: 24h, soft: 3, justify: 5, hard: 8, contacts: 120, assigned: 3, searches: 3}"
JUSTIFICATION = ("X-Scrim-Justification", "TICKET-1 reason")
BREAK_GLASS = ("X-Scrim-Break-Glass", "fraud call")
CLEAR_FIELDS = ("email", "phone")


@dataclass
class Controls:
    crm: Crm
    a: ScrimProcess
    b: ScrimProcess
    redis: RedisServer
    canary: int
    tickets: list[tuple[int, int, str]]  # (ticket, requester, assignee)
    users: list[int]

    def requesters_of(self, agent: str) -> set[int]:
        return {requester for _, requester, assignee in self.tickets if assignee == agent}

    def ticketless(self, agent: str, n: int, avoid: Sequence[int] = ()) -> list[int]:
        """`n` customers on none of `agent`'s tickets (never the canary)."""
        mine = self.requesters_of(agent) | {self.canary} | set(avoid)
        found = [u for u in self.users if u not in mine][:n]
        assert len(found) == n
        return found


@pytest.fixture(scope="module")
def controls(crm: Crm, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Controls]:
    need_redis_server()
    workdir = tmp_path_factory.mktemp("controls")
    with contextlib.closing(sqlite3.connect(f"file:{crm.db}?mode=ro", uri=True)) as conn:
        # Open tickets only: a solved one is no longer its assignee's work and assigns nothing.
        tickets = conn.execute(
            "SELECT id, requester_id, assignee_id FROM tickets WHERE status != 'solved' ORDER BY id"
        ).fetchall()
        users = [row[0] for row in conn.execute("SELECT id FROM users ORDER BY id")]
    canary = users[-1]
    rules = copy_rules(workdir / "rules")
    policy = rules / "policy.yaml"
    text = policy.read_text(encoding="utf-8")
    text, n = re.subn(
        r"quota: \{window: 24h, soft: 30, justify: 60, hard: 120, contacts: 120, assigned: 200, searches: 400\}",
        TINY_QUOTA,
        text,
    )
    assert n == 1, "the shipped tier1 quota line changed: update this test"
    text, n = re.subn(
        r"(quota: \{window: 24h, soft: 100, justify: 200, hard: 400), contacts: 400, assigned: 600, searches: 1000\}",
        r"\1, contacts: 4}",
        text,
    )
    assert n == 1, "the shipped tier2 quota line changed: update this test"
    text, n = re.subn(r"(?m)^canaries: .*$", f'canaries: ["{canary}"]', text)
    assert n == 1
    policy.write_text(text, encoding="utf-8")

    redis = RedisServer(workdir / "redis")
    redis.start()
    env = scrim_env(SCRIM_AUDIT_KEY=AUDIT_KEY)
    args = ["--model", "none", "--redis-url", redis.url]
    replicas = []
    try:
        for name in ("a", "b"):
            (workdir / name).mkdir()
            replicas.append(ScrimProcess(workdir / name, crm.url, rules, args, env, workers=0))
        a, b = (replica.wait_ready() for replica in replicas)
        yield Controls(crm, a, b, redis, canary, tickets, users)
    finally:
        for replica in replicas:
            replica.stop()
        redis.stop()


# -- helpers -------------------------------------------------------------------------------------


def ok(reply: Reply) -> Any:
    assert reply.status == 200, (reply.status, reply.body[:300])
    return reply.json()


def refused(reply: Reply, status: int, reason: str) -> None:
    assert_scrim_error(reply, (status,), reason)


def last_line(scrim: ScrimProcess, agent: str) -> dict[str, Any]:
    lines = [line for line in scrim.audit_lines() if line.get("agent") == agent]
    assert lines, f"no audit line for {agent}"
    return lines[-1]


def record(line: dict[str, Any], customer: int) -> dict[str, Any]:
    found = [r for r in line["records"] if r["type"] == "customer" and r["id"] == str(customer)]
    assert len(found) == 1, line["records"]
    return found[0]


def events(scrim: ScrimProcess, agent: str, event: str) -> float:
    return scrim.metric("scrim_control_events_total", agent=agent, event=event)


def assert_contact_clear(user: dict[str, Any], oracle: dict[str, Any]) -> None:
    assert (user["email"], user["phone"]) == (oracle["email"], oracle["phone"])


def assert_contact_masked(reply: Reply, oracle: dict[str, Any]) -> None:
    user = reply.json()
    user = user["ticket"]["requester"] if "ticket" in user else user["user"]
    assert user["email"] != oracle["email"] and user["phone"] != oracle["phone"], user
    assert oracle["email"].encode() not in reply.body and oracle["phone"].encode() not in reply.body
    assert user["email"].endswith("@" + oracle["email"].split("@")[1])  # tier1's hint: the domain


# -- need-to-know ------------------------------------------------------------------------------------


def test_assigned_requesters_are_clear_everyone_else_masked(controls: Controls) -> None:
    agent = "agent-003"
    mine = [(t, r) for t, r, a in controls.tickets if a == agent]
    theirs = [(t, r) for t, r, a in controls.tickets if a != agent and r not in controls.requesters_of(agent)]
    (ticket, requester), (other_ticket, other) = mine[0], theirs[0]
    oracle, other_oracle = controls.crm.user(requester), controls.crm.user(other)

    body = ok(controls.a.get(f"/api/v2/tickets/{ticket}", "tier1", agent))
    assert body["ticket"]["assignee_id"] == agent
    assert_contact_clear(body["ticket"]["requester"], oracle)
    line = last_line(controls.a, agent)
    assert record(line, requester)["assigned"] is True
    assert set(CLEAR_FIELDS) <= set(record(line, requester)["clear"])

    # Learned from that response, kept in Redis: the other replica knows it too.
    for replica in (controls.a, controls.b):
        assert_contact_clear(ok(replica.get(f"/api/v2/users/{requester}", "tier1", agent))["user"], oracle)

    # Not this agent's ticket: the requester stays hinted / last-4, in the ticket and the profile.
    for path in (f"/api/v2/tickets/{other_ticket}", f"/api/v2/users/{other}"):
        reply = controls.a.get(path, "tier1", agent)
        ok(reply)
        assert_contact_masked(reply, other_oracle)
    served = record(last_line(controls.a, agent), other)
    assert served["assigned"] is False and set(CLEAR_FIELDS) <= set(served["masked"])


# -- quotas ------------------------------------------------------------------------------------------


def test_quota_soft_then_justification_then_hard(controls: Controls) -> None:
    scrim, agent = controls.a, "agent-005"
    customers = controls.ticketless(agent, 9)

    def view(n: int, *headers: tuple[str, str]) -> Reply:
        return scrim.get(f"/api/v2/users/{customers[n - 1]}", "tier1", agent, headers)

    for n in (1, 2, 3):
        ok(view(n))
        assert last_line(scrim, agent)["events"] == []
    assert events(scrim, agent, "quota_soft") == 0

    ok(view(4))  # above soft: served, and alerted
    assert last_line(scrim, agent)["events"] == ["quota_soft"]
    assert events(scrim, agent, "quota_soft") == 1
    ok(view(5))

    refused(view(6), 429, "justification_required")
    line = last_line(scrim, agent)
    assert line["outcome"] == "withheld" and "justification_required" in line["events"]
    ok(view(6, JUSTIFICATION))
    line = last_line(scrim, agent)
    assert line["justification"] == "TICKET-1 reason" and "justified" in line["events"]
    ok(view(7, JUSTIFICATION))
    ok(view(8, JUSTIFICATION))

    refused(view(9, JUSTIFICATION), 429, "quota_exceeded")  # a reason does not lift the hard limit
    refused(view(9), 429, "quota_exceeded")
    assert events(scrim, agent, "quota_exceeded") == 2

    ok(view(1))  # already seen in the window: never counts again
    ok(view(7))
    # Customers on the agent's own tickets never count, even past the hard limit.
    ticket, requester = next((t, r) for t, r, a in controls.tickets if a == agent)
    body = ok(scrim.get(f"/api/v2/tickets/{ticket}", "tier1", agent))
    assert_contact_clear(body["ticket"]["requester"], controls.crm.user(requester))
    ok(scrim.get(f"/api/v2/users/{requester}", "tier1", agent))
    ledger = scrim.metric("scrim_ledger_distinct_customers", agent=agent, window="24h", scope="ticketless")
    assert ledger == 8


# -- break-glass ---------------------------------------------------------------------------------------


def break_glass_customers(controls: Controls) -> list[int]:
    return controls.users[20:24]


def test_break_glass_reveals_one_customer_from_a_shared_budget(controls: Controls) -> None:
    agent = "e2e-fraud-call-1"
    customers = break_glass_customers(controls)

    refused(controls.a.get("/api/v2/users", "tier2", agent, [BREAK_GLASS]), 403, "break_glass_one_customer")
    normal = controls.a.get(f"/api/v2/users/{customers[0]}", "tier2", agent)
    assert ok(normal)["user"]["ssn"] != controls.crm.user(customers[0])["ssn"]  # tier2: last 4 only

    # Three from the shift's budget, spent on both replicas; then the budget is gone on both.
    for customer, replica in zip(customers[:3], (controls.a, controls.b, controls.a), strict=True):
        body = ok(replica.get(f"/api/v2/users/{customer}", "tier2", agent, [BREAK_GLASS]))
        assert body["user"] == controls.crm.user(customer)  # everything in clear
        line = last_line(replica, agent)
        assert "break_glass" in line["events"] and line["break_glass_reason"] == "fraud call"
    fourth = controls.b.get(f"/api/v2/users/{customers[3]}", "tier2", agent, [BREAK_GLASS])
    refused(fourth, 429, "break_glass_budget")
    assert events(controls.a, agent, "break_glass") == 2 and events(controls.b, agent, "break_glass") == 1
    tier1 = controls.a.get(f"/api/v2/users/{customers[3]}", "tier1", "e2e-fraud-call-2", [BREAK_GLASS])
    refused(tier1, 403, "break_glass_not_allowed")


# -- canaries ------------------------------------------------------------------------------------------


def test_a_canary_is_served_masked_and_raises_an_event(controls: Controls) -> None:
    agent = "e2e-canary-1"
    reply = controls.a.get(f"/api/v2/users/{controls.canary}", "tier1", agent)
    ok(reply)
    assert_contact_masked(reply, controls.crm.user(controls.canary))
    assert "canary" in last_line(controls.a, agent)["events"]
    assert events(controls.a, agent, "canary") == 1


def test_searches_are_counted_and_limited(controls: Controls) -> None:
    # Probing a search one character at a time rebuilds a masked name: each search is counted.
    agent = "e2e-search-1"
    email = controls.crm.user(controls.ticketless(agent, 1)[0])["email"]
    for term in (email[:-1], email):  # one customer each time: the quota never sees the probing
        ok(controls.a.get(f"/api/v2/users/search?query={term}", "tier1", agent))
        assert "search" in last_line(controls.a, agent)["events"]
    assert events(controls.a, agent, "search") == 2
    # This fixture allows tier1 3 searches a day, across replicas: the next one is refused.
    ok(controls.b.get(f"/api/v2/users/search?query={email[:-2]}", "tier1", agent))
    refused(
        controls.a.get(f"/api/v2/users/search?query={email}", "tier1", agent), 429, "search_quota_exceeded"
    )
    assert events(controls.a, agent, "quota_exceeded") == 1


def test_customers_read_on_an_undeclared_route_are_counted_as_contacts(controls: Controls) -> None:
    agent = "e2e-contacts-1"
    ticket, requester, _ = controls.tickets[0]
    reply = controls.a.get(f"/api/v2/ticket_fields/{ticket}", "tier1", agent)
    ok(reply)
    line = last_line(controls.a, agent)
    assert line["route"] == "_undeclared"
    contacts = [r for r in line["records"] if r["type"] == "contact"]
    assert sorted(k for r in contacts for k in r["masked"]) == ["email", "phone"]
    assert controls.crm.user(requester)["email"] not in str(line)
    viewed = controls.a.metric("scrim_records_viewed_total", agent=agent, record_type="contact")
    assert viewed == 2


def test_contacts_in_clear_on_an_undeclared_route_stop_at_the_contact_quota(controls: Controls) -> None:
    # tier2 sees e-mails and phones in clear; this fixture gives it a contact quota of 4.
    agent = "e2e-contacts-2"
    by_requester = {requester: ticket for ticket, requester, _ in controls.tickets}
    tickets = list(by_requester.values())[:3]
    for ticket in tickets[:2]:
        ok(controls.a.get(f"/api/v2/ticket_fields/{ticket}", "tier2", agent))  # 2 contacts each
    third = controls.a.get(f"/api/v2/ticket_fields/{tickets[2]}", "tier2", agent)
    refused(third, 429, "contacts_quota_exceeded")
    ok(controls.a.get(f"/api/v2/ticket_fields/{tickets[0]}", "tier2", agent))  # seen ones stay readable
    assert controls.a.metric("scrim_control_events_total", agent=agent, event="quota_exceeded") == 1


def test_customers_on_assigned_tickets_stop_at_the_assigned_quota(controls: Controls) -> None:
    # An agent who can assign tickets to themselves makes any customer "theirs"; this fixture caps
    # tier1 at 3 distinct assigned customers a day.
    requesters: dict[str, dict[int, int]] = {}
    for ticket, requester, assignee in controls.tickets:
        if assignee and assignee != "agent-003":  # agent-003 is the need-to-know test's
            requesters.setdefault(assignee, {}).setdefault(requester, ticket)
    agent, mine = max(requesters.items(), key=lambda item: len(item[1]))
    tickets = list(mine.values())[:4]
    assert len(tickets) == 4, "no agent has four requesters on their tickets"
    before = events(controls.a, agent, "quota_exceeded")  # the module's other tests share agents
    for ticket in tickets[:3]:
        assert (
            ok(controls.a.get(f"/api/v2/tickets/{ticket}", "tier1", agent))["ticket"]["assignee_id"] == agent
        )
    refused(controls.a.get(f"/api/v2/tickets/{tickets[3]}", "tier1", agent), 429, "assigned_quota_exceeded")
    assert "quota_exceeded" in last_line(controls.a, agent)["events"]
    ok(controls.b.get(f"/api/v2/tickets/{tickets[0]}", "tier1", agent))  # seen ones stay readable, on both
    assert events(controls.a, agent, "quota_exceeded") == before + 1


# -- replicas ------------------------------------------------------------------------------------------


def test_replicas_share_one_quota(controls: Controls) -> None:
    agent = "e2e-two-replicas-1"
    customers = controls.ticketless(agent, 9)
    replicas = [controls.a, controls.b]
    for n in range(5):
        ok(replicas[n % 2].get(f"/api/v2/users/{customers[n]}", "tier1", agent))
    refused(controls.b.get(f"/api/v2/users/{customers[5]}", "tier1", agent), 429, "justification_required")
    for n in (5, 6, 7):
        ok(replicas[n % 2].get(f"/api/v2/users/{customers[n]}", "tier1", agent, [JUSTIFICATION]))
    ninth = controls.a.get(f"/api/v2/users/{customers[8]}", "tier1", agent, [JUSTIFICATION])
    refused(ninth, 429, "quota_exceeded")
    # Each replica served four of the eight, and each counted all eight.
    for replica, last in ((controls.a, 7), (controls.b, 8)):
        assert replica.metric("scrim_ledger_shared") == 1
        counted = replica.metric(
            "scrim_ledger_distinct_customers", agent=agent, window="24h", scope="ticketless"
        )
        assert counted == last


def test_redis_down_masking_unchanged_counting_local(controls: Controls) -> None:
    agent, worker = "e2e-redis-down-1", "agent-007"
    customer = controls.ticketless(agent, 1)[0]
    ticket = next(t for t, _, a in controls.tickets if a == worker)
    paths = [
        (f"/api/v2/users/{customer}", "tier1", agent),  # masked (ticketless)
        (f"/api/v2/tickets/{ticket}", "tier1", worker),  # the worker's own ticket: requester in clear
        (f"/api/v2/users/{customer}", "tier2", agent),
    ]
    assert_contact_masked(controls.a.get(paths[0][0], "tier1", agent), controls.crm.user(customer))
    before = {
        (r.port, p, role): ok_body(r.get(p, role, who))
        for r in (controls.a, controls.b)
        for p, role, who in paths
    }

    controls.redis.kill()
    after = {
        (r.port, p, role): ok_body(r.get(p, role, who))
        for r in (controls.a, controls.b)
        for p, role, who in paths
    }
    assert after == before  # byte for byte
    for replica in (controls.a, controls.b):
        assert replica.metric("scrim_ledger_shared") == 0
        assert "ledger: shared store unavailable" in replica.stderr()


def ok_body(reply: Reply) -> bytes:
    ok(reply)
    return reply.body


# -- evidence ------------------------------------------------------------------------------------------


def scrim_cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SCRIM_AUDIT_KEY": AUDIT_KEY}
    return subprocess.run(
        [str(SCRIM), *args], capture_output=True, text=True, env=env, timeout=60, check=False
    )


def test_audit_verify_names_a_tampered_line(controls: Controls, tmp_path: Path) -> None:
    result = scrim_cli("audit", "verify", str(controls.a.audit_log), str(controls.b.audit_log))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("chain intact") == 2

    copy = tmp_path / "audit.jsonl"
    lines = controls.a.audit_log.read_bytes().splitlines(keepends=True)
    edited = orjson.loads(lines[2])
    edited["route"] = "users.search"  # a small lie about what was viewed
    lines[2] = orjson.dumps(edited, option=orjson.OPT_SORT_KEYS) + b"\n"
    copy.write_bytes(b"".join(lines))
    result = scrim_cli("audit", "verify", str(copy))
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{copy}:3: edited" in result.stdout


def test_attribute_points_at_the_break_glass_agent(controls: Controls, tmp_path: Path) -> None:
    leaked = tmp_path / "leaked.csv"
    rows = [controls.crm.user(c) for c in break_glass_customers(controls)[:3]]
    with leaked.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(
            [("name", "email", "phone"), *((u["name"], u["email"], u["phone"]) for u in rows)]
        )
    # The replicas' logs sit in a/ and b/ under one directory: attribute searches it whole.
    result = scrim_cli("attribute", str(leaked), "--audit", str(controls.a.workdir.parent))
    assert result.returncode == 0, result.stdout + result.stderr
    first = next(line for line in result.stdout.splitlines() if re.match(r"\s+1\s", line))
    assert "e2e-fraud-call-1" in first and "3 (100.0%)" in first
    assert "audit: 2 file(s)" in result.stdout
    for user in rows:
        assert user["email"] not in result.stdout and user["phone"] not in result.stdout


def test_the_agents_own_words_are_audited_without_personal_data(controls: Controls) -> None:
    scrim, agent = controls.a, "agent-words"
    [customer] = controls.ticketless(agent, 1)
    reason = ("X-Scrim-Justification", "TICKET-9 jane.doe@example.com card 4539 1488 0343 6467")
    ok(scrim.get(f"/api/v2/users/{customer}", "tier1", agent, (reason,)))
    line = last_line(scrim, agent)
    assert line["justification"] == "TICKET-9 <EMAIL_ADDRESS> card <CREDIT_CARD>"
