"""Fill the demo CRM's SQLite database with fake customers, tickets and comments.

Every value is fake but *looks* real to a detector: cards pass Luhn, IBANs pass mod-97,
SSNs avoid the never-issued areas, wallets are well-formed. Customer comments quote the
requester's own values in the loose formats people actually type, so a test can tell a
masked comment from an unmasked one by looking the requester up.

Run as `python -m proxy.demo.seed --db var/demo-crm.sqlite`.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import random
import re
import sqlite3
import sys
import tempfile
import unicodedata
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from faker import Faker

__all__ = [
    "AGENTS",
    "SCHEMA",
    "iban_is_valid",
    "is_seeded",
    "luhn_is_valid",
    "main",
    "seed",
]

SCHEMA = """
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    external_id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    email TEXT NOT NULL UNIQUE,
    phone TEXT NOT NULL,
    street_address TEXT NOT NULL,
    city TEXT NOT NULL,
    postal_code TEXT NOT NULL,
    country TEXT NOT NULL,
    date_of_birth TEXT NOT NULL,
    ssn TEXT NOT NULL,
    card_number TEXT NOT NULL,
    iban TEXT NOT NULL,
    btc_wallet TEXT NOT NULL,
    eth_wallet TEXT NOT NULL,
    balance REAL NOT NULL,
    passport_number TEXT NOT NULL,
    tier TEXT NOT NULL CHECK (tier IN ('standard', 'vip')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE tickets (
    id INTEGER PRIMARY KEY,
    subject TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('new', 'open', 'pending', 'solved')),
    priority TEXT NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
    requester_id INTEGER NOT NULL REFERENCES users (id),
    assignee_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX tickets_requester ON tickets (requester_id);
CREATE TABLE comments (
    id INTEGER PRIMARY KEY,
    ticket_id INTEGER NOT NULL REFERENCES tickets (id),
    author TEXT NOT NULL CHECK (author IN ('customer', 'agent')),
    body TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX comments_ticket ON comments (ticket_id);
CREATE TABLE seed_meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""

AGENTS: tuple[str, ...] = tuple(f"agent-{n:03d}" for n in range(1, 21))

# Fixed, not "now": the same seed must give the same database on any day.
_EPOCH_START = dt.datetime(2021, 1, 1, tzinfo=dt.UTC)
_SEED_NOW = dt.datetime(2025, 5, 1, tzinfo=dt.UTC)

# Checksummed wallet addresses can't be minted without keccak/bech32 code we'd have to trust,
# so customers get well-known public addresses whose checksums are verified by the tests.
_BTC_WALLETS: tuple[str, ...] = (
    "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa",
    "1BoatSLRHtKNngkdXEeobR76b53LETtpyT",
    "1FeexV6bAHb8ybZjqQMjJrcCrHGW9sb6uF",
    "1dice8EMZmqKvrGE4Qc9bUFf9PX3xaYDp",
    "1BitcoinEaterAddressDontSendf59kuE",
    "1CounterpartyXXXXXXXXXXXXXXXUWLpVr",
    "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy",
    "34xp4vRoCGJym3xR7yCVPFHoCNxv4Twseo",
    "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
    "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
)

_COUNTRIES: tuple[tuple[str, str, float], ...] = (
    # (ISO code, Faker locale, weight)
    ("US", "en_US", 0.55),
    ("GB", "en_GB", 0.20),
    ("DE", "de_DE", 0.15),
    ("FR", "fr_FR", 0.10),
)
_LOCALES = tuple(locale for _, locale, _ in _COUNTRIES)
_EMAIL_DOMAINS = ("gmail.com", "yahoo.com", "outlook.com", "example.com", "proton.me", "gmx.de")

_SUBJECTS = (
    "Charged twice for my order",
    "Refund not received",
    "Cannot log in to my account",
    "Please update my shipping address",
    "Card declined at checkout",
    "Change the email on my account",
    "Question about my invoice",
    "Package never arrived",
    "Close my account",
    "Wrong item delivered",
    "Subscription renewed without notice",
    "Identity verification keeps failing",
    "Withdrawal to my wallet is stuck",
    "Bank transfer not showing up",
    "Upgrade to VIP",
    "Two-factor codes not arriving",
)
_STATUSES = ("new", "open", "pending", "solved")
_STATUS_WEIGHTS = (0.10, 0.35, 0.20, 0.35)
_PRIORITIES = ("low", "normal", "high", "urgent")
_PRIORITY_WEIGHTS = (0.25, 0.50, 0.18, 0.07)

_CUSTOMER_PLAIN = (
    "Any update on this? It has been three days.",
    "The app keeps crashing when I open the billing page.",
    "Thanks, that worked!",
    "I already tried logging out and back in, no luck.",
    "This is really frustrating, please escalate.",
    "Still waiting for an answer here.",
    "Never mind, it showed up this morning.",
    "Can someone please call me back? I'd rather sort this out on the phone.",
)
_AGENT_PLAIN = (
    "Thanks for reaching out! I've escalated this to our billing team.",
    "Sorry for the trouble. Could you try clearing your browser cache and let me know?",
    "I've issued the refund; it can take 5-7 business days to show up.",
    "Happy to help. I've passed this on to the logistics team and will update you tomorrow.",
    "Thanks for your patience. This should be fixed now, can you confirm?",
    "For security reasons we can't change this over chat. I've sent you a verification link.",
    "I'm closing this ticket for now; just reply if anything else comes up.",
)


@dataclass(frozen=True)
class _Customer:
    """The requester values a comment may quote."""

    id: int
    first_name: str
    email: str
    phone: str
    street_address: str
    city: str
    date_of_birth: dt.date
    ssn: str
    card_number: str
    iban: str
    btc_wallet: str
    eth_wallet: str
    passport_number: str


# ---------------------------------------------------------------- checksummed identifiers


def luhn_is_valid(number: str) -> bool:
    """True if the digits of `number` (separators ignored) pass the Luhn check."""
    digits = [int(c) for c in number if c.isdigit()]
    if len(digits) < 2:
        return False
    total = 0
    for i, digit in enumerate(reversed(digits)):
        doubled = digit * 2 if i % 2 == 1 else digit
        total += doubled - 9 if doubled > 9 else doubled
    return total % 10 == 0


def _luhn_check_digit(partial: str) -> str:
    for check in "0123456789":
        if luhn_is_valid(partial + check):
            return check
    raise AssertionError("unreachable: one of ten digits always completes a Luhn sum")


def _card_number(rng: random.Random) -> str:
    if rng.random() < 0.6:
        prefix = "4"  # Visa
    elif rng.random() < 0.7:
        prefix = str(rng.randint(51, 55))  # Mastercard, classic range
    else:
        prefix = str(rng.randint(2221, 2720))  # Mastercard, 2-series range
    body = prefix + "".join(rng.choice("0123456789") for _ in range(15 - len(prefix)))
    return body + _luhn_check_digit(body)


def _iban_numeric(text: str) -> int:
    return int("".join(str(int(c, 36)) for c in text))


def iban_is_valid(iban: str) -> bool:
    """True if `iban` (spaces ignored) passes the ISO 13616 mod-97 check."""
    compact = iban.replace(" ", "").upper()
    if not re.fullmatch(r"[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}", compact):
        return False
    return _iban_numeric(compact[4:] + compact[:4]) % 97 == 1


def _iban(rng: random.Random, country: str) -> str:
    def digits(n: int) -> str:
        return "".join(rng.choice("0123456789") for _ in range(n))

    if country == "GB":
        bban = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(4)) + digits(14)
    elif country == "FR":
        bank, branch, account = digits(5), digits(5), digits(11)
        # The French RIB key is its own mod-97 check inside the BBAN; real validators check it.
        rib = 97 - (89 * int(bank) + 15 * int(branch) + 3 * int(account)) % 97
        bban = f"{bank}{branch}{account}{rib:02d}"
    elif country == "DE":
        bban = digits(18)
    else:
        # US has no IBANs; these customers bank in Europe.
        return _iban(rng, rng.choice(("DE", "GB", "FR")))
    check = 98 - _iban_numeric(bban + country + "00") % 97
    return f"{country}{check:02d}{bban}"


def _ssn(rng: random.Random) -> str:
    # Areas 000, 666 and 900-999 were never issued; detectors reject them as fake.
    area = rng.choice([a for a in range(1, 900) if a != 666])
    return f"{area:03d}-{rng.randint(1, 99):02d}-{rng.randint(1, 9999):04d}"


def _phone(rng: random.Random, country: str) -> str:
    def d(n: int) -> str:
        return "".join(rng.choice("0123456789") for _ in range(n))

    if country == "GB":
        return rng.choice((f"+44 20 {d(4)} {d(4)}", f"020 {d(4)} {d(4)}", f"+44 7{d(3)} {d(6)}"))
    if country == "DE":
        return rng.choice((f"+49 30 {d(8)}", f"030 {d(8)}", f"+49 151 {d(8)}"))
    if country == "FR":
        pairs = " ".join(d(2) for _ in range(4))
        return rng.choice((f"+33 1 {pairs}", f"01 {pairs}", f"+33 6 {pairs}"))
    area, exchange, line = str(rng.randint(201, 989)), str(rng.randint(200, 999)), d(4)
    return rng.choice(
        (
            f"+1 {area}-{exchange}-{line}",
            f"({area}) {exchange}-{line}",
            f"{area}.{exchange}.{line}",
            f"{area}-{exchange}-{line}",
            f"+1{area}{exchange}{line}",
        )
    )


def _passport(rng: random.Random, country: str) -> str:
    if country in ("US", "GB"):
        return f"{rng.randint(100_000_000, 999_999_999)}"
    return rng.choice("CFGHJK") + f"{rng.randint(0, 99_999_999):08d}"


def _ascii_slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]", "", plain.lower())


