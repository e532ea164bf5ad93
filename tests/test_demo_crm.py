"""The demo CRM over real HTTP: shapes, status codes, auth, gzip, ETags, CSV, console page."""

from __future__ import annotations

import contextlib
import csv
import gzip
import hashlib
import http.client
import io
import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from proxy.demo.crm import CSV_COLUMNS, USER_COLUMNS, main, make_server
from proxy.demo.seed import seed

CUSTOMERS = 30
TICKETS = 60
API_KEY = "test-key-123"
REPO = Path(__file__).resolve().parents[1]
USER_KEYS = {
    "id",
    "external_id",
    "name",
    "email",
    "phone",
    "street_address",
    "city",
    "postal_code",
    "country",
    "date_of_birth",
    "ssn",
    "card_number",
    "iban",
    "btc_wallet",
    "eth_wallet",
    "balance",
    "passport_number",
    "tier",
    "created_at",
    "updated_at",
}
TICKET_KEYS = {
    "id",
    "subject",
    "status",
    "priority",
    "requester_id",
    "assignee_id",
    "created_at",
    "updated_at",
}
IDENTITY = {"Accept-Encoding": "identity"}


@dataclass(frozen=True)
class Running:
    url: str
    host: str
    port: int
    db: Path


@contextlib.contextmanager
def serve(db: Path, api_key: str | None = None) -> Iterator[Running]:
    server = make_server("127.0.0.1", 0, db, api_key=api_key)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield Running(f"http://{host}:{port}", str(host), int(port), db)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("crm") / "crm.sqlite"
    assert seed(path, customers=CUSTOMERS, tickets=TICKETS)
    return path


@pytest.fixture(scope="module")
def crm(db: Path) -> Iterator[Running]:
    with serve(db) as running:
        yield running


@pytest.fixture
def client(crm: Running) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=crm.url, timeout=10) as c:
        yield c


@pytest.fixture
def writable_crm(tmp_path: Path, db: Path) -> Iterator[Running]:
    # POST tests write; a private copy keeps the shared module DB's counts stable.
    copy = tmp_path / "crm.sqlite"
    shutil.copyfile(db, copy)
    with serve(copy) as running:
        yield running


def db_rows(db: Path, sql: str, *args: object) -> list[sqlite3.Row]:
    with contextlib.closing(sqlite3.connect(db)) as conn:
        conn.row_factory = sqlite3.Row
        return conn.execute(sql, args).fetchall()


def raw_get(
    running: Running, path: str, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], bytes]:
    """GET without any client-side decoding, to see exactly what is on the wire."""
    conn = http.client.HTTPConnection(running.host, running.port, timeout=10)
    try:
        conn.request("GET", path, headers=headers or {})
        resp = conn.getresponse()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
    finally:
        conn.close()


# ---------------------------------------------------------------- basics


def test_binds_exactly_what_is_given(crm: Running) -> None:
    assert crm.host == "127.0.0.1"
    assert crm.port > 0


def test_missing_db_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        make_server("127.0.0.1", 0, tmp_path / "nope.sqlite")
    assert not (tmp_path / "nope.sqlite").exists()


def test_healthz(client: httpx.Client) -> None:
    r = client.get("/healthz")
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/json; charset=utf-8"
    assert r.json() == {"ok": True}


def test_json_headers_etag_and_length(crm: Running) -> None:
    status, headers, body = raw_get(crm, "/api/v2/users/1", IDENTITY)
    assert status == 200
    assert headers["content-type"] == "application/json; charset=utf-8"
    assert int(headers["content-length"]) == len(body)
    assert headers["etag"] == '"' + hashlib.sha1(body).hexdigest() + '"'
    assert "content-encoding" not in headers


def test_if_none_match_gives_304(client: httpx.Client) -> None:
    first = client.get("/api/v2/users/2", headers=IDENTITY)
    again = client.get("/api/v2/users/2", headers={**IDENTITY, "If-None-Match": first.headers["etag"]})
    assert again.status_code == 304
    assert again.content == b""
    stale = client.get("/api/v2/users/2", headers={**IDENTITY, "If-None-Match": '"nope"'})
    assert stale.status_code == 200


