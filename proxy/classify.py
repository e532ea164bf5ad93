"""Declared fields first: field rules map paths to entity types, exactly and cheaply.

A declared field is masked as a whole for its entity and skips the analyzer; every other string goes
on to detection. A rule naming a list or object covers every value inside it.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple

from proxy.codecs import words
from proxy.model import JsonPath, Record, TextField, field_text
from proxy.paths import matches, select
from proxy.rules import Route, hint_key

_MAX_SHAPES = 65536
_PERSON = "PERSON"
# A part of a name other than the given name: the shipped policy lists it, and reveals it where it
# reveals whole names.
_OTHER_NAME_PART = "LAST_NAME"
_GIVEN_NAME_KEYS = frozenset(
    hint_key(k)
    for k in ("first", "first_name", "fname", "given", "given_name", "forename", "vorname", "prenom",
              "prénom", "nombre", "voornaam", "imie", "nome", "primeiro_nome")
)  # fmt: skip


def _entity_for(route: Route, path: JsonPath) -> tuple[str, int] | None:
    """The entity of the first rule naming the path or one of its ancestors (a rule may name a
    container), and how many parts of the path lie below the rule's."""
    for end in range(len(path), 0, -1):
        prefix = path[:end]
        for rule in route.fields:
            if matches(rule.pattern, prefix):
                return rule.entity, len(path) - end
    return None


def _name_part(below: JsonPath) -> str:
    """What a value inside a container declared a name is. A person's name stored in parts
    (`{"given": "Jane", "family": "Doe"}`, `["Jane", "Doe"]`, FHIR's `given: [...]`) is one name:
    only its given name is the part a first-name view may show; the others are masked whole."""
    keys = [part for part in below if isinstance(part, str)]
    if keys and hint_key(keys[-1]) not in _GIVEN_NAME_KEYS:
        return _OTHER_NAME_PART
    last = below[-1]
    if isinstance(last, int) and last > 0:
        return _OTHER_NAME_PART  # a second given name, or the family name after the given one
    return _PERSON


def declared_entities(
    fields: Sequence[TextField], route: Route | None, hints: Mapping[str, str] | None = None
) -> dict[int, str]:
    """slot → entity for every value a field rule of `route` names, whose key a hint names, or
    that a sibling names (a bank account beside its routing code, an SMS's numbers beside it)."""
    declared = _named_beside(fields)
    if hints:
        declared |= _hinted(fields, hints)
    if route is None or not route.fields:
        return declared
    # Rules without explicit indices give the same answer for users[0].email and users[1].email:
    # decide once per path shape, so a 200-record list costs what one record costs.
    by_index = any(part.startswith("[") and part != "[*]" for rule in route.fields for part in rule.pattern)
    parent: JsonPath | None = None
    parent_shape: JsonPath = ()
    for field in fields:
        if field.is_key or field.value is None:
            continue
        if by_index:
            found = _entity_for(route, field.path)
        else:
            # Cached on the route across responses: real responses repeat a handful of shapes.
            # A record's fields come one after another: its path's shape is worked out once.
            path = field.path
            shape: JsonPath = ()
            if path:
                if path[:-1] != parent:
                    parent = path[:-1]
                    parent_shape = tuple(0 if isinstance(p, int) else p for p in parent)
                shape = (*parent_shape, 0 if isinstance(path[-1], int) else path[-1])
            if shape not in route.shapes:
                if len(route.shapes) >= _MAX_SHAPES:
                    route.shapes.clear()
                route.shapes[shape] = _entity_for(route, shape)
            found = route.shapes[shape]
        if found is not None:
            entity, below = found
            if below and entity == _PERSON:
                entity = _name_part(field.path[-below:])
            declared[field.slot] = entity
    return declared


