"""proxy/mask.py: per-role masks for declared fields and detected spans; every style idempotent."""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import pytest

from proxy.mask import Masker, non_overlapping
from proxy.model import DROPPED, Dropped, MaskResult, Replacement, Scalar, Span, TextField
from proxy.rules import NO_ROLE, MaskSpec, Role, Rules, load_rules
from tests.shipped import RECOGNIZER_ENTITIES

RULES_DIR = Path(__file__).resolve().parent.parent / "rules"
KEY = b"test-token-key"
MASKS = {
    "hidden": MaskSpec(style="redact"),
    "label": MaskSpec(style="replace"),
    "last4": MaskSpec(style="partial", keep=4),
    "last2": MaskSpec(style="partial", keep=2),
    "hint": MaskSpec(style="partial"),
    "pseudonym": MaskSpec(style="token"),
    "gone": MaskSpec(style="drop"),
}
TOKEN = re.compile(r"^tok_[0-9a-f]{12}$")


def masker(default: str, reveal: Mapping[str, str] | None = None, key: bytes = KEY) -> Masker:
    return Masker(Role("test", default, dict(reveal or {})), MASKS, key)


def whole(mask: str, value: Scalar, entity: str, key: bytes = KEY) -> Replacement:
    """Mask one declared field; the value it ends up with (unchanged if no replacement)."""
    result = masker(mask, key=key).apply([TextField(0, ("f",), value)], {0: entity}, {})
    return result.replacements.get(0, value)


def in_text(
    mask: str | Mapping[str, str], text: str, spans: Sequence[Span], *, is_key: bool = False
) -> MaskResult:
    m = masker(mask) if isinstance(mask, str) else masker("label", mask)
    return m.apply([TextField(0, (0,), text, is_key=is_key)], {}, {0: spans})


def span_of(text: str, needle: str, entity: str, score: float = 0.85) -> Span:
    start = text.index(needle)
    return Span(start, start + len(needle), entity, score)


@pytest.fixture(scope="module")
def rules() -> Rules:
    return load_rules(RULES_DIR, RECOGNIZER_ENTITIES)


# --------------------------------------------------------------------------------------------
# Styles on declared string fields
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mask", "value", "entity", "expected"),
    [
        # redact: the value is emptied
        ("hidden", "jane@example.com", "EMAIL_ADDRESS", ""),
        ("hidden", "Jane Doe", "PERSON", ""),
        # replace: the entity type in angle brackets
        ("label", "jane@example.com", "EMAIL_ADDRESS", "<EMAIL_ADDRESS>"),
        ("label", "123-45-6789", "US_SSN", "<US_SSN>"),
        # partial with keep: trailing letters/digits, separators kept
        ("last4", "4111 1111 1111 1111", "CREDIT_CARD", "**** **** **** 1111"),
        ("last4", "+1 (555) 123-4567", "PHONE_NUMBER", "+* (***) ***-4567"),
        ("last2", "123-45-6789", "US_SSN", "***-**-**89"),
        ("last4", "DE89 3704 0044 0532 0130 00", "IBAN_CODE", "**** **** **** **** **30 00"),
        # a number with words in it: its last characters are not the number's (a CVV)
        ("last4", "4539148803436467 exp 04/27 cvv 123", "CREDIT_CARD", "**************** *** **/** *** ***"),
        ("last4", "+1 415 555 0134 ext 12", "PHONE_NUMBER", "+* *** *** **** *** **"),
        # partial e-mail: first letter + domain
        ("hint", "jane@example.com", "EMAIL_ADDRESS", "j***@example.com"),
        ("last4", "Jane.Doe+tag@mail.example.co.uk", "EMAIL_ADDRESS", "J***@mail.example.co.uk"),
        ("hint", "odd@local@example.com", "EMAIL_ADDRESS", "o***@example.com"),
        # partial e-mail without '@' falls back to trailing characters
        ("hint", "not-an-email", "EMAIL_ADDRESS", "***-**-*mail"),
        # partial person: first name
        ("hint", "Jane Mary Doe", "PERSON", "Jane"),
        ("hint", "  Jane  ", "PERSON", "Jane"),
        ("hint", "Madonna", "PERSON", "Madonna"),
        ("hint", "   ", "PERSON", ""),
        ("hint", "Doe, Jane", "PERSON", "Jane"),  # the family name first
        ("hint", "张静怡", "PERSON", "***"),  # written without a space: the first word is all of it
        ("hint", "김민지", "PERSON", "***"),
        # a word in capitals before others: a family name first ("DUPONT Jean") or initials ("JR
        # Smith"), which cannot be told apart: nothing is shown
        ("hint", "DUPONT Jean-Pierre", "PERSON", "****** ****-******"),
        ("hint", "JR Smith", "PERSON", "** *****"),
        ("hint", "JANE DOE", "PERSON", "JANE"),
        ("hint", "O'Brien-Smith Jr.", "PERSON", "O'Brien-Smith"),
        # a name field holding what is no name (a tool's fallback display name): nothing shown
        ("hint", "jane.doe@gmail.com", "PERSON", "****.***@*****.***"),
        ("hint", "+14155551234", "PERSON", "+***********"),
        ("hint", "user 4155551234", "PERSON", "user"),
        ("hint", "4155551234 (mobile)", "PERSON", "********** (******)"),
    ],
)
def test_whole_value_styles(mask: str, value: str, entity: str, expected: str) -> None:
    assert whole(mask, value, entity) == expected


