"""What the shipped recognizers (rules/recognizers.yaml and proxy.recognizers) can produce: the
entities unit tests load the shipped policy with, without building presidio's registry.
tests/test_recognizers.py checks that the registry produces these and no others."""

RECOGNIZER_ENTITIES = frozenset(
    {
        "PERSON", "LAST_NAME", "EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "US_SSN", "IBAN_CODE",
        "CRYPTO", "CRYPTO_SECRET", "IP_ADDRESS", "LOCATION", "STREET_ADDRESS", "DATE_OF_BIRTH",
        "PASSPORT", "US_PASSPORT", "NATIONAL_ID", "US_BANK_NUMBER",
    }
)  # fmt: skip
