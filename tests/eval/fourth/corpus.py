"""The fourth corpus: ~400 CRM / helpdesk / KYC / payment / exchange responses with labelled personal values
and decoys. ``generate(seed)`` is deterministic."""

from __future__ import annotations

import html
import json
import random
import re
import string
import uuid
from urllib.parse import quote

from tests.eval.fourth import values as V

SEED = 4_040_404

# --------------------------------------------------------------------------- customers

COUNTRY_WEIGHTS = {
    "US": 18,
    "GB": 9,
    "DE": 6,
    "FR": 6,
    "ES": 5,
    "IT": 5,
    "NL": 4,
    "BR": 6,
    "MX": 4,
    "IN": 6,
    "CN": 2,
    "JP": 2,
    "KR": 2,
    "SG": 2,
    "AR": 2,
    "CL": 1,
    "SE": 2,
    "NO": 1,
    "FI": 1,
    "PL": 3,
    "TR": 3,
    "ZA": 2,
    "CA": 3,
    "NG": 3,
    "RU": 2,
    "CH": 1,
    "BE": 1,
    "AE": 2,
    "ID": 2,
    "VN": 1,
}
CULTURES = {
    "US": ["en", "en", "us_aa", "es", "zh_lat", "in"],
    "GB": ["en", "en", "in", "ng", "pl", "ie"],
    "DE": ["de", "de", "tr"],
    "FR": ["fr", "fr", "ar"],
    "ES": ["es"],
    "IT": ["it"],
    "NL": ["nl"],
    "BR": ["pt"],
    "MX": ["es"],
    "IN": ["in"],
    "CN": ["zh_lat", "cjk"],
    "JP": ["ja_lat", "cjk"],
    "KR": ["ko_lat", "cjk"],
    "SG": ["zh_lat", "in", "en"],
    "AR": ["es", "it"],
    "CL": ["es"],
    "SE": ["nordic"],
    "NO": ["nordic"],
    "FI": ["nordic"],
    "PL": ["pl"],
    "TR": ["tr"],
    "ZA": ["en", "ng"],
    "CA": ["en", "fr"],
    "NG": ["ng"],
    "RU": ["ru_lat", "ru_cyr"],
    "CH": ["de", "fr", "it"],
    "BE": ["nl", "fr"],
    "AE": ["ar", "in"],
    "ID": ["id"],
    "VN": ["vn"],
}
PHONE_C = {"VN": "VN", "CH": "CH"}
ADDR_C = {
    "CL": "MX",
    "AR": "MX",
    "SE": "DE",
    "NO": "DE",
    "FI": "DE",
    "KR": "JP",
    "CN": "SG",
    "CH": "DE",
    "BE": "NL",
    "ID": "SG",
    "VN": "SG",
    "PT": "BR",
}
IBAN_C = {
    "US": None,
    "GB": "GB",
    "DE": "DE",
    "FR": "FR",
    "ES": "ES",
    "IT": "IT",
    "NL": "NL",
    "BR": "BR",
    "SE": "SE",
    "NO": "NO",
    "FI": "FI",
    "PL": "PL",
    "TR": "TR",
    "CH": "CH",
    "BE": "BE",
    "AE": "AE",
    "IE": "IE",
}
LANG = {
    "ES": "es",
    "MX": "es",
    "AR": "es",
    "CL": "es",
    "BR": "pt",
    "FR": "fr",
    "BE": "fr",
    "DE": "de",
    "CH": "de",
    "IT": "it",
    "NL": "nl",
    "PL": "pl",
    "TR": "tr",
    "RU": "ru",
    "ID": "id",
    "JP": "ja",
    "CN": "zh",
}
PASSPORT_C = {
    "US": "US",
    "GB": "GB",
    "DE": "DE",
    "FR": "FR",
    "IN": "IN",
    "CN": "CN",
    "BR": "BR",
    "CA": "CA",
    "IT": "IT",
    "ES": "ES",
    "NL": "NL",
    "JP": "JP",
    "MX": "MX",
    "RU": "RU",
    "NG": "NG",
    "KR": "KR",
    "TR": "TR",
    "PL": "PL",
}
DL_C = {"GB": "GB", "DE": "DE", "FR": "FR", "IT": "IT", "PL": "PL", "NL": "NL", "CA": "CA-ON"}
NATID_NAME = {
    "US": "SSN",
    "GB": "NI number",
    "DE": "Steuer-ID",
    "FR": "numéro de sécurité sociale",
    "ES": "DNI",
    "IT": "codice fiscale",
    "NL": "BSN",
    "BR": "CPF",
    "MX": "CURP",
    "IN": "Aadhaar",
    "CN": "身份证号",
    "JP": "マイナンバー",
    "KR": "RRN",
    "SG": "NRIC",
    "AR": "CUIL",
    "CL": "RUT",
    "SE": "personnummer",
    "NO": "fødselsnummer",
    "FI": "henkilötunnus",
    "PL": "PESEL",
    "TR": "TC kimlik no",
    "ZA": "ID number",
    "CA": "SIN",
    "NG": "NIN",
    "RU": "ИНН",
    "CH": "AHV-Nr.",
    "BE": "rijksregisternummer",
    "AE": "Emirates ID",
    "ID": "NIK",
    "VN": "CCCD",
}


class Cust:
    def __init__(self, rng: random.Random, country: str | None = None, culture: str | None = None):
        self.rng = rng
        self.country = (
            country or rng.choices(list(COUNTRY_WEIGHTS), weights=list(COUNTRY_WEIGHTS.values()))[0]
        )
        culture = culture or rng.choice(CULTURES[self.country])
        self.p = (
            V.cjk_person(rng, {"CN": "zh", "JP": "ja", "KR": "ko"}.get(self.country))
            if culture == "cjk"
            else V.person(rng, culture)
        )
        if self.country == "MX" or (culture == "es" and rng.random() < 0.5 and " " not in self.p["last"]):
            # Spanish-speaking: two surnames
            mat = rng.choice(["Ramírez", "Ortega", "Salinas", "Beltrán", "Zamora", "Cisneros"])
            if " " not in self.p["last"]:
                self.p["last"] = self.p["last"] + " " + mat
                self.p["full"] = self.p["full"] + " " + mat
                self.p["family_tokens"] = sorted(set(self.p["family_tokens"] + [mat]))
        self.female = bool(self.p["female"]) if self.p["female"] is not None else rng.random() < 0.5
        self.first, self.last, self.full = self.p["first"], self.p["last"], self.p["full"]
        self.dob = V.birth_date(rng)
        self.phone_seed = rng.getrandbits(32)
        self.card, self.brand = V.card_number(rng)
        self.iban_cc = IBAN_C.get(self.country) or rng.choice(["DE", "GB", "FR", "ES", "NL", "LT", "IE"])
        self.iban = V.iban(rng, self.iban_cc)
        self.addr = V.street_address(
            rng,
            ADDR_C.get(self.country, self.country)
            if ADDR_C.get(self.country, self.country) in V.ADDRESS_COUNTRIES
            else "US",
        )
        self.wallets = [(k, V.crypto_address(rng, k)) for k in rng.sample(V.CRYPTO_KINDS, 3)]
        self.ips = [V.ipv4(rng), V.ipv6(rng, rng.choice(["compressed", "full", "upper"])), V.ipv4(rng)]
        self.email = V.email_for(rng, self.p)
        self.passport = V.passport_number(
            rng, PASSPORT_C.get(self.country, rng.choice(["US", "GB", "IN", "NG"]))
        )
        self.passport_c = PASSPORT_C.get(self.country, "GB")
        self._natid = None
        self._dl = None

    # --- formatted pieces
    def phone(self, style: str | None = None) -> str:
        style = style or self.rng.choice(
            ["e164", "intl", "national", "national", "intl_dash", "00", "plain", "intl_paren"]
        )
        return V.phone(
            random.Random(self.phone_seed),
            PHONE_C.get(self.country, self.country if self.country in V.PHONE_PLANS else "GB"),
            style,
        )

    def card_fmt(self, style: str | None = None) -> str:
        return V.format_card(
            self.card, self.brand, style or self.rng.choice(["space", "space", "dash", "plain"])
        )

    def iban_fmt(self, style: str | None = None) -> str:
        return V.format_iban(self.iban, style or self.rng.choice(["plain", "print", "print", "lower"]))

    def dob_fmt(self, style: str | None = None) -> str:
        return V.format_date(self.dob, style or self.rng.choice(V.DATE_STYLES_EN))

    def natid(self) -> tuple[str, str, str]:
        """(entity, sub, value)."""
        if self._natid:
            return self._natid
        r, d, f = self.rng, self.dob, self.female
        c = self.country
        fn = {
            "US": lambda: (
                "US_SSN",
                "ssn",
                V.format_ssn(V.us_ssn(r), r.choice(["dash", "dash", "plain", "space"])),
            ),
            "GB": lambda: (
                "NATIONAL_ID",
                "uk_nino",
                r.choice([lambda s: s, lambda s: f"{s[:2]} {s[2:4]} {s[4:6]} {s[6:8]} {s[8]}"])(V.uk_nino(r)),
            ),
            "DE": lambda: ("NATIONAL_ID", "de_steuer_id", V.de_steuer_id(r)),
            "FR": lambda: ("NATIONAL_ID", "fr_nir", V.fr_nir(r, d, f)),
            "ES": lambda: ("NATIONAL_ID", "es_dni", V.spain_dni(r) if r.random() < 0.7 else V.spain_nie(r)),
            "IT": lambda: (
                "NATIONAL_ID",
                "it_codice_fiscale",
                V.codice_fiscale(r, self.first, self.last.replace("'", ""), d, f),
            ),
            "NL": lambda: ("NATIONAL_ID", "nl_bsn", V.bsn(r)),
            "BR": lambda: ("NATIONAL_ID", "br_cpf", V.cpf(r, r.random() < 0.75)),
            "MX": lambda: (
                "NATIONAL_ID",
                "mx_curp",
                V.curp(r, self.first, self.last.split()[0], self.last.split()[-1], d, f),
            ),
            "IN": lambda: (
                "NATIONAL_ID",
                "in_aadhaar",
                r.choice([lambda s: s, V.group4])(V.aadhaar(r)),
            ),
            "CN": lambda: ("NATIONAL_ID", "cn_resident_id", V.cn_resident_id(r, d, f)),
            "JP": lambda: (
                "NATIONAL_ID",
                "jp_my_number",
                r.choice([lambda s: s, V.group4])(V.jp_my_number(r)),
            ),
            "KR": lambda: ("NATIONAL_ID", "kr_rrn", V.kr_rrn(r, d, f)),
            "SG": lambda: ("NATIONAL_ID", "sg_nric", V.sg_nric(r, d)),
            "AR": lambda: ("NATIONAL_ID", "ar_cuil", V.ar_cuil(r, f)),
            "CL": lambda: ("NATIONAL_ID", "cl_rut", V.cl_rut(r, r.choice(["dots", "plain"]))),
            "SE": lambda: ("NATIONAL_ID", "se_personnummer", V.se_personnummer(r, d, r.random() < 0.4)),
            "NO": lambda: ("NATIONAL_ID", "no_fodselsnummer", V.no_fodselsnummer(r, d)),
            "FI": lambda: ("NATIONAL_ID", "fi_hetu", V.fi_hetu(r, d)),
            "PL": lambda: ("NATIONAL_ID", "pl_pesel", V.pesel(r, d, f)),
            "TR": lambda: ("NATIONAL_ID", "tr_kimlik", V.tr_kimlik(r)),
            "ZA": lambda: ("NATIONAL_ID", "za_id", V.za_id(r, d, f)),
            "CA": lambda: (
                "NATIONAL_ID",
                "ca_sin",
                r.choice(
                    [lambda s: s, lambda s: V.group(s, [3, 3, 3]), lambda s: V.group(s, [3, 3, 3], "-")]
                )(V.ca_sin(r)),
            ),
            "NG": lambda: ("NATIONAL_ID", "ng_nin", V.ng_nin(r)),
            "RU": lambda: ("NATIONAL_ID", "ru_inn", V.digits(r, 12, True)),
            "CH": lambda: ("NATIONAL_ID", "ch_ahv", V.ch_ahv(r)),
            "BE": lambda: ("NATIONAL_ID", "be_rrn", V.be_rrn(r, d, f)),
            "AE": lambda: (
                "NATIONAL_ID",
                "ae_emirates_id",
                f"784-{d.year}-{V.digits(r, 7)}-{r.randint(1, 9)}",
            ),
            "ID": lambda: ("NATIONAL_ID", "id_nik", V.id_nik(r, d, f)),
            "VN": lambda: ("NATIONAL_ID", "vn_cccd", "0" + V.digits(r, 11)),
        }[c]
        self._natid = fn()
        return self._natid

    def dl(self) -> tuple[str, str]:
        if self._dl:
            return self._dl
        kind = (
            "US-" + self.rng.choice(V.DL_KINDS_US)[3:]
            if self.country == "US"
            else DL_C.get(self.country, self.rng.choice(["GB", "US-CA", "US-TX", "DE", "AU-NSW"]))
        )
        ctx = {
            "last": self.last,
            "first": self.first,
            "middle": self.p.get("middle", ""),
            "dob": self.dob,
            "female": self.female,
        }
        if kind == "GB" and not re.match(r"^[A-Za-z]", V._strip_accents(self.last)):
            kind = "US-CA"
        self._dl = (kind, V.driver_licence(self.rng, kind, ctx))
        return self._dl


# --------------------------------------------------------------------------- decoys


def _ean13(rng: random.Random) -> str:
    b = rng.choice(["400", "590", "871", "500", "880", "690", "761"]) + V.digits(rng, 9)
    s = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(b))
    return b + str((10 - s % 10) % 10)


def _arn(rng: random.Random) -> str:
    b = rng.choice(["2", "7"]) + V.digits(rng, 21)
    return b + V.luhn_digit(b)


def _ups(rng: random.Random) -> str:
    return (
        "1Z"
        + "".join(rng.choice(string.ascii_uppercase + string.digits) for _ in range(6))
        + V.digits(rng, 10)
    )


def _rf(rng: random.Random) -> str:
    ref = V.digits(rng, rng.randint(9, 15))
    kk = 98 - V.iso7064_mod97_check(ref + "RF00")
    return f"RF{kk:02d}{ref}"


def _not_luhn(rng: random.Random, n: int) -> str:
    while True:
        s = V.digits(rng, n, True)
        if V.luhn_digit(s[:-1]) != s[-1]:
            return s


def _ts(rng: random.Random, style: str | None = None) -> str:
    y, mo, d = rng.randint(2023, 2025), rng.randint(1, 12), rng.randint(1, 28)
    h, mi, s = rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59)
    style = style or rng.choice(["iso_z", "iso_ms", "space", "offset", "epoch", "epoch_ms", "rfc2822"])
    if style == "iso_z":
        return f"{y}-{mo:02d}-{d:02d}T{h:02d}:{mi:02d}:{s:02d}Z"
    if style == "iso_ms":
        return f"{y}-{mo:02d}-{d:02d}T{h:02d}:{mi:02d}:{s:02d}.{rng.randint(0, 999):03d}Z"
    if style == "space":
        return f"{y}-{mo:02d}-{d:02d} {h:02d}:{mi:02d}:{s:02d}"
    if style == "offset":
        return f"{y}-{mo:02d}-{d:02d}T{h:02d}:{mi:02d}:{s:02d}+0{rng.randint(0, 9)}:00"
    if style == "epoch":
        return str(rng.randint(1_690_000_000, 1_760_000_000))
    if style == "epoch_ms":
        return str(rng.randint(1_690_000_000_000, 1_760_000_000_000))
    wd = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][rng.randint(0, 6)]
    return f"{wd}, {d:02d} {V.MONTHS['en3'][mo - 1]} {y} {h:02d}:{mi:02d}:{s:02d} +0000"


