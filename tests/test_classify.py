"""proxy/classify.py: declared field rules and record extraction."""

from __future__ import annotations

import dataclasses
import json
import re
from typing import Any

import pytest

from proxy.classify import declared_entities, extract_assignments, extract_records
from proxy.codecs import Limits
from proxy.codecs.csv_doc import parse as parse_csv
from proxy.codecs.json_doc import parse as parse_json
from proxy.model import Record, TextField
from proxy.rules import AssignmentRule, FieldRule, RecordRule, Route, parse_path

LIMITS = Limits()


def route(fields: dict[str, str] | None = None, records: list[tuple[str, str, str]] | None = None) -> Route:
    return Route(
        name="test.route",
        methods=frozenset({"GET"}),
        path=re.compile("^/$"),
        content_types=frozenset({"application/json"}),
        fields=tuple(FieldRule(parse_path(p), e) for p, e in (fields or {}).items()),
        records=tuple(RecordRule(parse_path(p), i, t) for p, i, t in (records or [])),
    )


USER_FIELDS = {
    "**.name": "PERSON",
    "**.email": "EMAIL_ADDRESS",
    "**.phone": "PHONE_NUMBER",
    "**.balance": "ACCOUNT_BALANCE",
    "users[*].ssn": "US_SSN",
}


def _declared(doc: Any, fields: dict[str, str]) -> dict[tuple[Any, ...], str]:
    slots = declared_entities(doc.fields, route(fields))
    by_slot = {f.slot: f for f in doc.fields}
    return {by_slot[slot].path: entity for slot, entity in slots.items()}


# --------------------------------------------------------------------------------------------
# declared_entities
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # values at any depth by **
        ({"name": "Jane"}, {("name",): "PERSON"}),
        ({"user": {"name": "Jane", "email": "j@x.co", "id": 1}},
         {("user", "name"): "PERSON", ("user", "email"): "EMAIL_ADDRESS"}),
        ([{"phone": "555"}, {"phone": 5550100}], {(0, "phone"): "PHONE_NUMBER", (1, "phone"): "PHONE_NUMBER"}),
        # numbers and booleans are declared like strings
        ({"balance": 1234.5}, {("balance",): "ACCOUNT_BALANCE"}),
        ({"balance": False}, {("balance",): "ACCOUNT_BALANCE"}),
        # null values have nothing to mask
        ({"name": None}, {}),
        # a [*] rule needs the array
        ({"users": [{"ssn": "123-45-6789"}]}, {("users", 0, "ssn"): "US_SSN"}),
        ({"user": {"ssn": "123-45-6789"}}, {}),
        # keys are never declared, even when named like a rule
        ({"email": {"id": 1}}, {("email", "id"): "EMAIL_ADDRESS"}),  # a rule naming a container covers its contents
        # undeclared keys
        ({"notes": "call Jane"}, {}),
    ],
)  # fmt: skip
def test_declared_entities_json(body: Any, expected: dict[tuple[Any, ...], str]) -> None:
    assert _declared(parse_json(json.dumps(body), LIMITS), USER_FIELDS) == expected


def test_hints_name_numbers_and_the_values_of_a_hinted_container() -> None:
    body = {"available_balance": 1234.5, "balances": {"BTC": "1.2", "ETH": [2.5]}, "ok": True, "n": 3}
    doc = parse_json(json.dumps(body), LIMITS)
    declared = declared_entities(
        doc.fields, None, {"availablebalance": "ACCOUNT_BALANCE", "balances": "ACCOUNT_BALANCE"}
    )
    by_slot = {f.slot: f.path for f in doc.fields}
    assert {by_slot[slot]: entity for slot, entity in declared.items()} == {
        ("available_balance",): "ACCOUNT_BALANCE",
        ("balances", "BTC"): "ACCOUNT_BALANCE",
        ("balances", "ETH", 0): "ACCOUNT_BALANCE",
    }


