"""`scrim attribute`: rank the agents whose view history best explains a leaked list.

A fraud team receives a list of customers (CSV or plain text of e-mails, phone numbers or customer
ids). Each value is hashed with `proxy.evidence.match_hash` under the audit key, and matched against
the `keys` that every audit record carries for the customers it served — so neither the audit trail
nor this command ever needs the raw values, and nothing printed here contains one (customer record
ids, row numbers and hash prefixes only). E-mails and phones served outside any customer record (in
a comment, on an undeclared route) are `contact` records with one key each: such a contact is the
customer its leaked row matches elsewhere in the trail, else that row's own person (`row N`).

Inputs. Audit paths are files, or directories searched with their subdirectories (one per replica)
for `*.jsonl` logs and their rotated files. The leaked list is CSV (any common delimiter; with a
header, id-named columns — id, customer_id, user_id, … — give ids and e-mail/phone columns their kind;
without one, whatever looks like an e-mail or a phone number) or text with one value per line (a
digits-only value is tried both as a phone number and as an id). Without SCRIM_AUDIT_KEY, or without
usable inputs, the command exits 2 with a message naming the problem.

The audit trail is queried with DuckDB straight from the JSONL files (current and rotated), with an
explicit schema so that old lines missing newer fields still load and torn lines are skipped; the
queries aggregate in SQL, so a year of logs fits on one machine and the same SQL runs on a warehouse.

Scoring, per leaked customer (a customer record matched by any value of any leaked row; rows for the
same customer merge, rows that match nobody stay in the leak's size as unexplained):

- strength of an agent for that customer:
  1.0  the agent was served one of the leaked e-mail/phone values **in clear** at least once (the
       record's `clear` field names include an e-mail field for an e-mail match — a name containing
       "mail" — or a phone field for a phone match; or the response was released unmasked in
       observe mode);
  0.25 the leaked row names the customer's id and the agent was served the customer (ids are not
       secret, so this is weaker evidence);
  0    the agent only ever saw the leaked values masked: they cannot have leaked that clear data.
- candidates: the agents at the customer's best strength (if anyone saw the leaked values in clear,
  only they can have leaked them; otherwise everyone who was served the customer's id);
- weight: strength / number of candidates, IDF-like — a customer that fifty agents saw explains
  little about any one of them, a customer only one agent ever saw in clear points at that agent.

An agent's score is the sum of the weights of the leaked customers they are a candidate for; agents
are ranked by score, then by the number of customers explained. The table adds what a reviewer needs
to judge a rank: how many customers the agent saw in clear overall (a harvester explains a large share
of the leak *and* saw many customers), when, how many of the explained customers were never on one of
their own tickets (ticketless share), the control events (canary, quota_*) raised for them, and the
first clear view of their top customers as evidence lines (seq and request id locate the audit line).
"""

from __future__ import annotations

import csv
import io
import os
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from proxy.audit import KEY_ENV, rotated_files
from proxy.errors import AttributionError
from proxy.evidence import match_hash

ID_WEIGHT = 0.25
EVIDENCE_PER_AGENT = 5
EMAIL, PHONE, ID = "email", "phone", "id"

_ROTATED = re.compile(r"^.+\.\d{8}T\d{6}\.\d+(?:-\d+)?$")

# Leaked values: what each looks like, and which column names say what a value is.
_EMAIL = re.compile(r"[^@\s,;<>\"']+@[^@\s,;<>\"']+\.[^@\s,;<>\"']+")
_PHONE = re.compile(r"\+?[\d\s().\-/]{7,30}")
_TOKEN = re.compile(r"[A-Za-z0-9_\-]{1,40}")
_MIN_PHONE_DIGITS, _MAX_PHONE_DIGITS = 7, 15
_ID_COLUMNS = re.compile(r"^(?:id|customer|customer_?id|user_?id|client_?id|account_?id|requester_?id)$")
_EMAIL_COLUMNS = re.compile(r"mail")
_PHONE_COLUMNS = re.compile(r"phone|mobile|cell|msisdn|^tel")
_COLUMN_NAME = re.compile(r"[A-Za-z][A-Za-z _\-.]{0,40}")
_HEADER_WORDS = re.compile(r"id|mail|phone|mobile|cell|tel|name|customer|user|client|account|address")


