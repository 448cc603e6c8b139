"""Independent aggregation tasks (the per-outlet bootstrap intervals) spread over forked worker
processes, when the command line asks for several jobs.

Every task is a pure function of its arguments, and the results come back in task order, so the
tables are the same byte for byte with or without workers. Workers are only forked (see
``analysis.pipeline.engines.start_method``): a spawned process would spend longer importing the
package than the intervals take, so a Jupyter kernel computes them in its own process.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Callable, Iterator, Sequence

from analysis.pipeline.engines import start_method

MIN_TASKS_PER_JOB = 8  # fewer tasks than this per worker: starting workers costs more than it saves
_jobs = 1


@contextlib.contextmanager
def jobs(n: int) -> Iterator[None]:
    """Within the block, ``map_tasks`` may use up to ``n`` forked worker processes."""
    global _jobs
    before, _jobs = _jobs, max(1, int(n))
    try:
        yield
    finally:
        _jobs = before


def workers_for(n_tasks: int) -> int:
    """How many worker processes ``map_tasks`` starts for ``n_tasks`` tasks (1: none, this process)."""
    if _jobs == 1 or start_method() != "fork":
        return 1
    return max(1, min(_jobs, n_tasks // MIN_TASKS_PER_JOB))


def map_tasks(function: Callable, tasks: Sequence[tuple]) -> list:
    """``[function(*task) for task in tasks]``, in forked workers when ``jobs`` allows it."""
    workers = workers_for(len(tasks))
    if workers == 1:
        return [function(*task) for task in tasks]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    chunk = math.ceil(len(tasks) / (4 * workers))  # a few chunks per worker evens out their sizes
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
        return list(pool.map(function, *zip(*tasks), chunksize=chunk))
