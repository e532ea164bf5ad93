"""The detection pool with real worker processes (no NER model, to keep start-up quick)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import multiprocessing
import os
import signal
import subprocess
import sys
from collections.abc import AsyncIterator, Sequence
from pathlib import Path

import pytest

from proxy import pipeline, policy, workers
from proxy.detect import Detector, DetectorConfig, Item
from proxy.errors import DetectionTimeout, StartupError, Withheld
from proxy.prefilter import Prefilter
from proxy.rules import Rules
from proxy.server import load_rules
from proxy.workers import WORKER_NICENESS, DetectionPool, Offload

RECOGNIZERS = Path(__file__).resolve().parent.parent / "rules" / "recognizers.yaml"
CONFIG = DetectorConfig(RECOGNIZERS, None, frozenset({"EMAIL_ADDRESS", "CREDIT_CARD"}), 0.5)


@contextlib.asynccontextmanager
async def running(
    size: int, deadline: float = 30, config: DetectorConfig = CONFIG, offload: Offload | None = None
) -> AsyncIterator[DetectionPool]:
    """A started pool of real workers, closed afterwards whatever the test did."""
    pool = DetectionPool(config, size=size, deadline=deadline, offload=offload)
    await pool.start()
    try:
        yield pool
    finally:
        pool.close()


def recorded_asks(pool: DetectionPool, monkeypatch: pytest.MonkeyPatch) -> list[list[Item]]:
    """Every batch the pool sends to a worker, in order."""
    asked: list[list[Item]] = []
    real_ask = pool._ask

    async def recording_ask(worker, items, deadline):  # type: ignore[no-untyped-def]
        asked.append(list(items))
        return await real_ask(worker, items, deadline)

    monkeypatch.setattr(pool, "_ask", recording_ask)
    return asked


async def test_pool_detects_in_worker_processes() -> None:
    async with running(size=1) as pool:
        spans = await pool.detect([Item("mail jane@example.com"), Item("nothing here")])
        assert [(s.entity, s.start, s.end) for s in spans[0]] == [("EMAIL_ADDRESS", 5, 21)]
        assert spans[1] == ()


async def test_missed_deadline_withholds_and_replaces_the_worker() -> None:
    async with running(size=1) as pool:
        pool.deadline = 0.0001
        with pytest.raises(DetectionTimeout):
            await pool.detect([Item("x@example.com " * 2000)])
        pool.deadline = 60
        # The killed worker is replaced in the background; the next call waits for it.
        spans = await pool.detect([Item("mail jane@example.com")])
        assert spans[0][0].entity == "EMAIL_ADDRESS"


async def test_worker_that_cannot_load_stops_startup() -> None:
    broken = DetectorConfig(RECOGNIZERS, "no_such_model", frozenset({"EMAIL_ADDRESS"}), 0.5)
    pool = DetectionPool(broken, size=1, deadline=5)
    with pytest.raises(StartupError, match="no_such_model"):
        await pool.start()


async def test_a_call_cancelled_by_its_caller_does_not_lose_the_worker() -> None:
    async with running(size=1, deadline=60) as pool:
        with pytest.raises(TimeoutError):
            await asyncio.wait_for(pool.detect([Item("x@example.com " * 20000)]), 0.001)
        # The caller gave up; the pool must still answer the next call (a fresh worker).
        spans = await pool.detect([Item("mail jane@example.com")])
        assert spans[0][0].entity == "EMAIL_ADDRESS"


async def test_large_call_is_split_across_idle_workers_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    async with running(size=2) as pool:
        asked = recorded_asks(pool, monkeypatch)
        items = [
            Item(f"mail user{i}@example.com") if i % 3 == 0 else Item(f"nothing {i}") for i in range(100)
        ]
        spans = await pool.detect(items)
        assert [len(batch) for batch in asked] == [50, 50]
        assert [bool(s) for s in spans] == [i % 3 == 0 for i in range(100)]
        assert all(s.start == 5 for found in spans for s in found)
        await pool.detect([Item(f"new mail {i}@example.com") for i in range(10)])  # small: one worker
        assert [len(batch) for batch in asked[2:]] == [10]


async def test_only_new_strings_that_could_match_reach_a_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    async with running(size=1) as pool:
        asked = recorded_asks(pool, monkeypatch)
        items = [
            Item("mail jane@example.com"),
            Item("lowercase only"),
            Item("2024-03-14T10:22:01Z"),
            Item("x"),
        ]
        first = await pool.detect(items)
        sent = [[item.text for item in batch] for batch in asked]
        assert sent == [["mail jane@example.com"]]  # the others cannot hold anything
        again = await pool.detect([*items, Item("call 4111 1111 1111 1111")])
        sent = [[item.text for item in batch] for batch in asked]
        assert sent[1:] == [["call 4111 1111 1111 1111"]]  # answered before: not sent again
        assert again[:4] == first
        assert first[0][0].entity == "EMAIL_ADDRESS" and first[1:] == [(), (), ()]
        assert again[4][0].entity == "CREDIT_CARD"


async def test_split_call_with_one_part_timing_out_withholds_everything() -> None:
    # Half of a split call finishes, the other misses the deadline: the call raises (the response is
    # withheld), it never returns the half that finished.
    async with running(size=2) as pool:
        pool.deadline = 0.5
        items = [Item(f"mail user{i}@example.com") for i in range(40)]
        items += [Item("x@example.com " * 20000 + str(i)) for i in range(40)]
        with pytest.raises(DetectionTimeout):
            await pool.detect(items)


async def test_a_failing_prefilter_withholds_without_quoting_the_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The same guard wraps detection in a worker process; in-process it can be made to fail.
    def broken(self: Prefilter, text: str) -> None:
        raise ValueError(text)

    monkeypatch.setattr(Prefilter, "possible", broken)
    pool = DetectionPool(CONFIG, size=0, deadline=30)
    await pool.start()
    with pytest.raises(Withheld) as caught:
        await pool.detect([Item("mail jane@example.com")])
    assert caught.value.reason == "analyzer_error"
    assert "jane" not in str(caught.value)


def test_a_settled_process_freezes_what_it_loaded() -> None:
    # In a child process: freezing the test runner's own heap would change every later test.
    code = (
        "import gc; from proxy.workers import settle_heap; settle_heap(); print(gc.get_freeze_count() > 1000)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["True"]


# ---------------------------------------------------------------- whole responses in a worker

RULES = load_rules(RECOGNIZERS.parent)
SETTINGS = pipeline.Settings(token_key=b"k" * 32, match_key=b"m" * 32)
FULL = DetectorConfig(RECOGNIZERS, None, RULES.entities, RULES.score_threshold)
TICKET = {
    "ticket": {
        "id": 5,
        "assignee_id": "agent-7",
        "requester_id": 42,
        "requester": {
            "id": 42,
            "name": "Jane Doe",
            "email": "jane.doe@example.com",
            "phone": "+1 415 555 0132",
        },
        "description": "Jane Doe (jane.doe@example.com) says card 4111 1111 1111 1111 was charged twice",
    }
}


class RecordingAccess:
    """The ledger's answers for one request, and the questions it was asked."""

    def __init__(
        self, assigned: set[str] = frozenset(), refusal: Withheld | None = None, delay: float = 0
    ) -> None:  # type: ignore[assignment]
        self.calls: list[tuple[str, object]] = []
        self._assigned = assigned
        self._refusal = refusal
        self._delay = delay

    async def learn(self, pairs: Sequence[tuple[str, str]]) -> None:
        self.calls.append(("learn", sorted(pairs)))

    async def assigned(self, customers: Sequence[str]) -> set[str]:
        self.calls.append(("assigned", sorted(customers)))
        await asyncio.sleep(self._delay)
        return set(customers) & self._assigned

    async def break_glass(self, customers: Sequence[str]) -> bool:
        self.calls.append(("break_glass", sorted(customers)))
        if self._refusal is not None:
            raise self._refusal
        return False