def test_head_matches_get_without_body(crm: Running) -> None:
    _, get_headers, body = raw_get(crm, "/api/v2/users", IDENTITY)
    conn = http.client.HTTPConnection(crm.host, crm.port, timeout=10)
    try:
        conn.request("HEAD", "/api/v2/users", headers=IDENTITY)
        resp = conn.getresponse()
        assert resp.status == 200
        assert resp.read() == b""
        assert resp.getheader("Content-Length") == str(len(body))
        assert resp.getheader("ETag") == get_headers["etag"]
    finally:
        conn.close()


# ---------------------------------------------------------------- users


def test_users_first_page(client: httpx.Client, db: Path, crm: Running) -> None:
    r = client.get("/api/v2/users")
    assert r.status_code == 200
    data = r.json()
    assert set(data) == {"users", "count", "next_page"}
    assert data["count"] == CUSTOMERS
    assert len(data["users"]) == 25
    assert [u["id"] for u in data["users"]] == list(range(1, 26))
    assert data["next_page"] == f"{crm.url}/api/v2/users?page=2&per_page=25"
    first = data["users"][0]
    assert set(first) == USER_KEYS
    assert set(USER_COLUMNS) == USER_KEYS
    row = db_rows(db, "SELECT * FROM users WHERE id = 1")[0]
    assert first == {k: row[k] for k in USER_KEYS}


def test_users_pagination(client: httpx.Client) -> None:
    page2 = client.get("/api/v2/users", params={"page": 2, "per_page": 25}).json()
    assert [u["id"] for u in page2["users"]] == list(range(26, 31))
    assert page2["next_page"] is None
    small = client.get("/api/v2/users", params={"page": 3, "per_page": 7}).json()
    assert [u["id"] for u in small["users"]] == list(range(15, 22))
    assert small["next_page"].endswith("/api/v2/users?page=4&per_page=7")
    exact = client.get("/api/v2/users", params={"page": 3, "per_page": 10}).json()
    assert [u["id"] for u in exact["users"]] == list(range(21, 31))
    assert exact["next_page"] is None
    beyond = client.get("/api/v2/users", params={"page": 99}).json()
    assert beyond["users"] == [] and beyond["count"] == CUSTOMERS and beyond["next_page"] is None


def test_per_page_is_capped_at_100(tmp_path: Path) -> None:
    db = tmp_path / "crm.sqlite"
    seed(db, customers=130, tickets=1)
    with serve(db) as running, httpx.Client(base_url=running.url) as c:
        data = c.get("/api/v2/users", params={"per_page": 500}).json()
        assert len(data["users"]) == 100
        assert data["next_page"].endswith("page=2&per_page=100")


@pytest.mark.parametrize("query", ["page=0", "page=abc", "per_page=-1", "per_page=x"])
def test_bad_paging_is_400(client: httpx.Client, query: str) -> None:
    r = client.get(f"/api/v2/users?{query}")
    assert r.status_code == 400
    assert r.json()["error"] == "InvalidParameter"


def test_user_by_id_and_404(client: httpx.Client, db: Path) -> None:
    r = client.get("/api/v2/users/7")
    assert r.status_code == 200
    user = r.json()["user"]
    assert set(user) == USER_KEYS
    assert user["email"] == db_rows(db, "SELECT email FROM users WHERE id = 7")[0][0]
    assert client.get("/api/v2/users/7.json").json() == r.json()
    missing = client.get("/api/v2/users/9999")
    assert missing.status_code == 404
    assert missing.headers["content-type"] == "application/json; charset=utf-8"
    assert missing.json()["error"] == "RecordNotFound"
    assert client.get("/api/v2/users/99999999999999999999999").status_code == 404


def test_search_users(client: httpx.Client, db: Path) -> None:
    target = db_rows(db, "SELECT * FROM users WHERE id = 3")[0]
    by_email = client.get("/api/v2/users/search", params={"query": target["email"].upper()}).json()
    assert by_email["count"] == len(by_email["users"]) >= 1
    assert target["id"] in [u["id"] for u in by_email["users"]]
    assert set(by_email["users"][0]) == USER_KEYS
    surname = target["name"].split()[-1]
    by_name = client.get("/api/v2/users/search", params={"query": surname.lower()}).json()
    assert target["id"] in [u["id"] for u in by_name["users"]]
    for u in by_name["users"]:
        assert surname.casefold() in u["name"].casefold() or surname.casefold() in u["email"].casefold()
    none = client.get("/api/v2/users/search", params={"query": "zzqqxx-no-such-person"}).json()
    assert none == {"users": [], "count": 0}
    # LIKE wildcards are plain characters here, not "match everything".
    assert client.get("/api/v2/users/search", params={"query": "%"}).json()["count"] == 0
    assert client.get("/api/v2/users/search").status_code == 400


