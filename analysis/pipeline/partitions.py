"""Tables written a part at a time: one Parquet dataset per table (``NAME/part-00000.parquet``, ...).

A streamed analysis writes each batch's rows as a part and forgets them. The parts of one table
must share one schema, or Parquet readers (pandas, pyarrow, Dask) refuse the dataset; but a batch
can lack a value that others have (a column all missing is typed null, a whole-number column with
a gap becomes floating point). So each part is written as it comes, and ``finish`` unifies the
schemas of every table's parts (pyarrow's permissive promotion: null to any type, integers to
floating point) and rewrites only the parts whose schema differs, one at a time.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

PART_NAME = "part-{:05d}.parquet"
PART_FILE = re.compile(r"part-\d+\.parquet")  # a name PART_NAME gives


class PartitionedTables:
    """The parts of several tables under one folder; ``finish`` when every part is written."""

    def __init__(self, folder: Path, names: tuple[str, ...]):
        self.folder = folder
        self.names = names
        self.parts: dict[str, list[tuple[Path, pa.Schema]]] = {name: [] for name in names}
        self.empty: dict[str, pd.DataFrame] = {}  # each table's columns, for a table with no rows
        for name in names:
            (folder / name).mkdir(parents=True, exist_ok=True)

    def write(self, name: str, frame: pd.DataFrame) -> None:
        """Write ``frame`` as the next part of table ``name`` (no part for no rows)."""
        if not len(frame):
            self.empty.setdefault(name, frame)
            return
        path = self.folder / name / PART_NAME.format(len(self.parts[name]))
        table = pa.Table.from_pandas(frame, preserve_index=False)
        pq.write_table(table, path)
        self.parts[name].append((path, table.schema))

    def finish(self) -> None:
        """Give every table one schema across its parts; a table without rows gets one empty part."""
        for name in self.names:
            parts = self.parts[name]
            if not parts:
                empty = pa.Table.from_pandas(self.empty.get(name, pd.DataFrame()), preserve_index=False)
                pq.write_table(empty, self.folder / name / PART_NAME.format(0))
                continue
            schema = unified_schema([schema for _, schema in parts])
            for path, part_schema in parts:
                if not part_schema.equals(schema, check_metadata=False):
                    pq.write_table(pq.read_table(path).cast(schema), path)


def unified_schema(schemas: list[pa.Schema]) -> pa.Schema:
    """One schema every part can be cast to, with the pandas metadata of the first part that has
    no null-typed column (so pandas reads the columns back with their own types)."""
    unified = pa.unify_schemas(schemas, promote_options="permissive")
    complete = [s for s in schemas if s.equals(unified, check_metadata=False)]
    return unified.with_metadata((complete or schemas)[0].metadata)
