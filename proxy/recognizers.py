"""Recognizers written in code, for what presidio's YAML vocabulary cannot express.

- E-mail with a bounded local part: presidio's own pattern accepts `/`, `?` and `=` before the `@`,
  so `…/search?email=jane@example.com` becomes one candidate that then fails validation and the
  address leaks; it is also super-linear on crafted input. Ours is linear (bounded repetitions).
- E-mail addresses spelled out (`jane.doe [at] gmail [dot] com`, `jane(at)gmail.com`): proxy.emails.
- Payment cards including Mastercard's 2-series (2221-2720), with presidio's Luhn check, in groups
  separated by any of the separators people type (`4539.1488.0343.6467`, `4539 - 1488 - …`), also
  right after a word and a dash (`ref-4539…`, `export-4539….csv`).
- Bitcoin bech32 addresses in upper case (`BC1Q…`, as QR codes carry them), checked by presidio.
- IBANs in any case and with dots or dashes between groups (`de89 3704 …`, `DE89.3704.…`): presidio's
  pattern wants upper case and spaces; its own checks (mod 97, the country's format) validate.
- Wallet addresses of any coin that carry a checksum (Base58Check, bech32/bech32m with any prefix,
  CashAddr, Stellar's StrKey: proxy.wallets), without context: a value that passes is an address;
  and Monero's.
- Wallet secrets (proxy.seeds): BIP-39 seed phrases, Base58Check private keys (WIF, `xprv…`) and
  64 hex digits named a private key; an address's checksum recognizer leaves private keys to them.
- Phone numbers as people type them (3-3-4 with separators, national numbers with a trunk 0,
  international numbers dialled with 00),
  because presidio's phonenumbers-based recognizer drops numbers outside assigned ranges, and a
  frontline agent must not see a customer's number whole either way.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import phonenumbers
from presidio_analyzer import EntityRecognizer, Pattern, PatternRecognizer, RecognizerResult
from presidio_analyzer.predefined_recognizers import (
    CreditCardRecognizer,
    CryptoRecognizer,
    IbanRecognizer,
    IpRecognizer,
)

from proxy import emails, national_ids, seeds, wallets

# Letters of any script in the local part and the domain (`jöse.müller@bücher.de`).
# A quote or a second '@' typed between the local part and the domain (`'jane.doe'@gmail.com`,
# `jane.doe@@gmail.com`) leaves an address any reader still reads.
# The top-level domain in letters, or an IDN's in punycode (`.xn--qxam`, Greece's `.ελ`).
_EMAIL = (
    r"(?<![\w.%+-])[\w.%+-]{1,64}[\"']?@@?(?:[^\W_](?:[\w-]{0,61}[^\W_])?\.){1,8}"
    r"(?:[^\W\d_]{2,24}|xn--[a-z0-9-]{1,59})(?![\w-])"
)
# Groups separated as people type them: spaces (a few), a dash, dot, slash, underscore, comma,
# colon, star or plus with a space either side or none, line breaks. (Unicode dashes and bullets
# are ASCII by then: textviews.normalise.)
_CARD_SEPARATORS_TYPED = "./_,:*+-"
_CARD_SEPARATOR = r"(?:[ \t]{0,3}\r?\n[ \t]{0,8}|[ \t]{1,3}|[ \t]?[./_,:*+-][ \t]?)"  # a wrap may indent
_CARD_GAP = _CARD_SEPARATOR + "?"
# 13 to 19 digits (Visa 13 to UnionPay and Maestro 19) from an issuer's first digit, in groups of
# 3 to 6 (Amex 4-6-5, 19 digits as 4-4-4-4-3), not inside a longer number nor its dashed
# continuation ("1234-4539-…"); a word before a dash is fine. Written whole, it may sit between a
# list number and an expiry date (`1-4111…`, `4111…-12/26`), but not open a run of hex digits (an
# address or a hash: `52908400098527886e0f…`). Grouped, every group but the first after the issuer's
# is set apart: a run of digits is the other alternative's, not split every way groups could take.
# Spelt out digit by digit: as a range (`[3-6]`) under presidio's case-insensitive flag, the `regex`
# module ran the whole pattern three times slower.
_CARD_ISSUER = r"(?:4\d{3}|5\d{3}|2[2-7]\d{2}|6\d{3}|3\d{3})"
_NOT_IN_HEX = r"(?![0-9a-fA-F]{8})"  # a card may run into a word ("…1111DEC2026"), not a hash
_CARD = (
    rf"(?<!\d)(?<!\d\d-){_CARD_ISSUER}"
    rf"(?:\d{{9,15}}(?!\d)|(?<!\d-\d{{4}}){_CARD_GAP}\d{{3,6}}(?:{_CARD_SEPARATOR}\d{{3,6}}){{1,3}}(?!\d)(?!-\d))"
    rf"{_NOT_IN_HEX}"
)
# Maestro's 17 and 18 digits as 4-4-4-4-1 and 4-4-4-4-2: a short last group, which the pattern
# above leaves out (a group of one or two after a card is as often an expiry month or a count).
_CARD_SHORT_TAIL = (
    rf"(?<!\d)(?<!\d\d-){_CARD_ISSUER}(?:{_CARD_SEPARATOR}\d{{4}}){{3}}"
    rf"{_CARD_SEPARATOR}\d{{1,2}}(?!\d)(?![-/.]\d)"
)
_CARD_DIGITS = range(13, 20)
_CARD_SPACED = r"(?<!\d)(?<!\d )[2-6](?: [0-9]){12,18}(?! ?[0-9])"
_CARD_SEPARATORS = [(sep, "") for sep in (*_CARD_SEPARATORS_TYPED, " ", "\t", "\r", "\n")]
_BECH32_UPPER = r"\bBC1[02-9AC-HJ-NP-Z]{11,71}\b"
# Groups separated by a space, dot, dash, underscore, slash or colon, or wrapped onto the next line.
_IBAN_GAP = r"(?:[ ._/:-]|\r?\n)?"
_IBAN = (
    rf"(?i)(?<![\w.-])[a-z]{{2}} ?[0-9]{{2}}(?:{_IBAN_GAP}[a-z0-9]{{4}}){{2,7}}"
    rf"(?:{_IBAN_GAP}[a-z0-9]{{1,3}})?(?![\w-])"
)
# A French IBAN grouped as its RIB is (bank 5, branch 5, account 11, key 2), as copied from one.
_IBAN_FR_RIB = (
    r"(?i)(?<![\w.-])fr ?[0-9]{2}[ ._-]?[0-9]{5}[ ._-]?[0-9]{5}[ ._-]?[a-z0-9]{11}[ ._-]?[0-9]{2}(?![\w-])"
)
_IBAN_PATTERNS = [
    Pattern("iban, any case, grouped", _IBAN, 0.5),
    Pattern("french iban, grouped as its rib", _IBAN_FR_RIB, 0.5),
]
_IBAN_SEPARATORS = [(sep, "") for sep in (" ", ".", "_", "/", ":", "-", "\r", "\n")]
_PHONE_NANP = r"(?<![\w.+-])(?:\+?1[ .-]?)?(?:\(\d{3}\)[ .-]?|\d{3}[ .-])\d{3}[ .-]\d{4}(?![\w-])"
_PHONE_TRUNK = r"(?<![\w.+-])(?<!\d )0\d{1,4}[ /-]\d{3,4}[ -]?\d{3,5}(?![\w-])"
# `0049 30 12345678`, `00 44 7700 900123`: 00, a country code, then grouped digits.
_PHONE_00 = r"(?<![\w.+-])00[ ]?[1-9]\d{0,2}[ .-]\d{2,4}(?:[ .-]?\d{2,5}){1,3}(?![\w-])"
# Up to 112 characters: an extended public key (xpub…) exposes every address of a wallet.
_BASE58_RUN = r"(?<![\w-])[1-9A-HJ-NP-Za-km-z]{25,112}(?![\w-])"
# Also after the chain letter Avalanche prints before its addresses (`X-avax1…`, `P-avax1…`).
_BECH32_ANY = r"(?:(?<![\w-])|(?<=(?<![\w-])[XPC]-))[a-z][a-z0-9]{0,20}1[02-9ac-hj-np-z]{20,110}(?![\w-])"
_STELLAR = r"(?<![\w-])G[A-Z2-7]{55}(?![\w-])"
_TON = r"(?<![\w/+-])[EUk0][Qf][A-Za-z0-9_/+-]{46}(?![\w/+=-])"  # basechain `EQ…`, masterchain `Ef…`
_CASHADDR = r"(?<![\w-])(?:bitcoincash:)?[qp][02-9ac-hj-np-z]{41}(?![\w-])"
# Monero: 95 base58 characters from 4 (8 for a subaddress); 106 for an integrated address.
_MONERO = r"(?<![\w-])[48][1-9A-HJ-NP-Za-km-z]{94}(?:[1-9A-HJ-NP-Za-km-z]{11})?(?![\w-])"
# Ten words of 3-12 letters in a row, only non-letters between them (and an ordinal's letters
# after its digits: "1st"): what `seeds.phrases` needs at the least, so only such a text is read.
_WORD_RUN = r"(?:[^\W\d_]{3,12}(?:[\W_]|[0-9][^\W\d_]{0,2}){1,16}){9}[^\W\d_]{3,12}"
_HEX_KEY = r"(?<![0-9A-Za-z])(?:0x)?[0-9a-fA-F]{64}(?![0-9A-Za-z])"
# A secret key in bech32 (`nsec1…`, Cardano's `root_xsk1…`): the prefix may hold an underscore.
_BECH32_SECRET = r"(?<![\w-])[a-z][a-z0-9_]{0,20}1[02-9ac-hj-np-z]{20,300}(?![\w-])"
_STELLAR_SEED = r"(?<![\w-])S[A-Z2-7]{55}(?![\w-])"
# Solana's (Phantom's) exported key: 64 bytes in base58 with no checksum, so only named.
_SOLANA_KEY = r"(?<![\w-])[1-9A-HJ-NP-Za-km-z]{86,88}(?![\w-])"
_SECRET_CONTEXT = [
    *("private", "privkey", "priv", "secret", "seed", "mnemonic", "recovery"),
    *("key", "pk", "metamask", "phantom", "exported"),
]
_WALLET_CONTEXT = ["wallet", "crypto", "deposit", "withdraw", "address", "payout", "monero", "xmr"]
_EMAIL_CONTEXT = ["email", "mail", "e-mail", "contact"]
# What people write around an address they spell out: "write to", "registered under", "reply to".
_SPELLED_EMAIL_CONTEXT = [
    *_EMAIL_CONTEXT,
    *("address", "adress", "write", "reply", "send", "reach", "inbox", "register", "registered"),
    *("correo", "courriel"),
]
_PHONE_CONTEXT = ["phone", "call", "tel", "mobile", "cell", "reach", "whatsapp", "text", "ring", "number"]


# A dotted quad after a user agent's product name and a slash (`Chrome/12.8.70.201`,
# `okhttp/4.12.0.1`) or after "version"/"build" is a version number, not an address. Products by
# name: after any other word and a slash (`ip/203.0.113.9`, a lookup URL's path; `IP/81.2.69.142
# (iPhone)` in a log) it is an address, so an app's own version (`Binance/7.18.1.6 (iPhone; …)`)
# is masked too: over-masking, never a leak.
_NOT_A_VERSION = (
    r"(?<!\b(?:Chrome|Chromium|Firefox|Safari|Version|Edg|Edge|EdgA|EdgiOS|OPR|Opera|CriOS|FxiOS"
    r"|AppleWebKit|Mobile|Gecko|Trident|SamsungBrowser|YaBrowser|Vivaldi|Brave|Electron"
    r"|okhttp|curl|Wget|Dalvik|CFNetwork|Darwin|python-requests|axios|Go-http-client|Java"
    r"|Apache-HttpClient|Dart|PostmanRuntime)/)"
    r"(?<!\b(?i:version|build|ver)[ \t]{0,2}:?[ \t]{0,2})"
)


# Nor is one that a longer dotted number holds (an OID `1.3.6.1.4.1.22918`, a version `3.24.2.48.1`).
_NOT_IN_LONGER = r"(?!\.[0-9])"


def _ip_patterns() -> list[Pattern]:
    """presidio's IP patterns, its dotted quad behind `_NOT_A_VERSION` and not in a longer number."""
    return [
        Pattern(
            p.name,
            rf"{_NOT_A_VERSION}(?<![0-9]\.){p.regex}{_NOT_IN_LONGER}" if p.name == "IPv4" else p.regex,
            p.score,
        )
        for p in IpRecognizer.PATTERNS
    ]


