"""Self-check of the fifth corpus. Check-digit code here is written apart from values.py on purpose.

python -m tests.eval.fifth.check  -> prints the problems and `problems: N`; main() returns 0 if none.
"""

from __future__ import annotations

import base64
import collections
import hashlib
import ipaddress
import json
import re
import sys
import unicodedata
import urllib.parse

from tests.eval.fifth import corpus, oracle

TYPES = {
    "PERSON",
    "EMAIL_ADDRESS",
    "PHONE_NUMBER",
    "CREDIT_CARD",
    "IBAN_CODE",
    "US_SSN",
    "NATIONAL_ID",
    "PASSPORT",
    "DRIVER_LICENSE",
    "BANK_ACCOUNT",
    "CRYPTO_WALLET",
    "IP_ADDRESS",
    "DATE_OF_BIRTH",
    "STREET_ADDRESS",
    "USERNAME",
}
CTYPES = {"application/json", "text/html", "text/csv", "text/plain"}


def nd(s: str) -> str:
    return "".join(str(unicodedata.digit(c)) for c in s if unicodedata.category(c) == "Nd")


# --- generic checksums --------------------------------------------------------------------------


def luhn_ok(num: str) -> bool:
    if not num.isdigit():
        return False
    tot = 0
    for pos, ch in enumerate(num[::-1]):
        v = int(ch) * (2 if pos % 2 else 1)
        tot += v // 10 + v % 10
    return tot % 10 == 0


IBAN_LEN = {
    "DE": 22,
    "FR": 27,
    "ES": 24,
    "IT": 27,
    "NL": 18,
    "GB": 22,
    "IE": 22,
    "BE": 16,
    "CH": 21,
    "AT": 20,
    "PL": 28,
    "PT": 25,
    "SE": 24,
    "NO": 15,
    "DK": 18,
    "FI": 18,
    "LU": 20,
    "SA": 24,
    "AE": 23,
    "TR": 26,
    "BR": 29,
    "GR": 27,
    "IL": 23,
    "LT": 20,
    "CZ": 24,
    "UA": 29,
}


def iban_ok(v: str) -> bool:
    s = v.replace(" ", "").upper()
    if IBAN_LEN.get(s[:2]) != len(s):
        return False
    moved = s[4:] + s[:4]
    num = ""
    for ch in moved:
        num += ch if ch.isdigit() else str(ord(ch) - ord("A") + 10)
    rem = 0
    for i in range(0, len(num), 9):
        rem = int(str(rem) + num[i : i + 9]) % 97
    return rem == 1


def mod97_ok(v: str) -> bool:
    return iban_ok(v)


# --- national identifiers -----------------------------------------------------------------------


def dni_ok(v):
    s = v.replace("-", "").upper()
    m = re.fullmatch(r"([XYZ]?)(\d{7,8})([A-Z])", s)
    if not m:
        return False
    n = ({"X": "0", "Y": "1", "Z": "2"}.get(m.group(1), "")) + m.group(2)
    if len(n) != 8:
        return False
    return "TRWAGMYFPDXBNJZSQVHLCKE"[int(n) % 23] == m.group(3)


def cf_ok(v):
    if not re.fullmatch(r"[A-Z]{6}\d{2}[A-Z]\d{2}[A-Z]\d{3}[A-Z]", v):
        return False
    odd = dict(
        zip(
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
            [1, 0, 5, 7, 9, 13, 15, 17, 19, 21]
            + [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23],
        )
    )
    even = {c: (i if i < 10 else i - 10) for i, c in enumerate("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")}
    tot = sum(odd[c] if i % 2 == 0 else even[c] for i, c in enumerate(v[:15]))
    return chr(ord("A") + tot % 26) == v[15]


def nir_ok(v):
    s = v.replace(" ", "")
    return bool(re.fullmatch(r"[12]\d{14}", s)) and 97 - int(s[:13]) % 97 == int(s[13:])