def test_search_folds_non_ascii_case(tmp_path: Path) -> None:
    db = tmp_path / "crm.sqlite"
    seed(db, customers=3, tickets=1)
    with contextlib.closing(sqlite3.connect(db)) as conn:
        conn.execute("UPDATE users SET name = 'Ösel Müller' WHERE id = 2")
        conn.commit()
    with serve(db) as running, httpx.Client(base_url=running.url) as c:
        found = c.get("/api/v2/users/search", params={"query": "MÜLLER"}).json()
    assert [u["id"] for u in found["users"]] == [2]
    assert found["users"][0]["name"] == "Ösel Müller"


def test_search_caps_at_100(tmp_path: Path) -> None:
    db = tmp_path / "crm.sqlite"
    seed(db, customers=130, tickets=1)
    with serve(db) as running, httpx.Client(base_url=running.url) as c:
        found = c.get("/api/v2/users/search", params={"query": "@"}).json()
    assert found["count"] == 100 and len(found["users"]) == 100


def test_user_tickets(client: httpx.Client, db: Path) -> None:
    requester = db_rows(db, "SELECT requester_id, count(*) FROM tickets GROUP BY 1 ORDER BY 2 DESC")[0]
    data = client.get(f"/api/v2/users/{requester[0]}/tickets").json()
    assert data["count"] == requester[1] == len(data["tickets"])
    assert all(t["requester_id"] == requester[0] for t in data["tickets"])
    assert all(set(t) == TICKET_KEYS for t in data["tickets"])
    assert client.get("/api/v2/users/9999/tickets").status_code == 404


# ---------------------------------------------------------------- tickets and comments


def test_tickets_list(client: httpx.Client) -> None:
    data = client.get("/api/v2/tickets", params={"per_page": 50}).json()
    assert set(data) == {"tickets", "count", "next_page"}
    assert data["count"] == TICKETS
    assert len(data["tickets"]) == 50
    assert all(set(t) == TICKET_KEYS for t in data["tickets"])
    assert data["tickets"][0]["assignee_id"].startswith("agent-")
    assert data["next_page"].endswith("/api/v2/tickets?page=2&per_page=50")
    last = client.get(data["next_page"]).json()
    assert len(last["tickets"]) == 10 and last["next_page"] is None


def test_ticket_with_requester(client: httpx.Client) -> None:
    ticket = client.get("/api/v2/tickets/4").json()["ticket"]
    assert set(ticket) == TICKET_KEYS | {"requester"}
    assert ticket["id"] == 4
    assert ticket["requester"] == client.get(f"/api/v2/users/{ticket['requester_id']}").json()["user"]
    r = client.get("/api/v2/tickets/9999")
    assert r.status_code == 404 and r.json()["error"] == "RecordNotFound"


def test_comments(client: httpx.Client, db: Path) -> None:
    ticket = client.get("/api/v2/tickets/1").json()["ticket"]
    data = client.get("/api/v2/tickets/1/comments").json()
    rows = db_rows(db, "SELECT * FROM comments WHERE ticket_id = 1 ORDER BY id")
    assert [c["body"] for c in data["comments"]] == [r["body"] for r in rows]
    assert data["count"] == len(rows)
    for c in data["comments"]:
        assert {"id", "author", "author_id", "body", "html_body", "created_at"} <= set(c)
        if c["author"] == "customer":
            assert c["author_id"] == ticket["requester_id"] and c["agent_id"] is None
        else:
            assert c["author_id"] is None and c["agent_id"] == ticket["assignee_id"]
        assert c["html_body"].startswith("<p>") and c["html_body"].endswith("</p>")
    assert data["comments"][0]["author"] == "customer"
    assert client.get("/api/v2/tickets/9999/comments").status_code == 404


