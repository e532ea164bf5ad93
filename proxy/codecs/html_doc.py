"""HTML: text nodes, attribute values, script and style contents, comments — all exposed as fields.

A small linear tokenizer rather than a DOM: we only need to find every run of text a browser could
show or a script could read, and put masked text back at the same place, escaped. Raw-text elements
(script, style) end only at their own closing tag; RCDATA elements (textarea, title) too, but their
character references are decoded, as browsers do.
"""

from __future__ import annotations

import html
import re
from collections.abc import Container, Mapping

from proxy.codecs import JoinedText, Limits, pieces_of_values, words
from proxy.errors import BodyTooLarge
from proxy.markup import LINE_BREAKING
from proxy.model import DROPPED, Replacement, TextField

# A tag runs to the first '>' outside quotes; quoted values may contain '>'. The alternatives start
# with different characters, so matching stays linear.
# A quote opens a quoted value only right after `=` (spaces aside), as in browsers: `<b x"><p>…` is
# a tag `<b x">` and then text, not one tag running to the next quote.
_TAG = re.compile(r"""</?[A-Za-z](?:[^>"'=]|=\s*"[^"]*"|=\s*'[^']*'|[="'])*>?""")
# A doctype, `<!…>`, `<?…>` and `</` without a name: browsers end them at the first '>', quotes or
# not (what follows is text).
_BOGUS_COMMENT = re.compile(r"<(?:!|\?|/(?=[^A-Za-z]))[^>]*>?")
# CDATA is text in SVG, MathML and XHTML, running to `]]>` (in plain HTML a bogus comment: read as
# text there too, which only joins more).
_CDATA_OPEN, _CDATA_CLOSE = "<![CDATA[", "]]>"
# `<!-->` and `<!--->` close at once; otherwise the first `-->` or `--!>` does (HTML tokenizer: comment
# start, comment start dash and comment end bang states).
_ABRUPT_COMMENT_END = re.compile(r"-?>")
_COMMENT_END = re.compile(r"--!?>")
_TEXT = re.compile(r"[^<]+")
# An attribute, its value optional (`<input disabled value="x">`).
_ATTR = re.compile(r"""([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
# Attribute names no recognizer can find anything in (letters only: the DOM lower-cases them):
# not worth a field each.
_PLAIN_NAME = re.compile(r"[A-Za-z-]+")
_LETTERS_ONLY = re.compile(r"[A-Za-z\s]*")
# Attributes are read after the plain part of a name: the rest of an odd one (`<p.jane@example.com>`)
# is read as an attribute name, so it is scanned too.
_TAG_NAME = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*")
# The element itself: browsers read its name up to whitespace, '/' or '>', so `<p.x>` is an unknown
# element, not a paragraph, and `<script.x>` holds markup, not a script.
_ELEMENT = re.compile(r"</?([A-Za-z][^\s/>]*)")
# Elements browsers never see open (nothing closes them) and elements a start tag of which they
# ignore where it is misplaced: a block tag they ignore does not end a line (`<span>jane.doe</div>@…`
# reads as one, as does a `<td>` outside a table).
_VOID = frozenset(
    ("area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param", "source",
     "track", "wbr")
)  # fmt: skip
_DOCUMENT = frozenset(("html", "head", "body"))  # one of each, open already: later tags are ignored
_TABLE_PARTS = frozenset(("caption", "col", "colgroup", "tbody", "td", "tfoot", "th", "thead", "tr"))
_ALWAYS_BREAKING_END = frozenset(("p", "br"))  # `</p>` alone makes an empty paragraph, `</br>` a <br>
# A line ending in a digit, and the next starting with one: maybe one number wrapped.
_WRAPS = re.compile(r"[0-9][ \t\r\n]*$")
_WRAPPED = re.compile(r"[ \t\r\n]*[0-9]")
_RAW_TEXT = ("script", "style", "xmp", "noscript")
_RCDATA = ("textarea", "title")
_LABEL_CHARS = 40
_DIGIT = re.compile(r"\d")
_SHOWN_VALUE = re.compile(r"""\svalue\s*=\s*(?:"[^"]|'[^']|[^\s"'>])""", re.IGNORECASE)
_HIDDEN = re.compile(r"""\stype\s*=\s*["']?hidden""", re.IGNORECASE)
# The headers of a key-value table ("Field | Value"): what names each value is the cell before it.
_KEY_VALUE_HEADERS = frozenset(
    (
        *("value", "values", "val", "wert", "valor", "valeur", "waarde", "valore", "data", "details"),
        *("answer", "field", "key", "attribute", "property", "label", "feld", "campo", "champ", "item"),
    )
)
_CONTEXT_ATTRS = ("class", "id", "name", "data-field", "itemprop", "aria-label", "for")


