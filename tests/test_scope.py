"""Need-to-know scopes: fields belong to their records; assigned customers get the extra grants."""

from __future__ import annotations

import json
from collections.abc import Sequence

import pytest

from proxy.codecs import Limits
from proxy.codecs.json_doc import parse
from proxy.mask import Masker
from proxy.model import Record, TextField
from proxy.rules import CLEAR, MaskSpec, Role
from proxy.scope import mask_in_scopes, owners, served_records

MASKS = {"hidden": MaskSpec(style="redact"), "label": MaskSpec(style="replace")}
BASE = Role("tier1", "label", {}, reveal_assigned={"EMAIL_ADDRESS": CLEAR})
DOC = {
    "ticket": {
        "id": 1,
        "subject": "refund",
        "requester": {"id": 7, "email": "seven@example.com"},
        "cc": {"id": 8, "email": "eight@example.com"},
    }
}
RECORDS = [
    Record("ticket", "1", ("ticket",)),
    Record("customer", "7", ("ticket", "requester")),
    Record("customer", "8", ("ticket", "cc")),
]


def test_owners_pick_the_nearest_record() -> None:
    doc = parse(json.dumps(DOC), Limits())
    nearest, customer_of = owners(doc.fields, RECORDS)
    by_path = {f.path: f.slot for f in doc.fields if not f.is_key}
    assert nearest[by_path[("ticket", "subject")]] == 0
    assert nearest[by_path[("ticket", "requester", "email")]] == 1
    assert customer_of[by_path[("ticket", "cc", "email")]] == 2
    assert by_path[("ticket", "subject")] not in customer_of


def _owners_by_walking_up(
    fields: Sequence[TextField], records: Sequence[Record]
) -> tuple[dict[int, int], dict[int, int]]:
    """The plain definition: the first enclosing record, and customer record, going up the path."""
    nearest: dict[int, int] = {}
    customer_of: dict[int, int] = {}
    for f in fields:
        path = f.path[:-1] if f.is_key else f.path
        for end in range(len(path), -1, -1):
            enclosing = [i for i, r in enumerate(records) if r.path == path[:end]]
            if enclosing and f.slot not in nearest:
                nearest[f.slot] = enclosing[0]
            if enclosing and records[enclosing[0]].record_type == "customer":
                customer_of[f.slot] = enclosing[0]
                break
    return nearest, customer_of


@pytest.mark.parametrize(
    ("doc", "records"),
    [
        (DOC, RECORDS),
        # the root itself a customer, with a ticket inside it
        (
            {"id": 3, "tickets": [{"id": 9, "body": "x"}], "email": "a@b.c"},
            [Record("customer", "3", ()), Record("ticket", "9", ("tickets", 0))],
        ),
        # a list of customers, and fields outside them
        (
            {"users": [{"id": 1, "e": "x"}, {"id": 2, "e": "y", "n": {"k": "v"}}], "count": 2},
            [Record("customer", "1", ("users", 0)), Record("customer", "2", ("users", 1))],
        ),
        # a record that is a scalar, and a top-level scalar document
        ({"ids": [5, 6]}, [Record("customer", "5", ("ids", 0))]),
        ("just text", [Record("customer", "1", ())]),
    ],
)
def test_owners_match_the_plain_definition(doc: object, records: list[Record]) -> None:
    fields = parse(json.dumps(doc), Limits()).fields
    assert owners(fields, records) == _owners_by_walking_up(fields, records)


def test_only_the_assigned_customer_gets_the_extra_grants() -> None:
    doc = parse(json.dumps(DOC), Limits())
    declared = {f.slot: "EMAIL_ADDRESS" for f in doc.fields if f.path[-1] == "email" and not f.is_key}
    _, customer_of = owners(doc.fields, RECORDS)
    masker = Masker(BASE, MASKS, b"k" * 32)
    result = mask_in_scopes(masker, doc.fields, declared, {}, RECORDS, customer_of, {1: BASE.for_assigned()})
    rendered = json.loads(doc.render(result.replacements))
    assert rendered["ticket"]["requester"]["email"] == "seven@example.com"
    assert rendered["ticket"]["cc"]["email"] == "<EMAIL_ADDRESS>"
    assert result.revealed == {"EMAIL_ADDRESS": 1} and result.masked == {"EMAIL_ADDRESS": 1}


