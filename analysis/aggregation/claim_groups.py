"""Claims that several outlets share: the sentences of different documents that report the same
proposition, whoever asserts it and however hedged.

The method, in the order it runs (each step is a setting below, shown in the reports):

1. Each sentence's *claim terms* come from the per-document pipeline (``analysis.nlp.terms``):
   its content words stemmed, its numbers and acronyms, with the attribution frame (source and
   reporting verb) and the hedge and booster cues left out. "US officials said Russia may be
   buying shells" and "Russia is buying shells" keep the same terms. The words of the sources'
   names (``source_terms``) are added to the bag, so that two outlets citing the same source for
   the same content meet more easily; a different source only adds a term or two, so it does not
   keep a claim apart (measured on the claim gold: pooled pairwise F1 0.26 without, 0.29 with).
2. Sentences with fewer than ``MIN_TERMS`` terms are left out (too little to compare). A term
   that is another term of the corpus plus a demonym ending is read as that term ("iranian" as
   "iran", "russian" as "russia"), so an adjective of a name meets the name.
3. A denial (its content negated in every clause, or an attribution of denial stance) is kept apart
   from the claim it denies: the two are clustered separately.
4. IDF-weighted cosine over the terms, blocked by shared rare terms; two sentences are linked
   when their cosine reaches ``CLAIM_THRESHOLD`` and they share at least ``MIN_SHARED`` terms, and
   the linked sentences are clustered by average link cut at the same threshold
   (``claim_clustering``).
5. A claim counts when its sentences come from at least ``MIN_OUTLETS`` outlets (settable).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.aggregation.claim_clustering import centrality, cluster, distinct_items, tfidf_matrix
from analysis.aggregation.claim_profile import profile_members

MIN_TERMS = 3
MIN_SHARED = 2
DEMONYM_ENDINGS = ("ian", "an", "n", "ese", "i")
CLAIM_THRESHOLD = 0.15
MIN_OUTLETS = 2
LABEL_CHARS = 160
CLAIM_COLUMNS = [
    "claim_id",
    "doc_id",
    "sentence_id",
    "start",
    "end",
    "outlet",
    "story_date",
    "claim_label",
    "n_outlets",
    "denied",
    "text",
]


def denial_sentences(attributions: pd.DataFrame) -> set:
    """(doc_id, sentence_id) of the sentences with an attribution of denial stance."""
    if not len(attributions):
        return set()
    denials = attributions[attributions["stance"] == "denial"]
    return set(zip(denials["doc_id"], denials["sentence_id"]))


def fold_demonyms(bags: list[list[str]]) -> list[list[str]]:
    """The bags with each term that is another term of the bags plus a ``DEMONYM_ENDINGS`` ending
    (leaving at least 3 letters) replaced by that term."""
    vocabulary = {term for bag in bags for term in bag}

    def base(term: str) -> str:
        for ending in DEMONYM_ENDINGS:
            stem = term[: -len(ending)]
            if term.endswith(ending) and len(stem) >= 3 and stem in vocabulary:
                return stem
        return term

    folded = {term: base(term) for term in vocabulary}
    return [[folded[t] for t in bag] for bag in bags]


def claim_candidates(sentences: pd.DataFrame, documents: pd.DataFrame, attributions: pd.DataFrame) -> pd.DataFrame:
    """The sentences that can join a claim, with their outlet, story date, terms and polarity (none
    when the sentences table has no ``claim_terms``: tables made by hand or by an older version)."""
    if "claim_terms" not in sentences.columns:
        return sentences.iloc[0:0].assign(bag=[], denied=[], outlet=[], story_date=[])
    meta = documents[["doc_id", "outlet"] + (["story_date"] if "story_date" in documents.columns else [])]
    frame = sentences.merge(meta, on="doc_id", how="left")
    if "story_date" not in frame.columns:
        frame["story_date"] = None
    frame["outlet"] = frame["outlet"].fillna(frame["doc_id"])
    content = [terms.split() for terms in frame["claim_terms"].fillna("")]
    has_sources = "source_terms" in frame.columns
    sources = [terms.split() for terms in frame["source_terms"].fillna("")] if has_sources else [[]] * len(frame)
    frame["bag"] = fold_demonyms([c + s for c, s in zip(content, sources)])
    frame = frame[np.array([len(c) >= MIN_TERMS for c in content], dtype=bool)]
    denying = denial_sentences(attributions)
    keys = zip(frame["doc_id"], frame["sentence_id"])
    frame = frame.assign(denied=[bool(n) or k in denying for n, k in zip(frame["content_negated"], keys)])
    return frame.sort_values(["doc_id", "sentence_id"], kind="mergesort").reset_index(drop=True)


def group_claims(
    sentences: pd.DataFrame,
    documents: pd.DataFrame,
    attributions: pd.DataFrame,
    threshold: float = CLAIM_THRESHOLD,
    min_outlets: int = MIN_OUTLETS,
) -> pd.DataFrame:
    """The ``claims`` table: one row per member sentence of every claim shared by at least
    ``min_outlets`` outlets (``CLAIM_COLUMNS``), claims numbered from the most widely reported."""
    frame = claim_candidates(sentences, documents, attributions)
    if frame.empty:
        return pd.DataFrame(columns=CLAIM_COLUMNS)
    bags = list(frame["bag"])
    denials = list(frame["denied"])
    matrix, distinct = tfidf_matrix(bags), distinct_items(bags, denials)
    frame["cluster"] = cluster(bags, list(frame["doc_id"]), denials, threshold, matrix, MIN_SHARED, distinct)
    frame["central"] = centrality(matrix, frame["cluster"].tolist(), distinct)
    frame = frame[frame["cluster"] >= 0]
    n_outlets = frame.groupby("cluster")["outlet"].transform("nunique")
    frame = frame.assign(n_outlets=n_outlets)[n_outlets >= max(min_outlets, 1)]
    return _numbered(frame)


def _labels(frame: pd.DataFrame) -> dict:
    """Per cluster, the text of its most central member (ties: the first), cut to ``LABEL_CHARS``."""
    ordered = frame.sort_values(
        ["cluster", "central", "doc_id", "sentence_id"], ascending=[True, False, True, True], kind="mergesort"
    )
    best = ordered.drop_duplicates("cluster")
    return {c: _cut(" ".join(str(t).split())) for c, t in zip(best["cluster"], best["text"])}


def _cut(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1].rstrip() + "…"


def _numbered(frame: pd.DataFrame) -> pd.DataFrame:
    """Claim ids C001... from the claim with the most outlets, then the most members, then the
    earliest sentence; members in document order."""
    if frame.empty:
        return pd.DataFrame(columns=CLAIM_COLUMNS)
    order = (
        frame.groupby("cluster")
        .agg(n_outlets=("outlet", "nunique"), n=("doc_id", "size"), doc=("doc_id", "min"))
        .reset_index()
        .sort_values(["n_outlets", "n", "doc", "cluster"], ascending=[False, False, True, True], kind="mergesort")
    )
    width = max(3, len(str(len(order))))
    ids = {c: f"C{k:0{width}d}" for k, c in enumerate(order["cluster"], start=1)}
    labels = _labels(frame)
    out = frame.assign(claim_id=frame["cluster"].map(ids), claim_label=frame["cluster"].map(labels))
    out = out.sort_values(["claim_id", "doc_id", "sentence_id"], kind="mergesort").reset_index(drop=True)
    return out[CLAIM_COLUMNS]


def claims_table(analysis, threshold: float = CLAIM_THRESHOLD, min_outlets: int = MIN_OUTLETS) -> pd.DataFrame:
    """The claims an analysis's outlets share (see ``group_claims``), each member with its
    certainty profile (``claim_profile``)."""
    claims = group_claims(analysis.sentences, analysis.documents, analysis.attributions, threshold, min_outlets)
    return profile_members(claims, analysis.sentences, analysis.cues, analysis.attributions)
