"""Generators of realistic personal values and of decoys, stdlib only, driven by a random.Random.

Check digits follow the real algorithms (Luhn, IBAN mod-97, national id checks, base58check,
bech32/bech32m, cashaddr, EIP-55, StrKey CRC16, SS58, MRZ 7-3-1, ABA, CLABE).
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import string
import unicodedata
from random import Random

# ---------------------------------------------------------------------------------------------
# primitives
# ---------------------------------------------------------------------------------------------

DIG = string.digits
UP = string.ascii_uppercase


def digits(r: Random, n: int, first_nonzero: bool = False) -> str:
    s = "".join(r.choice(DIG) for _ in range(n))
    if first_nonzero and s[0] == "0":
        s = r.choice("123456789") + s[1:]
    return s


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


def group(s: str, sizes: list[int], sep: str) -> str:
    out, i = [], 0
    for n in sizes:
        if i >= len(s):
            break
        out.append(s[i : i + n])
        i += n
    if i < len(s):
        out.append(s[i:])
    return sep.join(out)


def chunks(s: str, n: int, sep: str = " ") -> str:
    return sep.join(s[i : i + n] for i in range(0, len(s), n))


# ---------------------------------------------------------------------------------------------
# payment cards
# ---------------------------------------------------------------------------------------------

CARD_BRANDS = {
    "visa": (["4"], 16),
    "visa_debit": (["4"], 16),
    "mastercard": (["51", "52", "53", "54", "55", "2221", "2315", "2480", "2720"], 16),
    "amex": (["34", "37"], 15),
    "discover": (["6011", "644", "65"], 16),
    "jcb": (["3528", "3530", "3566", "3589"], 16),
    "unionpay": (["62"], 16),
    "unionpay19": (["62"], 19),
    "diners": (["36", "38"], 14),
    "maestro": (["6759", "5018", "6304"], 16),
    "mir": (["2200", "2202", "2204"], 16),
    "elo": (["6362", "5067", "4576"], 16),
    "rupay": (["6521", "6522", "508"], 16),
}


def card_number(r: Random, brand: str | None = None) -> tuple[str, str]:
    brand = brand or r.choice(
        ["visa"] * 5
        + ["mastercard"] * 4
        + ["amex", "discover", "jcb", "unionpay", "unionpay19", "diners", "maestro", "mir", "elo", "rupay"]
    )
    prefixes, n = CARD_BRANDS[brand]
    p = r.choice(prefixes)
    body = p + digits(r, n - len(p) - 1)
    return body + luhn_digit(body), brand


def fmt_card(r: Random, num: str, style: str | None = None) -> str:
    style = style or r.choice(["space", "space", "dash", "compact", "compact", "space"])
    if style == "compact":
        return num
    sep = " " if style == "space" else "-"
    if len(num) == 15:
        return group(num, [4, 6, 5], sep)
    if len(num) == 14:
        return group(num, [4, 6, 4], sep)
    if len(num) == 19:
        return group(num, [4, 4, 4, 4, 3], sep)
    return chunks(num, 4, sep)


def card_expiry(r: Random) -> str:
    return f"{r.randint(1, 12):02d}/{r.randint(26, 31)}"


# ---------------------------------------------------------------------------------------------
# IBAN
# ---------------------------------------------------------------------------------------------


def _alnum_num(s: str) -> str:
    return "".join(str(int(c, 36)) for c in s)


def _ibanize(cc: str, bban: str) -> str:
    rearr = _alnum_num(bban + cc + "00")
    check = 98 - int(rearr) % 97
    return f"{cc}{check:02d}{bban}"


def _rib_key(bank: str, branch: str, acct: str) -> str:
    conv = {c: str(v) for c, v in zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "12345678912345678923456789")}
    a = "".join(conv.get(c, c) for c in acct)
    return f"{97 - (89 * int(bank) + 15 * int(branch) + 3 * int(a)) % 97:02d}"


def _es_dc(bank: str, branch: str, acct: str) -> str:
    w = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6]

    def d(s: str) -> str:
        v = 11 - sum(int(c) * w[i] for i, c in enumerate(s)) % 11
        return "0" if v == 11 else "1" if v == 10 else str(v)

    return d("00" + bank + branch) + d(acct)


_CIN_ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23]


def _it_cin(s: str) -> str:
    tot = 0
    for i, c in enumerate(s):
        v = int(c) if c.isdigit() else ord(c) - 65
        tot += _CIN_ODD[v] if i % 2 == 0 else v
    return chr(65 + tot % 26)


def _nl_acct(r: Random) -> str:
    while True:
        a = digits(r, 10)
        if a[0] == "0" and a[1] != "0" and sum(int(c) * (10 - i) for i, c in enumerate(a)) % 11 == 0:
            return a


def iban(r: Random, cc: str) -> str:
    if cc == "DE":
        bban = r.choice(
            ["10010010", "37040044", "50010517", "20041133", "70150000", "12030000", "43060967", "10050000"]
        ) + digits(r, 10)
    elif cc == "FR":
        bank, branch, acct = (
            r.choice(["30004", "30003", "20041", "10278", "30002", "16606"]),
            digits(r, 5),
            digits(r, 11),
        )
        bban = bank + branch + acct + _rib_key(bank, branch, acct)
    elif cc == "ES":
        bank, branch, acct = (
            r.choice(["2100", "0049", "0182", "0081", "2085", "1465"]),
            digits(r, 4),
            digits(r, 10),
        )
        bban = bank + branch + _es_dc(bank, branch, acct) + acct
    elif cc == "IT":
        rest = r.choice(["03069", "02008", "05034", "03062"]) + digits(r, 5) + digits(r, 12)
        bban = _it_cin(rest) + rest
    elif cc == "NL":
        bban = r.choice(["ABNA", "INGB", "RABO", "TRIO", "SNSB", "ASNB"]) + _nl_acct(r)
    elif cc == "GB":
        bban = (
            r.choice(["BARC", "NWBK", "HBUK", "LOYD", "MIDL", "MONZ", "REVO", "SRLG"])
            + digits(r, 6)
            + digits(r, 8)
        )
    elif cc == "IE":
        bban = r.choice(["AIBK", "BOFI", "IPBS"]) + digits(r, 6) + digits(r, 8)
    elif cc == "BE":
        first = digits(r, 10)
        c = int(first) % 97 or 97
        bban = first + f"{c:02d}"
    elif cc == "CH":
        bban = r.choice(["00762", "00230", "08390"]) + digits(r, 12)
    elif cc == "AT":
        bban = r.choice(["12000", "20111", "32000", "19043"]) + digits(r, 11)
    elif cc == "PL":
        bban = digits(r, 24)
    elif cc == "PT":
        bban = r.choice(["0002", "0007", "0033", "0035"]) + digits(r, 17)
    elif cc == "SE":
        bban = r.choice(["500", "800", "600", "300"]) + digits(r, 17)
    elif cc == "NO":
        while True:
            b = digits(r, 10)
            w = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]
            k = 11 - sum(int(x) * y for x, y in zip(b, w)) % 11
            if k == 11:
                k = 0
            if k != 10:
                bban = b + str(k)
                break
    elif cc == "DK" or cc == "FI":
        bban = digits(r, 14)
    elif cc == "LU":
        bban = digits(r, 3) + digits(r, 13)
    elif cc == "SA":
        bban = r.choice(["80", "10", "45", "20"]) + digits(r, 18)
    elif cc == "AE":
        bban = r.choice(["033", "026", "030", "035"]) + digits(r, 16)
    elif cc == "TR":
        bban = digits(r, 5) + "0" + digits(r, 16)
    elif cc == "BR":
        bban = digits(r, 8) + digits(r, 5) + digits(r, 10) + r.choice("CP") + "1"
    elif cc == "GR":
        bban = r.choice(["011", "017", "026", "014"]) + digits(r, 4) + digits(r, 16)
    elif cc == "IL":
        bban = r.choice(["010", "012", "011", "020"]) + digits(r, 3) + digits(r, 13)
    elif cc == "LT":
        bban = digits(r, 16)
    elif cc == "CZ":
        bban = digits(r, 20)
    elif cc == "UA":
        bban = r.choice(["322001", "305299", "320649", "300528"]) + digits(r, 19)
    else:
        raise KeyError(cc)
    return _ibanize(cc, bban)


IBAN_COUNTRIES = [
    "DE",
    "FR",
    "ES",
    "IT",
    "NL",
    "GB",
    "IE",
    "BE",
    "CH",
    "AT",
    "PL",
    "PT",
    "SE",
    "NO",
    "DK",
    "FI",
    "LU",
    "SA",
    "AE",
    "TR",
    "BR",
    "GR",
    "IL",
    "LT",
    "CZ",
    "UA",
]


def fmt_iban(r: Random, v: str, style: str | None = None) -> str:
    style = style or r.choice(["groups", "groups", "compact", "compact", "groups"])
    return chunks(v, 4) if style == "groups" else v


# ---------------------------------------------------------------------------------------------
# base58 / bech32 / crypto wallets
# ---------------------------------------------------------------------------------------------

B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
XRP58 = "rpshnaf39wBUDNEGHJKLM4PQRST7VWXYZ2bcdeCg65jkm8oFqi1tuvAxyz"


def b58encode(b: bytes, alphabet: str = B58) -> str:
    n = int.from_bytes(b, "big")
    out = ""
    while n:
        n, rem = divmod(n, 58)
        out = alphabet[rem] + out
    pad = len(b) - len(b.lstrip(b"\0"))
    return alphabet[0] * pad + out


def b58check(payload: bytes, alphabet: str = B58) -> str:
    chk = hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4]
    return b58encode(payload + chk, alphabet)


BECH = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def _bech_polymod(values: list[int]) -> int:
    gen = [0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3]
    chk = 1
    for v in values:
        b = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ v
        for i in range(5):
            chk ^= gen[i] if ((b >> i) & 1) else 0
    return chk


def _hrp_expand(hrp: str) -> list[int]:
    return [ord(x) >> 5 for x in hrp] + [0] + [ord(x) & 31 for x in hrp]


def convertbits(data: bytes | list[int], frm: int, to: int, pad: bool = True) -> list[int]:
    acc = bits = 0
    ret = []
    maxv = (1 << to) - 1
    for v in data:
        acc = (acc << frm) | v
        bits += frm
        while bits >= to:
            bits -= to
            ret.append((acc >> bits) & maxv)
    if pad and bits:
        ret.append((acc << (to - bits)) & maxv)
    return ret


def bech32_encode(hrp: str, data: list[int], m: bool = False) -> str:
    const = 0x2BC830A3 if m else 1
    pm = _bech_polymod(_hrp_expand(hrp) + data + [0] * 6) ^ const
    chk = [(pm >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(BECH[d] for d in data + chk)


def segwit(hrp: str, ver: int, prog: bytes) -> str:
    return bech32_encode(hrp, [ver] + convertbits(prog, 8, 5), m=ver > 0)


def _cash_polymod(v: list[int]) -> int:
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


def cashaddr(h: bytes, prefix: str = "bitcoincash") -> str:
    payload = convertbits(bytes([0]) + h, 8, 5)
    pm = _cash_polymod([ord(c) & 31 for c in prefix] + [0] + payload + [0] * 8)
    chk = [(pm >> 5 * (7 - i)) & 31 for i in range(8)]
    return prefix + ":" + "".join(BECH[d] for d in payload + chk)


# Keccak-256 (the pre-standard padding Ethereum uses) -----------------------------------------
_RC = [
    0x0000000000000001,
    0x0000000000008082,
    0x800000000000808A,
    0x8000000080008000,
    0x000000000000808B,
    0x0000000080000001,
    0x8000000080008081,
    0x8000000000008009,
    0x000000000000008A,
    0x0000000000000088,
    0x0000000080008009,
    0x000000008000000A,
    0x000000008000808B,
    0x800000000000008B,
    0x8000000000008089,
    0x8000000000008003,
    0x8000000000008002,
    0x8000000000000080,
    0x000000000000800A,
    0x800000008000000A,
    0x8000000080008081,
    0x8000000000008080,
    0x0000000080000001,
    0x8000000080008008,
]
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


def _keccak_f(A: list[list[int]]) -> None:
    for rnd in range(24):
        C = [A[x][0] ^ A[x][1] ^ A[x][2] ^ A[x][3] ^ A[x][4] for x in range(5)]
        D = [C[(x - 1) % 5] ^ _rol(C[(x + 1) % 5], 1) for x in range(5)]
        for x in range(5):
            for y in range(5):
                A[x][y] ^= D[x]
        B = [[0] * 5 for _ in range(5)]
        for x in range(5):
            for y in range(5):
                B[y][(2 * x + 3 * y) % 5] = _rol(A[x][y], _ROT[x][y])
        for x in range(5):
            for y in range(5):
                A[x][y] = B[x][y] ^ ((~B[(x + 1) % 5][y]) & B[(x + 2) % 5][y])
        A[0][0] ^= _RC[rnd]


def keccak256(data: bytes) -> bytes:
    rate = 136
    msg = bytearray(data) + b"\x01"
    while len(msg) % rate:
        msg += b"\x00"
    msg[-1] |= 0x80
    A = [[0] * 5 for _ in range(5)]
    for off in range(0, len(msg), rate):
        block = msg[off : off + rate]
        for i in range(rate // 8):
            x, y = i % 5, i // 5
            A[x][y] ^= int.from_bytes(block[8 * i : 8 * i + 8], "little")
        _keccak_f(A)
    out = b""
    for i in range(4):
        x, y = i % 5, i // 5
        out += A[x][y].to_bytes(8, "little")
    return out


def eip55(addr_hex: str) -> str:
    a = addr_hex.lower()
    h = keccak256(a.encode()).hex()
    return "0x" + "".join(c.upper() if c.isalpha() and int(h[i], 16) >= 8 else c for i, c in enumerate(a))


def _crc16_xmodem(b: bytes) -> int:
    crc = 0
    for byte in b:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return crc


def rbytes(r: Random, n: int) -> bytes:
    return bytes(r.getrandbits(8) for _ in range(n))


def wallet(r: Random, kind: str | None = None) -> tuple[str, str]:
    """(address, asset kind)."""
    kind = kind or r.choice(
        [
            "btc_p2pkh",
            "btc_p2sh",
            "btc_bech32",
            "btc_bech32",
            "btc_taproot",
            "btc_p2wsh",
            "eth",
            "eth",
            "eth_lower",
            "usdt_trc20",
            "ltc",
            "ltc_bech32",
            "doge",
            "bch",
            "xrp",
            "sol",
            "sol",
            "ada",
            "xlm",
            "dot",
            "atom",
        ]
    )
    if kind == "btc_p2pkh":
        return b58check(b"\x00" + rbytes(r, 20)), "BTC"
    if kind == "btc_p2sh":
        return b58check(b"\x05" + rbytes(r, 20)), "BTC"
    if kind == "btc_bech32":
        return segwit("bc", 0, rbytes(r, 20)), "BTC"
    if kind == "btc_p2wsh":
        return segwit("bc", 0, rbytes(r, 32)), "BTC"
    if kind == "btc_taproot":
        return segwit("bc", 1, rbytes(r, 32)), "BTC"
    if kind == "eth":
        return eip55(rbytes(r, 20).hex()), r.choice(["ETH", "USDC", "USDT", "ETH", "ARB", "MATIC"])
    if kind == "eth_lower":
        return "0x" + rbytes(r, 20).hex(), r.choice(["ETH", "USDT", "BNB"])
    if kind == "usdt_trc20":
        return b58check(b"\x41" + rbytes(r, 20)), r.choice(["USDT", "TRX"])
    if kind == "ltc":
        return b58check(r.choice([b"\x30", b"\x32"]) + rbytes(r, 20)), "LTC"
    if kind == "ltc_bech32":
        return segwit("ltc", 0, rbytes(r, 20)), "LTC"
    if kind == "doge":
        return b58check(b"\x1e" + rbytes(r, 20)), "DOGE"
    if kind == "bch":
        a = cashaddr(rbytes(r, 20))
        return (a if r.random() < 0.6 else a.split(":")[1]), "BCH"
    if kind == "xrp":
        return b58check(b"\x00" + rbytes(r, 20), XRP58), "XRP"
    if kind == "sol":
        while True:
            a = b58encode(rbytes(r, 32))
            if len(a) >= 43:
                return a, r.choice(["SOL", "USDC"])
    if kind == "ada":
        data = convertbits(bytes([0x01]) + rbytes(r, 56), 8, 5)
        return bech32_encode("addr", data), "ADA"
    if kind == "xlm":
        import base64

        payload = bytes([6 << 3]) + rbytes(r, 32)
        c = _crc16_xmodem(payload)
        return base64.b32encode(payload + c.to_bytes(2, "little")).decode().rstrip("="), "XLM"
    if kind == "dot":
        pk = rbytes(r, 32)
        chk = hashlib.blake2b(b"SS58PRE" + b"\x00" + pk, digest_size=64).digest()[:2]
        return b58encode(b"\x00" + pk + chk), "DOT"
    if kind == "atom":
        return bech32_encode("cosmos", convertbits(rbytes(r, 20), 8, 5)), "ATOM"
    raise KeyError(kind)


def tx_hash(r: Random, chain: str = "btc") -> str:
    h = rbytes(r, 32).hex()
    return "0x" + h if chain in ("eth", "evm") else h


def sol_signature(r: Random) -> str:
    return b58encode(rbytes(r, 64))


# ---------------------------------------------------------------------------------------------
# national identifiers (with their real check algorithms)
# ---------------------------------------------------------------------------------------------


def us_ssn(r: Random, style: str | None = None) -> str:
    while True:
        a = r.randint(1, 899)
        if a != 666:
            break
    g, s = r.randint(1, 99), r.randint(1, 9999)
    style = style or r.choice(["dash", "dash", "dash", "space", "compact"])
    if style == "dash":
        return f"{a:03d}-{g:02d}-{s:04d}"
    if style == "space":
        return f"{a:03d} {g:02d} {s:04d}"
    return f"{a:03d}{g:02d}{s:04d}"


def uk_nino(r: Random) -> str:
    bad = {"BG", "GB", "NK", "KN", "TN", "NT", "ZZ"}
    while True:
        a = r.choice([c for c in UP if c not in "DFIQUV"])
        b = r.choice([c for c in UP if c not in "DFIQUVO"])
        if a + b not in bad:
            break
    n = digits(r, 6)
    suf = r.choice("ABCD")
    return r.choice(
        [
            f"{a}{b}{n}{suf}",
            f"{a}{b} {n[:2]} {n[2:4]} {n[4:]} {suf}",
            f"{a}{b}{n}{suf}".lower() if r.random() < 0.1 else f"{a}{b}{n}{suf}",
        ]
    )


DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"


def es_dni(r: Random) -> str:
    if r.random() < 0.25:
        p = r.choice("XYZ")
        n = digits(r, 7)
        letter = DNI_LETTERS[int("XYZ".index(p).__str__() + n) % 23]
        return r.choice([f"{p}{n}{letter}", f"{p}-{n}-{letter}"])
    n = digits(r, 8)
    letter = DNI_LETTERS[int(n) % 23]
    return r.choice([f"{n}{letter}", f"{n}-{letter}", f"{n}{letter}"])


_CF_ODD = {
    **{str(i): v for i, v in enumerate([1, 0, 5, 7, 9, 13, 15, 17, 19, 21])},
    **{
        c: v
        for c, v in zip(
            UP, [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23]
        )
    },
}


def _strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def it_codice_fiscale(given: str, family: str, dob: _dt.date, female: bool, r: Random) -> str:
    def letters(s: str) -> tuple[str, str]:
        s = "".join(c for c in _strip_accents(s).upper() if c.isalpha())
        return "".join(c for c in s if c not in "AEIOU"), "".join(c for c in s if c in "AEIOU")

    cs, vs = letters(family)
    sur = (cs + vs + "XXX")[:3]
    cn, vn = letters(given)
    if len(cn) >= 4:
        nm = cn[0] + cn[2] + cn[3]
    else:
        nm = (cn + vn + "XXX")[:3]
    month = "ABCDEHLMPRST"[dob.month - 1]
    day = dob.day + (40 if female else 0)
    place = r.choice(["H501", "F205", "F839", "L219", "D612", "A944", "G273", "L736"])
    s15 = f"{sur}{nm}{dob.year % 100:02d}{month}{day:02d}{place}"
    tot = 0
    for i, c in enumerate(s15):
        if i % 2 == 0:
            tot += _CF_ODD[c]
        else:
            tot += int(c) if c.isdigit() else ord(c) - 65
    return s15 + chr(65 + tot % 26)


def fr_nir(r: Random, dob: _dt.date, female: bool) -> str:
    dept = r.choice(["75", "69", "13", "33", "59", "31", "44", "67", "06", "92", "93", "94"])
    commune, order = f"{r.randint(1, 400):03d}", f"{r.randint(1, 999):03d}"
    n = f"{2 if female else 1}{dob.year % 100:02d}{dob.month:02d}{dept}{commune}{order}"
    key = 97 - int(n) % 97
    if r.random() < 0.6:
        return f"{n[0]} {n[1:3]} {n[3:5]} {n[5:7]} {n[7:10]} {n[10:13]} {key:02d}"
    return f"{n}{key:02d}"


def de_steuer_id(r: Random) -> str:
    while True:
        pool = r.sample(DIG, 9)
        dup = r.choice(pool)
        ds = pool + [dup]
        r.shuffle(ds)
        if ds[0] != "0":
            break
    body = "".join(ds)
    prod = 10
    for c in body:
        s = (int(c) + prod) % 10 or 10
        prod = (s * 2) % 11
    chk = (11 - prod) % 10
    v = body + str(chk)
    return r.choice([v, f"{v[:2]} {v[2:5]} {v[5:8]} {v[8:]}", v])


def _mrz_val(c: str) -> int:
    if c == "<":
        return 0
    return int(c) if c.isdigit() else ord(c) - 55


def mrz_check(s: str) -> str:
    w = [7, 3, 1]
    return str(sum(_mrz_val(c) * w[i % 3] for i, c in enumerate(s)) % 10)


def de_personalausweis(r: Random) -> str:
    alpha = "CFGHJKLMNPRTVWXYZ0123456789"
    n = r.choice("LMNPRT") + "".join(r.choice(alpha) for _ in range(8))
    return n + mrz_check(n)


def nl_bsn(r: Random) -> str:
    while True:
        d = digits(r, 8, first_nonzero=True)
        s = sum(int(c) * (9 - i) for i, c in enumerate(d))
        last = s % 11
        if last <= 9:
            v = d + str(last)
            return v if r.random() < 0.8 else f"{v[:4]}.{v[4:6]}.{v[6:]}"


def be_nrn(r: Random, dob: _dt.date) -> str:
    base = f"{dob.year % 100:02d}{dob.month:02d}{dob.day:02d}{r.randint(1, 997):03d}"
    n = int(("2" + base) if dob.year >= 2000 else base)
    c = 97 - n % 97
    return r.choice([f"{base[:2]}.{base[2:4]}.{base[4:6]}-{base[6:]}.{c:02d}", f"{base}{c:02d}"])


def pl_pesel(r: Random, dob: _dt.date, female: bool) -> str:
    m = dob.month + (20 if dob.year >= 2000 else 0)
    ser = f"{r.randint(0, 99):02d}{r.randint(0, 9)}"
    sexd = r.choice("02468" if female else "13579")
    b = f"{dob.year % 100:02d}{m:02d}{dob.day:02d}{ser}{sexd}"
    w = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]
    return b + str((10 - sum(int(c) * x for c, x in zip(b, w)) % 10) % 10)


def se_personnummer(r: Random, dob: _dt.date) -> str:
    b = f"{dob.year % 100:02d}{dob.month:02d}{dob.day:02d}{r.randint(0, 999):03d}"
    c = luhn_digit(b)
    if r.random() < 0.5:
        return f"{b[:6]}-{b[6:]}{c}"
    return f"{dob.year // 100}{b[:6]}-{b[6:]}{c}"


def no_fnr(r: Random, dob: _dt.date) -> str:
    while True:
        b = f"{dob.day:02d}{dob.month:02d}{dob.year % 100:02d}{r.randint(0, 499) if dob.year < 2000 else r.randint(500, 999):03d}"
        k1 = 11 - sum(int(c) * w for c, w in zip(b, [3, 7, 6, 1, 8, 9, 4, 5, 2])) % 11
        k1 = 0 if k1 == 11 else k1
        if k1 == 10:
            continue
        b2 = b + str(k1)
        k2 = 11 - sum(int(c) * w for c, w in zip(b2, [5, 4, 3, 2, 7, 6, 5, 4, 3, 2])) % 11
        k2 = 0 if k2 == 11 else k2
        if k2 == 10:
            continue
        return b2 + str(k2)


def fi_hetu(r: Random, dob: _dt.date) -> str:
    n = f"{r.randint(2, 899):03d}"
    base = f"{dob.day:02d}{dob.month:02d}{dob.year % 100:02d}"
    ch = "0123456789ABCDEFHJKLMNPRSTUVWXY"[int(base + n) % 31]
    return f"{base}{'-' if dob.year < 2000 else 'A'}{n}{ch}"


def br_cpf(r: Random) -> str:
    d = [int(c) for c in digits(r, 9)]
    for _ in range(2):
        s = sum(x * w for x, w in zip(d, range(len(d) + 1, 1, -1)))
        c = (s * 10) % 11 % 10
        d.append(c)
    v = "".join(map(str, d))
    return v if r.random() < 0.3 else f"{v[:3]}.{v[3:6]}.{v[6:9]}-{v[9:]}"


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


def verhoeff_digit(num: str) -> str:
    c = 0
    for i, ch in enumerate(reversed(num)):
        c = _VD[c][_VP[(i + 1) % 8][int(ch)]]
    return str(_VINV[c])


def in_aadhaar(r: Random) -> str:
    b = r.choice("23456789") + digits(r, 10)
    v = b + verhoeff_digit(b)
    return r.choice(
        [f"{v[:4]} {v[4:8]} {v[8:]}", f"{v[:4]} {v[4:8]} {v[8:]}", v, f"{v[:4]}-{v[4:8]}-{v[8:]}"]
    )


def in_pan(r: Random, family: str) -> str:
    fl = (_strip_accents(family)[:1] or "K").upper()
    return "".join(r.choice(UP) for _ in range(3)) + "P" + fl + digits(r, 4) + r.choice(UP)


def cn_resident_id(r: Random, dob: _dt.date, female: bool) -> str:
    area = r.choice(
        ["110101", "110105", "310104", "310115", "440305", "440106", "510107", "330106", "320102", "420106"]
    )
    seq = f"{r.randint(0, 99):02d}{r.choice('02468' if female else '13579')}"
    b = f"{area}{dob:%Y%m%d}{seq}"
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return b + "10X98765432"[sum(int(c) * x for c, x in zip(b, w)) % 11]


def kr_rrn(r: Random, dob: _dt.date, female: bool) -> str:
    g = (3 if dob.year >= 2000 else 1) + (1 if female else 0)
    b = f"{dob.year % 100:02d}{dob.month:02d}{dob.day:02d}{g}{digits(r, 5)}"
    w = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5]
    c = (11 - sum(int(x) * y for x, y in zip(b, w)) % 11) % 10
    v = b + str(c)
    return f"{v[:6]}-{v[6:]}"


def jp_my_number(r: Random) -> str:
    b = digits(r, 11)
    s = 0
    for n in range(1, 12):
        p = int(b[11 - n])
        q = n + 1 if n <= 6 else n - 5
        s += p * q
    rem = s % 11
    c = 0 if rem <= 1 else 11 - rem
    v = b + str(c)
    return r.choice([v, f"{v[:4]} {v[4:8]} {v[8:]}", f"{v[:4]}-{v[4:8]}-{v[8:]}"])


def sg_nric(r: Random, dob: _dt.date) -> str:
    p = "T" if dob.year >= 2000 else "S"
    d = f"{dob.year % 100:02d}" + digits(r, 5) if p == "T" else r.choice("0123") + digits(r, 6)
    s = sum(int(c) * w for c, w in zip(d, [2, 7, 6, 5, 4, 3, 2])) + (4 if p == "T" else 0)
    return p + d + "JZIHGFEDCBA"[s % 11]


def tr_tckn(r: Random) -> str:
    d = [r.randint(1, 9)] + [r.randint(0, 9) for _ in range(8)]
    d10 = ((d[0] + d[2] + d[4] + d[6] + d[8]) * 7 - (d[1] + d[3] + d[5] + d[7])) % 10
    d.append(d10)
    d.append(sum(d) % 10)
    return "".join(map(str, d))


CURP_DICT = "0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ"


def mx_curp(r: Random, given: str, family: str, family2: str, dob: _dt.date, female: bool) -> str:
    f = _strip_accents(family).upper().replace(" ", "")
    f2 = _strip_accents(family2).upper().replace(" ", "") or "X"
    g = _strip_accents(given).upper().split()[0]
    vow = next((c for c in f[1:] if c in "AEIOU"), "X")
    cons = lambda s: next((c for c in s[1:] if c.isalpha() and c not in "AEIOU"), "X")  # noqa: E731
    st = r.choice(["DF", "JC", "NL", "PL", "MC", "GT", "VZ", "YN", "BC", "CH"])
    b = f"{f[0]}{vow}{f2[0]}{g[0]}{dob.year % 100:02d}{dob.month:02d}{dob.day:02d}{'M' if female else 'H'}{st}{cons(f)}{cons(f2)}{cons(g)}"
    b += r.choice(DIG) if dob.year < 2000 else r.choice(UP)
    s = sum(CURP_DICT.index(c) * (18 - i) for i, c in enumerate(b))
    return b + str((10 - s % 10) % 10)


def cl_rut(r: Random) -> str:
    n = r.randint(6_000_000, 26_000_000)
    s, w = 0, 2
    for c in reversed(str(n)):
        s += int(c) * w
        w = 2 if w == 7 else w + 1
    k = 11 - s % 11
    dv = "0" if k == 11 else "K" if k == 10 else str(k)
    return f"{n:,}".replace(",", ".") + "-" + dv if r.random() < 0.7 else f"{n}-{dv}"


def za_id(r: Random, dob: _dt.date, female: bool) -> str:
    g = r.randint(0, 4999) if female else r.randint(5000, 9999)
    b = f"{dob.year % 100:02d}{dob.month:02d}{dob.day:02d}{g:04d}08"
    return b + luhn_digit(b)


def ca_sin(r: Random) -> str:
    b = r.choice("1234567") + digits(r, 7)
    v = b + luhn_digit(b)
    return r.choice([f"{v[:3]} {v[3:6]} {v[6:]}", f"{v[:3]}-{v[3:6]}-{v[6:]}", v])


def au_tfn(r: Random) -> str:
    w = [1, 4, 3, 7, 5, 8, 6, 9, 10]
    while True:
        d = digits(r, 8, first_nonzero=True)
        part = sum(int(c) * x for c, x in zip(d, w))
        for last in range(10):
            if (part + last * 10) % 11 == 0:
                v = d + str(last)
                return r.choice([f"{v[:3]} {v[3:6]} {v[6:]}", v])


def il_teudat(r: Random) -> str:
    while True:
        d = digits(r, 8)
        for last in range(10):
            v = d + str(last)
            s = 0
            for i, c in enumerate(v):
                x = int(c) * (1 if i % 2 == 0 else 2)
                s += x - 9 if x > 9 else x
            if s % 10 == 0:
                return v


def pt_nif(r: Random) -> str:
    while True:
        d = r.choice("123") + digits(r, 7)
        c = 11 - sum(int(x) * w for x, w in zip(d, range(9, 1, -1))) % 11
        c = 0 if c >= 10 else c
        return d + str(c)


def ae_emirates_id(r: Random, dob: _dt.date) -> str:
    b = f"784{dob.year}{digits(r, 7)}"
    v = b + luhn_digit(b)
    return r.choice([f"{v[:3]}-{v[3:7]}-{v[7:14]}-{v[14]}", v])


def sa_national_id(r: Random) -> str:
    b = r.choice("12") + digits(r, 8)
    return b + luhn_digit(b)


def ru_snils(r: Random) -> str:
    while True:
        d = digits(r, 9)
        if int(d) > 1001998:
            break
    s = sum(int(c) * (9 - i) for i, c in enumerate(d))
    if s > 101:
        s %= 101
    c = 0 if s in (100, 101) else s
    return f"{d[:3]}-{d[3:6]}-{d[6:]} {c:02d}"


def ru_passport(r: Random) -> str:
    s = f"{r.randint(1, 99):02d}{r.randint(0, 24):02d}"
    n = digits(r, 6)
    return r.choice([f"{s[:2]} {s[2:]} {n}", f"{s} {n}", f"{s}{n}"])


def gr_afm(r: Random) -> str:
    while True:
        d = digits(r, 8, first_nonzero=True)
        c = sum(int(x) * 2 ** (8 - i) for i, x in enumerate(d)) % 11 % 10
        return d + str(c)


def th_national_id(r: Random) -> str:
    b = r.choice("12345678") + digits(r, 11)
    c = (11 - sum(int(x) * (13 - i) for i, x in enumerate(b)) % 11) % 10
    v = b + str(c)
    return r.choice(
        [f"{v[0]}-{v[1:5]}-{v[5:10]}-{v[10:12]}-{v[12]}", v, f"{v[0]} {v[1:5]} {v[5:10]} {v[10:12]} {v[12]}"]
    )


def id_nik(r: Random, dob: _dt.date, female: bool) -> str:
    region = r.choice(["317101", "327302", "357801", "517101", "127101", "317402"])
    return f"{region}{dob.day + (40 if female else 0):02d}{dob.month:02d}{dob.year % 100:02d}{r.randint(1, 9999):04d}"


def vn_cccd(r: Random, dob: _dt.date, female: bool) -> str:
    prov = r.choice(["001", "079", "048", "031", "092"])
    g = (2 if dob.year >= 2000 else 0) + (1 if female else 0)
    return f"{prov}{g}{dob.year % 100:02d}{digits(r, 6)}"


def ua_rnokpp(r: Random, dob: _dt.date, female: bool) -> str:
    b = f"{(dob - _dt.date(1899, 12, 31)).days:05d}{digits(r, 3)}{r.choice('02468' if female else '13579')}"
    w = [-1, 5, 7, 9, 4, 6, 10, 5, 7]
    return b + str(sum(int(c) * x for c, x in zip(b, w)) % 11 % 10)


def ng_nin(r: Random) -> str:
    return digits(r, 11, first_nonzero=True)


# ---------------------------------------------------------------------------------------------
# passports, MRZ, driving licences
# ---------------------------------------------------------------------------------------------

ALPHA_NO_O = "ABCDEFGHJKLMNPRSTUVWXYZ"


def passport_number(r: Random, cc: str) -> str:
    L = lambda n: "".join(r.choice(ALPHA_NO_O) for _ in range(n))  # noqa: E731
    fmt = {
        "US": lambda: r.choice([digits(r, 9, True), "A" + digits(r, 8)]),
        "GB": lambda: r.choice("15") + digits(r, 8),
        "DE": lambda: "C" + "".join(r.choice("CFGHJKLMNPRTVWXYZ0123456789") for _ in range(8)),
        "FR": lambda: digits(r, 2) + L(2) + digits(r, 5),
        "ES": lambda: L(3) + digits(r, 6),
        "IT": lambda: L(2) + digits(r, 7),
        "NL": lambda: L(2) + "".join(r.choice(ALPHA_NO_O + "0123456789") for _ in range(6)) + digits(r, 1),
        "PL": lambda: L(2) + digits(r, 7),
        "TR": lambda: "U" + digits(r, 8),
        "RU": lambda: r.choice(["75", "76", "72", "53"]) + digits(r, 7),
        "JP": lambda: r.choice(["TK", "TR", "MZ", "TZ", "TS"]) + digits(r, 7),
        "KR": lambda: "M" + digits(r, 8),
        "CN": lambda: r.choice(["E", "EA", "EB", "EJ"]) + digits(r, 8 if True else 7),
        "BR": lambda: L(2) + digits(r, 6),
        "MX": lambda: r.choice("GN") + digits(r, 8),
        "IN": lambda: r.choice("JKLMNPRSTUVWZ") + digits(r, 7),
        "AE": lambda: r.choice("ABCDE") + digits(r, 7 if r.random() < 0.5 else 8),
        "SA": lambda: r.choice("ABDR") + digits(r, 8),
        "TH": lambda: L(2) + digits(r, 7),
        "VN": lambda: r.choice("BCN") + digits(r, 7),
        "GR": lambda: L(2) + digits(r, 7),
        "IL": lambda: digits(r, 8, True),
        "SE": lambda: digits(r, 8, True),
        "ID": lambda: r.choice("ABCEX") + digits(r, 7),
        "NG": lambda: "A" + digits(r, 8),
        "ZA": lambda: r.choice("AM") + digits(r, 8),
        "AU": lambda: r.choice(["PA", "PB", "PC", "RA", "N"]) + digits(r, 7),
        "CA": lambda: L(2) + digits(r, 6),
        "SG": lambda: r.choice("EK") + digits(r, 7) + r.choice(UP),
        "PT": lambda: L(2) + digits(r, 6),
        "BE": lambda: L(2) + digits(r, 6),
        "CH": lambda: r.choice("XSE") + digits(r, 7),
    }
    return fmt.get(cc, fmt["US"])()


ISO3 = {
    "US": "USA",
    "GB": "GBR",
    "DE": "D",
    "FR": "FRA",
    "ES": "ESP",
    "IT": "ITA",
    "NL": "NLD",
    "PL": "POL",
    "TR": "TUR",
    "RU": "RUS",
    "JP": "JPN",
    "KR": "KOR",
    "CN": "CHN",
    "BR": "BRA",
    "MX": "MEX",
    "IN": "IND",
    "AE": "ARE",
    "SA": "SAU",
    "TH": "THA",
    "VN": "VNM",
    "GR": "GRC",
    "IL": "ISR",
    "SE": "SWE",
    "ID": "IDN",
    "NG": "NGA",
    "ZA": "ZAF",
    "AU": "AUS",
    "CA": "CAN",
    "SG": "SGP",
    "PT": "PRT",
    "BE": "BEL",
    "CH": "CHE",
}


def mrz_name(s: str) -> str:
    s = _strip_accents(s).upper().replace("Ä", "AE").replace("ß", "SS")
    return "".join(c if c.isalpha() and c.isascii() else "<" for c in s)


def mrz_td3(
    cc: str, family_latn: str, given_latn: str, number: str, dob: _dt.date, female: bool, expiry: _dt.date
) -> tuple[str, str]:
    iso = ISO3.get(cc, "UTO")
    iso3 = (iso + "<<<")[:3]
    l1 = ("P<" + iso3 + mrz_name(family_latn) + "<<" + mrz_name(given_latn) + "<" * 44)[:44]
    num9 = (number + "<" * 9)[:9]
    b = f"{dob.year % 100:02d}{dob.month:02d}{dob.day:02d}"
    e = f"{expiry.year % 100:02d}{expiry.month:02d}{expiry.day:02d}"
    opt = "<" * 14
    part = (
        num9
        + mrz_check(num9)
        + iso3
        + b
        + mrz_check(b)
        + ("F" if female else "M")
        + e
        + mrz_check(e)
        + opt
        + mrz_check(opt)
    )
    comp = num9 + mrz_check(num9) + b + mrz_check(b) + e + mrz_check(e) + opt + mrz_check(opt)
    return l1, part + mrz_check(comp)


def uk_dvla(r: Random, family: str, given: str, middle: str, dob: _dt.date, female: bool) -> str:
    f = "".join(c for c in _strip_accents(family).upper() if c.isalpha())
    f = (f + "99999")[:5]
    m = dob.month + (50 if female else 0)
    ini = (_strip_accents(given)[:1] + (_strip_accents(middle)[:1] if middle else "9")).upper()
    v = f"{f}{str(dob.year)[2]}{m:02d}{dob.day:02d}{str(dob.year)[3]}{ini}9{r.choice(UP)}{r.choice(UP)}"
    return v if r.random() < 0.75 else f"{v[:5]} {v[5:11]} {v[11:]}"


def driver_licence(r: Random, cc: str, p: dict | None = None) -> str:
    if cc == "US":
        st = r.choice(["CA", "NY", "FL", "TX", "IL", "PA", "WA", "NJ"])
        if st == "CA":
            return r.choice(UP) + digits(r, 7)
        if st == "NY":
            d = digits(r, 9)
            return r.choice([d, f"{d[:3]} {d[3:6]} {d[6:]}"])
        if st == "FL":
            d = digits(r, 12)
            return f"{r.choice(UP)}{d[:3]}-{d[3:6]}-{d[6:8]}-{d[8:11]}-{d[11]}"
        if st == "IL":
            d = digits(r, 11)
            return f"{r.choice(UP)}{d[:3]}-{d[3:7]}-{d[7:]}"
        if st == "NJ":
            d = digits(r, 14)
            return f"{r.choice(UP)}{d[:4]} {d[4:9]} {d[9:]}"
        if st == "WA":
            return "WDL" + "".join(r.choice(UP + DIG) for _ in range(9))
        return digits(r, 8)
    if cc == "GB" and p:
        return uk_dvla(r, p["family_latn"], p["given_latn"], p.get("middle", ""), p["dob"], p["female"])
    if cc == "CA":
        d = digits(r, 14)
        return f"{r.choice(UP)}{d[:4]}-{d[4:9]}-{d[9:]}"
    if cc == "AU":
        return digits(r, r.choice([8, 9]))
    if cc == "IN":
        return f"{r.choice(['MH', 'KA', 'DL', 'TN', 'UP'])}{r.randint(1, 50):02d} {r.randint(2005, 2022)}{digits(r, 7)}"
    if cc == "DE":
        return r.choice(UP) + digits(r, 3) + "".join(r.choice(UP + DIG) for _ in range(6)) + digits(r, 1)
    if cc == "FR":
        return (
            digits(r, 2) + r.choice(UP) + r.choice(UP) + digits(r, 5) if r.random() < 0.5 else digits(r, 12)
        )
    if cc == "JP":
        return digits(r, 12)
    if cc == "BR":
        return digits(r, 11)
    if cc == "MX":
        return r.choice(UP) + digits(r, 8)
    if cc == "ZA":
        return digits(r, 10) + r.choice(UP) + r.choice(UP)
    return r.choice(UP) + digits(r, 8)


# ---------------------------------------------------------------------------------------------
# bank accounts
# ---------------------------------------------------------------------------------------------


def aba_routing(r: Random) -> str:
    while True:
        d = f"{r.choice([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 21, 22, 26, 31]):02d}" + digits(r, 6)
        w = [3, 7, 1, 3, 7, 1, 3, 7]
        s = sum(int(c) * x for c, x in zip(d, w))
        c = (10 - s % 10) % 10
        return d + str(c)


def mx_clabe(r: Random) -> str:
    b = (
        r.choice(["002", "012", "014", "021", "072", "127", "137"])
        + r.choice(["180", "320", "680", "010"])
        + digits(r, 11)
    )
    w = [3, 7, 1] * 6
    s = sum((int(c) * x) % 10 for c, x in zip(b, w))
    return b + str((10 - s % 10) % 10)


def bank_account(r: Random, cc: str) -> dict:
    """{'account': personal value, plus non-personal routing info (routing/sort/bsb/ifsc...)}"""
    if cc == "US":
        return {"routing": aba_routing(r), "account": digits(r, r.choice([9, 10, 12]), True), "kind": "ach"}
    if cc == "GB":
        s = digits(r, 6)
        return {"sort_code": f"{s[:2]}-{s[2:4]}-{s[4:]}", "account": digits(r, 8), "kind": "fps"}
    if cc == "AU":
        b = digits(r, 6)
        return {"bsb": f"{b[:3]}-{b[3:]}", "account": digits(r, 9, True), "kind": "bsb"}
    if cc == "CA":
        return {
            "transit": digits(r, 5),
            "institution": r.choice(["001", "002", "003", "004", "006", "010"]),
            "account": digits(r, 7),
            "kind": "eft",
        }
    if cc == "IN":
        return {
            "ifsc": r.choice(["HDFC", "ICIC", "SBIN", "UTIB", "KKBK"]) + "0" + digits(r, 6),
            "account": digits(r, r.choice([11, 12, 14, 15]), True),
            "kind": "imps",
        }
    if cc == "MX":
        return {"clabe": mx_clabe(r), "kind": "spei"}
    if cc == "BR":
        return {
            "agencia": digits(r, 4),
            "account": f"{digits(r, r.choice([5, 6, 8]), True)}-{r.choice(DIG)}",
            "bank_code": r.choice(["001", "237", "341", "260", "104"]),
            "kind": "ted",
        }
    if cc == "JP":
        return {
            "branch": digits(r, 3),
            "account": digits(r, 7),
            "bank_code": r.choice(["0005", "0009", "0001", "0036"]),
            "kind": "zengin",
        }
    if cc == "SG":
        return {"bank_code": r.choice(["7171", "7339", "7375"]), "account": digits(r, 10), "kind": "fast"}
    if cc == "NG":
        return {"bank_code": r.choice(["058", "044", "011", "033"]), "account": digits(r, 10), "kind": "nip"}
    if cc == "ZA":
        return {
            "branch": r.choice(["250655", "051001", "632005", "470010"]),
            "account": digits(r, 10, True),
            "kind": "eft",
        }
    if cc in IBAN_COUNTRIES:
        return {"iban": iban(r, cc), "kind": "sepa"}
    if cc == "CN":
        return {
            "account": "62" + digits(r, 17),
            "bank_code": r.choice(["ICBC", "CCB", "BOC", "ABC", "CMB"]),
            "kind": "cnaps",
        }
    if cc == "KR":
        return {
            "account": f"{digits(r, 3)}-{digits(r, 2)}-{digits(r, 6)}",
            "bank_code": r.choice(["004", "088", "020", "090"]),
            "kind": "kftc",
        }
    if cc == "RU":
        return {"account": "40817810" + digits(r, 12), "bik": "04" + digits(r, 7), "kind": "sbp"}
    if cc == "TH":
        return {
            "account": f"{digits(r, 3)}-{digits(r, 1)}-{digits(r, 5)}-{digits(r, 1)}",
            "bank_code": r.choice(["KBANK", "SCB", "BBL", "KTB"]),
            "kind": "promptpay",
        }
    if cc == "VN":
        return {
            "account": digits(r, r.choice([10, 12, 13]), True),
            "bank_code": r.choice(["VCB", "TCB", "ACB", "MB"]),
            "kind": "napas",
        }
    if cc == "ID":
        return {
            "account": digits(r, 10, True),
            "bank_code": r.choice(["BCA", "BRI", "MANDIRI", "BNI"]),
            "kind": "bifast",
        }
    return {"account": digits(r, 10, True), "kind": "local"}


# ---------------------------------------------------------------------------------------------
# names
# ---------------------------------------------------------------------------------------------
# culture: (female given, male given, family names, optional romanization map for given/family)

NAMES: dict[str, dict] = {
    "en_US": dict(
        f=[
            "Jennifer",
            "Ashley",
            "Megan",
            "Brittany",
            "Lauren",
            "Kayla",
            "Dorothy",
            "Shanice",
            "Tamika",
            "Rebecca",
            "Gloria",
            "Hailey",
        ],
        m=[
            "Michael",
            "Christopher",
            "Tyler",
            "Brandon",
            "DeShawn",
            "Kevin",
            "Gary",
            "Terrence",
            "Dustin",
            "Raymond",
            "Wyatt",
            "Jamal",
        ],
        s=[
            "Johnson",
            "Williams",
            "Brown",
            "Jones",
            "Miller",
            "Davis",
            "Wilson",
            "Anderson",
            "Thompson",
            "Washington",
            "O'Connor",
            "McAllister",
            "Baker",
            "Nguyen",
            "Hernandez",
            "Kowalczyk",
        ],
    ),
    "en_GB": dict(
        f=["Olivia", "Amelia", "Isla", "Siobhan", "Gemma", "Harriet", "Niamh", "Charlotte", "Beatrice"],
        m=["Oliver", "Harry", "Alfie", "Callum", "Rhys", "Angus", "Declan", "Rupert", "Kieran"],
        s=[
            "Smith",
            "Taylor",
            "Evans",
            "Hughes",
            "Fitzgerald",
            "Ó Briain",
            "Davies",
            "Pemberton-Hall",
            "Patel",
            "Robertson",
            "Llewellyn",
            "MacDonald",
        ],
    ),
    "de": dict(
        f=["Anna", "Lena", "Johanna", "Käthe", "Sabine", "Ulrike", "Jana", "Birgit", "Mareike"],
        m=["Jürgen", "Lukas", "Maximilian", "Uwe", "Sven", "Björn", "Matthias", "Jörg", "Florian"],
        s=[
            "Müller",
            "Schmidt",
            "Schneider",
            "Weiß",
            "Krüger",
            "Schäfer",
            "Hoffmann",
            "Groß",
            "von Bülow",
            "Meyer-Lindenberg",
            "Nußbaum",
            "Özdemir",
        ],
    ),
    "fr": dict(
        f=["Camille", "Chloé", "Margaux", "Éloïse", "Léa", "Océane", "Maëlle", "Françoise"],
        m=["Mathieu", "Thibault", "Loïc", "Jean-Baptiste", "Hervé", "Étienne", "Rémi", "Benoît"],
        s=[
            "Martin",
            "Bernard",
            "Lefèvre",
            "Dubois",
            "Moreau",
            "Girard",
            "de la Fontaine",
            "Rousseau",
            "Benali",
            "Fontaine",
            "Lemaître",
        ],
    ),
    "es": dict(
        f=["Lucía", "María José", "Ainhoa", "Nerea", "Begoña", "Paula", "Itziar", "Rocío"],
        m=["Javier", "José Luis", "Íñigo", "Álvaro", "Sergio", "Iker", "Andrés", "Ramón"],
        s=[
            "García",
            "Fernández",
            "López",
            "Martínez",
            "Sánchez",
            "Pérez",
            "Gómez",
            "Ruiz",
            "Etxeberria",
            "Muñoz",
            "Jiménez",
        ],
    ),
    "mx": dict(
        f=["Guadalupe", "Ximena", "Itzel", "Fernanda", "Valeria", "Dulce María"],
        m=["Juan Carlos", "Luis Ángel", "Emiliano", "José Manuel", "Jesús", "Ulises"],
        s=["Hernández", "González", "Ramírez", "Flores", "Cruz", "Morales", "Reyes", "Castañeda", "Vázquez"],
    ),
    "it": dict(
        f=["Giulia", "Chiara", "Francesca", "Alessia", "Federica", "Martina", "Giorgia"],
        m=["Alessandro", "Lorenzo", "Matteo", "Giuseppe", "Davide", "Niccolò", "Gianluca"],
        s=[
            "Rossi",
            "Russo",
            "Ferrari",
            "Esposito",
            "Bianchi",
            "Romano",
            "Colombo",
            "De Luca",
            "D'Angelo",
            "Greco",
        ],
    ),
    "pt": dict(
        f=["Ana Beatriz", "Júlia", "Letícia", "Mariana", "Gabriela", "Thaís", "Conceição"],
        m=["João Pedro", "Thiago", "Gustavo", "Rafael", "Luís Felipe", "Caio", "Vinícius"],
        s=[
            "Silva",
            "Santos",
            "Oliveira",
            "Souza",
            "Pereira",
            "Rodrigues",
            "Carvalho",
            "da Costa",
            "Gonçalves",
            "Araújo",
        ],
    ),
    "nl": dict(
        f=["Sanne", "Femke", "Anouk", "Lotte", "Marieke", "Ilse"],
        m=["Daan", "Bram", "Sjoerd", "Joost", "Pieter", "Thijs"],
        s=["de Vries", "Jansen", "van den Berg", "Bakker", "Visser", "van Dijk", "Smit", "de Jong", "Mulder"],
    ),
    "pl": dict(
        f=["Agnieszka", "Małgorzata", "Katarzyna", "Zofia", "Joanna", "Dorota"],
        m=["Krzysztof", "Paweł", "Łukasz", "Wojciech", "Grzegorz", "Michał"],
        s=["Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kamiński", "Lewandowski", "Zieliński", "Szymański"],
    ),
    "tr": dict(
        f=["Ayşe", "Elif", "Zeynep", "Büşra", "Gülşen", "Şeyma"],
        m=["Mehmet", "Mustafa", "Ömer", "Çağlar", "Hüseyin", "Emre"],
        s=["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Öztürk", "Aydın", "Arslan"],
    ),
    "ru": dict(
        f=["Анна", "Екатерина", "Ольга", "Наталья", "Юлия", "Светлана"],
        m=["Алексей", "Дмитрий", "Сергей", "Иван", "Михаил", "Андрей"],
        s=["Иванов", "Смирнов", "Кузнецов", "Попов", "Соколов", "Лебедев", "Новиков", "Морозов"],
        latn={
            "Анна": "Anna",
            "Екатерина": "Ekaterina",
            "Ольга": "Olga",
            "Наталья": "Natalya",
            "Юлия": "Yulia",
            "Светлана": "Svetlana",
            "Алексей": "Aleksei",
            "Дмитрий": "Dmitry",
            "Сергей": "Sergei",
            "Иван": "Ivan",
            "Михаил": "Mikhail",
            "Андрей": "Andrei",
            "Иванов": "Ivanov",
            "Смирнов": "Smirnov",
            "Кузнецов": "Kuznetsov",
            "Попов": "Popov",
            "Соколов": "Sokolov",
            "Лебедев": "Lebedev",
            "Новиков": "Novikov",
            "Морозов": "Morozov",
        },
    ),
    "uk": dict(
        f=["Оксана", "Олена", "Ірина", "Тетяна"],
        m=["Олександр", "Тарас", "Богдан", "Юрій"],
        s=["Шевченко", "Коваленко", "Бондаренко", "Ткаченко", "Мельник"],
        latn={
            "Оксана": "Oksana",
            "Олена": "Olena",
            "Ірина": "Iryna",
            "Тетяна": "Tetiana",
            "Олександр": "Oleksandr",
            "Тарас": "Taras",
            "Богдан": "Bohdan",
            "Юрій": "Yurii",
            "Шевченко": "Shevchenko",
            "Коваленко": "Kovalenko",
            "Бондаренко": "Bondarenko",
            "Ткаченко": "Tkachenko",
            "Мельник": "Melnyk",
        },
    ),
    "ja": dict(
        f=["花子", "美咲", "陽菜", "由美", "さくら", "愛"],
        m=["太郎", "翔太", "健一", "大輔", "拓也", "蓮"],
        s=["山田", "佐藤", "鈴木", "高橋", "田中", "渡辺", "伊藤", "中村", "小林"],
        latn={
            "花子": "Hanako",
            "美咲": "Misaki",
            "陽菜": "Hina",
            "由美": "Yumi",
            "さくら": "Sakura",
            "愛": "Ai",
            "太郎": "Taro",
            "翔太": "Shota",
            "健一": "Kenichi",
            "大輔": "Daisuke",
            "拓也": "Takuya",
            "蓮": "Ren",
            "山田": "Yamada",
            "佐藤": "Sato",
            "鈴木": "Suzuki",
            "高橋": "Takahashi",
            "田中": "Tanaka",
            "渡辺": "Watanabe",
            "伊藤": "Ito",
            "中村": "Nakamura",
            "小林": "Kobayashi",
        },
        kana={
            "山田": "ヤマダ",
            "佐藤": "サトウ",
            "鈴木": "スズキ",
            "高橋": "タカハシ",
            "田中": "タナカ",
            "渡辺": "ワタナベ",
            "伊藤": "イトウ",
            "中村": "ナカムラ",
            "小林": "コバヤシ",
            "花子": "ハナコ",
            "美咲": "ミサキ",
            "陽菜": "ヒナ",
            "由美": "ユミ",
            "さくら": "サクラ",
            "愛": "アイ",
            "太郎": "タロウ",
            "翔太": "ショウタ",
            "健一": "ケンイチ",
            "大輔": "ダイスケ",
            "拓也": "タクヤ",
            "蓮": "レン",
        },
    ),
    "ko": dict(
        f=["서연", "지우", "민지", "수빈", "하은"],
        m=["민준", "도윤", "지훈", "현우", "성민"],
        s=["김", "이", "박", "최", "정", "강", "윤"],
        latn={
            "서연": "Seo-yeon",
            "지우": "Ji-woo",
            "민지": "Min-ji",
            "수빈": "Su-bin",
            "하은": "Ha-eun",
            "민준": "Min-jun",
            "도윤": "Do-yun",
            "지훈": "Ji-hoon",
            "현우": "Hyun-woo",
            "성민": "Sung-min",
            "김": "Kim",
            "이": "Lee",
            "박": "Park",
            "최": "Choi",
            "정": "Jung",
            "강": "Kang",
            "윤": "Yoon",
        },
    ),
    "zh": dict(
        f=["秀英", "丽华", "静怡", "欣怡", "梓涵"],
        m=["伟", "建国", "浩然", "子轩", "志强", "俊杰"],
        s=["王", "李", "张", "刘", "陈", "杨", "黄", "欧阳"],
        latn={
            "秀英": "Xiuying",
            "丽华": "Lihua",
            "静怡": "Jingyi",
            "欣怡": "Xinyi",
            "梓涵": "Zihan",
            "伟": "Wei",
            "建国": "Jianguo",
            "浩然": "Haoran",
            "子轩": "Zixuan",
            "志强": "Zhiqiang",
            "俊杰": "Junjie",
            "王": "Wang",
            "李": "Li",
            "张": "Zhang",
            "刘": "Liu",
            "陈": "Chen",
            "杨": "Yang",
            "黄": "Huang",
            "欧阳": "Ouyang",
        },
    ),
    "ar": dict(
        f=["فاطمة", "نورة", "مريم", "ليلى", "سارة"],
        m=["محمد", "عبدالله", "خالد", "أحمد", "يوسف", "عمر"],
        s=["العتيبي", "القحطاني", "الحربي", "الشمري", "المنصوري", "حداد", "الزهراني"],
        latn={
            "فاطمة": "Fatima",
            "نورة": "Noura",
            "مريم": "Maryam",
            "ليلى": "Layla",
            "سارة": "Sara",
            "محمد": "Mohammed",
            "عبدالله": "Abdullah",
            "خالد": "Khalid",
            "أحمد": "Ahmed",
            "يوسف": "Youssef",
            "عمر": "Omar",
            "العتيبي": "Al-Otaibi",
            "القحطاني": "Al-Qahtani",
            "الحربي": "Al-Harbi",
            "الشمري": "Al-Shammari",
            "المنصوري": "Al Mansouri",
            "حداد": "Haddad",
            "الزهراني": "Al-Zahrani",
        },
    ),
    "hi": dict(
        f=["प्रिया", "अनीता", "पूजा", "सुनीता", "दीपिका"],
        m=["राहुल", "अमित", "विकास", "संजय", "अर्जुन"],
        s=["शर्मा", "वर्मा", "गुप्ता", "सिंह", "पटेल", "यादव"],
        latn={
            "प्रिया": "Priya",
            "अनीता": "Anita",
            "पूजा": "Pooja",
            "सुनीता": "Sunita",
            "दीपिका": "Deepika",
            "राहुल": "Rahul",
            "अमित": "Amit",
            "विकास": "Vikas",
            "संजय": "Sanjay",
            "अर्जुन": "Arjun",
            "शर्मा": "Sharma",
            "वर्मा": "Verma",
            "गुप्ता": "Gupta",
            "सिंह": "Singh",
            "पटेल": "Patel",
            "यादव": "Yadav",
        },
    ),
    "in_latn": dict(
        f=["Priya", "Lakshmi", "Divya", "Kavitha", "Sneha", "Aishwarya"],
        m=["Venkatesh", "Rohan", "Suresh", "Karthik", "Abhishek", "Harpreet"],
        s=["Iyer", "Reddy", "Nair", "Chatterjee", "Krishnamurthy", "Banerjee", "Deshpande", "Gill"],
    ),
    "th": dict(
        f=["สมหญิง", "มาลี", "กาญจนา", "วรรณา"],
        m=["สมชาย", "ประเสริฐ", "ธนากร", "วีระ"],
        s=["ใจดี", "ศรีสุข", "วงศ์สวัสดิ์", "แสงทอง", "บุญมา"],
        latn={
            "สมหญิง": "Somying",
            "มาลี": "Malee",
            "กาญจนา": "Kanchana",
            "วรรณา": "Wanna",
            "สมชาย": "Somchai",
            "ประเสริฐ": "Prasert",
            "ธนากร": "Thanakorn",
            "วีระ": "Weera",
            "ใจดี": "Jaidee",
            "ศรีสุข": "Srisuk",
            "วงศ์สวัสดิ์": "Wongsawat",
            "แสงทอง": "Saengthong",
            "บุญมา": "Boonma",
        },
    ),
    "vi": dict(
        f=["Thị Lan", "Ngọc Anh", "Thu Trang", "Phương Linh"],
        m=["Văn An", "Minh Tuấn", "Đức Thắng", "Quang Huy"],
        s=["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Đặng"],
    ),
    "el": dict(
        f=["Μαρία", "Ελένη", "Κατερίνα", "Σοφία"],
        m=["Γιώργος", "Νίκος", "Δημήτρης", "Κώστας"],
        s=["Παπαδόπουλος", "Παπαδοπούλου", "Οικονόμου", "Γεωργίου", "Νικολάου"],
        latn={
            "Μαρία": "Maria",
            "Ελένη": "Eleni",
            "Κατερίνα": "Katerina",
            "Σοφία": "Sofia",
            "Γιώργος": "Georgios",
            "Νίκος": "Nikos",
            "Δημήτρης": "Dimitris",
            "Κώστας": "Kostas",
            "Παπαδόπουλος": "Papadopoulos",
            "Παπαδοπούλου": "Papadopoulou",
            "Οικονόμου": "Oikonomou",
            "Γεωργίου": "Georgiou",
            "Νικολάου": "Nikolaou",
        },
    ),
    "he": dict(
        f=["נועה", "מיכל", "שירה", "יעל"],
        m=["יוסי", "אבי", "דניאל", "איתי"],
        s=["כהן", "לוי", "מזרחי", "פרץ", "ביטון"],
        latn={
            "נועה": "Noa",
            "מיכל": "Michal",
            "שירה": "Shira",
            "יעל": "Yael",
            "יוסי": "Yossi",
            "אבי": "Avi",
            "דניאל": "Daniel",
            "איתי": "Itai",
            "כהן": "Cohen",
            "לוי": "Levi",
            "מזרחי": "Mizrahi",
            "פרץ": "Peretz",
            "ביטון": "Biton",
        },
    ),
    "sv": dict(
        f=["Ingrid", "Astrid", "Linnéa", "Sofia", "Maja"],
        m=["Björn", "Lars", "Anders", "Nils", "Oskar"],
        s=["Andersson", "Johansson", "Karlsson", "Lindqvist", "Åberg", "Sjöberg", "Öhman"],
    ),
    "id": dict(
        f=["Siti", "Dewi", "Putri", "Ayu"],
        m=["Budi", "Agus", "Rizky", "Bayu"],
        s=["Rahayu", "Santoso", "Wijaya", "Pratama", "Hidayat", "Saputra"],
    ),
    "ng": dict(
        f=["Chiamaka", "Ngozi", "Funmilayo", "Aisha", "Adaeze"],
        m=["Chinedu", "Oluwaseun", "Emeka", "Babatunde", "Ibrahim"],
        s=["Okafor", "Adeyemi", "Okonkwo", "Balogun", "Eze", "Abubakar", "Nwosu"],
    ),
    "za": dict(
        f=["Thandiwe", "Naledi", "Lerato", "Anneke"],
        m=["Sipho", "Thabo", "Pieter", "Bongani"],
        s=["Nkosi", "Dlamini", "van der Merwe", "Botha", "Mokoena", "Khumalo"],
    ),
}

EAST_ASIAN = {"ja", "ko", "zh", "vi"}


# ---------------------------------------------------------------------------------------------
# countries: culture, language, phone, address
# ---------------------------------------------------------------------------------------------


def _p(r: Random, n: int) -> str:
    return digits(r, n)


def phone(r: Random, cc: str, style: str | None = None) -> str:
    """A (mobile, mostly) number as people write it in ``cc``; only numbers in allocated ranges (checked with
    phonenumbers' metadata when it is installed, as a real customer's number would be)."""
    for _ in range(30):
        s = _phone(r, cc, style)
        if _pn is None:
            return s
        try:
            if _pn.is_valid_number(_pn.parse(e164(s, cc), None)):
                return s
        except Exception:
            pass
    return s


try:
    import phonenumbers as _pn
except ImportError:  # pragma: no cover
    _pn = None


def _phone(r: Random, cc: str, style: str | None = None) -> str:
    c = r.choice
    if cc in ("US", "CA"):
        npa = c(
            ["212", "415", "312", "617", "206", "305", "512", "303", "404", "702", "646", "213", "718"]
            if cc == "US"
            else ["416", "604", "514", "403", "613", "647"]
        )
        nxx = c("23456789") + _p(r, 1) + c("23456789")
        x = _p(r, 4)
        return c(
            [
                f"({npa}) {nxx}-{x}",
                f"{npa}-{nxx}-{x}",
                f"+1 {npa} {nxx} {x}",
                f"{npa}.{nxx}.{x}",
                f"+1{npa}{nxx}{x}",
                f"1-{npa}-{nxx}-{x}",
                f"+1 ({npa}) {nxx}-{x}",
            ]
        )
    if cc == "GB":
        m = "7" + c(["4", "5", "7", "8", "9"]) + _p(r, 2)
        x = _p(r, 6)
        return c(
            [
                f"+44 {m} {x}",
                f"0{m} {x}",
                f"+44{m}{x}",
                f"0{m} {x[:3]} {x[3:]}",
                f"+44 (0){m} {x}",
                f"0044 {m} {x}",
            ]
        )
    if cc == "DE":
        pre = c(
            ["151", "152", "157", "160", "162", "170", "171", "172", "173", "175", "176", "177", "178", "179"]
        )
        x = _p(r, 8 if pre.startswith("15") else 7)
        return c(
            [
                f"+49 {pre} {x}",
                f"0{pre} {x}",
                f"0{pre}/{x}",
                f"+49 (0){pre} {x}",
                f"+49{pre}{x}",
                f"0{pre}-{x}",
            ]
        )
    if cc == "FR":
        x = c(["6", "6", "7" + c("3456789")]) + _p(r, 8)
        x = x[:9]
        g = " ".join(x[i : i + 2] for i in range(1, 9, 2))
        return c([f"0{x[0]} {g}", f"+33 {x[0]} {g}", f"+33{x}", f"0{x[0]}.{g.replace(' ', '.')}", f"0{x}"])
    if cc == "ES":
        x = (c(["6", "6", "6", "7" + c("1234")]) + _p(r, 8))[:9]
        return c(
            [
                f"{x[:3]} {x[3:6]} {x[6:]}",
                f"+34 {x[:3]} {x[3:5]} {x[5:7]} {x[7:]}",
                f"+34{x}",
                f"+34 {x[:3]} {x[3:6]} {x[6:]}",
            ]
        )
    if cc == "MX":
        x = c(["55", "33", "81"]) + _p(r, 8)
        return c([f"+52 {x[:2]} {x[2:6]} {x[6:]}", f"{x[:2]} {x[2:6]} {x[6:]}", f"+52{x}"])
    if cc == "IT":
        x = "3" + c(["20", "28", "33", "35", "38", "40", "47", "49", "66", "89", "92"]) + _p(r, 7)
        return c([f"+39 {x[:3]} {x[3:6]} {x[6:]}", f"{x[:3]} {x[3:]}", f"+39 {x[:3]} {x[3:]}", f"{x}"])
    if cc == "PT":
        x = "9" + c("1236") + _p(r, 7)
        return c([f"+351 {x[:3]} {x[3:6]} {x[6:]}", f"{x[:3]} {x[3:6]} {x[6:]}"])
    if cc == "BR":
        ddd = c(["11", "21", "31", "41", "51", "61", "71", "81", "85"])
        x = "9" + c("6789") + _p(r, 7)
        return c(
            [
                f"({ddd}) {x[:5]}-{x[5:]}",
                f"+55 {ddd} {x[:5]}-{x[5:]}",
                f"+55 ({ddd}) {x[:5]}-{x[5:]}",
                f"+55{ddd}{x}",
                f"{ddd} {x}",
            ]
        )
    if cc == "NL":
        x = _p(r, 8)
        return c([f"06-{x}", f"+31 6 {x}", f"06 {x[:2]} {x[2:4]} {x[4:6]} {x[6:]}", f"+316{x}"])
    if cc == "BE":
        x = c(["470", "471", "472", "475", "476", "477", "478", "479", "486", "495", "496"]) + _p(r, 6)
        return c(
            [
                f"+32 {x[:3]} {x[3:5]} {x[5:7]} {x[7:]}",
                f"0{x[:3]} {x[3:5]} {x[5:7]} {x[7:]}",
                f"0{x[:3]}/{x[3:]}",
            ]
        )
    if cc == "CH":
        x = c(["76", "77", "78", "79"]) + _p(r, 7)
        return c([f"+41 {x[:2]} {x[2:5]} {x[5:7]} {x[7:]}", f"0{x[:2]} {x[2:5]} {x[5:7]} {x[7:]}"])
    if cc == "PL":
        x = c(["50", "51", "53", "57", "60", "66", "69", "72", "78", "79", "88"]) + _p(r, 7)
        return c(
            [
                f"+48 {x[:3]} {x[3:6]} {x[6:]}",
                f"{x[:3]}-{x[3:6]}-{x[6:]}",
                f"{x[:3]} {x[3:6]} {x[6:]}",
                f"+48{x}",
            ]
        )
    if cc == "TR":
        x = "5" + c(["30", "32", "33", "35", "42", "43", "44", "05", "06", "52", "53"]) + _p(r, 7)
        return c(
            [
                f"+90 {x[:3]} {x[3:6]} {x[6:8]} {x[8:]}",
                f"0{x[:3]} {x[3:6]} {x[6:8]} {x[8:]}",
                f"0 ({x[:3]}) {x[3:6]} {x[6:8]} {x[8:]}",
                f"+90{x}",
            ]
        )
    if cc == "RU":
        x = "9" + c(["16", "26", "03", "05", "15", "77", "85", "99", "65"]) + _p(r, 7)
        return c(
            [
                f"+7 ({x[:3]}) {x[3:6]}-{x[6:8]}-{x[8:]}",
                f"8 {x[:3]} {x[3:6]} {x[6:8]} {x[8:]}",
                f"+7{x}",
                f"+7 {x[:3]} {x[3:6]}-{x[6:8]}-{x[8:]}",
                f"8({x[:3]}){x[3:6]}-{x[6:8]}-{x[8:]}",
            ]
        )
    if cc == "UA":
        x = c(["50", "67", "63", "93", "97", "98", "66"]) + _p(r, 7)
        return c(
            [f"+380 {x[:2]} {x[2:5]} {x[5:7]} {x[7:]}", f"0{x[:2]} {x[2:5]} {x[5:7]} {x[7:]}", f"+380{x}"]
        )
    if cc == "JP":
        x = c(["90", "80", "70"]) + _p(r, 8)
        s = c(
            [
                f"0{x[:2]}-{x[2:6]}-{x[6:]}",
                f"+81 {x[:2]}-{x[2:6]}-{x[6:]}",
                f"0{x}",
                f"+81-{x[:2]}-{x[2:6]}-{x[6:]}",
                f"0{x[:2]}-{x[2:6]}-{x[6:]}",
            ]
        )
        if style == "fullwidth" or (style is None and r.random() < 0.12):
            s = s.translate(str.maketrans("0123456789-+", "０１２３４５６７８９－＋"))
        return s
    if cc == "KR":
        x = "10" + _p(r, 8)
        return c(
            [
                f"010-{x[2:6]}-{x[6:]}",
                f"+82 10-{x[2:6]}-{x[6:]}",
                f"010 {x[2:6]} {x[6:]}",
                f"01{x[1:]}",
                f"+82-10-{x[2:6]}-{x[6:]}",
            ]
        )
    if cc == "CN":
        x = "1" + c(["38", "39", "36", "35", "50", "58", "86", "88", "59", "77"]) + _p(r, 8)
        return c(
            [
                f"{x[:3]} {x[3:7]} {x[7:]}",
                f"+86 {x[:3]} {x[3:7]} {x[7:]}",
                f"{x}",
                f"+86-{x[:3]}-{x[3:7]}-{x[7:]}",
                f"(+86) {x}",
            ]
        )
    if cc == "IN":
        x = c("6789") + _p(r, 9)
        return c(
            [f"+91 {x[:5]} {x[5:]}", f"0{x[:5]} {x[5:]}", f"{x}", f"+91-{x}", f"+91 {x[:3]} {x[3:6]} {x[6:]}"]
        )
    if cc == "AE":
        x = "5" + c("02458") + _p(r, 7)
        return c(
            [
                f"+971 {x[:2]} {x[2:5]} {x[5:]}",
                f"0{x[:2]} {x[2:5]} {x[5:]}",
                f"+971{x}",
                f"00971 {x[:2]} {x[2:]}",
            ]
        )
    if cc == "SA":
        x = "5" + c("0345") + _p(r, 7)
        return c([f"+966 {x[:2]} {x[2:5]} {x[5:]}", f"0{x}", f"+966{x}", f"0{x[:2]} {x[2:5]} {x[5:]}"])
    if cc == "TH":
        x = c("89") + c("0123456789") + _p(r, 7)
        return c([f"0{x[:2]}-{x[2:5]}-{x[5:]}", f"+66 {x[:2]} {x[2:5]} {x[5:]}", f"0{x}", f"+66{x}"])
    if cc == "VN":
        x = c(["90", "91", "93", "94", "96", "97", "98", "86", "88", "32", "70", "77"]) + _p(r, 7)
        return c([f"+84 {x[:2]} {x[2:5]} {x[5:]}", f"0{x[:3]} {x[3:6]} {x[6:]}", f"0{x}", f"+84{x}"])
    if cc == "GR":
        x = "69" + c("3456789") + _p(r, 7)
        return c([f"+30 {x[:3]} {x[3:6]} {x[6:]}", f"{x}", f"+30{x}", f"{x[:3]} {x[3:]}"])
    if cc == "IL":
        x = "5" + c("02348") + _p(r, 7)
        return c([f"+972 {x[:2]}-{x[2:5]}-{x[5:]}", f"0{x[:2]}-{x[2:]}", f"0{x}", f"+972{x}"])
    if cc == "SE":
        x = "7" + c("0236") + _p(r, 7)
        return c(
            [
                f"0{x[:2]}-{x[2:5]} {x[5:7]} {x[7:]}",
                f"+46 {x[:2]} {x[2:5]} {x[5:7]} {x[7:]}",
                f"+46{x}",
                f"0{x[:2]}-{x[2:]}",
            ]
        )
    if cc == "ID":
        x = "8" + c(["11", "12", "13", "21", "22", "52", "53", "57", "77", "78", "95", "96"]) + _p(r, 8)
        return c([f"+62 {x[:3]}-{x[3:7]}-{x[7:]}", f"0{x[:3]} {x[3:7]} {x[7:]}", f"0{x}", f"+62{x}"])
    if cc == "NG":
        x = c(
            ["803", "806", "813", "816", "703", "706", "810", "805", "807", "802", "808", "902", "901"]
        ) + _p(r, 7)
        return c([f"+234 {x[:3]} {x[3:6]} {x[6:]}", f"0{x[:3]} {x[3:6]} {x[6:]}", f"0{x}", f"+234{x}"])
    if cc == "ZA":
        x = c(["82", "83", "84", "72", "73", "76", "79", "61", "71"]) + _p(r, 7)
        return c([f"+27 {x[:2]} {x[2:5]} {x[5:]}", f"0{x[:2]} {x[2:5]} {x[5:]}", f"0{x}", f"+27{x}"])
    if cc == "AU":
        x = "4" + c(["0", "1", "2", "3", "4", "5", "8", "9"]) + _p(r, 7)
        return c([f"0{x[:3]} {x[3:6]} {x[6:]}", f"+61 {x[:3]} {x[3:6]} {x[6:]}", f"+61{x}", f"0{x}"])
    if cc == "SG":
        x = c("89") + _p(r, 7)
        return c([f"+65 {x[:4]} {x[4:]}", f"{x[:4]} {x[4:]}", f"+65{x}", f"{x}"])
    if cc == "AR":
        x = "11" + c("2345") + _p(r, 7)
        return c([f"+54 9 11 {x[2:6]}-{x[6:]}", f"011 15-{x[2:6]}-{x[6:]}", f"+5491{x[1:]}"])
    return phone(r, "US")


# addresses -------------------------------------------------------------------------------------

STREETS = {
    "US": (
        [
            "Maple",
            "Oak",
            "Pine",
            "Cedar",
            "Elm",
            "Washington",
            "Lake",
            "Hillcrest",
            "Sunset",
            "Jefferson",
            "Magnolia",
            "Willow Creek",
        ],
        ["St", "Ave", "Blvd", "Dr", "Ln", "Rd", "Ct", "Street", "Avenue", "Way"],
        [
            ("Springfield", "IL", "627"),
            ("Austin", "TX", "787"),
            ("Denver", "CO", "802"),
            ("Columbus", "OH", "432"),
            ("Tacoma", "WA", "984"),
            ("Sacramento", "CA", "958"),
            ("Brooklyn", "NY", "112"),
            ("Tampa", "FL", "336"),
            ("Phoenix", "AZ", "850"),
            ("Raleigh", "NC", "276"),
        ],
    ),
    "GB": (
        [
            "Kings",
            "Victoria",
            "Church",
            "Station",
            "Mill",
            "Queen's",
            "Park",
            "Highfield",
            "Albert",
            "Granville",
        ],
        ["Road", "Street", "Lane", "Close", "Avenue", "Crescent", "Gardens", "Terrace", "Way"],
        [
            ("London", "SW3", ""),
            ("Manchester", "M14", ""),
            ("Leeds", "LS6", ""),
            ("Bristol", "BS7", ""),
            ("Glasgow", "G12", ""),
            ("Cardiff", "CF24", ""),
            ("Sheffield", "S10", ""),
            ("Brighton", "BN2", ""),
        ],
    ),
}

DE_STREETS = [
    "Hauptstraße",
    "Bahnhofstraße",
    "Schillerstraße",
    "Goethestraße",
    "Lindenallee",
    "Am Mühlbach",
    "Kirchweg",
    "Friedrich-Ebert-Straße",
    "Schloßstraße",
    "Gartenstr.",
]
DE_CITIES = [
    ("10115", "Berlin"),
    ("80331", "München"),
    ("50667", "Köln"),
    ("20095", "Hamburg"),
    ("60311", "Frankfurt am Main"),
    ("04109", "Leipzig"),
    ("70173", "Stuttgart"),
    ("90402", "Nürnberg"),
    ("28195", "Bremen"),
]
FR_STREETS = [
    "rue de la Paix",
    "avenue Jean Jaurès",
    "boulevard Voltaire",
    "rue des Lilas",
    "chemin des Vignes",
    "allée des Tilleuls",
    "rue Victor Hugo",
    "place de la République",
]
FR_CITIES = [
    ("75011", "Paris"),
    ("69003", "Lyon"),
    ("13006", "Marseille"),
    ("31000", "Toulouse"),
    ("33000", "Bordeaux"),
    ("44000", "Nantes"),
    ("59000", "Lille"),
    ("67000", "Strasbourg"),
]
ES_STREETS = [
    "Calle Mayor",
    "Avenida de la Constitución",
    "Calle de Alcalá",
    "Paseo de Gracia",
    "Calle San Vicente",
    "Rambla de Catalunya",
    "Calle Real",
]
ES_CITIES = [
    ("28013", "Madrid"),
    ("08007", "Barcelona"),
    ("46002", "Valencia"),
    ("41001", "Sevilla"),
    ("48001", "Bilbao"),
    ("29015", "Málaga"),
]
IT_STREETS = [
    "Via Roma",
    "Corso Vittorio Emanuele II",
    "Via Garibaldi",
    "Viale dei Mille",
    "Via Dante Alighieri",
    "Piazza della Libertà",
    "Via San Francesco",
]
IT_CITIES = [
    ("00184", "Roma", "RM"),
    ("20121", "Milano", "MI"),
    ("80132", "Napoli", "NA"),
    ("10121", "Torino", "TO"),
    ("40126", "Bologna", "BO"),
    ("50123", "Firenze", "FI"),
]
NL_STREETS = [
    "Keizersgracht",
    "Dorpsstraat",
    "Kerkstraat",
    "Prinsengracht",
    "Molenweg",
    "Julianalaan",
    "Stationsplein",
]
NL_CITIES = [
    ("1015 CJ", "Amsterdam"),
    ("3011 AB", "Rotterdam"),
    ("3511 LN", "Utrecht"),
    ("2511 BT", "Den Haag"),
    ("5611 EM", "Eindhoven"),
]
PT_STREETS = [
    "Rua Augusta",
    "Avenida Paulista",
    "Rua das Flores",
    "Rua Oscar Freire",
    "Avenida Atlântica",
    "Rua XV de Novembro",
    "Alameda Santos",
]
BR_CITIES = [
    ("01310-100", "São Paulo", "SP", "Bela Vista"),
    ("22070-011", "Rio de Janeiro", "RJ", "Copacabana"),
    ("30130-010", "Belo Horizonte", "MG", "Centro"),
    ("80020-310", "Curitiba", "PR", "Centro"),
    ("40140-110", "Salvador", "BA", "Barra"),
]
PL_STREETS = [
    "ul. Marszałkowska",
    "ul. Piotrkowska",
    "ul. Długa",
    "al. Jerozolimskie",
    "ul. Floriańska",
    "ul. Słowackiego",
]
PL_CITIES = [
    ("00-624", "Warszawa"),
    ("90-001", "Łódź"),
    ("31-019", "Kraków"),
    ("80-831", "Gdańsk"),
    ("50-001", "Wrocław"),
]
TR_STREETS = [
    "Atatürk Cad.",
    "İstiklal Cad.",
    "Bağdat Cad.",
    "Cumhuriyet Mah. 1203. Sok.",
    "Gazi Mustafa Kemal Blv.",
    "Barbaros Blv.",
]
TR_CITIES = [
    ("34433", "Beyoğlu", "İstanbul"),
    ("06420", "Çankaya", "Ankara"),
    ("35220", "Konak", "İzmir"),
    ("34728", "Kadıköy", "İstanbul"),
]
RU_STREETS = [
    "ул. Тверская",
    "Ленинский пр-т",
    "ул. Арбат",
    "Невский пр.",
    "ул. Садовая",
    "ул. Мира",
    "пр-т Мира",
]
RU_CITIES = [
    ("125009", "Москва"),
    ("191186", "Санкт-Петербург"),
    ("620014", "Екатеринбург"),
    ("630099", "Новосибирск"),
    ("420111", "Казань"),
]
JP_ADDR = [
    ("150-0001", "東京都渋谷区神宮前"),
    ("160-0022", "東京都新宿区新宿"),
    ("530-0001", "大阪府大阪市北区梅田"),
    ("460-0008", "愛知県名古屋市中区栄"),
    ("810-0001", "福岡県福岡市中央区天神"),
    ("220-0012", "神奈川県横浜市西区みなとみらい"),
    ("060-0042", "北海道札幌市中央区大通西"),
]
JP_BLDG = ["サンハイツ", "メゾン青山", "グランドパレス", "コーポ山田", "パークハウス"]
KR_ADDR = [
    "서울특별시 강남구 테헤란로",
    "서울특별시 마포구 월드컵북로",
    "부산광역시 해운대구 해운대로",
    "경기도 성남시 분당구 판교역로",
    "인천광역시 연수구 송도과학로",
]
CN_ADDR = [
    "北京市朝阳区建国路",
    "上海市浦东新区世纪大道",
    "广东省深圳市南山区科技园南路",
    "浙江省杭州市西湖区文三路",
    "四川省成都市武侯区天府大道",
    "江苏省南京市鼓楼区中山北路",
]
IN_AREAS = [
    ("MG Road", "Bengaluru", "Karnataka", "560001"),
    ("Bandra West", "Mumbai", "Maharashtra", "400050"),
    ("Koramangala", "Bengaluru", "Karnataka", "560034"),
    ("Sector 62", "Noida", "Uttar Pradesh", "201301"),
    ("T. Nagar", "Chennai", "Tamil Nadu", "600017"),
    ("Salt Lake", "Kolkata", "West Bengal", "700091"),
]
IN_BLDG = [
    "Sai Residency",
    "Prestige Shantiniketan",
    "Green Valley Apartments",
    "Lodha Palava",
    "Sunrise Towers",
]
AE_AREAS = [
    "Al Barsha 2",
    "Jumeirah Village Circle",
    "Dubai Marina",
    "Al Nahda 1",
    "Khalifa City A",
    "Al Reem Island",
]
SA_AREAS = [
    ("حي العليا", "الرياض", "12214"),
    ("حي الروضة", "جدة", "23435"),
    ("حي النرجس", "الرياض", "13327"),
    ("حي الشاطئ", "الدمام", "32413"),
]
TH_ADDR = [
    "ถนนสุขุมวิท แขวงคลองตันเหนือ เขตวัฒนา กรุงเทพมหานคร 10110",
    "ถนนพหลโยธิน แขวงสามเสนใน เขตพญาไท กรุงเทพมหานคร 10400",
    "ถนนนิมมานเหมินท์ ตำบลสุเทพ อำเภอเมืองเชียงใหม่ เชียงใหม่ 50200",
    "ถนนรัชดาภิเษก แขวงดินแดง เขตดินแดง กรุงเทพมหานคร 10400",
]
VN_ADDR = [
    "đường Nguyễn Huệ, Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh",
    "phố Hàng Bài, Phường Tràng Tiền, Quận Hoàn Kiếm, Hà Nội",
    "đường Lê Lợi, Phường 4, Quận Gò Vấp, TP. Hồ Chí Minh",
    "đường Trần Phú, Phường Hải Châu 1, Quận Hải Châu, Đà Nẵng",
]
GR_ADDR = [
    ("Οδός Ερμού", "105 63", "Αθήνα"),
    ("Λεωφόρος Βασιλίσσης Σοφίας", "115 21", "Αθήνα"),
    ("Οδός Τσιμισκή", "546 23", "Θεσσαλονίκη"),
]
IL_ADDR = [
    ("רחוב הרצל", "תל אביב-יפו", "6578901"),
    ("שדרות רוטשילד", "תל אביב-יפו", "6688312"),
    ("רחוב יפו", "ירושלים", "9434201"),
]
SE_ADDR = [
    ("Drottninggatan", "111 51", "Stockholm"),
    ("Storgatan", "411 38", "Göteborg"),
    ("Södra Förstadsgatan", "211 43", "Malmö"),
]
ID_ADDR = [
    "Jl. Sudirman No. {n}, RT 003/RW 005, Karet Semanggi, Setiabudi, Jakarta Selatan 12930",
    "Jl. Malioboro No. {n}, Sosromenduran, Gedong Tengen, Yogyakarta 55271",
    "Jl. Diponegoro No. {n}, Darmo, Wonokromo, Surabaya 60241",
]
NG_ADDR = [
    "{n} Adeola Odeku Street, Victoria Island, Lagos",
    "{n} Allen Avenue, Ikeja, Lagos",
    "Plot {n}, Aminu Kano Crescent, Wuse 2, Abuja",
    "{n} Ogui Road, Enugu",
]
ZA_ADDR = [
    "{n} Jan Smuts Avenue, Rosebank, Johannesburg, 2196",
    "{n} Long Street, Cape Town City Centre, Cape Town, 8001",
    "{n} Florida Road, Morningside, Durban, 4001",
]
AU_ADDR = [
    ("George St", "Sydney", "NSW", "2000"),
    ("Chapel St", "South Yarra", "VIC", "3141"),
    ("Queen St", "Brisbane City", "QLD", "4000"),
    ("Hay St", "Perth", "WA", "6000"),
    ("Church St", "Parramatta", "NSW", "2150"),
]
CA_ADDR = [
    ("Queen St W", "Toronto", "ON", "M5H 2N2"),
    ("Rue Sainte-Catherine O", "Montréal", "QC", "H3B 1A7"),
    ("Robson St", "Vancouver", "BC", "V6E 1B5"),
    ("17 Ave SW", "Calgary", "AB", "T2S 0A1"),
]
SG_ADDR = [
    "Blk {n} Ang Mo Kio Avenue 3, #08-{u}, Singapore 560{p}",
    "{n} Tampines Street 81, #12-{u}, Singapore 520{p}",
    "Blk {n} Bedok North Road, #05-{u}, Singapore 460{p}",
]
MX_ADDR = [
    ("Av. Insurgentes Sur", "Col. Roma Norte", "Cuauhtémoc", "06700", "Ciudad de México, CDMX"),
    ("Calle Hidalgo", "Col. Centro", "Guadalajara", "44100", "Jalisco"),
    ("Av. Constitución", "Col. Obispado", "Monterrey", "64060", "N.L."),
]
UA_ADDR = [
    ("вул. Хрещатик", "01001", "Київ"),
    ("вул. Дерибасівська", "65026", "Одеса"),
    ("пр. Свободи", "79000", "Львів"),
]
BE_ADDR = [("Rue Neuve", "1000", "Bruxelles"), ("Meir", "2000", "Antwerpen"), ("Veldstraat", "9000", "Gent")]
CH_ADDR = [
    ("Bahnhofstrasse", "8001", "Zürich"),
    ("Rue du Rhône", "1204", "Genève"),
    ("Marktgasse", "3011", "Bern"),
]
PT_ADDR = [
    ("Rua Augusta", "1100-053", "Lisboa"),
    ("Avenida da Boavista", "4100-119", "Porto"),
    ("Rua Ferreira Borges", "3000-180", "Coimbra"),
]


def address(r: Random, cc: str) -> dict:
    """{'line1', 'line2', 'city', 'postcode', 'region', 'country', 'full', 'street_line'} - ``full`` is one-line
    as the customer would write it; ``street_line`` is the part that identifies a person's dwelling."""
    n = r.randint(1, 240)
    c = r.choice
    line2, region = "", ""
    if cc in ("US",):
        names, kinds, cities = STREETS["US"]
        city, st, zp = c(cities)
        line1 = f"{r.randint(10, 9899)} {c(names)} {c(kinds)}"
        line2 = c(
            [
                "",
                "",
                f"Apt {r.randint(1, 40)}{c('ABCD')}",
                f"Unit {r.randint(100, 999)}",
                f"Suite {r.randint(100, 900)}",
            ]
        )
        pc, region = zp + f"{r.randint(0, 99):02d}", st
        full = f"{line1}{', ' + line2 if line2 else ''}, {city}, {st} {pc}"
    elif cc == "GB":
        names, kinds, cities = STREETS["GB"]
        city, out, _ = c(cities)
        line1 = f"{n} {c(names)} {c(kinds)}"
        line2 = c(["", "", f"Flat {r.randint(1, 30)}"])
        pc = f"{out} {r.randint(1, 9)}{c('ABDEFGHJLNPQRSTUWXYZ')}{c('ABDEFGHJLNPQRSTUWXYZ')}"
        full = f"{line2 + ', ' if line2 else ''}{line1}, {city} {pc}"
    elif cc == "DE":
        pc, city = c(DE_CITIES)
        line1 = f"{c(DE_STREETS)} {n}{c(['', '', 'a', 'b'])}"
        full = f"{line1}, {pc} {city}"
    elif cc == "FR":
        pc, city = c(FR_CITIES)
        line1 = f"{n}{c(['', '', ' bis'])} {c(FR_STREETS)}"
        line2 = c(["", "", f"Bât. {c('ABC')}, esc. {r.randint(1, 4)}", f"Appt {r.randint(1, 60)}"])
        full = f"{line1}{', ' + line2 if line2 else ''}, {pc} {city}"
    elif cc == "ES":
        pc, city = c(ES_CITIES)
        line1 = f"{c(ES_STREETS)}, {n}"
        line2 = c(
            [f"{r.randint(1, 9)}º {c(['izq', 'dcha', 'A', 'B'])}", f"{r.randint(1, 9)}.º {c('ABCD')}", ""]
        )
        full = f"{line1}{', ' + line2 if line2 else ''}, {pc} {city}"
    elif cc == "IT":
        pc, city, prov = c(IT_CITIES)
        line1 = f"{c(IT_STREETS)}, {n}"
        full = f"{line1}, {pc} {city} ({prov})" if r.random() < 0.5 else f"{line1}, {pc} {city} {prov}"
        region = prov
    elif cc == "NL":
        pc, city = c(NL_CITIES)
        line1 = f"{c(NL_STREETS)} {n}{c(['', '', '-2', 'A', ' hs'])}"
        full = f"{line1}, {pc} {city}"
    elif cc == "BR":
        pc, city, uf, bairro = c(BR_CITIES)
        line1 = f"{c(PT_STREETS)}, {r.randint(10, 3000)}"
        line2 = c(["", f"apto {r.randint(11, 204)}", f"Bloco {c('AB')}, ap. {r.randint(11, 150)}"])
        full = f"{line1}{', ' + line2 if line2 else ''} - {bairro}, {city} - {uf}, {pc}"
        region = uf
    elif cc == "PT":
        st, pc, city = c(PT_ADDR)
        line1 = f"{st}, {n}, {r.randint(1, 6)}º {c(['Esq.', 'Dto.'])}"
        full = f"{line1}, {pc} {city}"
    elif cc == "PL":
        pc, city = c(PL_CITIES)
        line1 = f"{c(PL_STREETS)} {n}{c(['', '/' + str(r.randint(1, 80))])}"
        full = f"{line1}, {pc} {city}"
    elif cc == "TR":
        pc, ilce, il = c(TR_CITIES)
        line1 = f"{c(TR_STREETS)} No:{n} D:{r.randint(1, 20)}"
        full = f"{line1}, {pc} {ilce}/{il}"
        city = il
    elif cc == "RU":
        pc, city = c(RU_CITIES)
        line1 = f"{c(RU_STREETS)}, д. {n}, кв. {r.randint(1, 300)}"
        full = c([f"{line1}, {city}, {pc}", f"{pc}, г. {city}, {line1}"])
    elif cc == "UA":
        st, pc, city = c(UA_ADDR)
        line1 = f"{st}, {n}, кв. {r.randint(1, 120)}"
        full = f"{line1}, {city}, {pc}"
    elif cc == "JP":
        pc, pref = c(JP_ADDR)
        chome = f"{r.randint(1, 6)}-{r.randint(1, 30)}-{r.randint(1, 20)}"
        bld = c(
            [
                "",
                f" {c(JP_BLDG)}{r.randint(1, 12)}0{r.randint(1, 9)}号室",
                f" {c(JP_BLDG)} {r.randint(101, 905)}",
            ]
        )
        line1 = f"{pref}{chome}{bld}"
        city = pref[:3]
        full = c([f"〒{pc} {line1}", f"〒{pc}　{line1}", line1])
    elif cc == "KR":
        base = c(KR_ADDR)
        line1 = (
            f"{base} {r.randint(1, 400)}, {r.randint(1, 20)}층"
            if r.random() < 0.5
            else f"{base} {r.randint(1, 400)} {c(['래미안아파트', '푸르지오', '자이아파트'])} {r.randint(101, 120)}동 {r.randint(101, 2505)}호"
        )
        pc = digits(r, 5)
        city = base.split()[0]
        full = c([line1, f"({pc}) {line1}"])
    elif cc == "CN":
        base = c(CN_ADDR)
        line1 = f"{base}{r.randint(1, 999)}号" + c(
            [
                "",
                f"{r.randint(1, 30)}栋{r.randint(101, 2808)}室",
                f"{c(['阳光', '华府', '金地'])}小区{r.randint(1, 20)}号楼{r.randint(1, 6)}单元{r.randint(101, 1802)}",
            ]
        )
        pc, city = digits(r, 6), base[:3]
        full = line1
    elif cc == "IN":
        area, city, state, pc = c(IN_AREAS)
        line1 = f"{c(['Flat', 'Flat No.', 'House No.', '#'])} {r.randint(101, 1204)}, {c(IN_BLDG)}, {area}"
        full = f"{line1}, {city}, {state} {pc}" if r.random() < 0.5 else f"{line1}, {city} - {pc}"
        region = state
    elif cc == "AE":
        area = c(AE_AREAS)
        line1 = c(
            [
                f"Villa {n}, Street {r.randint(1, 40)}, {area}",
                f"Apt {r.randint(101, 3208)}, {c(['Marina Heights', 'Al Fajer Tower', 'Sky Gardens'])}, {area}",
            ]
        )
        city, pc = c(["Dubai", "Abu Dhabi", "Sharjah"]), ""
        full = f"{line1}, {city}"
    elif cc == "SA":
        hay, city, pc = c(SA_AREAS)
        line1 = f"{r.randint(1000, 9999)} شارع {c(['الأمير سلطان', 'الملك فهد', 'التحلية', 'الأمير محمد بن عبدالعزيز'])}، {hay}"
        full = f"{line1}، {city} {pc}"
    elif cc == "TH":
        line1 = f"{r.randint(1, 999)}/{r.randint(1, 99)} " + c(TH_ADDR)
        pc, city = line1[-5:], "กรุงเทพมหานคร"
        full = line1
    elif cc == "VN":
        line1 = f"Số {r.randint(1, 300)} " + c(VN_ADDR)
        pc, city = "", line1.split(", ")[-1]
        full = line1
    elif cc == "GR":
        st, pc, city = c(GR_ADDR)
        line1 = f"{st} {n}"
        full = f"{line1}, {pc} {city}"
    elif cc == "IL":
        st, city, pc = c(IL_ADDR)
        line1 = f"{st} {n}, דירה {r.randint(1, 40)}"
        full = f"{line1}, {city} {pc}"
    elif cc == "SE":
        st, pc, city = c(SE_ADDR)
        line1 = f"{st} {n}{c(['', ' lgh 1102', ' 3 tr'])}"
        full = f"{line1}, {pc} {city}"
    elif cc == "ID":
        line1 = c(ID_ADDR).format(n=n)
        pc, city = line1[-5:], line1.split(", ")[-1][:-6]
        full = line1
    elif cc == "NG":
        line1 = c(NG_ADDR).format(n=n)
        pc, city = "", line1.split(", ")[-1]
        full = line1
    elif cc == "ZA":
        line1 = c(ZA_ADDR).format(n=n)
        pc, city = line1[-4:], line1.split(", ")[-2]
        full = line1
    elif cc == "AU":
        st, city, state, pc = c(AU_ADDR)
        line1 = c([f"{n} {st}", f"Unit {r.randint(1, 30)}/{n} {st}", f"{r.randint(1, 30)}/{n} {st}"])
        full = f"{line1}, {city} {state} {pc}"
        region = state
    elif cc == "CA":
        st, city, prov, pc = c(CA_ADDR)
        line1 = f"{r.randint(10, 2999)} {st}" + c(
            ["", f", Apt {r.randint(101, 2301)}", f" #{r.randint(101, 2301)}"]
        )
        full = f"{line1}, {city}, {prov} {pc}"
        region = prov
    elif cc == "SG":
        line1 = c(SG_ADDR).format(
            n=r.randint(100, 699),
            u=f"{r.randint(1, 150):02d}" if r.random() < 0.5 else r.randint(100, 999),
            p=f"{r.randint(100, 999)}",
        )
        pc, city = line1[-6:], "Singapore"
        full = line1
    elif cc == "MX":
        st, col, city, pc, state = c(MX_ADDR)
        line1 = f"{st} {r.randint(10, 3000)}{c(['', ' Int. ' + str(r.randint(1, 20)), ' Depto. ' + str(r.randint(101, 804))])}, {col}"
        full = f"{line1}, C.P. {pc}, {city}, {state}"
        region = state
    elif cc == "BE":
        st, pc, city = c(BE_ADDR)
        line1 = f"{st} {n}{c(['', ' bus 3', ' boîte 12'])}"
        full = f"{line1}, {pc} {city}"
    elif cc == "CH":
        st, pc, city = c(CH_ADDR)
        line1 = f"{st} {n}"
        full = f"{line1}, {pc} {city}"
    else:
        return address(r, "US")
    return {
        "line1": line1,
        "line2": line2,
        "city": city,
        "postcode": pc,
        "region": region,
        "country": cc,
        "full": full,
    }


