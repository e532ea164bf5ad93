"""Check digits of national identity numbers people write without naming them.

Each function takes the digits as written (separators allowed where the number has them) and
says whether its check digits are right: a Chinese resident identity number, a South Korean
resident registration number, a South African identity number, a Turkish identity number, a
French social security number (NIR), a Brazilian taxpayer number (CPF), a Chilean RUT, a Belgian
national register number, an Indonesian NIK, an Emirates ID, an Argentine CUIT/CUIL and a Japanese
My Number. A pattern alone
would take every order number of that length; with the checksum, a random number passes one time
in ten to one in a hundred, and the patterns also require a valid birth date where the number
holds one (or, for the CPF, its dots and dash).
"""

from __future__ import annotations

_CN_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CN_CHECK = "10X98765432"  # ISO 7064 MOD 11-2
_KR_WEIGHTS = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)


def _digits(text: str) -> list[int]:
    return [int(ch) for ch in text if ch.isdigit()]


def cn_resident_id_ok(text: str) -> bool:
    """18 characters: region, birth date, sequence, and a check character (0-9 or X)."""
    body, check = text[:17], text[17:].upper()
    if len(text) != 18 or not body.isdigit():
        return False
    return _CN_CHECK[sum(int(d) * w for d, w in zip(body, _CN_WEIGHTS, strict=True)) % 11] == check


def kr_resident_number_ok(text: str) -> bool:
    """13 digits (YYMMDD-GNNNNNC); numbers issued since October 2020 carry no check digit."""
    digits = _digits(text)
    if len(digits) != 13:
        return False
    total = sum(d * w for d, w in zip(digits[:12], _KR_WEIGHTS, strict=True))
    return (11 - total % 11) % 10 == digits[12]


def za_identity_ok(text: str) -> bool:
    """13 digits (YYMMDD, gender and sequence, citizenship, 8 or 9, a Luhn digit)."""
    digits = _digits(text)
    if len(digits) != 13:
        return False
    total = sum((d * 2 - 9 if d > 4 else d * 2) if i % 2 else d for i, d in enumerate(reversed(digits)))
    return total % 10 == 0


def tr_identity_ok(text: str) -> bool:
    """11 digits, the first not 0, the last two check digits."""
    d = _digits(text)
    if len(d) != 11 or d[0] == 0:
        return False
    return (sum(d[0:9:2]) * 7 - sum(d[1:8:2])) % 10 == d[9] and sum(d[:10]) % 10 == d[10]


def fr_nir_ok(text: str) -> bool:
    """15 characters: sex, year, month, place (Corsica's 2A/2B), serial, and a key of 97 - n mod 97."""
    compact = "".join(ch for ch in text if not ch.isspace()).upper()
    if len(compact) != 15 or not compact[13:].isdigit():
        return False
    body = compact[:13].replace("2A", "19", 1).replace("2B", "18", 1)
    return body.isdigit() and 97 - int(body) % 97 == int(compact[13:])


def br_cpf_ok(text: str) -> bool:
    """11 digits (written 123.456.789-09): nine, then two mod-11 check digits. A number of one digit
    repeated passes the arithmetic and is never issued."""
    digits = _digits(text)
    if len(digits) != 11 or len(set(digits)) == 1:
        return False
    for position in (9, 10):
        total = sum(d * w for d, w in zip(digits[:position], range(position + 1, 1, -1), strict=True))
        if (total * 10 % 11) % 10 != digits[position]:
            return False
    return True


def cl_rut_ok(text: str) -> bool:
    """7 or 8 digits and a check character (0-9 or K), written 12.345.678-5: mod 11 with weights
    2 to 7 from the right."""
    body, _, check = text.upper().rpartition("-")
    digits = _digits(body)
    if not 7 <= len(digits) <= 8 or len(check) != 1:
        return False
    total = sum(d * (2 + i % 6) for i, d in enumerate(reversed(digits)))
    expected = "0123456789K"[(11 - total % 11) % 11]
    return check == expected


def be_national_number_ok(text: str) -> bool:
    """11 digits (written 85.07.30-033.28): birth date, serial, and a key of 97 - n mod 97 over the
    first nine, with a 2 before them for those born since 2000."""
    digits = "".join(ch for ch in text if ch.isdigit())
    if len(digits) != 11:
        return False
    body, key = digits[:9], int(digits[9:])
    return key in (97 - int(body) % 97, 97 - int("2" + body) % 97)


def id_nik_ok(text: str) -> bool:
    """16 digits: region (6), birth date as DDMMYY with 40 added to a woman's day, serial (not 0000).
    No check digit: the date is what a random number of that length rarely holds."""
    digits = "".join(ch for ch in text if ch.isdigit())
    if len(digits) != 16 or digits[0] == "0":
        return False
    day, month = int(digits[6:8]), int(digits[8:10])
    day = day - 40 if day > 40 else day
    return 1 <= day <= 31 and 1 <= month <= 12 and digits[12:] != "0000"


def ae_emirates_id_ok(text: str) -> bool:
    """15 digits (784-1986-5883701-2): the country code 784, birth year, serial, a Luhn digit."""
    digits = _digits(text)
    if len(digits) != 15 or digits[:3] != [7, 8, 4]:
        return False
    total = sum((d * 2 - 9 if d > 4 else d * 2) if i % 2 else d for i, d in enumerate(reversed(digits)))
    return total % 10 == 0


_AR_WEIGHTS = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def ar_cuit_ok(text: str) -> bool:
    """11 digits (20-10767564-8): type (20, 23, 24, 27 for people; 30, 33, 34 for companies), the
    DNI, and a mod-11 check digit."""
    digits = _digits(text)
    if len(digits) != 11 or digits[0] * 10 + digits[1] not in (20, 23, 24, 27, 30, 33, 34):
        return False
    check = 11 - sum(d * w for d, w in zip(digits[:10], _AR_WEIGHTS, strict=True)) % 11
    return {11: 0, 10: 9}.get(check, check) == digits[10]


def jp_my_number_ok(text: str) -> bool:
    """12 digits: eleven, then a check digit weighted 2-7 and 2-6 from the right, mod 11."""
    digits = _digits(text)
    if len(digits) != 12:
        return False
    body = list(reversed(digits[:11]))
    total = sum(d * (n + 1 if n <= 6 else n - 5) for n, d in enumerate(body, start=1))
    remainder = total % 11
    return digits[11] == (0 if remainder <= 1 else 11 - remainder)