def custom_recognizers() -> list[EntityRecognizer]:
    """Added to the registry built from recognizers.yaml."""
    return [
        IpRecognizer(patterns=_ip_patterns(), name="ScrimIpRecognizer"),
        PatternRecognizer(
            supported_entity="EMAIL_ADDRESS",
            name="ScrimEmailRecognizer",
            patterns=[Pattern("email (bounded)", _EMAIL, 0.6)],
            context=_EMAIL_CONTEXT,
        ),
        PatternRecognizer(
            supported_entity="EMAIL_ADDRESS",
            name="ScrimSpelledEmailRecognizer",
            patterns=[
                Pattern("at or @ delimited or spaced", emails.DELIMITED_OR_SPACED_AT, 0.6),
                Pattern("@ with a spelled-out dot", emails.PLAIN_AT_SPELLED_DOT, 0.6),
                Pattern("at and dot as words", emails.WORD_AT_SPELLED_DOT, 0.6),
                Pattern("at as a word, a local part no word is", emails.WORD_AT_UNWORDLY_LOCAL, 0.5),
                Pattern("at as a word, a mail provider's domain", emails.WORD_AT_PROVIDER, 0.5),
                # "maria at acme.com" reads like "prices at walmart.com": only next to a context word
                Pattern("at as a word (needs context)", emails.WORD_AT_DOMAIN, 0.4),
            ],
            context=_SPELLED_EMAIL_CONTEXT,
        ),
        _CardRecognizer(
            name="ScrimCardRecognizer",
            patterns=[
                Pattern("card incl. 2-series", _CARD, 0.3),
                Pattern("card with a short last group", _CARD_SHORT_TAIL, 0.3),
                # "4 5 3 9 1 4 8 8 …": typed one digit at a time (the Luhn check decides)
                Pattern("card, digits spaced one by one", _CARD_SPACED, 0.3),
            ],
            replacement_pairs=_CARD_SEPARATORS,  # removed before the Luhn check
        ),
        PatternRecognizer(
            supported_entity="PHONE_NUMBER",
            name="ScrimTypedPhoneRecognizer",
            patterns=[
                Pattern("nanp 3-3-4", _PHONE_NANP, 0.5),
                Pattern("national with trunk 0", _PHONE_TRUNK, 0.5),
            ],
            context=_PHONE_CONTEXT,
        ),
        _DialledAbroadRecognizer(
            supported_entity="PHONE_NUMBER",
            name="ScrimDialledAbroadPhoneRecognizer",
            patterns=[Pattern("international with 00 (needs context)", _PHONE_00, 0.4)],
            context=_PHONE_CONTEXT,
        ),
        _UpperCaseBech32Recognizer(
            name="ScrimUpperCaseBech32Recognizer",
            patterns=[Pattern("bech32, upper case", _BECH32_UPPER, 0.5)],
        ),
        _CheckDigitIdRecognizer("ChineseResidentId", _CN_RESIDENT_ID, national_ids.cn_resident_id_ok),
        _CheckDigitIdRecognizer(
            "KoreanResidentNumber", _KR_RESIDENT_NUMBER, national_ids.kr_resident_number_ok
        ),
        _CheckDigitIdRecognizer("SouthAfricanId", _ZA_IDENTITY, national_ids.za_identity_ok),
        _CheckDigitIdRecognizer(
            "TurkishIdentity", _TR_IDENTITY, national_ids.tr_identity_ok, needs_word=True
        ),
        _CheckDigitIdRecognizer("FrenchNir", _FR_NIR, national_ids.fr_nir_ok),
        _CheckDigitIdRecognizer("BrazilianCpf", _BR_CPF, national_ids.br_cpf_ok),
        _CheckDigitIdRecognizer("ChileanRut", _CL_RUT, national_ids.cl_rut_ok),
        _CheckDigitIdRecognizer(
            "BelgianNationalNumber", _BE_NATIONAL_NUMBER, national_ids.be_national_number_ok
        ),
        # Not "id": sixteen digits under `TransactionID` are a transaction's.
        _CheckDigitIdRecognizer(
            "IndonesianNik",
            _ID_NIK,
            national_ids.id_nik_ok,
            True,
            ("nik", "ktp", "kependudukan", "gov", "tax"),
        ),
        _CheckDigitIdRecognizer(
            "EmiratesId", _AE_EMIRATES_ID, national_ids.ae_emirates_id_ok, words=(*_ID_WORDS, "emirates")
        ),
        _CheckDigitIdRecognizer(
            "ArgentineCuit", _AR_CUIT, national_ids.ar_cuit_ok, words=(*_ID_WORDS, "cuit", "cuil")
        ),
        _CheckDigitIdRecognizer(
            "JapaneseMyNumber",
            _JP_MY_NUMBER,
            national_ids.jp_my_number_ok,
            True,
            ("マイナンバー", "個人番号", "mynumber"),
        ),
        _ChecksummedWalletRecognizer("base58check", _BASE58_RUN, _base58_address),
        _ChecksummedWalletRecognizer("base58check", _BASE58_RUN, seeds.private_key_ok, "CRYPTO_SECRET"),
        _SeedPhraseRecognizer(),
        PatternRecognizer(
            supported_entity="CRYPTO_SECRET",
            name="ScrimHexPrivateKeyRecognizer",
            # 64 hex digits are also a transaction's hash: only next to a word for a secret
            patterns=[
                Pattern("64 hex digits (needs context)", _HEX_KEY, 0.3),
                Pattern("solana key, 64 bytes in base58 (needs context)", _SOLANA_KEY, 0.3),
            ],
            context=_SECRET_CONTEXT,
        ),
        _ChecksummedWalletRecognizer("bech32", _BECH32_ANY, _bech32_address),
        _ChecksummedWalletRecognizer("bech32", _BECH32_SECRET, _bech32_secret_key, "CRYPTO_SECRET"),
        _ChecksummedWalletRecognizer("stellar", _STELLAR_SEED, _stellar_seed, "CRYPTO_SECRET"),
        _ChecksummedWalletRecognizer("cashaddr", _CASHADDR, wallets.cashaddr_ok),
        _ChecksummedWalletRecognizer("stellar", _STELLAR, wallets.stellar_ok),
        _ChecksummedWalletRecognizer("ton", _TON, wallets.ton_ok),
        PatternRecognizer(
            supported_entity="CRYPTO",
            name="ScrimMoneroAddressRecognizer",
            patterns=[Pattern("monero address", _MONERO, 0.8)],
            context=_WALLET_CONTEXT,
        ),
        _AnyCaseIbanRecognizer(
            name="ScrimIbanRecognizer",
            patterns=_IBAN_PATTERNS,  # type: ignore[arg-type]  # presidio types them as str
            replacement_pairs=_IBAN_SEPARATORS,
        ),
    ]


