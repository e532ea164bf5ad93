"""Value generators with real checksums and realistic national formats (seeded by the caller's Random)."""

from __future__ import annotations

import hashlib
import random
import string

import phonenumbers

DIG = string.digits
UP = string.ascii_uppercase


def digits(r: random.Random, n: int, first_nonzero: bool = False) -> str:
    s = "".join(r.choice(DIG) for _ in range(n))
    if first_nonzero and s[0] == "0":
        s = r.choice("123456789") + s[1:]
    return s


def luhn_check(body: str) -> str:
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
    return luhn_check(num[:-1]) == num[-1]


def group(s: str, sizes: list[int], sep: str = " ") -> str:
    out, i = [], 0
    for n in sizes:
        out.append(s[i : i + n])
        i += n
    if i < len(s):
        out.append(s[i:])
    return sep.join(x for x in out if x)


# ---------------------------------------------------------------- payment cards
CARD_BRANDS = [
    ("visa", ["4"], 16),
    ("mastercard", ["51", "52", "53", "54", "55", "2221", "2720", "2300"], 16),
    ("amex", ["34", "37"], 15),
    ("discover", ["6011", "65", "644"], 16),
    ("jcb", ["3528", "3589"], 16),
    ("unionpay", ["62"], 19),
    ("maestro", ["6759", "6761"], 16),
    ("diners", ["36"], 14),
    ("visa19", ["4"], 19),
]


def card(r: random.Random) -> tuple[str, str]:
    brand, prefixes, length = r.choice(CARD_BRANDS)
    p = r.choice(prefixes)
    body = p + digits(r, length - len(p) - 1)
    num = body + luhn_check(body)
    style = r.random()
    if brand == "amex":
        out = group(num, [4, 6, 5], r.choice([" ", "-", " "])) if style < 0.7 else num
    elif brand == "diners":
        out = group(num, [4, 6, 4]) if style < 0.6 else num
    elif length == 19:
        out = group(num, [4, 4, 4, 4, 3]) if style < 0.5 else num
    elif style < 0.45:
        out = group(num, [4, 4, 4, 4])
    elif style < 0.65:
        out = group(num, [4, 4, 4, 4], "-")
    elif style < 0.72:
        out = group(num, [4, 4, 4, 4], ".")
    else:
        out = num
    return brand, out


# ---------------------------------------------------------------- US SSN / ITIN
def ssn(r: random.Random) -> str:
    while True:
        area = r.randint(1, 899)
        if area != 666:
            break
    g, s = r.randint(1, 99), r.randint(1, 9999)
    raw = f"{area:03d}{g:02d}{s:04d}"
    x = r.random()
    if x < 0.6:
        return f"{raw[:3]}-{raw[3:5]}-{raw[5:]}"
    if x < 0.75:
        return f"{raw[:3]} {raw[3:5]} {raw[5:]}"
    return raw


# ---------------------------------------------------------------- IBAN
IBAN_SPEC = {  # country: bban pattern (n digits, a upper alpha, c alnum)
    "DE": "8n10n",
    "GB": "4a6n8n",
    "FR": "5n5n11c2n",
    "ES": "4n4n1n1n10n",
    "IT": "1a5n5n12c",
    "NL": "4a10n",
    "BE": "3n7n2n",
    "CH": "5n12c",
    "PL": "8n16n",
    "PT": "4n4n11n2n",
    "AT": "5n11n",
    "IE": "4a6n8n",
    "SE": "3n16n1n",
    "LT": "5n11n",
    "BR": "8n5n10n1a1c",
    "FI": "3n11n",
    "DK": "4n9n1n",
    "NO": "4n6n1n",
    "LU": "3n13c",
    "RO": "4a16c",
    "CZ": "4n6n10n",
    "HU": "3n4n1n15n1n",
    "GR": "3n4n16c",
    "TR": "5n1n16c",
    "AE": "3n16n",
    "SA": "2n18c",
    "MT": "4a5n18c",
    "CY": "3n5n16c",
    "EE": "2n2n11n1n",
    "LV": "4a13c",
}


