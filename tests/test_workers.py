"""The detection pool with real worker processes (no NER model, to keep start-up quick)."""

from __future__ import annotations

import asyncio
import contextlib
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from proxy.detect import DetectorConfig, Item
from proxy.errors import DetectionTimeout, StartupError, Withheld
from proxy.prefilter import Prefilter
from proxy.workers import DetectionPool

RECOGNIZERS = Path(__file__).resolve().parent.parent / "rules" / "recognizers.yaml"
CONFIG = DetectorConfig(RECOGNIZERS, None, frozenset({"EMAIL_ADDRESS", "CREDIT_CARD"}), 0.5)


@contextlib.asynccontextmanager
async def running(size: int, deadline: float = 30) -> AsyncIterator[DetectionPool]:
    """A started pool of real workers, closed afterwards whatever the test did."""
    pool = DetectionPool(CONFIG, size=size, deadline=deadline)
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
