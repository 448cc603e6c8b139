"""The report run's memo of per-outlet interval tables gives what computing again gives (invented
per-document counts)."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.aggregation import memo, stats

METRICS = {"hedges_per_1000": ("n_hedges", "n_words", 1000.0)}


def _counts(shift: int = 0) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "outlet": ["A"] * 4 + ["B"] * 4,
            "doc_id": [f"d{k}" for k in range(8)],
            "n_hedges": [3 + shift, 0, 5, 2, 1, 4, 0, 2],
            "n_words": [400, 350, 500, 420, 380, 610, 300, 450],
        }
    )


@pytest.fixture
def counted(monkeypatch):
    calls = []
    compute = stats._outlet_ratios
    monkeypatch.setattr(stats, "_outlet_ratios", lambda *a: calls.append(1) or compute(*a))
    yield calls
    memo.use_folder(None)


def test_a_second_call_in_a_run_reads_the_table_and_gives_the_same(tmp_path, counted):
    fresh = stats.outlet_ratios(_counts(), METRICS)
    memo.use_folder(tmp_path)
    first = stats.outlet_ratios(_counts(), METRICS)
    second = stats.outlet_ratios(_counts(), METRICS)
    assert len(counted) == 2  # computed without the memo and once with it
    pd.testing.assert_frame_equal(first, fresh)
    pd.testing.assert_frame_equal(second, fresh)
    assert len(list(tmp_path.glob("outlet_ratios-*.pkl"))) == 1


def test_other_rows_or_metrics_are_computed_again(tmp_path, counted):
    memo.use_folder(tmp_path)
    stats.outlet_ratios(_counts(), METRICS)
    changed = stats.outlet_ratios(_counts(shift=7), METRICS)
    scaled = stats.outlet_ratios(_counts(), {"hedges_per_100": ("n_hedges", "n_words", 100.0)})
    assert len(counted) == 3
    assert changed.loc[0, "hedges_per_1000"] != stats.outlet_ratios(_counts(), METRICS).loc[0, "hedges_per_1000"]
    assert list(scaled.columns)[2] == "hedges_per_100"


def test_a_damaged_file_is_computed_again_and_outside_a_run_nothing_is_kept(tmp_path, counted):
    memo.use_folder(tmp_path)
    stats.outlet_ratios(_counts(), METRICS)
    next(tmp_path.glob("outlet_ratios-*.pkl")).write_bytes(b"not a pickle")
    pd.testing.assert_frame_equal(stats.outlet_ratios(_counts(), METRICS), stats._outlet_ratios(_counts(), METRICS))
    memo.use_folder(None)
    stats.outlet_ratios(_counts(shift=1), METRICS)
    assert len(list(tmp_path.glob("*.pkl"))) == 1