class _CardRecognizer(CreditCardRecognizer):
    """presidio's Luhn check, on a card's length only: the pattern's groups also fit 10 to 12
    digits, which order numbers pass one time in ten. (A 13-digit EAN barcode that also passes
    the Luhn check is masked as a card: a 13-digit Visa passes both one time in ten.)"""

    def validate_result(self, pattern_text: str) -> bool:
        digits = EntityRecognizer.sanitize_value(pattern_text, self.replacement_pairs)
        valid: bool = len(digits) in _CARD_DIGITS and super().validate_result(pattern_text)
        return valid


class _DialledAbroadRecognizer(PatternRecognizer):
    """`0061 2 1266 2886`: with the 00 read as `+`, a number valid in its country's plan is a phone
    number without any context word; one that is not keeps needing one."""

    def validate_result(self, pattern_text: str) -> bool | None:
        digits = "".join(ch for ch in pattern_text if ch.isdigit())[2:]
        try:
            valid = phonenumbers.is_valid_number(phonenumbers.parse("+" + digits))
        except phonenumbers.NumberParseException:
            return None
        return True if valid else None


class _UpperCaseBech32Recognizer(CryptoRecognizer):
    """BIP-173's upper-case form (QR codes print it so): presidio checks only lower case."""

    def validate_result(self, pattern_text: str) -> bool:
        valid: bool = super().validate_result(pattern_text.lower())
        return valid