# ---------------------------------------------------------------------------------------------
# dates of birth
# ---------------------------------------------------------------------------------------------

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
    "vi": [f"tháng {i}" for i in range(1, 13)],
    "el": [
        "Ιανουαρίου",
        "Φεβρουαρίου",
        "Μαρτίου",
        "Απριλίου",
        "Μαΐου",
        "Ιουνίου",
        "Ιουλίου",
        "Αυγούστου",
        "Σεπτεμβρίου",
        "Οκτωβρίου",
        "Νοεμβρίου",
        "Δεκεμβρίου",
    ],
    "th": [
        "มกราคม",
        "กุมภาพันธ์",
        "มีนาคม",
        "เมษายน",
        "พฤษภาคม",
        "มิถุนายน",
        "กรกฎาคม",
        "สิงหาคม",
        "กันยายน",
        "ตุลาคม",
        "พฤศจิกายน",
        "ธันวาคม",
    ],
}
EN_ABBR = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def dob_date(r: Random, young: bool = False) -> _dt.date:
    start = _dt.date(1946, 1, 1) if not young else _dt.date(1990, 1, 1)
    return start + _dt.timedelta(days=r.randint(0, (_dt.date(2006, 12, 31) - start).days))


def fmt_date(r: Random, d: _dt.date, lang: str = "en", style: str | None = None) -> str:
    """A date of birth as written in ``lang`` (numeric or with month names)."""
    if style == "iso":
        return d.isoformat()
    c = r.choice
    if lang == "ja":
        return c(
            [
                f"{d.year}年{d.month}月{d.day}日",
                f"{d.year}/{d.month:02d}/{d.day:02d}",
                f"{d.year}年{d.month:02d}月{d.day:02d}日",
                f"{'昭和' if d.year < 1989 else '平成'}{d.year - 1925 if d.year < 1989 else d.year - 1988}年{d.month}月{d.day}日",
            ]
        )
    if lang == "ko":
        return c(
            [
                f"{d.year}년 {d.month}월 {d.day}일",
                f"{d.year}.{d.month:02d}.{d.day:02d}",
                f"{d.year}. {d.month}. {d.day}.",
            ]
        )
    if lang == "zh":
        return c(
            [
                f"{d.year}年{d.month}月{d.day}日",
                f"{d.year}-{d.month:02d}-{d.day:02d}",
                f"{d.year}/{d.month}/{d.day}",
            ]
        )
    if lang in ("ar", "he", "hi"):
        return c([f"{d.day:02d}/{d.month:02d}/{d.year}", d.isoformat(), f"{d.day}-{d.month}-{d.year}"])
    if lang == "th":
        return c(
            [
                f"{d.day} {MONTHS['th'][d.month - 1]} {d.year + 543}",
                f"{d.day:02d}/{d.month:02d}/{d.year + 543}",
                f"{d.day:02d}/{d.month:02d}/{d.year}",
            ]
        )
    if lang == "en_US":
        return c(
            [
                f"{d.month:02d}/{d.day:02d}/{d.year}",
                f"{d.month}/{d.day}/{d.year}",
                f"{MONTHS['en'][d.month - 1]} {d.day}, {d.year}",
                f"{EN_ABBR[d.month - 1]} {d.day}, {d.year}",
                d.isoformat(),
                f"{d.month:02d}-{d.day:02d}-{d.year}",
            ]
        )
    if lang == "en":
        return c(
            [
                f"{d.day:02d}/{d.month:02d}/{d.year}",
                f"{d.day} {MONTHS['en'][d.month - 1]} {d.year}",
                f"{d.day}-{EN_ABBR[d.month - 1]}-{d.year}",
                f"{d.day:02d} {EN_ABBR[d.month - 1].upper()} {d.year}",
                d.isoformat(),
                f"{d.day}th of {MONTHS['en'][d.month - 1]} {d.year}"
                if d.day in range(4, 21)
                else f"{d.day} {MONTHS['en'][d.month - 1]} {d.year}",
            ]
        )
    if lang == "de":
        return c(
            [
                f"{d.day:02d}.{d.month:02d}.{d.year}",
                f"{d.day}. {MONTHS['de'][d.month - 1]} {d.year}",
                f"{d.day}.{d.month}.{d.year}",
            ]
        )
    if lang in ("ru", "uk", "pl", "tr", "el", "id", "vi", "sv", "nl", "fr", "es", "it", "pt"):
        m = MONTHS.get(lang if lang != "uk" else "ru")
        sep = "." if lang in ("ru", "uk", "pl", "tr") else "-" if lang == "nl" else "/"
        numeric = f"{d.day:02d}{sep}{d.month:02d}{sep}{d.year}"
        if lang == "sv":
            numeric = d.isoformat()
        worded = {
            "fr": f"{'1er' if d.day == 1 else d.day} {m[d.month - 1]} {d.year}",
            "es": f"{d.day} de {m[d.month - 1]} de {d.year}",
            "pt": f"{d.day} de {m[d.month - 1]} de {d.year}",
            "it": f"{d.day} {m[d.month - 1]} {d.year}",
            "nl": f"{d.day} {m[d.month - 1]} {d.year}",
            "pl": f"{d.day} {m[d.month - 1]} {d.year} r.",
            "tr": f"{d.day} {m[d.month - 1]} {d.year}",
            "ru": f"{d.day} {m[d.month - 1]} {d.year} г.",
            "uk": f"{d.day} {m[d.month - 1]} {d.year} г.",
            "el": f"{d.day} {m[d.month - 1]} {d.year}",
            "id": f"{d.day} {m[d.month - 1]} {d.year}",
            "vi": f"ngày {d.day} {m[d.month - 1]} năm {d.year}",
            "sv": f"{d.day} {m[d.month - 1]} {d.year}",
        }[lang]
        return c([numeric, numeric, worded])
    return d.isoformat()


