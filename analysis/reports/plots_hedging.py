"""Figures for the hedging notebooks (built on ``plots``): every rate with its 95% interval.

Each takes a computed table (``outlets`` is ``hedging.outlet_metrics``) and an optional ``ax``,
and returns the matplotlib Figure."""

from __future__ import annotations

import pandas as pd
import scipy.stats
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from analysis.aggregation.hedging import category_rates, rate_table, series_rates
from analysis.reports import plots
from analysis.reports.labels import label
from analysis.reports.plot_style import SMALL_MARK, SMALL_N, plural
from analysis.vocabulary import HEDGE_CATEGORIES


def outlet_rates(
    outlets: pd.DataFrame, metric: str = "hedges_per_1000", xlabel: str | None = None, ax: Axes | None = None
) -> Figure:
    """A dot per outlet with its 95% document bootstrap interval; outlets with too few documents
    apart, with the reason."""
    table = rate_table(outlets, metric)
    xlabel = xlabel or label(metric)
    percent = metric.endswith("_share")
    return plots.rates_with_intervals(
        table, "outlet", "value", "ci_low", "ci_high", f"{xlabel}, by outlet", xlabel, ax=ax, percent=percent
    )


def categories_by_outlet(outlets: pd.DataFrame, categories=HEDGE_CATEGORIES, ax: Axes | None = None) -> Figure:
    """Cues per 1,000 words by category and outlet, each with its 95% document bootstrap interval
    (a marker and colour per category)."""
    table = category_rates(outlets, categories).rename(columns={"per_1000": "value", "category": "series"})
    table["note"] = table["outlet"].map(dict(zip(outlets["outlet"], outlets.get("note", pd.Series(dtype=str)))))
    title = "Cues per 1,000 words by category"
    if table.empty:
        return plots.NothingToDraw(title, "there are no outlets")
    return plots.rates_with_intervals(
        table, "outlet", "value", "ci_low", "ci_high", title, label("per_1000"), ax=ax, series="series"
    )


def writer_vs_quoted(outlets: pd.DataFrame, ax: Axes | None = None) -> Figure:
    """Hedges in the writer's voice and inside direct quotes, per 1,000 words, with intervals."""
    table = series_rates(outlets, {"writer's voice": "writer_hedges_per_1000", "quoted": "quoted_hedges_per_1000"})
    title = "Hedges: writer's voice and quoted"
    if table.empty:
        return plots.NothingToDraw(title, "there are no outlets")
    return plots.rates_with_intervals(
        table, "outlet", "value", "ci_low", "ci_high", title, label("hedges_per_1000"), ax=ax, series="series"
    )


def wilson(k: int, n: int) -> tuple[float, float]:
    """Wilson score 95% interval of k successes in n trials (nan for n = 0)."""
    if n <= 0:
        return float("nan"), float("nan")
    ci = scipy.stats.binomtest(int(k), int(n)).proportion_ci(confidence_level=0.95, method="wilson")
    return float(ci.low), float(ci.high)


def lemma_precision_bars(table: pd.DataFrame, ax: Axes | None = None) -> Figure:
    """Precision per predicted lemma with its Wilson interval; n = the lemma's predictions."""
    data = table.copy()
    bounds = [wilson(k, n) for k, n in zip(data["n_correct"], data["n_predicted"])]
    data["ci_low"], data["ci_high"] = [b[0] for b in bounds], [b[1] for b in bounds]
    data["n"] = [
        f"{int(k)} of {plural(n, 'prediction')} correct" + (f"  {SMALL_MARK}" if n < SMALL_N else "")
        for k, n in zip(data["n_correct"], data["n_predicted"])
    ]
    title = "Precision per predicted lemma"
    if data.empty:
        return plots.NothingToDraw(title, "no cue was predicted")
    fig = plots.rates_with_intervals(
        data, "lemma", "precision", "ci_low", "ci_high", title, label("precision"), ax=ax, counts="n", reason=None,
        interval="Wilson score 95% interval (each prediction counted as independent)", digits=2,
        small=f"fewer than {SMALL_N} predictions",
    )  # fmt: skip
    (ax or fig.axes[0]).set_xlim(0, 1.0)
    return fig