# -- the leaked list -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LeakedRow:
    """One leaked customer as received: its line number and the keyed hashes of its values."""

    line: int
    hashes: tuple[tuple[str, str], ...]  # (kind, match hash)


@dataclass(frozen=True, slots=True)
class Leak:
    """A parsed leaked list: rows with at least one usable value, and how many lines had none."""

    rows: tuple[LeakedRow, ...]
    skipped: int = 0


def _digits(value: str) -> int:
    return sum(ch.isdigit() for ch in value)


def classify_value(value: str, column: str | None) -> list[str]:
    """The kinds a leaked value may be (a digits-only value may be a phone number and an id).

    `column` is the value's CSV header (lower case); "" for a CSV without a header, where only
    e-mail and phone shapes count; None for a bare list, where short tokens are also taken as ids.
    Named columns decide: id columns give ids, e-mail and phone columns their kind.
    """
    value = value.strip()
    if not value:
        return []
    if column and _ID_COLUMNS.match(column):
        return [ID] if _TOKEN.fullmatch(value) else []
    phone = _MIN_PHONE_DIGITS <= _digits(value) <= _MAX_PHONE_DIGITS
    if column and _EMAIL_COLUMNS.search(column):
        return [EMAIL] if "@" in value else []
    if column and _PHONE_COLUMNS.search(column):
        return [PHONE] if phone else []
    if _EMAIL.fullmatch(value):
        return [EMAIL]
    kinds = [PHONE] if phone and _PHONE.fullmatch(value) else []
    if column is None and _TOKEN.fullmatch(value):
        kinds.append(ID)
    return kinds


def _is_header(cells: Sequence[str]) -> bool:
    """A first row of column names: words only (no values), at least one of them a known one."""
    names = [c.strip() for c in cells if c.strip()]
    if not all(_COLUMN_NAME.fullmatch(name) for name in names):
        return False
    return any(_HEADER_WORDS.search(name.lower()) for name in names)


def read_leaked(path: Path, key: bytes) -> Leak:
    """Parse a leaked list (CSV with or without a header, or one value per line) into hashed rows."""
    try:
        text = path.read_text(encoding="utf-8-sig", errors="replace")
    except OSError as err:
        raise AttributionError(f"{path}: cannot read the leaked list ({err.strerror})") from err
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        raise AttributionError(f"{path}: the leaked list is empty")
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff("\n".join(lines[:50]), ",;\t|")
    except csv.Error:
        dialect = csv.excel  # one value per line (or one column): no delimiter to find
    reader = csv.reader(io.StringIO(text), dialect)
    rows: list[LeakedRow] = []
    skipped = 0
    header: list[str] | None = None
    for cells in reader:
        if not any(c.strip() for c in cells):
            continue
        if header is None and not rows and not skipped and _is_header(cells):
            header = [c.strip().lower() for c in cells]
            continue
        hashes: set[tuple[str, str]] = set()
        for index, cell in enumerate(cells):
            column: str | None = None  # one value per line
            if header is not None:
                column = header[index] if index < len(header) else ""
            elif len(cells) > 1:
                column = ""
            hashes.update((kind, match_hash(key, kind, cell)) for kind in classify_value(cell, column))
        if hashes:
            rows.append(LeakedRow(reader.line_num, tuple(sorted(hashes))))
        else:
            skipped += 1
    if not rows:
        raise AttributionError(f"{path}: no e-mail, phone number or customer id found in the leaked list")
    return Leak(tuple(rows), skipped)


# -- the audit trail -------------------------------------------------------------------------------