# ---------------------------------------------------------------------------------------------
# people
# ---------------------------------------------------------------------------------------------

COUNTRIES = {
    "US": ("en_US", "en_US"),
    "GB": ("en_GB", "en"),
    "DE": ("de", "de"),
    "FR": ("fr", "fr"),
    "ES": ("es", "es"),
    "MX": ("mx", "es"),
    "IT": ("it", "it"),
    "BR": ("pt", "pt"),
    "PT": ("pt", "pt"),
    "NL": ("nl", "nl"),
    "BE": ("fr", "fr"),
    "CH": ("de", "de"),
    "PL": ("pl", "pl"),
    "TR": ("tr", "tr"),
    "RU": ("ru", "ru"),
    "UA": ("uk", "uk"),
    "JP": ("ja", "ja"),
    "KR": ("ko", "ko"),
    "CN": ("zh", "zh"),
    "IN": ("in_latn", "en"),
    "AE": ("ar", "ar"),
    "SA": ("ar", "ar"),
    "TH": ("th", "th"),
    "VN": ("vi", "vi"),
    "GR": ("el", "el"),
    "IL": ("he", "he"),
    "SE": ("sv", "sv"),
    "ID": ("id", "id"),
    "NG": ("ng", "en"),
    "ZA": ("za", "en"),
    "AU": ("en_GB", "en"),
    "CA": ("en_US", "en_US"),
    "SG": ("zh", "en"),
}
COUNTRY_WEIGHTS = {
    "US": 9,
    "GB": 6,
    "DE": 6,
    "FR": 5,
    "ES": 4,
    "MX": 3,
    "IT": 3,
    "BR": 4,
    "PT": 1,
    "NL": 2,
    "BE": 1,
    "CH": 1,
    "PL": 2,
    "TR": 3,
    "RU": 3,
    "UA": 2,
    "JP": 4,
    "KR": 3,
    "CN": 3,
    "IN": 4,
    "AE": 2,
    "SA": 2,
    "TH": 2,
    "VN": 2,
    "GR": 1,
    "IL": 1,
    "SE": 1,
    "ID": 2,
    "NG": 2,
    "ZA": 1,
    "AU": 2,
    "CA": 2,
    "SG": 1,
}