def _bban(r: random.Random, spec: str) -> str:
    out, num = [], ""
    for ch in spec:
        if ch.isdigit():
            num += ch
            continue
        n = int(num)
        num = ""
        pool = DIG if ch == "n" else UP if ch == "a" else UP + DIG
        out.append("".join(r.choice(pool) for _ in range(n)))
    return "".join(out)


def _mod97(s: str) -> int:
    rem = 0
    for ch in s:
        rem = int(str(rem) + (ch if ch.isdigit() else str(ord(ch) - 55))) % 97
    return rem


def iban(r: random.Random, country: str | None = None) -> str:
    country = country or r.choice(list(IBAN_SPEC))
    bban = _bban(r, IBAN_SPEC[country])
    check = 98 - _mod97(bban + country + "00")
    raw = f"{country}{check:02d}{bban}"
    x = r.random()
    if x < 0.55:
        return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))
    if x < 0.6:
        return raw.lower() if r.random() < 0.5 else raw
    return raw


def creditor_reference(r: random.Random) -> str:
    """ISO 11649 RF reference: a payment reference, not an account (decoy)."""
    ref = digits(r, r.randint(8, 14))
    check = 98 - _mod97(ref + "RF00")
    raw = f"RF{check:02d}{ref}"
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))


# ---------------------------------------------------------------- other bank accounts
def aba_routing(r: random.Random) -> str:
    while True:
        d = [int(x) for x in r.choice(["0", "1", "2", "3"]) + digits(r, 7)]
        for c in range(10):
            dd = [*d, c]
            if (3 * (dd[0] + dd[3] + dd[6]) + 7 * (dd[1] + dd[4] + dd[7]) + dd[2] + dd[5] + dd[8]) % 10 == 0:
                return "".join(map(str, dd))


def clabe(r: random.Random) -> str:
    body = r.choice(["002", "012", "014", "021", "072"]) + digits(r, 14)
    w = [3, 7, 1] * 6
    s = sum((int(c) * w[i]) % 10 for i, c in enumerate(body))
    return body + str((10 - s % 10) % 10)


def bank_account(r: random.Random) -> tuple[str, str, dict]:
    """(kind, the account value to protect, extra context values that are not scored)."""
    kind = r.choice(["us", "us", "uk", "au", "in", "ca", "mx", "ng", "jp"])
    if kind == "us":
        return kind, digits(r, r.choice([10, 11, 12]), True), {"routing": aba_routing(r)}
    if kind == "uk":
        sort = f"{r.randint(10, 99)}-{r.randint(10, 99)}-{r.randint(10, 99)}"
        return kind, digits(r, 8, True), {"sort_code": sort}
    if kind == "au":
        return kind, digits(r, 9, True), {"bsb": f"{r.choice(['062', '063', '082', '033'])}-{digits(r, 3)}"}
    if kind == "in":
        return (
            kind,
            digits(r, r.choice([11, 12, 14]), True),
            {"ifsc": r.choice(["SBIN", "HDFC", "ICIC", "UTIB"]) + "0" + digits(r, 6)},
        )
    if kind == "ca":
        return (
            kind,
            digits(r, 7, True),
            {"transit": digits(r, 5), "institution": r.choice(["001", "002", "003", "004", "006"])},
        )
    if kind == "mx":
        return kind, clabe(r), {}
    if kind == "ng":
        return kind, digits(r, 10, True), {"bank": r.choice(["GTBank", "Access Bank", "Zenith Bank"])}
    return kind, digits(r, 7, True), {"branch": digits(r, 3)}


# ---------------------------------------------------------------- crypto
B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
XRP58 = "rpshnaf39wBUDNEGHJKLM4PQRST7VWXYZ2bcdeCg65jkm8oFqi1tuvAxyz"


def b58(data: bytes, alphabet: str = B58) -> str:
    n = int.from_bytes(data, "big")
    out = ""
    while n:
        n, rem = divmod(n, 58)
        out = alphabet[rem] + out
    pad = len(data) - len(data.lstrip(b"\0"))
    return alphabet[0] * pad + out


