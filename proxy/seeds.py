"""Wallet secrets: what moves a customer's funds, not just names where they are.

A BIP-39 seed phrase (12 to 24 words from one of the standard word lists) and a private key in
Base58Check (WIF, or an extended key `xprv…`) give whoever reads them the wallet itself: a customer
who pastes one into a ticket must not hand it to every agent who opens the ticket.

Phrases are found as runs of words written as people write them: separated by anything but
letters (spaces, commas, pipes, slashes, bullets, emoji, line breaks, quote marks), numbered
(`1. abandon`, `#2 ability`, `3rd able`, `Word 4: about`), with a typo or an `and` or two among
them. A run of one list holding at least 10 of its words in 12 or more, at most two words from
outside it, and mostly distinct words (a list of `True, False, …` is not a phrase) is reported
whole. BIP-39's checksum confirms a phrase, but one that fails it is still reported: a phrase with
a typo is a phrase an attacker can repair. Over 116 million characters of this machine's
documentation and packages, no prose was taken for a phrase; 51 runs of code were (word lists,
chains of identifiers such as `self.allow_simple_key = True`), which support tickets rarely hold.
"""

from __future__ import annotations

import functools
import hashlib
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import mnemonic
import regex

from proxy.wallets import base58_payload

# The Latin-script BIP-39 lists (the others need a tokeniser of their own).
_LANGUAGES = ("english", "spanish", "french", "italian", "portuguese", "czech")
_SHORTEST = 12
_LENGTHS = (24, 21, 18, 15, 12)  # phrase lengths BIP-39 defines
_LEAST_LISTED = 10  # words of the list in a phrase of 12 or more
_MOST_FOREIGN = 2  # words from outside the list (typos, "and") inside a phrase
_SHORTEST_TYPO = 4
_CONJUNCTIONS = frozenset({"and", "y", "e", "et", "und"})  # "…, inch and high"
_WORD = regex.compile(r"[^\W\d_]+")
# What may stand between two words of a phrase: anything but letters, short, and no longer number
# than an index (a year or an amount between two words ends the run).
_GAP = regex.compile(r"[\W\d_]{1,16}")
_LONG_NUMBER = regex.compile(r"\d{4}")
# Index labels, skipped with their number: "Word 1: abandon", "palabra #2 …", "3rd able".
_LABELS = frozenset({"word", "words", "wort", "palabra", "mot", "parola", "palavra", "slovo"})
_LABEL_NUMBER = regex.compile(r"[\s#:.-]{0,3}\d{1,3}")
_ORDINAL_SUFFIXES = frozenset({"st", "nd", "rd", "th", "er", "re", "e", "o", "a", "º", "ª"})
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
    """False for a text too short to hold twelve words (the recognizer's guard decides the rest)."""
    return len(text) >= _SHORTEST * 4 - 1


def lists_enough_words(text: str) -> bool:
    """Whether `text` holds enough words of the lists for a phrase (most text does not)."""
    return _lists_enough(_folded(match.group()) for match in _WORD.finditer(text))


def _lists_enough(folded_words: Iterable[str]) -> bool:
    vocabulary = _any_list()
    return sum(1 for word in folded_words if word in vocabulary) >= _LEAST_LISTED


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
    """(start, end, confirmed by the checksum) of every seed phrase in `text`; overlapping readings
    (two lists, two stretches of one run) are one phrase."""
    found: list[tuple[int, int, bool]] = []
    words = [(match, _folded(match.group())) for match in _WORD.finditer(text)]
    if not _lists_enough(word for _, word in words):
        return found  # most prose: one pass says so
    for run in _runs(text, words):
        for language in range(len(_LANGUAGES)):
            found += _phrases_of_list(run, language)
    merged: list[tuple[int, int, bool]] = []
    for start, end, confirmed in sorted(found):
        if merged and start < merged[-1][1]:
            last = merged[-1]
            merged[-1] = (last[0], max(last[1], end), last[2] or confirmed)
        else:
            merged.append((start, end, confirmed))
    return merged


def _runs(text: str, words: list[tuple[regex.Match[str], str]]) -> list[list[tuple[int, int, str]]]:
    """Runs of the text's words (with their folded forms) with only short non-letter gaps between
    them (index labels and ordinals are part of the gap), holding enough listed words for a phrase."""
    runs: list[list[tuple[int, int, str]]] = []
    run: list[tuple[int, int, str]] = []
    end = 0  # of the last word, or of a label or ordinal after it: the gap is measured from there
    for match, word in words:
        if run and not _joined(text, end, match.start()):
            _keep(run, runs)
            run = []
        end = match.end()
        if not _in_gap(text, match):
            run.append((match.start(), match.end(), word))
    _keep(run, runs)
    return runs


def _in_gap(text: str, match: regex.Match[str]) -> bool:
    """An index label with its number ("Word 1:") or an ordinal's letters ("3rd")."""
    word = match.group().lower()
    if word in _LABELS:
        return _LABEL_NUMBER.match(text, match.end()) is not None
    return word in _ORDINAL_SUFFIXES and match.start() > 0 and text[match.start() - 1].isdigit()


def _joined(text: str, end: int, start: int) -> bool:
    gap = _GAP.fullmatch(text, end, start)
    return gap is not None and _LONG_NUMBER.search(gap.group()) is None


