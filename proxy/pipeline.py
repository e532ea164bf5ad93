"""The response pipeline, in order: decode → classify → detect → mask → encode.

This module knows the order of the stages and nothing about mitmproxy: it takes the response as
plain values and returns what to release. The addon adapts flows to it, guards it, and records.
"""

from __future__ import annotations

import bisect
import contextlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple, Protocol

from proxy import classify, recur, scope, seeds
from proxy.codecs import (
    Document,
    JoinedText,
    Limits,
    Parser,
    charset,
    csv_doc,
    encoding,
    html_doc,
    json_doc,
    text_doc,
)
from proxy.codecs.headers_doc import HeaderDocument
from proxy.detect import Item, ItemKey
from proxy.errors import BodyTooLarge, Undecodable, Withheld
from proxy.mask import Masker
from proxy.model import (
    Decision,
    MaskResult,
    Outcome,
    Record,
    RouteKind,
    ServedRecord,
    Span,
    TextField,
    field_text,
)
from proxy.rules import Role, Route, Rules
from proxy.textviews import without_edge_blanks

# Headers that describe the upstream bytes: wrong once the body is rewritten.
_STALE_AFTER_REWRITE = frozenset(
    {"content-length", "etag", "digest", "content-md5", "content-digest", "repr-digest", "accept-ranges"}
)
_MIN_DIGITS_IN_NUMBER = 6  # shorter JSON numbers are counts and amounts, not identifiers
# What a join holding JSON numbers may be: only values whose checksum confirms them (see codecs).
_CONFIRMED_BY_CHECKSUM = frozenset({"CREDIT_CARD", "IBAN_CODE"})
_PHRASES = frozenset({"CRYPTO_SECRET"})  # what single words of one column are read for


class Access(Protocol):
    """What the pipeline may ask about the agent: assignments and break-glass (the ledger's view)."""

    async def learn(self, pairs: Sequence[tuple[str, str]]) -> None:
        """(agent, customer) assignments seen in this response."""
        ...

    async def assigned(self, customers: Sequence[str]) -> set[str]: ...

    async def break_glass(self, customers: Sequence[str]) -> bool:
        """True if the agent asked for break-glass on this request and it is granted for these
        customers; raises Withheld when asked for but not allowed."""
        ...


class NoAccess:
    """No assignments, no break-glass: the role's base reveals for everyone."""

    async def learn(self, pairs: Sequence[tuple[str, str]]) -> None:
        return None

    async def assigned(self, customers: Sequence[str]) -> set[str]:
        return set()

    async def break_glass(self, customers: Sequence[str]) -> bool:
        return False


class Detects(Protocol):
    """What the pipeline needs from detection (the worker pool, or a stub in unit tests)."""

    async def detect(self, items: Sequence[Item]) -> list[tuple[Span, ...]]: ...


@dataclass(frozen=True, slots=True)
class InspectRequest:
    """One response to inspect elsewhere (plain data: it crosses a pipe to a worker process)."""

    decision: Decision  # names the route: route names are unique within one set of rules
    role: str
    status: int
    headers: list[tuple[str, str]]
    body: bytes
    may_break_glass: bool  # the agent asked for break-glass: only then is the ledger asked


class Offloads(Protocol):
    """Runs `inspect` for a response in another process, with the same rules (the worker pool)."""

    async def inspect(self, request: InspectRequest, access: Access) -> Inspected: ...


@dataclass(frozen=True, slots=True)
class Generation:
    """Rules and the detector built from them: swapped whole on reload, never mutated.
    `offload`, if set, runs whole responses through the pipeline in worker processes."""

    rules: Rules
    detector: Detects
    offload: Offloads | None = None


@dataclass(frozen=True, slots=True)
class Settings:
    """Deployment settings that do not come from the rules."""

    limits: Limits = field(default_factory=Limits)
    token_key: bytes = b""
    observe: bool = False  # detect, count and audit, but release upstream bytes unchanged
    match_key: bytes = b""  # keys the e-mail/phone hashes in audit records (leak attribution)
    # The credential Scrim adds upstream (see `credential_parts`): a body holding it is withheld.
    credentials: tuple[str, ...] = ()


_SHORTEST_CREDENTIAL = 8  # shorter parts of a credential ("Bearer") are common words


