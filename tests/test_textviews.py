"""Text views and their maps back: normalised text, the residual for NER, decoded base64."""

from __future__ import annotations

import base64
import gzip
import zlib

import pytest

from proxy.textviews import STRETCH_BREAK, base64_runs, normalise, residual, to_original


def test_normalise_maps_positions_back() -> None:
    text = "a\u200bＢc"
    normalised, origin = normalise(text)
    assert normalised == "aBc"
    assert origin == [(0, 1), (2, 3), (3, 4)]
    assert normalise("ascii") == ("ascii", None)
    decoded, spans = normalise("jane%40example.com")
    assert decoded == "jane@example.com"
    assert spans is not None and spans[4] == (4, 7)  # the '@' came from three characters
    assert normalise("100%") == ("100%", None)


@pytest.mark.parametrize(
    ("explained", "expected"),
    [
        ([], "Call Bob at 0000"),  # whole numbers become zeros, length kept
        ([(5, 8)], "Call it at 0000"),
        ([(12, 16), (5, 8)], "Call it at it"),  # any order
        ([(5, 8), (6, 10)], "Call itt 0000"),  # overlapping spans ("Bob a"): one placeholder
    ],
)
def test_residual_replaces_explained_spans(explained: list[tuple[int, int]], expected: str) -> None:
    assert residual("Call Bob at 5551", explained)[0] == expected


def test_residual_spans_map_back_to_the_original() -> None:
    text = "Spoke with Bryan and Maria Lopez today"
    left, segments = residual(text, [(11, 16)])
    assert left == "Spoke with it and Maria Lopez today"
    start = left.index("Maria Lopez")
    assert to_original(segments, start, start + len("Maria Lopez")) == (21, 32)
    # a span that runs into a placeholder covers the whole replaced original
    assert to_original(segments, left.index("with"), left.index(" it ") + 3) == (6, 16)


def _b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (_b64("jane@example.com"), [(0, 24, "jane@example.com")]),
        ("id " + base64.urlsafe_b64encode(b"??>>hello there").decode(), [(3, 23, "??>>hello there")]),
        ("line\n" + _b64("multi\nline text") + "\n", [(5, 25, "multi\nline text")]),
        ("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", []),  # hex: binary
        # hex of text is read like base64 of text
        ("ref " + b"jane.doe@example.com".hex(), [(4, 44, "jane.doe@example.com")]),
        (base64.b64encode(bytes(range(200, 230))).decode(), []),  # not UTF-8
        ("international", []),  # a long word is not base64 of text
        # encoded JSON comes as key: value lines (a key labels its value); invalid JSON as it is
        (_b64('{"user":{"name":"Jo Li","tags":["a",1]}}'), [(0, 56, "name: Jo Li\ntags: a\ntags: 1")]),
        (_b64('{"name": "Jo Li"'), [(0, 24, '{"name": "Jo Li"')]),
        (_b64("[" * 40 + "]" * 40), [(0, 108, "[" * 40 + "]" * 40)]),  # deeper than we flatten
        ("abcdefghijklm", []),  # 13 characters: no valid length
    ],
)
def test_base64_runs(text: str, expected: list[tuple[int, int, str]]) -> None:
    assert list(base64_runs(text)) == expected


def test_base64_of_json_too_deep_for_the_parser_is_read_as_it_is() -> None:
    deep = "[" * 50_000 + "]" * 50_000  # json.loads raises RecursionError, not ValueError
    (run,) = base64_runs(_b64(deep))
    assert run[2] == deep


