"""A labelled corpus of support-tool responses: every personal value and every decoy is marked.

Seeded and self-contained (Faker + `random`), so the same seed gives the same bytes on any machine
with the pinned Faker. Each `Sample` is one HTTP response body as a CRM would send it, with
- `pii`: every personal value, exactly as it appears in the body (after the body's own decoding:
  JSON string, HTML text or attribute, CSV cell, text line), with its entity type;
- `decoys`: values that look like identifiers but are not personal (timestamps, order numbers,
  UUIDs, amounts, hashes…) and must come out unchanged.

Shapes: Zendesk (declared routes of rules/policy.yaml and undeclared proxy paths), Salesforce,
Intercom, Freshdesk, an in-house admin with non-English field names, name/value custom-field arrays,
nested comment threads, HTML ticket pages, CSV exports, plain-text notes and chat transcripts. Free
text is written the way customers write: lower-case names, typos, numbers with spaces, dots or
dashes, international phone formats, addresses inside sentences.

Checksummed values are valid (Luhn cards and SINs, mod-97 IBANs, base58check and bech32 wallets,
phone numbers `phonenumbers` accepts), so a validator cannot excuse a miss.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import html
import io
import ipaddress
import json
import random
import re
import unicodedata
import uuid
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import phonenumbers
from faker import Faker
from mnemonic import Mnemonic

SEED = 20250501
RESPONSES = 480

# Entity vocabulary of the labels (the oracle's, not Scrim's: a card found as PHONE_NUMBER is
# still masked, and partial exposure is judged by the label, not by what the detector called it).
ZERO_LEAK = (
    "EMAIL_ADDRESS",
    "CREDIT_CARD",
    "US_SSN",
    "IBAN_CODE",
    "CRYPTO",
    "CRYPTO_SECRET",
    "IP_ADDRESS",
    "PASSPORT",
    "NATIONAL_ID",
)
PERSONAL = (*ZERO_LEAK, "PHONE_NUMBER", "BANK_ACCOUNT", "DATE_OF_BIRTH", "STREET_ADDRESS", "PERSON")
# Personal but outside the targets: counted for precision (masking them is not a false
# positive) and shown in the table, not in the leak totals. ACCOUNT_BALANCE is what the shipped
# policy calls a declared `balance` column; FIRST_NAME is a first name on its own, which tier1 may see;
# ORG_CONTACT is the support desk's own address or a bot's name (masking it is harmless, not wrong).
INFORMATIONAL = ("LOCATION", "POSTAL_CODE", "ACCOUNT_BALANCE", "FIRST_NAME", "ORG_CONTACT")


@dataclass(frozen=True, slots=True)
class Label:
    """One labelled value: its type and the exact string as it appears in the decoded body."""

    entity: str
    text: str


@dataclass(frozen=True, slots=True)
class Sample:
    """One response: where it was served, how, and what is in it."""

    shape: str
    path: str
    content_type: str
    body: bytes
    pii: tuple[Label, ...]
    decoys: tuple[Label, ...]


# ---------------------------------------------------------------- checksums


B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
XRP_B58 = "rpshnaf39wBUDNEGHJKLM4PQRST7VWXYZ2bcdeCg65jkm8oFqi1tuvAxyz"
BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def luhn_ok(number: str) -> bool:
    digits = [int(c) for c in number if c.isdigit()]
    total = 0
    for i, digit in enumerate(reversed(digits)):
        doubled = digit * 2 if i % 2 else digit
        total += doubled - 9 if doubled > 9 else doubled
    return len(digits) > 1 and total % 10 == 0


def _luhn_complete(partial: str) -> str:
    return next(partial + c for c in "0123456789" if luhn_ok(partial + c))


def iban_ok(iban: str) -> bool:
    compact = iban.replace(" ", "").upper()
    moved = compact[4:] + compact[:4]
    return bool(re.fullmatch(r"[A-Z]{2}[0-9]{2}[A-Z0-9]{8,30}", compact)) and (
        int("".join(str(int(c, 36)) for c in moved)) % 97 == 1
    )


def base58check(payload: bytes, alphabet: str = B58) -> str:
    data = payload + hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4]
    n = int.from_bytes(data, "big")
    out = ""
    while n:
        n, r = divmod(n, 58)
        out = alphabet[r] + out
    return alphabet[0] * (len(data) - len(data.lstrip(b"\0"))) + out


def _polymod(values: Sequence[int], gen: tuple[int, ...], shift: int) -> int:
    chk, mask = 1, (1 << shift) - 1
    for v in values:
        top = chk >> shift
        chk = (chk & mask) << 5 ^ v
        for i in range(5):
            chk ^= gen[i] if (top >> i) & 1 else 0
    return chk


def _bech32_polymod(values: Sequence[int]) -> int:
    return _polymod(values, (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3), 25)


def _hrp_expand(hrp: str) -> list[int]:
    return [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]


def bech32_ok(address: str) -> bool:
    hrp, _, data = address.lower().rpartition("1")
    if not hrp or len(data) < 7 or any(c not in BECH32 for c in data):
        return False
    return _bech32_polymod(_hrp_expand(hrp) + [BECH32.index(c) for c in data]) == 1


def _five_bit(data: bytes) -> list[int]:
    acc, bits, five = 0, 0, []
    for byte in data:
        acc = (acc << 8) | byte
        bits += 8
        while bits >= 5:
            bits -= 5
            five.append((acc >> bits) & 31)
    if bits:
        five.append((acc << (5 - bits)) & 31)
    return five


def bech32_address(hrp: str, five: list[int]) -> str:
    pm = _bech32_polymod([*_hrp_expand(hrp), *five, 0, 0, 0, 0, 0, 0]) ^ 1
    five = five + [(pm >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(BECH32[d] for d in five)


def segwit_address(hrp: str, program: bytes) -> str:
    """Version-0 segwit address (bech32, BIP 173)."""
    return bech32_address(hrp, [0, *_five_bit(program)])


def cashaddr(payload: bytes) -> str:
    """A Bitcoin Cash P2PKH address (CashAddr), with its prefix."""
    gen = (0x98F2BC8E61, 0x79B76D99E2, 0xF33E5FB3C4, 0xAE2EABE2A8, 0x1E4F43E470)
    data = _five_bit(b"\0" + payload)
    chk = _polymod([*(ord(c) & 31 for c in "bitcoincash"), 0, *data, *[0] * 8], gen, 35) ^ 1
    return "bitcoincash:" + "".join(BECH32[d] for d in data + [(chk >> 5 * (7 - i)) & 31 for i in range(8)])


def base58(data: bytes) -> str:
    n = int.from_bytes(data, "big")
    out = ""
    while n:
        n, r = divmod(n, 58)
        out = B58[r] + out
    return out


# Well-known public Bitcoin addresses (early blocks, famous vanity and burn addresses, BIP 173's
# examples); tests/eval/test_corpus.py checks every checksum.
BTC_LEGACY = (
    "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa",
    "1HLoD9E4SDFFPDiYfNYnkBLQ85Y51J3Zb1",
    "1FvzCLoTPGANNjWoUo6jUGuAG3wg1w4YjR",
    "15ubicBBWFnvoZLT7GiU2qxjRaKJPdkDMG",
    "1JfbZRwdDHKZmuiZgYArJZhcuuzuw2HuMu",
    "1GkQmKAmHtNfnD3LHhTkewJxKHVSta4m2a",
    "1J6PYEzr4CUoGbnXrELyHszoTSz3wCsCaj",
    "12cbQLTFMXRnSzktFkuoG3eHoMeFtpTu3S",
    "1BoatSLRHtKNngkdXEeobR76b53LETtpyT",
    "1FeexV6bAHb8ybZjqQMjJrcCrHGW9sb6uF",
    "1dice8EMZmqKvrGE4Qc9bUFf9PX3xaYDp",
    "1BitcoinEaterAddressDontSendf59kuE",
    "1CounterpartyXXXXXXXXXXXXXXXUWLpVr",
    "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy",
    "34xp4vRoCGJym3xR7yCVPFHoCNxv4Twseo",
)
BTC_BECH32 = (
    "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
    "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
    "bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh",
    "bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3",
)
# EIP-55 checksummed examples; most generated ETH addresses are lower-case hex, as wallets copy.
ETH_CHECKSUMMED = (
    "0x52908400098527886E0F7030069857D2E4169EE7",
    "0x8617E340B3D01FA5F11F306F4090FD50E238070D",
    "0xde709f2102306220921060314715629080e2fb77",
    "0x27b1fdb04752bbc536007a920d24acb045561c26",
    "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
    "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
    "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
    "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
)


# ---------------------------------------------------------------- people


_LOCALES: tuple[tuple[str, str, int], ...] = (
    # (Faker locale, country, weight)
    ("en_US", "US", 30),
    ("en_GB", "GB", 14),
    ("de_DE", "DE", 12),
    ("fr_FR", "FR", 9),
    ("es_ES", "ES", 7),
    ("it_IT", "IT", 5),
    ("nl_NL", "NL", 5),
    ("en_IN", "IN", 5),
    ("en_CA", "CA", 4),
    ("pt_BR", "BR", 4),
    ("pl_PL", "PL", 3),
    ("en_AU", "AU", 2),
)
_EMAIL_DOMAINS = {
    "US": ("gmail.com", "yahoo.com", "outlook.com", "icloud.com", "aol.com", "hotmail.com"),
    "GB": ("gmail.com", "btinternet.com", "yahoo.co.uk", "outlook.com", "sky.com"),
    "DE": ("gmx.de", "web.de", "t-online.de", "gmail.com", "posteo.de"),
    "FR": ("orange.fr", "free.fr", "laposte.net", "gmail.com", "sfr.fr"),
    "ES": ("gmail.com", "hotmail.es", "telefonica.net", "yahoo.es"),
    "IT": ("libero.it", "gmail.com", "virgilio.it", "tiscali.it"),
    "NL": ("ziggo.nl", "kpnmail.nl", "gmail.com", "hotmail.nl"),
    "IN": ("gmail.com", "rediffmail.com", "yahoo.co.in"),
    "CA": ("gmail.com", "rogers.com", "shaw.ca", "outlook.com"),
    "BR": ("gmail.com", "uol.com.br", "bol.com.br", "hotmail.com"),
    "PL": ("wp.pl", "onet.pl", "gmail.com", "interia.pl"),
    "AU": ("gmail.com", "bigpond.com", "optusnet.com.au"),
}
_STREET_NAMES = (
    "Oak",
    "Maple",
    "Main",
    "Park",
    "Elm",
    "Cedar",
    "Pine",
    "Lake",
    "Hill",
    "Washington",
    "Church",
    "Mill",
    "Station",
    "Victoria",
    "Highland",
    "Sunset",
    "Willow",
    "Chestnut",
)
_STREET_SUFFIXES = (
    "Street",
    "St",
    "St.",
    "Avenue",
    "Ave",
    "Road",
    "Rd",
    "Drive",
    "Dr.",
    "Lane",
    "Ln",
    "Boulevard",
    "Blvd",
    "Way",
    "Court",
    "Ct",
    "Place",
    "Terrace",
    "Close",
    "Crescent",
)
_UNITS = ("Apt 4B", "Apt. 12", "Suite 300", "Unit 7", "#5", "Flat 2", "apt 3")
_NAME_PARTICLES = frozenset({"van", "der", "den", "de", "da", "del", "la", "le", "von", "zu", "di", "dos"})


@dataclass
class Person:
    """A customer and the values a record or a message about them can carry."""

    locale: str
    country: str
    first: str
    last: str
    email: str
    phone: phonenumbers.PhoneNumber
    dob: dt.date
    street: str
    city: str
    postcode: str

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"


def _ascii(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]", "", plain.lower())


# ---------------------------------------------------------------- the generator


class _Gen:
    """Per-sample random state plus the label sink the builders write into."""

    def __init__(self, seed: int, fakers: dict[str, Faker]) -> None:
        self.rng = random.Random(seed)
        self.fakers = fakers
        for name in sorted(fakers):
            fakers[name].seed_instance(self.rng.getrandbits(32))
        self.pii: list[Label] = []
        self.decoys: list[Label] = []
        self.people: list[Person] = []

    # ---- labelling
    def p(self, entity: str, text: str) -> str:
        self.pii.append(Label(entity, text))
        return text

    def d(self, kind: str, text: str) -> str:
        self.decoys.append(Label(kind, text))
        return text

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def pick[T](self, options: Sequence[T]) -> T:
        return options[self.rng.randrange(len(options))]

    def digits(self, n: int, first: str = "0123456789") -> str:
        return self.pick(first) + "".join(self.pick("0123456789") for _ in range(n - 1))

    # ---- people
    def person(self, country: str | None = None) -> Person:
        if country is None:
            weights = [w for _, _, w in _LOCALES]
            locale, country, _ = self.rng.choices(_LOCALES, weights)[0]
        else:
            locale = next(loc for loc, c, _ in _LOCALES if c == country)
        fake = self.fakers[locale]
        first, last = fake.first_name(), fake.last_name()
        f, la = _ascii(first) or "user", _ascii(last) or "mail"
        local = self.pick((f"{f}.{la}", f"{f}{la}", f"{f[0]}{la}", f"{f}_{la}", f"{la}.{f}", f"{f}{la[:1]}"))
        if self.chance(0.3):
            local += str(self.rng.randint(1, 99))
        domain = self.pick(_EMAIL_DOMAINS[country])
        if self.chance(0.1):
            domain = _ascii(fake.last_name()) + self.pick((".com", ".co", ".io", ".net"))
        person = Person(
            locale=locale,
            country=country,
            first=first,
            last=last,
            email=f"{local}@{domain}",
            phone=self._phone_number(fake, country),
            dob=dt.date(1940, 1, 1) + dt.timedelta(days=self.rng.randrange(365 * 65)),
            street=self._street(fake, country),
            city=fake.city(),
            postcode=fake.postcode(),
        )
        self.people.append(person)
        return person

    def _phone_number(self, fake: Faker, country: str) -> phonenumbers.PhoneNumber:
        for _ in range(40):
            raw = fake.phone_number()
            if "x" in raw.lower():
                continue
            try:
                number = phonenumbers.parse(raw, country)
            except phonenumbers.NumberParseException:
                continue
            if phonenumbers.is_valid_number(number) and not number.extension:
                return number
        example = phonenumbers.example_number(country)
        assert example is not None
        return example

    def _street(self, fake: Faker, country: str) -> str:
        if country in ("US", "GB", "CA", "AU") and self.chance(0.5):
            street = f"{self.rng.randint(1, 9999)} {self.pick(_STREET_NAMES)} {self.pick(_STREET_SUFFIXES)}"
            if self.chance(0.2):
                street += self.pick((", ", " ")) + self.pick(_UNITS)
            return street
        return " ".join(fake.street_address().replace("\n", ", ").split())

    # ---- typed forms of values (the labelled string is what is returned)
    def name_typed(self, person: Person, casual: bool = False) -> str:
        return person.full.lower() if casual else person.full

    def phone_typed(self, person: Person, style: str | None = None) -> str:
        fmt = phonenumbers.PhoneNumberFormat
        number = person.phone
        national = phonenumbers.format_number(number, fmt.NATIONAL)
        intl = phonenumbers.format_number(number, fmt.INTERNATIONAL)
        styles = {
            "intl": intl,
            "national": national,
            "e164": phonenumbers.format_number(number, fmt.E164),
            "dashed": intl.replace(" ", "-"),
            "dotted": re.sub(r"[()\s-]+", ".", national).strip("."),
            "compact": re.sub(r"[^0-9]", "", national),
        }
        if person.country == "US" and style is None and self.chance(0.3):
            digits = styles["compact"]
            return self.pick(
                (f"{digits[:3]}-{digits[3:6]}-{digits[6:]}", f"+1 {digits[:3]}-{digits[3:6]}-{digits[6:]}")
            )
        if style is None:
            style = self.rng.choices(list(styles), (30, 30, 10, 8, 10, 12))[0]
        return styles[style]

    def card(self) -> str:
        brand = self.rng.choices(("visa", "mc", "mc2", "amex", "discover"), (45, 25, 8, 12, 10))[0]
        if brand == "amex":
            number = _luhn_complete(self.pick(("34", "37")) + self.digits(12))
            sep = self.pick((" ", "-", ""))
            return sep.join((number[:4], number[4:10], number[10:]))
        prefix = {
            "visa": "4",
            "mc": str(self.rng.randint(51, 55)),
            "mc2": str(self.rng.randint(2221, 2720)),
            "discover": "6011",
        }[brand]
        number = _luhn_complete(prefix + self.digits(15 - len(prefix)))
        sep = self.rng.choices((" ", "-", ""), (45, 15, 40))[0]
        return sep.join(number[i : i + 4] for i in range(0, 16, 4))

    def ssn(self, style: str | None = None) -> str:
        area = self.pick([a for a in range(1, 900) if a != 666])
        group, serial = self.rng.randint(1, 99), self.rng.randint(1, 9999)
        style = style or self.rng.choices(("dash", "space", "bare"), (70, 15, 15))[0]
        sep = {"dash": "-", "space": " ", "bare": ""}[style]
        return f"{area:03d}{sep}{group:02d}{sep}{serial:04d}"

    def iban(self, country: str | None = None) -> str:
        layouts = {
            "DE": "n18",
            "GB": "a4n14",
            "FR": "n23",
            "ES": "n20",
            "IT": "a1n22",
            "NL": "a4n10",
            "BE": "n12",
            "AT": "n16",
            "CH": "n17",
            "PL": "n24",
            "PT": "n21",
            "IE": "a4n14",
        }
        if country not in layouts:
            country = self.pick(sorted(layouts))
        bban = ""
        for kind, n in re.findall(r"([an])([0-9]+)", layouts[country]):
            alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ" if kind == "a" else "0123456789"
            bban += "".join(self.pick(alphabet) for _ in range(int(n)))
        numeric = int("".join(str(int(c, 36)) for c in bban + country + "00"))
        iban = f"{country}{98 - numeric % 97:02d}{bban}"
        if self.chance(0.45):
            return " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))
        return iban

    def bank_account(self, country: str) -> str:
        if country == "GB":
            return self.digits(8)
        if country == "DE":
            return self.digits(10)
        return self.digits(self.rng.randint(9, 14), first="123456789")

    def wallet(self, kind: str | None = None) -> str:
        kind = (
            kind or self.rng.choices(("btc", "bc1", "eth", "trx", "ltc", "xrp"), (22, 14, 30, 16, 8, 10))[0]
        )
        payload = bytes(self.rng.getrandbits(8) for _ in range(20))
        if kind == "btc":
            return self.pick(BTC_LEGACY)
        if kind == "bc1":
            return self.pick(BTC_BECH32)
        if kind == "eth":
            if self.chance(0.25):
                return self.pick(ETH_CHECKSUMMED)
            return "0x" + payload.hex()
        if kind == "trx":
            return base58check(b"\x41" + payload)
        if kind == "ltc":
            return segwit_address("ltc", payload) if self.chance(0.5) else base58check(b"\x30" + payload)
        return base58check(b"\x00" + payload, XRP_B58)

    def ip(self) -> str:
        fake = self.fakers["en_US"]
        kind = self.rng.choices(("v4", "v4private", "v6", "v6short"), (55, 15, 15, 15))[0]
        if kind == "v4":
            return fake.ipv4_public()
        if kind == "v4private":
            return fake.ipv4_private()
        if kind == "v6":
            return fake.ipv6()
        return str(
            ipaddress.IPv6Address(
                f"2a02:{self.rng.randrange(1, 0xFFFF):x}::{self.rng.randrange(1, 0xFFFF):x}"
            )
        )

    def dob_typed(self, person: Person, style: str | None = None) -> str:
        d = person.dob
        month = d.strftime("%B")
        forms = {
            "iso": d.isoformat(),
            "us": d.strftime("%m/%d/%Y"),
            "us_short": f"{d.month}/{d.day}/{d.strftime('%y')}",
            "eu_dots": d.strftime("%d.%m.%Y"),
            "eu_slash": d.strftime("%d/%m/%Y"),
            "long_us": f"{month} {d.day}, {d.year}",
            "long_eu": f"{d.day} {month} {d.year}",
            "ordinal": f"{d.day}{_ordinal(d.day)} of {month} {d.year}",
        }
        style = style or self.rng.choices(list(forms), (20, 15, 15, 15, 10, 10, 10, 5))[0]
        return forms[style]

    def passport(self, country: str) -> str:
        pick, digits = self.pick, self.digits
        upper = "ABCDEFGHJKLMNPRSTUVWXYZ"
        forms: dict[str, Callable[[], str]] = {
            "US": lambda: pick((digits(9, "123456789"), pick(upper) + digits(8))),
            "GB": lambda: digits(9, "123456789"),
            "DE": lambda: _de_document(self, "CFGHJK"),
            "FR": lambda: digits(2) + pick(upper) + pick(upper) + digits(5),
            "IN": lambda: pick(upper) + digits(7),
            "CA": lambda: pick(upper) + pick(upper) + digits(6),
            "ES": lambda: "".join(pick(upper) for _ in range(3)) + digits(6),
            "IT": lambda: pick(upper) + pick(upper) + digits(7),
            "NL": lambda: (
                "N" + pick(upper) + "".join(pick(upper + "0123456789") for _ in range(6)) + digits(1)
            ),
            "BR": lambda: pick(upper) + pick(upper) + digits(6),
            "PL": lambda: pick(upper) + pick(upper) + digits(7),
            "AU": lambda: pick(("N", "PA", "PB")) + digits(7),
        }
        return forms[country]()

    def national_id(self, country: str) -> tuple[str, str]:
        """(what people call it, the number)."""
        if country == "US":
            return "driver's license", self.pick(
                (
                    self.pick("ABDFGMS") + self.digits(7),
                    f"{self.pick('DFS')}{self.digits(3)}-{self.digits(4)}-{self.digits(4)}",
                )
            )
        if country == "GB":
            nino = (
                self.pick(("AB", "CE", "JH", "NP", "SR", "TW", "WL", "YZ"))
                + self.digits(6)
                + self.pick("ABCD")
            )
            spaced = f"{nino[:2]} {nino[2:4]} {nino[4:6]} {nino[6:8]} {nino[8]}"
            return "national insurance number", self.pick((nino, spaced))
        if country == "DE":
            if self.chance(0.5):
                tax = _steuer_id(self)
                return "Steuer-ID", self.pick((tax, f"{tax[:2]} {tax[2:5]} {tax[5:8]} {tax[8:]}"))
            return "Personalausweis", _de_document(self, "LMNPRTVWXYZ")
        if country == "FR":
            nir = f"{self.pick('12')} {self.digits(2)} {self.rng.randint(1, 12):02d} {self.digits(2)} {self.digits(3)} {self.digits(3)} {self.digits(2)}"
            return "numéro de sécurité sociale", nir
        if country == "ES":
            number = self.rng.randint(10_000_000, 99_999_999)
            return "DNI", f"{number}{'TRWAGMYFPDXBNJZSQVHLCKE'[number % 23]}"
        if country == "IT":
            return "codice fiscale", _codice_fiscale(self)
        if country == "NL":
            return "BSN", _bsn(self)
        if country == "IN":
            aadhaar = _aadhaar(self)
            return "Aadhaar", self.pick((aadhaar, f"{aadhaar[:4]} {aadhaar[4:8]} {aadhaar[8:]}"))
        if country == "CA":
            sin = _luhn_complete(self.digits(8, "1234567"))
            return "SIN", self.pick(
                (sin, f"{sin[:3]} {sin[3:6]} {sin[6:]}", f"{sin[:3]}-{sin[3:6]}-{sin[6:]}")
            )
        if country == "BR":
            return "CPF", _cpf(self)
        if country == "PL":
            return "PESEL", _pesel(self)
        return "driver licence", self.digits(8, "123456789")

    # ---- decoys
    def timestamp(self, style: str | None = None) -> str:
        moment = dt.datetime(2023, 1, 1, tzinfo=dt.UTC) + dt.timedelta(
            seconds=self.rng.randrange(86400 * 800)
        )
        style = style or self.pick(("z", "z", "millis", "offset"))
        if style == "z":
            return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
        if style == "millis":
            return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{self.rng.randrange(1000):03d}Z"
        if style == "sf":
            return moment.strftime("%Y-%m-%dT%H:%M:%S.000+0000")
        return moment.strftime("%Y-%m-%dT%H:%M:%S") + self.pick(("+02:00", "+01:00", "-05:00"))

    def date(self) -> str:
        day = dt.date(2023, 1, 1) + dt.timedelta(days=self.rng.randrange(800))
        return day.isoformat()

    def decoy(self, kind: str | None = None) -> str:
        """A decoy value, labelled."""
        kind = kind or self.pick(_DECOY_KINDS)
        return self.d(kind, self.decoy_text(kind))

    def decoy_text(self, kind: str) -> str:
        """A value shaped like a decoy of `kind`, unlabelled (the caller labels it)."""
        pick, digits = self.pick, self.digits
        maker: dict[str, Callable[[], str]] = {
            "ORDER": lambda: pick((f"ORD-{digits(6)}", f"#{digits(6, '123456789')}", f"A-2024-{digits(5)}")),
            "TRACKING": lambda: pick(
                (
                    "1Z" + "".join(pick("0123456789ABCDEFGHJKLMNPRTVWXY") for _ in range(6)) + digits(10),
                    f"TBA{digits(12)}",
                    f"JD0146000{digits(9)}",
                )
            ),
            "UUID": lambda: str(uuid.UUID(int=self.rng.getrandbits(128), version=4)),
            "AMOUNT": lambda: pick(
                (
                    f"${self.rng.randint(1, 9)},{digits(3)}.{digits(2)}",
                    f"€{self.rng.randint(5, 999)}.{digits(2)}",
                    f"£{self.rng.randint(5, 999)}.{digits(2)}",
                    f"{self.rng.randint(1, 9)}.{digits(3)},{digits(2)} EUR",
                )
            ),
            "PRICE": lambda: f"{self.rng.randint(1, 499)}.{pick(('99', '49', '00', '95'))}",
            "SKU": lambda: f"SKU-{digits(4)}-{pick(('BLK', 'WHT', 'RED', 'XL', 'M'))}",
            "VERSION": lambda: pick(
                (
                    f"v{self.rng.randint(1, 9)}.{self.rng.randint(0, 30)}.{self.rng.randint(0, 99)}",
                    f"{self.rng.randint(1, 20)}.{self.rng.randint(0, 9)}.{self.rng.randint(0, 9)} (build {digits(4)})",
                )
            ),
            "TICKET": lambda: f"#{self.rng.randint(10000, 99999)}",
            "HASH": lambda: hashlib.sha256(self.rng.randbytes(8)).hexdigest()[: pick((40, 64))],
            "TX_HASH": lambda: "0x" + hashlib.sha256(self.rng.randbytes(8)).hexdigest(),
            "INVOICE": lambda: f"INV-{self.rng.randint(2021, 2025)}-{digits(4)}",
            "COUPON": lambda: pick(("SPRING24", "WELCOME10", "VIP2025", "FREESHIP", "BF50OFF")),
            "TIMESTAMP": self.timestamp,
            "DATE": self.date,
            "STRIPE_ID": lambda: pick(("cus_", "ch_", "pi_", "in_")) + "".join(pick(B58) for _ in range(14)),
            "REF": lambda: f"REF-{digits(3)}-{''.join(pick('ABCDEFGHJKLMNPQRSTUVWXYZ') for _ in range(3))}",
            "DURATION": lambda: f"{self.rng.randint(2, 14)} business days",
        }
        return maker[kind]()


_DECOY_KINDS = (
    "ORDER",
    "TRACKING",
    "UUID",
    "AMOUNT",
    "PRICE",
    "SKU",
    "VERSION",
    "TICKET",
    "HASH",
    "TX_HASH",
    "INVOICE",
    "COUPON",
    "TIMESTAMP",
    "DATE",
    "STRIPE_ID",
    "REF",
)


def _ordinal(day: int) -> str:
    return "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


_CF_ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23]


def _cf_value(c: str, odd: bool) -> int:
    if c.isdigit():
        return _CF_ODD[int(c)] if odd else int(c)
    return _CF_ODD[ord(c) - 65] if odd else ord(c) - 65


def _codice_fiscale(g: _Gen) -> str:
    """Italian tax code: surname/name letters, birth year, month letter, day, place, check letter."""
    letters = "BCDFGHJKLMNPRSTVZ"
    day = g.rng.randint(1, 28) + g.pick((0, 40))
    body = "".join(g.pick(letters) for _ in range(6)) + g.digits(2) + g.pick("ABCDEHLMPRST")
    body += f"{day:02d}" + g.pick("ABCDEFGHILM") + g.digits(3, "123456789")
    total = sum(_cf_value(c, i % 2 == 0) for i, c in enumerate(body))
    return body + chr(65 + total % 26)


_VERHOEFF_D = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 0, 6, 7, 8, 9, 5], [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
    [3, 4, 0, 1, 2, 8, 9, 5, 6, 7], [4, 0, 1, 2, 3, 9, 5, 6, 7, 8], [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
    [6, 5, 9, 8, 7, 1, 0, 4, 3, 2], [7, 6, 5, 9, 8, 2, 1, 0, 4, 3], [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
    [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
]  # fmt: skip
_VERHOEFF_P = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 5, 7, 6, 2, 8, 3, 0, 9, 4], [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
    [8, 9, 1, 6, 0, 4, 3, 5, 2, 7], [9, 4, 5, 3, 1, 2, 8, 7, 6, 0], [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
    [2, 7, 9, 3, 8, 0, 6, 4, 1, 5], [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
]  # fmt: skip
_VERHOEFF_INV = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9]


def verhoeff_ok(number: str) -> bool:
    check = 0
    for i, digit in enumerate(reversed(number)):
        check = _VERHOEFF_D[check][_VERHOEFF_P[i % 8][int(digit)]]
    return check == 0


def _aadhaar(g: _Gen) -> str:
    while True:
        partial = g.digits(11, "23456789")
        check = 0
        for i, digit in enumerate(reversed(partial)):
            check = _VERHOEFF_D[check][_VERHOEFF_P[(i + 1) % 8][int(digit)]]
        number = partial + str(_VERHOEFF_INV[check])
        if number != number[::-1]:
            return number


def _de_document(g: _Gen, first: str) -> str:
    """German ID card / passport number as printed: 9 characters; the ICAO check digit is only in
    the machine-readable zone, not part of the number people copy."""
    return g.pick(first) + "".join(g.pick("CFGHJKLMNPRTVWXYZ0123456789") for _ in range(8))


def steuer_id_ok(number: str) -> bool:
    digits = [int(c) for c in number]
    if len(digits) != 11 or digits[0] == 0 or max(digits[:10].count(d) for d in digits[:10]) > 3:
        return False
    product = 10
    for d in digits[:10]:
        total = (d + product) % 10 or 10
        product = total * 2 % 11
    return (11 - product) % 10 == digits[10]


def _steuer_id(g: _Gen) -> str:
    while True:
        number = g.digits(10, "123456789")
        for check in "0123456789":
            if steuer_id_ok(number + check):
                return number + check


def _bsn(g: _Gen) -> str:
    while True:
        digits = [int(c) for c in g.digits(8, "123456789")]
        total = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True))
        check = total % 11
        if check < 10:
            return "".join(map(str, digits)) + str(check)


def _cpf(g: _Gen) -> str:
    digits = [int(c) for c in g.digits(9)]
    for n in (10, 11):
        total = sum(d * w for d, w in zip(digits, range(n, 1, -1), strict=False))
        digits.append(0 if total % 11 < 2 else 11 - total % 11)
    s = "".join(map(str, digits))
    return g.pick((f"{s[:3]}.{s[3:6]}.{s[6:9]}-{s[9:]}", s))


def _pesel(g: _Gen) -> str:
    digits = [int(c) for c in g.digits(10)]
    weights = (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)
    check = (10 - sum(d * w for d, w in zip(digits, weights, strict=True)) % 10) % 10
    return "".join(map(str, digits)) + str(check)


# ---------------------------------------------------------------- free text


_FILLER = (
    "Any update on this?",
    "it has been three days already.",
    "Thanks in advance!",
    "pls help asap",
    "I already tried logging out and back in, no luck.",
    "This is really frustrating.",
    "The app keeps crashing on the billing page.",
    "thx",
    "Sorry for the long message.",
    "i recieved nothing so far",
    "Still waiting for an answer here.",
    "cheers",
    "not sure wich team handles this",
    "I definately did not authorise this.",
    "Can someone call me back untill friday?",
    "Kind regards",
    "Best,",
    "Hello team,",
)

# Topic → sentence templates. {v} is the value; {n} a full name. Templates are lower-cased for a
# casual writer before the values go in, so labelled values keep their exact form.
_TEMPLATES: dict[str, tuple[str, ...]] = {
    "EMAIL_ADDRESS": (
        "my email is {v}, please use that one from now on.",
        "Please send the receipt to {v}",
        "new email: {v}",
        "can u update my adress to {v} thx",
        "I no longer use {v}.",
        "Contact me at {v} or reply here.",
        "The account is registered under {v}",
    ),
    "PHONE_NUMBER": (
        "Call me on {v} after 5pm.",
        "my number is {v}",
        "You can reach me at {v}.",
        "new mobile {v}",
        "tel: {v}",
        "whatsapp me {v} pls",
        "I tried calling from {v} twice.",
        "phone {v}",
        "Please ring {v} tomorrow morning.",
    ),
    "CREDIT_CARD": (
        "my card {v} was charged twice",
        "The charge on {v} is not mine.",
        "card number {v} exp 04/27",
        "I paid with {v} but the order still says unpaid.",
        "pls refund to the card {v}",
        "Visa {v}",
        "it was declined: {v}",
    ),
    "US_SSN": (
        "For verification, my SSN is {v}.",
        "ssn {v}",
        "Social security number: {v}",
        "my social is {v} if you need it",
        "SSN - {v}",
    ),
    "IBAN_CODE": (
        "My IBAN is {v}, can you wire the money there?",
        "iban {v}",
        "Please refund to {v}.",
        "Bank details: {v} (Sparkasse)",
        "the transfer to {v} never arrived",
    ),
    "BANK_ACCOUNT": (
        "bank account number {v}",
        "My checking account is {v}.",
        "acct # {v} at Chase",
        "please send it to my savings account {v}",
        "Bank acct: {v}",
    ),
    "CRYPTO": (
        "please send the refund to my wallet {v}",
        "Withdrawal should go to {v}, not the old address.",
        "deposit address {v}",
        "I sent 0.5 to {v} yesterday and it never showed up",
        "my wallet: {v}",
        "usdt went to {v} by mistake",
        "payout address is {v}",
    ),
    "IP_ADDRESS": (
        "there was a login from {v} that wasn't me",
        "my IP is {v}",
        "blocked from {v}?",
        "I'm connecting from {v} if that helps",
        "the alert said {v}",
    ),
    "DATE_OF_BIRTH": (
        "DOB {v} if you need to check my identity.",
        "I was born {v}.",
        "born {v}",
        "date of birth: {v}",
        "my birthday is {v}",
        "D.O.B. {v}",
        "dob: {v}",
        "my date of birth is {v} not what you have on file",
    ),
    "STREET_ADDRESS": (
        "I moved to {v}, {city}. Please update the shipping address.",
        "ship it to {v} please",
        "my address is {v}",
        "i live at {v}, {city}",
        "the parcel went to {v} instead of my new place",
        "Please deliver to {v}.",
        "new address: {v}, {postcode} {city}",
    ),
    "PASSPORT": (
        "passport number {v} - the ID check keeps rejecting it.",
        "My passport is {v}.",
        "passport no {v}",
        "uploaded my passport ({v}) twice now",
        "Passport: {v}",
    ),
    "NATIONAL_ID": (
        "my {kind} is {v}",
        "{kind}: {v}",
        "here is my {kind} {v} for the verification",
        "the {kind} {v} is correct, please check again",
    ),
    "PERSON": (
        "this is {n}, I wrote last week",
        "My name is {n}.",
        "Account holder: {n}",
        "regards, {n}",
        "{n} here.",
        "the account belongs to my wife {n}",
        "— {n}",
    ),
}
_DECOY_TEMPLATES = (
    "Order {ORDER} still hasn't arrived.",
    "tracking says {TRACKING}",
    "I was charged {AMOUNT} twice.",
    "app version {VERSION}",
    "see ticket {TICKET}",
    "ref {UUID}",
    "the item {SKU} is out of stock",
    "invoice {INVOICE} is wrong",
    "used code {COUPON}",
    "it cost {PRICE} last month",
    "placed on {DATE}",
    "the tx hash is {TX_HASH}",
    "reference {REF}",
)


_SPELLINGS: tuple[Callable[[str, str], str], ...] = (
    lambda local, domain: f"{local} [at] {domain.replace('.', ' [dot] ')}",
    lambda local, domain: f"{local}(at){domain}",
    lambda local, domain: f"{local.replace('.', ' dot ')} at {domain.replace('.', ' dot ')}",
    lambda local, domain: f"{local} @ {domain}",
    lambda local, domain: f"{local} at {domain}",
    lambda local, domain: f"{local} AT {domain.replace('.', ' DOT ')}".upper(),
)


def spelled_out(email: str) -> str | None:
    """One address in six as customers spell it to dodge spam filters (`jane [at] gmail [dot] com`).
    Chosen by a checksum of the address, not the generator, so the rest of the corpus stays as it was."""
    digest = zlib.crc32(email.encode())
    if digest % 6:
        return None
    local, _, domain = email.rpartition("@")
    return _SPELLINGS[(digest // 6) % len(_SPELLINGS)](local, domain)


def sentence(g: _Gen, person: Person, topic: str, casual: bool = False) -> str:
    """One customer sentence about `topic` with its value labelled."""
    template = g.pick(_TEMPLATES[topic])
    if casual:
        template = template.lower()
    extra: dict[str, str] = {}
    if topic == "PERSON":
        return template.format(n=g.p("PERSON", g.name_typed(person, casual)))
    if topic == "EMAIL_ADDRESS":
        v = person.email if not g.chance(0.1) else person.email.capitalize()
        v = spelled_out(v) or v
    elif topic == "PHONE_NUMBER":
        v = g.phone_typed(person)
    elif topic == "CREDIT_CARD":
        v = g.card()
    elif topic == "US_SSN":
        v = g.ssn()
    elif topic == "IBAN_CODE":
        v = g.iban(person.country)
    elif topic == "BANK_ACCOUNT":
        v = g.bank_account(person.country)
    elif topic == "CRYPTO":
        v = g.wallet()
    elif topic == "IP_ADDRESS":
        v = g.ip()
    elif topic == "DATE_OF_BIRTH":
        v = g.dob_typed(person)
    elif topic == "STREET_ADDRESS":
        v = person.street
        if "{city}" in template:
            extra["city"] = g.p("LOCATION", person.city)
        if "{postcode}" in template:
            extra["postcode"] = g.p("POSTAL_CODE", person.postcode)
    elif topic == "PASSPORT":
        v = g.passport(person.country)
    else:
        kind, v = g.national_id(person.country)
        extra["kind"] = kind.lower() if casual else kind
    # Label in reading order: the value may come before or after the extras in the template.
    text = template.format(v="\0", **extra)
    g.p(topic, v)
    return text.replace("\0", v)


def decoy_sentence(g: _Gen, casual: bool = False) -> str:
    template = g.pick(_DECOY_TEMPLATES)
    kind = template[template.index("{") + 1 : template.index("}")]
    if casual:
        template = template.replace("{" + kind + "}", "\0").lower().replace("\0", "{" + kind + "}")
    return template.format(**{kind: g.decoy(kind)})


_TOPIC_WEIGHTS = {
    "EMAIL_ADDRESS": 12,
    "PHONE_NUMBER": 14,
    "CREDIT_CARD": 8,
    "US_SSN": 5,
    "IBAN_CODE": 7,
    "BANK_ACCOUNT": 4,
    "CRYPTO": 9,
    "IP_ADDRESS": 5,
    "DATE_OF_BIRTH": 8,
    "STREET_ADDRESS": 9,
    "PASSPORT": 5,
    "NATIONAL_ID": 6,
    "PERSON": 10,
}


def message(g: _Gen, person: Person, n_pii: int | None = None, n_decoys: int | None = None) -> str:
    """A customer message: a few sentences mixing personal values, decoys and filler."""
    casual = g.chance(0.35)
    n_pii = g.rng.choice((0, 1, 1, 2, 2, 3)) if n_pii is None else n_pii
    n_decoys = g.rng.choice((0, 1, 1, 2)) if n_decoys is None else n_decoys
    topics = g.rng.choices(list(_TOPIC_WEIGHTS), list(_TOPIC_WEIGHTS.values()), k=n_pii)
    parts = [sentence(g, person, t, casual) for t in topics]
    parts += [decoy_sentence(g, casual) for _ in range(n_decoys)]
    g.rng.shuffle(parts)
    if g.chance(0.6):
        parts.insert(g.rng.randrange(len(parts) + 1), g.pick(_FILLER))
    if not parts:
        parts = [g.pick(_FILLER)]
    joiner = g.pick((" ", " ", "\n", ". ", "  "))
    return joiner.join(parts)


def agent_reply(g: _Gen, person: Person) -> str:
    greeting = g.pick(("Hi there,", "Hello,", None))
    if greeting is None:
        greeting = f"Hi {g.p('FIRST_NAME', person.first)},"
    bodies: tuple[Callable[[], str], ...] = (
        lambda: "Thanks for reaching out! I've escalated this to our billing team.",
        lambda: "Sorry for the trouble. Could you try clearing your browser cache?",
        lambda: "I've issued the refund; it can take 5-7 business days to show up.",
        lambda: "For security reasons we can't change this over chat.",
        lambda: f"I've updated the email on file to {g.p('EMAIL_ADDRESS', person.email)}.",
        lambda: f"We'll call you back on {g.p('PHONE_NUMBER', g.phone_typed(person))} within the hour.",
        lambda: f"Your order {g.decoy('ORDER')} was shipped on {g.decoy('DATE')}.",
    )
    body = g.pick(bodies)()
    sign = g.pick(("Best,", "Cheers,", "Kind regards,"))
    return f"{greeting}\n\n{body}\n\n{sign}\n{g.pick(('Sam', 'Priya', 'Jonas'))} (Support)"


# ---------------------------------------------------------------- responses


def _json(g: _Gen, obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=g.chance(0.15), indent=g.pick((None, None, 2))).encode()


def _zid(g: _Gen) -> int:
    return g.rng.randint(360_000_000_000, 389_999_999_999)


def _status(g: _Gen) -> str:
    return g.d("STATUS", g.pick(("new", "open", "pending", "solved", "closed")))


def _zendesk_user_obj(g: _Gen, person: Person, declared: bool, custom: bool = True) -> dict[str, Any]:
    uid = _zid(g)
    user: dict[str, Any] = {
        "id": uid,
        "url": f"https://acme.zendesk.com/api/v2/users/{uid}.json",
        "name": g.p("PERSON", person.full),
        "email": g.p("EMAIL_ADDRESS", person.email),
        "phone": g.p("PHONE_NUMBER", g.phone_typed(person, g.pick(("intl", "e164", "national")))),
        "role": "end-user",
        "locale": person.locale.replace("_", "-"),
        "created_at": g.decoy("TIMESTAMP"),
        "updated_at": g.decoy("TIMESTAMP"),
        "external_id": g.decoy("UUID"),
        "verified": g.chance(0.8),
        "tags": ["vip" if g.chance(0.2) else "standard", g.pick(("kyc_passed", "kyc_pending"))],
        "notes": message(g, person) if g.chance(0.5) else "",
    }
    if not custom:
        return user
    fields: dict[str, Any] = {}
    if declared:
        # Keys the shipped field rules name (`**.date_of_birth`, `**.iban`…).
        fields["date_of_birth"] = g.p("DATE_OF_BIRTH", person.dob.isoformat())
        fields["street_address"] = g.p("STREET_ADDRESS", person.street)
        fields["city"] = g.p("LOCATION", person.city)
        if g.chance(0.6):
            fields["iban"] = g.p("IBAN_CODE", g.iban(person.country))
        if g.chance(0.5):
            fields["btc_wallet"] = g.p("CRYPTO", g.wallet("btc"))
        if g.chance(0.4):
            fields["passport_number"] = g.p("PASSPORT", g.passport(person.country))
    # Custom user fields a Zendesk admin added later: nobody wrote rules for them.
    extra = g.rng.sample(
        [
            "birthday",
            "dob",
            "wallet_address",
            "tax_id",
            "secondary_phone",
            "home_address",
            "bank_iban",
            "ip_last_login",
            "loyalty_tier",
            "last_order",
        ],
        k=g.rng.randint(2, 5),
    )
    for key in extra:
        if key in ("birthday", "dob"):
            fields[key] = g.p("DATE_OF_BIRTH", g.dob_typed(person, g.pick(("iso", "us", "eu_dots"))))
        elif key == "wallet_address":
            fields[key] = g.p("CRYPTO", g.wallet())
        elif key == "tax_id":
            fields[key] = g.p("NATIONAL_ID", g.national_id(person.country)[1])
        elif key == "secondary_phone":
            fields[key] = g.p("PHONE_NUMBER", g.phone_typed(g.person(person.country)))
        elif key == "home_address":
            fields[key] = g.p("STREET_ADDRESS", person.street)
        elif key == "bank_iban":
            fields[key] = g.p("IBAN_CODE", g.iban(person.country))
        elif key == "ip_last_login":
            fields[key] = g.p("IP_ADDRESS", g.ip())
        elif key == "loyalty_tier":
            fields[key] = g.d("STATUS", g.pick(("gold", "silver", "bronze")))
        else:
            fields[key] = g.decoy("ORDER")
    user["user_fields"] = fields
    return user


def zendesk_user(g: _Gen) -> tuple[str, Any]:
    person = g.person()
    user = _zendesk_user_obj(g, person, declared=True)
    return f"/api/v2/users/{user['id']}", {"user": user}


def zendesk_users(g: _Gen) -> tuple[str, Any]:
    users = [_zendesk_user_obj(g, g.person(), declared=True) for _ in range(g.rng.randint(2, 5))]
    return "/api/v2/users", {"users": users, "next_page": None, "count": len(users)}


def _comment(g: _Gen, person: Person, author_id: int, customer: bool) -> dict[str, Any]:
    text = message(g, person) if customer else agent_reply(g, person)
    comment: dict[str, Any] = {
        "id": _zid(g),
        "type": "Comment",
        "author_id": author_id,
        "body": text,
        "public": True,
        "created_at": g.decoy("TIMESTAMP"),
    }
    if customer and g.chance(0.5):
        comment["via"] = {
            "channel": "email",
            "source": {
                "from": {"address": g.p("EMAIL_ADDRESS", person.email), "name": g.p("PERSON", person.full)},
                "to": {
                    "address": g.p("ORG_CONTACT", "support@acme.example"),
                    "name": g.p("ORG_CONTACT", "Acme Support"),
                },
            },
        }
    if customer and g.chance(0.5):
        comment["metadata"] = {
            "system": {
                "client": g.pick(("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4)", "okhttp/4.12.0")),
                "ip_address": g.p("IP_ADDRESS", g.ip()),
                "location": g.p("LOCATION", person.city),
            },
        }
    return comment


def zendesk_comments(g: _Gen) -> tuple[str, Any]:
    person = g.person()
    requester = _zid(g)
    comments = [
        _comment(g, person, requester if i % 2 == 0 else 9001, i % 2 == 0) for i in range(g.rng.randint(2, 5))
    ]
    ticket = g.rng.randint(10000, 99999)
    return f"/api/v2/tickets/{ticket}/comments", {"comments": comments, "count": len(comments)}


def zendesk_ticket(g: _Gen) -> tuple[str, Any]:
    person = g.person()
    ticket_id = g.rng.randint(10000, 99999)
    requester = _zendesk_user_obj(g, person, declared=True, custom=False)
    ticket = {
        "id": ticket_id,
        "subject": g.pick(("Refund not received", "Card declined", "Withdrawal stuck", "Change my email")),
        "description": message(g, person, n_pii=g.rng.randint(1, 3)),
        "status": _status(g),
        "priority": g.pick(("low", "normal", "high")),
        "requester": requester,
        "created_at": g.decoy("TIMESTAMP"),
        # Zendesk custom fields are {id, value} pairs: the id says nothing about the value.
        "custom_fields": [
            {"id": 360_001_234_567, "value": g.decoy("ORDER")},
            {"id": 360_001_234_568, "value": g.p("PHONE_NUMBER", g.phone_typed(person))},
            {"id": 360_001_234_569, "value": g.p("DATE_OF_BIRTH", g.dob_typed(person, "iso"))},
        ],
    }
    return f"/api/v2/tickets/{ticket_id}", {"ticket": ticket}


def zendesk_undeclared(g: _Gen) -> tuple[str, Any]:
    """Zendesk JSON behind a path prefix nobody wrote rules for."""
    person = g.person()
    kind = g.pick(("user", "ticket", "search"))
    if kind == "user":
        user = _zendesk_user_obj(g, person, declared=False)
        return f"/zendesk/api/v2/users/{user['id']}.json", {"user": user}
    if kind == "search":
        results = []
        for _ in range(g.rng.randint(1, 4)):
            other = g.person()
            results.append(
                {
                    "id": _zid(g),
                    "result_type": "user",
                    "name": g.p("PERSON", other.full),
                    "email": g.p("EMAIL_ADDRESS", other.email),
                    "created_at": g.decoy("TIMESTAMP"),
                }
            )
        return f"/zendesk/api/v2/search.json?query=type:user%20{g.rng.randint(1, 999)}", {"results": results}
    ticket_id = g.rng.randint(10000, 99999)
    ticket = {
        "id": ticket_id,
        "subject": "Re: " + g.pick(("my account", "refund", "verification")),
        "description": message(g, person, n_pii=g.rng.randint(1, 3)),
        "requester": {"name": g.p("PERSON", person.full), "email": g.p("EMAIL_ADDRESS", person.email)},
        "custom_fields": [
            {"id": 360_001_234_570, "value": g.p("IBAN_CODE", g.iban(person.country))},
            {"id": 360_001_234_571, "value": g.p("CRYPTO", g.wallet())},
            {"id": 360_001_234_572, "value": g.decoy("SKU")},
        ],
        "updated_at": g.decoy("TIMESTAMP"),
        "status": _status(g),
    }
    return f"/zendesk/api/v2/tickets/{ticket_id}.json", {"ticket": ticket}


def _sf_id(g: _Gen, prefix: str) -> str:
    return prefix + "".join(
        g.pick("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789") for _ in range(15)
    )


def _sf_contact(g: _Gen, person: Person) -> dict[str, Any]:
    cid = _sf_id(g, "003")
    contact: dict[str, Any] = {
        "attributes": {"type": "Contact", "url": f"/services/data/v59.0/sobjects/Contact/{cid}"},
        "Id": cid,
        "FirstName": g.p("FIRST_NAME", person.first),
        "LastName": g.p("PERSON", person.last),
        "Name": g.p("PERSON", person.full),
        "MailingStreet": g.p("STREET_ADDRESS", person.street),
        "MailingCity": g.p("LOCATION", person.city),
        "MailingPostalCode": g.p("POSTAL_CODE", person.postcode),
        "MailingCountry": person.country,
        "Phone": g.p("PHONE_NUMBER", g.phone_typed(person)),
        "Email": g.p("EMAIL_ADDRESS", person.email),
        "Birthdate": g.p("DATE_OF_BIRTH", person.dob.isoformat()),
        "AccountId": _sf_id(g, "001"),
        "CreatedDate": g.d("TIMESTAMP", g.timestamp("sf")),
        "LastModifiedDate": g.d("TIMESTAMP", g.timestamp("sf")),
        "IsDeleted": False,
    }
    if g.chance(0.5):
        contact["MobilePhone"] = g.p("PHONE_NUMBER", g.phone_typed(person, "intl"))
    if g.chance(0.4):
        contact["SSN__c"] = g.p("US_SSN", g.ssn("dash"))
    if g.chance(0.4):
        contact["IBAN__c"] = g.p("IBAN_CODE", g.iban(person.country))
    if g.chance(0.3):
        contact["Passport_Number__c"] = g.p("PASSPORT", g.passport(person.country))
    if g.chance(0.3):
        contact["Crypto_Wallet__c"] = g.p("CRYPTO", g.wallet())
    if g.chance(0.4):
        contact["Description"] = message(g, person)
    if g.chance(0.3):
        contact["Last_Order__c"] = g.decoy("ORDER")
    return contact


def salesforce(g: _Gen) -> tuple[str, Any]:
    if g.chance(0.75):
        contact = _sf_contact(g, g.person())
        return contact["attributes"]["url"], contact
    records = [_sf_contact(g, g.person()) for _ in range(g.rng.randint(2, 4))]
    return "/services/data/v59.0/query?q=SELECT+Id,Name,Email+FROM+Contact", {
        "totalSize": len(records),
        "done": True,
        "records": records,
    }


def intercom(g: _Gen) -> tuple[str, Any]:
    person = g.person()
    cid = hashlib.sha1(g.rng.randbytes(8)).hexdigest()[:24]
    if g.chance(0.6):
        contact = {
            "type": "contact",
            "id": cid,
            "external_id": g.decoy("UUID"),
            "role": "user",
            "email": g.p("EMAIL_ADDRESS", person.email),
            "phone": g.p("PHONE_NUMBER", g.phone_typed(person, g.pick(("e164", "intl")))),
            "name": g.p("PERSON", person.full),
            "avatar": None,
            "owner_id": g.rng.randint(1000, 9999),
            "has_hard_bounced": False,
            "signed_up_at": g.rng.randint(1_600_000_000, 1_720_000_000),
            "location": {
                "type": "location",
                "country": person.country,
                "city": g.p("LOCATION", person.city),
                "country_code": person.country,
            },
            "custom_attributes": {
                "Date of birth": g.p("DATE_OF_BIRTH", g.dob_typed(person, g.pick(("iso", "us", "long_us")))),
                "wallet_address": g.p("CRYPTO", g.wallet()),
                "plan": g.d("STATUS", g.pick(("pro", "basic", "enterprise"))),
                "last_order": g.decoy("ORDER"),
                "kyc_document": g.p("PASSPORT", g.passport(person.country)) if g.chance(0.4) else None,
                "app_version": g.decoy("VERSION"),
            },
            "browser": g.pick(("chrome", "firefox", "safari")),
            "last_seen_ip": g.p("IP_ADDRESS", g.ip()),
        }
        return f"/intercom/contacts/{cid}", contact
    parts = []
    for i in range(g.rng.randint(2, 5)):
        customer = i % 2 == 0
        parts.append(
            {
                "type": "conversation_part",
                "part_type": "comment",
                "body": "<p>"
                + html.escape(message(g, person) if customer else agent_reply(g, person), quote=False)
                + "</p>",
                "created_at": g.rng.randint(1_700_000_000, 1_720_000_000),
                "author": {
                    "type": "user" if customer else "admin",
                    "id": cid if customer else "814",
                    "name": g.p("PERSON", person.full) if customer else g.p("ORG_CONTACT", "Support Bot"),
                },
            }
        )
    conv = {
        "type": "conversation",
        "id": str(g.rng.randint(10**9, 10**10)),
        "state": _status(g),
        "conversation_parts": {"type": "conversation_part.list", "conversation_parts": parts},
    }
    return f"/intercom/conversations/{conv['id']}", conv


def freshdesk(g: _Gen) -> tuple[str, Any]:
    person = g.person()
    tid = g.rng.randint(1000, 99999)
    text = message(g, person, n_pii=g.rng.randint(1, 3))
    custom: Any
    if g.chance(0.5):
        custom = {
            "cf_iban": g.p("IBAN_CODE", g.iban(person.country)),
            "cf_date_of_birth": g.p("DATE_OF_BIRTH", g.dob_typed(person, "eu_dots")),
            "cf_order_number": g.decoy("ORDER"),
            "cf_customer_tier": g.d("STATUS", "gold"),
        }
    else:
        custom = [
            {"name": "cf_passport", "value": g.p("PASSPORT", g.passport(person.country))},
            {"label": "Wallet", "value": g.p("CRYPTO", g.wallet())},
            {"name": "cf_tracking", "value": g.decoy("TRACKING")},
            {"label": "Social Security", "value": g.p("US_SSN", g.ssn())},
        ]
    ticket: dict[str, Any] = {
        "id": tid,
        "subject": "Help with my account",
        "description": "<div>" + html.escape(text, quote=False) + "</div>",
        "description_text": text,
        "status": 2,
        "priority": 1,
        "requester": {
            "id": g.rng.randint(10**10, 10**11),
            "name": g.p("PERSON", person.full),
            "email": g.p("EMAIL_ADDRESS", person.email),
            "mobile": g.p("PHONE_NUMBER", g.phone_typed(person)),
        },
        "custom_fields": custom,
        "created_at": g.decoy("TIMESTAMP"),
        "tags": ["refund", "priority"],
    }
    if g.chance(0.6):
        ticket["conversations"] = [
            {
                "body_text": message(g, person) if i % 2 else agent_reply(g, person),
                "from_email": g.p("EMAIL_ADDRESS", person.email)
                if i % 2
                else g.p("ORG_CONTACT", "support@acme.freshdesk.com"),
                "created_at": g.decoy("TIMESTAMP"),
                "id": g.rng.randint(10**10, 10**11),
            }
            for i in range(g.rng.randint(1, 3))
        ]
    return f"/freshdesk/api/v2/tickets/{tid}?include=conversations", ticket


_ADMIN_KEYS = {
    "de": {
        "root": "kunde",
        "first": "vorname",
        "last": "nachname",
        "email": "e_mail",
        "phone": "telefon",
        "dob": "geburtsdatum",
        "address": "adresse",
        "id": "ausweisnummer",
        "iban": "iban_nr",
        "wallet": "wallet",
        "number": "kundennummer",
        "created": "erstellt_am",
        "balance": "saldo",
        "note": "notiz",
        "ip": "letzte_ip",
        "passport": "reisepass",
    },
    "es": {
        "root": "cliente",
        "first": "nombre",
        "last": "apellidos",
        "email": "correo",
        "phone": "telefono",
        "dob": "fecha_nacimiento",
        "address": "direccion",
        "id": "dni",
        "iban": "cuenta_iban",
        "wallet": "monedero",
        "number": "numero_cliente",
        "created": "fecha_alta",
        "balance": "saldo",
        "note": "nota",
        "ip": "ip_acceso",
        "passport": "pasaporte",
    },
    "fr": {
        "root": "client",
        "first": "prénom",
        "last": "nom",
        "email": "courriel",
        "phone": "téléphone",
        "dob": "date_de_naissance",
        "address": "adresse",
        "id": "numero_securite_sociale",
        "iban": "rib_iban",
        "wallet": "portefeuille",
        "number": "numero_client",
        "created": "cree_le",
        "balance": "solde",
        "note": "remarque",
        "ip": "adresse_ip",
        "passport": "passeport",
    },
    "en": {
        "root": "customer",
        "first": "fname",
        "last": "lname",
        "email": "contact",
        "phone": "tel",
        "dob": "bday",
        "address": "addr_line1",
        "id": "gov_id",
        "iban": "payout_account",
        "wallet": "crypto_addr",
        "number": "cust_no",
        "created": "ts",
        "balance": "bal",
        "note": "remarks",
        "ip": "src",
        "passport": "doc_no",
    },
}
_ADMIN_COUNTRY = {"de": "DE", "es": "ES", "fr": "FR", "en": "US"}


def admin(g: _Gen) -> tuple[str, Any]:
    """An in-house admin API: terse or non-English keys nobody will write field rules for."""
    lang = g.pick(("de", "es", "fr", "en"))
    k = _ADMIN_KEYS[lang]
    person = g.person(_ADMIN_COUNTRY[lang] if g.chance(0.7) else None)
    record: dict[str, Any] = {
        k["number"]: g.d("CUSTOMER_NO", f"K-{g.digits(6)}"),
        k["first"]: g.p("FIRST_NAME", person.first),
        k["last"]: g.p("PERSON", person.last),
        k["email"]: g.p("EMAIL_ADDRESS", person.email),
        # A US phone sometimes stored as a JSON number.
        k["phone"]: int(g.p("PHONE_NUMBER", str(person.phone.national_number)))
        if lang == "en" and person.country == "US" and g.chance(0.5)
        else g.p("PHONE_NUMBER", g.phone_typed(person)),
        k["dob"]: g.p("DATE_OF_BIRTH", g.dob_typed(person, g.pick(("iso", "eu_dots", "eu_slash")))),
        k["address"]: g.p("STREET_ADDRESS", person.street),
        k["iban"]: g.p("IBAN_CODE", g.iban(person.country)),
        k["created"]: g.decoy("TIMESTAMP"),
        # The customer's own balance: tier1 sees nothing of it (not an order's amount, a decoy).
        k["balance"]: g.p("ACCOUNT_BALANCE", g.decoy_text("AMOUNT")),
    }
    if g.chance(0.6):
        record[k["id"]] = g.p("NATIONAL_ID", g.national_id(person.country)[1])
    if g.chance(0.5):
        record[k["wallet"]] = g.p("CRYPTO", g.wallet())
    if g.chance(0.4):
        record[k["passport"]] = g.p("PASSPORT", g.passport(person.country))
    if g.chance(0.4):
        record[k["ip"]] = g.p("IP_ADDRESS", g.ip())
    if g.chance(0.5):
        record[k["note"]] = message(g, person)
    body: dict[str, Any] = {
        k["root"]: record,
        "meta": {"request_id": g.decoy("UUID"), "version": g.decoy("VERSION")},
    }
    if g.chance(0.25):
        # Records keyed by e-mail: the personal value is a JSON key.
        other = g.person()
        body["by_email"] = {
            g.p("EMAIL_ADDRESS", other.email): {"id": g.rng.randint(1000, 9999), "vip": False}
        }
    path = g.pick(
        ("/admin/api/customers/", "/internal/kunden/", "/backoffice/clientes/", "/ops/v1/accounts/")
    )
    return f"{path}{g.rng.randint(1000, 999999)}", body


_CUSTOM_LABELS = {
    "PHONE_NUMBER": ("Phone", "Mobile", "Handynummer", "Teléfono", "Contact number"),
    "DATE_OF_BIRTH": ("DOB", "Birthday", "Geburtsdatum", "Date of Birth", "Fecha de nacimiento"),
    "US_SSN": ("SSN", "Social Security Number", "Tax ID (US)"),
    "IBAN_CODE": ("IBAN", "Payout IBAN", "Bankverbindung", "Refund account"),
    "CRYPTO": ("Wallet", "Deposit address", "BTC address", "Withdrawal address"),
    "PASSPORT": ("Passport", "Passport No.", "Reisepassnummer", "ID document"),
    "NATIONAL_ID": ("National ID", "Government ID", "ID number", "Personalausweis"),
    "STREET_ADDRESS": ("Address", "Street", "Shipping address", "Anschrift"),
    "BANK_ACCOUNT": ("Bank account", "Account number (bank)", "Kontonummer"),
    "IP_ADDRESS": ("Signup IP", "Last IP", "IP"),
}
_DECOY_LABELS = {
    "ORDER": "Order number",
    "TRACKING": "Tracking",
    "SKU": "Product",
    "VERSION": "App version",
    "AMOUNT": "Amount",
    "INVOICE": "Invoice",
    "REF": "Case reference",
}


def _exchange_wallet(g: _Gen) -> tuple[str, str]:
    """An asset and a withdrawal address on its chain, beyond the common ones."""
    payload = bytes(g.rng.getrandbits(8) for _ in range(20))
    asset = g.pick(("SOL", "DOGE", "BCH", "ATOM", "XMR", "ETH", "TRX"))
    if asset == "SOL":
        return asset, base58(bytes(g.rng.getrandbits(8) for _ in range(32)))
    if asset == "DOGE":
        return asset, base58check(b"\x1e" + payload)
    if asset == "BCH":
        address = cashaddr(payload)
        return asset, address if g.chance(0.5) else address.split(":", 1)[1]
    if asset == "ATOM":
        return asset, bech32_address("cosmos", _five_bit(payload))
    if asset == "XMR":
        return asset, "4" + "".join(g.pick(B58) for _ in range(94))
    return asset, g.wallet(asset.lower() if asset == "ETH" else "trx")


def exchange(g: _Gen) -> tuple[str, Any]:
    """An exchange's own back office, nobody's field rules: names in parts, a display name that is
    the e-mail, balances per asset, withdrawals to many chains, a card kept in number groups, a
    report sent as a table."""
    person = g.person()
    while True:
        card = g.card().replace(" ", "").replace("-", "")
        groups = [card[i : i + 4] for i in range(0, len(card), 4)]
        if len(card) == 16 and not any(group.startswith("0") for group in groups):
            break
    account: dict[str, Any] = {
        "uid": g.d("ORDER", f"U{g.digits(9, '123456789')}"),
        "display_name": g.p("EMAIL_ADDRESS", person.email),
        "name": {"givenName": g.p("FIRST_NAME", person.first), "familyName": g.p("PERSON", person.last)},
        "balances": {
            asset: g.p("ACCOUNT_BALANCE", f"{g.rng.randint(0, 900)}.{g.digits(4)}")
            for asset in ("BTC", "ETH", "USDT")[: g.rng.randint(1, 3)]
        },
        "withdrawals": [],
        "payment_card": {"last_used": g.decoy("TIMESTAMP"), "groups": [int(x) for x in groups]},
    }
    g.p("CREDIT_CARD", "\n".join(groups))  # as a reader of the numbers sees it: one per line
    for _ in range(g.rng.randint(1, 3)):
        asset, address = _exchange_wallet(g)
        account["withdrawals"].append(
            {"asset": asset, "to": g.p("CRYPTO", address), "amount": g.decoy("AMOUNT"), "id": g.decoy("UUID")}
        )
    body: dict[str, Any] = {"account": account}
    if g.chance(0.5):
        other = g.person()
        body["kyc_report"] = {
            "columns": ["check", "ssn", "phone", "checked_at"],
            "rows": [
                [
                    g.d("SKU", g.pick(("kyc-basic", "kyc-full"))),
                    g.p("US_SSN", g.ssn("bare")),
                    g.p("PHONE_NUMBER", str(other.phone.national_number)),
                    g.decoy("TIMESTAMP"),
                ]
            ],
        }
    # Its own random stream (seeded by the account), so every value drawn above stays as it was.
    body["support_note"] = _seed_note(g, random.Random(account["uid"]))
    return f"/backoffice/v2/accounts/{g.rng.randint(1000, 999999)}", body


_SEED_NOTES = (
    "Customer pasted their recovery phrase: {v} - asked whether the funds are safe.",
    "my seed words are {v} pls check",
    "{v}\nis that enough to restore my wallet?",
    "Backup words (from the customer's photo): {v}",
)


def _seed_note(g: _Gen, rng: random.Random) -> str:
    """A BIP-39 phrase as customers send one: 12 or 24 words, spaced, numbered, comma-separated or
    one per line, sometimes with a typo that breaks its checksum, in English, Spanish or French."""
    language = rng.choice(("english", "english", "english", "spanish", "french"))
    entropy = bytes(rng.getrandbits(8) for _ in range(rng.choice((16, 32))))
    # The lists are stored decomposed (NFKD); people type accents composed.
    words = unicodedata.normalize("NFC", Mnemonic(language).to_mnemonic(entropy)).split()
    if rng.random() < 0.2:
        words[rng.randrange(len(words))] = unicodedata.normalize(
            "NFC", rng.choice(Mnemonic(language).wordlist)
        )
    style = rng.choice(("spaces", "commas", "numbered", "lines", "upper"))
    if style == "commas":
        typed = ", ".join(words)
    elif style == "numbered":
        typed = " ".join(f"{i}. {w}" for i, w in enumerate(words, 1))
    elif style == "lines":
        typed = "\n".join(words)
    else:
        typed = " ".join(words).upper() if style == "upper" else " ".join(words)
    return rng.choice(_SEED_NOTES).format(v=g.p("CRYPTO_SECRET", typed))


def custom_fields(g: _Gen) -> tuple[str, Any]:
    """Name/value arrays of custom fields, in the spellings different tools use."""
    person = g.person()
    label_key, value_key = g.pick(
        (("name", "value"), ("label", "value"), ("key", "val"), ("field", "content"), ("title", "text"))
    )
    entries: list[dict[str, Any]] = []
    for entity in g.rng.sample(sorted(_CUSTOM_LABELS), k=g.rng.randint(3, 6)):
        if entity == "PHONE_NUMBER":
            value = g.phone_typed(person)
        elif entity == "DATE_OF_BIRTH":
            value = g.dob_typed(person)
        elif entity == "US_SSN":
            value = g.ssn()
        elif entity == "IBAN_CODE":
            value = g.iban(person.country)
        elif entity == "CRYPTO":
            value = g.wallet()
        elif entity == "PASSPORT":
            value = g.passport(person.country)
        elif entity == "NATIONAL_ID":
            value = g.national_id(person.country)[1]
        elif entity == "STREET_ADDRESS":
            value = person.street
        elif entity == "BANK_ACCOUNT":
            value = g.bank_account(person.country)
        else:
            value = g.ip()
        entries.append({label_key: g.pick(_CUSTOM_LABELS[entity]), value_key: g.p(entity, value)})
    for kind in g.rng.sample(sorted(_DECOY_LABELS), k=g.rng.randint(1, 3)):
        entries.append({label_key: _DECOY_LABELS[kind], value_key: g.decoy(kind)})
    g.rng.shuffle(entries)
    body = {
        "record": {
            "id": g.rng.randint(10**6, 10**7),
            "display_name": g.p("PERSON", person.full),
            "fields": entries,
            "updated": g.decoy("TIMESTAMP"),
        }
    }
    return f"/crm/records/{body['record']['id']}", body


def thread(g: _Gen) -> tuple[str, Any]:
    """A community/ticket thread nested three levels deep."""
    people = [g.person() for _ in range(3)]

    def post(depth: int, person: Person) -> dict[str, Any]:
        node: dict[str, Any] = {
            "id": g.decoy("UUID"),
            "author": {
                "display_name": g.p("PERSON", person.full)
                if g.chance(0.6)
                else g.p("FIRST_NAME", person.first),
                "email": g.p("EMAIL_ADDRESS", person.email),
            },
            "body": message(g, person),
            "posted_at": g.decoy("TIMESTAMP"),
        }
        if depth < 3:
            node["replies"] = [post(depth + 1, g.pick(people)) for _ in range(g.rng.randint(1, 2))]
        return node

    root = post(1, people[0])
    return f"/community/api/threads/{g.rng.randint(1000, 99999)}", {"thread": root, "status": _status(g)}


def transcript(g: _Gen) -> tuple[str, Any]:
    person = g.person()
    messages = []
    for i in range(g.rng.randint(3, 7)):
        customer = i % 2 == 0
        if customer:
            text = message(g, person, n_pii=g.pick((0, 1, 1, 2)))
        elif g.chance(0.2):
            text = f"I see order {g.decoy('ORDER')} here."
        else:
            text = g.pick(
                (
                    "Could you confirm your date of birth?",
                    "Thanks, one moment please.",
                    "Can you share the wallet address you sent it to?",
                    "What is the best number to reach you?",
                )
            )
        messages.append(
            {"from": "visitor" if customer else "agent", "text": text, "ts": g.decoy("TIMESTAMP")}
        )
    body = {
        "chat_id": g.decoy("UUID"),
        "visitor": {
            "name": g.p("PERSON", person.full),
            "email": g.p("EMAIL_ADDRESS", person.email),
            "ip": g.p("IP_ADDRESS", g.ip()),
        },
        "messages": messages,
    }
    # Its own random stream (seeded by the chat), so every value drawn above stays as it was.
    pasted = random.Random(body["chat_id"])
    if pasted.random() < 0.6:
        messages.append({"from": "visitor", "text": _seed_note(g, pasted), "ts": messages[-1]["ts"]})
    return f"/livechat/v3.5/chats/{body['chat_id']}", body


# ---- HTML


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def html_page(g: _Gen) -> tuple[str, str]:
    person = g.person()
    ticket = g.rng.randint(10000, 99999)
    subject = g.pick(("Refund not received", "Withdrawal stuck", "Update my details", "Card declined"))
    email = person.email
    rows: list[str] = []
    title = f"#{ticket} {subject}"
    if g.chance(0.5):
        title += f" – {g.p('PERSON', person.full)}"
    rows.append(
        f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>{_e(title)}</title></head><body>'
    )
    rows.append(
        f'<header class="ticket-header"><h1>Ticket {g.d("TICKET", f"#{ticket}")}: {_e(subject)}</h1>'
        f'<time datetime="{g.decoy("TIMESTAMP")}">{g.decoy("DATE")}</time>'
        f'<span class="status">{_status(g)}</span></header>'
    )
    attrs = f' data-user-id="{g.rng.randint(1000, 99999)}"'
    if g.chance(0.6):
        attrs += f' data-email="{_e(g.p("EMAIL_ADDRESS", email))}"'
    rows.append(f'<aside class="requester"{attrs}>')
    rows.append(f"<h2>{_e(g.p('PERSON', person.full))}</h2>")
    rows.append(f'<a href="mailto:{_e(g.p("EMAIL_ADDRESS", email))}">{_e(g.p("EMAIL_ADDRESS", email))}</a>')
    if g.chance(0.7):
        phone = g.phone_typed(person)
        rows.append(f'<span class="phone" title="Phone">{_e(g.p("PHONE_NUMBER", phone))}</span>')
    rows.append("<dl>")
    details = [
        ("Date of birth", "DATE_OF_BIRTH", lambda: g.dob_typed(person)),
        ("Address", "STREET_ADDRESS", lambda: person.street),
        ("IBAN", "IBAN_CODE", lambda: g.iban(person.country)),
        ("Last login IP", "IP_ADDRESS", g.ip),
        ("Wallet", "CRYPTO", g.wallet),
        ("Passport", "PASSPORT", lambda: g.passport(person.country)),
        ("SSN", "US_SSN", g.ssn),
    ]
    for label, entity, make in g.rng.sample(details, k=g.rng.randint(2, 5)):
        rows.append(f"<dt>{label}</dt><dd>{_e(g.p(entity, make()))}</dd>")
    rows.append(f"<dt>Customer since</dt><dd>{g.decoy('DATE')}</dd></dl>")
    if g.chance(0.5):
        rows.append(
            f'<form><input type="text" name="phone" value="{_e(g.p("PHONE_NUMBER", g.phone_typed(person)))}">'
            f'<input type="hidden" name="ref" value="{g.decoy("UUID")}"></form>'
        )
    rows.append('</aside><section class="comments">')
    for i in range(g.rng.randint(1, 4)):
        customer = i % 2 == 0
        text = message(g, person) if customer else agent_reply(g, person)
        paragraphs = "".join(f"<p>{_e(line)}</p>" for line in text.split("\n") if line.strip())
        author = g.p("PERSON", person.full) if customer else "Support"
        rows.append(
            f'<article class="comment" data-author="{_e(author)}">{paragraphs}'
            f"<footer>{g.decoy('TIMESTAMP')}</footer></article>"
        )
    rows.append("</section>")
    if g.chance(0.6):
        rows.append(
            '<table class="orders"><tr><th>Order</th><th>Amount</th><th>Tracking</th><th>Product</th></tr>'
        )
        for _ in range(g.rng.randint(1, 3)):
            rows.append(
                f"<tr><td>{g.decoy('ORDER')}</td><td>{_e(g.decoy('AMOUNT'))}</td>"
                f"<td>{g.decoy('TRACKING')}</td><td>{g.decoy('SKU')}</td></tr>"
            )
        rows.append("</table>")
    if g.chance(0.4):
        state = {
            "ticket": ticket,
            "requester": {
                "email": g.p("EMAIL_ADDRESS", email),
                "phone": g.p("PHONE_NUMBER", g.phone_typed(person, "e164")),
            },
            "build": g.decoy("HASH"),
        }
        rows.append(f"<script>window.__TICKET__ = {json.dumps(state)};</script>")
    rows.append(f"<footer>app {g.decoy('VERSION')}</footer></body></html>")
    return f"/agent/tickets/{ticket}", "\n".join(rows)


# ---- CSV


def csv_export(g: _Gen) -> tuple[str, str]:
    declared = g.chance(0.35)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=g.pick(("\n", "\r\n")))
    if declared:
        if g.chance(0.4):  # a title line before the header, as many CRMs and Excel write one
            writer.writerow([g.pick(("Users export", "Kundenexport", "sep=,"))])
        header = [
            "id",
            "name",
            "email",
            "phone",
            "street_address",
            "date_of_birth",
            "ssn",
            "card_number",
            "iban",
            "balance",
            "created_at",
        ]
        writer.writerow(header)
        for _ in range(g.rng.randint(3, 8)):
            p = g.person()
            writer.writerow(
                [
                    g.rng.randint(1, 99999),
                    g.p("PERSON", p.full),
                    g.p("EMAIL_ADDRESS", p.email),
                    g.p("PHONE_NUMBER", g.phone_typed(p)),
                    g.p("STREET_ADDRESS", p.street),
                    g.p("DATE_OF_BIRTH", p.dob.isoformat()),
                    g.p("US_SSN", g.ssn("dash")),
                    g.p("CREDIT_CARD", g.card()),
                    g.p("IBAN_CODE", g.iban(p.country)),
                    g.p("ACCOUNT_BALANCE", f"{g.rng.randint(-500, 25_000)}.{g.digits(2)}"),
                    g.decoy("TIMESTAMP"),
                ]
            )
        return "/api/v2/exports/users.csv", out.getvalue()
    header = [
        "Customer",
        "E-mail",
        "Tel",
        "Geburtsdatum",
        "Adresse",
        "Wallet",
        "Order",
        "Total",
        "Created",
        "Notes",
    ]
    writer.writerow(header)
    for _ in range(g.rng.randint(3, 8)):
        p = g.person()
        writer.writerow(
            [
                g.p("PERSON", p.full),
                g.p("EMAIL_ADDRESS", p.email),
                g.p("PHONE_NUMBER", g.phone_typed(p)),
                g.p("DATE_OF_BIRTH", g.dob_typed(p, g.pick(("iso", "eu_dots", "us")))),
                g.p("STREET_ADDRESS", p.street),
                g.p("CRYPTO", g.wallet()),
                g.decoy("ORDER"),
                g.decoy("AMOUNT"),
                g.decoy("TIMESTAMP"),
                message(g, p, n_pii=g.pick((0, 1)), n_decoys=g.pick((0, 1))),
            ]
        )
    return g.pick(("/reports/export.csv?type=customers", "/admin/exports/kunden.csv")), out.getvalue()


# ---- text/plain


def text_note(g: _Gen) -> tuple[str, str]:
    person = g.person()
    lines = [
        f"Ticket {g.d('TICKET', f'#{g.rng.randint(10000, 99999)}')} - internal note",
        f"Customer: {g.p('PERSON', person.full)}",
    ]
    labelled = [
        ("Email", lambda: g.p("EMAIL_ADDRESS", person.email)),
        ("Phone", lambda: g.p("PHONE_NUMBER", g.phone_typed(person))),
        ("DOB", lambda: g.p("DATE_OF_BIRTH", g.dob_typed(person))),
        ("Card", lambda: g.p("CREDIT_CARD", g.card())),
        ("IBAN", lambda: g.p("IBAN_CODE", g.iban(person.country))),
        ("Address", lambda: g.p("STREET_ADDRESS", person.street)),
        ("Passport", lambda: g.p("PASSPORT", g.passport(person.country))),
        ("IP", lambda: g.p("IP_ADDRESS", g.ip())),
    ]
    for label, make in g.rng.sample(labelled, k=g.rng.randint(2, 5)):
        lines.append(f"{label}: {make()}")
    lines.append(f"Order: {g.decoy('ORDER')} / {g.decoy('AMOUNT')}")
    lines.append("")
    for _ in range(g.rng.randint(1, 3)):
        lines.extend(message(g, person).split("\n"))
    lines.append(f"-- logged {g.decoy('TIMESTAMP')} by agent {g.pick(('sam', 'priya', 'jonas'))}")
    return f"/notes/{g.rng.randint(1000, 99999)}.txt", "\n".join(lines) + "\n"


_JSON_SHAPES: dict[str, tuple[Callable[[_Gen], tuple[str, Any]], int]] = {
    "zendesk.user": (zendesk_user, 30),
    "zendesk.users": (zendesk_users, 12),
    "zendesk.comments": (zendesk_comments, 35),
    "zendesk.ticket": (zendesk_ticket, 15),
    "zendesk.undeclared": (zendesk_undeclared, 40),
    "salesforce": (salesforce, 45),
    "intercom": (intercom, 40),
    "freshdesk": (freshdesk, 40),
    "admin": (admin, 45),
    "custom_fields": (custom_fields, 30),
    "thread": (thread, 25),
    "transcript": (transcript, 25),
    "exchange": (exchange, 25),
}
_TEXT_SHAPES: dict[str, tuple[Callable[[_Gen], tuple[str, str]], str, int]] = {
    "html": (html_page, "text/html", 45),
    "csv": (csv_export, "text/csv", 25),
    "text": (text_note, "text/plain", 28),
}


def _schedule() -> list[str]:
    """Shape names in a fixed interleaved order, proportional to their weights."""
    weights = {name: w for name, (_, w) in _JSON_SHAPES.items()} | {
        n: w for n, (_, _, w) in _TEXT_SHAPES.items()
    }
    total = sum(weights.values())
    order: list[tuple[float, str]] = []
    for name, w in weights.items():
        order.extend(((i + 0.5) / w, name) for i in range(w))
    order.sort()
    assert len(order) == total
    return [name for _, name in order]


def generate(seed: int = SEED, responses: int = RESPONSES) -> list[Sample]:
    """The corpus: `responses` samples, the same for the same seed."""
    fakers = {locale: Faker(locale) for locale, _, _ in _LOCALES}
    schedule = _schedule()
    samples: list[Sample] = []
    for i in range(responses):
        shape = schedule[i % len(schedule)]
        g = _Gen(hash_seed(seed, i), fakers)
        if shape in _JSON_SHAPES:
            path, obj = _JSON_SHAPES[shape][0](g)
            body, content_type = _json(g, obj), "application/json"
        else:
            make, content_type, _ = _TEXT_SHAPES[shape]
            path, text = make(g)
            body = text.encode()
        samples.append(Sample(shape, path, content_type, body, tuple(g.pii), tuple(g.decoys)))
    return samples


def hash_seed(seed: int, index: int) -> int:
    """A per-sample seed that does not depend on Python's per-process string hashing."""
    return int.from_bytes(hashlib.sha256(f"{seed}:{index}".encode()).digest()[:8], "big")
