"""Figures for readers who do not code: matplotlib, shown as PNG with alt text and a caption.

Every plot function takes a computed table and an optional matplotlib ``ax`` to draw on, and
returns the Figure, so a figure can be restyled or saved (``fig.savefig("rates.pdf")``). Without
an ``ax`` the figure is a ``ReportFigure`` (built with ``matplotlib.figure.Figure``: no pyplot
state), shown as ``<figure>`` with the same PNG bytes for the same data (``figure_html``). Shares
are in percent, n is beside every bar or dot, rates and shares carry their intervals
(``plots_rates``), and colours (``plot_style``, Okabe-Ito) always come with a hatch or a marker.
"""

from __future__ import annotations

import matplotlib
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from analysis.reports.figure_html import STYLE, Note, NothingToDraw, ReportFigure, caption, caption_table
from analysis.reports.plot_style import (
    HATCHES,
    PALETTE,
    SMALL_MARK,
    SMALL_N,
    finish,
    legend_below,
    n_text,
    new_axes,
    wrap,
)
from analysis.reports.plots_rates import apart_texts, label_rows, rates_with_intervals, row_positions

__all__ = ["Note", "NothingToDraw", "ReportFigure", "bars", "composition", "rates_with_intervals", "new_axes"]


def _table(frame: pd.DataFrame, index: str, column: str, value: str | None) -> pd.DataFrame:
    if value is None:
        table = pd.crosstab(frame[index].astype(str), frame[column].astype(str))
    else:
        table = frame.pivot_table(index=index, columns=column, values=value, aggfunc="sum", fill_value=0)
    return table.sort_index().sort_index(axis=1)


def _dark(colour: str) -> bool:
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.45  # relative luminance, roughly


def _segments(ax: Axes, table: pd.DataFrame, ys: list[float], names: dict, order: list) -> None:
    """Stacked segments; a category keeps its colour and hatch whichever others are present."""
    left = pd.Series(0.0, index=table.index)
    for col in table.columns:
        i = order.index(col) if col in order else len(order) + list(table.columns).index(col)
        colour = PALETTE[i % len(PALETTE)]
        ax.barh(
            ys, table[col], left=left, color=colour, hatch=HATCHES[i % len(HATCHES)],
            hatchcolor="white" if _dark(colour) else "#333333",
            label=wrap(names.get(col, col), 26), edgecolor="white", linewidth=0.6,
        )  # fmt: skip
        left = left + table[col]


def _interval_table(intervals: pd.DataFrame, index: str, column: str, names: dict) -> str:
    """Caption table: each segment's share with its 95% interval (``value``, ``ci_low``, ``ci_high``)."""
    rows = sorted(intervals[index].astype(str).unique())
    columns = sorted(intervals[column].astype(str).unique())
    cells = {}
    for r in intervals.to_dict("records"):
        lo, hi = pd.to_numeric(r["ci_low"], errors="coerce"), pd.to_numeric(r["ci_high"], errors="coerce")
        band = f" ({lo:.1f}–{hi:.1f})" if pd.notna(lo) and pd.notna(hi) else " (no interval)"
        cells[(str(r[index]), names.get(str(r[column]), str(r[column])))] = f"{r['value']:.1f}{band}"
    return caption_table(rows, [names.get(c, c) for c in columns], cells)


def _unit(xlabel: str, shares: bool) -> str:
    """What a count axis counts, from its title ("documents": document)."""
    words = xlabel.lower().split()
    return words[0].removesuffix("s") if words and not shares else "record"


def _composition_alt(title: str, table: pd.DataFrame, n_notes: dict, names: dict, shares: bool) -> str:
    parts = [
        (f"{k} ({n_notes[k]}): " if n_notes[k] else f"{k}: ")
        + ", ".join(f"{names.get(c, c)} {v:.0f}{'%' if shares else ''}" for c, v in table.loc[k].items() if v)
        for k in table.index
    ]
    return f"Stacked bars, {title}: " + "; ".join(parts) + "."


def _composition_caption(title, xlabel, shares, unit, intervals, index, column, names, apart, extra="") -> str:
    if intervals is not None and len(intervals):
        how = "A 95% interval per segment does not fit on the chart: the table below gives each share (%) with it."
        table = _interval_table(intervals, index, column, names)
    else:
        how, table = ("No intervals: counts." if not shares else "No interval is computed for these shares."), ""
    return caption(
        title,
        f"Measure: {xlabel}.",
        "Each bar divides 100% of its total; colours come with hatches, named in the legend." if shares else "",
        f"n ({unit}s) beside each bar; {SMALL_MARK}: fewer than {SMALL_N} {unit}s.",
        "Bars under the heading 'Shown apart' have too few documents for an interval and are not compared."
        if apart
        else "",
        how,
        extra,
        table=table,
    )


