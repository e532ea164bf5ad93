"""The audit trail: one JSON line per response, written before the response is released.

Lines carry ids, counts and rule names — never values, paths or query strings, which can hold
customer data. A write that fails raises AuditUnavailable, and the data response is withheld.

Hash chain (with a key). Each line is the record plus three fields:

    {...record..., "seq": 42, "prev": "<mac of line 41>", "mac": "<hex HMAC-SHA256>"}

`seq` counts lines from 1 across rotated files; `prev` is the previous line's `mac` (`GENESIS`, 64
zeros, for the first line ever); `mac = HMAC-SHA256(key, prev + "\\n" + canonical(line without mac))`
where `canonical` is `json.dumps(sort_keys=True, separators=(",", ":"), ensure_ascii=False)` encoded
as UTF-8 (a lone surrogate, which JSON allows, as in WTF-8). A line after a write that was cut short
also carries `"resumed_after_torn_line": true`, inside the MAC, so a verifier can tell a crash or a
full disk from tampering. Without a key lines are written as before, unchained: the caller decides.

Rotation (`max_bytes`) renames the file to `<name>.<UTC YYYYmmddTHHMMSS>.<last seq>` and continues
in a fresh file whose first `prev` is the rotated file's last `mac`. The rename is atomic, so a crash
at any point leaves every line in exactly one of the two names; on start-up the chain continues from
the newest file that holds a record.

`verify()` (and `scrim audit verify`, via `verify_main`) walks the chain and names the first line
that was edited, removed, inserted or reordered. What it cannot see: lines cut off the *end* of the
newest file (or whole newest files removed) leave a shorter chain that is still intact. Detecting
that needs an anchor kept elsewhere — the `seq` and `mac` of a recent line shipped to another system
(`AuditLog.last_seq` / `last_mac`; the `scrim_audit_last_seq` metric, which Prometheus keeps) —
compared with the last line the verifier reports. Likewise a chain whose old files were archived
starts after seq 1; the report says where it starts.

One writer per file: replicas write separate files (each its own chain), and the file is rotated
only by `AuditLog` itself — an external rename would split the chain where nobody can follow it.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import hmac
import json
import logging
import os
import re
import sys
import threading
import time
from collections.abc import Generator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Literal

from proxy.errors import AuditUnavailable, StartupError

log = logging.getLogger(__name__)

GENESIS = "0" * 64
RESUMED = "resumed_after_torn_line"
CHAIN_FIELDS = ("seq", "prev", "mac", RESUMED)
MIN_KEY_BYTES = 32
KEY_ENV = "SCRIM_AUDIT_KEY"

_FLAGS = os.O_WRONLY | os.O_APPEND | os.O_CREAT
_ROTATED = re.compile(r"^(?P<base>.+)\.(?P<ts>\d{8}T\d{6})\.(?P<seq>\d+)(?:-(?P<n>\d+))?$")
_BLOCK = 1 << 16
# A line longer than this is garbage (real lines are kilobytes): the tail reader skips it unread.
_MAX_LINE = 1 << 24


def canonical(record: Mapping[str, Any]) -> bytes:
    """The bytes a line's MAC covers (the record with `seq` and `prev`, without `mac`)."""
    text = json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text.encode("utf-8", "surrogatepass")


def chain_mac(key: bytes, prev: str, body: Mapping[str, Any]) -> str:
    """Hex HMAC-SHA256 over the previous MAC, a newline and the canonical body."""
    message = prev.encode("utf-8", "surrogatepass") + b"\n" + canonical(body)
    return hmac.new(key, message, hashlib.sha256).hexdigest()