def test_hints_name_values_by_their_label_or_column() -> None:
    body = {
        "custom_fields": [{"name": "Available Balance", "value": "12.5"}, {"name": "Phone", "value": "x1"}],
        "report": {"columns": ["id", "balance"], "rows": [[7, 99.5]]},
        "balance_id": "b-1",  # a key that starts with a hinted word is not that word
    }
    doc = parse_json(json.dumps(body), LIMITS)
    hints = {"balance": "ACCOUNT_BALANCE", "availablebalance": "ACCOUNT_BALANCE"}
    by_slot = {f.slot: f.path for f in doc.fields}
    assert {by_slot[slot]: e for slot, e in declared_entities(doc.fields, None, hints).items()} == {
        ("custom_fields", 0, "value"): "ACCOUNT_BALANCE",
        ("report", "rows", 0, 1): "ACCOUNT_BALANCE",
    }


def test_a_messages_parties_are_phone_numbers() -> None:
    # An SMS log (Vonage, Twilio): `from` and `to` beside the text hold numbers without their `+`.
    body = {
        "messages": [{"from": "971556060117", "to": "447418343000", "text": "hello"}],
        "changes": [{"field": "due", "from": "20240101", "to": "20240102"}],  # no message: dates
        "sms": [{"from": "Acme", "to": "14155550100", "body": "x"}],  # a sender's name is no number
    }
    doc = parse_json(json.dumps(body), LIMITS)
    by_slot = {f.slot: f.path for f in doc.fields}
    assert {by_slot[slot]: e for slot, e in declared_entities(doc.fields, None).items()} == {
        ("messages", 0, "from"): "PHONE_NUMBER",
        ("messages", 0, "to"): "PHONE_NUMBER",
        ("sms", 0, "to"): "PHONE_NUMBER",
    }


def test_an_account_beside_its_routing_code_is_a_bank_account() -> None:
    body = {
        "payout": {
            "routing": "021000021",
            "account": "279815146344",
            "account_id": "acct_1Nk",
            "amount": "12.50",
        },
        "br": {"agencia": "1234", "conta": "1115209-4"},
        "user": {"account": "12345678"},  # an account of anything: no routing code beside it
        "ticket": {"routing": "billing_queue", "account": "5523412"},  # a queue's name is no routing code
        "plan": {"routing_number": "021000021", "acc": "2024-01"},  # a month is no account number
    }
    doc = parse_json(json.dumps(body), LIMITS)
    by_slot = {f.slot: f.path for f in doc.fields}
    assert {by_slot[slot]: e for slot, e in declared_entities(doc.fields, None).items()} == {
        ("payout", "account"): "US_BANK_NUMBER",
        ("br", "conta"): "US_BANK_NUMBER",
    }


def test_a_bare_name_beside_a_persons_data_is_a_persons_name() -> None:
    # A KYC queue's row: `name` beside a date of birth and a document number ("WEISSKOPF
    # Annegret", in no case spaCy reads as a name) had passed whole.
    body = {
        "queue": [{"name": "WEISSKOPF Annegret", "dob": "1956-06-11", "doc_number": "X1"}],
        "team": {"name": "Billing Team", "email": "billing@acme.example"},  # a team has an e-mail too
        "kyc": {"name": "Passport", "dob": "1980-01-02"},  # one word: a step's name, not a person's
    }
    doc = parse_json(json.dumps(body), LIMITS)
    by_slot = {f.slot: f.path for f in doc.fields}
    assert {by_slot[slot]: e for slot, e in declared_entities(doc.fields, None).items()} == {
        ("queue", 0, "name"): "PERSON",
    }
    csv = parse_csv("case,name,date_of_birth\n1,MAGALHÃES Gonçalo,16.10.1965\n", LIMITS)
    assert [csv.fields[s].value for s in declared_entities(csv.fields, None)] == ["MAGALHÃES Gonçalo"]
    # a card's number beside the name: its holder is a person
    csv = parse_csv("Case,Name,Email,PAN\nINC1,THIBAULT MARTIN,t@sfr.fr,4844-5832-3866-7312\n", LIMITS)
    assert [csv.fields[s].value for s in declared_entities(csv.fields, None)] == ["THIBAULT MARTIN"]


