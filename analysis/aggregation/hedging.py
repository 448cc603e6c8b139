"""Hedging figures per document and per outlet, with document-level bootstrap intervals.

Rates are pooled (cues over words of all an outlet's documents, per 1,000 words); intervals
resample whole documents, because sentences and cues of one article are not independent.
Random draws use fixed seeds, so the same tables give the same numbers.
"""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pandas as pd

from analysis.detectors.hedging.detector import hedge_categories
from analysis.vocabulary import HEDGE_CATEGORIES

SEED = 20221102
N_BOOTSTRAP = 2000
N_PERMUTATIONS = 5000
CONFIDENCE = 0.95
MIN_DOCUMENTS_TO_COMPARE = 3  # fewer documents: no interval and no comparison for that outlet
TOO_FEW_NOTE = f"fewer than {MIN_DOCUMENTS_TO_COMPARE} documents: no interval, not compared"
# Ratio metrics: (numerator column, denominator column, scale) over document_metrics columns.
RATIO_METRICS = {
    "hedges_per_1000": ("n_hedges", "n_words", 1000.0),
    "boosters_per_1000": ("n_boosters", "n_words", 1000.0),
    "writer_hedges_per_1000": ("n_writer_hedges", "n_words", 1000.0),
    "quoted_hedges_per_1000": ("n_quoted_hedges", "n_words", 1000.0),
    # Shares are in percent, as in the attribution tables.
    "hedged_sentence_share": ("n_hedged_sentences", "n_sentences", 100.0),
    "quoted_hedge_share": ("n_quoted_hedges", "n_hedges", 100.0),
    "booster_to_hedge_ratio": ("n_boosters", "n_hedges", 1.0),
}
for _cat in HEDGE_CATEGORIES:
    RATIO_METRICS[f"{_cat}_per_1000"] = (f"n_{_cat}", "n_words", 1000.0)


def document_metrics(analysis) -> pd.DataFrame:
    """One row per document: counts and rates of cues by category and voice."""
    categories = list(analysis.settings.categories)
    hedge_cats = hedge_categories(categories)
    docs = analysis.documents[["doc_id", "outlet", "n_words", "n_sentences"]].copy()
    cues = analysis.cues
    counts = pd.DataFrame({"doc_id": docs["doc_id"]})
    for cat in HEDGE_CATEGORIES:
        per_doc = cues.loc[cues["category"] == cat].groupby("doc_id").size() if len(cues) else pd.Series(dtype=int)
        counts[f"n_{cat}"] = counts["doc_id"].map(per_doc).fillna(0).astype(int)
    hedges = cues.loc[cues["category"].isin(hedge_cats)] if len(cues) else cues
    quoted = hedges["in_quote"].astype(bool) if len(hedges) else pd.Series(dtype=bool)
    counts["n_hedges"] = counts["doc_id"].map(hedges.groupby("doc_id").size()).fillna(0).astype(int)
    counts["n_quoted_hedges"] = counts["doc_id"].map(hedges.loc[quoted].groupby("doc_id").size()).fillna(0).astype(int)
    counts["n_writer_hedges"] = counts["n_hedges"] - counts["n_quoted_hedges"]
    counts["n_boosters"] = counts["n_booster"]
    hedged = (
        hedges.drop_duplicates(["doc_id", "sentence_id"]).groupby("doc_id").size()
        if len(hedges)
        else pd.Series(dtype=int)
    )
    counts["n_hedged_sentences"] = counts["doc_id"].map(hedged).fillna(0).astype(int)
    out = docs.merge(counts, on="doc_id", how="left")
    for name, (num, den, scale) in RATIO_METRICS.items():
        out[name] = np.where(out[den] > 0, out[num] * scale / out[den].where(out[den] > 0, 1), np.nan)
    return out.sort_values("doc_id", kind="mergesort").reset_index(drop=True)


def _pooled(num: np.ndarray, den: np.ndarray, scale: float) -> float:
    total = den.sum()
    return float(num.sum() * scale / total) if total > 0 else float("nan")


def bootstrap_interval(
    num, den, scale: float = 1.0, seed: int = SEED, n_boot: int = N_BOOTSTRAP, confidence: float = CONFIDENCE
) -> tuple[float, float]:
    """Percentile interval of a pooled ratio, resampling documents with replacement."""
    num, den = np.asarray(num, dtype=float), np.asarray(den, dtype=float)
    if len(num) < MIN_DOCUMENTS_TO_COMPARE:
        return float("nan"), float("nan")
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, len(num), size=(n_boot, len(num)))
    num_s, den_s = num[idx].sum(axis=1), den[idx].sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        stats = np.where(den_s > 0, num_s * scale / np.where(den_s > 0, den_s, 1), np.nan)
    stats = stats[~np.isnan(stats)]
    if not len(stats):
        return float("nan"), float("nan")
    alpha = (1 - confidence) / 2
    low, high = np.quantile(stats, [alpha, 1 - alpha])
    return float(low), float(high)


