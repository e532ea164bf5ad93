"""proxy/codecs/charset.py: bytes ↔ text only for charsets decoded exactly as a browser does."""

from __future__ import annotations

import codecs

import pytest

from proxy.codecs.charset import decode, encode, parse_content_type, xml_charset
from proxy.errors import Undecodable

# --------------------------------------------------------------------------------------------
# parse_content_type
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        # no parameters
        ("application/json", ("application/json", None)),
        ("", ("", None)),
        ("  text/csv  ", ("text/csv", None)),
        # case of type, parameter name and value
        ('Text/HTML; charset="UTF-8"', ("text/html", "utf-8")),
        ("APPLICATION/JSON; CHARSET=Utf-8", ("application/json", "utf-8")),
        ("text/html; Charset= ISO-8859-1 ", ("text/html", "iso-8859-1")),
        # a blank before `=` makes another parameter's name, as browsers read it: no charset
        ("text/html; charset = iso-8859-1", ("text/html", None)),
        # spacing and no spacing
        ("application/json;charset=utf-8", ("application/json", "utf-8")),
        ("text/plain ;  charset=us-ascii", ("text/plain", "us-ascii")),
        # other parameters before and after
        ("text/html; foo=bar; charset=windows-1252", ("text/html", "windows-1252")),
        ("text/csv; charset=utf-8; header=present", ("text/csv", "utf-8")),
        ("multipart/mixed; boundary=abc", ("multipart/mixed", None)),
        # a parameter without a value
        ("text/plain; charset", ("text/plain", "")),
        ("text/plain; charset=", ("text/plain", "")),
    ],
)
def test_parse_content_type(header: str, expected: tuple[str, str | None]) -> None:
    assert parse_content_type(header) == expected


# --------------------------------------------------------------------------------------------
# decode: accepted charsets
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "charset", "text", "name"),
    [
        # UTF-8, declared or by default
        ("Zoë Ångström ☎ 555".encode(), "utf-8", "Zoë Ångström ☎ 555", "utf-8"),
        ("Zoë".encode(), "utf8", "Zoë", "utf-8"),
        ("Zoë".encode(), None, "Zoë", "utf-8"),
        ("Zoë".encode(), "", "Zoë", "utf-8"),
        (b"", None, "", "utf-8"),
        # ASCII labels: ASCII bytes decode the same under UTF-8
        (b"jane@example.com", "us-ascii", "jane@example.com", "utf-8"),
        (b"jane@example.com", "ascii", "jane@example.com", "utf-8"),
        # latin-1 labels are windows-1252 (WHATWG Encoding Standard)
        (b"caf\xe9 \x80 \x93x\x94", "iso-8859-1", "café € “x”", "windows-1252"),
        (b"caf\xe9", "latin1", "café", "windows-1252"),
        (b"caf\xe9", "latin-1", "café", "windows-1252"),
        (b"caf\xe9 \x80", "windows-1252", "café €", "windows-1252"),
        (b"caf\xe9", "cp1252", "café", "windows-1252"),
    ],
)
def test_decode_accepted(body: bytes, charset: str | None, text: str, name: str) -> None:
    assert decode(body, charset) == (text, name)


@pytest.mark.parametrize("declared", [None, "utf-8", "iso-8859-1", "windows-1252", "us-ascii", "shift_jis"])
def test_utf8_bom_overrides_declared_charset(declared: str | None) -> None:
    body = codecs.BOM_UTF8 + "Zoë Doe".encode()
    assert decode(body, declared) == ("Zoë Doe", "utf-8-sig")


@pytest.mark.parametrize(
    "bom",
    [codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE],
    ids=["utf16le", "utf16be", "utf32le", "utf32be"],
)
@pytest.mark.parametrize("declared", [None, "utf-8", "windows-1252"])
def test_foreign_bom_is_refused(bom: bytes, declared: str | None) -> None:
    # Browsers follow the BOM, not the header: a UTF-8 scan would see NULs between the letters.
    body = bom + "jane@example.com".encode("utf-16-le")
    with pytest.raises(Undecodable) as info:
        decode(body, declared)
    assert info.value.reason == "unsupported_charset"


@pytest.mark.parametrize(
    "charset",
    [
        "shift_jis",
        "utf-7",
        "utf-16",
        "utf-16le",
        "utf-32",
        "iso-2022-jp",
        "euc-kr",
        "gb2312",
        "koi8-r",
        "'utf-8'",
    ],
)
def test_unknown_charset_is_refused(charset: str) -> None:
    with pytest.raises(Undecodable) as info:
        decode(b"jane@example.com", charset)
    assert info.value.reason == "unsupported_charset"


@pytest.mark.parametrize(
    ("body", "charset"),
    [
        # invalid UTF-8 sequences
        (b"jane\xff@example.com", "utf-8"),
        (b"truncated \xc3", None),
        (b"\xed\xa0\x80 surrogate", "utf-8"),
        (b"overlong \xc0\xaf", "utf-8"),
        # ASCII labels are decoded as UTF-8, so high bytes must still be valid UTF-8
        (b"caf\xe9", "us-ascii"),
        # invalid after a UTF-8 BOM
        (codecs.BOM_UTF8 + b"\xff", "windows-1252"),
    ],
)
def test_invalid_bytes_are_refused(body: bytes, charset: str | None) -> None:
    with pytest.raises(Undecodable) as info:
        decode(body, charset)
    assert info.value.reason == "invalid_charset_bytes"


