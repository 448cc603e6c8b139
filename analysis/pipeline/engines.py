"""Where the per-document pipeline runs: in this process, in worker processes, or on Dask.

The corpus is cut into batches of documents; each batch is one task (``process_batch``), and the
results come back in input order whatever ran them, so the tables are the same byte for byte.
At most a few batches per worker are in flight at once, which bounds the memory of the pending
tasks. ``--jobs N`` uses N worker processes (started by ``start_method``); ``--engine
dask`` sends the batches to a Dask scheduler (``--scheduler ADDRESS``) or to a local cluster.
"""

from __future__ import annotations

import dataclasses
import itertools
import os
import sys
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from analysis.pipeline.per_document import BatchResult, CacheSpec, process_batch
from analysis.settings import Settings

ENGINES = ("local", "dask")
BATCH_DOCUMENTS = 32  # documents per task: enough for nlp.pipe batches, small enough to spread
IN_FLIGHT_PER_WORKER = 2


def available_cores() -> int:
    """The cores this process may run on (the affinity mask where there is one)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class Execution:
    """How to run the pipeline; none of it changes a table."""

    jobs: int = 1
    engine: str = "local"
    scheduler: str | None = None  # a Dask scheduler address; None: a local cluster of ``jobs`` workers
    cache: CacheSpec | None = None
    batch_documents: int = BATCH_DOCUMENTS

    def __post_init__(self):
        if self.engine not in ENGINES:
            raise ValueError(f"engine must be one of {ENGINES}, not {self.engine!r}")
        if self.jobs < 1 or self.batch_documents < 1:
            raise ValueError("jobs and batch_documents must be at least 1")


def batches(items: Iterable[tuple[str, str]], size: int) -> Iterator[list[tuple[str, str]]]:
    batch: list[tuple[str, str]] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def run_batches(items: Iterable[tuple[str, str]], settings: Settings, execution: Execution) -> Iterator[BatchResult]:
    """The BatchResult of every batch of ``items``, in order."""
    chunks = batches(items, execution.batch_documents)
    first = list(itertools.islice(chunks, 2))
    if len(first) < 2 and execution.engine == "local":  # one task: starting workers would only cost
        execution = dataclasses.replace(execution, jobs=1)
    chunks = itertools.chain(first, chunks)
    if execution.engine == "dask":
        yield from _dask(chunks, settings, execution)
    elif execution.jobs == 1:
        for chunk in chunks:
            yield process_batch(chunk, settings, execution.cache)
    else:
        yield from _processes(chunks, settings, execution)


def _in_order(submit, chunks, window: int) -> Iterator[BatchResult]:
    """Submit chunks keeping at most ``window`` pending; yield the results in submission order."""
    pending: deque = deque()
    for chunk in chunks:
        pending.append(submit(chunk))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def start_method() -> str:
    """How to start worker processes: ``fork`` on Linux when this process runs no other thread
    (the command line), so a worker starts with the modules already imported instead of importing
    spaCy again for seconds; ``spawn`` elsewhere (a Jupyter kernel runs threads, and macOS system
    libraries are not safe to fork)."""
    return "fork" if sys.platform == "linux" and threading.active_count() == 1 else "spawn"


def _processes(chunks, settings: Settings, execution: Execution) -> Iterator[BatchResult]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context(start_method())
    with ProcessPoolExecutor(max_workers=execution.jobs, mp_context=context) as pool:
        submit = lambda chunk: pool.submit(process_batch, chunk, settings, execution.cache)  # noqa: E731
        yield from _in_order(submit, chunks, IN_FLIGHT_PER_WORKER * execution.jobs)


def _dask(chunks, settings: Settings, execution: Execution) -> Iterator[BatchResult]:
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:
        raise RuntimeError("the dask engine needs the 'dask' extra: pip install 'newshedge[dask]'") from exc
    cluster = None
    if execution.scheduler:
        client = Client(execution.scheduler)
    else:
        cluster = LocalCluster(n_workers=execution.jobs, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})) or execution.jobs)
        submit = lambda chunk: client.submit(process_batch, chunk, settings, execution.cache, pure=False)  # noqa: E731
        yield from _in_order(submit, chunks, IN_FLIGHT_PER_WORKER * workers)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
