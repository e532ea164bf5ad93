"""The ledger: what each agent has been served, over rolling windows, and which customers are theirs.

It answers the questions the insider-threat controls ask before a response is released:
- which of these customers are on tickets assigned to this agent (assignments expire);
- how many distinct ticketless customers has this agent been served in each window, and which of
  these customers would be new;
- may this agent spend one more break-glass reveal in this shift.

`MemoryLedger` keeps this per replica; `proxy.ledger_redis.RedisLedger` shares it across replicas,
and `FallbackLedger` keeps masking and counting going (locally) when Redis is unreachable.
Customer ids are stored as keyed hashes, never as given.
"""

from __future__ import annotations

import hashlib
import hmac
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

WINDOWS: dict[str, float] = {"1h": 3600.0, "24h": 86400.0, "7d": 7 * 86400.0}
LONGEST = max(WINDOWS.values())
_LONGEST_NAME = max(WINDOWS, key=WINDOWS.__getitem__)


@dataclass(frozen=True, slots=True)
class Counts:
    """Distinct customers served to one agent, per window name, split by scope."""

    ticketless: dict[str, int] = field(default_factory=dict)
    assigned: dict[str, int] = field(default_factory=dict)


class Ledger(Protocol):
    """Shared per-agent state. Every method may raise OSError/ConnectionError (callers fall back)."""

    async def assign(self, agent: str, customers: Sequence[str], ttl: float, now: float) -> None: ...

    async def assigned(self, agent: str, customers: Sequence[str], now: float) -> set[str]: ...

    async def unseen(self, agent: str, customers: Sequence[str], window: float, now: float) -> set[str]:
        """Those of `customers` (ticketless) not served to `agent` within `window`."""
        ...

    async def record(
        self, agent: str, ticketless: Sequence[str], assigned: Sequence[str], now: float
    ) -> Counts:
        """Add views and return the agent's distinct counts after adding them."""
        ...

    async def spend_break_glass(self, agent: str, shift: float, budget: int, now: float) -> bool:
        """Take one break-glass reveal from the agent's budget for the current shift, if any is left."""
        ...

    async def admit(self, agent: str, customers: Sequence[str], window: str, limit: int, now: float) -> bool:
        """Record `customers` as ticketless views if the agent's distinct count in `window` stays
        within `limit` with them, in one step (two replicas cannot both take the last place);
        else record nothing and return False. Customers already seen in the window always pass."""
        ...


def customer_key(secret: bytes, customer: str) -> str:
    """Keyed hash of a customer id: the ledger (and Redis) never hold ids as given."""
    return hmac.new(secret, b"customer\0" + customer.encode(), hashlib.sha256).hexdigest()[:24]


class MemoryLedger:
    """The ledger in this process's memory (the default, and the fallback when Redis is down)."""

    def __init__(self, max_per_agent: int = 500_000) -> None:
        # (agent, assigned) → window name → customer → last view, oldest first. One table per
        # window, so a count is a len() and a view costs the same for an agent who has seen ten
        # customers as for one who has seen ten thousand (the one the counts are for).
        self._views: dict[tuple[str, bool], dict[str, dict[str, float]]] = {}
        self._assignments: dict[str, dict[str, float]] = {}  # agent → customer → expiry
        self._break_glass: dict[str, list[float]] = {}
        self._max = max_per_agent
        self._lock = threading.Lock()

    async def assign(self, agent: str, customers: Sequence[str], ttl: float, now: float) -> None:
        with self._lock:
            table = self._assignments.setdefault(agent, {})
            for customer in customers:
                table[customer] = now + ttl

    async def assigned(self, agent: str, customers: Sequence[str], now: float) -> set[str]:
        with self._lock:
            table = self._assignments.get(agent, {})
            return {c for c in customers if table.get(c, 0.0) > now}

    async def unseen(self, agent: str, customers: Sequence[str], window: float, now: float) -> set[str]:
        with self._lock:
            seen = self._views.get((agent, False), {}).get(_LONGEST_NAME, {})
            return {c for c in customers if c not in seen or seen[c] < now - window}

    async def record(
        self, agent: str, ticketless: Sequence[str], assigned: Sequence[str], now: float
    ) -> Counts:
        with self._lock:
            return self._record(agent, ticketless, assigned, now)

    async def admit(self, agent: str, customers: Sequence[str], window: str, limit: int, now: float) -> bool:
        with self._lock:
            counts = self._record(agent, [], [], now)  # drops views older than each window
            seen = self._views.get((agent, False), {}).get(window, {})
            new = {c for c in customers if c not in seen}
            if new and counts.ticketless[window] + len(new) > limit:
                return False
            self._record(agent, customers, [], now)
            return True

    def _record(self, agent: str, ticketless: Sequence[str], assigned: Sequence[str], now: float) -> Counts:
        """`record`, for a caller that holds the lock."""
        counts = Counts()
        for scope, customers, out in (
            (False, ticketless, counts.ticketless),
            (True, assigned, counts.assigned),
        ):
            tables = self._views.setdefault((agent, scope), {})
            for name, window in WINDOWS.items():
                seen = tables.setdefault(name, {})
                for customer in customers:
                    seen.pop(customer, None)  # re-insert keeps insertion order = last-view order
                    seen[customer] = now
                while seen and (len(seen) > self._max or next(iter(seen.values())) < now - window):
                    seen.pop(next(iter(seen)))
                out[name] = len(seen)
        return counts

    async def spend_break_glass(self, agent: str, shift: float, budget: int, now: float) -> bool:
        with self._lock:
            spent = [t for t in self._break_glass.get(agent, []) if t >= now - shift]
            if len(spent) >= budget:
                self._break_glass[agent] = spent
                return False
            self._break_glass[agent] = [*spent, now]
            return True
