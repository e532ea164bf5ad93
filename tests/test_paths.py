"""proxy/paths.py: path patterns for field and record rules (`users[*].email`, `**.ssn`, `[*]`)."""

from __future__ import annotations

from typing import Any

import pytest

from proxy.model import JsonPath
from proxy.paths import matches, select
from proxy.rules import parse_path

# --------------------------------------------------------------------------------------------
# matches
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "path", "expected"),
    [
        # literal keys
        ("email", ("email",), True),
        ("email", ("Email",), False),
        ("email", ("email", "x"), False),
        ("user.email", ("user", "email"), True),
        ("user.email", ("email",), False),
        ("user.email", ("user",), False),
        # * : exactly one object key, never an index
        ("*.email", ("user", "email"), True),
        ("*.email", (0, "email"), False),
        ("*", ("a",), True),
        ("*", (), False),
        ("*", ("a", "b"), False),
        # [*] : exactly one array index, never a key
        ("[*].email", (0, "email"), True),
        ("[*].email", (17, "email"), True),
        ("[*].email", ("0", "email"), False),
        ("users[*].email", ("users", 3, "email"), True),
        ("users[*].email", ("users", "x", "email"), False),
        ("users[*].email", ("users", 3, 4, "email"), False),
        # [N] : one given index
        ("users[0].email", ("users", 0, "email"), True),
        ("users[0].email", ("users", 1, "email"), False),
        ("users[12]", ("users", 12), True),
        ("users[0]", ("users", "0"), False),
        # ** : any number of parts, including none
        ("**.ssn", ("ssn",), True),
        ("**.ssn", ("a", 0, "b", "ssn"), True),
        ("**.ssn", ("ssn", "x"), False),
        ("**.ssn", ("a", "ssnx"), False),
        ("a.**.ssn", ("a", "ssn"), True),
        ("a.**.ssn", ("a", 1, 2, "ssn"), True),
        ("a.**.ssn", ("b", "ssn"), False),
        ("**", (), True),
        ("**", ("a", 1, "b"), True),
        ("**.[*]", ("a", 1), True),
        ("**.[*]", ("a", "b"), False),
        # the CSV shape: row index then column name
        ("[*].name", (5, "name"), True),
        ("[*].name", ("name",), False),
    ],
)
def test_matches(pattern: str, path: JsonPath, expected: bool) -> None:
    assert matches(parse_path(pattern), path) is expected


def test_empty_pattern_matches_only_the_root() -> None:
    assert matches((), ()) is True
    assert matches((), ("a",)) is False


# --------------------------------------------------------------------------------------------
# select
# --------------------------------------------------------------------------------------------

DOC: dict[str, Any] = {
    "user": {"id": 1, "name": "Jane", "contact": {"email": "jane@example.com"}},
    "users": [{"id": 2, "email": "a@b.co"}, {"id": 3, "email": "c@d.co"}, "not-an-object"],
    "ticket": {"id": 9, "requester": {"id": 4, "email": "e@f.co"}, "cc": [{"email": "g@h.co"}]},
}


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        # literal paths
        ("user", [DOC["user"]]),
        ("user.contact.email", ["jane@example.com"]),
        ("missing", []),
        ("user.missing.deeper", []),
        # [*] and [N]
        ("users[*]", DOC["users"]),
        ("users[*].id", [2, 3]),
        ("users[1].email", ["c@d.co"]),
        ("users[7]", []),
        ("user[*]", []),
        ("users[0].email.x", []),
        # *
        ("*.id", [1, 9]),
        ("users.*", []),
        # ** in document order
        ("**.email", ["jane@example.com", "a@b.co", "c@d.co", "e@f.co", "g@h.co"]),
        ("ticket.**.id", [9, 4]),
        ("**.requester", [DOC["ticket"]["requester"]]),
    ],
)
def test_select(pattern: str, expected: list[Any]) -> None:
    assert [node for _, node in select(DOC, parse_path(pattern))] == expected


@pytest.mark.parametrize(
    ("root", "pattern", "expected"),
    [
        # top-level arrays (CSV rows, JSON lists)
        ([{"id": "1"}, {"id": "2"}], "[*]", [{"id": "1"}, {"id": "2"}]),
        ([{"id": "1"}, {"id": "2"}], "[*].id", ["1", "2"]),
        ([[1, 2], [3]], "[*].[*]", [1, 2, 3]),
        # scalars and None have no children
        ("text", "**.x", []),
        (None, "a", []),
        (42, "[*]", []),
    ],
)
def test_select_other_roots(root: Any, pattern: str, expected: list[Any]) -> None:
    assert [node for _, node in select(root, parse_path(pattern))] == expected


def test_select_empty_pattern_yields_the_root() -> None:
    assert list(select(DOC, ())) == [((), DOC)]


def test_select_and_matches_agree() -> None:
    # Every leaf select finds (with the path it reports), matches accepts by its path, and vice versa.
    def leaves(node: Any, path: JsonPath) -> list[tuple[JsonPath, Any]]:
        if isinstance(node, dict):
            return [leaf for k, v in node.items() for leaf in leaves(v, (*path, k))]
        if isinstance(node, list):
            return [leaf for i, v in enumerate(node) for leaf in leaves(v, (*path, i))]
        return [(path, node)]

    for pattern in ["**.email", "users[*].id", "*.id", "ticket.**.id", "users[1].email", "**"]:
        compiled = parse_path(pattern)
        by_match = [(path, value) for path, value in leaves(DOC, ()) if matches(compiled, path)]
        by_select = [(p, v) for p, v in select(DOC, compiled) if not isinstance(v, dict | list)]
        assert by_select == by_match, pattern
