"""Plain per-outlet and per-document counts for the outlet reports (no inference; the rates with
intervals come from the hedging and attribution metrics modules)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from analysis.detectors.hedging.detector import hedge_categories

if TYPE_CHECKING:
    from analysis.pipeline.run import Analysis

DOCUMENT_COLUMNS = [
    "doc_id",
    "title",
    "story_date",
    "phase",
    "n_words",
    "n_sentences",
    "hedges",
    "boosters",
    "attributions",
]


def _per_doc_counts(analysis: Analysis) -> pd.DataFrame:
    docs = analysis.documents[["doc_id"]].copy()
    cues = analysis.cues
    if not cues.empty and "category" in cues.columns:
        category = cues["category"].astype(str)
        is_hedge = category.isin(hedge_categories(category.unique()))
        hedges = cues[is_hedge].groupby("doc_id").size()
        boosters = cues[~is_hedge].groupby("doc_id").size()
    else:
        hedges = boosters = pd.Series(dtype="int64")
    attributions = (
        analysis.attributions.groupby("doc_id").size() if not analysis.attributions.empty else pd.Series(dtype="int64")
    )
    docs["hedges"] = docs["doc_id"].map(hedges).fillna(0).astype(int)
    docs["boosters"] = docs["doc_id"].map(boosters).fillna(0).astype(int)
    docs["attributions"] = docs["doc_id"].map(attributions).fillna(0).astype(int)
    return docs


def outlet_documents(analysis: Analysis, outlet: str) -> pd.DataFrame:
    """One row per analysed document of an outlet, with its counts."""
    docs = analysis.documents.merge(_per_doc_counts(analysis), on="doc_id", how="left")
    docs = docs[docs["outlet"].astype(str) == outlet].copy()
    if "title" not in docs.columns:
        docs["title"] = ""
    if "story_date" in docs.columns:
        docs["story_date"] = docs["story_date"].map(lambda d: d.date().isoformat() if pd.notna(d) else "unknown")
    else:
        docs["story_date"] = "unknown"
    return docs[DOCUMENT_COLUMNS].sort_values("doc_id", kind="mergesort").reset_index(drop=True)


def outlet_counts(analysis: Analysis) -> pd.DataFrame:
    """One row per outlet: documents, words, sentences, hedges, boosters, attributions, and each
    count per 1,000 words."""
    docs = analysis.documents.merge(_per_doc_counts(analysis), on="doc_id", how="left")
    cols = ["outlet", "documents", "words", "sentences", "hedges", "boosters", "attributions"]
    if docs.empty:
        return pd.DataFrame(columns=cols)
    grouped = docs.groupby(docs["outlet"].astype(str), sort=True)
    out = pd.DataFrame(
        {
            "documents": grouped.size(),
            "words": grouped["n_words"].sum(),
            "sentences": grouped["n_sentences"].sum(),
            "hedges": grouped["hedges"].sum(),
            "boosters": grouped["boosters"].sum(),
            "attributions": grouped["attributions"].sum(),
        }
    )
    out.index.name = "outlet"
    for name in ("hedges", "boosters", "attributions"):
        out[f"{name}_per_1000_words"] = (1000 * out[name] / out["words"].where(out["words"] > 0)).round(2)
    return out.reset_index()
