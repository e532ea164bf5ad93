"""proxy/seeds.py: BIP-39 seed phrases and Base58Check private keys."""

from __future__ import annotations

import pytest

from proxy import seeds

# Generated with the reference implementation (trezor's `mnemonic`) from fixed entropy.
EN12 = "skin rose dwarf neither rookie tornado twelve economy receive speed warfare opinion"
EN24 = (
    "dilemma butter airport about night pink soda clarify grace check hobby harbor rookie rug acquire box "
    "clump film table tail unhappy sock act poet"
)
ES12 = "centro tobillo abrazo exento alambre ilusión nariz obrero pista pared bote ejemplo"
WIF_COMPRESSED = "L1b4HjRQdHWjJCiaS9MNCf5gjGpwRJL1Z3y2aeXRUyTAmG37mntX"
WIF_UNCOMPRESSED = "5JogiQCsfaeYnavNd4FaobTSKBqUHP3wxHz6o93pEb62Jqb81LZ"
WIF_BAD_FLAG = "L1b4HjRQdHWjJCiaS9MNCf5gjGpwRJL1Z3y2aeXRUyTAmG9XvmE6"  # 34 bytes, last not 0x01
XPRV = "xprv9s21ZrQH143K2XCgXuh37stVQZkKC5KQVKgkQ7uxKm4mKZFruLSnkzK34vSArU9YNeSv6EE3ab8P2tTBXts94HyKChwo4uCAJdjy6QTCvuU"
XPUB = "xpub661MyMwAqRbcF1H9dwE3V1qDxbaobY3FrYcMCWKZt6bkCMb1Ssm3JndWvBTwJ7CCVEFNGKWP4W7qYyCXFnb87ZFEHzQPQXP1DodyqiQ5xts"
CMC = "card mom cricket mail advice monkey wild example judge credit inch high"
TYPO = EN12.replace("tornado", "tomato")  # still a run of list words, no longer the checksum's
# 24 words with a typo: no longer a phrase, but 12 of its words may pass the checksum by chance (1
# window in 16); reported as a confirmed 12, the other 12 words were shown.
TYPO24 = EN24.replace("hobby", "habit")

# (text, the phrase found in it, confirmed by the checksum)
FOUND = [
    (EN12, EN12, True),
    (f"my recovery words are {EN12} please help", f"{EN12} please help", True),  # the run, whole
    (EN24.upper(), EN24.upper(), True),
    ("seed:\n" + "\n".join(EN12.split()), "seed:\n" + "\n".join(EN12.split()), True),  # "seed" is a list word
    (", ".join(EN12.split()), ", ".join(EN12.split()), True),
    (" ".join(f"{i}. {w}" for i, w in enumerate(EN12.split(), 1)), " ".join(
        f"{i}. {w}" for i, w in enumerate(EN12.split(), 1))[3:], True),
    (ES12, ES12, True),
    (ES12.replace("ilusión", "ilusion"), ES12.replace("ilusión", "ilusion"), True),  # typed without accents
    (f"words: {TYPO}", TYPO, False),  # a phrase with a typo is still the customer's wallet
    (TYPO24, TYPO24, True),
    # written as customers write them (the red-team's round: each passed whole before)
    (CMC, CMC, True),
    (CMC.replace("card", "crad"), CMC.replace("card", "crad"), False),  # a typo in the first word
    (CMC.replace("monkey", "monkex"), CMC.replace("monkey", "monkex"), False),  # no longer a list word
    ("|".join(CMC.split()), "|".join(CMC.split()), True),
    (", ".join(CMC.split()[:-1]) + ", and high.", ", ".join(CMC.split()[:-1]) + ", and high", True),
    (
        "\n".join(f"Word {i}: {w}" for i, w in enumerate(CMC.split(), 1)),
        "\n".join(f"Word {i}: {w}" for i, w in enumerate(CMC.split(), 1))[len("Word 1: ") :],
        True,
    ),
    (
        " ".join(f"{i}st {w}" for i, w in enumerate(CMC.split(), 1)),
        " ".join(f"{i}st {w}" for i, w in enumerate(CMC.split(), 1))[len("1st ") :],
        True,
    ),
    ("> " + " ".join(CMC.split()[:6]) + "\n> " + " ".join(CMC.split()[6:]), None, True),  # quoted reply lines
]  # fmt: skip

