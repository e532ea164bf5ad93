"""proxy/audit.py: one JSON line per response; a failed write withholds the response."""

from __future__ import annotations

import errno
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from proxy.audit import AuditLog
from proxy.errors import AuditUnavailable, StartupError

RECORDS: list[dict[str, Any]] = [
    {"request_id": "r1", "agent": "alice", "route": "users.get", "records": [["customer", "7"]]},
    {"request_id": "r2", "agent": "bob", "route": "_undeclared", "masked": {"EMAIL_ADDRESS": 2}},
    {"request_id": "r3", "note": "Zoë ☎", "n": 1},
]


@pytest.fixture
def log(tmp_path: Path) -> Iterator[AuditLog]:
    audit = AuditLog(tmp_path / "audit" / "scrim.jsonl")
    yield audit
    audit.close()


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_lines_are_appended_as_json(log: AuditLog) -> None:
    for record in RECORDS:
        log.write(record)
    text = log.path.read_text(encoding="utf-8")
    assert text.endswith("\n")
    assert text.count("\n") == 3
    assert _lines(log.path) == RECORDS
    # compact, sorted keys, ASCII only
    assert text.splitlines()[2] == '{"n":1,"note":"Zo\\u00eb \\u260e","request_id":"r3"}'


def test_reopening_appends(tmp_path: Path) -> None:
    path = tmp_path / "scrim.jsonl"
    first = AuditLog(path)
    first.write(RECORDS[0])
    first.close()
    second = AuditLog(path, fsync=True)
    second.write(RECORDS[1])
    second.close()
    assert _lines(path) == RECORDS[:2]


def test_parent_directories_are_created(tmp_path: Path) -> None:
    audit = AuditLog(tmp_path / "a" / "b" / "c" / "scrim.jsonl")
    audit.close()
    assert (tmp_path / "a" / "b" / "c" / "scrim.jsonl").exists()


def test_write_after_close_is_audit_unavailable(log: AuditLog) -> None:
    log.close()
    with pytest.raises(AuditUnavailable) as info:
        log.write(RECORDS[0])
    assert info.value.status == 503
    assert info.value.reason == "audit_unavailable"


def test_disk_full_is_audit_unavailable(log: AuditLog, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(_fd: int, _data: bytes) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("proxy.audit.os.write", full)
    with pytest.raises(AuditUnavailable) as info:
        log.write(RECORDS[0])
    assert isinstance(info.value.__cause__, OSError)
    assert info.value.__cause__.errno == errno.ENOSPC


def test_fsync_failure_is_audit_unavailable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    audit = AuditLog(tmp_path / "scrim.jsonl", fsync=True)

    def broken(_: int) -> None:
        raise OSError(errno.EIO, "I/O error")

    monkeypatch.setattr("proxy.audit.os.fsync", broken)
    try:
        with pytest.raises(AuditUnavailable):
            audit.write(RECORDS[0])
    finally:
        audit.close()


@pytest.mark.parametrize("what", ["parent is a file", "path is a directory"])
def test_unopenable_path_is_a_startup_error(tmp_path: Path, what: str) -> None:
    if what == "parent is a file":
        (tmp_path / "file").write_text("x")
        path = tmp_path / "file" / "scrim.jsonl"
    else:
        path = tmp_path / "dir"
        path.mkdir()
    with pytest.raises(StartupError, match=r"^audit log .*: cannot open for append \("):
        AuditLog(path)


def test_a_failed_record_is_not_written_later(log: AuditLog, monkeypatch: pytest.MonkeyPatch) -> None:
    # The response of a failed write is withheld, so its record must never appear in the log as a
    # record: a torn half-line may remain, but the next record starts on a line of its own.
    real_write = os.write

    def torn(fd: int, data: bytes) -> int:
        real_write(fd, data[: len(data) // 2])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("proxy.audit.os.write", torn)
    with pytest.raises(AuditUnavailable):
        log.write({"request_id": "withheld"})
    monkeypatch.setattr("proxy.audit.os.write", real_write)
    log.write({"request_id": "released"})
    parsed = []
    for line in log.path.read_text().splitlines():
        try:
            parsed.append(json.loads(line)["request_id"])
        except json.JSONDecodeError:
            continue
    assert parsed == ["released"]