def test_post_comment_round_trips_body(writable_crm: Running) -> None:
    text = 'Card 4111 1111 1111 1111 <b>&</b> "quoted" — Grüße ✓\nsecond line'
    with httpx.Client(base_url=writable_crm.url) as c:
        before = c.get("/api/v2/tickets/2").json()["ticket"]
        r = c.post("/api/v2/tickets/2/comments", json={"body": text})
        assert r.status_code == 201
        assert r.headers["location"].endswith("/api/v2/tickets/2/comments")
        comment = r.json()["comment"]
        assert comment["body"] == text
        assert comment["author"] == "agent"
        assert comment["agent_id"] == before["assignee_id"]
        assert "&lt;b&gt;&amp;&lt;/b&gt;" in comment["html_body"]
        assert "<br>" in comment["html_body"]
        listed = c.get("/api/v2/tickets/2/comments").json()["comments"]
        assert listed[-1] == comment
        after = c.get("/api/v2/tickets/2").json()["ticket"]
        assert after["updated_at"] == comment["created_at"]
        assert after["updated_at"] > before["updated_at"]
        as_customer = c.post("/api/v2/tickets/2/comments", json={"body": "hi", "author": "customer"})
        assert as_customer.json()["comment"]["author_id"] == before["requester_id"]


def test_post_comment_chunked_body(writable_crm: Running) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"body": "chunked '
        yield "bödy".encode()
        yield b'"}'

    with httpx.Client(base_url=writable_crm.url) as c:
        r = c.post(
            "/api/v2/tickets/3/comments", content=chunks(), headers={"Content-Type": "application/json"}
        )
        assert r.status_code == 201
        assert r.json()["comment"]["body"] == "chunked bödy"
        # Same keep-alive connection still works afterwards.
        assert c.get("/healthz").status_code == 200


@pytest.mark.parametrize(
    ("payload", "status"),
    [
        (b"not json", 400),
        (b"[]", 400),
        (b'{"body": ""}', 400),
        (b'{"body": 5}', 400),
        (b'{"body": "x", "author": "admin"}', 400),
    ],
)
def test_post_comment_rejects_bad_input(writable_crm: Running, payload: bytes, status: int) -> None:
    before = db_rows(writable_crm.db, "SELECT count(*) FROM comments")[0][0]
    with httpx.Client(base_url=writable_crm.url) as c:
        r = c.post("/api/v2/tickets/1/comments", content=payload)
        assert r.status_code == status
        assert r.json()["error"] in {"InvalidJSON", "InvalidParameter"}
        missing = c.post("/api/v2/tickets/9999/comments", json={"body": "x"})
        assert missing.status_code == 404
    assert db_rows(writable_crm.db, "SELECT count(*) FROM comments")[0][0] == before


def test_oversized_body_is_413(writable_crm: Running) -> None:
    with httpx.Client(base_url=writable_crm.url) as c:
        r = c.post("/api/v2/tickets/1/comments", content=b"x" * (1024 * 1024 + 1))
    assert r.status_code == 413


# ---------------------------------------------------------------- CSV export and custom fields


def test_users_csv(crm: Running, db: Path) -> None:
    status, headers, body = raw_get(crm, "/api/v2/exports/users.csv", IDENTITY)
    assert status == 200
    assert headers["content-type"] == "text/csv; charset=utf-8"
    assert int(headers["content-length"]) == len(body)
    rows = list(csv.reader(io.StringIO(body.decode("utf-8"))))
    assert rows[0] == [
        "id",
        "name",
        "email",
        "phone",
        "street_address",
        "date_of_birth",
        "ssn",
        "card_number",
        "iban",
        "balance",
    ]
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == CUSTOMERS + 1
    first = db_rows(db, "SELECT * FROM users WHERE id = 1")[0]
    assert rows[1][:9] == [str(first[k]) for k in rows[0][:9]]
    assert float(rows[1][9]) == first["balance"]


def test_ticket_fields(client: httpx.Client) -> None:
    ticket = client.get("/api/v2/tickets/5").json()["ticket"]
    user = ticket["requester"]
    data = client.get("/api/v2/ticket_fields/5").json()
    fields = {f["name"]: f["value"] for f in data["custom_fields"]}
    assert all(set(f) == {"name", "value"} for f in data["custom_fields"])
    assert fields["Customer phone"] == user["phone"]
    assert user["street_address"] in fields["Shipping address"]
    assert user["city"] in fields["Shipping address"]
    assert client.get("/api/v2/ticket_fields/9999").status_code == 404