class HtmlDocument:
    """A tokenized HTML body. Slots point at character ranges of the original text."""

    def __init__(self, text: str, limits: Limits) -> None:
        self._text = text
        self._limits = limits
        self._fields: list[TextField] = []
        self._ranges: list[tuple[int, int, bool]] = []  # (start, end, raw: no entity escaping)
        self._joined: list[JoinedText] = []
        self._line: list[tuple[int | None, str]] = []  # text nodes read as one line so far
        self._open: list[str] = []  # elements open, innermost last
        self._open_count: dict[str, int] = {}
        # Values a reader sees side by side as one (a card's groups in the cells of a table row, an
        # SSN in three input boxes): fields under a made-up parent per row or line of inputs.
        self._side_by_side: list[TextField] = []
        self._line_before: JoinedText | None = None  # the last line, for a number wrapped over two
        self._row = self._inputs = 0
        self._tables: list[_Table] = []  # tables open, innermost last
        self._read()

    def _read(self) -> None:
        text = self._text
        lowered = text.lower()
        context: tuple[str, ...] = ()
        label: tuple[str, ...] = ()
        pos = 0
        while pos < len(text):
            # Comments are not shown: they neither end the line nor join it.
            if text.startswith("<!--", pos):
                pos = self._comment(pos)
                continue
            if text.startswith(_CDATA_OPEN, pos):
                pos = self._cdata(pos, label + context)
                continue
            bogus = _BOGUS_COMMENT.match(text, pos)
            if bogus:
                self._bogus_comment(bogus.group(), pos)
                pos = bogus.end()
                continue
            tag = _TAG.match(text, pos)
            if tag is None:
                run = _TEXT.match(text, pos + 1 if text[pos] == "<" else pos)
                end = run.end() if run else pos + 1
                label = self._text_node(pos, end, label, context)
                pos = end
                continue
            token = tag.group()
            # The context of a naming tag holds for the text inside it, not for the rest of the page.
            element = _element(token)
            self._track_table(element, token.startswith("</"))
            named_by = self._column("") + label
            context = () if token.startswith("</") else self._tag(token, pos, element, named_by) or context
            if element == "input" and _SHOWN_VALUE.search(token) and not _HIDDEN.search(token):
                label = ()  # a label names the field after it: not the text after that field
            pos = tag.end()
            closing = token.startswith("</")
            if self._breaks_line(element, closing):
                self._end_line()
            if closing:
                continue
            if element == "plaintext":
                # Browsers show everything after it as text, tags included, to the end of the page.
                if text[pos:].strip():
                    self._add(pos, len(text), text[pos:], context, raw=True)
                break
            if element in _RAW_TEXT or element in _RCDATA:
                end = lowered.find(f"</{element}", pos)
                end = len(text) if end == -1 else end
                content = text[pos:end]
                if content.strip():
                    raw = element in _RAW_TEXT
                    self._add(pos, end, content if raw else html.unescape(content), context, raw=raw)
                pos = end
        self._end_line()

    def _track_table(self, element: str, closing: bool) -> None:
        """Which table, row and cell the tokens that follow are in."""
        if element == "table":
            if closing:
                if self._tables:
                    self._tables.pop()
            else:
                self._tables.append(_Table())
        elif self._tables and not closing:
            table = self._tables[-1]
            if element == "tr":
                table.column, table.cell, table.rows = -1, "", table.rows + 1
            elif element in ("td", "th"):
                table.column += 1
                table.cell = element

    def _column(self, text: str) -> tuple[str, ...]:
        """The words of the header naming the cell a text is in, in a table whose first row of
        header cells names its columns; () elsewhere. A header cell's own text is kept as its
        column's name (the first such row's only: `<th>` down the side labels rows, not columns)."""
        if not self._tables:
            return ()
        table = self._tables[-1]
        if table.cell == "th" and text.strip():
            if table.header_row != table.rows and len(table.headers) <= 1:
                # A row of one header cell (a title spanning the table) gives way to the next.
                table.header_row, table.headers = table.rows, []
            if table.header_row == table.rows:
                while len(table.headers) <= table.column:
                    table.headers.append(())
                table.headers[table.column] = (table.headers[table.column] + words(html.unescape(text)))[:8]
            return ()
        header = (
            table.headers[table.column]
            if table.cell == "td" and 0 <= table.column < len(table.headers)
            else ()
        )
        # "Field | Value": each value is named by the cell before it, as a list of labels is.
        return () if _KEY_VALUE_HEADERS.issuperset(header) else header

    def _breaks_line(self, element: str, closing: bool) -> bool:
        """Whether a tag ends the line, as browsers lay it out; keeps the open elements."""
        if closing:
            if not self._open_count.get(element):
                return element in _ALWAYS_BREAKING_END  # ignored: nothing of that name is open
            while self._open:  # closes what is open inside it too
                inner = self._open.pop()
                self._open_count[inner] -= 1
                if inner == element:
                    break
            return element in LINE_BREAKING and element not in _DOCUMENT
        ignored = (
            element in _DOCUMENT
            or (element in _TABLE_PARTS and not self._open_count.get("table"))
            or (element == "form" and bool(self._open_count.get("form")))
        )
        if element not in _VOID and not ignored:
            self._open.append(element)
            self._open_count[element] = self._open_count.get(element, 0) + 1
        if element == "tr" and not ignored:
            self._row += 1
        return element in LINE_BREAKING and not ignored

    def _cdata(self, pos: int, context: tuple[str, ...]) -> int:
        """A CDATA section at `pos`: its text is a text node of the line, as written. Returns where
        markup resumes; an unterminated one runs to the end of the input."""
        start = pos + len(_CDATA_OPEN)
        close = self._text.find(_CDATA_CLOSE, start)
        stop = len(self._text) if close < 0 else close
        if self._text[start:stop].strip():
            self._add(start, stop, self._text[start:stop], context, raw=True)
            self._line.append((len(self._fields) - 1, self._text[start:stop]))
        return stop if close < 0 else close + len(_CDATA_CLOSE)

    def _text_node(
        self, start: int, end: int, label: tuple[str, ...], context: tuple[str, ...]
    ) -> tuple[str, ...]:
        """A text node: a field, and part of the current line, named by its column's header and by
        the `label` before it. Returns the label for what follows."""
        chunk = self._text[start:end]
        column = self._column(chunk)
        if not chunk.strip():
            self._line.append((None, " "))
            return label
        value = html.unescape(chunk)
        self._add(start, end, value, column + label + context, raw=False)
        self._line.append((len(self._fields) - 1, value))
        if self._open_count.get("tr"):
            self._beside(("row", str(self._row)), value)
        # A short text without digits reads as the label of what follows
        # (<dt>Date of birth</dt><dd>…</dd>, <th>, <label>).
        return words(value) if len(value.strip()) <= _LABEL_CHARS and not _DIGIT.search(value) else ()

    def _beside(self, parent: tuple[str, str], value: str) -> None:
        """The field just added, as one of the values side by side under `parent`."""
        slot = len(self._fields) - 1
        self._side_by_side.append(TextField(slot, (*parent, slot), value, self._fields[slot].context))

    def _end_line(self) -> None:
        """A block boundary: the text nodes since the last one, if two or more, read as one; and a
        number wrapped onto this line from the one before (`4539 1488<br>0343 6467`), with it."""
        self._inputs += 1
        line, self._line = self._line, []
        pieces = []
        position = 0
        for slot, value in line:
            if slot is not None:
                pieces.append((slot, position, position + len(value)))
            position += len(value)
        text = "".join(value for _, value in line)
        if len(pieces) >= 2:
            self._joined.append(JoinedText(text, tuple(pieces)))
        if not pieces:
            return  # a boundary right after another (`</div><div>`) shows no line between
        before, self._line_before = self._line_before, JoinedText(text, tuple(pieces))
        if before is not None and _WRAPS.search(before.text) and _WRAPPED.match(text):
            shift = len(before.text) + 1
            moved = tuple((slot, start + shift, end + shift) for slot, start, end in pieces)
            # Only what a checksum confirms (a card, an IBAN): a line's last number and the next one's
            # first (a phone number and a timestamp) are too often two values.
            self._joined.append(
                JoinedText(f"{before.text} {text}", before.pieces + moved, checksummed_only=True)
            )

    def _comment(self, pos: int) -> int:
        """A comment opened at `pos`: its text, as written, is a field. Returns where markup resumes;
        an unterminated comment runs to the end of the input."""
        start = pos + 4
        abrupt = _ABRUPT_COMMENT_END.match(self._text, start)
        if abrupt:
            return abrupt.end()
        end = _COMMENT_END.search(self._text, start)  # one search for both ends: linear in comments
        stop = len(self._text) if end is None else end.start()
        if stop > start:
            self._add(start, stop, self._text[start:stop], (), raw=True)
        return len(self._text) if end is None else end.end()

    def _bogus_comment(self, token: str, offset: int) -> None:
        """A doctype, CDATA, `<!…>`, `<?…>` or `</…>` token: its inside, as written (the DOM keeps
        most as a comment)."""
        inner_end = len(token) - 1 if token.endswith(">") else len(token)
        if not _LETTERS_ONLY.fullmatch(token, 2, inner_end):  # `<!DOCTYPE html>` holds nothing
            self._add(offset + 2, offset + inner_end, token[2:inner_end], (), raw=False)

    def _tag(self, token: str, offset: int, element: str, label: tuple[str, ...]) -> tuple[str, ...]:
        """A start tag's attribute values as fields; returns the words its naming attributes give
        the text inside it. An input's value is named by the label before it too (`<td>Passport
        </td><td><input value="…">`), as a text node is."""
        attrs = []
        context: list[str] = []
        name_end = _TAG_NAME.match(token)
        for attr in _ATTR.finditer(token, name_end.end() if name_end else 1):
            if not _PLAIN_NAME.fullmatch(attr.group(1)):
                # A page's scripts and its source show attribute names too (`<div jane@example.com>`).
                self._add(offset + attr.start(1), offset + attr.end(1), attr.group(1), (), raw=False)
            group = next((g for g in (2, 3, 4) if attr.group(g) is not None), None)
            if group is None:
                continue
            name = attr.group(1).lower()
            attrs.append((name, group, attr))
            if name in _CONTEXT_ATTRS:
                context.extend(words(attr.group(group)))
        naming = tuple(context[:8])
        for name, group, attr in attrs:
            value = attr.group(group)
            if value:
                # `<input name="phone" value="…">`: the value is named by its element, too.
                start = offset + attr.start(group)
                readable = html.unescape(value)
                if name == "srcdoc":
                    readable = html.unescape(readable)  # a document of its own: its references too
                named_by = label + words(name) + naming if element == "input" else words(name) + naming
                self._add(start, start + len(value), readable, named_by, raw=False)
                if element == "input" and name == "value":
                    self._beside(("inputs", str(self._inputs)), readable)
        return naming

    def _add(self, start: int, end: int, value: str, context: tuple[str, ...], *, raw: bool) -> None:
        if len(self._fields) >= self._limits.max_fields:
            raise BodyTooLarge("too_many_fields")
        if len(value) > self._limits.max_string_chars:
            raise BodyTooLarge("string_too_long")
        self._fields.append(TextField(len(self._fields), (len(self._fields),), value, context))
        self._ranges.append((start, end, raw))

    @property
    def fields(self) -> list[TextField]:
        return self._fields

    @property
    def records_root(self) -> object:
        return None

    def joined(self, declared: Container[int]) -> list[JoinedText]:
        # Text nodes read as lines, and the pieces of a value set side by side: no field rules
        # address either.
        return self._joined + pieces_of_values(self._side_by_side, declared)

    def render(self, replacements: Mapping[int, Replacement]) -> str:
        out: list[str] = []
        cursor = 0
        for slot in sorted(replacements, key=lambda s: self._ranges[s][0]):
            start, end, raw = self._ranges[slot]
            new = replacements[slot]
            text = "" if new is DROPPED or new is None else str(new)
            out.append(self._text[cursor:start])
            out.append(text if raw else html.escape(text, quote=True))
            cursor = end
        out.append(self._text[cursor:])
        return "".join(out)


class _Table:
    """A table being read: its header cells' words by column, and the cell being read."""

    def __init__(self) -> None:
        self.headers: list[tuple[str, ...]] = []
        self.column = -1
        self.cell = ""
        self.rows = 0
        self.header_row = 0  # the row whose header cells name the columns; 0: none yet


def _element(token: str) -> str:
    """The element a tag token names, lower-cased."""
    name = _ELEMENT.match(token)
    return name.group(1).lower() if name else ""


def parse(text: str, limits: Limits) -> HtmlDocument:
    return HtmlDocument(text, limits)