class _AnyCaseIbanRecognizer(IbanRecognizer):
    """presidio's checks (mod 97 and the country's format) on the upper-cased value. Its own
    `analyze` retries shorter groups of an upper-case match; ours ends at a word boundary instead."""

    analyze = PatternRecognizer.analyze  # so patterns.PatternPass runs it in its own single pass

    def validate_result(self, pattern_text: str) -> bool | None:
        valid: bool | None = super().validate_result(pattern_text.upper())
        return valid


class _ChecksummedWalletRecognizer(PatternRecognizer):
    """Any coin's addresses in one encoding: the checksum decides (a pass scores 1.0, a fail drops
    the candidate), so the pattern may be as wide as the encoding's alphabet."""

    def __init__(
        self, encoding: str, regex: str, valid: Callable[[str], bool], entity: str = "CRYPTO"
    ) -> None:
        what = "address" if entity == "CRYPTO" else "private key"
        super().__init__(
            supported_entity=entity,
            name=f"Scrim{encoding.capitalize()}{'Wallet' if entity == 'CRYPTO' else 'PrivateKey'}Recognizer",
            patterns=[Pattern(f"{encoding} {what} (checksum)", regex, 0.1)],
            context=_WALLET_CONTEXT,
        )
        self._valid = valid

    def validate_result(self, pattern_text: str) -> bool:
        return self._valid(pattern_text)


