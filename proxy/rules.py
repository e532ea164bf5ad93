"""Load and validate `policy.yaml`: roles, reveals, mask styles, routes, field and record rules.

Validation happens once, at the boundary, with pydantic (unknown keys are errors); cross references
(mask names, entity names, roles) are checked afterwards. Every problem becomes one line
`file: yaml.path: problem (bad value; allowed values)`, and all of them are reported together.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, field_validator

from proxy.errors import RulesError

POLICY_FILE = "policy.yaml"
RECOGNIZERS_FILE = "recognizers.yaml"
CLEAR = "clear"  # the reveal value that shows an entity unmasked
ANY_ENTITY = "*"
NO_ROLE = "_none"  # role of a verified agent whose groups bind to no role: everything masked
ENTITY_NAME = re.compile(r"^[A-Z][A-Z0-9_]*$")
_PATH_TOKEN = re.compile(r"\[\*\]|\[\d+\]|\*\*|\*|[^.\[\]]+")

MaskStyle = Literal["redact", "replace", "partial", "token", "drop"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class MaskSpec(_Strict):
    """A named mask: a style and its parameters (`keep` = visible trailing characters for partial)."""

    style: MaskStyle
    keep: Annotated[int, Field(ge=1, le=8)] = 4


_DURATION = re.compile(r"^(\d{1,6})([smhd])$")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
WINDOW_NAMES = ("1h", "24h", "7d")


def parse_duration(text: str) -> float:
    """`90s`, `30m`, `8h`, `7d` → seconds."""
    match = _DURATION.match(text)
    if match is None:
        raise ValueError("invalid duration, use a number and s, m, h or d (30m, 8h, 7d)")
    return float(int(match.group(1)) * _UNIT_SECONDS[match.group(2)])


def _valid_duration(value: str) -> str:
    parse_duration(value)
    return value


Duration = Annotated[str, AfterValidator(_valid_duration)]


def contact_kind(value: str) -> str:
    """`email` or `phone`: what a canary's contact value is (as leak attribution reads them)."""
    if re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value):
        return "email"
    if re.fullmatch(r"\+?[\d\s().\-/]+", value) and 7 <= sum(map(str.isdigit, value)) <= 15:
        return "phone"
    raise ValueError("not an e-mail address or a phone number (7 to 15 digits)")


def _valid_contact(value: str) -> str:
    contact_kind(value)
    return value


Contact = Annotated[str, AfterValidator(_valid_contact)]


class QuotaSpec(_Strict):
    """Distinct ticketless customers per agent in a window: alert, then ask why, then stop."""

    window: Literal["1h", "24h", "7d"] = "24h"
    soft: Annotated[int, Field(ge=1)]
    justify: Annotated[int, Field(ge=1)] | None = None
    hard: Annotated[int, Field(ge=1)] | None = None
    # Distinct e-mails and phones served in clear outside customer records (routes without record
    # rules, comments): beyond this, such responses are withheld.
    contacts: Annotated[int, Field(ge=1)] | None = None
    # Distinct customers on tickets assigned to the agent: the CRM's assignee is what an agent who
    # can assign tickets to themselves controls, so beyond this, new ones are withheld.
    assigned: Annotated[int, Field(ge=1)] | None = None
    # Requests to routes declared `search: true`: each search is a probe of what the mask hides.
    searches: Annotated[int, Field(ge=1)] | None = None


class BreakGlassSpec(_Strict):
    """Full reveal of one customer on request, with a reason, from a small budget per shift."""

    budget: Annotated[int, Field(ge=1, le=100)] = 3
    shift: Duration = "8h"


class RoleSpec(_Strict):
    """A role: additive reveals per entity; anything not revealed gets `default`.

    `reveal_assigned` adds grants only for customers on tickets assigned to the agent.
    """

    description: str = ""
    default: str = "hidden"
    reveal: dict[str, str] = Field(default_factory=dict)
    reveal_assigned: dict[str, str] = Field(default_factory=dict)
    quota: QuotaSpec | None = None
    break_glass: BreakGlassSpec | None = None


class RecordSpec(_Strict):
    """Which objects in a response are customer records, and where their id is."""

    path: str
    id: str
    type: str = "customer"
    # Only objects with these values (`{author: customer}`: a CRM's agents write comments too).
    when: dict[str, str | int | bool] = Field(default_factory=dict)


CLOSED_STATUSES: tuple[str | int, ...] = (
    "solved",
    "closed",
    "resolved",
    "done",
    "archived",
    "deleted",
    "spam",
)


