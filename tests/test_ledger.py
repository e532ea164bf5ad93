"""The ledger contract: MemoryLedger and RedisLedger held to the same behaviour, and FallbackLedger.

Behavioural tests run over both implementations (`ledger` is parametrized; the Redis one talks to a
real redis-server started once per session). Times are explicit `now` values near today's epoch.
"""

from __future__ import annotations

import asyncio
import logging
import shutil
import signal
import socket
import subprocess
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from pathlib import Path

import pytest
import pytest_asyncio
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import ResponseError

from proxy.ledger import LONGEST, WINDOWS, Counts, Ledger, MemoryLedger, customer_key
from proxy.ledger_redis import FallbackLedger, LedgerUnavailable, RedisLedger

REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"
T0 = 1_700_000_000.0
HOUR = 3600.0
DAY = 24 * HOUR
SHIFT = 8 * HOUR


# -- a real redis-server ---------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class RedisServer:
    """A throwaway redis-server on 127.0.0.1 without persistence, that a test may kill and restart."""

    def __init__(self, directory: Path, port: int | None = None) -> None:
        self.directory = directory
        self.port = port or free_port()
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self, timeout: float = 10.0) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        log_path = self.directory / "redis.log"
        with log_path.open("ab") as out:
            self.proc = subprocess.Popen(
                [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                 "--appendonly", "no", "--dir", str(self.directory), "--loglevel", "warning"],
                stdout=out, stderr=subprocess.STDOUT,
            )  # fmt: skip
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                pytest.fail(f"redis-server exited: {log_path.read_text(errors='replace')}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                    sock.sendall(b"PING\r\n")
                    if sock.recv(64).startswith(b"+PONG"):
                        return
            except OSError:
                pass
            time.sleep(0.02)
        self.stop()
        pytest.fail(f"redis-server on port {self.port} did not answer within {timeout}s")

    def kill(self) -> None:
        """SIGKILL: no shutdown, no goodbye to clients."""
        if self.proc is not None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(5)
            self.proc = None

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
            self.proc = None


def need_redis_server() -> None:
    assert Path(REDIS_SERVER).exists(), "redis-server is needed (Debian: redis-server; .ci/run installs it)"


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    need_redis_server()
    server = RedisServer(tmp_path_factory.mktemp("redis"))
    server.start()
    yield server
    server.stop()


def unique_prefix() -> str:
    """Each test gets its own keys, so tests share one server without flushing it."""
    return f"test-{uuid.uuid4().hex[:12]}"


MakeLedger = Callable[..., Ledger]


@pytest_asyncio.fixture(params=["memory", "redis"])
async def make_ledger(request: pytest.FixtureRequest) -> AsyncIterator[MakeLedger]:
    """Builds ledgers of one implementation; `max_per_agent` may be passed to either."""
    opened: list[RedisLedger] = []
    if request.param == "memory":

        def make(max_per_agent: int = 500_000) -> Ledger:
            return MemoryLedger(max_per_agent=max_per_agent)

        yield make
        return
    server: RedisServer = request.getfixturevalue("redis_server")

    def make_redis(max_per_agent: int = 500_000) -> Ledger:
        ledger = RedisLedger(server.url, prefix=unique_prefix(), max_per_agent=max_per_agent)
        opened.append(ledger)
        return ledger

    yield make_redis
    for ledger in opened:
        await ledger.close()


@pytest.fixture
def ledger(make_ledger: MakeLedger) -> Ledger:
    return make_ledger()


def zero() -> dict[str, int]:
    return dict.fromkeys(WINDOWS, 0)


# -- distinct customers over rolling windows -------------------------------------------------------


async def test_counts_distinct_customers_per_window(ledger: Ledger) -> None:
    counts = await ledger.record("ann", ["c1", "c2"], [], T0)
    assert counts == Counts(ticketless={"1h": 2, "24h": 2, "7d": 2}, assigned=zero())
    counts = await ledger.record("ann", ["c3"], [], T0 + 2 * HOUR)
    assert counts.ticketless == {"1h": 1, "24h": 3, "7d": 3}
    counts = await ledger.record("ann", ["c4"], [], T0 + 2 * DAY)
    assert counts.ticketless == {"1h": 1, "24h": 1, "7d": 4}
    # Eight days on, the first three have left the longest window; c4 (six days old) has not.
    counts = await ledger.record("ann", ["c5"], [], T0 + 8 * DAY)
    assert counts.ticketless == {"1h": 1, "24h": 1, "7d": 2}


async def test_viewing_a_customer_again_counts_once_and_refreshes_the_last_view(ledger: Ledger) -> None:
    await ledger.record("ann", ["c1", "c1"], [], T0)
    counts = await ledger.record("ann", ["c1"], [], T0 + 2 * HOUR)
    assert counts.ticketless == {"1h": 1, "24h": 1, "7d": 1}
    counts = await ledger.record("ann", [], [], T0 + 2 * HOUR + 30 * 60)
    assert counts.ticketless == {"1h": 1, "24h": 1, "7d": 1}  # still within the hour of the re-view


async def test_window_edges_are_inclusive(ledger: Ledger) -> None:
    await ledger.record("ann", ["c1"], [], T0)
    counts = await ledger.record("ann", [], [], T0 + HOUR)
    assert counts.ticketless["1h"] == 1
    counts = await ledger.record("ann", [], [], T0 + HOUR + 1)
    assert counts.ticketless["1h"] == 0
    counts = await ledger.record("ann", [], [], T0 + LONGEST)
    assert counts.ticketless["7d"] == 1


async def test_ticketless_and_assigned_are_counted_apart(ledger: Ledger) -> None:
    counts = await ledger.record("ann", ["c1", "c2"], ["c3"], T0)
    assert counts.ticketless == {"1h": 2, "24h": 2, "7d": 2}
    assert counts.assigned == {"1h": 1, "24h": 1, "7d": 1}
    # The same customer may be seen in both scopes; each scope counts it once.
    counts = await ledger.record("ann", ["c3"], ["c3", "c4"], T0 + 1)
    assert counts.ticketless["1h"] == 3
    assert counts.assigned["1h"] == 2


async def test_agents_are_counted_apart(ledger: Ledger) -> None:
    await ledger.record("ann", ["c1", "c2"], [], T0)
    counts = await ledger.record("bob", ["c1"], [], T0)
    assert counts.ticketless["1h"] == 1
    # Agent ids that differ only in separators do not share state.
    await ledger.record("a:b", ["c1"], [], T0)
    counts = await ledger.record("a b", [], [], T0)
    assert counts.ticketless["1h"] == 0


async def test_nothing_recorded_gives_zero_counts_for_every_window(ledger: Ledger) -> None:
    assert await ledger.record("nobody", [], [], T0) == Counts(ticketless=zero(), assigned=zero())


async def test_views_per_agent_are_capped_keeping_the_most_recent(make_ledger: MakeLedger) -> None:
    ledger = make_ledger(max_per_agent=3)
    for i in range(5):
        counts = await ledger.record("ann", [f"c{i}"], [], T0 + i)
    assert counts.ticketless == {"1h": 3, "24h": 3, "7d": 3}
    assert await ledger.unseen("ann", ["c0", "c1", "c2", "c3", "c4"], HOUR, T0 + 5) == {"c0", "c1"}


# -- which customers would be new ------------------------------------------------------------------


async def test_unseen_names_customers_not_served_within_the_window(ledger: Ledger) -> None:
    await ledger.record("ann", ["c1"], ["c2"], T0)
    # Views on assigned tickets do not make a customer "seen" for the ticketless quota.
    assert await ledger.unseen("ann", ["c1", "c2", "c3"], HOUR, T0 + 10) == {"c2", "c3"}
    assert await ledger.unseen("ann", ["c1"], HOUR, T0 + HOUR) == set()  # edge: still seen
    assert await ledger.unseen("ann", ["c1"], HOUR, T0 + HOUR + 1) == {"c1"}
    assert await ledger.unseen("ann", ["c1"], DAY, T0 + HOUR + 1) == set()
    assert await ledger.unseen("bob", ["c1"], HOUR, T0 + 10) == {"c1"}
    assert await ledger.unseen("ann", [], HOUR, T0) == set()


# -- assignments -----------------------------------------------------------------------------------


async def test_assignments_expire(ledger: Ledger) -> None:
    await ledger.assign("ann", ["c1", "c2"], 60.0, T0)
    assert await ledger.assigned("ann", ["c1", "c2", "c3"], T0 + 59) == {"c1", "c2"}
    assert await ledger.assigned("ann", ["c1", "c2"], T0 + 60) == set()  # expiry is exclusive
    assert await ledger.assigned("bob", ["c1"], T0) == set()
    assert await ledger.assigned("ann", [], T0) == set()


async def test_assigning_again_sets_a_new_expiry(ledger: Ledger) -> None:
    await ledger.assign("ann", ["c1", "c2"], 60.0, T0)
    await ledger.assign("ann", ["c1"], 60.0, T0 + 50)
    assert await ledger.assigned("ann", ["c1", "c2"], T0 + 100) == {"c1"}
    await ledger.assign("ann", ["c1"], 10.0, T0 + 100)  # the latest assignment decides, even if shorter
    assert await ledger.assigned("ann", ["c1"], T0 + 105) == {"c1"}
    assert await ledger.assigned("ann", ["c1"], T0 + 111) == set()


async def test_assigning_nobody_is_harmless(ledger: Ledger) -> None:
    await ledger.assign("ann", [], 60.0, T0)
    assert await ledger.assigned("ann", ["c1"], T0) == set()


# -- break-glass -----------------------------------------------------------------------------------


async def test_break_glass_budget_per_shift(ledger: Ledger) -> None:
    spent = [await ledger.spend_break_glass("ann", SHIFT, 2, T0 + i) for i in range(3)]
    assert spent == [True, True, False]
    assert await ledger.spend_break_glass("bob", SHIFT, 2, T0 + 3)  # budgets are per agent
    assert not await ledger.spend_break_glass("ann", SHIFT, 2, T0 + SHIFT)  # edge: T0 still in the shift
    # Once the first spend leaves the shift, one unit is back.
    assert await ledger.spend_break_glass("ann", SHIFT, 2, T0 + SHIFT + 0.5)
    assert not await ledger.spend_break_glass("ann", SHIFT, 2, T0 + SHIFT + 0.5)


async def test_two_spends_in_one_instant_are_two_spends(ledger: Ledger) -> None:
    assert [await ledger.spend_break_glass("ann", SHIFT, 2, T0) for _ in range(3)] == [True, True, False]


async def test_zero_budget_grants_nothing(ledger: Ledger) -> None:
    assert not await ledger.spend_break_glass("ann", SHIFT, 0, T0)


# -- MemoryLedger alone ----------------------------------------------------------------------------


def test_customer_keys_are_keyed_hashes() -> None:
    key = customer_key(b"secret-1", "cust-42")
    assert key == customer_key(b"secret-1", "cust-42")
    assert key != customer_key(b"secret-2", "cust-42")
    assert "cust-42" not in key
    assert len(key) == 24


# -- FallbackLedger: state machine with a scripted primary -----------------------------------------


class FlakyPrimary:
    """A shared ledger (really a MemoryLedger) that can be taken down, or made to stall, on demand."""

    def __init__(self) -> None:
        self.store = MemoryLedger()
        self.down = False
        self.calls = 0
        self.gate: asyncio.Event | None = None
        self.error: Exception = LedgerUnavailable(
            "redis ledger at redis://shared:6379/0: record: ConnectionError"
        )

    async def _enter(self) -> None:
        self.calls += 1
        if self.gate is not None:
            await self.gate.wait()
        if self.down:
            raise self.error

    async def assign(self, agent: str, customers: Sequence[str], ttl: float, now: float) -> None:
        await self._enter()
        await self.store.assign(agent, customers, ttl, now)

    async def assigned(self, agent: str, customers: Sequence[str], now: float) -> set[str]:
        await self._enter()
        return await self.store.assigned(agent, customers, now)

    async def unseen(self, agent: str, customers: Sequence[str], window: float, now: float) -> set[str]:
        await self._enter()
        return await self.store.unseen(agent, customers, window, now)

    async def record(
        self, agent: str, ticketless: Sequence[str], assigned: Sequence[str], now: float
    ) -> Counts:
        await self._enter()
        return await self.store.record(agent, ticketless, assigned, now)

    async def spend_break_glass(self, agent: str, shift: float, budget: int, now: float) -> bool:
        await self._enter()
        return await self.store.spend_break_glass(agent, shift, budget, now)


class Clock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def primary() -> FlakyPrimary:
    return FlakyPrimary()


@pytest.fixture
def states() -> list[bool]:
    return []


@pytest.fixture
def fallback(primary: FlakyPrimary, states: list[bool], clock: Clock) -> FallbackLedger:
    return FallbackLedger(primary, MemoryLedger(), on_state=states.append, retry_after=5.0, clock=clock)


async def test_healthy_calls_go_to_the_primary_and_are_mirrored_locally(
    fallback: FallbackLedger, primary: FlakyPrimary, states: list[bool]
) -> None:
    await primary.store.record("ann", ["elsewhere"], [], T0)  # another replica's view
    counts = await fallback.record("ann", ["c1"], [], T0)
    assert counts.ticketless["1h"] == 2
    await fallback.assign("ann", ["c2"], 60.0, T0)
    assert await fallback.assigned("ann", ["c2"], T0) == {"c2"}
    assert fallback.healthy
    assert states == []
    # The local copy holds this replica's own writes, ready for a degraded spell.
    primary.down = True
    assert (await fallback.record("ann", [], [], T0)).ticketless["1h"] == 1
    assert await fallback.assigned("ann", ["c2"], T0) == {"c2"}


async def test_without_mirror_the_local_ledger_is_only_used_when_degraded(
    primary: FlakyPrimary, clock: Clock
) -> None:
    fallback = FallbackLedger(primary, MemoryLedger(), retry_after=5.0, mirror=False, clock=clock)
    await fallback.record("ann", ["c1"], [], T0)
    primary.down = True
    assert (await fallback.record("ann", [], [], T0)).ticketless["1h"] == 0


async def test_degrades_once_answers_locally_and_waits_before_probing(
    fallback: FallbackLedger, primary: FlakyPrimary, states: list[bool], clock: Clock
) -> None:
    primary.down = True
    assert (await fallback.record("ann", ["c1"], [], T0)).ticketless["1h"] == 1
    assert (await fallback.record("ann", ["c2"], [], T0 + 1)).ticketless["1h"] == 2
    assert await fallback.unseen("ann", ["c1", "c3"], HOUR, T0 + 2) == {"c3"}
    await fallback.assign("ann", ["c4"], 60.0, T0)
    assert await fallback.assigned("ann", ["c4"], T0 + 1) == {"c4"}
    # Each replica's local budget would grant its own: break-glass waits for the shared one.
    assert not await fallback.spend_break_glass("ann", SHIFT, 1, T0)
    assert states == [False]
    assert not fallback.healthy
    assert primary.calls == 1  # only the first call paid for the outage
    clock.t += 4.9
    await fallback.record("ann", [], [], T0 + 3)
    assert primary.calls == 1


async def test_probes_after_retry_after_and_recovers_once(
    fallback: FallbackLedger, primary: FlakyPrimary, states: list[bool], clock: Clock
) -> None:
    primary.down = True
    await fallback.record("ann", ["c1"], [], T0)
    clock.t += 5
    await fallback.record("ann", ["c2"], [], T0 + 1)  # probe: still down
    assert primary.calls == 2
    assert states == [False]
    clock.t += 4
    await fallback.record("ann", [], [], T0 + 2)
    assert primary.calls == 2  # the failed probe restarted the wait
    clock.t += 1
    primary.down = False
    counts = await fallback.record("ann", ["c3"], [], T0 + 3)
    assert counts.ticketless["1h"] == 1  # answered before the degraded views were written
    assert states == [False, True]
    assert fallback.healthy
    # The views made while degraded reached the shared store once it answered.
    await fallback.drain()
    assert (await fallback.record("ann", [], [], T0 + 4)).ticketless["1h"] == 3
    assert await primary.store.unseen("ann", ["c1", "c2", "c3"], HOUR, T0 + 4) == set()
    assert states == [False, True]


async def test_views_kept_for_the_shared_store_are_bounded_oldest_dropped_first(
    primary: FlakyPrimary, clock: Clock
) -> None:
    fallback = FallbackLedger(primary, MemoryLedger(), retry_after=5.0, clock=clock, journal_size=2)
    primary.down = True
    for i in range(3):
        await fallback.record("ann", [f"c{i}"], [], T0 + i)
    clock.t += 5
    primary.down = False
    await fallback.record("ann", [], [], T0 + 4)
    await fallback.drain()
    assert await primary.store.unseen("ann", ["c0", "c1", "c2"], HOUR, T0 + 4) == {"c0"}


async def test_views_made_while_the_journal_is_written_are_written_too(
    fallback: FallbackLedger, primary: FlakyPrimary, clock: Clock
) -> None:
    # Two replays had run at once on one journal: a view was taken and never written, or a
    # request failed on an empty journal.
    primary.down = True
    await fallback.record("ann", ["c1"], [], T0)
    clock.t += 5
    primary.down = False
    primary.gate = asyncio.Event()
    probe = asyncio.create_task(fallback.record("ann", [], [], T0 + 1))
    await asyncio.sleep(0)
    primary.gate.set()
    await probe
    primary.gate = asyncio.Event()  # the replay's write waits here
    await asyncio.sleep(0)
    primary.down = True  # a call fails meanwhile: degraded again, its view journaled
    primary.gate.set()
    await fallback.record("ann", ["c2"], [], T0 + 2)
    await fallback.drain()
    clock.t += 5
    primary.down = False
    await fallback.record("ann", [], [], T0 + 3)
    await fallback.drain()
    assert await primary.store.unseen("ann", ["c1", "c2"], HOUR, T0 + 3) == set()


async def test_one_probe_at_a_time_the_others_answer_locally(
    fallback: FallbackLedger, primary: FlakyPrimary, clock: Clock
) -> None:
    primary.down = True
    await fallback.record("ann", ["c1"], [], T0)
    clock.t += 5
    primary.gate = asyncio.Event()
    probe = asyncio.create_task(fallback.record("ann", [], [], T0))
    await asyncio.sleep(0)
    assert primary.calls == 2
    counts = await asyncio.wait_for(fallback.record("ann", ["c2"], [], T0), 1)  # not stuck behind the probe
    assert counts.ticketless["1h"] == 2
    assert primary.calls == 2
    primary.down = False
    primary.gate.set()
    await probe
    assert fallback.healthy


async def test_transitions_are_logged_once_each_without_customer_data(
    fallback: FallbackLedger, primary: FlakyPrimary, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="proxy.ledger_redis")
    primary.down = True
    for i in range(3):
        await fallback.record("agent-ann", [f"customer-{i}"], [], T0)
    clock.t += 5
    primary.down = False
    for i in range(3):
        await fallback.record("agent-ann", [f"customer-{i}"], [], T0)
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 2
    assert "unavailable" in warnings[0].getMessage()
    assert "reachable again" in warnings[1].getMessage()
    text = caplog.text
    assert "customer-" not in text
    assert "agent-ann" not in text


async def test_a_failing_state_callback_changes_nothing(primary: FlakyPrimary, clock: Clock) -> None:
    def broken(_: bool) -> None:
        raise RuntimeError("metrics are down")

    fallback = FallbackLedger(primary, MemoryLedger(), on_state=broken, clock=clock)
    primary.down = True
    assert (await fallback.record("ann", ["c1"], [], T0)).ticketless["1h"] == 1


@pytest.mark.parametrize(
    "error",
    [
        ConnectionRefusedError(),
        TimeoutError(),
        OSError("disk"),
        ResponseError("READONLY You can't write against a read only replica."),
        RedisConnectionError("raw redis-py error from a primary that does not translate"),
    ],
)
async def test_any_os_level_error_degrades(
    fallback: FallbackLedger, primary: FlakyPrimary, states: list[bool], error: Exception
) -> None:
    primary.down, primary.error = True, error
    assert (await fallback.record("ann", ["c1"], [], T0)).ticketless["1h"] == 1
    assert states == [False]


async def test_bugs_are_not_mistaken_for_an_outage(fallback: FallbackLedger, primary: FlakyPrimary) -> None:
    primary.down, primary.error = True, ValueError("not an outage")
    with pytest.raises(ValueError, match="not an outage"):
        await fallback.record("ann", ["c1"], [], T0)
    assert fallback.healthy


async def test_ping_without_a_health_check_is_healthy(fallback: FallbackLedger) -> None:
    assert await fallback.ping()
    await fallback.close()


# -- FallbackLedger over a real RedisLedger --------------------------------------------------------


async def wait_for(condition: Callable[[], Awaitable[bool]], timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not await condition():
        assert time.monotonic() < deadline, "condition not met in time"
        await asyncio.sleep(0.05)


async def test_fallback_from_a_closed_port_to_redis_started_later(tmp_path: Path) -> None:
    need_redis_server()
    server = RedisServer(tmp_path / "redis")  # a free port where nothing listens yet
    prefix = unique_prefix()
    states: list[bool] = []
    primary = RedisLedger(server.url, prefix=prefix)
    fallback = FallbackLedger(primary, MemoryLedger(), on_state=states.append, retry_after=0.3)
    try:
        started = time.monotonic()
        assert not await fallback.ping()
        assert states == [False]
        assert (await fallback.record("ann", ["c1"], [], T0)).ticketless["1h"] == 1
        assert (await fallback.record("ann", ["c2"], [], T0 + 1)).ticketless["1h"] == 2
        await fallback.assign("ann", ["c3"], 60.0, T0)
        assert await fallback.assigned("ann", ["c3"], T0 + 1) == {"c3"}
        assert not await fallback.spend_break_glass("ann", SHIFT, 1, T0)  # no shared budget
        assert time.monotonic() - started < 1.0  # refused, then local: no waiting on the dead server
        assert states == [False]

        server.start()

        async def recovered() -> bool:
            await fallback.record("ann", ["c4"], [], T0 + 2)
            return fallback.healthy

        await wait_for(recovered)
        await fallback.drain()
        assert states == [False, True]
        # The shared store now has the views made while degraded too, written once it answered.
        reader = RedisLedger(server.url, prefix=prefix)
        try:
            assert await reader.unseen("ann", ["c1", "c2", "c4", "c5"], HOUR, T0 + 3) == {"c5"}
        finally:
            await reader.close()
        assert await fallback.ping()
        assert states == [False, True]
    finally:
        await fallback.close()
        server.stop()


async def test_redis_ledger_raises_connection_errors_the_protocol_names(tmp_path: Path) -> None:
    ledger = RedisLedger(f"redis://:hunter2@127.0.0.1:{free_port()}/0")
    try:
        with pytest.raises(ConnectionError) as caught:
            await ledger.record("ann", ["c1"], [], T0)
        assert isinstance(caught.value, LedgerUnavailable)
        assert "hunter2" not in str(caught.value)
        assert "c1" not in str(caught.value)
        with pytest.raises(LedgerUnavailable, match="ping"):
            await ledger.ping()
    finally:
        await ledger.close()


# -- limits checked and recorded in one step -------------------------------------------------------


async def test_admit_records_within_the_limit_and_nothing_past_it(ledger: Ledger) -> None:
    assert await ledger.admit("ann", ["c1", "c2"], "24h", 3, T0)
    assert not await ledger.admit("ann", ["c3", "c4"], "24h", 3, T0 + 1)  # 4 > 3: neither recorded
    assert await ledger.admit("ann", ["c1", "c3"], "24h", 3, T0 + 2)  # c1 seen: one new, 3 in all
    assert not await ledger.admit("ann", ["c4"], "24h", 3, T0 + 3)
    assert await ledger.admit("ann", ["c2"], "24h", 3, T0 + 4)  # seen ones always pass
    assert (await ledger.record("ann", [], [], T0 + 5)).ticketless["24h"] == 3
    assert await ledger.admit("ann", ["c4"], "24h", 3, T0 + DAY + 5)  # the window rolled


async def test_admit_and_record_count_the_same_views(ledger: Ledger) -> None:
    await ledger.record("bob", ["c1", "c2"], [], T0)
    assert not await ledger.admit("bob", ["c3"], "1h", 2, T0 + 1)
    assert await ledger.admit("bob", ["c3"], "1h", 2, T0 + HOUR + 1)  # c1, c2 left the hour
    assert (await ledger.record("bob", [], [], T0 + HOUR + 2)).ticketless == {"1h": 1, "24h": 3, "7d": 3}
