"""Rates and shares with their intervals: a dot per row, a line for its 95% interval, n beside it.

Rows without an interval (too few documents) are not drawn as if they were comparable: they go
below a dashed line, as hollow grey dots, with the reason in full beside them.
"""

from __future__ import annotations

import math

import matplotlib
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from analysis.aggregation.stats import MIN_DOCUMENTS
from analysis.reports.figure_html import STYLE, NothingToDraw, caption
from analysis.reports.plot_style import (
    APART,
    BOOTSTRAP,
    MARKERS,
    PALETTE,
    SMALL_MARK,
    apart_heading,
    finish,
    legend_below,
    lines,
    n_text,
    new_axes,
    side_note,
    wrap,
)

NO_INTERVAL = f"no interval: fewer than {MIN_DOCUMENTS} documents with data for this measure"
GAP = 0.2  # more room above the heading of the rows shown apart


def _reasons(data: pd.DataFrame, reason: str | None) -> list[str]:
    notes = data[reason] if reason and reason in data else pd.Series([""] * len(data), index=data.index)
    return [str(n) if isinstance(n, str) and n.strip() else NO_INTERVAL for n in notes]


def _n_texts(data: pd.DataFrame, counts: str | None) -> list[str]:
    if counts and counts in data:
        return [str(c) for c in data[counts]]
    if "n_documents" in data:
        return [n_text(n, "document", MIN_DOCUMENTS) for n in data["n_documents"]]
    return [""] * len(data)


def _order(frame: pd.DataFrame, label: str, rate: str, low: str, high: str, series: str | None):
    """Rows with an interval first (by rate, or by label keeping the series' order); ``_gknown``
    says whether the row's whole group (a label's series) has its intervals."""
    known = frame[[low, high]].apply(pd.to_numeric, errors="coerce").notna().all(axis=1)
    data = frame.assign(_known=known)
    data["_gknown"] = data.groupby(label)["_known"].transform("all") if series else data["_known"]
    keys, ascending = ([label], [True]) if series else ([rate, label], [False, True])
    data = data.sort_values(["_gknown", *keys], ascending=[False, *ascending], kind="mergesort")
    return data.reset_index(drop=True)


def _layout(data: pd.DataFrame, label: str, series: str | None, n_texts: list[str], reasons: list[str]):
    """Each row's position, the ticks (positions, names, notes, known), the heading's position and
    text. With ``series`` a label's rows share one tick, dodged around it."""
    if not series:
        known = list(data["_known"])
        notes, heading_text = apart_texts(n_texts, reasons, known)
        ys, heading = row_positions(known, notes)
        return ys, (ys, [str(v) for v in data[label]], notes, known), heading, heading_text, 0.7
    first = list(~data[label].duplicated())
    groups = [g for g, f in zip(data[label], first) if f]
    g_known = [bool(k) for k, f in zip(data["_gknown"], first) if f]
    pick = [(n, r) for n, r, f in zip(n_texts, reasons, first) if f]
    g_notes, heading_text = apart_texts([n for n, _ in pick], [r for _, r in pick], g_known)
    index = {s: i for i, s in enumerate(dict.fromkeys(data[series]))}
    scale = max(1.0, 0.28 * len(index))
    g_ys, heading = row_positions(g_known, g_notes)
    g_ys = [y * scale for y in g_ys]
    heading = heading * scale if heading is not None else None
    step = 0.8 * scale / len(index)
    ys = [g_ys[groups.index(g)] + (index[s] - (len(index) - 1) / 2) * step for g, s in zip(data[label], data[series])]
    return ys, (g_ys, [str(g) for g in groups], g_notes, g_known), heading, heading_text, 0.5 * scale + 0.2


def row_positions(known: list[bool], notes: list[str]) -> tuple[list[float], float | None]:
    """Row positions from the top (one unit per row, more for a note over several lines) and the
    position of the heading over the rows shown apart (None when there are none)."""
    ys, y, heading = [], 0.0, None
    for k, note in zip(known, notes):
        if not k and heading is None:
            heading = y + GAP if ys else 0.0
            y = heading + 0.9
        ys.append(y)
        y += 1.0 if k else max(1.0, 0.42 * lines(note))
    return ys, heading


def apart_texts(n_texts: list[str], reasons: list[str], known: list[bool]) -> tuple[list[str], str]:
    """The note beside each row and the heading over the rows shown apart: their reason said once
    in the heading when they share it, else in full beside each."""
    shared = {r for r, k in zip(reasons, known) if not k}
    if len(shared) == 1:
        return n_texts, f"Shown apart: {shared.pop()}"
    notes = [n if k else f"{n}\n{wrap(r, 40)}".strip() for n, r, k in zip(n_texts, reasons, known)]
    return notes, "Shown apart, no interval and not compared (the reason is beside each)"


