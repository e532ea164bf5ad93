"""Checksums of crypto wallet addresses, whatever the coin: a value that passes one is an address.

Base58Check (Bitcoin legacy, Litecoin, Dogecoin, Dash, Tron, Tezos, Zcash transparent…), bech32 and
bech32m with any human-readable part (Bitcoin segwit, Litecoin, Cosmos chains, Cardano…) and
CashAddr (Bitcoin Cash) and Stellar's StrKey. A random string passes with a chance of about 2^-16
(StrKey's CRC) or far less.
"""

from __future__ import annotations

import base64
import binascii
import hashlib

_BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_BASE58_VALUES = {ch: i for i, ch in enumerate(_BASE58)}
_BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
_BECH32_VALUES = {ch: i for i, ch in enumerate(_BECH32)}
_BECH32_CONSTANTS = (1, 0x2BC830A3)  # bech32 (BIP-173), bech32m (BIP-350)
_BECH32_GENERATOR = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)
_CASHADDR_GENERATOR = (0x98F2BC8E61, 0x79B76D99E2, 0xF33E5FB3C4, 0xAE2EABE2A8, 0x1E4F43E470)
_CASHADDR_PREFIX = "bitcoincash"
_SHORTEST_PAYLOAD = 21  # a version byte and a 20-byte hash: shorter payloads are no address


def base58_payload(text: str) -> bytes | None:
    """The payload of `text` read as Base58Check (version bytes included), or None if it is not:
    a payload and the first 4 bytes of its double SHA-256."""
    number = 0
    for ch in text:
        value = _BASE58_VALUES.get(ch)
        if value is None:
            return None
        number = number * 58 + value
    zeros = len(text) - len(text.lstrip("1"))  # leading '1's are leading zero bytes
    raw = b"\0" * zeros + number.to_bytes((number.bit_length() + 7) // 8, "big")
    payload, checksum = raw[:-4], raw[-4:]
    if not payload or hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4] != checksum:
        return None
    return payload


def base58check_ok(text: str) -> bool:
    """Whether `text` is Base58Check with a payload of at least 21 bytes (a version byte and a
    20-byte hash: shorter payloads are no address)."""
    payload = base58_payload(text)
    return payload is not None and len(payload) >= _SHORTEST_PAYLOAD


def _polymod(values: list[int], generator: tuple[int, ...], shift: int, mask: int) -> int:
    check = 1
    for value in values:
        top = check >> shift
        check = ((check & mask) << 5) ^ value
        for i, g in enumerate(generator):
            if (top >> i) & 1:
                check ^= g
    return check


def bech32_ok(text: str) -> bool:
    """Whether `text` (one case) is bech32 or bech32m, with any human-readable part."""
    if text != text.lower() and text != text.upper():
        return False
    text = text.lower()
    hrp, separator, data = text.rpartition("1")
    if not hrp or not separator or len(data) < 6:
        return False
    values = [_BECH32_VALUES.get(ch, -1) for ch in data]
    if -1 in values:
        return False
    expanded = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]
    return _polymod(expanded + values, _BECH32_GENERATOR, 25, 0x1FFFFFF) in _BECH32_CONSTANTS


def cashaddr_ok(text: str) -> bool:
    """Whether `text` is a Bitcoin Cash CashAddr, with or without its `bitcoincash:` prefix."""
    text = text.lower()
    prefix, _, data = text.rpartition(":")
    if prefix not in ("", _CASHADDR_PREFIX):
        return False
    values = [_BECH32_VALUES.get(ch, -1) for ch in data]
    if -1 in values or len(values) < 8:
        return False
    expanded = [ord(c) & 31 for c in _CASHADDR_PREFIX] + [0]
    return _polymod(expanded + values, _CASHADDR_GENERATOR, 35, 0x07FFFFFFFF) == 1


_STELLAR_ACCOUNT = 6 << 3  # StrKey's version byte for an account id ("G…")
STELLAR_SEED = 18 << 3  # and for a secret seed ("S…"): the account's private key


def _crc16_xmodem(data: bytes) -> int:
    crc = 0
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return crc


def stellar_ok(text: str, version: int = _STELLAR_ACCOUNT) -> bool:
    """Whether `text` is a Stellar StrKey of `version` (an account id unless told): base32 of a
    version byte, 32 bytes of key and their CRC16-XModem, little-endian."""
    if len(text) != 56:
        return False
    try:
        raw = base64.b32decode(text)
    except (binascii.Error, ValueError):
        return False
    body, checksum = raw[:-2], raw[-2:]
    return body[0] == version and _crc16_xmodem(body).to_bytes(2, "little") == checksum
