"""Per-outlet attribution figures, the accused side's denials, the media citation network and
unattributed assertions of the story's key claims. All functions take an ``Analysis``."""

from __future__ import annotations

import math
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pandas as pd
import yaml

from analysis.datafiles import file_stamp
from analysis.detectors.attribution.detector import COLUMNS
from analysis.detectors.attribution.lexicon import load_source_cues, settings_path
from analysis.vocabulary import SOURCE_TYPES, STANCES

GENERIC_MEDIA = {
    "media",
    "press",
    "channel",
    "network",
    "daily",
    "outlet",
    "news outlet",
    "newspaper",
    "broadcaster",
    "news channel",
    "news agency",
    "magazine",
    "tabloid",
}


def _attributions(analysis) -> pd.DataFrame:
    frame = analysis.attributions
    if frame is None or not len(frame):
        return pd.DataFrame(columns=COLUMNS + ["outlet"])
    return frame.merge(analysis.documents[["doc_id", "outlet"]], on="doc_id", how="left")


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """95% Wilson score interval of a share k/n, in percent (nan when n = 0)."""
    if n == 0:
        return math.nan, math.nan
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return 100 * max(0.0, centre - half), 100 * min(1.0, centre + half)


def load_key_claims(path: str | None = None) -> dict:
    """Key-claim patterns (``data/key_claims.yaml`` or a user file), compiled; an edited file is read again."""
    return _load_key_claims(path, file_stamp(path))


@lru_cache(maxsize=8)
def _load_key_claims(path: str | None, stamp) -> dict:
    if path is None:
        text, where = (
            resources.files("analysis").joinpath("data/key_claims.yaml").read_text("utf-8"),
            "bundled key_claims.yaml",
        )
    else:
        if not Path(path).is_file():
            raise FileNotFoundError(f"{path}: no such key-claims file")
        text, where = Path(path).read_text(encoding="utf-8"), str(path)
    data = yaml.safe_load(text) or {}
    claims = []
    for claim in data.get("claims") or []:
        if not claim.get("name") or not claim.get("all_of"):
            raise ValueError(f"{where}: each claim needs a name and an all_of mapping")
        try:
            groups = {k: re.compile(v, re.IGNORECASE) for k, v in claim["all_of"].items()}
        except re.error as exc:
            raise ValueError(f"{where}: claim {claim['name']!r} has a bad pattern: {exc}") from exc
        claims.append((claim["name"], groups))
    if not claims:
        raise ValueError(f"{where}: no claims")
    denial = re.compile(data.get("denial_content") or r"\bnever\b", re.IGNORECASE)
    return {"claims": claims, "denial": denial, "version": str(data.get("version", "unversioned"))}


def _claims_path(analysis, claims_path):
    if claims_path is not None:
        return str(claims_path)
    settings = getattr(analysis, "settings", None)
    return settings_path(settings, "key_claims") if settings is not None else None


def claim_of(text: str, claims) -> str | None:
    for name, groups in claims:
        if all(rx.search(text) for rx in groups.values()):
            return name
    return None


def outlet_attribution_table(analysis) -> pd.DataFrame:
    """Counts and shares by outlet: attributions per 1,000 words, source types, anonymity, mode."""
    att = _attributions(analysis)
    docs = analysis.documents
    rows = []
    for outlet, group in docs.groupby("outlet", sort=True):
        a = att[att["outlet"] == outlet]
        n, words = len(a), int(group["n_words"].sum())
        row = {
            "outlet": outlet,
            "n_documents": len(group),
            "n_words": words,
            "n_attributions": n,
            "attributions_per_1000_words": 1000 * n / words if words else math.nan,
        }
        for st in SOURCE_TYPES:
            row[f"share_{st}"] = 100 * (a["source_type"] == st).mean() if n else math.nan
        k = int(a["anonymous"].astype(bool).sum()) if n else 0
        row["anonymous_share"] = 100 * k / n if n else math.nan
        row["anonymous_share_ci_low"], row["anonymous_share_ci_high"] = wilson(k, n)
        for mode in ("direct", "indirect", "mixed"):
            row[f"{mode}_share"] = 100 * (a["mode"] == mode).mean() if n else math.nan
        rows.append(row)
    return pd.DataFrame(rows)


