"""Response headers as fields: Location, Set-Cookie, Link, Content-Disposition and custom headers
can all carry customer data (a redirect to `/users?email=…`), so they are scanned like body text.

Values are percent-decoded (and RFC 2047 encoded words decoded) before detection so an encoded e-mail
is still an e-mail; a masked value is written back percent-encoded outside printable ASCII.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Mapping, Sequence
from urllib.parse import quote, unquote

from proxy.codecs import words
from proxy.model import DROPPED, Replacement, TextField

# Headers whose values are protocol metadata, left unscanned only while they look like it: ASCII
# tokens, quoted tokens, URLs without '@', numbers shorter than any identifier, or an HTTP date.
# Skipping them saves a detection pass on nearly every response; anything else in them (an e-mail in
# a Content-Type parameter or an ETag, a phone number as an Age) is scanned like any other header.
_METADATA = frozenset(
    {
        "content-type", "content-length", "content-encoding", "transfer-encoding", "date", "server",
        "etag", "cache-control", "vary", "connection", "keep-alive", "expires", "last-modified",
        "age", "accept-ranges", "strict-transport-security", "x-content-type-options",
        "x-frame-options", "content-security-policy", "referrer-policy", "pragma", "alt-svc",
        "access-control-allow-origin", "access-control-allow-credentials",
        "access-control-allow-methods", "access-control-allow-headers", "access-control-max-age",
        "access-control-expose-headers", "permissions-policy", "x-xss-protection",
    }
)  # fmt: skip
_HTTP_DATE = re.compile(r"[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT")
# No '%' (detection sees the value decoded, so any escape may hide an '@' or a digit), no '@', and
# nothing outside ASCII (full-width or Arabic-Indic digits are still a phone number).
_PLAIN_METADATA = re.compile(r"[A-Za-z0-9!#$&'*+.^_`|~/=;:,()\[\]\"<> ?-]*")
# Five digits in all, however a person groups them (415-555-0134, 4539 1488 0343 6467, (415) 555.0134,
# 415+555+0134 in a query), may be a phone, card or account number. Only an ungrouped cache lifetime
# (max-age=31536000) is excepted.
_LONG_NUMBER = re.compile(r"(?<!age=)(?<!\d)\d(?:[ .,+_/()\[\]-]*\d){4}", re.ASCII)
_ENCODED_WORD_START = "=?"  # an RFC 2047 encoded word writes '@' as '=40'
# A run that may be base64 (or any encoding of a value), digits among its letters: detection
# decodes it, so it is scanned. (Words run together, `application/json`, have no digit.)
_ENCODED_RUN = re.compile(r"(?=[A-Za-z+/_-]{0,64}[0-9])[A-Za-z0-9+/_-]{12,}")
# A header name with a digit or an '@' may be a value (`X-536-22-1234: 1`): scanned, and the header
# dropped if it is one (a name cannot be masked in place).
_NAME_WORTH_SCANNING = re.compile(r"[0-9@]")


def _plainly_metadata(name: str, value: str) -> bool:
    if name not in _METADATA:
        return False
    if _HTTP_DATE.fullmatch(value):
        return True
    return (
        _PLAIN_METADATA.fullmatch(value) is not None
        and _ENCODED_WORD_START not in value
        and _LONG_NUMBER.search(value) is None
        and _ENCODED_RUN.search(value) is None
    )


_SAFE = "!\"#$&'()*+,-./:;<=>?@[\\]^_`{|}~ %"
# Escapes of URL delimiters stay escaped: decoding them would change what the URL means (`a%26b` is
# one query value, `a&b` two). Everything else is decoded so `jane%40example.com` is an e-mail.
_DELIMITER_ESCAPE = re.compile(r"(%(?:2[56BbCcFf]|3[ABDFabdf]|23|3[Dd]))")


# RFC 2047 encoded words (`=?UTF-8?Q?jane.doe=40example.com?=`), as mail-minded servers write
# non-ASCII header values; a client that shows the header decodes them.
_ENCODED_WORD = re.compile(r"=\?([A-Za-z0-9_.:-]{1,40})\?([QqBb])\?([^?\s]{0,4096})\?=")


def _decoded_word(match: re.Match[str]) -> str:
    charset, kind, data = match.groups()
    try:
        if kind in "Qq":
            raw = binascii.a2b_qp(data.replace("_", " "), header=True)
        else:
            raw = base64.b64decode(data + "=" * (-len(data) % 4))
        return raw.decode(charset, errors="replace")
    except (LookupError, ValueError, binascii.Error):
        return match.group()  # an unknown charset or broken data: scanned as it is


def _as_read(value: str) -> str:
    """The value as a client reads it. Header bytes arrive here as latin-1 characters; clients
    decode UTF-8 where the bytes are UTF-8, and a full-width SSN must not reach detection as
    mojibake."""
    if value.isascii():
        return value
    try:
        return value.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return value


def _decode(value: str) -> str:
    value = _as_read(value)
    value = _ENCODED_WORD.sub(_decoded_word, value) if "=?" in value else value
    parts = _DELIMITER_ESCAPE.split(value)
    return "".join(p if i % 2 else unquote(p) for i, p in enumerate(parts))


class HeaderDocument:
    """The scannable response headers of one response."""

    def __init__(self, headers: Sequence[tuple[str, str]]) -> None:
        self._headers = list(headers)
        self._fields: list[TextField] = []
        self._index: list[int] = []
        self._names: set[int] = set()  # slots of header names
        for i, (name, value) in enumerate(self._headers):
            if _NAME_WORTH_SCANNING.search(name):
                self._names.add(len(self._fields))
                self._fields.append(TextField(len(self._fields), (name.lower(), "#name"), _decode(name)))
                self._index.append(i)
            if not value or _plainly_metadata(name.lower(), value):
                continue
            self._fields.append(TextField(len(self._fields), (name.lower(),), _decode(value), words(name)))
            self._index.append(i)

    @property
    def fields(self) -> list[TextField]:
        return self._fields

    def render(self, replacements: Mapping[int, Replacement]) -> list[tuple[str, str]]:
        headers: list[tuple[str, str] | None] = list(self._headers)
        for slot, new in replacements.items():
            name, _ = self._headers[self._index[slot]]
            if new is DROPPED or new is None or slot in self._names:
                headers[self._index[slot]] = None
            else:
                headers[self._index[slot]] = (name, quote(str(new), safe=_SAFE))
        return [h for h in headers if h is not None]
