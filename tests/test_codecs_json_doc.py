"""proxy/codecs/json_doc.py: every scalar and key of any JSON shape is a field; render puts masks back."""

from __future__ import annotations

import json
from typing import Any

import pytest

from proxy.codecs import Limits
from proxy.codecs.json_doc import JsonDocument, parse
from proxy.errors import BodyTooLarge, Undecodable
from proxy.model import DROPPED, Replacement, TextField

LIMITS = Limits()


def _values(doc: JsonDocument) -> list[tuple[tuple[Any, ...], Any]]:
    return [(f.path, f.value) for f in doc.fields if not f.is_key]


def _keys(doc: JsonDocument) -> list[tuple[tuple[Any, ...], Any]]:
    return [(f.path, f.value) for f in doc.fields if f.is_key]


def _slot(doc: JsonDocument, path: tuple[Any, ...], *, key: bool = False) -> int:
    [slot] = [f.slot for f in doc.fields if f.path == path and f.is_key == key]
    return slot


# --------------------------------------------------------------------------------------------
# Fields by shape
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # objects
        ('{"name": "Jane", "age": 41}', [(("name",), "Jane"), (("age",), 41)]),
        ('{"a": {"b": {"c": "deep"}}}', [(("a", "b", "c"), "deep")]),
        ('{"n": null, "t": true, "f": 1.5}', [(("n",), None), (("t",), True), (("f",), 1.5)]),
        ("{}", []),
        # top-level arrays
        ('["jane@example.com", 7]', [((0,), "jane@example.com"), ((1,), 7)]),
        ('[{"email": "a@b.co"}, {"email": "c@d.co"}]', [((0, "email"), "a@b.co"), ((1, "email"), "c@d.co")]),
        ("[]", []),
        # top-level scalars
        ('"jane@example.com"', [((), "jane@example.com")]),
        ("4111111111111111", [((), 4111111111111111)]),
        ("null", [((), None)]),
        ("false", [((), False)]),
        # nested arrays
        ("[[1, [2, [3]]]]", [((0, 0), 1), ((0, 1, 0), 2), ((0, 1, 1, 0), 3)]),
        ('{"phones": [["+1 555 0100"], []]}', [(("phones", 0, 0), "+1 555 0100")]),
    ],
)
def test_value_fields(text: str, values: list[tuple[tuple[Any, ...], Any]]) -> None:
    doc = parse(text, LIMITS)
    assert _values(doc) == values
    assert doc.records_root == json.loads(text)


def test_slots_are_positions() -> None:
    doc = parse('{"a": [1, {"b": 2}], "c": "x"}', LIMITS)
    assert [f.slot for f in doc.fields] == list(range(len(doc.fields)))


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ('{"jane@example.com": 1}', [(("jane@example.com",), "jane@example.com")]),
        ('{"a": {"b": 1}}', [(("a",), "a"), (("a", "b"), "b")]),
        ('[{"x": 1}, {"y": [2]}]', [((0, "x"), "x"), ((1, "y"), "y")]),
        ('{"": 1}', [(("",), "")]),
        ("[1, 2]", []),
    ],
)
def test_keys_are_fields(text: str, keys: list[tuple[tuple[Any, ...], Any]]) -> None:
    assert _keys(parse(text, LIMITS)) == keys


def test_key_field_precedes_its_value_and_shares_its_path_and_context() -> None:
    doc = parse('{"emailAddress": "jane@example.com"}', LIMITS)
    assert doc.fields == [
        TextField(0, ("emailAddress",), "emailAddress", ("email", "address"), is_key=True),
        TextField(1, ("emailAddress",), "jane@example.com", ("email", "address"), is_key=False),
    ]


# --------------------------------------------------------------------------------------------
# Context words
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "path", "context"),
    [
        # key names split into lower-case words
        ('{"dateOfBirth": "1990-01-01"}', ("dateOfBirth",), ("date", "of", "birth")),
        ('{"customer_phone": "555"}', ("customer_phone",), ("customer", "phone")),
        ('{"e-mail": "a@b.co"}', ("e-mail",), ("e", "mail")),
        ('{"SSN": "123-45-6789"}', ("SSN",), ("ssn",)),
        # array elements inherit the key of their array
        ('{"phones": ["555", "556"]}', ("phones", 1), ("phones",)),
        ('{"phones": [["555"]]}', ("phones", 0, 0), ("phones",)),
        # top-level values have no key
        ('["555"]', (0,), ()),
        ('"555"', (), ()),
    ],
)
def test_context_from_keys(text: str, path: tuple[Any, ...], context: tuple[str, ...]) -> None:
    [field] = [f for f in parse(text, LIMITS).fields if f.path == path and not f.is_key]
    assert field.context == context


