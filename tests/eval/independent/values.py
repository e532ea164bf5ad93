"""Value generators for the independent corpus (written without reading tests/eval/corpus.py).

Every generator takes a random.Random and returns a surface string (as it appears in the input).
Checksums are computed where the real identifier has one.
"""

from __future__ import annotations

import hashlib
import random
import string
import unicodedata

import phonenumbers as pn

# ------------------------------------------------------------------ helpers


def luhn_digit(body: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def luhn_ok(num: str) -> bool:
    return luhn_digit(num[:-1]) == num[-1]


def digits(r: random.Random, n: int) -> str:
    return "".join(r.choice(string.digits) for _ in range(n))


def group(s: str, sizes, sep: str) -> str:
    out, i = [], 0
    for n in sizes:
        out.append(s[i : i + n])
        i += n
    if i < len(s):
        out.append(s[i:])
    return sep.join(out)


# ------------------------------------------------------------------ cards

CARD_NETS = [
    ("visa", lambda r: "4" + digits(r, 14), 16, (4, 4, 4, 4)),
    ("mastercard", lambda r: str(r.randint(51, 55)) + digits(r, 13), 16, (4, 4, 4, 4)),
    ("mastercard2", lambda r: str(r.randint(2221, 2720)) + digits(r, 11), 16, (4, 4, 4, 4)),
    ("amex", lambda r: r.choice(["34", "37"]) + digits(r, 12), 15, (4, 6, 5)),
    ("discover", lambda r: "6011" + digits(r, 11), 16, (4, 4, 4, 4)),
    ("discover65", lambda r: "65" + digits(r, 13), 16, (4, 4, 4, 4)),
    ("diners", lambda r: "36" + digits(r, 11), 14, (4, 6, 4)),
    ("jcb", lambda r: str(r.randint(3528, 3589)) + digits(r, 11), 16, (4, 4, 4, 4)),
    ("unionpay19", lambda r: "62" + digits(r, 16), 19, (4, 4, 4, 4, 3)),
    ("maestro", lambda r: r.choice(["6759", "5018", "6304"]) + digits(r, 13), 18, (4, 4, 4, 4, 2)),
    ("visa13", lambda r: "4" + digits(r, 11), 13, (4, 3, 3, 3)),
]


def card(r: random.Random) -> tuple[str, str]:
    name, body, _, sizes = r.choice(CARD_NETS)
    b = body(r)
    num = b + luhn_digit(b)
    sep = r.choice([" ", " ", "-", "", ".", "  ", "\u00a0", " - "])
    return name, (num if sep == "" else group(num, sizes, sep))


def luhn_failing_16(r: random.Random) -> str:
    b = r.choice("3456") + digits(r, 14)
    good = luhn_digit(b)
    bad = str((int(good) + r.randint(1, 9)) % 10)
    num = b + bad
    return r.choice([num, group(num, (4, 4, 4, 4), " "), group(num, (4, 4, 4, 4), "-")])


# ------------------------------------------------------------------ US numbers


def ssn(r):
    while True:
        a = r.randint(1, 899)
        if a != 666:
            break
    g, s = r.randint(1, 99), r.randint(1, 9999)
    raw = f"{a:03d}{g:02d}{s:04d}"
    return r.choice(
        [f"{a:03d}-{g:02d}-{s:04d}"] * 3 + [f"{a:03d} {g:02d} {s:04d}", raw, f"{a:03d}.{g:02d}.{s:04d}"]
    )


def itin(r):
    g = r.choice([*range(70, 89), 90, 91, 92, *range(94, 100)])
    return f"9{digits(r, 2)}-{g}-{digits(r, 4)}"


def ein(r):
    return f"{r.choice(['12', '27', '46', '81', '94', '35'])}-{digits(r, 7)}"


def aba(r):
    while True:
        d = [int(c) for c in r.choice(["0", "1", "2", "3"]) + digits(r, 7)]
        for last in range(10):
            dd = [*d, last]
            if (
                3 * (dd[0] + dd[3] + dd[6]) + 7 * (dd[1] + dd[4] + dd[7]) + (dd[2] + dd[5] + dd[8])
            ) % 10 == 0:
                return "".join(map(str, dd))


# ------------------------------------------------------------------ IBAN

IBAN_FMT = {  # country: BBAN generator
    "DE": lambda r: digits(r, 18),
    "FR": lambda r: (
        digits(r, 10)
        + "".join(r.choice(string.ascii_uppercase + string.digits) for _ in range(11))
        + digits(r, 2)
    ),
    "ES": lambda r: digits(r, 20),
    "IT": lambda r: r.choice(string.ascii_uppercase) + digits(r, 10) + digits(r, 12),
    "NL": lambda r: "".join(r.choice(string.ascii_uppercase) for _ in range(4)) + digits(r, 10),
    "GB": lambda r: r.choice(["NWBK", "BARC", "HBUK", "LOYD", "MIDL"]) + digits(r, 14),
    "BE": lambda r: digits(r, 12),
    "CH": lambda r: digits(r, 17),
    "AT": lambda r: digits(r, 16),
    "PT": lambda r: digits(r, 21),
    "PL": lambda r: digits(r, 24),
    "IE": lambda r: r.choice(["AIBK", "BOFI"]) + digits(r, 14),
    "SE": lambda r: digits(r, 20),
    "NO": lambda r: digits(r, 11),
    "DK": lambda r: digits(r, 14),
    "LU": lambda r: digits(r, 16),
    "FI": lambda r: digits(r, 14),
    "BR": lambda r: digits(r, 23) + r.choice("CP") + r.choice(string.ascii_uppercase[:5] + "12"),
}


def _iban_check(cc: str, bban: str) -> str:
    s = bban + cc + "00"
    n = int("".join(str(int(c, 36)) for c in s))
    return f"{98 - n % 97:02d}"


def iban(r):
    cc = r.choice(list(IBAN_FMT))
    bban = IBAN_FMT[cc](r)
    full = cc + _iban_check(cc, bban) + bban
    style = r.random()
    if style < 0.45:
        out = " ".join(full[i : i + 4] for i in range(0, len(full), 4))
    elif style < 0.8:
        out = full
    elif style < 0.9:
        out = "-".join(full[i : i + 4] for i in range(0, len(full), 4))
    else:
        out = (
            full.lower()
            if r.random() < 0.5
            else " ".join(full[i : i + 4] for i in range(0, len(full), 4)).lower()
        )
    return cc, out


# ------------------------------------------------------------------ other bank accounts (label = account number)


def bank_account(r):
    kind = r.choice(["us", "uk", "au", "in", "ca"])
    if kind == "us":
        acct = digits(r, r.randint(9, 12))
        return (
            kind,
            acct,
            r.choice(
                [
                    f"routing {aba(r)} account {acct}",
                    f"ABA {aba(r)} / acct {acct}",
                    f"Routing #: {aba(r)}, Account #: {acct}",
                    f"RTN {aba(r)} checking acct no. {acct}",
                ]
            ),
        )
    if kind == "uk":
        acct = digits(r, 8)
        sc = f"{digits(r, 2)}-{digits(r, 2)}-{digits(r, 2)}"
        return (
            kind,
            acct,
            r.choice(
                [
                    f"sort code {sc}, account number {acct}",
                    f"Sort Code: {sc} Acc No: {acct}",
                    f"s/c {sc} a/c {acct}",
                ]
            ),
        )
    if kind == "au":
        acct = digits(r, r.randint(8, 9))
        bsb = f"{digits(r, 3)}-{digits(r, 3)}"
        return (
            kind,
            acct,
            r.choice(
                [f"BSB {bsb} account {acct}", f"BSB: {bsb}  Acc: {acct}", f"bsb {bsb} acct number {acct}"]
            ),
        )
    if kind == "in":
        acct = digits(r, r.randint(11, 16))
        ifsc = r.choice(["HDFC", "SBIN", "ICIC", "UTIB", "KKBK"]) + "0" + digits(r, 6)
        return (
            kind,
            acct,
            r.choice(
                [
                    f"IFSC {ifsc} A/c No {acct}",
                    f"Account number: {acct} (IFSC: {ifsc})",
                    f"bank a/c {acct} ifsc code {ifsc}",
                ]
            ),
        )
    acct = digits(r, 7)
    return (
        kind,
        acct,
        r.choice(
            [
                f"transit {digits(r, 5)}, institution {digits(r, 3)}, account {acct}",
                f"Transit: {digits(r, 5)} Inst: 00{r.randint(1, 9)} Account: {acct}",
            ]
        ),
    )


# ------------------------------------------------------------------ crypto

B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
XRP58 = "rpshnaf39wBUDNEGHJKLM4PQRST7VWXYZ2bcdeCg65jkm8oFqi1tuvAxyz"


def b58enc(b: bytes, alpha=B58) -> str:
    n = int.from_bytes(b, "big")
    out = ""
    while n:
        n, m = divmod(n, 58)
        out = alpha[m] + out
    pad = len(b) - len(b.lstrip(b"\0"))
    return alpha[0] * pad + out


def b58check(payload: bytes, alpha=B58) -> str:
    chk = hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4]
    return b58enc(payload + chk, alpha)