def test_normalise_leaves_one_script_words_and_plain_ascii_alone() -> None:
    assert normalise("\u043f\u0440\u0438\u0432\u0435\u0442 Bob") == (
        "\u043f\u0440\u0438\u0432\u0435\u0442 Bob",
        None,
    )
    assert normalise("tab\there\r\n") == ("tab\there\r\n", None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # hyphens, minus signs, bullets and middle dots between digit groups
        ("4539\u20101488\u20110343\u22126467", "4539-1488-0343-6467"),
        ("4539\u00b71488\u20220343\u22c56467", "4539.1488.0343.6467"),
        # en and em dashes between digits, spaces aside, as Word types them
        ("4539 \u2013 1488 \u2014 0343\u20136467", "4539 - 1488 - 0343-6467"),
        # ... and left alone as sentence punctuation, where name cues read them
        ("<div>\u2014 theresa white.", "\n\u2014 theresa white."),
        ("Refund \u2013 Teresa Meister", "Refund \u2013 Teresa Meister"),
        ("page 4 \u2013 see", "page 4 \u2013 see"),
    ],
)
def test_normalise_folds_dashes_and_dots_that_separate_digits(text: str, expected: str) -> None:
    assert normalise(text)[0] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # HTML in a string (a ticket's html_body): what the browser shows
        ("<p>reach me at jane.doe&#64;example.com</p>", "\nreach me at jane.doe@example.com\n"),
        ("jane.doe&commat;example.com", "jane.doe@example.com"),
        ("jane.doe&#x40;example&period;com", "jane.doe@example.com"),
        ("4539&#32;1488&#32;0343&#32;6467", "4539 1488 0343 6467"),
        ("jane.doe<b></b>@example.com", "jane.doe@example.com"),
        ('536<span class="x"></span>-22-1234', '536-22-1234\n\n class="x"'),  # the tag's inside after
        ("jane<x-a>.doe</x-a>@example.com", "jane.doe@example.com"),  # custom elements run on
        ("x&shy;y&ZeroWidthSpace;z", "xyz"),  # references to what shows as nothing
        # an element that starts a line keeps the values apart
        ("<td>415</td><td>555-0134</td>", "\n415\n\n555-0134\n"),
        ("4539<br>1488", "4539\n1488"),
        # what markup holds but does not show is read too, after the text: attribute values,
        # quoted ones holding `>`, and the text of comments and other bogus comments
        ('<a href="mailto:jane.doe@example.com">Mail</a>', 'Mail\n\n href="mailto:jane.doe@example.com"'),
        (
            "<input value=4539148803436467 title='SSN 536-22-1234'>",
            "\n\n value=4539148803436467 title='SSN 536-22-1234'",
        ),
        ('<b title="a>b">x</b>', 'x\n\n title="a>b"'),
        ("jane.doe<!-- hid -->@example.com", "jane.doe@example.com\n\n hid "),
        ("jane.doe<!-->@example.com", "jane.doe@example.com"),  # closed at once, as browsers do
        ("jane.doe<!-- x --!>@example.com", "jane.doe@example.com\n\n x "),
        ("536-22<?x?>-1234", "536-22-1234\n\nx?"),
        ("jane.doe</ x>@example.com", "jane.doe@example.com\n\n x"),
        ("<p title='&#64;'>x</p>", "\nx\n\n\n title='@'"),  # an attribute's references decoded
        ("<p jane.doe@example.com>x", "\nx\n\n jane.doe@example.com"),  # names read too
        ("<svg><text>jane.doe<![CDATA[@example]]>.com</text>", "jane.doe@example.com"),  # CDATA is text
        ("4111<![CDATA[\u200b1111]]>", "41111111"),  # and read as any text is
        (
            'jane.doe<b title="' + "t" * 3000 + '">@example.com',
            'jane.doe@example.com\n\n title="' + "t" * 3000 + '"',
        ),
        # not markup: as written
        ("Q&A &unknown; R&D", "Q&A &unknown; R&D"),
        ("mail <jane.doe@example.com> now", "mail <jane.doe@example.com> now"),
        ("if a < b or c > d", "if a < b or c > d"),
    ],
)
def test_normalise_reads_html_in_a_string_as_a_browser_shows_it(text: str, expected: str) -> None:
    normalised, origin = normalise(text)
    assert normalised == expected
    if origin is not None:  # every character maps back into the original
        assert all(0 <= start < end <= len(text) for start, end in origin)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # An XML document's elements are its fields: each ends what came before it and reads as the
        # label of its value (a SOAP payload had read as one run, "…gmail.com4078548201620785").
        (
            '<?xml version="1.0"?><a><Email>jane@example.com</Email><Pan>4111111111111111</Pan></a>',
            '\na: \nEmail: jane@example.com\n\nPan: 4111111111111111\n\n\n\nxml version="1.0"?',
        ),
        ("<ns2:Name>Ana Lee</ns2:Name><ns2:Dob/>", "\nName: Ana Lee\n\n\n\n/"),  # a namespace makes it XML
        # elements named in a data format's case (ISO 20022's PstlAdr), not HTML's
        (
            "<Cdtr><Nm>Ana Lee</Nm><PstlAdr>Calle Mayor 5</PstlAdr></Cdtr>",
            "\nCdtr: \nNm: Ana Lee\n\nPstlAdr: Calle Mayor 5\n\n",
        ),
        ("<Email>jane</Email><b>@example.com</b>", "jane@example.com"),  # HTML's way otherwise
    ],
)
def test_normalise_reads_an_xml_documents_elements_as_labelled_values(text: str, expected: str) -> None:
    assert normalise(text)[0] == expected


