"""Independent tasks of one run (the per-outlet bootstrap intervals, the writing of each table)
spread over forked worker processes, when the command line asks for several jobs.

Every task is a pure function of its arguments, and the results come back in task order, so the
output is the same byte for byte with or without workers. A worker is forked after the tasks are
set, so it inherits them: nothing but a task's number and its result crosses between processes.
Workers are only forked (see ``engines.start_method``): a spawned process would spend longer
importing the package than these tasks take, so a Jupyter kernel runs them in its own process.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Callable, Iterator, Sequence

from analysis.pipeline.engines import start_method

MIN_TASKS_PER_JOB = 8  # fewer tasks than this per worker: starting workers costs more than it saves
_jobs = 1
_inherited: tuple[Callable, Sequence[tuple]] | None = None  # what the forked workers run


@contextlib.contextmanager
def jobs(n: int) -> Iterator[None]:
    """Within the block, ``map_tasks`` may use up to ``n`` forked worker processes."""
    global _jobs
    before, _jobs = _jobs, max(1, int(n))
    try:
        yield
    finally:
        _jobs = before


def workers_for(n_tasks: int, min_per_job: int | None = None) -> int:
    """How many worker processes ``map_tasks`` starts for ``n_tasks`` tasks (1: none, this process)."""
    if _jobs == 1 or start_method() != "fork":
        return 1
    return max(1, min(_jobs, n_tasks // (MIN_TASKS_PER_JOB if min_per_job is None else min_per_job)))


def map_tasks(function: Callable, tasks: Sequence[tuple], min_per_job: int | None = None) -> list:
    """``[function(*task) for task in tasks]``, in forked workers when ``jobs`` allows it and there
    are at least ``min_per_job`` tasks per worker (default ``MIN_TASKS_PER_JOB``)."""
    global _inherited
    workers = workers_for(len(tasks), min_per_job)
    if workers == 1:
        return [function(*task) for task in tasks]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    chunk = math.ceil(len(tasks) / (4 * workers))  # a few chunks per worker evens out their sizes
    _inherited = (function, tasks)
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
            return list(pool.map(_run_inherited, range(len(tasks)), chunksize=chunk))
    finally:
        _inherited = None


def _run_inherited(k: int):
    """Task ``k`` of the ``map_tasks`` call this worker was forked in."""
    global _jobs
    _jobs = 1  # a worker runs its tasks itself
    function, tasks = _inherited
    return function(*tasks[k])
