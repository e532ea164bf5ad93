"""Body codecs: turn a response body into `TextField`s and put masked values back.

`encoding` owns Content-Encoding (decompression with caps), `charset` owns bytes ↔ text, and one
module per media type (`json_doc`, `html_doc`, `csv_doc`, `text_doc`) owns syntax. A codec never
decides what to mask; it only exposes fields and renders replacements.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple, Protocol

from proxy.model import Replacement, TextField


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
    """Text nodes a reader sees as one line (split only by inline tags or comments), joined:
    `pieces` are (slot, start, end) of each node's value within `text`."""

    text: str
    pieces: tuple[tuple[int, int, int], ...]


class Document(Protocol):
    """A parsed body: its fields, the tree records are read from, and a renderer."""

    @property
    def fields(self) -> Sequence[TextField]: ...

    @property
    def records_root(self) -> object: ...

    @property
    def joined(self) -> Sequence[JoinedText]:
        """Fields that read as one text only together (HTML); empty for other documents."""
        ...

    def render(self, replacements: Mapping[int, Replacement]) -> str: ...


type Parser = Callable[[str, Limits], Document]


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
