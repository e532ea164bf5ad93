"""proxy/attribute.py: leaked lists in, agents ranked by how well their views explain the leak.

Audit files are written the way Scrim writes them (AuditLog with the hash chain, lines from
Recorder._audit_line, keys from match_hash), then read back by DuckDB.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from proxy.attribute import (
    ID_WEIGHT,
    Leak,
    attribute,
    attribute_main,
    classify_value,
    read_leaked,
)
from proxy.audit import AuditLog, rotated_files
from proxy.errors import AttributionError
from proxy.evidence import match_hash
from proxy.model import Identity, IdentitySource, Outcome, Record, ServedRecord
from proxy.record import Recorder, View

KEY = b"attribute-test-key-0123456789abcdef"


@dataclass(frozen=True)
class Customer:
    id: str
    email: str
    phone: str

    def keys(self) -> tuple[str, ...]:
        return tuple(
            sorted(
                {
                    match_hash(KEY, "email", self.email),
                    match_hash(KEY, "phone", self.phone),
                    match_hash(KEY, "id", self.id),
                }
            )
        )


CUSTOMERS = {n: Customer(str(n), f"customer{n}@example.com", f"+1 415-555-{n:04d}") for n in range(1, 41)}
CLEAR = ("email", "name", "phone")
MASKED = ("email", "phone")  # tier1 outside its tickets: e-mail hint, last 4 of the phone


class Trail:
    """Writes audit lines exactly as Scrim does, at chosen times."""

    def __init__(self, path: Path, max_bytes: int | None = None) -> None:
        self.log = AuditLog(path, key=KEY, max_bytes=max_bytes)
        self.n = 0

    def view(
        self,
        agent: str,
        customers: Sequence[int],
        clear: bool = True,
        assigned: bool = False,
        route: str = "users.get",
        role: str = "tier2",
        events: tuple[str, ...] = (),
        outcome: Outcome = Outcome.MASKED,
    ) -> None:
        self.n += 1
        served = tuple(
            ServedRecord(
                Record("customer", CUSTOMERS[c].id),
                assigned=assigned,
                clear=tuple(sorted(set(CLEAR) - set(MASKED))) if not clear else CLEAR,
                masked=() if clear else MASKED,
                keys=CUSTOMERS[c].keys(),
            )
            for c in customers
        )
        view = View(
            f"req{self.n:05d}", Identity(agent, role, (role,), IdentitySource.JWT), route, "GET", 200, outcome,
            "v1", 0.001, records=served, events=events,
        )  # fmt: skip
        line = Recorder._audit_line(view)
        line["time"] = f"2026-11-{1 + self.n // 100:02d}T{(self.n // 60) % 24:02d}:{self.n % 60:02d}:00Z"
        self.log.write(line)

    def contact(self, agent: str, kind: str, value: str, clear: bool = True) -> None:
        """An e-mail or phone served outside any customer record (a comment), as `contact`."""
        self.n += 1
        key = match_hash(KEY, kind, value)
        served = (ServedRecord(Record("contact", key[:16]), clear=(kind,) if clear else (),
                               masked=() if clear else (kind,), keys=(key,)),)  # fmt: skip
        view = View(
            f"req{self.n:05d}", Identity(agent, "tier2", ("tier2",), IdentitySource.JWT), "tickets.comments",
            "GET", 200, Outcome.MASKED, "v1", 0.001, records=served,
        )  # fmt: skip
        self.log.write(Recorder._audit_line(view))

    def refused(self, agent: str, reason: str, events: tuple[str, ...]) -> None:
        self.n += 1
        view = View(
            f"req{self.n:05d}", Identity(agent, "tier1", ("tier1",), IdentitySource.JWT), "users.get", "GET",
            429, Outcome.WITHHELD, "v1", 0.0, reason=reason, events=events,
        )  # fmt: skip
        self.log.write(Recorder._audit_line(view))


@pytest.fixture
def trail(tmp_path: Path) -> Iterator[Trail]:
    t = Trail(tmp_path / "audit" / "audit.jsonl")
    yield t
    t.log.close()


@pytest.fixture(autouse=True)
def audit_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCRIM_AUDIT_KEY", KEY.decode())


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def emails(path: Path, ids: Sequence[int]) -> Path:
    return write(path, "".join(f"{CUSTOMERS[i].email}\n" for i in ids))


def ranked(trail: Trail, leak_file: Path) -> list[tuple[str, float]]:
    trail.log.close()
    result = attribute([trail.log.path.parent], read_leaked(leak_file, KEY))
    return [(s.agent, round(s.score, 4)) for s in result.ranking]


# -- ranking ---------------------------------------------------------------------------------------


def test_the_agent_who_saw_most_of_the_leak_ranks_first(trail: Trail, tmp_path: Path) -> None:
    trail.view("harvester", range(1, 21))  # twenty customers, one at a time or in a list
    trail.view("worker-a", [1, 2])
    trail.view("worker-b", [30, 31])  # nothing to do with the leak
    ranking = ranked(trail, emails(tmp_path / "leak.txt", range(1, 21)))
    assert [agent for agent, _ in ranking] == ["harvester", "worker-a"]
    # customers 1 and 2 are shared by two candidates: half each; 18 are the harvester's alone
    assert ranking == [("harvester", 19.0), ("worker-a", 1.0)]


def test_idf_weighting_favours_the_rarely_seen_customer(trail: Trail, tmp_path: Path) -> None:
    # Customer 1 was seen by everybody, customer 2 by one agent only.
    for agent in ("a", "b", "c", "d"):
        trail.view(agent, [1])
    trail.view("d", [2])
    ranking = dict(ranked(trail, emails(tmp_path / "leak.txt", [1, 2])))
    assert ranking == {"d": 1.25, "a": 0.25, "b": 0.25, "c": 0.25}


def test_masked_only_views_do_not_explain_clear_values(trail: Trail, tmp_path: Path) -> None:
    trail.view("tier1-masked", range(1, 11), clear=False, role="tier1")  # saw all ten, masked
    trail.view("tier2-clear", [1, 2])
    leak = emails(tmp_path / "leak.txt", range(1, 11))
    trail.log.close()
    result = attribute([trail.log.path], read_leaked(leak, KEY))
    assert [s.agent for s in result.ranking] == ["tier2-clear"]
    assert result.rank_of("tier1-masked") is None
    assert result.matched_customers == 10  # matched, but eight of them nobody saw in clear
    assert result.unmatched_rows == 0


def test_a_clear_view_once_is_enough(trail: Trail, tmp_path: Path) -> None:
    trail.view("a", [1], clear=False)
    trail.view("a", [1], clear=True, assigned=True, route="tickets.get")
    trail.view("a", [1], clear=False)
    ranking = ranked(trail, emails(tmp_path / "leak.txt", [1]))
    assert ranking == [("a", 1.0)]


def test_ids_are_weaker_evidence_than_clear_values(trail: Trail, tmp_path: Path) -> None:
    trail.view("masked-viewer", [1, 2, 3], clear=False, role="tier1")
    trail.view("clear-viewer", [3])
    leak = write(tmp_path / "ids.csv", "customer_id\n1\n2\n3\n")
    ranking = dict(ranked(trail, leak))
    # ids 1 and 2: only the masked viewer was served them → weak evidence, alone: ID_WEIGHT each.
    # id 3: both were served it and the leak is only an id → both candidates, ID_WEIGHT / 2.
    assert ranking == {
        "masked-viewer": pytest.approx(2 * ID_WEIGHT + ID_WEIGHT / 2),
        "clear-viewer": pytest.approx(ID_WEIGHT / 2),
    }


def test_when_someone_saw_the_value_in_clear_id_only_viewers_are_not_candidates(
    trail: Trail, tmp_path: Path
) -> None:
    trail.view("masked-viewer", [5], clear=False, role="tier1")
    trail.view("clear-viewer", [5])
    c = CUSTOMERS[5]
    leak = write(tmp_path / "leak.csv", f"id,email\n{c.id},{c.email}\n")
    assert ranked(trail, leak) == [("clear-viewer", 1.0)]


def test_phone_matches_need_the_phone_in_clear(trail: Trail, tmp_path: Path) -> None:
    trail.view("a", [7], clear=False)
    trail.view("b", [7])
    leak = write(tmp_path / "phones.txt", "(415) 555-0007\n")  # another format, same number
    assert ranked(trail, leak) == [("b", 1.0)]


def test_contacts_served_in_clear_explain_a_leak(trail: Trail, tmp_path: Path) -> None:
    # E-mails and phones read in comments had been left out: "no agent was served any leaked value".
    trail.contact("reader", "phone", "(720) 386-6806")
    trail.contact("reader", "email", "oliver@example.com")
    trail.contact("hinted", "email", "oliver@example.com", clear=False)
    trail.view("worker", [1])
    trail.contact("other", "email", CUSTOMERS[1].email)  # the same person as customer 1
    leak = write(
        tmp_path / "leak.csv", f"email,phone\noliver@example.com,+1 720 386 6806\n{CUSTOMERS[1].email},\n"
    )
    trail.log.close()
    result = attribute([trail.log.path.parent], read_leaked(leak, KEY))
    assert [(s.agent, s.score) for s in result.ranking] == [("reader", 1.0), ("other", 0.5), ("worker", 0.5)]
    assert result.matched_customers == 2  # the row of Oliver's e-mail and phone, and customer 1
    assert result.details["reader"].customers_clear == 2


def test_withheld_responses_served_nothing(trail: Trail, tmp_path: Path) -> None:
    trail.view("blocked", [1, 2], outcome=Outcome.WITHHELD)
    trail.view("served", [1])
    assert ranked(trail, emails(tmp_path / "leak.txt", [1, 2])) == [("served", 1.0)]


def test_observe_mode_released_everything_in_clear(trail: Trail, tmp_path: Path) -> None:
    trail.view("observed", [1], clear=False, outcome=Outcome.OBSERVED)
    assert ranked(trail, emails(tmp_path / "leak.txt", [1])) == [("observed", 1.0)]


def test_details_count_events_exposure_and_ticketless_share(trail: Trail, tmp_path: Path) -> None:
    trail.view("h", [1, 2, 3, 4], events=("canary",))
    trail.view("h", [5], assigned=True, route="tickets.get", events=("quota_soft",))
    trail.view("h", [30, 31])  # seen in clear, not leaked
    trail.refused("h", "quota_exceeded", ("quota_exceeded", "quota_soft"))
    leak = emails(tmp_path / "leak.txt", [1, 2, 3, 4, 5])
    trail.log.close()
    result = attribute([trail.log.path], read_leaked(leak, KEY), top=3)
    (score,) = result.ranking
    assert (score.agent, score.explained, score.explained_clear) == ("h", 5, 5)
    assert score.ticketless_share == pytest.approx(0.8)
    detail = result.details["h"]
    assert detail.customers_clear == 7
    assert detail.events == {"canary": 1, "quota_exceeded": 1, "quota_soft": 2}
    assert [e.customer for e in detail.evidence] == ["1", "2", "3", "4", "5"]
    assert {e.kinds for e in detail.evidence} == {("email",)}
    assert all(e.seq is not None for e in detail.evidence)


# -- leaked list formats ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "column", "kinds"),
    [
        # bare lists: shapes decide
        ("Jane.Doe@Example.COM", None, ["email"]),
        ("+44 20 7946 0958", None, ["phone"]),
        ("4155550100", None, ["phone", "id"]),  # digits only: could be either
        ("1234", None, ["id"]),
        ("CUS-00017", None, ["id"]),
        ("Jane Doe", None, []),
        ("", None, []),
        # CSV columns: names decide ids, shapes the rest
        ("17", "customer_id", ["id"]),
        ("17", "user_id", ["id"]),
        ("17", "amount", []),
        ("415-555-0100", "notes", ["phone"]),
        ("jane@example.com", "whatever", ["email"]),
        ("jane at example dot com", "e-mail", []),
        ("0044 (0)20 7946-0958", "mobile", ["phone"]),
        ("17", "", []),  # a CSV without a header: ids cannot be told from amounts
        ("jane@example.com", "", ["email"]),
    ],
)
def test_leaked_values_are_classified(value: str, column: str | None, kinds: list[str]) -> None:
    assert classify_value(value, column) == kinds


def test_csv_with_a_header_uses_its_columns(tmp_path: Path) -> None:
    c = CUSTOMERS[3]
    path = write(
        tmp_path / "dump.csv",
        f"name;E-Mail;Mobile;user_id;balance\nJane Doe;{c.email};{c.phone};{c.id};1200\nNobody;;;;\n",
    )
    leak = read_leaked(path, KEY)
    assert leak.skipped == 1
    (row,) = leak.rows
    assert row.line == 2
    assert set(row.hashes) == {
        ("email", match_hash(KEY, "email", c.email)),
        ("phone", match_hash(KEY, "phone", c.phone)),
        ("id", match_hash(KEY, "id", c.id)),
    }


def test_csv_without_a_header_takes_what_looks_like_emails_and_phones(tmp_path: Path) -> None:
    c = CUSTOMERS[4]
    path = write(tmp_path / "dump.csv", f'"Doe, Jane",{c.email},"{c.phone}",17\n')
    (row,) = read_leaked(path, KEY).rows
    assert {kind for kind, _ in row.hashes} == {"email", "phone"}


def test_text_list_one_value_per_line(tmp_path: Path) -> None:
    path = write(tmp_path / "leak.txt", "\n".join([CUSTOMERS[1].email, "", CUSTOMERS[2].phone, "9", "   "]))
    leak = read_leaked(path, KEY)
    assert [row.line for row in leak.rows] == [1, 3, 4]
    assert [sorted(k for k, _ in row.hashes) for row in leak.rows] == [["email"], ["phone"], ["id"]]


def test_single_column_with_a_header(tmp_path: Path) -> None:
    path = write(tmp_path / "leak.csv", f"email\n{CUSTOMERS[1].email}\n")
    (row,) = read_leaked(path, KEY).rows
    assert row.hashes == (("email", match_hash(KEY, "email", CUSTOMERS[1].email)),)


def test_csv_and_text_give_the_same_ranking(trail: Trail, tmp_path: Path) -> None:
    trail.view("h", range(1, 11))
    trail.view("w", [1])
    text = emails(tmp_path / "leak.txt", range(1, 11))
    csv_file = write(
        tmp_path / "leak.csv",
        "email,phone\n" + "".join(f"{CUSTOMERS[i].email},{CUSTOMERS[i].phone}\n" for i in range(1, 11)),
    )
    assert ranked(trail, text) == ranked(trail, csv_file) == [("h", 9.5), ("w", 0.5)]


def test_nothing_usable_in_the_list_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(AttributionError, match="no e-mail, phone number or customer id"):
        read_leaked(write(tmp_path / "leak.txt", "Jane Doe\nJohn Smith\n"), KEY)
    with pytest.raises(AttributionError, match="empty"):
        read_leaked(write(tmp_path / "empty.txt", "\n\n"), KEY)


# -- files and the command -------------------------------------------------------------------------


def test_directory_with_rotated_files(tmp_path: Path) -> None:
    trail = Trail(tmp_path / "logs" / "audit.jsonl", max_bytes=2500)
    for i in range(1, 21):
        trail.view("h", [i])
    trail.view("w", [1])
    trail.log.close()
    assert len(rotated_files(trail.log.path)) >= 3
    (tmp_path / "logs" / "notes.txt").write_text("not an audit file\n")
    result = attribute([tmp_path / "logs"], read_leaked(emails(tmp_path / "leak.txt", range(1, 21)), KEY))
    assert len(result.files) == len(rotated_files(trail.log.path)) + 1
    assert result.lines == 21
    assert [(s.agent, s.explained) for s in result.ranking] == [("h", 20), ("w", 1)]


def test_a_directory_of_replicas_is_searched(tmp_path: Path) -> None:
    one, two = (
        Trail(tmp_path / "logs" / "replica-1" / "audit.jsonl"),
        Trail(tmp_path / "logs" / "replica-2" / "audit.jsonl"),
    )
    one.view("h", [1, 2])
    two.view("h", [3])
    two.view("w", [3])
    one.log.close()
    two.log.close()
    (tmp_path / "logs" / ".snapshot").mkdir()
    (tmp_path / "logs" / ".snapshot" / "audit.jsonl").write_text("")
    result = attribute([tmp_path / "logs"], read_leaked(emails(tmp_path / "leak.txt", [1, 2, 3]), KEY))
    assert len(result.files) == 2
    assert [(s.agent, s.score) for s in result.ranking] == [("h", 2.5), ("w", 0.5)]


def test_old_lines_without_the_new_fields_still_load(tmp_path: Path) -> None:
    old = tmp_path / "old.jsonl"
    c = CUSTOMERS[1]
    lines = [
        {"time": "2025-01-01T00:00:00Z", "agent": "x", "outcome": "masked", "records": [["customer", "1"]]},
        {"time": "2025-01-01T00:00:01Z", "agent": "y", "outcome": "masked",
         "records": [{"type": "customer", "id": "1", "clear": ["email"], "keys": list(c.keys())}]},
        {"time": "2025-01-01T00:00:02Z", "agent": "z"},
    ]  # fmt: skip
    old.write_text("".join(json.dumps(line) + "\n" for line in lines) + '{"time": "torn', encoding="utf-8")
    result = attribute([old], read_leaked(emails(tmp_path / "leak.txt", [1]), KEY))
    assert [s.agent for s in result.ranking] == ["y"]


def test_missing_key_exits_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.delenv("SCRIM_AUDIT_KEY")
    assert attribute_main([str(tmp_path)], str(emails(tmp_path / "leak.txt", [1])), 10) == 2
    assert "SCRIM_AUDIT_KEY" in capsys.readouterr().err


@pytest.mark.parametrize("what", ["no audit", "no leak"])
def test_missing_files_exit_2(what: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    leak = emails(tmp_path / "leak.txt", [1])
    audit = tmp_path / "audit.jsonl"
    audit.write_text("")
    args = ([str(tmp_path / "nowhere")], str(leak)) if what == "no audit" else ([str(audit)], "missing.txt")
    assert attribute_main(*args, 10) == 2
    assert "scrim attribute:" in capsys.readouterr().err


def test_report_names_agents_and_record_ids_but_never_leaked_values(
    trail: Trail, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for i in range(1, 8):
        trail.view("harvester", [i])
    trail.view("worker", [1], assigned=True, route="tickets.get", events=("quota_soft",))
    trail.log.close()
    leak = write(
        tmp_path / "leak.csv",
        "email,phone\n"
        + "".join(f"{CUSTOMERS[i].email},{CUSTOMERS[i].phone}\n" for i in range(1, 8))
        + "stranger@nowhere.example,+1 999 555 0000\n",
    )
    assert attribute_main([str(trail.log.path.parent)], str(leak), 1) == 0
    out = capsys.readouterr().out
    assert "   1  harvester" in out
    assert "1 more agents explain part of the leak" in out
    assert "7 customers matched" in out and "1 rows matched nobody" in out
    assert "customer 2 " in out and "users.get" in out and "matched email+phone" in out
    for i in range(1, 8):
        assert CUSTOMERS[i].email not in out
        assert CUSTOMERS[i].phone not in out
    assert "stranger" not in out


def test_empty_trail_reports_no_agent(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    audit = tmp_path / "audit.jsonl"
    audit.write_text("")
    assert attribute_main([str(audit)], str(emails(tmp_path / "leak.txt", [1])), 5) == 0
    assert "no agent was served" in capsys.readouterr().out


def test_leak_dataclass_is_plain_data() -> None:
    assert Leak(()).skipped == 0
