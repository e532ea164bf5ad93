"""Bytes ↔ text for the charsets browsers decode, and nothing else.

A body Scrim cannot decode exactly as the browser would is withheld: a UTF-16 byte-order mark, for
example, makes browsers ignore the declared charset, so it would hide data from a UTF-8 scan.
"""

from __future__ import annotations

import codecs

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


def parse_content_type(value: str) -> tuple[str, str | None]:
    """`Text/HTML; charset="UTF-8"` → ('text/html', 'utf-8')."""
    mime, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, val = param.partition("=")
        if key.strip().lower() == "charset":
            charset = val.strip().strip('"').lower()
    return mime.strip().lower(), charset


def decode(body: bytes, charset: str | None) -> tuple[str, str]:
    """Decode `body`; returns (text, codec name to encode it back). Raises Undecodable."""
    if body.startswith(_FOREIGN_BOMS):
        raise Undecodable("unsupported_charset")
    if body.startswith(codecs.BOM_UTF8):
        # Browsers let a UTF-8 BOM override the declared charset; do the same.
        charset = "utf-8-sig"
    name = "utf-8-sig" if charset == "utf-8-sig" else _ALIASES.get(charset or "utf-8")
    if name is None:
        raise Undecodable("unsupported_charset")
    try:
        return body.decode(name), name
    except UnicodeDecodeError as err:
        if name != "windows-1252":
            raise Undecodable("invalid_charset_bytes") from err
        # Five windows-1252 bytes are unassigned; browsers map them to C1 controls like latin-1.
        return body.decode("latin-1"), "latin-1"


def encode(text: str, name: str) -> bytes:
    """Encode masked text back with the codec the body came in."""
    try:
        return text.encode(name)
    except UnicodeEncodeError:
        # A mask marker outside the charset: numeric references are safe in HTML/XML, and JSON/CSV
        # masks are ASCII, so this only substitutes characters we introduced.
        return text.encode(name, errors="xmlcharrefreplace")
