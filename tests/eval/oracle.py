"""The judge: did a labelled value reach the client, whole or beyond policy; did a decoy change?

Written apart from Scrim's detector and codecs so the two do not share blind spots: bodies are read
with the standard library (`json`, `html.parser`, `csv`), the way a client could read them.

Definitions (per response, per distinct labelled value):
- **leaked whole**: the value is still in the released body, anywhere: in the raw bytes, in the
  decoded text (JSON strings and keys, HTML text and attributes with entities decoded, CSV cells),
  JSON- or HTML-escaped, lower-cased for e-mail addresses, and — for identifiers with 6 or more
  letters/digits — with its letters and digits in the same order separated by at most 3 of
  ` .-/()+:_` (so `4111111111111111` and `4111-1111-1111-1111` are the same card). Names, cities and
  postcodes match as whole words, so "Lee" is not found in "Leeds".
- **beyond policy** (tier1; only for values not leaked whole), judged in the field that held the
  value (same JSON path, HTML node or attribute, CSV cell, text line), after removing `<ENTITY>`
  markers:
  * CREDIT_CARD, PHONE_NUMBER (tier1 sees the last 4): 5 or more of its digits in a row remain;
  * EMAIL_ADDRESS (tier1 sees the first letter and the domain): the local part after its first
    letter remains (when it is 3+ characters);
  * PERSON (tier1 sees the first name): another name word of 3+ letters remains (particles such as
    "van" and "de" aside);
  * STREET_ADDRESS: a house number still next to a street-name word;
  * every other identifier: 4 or more of its letters/digits in a row, at least one a digit, remain
    (case-insensitive), e.g. the year of a birth date or the last 4 of an IBAN.
- **decoy changed**: fewer whole-word occurrences of the decoy in the released text than in the
  original.
- **masked spans**: per field, the regions `difflib` finds changed between original and released
  text; a span is *on PII* if it overlaps a labelled value in that field, *on a decoy* if it overlaps
  a decoy, *other* otherwise (precision = on PII / all).
"""

from __future__ import annotations

import csv
import difflib
import html
import io
import itertools
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from typing import Any
from urllib.parse import unquote

from tests.eval.corpus import Label, Sample

type Loc = tuple[Any, ...]

LAST4 = frozenset({"CREDIT_CARD", "PHONE_NUMBER"})
WORDS = frozenset({"PERSON", "FIRST_NAME", "LOCATION", "POSTAL_CODE", "STREET_ADDRESS"})
_MARKER = re.compile(r"<[A-Z][A-Z0-9_]*>")
_SEPARATORS = r"[\s.\-/()+:_]{0,3}"
_DIGIT_RUN = re.compile(r"[0-9](?:[\s.\-/()]{0,2}[0-9])*")
_ALNUM_RUN = re.compile(r"[^\W_](?:[\s.\-/():]{0,2}[^\W_])*")
# Where a spelled-out address (`jane [at] gmail [dot] com`, `jane @ gmail.com`) ends its local part.
_SPELLED_AT = re.compile(r"\s*[\[({<]\s*at\s*[\])}>]\s*|\s+at\s+|\s+@\s*", re.IGNORECASE)
_UNIT_WORDS = frozenset(
    {"apt", "apt.", "suite", "unit", "flat", "floor", "piso", "puerta", "appartamento", "piano"}
)
_PARTICLES = frozenset({"van", "der", "den", "de", "da", "del", "la", "le", "von", "zu", "di", "dos", "du"})


@dataclass
class View:
    """A body as a client reads it: raw text, decoded fields by location, and all of them joined."""

    raw: str
    fields: dict[Loc, str]
    text: str = ""
    lower: str = ""

    def __post_init__(self) -> None:
        self.text = "\n".join(self.fields.values())
        self.lower = self.text.lower()


class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.fields: dict[Loc, str] = {}
        self.tags = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags += 1
        for i, (name, value) in enumerate(attrs):
            if value:
                self.fields[("a", self.tags, i, name)] = value

    def handle_endtag(self, tag: str) -> None:
        self.tags += 1

    def handle_data(self, data: str) -> None:
        key = ("t", self.tags)
        self.fields[key] = self.fields.get(key, "") + data

    def handle_comment(self, data: str) -> None:
        self.handle_data(data)


def _walk(node: Any, path: Loc, out: dict[Loc, str]) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            out[(*path, "#key", key)] = key
            _walk(value, (*path, key), out)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            _walk(value, (*path, i), out)
    elif isinstance(node, bool):
        out[path] = "true" if node else "false"
    elif node is not None:
        out[path] = str(node)


