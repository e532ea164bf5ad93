"""Declared values recurring in free text are found exactly, whatever their separators."""

from __future__ import annotations

import gc

import pytest

from proxy.model import TextField
from proxy.recur import _shape, recurrences

DECLARED_VALUES = [
    ("Karolina Nowak", "PERSON"),
    ("karolina.nowak@example.com", "EMAIL_ADDRESS"),
    ("+1 415-555-0132", "PHONE_NUMBER"),
    ("4111 1111 1111 1234", "CREDIT_CARD"),
    ("221B Baker Street", "STREET_ADDRESS"),
    ("+33458023402", "PHONE_NUMBER"),
    ("07700 900123", "PHONE_NUMBER"),
]


def found_in(text: str) -> list[tuple[str, str]]:
    fields = [TextField(i, ("user", str(i)), v) for i, (v, _) in enumerate(DECLARED_VALUES)]
    declared = {i: e for i, (_, e) in enumerate(DECLARED_VALUES)}
    fields.append(TextField(len(fields), ("comments", 0, "body"), text))
    spans = recurrences(fields, declared).get(len(fields) - 1, ())
    return sorted({(text[s.start : s.end], s.entity) for s in spans})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # names: whole, and capitalised parts
        ("Hi Karolina, thanks", [("Karolina", "PERSON")]),
        (
            "Karolina Nowak wrote in",
            [("Karolina", "PERSON"), ("Karolina Nowak", "PERSON"), ("Nowak", "PERSON")],
        ),
        # e-mail in any case
        # (the name parts inside it are found too; masking keeps the longer, surer e-mail span)
        (
            "mail KAROLINA.NOWAK@EXAMPLE.COM now",
            [("KAROLINA", "PERSON"), ("KAROLINA.NOWAK@EXAMPLE.COM", "EMAIL_ADDRESS"), ("NOWAK", "PERSON")],
        ),
        # numbers with other separators or a prefix
        ("call 4155550132", [("4155550132", "PHONE_NUMBER")]),
        ("call (415) 555.0132", [("(415) 555.0132", "PHONE_NUMBER")]),
        ("card 4111-1111-1111-1234 declined", [("4111-1111-1111-1234", "CREDIT_CARD")]),
        ("call +1 (415) 555 0132", [("+1 (415) 555 0132", "PHONE_NUMBER")]),
        # the national form (trunk 0) of an international number, and the other way round
        ("ring 04 58 02 34 02 tomorrow", [("04 58 02 34 02", "PHONE_NUMBER")]),
        ("0458023402", [("0458023402", "PHONE_NUMBER")]),
        ("call +44 7700 900123", [("+44 7700 900123", "PHONE_NUMBER")]),
        ("ring 04 58 02 34 99 tomorrow", []),  # another number with the same trunk and prefix
        # multi-word values
        ("ship to 221b baker street please", [("221b baker street", "STREET_ADDRESS")]),
        # nothing known
        ("order 5550133 shipped", []),
        ("karolina in lower case alone is not enough", []),
    ],
)
def test_recurring_values(text: str, expected: list[tuple[str, str]]) -> None:
    assert found_in(text) == expected


def test_no_declared_values_means_no_work() -> None:
    fields = [TextField(0, ("a",), "Karolina Nowak")]
    assert recurrences(fields, {}) == {}


def test_machine_values_are_not_searched_but_midnight_timestamps_are() -> None:
    fields = [TextField(0, ("user", "dob"), "1985-03-14")]
    stamps = ["1985-03-14T09:12:44Z", "1985-03-14T00:00:00Z"]
    fields += [TextField(i + 1, ("user", "t"), v) for i, v in enumerate(stamps)]
    found = recurrences(fields, {0: "DATE_OF_BIRTH"})
    assert 1 not in found
    assert [(s.start, s.end, s.entity) for s in found[2]] == [(0, 10, "DATE_OF_BIRTH")]


def test_the_shape_cache_holds_nothing_the_collector_walks() -> None:
    # The cache lives as long as the process: every full collection would walk what it tracks
    # (16,384 frozensets made them ~20 ms in the proxy process, the 2 KB p99 at light load).
    shape = _shape("Jane Doe called from 415 555 0134")
    for _ in range(2):  # a tuple is untracked once what it holds is: inner, then outer
        gc.collect()
    assert shape[1] is True
    assert not gc.is_tracked(shape)


def test_without_name_parts_only_the_whole_name_recurs() -> None:
    fields = [
        TextField(0, ("name",), "Sean McDonald"),
        TextField(1, ("memo",), "refund for Sean McDonald, Sean called"),
    ]
    spans = recurrences(fields, {0: "PERSON"}, name_parts=False)[1]
    assert [fields[1].value[s.start : s.end] for s in spans] == ["Sean McDonald"]
    spans = recurrences(fields, {0: "PERSON"})[1]
    assert sorted(fields[1].value[s.start : s.end] for s in spans) == [
        "McDonald",
        "Sean",
        "Sean",
        "Sean McDonald",
    ]