_NUMBER = re.compile(r"[-+]?[0-9][0-9.,' ]*")
_PERSON_NAMES = frozenset(("legalname", "fullname", "personname", "customername", "birthname", "maidenname"))
# A bank account is named "account" like every other account; beside the code that routes to its
# bank (`{"routing": "021000021", "account": "279815146344"}`, a payouts export's columns) it is one.
_ROUTING_WORDS = frozenset(
    ("routing", "aba", "sortcode", "bsb", "transit", "ifsc", "agencia", "agência", "swift", "bic", "clabe")
)
_ACCOUNT_WORDS = frozenset(
    (
        *("account", "acct", "acc", "accountnumber", "konto", "kontonummer", "cuenta", "conta"),
        *("compte", "conto", "rekening", "rekeningnummer", "numerocuenta"),
    )
)
_ACCOUNT_NUMBER = re.compile(
    r"(?![0-9]{4}-[0-9]{2}(?:-[0-9]{2})?$)(?=(?:[^0-9]*[0-9]){6})[0-9][0-9 -]{4,32}[0-9]"
)
# What a routing code looks like (ABA, sort code, BSB, transit, agência; IFSC, BIC): not a queue's
# name under `routing`, nor `transit_days`.
_ROUTING_CODE = re.compile(r"[0-9][0-9 .-]{2,10}[0-9]|[A-Z]{4}[A-Z0-9]{4,7}")


@functools.lru_cache(maxsize=4096)  # keys repeat across records and responses
def _banking_key(key: str) -> tuple[bool, bool]:
    """Whether a key names a routing code, and whether it names an account, by its words or their
    joined form (`sort_code` → sortcode)."""
    parts = words(key)
    names = {*parts, "".join(parts)}
    return not _ROUTING_WORDS.isdisjoint(names), not _ACCOUNT_WORDS.isdisjoint(names)


# A message's parties are addresses: in an SMS log (Vonage, Twilio, Plivo exports) `from` and `to`
# beside the message's text hold phone numbers, often without their `+` (`971556060117`).
_MESSAGE_KEYS = frozenset(("text", "body", "message", "msg", "content", "sms"))
_PARTY_KEYS = frozenset(("from", "to", "msisdn", "sender", "recipient"))
_PHONE_DIGITS = re.compile(r"\+?[0-9]{8,15}")


@functools.lru_cache(maxsize=4096)
def _message_key(key: str) -> tuple[bool, bool]:
    """Whether a key is a message's text, and whether it is one of its parties."""
    lowered = key.lower()
    return lowered in _MESSAGE_KEYS, lowered in _PARTY_KEYS


# A person's data: a row or object that holds one of these holds a person, and its bare `name`, when
# words and more than one (`"WEISSKOPF Annegret"`, a deposits export's column), is that person's.
# Not an e-mail or a phone: companies and teams have those too.
_PERSONAL_KEYS = frozenset(
    (
        *("dob", "dateofbirth", "birthdate", "birthday", "geburtsdatum", "ssn", "passport"),
        *("passportnumber", "nationalid", "taxid", "personalnumber", "docnumber", "documentnumber"),
        *("pan", "cardnumber"),  # a card's number: its holder is a person
    )
)
_BARE_NAME_KEYS = frozenset(("name", "naam", "nom", "nome", "nombre", "navn", "namn", "nimi", "imie"))
# A word of a name, and what parts a name's words: a blank, an apostrophe, a hyphen.
_NAME_WORD, _NAME_BREAK = r"[^\W\d_]+", r"[ '\u2019-]+"
_WORDS_OF_A_NAME = re.compile(rf"{_NAME_WORD}(?:{_NAME_BREAK}{_NAME_WORD})+")


@functools.lru_cache(maxsize=4096)  # keys repeat across records and responses
def _joined(key: str) -> str:
    """A key's words joined: `date_of_birth`, `dateOfBirth` → dateofbirth."""
    return "".join(words(key))


def _person_key(key: str) -> tuple[bool, bool]:
    """Whether a key holds a person's data, and whether it is a bare name."""
    joined = _joined(key)
    return joined in _PERSONAL_KEYS, joined in _BARE_NAME_KEYS


# A family name under a bare `last` (Help Scout's `{"first": "Femke", "last": "Vermeulen"}`): one
# only beside a `first`, since a `last` alone is as often the last of anything.
_FIRST_KEYS = frozenset(("first", "firstname", "given", "givenname", "forename"))
_LAST_KEYS = frozenset(("last", "lastname", "family", "familyname"))
_ONE_NAME = re.compile(rf"{_NAME_WORD}(?:{_NAME_BREAK}{_NAME_WORD})*")


def _name_part_key(key: str) -> tuple[bool, bool]:
    """Whether a key is a given name's, and whether it is a family name's."""
    joined = _joined(key)
    return joined in _FIRST_KEYS, joined in _LAST_KEYS


