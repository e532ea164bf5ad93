"""Work off the event loop: a pool of worker processes, each holding its own Detector.

With the rules and settings (`Offload`), a worker runs the whole pipeline for a response (parse,
field rules, detection, masking, rendering) and asks the proxy process only what the ledger knows;
the proxy process then just moves bytes, so throughput grows with the number of workers instead of
stopping at what one core can do. Without them, workers only detect (`detect`), for a pipeline
running in the proxy process (tests, `--workers 0`).

Processes, not threads: a pathological string can keep a regex busy for minutes, and only a process
can be stopped. A call that misses its deadline kills its worker (a fresh one is started in the
background) and raises DetectionTimeout, so the response is withheld instead of passed unscanned.
Workers load the recognizers and the NER model before `start()` returns, so a model that fails to
load stops Scrim before its port opens.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import math
import multiprocessing
import os
import signal
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from proxy import pipeline
from proxy.detect import Detector, DetectorConfig, Found, Item, ItemKey, as_spans, remember, worth_scanning
from proxy.errors import DetectionTimeout, StartupError, Withheld
from proxy.model import Span
from proxy.rules import Rules

log = logging.getLogger(__name__)
_CONTEXT = multiprocessing.get_context("spawn")  # fork would copy mitmproxy's loop and threads

type Wire = list[Found]
# Below this many strings per worker, splitting a call costs more (a pipe round trip, a smaller NER
# batch) than the second core saves.
_MIN_ITEMS_PER_WORKER = 32
_SEEN_SIZE = 20_000
_CPU_MAX = Path("/sys/fs/cgroup/cpu.max")  # "<quota> <period>" or "max <period>"
# Workers yield the CPU to the proxy process: it feeds every worker, answers their ledger
# questions and inspects small responses itself, none of which should wait behind a large
# response being inspected. In `make bench` at 20 KB on 2 cores, one hour gave 150-155 req/s with
# workers at niceness 10 (or 19) and 121-134 without; a later hour gave 128 either way.
WORKER_NICENESS = 10


def settle_heap() -> None:
    """Once a process has loaded what it keeps (model, recognizers, rules): freeze that, so no
    collection walks it again (a full collection over it paused a call for ~100 ms).

    The collection thresholds stay Python's: young collections every 50,000 allocations instead
    of 700 gave ~10% more throughput at 20 KB in `make bench`, but each took up to 45 ms, and the
    2 KB p99 at light load went from 3.7 to 24-30 ms."""
    gc.freeze()


@dataclass(frozen=True, slots=True)
class Offload:
    """What a worker needs to inspect whole responses itself: the same rules and settings."""

    rules: Rules
    settings: pipeline.Settings


class _InProcess:
    """A Detector behind the pipeline's Detects protocol; any failure withholds the response.

    In a worker inspecting a whole response (`share`: its pipe to the proxy process, and how many
    other workers were idle when the response was sent), a large call offers their part of its
    strings to the idle workers, and scans its own part meanwhile: one agent's big response does
    not wait on one core while others sit idle."""

    def __init__(self, detector: Detector, share: tuple[Connection, int] | None = None) -> None:
        self.detector = detector
        self._share = share

    async def detect(self, items: Sequence[Item]) -> list[tuple[Span, ...]]:
        if self._share is None:
            return self._scan(items)
        conn, idle = self._share
        parts = min(idle + 1, len(items) // _MIN_ITEMS_PER_WORKER)
        if parts < 2:
            return self._scan(items)
        kept = len(items) // parts
        conn.send(("share", list(items[kept:])))
        failure: Exception | None = None
        try:
            mine = self._scan(items[:kept])
        except Exception as err:  # the proxy's answer is read first: the pipe stays in step
            failure = err
        kind, payload = conn.recv()
        if failure is not None:
            raise failure
        if kind == "withheld":
            raise Withheld(*payload)
        theirs = [as_spans(found) for found in payload] if kind == "found" else self._scan(items[kept:])
        return mine + theirs

    def _scan(self, items: Sequence[Item]) -> list[tuple[Span, ...]]:
        try:
            return self.detector.detect(items)
        except Exception as err:
            raise Withheld("analyzer_error") from err


class _RemoteAccess:
    """pipeline.Access for a worker: each question goes back to the proxy process, which holds
    the ledger, and the worker waits for the answer (it has nothing else to do meanwhile)."""

    def __init__(self, conn: Connection, may_break_glass: bool) -> None:
        self._conn = conn
        self._may_break_glass = may_break_glass

    async def learn(self, pairs: Sequence[tuple[str, str]]) -> None:
        if pairs:
            self._ask("learn", list(pairs))

    async def assigned(self, customers: Sequence[str]) -> set[str]:
        answer: set[str] = self._ask("assigned", list(customers))
        return answer

    async def break_glass(self, customers: Sequence[str]) -> bool:
        return bool(self._may_break_glass and self._ask("break_glass", list(customers)))

    def _ask(self, method: str, argument: list[Any]) -> Any:
        self._conn.send(("access", (method, argument)))
        kind, payload = self._conn.recv()
        if kind == "withheld":
            raise Withheld(*payload)
        return payload


_ACCESS_METHODS = frozenset({"learn", "assigned", "break_glass"})


class _Inspector:
    """Runs the whole pipeline in a worker, with the worker's own detector."""

    def __init__(self, conn: Connection, detector: Detector, offload: Offload) -> None:
        self._conn = conn
        self._detector = detector
        self._rules = offload.rules
        self._settings = offload.settings
        self._routes = {route.name: route for route in offload.rules.routes}  # names are unique
        self._loop = asyncio.new_event_loop()

    def run(self, request: pipeline.InspectRequest, idle: int) -> tuple[str, Any]:
        """`idle`: how many other workers were idle when this request was sent. Under load none
        is, and offering strings to share would only cost both processes the pickling."""
        rules = self._rules
        generation = pipeline.Generation(
            rules, _InProcess(self._detector, (self._conn, idle) if idle else None)
        )
        try:
            inspected = self._loop.run_until_complete(
                pipeline.inspect(
                    generation,
                    self._settings,
                    request.decision,
                    self._routes.get(request.decision.route),
                    rules.role(request.role),
                    request.status,
                    request.headers,
                    request.body,
                    _RemoteAccess(self._conn, request.may_break_glass),
                )
            )
        except Withheld as err:
            return "withheld", (err.reason, err.status)
        except Exception as err:  # reported by type only: messages could quote customer text
            return "error", type(err).__name__
        return "done", inspected

    def close(self) -> None:
        self._loop.close()


