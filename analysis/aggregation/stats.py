"""The statistics behind the per-outlet tables, shared by the hedging and attribution metrics.

Every figure is a ratio of sums over an outlet's documents (cues over words, anonymous attributions
over attributions), because the cues and attributions of one article are not independent. So the
document is the unit everywhere: bootstrap intervals resample whole documents (a cluster bootstrap),
permutation tests move whole documents between two outlets, and outlet pairs get a
false-discovery-rate correction. All resampling is done by ``scipy.stats`` with fixed seeds: the same tables give
the same numbers.
"""

from __future__ import annotations

import math
import warnings
import zlib
from collections.abc import Mapping
from itertools import combinations

import numpy as np
import pandas as pd
import scipy.stats

from analysis.aggregation import memo
from analysis.aggregation.bca import linear_jackknife_exact, ratio_bca
from analysis.pipeline import processes

SEED = 20221102
N_BOOTSTRAP = 9999
N_PERMUTATIONS = 9999  # two outlets with at most this many arrangements are tested exactly
BATCH = 1000  # resamples per vectorised call, to bound memory on large outlets
CONFIDENCE = 0.95
SIGNIFICANCE = 0.05
MIN_DOCUMENTS = 3  # fewer documents: no interval and no comparison for that outlet
TOO_FEW_NOTE = f"fewer than {MIN_DOCUMENTS} documents: no interval, not compared"
COMPARISON_COLUMNS = [
    "outlet_a",
    "outlet_b",
    "metric",
    "n_a",
    "n_b",
    "rate_a",
    "rate_b",
    "difference",
    "p_value",
    "p_adjusted",
    "min_attainable_p",
    "n_arrangements",
    "exact",
    "note",
]

# A ratio metric: (numerator column, denominator column, scale) over a per-document table.
RatioSpec = tuple[str, str, float]


def seed_for(*names) -> list[int]:
    """Seed sequence for one figure: the same outlet and metric draw the same resamples, whichever
    other outlets or metrics are in the table."""
    return [SEED, *(zlib.crc32(str(name).encode("utf-8")) for name in names)]


def ratio(num, den, scale: float = 1.0) -> float:
    """Pooled ratio sum(num) / sum(den) times scale (nan without a denominator)."""
    total = float(np.sum(den))
    return float(np.sum(num)) * scale / total if total > 0 else math.nan


def _ratio_statistic(scale: float):
    def statistic(num, den, axis=-1):
        with np.errstate(invalid="ignore", divide="ignore"):
            return scale * np.sum(num, axis=axis) / np.sum(den, axis=axis)

    return statistic


def informative(num, den) -> tuple[np.ndarray, np.ndarray]:
    """Drop documents with nothing in numerator or denominator (e.g. no hedges, for the share of
    hedges in quotes): they change neither sum, and resampling them only adds undefined resamples."""
    num, den = np.asarray(num, dtype=float), np.asarray(den, dtype=float)
    keep = (num != 0) | (den != 0)
    return num[keep], den[keep]


def ratio_interval(
    num, den, scale: float = 1.0, seed=SEED, n_resamples: int = N_BOOTSTRAP, confidence: float = CONFIDENCE
) -> tuple[float, float]:
    """Interval of the pooled ratio sum(num)/sum(den), resampling documents with replacement.

    ``scipy.stats.bootstrap`` with ``paired=True`` draws whole documents (a document's numerator and
    denominator stay together). Method BCa: a ratio of sums over few documents is biased and skewed,
    which BCa corrects and the percentile method does not. When BCa is undefined (a degenerate
    jackknife, or resamples without a denominator) the interval is the percentile interval of the
    defined resamples of the same draw. Every document giving the same ratio means every resample
    does too: a zero-width interval. Fewer than MIN_DOCUMENTS informative documents: no interval (nan).
    """
    num, den = informative(num, den)
    point = ratio(num, den, scale)
    if len(num) < MIN_DOCUMENTS or math.isnan(point):
        return math.nan, math.nan
    if (den > 0).all() and np.ptp(num / den) == 0:
        return point, point
    low, high, distribution = _bca(num, den, scale, seed, n_resamples, confidence)
    if np.isfinite(low) and np.isfinite(high):
        return float(low), float(high)
    defined = distribution[np.isfinite(distribution)]
    if not len(defined):
        return math.nan, math.nan
    alpha = (1 - confidence) / 2
    low, high = np.quantile(defined, [alpha, 1 - alpha])
    return float(low), float(high)