def test_served_records_name_fields_and_carry_match_keys() -> None:
    doc = parse(json.dumps(DOC), Limits())
    declared = {f.slot: "EMAIL_ADDRESS" for f in doc.fields if f.path[-1] == "email" and not f.is_key}
    nearest, customer_of = owners(doc.fields, RECORDS)
    masker = Masker(BASE, MASKS, b"k" * 32)
    result = mask_in_scopes(masker, doc.fields, declared, {}, RECORDS, customer_of, {1: BASE.for_assigned()})
    served = served_records(RECORDS, doc.fields, declared, {}, result, nearest, {"7"}, b"m" * 32)
    requester, cc = served[1], served[2]
    assert (requester.assigned, requester.clear, requester.masked) == (True, ("email",), ())
    assert (cc.assigned, cc.clear, cc.masked) == (False, (), ("email",))
    assert len(requester.keys) == 2  # the id and the e-mail
    assert "seven@example.com" not in json.dumps([s.keys for s in served])


def test_emails_and_phones_outside_customer_records_are_served_as_contacts() -> None:
    from proxy.evidence import match_hash
    from proxy.model import MaskResult, Span
    from proxy.scope import contacts

    doc = parse(
        json.dumps(
            {
                "ticket": {"id": 1, "requester": {"id": 7, "email": "seven@example.com"}},
                "custom_fields": [
                    {"name": "Contact email", "value": "Jane.Doe@example.com"},
                    {"name": "Note", "value": "call +1 415 555 0100 or mail jane.doe@example.com"},
                ],
            }
        ),
        Limits(),
    )
    by_value = {f.value: f for f in doc.fields if not f.is_key}
    declared = {
        by_value["seven@example.com"].slot: "EMAIL_ADDRESS",
        by_value["Jane.Doe@example.com"].slot: "EMAIL_ADDRESS",
    }
    note = by_value["call +1 415 555 0100 or mail jane.doe@example.com"]
    spans = {note.slot: (Span(5, 20, "PHONE_NUMBER", 1.0), Span(29, 49, "EMAIL_ADDRESS", 1.0))}
    records = [Record("ticket", "1", ("ticket",)), Record("customer", "7", ("ticket", "requester"))]
    _, customer_of = owners(doc.fields, records)
    result = MaskResult(replacements={note.slot: "call <PHONE_NUMBER> or mail <EMAIL_ADDRESS>"})
    served = contacts(doc.fields, declared, spans, result, customer_of, b"k" * 32)
    # The requester is a customer record already; Jane once (e-mails compare case-insensitively).
    assert [(s.record.record_type, s.keys, s.clear, s.masked) for s in served] == [
        ("contact", (match_hash(b"k" * 32, "email", "jane.doe@example.com"),), ("email",), ()),
        ("contact", (match_hash(b"k" * 32, "phone", "+1 415 555 0100"),), (), ("phone",)),
    ]
    assert contacts(doc.fields, declared, spans, result, customer_of, b"") == ()


def test_a_record_id_holding_personal_data_is_marked() -> None:
    # A CRM keyed by e-mail: the id is the customer's address, which the audit must not carry.
    from proxy.model import MaskResult, Span

    doc = parse(json.dumps({"users": [{"id": "jane.doe@example.com"}, {"id": 7}]}), Limits())
    records = [
        Record("customer", "jane.doe@example.com", ("users", 0)),
        Record("customer", "7", ("users", 1)),
    ]
    nearest, _ = owners(doc.fields, records)
    email_id = next(f.slot for f in doc.fields if f.value == "jane.doe@example.com")
    spans = {email_id: (Span(0, 20, "EMAIL_ADDRESS", 1.0),)}
    served = served_records(records, doc.fields, {}, spans, MaskResult(), nearest, set(), b"m" * 32)
    assert [s.personal_id for s in served] == [True, False]


def test_the_audit_names_a_record_by_its_id_only_when_the_id_is_no_personal_data() -> None:
    from proxy.model import Outcome, ServedRecord
    from proxy.record import Recorder, View

    served = (
        ServedRecord(Record("customer", "17")),
        ServedRecord(Record("customer", "jane.doe@example.com"), keys=("h",), personal_id=True),
        ServedRecord(Record("customer", "9" * 20_000)),  # no id is that long: a value put there
    )
    view = View("r1", None, "users.list", "GET", 200, Outcome.MASKED, "v1", 0.01, records=served)
    line = Recorder._audit_line(view)
    assert [r["id"] for r in line["records"]] == ["17", None, None]  # type: ignore[attr-defined]
    assert "jane.doe" not in json.dumps(line)