RU_PATR = {
    False: ["Сергеевич", "Александрович", "Игоревич", "Владимирович"],
    True: ["Сергеевна", "Александровна", "Игоревна", "Владимировна"],
}
RU_PATR_LATN = {
    "Сергеевич": "Sergeevich",
    "Александрович": "Aleksandrovich",
    "Игоревич": "Igorevich",
    "Владимирович": "Vladimirovich",
    "Сергеевна": "Sergeevna",
    "Александровна": "Aleksandrovna",
    "Игоревна": "Igorevna",
    "Владимировна": "Vladimirovna",
}

MAIL_DOMAINS = {
    "US": ["gmail.com", "yahoo.com", "outlook.com", "icloud.com", "aol.com", "comcast.net", "hotmail.com"],
    "GB": ["gmail.com", "btinternet.com", "hotmail.co.uk", "yahoo.co.uk", "outlook.com", "sky.com"],
    "DE": ["gmx.de", "web.de", "t-online.de", "posteo.de", "gmail.com", "gmx.net"],
    "FR": ["orange.fr", "free.fr", "laposte.net", "gmail.com", "sfr.fr", "wanadoo.fr"],
    "ES": ["gmail.com", "hotmail.es", "telefonica.net", "yahoo.es"],
    "MX": ["hotmail.com", "gmail.com", "prodigy.net.mx", "outlook.com"],
    "IT": ["libero.it", "virgilio.it", "alice.it", "gmail.com", "tiscali.it"],
    "BR": ["uol.com.br", "bol.com.br", "gmail.com", "hotmail.com", "terra.com.br"],
    "PT": ["sapo.pt", "gmail.com"],
    "NL": ["ziggo.nl", "kpnmail.nl", "xs4all.nl", "gmail.com", "hotmail.nl"],
    "BE": ["skynet.be", "telenet.be", "gmail.com"],
    "CH": ["bluewin.ch", "gmx.ch", "gmail.com"],
    "PL": ["wp.pl", "onet.pl", "o2.pl", "interia.pl", "gmail.com"],
    "TR": ["hotmail.com", "gmail.com", "yandex.com.tr", "outlook.com.tr"],
    "RU": ["mail.ru", "yandex.ru", "rambler.ru", "bk.ru", "list.ru"],
    "UA": ["ukr.net", "i.ua", "gmail.com"],
    "JP": ["yahoo.co.jp", "docomo.ne.jp", "ezweb.ne.jp", "gmail.com", "i.softbank.jp"],
    "KR": ["naver.com", "daum.net", "kakao.com", "hanmail.net"],
    "CN": ["qq.com", "163.com", "126.com", "sina.com", "foxmail.com"],
    "IN": ["gmail.com", "rediffmail.com", "yahoo.co.in", "outlook.in"],
    "AE": ["gmail.com", "hotmail.com", "eim.ae", "outlook.com"],
    "SA": ["gmail.com", "hotmail.com", "outlook.sa"],
    "TH": ["hotmail.com", "gmail.com", "yahoo.co.th"],
    "VN": ["gmail.com", "yahoo.com.vn"],
    "GR": ["yahoo.gr", "otenet.gr", "gmail.com"],
    "IL": ["walla.co.il", "gmail.com", "012.net.il"],
    "SE": ["telia.com", "hotmail.se", "gmail.com", "bredband.net"],
    "ID": ["yahoo.co.id", "gmail.com"],
    "NG": ["yahoo.com", "gmail.com"],
    "ZA": ["mweb.co.za", "telkomsa.net", "gmail.com"],
    "AU": ["bigpond.com", "optusnet.com.au", "gmail.com"],
    "CA": ["rogers.com", "shaw.ca", "videotron.ca", "gmail.com"],
    "SG": ["singnet.com.sg", "gmail.com", "yahoo.com.sg"],
}
GLOBAL_DOMAINS = [
    "proton.me",
    "protonmail.com",
    "icloud.com",
    "me.com",
    "fastmail.com",
    "pm.me",
    "tutanota.com",
]

