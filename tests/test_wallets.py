"""proxy/wallets.py: address checksums of any coin."""

from __future__ import annotations

import pytest

from proxy.wallets import (
    base58check_ok,
    bech32_ok,
    cashaddr_ok,
    ss58_ok,
    stellar_ok,
    ton_ok,
    xrp_x_address_ok,
)


@pytest.mark.parametrize(
    ("address", "valid"),
    [
        ("1BoatSLRHtKNngkdXEeobR76b53LETtpyT", True),  # Bitcoin P2PKH
        ("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", True),  # Bitcoin P2SH
        ("DH5yaieqoZN36fDVciNyRueRGvGLR3mr7L", True),  # Dogecoin
        ("TBSxpbWZdfpEPqTVgJyZYHAWUuvttWyYwm", True),  # Tron
        ("tz1KqTpEZ7Yob7QbPE4Hy4Wo8fHG8LhKxZSx", True),  # Tezos (3-byte prefix)
        ("1BoatSLRHtKNngkdXEeobR76b53LETtpyU", False),  # one character changed
        ("1BoatSLRHtKNngkdXEeobR76b53LETtpy0", False),  # '0' is not base58
        ("LSXX68NJ3atG3GHuYJ5xxjCz7RvR", False),  # a valid checksum over 17 bytes: too short for an address
        ("", False),
    ],
)
def test_base58check(address: str, valid: bool) -> None:
    assert base58check_ok(address) is valid


@pytest.mark.parametrize(
    ("address", "valid"),
    [
        ("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", True),  # bech32
        ("BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4", True),  # upper case, as QR codes print it
        ("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0", True),  # bech32m (taproot)
        ("cosmos1hsk6jryyqjfhp5dhc55tc9jtckygx0eph6dd02", True),  # any human-readable part
        ("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5", False),
        ("bc1Qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", False),  # mixed case
        ("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3tb", False),  # 'b' is not in the alphabet
        ("nohrp", False),
    ],
)
def test_bech32(address: str, valid: bool) -> None:
    assert bech32_ok(address) is valid


@pytest.mark.parametrize(
    ("address", "valid"),
    [
        ("bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a", True),
        ("qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a", True),  # the prefix is implied
        ("qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6b", False),
        ("bchtest:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a", False),  # another network's prefix
    ],
)
def test_cashaddr(address: str, valid: bool) -> None:
    assert cashaddr_ok(address) is valid


@pytest.mark.parametrize(
    ("address", "valid"),
    [
        ("GAAZI4TCR3TY5OJHCTJC2A4QSY6CJWJH5IAJTGKIN2ER7LBNVKOCCWN7", True),
        ("GAAZI4TCR3TY5OJHCTJC2A4QSY6CJWJH5IAJTGKIN2ER7LBNVKOCCWN6", False),  # the CRC fails
        ("SAAZI4TCR3TY5OJHCTJC2A4QSY6CJWJH5IAJTGKIN2ER7LBNVKOCCWN7", False),  # not an account id
        ("GAAZI4TCR3TY5OJHCTJC2A4QSY6CJWJH5IAJTGKIN2ER7LBNVKOCCWN", False),  # too short
    ],
)
def test_stellar(address: str, valid: bool) -> None:
    assert stellar_ok(address) is valid


POLKADOT = "15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5"
TON = "EQDtFpEwcFAEcRe5mLVh2N6C0x-_hJEM7W61_JLnSF74p4q2"
XRP_X = "X7AcgcsBL6XDcUb289X4mJ8djcdyKaB5hJDWMArnXr61cqZ"


@pytest.mark.parametrize(
    ("check", "address", "valid"),
    [
        (ss58_ok, POLKADOT, True),
        (ss58_ok, POLKADOT[:-1] + "6", False),  # one character changed
        (ss58_ok, "1BoatSLRHtKNngkdXEeobR76b53LETtpyT", False),  # Bitcoin's: no SS58 checksum
        (ton_ok, TON, True),  # bounceable, URL-safe base64
        (ton_ok, "UQDtFpEwcFAEcRe5mLVh2N6C0x-_hJEM7W61_JLnSF74p9dz", True),  # the same, non-bounceable
        (ton_ok, TON.replace("-", "+").replace("_", "/"), True),  # standard base64
        (ton_ok, TON[:-1] + "3", False),
        (ton_ok, "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlq", False),  # base64 of letters
        (xrp_x_address_ok, XRP_X, True),
        (xrp_x_address_ok, XRP_X[:-1] + "Y", False),
        (xrp_x_address_ok, "rPEPPER7kfTD9w2To4CQk6UCfuHM9c6GDY", False),  # a classic address
    ],
)
def test_other_chains(check: object, address: str, valid: bool) -> None:
    assert callable(check)
    assert check(address) is valid
