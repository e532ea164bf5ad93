"""The pipeline, with a stub detector: order of stages, pass-through, header hygiene, withholding."""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from proxy import policy
from proxy.codecs import Limits
from proxy.detect import Item
from proxy.errors import BodyTooLarge, Undecodable, Withheld
from proxy.model import Outcome, Span
from proxy.pipeline import Generation, Inspected, Settings, credential_parts, inspect
from proxy.rules import Rules, load_rules
from tests.shipped import RECOGNIZER_ENTITIES

ENTITIES = RECOGNIZER_ENTITIES
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")


class RegexDetector:
    """Finds e-mails only, and remembers what it was asked (to check what skips detection)."""

    def __init__(self) -> None:
        self.asked: list[Item] = []

    async def detect(self, items: Sequence[Item]) -> list[tuple[Span, ...]]:
        self.asked.extend(items)
        return [
            tuple(Span(m.start(), m.end(), "EMAIL_ADDRESS", 1.0) for m in EMAIL.finditer(item.text))
            for item in items
        ]


class CardDetector(RegexDetector):
    """Finds runs of 16 digits as cards."""

    async def detect(self, items: Sequence[Item]) -> list[tuple[Span, ...]]:
        self.asked.extend(items)
        return [
            tuple(Span(m.start(), m.end(), "CREDIT_CARD", 1.0) for m in re.finditer(r"\d{16}", item.text))
            for item in items
        ]


@pytest.fixture(scope="module")
def rules() -> Rules:
    return load_rules(Path(__file__).resolve().parent.parent / "rules", ENTITIES)


async def run(
    rules: Rules,
    path: str,
    body: bytes,
    headers: list[tuple[str, str]] | None = None,
    role: str = "tier1",
    status: int = 200,
    settings: Settings | None = None,
    detector: RegexDetector | None = None,
) -> Inspected:
    decision, route = policy.decide(rules, "GET", path)
    hdrs = headers if headers is not None else [("Content-Type", "application/json")]
    return await inspect(
        Generation(rules, detector or RegexDetector()),
        settings or Settings(token_key=b"k" * 32),
        decision,
        route,
        rules.role(role),
        status,
        hdrs,
        body,
    )


async def test_nothing_to_mask_passes_unchanged(rules: Rules) -> None:
    result = await run(rules, "/api/v2/status", b'{"status": "ok", "count": 3}')
    assert (result.outcome, result.body, result.headers) == (Outcome.PASSED, None, None)


async def test_declared_fields_mask_and_skip_detection(rules: Rules) -> None:
    detector = RegexDetector()
    body = json.dumps({"user": {"id": 7, "email": "jane.doe@example.com", "ssn": "123-45-6789"}}).encode()
    result = await run(rules, "/api/v2/users/7", body, detector=detector)
    assert result.outcome is Outcome.MASKED
    assert result.body is not None
    user = json.loads(result.body)["user"]
    assert user == {"id": 7, "email": "j***@example.com", "ssn": "<US_SSN>"}
    assert [s.record.record_id for s in result.records] == ["7"]
    assert result.records[0].masked == ("email", "ssn")  # names only, for the audit trail
    assert all(text != "jane.doe@example.com" for text, *_ in detector.asked)  # declared: not analysed


@pytest.mark.parametrize("path", ["/api/v2/tickets?include=users", "/api/v2/tickets/9?include=users"])
async def test_side_loaded_users_on_ticket_routes_are_counted_and_masked(rules: Rules, path: str) -> None:
    users = [{"id": 77, "name": "Margaret Hale", "postal_code": "11201", "balance": 48211.07}]
    body = json.dumps({"tickets": [{"id": 9001, "requester_id": 77}], "users": users}).encode()
    result = await run(rules, path, body)
    assert ("customer", "77") in [(s.record.record_type, s.record.record_id) for s in result.records]
    assert result.body is not None
    assert json.loads(result.body)["users"][0] == {
        "id": 77, "name": "Margaret", "postal_code": "<POSTAL_CODE>", "balance": "<ACCOUNT_BALANCE>",
    }  # fmt: skip


async def test_a_customers_comment_counts_as_a_view_of_that_customer(rules: Rules) -> None:
    # Comments carry the requester's address, card and phone; reading them counted no customer
    # (the route's only record rule, side-loaded users, never matched): no quota, no attribution.
    comments = [
        {"id": 1, "author": "customer", "author_id": 63, "body": "I moved, write to jane.doe@example.com"},
        {"id": 2, "author": "agent", "author_id": 900001, "agent_id": 5, "body": "Noted."},
    ]
    result = await run(rules, "/api/v2/tickets/13/comments", json.dumps({"comments": comments}).encode())
    assert [(s.record.record_type, s.record.record_id) for s in result.records] == [("customer", "63")]
    assert result.records[0].masked == ("body",)
    assert result.body is not None and b"jane.doe@" not in result.body


async def test_undeclared_route_is_still_scanned(rules: Rules) -> None:
    body = b'{"note": "write to jane.doe@example.com please"}'
    result = await run(rules, "/api/v9/brand-new", body)
    assert result.body == b'{"note":"write to j***@example.com please"}'
    assert result.masked == {"EMAIL_ADDRESS": 1}


async def test_fraud_sees_clear_and_response_is_byte_identical(rules: Rules) -> None:
    body = b'{"user": {"id": 1, "email": "jane.doe@example.com"}}'
    result = await run(rules, "/api/v2/users/1", body, role="fraud")
    assert (result.outcome, result.body, result.revealed) == (Outcome.PASSED, None, {"EMAIL_ADDRESS": 1})


async def test_unknown_role_masks_everything(rules: Rules) -> None:
    body = b'{"user": {"id": 1, "email": "jane.doe@example.com"}}'
    result = await run(rules, "/api/v2/users/1", body, role="no-such-role")
    assert result.body is not None
    assert "jane" not in result.body.decode() and "example.com" not in result.body.decode()


