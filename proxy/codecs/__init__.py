"""Body codecs: turn a response body into `TextField`s and put masked values back.

`encoding` owns Content-Encoding (decompression with caps), `charset` owns bytes ↔ text, and one
module per media type (`json_doc`, `html_doc`, `csv_doc`, `text_doc`) owns syntax. A codec never
decides what to mask; it only exposes fields and renders replacements.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Container, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple, Protocol

from proxy.model import Replacement, Scalar, TextField


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds applied while decoding one body (THREATS invariant 8)."""

    max_body_bytes: int = 8 * 1024 * 1024
    max_decoded_bytes: int = 32 * 1024 * 1024
    max_ratio: int = 100
    max_depth: int = 64
    max_fields: int = 200_000
    max_string_chars: int = 256 * 1024


class JoinedText(NamedTuple):
    """Fields a reader sees as one value, joined: HTML text nodes split only by inline tags or
    comments, JSON siblings that are pieces of one number. `pieces` are (slot, start, end) of each
    field's value within `text`; `context` the words naming the whole (a JSON parent's key).
    `separate_values`: each piece is a value of its own (JSON, CSV), not a fragment of one text.
    `checksummed_only`: some pieces are JSON numbers, so only a value a checksum confirms (a card's
    Luhn digit) is one; lists of counts and sizes read as phone numbers too.
    `single_words`: the pieces are the single words of one array or column, joined only so that a
    seed phrase stored a word per element is read whole; nothing else is one value across them
    (twenty customers' time zones are not a place)."""

    text: str
    pieces: tuple[tuple[int, int, int], ...]
    context: tuple[str, ...] = ()
    separate_values: bool = False
    checksummed_only: bool = False
    single_words: bool = False


class Document(Protocol):
    """A parsed body: its fields, the tree records are read from, and a renderer."""

    @property
    def fields(self) -> Sequence[TextField]: ...

    @property
    def records_root(self) -> object: ...

    def joined(self, declared: Container[int]) -> Sequence[JoinedText]:
        """Fields that read as one value only together (HTML lines, JSON and CSV number pieces),
        leaving out the `declared` slots: a rule says what such a value is, whole."""
        ...

    def render(self, replacements: Mapping[int, Replacement]) -> str: ...


type Parser = Callable[[str, Limits], Document]

# A piece of a number: a short string with a digit and at most two letters (an IBAN's country,
# not a street's name), or a bank code's four capitals (`ABNA`), nothing else but the separators
# people type between groups.
_PIECE = re.compile(r"\s*(?:(?P<bank>[A-Z]{4})|(?=\D{0,18}\d)[+(]?[^\W_][\w ().+-]{0,15})\s*")
# A number has at most this many pieces (an IBAN in groups of four); longer runs are lists of
# values, read in overlapping windows so the cost stays linear in the run's length.
_MOST_PIECES = 8


# JSON numbers are pieces too (`"card": [4539, 1488, 343, 6467]`), but only where few values share
# their parent (a card's groups, not a series of counts) and only for values a checksum confirms.
# A number has lost its leading zeros (`0343` is 343): it is read as a group of four again.
_MOST_DIGITS_IN_NUMBER_PIECE = 6  # an Amex card's middle group
_DIGITS_IN_GROUP = 4


def _is_number_piece(value: Scalar) -> bool:
    return type(value) is int and 0 <= value < 10**_MOST_DIGITS_IN_NUMBER_PIECE


# A version or a decimal (`4.7.8`, `6.1`) is a value of its own: joined to a card beside it, its
# first digit completed a Luhn-valid number and was masked.
_VERSION_OR_DECIMAL = re.compile(r"\s*v?\d{1,3}(?:\.\d{1,2}){1,3}\s*")


def _is_piece(value: Scalar) -> bool:
    if type(value) is not str or len(value) > 18 or _VERSION_OR_DECIMAL.fullmatch(value):
        return False
    match = _PIECE.fullmatch(value)
    return match is not None and (match.group("bank") is not None or sum(map(str.isalpha, value)) <= 2)


