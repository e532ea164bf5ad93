"""Views of a string that detection reads instead of the string itself, each with the map back.

- `normalise`: what a reader sees (NFKC, invisible characters dropped, percent, JavaScript and CSS
  escapes decoded, HTML inside a string as rendered);
- `residual`: what is left for NER once explained spans are replaced and numbers zeroed;
- `base64_runs`: the text that runs of base64 (or hex) inside a string encode.

Detection finds spans in a view; the maps here turn them back into the original's positions.
"""

from __future__ import annotations

import base64
import binascii
import bisect
import html
import json
import re
import sys
import unicodedata
import zlib
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from proxy.markup import INLINE, LINE_BREAKING

# What replaces an explained span before NER: a lower-case word, so spaCy neither tags it nor takes
# it for part of a neighbouring name.
_PLACEHOLDER = "it"
_NUMBER = re.compile(r"\b\d+\b")  # whole numbers only: "9f86d0" stays a word to NER
# A percent-escape, escaped again up to three times (`%40`, `%2540`, `%252540`…).
_PERCENT = re.compile(r"%(?:25){0,3}([0-9A-Fa-f]{2})")
# JavaScript (`\u0040`, `\x40`, `\u{40}`) and CSS (`\40 `, `\000040`) escapes. Not JavaScript's legacy
# octal (`\100`): it reads the same digits as CSS does in hex, and CSS is where browsers still honour it.
_CODE_ESCAPE = re.compile(
    r"\\(?:u([0-9A-Fa-f]{4})|x([0-9A-Fa-f]{2})|u\{([0-9A-Fa-f]{1,6})\}|([0-9A-Fa-f]{2,6})[ \t\n]?)"
)
# HTML in a string (a ticket's `html_body`, a rendered comment): character references and tags.
_CHAR_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?")
# A tag, its attribute values quoted or not (a quoted one may hold `>`). Possessive: a `<` that
# starts no tag is looked past once, whatever follows.
_TAG = re.compile(
    r"""</?([A-Za-z][A-Za-z0-9:-]{0,31})(?=[\s/>])(?:[^<>"']++|"[^"]{0,4096}+"|'[^']{0,4096}+')*+>"""
)
_ABRUPT_COMMENT_END = re.compile(r"-?>")  # `<!-->` and `<!--->` close at once
_COMMENT_ENDS = ("-->", "--!>")
# What a browser shows nothing of inside a string besides comments: the bogus comments a processing
# instruction (`<?x?>`), an end tag without a name (`</ x>`) or a markup declaration (`<!x>`)
# make; and CDATA, whose text SVG, MathML and XHTML show (in plain HTML a bogus comment, where
# reading it as text only masks more). As (opening, closing), the longest opening first.
_CDATA = "<![CDATA["
_XML_DECLARATION = "<?xml"
# `<soap:Body>`, `</ns2:Name>`, and names in the case of data, not of HTML (`<PstlAdr>`, `<StrtNm>`)
# HTML's own elements as pages write them, in lower case: XML data elements share some names in
# their own case (`<Address>`, `<Title>`, `<Data>`) and must not turn XML back into HTML.
_HTML_TAG = re.compile(
    r"</?(?:" + "|".join(sorted(LINE_BREAKING | INLINE, key=len, reverse=True)) + r")(?=[\s/>])"
)
_XML_TAG = re.compile(r"</?(?:[A-Za-z][\w.-]{0,31}:[A-Za-z]|[A-Z][a-z]+[A-Z])")
_BOGUS_COMMENTS = ((_CDATA, "]]>"), ("<?", ">"), ("</", ">"), ("<!", ">"))
# Printable ASCII but what `normalise` looks at: escapes, tags, a colon after a quote.
_ESCAPABLE_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")  # CommonMark's
_PLAIN_RUN = re.compile(r"[ -$'-9;=-\[\]-~\t\n\r]+")
_PLAIN_ASCII = re.compile(r"[^%\\&<\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*")  # nothing normalise changes
# Default-ignorable code points that are not format characters (Cf): shown as nothing.
_IGNORABLE = frozenset(
    "\u034f\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180e\u180f\u3164\uffa0"
    + "".join(chr(c) for c in range(0xFE00, 0xFE10))
    + "".join(chr(c) for c in range(0xE0100, 0xE01F0))
)
# Cyrillic and Greek letters drawn like Latin ones (Unicode's confusables, the common ones).
_LOOKALIKES = {
    **dict(
        zip(
            "\u0430\u0435\u043e\u0440\u0441\u0443\u0445\u0456\u0458\u0455\u0501\u04bb\u04cf\u051b\u051d\u0410\u0412\u0415\u041a\u041c\u041d\u041e\u0420\u0421\u0422\u0425\u0406\u0408\u0405",
            "aeopcyxijsdhlqwABEKMHOPCTXIJS",
            strict=True,
        )
    ),
    **dict(
        zip(
            "\u03bf\u03b1\u03bd\u03c4\u03b9\u0391\u0392\u0395\u0396\u0397\u0399\u039a\u039c\u039d\u039f\u03a1\u03a4\u03a5\u03a7",
            "oavtiABEZHIKMNOPTYX",
            strict=True,
        )
    ),
}
# A run of base64 (standard or URL-safe) long enough to hold an identifier (12 characters: 9 bytes).
_BASE64_RUN = re.compile(r"(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{12,}={0,2}(?![A-Za-z0-9+/=_-])")
_MIN_DECODED = 6
_HEX = re.compile(r"[0-9a-fA-F]+")
_MAX_JSON_DEPTH = 32
# Printable stretches of decoded bytes that are not text as a whole: long enough to hold an e-mail
# address or a card number's groups, rare in random bytes (about 1 in 3,000 positions).
_STRETCH = re.compile(r"[^\x00-\x08\x0b-\x1f\x7f-\x9f\ufffd]{8,}")
STRETCH_BREAK = "\x00"  # between stretches: no pattern crosses it, and NER does not read them
_MAX_INFLATED = 64 * 1024


