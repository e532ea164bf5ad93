"""Bytes ↔ text for the charsets browsers decode, and nothing else.

A body Scrim cannot decode exactly as the browser would is withheld: a UTF-16 byte-order mark, for
example, makes browsers ignore the declared charset, so it would hide data from a UTF-8 scan.
"""

from __future__ import annotations

import codecs
import re

from proxy.errors import Undecodable

_ALIASES = {
    "utf-8": "utf-8",
    "utf8": "utf-8",
    "us-ascii": "utf-8",  # ASCII is a subset; browsers treat it as windows-1252, same for ASCII bytes
    "ascii": "utf-8",
    "iso-8859-1": "windows-1252",  # the WHATWG Encoding Standard maps latin1 labels to windows-1252
    "latin1": "windows-1252",
    "latin-1": "windows-1252",
    "windows-1252": "windows-1252",
    "cp1252": "windows-1252",
}
_FOREIGN_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def _unassigned_as_c1(err: UnicodeError) -> tuple[str, int]:
    # Five windows-1252 bytes are unassigned; browsers map each to the C1 control of the same value.
    assert isinstance(err, UnicodeDecodeError)
    return "".join(chr(b) for b in err.object[err.start : err.end]), err.end


def _c1_as_bytes(err: UnicodeError) -> tuple[bytes, int]:
    assert isinstance(err, UnicodeEncodeError)
    chars = err.object[err.start : err.end]
    if all(0x80 <= ord(c) <= 0x9F for c in chars):
        return bytes(ord(c) for c in chars), err.end
    raise err


_C1 = "scrim-windows-1252-c1"
_C1_OUT = "scrim-windows-1252-c1-out"
codecs.register_error(_C1, _unassigned_as_c1)
codecs.register_error(_C1_OUT, _c1_as_bytes)


def parse_content_type(value: str) -> tuple[str, str | None]:
    """`Text/HTML; charset="UTF-8"` → ('text/html', 'utf-8'). Two charsets are refused
    (Undecodable): browsers take the first, other parsers the last. A parameter name is what
    follows the blanks after `;` up to `=`, as browsers read it: `charset = x` names no charset."""
    mime, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, val = param.partition("=")
        if key.lstrip().lower() == "charset":
            if charset is not None:
                raise Undecodable("unsupported_charset")
            charset = val.strip().strip('"').lower()
    return mime.strip().lower(), charset


# Where a browser looks for an HTML page's charset when the HTTP header names none: a <meta> in
# the first 1024 bytes (`<meta charset=…>` or the http-equiv form's `content="…; charset=…"`).
_META_PRESCAN_BYTES = 1024
_META_CHARSET = re.compile(rb"<meta\b[^>]*?charset\s*=\s*[\"']?\s*([^\s\"'>;/]*)", re.IGNORECASE)


def meta_charset(body: bytes) -> str | None:
    """The charset an HTML page declares for itself, if one; several that differ are refused."""
    found = {m.group(1).decode("latin-1").lower() for m in _META_CHARSET.finditer(body[:_META_PRESCAN_BYTES])}
    if len(found) > 1:
        raise Undecodable("unsupported_charset")
    return found.pop() if found else None


def is_utf8(charset: str) -> bool:
    """Whether a charset label names UTF-8 (or ASCII, which UTF-8 reads alike)."""
    return _ALIASES.get(charset) == "utf-8"


# An XML document's own encoding, in its declaration (XHTML: browsers never read a <meta> there).
_XML_DECLARATION = re.compile(rb"<\?xml\s[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]{1,40})[\"']")


def xml_charset(body: bytes) -> str | None:
    """The encoding an XML document declares at its very start, if one."""
    declared = _XML_DECLARATION.match(body.removeprefix(codecs.BOM_UTF8))
    return declared.group(1).decode("ascii").lower() if declared else None


def decode(body: bytes, charset: str | None, html: bool = False) -> tuple[str, str]:
    """Decode `body`; returns (text, codec name to encode it back). Raises Undecodable.

    `html`: without a charset from HTTP, the page's own <meta> charset applies, as in browsers.
    Escape bytes are refused everywhere: ISO-2022 encodings switch character sets with them, and
    a browser honouring one would join what a UTF-8 scan reads as separate pieces."""
    if body.startswith(_FOREIGN_BOMS) or b"\x1b" in body:
        raise Undecodable("unsupported_charset")
    if html and charset is None:
        charset = meta_charset(body)
    if body.startswith(codecs.BOM_UTF8):
        # Browsers let a UTF-8 BOM override the declared charset; do the same.
        charset = "utf-8-sig"
    name = "utf-8-sig" if charset == "utf-8-sig" else _ALIASES.get(charset or "utf-8")
    if name is None:
        raise Undecodable("unsupported_charset")
    try:
        return body.decode(name, errors=_C1 if name == "windows-1252" else "strict"), name
    except UnicodeDecodeError as err:
        raise Undecodable("invalid_charset_bytes") from err


def encode(text: str, name: str) -> bytes:
    """Encode masked text back with the codec the body came in."""
    try:
        return text.encode(name, errors=_C1_OUT if name == "windows-1252" else "strict")
    except UnicodeEncodeError:
        # A mask marker outside the charset: numeric references are safe in HTML/XML, and JSON/CSV
        # masks are ASCII, so this only substitutes characters we introduced.
        return text.encode(name, errors="xmlcharrefreplace")
