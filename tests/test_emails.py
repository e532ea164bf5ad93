"""proxy.emails: spelled-out e-mail addresses, their parts and their plain form."""

from __future__ import annotations

import re

import pytest

from proxy import emails
from proxy.evidence import match_hash

PATTERNS = {
    name: re.compile(getattr(emails, name), re.IGNORECASE)
    for name in ("BRACKETED_OR_SPACED_AT", "WORD_AT_SPELLED_DOT", "WORD_AT_DOMAIN")
}


def found(text: str) -> set[str]:
    return {m.group() for p in PATTERNS.values() for m in p.finditer(text)}


# (text, the address the patterns find in it, its plain form)
SPELLED = [
    ("mail me: jane.doe [at] gmail [dot] com thanks", "jane.doe [at] gmail [dot] com", "jane.doe@gmail.com"),
    ("jane(at)gmail.com", "jane(at)gmail.com", "jane@gmail.com"),
    ("reach me at jane.doe{at}proton.me", "jane.doe{at}proton.me", "jane.doe@proton.me"),
    ("<jane_d (at) web (dot) de>", "jane_d (at) web (dot) de", "jane_d@web.de"),
    ("jane.doe [@] example.org", "jane.doe [@] example.org", "jane.doe@example.org"),
    ("defanged: jane[@]gmail[.]com", "jane[@]gmail[.]com", "jane@gmail.com"),
    ("jane(at)mail(.)example(.)org", "jane(at)mail(.)example(.)org", "jane@mail.example.org"),
    ("it is jane dot doe at gmail dot com", "jane dot doe at gmail dot com", "jane.doe@gmail.com"),
    ("JANE.DOE AT GMAIL DOT COM", "JANE.DOE AT GMAIL DOT COM", "jane.doe@gmail.com"),
    ("new address jane.doe @ gmail.com.", "jane.doe @ gmail.com", "jane.doe@gmail.com"),
    ("j.doe at example.org works", "j.doe at example.org", "j.doe@example.org"),
    ("jane_doe85 at yahoo.co.uk.", "jane_doe85 at yahoo.co.uk", "jane_doe85@yahoo.co.uk"),
    ("bob at gmail.com", "bob at gmail.com", "bob@gmail.com"),
    ("müller at gmx.de", "müller at gmx.de", "müller@gmx.de"),
    ("write to maria at acme-corp.com please", "maria at acme-corp.com", "maria@acme-corp.com"),
]

# A bare "at" is English: none of these is an address.
NOT_SPELLED = [
    "look at google.com for that",
    "the status page is available at acme.zendesk.example",
    "see you at 5pm.",
    "I paid at amazon.com yesterday",
    "you can log in at app.example.io",
    "I'm at acme.com now",
    "price @ 5.00",
    "x @ y",
    "jane.doe@gmail.com",  # plain: the ordinary e-mail recognizer's
]


@pytest.mark.parametrize(("text", "address", "plain"), SPELLED)
def test_spelled_addresses_are_found_whole(text: str, address: str, plain: str) -> None:
    assert emails.may_hold_address(text)
    assert found(text) == {address}
    assert emails.canonical(address) == plain


@pytest.mark.parametrize("text", NOT_SPELLED)
def test_at_as_a_word_is_not_an_address(text: str) -> None:
    assert found(text) == set()


@pytest.mark.parametrize(
    ("text", "gate"),
    [
        ("jane.doe@gmail.com", True),
        ("meet at noon", True),
        ("jane(AT)gmail.com", True),
        ("jane @gmail.com", True),
        ("jane.doe [@] example.org", True),
        ("the cat sat", False),
        ("format: attachment", False),
    ],
)
def test_gate(text: str, gate: bool) -> None:
    assert emails.may_hold_address(text) is gate


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("jane.doe@gmail.com", ("jane.doe", "@", "gmail.com")),
        ("jane.doe [at] gmail [dot] com", ("jane.doe", " [at] ", "gmail [dot] com")),
        ("jane dot doe at gmail dot com", ("jane dot doe", " at ", "gmail dot com")),
        ("jane @ gmail.com", ("jane", " @ ", "gmail.com")),
        ("@handle", ("", "@", "handle")),
        # not an address: " at " is not split on
        ("jane at home", None),
        ("Jane Doe at the office", None),
    ],
)
def test_split_at(text: str, parts: tuple[str, str, str] | None) -> None:
    assert emails.split_at(text) == parts


def test_audit_hashes_are_the_same_however_the_address_was_typed() -> None:
    key = b"k" * 32
    plain = match_hash(key, "email", "Jane.Doe@gmail.com")
    assert match_hash(key, "email", "jane.doe [at] gmail [dot] com") == plain
    assert match_hash(key, "email", "JANE DOT DOE AT GMAIL DOT COM") == plain
    assert match_hash(key, "email", "jane.doe@yahoo.com") != plain
