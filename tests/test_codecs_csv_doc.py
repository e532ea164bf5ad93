"""proxy/codecs/csv_doc.py: header cells are keys, every other cell is a field named by its column."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import pytest

from proxy.codecs import Limits
from proxy.codecs.csv_doc import CsvDocument, is_delimited_table, parse
from proxy.errors import BodyTooLarge, Undecodable, Withheld
from proxy.model import DROPPED, Replacement, TextField

LIMITS = Limits()
EXPORT = (
    'id,name,email,dateOfBirth\r\n1,"Doe, Jane",jane@example.com,1990-01-01\r\n2,Bob,bob@example.org,\r\n'
)


@pytest.fixture(autouse=True)
def _restore_csv_field_limit() -> Iterator[None]:
    # CsvDocument sets the process-wide csv.field_size_limit; do not leak a tiny one to other tests.
    saved = csv.field_size_limit()
    yield
    csv.field_size_limit(saved)


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def _slot(doc: CsvDocument, path: tuple[object, ...]) -> int:
    [slot] = [f.slot for f in doc.fields if f.path == path]
    return slot


# --------------------------------------------------------------------------------------------
# Fields
# --------------------------------------------------------------------------------------------


def test_fields_of_an_export() -> None:
    doc = parse(EXPORT, LIMITS)
    assert doc.fields == [
        TextField(0, ("id",), "id", (), is_key=True),
        TextField(1, ("name",), "name", (), is_key=True),
        TextField(2, ("email",), "email", (), is_key=True),
        TextField(3, ("dateofbirth",), "dateOfBirth", (), is_key=True),  # paths in lower case
        TextField(4, (0, "id"), "1", ("id",)),
        TextField(5, (0, "name"), "Doe, Jane", ("name",)),
        TextField(6, (0, "email"), "jane@example.com", ("email",)),
        TextField(7, (0, "dateofbirth"), "1990-01-01", ("date", "of", "birth")),
        TextField(8, (1, "id"), "2", ("id",)),
        TextField(9, (1, "name"), "Bob", ("name",)),
        TextField(10, (1, "email"), "bob@example.org", ("email",)),
        TextField(11, (1, "dateofbirth"), "", ("date", "of", "birth")),
    ]


@pytest.mark.parametrize(
    "preamble",
    [
        "Users export 2024-05-01\n",  # a title
        "sep=,\n",  # Excel's delimiter line
        "\n\n",  # blank lines
        '"Users export, May 2024"\n',  # a title holding the delimiter, quoted
        "Users export, May 2024\n",  # or not: a narrow row still is no header
    ],
)
def test_lines_before_the_header_are_no_header(preamble: str) -> None:
    doc = parse(preamble + "id,name,email,ssn\n1,Jane Doe,jane@example.com,536-22-1234\n", LIMITS)
    by_path = {f.path: f.value for f in doc.fields if not f.is_key}
    assert by_path[(0, "ssn")] == "536-22-1234" and by_path[(0, "name")] == "Jane Doe"
    assert [f.value for f in doc.fields if f.is_key] == ["id", "name", "email", "ssn"]
    assert doc.rows_as_objects == [
        {"id": "1", "name": "Jane Doe", "email": "jane@example.com", "ssn": "536-22-1234"}
    ]
    assert doc.render({}).replace("\r\n", "\n").endswith("1,Jane Doe,jane@example.com,536-22-1234\n")


@pytest.mark.parametrize(
    ("text", "columns"),
    [
        # delimiters inside a quoted cell split nothing: a customer's "Flat 3;;;;;;; Block B"
        # made every row one column, outside every column rule
        (
            'id,name,street\n1,Jane Doe,"1 Main St"\n2,Kate Smith,"Flat 3;;;;;;; Block B"\n',
            ["id", "name", "street"],
        ),
        ('id;name;notes\n1;Jane Doe;"a, b, c, d, e, f, g"\n2;Kate Smith;x\n', ["id", "name", "notes"]),
    ],
)
def test_the_delimiter_is_the_one_that_splits_the_rows_alike(text: str, columns: list[str]) -> None:
    doc = parse(text, LIMITS)
    assert [f.value for f in doc.fields if f.is_key] == columns
    assert [row["name"] for row in doc.rows_as_objects] == ["Jane Doe", "Kate Smith"]


def test_excels_sep_line_names_the_delimiter() -> None:
    doc = parse("sep=;\nid;name\n1;Doe, Jane\n", LIMITS)
    assert {f.path: f.value for f in doc.fields if not f.is_key}[(0, "name")] == "Doe, Jane"


def test_a_row_of_group_headings_over_the_header_is_no_header() -> None:
    # A report's merged cells, exported: a heading over some columns, then the columns' names.
    doc = parse(",Cardholder,,Card\nCase,Name,Email,PAN\nCS-1,Ana Lee,a@b.c,4111\n", LIMITS)
    assert {f.path: f.value for f in doc.fields if not f.is_key}[(0, "name")] == "Ana Lee"


def test_a_header_narrower_than_its_rows_is_still_the_header() -> None:
    doc = parse("id,name\n1,Jane,\n2,Bob,\n", LIMITS)
    assert [f.value for f in doc.fields if f.is_key] == ["id", "name"]


@pytest.mark.parametrize(
    ("text", "path", "value"),
    [
        # quoted cells with commas, quotes and newlines
        ('a,b\n"x, y","say ""hi"""\n', (0, "b"), 'say "hi"'),
        ('a\n"line1\nline2"\n', (0, "a"), "line1\nline2"),
        # cells beyond the header are named by their index
        ("a,b\n1,2,3\n", (0, "2"), "3"),
        # short rows simply have fewer fields
        ("a,b,c\n1\n", (0, "a"), "1"),
        # no trailing newline
        ("a\nlast", (0, "a"), "last"),
    ],
)
def test_cell_paths(text: str, path: tuple[object, ...], value: str) -> None:
    [field] = [f for f in parse(text, LIMITS).fields if f.path == path]
    assert field.value == value
    assert not field.is_key