def test_an_xml_elements_label_maps_to_nothing_of_the_original() -> None:
    # No span of a made-up label can cover a tag: masking it would break the document.
    text = "<?xml version='1.0'?><Name>Ana Lee</Name>"
    normalised, origin = normalise(text)
    assert origin is not None
    label = normalised.index("Name: ")
    assert [origin[i] for i in range(label, label + 6)] == [(27, 27)] * 6
    value = normalised.index("Ana")
    assert origin[value] == (27, 28)


def test_normalise_stays_linear_on_a_megabyte_of_dashes() -> None:
    text = "1\u2013" * 500_000
    assert normalise(text)[0] == "1-" * 499_999 + "1\u2013"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("jane.doe\\u0040example.com", "jane.doe@example.com"),
        ("jane.doe\\x40example.com", "jane.doe@example.com"),
        ("jane.doe\\u{40}example.com", "jane.doe@example.com"),  # ES6 code point
        ("jane.doe\\40 example.com", "jane.doe@example.com"),  # CSS, as in `content: '…'`
        ("jane.doe\\000040example.com", "jane.doe@example.com"),
        ("4539\\u00a01488", "4539 1488"),  # NFKC, as if typed
        ("a\\u0000b \\u200bc", "a\\u0000b \\u200bc"),  # escapes of what shows as nothing stay
        ('{"ssn":"536224817"}', '{"ssn": "536224817"}'),
        ("{'dob':19850314}", "{'dob': 19850314}"),
        ("a:b 10:30", "a:b 10:30"),
        # Markdown escapes of punctuation show the character itself
        ("jane.doe\\@gmail\\.com", "jane.doe@gmail.com"),
        ("jane\\_doe@gmail.com", "jane_doe@gmail.com"),
        ("536\\-22\\-1234", "536-22-1234"),
        ("C:\\Users\\jane", "C:\\Users\\jane"),  # before a letter: no escape
        # ideographic full stops read as dots; combining marks on ASCII decorate it
        ("jane.doe@gmail\u3002com", "jane.doe@gmail.com"),
        ("5\u036236-22-1234", "536-22-1234"),
        ("4\u03325\u03323\u03329", "4539"),
        ("Jose\u0301", "Jose"),
    ],
)
def test_normalise_reads_escapes_and_json_labels(text: str, expected: str) -> None:
    normalised, origin = normalise(text)
    assert normalised == expected
    if origin is not None:
        assert len(origin) == len(normalised)


BINARY_CASES = [
    # a protobuf page cursor (URL-safe, unpadded): field tags and lengths around the values
    (b"\n\x14jane.doe@example.com\x10\x96\x01\x1a\x10 4539148803436467", True),
    (b"\x00\x01jane.doe@example.com 4539148803436467", True),  # a binary prefix
    ("Müller jane.doe@example.com 4539148803436467".encode("latin-1"), True),
    ("jane.doe@example.com 4539148803436467".encode("utf-16"), False),  # UTF-16 with its BOM
    (gzip.compress(b"jane.doe@example.com 4539148803436467"), False),
    (zlib.compress(b"jane.doe@example.com 4539148803436467"), False),
]


@pytest.mark.parametrize(("raw", "in_stretches"), BINARY_CASES)
def test_base64_of_bytes_that_are_not_all_text_gives_their_text(raw: bytes, in_stretches: bool) -> None:
    encoded = base64.urlsafe_b64encode(raw).decode().rstrip("=")
    ((_, _, decoded),) = base64_runs(f"cursor={encoded}")
    assert "jane.doe@example.com" in decoded and "4539148803436467" in decoded
    assert decoded.startswith(STRETCH_BREAK) is in_stretches  # NER skips binary stretches


def test_base64_of_base64_gives_both_layers() -> None:
    inner = base64.b64encode(b"jane.doe@example.com 4539148803436467").decode()
    ((_, _, decoded),) = base64_runs(base64.b64encode(inner.encode()).decode())
    assert decoded.startswith(inner) and decoded.endswith("jane.doe@example.com 4539148803436467")


def test_random_bytes_give_no_text() -> None:
    random = bytes((i * 73 + 41) % 256 for i in range(48))
    assert list(base64_runs(base64.b64encode(random).decode())) == []


@pytest.mark.parametrize("unit", ["<!--", '<a "', "<a x", "<![CDATA[", "</ ", "<?"])
def test_normalise_stays_linear_on_a_megabyte_of_unclosed_markup(unit: str) -> None:
    text = unit * (1_000_000 // len(unit))
    assert normalise(text)[0] == text  # nothing closes: read as written