_ID_WORDS = ("id", "identification", "gov")
_NATIONAL_ID_WORDS = ("national", "identity", "resident", "citizen", "kimlik", "nir", "sécu", "securite")


class _CheckDigitIdRecognizer(PatternRecognizer):
    """A national id in its own shape: right check digits make it one whatever surrounds it (1.0);
    wrong ones leave it to its context word, as a number of that shape may still be one (a Korean
    number issued since 2020 carries no check digit). With `needs_word`, a shape as common as
    eleven plain digits (Turkey's) is one only next to its word, and never with wrong digits."""

    def __init__(
        self,
        name: str,
        regex: str,
        valid: Callable[[str], bool],
        needs_word: bool = False,
        words: Sequence[str] = _ID_WORDS,
    ) -> None:
        super().__init__(
            supported_entity="NATIONAL_ID",
            name=f"Scrim{name}Recognizer",
            patterns=[Pattern(f"{name} (check digits, else needs context)", regex, 0.2)],
            context=[*_NATIONAL_ID_WORDS, *words],
        )
        self._valid = valid
        self._needs_word = needs_word
        self.validator_lifts_score = not needs_word  # proxy.patterns: then it runs only beside a word

    def validate_result(self, pattern_text: str) -> bool | None:
        if self._needs_word:
            return None if self._valid(pattern_text) else False
        return True if self._valid(pattern_text) else None


