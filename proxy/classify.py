"""Declared fields first: field rules map paths to entity types, exactly and cheaply.

A declared field is masked as a whole for its entity and skips the analyzer; every other string goes
on to detection. A rule naming a list or object covers every value inside it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from proxy.model import JsonPath, Record, TextField
from proxy.paths import matches, select
from proxy.rules import Route, hint_key

_MAX_SHAPES = 65536


def _entity_for(route: Route, path: JsonPath) -> str | None:
    # The path itself or any ancestor (a rule may name a container).
    for end in range(len(path), 0, -1):
        prefix = path[:end]
        for rule in route.fields:
            if matches(rule.pattern, prefix):
                return rule.entity
    return None


def declared_entities(
    fields: Sequence[TextField], route: Route | None, hints: Mapping[str, str] | None = None
) -> dict[int, str]:
    """slot → entity for every value a field rule of `route` names, or whose key a hint names."""
    declared = _hinted(fields, hints) if hints else {}
    if route is None or not route.fields:
        return declared
    # Rules without explicit indices give the same answer for users[0].email and users[1].email:
    # decide once per path shape, so a 200-record list costs what one record costs.
    by_index = any(part.startswith("[") and part != "[*]" for rule in route.fields for part in rule.pattern)
    parent: JsonPath | None = None
    parent_shape: JsonPath = ()
    for field in fields:
        if field.is_key or field.value is None:
            continue
        if by_index:
            entity = _entity_for(route, field.path)
        else:
            # Cached on the route across responses: real responses repeat a handful of shapes.
            # A record's fields come one after another: its path's shape is worked out once.
            path = field.path
            shape: JsonPath = ()
            if path:
                if path[:-1] != parent:
                    parent = path[:-1]
                    parent_shape = tuple(0 if isinstance(p, int) else p for p in parent)
                shape = (*parent_shape, 0 if isinstance(path[-1], int) else path[-1])
            if shape not in route.shapes:
                if len(route.shapes) >= _MAX_SHAPES:
                    route.shapes.clear()
                route.shapes[shape] = _entity_for(route, shape)
            entity = route.shapes[shape]
        if entity is not None:
            declared[field.slot] = entity
    return declared


def _hinted(fields: Sequence[TextField], hints: Mapping[str, str]) -> dict[int, str]:
    declared: dict[int, str] = {}
    for field in fields:
        if field.is_key or not isinstance(field.value, str) or not field.path:
            continue
        key = field.path[-1]
        if isinstance(key, str) and (entity := hints.get(hint_key(key))) is not None:
            declared[field.slot] = entity
    return declared


def extract_records(root: object, route: Route | None) -> list[Record]:
    """The customer records a response carries, by the route's record rules (ids only)."""
    if route is None or root is None:
        return []
    records: list[Record] = []
    for rule in route.records:
        for path, node in select(root, rule.pattern):
            if isinstance(node, dict):
                record_id = node.get(rule.id_key)
                if record_id is not None and not isinstance(record_id, dict | list):
                    records.append(Record(rule.record_type, str(record_id), path))
    return records


def extract_assignments(root: object, route: Route | None) -> list[tuple[str, str]]:
    """(assignee agent, requester customer) pairs named by objects the route declares (tickets)."""
    if route is None or root is None:
        return []
    pairs: list[tuple[str, str]] = []
    for rule in route.assignments:
        for _, node in select(root, rule.pattern):
            if isinstance(node, dict):
                agent, customer = node.get(rule.assignee_key), node.get(rule.requester_key)
                if isinstance(agent, str | int) and isinstance(customer, str | int):
                    pairs.append((str(agent), str(customer)))
    return pairs
