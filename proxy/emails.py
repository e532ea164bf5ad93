"""E-mail addresses spelled out to dodge spam filters: `jane.doe [at] gmail [dot] com`,
`jane(at)gmail.com`, `jane dot doe at gmail dot com`, `jane.doe @ gmail.com`, `jane[@]gmail[.]com`.

Customers write them so in tickets; a frontline agent must not read them whole any more than
`jane.doe@gmail.com`. The recognizer's patterns, the masker (first letter + domain, as for any
e-mail) and the audit's keyed hashes (the same customer whichever way the address was typed) all
read the spelling from here.

A bare ` at ` is also ordinary English ("look at google.com"): before it, the words English puts
there are not taken for a local part. Every repetition is bounded: the patterns stay linear on
crafted input.
"""

from __future__ import annotations

import re


def _bracketed(inner: str) -> str:
    """`inner` in brackets of any kind, spaces allowed around it: `[at]`, `( at )`, `{.}`."""
    return rf"[ \t]{{0,2}}[\[(<{{][ \t]{{0,2}}(?:{inner})[ \t]{{0,2}}[\])>}}][ \t]{{0,2}}"


_AT_BRACKETED = _bracketed("at|@")
_AT_SPACED = r"(?:[ \t]{1,2}@[ \t]{0,2}|@[ \t]{1,2})"
_AT_WORD = r"[ \t]{1,2}at[ \t]{1,2}"
# "[dot]", " dot ", and the defanged "[.]" of security write-ups.
_DOT_BRACKETED = _bracketed(r"dot|\.")
_DOT_SPELLED = rf"(?:{_DOT_BRACKETED}|[ \t]{{1,2}}dot[ \t]{{1,2}})"
_DOT = rf"(?:{_DOT_SPELLED}|\.)"
_PART = r"[^\W_][\w%+-]{0,63}"
_LABEL = r"[^\W_](?:[\w-]{0,61}[^\W_])?"
_TLD = r"[^\W\d_]{2,24}"
_BEFORE = r"(?<![\w.%+@'-])"
_AFTER = r"(?![\w-]|\.[^\W_])"
_LOCAL = rf"{_PART}(?:{_DOT}{_PART}){{0,4}}"
# Words English puts before "at" and a site ("look at google.com", "I paid at amazon.com"): not
# the local part of an address. A name is ("maria at acme.com"), and is masked.
_NOT_LOCAL = (
    "a|all|also|am|an|and|apply|applied|are|arrive|arrived|available|back|be|been|bought|buy|by|check"
    "|checked|do|did|even|find|found|go|going|got|here|him|her|host|hosted|i|in|is|it|just|listed|live"
    "|lives|located|log|logged|login|look|looked|looking|me|meet|not|now|on|online|only|or|order"
    "|ordered|out|page|paid|pay|portal|posted|published|purchased|read|register|registered|see|seen"
    "|shop|shopping|sign|signed|site|sold|started|stay|stayed|still|store|that|them|then|there|this"
    "|up|us|visit|visited|was|website|went|were|work|worked|works|you"
)

# Each pattern: a whole spelled-out address, for the recognizer (presidio compiles them
# case-insensitive).
BRACKETED_OR_SPACED_AT = (
    rf"{_BEFORE}{_LOCAL}(?:{_AT_BRACKETED}|{_AT_SPACED}){_LABEL}(?:{_DOT}{_LABEL}){{0,3}}{_DOT}{_TLD}{_AFTER}"
)
WORD_AT_SPELLED_DOT = (
    rf"{_BEFORE}{_LOCAL}{_AT_WORD}{_LABEL}(?:{_DOT}{_LABEL}){{0,3}}{_DOT_SPELLED}{_TLD}{_AFTER}"
)
WORD_AT_DOMAIN = (
    rf"{_BEFORE}(?!(?:{_NOT_LOCAL}){_AT_WORD}){_LOCAL}{_AT_WORD}{_LABEL}(?:\.{_LABEL}){{0,3}}\.{_TLD}{_AFTER}"
)

_SPELLED = re.compile("|".join((BRACKETED_OR_SPACED_AT, WORD_AT_SPELLED_DOT, WORD_AT_DOMAIN)), re.IGNORECASE)
# The first "at" of a spelled-out address (what separates the local part from the domain).
_AT = re.compile(rf"(?i){_AT_BRACKETED}|{_AT_SPACED}|{_AT_WORD}")
_DOTS = re.compile(rf"(?i){_DOT_SPELLED}")
HIDE = "*"  # what masks put in place of hidden letters
_AT_WORD_ANYWHERE = re.compile(r"(?i)(?<![^\W\d_])at(?![^\W\d_])")


def may_hold_address(text: str) -> bool:
    """False when `text` cannot hold an address, plain or spelled out (no "@", no "at" word)."""
    return "@" in text or _AT_WORD_ANYWHERE.search(text) is not None


def split_at(text: str) -> tuple[str, str, str] | None:
    """An address, plain or spelled out, as (local part, its "@" or "at", domain); else None.
    A local part already masked (`j***`) still counts: masking the hint again changes nothing."""
    if _SPELLED.fullmatch(text.replace(HIDE, "x")) is not None:
        found = _AT.search(text)
        if found is not None:
            return text[: found.start()], found.group(), text[found.end() :]
    if "@" in text:
        local, at, domain = text.rpartition("@")
        return local, at, domain
    return None


def canonical(text: str) -> str:
    """The address as it would be typed plainly, lower-cased: `jane.doe@gmail.com`."""
    parts = split_at(text.strip())
    if parts is None:
        return text.strip().lower()
    local, _, domain = parts
    return f"{_DOTS.sub('.', local)}@{_DOTS.sub('.', domain)}".lower()
