"""The rows of a corpus analysis, gathered batch by batch as columns.

A dict per row costs several times the memory of its values, and a corpus has tens of rows per
document, so each batch's rows are moved into per-table column lists as the batch arrives (the
dicts are dropped with the batch). ``frame`` builds the same table that ``pd.DataFrame(rows)``
would: columns in order of first appearance, a value a row lacks read as missing (NaN).
"""

from __future__ import annotations

import math

import pandas as pd

from analysis.pipeline.per_document import DocumentResult

TABLES = ("sentences", "boilerplate", "cues", "attributions")


class Columns:
    """One table's rows as column lists."""

    def __init__(self):
        self.values: dict[str, list] = {}
        self.n_rows = 0

    def extend(self, rows: list[dict]) -> None:
        for key in dict.fromkeys(key for row in rows for key in row):  # in order of first appearance
            column = self.values.get(key)
            if column is None:
                column = self.values[key] = [math.nan] * self.n_rows
            column.extend([row.get(key, math.nan) for row in rows])
        self.n_rows += len(rows)
        for column in self.values.values():  # a key these rows lack
            if len(column) < self.n_rows:
                column.extend([math.nan] * (self.n_rows - len(column)))

    def frame(self) -> pd.DataFrame:
        """The table; the column lists are handed over one by one (not held twice)."""
        columns = {}
        for key in list(self.values):
            columns[key] = pd.Series(self.values.pop(key))
        self.n_rows = 0
        return pd.DataFrame(columns)


class Collected:
    """Everything ``analyze_corpus`` keeps of the per-document results, in input order."""

    def __init__(self):
        self.tables = {name: Columns() for name in TABLES}
        self.figures: list[dict] = []  # per kept document
        self.rejected: list[tuple[str, str]] = []  # (doc_id, reason)

    def add(self, result: DocumentResult) -> None:
        self.tables["boilerplate"].extend(result.boilerplate)
        if result.rejected_reason:
            self.rejected.append((result.doc_id, result.rejected_reason))
            return
        self.figures.append(result.document)
        for name in ("sentences", "cues", "attributions"):
            self.tables[name].extend(getattr(result, name))
