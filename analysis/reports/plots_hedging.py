"""Figures for the hedging notebooks (built on the deterministic SVG helpers in ``plots``).

Each takes a computed table (``outlets`` is ``hedging.outlet_metrics``) and an optional ``ax``,
and returns the matplotlib Figure."""

from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from analysis.aggregation.hedging import category_rates, rate_table, voice_table
from analysis.reports import plots
from analysis.vocabulary import HEDGE_CATEGORIES


def outlet_rates(
    outlets: pd.DataFrame,
    metric: str = "hedges_per_1000",
    xlabel: str = "hedge cues per 1,000 words",
    ax: Axes | None = None,
) -> Figure:
    """Point per outlet with its 95% bootstrap interval (outlets with too few documents: point only)."""
    table = rate_table(outlets, metric)
    table["ci_low"] = table["ci_low"].fillna(table["value"])
    table["ci_high"] = table["ci_high"].fillna(table["value"])
    title = f"{xlabel} (95% document bootstrap)"
    return plots.rates_with_intervals(table, "outlet", "value", "ci_low", "ci_high", title, xlabel, ax=ax)


def categories_by_outlet(outlets: pd.DataFrame, categories=HEDGE_CATEGORIES, ax: Axes | None = None) -> Figure:
    """Stacked cues per 1,000 words by category, one bar per outlet."""
    return plots.composition(
        category_rates(outlets, categories),
        "outlet",
        "category",
        "per_1000",
        "Cues per 1,000 words by category",
        "cues per 1,000 words",
        shares=False,
        ax=ax,
    )


def writer_vs_quoted(outlets: pd.DataFrame, ax: Axes | None = None) -> Figure:
    """Hedges in the writer's voice and inside direct quotes, per 1,000 words."""
    return plots.composition(
        voice_table(outlets),
        "outlet",
        "voice",
        "per_1000",
        "Hedges: writer's voice and quoted",
        "hedges per 1,000 words",
        shares=False,
        ax=ax,
    )


def lemma_precision_bars(table: pd.DataFrame, ax: Axes | None = None) -> Figure:
    """Precision per predicted lemma, annotated with correct/predicted counts."""
    data = table.assign(counts=table["n_correct"].astype(int).astype(str) + "/" + table["n_predicted"].astype(str))
    return plots.bars(
        data, "lemma", "precision", "Precision per predicted lemma", "precision", annotate="counts", ax=ax
    )
