"""A fast fixture CRM for the benchmark: pre-built HTTP/1.1 responses served from asyncio streams.

`GET /api/v2/users?size=2k|20k|200k&v=N` returns variant N (mod the variant count) of a Zendesk-like
user list of that size; `GET /healthz` returns `{"ok":true}`. Every response is built once, at
start-up, headers included, so serving one is a dict look-up and a socket write: the upstream must
never be what the benchmark measures. Bodies are seeded, so a run is reproducible.

Run as `python -m tests.bench.upstream --port 0`; once listening it prints `READY <port>` on stdout.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import random
import signal
import sys
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

import orjson
from faker import Faker

USERS_PATH = "/api/v2/users"


@dataclass(frozen=True, slots=True)
class Size:
    """One response size: its query name, users per body and default number of distinct bodies."""

    name: str
    users: int
    variants: int


SIZES: tuple[Size, ...] = (
    Size("2k", 2, 12000),  # enough that no light-load run wraps around into a warm cache
    Size("20k", 20, 2500),
    Size("200k", 200, 300),
)

_MAX_HEAD = 16 * 1024
_IDLE_TIMEOUT = 60.0
_LOCALES = ("en_US", "en_GB", "de_DE")
_EMAIL_DOMAINS = ("gmail.com", "yahoo.com", "outlook.com", "example.com", "proton.me")
_BTC = (
    "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa",
    "1BoatSLRHtKNngkdXEeobR76b53LETtpyT",
    "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy",
    "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
    "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
)
_TAGS = ("vip", "kyc_pending", "kyc_ok", "chargeback", "newsletter", "beta", "churn_risk", "whale")
_TIME_ZONES = ("Eastern Time (US & Canada)", "London", "Berlin", "Pacific Time (US & Canada)")
_EPOCH = dt.datetime(2019, 1, 1, tzinfo=dt.UTC)


# ---------------------------------------------------------------- fake, checksummed values


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def _luhn_complete(partial: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(partial)):
        d = int(ch)
        if i % 2 == 0:  # these positions are doubled once the check digit is appended
            d = d * 2 - 9 if d * 2 > 9 else d * 2
        total += d
    return partial + str((10 - total % 10) % 10)


def card_number(rng: random.Random) -> str:
    """A Luhn-valid 16-digit Visa or Mastercard number."""
    prefix = "4" if rng.random() < 0.6 else str(rng.randint(51, 55))
    return _luhn_complete(prefix + _digits(rng, 15 - len(prefix)))


def _iban(rng: random.Random) -> str:
    country, bban = rng.choice((("DE", _digits(rng, 18)), ("FR", _digits(rng, 23)), ("NL", _digits(rng, 14))))
    if country == "NL":
        bban = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(4)) + bban[:10]
    numeric = int("".join(str(int(c, 36)) for c in bban + country + "00"))
    return f"{country}{98 - numeric % 97:02d}{bban}"


def _ssn(rng: random.Random) -> str:
    area = rng.choice([a for a in range(1, 900) if a != 666])
    return f"{area:03d}-{rng.randint(1, 99):02d}-{rng.randint(1, 9999):04d}"


def _phone(rng: random.Random) -> str:
    area, exchange = rng.randint(201, 989), rng.randint(200, 999)
    return rng.choice(
        (
            f"+1 {area}-{exchange}-{_digits(rng, 4)}",
            f"({area}) {exchange}-{_digits(rng, 4)}",
            f"+44 20 {_digits(rng, 4)} {_digits(rng, 4)}",
            f"+49 30 {_digits(rng, 8)}",
        )
    )


def _spaced(text: str) -> str:
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def _stamp(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


class _Pools:
    """Faker is slow (~200 µs a user); sample pools once and combine them per user instead."""

    def __init__(self, seed: int) -> None:
        fake = Faker(list(_LOCALES))
        fake.seed_instance(seed)
        self.first = sorted({fake[loc].first_name() for loc in _LOCALES for _ in range(400)})
        self.last = sorted({fake[loc].last_name() for loc in _LOCALES for _ in range(400)})
        self.streets = [
            fake[loc].street_address().replace("\n", ", ") for loc in _LOCALES for _ in range(500)
        ]
        self.cities = sorted({fake[loc].city() for loc in _LOCALES for _ in range(100)})


def _notes(rng: random.Random, first: str, phone: str, email: str, card: str) -> str:
    typed = rng.choice((card, _spaced(card), "-".join(_spaced(card).split())))
    return rng.choice(
        (
            f"{first} called from {phone} about a double charge on card {typed}; reply to {email}.",
            f"Customer asked us to use {email} from now on. Card on file {typed} was declined twice.",
            f"Spoke with {first} on {phone}. Refund for card ending {card[-4:]} approved, see {typed}.",
            f"Chargeback opened on {typed}. {first} can be reached at {phone} or {email} after 5pm.",
        )
    )


def _user(rng: random.Random, pools: _Pools, user_id: int) -> dict[str, object]:
    first, last = rng.choice(pools.first), rng.choice(pools.last)
    email = f"{first.lower()}.{last.lower()}{rng.randint(1, 999)}@{rng.choice(_EMAIL_DOMAINS)}"
    email = email.encode("ascii", "ignore").decode().replace(" ", "")
    phone, card = _phone(rng), card_number(rng)
    created = _EPOCH + dt.timedelta(seconds=rng.randrange(150_000_000))
    updated = created + dt.timedelta(seconds=rng.randrange(10_000_000))
    dob = dt.date(1945, 1, 1) + dt.timedelta(days=rng.randrange(365 * 60))
    return {
        "id": user_id,
        "url": f"https://acme.zendesk.example/api/v2/users/{user_id}.json",
        "name": f"{first} {last}",
        "email": email,
        "phone": phone,
        "street_address": rng.choice(pools.streets),
        "city": rng.choice(pools.cities),
        "date_of_birth": dob.isoformat(),
        "ssn": _ssn(rng),
        "card_number": card,
        "iban": _iban(rng),
        "btc_wallet": rng.choice(_BTC),
        "balance": round(rng.uniform(0, 250_000), 2),
        "role": "end-user",
        "locale": rng.choice(("en-US", "en-GB", "de")),
        "time_zone": rng.choice(_TIME_ZONES),
        "verified": rng.random() < 0.8,
        "suspended": rng.random() < 0.02,
        "tags": rng.sample(_TAGS, rng.randint(0, 3)),
        "organization_id": rng.randint(10**9, 10**10),
        "external_id": f"{rng.getrandbits(64):016x}",
        "alias": None,
        "photo": None,
        "moderator": False,
        "shared_phone_number": False,
        "two_factor_auth_enabled": rng.random() < 0.5,
        "ticket_restriction": "requested",
        "user_fields": {"kyc_level": rng.randint(0, 3), "preferred_channel": rng.choice(("email", "phone"))},
        "created_at": _stamp(created),
        "updated_at": _stamp(updated),
        "last_login_at": _stamp(updated + dt.timedelta(seconds=rng.randrange(1_000_000))),
        "notes": _notes(rng, first, phone, email, card),
    }


def build_bodies(size: Size, variants: int, seed: int, pools: _Pools) -> list[bytes]:
    """`variants` distinct JSON bodies of `size.users` users each (ids unique across all bodies)."""
    rng = random.Random(f"{seed}:{size.name}")
    bodies = []
    base = 360_000_000_000 + (SIZES.index(size) * 10**9)
    for v in range(variants):
        users = [_user(rng, pools, base + v * size.users + i) for i in range(size.users)]
        page = {
            "users": users,
            "next_page": f"https://acme.zendesk.example/api/v2/users.json?page={v + 2}",
            "previous_page": None,
            "count": size.users * variants,
        }
        bodies.append(orjson.dumps(page))
    return bodies


def _response(status: int, reason: str, body: bytes, content_type: str = "application/json") -> bytes:
    head = (
        f"HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\n"
        f"Content-Length: {len(body)}\r\nServer: bench-upstream\r\n\r\n"
    )
    return head.encode("ascii") + body


class Upstream:
    """Pre-built responses by size name, and the asyncio connection handler serving them."""

    def __init__(self, responses: dict[str, list[bytes]]) -> None:
        self._responses = responses
        self._health = _response(200, "OK", b'{"ok":true}')
        self._not_found = _response(404, "Not Found", b'{"error":"not_found"}')

    def lookup(self, target: str) -> bytes:
        parts = urlsplit(target)
        if parts.path == "/healthz":
            return self._health
        if parts.path != USERS_PATH:
            return self._not_found
        query = parse_qs(parts.query)
        bodies = self._responses.get(query.get("size", ["2k"])[0])
        if not bodies:
            return self._not_found
        try:
            v = int(query.get("v", ["0"])[0])
        except ValueError:
            return self._not_found
        return bodies[v % len(bodies)]

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                try:
                    head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), _IDLE_TIMEOUT)
                except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, TimeoutError):
                    return
                lines = head.decode("latin-1").split("\r\n")
                request_line = lines[0].split(" ")
                if len(request_line) != 3:
                    return
                close = False
                length = 0
                for line in lines[1:]:
                    name, _, value = line.partition(":")
                    lname = name.strip().lower()
                    if lname == "content-length":
                        length = int(value.strip() or "0")
                    elif lname == "connection" and value.strip().lower() == "close":
                        close = True
                if length:
                    await reader.readexactly(length)
                writer.write(self.lookup(request_line[1]))
                await writer.drain()
                if close or request_line[2] == "HTTP/1.0":
                    return
        except (ConnectionError, asyncio.IncompleteReadError, ValueError):
            return
        finally:
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()


def build_all(variants: dict[str, int], seed: int) -> dict[str, list[bytes]]:
    pools = _Pools(seed)
    out: dict[str, list[bytes]] = {}
    for size in SIZES:
        bodies = build_bodies(size, variants.get(size.name, size.variants), seed, pools)
        out[size.name] = [_response(200, "OK", body) for body in bodies]
    return out


async def _serve(host: str, port: int, upstream: Upstream) -> None:
    server = await asyncio.start_server(upstream.handle, host, port, limit=_MAX_HEAD, backlog=1024)
    bound = server.sockets[0].getsockname()[1]
    print(f"READY {bound}", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    async with server:
        await stop.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench-upstream", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--seed", type=int, default=1)
    for size in SIZES:
        parser.add_argument(f"--variants-{size.name}", type=int, default=size.variants)
    args = parser.parse_args(argv)
    variants = {size.name: max(1, getattr(args, f"variants_{size.name}")) for size in SIZES}
    responses = build_all(variants, args.seed)
    asyncio.run(_serve(args.host, args.port, Upstream(responses)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
