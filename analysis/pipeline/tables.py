"""Writing the tidy tables: Parquet and CSV, rows in a stable order so output bytes repeat."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

SORT_KEYS = ("doc_id", "sentence_id", "start", "cue_start", "attribution_id", "rule")


def _stable(frame: pd.DataFrame) -> pd.DataFrame:
    keys = [k for k in SORT_KEYS if k in frame.columns]
    return frame.sort_values(keys, kind="mergesort").reset_index(drop=True) if keys else frame


def _csv_ready(frame: pd.DataFrame) -> pd.DataFrame:
    """Lists and dicts become JSON strings in CSV; Parquet keeps them nested."""
    import json

    out = frame.copy()
    for col in out.columns:
        if out[col].map(lambda v: isinstance(v, (list, dict))).any():
            out[col] = out[col].map(
                lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True) if isinstance(v, (list, dict)) else v
            )
    return out


def write_tables(tables: dict[str, pd.DataFrame], out_dir: str | Path) -> list[Path]:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in tables.items():
        frame = _stable(frame)
        parquet, csv = out / f"{name}.parquet", out / f"{name}.csv"
        frame.to_parquet(parquet, index=False)
        _csv_ready(frame).to_csv(csv, index=False, lineterminator="\n")
        written += [parquet, csv]
    return written