# ---------------------------------------------------------------- gzip


def test_gzip_when_asked(crm: Running) -> None:
    _, plain_headers, plain = raw_get(crm, "/api/v2/users", IDENTITY)
    status, headers, body = raw_get(crm, "/api/v2/users", {"Accept-Encoding": "gzip, deflate"})
    assert status == 200
    assert headers["content-encoding"] == "gzip"
    assert headers["vary"] == "Accept-Encoding"
    assert int(headers["content-length"]) == len(body) < len(plain)
    assert gzip.decompress(body) == plain
    assert headers["etag"] != plain_headers["etag"]
    assert json.loads(gzip.decompress(body))["count"] == CUSTOMERS


def test_gzip_csv(crm: Running) -> None:
    _, _, plain = raw_get(crm, "/api/v2/exports/users.csv", IDENTITY)
    _, headers, body = raw_get(crm, "/api/v2/exports/users.csv", {"Accept-Encoding": "gzip"})
    assert headers["content-encoding"] == "gzip"
    assert gzip.decompress(body) == plain


@pytest.mark.parametrize("accept", ["identity", "gzip;q=0", "br", ""])
def test_no_gzip_unless_accepted(crm: Running, accept: str) -> None:
    _, headers, body = raw_get(crm, "/api/v2/users", {"Accept-Encoding": accept})
    assert "content-encoding" not in headers
    assert json.loads(body)["count"] == CUSTOMERS


def test_small_json_is_not_gzipped(crm: Running) -> None:
    _, headers, body = raw_get(crm, "/healthz", {"Accept-Encoding": "gzip"})
    assert "content-encoding" not in headers
    assert body == b'{"ok":true}'


def test_httpx_decodes_gzip_transparently(client: httpx.Client) -> None:
    r = client.get("/api/v2/tickets", headers={"Accept-Encoding": "gzip"})
    assert r.headers["content-encoding"] == "gzip"
    assert r.json()["count"] == TICKETS


# ---------------------------------------------------------------- 404 / 405


