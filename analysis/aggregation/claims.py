"""The story's key claims (from its story file, or a key-claims file) and the sentences that state
one in the outlet's own voice: no attribution, no quotation marks, no hedge."""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from functools import lru_cache

import pandas as pd

from analysis.datafiles import file_stamp, read_data_file
from analysis.detectors.attribution.detector import COLUMNS
from analysis.story import GENERIC_DENIAL_CONTENT, claim_of, compile_key_claims, load_story
from analysis.vocabulary import HEDGE_ONLY_CATEGORIES

SENTENCE_COLUMNS = ["doc_id", "outlet", "sentence_id", "paragraph", "is_headline", "start", "end", "text"]
ASSERTION_COLUMNS = SENTENCE_COLUMNS + ["claim", "attributed", "in_quote", "hedged", "unattributed"]
# Cue categories that make a claim sentence hedged (approximators and boosters do not).
HEDGING_CATEGORIES = set(HEDGE_ONLY_CATEGORIES) - {"approximator"}


def load_key_claims(path: str | None = None, story: str | None = None) -> dict:
    """Key-claim patterns, compiled: from a key-claims file (``path``, the format of a story file's
    ``key_claims``) if given, else from the story file ``story``, else none (``claims`` empty).
    An edited file is read again."""
    if path is not None:
        return _load_key_claims(path, file_stamp(path))
    compiled = load_story(story).compiled_claims if story is not None else None
    return compiled or {"claims": [], "denial": re.compile(GENERIC_DENIAL_CONTENT, re.IGNORECASE), "version": None}


@lru_cache(maxsize=8)
def _load_key_claims(path: str, stamp) -> dict:
    data = read_data_file(path, "unused")
    return compile_key_claims(data.yaml() or {}, data.error, data.item_lines("claims"))


def key_claims_of(analysis, path=None) -> dict:
    """The compiled key claims of an analysis: ``path`` if given, else its settings' key-claims
    file, else its story file's key claims (none without a story)."""
    settings = getattr(analysis, "settings", None)
    if path is None and settings is not None:
        path = settings.key_claims
    return load_key_claims(None if path is None else str(path), getattr(settings, "story", None))


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
    covered = set()
    for doc_id, group in sentences[sentences["doc_id"].isin(content)].groupby("doc_id", sort=False):
        group = group.sort_values("start", kind="mergesort")
        bounds, ids = list(zip(group["start"], group["end"])), list(group["sentence_id"])
        for start, end in content[doc_id]:
            covered.update((doc_id, ids[i]) for i in touched(bounds, start, end))
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


def unattributed_assertions(analysis, claims_path=None) -> pd.DataFrame:
    """Sentences in the outlet's own voice stating a key claim as fact: the sentence matches a claim
    pattern, no attribution has its cue in the sentence or content covering it, most of it is not
    inside quotation marks (the sentences table's ``in_quote``), and it holds no hedge cue. One row per
    key-claim sentence with the flag ``unattributed``, so shares are easy to take."""
    claims = key_claims_of(analysis, claims_path)["claims"]
    sentences = analysis.sentences.merge(analysis.documents[["doc_id", "outlet"]], on="doc_id", how="left")
    att = analysis.attributions if len(analysis.attributions) else pd.DataFrame(columns=COLUMNS)
    hedged = hedged_sentences(analysis.cues)
    cue_sentences = set(zip(att["doc_id"], att["sentence_id"]))
    covered = covered_sentences(sentences, att)
    rows = []
    for row in sentences.itertuples(index=False):
        claim = claim_of(row.text, claims)
        if claim is None:
            continue
        key = (row.doc_id, row.sentence_id)
        attributed = key in cue_sentences or key in covered
        in_quote = bool(row.in_quote)  # mostly inside quotation marks, judged on the whole document
        rows.append(
            {
                **{c: getattr(row, c) for c in SENTENCE_COLUMNS},
                "claim": claim,
                "attributed": attributed,
                "in_quote": in_quote,
                "hedged": key in hedged,
                "unattributed": not (attributed or in_quote or key in hedged),
            }
        )
    return pd.DataFrame(rows, columns=ASSERTION_COLUMNS)


def unattributed_share(assertions: pd.DataFrame, outlets) -> pd.DataFrame:
    """Per outlet (all of ``outlets``, sorted): key-claim sentences, how many are unattributed
    assertions, and the share; ``assertions`` is the table of ``unattributed_assertions``."""
    by_outlet = dict(list(assertions.groupby("outlet", sort=False)))  # once, not a scan per outlet
    rows = []
    for outlet in sorted(set(outlets), key=str):
        t = by_outlet.get(outlet, assertions.iloc[:0])
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