async def test_masked_response_headers(rules: Rules) -> None:
    body = gzip.compress(b'{"note": "jane.doe@example.com"}')
    headers = [
        ("Content-Type", "application/json"), ("Content-Encoding", "gzip"), ("ETag", '"abc"'),
        ("Content-Length", str(len(body))), ("Accept-Ranges", "bytes"), ("Digest", "sha-256=x"),
        ("Cache-Control", "public, max-age=60"), ("X-Other", "kept"),
    ]  # fmt: skip
    result = await run(rules, "/api/v2/x", body, headers=headers)
    assert result.headers is not None and result.body is not None
    names = {k.lower(): v for k, v in result.headers}
    assert "etag" not in names and "accept-ranges" not in names and "digest" not in names
    assert "content-length" not in names  # the addon sets it for the new body
    assert names["cache-control"] == "no-store" and names["x-other"] == "kept"
    assert names["content-encoding"] == "gzip"
    assert gzip.decompress(result.body) == b'{"note":"j***@example.com"}'


async def test_headers_are_scanned_even_when_body_is_clean(rules: Rules) -> None:
    headers = [("Content-Type", "application/json"), ("Location", "/users?email=jane.doe%40example.com")]
    result = await run(rules, "/api/v2/x", b"{}", headers=headers, status=302)
    assert result.outcome is Outcome.MASKED and result.body is None
    assert result.headers is not None
    location = dict(result.headers)["Location"]
    assert "jane.doe" not in location and "j***@example.com" in location


async def test_observe_mode_counts_but_releases_unchanged(rules: Rules) -> None:
    settings = Settings(token_key=b"k" * 32, observe=True)
    result = await run(rules, "/api/v2/x", b'{"n": "jane.doe@example.com"}', settings=settings)
    assert (result.outcome, result.body, result.masked) == (Outcome.OBSERVED, None, {"EMAIL_ADDRESS": 1})


async def test_static_assets_are_not_inspected(rules: Rules) -> None:
    result = await run(
        rules, "/console", b"<p>jane.doe@example.com</p>", headers=[("Content-Type", "text/html")]
    )
    assert result.outcome is Outcome.STATIC


@pytest.mark.parametrize(
    ("headers", "body", "status", "error", "reason"),
    [
        # content types a data route does not serve
        ([("Content-Type", "application/octet-stream")], b"\x00\x01", 200, Undecodable, "unsupported_content_type"),
        ([], b"jane@example.com", 200, Undecodable, "unsupported_content_type"),
        ([("Content-Type", "text/html"), ("Content-Type", "application/json")], b"{}", 200, Undecodable,
         "unsupported_content_type"),
        ([("Content-Type", "text/event-stream")], b"data: x\n\n", 200, Undecodable, "unsupported_content_type"),
        # encodings Scrim does not own
        ([("Content-Type", "application/json"), ("Content-Encoding", "base64")], b"e30=", 200, Undecodable,
         "unsupported_encoding"),
        # bodies that cannot be read as what they claim
        ([("Content-Type", "application/json")], b'{"a": 1, "a": 2}', 200, Undecodable, "duplicate_json_key"),
        ([("Content-Type", "application/json")], b'{"a": ', 200, Undecodable, "invalid_json"),
        ([("Content-Type", "application/json")], b"\xff\xfe{\x00}\x00", 200, Undecodable, "unsupported_charset"),
        # ranges
        ([("Content-Type", "application/json")], b"{}", 206, Withheld, "partial_content"),
    ],
)  # fmt: skip
async def test_withheld(
    rules: Rules, headers: list[tuple[str, str]], body: bytes, status: int, error: type[Withheld], reason: str
) -> None:
    with pytest.raises(error) as caught:
        await run(rules, "/api/v2/x", body, headers=headers, status=status)
    assert caught.value.reason == reason


async def test_declared_route_rejects_other_content_types(rules: Rules) -> None:
    with pytest.raises(Undecodable, match="unexpected_content_type"):
        await run(rules, "/api/v2/users/1", b"<p>hi</p>", headers=[("Content-Type", "text/html")])


async def test_body_cap(rules: Rules) -> None:
    settings = Settings(limits=Limits(max_body_bytes=100), token_key=b"k" * 32)
    with pytest.raises(BodyTooLarge):
        await run(rules, "/api/v2/x", b'{"a": "' + b"x" * 200 + b'"}', settings=settings)


async def test_json_number_identifiers_are_scanned(rules: Rules) -> None:
    detector = RegexDetector()
    await run(rules, "/api/v2/x", b'{"phone": 4155550132, "count": 12}', detector=detector)
    assert Item("4155550132", ("phone",)) in detector.asked
    assert all(text != "12" for text, *_ in detector.asked)


async def test_negative_and_float_numbers_are_scanned_as_their_digits(rules: Rules) -> None:
    body = (
        b'{"card_ref": 4539148803436467.0, "alt": -4539148803436467, "exp": 4.539148803436467e15, "n": -12}'
    )
    detector = CardDetector()
    out = await run(rules, "/api/v2/x", body, detector=detector)
    assert out.body is not None and b"4539148803436467" not in out.body
    assert [text for text, *_ in detector.asked if text[0].isdigit()] == [
        "4539148803436467.0",
        "4539148803436467",
        "4539148803436467.0",
    ]
    assert all(text != "12" for text, *_ in detector.asked)


async def test_a_value_split_by_markup_is_masked_whole_in_every_piece(rules: Rules) -> None:
    # A browser shows `jane.doe<b></b>@example.com` as one address: neither piece alone is one.
    body = b"<p>Write to jane.doe<b></b>@example.com<!-- -->, thanks</p><p>Order 12</p>"
    result = await run(rules, "/tickets/view", body, headers=[("Content-Type", "text/html")])
    assert result.outcome is Outcome.MASKED and result.body is not None
    text = result.body.decode()
    assert "jane" not in text and "example" not in text
    assert text.startswith("<p>Write to ****.***<b></b>@*******.***<!-- -->, thanks</p>")
    assert result.masked == {"EMAIL_ADDRESS": 2}