def stance_by_side(analysis) -> pd.DataFrame:
    """Long table: outlet, side, stance, n, share (percent of that outlet's records for that side)."""
    att = _attributions(analysis)
    rows = []
    for (outlet, side), group in att.groupby(["outlet", "side"], sort=True):
        for stance in STANCES:
            n = int((group["stance"] == stance).sum())
            rows.append({"outlet": outlet, "side": side, "stance": stance, "n": n, "share": 100 * n / len(group)})
    return pd.DataFrame(rows, columns=["outlet", "side", "stance", "n", "share"])


def denial_presence(analysis, claims_path=None) -> pd.DataFrame:
    """Per document: does it carry the accused side's denial, and how far down (paragraph index;
    paragraph 0 is the headline). A denial is an accused-side record with stance ``denial`` or whose
    content denies the claim ("said it had never supplied ...")."""
    att = _attributions(analysis)
    denial_rx = load_key_claims(_claims_path(analysis, claims_path))["denial"]
    n_paragraphs = dict(zip(analysis.documents["doc_id"], analysis.documents["n_paragraphs"]))
    rows = []
    for doc_id, outlet in zip(analysis.documents["doc_id"], analysis.documents["outlet"]):
        a = att[(att["doc_id"] == doc_id) & (att["side"] == "accused")]
        denies = pd.Series([bool(denial_rx.search(t or "")) for t in a["content_text"]], index=a.index, dtype=bool)
        is_denial = (a["stance"] == "denial").astype(bool) | denies
        d = a[is_denial]
        first = int(d["paragraph"].min()) if len(d) else None
        n_par = int(n_paragraphs.get(doc_id, 0))
        rows.append(
            {
                "doc_id": doc_id,
                "outlet": outlet,
                "has_denial": bool(len(d)),
                "n_denials": int(len(d)),
                "first_denial_paragraph": first,
                "n_paragraphs": n_par,
                "first_denial_position": (first / (n_par - 1)) if first is not None and n_par > 1 else None,
                "first_denial_text": d.sort_values("cue_start")["content_text"].iloc[0] if len(d) else None,
            }
        )
    return pd.DataFrame(rows)


def _media_name(source_text: str, entity: str, cues) -> str:
    named = [w for w in cues["media"].findall(source_text or "") if w.lower() not in GENERIC_MEDIA]
    if named:
        return re.sub(r"^the\s+", "", max(named, key=len), flags=re.IGNORECASE)
    return entity or source_text


def citation_network(analysis) -> pd.DataFrame:
    """Which media each outlet cites: outlet, cited_media, n (records with source type other_media)."""
    att = _attributions(analysis)
    cues = load_source_cues(settings_path(analysis.settings, "attribution_sources"))
    media = att[att["source_type"] == "other_media"].copy()
    if not len(media):
        return pd.DataFrame(columns=["outlet", "cited_media", "n"])
    media["cited_media"] = [_media_name(s, e, cues) for s, e in zip(media["source_text"], media["entity"])]
    out = media.groupby(["outlet", "cited_media"]).size().reset_index(name="n")
    return out.sort_values(["outlet", "n", "cited_media"], ascending=[True, False, True], kind="mergesort").reset_index(
        drop=True
    )


