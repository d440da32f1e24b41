"""Rendering many case documents on every core: a pool of worker processes.

reportlab holds the GIL, so threads would use one core; documents are picklable and go to
processes instead. The processes are spawned (not forked): forking a process that runs Qt or
database threads copies locks in whatever state they were.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from types import TracebackType
from typing import TypeVar

from hezo_desk.services.pdf.document import CaseDocument
from hezo_desk.services.pdf.fonts import dejavu_fonts
from hezo_desk.services.pdf.render import render_case_pdf

K = TypeVar("K")


def default_workers() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _warm_up() -> None:
    dejavu_fonts()


def _render(document: CaseDocument, exported_by: str, exported_at: dt.datetime) -> bytes:
    return render_case_pdf(document, exported_by=exported_by, exported_at=exported_at)


def _render_many(
    documents: list[CaseDocument], exported_by: str, exported_at: dt.datetime
) -> list[bytes]:
    return [_render(document, exported_by, exported_at) for document in documents]


class RenderPool:
    """Renders documents in worker processes; `workers=1` renders in this process instead.

    Use it as a context manager. `render_ordered` keeps a bounded number of documents in
    flight (memory stays flat for any batch size) and yields results in input order; leaving
    its loop early (a cancelled batch) drops the cases not yet started.
    """

    def __init__(self, workers: int | None = None) -> None:
        self.workers = max(1, workers if workers is not None else default_workers())
        self._executor: ProcessPoolExecutor | None = None

    def __enter__(self) -> RenderPool:
        if self.workers > 1:
            self._executor = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_warm_up,
            )
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def submit(
        self, document: CaseDocument, *, exported_by: str, exported_at: dt.datetime
    ) -> Future[bytes]:
        if self._executor is None:
            future: Future[bytes] = Future()
            try:
                future.set_result(_render(document, exported_by, exported_at))
            except Exception as error:
                future.set_exception(error)
            return future
        return self._executor.submit(_render, document, exported_by, exported_at)

    def render_ordered(
        self,
        documents: Iterable[tuple[K, CaseDocument]],
        *,
        exported_by: str,
        exported_at: dt.datetime,
        ahead: int | None = None,
        chunk: int = 4,
    ) -> Iterator[tuple[K, bytes]]:
        """(key, document) in → (key, PDF bytes) out, in the same order.

        `documents` is consumed lazily: documents go to the workers `chunk` at a time (fewer
        round trips between processes), at most `ahead` chunks (default twice the workers)
        before their results are taken. Leaving the loop early cancels what has not started.
        """
        if self._executor is None:
            for key, document in documents:
                yield key, _render(document, exported_by, exported_at)
            return
        window = ahead if ahead is not None else 2 * self.workers
        pending: deque[tuple[list[K], Future[list[bytes]]]] = deque()
        batch: list[tuple[K, CaseDocument]] = []

        def send() -> None:
            assert self._executor is not None
            keys = [key for key, _ in batch]
            future = self._executor.submit(
                _render_many, [document for _, document in batch], exported_by, exported_at
            )
            pending.append((keys, future))
            batch.clear()

        try:
            for item in documents:
                batch.append(item)
                if len(batch) >= chunk:
                    send()
                while len(pending) >= window:
                    keys, future = pending.popleft()
                    yield from zip(keys, future.result(), strict=True)
            if batch:
                send()
            while pending:
                keys, future = pending.popleft()
                yield from zip(keys, future.result(), strict=True)
        finally:
            for _keys, future in pending:
                future.cancel()
