"""Rendering several notebooks at once: each job runs in a thread of its own, and its kernel, a
process of its own, does the work, so ``workers`` kernels use that many cores.

The jobs start in the order given and finish in any order, but are handed on in the order given,
so a run's output and its progress do not depend on which kernel was faster. Once a job fails no
further job starts; the jobs before it are waited for, and the first failure in the given order is
raised after the kernels still running are stopped.
Ctrl-C does the same (the main thread only waits, so the signal reaches it at once). The threads
are daemons, given ``STOP_WAIT`` seconds each to end once their kernels are gone; a kernel that a
thread was starting meanwhile is stopped after them.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

from analysis.reports.kernel import STOP_WAIT, stop_kernels

Job = TypeVar("Job")
MAX_KERNELS = 8  # at most this many at once whatever --jobs says: a kernel holds about 0.3-0.5 GB
POLL = 0.2  # seconds between two looks of the waiting main thread (Ctrl-C is seen at once anyway)


class _Slot:
    """The outcome of one job: set once, by the thread that ran it."""

    def __init__(self):
        self.done = threading.Event()
        self.error: BaseException | None = None


def run_jobs(
    work: Callable[[Job], None], jobs: Sequence[Job], workers: int, on_done: Callable[[Job], None] = lambda _: None
) -> None:
    """``work(job)`` for every job, at most ``workers`` at once; ``on_done(job)`` in the jobs' order."""
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            work(job)
            on_done(job)
        return
    slots = [_Slot() for _ in jobs]
    todo: queue.SimpleQueue = queue.SimpleQueue()
    for index in range(len(jobs)):
        todo.put(index)
    stopping = threading.Event()

    def worker() -> None:
        while not stopping.is_set():
            try:
                index = todo.get_nowait()
            except queue.Empty:
                return
            try:
                work(jobs[index])
            except BaseException as exc:  # noqa: BLE001 - handed to the waiting main thread
                slots[index].error = exc
                stopping.set()  # the run fails whatever the jobs before this one do: start no more
            finally:
                slots[index].done.set()

    threads = [threading.Thread(target=worker, name=f"report-{k}", daemon=True) for k in range(workers)]
    for thread in threads:
        thread.start()
    try:
        for job, slot in zip(jobs, slots, strict=True):
            while not slot.done.wait(POLL):
                pass
            if slot.error is not None:
                raise slot.error
            on_done(job)
    except BaseException:
        stopping.set()
        _stop(threads)
        raise


def _stop(threads: list[threading.Thread]) -> None:
    """Stop the running kernels and wait for their threads; papermill's log is muted meanwhile
    (it reports each kernel stopped on purpose as one that died)."""
    log = logging.getLogger("papermill")
    muted, log.disabled = log.disabled, True
    try:
        stop_kernels()
        for thread in threads:
            thread.join(STOP_WAIT)
        stop_kernels()  # one a thread was starting while the first call ran
    finally:
        log.disabled = muted
