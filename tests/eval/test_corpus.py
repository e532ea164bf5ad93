"""The eval corpus is reproducible and its labels are true: every value is in its body and valid.

Checksums are verified here with code written apart from the generator's (base58 decoding,
bech32 polymod, `phonenumbers`), so a generator bug cannot hide behind its own validator.
"""

from __future__ import annotations

import collections
import hashlib
import re
import unicodedata

import phonenumbers
import pytest

from tests.eval import corpus
from tests.eval.corpus import PERSONAL, Sample
from tests.eval.oracle import view

_REGIONS = ("US", "GB", "DE", "FR", "ES", "IT", "NL", "IN", "CA", "BR", "PL", "AU")
_B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


@pytest.fixture(scope="module")
def samples() -> list[Sample]:
    return corpus.generate()


def _labels(samples: list[Sample], entity: str) -> list[str]:
    return sorted({label.text for s in samples for label in s.pii if label.entity == entity})


def test_same_seed_same_corpus() -> None:
    first, second = corpus.generate(7, 40), corpus.generate(7, 40)
    assert first == second
    assert corpus.generate(8, 40) != first


def test_corpus_is_big_and_wide(samples: list[Sample]) -> None:
    counts = collections.Counter(label.entity for s in samples for label in s.pii)
    assert sum(counts[e] for e in PERSONAL) >= 3000
    assert all(counts[e] >= 40 for e in PERSONAL), counts
    assert sum(len(s.decoys) for s in samples) >= 2000
    assert {s.content_type for s in samples} == {"application/json", "text/html", "text/csv", "text/plain"}
    assert len({s.shape for s in samples}) >= 15


def test_every_label_is_in_its_body(samples: list[Sample]) -> None:
    missing = []
    for i, sample in enumerate(samples):
        text = view(sample.content_type, sample.body).text
        missing += [(i, label) for label in sample.pii + sample.decoys if label.text not in text]
    assert missing == []


def test_no_decoy_is_also_personal(samples: list[Sample]) -> None:
    clash = [(s.path, d) for s in samples for d in s.decoys if any(d.text in p.text for p in s.pii)]
    assert clash == []


def _luhn(digits: str) -> bool:
    total = 0
    for i, c in enumerate(reversed(digits)):
        d = int(c) * (2 if i % 2 else 1)
        total += d // 10 + d % 10
    return total % 10 == 0


def test_cards_pass_luhn(samples: list[Sample]) -> None:
    cards = [re.sub(r"[\s-]", "", c) for c in _labels(samples, "CREDIT_CARD")]  # groups on lines too
    assert cards and all(c.isdigit() and len(c) in (15, 16) and _luhn(c) for c in cards)


def test_ssns_are_issuable(samples: list[Sample]) -> None:
    for ssn in _labels(samples, "US_SSN"):
        digits = re.sub(r"[ -]", "", ssn)
        area, group, serial = int(digits[:3]), int(digits[3:5]), int(digits[5:])
        assert len(digits) == 9 and 0 < area < 900 and area != 666 and group > 0 and serial > 0, ssn


def test_ibans_pass_mod97(samples: list[Sample]) -> None:
    for iban in _labels(samples, "IBAN_CODE"):
        compact = iban.replace(" ", "")
        moved = compact[4:] + compact[:4]
        assert int("".join(str(int(c, 36)) for c in moved)) % 97 == 1, iban


def _base58check(address: str, alphabet: str = _B58) -> bool:
    n = 0
    for c in address:
        n = n * 58 + alphabet.index(c)
    if n.bit_length() > 200:
        return False  # longer than a 25-byte address
    raw = n.to_bytes(25, "big")
    return hashlib.sha256(hashlib.sha256(raw[:-4]).digest()).digest()[:4] == raw[-4:]


def _polymod(values: list[int], generators: tuple[int, ...], shift: int) -> int:
    chk, mask = 1, (1 << shift) - 1
    for v in values:
        top, chk = chk >> shift, (chk & mask) << 5 ^ v
        for i, g in enumerate(generators):
            chk ^= g if (top >> i) & 1 else 0
    return chk


def _bech32(address: str) -> bool:
    hrp, _, data = address.rpartition("1")
    values = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp] + [_BECH32.index(c) for c in data]
    return _polymod(values, (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3), 25) == 1


def _cashaddr(address: str) -> bool:
    values = [ord(c) & 31 for c in "bitcoincash"] + [0] + [_BECH32.index(c) for c in address.split(":")[-1]]
    generators = (0x98F2BC8E61, 0x79B76D99E2, 0xF33E5FB3C4, 0xAE2EABE2A8, 0x1E4F43E470)
    return _polymod(values, generators, 35) == 1


def test_wallets_are_valid(samples: list[Sample]) -> None:
    kinds: collections.Counter[str] = collections.Counter()
    for wallet in _labels(samples, "CRYPTO"):
        if wallet.startswith(("bc1", "ltc1", "cosmos1")):
            kinds["bech32"] += 1
            assert _bech32(wallet), wallet
        elif wallet.startswith("0x"):
            kinds["evm"] += 1
            assert re.fullmatch(r"0x[0-9a-fA-F]{40}", wallet), wallet
        elif wallet.startswith("bitcoincash:") or re.fullmatch(r"q[02-9ac-hj-np-z]{41}", wallet):
            kinds["cashaddr"] += 1
            assert _cashaddr(wallet), wallet
        elif len(wallet) == 95 and wallet.startswith("4"):
            kinds["monero"] += 1  # its checksum is Keccak's: the shape only
            assert all(c in _B58 for c in wallet), wallet
        elif wallet.startswith("r") and len(wallet) <= 35:
            kinds["xrp"] += 1
            assert _base58check(wallet, "rpshnaf39wBUDNEGHJKLM4PQRST7VWXYZ2bcdeCg65jkm8oFqi1tuvAxyz"), wallet
        elif len(wallet) >= 40:
            kinds["solana"] += 1  # a 32-byte public key, no checksum
            assert all(c in _B58 for c in wallet), wallet
        else:
            kinds[wallet[0]] += 1  # 1/3 bitcoin, T tron, L/M litecoin, D dogecoin: all base58check
            assert _base58check(wallet), wallet
    assert {"bech32", "evm", "xrp", "1", "3", "T", "D", "cashaddr", "monero", "solana"} <= set(kinds), kinds


def test_phone_numbers_are_valid_somewhere(samples: list[Sample]) -> None:
    def valid(text: str) -> bool:
        for region in _REGIONS:
            try:
                if phonenumbers.is_valid_number(phonenumbers.parse(text, region)):
                    return True
            except phonenumbers.NumberParseException:
                continue
        return False

    phones = _labels(samples, "PHONE_NUMBER")
    assert [p for p in phones if not valid(p)] == []


def test_seed_phrases_are_bip39_mostly(samples: list[Sample]) -> None:
    from mnemonic import Mnemonic

    phrases = _labels(samples, "CRYPTO_SECRET")
    passed = 0
    for phrase in phrases:
        # The lists are stored decomposed; the corpus writes accents composed, as people type them.
        words = [unicodedata.normalize("NFKD", w.lower()) for w in re.findall(r"[^\W\d_]+", phrase)]
        assert len(words) in (12, 24), phrase
        lists = {lang: set(Mnemonic(lang).wordlist) for lang in ("english", "spanish", "french")}
        language = max(lists, key=lambda lang: len(lists[lang].intersection(words)))
        assert len(lists[language].intersection(words)) == len(set(words)), phrase
        passed += Mnemonic(language).check(" ".join(words))
    assert passed >= len(phrases) // 2  # one in five carries a typo that breaks the checksum
