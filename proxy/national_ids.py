"""Check digits of national identity numbers people write without naming them.

Each function takes the digits as written (separators allowed where the number has them) and
says whether its check digits are right: a Chinese resident identity number, a South Korean
resident registration number, a South African identity number, a Turkish identity number, a
French social security number (NIR), a Brazilian taxpayer number (CPF) and a Chilean RUT. A pattern alone
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
