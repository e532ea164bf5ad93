"""Content-Encoding, owned by Scrim: only identity, gzip, deflate, br and zstd, each with caps.

mitmproxy would also "decode" encodings no browser sends (base64, hex…); we never ask it to. Output
is read in bounded steps so a decompression bomb stops at the cap instead of filling memory.
"""

from __future__ import annotations

import gzip
import io
import zlib

import brotli
import zstandard

from proxy.codecs import Limits
from proxy.errors import BodyTooLarge, Undecodable

SUPPORTED = ("gzip", "deflate", "br", "zstd")
_STEP = 64 * 1024


def parse_header(value: str) -> list[str]:
    """`gzip, br` → ['gzip', 'br'] (order applied by the server); identity entries dropped."""
    codings = [c.strip().lower() for c in value.split(",") if c.strip()]
    codings = [c for c in codings if c != "identity"]
    if len(codings) > 2:
        raise Undecodable("too_many_encodings")
    for coding in codings:
        if coding not in SUPPORTED:
            raise Undecodable("unsupported_encoding")
    return codings


def _cap(limits: Limits, compressed: int) -> int:
    return min(limits.max_decoded_bytes, max(compressed, 1024) * limits.max_ratio)


def _zlib(body: bytes, wbits: int, cap: int) -> bytes:
    engine = zlib.decompressobj(wbits)
    out = bytearray()
    data = body
    while data:
        out += engine.decompress(data, cap + 1 - len(out))
        if len(out) > cap:
            raise BodyTooLarge("decoded_too_large")
        data = engine.unconsumed_tail
    out += engine.flush()
    if len(out) > cap:
        raise BodyTooLarge("decoded_too_large")
    if not engine.eof:
        raise Undecodable("truncated_body")
    if engine.unused_data:
        raise Undecodable("trailing_garbage")
    return bytes(out)


def _deflate(body: bytes, cap: int) -> bytes:
    # "deflate" is zlib-wrapped by the RFC but raw in some servers; browsers accept both.
    try:
        return _zlib(body, zlib.MAX_WBITS, cap)
    except zlib.error:
        return _zlib(body, -zlib.MAX_WBITS, cap)


def _brotli(body: bytes, cap: int) -> bytes:
    engine = brotli.Decompressor()
    out = bytearray(engine.process(body, output_buffer_limit=cap + 1))
    while len(out) <= cap and not engine.is_finished() and not engine.can_accept_more_data():
        out += engine.process(b"", output_buffer_limit=cap + 1 - len(out))
    if len(out) > cap:
        raise BodyTooLarge("decoded_too_large")
    if not engine.is_finished():
        raise Undecodable("truncated_body")
    return bytes(out)


def _zstd(body: bytes, cap: int) -> bytes:
    reader = zstandard.ZstdDecompressor().stream_reader(io.BytesIO(body), read_across_frames=True)
    if len(reader.read(cap + 1)) > cap:
        raise BodyTooLarge("decoded_too_large")
    # The bounded read above cannot tell a complete frame from a truncated one; now that the output
    # is known to fit, decode again with the object that reports end-of-frame.
    engine = zstandard.ZstdDecompressor().decompressobj()
    out = engine.decompress(body)
    if not engine.eof:
        raise Undecodable("truncated_body")
    if engine.unused_data:
        raise Undecodable("trailing_garbage")
    return out


def decode(body: bytes, codings: list[str], limits: Limits) -> bytes:
    """Undo `codings` (as parsed by `parse_header`). Raises Undecodable or BodyTooLarge."""
    cap = _cap(limits, len(body))
    for coding in reversed(codings):
        try:
            if coding == "gzip":
                body = _zlib(body, 16 + zlib.MAX_WBITS, cap)
            elif coding == "deflate":
                body = _deflate(body, cap)
            elif coding == "br":
                body = _brotli(body, cap)
            else:
                body = _zstd(body, cap)
        except (zlib.error, brotli.error, zstandard.ZstdError, EOFError) as err:
            raise Undecodable("corrupt_encoding") from err
    return body


def encode(body: bytes, codings: list[str]) -> bytes:
    """Re-apply `codings` after masking, so Content-Encoding stays what the client accepted."""
    for coding in codings:
        if coding == "gzip":
            body = gzip.compress(body, compresslevel=5, mtime=0)
        elif coding == "deflate":
            body = zlib.compress(body, 5)
        elif coding == "br":
            body = brotli.compress(body, quality=4)
        else:
            body = zstandard.ZstdCompressor(level=3).compress(body)
    return body
