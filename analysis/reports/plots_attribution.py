"""Figures for the attribution notebooks (03 and 07), built on the shared deterministic SVG helpers."""

from __future__ import annotations

import matplotlib
import pandas as pd

from analysis.aggregation import attribution as am
from analysis.reports.plots import STYLE, SVGFigure, _new_figure, bars, composition, rates_with_intervals, render


def source_types(analysis) -> SVGFigure:
    att = am._attributions(analysis)
    return composition(
        att, "outlet", "source_type", None, "Who is cited: source types by outlet", "share of attributions"
    )


def anonymity(analysis) -> SVGFigure:
    table = am.outlet_attribution_table(analysis).dropna(subset=["anonymous_share"])
    return rates_with_intervals(
        table,
        "outlet",
        "anonymous_share",
        "anonymous_share_ci_low",
        "anonymous_share_ci_high",
        "Anonymous sources (95% Wilson interval)",
        "% of attributions with an anonymous source",
    )


def stance_by_side(analysis) -> SVGFigure:
    table = am.stance_by_side(analysis)
    table = table[table["side"].isin(["accused", "accuser"])].copy()
    table["group"] = table["outlet"].astype(str) + " · " + table["side"]
    return composition(
        table, "group", "stance", "n", "Reporting-verb stance by the source's side", "share of that side's attributions"
    )


def denial_position(analysis) -> SVGFigure:
    den = am.denial_presence(analysis)
    den["label"] = den["outlet"].astype(str) + " (" + den["doc_id"].astype(str).str[:3] + ")"
    den["paragraph"] = pd.to_numeric(den["first_denial_paragraph"]).fillna(0)
    den["note"] = [
        f"paragraph {int(p)} of {n}" if has else "no denial"
        for p, n, has in zip(den["paragraph"], den["n_paragraphs"], den["has_denial"])
    ]
    return bars(
        den,
        "label",
        "paragraph",
        "Where the accused side's denial first appears",
        "paragraph index (0 = headline)",
        annotate="note",
    )


def citations(analysis) -> SVGFigure:
    net = am.citation_network(analysis)
    return composition(net, "outlet", "cited_media", "n", "Media cited by each outlet", "attributions", shares=False)


def unattributed(analysis) -> SVGFigure:
    table = am.unattributed_share(analysis).fillna({"unattributed_share": 0})
    table["note"] = [f"{k} of {n} claim sentences" for k, n in zip(table["n_unattributed"], table["n_claim_sentences"])]
    return bars(
        table,
        "outlet",
        "unattributed_share",
        "Key claim stated in the outlet's own voice",
        "% of key-claim sentences without attribution or hedge",
        annotate="note",
    )


def confusion(table: pd.DataFrame, title: str = "Source types: gold (rows) by predicted (columns)") -> SVGFigure:
    with matplotlib.rc_context({**STYLE, "axes.grid": False}):
        fig = _new_figure(len(table), width=7.5)
        fig.set_figheight(1.5 + 0.5 * len(table))
        ax = fig.add_subplot()
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
        ax.set_title(title, loc="left")
        return render(fig, title)