@pytest.mark.parametrize(
    ("value", "entity"),
    [
        ("jane@example.com", "EMAIL_ADDRESS"),
        ("Jane Doe", "PERSON"),
        ("4111111111111111", "CREDIT_CARD"),
        (4111111111111111, "CREDIT_CARD"),
    ],
)
def test_token_style(value: Scalar, entity: str) -> None:
    token = whole("pseudonym", value, entity)
    assert isinstance(token, str)
    assert TOKEN.match(token)
    assert str(value) not in token


def test_token_same_value_same_token() -> None:
    a = whole("pseudonym", "jane@example.com", "EMAIL_ADDRESS")
    assert whole("pseudonym", "jane@example.com", "EMAIL_ADDRESS") == a
    # case and surrounding space do not make a new pseudonym
    assert whole("pseudonym", "  Jane@Example.COM ", "EMAIL_ADDRESS") == a


@pytest.mark.parametrize(
    ("value", "entity", "key"),
    [
        # a different key
        ("jane@example.com", "EMAIL_ADDRESS", b"another-key"),
        # a different value
        ("john@example.com", "EMAIL_ADDRESS", KEY),
        # the same text as another entity
        ("jane@example.com", "PERSON", KEY),
    ],
)
def test_token_differs(value: str, entity: str, key: bytes) -> None:
    assert whole("pseudonym", value, entity, key) != whole("pseudonym", "jane@example.com", "EMAIL_ADDRESS")


def test_drop_whole_value() -> None:
    result = masker("gone").apply([TextField(0, ("ssn",), "123-45-6789")], {0: "US_SSN"}, {})
    assert result.replacements == {0: DROPPED}
    assert result.masked == {"US_SSN": 1}


# --------------------------------------------------------------------------------------------
# Numbers, booleans and nulls as declared fields
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mask", "value", "expected"),
    [
        # redact: null, never digits
        ("hidden", 1234.56, None),
        ("hidden", 4111111111111111, None),
        ("hidden", 0, None),
        # other styles give strings
        ("label", 1234.56, "<ACCOUNT_BALANCE>"),
        ("label", 0, "<ACCOUNT_BALANCE>"),
        ("last4", 123456789, "*****6789"),
        ("last4", 1234.5, "***4.5"),
        ("last4", 12, "*2"),
        ("hint", -1234567, "-****567"),
        # drop: removed
        ("gone", 1234.56, DROPPED),
        ("gone", True, DROPPED),
        # booleans become null in every other style
        ("hidden", True, None),
        ("label", False, None),
        ("last4", True, None),
        ("pseudonym", False, None),
        # null stays null
        ("label", None, None),
        ("last4", None, None),
    ],
)
def test_whole_value_non_strings(mask: str, value: Scalar, expected: Replacement) -> None:
    assert whole(mask, value, "ACCOUNT_BALANCE") == expected