class GroupedCardDetector(RegexDetector):
    """Finds cards typed in four groups of four."""

    async def detect(self, items: Sequence[Item]) -> list[tuple[Span, ...]]:
        self.asked.extend(items)
        return [
            tuple(
                Span(m.start(), m.end(), "CREDIT_CARD", 1.0)
                for m in re.finditer(r"\d{4}(?: \d{4}){3}", i.text)
            )
            for i in items
        ]


class PhoneDetector(RegexDetector):
    """Finds phone numbers with an optional one-digit country code: 7 (797) 254-2237."""

    async def detect(self, items: Sequence[Item]) -> list[tuple[Span, ...]]:
        self.asked.extend(items)
        phone = r"(?:\d )?\(\d{3}\) \d{3}-\d{4}"
        return [
            tuple(Span(m.start(), m.end(), "PHONE_NUMBER", 1.0) for m in re.finditer(phone, i.text))
            for i in items
        ]


async def test_a_value_stored_in_pieces_is_masked_whole_in_every_piece(rules: Rules) -> None:
    # No piece is a card on its own; last 4 of each piece would show all 16 digits.
    body = json.dumps({"payment": {"card": ["4539", "1488", "0343", "6467"], "status": "ok"}}).encode()
    detector = GroupedCardDetector()
    result = await run(rules, "/api/v2/payments/7", body, detector=detector)
    assert result.outcome is Outcome.MASKED and result.body is not None
    assert json.loads(result.body) == {"payment": {"card": ["****"] * 4, "status": "ok"}}
    assert result.masked == {"CREDIT_CARD": 4}
    assert ("4539 1488 0343 6467", ("card",), ()) in [tuple(i) for i in detector.asked]


async def test_a_declared_value_is_not_joined_to_its_neighbours(rules: Rules) -> None:
    # The CRM's CSV export: the row id beside the declared phone read as "+7 (797) 254-2237" and
    # was masked as part of it. A rule says what a declared value is, whole.
    body = b"id,ref,phone,name\n7,A1,(797) 254-2237,Jane Doe\n"
    detector = PhoneDetector()
    result = await run(
        rules, "/api/v2/exports/users.csv", body, [("Content-Type", "text/csv")], detector=detector
    )
    assert "7 A1" in [i.text for i in detector.asked]  # the undeclared pieces alone are joined
    assert result.body is not None
    assert result.body.decode().splitlines()[1].startswith("7,A1,")


async def test_pieces_declared_are_not_joined(rules: Rules) -> None:
    # Masked whole by their rules already: fewer than two pieces are left for the joined text.
    body = json.dumps({"user": {"phone": "4539 1488", "ssn": "0343 6467", "code": "1234"}}).encode()
    detector = GroupedCardDetector()
    await run(rules, "/api/v2/users/7", body, detector=detector)
    assert not [i for i in detector.asked if "6467" in i.text]


async def _shipped(
    path: str, content_type: str, body: bytes, headers: Sequence[tuple[str, str]] = (), role: str = "tier1"
) -> Inspected:
    """`body` (and `headers`) through the shipped rules and recognizers (no NER) for `role`."""
    from proxy.detect import Detector, DetectorConfig
    from proxy.server import load_rules as load_shipped
    from tests.eval.run import RULES, InProcessDetector

    shipped = load_shipped(RULES)
    config = DetectorConfig(RULES / "recognizers.yaml", None, shipped.entities, shipped.score_threshold)
    decision, route = policy.decide(shipped, "GET", path)
    return await inspect(
        Generation(shipped, InProcessDetector(Detector(config))), Settings(token_key=b"k" * 32), decision,
        route, shipped.role(role), 200, [("Content-Type", content_type), *headers], body,
    )  # fmt: skip


@pytest.mark.parametrize("role", ["tier1", "tier2", "fraud"])
async def test_no_role_sees_a_wallet_secret(role: str) -> None:
    # fraud reveals "*": a seed phrase pasted into a ticket is the customer's wallet, not evidence
    seed = "skin rose dwarf neither rookie tornado twelve economy receive speed warfare opinion"
    body = {"comments": [{"body": f"my seed phrase is {seed}, is my money safe?"}], "mnemonic": seed}
    result = await _shipped(
        "/api/v2/tickets/9/comments", "application/json", json.dumps(body).encode(), role=role
    )
    assert result.body is not None
    assert "rookie" not in result.body.decode()
    assert (
        json.loads(result.body)["comments"][0]["body"]
        == "my seed phrase is <CRYPTO_SECRET>, is my money safe?"
    )


@pytest.mark.parametrize(
    ("header", "gone"),
    [
        (
            ("X-SSN", "５３６-２２-１２３４".encode().decode("latin-1")),
            "５３６",
        ),  # UTF-8 bytes, as they arrive
        (("ETag", '"NTM2LTIyLTEyMzQ="'), "NTM2LTIyLTEyMzQ"),  # base64 of the SSN
        (("X-536-22-1234", "1"), "536-22-1234"),  # a header named by a value is dropped
    ],
)
async def test_values_in_response_headers_are_masked_as_clients_read_them(
    header: tuple[str, str], gone: str
) -> None:
    result = await _shipped("/api/v2/users/7", "application/json", b"{}", [header])
    assert result.headers is not None
    shown = " ".join(f"{k}: {v}" for k, v in result.headers).encode("latin-1").decode("utf-8")
    assert gone not in shown


async def test_a_street_is_not_joined_to_the_numbers_beside_it() -> None:
    # A CSV row (an undeclared export): joined with the street, the phone and SSN cells next to it
    # were masked as a street address, losing tier1's last 4 of the phone.
    body = b"id,phone,street,dob,ssn\n77,555.123.1969,Hauptstr. 2,1959-11-13,448-11-3847\n"
    result = await _shipped("/undeclared/users.csv", "text/csv", body)
    assert result.body is not None
    row = result.body.decode().splitlines()[1].split(",")
    assert row == ["77", "***.***.1969", "<STREET_ADDRESS>", "<DATE_OF_BIRTH>", "<US_SSN>"], row