class AssignmentSpec(_Strict):
    """Objects (e.g. tickets) that name an assignee agent and a requester customer."""

    path: str
    assignee: str = "assignee_id"
    requester: str = "requester_id"
    # A ticket whose status is one of these is no longer its assignee's work and assigns nothing
    # (Freshdesk writes statuses as numbers: `closed: [4, 5]`).
    status: str = "status"
    closed: list[str | int] = Field(default_factory=lambda: list(CLOSED_STATUSES))


class AssignmentsSpec(_Strict):
    """How long a learned ticket assignment grants need-to-know reveal."""

    ttl: Duration = "12h"


class RouteSpec(_Strict):
    """A declared CRM endpoint: method + path template, content types, field and record rules."""

    name: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_.-]{0,62}$")]
    path: Annotated[str, Field(pattern=r"^/")]
    methods: list[str] = Field(default_factory=lambda: ["GET"])
    content_types: list[str] = Field(
        default_factory=lambda: ["application/json", "text/html", "text/csv", "text/plain"]
    )
    fields: dict[str, str] = Field(default_factory=dict)
    records: list[RecordSpec] = Field(default_factory=list)
    assignments: list[AssignmentSpec] = Field(default_factory=list)
    search: bool = False  # it answers search terms: every request is counted as a search

    @field_validator("methods")
    @classmethod
    def _methods_upper(cls, value: list[str]) -> list[str]:
        allowed = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"}
        for method in value:
            if method.upper() not in allowed:
                raise ValueError(f"unknown method {method!r} (allowed: {', '.join(sorted(allowed))})")
        return [m.upper() for m in value]


class DetectionSpec(_Strict):
    """Analyzer settings that belong to the policy rather than to the deployment."""

    score_threshold: Annotated[float, Field(ge=0.0, le=1.0)] = 0.5
    scan_keys: bool = True
    # Field names that say what a value is on any route, declared or not (e.g. a lone surname,
    # which no recognizer can tell from a word): normalised name → entity.
    field_hints: dict[str, str] = Field(default_factory=dict)


class PolicySpec(_Strict):
    """The whole `policy.yaml`. Top-level `x-…` keys are free (YAML anchors live there)."""

    version: Literal[1] = 1
    entities: list[str] = Field(default_factory=list)
    masks: Annotated[dict[str, MaskSpec], Field(min_length=1)]
    roles: dict[str, RoleSpec]
    bindings: dict[str, str] = Field(default_factory=dict)
    detection: DetectionSpec = DetectionSpec()
    static: list[str] = Field(default_factory=list)
    routes: list[RouteSpec] = Field(default_factory=list)
    assignments: AssignmentsSpec = AssignmentsSpec()
    canaries: list[str] = Field(default_factory=list)
    # The canaries' e-mails and phones: a canary read where no record rule names it (an undeclared
    # route, a comment) is a contact, known only by these.
    canary_contacts: list[Contact] = Field(default_factory=list)
    # Entities no role sees in clear, whatever it reveals (`"*"` included) and under break-glass
    # too: a seed phrase or a private key is the customer's wallet itself, not information about it.
    secrets: list[str] = Field(default_factory=list)


@dataclass(frozen=True, slots=True)
class FieldRule:
    """A compiled field rule: a path pattern and the entity its values are."""

    pattern: tuple[str, ...]
    entity: str


@dataclass(frozen=True, slots=True)
class RecordRule:
    """A compiled record rule."""

    pattern: tuple[str, ...]
    id_key: str
    record_type: str
    when: tuple[tuple[str, str | int | bool], ...] = ()


@dataclass(frozen=True, slots=True)
class AssignmentRule:
    """A compiled assignment rule."""

    pattern: tuple[str, ...]
    assignee_key: str
    requester_key: str
    status_key: str = "status"
    closed: frozenset[str] = frozenset()  # statuses, lower-cased, of tickets that assign nothing


@dataclass(frozen=True, slots=True)
class Route:
    """A compiled route."""

    name: str
    methods: frozenset[str]
    path: re.Pattern[str]
    content_types: frozenset[str]
    fields: tuple[FieldRule, ...]
    records: tuple[RecordRule, ...]
    assignments: tuple[AssignmentRule, ...] = ()
    search: bool = False
    # path shape → (entity, how many parts of the path lie below the rule's), filled by classify as
    # responses arrive (a route lives as long as its rules)
    shapes: dict[tuple[str | int, ...], tuple[str, int] | None] = field(
        default_factory=dict, compare=False, hash=False
    )