def b58check(payload: bytes, alphabet: str = B58) -> str:
    chk = hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4]
    return b58(payload + chk, alphabet)


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


def _hrp_expand(hrp):
    return [ord(x) >> 5 for x in hrp] + [0] + [ord(x) & 31 for x in hrp]


def _convertbits(data, frombits, tobits):
    acc = bits = 0
    ret = []
    maxv = (1 << tobits) - 1
    for value in data:
        acc = (acc << frombits) | value
        bits += frombits
        while bits >= tobits:
            bits -= tobits
            ret.append((acc >> bits) & maxv)
    if bits:
        ret.append((acc << (tobits - bits)) & maxv)
    return ret


def segwit(hrp: str, witver: int, prog: bytes) -> str:
    data = [witver, *_convertbits(prog, 8, 5)]
    const = 1 if witver == 0 else 0x2BC830A3
    pm = _polymod(_hrp_expand(hrp) + data + [0] * 6) ^ const
    chk = [(pm >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(BECH[d] for d in data + chk)


def crypto(r: random.Random) -> tuple[str, str]:
    k = r.choice(
        [
            "btc1",
            "btc3",
            "bc1q",
            "bc1q",
            "bc1p",
            "eth",
            "eth",
            "eth",
            "trx",
            "trx",
            "sol",
            "xrp",
            "ltc",
            "ltcb",
            "doge",
        ]
    )

    def rb(n: int) -> bytes:
        return bytes(r.getrandbits(8) for _ in range(n))

    if k == "btc1":
        return "BTC", b58check(b"\x00" + rb(20))
    if k == "btc3":
        return "BTC", b58check(b"\x05" + rb(20))
    if k == "bc1q":
        return "BTC", segwit("bc", 0, rb(20 if r.random() < 0.8 else 32))
    if k == "bc1p":
        return "BTC", segwit("bc", 1, rb(32))
    if k == "eth":
        h = rb(20).hex()
        return r.choice(["ETH", "USDT-ERC20", "USDC", "BNB-BEP20", "ARB", "MATIC"]), "0x" + h
    if k == "trx":
        return "USDT-TRC20", b58check(b"\x41" + rb(20))
    if k == "sol":
        return "SOL", b58(rb(32))
    if k == "xrp":
        return "XRP", b58check(b"\x00" + rb(20), XRP58)
    if k == "ltc":
        return "LTC", b58check(b"\x30" + rb(20))
    if k == "ltcb":
        return "LTC", segwit("ltc", 0, rb(20))
    return "DOGE", b58check(b"\x1e" + rb(20))


def tx_hash(r: random.Random, prefix: bool) -> str:
    h = bytes(r.getrandbits(8) for _ in range(32)).hex()
    return ("0x" + h) if prefix else h


# ---------------------------------------------------------------- IP
def ipv4(r: random.Random) -> str:
    while True:
        a = r.choice(
            [
                r.randint(1, 223),
                r.choice(
                    [
                        5,
                        31,
                        37,
                        41,
                        46,
                        62,
                        77,
                        78,
                        81,
                        82,
                        85,
                        86,
                        88,
                        89,
                        91,
                        92,
                        94,
                        95,
                        102,
                        105,
                        109,
                        176,
                        177,
                        178,
                        185,
                        186,
                        187,
                        188,
                        189,
                        190,
                        196,
                        197,
                        200,
                        201,
                        212,
                        213,
                        217,
                    ]
                ),
            ]
        )
        if a in (10, 127, 0) or (a == 192) or (a == 172) or a == 169 or a == 100:
            continue
        return f"{a}.{r.randint(0, 255)}.{r.randint(0, 255)}.{r.randint(1, 254)}"


def ipv6(r: random.Random) -> str:
    head = r.choice(["2a02", "2600", "2a01", "2001:4860", "2a00", "2406", "2804", "2c0f", "2401", "2607"])
    parts = head.split(":")
    while len(parts) < 8:
        parts.append(f"{r.getrandbits(16):x}")
    if r.random() < 0.5:
        # compress a run of zeros
        parts[3:6] = ["0", "0", "0"]
        s = ":".join(parts[:3]) + "::" + ":".join(parts[6:])
        return s
    return ":".join(parts)


# ---------------------------------------------------------------- government ids
def mrz_check(s: str) -> str:
    w = [7, 3, 1]
    total = 0
    for i, ch in enumerate(s):
        v = 0 if ch == "<" else int(ch) if ch.isdigit() else ord(ch) - 55
        total += v * w[i % 3]
    return str(total % 10)


def passport(r: random.Random) -> tuple[str, str]:
    c = r.choice(
        [
            "USA",
            "GBR",
            "DEU",
            "FRA",
            "IND",
            "CHN",
            "ESP",
            "ITA",
            "BRA",
            "CAN",
            "NGA",
            "NLD",
            "POL",
            "TUR",
            "MEX",
            "PHL",
            "USA2",
        ]
    )
    if c == "USA":
        return "USA", digits(r, 9, True)
    if c == "USA2":
        return "USA", r.choice("ACEFGHJKLMNPRSTUVWXYZ") + digits(r, 8)
    if c == "GBR":
        return c, digits(r, 9, True)
    if c == "DEU":
        return c, "C" + "".join(r.choice("CFGHJKLMNPRTVWXYZ0123456789") for _ in range(8))
    if c == "FRA":
        return c, digits(r, 2) + "".join(r.choice(UP) for _ in range(2)) + digits(r, 5)
    if c == "IND":
        return c, r.choice("JKLMNPRSTVZ") + digits(r, 7, True)
    if c == "CHN":
        return c, "E" + digits(r, 8)
    if c == "ESP":
        return c, "".join(r.choice(UP) for _ in range(3)) + digits(r, 6)
    if c == "ITA":
        return c, "Y" + r.choice(UP) + digits(r, 7)
    if c == "BRA":
        return c, r.choice(["FT", "FU", "GA", "YB"]) + digits(r, 6)
    if c == "CAN":
        return c, "".join(r.choice(UP) for _ in range(2)) + digits(r, 6)
    if c == "NGA":
        return c, r.choice("ABD") + digits(r, 8)
    if c == "NLD":
        return c, "".join(r.choice(UP) for _ in range(2)) + "".join(
            r.choice(UP + DIG) for _ in range(6)
        ) + digits(r, 1)
    if c == "POL":
        return c, "".join(r.choice(UP) for _ in range(2)) + digits(r, 7)
    if c == "TUR":
        return c, r.choice("UPS") + digits(r, 8)
    if c == "MEX":
        return c, r.choice("GN") + digits(r, 8)
    return "PHL", "P" + digits(r, 7) + r.choice(UP)


def mrz_lines(
    r: random.Random, country: str, number: str, surname: str, given: str, dob_yymmdd: str, sex: str
) -> tuple[str, str]:
    def clean(s: str) -> str:
        import unicodedata

        s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().upper()
        return "".join(ch if ch.isalpha() else "<" for ch in s)

    l1 = ("P<" + country + clean(surname) + "<<" + clean(given)).ljust(44, "<")[:44]
    num = number.ljust(9, "<")[:9]
    exp = f"{r.randint(27, 35)}{r.randint(1, 12):02d}{r.randint(1, 28):02d}"
    personal = "<" * 14
    body = (
        num
        + mrz_check(num)
        + country
        + dob_yymmdd
        + mrz_check(dob_yymmdd)
        + sex
        + exp
        + mrz_check(exp)
        + personal
        + mrz_check(personal)
    )
    composite = (
        num
        + mrz_check(num)
        + dob_yymmdd
        + mrz_check(dob_yymmdd)
        + exp
        + mrz_check(exp)
        + personal
        + mrz_check(personal)
    )
    return l1, body + mrz_check(composite)


def es_dni(r: random.Random) -> str:
    n = r.randint(1000000, 99999999)
    return f"{n:08d}" + "TRWAGMYFPDXBNJZSQVHLCKE"[n % 23]


def es_nie(r: random.Random) -> str:
    p = r.choice("XYZ")
    n = r.randint(0, 9999999)
    return f"{p}{n:07d}" + "TRWAGMYFPDXBNJZSQVHLCKE"[int(str("XYZ".index(p)) + f"{n:07d}") % 23]


_CF_ODD = dict(
    zip(
        DIG + UP,
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
        strict=True,
    )
)
_CF_EVEN = {**{d: int(d) for d in DIG}, **{c: i for i, c in enumerate(UP)}}


def it_cf(r: random.Random, surname: str, given: str) -> str:
    def cons(s):
        s = "".join(ch for ch in s.upper() if ch in UP)
        c = [ch for ch in s if ch not in "AEIOU"]
        v = [ch for ch in s if ch in "AEIOU"]
        return c, v

    c, v = cons(surname)
    sur = "".join((c + v + ["X"] * 3)[:3])
    c, v = cons(given)
    if len(c) >= 4:
        c = [c[0], c[2], c[3]]
    nam = "".join((c + v + ["X"] * 3)[:3])
    yy = f"{r.randint(50, 99):02d}"
    mm = r.choice("ABCDEHLMPRST")
    dd = f"{r.randint(1, 28) + (40 if r.random() < 0.5 else 0):02d}"
    place = r.choice(["H501", "F205", "A662", "L219", "G273", "D612"])
    body = sur + nam + yy + mm + dd + place
    s = sum(_CF_ODD[ch] if i % 2 == 0 else _CF_EVEN[ch] for i, ch in enumerate(body))
    return body + chr(65 + s % 26)


def nl_bsn(r: random.Random) -> str:
    while True:
        d = [int(x) for x in digits(r, 8, True)]
        s = sum(d[i] * (9 - i) for i in range(8))
        for last in range(10):
            if (s - last) % 11 == 0:
                return "".join(map(str, [*d, last]))


def pl_pesel(r: random.Random) -> str:
    yy, mm, dd = r.randint(50, 99), r.randint(1, 12), r.randint(1, 28)
    body = f"{yy:02d}{mm:02d}{dd:02d}" + digits(r, 4)
    w = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]
    s = sum(int(body[i]) * w[i] for i in range(10))
    return body + str((10 - s % 10) % 10)


def br_cpf(r: random.Random) -> str:
    d = [int(x) for x in digits(r, 9)]
    for n in (10, 11):
        s = sum(d[i] * (n - i) for i in range(n - 1))
        c = (s * 10) % 11
        d.append(0 if c == 10 else c)
    s = "".join(map(str, d))
    return f"{s[:3]}.{s[3:6]}.{s[6:9]}-{s[9:]}" if r.random() < 0.7 else s


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


def aadhaar(r: random.Random) -> str:
    body = r.choice("23456789") + digits(r, 10)
    c = 0
    for i, ch in enumerate(reversed(body)):
        c = _VD[c][_VP[(i + 1) % 8][int(ch)]]
    s = body + str(_VINV[c])
    return f"{s[:4]} {s[4:8]} {s[8:]}" if r.random() < 0.7 else s


def in_pan(r: random.Random) -> str:
    return "".join(r.choice(UP) for _ in range(3)) + "P" + r.choice(UP) + digits(r, 4) + r.choice(UP)


def sg_nric(r: random.Random) -> str:
    p = r.choice("STFG")
    d = digits(r, 7)
    w = [2, 7, 6, 5, 4, 3, 2]
    s = sum(int(d[i]) * w[i] for i in range(7)) + (4 if p in "TG" else 0)
    table = "JZIHGFEDCBA" if p in "ST" else "XWUTRQPNMLK"
    return p + d + table[s % 11]


def ca_sin(r: random.Random) -> str:
    body = r.choice("1234567") + digits(r, 7)
    s = body + luhn_check(body)
    return (
        f"{s[:3]} {s[3:6]} {s[6:]}"
        if r.random() < 0.6
        else (f"{s[:3]}-{s[3:6]}-{s[6:]}" if r.random() < 0.5 else s)
    )


def se_pnr(r: random.Random) -> str:
    yy, mm, dd = r.randint(50, 99), r.randint(1, 12), r.randint(1, 28)
    body = f"{yy:02d}{mm:02d}{dd:02d}" + digits(r, 3)
    return f"19{yy:02d}{mm:02d}{dd:02d}-{body[6:]}{luhn_check(body)}"


def za_id(r: random.Random) -> str:
    yy, mm, dd = r.randint(50, 99), r.randint(1, 12), r.randint(1, 28)
    body = f"{yy:02d}{mm:02d}{dd:02d}" + digits(r, 4) + r.choice("01") + "8"
    return body + luhn_check(body)


def cn_id(r: random.Random) -> str:
    area = r.choice(["110101", "310104", "440305", "510107", "330106"])
    body = area + f"19{r.randint(60, 99)}{r.randint(1, 12):02d}{r.randint(1, 28):02d}" + digits(r, 3)
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body + "10X98765432"[sum(int(body[i]) * w[i] for i in range(17)) % 11]


def kr_rrn(r: random.Random) -> str:
    body = f"{r.randint(60, 99)}{r.randint(1, 12):02d}{r.randint(1, 28):02d}" + r.choice("12") + digits(r, 5)
    w = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5]
    c = (11 - sum(int(body[i]) * w[i] for i in range(12)) % 11) % 10
    return body[:6] + "-" + body[6:] + str(c)