@pytest.mark.parametrize(
    ("path", "body", "value"),
    [
        # typed entries and values named by their object's key: only the key said what they are
        (
            "/api/v2/users/5",
            {"user": {"id": 5, "phones": [{"type": "mobile", "number": "4155550134"}]}},
            "4155550134",
        ),
        (
            "/api/v2/users/5",
            {"user": {"documents": [{"type": "passport", "number": "X12345678"}]}},
            "X12345678",
        ),
        ("/undeclared", {"tax_ids": [{"type": "ssn", "id": "536221234"}]}, "536221234"),
        ("/undeclared", {"documents": [{"kind": "ssn", "value": "536221234"}]}, "536221234"),
        ("/undeclared", {"passport_number": {"value": "X12345678"}}, "X12345678"),
        ("/undeclared", {"contact": {"mobile": {"number": "4155550134"}}}, "4155550134"),
        ("/undeclared", {"customer": {"ssn": {"v": "536221234"}}}, "536221234"),
    ],
)
async def test_a_value_named_by_its_object_is_masked(path: str, body: object, value: str) -> None:
    result = await _shipped(path, "application/json", json.dumps(body).encode())
    assert result.outcome is Outcome.MASKED and result.body is not None
    assert value not in result.body.decode()


@pytest.mark.parametrize(
    ("body", "masked", "pieces"),
    [
        # a card's groups as JSON numbers, one of them without its leading zero (0343)
        ({"card": [4539, 1488, 343, 6467]}, {"card": ["****", "****", "***", "****"]}, 4),
        (
            {"card": {"bin": 4539, "mid": 1488, "grp": 343, "end": 6467}},
            {"card": {"bin": "****", "mid": "****", "grp": "***", "end": "****"}},
            4,
        ),
        ({"amex": [3782, 822463, 10005]}, {"amex": ["****", "******", "*****"]}, 3),
        # each piece in an object of its own
        (
            {"card": [{"g": "4539"}, {"g": "1488"}, {"g": "0343"}, {"g": "6467"}]},
            {"card": [{"g": "****"}, {"g": "****"}, {"g": "****"}, {"g": "****"}]},
            4,
        ),
        (
            {"card": [{"g": 4539}, {"g": 1488}, {"g": 343}, {"g": 6467}]},
            {"card": [{"g": "****"}, {"g": "****"}, {"g": "***"}, {"g": "****"}]},
            4,
        ),
    ],
)
async def test_a_card_stored_in_pieces_is_masked_whole(body: object, masked: object, pieces: int) -> None:
    result = await _shipped("/undeclared", "application/json", json.dumps(body).encode())
    assert result.outcome is Outcome.MASKED and result.body is not None
    assert json.loads(result.body) == masked
    assert result.masked == {"CREDIT_CARD": pieces}


async def test_a_date_of_birth_in_parts_is_masked_in_every_part() -> None:
    # Stripe's `individual.dob` shape: three small numbers no recognizer tells from any others.
    body = {"individual": {"dob": {"day": 14, "month": 3, "year": 1985}}, "created": {"year": 2024}}
    result = await _shipped("/undeclared", "application/json", json.dumps(body).encode())
    assert result.body is not None
    masked = json.loads(result.body)
    assert masked["individual"]["dob"] == dict.fromkeys(("day", "month", "year"), "<DATE_OF_BIRTH>")
    assert masked["created"] == {"year": 2024}


@pytest.mark.parametrize(
    "body",
    [
        # a KYC vendor's identity document: its type names its number
        {"idDocs": [{"idDocType": "ID_CARD", "country": "PL", "number": "257511330377"}]},
        # a field's definition beside its value
        {"custom": [{"field": {"key": "national_id"}, "value": "942595233"}]},
    ],
)
async def test_an_id_named_by_what_is_beside_it_is_masked(body: dict[str, Any]) -> None:
    result = await _shipped("/undeclared", "application/json", json.dumps(body).encode())
    assert result.body is not None and result.masked == {"NATIONAL_ID": 1}
    assert "<NATIONAL_ID>" in result.body.decode()


async def test_a_table_sent_as_plain_text_is_read_as_one() -> None:
    # A pipe-delimited export labelled text/plain: read line by line, its names had no column to
    # name them and passed whole.
    body = b"PAYOUT_ID|BENEFICIARY|AMOUNT\nPO1|brianna ashcroft|44718.31\nPO2|harriet fairbanks|5.00\n"
    result = await _shipped("/undeclared/payouts.txt", "text/plain", body)
    assert result.body is not None
    rows = result.body.decode().splitlines()
    assert rows[0] == "PAYOUT_ID|BENEFICIARY|AMOUNT"
    assert [row.split("|")[1] for row in rows[1:]] == ["brianna", "harriet"]
    assert [row.split("|")[2] for row in rows[1:]] == ["44718.31", "5.00"]


async def test_a_text_reports_and_an_sql_dumps_values_are_named_by_their_columns() -> None:
    # A fixed-width report and an INSERT statement, sent as text: read line by line, names and
    # dates of birth had no column to name them and passed whole.
    body = (
        b"CUST NO   NAME                DOB\n"
        b"8471859   SATO HANAKO         23/07/1954\n\n"
        b"INSERT INTO `customers` (`id`,`full_name`,`birth_date`) VALUES\n"
        b"(4741254,'Charlotte Smith','1974-10-21');\n"
    )
    result = await _shipped("/undeclared/report.txt", "text/plain", body)
    assert result.body is not None
    text = result.body.decode()
    assert "HANAKO" not in text and "23/07/1954" not in text
    assert "Charlotte Smith" not in text and "1974-10-21" not in text
    assert "8471859" in text and "4741254" in text