def _bca(num, den, scale: float, seed, n_resamples: int, confidence: float):
    """(low, high, bootstrap distribution): scipy's BCa interval, its jackknife done in linear time
    when that is exact (``bca``)."""
    rng = np.random.default_rng(seed)
    with warnings.catch_warnings():  # BCa's own warnings about degenerate samples: handled by the caller
        warnings.simplefilter("ignore", RuntimeWarning)
        warnings.simplefilter("ignore", scipy.stats.DegenerateDataWarning)
        if linear_jackknife_exact(num, den):
            return ratio_bca(num, den, _ratio_statistic(scale), scale, n_resamples, BATCH, confidence, rng)
        result = scipy.stats.bootstrap(
            (num, den),
            _ratio_statistic(scale),
            paired=True,
            vectorized=True,
            n_resamples=n_resamples,
            batch=BATCH,
            confidence_level=confidence,
            method="BCa",
            rng=rng,
        )
    low, high = result.confidence_interval
    return low, high, result.bootstrap_distribution


def outlet_ratios(documents: pd.DataFrame, metrics: Mapping[str, RatioSpec]) -> pd.DataFrame:
    """One row per outlet of a per-document table (column ``outlet``): for every metric ``m`` the
    pooled ratio ``m`` with its interval ``m_ci_low``, ``m_ci_high``; then n_documents,
    ``enough_documents`` and a ``note`` for outlets with too few documents for an interval.
    Memoised within a report run (``memo``)."""
    used = ["outlet", *dict.fromkeys(c for num, den, _ in metrics.values() for c in (num, den))]
    spec = (tuple(metrics.items()), SEED, N_BOOTSTRAP, CONFIDENCE, MIN_DOCUMENTS, BATCH)
    return memo.memoized("outlet_ratios", documents[used], spec, lambda: _outlet_ratios(documents, metrics))


def _outlet_ratios(documents: pd.DataFrame, metrics: Mapping[str, RatioSpec]) -> pd.DataFrame:
    groups = sorted(documents.groupby("outlet"), key=lambda kv: str(kv[0]))
    tasks = [
        (group[num_col].to_numpy(), group[den_col].to_numpy(), scale, seed_for(outlet, name))
        for outlet, group in groups
        for name, (num_col, den_col, scale) in metrics.items()
    ]
    intervals = iter(processes.map_tasks(ratio_interval, tasks))
    rows = []
    for outlet, group in groups:
        row: dict = {"outlet": outlet, "n_documents": len(group)}
        for name, (num_col, den_col, scale) in metrics.items():
            row[name] = ratio(group[num_col].to_numpy(), group[den_col].to_numpy(), scale)
            row[f"{name}_ci_low"], row[f"{name}_ci_high"] = next(intervals)
        row["enough_documents"] = len(group) >= MIN_DOCUMENTS
        row["note"] = "" if row["enough_documents"] else TOO_FEW_NOTE
        rows.append(row)
    columns = ["outlet", "n_documents"] + [f"{m}{s}" for m in metrics for s in ("", "_ci_low", "_ci_high")]
    return pd.DataFrame(rows, columns=columns + ["enough_documents", "note"])


def min_attainable_p(null_distribution, exact: bool) -> float:
    """The smallest two-sided p-value any arrangement of these documents could give: the observed
    difference being the most extreme of the null distribution (ties with it count against it)."""
    null = np.asarray(null_distribution, dtype=float)
    null = null[np.isfinite(null)]
    if not len(null):
        return math.nan
    adjustment = 0 if exact else 1  # scipy's +1 for random permutations
    n_extreme = min(np.sum(null >= null.max()), np.sum(null <= null.min()))
    return min(1.0, float(2 * (n_extreme + adjustment) / (len(null_distribution) + adjustment)))


