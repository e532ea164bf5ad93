"""proxy/codecs/text_doc.py: one field per line, line endings kept, a `Label:` prefix as context."""

from __future__ import annotations

import pytest

from proxy.codecs import Limits
from proxy.codecs.text_doc import parse
from proxy.errors import BodyTooLarge
from proxy.model import DROPPED, Replacement

LIMITS = Limits()
TEXT = "Name: Jane Doe\nPhone: +1 555 0100\r\nno label here\nCard number: 4111 1111 1111 1111"


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("", []),
        ("one line", ["one line"]),
        ("a\nb\n", ["a\n", "b\n"]),
        ("a\r\nb\rc", ["a\r\n", "b\r", "c"]),
        ("\n\n", ["\n", "\n"]),
        # Breaks str.splitlines knows but viewers show as nothing or a space: one line.
        (
            "mail jane.doe\x1e@example.com\fcard\u2028x\x85y\n",
            ["mail jane.doe\x1e@example.com\fcard\u2028x\x85y\n"],
        ),
        (
            TEXT,
            [
                "Name: Jane Doe\n",
                "Phone: +1 555 0100\r\n",
                "no label here\n",
                "Card number: 4111 1111 1111 1111",
            ],
        ),
    ],
)
def test_lines_are_fields(text: str, values: list[str]) -> None:
    doc = parse(text, LIMITS)
    assert [f.value for f in doc.fields] == values
    assert [f.path for f in doc.fields] == [(i,) for i in range(len(values))]
    assert [f.slot for f in doc.fields] == list(range(len(values)))
    assert doc.records_root is None


@pytest.mark.parametrize(
    ("line", "context"),
    [
        ("Name: Jane Doe", ("name",)),
        ("dateOfBirth: 1990-01-01", ("date", "of", "birth")),
        ("Card number: 4111", ("card", "number")),
        ("no label here", ()),
        ("http://example.com/x", ("http",)),
        ("A very long label that goes on and on and on: x", ()),
    ],
)
def test_label_context(line: str, context: tuple[str, ...]) -> None:
    [field] = parse(line, LIMITS).fields
    assert field.context == context


@pytest.mark.parametrize(
    ("replacements", "expected"),
    [
        ({}, TEXT),
        ({0: "Name: <PERSON>\n"}, TEXT.replace("Jane Doe", "<PERSON>")),
        ({1: DROPPED}, "Name: Jane Doe\nno label here\nCard number: 4111 1111 1111 1111"),
        ({3: None}, "Name: Jane Doe\nPhone: +1 555 0100\r\nno label here\n"),
        (
            {0: "Name: Jane\n", 3: "Card number: **** **** **** 1111"},
            "Name: Jane\nPhone: +1 555 0100\r\nno label here\nCard number: **** **** **** 1111",
        ),
    ],
)
def test_render(replacements: dict[int, Replacement], expected: str) -> None:
    assert parse(TEXT, LIMITS).render(replacements) == expected


@pytest.mark.parametrize(
    ("text", "limits", "reason"),
    [
        ("a\nb\nc\n", Limits(max_fields=2), "too_many_fields"),
        ("x" * 11, Limits(max_string_chars=10), "string_too_long"),
        ("short\n" + "x" * 11 + "\n", Limits(max_string_chars=10), "string_too_long"),
    ],
)
def test_too_large(text: str, limits: Limits, reason: str) -> None:
    with pytest.raises(BodyTooLarge) as info:
        parse(text, limits)
    assert info.value.reason == reason


def test_exactly_at_the_limits() -> None:
    assert len(parse("a\nb\n", Limits(max_fields=2)).fields) == 2
    assert len(parse("x" * 10, Limits(max_string_chars=10)).fields) == 1


def test_a_line_holding_only_a_label_names_the_next_line() -> None:
    doc = parse("SSN:\n536221234\nDate of birth: \n14/03/1985\nthanks\n", LIMITS)
    assert [f.context for f in doc.fields] == [
        ("ssn",),
        ("ssn",),
        ("date", "of", "birth"),
        ("date", "of", "birth"),
        (),
    ]


def test_a_label_only_line_does_not_name_a_line_with_its_own_label() -> None:
    doc = parse("Phone:\nOrder ID: 4155550123\n", LIMITS)
    assert [f.context for f in doc.fields] == [("phone",), ("order", "id")]