def tr_tc(r: random.Random) -> str:
    d = [int(x) for x in digits(r, 9, True)]
    d10 = ((d[0] + d[2] + d[4] + d[6] + d[8]) * 7 - (d[1] + d[3] + d[5] + d[7])) % 10
    d.append(d10)
    d.append(sum(d) % 10)
    return "".join(map(str, d))


def uk_nino(r: random.Random) -> str:
    while True:
        a = r.choice("ABCEGHJKLMNOPRSTWXYZ")
        b = r.choice("ABCEGHJKLMNPRSTWXYZ")
        if a + b not in ("BG", "GB", "NK", "KN", "TN", "NT", "ZZ"):
            break
    d = digits(r, 6)
    s = r.choice("ABCD")
    return f"{a}{b} {d[:2]} {d[2:4]} {d[4:]} {s}" if r.random() < 0.5 else f"{a}{b}{d}{s}"


def fr_nir(r: random.Random) -> str:
    body = (
        r.choice("12")
        + f"{r.randint(50, 99):02d}{r.randint(1, 12):02d}"
        + f"{r.randint(1, 95):02d}"
        + digits(r, 3)
        + digits(r, 3)
    )
    key = 97 - int(body) % 97
    if r.random() < 0.5:
        return f"{body[0]} {body[1:3]} {body[3:5]} {body[5:7]} {body[7:10]} {body[10:13]} {key:02d}"
    return body + f"{key:02d}"