def credential_parts(headers: Sequence[tuple[str, str]]) -> tuple[str, ...]:
    """The values of the headers Scrim adds upstream and their long parts (the token after
    "Bearer"): a debug endpoint echoing the request would hand the agent a way past Scrim."""
    return tuple(
        sorted(
            {
                part
                for _, value in headers
                for part in (value, *value.split())
                if len(part) >= _SHORTEST_CREDENTIAL
            }
        )
    )


@dataclass(frozen=True, slots=True)
class Inspected:
    """What to release. `body`/`headers` None means: the upstream ones, byte-identical."""

    outcome: Outcome
    body: bytes | None = None
    headers: list[tuple[str, str]] | None = None
    records: tuple[ServedRecord, ...] = ()
    masked: dict[str, int] = field(default_factory=dict)
    revealed: dict[str, int] = field(default_factory=dict)
    break_glass: bool = False


_PARSERS: dict[str, Parser] = {
    "application/json": json_doc.parse,
    "text/html": html_doc.parse,
    "application/xhtml+xml": html_doc.parse,
    "text/csv": csv_doc.parse,
    "text/plain": text_doc.parse,
}


def parser_for(mime: str) -> Parser | None:
    """The codec for a media type, or None: an unknown type on a data route is withheld."""
    if mime.startswith("application/") and mime.endswith("+json"):
        return json_doc.parse
    return _PARSERS.get(mime)


def _scannable(f: TextField, scan_keys: bool) -> str | None:
    if f.is_key and not scan_keys:
        return None
    if isinstance(f.value, str):
        return f.value
    # Identifiers sent as JSON numbers (a phone or card number) are still identifiers.
    if isinstance(f.value, int | float) and not isinstance(f.value, bool):
        text = field_text(f.value)
        if sum(map(str.isdigit, text)) >= _MIN_DIGITS_IN_NUMBER:
            return text
    return None


type _Group = tuple[Sequence[TextField], Mapping[int, str], bool, Mapping[int, tuple[Span, ...]]]


async def _detect(detector: Detects, groups: Sequence[_Group]) -> list[dict[int, tuple[Span, ...]]]:
    """Spans per slot for each (fields, declared, scan_keys, known spans) group, in one call.

    Identical items are sent once: CRM responses repeat themselves.
    """
    # Keyed by plain tuples: a response has thousands of fields and a named tuple costs more to
    # build; items are made once per distinct string.
    unique: dict[ItemKey, list[tuple[int, int]]] = {}
    for g, (fields, declared, scan_keys, known) in enumerate(groups):
        for f in fields:
            if f.slot in declared:
                continue
            text = _scannable(f, scan_keys)
            if text is not None:
                spans = known.get(f.slot)
                explained = tuple((s.start, s.end) for s in spans) if spans else ()
                unique.setdefault((text, f.context, explained), []).append((g, f.slot))
    items = [Item(*key) for key in unique]
    results = await detector.detect(items)
    by_group: list[dict[int, tuple[Span, ...]]] = [{} for _ in groups]
    for key, spans in zip(unique, results, strict=True):
        if spans:
            for g, slot in unique[key]:
                by_group[g][slot] = spans
    return by_group