def steuer_ok(v):
    s = v.replace(" ", "")
    if not re.fullmatch(r"[1-9]\d{10}", s):
        return False
    cnt = collections.Counter(s[:10])
    if sorted(cnt.values())[-1] not in (2, 3):
        return False
    p = 10
    for ch in s[:10]:
        t = (int(ch) + p) % 10
        t = 10 if t == 0 else t
        p = (2 * t) % 11
    c = 11 - p
    return (0 if c == 10 else c) == int(s[10])


def icao_digit(s):
    vals = {**{str(i): i for i in range(10)}, **{chr(65 + i): 10 + i for i in range(26)}, "<": 0}
    return sum(vals[c] * (7, 3, 1)[i % 3] for i, c in enumerate(s)) % 10


def perso_ok(v):
    return bool(re.fullmatch(r"[CFGHJKLMNPRTVWXYZ0-9]{9}\d", v)) and icao_digit(v[:9]) == int(v[9])


def bsn_ok(v):
    s = v.replace(".", "")
    if not re.fullmatch(r"\d{9}", s):
        return False
    return (sum(int(s[i]) * (9 - i) for i in range(8)) - int(s[8])) % 11 == 0


def nrn_ok(v):
    s = re.sub(r"[.\-]", "", v)
    if not re.fullmatch(r"\d{11}", s):
        return False
    chk = int(s[9:])
    return 97 - int(s[:9]) % 97 == chk or 97 - int("2" + s[:9]) % 97 == chk


def pesel_ok(v):
    if not re.fullmatch(r"\d{11}", v):
        return False
    w = (1, 3, 7, 9)
    return (sum(int(v[i]) * w[i % 4] for i in range(10)) + int(v[10])) % 10 == 0


def pnr_ok(v):
    s = v.replace("-", "")
    if len(s) == 12:
        s = s[2:]
    return len(s) == 10 and s.isdigit() and luhn_ok(s)


def cpf_ok(v):
    s = re.sub(r"[.\-]", "", v)
    if not re.fullmatch(r"\d{11}", s):
        return False
    for n in (9, 10):
        tot = sum(int(s[i]) * (n + 1 - i) for i in range(n))
        if (tot * 10 % 11) % 10 != int(s[n]):
            return False
    return True


