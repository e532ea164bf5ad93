"""CSV exports: the header names each column (context and field-rule paths), every cell is a field.

Rows become `[row_index, column_name]` paths, so `[*].email` in the rules addresses a column, and the
rows double as record objects for counting.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Container, Mapping
from typing import Any

from proxy.codecs import JoinedText, Limits, pieces_of_numbers, words
from proxy.errors import BodyTooLarge, Undecodable
from proxy.model import DROPPED, Replacement, TextField

# Delimiters spreadsheets write: Excel in most of Europe uses ';' (the decimal comma takes ','),
# TSV exports a tab.
_DELIMITERS = (",", ";", "\t", "|")


def _delimiter(text: str) -> str:
    """The delimiter of a CSV body: the one its header line holds most of (a comma on a tie)."""
    header = text[: text.find("\n")] if "\n" in text else text
    return max(_DELIMITERS, key=header.count)


class CsvDocument:
    """A parsed CSV body (first row is the header). Column names are read case-insensitively
    (`Email` is `[*].email` in the rules), whatever the delimiter."""

    def __init__(self, text: str, limits: Limits) -> None:
        csv.field_size_limit(limits.max_string_chars)
        self._newline = "\r\n" if "\r\n" in text[:65536] else "\n"
        self._delimiter = _delimiter(text[:65536])
        try:
            self._rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=self._delimiter))
        except csv.Error as err:
            raise Undecodable("invalid_csv") from err
        self._fields: list[TextField] = []
        self._places: list[tuple[int, int]] = []
        names = self._rows[0] if self._rows else []
        header = [name.strip().lower() for name in names]
        for r, row in enumerate(self._rows):
            for c, cell in enumerate(row):
                if len(self._fields) >= limits.max_fields:
                    raise BodyTooLarge("too_many_fields")
                column = header[c] if c < len(header) else str(c)
                if r == 0:
                    field = TextField(len(self._fields), (column,), cell, (), is_key=True)
                else:
                    context = words(names[c]) if c < len(names) else ()  # `dateOfBirth`: date, of, birth
                    field = TextField(len(self._fields), (r - 1, column), cell, context)
                self._fields.append(field)
                self._places.append((r, c))
        self.rows_as_objects: list[dict[str, Any]] = [
            dict(zip(header, row, strict=False)) for row in self._rows[1:]
        ]

    @property
    def fields(self) -> list[TextField]:
        return self._fields

    @property
    def records_root(self) -> object:
        return self.rows_as_objects

    def joined(self, declared: Container[int]) -> list[JoinedText]:
        return pieces_of_numbers(self._fields, declared)

    def render(self, replacements: Mapping[int, Replacement]) -> str:
        for slot, new in replacements.items():
            r, c = self._places[slot]
            self._rows[r][c] = "" if new is DROPPED or new is None else str(new)
        out = io.StringIO()
        csv.writer(out, delimiter=self._delimiter, lineterminator=self._newline).writerows(self._rows)
        return out.getvalue()


def parse(text: str, limits: Limits) -> CsvDocument:
    return CsvDocument(text, limits)
