"""Figures for the attribution notebooks (03 and 07), built on ``plots``.

Each takes a table computed by ``aggregation.attribution`` or ``aggregation.claims`` and an
optional ``ax``, and returns the matplotlib Figure. Shares carry their 95% document bootstrap
intervals: on the chart for one share per outlet, in the caption's table for a composition.
``outlets`` is ``attribution.outlet_metrics`` (or ``outlet_attribution_table``)."""

from __future__ import annotations

import matplotlib
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from analysis.aggregation.attribution import source_type_shares
from analysis.aggregation.stats import MIN_DOCUMENTS
from analysis.reports.figure_html import STYLE, caption
from analysis.reports.labels import SOURCE_TYPE_NAMES, label
from analysis.reports.plot_style import SMALL_MARK, SMALL_N, finish, new_axes, plural
from analysis.reports.plots import bars, composition, rates_with_intervals
from analysis.reports.sides import side_title
from analysis.vocabulary import DISPUTE_SIDES, SOURCE_TYPES, STANCES

SHARE_OF_ATTRIBUTIONS = f"{label('n_attributions')} (%)"


def share_counts(outlets: pd.DataFrame, denominator: str, unit: str) -> list[str]:
    """n beside a share: the outlet's documents and the count the share is of, marked when small."""
    out = []
    for row in outlets.to_dict("records"):
        n = int(row.get(denominator) or 0)
        docs = f"{plural(row['n_documents'], 'document')}, " if "n_documents" in row else ""
        out.append(f"n = {docs}{plural(n, unit)}" + (f"  {SMALL_MARK}" if n < SMALL_N else ""))
    return out


def share_reasons(outlets: pd.DataFrame, denominator: str, unit: str) -> list[str]:
    """Why an outlet's share has no interval: its note, or no items to share out."""
    notes = outlets["note"] if "note" in outlets else pd.Series([""] * len(outlets), index=outlets.index)
    return [
        f"no {unit}s, so no share" if not (n or 0) else (note if isinstance(note, str) and note else "")
        for n, note in zip(outlets.get(denominator, pd.Series([1] * len(outlets))), notes)
    ]


def share_figure(outlets, metric, denominator, unit, title, ax=None, small_what="") -> Figure:
    """One share per outlet (``metric`` of ``outlets``) with its interval; n beside it."""
    table = outlets.copy()
    for suffix in ("_ci_low", "_ci_high"):
        if f"{metric}{suffix}" not in table:
            table[f"{metric}{suffix}"] = float("nan")
    table["n_text"] = share_counts(table, denominator, unit)
    table["reason"] = share_reasons(table, denominator, unit)
    return rates_with_intervals(
        table, "outlet", metric, f"{metric}_ci_low", f"{metric}_ci_high", title, label(metric), ax=ax,
        counts="n_text", reason="reason", percent=True, small=small_what or f"fewer than {SMALL_N} {unit}s",
    )  # fmt: skip


def _apart(outlets: pd.DataFrame) -> dict:
    if "enough_documents" not in outlets:
        return {}
    few = outlets[~outlets["enough_documents"].astype(bool)]
    return {o: (n or f"fewer than {MIN_DOCUMENTS} documents: no interval") for o, n in zip(few["outlet"], few["note"])}


def source_types(outlets: pd.DataFrame, ax: Axes | None = None) -> Figure:
    """Source types by outlet (percent of its attributions); the intervals go in the caption's table."""
    shares = source_type_shares(outlets)
    present = [st for st in SOURCE_TYPES if f"share_{st}" in outlets and f"share_{st}_ci_low" in outlets]
    intervals = pd.DataFrame(
        [
            {"outlet": r["outlet"], "type": st, "value": r[f"share_{st}"], "ci_low": r[f"share_{st}_ci_low"],
             "ci_high": r[f"share_{st}_ci_high"]}
            for r in outlets.to_dict("records") for st in present if pd.notna(r[f"share_{st}"])
        ],
        columns=["outlet", "type", "value", "ci_low", "ci_high"],
    )  # fmt: skip
    totals = dict(zip(outlets["outlet"], outlets["n_attributions"])) if "n_attributions" in outlets else {}
    return composition(
        shares, "outlet", "source_type", "share", "Who is cited: source types by outlet", SHARE_OF_ATTRIBUTIONS,
        ax=ax, totals=totals, unit="attribution", intervals=intervals.rename(columns={"type": "source_type"}),
        apart=_apart(outlets), names=SOURCE_TYPE_NAMES,
    )  # fmt: skip


def anonymity(outlets: pd.DataFrame, ax: Axes | None = None) -> Figure:
    """Anonymous share per outlet with its document bootstrap interval (apart: too few documents)."""
    title = "Anonymous sources, by outlet"
    return share_figure(outlets, "anonymous_share", "n_attributions", "attribution", title, ax=ax)


def side_intervals(outlets: pd.DataFrame, groups) -> pd.DataFrame:
    """Tidy intervals of the distancing and denial shares of each side: group, stance, value, ci."""
    rows = []
    for r in outlets.to_dict("records"):
        for side in DISPUTE_SIDES:
            for stance in ("distancing", "denial"):
                name = f"{stance}_share_{side}"
                group = groups(r["outlet"], side)
                if name in r and pd.notna(r[name]) and group is not None:
                    rows.append(
                        {"group": group, "stance": stance, "value": r[name],
                         "ci_low": r.get(f"{name}_ci_low"), "ci_high": r.get(f"{name}_ci_high")}
                    )  # fmt: skip
    return pd.DataFrame(rows, columns=["group", "stance", "value", "ci_low", "ci_high"])


