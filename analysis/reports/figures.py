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
from analysis.reports import plots, plots_attribution
from analysis.reports.labels import label
from analysis.reports.plot_style import SMALL_MARK, plural
from analysis.reports.plots import Note
from analysis.reports.sides import INFERRED, UNKNOWN, side_title
from analysis.vocabulary import STANCES

if TYPE_CHECKING:
    from analysis.pipeline.run import Analysis

MARK = "▶ "  # marks the report's own outlet in corpus-wide figures


@dataclass(frozen=True)
class ReportTables:
    """The per-outlet tables the outlet reports draw on, computed once."""

    hedging: pd.DataFrame  # hedging_metrics.outlet_metrics
    attribution: pd.DataFrame  # attribution_metrics.outlet_metrics (shares, by side, denials; intervals)
    stances: pd.DataFrame  # attribution_metrics.stance_by_side
    denials: pd.DataFrame  # attribution_metrics.denial_presence (per document)
    sides: str = "story_file"  # where the sides come from: story_file, inferred or unknown


def report_tables(analysis: Analysis) -> ReportTables:
    denials = attribution_metrics.denial_presence(analysis)
    return ReportTables(
        hedging=hedging_metrics.outlet_metrics(analysis, ("hedges_per_1000", "boosters_per_1000")),
        attribution=attribution_metrics.outlet_metrics(analysis, denials=denials),
        stances=attribution_metrics.stance_by_side(analysis),
        denials=denials,
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
        found[f"Documents carrying the accused side's denial{mark}"] = _with_interval(
            denial_presence(tables.denials), tables.attribution, "docs_with_denial_share"
        )
    return found


def _with_interval(frame: pd.DataFrame, outlets: pd.DataFrame, metric: str) -> pd.DataFrame:
    """``frame`` with the 95% interval of ``metric`` from the outlet table (when it has one)."""
    columns = [f"{metric}_ci_low", f"{metric}_ci_high"]
    if frame.empty or not set(columns) <= set(outlets.columns):
        return frame
    found = outlets[["outlet", *columns]].rename(columns=dict(zip(columns, ["ci_low", "ci_high"])))
    return frame.merge(found.round(1), on="outlet", how="left")


def _mark(frame: pd.DataFrame, outlet: str | None) -> pd.DataFrame:
    if outlet is None or frame.empty:
        return frame
    return frame.assign(outlet=[f"{MARK}{o}" if o == outlet else o for o in frame["outlet"]])


def _rate_figure(hedging: pd.DataFrame, metric: str, kind: str, highlight_outlet: str | None):
    table = _mark(rates(hedging, metric), highlight_outlet)
    if table.empty:
        return Note(f"No documents, so no {kind.lower()} rates.")
    title = f"{kind} per 1,000 words, by outlet"
    return plots.rates_with_intervals(table, "outlet", "value", "ci_low", "ci_high", title, label(metric))


def _source_figure(attribution: pd.DataFrame, highlight_outlet: str | None):
    sources = source_types(attribution)
    if sources.empty or not sources["share"].sum() > 0:
        return Note("No attributions found, so no source types to show.")
    return plots_attribution.source_types(_mark(attribution, highlight_outlet))


def _stance_figure(tables: ReportTables, highlight_outlet: str | None):
    if tables.sides == "unknown":
        return Note(UNKNOWN)
    stance = stance_by_side(tables.stances, highlight_outlet)
    if stance.empty or not stance["n"].sum() > 0:
        return Note("No attributions with a side and a stance to show.")
    if highlight_outlet is None:  # every outlet with its own bars: a pooled bar would have no interval
        return plots_attribution.stance_by_side(tables.stances, sides=tables.sides, intervals=tables.attribution)
    own = tables.attribution[tables.attribution["outlet"] == highlight_outlet]
    intervals = plots_attribution.side_intervals(own, lambda _outlet, side: side).rename(columns={"group": "side"})
    title = side_title("How each side is cited: reporting-verb stance (this outlet)", tables.sides)
    return plots.composition(
        stance, "side", "stance", "n", title, f"{label('stance')}: % of that side's attributions",
        unit="attribution", intervals=intervals,
        categories=STANCES,
        extra="Intervals exist for the distancing and denial shares only.",
    )  # fmt: skip


def _denial_figure(tables: ReportTables, highlight_outlet: str | None):
    if tables.sides == "unknown":
        return Note(UNKNOWN)
    denial = denial_presence(tables.denials)
    if denial.empty:
        return Note("No documents.")
    metric = "docs_with_denial_share"
    table = _mark(_with_interval(denial, tables.attribution, metric), highlight_outlet)
    for column in ("ci_low", "ci_high"):
        table[column] = table[column] if column in table else float("nan")
    table["n_text"] = [
        f"{k} of {plural(n, 'document')}" + (f"  {SMALL_MARK}" if n < hedging_metrics.MIN_DOCUMENTS_TO_COMPARE else "")
        for k, n in zip(table["documents_with_denial"], table["documents"])
    ]
    title = side_title("Share of documents carrying the accused side's denial", tables.sides)
    return plots.rates_with_intervals(
        table, "outlet", "percent", "ci_low", "ci_high", title, label(metric), counts="n_text", reason=None,
        percent=True,
    )  # fmt: skip


def outlet_figures(tables: ReportTables, highlight_outlet: str | None = None) -> list:
    """Figures for the comparison report, or for one outlet's report when ``highlight_outlet``
    is given (that outlet marked with ▶, its stances shown on their own); a ``Note`` stands in
    for a figure without data."""
    return [
        _rate_figure(tables.hedging, "hedges_per_1000", "Hedges", highlight_outlet),
        _rate_figure(tables.hedging, "boosters_per_1000", "Boosters", highlight_outlet),
        _source_figure(tables.attribution, highlight_outlet),
        _stance_figure(tables, highlight_outlet),
        _denial_figure(tables, highlight_outlet),
    ]