def test_a_hinted_keys_value_kept_under_value_keys_is_hinted() -> None:
    # ServiceNow's table API: each field an object of its display value and its value.
    body = {
        "result": [{"last_name": {"display_value": "Dubois", "value": "Dubois"}, "active": {"value": "x"}}]
    }
    doc = parse_json(json.dumps(body), LIMITS)
    by_slot = {f.slot: f.path for f in doc.fields}
    declared = declared_entities(doc.fields, None, {"lastname": "LAST_NAME"})
    assert {by_slot[slot]: e for slot, e in declared.items()} == {
        ("result", 0, "last_name", "display_value"): "LAST_NAME",
        ("result", 0, "last_name", "value"): "LAST_NAME",
    }


def test_a_bare_last_beside_a_first_is_a_family_name() -> None:
    body = {
        "primaryCustomer": {"first": "Femke", "last": "Vermeulen", "email": "f@example.com"},
        "page": {"first": "1", "last": "9"},  # pagination: numbers, no name
        "run": {"last": "Tuesday"},  # a last of anything, with no first beside it
        "hours": {"first": "Monday", "last": "Friday"},  # two fields, no contact or id: nobody's record
        "staff": {"first": "Jane", "last": "Whitfield", "dept": "Sales"},  # a record of three
    }
    doc = parse_json(json.dumps(body), LIMITS)
    by_slot = {f.slot: f.path for f in doc.fields}
    assert {by_slot[slot]: e for slot, e in declared_entities(doc.fields, None).items()} == {
        ("primaryCustomer", "last"): "LAST_NAME",
        ("staff", "last"): "LAST_NAME",
    }


def test_a_tables_last_column_beside_its_first_is_a_family_name() -> None:
    # A query API's table (Oracle RightNow): columns First and Last.
    body = {
        "columnNames": ["ID", "First", "Last"],
        "rows": [["17", "拓也", "鈴木"]],
        "tags": ["first", "last"],
    }
    doc = parse_json(json.dumps(body), LIMITS)
    by_slot = {f.slot: f.path for f in doc.fields}
    assert {by_slot[slot]: e for slot, e in declared_entities(doc.fields, None).items()} == {
        ("rows", 0, 2): "LAST_NAME",
    }


def test_a_dynamodb_items_typed_values_are_named_by_their_attributes() -> None:
    body = {"Items": [{"dob": {"S": "1987-12-14"}, "kycLevel": {"N": "2"}}]}
    doc = parse_json(json.dumps(body), LIMITS)
    by_slot = {f.slot: f.path for f in doc.fields}
    declared = declared_entities(doc.fields, None, {"dob": "DATE_OF_BIRTH"})
    assert {by_slot[slot]: e for slot, e in declared.items()} == {("Items", 0, "dob", "S"): "DATE_OF_BIRTH"}
    assert next(f.context for f in doc.fields if f.value == "1987-12-14") == ("dob",)
    # a typed set's values too: `"phones": {"SS": [...]}`
    doc = parse_json(json.dumps({"phones": {"SS": ["159 7272 5558"]}}), LIMITS)
    assert next(f.context for f in doc.fields if f.value == "159 7272 5558") == ("phones",)


def test_a_forms_labelled_answer_in_parts_is_a_names_parts() -> None:
    # Jotform: the label "Full Name" names the answer object, whose `last` is the family name.
    body = {
        "3": {"name": "fullName", "text": "Full Name", "answer": {"first": "Ji-woo", "last": "Jung"}},
        "5": {"name": "product", "text": "Product", "answer": {"family": "Gold"}},
    }
    doc = parse_json(json.dumps(body), LIMITS)
    by_slot = {f.slot: f.path for f in doc.fields}
    declared = declared_entities(doc.fields, None, {"namelast": "LAST_NAME", "namefamily": "LAST_NAME"})
    assert {by_slot[slot]: e for slot, e in declared.items()} == {("3", "answer", "last"): "LAST_NAME"}


