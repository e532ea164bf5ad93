"""The command line: what `scrim serve` takes from the environment when a flag is not given."""

from __future__ import annotations

import pytest

from proxy.cli import _parser
from proxy.workers import default_size


def test_serve_flags_default_to_their_environment_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCRIM_MODE", "regular")
    monkeypatch.setenv("SCRIM_WORKERS", "7")
    monkeypatch.setenv("SCRIM_LISTEN", "0.0.0.0:8443")
    args = _parser().parse_args(["serve", "--upstream", "http://crm:8000"])
    assert (args.mode, args.workers, args.listen) == ("regular", 7, ("0.0.0.0", 8443))


def test_flags_win_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCRIM_WORKERS", "7")
    args = _parser().parse_args(["serve", "--upstream", "http://crm:8000", "--workers", "0"])
    assert args.workers == 0


def test_workers_default_to_the_cores_this_process_may_use(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SCRIM_WORKERS", raising=False)
    monkeypatch.setattr("os.sched_getaffinity", lambda pid: {0, 3, 5})
    assert default_size() == 3
    assert _parser().parse_args(["serve", "--upstream", "http://crm:8000"]).workers == 3
