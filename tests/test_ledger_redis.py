"""RedisLedger as several replicas see it: shared counts, an atomic break-glass budget, key hygiene,
and what happens when Redis dies or hangs mid-run (masking's caller must never notice).
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import pytest
import pytest_asyncio
from redis.asyncio import Redis

from proxy.enforce import enforce
from proxy.ledger import LONGEST, MemoryLedger
from proxy.ledger_redis import FallbackLedger, LedgerUnavailable, RedisLedger, redact_url
from proxy.model import Record, ServedRecord
from proxy.rules import Quota, Role

from .test_ledger import HOUR, SHIFT, T0, RedisServer, free_port, need_redis_server, unique_prefix


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    need_redis_server()
    redis_server = RedisServer(tmp_path_factory.mktemp("redis-replicas"))
    redis_server.start()
    yield redis_server
    redis_server.stop()


@pytest.fixture
def prefix() -> str:
    return unique_prefix()


@pytest_asyncio.fixture
async def replicas(server: RedisServer, prefix: str) -> AsyncIterator[tuple[RedisLedger, RedisLedger]]:
    """Two replicas: two ledgers, two connection pools, one Redis."""
    one, two = RedisLedger(server.url, prefix=prefix), RedisLedger(server.url, prefix=prefix)
    yield one, two
    await one.close()
    await two.close()


@pytest_asyncio.fixture
async def raw(server: RedisServer) -> AsyncIterator[Redis]:
    client = Redis.from_url(server.url, decode_responses=True)
    yield client
    await client.aclose()


# -- replicas share one ledger ---------------------------------------------------------------------


async def test_replicas_share_distinct_counts(replicas: tuple[RedisLedger, RedisLedger]) -> None:
    one, two = replicas
    assert (await one.record("ann", ["a", "b"], [], T0)).ticketless["1h"] == 2
    assert (await two.record("ann", ["b", "c"], [], T0 + 1)).ticketless["1h"] == 3
    assert (await one.record("ann", [], [], T0 + 2)).ticketless["1h"] == 3
    assert await two.unseen("ann", ["a", "d"], HOUR, T0 + 3) == {"d"}


async def test_replicas_share_assignments(replicas: tuple[RedisLedger, RedisLedger]) -> None:
    one, two = replicas
    await one.assign("ann", ["a"], 60.0, T0)
    assert await two.assigned("ann", ["a", "b"], T0 + 1) == {"a"}


async def test_concurrent_break_glass_across_replicas_spends_exactly_the_budget(
    replicas: tuple[RedisLedger, RedisLedger],
) -> None:
    one, two = replicas
    results = await asyncio.gather(
        *((one if i % 2 else two).spend_break_glass("ann", SHIFT, 2, T0 + i * 0.001) for i in range(10))
    )
    assert sum(results) == 2
    assert not await one.spend_break_glass("ann", SHIFT, 2, T0 + 1)


async def test_concurrent_records_across_replicas_lose_no_view(
    replicas: tuple[RedisLedger, RedisLedger],
) -> None:
    one, two = replicas
    await asyncio.gather(*((one, two)[i % 2].record("ann", [f"c{i}"], [], T0) for i in range(40)))
    assert (await one.record("ann", [], [], T0)).ticketless["1h"] == 40


# -- what lands in Redis ---------------------------------------------------------------------------


async def test_keys_follow_the_schema_whatever_the_agent_id(
    replicas: tuple[RedisLedger, RedisLedger], raw: Redis, prefix: str
) -> None:
    one, _ = replicas
    agent = "evil: agent\r\n*1\r\n" + "x" * 10_000
    await one.record(agent, ["cust-t"], ["cust-a"], T0)
    await one.assign(agent, ["cust-a"], 60.0, T0)
    await one.spend_break_glass(agent, SHIFT, 1, T0)
    keys = sorted([key async for key in raw.scan_iter(f"{prefix}:*")])
    kinds = [key.removeprefix(prefix + ":").split(":") for key in keys]
    assert sorted(k[0] for k in kinds) == ["assign", "bg", "views", "views"]
    digests = {k[1] for k in kinds}
    assert len(digests) == 1
    (digest,) = digests
    assert len(digest) == 32
    assert all(c in "0123456789abcdef" for c in digest)
    assert sorted(k[2] for k in kinds if k[0] == "views") == ["a", "t"]
    assert all(len(key) < len(prefix) + 50 for key in keys)
    assert await raw.zrange(f"{prefix}:views:{digest}:t", 0, -1) == ["cust-t"]


async def test_every_key_expires(replicas: tuple[RedisLedger, RedisLedger], raw: Redis, prefix: str) -> None:
    one, _ = replicas
    await one.record("ann", ["a"], ["b"], time.time())
    await one.assign("ann", ["b"], 600.0, time.time())
    await one.assign("ann", ["c"], 60.0, time.time())  # a shorter assignment does not cut the key's life
    await one.spend_break_glass("ann", SHIFT, 1, time.time())
    ttls = {key.split(":")[1]: await raw.ttl(key) async for key in raw.scan_iter(f"{prefix}:*")}
    assert set(ttls) == {"views", "assign", "bg"}
    assert LONGEST - 5 < ttls["views"] <= LONGEST
    assert 595 < ttls["assign"] <= 600
    assert SHIFT - 5 < ttls["bg"] <= SHIFT


async def test_ping_checks_the_server(replicas: tuple[RedisLedger, RedisLedger]) -> None:
    one, _ = replicas
    await one.ping()


def test_bad_configuration_is_named() -> None:
    with pytest.raises(ValueError, match="redis prefix: 'a b'"):
        RedisLedger("redis://127.0.0.1:6379/0", prefix="a b")
    with pytest.raises(ValueError, match="redis url 'http://host:1/0'"):
        RedisLedger("http://user:secret@host:1/0")


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("redis://:hunter2@db.internal:6380/2", "redis://db.internal:6380/2"),
        ("rediss://scrim:hunter2@db.internal/0", "rediss://db.internal/0"),
        ("unix:///run/redis.sock", "unix:///run/redis.sock"),
        ("redis://[::1", "<unparsable redis url>"),
    ],
)
def test_urls_are_shown_without_credentials(url: str, shown: str) -> None:
    assert redact_url(url) == shown


# -- Redis dies or hangs ---------------------------------------------------------------------------


async def test_redis_killed_mid_run_counting_goes_on_locally(tmp_path: Path) -> None:
    need_redis_server()
    server = RedisServer(tmp_path / "redis")
    server.start()
    states: list[bool] = []
    fallback = FallbackLedger(
        RedisLedger(server.url, prefix=unique_prefix()), MemoryLedger(), on_state=states.append
    )
    try:
        for i in range(20):
            if i == 10:
                server.kill()
            started = time.monotonic()
            counts = await fallback.record("ann", [f"c{i}"], [], T0 + i)
            assert time.monotonic() - started < 0.6
            assert counts.ticketless["1h"] == i + 1  # the mirrored local copy carries on
            assert await fallback.unseen("ann", [f"c{i}", "new"], HOUR, T0 + i) == {"new"}
            assert await fallback.spend_break_glass("ann", SHIFT, 100, T0 + i) == (i < 10)
        assert states == [False]
        assert not fallback.healthy
        assert not await fallback.ping()
        assert states == [False]
    finally:
        await fallback.close()
        server.stop()


@contextlib.asynccontextmanager
async def silent_server() -> AsyncIterator[int]:
    """Accepts connections and reads, never answers: a hung Redis."""
    held: list[asyncio.StreamWriter] = []

    async def swallow(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        held.append(writer)
        with contextlib.suppress(ConnectionError):
            while await reader.read(4096):
                pass

    listener = await asyncio.start_server(swallow, "127.0.0.1", 0)
    try:
        yield int(listener.sockets[0].getsockname()[1])
    finally:
        for writer in held:
            writer.close()
        listener.close()
        await listener.wait_closed()


async def test_a_hung_redis_costs_one_short_timeout() -> None:
    async with silent_server() as port:
        states: list[bool] = []
        ledger = RedisLedger(f"redis://127.0.0.1:{port}/0")
        fallback = FallbackLedger(ledger, MemoryLedger(), on_state=states.append)
        try:
            started = time.monotonic()
            with pytest.raises(LedgerUnavailable):
                await ledger.record("ann", ["c1"], [], T0)
            assert time.monotonic() - started < 0.75
            started = time.monotonic()
            counts = await fallback.record("ann", ["c1"], [], T0)
            assert counts.ticketless["1h"] == 1
            assert time.monotonic() - started < 0.75
            started = time.monotonic()
            for i in range(20):  # degraded: answered locally at once
                await fallback.record("ann", [f"d{i}"], [], T0)
            assert time.monotonic() - started < 0.1
            assert states == [False]
        finally:
            await fallback.close()


async def test_nothing_listening_fails_fast() -> None:
    ledger = RedisLedger(f"redis://127.0.0.1:{free_port()}/0")
    try:
        started = time.monotonic()
        with pytest.raises(LedgerUnavailable):
            await ledger.assigned("ann", ["c1"], T0)
        assert time.monotonic() - started < 0.3
    finally:
        await ledger.close()


async def test_concurrent_admits_across_replicas_stop_at_the_limit(
    replicas: tuple[RedisLedger, RedisLedger],
) -> None:
    # A check, then a record, in two round trips let 30 parallel responses past a limit of 5.
    one, two = replicas
    await one.record("ann", ["c0", "c1", "c2", "c3"], [], T0)
    results = await asyncio.gather(
        *((one, two)[i % 2].admit("ann", [f"n{i}"], "24h", 5, T0 + 1) for i in range(30))
    )
    assert sum(results) == 1
    assert (await one.record("ann", [], [], T0 + 2)).ticketless["24h"] == 5


@pytest.mark.parametrize(
    ("quota", "served", "reason"),
    [
        (
            Quota("24h", 50, None, None, assigned=5),
            lambda i: [ServedRecord(Record("customer", f"n{i}"), assigned=True)],
            "assigned_quota_exceeded",
        ),
        (
            Quota("24h", 1, None, 5),
            lambda i: [ServedRecord(Record("customer", f"n{i}"))],
            "quota_exceeded",
        ),
    ],
)
async def test_parallel_responses_across_replicas_stop_at_the_quota(
    replicas: tuple[RedisLedger, RedisLedger],
    quota: Quota,
    served: Callable[[int], list[ServedRecord]],
    reason: str,
) -> None:
    # An agent sending 30 requests at once: each response holds one new customer, 4 are seen.
    role = Role("tier1", "hidden", {}, quota=quota)
    key = b"k" * 32
    for i in range(4):
        await enforce(replicas[0], role, "ann", served(100 + i), frozenset(), False, key, T0)
    # Warm connection pools: every request runs at once, none waits for a connection.
    await asyncio.gather(*(r.unseen("warm", ["x"], HOUR, T0) for r in replicas for _ in range(16)))
    verdicts = await asyncio.gather(
        *(
            enforce(replicas[i % 2], role, "ann", served(i), frozenset(), False, key, T0 + 1)
            for i in range(30)
        )
    )
    assert sum(v.withheld is None for v in verdicts) == 1
    assert {v.withheld.reason for v in verdicts if v.withheld} == {reason}
