"""Corpus-level tables built from the per-document rows: one row per outlet."""

from __future__ import annotations

import pandas as pd

from analysis.aggregation import attribution as attribution_metrics
from analysis.aggregation import hedging as hedging_metrics


def outlet_summary(analysis) -> pd.DataFrame:
    """One row per outlet: the hedging figures (rates with bootstrap intervals) beside the
    attribution figures (shares with Wilson intervals)."""
    hedging = hedging_metrics.outlet_metrics(analysis)
    attribution = attribution_metrics.outlet_metrics(analysis)
    shared = [c for c in attribution.columns if c in hedging.columns and c != "outlet"]
    summary = hedging.merge(attribution.drop(columns=shared), on="outlet", how="outer")
    return summary.sort_values("outlet", kind="mergesort").reset_index(drop=True)


def corpus_tables(analysis) -> dict[str, pd.DataFrame]:
    """Every table ``analyze`` writes: the per-document tables plus the per-outlet summary and the
    unattributed assertions."""
    return {
        **analysis.tables(),
        "outlet_summary": outlet_summary(analysis),
        "unattributed_assertions": attribution_metrics.unattributed_assertions(analysis),
    }
