"""Tables inside plain text, read as cells named by their columns.

Shapes that reports, exports and logs send as text/plain:
- a fixed-width report: a header line of column names set apart by two spaces or more, perhaps a
  rule line under it, then rows whose values start where their column's name does;
- an SQL dump: `INSERT INTO t (a, b, …) VALUES` and then tuples `(1, 'Jane Doe', …)`, each value
  named by its column;
- a log line of key-value pairs (logfmt, CEF and LEEF, syslog's structured data, a Rails
  parameter hash, a JSON object per line): each value named by its key, the text between them
  kept as cells of no column;
- a NACHA (ACH) file's entry detail records: 94 characters at fixed places, the receiver's bank
  routing number, account number and name among them.

A cell is (start, end, column name) within its line (a log line's and an SQL row's other text
too, in cells of no column). proxy.codecs.text_doc reads a line with cells as those cells and as
the whole line it was: a cell names its value, the line keeps what the cells' neighbours say.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

type Cell = tuple[int, int, str]  # start, end, column name

# A column's name: words (and `#`, `.`, `/` as reports abbreviate), no digits; apart from the next
# by two spaces or more.
_HEADER_NAME = re.compile(r"[^\W\d_][^\W\d]*(?:[ ./#-]{1,2}[^\W\d_][^\W\d]*){0,3}[.#]?")
_GAP = re.compile(r"[ \t]{2,}")
_RULE = re.compile(r"[ \t]*[-=_+|]{8,}[ \t]*")
_MIN_COLUMNS = 3
_MAX_COLUMNS = 64  # each row is cut at every column: a wider "header" is no report's
_INSERT = re.compile(r"(?i)\binsert\s+into\s+\S+\s*\(([^()]{1,4000})\)\s*values\b")
# A quoted value runs to its closing quote, or to the line's end if it has none: either way it is
# read once (an unclosed quote searched again from every position would cost the square).
_VALUE = re.compile(r"'(?:[^'\\]|''|\\.)*(?:'|\\?$)|[^,()'\s][^,()']*")
_TUPLE_LINE = re.compile(r"[ \t]*\(")
_HAS_TEXT = re.compile(r"\w")


# A key and its value: `key=value`, `key="a value"`, `"key": "value"`, `"key"=>"value"`. A bare
# value runs over single spaces (CEF: `suser=Jane Doe cs1=…`) up to the next key or separator.
_KEY = r"[A-Za-z_][\w.-]{0,40}"
_BARE = r"""[^\s"'^|&,;()=<>{}\[\]]+(?:'[^\s"'^|&,;()=<>{}\[\]]+)*"""  # O'Brien's apostrophe too
_PAIR = re.compile(
    rf"""(?<![\w.-])(?:"({_KEY})"[ \t]{{0,3}}(?::|=>)|'({_KEY})'[ \t]{{0,3}}(?::|=>)"""
    rf"""|({_KEY})[ \t]{{0,3}}=>?)"""
    rf"""[ \t]{{0,3}}(?:"([^"\n]{{1,200}})"|'([^'\n]{{1,200}})'|({_BARE}(?:[ ](?![\w.-]+=){_BARE})*))"""
)
_MIN_PAIRS = 2
# A vCard's or iCalendar's property line (`ATTENDEE;CN="Ana Lee";ROLE=…:mailto:…`): its parameters
# are no log's pairs, and its recognizers read the line whole.
_PROPERTY_LINE = re.compile(r"[A-Z][A-Z0-9-]{0,40}(?:;|:(?![0-9]))")  # not CEF:0| nor LEEF:2.0|


# An ACH entry detail record: record type 6, a transaction code, the receiving bank's routing
# number (8 digits and a check digit), then fields at fixed places (NACHA's file format).
_ACH_ENTRY = re.compile(r"6[0-9]{11}.{82}")
_ACH_TRANSACTION_CODES = frozenset(
    [
        "22",
        "23",
        "24",
        "27",
        "28",
        "29",
        "32",
        "33",
        "34",
        "37",
        "38",
        "39",
        "41",
        "42",
        "43",
        "46",
        "47",
        "48",
        "51",
        "52",
        "53",
        "55",
        "56",
    ]
)
_ACH_FIELDS = (
    (3, 12, "routing"),
    (12, 29, "account"),
    (29, 39, "amount"),
    (39, 54, "id number"),
    (54, 76, "customer name"),
)


def find(lines: Sequence[str]) -> dict[int, list[Cell]]:
    """Cells of the lines that are a table's rows or a log line's pairs, by line index."""
    cells: dict[int, list[Cell]] = {}
    index = 0
    while index < len(lines):
        index = _sql(lines, index, cells) or _fixed_width(lines, index, cells) or index + 1
    for index, line in enumerate(lines):
        if index in cells:
            continue
        text = line.rstrip("\r\n")
        found = _ach_entry(text) or _pairs(text)
        if found is not None:
            cells[index] = found
    return cells


def _ach_entry(line: str) -> list[Cell] | None:
    """An ACH entry detail record's fields, each named, if the line is one: a transaction code
    NACHA defines, a routing number whose check digit is right, an amount of ten digits."""
    if not _ACH_ENTRY.fullmatch(line) or line[1:3] not in _ACH_TRANSACTION_CODES or not line[29:39].isdigit():
        return None
    routing = [int(d) for d in line[3:12]]
    if sum(d * w for d, w in zip(routing, (3, 7, 1) * 3, strict=True)) % 10:
        return None
    return [(start + len(raw) - len(raw.lstrip()), start + len(raw.rstrip()), name)
            for start, end, name in _ACH_FIELDS if (raw := line[start:end]).strip()]  # fmt: skip


def _pairs(line: str) -> list[Cell] | None:
    """A log line's values, each named by its key, and the text around them (column ""), if the
    line holds two pairs or more."""
    if _PROPERTY_LINE.match(line):
        return None
    values = []
    for pair in _PAIR.finditer(line):
        key = pair.group(1) or pair.group(2) or pair.group(3)
        group = next(g for g in (4, 5, 6) if pair.group(g) is not None)
        values.append((pair.start(group), pair.end(group), key))
    return _with_gaps(line, values) if len(values) >= _MIN_PAIRS else None


def _fixed_width(lines: Sequence[str], index: int, cells: dict[int, list[Cell]]) -> int:
    """Reads the table whose header is line `index`, if it is one; returns the line after it (0:
    no table there)."""
    columns = _header(lines[index].rstrip("\r\n"))
    if columns is None:
        return 0
    row = index + 1
    if row < len(lines) and _RULE.fullmatch(lines[row].rstrip("\r\n")):
        row += 1
    first = row
    while row < len(lines):
        found = _row_cells(lines[row].rstrip("\r\n"), columns)
        if found is None:
            break
        cells[row] = found
        row += 1
    return row if row > first else 0


def _header(line: str) -> list[tuple[int, str]] | None:
    """The start and name of each column, if the line is a header of three names or more."""
    columns = []
    position = len(line) - len(line.lstrip(" \t"))
    for part in _GAP.split(line.strip(), maxsplit=_MAX_COLUMNS):
        if not _HEADER_NAME.fullmatch(part):
            return None
        start = line.index(part, position)
        columns.append((start, part))
        position = start + len(part)
    return columns if _MIN_COLUMNS <= len(columns) <= _MAX_COLUMNS else None


def _row_cells(line: str, columns: Sequence[tuple[int, str]]) -> list[Cell] | None:
    """The cells of a row aligned on the columns, or None if the line is no such row (blank, or a
    value runs across a column's start)."""
    if not line.strip():
        return None
    found = []
    for n, (column_start, name) in enumerate(columns):
        if 0 < column_start < len(line) and not line[column_start - 1].isspace():
            return None
        # The first column from the line's start: a row may be indented less than its header.
        start = column_start if n else 0
        end = columns[n + 1][0] if n + 1 < len(columns) else len(line)
        text = line[start:end]
        value = text.strip()
        if value:
            begin = start + len(text) - len(text.lstrip())
            found.append((begin, begin + len(value), name))
    return found if len(found) >= 2 else None


def _sql(lines: Sequence[str], index: int, cells: dict[int, list[Cell]]) -> int:
    """Reads the rows of an INSERT statement starting at line `index`; returns the line after
    them (0: no statement there)."""
    statement = _INSERT.search(lines[index])
    if statement is None:
        return 0
    names = [n.strip().strip("`\"'[]") for n in statement.group(1).split(",")]
    row = index + 1
    while row < len(lines) and _TUPLE_LINE.match(lines[row]):
        cells[row] = _tuple_cells(lines[row], names)
        row += 1
        if lines[row - 1].rstrip().endswith(";"):
            break
    return row if row > index + 1 else 0


def _tuple_cells(line: str, names: Sequence[str]) -> list[Cell]:
    """The values of the tuples on a line, each named by its column, and what else the line holds
    (a value past the last column, a function's arguments, a comment) in cells of no column."""
    found: list[Cell] = []
    position = 0
    while True:
        open_at = line.find("(", position)
        if open_at < 0:
            break
        column = 0
        position = open_at + 1
        while position < len(line) and line[position] != ")":
            value = _VALUE.match(line, position)
            if value is None:
                position += 1  # a comma or a blank between values
                continue
            start, end = value.span()
            if line[start] == "'":
                start, end = start + 1, end - 1 if end - start > 1 and line[end - 1] == "'" else end
            if end > start and column < len(names):
                found.append((start, end, names[column]))
            column += 1
            position = value.end()
        position += 1
    return _with_gaps(line, found)


def _with_gaps(line: str, values: Sequence[Cell]) -> list[Cell]:
    """`values` (in order) and, between and around them, the stretches of the line holding a
    letter or digit, as cells of no column: nothing of the line goes unread."""
    found: list[Cell] = []
    position = 0
    for start, end, name in values:
        if _HAS_TEXT.search(line, position, start):
            found.append((position, start, ""))
        found.append((start, end, name))
        position = end
    if _HAS_TEXT.search(line, position):
        found.append((position, len(line), ""))
    return found