async def in_process(rules: Rules, path: str, body: bytes, access: pipeline.Access) -> pipeline.Inspected:
    """What the proxy process itself answers for this response (no worker involved)."""
    decision, route = policy.decide(rules, "GET", path)
    pool = DetectionPool(FULL, size=0, deadline=30)
    await pool.start()
    headers = [("Content-Type", "application/json")]
    generation = pipeline.Generation(rules, pool)
    return await pipeline.inspect(
        generation, SETTINGS, decision, route, rules.role("tier1"), 200, headers, body, access
    )


def request(path: str, body: bytes, may_break_glass: bool = False) -> pipeline.InspectRequest:
    decision, _ = policy.decide(RULES, "GET", path)
    return pipeline.InspectRequest(
        decision, "tier1", 200, [("Content-Type", "application/json")], body, may_break_glass
    )


@pytest.mark.parametrize("assigned", [set(), {"42"}])
async def test_a_worker_inspects_a_response_as_the_proxy_would(assigned: set[str]) -> None:
    body = json.dumps(TICKET).encode()
    expected = await in_process(RULES, "/api/v2/tickets/5", body, RecordingAccess(assigned))
    access = RecordingAccess(assigned)
    async with running(1, config=FULL, offload=Offload(RULES, SETTINGS)) as pool:
        got = await pool.inspect(request("/api/v2/tickets/5", body), access)
    assert got == expected
    assert got.body is not None and b"4111 1111 1111 1111" not in got.body
    # The worker asked this process's ledger: assignments learned, then the customer's view.
    assert access.calls == [("learn", [("agent-7", "42")]), ("assigned", ["42"])]
    assert (b"jane.doe@example.com" in got.body) == bool(assigned)  # reveal_assigned for tier1


