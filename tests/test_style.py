"""The style gate runs with the suite: ruff (format + lint) and mypy --strict on proxy/."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


@pytest.mark.parametrize(
    "command",
    [
        [str(BIN / "ruff"), "format", "--check", "proxy", "tests"],
        [str(BIN / "ruff"), "check", "--output-format", "concise", "proxy", "tests"],
        [str(BIN / "mypy")],
    ],
    ids=["ruff-format", "ruff-check", "mypy-strict"],
)
def test_style(command: list[str]) -> None:
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
