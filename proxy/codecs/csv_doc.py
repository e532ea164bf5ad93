"""CSV exports: the header names each column (context and field-rule paths), every cell is a field.

Rows become `[row_index, column_name]` paths, so `[*].email` in the rules addresses a column, and the
rows double as record objects for counting. Lines before the header (a title, Excel's `sep=;`, blank
lines) are cells of no column: scanned like any text, never taken for the header.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Container, Mapping, Sequence
from typing import Any

from proxy.codecs import JoinedText, Limits, label_of_pair, pieces_of_values, words
from proxy.errors import BodyTooLarge, Undecodable
from proxy.model import DROPPED, Replacement, TextField

# Delimiters spreadsheets write: Excel in most of Europe uses ';' (the decimal comma takes ','),
# TSV exports a tab.
_DELIMITERS = (",", ";", "\t", "|")


# The header is looked for in this many first rows; the columns are counted in a few more.
_MOST_PREAMBLE_ROWS = 10
_ROWS_SAMPLED = 30


def _delimiter(text: str) -> str:
    """The delimiter of a CSV body: the one Excel's `sep=` line names, else the one that splits
    the most of the first rows into the same number of cells (a comma on a tie). Rows are parsed,
    not counted raw: delimiters inside a quoted cell (a customer's "Flat 3; Block B") split
    nothing, and must not make the rows one column each, outside every column rule."""
    lines = text.split("\n", _ROWS_SAMPLED + 1)
    first = lines[0].strip().lower()
    if first.startswith("sep=") and first[4:] in _DELIMITERS:
        return first[4:]
    sample = "\n".join(lines[:_ROWS_SAMPLED])
    best, best_score = _DELIMITERS[0], (0, 0)
    for delimiter in _DELIMITERS:
        try:
            widths = Counter(
                len(r) for r in csv.reader(io.StringIO(sample), delimiter=delimiter) if len(r) > 1
            )
        except csv.Error:
            continue
        if widths:
            width, rows = widths.most_common(1)[0]
            if (rows, width) > best_score:
                best, best_score = delimiter, (rows, width)
    return best


def _header_row(rows: Sequence[Sequence[str]]) -> int:
    """The header's index: after any `sep=` line, the first row more than half as wide as most
    rows are. A title or a `sep=` line before it would otherwise name the columns, and no column
    rule would apply; a header a little narrower than its rows (trailing delimiters) is still it."""
    skip = 1 if rows and rows[0] and rows[0][0].strip().lower() == "sep=" else 0
    widths = [len(row) for row in rows[:_ROWS_SAMPLED]]
    common = Counter(w for w in widths[skip:] if w > 1).most_common(1)
    if not common:
        return skip
    least = common[0][0] // 2 + 1
    # Filled cells, not the row's width: a row of group headings over the columns (",Cardholder,,,
    # Card,,") is as wide as the header under it.
    filled = [sum(1 for cell in row if cell.strip()) for row in rows[:_ROWS_SAMPLED]]
    return next(
        (i for i in range(skip, min(len(widths), _MOST_PREAMBLE_ROWS + 1)) if filled[i] >= least), skip
    )


class CsvDocument:
    """A parsed CSV body (the header is found by `_header_row`). Column names are read
    case-insensitively (`Email` is `[*].email` in the rules), whatever the delimiter."""

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
        first = _header_row(self._rows)
        names = self._rows[first] if self._rows else []
        header = [name.strip().lower() for name in names]
        for r, row in enumerate(self._rows):
            for c, cell in enumerate(row):
                if len(self._fields) >= limits.max_fields:
                    raise BodyTooLarge("too_many_fields")
                column = header[c] if c < len(header) else str(c)
                if r < first:  # before the header: a row of no record, cells of no column
                    field = TextField(len(self._fields), (r - first, str(c)), cell, ())
                elif r == first:
                    field = TextField(len(self._fields), (column,), cell, (), is_key=True)
                else:
                    context = words(names[c]) if c < len(names) else ()  # `dateOfBirth`: date, of, birth
                    label = label_of_pair(row) if c == 1 else None
                    if label is not None:  # a row `SSN;536221234` of a field/value export
                        context = words(label) + context
                    field = TextField(len(self._fields), (r - first - 1, column), cell, context)
                self._fields.append(field)
                self._places.append((r, c))
        self.rows_as_objects: list[dict[str, Any]] = [
            dict(zip(header, row, strict=False)) for row in self._rows[first + 1 :]
        ]

    @property
    def fields(self) -> list[TextField]:
        return self._fields

    @property
    def records_root(self) -> object:
        return self.rows_as_objects

    def joined(self, declared: Container[int]) -> list[JoinedText]:
        return pieces_of_values(self._fields, declared)

    def render(self, replacements: Mapping[int, Replacement]) -> str:
        for slot, new in replacements.items():
            r, c = self._places[slot]
            self._rows[r][c] = "" if new is DROPPED or new is None else str(new)
        out = io.StringIO()
        csv.writer(out, delimiter=self._delimiter, lineterminator=self._newline).writerows(self._rows)
        return out.getvalue()


def parse(text: str, limits: Limits) -> CsvDocument:
    return CsvDocument(text, limits)


# A table sent as plain text (`payouts.txt`: a header of names, then rows, cells apart by pipes or
# tabs): read as one, its header names each cell as a CSV's does. Commas and semicolons are left to
# `text/csv`: in prose they split lines into equal parts too.
_TABLE_DELIMITERS = ("|", "\t")
_COLUMN_NAME = re.compile(r"[^\W\d][\w .#/-]{0,39}")
_LEAST_COLUMNS = 3
_LEAST_ROWS = 2


def is_delimited_table(text: str) -> bool:
    """Whether a plain-text body is a table: its first line names three columns or more, apart by
    a pipe or a tab, and its next lines (two at the least) have as many cells, and no quote marks."""
    lines = [line for line in text.split("\n", _ROWS_SAMPLED + 1)[:_ROWS_SAMPLED] if line.strip()]
    if len(lines) <= _LEAST_ROWS or any('"' in line for line in lines):
        return False  # a quote in plain text is text: as CSV it would join lines and be re-quoted
    for delimiter in _TABLE_DELIMITERS:
        header = lines[0].rstrip("\r").split(delimiter)
        if (
            len(header) >= _LEAST_COLUMNS
            and all(_COLUMN_NAME.fullmatch(name.strip()) for name in header)
            and all(line.count(delimiter) == len(header) - 1 for line in lines[1:])
        ):
            return True
    return False