def test_token_of_a_number_is_a_token_string() -> None:
    token = whole("pseudonym", 4111111111111111, "CREDIT_CARD")
    assert isinstance(token, str)
    assert TOKEN.match(token)
    assert token == whole("pseudonym", "4111111111111111", "CREDIT_CARD")


def test_masked_null_is_counted_without_a_replacement() -> None:
    result = masker("label").apply([TextField(0, ("x",), None)], {0: "PERSON"}, {})
    assert result.replacements == {}
    assert result.masked == {"PERSON": 1}


def test_unchanged_value_gives_no_replacement_but_counts() -> None:
    # "---" has no letters or digits to hide
    result = masker("last4").apply([TextField(0, ("x",), "---")], {0: "US_SSN"}, {})
    assert result.replacements == {}
    assert result.masked == {"US_SSN": 1}


# --------------------------------------------------------------------------------------------
# Reveals
# --------------------------------------------------------------------------------------------


def test_clear_reveal_counts_and_leaves_the_value() -> None:
    fields = [
        TextField(0, ("name",), "Jane Doe"),
        TextField(1, ("email",), "jane@example.com"),
        TextField(2, ("card",), "4111 1111 1111 1111"),
        TextField(3, ("note",), "Call Jane Doe on 555 0100"),
    ]
    m = masker("label", {"PERSON": "clear", "EMAIL_ADDRESS": "clear", "CREDIT_CARD": "last4"})
    note = "Call Jane Doe on 555 0100"
    result = m.apply(
        fields,
        {0: "PERSON", 1: "EMAIL_ADDRESS", 2: "CREDIT_CARD"},
        {3: [span_of(note, "Jane Doe", "PERSON"), span_of(note, "555 0100", "PHONE_NUMBER")]},
    )
    assert result.replacements == {2: "**** **** **** 1111", 3: "Call Jane Doe on <PHONE_NUMBER>"}
    assert result.revealed == {"PERSON": 2, "EMAIL_ADDRESS": 1}
    assert result.masked == {"CREDIT_CARD": 1, "PHONE_NUMBER": 1}


def test_wildcard_reveal() -> None:
    m = masker("hidden", {"*": "clear", "US_SSN": "last4"})
    result = m.apply(
        [TextField(0, ("a",), "Jane"), TextField(1, ("b",), "123-45-6789")], {0: "PERSON", 1: "US_SSN"}, {}
    )
    assert result.replacements == {1: "***-**-6789"}
    assert result.revealed == {"PERSON": 1}


def test_unknown_role_masks_everything(rules: Rules) -> None:
    role = rules.role("no-such-role")
    assert role.name == NO_ROLE
    m = Masker(role, rules.masks, KEY)
    values: list[Scalar] = ["Jane Doe", "jane@example.com", "+1 555 0100", "4111 1111 1111 1111", 1234.5]
    entities = ["PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "ACCOUNT_BALANCE"]
    fields = [TextField(i, (i,), v) for i, v in enumerate(values)]
    note = "Jane Doe <jane@example.com>"
    fields.append(TextField(5, (5,), note))
    result = m.apply(
        fields,
        dict(enumerate(entities)),
        {5: [span_of(note, "Jane Doe", "PERSON"), span_of(note, "jane@example.com", "EMAIL_ADDRESS")]},
    )
    assert result.replacements == {0: "", 1: "", 2: "", 3: "", 4: None, 5: " <>"}
    assert result.revealed == {}
    assert sum(result.masked.values()) == 7


@pytest.mark.parametrize("role_name", ["tier1", "tier2"])
def test_shipped_roles_never_reveal_an_unlisted_entity(rules: Rules, role_name: str) -> None:
    m = Masker(rules.role(role_name), rules.masks, KEY)
    result = m.apply([TextField(0, ("x",), "1990-01-01")], {0: "DATE_OF_BIRTH"}, {})
    assert result.replacements == {0: "<DATE_OF_BIRTH>"}
    assert result.revealed == {}


# --------------------------------------------------------------------------------------------
# Spans in free text
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mask", "expected"),
    [
        ("hidden", "Mail  or call  today"),
        ("label", "Mail <EMAIL_ADDRESS> or call <PHONE_NUMBER> today"),
        ("last4", "Mail j***@example.com or call +* *** ***-4567 today"),
        # drop inside text: the span is redacted, the rest kept
        ("gone", "Mail  or call  today"),
    ],
)
def test_spans_in_text(mask: str, expected: str) -> None:
    text = "Mail jane@example.com or call +1 555 123-4567 today"
    spans = [
        span_of(text, "jane@example.com", "EMAIL_ADDRESS"),
        span_of(text, "+1 555 123-4567", "PHONE_NUMBER"),
    ]
    result = in_text(mask, text, spans)
    assert result.replacements == {0: expected}
    assert result.masked == {"EMAIL_ADDRESS": 1, "PHONE_NUMBER": 1}