def audit_files(paths: Sequence[Path]) -> list[Path]:
    """Files as given; directories searched (with their subdirectories, e.g. one per replica) for
    `*.jsonl` logs and their rotated files (`<name>.<UTC stamp>.<seq>`)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            for entry in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in entry.relative_to(path).parts)
                if hidden or not entry.is_file():
                    continue
                if entry.suffix == ".jsonl" or _ROTATED.match(entry.name):
                    found.append(entry)
                if entry.suffix == ".jsonl":
                    found.extend(rotated_files(entry))
        elif path.is_file():
            found.append(path)
        else:
            raise AttributionError(f"{path}: no such audit file or directory")
    unique = list(dict.fromkeys(p.resolve() for p in found))
    if not unique:
        raise AttributionError(f"{', '.join(map(str, paths))}: no audit logs (*.jsonl or rotated files)")
    return unique


@dataclass(frozen=True, slots=True)
class Evidence:
    """The first clear view (or first view, for an id-only match) of one explained customer."""

    customer: str
    time: str
    route: str
    clear: tuple[str, ...]
    assigned: bool
    seq: int | None
    request_id: str | None
    kinds: tuple[str, ...]  # the leaked values that matched: email, phone, id
    hash_prefix: str
    line: int  # of the leaked list
    weight: float


@dataclass(frozen=True, slots=True)
class AgentScore:
    """One agent's place in the ranking."""

    rank: int
    agent: str
    role: str | None
    score: float
    explained: int  # leaked customers this agent is a candidate for
    explained_clear: int  # of which seen with the leaked values in clear
    masked_only: int  # leaked customers this agent saw only masked (not counted)
    first_seen: str | None
    last_seen: str | None
    ticketless_share: float  # of explained customers, never on one of the agent's own tickets


@dataclass(frozen=True, slots=True)
class AgentDetail:
    """What the table prints under a top agent."""

    customers_clear: int  # distinct customers and contacts served with an e-mail or phone in clear
    events: dict[str, int]
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class Attribution:
    """The ranking and its context."""

    files: tuple[Path, ...]
    lines: int
    period: tuple[str | None, str | None]
    leak_rows: int
    leak_skipped: int
    matched_customers: int
    unmatched_rows: int
    ranking: tuple[AgentScore, ...]
    details: dict[str, AgentDetail] = field(default_factory=dict)

    @property
    def leak_size(self) -> int:
        """Leaked customers: those matched in the trail, plus rows that matched nobody."""
        return self.matched_customers + self.unmatched_rows

    def rank_of(self, agent: str) -> int | None:
        return next((s.rank for s in self.ranking if s.agent == agent), None)


# The audit trail as a table (explicit schema: old lines without newer fields load with NULLs, torn
# lines are skipped), and a test on a record's `clear` field names for each matchable kind (CRM field
# names, or entity names should an audit line ever list those).
_MACROS = """
CREATE TEMP MACRO audit_lines(files) AS TABLE
SELECT * FROM read_json(files, format = 'newline_delimited', ignore_errors = true, columns = {
    time: 'VARCHAR', request_id: 'VARCHAR', agent: 'VARCHAR', role: 'VARCHAR', route: 'VARCHAR',
    outcome: 'VARCHAR', seq: 'BIGINT', events: 'VARCHAR[]',
    records: 'STRUCT(type VARCHAR, id VARCHAR, assigned BOOLEAN, clear VARCHAR[], masked VARCHAR[],
                     keys VARCHAR[])[]'
});
CREATE TEMP MACRO served(outcome) AS outcome IN ('passed', 'masked', 'observed');
CREATE TEMP MACRO has_field(names, pattern) AS
    len(list_filter(names, lambda x: regexp_matches(lower(x), pattern))) > 0;
CREATE TEMP MACRO email_clear(names) AS has_field(names, 'mail');
CREATE TEMP MACRO phone_clear(names) AS has_field(names, 'phone|mobile|msisdn|^tel');
"""

