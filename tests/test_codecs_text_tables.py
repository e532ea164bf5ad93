"""proxy/codecs/text_tables.py: fixed-width reports and SQL dumps read as cells named by their columns."""

from __future__ import annotations

import pytest

from proxy.codecs.text_tables import find

REPORT = [
    "KYC REVIEW QUEUE        RUN 2024-06-27 08:19:00   PAGE 1\n",
    "\n",
    "CUST NO   NAME                DOB         PHONE\n",
    "-----------------------------------------------------\n",
    "8471859   SATO HANAKO         23/07/1954  +81 80-1952-2959\n",
    "1346798   JUERGEN NUSSBAUM    20/11/1957\n",
    "\n",
    "TOTAL RECORDS: 2\n",
]


def _values(lines: list[str]) -> dict[int, list[tuple[str, str]]]:
    return {i: [(lines[i][s:e], column) for s, e, column in cells] for i, cells in find(lines).items()}


def test_a_fixed_width_reports_rows_are_cells_under_its_columns() -> None:
    assert _values(REPORT) == {
        4: [
            ("8471859", "CUST NO"),
            ("SATO HANAKO", "NAME"),
            ("23/07/1954", "DOB"),
            ("+81 80-1952-2959", "PHONE"),
        ],
        5: [("1346798", "CUST NO"), ("JUERGEN NUSSBAUM", "NAME"), ("20/11/1957", "DOB")],
    }


@pytest.mark.parametrize(
    "lines",
    [
        # a value running across a column's start: no row of that table
        ["ID   NAME   CITY\n", "1    Jean-Baptiste Fontaine Paris\n"],
        # two names are no header
        ["NAME   CITY\n", "Jane   Paris\n"],
        # prose with wide gaps is no header (a digit in a "name")
        ["Order 1234  shipped  today\n", "4111 1111 1111 1111\n"],
    ],
)
def test_lines_that_are_no_table_stay_lines(lines: list[str]) -> None:
    assert find(lines) == {}


def test_an_sql_dumps_values_are_cells_under_its_columns() -> None:
    lines = [
        "SET NAMES utf8mb4;\n",
        "INSERT INTO `customers` (`id`,`full_name`,`dob`) VALUES\n",
        "(4741254,'Charlotte O''Brien','1974-10-21'),\n",
        "(4741255,'Sam Lee',NULL),(4741256,'Ana Ruiz','1990-01-02');\n",
        "(1,'not part of it','x');\n",
    ]
    assert _values(lines) == {
        2: [("4741254", "id"), ("Charlotte O''Brien", "full_name"), ("1974-10-21", "dob")],
        3: [
            ("4741255", "id"),
            ("Sam Lee", "full_name"),
            ("NULL", "dob"),
            ("4741256", "id"),
            ("Ana Ruiz", "full_name"),
            ("1990-01-02", "dob"),
        ],
    }


def test_what_else_a_tuple_line_holds_is_read_too() -> None:
    # A value past the last column, a function's argument, a comment: cells of no column.
    lines = [
        "INSERT INTO t (a, b) VALUES\n",
        "(1, LOWER('JANE@EXAMPLE.COM'), '415-555-0132') -- old jane@example.org\n",
    ]
    assert _values(lines)[1] == [
        ("1", "a"),
        ("LOWER", "b"),
        ("('JANE@EXAMPLE.COM'), '415-555-0132') -- old jane@example.org\n", ""),
    ]


def test_an_unclosed_quote_is_read_once() -> None:
    # Searched again from every position, a line of escaped quotes had cost the square of its length.
    [cells] = find(["INSERT INTO t (a, b) VALUES\n", "(" + "\\'" * 100_000 + "\n"]).values()
    assert len(cells) <= 2


def test_a_header_of_more_columns_than_any_report_has_is_no_header() -> None:
    assert find(["  ".join(["Ab"] * 65) + "\n", "   ".join(["a"] * 65) + "\n"]) == {}


def test_a_megabyte_of_header_like_lines_is_one_table() -> None:
    # Every line could be a header: the first is, the rest are its rows, each read once.
    assert len(find(["AA  BB  CC\n"] * 100_000)) == 99_999
    # Every line a header no row follows: each is looked at once.
    assert find(["AA  BB  CC\n", "\n"] * 50_000) == {}


@pytest.mark.parametrize(
    ("line", "named"),
    [
        # logfmt, quoted and bare
        (
            'ts=2025 msg="payout created" beneficiary="youssef al-otaibi" bic=SOGEFRPP',
            [
                ("2025", "ts"),
                ("payout created", "msg"),
                ("youssef al-otaibi", "beneficiary"),
                ("SOGEFRPP", "bic"),
            ],
        ),
        # LEEF: values with spaces, up to the next separator
        (
            "LEEF:2.0|L|S|1|Viewed|^|src=90.86.66.178^customerName=Michael Baker^customerDob=1991-06-06",
            [("90.86.66.178", "src"), ("Michael Baker", "customerName"), ("1991-06-06", "customerDob")],
        ),
        # a JSON object per line, a Rails parameter hash, a Python repr
        (
            '{"bank":{"holder":"TAKAHASHI DAISUKE","account":"8546883"}}',
            [("TAKAHASHI DAISUKE", "holder"), ("8546883", "account")],
        ),
        (
            'Parameters: {"full_name"=>"Luis Flores", "email"=>"f@h.com"}',
            [("Luis Flores", "full_name"), ("f@h.com", "email")],
        ),
        ("Customer(id=77, name='Sanjay Sharma')", [("77", "id"), ("Sanjay Sharma", "name")]),
    ],
)
def test_a_log_lines_values_are_cells_named_by_their_keys(line: str, named: list[tuple[str, str]]) -> None:
    [cells] = find([line]).values()
    assert [(line[s:e], column) for s, e, column in cells if column] == named
    # the text between the values is kept, in cells of no column: only punctuation is left out
    covered = {i for s, e, _ in cells for i in range(s, e)}
    assert all(i in covered for i, ch in enumerate(line) if ch.isalnum())


@pytest.mark.parametrize(
    "line",
    [
        "Hello, my name is Jane and 2+2=4",  # one pair is no log line
        'ATTENDEE;CN="Tyler Hargreaves";ROLE=REQ-PARTICIPANT:mailto:t@example.com',  # a calendar's property
    ],
)
def test_lines_that_are_no_log_pairs_stay_lines(line: str) -> None:
    assert find([line]) == {}


def test_an_ach_files_entry_records_are_cells_at_their_places() -> None:
    line = "622118498135394747677        0000492965ID439854       BRANDON LEE MILLER      0893714844117717"
    assert len(line) == 94
    assert _values([line + "\n"]) == {
        0: [
            ("118498135", "routing"),
            ("394747677", "account"),
            ("0000492965", "amount"),
            ("ID439854", "id number"),
            ("BRANDON LEE MILLER", "customer name"),
        ]
    }
    # a batch header (record type 5), a line of another length, a log line that starts with a 6
    # and eleven digits (no transaction code, a routing number's check digit wrong) are no entries
    log = "600000000000 build ok, 12 tests, user Jane Whitfield, run 5551234".ljust(94)
    assert find(["5220LEDGERLINE INC" + " " * 76 + "\n", line[:-1] + "\n", log + "\n"]) == {}