_D5 = [
    [(a + b) % 5 + 5 * (((a // 5) + (b // 5)) % 2) if False else None for b in range(10)] for a in range(10)
]


def verhoeff_ok(s):
    # dihedral group D5 built from its definition rather than tables
    def mul(a, b):
        if a < 5 and b < 5:
            return (a + b) % 5
        if a < 5 <= b:
            return 5 + (b - 5 + a) % 5
        if a >= 5 > b:
            return 5 + (a - 5 - b) % 5
        return (a - b) % 5

    perm = [1, 5, 7, 6, 2, 8, 3, 0, 9, 4]

    def p(i, x):
        for _ in range(i % 8):
            x = perm[x]
        return x

    c = 0
    for i, ch in enumerate(reversed(s)):
        c = mul(c, p(i, int(ch)))
    return c == 0


def aadhaar_ok(v):
    s = re.sub(r"[ \-]", "", v)
    return bool(re.fullmatch(r"[2-9]\d{11}", s)) and verhoeff_ok(s)


def pan_ok(v):
    return bool(re.fullmatch(r"[A-Z]{3}P[A-Z]\d{4}[A-Z]", v))


def cn_ok(v):
    if not re.fullmatch(r"\d{17}[\dX]", v):
        return False
    w = [2 ** (17 - i) % 11 for i in range(17)]
    return "10X98765432"[sum(int(v[i]) * w[i] for i in range(17)) % 11] == v[17]


def rrn_ok(v):
    s = v.replace("-", "")
    if not re.fullmatch(r"\d{13}", s):
        return False
    w = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5]
    return (11 - sum(int(s[i]) * w[i] for i in range(12)) % 11) % 10 == int(s[12])


def mynumber_ok(v):
    s = re.sub(r"[ \-]", "", v)
    if not re.fullmatch(r"\d{12}", s):
        return False
    tot = 0
    for i, ch in enumerate(s[:11]):
        n = 11 - i
        tot += int(ch) * (n + 1 if n <= 6 else n - 5)
    rem = tot % 11
    return int(s[11]) == (0 if rem <= 1 else 11 - rem)


def nric_ok(v):
    m = re.fullmatch(r"([ST])(\d{7})([A-Z])", v)
    if not m:
        return False
    tot = sum(int(a) * b for a, b in zip(m.group(2), (2, 7, 6, 5, 4, 3, 2))) + (4 if m.group(1) == "T" else 0)
    return "JZIHGFEDCBA"[tot % 11] == m.group(3)


def tckn_ok(v):
    if not re.fullmatch(r"[1-9]\d{10}", v):
        return False
    d = list(map(int, v))
    return (sum(d[0:9:2]) * 7 - sum(d[1:8:2])) % 10 == d[9] and sum(d[:10]) % 10 == d[10]


def curp_ok(v):
    if not re.fullmatch(r"[A-Z]{4}\d{6}[HM][A-Z]{5}[A-Z\d]\d", v):
        return False
    alpha = "0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ"
    tot = sum(alpha.index(c) * (18 - i) for i, c in enumerate(v[:17]))
    return (10 - tot % 10) % 10 == int(v[17])


def rut_ok(v):
    m = re.fullmatch(r"([\d.]+)-([\dK])", v)
    if not m:
        return False
    n = m.group(1).replace(".", "")
    f, tot = 2, 0
    for ch in reversed(n):
        tot += int(ch) * f
        f = f + 1 if f < 7 else 2
    r = 11 - tot % 11
    return {11: "0", 10: "K"}.get(r, str(r)) == m.group(2)


def za_ok(v):
    return bool(re.fullmatch(r"\d{13}", v)) and luhn_ok(v)


def sin_ok(v):
    s = re.sub(r"[ \-]", "", v)
    return bool(re.fullmatch(r"\d{9}", s)) and luhn_ok(s)


def tfn_ok(v):
    s = v.replace(" ", "")
    return (
        bool(re.fullmatch(r"\d{9}", s))
        and sum(int(a) * b for a, b in zip(s, (1, 4, 3, 7, 5, 8, 6, 9, 10))) % 11 == 0
    )


def il_ok(v):
    if not re.fullmatch(r"\d{9}", v):
        return False
    tot = 0
    for i, ch in enumerate(v):
        x = int(ch) * (i % 2 + 1)
        tot += x // 10 + x % 10
    return tot % 10 == 0


def nif_ok(v):
    if not re.fullmatch(r"[123]\d{8}", v):
        return False
    c = 11 - sum(int(v[i]) * (9 - i) for i in range(8)) % 11
    return (0 if c >= 10 else c) == int(v[8])


def eid_ok(v):
    s = v.replace("-", "")
    return bool(re.fullmatch(r"784\d{12}", s)) and luhn_ok(s)


def sa_ok(v):
    return bool(re.fullmatch(r"[12]\d{9}", v)) and luhn_ok(v)


def snils_ok(v):
    m = re.fullmatch(r"(\d{3})-(\d{3})-(\d{3}) (\d{2})", v)
    if not m:
        return False
    s = "".join(m.groups()[:3])
    tot = sum(int(s[i]) * (9 - i) for i in range(9))
    while tot > 101:
        tot %= 101
    return (0 if tot in (100, 101) else tot) == int(m.group(4))


def afm_ok(v):
    if not re.fullmatch(r"\d{9}", v):
        return False
    return sum(int(v[i]) << (8 - i) for i in range(8)) % 11 % 10 == int(v[8])


def th_ok(v):
    s = re.sub(r"[ \-]", "", v)
    if not re.fullmatch(r"\d{13}", s):
        return False
    return (11 - sum(int(s[i]) * (13 - i) for i in range(12)) % 11) % 10 == int(s[12])


def ua_ok(v):
    if not re.fullmatch(r"\d{10}", v):
        return False
    w = (-1, 5, 7, 9, 4, 6, 10, 5, 7)
    return sum(int(a) * b for a, b in zip(v, w)) % 11 % 10 == int(v[9])


def ahv_ok(v):
    s = v.replace(".", "")
    if not re.fullmatch(r"756\d{10}", s):
        return False
    tot = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(s[:12]))
    return (10 - tot % 10) % 10 == int(s[12])


def nino_ok(v):
    s = v.replace(" ", "").upper()
    return bool(re.fullmatch(r"(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]", s))


NO_CHECK = [
    r"\d{2} ?\d{2} ?\d{6}",  # Russian internal passport (series, number)
    r"\d{16}",  # Indonesian NIK
    r"\d{12}",  # Vietnamese CCCD
    r"\d{11}",
]  # Nigerian NIN / BVN

NATIONAL = [
    dni_ok,
    cf_ok,
    nir_ok,
    steuer_ok,
    perso_ok,
    bsn_ok,
    nrn_ok,
    pesel_ok,
    pnr_ok,
    cpf_ok,
    aadhaar_ok,
    pan_ok,
    cn_ok,
    rrn_ok,
    mynumber_ok,
    nric_ok,
    tckn_ok,
    curp_ok,
    rut_ok,
    za_ok,
    sin_ok,
    tfn_ok,
    il_ok,
    nif_ok,
    eid_ok,
    sa_ok,
    snils_ok,
    afm_ok,
    th_ok,
    ua_ok,
    ahv_ok,
    nino_ok,
]


def ssn_ok(v):
    m = re.fullmatch(r"(\d{3})[- ]?(\d{2})[- ]?(\d{4})", v)
    if not m:
        return False
    a, g, s = m.groups()
    return a not in ("000", "666") and a[0] != "9" and g != "00" and s != "0000"


# --- crypto ------------------------------------------------------------------------------------

BTC58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
RIPPLE58 = "rpshnaf39wBUDNEGHJKLM4PQRST7VWXYZ2bcdeCg65jkm8oFqi1tuvAxyz"


def b58dec(s, alpha=BTC58):
    n = 0
    for ch in s:
        i = alpha.find(ch)
        if i < 0:
            return None
        n = n * 58 + i
    raw = n.to_bytes((n.bit_length() + 7) // 8, "big") if n else b""
    lead = len(s) - len(s.lstrip(alpha[0]))
    return b"\0" * lead + raw


def b58check_ok(s, alpha=BTC58, versions=None):
    b = b58dec(s, alpha)
    if not b or len(b) != 25:
        return False
    if versions is not None and b[0] not in versions:
        return False
    return hashlib.sha256(hashlib.sha256(b[:-4]).digest()).digest()[:4] == b[-4:]


CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def bech_verify(addr):
    """-> (hrp, data, const) or None."""
    if addr.lower() != addr and addr.upper() != addr:
        return None
    a = addr.lower()
    pos = a.rfind("1")
    hrp, rest = a[:pos], a[pos + 1 :]
    if any(c not in CHARSET for c in rest):
        return None
    data = [CHARSET.index(c) for c in rest]
    g = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)
    chk = 1
    for v in [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp] + data:
        top = chk >> 25
        chk = ((chk & 0x1FFFFFF) << 5) ^ v
        for i in range(5):
            if (top >> i) & 1:
                chk ^= g[i]
    return hrp, data[:-6], chk


def segwit_ok(a):
    got = bech_verify(a)
    if not got:
        return False
    hrp, data, const = got
    if hrp not in ("bc", "ltc"):
        return False
    ver = data[0]
    return (ver == 0 and const == 1) or (ver >= 1 and const == 0x2BC830A3)


def cashaddr_ok(a):
    if ":" not in a:
        a = "bitcoincash:" + a
    pre, rest = a.split(":")
    vals = [ord(c) & 31 for c in pre] + [0] + [CHARSET.index(c) for c in rest]
    c = 1
    gens = (0x98F2BC8E61, 0x79B76D99E2, 0xF33E5FB3C4, 0xAE2EABE2A8, 0x1E4F43E470)
    for d in vals:
        top = c >> 35
        c = ((c & 0x07FFFFFFFF) << 5) ^ d
        for i in range(5):
            if (top >> i) & 1:
                c ^= gens[i]
    return c ^ 1 == 0


# Keccak-f[1600] over a flat array of 25 lanes (index x + 5y) - a second, independent implementation.
_RHO = [0, 1, 62, 28, 27, 36, 44, 6, 55, 20, 3, 10, 43, 25, 39, 41, 45, 15, 21, 8, 18, 2, 61, 56, 14]


def _rc_table():
    out, lfsr = [], 1
    for _ in range(24):
        rc = 0
        for j in range(7):
            if lfsr & 1:
                rc |= 1 << ((1 << j) - 1)
            lfsr = ((lfsr << 1) ^ 0x171) if lfsr & 0x80 else lfsr << 1
        out.append(rc)
    return out


_RCS = _rc_table()
_MASK = 2**64 - 1


def _f(st):
    for rc in _RCS:
        c = [st[x] ^ st[x + 5] ^ st[x + 10] ^ st[x + 15] ^ st[x + 20] for x in range(5)]
        for x in range(5):
            dx = c[(x + 4) % 5] ^ (((c[(x + 1) % 5] << 1) | (c[(x + 1) % 5] >> 63)) & _MASK)
            for y in range(0, 25, 5):
                st[x + y] ^= dx
        b = [0] * 25
        for x in range(5):
            for y in range(5):
                v, n = st[x + 5 * y], _RHO[x + 5 * y]
                b[y + 5 * ((2 * x + 3 * y) % 5)] = ((v << n) | (v >> (64 - n))) & _MASK if n else v
        for y in range(0, 25, 5):
            row = b[y : y + 5]
            for x in range(5):
                st[x + y] = row[x] ^ ((~row[(x + 1) % 5]) & row[(x + 2) % 5])
        st[0] ^= rc


def keccak_256(msg: bytes) -> bytes:
    padded = bytearray(msg)
    padded.append(0x01)
    padded.extend(b"\0" * ((-len(padded)) % 136))
    padded[-1] ^= 0x80
    st = [0] * 25
    for off in range(0, len(padded), 136):
        for i in range(17):
            st[i] ^= int.from_bytes(padded[off + 8 * i : off + 8 * i + 8], "little")
        _f(st)
    return b"".join(st[i].to_bytes(8, "little") for i in range(4))


def eth_ok(a):
    if not re.fullmatch(r"0x[0-9a-fA-F]{40}", a):
        return False
    body = a[2:]
    if body == body.lower() or body == body.upper():
        return True
    h = keccak_256(body.lower().encode()).hex()
    return all((c.isupper() == (int(h[i], 16) > 7)) for i, c in enumerate(body) if c.isalpha())


def crc16(data):
    crc = 0
    for b in data:
        for i in range(8):
            bit = (b >> (7 - i)) & 1
            c15 = (crc >> 15) & 1
            crc = (crc << 1) & 0xFFFF
            if c15 ^ bit:
                crc ^= 0x1021
    return crc


def xlm_ok(a):
    try:
        raw = base64.b32decode(a + "=" * (-len(a) % 8))
    except Exception:
        return False
    return len(raw) == 35 and raw[0] == 48 and crc16(raw[:33]) == int.from_bytes(raw[33:], "little")


def dot_ok(a):
    b = b58dec(a)
    if not b or len(b) != 35 or b[0] != 0:
        return False
    return hashlib.blake2b(b"SS58PRE" + b[:33], digest_size=64).digest()[:2] == b[33:]


def wallet_ok(a):
    if a.startswith("0x"):
        return eth_ok(a)
    if a.lower().startswith(("bc1", "ltc1")):
        return segwit_ok(a)
    if a.startswith("cosmos1"):
        got = bech_verify(a)
        return bool(got) and got[2] == 1 and len(got[1]) == 32
    if a.startswith("addr1"):
        got = bech_verify(a)
        return bool(got) and got[2] == 1
    if a.startswith(("bitcoincash:", "q", "p")) and len(a.split(":")[-1]) == 42:
        return cashaddr_ok(a)
    if a.startswith("r") and b58check_ok(a, RIPPLE58, {0}):
        return True
    if a.startswith("G") and len(a) == 56:
        return xlm_ok(a)
    if a.startswith("1") and len(a) >= 46:
        return dot_ok(a)
    if b58check_ok(a, BTC58, {0x00, 0x05, 0x30, 0x32, 0x1E, 0x41}):
        return True
    b = b58dec(a)
    return bool(b) and len(b) == 32  # Solana: a bare ed25519 key


def mrz_problems(body: str) -> list[str]:
    out = []
    for line in re.findall(r"(?<![A-Z0-9<])[A-Z0-9<]{44}(?![A-Z0-9<])", body):
        if line.startswith("P<"):
            continue
        checks = [
            (line[0:9], line[9]),
            (line[13:19], line[19]),
            (line[21:27], line[27]),
            (line[28:42], line[42]),
            (line[0:10] + line[13:20] + line[21:43], line[43]),
        ]
        for field, digit in checks:
            if str(icao_digit(field)) != digit:
                out.append(f"MRZ check digit wrong in {line}")
                break
    return out


def clabe_ok(v):
    if not re.fullmatch(r"\d{18}", v):
        return True
    tot = sum(int(v[i]) * (3, 7, 1)[i % 3] % 10 for i in range(17))
    return (10 - tot % 10) % 10 == int(v[17])


try:
    import phonenumbers
except ImportError:  # pragma: no cover
    phonenumbers = None

REGIONS = [
    "US",
    "GB",
    "DE",
    "FR",
    "ES",
    "MX",
    "IT",
    "PT",
    "BR",
    "NL",
    "BE",
    "CH",
    "PL",
    "TR",
    "RU",
    "UA",
    "JP",
    "KR",
    "CN",
    "IN",
    "AE",
    "SA",
    "TH",
    "VN",
    "GR",
    "IL",
    "SE",
    "ID",
    "NG",
    "ZA",
    "AU",
    "CA",
    "SG",
]


def phone_ok(v):
    if phonenumbers is None:
        return True
    s = urllib.parse.unquote_plus(v)
    s = unicodedata.normalize("NFKC", s).replace("(0)", "")
    cands = [s] if s.strip().lstrip("(").startswith("+") else ["+" + s] if s.isdigit() and len(s) > 10 else []
    for c in cands:
        try:
            if phonenumbers.is_valid_number(phonenumbers.parse(c, None)):
                return True
        except Exception:
            pass
    for reg in REGIONS:
        try:
            if phonenumbers.is_valid_number(phonenumbers.parse(s, reg)):
                return True
        except Exception:
            pass
    return False


def value_problems(t: str, v: str) -> str | None:
    if t == "CREDIT_CARD":
        s = re.sub(r"[ \-]", "", v)
        return None if 13 <= len(s) <= 19 and luhn_ok(s) else "Luhn/length"
    if t == "IBAN_CODE":
        return None if iban_ok(v) else "IBAN mod-97/length"
    if t == "US_SSN":
        return None if ssn_ok(v) else "SSN rules"
    if t == "NATIONAL_ID":
        if any(f(v) for f in NATIONAL):
            return None
        if any(re.fullmatch(p, v) for p in NO_CHECK):
            return None
        return "no national-id algorithm accepts it"
    if t == "CRYPTO_WALLET":
        return None if wallet_ok(v) else "wallet checksum"
    if t == "IP_ADDRESS":
        try:
            return None if ipaddress.ip_address(v).is_global else "not a global IP"
        except ValueError:
            return "not an IP"
    if t == "EMAIL_ADDRESS":
        return (
            None
            if re.fullmatch(r"[^@\s]+@[a-z0-9.\-]+\.[a-z]{2,}", urllib.parse.unquote(v), re.I)
            else "email shape"
        )
    if t == "PHONE_NUMBER":
        return None if phone_ok(v) else "not a valid phone number"
    if t == "BANK_ACCOUNT":
        return None if clabe_ok(v) else "CLABE check digit"
    if t == "DATE_OF_BIRTH":
        return None if nd(v) else "no digits in DOB"
    return None


def main() -> int:
    problems: list[str] = []
    docs = corpus.generate(corpus.SEED)
    again = corpus.generate(corpus.SEED)
    if json.dumps(docs, ensure_ascii=False) != json.dumps(again, ensure_ascii=False):
        problems.append("not reproducible: two runs with the same seed differ")
    seen_types = collections.Counter()
    for i, d in enumerate(docs):
        tag = f"[{i} {d['shape']}]"
        for k in ("path", "content_type", "body", "shape", "personal", "decoys"):
            if k not in d:
                problems.append(f"{tag} missing key {k}")
        if d["content_type"] not in CTYPES:
            problems.append(f"{tag} content type {d['content_type']}")
        if not d["path"].startswith("/"):
            problems.append(f"{tag} path {d['path']}")
        if d["content_type"] == "application/json":
            try:
                json.loads(d["body"])
            except ValueError as e:
                problems.append(f"{tag} body is not JSON: {e}")
        pvals = set()
        for x in d["personal"]:
            seen_types[x["type"]] += 1
            if x["type"] not in TYPES:
                problems.append(f"{tag} unknown type {x['type']}")
            if x["value"] not in d["body"]:
                problems.append(f"{tag} personal value not in body: {x['value']!r}")
            if x["value"] in pvals:
                problems.append(f"{tag} duplicate label {x['value']!r}")
            pvals.add(x["value"])
            why = value_problems(x["type"], x["value"])
            if why:
                problems.append(f"{tag} {x['type']} {x['value']!r}: {why}")
        for x in d["decoys"]:
            if x["value"] not in d["body"]:
                problems.append(f"{tag} decoy not in body: {x['value']!r}")
            if x["value"] in pvals:
                problems.append(f"{tag} decoy equals a personal value: {x['value']!r}")
            if oracle.decoy_expected(d, x["value"]) < 1:
                problems.append(f"{tag} decoy only inside personal values: {x['value']!r}")
        problems += [f"{tag} {m}" for m in mrz_problems(d["body"])]
    n_p = sum(len(d["personal"]) for d in docs)
    n_d = sum(len(d["decoys"]) for d in docs)
    shapes = {d["shape"] for d in docs}
    langs = {lg for d in docs for lg in d.get("langs", [])}
    if not 450 <= len(docs) <= 550:
        problems.append(f"{len(docs)} responses")
    if n_p < 4000:
        problems.append(f"only {n_p} personal values")
    if n_d < 1500:
        problems.append(f"only {n_d} decoys")
    if len(shapes) < 50:
        problems.append(f"only {len(shapes)} shapes")
    if len(langs) < 10:
        problems.append(f"only {len(langs)} languages")
    for p in problems[:200]:
        print(p)
    print(
        f"{len(docs)} responses, {n_p} personal values, {n_d} decoys, {len(shapes)} shapes, {len(langs)} languages ({', '.join(sorted(langs))})"
    )
    print("types:", dict(seen_types.most_common()))
    print(f"problems: {len(problems)}")
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())
