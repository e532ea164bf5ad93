"""proxy/policy.py: which route a request hits, from its method and path alone."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from proxy.model import Decision, RouteKind
from proxy.policy import STATIC, UNDECLARED, ambiguous_path, decide
from proxy.rules import Rules, load_rules
from tests.shipped import RECOGNIZER_ENTITIES

RULES_DIR = Path(__file__).resolve().parent.parent / "rules"
ENTITIES = RECOGNIZER_ENTITIES


@pytest.fixture(scope="module")
def rules() -> Rules:
    return load_rules(RULES_DIR, ENTITIES)


@pytest.fixture(scope="module")
def glob_rules(tmp_path_factory: pytest.TempPathFactory) -> Rules:
    policy = {
        "masks": {"hidden": {"style": "redact"}},
        "roles": {"agent": {"default": "hidden"}},
        "static": ["/assets/**", "/static/*.js", "/favicon.ico"],
        "routes": [
            {"name": "users.get", "path": "/api/v2/users/{id}"},
            {"name": "files.any", "path": "/files/**", "methods": ["GET", "PUT"]},
        ],
    }
    directory = tmp_path_factory.mktemp("policy")
    (directory / "policy.yaml").write_text(yaml.safe_dump(policy), encoding="utf-8")
    return load_rules(directory, ENTITIES)


# --------------------------------------------------------------------------------------------
# The shipped policy
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path", "route"),
    [
        # static assets: exact globs, GET and HEAD only
        ("GET", "/console", STATIC),
        ("HEAD", "/console", STATIC),
        ("GET", "/favicon.ico", STATIC),
        ("POST", "/console", UNDECLARED),
        ("GET", "/console/x", UNDECLARED),
        ("GET", "/consoles", UNDECLARED),
        ("GET", "/favicon.ico.json", UNDECLARED),
        # declared routes by template, first match wins
        ("GET", "/api/v2/users/search", "users.search"),
        ("GET", "/api/v2/users/42", "users.get"),
        ("GET", "/api/v2/users/42/", "users.get"),
        ("GET", "/api/v2/users/42/tickets", "users.tickets"),
        ("GET", "/api/v2/users", "users.list"),
        ("GET", "/api/v2/tickets/7", "tickets.get"),
        ("GET", "/api/v2/tickets", "tickets.list"),
        ("GET", "/api/v2/tickets/7/comments", "tickets.comments"),
        ("POST", "/api/v2/tickets/7/comments", "tickets.comments"),
        ("GET", "/api/v2/exports/users.csv", "exports.users"),
        # the `.json` form, as the demo CRM (and Zendesk) serve it: never an undeclared route
        ("GET", "/api/v2/users.json", "users.list"),
        ("GET", "/api/v2/users/search.json", "users.search"),
        ("GET", "/api/v2/users/42.json", "users.get"),
        ("GET", "/api/v2/tickets/7/comments.json", "tickets.comments"),
        # and the other formats Rails-style APIs serve: `search.xml` is no user id
        ("GET", "/api/v2/users/search.xml", "users.search"),
        ("GET", "/api/v2/users/4242/tickets.xml", "users.tickets"),
        ("GET", "/api/v2/users.csv", "users.list"),
        # method not declared for the route
        ("POST", "/api/v2/users/42", UNDECLARED),
        ("DELETE", "/api/v2/users/42", UNDECLARED),
        ("HEAD", "/api/v2/users/42", UNDECLARED),
        # a template segment is one path segment, never empty
        ("GET", "/api/v2/users/42/notes", UNDECLARED),
        # what upstreams read the same: merged slashes, ;parameters, another case
        ("GET", "/api/v2//users/42", "users.get"),
        ("GET", "/api/v2/users;jsessionid=1/42", "users.get"),
        ("GET", "/API/V2/Users/42", "users.get"),
        ("GET", "/api/v2/users//tickets", "users.get"),  # merged: /api/v2/users/tickets
        ("GET", "/api/v2/exports/usersXcsv", UNDECLARED),
        # anything else is an undeclared data route
        ("GET", "/", UNDECLARED),
        ("GET", "/api/v3/users/42", UNDECLARED),
    ],
)
def test_decide_shipped(rules: Rules, method: str, path: str, route: str) -> None:
    decision, compiled = decide(rules, method, path)
    kind = RouteKind.STATIC if route == STATIC else RouteKind.DATA
    assert decision == Decision(route, kind)
    if route in (STATIC, UNDECLARED):
        assert compiled is None
    else:
        assert compiled is not None
        assert compiled.name == route


@pytest.mark.parametrize(
    ("path", "route"),
    [
        # query strings and fragments are ignored
        ("/api/v2/users/42?fields=ssn&page_size=1000", "users.get"),
        ("/api/v2/users/search?q=jane@example.com", "users.search"),
        ("/api/v2/users/42#top", "users.get"),
        ("/console?v=1", STATIC),
        ("/console#x", STATIC),
        ("/api/v2/users?/42", "users.list"),
        # a query cannot turn a data path into a static one
        ("/api/v2/users/42?/console", "users.get"),
    ],
)
def test_query_and_fragment_ignored(rules: Rules, path: str, route: str) -> None:
    assert decide(rules, "GET", path)[0].route == route


# --------------------------------------------------------------------------------------------
# Globs and ** templates
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path", "route"),
    [
        # ** crosses segments, * does not
        ("GET", "/assets/app.css", STATIC),
        ("GET", "/assets/img/logo.png", STATIC),
        ("GET", "/static/app.js", STATIC),
        ("GET", "/static/sub/app.js", UNDECLARED),
        ("GET", "/static/app.jsx", UNDECLARED),
        # ** in a route template
        ("GET", "/files/a/b/c.txt", "files.any"),
        ("PUT", "/files/x", "files.any"),
        ("POST", "/files/x", UNDECLARED),
    ],
)
def test_decide_globs(glob_rules: Rules, method: str, path: str, route: str) -> None:
    assert decide(glob_rules, method, path)[0].route == route


@pytest.mark.parametrize(
    "path",
    [
        # a static glob must not admit a path that resolves outside it: the upstream normalises
        # dot segments and serves the data route, which would then pass byte-identical
        "/assets/../api/v2/users/42",
        "/assets/./../api/v2/users/42",
        "/assets/%2e%2e/api/v2/users/42",
    ],
)
def test_dot_segments_do_not_escape_a_static_glob(glob_rules: Rules, path: str) -> None:
    decision, _ = decide(glob_rules, "GET", path)
    assert decision.kind is RouteKind.DATA


@pytest.mark.parametrize(
    "path",
    [
        # the same resource as /api/v2/users/42 once dot segments are resolved: it must get the
        # route's field rules (ACCOUNT_BALANCE, POSTAL_CODE have no recognizer to fall back on)
        "/api/v2/./users/42",
        "/api/v2/tickets/../users/42",
        "/console/../api/v2/users/42",
    ],
)
def test_dot_segments_resolve_to_the_declared_route(rules: Rules, path: str) -> None:
    decision, route = decide(rules, "GET", path)
    assert decision == Decision("users.get", RouteKind.DATA)
    assert route is not None


@pytest.mark.parametrize(
    ("target", "ambiguous"),
    [
        ("/api/v2/users/5", False),
        ("/api/v2/users/jane%40example.com", False),  # an escaped @ reads the same everywhere
        ("/api/v2/users/search?query=a%2Fb%3Bc%23d", False),  # escapes in the query are data
        ("/api/v2/users/6%2Ftickets", True),
        ("/api/v2/users/6%2ftickets", True),
        ("/api/v2/users/6%5Ctickets", True),
        ("/api/v2/users/6\\tickets", True),
        ("/api/v2/users/6%3Bx=1", True),
        ("/api/v2/users/6%3F", True),
        ("/api/v2/users/6%23", True),
        ("/api/v2/users/6%00", True),
        ("/api/v2/users/42?c=ok HTTP/1.1", True),  # whitespace anywhere in the target
        ("/api/v2/users/42\t", True),
    ],
)
def test_ambiguous_paths(target: str, ambiguous: bool) -> None:
    assert ambiguous_path(target) is ambiguous
