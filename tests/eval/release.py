"""Responses through Scrim's real pipeline, in process, for the corpora written by others
(tests/eval/independent, tests/eval/third): what each released, withheld, or crashed on.

Their generators and oracles stay each author's own; only this plumbing is shared.
"""

from __future__ import annotations

import asyncio
import collections
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from proxy import policy
from proxy.detect import Detector, DetectorConfig
from proxy.errors import Withheld
from proxy.pipeline import Generation, Settings, inspect
from proxy.server import load_rules
from tests.eval.run import MODEL, ROLE, RULES, InProcessDetector


@dataclass
class Released:
    """What the pipeline released for each response (None: withheld), why it withheld, what crashed
    (response index, error), and how many responses were on declared routes."""

    outs: list[str | None] = field(default_factory=list)
    withheld: collections.Counter[str] = field(default_factory=collections.Counter)
    errors: list[tuple[int, str]] = field(default_factory=list)
    declared: int = 0
    seconds: float = 0.0
    load_seconds: float = 0.0


async def _release(requests: Sequence[tuple[str, str, str]], token_key: bytes, released: Released) -> None:
    started = time.perf_counter()
    rules = load_rules(RULES)
    config = DetectorConfig(RULES / "recognizers.yaml", MODEL, rules.entities, rules.score_threshold)
    generation = Generation(rules, InProcessDetector(Detector(config)))
    released.load_seconds = time.perf_counter() - started
    settings = Settings(token_key=token_key)
    role = rules.role(ROLE)
    started = time.perf_counter()
    for index, (path, content_type, text) in enumerate(requests):
        decision, route = policy.decide(rules, "GET", path)
        released.declared += route is not None
        headers = [("Content-Type", f"{content_type}; charset=utf-8")]
        body = text.encode("utf-8")
        try:
            inspected = await inspect(generation, settings, decision, route, role, 200, headers, body)
        except Withheld as err:
            released.outs.append(None)
            released.withheld[str(getattr(err, "reason", err))] += 1
            continue
        except Exception as err:  # the addon's guard withholds on anything else too; here it is a crash
            released.outs.append(None)
            released.withheld[f"error:{type(err).__name__}"] += 1
            released.errors.append((index, f"{type(err).__name__}: {err}"))
            continue
        released.outs.append(
            (inspected.body if inspected.body is not None else body).decode("utf-8", "replace")
        )
    released.seconds = time.perf_counter() - started


def run_scrim(requests: Sequence[tuple[str, str, str]], token_key: bytes) -> Released:
    """Each (path, content type, body) through Scrim's real pipeline for tier1, in process; the token
    key is the corpus author's, so the outputs are the bytes their own runner produced."""
    released = Released()
    asyncio.run(_release(requests, token_key, released))
    return released