class AuditLog:
    """Append-only JSONL file. `fsync=True` trades latency for surviving a power cut.

    `key` (32+ bytes) turns on the hash chain; `max_bytes` turns on rotation. Opening an existing
    chained log continues its chain, and refuses (StartupError) if its last record does not verify
    with `key` or is not chained at all: Scrim will not extend a chain it cannot vouch for.
    """

    def __init__(
        self, path: Path, fsync: bool = False, *, key: bytes | None = None, max_bytes: int | None = None
    ) -> None:
        if key is not None and len(key) < MIN_KEY_BYTES:
            raise StartupError(f"audit log {path}: the audit key must be at least {MIN_KEY_BYTES} bytes")
        if max_bytes is not None and max_bytes <= 0:
            raise StartupError(f"audit log {path}: max_bytes must be positive, not {max_bytes}")
        self.path = path
        self._fsync = fsync
        self._key = key
        self._max_bytes = max_bytes
        self._lock = threading.Lock()
        self._fd: int | None = None
        self._closed = False
        self._size = 0
        self._needs_newline = False  # the file ends inside a partial line
        self._resumed = False  # the next record follows a torn write
        self._seq = 0
        self._mac = GENESIS
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # Unbuffered: a line that failed to write must not sit in a buffer and reach the file
            # later, next to a response that was in fact withheld.
            self._open()
        except OSError as err:
            raise StartupError(f"audit log {path}: cannot open for append ({err.strerror})") from err
        try:
            if key is not None:
                self._continue_chain(key)
        except OSError as err:
            self.close()
            raise StartupError(f"audit log {path}: cannot read its tail ({err.strerror})") from err
        except StartupError:
            self.close()
            raise

    @property
    def last_seq(self) -> int | None:
        """Seq of the last line written or found (0 before the first); None without a key."""
        return self._seq if self._key is not None else None

    @property
    def last_mac(self) -> str | None:
        """MAC of the last line (GENESIS before the first): the anchor to ship elsewhere."""
        return self._mac if self._key is not None else None

    def write(self, record: dict[str, Any]) -> None:
        """Append one line. Raises AuditUnavailable if it may not have reached the file whole."""
        with self._lock:
            if self._closed:
                raise AuditUnavailable from OSError(errno.EBADF, "audit log is closed")
            line, seq, mac = self._line(record)
            try:
                self._rotate_if_needed(len(line) + 1)
                fd = self._open()
            except OSError as err:
                raise AuditUnavailable from err  # nothing was written
            data = (b"\n" + line) if self._needs_newline else line
            try:
                written = os.write(fd, data)
                self._size += written
                if written != len(data):
                    raise OSError("short write")
                if self._fsync:
                    os.fsync(fd)
            except OSError as err:
                # Part of the line may be in the file. The next line starts on a line of its own,
                # reuses this seq and says it resumed, so the verifier can explain the fragment.
                self._needs_newline = True
                self._resumed = self._key is not None
                with contextlib.suppress(OSError):
                    self._size = os.fstat(fd).st_size
                raise AuditUnavailable from err
            self._needs_newline = False
            self._resumed = False
            if self._key is not None:
                self._seq, self._mac = seq, mac

    def close(self) -> None:
        with self._lock:
            self._closed = True
            if self._fd is not None:
                with contextlib.suppress(OSError):
                    os.close(self._fd)
                self._fd = None

    def _line(self, record: Mapping[str, Any]) -> tuple[bytes, int, str]:
        if self._key is None:
            return (json.dumps(record, separators=(",", ":"), sort_keys=True) + "\n").encode(), 0, ""
        clash = [name for name in CHAIN_FIELDS if name in record]
        if clash:
            raise ValueError(f"audit record uses the chain's own field names: {clash}")
        body = dict(record)
        body["seq"] = seq = self._seq + 1
        body["prev"] = self._mac
        if self._resumed:
            body[RESUMED] = True
        body["mac"] = mac = chain_mac(self._key, self._mac, body)
        return (json.dumps(body, separators=(",", ":"), sort_keys=True) + "\n").encode(), seq, mac

    def _open(self) -> int:
        if self._fd is not None and not self._still_at_path(self._fd):
            # Removed or renamed by someone else: lines written on would go to a file nobody can
            # find. They go to a new file at the path, the chain continuing (its first `prev` is
            # the last line's mac), so the verifier sees exactly where the missing file was.
            log.error("audit log %s was removed or replaced; continuing in a new file", self.path)
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = None
        if self._fd is None:
            fd = os.open(self.path, _FLAGS, 0o640)
            try:
                self._size = os.fstat(fd).st_size
                self._needs_newline = self._size > 0 and not _ends_with_newline(self.path)
            except OSError:
                os.close(fd)
                raise
            self._fd = fd
        return self._fd

    def _still_at_path(self, fd: int) -> bool:
        try:
            here, there = os.fstat(fd), os.stat(self.path)
        except OSError:
            return False
        return (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino)

    def _rotate_if_needed(self, incoming: int) -> None:
        if self._max_bytes is None or self._size == 0 or self._size + incoming <= self._max_bytes:
            return
        if self._fd is not None and self._fsync:
            os.fsync(self._fd)
        # One atomic rename: a crash before it leaves the lines here, after it in the rotated file,
        # and start-up continues the chain from whichever file holds the last record.
        os.rename(self.path, self._rotated_name())
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)
        self._fd = None
        self._size = 0
        self._needs_newline = False  # the fragment stays behind; `_resumed` carries on
        if self._fsync:
            _fsync_dir(self.path.parent)

    def _rotated_name(self) -> Path:
        stem = f"{self.path.name}.{_utc_stamp()}.{self._seq}"
        target = self.path.with_name(stem)
        n = 0
        while target.exists():  # never replace an older file (same second, same seq)
            n += 1
            target = self.path.with_name(f"{stem}-{n}")
        return target

    def _continue_chain(self, key: bytes) -> None:
        torn = False
        # Newest first: the current file, then rotated files (the current one may be empty or
        # missing after a crash during rotation, or hold nothing but a torn line).
        for candidate in [self.path, *reversed(rotated_files(self.path))]:
            found, saw_torn = _last_record(candidate, key)
            torn = torn or saw_torn
            if found is not None:
                self._seq, self._mac = found
                break
        self._resumed = torn