async def test_a_ledger_refusal_withholds_and_the_worker_serves_on() -> None:
    body = json.dumps(TICKET).encode()
    refusal = RecordingAccess(refusal=Withheld("break_glass_budget", 429))
    async with running(1, config=FULL, offload=Offload(RULES, SETTINGS)) as pool:
        with pytest.raises(Withheld) as caught:
            await pool.inspect(request("/api/v2/tickets/5", body, may_break_glass=True), refusal)
        assert (caught.value.reason, caught.value.status) == ("break_glass_budget", 429)
        got = await pool.inspect(request("/api/v2/tickets/5", body), RecordingAccess())
        assert got.body is not None and b"card **** **** **** 1111" in got.body


async def test_a_pipeline_refusal_in_a_worker_keeps_its_reason() -> None:
    async with running(1, config=FULL, offload=Offload(RULES, SETTINGS)) as pool:
        with pytest.raises(Withheld) as caught:
            await pool.inspect(request("/api/v2/tickets/5", b'{"ticket": '), RecordingAccess())
        assert (caught.value.reason, caught.value.status) == ("invalid_json", 502)


async def test_a_deadline_passing_during_a_ledger_question_replaces_the_worker() -> None:
    body = json.dumps(TICKET).encode()
    async with running(1, deadline=0.5, config=FULL, offload=Offload(RULES, SETTINGS)) as pool:
        with pytest.raises(DetectionTimeout):
            await pool.inspect(request("/api/v2/tickets/5", body), RecordingAccess(delay=2))
        pool.deadline = 60
        got = await pool.inspect(request("/api/v2/tickets/5", body), RecordingAccess())
        assert got.outcome is pipeline.Outcome.MASKED