def _serve(conn: Connection, config: DetectorConfig, offload: Offload | None) -> None:
    """Worker process entry point: load, say ready, then answer requests until told to stop."""
    # Ctrl-C reaches the whole process group; the proxy process stops its workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    os.nice(WORKER_NICENESS)
    try:
        detector = Detector(config)
        detector.detect([Item("warm up Jane Doe 4111 1111 1111 1111 jane@example.com", ("email",))])
        inspector = _Inspector(conn, detector, offload) if offload is not None else None
    except Exception as err:
        conn.send(("error", f"{type(err).__name__}: {err}"))
        return
    settle_heap()
    conn.send(("ready", None))
    while True:
        message = conn.recv()
        if message is None:
            if inspector is not None:
                inspector.close()
            return
        kind, payload = message
        if kind == "inspect" and inspector is not None:
            conn.send(inspector.run(*payload))
            continue
        try:
            found = detector.detect_plain(payload)
        except Exception as err:  # reported by type only: messages could quote customer text
            conn.send(("error", type(err).__name__))
            continue
        conn.send(("ok", found))


class _Worker:
    def __init__(self, config: DetectorConfig, offload: Offload | None) -> None:
        self.conn, child = _CONTEXT.Pipe()
        self.process: BaseProcess = _CONTEXT.Process(
            target=_serve, args=(child, config, offload), daemon=True, name="scrim-detector"
        )
        self.process.start()
        child.close()

    async def receive(self, timeout: float) -> tuple[str, Any]:
        loop = asyncio.get_running_loop()
        ready: asyncio.Future[None] = loop.create_future()
        fd = self.conn.fileno()

        def wake() -> None:
            if not ready.done():
                ready.set_result(None)

        loop.add_reader(fd, wake)
        try:
            await asyncio.wait_for(ready, timeout)
        finally:
            loop.remove_reader(fd)
        message: tuple[str, Any] = self.conn.recv()
        return message

    def kill(self) -> None:
        with contextlib.suppress(Exception):
            self.process.kill()
        with contextlib.suppress(Exception):
            self.conn.close()
        self.process.join(timeout=1)