_TRANS = str.maketrans(
    {
        "ü": "ue",
        "ö": "oe",
        "ä": "ae",
        "ß": "ss",
        "Ü": "Ue",
        "Ö": "Oe",
        "Ä": "Ae",
        "ø": "o",
        "å": "a",
        "æ": "ae",
        "ł": "l",
        "Ł": "L",
        "ı": "i",
        "đ": "d",
        "Đ": "D",
    }
)


def ascii_fold(s: str) -> str:
    return _strip_accents(s.translate(_TRANS))


def email_for(r: Random, given: str, family: str, cc: str, year: int) -> str:
    g = "".join(ch for ch in ascii_fold(given).lower() if ch.isalnum() or ch == " ").replace(" ", "")
    f = "".join(ch for ch in ascii_fold(family).lower() if ch.isalnum())
    g = g or "user"
    f = f or "mail"
    if cc == "CN" and r.random() < 0.6:
        return f"{r.randint(10000, 3999999999)}@qq.com"
    dom = r.choice(MAIL_DOMAINS.get(cc, ["gmail.com"])) if r.random() < 0.85 else r.choice(GLOBAL_DOMAINS)
    yy = str(year)[2:]
    local = r.choice(
        [
            f"{g}.{f}",
            f"{g[0]}.{f}",
            f"{g}{f}{yy}",
            f"{f}_{g}",
            f"{g}_{f}{r.randint(1, 999)}",
            f"{f}.{g[0]}",
            f"{g}{f[0]}",
            f"{g}.{f}{year}",
            f"{f}{g[0]}{r.randint(10, 99)}",
            f"{g}-{f}",
            f"{g}.{f}+{r.choice(['shop', 'crypto', 'exchange', 'news'])}",
        ]
    )
    if r.random() < 0.08:
        local = local[:1].upper() + local[1:]
    return f"{local}@{dom}"


