"""Wallet secrets: what moves a customer's funds, not just names where they are.

A BIP-39 seed phrase (12 to 24 words from one of the standard word lists) and a private key in
Base58Check (WIF, or an extended key `xprv…`) give whoever reads them the wallet itself: a customer
who pastes one into a ticket must not hand it to every agent who opens the ticket.

Phrases are found as runs of at least 12 words of one list, separated as people write them
(spaces, commas, line breaks, numbering `1. abandon 2. ability`), mostly distinct (a list of
`True, False, …` is not a phrase). BIP-39's checksum confirms a run, but a run without it is still
reported: a phrase with a typo is a phrase an attacker can repair. In 116 million characters of
English prose and code (this machine's documentation and packages), the longest run of English
list words was 11, and only `True, False, …` lists reached 12.
"""

from __future__ import annotations

import functools
import hashlib
import unicodedata
from pathlib import Path

import mnemonic
import regex

from proxy.wallets import base58_payload

# The Latin-script BIP-39 lists (the others need a tokeniser of their own).
_LANGUAGES = ("english", "spanish", "french", "italian", "portuguese", "czech")
_SHORTEST = 12
_LENGTHS = (24, 21, 18, 15, 12)  # phrase lengths BIP-39 defines
_WORD = regex.compile(r"[^\W\d_]+")
# What may stand between two words of a written phrase: separators and a number before the word.
_GAP = regex.compile(r"[\s,;:.|/()#*'\"-]{1,8}(?:\d{1,2}[\s,;:.|/()#*-]{0,6})?")
# The cheapest test for "twelve words or more": the separators a phrase needs (callers gate on it).
_SEPARATORS = (" ", "\n", ",", "-", "\t")
# An extended key is 78 bytes whatever the coin (xprv, Yprv, Ltpv, dgpv…): its key data starts
# with 0x00 for a private key, 0x02 or 0x03 for a public one.
_EXTENDED_LENGTH = 78
_EXTENDED_KEY_DATA = 45
# Tezos secret keys (Ed25519, secp256k1, P-256), prefixed as Base58Check strings.
_TEZOS_SECRET = ("edsk", "spsk", "p2sk", "edesk")


def _folded(word: str) -> str:
    """Lower case without accents: people type `acido` for `ácido`, and each list stays unique."""
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@functools.cache
def _word_lists() -> tuple[dict[str, int], ...]:
    """Per language, folded word → its index in the list (the 11 bits it stands for)."""
    directory = Path(mnemonic.__file__).parent / "wordlist"
    lists = []
    for language in _LANGUAGES:
        words = (directory / f"{language}.txt").read_text(encoding="utf-8").split()
        lists.append({_folded(word): index for index, word in enumerate(words)})
    return tuple(lists)


@functools.cache
def _any_list() -> frozenset[str]:
    return frozenset(word for word_list in _word_lists() for word in word_list)


def may_hold_phrase(text: str) -> bool:
    """False for a text too short or with too few separators to hold twelve words."""
    return len(text) >= 47 and sum(map(text.count, _SEPARATORS)) >= _SHORTEST - 1


def checksum_ok(indexes: list[int]) -> bool:
    """BIP-39: the last bits of the words are the first bits of the SHA-256 of the others."""
    bits = len(indexes) * 11
    checksum_bits = bits // 33
    number = 0
    for index in indexes:
        number = number << 11 | index
    entropy = (number >> checksum_bits).to_bytes((bits - checksum_bits) // 8, "big")
    expected = hashlib.sha256(entropy).digest()[0] >> (8 - checksum_bits)
    return number & ((1 << checksum_bits) - 1) == expected


def phrases(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, confirmed by the checksum) of every seed phrase in `text`."""
    found: list[tuple[int, int, bool]] = []
    for run in _runs(text):
        for word_list in _word_lists():
            phrase: list[tuple[int, int, int]] = []  # start, end, index in the list
            for start, end, word in run:
                index = word_list.get(word)
                if index is not None:
                    phrase.append((start, end, index))
                else:
                    _close(phrase, found)
                    phrase = []
            _close(phrase, found)
    return found


def _runs(text: str) -> list[list[tuple[int, int, str]]]:
    """Runs of twelve or more words, each in some list, written as a phrase is: one pass, before
    any list is looked at on its own (prose has short runs)."""
    vocabulary = _any_list()
    runs: list[list[tuple[int, int, str]]] = []
    run: list[tuple[int, int, str]] = []
    for match in _WORD.finditer(text):
        word = _folded(match.group())
        if word not in vocabulary:
            if len(run) >= _SHORTEST:
                runs.append(run)
            run = []
            continue
        if run and _GAP.fullmatch(text, run[-1][1], match.start()) is None:
            if len(run) >= _SHORTEST:
                runs.append(run)
            run = []
        run.append((match.start(), match.end(), word))
    if len(run) >= _SHORTEST:
        runs.append(run)
    return runs


def _close(run: list[tuple[int, int, int]], found: list[tuple[int, int, bool]]) -> None:
    """Report a run long and varied enough, whole: a phrase the checksum confirms inside a longer
    run may be chance (one 12-word window in 16 passes), and the rest of the run its other half."""
    if len(run) < _SHORTEST:
        return
    indexes = [index for _, _, index in run]
    if len(set(indexes)) * 4 < len(indexes) * 3:
        return
    confirmed = any(
        checksum_ok(indexes[first : first + length])
        for length in _LENGTHS
        for first in range(len(run) - length + 1)
    )
    found.append((run[0][0], run[-1][1], confirmed))


def private_key_ok(text: str) -> bool:
    """Whether `text` is a Base58Check private key, of any coin: WIF (a version byte and 32 bytes of
    key, and a flag byte 0x01 for a compressed one), an extended private key, or Tezos's."""
    payload = base58_payload(text)
    if payload is None:
        return False
    if len(payload) == 33 or (len(payload) == 34 and payload[-1] == 0x01):
        return True  # an address is a version and a 20-byte hash: 21 bytes, 23 for Tezos
    if len(payload) == _EXTENDED_LENGTH:
        return payload[_EXTENDED_KEY_DATA] == 0x00
    return text.startswith(_TEZOS_SECRET)


def bech32_secret(text: str) -> bool:
    """Whether a bech32 string's prefix names a secret key: Nostr's `nsec`, Cardano's `…_sk`
    and `…_xsk` (`ed25519_sk1…`, `root_xsk1…`)."""
    hrp = text.lower().rpartition("1")[0]
    return hrp == "nsec" or hrp.endswith(("_sk", "_xsk"))
