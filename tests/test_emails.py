"""proxy.emails: spelled-out e-mail addresses, their parts and their plain form."""

from __future__ import annotations

import re

import pytest

from proxy import emails
from proxy.evidence import match_hash

PATTERNS = [re.compile(p, re.IGNORECASE) for p in emails.PATTERNS]


def found(text: str) -> set[str]:
    return {m.group() for p in PATTERNS for m in p.finditer(text)}


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
    # after a quote or a dash; a plain "@" with a spelled-out or spaced dot
    ("my email is 'jane.doe [at] gmail [dot] com'", "jane.doe [at] gmail [dot] com", "jane.doe@gmail.com"),
    ("email:-jane.doe [at] gmail [dot] com", "jane.doe [at] gmail [dot] com", "jane.doe@gmail.com"),
    ("jane.doe@gmail[.]com", "jane.doe@gmail[.]com", "jane.doe@gmail.com"),
    ("jane.doe@gmail dot com", "jane.doe@gmail dot com", "jane.doe@gmail.com"),
    ("jane.doe @ gmail . com", "jane.doe @ gmail . com", "jane.doe@gmail.com"),
    # across line breaks, more spaces, other delimiters and languages, long local parts
    ("jane.doe\n[at]\ngmail\n[dot]\ncom", "jane.doe\n[at]\ngmail\n[dot]\ncom", "jane.doe@gmail.com"),
    ("jane.doe   [at]   gmail   [dot]   com", "jane.doe   [at]   gmail   [dot]   com", "jane.doe@gmail.com"),
    ("jane.doe-at-gmail-dot-com", "jane.doe-at-gmail-dot-com", "jane.doe@gmail.com"),
    ("jane.doe_at_gmail_dot_com", "jane.doe_at_gmail_dot_com", "jane.doe@gmail.com"),
    ('jane.doe "at" gmail "dot" com', 'jane.doe "at" gmail "dot" com', "jane.doe@gmail.com"),
    ("jane.doe【at】gmail【dot】com", "jane.doe【at】gmail【dot】com", "jane.doe@gmail.com"),
    ("jane.doe [[at]] gmail [[dot]] com", "jane.doe [[at]] gmail [[dot]] com", "jane.doe@gmail.com"),
    ("juan arroba gmail punto com", "juan arroba gmail punto com", "juan@gmail.com"),
    ("j.a.n.e.d.o.e [at] gmail [dot] com", "j.a.n.e.d.o.e [at] gmail [dot] com", "j.a.n.e.d.o.e@gmail.com"),
    ("jane.doe[at]gmail[dot]com- thanks", "jane.doe[at]gmail[dot]com", "jane.doe@gmail.com"),
]

# A bare "at" is English: none of these is an address by its shape (a local part that could be a
# word needs a mail provider or a context word: tests/test_recognizers.py).
NOT_SPELLED = [
    "Payment failed at stripe.com",
    "NullPointerException at com.example.app.Main",
    "We met at booking.com",
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


WORDLY = re.compile(emails.WORD_AT_DOMAIN, re.IGNORECASE)


@pytest.mark.parametrize("text", NOT_SPELLED)
def test_at_as_a_word_is_not_an_address(text: str) -> None:
    # Only the pattern that needs a context word may see one here.
    assert {m.group() for p in PATTERNS if p is not PATTERNS[-1] for m in p.finditer(text)} == set()
    assert all(
        m.group().split()[0].lower() not in {"look", "paid", "log", "failed", "met"}
        for m in WORDLY.finditer(text)
    )


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