def test_a_contact_is_clear_or_masked_by_its_own_value_not_by_its_field() -> None:
    # A comment with a masked card and a phone in clear had its phone recorded as masked: not
    # counted against the contacts quota, and left out of attribution. The card's digits, also
    # read as a phone number, had been a contact of their own.
    from proxy.evidence import match_hash
    from proxy.model import MaskResult, Span
    from proxy.scope import contacts

    note = "my card 4539148803436467 was charged twice, call me on (720) 386-6806"
    doc = parse(json.dumps({"comments": [{"body": note}]}), Limits())
    field = next(f for f in doc.fields if f.value == note)
    card, phone = note.index("4539"), note.index("(720)")
    spans = {
        field.slot: (
            Span(card, card + 16, "CREDIT_CARD", 1.0),
            Span(card + 6, card + 16, "PHONE_NUMBER", 0.4),
            Span(phone, len(note), "PHONE_NUMBER", 0.7),
        )
    }
    shown = note.replace("4539148803436467", "************6467")
    served = contacts(doc.fields, {}, spans, MaskResult(replacements={field.slot: shown}), {}, b"k" * 32)
    assert [(s.keys, s.clear, s.masked) for s in served] == [
        ((match_hash(b"k" * 32, "phone", "(720) 386-6806"),), ("phone",), ()),
    ]
    masked_phone = shown.replace("(720) 386-6806", "(***) ***-6806")
    served = contacts(
        doc.fields, {}, spans, MaskResult(replacements={field.slot: masked_phone}), {}, b"k" * 32
    )
    assert [(s.clear, s.masked) for s in served] == [((), ("phone",))]


def test_a_contact_served_in_clear_anywhere_is_clear() -> None:
    from proxy.model import MaskResult, Span
    from proxy.scope import contacts

    doc = parse(json.dumps({"a": "mail jane@example.com", "b": "mail jane@example.com!"}), Limits())
    a, b = (
        next(f for f in doc.fields if f.value == v)
        for v in ("mail jane@example.com", "mail jane@example.com!")
    )
    spans = {a.slot: (Span(5, 21, "EMAIL_ADDRESS", 1.0),), b.slot: (Span(5, 21, "EMAIL_ADDRESS", 1.0),)}
    result = MaskResult(replacements={a.slot: "mail j***@example.com"})
    served = contacts(doc.fields, {}, spans, result, {}, b"k" * 32)
    assert [(s.clear, s.masked) for s in served] == [(("email",), ())]


def test_an_email_or_phone_inside_a_customers_text_is_keyed_and_named_clear_or_masked() -> None:
    # A phone number in a comment (a customer record) had no key: a leaked list of phones could
    # not be matched to the agent who read them in clear.
    from proxy.evidence import match_hash
    from proxy.model import MaskResult, Span

    note = "card 4539148803436467, call (720) 386-6806"
    doc = parse(json.dumps({"comments": [{"author_id": 7, "body": note}]}), Limits())
    body = next(f for f in doc.fields if f.value == note)
    records = [Record("customer", "7", ("comments", 0))]
    nearest, _ = owners(doc.fields, records)
    phone = note.index("(720)")
    spans = {body.slot: (Span(5, 21, "CREDIT_CARD", 1.0), Span(phone, len(note), "PHONE_NUMBER", 0.7))}
    shown = note.replace("4539148803436467", "************6467")
    result = MaskResult(replacements={body.slot: shown})
    [served] = served_records(records, doc.fields, {}, spans, result, nearest, set(), b"m" * 32)
    assert (served.clear, served.masked) == (("body:phone",), ("body",))
    assert match_hash(b"m" * 32, "phone", "(720) 386-6806") in served.keys


def test_a_phone_inside_an_address_is_a_contact_of_its_own() -> None:
    # Only a number's digits (a card's) are no contact: a phone in an address line is one.
    from proxy.model import MaskResult, Span
    from proxy.scope import contacts

    text = "42 Elm Street, Springfield, tel 202-555-0147"
    doc = parse(json.dumps({"address": text}), Limits())
    field = next(f for f in doc.fields if f.value == text)
    phone = text.index("202")
    spans = {
        field.slot: (Span(0, len(text), "STREET_ADDRESS", 0.9), Span(phone, len(text), "PHONE_NUMBER", 0.7))
    }
    served = contacts(
        doc.fields, {}, spans, MaskResult(replacements={field.slot: "<STREET_ADDRESS>"}), {}, b"k" * 32
    )
    assert [(s.clear, s.masked) for s in served] == [((), ("phone",))]
