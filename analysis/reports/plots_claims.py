"""The figure of shared claims over time: for each claim, every member sentence at its story date
on the claim's row, its marker saying how certain the outlet sounds (``CERTAINTY_LADDER``). The
marker's shape and fill carry the rung, so the figure reads in black and white."""

from __future__ import annotations

import matplotlib
import matplotlib.dates as mdates
import pandas as pd
from matplotlib.lines import Line2D

from analysis.reports.figure_html import STYLE, NothingToDraw
from analysis.reports.plot_style import PALETTE, finish, legend_below, new_axes, wrap
from analysis.vocabulary import CERTAINTY_LADDER

TITLE = "How certain each shared claim sounds, by story date"
# Rung -> (marker, filled, colour): filled shapes in the writer's voice, hollow when attributed.
RUNG_STYLE = {
    "boosted": ("^", True, PALETTE[5]),
    "fact": ("o", True, PALETTE[0]),
    "attributed": ("s", False, PALETTE[2]),
    "hedged": ("X", False, PALETTE[1]),
}
RUNG_NAMES = {
    "boosted": "stated as fact, with a booster",
    "fact": "stated as fact (writer's voice)",
    "attributed": "attributed or quoted",
    "hedged": "hedged",
}


def _dated(profiled: pd.DataFrame) -> pd.DataFrame:
    dates = pd.to_datetime(profiled["story_date"], errors="coerce") if len(profiled) else pd.Series(dtype=object)
    return profiled.assign(date=dates)[dates.notna()] if len(profiled) else profiled


def certainty_timeline(profiled: pd.DataFrame, top: int = 8):
    """A ReportFigure (or a note when nothing is dated): the ``top`` claims with the most outlets,
    one row each, members at their story date, marker by certainty rung."""
    dated = _dated(profiled)
    if dated.empty:
        return NothingToDraw(TITLE, "no member of a shared claim has a story date")
    order = list(dict.fromkeys(dated.sort_values("claim_id", kind="mergesort")["claim_id"]))[:top]
    dated = dated[dated["claim_id"].isin(order)].sort_values(["claim_id", "date", "certainty"], kind="mergesort")
    dated = dated.assign(offset=_offsets(dated))
    with matplotlib.rc_context(STYLE):
        ax = new_axes(None, 1.5 * len(order), width=6.4)
        ys = {claim: len(order) - 1 - k for k, claim in enumerate(order)}
        for rung in CERTAINTY_LADDER:
            rows = dated[dated["certainty"] == rung]
            marker, filled, colour = RUNG_STYLE[rung]
            heights = [ys[c] + o for c, o in zip(rows["claim_id"], rows["offset"])]
            ax.scatter(
                rows["date"], heights, marker=marker, s=46, linewidths=1.4,
                facecolors=colour if filled else "white", edgecolors=colour, zorder=3,
            )  # fmt: skip
        labels = dated.drop_duplicates("claim_id").set_index("claim_id")["claim_label"]
        ax.set_yticks([ys[c] for c in order], [f"{c}: {wrap(_short(labels[c]), 38)}" for c in order], fontsize=7)
        ax.set_ylim(-0.6, len(order) - 0.4)
        ax.grid(True, axis="x")
        _date_axis(ax, dated["date"])
        legend_below(ax, [_handle(r) for r in CERTAINTY_LADDER])
        alt = "; ".join(_alt_line(dated, c) for c in order)
        return finish(
            ax, TITLE, alt=f"{TITLE}. {alt}",
            caption=f"One row per claim shared by several outlets (the {len(order)} with most outlets); "
            "each mark is one outlet's sentence at its story date. Shape and fill give the certainty: "
            "filled in the writer's voice, hollow when attributed or hedged.",
        )  # fmt: skip


def _date_axis(ax, dates: pd.Series) -> None:
    """Whole days on the date axis (story dates have no time of day), a day of margin each side."""
    first, last = dates.min(), dates.max()
    ax.set_xlim(first - pd.Timedelta(days=1), last + pd.Timedelta(days=1))
    days = (last - first).days
    locator = mdates.DayLocator(interval=max(1, days // 5)) if days <= 30 else mdates.AutoDateLocator(maxticks=6)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))


def _short(label: str, limit: int = 72) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _offsets(dated: pd.DataFrame) -> list[float]:
    """Vertical offsets that set the members of one claim on one date apart, centred on the row."""
    slot = dated.groupby(["claim_id", "date"]).cumcount()
    size = dated.groupby(["claim_id", "date"])["claim_id"].transform("size")
    return [0.22 * (k - (n - 1) / 2) for k, n in zip(slot, size)]


def _handle(rung: str) -> Line2D:
    marker, filled, colour = RUNG_STYLE[rung]
    face = colour if filled else "white"
    return Line2D(
        [], [], ls="", marker=marker, markersize=7, markerfacecolor=face, markeredgecolor=colour, label=RUNG_NAMES[rung]
    )


def _alt_line(dated: pd.DataFrame, claim_id: str) -> str:
    rows = dated[dated["claim_id"] == claim_id].sort_values("date", kind="mergesort")
    steps = [f"{d:%Y-%m-%d} {c}" for d, c in zip(rows["date"], rows["certainty"])]
    return f"{claim_id}: " + ", ".join(steps)
