"""Per-outlet attribution figures: who is cited and how (source types, anonymity, quotation mode,
reporting-verb stance by side), the accused side's denials and the media citation network.

Shares are pooled over an outlet's attributions, and their intervals resample whole documents
(``stats``), because the attributions of one article are not independent. Key claims and the
unattributed assertions of them are in ``claims``.
"""

from __future__ import annotations

import re

import pandas as pd

from analysis.aggregation import stats
from analysis.aggregation.claims import key_claims_of
from analysis.aggregation.claims import unattributed_assertions as unattributed_assertions
from analysis.detectors.attribution.detector import COLUMNS
from analysis.detectors.attribution.lexicon import load_source_cues
from analysis.vocabulary import ATTRIBUTION_MODES, DISPUTE_SIDES, SOURCE_TYPES, STANCES

# Ratio metrics over document_counts columns: (numerator, denominator, scale); shares in percent.
SHARE_METRICS: dict[str, stats.RatioSpec] = {
    "attributions_per_1000_words": ("n_attributions", "n_words", 1000.0),
    **{f"share_{st}": (f"n_source_{st}", "n_attributions", 100.0) for st in SOURCE_TYPES},
    "anonymous_share": ("n_anonymous", "n_attributions", 100.0),
    **{f"{mode}_share": (f"n_{mode}", "n_attributions", 100.0) for mode in ATTRIBUTION_MODES},
}
SIDE_METRICS: dict[str, stats.RatioSpec] = {
    f"{stance}_share_{side}": (f"n_{side}_{stance}", f"n_{side}", 100.0)
    for side in DISPUTE_SIDES
    for stance in ("distancing", "denial")
}
CLAIM_METRICS: dict[str, stats.RatioSpec] = {
    "docs_with_denial_share": ("has_denial", "documents", 100.0),
    "unattributed_share": ("n_unattributed", "n_claim_sentences", 100.0),
}


def attributions_with_outlet(analysis) -> pd.DataFrame:
    """The attributions table with each document's outlet."""
    frame = analysis.attributions
    if frame is None or not len(frame):
        return pd.DataFrame(columns=COLUMNS + ["outlet"])
    return frame.merge(analysis.documents[["doc_id", "outlet"]], on="doc_id", how="left")


def document_counts(analysis) -> pd.DataFrame:
    """One row per document: words, attributions, and attributions by source type, anonymity,
    mode, and side (with the side's distancing and denial stances): the counts the shares pool."""
    att = attributions_with_outlet(analysis)
    docs = analysis.documents[["doc_id", "outlet", "n_words"]].copy()
    flags = {"n_attributions": pd.Series(True, index=att.index, dtype=bool)}
    flags |= {f"n_source_{st}": att["source_type"] == st for st in SOURCE_TYPES}
    flags["n_anonymous"] = att["anonymous"].astype(bool)
    flags |= {f"n_{mode}": att["mode"] == mode for mode in ATTRIBUTION_MODES}
    for side in DISPUTE_SIDES:
        flags[f"n_{side}"] = att["side"] == side
        for stance in ("distancing", "denial"):
            flags[f"n_{side}_{stance}"] = (att["side"] == side) & (att["stance"] == stance)
    for name, flag in flags.items():
        per_doc = att.loc[flag.astype(bool), "doc_id"].value_counts()
        docs[name] = docs["doc_id"].map(per_doc).fillna(0).astype(int)
    # doc_id order, as hedging's document_metrics: intervals and tests do not depend on input order
    return docs.sort_values("doc_id", kind="mergesort").reset_index(drop=True)