_HITS = """
CREATE TEMP TABLE hits AS
WITH lines AS (
    SELECT agent, role, "time" AS t, route, seq, request_id, outcome, unnest(records) AS r
    FROM audit_lines($files)
    WHERE agent IS NOT NULL AND served(outcome) AND len(records) > 0
), keyed AS (
    SELECT agent, role, t, route, seq, request_id, outcome, r.type AS type, r.id AS record_id,
           coalesce(r.assigned, false) AS assigned, coalesce(r.clear, []) AS clear,
           unnest(coalesce(r.keys, [])) AS hash
    FROM lines
    WHERE r.type IN ('customer', 'contact')
), matched AS (
    SELECT k.*, l.line, l.kind FROM keyed AS k JOIN leaked AS l ON k.hash = l.hash
), owner AS (
    -- A contact (an e-mail or phone served outside any customer record) is the customer its
    -- leaked row matches elsewhere in the trail, else that row's own person.
    SELECT line, min(record_id) AS customer FROM matched WHERE type = 'customer' GROUP BY line
)
SELECT m.agent, m.role, m.t, m.route, m.seq, m.request_id,
       CASE WHEN m.type = 'customer' THEN m.record_id ELSE coalesce(o.customer, 'row ' || m.line) END
           AS customer,
       m.assigned, m.clear, m.line, m.kind, m.hash,
       CASE
           WHEN m.kind = 'id' THEN false
           WHEN m.outcome = 'observed' THEN true  -- observe mode released the upstream bytes
           WHEN m.kind = 'email' THEN email_clear(m.clear)
           ELSE phone_clear(m.clear)
       END AS in_clear
FROM matched AS m LEFT JOIN owner AS o ON m.line = o.line
"""

_SCORED = """
CREATE TEMP TABLE scored AS
WITH pairs AS (
    SELECT agent, customer, arg_max(role, t) AS role,
           bool_or(in_clear) AS clear_match, bool_or(kind = 'id') AS id_match,
           bool_or(assigned) AS ever_assigned,
           coalesce(min(t) FILTER (WHERE in_clear), min(t)) AS first_t,
           coalesce(max(t) FILTER (WHERE in_clear), max(t)) AS last_t
    FROM hits GROUP BY agent, customer
), strength AS (
    SELECT *, CASE WHEN clear_match THEN 1.0 WHEN id_match THEN $id_weight ELSE 0.0 END::DOUBLE AS strength
    FROM pairs
), level AS (
    SELECT *, max(strength) OVER (PARTITION BY customer) AS best FROM strength
)
SELECT *,
       CASE WHEN strength > 0 AND strength = best
            THEN strength / count(*) FILTER (WHERE strength > 0 AND strength = best)
                                     OVER (PARTITION BY customer)
            ELSE 0.0 END::DOUBLE AS weight
FROM level
"""

_RANKING = """
SELECT agent, arg_max(role, last_t) AS role, sum(weight) AS score,
       count(*) FILTER (WHERE weight > 0) AS explained,
       count(*) FILTER (WHERE weight > 0 AND clear_match) AS explained_clear,
       count(*) FILTER (WHERE strength = 0) AS masked_only,
       min(first_t) FILTER (WHERE weight > 0) AS first_seen,
       max(last_t) FILTER (WHERE weight > 0) AS last_seen,
       coalesce(avg(CASE WHEN ever_assigned THEN 0.0 ELSE 1.0 END) FILTER (WHERE weight > 0), 0.0)
           AS ticketless_share
FROM scored
GROUP BY agent
HAVING sum(weight) > 0
ORDER BY score DESC, explained DESC, agent
"""

_EVIDENCE = """
WITH candidate AS (
    SELECT h.*, s.weight, s.clear_match
    FROM hits AS h JOIN scored AS s ON h.agent = s.agent AND h.customer = s.customer
    WHERE s.weight > 0 AND h.agent IN (SELECT unnest($agents)) AND (h.in_clear OR NOT s.clear_match)
)
SELECT agent, customer, t, route, clear, assigned, seq, request_id,
       list(DISTINCT kind ORDER BY kind) OVER (PARTITION BY agent, customer) AS kinds,
       hash, line, weight
FROM candidate
QUALIFY row_number() OVER (PARTITION BY agent, customer ORDER BY t, seq, kind) = 1
ORDER BY agent, weight DESC, t, customer
"""

