"""Decide, from the request line alone, which route a request hits and how its response is treated.

Static assets are allow-listed by glob; everything else is a data route, declared or not, so a CRM
endpoint nobody wrote rules for is still inspected.
"""

from __future__ import annotations

from proxy.model import Decision, RouteKind
from proxy.rules import Route, Rules

UNDECLARED = "_undeclared"
STATIC = "_static"


def decide(rules: Rules, method: str, path: str) -> tuple[Decision, Route | None]:
    """The decision and, for a declared route, its compiled rule."""
    bare = path.split("?", 1)[0].split("#", 1)[0]
    if method in ("GET", "HEAD") and any(p.match(bare) for p in rules.static):
        return Decision(STATIC, RouteKind.STATIC), None
    for route in rules.routes:
        if method in route.methods and route.path.match(bare):
            return Decision(route.name, RouteKind.DATA), route
    return Decision(UNDECLARED, RouteKind.DATA), None