def base64_runs(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, decoded text) of every base64 run in `text` that encodes text; encoded JSON
    (token payloads, cursors) comes as `key: value` lines, so a key reads as the value's label."""
    for run in _BASE64_RUN.finditer(text):
        decoded = decoded_text(run.group())
        if decoded is not None:
            yield run.start(), run.end(), _json_as_lines(decoded)


def _json_as_lines(text: str) -> str:
    if not text.lstrip().startswith(("{", "[")):
        return text
    try:
        tree = json.loads(text)
    except (ValueError, RecursionError):
        return text
    lines: list[str] = []

    def walk(node: object, key: str, depth: int) -> None:
        if depth > _MAX_JSON_DEPTH:
            raise ValueError("too deep")
        if isinstance(node, dict):
            for name, value in node.items():
                walk(value, str(name), depth + 1)
        elif isinstance(node, list):
            for value in node:
                walk(value, key, depth + 1)
        else:
            lines.append(f"{key}: {node}" if key else str(node))

    try:
        walk(tree, "", 0)
    except ValueError:
        return text  # scanned as it is
    return "\n".join(lines)


def decoded_text(run: str, nested: bool = False) -> str | None:
    """The text a base64 or hex run encodes, or None when it encodes no text (hex ids and hashes
    must be printable UTF-8 as a whole). Base64 of bytes that are not all text (a protobuf cursor,
    a binary prefix, Latin-1, a gzip member) gives its printable stretches, each after a
    STRETCH_BREAK; base64 of base64 gives both."""
    if len(run) % 2 == 0 and _HEX.fullmatch(run):
        # Read as hex only: base64 of text is almost never all hex digits (its capitals show).
        try:
            hex_text = bytes.fromhex(run).decode("utf-8")
        except UnicodeDecodeError:
            return None
        return hex_text if len(hex_text) >= _MIN_DECODED and _printable(hex_text) else None
    body = run.rstrip("=")
    if len(body) % 4 == 1:
        return None
    padded = body + "=" * (-len(body) % 4)
    try:
        if "-" in body or "_" in body:
            raw = base64.urlsafe_b64decode(padded)
        else:
            raw = base64.b64decode(padded, validate=True)
    except (binascii.Error, ValueError):
        return None
    text = _readable(_inflated(raw))
    if text is None or nested:
        return text
    inner = decoded_text(text, nested=True) if _BASE64_RUN.fullmatch(text) else None
    return text if inner is None else text + STRETCH_BREAK + inner