def test_records_root_is_rows_as_objects() -> None:
    assert parse(EXPORT, LIMITS).records_root == [
        {"id": "1", "name": "Doe, Jane", "email": "jane@example.com", "dateofbirth": "1990-01-01"},
        {"id": "2", "name": "Bob", "email": "bob@example.org", "dateofbirth": ""},
    ]


@pytest.mark.parametrize("text", ["", "\r\n"])
def test_empty(text: str) -> None:
    doc = parse(text, LIMITS)
    assert doc.fields == []
    assert doc.records_root == []


def test_header_only() -> None:
    doc = parse("id,email\n", LIMITS)
    assert [f.is_key for f in doc.fields] == [True, True]
    assert doc.records_root == []


# --------------------------------------------------------------------------------------------
# Limits
# --------------------------------------------------------------------------------------------


def test_too_many_fields() -> None:
    with pytest.raises(BodyTooLarge) as info:
        parse("a,b\n1,2\n3,4\n", Limits(max_fields=5))
    assert info.value.reason == "too_many_fields"
    assert len(parse("a,b\n1,2\n3,4\n", Limits(max_fields=6)).fields) == 6


def test_cell_longer_than_the_string_limit_is_withheld() -> None:
    with pytest.raises(Withheld) as info:
        parse("a\n" + "x" * 11 + "\n", Limits(max_string_chars=10))
    assert isinstance(info.value, BodyTooLarge | Undecodable)
    # the limit is per parse, not left over from the previous one
    assert parse("a\n" + "x" * 11 + "\n", Limits(max_string_chars=11)).fields[1].value == "x" * 11


# --------------------------------------------------------------------------------------------
# Render
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "new", "cell"),
    [
        ((0, "name"), "<PERSON>", "<PERSON>"),
        ((0, "email"), "j***@example.com", "j***@example.com"),
        ((0, "email"), DROPPED, ""),
        ((0, "dateofbirth"), None, ""),
        ((1, "name"), 'with, comma and "quote"', 'with, comma and "quote"'),
        (("email",), "<EMAIL_ADDRESS>", "<EMAIL_ADDRESS>"),
    ],
)
def test_render_replaces_one_cell(path: tuple[object, ...], new: Replacement, cell: str) -> None:
    doc = parse(EXPORT, LIMITS)
    rendered = doc.render({_slot(doc, path): new})
    expected = _rows(EXPORT)
    row = 0 if len(path) == 1 else int(str(path[0])) + 1
    expected[row][[name.lower() for name in expected[0]].index(str(path[-1]))] = cell
    assert _rows(rendered) == expected


