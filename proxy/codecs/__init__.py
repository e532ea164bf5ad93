"""Body codecs: turn a response body into `TextField`s and put masked values back.

`encoding` owns Content-Encoding (decompression with caps), `charset` owns bytes ↔ text, and one
module per media type (`json_doc`, `html_doc`, `csv_doc`, `text_doc`) owns syntax. A codec never
decides what to mask; it only exposes fields and renders replacements.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping, Sequence
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
    `separate_values`: each piece is a value of its own (JSON, CSV), not a fragment of one text."""

    text: str
    pieces: tuple[tuple[int, int, int], ...]
    context: tuple[str, ...] = ()
    separate_values: bool = False


class Document(Protocol):
    """A parsed body: its fields, the tree records are read from, and a renderer."""

    @property
    def fields(self) -> Sequence[TextField]: ...

    @property
    def records_root(self) -> object: ...

    @property
    def joined(self) -> Sequence[JoinedText]:
        """Fields that read as one value only together (HTML lines, JSON number pieces)."""
        ...

    def render(self, replacements: Mapping[int, Replacement]) -> str: ...


type Parser = Callable[[str, Limits], Document]

# A piece of a number: a short string with a digit and at most two letters (an IBAN's country,
# not a street's name), nothing else but the separators people type between groups. Not JSON
# numbers: arrays and objects of counts, coordinates and sizes (`[4539, 1488, 343, 6467]`) read as
# phone numbers when joined.
_PIECE = re.compile(r"(?=[^0-9]*[0-9])[+(]?[A-Za-z0-9][A-Za-z0-9 ().+-]{0,11}")


def _is_piece(value: Scalar) -> bool:
    return (
        isinstance(value, str)
        and len(value) <= 13
        and _PIECE.fullmatch(value) is not None
        and sum(map(str.isalpha, value)) <= 2
    )


def pieces_of_numbers(fields: Sequence[TextField]) -> list[JoinedText]:
    """Runs of sibling values (one JSON object or array, one CSV row) that look like pieces of one
    number (`{"area": "415", "line": "555-0134"}`, `["4539", "1488", "0343", "6467"]`), joined with
    spaces: a phone, card, SSN or IBAN stored in parts is still that customer's value."""
    runs: list[JoinedText] = []
    run: list[TextField] = []
    for f in fields:
        if f.is_key:
            continue  # keys sit between an object's values; they do not end a run
        piece = _is_piece(f.value)
        if run and (not piece or f.path[:-1] != run[0].path[:-1]):
            runs.extend(_joined(run))
            run = []
        if piece:
            run.append(f)
    runs.extend(_joined(run))
    return runs


def _joined(run: list[TextField]) -> list[JoinedText]:
    if len(run) < 2:
        return []
    pieces, text = [], ""
    for f in run:
        start = len(text) + (1 if text else 0)
        text = f"{text} {f.value}" if text else str(f.value)
        pieces.append((f.slot, start, len(text)))
    # The parent's key names the whole ("phone"); without one (a CSV row, a top-level object), the
    # pieces' own names do.
    parent = run[0].path[-2] if len(run[0].path) > 1 else None
    context = (
        words(parent) if isinstance(parent, str) else tuple(dict.fromkeys(w for f in run for w in f.context))
    )
    return [JoinedText(text, tuple(pieces), context, separate_values=True)]


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