def test_token_span_in_text() -> None:
    text = "Wallet 1BoatSLRHtKNngkdXEeobR76b53LETtpyT sent"
    result = in_text("pseudonym", text, [span_of(text, "1BoatSLRHtKNngkdXEeobR76b53LETtpyT", "CRYPTO")])
    new = result.replacements[0]
    assert isinstance(new, str)
    assert re.fullmatch(r"Wallet tok_[0-9a-f]{12} sent", new)
    assert new == f"Wallet {whole('pseudonym', '1BoatSLRHtKNngkdXEeobR76b53LETtpyT', 'CRYPTO')} sent"


@pytest.mark.parametrize(
    ("mask", "entity", "expected"),
    [
        ("hint", "PERSON", "FN:Katharina\r\nTEL:+4916094417242"),
        ("label", "PERSON", "FN:<PERSON>\r\nTEL:+4916094417242"),
        ("hidden", "PERSON", "FN:\r\nTEL:+4916094417242"),
    ],
)
def test_a_span_with_blanks_at_its_edges_keeps_them(mask: str, entity: str, expected: str) -> None:
    # spaCy took in the line break after a name; the first-name mask swallowed it and joined the
    # next line onto the name ("FN:KatharinaTEL:…").
    text = "FN:Katharina Kleinschmidt\r\nTEL:+4916094417242"
    result = in_text(mask, text, [Span(3, 27, entity, 0.85)])
    assert result.replacements == {0: expected}


@pytest.mark.parametrize("text", ["123-45-6789", "  123-45-6789\n"])
def test_drop_span_covering_the_whole_value_drops_the_field(text: str) -> None:
    result = in_text("gone", text, [span_of(text, "123-45-6789", "US_SSN")])
    assert result.replacements == {0: DROPPED}


def test_drop_span_covering_a_whole_key_is_redacted_not_dropped() -> None:
    result = in_text("gone", "jane@example.com", [Span(0, 16, "EMAIL_ADDRESS", 1.0)], is_key=True)
    assert result.replacements == {0: ""}


def test_span_in_a_json_number() -> None:
    result = masker("last4").apply(
        [TextField(0, ("phone",), 15551234567)], {}, {0: [Span(0, 11, "PHONE_NUMBER", 0.7)]}
    )
    assert result.replacements == {0: "*******4567"}


@pytest.mark.parametrize(
    ("spans", "expected"),
    [
        # highest score wins the overlap
        ([Span(0, 11, "US_SSN", 0.9), Span(0, 11, "PHONE_NUMBER", 0.4)], "<US_SSN> end"),
        ([Span(0, 11, "US_SSN", 0.4), Span(0, 11, "PHONE_NUMBER", 0.9)], "<PHONE_NUMBER> end"),
        # equal scores: the longest wins
        ([Span(0, 7, "PHONE_NUMBER", 0.8), Span(0, 11, "US_SSN", 0.8)], "<US_SSN> end"),
        # partial overlap: the winner is masked, the loser is discarded whole
        ([Span(4, 15, "X", 0.9), Span(0, 6, "Y", 0.5)], "123-<X>"),
        # disjoint spans are all masked, whatever the input order
        ([Span(12, 15, "B", 0.1), Span(0, 3, "A", 0.2)], "<A>-45-6789 <B>"),
    ],
)
def test_overlapping_spans(spans: list[Span], expected: str) -> None:
    assert in_text("label", "123-45-6789 end", spans).replacements == {0: expected}