def test_a_hint_for_a_names_part_names_it_under_a_persons_kind_of_name() -> None:
    body = {"profile": {"legalName": {"given": "Emre", "family": "Şahin"}, "productName": {"family": "Gold"}}}
    doc = parse_json(json.dumps(body), LIMITS)
    by_slot = {f.slot: f.path for f in doc.fields}
    declared = declared_entities(doc.fields, None, {"namefamily": "LAST_NAME"})
    assert {by_slot[slot]: e for slot, e in declared.items()} == {
        ("profile", "legalName", "family"): "LAST_NAME",
    }


def test_a_change_sets_field_names_its_old_and_new_values() -> None:
    body = {
        "changes": [
            {"field": "last_name", "old": "Schäfer-Lindqvist", "new": "Weißkopf", "actor": "agent_890"}
        ]
    }
    doc = parse_json(json.dumps(body), LIMITS)
    by_slot = {f.slot: f.path for f in doc.fields}
    assert {
        by_slot[slot]: e for slot, e in declared_entities(doc.fields, None, {"lastname": "LAST_NAME"}).items()
    } == {
        ("changes", 0, "old"): "LAST_NAME",
        ("changes", 0, "new"): "LAST_NAME",
    }


def test_hints_name_a_flattened_records_dotted_keys() -> None:
    # Exports and some CRMs flatten nested fields into one key: `user.last.name` is `name` under
    # `last`, as `{"user": {"last": {"name": …}}}` would be.
    body = {
        "result": {"user.first.name": "Anna", "user.last.name": "Köhler", "wallet.balance": 12.5, "v1.2": "x"}
    }
    doc = parse_json(json.dumps(body), LIMITS)
    hints = {"lastname": "LAST_NAME", "balance": "ACCOUNT_BALANCE"}
    by_slot = {f.slot: f.path for f in doc.fields}
    assert {by_slot[slot]: e for slot, e in declared_entities(doc.fields, None, hints).items()} == {
        ("result", "user.last.name"): "LAST_NAME",
        ("result", "wallet.balance"): "ACCOUNT_BALANCE",
    }


def test_hints_name_keys_that_end_in_them() -> None:
    # `customerLastName` is a last name as `last_name` is; one word is not enough to go by: a
    # German `E-Mail-Adresse` is no street address.
    body = {"customerLastName": "MacLeod", "user_date_of_birth": "1985-03-14", "E-Mail-Adresse": "j@x.de",
            "lastNameInitial": "M"}  # fmt: skip
    doc = parse_json(json.dumps(body), LIMITS)
    hints = {"lastname": "LAST_NAME", "dateofbirth": "DATE_OF_BIRTH", "adresse": "STREET_ADDRESS"}
    by_slot = {f.slot: f.path for f in doc.fields}
    assert {by_slot[slot]: e for slot, e in declared_entities(doc.fields, None, hints).items()} == {
        ("customerLastName",): "LAST_NAME",
        ("user_date_of_birth",): "DATE_OF_BIRTH",
    }


def test_a_hinted_container_names_only_the_numbers_in_it() -> None:
    # An address, an IBAN or a card inside `balances` is still for detection: declared as a balance,
    # a role that sees balances got them in clear.
    body = {"balances": [{"asset": "BTC", "address": "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", "amount": 1.2}],
            "balance": {"iban": "DE89370400440532013000", "total": "1,234.50"}}  # fmt: skip
    doc = parse_json(json.dumps(body), LIMITS)
    hints = {"balance": "ACCOUNT_BALANCE", "balances": "ACCOUNT_BALANCE"}
    by_slot = {f.slot: f.path for f in doc.fields}
    assert {by_slot[slot]: e for slot, e in declared_entities(doc.fields, None, hints).items()} == {
        ("balances", 0, "amount"): "ACCOUNT_BALANCE",
        ("balance", "total"): "ACCOUNT_BALANCE",
    }