def outlet_metrics(analysis, metrics: tuple[str, ...] | None = None) -> pd.DataFrame:
    """One row per outlet: pooled rates with document-level bootstrap 95% intervals.

    Columns: outlet, n_documents, n_words, n_sentences, n_hedges, n_boosters, and for every
    metric ``m`` the columns ``m``, ``m_ci_low`` and ``m_ci_high``; ``enough_documents`` and
    ``note`` say when an outlet has too few documents for an interval or a comparison.
    """
    docs = document_metrics(analysis)
    metrics = metrics or tuple(RATIO_METRICS)
    rows = []
    for n, (outlet, group) in enumerate(sorted(docs.groupby("outlet"), key=lambda kv: str(kv[0]))):
        row = {
            "outlet": outlet,
            "n_documents": len(group),
            "n_words": int(group["n_words"].sum()),
            "n_sentences": int(group["n_sentences"].sum()),
            "n_hedges": int(group["n_hedges"].sum()),
            "n_boosters": int(group["n_boosters"].sum()),
        }
        for k, name in enumerate(metrics):
            num_col, den_col, scale = RATIO_METRICS[name]
            num, den = group[num_col].to_numpy(), group[den_col].to_numpy()
            row[name] = _pooled(num, den, scale)
            row[f"{name}_ci_low"], row[f"{name}_ci_high"] = bootstrap_interval(
                num, den, scale, seed=SEED + 1000 * n + k
            )
        row["enough_documents"] = len(group) >= MIN_DOCUMENTS_TO_COMPARE
        row["note"] = "" if row["enough_documents"] else TOO_FEW_NOTE
        rows.append(row)
    return pd.DataFrame(rows)


def compare_outlets(
    analysis,
    outlet_a: str,
    outlet_b: str,
    metric: str = "hedges_per_1000",
    n_perm: int = N_PERMUTATIONS,
    seed: int = SEED,
) -> dict:
    """Two-sided permutation test of the difference in mean document-level ``metric``.

    Documents are shuffled between the two outlets; the p-value is the share of shuffles with
    a difference at least as large as the observed one (with the +1 correction). Outlets with
    fewer than MIN_DOCUMENTS_TO_COMPARE documents are not compared (p_value None, note says why).
    """
    if metric not in RATIO_METRICS:
        raise ValueError(f"unknown metric {metric!r}; known: {sorted(RATIO_METRICS)}")
    docs = document_metrics(analysis)
    known = set(docs["outlet"])
    for outlet in (outlet_a, outlet_b):
        if outlet not in known:
            raise ValueError(f"no documents from outlet {outlet!r}; outlets: {sorted(map(str, known))}")
    a = docs.loc[docs["outlet"] == outlet_a, metric].dropna().to_numpy()
    b = docs.loc[docs["outlet"] == outlet_b, metric].dropna().to_numpy()
    result = {
        "outlet_a": outlet_a,
        "outlet_b": outlet_b,
        "metric": metric,
        "n_a": len(a),
        "n_b": len(b),
        "mean_a": float(a.mean()) if len(a) else float("nan"),
        "mean_b": float(b.mean()) if len(b) else float("nan"),
        "difference": float(a.mean() - b.mean()) if len(a) and len(b) else float("nan"),
        "p_value": None,
        "n_permutations": 0,
        "note": "",
    }
    short = [o for o, x in ((outlet_a, a), (outlet_b, b)) if len(x) < MIN_DOCUMENTS_TO_COMPARE]
    if short:
        result["note"] = (
            f"not compared: {' and '.join(map(str, short))} {'has' if len(short) == 1 else 'have'} fewer than "
            f"{MIN_DOCUMENTS_TO_COMPARE} documents"
        )
        return result
    pooled = np.concatenate([a, b])
    rng = np.random.default_rng(seed)
    observed = abs(a.mean() - b.mean())
    hits = 0
    for _ in range(n_perm):
        perm = rng.permutation(pooled)
        if abs(perm[: len(a)].mean() - perm[len(a) :].mean()) >= observed - 1e-12:
            hits += 1
    result["p_value"] = (hits + 1) / (n_perm + 1)
    result["n_permutations"] = n_perm
    return result


def pairwise_comparisons(analysis, metric: str = "hedges_per_1000", n_perm: int = N_PERMUTATIONS) -> pd.DataFrame:
    """compare_outlets for every pair of outlets (one row per pair)."""
    outlets = sorted(map(str, analysis.documents["outlet"].unique()))
    rows = [compare_outlets(analysis, a, b, metric, n_perm) for a, b in combinations(outlets, 2)]
    columns = [
        "outlet_a",
        "outlet_b",
        "metric",
        "n_a",
        "n_b",
        "mean_a",
        "mean_b",
        "difference",
        "p_value",
        "n_permutations",
        "note",
    ]
    return pd.DataFrame(rows, columns=columns)


def category_rates(analysis) -> pd.DataFrame:
    """Long table: outlet, category, cues per 1,000 words with interval (for plots)."""
    table = outlet_metrics(analysis, tuple(f"{c}_per_1000" for c in analysis.settings.categories))
    rows = []
    for _, row in table.iterrows():
        for cat in analysis.settings.categories:
            name = f"{cat}_per_1000"
            rows.append(
                {
                    "outlet": row["outlet"],
                    "category": cat,
                    "per_1000": row[name],
                    "ci_low": row[f"{name}_ci_low"],
                    "ci_high": row[f"{name}_ci_high"],
                    "n_documents": row["n_documents"],
                }
            )
    return pd.DataFrame(rows)


def rate_table(outlets: pd.DataFrame, metric: str = "hedges_per_1000") -> pd.DataFrame:
    """One metric of ``outlet_metrics`` as a readable table: rate, interval, documents, note."""
    table = outlets[["outlet", "n_documents", metric, f"{metric}_ci_low", f"{metric}_ci_high", "note"]].copy()
    return table.rename(columns={metric: "value", f"{metric}_ci_low": "ci_low", f"{metric}_ci_high": "ci_high"})


def voice_table(outlets: pd.DataFrame) -> pd.DataFrame:
    """Long table: outlet, voice (writer or quoted), hedges per 1,000 words."""
    rows = []
    for _, row in outlets.iterrows():
        rows.append({"outlet": row["outlet"], "voice": "writer", "per_1000": row["writer_hedges_per_1000"]})
        rows.append({"outlet": row["outlet"], "voice": "quoted", "per_1000": row["quoted_hedges_per_1000"]})
    return pd.DataFrame(rows, columns=["outlet", "voice", "per_1000"])
