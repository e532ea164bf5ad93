"""The audit trail: one JSON line per response, written before the response is released.

Lines carry ids, counts and rule names — never values, paths or query strings, which can hold
customer data. A write that fails raises AuditUnavailable, and the data response is withheld.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
from pathlib import Path
from typing import Any

from proxy.errors import AuditUnavailable, StartupError


class AuditLog:
    """Append-only JSONL file. `fsync=True` trades latency for surviving a power cut."""

    def __init__(self, path: Path, fsync: bool = False) -> None:
        self.path = path
        self._fsync = fsync
        self._lock = threading.Lock()
        self._torn = False  # the last write may have left a partial line
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # Unbuffered: a line that failed to write must not sit in a buffer and reach the file
            # later, next to a response that was in fact withheld.
            self._fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
        except OSError as err:
            raise StartupError(f"audit log {path}: cannot open for append ({err.strerror})") from err

    def write(self, record: dict[str, Any]) -> None:
        line = (json.dumps(record, separators=(",", ":"), sort_keys=True) + "\n").encode()
        with self._lock:
            data = (b"\n" + line) if self._torn else line
            try:
                written = os.write(self._fd, data)
                if written != len(data):
                    raise OSError("short write")
                if self._fsync:
                    os.fsync(self._fd)
            except OSError as err:
                self._torn = True
                raise AuditUnavailable from err
            self._torn = False

    def close(self) -> None:
        with self._lock, contextlib.suppress(OSError):
            os.close(self._fd)
