"""Plain text: each line is a field, so one huge body never becomes one unbounded analyzer call.

A line that is only a label (`SSN:`) or ends in a question (`your date of birth?`) names the next
line's value, and a number wrapped onto the next line (`card 4539 1488` / `0343 6467`) is also read
joined across the break. The rows of a table in the text (a fixed-width report, an SQL dump's
INSERT) are read as cells named by their columns (proxy.codecs.text_tables), as a CSV's are."""

from __future__ import annotations

import re
from collections.abc import Container, Mapping

from proxy.codecs import JoinedText, Limits, text_tables, words
from proxy.errors import BodyTooLarge
from proxy.model import DROPPED, Replacement, TextField

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")
_LABEL_ONLY = re.compile(r"\s*([^:\r\n]{1,40}):\s*")
_WRAPS = re.compile(r"[0-9A-Za-z][ \t]*[\r\n]+")  # a line ending in a character of a number…
_WRAPPED = re.compile(r"[0-9]")  # …and the next one starting with a digit
_QUESTION_TAIL = 40  # characters of a question that name its answer
_PAYMENT_PARTY = re.compile(r":(?:50[AFK]?|59[AF]?):")  # SWIFT MT103's :50K: and :59: fields


class TextDocument:
    """A text body split into lines (line endings kept)."""

    def __init__(self, text: str, limits: Limits) -> None:
        # Only the line breaks every viewer shows: str.splitlines also breaks at form feeds, file
        # separators (\x1c-\x1e), NEL and U+2028, which a browser shows as nothing or a space, so
        # "jane.doe\x1e@example.com" would be scanned as two harmless pieces.
        self._lines = _LINE.findall(text)
        self._fields: list[TextField] = []
        self._places: list[tuple[int, int, int]] = []  # slot → line, start, end
        self._rows: list[JoinedText] = []  # each table row's cells, read as its line too
        if len(self._lines) > limits.max_fields:
            raise BodyTooLarge("too_many_fields")
        if any(len(line) > limits.max_string_chars for line in self._lines):
            raise BodyTooLarge("string_too_long")
        table_cells = text_tables.find(self._lines)
        named_by: tuple[str, ...] = ()  # the label of a line that held only a label, or a question
        asked = False  # named_by is a question's: it names the answer even after a speaker's label
        # Label-only lines enclosing what is indented under them (YAML: `address:` / `  line1: …`).
        sections: list[tuple[int, tuple[str, ...]]] = []
        for i, line in enumerate(self._lines):
            # Cells, within half the field limit: past it, lines (a megabyte of log lines holds
            # a quarter of a million cells, and the response would be withheld as too large).
            if i in table_cells and len(self._fields) + len(table_cells[i]) < limits.max_fields // 2:
                self._add_row(i, table_cells[i], limits)
                named_by, asked = (), False
                continue
            indent = len(line) - len(line.lstrip(" "))
            while sections and line.strip() and sections[-1][0] >= indent:
                sections.pop()
            label, sep, _ = line.partition(":")
            own = words(label) if sep and len(label) < 40 else ()
            if own and sections:
                own += sections[-1][1]
            context = own + named_by if own and asked else own or named_by
            self._add(TextField(len(self._fields), (i,), line, context), (i, 0, len(line)), limits)
            label_only = _LABEL_ONLY.fullmatch(line)
            asked = False
            if label_only:
                named_by = words(label_only.group(1))
                sections.append((indent, named_by))
            elif _PAYMENT_PARTY.match(line):
                # A SWIFT message's ordering customer or beneficiary: the name is on the next line.
                named_by = ("customer",)
            elif line.rstrip().endswith("?"):
                asked = True
                # A question names the answer on the next line, as a label does (a call or chat
                # transcript: "your date of birth?" / "6/5/1989"): its last words, nearest the mark.
                question = line.rstrip()
                tail = question[-_QUESTION_TAIL:]
                named_by = words(tail if len(question) <= _QUESTION_TAIL else tail.partition(" ")[2])
            else:
                named_by = ()

    def _add(self, field: TextField, place: tuple[int, int, int], limits: Limits) -> None:
        if len(self._fields) >= limits.max_fields:
            raise BodyTooLarge("too_many_fields")
        self._fields.append(field)
        self._places.append(place)

    def _add_row(self, i: int, cells: list[text_tables.Cell], limits: Limits) -> None:
        """A table row's cells, each a field under the row named by its column (`(i, "dob")`), as
        a CSV row's; and the whole line as one read, as a line is."""
        line = self._lines[i]
        pieces = []
        for start, end, column in cells:
            slot = len(self._fields)
            self._add(
                TextField(slot, (i, column.lower()), line[start:end], words(column)), (i, start, end), limits
            )
            pieces.append((slot, start, end))
        # Read as one text too, as the line was before it was cut: a word in one cell names the
        # value in the next ("field=passport value=K1234567", a row "Passport  K1234567").
        self._rows.append(JoinedText(line.rstrip("\r\n"), tuple(pieces)))

    @property
    def fields(self) -> list[TextField]:
        return self._fields

    @property
    def records_root(self) -> object:
        return None

    def joined(self, declared: Container[int]) -> list[JoinedText]:
        out = list(self._rows)
        for field, after in zip(self._fields, self._fields[1:], strict=False):
            # Whole lines one after the other (a path of one index); a table's rows are read above.
            if len(field.path) != 1 or after.path != (field.path[0] + 1,):  # type: ignore[operator]
                continue
            line, following = str(field.value), str(after.value)
            if _WRAPS.search(line) and _WRAPPED.match(following) and field.slot not in declared:
                first = line.rstrip("\r\n")
                second = following.rstrip("\r\n")
                text = f"{first} {second}"
                pieces = ((field.slot, 0, len(first)), (after.slot, len(first) + 1, len(text)))
                out.append(JoinedText(text, pieces))
        return out

    def render(self, replacements: Mapping[int, Replacement]) -> str:
        lines = list(self._lines)
        # Right to left within a line, so each cell's place is where it was read.
        for slot in sorted(replacements, key=lambda s: self._places[s][1], reverse=True):
            new = replacements[slot]
            i, start, end = self._places[slot]
            lines[i] = lines[i][:start] + ("" if new is DROPPED or new is None else str(new)) + lines[i][end:]
        return "".join(lines)


def parse(text: str, limits: Limits) -> TextDocument:
    return TextDocument(text, limits)
