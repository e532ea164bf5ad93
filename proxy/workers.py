"""Detection off the event loop: a pool of worker processes, each holding its own Detector.

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
import multiprocessing
import os
from collections import OrderedDict
from collections.abc import Sequence
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

from proxy.detect import Detector, DetectorConfig, Found, Item, ItemKey, as_spans, remember, worth_scanning
from proxy.errors import DetectionTimeout, StartupError, Withheld
from proxy.model import Span

log = logging.getLogger(__name__)
_CONTEXT = multiprocessing.get_context("spawn")  # fork would copy mitmproxy's loop and threads

type Wire = list[Found]
# Below this many strings per worker, splitting a call costs more (a pipe round trip, a smaller NER
# batch) than the second core saves.
_MIN_ITEMS_PER_WORKER = 32
_SEEN_SIZE = 20_000


def settle_heap() -> None:
    """Once a process has loaded what it keeps (model, recognizers, rules): freeze that, so no
    collection walks it again (a full collection over it paused a call for ~100 ms).

    The collection thresholds stay Python's: young collections every 50,000 allocations instead
    of 700 gave ~10% more throughput at 20 KB in `make bench`, but each took up to 45 ms, and the
    2 KB p99 at light load went from 3.7 to 24-30 ms."""
    gc.freeze()


def _serve(conn: Connection, config: DetectorConfig) -> None:
    """Worker process entry point: load, say ready, then answer batches until told to stop."""
    try:
        detector = Detector(config)
        detector.detect([Item("warm up Jane Doe 4111 1111 1111 1111 jane@example.com", ("email",))])
    except Exception as err:
        conn.send(("error", f"{type(err).__name__}: {err}"))
        return
    settle_heap()
    conn.send(("ready", None))
    while True:
        items = conn.recv()
        if items is None:
            return
        try:
            found = detector.detect_plain(items)
        except Exception as err:  # reported by type only: messages could quote customer text
            conn.send(("error", type(err).__name__))
            continue
        conn.send(("ok", found))


class _Worker:
    def __init__(self, config: DetectorConfig) -> None:
        self.conn, child = _CONTEXT.Pipe()
        self.process: BaseProcess = _CONTEXT.Process(
            target=_serve, args=(child, config), daemon=True, name="scrim-detector"
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
    """`size` worker processes; `size=0` runs the detector in-process (tests, tiny sites)."""

    def __init__(self, config: DetectorConfig, size: int, deadline: float) -> None:
        self.config = config
        self.size = size
        self.deadline = deadline
        self._idle: asyncio.Queue[_Worker] = asyncio.Queue()
        self._all: set[_Worker] = set()
        self._local: Detector | None = None
        self._closed = False
        self._waiting = 0  # calls waiting for an idle worker
        # Answers already given, kept in this process too: a response made of strings seen before
        # (field names, enum values, a customer opened again) never crosses a pipe. Plain tuples,
        # which the garbage collector untracks.
        self._seen: OrderedDict[ItemKey, Found] = OrderedDict()

    async def start(self, timeout: float = 120.0) -> None:
        """Start every worker and wait until each has loaded its model. Raises StartupError."""
        if self.size == 0:
            self._local = Detector(self.config)
            return
        workers = [_Worker(self.config) for _ in range(self.size)]
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
            try:
                return self._local.detect(items)
            except Exception as err:
                raise Withheld("analyzer_error") from err
        found: list[Found | None] = [None] * len(items)
        asked: list[int] = []
        for index, item in enumerate(items):
            key = item.key
            if not worth_scanning(item.text):
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
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.deadline
        self._waiting += 1
        try:
            workers = [await asyncio.wait_for(self._idle.get(), self.deadline)]
        except TimeoutError as err:
            raise DetectionTimeout from err
        finally:
            self._waiting -= 1
        while self._waiting == 0 and len(items) >= _MIN_ITEMS_PER_WORKER * (len(workers) + 1):
            try:
                workers.append(self._idle.get_nowait())
            except asyncio.QueueEmpty:
                break
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

    async def _ask(self, worker: _Worker, items: list[Item], deadline: float) -> Wire:
        loop = asyncio.get_running_loop()
        try:
            worker.conn.send(items)
            kind, payload = await worker.receive(max(0.0, deadline - loop.time()))
        except BaseException as err:
            # Timed out, crashed, or cancelled by the caller's own deadline: a stale answer may
            # still arrive on this pipe, so the worker can never serve another call. Replace it.
            self._replace(worker)
            if isinstance(err, TimeoutError):
                raise DetectionTimeout from err
            if isinstance(err, EOFError | OSError):
                raise Withheld("analyzer_error") from err
            raise
        self._idle.put_nowait(worker)
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
        worker = _Worker(self.config)
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


def default_size() -> int:
    """One worker per core. Under load on 2 cores the CPU splits about evenly between the proxy's
    own process (mitmproxy and the per-field pipeline, one core at most) and detection, so the
    workers get every core and share them with it; past that, run more replicas (README)."""
    return max(1, os.cpu_count() or 1)
