"""The claims comparison as HTML: how the claims were grouped (the method, with its settings), an
overview of the shared claims, and each claim's versions side by side, one block per outlet, with
the article view's marks (hedges, boosters, attributions) and the outlet's certainty rung written
out in words, so nothing relies on colour."""

from __future__ import annotations

import html

import pandas as pd

from analysis.aggregation import claim_clustering, claim_groups
from analysis.aggregation.claim_profile import RANK
from analysis.reports.article_style import STYLE as ARTICLE_STYLE
from analysis.reports.article_style import legend_html
from analysis.reports.highlight import sentences_html, view_tables
from analysis.reports.plots_claims import RUNG_NAMES

STYLE = """<style>
.nh-claim{margin:0 0 1.4em 0;break-inside:auto}
.nh-claim h3{margin:.2em 0 .3em 0;break-after:avoid;page-break-after:avoid;break-inside:avoid}
.nh-versions{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:0 1em;align-items:start}
.nh-version{margin:0 0 .8em 0;break-inside:avoid;page-break-inside:avoid;min-width:0}
.nh-version .nh-rung{font-family:sans-serif;font-size:12px;font-weight:bold;margin:0 0 .2em 0}
</style>"""


def method_html() -> str:
    """The grouping method in plain words, with the settings this run used."""
    steps = [
        "Each sentence is reduced to its content words (stemmed), numbers and acronyms. Its attribution "
        "frame (who is cited and the reporting verb) and its hedge and booster cues are left out first, "
        "so “officials said Russia may be buying shells” and “Russia is buying shells” compare as equals.",
        f"Sentences with fewer than {claim_groups.MIN_TERMS} such terms are not compared.",
        "A denial (its content negated in every clause, or a source denying) is grouped apart from the "
        "claim it denies: it is a claim of its own.",
        "Two sentences of different documents are compared when they share a rare term (used by at most "
        f"{claim_clustering.MAX_POSTINGS} sentences); their similarity is the cosine of their terms, "
        "each weighted by how rare it is in the corpus.",
        f"Two sentences are linked when their similarity is at least {claim_groups.CLAIM_THRESHOLD} and they "
        f"share at least {claim_groups.MIN_SHARED} terms. Linked sentences are grouped by average link: a group "
        f"holds together only while the mean similarity of its members is at least {claim_groups.CLAIM_THRESHOLD}.",
        "A sentence repeated word for word (the same terms, as in syndicated copy) is compared once, and "
        "every copy joins its group; copies in two or more documents are a group even with nothing else.",
        f"A group is a shared claim when its sentences come from at least {claim_groups.MIN_OUTLETS} "
        "outlets. It is labelled with its most central sentence.",
    ]
    items = "".join(f"<li>{html.escape(s)}</li>" for s in steps)
    return f"<ol class='nh-method'>{items}</ol>"


def claims_overview(profiled: pd.DataFrame) -> pd.DataFrame:
    """One row per claim: its label, outlets, members, and how many outlets state it as fact."""
    columns = ["claim_id", "claim_label", "n_outlets", "n_members", "n_outlets_fact", "is_denial"]
    if profiled.empty:
        return pd.DataFrame(columns=columns)
    fact = profiled[profiled["certainty"].isin(["fact", "boosted"])].groupby("claim_id")["outlet"].nunique()
    table = profiled.groupby("claim_id").agg(
        claim_label=("claim_label", "first"),
        n_outlets=("outlet", "nunique"),
        n_members=("doc_id", "size"),
        is_denial=("denied", "first"),
    )
    table["n_outlets_fact"] = fact.reindex(table.index).fillna(0).astype(int)
    return table.reset_index()[columns]


def top_claims(profiled: pd.DataFrame, n: int = 6, min_outlets: int = 3) -> list[str]:
    """The ids of at most ``n`` claims reported by at least ``min_outlets`` outlets (or, when none
    is, by the most outlets), most outlets first."""
    overview = claims_overview(profiled)
    wide = overview[overview["n_outlets"] >= min_outlets]
    chosen = wide if len(wide) else overview
    return list(chosen.sort_values(["n_outlets", "claim_id"], ascending=[False, True], kind="mergesort")["claim_id"])[
        :n
    ]


def claim_versions_html(analysis, profiled: pd.DataFrame, claim_id: str, assertions=None, tables=None) -> str:
    """One claim's versions side by side: per outlet (most certain first), its rung in words and
    its member sentences with the article view's marks (``tables``: ``highlight.view_tables``)."""
    members = profiled[profiled["claim_id"] == claim_id]
    if members.empty:
        return f"<p class='nh-note'>No claim {html.escape(claim_id)}.</p>"
    label = members["claim_label"].iloc[0]
    parts = [f"<div class='nh-claim'><h3>{html.escape(claim_id)}: {html.escape(label)}</h3><div class='nh-versions'>"]
    by_outlet = sorted(members.groupby("outlet"), key=lambda kv: (min(RANK[c] for c in kv[1]["certainty"]), str(kv[0])))
    for outlet, group in by_outlet:
        rungs = sorted(set(group["certainty"]), key=RANK.get)
        said = "; ".join(RUNG_NAMES[r] for r in rungs)
        sources = sorted({str(s).replace("_", " ") for s in group["source_type"].dropna()})
        cited = f" — cites: {', '.join(sources)}" if sources else ""
        chosen = group[["doc_id", "sentence_id"]]
        body = sentences_html(analysis, chosen, key_claims=assertions, legend=False, tables=tables)
        parts.append(
            f"<div class='nh-version'><p class='nh-rung'>{html.escape(str(outlet))}: "
            f"{html.escape(said)}{html.escape(cited)}</p>{body}</div>"
        )
    return "".join(parts) + "</div></div>"


def claims_comparison_html(analysis, profiled: pd.DataFrame, claim_ids: list[str], assertions=None) -> str:
    """The style, the article view's legend and the chosen claims' versions side by side."""
    if not claim_ids:
        return "<p class='nh-note'><em>No claim is shared by several outlets in this corpus.</em></p>"
    tables = view_tables(analysis, assertions)  # a document shared by several claims is read once
    blocks = "".join(claim_versions_html(analysis, profiled, c, assertions, tables) for c in claim_ids)
    return STYLE + ARTICLE_STYLE + legend_html() + blocks


BASIS_TEXT = {
    "key_claims": "The story file's key claims (named claim patterns) are checked.",
    "shared_claims": "No key claims are given, so the shared claims above are checked: a member stated as fact "
    "in the writer's own voice (no attribution, no quotation, no hedge) is an unattributed assertion.",
}


def basis_html(basis: str) -> str:
    """Which claims the unattributed assertions are about (``claims.claims_basis``), in words."""
    return f"<p>{html.escape(BASIS_TEXT[basis])}</p>"