def _keep(run: list[tuple[int, int, str]], runs: list[list[tuple[int, int, str]]]) -> None:
    if _lists_enough(word for _, _, word in run):
        runs.append(run)


def _phrases_of_list(run: list[tuple[int, int, str]], language: int) -> list[tuple[int, int, bool]]:
    """The phrases of one list in a run: the run is cut at each word that is neither the list's
    nor a typo of one of its words (nor "and"), and each piece read by `_stretches`."""
    word_list = _word_lists()[language]
    found: list[tuple[int, int, bool]] = []
    piece: list[tuple[int, int, str]] = []
    for token in run:
        if token[2] in word_list or _typo_or_and(token[2], language):
            piece.append(token)
        else:
            found += _stretches(piece, word_list)
            piece = []
    return found + _stretches(piece, word_list)


def _stretches(run: list[tuple[int, int, str]], word_list: dict[str, int]) -> list[tuple[int, int, bool]]:
    """The longest stretches of `run` with at most two words outside `word_list`, from a listed
    word to a listed word (two pointers: one pass), long and varied enough to be phrases."""
    listed = [word_list.get(word) for _, _, word in run]
    found = []
    left = foreign = 0
    for right, index in enumerate(listed):
        foreign += index is None
        while foreign > _MOST_FOREIGN:
            foreign -= listed[left] is None
            left += 1
        if right + 1 < len(listed) and (listed[right + 1] is not None or foreign < _MOST_FOREIGN):
            continue  # the stretch goes on
        phrase = _phrase(run[left : right + 1], listed[left : right + 1])
        if phrase is not None:
            found.append(phrase)
    return found


def _typo_or_and(word: str, language: int) -> bool:
    """A word one letter away from one of the list's (added, dropped, changed or swapped with the
    next), four letters or more ("the" is a letter from "they", and prose is full of such), or a
    conjunction before a phrase's last word."""
    if word in _CONJUNCTIONS:
        return True
    if len(word) < _SHORTEST_TYPO:
        return False
    near = _near_words()[language]
    return word in near or any(word[:i] + word[i + 1 :] in near for i in range(len(word)))


@functools.cache
def _near_words() -> tuple[frozenset[str], ...]:
    """Per list, its words and each with one letter dropped: two words are one edit apart exactly
    when these sets of theirs meet (a symmetric-delete index)."""
    return tuple(
        frozenset(
            v for word in word_list for v in (word, *(word[:i] + word[i + 1 :] for i in range(len(word))))
        )
        for word_list in _word_lists()
    )


def _phrase(stretch: list[tuple[int, int, str]], indexes: list[int | None]) -> tuple[int, int, bool] | None:
    """The phrase in a stretch, if it is long and varied enough: from its first listed word to its
    last, less a word or two cut off by a foreign one at either end ("seed phrase is abandon…":
    `seed` is a listed word). Whole otherwise: a phrase the checksum confirms inside a longer run
    may be chance (one 12-word window in 16 passes), and the rest its other half."""
    first, last = _ends(indexes)
    if first > last:
        return None
    if last - first + 1 == _SHORTEST - 1:  # a typo in the first or last word: it is still the phrase's
        if first > 0:
            first -= 1
        elif last + 1 < len(indexes):
            last += 1
    for trimmed in (
        (_cut_head(indexes, first, last), last),
        (first, _cut_tail(indexes, first, last)),
        (first, last),
    ):
        listed = [index for index in indexes[trimmed[0] : trimmed[1] + 1] if index is not None]
        long_enough = trimmed[1] - trimmed[0] + 1 >= _SHORTEST and _varied(listed)
        # cut only where what is left is a phrase of listed words alone
        if long_enough and (trimmed == (first, last) or len(listed) >= _SHORTEST):
            break
    else:
        return None
    confirmed = any(
        checksum_ok(listed[start : start + length])
        for length in _LENGTHS
        for start in range(len(listed) - length + 1)
    )
    return stretch[trimmed[0]][0], stretch[trimmed[1]][1], confirmed


def _ends(indexes: list[int | None]) -> tuple[int, int]:
    listed = [i for i, index in enumerate(indexes) if index is not None]
    return (listed[0], listed[-1]) if listed else (1, 0)


def _cut_head(indexes: list[int | None], first: int, last: int) -> int:
    """Past one or two listed words that a foreign word separates from the rest."""
    for cut in (first + 1, first + 2):
        if cut <= last and indexes[cut] is None and all(i is not None for i in indexes[first:cut]):
            return _ends(indexes[cut:])[0] + cut if any(i is not None for i in indexes[cut:]) else first
    return first


def _cut_tail(indexes: list[int | None], first: int, last: int) -> int:
    """Before one or two listed words that a foreign word separates from the rest."""
    for cut in (last - 1, last - 2):
        if cut >= first and indexes[cut] is None and all(i is not None for i in indexes[cut + 1 : last + 1]):
            return _ends(indexes[: cut + 1])[1] if any(i is not None for i in indexes[:cut]) else last
    return last


def _varied(listed: list[int]) -> bool:
    return len(listed) >= _LEAST_LISTED and len(set(listed)) * 4 >= len(listed) * 3


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
