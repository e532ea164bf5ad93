"""Declared fields first: field rules map paths to entity types, exactly and cheaply.

A declared field is masked as a whole for its entity and skips the analyzer; every other string goes
on to detection.
"""

from __future__ import annotations

from collections.abc import Sequence

from proxy.model import Record, TextField
from proxy.paths import matches, select
from proxy.rules import Route


def declared_entities(fields: Sequence[TextField], route: Route | None) -> dict[int, str]:
    """slot → entity for every value a field rule of `route` names."""
    if route is None or not route.fields:
        return {}
    declared: dict[int, str] = {}
    for field in fields:
        if field.is_key or field.value is None:
            continue
        for rule in route.fields:
            if matches(rule.pattern, field.path):
                declared[field.slot] = rule.entity
                break
    return declared


def extract_records(root: object, route: Route | None) -> list[Record]:
    """The customer records a response carries, by the route's record rules (ids only)."""
    if route is None or root is None:
        return []
    records: list[Record] = []
    for rule in route.records:
        for node in select(root, rule.pattern):
            if isinstance(node, dict):
                record_id = node.get(rule.id_key)
                if record_id is not None and not isinstance(record_id, dict | list):
                    records.append(Record(rule.record_type, str(record_id)))
    return records