def test_span_clear_for_one_entity_masked_for_another() -> None:
    text = "Jane Doe, jane@example.com"
    spans = [span_of(text, "Jane Doe", "PERSON"), span_of(text, "jane@example.com", "EMAIL_ADDRESS")]
    result = in_text({"PERSON": "clear"}, text, spans)
    assert result.replacements == {0: "Jane Doe, <EMAIL_ADDRESS>"}
    assert result.revealed == {"PERSON": 1}


def test_no_spans_no_replacement() -> None:
    result = masker("label").apply([TextField(0, (0,), "nothing here")], {}, {0: []})
    assert result == MaskResult()


def test_declared_wins_over_spans() -> None:
    result = masker("label").apply(
        [TextField(0, ("x",), "Jane")], {0: "PERSON"}, {0: [Span(0, 4, "LOCATION", 1.0)]}
    )
    assert result.replacements == {0: "<PERSON>"}
    assert result.masked == {"PERSON": 1}


# --------------------------------------------------------------------------------------------
# Idempotence: masked output masked again is unchanged
# --------------------------------------------------------------------------------------------

IDEMPOTENCE_VALUES: list[Scalar] = [
    "jane@example.com", "J@x.io", "a.b+c@sub.example.co.uk", "Jane Mary Doe", "Jane", "  Zoë  Ångström ",
    "4111 1111 1111 1111", "4111111111111111", "+1 (555) 123-4567", "123-45-6789", "DE89 3704 0044 0532 0130 00",
    "1BoatSLRHtKNngkdXEeobR76b53LETtpyT", "192.168.0.1", "X1234567", "12", "1", "", "-", "***", "tok_0123456789ab",
    4111111111111111, 1234.5, 0, -7, True, None,
]  # fmt: skip
STYLES = ["hidden", "label", "last4", "last2", "hint", "pseudonym"]
ENTITIES = ["EMAIL_ADDRESS", "PERSON", "CREDIT_CARD", "PHONE_NUMBER"]


@pytest.mark.parametrize("mask", STYLES)
@pytest.mark.parametrize("entity", ENTITIES)
def test_whole_value_masking_is_idempotent(mask: str, entity: str) -> None:
    for value in IDEMPOTENCE_VALUES:
        once = whole(mask, value, entity)
        assert not isinstance(once, Dropped)
        twice = whole(mask, once, entity)
        assert twice == once, (value, once, twice)


@pytest.mark.parametrize("mask", STYLES)
def test_span_masking_is_idempotent(mask: str) -> None:
    # Re-detecting the masked piece and masking it again changes nothing.
    for value in IDEMPOTENCE_VALUES:
        if not isinstance(value, str) or not value.strip():
            continue
        for entity in ENTITIES:
            text = f"see {value} now"
            first = in_text(mask, text, [span_of(text, value, entity)]).replacements.get(0, text)
            assert isinstance(first, str)
            piece = first[4:-4]
            if not piece:
                continue
            second = in_text(mask, first, [Span(4, 4 + len(piece), entity, 0.9)]).replacements.get(0, first)
            assert second == first, (value, entity, first, second)


@pytest.mark.parametrize("mask", ["hint", "last4"])
@pytest.mark.parametrize("value", ["@example.com", "@handle"])
def test_partial_email_without_local_part_is_idempotent(mask: str, value: str) -> None:
    once = whole(mask, value, "EMAIL_ADDRESS")
    assert isinstance(once, str)
    assert once.endswith(value)
    assert whole(mask, once, "EMAIL_ADDRESS") == once


