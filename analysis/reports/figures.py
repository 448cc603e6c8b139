"""The figures of the outlet reports and the tables behind them.

The numbers come from the metrics modules (``hedging_metrics``: pooled rates with document-level
bootstrap intervals; ``attribution_metrics``: source types, stance by side, denial presence).
``report_tables`` computes them once per notebook; this module only reshapes them for plotting
and draws them with ``plots``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from analysis.aggregation import attribution as attribution_metrics
from analysis.aggregation import hedging as hedging_metrics
from analysis.reports import plots
from analysis.reports.plots import Note
from analysis.reports.sides import INFERRED, UNKNOWN, side_title

if TYPE_CHECKING:
    from analysis.pipeline.run import Analysis

MARK = "▶ "  # marks the report's own outlet in corpus-wide figures


@dataclass(frozen=True)
class ReportTables:
    """The per-outlet tables the outlet reports draw on, computed once."""

    hedging: pd.DataFrame  # hedging_metrics.outlet_metrics
    attribution: pd.DataFrame  # attribution_metrics.outlet_attribution_table
    stances: pd.DataFrame  # attribution_metrics.stance_by_side
    denials: pd.DataFrame  # attribution_metrics.denial_presence (per document)
    sides: str = "story_file"  # where the sides come from: story_file, inferred or unknown


def report_tables(analysis: Analysis) -> ReportTables:
    return ReportTables(
        hedging=hedging_metrics.outlet_metrics(analysis, ("hedges_per_1000", "boosters_per_1000")),
        attribution=attribution_metrics.outlet_attribution_table(analysis),
        stances=attribution_metrics.stance_by_side(analysis),
        denials=attribution_metrics.denial_presence(analysis),
        sides=analysis.sides_status,
    )


def rates(hedging: pd.DataFrame, metric: str = "hedges_per_1000") -> pd.DataFrame:
    """One metric of ``hedging_metrics.outlet_metrics`` per outlet: value, 95% interval (missing
    with too few documents), note."""
    table = hedging_metrics.rate_table(hedging, metric)
    return table.assign(
        value=table["value"].round(3), ci_low=table["ci_low"].round(3), ci_high=table["ci_high"].round(3)
    )


def source_types(attribution: pd.DataFrame) -> pd.DataFrame:
    """Tidy: outlet, source_type, share (percent of the outlet's attributions)."""
    return attribution_metrics.source_type_shares(attribution)


def stance_by_side(stances: pd.DataFrame, outlet: str | None = None) -> pd.DataFrame:
    """Tidy: side, stance, n (attributions), for one outlet or the whole corpus."""
    if outlet is not None:
        stances = stances[stances["outlet"] == outlet]
    return stances.groupby(["side", "stance"], sort=True)["n"].sum().reset_index()


def denial_presence(denials: pd.DataFrame) -> pd.DataFrame:
    """Per outlet: documents, documents carrying the accused side's denial, and their share."""
    if denials.empty:
        return pd.DataFrame(columns=["outlet", "documents", "documents_with_denial", "percent", "label"])
    out = (
        denials.groupby("outlet", sort=True)
        .agg(documents=("has_denial", "size"), documents_with_denial=("has_denial", "sum"))
        .reset_index()
    )
    out["percent"] = (100 * out["documents_with_denial"] / out["documents"]).round(1)
    out["label"] = [f"{k} of {n}" for k, n in zip(out["documents_with_denial"], out["documents"])]
    return out


def outlet_metric_tables(tables: ReportTables) -> dict[str, pd.DataFrame]:
    """The numbers behind the figures; the tables by side only when the sides are known (marked
    when inferred)."""
    found = {
        "Hedges per 1,000 words": rates(tables.hedging, "hedges_per_1000"),
        "Boosters per 1,000 words": rates(tables.hedging, "boosters_per_1000"),
        "Source types cited (percent of attributions)": source_types(tables.attribution),
    }
    if tables.sides != "unknown":
        mark = f" ({INFERRED})" if tables.sides == "inferred" else ""
        found[f"Reporting-verb stance by side (attributions){mark}"] = stance_by_side(tables.stances)
        found[f"Documents carrying the accused side's denial{mark}"] = denial_presence(tables.denials)
    return found


def _mark(frame: pd.DataFrame, outlet: str | None) -> pd.DataFrame:
    if outlet is None or frame.empty:
        return frame
    return frame.assign(outlet=[f"{MARK}{o}" if o == outlet else o for o in frame["outlet"]])


def _rate_figure(hedging: pd.DataFrame, metric: str, kind: str, highlight_outlet: str | None):
    table = _mark(rates(hedging, metric), highlight_outlet)
    if table.empty:
        return Note(f"No documents, so no {kind.lower()} rates.")
    title = f"{kind} per 1,000 words, with 95% intervals"
    if table["ci_low"].isna().any():
        title += f"\n(no interval where an outlet has fewer than {hedging_metrics.MIN_DOCUMENTS_TO_COMPARE} documents)"
    xlabel = f"{kind.lower()} per 1,000 words"
    return plots.rates_with_intervals(table, "outlet", "value", "ci_low", "ci_high", title=title, xlabel=xlabel)


def _source_figure(attribution: pd.DataFrame, highlight_outlet: str | None):
    sources = _mark(source_types(attribution), highlight_outlet)
    if sources.empty or not sources["share"].sum() > 0:
        return Note("No attributions found, so no source types to show.")
    title = "Who is cited: source types (share of attributions)"
    return plots.composition(sources, "outlet", "source_type", "share", title=title, xlabel="% of attributions")


def _stance_figure(stances: pd.DataFrame, highlight_outlet: str | None, sides: str):
    if sides == "unknown":
        return Note(UNKNOWN)
    stance = stance_by_side(stances, highlight_outlet)
    if stance.empty or not stance["n"].sum() > 0:
        return Note("No attributions with a side and a stance to show.")
    scope = "this outlet" if highlight_outlet is not None else "all outlets"
    title = side_title(f"How each side is cited: reporting-verb stance ({scope})", sides)
    return plots.composition(stance, "side", "stance", "n", title=title, xlabel="% of attributions")


def _denial_figure(denials: pd.DataFrame, highlight_outlet: str | None, sides: str):
    if sides == "unknown":
        return Note(UNKNOWN)
    denial = _mark(denial_presence(denials), highlight_outlet)
    if denial.empty:
        return Note("No documents.")
    title = side_title("Share of documents carrying the accused side's denial", sides)
    return plots.bars(denial, "outlet", "percent", title, "% of documents", annotate="label", percent=True)


def outlet_figures(tables: ReportTables, highlight_outlet: str | None = None) -> list:
    """Figures for the comparison report, or for one outlet's report when ``highlight_outlet``
    is given (that outlet marked with ▶, its stances shown on their own); a ``Note`` stands in
    for a figure without data."""
    return [
        _rate_figure(tables.hedging, "hedges_per_1000", "Hedges", highlight_outlet),
        _rate_figure(tables.hedging, "boosters_per_1000", "Boosters", highlight_outlet),
        _source_figure(tables.attribution, highlight_outlet),
        _stance_figure(tables.stances, highlight_outlet, tables.sides),
        _denial_figure(tables.denials, highlight_outlet, tables.sides),
    ]
