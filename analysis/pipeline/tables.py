"""Writing the tidy tables: Parquet and CSV, rows in a stable order so output bytes repeat.

The set is published atomically: every file is written into a temporary folder beside the
output folder, which then takes the output folder's place. A crash, a kill or a full disk leaves
the previous complete set (or, in the instant between two renames, no folder), never a mix.

CSV cells that a spreadsheet would run as a formula (text starting with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return) get a leading single quote, the OWASP rule, and a carriage
return inside a cell is written as a line feed (the same length, so offsets still hold), since CSV
readers take a lone one for the end of a row. Parquet keeps the exact text: use Parquet for
analysis and CSV for reading.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import uuid
from pathlib import Path

import pandas as pd

from analysis.pipeline import processes
from analysis.pipeline.partitions import PART_FILE

SORT_KEYS = ("doc_id", "sentence_id", "start", "cue_start", "attribution_id", "rule")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TABLE_SUFFIXES = (".parquet", ".csv")
# The tables ``analyze --stream`` writes as folders of parts (``aggregation.streamed``).
STREAMED_FOLDERS = ("sentences", "boilerplate", "cues", "attributions", "unattributed_assertions")


class OutputError(OSError):
    """The output folder cannot be written as asked (the message names the path and the problem)."""


def stable_order(frame: pd.DataFrame) -> pd.DataFrame:
    keys = [k for k in SORT_KEYS if k in frame.columns]
    return frame.sort_values(keys, kind="mergesort").reset_index(drop=True) if keys else frame


def _neutralised(value):
    if not isinstance(value, str):
        return value
    quoted = "'" + value if value.startswith(FORMULA_STARTS) else value
    return quoted.replace("\r", "\n")


def _csv_cell(value):
    """A cell as ``spreadsheet_safe`` writes it: a list or dict as JSON, text neutralised."""
    if isinstance(value, str):
        return _neutralised(value)
    if isinstance(value, list | dict):
        return _neutralised(json.dumps(value, ensure_ascii=False, sort_keys=True))
    return value


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy for CSV: lists and dicts as JSON strings, formula-like text cells quoted (OWASP)."""
    out = frame.copy()
    for col in out.columns:
        if pd.api.types.is_object_dtype(out[col]) or pd.api.types.is_string_dtype(out[col]):
            # tolist: iterating a pandas str column builds each value anew, several times slower
            out[col] = pd.Series([_csv_cell(v) for v in out[col].tolist()], index=out.index, dtype=object)
    return out


def _write_table(frame: pd.DataFrame, path: Path) -> None:
    """One table as ``path``.parquet and ``path``.csv."""
    frame = stable_order(frame)
    frame.to_parquet(path.with_suffix(".parquet"), index=False)
    spreadsheet_safe(frame).to_csv(path.with_suffix(".csv"), index=False, lineterminator="\n")


def write_table_set(tables: dict[str, pd.DataFrame], folder: Path) -> None:
    """Every table, in forked processes when ``processes.jobs`` allows (tables are independent)."""
    processes.map_tasks(_write_table, [(frame, folder / name) for name, frame in tables.items()], min_per_job=2)


def _check_target(out: Path, names: set[str]) -> None:
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out}: exists and is not a folder")
    if out.is_dir():
        foreign = sorted(p.name for p in out.iterdir() if p.name not in names and not _is_parts_folder(p))
        if foreign:
            shown = ", ".join(foreign[:5]) + (" ..." if len(foreign) > 5 else "")
            raise OutputError(f"{out}: holds files that are not tables of this tool ({shown}); choose another folder")


def _is_parts_folder(path: Path) -> bool:
    """A partitioned table as ``analyze --stream`` writes it: a folder of ``part-N.parquet`` files
    named after one of ``STREAMED_FOLDERS``."""
    if path.name not in STREAMED_FOLDERS or not path.is_dir():
        return False
    files = list(path.iterdir())
    return bool(files) and all(p.is_file() and PART_FILE.fullmatch(p.name) for p in files)


def remove_stale_temporaries(out: Path) -> None:
    """Temporary folders of writers that are no longer running (a kill leaves them behind)."""
    for path in out.parent.glob(f".{out.name}.*-*"):
        pid = path.name.rsplit("-", 2)[-2] if path.name.count("-") >= 2 else ""
        if pid.isdigit() and not process_alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True)


def process_alive(pid: int) -> bool:
    """Whether a process runs (another user's counts as running)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def write_tables(tables: dict[str, pd.DataFrame], out_dir: str | Path) -> list[Path]:
    """Write every table as Parquet and CSV into ``out_dir``, replacing the previous set at once."""
    names = {f"{name}{suffix}" for name in tables for suffix in TABLE_SUFFIXES}
    with staged_output(out_dir, names) as staging:
        write_table_set(tables, staging)
    out = Path(out_dir).absolute()
    return sorted(out / name for name in names)


@contextlib.contextmanager
def staged_output(out_dir: str | Path, names: set[str]):
    """A temporary folder beside ``out_dir`` to write the set into; it takes the place of
    ``out_dir`` when the block ends without an error, and is removed otherwise. ``names``: every
    file or folder the set holds (an existing ``out_dir`` holding anything else is refused)."""
    out = Path(out_dir).absolute()
    _check_target(out, names)
    out.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(out)
    tag = f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
    staging, previous = out.parent / f".{out.name}.tmp-{tag}", out.parent / f".{out.name}.old-{tag}"
    staging.mkdir()
    try:
        yield staging
        _swap(staging, out, previous)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    shutil.rmtree(previous, ignore_errors=True)


def _swap(staging: Path, out: Path, previous: Path) -> None:
    """Put ``staging`` in the place of ``out``; on failure the previous set is put back."""
    had_previous = out.exists()
    if had_previous:
        out.rename(previous)
    try:
        staging.rename(out)
    except OSError:
        if had_previous:
            previous.rename(out)
        raise