def de_steuerid(r: random.Random) -> str:
    while True:
        ds = list(DIG)
        r.shuffle(ds)
        first9 = ds[:9]
        dup = r.choice(first9)
        ten = [*first9, dup]
        r.shuffle(ten)
        if ten[0] == "0":
            continue
        product = 10
        for ch in ten:
            s = (int(ch) + product) % 10
            s = 10 if s == 0 else s
            product = (s * 2) % 11
        c = 11 - product
        c = 0 if c == 10 else c
        v = "".join(ten) + str(c)
        return f"{v[:2]} {v[2:5]} {v[5:8]} {v[8:]}" if r.random() < 0.4 else v


def de_ausweis(r: random.Random) -> str:
    body = r.choice("LMNPRTVWXY") + "".join(r.choice("CFGHJKLMNPRTVWXYZ0123456789") for _ in range(8))
    return body


def mx_curp(r: random.Random) -> str:
    alpha = "0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ"
    body = (
        r.choice("BGHLMPRS")
        + r.choice("AEIOU")
        + r.choice(UP)
        + r.choice(UP)
        + f"{r.randint(60, 99)}{r.randint(1, 12):02d}{r.randint(1, 28):02d}"
        + r.choice("HM")
        + r.choice(["DF", "JC", "NL", "MC", "PL"])
        + "".join(r.choice("BCDFGHJKLMNPRSTVZ") for _ in range(3))
        + "0"
    )
    s = sum(alpha.index(ch) * (18 - i) for i, ch in enumerate(body))
    return body + str((10 - s % 10) % 10)


