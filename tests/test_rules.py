"""proxy/rules.py: policy.yaml is validated at the boundary; every problem is one precise line."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from proxy.errors import RulesError
from proxy.rules import (
    CLEAR,
    NO_ROLE,
    BreakGlass,
    MaskSpec,
    Quota,
    Role,
    Rules,
    glob_to_regex,
    hint_key,
    load_rules,
    parse_path,
    template_to_regex,
)
from tests.shipped import RECOGNIZER_ENTITIES

RULES_DIR = Path(__file__).resolve().parent.parent / "rules"
ENTITIES = RECOGNIZER_ENTITIES

MINIMAL: dict[str, Any] = {
    "version": 1,
    "entities": ["ACCOUNT_BALANCE"],
    "masks": {"hidden": {"style": "redact"}, "last4": {"style": "partial", "keep": 4}},
    "roles": {
        "tier1": {"default": "hidden", "reveal": {"CREDIT_CARD": "last4"}},
        "fraud": {"reveal": {"*": "clear"}},
    },
    "bindings": {"support-frontline": "tier1"},
    "static": ["/console"],
    "routes": [
        {
            "name": "users.get",
            "path": "/api/users/{id}",
            "fields": {"**.email": "EMAIL_ADDRESS"},
            "records": [{"path": "user", "id": "id"}],
        }
    ],
}


def write_policy(directory: Path, policy: dict[str, Any] | str) -> Path:
    text = policy if isinstance(policy, str) else yaml.safe_dump(policy, sort_keys=False)
    (directory / "policy.yaml").write_text(text, encoding="utf-8")
    return directory / "policy.yaml"


def problems_of(directory: Path) -> list[str]:
    with pytest.raises(RulesError) as info:
        load_rules(directory, ENTITIES)
    assert str(info.value) == "\n".join(info.value.problems)
    return info.value.problems


@pytest.fixture(scope="module")
def shipped() -> Rules:
    return load_rules(RULES_DIR, ENTITIES)


# --------------------------------------------------------------------------------------------
# The shipped policy
# --------------------------------------------------------------------------------------------


def test_shipped_policy_loads(shipped: Rules) -> None:
    assert set(shipped.roles) == {"tier1", "tier2", "fraud", NO_ROLE}
    assert set(shipped.masks) == {"hidden", "label", "last4", "hint", "pseudonym", "gone"}
    assert shipped.masks["last4"] == MaskSpec(style="partial", keep=4)
    assert shipped.masks["hint"].keep == 4
    assert [r.name for r in shipped.routes] == [
        "users.search", "users.tickets", "users.get", "users.list",
        "tickets.comments", "tickets.get", "tickets.list", "exports.users",
    ]  # fmt: skip
    assert shipped.entities == ENTITIES | {"ACCOUNT_BALANCE", "POSTAL_CODE", "LAST_NAME"}
    assert shipped.score_threshold == 0.5
    assert shipped.scan_keys is True
    assert shipped.source_dir == RULES_DIR
    assert re.fullmatch(r"[0-9a-f]{12}", shipped.version)
    assert shipped.bindings["bpo-frontline"] == "tier1"


@pytest.mark.parametrize(
    ("key", "entity"),
    [
        # a surname under its French and German keys
        ("nom", "LAST_NAME"),
        ("nom_de_famille", "LAST_NAME"),
        ("Familienname", "LAST_NAME"),
        # a postal address under the keys of non-English CRMs, with or without a house number
        ("adresse", "STREET_ADDRESS"),
        ("Anschrift", "STREET_ADDRESS"),
        ("dirección", "STREET_ADDRESS"),
        ("indirizzo", "STREET_ADDRESS"),
        ("endereço", "STREET_ADDRESS"),
        # balances under the names exchanges give them
        ("available_balance", "ACCOUNT_BALANCE"),
        ("totalBalanceUsd", "ACCOUNT_BALANCE"),
        ("balances", "ACCOUNT_BALANCE"),
        ("usdBalance", "ACCOUNT_BALANCE"),
        ("Account_Balance__c", "ACCOUNT_BALANCE"),
        ("Kontostand", "ACCOUNT_BALANCE"),
        ("saldo", "ACCOUNT_BALANCE"),
        # English "address" is as often a wallet, e-mail or IP address: left to the recognizers
        ("address", None),
        ("email_address", None),
    ],
)
def test_shipped_field_hints(shipped: Rules, key: str, entity: str | None) -> None:
    assert shipped.field_hints.get(hint_key(key)) == entity


def test_shipped_roles(shipped: Rules) -> None:
    tier1 = shipped.roles["tier1"]
    assert (tier1.default, tier1.reveal) == (
        "label",
        {
            "PERSON": "hint",
            "EMAIL_ADDRESS": "hint",
            "PHONE_NUMBER": "last4",
            "CREDIT_CARD": "last4",
            "CRYPTO_SECRET": "label",  # a secret gets the role's default unless the role names it
        },
    )
    assert tier1.for_assigned().mask_for("EMAIL_ADDRESS") == CLEAR  # only on the agent's own tickets
    assert tier1.quota == Quota(
        "24h", soft=30, justify=60, hard=120, contacts=120, assigned=200, searches=400
    )
    assert tier1.break_glass is None and shipped.roles["tier2"].break_glass == BreakGlass(3, 8 * 3600.0)
    assert shipped.field_hints["lastname"] == "LAST_NAME"
    assert "999001" in shipped.canaries
    assert shipped.roles["fraud"].mask_for("US_SSN") == CLEAR
    assert shipped.roles["fraud"].mask_for("CRYPTO_SECRET") == "label"  # "*": clear is not for secrets
    assert shipped.roles["tier2"].mask_for("CRYPTO") == "pseudonym"
    assert shipped.roles["tier2"].mask_for("DATE_OF_BIRTH") == "label"
    # an agent with no role gets the most opaque mask for everything
    assert shipped.roles[NO_ROLE] == Role(NO_ROLE, "hidden", {})


def test_shipped_routes_compiled(shipped: Rules) -> None:
    users_get = next(r for r in shipped.routes if r.name == "users.get")
    assert users_get.methods == frozenset({"GET"})
    assert users_get.content_types == frozenset({"application/json"})
    assert users_get.path.match("/api/v2/users/42")
    assert ("**", "email") in [f.pattern for f in users_get.fields]
    assert [(r.pattern, r.id_key, r.record_type) for r in users_get.records] == [
        (("user",), "id", "customer")
    ]
    comments = next(r for r in shipped.routes if r.name == "tickets.comments")
    assert comments.methods == frozenset({"GET", "POST"})
    assert ("**", "email") in [f.pattern for f in comments.fields]  # side-loaded users
    assert [(r.pattern, r.id_key, r.record_type) for r in comments.records] == [
        (("comments", "[*]"), "author_id", "customer"),  # a customer's comment is a view of them
        (("users", "[*]"), "id", "customer"),
    ]


def test_minimal_policy_loads_with_defaults(tmp_path: Path) -> None:
    write_policy(tmp_path, MINIMAL)
    rules = load_rules(tmp_path, ENTITIES)
    route = rules.routes[0]
    assert route.methods == frozenset({"GET"})
    assert route.content_types == frozenset({"application/json", "text/html", "text/csv", "text/plain"})
    assert route.records[0].record_type == "customer"
    assert rules.roles["fraud"].default == "hidden"
    assert rules.score_threshold == 0.5


def test_version_hashes_policy_and_recognizers(tmp_path: Path) -> None:
    write_policy(tmp_path, MINIMAL)
    first = load_rules(tmp_path, ENTITIES).version
    assert load_rules(tmp_path, ENTITIES).version == first
    (tmp_path / "recognizers.yaml").write_text("recognizers: []\n", encoding="utf-8")
    second = load_rules(tmp_path, ENTITIES).version
    assert second != first
    write_policy(tmp_path, {**MINIMAL, "static": ["/other"]})
    assert load_rules(tmp_path, ENTITIES).version not in {first, second}


def test_secrets_are_never_clear(tmp_path: Path) -> None:
    policy = copy.deepcopy(MINIMAL)
    policy["secrets"] = ["CRYPTO", "IBAN_CODE"]
    policy["roles"]["tier1"]["reveal"]["IBAN_CODE"] = "last4"  # a mask other than clear is the role's choice
    policy["roles"]["tier1"]["break_glass"] = {"budget": 1}
    write_policy(tmp_path, policy)
    rules = load_rules(tmp_path, ENTITIES)
    fraud, tier1 = rules.roles["fraud"], rules.roles["tier1"]
    assert (
        fraud.mask_for("US_SSN") == CLEAR and fraud.mask_for("CRYPTO") == "hidden"
    )  # "*" is not for secrets
    glass = tier1.break_glass_view()
    assert glass.mask_for("US_SSN") == CLEAR
    assert (glass.mask_for("CRYPTO"), glass.mask_for("IBAN_CODE")) == ("hidden", "last4")
    assert fraud.for_assigned().mask_for("CRYPTO") == "hidden"


def test_x_keys_are_free(tmp_path: Path) -> None:
    policy = copy.deepcopy(MINIMAL)
    policy["x-anchors"] = {"anything": [1, 2, {"goes": True}]}
    write_policy(tmp_path, policy)
    assert load_rules(tmp_path, ENTITIES).routes[0].name == "users.get"


def test_methods_are_upper_cased(tmp_path: Path) -> None:
    policy = copy.deepcopy(MINIMAL)
    policy["routes"][0]["methods"] = ["get", "Post"]
    write_policy(tmp_path, policy)
    assert load_rules(tmp_path, ENTITIES).routes[0].methods == frozenset({"GET", "POST"})


# --------------------------------------------------------------------------------------------
# Broken policies: one precise line each
# --------------------------------------------------------------------------------------------

Mutation = Callable[[dict[str, Any]], object]


def _set(*path: Any, value: Any) -> Mutation:
    def mutate(policy: dict[str, Any]) -> None:
        node = policy
        for part in path[:-1]:
            node = node[part]
        node[path[-1]] = value

    return mutate


def _delete(*path: Any) -> Mutation:
    def mutate(policy: dict[str, Any]) -> None:
        node = policy
        for part in path[:-1]:
            node = node[part]
        del node[path[-1]]

    return mutate


def _duplicate_route(policy: dict[str, Any]) -> None:
    policy["routes"].append(copy.deepcopy(policy["routes"][0]))


def _secret_in_clear(policy: dict[str, Any]) -> None:
    policy["secrets"] = ["CRYPTO"]
    policy["roles"]["fraud"]["reveal"]["CRYPTO"] = "clear"


BROKEN: list[tuple[str, Mutation, str]] = [
    # unknown keys, at the top and nested
    ("top key", _set("colour", value="blue"), "colour: unknown key"),
    ("role key", _set("roles", "tier1", "colour", value=1), "roles.tier1.colour: unknown key"),
    ("mask key", _set("masks", "hidden", "keepp", value=4), "masks.hidden.keepp: unknown key"),
    ("route key", _set("routes", 0, "field", value={}), "routes[0].field: unknown key"),
    ("record key", _set("routes", 0, "records", 0, "kind", value="x"), "routes[0].records[0].kind: unknown key"),
    ("detection key", _set("detection", value={"threshold": 0.5}), "detection.threshold: unknown key"),
    # mask names
    ("reveal mask", _set("roles", "tier1", "reveal", "CREDIT_CARD", value="last_4"),
     "roles.tier1.reveal.CREDIT_CARD: unknown mask 'last_4' (known: clear, hidden, last4)"),
    ("default mask", _set("roles", "tier1", "default", value="blur"),
     "roles.tier1.default: unknown mask 'blur' (known: hidden, last4)"),
    ("default clear", _set("roles", "tier1", "default", value="clear"),
     "roles.tier1.default: unknown mask 'clear' (known: hidden, last4)"),
    # entities
    ("reveal entity", _set("roles", "tier1", "reveal", "CREDITCARD", value="last4"),
     "roles.tier1.reveal.CREDITCARD: unknown entity 'CREDITCARD' (known: ACCOUNT_BALANCE, CREDIT_CARD, "),
    ("field entity", _set("routes", 0, "fields", "**.ssn", value="SSN"),
     "routes[0].fields.**.ssn: unknown entity 'SSN' (known: ACCOUNT_BALANCE, CREDIT_CARD, "),
    ("secret entity", _set("secrets", value=["SEED"]),
     "secrets[0]: unknown entity 'SEED' (known: ACCOUNT_BALANCE, CREDIT_CARD, "),
    ("secret in clear", _secret_in_clear,
     "roles.fraud.reveal.CRYPTO: a secret is never revealed in clear ('clear'; allowed: ['hidden', 'last4'])"),
    ("entity case", _set("entities", value=["account_balance"]),
     "entities[0]: entity names are UPPER_SNAKE_CASE ('account_balance')"),
    # mask specs
    ("bad style", _set("masks", "hidden", "style", value="blur"),
     "masks.hidden.style: Input should be 'redact', 'replace', 'partial', 'token' or 'drop' ('blur')"),
    ("keep 0", _set("masks", "last4", "keep", value=0),
     "masks.last4.keep: Input should be greater than or equal to 1 (0)"),
    ("keep 9", _set("masks", "last4", "keep", value=9), "masks.last4.keep: Input should be less than or equal to 8 (9)"),
    ("keep text", _set("masks", "last4", "keep", value="four"), "masks.last4.keep: Input should be a valid integer"),
    ("no style", _delete("masks", "hidden", "style"), "masks.hidden.style: Field required"),
    # bindings
    ("binding", _set("bindings", "ops", value="admin"), "bindings.ops: unknown role 'admin' (known: fraud, tier1)"),
    # roles
    ("reserved role", _set("roles", NO_ROLE, value={}), f"roles.{NO_ROLE}: reserved role name"),
    ("null reveal", _set("roles", "tier1", "reveal", "PERSON", value=None),
     "roles.tier1.reveal.PERSON: Input should be a valid string (None)"),
    # routes
    ("route name", _set("routes", 0, "name", value="Users Get"),
     "routes[0].name: String should match pattern '^[a-z0-9][a-z0-9_.-]{0,62}$' ('Users Get')"),
    ("route name empty", _set("routes", 0, "name", value=""), "routes[0].name: String should match pattern"),
    ("route path", _set("routes", 0, "path", value="api/users"),
     "routes[0].path: String should match pattern '^/' ('api/users')"),
    ("method", _set("routes", 0, "methods", value=["GET", "FETCH"]),
     "routes[0].methods: unknown method 'FETCH' (allowed: DELETE, GET, HEAD, PATCH, POST, PUT)"),
    ("field path", _set("routes", 0, "fields", "users[x].email", value="EMAIL_ADDRESS"),
     "routes[0].fields.users[x].email: invalid path 'users[x].email' (use keys, [*], [N], * and ** joined by dots)"),
    ("record path", _set("routes", 0, "records", 0, "path", value="users[*"),
     "routes[0].records[0].path: invalid path 'users[*'"),
    ("record id", _delete("routes", 0, "records", 0, "id"), "routes[0].records[0].id: Field required"),
    ("duplicate route", _duplicate_route, "routes[1].name: duplicate route name ('users.get')"),
    # top-level values
    ("version", _set("version", value=2), "version: Input should be 1 (2)"),
    ("no masks", _delete("masks"), "masks: Field required"),
    ("masks list", _set("masks", value=["hidden"]), "masks: Input should be a valid dictionary"),
    ("threshold", _set("detection", value={"score_threshold": 1.5}),
     "detection.score_threshold: Input should be less than or equal to 1 (1.5)"),
    ("static", _set("static", value="/console"), "static: Input should be a valid list ('/console')"),
    ("canary contact", _set("canary_contacts", value=["leak.canary@example.com", "ext 12"]),
     "canary_contacts[1]: not an e-mail address or a phone number (7 to 15 digits) ('ext 12')"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("mutate", "expected"), [(m, e) for _, m, e in BROKEN], ids=[i for i, _, _ in BROKEN]
)
def test_broken_policy(tmp_path: Path, mutate: Mutation, expected: str) -> None:
    policy = copy.deepcopy(MINIMAL)
    mutate(policy)
    file = write_policy(tmp_path, policy)
    [line] = problems_of(tmp_path)
    assert line.startswith(f"{file}: {expected}"), line


def test_several_validation_problems_are_reported_together(tmp_path: Path) -> None:
    policy = copy.deepcopy(MINIMAL)
    policy["colour"] = "blue"
    policy["masks"]["hidden"]["style"] = "blur"
    policy["routes"][0]["path"] = "no-slash"
    file = write_policy(tmp_path, policy)
    problems = problems_of(tmp_path)
    assert sorted(problems) == sorted(
        [
            f"{file}: colour: unknown key",
            f"{file}: masks.hidden.style: Input should be 'redact', 'replace', 'partial', 'token' or 'drop' ('blur')",
            f"{file}: routes[0].path: String should match pattern '^/' ('no-slash')",
        ]
    )


def test_several_reference_problems_are_reported_together(tmp_path: Path) -> None:
    policy = copy.deepcopy(MINIMAL)
    policy["roles"]["tier1"]["reveal"]["CREDIT_CARD"] = "last_4"
    policy["roles"]["tier1"]["reveal"]["NOT_AN_ENTITY"] = "nope"
    policy["bindings"]["ops"] = "admin"
    _duplicate_route(policy)
    file = write_policy(tmp_path, policy)
    problems = problems_of(tmp_path)
    assert len(problems) == 5
    assert (
        f"{file}: roles.tier1.reveal.CREDIT_CARD: unknown mask 'last_4' (known: clear, hidden, last4)"
        in problems
    )
    assert any(
        p.startswith(f"{file}: roles.tier1.reveal.NOT_AN_ENTITY: unknown entity 'NOT_AN_ENTITY'")
        for p in problems
    )
    assert (
        f"{file}: roles.tier1.reveal.NOT_AN_ENTITY: unknown mask 'nope' (known: clear, hidden, last4)"
        in problems
    )
    assert f"{file}: bindings.ops: unknown role 'admin' (known: fraud, tier1)" in problems
    assert f"{file}: routes[1].name: duplicate route name ('users.get')" in problems


def test_unknown_entity_lists_every_known_entity(tmp_path: Path) -> None:
    policy = copy.deepcopy(MINIMAL)
    policy["roles"]["tier1"]["reveal"]["SSN"] = "last4"
    write_policy(tmp_path, policy)
    [line] = problems_of(tmp_path)
    known = line.split("(known: ", 1)[1].rstrip(")").split(", ")
    assert known == sorted(ENTITIES | {"ACCOUNT_BALANCE"})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # invalid YAML names the line
        (
            "version: 1\nmasks:\n  hidden: {style: redact\nroles: {}\n",
            "line 4: invalid YAML (expected ',' or '}'",
        ),
        ("version: 1\nmasks: [\n", "line 3: invalid YAML (expected the node content"),
        (
            "version: 1\n\tmasks: {}\n",
            "line 2: invalid YAML (found character '\\t' that cannot start any token)",
        ),
        ("a: b: c\n", "line 1: invalid YAML (mapping values are not allowed here)"),
        # not a mapping
        ("- a\n- b\n", "(top): expected a mapping (list)"),
        ("just text\n", "(top): expected a mapping (str)"),
        ("", "(top): expected a mapping (NoneType)"),
        ("42\n", "(top): expected a mapping (int)"),
    ],
)
def test_unreadable_policy(tmp_path: Path, text: str, expected: str) -> None:
    file = write_policy(tmp_path, text)
    [line] = problems_of(tmp_path)
    assert line.startswith(f"{file}: {expected}"), line


def test_missing_file(tmp_path: Path) -> None:
    assert problems_of(tmp_path) == [f"{tmp_path / 'policy.yaml'}: cannot read (No such file or directory)"]


def test_policy_path_is_a_directory(tmp_path: Path) -> None:
    (tmp_path / "policy.yaml").mkdir()
    [line] = problems_of(tmp_path)
    assert line.startswith(f"{tmp_path / 'policy.yaml'}: cannot read (")


def test_policy_with_no_masks_and_no_roles_is_a_rules_error(tmp_path: Path) -> None:
    # Nothing references a mask, so cross-checks pass; the no-role role still needs one.
    write_policy(tmp_path, {"masks": {}, "roles": {}})
    [line] = problems_of(tmp_path)
    assert line.startswith(f"{tmp_path / 'policy.yaml'}: masks: ")


@pytest.mark.parametrize(
    "text",
    [
        # a second role of the same name silently replaces the first (here: with clear for all)
        "masks: {hidden: {style: redact}}\n"
        "roles:\n  tier1: {default: hidden}\n  tier1: {default: hidden, reveal: {'*': clear}}\n",
        # a second reveal for the same entity silently wins
        "masks: {hidden: {style: redact}, last4: {style: partial}}\n"
        "roles:\n  tier1:\n    reveal:\n      CREDIT_CARD: last4\n      CREDIT_CARD: clear\n",
    ],
    ids=["duplicate role", "duplicate reveal"],
)
def test_duplicate_yaml_keys_are_problems(tmp_path: Path, text: str) -> None:
    write_policy(tmp_path, text)
    [line] = problems_of(tmp_path)
    assert "duplicate" in line
    assert "tier1" in line or "CREDIT_CARD" in line


# --------------------------------------------------------------------------------------------
# Roles: least privilege
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("groups", "role"),
    [
        # bound groups
        (["support-frontline"], "tier1"),
        (["bpo-frontline"], "tier1"),
        (["support-inhouse"], "tier2"),
        (["fraud-investigations"], "fraud"),
        # a group named like a role grants it
        (["tier2"], "tier2"),
        # unknown groups are skipped; the policy's first binding decides, whatever the token's order
        (["everyone", "support-frontline"], "tier1"),
        (["support-frontline", "fraud-investigations"], "tier1"),
        (["fraud-investigations", "support-frontline"], "tier1"),
        (["fraud-investigations", "support-inhouse"], "tier2"),
        # bindings before role names; role names in the policy's order
        (["fraud", "support-inhouse"], "tier2"),
        (["fraud", "tier1"], "tier1"),
        # nothing bound: the no-role role
        ([], NO_ROLE),
        (["everyone", "admins"], NO_ROLE),
        (["Support-Frontline"], NO_ROLE),
        (["tier1 "], NO_ROLE),
    ],
)
def test_role_for_groups(shipped: Rules, groups: list[str], role: str) -> None:
    assert shipped.role_for_groups(groups) == role


@pytest.mark.parametrize("name", ["", "admin", "Tier1", "support-frontline", NO_ROLE])
def test_unknown_role_is_least_privilege(shipped: Rules, name: str) -> None:
    role = shipped.role(name)
    assert role.name == NO_ROLE
    for entity in sorted(shipped.entities):
        assert role.mask_for(entity) == "hidden"


def test_known_role(shipped: Rules) -> None:
    assert shipped.role("tier2") is shipped.roles["tier2"]


@pytest.mark.parametrize(
    ("masks", "strictest"),
    [
        ({"a": {"style": "partial"}, "b": {"style": "token"}, "c": {"style": "replace"}}, "c"),
        ({"a": {"style": "drop"}, "b": {"style": "redact"}}, "b"),
        ({"z": {"style": "redact"}, "y": {"style": "redact"}}, "y"),
        ({"only": {"style": "partial", "keep": 2}}, "only"),
    ],
)
def test_no_role_gets_the_strictest_mask(tmp_path: Path, masks: dict[str, Any], strictest: str) -> None:
    write_policy(tmp_path, {"masks": masks, "roles": {}})
    assert load_rules(tmp_path, ENTITIES).roles[NO_ROLE].default == strictest


@pytest.mark.parametrize(
    ("reveal", "entity", "mask"),
    [
        ({"PERSON": "clear"}, "PERSON", "clear"),
        ({"PERSON": "clear"}, "EMAIL_ADDRESS", "dflt"),
        ({"*": "clear", "US_SSN": "last4"}, "US_SSN", "last4"),
        ({"*": "clear", "US_SSN": "last4"}, "PERSON", "clear"),
        ({}, "PERSON", "dflt"),
    ],
)
def test_mask_for(reveal: dict[str, str], entity: str, mask: str) -> None:
    assert Role("r", "dflt", reveal).mask_for(entity) == mask


# --------------------------------------------------------------------------------------------
# Globs, templates and paths
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("glob", "path", "expected"),
    [
        ("/console", "/console", True),
        ("/console", "/console/", False),
        ("/console", "/consoleX", False),
        ("/favicon.ico", "/faviconXico", False),
        ("/static/*.js", "/static/app.js", True),
        ("/static/*.js", "/static/.js", True),
        ("/static/*.js", "/static/a/b.js", False),
        ("/assets/**", "/assets/a/b/c.png", True),
        ("/assets/**", "/assets/", True),
        ("/assets/**", "/asset", False),
        ("/a+b(c)", "/a+b(c)", True),
        ("/a+b(c)", "/aab(c)", False),
    ],
)
def test_glob_to_regex(glob: str, path: str, expected: bool) -> None:
    assert bool(glob_to_regex(glob).match(path)) is expected


@pytest.mark.parametrize(
    ("template", "path", "expected"),
    [
        ("/api/v2/users/{id}", "/api/v2/users/42", True),
        ("/api/v2/users/{id}", "/api/v2/users/42/", True),
        ("/api/v2/users/{id}", "/api/v2/users/", False),
        ("/api/v2/users/{id}", "/api/v2/users/4/2", False),
        ("/api/v2/users/{id}/tickets", "/api/v2/users/x-1/tickets", True),
        ("/api/v2/users/{user_id}/tickets/{ticket}", "/api/v2/users/1/tickets/2", True),
        ("/api/v2/exports/users.csv", "/api/v2/exports/users.csv", True),
        ("/api/v2/exports/users.csv", "/api/v2/exports/usersXcsv", False),
        ("/files/**", "/files/a/b/c", True),
        ("/files/**", "/files/", True),
        ("/files/**", "/filesx", False),
        ("/a/{id}", "/a/{id}", True),
        ("/a/{id}", "/b/1", False),
        # a route's forms with a format suffix are the same route (Zendesk- and Rails-style APIs)
        ("/api/v2/users", "/api/v2/users.json", True),
        ("/api/v2/users/{id}", "/api/v2/users/42.json", True),
        ("/api/v2/users", "/api/v2/users.xml", True),
        ("/api/v2/users", "/api/v2/users.jsonp", False),
        ("/api/v2/users", "/api/v2/users.json.json", False),
    ],
)
def test_template_to_regex(template: str, path: str, expected: bool) -> None:
    assert bool(template_to_regex(template).match(path)) is expected


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("email", ("email",)),
        ("users[*].email", ("users", "[*]", "email")),
        ("users[12].email", ("users", "[12]", "email")),
        ("**.ssn", ("**", "ssn")),
        ("*.id", ("*", "id")),
        ("[*]", ("[*]",)),
        ("[*].name", ("[*]", "name")),
        ("a.b.c", ("a", "b", "c")),
        ("matrix[*][*]", ("matrix", "[*]", "[*]")),
    ],
)
def test_parse_path(text: str, tokens: tuple[str, ...]) -> None:
    assert parse_path(text) == tokens


@pytest.mark.parametrize("text", ["", "a[x]", "users[*.email", "a]", "a[-1]", "[]", "["])
def test_parse_path_refuses(text: str) -> None:
    with pytest.raises(ValueError, match=re.escape(f"invalid path {text!r}")):
        parse_path(text)


def test_assignment_rules_name_their_closed_statuses(tmp_path: Path, shipped: Rules) -> None:
    # The default closed statuses are words; a CRM that writes them as numbers names its own.
    [default] = {a.closed for r in shipped.routes for a in r.assignments}
    assert {"solved", "closed"} <= default
    policy = copy.deepcopy(MINIMAL)
    policy["routes"][0]["assignments"] = [{"path": "ticket", "closed": [4, 5, "Closed"]}]
    write_policy(tmp_path, policy)
    [rule] = load_rules(tmp_path, ENTITIES).routes[0].assignments
    assert rule.closed == frozenset({"4", "5", "closed"}) and rule.status_key == "status"
