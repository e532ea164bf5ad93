"""The metrics listener: `/metrics`, `/healthz`, `/readyz` — separate from the traffic port.

A plain threaded HTTP server, so a scrape storm or a slow scraper never competes with the proxy's
event loop, and a broken scraper never affects masking (telemetry fails open).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from proxy.metrics import CONTENT_TYPE, Metrics

log = logging.getLogger(__name__)


class StatusServer:
    """Serves metrics and probes on its own thread. `ready()` decides /readyz."""

    def __init__(self, host: str, port: int, metrics: Metrics, ready: Callable[[], bool]) -> None:
        handler = _handler(metrics, ready)
        self._server = ThreadingHTTPServer((host, port), handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True, name="scrim-status")

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
            if path == "/metrics":
                self._send(HTTPStatus.OK, CONTENT_TYPE, metrics.render())
            elif path == "/healthz":
                self._send(HTTPStatus.OK, "application/json", b'{"ok":true}')
            elif path == "/readyz":
                ok = ready()
                status = HTTPStatus.OK if ok else HTTPStatus.SERVICE_UNAVAILABLE
                self._send(status, "application/json", b'{"ready":true}' if ok else b'{"ready":false}')
            else:
                self._send(HTTPStatus.NOT_FOUND, "application/json", b'{"error":"not_found"}')

        def _send(self, status: HTTPStatus, content_type: str, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass  # scrapes every few seconds would drown the log

    return Handler