@dataclass(frozen=True, slots=True)
class Quota:
    """A compiled quota: limits on distinct ticketless customers in `window`, and on clear contacts,
    assigned customers and searches in the same window."""

    window: str
    soft: int
    justify: int | None
    hard: int | None
    contacts: int | None = None
    assigned: int | None = None
    searches: int | None = None


@dataclass(frozen=True, slots=True)
class BreakGlass:
    """A compiled break-glass budget."""

    budget: int
    shift_seconds: float


@dataclass(frozen=True, slots=True)
class Role:
    """A compiled role: entity → mask name (`clear` reveals); `default` for everything else."""

    name: str
    default: str
    reveal: dict[str, str]
    reveal_assigned: dict[str, str] = field(default_factory=dict)
    quota: Quota | None = None
    break_glass: BreakGlass | None = None
    secrets: frozenset[str] = frozenset()  # in `reveal` with a mask, never `clear` (checked at load)

    def mask_for(self, entity: str) -> str:
        return self.reveal.get(entity, self.reveal.get(ANY_ENTITY, self.default))

    def for_assigned(self) -> Role:
        """This role's view of a customer on one of the agent's own tickets."""
        if not self.reveal_assigned:
            return self
        return Role(self.name, self.default, {**self.reveal, **self.reveal_assigned}, secrets=self.secrets)

    def break_glass_view(self) -> Role:
        """Everything in clear but secrets: one customer, with a reason, from the shift's budget."""
        kept = {entity: self.mask_for(entity) for entity in self.secrets}
        return Role(self.name, self.default, {ANY_ENTITY: CLEAR, **kept}, secrets=self.secrets)


@dataclass(frozen=True, slots=True)
class Rules:
    """The validated, compiled rule set that the pipeline reads (never mutated; swapped whole)."""

    version: str  # content hash, shown on the status page and in audit lines
    masks: dict[str, MaskSpec]
    roles: dict[str, Role]
    bindings: dict[str, str]
    static: tuple[re.Pattern[str], ...]
    routes: tuple[Route, ...]
    entities: frozenset[str]  # every entity a field rule or a recognizer can produce
    score_threshold: float
    scan_keys: bool
    source_dir: Path
    assignment_ttl: float = 12 * 3600.0
    canaries: frozenset[str] = frozenset()
    canary_contacts: tuple[tuple[str, str], ...] = ()  # (kind, value)
    field_hints: dict[str, str] = field(default_factory=dict)

    def role(self, name: str) -> Role:
        """The named role, or the no-role role that masks everything (unknown role = least privilege)."""
        return self.roles.get(name) or self.roles[NO_ROLE]

    def role_for_groups(self, groups: Iterable[str]) -> str:
        """The role of the policy's first binding whose group the agent has, else the first role
        (in the policy's order) named as one of its groups, else the no-role role. The policy says
        which of several roles wins: identity providers do not promise any order of groups."""
        held = set(groups)
        for group, role in self.bindings.items():
            if group in held:
                return role
        return next((name for name in self.roles if name in held), NO_ROLE)


@functools.lru_cache(maxsize=8192)  # field names repeat in every record of every response
def hint_key(name: str) -> str:
    """`Last_Name`, `lastName`, `last-name` → `lastname`."""
    return "".join(ch for ch in name.lower() if ch.isalnum())


def parse_path(text: str) -> tuple[str, ...]:
    """`users[*].email` → ('users', '[*]', 'email'). Raises ValueError on an empty or odd path."""
    tokens = tuple(_PATH_TOKEN.findall(text))
    if not tokens or "".join(tokens).replace(".", "") != text.replace(".", ""):
        raise ValueError(f"invalid path {text!r} (use keys, [*], [N], * and ** joined by dots)")
    return tokens


def glob_to_regex(glob: str) -> re.Pattern[str]:
    """Static asset globs: `*` stays within a path segment, `**` crosses segments."""
    out = []
    for piece in re.split(r"(\*\*|\*)", glob):
        out.append(".*" if piece == "**" else "[^/]*" if piece == "*" else re.escape(piece))
    return re.compile("^" + "".join(out) + "$")


