"""A small Zendesk-like CRM that the Scrim demo puts behind the proxy.

It is deliberately a real HTTP server — ETags, gzip, keep-alive, chunked request bodies,
CSV exports — so the proxy is exercised against the same wire behaviour a SaaS tool shows,
not a mock. Standard library only: `http.server` for serving and `sqlite3` for data seeded
by `proxy.demo.seed`.

Run as `python -m proxy.demo.crm --db var/demo-crm.sqlite --listen 127.0.0.1:8081`.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime as dt
import gzip
import hashlib
import hmac
import html
import io
import json
import os
import re
import signal
import socket
import socketserver
import sqlite3
import sys
import traceback
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.resources import files
from pathlib import Path
from types import FrameType
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from proxy.demo.seed import seed

__all__ = ["CRMHandler", "CRMServer", "main", "make_server"]

JSON_TYPE = "application/json; charset=utf-8"
CSV_TYPE = "text/csv; charset=utf-8"
HTML_TYPE = "text/html; charset=utf-8"

DEFAULT_PER_PAGE = 25
MAX_PER_PAGE = 100
MAX_SEARCH_RESULTS = 100
GZIP_MIN_BYTES = 1024
MAX_REQUEST_BODY = 1 << 20
MAX_DRAINED_BODY = 16 << 20

USER_COLUMNS = (
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
)
TICKET_COLUMNS = (
    "id",
    "subject",
    "status",
    "priority",
    "requester_id",
    "assignee_id",
    "created_at",
    "updated_at",
)
CSV_COLUMNS = (
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
)

# The row -> JSON helpers pick USER_COLUMNS/TICKET_COLUMNS by name, so `*` is safe here.
_USER_SELECT = "SELECT * FROM users"
_TICKET_SELECT = "SELECT * FROM tickets"
_CSV_SELECT = (
    "SELECT id, name, email, phone, street_address, date_of_birth, ssn, card_number, iban,"
    " balance FROM users ORDER BY id"
)
# author_id/agent_id are derived from the ticket: the seed stores only who spoke, and the
# requester and assignee are the only people on a ticket.
_COMMENT_SELECT = """
    SELECT c.id, c.ticket_id, c.author, c.body, c.created_at, t.requester_id, t.assignee_id
    FROM comments AS c JOIN tickets AS t ON t.id = c.ticket_id
