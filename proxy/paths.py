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


def select(root: Any, pattern: tuple[str, ...], at: JsonPath = ()) -> Iterator[tuple[JsonPath, Any]]:
    """Every (path, node) of `root` whose path matches `pattern` (depth-first, document order)."""
    if not pattern:
        yield at, root
        return
    head, rest = pattern[0], pattern[1:]
    if head == "**":
        yield from select(root, rest, at)
        if isinstance(root, dict):
            for key, child in root.items():
                yield from select(child, pattern, (*at, key))
        elif isinstance(root, list):
            for index, child in enumerate(root):
                yield from select(child, pattern, (*at, index))
    elif head == "[*]" and isinstance(root, list):
        for index, child in enumerate(root):
            yield from select(child, rest, (*at, index))
    elif head.startswith("[") and head != "[*]" and isinstance(root, list):
        index = int(head[1:-1])
        if index < len(root):
            yield from select(root[index], rest, (*at, index))
    elif head == "*" and isinstance(root, dict):
        for key, child in root.items():
            yield from select(child, rest, (*at, key))
    elif isinstance(root, dict) and head in root:
        yield from select(root[head], rest, (*at, head))
