"""proxy/record.py: the audit line gates the release, and a write that hangs cannot hold the proxy."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest

from proxy.audit import AuditLog
from proxy.errors import AuditUnavailable
from proxy.metrics import create
from proxy.model import Outcome
from proxy.record import Recorder, View


def _view(request_id: str) -> View:
    return View(request_id, None, "users.get", "GET", 200, Outcome.PASSED, "v1", 0.01)


class HangingAudit(AuditLog):
    """Writes block until released, as on a hung network mount."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.release = threading.Event()

    def write(self, record: dict[str, Any]) -> None:
        self.release.wait()
        super().write(record)


def test_a_hanging_audit_write_fails_within_its_timeout_and_later_ones_at_once(tmp_path: Path) -> None:
    # A write that blocked held the event loop, and every agent, for as long as it blocked.
    audit = HangingAudit(tmp_path / "audit.jsonl")
    recorder = Recorder(create(), audit, write_timeout=0.2)
    started = time.monotonic()
    with pytest.raises(AuditUnavailable):
        recorder.record(_view("r1"))
    with pytest.raises(AuditUnavailable):
        recorder.record(_view("r2"))  # the first still hangs: this one is not even tried
    waited = time.monotonic() - started
    assert recorder.failing and waited < 5  # not a timing target: the writes did not wait for release
    audit.release.set()
    deadline = time.monotonic() + 5
    while True:  # the hung write lands once released; until then, writes fail at once
        try:
            recorder.record(_view("r3"))
            break
        except AuditUnavailable:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.01)
    assert not recorder.failing
    audit.close()
    assert [line.count('"request_id"') for line in (tmp_path / "audit.jsonl").read_text().splitlines()] == [
        1,
        1,
    ]


def test_an_audit_line_holds_a_bounded_number_of_records_customers_first() -> None:
    # One comment with 12,000 addresses, read again and again, wrote 1.6 MB audit lines.
    from proxy.model import Record, ServedRecord
    from proxy.scope import CONTACT, CUSTOMER

    contacts = [ServedRecord(Record(CONTACT, f"k{i}"), keys=(f"h{i}",)) for i in range(5_000)]
    customers = [ServedRecord(Record(CUSTOMER, str(i))) for i in range(3)]
    line = Recorder._audit_line(
        View(
            "r1",
            None,
            "tickets.comments",
            "GET",
            200,
            Outcome.MASKED,
            "v1",
            0.01,
            records=(*contacts, *customers),
        )
    )
    records = line["records"]
    assert isinstance(records, list) and len(records) == 1_000
    assert [r["type"] for r in records[:3]] == [CUSTOMER] * 3  # customers are never the ones left out
    assert line["records_omitted"] == 5_003 - 1_000
