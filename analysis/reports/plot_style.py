"""The look shared by every report figure: the colour-blind-safe palette (Okabe-Ito), the hatches
and markers that repeat its meaning without colour, the small-n rule, and the axes helpers."""

from __future__ import annotations

import textwrap

import matplotlib
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.transforms import offset_copy

from analysis.aggregation.stats import CONFIDENCE, MIN_DOCUMENTS, N_BOOTSTRAP
from analysis.reports.display import SMALL_N as SMALL_COUNTS
from analysis.reports.figure_html import STYLE, ReportFigure

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision
# deficiency. Grey last, for "other" and for what is shown apart.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000", "#999999")
HATCHES = ("", "///", "...", "xxx", "\\\\\\", "ooo", "---", "+++", "***")  # a segment's pattern as well as its colour
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*", "h")  # a series' marker as well as its colour
APART = "#8c8c8c"  # what has too few documents for an interval
SMALL_N = SMALL_COUNTS["other"]  # a share of fewer items is marked "small n" on the chart (display.SMALL_N)
SMALL_MARK = "⚠ small n"
WIDTH = 5.2  # inches; the print CSS scales figures to the page, so this is a proportion, not a limit
BOOTSTRAP = (
    f"{round(CONFIDENCE * 100)}% document bootstrap interval (BCa, {N_BOOTSTRAP:,} resamples of whole "
    f"documents; none for fewer than {MIN_DOCUMENTS} documents)"
)


def wrap(text, width: int = 32) -> str:
    """Text broken at word boundaries into lines of at most ``width`` characters; never cut."""
    return "\n".join(textwrap.wrap(str(text), width, break_long_words=False, break_on_hyphens=False)) or str(text)


def lines(text: str) -> int:
    return str(text).count("\n") + 1


def plural(n, one: str, many: str | None = None) -> str:
    n = int(n)
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def n_text(n, unit: str, small: int = SMALL_N) -> str:
    """``n = 12 attributions``, marked when n is small."""
    text = f"n = {plural(n, unit)}"
    return f"{text}  {SMALL_MARK}" if int(n) < small else text


def new_axes(ax: Axes | None, n_rows: float, width: float = WIDTH) -> Axes:
    """The caller's ``ax``, or the axes of a new ReportFigure high enough for ``n_rows`` rows."""
    if ax is not None:
        return ax
    with matplotlib.rc_context(STYLE):
        return ReportFigure(figsize=(width, 1.3 + 0.42 * max(n_rows, 1))).add_subplot()


def finish(ax: Axes, title: str, alt: str = "", caption: str = "") -> Figure:
    """Title the axes (wrapped, never cut); give a ReportFigure its title, alt text and caption."""
    ax.set_title(wrap(title, 70), loc="left")
    fig = ax.figure
    if isinstance(fig, ReportFigure):
        fig.report_title = title
        fig.alt = alt or title
        fig.caption = caption
    return fig


def legend_below(ax: Axes, entries) -> None:
    """The legend under the axes (inside the saved image: figures are saved with a tight box), in
    as many columns as fit the width. ``entries``: the number of labelled artists, or handles."""
    handles = entries if isinstance(entries, list) else None
    if handles or (handles is None and entries):  # below the tick labels and the axis title
        below = offset_copy(ax.transAxes, fig=ax.figure, x=0, y=-38, units="points")
        ax.legend(
            **({"handles": handles} if handles else {}),
            loc="upper left",
            bbox_to_anchor=(0.0, 0.0),
            bbox_transform=below,
            ncol=min(len(handles) if handles else entries, 3),
            frameon=False,
            fontsize=8,
            handlelength=2.4,
            handleheight=1.4,
        )


def side_note(ax: Axes, y: float, text: str, color: str = "#333333") -> None:
    """Text in the column right of the axes, level with row ``y`` (the n, a small-n mark, a reason)."""
    ax.annotate(text, (1.04, y), xycoords=("axes fraction", "data"), va="center", ha="left", fontsize=8, color=color)


def apart_heading(ax: Axes, y: float, text: str, line: bool) -> None:
    """The heading over the rows shown apart (too few documents), under a dashed line when rows
    with an interval come before them."""
    if line:
        ax.axhline(y - 0.55, color=APART, ls="--", lw=0.8)
    ax.annotate(
        wrap(text, 80), (0.0, y), xycoords=("axes fraction", "data"), xytext=(3, 0), textcoords="offset points",
        va="center", ha="left", fontsize=8, color="#444444", style="italic",
        bbox={"boxstyle": "square,pad=0.15", "fc": "white", "ec": "none"},
    )  # fmt: skip