# An e-mail address kept in two fields (`"email": {"local": "jane.doe", "domain": "gmail.com"}`,
# `email_user` and `email_domain`): a local part and a domain name, next to each other in one
# object, under names that say e-mail and which half each is (a mail server's `server` and
# `host` are no address). Joined with an "@", it is read as the address it is.
_LOCAL_PART = re.compile(r"[A-Za-z0-9][\w.+-]{0,63}")
_DOMAIN_NAME = re.compile(r"@?(?:[A-Za-z0-9-]{1,63}\.){1,4}[A-Za-z]{2,24}")
_MAIL_WORDS = frozenset(("email", "mail", "correo", "courriel"))
_LOCAL_WORDS = frozenset(("local", "localpart", "user", "username", "mailbox", "account", "login", "prefix"))
_DOMAIN_WORDS = frozenset(("domain", "host", "hostname", "provider", "suffix"))


def _named(f: TextField, half: frozenset[str]) -> bool:
    names = f.context[:3]
    return not _MAIL_WORDS.isdisjoint(names) and not half.isdisjoint(names)


# A seed phrase kept one word per element (`["abandon", "ability", …]`, `[{"i": 1, "w": "abandon"},
# …]`): twelve single words or more in one array, or under one key of an array's objects, are
# also read as one text, joined with spaces.
_LEAST_WORDS = 12
_WORD_LENGTHS = range(3, 13)


def _column(path: tuple[object, ...]) -> tuple[object, ...] | None:
    """An array (for its elements) or one key of an array's objects; None for anything else."""
    if path and type(path[-1]) is int:
        return path[:-1]
    if len(path) >= 2 and type(path[-2]) is int:
        return (*path[:-2], path[-1])
    return None


def _values_in(fields: Sequence[TextField]) -> dict[tuple[object, ...], int]:
    values_in: dict[tuple[object, ...], int] = {}
    for f in fields:
        if not f.is_key:
            values_in[f.path[:-1]] = values_in.get(f.path[:-1], 0) + 1
    return values_in


def pieces_of_values(
    fields: Sequence[TextField], declared: Container[int], words: bool = False
) -> list[JoinedText]:
    """The values of one parent (a JSON object or array, a CSV row) that look like pieces of one
    number (`{"area": "415", "kind": "mobile", "line": "555-0134"}`, `["4539", "1488", "0343",
    "6467"]`), joined with spaces and without: a phone, card, SSN or IBAN stored in parts is still
    that customer's value. Declared fields are whole values: never pieces. With `words` (JSON), also
    the single words of one array, or of one key of its objects, where there are twelve or more: a
    seed phrase stored a word per element is read as the phrase (each word then masked whole)."""
    values_in = _values_in(fields)
    by_parent: dict[tuple[object, ...], list[TextField]] = {}
    with_numbers: dict[tuple[object, ...], list[TextField]] = {}
    numbered: set[tuple[object, ...]] = set()
    by_column: dict[tuple[object, ...], list[TextField]] = {}
    for f in fields:
        if f.is_key or f.slot in declared:
            continue
        value = f.value
        if words and type(value) is str and len(value) in _WORD_LENGTHS and value.isalpha():
            column = _column(f.path)
            if column is not None:
                by_column.setdefault(column, []).append(f)  # a bank code (`ABNA`) is a piece too
        if _is_piece(f.value):
            parent = _parent(f.path, values_in)
            by_parent.setdefault(parent, []).append(f)
            with_numbers.setdefault(parent, []).append(f)
        elif _is_number_piece(f.value):
            parent = _parent(f.path, values_in)
            with_numbers.setdefault(parent, []).append(f)
            numbered.add(parent)
    out = [
        _joined(run, " ", _context_of(c, run), single_words=True)
        for c, run in by_column.items()
        if len(run) >= _LEAST_WORDS
    ]
    for parent in numbered:
        run = with_numbers[parent]
        if 2 <= len(run) <= _MOST_PIECES:
            out.append(_joined(run, " ", _context_of(parent, run), checksummed_only=True))
    out += _email_halves(fields, declared, values_in)
    step = _MOST_PIECES // 2  # windows overlap by half: a value of up to step + 1 pieces lies in one
    for parent, run in by_parent.items():
        if len(run) < 2:
            continue
        for start in range(0, max(1, len(run) - step), step):
            window = run[start : start + _MOST_PIECES]
            context = _context_of(parent, window)
            out += [_joined(window, " ", context), _joined(window, "", context)]
    return out


