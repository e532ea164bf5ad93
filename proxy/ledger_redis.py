"""The ledger in Redis, shared by every Scrim replica, and the fallback that keeps counting without it.

Key schema (one Redis database; `A` is the first 32 hex digits of sha256(agent id), so an agent id with
`:`, spaces or kilobytes of text can neither break the schema nor grow a key):

    {prefix}:views:{A}:t   sorted set   customer key -> last view time (ticketless)
    {prefix}:views:{A}:a   sorted set   customer key -> last view time (on a ticket assigned to the agent)
    {prefix}:assign:{A}    sorted set   customer key -> assignment expiry
    {prefix}:bg:{A}        sorted set   one member per break-glass spend -> spend time

Members are the callers' customer keys (`proxy.ledger.customer_key`), never customer ids as given.
Every key expires (views after the longest window, assignments after their latest expiry, break-glass
after the shift), so an agent who leaves leaves nothing behind. Scores are the callers' `now` (wall
clock): replicas need synchronised clocks (NTP), as they already do for token expiry.

Redis is telemetry, not data (THREATS 9): `FallbackLedger` answers from this replica's memory while
Redis is unreachable, so masking never waits on or fails with Redis. redis-py stays in this module.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import hashlib
import logging
import math
import re
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from typing import Protocol, runtime_checkable
from urllib.parse import urlsplit

from redis.asyncio import BlockingConnectionPool, Redis
from redis.exceptions import RedisError, ResponseError

from proxy.ledger import LONGEST, WINDOWS, Counts, Ledger, MemoryLedger

log = logging.getLogger(__name__)

MIN_VERSION = (7, 0)  # EXPIRE NX/GT (ZMSCORE and ZADD GT need 6.2)
_PREFIX = re.compile(r"[A-Za-z0-9_.:-]{1,64}")
_AGENT_HEX = 32

# Check and spend in one step on the server, so two replicas cannot both take the last unit.
_SPEND_SCRIPT = """
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then
  return 0
end
redis.call('ZADD', KEYS[1], ARGV[3], ARGV[4])
redis.call('EXPIRE', KEYS[1], ARGV[5])
return 1
"""


# Count and add in one step, so concurrent responses cannot all take the last places of a limit.
# KEYS[1]: a views key. ARGV: now, window start, limit, longest-window cutoff, expiry seconds,
# most members kept, then the members. Customers seen since the window start always pass.
_ADMIT_SCRIPT = """
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[4])
local since = tonumber(ARGV[2])
local new = 0
for i = 7, #ARGV do
  local last = redis.call('ZSCORE', KEYS[1], ARGV[i])
  if (not last) or tonumber(last) < since then new = new + 1 end
end
if new > 0 and redis.call('ZCOUNT', KEYS[1], ARGV[2], '+inf') + new > tonumber(ARGV[3]) then
  return 0
end
for i = 7, #ARGV do redis.call('ZADD', KEYS[1], 'GT', ARGV[1], ARGV[i]) end
redis.call('ZREMRANGEBYRANK', KEYS[1], 0, -(tonumber(ARGV[6]) + 1))
redis.call('EXPIRE', KEYS[1], ARGV[5])
return 1
"""


class LedgerUnavailable(ConnectionError):
    """The shared ledger could not answer in time (Redis down, slow, refusing, or too old).

    A `ConnectionError`, as the `Ledger` protocol promises; the message names the server (without
    credentials) and the kind of failure, never an agent or customer.
    """


def redact_url(url: str) -> str:
    """The Redis URL without user name or password, fit for logs and error messages."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        return "<unparsable redis url>"
    return f"{parts.scheme}://{host}{port}{parts.path}"


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", text)[:3])


