"""Corpus-level tables built from the per-document rows: one row per outlet."""

from __future__ import annotations

import pandas as pd

from analysis.aggregation import attribution as attribution_metrics
from analysis.aggregation import hedging as hedging_metrics
from analysis.aggregation.claim_groups import claims_table
from analysis.aggregation.claim_profile import drift_table
from analysis.aggregation.claims import unattributed_assertions

# The tables corpus_tables gives (analyze writes each as Parquet and CSV).
CORPUS_TABLES = ("documents", "rejected", "sentences", "boilerplate", "cues", "attributions", "sides")
CORPUS_TABLES += (
    "side_evidence",
    "document_figures",
    "outlet_summary",
    "unattributed_assertions",
    "claims",
    "claim_drift",
)


def outlet_summary(analysis, assertions: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per outlet: the hedging figures beside the attribution figures, each rate or share
    with its 95% document bootstrap interval (``stats``). ``assertions`` (from
    ``unattributed_assertions``) can be passed in when computed already."""
    return outlet_summary_from(document_figures(analysis, assertions), analysis.sides_status)


def document_figures(analysis, assertions: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per document: every count the outlet summary pools, hedging and attribution. A row
    depends only on its document, so a corpus's rows can be built batch by batch
    (``pipeline.stream``) and pooled at the end by ``outlet_summary_from``."""
    hedging = hedging_metrics.document_metrics(analysis)
    attribution = attribution_metrics.document_figures(analysis, assertions=assertions)
    shared = [c for c in attribution.columns if c in hedging.columns]
    return hedging.merge(attribution, on=shared, how="left")


def outlet_summary_from(figures: pd.DataFrame, sides_status: str) -> pd.DataFrame:
    """The outlet summary from the per-document rows of ``document_figures``."""
    hedging = hedging_metrics.outlet_metrics_from(figures)
    attribution = attribution_metrics.outlet_metrics_from(figures, sides_status)
    shared = [c for c in attribution.columns if c in hedging.columns and c != "outlet"]
    summary = hedging.merge(attribution.drop(columns=shared), on="outlet", how="outer")
    return summary.sort_values("outlet", kind="mergesort").reset_index(drop=True)


def corpus_tables(analysis) -> dict[str, pd.DataFrame]:
    """Every table ``analyze`` writes: the per-document tables, the counts per document the outlet
    summary pools (``document_figures``), the per-outlet summary and the
    unattributed assertions, the claims that several outlets share (one row per member, with its
    certainty profile) and their drift table (one row per claim and outlet)."""
    claims = claims_table(analysis)
    assertions = unattributed_assertions(analysis, shared_claims=claims)
    figures = document_figures(analysis, assertions)
    return {
        **analysis.tables(),
        "document_figures": figures,
        "outlet_summary": outlet_summary_from(figures, analysis.sides_status),
        "unattributed_assertions": assertions,
        "claims": claims,
        "claim_drift": drift_table(claims),
    }