def _inflated(raw: bytes) -> bytes:
    """A gzip or zlib stream's first bytes (bounded), else the bytes themselves."""
    if raw[:2] == b"\x1f\x8b":
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    elif len(raw) >= 2 and raw[0] & 0x0F == 8 and (raw[0] << 8 | raw[1]) % 31 == 0:
        inflater = zlib.decompressobj()
    else:
        return raw
    try:
        return inflater.decompress(raw, _MAX_INFLATED)
    except zlib.error:
        return raw


def _readable(raw: bytes) -> str | None:
    """Bytes as text: all of it if it is printable, else its printable stretches."""
    encoding = "utf-16" if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8"
    text = raw.decode(encoding, errors="replace")
    if len(text) >= _MIN_DECODED and _printable(text):
        return text
    stretches = _STRETCH.findall(text)
    return "".join(STRETCH_BREAK + stretch for stretch in stretches) or None  # marked, even one


def _printable(text: str) -> bool:
    return "\ufffd" not in text and text.replace("\n", "").replace("\t", "").isprintable()


def _invisible(ch: str) -> bool:
    """Shown as nothing: format characters (zero-width joiners, bidi marks, soft hyphen), the other
    default-ignorable code points (variation selectors, Hangul fillers, U+034F) and controls."""
    if ch in "\t\n\r":
        return False
    return unicodedata.category(ch) in ("Cf", "Cc") or ch in _IGNORABLE


# Hyphens and minus signs of other code points, and bullets and middle dots, separate digits as
# `-` and `.` do. En and em dashes (Word and Outlook turn typed dashes into them) only between
# digits: elsewhere they are sentence punctuation, which the name cues read ("— theresa white").
# Ideographic full stops read as dots in an address (`jane.doe@gmail。com`).
_AS_ASCII = {
    "\u2212": "-", "\u2022": ".", "\u00b7": ".", "\u2027": ".", "\u2219": ".", "\u22c5": ".",
    "\u3002": ".", "\uff61": ".",
}  # fmt: skip
_SENTENCE_DASHES = frozenset("\u2013\u2014")


def _visible_form(ch: str) -> str:
    """NFKC, digits of any script as ASCII digits (NFKC keeps Arabic-Indic ones), hyphens as `-`,
    dots in the middle of the line as `.`, a lone surrogate as U+FFFD; ASCII as it is."""
    if ch.isascii():
        return ch
    digit = unicodedata.decimal(ch, None)
    if digit is not None:
        return str(digit)
    if ch in _AS_ASCII:
        return _AS_ASCII[ch]
    category = unicodedata.category(ch)
    if ch not in _SENTENCE_DASHES and category == "Pd":
        return "-"
    if category == "Cs":
        return "\ufffd"  # half a surrogate pair (`"\ud800"` in JSON): shown as a replacement
    return unicodedata.normalize("NFKC", ch)


def _between_digits(text: str, index: int) -> bool:
    """Whether text[index] has a digit on both sides, spaces aside ("4539 \\u2013 1488")."""
    before = text[max(0, index - 4) : index].rstrip(" \t")  # a few characters: linear on any input
    after = text[index + 1 : index + 5].lstrip(" \t")
    return bool(before) and bool(after) and before[-1].isdigit() and after[0].isdigit()