@pytest.mark.parametrize(("size", "helpers"), [(3, 2), (2, 1), (1, 0)])
async def test_a_large_response_shares_its_strings_with_the_idle_workers(
    size: int, helpers: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    comments = [
        {"id": i, "body": f"Reach me at user{i}@example.com or call +1 415 555 {i:04d}"} for i in range(100)
    ]
    body = json.dumps({"comments": comments}).encode()
    path = "/api/v2/tickets/5/comments"
    expected = await in_process(RULES, path, body, RecordingAccess())
    async with running(size, config=FULL, offload=Offload(RULES, SETTINGS)) as pool:
        asked = recorded_asks(pool, monkeypatch)
        got = await pool.inspect(request(path, body), RecordingAccess())
    assert got == expected
    assert b"user7@example.com" not in (got.body or b"")
    # The inspecting worker keeps its own part; each idle worker is asked for one as large.
    assert len(asked) == helpers
    strings = len(asked[0]) * (helpers + 1) if asked else 0
    assert all(abs(len(batch) * (helpers + 1) - strings) <= helpers + 1 for batch in asked)


async def test_a_response_sent_while_no_worker_is_idle_offers_none_of_its_strings(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Under load every worker is busy: offering strings would only cost pickling on both sides.
    comments = [{"id": i, "body": f"Reach me at user{i}@example.com"} for i in range(100)]
    body = json.dumps({"comments": comments}).encode()
    async with running(2, config=FULL, offload=Offload(RULES, SETTINGS)) as pool:
        offered: list[int] = []
        take_share = pool._take_share

        async def recording(items: list[Item], deadline: float) -> tuple[str, object]:
            offered.append(len(items))
            return await take_share(items, deadline)

        monkeypatch.setattr(pool, "_take_share", recording)
        busy = pool._idle.get_nowait()
        try:
            got = await pool.inspect(request("/api/v2/tickets/5/comments", body), RecordingAccess())
        finally:
            pool._idle.put_nowait(busy)
        assert offered == []
        assert got.body is not None and b"user7@example.com" not in got.body
        await pool.inspect(
            request("/api/v2/tickets/5/comments", body.replace(b"Reach", b"Mail")), RecordingAccess()
        )
        assert len(offered) == 1  # with the other worker idle, half of the strings are offered


async def test_a_worker_ignores_ctrl_c_its_proxy_process_stops_it() -> None:
    # Ctrl-C in a terminal reaches the whole process group: workers must not die with a traceback.
    async with running(size=1) as pool:
        (worker,) = pool._all
        assert worker.process.pid is not None
        os.kill(worker.process.pid, signal.SIGINT)
        await asyncio.sleep(0.2)
        assert worker.process.is_alive()
        spans = await pool.detect([Item("mail jane@example.com")])
        assert spans[0][0].entity == "EMAIL_ADDRESS"


async def test_workers_run_at_a_lower_priority_than_the_proxy_process() -> None:
    async with running(size=1) as pool:
        (worker,) = pool._all
        assert worker.process.pid is not None
        ours = os.getpriority(os.PRIO_PROCESS, 0)
        assert os.getpriority(os.PRIO_PROCESS, worker.process.pid) == min(ours + WORKER_NICENESS, 19)


def test_a_worker_reports_an_unexpected_failure_by_type_only(monkeypatch: pytest.MonkeyPatch) -> None:
    # Exception messages can quote customer text: only the type crosses the pipe, and the proxy
    # process turns it into Withheld('internal_error').
    secret = "jane.doe@example.com 4111 1111 1111 1111"

    async def failing(*args: object) -> pipeline.Inspected:
        raise ValueError(secret)

    monkeypatch.setattr(pipeline, "inspect", failing)
    ours, theirs = multiprocessing.Pipe()
    try:
        inspector = workers._Inspector(theirs, Detector(FULL), Offload(RULES, SETTINGS))
        try:
            answer = inspector.run(request("/api/v2/tickets/5", json.dumps(TICKET).encode()), 0)
        finally:
            inspector.close()
    finally:
        ours.close()
        theirs.close()
    assert answer == ("error", "ValueError")
    assert "jane" not in repr(answer) and "4111" not in repr(answer)
