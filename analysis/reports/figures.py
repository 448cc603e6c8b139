"""The figures of the outlet reports and the tables behind them.

The numbers come from the metrics modules (``hedging_metrics``: pooled rates with document-level
bootstrap intervals; ``attribution_metrics``: source types, stance by side, denial presence);
this module only reshapes them for plotting and draws them with ``plots``.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import pandas as pd

from analysis.aggregation import attribution as attribution_metrics
from analysis.aggregation import hedging as hedging_metrics
from analysis.reports import plots

if TYPE_CHECKING:
    from analysis.pipeline.run import Analysis

MARK = "▶ "  # marks the report's own outlet in corpus-wide figures


class Note:
    """A short escaped HTML note shown instead of a figure that has no data."""

    def __init__(self, text: str):
        self.text = text

    def _repr_html_(self) -> str:
        return f"<p><em>{html.escape(self.text)}</em></p>"

    def __repr__(self) -> str:
        return self.text


def rates(analysis: Analysis, metric: str = "hedges_per_1000") -> pd.DataFrame:
    """One hedging metric per outlet: value, 95% interval (missing with too few documents), note."""
    table = hedging_metrics.rate_table(hedging_metrics.outlet_metrics(analysis), metric)
    return table.assign(
        value=table["value"].round(3), ci_low=table["ci_low"].round(3), ci_high=table["ci_high"].round(3)
    )


def source_types(analysis: Analysis) -> pd.DataFrame:
    """Tidy: outlet, source_type, share (percent of the outlet's attributions)."""
    table = attribution_metrics.outlet_attribution_table(analysis)
    share_cols = [c for c in table.columns if c.startswith("share_")]
    long = table.melt(id_vars=["outlet"], value_vars=share_cols, var_name="source_type", value_name="share")
    long["source_type"] = long["source_type"].str.removeprefix("share_")
    return long.dropna(subset=["share"]).sort_values(["outlet", "source_type"], kind="mergesort").reset_index(drop=True)


def stance_by_side(analysis: Analysis, outlet: str | None = None) -> pd.DataFrame:
    """Tidy: side, stance, n (attributions), for one outlet or the whole corpus."""
    table = attribution_metrics.stance_by_side(analysis)
    if outlet is not None:
        table = table[table["outlet"] == outlet]
    return table.groupby(["side", "stance"], sort=True)["n"].sum().reset_index()


def denial_presence(analysis: Analysis) -> pd.DataFrame:
    """Per outlet: documents, documents carrying the accused side's denial, and their share."""
    per_doc = attribution_metrics.denial_presence(analysis)
    if per_doc.empty:
        return pd.DataFrame(columns=["outlet", "documents", "documents_with_denial", "share", "label"])
    out = (
        per_doc.groupby("outlet", sort=True)
        .agg(documents=("has_denial", "size"), documents_with_denial=("has_denial", "sum"))
        .reset_index()
    )
    out["share"] = (out["documents_with_denial"] / out["documents"]).round(3)
    out["label"] = [f"{k} of {n}" for k, n in zip(out["documents_with_denial"], out["documents"])]
    return out


def outlet_metric_tables(analysis: Analysis) -> dict[str, pd.DataFrame]:
    return {
        "Hedges per 1,000 words": rates(analysis, "hedges_per_1000"),
        "Boosters per 1,000 words": rates(analysis, "boosters_per_1000"),
        "Source types cited (percent of attributions)": source_types(analysis),
        "Reporting-verb stance by side (attributions)": stance_by_side(analysis),
        "Documents carrying the accused side's denial": denial_presence(analysis),
    }


def _mark(frame: pd.DataFrame, outlet: str | None) -> pd.DataFrame:
    if outlet is None or frame.empty:
        return frame
    return frame.assign(outlet=[f"{MARK}{o}" if o == outlet else o for o in frame["outlet"]])


def outlet_figures(analysis: Analysis, highlight_outlet: str | None = None) -> list:
    """Figures for the comparison report, or for one outlet's report when ``highlight_outlet``
    is given (that outlet marked with ▶, its stances shown on their own)."""
    figures: list = []
    for metric, kind in (("hedges_per_1000", "Hedges"), ("boosters_per_1000", "Boosters")):
        table = _mark(rates(analysis, metric), highlight_outlet)
        if table.empty:
            figures.append(Note(f"No documents, so no {kind.lower()} rates."))
            continue
        no_interval = table["ci_low"].isna().any()
        title = f"{kind} per 1,000 words, with 95% intervals"
        if no_interval:
            title += (
                f"\n(no interval where an outlet has fewer than {hedging_metrics.MIN_DOCUMENTS_TO_COMPARE} documents)"
            )
        figures.append(
            plots.rates_with_intervals(
                table, "outlet", "value", "ci_low", "ci_high", title=title, xlabel=f"{kind.lower()} per 1,000 words"
            )
        )
    sources = source_types(analysis)
    if highlight_outlet is not None:
        sources = _mark(sources, highlight_outlet)
    figures.append(
        plots.composition(
            sources,
            "outlet",
            "source_type",
            "share",
            title="Who is cited: source types (share of attributions)",
            xlabel="share of attributions",
        )
        if not sources.empty and sources["share"].sum() > 0
        else Note("No attributions found, so no source types to show.")
    )
    stance = stance_by_side(analysis, highlight_outlet)
    scope = "this outlet" if highlight_outlet is not None else "all outlets"
    figures.append(
        plots.composition(
            stance,
            "side",
            "stance",
            "n",
            title=f"How each side is cited: reporting-verb stance ({scope})",
            xlabel="share of attributions",
        )
        if not stance.empty and stance["n"].sum() > 0
        else Note("No attributions with a side and a stance to show.")
    )
    denial = _mark(denial_presence(analysis), highlight_outlet)
    figures.append(
        plots.bars(
            denial,
            "outlet",
            "share",
            title="Share of documents carrying the accused side's denial",
            xlabel="share of documents",
            annotate="label",
        )
        if not denial.empty
        else Note("No documents.")
    )
    return figures