# Keys of a person's record: how to reach them, or which one they are. (Or a record of three
# fields or more: `{"first": "Monday", "last": "Friday"}` is no one's, a row "first last dept" is.)
_SOMEONES_KEYS = frozenset(
    (
        *("id", "uid", "userid", "customerid", "custid", "contactid", "memberid", "ssn"),
        *("email", "mail", "emailaddress", "phone", "phonenumber", "mobile", "telephone"),
    )
)
_FIELDS_OF_A_RECORD = 3


class _Beside(NamedTuple):
    """Values a sibling names: under a key `roles` calls a candidate (its second answer), in the
    shape `value`, in an object or row that also holds a key `roles` calls an anchor (its first),
    in the shape `anchor` if one is given, and, `of_someone`, a contact or an id (a person's
    record, not `{"first": "Monday", "last": "Friday"}`)."""

    roles: Callable[[str], tuple[bool, bool]]
    anchor: re.Pattern[str] | None
    value: re.Pattern[str]
    entity: str
    of_someone: bool = False


_BESIDE = (
    _Beside(_banking_key, _ROUTING_CODE, _ACCOUNT_NUMBER, "US_BANK_NUMBER"),
    _Beside(_message_key, None, _PHONE_DIGITS, "PHONE_NUMBER"),
    _Beside(_person_key, None, _WORDS_OF_A_NAME, "PERSON"),
    _Beside(_name_part_key, _ONE_NAME, _ONE_NAME, _OTHER_NAME_PART, of_someone=True),
)


def _named_beside(fields: Sequence[TextField]) -> dict[int, str]:
    """slot → entity of the values their siblings name (`_BESIDE`), in one pass over the fields."""
    anchored: set[tuple[int, JsonPath]] = set()
    someones: set[JsonPath] = set()  # objects and rows holding a contact or an id
    sizes: Counter[JsonPath] = Counter()  # fields per object or row
    candidates: list[tuple[int, TextField]] = []
    for field in fields:
        if field.is_key or not field.path:
            continue
        # A table's cell (a row is a list) is keyed by its column, the first of its context's words.
        key = field.path[-1] if type(field.path[-1]) is str else field.context[0] if field.context else None
        if key is None:
            continue
        sizes[field.path[:-1]] += 1
        if _joined(key) in _SOMEONES_KEYS:
            someones.add(field.path[:-1])
        for i, rule in enumerate(_BESIDE):
            anchor, candidate = rule.roles(key)
            if anchor and (rule.anchor is None or rule.anchor.fullmatch(field_text(field.value))):
                anchored.add((i, field.path[:-1]))
            elif candidate:
                candidates.append((i, field))
    return {
        field.slot: _BESIDE[i].entity
        for i, field in candidates
        if (i, field.path[:-1]) in anchored
        and (
            not _BESIDE[i].of_someone
            or field.path[:-1] in someones
            or sizes[field.path[:-1]] >= _FIELDS_OF_A_RECORD
        )
        and _BESIDE[i].value.fullmatch(field_text(field.value))
    }


# Keys of a value named by a label beside it (`{"name": "Balance", "value": …}`).
_LABELLED = frozenset(
    {"value", "val", "v", "text", "content", "fieldvalue", "answer", "data", "displayvalue"}
    # DynamoDB's typed values: `"dob": {"S": "1987-12-14"}`
    | {"s", "n", "ss", "ns"}
    # a change set's (audit logs): `{"field": "last_name", "old": …, "new": …}`
    | {"from", "to", "old", "new", "oldvalue", "newvalue", "previous", "before", "after"}
)


