"""proxy/codecs/encoding.py: only identity, gzip, deflate, br and zstd, each decoded with caps."""

from __future__ import annotations

import gzip
import zlib

import brotli
import pytest
import zstandard

from proxy.codecs import Limits
from proxy.codecs.encoding import decode, encode, parse_header
from proxy.errors import BodyTooLarge, Undecodable

LIMITS = Limits()
BODY = b'{"users":[{"name":"Jane Doe","email":"jane@example.com","phone":"+1 555 0100"}]}' * 40
CODINGS = ["gzip", "deflate", "br", "zstd"]


def _raw_deflate(data: bytes) -> bytes:
    engine = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    return engine.compress(data) + engine.flush()


def _compress(data: bytes, how: str) -> bytes:
    """Compress with the reference libraries (not with the module under test)."""
    if how == "gzip":
        return gzip.compress(data, compresslevel=9)
    if how == "deflate":
        return zlib.compress(data, 9)
    if how == "raw-deflate":
        return _raw_deflate(data)
    if how == "br":
        return bytes(brotli.compress(data, quality=5))
    if how == "zstd":
        return bytes(zstandard.ZstdCompressor(level=3).compress(data))
    if how == "zstd-no-size":
        return bytes(zstandard.ZstdCompressor(level=3, write_content_size=False).compress(data))
    raise AssertionError(how)


_CODING_OF = {"raw-deflate": "deflate", "zstd-no-size": "zstd"}
FORMS = ["gzip", "deflate", "raw-deflate", "br", "zstd", "zstd-no-size"]


@pytest.fixture(scope="module")
def bombs() -> dict[str, bytes]:
    """50 MB of zeros in every form, built once: each compresses to at most ~50 KB."""
    zeros = bytes(50 * 1024 * 1024)
    return {how: _compress(zeros, how) for how in FORMS}


# --------------------------------------------------------------------------------------------
# parse_header
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        # identity and empty
        ("", []),
        ("identity", []),
        ("Identity", []),
        (" , ", []),
        ("identity, identity, identity", []),
        # single codings, any case and spacing
        ("gzip", ["gzip"]),
        ("GZIP", ["gzip"]),
        (" deflate ", ["deflate"]),
        ("br", ["br"]),
        ("zstd", ["zstd"]),
        # two codings keep the order the server applied them in
        ("gzip, br", ["gzip", "br"]),
        ("br,gzip", ["br", "gzip"]),
        ("gzip, identity, br", ["gzip", "br"]),
        ("gzip, gzip", ["gzip", "gzip"]),
    ],
)
def test_parse_header(header: str, expected: list[str]) -> None:
    assert parse_header(header) == expected


@pytest.mark.parametrize(
    ("header", "reason"),
    [
        # encodings mitmproxy would "decode" but no browser sends
        ("base64", "unsupported_encoding"),
        ("hex", "unsupported_encoding"),
        ("compress", "unsupported_encoding"),
        ("x-gzip", "unsupported_encoding"),
        ("zlib", "unsupported_encoding"),
        ("gzip, base64", "unsupported_encoding"),
        ("gzip;q=1", "unsupported_encoding"),
        # more than two codings
        ("gzip, br, zstd", "too_many_encodings"),
        ("gzip, gzip, gzip", "too_many_encodings"),
        ("base64, hex, compress", "too_many_encodings"),
    ],
)
def test_parse_header_refuses(header: str, reason: str) -> None:
    with pytest.raises(Undecodable) as info:
        parse_header(header)
    assert info.value.reason == reason
    assert info.value.status == 502


# --------------------------------------------------------------------------------------------
# Round trips
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("how", FORMS)
def test_decode_reference_compressors(how: str) -> None:
    assert decode(_compress(BODY, how), [_CODING_OF.get(how, how)], LIMITS) == BODY


@pytest.mark.parametrize(
    "codings",
    [
        # one coding
        ["gzip"],
        ["deflate"],
        ["br"],
        ["zstd"],
        # two codings, both orders
        ["gzip", "br"],
        ["br", "gzip"],
        ["deflate", "zstd"],
        ["zstd", "deflate"],
        ["gzip", "gzip"],
    ],
)
def test_encode_then_decode_round_trip(codings: list[str]) -> None:
    encoded = encode(BODY, codings)
    assert encoded != BODY
    assert decode(encoded, codings, LIMITS) == BODY


def test_two_codings_from_header_are_undone_in_reverse_order() -> None:
    # "gzip, br": the server gzipped first, then brotli'd the gzip stream.
    body = brotli.compress(gzip.compress(BODY))
    assert decode(body, parse_header("gzip, br"), LIMITS) == BODY


@pytest.mark.parametrize("body", [b"", b"plain bytes \x00\xff", BODY])
def test_identity_returns_body_unchanged(body: bytes) -> None:
    assert decode(body, parse_header("identity"), LIMITS) == body
    assert encode(body, []) == body