def test_a_question_names_the_answer_on_the_next_line() -> None:
    # A call or chat transcript: the agent asks, the customer's next line answers.
    text = "AGENT: And to verify, your date of birth?\nCUSTOMER: 6/5/1989\nthanks\n"
    doc = parse(text, LIMITS)
    assert [f.context for f in doc.fields] == [
        ("agent",),
        ("customer", "and", "to", "verify", "your", "date", "of", "birth"),
        (),
    ]


@pytest.mark.parametrize(
    ("text", "joined"),
    [
        # a number wrapped onto the next line is read across the break
        ("card 4539 1488\n0343 6467 thanks\n", ["card 4539 1488 0343 6467 thanks"]),
        ("iban DE89 3704 0044\r\n0532 0130 00", ["iban DE89 3704 0044 0532 0130 00"]),
        # a line of words, or a next line starting with a letter, is no wrapped number
        ("thanks,\nJane\n", []),
        ("order 12\nshipped\n", []),
    ],
)
def test_a_number_wrapped_onto_the_next_line_is_joined(text: str, joined: list[str]) -> None:
    doc = parse(text, LIMITS)
    found = doc.joined(())
    assert [j.text for j in found] == joined
    for j in found:  # each piece is its line without the line break
        assert [j.text[start:end] for _, start, end in j.pieces] == [
            doc.fields[slot].value.rstrip("\r\n")
            for slot, _, _ in j.pieces  # type: ignore[union-attr]
        ]


REPORT = (
    "KYC QUEUE\n"
    "CUST NO   NAME                DOB\n"
    "-----------------------------------------\n"
    "8471859   SATO HANAKO         23/07/1954\n"
    "4111 1111 1111 1111 was declined\n"
)


def test_a_reports_rows_are_cells_named_by_their_columns() -> None:
    doc = parse(REPORT, LIMITS)
    cells = {f.path: (f.value, f.context) for f in doc.fields if len(f.path) == 2}
    assert cells == {
        (3, "cust no"): ("8471859", ("cust", "no")),
        (3, "name"): ("SATO HANAKO", ("name",)),
        (3, "dob"): ("23/07/1954", ("dob",)),
    }
    # the lines around the table stay lines
    assert [f.value for f in doc.fields if len(f.path) == 1][-1] == "4111 1111 1111 1111 was declined\n"
    # a row is also read whole, as the line was: a word in one cell may name the next
    [row] = [j for j in doc.joined(()) if len(j.pieces) == 3]
    assert row.text == "8471859   SATO HANAKO         23/07/1954" and not row.separate_values


def test_a_reports_cells_render_in_place() -> None:
    doc = parse(REPORT, LIMITS)
    slots = {f.path: f.slot for f in doc.fields}
    rendered = doc.render({slots[(3, "name")]: "SATO", slots[(3, "dob")]: "<DATE_OF_BIRTH>"})
    assert "8471859   SATO         <DATE_OF_BIRTH>\n" in rendered
    assert rendered.replace("8471859   SATO         <DATE_OF_BIRTH>", "") == REPORT.replace(
        "8471859   SATO HANAKO         23/07/1954", ""
    )


def test_an_indented_line_is_named_by_the_label_line_enclosing_it_too() -> None:
    # YAML: `line1` under `address:` is an address's first line; `city` after the section is not.
    text = "customer:\n  address:\n    line1: 2538 Maple Dr\n  city: Denver\nkyc:\n  level: 3\n"
    contexts = {f.value.strip(): f.context for f in parse(text, LIMITS).fields}
    assert contexts["line1: 2538 Maple Dr"] == ("line1", "address")
    assert contexts["city: Denver"] == ("city", "customer")
    assert contexts["level: 3"] == ("level", "kyc")


def test_a_swift_messages_party_field_names_the_next_line() -> None:
    text = ":50K:/DE10100100102625185383\nMATTHIAS HOFFMANN\nSCHILLERSTRASSE 177B\n"
    assert [f.context for f in parse(text, LIMITS).fields][1] == ("customer",)


def test_a_log_past_half_the_field_limit_is_read_in_lines() -> None:
    # Each cell is a field: a megabyte of key-value lines would be withheld as too many fields.
    limits = Limits(max_fields=100)
    doc = parse("a=1 b=2 c=3\n" * 40, limits)
    assert sum(1 for f in doc.fields if len(f.path) == 2) < 50
    assert len(doc.fields) <= 100
