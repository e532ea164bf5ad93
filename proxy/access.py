"""The pipeline's view of the ledger for one request: assignments learned and looked up, and
break-glass requests granted from the shift budget. Customer ids reach the ledger only as keyed
hashes."""

from __future__ import annotations

from collections.abc import Sequence

from proxy.errors import Withheld
from proxy.ledger import Ledger, customer_key
from proxy.rules import Role


class LedgerAccess:
    """Implements pipeline.Access for one agent and one request."""

    def __init__(
        self,
        ledger: Ledger,
        agent: str,
        role: Role,
        key: bytes,
        assignment_ttl: float,
        break_glass_reason: str | None,
        now: float,
    ) -> None:
        self._ledger = ledger
        self._agent = agent
        self._role = role
        self._key = key
        self._ttl = assignment_ttl
        self._reason = break_glass_reason
        self._now = now

    async def learn(self, pairs: Sequence[tuple[str, str]]) -> None:
        by_agent: dict[str, list[str]] = {}
        for agent, customer in pairs:
            by_agent.setdefault(agent, []).append(customer_key(self._key, customer))
        for agent, customers in by_agent.items():
            await self._ledger.assign(agent, customers, self._ttl, self._now)

    async def assigned(self, customers: Sequence[str]) -> set[str]:
        keys = {customer_key(self._key, c): c for c in customers}
        found = await self._ledger.assigned(self._agent, list(keys), self._now)
        return {keys[k] for k in found}

    async def break_glass(self, customers: Sequence[str]) -> bool:
        if self._reason is None:
            return False
        policy = self._role.break_glass
        if policy is None:
            raise Withheld("break_glass_not_allowed", 403)
        if len(set(customers)) != 1:
            raise Withheld("break_glass_one_customer", 403)  # one named customer, never a list
        if not await self._ledger.spend_break_glass(
            self._agent, policy.shift_seconds, policy.budget, self._now
        ):
            raise Withheld("break_glass_budget", 429)
        return True