def test_a_hint_may_name_a_key_under_its_parent() -> None:
    # `last` alone says nothing (`logins.last` is a date); under `name` it is a surname.
    body = {
        "name": {"first": "Jane", "last": "Doe"},
        "logins": {"last": "2024-02-01"},
        "n": [{"family": "Roe"}],
    }
    doc = parse_json(json.dumps(body), LIMITS)
    hints = {"namelast": "LAST_NAME", "nfamily": "LAST_NAME"}
    by_slot = {f.slot: f.path for f in doc.fields}
    assert {by_slot[slot]: e for slot, e in declared_entities(doc.fields, None, hints).items()} == {
        ("name", "last"): "LAST_NAME",
        ("n", 0, "family"): "LAST_NAME",
    }


def test_first_matching_rule_wins() -> None:
    doc = parse_json('{"contact": {"email": "x"}}', LIMITS)
    fields = {"contact.email": "EMAIL_ADDRESS", "**.email": "PERSON"}
    assert _declared(doc, fields) == {("contact", "email"): "EMAIL_ADDRESS"}


def test_declared_entities_csv() -> None:
    doc = parse_csv("id,name,email\r\n1,Jane,j@x.co\r\n2,Bob,b@y.co\r\n", LIMITS)
    got = _declared(doc, {"[*].name": "PERSON", "[*].email": "EMAIL_ADDRESS"})
    assert got == {
        (0, "name"): "PERSON",
        (0, "email"): "EMAIL_ADDRESS",
        (1, "name"): "PERSON",
        (1, "email"): "EMAIL_ADDRESS",
    }


@pytest.mark.parametrize("the_route", [None, route()])
def test_no_route_or_no_rules_declares_nothing(the_route: Route | None) -> None:
    fields = [TextField(0, ("email",), "j@x.co")]
    assert declared_entities(fields, the_route) == {}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a name in parts: only the given name is a PERSON (whose first-name view may show it)
        ({"name": {"givenName": "Jane", "familyName": "Doe"}},
         {("name", "givenName"): "PERSON", ("name", "familyName"): "LAST_NAME"}),
        ({"name": {"last": "Doe", "first": "Jane", "formatted": "Jane Doe"}},
         {("name", "last"): "LAST_NAME", ("name", "first"): "PERSON", ("name", "formatted"): "LAST_NAME"}),
        ({"user": {"name": ["Jane", "Doe"]}}, {("user", "name", 0): "PERSON", ("user", "name", 1): "LAST_NAME"}),
        # FHIR's HumanName: a list of names, each with a family name and a list of given names
        ({"name": [{"family": "Doe", "given": ["Jane", "Mary"]}]},
         {("name", 0, "family"): "LAST_NAME", ("name", 0, "given", 0): "PERSON",
          ("name", 0, "given", 1): "LAST_NAME"}),
        # other entities' containers are unchanged
        ({"phone": {"home": "555 0100", "work": "555 0101"}},
         {("phone", "home"): "PHONE_NUMBER", ("phone", "work"): "PHONE_NUMBER"}),
    ],
)  # fmt: skip
def test_the_parts_of_a_declared_name(body: Any, expected: dict[tuple[Any, ...], str]) -> None:
    assert _declared(parse_json(json.dumps(body), LIMITS), USER_FIELDS) == expected
    with_index = {**USER_FIELDS, "users[0].ssn": "US_SSN"}  # rules with indices: decided per path
    assert _declared(parse_json(json.dumps(body), LIMITS), with_index) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a declared key whose value is a list: every element is that entity
        ({"phone": ["+1 555 0100", "+1 555 0101"]},
         {("phone", 0): "PHONE_NUMBER", ("phone", 1): "PHONE_NUMBER"}),
        # small numbers are never scanned by detection, so only the field rule can mask them
        ({"user": {"balance": [1234.5]}}, {("user", "balance", 0): "ACCOUNT_BALANCE"}),
    ],
)  # fmt: skip
def test_values_inside_a_declared_container_are_declared(
    body: Any, expected: dict[tuple[Any, ...], str]
) -> None:
    assert _declared(parse_json(json.dumps(body), LIMITS), USER_FIELDS) == expected


