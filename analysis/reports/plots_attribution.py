"""Figures for the attribution notebooks (03 and 07), built on the shared deterministic SVG helpers.

Each takes a table computed by ``aggregation.attribution`` or ``aggregation.claims`` and an
optional ``ax``, and returns the matplotlib Figure."""

from __future__ import annotations

import matplotlib
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from analysis.aggregation.attribution import source_type_shares
from analysis.reports.plots import STYLE, bars, composition, finish, new_axes, rates_with_intervals
from analysis.reports.sides import side_title
from analysis.vocabulary import DISPUTE_SIDES


def source_types(outlets: pd.DataFrame, ax: Axes | None = None) -> Figure:
    """Source types by outlet; ``outlets`` is ``outlet_attribution_table`` or ``outlet_metrics``."""
    shares = source_type_shares(outlets)
    title = "Who is cited: source types by outlet"
    return composition(shares, "outlet", "source_type", "share", title, "% of attributions", ax=ax)


def anonymity(outlets: pd.DataFrame, ax: Axes | None = None) -> Figure:
    """Anonymous share per outlet with its document bootstrap interval (none for too few documents)."""
    return rates_with_intervals(
        outlets.dropna(subset=["anonymous_share"]),
        "outlet",
        "anonymous_share",
        "anonymous_share_ci_low",
        "anonymous_share_ci_high",
        "Anonymous sources (95% document bootstrap interval)",
        "% of attributions with an anonymous source",
        ax=ax,
    )


def stance_by_side(stances: pd.DataFrame, ax: Axes | None = None, sides: str = "story_file") -> Figure:
    """Stance shares of the accused and accusing sides per outlet; ``stances`` is ``stance_by_side``;
    ``sides`` says where the sides come from (the title marks inferred ones)."""
    table = stances[stances["side"].isin(DISPUTE_SIDES)].copy()
    table["group"] = table["outlet"].astype(str) + " · " + table["side"]
    title = side_title("Reporting-verb stance by the source's side", sides)
    return composition(table, "group", "stance", "n", title, "% of that side's attributions", ax=ax)


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
    return bars(den, "label", "paragraph", title, "paragraph index (0 = headline)", annotate="note", ax=ax)


def citations(network: pd.DataFrame, ax: Axes | None = None) -> Figure:
    """Media cited by each outlet; ``network`` is ``citation_network``."""
    title = "Media cited by each outlet"
    return composition(network, "outlet", "cited_media", "n", title, "attributions", shares=False, ax=ax)


def unattributed(shares: pd.DataFrame, ax: Axes | None = None) -> Figure:
    """Share of key-claim sentences stated unattributed; ``shares`` is ``claims.unattributed_share``."""
    table = shares.fillna({"unattributed_share": 0})
    table["note"] = [f"{k} of {n} claim sentences" for k, n in zip(table["n_unattributed"], table["n_claim_sentences"])]
    return bars(
        table,
        "outlet",
        "unattributed_share",
        "Key claim stated in the outlet's own voice",
        "% of key-claim sentences without attribution or hedge",
        annotate="note",
        percent=True,
        ax=ax,
    )


def confusion(
    table: pd.DataFrame, title: str = "Source types: gold (rows) by predicted (columns)", ax: Axes | None = None
) -> Figure:
    """Gold by predicted counts as a heat map."""
    with matplotlib.rc_context({**STYLE, "axes.grid": False}):
        if ax is None:
            ax = new_axes(None, len(table))
            ax.figure.set_figheight(1.5 + 0.5 * len(table))
        ax.imshow(table.values, cmap="Blues")
        ax.set_xticks(range(len(table.columns)), [str(c) for c in table.columns], rotation=45, ha="right")
        ax.set_yticks(range(len(table.index)), [str(i) for i in table.index])
        for y in range(len(table.index)):
            for x in range(len(table.columns)):
                value = int(table.values[y, x])
                if value:
                    ax.text(x, y, str(value), ha="center", va="center", fontsize=8)
        ax.set_xlabel("predicted")
        ax.set_ylabel("gold")
        return finish(ax, title)