"""

Json = dict[str, Any]


class HttpError(Exception):
    """An error answered as Zendesk-style JSON: {"error": ..., "description": ...}."""

    def __init__(
        self,
        status: HTTPStatus,
        error: str,
        description: str,
        headers: tuple[tuple[str, str], ...] = (),
    ) -> None:
        super().__init__(description)
        self.status = status
        self.error = error
        self.description = description
        self.headers = headers


@dataclass(frozen=True)
class Response:
    """A fully built response; `compressible` bodies may be gzipped on request."""

    status: HTTPStatus
    body: bytes
    content_type: str
    compressible: bool = False
    headers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Request:
    """What a route handler needs from the HTTP request."""

    path_args: tuple[str, ...]
    query: Mapping[str, list[str]]
    base_url: str
    body: bytes = b""


def json_response(payload: Json, status: HTTPStatus = HTTPStatus.OK) -> Response:
    """Serialise `payload` as compact UTF-8 JSON (non-ASCII kept as is, as Zendesk does)."""
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return Response(status, body, JSON_TYPE, compressible=True)


def error_response(err: HttpError) -> Response:
    """The JSON body for an `HttpError`."""
    response = json_response({"error": err.error, "description": err.description}, err.status)
    return replace(response, headers=err.headers)


# ---------------------------------------------------------------- data access


def _user(row: sqlite3.Row) -> Json:
    return {key: row[key] for key in USER_COLUMNS}


def _ticket(row: sqlite3.Row) -> Json:
    return {key: row[key] for key in TICKET_COLUMNS}


def _comment(row: sqlite3.Row) -> Json:
    by_customer = row["author"] == "customer"
    body: str = row["body"]
    return {
        "id": row["id"],
        "ticket_id": row["ticket_id"],
        "author": row["author"],
        "author_id": row["requester_id"] if by_customer else None,
        "agent_id": None if by_customer else row["assignee_id"],
        "body": body,
        # Zendesk sends both; the proxy has to mask inside markup as well as plain text.
        "html_body": "<p>" + html.escape(body).replace("\n", "<br>") + "</p>",
        "public": True,
        "created_at": row["created_at"],
    }


def _int_param(query: Mapping[str, list[str]], name: str, default: int) -> int:
    values = query.get(name)
    if not values:
        return default
    try:
        value = int(values[0])
    except ValueError:
        raise HttpError(HTTPStatus.BAD_REQUEST, "InvalidParameter", f"{name} must be an integer") from None
    if value < 1:
        raise HttpError(HTTPStatus.BAD_REQUEST, "InvalidParameter", f"{name} must be >= 1")
    return value


def _paging(query: Mapping[str, list[str]]) -> tuple[int, int]:
    page = _int_param(query, "page", 1)
    per_page = min(_int_param(query, "per_page", DEFAULT_PER_PAGE), MAX_PER_PAGE)
    return page, per_page


def _next_page(request: Request, path: str, page: int, per_page: int, total: int) -> str | None:
    if page * per_page >= total:
        return None
    return f"{request.base_url}{path}?{urlencode({'page': page + 1, 'per_page': per_page})}"


class CRMApi:
    """The routes, each taking an open connection and a `Request`."""

    def __init__(self, console_html: bytes) -> None:
        self.console_html = console_html

    def healthz(self, conn: sqlite3.Connection, request: Request) -> Response:
        conn.execute("SELECT 1").fetchone()
        return json_response({"ok": True})

    def console(self, conn: sqlite3.Connection, request: Request) -> Response:
        return Response(HTTPStatus.OK, self.console_html, HTML_TYPE, compressible=True)

    def users(self, conn: sqlite3.Connection, request: Request) -> Response:
        page, per_page = _paging(request.query)
        total: int = conn.execute("SELECT count(*) FROM users").fetchone()[0]
        rows = conn.execute(
            f"{_USER_SELECT} ORDER BY id LIMIT ? OFFSET ?", (per_page, (page - 1) * per_page)
        ).fetchall()
        return json_response(
            {
                "users": [_user(r) for r in rows],
                "count": total,
                "next_page": _next_page(request, "/api/v2/users", page, per_page, total),
            }
        )

    def search_users(self, conn: sqlite3.Connection, request: Request) -> Response:
        query = (request.query.get("query") or [""])[0].strip()
        if not query:
            raise HttpError(HTTPStatus.BAD_REQUEST, "InvalidParameter", "query is required")
        # SQLite's LIKE and lower() fold ASCII only; customers are called Müller and Grégoire.
        conn.create_function("casefold", 1, str.casefold, deterministic=True)
        needle = query.casefold()
        rows = conn.execute(
            f"{_USER_SELECT} WHERE instr(casefold(name), ?) > 0 OR instr(casefold(email), ?) > 0"
            " ORDER BY id LIMIT ?",
            (needle, needle, MAX_SEARCH_RESULTS),
        ).fetchall()
        return json_response({"users": [_user(r) for r in rows], "count": len(rows)})

    def user(self, conn: sqlite3.Connection, request: Request) -> Response:
        return json_response({"user": self._user_or_404(conn, int(request.path_args[0]))})

    def user_tickets(self, conn: sqlite3.Connection, request: Request) -> Response:
        user_id = int(request.path_args[0])
        self._user_or_404(conn, user_id)
        rows = conn.execute(f"{_TICKET_SELECT} WHERE requester_id = ? ORDER BY id", (user_id,)).fetchall()
        return json_response({"tickets": [_ticket(r) for r in rows], "count": len(rows)})

    def tickets(self, conn: sqlite3.Connection, request: Request) -> Response:
        page, per_page = _paging(request.query)
        total: int = conn.execute("SELECT count(*) FROM tickets").fetchone()[0]
        rows = conn.execute(
            f"{_TICKET_SELECT} ORDER BY id LIMIT ? OFFSET ?", (per_page, (page - 1) * per_page)
        ).fetchall()
        return json_response(
            {
                "tickets": [_ticket(r) for r in rows],
                "count": total,
                "next_page": _next_page(request, "/api/v2/tickets", page, per_page, total),
            }
        )

    def ticket(self, conn: sqlite3.Connection, request: Request) -> Response:
        ticket = self._ticket_or_404(conn, int(request.path_args[0]))
        ticket["requester"] = self._user_or_404(conn, ticket["requester_id"])
        return json_response({"ticket": ticket})

    def comments(self, conn: sqlite3.Connection, request: Request) -> Response:
        ticket_id = int(request.path_args[0])
        self._ticket_or_404(conn, ticket_id)
        rows = conn.execute(f"{_COMMENT_SELECT} WHERE c.ticket_id = ? ORDER BY c.id", (ticket_id,)).fetchall()
        return json_response({"comments": [_comment(r) for r in rows], "count": len(rows)})

    def add_comment(self, conn: sqlite3.Connection, request: Request) -> Response:
        ticket_id = int(request.path_args[0])
        self._ticket_or_404(conn, ticket_id)
        try:
            payload = json.loads(request.body)
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise HttpError(HTTPStatus.BAD_REQUEST, "InvalidJSON", "request body must be JSON") from None
        body = payload.get("body") if isinstance(payload, dict) else None
        if not isinstance(body, str) or not body.strip():
            raise HttpError(HTTPStatus.BAD_REQUEST, "InvalidParameter", "body must be a non-empty string")
        author = payload.get("author", "agent")
        if author not in ("agent", "customer"):
            raise HttpError(HTTPStatus.BAD_REQUEST, "InvalidParameter", "author must be agent or customer")
        now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        with conn:
            cursor = conn.execute(
                "INSERT INTO comments (ticket_id, author, body, created_at) VALUES (?, ?, ?, ?)",
                (ticket_id, author, body, now),
            )
            conn.execute("UPDATE tickets SET updated_at = ? WHERE id = ?", (now, ticket_id))
        row = conn.execute(f"{_COMMENT_SELECT} WHERE c.id = ?", (cursor.lastrowid,)).fetchone()
        location = f"{request.base_url}/api/v2/tickets/{ticket_id}/comments"
        return replace(
            json_response({"comment": _comment(row)}, HTTPStatus.CREATED),
            headers=(("Location", location),),
        )

    def users_csv(self, conn: sqlite3.Connection, request: Request) -> Response:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(CSV_COLUMNS)
        writer.writerows(conn.execute(_CSV_SELECT))
        return Response(
            HTTPStatus.OK,
            out.getvalue().encode("utf-8"),
            CSV_TYPE,
            compressible=True,
            headers=(("Content-Disposition", 'attachment; filename="users.csv"'),),
        )

    def ticket_fields(self, conn: sqlite3.Connection, request: Request) -> Response:
        ticket = self._ticket_or_404(conn, int(request.path_args[0]))
        user = self._user_or_404(conn, ticket["requester_id"])
        address = f"{user['street_address']}, {user['postal_code']} {user['city']}, {user['country']}"
        # Name/value pairs: the field name, not the JSON key, says what the value is — the
        # case a key-based masking rule cannot see.
        return json_response(
            {
                "ticket_id": ticket["id"],
                "custom_fields": [
                    {"name": "Customer phone", "value": user["phone"]},
                    {"name": "Shipping address", "value": address},
                    {"name": "Contact email", "value": user["email"]},
                    {"name": "Order number", "value": f"ORD-{ticket['id']:07d}"},
                ],
            }
        )

    def _user_or_404(self, conn: sqlite3.Connection, user_id: int) -> Json:
        row = conn.execute(f"{_USER_SELECT} WHERE id = ?", (user_id,)).fetchone()
        if row is None:
            raise HttpError(HTTPStatus.NOT_FOUND, "RecordNotFound", f"no user {user_id}")
        return _user(row)

    def _ticket_or_404(self, conn: sqlite3.Connection, ticket_id: int) -> Json:
        row = conn.execute(f"{_TICKET_SELECT} WHERE id = ?", (ticket_id,)).fetchone()
        if row is None:
            raise HttpError(HTTPStatus.NOT_FOUND, "RecordNotFound", f"no ticket {ticket_id}")
        return _ticket(row)


Route = Callable[[CRMApi, sqlite3.Connection, Request], Response]

# Zendesk accepts an optional ".json" suffix on every API path; clients copy it from the docs.
_J = r"(?:\.json)?"
_ID = r"([0-9]{1,18})"  # bounded: SQLite integers are 64-bit
ROUTES: tuple[tuple[str, re.Pattern[str], Route], ...] = (
    ("GET", re.compile(r"/healthz"), CRMApi.healthz),
    ("GET", re.compile(r"/console"), CRMApi.console),
    ("GET", re.compile(rf"/api/v2/users{_J}"), CRMApi.users),
    ("GET", re.compile(rf"/api/v2/users/search{_J}"), CRMApi.search_users),
    ("GET", re.compile(rf"/api/v2/users/{_ID}{_J}"), CRMApi.user),
    ("GET", re.compile(rf"/api/v2/users/{_ID}/tickets{_J}"), CRMApi.user_tickets),
    ("GET", re.compile(rf"/api/v2/tickets{_J}"), CRMApi.tickets),
    ("GET", re.compile(rf"/api/v2/tickets/{_ID}{_J}"), CRMApi.ticket),
    ("GET", re.compile(rf"/api/v2/tickets/{_ID}/comments{_J}"), CRMApi.comments),
    ("POST", re.compile(rf"/api/v2/tickets/{_ID}/comments{_J}"), CRMApi.add_comment),
    ("GET", re.compile(r"/api/v2/exports/users\.csv"), CRMApi.users_csv),
    ("GET", re.compile(rf"/api/v2/ticket_fields/{_ID}{_J}"), CRMApi.ticket_fields),
)


# ---------------------------------------------------------------- HTTP plumbing


def _accepts_gzip(header: str | None) -> bool:
    if not header:
        return False
    for item in header.split(","):
        coding, _, params = item.strip().partition(";")
        if coding.strip().lower() not in ("gzip", "x-gzip", "*"):
            continue
        q = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        return q > 0
    return False


class CRMServer(ThreadingHTTPServer):
    """A threaded HTTP server carrying the database path, API key and console page."""

    daemon_threads = True

    def __init__(
        self, address: tuple[str, int], db_path: Path, api_key: str | None, console_html: bytes
    ) -> None:
        self.db_path = db_path
        self.api_key = api_key
        self.api = CRMApi(console_html)
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, CRMHandler)

    def server_bind(self) -> None:
        # HTTPServer.server_bind does a reverse-DNS lookup (getfqdn), which can stall for
        # seconds on a machine without DNS; the name is only used for CGI variables.
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name = str(host)
        self.server_port = int(port)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Stay quiet when a client hangs up mid-request; print anything else."""
        if isinstance(sys.exception(), ConnectionError):
            return
        super().handle_error(request, client_address)

    @property
    def url(self) -> str:
        """Base URL of the bound socket, with the real port when bound to port 0."""
        host, port = self.server_address[:2]
        host = str(host)
        return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"

    @contextlib.contextmanager
    def connect(self) -> Iterator[sqlite3.Connection]:
        """A fresh connection for one request: sqlite3 connections can't cross threads."""
        # mode=rw: never let a mistyped path silently create an empty database.
        uri = self.db_path.resolve().as_uri() + "?mode=rw"
        conn = sqlite3.connect(uri, uri=True, timeout=5.0)
        try:
            conn.row_factory = sqlite3.Row
            yield conn
        finally:
            conn.close()