def username_for(r: Random, given: str, family: str, year: int) -> str:
    g = "".join(ch for ch in ascii_fold(given).lower() if ch.isalnum())
    f = "".join(ch for ch in ascii_fold(family).lower() if ch.isalnum())
    return r.choice(
        [
            f"{g}_{f}",
            f"{g}{year % 100:02d}",
            f"{g[:1]}{f}{r.randint(1, 99)}",
            f"{f}.{g}",
            f"{g}.{f[:1]}",
            f"{g}{f}_{r.randint(1, 9)}",
        ]
    )


def ipv4(r: Random) -> str:
    while True:
        a = r.choice(
            [
                24,
                31,
                37,
                41,
                46,
                49,
                58,
                62,
                68,
                73,
                77,
                78,
                79,
                80,
                81,
                82,
                83,
                84,
                85,
                86,
                87,
                88,
                89,
                90,
                91,
                93,
                94,
                95,
                98,
                101,
                103,
                106,
                110,
                112,
                113,
                114,
                115,
                116,
                117,
                118,
                119,
                121,
                122,
                123,
                124,
                125,
                141,
                151,
                176,
                178,
                181,
                185,
                186,
                187,
                188,
                189,
                190,
                197,
                200,
                201,
                212,
                213,
                217,
            ]
        )
        return f"{a}.{r.randint(0, 255)}.{r.randint(0, 255)}.{r.randint(1, 254)}"


