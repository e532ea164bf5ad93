"""proxy/codecs/headers_doc.py: scannable response headers as fields, percent-decoded."""

from __future__ import annotations

import pytest

from proxy.codecs.headers_doc import HeaderDocument
from proxy.model import DROPPED, Replacement

HEADERS = [
    ("Content-Type", "text/html; charset=utf-8"),
    ("Location", "/users?email=jane%40example.com&q=Jos%C3%A9"),
    ("Set-Cookie", "last_search=jane%40example.com; Path=/"),
    ("ETag", '"abc"'),
    ("X-Customer-Name", "Jane Doe"),
    ("X-Empty", ""),
    ("Content-Disposition", 'attachment; filename="jane.doe.csv"'),
]


# --------------------------------------------------------------------------------------------
# Fields
# --------------------------------------------------------------------------------------------


def test_fields() -> None:
    doc = HeaderDocument(HEADERS)
    assert [(f.slot, f.path, f.value, f.context, f.is_key) for f in doc.fields] == [
        (0, ("location",), "/users?email=jane@example.com&q=José", ("location",), False),
        (1, ("set-cookie",), "last_search=jane@example.com; Path=/", ("set", "cookie"), False),
        (2, ("x-customer-name",), "Jane Doe", ("x", "customer", "name"), False),
        (
            3,
            ("content-disposition",),
            'attachment; filename="jane.doe.csv"',
            ("content", "disposition"),
            False,
        ),
    ]


@pytest.mark.parametrize(
    ("name", "value"),
    [
        # protocol metadata that looks like it, in any case: not scanned
        ("content-type", "application/json; charset=utf-8"),
        ("Content-Type", "text/html"),
        ("CONTENT-LENGTH", "2048"),
        ("content-encoding", "gzip"),
        ("transfer-encoding", "chunked"),
        ("date", "Sat, 28 Nov 2026 10:00:00 GMT"),
        ("last-modified", "Mon, 14 Mar 1985 09:12:44 GMT"),
        ("server", "nginx/1.25.3"),
        ("etag", 'W/"v1-abc"'),
        ("cache-control", "private, max-age=0"),
        ("vary", "Accept-Encoding, Cookie"),
        ("strict-transport-security", "max-age=63072000; includeSubDomains"),
        ("content-security-policy", "default-src 'self'; img-src https://cdn.example.com"),
        ("access-control-allow-origin", "https://crm.example.com"),
        # short or separated numbers, '+' in a media type, hex ETags: still plainly metadata
        ("cache-control", "no-store, max-age=0"),
        ("strict-transport-security", "max-age=31536000; includeSubDomains; preload"),
        ("etag", 'W/"1a2b"'),
        ("etag", '"33a6-1b2c"'),
        ("content-type", "application/vnd.api+json; charset=utf-8"),
        ("content-type", "multipart/form-data; boundary=----x12ab34"),
        ("server", "Apache/2.4.57 (Ubuntu)"),
        ("access-control-allow-origin", "https://crm.example.com:8443"),
        ("access-control-max-age", "600"),
        ("alt-svc", 'h3=":443"; ma=3600'),
        ("expires", "0"),
        ("x-xss-protection", "1; mode=block"),
    ],
)
def test_metadata_headers_that_look_like_metadata_are_not_scanned(name: str, value: str) -> None:
    assert HeaderDocument([(name, value)]).fields == []


@pytest.mark.parametrize(
    ("name", "value"),
    [
        # anything else in a metadata header is scanned like any header
        ("content-type", "application/json; name=jane@example.com"),
        ("etag", '"jane@example.com"'),
        ("etag", '"4111111111111111"'),
        ("age", "4155550132"),
        ("date", "jane@example.com"),
        ("server", "José García"),
    ],
)
def test_metadata_headers_carrying_anything_else_are_scanned(name: str, value: str) -> None:
    assert [f.value for f in HeaderDocument([(name, value)]).fields] == [value]