@pytest.mark.parametrize(
    ("obj", "value_key", "context"),
    [
        # every label key names every value key
        ({"name": "Customer phone", "value": "+1 555 0100"}, "value", ("customer", "phone", "value")),
        ({"label": "Date of birth", "val": "1990-01-01"}, "val", ("date", "of", "birth", "val")),
        ({"title": "SSN", "content": "123-45-6789"}, "content", ("ssn", "content")),
        ({"field": "passportNumber", "text": "X1234567"}, "text", ("passport", "number", "text")),
        ({"key": "iban", "value": "DE89 3704"}, "value", ("iban", "value")),
        # label after value
        ({"value": "+1 555 0100", "name": "Mobile"}, "value", ("mobile", "value")),
        # form builders' and survey tools' spellings
        (
            {"field_name": "Social security number", "field_value": "536224817"},
            "field_value",
            ("social", "security", "number", "field", "value"),
        ),
        ({"label": "Passport no", "data": "X12345678"}, "data", ("passport", "no", "data")),
        ({"question": "Date of birth", "answer": "14/03/1985"}, "answer", ("date", "of", "birth", "answer")),
        # a field's definition beside its value (Jira, form tools): its own label names the value
        ({"field": {"key": "national_id"}, "value": "942595233"}, "value", ("national", "id", "value")),
        ({"field": {"id": 10042, "name": "Tax ID"}, "value": "12-3456789"}, "value", ("tax", "id", "value")),
        # an e-signature form's tab (DocuSign's tabLabel)
        ({"tabLabel": "DOB", "value": "1991年04月26日"}, "value", ("dob", "value")),
        # keys in .NET's case (Trulioo's appended fields)
        ({"FieldName": "DateOfBirth", "Data": "19820226"}, "Data", ("date", "of", "birth", "data")),
        # a form's label in display form is the label itself, not a value it names
        ({"name": "fullName", "text": "Full Name"}, "text", ("text",)),
    ],
)
def test_name_value_pairs_give_the_label_to_the_value(
    obj: dict[str, str], value_key: str, context: tuple[str, ...]
) -> None:
    doc = parse(json.dumps({"custom_fields": [obj]}), LIMITS)
    [field] = [f for f in doc.fields if f.path == ("custom_fields", 0, value_key) and not f.is_key]
    assert field.context == (*context, "custom", "fields")  # the list's key names them too
    assert field.value == obj[value_key]


