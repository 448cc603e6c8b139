"""Scoring attributions against gold (ANNOTATION.md section 4).

A predicted record matches a gold record when their cue spans overlap; matching is one-to-one
(pairs taken in order of largest overlap, then text order). Detection P/R/F1 is over cues; on
matched pairs: the share whose source spans overlap, and source_type, stance and mode accuracy.
Per outlet: the absolute error, in percentage points, of the anonymous-source share.
"""

from __future__ import annotations

import pandas as pd

from analysis.evaluation.hedging import prf
from analysis.vocabulary import SOURCE_TYPES


def _overlap(a0, a1, b0, b1) -> int:
    if a0 is None or b0 is None:
        return 0
    return max(0, min(a1, b1) - max(a0, b0))


def _gold_rows(gold: dict, doc_ids) -> list[dict]:
    rows = []
    for doc_id in doc_ids:
        for n, att in enumerate((gold.get(doc_id) or {}).get("attributions", [])):
            src = att.get("source") or {}
            rows.append(
                {
                    "doc_id": doc_id,
                    "gold_id": n,
                    "cue_start": att["cue"]["start"],
                    "cue_end": att["cue"]["end"],
                    "cue_text": att["cue"].get("text"),
                    "source_start": src.get("start"),
                    "source_end": src.get("end"),
                    "source_text": src.get("text"),
                    "source_type": att["source_type"],
                    "stance": att["stance"],
                    "mode": att["mode"],
                    "anonymous": bool(att.get("anonymous")),
                }
            )
    return rows


def match_attributions(analysis, gold: dict) -> pd.DataFrame:
    """One row per matched pair, miss (gold only) and false alarm (prediction only), with the sentence."""
    docs = [d for d in analysis.documents["doc_id"] if d in gold]
    pred = analysis.attributions
    sentences = analysis.sentences
    rows = []
    for doc_id in docs:
        p = pred[pred["doc_id"] == doc_id].to_dict("records") if len(pred) else []
        g = _gold_rows(gold, [doc_id])
        pairs = []
        for i, pr in enumerate(p):
            for j, gr in enumerate(g):
                ov = _overlap(pr["cue_start"], pr["cue_end"], gr["cue_start"], gr["cue_end"])
                if ov > 0:
                    pairs.append((-ov, gr["cue_start"], i, j))
        used_p, used_g, matched = set(), set(), []
        for _, _, i, j in sorted(pairs):
            if i in used_p or j in used_g:
                continue
            used_p.add(i)
            used_g.add(j)
            matched.append((i, j))
        sent = sentences[sentences["doc_id"] == doc_id]

        def sentence_at(pos, sent=sent):
            hit = sent[(sent["start"] <= pos) & (sent["end"] > pos)]
            return hit["text"].iloc[0] if len(hit) else ""

        for i, j in matched:
            pr, gr = p[i], g[j]
            rows.append(_row("match", doc_id, pr, gr, sentence_at(gr["cue_start"])))
        for j, gr in enumerate(g):
            if j not in used_g:
                rows.append(_row("miss", doc_id, None, gr, sentence_at(gr["cue_start"])))
        for i, pr in enumerate(p):
            if i not in used_p:
                rows.append(_row("false_alarm", doc_id, pr, None, sentence_at(pr["cue_start"])))
    columns = [
        "doc_id",
        "status",
        "cue_start",
        "gold_cue",
        "pred_cue",
        "gold_source",
        "pred_source",
        "source_overlap",
        "gold_source_type",
        "pred_source_type",
        "gold_stance",
        "pred_stance",
        "gold_mode",
        "pred_mode",
        "gold_anonymous",
        "pred_anonymous",
        "sentence",
    ]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.sort_values(["doc_id", "cue_start"], kind="mergesort").reset_index(drop=True)


def _row(status, doc_id, pr, gr, sentence) -> dict:
    pr, gr = pr or {}, gr or {}
    ov = None
    if pr and gr:
        ov = _overlap(pr.get("source_start"), pr.get("source_end"), gr.get("source_start"), gr.get("source_end")) > 0
    return {
        "doc_id": doc_id,
        "status": status,
        "cue_start": (gr or pr)["cue_start"],
        "gold_cue": gr.get("cue_text"),
        "pred_cue": pr.get("cue_text"),
        "gold_source": gr.get("source_text"),
        "pred_source": pr.get("source_text"),
        "source_overlap": ov,
        "gold_source_type": gr.get("source_type"),
        "pred_source_type": pr.get("source_type"),
        "gold_stance": gr.get("stance"),
        "pred_stance": pr.get("stance"),
        "gold_mode": gr.get("mode"),
        "pred_mode": pr.get("mode"),
        "gold_anonymous": gr.get("anonymous"),
        "pred_anonymous": pr.get("anonymous"),
        "sentence": sentence,
    }