class CRMHandler(BaseHTTPRequestHandler):
    """Routes requests to `CRMApi` and writes ETag/gzip/Content-Length-correct responses."""

    protocol_version = "HTTP/1.1"
    server_version = "DemoCRM/1.0"
    # Idle keep-alive connections would otherwise pin a thread forever.
    timeout = 30
    # Headers and body go out in two writes; with Nagle on, the client's delayed ACK adds
    # 40 ms to every keep-alive response.
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: Any) -> None:
        """Per-request logging is noise in the demo and in test output."""

    def do_GET(self) -> None:
        """Serve GET."""
        self._handle("GET")

    def do_HEAD(self) -> None:
        """Serve HEAD: GET's headers without the body."""
        self._handle("HEAD")

    def do_POST(self) -> None:
        """Serve POST (only ticket comments)."""
        self._handle("POST")

    def do_PUT(self) -> None:
        """Refuse PUT with JSON, like every other unsupported method."""
        self._handle("PUT")

    def do_PATCH(self) -> None:
        """Refuse PATCH."""
        self._handle("PATCH")

    def do_DELETE(self) -> None:
        """Refuse DELETE."""
        self._handle("DELETE")

    @property
    def crm(self) -> CRMServer:
        """The server, typed."""
        assert isinstance(self.server, CRMServer)
        return self.server

    def _handle(self, method: str) -> None:
        try:
            response = self._respond(method)
        except HttpError as err:
            response = error_response(err)
        except Exception:
            # Answer rather than drop the connection: a proxy under test should see a 500.
            traceback.print_exc(file=sys.stderr)
            self.close_connection = True
            response = error_response(
                HttpError(HTTPStatus.INTERNAL_SERVER_ERROR, "InternalError", "internal error")
            )
        self._send(response, head=method == "HEAD")

    def _respond(self, method: str) -> Response:
        url = urlsplit(self.path)
        path = url.path
        if path.startswith("/api/"):
            self._authenticate()
        route_method = "GET" if method == "HEAD" else method
        allowed: list[str] = []
        for route_methods, pattern, route in ROUTES:
            match = pattern.fullmatch(path)
            if match is None:
                continue
            if route_methods != route_method:
                allowed.append(route_methods)
                continue
            if method != "POST":
                self._discard_body()
            body = self._read_body() if method == "POST" else b""
            request = Request(
                path_args=match.groups(),
                query=parse_qs(url.query),
                base_url=self._base_url(),
                body=body,
            )
            with self.crm.connect() as conn:
                return route(self.crm.api, conn, request)
        if allowed:
            self._discard_body()
            allow = ", ".join(sorted({*allowed, *(["HEAD"] if "GET" in allowed else [])}))
            raise HttpError(
                HTTPStatus.METHOD_NOT_ALLOWED,
                "MethodNotAllowed",
                f"{method} not allowed",
                headers=(("Allow", allow),),
            )
        self._discard_body()
        raise HttpError(HTTPStatus.NOT_FOUND, "InvalidEndpoint", f"no such endpoint: {path}")

    def _authenticate(self) -> None:
        key = self.crm.api_key
        if key is None:
            return
        given = self.headers.get("Authorization", "")
        scheme, _, token = given.partition(" ")
        if scheme.lower() == "bearer" and hmac.compare_digest(token.strip().encode(), key.encode()):
            return
        self._discard_body()
        raise HttpError(
            HTTPStatus.UNAUTHORIZED,
            "Unauthorized",
            "Couldn't authenticate you",
            headers=(("WWW-Authenticate", 'Bearer realm="demo-crm"'),),
        )

    def _base_url(self) -> str:
        # Echo the Host the client used, so next_page links work through a reverse proxy too.
        host = self.headers.get("Host")
        return f"http://{host}" if host else self.crm.url

    def _discard_body(self) -> None:
        # An unread request body would be parsed as the next request on a keep-alive socket.
        if self.headers.get("Content-Length") or self.headers.get("Transfer-Encoding"):
            try:
                self._read_body()
            except HttpError:
                self.close_connection = True

    def _read_body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            return self._read_chunked()
        length_header = self.headers.get("Content-Length")
        if length_header is None:
            return b""
        try:
            length = int(length_header)
        except ValueError:
            self.close_connection = True
            raise HttpError(HTTPStatus.BAD_REQUEST, "InvalidRequest", "bad Content-Length") from None
        if length < 0:
            self.close_connection = True
            raise HttpError(HTTPStatus.BAD_REQUEST, "InvalidRequest", "bad Content-Length")
        if length > MAX_REQUEST_BODY:
            # Drain a moderately oversized body so the client can read the 413; closing with
            # unread data makes the kernel reset the connection and the client sees only that.
            if length <= MAX_DRAINED_BODY:
                remaining = length
                while remaining > 0 and (chunk := self.rfile.read(min(65536, remaining))):
                    remaining -= len(chunk)
            else:
                self.close_connection = True
            raise HttpError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "TooLarge", "request body too large")
        return self.rfile.read(length)

    def _read_chunked(self) -> bytes:
        chunks: list[bytes] = []
        size_total = 0
        while True:
            line = self.rfile.readline(1024)
            try:
                size = int(line.split(b";", 1)[0].strip(), 16)
            except ValueError:
                self.close_connection = True
                raise HttpError(HTTPStatus.BAD_REQUEST, "InvalidRequest", "bad chunked encoding") from None
            if size == 0:
                # Trailers, if any, end with an empty line.
                while self.rfile.readline(1024) not in (b"\r\n", b"\n", b""):
                    pass
                return b"".join(chunks)
            size_total += size
            if size_total > MAX_REQUEST_BODY:
                self.close_connection = True
                raise HttpError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "TooLarge", "request body too large")
            chunks.append(self.rfile.read(size))
            self.rfile.readline(1024)

    def _send(self, response: Response, *, head: bool) -> None:
        body = response.body
        headers = list(response.headers)
        etag: str | None = None
        if response.content_type == JSON_TYPE or response.compressible:
            etag = hashlib.sha1(body, usedforsecurity=False).hexdigest()
        encoding = None
        if (
            response.compressible
            and len(body) > GZIP_MIN_BYTES
            and _accepts_gzip(self.headers.get("Accept-Encoding"))
        ):
            # mtime=0 keeps the gzip bytes, and so caches and tests, deterministic.
            body = gzip.compress(body, compresslevel=6, mtime=0)
            encoding = "gzip"
        if etag is not None:
            # A different encoding is a different representation, so it gets its own tag.
            etag = f'"{etag}-gzip"' if encoding else f'"{etag}"'
        status = response.status
        not_modified = (
            status == HTTPStatus.OK
            and etag is not None
            and self.command in ("GET", "HEAD")
            and etag in _etags(self.headers.get("If-None-Match"))
        )
        self.send_response(HTTPStatus.NOT_MODIFIED if not_modified else status)
        if not not_modified:
            self.send_header("Content-Type", response.content_type)
            self.send_header("Content-Length", str(len(body)))
        if encoding:
            self.send_header("Content-Encoding", encoding)
        if response.compressible:
            self.send_header("Vary", "Accept-Encoding")
        if etag is not None:
            self.send_header("ETag", etag)
        self.send_header("Cache-Control", "private, no-cache")
        for name, value in headers:
            self.send_header(name, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if not head and not not_modified:
            self.wfile.write(body)


def _etags(header: str | None) -> set[str]:
    if not header:
        return set()
    return {tag.strip().removeprefix("W/") for tag in header.split(",")}


def _console_html() -> bytes:
    return files("proxy.demo").joinpath("console.html").read_bytes()


def make_server(host: str, port: int, db_path: Path, api_key: str | None = None) -> ThreadingHTTPServer:
    """Bind the CRM to exactly `host:port` (port 0 picks a free one) over `db_path`.

    The database must already exist (see `proxy.demo.seed.seed`); the caller runs
    `serve_forever()` and, when done, `shutdown()` and `server_close()`.
    """
    if not db_path.is_file():
        raise FileNotFoundError(f"demo CRM database not found: {db_path}")
    return CRMServer((host, port), db_path, api_key, _console_html())


def _parse_listen(value: str) -> tuple[str, int]:
    host, sep, port = value.rpartition(":")
    if not sep or not host or not port.isdigit() or int(port) > 65535:
        raise argparse.ArgumentTypeError(f"expected HOST:PORT, got {value!r}")
    return host.removeprefix("[").removesuffix("]"), int(port)


def main(argv: list[str] | None = None) -> int:
    """CLI: seed the database if needed, then serve until interrupted."""
    parser = argparse.ArgumentParser(prog="python -m proxy.demo.crm", description="Serve the Scrim demo CRM.")
    parser.add_argument(
        "--db",
        type=Path,
        default=Path("var/demo-crm.sqlite"),
        help="SQLite database, seeded on first start (default: %(default)s)",
    )
    parser.add_argument(
        "--listen",
        type=_parse_listen,
        default=("127.0.0.1", 8081),
        metavar="HOST:PORT",
        help="address to bind, exactly as given (default: 127.0.0.1:8081)",
    )
    parser.add_argument(
        "--api-key",
        default=os.environ.get("DEMO_CRM_API_KEY") or None,
        help="require 'Authorization: Bearer KEY' on /api/ (default: $DEMO_CRM_API_KEY)",
    )
    args = parser.parse_args(argv)
    host, port = args.listen
    if seed(args.db):
        print(f"seeded {args.db}", file=sys.stderr)
    try:
        server = make_server(host, port, args.db, api_key=args.api_key)
    except OSError as exc:
        print(f"cannot listen on {host}:{port}: {exc}", file=sys.stderr)
        return 1

    def stop(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    # SIGTERM is how the demo stops us; treat it like Ctrl-C so the socket closes cleanly.
    signal.signal(signal.SIGTERM, stop)
    assert isinstance(server, CRMServer)
    auth = "API key required" if args.api_key else "no API key"
    print(f"demo CRM on {server.url} ({args.db}, {auth})", file=sys.stderr, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