@pytest.mark.parametrize(
    ("body", "path", "context"),
    [
        # typed entries: the type names the number
        (
            {"phones": [{"type": "mobile", "number": "4155550134"}]},
            ("phones", 0, "number"),
            ("mobile", "number", "phones"),
        ),
        (
            {"tax_ids": [{"type": "ssn", "id": "536221234"}]},
            ("tax_ids", 0, "id"),
            ("ssn", "id", "tax", "ids"),
        ),
        (
            {"documents": [{"kind": "passport", "no": "X1234"}]},
            ("documents", 0, "no"),
            ("passport", "no", "documents"),
        ),
        # a transfer named by its asset
        (
            {"withdrawals": [{"asset": "SOL", "to": "7EcDh"}]},
            ("withdrawals", 0, "to"),
            ("sol", "to", "withdrawals"),
        ),
        # labels and values as AWS and Salesforce capitalise them; FHIR's identifier system
        (
            {"Attributes": [{"Name": "custom:ssn", "Value": "536221234"}]},
            ("Attributes", 0, "Value"),
            ("custom", "ssn", "value", "attributes"),
        ),
        (
            {"identifier": [{"system": "http://hl7.org/fhir/sid/us-ssn", "value": "536221234"}]},
            ("identifier", 0, "value"),
            ("http", "hl7", "org", "fhir", "sid", "us", "ssn", "value", "identifier"),
        ),
        # the object's key names its values
        (
            {"passport_number": {"value": "X1234"}},
            ("passport_number", "value"),
            ("value", "passport", "number"),
        ),
        (
            {"contact": {"mobile": {"number": "4155550134"}}},
            ("contact", "mobile", "number"),
            ("number", "mobile"),
        ),
        ({"customer": {"ssn": {"v": "536221234"}}}, ("customer", "ssn", "v"), ("v", "ssn")),
        # one level only: a grandparent's key is not the value's name
        ({"a": {"b": {"c": "x"}}}, ("a", "b", "c"), ("c", "b")),
        # keys that only structure a response name nothing (GraphQL's node, JSON:API's attributes)
        ({"edges": [{"node": {"id": "4155550134"}}]}, ("edges", 0, "node", "id"), ("id",)),
        ({"attributes": {"ssn": "x"}}, ("attributes", "ssn"), ("ssn",)),
    ],
)
def test_an_objects_key_and_type_name_its_values(
    body: dict[str, Any], path: tuple[Any, ...], context: tuple[str, ...]
) -> None:
    [field] = [f for f in parse(json.dumps(body), LIMITS).fields if f.path == path and not f.is_key]
    assert field.context == context


@pytest.mark.parametrize(
    "obj",
    [
        # a label without a value key is just a field
        {"name": "Jane Doe", "email": "jane@example.com"},
        # a non-string label gives no context
        {"name": 42, "value": "x"},
    ],
)
def test_no_label_without_a_value_key_or_a_string_label(obj: dict[str, Any]) -> None:
    doc = parse(json.dumps(obj), LIMITS)
    for field in doc.fields:
        assert field.context == tuple(str(p).lower() for p in field.path)


# --------------------------------------------------------------------------------------------
# Exact values
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "number",
    [2**80, -(2**80), 2**53 + 1, 12345678901234567890123, 0],
)
def test_big_integers_survive_exactly(number: int) -> None:
    text = f'{{"account": {number}, "list": [{number}]}}'
    doc = parse(text, LIMITS)
    assert _values(doc) == [(("account",), number), (("list", 0), number)]
    assert doc.render({}) == f'{{"account":{number},"list":[{number}]}}'


@pytest.mark.parametrize(
    "text",
    [
        '{"a": "caf\\u00e9 \\u2603", "b": "\\"quoted\\" \\\\ back"}',
        '{"float": 1.5, "exp": 1e-7, "neg": -0.25, "big": 1e308}',
        '[true, false, null, "", 0, [], {}]',
        '{"nested": {"list": [{"k": [1, 2, {"z": null}]}]}}',
        '"only a string"',
    ],
)
def test_render_without_replacements_keeps_json_semantics(text: str) -> None:
    assert json.loads(parse(text, LIMITS).render({})) == json.loads(text)


# --------------------------------------------------------------------------------------------
# Refused documents
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        # duplicate keys: the client might read the value we did not scan
        ('{"email": "a@b.co", "email": "jane@example.com"}', "duplicate_json_key"),
        ('[{"x": {"ssn": 1, "ssn": 2}}]', "duplicate_json_key"),
        # non-finite numbers
        ("NaN", "invalid_json"),
        ('{"a": NaN}', "invalid_json"),
        ("[Infinity]", "invalid_json"),
        ("[-Infinity]", "invalid_json"),
        ("1e400", "invalid_json"),
        ('{"balance": -1e400}', "invalid_json"),
        # syntax
        ("", "invalid_json"),
        ("   ", "invalid_json"),
        ("[1,]", "invalid_json"),
        ("{'a': 1}", "invalid_json"),
        ('{"a": 1} trailing', "invalid_json"),
        ('{"a": 1}{"b": 2}', "invalid_json"),
        ("[1, 2", "invalid_json"),
        # integers too long for Python's int parser
        ("1" * 5000, "invalid_json"),
    ],
)
def test_refused(text: str, reason: str) -> None:
    with pytest.raises(Undecodable) as info:
        parse(text, LIMITS)
    assert info.value.reason == reason


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        # max_depth=2: containers at depth 0, 1 and 2 are allowed
        ("[[[1]]]", True),
        ('{"a": {"b": {"c": 1}}}', True),
        ('[{"a": [1]}]', True),
        ("[[[[1]]]]", False),
        ('{"a": {"b": {"c": {"d": 1}}}}', False),
        ("[[[[]]]]", False),
        ('[{"a": [{"b": 1}]}]', False),
    ],
)
def test_max_depth(text: str, ok: bool) -> None:
    limits = Limits(max_depth=2)
    if ok:
        assert parse(text, limits).fields
    else:
        with pytest.raises(Undecodable) as info:
            parse(text, limits)
        assert info.value.reason == "json_too_deep"