def ipv6(r: Random) -> str:
    pre = r.choice(
        [
            "2a02:8108",
            "2a01:cb00",
            "2003:e2",
            "2600:1700",
            "2601:18c",
            "2409:11",
            "240e:3b2",
            "2402:800",
            "2804:14c",
            "2a00:23c6",
            "2001:b07",
            "2405:201",
        ]
    )
    parts = pre.split(":")
    rest = [f"{r.getrandbits(16):x}" for _ in range(8 - len(parts))]
    full = parts + rest
    s = ":".join(full)
    if r.random() < 0.45:
        # compress a run of zeros the way routers print SLAAC-less addresses
        k = r.randint(len(parts), 5)
        full2 = full[:k] + ["0", "0"] + full[k + 2 :]
        s = ":".join(full2[:k]) + "::" + ":".join(full2[k + 2 :])
    return s.upper() if r.random() < 0.1 else s


def make_person(r: Random, cc: str | None = None) -> dict:
    if cc is None:
        ks = list(COUNTRY_WEIGHTS)
        cc = r.choices(ks, weights=[COUNTRY_WEIGHTS[k] for k in ks])[0]
    culture, lang = COUNTRIES[cc]
    if cc == "IN" and r.random() < 0.3:
        culture, lang = "hi", "hi"
    if cc == "SG":
        culture = r.choice(["zh", "in_latn", "en_GB"])
    if cc == "BE" and r.random() < 0.5:
        culture, lang = "nl", "nl"
    if cc == "CH" and r.random() < 0.3:
        culture, lang = "fr", "fr"
    data = NAMES[culture]
    female = r.random() < 0.5
    given = r.choice(data["f"] if female else data["m"])
    family = r.choice(data["s"])
    latn = data.get("latn", {})
    p: dict = {
        "cc": cc,
        "culture": culture,
        "lang": lang,
        "female": female,
        "given": given,
        "family": family,
        "middle": "",
    }
    if culture == "ru" and female:
        family = family + "а"
        p["family"] = family
    p["given_latn"] = latn.get(given, given)
    fl = latn.get(family.rstrip("а") if culture == "ru" and female else family, family)
    p["family_latn"] = fl + ("a" if culture == "ru" and female else "")
    if culture in ("en_US", "en_GB") and r.random() < 0.3:
        p["middle"] = r.choice(
            ["Marie", "Ann", "Elizabeth", "Louise", "Jane"]
            if female
            else ["Lee", "James", "Ray", "Edward", "Allen"]
        )
    if culture in ("es", "mx") and r.random() < 0.7:
        p["family2"] = r.choice([s for s in data["s"] if s != family])
    if culture == "ru" and r.random() < 0.4:
        p["patronymic"] = r.choice(RU_PATR[female])
    # natural display
    if culture in ("ja", "zh") or culture == "ko":
        full = family + given
    elif culture == "vi":
        full = f"{family} {given}"
    elif culture == "ru" and p.get("patronymic"):
        full = r.choice([f"{given} {p['patronymic']} {family}", f"{family} {given} {p['patronymic']}"])
    else:
        mid = f" {p['middle']}" if p["middle"] else ""
        f2 = f" {p['family2']}" if p.get("family2") else ""
        full = f"{given}{mid} {family}{f2}"
    p["full"] = full
    if culture in ("ja", "zh", "ko"):
        p["full_latn"] = r.choice(
            [f"{p['given_latn']} {p['family_latn']}", f"{p['family_latn'].upper()} {p['given_latn']}"]
        )
    elif culture == "vi":
        p["full_latn"] = ascii_fold(full) if r.random() < 0.3 else full
    else:
        p["full_latn"] = f"{p['given_latn']} {p['family_latn']}" if latn else full
    p["dob"] = dob_date(r, young=cc in ("NG", "ID", "VN") or r.random() < 0.3)
    p["email"] = email_for(r, p["given_latn"], p["family_latn"], cc, p["dob"].year)
    p["phone"] = phone(r, cc)
    p["phone2"] = phone(r, cc)
    p["address"] = address(r, cc)
    p["ip"] = ipv4(r) if r.random() < 0.8 else ipv6(r)
    p["username"] = username_for(r, p["given_latn"], p["family_latn"], p["dob"].year)
    p["national_id"] = national_id(r, p)
    p["passport"] = passport_number(r, cc)
    p["dl"] = driver_licence(r, cc, p)
    p["bank"] = bank_account(r, cc if cc not in IBAN_COUNTRIES else cc)
    p["iban"] = iban(r, cc) if cc in IBAN_COUNTRIES else None
    num, brand = card_number(r)
    p["card"], p["card_brand"] = num, brand
    return p


