"""Rows gathered as columns give the table that a list of row dicts gives (invented rows)."""

from __future__ import annotations

import pandas as pd

from analysis.pipeline.collect import Columns


def test_columns_give_the_table_of_the_row_dicts():
    rows = [
        {"doc_id": "a", "start": 0, "source_start": None, "in_quote": False, "lemma": "say"},
        {"doc_id": "a", "start": 5, "source_start": 3, "in_quote": True, "lemma": None},
        {"doc_id": "b", "start": 9, "in_quote": False, "lemma": "claim", "extra": 1.5},  # lacks one, adds one
    ]
    columns = Columns()
    columns.extend(rows[:1])
    columns.extend(rows[1:])
    built = columns.frame()
    pd.testing.assert_frame_equal(built, pd.DataFrame(rows))
    assert list(built.columns) == ["doc_id", "start", "source_start", "in_quote", "lemma", "extra"]
    assert columns.n_rows == 0 and not columns.values  # handed over, not held twice


def test_no_rows_give_an_empty_table():
    assert Columns().frame().empty


def test_a_key_new_in_the_middle_of_a_batch_or_missing_from_a_whole_batch_reads_as_missing():
    rows = [{"a": 1}, {"a": 2, "b": "x"}, {"a": 3}, {"c": 4.0}, {"a": 5, "b": "y"}]
    columns = Columns()
    for batch in (rows[:3], [], rows[3:4], rows[4:]):  # an empty batch changes nothing
        columns.extend(batch)
    pd.testing.assert_frame_equal(columns.frame(), pd.DataFrame(rows))