def _email_halves(
    fields: Sequence[TextField], declared: Container[int], values_in: Mapping[tuple[object, ...], int]
) -> list[JoinedText]:
    """Each local part followed, in the same object, by a domain name, both named as e-mail."""
    out = []
    previous: TextField | None = None
    for f in fields:
        if f.is_key:
            continue
        value = f.value
        if (  # cheapest first: nearly every value is ruled out by its missing dot
            previous is not None
            and type(value) is str
            and "." in value
            and _named(f, _DOMAIN_WORDS)
            and _named(previous, _LOCAL_WORDS)
            and f.slot not in declared
            and previous.slot not in declared
            and type(previous.value) is str
            and previous.path[:-1] == f.path[:-1]
            and _LOCAL_PART.fullmatch(previous.value)
            and _DOMAIN_NAME.fullmatch(value)
        ):
            separator = "" if value.startswith("@") else "@"
            out.append(
                _joined([previous, f], separator, _context_of(_parent(f.path, values_in), [previous, f]))
            )
        previous = f
    return out


def _parent(path: tuple[object, ...], values_in: Mapping[tuple[object, ...], int]) -> tuple[object, ...]:
    """The parent a value is read with. An array's element holding nothing but this value is only
    a wrapper (`[{"g": "4539"}, {"g": "1488"}]`): the array is the parent."""
    parent = path[:-1]
    if parent and type(parent[-1]) is int and values_in[parent] == 1:
        return parent[:-1]
    return parent


def _joined(
    run: list[TextField],
    separator: str,
    context: tuple[str, ...],
    checksummed_only: bool = False,
    single_words: bool = False,
) -> JoinedText:
    pieces, text = [], ""
    for f in run:
        value = str(f.value)
        shown = value.zfill(_DIGITS_IN_GROUP) if type(f.value) is int else value
        text = f"{text}{separator}{shown}" if text else shown
        pieces.append((f.slot, len(text) - len(value), len(text)))  # the padding is no piece's
    return JoinedText(text, tuple(pieces), context, True, checksummed_only, single_words)


def _context_of(parent: tuple[object, ...], run: list[TextField]) -> tuple[str, ...]:
    """The parent's key names the whole ("phone"); without one (a CSV row, a top-level object), the
    words all the pieces' names share do ("phone" of phone_area, phone_line), not the union: a
    row's other columns ("id", "ssn") would lend their context to every number in it."""
    if parent and isinstance(parent[-1], str):
        return words(parent[-1])
    shared = set(run[0].context).intersection(*(f.context for f in run[1:]))
    return tuple(w for w in run[0].context if w in shared)


def label_of_pair(pair: Sequence[object]) -> str | None:
    """The label of a pair `["ssn", "536221234"]` (a JSON array, a CSV row of two cells): words
    only, naming a value with a digit in it; None where the pair is no such thing (two tags)."""
    if len(pair) != 2 or type(pair[0]) is not str or not _LABEL.fullmatch(pair[0]):
        return None
    value = pair[1]
    named = type(value) in (int, float) or (type(value) is str and _HAS_DIGIT.search(value) is not None)
    return pair[0] if named else None


_LABEL = re.compile(r"[^\W\d]+(?:[ _-][^\W\d]+){0,4}")
_HAS_DIGIT = re.compile(r"\d")


@functools.lru_cache(maxsize=8192)  # field names repeat across records and responses
def words(name: str) -> tuple[str, ...]:
    """Split a field name into lower-case words for analyzer context: `dateOfBirth` → date, of, birth."""
    out: list[str] = []
    current = ""
    previous = ""
    for ch in name:
        boundary = not ch.isalnum() or (ch.isupper() and previous.islower())
        if boundary and current:
            out.append(current.lower())
            current = ""
        if ch.isalnum():
            current += ch
        previous = ch
    if current:
        out.append(current.lower())
    return tuple(out[:8])
