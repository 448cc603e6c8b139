"""A disk memo for per-outlet interval tables, shared by the notebooks of one report run.

The bootstrap intervals of the per-outlet tables are the costly part of most report notebooks,
and every notebook of a run computes them from the same analysis. The report command gives its
notebooks a scratch folder (``analysis.reports.data``), which ``use_folder`` names here; a table
is then stored under a hash of the exact rows and settings it was computed from and read back by
the next notebook that asks for it. Outside a report run there is no folder and nothing is kept.
A stored table is the pickled result, so a hit is identical to computing again; a file that cannot
be read or written is ignored, and the table computed.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import uuid
from collections.abc import Callable
from pathlib import Path

import pandas as pd

_folder: Path | None = None


def use_folder(folder: str | Path | None) -> None:
    """Keep memoised tables in ``folder`` (None: keep none)."""
    global _folder
    _folder = Path(folder) if folder is not None else None


def key(name: str, frame: pd.DataFrame, spec) -> str:
    """A hash of a computation's name, its input rows (values, columns and dtypes) and ``spec``."""
    digest = hashlib.sha256(f"{name}|{spec!r}|{list(frame.columns)}|{list(map(str, frame.dtypes))}".encode())
    digest.update(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes())
    return digest.hexdigest()[:32]


def memoized(name: str, frame: pd.DataFrame, spec, compute: Callable[[], pd.DataFrame]) -> pd.DataFrame:
    """``compute()``, read from the folder when the same ``name``, rows and ``spec`` were computed
    before (see ``use_folder``)."""
    if _folder is None:
        return compute()
    path = _folder / f"{name}-{key(name, frame, spec)}.pkl"
    with contextlib.suppress(OSError, pickle.UnpicklingError, EOFError, AttributeError), path.open("rb") as handle:
        return pickle.load(handle)
    table = compute()
    with contextlib.suppress(OSError):
        dump_atomic(table, path)
    return table


def dump_atomic(value, path: Path) -> None:
    """Pickle ``value`` to ``path`` through a temporary file renamed into place, so a reader in
    another process never sees half a file (the temporary file is removed on failure)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tmp.open("wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