def test_encode_gzip_is_deterministic() -> None:
    # mtime=0: identical bodies give identical bytes (stable ETags and caches downstream).
    assert encode(BODY, ["gzip"]) == encode(BODY, ["gzip"])


# --------------------------------------------------------------------------------------------
# Decompression bombs and caps
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("how", FORMS)
def test_bomb_stops_at_cap(bombs: dict[str, bytes], how: str) -> None:
    bomb = bombs[how]
    assert len(bomb) < 100 * 1024  # really a bomb: > 500x ratio
    with pytest.raises(BodyTooLarge) as info:
        decode(bomb, [_CODING_OF.get(how, how)], LIMITS)
    assert info.value.reason == "decoded_too_large"


@pytest.mark.parametrize("how", FORMS)
def test_bomb_inside_a_second_coding(bombs: dict[str, bytes], how: str) -> None:
    wrapped = gzip.compress(bombs[how])
    with pytest.raises(BodyTooLarge):
        decode(wrapped, [_CODING_OF.get(how, how), "gzip"], LIMITS)


@pytest.mark.parametrize("how", FORMS)
def test_ratio_cap_applies_below_the_absolute_cap(how: str) -> None:
    # 200 KB of zeros compresses to well under 1 KB: the cap is 1024 * max_ratio = 100 KB.
    small_bomb = _compress(bytes(200 * 1024), how)
    assert len(small_bomb) < 1024
    with pytest.raises(BodyTooLarge):
        decode(small_bomb, [_CODING_OF.get(how, how)], LIMITS)


@pytest.mark.parametrize("how", FORMS)
def test_absolute_cap_applies_to_ordinary_bodies(how: str) -> None:
    limits = Limits(max_decoded_bytes=len(BODY) - 1)
    with pytest.raises(BodyTooLarge):
        decode(_compress(BODY, how), [_CODING_OF.get(how, how)], limits)
    assert decode(_compress(BODY, how), [_CODING_OF.get(how, how)], Limits(max_decoded_bytes=len(BODY))) == (
        BODY
    )


def test_zstd_bomb_in_a_second_frame() -> None:
    frames = _compress(b"hello", "zstd") + _compress(bytes(50 * 1024 * 1024), "zstd")
    with pytest.raises(BodyTooLarge):
        decode(frames, ["zstd"], LIMITS)


# --------------------------------------------------------------------------------------------
# Truncated, corrupt and trailing bytes
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("how", FORMS)
@pytest.mark.parametrize("keep", [0.5, 0.9])
def test_truncated_body(how: str, keep: float) -> None:
    full = _compress(BODY, how)
    with pytest.raises(Undecodable) as info:
        decode(full[: int(len(full) * keep)], [_CODING_OF.get(how, how)], LIMITS)
    assert info.value.reason == "truncated_body"


@pytest.mark.parametrize("how", FORMS)
def test_last_byte_missing(how: str) -> None:
    full = _compress(BODY, how)
    with pytest.raises(Undecodable) as info:
        decode(full[:-1], [_CODING_OF.get(how, how)], LIMITS)
    assert info.value.reason == "truncated_body"


@pytest.mark.parametrize("coding", CODINGS)
def test_empty_body_with_a_coding_is_truncated(coding: str) -> None:
    with pytest.raises(Undecodable) as info:
        decode(b"", [coding], LIMITS)
    assert info.value.reason == "truncated_body"


@pytest.mark.parametrize("coding", CODINGS)
@pytest.mark.parametrize(
    "garbage",
    [
        b"this is definitely not compressed data!!",
        b"\xff" * 64,
        b'{"name": "Jane Doe"}',
    ],
)
def test_garbage_is_corrupt(coding: str, garbage: bytes) -> None:
    with pytest.raises(Undecodable) as info:
        decode(garbage, [coding], LIMITS)
    assert info.value.reason == "corrupt_encoding"


@pytest.mark.parametrize(
    ("how", "reason"),
    [
        # zlib family and zstd report the leftover bytes
        ("gzip", "trailing_garbage"),
        ("deflate", "trailing_garbage"),
        ("raw-deflate", "trailing_garbage"),
        # brotli and zstd's frame reader fail on the junk itself
        ("br", "corrupt_encoding"),
        ("zstd", "corrupt_encoding"),
    ],
)
def test_trailing_garbage(how: str, reason: str) -> None:
    with pytest.raises(Undecodable) as info:
        decode(_compress(BODY, how) + b"JUNKJUNK", [_CODING_OF.get(how, how)], LIMITS)
    assert info.value.reason == reason


@pytest.mark.parametrize("how", ["gzip", "deflate", "br", "zstd"])
def test_two_streams_back_to_back_are_not_released(how: str) -> None:
    # Bytes after the first stream would reach the client unscanned if we ignored them.
    once = _compress(BODY, how)
    with pytest.raises(Undecodable):
        decode(once + once, [how], LIMITS)
