"""Self-check: validates every labelled value's check digits with code written separately from values.py,
and that every label occurs in its body. Run: PYTHONPATH=/tmp python -m fourth.check"""

from __future__ import annotations

import collections
import hashlib
import re
import sys

from tests.eval.fourth import corpus
from tests.eval.fourth.oracle import bounded_spans, piece_pairs, views


def only(s, chars="0123456789"):
    return "".join(c for c in s if c in chars)


def luhn_ok(num: str) -> bool:
    ds = [int(c) for c in num][::-1]
    tot = sum(ds[0::2]) + sum(sum(divmod(2 * d, 10)) for d in ds[1::2])
    return tot % 10 == 0


def iban_ok(s: str) -> bool:
    s = re.sub(r"[\s-]", "", s).upper()
    r = s[4:] + s[:4]
    rem = 0
    for ch in r:  # piecewise, no big int
        v = str(ord(ch) - 55) if ch.isalpha() else ch
        for d in v:
            rem = (rem * 10 + int(d)) % 97
    lengths = {
        "DE": 22,
        "GB": 22,
        "IE": 22,
        "FR": 27,
        "ES": 24,
        "IT": 27,
        "NL": 18,
        "BE": 16,
        "CH": 21,
        "AT": 20,
        "PL": 28,
        "PT": 25,
        "SE": 24,
        "DK": 18,
        "FI": 18,
        "NO": 15,
        "LT": 20,
        "LU": 20,
        "AE": 23,
        "TR": 26,
        "BR": 29,
    }
    return rem == 1 and lengths.get(s[:2]) == len(s)


ALPH = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
XRP = "rpshnaf39wBUDNEGHJKLM4PQRST7VWXYZ2bcdeCg65jkm8oFqi1tuvAxyz"


def b58dec(s: str, alph=ALPH) -> bytes:
    n = 0
    for ch in s:
        n = n * 58 + alph.index(ch)
    raw = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return b"\0" * (len(s) - len(s.lstrip(alph[0]))) + raw


def b58check_version(s: str, alph=ALPH):
    raw = b58dec(s, alph)
    body, chk = raw[:-4], raw[-4:]
    if hashlib.sha256(hashlib.sha256(body).digest()).digest()[:4] != chk:
        return None
    return body[0], len(body) - 1


def bech32_ok(addr: str) -> bool:
    charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
    hrp, _, data = addr.lower().rpartition("1")
    vals = [charset.index(c) for c in data]
    chk = 1
    for v in [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp] + vals:
        top = chk >> 25
        chk = ((chk & 0x1FFFFFF) << 5) ^ v
        for i, g in enumerate((0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)):
            if (top >> i) & 1:
                chk ^= g
    want = 1 if vals[0] == 0 else 0x2BC830A3
    return chk == want


