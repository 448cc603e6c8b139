"""Hedging figures per document and per outlet, with document-level bootstrap intervals.

Rates are pooled (cues over words of all an outlet's documents, per 1,000 words); intervals
resample whole documents and outlet comparisons move whole documents between outlets, because
sentences and cues of one article are not independent (the statistics are in ``stats``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.aggregation import stats
from analysis.detectors.hedging.detector import hedge_categories
from analysis.vocabulary import HEDGE_CATEGORIES, HEDGE_ONLY_CATEGORIES

MIN_DOCUMENTS_TO_COMPARE = stats.MIN_DOCUMENTS
# Ratio metrics: (numerator column, denominator column, scale) over document_metrics columns.
RATIO_METRICS: dict[str, stats.RatioSpec] = {
    "hedges_per_1000": ("n_hedges", "n_words", 1000.0),
    "boosters_per_1000": ("n_boosters", "n_words", 1000.0),
    "writer_hedges_per_1000": ("n_writer_hedges", "n_words", 1000.0),
    "quoted_hedges_per_1000": ("n_quoted_hedges", "n_words", 1000.0),
    # Shares are in percent, as in the attribution tables.
    "hedged_sentence_share": ("n_hedged_sentences", "n_sentences", 100.0),
    "quoted_hedge_share": ("n_quoted_hedges", "n_hedges", 100.0),
    "booster_to_hedge_ratio": ("n_boosters", "n_hedges", 1.0),
}
# The rate of each cue category; boosters already have theirs (boosters_per_1000).
CATEGORY_METRICS = {cat: f"{cat}_per_1000" for cat in HEDGE_ONLY_CATEGORIES} | {"booster": "boosters_per_1000"}
for _cat, _name in CATEGORY_METRICS.items():
    RATIO_METRICS.setdefault(_name, (f"n_{_cat}", "n_words", 1000.0))


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


def outlet_metrics(analysis, metrics: tuple[str, ...] | None = None) -> pd.DataFrame:
    """One row per outlet: pooled rates with document-level bootstrap 95% intervals (``stats``).

    Columns: outlet, n_documents, n_words, n_sentences, n_hedges, n_boosters, and for every
    metric ``m`` the columns ``m``, ``m_ci_low`` and ``m_ci_high``; ``enough_documents`` and
    ``note`` say when an outlet has too few documents for an interval or a comparison.
    """
    return outlet_metrics_from(document_metrics(analysis), metrics)


def outlet_metrics_from(docs: pd.DataFrame, metrics: tuple[str, ...] | None = None) -> pd.DataFrame:
    """``outlet_metrics`` from the per-document rows of ``document_metrics`` (which may have been
    built a batch of documents at a time: every figure here pools whole documents), taken in
    ``doc_id`` order."""
    docs = docs.sort_values("doc_id", kind="mergesort")
    names = metrics or tuple(RATIO_METRICS)
    unknown = sorted(set(names) - set(RATIO_METRICS))
    if unknown:
        raise ValueError(f"unknown metrics {unknown}; known: {sorted(RATIO_METRICS)}")
    rates = stats.outlet_ratios(docs, {name: RATIO_METRICS[name] for name in names})
    counts = docs.groupby("outlet")[["n_words", "n_sentences", "n_hedges", "n_boosters"]].sum().reset_index()
    table = rates.merge(counts, on="outlet", how="left")
    first = ["outlet", "n_documents", "n_words", "n_sentences", "n_hedges", "n_boosters"]
    return table[first + [c for c in table.columns if c not in first]]


def compare_outlets(
    analysis, outlet_a: str, outlet_b: str, metric: str = "hedges_per_1000", n_perm: int = stats.N_PERMUTATIONS
) -> dict:
    """Permutation test of the difference between two outlets' pooled ``metric`` (``stats``)."""
    _check_metric(metric)
    return stats.compare_outlets(document_metrics(analysis), outlet_a, outlet_b, metric, RATIO_METRICS[metric], n_perm)


def pairwise_comparisons(analysis, metric: str = "hedges_per_1000", n_perm: int = stats.N_PERMUTATIONS) -> pd.DataFrame:
    """compare_outlets for every pair of outlets, with false-discovery-rate adjusted p-values."""
    _check_metric(metric)
    return stats.pairwise_comparisons(document_metrics(analysis), metric, RATIO_METRICS[metric], n_perm)


def _check_metric(metric: str) -> None:
    if metric not in RATIO_METRICS:
        raise ValueError(f"unknown metric {metric!r}; known: {sorted(RATIO_METRICS)}")


def series_rates(outlets: pd.DataFrame, metrics: dict[str, str], key: str = "series") -> pd.DataFrame:
    """Long table from ``outlet_metrics``: outlet, ``key`` (each name of ``metrics``), value with its
    interval, documents and note; one row per outlet and metric."""
    rows = [
        {
            "outlet": row["outlet"],
            key: name,
            "value": row[metric],
            "ci_low": row[f"{metric}_ci_low"],
            "ci_high": row[f"{metric}_ci_high"],
            "n_documents": row["n_documents"],
            "note": row.get("note", ""),
        }
        for row in outlets.to_dict("records")
        for name, metric in metrics.items()
    ]
    return pd.DataFrame(rows, columns=["outlet", key, "value", "ci_low", "ci_high", "n_documents", "note"])


def category_rates(outlets: pd.DataFrame, categories=HEDGE_CATEGORIES) -> pd.DataFrame:
    """Long table from ``outlet_metrics``: outlet, category, cues per 1,000 words with interval."""
    table = series_rates(outlets, {cat: CATEGORY_METRICS[cat] for cat in categories}, key="category")
    return table.rename(columns={"value": "per_1000"}).drop(columns="note")


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
