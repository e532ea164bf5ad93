"""proxy/audit.py: one JSON line per response; a failed write withholds the response; the hash chain."""

from __future__ import annotations

import contextlib
import errno
import fnmatch
import hashlib
import hmac
import itertools
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from proxy.audit import GENESIS, AuditLog, chain_mac, verify, verify_main
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


# --- hash chain ---------------------------------------------------------------------------------

KEY = b"k" * 32
OTHER_KEY = b"o" * 32


def _chained(path: Path, n: int, **kwargs: Any) -> AuditLog:
    audit = AuditLog(path, key=KEY, **kwargs)
    for i in range(n):
        audit.write(
            {"request_id": f"r{i + 1}", "agent": "alice", "records": [{"type": "customer", "id": str(i)}]}
        )
    return audit


@pytest.fixture
def chain(tmp_path: Path) -> Path:
    """A closed, intact six-line chain."""
    path = tmp_path / "scrim.jsonl"
    _chained(path, 6).close()
    return path


def _raw(path: Path) -> list[bytes]:
    return path.read_bytes().split(b"\n")[:-1]


def _put(path: Path, lines: list[bytes]) -> None:
    path.write_bytes(b"".join(line + b"\n" for line in lines))


def test_each_line_carries_seq_prev_and_mac(tmp_path: Path) -> None:
    audit = _chained(tmp_path / "scrim.jsonl", 0)
    for record in [*RECORDS, {"note": "lone \ud800 surrogate"}]:
        audit.write(record)
    audit.close()
    lines = _lines(audit.path)
    prev = GENESIS
    for seq, (line, record) in enumerate(
        zip(lines, [*RECORDS, {"note": "lone \ud800 surrogate"}], strict=True), 1
    ):
        assert {k: v for k, v in line.items() if k not in ("seq", "prev", "mac")} == record
        assert (line["seq"], line["prev"]) == (seq, prev)
        body = {k: v for k, v in line.items() if k != "mac"}
        assert line["mac"] == chain_mac(KEY, prev, body)
        prev = line["mac"]
    assert (audit.last_seq, audit.last_mac) == (4, prev)
    assert audit.path.read_bytes().isascii()  # written as before: compact, sorted, ASCII-escaped
    report = verify([audit.path], KEY)
    assert report.ok and report.lines == 4 and report.files == (audit.path,) and not report.warnings


def test_mac_is_over_prev_and_canonical_utf8_json() -> None:
    body = {"b": "Zoë", "a": 1, "seq": 1, "prev": GENESIS}
    message = (
        GENESIS.encode() + b"\n" + '{"a":1,"b":"Zoë","prev":"'.encode() + GENESIS.encode() + b'","seq":1}'
    )
    assert chain_mac(KEY, GENESIS, body) == hmac.new(KEY, message, hashlib.sha256).hexdigest()


def test_without_a_key_there_is_no_chain(log: AuditLog) -> None:
    log.write(RECORDS[0])
    assert log.last_seq is None and log.last_mac is None
    assert _lines(log.path) == [RECORDS[0]]