def ar_dni(r: random.Random) -> str:
    n = r.randint(20000000, 45000000)
    return f"{n:,}".replace(",", ".")


def national_id(r: random.Random, surname: str = "Rossi", given: str = "Mario") -> tuple[str, str]:
    k = r.choice(
        [
            "es_dni",
            "es_nie",
            "it_cf",
            "nl_bsn",
            "pl_pesel",
            "br_cpf",
            "aadhaar",
            "in_pan",
            "sg_nric",
            "ca_sin",
            "se_pnr",
            "za_id",
            "cn_id",
            "kr_rrn",
            "tr_tc",
            "uk_nino",
            "fr_nir",
            "de_steuerid",
            "de_ausweis",
            "mx_curp",
            "ar_dni",
        ]
    )
    f = {
        "es_dni": es_dni,
        "es_nie": es_nie,
        "nl_bsn": nl_bsn,
        "pl_pesel": pl_pesel,
        "br_cpf": br_cpf,
        "aadhaar": aadhaar,
        "in_pan": in_pan,
        "sg_nric": sg_nric,
        "ca_sin": ca_sin,
        "se_pnr": se_pnr,
        "za_id": za_id,
        "cn_id": cn_id,
        "kr_rrn": kr_rrn,
        "tr_tc": tr_tc,
        "uk_nino": uk_nino,
        "fr_nir": fr_nir,
        "de_steuerid": de_steuerid,
        "de_ausweis": de_ausweis,
        "mx_curp": mx_curp,
        "ar_dni": ar_dni,
    }
    if k == "it_cf":
        return k, it_cf(r, surname, given)
    return k, f[k](r)