@pytest.mark.parametrize(
    "text",
    [
        "[" * 100_000,
        "[" * 100_000 + "]" * 100_000,
        '{"a":' * 100_000 + "1" + "}" * 100_000,
    ],
    ids=["open", "closed", "objects"],
)
def test_very_deep_nesting_is_refused_not_crashing(text: str) -> None:
    with pytest.raises(Undecodable) as info:
        parse(text, LIMITS)
    assert info.value.reason in {"json_too_deep", "invalid_json"}


def test_default_depth_limit() -> None:
    assert parse("[" * 65 + "]" * 65, LIMITS).fields == []
    with pytest.raises(Undecodable):
        parse("[" * 66 + "1" + "]" * 66, LIMITS)


@pytest.mark.parametrize(
    ("text", "limits", "reason"),
    [
        # too many fields (keys count too)
        (json.dumps(list(range(11))), Limits(max_fields=10), "too_many_fields"),
        (json.dumps({f"k{i}": i for i in range(6)}), Limits(max_fields=10), "too_many_fields"),
        # strings too long, as values and as keys
        (json.dumps(["x" * 11]), Limits(max_string_chars=10), "string_too_long"),
        (json.dumps({"x" * 11: 1}), Limits(max_string_chars=10), "string_too_long"),
    ],
)
def test_too_large(text: str, limits: Limits, reason: str) -> None:
    with pytest.raises(BodyTooLarge) as info:
        parse(text, limits)
    assert info.value.reason == reason


@pytest.mark.parametrize(
    ("text", "limits"),
    [
        (json.dumps(list(range(10))), Limits(max_fields=10)),
        (json.dumps({f"k{i}": i for i in range(5)}), Limits(max_fields=10)),
        (json.dumps(["x" * 10]), Limits(max_string_chars=10)),
    ],
)
def test_exactly_at_the_limit_is_fine(text: str, limits: Limits) -> None:
    assert json.loads(parse(text, limits).render({})) == json.loads(text)


# --------------------------------------------------------------------------------------------
# Render: values
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "path", "new", "expected"),
    [
        # strings, numbers and booleans replaced in objects
        (
            '{"email": "jane@example.com", "id": 7}',
            ("email",),
            "j***@example.com",
            {"email": "j***@example.com", "id": 7},
        ),
        ('{"card": 4111111111111111}', ("card",), "************1111", {"card": "************1111"}),
        ('{"balance": 1234.5}', ("balance",), None, {"balance": None}),
        ('{"vip": true}', ("vip",), None, {"vip": None}),
        # in arrays
        ('["a@b.co", "keep"]', (0,), "<EMAIL_ADDRESS>", ["<EMAIL_ADDRESS>", "keep"]),
        ('{"l": [[1, "555"]]}', ("l", 0, 1), "", {"l": [[1, ""]]}),
        # top-level scalar
        ('"jane@example.com"', (), "<EMAIL_ADDRESS>", "<EMAIL_ADDRESS>"),
        # DROPPED: key removed in an object, null in a list (indices stay stable)
        ('{"ssn": "123-45-6789", "id": 7}', ("ssn",), DROPPED, {"id": 7}),
        ('{"a": {"ssn": "1", "b": 2}}', ("a", "ssn"), DROPPED, {"a": {"b": 2}}),
        ('["x", "123-45-6789", "y"]', (1,), DROPPED, ["x", None, "y"]),
        ('{"l": [1, 2, 3]}', ("l", 0), DROPPED, {"l": [None, 2, 3]}),
        ('"123-45-6789"', (), DROPPED, None),
    ],
)
def test_render_value(text: str, path: tuple[Any, ...], new: Replacement, expected: Any) -> None:
    doc = parse(text, LIMITS)
    rendered = doc.render({_slot(doc, path): new})
    assert json.loads(rendered) == expected


