"""Enforcement after inspection: canaries, distinct-customer quotas, and the views ledger.

Quotas count distinct *ticketless* customers (not on a ticket assigned to the agent), so normal work
on assigned tickets is never limited: above `soft` an alert is raised, above `justify` new customers
are withheld until the agent gives a reason, above `hard` they are withheld for the rest of the
window. Customers already seen in the window never count twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from proxy.errors import Withheld
from proxy.ledger import WINDOWS, Counts, Ledger, customer_key
from proxy.model import ServedRecord
from proxy.rules import Role
from proxy.scope import CUSTOMER


@dataclass(frozen=True, slots=True)
class Verdict:
    """What enforcement decided: events for audit and metrics, and a withholding if any."""

    events: tuple[str, ...] = ()
    withheld: Withheld | None = None
    counts: Counts | None = None


async def enforce(
    ledger: Ledger,
    role: Role,
    agent: str,
    served: Sequence[ServedRecord],
    canaries: frozenset[str],
    justified: bool,
    key: bytes,
    now: float,
    observe: bool = False,
) -> Verdict:
    """Check and record one response's customers for one agent."""
    customers = [s for s in served if s.record.record_type == CUSTOMER]
    events: list[str] = []
    if any(s.record.record_id in canaries for s in customers):
        events.append("canary")
    if not customers:
        return Verdict(tuple(events))
    ticketless = [customer_key(key, s.record.record_id) for s in customers if not s.assigned]
    assigned = [customer_key(key, s.record.record_id) for s in customers if s.assigned]
    quota = role.quota
    if quota is not None and ticketless:
        new = await ledger.unseen(agent, ticketless, WINDOWS[quota.window], now)
        if new:
            before = (await ledger.record(agent, [], [], now)).ticketless.get(quota.window, 0)
            after = before + len(new)
            withheld: Withheld | None = None
            if quota.hard is not None and after > quota.hard:
                events.append("quota_exceeded")
                withheld = Withheld("quota_exceeded", 429)
            elif quota.justify is not None and after > quota.justify:
                events.append("justified" if justified else "justification_required")
                withheld = None if justified else Withheld("justification_required", 429)
            if after > quota.soft:
                events.append("quota_soft")
            if withheld is not None and not observe:
                return Verdict(tuple(events), withheld)
    counts = await ledger.record(agent, ticketless, assigned, now)
    return Verdict(tuple(events), None, counts)