def label_rows(ax: Axes, ys, names, notes, known, heading, heading_text, margin: float = 0.7) -> None:
    """Row names, the note beside each row, and the heading over the rows shown apart (greyed)."""
    for y, note, k in zip(ys, notes, known):
        side_note(ax, y, note, "#333333" if k else "#555555")
    ax.set_yticks(ys, [wrap(n, 28) for n in names])
    for tick, k in zip(ax.get_yticklabels(), known):
        tick.set_color("#222222" if k else "#555555")
    if heading is not None:
        apart_heading(ax, heading, heading_text, line=heading > 0)
    ax.set_ylim(max(ys, default=0) + margin, min([*ys, heading if heading is not None else 0.0]) - margin)


def _style(data: pd.DataFrame, series: str | None):
    names = list(dict.fromkeys(data[series])) if series else [None]
    return {name: (PALETTE[i % len(PALETTE)], MARKERS[i % len(MARKERS)]) for i, name in enumerate(names)}


def _draw_rows(ax: Axes, data, ys, rate, low, high, series) -> None:
    styles = _style(data, series)
    for y, row in zip(ys, data.to_dict("records")):
        name = row[series] if series else None
        colour, marker = styles[name]
        value = pd.to_numeric(row[rate], errors="coerce")
        if not row["_known"]:
            if not math.isnan(value):
                ax.plot([value], [y], marker, mfc="white", mec=APART, ms=7, mew=1.5, clip_on=False)
            continue
        lo, hi = float(row[low]), float(row[high])
        ax.errorbar(
            [value], [y], xerr=[[max(value - lo, 0)], [max(hi - value, 0)]], fmt=marker, color=colour,
            ecolor=colour, ms=7, capsize=4, elinewidth=1.6, clip_on=False,
        )  # fmt: skip


def _alt(title: str, data, rows, rate, low, high, reasons, digits: int) -> str:
    parts = []
    for row, name, reason in zip(data.to_dict("records"), rows, reasons):
        value = pd.to_numeric(row[rate], errors="coerce")
        shown = "no value" if math.isnan(value) else f"{value:.{digits}f}"
        if row["_known"]:
            parts.append(f"{name}: {shown} (95% interval {row[low]:.{digits}f} to {row[high]:.{digits}f})")
        else:
            parts.append(f"{name}: {shown}, shown apart ({reason})")
    return f"{title}. " + "; ".join(parts) + "."


def rates_with_intervals(
    frame: pd.DataFrame,
    label: str,
    rate: str,
    low: str,
    high: str,
    title: str,
    xlabel: str,
    ax: Axes | None = None,
    *,
    series: str | None = None,
    counts: str | None = None,
    reason: str | None = "note",
    percent: bool = False,
    interval: str = BOOTSTRAP,
    digits: int = 1,
    small: str = f"fewer than {MIN_DOCUMENTS} documents",
) -> Figure:
    """One row per ``label`` (per label and ``series`` when given: colour and marker by series),
    a dot at ``rate`` and a line from ``low`` to ``high``; n beside each row (``counts`` text, or
    ``n_documents``); rows without an interval apart, with their ``reason`` column in full.
    ``small`` says what the small-n mark in the n texts means. An empty frame gives
    ``NothingToDraw`` unless the caller passes an ``ax`` to draw in."""
    if frame.empty and ax is None:
        return NothingToDraw(title)
    data = _order(frame, label, rate, low, high, series)
    n_texts = _n_texts(data, counts)
    reasons = _reasons(data, reason)
    known = list(data["_known"])
    names = [f"{r[label]} · {r[series]}" if series else str(r[label]) for r in data.to_dict("records")]
    ys, ticks, heading, heading_text, margin = _layout(data, label, series, n_texts, reasons)
    notes = ticks[2]
    with matplotlib.rc_context(STYLE):
        ax = new_axes(ax, (max(ticks[0]) + 1) if ys else 1)
        _draw_rows(ax, data, ys, rate, low, high, series)
        label_rows(ax, *ticks, heading, heading_text, margin)
        ax.set_xlabel(xlabel)
        top = pd.to_numeric(data[[rate, high]].stack(), errors="coerce").max()
        if percent:
            ax.set_xlim(0, 100)
        else:  # all zero: a whole-number axis, not a meaningless 0-0.05
            ax.set_xlim(0, top * 1.05) if top > 0 else ax.set_xlim(0, 1)
        if series:
            styles = _style(data, series)
            legend_below(
                ax, [Line2D([], [], marker=m, color=c, ls="none", ms=7, label=str(n)) for n, (c, m) in styles.items()]
            )
        text = caption(
            title,
            f"Measure: {xlabel}.",
            f"Dots: the value; lines: the {interval}." if any(known) else f"No row has a {interval}.",
            "Beside each row: n." + (f" {SMALL_MARK}: {small}." if any(SMALL_MARK in n for n in notes) else ""),
            (
                "Hollow grey dots, under the heading 'Shown apart', have no interval and are not compared."
                if heading is not None
                else ""
            ),
        )
        return finish(ax, title, _alt(title, data, names, rate, low, high, reasons, digits), text)