def test_render_is_compact_and_keeps_non_ascii() -> None:
    doc = parse('{ "name" : "Zoë",  "email": "zoe@example.com" }', LIMITS)
    assert (
        doc.render({_slot(doc, ("email",)): "<EMAIL_ADDRESS>"}) == '{"name":"Zoë","email":"<EMAIL_ADDRESS>"}'
    )


def test_render_many_replacements_at_once() -> None:
    text = json.dumps({"users": [{"name": f"User {i}", "ssn": f"123-45-{i:04d}"} for i in range(5)]})
    doc = parse(text, LIMITS)
    replacements: dict[int, Replacement] = {}
    for i in range(5):
        replacements[_slot(doc, ("users", i, "name"))] = "<PERSON>"
        replacements[_slot(doc, ("users", i, "ssn"))] = DROPPED
    assert json.loads(doc.render(replacements)) == {"users": [{"name": "<PERSON>"}] * 5}


# --------------------------------------------------------------------------------------------
# Render: keys
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "renames", "expected"),
    [
        # a rename keeps the key's position
        ('{"a": 1, "jane@example.com": 2, "c": 3}', {("jane@example.com",): "<EMAIL_ADDRESS>"},
         '{"a":1,"<EMAIL_ADDRESS>":2,"c":3}'),
        ('{"x": {"jane@example.com": [1]}}', {("x", "jane@example.com"): "j***@example.com"},
         '{"x":{"j***@example.com":[1]}}'),
        # a dropped key takes its value with it
        ('{"a": 1, "jane@example.com": 2, "c": 3}', {("jane@example.com",): DROPPED}, '{"a":1,"c":3}'),
        # two keys masked to the same marker both survive
        ('{"a@x.com": 1, "b@y.com": 2, "c": 3}',
         {("a@x.com",): "<EMAIL_ADDRESS>", ("b@y.com",): "<EMAIL_ADDRESS>"},
         '{"<EMAIL_ADDRESS>":1,"<EMAIL_ADDRESS>#2":2,"c":3}'),
        ('{"a": 1, "b": 2, "c": 3}', {("a",): "", ("b",): "", ("c",): ""}, '{"":1,"#2":2,"#3":3}'),
        # a key renamed onto an earlier, untouched key keeps both values
        ('{"<EMAIL_ADDRESS>": 1, "jane@example.com": 2}', {("jane@example.com",): "<EMAIL_ADDRESS>"},
         '{"<EMAIL_ADDRESS>":1,"<EMAIL_ADDRESS>#2":2}'),
    ],
)  # fmt: skip
def test_render_key(text: str, renames: dict[tuple[Any, ...], Replacement], expected: str) -> None:
    doc = parse(text, LIMITS)
    assert doc.render({_slot(doc, path, key=True): new for path, new in renames.items()}) == expected


def test_render_key_and_its_value_together() -> None:
    doc = parse('{"jane@example.com": "Jane Doe", "id": 7}', LIMITS)
    rendered = doc.render(
        {
            _slot(doc, ("jane@example.com",), key=True): "<EMAIL_ADDRESS>",
            _slot(doc, ("jane@example.com",)): "<PERSON>",
        }
    )
    assert rendered == '{"<EMAIL_ADDRESS>":"<PERSON>","id":7}'


def test_render_key_onto_a_later_untouched_key_keeps_both_values() -> None:
    # "Two keys masked to the same marker must not silently overwrite each other's values": a key
    # renamed to a name that a *later* key already has must not lose that later key's value.
    doc = parse('{"jane@example.com": "note A", "<EMAIL_ADDRESS>": "note B"}', LIMITS)
    rendered = json.loads(doc.render({_slot(doc, ("jane@example.com",), key=True): "<EMAIL_ADDRESS>"}))
    assert sorted(rendered.values()) == ["note A", "note B"]
    assert "jane@example.com" not in rendered


# ---------------------------------------------------------------- values stored in pieces


