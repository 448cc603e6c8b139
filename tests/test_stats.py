"""The shared statistics: document bootstrap of a ratio, permutation test between outlets, FDR."""

from __future__ import annotations

import math
import sys
import threading
import types
import warnings
from itertools import combinations

import numpy as np
import pandas as pd
import pytest
import scipy.stats

from analysis.aggregation import attribution as am
from analysis.aggregation import stats
from analysis.pipeline import processes

# Three invented documents: cues and words.
CUES = np.array([2.0, 7.0, 4.0, 1.0])
WORDS = np.array([400.0, 900.0, 500.0, 300.0])


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The 95% Wilson score interval in percent, which treats every attribution as independent."""
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return 100 * max(0.0, centre - half), 100 * min(1.0, centre + half)


def test_ratio_interval_covers_the_rate_and_is_scipys_bca_interval():
    low, high = stats.ratio_interval(CUES, WORDS, 1000.0, seed=5)
    rate = stats.ratio(CUES, WORDS, 1000.0)
    assert rate == pytest.approx(1000 * 14 / 2100)
    assert low < rate < high
    direct = scipy.stats.bootstrap(
        (CUES, WORDS),
        lambda c, w, axis: 1000 * c.sum(axis=axis) / w.sum(axis=axis),
        paired=True,
        vectorized=True,
        n_resamples=stats.N_BOOTSTRAP,
        method="BCa",
        rng=np.random.default_rng(5),
    )
    assert (low, high) == pytest.approx(tuple(direct.confidence_interval))
    assert stats.ratio_interval(CUES, WORDS, 1000.0, seed=5) == (low, high)  # fixed seed


@pytest.mark.parametrize("seed", range(6))
def test_linear_jackknife_gives_scipys_bca_interval_bit_for_bit(seed):
    # Invented counts, some documents without a denominator, as a quoted-hedge share has.
    rng = np.random.default_rng(seed)
    words = rng.integers(0, 5 if seed % 2 else 900, 40).astype(float)
    cues = np.minimum(rng.integers(0, 12, 40), words).astype(float)
    assert stats.linear_jackknife_exact(cues, words)
    fast = stats._bca(cues, words, 100.0, [seed], 999, 0.95)
    direct = scipy.stats.bootstrap(
        (cues, words),
        stats._ratio_statistic(100.0),
        paired=True,
        vectorized=True,
        n_resamples=999,
        batch=stats.BATCH,
        method="BCa",
        rng=np.random.default_rng([seed]),
    )
    assert np.array_equal(fast[:2], tuple(direct.confidence_interval), equal_nan=True)
    assert np.array_equal(fast[2], direct.bootstrap_distribution, equal_nan=True)


def test_fractional_values_take_scipys_own_jackknife():
    assert not stats.linear_jackknife_exact(np.array([0.5, 1.0]), np.array([2.0, 3.0]))
    assert not stats.linear_jackknife_exact(np.array([1.0, 2.0**53]), np.array([2.0, 3.0]))


def test_ratio_interval_degenerate_and_small_samples():
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no warning spew from degenerate samples
        assert stats.ratio_interval([1, 2, 3], [100, 200, 300], 1000.0) == (10.0, 10.0)  # every ratio equal
        assert stats.ratio_interval([0, 0, 0, 0], [100, 200, 300, 50]) == (0.0, 0.0)
        assert all(math.isnan(v) for v in stats.ratio_interval([1, 2], [100, 200]))  # too few documents
        # Two documents without hedges have no quoted-hedge share: dropped, leaving too few.
        assert all(math.isnan(v) for v in stats.ratio_interval([1, 0, 0, 2], [3, 0, 0, 4]))
        # Boosters in a document without hedges: some resamples have no denominator.
        low, high = stats.ratio_interval([2, 1, 3, 0], [0, 4, 2, 5])
    rate = stats.ratio([2, 1, 3, 0], [0, 4, 2, 5])
    assert np.isfinite(low) and np.isfinite(high) and low <= rate <= high


def test_interval_resamples_documents_not_attributions():
    """One long article with 20 anonymous attributions and two short ones with none: 20 of 24
    attributions are anonymous, but it is one article's habit, so the interval is much wider than
    the Wilson interval, which counts 24 independent attributions."""
    anonymous, attributions = np.array([20, 0, 0]), np.array([20, 2, 2])
    low, high = stats.ratio_interval(anonymous, attributions, 100.0)
    wilson_low, wilson_high = wilson(20, 24)
    assert high - low > 1.5 * (wilson_high - wilson_low)
    documents = pd.DataFrame({"doc_id": ["a", "b", "c"], "outlet": "O", "n_words": [2000, 300, 300]})
    rows = [("a", True)] * 20 + [("b", False)] * 2 + [("c", False)] * 2
    records = pd.DataFrame(
        [
            {
                "doc_id": d,
                "anonymous": anon,
                "source_type": "vague",
                "mode": "indirect",
                "side": "other",
                "stance": "neutral",
            }
            for d, anon in rows
        ]
    )
    table = am.outlet_attribution_table(types.SimpleNamespace(documents=documents, attributions=records))
    row = table.iloc[0]
    assert row["anonymous_share"] == pytest.approx(100 * 20 / 24)
    assert (row["anonymous_share_ci_low"], row["anonymous_share_ci_high"]) == pytest.approx(
        stats.ratio_interval(anonymous, attributions, 100.0, stats.seed_for("O", "anonymous_share"))
    )
    assert row["anonymous_share_ci_high"] - row["anonymous_share_ci_low"] > 1.5 * (wilson_high - wilson_low)


def _exact_two_sided_p(num, den, n_a):
    """Enumerate every split of the documents into n_a and the rest: share with |difference| at
    least the observed one."""

    def difference(idx):
        rest = [i for i in range(len(num)) if i not in idx]
        return num[list(idx)].sum() / den[list(idx)].sum() - num[rest].sum() / den[rest].sum()

    observed = abs(difference(tuple(range(n_a))))
    null = [abs(difference(idx)) for idx in combinations(range(len(num)), n_a)]
    return sum(d >= observed - 1e-12 for d in null) / len(null), len(null)


def test_permutation_test_is_exact_for_two_three_document_outlets():
    num = np.array([3.0, 6.0, 2.0, 5.0, 1.0, 4.0])
    den = np.array([500.0, 800.0, 300.0, 600.0, 400.0, 700.0])
    expected, n_arrangements = _exact_two_sided_p(num, den, 3)
    assert n_arrangements == 20
    result = stats.permutation_difference(num[:3], den[:3], num[3:], den[3:], 1000.0)
    assert result["exact"] and result["n_arrangements"] == 20
    assert result["p_value"] == pytest.approx(expected)
    assert result["min_attainable_p"] == pytest.approx(2 / 20)


def test_comparison_notes_when_p_cannot_reach_significance():
    documents = pd.DataFrame(
        {
            "outlet": ["A"] * 3 + ["B"] * 3 + ["C"] * 5 + ["D"] * 5,
            "n_hedges": [9, 10, 11, 0, 1, 0] + [9, 10, 11, 12, 10] + [0, 1, 0, 1, 0],
            "n_words": [1000] * 16,
        }
    )
    spec = ("n_hedges", "n_words", 1000.0)
    small = stats.compare_outlets(documents, "A", "B", "hedges_per_1000", spec)
    assert small["p_value"] == pytest.approx(0.1)  # the most extreme of 20 arrangements, two-sided
    assert small["min_attainable_p"] == pytest.approx(0.1) and "smallest attainable p is 0.1" in small["note"]
    large = stats.compare_outlets(documents, "C", "D", "hedges_per_1000", spec)
    assert large["exact"] and large["p_value"] == pytest.approx(2 / 252) and large["note"] == ""
    table = stats.pairwise_comparisons(documents, "hedges_per_1000", spec)
    assert len(table) == 6 and list(table.columns) == stats.COMPARISON_COLUMNS
    assert np.allclose(table["p_adjusted"], scipy.stats.false_discovery_control(table["p_value"].astype(float)))


def test_fdr_adjustment_is_benjamini_hochberg():
    p = [0.01, 0.04, 0.03, 0.2]
    assert np.allclose(stats.adjust_p_values(p), scipy.stats.false_discovery_control(p, method="bh"))
    assert np.allclose(stats.adjust_p_values(p), [0.04, 0.16 / 3, 0.16 / 3, 0.2])
    with_missing = stats.adjust_p_values([0.01, None, 0.04, 0.03, 0.2])
    assert math.isnan(with_missing[1])  # untested pairs are not counted as tests
    assert np.allclose(np.delete(with_missing, 1), [0.04, 0.16 / 3, 0.16 / 3, 0.2])


def test_outlet_intervals_computed_in_forked_workers_are_the_same(monkeypatch):
    rng = np.random.default_rng(3)
    n = 60
    documents = pd.DataFrame(
        {
            "outlet": [f"outlet {k % 4}" for k in range(n)],
            "n_cues": rng.integers(0, 9, n),
            "n_quoted": rng.integers(0, 3, n),
            "n_words": rng.integers(50, 900, n),
        }
    )
    metrics = {
        "cues_per_1000_words": ("n_cues", "n_words", 1000.0),
        "quoted_share": ("n_quoted", "n_cues", 100.0),
    }
    here = stats.outlet_ratios(documents, metrics)
    monkeypatch.setattr(processes, "MIN_TASKS_PER_JOB", 1)
    with processes.jobs(2):
        assert processes.workers_for(8) == (2 if sys.platform == "linux" and threading.active_count() == 1 else 1)
        forked = stats.outlet_ratios(documents, metrics)
    assert processes.workers_for(8) == 1  # outside the block: this process only
    pd.testing.assert_frame_equal(forked, here, check_exact=True)


def test_tasks_run_in_this_process_when_workers_would_be_spawned():
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)  # as a Jupyter kernel's threads
    other.start()
    try:
        with processes.jobs(2):
            assert processes.workers_for(10_000) == 1
            assert processes.map_tasks(pow, [(2, 3), (3, 2)]) == [8, 9]
    finally:
        stop.set()
        other.join()