def _hinted(fields: Sequence[TextField], hints: Mapping[str, str]) -> dict[int, str]:
    """Values whose key a hint names, alone or after its parent's key (`name.last`), whose parent's
    key does (`balances: {"BTC": 1.2}`, `adresse: {"strasse": …}`), or whose label or column does
    (`{"name": "Balance", "value": …}`, a JSON table's `balance` column): strings and numbers alike
    (a balance is a number)."""
    declared: dict[int, str] = {}
    parent: JsonPath | None = None
    above: list[str] = []  # the two nearest keys above the value (list indices are no level)
    for field in fields:
        path = field.path
        if field.is_key or field.value is None or type(field.value) is bool or not path:
            continue
        if path[:-1] != parent:  # a record's fields come one after another: once per parent
            parent = path[:-1]
            above = [*[hint_key(p) for p in reversed(parent) if type(p) is str][:2], "", ""]
        last = path[-1]
        # The value's own key and its parent's; in a list, the list's key and the one above it
        # (`balances.ETH[0]`).
        key, parent_key = _keys(last, above)
        entity = (
            hints.get(key)
            or hints.get(parent_key + key)
            # a person's name's parts under its kind of name: `legalName.family` as `name.family`
            or (
                hints.get("name" + key) if _kind_of_name(parent_key, field.context) in _PERSON_NAMES else None
            )
            or _hinted_by_ending(last, hints)
        )
        if entity is None and (key in _LABELLED or _NUMBER.fullmatch(field_text(field.value))):
            # A container's hint covers the numbers in it (`balances: {"BTC": 1.2}`), not what
            # else it holds: an address, an IBAN or a card inside still goes to detection. And its
            # value however it is kept (ServiceNow's `"last_name": {"display_value": …, "value": …}`).
            entity = hints.get(parent_key)
        if entity is None and field.context and ((type(last) is int and len(path) > 1) or key in _LABELLED):
            # The context starts with the words of the label or column that names the value. Not
            # a page's or a text's line (a path of one index): the text before it is only a guess
            # at its label ("Date of birth" then "Passport" in a form's cells).
            context = field.context
            entity = next((e for n in (1, 2, 3) if (e := hints.get("".join(context[:n])))), None)
        if entity is not None:
            declared[field.slot] = entity
    return declared


def _kind_of_name(parent_key: str, context: Sequence[str]) -> str:
    """The key of a value's parent, or its label's words if the parent is a labelled answer (a
    form's `{"text": "Full Name", "answer": {"first": …, "last": …}}`: the context of `last`
    is its key's word, then the label's)."""
    return "".join(context[1:3]) if parent_key in _LABELLED else parent_key


def _hinted_by_ending(last: str | int, hints: Mapping[str, str]) -> str | None:
    """The hint a key ends with, of two words or three: `customerLastName` and `user_date_of_birth`
    are a last name and a date of birth, as `last_name` and `date_of_birth` are. Not one word: a
    German `E-Mail-Adresse` is no street address."""
    if type(last) is not str:
        return None
    parts = words(last)
    if len(parts) < 3:  # most keys: a hint of two words is the whole key, looked up already
        return None
    three = hints.get("".join(parts[-3:])) if len(parts) > 3 else None
    return three or hints.get("".join(parts[-2:]))


def _keys(last: str | int, above: Sequence[str]) -> tuple[str, str]:
    """The hint keys of a value: its own key and its parent's. A flattened record's key
    (`"user.last.name"`, as exports and some CRMs write nested fields) is its own path: the last
    two segments are key and parent."""
    if type(last) is not str:
        return above[0], above[1]
    if "." in last:
        segments = [hint_key(s) for s in last.split(".")]
        if all(segments[-2:]):
            return segments[-1], segments[-2]
    return hint_key(last), above[0]


def extract_records(root: object, route: Route | None) -> list[Record]:
    """The customer records a response carries, by the route's record rules (ids only)."""
    if route is None or root is None:
        return []
    records: list[Record] = []
    for rule in route.records:
        for path, node in select(root, rule.pattern):
            if isinstance(node, dict) and all(node.get(k) == v for k, v in rule.when):
                record_id = node.get(rule.id_key)
                if record_id is not None and not isinstance(record_id, dict | list):
                    records.append(Record(rule.record_type, str(record_id), path))
    return records


def extract_assignments(root: object, route: Route | None) -> list[tuple[str, str]]:
    """(assignee agent, requester customer) pairs named by objects the route declares (tickets),
    for tickets still open: a closed one is no longer the agent's work (else every requester an
    agent ever helped could be brought back to a clear view by listing old tickets)."""
    if route is None or root is None:
        return []
    pairs: list[tuple[str, str]] = []
    for rule in route.assignments:
        for _, node in select(root, rule.pattern):
            if isinstance(node, dict) and str(node.get(rule.status_key, "")).lower() not in rule.closed:
                agent, customer = node.get(rule.assignee_key), node.get(rule.requester_key)
                if isinstance(agent, str | int) and isinstance(customer, str | int):
                    pairs.append((str(agent), str(customer)))
    return pairs
