"""Scoring hedge and booster cues against gold (ANNOTATION.md section 4).

Sentence level (the CoNLL-2010 convention): the project's own sentences (raw offsets) are the
units for gold and predictions alike; a sentence is hedged when a hedge cue (any counted
category but booster) overlaps it. Cue level: a predicted cue matches a gold cue when their
raw spans overlap and the categories agree (one-to-one, in text order). Boosters are scored
apart. Undefined ratios (nothing predicted, nothing in gold) are None.
"""

from __future__ import annotations

import pandas as pd

from analysis.detectors.hedging.detector import hedge_categories
from analysis.vocabulary import HEDGE_CATEGORIES

ERROR_COLUMNS = [
    "doc_id",
    "outlet",
    "sentence_id",
    "outcome",
    "start",
    "end",
    "text",
    "category",
    "gold_category",
    "lemma",
    "rule",
    "in_quote",
    "sentence",
]


def prf(tp: int, n_pred: int, n_gold: int) -> dict:
    precision = tp / n_pred if n_pred else None
    recall = tp / n_gold if n_gold else None
    if precision is None or recall is None:
        f1 = None
    else:
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": n_pred - tp, "fn": n_gold - tp}


def _overlaps(a_start, a_end, b_start, b_end) -> bool:
    return a_start < b_end and b_start < a_end


def gold_cue_frame(gold: dict, doc_ids) -> pd.DataFrame:
    rows = [
        {
            "doc_id": doc_id,
            "start": c["start"],
            "end": c["end"],
            "text": c.get("text", ""),
            "category": c["category"],
            "in_quote": bool(c.get("in_quote", False)),
        }
        for doc_id in doc_ids
        for c in gold.get(doc_id, {}).get("cues", [])
    ]
    return pd.DataFrame(rows, columns=["doc_id", "start", "end", "text", "category", "in_quote"])


def _scored_doc_ids(analysis, gold: dict) -> list[str]:
    return sorted(set(analysis.documents["doc_id"]) & set(gold))


def match_cues(pred: pd.DataFrame, gold_cues: pd.DataFrame) -> tuple[list[tuple[int, int]], set[int], set[int]]:
    """One-to-one matches (pred index, gold index) by overlap and category, greedily in text order."""
    matches, used_gold = [], set()
    gold_by_doc = {d: g for d, g in gold_cues.groupby("doc_id")}
    for pi, p in pred.sort_values(["doc_id", "start"], kind="mergesort").iterrows():
        candidates = gold_by_doc.get(p["doc_id"])
        if candidates is None:
            continue
        for gi, g in candidates.iterrows():
            if gi in used_gold or g["category"] != p["category"]:
                continue
            if _overlaps(p["start"], p["end"], g["start"], g["end"]):
                matches.append((pi, gi))
                used_gold.add(gi)
                break
    matched_pred = {pi for pi, _ in matches}
    return matches, matched_pred, used_gold


def _hedged_sentences(sentences: pd.DataFrame, cues: pd.DataFrame) -> pd.Series:
    """Boolean per sentence row: does any cue overlap it?"""
    flags = pd.Series(False, index=sentences.index)
    by_doc = {d: c for d, c in cues.groupby("doc_id")}
    for idx, s in sentences.iterrows():
        doc_cues = by_doc.get(s["doc_id"])
        if doc_cues is not None and ((doc_cues["start"] < s["end"]) & (doc_cues["end"] > s["start"])).any():
            flags[idx] = True
    return flags


def score_hedges(analysis, gold: dict, categories=HEDGE_CATEGORIES) -> dict:
    """Hedge and booster scores in the JSON structure of issue 3."""
    categories = tuple(categories)
    hedge_cats = hedge_categories(categories)
    doc_ids = _scored_doc_ids(analysis, gold)
    pred = analysis.cues.loc[analysis.cues["doc_id"].isin(doc_ids)].reset_index(drop=True)
    gold_cues = gold_cue_frame(gold, doc_ids)
    pred_h = pred.loc[pred["category"].isin(hedge_cats)]
    gold_h = gold_cues.loc[gold_cues["category"].isin(hedge_cats)]

    sentences = analysis.sentences.loc[analysis.sentences["doc_id"].isin(doc_ids)].copy()
    sentences["gold_hedged"] = _hedged_sentences(sentences, gold_h)
    sentences["pred_hedged"] = _hedged_sentences(sentences, pred_h)
    tp_s = int((sentences["gold_hedged"] & sentences["pred_hedged"]).sum())
    sentence = prf(tp_s, int(sentences["pred_hedged"].sum()), int(sentences["gold_hedged"].sum()))

    _, matched_pred, matched_gold = match_cues(pred_h, gold_h)
    cue = prf(len(matched_pred), len(pred_h), len(gold_h))
    by_category = {}
    for cat in hedge_cats:
        p_c, g_c = pred_h.loc[pred_h["category"] == cat], gold_h.loc[gold_h["category"] == cat]
        by_category[cat] = prf(len(set(p_c.index) & matched_pred), len(p_c), len(g_c))

    if "booster" in categories:
        pred_b = pred.loc[pred["category"] == "booster"]
        gold_b = gold_cues.loc[gold_cues["category"] == "booster"]
        _, mp, _ = match_cues(pred_b, gold_b)
        boosters = prf(len(mp), len(pred_b), len(gold_b))
    else:
        boosters = prf(0, 0, 0)

    outlets = analysis.documents.set_index("doc_id")["outlet"]
    sentences["outlet"] = sentences["doc_id"].map(outlets)
    per_outlet = {}
    for outlet, group in sentences.groupby("outlet"):
        per_outlet[str(outlet)] = abs(group["pred_hedged"].mean() - group["gold_hedged"].mean()) * 100
    return {
        "hedges": {"sentence": sentence, "cue": cue, "by_category": by_category},
        "boosters": {"cue": boosters},
        "per_outlet": {"hedged_sentence_share_abs_error_pp": per_outlet},
        "n_documents": len(doc_ids),
        "n_sentences": int(len(sentences)),
    }