ID_LABELS = {
    "es_dni": ("DNI", "es"),
    "es_nie": ("NIE", "es"),
    "it_cf": ("codice fiscale", "it"),
    "nl_bsn": ("BSN", "nl"),
    "pl_pesel": ("PESEL", "pl"),
    "br_cpf": ("CPF", "pt"),
    "aadhaar": ("Aadhaar", "en"),
    "in_pan": ("PAN", "en"),
    "sg_nric": ("NRIC", "en"),
    "ca_sin": ("SIN", "en"),
    "se_pnr": ("personnummer", "sv"),
    "za_id": ("ID number", "en"),
    "cn_id": ("身份证号", "zh"),
    "kr_rrn": ("주민등록번호", "ko"),
    "tr_tc": ("TC Kimlik No", "tr"),
    "uk_nino": ("NI number", "en"),
    "fr_nir": ("numéro de sécurité sociale", "fr"),
    "de_steuerid": ("Steuer-ID", "de"),
    "de_ausweis": ("Ausweisnummer", "de"),
    "mx_curp": ("CURP", "es"),
    "ar_dni": ("DNI", "es"),
}


def driver_licence(r: random.Random, surname: str = "Morgan", given: str = "Sarah") -> tuple[str, str]:
    k = r.choice(["CA", "FL", "NY", "TX", "IL", "WA", "UK", "AU-NSW", "DE", "CA-ON"])
    if k == "CA":
        return k, r.choice(UP) + digits(r, 7)
    if k == "FL":
        s = r.choice(UP) + digits(r, 12)
        return k, f"{s[:4]}-{s[4:7]}-{s[7:9]}-{s[9:12]}-{s[12]}"
    if k == "NY":
        s = digits(r, 9, True)
        return k, f"{s[:3]} {s[3:6]} {s[6:]}" if r.random() < 0.5 else s
    if k == "TX":
        return k, digits(r, 8, True)
    if k == "IL":
        s = r.choice(UP) + digits(r, 11)
        return k, f"{s[:4]}-{s[4:8]}-{s[8:]}"
    if k == "WA":
        return k, "WDL" + "".join(r.choice(UP + DIG) for _ in range(9))
    if k == "UK":
        import unicodedata

        sn = unicodedata.normalize("NFKD", surname).encode("ascii", "ignore").decode().upper()
        sn = "".join(ch for ch in sn if ch.isalpha())[:5].ljust(5, "9")
        gi = unicodedata.normalize("NFKD", given).encode("ascii", "ignore").decode().upper()[:1]
        y = r.randint(50, 99)
        return (
            k,
            f"{sn}{str(y)[0]}{r.randint(1, 12) + (50 if r.random() < 0.5 else 0):02d}{r.randint(1, 28):02d}{str(y)[1]}{gi}9{r.choice(DIG)}{r.choice(UP)}{r.choice(UP)}",
        )
    if k == "AU-NSW":
        return k, digits(r, 8, True)
    if k == "DE":
        return k, r.choice(["B", "J", "F"]) + digits(r, 3) + "".join(
            r.choice(UP + DIG) for _ in range(6)
        ) + digits(r, 1)
    s = r.choice(UP) + digits(r, 14)
    return k, f"{s[:5]}-{s[5:10]}-{s[10:]}"


