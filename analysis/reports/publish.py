"""Publishing a finished run, or keeping a failed one, without ever showing a half-written folder.

Runs are rendered in a private temporary folder inside OUT and then moved into place with
renames while holding a lock on ``OUT/.lock``, so two report commands writing to the same folder
never corrupt each other and readers see either the old run or the new one. Temporary names carry
the writer's pid (see ``scratch``), so those a killed run leaves behind are removed by the next.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
from pathlib import Path

from analysis.reports.jobs import Job
from analysis.reports.pages import index_html
from analysis.reports.scratch import scratch_name


@contextlib.contextmanager
def locked(out: Path):
    """Hold an exclusive lock on the output folder for the duration of the block."""
    out.mkdir(parents=True, exist_ok=True)
    with open(out / ".lock", "a+") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def write_atomic(path: Path, text: str) -> None:
    tmp = scratch_name(path.parent, path.name)
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def move_into(src: Path, dest: Path, out: Path) -> None:
    """Put the folder ``src`` at ``dest``, replacing an older one; the caller holds the lock."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    trash = None
    if dest.exists():
        trash = scratch_name(out, f"old-{dest.name}")
        os.rename(dest, trash)
    os.rename(src, dest)
    if trash is not None:
        shutil.rmtree(trash, ignore_errors=True)


def publish(
    tmp: Path,
    out: Path,
    run: str,
    jobs: list[Job],
    record: dict,
    note: str = "",
    keep: int | None = None,
    summary: str = "",
    pdfs: bool = False,
) -> Path:
    """Move a finished run into ``out/runs/<run id>``, point ``out/latest`` at it and make the
    top-level index list its reports (and the other runs kept in the folder), with ``note`` and the
    run's ``summary`` (HTML), and links to the PDFs when ``pdfs``.
    ``keep``: keep only this many runs, this one and the most recently published others."""
    with locked(out):
        target = out / "runs" / run
        move_into(tmp, target, out)
        link = scratch_name(out, "latest")
        os.symlink(Path("runs") / run, link)
        os.replace(link, out / "latest")
        if keep is not None:
            prune_runs(out, run, keep)
        others = tuple(sorted(p.name for p in (out / "runs").iterdir() if p.is_dir() and p.name != run))
        index = index_html(
            run, jobs, record, prefix=f"runs/{run}/", other_runs=others, note=note, summary=summary, pdfs=pdfs
        )
        write_atomic(out / "index.html", index)
    return target


def prune_runs(out: Path, current: str, keep: int) -> list[str]:
    """Remove all but the ``keep`` most recently published runs (the current one is always kept);
    the caller holds the lock. Returns the names removed."""
    runs = [p for p in (out / "runs").iterdir() if p.is_dir() and p.name != current]
    runs.sort(key=lambda p: (p.stat().st_mtime_ns, p.name), reverse=True)
    removed = runs[max(keep - 1, 0) :]
    for path in removed:
        trash = scratch_name(out, f"old-{path.name}")
        os.rename(path, trash)  # gone from runs/ at once; deleted after
        shutil.rmtree(trash, ignore_errors=True)
    return [p.name for p in removed]


def keep_failed(tmp: Path, out: Path, run: str) -> Path:
    """Move a failed run's folder to ``out/failed/<run id>`` (replacing an older failure)."""
    with locked(out):
        kept = out / "failed" / run
        move_into(tmp, kept, out)
    return kept
