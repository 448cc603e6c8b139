"""Corpus-overview tables: what is in the corpus, what cleaning removed, what was rejected."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import pandas as pd

from analysis.corpus.cleaning import clean_text, load_rules
from analysis.reports.data import choose

if TYPE_CHECKING:
    from analysis.pipeline.run import Analysis
from analysis.settings import Settings


def documents_by_outlet_and_phase(analysis: Analysis) -> pd.DataFrame:
    """Analysed documents per outlet (rows) and phase (columns), with totals."""
    docs = analysis.documents
    if docs.empty:
        return pd.DataFrame(columns=["outlet", "total"])
    table = pd.crosstab(docs["outlet"].astype(str), docs["phase"].astype(str))
    table["total"] = table.sum(axis=1)
    table = table.sort_index()
    table.columns.name = None
    return table.reset_index().rename(columns={"index": "outlet"})


def document_lengths(analysis: Analysis) -> pd.DataFrame:
    """One row per analysed document: its outlet, phase and lengths before and after cleaning."""
    docs = analysis.documents
    cols = [
        "doc_id",
        "outlet",
        "phase",
        "n_words",
        "n_sentences",
        "n_paragraphs",
        "n_chars_raw",
        "n_chars_clean",
        "n_chars_removed",
    ]
    out = docs[[c for c in cols if c in docs.columns]].copy()
    out["share_removed"] = (out["n_chars_removed"] / out["n_chars_raw"]).round(3)
    return out.sort_values(["outlet", "doc_id"], kind="mergesort").reset_index(drop=True)


def lengths_by_outlet(analysis: Analysis) -> pd.DataFrame:
    """Per outlet: documents, total and median words and sentences."""
    lengths = document_lengths(analysis)
    if lengths.empty:
        return pd.DataFrame(columns=["outlet", "documents", "words", "median_words", "sentences"])
    grouped = lengths.groupby("outlet", sort=True)
    return pd.DataFrame(
        {
            "documents": grouped.size(),
            "words": grouped["n_words"].sum(),
            "median_words": grouped["n_words"].median(),
            "sentences": grouped["n_sentences"].sum(),
        }
    ).reset_index()


def removed_by_rule(analysis: Analysis) -> pd.DataFrame:
    """What cleaning removed, per boilerplate rule: removals, documents touched, characters, an example."""
    bp = analysis.boilerplate
    cols = ["rule", "removals", "documents", "chars_removed", "example"]
    if bp.empty:
        return pd.DataFrame(columns=cols)
    bp = bp.sort_values(["rule", "doc_id", "start"], kind="mergesort")
    grouped = bp.groupby("rule", sort=True)
    out = pd.DataFrame(
        {
            "removals": grouped.size(),
            "documents": grouped["doc_id"].nunique(),
            "chars_removed": grouped.apply(lambda g: int((g["end"] - g["start"]).sum()), include_groups=False),
            "example": grouped["text"].first().map(lambda t: t if len(t) <= 80 else t[:77] + "..."),
        }
    ).reset_index()
    return out.sort_values(["removals", "rule"], ascending=[False, True], kind="mergesort")[cols].reset_index(drop=True)


def rejected_inputs(analysis: Analysis) -> pd.DataFrame:
    """Inputs that were not analysed, with the stage and the reason."""
    return analysis.rejected.sort_values(["stage", "file", "doc_id"], kind="mergesort").reset_index(drop=True)


def pick_document(analysis: Analysis, doc_id: str | None = None) -> str:
    """The document to show: the one named (it must have been analysed), or the first by doc_id."""
    return choose(doc_id, sorted(analysis.documents["doc_id"].astype(str)), "doc_id")


def raw_beside_clean_html(doc_id: str, raw: str, settings: Settings | None = None, max_chars: int = 6000) -> str:
    """One document as two escaped columns: the raw text with removed pieces struck through
    (hover shows the rule), and the clean text the detectors read."""
    settings = settings or Settings()
    clean = clean_text(raw, load_rules(settings.boilerplate_rules), settings.disabled_rules)
    esc = html.escape
    limit = min(len(raw), max_chars)
    pieces, pos = [], 0
    for removal in sorted(clean.removed, key=lambda r: r["start"]):
        if removal["start"] < pos or removal["end"] > limit:
            continue
        pieces.append(esc(raw[pos : removal["start"]]))
        pieces.append(
            f"<del title='removed by rule {esc(removal['rule'])}' "
            f"style='background:#fde2e2;color:#8a1c1c'>{esc(raw[removal['start'] : removal['end']])}</del>"
            f"<sup style='color:#8a1c1c;font-size:70%'>{esc(removal['rule'])}</sup>"
        )
        pos = removal["end"]
    pieces.append(esc(raw[pos:limit]))
    raw_html = "".join(pieces)
    clean_shown = clean.text[:max_chars]
    note = ""
    if len(raw) > max_chars or len(clean.text) > max_chars:
        note = (
            f"<p><em>Document {esc(doc_id)} is {len(raw):,} characters long; "
            f"the first {max_chars:,} characters of each version are shown.</em></p>"
        )
    cell = (
        "vertical-align:top;white-space:pre-wrap;font-family:Georgia,serif;font-size:13px;"
        "line-height:1.45;padding:8px;border:1px solid #ddd;width:50%;text-align:left"
    )
    return (
        f"{note}<table style='table-layout:fixed;width:100%;border-collapse:collapse'>"
        f"<tr><th style='text-align:left'>Raw file ({esc(doc_id)}): removed text struck through</th>"
        f"<th style='text-align:left'>Clean text (what the detectors read)</th></tr>"
        f"<tr><td style='{cell}'>{raw_html}</td><td style='{cell}'>{esc(clean_shown)}</td></tr></table>"
    )