def view(content_type: str, body: bytes) -> View:
    raw = body.decode("utf-8", errors="replace")
    fields: dict[Loc, str] = {}
    if content_type == "application/json":
        _walk(json.loads(raw), (), fields)
    elif content_type == "text/html":
        parser = _Html()
        parser.feed(raw)
        parser.close()
        fields = parser.fields
    elif content_type == "text/csv":
        for r, row in enumerate(csv.reader(io.StringIO(raw, newline=""))):
            for c, cell in enumerate(row):
                fields[(r, c)] = cell
    else:
        fields = {(i,): line for i, line in enumerate(raw.splitlines())}
    return View(raw, fields)


# ---------------------------------------------------------------- leaks


def _alnum(text: str) -> str:
    return "".join(c for c in text if c.isalnum())


@cache
def _loose(text: str) -> re.Pattern[str] | None:
    """The value's letters and digits in order, separators allowed between them."""
    chars = _alnum(text)
    if len(chars) < 6:
        return None
    return re.compile(_SEPARATORS.join(re.escape(c) for c in chars), re.IGNORECASE)


@cache
def _word(text: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + re.escape(text) + r"(?!\w)")


def leaked_whole(label: Label, released: View) -> bool:
    text = label.text
    if label.entity in WORDS:
        pattern = _word(text)
        return bool(pattern.search(released.text) or pattern.search(html.unescape(released.raw)))
    if text in released.text or text in released.raw:
        return True
    if json.dumps(text)[1:-1] in released.raw or html.escape(text) in released.raw:
        return True
    if label.entity == "EMAIL_ADDRESS":
        return text.lower() in released.lower or text.lower() in unquote(released.raw).lower()
    loose = _loose(text)
    return bool(loose and loose.search(released.text))


def _runs(pattern: re.Pattern[str], text: str, keep: str) -> list[str]:
    return ["".join(c for c in m.group().lower() if c in keep or c.isalnum()) for m in pattern.finditer(text)]


def _grams(value: str, n: int, need_digit: bool) -> set[str]:
    return {
        value[i : i + n]
        for i in range(len(value) - n + 1)
        if not need_digit or any(c.isdigit() for c in value[i : i + n])
    }


def beyond_policy(label: Label, field_text: str) -> bool:
    """Is more of `label` left in its field than tier1 may see? (Not called for whole leaks.)"""
    rest = _MARKER.sub(" ", field_text)
    entity, text = label.entity, label.text
    if entity in LAST4:
        digits = "".join(c for c in text if c.isdigit())
        runs = ["".join(c for c in m.group() if c.isdigit()) for m in _DIGIT_RUN.finditer(rest)]
        return any(g in run for g in _grams(digits, 5, False) for run in runs)
    if entity == "EMAIL_ADDRESS":
        local = _SPELLED_AT.split(text, maxsplit=1)[0] if "@" not in text else text.rpartition("@")[0]
        return len(local) > 3 and local[1:].lower() in rest.lower()
    if entity == "PERSON":
        words = [w for w in text.split()[1:] if len(w) >= 3 and w.lower() not in _PARTICLES]
        return any(_word(w).search(rest) for w in words)
    if entity == "STREET_ADDRESS":
        tokens = [t.strip(",") for t in text.split()]
        for a, b in itertools.pairwise(tokens):
            if a.lower() in _UNIT_WORDS or b.lower() in _UNIT_WORDS:
                continue
            numeric = any(c.isdigit() for c in a) or any(c.isdigit() for c in b)
            wordy = sum(c.isalpha() for c in a) >= 3 or sum(c.isalpha() for c in b) >= 3
            if numeric and wordy and re.search(re.escape(a) + r"[\s,]{1,3}" + re.escape(b), rest):
                return True
        return False
    if entity in ("LOCATION", "POSTAL_CODE", "FIRST_NAME"):
        return False
    if entity == "CRYPTO_SECRET":  # three words of a seed phrase in a row narrow it down
        words = [w.lower() for w in re.findall(r"[^\W\d_]+", text)]
        shown = " ".join(w.lower() for w in re.findall(r"[^\W\d_]+", rest))
        return any(" ".join(words[i : i + 3]) in shown for i in range(len(words) - 2))
    value = _alnum(text).lower()
    runs = ["".join(c for c in m.group().lower() if c.isalnum()) for m in _ALNUM_RUN.finditer(rest)]
    return any(g in run for g in _grams(value, 4, True) for run in runs)


# ---------------------------------------------------------------- decoys and spans