async def test_a_log_lines_values_are_named_by_their_keys() -> None:
    # logfmt and LEEF lines: a name and a date of birth after their keys had passed whole.
    body = (
        b'ts=2025-07-16T13:32:51Z msg="payout created" beneficiary="youssef al-otaibi" bic=SOGEFRPP\n'
        b"LEEF:2.0|L|S|1|Viewed|^|usrName=agent_86^customerName=Michael Baker^customerDob=1991-06-06\n"
    )
    result = await _shipped("/undeclared/app.log", "text/plain", body)
    assert result.body is not None
    text = result.body.decode()
    assert "al-otaibi" not in text and "Baker" not in text and "1991-06-06" not in text
    assert "bic=SOGEFRPP" in text and "usrName=agent_86" in text


@pytest.mark.parametrize(
    ("content_type", "body", "hidden"),
    [
        # Outlook's HTML holds `<o:p>`: no XML, its inline tags still join what they split
        (
            "application/json",
            '{"b": "<p>Card: 4111 1111 <span>1111</span> 1111<o:p></o:p></p>"}',
            "1111 1111",
        ),
        # a word in one cell of a log line or a table row names the value in the next
        ("text/plain", "level=info field=passport value=K1234567 src=crm\n", "K1234567"),
        (
            "text/plain",
            '{"type": "passport", "number": "K1234567"}\n{"type": "ssn", "number": "536221234"}\n',
            "K1234567",
        ),
        ("text/plain", "Field     Current        Previous\nPassport  K1234567       K7654321\n", "K1234567"),
        (
            "text/plain",
            "INSERT INTO attrs (id, kind, value) VALUES\n(2, 'passport', 'K1234567');\n",
            "K1234567",
        ),
        # what an SQL row holds beyond its columns
        (
            "text/plain",
            "INSERT INTO u (id, email) VALUES\n(1, 'a@b.co', 'jane.doe@example.com');\n",
            "jane.doe@",
        ),
        # label and value pairs are no table with a header
        (
            "application/json",
            '{"f": [["Name", "Jane Doe"], ["Passport", "K1234567"], ["SSN", "536221234"]]}',
            "K1234567",
        ),
        # a table's header and the label cell before a value both name it
        (
            "text/html",
            "<table><tr><th>Document</th><th>Number</th></tr><tr><td>Passport</td><td>K1234567</td></tr></table>",
            "K1234567",
        ),
        # a bare log value keeps its apostrophe
        ("text/plain", "event=update name=Sean O'Brien id=5\n", "Brien"),
        # an XML element named like an HTML one (`<Title>`, `<Section>`) keeps XML XML
        (
            "application/json",
            '{"x": "<ns:R><Section>A</Section><ns:Ssn>123-45-6789</ns:Ssn></ns:R>"}',
            "6789",
        ),
        # a spreadsheet of two columns has a header row too
        (
            "application/json",
            '[["passport", "dob"], ["K1234567", "1990-04-12"], ["K7654321", "1985-01-02"]]',
            "K1234567",
        ),
        # a title row of one header cell gives way to the columns' header row
        (
            "text/html",
            "<table><tr><th>Customer record</th></tr><tr><th>Passport</th><th>Account</th><th>Note</th></tr>"
            "<tr><td>K1234567</td><td>44556677</td><td>x</td></tr></table>",
            "K1234567",
        ),
        # a row of three fields is someone's record: `last` beside `first` is a family name
        ("text/plain", "first       last        dept\nJane        Whitfield   Sales\n", "Whitfield"),
    ],
)
async def test_what_the_format_readers_must_not_lose(content_type: str, body: str, hidden: str) -> None:
    # A review of the readers of formats found these passing whole where the code before them
    # masked them: each reader now adds to the line or text it cut, it does not replace it.
    result = await _shipped("/undeclared/x", content_type, body.encode())
    assert result.body is not None and hidden not in result.body.decode()


async def test_a_swift_messages_parties_names_are_masked() -> None:
    # MT103: the ordering customer's and the beneficiary's names, in capitals on the line after
    # their field's account, had passed whole (a text line's break kept it from reading as a name).
    body = b":50K:/DE10100100102625185383\nMATTHIAS HOFFMANN\n:59:/AE250269069181773438836\nNOURA AL MANSOURI\n:70:X\n"
    result = await _shipped("/undeclared/mt103.txt", "text/plain", body)
    assert result.body is not None
    text = result.body.decode()
    assert "HOFFMANN" not in text and "AL MANSOURI" not in text


async def test_a_value_under_an_iban_column_is_masked_whatever_its_form() -> None:
    body = json.dumps({"values": [["Name", "Amount", "IBAN"], ["A. Okafor", "12.00", "9397446837"]]}).encode()
    result = await _shipped("/undeclared/sheet", "application/json", body)
    assert result.body is not None and json.loads(result.body)["values"][1][2] == "<IBAN_CODE>"


async def test_an_exports_columns_named_in_chinese_are_hinted() -> None:
    body = "姓名;出生日期;银行账号;金额\nOUYANG JUNJIE;1957/2/5;6200715175345597875;EUR 16.52\n".encode()
    result = await _shipped("/undeclared/kunden.csv", "text/csv", body)
    assert result.body is not None
    row = result.body.decode().splitlines()[1].split(";")
    assert row[1:] == ["<DATE_OF_BIRTH>", "<US_BANK_NUMBER>", "EUR 16.52"]
    assert row[0] != "OUYANG JUNJIE"


async def test_a_value_found_whole_in_its_field_is_masked_where_it_recurs() -> None:
    # The form's answer is read as a phone (its label says so); its `prettyFormat` copy has no
    # label, and passed whole.
    body = {
        "3": {"name": "phoneNumber", "answer": {"full": "0555 567 46 65"}, "prettyFormat": "0555 567 46 65"},
        "4": {"name": "plan", "answer": "Gold Plan", "prettyFormat": "Gold Plan"},
    }
    result = await _shipped("/undeclared", "application/json", json.dumps(body).encode())
    assert result.body is not None
    masked = json.loads(result.body)
    assert masked["3"]["prettyFormat"] == masked["3"]["answer"]["full"] == "**** *** 46 65"
    assert masked["4"] == body["4"]  # nothing found, nothing recurs


