"""Enforcement after inspection: canaries, distinct-customer quotas, and the views ledger.

Quotas count distinct *ticketless* customers (not on a ticket assigned to the agent), so normal work
on assigned tickets is never limited: above `soft` an alert is raised, above `justify` new customers
are withheld until the agent gives a reason, above `hard` they are withheld for the rest of the
window. Customers already seen in the window never count twice.

Two more optional limits, each on its own distinct count in the same window:
- contacts — e-mails and phones served in clear outside any customer record, as on a route without
  record rules (`quota.contacts`): reading customers through an endpoint nobody declared is limited
  too, not only counted;
- assigned customers (`quota.assigned`): the exemption above trusts the CRM's assignee, which an
  agent allowed to assign tickets can set to themselves for any customer; a cap well above a
  day's work keeps that from opening every customer;
- searches (`quota.searches`): a CRM search matches on the values the mask hides, so probing it
  one character at a time rebuilds them while serving the same few customers.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

from proxy.errors import Withheld
from proxy.evidence import match_hash
from proxy.ledger import WINDOWS, Counts, Ledger, customer_key
from proxy.model import ServedRecord
from proxy.rules import Quota, Role
from proxy.scope import CONTACT, CUSTOMER

# An agent's contacts (e-mails and phones served in clear outside customer records, by keyed hash)
# and assigned customers are counted in the ledger apart from its ticketless customers, under these
# suffixes of its name.
_CONTACTS = "\x1fcontacts"
_ASSIGNED = "\x1fassigned"
# A reason names one customer: past the justify level, a justified list of new customers would
# open them all with one reason. Each new customer there needs its own justified request.
_CUSTOMERS_PER_JUSTIFICATION = 1
_SEARCHES = "\x1fsearches"  # one key per search request: the distinct count is the number of searches


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
    canary_contacts: tuple[tuple[str, str], ...] = (),
) -> Verdict:
    """Check and record one response's customers (and clear contacts) for one agent.

    A canary is served when a customer record has its id, or any record (a contact, a customer's
    e-mail field) its e-mail or phone, masked or not."""
    customers = [s for s in served if s.record.record_type == CUSTOMER]
    contacts = sorted({k for s in served if s.record.record_type == CONTACT and s.clear for k in s.keys})
    events: list[str] = []
    canary_keys = _canary_keys(key, canary_contacts) if key else frozenset()
    if any(s.record.record_id in canaries for s in customers) or any(
        k in canary_keys for s in served for k in s.keys
    ):
        events.append("canary")
    if not customers and not contacts:
        return Verdict(tuple(events))
    ticketless = [customer_key(key, s.record.record_id) for s in customers if not s.assigned]
    assigned = [customer_key(key, s.record.record_id) for s in customers if s.assigned]
    quota = role.quota
    withheld: Withheld | None = None
    # The extra limits in force: (ledger name, keys to count, limit, reason when over it).
    extra: list[tuple[str, list[str], int, str]] = []
    admitted: set[str] = set()  # checked and recorded in one step (ledger.admit)
    if quota is not None:
        if ticketless:
            withheld = await _customer_limits(ledger, agent, ticketless, quota, justified, now, events)
        for suffix, keys, limit, reason in (
            (_CONTACTS, contacts, quota.contacts, "contacts_quota_exceeded"),
            (_ASSIGNED, assigned, quota.assigned, "assigned_quota_exceeded"),
        ):
            if keys and limit is not None:
                extra.append((agent + suffix, keys, limit, reason))
        for name, keys, limit, reason in extra:
            if withheld is not None:
                break
            if await ledger.admit(name, keys, quota.window, limit, now):
                admitted.add(name)
            else:
                events.append("quota_exceeded")  # the same alert as for customers; reasons differ
                withheld = Withheld(reason, 429)
    if withheld is not None and not observe:
        return Verdict(tuple(events), withheld)
    for name, keys, _, _ in extra:
        if name not in admitted:  # observe mode: counted though over the limit
            await ledger.record(name, keys, [], now)
    counts = await ledger.record(agent, ticketless, assigned, now) if customers else None
    return Verdict(tuple(events), None, counts)


async def _customer_limits(
    ledger: Ledger,
    agent: str,
    ticketless: list[str],
    quota: Quota,
    justified: bool,
    now: float,
    events: list[str],
) -> Withheld | None:
    """Events for the graduated limits on new ticketless customers, and the withholding if any.
    Admitted customers are recorded with the check, in one step: parallel responses cannot all
    slip under the limit that stops the agent."""
    new = await ledger.unseen(agent, ticketless, WINDOWS[quota.window], now)
    if not new:
        return None
    before = (await ledger.record(agent, [], [], now)).ticketless.get(quota.window, 0)
    after = before + len(new)
    withheld: Withheld | None = None
    if quota.hard is not None and after > quota.hard:
        events.append("quota_exceeded")
        withheld = Withheld("quota_exceeded", 429)
    elif quota.justify is not None and after > quota.justify:
        past_justify = after - max(before, quota.justify)
        if justified and past_justify <= _CUSTOMERS_PER_JUSTIFICATION:
            events.append("justified")
        else:
            events.append("justification_required")
            withheld = Withheld("justification_required", 429)
    if after > quota.soft:
        events.append("quota_soft")
    # The limit that stops this agent now: the hard one, and the justification one, past which a
    # justified request may add only the customer it names.
    justify = quota.justify
    if justified and justify is not None:
        justify = max(before, justify) + _CUSTOMERS_PER_JUSTIFICATION
    stop = min((n for n in (quota.hard, justify) if n is not None), default=None)
    if (
        withheld is None
        and stop is not None
        and not await ledger.admit(agent, ticketless, quota.window, stop, now)
    ):
        # Concurrent responses took the last places between the count above and now.
        reason = "quota_exceeded" if stop == quota.hard else "justification_required"
        events.append(reason)
        withheld = Withheld(reason, 429)
    return withheld


async def admit_search(
    ledger: Ledger, role: Role, agent: str, request_id: str, now: float, observe: bool = False
) -> Verdict:
    """Count one search request (event `search`) against `quota.searches`, whatever becomes of
    its answer; past the limit it is withheld (`search_quota_exceeded`, event `quota_exceeded`)."""
    quota = role.quota
    if quota is None or quota.searches is None:
        return Verdict(("search",))
    if await ledger.admit(agent + _SEARCHES, [request_id], quota.window, quota.searches, now):
        return Verdict(("search",))
    if observe:  # counted though over the limit
        await ledger.record(agent + _SEARCHES, [request_id], [], now)
        return Verdict(("search", "quota_exceeded"))
    return Verdict(("search", "quota_exceeded"), Withheld("search_quota_exceeded", 429))


@functools.lru_cache(maxsize=8)  # one per rules generation in use
def _canary_keys(key: bytes, contacts: tuple[tuple[str, str], ...]) -> frozenset[str]:
    return frozenset(match_hash(key, kind, value) for kind, value in contacts)