@pytest.mark.parametrize(
    ("text", "newline"),
    [
        ("a,b\r\n1,2\r\n", "\r\n"),
        ("a,b\n1,2\n", "\n"),
    ],
)
def test_render_keeps_line_endings(text: str, newline: str) -> None:
    rendered = parse(text, LIMITS).render({2: "x"})
    assert rendered == f"a,b{newline}x,2{newline}"


@pytest.mark.parametrize(
    "text",
    [
        EXPORT,
        'a,b\n"x, y","say ""hi"""\n',
        'a\n"line1\nline2"\n',
        "a\n1,2,3\n",
    ],
)
def test_render_without_replacements_keeps_the_cells(text: str) -> None:
    assert _rows(parse(text, LIMITS).render({})) == _rows(text)


@pytest.mark.parametrize("delimiter", [";", "\t", "|"])
def test_other_delimiters_and_header_case_read_as_the_same_columns(delimiter: str) -> None:
    # Excel in most of Europe writes ';', TSV exports a tab: a comma reader would see one column.
    text = (
        delimiter.join(["ID", "Name", "Postal_Code"])
        + "\r\n"
        + delimiter.join(["5", "Robert Hamilton", "98928"])
    )
    doc = parse(text + "\r\n", LIMITS)
    assert [(f.path, f.value) for f in doc.fields if not f.is_key] == [
        ((0, "id"), "5"),
        ((0, "name"), "Robert Hamilton"),
        ((0, "postal_code"), "98928"),
    ]
    assert doc.records_root == [{"id": "5", "name": "Robert Hamilton", "postal_code": "98928"}]
    assert (
        doc.render({_slot(doc, (0, "name")): "Robert"}) == text.replace("Robert Hamilton", "Robert") + "\r\n"
    )


def test_cells_of_a_row_that_are_pieces_of_one_number_are_joined() -> None:
    doc = parse("name,phone_cc,phone_area,phone_line,notes\nJane,+1,415,555-0134,vip\nBob,,,,\n", Limits())
    joined, no_spaces = doc.joined(())
    assert (joined.text, no_spaces.text) == ("+1 415 555-0134", "+1415555-0134")
    assert [doc.fields[slot].path for slot, _, _ in joined.pieces] == [
        (0, "phone_cc"),
        (0, "phone_area"),
        (0, "phone_line"),
    ]
    assert joined.context == ("phone",)  # what the columns' names share


def test_a_field_value_export_names_each_value_by_its_row_label() -> None:
    # `SSN;536221234` under a header `field;value`: the SSN had only "value" as its context, and
    # passed unmasked.
    doc = parse("field;value\nSSN;536221234\nstatus;open\nname;Jane Doe\n", Limits())
    contexts = {f.value: f.context for f in doc.fields if not f.is_key}
    assert contexts["536221234"] == ("ssn", "value")
    assert contexts["open"] == ("value",)  # a label names only a value with a digit
    assert contexts["Jane Doe"] == ("value",)


@pytest.mark.parametrize(
    "text",
    [
        "PAYOUT_ID|DATE|BENEFICIARY\nPO1|2024-08-19|Brianna Ashcroft\nPO2|2024-07-24|Harriet Fairbanks\n",
        "id\tname\tphone\r\n1\tJane Doe\t555-0100\r\n2\tJohn Roe\t555-0101\r\n",
    ],
)
def test_a_table_sent_as_text_is_told_by_its_header_and_rows(text: str) -> None:
    assert is_delimited_table(text)


@pytest.mark.parametrize(
    "text",
    [
        "Hello, world, how are you\nfine, thanks, and you\ngood, good, good\n",  # commas: prose too
        "a|b|c\n1|2|3\n",  # one row is no table
        "id|name|phone\n1|Jane Doe|555-0100\n2|John Roe\n",  # rows of other widths
        "4539|1488|0343\n6467|1|2\n3|4|5\n",  # no header of names
        "Status update | done\nok | yes\nfine | good\n",  # two columns
        'id|name|note\n1|Jane|she said "hi\n2|John|ok\n',  # a quote: CSV would join the lines
    ],
)
def test_text_that_is_no_table(text: str) -> None:
    assert not is_delimited_table(text)
