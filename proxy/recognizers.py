"""Recognizers written in code, for what presidio's YAML vocabulary cannot express.

- E-mail with a bounded local part: presidio's own pattern accepts `/`, `?` and `=` before the `@`,
  so `…/search?email=jane@example.com` becomes one candidate that then fails validation and the
  address leaks; it is also super-linear on crafted input. Ours is linear (bounded repetitions).
- Payment cards including Mastercard's 2-series (2221-2720), with presidio's Luhn check, in groups
  separated by any of the separators people type (`4539.1488.0343.6467`, `4539/1488/…`).
- Phone numbers as people type them (3-3-4 with separators, national numbers with a trunk 0),
  because presidio's phonenumbers-based recognizer drops numbers outside assigned ranges, and a
  frontline agent must not see a customer's number whole either way.
"""

from __future__ import annotations

from presidio_analyzer import EntityRecognizer, Pattern, PatternRecognizer
from presidio_analyzer.predefined_recognizers import CreditCardRecognizer

_EMAIL = r"(?<![\w.%+-])[A-Za-z0-9._%+-]{1,64}@(?:[A-Za-z0-9-]{1,63}\.){1,8}[A-Za-z]{2,24}(?![\w-])"
# Groups separated as people type them: spaces, dashes, dots, slashes, underscores, line breaks.
_CARD_GAP = r"(?:\r?\n|[ \t./_-])?"
_CARD = (
    rf"(?<![\d-])(?:4\d{{3}}|5[1-5]\d{{2}}|2[2-7]\d{{2}}|6\d{{3}}|3\d{{3}})"
    rf"{_CARD_GAP}\d{{3,4}}{_CARD_GAP}\d{{3,4}}{_CARD_GAP}\d{{3,5}}(?![\d-])"
)
_CARD_SEPARATORS = [(sep, "") for sep in ("-", " ", "\t", "\r", "\n", ".", "/", "_")]
_PHONE_NANP = r"(?<![\w.+-])(?:\+?1[ .-]?)?(?:\(\d{3}\)[ .-]?|\d{3}[ .-])\d{3}[ .-]\d{4}(?![\w-])"
_PHONE_TRUNK = r"(?<![\w.+-])0\d{1,4}[ /-]\d{3,4}[ -]?\d{3,5}(?![\w-])"
_PHONE_CONTEXT = ["phone", "call", "tel", "mobile", "cell", "reach", "whatsapp", "text", "ring", "number"]


def custom_recognizers() -> list[EntityRecognizer]:
    """Added to the registry built from recognizers.yaml."""
    return [
        PatternRecognizer(
            supported_entity="EMAIL_ADDRESS",
            name="ScrimEmailRecognizer",
            patterns=[Pattern("email (bounded)", _EMAIL, 0.6)],
            context=["email", "mail", "e-mail", "contact"],
        ),
        CreditCardRecognizer(
            name="ScrimCardRecognizer",
            patterns=[Pattern("card incl. 2-series", _CARD, 0.3)],
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
    ]