def rotated_files(path: Path) -> list[Path]:
    """The rotated files of the log at `path`, oldest first."""
    found: list[tuple[tuple[int, str, int], Path]] = []
    with contextlib.suppress(FileNotFoundError):
        for entry in path.parent.iterdir():
            match = _ROTATED.match(entry.name)
            if match and match["base"] == path.name and entry.is_file():
                found.append((_rotation_order(match), entry))
    return [entry for _, entry in sorted(found)]


def _rotation_order(match: re.Match[str]) -> tuple[int, str, int]:
    return int(match["seq"]), match["ts"], int(match["n"] or 0)


def _utc_stamp() -> str:
    return time.strftime("%Y%m%dT%H%M%S", time.gmtime())


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _ends_with_newline(path: Path) -> bool:
    with path.open("rb") as f:
        if f.seek(0, os.SEEK_END) == 0:
            return True
        f.seek(-1, os.SEEK_END)
        return f.read(1) == b"\n"


def _last_record(path: Path, key: bytes) -> tuple[tuple[int, str] | None, bool]:
    """(seq, mac) of the last chained record in `path`, and whether torn lines follow it."""
    torn = False
    try:
        f = path.open("rb")
    except FileNotFoundError:
        return None, False
    with f:
        for raw, terminated in _reverse_lines(f):
            if raw is not None and not terminated and not raw:
                continue  # the file ends with a newline
            entry = None if raw is None or not terminated else _parse(raw, key)
            if entry is None:
                torn = True
                continue
            if entry.duplicate_key is None and not entry.chained:
                raise StartupError(
                    f"audit log {path}: the last record is not chained (written without a key); "
                    "move the file aside to start a new chain"
                )
            if not entry.mac_ok or entry.seq is None or entry.mac is None:
                raise StartupError(
                    f"audit log {path}: the last record does not verify with this key — a wrong key, "
                    "or the file was altered; refusing to extend a chain it cannot vouch for "
                    "(run `scrim audit verify`)"
                )
            return (entry.seq, entry.mac), torn
    return None, torn


def _reverse_lines(f: BinaryIO) -> Generator[tuple[bytes | None, bool], None, None]:
    """Lines from the end, as (bytes, ends with a newline); None for a line too long to be real."""
    pos = f.seek(0, os.SEEK_END)
    tail = b""  # the line being assembled, read backwards
    overlong = False
    terminated = False
    while pos > 0:
        step = min(_BLOCK, pos)
        pos -= step
        f.seek(pos)
        parts = f.read(step).split(b"\n")
        for part in reversed(parts[1:]):
            line = part + tail
            yield (None if overlong or len(line) > _MAX_LINE else line), terminated
            tail, overlong, terminated = b"", False, True
        if not overlong:
            tail = parts[0] + tail
            if len(tail) > _MAX_LINE:
                tail, overlong = b"", True
    yield (None if overlong else tail), terminated


# --- verification -------------------------------------------------------------------------------

Kind = Literal["edited", "removed", "inserted", "reordered", "torn", "wrong_key"]


@dataclass(frozen=True, slots=True)
class Finding:
    """One line the verifier has something to say about (a problem, or a warning)."""

    kind: Kind
    path: Path
    line: int
    detail: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.kind} ({self.detail})"


