"""Quotas, canaries and the ledger record, with the in-memory ledger and explicit clocks."""

from __future__ import annotations

import pytest

from proxy.enforce import Verdict, admit_search, enforce
from proxy.ledger import MemoryLedger
from proxy.model import Record, ServedRecord
from proxy.rules import Quota, Role

KEY = b"k" * 32
T0 = 1_800_000_000.0
ROLE = Role("tier1", "hidden", {}, quota=Quota("24h", soft=3, justify=5, hard=8))


def customers(*ids: str, assigned: bool = False) -> list[ServedRecord]:
    return [ServedRecord(Record("customer", i), assigned=assigned) for i in ids]


async def view(ledger: MemoryLedger, served: list[ServedRecord], justified: bool = False, now: float = T0):
    return await enforce(ledger, ROLE, "agent-1", served, frozenset({"c-canary"}), justified, KEY, now)


@pytest.mark.parametrize(
    ("count", "justified", "events", "reason"),
    [
        # distinct ticketless customers after this response → what happens
        (3, False, (), None),
        (4, False, ("quota_soft",), None),
        (6, False, ("justification_required", "quota_soft"), "justification_required"),
        (6, True, ("justified", "quota_soft"), None),
        # a reason names one customer: two new ones past the justify level need two reasons
        (7, True, ("justification_required", "quota_soft"), "justification_required"),
        (9, True, ("quota_exceeded", "quota_soft"), "quota_exceeded"),
    ],
)
async def test_graduated_limits(
    count: int, justified: bool, events: tuple[str, ...], reason: str | None
) -> None:
    ledger = MemoryLedger()
    verdict = await view(ledger, customers(*[f"c{i}" for i in range(count)]), justified)
    assert verdict.events == events
    assert (verdict.withheld.reason if verdict.withheld else None) == reason
    assert (verdict.withheld.status if verdict.withheld else None) == (429 if reason else None)


async def test_withheld_customers_are_not_counted_as_seen() -> None:
    ledger = MemoryLedger()
    assert (await view(ledger, customers(*[f"c{i}" for i in range(9)]))).withheld is not None
    assert (await view(ledger, customers("c0", "c1"))).events == ()  # still under the soft limit


async def test_seen_customers_and_assigned_ones_never_count() -> None:
    ledger = MemoryLedger()
    await view(ledger, customers("a", "b", "c"))
    again = await view(ledger, customers("a", "b", "c"))
    assert again.events == () and again.counts is not None and again.counts.ticketless["24h"] == 3
    mine = await view(ledger, customers(*[f"t{i}" for i in range(20)], assigned=True))
    assert mine.withheld is None and mine.counts is not None and mine.counts.assigned["24h"] == 20


async def test_the_window_rolls() -> None:
    ledger = MemoryLedger()
    await view(ledger, customers(*[f"c{i}" for i in range(5)]))
    later = await view(ledger, customers("x"), now=T0 + 86400 + 1)
    assert later.events == () and later.counts is not None and later.counts.ticketless["24h"] == 1


async def test_canary_is_an_event_not_a_block() -> None:
    verdict = await view(MemoryLedger(), customers("c-canary"))
    assert verdict.events == ("canary",) and verdict.withheld is None


@pytest.mark.parametrize("kind", ["contact", "customer"])
async def test_a_canarys_email_or_phone_served_anywhere_is_a_canary(kind: str) -> None:
    # A canary read through a route no record rule names (a comment, an undeclared endpoint) was
    # a contact, and raised nothing.
    from proxy.evidence import match_hash

    phone = match_hash(KEY, "phone", "(415) 555-0199")
    served = [ServedRecord(Record(kind, "c-1"), masked=("phone",), keys=(phone,))]
    contacts = (("email", "leak.canary@example.com"), ("phone", "+1 415 555 0199"))
    verdict = await enforce(
        MemoryLedger(), ROLE, "agent-1", served, frozenset(), False, KEY, T0, canary_contacts=contacts
    )
    assert verdict.events == ("canary",) and verdict.withheld is None
    other = [ServedRecord(Record(kind, "c-1"), keys=(match_hash(KEY, "phone", "(415) 555-0198"),))]
    verdict = await enforce(
        MemoryLedger(), ROLE, "agent-1", other, frozenset(), False, KEY, T0, canary_contacts=contacts
    )
    assert "canary" not in verdict.events


async def test_observe_mode_never_withholds() -> None:
    served = customers(*[f"c{i}" for i in range(9)])
    verdict = await enforce(MemoryLedger(), ROLE, "a", served, frozenset(), False, KEY, T0, observe=True)
    assert verdict.withheld is None and "quota_exceeded" in verdict.events


def contacts(*keys: str, clear: bool = True) -> list[ServedRecord]:
    kind = ("email",)
    return [
        ServedRecord(
            Record("contact", k[:16]), clear=kind if clear else (), masked=() if clear else kind, keys=(k,)
        )
        for k in keys
    ]