def decoy(rng: random.Random, cls: str) -> str:
    r = rng
    if cls == "timestamp":
        return _ts(r)
    if cls == "order_id":
        return r.choice(
            [
                lambda: f"ORD-{r.randint(2023, 2025)}-{r.randint(100000, 999999)}",
                lambda: f"{V.digits(r, 3)}-{V.digits(r, 7)}-{V.digits(r, 7)}",
                lambda: "SO" + V.digits(r, 8),
                lambda: "".join(r.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(10)),
                lambda: _not_luhn(r, 16),
            ]
        )()
    if cls == "ticket_id":
        return r.choice(
            [
                lambda: f"TCK-{r.randint(10000, 999999)}",
                lambda: f"INC{V.digits(r, 7)}",
                lambda: f"SUP-{r.randint(1000, 99999)}",
                lambda: f"CS-{r.randint(2023, 2025)}-{V.digits(r, 6)}",
                lambda: V.digits(r, 9, True),
            ]
        )()
    if cls == "tracking":
        return r.choice(
            [
                lambda: _ups(r),
                lambda: V.group4("9400" + V.digits(r, 18)),
                lambda: V.digits(r, 12, True),
                lambda: "".join(r.choice(string.ascii_uppercase) for _ in range(2)) + V.digits(r, 9) + "GB",
                lambda: "JD" + V.digits(r, 18),
            ]
        )()
    if cls == "uuid":
        return str(uuid.UUID(int=r.getrandbits(128), version=4))
    if cls == "amount":
        return r.choice(
            [
                lambda: f"{r.randint(1, 99)},{r.randint(100, 999)}.{r.randint(0, 99):02d}",
                lambda: f"{r.random() * 3:.8f}",
                lambda: f"{r.randint(1, 9)} {r.randint(100, 999)},{r.randint(0, 99):02d} €",
                lambda: f"R$ {r.randint(1, 9)}.{r.randint(100, 999)},{r.randint(0, 99):02d}",
                lambda: f"{r.randint(100, 99999)}.{r.randint(0, 99):02d} USDT",
                lambda: f"{r.random() * 40:.6f} ETH",
            ]
        )()
    if cls == "price":
        return r.choice(
            [
                lambda: f"${r.randint(5, 999)}.{r.choice(['99', '49', '00', '95'])}",
                lambda: f"€{r.randint(5, 999)},{r.choice(['99', '90', '00'])}",
                lambda: f"£{r.randint(5, 999)}.{r.choice(['99', '49', '00'])}",
                lambda: f"¥{r.randint(1, 99)},{r.randint(100, 999)}",
            ]
        )()
    if cls == "sku":
        return r.choice(
            [
                lambda: (
                    f"SKU-{''.join(r.choice('ABCDEFGHKLMNPRSTX') for _ in range(2))}{V.digits(r, 4)}-{r.choice(['BLK', 'WHT', 'SLV', 'XL', 'M'])}"
                ),
                lambda: (
                    f"LDG-{r.choice(['NANO', 'FLEX', 'STAX'])}-{r.choice(['X', 'S', 'P'])}-{V.digits(r, 2)}"
                ),
                lambda: (
                    f"{V.digits(r, 3)}-{V.digits(r, 4)}-{''.join(r.choice('ABCDEFGH') for _ in range(2))}"
                ),
            ]
        )()
    if cls == "version":
        return r.choice(
            [
                lambda: f"v{r.randint(1, 12)}.{r.randint(0, 30)}.{r.randint(0, 40)}",
                lambda: f"{r.randint(1, 12)}.{r.randint(0, 30)}.{r.randint(0, 40)}.{r.randint(100, 9999)}",
                lambda: f"{r.randint(1, 9)}.{r.randint(0, 20)}.{r.randint(0, 9)}-rc{r.randint(1, 5)}",
                lambda: f"{r.randint(20, 25)}.{r.randint(1, 12)}.{r.randint(1, 9)} ({V.digits(r, 5, True)})",
            ]
        )()
    if cls == "hash":
        return r.choice(
            [
                lambda: f"{r.getrandbits(256):064x}",
                lambda: f"{r.getrandbits(128):032x}",
                lambda: f"{r.getrandbits(160):040x}",
            ]
        )()
    if cls == "tx_hash":
        return V.tx_hash(r, r.random() < 0.5)
    if cls == "product_code":
        return r.choice(
            [
                lambda: _ean13(r),
                lambda: f"978-{r.randint(0, 1)}-{V.digits(r, 3)}-{V.digits(r, 5)}-{r.randint(0, 9)}",
                lambda: (
                    f"MPN {''.join(r.choice('ABCDEFGHJKLMNPQRSTUVWXYZ') for _ in range(2))}{V.digits(r, 3)}{r.choice('LZ')}L/A"
                ),
            ]
        )()
    if cls == "invoice":
        return r.choice(
            [
                lambda: f"INV-{r.randint(2023, 2025)}-{V.digits(r, 5)}",
                lambda: f"F{r.randint(2023, 2025)}/{V.digits(r, 6)}",
                lambda: f"RE-{V.digits(r, 8)}",
            ]
        )()
    if cls == "arn":
        return _arn(r)
    if cls == "routing_number":
        return V.aba_routing(r)
    if cls == "bic":
        return V.bic(r)
    if cls == "rf_reference":
        return _rf(r)
    if cls == "internal_id":
        return r.choice(
            [
                lambda: "cus_" + "".join(r.choice(string.ascii_letters + string.digits) for _ in range(14)),
                lambda: "usr_" + "".join(r.choice(string.ascii_lowercase + string.digits) for _ in range(12)),
                lambda: "500" + "".join(r.choice(string.ascii_letters + string.digits) for _ in range(12)),
                lambda: V.digits(r, 8, True),
                lambda: "UID" + V.digits(r, 9, True),
            ]
        )()
    if cls == "block_height":
        return (
            str(r.randint(780_000, 880_000)) if r.random() < 0.5 else str(r.randint(17_000_000, 21_500_000))
        )
    if cls == "date":
        return f"{r.randint(2023, 2025)}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}"
    if cls == "psp_reference":
        return V.digits(r, 16, True)
    if cls == "case_number":
        return "0" + V.digits(r, 7)
    if cls == "auth_code":
        return "".join(r.choice(string.ascii_uppercase + string.digits) for _ in range(6))
    raise ValueError(cls)


# --------------------------------------------------------------------------- document builder

