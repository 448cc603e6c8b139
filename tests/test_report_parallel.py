"""Notebooks rendered side by side (analysis.reports.parallel), on plain functions instead of
kernels: results handed on in the given order, the first failure in that order raised, no job
started after a failure, and one worker the same as a loop."""

from __future__ import annotations

import threading

import pytest

from analysis.reports.parallel import run_jobs


def test_jobs_are_handed_on_in_order_though_a_later_one_finishes_first():
    first_may_end = threading.Event()
    finished, handed_on = [], []

    def work(job):
        if job == 0:
            assert first_may_end.wait(10)  # job 1 ends first
        finished.append(job)
        if job == 1:
            first_may_end.set()

    run_jobs(work, [0, 1, 2, 3], workers=2, on_done=handed_on.append)
    assert finished.index(1) < finished.index(0) and sorted(finished) == [0, 1, 2, 3]
    assert handed_on == [0, 1, 2, 3]


def test_the_first_failure_in_order_is_raised_and_no_job_starts_after_it():
    started, handed_on = [], []
    release = threading.Event()

    def work(job):
        started.append(job)
        if job == 0:
            assert release.wait(10)  # still running when job 1 fails
        if job == 1:
            release.set()
            raise ValueError("job 1 failed")
        if job == 3:
            raise ValueError("job 3 failed")

    with pytest.raises(ValueError, match="job 1 failed"):
        run_jobs(work, list(range(6)), workers=2, on_done=handed_on.append)
    assert handed_on == [0]  # job 0 was waited for and handed on
    assert set(started) <= {0, 1, 2} and {0, 1} <= set(started)  # job 2 only if taken before job 1 failed


@pytest.mark.parametrize("workers", [1, 3])
def test_every_job_runs_once(workers):
    seen, handed_on = [], []
    lock = threading.Lock()

    def work(job):
        with lock:
            seen.append(job)

    run_jobs(work, list(range(10)), workers=workers, on_done=handed_on.append)
    assert sorted(seen) == list(range(10)) and handed_on == list(range(10))


def test_one_worker_stops_at_the_first_failure():
    seen = []

    def work(job):
        seen.append(job)
        if job == 2:
            raise RuntimeError("two")

    with pytest.raises(RuntimeError, match="two"):
        run_jobs(work, list(range(5)), workers=1)
    assert seen == [0, 1, 2]
