"""Known values, found again: a value declared in a structured field of a response (the requester's
name, e-mail, phone) is masked wherever it recurs in that response's free text — exact, cheap, and
independent of whether a recognizer would have caught the copy.

Linear in the size of the response: free text is tokenised once and looked up in dictionaries
built from the declared values; numbers are compared digit-for-digit, whatever their separators.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence

from proxy.detect import is_machine_value
from proxy.model import Span, TextField

_WORD = re.compile(r"[^\W_]+")
# A run of digits with the separators people type inside numbers (spaces, dots, dashes, brackets).
_NUMBER = re.compile(r"[+(]?\d(?:[\s().\-]{0,3}\d){5,40}")
_MIN_DIGITS = 6
_MIN_WORD = 3


_NOT_DIGIT = re.compile(r"\D+")
_NOT_ALNUM = re.compile(r"[\W_]+")


def _digits(text: str) -> str:
    return _NOT_DIGIT.sub("", text)


def _same_number(a: str, b: str) -> bool:
    """One number written with and without a country code: "0458023402" and "+33458023402" (the
    national form's trunk 0 is not part of the international one), "4155550132" and "+14155550132"."""
    return a.endswith(_national(b)) or b.endswith(_national(a))


def _national(digits: str) -> str:
    # Only the one leading 0, and only where enough digits remain to tell numbers apart.
    return digits[1:] if digits.startswith("0") and len(digits) > _MIN_DIGITS + 1 else digits


def _position(span: Span) -> tuple[int, int]:
    return span.start, span.end


class KnownValues:
    """The declared values of one response, indexed for lookup in free text."""

    def __init__(
        self,
        fields: Sequence[TextField],
        declared: Mapping[int, str],
        name_parts: bool = True,
        more: Sequence[tuple[str, str]] = (),
    ) -> None:
        self.numbers: dict[str, str] = {}  # digits → entity
        self.by_tail: dict[str, list[tuple[str, str]]] = {}  # last digits → [(digits, entity)]
        self.words: dict[str, list[tuple[str, str]]] = {}  # anchor word → [(value lower, entity)]
        self.names: dict[str, str] = {}  # capitalised name part (lower) → entity
        values = [(fields[slot].value, entity) for slot, entity in declared.items()]
        for value, entity in [*values, *more]:
            if isinstance(value, bool) or value is None:
                continue
            text = str(value).strip()
            digits = _digits(text)
            # Mostly a number (the letters are only counted when there are digits enough).
            if len(digits) >= _MIN_DIGITS and len(digits) * 2 >= len(_NOT_ALNUM.sub("", text)):
                self.numbers[digits] = entity
                self.by_tail.setdefault(digits[-_MIN_DIGITS:], []).append((digits, entity))
                continue
            words = [w.lower() for w in _WORD.findall(text)]
            if not words or len(text) < 4:
                continue
            anchor = max(words, key=len)
            self.words.setdefault(anchor, []).append((text.lower(), entity))
            if entity == "PERSON" and name_parts:
                for word in words:
                    if len(word) >= _MIN_WORD:
                        self.names[word] = entity

        self._anchors = frozenset(self.words) | frozenset(self.names)

    def __bool__(self) -> bool:
        return bool(self.numbers or self.words)

    def find(self, text: str) -> tuple[Span, ...]:
        words, has_number = _shape(text)
        # Most strings hold no known word and no number: one set intersection in C says so, and
        # only the words found are looked for again.
        present = self._anchors.intersection(words)
        if not present and not has_number:
            return ()
        spans: list[Span] = []
        for match in _NUMBER.finditer(text) if has_number else ():
            digits = _digits(match.group())
            entity = self.numbers.get(digits)
            if entity is None and len(digits) >= _MIN_DIGITS + 1:
                # A copy typed with or without a country code or prefix: one ends with the other,
                # so both end with the same digits — an index lookup, not a scan of every number.
                entity = next(
                    (e for d, e in self.by_tail.get(digits[-_MIN_DIGITS:], ()) if _same_number(digits, d)),
                    None,
                )
            if entity is not None:
                spans.append(Span(match.start(), match.end(), entity, 1.0))
        lowered = text.lower()
        for word in present:
            for value, entity in self.words.get(word, ()):
                start = lowered.find(value)
                while start != -1:
                    spans.append(Span(start, start + len(value), entity, 1.0))
                    start = lowered.find(value, start + len(value))
        if not self.names.keys() & present:
            return tuple(sorted(dict.fromkeys(spans), key=_position))
        for match in _WORD.finditer(text):
            word = match.group().lower()
            if word in self.names and match.group()[0].isupper():
                spans.append(Span(match.start(), match.end(), self.names[word], 0.99))
        return tuple(sorted(dict.fromkeys(spans), key=_position))


@functools.lru_cache(maxsize=16384)  # field names and enum values repeat across responses
def _shape(text: str) -> tuple[tuple[str, ...], bool]:
    """A string's lower-cased words, and whether it holds a run of digits a known number could be.

    Tuples of strings, not sets: the collector stops tracking them, so a full cache adds nothing
    to every full collection (as 16,384 frozensets it made them ~20 ms in the proxy process)."""
    return tuple(map(str.lower, _WORD.findall(text))), _NUMBER.search(text) is not None


def recurrences(
    fields: Sequence[TextField],
    declared: Mapping[int, str],
    name_parts: bool = True,
    more: Sequence[tuple[str, str]] = (),
) -> dict[int, tuple[Span, ...]]:
    """Spans, per undeclared string field, of declared values (and of `more` values, as (text,
    entity)) that recur in it. With `name_parts`, a declared name's words recur on their own too
    ("Jane" of "Jane Doe")."""
    known = KnownValues(fields, declared, name_parts, more)
    if not known:
        return {}
    found: dict[int, tuple[Span, ...]] = {}
    seen: dict[str, tuple[Span, ...]] = {}  # field names and enum values repeat in every record
    for field in fields:
        value = field.value
        if not isinstance(value, str) or len(value) < 4 or field.slot in declared:
            continue
        spans = seen.get(value)
        if spans is None:
            # A timestamp's date is not the customer's, even where it equals a declared date.
            spans = seen[value] = () if is_machine_value(value) else known.find(value)
        if spans:
            found[field.slot] = spans
    return found