NON_LATIN = re.compile(r"[\u0400-\u04ff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


class Doc:
    def __init__(self, rng: random.Random, shape: str, path: str, ctype: str):
        self.rng, self.shape, self.path, self.ctype = rng, shape, path, ctype
        self.personal: list[dict] = []
        self.decoys: list[dict] = []
        self.body = ""

    def P(self, typ: str, sub: str, value: str, **extra) -> str:
        lab = {"type": typ, "sub": sub, "value": value}
        lab.update(extra)
        self.personal.append(lab)
        return value

    def D(self, cls: str, value: str | None = None) -> str:
        value = value if value is not None else decoy(self.rng, cls)
        self.decoys.append({"cls": cls, "value": value})
        return value

    # person names in several written forms
    def name(self, c: Cust, form: str = "full") -> str:
        p = c.p
        fam = list(p["family_tokens"])
        if form == "full":
            v = p["full"]
        elif form == "lower":
            v = p["full"].lower()
            fam = [t.lower() for t in fam]
        elif form == "upper":
            v = p["full"].upper()
            fam = [t.upper() for t in fam]
        elif form == "last_first":
            v = f"{p['last']}, {p['first']}"
        elif form == "upper_last_first":
            v = f"{p['last'].upper()} {p['first']}"
            fam = [t.upper() for t in fam]
        elif form == "initial":
            v = f"{p['first'][0]}. {p['last']}"
        elif form == "title":
            t = ("Mrs" if c.female else "Mr") + self.rng.choice([".", ""])
            v = f"{t} {p['last']}"
        elif form == "surname":
            v = p["last"]
        elif form == "surname_upper":
            v = p["last"].upper()
            fam = [t.upper() for t in fam]
        else:
            raise ValueError(form)
        sub = (
            {
                "full": "full_name",
                "lower": "full_name_lower",
                "upper": "full_name_upper",
                "last_first": "last_comma_first",
                "upper_last_first": "LAST_first",
                "initial": "initial_surname",
                "title": "title_surname",
                "surname": "surname_field",
                "surname_upper": "surname_field_upper",
            }[form]
            + "/"
            + p["culture"]
        )
        if NON_LATIN.search(v):
            return self.P(
                "PERSON",
                sub,
                v,
                family=[t for t in fam if not re.search(r"[\u3040-\u30ff\u3400-\u9fff]", t)],
                bounded=False,
            )
        return self.P("PERSON", sub, v, family=fam)

    def email(self, c: Cust, upper: bool = False) -> str:
        e = c.email
        if upper:
            e = e[0].upper() + e[1:]
        return self.P("EMAIL", "email", e)

    def phone(self, c: Cust, style: str | None = None) -> str:
        v = c.phone(style)
        return self.P("PHONE", f"{c.country}/{style or 'mixed'}", v)

    def card(self, c: Cust, style: str | None = None) -> str:
        return self.P("CREDIT_CARD", c.brand, c.card_fmt(style))

    def iban(self, c: Cust, style: str | None = None) -> str:
        return self.P("IBAN", c.iban_cc + "/" + (style or "mixed"), c.iban_fmt(style))

    def dob(self, c: Cust, style: str | None = None) -> str:
        style = style or self.rng.choice(V.DATE_STYLES_EN)
        return self.P(
            "DATE_OF_BIRTH",
            style,
            c.dob_fmt(style),
            bounded=not NON_LATIN.search(V.format_date(c.dob, style)),
        )

    def addr(self, c: Cust) -> str:
        v = c.addr["line"]
        return self.P("STREET_ADDRESS", c.addr["country"], v, bounded=not NON_LATIN.search(v))

    def natid(self, c: Cust) -> str:
        t, sub, v = c.natid()
        return self.P(t, sub, v)

    def passport(self, c: Cust) -> str:
        return self.P("PASSPORT", c.passport_c, c.passport)

    def dl(self, c: Cust) -> str:
        kind, v = c.dl()
        return self.P("DRIVER_LICENCE", kind, v)

    def wallet(self, c: Cust, i: int = 0) -> str:
        kind, v = c.wallets[i % len(c.wallets)]
        return self.P("CRYPTO", kind, v)

    def ip(self, c: Cust, i: int = 0) -> str:
        v = c.ips[i % len(c.ips)]
        return self.P("IP_ADDRESS", "v6" if ":" in v else "v4", v)

    def to_dict(self) -> dict:
        return {
            "path": self.path,
            "content_type": self.ctype,
            "body": self.body,
            "personal": self.personal,
            "decoys": self.decoys,
            "shape": self.shape,
        }


def jdump(obj, ascii_: bool = False, indent: int | None = None) -> str:
    return json.dumps(obj, ensure_ascii=ascii_, indent=indent)


E = html.escape


# --------------------------------------------------------------------------- free text in many languages

TEMPLATES = {
    "en": [
        "hi, my withdrawal of {amount} is stuck for 3 days!! txid {txid}. my name is {name}, registered email {email}. please call me on {phone}",
        "Hello, I am {name}, DOB {dob}. I already uploaded my passport ({passport}) twice and verification keeps failing. Ticket {ticket}",
        "hey so i sent usdt on the wrong network?? from my wallet {wallet} . can u recover it. order {order}",
        "My card ending {last4} was charged twice for order {order}. Full number is {card} if you need it. Billing address {addr}, {city}.",
        "pls update my address to {addr}, {city} {postcode}, i moved. also new number {phone}",
        "I never authorised the login from {ip} !!! someone hacked my account. my {natid_name} is {natid} if u need to verify me",
        "Good morning, please send the refund to my bank: IBAN {iban}, account holder {name}.",
        "name on account: {name_lc}  dob {dob}  last 4 of card {last4}",
        "Hi, it's {first} again. Account is under {surname} (my married name). Email is {email}",
        "Driving licence no. {dl}, issued to {name}. Can you tell me why it was rejected? ref {ticket}",
        "This is {name} calling back about case {ticket}, you can reach me at {phone} after 5pm",
        "I was born {dob} not what's on file. My {natid_name} {natid}. Thanks, {first}",
        "why was my card declined?? {card} exp 09/27, it works everywhere else. order {order}",
        "refund should go back to the card i paid with: {card} ({name})",
    ],
    "es": [
        "hola buenas, soy {name} y no me llega el código de verificación al {phone}. mi {natid_name} es {natid}",
        "Buenos días, quiero retirar a mi cuenta {iban} a nombre de {name}, nací el {dob}.",
        "me cobraron 2 veces en la tarjeta {card} pedido {order} !!!! ayuda",
        "mi dirección nueva es {addr}, {city}. el correo sigue siendo {email} gracias",
        "hola, envié {amount} a la billetera {wallet} y no aparece, hash {txid}",
        "no puedo comprar con mi tarjeta {card}, me sale error, soy {name}",
    ],
    "pt": [
        "oi, meu {natid_name} é {natid} e não consigo sacar. meu nome {name_lc}, nasci em {dob}",
        "Bom dia! Enviei {amount} para a carteira {wallet} e não caiu. Meu whats é {phone}",
        "Moro na {addr}, {city}, CEP {postcode}. Email {email}. pedido {order}",
        "boa tarde, o pix não caiu na minha conta, titular {name}, cartão {card}",
    ],
    "fr": [
        "Bonjour, je m'appelle {name}, née le {dob}. Mon {natid_name} est {natid}. Merci de me rappeler au {phone}.",
        "bonjour j'ai fait un virement depuis {iban} mais rien reçu, référence {ref}",
        "j'habite au {addr} à {city}, c'est marqué sur la facture {order}",
        "Madame, Monsieur, mon passeport n° {passport} a été refusé. Cordialement, {name}",
        "ma carte {card} a été débitée deux fois pour la commande {order}",
    ],
    "de": [
        "Hallo, mein Name ist {name}, geboren am {dob}. Meine {natid_name} lautet {natid}. Bitte um Rückruf unter {phone}.",
        "Guten Tag, Auszahlung auf IBAN {iban} (Kontoinhaber: {name}) ist nicht angekommen. Auftragsnummer {order}",
        "neue Adresse: {addr}, {postcode} {city}. mfg {first}",
        "Sehr geehrte Damen und Herren, mein Führerschein {dl} wurde abgelehnt, Vorgang {ticket}",
        "Kreditkarte {card} wurde zweimal belastet!! Bestellung {order}, {name}",
    ],
    "it": [
        "Salve, sono {name}, {natid_name} {natid}. Il prelievo {ref} è bloccato da giorni.",
        "buongiorno mi chiamo {name_lc} nata il {dob} e abito in {addr}, {city}. cell {phone}",
        "ho inviato {amount} dal mio wallet {wallet} ma non vedo nulla, ordine {order}",
    ],
    "nl": [
        "Hoi, mijn naam is {name}, mijn {natid_name} is {natid}. Ik woon op {addr} in {city}.",
        "goedemiddag, ik heb geld overgemaakt van {iban} maar het staat er nog niet op. tel {phone}",
        "geboortedatum {dob}, mail {email}, bestelling {order}",
    ],
    "pl": [
        "Dzień dobry, nazywam się {name}, {natid_name} {natid}, urodzony {dob}. Proszę o kontakt pod numerem {phone}.",
        "przelew z konta {iban} nie dotarł, zamówienie {order}. pozdrawiam {first}",
        "mieszkam przy {addr}, {city}, mail {email}",
    ],
    "tr": [
        "Merhaba, adım {name}, {natid_name} {natid}. Doğum tarihim {dob}. Telefonum {phone}",
        "para çekme talebim {ref} hala beklemede, cüzdan adresim {wallet}",
        "adresim {addr} {city}, e-posta {email}",
    ],
    "ru": [
        "Здравствуйте, меня зовут {name}, дата рождения {dob}. Паспорт {passport}. Мой телефон {phone}.",
        "добрый день, перевел {amount} на адрес {wallet}, до сих пор не пришло. почта {email}",
        "мой адрес {addr}, {city}. заказ {order}",
    ],
    "id": [
        "halo kak, nama saya {name}, {natid_name} {natid}, lahir {dob}. no hp {phone} ya kak",
        "kak saldo saya belum masuk, alamat wallet {wallet}, tx {txid}",
        "alamat saya {addr}, email {email}, makasih",
    ],
    "ja": [
        "お世話になっております。{name}と申します。生年月日は{dob}です。電話番号は{phone}です。",
        "出金が届いていません。送金先アドレス：{wallet}、{natid_name}{natid}",
        "住所は{addr}です。メール {email}",
    ],
    "zh": [
        "您好，我叫{name}，{natid_name}{natid}，出生日期{dob}。手机{phone}。",
        "我的提现还没到账，地址是{wallet}，订单号{order}",
        "邮箱{email}，住址{addr}",
    ],
}
DOB_STYLE_BY_LANG = {
    "en": V.DATE_STYLES_EN,
    "es": ["es", "eu_slash"],
    "pt": ["pt", "eu_slash"],
    "fr": ["fr", "eu_slash"],
    "de": ["de", "eu_dot"],
    "it": ["it", "eu_slash"],
    "nl": ["nl", "eu_dash"],
    "pl": ["pl", "eu_dot"],
    "tr": ["tr", "eu_dot"],
    "ru": ["ru", "eu_dot"],
    "id": ["id", "eu_slash"],
    "ja": ["ja"],
    "zh": ["zh"],
}


def lang_of(c: Cust) -> str:
    lang = LANG.get(c.country, "en")
    if lang in ("ja", "zh") and not c.p["culture"].startswith("cjk"):
        return "en"
    if lang == "ru" and c.p["culture"] != "ru_cyr" and c.rng.random() < 0.5:
        return "en"
    return lang


def fill(doc: Doc, c: Cust, tmpl: str, lang: str, typos: bool = False) -> str:
    r = doc.rng

    def slot(m: re.Match) -> str:
        k = m.group(1)
        if k == "first":
            return c.first
        if k == "name":
            return doc.name(c, "full" if r.random() < 0.8 else "lower")
        if k == "name_lc":
            return doc.name(c, "lower")
        if k == "surname":
            return doc.name(c, "surname")
        if k == "email":
            return doc.email(c)
        if k == "phone":
            return doc.phone(c, r.choice(["national", "national", "intl", "e164", "plain"]))
        if k == "card":
            return doc.card(c)
        if k == "last4":
            return c.card[-4:]
        if k == "natid":
            return doc.natid(c)
        if k == "natid_name":
            return NATID_NAME[c.country]
        if k == "passport":
            return doc.passport(c)
        if k == "dl":
            return doc.dl(c)
        if k == "iban":
            return doc.iban(c, r.choice(["plain", "print", "print", "lower"]))
        if k == "wallet":
            return doc.wallet(c, r.randint(0, 2))
        if k == "ip":
            return doc.ip(c, 0)
        if k == "dob":
            return doc.dob(c, r.choice(DOB_STYLE_BY_LANG[lang]))
        if k == "addr":
            return doc.addr(c)
        if k == "city":
            return c.addr["city"]
        if k == "postcode":
            return c.addr["postcode"]
        if k in ("amount", "order", "ticket", "txid", "ref"):
            cls = {
                "amount": "amount",
                "order": "order_id",
                "ticket": "ticket_id",
                "txid": "tx_hash",
                "ref": "invoice",
            }[k]
            return doc.D(cls)
        raise KeyError(k)

    text = re.sub(r"\{(\w+)\}", slot, tmpl)
    if typos:
        text = _typo(r, text, doc)
    return text


def _typo(r: random.Random, text: str, doc: Doc) -> str:
    """Insert customer-style noise only outside labelled values and decoys."""
    protected = [x["value"] for x in doc.personal + doc.decoys]
    words = text.split(" ")
    out = []
    for w in words:
        if any(w and (w in p or p in w) for p in protected) or len(w) < 4 or not w.isalpha():
            out.append(w)
            continue
        x = r.random()
        if x < 0.05:
            i = r.randint(1, len(w) - 2)
            w = w[:i] + w[i + 1] + w[i] + w[i + 2 :]
        elif x < 0.08:
            w = w.upper()
        out.append(w)
    return " ".join(out)


def message(doc: Doc, c: Cust, lang: str | None = None, typos: bool = True) -> str:
    lang = lang or lang_of(c)
    return fill(doc, c, doc.rng.choice(TEMPLATES[lang]), lang, typos)


# --------------------------------------------------------------------------- shapes


def sh_freshdesk(rng):
    c = Cust(rng)
    tid = rng.randint(10000, 99999)
    d = Doc(rng, "freshdesk_ticket", f"/api/v2/tickets/{tid}", "application/json")
    desc = message(d, c)
    obj = {
        "id": tid,
        "subject": rng.choice(
            ["Withdrawal pending", "KYC rejected", "Account locked", "Wrong network deposit"]
        ),
        "description_text": desc,
        "status": 2,
        "priority": 3,
        "requester": {
            "id": int(d.D("internal_id", V.digits(rng, 11, True))),
            "name": d.name(c),
            "email": d.email(c),
            "phone": d.phone(c, "intl"),
            "mobile": d.phone(c, "e164"),
        },
        "custom_fields": {
            "cf_date_of_birth": d.dob(c, "iso"),
            "cf_wallet_address": d.wallet(c, 0),
            "cf_kyc_level": 2,
            "cf_user_uid": d.D("internal_id", "UID" + V.digits(rng, 9, True)),
        },
        "created_at": d.D("timestamp", _ts(rng, "iso_z")),
        "updated_at": d.D("timestamp", _ts(rng, "iso_z")),
        "conversations": [
            {
                "id": rng.randint(10**10, 10**11),
                "incoming": True,
                "from_email": c.email,
                "body_text": message(d, c),
                "created_at": _ts(rng, "iso_z"),
            },
            {
                "id": rng.randint(10**10, 10**11),
                "incoming": False,
                "body_text": f"Hi {c.first}, thanks for waiting. Your withdrawal {d.D('tx_hash')} was broadcast at block {d.D('block_height')}.",
                "created_at": _ts(rng, "iso_z"),
            },
        ],
        "tags": ["tier1", "withdrawal"],
    }
    d.body = jdump(obj, indent=rng.choice([None, 2]))
    return d


def sh_helpscout(rng):
    c = Cust(rng)
    cid = rng.randint(1000000, 9999999)
    d = Doc(rng, "helpscout_conversation", f"/v2/conversations/{cid}", "application/json")
    m1 = message(d, c)
    html_body = f"<p>{E(m1)}</p><p>--<br>{E(d.name(c))}<br>{E(d.phone(c, 'intl'))}</p>"
    obj = {
        "id": cid,
        "number": int(d.D("ticket_id", V.digits(rng, 6, True))),
        "subject": "Re: your request",
        "primaryCustomer": {
            "id": rng.randint(10**8, 10**9),
            "first": c.first,
            "last": d.name(c, "surname"),
            "email": d.email(c),
        },
        "createdAt": d.D("timestamp", _ts(rng, "iso_z")),
        "_embedded": {
            "threads": [
                {
                    "id": rng.randint(10**9, 10**10),
                    "type": "customer",
                    "body": html_body,
                    "customer": {"first": c.first, "last": c.last, "email": c.email},
                    "createdAt": _ts(rng, "iso_z"),
                },
                {
                    "id": rng.randint(10**9, 10**10),
                    "type": "note",
                    "body": f"<p>Checked: DOB {E(d.dob(c, 'us'))} matches, address <b>{E(d.addr(c))}</b>. Order {E(d.D('order_id'))}.</p>",
                    "createdAt": _ts(rng, "iso_z"),
                },
            ]
        },
    }
    d.body = jdump(obj, ascii_=rng.random() < 0.5)
    return d


def sh_front(rng):
    c = Cust(rng)
    d = Doc(
        rng,
        "front_message",
        f"/messages/msg_{''.join(rng.choice(string.ascii_lowercase + string.digits) for _ in range(7))}",
        "application/json",
    )
    sms = rng.random() < 0.4
    handle = d.phone(c, "e164") if sms else d.email(c)
    text = message(d, c)
    obj = {
        "_links": {
            "self": "https://api2.frontapp.com/messages/"
            + d.D("internal_id", "msg_" + V.digits(rng, 9, True))
        },
        "type": "sms" if sms else "email",
        "is_inbound": True,
        "created_at": float(
            d.D("timestamp", f"{rng.randint(1690000000, 1760000000)}.{rng.randint(100, 999)}")
        ),
        "recipients": [
            {"handle": handle, "role": "from", "name": d.name(c)},
            {"handle": "support@exchange.example", "role": "to"},
        ],
        "author": None,
        "body": f"<div>{E(text)}</div>",
        "text": text,
        "metadata": {"headers": {"in_reply_to": f"<{d.D('uuid')}@mail.exchange.example>"}},
    }
    d.body = jdump(obj)
    return d


def sh_gladly(rng):
    c = Cust(rng)
    d = Doc(
        rng,
        "gladly_customer",
        f"/api/v1/customer-profiles/{''.join(rng.choice(string.ascii_letters + string.digits) for _ in range(22))}",
        "application/json",
    )
    obj = {
        "id": d.D("internal_id", "".join(rng.choice(string.ascii_letters) for _ in range(22))),
        "name": d.name(c),
        "address": f"{d.addr(c)}, {c.addr['city']} {c.addr['postcode']}",
        "emails": [{"original": d.email(c), "primary": True}],
        "phones": [
            {
                "original": d.phone(c, "national"),
                "type": "MOBILE",
                "normalized": d.phone(c, "e164"),
                "smsPreference": "ON",
            }
        ],
        "externalCustomerId": d.D("internal_id", "UID" + V.digits(rng, 9, True)),
        "customAttributes": {
            "birthDate": d.dob(c, "iso"),
            "vipTier": "gold",
            "lastDepositTx": d.D("tx_hash"),
            "lifetimeVolume": decoy(rng, "amount"),
        },
        "createdAt": d.D("timestamp", _ts(rng, "iso_ms")),
    }
    if rng.random() < 0.5:
        c2 = Cust(rng, c.country)
        obj["phones"].append(
            {"original": d.phone(c2, "intl"), "type": "HOME", "label": f"spouse {d.name(c2)}"}
        )
    d.body = jdump(obj)
    return d


def sh_kustomer(rng):
    c = Cust(rng)
    oid = f"{rng.getrandbits(96):024x}"
    d = Doc(rng, "kustomer_jsonapi", f"/v1/customers/{oid}", "application/json")
    obj = {
        "data": {
            "type": "customer",
            "id": d.D("hash", oid),
            "attributes": {
                "name": d.name(c),
                "displayName": c.first,
                "emails": [{"type": "home", "email": d.email(c)}],
                "phones": [{"type": "mobile", "phone": d.phone(c, "intl")}],
                "locations": [
                    {
                        "type": "home",
                        "address": f"{d.addr(c)}\n{c.addr['city']} {c.addr['postcode']}",
                        "countryCode": c.country,
                    }
                ],
                "birthdayAt": d.dob(c, "iso_ts"),
                "createdAt": d.D("timestamp", _ts(rng, "iso_ms")),
                "custom": {"nationalIdStr": d.natid(c), "riskScoreNum": 37, "walletTxt": d.wallet(c, 1)},
            },
            "relationships": {"org": {"data": {"type": "org", "id": f"{rng.getrandbits(96):024x}"}}},
        },
        "included": [
            {
                "type": "conversation",
                "id": f"{rng.getrandbits(96):024x}",
                "attributes": {
                    "preview": message(d, c)[:200],
                    "channels": ["chat"],
                    "lastMessageAt": _ts(rng, "iso_ms"),
                },
            }
        ],
    }
    # preview may have cut a value; drop labels not present later (checked in finalize)
    d.body = jdump(obj)
    return d


def sh_reamaze_html(rng):
    c = Cust(rng)
    slug = (
        "-".join(rng.choice(["withdrawal", "stuck", "kyc", "help", "card", "refund"]) for _ in range(3))
        + f"-{rng.randint(100, 999)}"
    )
    d = Doc(rng, "reamaze_console_html", f"/admin/conversations/{slug}", "text/html")
    nm = d.name(c)
    msgs = "".join(
        f'<div class="message customer"><div class="meta">{E(nm)} · {E(d.D("timestamp", _ts(rng, "space")))}</div><div class="body">{E(message(d, c))}</div></div>'
        for _ in range(2)
    )
    tel = c.phone("e164")
    d.P("PHONE", f"{c.country}/tel_href", tel)
    body = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{E(nm)} – Re:amaze</title></head>
<body><div id="app" data-conversation="{E(slug)}">
<aside class="customer-card" data-customer-email="{E(d.email(c))}">
<h2>{E(nm)}</h2>
<dl>
<dt>Email</dt><dd><a href="mailto:{E(c.email)}">{E(c.email)}</a></dd>
<dt>Phone</dt><dd><a href="tel:{E(tel)}">{E(d.phone(c, "national"))}</a></dd>
<dt>Address</dt><dd>{E(d.addr(c))}<br>{E(c.addr["city"])} {E(c.addr["postcode"])}</dd>
<dt>Date of birth</dt><dd>{E(d.dob(c, rng.choice(["en_long", "us", "eu_slash"])))}</dd>
<dt>Last IP</dt><dd><code>{E(d.ip(c, 0))}</code></dd>
<dt>Order</dt><dd>{E(d.D("order_id"))}</dd>
</dl>
<form class="edit"><input name="full_name" value="{E(c.full)}"><input name="wallet" value="{E(d.wallet(c, 0))}"></form>
</aside>
<section class="thread">{msgs}</section>
<footer>app {E(d.D("version"))}</footer>
</div></body></html>"""
    d.body = body
    return d


def sh_twilio(rng):
    acct = "AC" + f"{rng.getrandbits(128):032x}"
    d = Doc(rng, "twilio_sms_log", f"/2010-04-01/Accounts/{acct}/Messages.json", "application/json")
    msgs = []
    for _ in range(rng.randint(3, 5)):
        c = Cust(rng)
        inbound = rng.random() < 0.5
        num = d.phone(c, "e164")
        lang = lang_of(c)
        if inbound:
            bodytext = message(d, c, lang)
        else:
            bodytext = rng.choice(
                [
                    f"Your verification code is {rng.randint(100000, 999999)}. Do not share it.",
                    f"Hi {c.first}, your withdrawal {d.D('amount')} has been sent. Ref {d.D('invoice')}",
                    f"Security alert: new login from {d.ip(c, 0)}. Not you? Reply STOP.",
                ]
            )
        msgs.append(
            {
                "sid": d.D("internal_id", "SM" + f"{rng.getrandbits(128):032x}"),
                "from": num if inbound else "+14155550100",
                "to": "+14155550100" if inbound else num,
                "body": bodytext,
                "status": "delivered" if not inbound else "received",
                "direction": "inbound" if inbound else "outbound-api",
                "date_sent": d.D("timestamp", _ts(rng, "rfc2822")),
                "price": "-0.00790",
                "num_segments": "1",
            }
        )
    d.body = jdump(
        {
            "messages": msgs,
            "page": 0,
            "page_size": 50,
            "uri": f"/2010-04-01/Accounts/{acct}/Messages.json?PageSize=50",
        }
    )
    return d


def sh_vonage_csv(rng):
    d = Doc(rng, "vonage_sms_csv", "/reports/sms/export.csv", "text/csv")
    rows = ["message_id,date_received,from,to,account_id,network,price,status,text"]
    for _ in range(rng.randint(4, 7)):
        c = Cust(rng)
        text = message(d, c, typos=False).replace('"', '""')
        rows.append(
            f"{d.D('uuid')},{d.D('timestamp', _ts(rng, 'space'))},{d.phone(c, 'plain' if rng.random() < 0.5 else 'e164').lstrip('+')},"
            f'447418343000,{f"{rng.getrandbits(32):08x}"},{rng.choice(["23410", "26201", "20801"])},0.0333,delivered,"{text}"'
        )
    d.body = "\n".join(rows) + "\n"
    # phone labels had '+' stripped for e164: fix labels
    for lab in d.personal:
        if lab["type"] == "PHONE" and lab["value"].startswith("+"):
            lab["value"] = lab["value"].lstrip("+")
    return d


SPOKEN = {
    "0": "zero",
    "1": "one",
    "2": "two",
    "3": "three",
    "4": "four",
    "5": "five",
    "6": "six",
    "7": "seven",
    "8": "eight",
    "9": "nine",
}


def sh_call_transcript(rng):
    c = Cust(rng, rng.choice(["US", "US", "GB", "CA", "IN", "ZA", "NG", "SG"]))
    d = Doc(rng, "call_transcript", f"/calls/{d_id(rng)}/transcript.txt", "text/plain")
    t = 0

    def ts():
        nonlocal t
        t += rng.randint(4, 25)
        return f"[{t // 3600:02d}:{t // 60 % 60:02d}:{t % 60:02d}]"

    lines = [f"Call {d.D('uuid')} · queue: tier1-en · recorded {d.D('timestamp', _ts(rng, 'iso_z'))}", ""]
    lines.append(f"{ts()} AGENT: Thank you for calling, who am I speaking with?")
    lines.append(f"{ts()} CUSTOMER: hi yes this is {d.name(c, 'lower')}")
    sp = c.last.upper().replace(" ", "")
    if sp.isalpha() and sp.isascii() and rng.random() < 0.5:
        spelled = "-".join(sp)
        lines.append(f"{ts()} AGENT: Could you spell the last name?")
        lines.append(f"{ts()} CUSTOMER: {d.P('PERSON', 'spelled_surname', spelled)}")
    lines.append(f"{ts()} AGENT: And to verify, your date of birth?")
    lines.append(f"{ts()} CUSTOMER: {d.dob(c, rng.choice(['en_long', 'en_ord', 'us_short', 'en_uk']))}")
    lines.append(f"{ts()} AGENT: And the phone number on the account?")
    ph = c.phone(rng.choice(["national", "plain"]))
    if rng.random() < 0.4:
        digs = [ch for ch in ph if ch.isdigit()]
        spoken = " ".join(SPOKEN[x] for x in digs)
        lines.append(f"{ts()} CUSTOMER: {d.P('PHONE', c.country + '/spoken', spoken)}")
    else:
        lines.append(f"{ts()} CUSTOMER: it's {d.P('PHONE', c.country + '/asr', ph)}")
    t2, sub, nid = c.natid()
    lines.append(f"{ts()} AGENT: For security, the last four of your {NATID_NAME[c.country]}?")
    if rng.random() < 0.5:
        lines.append(f"{ts()} CUSTOMER: the whole thing is {d.P(t2, sub, nid)} you can have it")
    else:
        lines.append(f"{ts()} CUSTOMER: {' '.join(nid.replace('-', '').replace(' ', '')[-4:])}")
    lines.append(f"{ts()} CUSTOMER: {message(d, c, 'en', typos=False)}")
    lines.append(
        f"{ts()} AGENT: I see the card ending in {c.card[-4:]}, and the deposit {d.D('amount')} from {d.D('timestamp', _ts(rng, 'space'))}."
    )
    lines.append(f"{ts()} CUSTOMER: yeah my address is {d.addr(c)} {c.addr['city']}")
    lines.append(f"{ts()} AGENT: Great, I've opened ticket {d.D('ticket_id')} for you.")
    d.body = "\n".join(lines) + "\n"
    return d


def d_id(rng):
    return "CA" + f"{rng.getrandbits(128):032x}"


def sh_stripe_charge(rng):
    c = Cust(rng, rng.choice(["US", "US", "GB", "DE", "FR", "CA", "NL", "IT", "ES", "BR", "MX", "IN"]))
    chid = d_stripe(rng, "ch_")
    d = Doc(rng, "stripe_charge", f"/v1/charges/{chid}", "application/json")
    obj = {
        "id": d.D("internal_id", chid),
        "object": "charge",
        "amount": int(d.D("amount", str(rng.randint(1000, 500000)))),
        "currency": "usd",
        "created": int(d.D("timestamp", _ts(rng, "epoch"))),
        "billing_details": {
            "address": {
                "city": c.addr["city"],
                "country": c.country,
                "line1": d.addr(c),
                "line2": None,
                "postal_code": c.addr["postcode"],
                "state": None,
            },
            "email": d.email(c),
            "name": d.name(c, rng.choice(["full", "upper"])),
            "phone": d.phone(c, "e164"),
        },
        "customer": d_stripe(rng, "cus_"),
        "description": f"Card top-up {d.D('invoice')}",
        "metadata": {
            "user_uid": d.D("internal_id", "UID" + V.digits(rng, 9, True)),
            "kyc_dob": d.dob(c, "iso"),
            "agent_note": f"customer read out card {c.card_fmt('space')} on phone, verified",
        },
        "payment_method_details": {
            "card": {
                "brand": c.brand,
                "country": c.country,
                "exp_month": rng.randint(1, 12),
                "exp_year": rng.randint(2026, 2031),
                "fingerprint": d.D(
                    "internal_id",
                    "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(16)),
                ),
                "funding": "credit",
                "last4": c.card[-4:],
                "network": c.brand,
                "three_d_secure": {
                    "authentication_flow": "challenge",
                    "result": "authenticated",
                    "version": "2.2.0",
                },
            },
            "type": "card",
        },
        "receipt_email": c.email,
        "receipt_number": d.D("ticket_id", f"{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}"),
        "outcome": {
            "network_status": "approved_by_network",
            "risk_level": "normal",
            "risk_score": rng.randint(1, 60),
            "seller_message": "Payment complete.",
        },
        "shipping": {
            "name": d.name(c),
            "address": {"line1": c.addr["line"], "city": c.addr["city"], "postal_code": c.addr["postcode"]},
            "tracking_number": d.D("tracking"),
        },
    }
    d.P("CREDIT_CARD", c.brand, c.card_fmt("space"))
    d.body = jdump(obj, indent=2)
    return d


def d_stripe(rng, p):
    return p + "".join(
        rng.choice(string.ascii_letters + string.digits) for _ in range(24 if p != "cus_" else 14)
    )


def sh_adyen(rng):
    d = Doc(
        rng, "adyen_notification", f"/adyen/notifications/{rng.randint(10**15, 10**16)}", "application/json"
    )
    items = []
    for _ in range(rng.randint(1, 3)):
        c = Cust(rng, rng.choice(["NL", "DE", "GB", "FR", "BE", "ES", "IT", "SE", "PL", "US"]))
        num = c.addr["line"]
        items.append(
            {
                "NotificationRequestItem": {
                    "additionalData": {
                        "cardHolderName": d.name(c, rng.choice(["full", "upper"])),
                        "shopperEmail": d.email(c),
                        "shopperIP": d.ip(c, 0),
                        "shopperTelephone": d.phone(c, "intl"),
                        "billingAddress.street": d.addr(c),
                        "billingAddress.city": c.addr["city"],
                        "billingAddress.postalCode": c.addr["postcode"],
                        "cardBin": c.card[:6],
                        "cardSummary": c.card[-4:],
                        "expiryDate": f"{rng.randint(1, 12):02d}/{rng.randint(2026, 2031)}",
                        "authCode": d.D("auth_code"),
                        "shopperReference": d.D("internal_id", "UID" + V.digits(rng, 9, True)),
                        "dateOfBirth": d.dob(c, "iso"),
                    },
                    "amount": {"currency": "EUR", "value": int(d.D("amount", str(rng.randint(1000, 99999))))},
                    "eventCode": "AUTHORISATION",
                    "eventDate": d.D("timestamp", _ts(rng, "offset")),
                    "merchantAccountCode": "ExchangeECOM",
                    "merchantReference": d.D("order_id"),
                    "pspReference": d.D("psp_reference"),
                    "paymentMethod": c.brand,
                    "success": "true",
                }
            }
        )
        del num
    d.body = jdump({"live": "true", "notificationItems": items})
    return d


def sh_checkout(rng):
    c = Cust(rng, rng.choice(["GB", "GB", "FR", "DE", "AE", "SG", "US", "IT", "ES"]))
    pid = "pay_" + "".join(rng.choice(string.ascii_lowercase + string.digits) for _ in range(26))
    d = Doc(rng, "checkout_payment", f"/payments/{pid}", "application/json")
    full_ph = c.phone("intl")
    cc_part, _, nat_part = full_ph.partition(" ")
    obj = {
        "id": d.D("internal_id", pid),
        "requested_on": d.D("timestamp", _ts(rng, "iso_ms")),
        "amount": int(d.D("amount", str(rng.randint(500, 250000)))),
        "currency": "GBP",
        "status": "Captured",
        "source": {
            "type": "card",
            "id": "src_" + "".join(rng.choice(string.ascii_lowercase + string.digits) for _ in range(26)),
            "billing_address": {
                "address_line1": d.addr(c),
                "address_line2": "",
                "city": c.addr["city"],
                "zip": c.addr["postcode"],
                "country": c.country,
            },
            "phone": {
                "country_code": cc_part,
                "number": d.P("PHONE", c.country + "/split_national", nat_part),
            },
            "expiry_month": rng.randint(1, 12),
            "expiry_year": rng.randint(2026, 2031),
            "name": d.name(c),
            "scheme": c.brand.title(),
            "last4": c.card[-4:],
            "bin": c.card[:6],
            "card_type": "CREDIT",
            "issuer_country": c.country,
        },
        "customer": {
            "id": "cus_" + "".join(rng.choice(string.ascii_lowercase + string.digits) for _ in range(26)),
            "email": d.email(c),
            "name": c.full,
        },
        "3ds": {"downgraded": False, "enrolled": "Y", "version": d.D("version", f"2.{rng.randint(1, 2)}.0")},
        "risk": {"flagged": False},
        "reference": d.D("order_id"),
        "payment_ip": d.ip(c, 0),
        "_links": {"self": {"href": f"https://api.checkout.com/payments/{pid}"}},
    }
    d.body = jdump(obj)
    return d


def sh_persona(rng):
    c = Cust(rng)
    iid = "inq_" + "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(24))
    d = Doc(rng, "persona_inquiry", f"/api/v1/inquiries/{iid}", "application/json")
    use_dl = rng.random() < 0.5
    idn = d.dl(c) if use_dl else d.passport(c)
    obj = {
        "data": {
            "type": "inquiry",
            "id": d.D("internal_id", iid),
            "attributes": {
                "status": "completed",
                "reference-id": "UID" + V.digits(rng, 9, True),
                "name-first": c.first,
                "name-middle": c.p.get("middle") or None,
                "name-last": d.name(c, "surname"),
                "birthdate": d.dob(c, "iso"),
                "address-street-1": d.addr(c),
                "address-street-2": None,
                "address-city": c.addr["city"],
                "address-postal-code": c.addr["postcode"],
                "address-country-code": c.country,
                "identification-number": idn,
                "phone-number": d.phone(c, "e164"),
                "email-address": d.email(c),
                "created-at": d.D("timestamp", _ts(rng, "iso_ms")),
                "completed-at": _ts(rng, "iso_ms"),
            },
        },
        "included": [
            {
                "type": "verification/government-id",
                "id": "ver_" + "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(24)),
                "attributes": {
                    "status": "passed",
                    "id-class": "dl" if use_dl else "pp",
                    "identification-number": idn,
                    "name-first": c.first,
                    "name-last": c.last,
                    "birthdate": c.dob_fmt("iso"),
                    "expiration-date": d.D("date"),
                    "issuing-country": c.country,
                    "checks": [{"name": "id_barcode_inconsistency_detection", "status": "passed"}],
                },
            },
            {
                "type": "verification/database",
                "attributes": {"status": "passed", "identification-number": d.natid(c)},
            },
        ],
    }
    d.body = jdump(obj, ascii_=rng.random() < 0.3)
    return d


def sh_veriff(rng):
    c = Cust(rng)
    sid = d_uuid(rng)
    d = Doc(rng, "veriff_decision", f"/v1/sessions/{sid}/decision", "application/json")
    doc_type = rng.choice(["PASSPORT", "DRIVERS_LICENSE", "ID_CARD"])
    if doc_type == "PASSPORT":
        dn = d.passport(c)
    elif doc_type == "DRIVERS_LICENSE":
        dn = d.dl(c)
    else:
        t, sub, v = c.natid()
        dn = d.P(t, sub, v) if c.country != "DE" else d.P("NATIONAL_ID", "de_id_card", V.de_id_card(rng))
    obj = {
        "status": "success",
        "verification": {
            "id": d.D("uuid", sid),
            "code": 9001,
            "status": "approved",
            "reason": None,
            "person": {
                "firstName": c.first.upper(),
                "lastName": d.name(c, "surname_upper"),
                "idNumber": d.natid(c) if doc_type != "ID_CARD" else None,
                "dateOfBirth": d.dob(c, "iso"),
                "gender": "F" if c.female else "M",
                "nationality": c.country,
                "placeOfBirth": c.addr["city"].split(",")[0].upper(),
            },
            "document": {
                "number": dn,
                "type": doc_type,
                "country": c.country,
                "validFrom": None,
                "validUntil": d.D("date"),
            },
            "additionalVerifiedData": {},
            "riskLabels": [],
            "decisionTime": d.D("timestamp", _ts(rng, "offset")),
            "acceptanceTime": _ts(rng, "offset"),
            "vendorData": d.D("internal_id", "UID" + V.digits(rng, 9, True)),
        },
        "technicalData": {"ip": d.ip(c, 0)},
    }
    d.body = jdump(obj)
    return d


def d_uuid(rng):
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def sh_trulioo(rng):
    c = Cust(rng, rng.choice(["US", "GB", "CA", "AU" if False else "GB", "DE", "MX", "BR", "IN", "ZA", "NG"]))
    d = Doc(rng, "trulioo_verify", "/verifications/v1/verify", "application/json")
    split_dob = rng.random() < 0.5
    person = {"FirstGivenName": c.first, "FirstSurName": d.name(c, "surname")}
    if split_dob:
        person.update({"DayOfBirth": c.dob.day, "MonthOfBirth": c.dob.month, "YearOfBirth": c.dob.year})
        d.P(
            "DATE_OF_BIRTH",
            "split_fields",
            f"{c.dob.year}-{c.dob.month:02d}-{c.dob.day:02d}",
            pieces=[
                {"key": "DayOfBirth", "value": str(c.dob.day)},
                {"key": "MonthOfBirth", "value": str(c.dob.month)},
                {"key": "YearOfBirth", "value": str(c.dob.year)},
            ],
        )
    else:
        person["DateOfBirth"] = d.dob(c, "iso")
    m = re.match(r"^(\d+[a-zA-Z]?)\s+(.*)$", c.addr["line"])
    if m and rng.random() < 0.6:
        loc = {
            "BuildingNumber": m.group(1),
            "StreetName": m.group(2),
            "City": c.addr["city"],
            "PostalCode": c.addr["postcode"],
        }
        d.P(
            "STREET_ADDRESS",
            c.addr["country"] + "/split",
            c.addr["line"],
            pieces=[
                {"key": "BuildingNumber", "value": m.group(1)},
                {"key": "StreetName", "value": m.group(2)},
            ],
        )
    else:
        loc = {"Address1": d.addr(c), "City": c.addr["city"], "PostalCode": c.addr["postcode"]}
    t, sub, v = c.natid()
    obj = {
        "AcceptTruliooTermsAndConditions": True,
        "CountryCode": c.country,
        "TransactionID": d.D("uuid"),
        "UploadedDt": d.D("timestamp", _ts(rng, "iso_z")),
        "DataFields": {
            "PersonInfo": person,
            "Location": loc,
            "Communication": {"Telephone": d.phone(c, "national"), "EmailAddress": d.email(c)},
            "NationalIds": [
                {"Number": d.P(t, sub, v), "Type": "SocialService" if t == "US_SSN" else "NationalID"}
            ],
            "Passport": {"Number": d.passport(c)},
        },
        "Record": {
            "RecordStatus": "match",
            "DatasourceResults": [
                {
                    "DatasourceName": rng.choice(["Credit Agency 3", "Consumer Database", "Telco"]),
                    "DatasourceFields": [
                        {"FieldName": "FirstSurName", "Status": "match"},
                        {"FieldName": "DayOfBirth", "Status": "match"},
                    ],
                    "AppendedFields": [{"FieldName": "DateOfBirth", "Data": c.dob_fmt("compact")}],
                }
            ],
        },
    }
    d.P("DATE_OF_BIRTH", "compact", c.dob_fmt("compact"))
    if c.country == "US" and rng.random() < 0.6:
        kind, _dlv = c.dl()
        obj["DataFields"]["DriverLicence"] = {"Number": d.dl(c), "State": kind[-2:]}
    d.body = jdump(obj)
    return d


PEP_NAMES = [
    ("Viktor", "Lazarenko-Bryl"),
    ("Hamid", "Zargari"),
    ("Ilse", "Vandermeulen"),
    ("Oleksandr", "Tkachuk"),
    ("Rosario", "Mendieta Pardo"),
    ("Chinedu", "Okereke"),
    ("Marek", "Wróblewski"),
    ("Farida", "Azimova"),
]


def sh_complyadvantage(rng):
    c = Cust(rng)
    sid = rng.randint(10**8, 10**9)
    d = Doc(rng, "complyadvantage_search", f"/searches/{sid}/details", "application/json")
    hits = []
    for g, f in rng.sample(PEP_NAMES, rng.randint(1, 3)):
        full = f"{g} {f}"
        fam = [t for t in f.replace("-", " ").split() if len(t) >= 3] + ([f] if "-" in f else [])
        hd = V.birth_date(rng, 1950, 1985)
        hits.append(
            {
                "doc": {
                    "id": "".join(rng.choice(string.ascii_uppercase + string.digits) for _ in range(26)),
                    "name": d.P("PERSON", "screening_hit", full, family=fam),
                    "entity_type": "person",
                    "aka": [{"name": full.upper()}],
                    "fields": [
                        {
                            "name": "Date of Birth",
                            "value": d.P("DATE_OF_BIRTH", "screening_hit", V.format_date(hd, "iso")),
                        },
                        {"name": "Countries", "value": rng.choice(["Ukraine", "Iran", "Belgium", "Nigeria"])},
                    ],
                    "types": rng.sample(["pep", "pep-class-1", "sanction", "adverse-media"], 2),
                },
                "match_types": ["name_exact" if rng.random() < 0.3 else "name_fuzzy"],
                "score": round(rng.uniform(1.2, 27.5), 2),
                "is_whitelisted": False,
            }
        )
    for h in hits:
        up = h["doc"]["aka"][0]["name"]
        d.P(
            "PERSON",
            "screening_hit_upper",
            up,
            family=[t for t in up.replace("-", " ").split()[1:] if len(t) >= 3],
        )
    obj = {
        "code": 200,
        "status": "success",
        "content": {
            "data": {
                "id": sid,
                "ref": d.D(
                    "internal_id",
                    f"{rng.randint(10**9, 10**10)}-{''.join(rng.choice(string.ascii_letters) for _ in range(8))}",
                ),
                "searcher_id": 4521,
                "search_term": d.name(c),
                "match_status": "potential_match",
                "filters": {"birth_year": c.dob.year, "fuzziness": 0.6, "types": ["sanction", "pep"]},
                "client_ref": "UID" + V.digits(rng, 9, True),
                "submitted_term": d.name(c, "upper"),
                "created_at": d.D("timestamp", _ts(rng, "space")),
                "hits": hits,
                "total_hits": len(hits),
            }
        },
    }
    d.body = jdump(obj)
    return d


def sh_chargeback(rng):
    c = Cust(rng, rng.choice(["US", "US", "GB", "CA", "DE", "FR", "AU" if False else "NL"]))
    dp = "dp_" + "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(24))
    d = Doc(rng, "chargeback_dispute", f"/v1/disputes/{dp}", "application/json")
    c2 = Cust(rng, c.country)
    ship_same = rng.random() < 0.5
    evidence = {
        "access_activity_log": f"Login {d.D('timestamp', _ts(rng, 'iso_z'))} from {d.ip(c, 0)} (Chrome {d.D('version', f'{rng.randint(110, 126)}.0.{rng.randint(1000, 6999)}.{rng.randint(10, 199)}')}); 2FA passed",
        "billing_address": f"{d.addr(c)}, {c.addr['city']} {c.addr['postcode']}",
        "customer_email_address": d.email(c),
        "customer_name": d.name(c),
        "customer_purchase_ip": d.ip(c, 2),
        "shipping_address": (c.addr["line"] if ship_same else d.addr(c2)) + f", {c2.addr['city']}",
        "shipping_carrier": "UPS",
        "shipping_tracking_number": d.D("tracking"),
        "product_description": f"Hardware wallet {d.D('sku')} x1",
        "uncategorized_text": (
            f"Cardholder {c.full} called on {d.D('date')} and confirmed the purchase from phone {d.phone(c, 'national')}. "
            f"Recipient at the shipping address was {d.name(c2)}. Card used {c.card_fmt('dash')}."
        ),
    }
    d.P("CREDIT_CARD", c.brand, c.card_fmt("dash"))
    obj = {
        "id": d.D("internal_id", dp),
        "object": "dispute",
        "amount": int(d.D("amount", str(rng.randint(2000, 90000)))),
        "charge": "ch_" + "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(24)),
        "currency": "usd",
        "reason": "fraudulent",
        "status": "needs_response",
        "evidence": evidence,
        "evidence_details": {"due_by": int(_ts(rng, "epoch")), "has_evidence": True, "submission_count": 0},
        "network_reason_code": d.D(
            "ticket_id", rng.choice(["10.4", "4837", "4853", "13.1"]) + f"/{V.digits(rng, 6, True)}"
        ),
        "payment_method_details": {
            "card": {"brand": c.brand, "network_reason_code": "10.4", "acquirer_reference_number": d.D("arn")}
        },
    }
    d.body = jdump(obj, indent=2)
    return d


def sh_chargeback_letter(rng):
    c = Cust(rng, rng.choice(["US", "GB", "CA", "IE" if False else "GB"]))
    d = Doc(
        rng,
        "chargeback_letter",
        f"/cases/{rng.randint(100000, 999999)}/documents/representment.txt",
        "text/plain",
    )
    lines = [
        "REPRESENTMENT – CARD NOT PRESENT",
        f"Case number: {d.D('case_number')}",
        f"ARN: {d.D('arn')}",
        f"Transaction date: {d.D('date')}    Amount: {d.D('price')}",
        "",
        f"Cardholder name: {d.name(c, 'upper')}",
        f"Card number: {d.card(c, rng.choice(['space', 'plain']))}",
        f"Billing address: {d.addr(c)}, {c.addr['city']} {c.addr['postcode']}",
        f"Email on account: {d.email(c)}",
        f"Phone on account: {d.phone(c, 'national')}",
        f"IP at checkout: {d.ip(c, 0)}   Device ID: {d.D('uuid')}",
        "",
        f"The cardholder, {d.name(c, 'title')}, completed KYC on {d.D('date')} providing government ID no. {d.passport(c) if rng.random() < 0.5 else d.dl(c)}.",
        f"Goods were delivered with tracking {d.D('tracking')} and signed for.",
    ]
    d.body = "\n".join(lines) + "\n"
    return d


def sh_ivms101(rng):
    o, b = Cust(rng), Cust(rng)
    d = Doc(rng, "ivms101_travel_rule", f"/travel-rule/transfers/{d_uuid(rng)}", "application/json")

    def natural(c: Cust, with_id: bool):
        np = {
            "name": {
                "nameIdentifier": [
                    {
                        "primaryIdentifier": d.name(c, rng.choice(["surname", "surname_upper"])),
                        "secondaryIdentifier": c.first,
                        "nameIdentifierType": "LEGL",
                    }
                ]
            }
        }
        if rng.random() < 0.5:
            np["geographicAddress"] = [
                {
                    "addressType": "HOME",
                    "addressLine": [d.addr(c), f"{c.addr['postcode']} {c.addr['city']}"],
                    "country": c.country,
                }
            ]
        else:
            m = re.match(r"^(\d+[a-zA-Z]?)\s+(.*)$", c.addr["line"])
            if m:
                np["geographicAddress"] = [
                    {
                        "addressType": "HOME",
                        "streetName": m.group(2),
                        "buildingNumber": m.group(1),
                        "postCode": c.addr["postcode"],
                        "townName": c.addr["city"],
                        "country": c.country,
                    }
                ]
                d.P(
                    "STREET_ADDRESS",
                    c.addr["country"] + "/ivms_split",
                    c.addr["line"],
                    pieces=[
                        {"key": "buildingNumber", "value": m.group(1)},
                        {"key": "streetName", "value": m.group(2)},
                    ],
                )
            else:
                np["geographicAddress"] = [
                    {
                        "addressType": "HOME",
                        "streetName": d.addr(c),
                        "townName": c.addr["city"],
                        "country": c.country,
                    }
                ]
        if with_id:
            kind = rng.choice(["CCPT", "RAID", "DRLC"])
            if kind == "CCPT":
                val = d.passport(c)
            elif kind == "DRLC":
                val = d.dl(c)
            else:
                val = d.natid(c)
            np["nationalIdentification"] = {
                "nationalIdentifier": val,
                "nationalIdentifierType": kind,
                "countryOfIssue": c.country,
            }
            np["dateAndPlaceOfBirth"] = {
                "dateOfBirth": d.dob(c, "iso"),
                "placeOfBirth": c.addr["city"].split(",")[0],
            }
        np["customerIdentification"] = d.D("internal_id", "UID" + V.digits(rng, 9, True))
        return {"naturalPerson": np}

    asset = rng.choice(["BTC", "ETH", "USDT"])
    obj = {
        "ivms101": {
            "originator": {"originatorPersons": [natural(o, True)], "accountNumber": [d.wallet(o, 0)]},
            "beneficiary": {
                "beneficiaryPersons": [natural(b, rng.random() < 0.3)],
                "accountNumber": [d.wallet(b, 1)],
            },
            "originatingVASP": {
                "originatingVASP": {
                    "legalPerson": {
                        "name": {
                            "nameIdentifier": [
                                {
                                    "legalPersonName": "Example Exchange Ltd",
                                    "legalPersonNameIdentifierType": "LEGL",
                                }
                            ]
                        },
                        "nationalIdentification": {
                            "nationalIdentifier": "5493001KJTIIGC8Y1R12",
                            "nationalIdentifierType": "LEIX",
                        },
                    }
                }
            },
            "beneficiaryVASP": {
                "beneficiaryVASP": {
                    "legalPerson": {
                        "name": {
                            "nameIdentifier": [
                                {
                                    "legalPersonName": "Other VASP GmbH",
                                    "legalPersonNameIdentifierType": "LEGL",
                                }
                            ]
                        }
                    }
                }
            },
        },
        "transfer": {
            "asset": asset,
            "amount": d.D("amount", f"{rng.random() * 5:.8f}"),
            "txHash": d.D("tx_hash"),
            "createdAt": d.D("timestamp", _ts(rng, "iso_z")),
        },
        "protocol": "TRP",
        "version": d.D("version", "v1.1.0") if False else "1.1",
    }
    d.body = jdump(obj)
    return d


def sh_withdrawals(rng):
    c = Cust(rng)
    uid = V.digits(rng, 9, True)
    d = Doc(rng, "exchange_withdrawals", f"/admin/users/{uid}/withdrawals", "application/json")
    rows = []
    for i in range(rng.randint(3, 6)):
        kind, addr = c.wallets[i % 3]
        asset = V.CRYPTO_ASSET[kind]
        row = {
            "id": d.D("internal_id", V.digits(rng, 12, True)),
            "asset": asset,
            "network": V.CRYPTO_NETWORK[asset],
            "address": d.P("CRYPTO", kind, addr),
            "amount": d.D("amount", f"{rng.random() * 3:.8f}"),
            "fee": f"{rng.random() / 1000:.8f}",
            "status": rng.choice(["COMPLETED", "PROCESSING", "REJECTED"]),
            "txid": d.D("tx_hash", V.tx_hash(rng, asset in ("ETH", "USDC"))),
            "created_at": d.D("timestamp", _ts(rng, "epoch_ms")),
            "request_ip": d.ip(c, i % 3),
            "user_agent": f"Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) App/{d.D('version')}",
        }
        if asset == "XRP":
            row["tag"] = str(rng.randint(10**6, 10**9))
        if rng.random() < 0.2:
            row["note"] = f"whitelisted by {c.first} via email {d.email(c)}"
        rows.append(row)
    obj = {
        "user": {"uid": uid, "name": d.name(c), "kycLevel": rng.randint(1, 3)},
        "withdrawals": rows,
        "total": len(rows),
    }
    d.body = jdump(obj)
    return d


def sh_deposits_csv(rng):
    d = Doc(rng, "exchange_deposits_csv", "/exports/deposits-2024-Q3.csv", "text/csv")
    sep = rng.choice([";", "\t", "|"])
    head = [
        "Datum",
        "Nutzer",
        "E-Mail",
        "Währung",
        "Betrag",
        "Absender-IBAN",
        "Absender",
        "Verwendungszweck",
        "Status",
    ]
    rows = [sep.join(head)]
    for _ in range(rng.randint(4, 8)):
        c = Cust(rng, rng.choice(["DE", "DE", "AT" if False else "NL", "FR", "ES", "IT", "BE", "PL", "FI"]))
        amt = d.D("amount", f"{rng.randint(10, 49999)},{rng.randint(0, 99):02d}")
        rows.append(
            sep.join(
                [
                    d.D("timestamp", _ts(rng, "space")),
                    "UID" + V.digits(rng, 9, True),
                    d.email(c),
                    "EUR",
                    amt,
                    d.iban(c, rng.choice(["plain", "print"])),
                    d.name(c, rng.choice(["upper", "full", "upper_last_first"])),
                    d.D("rf_reference") if rng.random() < 0.5 else "Einzahlung " + d.D("order_id"),
                    "GUTGESCHRIEBEN",
                ]
            )
        )
    d.body = "\r\n".join(rows) + "\r\n"
    return d


def sh_graphql(rng):
    c = Cust(rng)
    d = Doc(rng, "graphql_response", "/graphql", "application/json")
    obj = {
        "data": {
            "user": {
                "id": d.D(
                    "internal_id",
                    "VXNlcjo" + "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(10)),
                ),
                "__typename": "User",
                "profile": {
                    "legalName": {"given": c.first, "family": d.name(c, "surname")},
                    "displayName": d.name(c),
                    "dateOfBirth": d.dob(c, rng.choice(["iso", "iso_ts"])),
                    "nationality": c.country,
                    "residentialAddress": {
                        "street1": d.addr(c),
                        "city": c.addr["city"],
                        "postalCode": c.addr["postcode"],
                    },
                    "contact": {"email": d.email(c), "phoneE164": d.phone(c, "e164")},
                },
                "kyc": {
                    "level": "LEVEL_2",
                    "documents": {
                        "edges": [
                            {"node": {"type": "PASSPORT", "number": d.passport(c), "expiresOn": d.D("date")}}
                        ]
                    },
                },
                "wallets": {
                    "edges": [
                        {
                            "node": {
                                "chain": V.CRYPTO_ASSET[k],
                                "address": d.P("CRYPTO", k, a),
                                "balance": decoy(rng, "amount"),
                            }
                        }
                        for k, a in c.wallets[:2]
                    ]
                },
                "loginHistory": [
                    {
                        "ip": d.ip(c, i),
                        "at": d.D("timestamp", _ts(rng, "iso_z")),
                        "userAgent": "okhttp/4.12.0",
                    }
                    for i in range(2)
                ],
            }
        },
        "errors": [
            {
                "message": "Field 'taxResidency' is deprecated",
                "path": ["user", "profile", "taxResidency"],
                "extensions": {"code": "DEPRECATED"},
            }
        ],
        "extensions": {
            "cost": {"requestedQueryCost": 54, "throttleStatus": {"currentlyAvailable": 946}},
            "traceId": d.D("hash", f"{rng.getrandbits(128):032x}"),
        },
    }
    d.body = jdump(obj)
    return d


def sh_odata(rng):
    d = Doc(
        rng,
        "odata_dynamics",
        "/api/data/v9.2/contacts?$select=fullname,emailaddress1,telephone1,address1_line1,birthdate,governmentid&$top=5",
        "application/json",
    )
    vals = []
    for _ in range(rng.randint(2, 4)):
        c = Cust(rng)
        t, sub, v = c.natid()
        vals.append(
            {
                "@odata.etag": d.D("internal_id", f'W/"{rng.randint(10**6, 10**8)}"'),
                "contactid": d.D("uuid"),
                "fullname": d.name(c),
                "firstname": c.first,
                "lastname": d.name(c, "surname"),
                "emailaddress1": d.email(c),
                "telephone1": d.phone(c, rng.choice(["intl", "national"])),
                "mobilephone": None,
                "address1_line1": d.addr(c),
                "address1_city": c.addr["city"],
                "address1_postalcode": c.addr["postcode"],
                "birthdate": d.dob(c, "iso"),
                "governmentid": d.P(t, sub, v),
                "modifiedon": d.D("timestamp", _ts(rng, "iso_z")),
            }
        )
    d.body = jdump(
        {
            "@odata.context": "https://org.crm4.dynamics.com/api/data/v9.2/$metadata#contacts(fullname,emailaddress1)",
            "value": vals,
        }
    )
    return d


def sh_scim(rng):
    c = Cust(rng, rng.choice(["US", "GB", "DE", "IN", "PL", "PH" if False else "ZA", "NG", "BR"]))
    uid = d_uuid(rng)
    d = Doc(rng, "scim_user", f"/scim/v2/Users/{uid}", "application/json")
    obj = {
        "schemas": [
            "urn:ietf:params:scim:schemas:core:2.0:User",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
        ],
        "id": d.D("uuid", uid),
        "externalId": d.D("internal_id", V.digits(rng, 8, True)),
        "userName": d.email(c),
        "name": {"formatted": d.name(c), "familyName": d.name(c, "surname"), "givenName": c.first},
        "displayName": c.full,
        "active": True,
        "emails": [{"value": c.email, "type": "work", "primary": True}],
        "phoneNumbers": [{"value": d.phone(c, "intl"), "type": "mobile"}],
        "addresses": [
            {
                "type": "home",
                "streetAddress": d.addr(c),
                "locality": c.addr["city"],
                "postalCode": c.addr["postcode"],
                "country": c.country,
            }
        ],
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
            "employeeNumber": V.digits(rng, 6, True),
            "costCenter": "CS-EMEA",
            "manager": {"value": d_uuid(rng)},
        },
        "meta": {
            "resourceType": "User",
            "created": d.D("timestamp", _ts(rng, "iso_z")),
            "version": d.D("internal_id", f'W/"{f"{rng.getrandbits(64):016x}"}"'),
        },
    }
    d.body = jdump(obj, indent=2)
    return d


def sh_vcard(rng):
    d = Doc(rng, "vcard", f"/contacts/export/{rng.randint(1000, 9999)}.vcf", "text/plain")
    cards = []
    for _ in range(rng.randint(1, 3)):
        c = Cust(rng)
        v4 = rng.random() < 0.5
        fam = c.last
        n_val = d.P("PERSON", "vcard_N_family/" + c.p["culture"], fam, family=c.p["family_tokens"])
        lines = [
            "BEGIN:VCARD",
            "VERSION:" + ("4.0" if v4 else "3.0"),
            f"N:{n_val};{c.first};;;",
            f"FN:{d.name(c)}",
            (
                f"TEL;TYPE=cell;VALUE=uri:tel:{d.phone(c, 'e164')}"
                if v4
                else f"TEL;TYPE=CELL:{d.phone(c, 'intl')}"
            ),
            f"EMAIL;TYPE=home:{d.email(c)}",
            f"ADR;TYPE=home:;;{d.addr(c).replace(',', chr(92) + ',')};{c.addr['city'].replace(',', chr(92) + ',')};;{c.addr['postcode']};{c.country}",
            f"BDAY:{d.dob(c, 'compact' if not v4 else 'iso')}",
            f"NOTE:Wallet {d.wallet(c, 0)} - VIP since {d.D('date')}",
            f"REV:{d.D('timestamp', _ts(rng, 'iso_z'))}",
            f"UID:urn:uuid:{d.D('uuid')}",
            "END:VCARD",
        ]
        # vCard escapes commas in ADR: relabel address as it appears
        for lab in d.personal:
            if lab["type"] == "STREET_ADDRESS" and lab["value"] == c.addr["line"] and "," in lab["value"]:
                lab["value"] = c.addr["line"].replace(",", "\\,")
                lab["sub"] += "/vcard_escaped"
        cards.append("\r\n".join(lines))
    d.body = "\r\n".join(cards) + "\r\n"
    return d


def sh_ical(rng):
    d = Doc(rng, "icalendar", "/calendar/callbacks.ics", "text/plain")
    ev = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Exchange Support//Callbacks//EN"]
    for _ in range(rng.randint(2, 3)):
        c = Cust(rng)
        nm = d.name(c)
        ev += [
            "BEGIN:VEVENT",
            f"UID:{d.D('uuid')}",
            f"DTSTAMP:{d.D('timestamp', _ts(rng, 'iso_z').replace('-', '').replace(':', ''))}",
            f"DTSTART:{_ts(rng, 'iso_z').replace('-', '').replace(':', '')}",
            f"SUMMARY:Callback - {nm}",
            f'ATTENDEE;CN="{nm}";ROLE=REQ-PARTICIPANT:mailto:{d.email(c)}',
            f"DESCRIPTION:Call {d.phone(c, rng.choice(['intl', 'national']))} re: ticket {d.D('ticket_id')}. Verify DOB {d.dob(c, rng.choice(['eu_slash', 'us', 'iso']))}.",
            f"LOCATION:{d.addr(c).replace(',', chr(92) + ',')}",
            "END:VEVENT",
        ]
        for lab in d.personal:
            if lab["type"] == "STREET_ADDRESS" and lab["value"] == c.addr["line"] and "," in lab["value"]:
                lab["value"] = c.addr["line"].replace(",", "\\,")
    ev.append("END:VCALENDAR")
    d.body = "\r\n".join(ev) + "\r\n"
    return d


def sh_mime(rng):
    c = Cust(rng)
    d = Doc(rng, "mime_email", f"/mail/messages/{rng.randint(10**6, 10**7)}/raw", "text/plain")
    bnd = "----=_Part_" + V.digits(rng, 8)
    nm = d.name(c)
    ascii_name = nm.isascii()
    from_hdr = f'"{nm}" <{d.email(c)}>' if ascii_name else f"{d.email(c)}"
    body_txt = message(d, c, "en", typos=True)
    sig = f"\n\n--\n{nm}\nMobile: {d.phone(c, 'intl')}\n{d.addr(c)}\n"
    lines = [
        f"Return-Path: <{c.email}>",
        f"Received: from [{d.ip(c, 0)}] (unknown [{c.ips[0]}])\r\n\tby mx.exchange.example with ESMTPSA id {d.D('hash', f'{rng.getrandbits(64):016x}')}",
        f"Date: {d.D('timestamp', _ts(rng, 'rfc2822'))}",
        f"From: {from_hdr}",
        "To: support@exchange.example",
        f"Subject: Re: [#{d.D('ticket_id', str(rng.randint(100000, 999999)))}] withdrawal",
        f"Message-ID: <{d.D('uuid')}@mail.gmail.com>",
        "MIME-Version: 1.0",
        f'Content-Type: multipart/alternative; boundary="{bnd}"',
        "",
        f"--{bnd}",
        "Content-Type: text/plain; charset=UTF-8",
        "Content-Transfer-Encoding: 8bit",
        "",
        body_txt + sig,
        "",
        f"> On {_ts(rng, 'space')} Support wrote:",
        "> Hi, can you confirm your date of birth?",
        "",
        f"DOB is {d.dob(c)}",
        f"--{bnd}--",
        "",
    ]
    d.body = "\r\n".join(lines)
    return d


def sh_markdown(rng):
    c = Cust(rng)
    d = Doc(rng, "markdown_ticket", f"/api/tickets/{rng.randint(10000, 99999)}.md", "text/plain")
    t, sub, v = c.natid()
    lines = [
        f"# Ticket {d.D('ticket_id')} — {rng.choice(['Account recovery', 'Address change', 'Deposit missing'])}",
        "",
        f"**Customer:** {d.name(c)}  ",
        f"**Opened:** {d.D('timestamp', _ts(rng, 'space'))}",
        "",
        "| Field | Value |",
        "|---|---|",
        f"| Email | `{d.email(c)}` |",
        f"| Phone | {d.phone(c)} |",
        f"| DOB | {d.dob(c)} |",
        f"| {NATID_NAME[c.country]} | {d.P(t, sub, v)} |",
        f"| Address | {d.addr(c)}, {c.addr['city']} |",
        f"| Wallet | `{d.wallet(c, 1)}` |",
        f"| Last login IP | {d.ip(c, 1)} |",
        "",
        "## Customer says",
        "",
        "> " + message(d, c).replace("\n", "\n> "),
        "",
        "## Notes",
        "",
        f"- checked order {d.D('order_id')} – delivered, tracking {d.D('tracking')}",
        f"- app version {d.D('version')}, device `{d.D('uuid')}`",
    ]
    d.body = "\n".join(lines) + "\n"
    return d


def sh_agent_console(rng):
    c = Cust(rng)
    uid = V.digits(rng, 9, True)
    d = Doc(rng, "agent_console_html", f"/agent/customers/{uid}", "text/html")
    t, sub, v = c.natid()
    wallets = "".join(
        f'<tr><td>{V.CRYPTO_ASSET[k]}</td><td class="mono" title="{E(a)}">{E(d.P("CRYPTO", k, a))}</td><td>{E(decoy(rng, "amount"))}</td></tr>'
        for k, a in c.wallets
    )
    logins = "".join(
        f'<li data-ip="{E(c.ips[i])}">{E(d.ip(c, i))} · {E(d.D("timestamp", _ts(rng, "space")))}</li>'
        for i in range(3)
    )
    split_iban = rng.random() < 0.25
    if split_iban:
        grp = V.group4(c.iban).split(" ")
        iban_html = " ".join(f"<span>{g}</span>" for g in grp)
        d.P("IBAN", c.iban_cc + "/html_spans", " ".join(grp), view="text")
    else:
        iban_html = E(d.iban(c, "print"))
    nm = d.name(c)
    body = f"""<html><head><title>Customer {uid}</title><style>.mono{{font-family:monospace}}</style></head><body>
<header><span class="agent">agent_{rng.randint(100, 999)}</span> <span class="build">{E(d.D("version"))}</span></header>
<main class="customer" data-uid="{uid}">
<h1>{E(nm)} <small>({E(c.first)})</small></h1>
<table class="kv">
<tr><th>E-mail</th><td><a href="mailto:{E(d.email(c))}">{E(c.email)}</a></td></tr>
<tr><th>Mobile</th><td>{E(d.phone(c, "intl"))}</td></tr>
<tr><th>Born</th><td><time datetime="{E(c.dob_fmt("iso"))}">{E(d.dob(c, rng.choice(["en_uk", "dmy_mon", "en_long"])))}</time></td></tr>
<tr><th>{E(NATID_NAME[c.country])}</th><td>{E(d.P(t, sub, v))}</td></tr>
<tr><th>Address</th><td>{E(d.addr(c))}, {E(c.addr["city"])}</td></tr>
<tr><th>Bank</th><td>{iban_html} · BIC {E(d.D("bic"))}</td></tr>
<tr><th>Card</th><td>{E(c.brand)} •••• {c.card[-4:]}</td></tr>
</table>
<h2>Wallets</h2><table>{wallets}</table>
<h2>Recent logins</h2><ul>{logins}</ul>
<h2>Last message</h2><blockquote>{E(message(d, c))}</blockquote>
</main></body></html>"""
    d.P("DATE_OF_BIRTH", "iso_attr", c.dob_fmt("iso"))
    d.body = body
    return d


def sh_csv_customers(rng):
    d = Doc(rng, "csv_customers", "/exports/customers.csv", "text/csv")
    rows = [
        "customer_id,first_name,last_name,email,phone,date_of_birth,address_line1,city,postcode,country,ssn_or_tax_id,created_at"
    ]
    for _ in range(rng.randint(5, 9)):
        c = Cust(rng)
        t, sub, v = c.natid()

        def q(s):
            return f'"{s}"' if ("," in s or '"' in s) else s

        rows.append(
            ",".join(
                [
                    d.D("internal_id", "UID" + V.digits(rng, 9, True)),
                    q(c.first),
                    q(d.name(c, "surname")),
                    d.email(c),
                    q(d.phone(c, rng.choice(["e164", "intl", "national"]))),
                    d.dob(c, rng.choice(["iso", "us", "eu_slash"])),
                    q(d.addr(c)),
                    q(c.addr["city"]),
                    q(c.addr["postcode"]),
                    c.country,
                    q(d.P(t, sub, v)),
                    d.D("timestamp", _ts(rng, "iso_z")),
                ]
            )
        )
    d.body = "\n".join(rows) + "\n"
    return d


def sh_tsv_kyc(rng):
    d = Doc(rng, "tsv_kyc_queue", "/exports/kyc-queue.tsv", "text/csv")
    rows = ["case\tsubmitted\tname\tdoc_type\tdoc_number\tdob\tnationality\tip\tscore"]
    for _ in range(rng.randint(4, 8)):
        c = Cust(rng)
        dt_ = rng.choice(["passport", "driving_licence", "driving_licence", "national_id"])
        num = d.passport(c) if dt_ == "passport" else d.dl(c) if dt_ == "driving_licence" else d.natid(c)
        rows.append(
            "\t".join(
                [
                    d.D("case_number"),
                    d.D("timestamp", _ts(rng, "iso_z")),
                    d.name(c, rng.choice(["full", "upper", "upper_last_first"])),
                    dt_,
                    num,
                    d.dob(c, rng.choice(["iso", "eu_dot", "dmy_mon_up"])),
                    c.country,
                    d.ip(c, 0),
                    str(rng.randint(1, 99)),
                ]
            )
        )
    d.body = "\n".join(rows) + "\n"
    return d


def sh_pipe_payouts(rng):
    d = Doc(rng, "pipe_payouts_txt", "/exports/ach-payouts.txt", "text/plain")
    rows = ["PAYOUT_ID|DATE|BENEFICIARY|ROUTING|ACCOUNT|AMOUNT|MEMO"]
    for _ in range(rng.randint(4, 8)):
        c = Cust(rng, "US")
        acct = V.us_bank_account(rng)
        rows.append(
            "|".join(
                [
                    d.D("internal_id", "PO" + V.digits(rng, 10, True)),
                    d.D("date"),
                    d.name(c, rng.choice(["upper", "full"])),
                    d.D("routing_number"),
                    d.P("BANK_ACCOUNT", "us_ach", acct),
                    d.D("amount", f"{rng.randint(10, 50000)}.{rng.randint(0, 99):02d}"),
                    f"WD {d.D('order_id')}",
                ]
            )
        )
    d.body = "\n".join(rows) + "\n"
    return d


def sh_slack(rng):
    d = Doc(rng, "slack_export", "/api/conversations.history", "application/json")
    msgs = []
    for _ in range(rng.randint(3, 6)):
        c = Cust(rng)
        kind = rng.randint(0, 3)
        e = c.email
        if kind == 0:
            d.P("EMAIL", "slack_link", e)
            txt = f"can someone check <mailto:{e}|{e}>? says deposit {d.D('tx_hash')} missing"
        elif kind == 1:
            txt = f"escalating {d.name(c)} - KYC mismatch, DOB on doc {d.dob(c, 'eu_slash')} vs profile, passport {d.passport(c)}"
        elif kind == 2:
            ph = c.phone("e164")
            d.P("PHONE", c.country + "/slack_tel", ph)
            txt = f"customer asks callback <tel:{ph}|{ph}> ref {d.D('ticket_id')}"
        else:
            txt = f"fraud? same IP {d.ip(c, 0)} on 3 accounts, one is {d.name(c)} wallet `{d.wallet(c, 0)}`"
        msgs.append(
            {
                "type": "message",
                "user": "U" + "".join(rng.choice(string.ascii_uppercase + string.digits) for _ in range(10)),
                "text": txt,
                "ts": d.D("timestamp", f"{rng.randint(1690000000, 1760000000)}.{V.digits(rng, 6)}"),
                "client_msg_id": d_uuid(rng),
            }
        )
    d.body = jdump({"ok": True, "messages": msgs, "has_more": False, "pin_count": 0})
    return d


def sh_elastic(rng):
    d = Doc(rng, "elasticsearch_hits", "/logs-app-2024.06/_search", "application/json")
    hits = []
    for _ in range(rng.randint(3, 6)):
        c = Cust(rng)
        src = {
            "@timestamp": d.D("timestamp", _ts(rng, "iso_ms")),
            "event": {"action": rng.choice(["login", "withdrawal.create", "kyc.submit", "password.reset"])},
            "client": {"ip": d.ip(c, 0), "geo": {"country_iso_code": c.country}},
            "user": {"id": "UID" + V.digits(rng, 9, True), "email": d.email(c), "full_name": d.name(c)},
            "http": {"request": {"method": "POST"}, "response": {"status_code": 200}},
            "trace": {"id": d.D("hash", f"{rng.getrandbits(128):032x}")},
            "message": rng.choice(
                [
                    f"password reset requested for {c.email} from {c.ips[0]}",
                    f"withdrawal to {d.wallet(c, 0)} amount {d.D('amount')}",
                    f"kyc submitted dob={d.dob(c, 'iso')} doc={d.passport(c)}",
                    f"phone changed to {d.phone(c, 'e164')}",
                ]
            ),
        }
        hits.append(
            {
                "_index": ".ds-logs-app-2024.06-000031",
                "_id": d.D(
                    "internal_id",
                    "".join(rng.choice(string.ascii_letters + string.digits + "-_") for _ in range(20)),
                ),
                "_score": round(rng.random() * 12, 6),
                "_source": src,
            }
        )
    d.body = jdump(
        {
            "took": rng.randint(3, 90),
            "timed_out": False,
            "_shards": {"total": 3, "successful": 3, "skipped": 0, "failed": 0},
            "hits": {"total": {"value": len(hits), "relation": "eq"}, "max_score": 11.2, "hits": hits},
        }
    )
    return d


def sh_audit(rng):
    c = Cust(rng)
    c_old = Cust(rng, c.country)
    d = Doc(
        rng, "audit_changelog", f"/admin/audit?entity=user&id={V.digits(rng, 9, True)}", "application/json"
    )
    changes = []
    pairs = [
        ("email", d.email(c_old), d.email(c)),
        ("phone", d.phone(c_old, "e164"), d.phone(c, "e164")),
        ("address.line1", d.addr(c_old), d.addr(c)),
        ("last_name", d.name(c_old, "surname"), d.name(c, "surname")),
        ("withdrawal_whitelist[0]", d.wallet(c_old, 0), d.wallet(c, 0)),
        ("bank.iban", d.iban(c_old, "plain"), d.iban(c, "plain")),
    ]
    rng.shuffle(pairs)
    for f, o, n in pairs[: rng.randint(3, 6)]:
        changes.append(
            {
                "field": f,
                "old": o,
                "new": n,
                "actor": f"agent_{rng.randint(100, 999)}",
                "at": d.D("timestamp", _ts(rng, "iso_z")),
                "request_id": d.D("uuid"),
            }
        )
    # drop labels of values not used
    d.body = jdump({"entity": "user", "changes": changes, "app_version": d.D("version")}, indent=1)
    return d


def sh_typeform(rng):
    c = Cust(rng)
    d = Doc(
        rng,
        "typeform_response",
        f"/forms/{''.join(rng.choice(string.ascii_letters) for _ in range(8))}/responses",
        "application/json",
    )
    t, sub, v = c.natid()
    answers = [
        {
            "field": {"id": "x1", "type": "short_text", "ref": "full_name"},
            "type": "text",
            "text": d.name(c, rng.choice(["full", "lower"])),
        },
        {"field": {"id": "x2", "type": "email", "ref": "email"}, "type": "email", "email": d.email(c)},
        {
            "field": {"id": "x3", "type": "phone_number", "ref": "phone"},
            "type": "phone_number",
            "phone_number": d.phone(c, "e164"),
        },
        {"field": {"id": "x4", "type": "date", "ref": "dob"}, "type": "date", "date": d.dob(c, "iso")},
        {
            "field": {"id": "x5", "type": "long_text", "ref": "what_happened"},
            "type": "text",
            "text": message(d, c),
        },
        {
            "field": {"id": "x6", "type": "short_text", "ref": "id_number"},
            "type": "text",
            "text": d.P(t, sub, v),
        },
        {
            "field": {"id": "x7", "type": "short_text", "ref": "wallet"},
            "type": "text",
            "text": d.wallet(c, 2),
        },
    ]
    obj = {
        "total_items": 1,
        "page_count": 1,
        "items": [
            {
                "landing_id": d.D("hash", f"{rng.getrandbits(128):032x}"),
                "token": f"{rng.getrandbits(128):032x}",
                "response_id": f"{rng.getrandbits(128):032x}",
                "landed_at": d.D("timestamp", _ts(rng, "iso_z")),
                "submitted_at": _ts(rng, "iso_z"),
                "metadata": {
                    "user_agent": "Mozilla/5.0",
                    "platform": "mobile",
                    "network_id": f"{rng.getrandbits(40):010x}",
                },
                "hidden": {"uid": "UID" + V.digits(rng, 9, True)},
                "answers": answers,
            }
        ],
    }
    d.body = jdump(obj)
    return d


def sh_jotform(rng):
    c = Cust(rng)
    d = Doc(rng, "jotform_submission", f"/submission/{V.digits(rng, 19, True)}", "application/json")
    a = c.addr
    obj = {
        "responseCode": 200,
        "message": "success",
        "content": {
            "id": d.D("internal_id", V.digits(rng, 19, True)),
            "form_id": V.digits(rng, 15, True),
            "ip": d.ip(c, 0),
            "created_at": d.D("timestamp", _ts(rng, "space")),
            "status": "ACTIVE",
            "answers": {
                "3": {
                    "name": "fullName",
                    "order": "1",
                    "text": "Full Name",
                    "type": "control_fullname",
                    "answer": {"first": c.first, "last": d.name(c, "surname")},
                    "prettyFormat": d.name(c),
                },
                "4": {
                    "name": "email",
                    "order": "2",
                    "text": "E-mail",
                    "type": "control_email",
                    "answer": d.email(c),
                },
                "5": {
                    "name": "phoneNumber",
                    "order": "3",
                    "text": "Phone Number",
                    "type": "control_phone",
                    "answer": {"full": d.phone(c, "national")},
                    "prettyFormat": c.phone("national"),
                },
                "6": {
                    "name": "address",
                    "order": "4",
                    "text": "Address",
                    "type": "control_address",
                    "answer": {
                        "addr_line1": d.addr(c),
                        "addr_line2": "",
                        "city": a["city"],
                        "postal": a["postcode"],
                        "country": c.country,
                    },
                    "prettyFormat": f"Street Address: {a['line']}<br>City: {a['city']}<br>Postal / Zip Code: {a['postcode']}<br>",
                },
                "7": {
                    "name": "birthDate",
                    "order": "5",
                    "text": "Birth Date",
                    "type": "control_birthdate",
                    "answer": {
                        "month": f"{c.dob.month:02d}",
                        "day": f"{c.dob.day:02d}",
                        "year": str(c.dob.year),
                    },
                    "prettyFormat": d.dob(c, "us"),
                },
                "8": {
                    "name": "cardNumber",
                    "order": "6",
                    "text": "Card used (for refund)",
                    "type": "control_textbox",
                    "answer": d.card(c),
                },
            },
        },
    }
    d.body = jdump(obj)
    return d


def sh_ocr(rng):
    c = Cust(rng)
    kind = rng.choice(["passport", "utility_bill", "bank_statement", "us_dl", "w9"])
    if kind == "us_dl" or kind == "w9":
        c = Cust(rng, "US")
    d = Doc(rng, "ocr_document_" + kind, f"/kyc/documents/{d_uuid(rng)}/ocr.txt", "text/plain")
    if kind == "passport":
        exp = V.birth_date(rng, 2027, 2034)
        nm_up = d.name(c, "surname_upper")
        l1, l2 = V.mrz_td3(
            c.passport,
            c.passport_c,
            c.last,
            c.first + (" " + c.p["middle"] if c.p.get("middle") else ""),
            c.dob,
            exp,
            c.female,
        )
        txt = [
            f"PASSPORT  PASSEPORT   Type P   Code {V.COUNTRY3[c.passport_c].strip('<')}",
            f"Passport No. {d.passport(c)}",
            f"Surname / Nom\n{nm_up}",
            f"Given names / Prénoms\n{c.first.upper()}",
            f"Date of birth / Date de naissance\n{d.dob(c, 'dmy_mon_up')}",
            f"Date of expiry\n{exp.day:02d} {V.MONTHS['en3'][exp.month - 1].upper()} {exp.year}",
            "",
            l1,
            l2,
        ]
        d.P("PASSPORT", "mrz_line2", l2, bounded=False)
        d.P("PERSON", "mrz_line1", l1, bounded=False, family=[])
    elif kind == "utility_bill":
        txt = [
            rng.choice(["OCTOPUS ENERGY", "E.ON Energie", "EDF", "Iberdrola", "Enel Energia"]),
            f"Account number {d.D('internal_id', V.digits(rng, 8, True))}",
            f"Bill date {d.D('date')}",
            "",
            d.name(c, rng.choice(["upper", "full"])),
            d.addr(c),
            f"{c.addr['city']} {c.addr['postcode']}",
            "",
            f"Amount due {d.D('price')}   Meter {d.D('internal_id', V.digits(rng, 10, True))}",
            f"Ref {d.D('rf_reference')}",
        ]
    elif kind == "bank_statement":
        txt = [
            rng.choice(["Deutsche Bank", "ING", "Revolut Bank UAB", "BNP Paribas", "Santander"]),
            "KONTOAUSZUG / STATEMENT",
            f"Account holder: {d.name(c)}",
            f"IBAN: {d.iban(c, 'print')}   BIC: {d.D('bic')}",
            f"Address: {d.addr(c)}, {c.addr['city']}",
            f"Period {d.D('date')} – {_ts(rng, 'space')[:10]}",
            "",
            "Date       Description                         Amount",
            f"{_ts(rng, 'space')[:10]}  SEPA transfer to exchange  {d.D('rf_reference')}  -{d.D('amount', f'{rng.randint(10, 9999)},{rng.randint(0, 99):02d}')}",
            f"{_ts(rng, 'space')[:10]}  CARD {c.card[:4]} XXXX XXXX {c.card[-4:]}  AMAZON MKTPL  -{rng.randint(5, 99)},{rng.randint(0, 99):02d}",
        ]
    elif kind == "us_dl":
        _kind_dl, _dlv = c.dl()
        txt = [
            f"{rng.choice(['CALIFORNIA', 'TEXAS', 'NEW YORK STATE', 'FLORIDA', 'ILLINOIS'])}",
            "DRIVER LICENSE   USA",
            f"DL {d.dl(c)}",
            f"EXP {rng.randint(1, 12):02d}/{rng.randint(1, 28):02d}/{rng.randint(2026, 2031)}",
            f"LN {d.name(c, 'surname_upper')}",
            f"FN {c.first.upper()}",
            d.addr(c).upper() if False else d.P("STREET_ADDRESS", "US/upper", c.addr["line"].upper()),
            c.addr["city"].upper() + " " + c.addr["postcode"],
            f"DOB {d.dob(c, 'us')}",
            f"RSTR NONE   CLASS C   SEX {'F' if c.female else 'M'}   HGT 5'-0{rng.randint(1, 9)}\"",
            f"ISS {d.D('date')}  DD {d.D('internal_id', V.digits(rng, 10, True) + 'X' + V.digits(rng, 5))}",
        ]
    else:  # w9
        txt = [
            "Form W-9 (Rev. March 2024)",
            "Request for Taxpayer Identification Number and Certification",
            "",
            f"1 Name (as shown on your income tax return)\n{d.name(c)}",
            "3a Individual/sole proprietor [X]",
            f"5 Address (number, street, and apt. or suite no.)\n{d.addr(c)}",
            f"6 City, state, and ZIP code\n{c.addr['city']} {c.addr['postcode']}",
            "Part I Taxpayer Identification Number (TIN)",
            f"Social security number\n{d.natid(c)}",
            f"Signature of U.S. person  {c.full.split()[0]}   Date {d.D('date')}",
        ]
    d.body = "\n".join(txt) + "\n"
    return d


def sh_chat(rng):
    country = rng.choice(
        [
            "PL",
            "RU",
            "RU",
            "ID",
            "JP",
            "CN",
            "TR",
            "BR",
            "ES",
            "MX",
            "FR",
            "DE",
            "IT",
            "NL",
            "US",
            "GB",
            "IN",
            "NG",
            "PL",
            "ID",
        ]
    )
    c = Cust(rng, country, "cjk" if country in ("JP", "CN") else ("ru_cyr" if country == "RU" else None))
    lang = lang_of(c)
    d = Doc(rng, "chat_transcript_" + lang, f"/chat/sessions/{d_uuid(rng)}/transcript", "application/json")
    msgs = [{"from": "bot", "text": "Hi! How can we help?", "at": d.D("timestamp", _ts(rng, "iso_z"))}]
    for _ in range(rng.randint(2, 4)):
        msgs.append({"from": "visitor", "text": message(d, c, lang), "at": _ts(rng, "iso_z")})
        msgs.append(
            {
                "from": "agent",
                "text": rng.choice(
                    [
                        "Thanks, checking.",
                        "Un momento por favor.",
                        "Einen Moment bitte.",
                        "Merci, je vérifie.",
                    ]
                ),
                "at": _ts(rng, "iso_z"),
            }
        )
    d.body = jdump(
        {
            "session": {
                "visitor": {"name": d.name(c), "email": d.email(c), "ip": d.ip(c, 0), "lang": lang},
                "messages": msgs,
            }
        },
        ascii_=rng.random() < 0.3,
    )
    return d


def sh_zendesk_comments(rng):
    c = Cust(rng)
    tid = rng.randint(100000, 999999)
    d = Doc(rng, "zendesk_comments", f"/api/v2/tickets/{tid}/comments.json", "application/json")
    comments = []
    for _i in range(rng.randint(2, 3)):
        txt = message(d, c)
        comments.append(
            {
                "id": rng.randint(10**12, 10**13),
                "type": "Comment",
                "author_id": rng.randint(10**11, 10**12),
                "body": txt,
                "html_body": f'<div class="zd-comment" dir="auto"><p dir="auto">{E(txt)}</p></div>',
                "plain_body": txt,
                "public": True,
                "created_at": d.D("timestamp", _ts(rng, "iso_z")),
                "via": {
                    "channel": "email",
                    "source": {
                        "from": {"address": d.email(c), "name": d.name(c)},
                        "to": {"address": "support@exchange.example"},
                    },
                },
                "metadata": {
                    "system": {"client": "Mozilla/5.0", "ip_address": d.ip(c, 0), "location": c.addr["city"]}
                },
            }
        )
    d.body = jdump({"comments": comments, "next_page": None, "previous_page": None, "count": len(comments)})
    return d


def sh_salesforce(rng):
    c = Cust(rng)
    cid = "500" + "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(15))
    d = Doc(rng, "salesforce_case", f"/services/data/v59.0/sobjects/Case/{cid}", "application/json")
    obj = {
        "attributes": {"type": "Case", "url": f"/services/data/v59.0/sobjects/Case/{cid}"},
        "Id": d.D("internal_id", cid),
        "CaseNumber": d.D("case_number"),
        "Subject": "Account access",
        "Status": "New",
        "Origin": "Web",
        "SuppliedName": d.name(c),
        "SuppliedEmail": d.email(c),
        "SuppliedPhone": d.phone(c),
        "Description": message(d, c),
        "Customer_DOB__c": d.dob(c, "iso"),
        "Customer_Address__c": f"{d.addr(c)}\n{c.addr['city']} {c.addr['postcode']}",
        "Wallet_Address__c": d.wallet(c, 0),
        "Gov_ID_Number__c": d.natid(c),
        "CreatedDate": d.D("timestamp", _ts(rng, "iso_ms").replace("Z", "+0000")),
        "Contact": {
            "attributes": {"type": "Contact"},
            "LastName": d.name(c, "surname"),
            "FirstName": c.first,
            "MailingStreet": c.addr["line"],
        },
    }
    d.body = jdump(obj)
    return d


def sh_intercom(rng):
    c = Cust(rng)
    d = Doc(rng, "intercom_conversation", f"/conversations/{V.digits(rng, 12, True)}", "application/json")
    parts = []
    for _ in range(rng.randint(1, 3)):
        parts.append(
            {
                "type": "conversation_part",
                "id": V.digits(rng, 11, True),
                "part_type": "comment",
                "body": f"<p>{E(message(d, c))}</p>",
                "created_at": int(d.D("timestamp", _ts(rng, "epoch"))),
                "author": {
                    "type": "user",
                    "id": f"{rng.getrandbits(96):024x}",
                    "name": c.full,
                    "email": c.email,
                },
            }
        )
    d.name(c)
    d.email(c)
    obj = {
        "type": "conversation",
        "id": V.digits(rng, 12, True),
        "created_at": int(_ts(rng, "epoch")),
        "source": {
            "type": "conversation",
            "delivered_as": "customer_initiated",
            "subject": "",
            "body": f"<p>{E(message(d, c))}</p>",
            "author": {"type": "user", "name": c.full, "email": c.email},
        },
        "contacts": {
            "type": "contact.list",
            "contacts": [
                {
                    "type": "contact",
                    "id": f"{rng.getrandbits(96):024x}",
                    "external_id": "UID" + V.digits(rng, 9, True),
                }
            ],
        },
        "custom_attributes": {
            "Phone": d.phone(c, "intl"),
            "Country": c.country,
            "KYC DOB": d.dob(c, "eu_slash"),
        },
        "conversation_parts": {
            "type": "conversation_part.list",
            "conversation_parts": parts,
            "total_count": len(parts),
        },
        "statistics": {"time_to_admin_reply": rng.randint(30, 9000)},
    }
    d.body = jdump(obj)
    return d


def sh_webhook_log(rng):
    c = Cust(rng)
    d = Doc(
        rng, "webhook_delivery_log", f"/integrations/webhooks/deliveries/{d_uuid(rng)}", "application/json"
    )
    inner = {
        "event": "user.kyc_approved",
        "user": {
            "id": "UID" + V.digits(rng, 9, True),
            "email": d.email(c),
            "first_name": c.first,
            "last_name": d.name(c, "surname"),
            "dob": d.dob(c, "iso"),
            "phone": d.phone(c, "e164"),
            "document_number": d.passport(c),
        },
        "occurred_at": d.D("timestamp", _ts(rng, "iso_z")),
    }
    q = quote(c.email, safe="")
    obj = {
        "id": d.D("uuid"),
        "url": f"https://hooks.partner.example/kyc?user={q}&sig={d.D('hash', f'{rng.getrandbits(256):064x}')}",
        "request_headers": {
            "Content-Type": "application/json",
            "X-Signature": "sha256=" + f"{rng.getrandbits(256):064x}",
        },
        "request_body": json.dumps(inner),
        "response_status": 200,
        "response_body": '{"ok":true}',
        "duration_ms": rng.randint(40, 900),
        "attempt": 1,
    }
    d.P("EMAIL", "urlencoded", q)
    d.body = jdump(obj)
    return d


def sh_fiat_payouts(rng):
    d = Doc(rng, "fiat_withdrawals", "/admin/fiat/withdrawals?status=pending", "application/json")
    items = []
    for _ in range(rng.randint(3, 5)):
        c = Cust(rng, rng.choice(["DE", "FR", "ES", "IT", "NL", "GB", "US", "US", "BR", "PL"]))
        item = {
            "id": d.D("internal_id", "FW" + V.digits(rng, 10, True)),
            "created_at": d.D("timestamp", _ts(rng, "iso_z")),
            "amount": d.D("amount", f"{rng.randint(50, 90000)}.{rng.randint(0, 99):02d}"),
            "currency": "EUR",
            "beneficiary": {"name": d.name(c, rng.choice(["full", "upper"]))},
        }
        if c.country == "US":
            item["currency"] = "USD"
            item["beneficiary"].update(
                {
                    "routing_number": d.D("routing_number"),
                    "account_number": d.P("BANK_ACCOUNT", "us_ach", V.us_bank_account(rng)),
                    "account_type": "checking",
                    "address": d.addr(c),
                }
            )
        elif c.country == "GB" and rng.random() < 0.6:
            item["currency"] = "GBP"
            item["beneficiary"].update(
                {
                    "sort_code": V.uk_sort_code(rng),
                    "account_number": d.P("BANK_ACCOUNT", "uk_account", V.uk_account(rng)),
                }
            )
        elif c.country == "BR":
            item["currency"] = "BRL"
            item["beneficiary"].update(
                {
                    "pix_key": d.natid(c),
                    "bank_code": "260",
                    "agencia": V.digits(rng, 4),
                    "conta": d.P("BANK_ACCOUNT", "br_conta", f"{V.digits(rng, 7, True)}-{rng.randint(0, 9)}"),
                }
            )
        else:
            item["beneficiary"].update({"iban": d.iban(c, rng.choice(["plain", "print"])), "bic": d.D("bic")})
        item["reference"] = d.D("rf_reference") if rng.random() < 0.4 else d.D("invoice")
        items.append(item)
    d.body = jdump({"data": items, "meta": {"page": 1, "per_page": 25}})
    return d


def sh_email_thread(rng):
    c = Cust(rng)
    d = Doc(rng, "email_thread_text", f"/tickets/{rng.randint(10000, 99999)}/thread.txt", "text/plain")
    nm = d.name(c)
    lines = [
        f"From: {nm} <{d.email(c)}>",
        f"Sent: {d.D('timestamp', _ts(rng, 'rfc2822'))}",
        "Subject: RE: Verification",
        "",
        message(d, c),
        "",
        "Kind regards",
        nm,
        d.phone(c, rng.choice(["intl", "national", "intl_paren"])),
        "",
        "-----Original Message-----",
        "From: Support <support@exchange.example>",
        f"Hello {c.first}, please confirm the following details we hold for you:",
        f"> Date of birth: {d.dob(c)}",
        f"> Address: {d.addr(c)}, {c.addr['city']}",
        f"> Withdrawal address: {d.wallet(c, 1)}",
        f"> Reference: {d.D('ticket_id')}",
    ]
    d.body = "\n".join(lines) + "\n"
    return d


def sh_kyc_review_html(rng):
    c = Cust(rng)
    d = Doc(rng, "kyc_review_html", f"/compliance/reviews/{rng.randint(10000, 99999)}", "text/html")
    t, sub, v = c.natid()
    pp = c.passport
    rows = [
        ("Legal name", d.name(c, "upper_last_first")),
        ("Date of birth", d.dob(c, rng.choice(["eu_dot", "dmy_mon", "iso"]))),
        ("Passport", d.passport(c)),
        (NATID_NAME[c.country], d.P(t, sub, v)),
        ("Residential address", d.addr(c) + ", " + c.addr["city"]),
        ("Phone", d.phone(c)),
        ("Source of funds", f"salary; deposit {d.D('amount')}"),
        ("Onboarding IP", d.ip(c, 0)),
    ]
    trs = "\n".join(f'<tr><td>{E(k)}</td><td><input readonly value="{E(vv)}"></td></tr>' for k, vv in rows)
    body = f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>KYC review</title></head><body>
<h1>KYC review {E(d.D("case_number"))}</h1>
<p>Submitted {E(d.D("timestamp", _ts(rng, "iso_z")))} by <span class="applicant">{E(d.name(c))}</span></p>
<table>{trs}</table>
<img alt="passport scan {E(pp)}" src="/files/{E(d.D("uuid"))}.jpg">
<p>Model: <code>{E(d.D("hash"))}</code></p></body></html>"""
    d.body = body
    return d


PRODUCTS = [
    ("Ledger Nano X", "Onyx Black"),
    ("Trezor Safe 3", "Cosmic Black"),
    ("Cold card steel backup", "Steel"),
    ("Exchange hoodie", "XL"),
    ("BitBox02", "Bitcoin-only"),
]


def sh_shopify_order(rng):
    c = Cust(
        rng, rng.choice(["US", "US", "GB", "DE", "FR", "CA", "NL", "IT", "ES", "BR", "AU" if False else "PL"])
    )
    oid = rng.randint(10**12, 10**13)
    d = Doc(rng, "shopify_order", f"/admin/api/2024-04/orders/{oid}.json", "application/json")
    items = []
    for title, variant in rng.sample(PRODUCTS, rng.randint(1, 3)):
        items.append(
            {
                "id": rng.randint(10**12, 10**13),
                "title": title,
                "variant_title": variant,
                "sku": d.D("sku"),
                "barcode": d.D("product_code", _ean13(rng)),
                "price": d.D("price", f"{rng.randint(19, 399)}.{rng.choice(['00', '99', '50'])}"),
                "quantity": rng.randint(1, 2),
                "vendor": "Exchange Store",
            }
        )
    addr = {
        "first_name": c.first,
        "last_name": d.name(c, "surname"),
        "name": d.name(c),
        "address1": d.addr(c),
        "address2": "",
        "city": c.addr["city"],
        "zip": c.addr["postcode"],
        "country_code": c.country,
        "phone": d.phone(c, "national"),
    }
    obj = {
        "order": {
            "id": oid,
            "name": d.D("order_id", f"#{rng.randint(1001, 99999)}"),
            "email": d.email(c),
            "contact_email": c.email,
            "phone": d.phone(c, "e164"),
            "browser_ip": d.ip(c, 0),
            "created_at": d.D("timestamp", _ts(rng, "offset")),
            "currency": "USD",
            "total_price": d.D("price", f"{rng.randint(50, 900)}.{rng.randint(0, 99):02d}"),
            "token": d.D("hash", f"{rng.getrandbits(128):032x}"),
            "line_items": items,
            "shipping_address": addr,
            "billing_address": dict(addr),
            "fulfillments": [
                {
                    "id": rng.randint(10**9, 10**10),
                    "tracking_company": "UPS",
                    "tracking_number": d.D("tracking"),
                    "status": "success",
                }
            ],
            "note": message(d, c) if rng.random() < 0.4 else None,
            "client_details": {
                "browser_ip": c.ips[0],
                "user_agent": "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4)",
            },
        }
    }
    d.body = jdump(obj)
    return d


def sh_alloy(rng):
    c = Cust(rng, "US")
    d = Doc(
        rng,
        "alloy_kyc_evaluation",
        f"/v1/evaluations/S-{''.join(rng.choice(string.ascii_letters + string.digits) for _ in range(20))}",
        "application/json",
    )
    _, _, ssn = c.natid()
    raw = re.sub(r"\D", "", ssn)
    kind, _dlv = c.dl()
    obj = {
        "status_code": 201,
        "error": None,
        "timestamp": int(d.D("timestamp", _ts(rng, "epoch_ms"))),
        "evaluation_token": d.D(
            "internal_id", "S-" + "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(20))
        ),
        "entity_token": "P-" + "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(20)),
        "summary": {
            "result": "success",
            "score": round(rng.random(), 3),
            "tags": ["Bureau Match", "SSN Match", "Low Fraud Risk"],
            "outcome": "Approved",
        },
        "supplied": {
            "name_first": c.first,
            "name_last": d.name(c, "surname"),
            "document_ssn": d.P("US_SSN", "ssn_plain", raw),
            "birth_date": d.dob(c, "iso"),
            "address_line_1": d.addr(c),
            "address_city": c.addr["city"].split(",")[0],
            "address_postal_code": c.addr["postcode"],
            "document_license": d.dl(c),
            "document_license_state": kind[-2:],
            "phone_number": d.phone(c, "plain"),
            "email_address": d.email(c),
            "ip_address_v4": d.ip(c, 0),
        },
        "formatted": {
            "document_ssn": d.P("US_SSN", "ssn_dash", V.format_ssn(raw, "dash")),
            "phone_number": d.phone(c, "e164"),
            "birth_date": d.dob(c, "us"),
        },
        "meta": {"application_version": d.D("version")},
    }
    d.body = jdump(obj)
    return d


def sh_plaid(rng):
    c = Cust(rng, "US")
    d = Doc(rng, "plaid_identity_auth", "/identity/get", "application/json")
    acct = V.us_bank_account(rng)
    aid = "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(37))
    obj = {
        "accounts": [
            {
                "account_id": d.D("internal_id", aid),
                "balances": {
                    "available": round(rng.random() * 9000, 2),
                    "current": round(rng.random() * 9000, 2),
                    "iso_currency_code": "USD",
                },
                "mask": acct[-4:],
                "name": "Checking",
                "official_name": "Everyday Checking",
                "subtype": "checking",
                "type": "depository",
                "owners": [
                    {
                        "names": [d.name(c, rng.choice(["full", "upper"]))],
                        "phone_numbers": [{"data": d.phone(c, "plain"), "primary": True, "type": "mobile"}],
                        "emails": [{"data": d.email(c), "primary": True, "type": "primary"}],
                        "addresses": [
                            {
                                "data": {
                                    "street": d.addr(c),
                                    "city": c.addr["city"].split(",")[0],
                                    "postal_code": c.addr["postcode"],
                                    "country": "US",
                                },
                                "primary": True,
                            }
                        ],
                    }
                ],
            }
        ],
        "numbers": {
            "ach": [
                {
                    "account": d.P("BANK_ACCOUNT", "us_ach", acct),
                    "account_id": aid,
                    "routing": d.D("routing_number"),
                    "wire_routing": d.D("routing_number"),
                }
            ]
        },
        "item": {
            "item_id": "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(37)),
            "institution_id": "ins_" + V.digits(rng, 6, True),
        },
        "request_id": d.D(
            "internal_id", "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(15))
        ),
    }
    d.body = jdump(obj)
    return d


def sh_refund_form_html(rng):
    c = Cust(rng, rng.choice(["US", "US", "US", "CA", "GB"]))
    d = Doc(rng, "refund_form_html", f"/forms/refund/{rng.randint(10000, 99999)}/view", "text/html")
    t, sub, v = c.natid()
    rows = [
        ("Cardholder name", d.name(c)),
        ("Card number", d.card(c)),
        ("Expiry", f"{rng.randint(1, 12):02d}/{rng.randint(26, 31)}"),
        ("Amount", d.D("price")),
        ("Order number", d.D("order_id")),
        (NATID_NAME[c.country], d.P(t, sub, v)),
        ("Driver license #", d.dl(c)),
        ("Phone", d.phone(c)),
        ("Email", d.email(c)),
        ("Address", d.addr(c) + ", " + c.addr["city"]),
        ("Date of birth", d.dob(c)),
    ]
    body = '<!DOCTYPE html><html><body><h1>Refund request</h1><div class="form-view">' + "".join(
        f'<div class="row"><label>{E(k)}</label><span class="val">{E(vv)}</span></div>' for k, vv in rows
    )
    body += f'<div class="row"><label>Comments</label><p>{E(message(d, c))}</p></div>'
    body += f'<p class="meta">Submitted {E(d.D("timestamp", _ts(rng, "space")))} · form v{E(d.D("version", f"{rng.randint(2, 9)}.{rng.randint(0, 20)}.{rng.randint(0, 9)}"))}</p></div></body></html>'
    d.body = body
    return d


SHAPES = [
    (sh_freshdesk, 10),
    (sh_helpscout, 11),
    (sh_front, 10),
    (sh_gladly, 10),
    (sh_kustomer, 9),
    (sh_reamaze_html, 10),
    (sh_twilio, 9),
    (sh_vonage_csv, 7),
    (sh_call_transcript, 12),
    (sh_stripe_charge, 11),
    (sh_adyen, 9),
    (sh_checkout, 9),
    (sh_persona, 11),
    (sh_veriff, 11),
    (sh_trulioo, 9),
    (sh_complyadvantage, 8),
    (sh_chargeback, 9),
    (sh_chargeback_letter, 7),
    (sh_ivms101, 11),
    (sh_withdrawals, 11),
    (sh_deposits_csv, 7),
    (sh_graphql, 10),
    (sh_odata, 8),
    (sh_scim, 7),
    (sh_vcard, 8),
    (sh_ical, 7),
    (sh_mime, 9),
    (sh_markdown, 10),
    (sh_agent_console, 12),
    (sh_csv_customers, 7),
    (sh_tsv_kyc, 7),
    (sh_pipe_payouts, 5),
    (sh_slack, 9),
    (sh_elastic, 9),
    (sh_audit, 9),
    (sh_typeform, 8),
    (sh_jotform, 8),
    (sh_ocr, 14),
    (sh_chat, 26),
    (sh_zendesk_comments, 10),
    (sh_salesforce, 10),
    (sh_intercom, 9),
    (sh_webhook_log, 7),
    (sh_fiat_payouts, 9),
    (sh_email_thread, 10),
    (sh_kyc_review_html, 9),
    (sh_shopify_order, 10),
    (sh_alloy, 12),
    (sh_plaid, 7),
    (sh_refund_form_html, 11),
]


# --------------------------------------------------------------------------- finalisation


def _views(doc: dict) -> list[str]:
    from .oracle import views

    return views(doc["content_type"], doc["body"])


def _finalise(doc: dict) -> dict:
    """Deduplicate labels, drop any label whose value is not in the body (e.g. cut by a preview), prune
    family tokens that occur in the body outside any labelled name, drop decoys that overlap personal values."""
    from .oracle import bounded_spans, piece_pairs

    vs = _views(doc)
    seen, personal = set(), []
    for lab in doc["personal"]:
        key = (lab["type"], lab["value"], bool(lab.get("pieces")))
        if key in seen:
            continue
        if lab.get("pieces"):
            pairs = piece_pairs(doc["content_type"], doc["body"])
            if not all((p["key"], p["value"]) in pairs for p in lab["pieces"]):
                continue
        elif not any(lab["value"] in v for v in vs):
            continue
        seen.add(key)
        personal.append(lab)
    # family tokens
    person_vals = [lab["value"] for lab in personal if not lab.get("pieces")]
    for lab in personal:
        if lab["type"] != "PERSON" or not lab.get("family"):
            continue
        keep = []
        for tok in lab["family"]:
            ok = True
            for v in vs:
                covered = []
                for pv in person_vals:
                    covered += bounded_spans(v, pv, bounded=False)
                for s, e in bounded_spans(v, tok):
                    if not any(cs <= s and e <= ce for cs, ce in covered):
                        ok = False
            if ok:
                keep.append(tok)
        if len(keep) != len(lab["family"]):
            lab["family_pruned"] = sorted(set(lab["family"]) - set(keep))
        lab["family"] = keep
    pvals = [lab["value"] for lab in personal] + [
        p["value"] for lab in personal for p in lab.get("pieces", [])
    ]
    seen_d, decoys = set(), []
    for dc in doc["decoys"]:
        v = dc["value"]
        if (
            v in seen_d
            or len(v) < 4
            or any(v in pv or pv in v for pv in pvals)
            or not any(v in x for x in vs)
        ):
            continue
        seen_d.add(v)
        decoys.append(dc)
    caps = {
        "timestamp": 1,
        "internal_id": 1,
        "uuid": 1,
        "amount": 2,
        "hash": 1,
        "order_id": 2,
        "ticket_id": 2,
    }
    kept, per = [], {}
    for dc in decoys:
        per[dc["cls"]] = per.get(dc["cls"], 0) + 1
        if per[dc["cls"]] <= caps.get(dc["cls"], 99):
            kept.append(dc)
    doc["personal"], doc["decoys"] = personal, kept
    return doc


def generate(seed: int = SEED) -> list[dict]:
    rng = random.Random(seed)
    plan = [fn for fn, n in SHAPES for _ in range(n)]
    rng.shuffle(plan)
    docs = []
    for fn in plan:
        sub = random.Random(rng.getrandbits(64))
        d = fn(sub)
        docs.append(_finalise(d.to_dict()))
    return docs