class DetectionPool:
    """`size` worker processes; `size=0` runs the detector in-process (tests, tiny sites).

    With `offload` (the rules and settings), the workers also run the whole pipeline for a
    response (`inspect`), so the proxy process only moves bytes: one process per core then does
    the per-field work that would otherwise cap every agent at what one core can do."""

    def __init__(
        self, config: DetectorConfig, size: int, deadline: float, offload: Offload | None = None
    ) -> None:
        self.config = config
        self.size = size
        self.deadline = deadline
        self.offload = offload if size > 0 else None
        self._idle: asyncio.Queue[_Worker] = asyncio.Queue()
        self._all: set[_Worker] = set()
        self._local: _InProcess | None = None
        self._closed = False
        self._waiting = 0  # calls waiting for an idle worker
        # Answers already given, kept in this process too: a response made of strings seen before
        # (field names, enum values, a customer opened again) never crosses a pipe. Plain tuples,
        # which the garbage collector untracks.
        self._seen: OrderedDict[ItemKey, Found] = OrderedDict()

    async def start(self, timeout: float = 120.0) -> None:
        """Start every worker and wait until each has loaded its model. Raises StartupError."""
        if self.size == 0:
            self._local = _InProcess(Detector(self.config))
            return
        workers = [_Worker(self.config, self.offload) for _ in range(self.size)]
        self._all.update(workers)
        try:
            for worker in workers:
                kind, detail = await worker.receive(timeout)
                if kind != "ready":
                    raise StartupError(f"detector failed to load: {detail}")
                self._idle.put_nowait(worker)
        except (TimeoutError, EOFError) as err:
            self.close()
            raise StartupError(f"detector did not start within {timeout:.0f}s") from err
        except StartupError:
            self.close()
            raise

    async def detect(self, items: Sequence[Item]) -> list[tuple[Span, ...]]:
        """Spans per item. Raises DetectionTimeout or Withheld('analyzer_error').

        Only what needs a worker is sent: strings no recognizer could match and strings answered
        before are answered here. A large call is split across the workers that are idle and not
        waited for by any other call, so one agent's big response does not wait on one core while
        another sits idle."""
        if not items:
            return []
        if self._local is not None:
            return await self._local.detect(items)
        found: list[Found | None] = [None] * len(items)
        asked: list[int] = []
        for index, item in enumerate(items):
            key = item.key
            if not worth_scanning(item.text, item.context):
                found[index] = ()
            elif (hit := self._seen.get(key)) is not None:
                self._seen.move_to_end(key)
                found[index] = hit
            else:
                asked.append(index)
        if asked:
            answers = await self._dispatch([items[i] for i in asked])
            for index, answer in zip(asked, answers, strict=True):
                found[index] = answer
                remember(self._seen, items[index].key, answer, _SEEN_SIZE)
        return [as_spans(spans or ()) for spans in found]

    async def _dispatch(self, items: Sequence[Item]) -> list[Found]:
        """Ask the workers; the answers in item order."""
        deadline = asyncio.get_running_loop().time() + self.deadline
        first = await self._acquire(self.deadline)
        return await self._split(items, [first, *self._idle_helpers(len(items), 1)], deadline)

    def _idle_helpers(self, items: int, busy: int) -> list[_Worker]:
        """Idle workers no call is waiting for, as many as `items` strings are worth splitting
        over beside `busy` workers already on them."""
        helpers: list[_Worker] = []
        while self._waiting == 0 and items >= _MIN_ITEMS_PER_WORKER * (busy + len(helpers) + 1):
            try:
                helpers.append(self._idle.get_nowait())
            except asyncio.QueueEmpty:
                break
        return helpers

    async def _split(self, items: Sequence[Item], workers: list[_Worker], deadline: float) -> list[Found]:
        """`items` in equal parts over `workers`, all asked at once; the answers in item order."""
        share = -(-len(items) // len(workers))
        parts = [list(items[i * share : (i + 1) * share]) for i in range(len(workers))]
        answers = await asyncio.gather(
            *(self._ask(w, part, deadline) for w, part in zip(workers, parts, strict=True)),
            return_exceptions=True,
        )
        found: list[Found] = []
        for answer in answers:
            if isinstance(answer, BaseException):
                raise answer
            found.extend(answer)
        return found

    async def inspect(self, request: pipeline.InspectRequest, access: pipeline.Access) -> pipeline.Inspected:
        """The pipeline's answer for one response, run in a worker (requires `offload`).

        The worker asks this process for the ledger's answers (`access`) as the pipeline needs
        them. Raises what the pipeline raises (Withheld with its reason), DetectionTimeout when
        the deadline passes; any other failure in the worker is Withheld('internal_error')."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.deadline
        worker = await self._acquire(self.deadline)
        with self._holding(worker):
            idle = 0 if self._waiting else self._idle.qsize()
            worker.conn.send(("inspect", (request, idle)))
            while True:
                kind, payload = await worker.receive(max(0.0, deadline - loop.time()))
                if kind == "access":
                    worker.conn.send(await _answer(access, *payload))
                elif kind == "share":
                    worker.conn.send(await self._take_share(payload, deadline))
                else:
                    break
        if kind == "done":
            inspected: pipeline.Inspected = payload
            return inspected
        if kind == "withheld":
            raise Withheld(*payload)
        log.error("inspection failed in a worker: %s", payload)
        raise Withheld("internal_error")

    async def _take_share(self, items: list[Item], deadline: float) -> tuple[str, Any]:
        """Scan part of an inspecting worker's call in the other workers that are idle and not
        waited for by any other call; ('none', None) tells the worker to scan it itself."""
        helpers = self._idle_helpers(len(items), 0)
        if not helpers:
            return "none", None
        try:
            return "found", await self._split(items, helpers, deadline)
        except Withheld as err:
            return "withheld", (err.reason, err.status)

    async def _acquire(self, timeout: float) -> _Worker:
        """An idle worker; while waiting for one, this call counts as waiting (no sharing)."""
        self._waiting += 1
        try:
            return await asyncio.wait_for(self._idle.get(), timeout)
        except TimeoutError as err:
            raise DetectionTimeout from err
        finally:
            self._waiting -= 1

    @contextlib.contextmanager
    def _holding(self, worker: _Worker) -> Iterator[None]:
        """Around one call on `worker`: back to the idle queue once answered. A call that ends
        without its answer (timed out, crashed, or cancelled by the caller's own deadline) may
        leave a stale answer on the pipe, so the worker never serves again: it is replaced, and
        the caller gets DetectionTimeout or Withheld('analyzer_error') instead."""
        try:
            yield
        except BaseException as err:
            self._replace(worker)
            if isinstance(err, TimeoutError):
                raise DetectionTimeout from err
            if isinstance(err, EOFError | OSError):
                raise Withheld("analyzer_error") from err
            raise
        self._idle.put_nowait(worker)

    async def _ask(self, worker: _Worker, items: list[Item], deadline: float) -> Wire:
        loop = asyncio.get_running_loop()
        with self._holding(worker):
            worker.conn.send(("detect", items))
            kind, payload = await worker.receive(max(0.0, deadline - loop.time()))
        if kind != "ok":
            log.error("detector error: %s", payload)
            raise Withheld("analyzer_error")
        wire: Wire = payload
        return wire

    def _replace(self, worker: _Worker) -> None:
        worker.kill()
        self._all.discard(worker)
        if not self._closed:
            asyncio.get_running_loop().create_task(self._respawn())

    async def _respawn(self) -> None:
        worker = _Worker(self.config, self.offload)
        self._all.add(worker)
        try:
            kind, _ = await worker.receive(120.0)
        except (TimeoutError, EOFError):
            kind = "error"
        if kind == "ready" and not self._closed:
            self._idle.put_nowait(worker)
        else:
            log.error("detector worker failed to restart")
            self._all.discard(worker)
            worker.kill()

    def close(self) -> None:
        self._closed = True
        for worker in list(self._all):
            with contextlib.suppress(Exception):
                worker.conn.send(None)
            worker.kill()
        self._all.clear()


async def _answer(access: pipeline.Access, method: str, argument: list[Any]) -> tuple[str, Any]:
    """Ask the ledger what a worker's pipeline asked; a refusal (Withheld) goes back as such."""
    if method not in _ACCESS_METHODS:
        raise Withheld("internal_error")  # a worker asking anything else is broken
    try:
        return "ok", await getattr(access, method)(argument)
    except Withheld as err:
        return "withheld", (err.reason, err.status)


def usable_cores(cpu_max: Path = _CPU_MAX) -> int:
    """The cores this process may run on: its affinity (a container's cpuset, not the host's
    count), capped by a cgroup v2 CPU quota (a container's CPU limit), rounded up."""
    cores = len(os.sched_getaffinity(0))
    try:
        quota, period = cpu_max.read_text().split()[:2]
        if quota != "max":
            cores = min(cores, math.ceil(int(quota) / int(period)))
    except (OSError, ValueError):
        pass  # no cgroup v2 quota here: the affinity is the limit
    return max(1, cores)


def default_size() -> int:
    """One worker per usable core, plus one. The workers do the per-response work and the proxy
    process, mostly mitmproxy moving bytes, shares the cores with them (a fifth of a core at 20 KB
    responses); a worker waiting on its pipe (the next response, a ledger answer) leaves its core
    idle, and the extra worker takes it: at 20 KB on 2 cores, 3 workers served 130-137 req/s
    where 2 served 120-122, for ~260 MB more memory."""
    return usable_cores() + 1