async def test_contacts_served_in_clear_have_their_own_limit() -> None:
    ledger = MemoryLedger()
    role = Role("tier2", "hidden", {}, quota=Quota("24h", soft=3, justify=5, hard=8, contacts=3))

    async def view_as_tier2(served: list[ServedRecord], observe: bool = False):
        return await enforce(ledger, role, "agent-2", served, frozenset(), False, KEY, T0, observe)

    assert (await view_as_tier2(contacts("e1", "e2"))).withheld is None
    assert (await view_as_tier2(contacts("e1", "e2", "e3"))).withheld is None  # seen ones count once
    assert (await view_as_tier2(contacts(*[f"m{i}" for i in range(10)], clear=False))).withheld is None
    over = await view_as_tier2(contacts("e4"))
    assert over.withheld is not None and (over.withheld.reason, over.withheld.status) == (
        "contacts_quota_exceeded", 429,
    )  # fmt: skip
    assert over.events == ("quota_exceeded",)
    assert (await view_as_tier2(contacts("e5"), observe=True)).withheld is None
    # Customers are counted apart: three contacts do not use up the customer quota.
    assert (await view_as_tier2(customers("c1", "c2", "c3"))).events == ()


async def test_contacts_are_not_limited_without_a_contacts_quota() -> None:
    verdict = await view(MemoryLedger(), contacts(*[f"e{i}" for i in range(50)]))
    assert verdict.withheld is None and verdict.events == () and verdict.counts is None


async def test_customers_on_assigned_tickets_have_their_own_limit() -> None:
    # An agent who may assign tickets can make any customer "theirs": the exemption is capped.
    ledger = MemoryLedger()
    role = Role("tier1", "hidden", {}, quota=Quota("24h", soft=3, justify=5, hard=8, assigned=4))

    async def view_as(served: list[ServedRecord], observe: bool = False, now: float = T0):
        return await enforce(ledger, role, "agent-3", served, frozenset(), False, KEY, now, observe)

    assert (await view_as(customers("t1", "t2", "t3", assigned=True))).withheld is None
    assert (await view_as(customers("t1", "t2", "t3", "t4", assigned=True))).withheld is None  # once each
    over = await view_as(customers("t5", assigned=True))
    assert over.withheld is not None and (over.withheld.reason, over.withheld.status) == (
        "assigned_quota_exceeded", 429,
    )  # fmt: skip
    assert over.events == ("quota_exceeded",)
    assert (await view_as(customers("t1", assigned=True))).withheld is None  # already seen: fine
    assert (await view_as(customers("t6", assigned=True), observe=True)).withheld is None
    # Ticketless customers are counted apart, and the window rolls.
    assert (await view_as(customers("c1", "c2"))).events == ()
    assert (await view_as(customers("t7", assigned=True), now=T0 + 86400 + 1)).withheld is None


async def test_assigned_customers_are_not_limited_without_an_assigned_quota() -> None:
    verdict = await view(MemoryLedger(), customers(*[f"t{i}" for i in range(50)], assigned=True))
    assert verdict.withheld is None and verdict.events == ()


async def test_searches_have_their_own_limit() -> None:
    # A search is a probe of what the mask hides: each request counts, even with no customer in it.
    ledger = MemoryLedger()
    role = Role("tier1", "hidden", {}, quota=Quota("24h", soft=3, justify=5, hard=8, searches=2))

    async def search(request_id: str, observe: bool = False, now: float = T0) -> Verdict:
        return await admit_search(ledger, role, "agent-4", request_id, now, observe)

    assert await search("r1") == Verdict(("search",))
    assert (await search("r2")).withheld is None
    over = await search("r3")
    assert over.withheld is not None and (over.withheld.reason, over.withheld.status) == (
        "search_quota_exceeded", 429,
    )  # fmt: skip
    assert over.events == ("search", "quota_exceeded")
    assert (await search("r4", observe=True)) == Verdict(("search", "quota_exceeded"))
    assert (await search("r5", now=T0 + 86400 + 1)).withheld is None  # the window rolls
    # Without a searches quota, a search is an event, never limited.
    assert await admit_search(ledger, ROLE, "agent-4", "r6", T0) == Verdict(("search",))


async def test_each_justified_request_adds_one_customer_past_the_justify_level() -> None:
    ledger = MemoryLedger()
    assert (await view(ledger, customers(*[f"c{i}" for i in range(5)]))).withheld is None
    for i in range(5, 8):  # one justified request per customer, up to the hard limit
        verdict = await view(ledger, customers(f"c{i}"), justified=True)
        assert verdict.withheld is None and "justified" in verdict.events
    assert (await view(ledger, customers("c8", "c9"), justified=True)).withheld is not None
