"""The third corpus (tests/eval/third/) is reproducible, its checksummed values are valid, its judge is right.

Fast: no spaCy model, no pipeline. Checksums are verified with code written here, not with the
generator's own helpers, so a generator bug cannot hide behind its own validator.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from typing import Any

import pytest

from tests.eval.third import corpus, values
from tests.eval.third.oracle import judge

# sha256 of json.dumps(generate(20250917), ensure_ascii=False): the bytes the first run was reported on.
DEFAULT_SEED_SHA256 = "9c353a36e1354accea571db3638efacff8882e8018bdfb1a206db06dd4e9932a"


def _sha(docs: list[dict[str, Any]]) -> str:
    return hashlib.sha256(json.dumps(docs, ensure_ascii=False).encode()).hexdigest()


@pytest.fixture(scope="module")
def docs() -> list[dict[str, Any]]:
    return corpus.generate(corpus.SEED)


def _values(docs: list[dict[str, Any]], kind: str, sub: str | None = None) -> list[str]:
    found = {
        p["value"]
        for d in docs
        for p in d["personal"]
        if p["type"] == kind and (sub is None or p["sub"].split()[0] == sub)
    }
    assert found, (kind, sub)
    return sorted(found)


# ---------------------------------------------------------------- the generator


def test_same_seed_same_bytes_other_seed_other_bytes(docs: list[dict[str, Any]]) -> None:
    assert corpus.SEED == 20250917
    assert _sha(docs) == DEFAULT_SEED_SHA256
    assert _sha(corpus.generate(corpus.SEED)) == DEFAULT_SEED_SHA256
    other = corpus.generate(7)
    assert _sha(other) != DEFAULT_SEED_SHA256
    assert [d["body"] for d in other] != [d["body"] for d in docs]


def test_corpus_shape(docs: list[dict[str, Any]]) -> None:
    assert len(docs) == corpus.N_RESPONSES == 400
    assert [d["i"] for d in docs] == list(range(400))
    assert sum(len(d["personal"]) for d in docs) == 4166
    assert sum(len(d["decoys"]) for d in docs) == 1507
    assert {d["content_type"] for d in docs} == {"application/json", "text/html", "text/csv", "text/plain"}
    assert {d["template"] for d in docs} == {fn.__name__ for fn, _ in corpus.TEMPLATES}


def test_oracle_finds_every_value_and_decoy_in_its_own_input(docs: list[dict[str, Any]]) -> None:
    for d in docs[:120]:
        personal, decoys = judge(d, d["body"])
        assert set(personal) <= {"leaked"}, d["i"]
        assert set(decoys) <= {"unchanged"}, d["i"]


# ---------------------------------------------------------------- checksums, written apart from values.py


def _digits(s: str) -> list[int]:
    return [int(c) for c in s if c.isdigit()]


def _luhn(s: str) -> bool:
    d = _digits(s)
    return (sum(d[-1::-2]) + sum(sum(divmod(2 * x, 10)) for x in d[-2::-2])) % 10 == 0


def _mod97(iban: str) -> bool:
    compact = re.sub(r"[\s-]", "", iban).upper()
    return int("".join(str(int(c, 36)) for c in compact[4:] + compact[:4])) % 97 == 1


def _dni(s: str) -> bool:
    number = int(s[:-1].replace("X", "0").replace("Y", "1").replace("Z", "2"))
    return "TRWAGMYFPDXBNJZSQVHLCKE"[number % 23] == s[-1]


def _cpf(s: str) -> bool:
    d = _digits(s)
    for n in (9, 10):
        if sum(x * w for x, w in zip(d[:n], range(n + 1, 1, -1), strict=True)) * 10 % 11 % 10 != d[n]:
            return False
    return len(d) == 11


def _bsn(s: str) -> bool:
    return sum(x * w for x, w in zip(_digits(s), (9, 8, 7, 6, 5, 4, 3, 2, -1), strict=True)) % 11 == 0


def _pesel(s: str) -> bool:
    return sum(x * w for x, w in zip(_digits(s), (1, 3, 7, 9, 1, 3, 7, 9, 1, 3, 1), strict=True)) % 10 == 0


def _cn_id(s: str) -> bool:  # ISO 7064 MOD 11-2 over 17 digits, X for 10
    total = sum(int(c) * (2 ** (17 - i) % 11) for i, c in enumerate(s[:17]))
    return "10X98765432"[total % 11] == s[17].upper()


def _tr_tc(s: str) -> bool:
    d = _digits(s)
    tenth = ((d[0] + d[2] + d[4] + d[6] + d[8]) * 7 - (d[1] + d[3] + d[5] + d[7])) % 10
    return len(d) == 11 and d[0] != 0 and d[9] == tenth and d[10] == sum(d[:10]) % 10


def _verhoeff(s: str) -> bool:  # Aadhaar: the checksum over all 12 digits is 0
    def mul(j: int, k: int) -> int:  # the dihedral group D5
        if j < 5:
            return (j + k) % 5 if k < 5 else 5 + (j + k) % 5
        return 5 + (j - k) % 5 if k < 5 else (j - k) % 5

    perms = [list(range(10))]
    for _ in range(7):
        perms.append([(1, 5, 7, 6, 2, 8, 3, 0, 9, 4)[x] for x in perms[-1]])
    c = 0
    for i, digit in enumerate(reversed(_digits(s))):
        c = mul(c, perms[i % 8][digit])
    return c == 0


def _mrz_digit(field: str) -> str:
    def val(c: str) -> int:
        return 0 if c == "<" else int(c) if c.isdigit() else ord(c) - 55

    return str(sum(val(c) * (7, 3, 1)[i % 3] for i, c in enumerate(field)) % 10)


def test_the_checkers_themselves_reject_wrong_values() -> None:
    assert _luhn("4111 1111 1111 1111") and not _luhn("4111 1111 1111 1112")
    assert _mod97("GB82 WEST 1234 5698 7654 32") and not _mod97("GB82 WEST 1234 5698 7654 33")
    assert _dni("12345678Z") and not _dni("12345678A")
    assert _cn_id("11010519491231002X") and not _cn_id("110105194912310021")
    assert _verhoeff("2363") and not _verhoeff("2364")
    assert _mrz_digit("L898902C3") == "6" and _mrz_digit("740812") == "2"  # ICAO 9303's specimen


def test_cards_and_ibans_in_the_corpus_pass_their_checks(docs: list[dict[str, Any]]) -> None:
    cards = _values(docs, "CREDIT_CARD")
    assert len(cards) >= 200
    assert [c for c in cards if not _luhn(c)] == []
    ibans = _values(docs, "IBAN")
    assert len(ibans) >= 200
    assert [i for i in ibans if not _mod97(i)] == []


@pytest.mark.parametrize(
    ("sub", "check"),
    [
        ("es_dni", _dni),
        ("es_nie", _dni),
        ("br_cpf", _cpf),
        ("nl_bsn", _bsn),
        ("pl_pesel", _pesel),
        ("aadhaar", _verhoeff),
        ("ca_sin", _luhn),
        ("za_id", _luhn),
        ("cn_id", _cn_id),
        ("tr_tc", _tr_tc),
    ],
)
def test_national_ids_in_the_corpus_pass_their_checks(
    docs: list[dict[str, Any]], sub: str, check: Any
) -> None:
    ids = _values(docs, "NATIONAL_ID", sub)
    assert [v for v in ids if not check(v)] == []


def test_mrz_second_lines_carry_valid_check_digits(docs: list[dict[str, Any]]) -> None:
    lines = _values(docs, "MRZ", "line2")
    assert len(lines) >= 10
    for line in lines:
        assert len(line) == 44, line
        assert _mrz_digit(line[0:9]) == line[9], line  # document number
        assert _mrz_digit(line[13:19]) == line[19], line  # date of birth
        assert _mrz_digit(line[21:27]) == line[27], line  # expiry


def test_checksummed_generators_directly() -> None:
    r = random.Random(3)
    for _ in range(200):
        assert _luhn(values.card(r)[1])
        assert _mod97(values.iban(r))
        assert _cpf(values.br_cpf(r))
        assert _verhoeff(values.aadhaar(r))
        assert _dni(values.es_dni(r))


# ---------------------------------------------------------------- the judge


CARD = "4111 1111 1111 1111"


def _sample(body: str, ct: str = "text/plain", **personal: Any) -> dict[str, Any]:
    return {
        "i": 0,
        "template": "unit",
        "content_type": ct,
        "path": "/unit",
        "body": body,
        "personal": [{"type": "CREDIT_CARD", "sub": "visa", "value": CARD, **personal}],
        "decoys": [{"cls": "order_number", "value": "ORD-2024-123456"}],
    }


@pytest.mark.parametrize(
    ("out", "verdict"),
    [
        (f"card {CARD} for ORD-2024-123456", "leaked"),  # verbatim
        ("card 4111111111111111 for ORD-2024-123456", "leaked"),  # separators removed
        ("card 4111-1111-1111-1111 for ORD-2024-123456", "leaked"),  # other separators
        ("card <CREDIT_CARD> for ORD-2024-123456", "masked"),  # masked
        ("card ************1111 for ORD-2024-123456", "masked"),  # last four shown: not the value
        ("card 4111 1111 1111 **** for ORD-2024-123456", "partial"),  # most of it shown
    ],
)
def test_card_verdicts(out: str, verdict: str) -> None:
    personal, decoys = judge(_sample(f"card {CARD} for ORD-2024-123456"), out)
    assert personal == [verdict]
    assert decoys == ["unchanged"]


def test_changed_decoy_counts_as_changed_and_withheld_as_withheld() -> None:
    sample = _sample(f"card {CARD} for ORD-2024-123456")
    assert judge(sample, "card <CREDIT_CARD> for ORD-2024-<PHONE_NUMBER>") == (["masked"], ["changed"])
    assert judge(sample, "card <CREDIT_CARD> for ord-2024-123456") == (["masked"], ["changed"])
    assert judge(sample, None) == (["withheld"], ["withheld"])


def test_json_views_and_split_values() -> None:
    body = json.dumps({"card": {"a": "4111", "b": "1111"}, "order": "ORD-2024-123456"})
    sample = _sample(body, "application/json", json_path=["card"])
    assert judge(sample, body) == (["leaked"], ["unchanged"])
    masked = json.dumps({"card": {"a": "****", "b": "1111"}, "order": "ORD-2024-123456"})
    assert judge(sample, masked) == (["masked"], ["unchanged"])
    escaped = '{"note": "card 4111\\u0020 1111 1111 1111", "order": "ORD-2024-123456"}'
    assert judge(_sample(body, "application/json"), escaped) == (["leaked"], ["unchanged"])


def test_last_name_counts_as_a_word_outside_e_mail_addresses() -> None:
    sample = {
        "content_type": "text/plain",
        "body": "Köhler",
        "personal": [{"type": "LAST_NAME", "sub": "", "value": "Köhler"}],
        "decoys": [],
    }
    assert judge(sample, "Herr KÖHLER schrieb") == (["leaked"], [])
    assert judge(sample, "Herr <PERSON> schrieb von koehler@web.de, köhler@web.de") == (["masked"], [])
    assert judge(sample, "Herr Köhlerstraße") == (["masked"], [])