_EXPOSURE = """
WITH lines AS (
    SELECT agent, outcome, unnest(records) AS r
    FROM audit_lines($files)
    WHERE agent IN (SELECT unnest($agents)) AND served(outcome) AND len(records) > 0
)
SELECT agent, count(DISTINCT r.type || ' ' || r.id)
FROM lines
WHERE r.type IN ('customer', 'contact')
  AND (outcome = 'observed' OR email_clear(r.clear) OR phone_clear(r.clear))
GROUP BY agent
"""

_EVENTS = """
SELECT agent, event, count(*) FROM (
    SELECT agent, unnest(events) AS event FROM audit_lines($files)
    WHERE agent IN (SELECT unnest($agents)) AND len(events) > 0
) GROUP BY agent, event
"""

_TOTALS = 'SELECT count(*), min("time"), max("time") FROM audit_lines($files) WHERE "time" IS NOT NULL'


def attribute(
    paths: Sequence[Path], leak: Leak, top: int = 10, evidence_per_agent: int = EVIDENCE_PER_AGENT
) -> Attribution:
    """Rank every agent whose views explain part of `leak`; details for the `top` ones."""
    files = audit_files(paths)
    params: dict[str, Any] = {"files": [str(f) for f in files]}
    with duckdb.connect() as con:
        con.execute(_MACROS)
        con.execute("CREATE TEMP TABLE leaked (line INTEGER, kind VARCHAR, hash VARCHAR)")
        flat = [(row.line, kind, digest) for row in leak.rows for kind, digest in row.hashes]
        con.execute(
            "INSERT INTO leaked SELECT unnest($lines), unnest($kinds), unnest($hashes)",
            {
                "lines": [f[0] for f in flat],
                "kinds": [f[1] for f in flat],
                "hashes": [f[2] for f in flat],
            },
        )
        try:
            totals = con.execute(_TOTALS, params).fetchone()
            con.execute(_HITS, params)
        except duckdb.Error as err:
            raise AttributionError(f"cannot read the audit trail: {err}") from err
        con.execute(_SCORED, {"id_weight": ID_WEIGHT})
        row = con.execute("SELECT count(DISTINCT customer), count(DISTINCT line) FROM hits").fetchone()
        matched_customers, matched_lines = (int(row[0]), int(row[1])) if row else (0, 0)
        ranking = tuple(
            AgentScore(rank, *values) for rank, values in enumerate(con.execute(_RANKING).fetchall(), 1)
        )
        agents = [s.agent for s in ranking[:top]]
        details = _details(con, params, agents, evidence_per_agent) if agents else {}
    lines, first, last = totals if totals else (0, None, None)
    return Attribution(
        files=tuple(files),
        lines=int(lines),
        period=(first, last),
        leak_rows=len(leak.rows),
        leak_skipped=leak.skipped,
        matched_customers=matched_customers,
        unmatched_rows=len(leak.rows) - matched_lines,
        ranking=ranking,
        details=details,
    )


def _details(
    con: duckdb.DuckDBPyConnection, params: dict[str, Any], agents: list[str], per_agent: int
) -> dict[str, AgentDetail]:
    scoped = {**params, "agents": agents}
    exposure = dict(con.execute(_EXPOSURE, scoped).fetchall())
    events: dict[str, dict[str, int]] = {}
    for agent, event, n in con.execute(_EVENTS, scoped).fetchall():
        events.setdefault(agent, {})[event] = int(n)
    evidence: dict[str, list[Evidence]] = {}
    for row in con.execute(_EVIDENCE, {"agents": agents}).fetchall():
        agent, customer, t, route, clear, assigned, seq, request_id, kinds, digest, line, weight = row
        found = evidence.setdefault(agent, [])
        if len(found) < per_agent:
            found.append(
                Evidence(
                    customer=customer,
                    time=t,
                    route=route,
                    clear=tuple(clear),
                    assigned=bool(assigned),
                    seq=seq,
                    request_id=request_id,
                    kinds=tuple(kinds),
                    hash_prefix=digest[:12],
                    line=int(line),
                    weight=float(weight),
                )
            )
    return {
        agent: AgentDetail(
            int(exposure.get(agent, 0)),
            dict(sorted(events.get(agent, {}).items())),
            tuple(evidence.get(agent, [])),
        )
        for agent in agents
    }