class RedisLedger:
    """The `Ledger` in Redis: every replica pointed at one server sees the same counts.

    One connection pool per instance; a call that cannot finish within `deadline` seconds (connect,
    pool wait and commands together) raises `LedgerUnavailable` rather than holding the response.
    Wrap it in `FallbackLedger` so such a call is answered locally instead.
    """

    def __init__(
        self,
        url: str,
        prefix: str = "scrim",
        *,
        connect_timeout: float = 0.25,
        op_timeout: float = 0.25,
        deadline: float = 0.5,
        max_connections: int = 32,
        max_per_agent: int = 500_000,
    ) -> None:
        if not _PREFIX.fullmatch(prefix):
            raise ValueError(f"redis prefix: {prefix!r} is not 1-64 of A-Z a-z 0-9 _ . : -")
        self.where = redact_url(url)
        try:
            pool = BlockingConnectionPool.from_url(
                url,
                max_connections=max_connections,
                timeout=op_timeout,  # waiting for a free pooled connection
                socket_connect_timeout=connect_timeout,
                socket_timeout=op_timeout,
            )
        except ValueError as err:
            raise ValueError(f"redis url {self.where!r}: {err}") from err
        self._client = Redis.from_pool(pool)
        self._spend = self._client.register_script(_SPEND_SCRIPT)
        self._admit = self._client.register_script(_ADMIT_SCRIPT)
        self._prefix = prefix
        self._deadline = deadline
        self._max = max_per_agent

    def _key(self, kind: str, agent: str, suffix: str = "") -> str:
        digest = hashlib.sha256(agent.encode("utf-8", "surrogatepass")).hexdigest()[:_AGENT_HEX]
        return f"{self._prefix}:{kind}:{digest}{suffix}"

    @contextlib.asynccontextmanager
    async def _call(self, what: str) -> AsyncIterator[None]:
        try:
            async with asyncio.timeout(self._deadline):
                yield
        except (RedisError, OSError) as err:  # TimeoutError is an OSError
            raise LedgerUnavailable(f"redis ledger at {self.where}: {what}: {type(err).__name__}") from err

    async def assign(self, agent: str, customers: Sequence[str], ttl: float, now: float) -> None:
        if not customers:
            return
        key = self._key("assign", agent)
        seconds = max(1, math.ceil(ttl))
        async with self._call("assign"), self._client.pipeline(transaction=True) as pipe:
            pipe.zadd(key, dict.fromkeys(customers, now + ttl))
            pipe.zremrangebyscore(key, "-inf", now)
            # The key lives as long as its latest assignment: set if new, else only ever extend.
            pipe.expire(key, seconds, nx=True)
            pipe.expire(key, seconds, gt=True)
            await pipe.execute()

    async def assigned(self, agent: str, customers: Sequence[str], now: float) -> set[str]:
        unique = list(dict.fromkeys(customers))
        if not unique:
            return set()
        async with self._call("assigned"):
            expiries = await self._client.zmscore(self._key("assign", agent), unique)
        return {c for c, expiry in zip(unique, expiries, strict=True) if expiry is not None and expiry > now}

    async def unseen(self, agent: str, customers: Sequence[str], window: float, now: float) -> set[str]:
        unique = list(dict.fromkeys(customers))
        if not unique:
            return set()
        async with self._call("unseen"):
            seen = await self._client.zmscore(self._key("views", agent, ":t"), unique)
        return {c for c, last in zip(unique, seen, strict=True) if last is None or last < now - window}

    async def record(
        self, agent: str, ticketless: Sequence[str], assigned: Sequence[str], now: float
    ) -> Counts:
        counts = Counts()
        slots: list[tuple[dict[str, int], str, int]] = []  # (output, window name, index in results)
        queued = 0
        async with self._call("record"), self._client.pipeline(transaction=True) as pipe:
            for suffix, customers, out in (
                (":t", ticketless, counts.ticketless),
                (":a", assigned, counts.assigned),
            ):
                key = self._key("views", agent, suffix)
                if customers:
                    # GT: a replica whose clock lags never moves a last view back in time.
                    pipe.zadd(key, dict.fromkeys(customers, now), gt=True)
                    queued += 1
                pipe.zremrangebyscore(key, "-inf", f"({now - LONGEST!r}")
                pipe.zremrangebyrank(key, 0, -(self._max + 1))  # keep the most recent max_per_agent
                queued += 2
                for name, window in WINDOWS.items():
                    pipe.zcount(key, now - window, "+inf")
                    slots.append((out, name, queued))
                    queued += 1
                pipe.expire(key, math.ceil(LONGEST))
                queued += 1
            results = await pipe.execute()
        for out, name, index in slots:
            out[name] = int(results[index])
        return counts

    async def spend_break_glass(self, agent: str, shift: float, budget: int, now: float) -> bool:
        member = f"{now!r}:{uuid.uuid4().hex}"  # two spends in one instant are two spends
        args = (f"({now - shift!r}", budget, repr(now), member, max(1, math.ceil(shift)))
        async with self._call("break-glass"):
            granted = await self._spend(keys=[self._key("bg", agent)], args=args)
        return bool(granted)

    async def admit(self, agent: str, customers: Sequence[str], window: str, limit: int, now: float) -> bool:
        unique = list(dict.fromkeys(customers))
        if not unique:
            return True
        args = (
            repr(now),
            repr(now - WINDOWS[window]),
            limit,
            f"({now - LONGEST!r}",
            math.ceil(LONGEST),
            self._max,
        )
        async with self._call("admit"):
            admitted = await self._admit(keys=[self._key("views", agent, ":t")], args=[*args, *unique])
        return bool(admitted)

    async def ping(self) -> None:
        """Raise `LedgerUnavailable` unless the server answers and is recent enough (start-up check)."""
        async with self._call("ping"):
            await self._client.ping()
            try:
                info = await self._client.info("server")
            except ResponseError:  # INFO denied by ACL: the commands we use will tell
                return
        version = str(info.get("redis_version", ""))
        if version and _version(version) < MIN_VERSION:
            need = ".".join(map(str, MIN_VERSION))
            raise LedgerUnavailable(f"redis ledger at {self.where}: server is {version}, need >= {need}")

    async def close(self) -> None:
        """Close the connection pool (shutdown); further calls reconnect."""
        with contextlib.suppress(RedisError, OSError):
            await self._client.aclose()


