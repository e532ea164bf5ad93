"""Generators of realistic personal values, with real check digits where the real thing has one.

Every generator takes a ``random.Random`` so the corpus is reproducible from its seed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import string
import unicodedata

DIGITS = string.digits
UPPER = string.ascii_uppercase


def digits(rng: random.Random, n: int, first_nonzero: bool = False) -> str:
    s = "".join(rng.choice(DIGITS) for _ in range(n))
    if first_nonzero and s[0] == "0":
        s = rng.choice("123456789") + s[1:]
    return s


def group(s: str, sizes, sep: str = " ") -> str:
    out, i = [], 0
    for n in sizes:
        out.append(s[i : i + n])
        i += n
    if i < len(s):
        out.append(s[i:])
    return sep.join(x for x in out if x)


def group4(s: str, sep: str = " ") -> str:
    return sep.join(s[i : i + 4] for i in range(0, len(s), 4))


# --------------------------------------------------------------------------- checksums


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


def verhoeff_digit(body: str) -> str:
    c = 0
    for i, ch in enumerate(reversed(body)):
        c = _VD[c][_VP[(i + 1) % 8][int(ch)]]
    return str(_VINV[c])


def iso7064_mod97_check(s: str) -> int:
    return int("".join(str(int(ch, 36)) for ch in s)) % 97


# --------------------------------------------------------------------------- cards

CARD_BRANDS = {
    "visa": (["4"], [16, 16, 16, 13, 19]),
    "mastercard": (["51", "52", "53", "54", "55", "2221", "2300", "2720", "2611"], [16]),
    "amex": (["34", "37"], [15]),
    "discover": (["6011", "644", "65"], [16]),
    "jcb": (["3528", "3540", "3566", "3589"], [16]),
    "diners": (["36", "300", "305", "38"], [14]),
    "unionpay": (["62"], [16, 19]),
    "maestro": (["6759", "5018", "5020", "6304"], [16, 19, 12]),
    "mir": (["2200", "2204"], [16]),
}


def card_number(rng: random.Random, brand: str | None = None) -> tuple[str, str]:
    brand = brand or rng.choice(list(CARD_BRANDS))
    prefixes, lengths = CARD_BRANDS[brand]
    p = rng.choice(prefixes)
    n = rng.choice(lengths)
    body = p + digits(rng, n - len(p) - 1)
    return body + luhn_digit(body), brand


def format_card(num: str, brand: str, style: str) -> str:
    if style == "plain":
        return num
    sep = {"space": " ", "dash": "-"}[style]
    if brand == "amex" and len(num) == 15:
        return group(num, [4, 6, 5], sep)
    if brand == "diners" and len(num) == 14:
        return group(num, [4, 6, 4], sep)
    if len(num) == 19:
        return group(num, [4, 4, 4, 4, 3], sep)
    return group4(num, sep)


# --------------------------------------------------------------------------- IBAN / bank


def _rib_key(bank: str, branch: str, account: str) -> str:
    return "%02d" % (97 - ((89 * int(bank) + 15 * int(branch) + 3 * int(account)) % 97))


def _es_dc(bank: str, branch: str, account: str) -> str:
    w = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6]

    def one(s: str) -> str:
        r = 11 - sum(int(c) * w[i] for i, c in enumerate(s)) % 11
        return "0" if r == 11 else "1" if r == 10 else str(r)

    return one("00" + bank + branch) + one(account)


_ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23]


def _odd_val(ch: str) -> int:
    return _ODD[int(ch)] if ch.isdigit() else _ODD[ord(ch) - 65]


def _even_val(ch: str) -> int:
    return int(ch) if ch.isdigit() else ord(ch) - 65


def _it_cin(abi: str, cab: str, conto: str) -> str:
    s = abi + cab + conto
    total = sum(_odd_val(c) if i % 2 == 0 else _even_val(c) for i, c in enumerate(s))
    return chr(65 + total % 26)


def _bban(rng: random.Random, cc: str) -> str:
    while True:
        if cc == "DE":
            return digits(rng, 8, True) + digits(rng, 10)
        if cc == "GB":
            return (
                rng.choice(["NWBK", "BARC", "LOYD", "HBUK", "MIDL", "MONZ", "SRLG"])
                + digits(rng, 6)
                + digits(rng, 8)
            )
        if cc == "IE":
            return rng.choice(["AIBK", "BOFI", "IPBS"]) + digits(rng, 6) + digits(rng, 8)
        if cc == "FR":
            b, g, a = digits(rng, 5, True), digits(rng, 5), digits(rng, 11)
            return b + g + a + _rib_key(b, g, a)
        if cc == "ES":
            b, s, a = digits(rng, 4, True), digits(rng, 4), digits(rng, 10)
            return b + s + _es_dc(b, s, a) + a
        if cc == "IT":
            abi, cab, conto = digits(rng, 5, True), digits(rng, 5), digits(rng, 12)
            return _it_cin(abi, cab, conto) + abi + cab + conto
        if cc == "NL":
            acct = digits(rng, 10)
            if sum(int(c) * (10 - i) for i, c in enumerate(acct)) % 11 == 0:
                return rng.choice(["ABNA", "INGB", "RABO", "TRIO", "SNSB", "KNAB", "BUNQ"]) + acct
            continue
        if cc == "BE":
            n = digits(rng, 10, True)
            c = int(n) % 97 or 97
            return n + "%02d" % c
        if cc == "CH":
            return digits(rng, 5) + digits(rng, 12)
        if cc == "AT":
            return digits(rng, 5, True) + digits(rng, 11)
        if cc == "PL":
            return digits(rng, 8, True) + digits(rng, 16)
        if cc == "PT":
            n = digits(rng, 19)
            return n + "%02d" % (98 - (int(n) * 100) % 97)
        if cc == "SE":
            return digits(rng, 3, True) + digits(rng, 17)
        if cc == "DK":
            return digits(rng, 4, True) + digits(rng, 10)
        if cc == "FI":
            n = digits(rng, 13, True)
            return n + luhn_digit(n)
        if cc == "NO":
            n = digits(rng, 10, True)
            w = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]
            r = 11 - sum(int(c) * w[i] for i, c in enumerate(n)) % 11
            if r == 10:
                continue
            return n + ("0" if r == 11 else str(r))
        if cc == "LT":
            return digits(rng, 5, True) + digits(rng, 11)
        if cc == "LU":
            return digits(rng, 3) + digits(rng, 13)
        if cc == "AE":
            return digits(rng, 3) + digits(rng, 16)
        if cc == "TR":
            return digits(rng, 5) + "0" + digits(rng, 16)
        if cc == "BR":
            return digits(rng, 8) + digits(rng, 5) + digits(rng, 10) + "C" + "1"
        raise ValueError(cc)


IBAN_COUNTRIES = [
    "DE",
    "GB",
    "IE",
    "FR",
    "ES",
    "IT",
    "NL",
    "BE",
    "CH",
    "AT",
    "PL",
    "PT",
    "SE",
    "DK",
    "FI",
    "NO",
    "LT",
    "LU",
    "AE",
    "TR",
    "BR",
]


def iban(rng: random.Random, cc: str | None = None) -> str:
    cc = cc or rng.choice(IBAN_COUNTRIES)
    bban = _bban(rng, cc)
    kk = 98 - iso7064_mod97_check(bban + cc + "00")
    return cc + "%02d" % kk + bban


def format_iban(s: str, style: str) -> str:
    return {"plain": s, "print": group4(s), "lower": s.lower(), "dash": group4(s, "-")}[style]


def aba_routing(rng: random.Random) -> str:
    """US ABA routing number (bank, not personal): 3-7-1 weighted check."""
    while True:
        body = rng.choice(
            [
                "01",
                "02",
                "03",
                "04",
                "05",
                "06",
                "07",
                "08",
                "09",
                "10",
                "11",
                "12",
                "21",
                "22",
                "26",
                "28",
                "31",
                "32",
            ]
        ) + digits(rng, 6)
        w = [3, 7, 1, 3, 7, 1, 3, 7]
        c = (10 - sum(int(d) * w[i] for i, d in enumerate(body)) % 10) % 10
        return body + str(c)


def us_bank_account(rng: random.Random) -> str:
    return digits(rng, rng.choice([9, 10, 11, 12]), True)


def uk_sort_code(rng: random.Random) -> str:
    return "-".join(digits(rng, 2) for _ in range(3))


def uk_account(rng: random.Random) -> str:
    return digits(rng, 8, True)


def bic(rng: random.Random) -> str:
    return rng.choice(
        [
            "DEUTDEFF",
            "COBADEFFXXX",
            "BNPAFRPP",
            "INGBNL2A",
            "RABONL2U",
            "BARCGB22",
            "NWBKGB2L",
            "CAIXESBBXXX",
            "BSCHESMM",
            "UNCRITMM",
            "BCITITMM",
            "UBSWCHZH80A",
            "NDEAFIHH",
            "SWEDSESS",
            "DABADKKK",
            "PKOPPLPW",
            "AIBKIE2D",
            "BKAUATWW",
            "REVOLT21",
            "TRWIBEB1XXX",
        ]
    )


# --------------------------------------------------------------------------- US SSN


def us_ssn(rng: random.Random) -> str:
    while True:
        area = rng.randint(1, 899)
        if area == 666:
            continue
        s = "%03d%02d%04d" % (area, rng.randint(1, 99), rng.randint(1, 9999))
        if s in ("078051120", "219099999") or s.startswith("98765432"):
            continue
        return s


def format_ssn(s: str, style: str) -> str:
    return {
        "dash": f"{s[:3]}-{s[3:5]}-{s[5:]}",
        "space": f"{s[:3]} {s[3:5]} {s[5:]}",
        "plain": s,
        "dot": f"{s[:3]}.{s[3:5]}.{s[5:]}",
    }[style]


# --------------------------------------------------------------------------- base58 / bech32 / keccak

B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
B58_XRP = "rpshnaf39wBUDNEGHJKLM4PQRST7VWXYZ2bcdeCg65jkm8oFqi1tuvAxyz"


def b58encode(data: bytes, alphabet: str = B58) -> str:
    n = int.from_bytes(data, "big")
    out = ""
    while n:
        n, r = divmod(n, 58)
        out = alphabet[r] + out
    pad = len(data) - len(data.lstrip(b"\0"))
    return alphabet[0] * pad + out


def b58check(payload: bytes, alphabet: str = B58) -> str:
    chk = hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4]
    return b58encode(payload + chk, alphabet)


BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def _polymod(values) -> int:
    gen = [0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3]
    chk = 1
    for v in values:
        b = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ v
        for i in range(5):
            chk ^= gen[i] if ((b >> i) & 1) else 0
    return chk


def _hrp_expand(hrp: str):
    return [ord(x) >> 5 for x in hrp] + [0] + [ord(x) & 31 for x in hrp]


def _convertbits(data: bytes, frombits: int, tobits: int):
    acc = bits = 0
    ret = []
    maxv = (1 << tobits) - 1
    for v in data:
        acc = (acc << frombits) | v
        bits += frombits
        while bits >= tobits:
            bits -= tobits
            ret.append((acc >> bits) & maxv)
    if bits:
        ret.append((acc << (tobits - bits)) & maxv)
    return ret


def segwit_address(hrp: str, witver: int, program: bytes) -> str:
    data = [witver, *_convertbits(program, 8, 5)]
    const = 1 if witver == 0 else 0x2BC830A3
    pm = _polymod(_hrp_expand(hrp) + data + [0] * 6) ^ const
    chk = [(pm >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(BECH32[d] for d in data + chk)


def _rc_bit(t: int) -> int:
    if t % 255 == 0:
        return 1
    r = 1
    for _ in range(t % 255):
        r <<= 1
        if r & 0x100:
            r ^= 0x171
    return r & 1


_RC = [sum(_rc_bit(j + 7 * i) << ((1 << j) - 1) for j in range(7)) for i in range(24)]
_ROT = [
    [0, 36, 3, 41, 18],
    [1, 44, 10, 45, 2],
    [62, 6, 43, 15, 61],
    [28, 55, 25, 21, 56],
    [27, 20, 39, 8, 14],
]
_M64 = (1 << 64) - 1


def _rol(x: int, n: int) -> int:
    return ((x << n) | (x >> (64 - n))) & _M64 if n else x


def _keccak_f(a):
    for rnd in range(24):
        c = [a[x][0] ^ a[x][1] ^ a[x][2] ^ a[x][3] ^ a[x][4] for x in range(5)]
        d = [c[(x - 1) % 5] ^ _rol(c[(x + 1) % 5], 1) for x in range(5)]
        a = [[a[x][y] ^ d[x] for y in range(5)] for x in range(5)]
        b = [[0] * 5 for _ in range(5)]
        for x in range(5):
            for y in range(5):
                b[y][(2 * x + 3 * y) % 5] = _rol(a[x][y], _ROT[x][y])
        a = [[b[x][y] ^ ((~b[(x + 1) % 5][y]) & b[(x + 2) % 5][y]) for y in range(5)] for x in range(5)]
        a[0][0] ^= _RC[rnd]
    return a


def keccak256(data: bytes) -> bytes:
    rate = 136
    msg = bytearray(data) + b"\x01"
    while len(msg) % rate:
        msg += b"\0"
    msg[-1] |= 0x80
    a = [[0] * 5 for _ in range(5)]
    for off in range(0, len(msg), rate):
        block = msg[off : off + rate]
        for i in range(rate // 8):
            x, y = i % 5, i // 5
            a[x][y] ^= int.from_bytes(block[8 * i : 8 * i + 8], "little")
        a = _keccak_f(a)
    out = b""
    for i in range(4):
        out += a[i % 5][i // 5].to_bytes(8, "little")
    return out


def eip55(addr_hex: str) -> str:
    a = addr_hex.lower().removeprefix("0x")
    h = keccak256(a.encode()).hex()
    return "0x" + "".join(c.upper() if c.isalpha() and int(h[i], 16) >= 8 else c for i, c in enumerate(a))


def crypto_address(rng: random.Random, kind: str) -> str:
    rb = lambda n: bytes(rng.getrandbits(8) for _ in range(n))  # noqa: E731
    if kind == "btc_p2pkh":
        return b58check(b"\x00" + rb(20))
    if kind == "btc_p2sh":
        return b58check(b"\x05" + rb(20))
    if kind == "btc_bech32":
        return segwit_address("bc", 0, rb(20))
    if kind == "btc_p2wsh":
        return segwit_address("bc", 0, rb(32))
    if kind == "btc_taproot":
        return segwit_address("bc", 1, rb(32))
    if kind == "ltc_legacy":
        return b58check(b"\x30" + rb(20))
    if kind == "ltc_p2sh":
        return b58check(b"\x32" + rb(20))
    if kind == "ltc_bech32":
        return segwit_address("ltc", 0, rb(20))
    if kind == "doge":
        return b58check(b"\x1e" + rb(20))
    if kind == "eth_checksum":
        return eip55(rb(20).hex())
    if kind == "eth_lower":
        return "0x" + rb(20).hex()
    if kind == "tron":
        return b58check(b"\x41" + rb(20))
    if kind == "xrp":
        return b58check(b"\x00" + rb(20), B58_XRP)
    if kind == "solana":
        while True:
            s = b58encode(rb(32))
            if len(s) >= 43:
                return s
    if kind == "bch_cashaddr":
        return "bitcoincash:" + "q" + "".join(rng.choice(BECH32) for _ in range(41))
    raise ValueError(kind)


CRYPTO_KINDS = [
    "btc_p2pkh",
    "btc_p2sh",
    "btc_bech32",
    "btc_taproot",
    "btc_p2wsh",
    "ltc_legacy",
    "ltc_p2sh",
    "ltc_bech32",
    "doge",
    "eth_checksum",
    "eth_lower",
    "tron",
    "xrp",
    "solana",
]
CRYPTO_ASSET = {
    "btc_p2pkh": "BTC",
    "btc_p2sh": "BTC",
    "btc_bech32": "BTC",
    "btc_taproot": "BTC",
    "btc_p2wsh": "BTC",
    "ltc_legacy": "LTC",
    "ltc_p2sh": "LTC",
    "ltc_bech32": "LTC",
    "doge": "DOGE",
    "eth_checksum": "ETH",
    "eth_lower": "USDC",
    "tron": "USDT",
    "xrp": "XRP",
    "solana": "SOL",
    "bch_cashaddr": "BCH",
}
CRYPTO_NETWORK = {
    "BTC": "bitcoin",
    "LTC": "litecoin",
    "DOGE": "dogecoin",
    "ETH": "ethereum",
    "USDC": "ERC20",
    "USDT": "TRC20",
    "XRP": "ripple",
    "SOL": "solana",
    "BCH": "bitcoin-cash",
}


def tx_hash(rng: random.Random, eth: bool = False) -> str:
    h = f"{rng.getrandbits(256):064x}"
    return "0x" + h if eth else h


# --------------------------------------------------------------------------- dates


def birth_date(rng: random.Random, lo: int = 1941, hi: int = 2005) -> dt.date:
    start = dt.date(lo, 1, 1).toordinal()
    end = dt.date(hi, 12, 31).toordinal()
    return dt.date.fromordinal(rng.randint(start, end))


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
    "en3": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
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
    "pl": [
        "stycznia",
        "lutego",
        "marca",
        "kwietnia",
        "maja",
        "czerwca",
        "lipca",
        "sierpnia",
        "września",
        "października",
        "listopada",
        "grudnia",
    ],
    "tr": [
        "Ocak",
        "Şubat",
        "Mart",
        "Nisan",
        "Mayıs",
        "Haziran",
        "Temmuz",
        "Ağustos",
        "Eylül",
        "Ekim",
        "Kasım",
        "Aralık",
    ],
    "ru": [
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
    ],
    "id": [
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ],
    "sv": [
        "januari",
        "februari",
        "mars",
        "april",
        "maj",
        "juni",
        "juli",
        "augusti",
        "september",
        "oktober",
        "november",
        "december",
    ],
}


def format_date(d: dt.date, style: str) -> str:
    y, m, dd = d.year, d.month, d.day
    f = {
        "iso": f"{y:04d}-{m:02d}-{dd:02d}",
        "iso_ts": f"{y:04d}-{m:02d}-{dd:02d}T00:00:00.000Z",
        "us": f"{m:02d}/{dd:02d}/{y:04d}",
        "us_short": f"{m}/{dd}/{y}",
        "eu_slash": f"{dd:02d}/{m:02d}/{y:04d}",
        "eu_dot": f"{dd:02d}.{m:02d}.{y:04d}",
        "eu_dash": f"{dd:02d}-{m:02d}-{y:04d}",
        "compact": f"{y:04d}{m:02d}{dd:02d}",
        "dmy_mon": f"{dd:02d}-{MONTHS['en3'][m - 1]}-{y:04d}",
        "dmy_mon_up": f"{dd:02d} {MONTHS['en3'][m - 1].upper()} {y:04d}",
        "en_long": f"{MONTHS['en'][m - 1]} {dd}, {y}",
        "en_uk": f"{dd} {MONTHS['en'][m - 1]} {y}",
        "en_ord": f"{dd}{'th' if 11 <= dd <= 13 else {1: 'st', 2: 'nd', 3: 'rd'}.get(dd % 10, 'th')} of {MONTHS['en'][m - 1]} {y}",
        "es": f"{dd} de {MONTHS['es'][m - 1]} de {y}",
        "pt": f"{dd} de {MONTHS['pt'][m - 1]} de {y}",
        "fr": f"{'1er' if dd == 1 else dd} {MONTHS['fr'][m - 1]} {y}",
        "de": f"{dd}. {MONTHS['de'][m - 1]} {y}",
        "it": f"{dd} {MONTHS['it'][m - 1]} {y}",
        "nl": f"{dd} {MONTHS['nl'][m - 1]} {y}",
        "pl": f"{dd} {MONTHS['pl'][m - 1]} {y}",
        "tr": f"{dd} {MONTHS['tr'][m - 1]} {y}",
        "ru": f"{dd} {MONTHS['ru'][m - 1]} {y} г.",
        "id": f"{dd} {MONTHS['id'][m - 1]} {y}",
        "sv": f"{dd} {MONTHS['sv'][m - 1]} {y}",
        "ja": f"{y}年{m}月{dd}日",
        "zh": f"{y}年{m:02d}月{dd:02d}日",
        "ko": f"{y}년 {m}월 {dd}일",
    }
    return f[style]


DATE_STYLES_EN = ["iso", "us", "us_short", "eu_slash", "dmy_mon", "en_long", "en_uk", "en_ord", "eu_dot"]


# --------------------------------------------------------------------------- national ids


def _date_fields(d: dt.date):
    return f"{d.year % 100:02d}", f"{d.month:02d}", f"{d.day:02d}"


def cpf(rng: random.Random, fmt: bool = True) -> str:
    while True:
        n = digits(rng, 9)
        if len(set(n)) == 1:
            continue
        for k in (10, 11):
            s = sum(int(c) * (k - i) for i, c in enumerate(n))
            r = s * 10 % 11
            n += str(0 if r == 10 else r)
        return f"{n[:3]}.{n[3:6]}.{n[6:9]}-{n[9:]}" if fmt else n


def spain_dni(rng: random.Random) -> str:
    n = rng.randint(1000000, 99999999)
    return "%08d%s" % (n, "TRWAGMYFPDXBNJZSQVHLCKE"[n % 23])


def spain_nie(rng: random.Random) -> str:
    p = rng.choice("XYZ")
    n = digits(rng, 7)
    return p + n + "TRWAGMYFPDXBNJZSQVHLCKE"[int(str("XYZ".index(p)) + n) % 23]


def _strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")


def _cf_part(name: str, is_first: bool) -> str:
    n = "".join(c for c in _strip_accents(name).upper() if c.isalpha())
    cons = [c for c in n if c not in "AEIOU"]
    vows = [c for c in n if c in "AEIOU"]
    if is_first and len(cons) >= 4:
        return cons[0] + cons[2] + cons[3]
    return ("".join(cons) + "".join(vows) + "XXX")[:3]


BELFIORE = ["H501", "F205", "F839", "L219", "A944", "G273", "D612", "C351", "L736", "A662", "L424", "B157"]


def codice_fiscale(rng: random.Random, first: str, last: str, d: dt.date, female: bool) -> str:
    s = _cf_part(last, False) + _cf_part(first, True) + f"{d.year % 100:02d}" + "ABCDEHLMPRST"[d.month - 1]
    s += f"{d.day + (40 if female else 0):02d}" + rng.choice(BELFIORE)
    total = sum(_odd_val(c) if i % 2 == 0 else _even_val(c) for i, c in enumerate(s))
    return s + chr(65 + total % 26)


def bsn(rng: random.Random) -> str:
    while True:
        n = digits(rng, 8, True)
        s = sum(int(c) * (9 - i) for i, c in enumerate(n))
        last = s % 11
        if last <= 9:
            return n + str(last)


def se_personnummer(rng: random.Random, d: dt.date, long: bool = False) -> str:
    yy, mm, dd = _date_fields(d)
    n = digits(rng, 3)
    c = luhn_digit(yy + mm + dd + n)
    sep = "-" if d.year >= 1925 else "+"
    return (f"{d.year:04d}{mm}{dd}" if long else f"{yy}{mm}{dd}") + sep + n + c


def no_fodselsnummer(rng: random.Random, d: dt.date) -> str:
    yy, mm, dd = _date_fields(d)
    w1 = [3, 7, 6, 1, 8, 9, 4, 5, 2]
    w2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]
    while True:
        ind = "%03d" % rng.randint(0, 499) if d.year < 2000 else "%03d" % rng.randint(500, 999)
        s = dd + mm + yy + ind
        k1 = 11 - sum(int(c) * w1[i] for i, c in enumerate(s)) % 11
        k1 = 0 if k1 == 11 else k1
        if k1 == 10:
            continue
        s += str(k1)
        k2 = 11 - sum(int(c) * w2[i] for i, c in enumerate(s)) % 11
        k2 = 0 if k2 == 11 else k2
        if k2 == 10:
            continue
        return s + str(k2)


def fi_hetu(rng: random.Random, d: dt.date) -> str:
    yy, mm, dd = _date_fields(d)
    ind = "%03d" % rng.randint(2, 899)
    sign = "-" if d.year < 2000 else "A"
    return dd + mm + yy + sign + ind + "0123456789ABCDEFHJKLMNPRSTUVWXY"[int(dd + mm + yy + ind) % 31]


def pesel(rng: random.Random, d: dt.date, female: bool) -> str:
    yy, _mm, dd = _date_fields(d)
    m = d.month + (20 if d.year >= 2000 else 0)
    s = yy + f"{m:02d}" + dd + digits(rng, 3)
    sexd = rng.choice("02468" if female else "13579")
    s += sexd
    w = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]
    return s + str((10 - sum(int(c) * w[i] for i, c in enumerate(s)) % 10) % 10)


def aadhaar(rng: random.Random) -> str:
    b = rng.choice("23456789") + digits(rng, 10)
    return b + verhoeff_digit(b)


def india_pan(rng: random.Random, last: str) -> str:
    return (
        "".join(rng.choice(UPPER) for _ in range(3))
        + "P"
        + _strip_accents(last)[0].upper()
        + digits(rng, 4)
        + rng.choice(UPPER)
    )


def sg_nric(rng: random.Random, d: dt.date) -> str:
    prefix = "S" if d.year < 2000 else "T"
    body = (f"{d.year % 100:02d}" if rng.random() < 0.6 else digits(rng, 2)) + digits(rng, 5)
    w = [2, 7, 6, 5, 4, 3, 2]
    s = sum(int(c) * w[i] for i, c in enumerate(body)) + (4 if prefix in "TG" else 0)
    return prefix + body + "JZIHGFEDCBA"[s % 11]


def cl_rut(rng: random.Random, fmt: str = "dots") -> str:
    n = rng.randint(5_000_000, 26_999_999)
    s, f = 0, 2
    for c in reversed(str(n)):
        s += int(c) * f
        f = 2 if f == 7 else f + 1
    r = 11 - s % 11
    dv = "0" if r == 11 else "K" if r == 10 else str(r)
    body = f"{n:,}".replace(",", ".") if fmt == "dots" else str(n)
    return f"{body}-{dv}"


def ar_cuil(rng: random.Random, female: bool) -> str:
    w = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]
    while True:
        p = "27" if female else "20"
        dni = "%08d" % rng.randint(10_000_000, 45_999_999)
        s = p + dni
        r = 11 - sum(int(c) * w[i] for i, c in enumerate(s)) % 11
        if r == 10:
            continue
        return f"{p}-{dni}-{0 if r == 11 else r}"


_CURP_DICT = "0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ"
MX_STATES = [
    "AS",
    "BC",
    "BS",
    "CC",
    "CL",
    "CM",
    "CS",
    "CH",
    "DF",
    "DG",
    "GT",
    "GR",
    "HG",
    "JC",
    "MC",
    "MN",
    "MS",
    "NT",
    "NL",
    "OC",
    "PL",
    "QT",
    "QR",
    "SP",
    "SL",
    "SR",
    "TC",
    "TS",
    "TL",
    "VZ",
    "YN",
    "ZS",
]


def _first_inner(s: str, vowels: bool) -> str:
    for c in s[1:]:
        if (c in "AEIOU") == vowels:
            return c
    return "X"


def curp(rng: random.Random, given: str, pat: str, mat: str, d: dt.date, female: bool) -> str:
    g, p, m = (_strip_accents(x).upper().replace(" ", "") for x in (given, pat, mat))
    s = p[0] + _first_inner(p, True) + m[0] + g[0] + f"{d.year % 100:02d}{d.month:02d}{d.day:02d}"
    s += ("M" if female else "H") + rng.choice(MX_STATES)
    s += _first_inner(p, False) + _first_inner(m, False) + _first_inner(g, False)
    s += rng.choice(DIGITS) if d.year < 2000 else rng.choice(UPPER)
    total = sum(_CURP_DICT.index(c) * (18 - i) for i, c in enumerate(s))
    return s + str((10 - total % 10) % 10)


_RFC_DICT = "0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ Ñ"


def rfc(rng: random.Random, given: str, pat: str, mat: str, d: dt.date) -> str:
    g, p, m = (_strip_accents(x).upper().replace(" ", "") for x in (given, pat, mat))
    s = p[0] + _first_inner(p, True) + m[0] + g[0] + f"{d.year % 100:02d}{d.month:02d}{d.day:02d}"
    s += rng.choice("123456789ABCDEFGHIJKLMNPQRSTUVWXYZ") + rng.choice("123456789ABCDEFGHIJKLMNPQRSTUVWXYZ")
    total = sum(_RFC_DICT.index(c) * (13 - i) for i, c in enumerate(s))
    r = total % 11
    dv = "0" if r == 0 else ("A" if 11 - r == 10 else str(11 - r))
    return s + dv


def kr_rrn(rng: random.Random, d: dt.date, female: bool) -> str:
    yy, mm, dd = _date_fields(d)
    g = (2 if female else 1) + (2 if d.year >= 2000 else 0)
    s = yy + mm + dd + str(g) + digits(rng, 5)
    w = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5]
    c = (11 - sum(int(ch) * w[i] for i, ch in enumerate(s)) % 11) % 10
    return f"{s[:6]}-{s[6:]}{c}"


def jp_my_number(rng: random.Random) -> str:
    b = digits(rng, 11)
    total = 0
    for n in range(1, 12):
        p = int(b[11 - n])
        q = n + 1 if n <= 6 else n - 5
        total += p * q
    r = total % 11
    return b + str(0 if r <= 1 else 11 - r)


def ca_sin(rng: random.Random) -> str:
    b = rng.choice("1234567") + digits(rng, 7)
    return b + luhn_digit(b)


def cn_resident_id(rng: random.Random, d: dt.date, female: bool) -> str:
    area = rng.choice(
        [
            "110101",
            "110105",
            "310104",
            "310115",
            "440305",
            "440106",
            "510104",
            "330106",
            "420102",
            "320102",
            "370202",
            "500103",
        ]
    )
    seq = "%02d" % rng.randint(0, 99) + rng.choice("02468" if female else "13579")
    s = area + f"{d.year:04d}{d.month:02d}{d.day:02d}" + seq
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return s + "10X98765432"[sum(int(c) * w[i] for i, c in enumerate(s)) % 11]


def tr_kimlik(rng: random.Random) -> str:
    d = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(8)]
    d10 = ((d[0] + d[2] + d[4] + d[6] + d[8]) * 7 - (d[1] + d[3] + d[5] + d[7])) % 10
    d.append(d10)
    d.append(sum(d) % 10)
    return "".join(map(str, d))


def za_id(rng: random.Random, d: dt.date, female: bool) -> str:
    yy, mm, dd = _date_fields(d)
    seq = "%04d" % (rng.randint(0, 4999) if female else rng.randint(5000, 9999))
    s = yy + mm + dd + seq + rng.choice("01") + "8"
    return s + luhn_digit(s)


def fr_nir(rng: random.Random, d: dt.date, female: bool) -> str:
    dept = rng.choice(["75", "69", "13", "33", "59", "67", "31", "44", "06", "92", "93", "94"])
    s = (
        ("2" if female else "1")
        + f"{d.year % 100:02d}{d.month:02d}"
        + dept
        + "%03d" % rng.randint(1, 990)
        + "%03d" % rng.randint(1, 999)
    )
    key = 97 - int(s) % 97
    return f"{s[0]} {s[1:3]} {s[3:5]} {s[5:7]} {s[7:10]} {s[10:13]} {key:02d}"


def uk_nino(rng: random.Random) -> str:
    bad = {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}
    first = "ABCEGHJKLMNOPRSTWXYZ"
    second = "ABCEGHJKLMNPRSTWXYZ"
    while True:
        p = rng.choice(first) + rng.choice(second)
        if p not in bad:
            break
    return p + digits(rng, 6) + rng.choice("ABCD")


def de_steuer_id(rng: random.Random) -> str:
    while True:
        ds = rng.sample(range(10), 9)
        if ds[0] == 0:
            continue
        dup = rng.choice(ds)
        pos = rng.randint(1, 9)
        ds.insert(pos, dup)
        body = "".join(map(str, ds))
        product = 10
        for c in body:
            s = (int(c) + product) % 10
            s = 10 if s == 0 else s
            product = (s * 2) % 11
        chk = 11 - product
        return body + str(0 if chk == 10 else chk)


def _icao_check(s: str) -> str:
    w = [7, 3, 1]
    total = 0
    for i, c in enumerate(s):
        v = 0 if c == "<" else int(c) if c.isdigit() else ord(c) - 55
        total += v * w[i % 3]
    return str(total % 10)


def de_id_card(rng: random.Random) -> str:
    alpha = "CFGHJKLMNPRTVWXYZ"
    s = rng.choice("LMNPRTVWXYZ") + "".join(rng.choice(alpha + DIGITS) for _ in range(8))
    return s + _icao_check(s)


def ch_ahv(rng: random.Random) -> str:
    s = "756" + digits(rng, 9)
    total = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(s))
    c = (10 - total % 10) % 10
    s += str(c)
    return f"{s[:3]}.{s[3:7]}.{s[7:11]}.{s[11:]}"


def il_teudat_zehut(rng: random.Random) -> str:
    b = digits(rng, 8)
    total = 0
    for i, c in enumerate(b):
        v = int(c) * (1 if i % 2 == 0 else 2)
        total += v - 9 if v > 9 else v
    return b + str((10 - total % 10) % 10)


def be_rrn(rng: random.Random, d: dt.date, female: bool) -> str:
    yy, mm, dd = _date_fields(d)
    seq = rng.randint(1, 997)
    if (seq % 2 == 0) != female:
        seq += 1
    s = yy + mm + dd + "%03d" % seq
    base = int(("2" + s) if d.year >= 2000 else s)
    c = 97 - base % 97
    return f"{yy}.{mm}.{dd}-{seq:03d}.{c:02d}"


def id_nik(rng: random.Random, d: dt.date, female: bool) -> str:
    area = rng.choice(["317101", "327301", "357801", "517101", "327302", "367101"])
    day = d.day + (40 if female else 0)
    return area + f"{day:02d}{d.month:02d}{d.year % 100:02d}" + "%04d" % rng.randint(1, 9999)


def ng_nin(rng: random.Random) -> str:
    return digits(rng, 11, True)


# --------------------------------------------------------------------------- passports / licences / MRZ


def passport_number(rng: random.Random, country: str) -> str:
    f = {
        "US": lambda: (
            rng.choice(["", rng.choice("ACEFGHJKLMNPRSTUVWXYZ")]) + digits(rng, 8 if True else 9, True)
        ),
        "GB": lambda: digits(rng, 9, True),
        "DE": lambda: "C" + "".join(rng.choice("CFGHJKLMNPRTVWXYZ0123456789") for _ in range(8)),
        "FR": lambda: digits(rng, 2) + "".join(rng.choice(UPPER) for _ in range(2)) + digits(rng, 5),
        "IN": lambda: rng.choice("JKLMNPRSTUVWZ") + digits(rng, 7, True),
        "CN": lambda: "E" + digits(rng, 8, True),
        "BR": lambda: "".join(rng.choice(UPPER) for _ in range(2)) + digits(rng, 6),
        "CA": lambda: "".join(rng.choice(UPPER) for _ in range(2)) + digits(rng, 6),
        "AU": lambda: rng.choice("NPRM") + digits(rng, 7),
        "IT": lambda: "Y" + rng.choice(UPPER) + digits(rng, 7),
        "ES": lambda: "".join(rng.choice(UPPER) for _ in range(3)) + digits(rng, 6),
        "NL": lambda: (
            "".join(rng.choice("BCDFGHJKLMNPRSTVWXYZ") for _ in range(2))
            + "".join(rng.choice("BCDFGHJKLMNPRSTVWXYZ0123456789") for _ in range(6))
            + rng.choice(DIGITS)
        ),
        "JP": lambda: "T" + rng.choice("KRZSHMN") + digits(rng, 7),
        "MX": lambda: rng.choice("GN") + digits(rng, 8),
        "RU": lambda: digits(rng, 2, True) + " " + digits(rng, 7),
        "NG": lambda: "A" + digits(rng, 8),
        "KR": lambda: "M" + digits(rng, 8),
        "TR": lambda: "U" + digits(rng, 8),
        "PL": lambda: "".join(rng.choice(UPPER) for _ in range(2)) + digits(rng, 7),
    }
    s = f[country]()
    if country == "US" and len(s) == 8:
        s = rng.choice("56") + s[1:] + digits(rng, 1)
    return s


COUNTRY3 = {
    "US": "USA",
    "GB": "GBR",
    "DE": "D<<",
    "FR": "FRA",
    "IN": "IND",
    "CN": "CHN",
    "BR": "BRA",
    "CA": "CAN",
    "AU": "AUS",
    "IT": "ITA",
    "ES": "ESP",
    "NL": "NLD",
    "JP": "JPN",
    "MX": "MEX",
    "NG": "NGA",
    "KR": "KOR",
    "TR": "TUR",
    "PL": "POL",
    "RU": "RUS",
}


def mrz_td3(
    number: str,
    country: str,
    surname: str,
    given: str,
    dob: dt.date,
    expiry: dt.date,
    female: bool,
    personal: str = "",
) -> tuple[str, str]:
    def clean(s: str) -> str:
        s = _strip_accents(s).upper()
        return "".join(c if c.isalnum() else "<" for c in s)

    c3 = COUNTRY3[country]
    l1 = ("P<" + c3 + clean(surname) + "<<" + clean(given).replace(" ", "<"))[:44].ljust(44, "<")
    num = number.replace(" ", "")[:9].ljust(9, "<")
    b = f"{dob.year % 100:02d}{dob.month:02d}{dob.day:02d}"
    e = f"{expiry.year % 100:02d}{expiry.month:02d}{expiry.day:02d}"
    opt = clean(personal)[:14].ljust(14, "<")
    l2 = (
        num + _icao_check(num) + c3 + b + _icao_check(b) + ("F" if female else "M") + e + _icao_check(e) + opt
    )
    l2 += _icao_check(opt)
    comp = num + _icao_check(num) + b + _icao_check(b) + e + _icao_check(e) + opt + _icao_check(opt)
    l2 += _icao_check(comp)
    return l1, l2


def uk_dvla(rng: random.Random, surname: str, given: str, middle: str, d: dt.date, female: bool) -> str:
    sn = "".join(c for c in _strip_accents(surname).upper() if c.isalpha())
    if sn.startswith("MAC"):
        sn = "MC" + sn[3:]
    s = sn[:5].ljust(5, "9")
    s += str((d.year // 10) % 10)
    s += f"{d.month + (50 if female else 0):02d}"
    s += f"{d.day:02d}" + str(d.year % 10)
    s += (_strip_accents(given)[0] + (_strip_accents(middle)[0] if middle else "9")).upper()
    s += "9" + "".join(rng.choice(UPPER + DIGITS) for _ in range(2))
    return s


def driver_licence(rng: random.Random, kind: str, ctx: dict | None = None) -> str:
    ctx = ctx or {}
    if kind == "US-CA":
        return rng.choice(UPPER) + digits(rng, 7)
    if kind == "US-NY":
        return group(digits(rng, 9, True), [3, 3, 3])
    if kind == "US-FL":
        s = rng.choice(UPPER) + digits(rng, 12)
        return f"{s[:4]}-{s[4:7]}-{s[7:9]}-{s[9:12]}-{s[12]}"
    if kind == "US-IL":
        s = rng.choice(UPPER) + digits(rng, 11)
        return f"{s[:4]}-{s[4:8]}-{s[8:]}"
    if kind == "US-TX":
        return rng.choice("0123") + digits(rng, 7)
    if kind == "US-PA":
        return group(digits(rng, 8, True), [2, 3, 3])
    if kind == "US-NJ":
        s = rng.choice(UPPER) + digits(rng, 14)
        return f"{s[:5]} {s[5:10]} {s[10:]}"
    if kind == "US-WA":
        return "WDL" + "".join(rng.choice(UPPER + DIGITS) for _ in range(9))
    if kind == "US-MI":
        s = rng.choice(UPPER) + digits(rng, 12)
        return f"{s[0]} {s[1:4]} {s[4:7]} {s[7:10]} {s[10:]}"
    if kind == "GB":
        return uk_dvla(
            rng, ctx["last"], ctx["first"], ctx.get("middle", ""), ctx["dob"], ctx.get("female", False)
        )
    if kind == "DE":
        return (
            rng.choice(["B072", "J432", "F111", "N123", "K016"])
            + "".join(rng.choice(UPPER + DIGITS) for _ in range(6))
            + digits(rng, 1)
        )
    if kind == "FR":
        return (
            digits(rng, 2) + rng.choice(["AB", "CD", "EF", "RH", "LK"]) + digits(rng, 5)
            if rng.random() < 0.4
            else digits(rng, 12, True)
        )
    if kind == "IT":
        return rng.choice(["MI", "RM", "TO", "NA", "U1"]) + digits(rng, 7) + rng.choice(UPPER)
    if kind == "PL":
        return f"{digits(rng, 5)}/{digits(rng, 2)}/{digits(rng, 4)}"
    if kind == "NL":
        return digits(rng, 10, True)
    if kind == "IE":
        return digits(rng, 3) + digits(rng, 6)
    if kind == "AU-NSW":
        return digits(rng, 8)
    if kind == "CA-ON":
        s = rng.choice(UPPER) + digits(rng, 14)
        return f"{s[:5]}-{s[5:10]}-{s[10:]}"
    raise ValueError(kind)


DL_KINDS_US = ["US-CA", "US-NY", "US-FL", "US-IL", "US-TX", "US-PA", "US-NJ", "US-WA", "US-MI"]
DL_KINDS_OTHER = ["GB", "DE", "FR", "IT", "PL", "NL", "AU-NSW", "CA-ON"]


# --------------------------------------------------------------------------- phones

# country: (calling code, trunk prefix, [mobile prefixes], subscriber digits after prefix, grouping fns)
PHONE_PLANS = {
    "US": ("1", "", None, 10),
    "CA": ("1", "", None, 10),
    "GB": ("44", "0", ["7400", "7507", "7824", "7948", "7723"], 10),
    "DE": ("49", "0", ["151", "152", "160", "170", "171", "176"], 11),
    "FR": ("33", "0", ["6", "75", "76", "77", "78"], 9),
    "ES": ("34", "", ["6", "71", "72"], 9),
    "IT": ("39", "", ["347", "333", "320", "340", "389"], 10),
    "NL": ("31", "0", ["61", "62", "63", "64", "65"], 9),
    "BE": ("32", "0", ["470", "475", "486", "496"], 9),
    "PT": ("351", "", ["91", "93", "96"], 9),
    "PL": ("48", "", ["501", "512", "600", "690", "781"], 9),
    "SE": ("46", "0", ["70", "72", "73", "76"], 9),
    "CH": ("41", "0", ["76", "78", "79"], 9),
    "IE": ("353", "0", ["83", "85", "86", "87"], 9),
    "BR": ("55", "", ["119", "219", "319", "479"], 11),
    "MX": ("52", "", ["55", "33", "81"], 10),
    "AR": ("54", "", ["9113", "9114", "9115", "9116"], 11),
    "IN": ("91", "0", ["98", "99", "97", "90", "70", "88"], 10),
    "CN": ("86", "", ["138", "139", "186", "150", "177"], 11),
    "JP": ("81", "0", ["901", "903", "905", "908", "801", "804", "806", "703", "708"], 10),
    "KR": ("82", "0", ["10"], 10),
    "SG": ("65", "", ["83", "87", "91", "96", "97"], 8),
    "AE": ("971", "0", ["50", "52", "55", "56"], 9),
    "NG": ("234", "0", ["803", "806", "813", "816", "703", "905"], 10),
    "ZA": ("27", "0", ["82", "83", "72", "73", "84"], 9),
    "TR": ("90", "0", ["532", "533", "542", "555", "505"], 10),
    "RU": ("7", "8", ["916", "915", "926", "903", "977"], 10),
    "AU": ("61", "0", ["412", "423", "433", "401", "455"], 9),
    "ID": ("62", "0", ["812", "813", "821", "857", "878"], 11),
    "PH": ("63", "0", ["917", "918", "927", "939", "999"], 10),
    "VN": ("84", "0", ["91", "90", "98", "97", "93"], 9),
    "UA": ("380", "0", ["67", "50", "63", "93", "96"], 9),
    "CL": ("56", "", ["9"], 9),
}
US_AREAS = [
    "212",
    "646",
    "917",
    "718",
    "415",
    "510",
    "312",
    "773",
    "713",
    "832",
    "305",
    "786",
    "206",
    "617",
    "404",
    "702",
    "602",
    "303",
    "503",
    "215",
    "202",
    "512",
    "919",
    "704",
]
CA_AREAS = ["416", "647", "604", "514", "403", "613", "905"]


def phone(rng: random.Random, country: str, style: str) -> str:
    """A mobile (or for US/CA geographic) number written in one of several styles:
    e164, intl (spaced international), national, local (country's common separators), 00 (00 prefix)."""
    cc, trunk, prefixes, n = PHONE_PLANS[country]
    if cc == "1":
        area = rng.choice(US_AREAS if country == "US" else CA_AREAS)
        exch = rng.choice("23456789") + digits(rng, 2)
        if exch[1:] == "11" or exch == "555":
            exch = "36" + exch[2]
        sub = digits(rng, 4)
        nat = area + exch + sub
        return {
            "e164": f"+1{nat}",
            "intl": f"+1 {area}-{exch}-{sub}",
            "national": f"({area}) {exch}-{sub}",
            "local": f"{area}.{exch}.{sub}",
            "00": f"001 {area} {exch} {sub}",
            "plain": f"{area}{exch}{sub}",
            "dash": f"{area}-{exch}-{sub}",
            "intl_paren": f"+1 ({area}) {exch}-{sub}",
        }.get(style, f"{area}-{exch}-{sub}")
    p = rng.choice(prefixes)
    nsn = p + digits(rng, n - len(p))
    if country == "CN":
        g = [nsn[:3], nsn[3:7], nsn[7:]]
        loc = " ".join(g)
    elif country in ("JP", "KR"):
        g = [nsn[:2], nsn[2:6], nsn[6:]]
        loc = "-".join([trunk + g[0], *g[1:]])
        p = nsn[:2]
    elif country == "FR":
        g = [nsn[0]] + [nsn[i : i + 2] for i in range(1, 9, 2)]
        loc = ".".join([trunk + g[0], *g[1:]]) if rng.random() < 0.5 else " ".join([trunk + g[0], *g[1:]])
    elif country == "BR":
        g = [nsn[:2], nsn[2:7], nsn[7:]]
        loc = f"({g[0]}) {g[1]}-{g[2]}"
    elif country == "DE":
        g = [nsn[:3], nsn[3:]]
        loc = f"0{g[0]} {g[1][:4]} {g[1][4:]}" if rng.random() < 0.5 else f"0{g[0]}/{g[1]}"
    elif country == "GB":
        g = [nsn[:4], nsn[4:]]
        loc = f"0{g[0]} {g[1]}"
    elif country == "RU":
        g = [nsn[:3], nsn[3:6], nsn[6:8], nsn[8:]]
        loc = f"8 ({g[0]}) {g[1]}-{g[2]}-{g[3]}"
    elif country in ("ES", "PL") or country == "IT":
        g = [nsn[:3], nsn[3:6], nsn[6:]]
        loc = " ".join(g)
    elif country == "NL":
        g = [nsn[:1], nsn[1:]]
        loc = f"06-{nsn[1:]}" if nsn[0] == "6" else f"0{nsn}"
    elif country == "IN":
        g = [nsn[:5], nsn[5:]]
        loc = f"{g[0]} {g[1]}"
    elif country == "SG":
        g = [nsn[:4], nsn[4:]]
        loc = f"{g[0]} {g[1]}"
    elif country == "TR":
        g = [nsn[:3], nsn[3:6], nsn[6:8], nsn[8:]]
        loc = f"0{g[0]} {g[1]} {g[2]} {g[3]}"
    elif country == "AR":
        g = [nsn[:1], nsn[1:3], nsn[3:7], nsn[7:]]
        loc = f"011 15-{nsn[3:7]}-{nsn[7:]}"
    elif country == "MX":
        g = [nsn[:2], nsn[2:6], nsn[6:]]
        loc = " ".join(g)
    else:
        mid = len(nsn) // 2
        g = [
            nsn[: len(p)],
            nsn[len(p) : len(p) + (len(nsn) - len(p)) // 2],
            nsn[len(p) + (len(nsn) - len(p)) // 2 :],
        ]
        loc = (trunk + g[0] + " " + g[1] + " " + g[2]) if trunk else " ".join(g)
        del mid
    if style == "e164":
        return f"+{cc}{nsn}"
    if style == "intl":
        return f"+{cc} " + " ".join(g)
    if style == "00":
        return f"00{cc} " + " ".join(g)
    if style == "intl_paren" and trunk == "0":
        return f"+{cc} (0){g[0]} " + " ".join(g[1:])
    if style == "plain":
        return (trunk + nsn) if trunk else nsn
    if style == "intl_dash":
        return f"+{cc}-" + "-".join(g)
    return loc  # national/local


PHONE_COUNTRIES = list(PHONE_PLANS)
PHONE_STYLES = ["e164", "intl", "national", "00", "intl_paren", "plain", "intl_dash"]


# --------------------------------------------------------------------------- addresses


def street_address(rng: random.Random, country: str) -> dict:
    """Returns {'line': street line (the labelled value), 'city', 'postcode', 'country'}."""
    n = rng.randint(1, 240)
    if country == "US":
        st = rng.choice(
            [
                "Maple Avenue",
                "W 43rd St",
                "Lakeshore Dr",
                "Sycamore Lane",
                "N Broadway",
                "Elmwood Ct",
                "Pennsylvania Ave NW",
                "Old Orchard Rd",
                "SE Division St",
                "Magnolia Blvd",
            ]
        )
        line = f"{rng.randint(10, 9899)} {st}" + rng.choice(
            [
                "",
                "",
                f", Apt {rng.randint(1, 40)}{rng.choice('ABCD')}",
                f" #{rng.randint(100, 2400)}",
                f", Unit {rng.randint(1, 30)}",
            ]
        )
        city, pc = rng.choice(
            [
                ("Brooklyn, NY", "11215"),
                ("Austin, TX", "78704"),
                ("Portland, OR", "97214"),
                ("Columbus, OH", "43215"),
                ("Tampa, FL", "33606"),
                ("Denver, CO", "80205"),
            ]
        )
    elif country == "GB":
        st = rng.choice(
            [
                "Kingsway",
                "Coldharbour Lane",
                "Victoria Road",
                "Mill Hill Lane",
                "St Mary's Close",
                "Woodstock Road",
            ]
        )
        line = rng.choice([f"{n} {st}", f"Flat {rng.randint(1, 30)}, {n} {st}", f"{n}a {st}"])
        city, pc = rng.choice(
            [("London", "SE5 9NR"), ("Manchester", "M14 5TQ"), ("Oxford", "OX2 6QY"), ("Leeds", "LS6 2AB")]
        )
    elif country == "DE":
        st = rng.choice(
            [
                "Hauptstraße",
                "Kastanienallee",
                "Schönhauser Allee",
                "Lindenstr.",
                "Am Grünen Weg",
                "Sonnenstraße",
            ]
        )
        line = f"{st} {n}{rng.choice(['', '', 'a', 'b'])}"
        city, pc = rng.choice(
            [("Berlin", "10435"), ("München", "80331"), ("Köln", "50667"), ("Hamburg", "22765")]
        )
    elif country == "FR":
        st = rng.choice(
            [
                "rue de la Roquette",
                "avenue Jean Jaurès",
                "boulevard Voltaire",
                "rue des Lilas",
                "allée des Tilleuls",
            ]
        )
        line = f"{n}{rng.choice(['', '', ' bis', ' ter'])} {st}"
        city, pc = rng.choice(
            [("Paris", "75011"), ("Lyon", "69007"), ("Marseille", "13006"), ("Nantes", "44000")]
        )
    elif country == "ES":
        st = rng.choice(
            ["Calle de Alcalá", "C/ Mayor", "Avda. de la Constitución", "Calle Sierpes", "Passeig de Gràcia"]
        )
        line = f"{st} {n}, {rng.randint(1, 9)}º {rng.choice(['izq.', 'dcha.', 'B', '2ª'])}"
        city, pc = rng.choice([("Madrid", "28014"), ("Sevilla", "41004"), ("Barcelona", "08008")])
    elif country == "IT":
        st = rng.choice(
            [
                "Via Roma",
                "Via Giuseppe Garibaldi",
                "Corso Vittorio Emanuele II",
                "Viale dei Mille",
                "Piazza Cavour",
            ]
        )
        line = f"{st} {n}{rng.choice(['', '', '/B', ' int. 4'])}"
        city, pc = rng.choice(
            [("Milano", "20121"), ("Roma", "00185"), ("Torino", "10123"), ("Napoli", "80133")]
        )
    elif country == "NL":
        st = rng.choice(
            ["Keizersgracht", "Kerkstraat", "Van Woustraat", "Oudegracht", "Laan van Meerdervoort"]
        )
        line = f"{st} {n}{rng.choice(['', '-2', ' hs', 'A'])}"
        city, pc = rng.choice([("Amsterdam", "1017 EK"), ("Utrecht", "3511 AB"), ("Den Haag", "2517 KJ")])
    elif country == "BR":
        st = rng.choice(
            ["Rua Augusta", "Av. Paulista", "Rua das Laranjeiras", "Rua XV de Novembro", "Av. Afonso Pena"]
        )
        line = f"{st}, {rng.randint(10, 3000)}" + rng.choice(
            ["", f", apto {rng.randint(11, 190)}", f" - Bloco B, ap. {rng.randint(11, 90)}"]
        )
        city, pc = rng.choice(
            [
                ("São Paulo - SP", "01305-100"),
                ("Rio de Janeiro - RJ", "22240-003"),
                ("Curitiba - PR", "80020-310"),
            ]
        )
    elif country == "MX":
        st = rng.choice(["Av. Insurgentes Sur", "Calle Durango", "Av. Revolución", "Calz. de Tlalpan"])
        line = f"{st} {rng.randint(10, 2500)}" + rng.choice(
            ["", f", Int. {rng.randint(1, 12)}", f" Depto. {rng.randint(101, 904)}"]
        )
        city, pc = rng.choice(
            [
                ("Col. Roma Norte, CDMX", "06700"),
                ("Col. Del Valle, CDMX", "03100"),
                ("Guadalajara, Jal.", "44160"),
            ]
        )
    elif country == "JP":
        line = rng.choice(
            [
                f"{rng.randint(1, 5)}-{rng.randint(1, 30)}-{rng.randint(1, 20)} Jingumae",
                f"{rng.randint(1, 5)}-{rng.randint(1, 30)}-{rng.randint(1, 20)} Nishi-Shinjuku",
                f"東京都渋谷区神宮前{rng.randint(1, 6)}丁目{rng.randint(1, 30)}番{rng.randint(1, 20)}号",
                f"大阪府大阪市北区梅田{rng.randint(1, 3)}-{rng.randint(1, 12)}-{rng.randint(1, 20)}",
            ]
        )
        city, pc = rng.choice([("Shibuya-ku, Tokyo", "150-0001"), ("Shinjuku-ku, Tokyo", "160-0023")])
    elif country == "IN":
        line = rng.choice(
            [
                f"Flat {rng.randint(101, 1204)}, Sector {rng.randint(1, 60)}, Dwarka",
                f"No. {rng.randint(1, 99)}, {rng.randint(1, 20)}th Cross, Indiranagar",
                f"H.No. {rng.randint(1, 30)}-{rng.randint(1, 9)}-{rng.randint(10, 999)}, Banjara Hills",
            ]
        )
        city, pc = rng.choice([("New Delhi", "110075"), ("Bengaluru", "560038"), ("Hyderabad", "500034")])
    elif country == "AU":
        line = rng.choice(
            [
                f"Unit {rng.randint(1, 30)}, {n} George St",
                f"{n} Chapel Street",
                f"{rng.randint(1, 40)}/{n} Glebe Point Rd",
            ]
        )
        city, pc = rng.choice([("Sydney NSW", "2000"), ("Windsor VIC", "3181"), ("Glebe NSW", "2037")])
    elif country == "CA":
        line = rng.choice(
            [
                f"{rng.randint(100, 9000)} Rue Sainte-Catherine O",
                f"{rng.randint(10, 900)} Queen St W, Suite {rng.randint(100, 900)}",
                f"{rng.randint(100, 3000)} Commercial Dr",
            ]
        )
        city, pc = rng.choice(
            [("Montréal, QC", "H3B 1A7"), ("Toronto, ON", "M5H 2M9"), ("Vancouver, BC", "V5L 3X4")]
        )
    elif country == "PL":
        line = rng.choice(
            [
                f"ul. Marszałkowska {n}/{rng.randint(1, 90)}",
                f"ul. Piotrkowska {n} m. {rng.randint(1, 40)}",
                f"al. Jerozolimskie {n}",
            ]
        )
        city, pc = rng.choice([("Warszawa", "00-624"), ("Łódź", "90-406"), ("Kraków", "31-042")])
    elif country == "TR":
        line = rng.choice(
            [
                f"Atatürk Cad. No:{n} D:{rng.randint(1, 20)}",
                f"Bağdat Caddesi No: {n}/{rng.randint(1, 20)}",
                f"İstiklal Cd. No:{n}",
            ]
        )
        city, pc = rng.choice(
            [("Kadıköy/İstanbul", "34710"), ("Beyoğlu/İstanbul", "34433"), ("Çankaya/Ankara", "06690")]
        )
    elif country == "RU":
        line = rng.choice(
            [
                f"ул. Тверская, д. {n}, кв. {rng.randint(1, 300)}",
                f"пр-т Мира, д. {n}, кв. {rng.randint(1, 300)}",
                f"ul. Bolshaya Sadovaya, d. {n}, kv. {rng.randint(1, 300)}",
            ]
        )
        city, pc = rng.choice([("Москва", "125009"), ("Moscow", "129090")])
    elif country == "SG":
        line = rng.choice(
            [
                f"Blk {rng.randint(100, 999)} Ang Mo Kio Ave {rng.randint(1, 10)}, #{rng.randint(2, 20):02d}-{rng.randint(1, 999):03d}",
                f"{n} Tanjong Pagar Road, #{rng.randint(2, 20):02d}-{rng.randint(1, 99):02d}",
            ]
        )
        city, pc = ("Singapore", str(rng.randint(100000, 829999)))
    elif country == "AE":
        line = f"Villa {rng.randint(1, 90)}, Street {rng.randint(1, 40)}, Al Barsha {rng.randint(1, 3)}"
        city, pc = ("Dubai", "")
    elif country == "NG":
        line = rng.choice(
            [
                f"{rng.randint(1, 90)} Adeola Odeku Street, Victoria Island",
                f"Plot {rng.randint(1, 500)}, Admiralty Way, Lekki Phase 1",
            ]
        )
        city, pc = ("Lagos", "")
    elif country == "ZA":
        line = f"{rng.randint(1, 200)} Jan Smuts Avenue, Parktown North"
        city, pc = ("Johannesburg", "2193")
    else:
        raise ValueError(country)
    return {"line": line, "city": city, "postcode": pc, "country": country}


ADDRESS_COUNTRIES = [
    "US",
    "GB",
    "DE",
    "FR",
    "ES",
    "IT",
    "NL",
    "BR",
    "MX",
    "JP",
    "IN",
    "AU",
    "CA",
    "PL",
    "TR",
    "RU",
    "SG",
    "AE",
    "NG",
    "ZA",
]


# --------------------------------------------------------------------------- IPs


def ipv4(rng: random.Random) -> str:
    while True:
        a = rng.choice(
            [
                24,
                31,
                37,
                46,
                62,
                73,
                77,
                81,
                84,
                86,
                89,
                91,
                94,
                98,
                102,
                105,
                109,
                112,
                121,
                148,
                151,
                171,
                176,
                177,
                179,
                185,
                186,
                187,
                189,
                190,
                197,
                200,
                201,
                203,
                212,
                213,
                217,
            ]
        )
        return f"{a}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"


def ipv6(rng: random.Random, style: str = "compressed") -> str:
    prefix = rng.choice(
        ["2a02:8108", "2001:818", "2600:1700", "2a01:cb00", "2804:14c", "2409:4071", "2a00:23c7", "2607:fb90"]
    )
    groups = [f"{rng.getrandbits(16):x}" for _ in range(6)]
    if style == "full":
        return prefix + ":" + ":".join(groups)
    if style == "compressed":
        return prefix + ":" + ":".join(groups[:2]) + "::" + ":".join(groups[4:])
    return (prefix + ":" + ":".join(groups)).upper()


# --------------------------------------------------------------------------- names

NAMES = {
    # culture: (given names M, given names F, family names, family_first)
    "en": (
        ["Jonathan", "Gareth", "Tyler", "Malcolm", "Desmond", "Bradley", "Nigel"],
        ["Harriet", "Brianna", "Siobhan", "Courtney", "Imogen", "Shelby", "Tamsin"],
        [
            "Whitfield",
            "Ashcroft",
            "Pennington",
            "Thistlewood",
            "Blackwood",
            "Hargreaves",
            "Fairbanks",
            "Kettering",
            "Winterbottom",
            "Cavendish-Hale",
            "O'Sullivan",
            "McAllister",
            "MacKinnon",
            "DeLuca",
            "FitzGerald",
            "O'Hanlon",
        ],
        False,
    ),
    "us_aa": (
        ["DeShawn", "Jamal", "Tyrone", "Darnell", "Marquis"],
        ["LaToya", "Shaniqua", "Keisha", "Aaliyah", "Imani"],
        ["Washington", "Jefferson", "Okafor-Banks", "Merriweather", "Boykins", "Ransome"],
        False,
    ),
    "de": (
        ["Jürgen", "Lukas", "Matthias", "Florian", "Dieter"],
        ["Annegret", "Sabine", "Katharina", "Jördis", "Friederike"],
        [
            "Schäfer-Lindqvist",
            "Großmann",
            "von Hohenberg",
            "Oberhäuser",
            "Kleinschmidt",
            "Müller-Lüdenscheidt",
            "Weißkopf",
        ],
        False,
    ),
    "nl": (
        ["Joost", "Sander", "Maarten", "Pieter"],
        ["Femke", "Marieke", "Anouk", "Sanne"],
        [
            "van der Berg",
            "de Vries",
            "van Dijk",
            "Vermeulen",
            "van den Broek",
            "Bakker-Hoekstra",
            "ter Horst",
        ],
        False,
    ),
    "fr": (
        ["Théo", "Grégoire", "Étienne", "Rémi"],
        ["Léa", "Anaïs", "Maëlle", "Clémence", "Solène"],
        ["Lefèvre", "de la Fontaine", "Dupont-Moreau", "Rousseau", "Chevalier", "Beaumarchais", "Lemaître"],
        False,
    ),
    "es": (
        ["Alejandro", "Iñaki", "Sebastián", "Rodrigo", "Joaquín"],
        ["Ximena", "Lucía", "Mercedes", "Itziar", "Guadalupe"],
        [
            "García Lorente",
            "Fernández de Córdoba",
            "Ibarruri",
            "Echeverría",
            "Quintanilla Ruiz",
            "Castañeda",
            "Villalobos",
        ],
        False,
    ),
    "pt": (
        ["João", "Thiago", "Gonçalo", "Rafael"],
        ["Beatriz", "Conceição", "Thaís", "Luana"],
        [
            "dos Santos",
            "da Silva Pereira",
            "Magalhães",
            "Gonçalves",
            "Nascimento",
            "Albuquerque",
            "Carvalhosa",
        ],
        False,
    ),
    "it": (
        ["Giuseppe", "Lorenzo", "Alessandro", "Gianluca"],
        ["Chiara", "Francesca", "Giulia", "Benedetta"],
        ["D'Angelo", "Di Benedetto", "Esposito", "Lo Russo", "Bianchini", "Ferraresi", "Pellegrino"],
        False,
    ),
    "pl": (
        ["Łukasz", "Grzegorz", "Wojciech", "Przemysław"],
        ["Małgorzata", "Agnieszka", "Żaneta", "Joanna"],
        ["Wiśniewski", "Szczepańska", "Brzęczyszczykiewicz", "Kowalczyk", "Wójcik", "Zieliński"],
        False,
    ),
    "tr": (
        ["Mehmet", "Emre", "Oğuz", "Burak"],
        ["Ayşe", "Elif", "Gülşen", "Zeynep"],
        ["Yılmaz", "Şahin", "Öztürk", "Çelik", "Karadeniz", "Aydoğan"],
        False,
    ),
    "ar": (
        ["Mohammed", "Khalid", "Omar", "Yousef", "Tariq"],
        ["Fatima", "Layla", "Noor", "Mariam", "Huda"],
        ["Al-Rashid", "bin Abdullah", "El Amrani", "Al Mansoori", "Haddad", "Abu-Zahra", "Benali"],
        False,
    ),
    "ng": (
        ["Chukwuemeka", "Oluwaseun", "Babatunde", "Ikechukwu"],
        ["Ngozi", "Adaeze", "Folasade", "Chiamaka"],
        ["Okonkwo", "Adebayo", "Nwachukwu", "Oyelaran", "Eze-Okafor", "Abiodun"],
        False,
    ),
    "in": (
        ["Venkatesh", "Arjun", "Siddharth", "Rahul", "Karthik"],
        ["Priya", "Ananya", "Lakshmi", "Deepika", "Meenakshi"],
        ["Raghunathan", "Venkatasubramanian", "Chatterjee", "Iyer", "Deshpande", "Bhattacharya", "Sengupta"],
        False,
    ),
    "ru_lat": (
        ["Dmitry", "Alexei", "Sergey", "Nikolai"],
        ["Ekaterina", "Anastasia", "Olga", "Svetlana"],
        ["Smirnov", "Kuznetsova", "Volkov", "Lebedeva", "Sokolov", "Yevtushenko"],
        False,
    ),
    "ru_cyr": (
        ["Дмитрий", "Алексей", "Сергей", "Николай"],
        ["Екатерина", "Анастасия", "Ольга", "Светлана"],
        ["Смирнов", "Кузнецова", "Волков", "Лебедева", "Соколов"],
        False,
    ),
    "gr": (
        ["Konstantinos", "Georgios", "Dimitrios"],
        ["Eleni", "Katerina", "Vasiliki"],
        ["Papadopoulos", "Karamanlis", "Christodoulou", "Georgiou"],
        False,
    ),
    "nordic": (
        ["Øyvind", "Björn", "Mikael", "Jukka"],
        ["Åsa", "Sigríður", "Linnéa", "Ingrid"],
        ["Kristiansen", "Lindqvist", "Häkkinen", "Sigurðardóttir", "Østergaard", "Bergström"],
        False,
    ),
    "ie": (
        ["Seán", "Ciarán", "Pádraig"],
        ["Aoife", "Niamh", "Róisín"],
        ["Ní Bhriain", "Ó Súilleabháin", "Mac Giolla Phádraig", "Ó Ceallaigh"],
        False,
    ),
    "vn": (
        ["Minh", "Tuấn", "Hùng"],
        ["Thảo", "Linh", "Hương"],
        ["Nguyễn Văn", "Trần Thị", "Phạm Đức", "Lê Hoàng"],
        True,
    ),
    "zh_lat": (
        ["Xiaoming", "Zhiwei", "Haoran", "Jianguo"],
        ["Meiling", "Xiuying", "Yuxin", "Jing"],
        ["Wang", "Zhang", "Liu", "Chen", "Huang", "Zhou"],
        False,
    ),
    "ja_lat": (
        ["Hiroshi", "Kenji", "Takumi", "Daisuke"],
        ["Yuki", "Sakura", "Haruka", "Aiko"],
        ["Tanaka", "Watanabe", "Yamamoto", "Takahashi", "Kobayashi", "Nakamura"],
        False,
    ),
    "ko_lat": (
        ["Min-jun", "Ji-hoon", "Seo-jun"],
        ["Ji-woo", "Seo-yeon", "Ha-eun"],
        ["Park", "Choi", "Jung", "Kang", "Yoon"],
        False,
    ),
    "id": (
        ["Budi", "Agus", "Rizky"],
        ["Siti", "Dewi", "Putri"],
        ["Santoso", "Wijaya", "Kusumawati", "Hidayat"],
        False,
    ),
}
CJK_NAMES = [
    ("王", "小明", "zh"),
    ("李", "静", "zh"),
    ("张", "伟", "zh"),
    ("陈", "美玲", "zh"),
    ("田中", "宏", "ja"),
    ("佐藤", "花子", "ja"),
    ("鈴木", "一郎", "ja"),
    ("김", "민준", "ko"),
    ("박", "지우", "ko"),
    ("이", "서연", "ko"),
]
NAME_CULTURES = list(NAMES)


def person(rng: random.Random, culture: str | None = None, female: bool | None = None) -> dict:
    """A person: first, last, full (as usually written), family tokens (what must not survive)."""
    culture = culture or rng.choice(NAME_CULTURES)
    if female is None:
        female = rng.random() < 0.5
    m, f, fam, family_first = NAMES[culture]
    first = rng.choice(f if female else m)
    last = rng.choice(fam)
    middle = ""
    if culture in ("en", "us_aa", "de", "pt") and rng.random() < 0.2:
        middle = rng.choice(f if female else m)
        if middle == first:
            middle = ""
    if culture == "vn":
        # Vietnamese: family + middle + given, e.g. "Nguyễn Văn Minh"
        full = f"{last} {first}"
        family_tokens = [last.split()[0]]
        return {
            "first": first,
            "last": last,
            "middle": "",
            "full": full,
            "female": female,
            "culture": culture,
            "family_tokens": family_tokens,
            "family_first": True,
        }
    full = " ".join(x for x in (first, middle, last) if x)
    toks = [t for t in last.replace("-", " ").split() if len(t) >= 3 and t.lower() not in PARTICLES]
    if "-" in last:
        toks.append(last)
    return {
        "first": first,
        "last": last,
        "middle": middle,
        "full": full,
        "female": female,
        "culture": culture,
        "family_tokens": sorted(set([*toks, last.split()[-1]] if len(last.split()[-1]) >= 3 else toks)),
        "family_first": family_first,
    }


PARTICLES = {
    "van",
    "der",
    "den",
    "de",
    "la",
    "le",
    "von",
    "dos",
    "da",
    "di",
    "lo",
    "bin",
    "ter",
    "el",
    "al",
    "ní",
    "ó",
    "mac",
    "abu",
}


def cjk_person(rng: random.Random, lang: str | None = None) -> dict:
    fam, given, lang = rng.choice([x for x in CJK_NAMES if lang is None or x[2] == lang])
    sep = " " if lang == "ko" or (lang == "ja" and rng.random() < 0.5) else ""
    full = fam + sep + given
    return {
        "first": given,
        "last": fam,
        "middle": "",
        "full": full,
        "female": None,
        "culture": "cjk_" + lang,
        "family_tokens": [],
        "family_first": True,
    }


def email_for(rng: random.Random, p: dict) -> str:
    first = _strip_accents(p["first"]).lower().replace("'", "").replace(" ", "")
    last = _strip_accents(p["last"]).lower().replace("'", "").replace(" ", "").replace("-", "")
    if not first.isascii() or (not first.isalpha() and "-" not in first):
        first = rng.choice(["user", "crypto", "moon", "hodl", "sats"])
    if not last.isascii():
        last = rng.choice(["x", "k", "z"]) + digits(rng, 3)
    first = first.replace("-", "")
    dom = rng.choice(
        [
            "gmail.com",
            "yahoo.com",
            "outlook.com",
            "hotmail.co.uk",
            "proton.me",
            "icloud.com",
            "gmx.de",
            "web.de",
            "orange.fr",
            "libero.it",
            "uol.com.br",
            "yandex.ru",
            "qq.com",
            "naver.com",
            "mail.ru",
            "t-online.de",
            "free.fr",
            "wp.pl",
            "seznam.cz",
            "fastmail.com",
            "pm.me",
            "btinternet.com",
            "rediffmail.com",
            "163.com",
            "bol.com.br",
            "ziggo.nl",
            "telenet.be",
            "kpnmail.nl",
        ]
    )
    pat = rng.choice(
        [
            f"{first}.{last}",
            f"{first}{last}{rng.randint(1, 99)}",
            f"{first[0]}{last}",
            f"{first}_{last}",
            f"{last}.{first}",
            f"{first}{rng.randint(1960, 2005)}",
            f"{first}.{last}+binance",
            f"{first[0]}.{last}{rng.randint(1, 9)}",
        ]
    )
    return f"{pat}@{dom}"