def normalise(text: str) -> tuple[str, list[tuple[int, int]] | None]:
    """What a reader would see: NFKC, invisible characters dropped, digits of every script as
    ASCII, printable ASCII percent-escapes decoded (`jane%40example.com`, also escaped again as
    in a URL nested in a URL: `%2540`), and in a word mixing Latin letters with Cyrillic or Greek
    look-alikes (`j\u0430ne`), the look-alikes as Latin. JavaScript and JSON escapes of printable
    characters are decoded (`jane.doe\\u0040example.com` in a script), and a quoted key's colon gets
    the space it has in a label (`{"ssn":"536…"}` reads as `"ssn": "536…"`). Returns the text and,
    when it differs, the original [start, end) of every normalised character so spans can be
    mapped back."""
    if text.isascii() and _PLAIN_ASCII.fullmatch(text) and '":' not in text and "':" not in text:
        return text, None
    out: list[str] = []
    origin: list[tuple[int, int]] = []
    hidden: list[tuple[int, int]] = []  # markup a reader never sees but a page still holds
    closings: dict[str, int] = {}  # where each comment closing was last found
    # An XML document (a SOAP payload kept in a JSON string): its elements are fields, each a value
    # of its own, not markup laid out as text: every tag ends what comes before it. Not HTML with
    # an odd tag in it (Outlook's `<o:p>`): there inline tags still join what they split.
    xml = text.startswith(_XML_DECLARATION) or (
        _XML_TAG.search(text) is not None and _HTML_TAG.search(text) is None
    )
    index = 0
    while index < len(text):
        # Runs of printable ASCII that nothing below changes are copied whole: long free text is
        # mostly that, and a character at a time costs ~0.4 µs.
        plain = _PLAIN_RUN.match(text, index)
        if plain is not None:
            end = plain.end()
            out.extend(text[index:end])
            origin.extend(zip(range(index, end), range(index + 1, end + 1), strict=True))
            index = end
            continue
        ch = text[index]
        markup = _markup(text, index, closings, xml) if ch == "<" else None
        if markup is not None:
            out.extend(markup.shown)
            origin.extend([(index, markup.end)] * (len(markup.shown) - len(markup.label)))
            origin.extend([(markup.end, markup.end)] * len(markup.label))
            if markup.inline is not None:
                _append_normalised(text, *markup.inline, out, origin)
            hidden += markup.hidden
            index = markup.end
            continue
        decoded = _escaped(text, index) if ch in "%\\&" else None
        if decoded is not None:
            piece, end = decoded
            out.extend(piece)
            origin.extend([(index, end)] * len(piece))
            index = end
            continue
        index += 1
        if ch == ":" and out and out[-1] in "\"'" and index < len(text) and not text[index].isspace():
            out.extend(": ")
            origin.extend([(index - 1, index)] * 2)
            continue
        if _invisible(ch) or (unicodedata.category(ch) == "Mn" and out and out[-1].isascii()):
            # A combining mark on an ASCII character (`5\u0362`, a card's digits underlined with
            # U+0332) decorates it: the reader still reads the digit.
            continue
        piece = "-" if ch in _SENTENCE_DASHES and _between_digits(text, index - 1) else _visible_form(ch)
        out.extend(piece)
        origin.extend([(index - 1, index)] * len(piece))
    _append_hidden(text, hidden, out, origin)
    _unmix_scripts(out)
    normalised = "".join(out)
    return normalised, (origin if normalised != text else None)


def _append_normalised(
    text: str, start: int, end: int, out: list[str], origin: list[tuple[int, int]]
) -> None:
    """In place: text[start:end] normalised, each character mapped back into the original."""
    inner, inner_origin = normalise(text[start:end])
    out.extend(inner)
    if inner_origin is None:
        origin.extend(zip(range(start, end), range(start + 1, end + 1), strict=True))
    else:
        origin.extend((start + a, start + b) for a, b in inner_origin)