def test_chain_field_names_are_reserved(tmp_path: Path) -> None:
    audit = AuditLog(tmp_path / "scrim.jsonl", key=KEY)
    try:
        with pytest.raises(ValueError, match="seq"):
            audit.write({"seq": 5})
    finally:
        audit.close()
    assert audit.path.read_bytes() == b""


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"key": b"short"}, "at least 32 bytes"),
        ({"key": KEY, "max_bytes": 0}, "max_bytes must be positive"),
    ],
)
def test_bad_settings_are_startup_errors(tmp_path: Path, kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(StartupError, match=message):
        AuditLog(tmp_path / "scrim.jsonl", **kwargs)


def test_concurrent_writers_keep_one_chain(tmp_path: Path) -> None:
    import threading

    audit = AuditLog(tmp_path / "scrim.jsonl", key=KEY, max_bytes=2000)
    threads = [
        threading.Thread(target=lambda t=t: [audit.write({"t": t, "i": i}) for i in range(50)])
        for t in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    audit.close()
    report = verify([tmp_path], KEY)
    assert report.ok and report.lines == 200 and audit.last_seq == 200


# --- tampering: each kind, at the right line ---


def _edit_value(lines: list[bytes]) -> list[bytes]:
    lines[2] = lines[2].replace(b'"alice"', b'"mallory"')
    return lines


def _edit_seq(lines: list[bytes]) -> list[bytes]:
    lines[2] = lines[2].replace(b'"seq":3', b'"seq":9')
    return lines


def _edit_first(lines: list[bytes]) -> list[bytes]:
    lines[0] = lines[0].replace(b'"r1"', b'"r0"')
    return lines


def _edit_last(lines: list[bytes]) -> list[bytes]:
    lines[5] = lines[5].replace(b'"alice"', b'"bob"')
    return lines


def _duplicate_key(lines: list[bytes]) -> list[bytes]:
    # Most JSON readers keep the last value, some the first: a second "agent" must not pass.
    lines[2] = lines[2].replace(b"{", b'{"agent":"mallory",', 1)
    return lines


def _strip_chain(lines: list[bytes]) -> list[bytes]:
    record = {k: v for k, v in json.loads(lines[2]).items() if k not in ("seq", "prev", "mac")}
    lines[2] = json.dumps(record).encode()
    return lines


def _forge(lines: list[bytes]) -> list[bytes]:
    forged = json.loads(lines[2])
    forged["agent"] = "mallory"
    forged["mac"] = "f" * 64
    return [*lines[:2], json.dumps(forged).encode(), *lines[2:]]


def _forge_at_end(lines: list[bytes]) -> list[bytes]:
    forged = json.loads(lines[5])
    forged["mac"] = "f" * 64
    return [*lines, json.dumps(forged).encode()]


TAMPERING = [
    # (how, tamper, kind, line)
    ("edit a value", _edit_value, "edited", 3),
    ("edit a seq", _edit_seq, "edited", 3),
    ("edit the first line", _edit_first, "edited", 1),
    ("edit the last line", _edit_last, "edited", 6),
    ("duplicate a key", _duplicate_key, "edited", 3),
    ("delete a line", lambda ls: [*ls[:2], *ls[3:]], "removed", 3),
    ("delete two lines", lambda ls: [*ls[:2], *ls[4:]], "removed", 3),
    ("insert a copy further on", lambda ls: [*ls[:4], ls[1], *ls[4:]], "inserted", 5),
    ("insert a copy next to it", lambda ls: [*ls[:3], ls[2], *ls[3:]], "inserted", 4),
    ("append a copy", lambda ls: [*ls, ls[0]], "inserted", 7),
    ("insert a forged line", _forge, "inserted", 3),
    ("append a forged line", _forge_at_end, "inserted", 7),
    ("insert an unchained line", _strip_chain, "inserted", 3),
    ("swap two lines", lambda ls: [ls[0], ls[1], ls[3], ls[2], ls[4], ls[5]], "reordered", 3),
    ("move a line later", lambda ls: [ls[0], *ls[2:], ls[1]], "reordered", 2),
    ("move a line to the top", lambda ls: [ls[1], ls[2], ls[0], *ls[3:]], "reordered", 3),
    ("truncate a line", lambda ls: [*ls[:2], ls[2][:40], *ls[3:]], "torn", 3),
    ("blank a line", lambda ls: [*ls[:2], b"", *ls[3:]], "torn", 3),
]


@pytest.mark.parametrize(("how", "tamper", "kind", "line"), TAMPERING, ids=[t[0] for t in TAMPERING])
def test_tampering_is_named_at_its_line(chain: Path, how: str, tamper: Any, kind: str, line: int) -> None:
    _put(chain, tamper(_raw(chain)))
    report = verify([chain], KEY)
    assert not report.ok
    assert report.problem is not None
    assert (report.problem.kind, report.problem.path, report.problem.line) == (kind, chain, line), str(
        report.problem
    )


def test_a_wrong_key_is_named(chain: Path) -> None:
    report = verify([chain], OTHER_KEY)
    assert report.problem is not None
    assert (report.problem.kind, report.problem.line) == ("wrong_key", 1)


def test_a_one_line_log_with_a_wrong_key(tmp_path: Path) -> None:
    _chained(tmp_path / "scrim.jsonl", 1).close()
    problem = verify([tmp_path / "scrim.jsonl"], OTHER_KEY).problem
    assert problem is not None and problem.kind == "wrong_key"


def test_cutting_the_tail_needs_an_anchor(tmp_path: Path) -> None:
    # A shorter chain is still a chain: only the last seq/mac kept elsewhere shows what is missing.
    audit = _chained(tmp_path / "scrim.jsonl", 6)
    audit.close()
    _put(audit.path, _raw(audit.path)[:4])
    report = verify([audit.path], KEY)
    assert report.ok and report.lines == 4
    assert report.chains[0].last_seq == 4 != audit.last_seq
    assert report.chains[0].last_mac != audit.last_mac


def test_cutting_the_head_shows_where_the_chain_starts(chain: Path) -> None:
    _put(chain, _raw(chain)[2:])
    report = verify([chain], KEY)
    assert report.ok and report.chains[0].first_seq == 3


def test_a_cut_last_line_is_a_warning(chain: Path) -> None:
    chain.write_bytes(chain.read_bytes()[:-30])
    report = verify([chain], KEY)
    assert report.ok and report.lines == 5
    assert [(w.kind, w.line) for w in report.warnings] == [("torn", 6)]


# --- continuing the chain ---


def test_reopening_continues_the_chain(tmp_path: Path) -> None:
    path = tmp_path / "scrim.jsonl"
    first = _chained(path, 2)
    first.close()
    second = AuditLog(path, key=KEY)
    assert (second.last_seq, second.last_mac) == (first.last_seq, first.last_mac)
    second.write(RECORDS[0])
    second.close()
    third = line = _lines(path)[2]
    assert (third["seq"], third["prev"]) == (3, first.last_mac)
    assert "resumed_after_torn_line" not in line
    assert verify([path], KEY).lines == 3


def test_reopening_an_empty_file_starts_at_genesis(tmp_path: Path) -> None:
    (tmp_path / "scrim.jsonl").touch()
    audit = AuditLog(tmp_path / "scrim.jsonl", key=KEY)
    audit.close()
    assert (audit.last_seq, audit.last_mac) == (0, GENESIS)


@pytest.mark.parametrize("fragment", [b'{"agent":"alice","re', b"\0\0\0\0", b'{"agent":"alice","re\n\0\0\n'])
def test_a_torn_tail_is_resumed_after(tmp_path: Path, fragment: bytes) -> None:
    path = tmp_path / "scrim.jsonl"
    first = _chained(path, 2)
    first.close()
    with path.open("ab") as f:
        f.write(fragment)  # the crash: half a line, or the zeros a power cut can leave
    second = AuditLog(path, key=KEY)
    second.write(RECORDS[0])
    second.close()
    resumed = json.loads(_raw(path)[-1])
    assert (resumed["seq"], resumed["prev"], resumed["resumed_after_torn_line"]) == (3, first.last_mac, True)
    report = verify([path], KEY)
    assert report.ok and report.lines == 3, report.problem
    assert report.warnings and all(w.kind == "torn" for w in report.warnings)


def test_a_torn_write_in_process_is_resumed_after(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    audit = _chained(tmp_path / "scrim.jsonl", 2)
    real_write = os.write

    def torn(fd: int, data: bytes) -> int:
        real_write(fd, data[: len(data) // 2])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("proxy.audit.os.write", torn)
    with pytest.raises(AuditUnavailable):
        audit.write({"request_id": "withheld"})
    monkeypatch.setattr("proxy.audit.os.write", real_write)
    assert audit.last_seq == 2  # the torn record does not count
    audit.write({"request_id": "released"})
    audit.close()
    report = verify([audit.path], KEY)
    assert report.ok and report.lines == 3
    assert [(w.kind, w.line) for w in report.warnings] == [("torn", 3)]
    assert _lines_after_torn(audit.path)[-1]["resumed_after_torn_line"] is True


def _lines_after_torn(path: Path) -> list[dict[str, Any]]:
    parsed = []
    for line in _raw(path):
        with contextlib.suppress(json.JSONDecodeError):
            parsed.append(json.loads(line))
    return parsed


def test_a_whole_line_without_its_newline_is_redone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A short write can stop one byte early: the record is whole but its response was withheld.
    audit = _chained(tmp_path / "scrim.jsonl", 2)
    real_write = os.write
    monkeypatch.setattr("proxy.audit.os.write", lambda fd, data: real_write(fd, data[:-1]))
    with pytest.raises(AuditUnavailable):
        audit.write({"request_id": "withheld"})
    monkeypatch.setattr("proxy.audit.os.write", real_write)
    audit.write({"request_id": "released"})
    audit.close()
    lines = _lines(audit.path)
    assert [(line["request_id"], line["seq"]) for line in lines[2:]] == [("withheld", 3), ("released", 3)]
    report = verify([audit.path], KEY)
    assert report.ok and report.lines == 3
    assert [(w.kind, w.line) for w in report.warnings] == [("torn", 3)]


def test_a_failed_fsync_is_redone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    audit = _chained(tmp_path / "scrim.jsonl", 1, fsync=True)

    def broken(_: int) -> None:
        raise OSError(errno.EIO, "I/O error")

    monkeypatch.setattr("proxy.audit.os.fsync", broken)
    with pytest.raises(AuditUnavailable):
        audit.write({"request_id": "withheld"})
    monkeypatch.undo()
    audit.write({"request_id": "released"})
    audit.close()
    report = verify([audit.path], KEY)
    assert report.ok and report.lines == 2
    assert [w.line for w in report.warnings] == [2, 3]  # the withheld record, then the empty line


def test_unkeyed_reopen_after_a_torn_tail_starts_a_new_line(tmp_path: Path) -> None:
    path = tmp_path / "scrim.jsonl"
    path.write_bytes(b'{"request_id":"r0"}\n{"request_id":"tor')
    audit = AuditLog(path)
    audit.write(RECORDS[0])
    audit.close()
    assert json.loads(_raw(path)[-1]) == RECORDS[0]


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("other key", "does not verify with this key"),
        ("edited last line", "does not verify with this key"),
        ("unchained log", "not chained"),
    ],
)
def test_refuses_to_extend_a_chain_it_cannot_vouch_for(tmp_path: Path, setup: str, message: str) -> None:
    path = tmp_path / "scrim.jsonl"
    if setup == "unchained log":
        legacy = AuditLog(path)
        legacy.write(RECORDS[0])
        legacy.close()
    else:
        _chained(path, 2).close()
    if setup == "edited last line":
        path.write_bytes(path.read_bytes().replace(b'"r2"', b'"rX"'))
    with pytest.raises(StartupError, match=message):
        AuditLog(path, key=OTHER_KEY if setup == "other key" else KEY)


# --- rotation ---


def _rotated(directory: Path) -> list[Path]:
    return sorted(p for p in directory.iterdir() if p.name != "scrim.jsonl")


def test_rotation_keeps_one_chain_across_files(tmp_path: Path) -> None:
    path = tmp_path / "scrim.jsonl"
    audit = _chained(path, 12, max_bytes=700)
    audit.close()
    rotated = _rotated(tmp_path)
    assert len(rotated) >= 3
    for file in [*rotated, path]:
        assert re.fullmatch(r"scrim\.jsonl(\.\d{8}T\d{6}\.\d+)?", file.name)
        assert 0 < file.stat().st_size <= 700
    files = [*sorted(rotated, key=lambda p: int(p.name.rsplit(".", 1)[1])), path]
    lines = [line for file in files for line in _lines(file)]
    assert [line["seq"] for line in lines] == list(range(1, 13))
    assert all(b["prev"] == a["mac"] for a, b in itertools.pairwise(lines))
    report = verify([tmp_path], KEY)
    assert report.ok and report.lines == 12 and len(report.files) == len(rotated) + 1
    assert report.files[-1] == path and report.chains[0].last_mac == audit.last_mac
    # given as files in any order, the chain is put back in seq order
    assert verify([path, *reversed(rotated)], KEY).ok


def test_rotation_continues_after_reopening(tmp_path: Path) -> None:
    path = tmp_path / "scrim.jsonl"
    _chained(path, 5, max_bytes=700).close()
    _chained(path, 5, max_bytes=700).close()
    report = verify([tmp_path], KEY)
    assert report.ok and report.lines == 10 and len(report.files) >= 3


def test_a_crash_between_rename_and_new_file_loses_nothing(tmp_path: Path) -> None:
    path = tmp_path / "scrim.jsonl"
    first = _chained(path, 3)
    first.close()
    path.rename(tmp_path / "scrim.jsonl.20250101T000000.3")  # renamed, then the crash
    second = _chained(path, 2)
    second.close()
    assert second.last_seq == 5 and _lines(path)[0]["prev"] == first.last_mac
    assert verify([tmp_path], KEY).lines == 5


@pytest.mark.parametrize(
    ("max_bytes", "torn_at", "resumed_at"),
    [
        (700, ("scrim.jsonl.*.2", 3), ("scrim.jsonl", 1)),  # the fragment ends a rotated file
        (400, ("scrim.jsonl.*.2-1", 1), ("scrim.jsonl", 1)),  # a rotated file holds only the fragment
    ],
)
def test_a_torn_line_at_rotation_is_resumed_in_the_next_file(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    max_bytes: int,
    torn_at: tuple[str, int],
    resumed_at: tuple[str, int],
) -> None:
    # One second for every rotation, so the two rotations at seq 2 need distinct names.
    monkeypatch.setattr("proxy.audit._utc_stamp", lambda: "20250101T000000")
    audit = _chained(tmp_path / "scrim.jsonl", 2, max_bytes=max_bytes)
    real_write = os.write

    def torn(fd: int, data: bytes) -> int:
        real_write(fd, data[:20])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("proxy.audit.os.write", torn)
    with pytest.raises(AuditUnavailable):
        audit.write({"request_id": "withheld"})
    monkeypatch.setattr("proxy.audit.os.write", real_write)
    audit.write({"request_id": "resumed", "pad": "x" * 300})  # too big to join the fragment
    audit.close()
    report = verify([tmp_path], KEY)
    assert report.ok and report.lines == 3, report.problem
    [warning] = report.warnings
    assert fnmatch.fnmatch(warning.path.name, torn_at[0]) and warning.line == torn_at[1]
    assert warning.detail.endswith(f"{resumed_at[0]}:{resumed_at[1]} resumes the chain")
    assert _lines(tmp_path / "scrim.jsonl")[0]["resumed_after_torn_line"] is True
    if max_bytes == 400:  # the fragment-only file did not replace the one before it
        assert (tmp_path / "scrim.jsonl.20250101T000000.2").stat().st_size > 200


def test_a_current_file_holding_only_a_fragment_continues_from_the_rotated_one(tmp_path: Path) -> None:
    path = tmp_path / "scrim.jsonl"
    first = _chained(path, 6, max_bytes=700)
    first.close()
    path.rename(tmp_path / "scrim.jsonl.20250101T000000.6")  # the last rotation...
    path.write_bytes(b'{"agent":"ali')  # ...then the first write into the fresh file was cut short
    second = _chained(path, 1)
    second.close()
    resumed = json.loads(_raw(path)[-1])
    assert (resumed["seq"], resumed["prev"], resumed["resumed_after_torn_line"]) == (7, first.last_mac, True)
    report = verify([tmp_path], KEY)
    assert report.ok and report.lines == 7
    assert [(w.path, w.line) for w in report.warnings] == [(path, 1)]


@pytest.mark.parametrize("failing", ["rename", "open"])
def test_a_failed_rotation_withholds_and_loses_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    audit = _chained(tmp_path / "scrim.jsonl", 2, max_bytes=500)

    def broken(*_: Any) -> Any:
        raise OSError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(f"proxy.audit.os.{failing}", broken)
    with pytest.raises(AuditUnavailable):
        audit.write({"request_id": "withheld"})
    monkeypatch.undo()
    for i in range(3):
        audit.write({"request_id": f"after{i}"})
    audit.close()
    report = verify([tmp_path], KEY)
    assert report.ok and report.lines == 5 and not report.warnings, report.problem
    assert len(report.files) >= 2


def test_a_missing_rotated_file_is_removed_lines(tmp_path: Path) -> None:
    _chained(tmp_path / "scrim.jsonl", 12, max_bytes=700).close()
    rotated = sorted(_rotated(tmp_path), key=lambda p: int(p.name.rsplit(".", 1)[1]))
    rotated[1].unlink()
    report = verify([tmp_path], KEY)
    assert report.problem is not None
    assert (report.problem.kind, report.problem.path, report.problem.line) == ("removed", rotated[2], 1)


def test_a_directory_with_two_logs_holds_two_chains(tmp_path: Path) -> None:
    _chained(tmp_path / "a.jsonl", 3).close()
    _chained(tmp_path / "b.jsonl", 12, max_bytes=700).close()
    (tmp_path / "notes.txt").write_text("not a log")
    report = verify([tmp_path], KEY)
    assert report.ok and report.lines == 15
    assert [(c.name, c.lines) for c in report.chains] == [("a.jsonl", 3), ("b.jsonl", 12)]


@pytest.mark.parametrize("what", ["missing file", "empty directory"])
def test_verify_unreadable_input_raises(tmp_path: Path, what: str) -> None:
    with pytest.raises(FileNotFoundError):
        verify([tmp_path / "nope.jsonl" if what == "missing file" else tmp_path], KEY)


# --- verify_main: the `scrim audit verify` CLI ---


@pytest.fixture
def keyed_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCRIM_AUDIT_KEY", KEY.decode())


@pytest.mark.usefixtures("keyed_env")
def test_verify_main_ok(chain: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert verify_main([str(chain)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("ok: 6 lines in 1 file, chain intact (scrim.jsonl: seq 1..6, last mac ")


@pytest.mark.usefixtures("keyed_env")
def test_verify_main_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _chained(tmp_path / "scrim.jsonl", 12, max_bytes=700).close()
    assert verify_main([str(tmp_path)]) == 0
    assert re.match(r"ok: 12 lines in \d+ files, chain intact", capsys.readouterr().out)


@pytest.mark.usefixtures("keyed_env")
def test_verify_main_tampered(chain: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _put(chain, _edit_value(_raw(chain)))
    assert verify_main([str(chain)]) == 1
    assert capsys.readouterr().out.startswith(f"{chain}:3: edited (")


@pytest.mark.usefixtures("keyed_env")
def test_verify_main_prints_warnings(chain: Path, capsys: pytest.CaptureFixture[str]) -> None:
    chain.write_bytes(chain.read_bytes()[:-30])
    assert verify_main([str(chain)]) == 0
    first, second = capsys.readouterr().out.splitlines()
    assert first.startswith(f"{chain}:6: warning: torn (")
    assert second.startswith("ok: 5 lines in 1 file, chain intact")


def test_verify_main_needs_the_key(
    chain: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("SCRIM_AUDIT_KEY", raising=False)
    assert verify_main([str(chain)]) == 2
    assert "SCRIM_AUDIT_KEY" in capsys.readouterr().err


@pytest.mark.usefixtures("keyed_env")
@pytest.mark.parametrize("args", [[], ["missing.jsonl"]])
def test_verify_main_usage_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert verify_main(args) == 2
    assert capsys.readouterr().err


@pytest.mark.parametrize("how", ["unlink", "rename"])
def test_a_log_removed_while_open_is_continued_in_a_new_file(tmp_path: Path, how: str) -> None:
    # Lines went on to the removed file's inode: written, acknowledged, and gone.
    path = tmp_path / "scrim.jsonl"
    audit = _chained(path, 2)
    if how == "unlink":
        path.unlink()
    else:
        path.rename(tmp_path / "moved.jsonl")
    audit.write({"request_id": "after"})
    audit.close()
    [line] = [json.loads(x) for x in path.read_text().splitlines()]
    assert (line["request_id"], line["seq"]) == ("after", 3)  # the chain goes on where it was