_BIRTH_DATE = r"(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])"
_CN_RESIDENT_ID = rf"(?<![\w-])[1-9][0-9]{{5}}(?:19|20)[0-9]{{2}}{_BIRTH_DATE}[0-9]{{3}}[0-9Xx](?![\w-])"
_KR_RESIDENT_NUMBER = rf"(?<![\w-])[0-9]{{2}}{_BIRTH_DATE}-?[1-8][0-9]{{6}}(?![\w-])"
_ZA_IDENTITY = rf"(?<![\w-])[0-9]{{2}}{_BIRTH_DATE}[0-9]{{4}}[01][89][0-9](?![\w-])"
_TR_IDENTITY = r"(?<![\w+-])[1-9][0-9]{10}(?![\w-])"
# Written as issued (123.456.789-09): the dots and dash, with right check digits, make it one.
_BR_CPF = r"(?<![\w.-])[0-9]{3}\.[0-9]{3}\.[0-9]{3}-[0-9]{2}(?![\w-]|\.[0-9])"
# Written as issued (12.345.678-5, 7.676.962-K): dotted groups and the dash before the check.
_CL_RUT = r"(?<![\w.-])[0-9]{1,2}\.[0-9]{3}\.[0-9]{3}-[0-9kK](?![\w-])"
# Written as issued (85.07.30-033.28): dotted birth date, dash, dotted serial and key.
_BE_NATIONAL_NUMBER = r"(?<![\w.-])[0-9]{2}\.[0-9]{2}\.[0-9]{2}-[0-9]{3}\.[0-9]{2}(?![\w-]|\.[0-9])"
# Indonesia's NIK: 16 plain digits, like a card's, so only next to its word.
_ID_NIK = r"(?<![\w-])[1-9][0-9]{15}(?![\w-])"
# The UAE's Emirates ID, written as issued (784-1986-5883701-2): the country, a birth year.
_AE_EMIRATES_ID = r"(?<![\w-])784-?(?:19|20)[0-9]{2}-?[0-9]{7}-?[0-9](?![\w-])"
# Argentina's CUIT/CUIL (20-10767564-8): its dashes keep it from any eleven digits.
_AR_CUIT = r"(?<![\w-])(?:2[0347]|3[034])-[0-9]{8}-[0-9](?![\w-])"
# Japan's My Number: twelve plain digits, so only next to its word.
_JP_MY_NUMBER = r"(?<![0-9])[0-9]{4}[ -]?[0-9]{4}[ -]?[0-9]{4}(?![0-9])"
_FR_NIR = (
    r"(?i)(?<![\w-])[12][ ]?[0-9]{2}[ ]?(?:0[1-9]|1[0-2]|[2-9][0-9])[ ]?(?:[0-9]{2}|2a|2b)"
    r"[ ]?[0-9]{3}[ ]?[0-9]{3}[ ]?[0-9]{2}(?![\w-])"
)


