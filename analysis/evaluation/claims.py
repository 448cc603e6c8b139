"""Scoring claim groups against hand-made ones (``data/gold/claims.jsonl``; format in
data/gold/README.md): pairwise precision, recall and F1 over pairs of sentences from different
documents.

Each gold member maps to the analysed sentence of its document that it overlaps most; two
sentences form a gold pair when their members share a claim, a predicted pair when they share a
row of the ``claims`` table. The simplest method is scored beside it, so the gain is visible:
TF-IDF cosine over the raw words of every sentence, average-link clustering, with its threshold
tuned on the gold itself (the best of ``BASELINE_THRESHOLDS``).
"""

from __future__ import annotations

import re
from itertools import combinations
from pathlib import Path

import pandas as pd

from analysis.aggregation.claim_clustering import cluster
from analysis.aggregation.claim_groups import CLAIM_THRESHOLD, MIN_OUTLETS, claims_table
from analysis.evaluation.gold import GoldError, jsonl_records

BASELINE_THRESHOLDS = tuple(round(0.05 * k, 2) for k in range(2, 19))
_WORD = re.compile(r"\w+")


def load_claim_gold(path: str | Path, raw_texts: dict[str, str]) -> list[dict]:
    """The claim groups of a gold file, every member checked against the raw text at its offsets."""
    path = Path(path)
    if not path.is_file():
        raise GoldError(str(path), "no such claims gold file")
    groups, seen = [], set()
    for n, record in jsonl_records(path):
        problem = _group_problem(record, raw_texts, seen)
        if problem:
            raise GoldError(path.name, problem, n)
        seen.add(record["claim_id"])
        groups.append(record)
    return groups


def _group_problem(record, raw_texts: dict[str, str], seen: set) -> str | None:
    if not isinstance(record, dict) or not isinstance(record.get("claim_id"), str):
        return "needs a string claim_id"
    if record["claim_id"] in seen:
        return f"claim_id {record['claim_id']!r} appears twice"
    members = record.get("members")
    if not isinstance(members, list) or not members:
        return f"claim {record['claim_id']}: needs a non-empty members list"
    for member in members:
        raw = raw_texts.get(member.get("doc_id")) if isinstance(member, dict) else None
        if raw is None:
            return f"claim {record['claim_id']}: member of unknown doc_id {member.get('doc_id')!r}"
        start, end = member.get("start"), member.get("end")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(raw)):
            return f"claim {record['claim_id']}: member offsets {start}-{end} outside {member['doc_id']}"
        if "text" in member and raw[start:end] != member["text"]:
            return f"claim {record['claim_id']}: member text differs from {member['doc_id']} at {start}-{end}"
    return None


def gold_sentence_groups(groups: list[dict], sentences: pd.DataFrame) -> list[set]:
    """Each gold claim as a set of (doc_id, sentence_id): every member mapped to the sentence of its
    document that it overlaps most (a member that overlaps none is left out)."""
    by_doc = {d: g for d, g in sentences.groupby("doc_id")}
    out = []
    for group in groups:
        found = set()
        for m in group["members"]:
            rows = by_doc.get(m["doc_id"])
            if rows is None:
                continue
            overlap = (rows["end"].clip(upper=m["end"]) - rows["start"].clip(lower=m["start"])).to_numpy()
            if overlap.max() > 0:
                found.add((m["doc_id"], int(rows["sentence_id"].iloc[overlap.argmax()])))
        out.append(found)
    return out


def cross_document_pairs(groups) -> set:
    """The unordered pairs of members of a group that come from different documents."""
    pairs = set()
    for group in groups:
        for a, b in combinations(sorted(group), 2):
            if a[0] != b[0]:
                pairs.add((a, b))
    return pairs


def pairwise_scores(predicted: set, gold: set) -> dict:
    tp = len(predicted & gold)
    precision = tp / len(predicted) if predicted else 0.0
    recall = tp / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "tp": tp,
        "fp": len(predicted) - tp,
        "fn": len(gold) - tp,
    }


def table_groups(claims: pd.DataFrame) -> list[set]:
    """Each claim of a ``claims`` table as a set of (doc_id, sentence_id)."""
    return [set(zip(g["doc_id"], g["sentence_id"])) for _, g in claims.groupby("claim_id")]


def baseline_groups(sentences: pd.DataFrame, outlets: dict, threshold: float) -> list[set]:
    """TF-IDF over the raw words of every sentence, average link at ``threshold``; groups that span
    at least ``MIN_OUTLETS`` outlets, as for the method."""
    bags = [_WORD.findall(str(t).lower()) for t in sentences["text"]]
    keys = list(zip(sentences["doc_id"], sentences["sentence_id"]))
    labels = cluster(bags, [k[0] for k in keys], [0] * len(keys), threshold)
    groups: dict[int, set] = {}
    for key, label in zip(keys, labels):
        if label >= 0:
            groups.setdefault(label, set()).add(key)
    return [g for g in groups.values() if len({outlets.get(d, d) for d, _ in g}) >= MIN_OUTLETS]


def score_claims(analysis, groups: list[dict]) -> dict:
    """``{"claims": {"pairwise", "baseline", ...}}`` for an analysis and gold claim groups."""
    gold = cross_document_pairs(gold_sentence_groups(groups, analysis.sentences))
    predicted = cross_document_pairs(table_groups(claims_table(analysis)))
    outlets = dict(zip(analysis.documents["doc_id"], analysis.documents["outlet"]))
    tuned = {
        t: pairwise_scores(cross_document_pairs(baseline_groups(analysis.sentences, outlets, t)), gold)
        for t in BASELINE_THRESHOLDS
    }
    best = max(BASELINE_THRESHOLDS, key=lambda t: (tuned[t]["f1"], -t))
    return {
        "claims": {
            "pairwise": pairwise_scores(predicted, gold),
            "threshold": CLAIM_THRESHOLD,
            "n_gold_claims": len(groups),
            "n_gold_pairs": len(gold),
            "baseline_tfidf": {**tuned[best], "threshold": best},
        }
    }
