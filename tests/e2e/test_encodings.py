"""Content-Encoding and charset through the real proxy: Scrim decodes only what it can inspect,
masks, and puts the same encoding back; anything else is withheld without upstream bytes.
"""

from __future__ import annotations

import base64
import codecs
import gzip
import zlib
from collections.abc import Callable

import brotli
import orjson
import pytest
import zstandard

from .conftest import (
    CANARY_CARD,
    CANARY_EMAIL,
    ScrimProcess,
    assert_no_canary,
    assert_scrim_error,
)
from .upstream import Upstream

pytestmark = pytest.mark.e2e

PAYLOAD = {
    "ticket": {"id": 7, "requester": {"email": CANARY_EMAIL, "card": CANARY_CARD}},
    "note": f"Customer wrote from {CANARY_EMAIL} about card {CANARY_CARD}.",
    "padding": ["plain words without personal data"] * 40,
}
BODY = orjson.dumps(PAYLOAD)
ACCEPT_ALL = ("Accept-Encoding", "gzip, deflate, br, zstd")
TIER1_EMAIL = "l***@example.com"


def _raw_deflate(data: bytes) -> bytes:
    engine = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    return engine.compress(data) + engine.flush()


def _decode(data: bytes, coding: str) -> bytes:
    if coding == "gzip":
        return gzip.decompress(data)
    if coding == "deflate":
        try:
            return zlib.decompress(data)
        except zlib.error:
            return zlib.decompress(data, -zlib.MAX_WBITS)
    if coding == "br":
        return bytes(brotli.decompress(data))
    if coding == "zstd":
        return zstandard.ZstdDecompressor().decompressobj().decompress(data)
    raise AssertionError(coding)


def _decode_all(data: bytes, header: str | None) -> bytes:
    codings = [c.strip().lower() for c in (header or "").split(",") if c.strip()]
    for coding in reversed([c for c in codings if c != "identity"]):
        data = _decode(data, coding)
    return data


# -- supported encodings: masked, then re-encoded the same way ---------------------------------------

ENCODED: list[tuple[str, str | None, Callable[[bytes], bytes]]] = [
    ("identity (no header)", None, lambda b: b),
    ("identity (explicit)", "identity", lambda b: b),
    ("gzip", "gzip", lambda b: gzip.compress(b, mtime=0)),
    ("gzip upper case", "GZIP", lambda b: gzip.compress(b, mtime=0)),
    ("deflate (zlib-wrapped)", "deflate", zlib.compress),
    ("deflate (raw, as some servers send)", "deflate", _raw_deflate),
    ("br", "br", brotli.compress),
    ("zstd", "zstd", lambda b: zstandard.ZstdCompressor().compress(b)),
    ("gzip then br", "gzip, br", lambda b: brotli.compress(gzip.compress(b, mtime=0))),
]


@pytest.mark.parametrize(("case", "coding", "encode"), ENCODED, ids=[c[0] for c in ENCODED])
def test_supported_encodings_are_masked_and_reencoded(
    scrim: ScrimProcess, upstream: Upstream, case: str, coding: str | None, encode: Callable[[bytes], bytes]
) -> None:
    headers = [("Content-Type", "application/json")]
    if coding is not None:
        headers.append(("Content-Encoding", coding))
    path = upstream.set(upstream.unique_path("enc"), 200, headers, encode(BODY))
    reply = scrim.get(path, headers=[ACCEPT_ALL])
    assert reply.status == 200, reply.body[:300]
    assert_no_canary(reply)  # the raw (still encoded) bytes
    released = reply.header("content-encoding")
    if coding is None or coding == "identity":
        assert released in (None, "identity")
    else:
        assert released is not None
        assert [c.strip().lower() for c in released.split(",")] == [
            c.strip().lower() for c in coding.split(",")
        ]
    length = reply.header("content-length")
    if length is not None:
        assert int(length) == len(reply.body)
    decoded = _decode_all(reply.body, released)
    payload = orjson.loads(decoded)  # decodable by a client
    assert payload["ticket"]["requester"]["email"] == TIER1_EMAIL
    assert payload["ticket"]["requester"]["card"].endswith("6467")
    for marker in (CANARY_EMAIL, CANARY_CARD, CANARY_CARD.replace(" ", "")):
        assert marker.encode() not in decoded
    assert reply.header("etag") is None
    assert reply.header("cache-control") == "no-store"


