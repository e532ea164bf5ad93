"""The metrics listener: `/` (status page), `/metrics`, `/healthz`, `/readyz` — apart from the traffic port.

A plain threaded HTTP server, so a scrape storm or a slow scraper never competes with the proxy's
event loop, and a broken scraper never affects masking (telemetry fails open).

The status page is for sites without Grafana: the agents who saw the most distinct customers in the
last hour, recent withheld responses by reason, the rules version. It shows agent ids (from verified
identities, the same values as the metrics' `agent` label), fixed reason tokens, counts and times —
never customer data — and escapes all of it, because agent ids come from tokens. One static HTML
document: no scripts, no external resources, and a Content-Security-Policy that forbids both.
"""

from __future__ import annotations

import html
import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from proxy.metrics import CONTENT_TYPE, OVERFLOW, WINDOWS, Metrics

log = logging.getLogger(__name__)

HOUR = WINDOWS["1h"]
DAY = WINDOWS["24h"]
TOP_AGENTS = 20
LATEST_WITHHELD = 20
HTML_TYPE = "text/html; charset=utf-8"
PAGE_HEADERS = (
    ("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
)


@dataclass(frozen=True, slots=True)
class AgentRow:
    agent: str
    last_hour: int
    last_day: int


@dataclass(frozen=True, slots=True)
class Snapshot:
    """What the status page shows, read from the metrics at one moment."""

    now: float
    ready: bool
    rules_version: str
    top_agents: tuple[AgentRow, ...]
    withheld_last_hour: tuple[tuple[str, int], ...]  # (reason, count), most frequent first
    latest_withheld: tuple[tuple[float, str], ...]  # (unix time, reason), newest first
    withheld_capped: int | None = None  # the ring's size, when the whole hour did not fit in it


def rules_version(metrics: Metrics) -> str:
    """The `version` label of the `scrim_rules_info` sample ("unknown" before rules load)."""
    for family in metrics.rules_info.collect():
        for sample in family.samples:
            version = sample.labels.get("version")
            if version:
                return version
    return "unknown"


def snapshot(metrics: Metrics, ready: bool, now: float | None = None) -> Snapshot:
    now = time.time() if now is None else now
    hour = metrics.distinct.counts(HOUR, now)
    day = metrics.distinct.counts(DAY, now)
    ranked = sorted(((-n, agent) for agent, n in hour.items() if n > 0))[:TOP_AGENTS]
    top = tuple(AgentRow(agent, -negative, day.get(agent, 0)) for negative, agent in ranked)
    # copy() is one C call, so a concurrent append from the proxy thread cannot interleave with it.
    ring = metrics.recent_withheld.copy()
    recent = [(t, reason) for t, reason in ring if t >= now - HOUR]
    capped = ring.maxlen if ring.maxlen is not None and len(recent) >= ring.maxlen else None
    by_reason: dict[str, int] = {}
    for _, reason in recent:
        by_reason[reason] = by_reason.get(reason, 0) + 1
    counted = tuple(sorted(by_reason.items(), key=lambda item: (-item[1], item[0])))
    latest = tuple(sorted(recent, reverse=True)[:LATEST_WITHHELD])
    return Snapshot(now, ready, rules_version(metrics), top, counted, latest, capped)


_STYLE = """
body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222;max-width:60em}
h1{font-size:1.4em}h2{font-size:1.1em;margin-top:1.6em}
table{border-collapse:collapse;min-width:24em}
th,td{border-bottom:1px solid #ddd;padding:.25em .8em;text-align:left}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.ok{color:#176117}.bad{color:#a11}.muted{color:#666}
"""


def _utc(stamp: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M:%SZ", time.gmtime(stamp))


def _agent(agent: str) -> str:
    return f"{agent} (agents over the label cap)" if agent == OVERFLOW else agent


def _table(headers: Iterable[tuple[str, bool]], rows: Iterable[Iterable[tuple[object, bool]]]) -> str:
    """Cells are (value, numeric); every value is escaped here, the only place cells are built."""

    def cell(tag: str, value: object, numeric: bool) -> str:
        cls = ' class="n"' if numeric else ""
        return f"<{tag}{cls}>{html.escape(str(value))}</{tag}>"

    head = "".join(cell("th", name, numeric) for name, numeric in headers)
    body = "".join("<tr>" + "".join(cell("td", v, n) for v, n in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def render(s: Snapshot) -> bytes:
    ready = '<span class="ok">ready</span>' if s.ready else '<span class="bad">not ready</span>'
    if s.top_agents:
        agents = _table(
            [("agent", False), ("distinct customers, 1h", True), ("distinct customers, 24h", True)],
            [
                [(_agent(row.agent), False), (row.last_hour, True), (row.last_day, True)]
                for row in s.top_agents
            ],
        )
    else:
        agents = '<p class="muted">No customer records served in the last hour.</p>'
    if s.withheld_last_hour:
        by_reason = _table(
            [("reason", False), ("responses, 1h", True)],
            [[(reason, False), (count, True)] for reason, count in s.withheld_last_hour],
        )
        if s.withheld_capped is not None:
            by_reason += (
                f'<p class="muted">Counted from the latest {s.withheld_capped} only, all within the hour: '
                "the full counts are in <code>scrim_withheld_total</code>.</p>"
            )
        latest = f"<h2>Latest {len(s.latest_withheld)} withheld responses</h2>\n" + _table(
            [("time (UTC)", False), ("reason", False)],
            [[(_utc(stamp), False), (reason, False)] for stamp, reason in s.latest_withheld],
        )
    else:
        by_reason = '<p class="muted">No responses withheld in the last hour.</p>'
        latest = ""
    page = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="refresh" content="30">
<title>Scrim status</title><style>{_STYLE}</style></head>
<body>
<h1>Scrim status</h1>
<p>{ready} · rules version <code>{html.escape(s.rules_version)}</code> · as of {_utc(s.now)}
· this replica only</p>
<h2>Top agents by distinct customers, last hour</h2>
{agents}
<h2>Withheld responses by reason, last hour</h2>
{by_reason}
{latest}
<p class="muted">Machine-readable: <a href="/metrics">/metrics</a> · <a href="/healthz">/healthz</a>
· <a href="/readyz">/readyz</a></p>
</body></html>
"""
    return page.encode("utf-8")


class StatusServer:
    """Serves the status page, metrics and probes on its own thread. `ready()` decides /readyz."""

    def __init__(self, host: str, port: int, metrics: Metrics, ready: Callable[[], bool]) -> None:
        handler = _handler(metrics, ready)
        self._server = ThreadingHTTPServer((host, port), handler)
        self._server.daemon_threads = True
        # A short poll interval makes stop() (at shutdown, in tests) return in 0.1 s instead of 0.5 s.
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.1,), daemon=True, name="scrim-status"
        )

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()


def _handler(metrics: Metrics, ready: Callable[[], bool]) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "scrim-status"

        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            if path == "/":
                self._page()
            elif path == "/metrics":
                self._send(HTTPStatus.OK, CONTENT_TYPE, metrics.render())
            elif path == "/healthz":
                self._send(HTTPStatus.OK, "application/json", b'{"ok":true}')
            elif path == "/readyz":
                ok = ready()
                status = HTTPStatus.OK if ok else HTTPStatus.SERVICE_UNAVAILABLE
                self._send(status, "application/json", b'{"ready":true}' if ok else b'{"ready":false}')
            else:
                self._send(HTTPStatus.NOT_FOUND, "application/json", b'{"error":"not_found"}')

        def _page(self) -> None:
            try:
                body = render(snapshot(metrics, ready()))
            except Exception:  # telemetry fails open: a broken page never touches the proxy
                log.exception("status page failed")
                self._send(HTTPStatus.INTERNAL_SERVER_ERROR, "application/json", b'{"error":"status_page"}')
                return
            self._send(HTTPStatus.OK, HTML_TYPE, body, PAGE_HEADERS)

        def _send(
            self,
            status: HTTPStatus,
            content_type: str,
            body: bytes,
            extra: tuple[tuple[str, str], ...] = (),
        ) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            for name, value in extra:
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass  # scrapes every few seconds would drown the log

    return Handler