def source_type_confusion(matches: pd.DataFrame) -> pd.DataFrame:
    """Gold source type (rows) by predicted source type (columns) over matched pairs."""
    m = matches[matches["status"] == "match"]
    table = pd.crosstab(
        pd.Categorical(m["gold_source_type"], categories=SOURCE_TYPES),
        pd.Categorical(m["pred_source_type"], categories=SOURCE_TYPES),
        dropna=False,
    )
    table.index.name, table.columns.name = "gold", "predicted"
    return table


def _share(frame, column) -> float | None:
    return float(frame[column].mean() * 100) if len(frame) else None


def score_attributions(analysis, gold: dict) -> dict:
    """The attribution keys of the ``evaluate`` result (see module docstring)."""
    matches = match_attributions(analysis, gold)
    n_match = int((matches["status"] == "match").sum())
    n_pred = n_match + int((matches["status"] == "false_alarm").sum())
    n_gold = n_match + int((matches["status"] == "miss").sum())
    m = matches[matches["status"] == "match"]

    def acc(col):  # None, not 0, when nothing matched: there is nothing to be right or wrong about
        return round(float((m[f"gold_{col}"] == m[f"pred_{col}"]).mean()), 4) if n_match else None

    # per outlet anonymous share: gold over gold records, prediction over predicted records
    docs = analysis.documents[analysis.documents["doc_id"].isin(list(gold))]
    outlet_of = dict(zip(docs["doc_id"], docs["outlet"]))
    gold_rows = pd.DataFrame(_gold_rows(gold, list(outlet_of)))
    pred = analysis.attributions
    pred = pred[pred["doc_id"].isin(list(outlet_of))] if len(pred) else pred
    errors = {}
    for outlet in sorted(set(outlet_of.values())):
        ids = [d for d, o in outlet_of.items() if o == outlet]
        g = gold_rows[gold_rows["doc_id"].isin(ids)] if len(gold_rows) else gold_rows
        p = pred[pred["doc_id"].isin(ids)] if len(pred) else pred
        gs = _share(g, "anonymous") if len(g) else 0.0
        ps = _share(p, "anonymous") if len(p) else 0.0
        errors[outlet] = round(abs(gs - ps), 2)
    detection = {k: (round(v, 4) if isinstance(v, float) else v) for k, v in prf(n_match, n_pred, n_gold).items()}
    return {
        "attributions": {
            "detection": detection,
            "source_overlap": (round(float(m["source_overlap"].astype(bool).mean()), 4) if n_match else None),
            "source_type_accuracy": acc("source_type"),
            "stance_accuracy": acc("stance"),
            "mode_accuracy": acc("mode"),
        },
        "per_outlet": {"anonymous_share_abs_error_pp": errors},
    }


def score_table(scores: dict) -> pd.DataFrame:
    """The attribution scores of ``evaluate`` as a readable one-column table."""
    att = scores["attributions"]
    rows = {
        "detection precision": att["detection"]["precision"],
        "detection recall": att["detection"]["recall"],
        "detection F1": att["detection"]["f1"],
        "source-span overlap": att["source_overlap"],
        "source type accuracy": att["source_type_accuracy"],
        "stance accuracy": att["stance_accuracy"],
        "mode accuracy": att["mode_accuracy"],
    }
    return pd.DataFrame({"score": rows}).astype(float).round(3)


def field_errors(matches: pd.DataFrame) -> pd.DataFrame:
    """Matched pairs where the source span misses or source type, stance or mode differ from gold."""
    matched = matches[matches["status"] == "match"]
    wrong = (
        (matched["gold_source_type"] != matched["pred_source_type"])
        | (matched["gold_stance"] != matched["pred_stance"])
        | (matched["gold_mode"] != matched["pred_mode"])
        | ~matched["source_overlap"].astype(bool)
    )
    columns = [
        "doc_id",
        "gold_cue",
        "gold_source",
        "pred_source",
        "gold_source_type",
        "pred_source_type",
        "gold_stance",
        "pred_stance",
        "gold_mode",
        "pred_mode",
        "sentence",
    ]
    return matched.loc[wrong, columns]