def _joined(text: str) -> list[tuple[str, list[tuple[Any, ...]], tuple[str, ...]]]:
    """The runs joined with spaces (each is followed by its join without: checked below)."""
    doc = parse(text, LIMITS)
    return [
        (j.text, [doc.fields[slot].path for slot, _, _ in j.pieces], j.context) for j in doc.joined(())[::2]
    ]


@pytest.mark.parametrize(
    ("text", "joined"),
    [
        # an object's pieces, keys between them; the parent's key names the whole
        (
            '{"phone": {"country_code": "+1", "area_code": "415", "number": "555-0134"}}',
            [
                (
                    "+1 415 555-0134",
                    [("phone", "country_code"), ("phone", "area_code"), ("phone", "number")],
                    ("phone",),
                )
            ],
        ),
        # an array's pieces
        (
            '{"card": ["4539", "1488", "0343", "6467"]}',
            [("4539 1488 0343 6467", [("card", 0), ("card", 1), ("card", 2), ("card", 3)], ("card",))],
        ),
        # an array's elements that hold nothing but a piece are wrappers: the array is the parent
        (
            '{"card": [{"g": "4539"}, {"g": "1488"}, ["0343"]], "n": [{"g": "12", "kind": "a"}]}',
            [("4539 1488 0343", [("card", 0, "g"), ("card", 1, "g"), ("card", 2, 0)], ("card",))],
        ),
        # a top-level array has no parent key: the context is the pieces' own
        ('["448", "11", "3847"]', [("448 11 3847", [(0,), (1,), (2,)], ())]),
        # values that are no pieces, nulls and nested objects between pieces do not part them;
        # without a parent key, the words the pieces' keys share name the whole
        (
            '{"a": "12", "b": "mobile", "n": {"x": "7", "y": "8"}, "c": null, "d": "34", "e": true}',
            [("12 34", [("a",), ("d",)], ()), ("7 8", [("n", "x"), ("n", "y")], ("n",))],
        ),
        (
            '{"phone_area": "415", "phone_line": "555-0134"}',
            [("415 555-0134", [("phone_area",), ("phone_line",)], ("phone",))],
        ),
        # an IBAN's groups: the country's letters, a bank code's capitals, spaces around a piece
        (
            '{"iban": ["NL91", "ABNA", " 0417", "1643", "00"]}',
            [("NL91 ABNA  0417 1643 00", [("iban", i) for i in range(5)], ("iban",))],
        ),
    ],
)
def test_pieces_of_a_number_are_joined(
    text: str, joined: list[tuple[str, list[tuple[Any, ...]], tuple[str, ...]]]
) -> None:
    assert _joined(text) == joined


def test_each_run_is_also_joined_without_separators() -> None:
    # "453914 880343 6467" is no card's grouping; "4539148803436467" is a card.
    doc = parse('{"card": {"first6": "453914", "middle": "880343", "last4": "6467"}}', LIMITS)
    assert sorted(j.text for j in doc.joined(())) == ["453914 880343 6467", "4539148803436467"]
    assert all(j.separate_values for j in doc.joined(()))


@pytest.mark.parametrize(
    "text",
    [
        '{"ok": true, "n": false}',
        '{"tags": ["vip", "kyc_ok", "whale"]}',  # no digit
        '{"a": "12", "b": "1234567890123456789"}',  # too long for a piece: scanned on its own
        '{"a": "12;", "b": "34"}',  # not a separator people type between groups
        # words with a number are not pieces of one: a street next to a phone read as an address
        '{"phone": "555.123.1969", "street": "12 Elm St"}',
        '{"a": "12", "n": {"b": "34"}}',  # one piece per parent
        '{"x": [{"id": "12", "t": "open"}, {"id": "34", "t": "done"}]}',  # records, not wrappers
        # versions and decimals are values of their own: "4.7.8" completed a card beside it
        '{"cc": "4476 591 810", "hs_version": "4.7.8"}',
        '{"qty": "6.1", "ref": "5905 12"}',
    ],
)
def test_not_pieces(text: str) -> None:
    assert parse(text, LIMITS).joined(()) == []