def template_to_regex(template: str) -> re.Pattern[str]:
    """Route templates: `/api/v2/users/{id}` matches one segment per `{name}`; `**` any rest.

    A template also matches its forms with a format suffix (`/api/v2/users.json`, `.xml`, `.csv`):
    Zendesk- and Rails-style APIs serve them all, and a suffix must not turn a declared route into
    an undeclared one (no field rules, no counts), nor `search.xml` into a record id.
    Case-insensitive for the same reason: some servers (IIS, many Windows-hosted CRMs) are."""
    out = []
    for piece in re.split(r"(\{[^/{}]+\}|\*\*)", template):
        if piece == "**":
            out.append(".*")
        elif piece.startswith("{"):
            out.append("[^/]+")
        else:
            out.append(re.escape(piece))
    return re.compile("^" + "".join(out) + r"(?:\.(?:json|xml|csv|txt|html?))?/?$", re.IGNORECASE)


class _UniqueKeyLoader(yaml.SafeLoader):
    """SafeLoader that refuses duplicate mapping keys: with plain YAML the last one silently wins,
    so a second `tier1:` could grant everything without anyone noticing."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _format_loc(loc: Iterable[Any]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top)"


def _validation_problems(file: str, err: ValidationError) -> list[str]:
    problems = []
    for item in err.errors():
        msg = item["msg"].removeprefix("Value error, ")
        bad = item.get("input")
        shown = "" if isinstance(bad, dict | list) else f" ({bad!r})"
        if item["type"] == "extra_forbidden":
            msg, shown = "unknown key", ""
        problems.append(f"{file}: {_format_loc(item['loc'])}: {msg}{shown}")
    return problems


def _cross_check(file: str, spec: PolicySpec, entities: frozenset[str]) -> list[str]:
    problems = []
    masks = sorted(spec.masks)
    reveal_values = sorted([CLEAR, *masks])
    known_entities = sorted(entities)

    def unknown(what: str, value: str, allowed: list[str]) -> str:
        return f"unknown {what} {value!r} (known: {', '.join(allowed)})"

    for name, role in spec.roles.items():
        if role.default not in spec.masks:
            problems.append(f"{file}: roles.{name}.default: {unknown('mask', role.default, masks)}")
        reveals = [("reveal", e, m) for e, m in role.reveal.items()]
        reveals += [("reveal_assigned", e, m) for e, m in role.reveal_assigned.items()]
        if role.quota is not None:
            q = role.quota
            limits = [x for x in (q.soft, q.justify, q.hard) if x is not None]
            if limits != sorted(limits):
                problems.append(
                    f"{file}: roles.{name}.quota: limits must grow soft <= justify <= hard ({limits})"
                )
        for key, entity, mask in reveals:
            loc = f"{file}: roles.{name}.{key}.{entity}"
            if entity != ANY_ENTITY and entity not in entities:
                problems.append(f"{loc}: {unknown('entity', entity, known_entities)}")
            if mask not in reveal_values:
                problems.append(f"{loc}: {unknown('mask', mask, reveal_values)}")
            if mask == CLEAR and entity in spec.secrets:
                problems.append(f"{loc}: a secret is never revealed in clear ({mask!r}; allowed: {masks})")
    for group, role_name in spec.bindings.items():
        if role_name not in spec.roles:
            problems.append(f"{file}: bindings.{group}: {unknown('role', role_name, sorted(spec.roles))}")
    seen: set[str] = set()
    for i, route in enumerate(spec.routes):
        if route.name in seen:
            problems.append(f"{file}: routes[{i}].name: duplicate route name ({route.name!r})")
        seen.add(route.name)
        for path, entity in route.fields.items():
            loc = f"{file}: routes[{i}].fields.{path}"
            if entity not in entities:
                problems.append(f"{loc}: {unknown('entity', entity, known_entities)}")
            try:
                parse_path(path)
            except ValueError as err:
                problems.append(f"{loc}: {err}")
        for j, rec in enumerate(route.records):
            try:
                parse_path(rec.path)
            except ValueError as err:
                problems.append(f"{file}: routes[{i}].records[{j}].path: {err}")
        for j, assignment in enumerate(route.assignments):
            try:
                parse_path(assignment.path)
            except ValueError as err:
                problems.append(f"{file}: routes[{i}].assignments[{j}].path: {err}")
    for name, entity in spec.detection.field_hints.items():
        if entity not in entities:
            problems.append(
                f"{file}: detection.field_hints.{name}: {unknown('entity', entity, known_entities)}"
            )
    for i, entity in enumerate(spec.secrets):
        if entity not in entities:
            problems.append(f"{file}: secrets[{i}]: {unknown('entity', entity, known_entities)}")
    for i, entity in enumerate(spec.entities):
        if not ENTITY_NAME.match(entity):
            problems.append(f"{file}: entities[{i}]: entity names are UPPER_SNAKE_CASE ({entity!r})")
    if NO_ROLE in spec.roles:
        problems.append(f"{file}: roles.{NO_ROLE}: reserved role name")
    return problems


def _compile(spec: PolicySpec, entities: frozenset[str], version: str, source: Path) -> Rules:
    secrets = frozenset(spec.secrets)
    roles = {
        name: Role(
            name,
            r.default,
            # A secret the role does not name gets its default mask, not what `"*"` grants.
            {**{e: r.default for e in secrets}, **r.reveal},
            dict(r.reveal_assigned),
            Quota(
                r.quota.window,
                r.quota.soft,
                r.quota.justify,
                r.quota.hard,
                r.quota.contacts,
                r.quota.assigned,
                r.quota.searches,
            )
            if r.quota
            else None,
            BreakGlass(r.break_glass.budget, parse_duration(r.break_glass.shift)) if r.break_glass else None,
            secrets,
        )
        for name, r in spec.roles.items()
    }
    # Least privilege for agents with no bound role: every entity gets the most opaque mask.
    roles[NO_ROLE] = Role(NO_ROLE, _strictest_mask(spec.masks), {})
    routes = tuple(
        Route(
            name=r.name,
            methods=frozenset(r.methods),
            path=template_to_regex(r.path),
            content_types=frozenset(ct.lower() for ct in r.content_types),
            fields=tuple(FieldRule(parse_path(p), e) for p, e in r.fields.items()),
            records=tuple(
                RecordRule(parse_path(x.path), x.id, x.type, tuple(x.when.items())) for x in r.records
            ),
            assignments=tuple(
                AssignmentRule(
                    parse_path(a.path),
                    a.assignee,
                    a.requester,
                    a.status,
                    frozenset(str(c).lower() for c in a.closed),
                )
                for a in r.assignments
            ),
            search=r.search,
        )
        for r in spec.routes
    )
    return Rules(
        version=version,
        masks=dict(spec.masks),
        roles=roles,
        bindings=dict(spec.bindings),
        static=tuple(glob_to_regex(g) for g in spec.static),
        routes=routes,
        entities=entities,
        score_threshold=spec.detection.score_threshold,
        scan_keys=spec.detection.scan_keys,
        source_dir=source,
        assignment_ttl=parse_duration(spec.assignments.ttl),
        field_hints={hint_key(k): v for k, v in spec.detection.field_hints.items()},
        canaries=frozenset(spec.canaries),
        canary_contacts=tuple((contact_kind(c), c) for c in spec.canary_contacts),
    )


def _strictest_mask(masks: dict[str, MaskSpec]) -> str:
    order = {"redact": 0, "drop": 1, "replace": 2, "token": 3, "partial": 4}
    return min(masks, key=lambda name: (order[masks[name].style], name))


def load_rules(directory: Path, recognizer_entities: frozenset[str]) -> Rules:
    """Read, validate and compile `directory/policy.yaml`. Raises RulesError listing every problem."""
    path = directory / POLICY_FILE
    file = str(path)
    try:
        raw_bytes = path.read_bytes()
        raw = yaml.load(raw_bytes, Loader=_UniqueKeyLoader)  # noqa: S506 (a SafeLoader subclass)
    except OSError as err:
        raise RulesError([f"{file}: cannot read ({err.strerror})"]) from err
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else "(top)"
        raise RulesError([f"{file}: {where}: invalid YAML ({getattr(err, 'problem', err)})"]) from err
    if not isinstance(raw, dict):
        raise RulesError([f"{file}: (top): expected a mapping ({type(raw).__name__})"])
    raw = {k: v for k, v in raw.items() if not (isinstance(k, str) and k.startswith("x-"))}
    try:
        spec = PolicySpec.model_validate(raw)
    except ValidationError as err:
        raise RulesError(_validation_problems(file, err)) from err
    entities = recognizer_entities | frozenset(spec.entities)
    problems = _cross_check(file, spec, entities)
    if problems:
        raise RulesError(problems)
    recognizers = directory / RECOGNIZERS_FILE
    digest = hashlib.sha256(raw_bytes)
    if recognizers.exists():
        digest.update(recognizers.read_bytes())
    return _compile(spec, entities, digest.hexdigest()[:12], directory)