async def test_a_full_name_found_in_a_text_is_masked_where_it_recurs() -> None:
    # A calendar entry: the attendee's common name is read as a name; the title's copy, which
    # spaCy reads as a company ("Callback - Tyler Hargreaves"), had passed whole.
    body = (
        b"BEGIN:VEVENT\r\nSUMMARY:Callback - Tyler Hargreaves\r\n"
        b'ATTENDEE;CN="Tyler Hargreaves";ROLE=REQ-PARTICIPANT:mailto:t@example.com\r\nEND:VEVENT\r\n'
    )
    result = await _shipped("/undeclared/callbacks.ics", "text/plain", body)
    assert result.body is not None
    text = result.body.decode()
    assert "Hargreaves" not in text
    assert "SUMMARY:Callback - Tyler\r\n" in text


async def test_a_pages_label_is_not_taken_for_the_next_cells_value() -> None:
    # A form's cells: "Date of birth" names the next text only by a guess, and a hint made the
    # "Passport" label after it a date of birth.
    body = (
        b'<table><tr><td>Date of birth</td><td><input readonly value="1975-08-09"></td></tr>'
        b'<tr><td>Passport</td><td><input readonly value="x"></td></tr></table>'
    )
    result = await _shipped("/undeclared/review", "text/html", body)
    assert result.body is not None and b"<td>Passport</td>" in result.body


async def test_a_travel_rule_payloads_names_are_masked() -> None:
    # IVMS101, which exchanges send each other for every transfer: the family name is the
    # primary identifier, the given names the secondary one.
    person = {"nameIdentifier": [{"primaryIdentifier": "HUANG", "secondaryIdentifier": "Haoran Li"}]}
    body = {"originator": {"originatorPersons": [{"naturalPerson": {"name": person}}]}}
    result = await _shipped("/undeclared", "application/json", json.dumps(body).encode())
    assert result.body is not None
    [names] = json.loads(result.body)["originator"]["originatorPersons"][0]["naturalPerson"]["name"][
        "nameIdentifier"
    ]
    assert names == {"primaryIdentifier": "<LAST_NAME>", "secondaryIdentifier": "Haoran"}


async def test_an_email_kept_in_two_fields_is_masked_in_both() -> None:
    # The local part alone is the customer's half of the address: shown, with the domain beside
    # it, it was the whole address.
    body = {"id": 7, "email": {"local": "davide_marino95", "domain": "alice.it"}, "plan": "pro"}
    result = await _shipped("/undeclared", "application/json", json.dumps(body).encode())
    assert result.outcome is Outcome.MASKED and result.body is not None
    masked = json.loads(result.body)
    assert "davide_marino95" not in result.body.decode() and "alice.it" not in result.body.decode()
    assert masked["id"] == 7 and masked["plan"] == "pro"
    assert result.masked == {"EMAIL_ADDRESS": 2}


@pytest.mark.parametrize(
    "body",
    [
        {"card": [4539, 1488, 343, 6468]},  # the Luhn digit is wrong: counts, not a card
        {"sizes": [1024, 2048, 4096, 8192]},
        {"phone": [415, 555, 134]},  # a phone has no checksum: numbers are not joined into one
    ],
)
async def test_numbers_no_checksum_confirms_pass(body: object) -> None:
    result = await _shipped("/undeclared", "application/json", json.dumps(body).encode())
    assert result.outcome is Outcome.PASSED


@pytest.mark.parametrize(
    ("user", "shown"),
    [
        # a tool's fallback display name: the e-mail or phone itself
        ({"name": "jane.doe@gmail.com"}, {"name": "****.***@*****.***"}),
        ({"name": "+14155551234"}, {"name": "+***********"}),
        ({"name": "Doe, Jane"}, {"name": "Jane"}),
        # a name in parts (SCIM): the family name is no first name
        ({"name": {"givenName": "Katherine", "familyName": "Stevenson"}},
         {"name": {"givenName": "Katherine", "familyName": "<LAST_NAME>"}}),
        ({"name": ["Jane", "Doe"]}, {"name": ["Jane", "<LAST_NAME>"]}),
    ],
)  # fmt: skip
async def test_tier1_sees_a_declared_name_only_as_a_first_name(user: dict[str, Any], shown: object) -> None:
    body = json.dumps({"user": {"id": 42, **user}}).encode()
    result = await _shipped("/api/v2/users/42", "application/json", body)
    assert result.body is not None
    assert {k: v for k, v in json.loads(result.body)["user"].items() if k != "id"} == shown


async def test_a_title_line_before_an_exports_header_leaves_its_column_rules_in_force() -> None:
    # The title became the header: no column rule applied, and the SSN, phone, balance and
    # street passed as recognizers alone saw them.
    body = (
        b"Users export 2024-05-01\n"
        b"id,name,email,phone,ssn,balance,street_address\n"
        b"1,Jane Doe,jane.doe@gmail.com,4155551234,536221234,1234.56,42 elm street\n"
    )
    result = await _shipped("/api/v2/exports/users.csv", "text/csv", body)
    assert result.body is not None
    lines = result.body.decode().splitlines()
    assert lines[0] == "Users export 2024-05-01"
    assert lines[2].split(",") == [
        "1", "Jane", "j***@gmail.com", "******1234", "<US_SSN>", "<ACCOUNT_BALANCE>", "<STREET_ADDRESS>"
    ]  # fmt: skip
    assert [r.record.record_id for r in result.records if r.record.record_type == "customer"] == ["1"]


async def test_address_line_keys_stay_and_their_lower_case_values_are_masked() -> None:
    # The keys were renamed `<STREET_ADDRESS>`, `<STREET_ADDRESS>#2` (the client's schema broke)
    # while "42 elm street" passed.
    body = json.dumps({"user": {"id": 1, "address_line1": "42 elm street", "addressLine2": "Apt 5"}}).encode()
    result = await _shipped("/undeclared", "application/json", body)
    assert result.body is not None
    user = json.loads(result.body)["user"]
    assert user == {"id": 1, "address_line1": "<STREET_ADDRESS>", "addressLine2": "<STREET_ADDRESS>"}