def stance_by_side(
    stances: pd.DataFrame, ax: Axes | None = None, sides: str = "story_file", intervals: pd.DataFrame | None = None
) -> Figure:
    """Stance shares of the accused and accusing sides per outlet; ``stances`` is ``stance_by_side``;
    ``sides`` says where the sides come from (the title marks inferred ones); ``intervals`` (the
    outlet table) adds the intervals of the distancing and denial shares to the caption's table."""
    table = stances[stances["side"].isin(DISPUTE_SIDES)].copy()
    table["group"] = table["outlet"].astype(str) + " · " + table["side"]
    title = side_title("Reporting-verb stance by the source's side", sides)
    tidy = None
    if intervals is not None:
        tidy = side_intervals(intervals, lambda outlet, side: f"{outlet} · {side}")
        tidy = tidy[tidy["group"].isin(set(table["group"]))]
    extra = "Intervals exist for the distancing and denial shares only." if tidy is not None else ""
    few = _apart(intervals) if intervals is not None else {}
    apart = {g: few[o] for g, o in zip(table["group"], table["outlet"]) if o in few}
    return composition(
        table, "group", "stance", "n", title, f"{label('stance')}: % of that side's attributions", ax=ax,
        unit="attribution", intervals=tidy, extra=extra, categories=STANCES, apart=apart,
    )  # fmt: skip


def denial_position(denials: pd.DataFrame, ax: Axes | None = None, sides: str = "story_file") -> Figure:
    """Paragraph of each document's first denial; ``denials`` is ``denial_presence``; ``sides`` says
    where the sides come from (the title marks inferred ones)."""
    den = denials.copy()
    den["label"] = den["outlet"].astype(str) + " (" + den["doc_id"].astype(str).str[:3] + ")"
    den["paragraph"] = pd.to_numeric(den["first_denial_paragraph"]).fillna(0)
    den["note"] = [
        f"paragraph {int(p)} of {n}" if has else "no denial"
        for p, n, has in zip(den["paragraph"], den["n_paragraphs"], den["has_denial"])
    ]
    title = side_title("Where the accused side's denial first appears", sides)
    describe = f"One bar per document ({len(den)}); a document without a denial has no bar and says so."
    return bars(den, "label", "paragraph", title, label("first_denial_paragraph") + " (0 = headline)",
                annotate="note", ax=ax, describe=describe)  # fmt: skip


def citations(network: pd.DataFrame, ax: Axes | None = None) -> Figure:
    """Media cited by each outlet; ``network`` is ``citation_network``."""
    title = "Media cited by each outlet"
    return composition(network, "outlet", "cited_media", "n", title, label("n_source_other_media"), shares=False,
                       ax=ax, unit="attribution")  # fmt: skip


def unattributed(shares: pd.DataFrame, ax: Axes | None = None, intervals: pd.DataFrame | None = None) -> Figure:
    """Share of key-claim sentences stated unattributed; ``shares`` is ``claims.unattributed_share``;
    ``intervals`` (the outlet table) gives its document bootstrap interval and documents."""
    table = shares.copy()
    if intervals is not None:
        keep = [c for c in intervals.columns if c.startswith("unattributed_share_ci") or c in ("n_documents", "note")]
        table = table.merge(intervals[["outlet", *keep]], on="outlet", how="left")
    else:
        table["note"] = "no interval: the per-document counts were not given"
    title = "Key claim stated in the outlet's own voice"
    return share_figure(table, "unattributed_share", "n_claim_sentences", "claim sentence", title, ax=ax)


def confusion(
    table: pd.DataFrame, title: str = "Source types: gold (rows) by predicted (columns)", ax: Axes | None = None
) -> Figure:
    """Gold by predicted counts as a heat map, each cell's count written in it."""
    with matplotlib.rc_context({**STYLE, "axes.grid": False}):
        if ax is None:
            ax = new_axes(None, len(table))
            ax.figure.set_figheight(1.5 + 0.5 * len(table))
        values = table.values.astype(int)
        ax.imshow(values, cmap="Blues")
        ax.set_xticks(range(len(table.columns)), [str(c) for c in table.columns], rotation=45, ha="right")
        ax.set_yticks(range(len(table.index)), [str(i) for i in table.index])
        top = values.max() if values.size else 0
        for y in range(len(table.index)):
            for x in range(len(table.columns)):
                if values[y, x]:
                    dark = values[y, x] > top / 2
                    ax.text(x, y, str(values[y, x]), ha="center", va="center", fontsize=8,
                            color="white" if dark else "black")  # fmt: skip
        ax.set_xlabel(label("predicted"))
        ax.set_ylabel(label("gold"))
        n = int(values.sum())
        right = int(values.trace()) if values.shape[0] == values.shape[1] else 0
        alt = f"Heat map, {title}: {right} of {n} matched pairs on the diagonal (same type)."
        text = caption(
            title, f"Counts of matched attributions, n = {n}; darker is more; each count is written in its cell."
        )
        return finish(ax, title, alt, text)
