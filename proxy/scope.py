"""Need-to-know scopes: which customer record each field belongs to, and how that record is seen.

A field belongs to the nearest enclosing record (by path). Customers on tickets assigned to the agent
are masked with the role's `reveal_assigned` grants added; a break-glass customer is seen in clear;
everyone else with the role's base reveals. Fields outside any customer record (a ticket's subject,
a comment) take the elevated view only if every customer in the response is elevated.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from proxy.evidence import MATCHABLE, match_hash
from proxy.mask import Masker
from proxy.model import JsonPath, MaskResult, Record, ServedRecord, Span, TextField, field_text
from proxy.rules import Role

CUSTOMER = "customer"
CONTACT = "contact"  # an e-mail or phone served outside any customer record
# Long numbers, in whose digits other recognizers may read a phone number (not `mask._NUMBERS`:
# the entities masked as numbers).
_LONG_NUMBERS = frozenset(("CREDIT_CARD", "IBAN_CODE", "US_BANK_NUMBER", "CRYPTO", "NATIONAL_ID", "US_SSN"))


def owners(fields: Sequence[TextField], records: Sequence[Record]) -> tuple[dict[int, int], dict[int, int]]:
    """slot → index of the nearest enclosing record, and of the nearest enclosing customer record."""
    by_path = {r.path: i for i, r in enumerate(records)}
    customers = {r.path: i for i, r in enumerate(records) if r.record_type == CUSTOMER}
    nearest: dict[int, int] = {}
    nearest_customer: dict[int, int] = {}
    # What encloses a path's parent is shared by every field of one object: worked out once.
    above: dict[JsonPath, tuple[int | None, int | None]] = {}
    for f in fields:
        path = f.path[:-1] if f.is_key else f.path
        if path:
            parent = path[:-1]
            if parent not in above:
                above[parent] = _nearest(parent, by_path, customers)
            record, customer = by_path.get(path, above[parent][0]), customers.get(path, above[parent][1])
        else:
            record, customer = _nearest(path, by_path, customers)
        if record is not None:
            nearest[f.slot] = record
        if customer is not None:
            nearest_customer[f.slot] = customer
    return nearest, nearest_customer


def _nearest(
    path: JsonPath, by_path: Mapping[JsonPath, int], customers: Mapping[JsonPath, int]
) -> tuple[int | None, int | None]:
    """The nearest record and nearest customer record enclosing `path` (itself included)."""
    record = None
    for end in range(len(path), -1, -1):
        prefix = path[:end]
        if record is None:
            record = by_path.get(prefix)
        if prefix in customers:
            return record, customers[prefix]
    return record, None


def mask_in_scopes(
    masker: Masker,
    fields: Sequence[TextField],
    declared: Mapping[int, str],
    spans: Mapping[int, Sequence[Span]],
    records: Sequence[Record],
    customer_of: Mapping[int, int],
    elevated: Mapping[int, Role],
) -> MaskResult:
    """Mask every field with the view of the customer it belongs to (`elevated`: record index → role)."""
    if not elevated:
        return masker.apply(fields, declared, spans)
    customer_indexes = {i for i, r in enumerate(records) if r.record_type == CUSTOMER}
    # Fields outside any customer record share the elevated view only if all customers do.
    outside = masker.role
    if customer_indexes and customer_indexes <= set(elevated):
        views = {id(elevated[i]): elevated[i] for i in customer_indexes}
        outside = next(iter(views.values())) if len(views) == 1 else masker.role
    roles: dict[int, Role] = {}
    groups: dict[int, list[TextField]] = {}
    for f in fields:
        index = customer_of.get(f.slot)
        role = outside if index is None else elevated.get(index, masker.role)
        roles[id(role)] = role
        groups.setdefault(id(role), []).append(f)
    result = MaskResult()
    for key, group in groups.items():
        part = Masker(roles[key], masker.masks, masker.token_key).apply(group, declared, spans)
        result.replacements.update(part.replacements)
        for target, source in ((result.masked, part.masked), (result.revealed, part.revealed)):
            for entity, n in source.items():
                target[entity] = target.get(entity, 0) + n
    return result


def served_records(
    records: Sequence[Record],
    fields: Sequence[TextField],
    declared: Mapping[int, str],
    spans: Mapping[int, Sequence[Span]],
    result: MaskResult,
    owner: Mapping[int, int],
    assigned: set[str],
    match_key: bytes,
) -> tuple[ServedRecord, ...]:
    """Per record: field names served clear and masked, and keyed hashes for leak matching."""
    clear: dict[int, set[str]] = {}
    masked: dict[int, set[str]] = {}
    keys: dict[int, set[str]] = {}
    personal_ids: set[int] = set()
    for f in fields:
        index = owner.get(f.slot)
        if index is None or f.is_key:
            continue
        name = next((p for p in reversed(f.path) if isinstance(p, str)), "")
        entity = declared.get(f.slot)
        found = entity is not None or f.slot in spans
        if found and f.path[:-1] == records[index].path and str(f.value) == records[index].record_id:
            personal_ids.add(index)
        if f.slot in result.replacements:
            masked.setdefault(index, set()).add(name)
        elif found:
            clear.setdefault(index, set()).add(name)
        if not match_key or not isinstance(f.value, str | int):
            continue
        if entity is not None:
            if entity in MATCHABLE:
                keys.setdefault(index, set()).add(match_hash(match_key, MATCHABLE[entity], str(f.value)))
        elif any(s.entity in MATCHABLE for s in spans.get(f.slot, ())):
            # an e-mail or phone inside a text: keyed, and named `notes:phone`, clear or masked
            for value_entity, value, in_clear in _values(f, None, spans, result):
                kind = MATCHABLE.get(value_entity)
                if kind is not None:
                    keys.setdefault(index, set()).add(match_hash(match_key, kind, value))
                    (clear if in_clear else masked).setdefault(index, set()).add(f"{name}:{kind}")
    out = []
    for i, record in enumerate(records):
        record_keys = keys.get(i, set())
        if match_key and record.record_type == CUSTOMER:
            record_keys.add(match_hash(match_key, "id", record.record_id))
        out.append(
            ServedRecord(
                record,
                assigned=record.record_type == CUSTOMER and record.record_id in assigned,
                clear=tuple(sorted(clear.get(i, set()) - masked.get(i, set()))),
                masked=tuple(sorted(masked.get(i, set()))),
                keys=tuple(sorted(record_keys)),
                personal_id=i in personal_ids,
            )
        )
    return tuple(out)


def contacts(
    fields: Sequence[TextField],
    declared: Mapping[int, str],
    spans: Mapping[int, Sequence[Span]],
    result: MaskResult,
    customer_of: Mapping[int, int],
    match_key: bytes,
) -> tuple[ServedRecord, ...]:
    """E-mail addresses and phone numbers served outside any customer record (on an undeclared
    route, in a comment), one `contact` record each, identified by its keyed hash: an agent reading
    customers where no record rule names them is still counted and audited.

    Not counted as customers (quotas, distinct customers): the same person is often a customer
    record elsewhere in the response or the agent's session, and would be counted twice."""
    if not match_key:
        return ()
    found: dict[str, tuple[str, bool]] = {}  # keyed hash -> (kind, served in clear anywhere)
    for f in fields:
        if f.slot in customer_of:
            continue
        for value_entity, value, clear in _values(f, declared.get(f.slot), spans, result):
            kind = MATCHABLE.get(value_entity)
            if kind is not None:
                key = match_hash(match_key, kind, value)
                found[key] = (kind, clear or found.get(key, (kind, False))[1])
    return tuple(
        ServedRecord(
            Record(CONTACT, key[:16]),
            clear=(kind,) if clear else (),
            masked=() if clear else (kind,),
            keys=(key,),
        )
        for key, (kind, clear) in found.items()
    )


def _values(
    f: TextField, entity: str | None, spans: Mapping[int, Sequence[Span]], result: MaskResult
) -> list[tuple[str, str, bool]]:
    """(entity, value, served in clear) for a declared field's value or each value found in a text.

    Clear or masked per value: a comment can hold a masked card and a phone number in clear."""
    text = field_text(f.value)
    if entity is not None:
        return [(entity, text, f.slot not in result.replacements)]
    shown = result.replacements.get(f.slot, text)
    return [
        (s.entity, text[s.start : s.end], isinstance(shown, str) and text[s.start : s.end] in shown)
        for s in _outermost(spans.get(f.slot, ()))
        if not s.encoded
    ]


def _outermost(spans: Sequence[Span]) -> list[Span]:
    """Spans not inside a longer number: the digits of a card read as a phone number too are no
    contact of their own (a phone inside an address or a note's sentence is)."""
    out: list[Span] = []
    reach, holder = -1, (-1, -1)
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if span.end <= reach and (span.start, span.end) != holder:
            continue
        out.append(span)
        if span.entity in _LONG_NUMBERS and span.end > reach:
            reach, holder = span.end, (span.start, span.end)
    return out