# -- the report ------------------------------------------------------------------------------------


def render(result: Attribution, top: int) -> str:
    """The ranking as a plain-text table, with evidence lines under each agent (no raw values)."""
    out = io.StringIO()
    first, last = result.period
    out.write(
        f"audit: {len(result.files)} file(s), {result.lines:,} lines, {first or '-'} .. {last or '-'}\n"
        f"leak: {result.leak_rows:,} rows with an e-mail, phone or id ({result.leak_skipped} without); "
        f"{result.matched_customers:,} customers matched in the audit trail, "
        f"{result.unmatched_rows:,} rows matched nobody; leak size {result.leak_size:,}\n"
    )
    if not result.ranking:
        out.write("no agent was served any leaked value in clear, nor any leaked customer id\n")
        return out.getvalue()
    out.write(f"\nscore: sum over leaked customers of strength / candidates (clear 1.0, id {ID_WEIGHT})\n\n")
    header = (
        f"{'rank':>4}  {'agent':<20} {'role':<8} {'score':>8}  {'explained':>15}  {'clear':>6} "
        f"{'masked':>6}  {'seen in clear':>13}  {'first seen':<20}  {'last seen':<20}  "
        f"{'ticketless':>10}  events"
    )
    out.write(header + "\n" + "-" * len(header) + "\n")
    size = max(result.leak_size, 1)
    for s in result.ranking[:top]:
        detail = result.details.get(s.agent)
        events = ", ".join(f"{k} {v}" for k, v in detail.events.items()) if detail and detail.events else "-"
        share = f"{s.explained} ({100 * s.explained / size:.1f}%)"
        seen = f"{detail.customers_clear:,}" if detail else "-"
        out.write(
            f"{s.rank:>4}  {s.agent[:20]:<20} {(s.role or '-')[:8]:<8} {s.score:>8.2f}  {share:>15}  "
            f"{s.explained_clear:>6} {s.masked_only:>6}  {seen:>13}  {s.first_seen or '-':<20}  "
            f"{s.last_seen or '-':<20}  {100 * s.ticketless_share:>9.0f}%  {events}\n"
        )
        for e in detail.evidence if detail else ():
            where = f"seq {e.seq}" if e.seq is not None else f"request {e.request_id or '-'}"
            scope = "assigned" if e.assigned else "ticketless"
            clear = ",".join(e.clear) or "-"
            out.write(
                f"{'':>6}customer {e.customer:<10} {e.time or '-':<20} {e.route or '-':<16} "
                f"{scope:<10} clear: {clear:<24} matched {'+'.join(e.kinds)} {e.hash_prefix}… "
                f"(leak line {e.line}, weight {e.weight:.2f}, {where})\n"
            )
    if len(result.ranking) > top:
        out.write(f"… {len(result.ranking) - top} more agents explain part of the leak (--top)\n")
    out.write(
        "\nexplained: leaked customers the agent is a candidate for (share of the leak); clear: of which "
        "served with the leaked values in clear; masked: leaked customers seen only masked (not "
        "counted); seen in clear: all customers served with an e-mail or phone in clear.\n"
    )
    return out.getvalue()


def attribute_main(audit_paths: list[str], leaked: str, top: int) -> int:
    """`scrim attribute --audit DIR_OR_FILES LEAKED_FILE [--top N]`: 0 ranked, 2 cannot."""
    secret = os.environ.get(KEY_ENV)
    if not secret:
        print(
            f"scrim attribute: set {KEY_ENV} (the key `scrim serve` hashed the audit records with)",
            file=sys.stderr,
        )
        return 2
    if top < 1:
        print("scrim attribute: --top must be at least 1", file=sys.stderr)
        return 2
    key = secret.encode()
    try:
        leak = read_leaked(Path(leaked), key)
        result = attribute([Path(p) for p in audit_paths], leak, top)
    except AttributionError as err:
        print(f"scrim attribute: {err}", file=sys.stderr)
        return 2
    sys.stdout.write(render(result, top))
    return 0