# Between the text and what its markup hides: a blank line, which no pattern's gap spans (a card's
# groups may be a line apart, not two).
_HIDDEN_BREAK = "\n\n"


def _append_hidden(
    text: str, hidden: Sequence[tuple[int, int]], out: list[str], origin: list[tuple[int, int]]
) -> None:
    """In place: the `hidden` stretches of `text` (tags' insides, comments: `<a href="mailto:…">`,
    `title="SSN …"`), normalised, each after a blank line, after the text. What they hold is as
    much the page's as what it shows."""
    for start, end in hidden:
        out.extend(_HIDDEN_BREAK)
        origin.extend([(start, start + 1)] * len(_HIDDEN_BREAK))
        _append_normalised(text, start, end, out, origin)


class _Markup(NamedTuple):
    shown: str  # what a browser shows in its place: nothing, or a line break
    end: int
    hidden: list[tuple[int, int]]  # what it holds but does not show
    inline: tuple[int, int] | None = None  # text it shows as it is (CDATA), read normalised
    # The end of `shown` that is a label made up for it (an XML element's name): found in no
    # span of the original, it maps to the empty stretch after the tag.
    label: str = ""


def _xml_label(tag: str, name: str) -> str:
    """An XML element's opening tag as a reader of the data sees it: its field's label (after the
    line break every XML tag is: `<BirthDate>` reads "BirthDate: ")."""
    if tag.startswith("</") or tag.endswith("/>"):
        return ""
    return f"{name.rpartition(':')[2]}: "


def _markup(text: str, index: int, closings: dict[str, int], xml: bool = False) -> _Markup | None:
    """HTML markup at text[index], or None if none. `closings`: where each closing was found for an
    earlier index of the same text, or -1 (none after it): the first after that index is the
    first after this one too, if not before it, so a text of many openings is searched once, not
    once per opening."""
    tag = _TAG.match(text, index)
    if tag is not None:
        inside = (tag.end(1), tag.end() - 1)  # names too: `<p jane.doe@example.com>`
        label = _xml_label(tag.group(), tag.group(1)) if xml else ""
        return _Markup(
            "\n" + label if xml or tag.group(1).lower() in LINE_BREAKING else "",
            tag.end(),
            [inside] if inside[1] > inside[0] else [],
            label=label,
        )
    if text.startswith("<!--", index):
        start = index + 4
        abrupt = _ABRUPT_COMMENT_END.match(text, start)  # `<!-->`, `<!--->`: closed at once
        if abrupt is not None:
            return _Markup("", abrupt.end(), [])
        ends = [(_first(text, closing, start, closings), closing) for closing in _COMMENT_ENDS]
        found = [(close, closing) for close, closing in ends if close >= 0]
        if not found:
            return None  # unclosed: a browser hides the rest, detection reads it as written
        close, closing = min(found)
        return _Markup("", close + len(closing), [(start, close)] if close > start else [])
    opening, closing = next(((o, c) for o, c in _BOGUS_COMMENTS if text.startswith(o, index)), ("", ""))
    if not opening:
        return None
    start = index + len(opening)
    close = _first(text, closing, start, closings)
    if close < 0:
        return None
    if opening == _CDATA:
        return _Markup("", close + len(closing), [], (start, close))
    return _Markup("", close + len(closing), [(start, close)] if close > start else [])


def _first(text: str, closing: str, start: int, closings: dict[str, int]) -> int:
    """Where `closing` is first found from `start` on, or -1; remembered in `closings`."""
    close = closings.get(closing)
    if close is None or 0 <= close < start:
        close = closings[closing] = text.find(closing, start)
    return close


