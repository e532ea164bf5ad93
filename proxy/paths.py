"""Path patterns shared by field rules and record rules: `users[*].email`, `**.ssn`, `[*]`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from proxy.model import JsonPath


def matches(pattern: tuple[str, ...], path: JsonPath) -> bool:
    """Does a compiled pattern (see rules.parse_path) match a concrete path?"""
    if not pattern:
        return not path
    head, rest = pattern[0], pattern[1:]
    if head == "**":
        return any(matches(rest, path[i:]) for i in range(len(path) + 1))
    if not path:
        return False
    part = path[0]
    if head == "[*]":
        ok = isinstance(part, int)
    elif head.startswith("["):
        ok = isinstance(part, int) and part == int(head[1:-1])
    elif head == "*":
        ok = isinstance(part, str)
    else:
        ok = part == head
    return ok and matches(rest, path[1:])


def select(root: Any, pattern: tuple[str, ...]) -> Iterator[Any]:
    """Every node of `root` whose path matches `pattern` (depth-first, document order)."""
    if not pattern:
        yield root
        return
    head, rest = pattern[0], pattern[1:]
    if head == "**":
        yield from select(root, rest)
        children = root.values() if isinstance(root, dict) else root if isinstance(root, list) else ()
        for child in children:
            yield from select(child, pattern)
    elif head == "[*]" and isinstance(root, list):
        for child in root:
            yield from select(child, rest)
    elif head.startswith("[") and head != "[*]" and isinstance(root, list):
        index = int(head[1:-1])
        if index < len(root):
            yield from select(root[index], rest)
    elif head == "*" and isinstance(root, dict):
        for child in root.values():
            yield from select(child, rest)
    elif isinstance(root, dict) and head in root:
        yield from select(root[head], rest)
