"""Checksums of crypto wallet addresses, whatever the coin: a value that passes one is an address.

Base58Check (Bitcoin legacy, Litecoin, Dogecoin, Dash, Tron, Tezos, Zcash transparent…), bech32 and
bech32m with any human-readable part (Bitcoin segwit, Litecoin, Cosmos chains, Cardano…),
CashAddr (Bitcoin Cash), Stellar's StrKey, SS58 (Polkadot and Substrate chains), XRP X-addresses
and TON's user-friendly form. A random string passes with a chance of about 2^-16
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


def _base58_bytes(text: str, values: dict[str, int] = _BASE58_VALUES) -> bytes | None:
    """`text` read as base58 in the alphabet `values` maps, or None if it holds another character."""
    number = 0
    for ch in text:
        value = values.get(ch)
        if value is None:
            return None
        number = number * 58 + value
    zero = next(ch for ch, value in values.items() if value == 0)
    zeros = len(text) - len(text.lstrip(zero))  # leading zero digits are leading zero bytes
    return b"\0" * zeros + number.to_bytes((number.bit_length() + 7) // 8, "big")


def base58_payload(text: str, values: dict[str, int] = _BASE58_VALUES) -> bytes | None:
    """The payload of `text` read as Base58Check (version bytes included), or None if it is not:
    a payload and the first 4 bytes of its double SHA-256."""
    raw = _base58_bytes(text, values)
    if raw is None:
        return None
    payload, checksum = raw[:-4], raw[-4:]
    if not payload or hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4] != checksum:
        return None
    return payload


def base58check_ok(text: str) -> bool:
    """Whether `text` is Base58Check with a payload of at least 21 bytes (a version byte and a
    20-byte hash: shorter payloads are no address)."""
    payload = base58_payload(text)
    return payload is not None and len(payload) >= _SHORTEST_PAYLOAD


# Substrate chains (Polkadot, Kusama…): a network prefix of 1 or 2 bytes, a 32-byte public key and
# the first 2 bytes of a BLAKE2b-512 of "SS58PRE", prefix and key.
_SS58_CONTEXT = b"SS58PRE"


def ss58_ok(text: str) -> bool:
    """Whether `text` is an SS58 address (Polkadot `1…`, Kusama, any Substrate chain's)."""
    raw = _base58_bytes(text)
    if raw is None or len(raw) not in (35, 36):
        return False
    body, checksum = raw[:-2], raw[-2:]
    return hashlib.blake2b(_SS58_CONTEXT + body, digest_size=64).digest()[:2] == checksum


# The XRP Ledger's own base58 alphabet; an X-address (`X…`, testnet `T…`) carries the account and
# its destination tag, with a Base58Check checksum.
_XRP_VALUES = {ch: i for i, ch in enumerate("rpshnaf39wBUDNEGHJKLM4PQRST7VWXYZ2bcdeCg65jkm8oFqi1tuvAxyz")}
_XRP_X_PREFIXES = (b"\x05\x44", b"\x04\x93")
_XRP_X_LENGTH = 31


def xrp_x_address_ok(text: str) -> bool:
    payload = base58_payload(text, _XRP_VALUES)
    return payload is not None and len(payload) == _XRP_X_LENGTH and payload[:2] in _XRP_X_PREFIXES


# TON's user-friendly form: 36 bytes in base64 (URL-safe or not): flags (bounceable or not,
# testnet or not), a workchain (0 or -1), a 32-byte account, and a CRC16-XModem of the rest.
_TON_FLAGS = frozenset({0x11, 0x51, 0x91, 0xD1})
_TON_WORKCHAINS = frozenset({0x00, 0xFF})


def ton_ok(text: str) -> bool:
    """Whether `text` is a TON address in its user-friendly form (`EQ…`, `UQ…`)."""
    if len(text) != 48:
        return False
    try:
        raw = base64.b64decode(text.replace("-", "+").replace("_", "/"), validate=True)
    except (binascii.Error, ValueError):
        return False
    return (
        len(raw) == 36
        and raw[0] in _TON_FLAGS
        and raw[1] in _TON_WORKCHAINS
        and _crc16_xmodem(raw[:34]).to_bytes(2, "big") == raw[34:]
    )


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