# ---------------------------------------------------------------- phones
PHONE_REGIONS = [
    "US",
    "US",
    "GB",
    "DE",
    "FR",
    "ES",
    "IT",
    "BR",
    "IN",
    "MX",
    "NL",
    "PL",
    "TR",
    "NG",
    "PH",
    "JP",
    "AU",
    "CA",
    "ZA",
    "AE",
    "SG",
    "AR",
    "KR",
    "ID",
    "VN",
]


def phone(r: random.Random) -> tuple[str, str]:
    region = r.choice(PHONE_REGIONS)
    ex = phonenumbers.example_number_for_type(
        region, r.choice([phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE])
    )
    if ex is None:
        ex = phonenumbers.example_number(region)
    nsn = str(ex.national_number)
    for _ in range(200):
        keep = r.randint(2, 3)
        cand = nsn[:keep] + digits(r, len(nsn) - keep)
        num = phonenumbers.parse("+" + str(ex.country_code) + cand)
        if phonenumbers.is_valid_number(num):
            break
    else:
        num = ex
    x = r.random()
    if x < 0.4:
        s = phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    elif x < 0.65:
        s = phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164)
    elif x < 0.9:
        s = phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.NATIONAL)
    else:
        s = phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.RFC3966).replace("tel:", "")
    return region, s


# ---------------------------------------------------------------- decoys
def ean13(r: random.Random) -> str:
    body = r.choice(["400", "590", "800", "871", "500", "376", "460"]) + digits(r, 9)
    s = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(body))
    return body + str((10 - s % 10) % 10)


def non_luhn(r: random.Random, n: int) -> str:
    while True:
        s = r.choice("34569") + digits(r, n - 1)
        if not luhn_ok(s):
            return s


def ups(r: random.Random) -> str:
    return "1Z" + "".join(r.choice(UP + DIG) for _ in range(6)) + digits(r, 10)


def uuid4(r: random.Random) -> str:
    h = f"{r.getrandbits(128):032x}"
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{r.choice('89ab')}{h[17:20]}-{h[20:32]}"


def ulid(r: random.Random) -> str:
    return "01H" + "".join(r.choice("0123456789ABCDEFGHJKMNPQRSTVWXYZ") for _ in range(23))


def sf_id(r: random.Random, prefix: str) -> str:
    return (
        prefix
        + r.choice(["5e", "8d", "4x", "7Q"])
        + "0000"
        + "".join(r.choice(string.ascii_letters + DIG) for _ in range(9))
        + "".join(r.choice(UP) for _ in range(3))
    )


def stripe_id(r: random.Random, prefix: str) -> str:
    return (
        prefix + "_" + r.choice(["3", "1"]) + "".join(r.choice(string.ascii_letters + DIG) for _ in range(23))
    )