@pytest.mark.parametrize(
    ("coding", "body", "reason"),
    [
        # encodings mitmproxy could decode but browsers never send, or nobody knows
        ("compress", b"\x1f\x9d\x90" + BODY, "unsupported_encoding"),
        ("base64", base64.b64encode(BODY), "unsupported_encoding"),
        ("x-custom", BODY, "unsupported_encoding"),
        ("hex", BODY.hex().encode(), "unsupported_encoding"),
        ("x-gzip", gzip.compress(BODY, mtime=0), "unsupported_encoding"),
        ("gzip, compress", gzip.compress(BODY, mtime=0), "unsupported_encoding"),
        # too many layers
        ("gzip, gzip, gzip", gzip.compress(gzip.compress(gzip.compress(BODY))), "too_many_encodings"),
        # declared but not what was sent
        ("gzip", BODY, "corrupt_encoding"),
        ("br", BODY, "corrupt_encoding"),
        ("zstd", BODY, "corrupt_encoding"),
    ],
)
def test_unsupported_or_wrong_encodings_are_withheld(
    scrim: ScrimProcess, upstream: Upstream, coding: str, body: bytes, reason: str
) -> None:
    headers = [("Content-Type", "application/json"), ("Content-Encoding", coding)]
    path = upstream.set(upstream.unique_path("bad-enc"), 200, headers, body)
    reply = scrim.get(path, headers=[ACCEPT_ALL])
    assert_scrim_error(reply, (502,), reason)
    assert_no_canary(reply)
    assert reply.header("content-encoding") is None


def test_accept_encoding_sent_upstream_is_limited_to_what_scrim_decodes(
    scrim: ScrimProcess, upstream: Upstream
) -> None:
    path = upstream.set_json(upstream.unique_path("accept"), {"status": "ok"})
    scrim.get(path, headers=[("Accept-Encoding", "gzip, compress, base64, x-custom, br;q=0.5")])
    (received,) = upstream.received(path)
    offered = ",".join(received.get_all("accept-encoding")).lower()
    for never in ("compress", "base64", "x-custom"):
        assert never not in offered, offered


# -- charsets ---------------------------------------------------------------------------------------

TEXT = '{"name":"Grégoire Müller","email":"leak.canary@example.com","city":"Besançon"}'


@pytest.mark.parametrize(
    ("charset", "codec"),
    [
        ("iso-8859-1", "latin-1"),
        ("latin1", "latin-1"),
        ("windows-1252", "cp1252"),
        ("ISO-8859-1", "latin-1"),
        ("utf-8", "utf-8"),
    ],
)
def test_supported_charsets_are_masked_in_their_own_charset(
    scrim: ScrimProcess, upstream: Upstream, charset: str, codec: str
) -> None:
    headers = [("Content-Type", f"application/json; charset={charset}")]
    path = upstream.set(upstream.unique_path("charset"), 200, headers, TEXT.encode(codec))
    reply = scrim.get(path)
    assert reply.status == 200, reply.body[:300]
    assert_no_canary(reply)
    payload = orjson.loads(reply.body.decode(codec).encode())
    assert payload["email"] == TIER1_EMAIL
    assert reply.header("content-type") == f"application/json; charset={charset}"
    if codec != "utf-8":
        # Still in the declared single-byte charset, not silently switched to UTF-8.
        assert "Besançon".encode() not in reply.body


def test_utf8_bom_is_decoded_like_a_browser_does(scrim: ScrimProcess, upstream: Upstream) -> None:
    body = codecs.BOM_UTF8 + TEXT.encode()
    path = upstream.set(upstream.unique_path("bom8"), 200, [("Content-Type", "application/json")], body)
    reply = scrim.get(path)
    assert reply.status == 200, reply.body[:300]
    assert_no_canary(reply)
    assert TIER1_EMAIL in reply.body.decode("utf-8-sig")


# A card apart by no-break spaces in UTF-8: a label of ISO-8859-1 made Scrim read `4539Â\xa01488…`,
# while `fetch().json()` reads UTF-8 whatever the label says, and showed the card.
NBSP_CARD = '{"note": "card 4539\u00a01488\u00a00343\u00a06467, Müller"}'.encode()