# The five bytes windows-1252 leaves unassigned decode to C1 controls in browsers; every other byte
# keeps its windows-1252 meaning. This table is the WHATWG index, written out independently.
_WHATWG_1252_HIGH = {
    0x80: "\u20ac", 0x81: "\u0081", 0x82: "\u201a", 0x83: "\u0192", 0x84: "\u201e", 0x85: "\u2026",
    0x86: "\u2020", 0x87: "\u2021", 0x88: "\u02c6", 0x89: "\u2030", 0x8A: "\u0160", 0x8B: "\u2039",
    0x8C: "\u0152", 0x8D: "\u008d", 0x8E: "\u017d", 0x8F: "\u008f", 0x90: "\u0090", 0x91: "\u2018",
    0x92: "\u2019", 0x93: "\u201c", 0x94: "\u201d", 0x95: "\u2022", 0x96: "\u2013", 0x97: "\u2014",
    0x98: "\u02dc", 0x99: "\u2122", 0x9A: "\u0161", 0x9B: "\u203a", 0x9C: "\u0153", 0x9D: "\u009d",
    0x9E: "\u017e", 0x9F: "\u0178",
}  # fmt: skip


def _browser_1252(body: bytes) -> str:
    return "".join(_WHATWG_1252_HIGH.get(b, chr(b)) for b in body)


@pytest.mark.parametrize(
    "body",
    [
        # an unassigned byte alone
        b"caf\xe9 \x81",
        # an unassigned byte next to bytes browsers show as punctuation: the en dashes of a phone
        # number must reach the scanner as dashes, as the agent's browser shows them
        b"\x81 Phone: 555\x96123\x964567",
        b"\x8d\x80 100",
    ],
)
def test_windows_1252_with_unassigned_bytes_decodes_as_browsers_do(body: bytes) -> None:
    # Either decode exactly as a browser does, or withhold; a different text hides data from the scan.
    try:
        text, name = decode(body, "windows-1252")
    except Undecodable:
        return
    assert text == _browser_1252(body)
    assert encode(text, name) == body


# --------------------------------------------------------------------------------------------
# encode
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "charset"),
    [
        ("Zoë Ångström ☎".encode(), "utf-8"),
        (b"caf\xe9 \x80 \x93x\x94", "iso-8859-1"),
        (b"plain ascii", "us-ascii"),
        (codecs.BOM_UTF8 + "Zoë".encode(), None),
        (codecs.BOM_UTF8 + "Zoë".encode(), "windows-1252"),
        (b"", None),
    ],
)
def test_encode_round_trip_is_byte_identical(body: bytes, charset: str | None) -> None:
    text, name = decode(body, charset)
    assert encode(text, name) == body


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        # mask markers are ASCII: encoded as is
        ("<EMAIL_ADDRESS>", "windows-1252", b"<EMAIL_ADDRESS>"),
        ("caf\xe9 <PERSON>", "windows-1252", b"caf\xe9 <PERSON>"),
        ("j***@example.com", "utf-8", b"j***@example.com"),
        # characters outside the charset become numeric references, never an exception
        ("\u2603 <PERSON>", "windows-1252", b"&#9731; <PERSON>"),
        ("\u20ac", "latin-1", b"&#8364;"),
    ],
)
def test_encode(text: str, name: str, expected: bytes) -> None:
    assert encode(text, name) == expected


def test_two_charset_parameters_are_refused() -> None:
    # Browsers take the first, a naive parser the last: UTF-16 bytes would be scanned as UTF-8.
    with pytest.raises(Undecodable) as info:
        parse_content_type("text/html; charset=utf-16le; charset=utf-8")
    assert info.value.reason == "unsupported_charset"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b'<html><head><meta charset="windows-1252"></head><p>caf\xe9</p>', ("<p>café</p>", "windows-1252")),
        (
            b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1"><p>\xe9',
            ("<p>é", "windows-1252"),
        ),
        (b"<p>plain page</p>", ("<p>plain page</p>", "utf-8")),
    ],
)
def test_an_html_page_without_an_http_charset_is_read_in_its_meta_charset(
    body: bytes, expected: tuple[str, str]
) -> None:
    text, name = decode(body, None, html=True)
    assert (text[text.index(expected[0][:3]) :], name) == expected


@pytest.mark.parametrize(
    ("body", "charset", "html"),
    [
        (b'<meta charset="iso-2022-jp"><p>jane.doe@example.com</p>', None, True),
        (b'<meta charset="utf-8"><meta charset="shift_jis"><p>x</p>', None, True),
        # ISO-2022-JP's escape sequences vanish in a browser that honours it: never scanned as UTF-8.
        (b"<p>jane.doe@exa\x1b(Bmple.com</p>", "utf-8", True),
        (b"card 4539 14\x1b(B88 0343 6467", None, False),
    ],
)
def test_pages_a_browser_would_decode_differently_are_refused(
    body: bytes, charset: str | None, html: bool
) -> None:
    with pytest.raises(Undecodable) as info:
        decode(body, charset, html=html)
    assert info.value.reason == "unsupported_charset"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b'<?xml version="1.0" encoding="ISO-8859-1"?><html/>', "iso-8859-1"),
        (codecs.BOM_UTF8 + b"<?xml version='1.0' encoding='utf-8'?>", "utf-8"),
        (b'<?xml version="1.0"?><html/>', None),
        (b'<html><?xml version="1.0" encoding="iso-8859-1"?>', None),  # not at the start
    ],
)
def test_xml_charset_is_the_declarations(body: bytes, expected: str | None) -> None:
    assert xml_charset(body) == expected