@pytest.mark.parametrize(
    ("text", "joined"),
    [
        ('{"email": {"local": "jane.doe", "domain": "gmail.com"}}', "jane.doe@gmail.com"),
        ('{"email_user": "j_doe", "email_domain": "@example.co.uk"}', "j_doe@example.co.uk"),
        ('{"mail": {"username": "jd77", "host": "proton.me"}}', "jd77@proton.me"),
    ],
)
def test_an_email_kept_in_two_fields_is_joined_at_its_at(text: str, joined: str) -> None:
    assert [j.text for j in parse(text, LIMITS).joined(())] == [joined]


@pytest.mark.parametrize(
    "text",
    [
        '{"product": {"name": "Widget", "website": "widget.io"}}',  # no e-mail in the names
        '{"mail": {"server": "smtp", "host": "mail.example.com"}}',  # a server is no local part
        '{"mail_server": {"name": "smtp", "host": "mail.example.com"}}',  # nor is a name
        '{"email": {"user": "ann", "tag": "x", "domain": "b.de"}}',  # not side by side
        '{"email": {"domain": "b.de", "user": "ann"}}',  # the domain first: no address reads so
    ],
)
def test_fields_that_are_no_email_halves(text: str) -> None:
    assert parse(text, LIMITS).joined(()) == []


def test_json_numbers_are_joined_only_for_values_a_checksum_confirms() -> None:
    # `[4539, 1488, 343, 6467]` is a card whose third group lost its leading zero as a number; a
    # list of counts reads the same way, so the join says only a checksum may confirm it.
    doc = parse('{"card": [4539, 1488, 343, 6467]}', LIMITS)
    [joined] = doc.joined(())
    assert joined.text == "4539 1488 0343 6467" and joined.checksummed_only and joined.separate_values
    assert [joined.text[start:end] for _, start, end in joined.pieces] == ["4539", "1488", "343", "6467"]


def test_a_parent_of_string_pieces_and_numbers_keeps_its_string_join() -> None:
    doc = parse('{"phone": {"area": "415", "line": "555-0134", "ext": 12}}', LIMITS)
    assert sorted((j.text, j.checksummed_only) for j in doc.joined(())) == [
        ("415 555-0134", False),
        ("415 555-0134 0012", True),
        ("415555-0134", False),
    ]


@pytest.mark.parametrize(
    "text",
    [
        json.dumps({"series": list(range(1000, 1009))}),  # more values than a number has pieces
        '{"a": 4539, "b": true}',  # a flag is no piece
        '{"a": 4539, "b": -1488}',  # nor a negative number
        '{"a": 4539, "b": 1488034}',  # nor a number longer than a card's longest group
        '{"a": 4539, "b": 1.5}',
    ],
)
def test_numbers_that_are_not_pieces(text: str) -> None:
    assert parse(text, LIMITS).joined(()) == []


def test_piece_offsets_point_at_each_value() -> None:
    doc = parse('{"p": ["+44", "7700", "900123"]}', LIMITS)
    for joined in doc.joined(()):
        assert [joined.text[start:end] for _, start, end in joined.pieces] == ["+44", "7700", "900123"]


def test_a_long_list_is_read_in_overlapping_windows() -> None:
    # 20 phone-like strings in one array: windows of 8 pieces every 4, so any value of up to 5
    # pieces lies whole in one window, and the work stays linear in the list's length.
    doc = parse(json.dumps({"phones": [f"555-01{i:02d}" for i in range(20)]}), LIMITS)
    windows = [[doc.fields[slot].path[-1] for slot, _, _ in j.pieces] for j in doc.joined(())[::2]]
    assert windows == [list(range(0, 8)), list(range(4, 12)), list(range(8, 16)), list(range(12, 20))]


# ---------------------------------------------------------------- tables and pairs


def _contexts(text: str) -> dict[tuple[Any, ...], tuple[str, ...]]:
    return {f.path: f.context for f in parse(text, LIMITS).fields if not f.is_key}


def test_a_tables_cells_are_named_by_their_columns() -> None:
    # A reporting API's table: the column names are in one list, the rows in another.
    contexts = _contexts('{"columns": ["id", "ssn"], "rows": [[1, "536221234"], [2, "078051120", "x"]]}')
    assert contexts[("rows", 0, 1)] == ("ssn", "rows")
    assert contexts[("rows", 1, 0)] == ("id", "rows")
    assert contexts[("rows", 1, 2)] == ("rows",)  # past the last column: the rows' own context