# --------------------------------------------------------------------------------------------
# Partial never reveals more than half of a short value
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("mask", ["last4", "last2", "hint"])
@pytest.mark.parametrize("entity", ["CREDIT_CARD", "US_SSN", "PHONE_NUMBER", "IBAN_CODE"])
def test_partial_reveals_at_most_half(mask: str, entity: str) -> None:
    keep = MASKS[mask].keep
    for length in range(1, 21):
        for value in ("9876543210" * 2)[:length], ("ab-" * 10)[:length], ("Zx9 " * 6)[:length]:
            masked = whole(mask, value, entity)
            assert isinstance(masked, str)
            assert len(masked) == len(value)
            alnum = [c for c in value if c.isalnum()]
            shown = [m for m, c in zip(masked, value, strict=True) if c.isalnum() and m == c]
            assert len(shown) <= len(alnum) // 2, (value, masked)
            assert len(shown) <= keep, (value, masked)
            # the visible characters are the trailing ones
            hidden = [i for i, (m, c) in enumerate(zip(masked, value, strict=True)) if c.isalnum() and m != c]
            visible = [
                i for i, (m, c) in enumerate(zip(masked, value, strict=True)) if c.isalnum() and m == c
            ]
            assert not hidden or not visible or max(hidden) < min(visible)


@pytest.mark.parametrize(
    ("mask", "entity"),
    [("last4", "CREDIT_CARD"), ("hint", "PERSON"), ("hint", "EMAIL_ADDRESS"), ("last2", "US_SSN")],
)
def test_encoded_span_shows_nothing_of_the_encoding(mask: str, entity: str) -> None:
    # "Sm9obiBTbWl0aA==" is base64 for "John Smith": a first-name or last-4 view of it would show
    # encoded bytes, so partial styles hide every character.
    text = "cursor Sm9obiBTbWl0aA== next"
    encoded = Span(7, 23, entity, 0.9, encoded=True)
    assert in_text(mask, text, [encoded]).replacements[0] == "cursor " + "*" * 14 + "== next"
    plain = in_text(mask, text, [Span(7, 23, entity, 0.9)]).replacements.get(0, text)
    # The same span, not encoded, keeps its partial view where it has one: an e-mail's hint (a
    # word with digits is no first name, and a number's last digits are not in a word).
    assert (plain != "cursor " + "*" * 14 + "== next") is (entity == "EMAIL_ADDRESS")


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        ("jane.doe@example.com", "j***@example.com"),
        ("jane.doe [at] gmail [dot] com", "j*** [at] gmail [dot] com"),
        ("JANE DOT DOE AT GMAIL DOT COM", "J*** AT GMAIL DOT COM"),
        ("maria at acme.com", "m*** at acme.com"),
        # a "domain" this full of digits is another value read as an address: not shown
        ("jdoe at 927.61.79.72.com", "j*** at ***.**.**.**.com"),
        ("jane@163.com", "j***@163.com"),
        # " at " in what is not an address is not split on: it is masked as any other value
        ("Jane Doe at the office", "**** *** ** *** **fice"),
    ],
)
def test_email_hint_of_spelled_out_addresses(value: str, hint: str) -> None:
    once = whole("hint", value, "EMAIL_ADDRESS")
    assert once == hint
    assert whole("hint", once, "EMAIL_ADDRESS") == once


def _overlap_free_reference(spans: list[Span], masked: Callable[[Span], bool]) -> list[Span]:
    chosen: list[Span] = []
    for span in sorted(spans, key=lambda s: (not masked(s), -(s.end - s.start), -s.score, s.start)):
        if span.end > span.start and all(span.end <= c.start or span.start >= c.end for c in chosen):
            chosen.append(span)
    return sorted(chosen, key=lambda s: s.start)


@pytest.mark.parametrize("seed", range(20))
def test_non_overlapping_chooses_as_the_pairwise_rule_does(seed: int) -> None:
    # Linear in the spans (one line of 50,000 e-mails took the quadratic version 50 s).
    rng = random.Random(seed)
    spans = []
    for _ in range(rng.randrange(1, 60)):
        start = rng.randrange(0, 80)
        entity = rng.choice(["EMAIL_ADDRESS", "PHONE_NUMBER", "PERSON"])
        spans.append(Span(start, start + rng.randrange(0, 15), entity, rng.choice([0.5, 0.85, 1.0])))
    masked = lambda s: s.entity != "PERSON"  # noqa: E731
    assert non_overlapping(spans, masked) == _overlap_free_reference(spans, masked)