@pytest.mark.parametrize(
    ("name", "value", "scanned"),
    [
        # a percent-escaped '@' (or any escape): the shortcut must judge what detection would see
        ("content-type", 'application/json; profile="jane.doe%40example.com"',
         'application/json; profile="jane.doe@example.com"'),
        ("vary", "Accept-Encoding, jane.doe%40example.com", "Accept-Encoding, jane.doe@example.com"),
        ("cache-control", 'private="jane.doe%40example.com"', 'private="jane.doe@example.com"'),
        ("alt-svc", 'h3="jane.doe%40example.com:443"', 'h3="jane.doe@example.com:443"'),
        ("content-security-policy", "report-uri https://x.example/r?u=jane.doe%40example.com",
         "report-uri https://x.example/r?u=jane.doe@example.com"),
        ("etag", '"Jos%C3%A9"', '"José"'),
        ("etag", '"a%2Bb"', '"a%2Bb"'),
        # an RFC 2047 encoded word hides its '@' as '=40'
        ("content-type", 'text/plain; name="=?UTF-8?Q?jane.doe=40example.com?="',
         'text/plain; name="jane.doe@example.com"'),
        # five or more digits in all, however grouped: phone, card, national id numbers
        ("etag", '"415-555-0134"', '"415-555-0134"'),
        ("age", "536-22-1234", "536-22-1234"),
        ("etag", '"4539-1488-0343-6467"', '"4539-1488-0343-6467"'),
        ("etag", '"4539/1488/0343/6467"', '"4539/1488/0343/6467"'),
        ("content-type", 'text/plain; ref="4539 1488 0343 6467"', 'text/plain; ref="4539 1488 0343 6467"'),
        ("etag", '"(415) 555.0134"', '"(415) 555.0134"'),
        ("etag", '"[415]_555,0134"', '"[415]_555,0134"'),
        ("vary", "+1 415 555 0134", "+1 415 555 0134"),
        ("access-control-allow-origin", "https://x.example/?ssn=536-22-1234",
         "https://x.example/?ssn=536-22-1234"),
        ("access-control-allow-origin", "https://x.example/?q=415+555+0134",
         "https://x.example/?q=415+555+0134"),
        ("cache-control", "max-age=415-555-0134", "max-age=415-555-0134"),  # only a plain lifetime is exempt
        # a run that may be base64 (detection decodes it): an e-mail, an SSN
        ("etag", '"amFuZS5kb2VAZXhhbXBsZS5jb20="', '"amFuZS5kb2VAZXhhbXBsZS5jb20="'),
        ("etag", 'W/"NTM2LTIyLTEyMzQ="', 'W/"NTM2LTIyLTEyMzQ="'),
        ("vary", "Accept, NDUzOTE0ODgwMzQzNjQ2Nw", "Accept, NDUzOTE0ODgwMzQzNjQ2Nw"),
        # digits outside ASCII
        ("etag", '"４１５５５５０１３４"', '"４１５５５５０１３４"'),
        ("age", "٤١٥٥٥٥٠١٣٤", "٤١٥٥٥٥٠١٣٤"),
    ],
)  # fmt: skip
def test_metadata_that_could_hide_personal_data_is_scanned(name: str, value: str, scanned: str) -> None:
    assert [f.value for f in HeaderDocument([(name, value)]).fields] == [scanned]


@pytest.mark.parametrize(
    ("value", "decoded"),
    [
        ("/users?email=jane%40example.com", "/users?email=jane@example.com"),
        ("/u/Jos%C3%A9%20Garc%C3%ADa", "/u/José García"),
        ("/search?q=%2B1%20555%200100", "/search?q=%2B1 555 0100"),  # '+' means space in a query
        ("/plain", "/plain"),
        ("100%", "100%"),
    ],
)
def test_location_is_percent_decoded(value: str, decoded: str) -> None:
    [field] = HeaderDocument([("Location", value)]).fields
    assert field.value == decoded


@pytest.mark.parametrize(
    ("value", "decoded"),
    [
        ("=?UTF-8?Q?jane.doe=40example.com?=", "jane.doe@example.com"),
        ("=?utf-8?b?amFuZS5kb2VAZXhhbXBsZS5jb20=?=", "jane.doe@example.com"),
        ("=?ISO-8859-1?Q?Jos=E9_Garc=EDa?= <jane.doe@example.com>", "José García <jane.doe@example.com>"),
        ("=?x-unknown?Q?a=40b?=", "=?x-unknown?Q?a=40b?="),  # scanned as it is
    ],
)
def test_rfc2047_encoded_words_are_decoded(value: str, decoded: str) -> None:
    [field] = HeaderDocument([("X-Customer", value)]).fields
    assert field.value == decoded


def test_repeated_headers_are_separate_fields() -> None:
    doc = HeaderDocument([("Set-Cookie", "a=1"), ("Set-Cookie", "b=2")])
    assert [f.value for f in doc.fields] == ["a=1", "b=2"]
    assert doc.render({1: DROPPED}) == [("Set-Cookie", "a=1")]


# --------------------------------------------------------------------------------------------
# Render
# --------------------------------------------------------------------------------------------


