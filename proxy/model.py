"""Plain data passed between pipeline stages.

Every stage takes and returns these frozen values, so a stage can be tested without mitmproxy,
presidio or a network, and no stage can reach back into another one's state.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple

type Scalar = str | int | float | bool | None
type PathPart = str | int
type JsonPath = tuple[PathPart, ...]


class IdentitySource(StrEnum):
    JWT = "jwt"
    TRUSTED_HEADER = "trusted_header"
    ANONYMOUS = "anonymous"  # only ever for allow-listed static assets


@dataclass(frozen=True, slots=True)
class Identity:
    """A verified agent: who is asking and with which role (never taken from client headers)."""

    agent: str
    role: str
    groups: tuple[str, ...]
    source: IdentitySource


class RouteKind(StrEnum):
    STATIC = "static"  # allow-listed asset: passes byte-identical
    DATA = "data"  # everything else: inspected, masked, counted


@dataclass(frozen=True, slots=True)
class Decision:
    """Which route a request hit and therefore how its response is handled."""

    route: str  # rule name, "_static" or "_undeclared": the only route label we ever emit
    kind: RouteKind


def field_text(value: Scalar) -> str:
    """A scalar as the text detection reads and masking rewrites. Numbers without their sign: a
    card or phone number sent as a negative or a float (`-4539148803436467`, `4.539148803436467e15`)
    is still that number."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return repr(abs(value))
    return str(value)


class TextField(NamedTuple):
    """One scalar found in a response body (a JSON value or key, an HTML text node, a CSV cell).

    `slot` is the codec's own handle to put a replacement back; `path` locates the value for field
    rules; `context` holds the words that name it (its key, column or label) for the analyzer.
    A named tuple, not a frozen dataclass: a 200 KB response has ~15,000 of them, and a frozen
    dataclass's __init__ costs three times as much.
    """

    slot: int
    path: JsonPath
    value: Scalar
    context: tuple[str, ...] = ()
    is_key: bool = False


@dataclass(frozen=True, slots=True)
class Span:
    """A detected entity inside a string: [start, end) in characters."""

    start: int
    end: int
    entity: str
    score: float
    # Masked whole, never partly shown: found by decoding a base64 run, or one piece of a value
    # split by markup (a partial view of each piece would add up to more than the policy's).
    encoded: bool = False


@dataclass(frozen=True, slots=True)
class Record:
    """A customer record served in a response, for counting and audit (its id, never its data).

    `path` locates the record's object in the document, so fields can be attributed to it.
    """

    record_type: str
    record_id: str
    path: JsonPath = field(default=(), compare=False)


@dataclass(frozen=True, slots=True)
class ServedRecord:
    """What one record looked like to the agent: which fields were clear or masked (names only),
    whether the customer is on one of the agent's tickets, and keyed hashes to match leaks."""

    record: Record
    assigned: bool = False
    clear: tuple[str, ...] = ()
    masked: tuple[str, ...] = ()
    keys: tuple[str, ...] = ()
    # The id itself holds personal data (a CRM keyed by e-mail): the audit keeps only its hash.
    personal_id: bool = False


@dataclass(frozen=True, slots=True)
class Dropped:
    """Marker replacement: remove the field altogether (the `drop` mask style)."""


DROPPED = Dropped()

type Replacement = Scalar | Dropped


@dataclass(frozen=True, slots=True)
class MaskResult:
    """What masking decided: new values per slot and how many entities were masked, by type."""

    replacements: dict[int, Replacement] = field(default_factory=dict)
    masked: dict[str, int] = field(default_factory=dict)
    revealed: dict[str, int] = field(default_factory=dict)


class Outcome(StrEnum):
    PASSED = "passed"  # nothing to mask: upstream bytes unchanged
    MASKED = "masked"
    OBSERVED = "observed"  # observe mode: detected and counted, not rewritten
    STATIC = "static"
    UNAUTHENTICATED = "unauthenticated"
    WITHHELD = "withheld"
