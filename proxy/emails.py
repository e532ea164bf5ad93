"""E-mail addresses spelled out to dodge spam filters: `jane.doe [at] gmail [dot] com`,
`jane(at)gmail.com`, `jane dot doe at gmail dot com`, `jane.doe @ gmail . com`, `jane[@]gmail[.]com`,
`jane.doe@gmail[.]com`, `jane-at-gmail-dot-com`, `jane arroba gmail punto com`, across line breaks.

Customers write them so in tickets; a frontline agent must not read them whole any more than
`jane.doe@gmail.com`. The recognizer's patterns, the masker (first letter + domain, as for any
e-mail) and the audit's keyed hashes (the same customer whichever way the address was typed) all
read the spelling from here.

A bare ` at ` is also ordinary English ("look at google.com", "prices at walmart.com"): the words
English puts before it are never a local part; a local part that could be a word counts before a
mail provider's domain (`anna at gmail.com`) or next to a context word (`registered under jdoe at
vanham.io`), not on its own (the recognizer scores it below the threshold). Every repetition is
bounded: the patterns stay linear on crafted input.
"""

from __future__ import annotations

import re

_SPACE = r"[ \t\r\n]"
# Delimiters around a spelled-out "at" or "dot": brackets of any script, quotes, bars, slashes,
# dashes, underscores ("[at]", "【at】", "-at-", "_dot_"). Not stars: masks write those.
_OPEN = r"[\[(<{【「⟨\"'|/_-]"
_CLOSE = r"[\])>}】」⟩\"'|/_-]"
# English, Spanish, French, German; Italian, Polish, German slang, Swedish, Dutch.
_AT_WORDS = "at|arroba|arobase|bei|chez|chiocciola|małpa|malpa|klammeraffe|snabel-a|apenstaartje"
# English, Spanish and Italian, French, German and Swedish; Portuguese, Dutch, Polish, Danish.
_DOT_WORDS = "dot|punto|point|punkt|ponto|punt|kropka|punktum"


def _delimited(inner: str) -> str:
    """`inner` between one or two delimiters each side, spaces allowed around: `[at]`, `( at )`."""
    spaces = rf"{_SPACE}{{0,3}}"
    return rf"{spaces}{_OPEN}{{1,2}}{spaces}(?:{inner}){spaces}{_CLOSE}{{1,2}}{spaces}"


# Each word's first letter is looked for first: trying a dozen words at every position of a long run
# of delimiters (`1-1-1-…`) cost more than the rest of the pattern.
_AT_INITIALS = "".join(sorted({word[0] for word in _AT_WORDS.split("|")}))
_AT_DELIMITED = _delimited(f"(?=[{_AT_INITIALS}@])(?:{_AT_WORDS}|@)")
_AT_SPACED = rf"(?:{_SPACE}{{1,3}}@{_SPACE}{{0,3}}|@{_SPACE}{{1,3}})"
_AT_WORD = rf"{_SPACE}{{1,3}}(?:{_AT_WORDS}){_SPACE}{{1,3}}"
_AT_PLAIN = rf"{_SPACE}{{0,3}}@{_SPACE}{{0,3}}"
# "[dot]", " dot ", the defanged "[.]" of security write-ups, and a dot with spaces either side
# (not only after it: "reach me at 927.61.79.72. Any" is a phone number and a sentence's end).
_DOT_DELIMITED = _delimited(rf"{_DOT_WORDS}|\.")
_DOT_SPELLED = rf"(?:{_DOT_DELIMITED}|{_SPACE}{{1,3}}(?:{_DOT_WORDS}|\.){_SPACE}{{1,3}})"
_DOT = rf"(?:{_DOT_SPELLED}|\.)"
_PART = r"[^\W_][\w%+-]{0,63}"
_LABEL = r"[^\W_](?:[\w-]{0,61}[^\W_])?"
_TLD = r"(?:[^\W\d_]{2,24}|xn--[a-z0-9-]{1,59})"  # letters, or an IDN's in punycode (`xn--p1ai`)
_BEFORE = r"(?<![^\W_]|[.%+@])"
_AFTER = r"(?![^\W_]|[-_.][^\W_])"
_LOCAL = rf"{_PART}(?:{_DOT}{_PART}){{0,8}}"
_DOMAIN = rf"{_LABEL}(?:{_DOT}{_LABEL}){{0,5}}"
# A local part no English word is: a dot, underscore or digit after its first letter.
_LOCAL_UNWORDLY = rf"[^\W\d_][\w%+-]{{0,63}}[._\d][\w%+-]{{0,63}}(?:\.{_PART}){{0,8}}"
# Words English puts before "at" and a site ("look at google.com", "I paid at amazon.com", "reach
# me at …"): never the local part of an address, even next to a context word.
_NOT_LOCAL = (
    "a|all|also|am|an|and|apply|applied|are|arrive|arrived|available|back|be|been|bought|buy|by|check"
    "|checked|do|did|even|failed|find|found|go|going|got|here|him|her|host|hosted|i|in|is|it|just"
    "|listed|live|lives|located|log|logged|login|look|looked|looking|me|meet|met|not|now|on|online"
    "|only|opened|or|order|ordered|out|page|paid|pay|portal|posted|published|purchased|read"
    "|register|registered|see|seen|shop|shopping|sign|signed|site|sold|started|stay|stayed|still"
    "|store|that|them|then|there|this|up|us|visit|visited|was|website|went|were|work|worked|works|you"
)