def _sentence_lookup(sentences: pd.DataFrame):
    """A function (doc_id, raw offset) -> (sentence_id, sentence text)."""

    def sentence_of(doc_id, start):
        s = sentences.loc[(sentences["doc_id"] == doc_id) & (sentences["start"] <= start) & (sentences["end"] > start)]
        if len(s):
            return int(s.iloc[0]["sentence_id"]), s.iloc[0]["text"]
        return None, "(outside the analysed text: boilerplate)"

    return sentence_of


def _error_row(cue, outcome: str, predicted: bool, gold_category, outlet, sentence) -> dict:
    """One row of the error table, for a predicted cue or for a missed gold cue."""
    sentence_id, text = sentence
    return {
        "doc_id": cue["doc_id"],
        "outlet": outlet,
        "sentence_id": sentence_id,
        "outcome": outcome,
        "start": int(cue["start"]),
        "end": int(cue["end"]),
        "text": cue["text"],
        "category": cue["category"] if predicted else None,
        "gold_category": gold_category,
        "lemma": cue["lemma"] if predicted else None,
        "rule": cue["rule"] if predicted else None,
        "in_quote": bool(cue["in_quote"]),
        "sentence": text,
    }


def _gold_category_at(gold_cues: pd.DataFrame, cue) -> str | None:
    """The category of a gold cue overlapping a predicted one, if any."""
    g = gold_cues.loc[
        (gold_cues["doc_id"] == cue["doc_id"]) & (gold_cues["start"] < cue["end"]) & (gold_cues["end"] > cue["start"])
    ]
    return g.iloc[0]["category"] if len(g) else None


def cue_errors(analysis, gold: dict, categories=HEDGE_CATEGORIES) -> pd.DataFrame:
    """Every predicted and gold cue of the scored documents, as tp, fp or fn, with its sentence.

    A predicted cue overlapping a gold cue of another category is an fp (with the gold
    category shown) and the gold cue an fn.
    """
    categories = tuple(categories)
    doc_ids = _scored_doc_ids(analysis, gold)
    pred = analysis.cues.loc[analysis.cues["doc_id"].isin(doc_ids) & analysis.cues["category"].isin(categories)]
    pred = pred.reset_index(drop=True)
    gold_cues = gold_cue_frame(gold, doc_ids)
    gold_cues = gold_cues.loc[gold_cues["category"].isin(categories)]
    _, matched_pred, matched_gold = match_cues(pred, gold_cues)
    sentence_of = _sentence_lookup(analysis.sentences.loc[analysis.sentences["doc_id"].isin(doc_ids)])
    outlets = analysis.documents.set_index("doc_id")["outlet"]
    rows = []
    for pi, p in pred.iterrows():
        matched = pi in matched_pred
        gold_category = p["category"] if matched else _gold_category_at(gold_cues, p)
        where = sentence_of(p["doc_id"], p["start"])
        rows.append(_error_row(p, "tp" if matched else "fp", True, gold_category, outlets.get(p["doc_id"]), where))
    for gi, g in gold_cues.iterrows():
        if gi not in matched_gold:
            where = sentence_of(g["doc_id"], g["start"])
            rows.append(_error_row(g, "fn", False, g["category"], outlets.get(g["doc_id"]), where))
    frame = pd.DataFrame(rows, columns=ERROR_COLUMNS)
    return frame.sort_values(["doc_id", "start", "outcome"], kind="mergesort").reset_index(drop=True)


def lemma_precision(errors: pd.DataFrame) -> pd.DataFrame:
    """Per predicted lemma: how many predictions, how many correct, precision."""
    pred = errors.loc[errors["outcome"].isin(["tp", "fp"])]
    if not len(pred):
        return pd.DataFrame(columns=["lemma", "category", "n_predicted", "n_correct", "precision"])
    table = (
        pred.assign(correct=pred["outcome"] == "tp")
        .groupby(["lemma", "category"], as_index=False)
        .agg(n_predicted=("correct", "size"), n_correct=("correct", "sum"))
    )
    table["precision"] = table["n_correct"] / table["n_predicted"]
    return table.sort_values(["n_predicted", "lemma"], ascending=[False, True], kind="mergesort").reset_index(drop=True)
