"""JSON of any shape: objects, top-level arrays, big integers kept exact, keys exposed as fields.

Parsed with the standard library because it keeps integers exact and lets us refuse duplicate keys:
a duplicate would let a value we never saw reach the client if the original bytes were released.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Container, Mapping
from typing import Any

from proxy.codecs import JoinedText, Limits, label_of_pair, pieces_of_values, words
from proxy.errors import BodyTooLarge, Undecodable
from proxy.model import DROPPED, JsonPath, Replacement, TextField

# In arrays of name/value pairs ("custom fields"), keys that name the sibling value, and the keys
# of that value; in typed entries (`{"type": "passport", "number": …}`), the key that says what the
# entry's number or id is. Kept apart: a person's `name` says nothing about the `id` beside it
# ("Sara Banks" would make a user's id a bank account).
_LABEL_KEYS: tuple[str, ...] = (
    "name", "label", "title", "field", "key", "field_name", "fieldname", "display_name", "question",
    "attribute", "property", "caption", "slug", "field_key", "ref", "tab_label", "field_label",
    "system",  # FHIR identifiers: `{"system": "http://hl7.org/fhir/sid/us-ssn", "value": …}`
)  # fmt: skip
_VALUE_KEYS = frozenset(
    (
        *("value", "val", "v", "content", "text", "field_value", "fieldvalue", "answer", "data", "response"),
        # a change set's (audit logs, webhooks): `{"field": "custom.dob", "from": …, "to": …}`
        *(
            "from",
            "to",
            "old",
            "new",
            "old_value",
            "new_value",
            "previous_value",
            "previous",
            "before",
            "after",
        ),
    )
)
# Typed entries, and transfers named by their asset (`{"asset": "SOL", "to": "7EcD…"}`).
_TYPE_KEYS: tuple[str, ...] = (
    *("type", "kind", "category", "asset", "coin", "currency", "chain", "network"),
    # an identity document's (KYC vendors): `{"idDocType": "PASSPORT", "number": "40ST00868"}`
    *(
        "doc_type",
        "docType",
        "idDocType",
        "id_doc_type",
        "document_type",
        "documentType",
        "id_type",
        "idType",
    ),
)
# Tables sent as JSON (reporting and export APIs): column names in one list, rows as lists of values
# in another. A row's values are named by their column, as a CSV cell is by its header.
_COLUMN_KEYS: tuple[str, ...] = ("columns", "cols", "column_names", "headers", "header", "fields")
_ROW_KEYS: tuple[str, ...] = ("rows", "data", "values", "records", "results")
# Keys that only structure a response (GraphQL's edges and nodes, JSON:API's attributes) name
# nothing inside them: `node.id` read as "id node" met the national-id word "idno".
_STRUCTURAL = frozenset(
    ("node", "nodes", "edge", "edges", "attributes", "items", "item", "results", "result", "payload")
)
# DynamoDB's attribute values (`"fullName": {"S": "张静怡"}`): a type, not a name; the value is
# named by the attribute's key above it.
_TYPE_DESCRIPTORS = frozenset(("S", "N", "B", "SS", "NS", "BS", "M", "L", "BOOL", "NULL"))
_LONGEST_LABEL = 80
# A header cell: words (and a qualified column's dots), no digits.
_COLUMN_NAME = re.compile(r"[^\W\d]+(?:[ ._/-]{1,3}[^\W\d]+){0,5}")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_TYPED_KEYS = frozenset(
    (
        *("number", "num", "no", "id", "identifier", "value", "val", "v"),  # the entry's number or id
        *("to", "address", "destination", "recipient", "target", "counterparty", "wallet"),  # a transfer's
    )
)


def _any_case(keys: tuple[str, ...]) -> tuple[str, ...]:
    """Keys as APIs write them: `name`, `Name` (AWS, Salesforce), `NAME`; `field_name`,
    `fieldName`, `FieldName` (Trulioo, .NET)."""
    return tuple(dict.fromkeys(v for k in keys for v in (k, k.capitalize(), k.upper(), *_camel_cases(k))))


def _camel_cases(key: str) -> tuple[str, ...]:
    first, *rest = key.split("_")
    if not rest:
        return ()
    tail = "".join(part.capitalize() for part in rest)
    return first + tail, first.capitalize() + tail


_LABEL_KEYS = _any_case(_LABEL_KEYS)
_VALUE_KEYS = frozenset(_any_case(tuple(_VALUE_KEYS)))
_TYPE_KEYS = _any_case(_TYPE_KEYS)
_TYPED_KEYS = frozenset(_any_case(tuple(_TYPED_KEYS)))
_COLUMN_KEYS = _any_case(_COLUMN_KEYS)
_ROW_KEYS = _any_case(_ROW_KEYS)


def _header_row(rows: list[Any]) -> tuple[tuple[str, ...], ...] | None:
    """The words naming each column of a table whose first row is its header (a spreadsheet's
    `values`: `[["Name", "IBAN", …], ["A. Okafor", "DE89…", …], …]`): a row of labels, then rows of
    the same width or narrower (empty trailing cells are left out)."""
    if len(rows) < 2 or type(rows[0]) is not list or type(rows[1]) is not list:
        return None
    header = rows[0]
    # Rows of a label and a value (`[["Passport", "K1234567"], …]`) are named by their labels.
    if len(header) < 2 or (len(header) == 2 and all(_is_pair(row) for row in rows[1:8])):
        return None
    if not all(type(cell) is str and _COLUMN_NAME.fullmatch(cell) for cell in header):
        return None
    if not all(type(row) is list and len(row) <= len(header) for row in rows[1:8]):
        return None
    return tuple(_column_words(cell) for cell in header)


def _is_pair(row: Any) -> bool:
    return type(row) is list and label_of_pair(row) is not None


def _column_words(name: str) -> tuple[str, ...]:
    """The words naming a column. A qualified name's last two parts (`c.Name.Last`, a query's
    columns): its alias or table says nothing of the value."""
    if "." in name:
        return words(".".join(name.split(".")[-2:]))
    return words(name)


def _named_values(
    values: list[Any], context: tuple[str, ...], columns: tuple[tuple[str, ...], ...] | None
) -> list[tuple[str, ...]] | None:
    """The context of each element of a table's row (its column's words) or of a pair
    `["ssn", "536221234"]` (the label's words name the value); None: the list's own context."""
    if columns is not None:
        return [(columns[i] if i < len(columns) else ()) + context for i in range(len(values))]
    label = label_of_pair(values)
    if label is not None:
        return [context, words(label) + context]  # not `["vip", "kyc"]`: two tags
    return None


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        raise Undecodable("duplicate_json_key")
    return obj


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise Undecodable("invalid_json")
    return value


def _reject_constant(_: str) -> None:
    raise Undecodable("invalid_json")


_DECODER = json.JSONDecoder(
    object_pairs_hook=_no_duplicates, parse_float=_finite, parse_constant=_reject_constant
)


class JsonDocument:
    """A parsed JSON body. Slots point at (container, key) so replacements go back in place."""

    def __init__(self, text: str, limits: Limits) -> None:
        try:
            self.tree: Any = _DECODER.decode(text)
        except RecursionError as err:
            raise Undecodable("json_too_deep") from err
        except ValueError as err:  # JSONDecodeError is a ValueError
            raise Undecodable("invalid_json") from err
        self._limits = limits
        self._fields: list[TextField] = []
        self._places: list[tuple[Any, Any]] = []  # slot → (container, key or index)
        self._walk(self.tree, (), (), 0)

    @staticmethod
    def _table(node: dict[str, Any]) -> tuple[str, tuple[tuple[str, ...], ...]] | None:
        """The key of a table's rows and the words naming each column, if `node` is a table."""
        for column_key in _COLUMN_KEYS:
            names = node.get(column_key)
            if type(names) is not list or not names:
                continue
            columns = tuple(
                _column_words(n)
                if type(n) is str
                else _column_words(str(n.get("name") or n.get("label") or ""))
                if type(n) is dict
                else ()
                for n in names
            )
            for row_key in _ROW_KEYS:
                rows = node.get(row_key)
                if type(rows) is list and rows and all(type(r) is list for r in rows[:8]):
                    return row_key, columns
        return None

    @property
    def fields(self) -> list[TextField]:
        return self._fields

    @property
    def records_root(self) -> object:
        return self.tree

    def joined(self, declared: Container[int]) -> list[JoinedText]:
        return pieces_of_values(self._fields, declared, words=True)

    def _walk(
        self,
        node: Any,
        path: JsonPath,
        context: tuple[str, ...],
        depth: int,
        rows_of: tuple[tuple[str, ...], ...] | None = None,
        cells_of: tuple[tuple[str, ...], ...] | None = None,
    ) -> None:
        """For a table (see `_table`), the words naming each column: `rows_of` when `node` is the
        list of its rows, `cells_of` when `node` is one row."""
        # The hottest loop of a response: appends are bound once, and the field limit is checked
        # once per container (the body size cap already bounds how far one container can go).
        if depth > self._limits.max_depth:
            raise Undecodable("json_too_deep")
        fields, places = self._fields, self._places
        add_field, add_place = fields.append, places.append
        max_chars = self._limits.max_string_chars
        if type(node) is dict:
            label = _label_of(node, _LABEL_KEYS, _VALUE_KEYS)
            entry_type = _label_of(node, _TYPE_KEYS, _TYPED_KEYS)
            table = self._table(node) if not node.keys().isdisjoint(_COLUMN_KEYS) else None
            for key, value in node.items():
                key_context = words(key) if key not in _TYPE_DESCRIPTORS else ()
                # Both, where a key is both (`to` of a change set and of a transfer): a label
                # (`"ref": "WD-8812"`) had hidden the asset that names a withdrawal's address.
                if entry_type and key in _TYPED_KEYS:
                    key_context = entry_type + key_context
                # Not the label's own display form (Jotform's `{"name": "fullName", "text": "Full
                # Name", "answer": …}`): that value is no name.
                if label and key in _VALUE_KEYS and not _is_label_text(value, label):
                    key_context = label + key_context
                child = (*path, key)
                place = (node, key)
                if len(key) > max_chars:
                    raise BodyTooLarge("string_too_long")
                add_field(TextField(len(fields), child, key, key_context, True))
                add_place(place)
                kind = type(value)
                if kind is dict or kind is list:
                    columns = table[1] if table is not None and key == table[0] else None
                    inherited = (
                        () if key in _STRUCTURAL else context if key in _TYPE_DESCRIPTORS else key_context
                    )
                    self._walk(value, child, inherited, depth + 1, rows_of=columns)
                else:
                    if kind is str and len(value) > max_chars:
                        raise BodyTooLarge("string_too_long")
                    # The object's own key names the value too: `phones[0].number`,
                    # `ssn.value`, `contact.mobile.number` (one level: deeper keys name less).
                    add_field(TextField(len(fields), child, value, key_context + context, False))
                    add_place(place)
        elif type(node) is list:
            # A table's rows: its columns, given beside it or as its first row (itself no row).
            named, header = _named_values(node, context, cells_of), None if rows_of else _header_row(node)
            for index, value in enumerate(node):
                kind = type(value)
                if kind is dict or kind is list:
                    row_columns = (rows_of or (header if index else None)) if kind is list else None
                    self._walk(value, (*path, index), context, depth + 1, cells_of=row_columns)
                else:
                    if kind is str and len(value) > max_chars:
                        raise BodyTooLarge("string_too_long")
                    element_context = named[index] if named else context
                    add_field(TextField(len(fields), (*path, index), value, element_context, False))
                    add_place((node, index))
        else:
            if type(node) is str and len(node) > max_chars:
                raise BodyTooLarge("string_too_long")
            add_field(TextField(len(fields), path, node, context, False))
            add_place((None, None))
        if len(fields) > self._limits.max_fields:
            raise BodyTooLarge("too_many_fields")

    def render(self, replacements: Mapping[int, Replacement]) -> str:
        renames: list[tuple[dict[str, Any], str, Replacement]] = []
        for slot, new in replacements.items():
            container, key = self._places[slot]
            if self._fields[slot].is_key:
                renames.append((container, key, new))
            elif container is None:
                self.tree = None if new is DROPPED else new
            elif new is DROPPED:
                if isinstance(container, dict):
                    container.pop(key, None)
                else:
                    container[key] = None  # keep indices stable for the client
            else:
                container[key] = new
        for container, key, new in renames:
            _rename(container, key, new)
        text = json.dumps(self.tree, ensure_ascii=False, separators=(",", ":"))
        # Half a surrogate pair (`"\ud800"`, an emoji cut by a UTF-16 length limit) stays the escape
        # it came as: no charset can encode it as a character.
        return _LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _label_of(
    node: dict[str, Any], label_keys: tuple[str, ...], value_keys: frozenset[str]
) -> tuple[str, ...]:
    """The words of the first of `label_keys` that names a value under one of `value_keys`; a
    label that is an object names it by its own label (`{"field": {"key": "national_id"}, "value":
    …}`, as Jira and form tools send a field's definition beside its value)."""
    if value_keys.isdisjoint(node):  # most objects: one set operation in C
        return ()
    for key in label_keys:
        label = node.get(key)
        if isinstance(label, dict):
            label = next((v for k in label_keys if isinstance(v := label.get(k), str)), None)
        if isinstance(label, str):
            return words(label)
    return ()


def _is_label_text(value: object, label: tuple[str, ...]) -> bool:
    return type(value) is str and len(value) <= _LONGEST_LABEL and words(value) == label


def _rename(container: dict[str, Any], key: str, new: Replacement) -> None:
    if key not in container:
        return
    items = list(container.items())
    taken = {k for k, _ in items if k != key}
    container.clear()
    for k, v in items:
        if k != key:
            container[k] = v
        elif new is not DROPPED:
            # A masked key must not land on another key's name: that value would be lost.
            name, suffix = str(new), 2
            while name in taken:
                name, suffix = f"{new}#{suffix}", suffix + 1
            taken.add(name)
            container[name] = v


def parse(text: str, limits: Limits) -> JsonDocument:
    return JsonDocument(text, limits)
