"""The per-outlet summary as small tables by theme, outlets in rows: who is cited, how sure, and
the accused side (only when the sides are known).

The numbers are those of ``summary.outlet_summary`` (the table ``analyze`` writes); here they are
only chosen, ordered and shown with ``display.show``: each share beside the count it is a share
of, each rate with its 95% document bootstrap interval, small counts marked.
"""

from __future__ import annotations

import html

import pandas as pd

from analysis.aggregation import hedging as hedging_metrics
from analysis.aggregation.summary import outlet_summary
from analysis.reports import display
from analysis.reports.labels import SOURCE_TYPE_NAMES
from analysis.reports.sides import INFERRED, UNKNOWN, sides_status
from analysis.vocabulary import ATTRIBUTION_MODES, DISPUTE_SIDES, SOURCE_TYPES

MARK = "▶ "  # the report's own outlet, as in the figures
# Which count each share is a share of (shown in the column before it).
SHARE_BASES = {
    **{f"share_{st}": "n_attributions" for st in SOURCE_TYPES},
    "anonymous_share": "n_attributions",
    **{f"{mode}_share": "n_attributions" for mode in ATTRIBUTION_MODES},
    "hedged_sentence_share": "n_sentences",
    "quoted_hedge_share": "n_hedges",
    "docs_with_denial_share": "n_documents",
    **{f"{stance}_share_{side}": f"n_{side}" for side in DISPUTE_SIDES for stance in ("denial", "distancing")},
    "unattributed_share": "n_claim_sentences",
}
THEMES = {
    "Who is cited: source types": ["n_documents", "n_attributions", *(f"share_{st}" for st in SOURCE_TYPES)],
    "Who is cited: anonymity and quotation mode": [
        "n_documents",
        "n_attributions",
        "attributions_per_1000_words",
        "anonymous_share",
        *(f"{mode}_share" for mode in ATTRIBUTION_MODES),
    ],
    "How sure: hedges and boosters": [
        "n_documents",
        "n_words",
        "hedges_per_1000",
        "boosters_per_1000",
        "booster_to_hedge_ratio",
        "n_sentences",
        "hedged_sentence_share",
    ],
    "How sure: the writer's own voice and quoted sources": [
        "n_documents",
        "n_hedges",
        "writer_hedges_per_1000",
        "quoted_hedges_per_1000",
        "quoted_hedge_share",
    ],
    "The accused side: denials and distancing": [
        "n_documents",
        "docs_with_denial_share",
        "mean_first_denial_paragraph",
        *(c for side in DISPUTE_SIDES for c in (f"n_{side}", f"denial_share_{side}", f"distancing_share_{side}")),
    ],
    "Key claims stated without attribution": ["n_claim_sentences", "unattributed_share"],
}
# The source-type table is wide: its headers leave the unit to the note under it.
SHORT_HEADERS = {f"share_{st}": f"{name} (%)" for st, name in SOURCE_TYPE_NAMES.items()}
SIDE_THEME = "The accused side: denials and distancing"


def _columns(summary: pd.DataFrame, wanted: list[str]) -> list[str]:
    out = ["outlet"]
    for name in wanted:
        if name in summary.columns:
            out += [name] + [c for c in (f"{name}_ci_low", f"{name}_ci_high") if c in summary.columns]
    return out


def _unused_source_types(summary: pd.DataFrame) -> list[str]:
    """Source types no outlet cites (left out of the table, named in a note)."""
    cols = [f"share_{st}" for st in SOURCE_TYPES if f"share_{st}" in summary.columns]
    return [c for c in cols if not (summary[c].fillna(0) > 0).any()]


def theme_tables(analysis, highlight: str | None = None, summary: pd.DataFrame | None = None, themes=()) -> dict:
    """Title -> ``display.Table`` (or, for the side theme when the sides are unknown, a note in
    HTML). ``highlight``: the report's own outlet, marked ▶; ``summary``: the table to draw on
    (default ``outlet_summary``); ``themes``: only the themes whose titles start so (default all)."""
    summary = outlet_summary(analysis) if summary is None else summary
    if highlight is not None:
        summary = summary.assign(outlet=[f"{MARK}{o}" if o == highlight else o for o in summary["outlet"]])
    status = sides_status(analysis)
    out: dict = {}
    for title, wanted in THEMES.items():
        if themes and not title.startswith(tuple(themes)):
            continue
        notes = []
        if title.startswith("Who is cited: source"):
            unused = _unused_source_types(summary)
            wanted = [c for c in wanted if c not in unused]
            if unused:
                names = ", ".join(SOURCE_TYPE_NAMES[c.removeprefix("share_")].lower() for c in unused)
                notes.append(html.escape(f"Not shown, as no outlet cites them: {names}."))
        if title == SIDE_THEME:
            if status == "unknown":
                out[title] = f'<p class="nh-note">{html.escape(UNKNOWN)}</p>'
                continue
            if status == "inferred":
                title = f"{title} ({INFERRED})"
        columns = _columns(summary, wanted)
        if len(columns) == 1:
            continue  # a theme without figures (no key claims given): its section says why
        notes.append("Shares in percent of the count in the column before them; 95% intervals in brackets.")
        headers = SHORT_HEADERS if title.startswith("Who is cited: source") else None
        out[title] = display.show(summary[columns], n=SHARE_BASES, inline=False, notes=notes, headers=headers)
    return out


def show_themes(analysis, highlight: str | None = None, themes=(), summary=None, level: int = 3) -> None:
    """Display each theme under its own heading (for the notebooks); arguments as ``theme_tables``."""
    from IPython.display import HTML
    from IPython.display import display as ipy_display

    for title, shown in theme_tables(analysis, highlight, summary, themes).items():
        body = shown if isinstance(shown, display.Table) else HTML(shown)
        ipy_display(HTML(f"<h{level}>{html.escape(title)}</h{level}>"), body)


def rate_table(outlets: pd.DataFrame, metric: str) -> display.Table:
    """One metric of ``hedging.outlet_metrics`` per outlet, with its interval and note."""
    table = hedging_metrics.rate_table(outlets, metric)
    names = {"value": metric, "ci_low": f"{metric}_ci_low", "ci_high": f"{metric}_ci_high"}
    return display.show(table.rename(columns=names), n=SHARE_BASES, inline=False)