def _email(rng: random.Random, first: str, last: str, taken: set[str]) -> str:
    f, la = _ascii_slug(first) or "user", _ascii_slug(last) or "mail"
    local = rng.choice((f"{f}.{la}", f"{f}{la}", f"{f[0]}.{la}", f"{f}_{la}", f"{la}.{f}"))
    domain = rng.choice(_EMAIL_DOMAINS)
    email = f"{local}@{domain}"
    n = 1
    while email in taken:
        n += 1
        email = f"{local}{n}@{domain}"
    taken.add(email)
    return email


def _timestamp(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _between(rng: random.Random, start: dt.datetime, end: dt.datetime) -> dt.datetime:
    span = max(int((end - start).total_seconds()), 1)
    return start + dt.timedelta(seconds=rng.randrange(span))


# ---------------------------------------------------------------- comment text


def _spaced(text: str, group: int = 4) -> str:
    return " ".join(text[i : i + group] for i in range(0, len(text), group))


def _card_as_typed(rng: random.Random, card: str) -> str:
    return rng.choice((_spaced(card), card, "-".join(_spaced(card).split())))


def _dob_as_typed(rng: random.Random, dob: dt.date) -> str:
    return rng.choice(
        (
            dob.strftime("%m/%d/%Y"),
            dob.strftime("%d.%m.%Y"),
            dob.isoformat(),
            f"{dob.strftime('%B')} {dob.day}, {dob.year}",
        )
    )


_Mention = Callable[[random.Random, _Customer], str]

_MENTIONS: tuple[_Mention, ...] = (
    lambda r, c: f"Hi, my card {_card_as_typed(r, c.card_number)} was charged twice, call me on {c.phone}",
    lambda r, c: f"my email is {c.email}, please use that one from now on.",
    lambda r, c: f"I moved to {c.street_address}, {c.city}. Please update the shipping address.",
    lambda r, c: f"For verification, my SSN is {c.ssn}.",
    lambda r, c: f"DOB {_dob_as_typed(r, c.date_of_birth)} if you need to check my identity.",
    lambda r, c: f"please send the refund to my wallet {c.eth_wallet}",
    lambda r, c: f"Withdrawal should go to {c.btc_wallet}, not the old address.",
    lambda r, c: f"My IBAN is {r.choice((_spaced(c.iban), c.iban))}, can you wire the money there?",
    lambda r, c: f"passport number {c.passport_number} - the ID check keeps rejecting it.",
    lambda r, c: f"You can reach me at {c.phone} or {c.email} anytime after 5pm.",
    lambda r, c: (
        f"The charge on {_card_as_typed(r, c.card_number)} is not mine. "
        f"I was born {_dob_as_typed(r, c.date_of_birth)} if you need to verify."
    ),
)
_AGENT_MENTIONS: tuple[_Mention, ...] = (
    lambda r, c: f"I've updated the email on file to {c.email}.",
    lambda r, c: f"We'll call you back on {c.phone} within the hour.",
)


def _customer_comment(rng: random.Random, customer: _Customer, with_pii: bool) -> str:
    if not with_pii:
        return rng.choice(_CUSTOMER_PLAIN)
    text = rng.choice(_MENTIONS)(rng, customer)
    if rng.random() < 0.3:
        stop = "" if text[-1] in ".!?" else "."
        text = f"{text}{stop} {rng.choice(_CUSTOMER_PLAIN)}"
    if rng.random() < 0.3 and not text.startswith("Hi"):
        # "My card" -> "my card", but "I moved" and "DOB" keep their capitals.
        lead = text[0].lower() if text[1].islower() else text[0]
        text = f"Hi {rng.choice(('there', 'team'))}, {lead}{text[1:]}"
    return text


def _agent_comment(rng: random.Random, customer: _Customer) -> str:
    greeting = rng.choice(("Hi there,", f"Hi {customer.first_name},", "Hello,"))
    if rng.random() < 0.08:
        return f"{greeting}\n\n{rng.choice(_AGENT_MENTIONS)(rng, customer)}"
    return f"{greeting}\n\n{rng.choice(_AGENT_PLAIN)}"


# ---------------------------------------------------------------- database


def _insert_customers(
    conn: sqlite3.Connection, fake: Faker, rng: random.Random, count: int
) -> list[tuple[_Customer, dt.datetime]]:
    weights = [w for _, _, w in _COUNTRIES]
    emails: set[str] = set()
    out: list[tuple[_Customer, dt.datetime]] = []
    rows = []
    for user_id in range(1, count + 1):
        country, locale, _ = rng.choices(_COUNTRIES, weights)[0]
        local = fake[locale]
        first, last = local.first_name(), local.last_name()
        created = _between(rng, _EPOCH_START, _SEED_NOW - dt.timedelta(days=30))
        updated = _between(rng, created, _SEED_NOW)
        dob = dt.date(1940, 1, 1) + dt.timedelta(days=rng.randrange(365 * 65))
        customer = _Customer(
            id=user_id,
            first_name=first,
            email=_email(rng, first, last, emails),
            phone=_phone(rng, country),
            # en_GB puts "Flat 3" on its own line; one line is what a form field holds.
            street_address=local.street_address().replace("\n", ", "),
            city=local.city(),
            date_of_birth=dob,
            ssn=_ssn(rng),
            card_number=_card_number(rng),
            iban=_iban(rng, country),
            btc_wallet=rng.choice(_BTC_WALLETS),
            eth_wallet="0x" + "".join(rng.choice("0123456789abcdef") for _ in range(40)),
            passport_number=_passport(rng, country),
        )
        out.append((customer, created))
        rows.append(
            (
                user_id,
                str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                f"{first} {last}",
                customer.email,
                customer.phone,
                customer.street_address,
                customer.city,
                local.postcode(),
                country,
                dob.isoformat(),
                customer.ssn,
                customer.card_number,
                customer.iban,
                customer.btc_wallet,
                customer.eth_wallet,
                round(rng.uniform(-500, 25_000), 2),
                customer.passport_number,
                "vip" if rng.random() < 0.1 else "standard",
                _timestamp(created),
                _timestamp(updated),
            )
        )
    conn.executemany(
        "INSERT INTO users VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows
    )
    return out


def _insert_tickets(
    conn: sqlite3.Connection,
    rng: random.Random,
    customers: Sequence[tuple[_Customer, dt.datetime]],
    count: int,
) -> None:
    tickets = []
    comments = []
    comment_id = 0
    for ticket_id in range(1, count + 1):
        customer, customer_since = rng.choice(customers)
        created = _between(rng, customer_since, _SEED_NOW - dt.timedelta(days=2))
        status = rng.choices(_STATUSES, _STATUS_WEIGHTS)[0]
        moment = created
        # New tickets have only the customer's first message; others carry on a conversation.
        n_comments = 1 if status == "new" else rng.choice((1, 2, 3, 3, 4, 4, 5))
        author = "customer"
        for i in range(n_comments):
            if i > 0:
                author = "agent" if rng.random() < 0.55 else "customer"
                moment = min(moment + dt.timedelta(minutes=rng.randint(5, 3000)), _SEED_NOW)
            if author == "customer":
                # The opening message usually explains the problem with the details attached.
                with_pii = rng.random() < (0.85 if i == 0 else 0.6)
                body = _customer_comment(rng, customer, with_pii)
            else:
                body = _agent_comment(rng, customer)
            comment_id += 1
            comments.append((comment_id, ticket_id, author, body, _timestamp(moment)))
        tickets.append(
            (
                ticket_id,
                rng.choice(_SUBJECTS),
                status,
                rng.choices(_PRIORITIES, _PRIORITY_WEIGHTS)[0],
                customer.id,
                rng.choice(AGENTS),
                _timestamp(created),
                _timestamp(moment),
            )
        )
    conn.executemany("INSERT INTO tickets VALUES (?, ?, ?, ?, ?, ?, ?, ?)", tickets)
    conn.executemany("INSERT INTO comments VALUES (?, ?, ?, ?, ?)", comments)


def is_seeded(db_path: Path) -> bool:
    """True if `db_path` holds a database that a completed `seed` wrote."""
    if not db_path.is_file():
        return False
    try:
        # Read-only, so probing never creates or touches the file.
        uri = db_path.resolve().as_uri() + "?mode=ro"
        with contextlib.closing(sqlite3.connect(uri, uri=True)) as conn:
            row = conn.execute("SELECT value FROM seed_meta WHERE key = 'completed'").fetchone()
    except sqlite3.DatabaseError:
        return False
    return row is not None and row[0] == "1"


@contextlib.contextmanager
def _temp_beside(db_path: Path) -> Iterator[Path]:
    # Same directory, so the final os.replace is an atomic rename on one filesystem.
    fd, name = tempfile.mkstemp(prefix=f".{db_path.name}.", suffix=".tmp", dir=db_path.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
    finally:
        tmp.unlink(missing_ok=True)


def seed(db_path: Path, customers: int = 1000, tickets: int = 3000, seed: int = 20250501) -> bool:
    """Create the demo database at `db_path`; False (and no change) if it is already seeded.

    The database is built in a temporary file and renamed into place, so `db_path` is either
    absent, a complete seed, or whatever was there before — never half-written. The same
    `seed` gives the same rows (for a given Faker version).
    """
    if customers < 1 or tickets < 0:
        raise ValueError("need at least one customer and a non-negative ticket count")
    if is_seeded(db_path):
        return False
    db_path.parent.mkdir(parents=True, exist_ok=True)
    fake = Faker(list(_LOCALES))
    fake.seed_instance(seed)
    rng = random.Random(seed)
    with _temp_beside(db_path) as tmp:
        with contextlib.closing(sqlite3.connect(tmp)) as conn:
            # Durability comes from the rename below, not from SQLite: a crash mid-seed just
            # leaves a stray temp file, so skip the journal and per-commit syncs.
            conn.execute("PRAGMA journal_mode = OFF")
            conn.execute("PRAGMA synchronous = OFF")
            conn.executescript(SCHEMA)
            people = _insert_customers(conn, fake, rng, customers)
            _insert_tickets(conn, rng, people, tickets)
            conn.executemany(
                "INSERT INTO seed_meta VALUES (?, ?)",
                [
                    ("seed", str(seed)),
                    ("customers", str(customers)),
                    ("tickets", str(tickets)),
                    ("completed", "1"),
                ],
            )
            conn.commit()
        with tmp.open("rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, db_path)
    return True


def main(argv: list[str] | None = None) -> int:
    """CLI: seed the demo database unless it already exists."""
    parser = argparse.ArgumentParser(prog="python -m proxy.demo.seed", description=__doc__)
    parser.add_argument("--db", type=Path, default=Path("var/demo-crm.sqlite"))
    parser.add_argument("--customers", type=int, default=1000)
    parser.add_argument("--tickets", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=20250501)
    args = parser.parse_args(argv)
    created = seed(args.db, customers=args.customers, tickets=args.tickets, seed=args.seed)
    print(f"{'seeded' if created else 'already seeded'}: {args.db}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