@pytest.mark.parametrize(
    "path",
    ["/", "/nope", "/api/v2/nothing", "/api/v2/users/abc", "/api/v2/users/1/extra", "/console/x"],
)
def test_unknown_paths_are_json_404(client: httpx.Client, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 404
    assert r.headers["content-type"] == "application/json; charset=utf-8"
    assert r.json()["error"] == "InvalidEndpoint"


def test_wrong_method_is_405(client: httpx.Client) -> None:
    r = client.delete("/api/v2/tickets/1")
    assert r.status_code == 405
    assert r.headers["allow"] == "GET, HEAD"
    assert client.put("/api/v2/users/1", json={}).status_code == 405
    assert client.post("/api/v2/tickets/1/comments/x", json={}).status_code == 404


# ---------------------------------------------------------------- API key


def test_api_key_enforced(db: Path) -> None:
    with serve(db, api_key=API_KEY) as running, httpx.Client(base_url=running.url) as c:
        for path in ("/api/v2/users", "/api/v2/users/1", "/api/v2/exports/users.csv", "/api/v2/nothing"):
            r = c.get(path)
            assert r.status_code == 401, path
            assert r.headers["content-type"] == "application/json; charset=utf-8"
            assert r.json()["error"] == "Unauthorized"
            assert r.headers["www-authenticate"].startswith("Bearer")
        assert c.get("/api/v2/users/1", headers={"Authorization": "Bearer wrong"}).status_code == 401
        assert c.get("/api/v2/users/1", headers={"Authorization": f"Basic {API_KEY}"}).status_code == 401
        assert c.get("/api/v2/users/1", headers={"Authorization": f"Bearer {API_KEY}"}).status_code == 200
        # Unauthenticated POST: refused, body drained, connection still usable.
        r = c.post("/api/v2/tickets/1/comments", json={"body": "sneaky"})
        assert r.status_code == 401
        assert c.get("/healthz").json() == {"ok": True}
        assert c.get("/console").status_code == 200
    assert not db_rows(db, "SELECT 1 FROM comments WHERE body = 'sneaky'")


# ---------------------------------------------------------------- console page


def test_console_page(client: httpx.Client) -> None:
    r = client.get("/console")
    assert r.status_code == 200
    assert r.headers["content-type"] == "text/html; charset=utf-8"
    page = r.text
    for anchor in (
        'id="search-input"',
        'id="user-rows"',
        'id="user-detail"',
        'id="user-tickets"',
        'id="token-input"',
        '"user-row"',
        '"email"',
        '"phone"',
        '"card"',
        '"ssn"',
        '"name"',
    ):
        assert anchor in page, anchor
    assert 'credentials: "same-origin"' in page
    assert '"scrim_token"' in page and "; path=/; SameSite=Strict" in page
    assert "/api/v2/users/" in page and "/tickets" in page
    # Self-contained, and data never goes through HTML parsing.
    assert "innerHTML" not in page and "outerHTML" not in page and "insertAdjacentHTML" not in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "<script src" not in page and "<link" not in page


def test_console_script_parses(client: httpx.Client, tmp_path: Path) -> None:
    assert shutil.which("node"), (
        "node is needed to check the console's script (Debian: nodejs; .ci/run installs it)"
    )
    script = re.search(r"<script>(.*)</script>", client.get("/console").text, re.S)
    assert script
    js = tmp_path / "console.js"
    js.write_text(script.group(1))
    result = subprocess.run(
        ["node", "--check", str(js)], check=False, capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 0, result.stderr


# ---------------------------------------------------------------- concurrency and CLI


def test_concurrent_requests(crm: Running) -> None:
    # One client shared by all threads: its pool opens parallel connections to the server.
    with httpx.Client(base_url=crm.url, limits=httpx.Limits(max_connections=16)) as c:

        def fetch(i: int) -> int:
            return int(c.get(f"/api/v2/users/{i % CUSTOMERS + 1}").json()["user"]["id"])

        with ThreadPoolExecutor(max_workers=16) as pool:
            ids = list(pool.map(fetch, range(64)))
    assert ids == [i % CUSTOMERS + 1 for i in range(64)]


def test_cli_seeds_serves_and_stops_on_sigterm(tmp_path: Path) -> None:
    db = tmp_path / "var" / "crm.sqlite"
    env = {**os.environ, "DEMO_CRM_API_KEY": API_KEY, "PYTHONUNBUFFERED": "1"}
    with subprocess.Popen(
        [sys.executable, "-m", "proxy.demo.crm", "--db", str(db), "--listen", "127.0.0.1:0"],
        cwd=REPO,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    ) as proc:
        assert proc.stderr is not None
        try:
            url = ""
            for _ in range(5):
                line = proc.stderr.readline()
                m = re.search(r"demo CRM on (http://127\.0\.0\.1:\d+)", line)
                if m:
                    url = m.group(1)
                    break
            assert url, "server did not announce its address"
            with httpx.Client(base_url=url) as c:
                assert c.get("/api/v2/users").status_code == 401
                users = c.get("/api/v2/users", headers={"Authorization": f"Bearer {API_KEY}"}).json()
                assert users["count"] == 1000
            proc.send_signal(signal.SIGTERM)
            assert proc.wait(timeout=10) == 0
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    assert db.is_file()


def test_cli_rejects_bad_listen() -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--listen", "no-port"])
    assert exc.value.code == 2


def test_a_get_body_is_read_and_dropped_never_taken_as_the_next_request(crm: Running) -> None:
    # Otherwise a GET body could smuggle a second request whose answer goes to the next client.
    smuggled = b"GET /api/v2/users/2 HTTP/1.1\r\nX-Pad: "
    host, port = urlsplit(crm.url).hostname, urlsplit(crm.url).port
    with socket.create_connection((host, port), timeout=10) as sock:
        sock.sendall(
            b"GET /console HTTP/1.1\r\nHost: crm\r\nContent-Length: %d\r\n\r\n" % len(smuggled) + smuggled
            + b"GET /console HTTP/1.1\r\nHost: crm\r\nConnection: close\r\n\r\n"
        )  # fmt: skip
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
    assert received.count(b"HTTP/1.1 200") == 2
    assert b'"users"' not in received and b'"user"' not in received