# --------------------------------------------------------------------------------------------
# extract_records
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("root", "records", "expected"),
    [
        # one object
        ({"user": {"id": 7, "name": "Jane"}}, [("user", "id", "customer")], [Record("customer", "7")]),
        # arrays of objects, in order
        ({"users": [{"id": 1}, {"id": "2"}, {"id": 3}]}, [("users[*]", "id", "customer")],
         [Record("customer", "1"), Record("customer", "2"), Record("customer", "3")]),
        # several rules, several types
        ({"ticket": {"id": 9, "requester": {"id": 4}}},
         [("ticket", "id", "ticket"), ("ticket.requester", "id", "customer")],
         [Record("ticket", "9"), Record("customer", "4")]),
        # another id key
        ({"users": [{"external_id": "C-1", "id": 1}]}, [("users[*]", "external_id", "customer")],
         [Record("customer", "C-1")]),
        # top-level array (CSV rows)
        ([{"id": "1"}, {"id": "2"}], [("[*]", "id", "customer")], [Record("customer", "1"), Record("customer", "2")]),
        # missing, null or non-scalar ids and non-object nodes are skipped
        ({"users": [{"name": "x"}, {"id": None}, {"id": {"x": 1}}, {"id": [1]}, "str", 5]},
         [("users[*]", "id", "customer")], []),
        # a path that is absent
        ({"other": {"id": 1}}, [("user", "id", "customer")], []),
        # ** finds records at any depth
        ({"a": {"user": {"id": 1}}, "b": [{"user": {"id": 2}}]}, [("**.user", "id", "customer")],
         [Record("customer", "1"), Record("customer", "2")]),
    ],
)  # fmt: skip
def test_extract_records(root: Any, records: list[tuple[str, str, str]], expected: list[Record]) -> None:
    assert extract_records(root, route(records=records)) == expected


def test_extract_records_from_a_csv_document() -> None:
    doc = parse_csv("id,name\r\n11,Jane\r\n12,Bob\r\n", LIMITS)
    assert extract_records(doc.records_root, route(records=[("[*]", "id", "customer")])) == [
        Record("customer", "11"),
        Record("customer", "12"),
    ]


@pytest.mark.parametrize(
    ("root", "the_route"), [(None, route(records=[("[*]", "id", "c")])), ({"id": 1}, None)]
)
def test_extract_records_nothing(root: Any, the_route: Route | None) -> None:
    assert extract_records(root, the_route) == []


# --------------------------------------------------------------------------------------------
# extract_assignments
# --------------------------------------------------------------------------------------------


def test_assignments_come_only_from_open_tickets() -> None:
    # A ticket solved long ago is no longer the agent's work: listing a customer's old tickets
    # brought that customer back to a clear view.
    closed = frozenset({"solved", "closed", "4", "5"})  # Freshdesk writes its statuses as numbers
    rule = AssignmentRule(parse_path("tickets[*]"), "assignee_id", "requester_id", "status", closed)
    tickets = dataclasses.replace(route(), assignments=(rule,))
    root = {"tickets": [
        {"id": 1, "status": "open", "assignee_id": "agent-7", "requester_id": 41},
        {"id": 2, "status": "Solved", "assignee_id": "agent-7", "requester_id": 42},
        {"id": 3, "status": "closed", "assignee_id": "agent-7", "requester_id": 43},
        {"id": 4, "status": "pending", "assignee_id": "agent-7", "requester_id": 44},
        {"id": 5, "assignee_id": "agent-7", "requester_id": 45},
        {"id": 6, "status": 5, "assignee_id": "agent-7", "requester_id": 46},
        {"id": 7, "status": 2, "assignee_id": "agent-7", "requester_id": 47},
    ]}  # fmt: skip
    assert extract_assignments(root, tickets) == [
        ("agent-7", "41"), ("agent-7", "44"), ("agent-7", "45"), ("agent-7", "47")
    ]  # fmt: skip