def national_id(r: Random, p: dict) -> tuple[str, str]:
    """(document kind as the country names it, value)."""
    cc, dob, fem = p["cc"], p["dob"], p["female"]
    if cc == "US":
        return "SSN", us_ssn(r)
    table = {
        "GB": lambda: ("NINO", uk_nino(r)),
        "DE": lambda: r.choice(
            [("Steuer-IdNr", de_steuer_id(r)), ("Personalausweis", de_personalausweis(r))]
        ),
        "FR": lambda: ("NIR", fr_nir(r, dob, fem)),
        "ES": lambda: ("DNI", es_dni(r)),
        "MX": lambda: ("CURP", mx_curp(r, p["given"], p["family"], p.get("family2", "X"), dob, fem)),
        "IT": lambda: ("Codice Fiscale", it_codice_fiscale(p["given"], p["family"], dob, fem, r)),
        "BR": lambda: ("CPF", br_cpf(r)),
        "PT": lambda: ("NIF", pt_nif(r)),
        "NL": lambda: ("BSN", nl_bsn(r)),
        "BE": lambda: ("Rijksregisternummer", be_nrn(r, dob)),
        "CH": lambda: ("AHV", "756." + (lambda b: f"{b[:4]}.{b[4:8]}.{b[8:]}")(_ch_ahv(r))),
        "PL": lambda: ("PESEL", pl_pesel(r, dob, fem)),
        "TR": lambda: ("TCKN", tr_tckn(r)),
        "RU": lambda: r.choice([("СНИЛС", ru_snils(r)), ("паспорт", ru_passport(r))]),
        "UA": lambda: ("РНОКПП", ua_rnokpp(r, dob, fem)),
        "JP": lambda: ("マイナンバー", jp_my_number(r)),
        "KR": lambda: ("주민등록번호", kr_rrn(r, dob, fem)),
        "CN": lambda: ("身份证号", cn_resident_id(r, dob, fem)),
        "IN": lambda: r.choice([("Aadhaar", in_aadhaar(r)), ("PAN", in_pan(r, p["family_latn"]))]),
        "AE": lambda: ("Emirates ID", ae_emirates_id(r, dob)),
        "SA": lambda: ("رقم الهوية", sa_national_id(r)),
        "TH": lambda: ("เลขประจำตัวประชาชน", th_national_id(r)),
        "VN": lambda: ("CCCD", vn_cccd(r, dob, fem)),
        "GR": lambda: ("ΑΦΜ", gr_afm(r)),
        "IL": lambda: ("תעודת זהות", il_teudat(r)),
        "SE": lambda: ("personnummer", se_personnummer(r, dob)),
        "ID": lambda: ("NIK", id_nik(r, dob, fem)),
        "NG": lambda: r.choice([("NIN", ng_nin(r)), ("BVN", "22" + digits(r, 9))]),
        "ZA": lambda: ("SA ID", za_id(r, dob, fem)),
        "AU": lambda: ("TFN", au_tfn(r)),
        "CA": lambda: ("SIN", ca_sin(r)),
        "SG": lambda: ("NRIC", sg_nric(r, dob)),
    }
    return table[cc]()


def _ch_ahv(r: Random) -> str:
    # 756 + 9 digits + EAN-13 check digit
    b = "756" + digits(r, 9)
    s = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(b))
    return b[3:] + str((10 - s % 10) % 10)


def render_name(r: Random, p: dict, style: str | None = None) -> str:
    """The person's name as a system or a customer writes it."""
    native_latin = p["culture"] not in ("ru", "uk", "ja", "ko", "zh", "ar", "hi", "th", "el", "he")
    styles = (
        ["natural"] * 5 + ["latn"] * (1 if native_latin else 4) + ["last_first", "upper", "initial", "lower"]
    )
    style = style or r.choice(styles)
    g, f = p["given_latn"], p["family_latn"]
    if style == "natural":
        return p["full"]
    if style == "latn":
        return p["full_latn"]
    if style == "last_first":
        return f"{f}, {g}" if r.random() < 0.6 else f"{f.upper()}, {g}"
    if style == "upper":
        return (f"{f} {g}" if p["culture"] in EAST_ASIAN else p["full_latn"]).upper()
    if style == "lower":
        return p["full_latn"].lower()
    if style == "initial":
        return f"{g[0]}. {f}" if r.random() < 0.7 else f"{g} {f[0]}."
    return p["full"]


# ---------------------------------------------------------------------------------------------
# decoys: look like personal data, are not
# ---------------------------------------------------------------------------------------------

import uuid as _uuid  # noqa: E402


def d_uuid(r: Random) -> str:
    return str(_uuid.UUID(int=r.getrandbits(128), version=4))


def d_order(r: Random) -> str:
    return r.choice(
        [
            f"ORD-{r.randint(2023, 2026)}-{digits(r, 6)}",
            f"#{r.randint(1000000, 9999999)}",
            f"SO{digits(r, 8)}",
            f"PO-{digits(r, 5)}-{r.choice(UP)}{r.choice(UP)}",
            f"{r.randint(100, 999)}-{digits(r, 7)}-{digits(r, 7)}",
            f"WO{digits(r, 9)}",
            f"R{digits(r, 9)}",
        ]
    )


def d_ticket(r: Random) -> str:
    return r.choice(
        [
            f"INC{digits(r, 7)}",
            f"CS-{r.randint(10000, 99999)}",
            f"TKT-{r.randint(2023, 2026)}-{digits(r, 5)}",
            f"CASE-{digits(r, 6)}",
            f"SR{digits(r, 8)}",
            f"REQ{digits(r, 7)}",
        ]
    )


def d_invoice(r: Random) -> str:
    return r.choice(
        [
            f"INV-{r.randint(2023, 2026)}-{digits(r, 6)}",
            f"RE-{digits(r, 8)}",
            f"FA{r.randint(2023, 2026)}/{digits(r, 5)}",
            f"F-{digits(r, 7)}",
        ]
    )


def d_tracking(r: Random) -> str:
    def s10() -> str:
        d = digits(r, 8)
        w = [8, 6, 4, 2, 3, 5, 9, 7]
        c = 11 - sum(int(a) * b for a, b in zip(d, w)) % 11
        c = 0 if c == 10 else 5 if c == 11 else c
        return f"{r.choice(['RR', 'LX', 'CP', 'EE', 'RB'])}{d}{c}{r.choice(['GB', 'CN', 'DE', 'FR', 'NL'])}"

    return r.choice(
        [
            f"1Z{''.join(r.choice(UP + DIG) for _ in range(6))}{digits(r, 10)}",
            f"JJD{digits(r, 18)}",
            s10(),
            f"JD{digits(r, 18)}",
            f"TBA{digits(r, 12)}",
            f"SF{digits(r, 13)}",
        ]
    )


def d_timestamp(r: Random, style: str | None = None) -> str:
    t = _dt.datetime(2024, 1, 1) + _dt.timedelta(seconds=r.randint(0, 86400 * 700))
    style = style or r.choice(["iso_z", "iso_ms", "iso_off", "space", "epoch"])
    if style == "iso_z":
        return t.strftime("%Y-%m-%dT%H:%M:%SZ")
    if style == "iso_ms":
        return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{r.randint(0, 999):03d}Z"
    if style == "iso_off":
        return t.strftime("%Y-%m-%dT%H:%M:%S") + r.choice(["+00:00", "+02:00", "-05:00", "+09:00"])
    if style == "space":
        return t.strftime("%Y-%m-%d %H:%M:%S")
    return str(int(t.replace(tzinfo=_dt.UTC).timestamp()))


def d_amount(r: Random, cur: str | None = None) -> str:
    cur = cur or r.choice(["EUR", "USD", "GBP", "JPY", "BRL", "PLN", "TRY", "INR", "BTC", "ETH", "USDT"])
    v = r.choice([r.randint(5, 200), r.randint(200, 20000)]) + r.randint(0, 99) / 100
    if cur == "EUR":
        return r.choice(
            [
                f"€{v:,.2f}",
                f"{v:,.2f} €".replace(",", "X").replace(".", ",").replace("X", "."),
                f"EUR {v:.2f}",
            ]
        )
    if cur == "USD":
        return r.choice([f"${v:,.2f}", f"USD {v:,.2f}", f"US${v:,.2f}"])
    if cur == "GBP":
        return f"£{v:,.2f}"
    if cur == "JPY":
        return r.choice([f"¥{int(v * 100):,}", f"{int(v * 100):,}円"])
    if cur == "BRL":
        return f"R$ {v:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
    if cur == "PLN":
        return f"{v:,.2f} zł".replace(",", " ").replace(".", ",")
    if cur == "TRY":
        return f"{v:,.2f} TL".replace(",", "X").replace(".", ",").replace("X", ".")
    if cur == "INR":
        return f"₹{v:,.2f}"
    if cur == "BTC":
        return f"{r.randint(1, 250000) / 100000:.5f} BTC"
    if cur == "ETH":
        return f"{r.randint(1, 90000) / 10000:.4f} ETH"
    return f"{v:,.2f} USDT"


def d_sku(r: Random) -> str:
    return r.choice(
        [
            f"SKU-{''.join(r.choice(UP) for _ in range(3))}-{r.randint(1000, 9999)}-{r.choice(['BLK', 'WHT', 'RED', 'XL', 'M'])}",
            f"B0{''.join(r.choice(UP + DIG) for _ in range(8))}",
            f"{r.choice(['HX', 'LN', 'TR', 'KB'])}-{r.randint(1000, 9999)}-{r.randint(10, 99)}",
            f"{r.randint(100, 999)}.{r.randint(100, 999)}.{r.randint(10, 99)}",
        ]
    )


def d_version(r: Random) -> str:
    return r.choice(
        [
            f"v{r.randint(1, 9)}.{r.randint(0, 30)}.{r.randint(0, 20)}",
            f"{r.randint(1, 5)}.{r.randint(0, 40)}.{r.randint(0, 9)}-rc.{r.randint(1, 4)}",
            f"iOS {r.randint(15, 18)}.{r.randint(0, 6)}.{r.randint(1, 3)}",
            f"Android {r.randint(11, 15)}",
            f"{r.randint(2023, 2025)}.{r.randint(1, 12)}.{r.randint(1, 4)}",
        ]
    )


def d_build(r: Random) -> str:
    return r.choice(
        [
            f"build {r.randint(2024, 2025)}{r.randint(1, 12):02d}{r.randint(1, 28):02d}.{r.randint(1, 9)}",
            f"{rbytes(r, 4).hex()[:7]}",
            f"b{r.randint(1000, 99999)}",
        ]
    )


def d_hex_colour(r: Random) -> str:
    h = rbytes(r, 3).hex()
    return "#" + (h.upper() if r.random() < 0.5 else h)


INTERNAL_HOSTS = [
    "api.eu-west-1.ledgerline.internal",
    "kyc-worker-{n}.prod.ledgerline.io",
    "support-gw.ledgerline.io",
    "mx{n}.ledgerline-mail.net",
    "vault-{n}.core.ledgerline.internal",
    "edge-{n}.cdn.ledgerline.io",
    "crm-sync.ledgerline.internal",
    "walletsvc-{n}.prod.ledgerline.io",
]


def d_host(r: Random) -> str:
    return r.choice(INTERNAL_HOSTS).format(n=r.randint(1, 12))


def d_error(r: Random) -> str:
    return r.choice(
        [
            "ERR_WITHDRAWAL_LIMIT",
            "KYC_DOC_EXPIRED",
            "E4012",
            "ERR-2207",
            "AML_HOLD_MANUAL_REVIEW",
            "CARD_DECLINED_51",
            "INSUFFICIENT_FUNDS",
            "RISK_SCORE_HIGH",
            "TRAVEL_RULE_PENDING",
            "E_ADDR_WHITELIST_24H",
            "DOC_MRZ_UNREADABLE",
            "2FA_RESET_REQUIRED",
            "ACH_R03",
            "SEPA_AC04",
        ]
    )


COMPANIES = [
    "Nordwind Logistik GmbH",
    "Kestrel Payments Ltd",
    "Sakura Denki K.K.",
    "Brightline Telecom Inc.",
    "Hanseatic Freight AG",
    "Atlas Couriers S.A.",
    "Lumen Cloud Services BV",
    "Pampa Verde Ltda.",
    "Orbis Card Processing Ltd",
    "Meridian Trust Bank plc",
    "Cobalt Ridge Capital LLC",
    "Solaris Retail S.p.A.",
    "Yamato Transport",
    "Vireo Analytics Oy",
    "Blue Heron Insurance Co.",
]
PRODUCTS = [
    "Ledger Nano X",
    "Pro Plan (annual)",
    "Galaxy S24 Ultra",
    "Trezor Model T",
    "Premium Metal Card",
    "Earn Flex 30d",
    "Margin Pro",
    "Staking Vault",
    "Business Starter",
    "Visa Debit Virtual",
    "Crypto Tax Report 2024",
    "Priority Support Add-on",
    "YubiKey 5 NFC",
]
REGIONS = [
    ("eu-central-1", "Frankfurt"),
    ("eu-west-1", "Dublin"),
    ("us-east-1", "Ashburn"),
    ("ap-northeast-1", "Tokyo"),
    ("ap-southeast-1", "Singapore"),
    ("sa-east-1", "São Paulo"),
    ("ap-south-1", "Mumbai"),
    ("us-west-2", "Oregon"),
    ("me-central-1", "Bahrain"),
    ("eu-north-1", "Stockholm"),
]
BICS = [
    "DEUTDEFF",
    "COBADEFFXXX",
    "BNPAFRPP",
    "CHASUS33",
    "HSBCGB2L",
    "INGBNL2A",
    "BSCHESMM",
    "UNCRITMM",
    "REVOLT21",
    "NWBKGB2L",
    "ABNANL2A",
    "BARCGB22",
    "CITIUS33",
    "SOGEFRPP",
    "BBVAESMM",
    "RABONL2U",
    "POALILIT",
    "NBADAEAA",
    "BOFAUS3N",
    "TRWIBEB1",
]
CURRENCIES = [
    "EUR",
    "USD",
    "GBP",
    "JPY",
    "CHF",
    "BRL",
    "PLN",
    "TRY",
    "INR",
    "KRW",
    "CNY",
    "AED",
    "SGD",
    "MXN",
    "THB",
    "IDR",
    "USDT",
    "USDC",
]
ERROR_MSGS = [
    "Withdrawal exceeds 24h limit",
    "Document expired",
    "Card declined by issuer",
    "Address whitelisting cooling-off",
    "Manual review required",
]


def d_trace(r: Random) -> str:
    return r.choice(
        [
            rbytes(r, 16).hex(),
            f"req_{''.join(r.choice(string.ascii_letters + DIG) for _ in range(14))}",
            f"{rbytes(r, 8).hex()}-{rbytes(r, 4).hex()}",
        ]
    )


CALLING = {
    "US": "1",
    "CA": "1",
    "GB": "44",
    "DE": "49",
    "FR": "33",
    "ES": "34",
    "MX": "52",
    "IT": "39",
    "PT": "351",
    "BR": "55",
    "NL": "31",
    "BE": "32",
    "CH": "41",
    "PL": "48",
    "TR": "90",
    "RU": "7",
    "UA": "380",
    "JP": "81",
    "KR": "82",
    "CN": "86",
    "IN": "91",
    "AE": "971",
    "SA": "966",
    "TH": "66",
    "VN": "84",
    "GR": "30",
    "IL": "972",
    "SE": "46",
    "ID": "62",
    "NG": "234",
    "ZA": "27",
    "AU": "61",
    "SG": "65",
    "AR": "54",
}


def e164(ph: str, cc: str) -> str:
    """The same number in E.164 (+CC and national significant number)."""
    s = "".join(str(unicodedata.digit(c)) for c in ph.replace("(0)", "") if unicodedata.category(c) == "Nd")
    code = CALLING[cc]
    if ph.strip().lstrip("(").startswith(("+", "＋")):
        return "+" + s
    if s.startswith("00" + code):
        return "+" + s[2:]
    if cc == "RU" and s.startswith("8") and len(s) == 11:
        return "+7" + s[1:]
    if cc in ("US", "CA") and len(s) == 11 and s.startswith("1"):
        return "+" + s
    if s.startswith(code) and cc not in ("US", "CA", "SG") and not ph.strip().startswith("0") and len(s) > 11:
        return "+" + s
    if cc in ("US", "CA", "SG"):
        return "+" + code + s
    if cc == "AR" and s.startswith("011"):
        return "+549" + s[3:].replace("15", "", 1)
    if s.startswith("0"):
        s = s[1:]
    return "+" + code + s