@dataclass(frozen=True, slots=True)
class ChainReport:
    """The verdict on one chain (one log and its rotated files)."""

    name: str
    files: tuple[Path, ...]
    lines: int  # chained records verified
    first_seq: int | None
    last_seq: int | None
    last_mac: str | None  # compare with an anchor kept elsewhere to detect a cut-off tail
    problem: Finding | None  # the first sign of tampering; None if the chain is intact
    warnings: tuple[Finding, ...]  # torn writes the chain itself explains


@dataclass(frozen=True, slots=True)
class VerifyReport:
    """The verdict on every chain found in the paths given to `verify`."""

    chains: tuple[ChainReport, ...]

    @property
    def ok(self) -> bool:
        return all(chain.problem is None for chain in self.chains)

    @property
    def lines(self) -> int:
        return sum(chain.lines for chain in self.chains)

    @property
    def files(self) -> tuple[Path, ...]:
        return tuple(path for chain in self.chains for path in chain.files)

    @property
    def problem(self) -> Finding | None:
        return next((chain.problem for chain in self.chains if chain.problem is not None), None)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(w for chain in self.chains for w in chain.warnings)


def verify(paths: Sequence[Path], key: bytes) -> VerifyReport:
    """Verify the chains in `paths` (files, or directories holding logs and their rotated files).

    Files are grouped into chains by log name (`scrim.jsonl` with its `scrim.jsonl.<ts>.<seq>`
    files) and ordered by the first seq each holds. Raises OSError if a path cannot be read.
    """
    groups: dict[tuple[Path, str], list[Path]] = {}
    for given in paths:
        for path in _expand(Path(given)):
            match = _ROTATED.match(path.name)
            group = groups.setdefault((path.parent, match["base"] if match else path.name), [])
            if path not in group:
                group.append(path)
    chains = []
    for (_, name), files in groups.items():
        ordered = sorted(files, key=lambda p: _file_order(p, key))
        chains.append(_Walk(name, tuple(ordered), key).run())
    return VerifyReport(tuple(chains))


def verify_main(args: list[str]) -> int:
    """`scrim audit verify FILE_OR_DIR...`: 0 intact, 1 tampered, 2 cannot verify."""
    paths = [arg for arg in args if arg != "--"]
    if not paths or any(arg in ("-h", "--help") for arg in paths):
        print("usage: scrim audit verify FILE_OR_DIR... (key from SCRIM_AUDIT_KEY)", file=sys.stderr)
        return 2
    secret = os.environ.get(KEY_ENV)
    if not secret:
        print(
            f"scrim audit verify: set {KEY_ENV} (the key `scrim serve` chains the log with)", file=sys.stderr
        )
        return 2
    try:
        report = verify([Path(p) for p in paths], secret.encode())
    except OSError as err:
        print(f"scrim audit verify: {err.filename or ''}: {err.strerror or err}", file=sys.stderr)
        return 2
    for chain in report.chains:
        for warning in chain.warnings:
            print(f"{warning.path}:{warning.line}: warning: {warning.kind} ({warning.detail})")
        if chain.problem is not None:
            print(chain.problem)
            continue
        span = (
            f"seq {chain.first_seq}..{chain.last_seq}, last mac {chain.last_mac}" if chain.lines else "empty"
        )
        print(
            f"ok: {_plural(chain.lines, 'line')} in {_plural(len(chain.files), 'file')}, chain intact "
            f"({chain.name}: {span})"
        )
    return 0 if report.ok else 1


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _expand(path: Path) -> list[Path]:
    if not path.is_dir():
        if not path.is_file():
            raise FileNotFoundError(errno.ENOENT, "no such file", str(path))
        return [path]
    found = []
    for entry in sorted(path.iterdir()):
        if entry.name.startswith(".") or not entry.is_file():
            continue
        match = _ROTATED.match(entry.name)
        if match or entry.suffix == ".jsonl":
            found.append(entry)
        if match and (path / match["base"]).is_file() and (path / match["base"]) not in found:
            found.append(path / match["base"])
    if not found:
        raise FileNotFoundError(errno.ENOENT, "no audit logs (*.jsonl and rotated files)", str(path))
    return found