BECH = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def _polymod(values):
    gen = [0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3]
    chk = 1
    for v in values:
        b = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ v
        for i in range(5):
            chk ^= gen[i] if ((b >> i) & 1) else 0
    return chk


def _hrp_expand(h):
    return [ord(x) >> 5 for x in h] + [0] + [ord(x) & 31 for x in h]


def convertbits(data, frombits, tobits, pad=True):
    acc = bits = 0
    ret = []
    maxv = (1 << tobits) - 1
    for v in data:
        acc = (acc << frombits) | v
        bits += frombits
        while bits >= tobits:
            bits -= tobits
            ret.append((acc >> bits) & maxv)
    if pad and bits:
        ret.append((acc << (tobits - bits)) & maxv)
    return ret


def bech32_encode(hrp, data, m=False):
    const = 0x2BC830A3 if m else 1
    values = _hrp_expand(hrp) + data
    pm = _polymod(values + [0] * 6) ^ const
    chk = [(pm >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(BECH[d] for d in data + chk)


def segwit(hrp, ver, prog):
    return bech32_encode(hrp, [ver, *convertbits(prog, 8, 5)], m=ver > 0)


# keccak-256 (Ethereum / Monero), pure python
# fmt: off
_RC = [
    0x0000000000000001, 0x0000000000008082, 0x800000000000808A, 0x8000000080008000, 0x000000000000808B,
    0x0000000080000001, 0x8000000080008081, 0x8000000000008009, 0x000000000000008A, 0x0000000000000088,
    0x0000000080008009, 0x000000008000000A, 0x000000008000808B, 0x800000000000008B, 0x8000000000008089,
    0x8000000000008003, 0x8000000000008002, 0x8000000000000080, 0x000000000000800A, 0x800000008000000A,
    0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008,
]
# fmt: on
_ROT = [
    [0, 36, 3, 41, 18],
    [1, 44, 10, 45, 2],
    [62, 6, 43, 15, 61],
    [28, 55, 25, 21, 56],
    [27, 20, 39, 8, 14],
]
M64 = (1 << 64) - 1


def _rol(x, n):
    return ((x << n) | (x >> (64 - n))) & M64 if n else x


def _kf(A):
    for rc in _RC:
        C = [A[x][0] ^ A[x][1] ^ A[x][2] ^ A[x][3] ^ A[x][4] for x in range(5)]
        D = [C[(x - 1) % 5] ^ _rol(C[(x + 1) % 5], 1) for x in range(5)]
        A = [[A[x][y] ^ D[x] for y in range(5)] for x in range(5)]
        B = [[0] * 5 for _ in range(5)]
        for x in range(5):
            for y in range(5):
                B[y][(2 * x + 3 * y) % 5] = _rol(A[x][y], _ROT[x][y])
        A = [[B[x][y] ^ ((~B[(x + 1) % 5][y]) & B[(x + 2) % 5][y]) for y in range(5)] for x in range(5)]
        A[0][0] ^= rc
    return A


def keccak256(data: bytes) -> bytes:
    rate = 136
    msg = bytearray(data) + b"\x01"
    while len(msg) % rate:
        msg += b"\0"
    msg[-1] |= 0x80
    A = [[0] * 5 for _ in range(5)]
    for off in range(0, len(msg), rate):
        block = msg[off : off + rate]
        for i in range(rate // 8):
            x, y = i % 5, i // 5
            A[x][y] ^= int.from_bytes(block[8 * i : 8 * i + 8], "little")
        A = _kf(A)
    out = b""
    for i in range(4):
        out += A[i % 5][i // 5].to_bytes(8, "little")
    return out


assert keccak256(b"").hex() == "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"


def eth(r, checksum=True):
    addr = bytes(r.getrandbits(8) for _ in range(20)).hex()
    if not checksum:
        return "0x" + addr
    h = keccak256(addr.encode()).hex()
    return "0x" + "".join(c.upper() if c.isalpha() and int(h[i], 16) >= 8 else c for i, c in enumerate(addr))


def rb(r, n):
    return bytes(r.getrandbits(8) for _ in range(n))


def cashaddr(r):
    CH = BECH
    payload = [0, *rb(r, 20)]  # version byte 0 (P2PKH, 160 bit)
    data = convertbits(payload, 8, 5)
    prefix = "bitcoincash"

    def pm(v):
        c = 1
        for d in v:
            c0 = c >> 35
            c = ((c & 0x07FFFFFFFF) << 5) ^ d
            if c0 & 0x01:
                c ^= 0x98F2BC8E61
            if c0 & 0x02:
                c ^= 0x79B76D99E2
            if c0 & 0x04:
                c ^= 0xF33E5FB3C4
            if c0 & 0x08:
                c ^= 0xAE2EABE2A8
            if c0 & 0x10:
                c ^= 0x1E4F43E470
        return c ^ 1

    v = [ord(x) & 31 for x in prefix] + [0] + data + [0] * 8
    m = pm(v)
    chk = [(m >> 5 * (7 - i)) & 31 for i in range(8)]
    a = "".join(CH[d] for d in data + chk)
    return r.choice([prefix + ":" + a, a])


def xmr(r):
    data = bytes([0x12]) + rb(r, 64)
    data += keccak256(data)[:4]
    sizes = [0, 2, 3, 5, 6, 7, 9, 10, 11]
    out = ""
    for i in range(0, len(data), 8):
        blk = data[i : i + 8]
        n = int.from_bytes(blk, "big")
        s = ""
        while n:
            n, m = divmod(n, 58)
            s = B58[m] + s
        out += s.rjust(sizes[len(blk)], "1")
    return out


def dot(r):
    payload = bytes([0]) + rb(r, 32)
    chk = hashlib.blake2b(b"SS58PRE" + payload, digest_size=64).digest()[:2]
    return b58enc(payload + chk)


def ada(r):
    payload = bytes([0x01]) + rb(r, 56)
    return bech32_encode("addr", convertbits(payload, 8, 5))


CRYPTO_KINDS = {
    "btc_p2pkh": lambda r: b58check(b"\x00" + rb(r, 20)),
    "btc_p2sh": lambda r: b58check(b"\x05" + rb(r, 20)),
    "btc_bech32": lambda r: segwit("bc", 0, rb(r, 20)),
    "btc_taproot": lambda r: segwit("bc", 1, rb(r, 32)),
    "eth_checksum": lambda r: eth(r, True),
    "eth_lower": lambda r: eth(r, False),
    "eth_upper_hex": lambda r: "0x" + eth(r, False)[2:].upper(),
    "sol": lambda r: b58enc(rb(r, 32)),
    "tron": lambda r: b58check(b"\x41" + rb(r, 20)),
    "ltc_legacy": lambda r: b58check(b"\x30" + rb(r, 20)),
    "ltc_p2sh": lambda r: b58check(b"\x32" + rb(r, 20)),
    "ltc_bech32": lambda r: segwit("ltc", 0, rb(r, 20)),
    "doge": lambda r: b58check(b"\x1e" + rb(r, 20)),
    "bch_cashaddr": cashaddr,
    "xrp": lambda r: b58check(b"\x00" + rb(r, 20), XRP58),
    "ada": ada,
    "xmr": xmr,
    "dot": dot,
}


def crypto(r):
    k = r.choice(list(CRYPTO_KINDS))
    return k, CRYPTO_KINDS[k](r)


# ------------------------------------------------------------------ IP


# fmt: off
_FIRST_OCTETS = [5, 31, 37, 46, 62, 77, 78, 81, 82, 88, 91, 93, 95, 109, 151, 176, 178, 185, 188, 193, 203, 212,
                 213, 217, 24, 45, 66, 67, 68, 69, 71, 73, 98, 99, 104, 107, 172, 192, 10, 100, 201, 187, 189, 190]
# fmt: on


def ipv4(r):
    while True:
        a = r.choice(_FIRST_OCTETS)
        ip = f"{a}.{r.randint(0, 255)}.{r.randint(0, 255)}.{r.randint(1, 254)}"
        return ip


def ipv6(r):
    groups = [r.choice(["2001", "2a02", "2a01", "2600", "2607", "2804", "240e", "2409", "fe80", "2a00"])] + [
        f"{r.getrandbits(16):x}" for _ in range(7)
    ]
    style = r.random()
    if style < 0.3:
        return ":".join(groups)
    if style < 0.65:
        i = r.randint(2, 5)
        j = r.randint(i + 1, 7)
        return ":".join(groups[:i]) + "::" + ":".join(groups[j:])
    if style < 0.8:
        return (
            ":".join(g.zfill(4) for g in groups).upper()
            if r.random() < 0.5
            else ":".join(g.zfill(4) for g in groups)
        )
    if style < 0.9:
        return f"::ffff:{ipv4(r)}"
    return ":".join(groups[:4]) + "::" + groups[7]


def ip_surface(r):
    """Returns (kind, value label, surface)."""
    if r.random() < 0.55:
        v = ipv4(r)
        s = r.choice(
            [
                v,
                v,
                v,
                f"{v}:{r.choice([443, 8080, 22, 3389, 51820])}",
                f"http://{v}/login",
                f"https://{v}:8443/api",
                f"{v}/32",
            ]
        )
        return "ipv4", v, s
    v = ipv6(r)
    s = r.choice(
        [
            v,
            v,
            v,
            f"[{v}]:{r.choice([443, 8443, 80])}",
            f"http://[{v}]/",
            f"{v}%eth0" if v.startswith("fe80") else v,
        ]
    )
    return "ipv6", v, s


# ------------------------------------------------------------------ passports / government ids


def _al(r, n):
    return "".join(r.choice(string.ascii_uppercase) for _ in range(n))


PASSPORTS = {
    "us": lambda r: r.choice([digits(r, 9), "A" + digits(r, 8)]),
    "uk": lambda r: digits(r, 9),
    "de": lambda r: r.choice("CFGHJK") + "".join(r.choice("CFGHJKLMNPRTVWXYZ0123456789") for _ in range(8)),
    "fr": lambda r: digits(r, 2) + _al(r, 2) + digits(r, 5),
    "es": lambda r: _al(r, 3) + digits(r, 6),
    "it": lambda r: _al(r, 2) + digits(r, 7),
    "in": lambda r: r.choice("JKLMNPRSTZ") + digits(r, 7),
    "ca": lambda r: _al(r, 2) + digits(r, 6),
    "au": lambda r: r.choice(["N", "PA", "PB", "E"]) + digits(r, 7),
    "nl": lambda r: (
        _al(r, 2) + "".join(r.choice("ABCDEFGHJKLMNPRSTUVWXYZ0123456789") for _ in range(6)) + digits(r, 1)
    ),
    "br": lambda r: _al(r, 2) + digits(r, 6),
    "cn": lambda r: "E" + digits(r, 8),
    "mx": lambda r: "G" + digits(r, 8),
    "ng": lambda r: "A" + digits(r, 8),
}


def passport(r):
    k = r.choice(list(PASSPORTS))
    return k, PASSPORTS[k](r)


def dni(r):
    n = r.randint(10000000, 99999999)
    return f"{n}{'TRWAGMYFPDXBNJZSQVHLCKE'[n % 23]}"


def nie(r):
    p = r.choice("XYZ")
    n = r.randint(1000000, 9999999)
    full = int(str("XYZ".index(p)) + str(n))
    return f"{p}{n}{'TRWAGMYFPDXBNJZSQVHLCKE'[full % 23]}"


def cpf(r):
    d = [r.randint(0, 9) for _ in range(9)]
    for k in (10, 11):
        s = sum(x * w for x, w in zip(d, range(k, 1, -1), strict=True))
        c = (s * 10) % 11
        d.append(0 if c == 10 else c)
    s = "".join(map(str, d))
    return r.choice([f"{s[:3]}.{s[3:6]}.{s[6:9]}-{s[9:]}", s])


_VD = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
    [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
    [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
    [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
    [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
    [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
    [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
    [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
    [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
]
_VP = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
    [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
    [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
    [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
    [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
    [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
    [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
]
_VINV = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9]


def aadhaar(r):
    body = str(r.randint(2, 9)) + digits(r, 10)
    c = 0
    for i, ch in enumerate(reversed(body)):
        c = _VD[c][_VP[(i + 1) % 8][int(ch)]]
    n = body + str(_VINV[c])
    return r.choice([f"{n[:4]} {n[4:8]} {n[8:]}", n, f"{n[:4]}-{n[4:8]}-{n[8:]}"])


def pan(r):
    return _al(r, 3) + r.choice("PCHFAT") + _al(r, 1) + digits(r, 4) + _al(r, 1)


def sin_ca(r):
    b = r.choice("1234567") + digits(r, 7)
    n = b + luhn_digit(b)
    return r.choice([f"{n[:3]} {n[3:6]} {n[6:]}", f"{n[:3]}-{n[3:6]}-{n[6:]}", n])


def nino(r):
    p = r.choice(["AB", "CE", "JG", "KL", "NE", "PR", "SZ", "WX", "YH"])
    d = digits(r, 6)
    s = r.choice("ABCD")
    return r.choice([f"{p}{d}{s}", f"{p} {d[:2]} {d[2:4]} {d[4:]} {s}"])


def bsn(r):
    while True:
        d = [r.randint(0, 9) for _ in range(8)]
        s = sum(x * w for x, w in zip(d, range(9, 1, -1), strict=True))
        last = s % 11
        if last < 10 and d[0] != 0:
            return "".join(map(str, d)) + str(last)


def pesel(r):
    y, m, dd = r.randint(50, 99), r.randint(1, 12), r.randint(1, 28)
    body = f"{y:02d}{m:02d}{dd:02d}{digits(r, 4)}"
    w = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]
    c = (10 - sum(int(a) * b for a, b in zip(body, w, strict=True)) % 10) % 10
    return body + str(c)


# fmt: off
CF_ODD = dict(zip("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                  [1,0,5,7,9,13,15,17,19,21,1,0,5,7,9,13,15,17,
                   19,21,2,4,18,20,11,3,6,8,12,14,16,10,22,25,24,23], strict=True))
# fmt: on


def codice_fiscale(r):
    s = (
        _al(r, 6)
        + f"{r.randint(40, 99):02d}"
        + r.choice("ABCDEHLMPRST")
        + f"{r.choice([r.randint(1, 31), r.randint(41, 71)]):02d}"
        + r.choice("ABCDEFGHLMZ")
        + digits(r, 3)
    )
    tot = 0
    for i, ch in enumerate(s):
        if i % 2 == 0:
            tot += CF_ODD[ch]
        else:
            tot += int(ch) if ch.isdigit() else ord(ch) - 65
    return s + chr(65 + tot % 26)


def curp(r):
    s = (
        _al(r, 4)
        + f"{r.randint(50, 99):02d}{r.randint(1, 12):02d}{r.randint(1, 28):02d}"
        + r.choice("HM")
        + r.choice(["DF", "JC", "NL", "MC", "PL", "GT"])
        + _al(r, 3)
        + r.choice("0A")
    )
    alpha = "0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ"
    tot = sum(alpha.index(c) * (18 - i) for i, c in enumerate(s))
    return s + str((10 - tot % 10) % 10)


def nir(r):
    body = f"{r.choice('12')}{r.randint(50, 99):02d}{r.randint(1, 12):02d}{r.randint(1, 95):02d}{digits(r, 3)}{digits(r, 3)}"
    key = 97 - int(body) % 97
    n = body + f"{key:02d}"
    return r.choice([n, f"{n[0]} {n[1:3]} {n[3:5]} {n[5:7]} {n[7:10]} {n[10:13]} {n[13:]}"])


def steuer_id(r):
    return str(r.randint(1, 9)) + digits(r, 10)


def dl(r):
    k = r.choice(["ca", "ny", "fl", "tx", "uk", "il"])
    if k == "ca":
        return "CA DL", r.choice("ABCDEFGHY") + digits(r, 7)
    if k == "ny":
        return "NY DL", f"{digits(r, 3)} {digits(r, 3)} {digits(r, 3)}"
    if k == "fl":
        return "FL DL", f"{r.choice('SBMGW')}{digits(r, 3)}-{digits(r, 3)}-{digits(r, 2)}-{digits(r, 3)}-0"
    if k == "tx":
        return "TX DL", digits(r, 8)
    if k == "il":
        return "IL DL", f"{r.choice('SBMG')}{digits(r, 3)}-{digits(r, 4)}-{digits(r, 4)}"
    return "UK DL", _al(
        r, 5
    ) + f"{r.randint(0, 9)}{r.randint(1, 12):02d}{r.randint(1, 28):02d}{r.randint(0, 9)}" + _al(
        r, 2
    ) + f"{r.randint(0, 9)}" + _al(r, 2)


GOV_IDS = {
    "es_dni": dni,
    "es_nie": nie,
    "br_cpf": cpf,
    "in_aadhaar": aadhaar,
    "in_pan": pan,
    "ca_sin": sin_ca,
    "uk_nino": nino,
    "nl_bsn": bsn,
    "pl_pesel": pesel,
    "it_cf": codice_fiscale,
    "mx_curp": curp,
    "fr_nir": nir,
    "de_steuerid": steuer_id,
    "us_itin": itin,
    "us_ein": ein,
}


def gov_id(r):
    if r.random() < 0.2:
        k, v = dl(r)
        return "driver_licence_" + k.split()[0].lower(), v
    k = r.choice(list(GOV_IDS))
    return k, GOV_IDS[k](r)


# ------------------------------------------------------------------ phones

# fmt: off
PHONE_REGIONS = ["US", "GB", "DE", "FR", "ES", "IT", "NL", "BR", "MX", "IN", "AU", "JP", "NG", "ZA",
                 "CN", "AR", "PT", "PL", "SE", "CA", "IE", "PH", "TR", "KR", "CH", "BE", "CO", "CL"]
# fmt: on


def phone(r):
    region = r.choice(PHONE_REGIONS)
    t = r.choice([pn.PhoneNumberType.MOBILE, pn.PhoneNumberType.MOBILE, pn.PhoneNumberType.FIXED_LINE])
    ex = pn.example_number_for_type(region, t) or pn.example_number_for_type(
        region, pn.PhoneNumberType.MOBILE
    )
    nat = str(ex.national_number)
    for _ in range(200):
        keep = max(2, len(nat) - 6)
        cand = nat[:keep] + digits(r, len(nat) - keep)
        num = pn.parse("+" + str(ex.country_code) + cand)
        if pn.is_valid_number(num) and "555" not in cand[keep - 1 : keep + 3]:
            break
    style = r.random()
    F = pn.PhoneNumberFormat
    if style < 0.22:
        s = pn.format_number(num, F.E164)
    elif style < 0.5:
        s = pn.format_number(num, F.INTERNATIONAL)
    elif style < 0.72:
        s = pn.format_number(num, F.NATIONAL)
    elif style < 0.78:
        s = pn.format_number(num, F.RFC3966)
    elif style < 0.84:
        s = pn.format_number(num, F.INTERNATIONAL).replace("+", "00", 1)
    elif style < 0.9:
        i = pn.format_number(num, F.INTERNATIONAL)
        cc = "+" + str(num.country_code)
        s = f"({cc}) " + i[len(cc) + 1 :].replace(" ", "-")
    else:
        s = (
            pn.format_number(num, F.INTERNATIONAL).replace(" ", ".")
            if r.random() < 0.5
            else pn.format_number(num, F.E164)[1:]
        )
    ext = ""
    if r.random() < 0.12:
        ext = r.choice(
            [
                f" ext. {r.randint(10, 999)}",
                f" x{r.randint(10, 9999)}",
                f" ext {r.randint(100, 999)}",
                f";ext={r.randint(10, 99)}",
                f" Durchwahl {r.randint(10, 99)}",
            ]
        )
    return region, s, s + ext  # label is the number without extension


# ------------------------------------------------------------------ e-mail

EMAIL_LOCALS = [
    "{f}.{l}",
    "{f}{l}",
    "{f}_{l}{n}",
    "{fi}{l}",
    "{f}.{l}+{tag}",
    "{l}.{f}{n}",
    "{f}{n}",
    "{F}.{L}",
    "{f}-{l}",
    "{fi}.{l}.{n}",
]
# fmt: off
EMAIL_DOMAINS = [
    "gmail.com", "yahoo.co.uk", "hotmail.fr", "web.de", "gmx.net", "orange.fr", "libero.it", "ziggo.nl",
    "uol.com.br", "outlook.com", "proton.me", "icloud.com", "mail.ru", "yandex.com", "qq.com", "naver.com",
    "rediffmail.com", "t-online.de", "free.fr", "telefonica.net", "mail.company.co.za",
    "students.uni-heidelberg.de", "example.museum", "dept.agency.gov.au", "shop.online",
    "domain.photography", "startup.io", "firm.legal", "pm.me", "fastmail.fm", "posteo.de", "sapo.pt",
    "bigpond.com", "btinternet.com", "comcast.net", "aol.com", "me.com", "hey.com",
]
# fmt: on


def ascii_fold(s):
    return (
        "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
        .replace("ß", "ss")
        .replace("ø", "o")
        .replace("ł", "l")
    )


def email(r, first=None, last=None):
    if first is None:
        first, last = r.choice(FIRSTS_ALL), r.choice(LASTS_ALL)
    f = ascii_fold(first).lower().replace(" ", "").replace("'", "")
    la = ascii_fold(last).lower().replace(" ", "").replace("'", "")
    loc = r.choice(EMAIL_LOCALS).format(
        f=f,
        l=la,
        fi=f[0],
        n=r.randint(1, 99),
        tag=r.choice(["shop", "support", "2024", "crypto", "news"]),
        F=f.capitalize(),
        L=la.capitalize(),
    )
    dom = r.choice(EMAIL_DOMAINS)
    e = f"{loc}@{dom}"
    x = r.random()
    if x < 0.08:
        e = e.upper()
    elif x < 0.16:
        e = loc.capitalize() + "@" + dom.capitalize()
    return e


# ------------------------------------------------------------------ names

NAMES = {
    "es": (
        [
            "María José",
            "Alejandro",
            "Lucía",
            "Javier",
            "Carmen",
            "Íñigo",
            "Nerea",
            "Sergio",
            "Ainhoa",
            "Rocío",
        ],
        [
            "García Márquez",
            "Fernández",
            "López de la Cruz",
            "Martínez Soto",
            "Ruiz",
            "Echeverría",
            "Núñez",
            "de la Fuente",
        ],
    ),
    "de": (
        ["Jürgen", "Anneliese", "Lukas", "Mareike", "Björn", "Katharina", "Friedrich", "Sören"],
        [
            "Müller",
            "Schmidt-Rottluff",
            "Weißenberger",
            "von Bülow",
            "Köhler",
            "Strauß",
            "Zimmermann",
            "Große",
        ],
    ),
    "fr": (
        ["Jean-Baptiste", "Amélie", "François", "Héloïse", "Étienne", "Maëlle", "Gaël", "Solène"],
        ["Lefèvre", "Dubois", "de Villiers", "Rousseau", "Bénard", "Le Goff", "Chevalier", "Fontaine"],
    ),
    "pt": (
        ["João", "Conceição", "Thiago", "Mariana", "Gonçalo", "Inês", "Caio", "Letícia"],
        ["Gonçalves", "dos Santos", "Magalhães", "Carvalho Pereira", "Araújo", "da Silva", "Figueiredo"],
    ),
    "it": (
        ["Giuseppe", "Chiara", "Lorenzo", "Francesca", "Niccolò", "Beatrice", "Matteo", "Ilaria"],
        ["Esposito", "Bianchi", "Di Stefano", "Lo Russo", "Ferraro", "D'Angelo", "Colombo", "Mancini"],
    ),
    "nl": (
        ["Joost", "Femke", "Daan", "Sanne", "Pieter", "Marieke", "Sjoerd", "Lotte"],
        ["van der Berg", "de Vries", "Jansen", "van Dijk", "Bakker", "Visser", "de Jong", "van den Heuvel"],
    ),
    "ng": (
        ["Chukwuemeka", "Oluwaseun", "Ngozi", "Adebayo", "Chiamaka", "Babatunde", "Folake"],
        ["Okonkwo", "Adeyemi", "Nwosu", "Balogun", "Eze", "Oyelaran", "Obi"],
    ),
    "cn": (
        ["Wei", "Xiaoming", "Mei Ling", "Jun", "Yufei", "Hao"],
        ["Zhang", "Wang", "Liu", "Chen", "Huang", "Zhao"],
    ),
    "vn": (["Nguyễn Văn", "Thị Lan", "Minh", "Huong", "Quang"], ["Nguyen", "Tran", "Pham", "Le", "Vu"]),
    "in": (
        ["Priya", "Rajesh", "Ananya", "Venkatesh", "Lakshmi", "Arjun", "Sneha"],
        ["Sharma", "Iyer", "Venkataraman", "Patel", "Chatterjee", "Reddy", "Gupta"],
    ),
    "ar": (
        ["Mohammed", "Fatima", "Omar", "Layla", "Youssef", "Aisha"],
        ["Al-Hashimi", "bin Rashid", "El-Sayed", "Haddad", "Abdullah", "Mansour"],
    ),
    "tr": (["Mehmet", "Ayşe", "Emre", "Zeynep", "Oğuz"], ["Yılmaz", "Kaya", "Demir", "Şahin", "Öztürk"]),
    "pl": (
        ["Krzysztof", "Agnieszka", "Paweł", "Małgorzata", "Wojciech"],
        ["Kowalski", "Wiśniewska", "Lewandowski", "Wójcik", "Szymańska"],
    ),
    "jp": (["Haruto", "Yui", "Sota", "Aoi", "Ren"], ["Sato", "Suzuki", "Takahashi", "Watanabe", "Yamamoto"]),
    "kr": (["Min-jun", "Seo-yeon", "Ji-ho", "Ha-eun"], ["Kim", "Park", "Choi", "Jung"]),
    "ru": (["Dmitri", "Svetlana", "Aleksandr", "Yekaterina"], ["Ivanov", "Smirnova", "Kuznetsov", "Popova"]),
    "gr": (["Georgios", "Eleni", "Konstantinos", "Dimitra"], ["Papadopoulos", "Georgiou", "Konstantinidis"]),
    "ie": (
        ["Siobhán", "Ciarán", "Aoife", "Pádraig", "Niamh"],
        ["O'Sullivan", "MacCarthy", "O'Brien", "Ní Bhriain", "McLoughlin"],
    ),
    "en": (
        ["Harriet", "Theodore", "Imogen", "Rupert", "Declan", "Tamsin", "Wyatt", "Brooklyn"],
        ["Pemberton", "Ashworth", "Fairweather", "Holloway", "Thistlewood", "Blackwood"],
    ),
    "us": (
        ["DeShawn", "Jaylen", "Kayleigh", "Marisol", "Tyrone", "Shaniqua", "Bryce"],
        ["Washington", "Jefferson", "Nakamura", "Rodriguez", "O'Neil", "Kowalczyk"],
    ),
}
FIRSTS_ALL = [f for fs, _ in NAMES.values() for f in fs]
LASTS_ALL = [la for _, ls in NAMES.values() for la in ls]


def person(r, culture=None):
    c = culture or r.choice(list(NAMES))
    f = r.choice(NAMES[c][0])
    last = r.choice(NAMES[c][1])
    return c, f, last


# ------------------------------------------------------------------ dates of birth

MONTHS = {
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "es": [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ],
    "de": [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ],
    "fr": [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    "pt": [
        "janeiro",
        "fevereiro",
        "março",
        "abril",
        "maio",
        "junho",
        "julho",
        "agosto",
        "setembro",
        "outubro",
        "novembro",
        "dezembro",
    ],
    "it": [
        "gennaio",
        "febbraio",
        "marzo",
        "aprile",
        "maggio",
        "giugno",
        "luglio",
        "agosto",
        "settembre",
        "ottobre",
        "novembre",
        "dicembre",
    ],
    "nl": [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ],
}


def dob(r, lang="en"):
    y, m, d = r.randint(1938, 2006), r.randint(1, 12), r.randint(1, 28)
    mo = MONTHS.get(lang, MONTHS["en"])[m - 1]
    forms = {
        "en": [
            f"{y}-{m:02d}-{d:02d}",
            f"{m:02d}/{d:02d}/{y}",
            f"{m}/{d}/{y % 100:02d}",
            f"{mo} {d}, {y}",
            f"{d} {mo} {y}",
            f"{d}-{mo[:3]}-{y}",
            f"{mo[:3]}. {d} {y}",
            f"{d}th of {mo} {y}" if d not in (1, 2, 3, 21, 22, 23) else f"{mo} {d} {y}",
            f"{y}/{m:02d}/{d:02d}",
            f"{y}{m:02d}{d:02d}",
        ],
        "es": [f"{d:02d}/{m:02d}/{y}", f"{d} de {mo} de {y}", f"{d}-{m:02d}-{y}"],
        "de": [f"{d:02d}.{m:02d}.{y}", f"{d}. {mo} {y}", f"{d}.{m}.{y % 100:02d}"],
        "fr": [f"{d:02d}/{m:02d}/{y}", f"{d} {mo} {y}", f"{d:02d}-{m:02d}-{y}"],
        "pt": [f"{d:02d}/{m:02d}/{y}", f"{d} de {mo} de {y}"],
        "it": [f"{d:02d}/{m:02d}/{y}", f"{d} {mo} {y}"],
        "nl": [f"{d:02d}-{m:02d}-{y}", f"{d} {mo} {y}"],
    }
    return r.choice(forms.get(lang, forms["en"]))


# ------------------------------------------------------------------ street addresses (label = street line)

US_STREETS = [
    "Maple",
    "Oak Ridge",
    "Martin Luther King Jr",
    "Sunset",
    "Pinecrest",
    "Elm",
    "Washington",
    "Lakeview",
    "Cedar Hollow",
]
US_TYPES = [
    "St",
    "Street",
    "Ave",
    "Avenue",
    "Blvd",
    "Rd",
    "Dr",
    "Ln",
    "Ct",
    "Way",
    "Pkwy",
    "Terrace",
    "Circle",
]


def address(r, lang=None):
    lang = lang or r.choice(["us", "uk", "de", "fr", "es", "au", "it", "nl", "pt", "br"])
    if lang == "us":
        line = f"{r.randint(10, 9899)} {r.choice(['', 'N ', 'S ', 'E ', 'W ', 'NW '])}{r.choice(US_STREETS)} {r.choice(US_TYPES)}"
        rest = r.choice(
            [
                f", Apt {r.randint(1, 40)}{r.choice('ABC')}",
                f" #{r.randint(100, 999)}",
                "",
                f" Suite {r.randint(100, 900)}",
            ]
        )
        city = r.choice(
            [
                "Springfield, IL 62704",
                "Austin, TX 78701",
                "Portland OR 97205",
                "Brooklyn, NY 11215",
                "Tucson, AZ 85719",
            ]
        )
        return lang, line, f"{line}{rest}, {city}"
    if lang == "uk":
        line = f"{r.randint(1, 250)} {r.choice(['Cranbourne', 'Victoria', 'Ashby de la Zouch', 'Kingsway', 'St. Mary', 'Holloway'])} {r.choice(['Road', 'Lane', 'Close', 'Crescent', 'Gardens', 'Mews', 'Street'])}"
        pre = r.choice(["", f"Flat {r.randint(1, 30)}, ", f"{r.choice(['Rose', 'Ivy'])} Cottage, "])
        return (
            lang,
            line,
            f"{pre}{line}, {r.choice(['Leeds LS6 2AB', 'London SW1A 2AA', 'Manchester M1 4BT', 'Bristol BS8 1TH'])}",
        )
    if lang == "de":
        line = f"{r.choice(['Hauptstraße', 'Schönhauser Allee', 'Am Lindenhof', 'Goethestr.', 'Bahnhofstraße', 'Kurfürstendamm', 'Weg am Mühlbach'])} {r.randint(1, 199)}{r.choice(['', 'a', 'b', ''])}"
        return (
            lang,
            line,
            f"{line}, {r.choice(['10115 Berlin', '80331 München', '50667 Köln', '20095 Hamburg'])}",
        )
    if lang == "fr":
        line = f"{r.randint(1, 150)}{r.choice(['', ' bis', ''])} {r.choice(['rue de la Paix', 'avenue des Champs-Élysées', 'boulevard Saint-Germain', 'impasse des Lilas', 'allée Jean Jaurès', 'chemin du Moulin'])}"
        return (
            lang,
            line,
            f"{line}, {r.choice(['75002 Paris', '69003 Lyon', '13001 Marseille', '33000 Bordeaux'])}",
        )
    if lang == "es":
        line = f"{r.choice(['Calle de Alcalá', 'C/ Mayor', 'Avda. de la Constitución', 'Paseo de Gracia', 'Plaza España', 'Calle Sierpes'])}, {r.randint(1, 200)}"
        return (
            lang,
            line,
            f"{line}, {r.choice(['3º B', '2º izda.', 'bajo', '1-A'])}, {r.choice(['28014 Madrid', '08007 Barcelona', '41004 Sevilla'])}",
        )
    if lang == "au":
        line = f"{r.choice(['', f'Unit {r.randint(1, 20)}/', f'{r.randint(1, 9)}/'])}{r.randint(1, 300)} {r.choice(['Smith', 'George', 'Brunswick', 'Wattle'])} {r.choice(['St', 'Street', 'Rd', 'Pde', 'Cres', 'Hwy'])}"
        return (
            lang,
            line,
            f"{line}, {r.choice(['Fitzroy VIC 3065', 'Surry Hills NSW 2010', 'Fortitude Valley QLD 4006'])}",
        )
    if lang == "it":
        line = f"{r.choice(['Via Roma', 'Viale Monza', 'Corso Vittorio Emanuele II', 'Piazza Garibaldi', 'Via dei Mille'])}, {r.randint(1, 220)}"
        return lang, line, f"{line}, {r.choice(['20121 Milano', '00184 Roma', '80134 Napoli'])}"
    if lang == "nl":
        line = f"{r.choice(['Keizersgracht', 'Dorpsstraat', 'Oudegracht', 'Laan van Meerdervoort', 'Kerkweg'])} {r.randint(1, 400)}{r.choice(['', '-II', 'A', ''])}"
        return lang, line, f"{line}, {r.choice(['1015 CJ Amsterdam', '3511 AB Utrecht', '2517 JD Den Haag'])}"
    if lang == "pt":
        line = f"{r.choice(['Rua Augusta', 'Avenida da Liberdade', 'Travessa do Carmo', 'Rua de Santa Catarina'])} {r.randint(1, 300)}"
        return lang, line, f"{line}, {r.choice(['1100-053 Lisboa', '4000-447 Porto'])}"
    line = f"{r.choice(['Av. Paulista', 'Rua Oscar Freire', 'Rua das Laranjeiras', 'Alameda Santos'])}, {r.randint(1, 3000)}"
    return (
        "br",
        line,
        f"{line} - {r.choice(['Bela Vista', 'Jardins', 'Centro'])}, {r.choice(['São Paulo - SP', 'Rio de Janeiro - RJ'])}, {digits(r, 5)}-{digits(r, 3)}",
    )