def _totals(counts: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    return counts.groupby("outlet")[columns].sum().reset_index()


def outlet_attribution_table(analysis) -> pd.DataFrame:
    """Per outlet: attributions per 1,000 words and the shares of source types, anonymous sources
    and quotation modes, each with a 95% document bootstrap interval (``m_ci_low``, ``m_ci_high``);
    outlets with too few documents get no interval and a ``note``."""
    counts = document_counts(analysis)
    table = stats.outlet_ratios(counts, SHARE_METRICS)
    table = table.merge(_totals(counts, ["n_words", "n_attributions"]), on="outlet", how="left")
    first = ["outlet", "n_documents", "n_words", "n_attributions"]
    return table[first + [c for c in table.columns if c not in first]]


def source_type_shares(table: pd.DataFrame) -> pd.DataFrame:
    """Tidy from ``outlet_attribution_table``: outlet, source_type, share (percent of attributions)."""
    share_cols = [f"share_{st}" for st in SOURCE_TYPES if f"share_{st}" in table.columns]
    long = table.melt(id_vars=["outlet"], value_vars=share_cols, var_name="source_type", value_name="share")
    long["source_type"] = long["source_type"].str.removeprefix("share_")
    return long.dropna(subset=["share"]).sort_values(["outlet", "source_type"], kind="mergesort").reset_index(drop=True)


def pairwise_comparisons(analysis, metric: str = "anonymous_share", n_perm: int = stats.N_PERMUTATIONS) -> pd.DataFrame:
    """Permutation test of ``metric`` (one of SHARE_METRICS) for every pair of outlets, moving whole
    documents, with false-discovery-rate adjusted p-values."""
    if metric not in SHARE_METRICS:
        raise ValueError(f"unknown metric {metric!r}; known: {sorted(SHARE_METRICS)}")
    return stats.pairwise_comparisons(document_counts(analysis), metric, SHARE_METRICS[metric], n_perm)


def stance_by_side(analysis) -> pd.DataFrame:
    """Long table: outlet, side, stance, n, share (percent of that outlet's records for that side)."""
    att = attributions_with_outlet(analysis)
    rows = []
    for (outlet, side), group in att.groupby(["outlet", "side"], sort=True):
        for stance in STANCES:
            n = int((group["stance"] == stance).sum())
            rows.append({"outlet": outlet, "side": side, "stance": stance, "n": n, "share": 100 * n / len(group)})
    return pd.DataFrame(rows, columns=["outlet", "side", "stance", "n", "share"])


DENIAL_COLUMNS = [
    "doc_id",
    "outlet",
    "has_denial",
    "n_denials",
    "first_denial_paragraph",
    "n_paragraphs",
    "first_denial_position",
    "first_denial_text",
]


def denial_presence(analysis, claims_path=None) -> pd.DataFrame:
    """Per document: does it carry the accused side's denial, and how far down (paragraph index;
    paragraph 0 is the headline). A denial is an accused-side record with stance ``denial`` or whose
    content denies the claim ("said it had never supplied ...")."""
    att = attributions_with_outlet(analysis)
    denial_rx = key_claims_of(analysis, claims_path)["denial"]
    n_paragraphs = dict(zip(analysis.documents["doc_id"], analysis.documents["n_paragraphs"]))
    accused = att[att["side"] == "accused"]
    denies = pd.Series(
        [bool(denial_rx.search(t or "")) for t in accused["content_text"]], index=accused.index, dtype=bool
    )
    denials = accused[(accused["stance"] == "denial").astype(bool) | denies]
    found = _denials_by_document(denials)
    rows = []
    for doc_id, outlet in zip(analysis.documents["doc_id"], analysis.documents["outlet"]):
        n, first, text = found.get(doc_id, (0, None, None))
        n_par = int(n_paragraphs.get(doc_id, 0))
        rows.append(
            {
                "doc_id": doc_id,
                "outlet": outlet,
                "has_denial": bool(n),
                "n_denials": n,
                "first_denial_paragraph": first,
                "n_paragraphs": n_par,
                "first_denial_position": (first / (n_par - 1)) if first is not None and n_par > 1 else None,
                "first_denial_text": text,
            }
        )
    return pd.DataFrame(rows, columns=DENIAL_COLUMNS)


def _denials_by_document(denials: pd.DataFrame) -> dict[str, tuple[int, int, str]]:
    """Per document: its number of denials, their first paragraph and the content of the one whose
    cue comes first (the first in table order when two cues start together). One pass over the
    rows: a table per document cost more than the rest of the per-outlet tables."""
    found: dict[str, list] = {}
    columns = (denials[c] for c in ("doc_id", "paragraph", "cue_start", "content_text"))
    for doc_id, paragraph, cue_start, text in zip(*columns):
        seen = found.get(doc_id)
        if seen is None:
            found[doc_id] = [1, int(paragraph), cue_start, text]
            continue
        seen[0] += 1
        seen[1] = min(seen[1], int(paragraph))
        if cue_start < seen[2]:
            seen[2:] = [cue_start, text]
    return {doc_id: (n, first, text) for doc_id, (n, first, _, text) in found.items()}


def _media_name(source_text: str, entity: str, cues) -> str:
    named = [w for w in cues["media"].findall(source_text or "") if w not in cues["generic_media"]]
    if named:
        return re.sub(r"^the\s+", "", max(named, key=len), flags=re.IGNORECASE)
    return entity or source_text


def citation_network(analysis) -> pd.DataFrame:
    """Which media each outlet cites: outlet, cited_media, n (records with source type other_media)."""
    att = attributions_with_outlet(analysis)
    cues = load_source_cues(analysis.settings.source_cues, analysis.settings.story)
    media = att[att["source_type"] == "other_media"].copy()
    if not len(media):
        return pd.DataFrame(columns=["outlet", "cited_media", "n"])
    media["cited_media"] = [_media_name(s, e, cues) for s, e in zip(media["source_text"], media["entity"])]
    out = media.groupby(["outlet", "cited_media"]).size().reset_index(name="n")
    return out.sort_values(["outlet", "n", "cited_media"], ascending=[True, False, True], kind="mergesort").reset_index(
        drop=True
    )


def _claim_counts(denials: pd.DataFrame, assertions: pd.DataFrame) -> pd.DataFrame:
    """Per document: has_denial, its first paragraph, key-claim sentences and unattributed ones."""
    per_doc = denials[["doc_id", "has_denial", "first_denial_paragraph"]].copy()
    per_doc["documents"] = 1
    claim_sentences = assertions.groupby("doc_id").agg(
        n_claim_sentences=("unattributed", "size"), n_unattributed=("unattributed", "sum")
    )
    for column in ("n_claim_sentences", "n_unattributed"):
        per_doc[column] = per_doc["doc_id"].map(claim_sentences[column]).fillna(0).astype(int)
    return per_doc


def document_figures(analysis, claims_path=None, *, denials=None, assertions=None) -> pd.DataFrame:
    """One row per document: the counts ``outlet_metrics`` pools (``document_counts`` with the
    denial and key-claim counts). Each row depends on its own document only, so the rows of a
    corpus can be built a batch of documents at a time."""
    denials = denial_presence(analysis, claims_path) if denials is None else denials
    assertions = unattributed_assertions(analysis, claims_path) if assertions is None else assertions
    counts = document_counts(analysis).merge(_claim_counts(denials, assertions), on="doc_id", how="left")
    # a number or missing: float whichever documents a batch holds
    counts["first_denial_paragraph"] = pd.to_numeric(counts["first_denial_paragraph"]).astype(float)
    return counts


def outlet_metrics(analysis, claims_path=None, *, denials=None, assertions=None) -> pd.DataFrame:
    """One row per outlet with the attribution figures, for the ``outlet_summary`` table: the
    shares of ``outlet_attribution_table``, stance shares by side, the share of documents carrying
    the accused side's denial and of key-claim sentences stated unattributed, each with a document
    bootstrap interval. ``denials`` and ``assertions`` (from ``denial_presence`` and
    ``unattributed_assertions``) can be passed in when a notebook has them already."""
    counts = document_figures(analysis, claims_path, denials=denials, assertions=assertions)
    return outlet_metrics_from(counts, getattr(analysis, "sides_status", "unknown"))


def outlet_metrics_from(counts: pd.DataFrame, sides_status: str) -> pd.DataFrame:
    """``outlet_metrics`` from the per-document rows of ``document_figures``; ``sides_status`` is
    the analysis's (``vocabulary.SIDES_STATUSES``). Documents are taken in ``doc_id`` order, so the
    intervals do not depend on the order the rows were built in."""
    counts = counts.sort_values("doc_id", kind="mergesort")
    table = stats.outlet_ratios(counts, SHARE_METRICS | SIDE_METRICS | CLAIM_METRICS)
    totals = _totals(counts, ["n_words", "n_attributions", *(f"n_{side}" for side in DISPUTE_SIDES)])
    totals["mean_first_denial_paragraph"] = totals["outlet"].map(
        counts.groupby("outlet")["first_denial_paragraph"].agg(lambda x: pd.to_numeric(x).mean())
    )
    totals["n_claim_sentences"] = totals["outlet"].map(counts.groupby("outlet")["n_claim_sentences"].sum())
    table = table.merge(totals, on="outlet", how="left")
    return _without_unknowns(table[_summary_order(table.columns)], sides_status)


def _without_unknowns(table: pd.DataFrame, sides_status: str) -> pd.DataFrame:
    """Leave out the columns whose basis is missing: figures by side when the sides are unknown
    (no story file, none inferred), claim figures when there is no claim sentence (no key claims
    given and no claim shared by several outlets)."""
    drop = []
    if sides_status == "unknown":
        by_side = [c for c in table.columns if any(c.startswith(p) for p in ("n_accused", "n_accuser"))]
        drop += [*SIDE_METRICS, "docs_with_denial_share", "mean_first_denial_paragraph", *by_side]
    if "n_claim_sentences" in table.columns and not table["n_claim_sentences"].fillna(0).sum():
        drop += ["unattributed_share", "n_claim_sentences"]
    gone = [c for c in table.columns if any(c == d or c.startswith(f"{d}_") for d in drop)]
    table = table.drop(columns=gone)
    if sides_status != "unknown":
        table["sides"] = sides_status  # "inferred" marks figures by side that are not confirmed
    return table


def _summary_order(columns) -> list[str]:
    """Counts beside the figures they count: each side's records before its stance shares, the
    key-claim sentences before the unattributed share; notes last."""

    def metric(name: str) -> list[str]:
        return [name, f"{name}_ci_low", f"{name}_ci_high"]

    order = ["outlet", "n_documents", "n_words", "n_attributions"]
    order += [c for name in SHARE_METRICS for c in metric(name)]
    for side in DISPUTE_SIDES:
        order += [f"n_{side}", *metric(f"distancing_share_{side}"), *metric(f"denial_share_{side}")]
    order += [*metric("docs_with_denial_share"), "mean_first_denial_paragraph", "n_claim_sentences"]
    order += [*metric("unattributed_share"), "enough_documents", "note"]
    return [c for c in order if c in columns] + [c for c in columns if c not in order]
