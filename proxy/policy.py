"""Decide, from the request line alone, which route a request hits and how its response is treated.

Static assets are allow-listed by glob; everything else is a data route, declared or not, so a CRM
endpoint nobody wrote rules for is still inspected.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from proxy.model import Decision, RouteKind
from proxy.rules import Route, Rules

UNDECLARED = "_undeclared"
STATIC = "_static"


# In the path, these escapes are separators to some servers and data to others: Rails and Express
# route `/users/6%2Ftickets` as user 6 while a decoder splits it into another route. Whitespace
# and controls let lenient parsers read a different target than the one Scrim routed.
_AMBIGUOUS_IN_PATH = re.compile(r"%(?:2f|5c|3b|3f|23|00)|\\", re.IGNORECASE)
_NOT_IN_TARGET = re.compile(r"[\x00-\x20\x7f]")


def ambiguous_path(target: str) -> bool:
    """Whether a request target (path and query) could be read as another route by the CRM: an
    escaped separator in the path, or whitespace or a control character anywhere."""
    path = target.split("?", 1)[0]
    return _AMBIGUOUS_IN_PATH.search(path) is not None or _NOT_IN_TARGET.search(target) is not None


def normalise_path(path: str) -> tuple[str, bool]:
    """The path as the upstream will most likely resolve it, and whether that differs from the raw one.

    Dot segments (also percent-encoded) are resolved so `/assets/../api/users` cannot pass as a
    static asset, and `/api/./users/1` still finds its route. Repeated slashes are merged (nginx's
    `merge_slashes`, most frameworks) and `;parameters` dropped from segments (servlet containers
    read `/users;x=1/5` as `/users/5`), so neither turns a declared route into an undeclared one.
    """
    bare = path.split("?", 1)[0].split("#", 1)[0]
    segments: list[str] = []
    parts = unquote(bare).split("/")
    for i, raw_segment in enumerate(parts):
        segment = raw_segment.split(";", 1)[0]
        if not segment and 0 < i < len(parts) - 1:
            continue
        if segment in (".", ".."):
            if segment == ".." and len(segments) > 1:
                segments.pop()
            if i == len(parts) - 1:
                segments.append("")  # `/a/b/..` names the directory `/a/`
            continue
        segments.append(segment)
    resolved = "/".join(segments)
    if not resolved.startswith("/"):
        resolved = "/" + resolved
    return resolved, resolved != bare


def decide(rules: Rules, method: str, path: str) -> tuple[Decision, Route | None]:
    """The decision and, for a declared route, its compiled rule."""
    bare, rewritten = normalise_path(path)
    # A path that needed resolving is never an allow-listed asset: it must be inspected.
    if method in ("GET", "HEAD") and not rewritten and any(p.match(bare) for p in rules.static):
        return Decision(STATIC, RouteKind.STATIC), None
    for route in rules.routes:
        if method in route.methods and route.path.match(bare):
            return Decision(route.name, RouteKind.DATA), route
    return Decision(UNDECLARED, RouteKind.DATA), None