def _file_order(path: Path, key: bytes) -> tuple[float, int, str, int]:
    match = _ROTATED.match(path.name)
    first: float | None = None
    with contextlib.closing(_file_lines(path)) as lines:
        for _, raw, terminated in lines:
            entry = _parse(raw, key) if terminated else None
            if entry is not None and entry.seq is not None:
                first = entry.seq
                break
    if first is None:  # nothing chained in it: after its predecessor (rotated) or last (current)
        first = int(match["seq"]) + 0.5 if match else float("inf")
    if match is None:
        return first, 1, "", 0
    return first, 0, match["ts"], int(match["n"] or 0)


def _file_lines(path: Path) -> Generator[tuple[int, bytes, bool], None, None]:
    with path.open("rb") as f:
        for number, raw in enumerate(f, 1):
            if raw.endswith(b"\n"):
                yield number, raw[:-1], True
            else:
                yield number, raw, False


class _DuplicateKey(ValueError):
    pass


def _unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for name, value in pairs:
        if name in result:
            raise _DuplicateKey(name)
        result[name] = value
    return result


@dataclass(frozen=True, slots=True)
class _Entry:
    seq: int | None
    prev: str | None
    mac: str | None
    mac_ok: bool
    resumed: bool
    chained: bool  # has well-formed seq, prev and mac
    duplicate_key: str | None = None


def _parse(raw: bytes, key: bytes) -> _Entry | None:
    """The chain fields of a line, or None if it is not JSON at all (a torn write)."""
    try:
        obj = json.loads(raw, object_pairs_hook=_unique)
    except _DuplicateKey as dup:
        return _Entry(None, None, None, False, False, False, duplicate_key=str(dup))
    except (ValueError, RecursionError):
        return None
    if not isinstance(obj, dict):
        return _Entry(None, None, None, False, False, False)
    seq, prev, mac = obj.get("seq"), obj.get("prev"), obj.get("mac")
    seq = seq if type(seq) is int and seq >= 1 else None
    if seq is None or not isinstance(prev, str) or not isinstance(mac, str):
        return _Entry(seq, None, None, False, False, False)
    body = {name: value for name, value in obj.items() if name != "mac"}
    expected = chain_mac(key, prev, body).encode()
    mac_ok = hmac.compare_digest(expected, mac.encode("utf-8", "surrogatepass"))
    return _Entry(seq, prev, mac, mac_ok, obj.get(RESUMED) is True, True)


@dataclass(frozen=True, slots=True)
class _Where:
    index: int  # of the file in the chain
    path: Path
    line: int


@dataclass(slots=True)
class _Good:
    seq: int
    prev: str
    mac: str
    where: _Where