def permutation_difference(
    num_a, den_a, num_b, den_b, scale: float = 1.0, seed=SEED, n_resamples: int = N_PERMUTATIONS
) -> dict:
    """Two-sided permutation test of the difference of two pooled ratios, moving whole documents
    between the two outlets (``scipy.stats.permutation_test``, ``permutation_type="independent"``).

    The test is exact when the distinct arrangements, C(n_a + n_b, n_a), are at most ``n_resamples``:
    then p counts all of them, and two 3-document outlets (20 arrangements) can never go below
    p = 0.1. ``min_attainable_p`` says how low p could go at all; the two-sided p is scipy's, twice
    the smaller one-sided p.
    """
    num = np.concatenate([np.asarray(num_a, dtype=float), np.asarray(num_b, dtype=float)])
    den = np.concatenate([np.asarray(den_a, dtype=float), np.asarray(den_b, dtype=float)])
    n_a = len(num_a)

    def difference(idx_a, idx_b, axis=-1):
        with np.errstate(invalid="ignore", divide="ignore"):
            rate_a = num[idx_a].sum(axis=axis) / den[idx_a].sum(axis=axis)
            rate_b = num[idx_b].sum(axis=axis) / den[idx_b].sum(axis=axis)
        return scale * (rate_a - rate_b)

    n_arrangements = math.comb(len(num), n_a)
    exact = n_arrangements <= n_resamples
    result = scipy.stats.permutation_test(
        (np.arange(n_a), np.arange(n_a, len(num))),
        difference,
        permutation_type="independent",
        vectorized=True,
        n_resamples=n_resamples,
        batch=BATCH,
        alternative="two-sided",
        rng=np.random.default_rng(seed),
    )
    return {
        "p_value": float(result.pvalue),
        "min_attainable_p": min_attainable_p(result.null_distribution, exact),
        "n_arrangements": n_arrangements,
        "exact": exact,
    }


def adjust_p_values(p_values) -> np.ndarray:
    """Benjamini-Hochberg adjusted p-values (``scipy.stats.false_discovery_control``); missing
    p-values (pairs not tested) stay missing and do not count as tests."""
    p = np.asarray(pd.to_numeric(pd.Series(p_values, dtype=object), errors="coerce"), dtype=float)
    adjusted = np.full(len(p), np.nan)
    tested = ~np.isnan(p)
    if tested.any():
        adjusted[tested] = scipy.stats.false_discovery_control(p[tested], method="bh")
    return adjusted


def compare_outlets(
    documents: pd.DataFrame, outlet_a, outlet_b, metric: str, spec: RatioSpec, n_resamples: int = N_PERMUTATIONS
) -> dict:
    """One row of ``pairwise_comparisons``: the two pooled ratios, their difference and its
    permutation test; outlets with fewer than MIN_DOCUMENTS informative documents are not tested
    (p_value None, the note says why), and a p-value that cannot fall below SIGNIFICANCE is noted."""
    num_col, den_col, scale = spec
    known = set(documents["outlet"])
    for outlet in (outlet_a, outlet_b):
        if outlet not in known:
            raise ValueError(f"no documents from outlet {outlet!r}; outlets: {sorted(map(str, known))}")
    groups = {o: documents[documents["outlet"] == o] for o in (outlet_a, outlet_b)}
    (num_a, den_a), (num_b, den_b) = (informative(g[num_col], g[den_col]) for g in groups.values())
    row = {
        "outlet_a": outlet_a,
        "outlet_b": outlet_b,
        "metric": metric,
        "n_a": len(num_a),
        "n_b": len(num_b),
        "rate_a": ratio(num_a, den_a, scale),
        "rate_b": ratio(num_b, den_b, scale),
        "p_value": None,
        "p_adjusted": math.nan,
        "min_attainable_p": math.nan,
        "n_arrangements": 0,
        "exact": False,
        "note": "",
    }
    row["difference"] = row["rate_a"] - row["rate_b"]
    short = [str(o) for o, n in ((outlet_a, len(num_a)), (outlet_b, len(num_b))) if n < MIN_DOCUMENTS]
    if short:
        verb = "has" if len(short) == 1 else "have"
        row["note"] = f"not compared: {' and '.join(short)} {verb} fewer than {MIN_DOCUMENTS} documents"
        return row
    row.update(
        permutation_difference(num_a, den_a, num_b, den_b, scale, seed_for(outlet_a, outlet_b, metric), n_resamples)
    )
    if row["min_attainable_p"] > SIGNIFICANCE:
        row["note"] = (
            f"too few documents for p < {SIGNIFICANCE}: the smallest attainable p is {row['min_attainable_p']:.3g}"
        )
    return row


def pairwise_comparisons(
    documents: pd.DataFrame, metric: str, spec: RatioSpec, n_resamples: int = N_PERMUTATIONS
) -> pd.DataFrame:
    """compare_outlets for every pair of outlets, one row per pair, with Benjamini-Hochberg adjusted
    p-values over the pairs tested (``p_adjusted``, beside ``p_value``)."""
    outlets = sorted(documents["outlet"].unique(), key=str)
    rows = [compare_outlets(documents, a, b, metric, spec, n_resamples) for a, b in combinations(outlets, 2)]
    table = pd.DataFrame(rows, columns=COMPARISON_COLUMNS)
    table["p_adjusted"] = adjust_p_values(table["p_value"])
    return table