def composition(
    frame: pd.DataFrame,
    index: str,
    column: str,
    value: str | None,
    title: str,
    xlabel: str,
    shares: bool = True,
    ax: Axes | None = None,
    *,
    totals: dict | None = None,
    unit: str | None = None,
    intervals: pd.DataFrame | None = None,
    apart: dict | None = None,
    names: dict | None = None,
    extra: str = "",
    categories=(),
) -> Figure:
    """Stacked horizontal bars: for each ``index`` value, how ``column`` categories divide up (in
    percent with ``shares``, else counts on a whole-number axis), n beside each bar. ``frame`` is
    tidy (one row per index/column pair, ``value`` the count; None counts rows); ``totals``
    gives each bar's n when ``value`` is already a share; ``intervals`` (index, column, value, ci_low,
    ci_high) goes into the caption's table; ``apart`` maps bars with too few documents to the reason;
    ``unit`` names what n counts (default: the axis title's first word, for counts);
    ``names`` gives the reader's names of the categories (and, with ``categories``, their order,
    which fixes each one's colour and hatch), ``extra`` one more caption sentence. An empty frame
    gives ``NothingToDraw`` unless the caller passes an ``ax`` to draw in."""
    if frame.empty and ax is None:
        return NothingToDraw(title)
    names, apart = names or {}, apart or {}
    unit = unit or _unit(xlabel, shares)
    table = _table(frame, index, column, value)
    counts = table.sum(axis=1).to_dict() if totals is None else totals
    n_notes = {k: n_text(counts[k], unit) if k in counts else "" for k in table.index}
    order = [k for k in table.index if k not in apart] + [k for k in table.index if k in apart]
    table = table.loc[order, table.sum(axis=0) > 0]  # a category no bar has would only crowd the legend
    if shares:  # in percent, as in the tables
        table = table.div(table.sum(axis=1).where(lambda s: s > 0, 1), axis=0) * 100
    known = [k not in apart for k in table.index]
    notes, heading_text = apart_texts([n_notes[k] for k in table.index], [apart.get(k, "") for k in table.index], known)
    ys, heading = row_positions(known, notes)
    with matplotlib.rc_context(STYLE):
        ax = new_axes(ax, (ys[-1] if ys else 0) + 2.5)
        _segments(ax, table, ys, names, [str(c) for c in (categories or names)])
        label_rows(ax, ys, [str(k) for k in table.index], notes, known, heading, heading_text)
        ax.set_xlabel(xlabel)
        if shares:
            ax.set_xlim(0, 100)
        else:
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # counts: whole numbers only
        legend_below(ax, len(table.columns))
        alt = _composition_alt(title, table, n_notes, names, shares)
        text = _composition_caption(title, xlabel, shares, unit, intervals, index, column, names, apart, extra)
        return finish(ax, title, alt, text)


def bars(
    frame: pd.DataFrame,
    label: str,
    value: str,
    title: str,
    xlabel: str,
    annotate: str | None = None,
    ax: Axes | None = None,
    percent: bool = False,
    describe: str = "",
) -> Figure:
    """Horizontal bars of counts (or other whole quantities), one per row, optionally annotated with
    another column's text; ``percent`` values get a 0-100 axis, whole-number ones whole ticks. Rates
    and shares with an interval belong in ``rates_with_intervals``. An empty frame gives
    ``NothingToDraw`` unless the caller passes an ``ax`` to draw in."""
    if frame.empty and ax is None:
        return NothingToDraw(title)
    data = frame.sort_values([value, label], kind="mergesort").reset_index(drop=True)
    with matplotlib.rc_context(STYLE):
        ax = new_axes(ax, len(data))
        ys = list(range(len(data)))
        ax.barh(ys, data[value], color=PALETTE[0])
        ax.set_yticks(ys, [wrap(v, 28) for v in data[label]])
        notes = [str(n) for n in data[annotate]] if annotate else [""] * len(data)
        for y, x, note in zip(ys, data[value], notes):
            if note:
                ax.annotate(note, (x, y), xytext=(4, 0), textcoords="offset points", va="center", fontsize=8)
        ax.set_xlabel(xlabel)
        values = pd.to_numeric(data[value], errors="coerce").dropna()
        if percent:
            ax.set_xlim(0, 100)
        elif len(values) and (values % 1 == 0).all():  # counts, paragraphs: whole ticks
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        shown = [f"{lab}: {v:g}" + (f" ({n})" if n else "") for lab, v, n in zip(data[label], data[value], notes)]
        alt = f"Bar chart, {title}: " + "; ".join(reversed(shown)) + "."
        beside = f" Beside each bar: {annotate.replace('_', ' ')}." if annotate else ""
        text = caption(title, f"Measure: {xlabel}.", describe, f"{len(data)} bars.{beside}")
        return finish(ax, title, alt, text)
