"""Figures for readers who do not code: matplotlib, shown in notebooks as deterministic SVG.

Every plot function takes a computed table and an optional matplotlib ``ax`` to draw on, and
returns the Figure, so a figure can be restyled or saved (``fig.savefig("rates.pdf")``). Without
an ``ax`` the figure is a ``ReportFigure``: built with ``matplotlib.figure.Figure`` (no pyplot
state, nothing depends on the notebook backend) and shown as SVG that is the same bytes for the
same data: fixed rcParams, a fixed ``svg.hashsalt`` for element ids, no date in the SVG metadata,
text kept as (escaped) SVG text.
"""

from __future__ import annotations

import html
import io
import textwrap

import matplotlib
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

STYLE = {
    "svg.hashsalt": "newshedge",
    "svg.fonttype": "none",
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "x",
    "grid.color": "#dddddd",
    "figure.dpi": 100,
    "savefig.dpi": 100,
}
PALETTE = ("#4c72b0", "#dd8452", "#55a868", "#c44e52", "#8172b3", "#937860", "#da8bc3", "#8c8c8c", "#ccb974", "#64b5cd")


def svg(fig: Figure) -> str:
    """The figure as deterministic SVG text."""
    buf = io.StringIO()
    with matplotlib.rc_context(STYLE):
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None}, bbox_inches="tight")
    return buf.getvalue()


class ReportFigure(Figure):
    """A matplotlib Figure that notebooks display as deterministic SVG; ``str`` gives the SVG text."""

    report_title = ""

    def _repr_svg_(self) -> str:
        return svg(self)

    def __repr__(self) -> str:
        return f"<figure: {self.report_title}>"

    def __str__(self) -> str:
        return svg(self)


class Note:
    """A short escaped HTML note shown instead of a figure that has nothing to show."""

    def __init__(self, text: str):
        self.text = text

    def _repr_html_(self) -> str:
        return f"<p><em>{html.escape(self.text)}</em></p>"

    def __repr__(self) -> str:
        return self.text


class NothingToDraw(Note):
    """Stands in for a figure whose table is empty: a sentence saying so, never an empty chart
    with a meaningless axis (and no matplotlib warning about an empty legend)."""

    def __init__(self, title: str, why: str = "there is no data for it in this corpus"):
        super().__init__(f"{title.splitlines()[0]}: nothing to draw, as {why}.")
        self.report_title = title


def _wrap(label, width: int = 32) -> str:
    return "\n".join(textwrap.wrap(str(label), width)) or str(label)


def new_axes(ax: Axes | None, n_rows: int, width: float = 7.5) -> Axes:
    """The caller's ``ax``, or the axes of a new ReportFigure high enough for ``n_rows`` rows."""
    if ax is not None:
        return ax
    with matplotlib.rc_context(STYLE):
        return ReportFigure(figsize=(width, 1.2 + 0.45 * max(n_rows, 1))).add_subplot()


def finish(ax: Axes, title: str) -> Figure:
    """Title the axes (and name a ReportFigure after it); return the figure."""
    ax.set_title(title, loc="left")
    fig = ax.figure
    if isinstance(fig, ReportFigure):
        fig.report_title = title
    return fig


def rates_with_intervals(
    frame: pd.DataFrame, label: str, rate: str, low: str, high: str, title: str, xlabel: str, ax: Axes | None = None
) -> Figure:
    """One row per group: a point at the rate and a line for its interval."""
    data = frame.sort_values([rate, label], kind="mergesort").reset_index(drop=True)
    with matplotlib.rc_context(STYLE):
        ax = new_axes(ax, len(data))
        ys = list(range(len(data)))
        ax.plot(data[rate], ys, "o", color=PALETTE[0])
        known = data[[low, high]].notna().all(axis=1).to_numpy()
        if known.any():  # intervals where they exist (they are missing for too few documents)
            part = data[known]
            ax.errorbar(
                part[rate],
                [y for y, k in zip(ys, known) if k],
                xerr=[(part[rate] - part[low]).clip(lower=0), (part[high] - part[rate]).clip(lower=0)],
                fmt="none",
                ecolor="#555555",
                capsize=3,
            )
        ax.set_yticks(list(ys), [_wrap(v) for v in data[label]])
        ax.set_xlabel(xlabel)
        ax.set_xlim(left=0)
        return finish(ax, title)


def composition(
    frame: pd.DataFrame,
    index: str,
    column: str,
    value: str | None,
    title: str,
    xlabel: str,
    shares: bool = True,
    ax: Axes | None = None,
) -> Figure:
    """Stacked horizontal bars: for each ``index`` value, how ``column`` categories divide up
    (in percent with ``shares``, else counts on a whole-number axis).

    frame is tidy (one row per index/column pair, ``value`` the count; None counts rows). An empty
    frame gives ``NothingToDraw`` unless the caller passes an ``ax`` to draw in."""
    if frame.empty and ax is None:
        return NothingToDraw(title)
    if value is None:
        table = pd.crosstab(frame[index].astype(str), frame[column].astype(str))
    else:
        table = frame.pivot_table(index=index, columns=column, values=value, aggfunc="sum", fill_value=0)
    table = table.sort_index().sort_index(axis=1)
    if shares:  # in percent, as in the tables
        table = table.div(table.sum(axis=1).where(lambda s: s > 0, 1), axis=0) * 100
    with matplotlib.rc_context(STYLE):
        ax = new_axes(ax, len(table))
        left = pd.Series(0.0, index=table.index)
        ys = list(range(len(table)))
        for i, col in enumerate(table.columns):
            ax.barh(
                ys,
                table[col],
                left=left,
                color=PALETTE[i % len(PALETTE)],
                label=_wrap(col, 24),
                edgecolor="white",
                linewidth=0.5,
            )
            left = left + table[col]
        ax.set_yticks(ys, [_wrap(v) for v in table.index])
        ax.invert_yaxis()
        ax.set_xlabel(xlabel)
        if shares:
            ax.set_xlim(0, 100)
        else:
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # counts: whole numbers only
        if len(table.columns):
            ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=8)
        return finish(ax, title)


def bars(
    frame: pd.DataFrame,
    label: str,
    value: str,
    title: str,
    xlabel: str,
    annotate: str | None = None,
    ax: Axes | None = None,
    percent: bool = False,
) -> Figure:
    """Horizontal bars, one per row, optionally annotated with another column's text; ``percent``
    values get a 0-100 axis, whole-number ones (counts) whole ticks. An empty frame gives
    ``NothingToDraw`` unless the caller passes an ``ax`` to draw in."""
    if frame.empty and ax is None:
        return NothingToDraw(title)
    data = frame.sort_values([value, label], kind="mergesort").reset_index(drop=True)
    with matplotlib.rc_context(STYLE):
        ax = new_axes(ax, len(data))
        ys = list(range(len(data)))
        ax.barh(ys, data[value], color=PALETTE[0])
        ax.set_yticks(ys, [_wrap(v) for v in data[label]])
        if annotate:
            for y, x, note in zip(ys, data[value], data[annotate]):
                ax.annotate(str(note), (x, y), xytext=(4, 0), textcoords="offset points", va="center", fontsize=8)
        ax.set_xlabel(xlabel)
        values = pd.to_numeric(data[value], errors="coerce").dropna()
        if percent:
            ax.set_xlim(0, 100)
        elif len(values) and (values % 1 == 0).all():  # counts, paragraphs: whole ticks
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        return finish(ax, title)
