"""Which sentences the detectors' findings touch: hedged sentences, and sentences an attribution
covers with its content (shared by the key claims, the claim profiles and the article view)."""

from __future__ import annotations

import math
from bisect import bisect_right

import pandas as pd

from analysis.vocabulary import HEDGE_ONLY_CATEGORIES

# Cue categories that make a claim sentence hedged (approximators and boosters do not).
HEDGING_CATEGORIES = set(HEDGE_ONLY_CATEGORIES) - {"approximator"}


def hedged_sentences(cues) -> set:
    """(doc_id, sentence_id) of the sentences holding a hedge cue of HEDGING_CATEGORIES."""
    if cues is None or not len(cues):
        return set()
    if "category" in cues.columns:
        cues = cues[cues["category"].isin(HEDGING_CATEGORIES)]
    return set(zip(cues["doc_id"], cues["sentence_id"]))


def touched(bounds: list[tuple[int, int]], start: int, end: int) -> list[int]:
    """The indexes of ``bounds`` (intervals sorted by start that do not overlap, as a document's
    sentences) that the span [start, end) overlaps: a bisection, so long documents stay fast."""
    i = max(bisect_right(bounds, (start, math.inf)) - 1, 0)
    hits = []
    while i < len(bounds) and bounds[i][0] < end:
        if bounds[i][1] > start:
            hits.append(i)
        i += 1
    return hits


def covered_sentences(sentences: pd.DataFrame, attributions: pd.DataFrame) -> set:
    """(doc_id, sentence_id) of the sentences that some attribution's content spans overlap."""
    content = _content_by_doc(attributions)
    bounds: dict[str, list[tuple[int, int, object]]] = {}
    for doc_id, start, end, sid in zip(
        sentences["doc_id"], sentences["start"], sentences["end"], sentences["sentence_id"]
    ):
        if doc_id in content:
            bounds.setdefault(doc_id, []).append((start, end, sid))
    covered = set()
    for doc_id, rows in bounds.items():
        rows.sort(key=lambda row: row[0])  # stable: sentences with one start keep their order
        spans = [(start, end) for start, end, _ in rows]
        for start, end in content[doc_id]:
            covered.update((doc_id, rows[i][2]) for i in touched(spans, start, end))
    return covered


def _content_by_doc(attributions: pd.DataFrame) -> dict[str, list[tuple[int, int]]]:
    content: dict[str, list[tuple[int, int]]] = {}
    if not len(attributions) or "content_spans" not in attributions.columns:
        return content
    for doc_id, spans in zip(attributions["doc_id"], attributions["content_spans"]):
        content.setdefault(doc_id, []).extend(content_pairs(spans))
    return content


def content_pairs(spans) -> list[tuple[int, int]]:
    """Content spans as (start, end) pairs: the column holds lists, or arrays after a round trip."""
    if spans is None or (isinstance(spans, float) and pd.isna(spans)):
        return []
    return [(int(s), int(e)) for s, e in spans]
