"""Publishing a finished run, or keeping a failed one, without ever showing a half-written folder.

Runs are rendered in a private temporary folder inside OUT and then moved into place with
renames while holding a lock on ``OUT/.lock``, so two report commands writing to the same folder
never corrupt each other and readers see either the old run or the new one.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import secrets
import shutil
from pathlib import Path

from analysis.reports.jobs import Job
from analysis.reports.pages import index_html


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


def _scratch_name(out: Path, what: str) -> Path:
    # Starts with .tmp so a crash leaves recognisable litter, unique per process and call.
    return out / f".tmp-{what}-{os.getpid()}-{secrets.token_hex(4)}"


def write_atomic(path: Path, text: str) -> None:
    tmp = _scratch_name(path.parent, path.name)
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def move_into(src: Path, dest: Path, out: Path) -> None:
    """Put the folder ``src`` at ``dest``, replacing an older one; the caller holds the lock."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    trash = None
    if dest.exists():
        trash = _scratch_name(out, f"old-{dest.name}")
        os.rename(dest, trash)
    os.rename(src, dest)
    if trash is not None:
        shutil.rmtree(trash, ignore_errors=True)


def publish(tmp: Path, out: Path, run: str, jobs: list[Job], record: dict) -> Path:
    """Move a finished run into ``out/runs/<run id>``, point ``out/latest`` at it and make the
    top-level index list its reports (and the other runs kept in the folder)."""
    with locked(out):
        target = out / "runs" / run
        move_into(tmp, target, out)
        link = _scratch_name(out, "latest")
        os.symlink(Path("runs") / run, link)
        os.replace(link, out / "latest")
        others = tuple(sorted(p.name for p in (out / "runs").iterdir() if p.is_dir() and p.name != run))
        write_atomic(out / "index.html", index_html(run, jobs, record, prefix=f"runs/{run}/", other_runs=others))
    return target


def keep_failed(tmp: Path, out: Path, run: str) -> Path:
    """Move a failed run's folder to ``out/failed/<run id>`` (replacing an older failure)."""
    with locked(out):
        kept = out / "failed" / run
        move_into(tmp, kept, out)
    return kept