def _escaped(text: str, index: int) -> tuple[str, int] | None:
    """The character a percent-escape (printable ASCII only), a JavaScript escape or an HTML
    character reference (any printable character) at text[index] stands for, as a reader sees it,
    and where the escape ends."""
    if text[index] == "&":
        reference = _CHAR_REFERENCE.match(text, index)
        if reference is None:
            return None
        decoded = html.unescape(reference.group())
        if decoded == reference.group():
            return None  # not a reference HTML knows: the text as written
        shown = "".join("" if _invisible(ch) else _visible_form(ch) for ch in decoded)
        return shown, reference.end()
    if text[index] == "%":
        escape = _PERCENT.match(text, index)
        if escape is None or not 0x20 <= int(escape.group(1), 16) < 0x7F:
            return None
        return chr(int(escape.group(1), 16)), escape.end()
    escape = _CODE_ESCAPE.match(text, index)
    if escape is None:
        # A Markdown (or shell, or regex) escape of punctuation shows the character itself:
        # `jane.doe\@gmail\.com` renders as the address.
        following = text[index + 1 : index + 2]
        return (following, index + 2) if following in _ESCAPABLE_PUNCTUATION else None
    code = int(next(g for g in escape.groups() if g is not None), 16)
    if code > sys.maxunicode:
        return None
    ch = chr(code)
    if _invisible(ch) or not (ch.isprintable() or ch.isspace()):
        return None
    return _visible_form(ch), escape.end()


def _unmix_scripts(chars: list[str]) -> None:
    """In place: Cyrillic and Greek look-alikes as Latin, in words that also hold Latin letters.
    A word all in one script is left alone (Russian text stays Russian for NER)."""
    if all(ch.isascii() for ch in chars):
        return
    start = 0
    for end in [*(i for i, ch in enumerate(chars) if ch.isspace()), len(chars)]:
        word = range(start, end)
        if any(chars[i] in _LOOKALIKES for i in word) and any(
            chars[i].isascii() and chars[i].isalpha() for i in word
        ):
            for i in word:
                chars[i] = _LOOKALIKES.get(chars[i], chars[i])
        start = end + 1


def residual(text: str, explained: Sequence[tuple[int, int]]) -> tuple[str, list[tuple[int, int, int]]]:
    """The text with explained spans replaced by a neutral word, and the map back: for each piece of
    the residual, (residual start, original start, original end of a replaced span or -1)."""
    pieces: list[str] = []
    segments: list[tuple[int, int, int]] = []
    cursor = length = 0
    for start, end in _merged(explained):
        pieces.append(text[cursor:start])
        segments.append((length, cursor, -1))
        length += start - cursor
        pieces.append(_PLACEHOLDER)
        segments.append((length, start, end))
        length += len(_PLACEHOLDER)
        cursor = end
    pieces.append(text[cursor:])
    segments.append((length, cursor, -1))
    # A number never belongs to a name or a place we keep, and "card ending 9892" is the same
    # sentence to NER as "card ending 0000": one cached result serves both.
    return _NUMBER.sub(lambda m: "0" * len(m.group()), "".join(pieces)), segments


def _merged(spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping or touching spans as one."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def to_original(segments: list[tuple[int, int, int]], start: int, end: int) -> tuple[int, int]:
    """Map a residual [start, end) back; a span touching a placeholder covers the whole original."""
    starts = [s[0] for s in segments]

    def edge(position: int, is_end: bool) -> int:
        i = bisect.bisect_right(starts, position - (1 if is_end else 0)) - 1
        residual_start, original_start, original_end = segments[i]
        if original_end >= 0:  # inside a placeholder
            return original_end if is_end else original_start
        return original_start + position - residual_start

    return edge(start, False), edge(end, True)


def without_edge_blanks(text: str, start: int, end: int) -> tuple[int, int]:
    """`text[start:end]` without the blanks at its edges: layout, not the value. spaCy sometimes
    takes in the line break after a name, and the first-name mask swallowed it, joining the next
    line onto the name."""
    while end > start and text[end - 1].isspace():
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return start, end