def count_words(text: str, value: str) -> int:
    return len(_word(value).findall(text))


@dataclass
class Span:
    """A changed region of an original field, and what it overlapped."""

    kind: str  # "pii", "decoy" or "other"
    label: str  # the labelled entity or decoy kind it overlapped ("" for other)
    became: str  # the marker's entity (`<PERSON>` -> PERSON), or "partial"
    original: str
    context: str


def _occurrences(text: str, values: Iterable[Label]) -> list[tuple[int, int, str]]:
    out = []
    for label in values:
        start = text.find(label.text)
        while start >= 0:
            out.append((start, start + len(label.text), label.entity))
            start = text.find(label.text, start + 1)
    return out


def _piece_of(text: str, values: Iterable[Label]) -> list[tuple[int, int, str]]:
    """A field that is, whole, a group of a labelled number stored in pieces (a card's `4539`)."""
    if len(text) < 3 or not text.isdigit():
        return []
    return next(([(0, len(text), v.entity)] for v in values if text in _alnum(v.text)), [])


_TOKEN = re.compile(r"<[A-Z][A-Z0-9_]*>|\w+|\s+|.", re.DOTALL)


def changed_spans(original: str, released: str) -> list[tuple[int, int, str]]:
    """Changed regions of `original` as (start, end, replacement), by words; nearby edits merged.

    Diffing words rather than characters keeps a `<PERSON>` marker from aligning its letters with
    the name it replaced, and a partial mask (`j***@x.com`) as one region.
    """
    a = [m.span() for m in _TOKEN.finditer(original)]
    b = [m.span() for m in _TOKEN.finditer(released)]
    matcher = difflib.SequenceMatcher(
        None, [original[s:e] for s, e in a], [released[s:e] for s, e in b], autojunk=False
    )
    spans: list[tuple[int, int, str]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        start = a[i1][0] if i1 < len(a) else len(original)
        end = a[i2 - 1][1] if i2 > i1 else start
        repl = released[b[j1][0] : b[j2 - 1][1]] if j2 > j1 else ""
        if spans and not _alnum(original[spans[-1][1] : start]):
            first, _, previous = spans[-1]
            spans[-1] = (first, end, previous + repl)
        else:
            spans.append((start, end, repl))
    return spans


@dataclass
class Judged:
    """The verdicts for one response."""

    withheld: bool
    values: list[tuple[Label, str]] = field(default_factory=list)  # (label, "whole"|"beyond"|"ok")
    decoys: list[tuple[Label, bool]] = field(default_factory=list)  # (decoy, changed)
    spans: list[Span] = field(default_factory=list)


def judge(sample: Sample, released_body: bytes | None) -> Judged:
    """Verdicts for `sample` released as `released_body` (None: withheld)."""
    unique_pii = list(dict.fromkeys(sample.pii))
    unique_decoys = list(dict.fromkeys(sample.decoys))
    if released_body is None:
        return Judged(True, [(label, "ok") for label in unique_pii], [(d, False) for d in unique_decoys])
    original = view(sample.content_type, sample.body)
    released = view(sample.content_type, released_body)
    result = Judged(False)
    for label in unique_pii:
        if leaked_whole(label, released):
            result.values.append((label, "whole"))
            continue
        homes = [loc for loc, text in original.fields.items() if label.text in text]
        beyond = any(beyond_policy(label, released.fields.get(loc, "")) for loc in homes)
        result.values.append((label, "beyond" if beyond else "ok"))
    seen: set[str] = set()
    for decoy in unique_decoys:
        if decoy.text in seen:
            continue
        seen.add(decoy.text)
        before = count_words(original.text, decoy.text)
        after = count_words(released.text, decoy.text)
        result.decoys.append((decoy, after < before))
    if released_body != sample.body:
        for loc, text in original.fields.items():
            new = released.fields.get(loc)
            if new is None or new == text:
                continue
            pii = _occurrences(text, unique_pii) or _piece_of(text, unique_pii)
            decoys = _occurrences(text, unique_decoys)
            for start, end, repl in changed_spans(text, new):
                hit = next((e for s, t, e in pii if s < end and start < t), None)
                kind = "pii" if hit else "other"
                if hit is None:
                    hit = next((e for s, t, e in decoys if s < end and start < t), None)
                    kind = "decoy" if hit else "other"
                marker = _MARKER.search(repl)
                became = marker.group()[1:-1] if marker else "partial"
                context = text[max(0, start - 40) : end + 40].replace("\n", " ")
                result.spans.append(Span(kind, hit or "", became, text[start:end], context))
    return result