NOT_FOUND = [
    " ".join(EN12.split()[:11]),  # eleven words
    # prose that is mostly list words, with words a letter away from others ("the"/"they")
    "other point, you can then run: pipe.execute(), which will execute all the other commands",
    ", ".join(["True", "False", "True", "True"] * 4),  # list words, hardly any distinct
    "Hi team, please check my account again because the last deposit from my bank never arrived "
    "and I need to know when it will be credited, thank you for your help with this matter",
    EN12.replace("neither", "neither 12345 and then"),  # broken by what no phrase holds
    "",
]


@pytest.mark.parametrize(("text", "phrase", "confirmed"), FOUND)
def test_phrases_found(text: str, phrase: str | None, confirmed: bool) -> None:
    expected = phrase if phrase is not None else text[2:]  # None: all but a leading quote mark
    assert [(text[start:end], ok) for start, end, ok in seeds.phrases(text)] == [(expected, confirmed)]


@pytest.mark.parametrize("text", NOT_FOUND)
def test_phrases_not_found(text: str) -> None:
    assert seeds.phrases(text) == []


@pytest.mark.parametrize(("text", "may"), [(EN12, True), ("abandon " * 5, False), ("a" * 46, False)])
def test_may_hold_phrase(text: str, may: bool) -> None:
    assert seeds.may_hold_phrase(text) is may


@pytest.mark.parametrize(
    ("key", "valid"),
    [
        (WIF_COMPRESSED, True),
        (WIF_UNCOMPRESSED, True),
        (XPRV, True),
        # any coin's: Litecoin WIF, Electrum's multisig Yprv, Tezos edsk (labelled addresses,
        # fraud saw them in clear through "*")
        ("T8PYwgjwnkMpWA6fGtUKbBpKWBi7yR85Ww3bTGUR1gp1dAfsKMdz", True),
        (
            "YprvAUXXhG1EM8snuQEZEw1kmQA46SRJZoo1SKUgZwkFBsbEcRo3kzpyS7PMfzrZftVsyQPQcZpMtcBjMaWSLgkMcAQRMyYRbNs8LrxmEpTnMdn",
            True,
        ),
        ("edsk3t3HEHEprbDp9zbvwtdLU8kZPzqYT8WHPa7txP1SrrFu6Jhn4R", True),
        (WIF_BAD_FLAG, False),
        (XPUB, False),  # an extended public key: addresses, not the wallet
        ("1BoatSLRHtKNngkdXEeobR76b53LETtpyT", False),  # an address
        (WIF_COMPRESSED[:-1] + "Y", False),  # checksum broken
        ("L1b4HjRQdHWjJCiaS9MNCf5gjGpwRJL1Z3y2aeXRUyTAmG37mnt0", False),  # '0' is no Base58 digit
    ],
)
def test_private_key_ok(key: str, valid: bool) -> None:
    assert seeds.private_key_ok(key) is valid


def test_long_runs_stay_bounded() -> None:
    # A run longer than any phrase with more distinct words than a list holds cannot pass the
    # distinct-words rule: a crafted megabyte of list words costs one pass, no checksum windows.
    text = " ".join(EN24.split() * 2_000)
    assert seeds.phrases(text) == []


@pytest.mark.parametrize(
    ("key", "secret"),
    [
        ("nsec1naqm6k7tkrca00dxajrs04mhcmcnlfsduc5pchmcmclkrzc6jgls0nqkvl", True),  # Nostr
        ("ed25519_sk1naqm6k7tkrca00dxajrs04mhcmcnlfsduc5pchmcmclkrzc6jglsxjww0p", True),  # Cardano
        ("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", False),
        ("npub1naqm6k7tkrca00dxajrs04mhcmcnlfsduc5pchmcmclkrzc6jgls0nqkvl", False),  # a public key
    ],
)
def test_bech32_secret(key: str, secret: bool) -> None:
    assert seeds.bech32_secret(key) is secret