def _base58_address(text: str) -> bool:
    if wallets.ss58_ok(text) or wallets.xrp_x_address_ok(text):
        return True
    return wallets.base58check_ok(text) and not seeds.private_key_ok(text)


def _bech32_address(text: str) -> bool:
    return wallets.bech32_ok(text) and not seeds.bech32_secret(text)


def _bech32_secret_key(text: str) -> bool:
    return seeds.bech32_secret(text) and wallets.bech32_ok(text)


def _stellar_seed(text: str) -> bool:
    return wallets.stellar_ok(text, wallets.STELLAR_SEED)


_SEED_PHRASE = "ScrimSeedPhraseRecognizer"


class _SeedPhraseRecognizer(PatternRecognizer):
    """BIP-39 seed phrases: the pattern only says a text has twelve words in a row; `seeds` says
    which runs are phrases (a checksum confirms, scoring 1.0; an unconfirmed run still scores
    above the threshold: a phrase with a typo is still the customer's wallet)."""

    def __init__(self) -> None:
        super().__init__(
            supported_entity="CRYPTO_SECRET",
            name=_SEED_PHRASE,
            patterns=[Pattern("twelve words in a row", _WORD_RUN, 0.85)],
        )

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: Any = None, regex_flags: int | None = None
    ) -> list[RecognizerResult]:
        metadata = {
            RecognizerResult.RECOGNIZER_NAME_KEY: _SEED_PHRASE,
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
        }
        entity = self.supported_entities[0]
        return [
            RecognizerResult(entity, start, end, 1.0 if confirmed else 0.85, recognition_metadata=metadata)
            for start, end, confirmed in seeds.phrases(text)
        ]
