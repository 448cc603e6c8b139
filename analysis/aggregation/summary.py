"""Corpus-level tables built from the per-document rows: one row per outlet."""

from __future__ import annotations

import pandas as pd

from analysis.aggregation import attribution as attribution_metrics
from analysis.aggregation import hedging as hedging_metrics
from analysis.aggregation.claim_groups import claims_table
from analysis.aggregation.claim_profile import drift_table
from analysis.aggregation.claims import unattributed_assertions


def outlet_summary(analysis, assertions: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per outlet: the hedging figures beside the attribution figures, each rate or share
    with its 95% document bootstrap interval (``stats``). ``assertions`` (from
    ``unattributed_assertions``) can be passed in when computed already."""
    hedging = hedging_metrics.outlet_metrics(analysis)
    attribution = attribution_metrics.outlet_metrics(analysis, assertions=assertions)
    shared = [c for c in attribution.columns if c in hedging.columns and c != "outlet"]
    summary = hedging.merge(attribution.drop(columns=shared), on="outlet", how="outer")
    return summary.sort_values("outlet", kind="mergesort").reset_index(drop=True)


def corpus_tables(analysis) -> dict[str, pd.DataFrame]:
    """Every table ``analyze`` writes: the per-document tables plus the per-outlet summary and the
    unattributed assertions, the claims that several outlets share (one row per member, with its
    certainty profile) and their drift table (one row per claim and outlet)."""
    claims = claims_table(analysis)
    assertions = unattributed_assertions(analysis, shared_claims=claims)
    return {
        **analysis.tables(),
        "outlet_summary": outlet_summary(analysis, assertions),
        "unattributed_assertions": assertions,
        "claims": claims,
        "claim_drift": drift_table(claims),
    }