def verhoeff_ok(num: str) -> bool:
    d = [[(j + k) % 5 + 5 * ((j // 5 + k // 5) % 2) if False else 0 for k in range(10)] for j in range(10)]
    # dihedral D5 multiplication built from its definition
    for j in range(10):
        for k in range(10):
            if j < 5 and k < 5:
                d[j][k] = (j + k) % 5
            elif j < 5:
                d[j][k] = 5 + (j + k - 5) % 5
            elif k < 5:
                d[j][k] = 5 + (j - 5 - k) % 5
            else:
                d[j][k] = (j - k) % 5
    p0 = [1, 5, 7, 6, 2, 8, 3, 0, 9, 4]
    perms = [list(range(10))]
    for _ in range(7):
        perms.append([p0[x] for x in perms[-1]])
    c = 0
    for i, ch in enumerate(reversed(num)):
        c = d[c][perms[i % 8][int(ch)]]
    return c == 0


def mod11_weights(num: str, weights) -> int:
    return sum(int(a) * w for a, w in zip(num, weights, strict=False)) % 11


def check_natid(sub: str, v: str) -> bool | None:
    s = v.replace(" ", "").replace("-", "").replace(".", "")
    if sub == "ssn":
        d = only(v)
        return (
            len(d) == 9 and d[:3] not in ("000", "666") and d[0] != "9" and d[3:5] != "00" and d[5:] != "0000"
        )
    if sub == "br_cpf":
        d = [int(c) for c in only(v)]
        c1 = (sum(d[i] * (10 - i) for i in range(9)) * 10) % 11 % 10
        c2 = (sum(d[i] * (11 - i) for i in range(10)) * 10) % 11 % 10
        return len(d) == 11 and d[9] == c1 and d[10] == c2
    if sub == "es_dni":
        n = s[:-1].replace("X", "0").replace("Y", "1").replace("Z", "2")
        return "TRWAGMYFPDXBNJZSQVHLCKE"[int(n) % 23] == s[-1]
    if sub == "it_codice_fiscale":
        odd = dict(
            zip(
                "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                [
                    1,
                    0,
                    5,
                    7,
                    9,
                    13,
                    15,
                    17,
                    19,
                    21,
                    1,
                    0,
                    5,
                    7,
                    9,
                    13,
                    15,
                    17,
                    19,
                    21,
                    2,
                    4,
                    18,
                    20,
                    11,
                    3,
                    6,
                    8,
                    12,
                    14,
                    16,
                    10,
                    22,
                    25,
                    24,
                    23,
                ],
                strict=False,
            )
        )
        even = {c: (int(c) if c.isdigit() else ord(c) - 65) for c in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"}
        tot = sum(odd[c] if i % 2 == 0 else even[c] for i, c in enumerate(s[:15]))
        return len(s) == 16 and chr(65 + tot % 26) == s[15]
    if sub == "nl_bsn":
        return len(s) == 9 and (sum(int(s[i]) * (9 - i) for i in range(8)) - int(s[8])) % 11 == 0
    if sub == "se_personnummer":
        d = only(v)[-10:]
        return luhn_ok(d)
    if sub == "no_fodselsnummer":
        return (
            mod11_weights(s, [3, 7, 6, 1, 8, 9, 4, 5, 2, 1]) == 0
            and mod11_weights(s, [5, 4, 3, 2, 7, 6, 5, 4, 3, 2, 1]) == 0
        )
    if sub == "fi_hetu":
        return "0123456789ABCDEFHJKLMNPRSTUVWXY"[int(v[:6] + v[7:10]) % 31] == v[10]
    if sub == "pl_pesel":
        return sum(int(a) * w for a, w in zip(s, [1, 3, 7, 9, 1, 3, 7, 9, 1, 3, 1], strict=False)) % 10 == 0
    if sub == "in_aadhaar":
        return len(s) == 12 and s[0] not in "01" and verhoeff_ok(s)
    if sub == "sg_nric":
        w = [2, 7, 6, 5, 4, 3, 2]
        t = sum(int(a) * b for a, b in zip(s[1:8], w, strict=False)) + (4 if s[0] in "TG" else 0)
        return ("JZIHGFEDCBA" if s[0] in "ST" else "XWUTRQPNMLK")[t % 11] == s[8]
    if sub == "cl_rut":
        body, dv = s[:-1], s[-1]
        t = sum(int(c) * (2 + i % 6) for i, c in enumerate(reversed(body)))
        r = 11 - t % 11
        return dv == {11: "0", 10: "K"}.get(r, str(r))
    if sub == "ar_cuil":
        return len(s) == 11 and (
            sum(int(a) * w for a, w in zip(s, [5, 4, 3, 2, 7, 6, 5, 4, 3, 2, 1], strict=False)) % 11 == 0
        )
    if sub == "mx_curp":
        dic = "0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ"
        t = sum(dic.index(c) * (18 - i) for i, c in enumerate(s[:17]))
        return int(s[17]) == (10 - t % 10) % 10 and len(s) == 18
    if sub == "kr_rrn":
        w = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5]
        return (11 - sum(int(a) * b for a, b in zip(s, w, strict=False)) % 11) % 10 == int(s[12])
    if sub == "jp_my_number":
        b = s[:11]
        tot = sum(int(b[10 - (n - 1)]) * (n + 1 if n <= 6 else n - 5) for n in range(1, 12))
        r = tot % 11
        return int(s[11]) == (0 if r <= 1 else 11 - r)
    if sub == "ca_sin":
        return len(s) == 9 and luhn_ok(s) and s[0] not in "08"
    if sub == "cn_resident_id":
        w = [2 ** (17 - i) % 11 for i in range(17)]
        return "10X98765432"[sum(int(a) * b for a, b in zip(s[:17], w, strict=False)) % 11] == s[17]
    if sub == "tr_kimlik":
        d = [int(c) for c in s]
        return (
            d[9] == ((d[0] + d[2] + d[4] + d[6] + d[8]) * 7 - (d[1] + d[3] + d[5] + d[7])) % 10
            and d[10] == sum(d[:10]) % 10
        )
    if sub == "za_id":
        return len(s) == 13 and luhn_ok(s)
    if sub == "fr_nir":
        return 97 - int(s[:13]) % 97 == int(s[13:])
    if sub == "ch_ahv":
        b = s[:12]
        return (10 - sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(b)) % 10) % 10 == int(s[12])
    if sub == "be_rrn":
        base = int(s[:9])
        return 97 - base % 97 == int(s[9:]) or 97 - int("2" + s[:9]) % 97 == int(s[9:])
    if sub == "de_steuer_id":
        p = 10
        for c in s[:10]:
            x = (int(c) + p) % 10 or 10
            p = 2 * x % 11
        return (11 - p) % 10 == int(s[10])
    if sub == "de_id_card":
        return icao(s[:9]) == s[9]
    return None  # no checksum (NINO, NIN, INN, NIK, CCCD, Emirates ID)


def icao(s: str) -> str:
    vals = {**{str(i): i for i in range(10)}, **{chr(65 + i): 10 + i for i in range(26)}, "<": 0}
    return str(sum(vals[c] * (7, 3, 1)[i % 3] for i, c in enumerate(s)) % 10)


def mrz_ok(l2: str) -> bool:
    return (
        icao(l2[0:9]) == l2[9]
        and icao(l2[13:19]) == l2[19]
        and icao(l2[21:27]) == l2[27]
        and icao(l2[28:42]) == l2[42]
        and icao(l2[0:10] + l2[13:20] + l2[21:43]) == l2[43]
    )


def crypto_ok(sub: str, v: str) -> bool:
    if sub in ("btc_bech32", "btc_taproot", "btc_p2wsh", "ltc_bech32"):
        return bech32_ok(v)
    if sub == "eth_lower":
        return bool(re.fullmatch(r"0x[0-9a-f]{40}", v))
    if sub == "eth_checksum":
        from .values import keccak256  # vectors checked in main()

        h = keccak256(v[2:].lower().encode()).hex()
        return all(
            (c.upper() if int(h[i], 16) >= 8 else c.lower()) == c for i, c in enumerate(v[2:]) if c.isalpha()
        )
    if sub == "solana":
        return len(b58dec(v)) == 32
    if sub == "xrp":
        return b58check_version(v, XRP) == (0, 20)
    ver = {"btc_p2pkh": 0, "btc_p2sh": 5, "ltc_legacy": 0x30, "ltc_p2sh": 0x32, "doge": 0x1E, "tron": 0x41}[
        sub
    ]
    return b58check_version(v) == (ver, 20)


def main() -> int:
    from .values import keccak256

    problems = []
    # keccak / EIP-55 vectors
    assert keccak256(b"").hex() == "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"
    assert keccak256(b"abc").hex() == "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45"
    for a in [
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
        "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
        "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
        "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
    ]:
        assert crypto_ok("eth_checksum", a), a
    assert bech32_ok("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4")
    assert b58check_version("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2") == (0, 20)
    docs = corpus.generate(corpus.SEED)
    stats = collections.Counter()
    try:
        import phonenumbers
    except ImportError:
        phonenumbers = None
    for i, doc in enumerate(docs):
        vs = views(doc["content_type"], doc["body"])
        pairs = piece_pairs(doc["content_type"], doc["body"])
        for lab in doc["personal"]:
            t, sub, v = lab["type"], lab["sub"], lab["value"]
            if lab.get("pieces"):
                stats["split"] += 1
                if not all((p["key"], p["value"]) in pairs for p in lab["pieces"]):
                    problems.append((i, "pieces missing", lab))
                continue
            if not any(bounded_spans(x, v, lab.get("bounded", True)) for x in vs):
                problems.append((i, "not in body", lab))
            if v not in doc["body"]:
                stats["only_in_decoded_view"] += 1
            ok = None
            if t == "CREDIT_CARD":
                ok = luhn_ok(only(v))
            elif t == "IBAN":
                ok = iban_ok(v)
            elif t == "CRYPTO":
                ok = crypto_ok(sub, v)
            elif t in ("NATIONAL_ID", "US_SSN"):
                ok = check_natid(sub.split("_plain")[0].split("_dash")[0] if t == "US_SSN" else sub, v)
            elif t == "PASSPORT" and sub == "mrz_line2":
                ok = mrz_ok(v)
            elif t == "PHONE" and phonenumbers and re.search(r"\d", v):
                region = sub.split("/")[0]
                try:
                    num = phonenumbers.parse(
                        v if not v[0].isdigit() or v.startswith("00") or region not in ("US", "CA") else v,
                        "GB" if v.startswith("00") else region,
                    )
                    if not phonenumbers.is_valid_number(num) and v[0].isdigit() and not v.startswith("0"):
                        num = phonenumbers.parse("+" + v, None)
                    ok = phonenumbers.is_valid_number(num)
                except Exception:
                    ok = False
                stats["phone_valid" if ok else "phone_invalid"] += 1
                continue
            if ok is True:
                stats["checksum_ok"] += 1
            elif ok is False:
                problems.append((i, "bad checksum", lab))
            else:
                stats["no_checksum"] += 1
        for dc in doc["decoys"]:
            if not any(dc["value"] in x for x in vs):
                problems.append((i, "decoy not in body", dc))
            if dc["cls"] == "arn" and not luhn_ok(dc["value"]):
                problems.append((i, "arn luhn", dc))
            if (
                dc["cls"] == "rf_reference"
                and not iban_ok(dc["value"][:4] + dc["value"][4:])
                and int("".join(str(int(c, 36)) for c in dc["value"][4:] + dc["value"][:4])) % 97 != 1
            ):
                problems.append((i, "rf mod97", dc))
            if dc["cls"] == "routing_number":
                d = dc["value"]
                if sum(int(a) * w for a, w in zip(d, [3, 7, 1] * 3, strict=False)) % 10:
                    problems.append((i, "aba", dc))
    n_p = sum(len(d["personal"]) for d in docs)
    print(
        f"docs {len(docs)}  personal {n_p}  decoys {sum(len(d['decoys']) for d in docs)}  shapes {len({d['shape'] for d in docs})}"
    )
    print("split-value labels: %d (%.1f%%)" % (stats["split"], 100 * stats["split"] / n_p))
    print(dict(stats))
    for p in problems[:30]:
        print("PROBLEM", p)
    print("problems:", len(problems))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
