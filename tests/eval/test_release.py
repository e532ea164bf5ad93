"""tests/eval/release.py: what the corpora's runner records for released, withheld and crashed responses."""

from __future__ import annotations

from typing import Any

import pytest

from proxy.errors import Withheld
from proxy.model import Outcome
from proxy.pipeline import Inspected
from tests.eval import release


async def _inspect(*args: Any) -> Inspected:
    body: bytes = args[-1]
    if body == b"withhold":
        raise Withheld("json_too_deep")
    if body == b"crash":
        raise RuntimeError("analyzer exploded")
    return Inspected(Outcome.MASKED, b"masked") if body == b"mask" else Inspected(Outcome.PASSED)


def test_released_withheld_and_crashed_responses_are_told_apart(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(release, "Detector", lambda config: None)  # no model: the pipeline is stubbed
    monkeypatch.setattr(release, "inspect", _inspect)
    requests = [
        ("/api/v2/users/1", "application/json", "mask"),
        ("/x", "text/plain", "clean"),
        ("/x", "text/plain", "withhold"),
        ("/x", "text/plain", "crash"),
    ]
    released = release.run_scrim(requests, b"k" * 32)
    assert released.outs == ["masked", "clean", None, None]
    assert dict(released.withheld) == {"json_too_deep": 1, "error:RuntimeError": 1}
    assert released.errors == [(3, "RuntimeError: analyzer exploded")]
    assert released.declared == 1
