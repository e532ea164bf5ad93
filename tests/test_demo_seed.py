"""Seeding the demo CRM: idempotent, atomic, deterministic, and the fake data looks real."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import random
import re
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from proxy.demo import seed as seed_mod
from proxy.demo.seed import AGENTS, iban_is_valid, is_seeded, luhn_is_valid, seed

CUSTOMERS = 30
TICKETS = 60


@contextlib.contextmanager
def connect(path: Path) -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    try:
        yield conn
    finally:
        conn.close()


def dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    with connect(path) as conn:
        return {
            table: [tuple(r) for r in conn.execute(f"SELECT * FROM {table} ORDER BY 1")]
            for table in ("users", "tickets", "comments", "seed_meta")
        }


@pytest.fixture(scope="module")
def small_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("seed") / "crm.sqlite"
    assert seed(path, customers=CUSTOMERS, tickets=TICKETS) is True
    return path


@pytest.fixture(scope="module")
def big_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Large enough that format mixes and ratios are stable, still well under a second.
    path = tmp_path_factory.mktemp("seed-big") / "crm.sqlite"
    assert seed(path, customers=300, tickets=900)
    return path


@pytest.fixture(scope="module")
def users(small_db: Path) -> list[sqlite3.Row]:
    with connect(small_db) as conn:
        return conn.execute("SELECT * FROM users ORDER BY id").fetchall()


# ---------------------------------------------------------------- idempotent, atomic


def test_seed_is_idempotent(tmp_path: Path) -> None:
    path = tmp_path / "var" / "crm.sqlite"
    assert seed(path, customers=5, tickets=5) is True
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    mtime = path.stat().st_mtime_ns
    assert seed(path, customers=5, tickets=5) is False
    # A completed seed is kept even when asked for different sizes.
    assert seed(path, customers=50, tickets=50, seed=1) is False
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert path.stat().st_mtime_ns == mtime
    assert sorted(p.name for p in path.parent.iterdir()) == ["crm.sqlite"]


def test_seed_counts_and_meta(small_db: Path) -> None:
    with connect(small_db) as conn:
        assert conn.execute("SELECT count(*) FROM users").fetchone()[0] == CUSTOMERS
        assert conn.execute("SELECT count(*) FROM tickets").fetchone()[0] == TICKETS
        n_comments = conn.execute("SELECT count(*) FROM comments").fetchone()[0]
        meta = dict(conn.execute("SELECT key, value FROM seed_meta").fetchall())
    assert TICKETS <= n_comments <= 5 * TICKETS
    assert meta == {
        "seed": "20250501",
        "customers": str(CUSTOMERS),
        "tickets": str(TICKETS),
        "completed": "1",
    }
    assert is_seeded(small_db)


def test_crash_mid_seed_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "crm.sqlite"

    def boom(*args: object) -> None:
        raise RuntimeError("power cut")

    monkeypatch.setattr(seed_mod, "_insert_tickets", boom)
    with pytest.raises(RuntimeError, match="power cut"):
        seed(path, customers=5, tickets=5)
    assert list(tmp_path.iterdir()) == []
    assert not is_seeded(path)


def test_foreign_or_partial_file_is_replaced(tmp_path: Path) -> None:
    path = tmp_path / "crm.sqlite"
    path.write_bytes(b"not a database at all")
    assert not is_seeded(path)
    assert seed(path, customers=3, tickets=3) is True
    assert is_seeded(path)
    # An SQLite file without the completion marker is not a finished seed either.
    other = tmp_path / "other.sqlite"
    with contextlib.closing(sqlite3.connect(other)) as conn:
        conn.execute("CREATE TABLE users (id INTEGER)")
        conn.commit()
    assert not is_seeded(other)
    assert seed(other, customers=3, tickets=3) is True


def test_rejects_nonsense_sizes(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        seed(tmp_path / "x.sqlite", customers=0)
    assert not (tmp_path / "x.sqlite").exists()


# ---------------------------------------------------------------- deterministic


def test_seed_is_deterministic(tmp_path: Path, small_db: Path) -> None:
    again = tmp_path / "again.sqlite"
    seed(again, customers=CUSTOMERS, tickets=TICKETS)
    assert dump(again) == dump(small_db)
    other = tmp_path / "other.sqlite"
    seed(other, customers=CUSTOMERS, tickets=TICKETS, seed=7)
    a, b = dump(other), dump(small_db)
    assert a["users"] != b["users"]
    assert a["comments"] != b["comments"]


# ---------------------------------------------------------------- checksum helpers


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        ("4111 1111 1111 1111", True),
        ("5500-0000-0000-0004", True),
        ("79927398713", True),
        ("4111111111111112", False),
        ("79927398710", False),
        ("1", False),
    ],
)
def test_luhn(number: str, valid: bool) -> None:
    assert luhn_is_valid(number) is valid


@pytest.mark.parametrize(
    ("iban", "valid"),
    [
        ("GB82 WEST 1234 5698 7654 32", True),
        ("DE89370400440532013000", True),
        ("FR1420041010050500013M02606", True),
        ("GB82 WEST 1234 5698 7654 33", False),
        ("DE88370400440532013000", False),
        ("XX", False),
    ],
)
def test_iban_checker(iban: str, valid: bool) -> None:
    assert iban_is_valid(iban) is valid


# ---------------------------------------------------------------- the data looks real


def test_users_have_every_field_well_formed(users: list[sqlite3.Row]) -> None:
    external_ids = set()
    for u in users:
        assert re.fullmatch(
            r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", u["external_id"]
        )
        external_ids.add(u["external_id"])
        assert len(u["name"].split()) >= 2
        assert re.fullmatch(r"[a-z0-9._]+@[a-z0-9.-]+\.[a-z]+", u["email"]), u["email"]
        assert u["street_address"] and "\n" not in u["street_address"]
        assert u["city"] and u["postal_code"]
        assert u["country"] in {"US", "GB", "DE", "FR"}
        dob = dt.date.fromisoformat(u["date_of_birth"])
        assert dt.date(1940, 1, 1) <= dob <= dt.date(2006, 1, 1)
        assert re.fullmatch(r"0x[0-9a-f]{40}", u["eth_wallet"])
        assert re.fullmatch(r"[0-9]{9}|[A-Z][0-9]{8}", u["passport_number"]), u["passport_number"]
        assert isinstance(u["balance"], float)
        assert u["tier"] in {"standard", "vip"}
        created = dt.datetime.strptime(u["created_at"], "%Y-%m-%dT%H:%M:%SZ")
        updated = dt.datetime.strptime(u["updated_at"], "%Y-%m-%dT%H:%M:%SZ")
        assert created <= updated <= dt.datetime(2025, 5, 1)
    assert len(external_ids) == len(users)
    assert len({u["email"] for u in users}) == len(users)


def test_cards_are_luhn_valid_visa_or_mastercard(big_db: Path) -> None:
    with connect(big_db) as conn:
        cards = [r[0] for r in conn.execute("SELECT card_number FROM users")]
    brands = set()
    for card in cards:
        assert re.fullmatch(r"[0-9]{16}", card), card
        assert luhn_is_valid(card), card
        if card.startswith("4"):
            brands.add("visa")
        else:
            assert 51 <= int(card[:2]) <= 55 or 2221 <= int(card[:4]) <= 2720, card
            brands.add("mastercard")
    assert brands == {"visa", "mastercard"}
    # A broken Luhn implementation that accepts everything would pass the loop above.
    assert not luhn_is_valid(cards[0][:-1] + str((int(cards[0][-1]) + 1) % 10))


def _french_rib_ok(iban: str) -> bool:
    bank, branch, account, key = iban[4:9], iban[9:14], iban[14:25], iban[25:27]
    return (89 * int(bank) + 15 * int(branch) + 3 * int(account) + int(key)) % 97 == 0


def test_ibans_pass_mod97(big_db: Path) -> None:
    with connect(big_db) as conn:
        ibans = [r[0] for r in conn.execute("SELECT iban FROM users")]
    lengths = {"DE": 22, "GB": 22, "FR": 27}
    for iban in ibans:
        assert iban_is_valid(iban), iban
        assert len(iban) == lengths[iban[:2]], iban
        # Recompute independently of the module under test.
        assert int("".join(str(int(c, 36)) for c in iban[4:] + iban[:4])) % 97 == 1
        if iban.startswith("FR"):
            assert _french_rib_ok(iban), iban
        if iban.startswith("GB"):
            assert re.fullmatch(r"GB[0-9]{2}[A-Z]{4}[0-9]{14}", iban)
    assert {i[:2] for i in ibans} == {"DE", "GB", "FR"}


def test_ssns_are_valid_looking(big_db: Path) -> None:
    with connect(big_db) as conn:
        ssns = [r[0] for r in conn.execute("SELECT ssn FROM users")]
    for ssn in ssns:
        m = re.fullmatch(r"([0-9]{3})-([0-9]{2})-([0-9]{4})", ssn)
        assert m, ssn
        area, group, serial = (int(g) for g in m.groups())
        assert area not in (0, 666) and area < 900, ssn
        assert group != 0 and serial != 0, ssn


def test_ssn_generator_never_uses_unissued_areas() -> None:
    rng = random.Random(1)
    areas = {int(seed_mod._ssn(rng)[:3]) for _ in range(20_000)}
    assert not areas & {0, 666}
    assert max(areas) == 899 and min(areas) == 1
    assert len(areas) == 898  # 001-899 except 666


def test_phones_mix_formats(big_db: Path) -> None:
    with connect(big_db) as conn:
        phones = [r[0] for r in conn.execute("SELECT phone FROM users")]
    assert any(p.startswith("+44 20 ") for p in phones)
    assert any(p.startswith("+1") for p in phones)
    assert any(p.startswith("(") for p in phones)
    assert any(not p.startswith("+") for p in phones)
    for p in phones:
        assert 10 <= len(re.sub(r"\D", "", p)) <= 13, p


_B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def _base58check_ok(address: str) -> bool:
    n = 0
    for ch in address:
        n = n * 58 + _B58.index(ch)
    pad = len(address) - len(address.lstrip("1"))
    raw = b"\0" * pad + n.to_bytes((n.bit_length() + 7) // 8, "big")
    payload, checksum = raw[:-4], raw[-4:]
    return len(raw) == 25 and hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4] == checksum


def _bech32_ok(address: str) -> bool:
    charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
    hrp, _, data = address.rpartition("1")
    values = [charset.index(c) for c in data]
    generator = [0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3]
    chk = 1
    for v in [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp] + values:
        top = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ v
        for i in range(5):
            chk ^= generator[i] if (top >> i) & 1 else 0
    return hrp == "bc" and chk == 1


def test_btc_wallet_list_has_valid_checksums(big_db: Path) -> None:
    wallets = seed_mod._BTC_WALLETS
    assert len(wallets) >= 10
    for w in wallets:
        ok = _bech32_ok(w) if w.startswith("bc1") else _base58check_ok(w)
        assert ok, w
    # The checkers themselves must reject a one-character typo.
    assert not _base58check_ok("1BoatSLRHtKNngkdXEeobR76b53LETtpyU")
    assert not _bech32_ok("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdr")
    with connect(big_db) as conn:
        used = {r[0] for r in conn.execute("SELECT btc_wallet FROM users")}
    assert used <= set(wallets)
    assert len(used) > 5


def test_tickets_are_consistent(small_db: Path) -> None:
    with connect(small_db) as conn:
        tickets = conn.execute("SELECT * FROM tickets").fetchall()
        user_ids = {r[0] for r in conn.execute("SELECT id FROM users")}
        orphans = conn.execute(
            "SELECT count(*) FROM comments WHERE ticket_id NOT IN (SELECT id FROM tickets)"
        ).fetchone()[0]
        first_authors = {
            r[0]
            for r in conn.execute(
                "SELECT author FROM comments WHERE id IN (SELECT min(id) FROM comments GROUP BY ticket_id)"
            )
        }
        without_comments = conn.execute(
            "SELECT count(*) FROM tickets WHERE id NOT IN (SELECT ticket_id FROM comments)"
        ).fetchone()[0]
    assert orphans == 0 and without_comments == 0
    assert first_authors == {"customer"}
    assert set(AGENTS) == {f"agent-{n:03d}" for n in range(1, 21)}
    for t in tickets:
        assert t["requester_id"] in user_ids
        assert t["assignee_id"] in AGENTS
        assert t["status"] in {"new", "open", "pending", "solved"}
        assert t["priority"] in {"low", "normal", "high", "urgent"}
        assert t["subject"]
        assert t["created_at"] <= t["updated_at"]


# ---------------------------------------------------------------- comments quote the requester


def _requester_values(u: sqlite3.Row) -> dict[str, str]:
    return {
        "email": u["email"],
        "phone": u["phone"],
        "ssn": u["ssn"],
        "eth": u["eth_wallet"],
        "btc": u["btc_wallet"],
        "passport": u["passport_number"],
        "street": u["street_address"],
    }


def _mentions_requester(body: str, u: sqlite3.Row) -> bool:
    digits = re.sub(r"\D", "", body)
    dob = dt.date.fromisoformat(u["date_of_birth"])
    dob_forms = {
        dob.isoformat(),
        dob.strftime("%m/%d/%Y"),
        dob.strftime("%d.%m.%Y"),
        f"{dob.strftime('%B')} {dob.day}, {dob.year}",
    }
    return (
        any(v in body for v in _requester_values(u).values())
        or u["card_number"] in digits
        or u["iban"] in body.replace(" ", "")
        or any(f in body for f in dob_forms)
    )


def test_comments_quote_their_requesters_own_data(big_db: Path) -> None:
    with connect(big_db) as conn:
        rows = conn.execute(
            "SELECT c.author, c.body, u.* FROM comments c JOIN tickets t ON t.id = c.ticket_id "
            "JOIN users u ON u.id = t.requester_id"
        ).fetchall()
    with_pii = [r for r in rows if _mentions_requester(r["body"], r)]
    ratio = len(with_pii) / len(rows)
    assert 0.35 <= ratio <= 0.65, ratio
    agent = [r for r in rows if r["author"] == "agent"]
    agent_pii = [r for r in agent if _mentions_requester(r["body"], r)]
    assert agent and len(agent_pii) / len(agent) < 0.2

    # Whatever looks like PII in a comment is the requester's value, never someone else's.
    for r in rows:
        body = r["body"]
        for email in re.findall(r"[\w.+-]+@[\w-]+\.[\w.]+[a-z]", body):
            assert email == r["email"], body
        for ssn in re.findall(r"\b\d{3}-\d{2}-\d{4}\b", body):
            assert ssn == r["ssn"], body
        # A spaced IBAN has card-like digit groups; take it out before looking for cards.
        spaced_iban = " ".join(r["iban"][i : i + 4] for i in range(0, len(r["iban"]), 4))
        for card in re.findall(r"\b(?:\d{4}[ -]?){3}\d{4}\b", body.replace(spaced_iban, "")):
            assert re.sub(r"\D", "", card) == r["card_number"], body
        for eth in re.findall(r"0x[0-9a-f]{40}", body):
            assert eth == r["eth_wallet"], body

    # Every kind of mention shows up somewhere, in the loose formats customers type.
    bodies = "\n".join(r["body"] for r in rows)
    assert re.search(r"\b\d{4} \d{4} \d{4} \d{4}\b", bodies)
    assert re.search(r"\b\d{4}-\d{4}-\d{4}-\d{4}\b", bodies)
    assert re.search(r"\b\d{2}/\d{2}/\d{4}\b", bodies)
    assert re.search(r"\b(DE|GB|FR)\d{2} ", bodies)
    assert "my SSN is" in bodies
    assert "wallet 0x" in bodies
    assert "I moved to" in bodies
    assert "passport number" in bodies


def test_seed_time_for_default_size(tmp_path: Path) -> None:
    start = time.perf_counter()
    assert seed(tmp_path / "full.sqlite")
    elapsed = time.perf_counter() - start
    with connect(tmp_path / "full.sqlite") as conn:
        assert conn.execute("SELECT count(*) FROM users").fetchone()[0] == 1000
        assert conn.execute("SELECT count(*) FROM tickets").fetchone()[0] == 3000
    assert elapsed < 10, elapsed