class _Walk:
    """One pass over a chain; stops at the first problem (looking ahead only to name it)."""

    def __init__(self, name: str, files: tuple[Path, ...], key: bytes) -> None:
        self.name = name
        self.files = files
        self.key = key
        self.last: _Good | None = None
        self.first_seq: int | None = None
        self.count = 0
        self.torn: list[_Where] = []  # unparseable lines since the last record
        self.warnings: list[Finding] = []

    def run(self) -> ChainReport:
        problem = None
        for where, raw, terminated in self._lines():
            problem = self._step(where, raw, terminated)
            if problem is not None:
                break
        else:
            for where in self.torn:
                self._warn(where, "incomplete line at the end: a write cut short, or the tail was cut")
        last = self.last
        return ChainReport(
            name=self.name,
            files=self.files,
            lines=self.count,
            first_seq=self.first_seq,
            last_seq=last.seq if last else None,
            last_mac=last.mac if last else None,
            problem=problem,
            warnings=tuple(sorted(self.warnings, key=lambda w: (self.files.index(w.path), w.line))),
        )

    def _lines(self, after: _Where | None = None) -> Generator[tuple[_Where, bytes, bool], None, None]:
        for index, path in enumerate(self.files):
            if after is not None and index < after.index:
                continue
            for number, raw, terminated in _file_lines(path):
                if after is not None and index == after.index and number <= after.line:
                    continue
                yield _Where(index, path, number), raw, terminated

    def _entries_after(self, where: _Where) -> Generator[tuple[_Where, _Entry], None, None]:
        with contextlib.closing(self._lines(after=where)) as lines:
            for there, raw, terminated in lines:
                entry = _parse(raw, self.key) if terminated else None
                if entry is not None:
                    yield there, entry

    def _next_entry(self, where: _Where) -> _Entry | None:
        with contextlib.closing(self._entries_after(where)) as entries:
            return next((entry for _, entry in entries), None)

    def _warn(self, where: _Where, detail: str) -> None:
        self.warnings.append(Finding("torn", where.path, where.line, detail))

    def _step(self, where: _Where, raw: bytes, terminated: bool) -> Finding | None:
        entry = _parse(raw, self.key) if terminated else None
        if entry is None:
            self.torn.append(where)
            return None
        if entry.duplicate_key is not None:
            return _found("edited", where, f"duplicate key {entry.duplicate_key}: the line was altered")
        if not entry.chained:
            return _found("inserted", where, "not a chained audit record (no valid seq, prev and mac)")
        assert entry.seq is not None and entry.prev is not None and entry.mac is not None
        last = self.last
        if last is None:
            return self._start(where, entry)
        fits = entry.seq == last.seq + 1 and entry.prev == last.mac
        redo = entry.resumed and entry.seq == last.seq and entry.prev == last.prev
        if self.torn:
            if not (entry.mac_ok and entry.resumed and (fits or redo)):
                return self._unexplained_torn()
            self._explain_torn(where)
        if not entry.mac_ok:
            return self._bad_mac(where, entry, last)
        if redo and not fits:
            self._warn(
                last.where,
                f"its write reported failure (response withheld); {where.path.name}:{where.line} redoes it",
            )
            self.count -= 1
        elif entry.seq > last.seq + 1:
            return self._gap(where, entry, last)
        elif entry.seq <= last.seq:
            if self.first_seq is not None and entry.seq >= self.first_seq:
                return _found(
                    "inserted", where, f"seq {entry.seq} again, after seq {last.seq}: a copied line"
                )
            return _found("reordered", where, f"seq {entry.seq} after seq {last.seq}: seq goes backwards")
        elif entry.prev != last.mac:
            return _found(
                "inserted", where, f"seq {entry.seq} does not chain from the line before (another log?)"
            )
        self._accept(where, entry)
        return None

    def _start(self, where: _Where, entry: _Entry) -> Finding | None:
        if self.torn and not entry.resumed:
            return self._unexplained_torn()
        if not entry.mac_ok:
            following = self._next_entry(where)
            if following is not None and following.mac_ok:
                return _found(
                    "edited", where, "mac does not verify, but the next line's does: the line was altered"
                )
            return _found("wrong_key", where, "mac does not verify with this key (nor the next line's)")
        self._explain_torn(where)
        self.first_seq = entry.seq
        self._accept(where, entry)
        return None

    def _unexplained_torn(self) -> Finding:
        detail = "unparseable line, and the next record does not say it resumes after one"
        return _found("torn", self.torn[0], detail)

    def _explain_torn(self, resumed: _Where) -> None:
        for where in self.torn:
            self._warn(where, f"a write cut short; {resumed.path.name}:{resumed.line} resumes the chain")
        self.torn.clear()

    def _accept(self, where: _Where, entry: _Entry) -> None:
        assert entry.seq is not None and entry.prev is not None and entry.mac is not None
        self.last = _Good(entry.seq, entry.prev, entry.mac, where)
        self.count += 1

    def _bad_mac(self, where: _Where, entry: _Entry, last: _Good) -> Finding:
        following = self._next_entry(where)
        if following and following.mac_ok and following.seq == last.seq + 1 and following.prev == last.mac:
            return _found("inserted", where, "mac does not verify, and the next line chains past it")
        if entry.seq is not None and entry.seq <= last.seq:
            return _found("inserted", where, f"mac does not verify, and seq {entry.seq} was already seen")
        return _found("edited", where, "mac does not verify: the line was altered")

    def _gap(self, where: _Where, entry: _Entry, last: _Good) -> Finding:
        want = last.seq + 1
        with contextlib.closing(self._entries_after(where)) as entries:
            for there, later in entries:
                if later.mac_ok and later.seq == want and later.prev == last.mac:
                    return _found(
                        "reordered",
                        where,
                        f"seq {entry.seq} before seq {want} (at {there.path.name}:{there.line})",
                    )
        missing = (entry.seq or want) - want
        return _found(
            "removed", where, f"seq {entry.seq} follows seq {last.seq}: {_plural(missing, 'line')} missing"
        )


def _found(kind: Kind, where: _Where, detail: str) -> Finding:
    return Finding(kind, where.path, where.line, detail)