async def test_an_objects_key_does_not_make_its_ids_personal() -> None:
    body = {"order": {"type": "refund", "id": "4155550134"}, "account": {"id": "12345678"}}
    result = await _shipped("/undeclared", "application/json", json.dumps(body).encode())
    assert result.outcome is Outcome.PASSED


@pytest.mark.parametrize(
    ("html_body", "shown"),
    [
        # HTML in a JSON string is read, and masked, as the console renders it
        ("<p>reach me at jane.doe&#64;example.com</p>", "<p>reach me at j***@example.com</p>"),
        ("mail jane.doe&commat;example.com", "mail j***@example.com"),
        ("mail jane.doe<b></b>@example.com", "mail j***@example.com"),
        ("card 4539&#32;1488&#32;0343&#32;6467", "card **** **** **** 6467"),
        ("ssn 536<span></span>-22-1234", "ssn <US_SSN>"),
    ],
)
async def test_html_in_a_json_string_is_read_as_rendered(html_body: str, shown: str) -> None:
    body = json.dumps({"comments": [{"id": 1, "html_body": html_body}], "users": []}).encode()
    result = await _shipped("/api/v2/tickets/7/comments", "application/json", body)
    assert result.body is not None
    assert json.loads(result.body)["comments"][0]["html_body"] == shown


async def test_a_persons_name_does_not_name_the_id_beside_it() -> None:
    # "Sara Banks" read as the label of her id made the user's id a bank account number.
    body = json.dumps({"users": [{"id": 361000000022, "name": "Sara Banks", "role": "end-user"}]}).encode()
    result = await _shipped("/api/v2/users", "application/json", body)
    users = json.loads(result.body or body)["users"]
    assert users[0]["id"] == 361000000022


def test_credential_parts_are_the_values_and_their_long_words() -> None:
    assert credential_parts([("Authorization", "Bearer crm-secret-XYZ"), ("X-Api-Key", "k")]) == (
        "Bearer crm-secret-XYZ",
        "crm-secret-XYZ",
    )


@pytest.mark.parametrize("coding", ["identity", "gzip"])
async def test_a_body_echoing_the_crm_credential_is_withheld_even_compressed(
    rules: Rules, coding: str
) -> None:
    # A debug endpoint echoing the request hands the agent the credential Scrim adds upstream.
    plain = b'{"headers": {"authorization": "Bearer crm-secret-XYZ"}}'
    body = gzip.compress(plain) if coding == "gzip" else plain
    headers = [("Content-Type", "application/json"), ("Content-Encoding", coding)]
    settings = Settings(
        token_key=b"k" * 32, credentials=credential_parts([("Authorization", "Bearer crm-secret-XYZ")])
    )
    with pytest.raises(Withheld) as info:
        await run(rules, "/api/v2/users/7", body, headers, settings=settings)
    assert info.value.reason == "upstream_credential_echoed"


@pytest.mark.parametrize("content_type", ["text/plain", "text/html", "text/csv"])
async def test_json_sent_as_text_is_read_as_json(content_type: str) -> None:
    # As text, the field names were lost: a surname and a balance, masked as JSON, passed in clear.
    body = b'\xef\xbb\xbf {"last_name": "stevenson", "available_balance": 98765.43, "note": "hi"}'
    result = await _shipped("/api/v9/profile", content_type, body)
    assert result.body is not None
    assert json.loads(result.body) == {
        "last_name": "<LAST_NAME>",
        "available_balance": "<ACCOUNT_BALANCE>",
        "note": "hi",
    }


class PersonDetector(RegexDetector):
    """Finds runs of capitalised words as a person's name, and the seed phrase below as a secret."""

    async def detect(self, items: Sequence[Item]) -> list[tuple[Span, ...]]:
        self.asked.extend(items)
        found = []
        for item in items:
            spans = [
                Span(m.start(), m.end(), "PERSON", 0.85)
                for m in re.finditer(r"[A-Z]\w+(?: [A-Z]\w+)+", item.text)
            ]
            start = item.text.lower().find(SEED)
            if start >= 0:
                spans.append(Span(start, start + len(SEED), "CRYPTO_SECRET", 1.0))
            found.append(tuple(spans))
        return found


SEED = "card mom cricket mail advice monkey wild example judge credit inch high"
TIME_ZONES = ["London", "Berlin", "Paris", "Berlin", "London", "Madrid"] * 2


async def test_a_column_of_single_words_is_read_only_for_a_seed_phrase(rules: Rules) -> None:
    # Twelve customers' time zones, joined as one text, are not one name across twelve records.
    body = json.dumps({"users": [{"id": i, "time_zone": z} for i, z in enumerate(TIME_ZONES)]}).encode()
    detector = PersonDetector()
    result = await run(rules, "/api/v9/undeclared", body, detector=detector)
    assert (result.outcome, result.body) == (Outcome.PASSED, None)
    assert " ".join(TIME_ZONES) not in [i.text for i in detector.asked]  # no list words: not asked


async def test_a_seed_phrase_kept_one_word_per_element_is_masked(rules: Rules) -> None:
    words = [w.capitalize() for w in SEED.split()]  # capitalised: the stub reads a name in them too
    body = json.dumps({"seed": [{"i": i, "w": w} for i, w in enumerate(words, 1)]}).encode()
    detector = PersonDetector()
    result = await run(rules, "/api/v9/undeclared", body, detector=detector)
    assert result.body is not None
    assert [e["w"] for e in json.loads(result.body)["seed"]] == ["<CRYPTO_SECRET>"] * 12
    assert result.masked == {"CRYPTO_SECRET": 12}


