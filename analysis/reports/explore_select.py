"""What ``explore`` shows, without widgets: a ``Selection`` of outlet, hedge category, source type,
side and key claim (None = all) applied to the tidy tables of an analysis.

A sentence matches when it is in the outlet, states the claim, holds a cue of the category, and
holds an attribution (by the sentence of its cue) of the source type AND side; a filter left at
"all" does not restrict. The cues and attributions kept are those of the matching sentences that
pass their own filters, so the counts add up to what the sentences show.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

import pandas as pd

from analysis.aggregation.claims import key_claims_of, unattributed_assertions
from analysis.vocabulary import HEDGE_CATEGORIES, SIDES, SOURCE_TYPES

KEY = ["doc_id", "sentence_id"]
# The filters in the order the widgets show them, with the reader's name of each.
FILTERS = {
    "outlet": "Outlet",
    "category": "Hedge category",
    "source_type": "Source type",
    "side": "Side",
    "claim": "Key claim",
}
COUNT_COLUMNS = ["outlet", "documents", "sentences", "cues", "attributions"]
TOTAL = "All outlets"


@dataclass(frozen=True)
class Selection:
    """What to show; None in a field means all."""

    outlet: str | None = None
    category: str | None = None
    source_type: str | None = None
    side: str | None = None
    claim: str | None = None

    def chosen(self) -> dict[str, str]:
        """The fields that restrict (not "all"), in widget order."""
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) is not None}


@dataclass(frozen=True)
class Frames:
    """The tables explore filters: sentences carry their outlet, file and key claim (if any)."""

    documents: pd.DataFrame
    sentences: pd.DataFrame
    cues: pd.DataFrame
    attributions: pd.DataFrame
    claims: tuple[str, ...] = ()  # the key claims of the story (empty: no claim filter)
    source: object = None  # the Analysis, whole, for the article view's marks
    key_claims: pd.DataFrame | None = None  # claims.unattributed_assertions of the whole analysis


def analysis_of(result):
    """The ``Analysis`` of an Analysis or a ReportData."""
    return getattr(result, "analysis", result)


def frames_of(result) -> Frames:
    """The Frames of an ``Analysis`` (analysis.pipeline.run) or a ``ReportData``."""
    analysis = analysis_of(result)
    docs = analysis.documents
    meta = docs[[c for c in ("doc_id", "outlet", "file") if c in docs.columns]]
    sentences = analysis.sentences.merge(meta, on="doc_id", how="left")
    claims = tuple(name for name, _ in key_claims_of(analysis)["claims"])
    stated = unattributed_assertions(analysis) if claims else pd.DataFrame(columns=KEY + ["claim", "unattributed"])
    sentences = sentences.merge(stated[KEY + ["claim"]].drop_duplicates(KEY), on=KEY, how="left")
    sentences["outlet"] = sentences["outlet"].astype(str)
    sentences = sentences.sort_values(KEY, kind="mergesort").reset_index(drop=True)
    return Frames(docs, sentences, analysis.cues, analysis.attributions, claims, analysis, stated)


def _in(frame: pd.DataFrame, keys: set) -> pd.Series:
    if frame.empty:
        return pd.Series([], dtype=bool, index=frame.index)
    return pd.Series([k in keys for k in zip(frame["doc_id"], frame["sentence_id"])], index=frame.index)


def _equal(frame: pd.DataFrame, column: str, value) -> pd.DataFrame:
    if value is None:
        return frame
    if column not in frame.columns:
        return frame.iloc[0:0]
    return frame[frame[column].astype(str) == str(value)]


def select(frames: Frames, selection: Selection) -> Frames:
    """The sentences matching ``selection``, with their cues and attributions that pass the filters."""
    sentences = _equal(_equal(frames.sentences, "outlet", selection.outlet), "claim", selection.claim)
    cues = _equal(frames.cues, "category", selection.category)
    attributions = _equal(_equal(frames.attributions, "source_type", selection.source_type), "side", selection.side)
    if selection.category is not None:
        sentences = sentences[_in(sentences, set(zip(cues["doc_id"], cues["sentence_id"])))]
    if selection.source_type is not None or selection.side is not None:
        sentences = sentences[_in(sentences, set(zip(attributions["doc_id"], attributions["sentence_id"])))]
    keys = set(zip(sentences["doc_id"], sentences["sentence_id"]))
    documents = frames.documents[frames.documents["doc_id"].isin(set(sentences["doc_id"]))]
    return replace(
        frames,
        documents=documents,
        sentences=sentences,
        cues=cues[_in(cues, keys)],
        attributions=attributions[_in(attributions, keys)],
    )


def _ordered(values, order) -> list[str]:
    present = {str(v) for v in values if v is not None and not (isinstance(v, float) and v != v)}
    return [v for v in order if v in present] + sorted(present - set(order))


def choices(frames: Frames) -> dict[str, list[str]]:
    """The values each filter offers (besides "all"): those present in the tables, in the
    vocabulary's order; no claim filter when the story has no key claims."""
    att = frames.attributions
    out = {
        "outlet": sorted(set(frames.sentences["outlet"])),
        "category": _ordered(frames.cues.get("category", []), HEDGE_CATEGORIES),
        "source_type": _ordered(att.get("source_type", []), SOURCE_TYPES),
        "side": _ordered(att.get("side", []), SIDES),
        "claim": list(frames.claims),
    }
    return out if frames.claims else {k: v for k, v in out.items() if k != "claim"}


VOCABULARY = {"category": HEDGE_CATEGORIES, "source_type": SOURCE_TYPES, "side": SIDES}


def checked(frames: Frames, selection: Selection) -> Selection:
    """``selection`` if each value it sets is in the tables or the vocabulary (a category no
    document has is a valid, empty selection); else a ValueError listing what there is."""
    offered = choices(frames)
    for name, value in selection.chosen().items():
        known = list(offered.get(name, [])) + [v for v in VOCABULARY.get(name, ()) if v not in offered.get(name, [])]
        if value not in known:
            shown = known if len(known) <= 20 else known[:20] + ["..."]
            raise ValueError(f"{FILTERS[name].lower()} {value!r} is not one of {shown}")
    return selection


def counts(selected: Frames) -> pd.DataFrame:
    """Per outlet with a matching sentence, then a total row: documents, sentences, cues and
    attributions matching."""
    outlet_of = dict(zip(selected.sentences["doc_id"], selected.sentences["outlet"]))
    rows = []
    for outlet in sorted(set(selected.sentences["outlet"])):
        docs = {d for d, o in outlet_of.items() if o == outlet}
        rows.append(_count_row(outlet, selected, docs))
    rows.append(_count_row(TOTAL, selected, set(outlet_of)))
    return pd.DataFrame(rows, columns=COUNT_COLUMNS)


def _count_row(name: str, selected: Frames, docs: set) -> dict:
    return {
        "outlet": name,
        "documents": len(docs),
        "sentences": int(selected.sentences["doc_id"].isin(docs).sum()),
        "cues": int(selected.cues["doc_id"].isin(docs).sum()) if len(selected.cues) else 0,
        "attributions": int(selected.attributions["doc_id"].isin(docs).sum()) if len(selected.attributions) else 0,
    }