def unattributed_assertions(analysis, claims_path=None) -> pd.DataFrame:
    """Sentences in the outlet's own voice stating a key claim as fact: the sentence matches a claim
    pattern, no attribution has its cue in the sentence or content covering it, most of it is not
    inside quotation marks (the sentences table's ``in_quote``), and it holds no hedge cue. One row per
    key-claim sentence with the flag ``unattributed``, so shares are easy to take."""
    claims = load_key_claims(_claims_path(analysis, claims_path))["claims"]
    sentences = analysis.sentences.merge(analysis.documents[["doc_id", "outlet"]], on="doc_id", how="left")
    att = analysis.attributions if len(analysis.attributions) else pd.DataFrame(columns=COLUMNS)
    cues = (
        analysis.cues
        if analysis.cues is not None and len(analysis.cues)
        else pd.DataFrame(columns=["doc_id", "sentence_id"])
    )
    hedge_cats = {"epistemic", "doxastic", "evidential", "disclaimer"}
    if "category" in cues.columns:
        cues = cues[cues["category"].isin(hedge_cats)]
    hedged = set(zip(cues["doc_id"], cues["sentence_id"]))
    cue_sentences = set(zip(att["doc_id"], att["sentence_id"]))
    covered: dict[str, list] = {}
    for doc_id, spans in zip(att["doc_id"], att["content_spans"]):
        covered.setdefault(doc_id, []).extend(list(map(tuple, spans)) if spans is not None else [])
    rows = []
    for row in sentences.itertuples(index=False):
        claim = claim_of(row.text, claims)
        if claim is None:
            continue
        in_quote = bool(row.in_quote)  # mostly inside quotation marks, judged on the whole document
        attributed = (row.doc_id, row.sentence_id) in cue_sentences or any(
            s < row.end and e > row.start for s, e in covered.get(row.doc_id, [])
        )
        is_hedged = (row.doc_id, row.sentence_id) in hedged
        rows.append(
            {
                "doc_id": row.doc_id,
                "outlet": row.outlet,
                "sentence_id": row.sentence_id,
                "paragraph": row.paragraph,
                "is_headline": row.is_headline,
                "start": row.start,
                "end": row.end,
                "text": row.text,
                "claim": claim,
                "attributed": attributed,
                "in_quote": in_quote,
                "hedged": is_hedged,
                "unattributed": not (attributed or in_quote or is_hedged),
            }
        )
    columns = [
        "doc_id",
        "outlet",
        "sentence_id",
        "paragraph",
        "is_headline",
        "start",
        "end",
        "text",
        "claim",
        "attributed",
        "in_quote",
        "hedged",
        "unattributed",
    ]
    return pd.DataFrame(rows, columns=columns)


def unattributed_share(analysis, claims_path=None) -> pd.DataFrame:
    """Per outlet: key-claim sentences, how many are unattributed assertions, and the share."""
    table = unattributed_assertions(analysis, claims_path)
    rows = []
    for outlet in sorted(analysis.documents["outlet"].unique()):
        t = table[table["outlet"] == outlet]
        n, k = len(t), int(t["unattributed"].sum())
        rows.append(
            {
                "outlet": outlet,
                "n_claim_sentences": n,
                "n_unattributed": k,
                "unattributed_share": 100 * k / n if n else math.nan,
                "unattributed_in_headline": bool(t[t["unattributed"]]["is_headline"].any()) if n else False,
            }
        )
    return pd.DataFrame(rows)


def outlet_metrics(analysis, claims_path=None) -> pd.DataFrame:
    """One row per outlet with the attribution figures, for the lead's ``outlet_summary`` table."""
    base = outlet_attribution_table(analysis)
    att = _attributions(analysis)
    extra = []
    for outlet in base["outlet"]:
        a = att[att["outlet"] == outlet]
        row = {"outlet": outlet}
        for side in ("accused", "accuser"):
            s = a[a["side"] == side]
            row[f"n_{side}"] = len(s)
            row[f"distancing_share_{side}"] = 100 * (s["stance"] == "distancing").mean() if len(s) else math.nan
            row[f"denial_share_{side}"] = 100 * (s["stance"] == "denial").mean() if len(s) else math.nan
        extra.append(row)
    extra = pd.DataFrame(
        extra,
        columns=["outlet"]
        + [f"{k}_{s}" for s in ("accused", "accuser") for k in ("n", "distancing_share", "denial_share")],
    )
    den = denial_presence(analysis, claims_path)
    den_out = (
        den.groupby("outlet")
        .agg(
            docs_with_denial_share=("has_denial", lambda x: 100 * x.mean()),
            mean_first_denial_paragraph=("first_denial_paragraph", lambda x: pd.to_numeric(x).mean()),
        )
        .reset_index()
    )
    unat = unattributed_share(analysis, claims_path)[["outlet", "n_claim_sentences", "unattributed_share"]]
    out = base.merge(extra, on="outlet", how="left").merge(den_out, on="outlet", how="left")
    return out.merge(unat, on="outlet", how="left")