@pytest.mark.parametrize("label", ["iso-8859-1", "windows-1252", "shift_jis"])
def test_json_in_utf8_under_another_label_is_read_and_sent_as_utf8(
    scrim: ScrimProcess, upstream: Upstream, label: str
) -> None:
    path = upstream.set(
        upstream.unique_path("relabel"),
        200,
        [("Content-Type", f"application/json; charset={label}")],
        NBSP_CARD,
    )
    reply = scrim.get(path)
    assert reply.status == 200, reply.body[:300]
    assert reply.header("content-type") == "application/json; charset=utf-8"
    note = orjson.loads(reply.body)["note"]
    assert "0343" not in note and note.endswith("6467, Müller")


def test_json_in_utf8_under_another_label_with_nothing_to_mask_is_relabelled(
    scrim: ScrimProcess, upstream: Upstream
) -> None:
    body = '{"city": "Besançon"}'.encode()
    path = upstream.set(
        upstream.unique_path("relabel"), 200, [("Content-Type", "application/json; charset=iso-8859-1")], body
    )
    reply = scrim.get(path)
    assert (reply.status, reply.body) == (200, body)
    assert reply.header("content-type") == "application/json; charset=utf-8"


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        # browsers ignore a parameter named `charset ` and take the page's <meta>
        (
            "text/html; charset = iso-8859-1",
            '<meta charset="utf-8"><p>4539\u00a01488\u00a00343\u00a06467</p>'.encode(),
        ),
        # XHTML is XML: no <meta> charset, UTF-8 by default
        (
            "application/xhtml+xml",
            '<meta charset="iso-8859-1"/><p>4539\u00a01488\u00a00343\u00a06467</p>'.encode(),
        ),
    ],
)
def test_pages_are_read_in_the_charset_browsers_use(
    scrim: ScrimProcess, upstream: Upstream, content_type: str, body: bytes
) -> None:
    path = upstream.set(upstream.unique_path("page-charset"), 200, [("Content-Type", content_type)], body)
    reply = scrim.get(path)
    assert reply.status == 200, reply.body[:300]
    assert b"0343" not in reply.body


def test_an_xhtml_page_with_entities_of_its_own_is_withheld(scrim: ScrimProcess, upstream: Upstream) -> None:
    body = b'<!DOCTYPE html [<!ENTITY at "@example.com">]><html><p>leak.canary&at;</p></html>'
    path = upstream.set(upstream.unique_path("dtd"), 200, [("Content-Type", "application/xhtml+xml")], body)
    assert_scrim_error(scrim.get(path), (502,), "unsupported_doctype")


@pytest.mark.parametrize(
    ("content_type", "body", "reason"),
    [
        # a byte-order mark makes browsers ignore the declared charset
        ("application/json; charset=utf-8", TEXT.encode("utf-16"), "unsupported_charset"),
        ("application/json", codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "unsupported_charset"),
        ("application/json; charset=utf-16", TEXT.encode("utf-16"), "unsupported_charset"),
        ("text/plain; charset=utf-8", TEXT.encode("utf-32"), "unsupported_charset"),
        (
            "text/html",
            codecs.BOM_UTF16_LE + f"<p>{CANARY_EMAIL}</p>".encode("utf-16-le"),
            "unsupported_charset",
        ),
        # charsets Scrim does not decode
        ("application/json; charset=utf-16le", TEXT.encode("utf-16-le"), "unsupported_charset"),
        ("application/json; charset=utf-7", TEXT.encode("utf-7"), "unsupported_charset"),
        ("text/plain; charset=shift_jis", TEXT.encode("utf-8"), "unsupported_charset"),
        # bytes that are not what the header says
        ("application/json; charset=utf-8", TEXT.encode("latin-1"), "invalid_charset_bytes"),
    ],
)
def test_charsets_scrim_cannot_read_like_a_browser_are_withheld(
    scrim: ScrimProcess, upstream: Upstream, content_type: str, body: bytes, reason: str
) -> None:
    path = upstream.set(upstream.unique_path("bad-charset"), 200, [("Content-Type", content_type)], body)
    reply = scrim.get(path)
    assert_scrim_error(reply, (502,), reason)
    assert_no_canary(reply)
    for codec in ("utf-16", "utf-16-le", "utf-32"):
        assert CANARY_EMAIL.encode(codec)[2:] not in reply.body