# Mail providers: "anna at gmail.com" is an address whatever the words around it.
_PROVIDERS = (
    "gmail|googlemail|yahoo|ymail|hotmail|outlook|live|msn|icloud|me|aol|proton|protonmail|pm|gmx"
    "|web|yandex|mail|zoho|fastmail|tutanota|tuta|qq|163|126|naver|orange|free|libero|laposte|t-online"
    "|posteo|interia|wp|seznam|btinternet|comcast|verizon|att|sky|virgin|bigpond|rediffmail"
)
# A stack trace's "at com.example.app.Main": package names read as domains backwards.
_PACKAGE_ROOTS = "(?:com|org|net|java|javax|android|kotlin|sun|jdk)"

# Each pattern: a whole spelled-out address, for the recognizer (presidio compiles them
# case-insensitive).
DELIMITED_OR_SPACED_AT = rf"{_BEFORE}{_LOCAL}(?:{_AT_DELIMITED}|{_AT_SPACED}){_DOMAIN}{_DOT}{_TLD}{_AFTER}"
PLAIN_AT_SPELLED_DOT = (
    rf"{_BEFORE}{_LOCAL}{_AT_PLAIN}(?:{_LABEL}{_DOT}){{0,5}}{_LABEL}{_DOT_SPELLED}{_TLD}{_AFTER}"
)
_AT_BARE = rf"{_SPACE}{{1,3}}at{_SPACE}{{1,3}}"
_SITE = rf"{_LABEL}(?:\.{_LABEL}){{0,5}}\.{_TLD}{_AFTER}"  # a domain written plainly
_NOT_A_LOCAL_PART = rf"(?!(?:{_NOT_LOCAL}){_SPACE})"
WORD_AT_SPELLED_DOT = rf"{_BEFORE}{_NOT_A_LOCAL_PART}{_LOCAL}{_AT_WORD}{_DOMAIN}{_DOT_SPELLED}{_TLD}{_AFTER}"
WORD_AT_UNWORDLY_LOCAL = rf"{_BEFORE}{_LOCAL_UNWORDLY}{_AT_BARE}{_SITE}"
# Not after an apostrophe ("I'm at acme.com"; typed as \u2019 too, given here as a character:
# the prefilter cannot read \u escapes).
_WORD_LOCAL = rf"{_BEFORE}(?<!')" + "(?<!\u2019)" + rf"{_NOT_A_LOCAL_PART}{_LOCAL}{_AT_BARE}"
WORD_AT_PROVIDER = rf"{_WORD_LOCAL}(?:{_PROVIDERS})(?:\.{_LABEL}){{0,2}}\.{_TLD}{_AFTER}"
WORD_AT_DOMAIN = rf"{_WORD_LOCAL}(?!{_PACKAGE_ROOTS}\.){_SITE}"
PATTERNS = (
    DELIMITED_OR_SPACED_AT,
    PLAIN_AT_SPELLED_DOT,
    WORD_AT_SPELLED_DOT,
    WORD_AT_UNWORDLY_LOCAL,
    WORD_AT_PROVIDER,
    WORD_AT_DOMAIN,
)

_SPELLED = re.compile("|".join(PATTERNS), re.IGNORECASE)
# The first "at" of a spelled-out address (what separates the local part from the domain).
_AT = re.compile(rf"{_AT_DELIMITED}|{_AT_SPACED}|{_AT_WORD}", re.IGNORECASE)
_DOTS = re.compile(_DOT_SPELLED, re.IGNORECASE)
HIDE = "*"  # what masks put in place of hidden letters
_AT_WORD_ANYWHERE = re.compile(rf"(?<![^\W\d_])(?:{_AT_WORDS})(?![^\W\d_])", re.IGNORECASE)


def may_hold_address(text: str) -> bool:
    """False when `text` cannot hold an address, plain or spelled out (no "@", no word for it)."""
    return "@" in text or _AT_WORD_ANYWHERE.search(text) is not None


def split_at(text: str) -> tuple[str, str, str] | None:
    """An address, plain or spelled out, as (local part, its "@" or "at", domain); else None.
    A local part already masked (`j***`) still counts: masking the hint again changes nothing."""
    # Only where a spelled "at" is (cheap to look for) can the whole be spelled out (costly).
    found = _AT.search(text)
    if found is not None and _SPELLED.fullmatch(text.replace(HIDE, "x")) is not None:
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
    return f"{_DOTS.sub('.', local)}@{_DOTS.sub('.', domain)}".lower().strip()