@pytest.mark.parametrize(
    ("content_type", "body", "gone"),
    [
        ("application/json", {"html_body": '<a href="mailto:jane.doe@example.com">Mail</a>'}, "jane.doe@"),
        ("application/json", {"html_body": '<a href="tel:+14155550134">call</a>'}, "5550134"),
        ("application/json", {"html_body": '<img alt="IBAN DE89370400440532013000">'}, "0532013000"),
        ("application/json", {"html_body": "<input value='4539 1488 0343 6467'>"}, "0343 6467"),
        ("application/json", {"html_body": '<span title="SSN 536-22-1234">x</span>'}, "536-22"),
        ("application/json", {"html_body": "jane.doe<!-- -->@example.com"}, "jane.doe"),
        # what a tag holds never runs on into the text before it (a card then failed its length)
        (
            "application/json",
            {"html_body": '<span data-id="123456">4111 1111 1111 1111</span>'},
            "1111 1111 1111",
        ),
        (
            "application/json",
            {"html_body": "card <![CDATA[4111\u200b1111\u200b1111\u200b1111]]> ok"},
            "1111\u200b1111",
        ),
        ("application/json", {"html_body": "mail jane.doe<!-->@example.com ok"}, "jane.doe"),
        ("application/json", {"html_body": "<p x jane.doe@example.com y>hi"}, "jane.doe"),
        ("text/plain", '<span title="SSN 536-22-1234">see</span>', "536-22"),
        ("text/csv", 'id,note\n1,"<img alt=""card 4539 1488 0343 6467"">"\n', "0343 6467"),
    ],
)
async def test_values_inside_markup_in_a_string_are_masked(
    content_type: str, body: object, gone: str
) -> None:
    # A tag in a string was removed whole before detection: its attributes were never read.
    raw = json.dumps(body).encode() if isinstance(body, dict) else str(body).encode()
    result = await _shipped("/api/v9/undeclared", content_type, raw)
    assert result.body is not None
    assert gone not in result.body.decode()


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # half a surrogate pair (an emoji cut by a UTF-16 length limit): browsers read it, as U+FFFD
        (
            b'{"note": "hi \\ud800 write to jane.doe@example.com"}',
            b'{"note":"hi \\ud800 write to j***@example.com"}',
        ),
        (b'{"note": "hi \\udc00 there"}', None),  # nothing to mask: byte-identical
    ],
)
async def test_a_lone_surrogate_is_read_and_kept(body: bytes, expected: bytes | None) -> None:
    # It made detection raise (UTF-8 cannot encode it) and the whole response 502 analyzer_error.
    result = await _shipped("/api/v9/undeclared", "application/json", body)
    assert result.outcome in (Outcome.MASKED, Outcome.PASSED)
    assert result.body == expected


async def test_json_sent_as_text_is_read_in_utf8_whatever_its_label() -> None:
    # Parsed as JSON (a console's fetch().json() reads it so) but in its label's charset: a card
    # apart by no-break spaces read as `4539Â\xa01488…` and passed.
    body = '{"card": "4539\u00a01488\u00a00343\u00a06467"}'.encode()
    result = await _shipped("/api/v9/undeclared", "text/plain; charset=iso-8859-1", body)
    assert result.body is not None and b"0343" not in result.body
    assert result.headers is not None
    assert ("Content-Type", "text/plain; charset=utf-8") in result.headers


async def test_an_xhtml_dtd_is_found_past_a_quoted_identifier() -> None:
    body = b'<!DOCTYPE html SYSTEM "x>y" [<!ENTITY at "@example.com">]><p>jane.doe&at;</p>'
    with pytest.raises(Undecodable, match="unsupported_doctype"):
        await _shipped("/api/v9/undeclared", "application/xhtml+xml", body)


async def test_a_name_in_a_pages_inline_json_is_masked() -> None:
    # A script's JSON is read as text, where no field rule reaches: the requester's full name showed
    # on the page a script rendered from __NEXT_DATA__ (browser-oracle check).
    page = (
        '<div id="app"></div><script id="__NEXT_DATA__" type="application/json">'
        '{"props":{"requester":{"name":"Marguerite Okonkwo","plan":"Gold"}}}</script>'
    )
    result = await _shipped("/agent/tickets/7", "text/html", page.encode())
    assert result.body is not None
    assert "Okonkwo" not in result.body.decode()


@pytest.mark.parametrize(
    "page",
    [
        "<table><tr><td>Card</td><td>4539</td><td>1488</td><td>0343</td><td>6467</td></tr></table>",
        '<p>Card: <input value="4539"><input value="1488"><input value="0343"><input value="6467"></p>',
    ],
)
async def test_a_card_set_side_by_side_in_a_page_is_masked(page: str) -> None:
    # A browser lays a row's cells, and a line's input boxes, out as one: the card showed whole
    # (browser-oracle check), every piece being a value of its own.
    result = await _shipped("/agent/tickets/7", "text/html", page.encode())
    assert result.body is not None
    assert not {"1488", "0343"} & set(re.findall(r"\d{4}", result.body.decode()))


async def test_a_table_of_numbers_is_not_read_as_one() -> None:
    page = "<table><tr><td>4539</td><td>1488</td><td>0343</td><td>6468</td></tr><tr><td>12</td></tr></table>"
    result = await _shipped("/agent/tickets/7", "text/html", page.encode())
    assert result.body is None  # the Luhn check fails: nothing to mask


@pytest.mark.parametrize(
    "page",
    [
        "<p>Card: 4539 1488<br>0343 6467</p>",
        "<div>card 4539 1488</div><div>0343 6467 thanks</div>",
        "<pre>Card: 4539 1488\n      0343 6467</pre>",  # wrapped and indented
    ],
)
async def test_a_card_wrapped_over_two_lines_of_a_page_is_masked(page: str) -> None:
    # Read as two lines, neither of them a card: the browser showed it whole (browser-oracle check).
    result = await _shipped("/agent/tickets/7", "text/html", page.encode())
    assert result.body is not None
    assert "0343" not in result.body.decode()
