"""The audit trail: one JSON line per response, written before the response is released.

Lines carry ids, counts and rule names — never values, paths or query strings, which can hold
customer data. A write that fails raises AuditUnavailable, and the data response is withheld.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import Any, TextIO

from proxy.errors import AuditUnavailable, StartupError


class AuditLog:
    """Append-only JSONL file. `fsync=True` trades latency for surviving a power cut."""

    def __init__(self, path: Path, fsync: bool = False) -> None:
        self.path = path
        self._fsync = fsync
        self._lock = threading.Lock()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._file: TextIO = path.open("a", encoding="utf-8")
        except OSError as err:
            raise StartupError(f"audit log {path}: cannot open for append ({err.strerror})") from err

    def write(self, record: dict[str, Any]) -> None:
        line = json.dumps(record, separators=(",", ":"), sort_keys=True) + "\n"
        with self._lock:
            try:
                self._file.write(line)
                self._file.flush()
                if self._fsync:
                    os.fsync(self._file.fileno())
            except (OSError, ValueError) as err:  # ValueError: write to a closed file
                raise AuditUnavailable from err

    def close(self) -> None:
        with self._lock:
            self._file.close()