def test_columns_given_as_objects_name_cells_too() -> None:
    contexts = _contexts(
        '{"fields": [{"name": "Passport No"}, {"label": "dob"}], "data": [["533380006", "x"]]}'
    )
    assert contexts[("data", 0, 0)] == ("passport", "no", "data")
    assert contexts[("data", 0, 1)] == ("dob", "data")


def test_a_tables_first_row_of_labels_names_the_columns() -> None:
    # A spreadsheet API's values: the header is the first row.
    contexts = _contexts(
        '{"values": [["Name", "IBAN", "Date of birth"], ["A. Okafor", "x", "1980-01-02"], ["B"]]}'
    )
    assert contexts[("values", 1, 1)] == ("iban", "values")
    assert contexts[("values", 1, 2)] == ("date", "of", "birth", "values")
    assert contexts[("values", 2, 0)] == ("name", "values")
    # a first row with a number in it is data, not a header
    assert _contexts('{"values": [["Jane", "4155550100"], ["John", "x"]]}')[("values", 1, 1)] == ("values",)


def test_a_qualified_column_is_named_by_its_last_two_parts() -> None:
    # A query API's columns (`SELECT c.Name.Last …`), under a camel-case key.
    contexts = _contexts('{"columnNames": ["c.ID", "c.Name.Last"], "rows": [["17", "Suzuki"]]}')
    assert contexts[("rows", 0, 1)] == ("name", "last", "rows")


def test_a_label_and_value_pair_names_the_value() -> None:
    contexts = _contexts('{"attrs": [["ssn", "536221234"], ["tax id", 123456789], ["a1", "x"]]}')
    assert contexts[("attrs", 0, 1)] == ("ssn", "attrs")
    assert contexts[("attrs", 1, 1)] == ("tax", "id", "attrs")
    assert contexts[("attrs", 2, 1)] == ("attrs",)  # "a1" is no label


def test_lists_that_are_no_tables_keep_their_context() -> None:
    contexts = _contexts('{"columns": "a,b", "rows": [[1, 2]], "tags": ["vip", "kyc"]}')
    assert contexts[("rows", 0, 0)] == ("rows",) and contexts[("tags", 1)] == ("tags",)


WORDS = [
    "card",
    "mom",
    "cricket",
    "mail",
    "advice",
    "monkey",
    "wild",
    "example",
    "judge",
    "credit",
    "inch",
    "high",
]


@pytest.mark.parametrize(
    ("body", "joined"),
    [
        ({"seed_words": WORDS}, True),  # a phrase kept one word per element
        ({"w": [{"i": i, "word": w} for i, w in enumerate(WORDS, 1)]}, True),  # under one key of each
        ({"seed_words": WORDS[:11]}, False),  # eleven words: no phrase
        ({"tags": [*WORDS[:6], "kyc_ok", "vip-2", *WORDS[6:11]]}, False),  # not single words enough
    ],
)
def test_an_array_of_single_words_is_also_read_as_one_text(body: dict[str, Any], joined: bool) -> None:
    texts = [j.text for j in parse(json.dumps(body), LIMITS).joined(())]
    assert (" ".join(WORDS) in texts) is joined


def test_a_key_both_a_change_sets_and_a_transfers_gets_both_contexts() -> None:
    # A label (`ref`) had hidden the asset naming a withdrawal's address: a Solana address passed.
    doc = parse('{"ref": "WD-8812", "asset": "SOL", "to": "7EcDhSYGxX"}', LIMITS)
    [to] = [f for f in doc.fields if f.value == "7EcDhSYGxX"]
    assert "sol" in to.context and "wd" in to.context


def test_an_identity_documents_type_names_its_number() -> None:
    # KYC vendors' `{"idDocType": "PASSPORT", "number": …}`: "number" alone named nothing.
    doc = parse('{"idDocs": [{"idDocType": "PASSPORT", "country": "FRA", "number": "40ST00868"}]}', LIMITS)
    [number] = [f for f in doc.fields if f.value == "40ST00868"]
    assert "passport" in number.context
