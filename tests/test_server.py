"""Assembling the proxy: mitmproxy's own error pages replaced, no uninspected protocols."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from mitmproxy.proxy.layers.http import _http1, _http2, _http3

from proxy import server
from proxy.identity import IdentityConfig
from proxy.server import ServeConfig, _destination, _master

SECRET = "jane.doe@example.com 4111 1111 1111 1111"


def config(**changes: object) -> ServeConfig:
    base = {
        "upstream": "https://CRM.example.com.", "listen": ("127.0.0.1", 0), "metrics_listen": ("127.0.0.1", 0),
        "rules_dir": Path("rules"), "audit_log": Path("audit.jsonl"), "identity": IdentityConfig(),
    }  # fmt: skip
    return ServeConfig(**{**base, **changes})  # type: ignore[arg-type]


class Inert:
    """Stands in for Scrim's addon: these tests look at what mitmproxy itself is told."""


async def test_error_pages_of_every_http_version_are_scrim_json_without_upstream_words() -> None:
    master = _master(config(), Inert())  # type: ignore[arg-type]
    try:
        pages = [
            _http1.make_error_response(502, SECRET),
            _http2.format_error(502, SECRET),  # type: ignore[attr-defined]
            _http3.format_error(502, SECRET),  # type: ignore[attr-defined]
        ]
    finally:
        master.shutdown()
    for page in pages:
        assert b"jane.doe" not in page and b"4111" not in page
        body = json.loads(page.split(b"\r\n\r\n", 1)[-1])
        assert body["reason"] == "upstream_error"
    # mitmproxy's 4xx pages answer the agent's own malformed request, not the CRM
    client = json.loads(_http1.make_error_response(400, SECRET).split(b"\r\n\r\n", 1)[-1])
    assert client["reason"] == "bad_request"


async def test_no_raw_tcp_or_websocket_passes_uninspected() -> None:
    master = _master(config(), Inert())  # type: ignore[arg-type]
    try:
        assert (master.options.rawtcp, master.options.websocket) == (False, False)
    finally:
        master.shutdown()


def test_regular_mode_destination_is_the_crm_host_and_port() -> None:
    assert _destination("https://CRM.example.com.") == ("crm.example.com", 443)
    assert _destination("http://crm.internal:8081/base") == ("crm.internal", 8081)
    assert _destination("http://crm.internal") == ("crm.internal", 80)


async def test_a_rules_change_is_reloaded_only_once_the_files_have_settled(tmp_path: Path) -> None:
    # A policy rewritten in place can be read half-written, and a prefix of it can still be valid.
    import asyncio
    import contextlib

    from proxy.metrics import create
    from proxy.pipeline import Settings
    from proxy.server import Service

    policy = tmp_path / "policy.yaml"
    policy.write_text("version: 1\n")
    service = Service(config(rules_dir=tmp_path, reload_interval=0.3), create(), Settings())
    reloads: list[str] = []

    async def reload() -> bool:
        reloads.append(policy.read_text())
        return True

    service.reload = reload  # type: ignore[method-assign]
    watcher = asyncio.create_task(service.watch())
    await asyncio.sleep(0.05)
    stages = [f"version: 1\n# {'x' * n}" for n in range(1, 8)] + ["version: 1\n# half written, now whole\n"]
    for part in stages:  # over more than a poll interval: some poll lands in the middle
        policy.write_text(part)
        await asyncio.sleep(0.07)  # each stage shorter than a poll interval: none is seen twice
    await asyncio.sleep(1.2)
    watcher.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await watcher
    assert reloads == ["version: 1\n# half written, now whole\n"]


@pytest.mark.parametrize(
    ("message", "kept"),
    [
        ('Unexpected data from server: b\'{"email":"jane@x.com"}\'', "Unexpected data from server: <"),
        (
            'Client closed connection before completing request headers: b"GET / HTTP/1.1\\r\\nAuth"',
            "headers: <",
        ),
        ("invalid head: b'it\\'s jane@x.com' and b'more'", "invalid head: <"),
    ],
)
def test_mitmproxy_warnings_never_quote_bytes(
    caplog: pytest.LogCaptureFixture, message: str, kept: str
) -> None:
    server.quiet_mitmproxy_log()
    with caplog.at_level(logging.DEBUG):
        logging.getLogger("mitmproxy.proxy.server").warning("%s", message)
    [record] = caplog.records
    assert kept in record.getMessage()
    assert "jane@x.com" not in record.getMessage() and "GET /" not in record.getMessage()
    assert "quoted bytes withheld" in record.getMessage()


def test_mitmproxy_connection_chatter_is_not_logged(caplog: pytest.LogCaptureFixture) -> None:
    server.quiet_mitmproxy_log()
    with caplog.at_level(logging.INFO):
        logging.getLogger("mitmproxy.proxy.server").info("client connect")
        logging.getLogger("proxy.server").info("scrim ready")
    assert [r.getMessage() for r in caplog.records] == ["scrim ready"]


def test_mitmproxy_crash_reports_never_quote_bytes(caplog: pytest.LogCaptureFixture) -> None:
    server.quiet_mitmproxy_log()
    try:
        raise AssertionError("Expected no events, got ResponseData(data=bytearray(b'jane@x.com'))")
    except AssertionError:
        with caplog.at_level(logging.DEBUG):
            logging.getLogger("mitmproxy.proxy.server").error("mitmproxy has crashed!", exc_info=True)
    text = caplog.text
    assert "mitmproxy has crashed!" in text and "AssertionError" in text
    assert "jane@x.com" not in text and "quoted bytes withheld" in text