@runtime_checkable
class Probed(Protocol):
    """A ledger with a health check and a shutdown, such as `RedisLedger`."""

    async def ping(self) -> None: ...

    async def close(self) -> None: ...


async def _refused() -> bool:
    return False


class FallbackLedger:
    """A shared ledger that degrades to this replica's memory instead of failing.

    Each call goes to `primary`; if it fails with a backend error (Redis, OS, timeout), that call is
    answered by `local`, and so is every call for the next `retry_after` seconds; then a single call
    probes the primary again while the others stay local. `on_state(False)` is called once when the
    ledger degrades and `on_state(True)` once when it recovers (it starts healthy), each transition
    logged once, without agent or customer data. Other exceptions are bugs and propagate.

    With `mirror` (the default) writes that reached the primary are also applied to `local`, so a
    degraded replica keeps counting from its own share of the history rather than from zero. Views
    recorded while degraded are kept (up to `journal_size`, oldest dropped first) and written to the
    primary, with their own times, by one background task once it answers again: an agent who
    spread requests over replicas during an outage meets the whole count afterwards (the calls
    answered while the task runs do not count the views it has not written yet).

    Break-glass is refused while degraded: each replica's local budget would grant its own.
    """

    def __init__(
        self,
        primary: Ledger,
        local: MemoryLedger,
        on_state: Callable[[bool], None] | None = None,
        retry_after: float = 5.0,
        *,
        mirror: bool = True,
        clock: Callable[[], float] = time.monotonic,
        journal_size: int = 100_000,
    ) -> None:
        self._primary = primary
        self._local = local
        self._on_state = on_state
        self._retry_after = retry_after
        self._mirror = mirror
        self._clock = clock
        self._healthy = True
        self._retry_at = 0.0
        self._probing = False
        # Views recorded locally while degraded: (agent, ticketless, assigned, time).
        self._journal: collections.deque[tuple[str, tuple[str, ...], tuple[str, ...], float]] = (
            collections.deque(maxlen=journal_size)
        )
        self._replaying: asyncio.Task[None] | None = None

    @property
    def healthy(self) -> bool:
        """Whether calls currently reach the shared ledger."""
        return self._healthy

    def _transition(self, healthy: bool, err: BaseException | None = None) -> None:
        if healthy == self._healthy:
            return
        self._healthy = healthy
        if healthy:
            log.warning("ledger: shared store reachable again; counts are shared across replicas")
        else:
            # Our own message names the server and failure kind only; anything else, just its type.
            why = str(err) if isinstance(err, LedgerUnavailable) else type(err).__name__
            log.warning(
                "ledger: shared store unavailable (%s); counting locally, retrying every %gs",
                why,
                self._retry_after,
            )
        if self._on_state is not None:
            try:
                self._on_state(healthy)
            except Exception:
                log.exception("ledger: on_state callback failed")

    def _fail(self, err: BaseException) -> None:
        self._retry_at = self._clock() + self._retry_after
        self._transition(False, err)

    async def _call[T](
        self, primary: Callable[[], Awaitable[T]], local: Callable[[], Awaitable[T]]
    ) -> tuple[T, bool]:
        """The result, and whether it came from the primary."""
        if not self._healthy and (self._probing or self._clock() < self._retry_at):
            return await local(), False
        probe = not self._healthy
        self._probing = self._probing or probe
        try:
            result = await primary()
        except (RedisError, OSError) as err:
            self._fail(err)
            return await local(), False
        finally:
            if probe:
                self._probing = False
        self._transition(True)
        if self._journal and (self._replaying is None or self._replaying.done()):
            self._replaying = asyncio.get_running_loop().create_task(self._replay())
        return result, True

    async def _replay(self) -> None:
        """Write the views recorded while degraded to the primary, oldest first; stop (putting the
        view back) if it fails again. The only task that takes from the journal."""
        replayed = 0
        while self._journal:
            view = self._journal.popleft()
            try:
                await self._primary.record(*view)
            except (RedisError, OSError) as err:
                self._journal.appendleft(view)
                self._fail(err)
                break
            except Exception:  # a bug: logged, never a request's failure
                log.exception("ledger: writing the views recorded while degraded failed")
                break
            replayed += 1
        log.info("ledger: %d views recorded while degraded written to the shared store", replayed)

    async def drain(self) -> None:
        """Wait for the views recorded while degraded to be written (tests, shutdown)."""
        if self._replaying is not None:
            await self._replaying

    async def assign(self, agent: str, customers: Sequence[str], ttl: float, now: float) -> None:
        _, shared = await self._call(
            lambda: self._primary.assign(agent, customers, ttl, now),
            lambda: self._local.assign(agent, customers, ttl, now),
        )
        if shared and self._mirror:
            await self._local.assign(agent, customers, ttl, now)

    async def assigned(self, agent: str, customers: Sequence[str], now: float) -> set[str]:
        result, _ = await self._call(
            lambda: self._primary.assigned(agent, customers, now),
            lambda: self._local.assigned(agent, customers, now),
        )
        return result

    async def unseen(self, agent: str, customers: Sequence[str], window: float, now: float) -> set[str]:
        result, _ = await self._call(
            lambda: self._primary.unseen(agent, customers, window, now),
            lambda: self._local.unseen(agent, customers, window, now),
        )
        return result

    async def record(
        self, agent: str, ticketless: Sequence[str], assigned: Sequence[str], now: float
    ) -> Counts:
        counts, shared = await self._call(
            lambda: self._primary.record(agent, ticketless, assigned, now),
            lambda: self._local.record(agent, ticketless, assigned, now),
        )
        if shared and self._mirror:
            await self._local.record(agent, ticketless, assigned, now)
        elif not shared:
            self._journal.append((agent, tuple(ticketless), tuple(assigned), now))
        return counts

    async def spend_break_glass(self, agent: str, shift: float, budget: int, now: float) -> bool:
        granted, shared = await self._call(
            lambda: self._primary.spend_break_glass(agent, shift, budget, now),
            _refused,
        )
        if granted and shared and self._mirror:
            await self._local.spend_break_glass(agent, shift, budget, now)
        return granted

    async def admit(self, agent: str, customers: Sequence[str], window: str, limit: int, now: float) -> bool:
        admitted, shared = await self._call(
            lambda: self._primary.admit(agent, customers, window, limit, now),
            lambda: self._local.admit(agent, customers, window, limit, now),
        )
        if admitted and shared and self._mirror:
            await self._local.record(agent, customers, [], now)
        elif admitted and not shared:
            self._journal.append((agent, tuple(customers), (), now))
        return admitted

    async def ping(self) -> bool:
        """Check the primary now (start-up, readiness); returns and records whether it answered."""
        if isinstance(self._primary, Probed):
            try:
                await self._primary.ping()
            except (RedisError, OSError) as err:
                self._fail(err)
                return False
        self._transition(True)
        return True

    async def close(self) -> None:
        """Close the primary's connections (shutdown)."""
        if self._replaying is not None:
            self._replaying.cancel()
        if isinstance(self._primary, Probed):
            await self._primary.close()