def test_render_without_replacements_is_identical() -> None:
    assert HeaderDocument(HEADERS).render({}) == HEADERS


@pytest.mark.parametrize(
    ("slot", "new", "expected"),
    [
        # dropped or null: the header is removed
        (1, DROPPED, None),
        (2, None, None),
        # replaced: ASCII kept, non-ASCII percent-encoded
        (0, "/users?email=<EMAIL_ADDRESS>&q=José", ("Location", "/users?email=<EMAIL_ADDRESS>&q=Jos%C3%A9")),
        (2, "<PERSON>", ("X-Customer-Name", "<PERSON>")),
        (2, "Zoë", ("X-Customer-Name", "Zo%C3%AB")),
        (2, "tok_0123456789ab", ("X-Customer-Name", "tok_0123456789ab")),
        (2, "line\r\nInjected: 1", ("X-Customer-Name", "line%0D%0AInjected: 1")),
    ],
)
def test_render_one(slot: int, new: Replacement, expected: tuple[str, str] | None) -> None:
    doc = HeaderDocument(HEADERS)
    name = doc.fields[slot].path[0]
    rendered = doc.render({slot: new})
    others = [h for h in HEADERS if h[0].lower() != name]
    assert [h for h in rendered if h[0].lower() != name] == others
    assert [h for h in rendered if h[0].lower() == name] == ([] if expected is None else [expected])


def test_render_several() -> None:
    doc = HeaderDocument(HEADERS)
    rendered = doc.render({0: "/users?email=<EMAIL_ADDRESS>&q=<PERSON>", 1: DROPPED, 2: "Jane"})
    assert rendered == [
        ("Content-Type", "text/html; charset=utf-8"),
        ("Location", "/users?email=<EMAIL_ADDRESS>&q=<PERSON>"),
        ("ETag", '"abc"'),
        ("X-Customer-Name", "Jane"),
        ("X-Empty", ""),
        ("Content-Disposition", 'attachment; filename="jane.doe.csv"'),
    ]


@pytest.mark.parametrize(
    ("value", "scanned", "expected"),
    [
        # reserved characters that were percent-encoded upstream must stay encoded: decoding them
        # for the scan must not change the URL's structure on the way out
        ("/users?email=jane%40example.com&note=a%26b", "/users?email=jane@example.com&note=a%26b",
         "/users?email=<EMAIL_ADDRESS>&note=a%26b"),
        ("/files/jane%40example.com/report%2Fq1", "/files/jane@example.com/report%2Fq1",
         "/files/<EMAIL_ADDRESS>/report%2Fq1"),
    ],
)  # fmt: skip
def test_render_keeps_encoded_reserved_characters(value: str, scanned: str, expected: str) -> None:
    doc = HeaderDocument([("Location", value)])
    assert doc.fields[0].value == scanned  # delimiter escapes stay escaped in what is scanned
    masked = scanned.replace("jane@example.com", "<EMAIL_ADDRESS>")
    assert doc.render({0: masked}) == [("Location", expected)]


@pytest.mark.parametrize(
    ("name", "read"),
    [
        ("X-SSN", "５３６-２２-１２３４"),
        ("ETag", '"４５３９１４８８０３４３６４６７"'),
        ("X-E", "ｊａｎｅ.ｄｏｅ＠ｅｘａｍｐｌｅ.ｃｏｍ"),
        ("X-Name", "José García"),
    ],
)
def test_utf8_header_bytes_are_read_as_clients_read_them(name: str, read: str) -> None:
    # Header bytes reach the codec as latin-1 characters: UTF-8 full-width digits were mojibake.
    as_sent = read.encode().decode("latin-1")
    assert [f.value for f in HeaderDocument([(name, as_sent)]).fields] == [read]


def test_bytes_that_are_no_utf8_are_read_as_they_are() -> None:
    assert [f.value for f in HeaderDocument([("X-Name", "Jos\xe9")]).fields] == ["Jos\xe9"]


def test_a_header_named_by_a_value_is_dropped_when_masked() -> None:
    doc = HeaderDocument([("X-536-22-1234", "1"), ("X-Request-Id", "abc"), ("Content-Type", "text/plain")])
    names = [f for f in doc.fields if f.path[-1] == "#name"]
    assert [f.value for f in names] == ["X-536-22-1234"]
    assert doc.render({names[0].slot: "<US_SSN>"}) == [
        ("X-Request-Id", "abc"),
        ("Content-Type", "text/plain"),
    ]