# Values that are the same value wherever they recur (not dates or places: a birth date is also
# some other day, a city many customers' city).
_RECURRING_ENTITIES = frozenset(
    (
        *("PERSON", "LAST_NAME", "EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "US_SSN", "NATIONAL_ID"),
        *("PASSPORT", "US_PASSPORT", "IBAN_CODE", "US_BANK_NUMBER", "CRYPTO", "STREET_ADDRESS", "UPI_ID"),
    )
)


def _found_whole(
    fields: Sequence[TextField], declared: Mapping[int, str], found: Mapping[int, tuple[Span, ...]]
) -> dict[int, str]:
    """slot → entity of the undeclared values a span covers whole."""
    out = {}
    for slot, spans in found.items():
        if len(spans) != 1 or slot in declared or spans[0].entity not in _RECURRING_ENTITIES:
            continue
        field = fields[slot]
        if field.is_key or not isinstance(field.value, str):
            continue
        if without_edge_blanks(field.value, 0, len(field.value)) == (spans[0].start, spans[0].end):
            out[slot] = spans[0].entity
    return out


# Two to four capitalised words: a full name, specific enough to be found again as it is.
_FULL_NAME = re.compile(
    r"[^\W\d_](?:[^\W\d_]|['\u2019-]){1,30}(?: [^\W\d_](?:[^\W\d_]|['\u2019-]){1,30}){1,3}"
)
_NAMES = frozenset(("PERSON", "LAST_NAME"))


def _full_names(
    fields: Sequence[TextField], whole: Mapping[int, str], found: Mapping[int, tuple[Span, ...]]
) -> list[tuple[str, str]]:
    """(text, entity) of the full names found inside strings (not those found whole)."""
    names = []
    for slot, spans in found.items():
        value = fields[slot].value
        if slot in whole or not isinstance(value, str):
            continue
        for span in spans:
            text = value[span.start : span.end]
            if span.entity in _NAMES and _FULL_NAME.fullmatch(text) and text.istitle():
                names.append((text, span.entity))
    return names


def _pieces(
    joined: Sequence[JoinedText],
    found: Mapping[int, tuple[Span, ...]],
    declared: Mapping[int, str],
    own: Mapping[int, tuple[Span, ...]],
) -> list[tuple[int, tuple[Span, ...]]]:
    """Spans found in text that reads as one only joined (`jane.doe<b></b>@example.com`), per field
    they cover. A value split across fields is masked whole in each piece: a partial view of every
    piece (last 4 of each) would show more than the policy's partial view of the value.

    Where the pieces are separate values (JSON, CSV), only spans that join pieces count, and not
    where one piece holds the entity on its own (`own`: spans found in the fields themselves)."""
    out: list[tuple[int, tuple[Span, ...]]] = []
    for index, spans in found.items():
        # Pieces follow each other in the joined text: the ones a span covers are found by
        # bisection (one HTML line can hold tens of thousands of pieces and of spans).
        pieces = sorted(joined[index].pieces, key=lambda p: p[1])
        starts = [p[1] for p in pieces]
        ends = [p[2] for p in pieces]
        for span in spans:
            if joined[index].checksummed_only and span.entity not in _CONFIRMED_BY_CHECKSUM:
                continue
            if joined[index].single_words and span.entity not in _PHRASES:
                continue
            covered = pieces[bisect.bisect_right(ends, span.start) : bisect.bisect_left(starts, span.end)]
            split = len(covered) > 1
            if joined[index].separate_values and (not split or _held_by_one(covered, span.entity, own)):
                continue  # separate values: only a span joining pieces of one value is new
            for slot, start, end in covered:
                if slot not in declared:
                    piece = (max(span.start, start) - start, min(span.end, end) - start)
                    out.append((slot, (Span(*piece, span.entity, span.score, encoded=split),)))
    return out


def _held_by_one(
    covered: Sequence[tuple[int, int, int]], entity: str, own: Mapping[int, tuple[Span, ...]]
) -> bool:
    """Whether one of the separate values a span covers holds the entity on its own: the value is
    that piece's (a row id next to a phone number is not part of it)."""
    return any(s.entity == entity for slot, _, _ in covered for s in own.get(slot, ()))


def _read_text(
    mime: str, declared_charset: str | None, raw: bytes, parse: Parser
) -> tuple[str, str, str | None]:
    """The body's text as browsers read it, the codec to encode it back with, and a Content-Type
    to send instead of the upstream's, if any."""
    as_utf8 = _utf8_json(mime, declared_charset, raw) if parse is json_doc.parse else None
    if as_utf8 is not None:
        return as_utf8
    if mime == "application/xhtml+xml":
        # Read as XML, which no <meta> charset concerns, and without a DTD of its own, whose
        # entities (`<!ENTITY at "@example.com">`) a browser would expand into the text.
        text, codec_name = charset.decode(raw, declared_charset or charset.xml_charset(raw))
        if _INTERNAL_SUBSET.search(text):
            raise Undecodable("unsupported_doctype")
        return text, codec_name, None
    return (*charset.decode(raw, declared_charset, parse is html_doc.parse), None)


def _utf8_json(mime: str, declared_charset: str | None, raw: bytes) -> tuple[str, str, str] | None:
    """JSON is UTF-8 (RFC 8259), and `fetch().json()` reads it so whatever the label says. A label
    saying otherwise (Java servlets' ISO-8859-1) on UTF-8 bytes would have other readers see what a
    UTF-8 scan did not (a card's digits apart by no-break spaces): such a body is read as UTF-8 and
    sent labelled so: (text, codec, Content-Type). None where the label's reading is the same, or
    the bytes are not UTF-8 (then they are the label's)."""
    if declared_charset is None or charset.is_utf8(declared_charset) or raw.isascii():
        return None
    try:
        text, codec_name = charset.decode(raw, "utf-8")
    except Undecodable:
        return None
    return text, codec_name, f"{mime}; charset=utf-8"


def _with_content_type(headers: Sequence[tuple[str, str]], content_type: str) -> list[tuple[str, str]]:
    return [(k, content_type if k.lower() == "content-type" else v) for k, v in headers]


def _header(headers: Sequence[tuple[str, str]], name: str) -> list[str]:
    return [v for k, v in headers if k.lower() == name]


def _merge(a: MaskResult, b: MaskResult) -> tuple[dict[str, int], dict[str, int]]:
    masked, revealed = dict(a.masked), dict(a.revealed)
    for k, v in b.masked.items():
        masked[k] = masked.get(k, 0) + v
    for k, v in b.revealed.items():
        revealed[k] = revealed.get(k, 0) + v
    return masked, revealed


# A document that opens like JSON, after a byte-order mark or blanks (matched, not stripped: a text
# body may be megabytes).
_JSON_START = re.compile(r"[\ufeff \t\r\n]*[\[{]")
# A DOCTYPE with an internal subset (`[…]`), past quoted identifiers (which may hold `>`).
_INTERNAL_SUBSET = re.compile(r"""<!DOCTYPE(?:[^>\["']|"[^"]*"|'[^']*')*\[""", re.IGNORECASE)


class _Decoded(NamedTuple):
    document: Document | None  # None for an empty body
    codings: list[str]
    codec_name: str  # the charset codec to encode it back with
    content_type: str | None = None  # what to send instead of the upstream's Content-Type, if any


def _decode(
    route: Route | None,
    headers: Sequence[tuple[str, str]],
    body: bytes,
    limits: Limits,
    credentials: Sequence[str] = (),
) -> _Decoded:
    """The parsed document, its content codings, its charset codec and a Content-Type to send."""
    if not body:
        return _Decoded(None, [], "utf-8")
    content_types = _header(headers, "content-type")
    if len(content_types) != 1:
        raise Undecodable("unsupported_content_type")
    mime, declared_charset = charset.parse_content_type(content_types[0])
    parse = parser_for(mime)
    if parse is None:
        raise Undecodable("unsupported_content_type")
    if route is not None and mime not in route.content_types:
        raise Undecodable("unexpected_content_type")
    codings = encoding.parse_header(",".join(_header(headers, "content-encoding")))
    raw = encoding.decode(body, codings, limits)
    text, codec_name, content_type = _read_text(mime, declared_charset, raw, parse)
    if any(c in text for c in credentials):  # decoded: a compressed echo is an echo too
        raise Withheld("upstream_credential_echoed")
    if parse is not json_doc.parse and _JSON_START.match(text):
        # JSON sent as text (a CRM's mislabelled endpoint): a console's `fetch().json()` reads it
        # all the same (in UTF-8, whatever the label), so it is read as JSON too, where field names
        # and hints apply.
        json_text, json_codec, json_type = _utf8_json(mime, declared_charset, raw) or (text, codec_name, None)
        with contextlib.suppress(Undecodable):
            return _Decoded(json_doc.parse(json_text, limits), codings, json_codec, json_type)
    if parse is text_doc.parse and csv_doc.is_delimited_table(text):
        # A table sent as text (a pipe-delimited export): read as CSV, its header names its cells.
        with contextlib.suppress(Undecodable):
            return _Decoded(csv_doc.parse(text, limits), codings, codec_name, content_type)
    return _Decoded(parse(text, limits), codings, codec_name, content_type)


async def _views(
    access: Access, role: Role, route: Route | None, root: object, records: Sequence[Record]
) -> tuple[set[str], bool, dict[int, Role]]:
    """Need-to-know: learn assignments from this very response, then each customer's view.

    Returns the assigned customer ids, whether break-glass was granted, and record index → role for
    the customers seen with more than the role's base reveals."""
    await access.learn(classify.extract_assignments(root, route))
    customers = [r.record_id for r in records if r.record_type == scope.CUSTOMER]
    assigned = await access.assigned(customers) if customers else set()
    glass = await access.break_glass(customers) if customers else False
    elevated = {
        i: role.break_glass_view() if glass else role.for_assigned()
        for i, r in enumerate(records)
        if r.record_type == scope.CUSTOMER and (glass or r.record_id in assigned)
    }
    return assigned, glass, elevated


async def inspect(
    generation: Generation,
    settings: Settings,
    decision: Decision,
    route: Route | None,
    role: Role,
    status: int,
    headers: Sequence[tuple[str, str]],
    body: bytes,
    access: Access | None = None,
) -> Inspected:
    """Inspect one response for one role. Raises Withheld (or anything else: the caller fails closed)."""
    if decision.kind is RouteKind.STATIC:
        return Inspected(Outcome.STATIC)
    rules: Rules = generation.rules
    limits = settings.limits
    if status == 206:
        raise Withheld("partial_content")  # a byte range cannot be inspected as a document
    if len(body) > limits.max_body_bytes:
        raise BodyTooLarge()

    document, codings, codec_name, content_type = _decode(route, headers, body, limits, settings.credentials)

    header_doc = HeaderDocument(headers)
    masker = Masker(role, rules.masks, settings.token_key)
    body_fields = document.fields if document is not None else []
    declared = classify.declared_entities(body_fields, route, rules.field_hints)
    records = classify.extract_records(document.records_root, route) if document else []

    root = document.records_root if document else None
    assigned, glass, elevated = await _views(access or NoAccess(), role, route, root, records)

    # Declared values recurring in free text are found first: detection then skips them in NER.
    recurring = recur.recurrences(body_fields, declared)
    joined = document.joined(declared) if document is not None else ()
    # A column of single words is read only for a seed phrase: without enough words of the lists
    # it is not asked about at all (twenty time zones sent to NER cost more than the rest of a body).
    joined_fields = [
        TextField(i, (), j.text, j.context)
        for i, j in enumerate(joined)
        if not j.single_words or seeds.lists_enough_words(j.text)
    ]
    body_spans, header_spans, joined_spans = await _detect(
        generation.detector,
        [
            (body_fields, declared, rules.scan_keys, recurring),
            (header_doc.fields, {}, False, {}),
            (joined_fields, {}, False, {}),
        ],
    )
    for slot, spans in [*recurring.items(), *_pieces(joined, joined_spans, declared, body_spans)]:
        body_spans[slot] = body_spans.get(slot, ()) + spans
    # Values found whole in a field of their own (a phone in a form's `answer`, a name under
    # `cardHolderName`) are masked wherever else they recur, as declared values are: a copy in a
    # `prettyFormat` or a sentence no recognizer reads is the same value. Whole copies only: a name
    # a recognizer found is not trusted to make its every word a name.
    # So are full names found inside a text (a calendar entry's attendee `CN="Tyler Hargreaves"`,
    # then its title "Callback - Tyler Hargreaves", which spaCy reads as a company).
    found_whole = _found_whole(body_fields, declared, body_spans)
    named = _full_names(body_fields, found_whole, body_spans)
    if found_whole or named:
        for slot, spans in recur.recurrences(body_fields, found_whole, False, named).items():
            body_spans[slot] = body_spans.get(slot, ()) + spans
    # Only fields with something declared or found in them can be masked or named as served:
    # the rest (most keys, timestamps, flags) need no record scope.
    flagged = [f for f in body_fields if f.slot in declared or f.slot in body_spans]
    owner, customer_of = scope.owners(flagged, records)
    body_result = scope.mask_in_scopes(masker, flagged, declared, body_spans, records, customer_of, elevated)
    header_result = masker.apply(header_doc.fields, {}, header_spans)
    served = scope.served_records(
        records, flagged, declared, body_spans, body_result, owner, assigned, settings.match_key
    ) + scope.contacts(flagged, declared, body_spans, body_result, customer_of, settings.match_key)
    masked, revealed = _merge(body_result, header_result)

    if settings.observe:
        outcome = (
            Outcome.OBSERVED if body_result.replacements or header_result.replacements else Outcome.PASSED
        )
        return Inspected(outcome, records=served, masked=masked, revealed=revealed, break_glass=glass)
    if not body_result.replacements and not header_result.replacements:
        relabelled = None if content_type is None else _with_content_type(headers, content_type)
        return Inspected(Outcome.PASSED, None, relabelled, served, masked, revealed, glass)

    new_body: bytes | None = None
    if body_result.replacements and document is not None:
        new_body = encoding.encode(
            charset.encode(document.render(body_result.replacements), codec_name), codings
        )
    new_headers = [
        (k, v)
        for k, v in header_doc.render(header_result.replacements)
        if k.lower() not in _STALE_AFTER_REWRITE and k.lower() != "cache-control"
    ]
    if content_type is not None:
        new_headers = _with_content_type(new_headers, content_type)
    new_headers.append(("Cache-Control", "no-store"))
    return Inspected(Outcome.MASKED, new_body, new_headers, served, masked, revealed, glass)
