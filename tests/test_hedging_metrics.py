"""Per-document and per-outlet hedging figures, outlet comparison, and scoring against gold."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from analysis.aggregation.hedging import (
    MIN_DOCUMENTS_TO_COMPARE,
    category_rates,
    compare_outlets,
    document_metrics,
    outlet_metrics,
    pairwise_comparisons,
)
from analysis.cli import main
from analysis.evaluation.gold import load_gold
from analysis.evaluation.hedging import cue_errors, lemma_precision, score_hedges
from analysis.evaluation.run import deep_merge, evaluate, run_evaluation
from analysis.pipeline.run import TABLE_COLUMNS, Analysis
from analysis.settings import Settings


def synthetic_analysis(rates: dict[str, list[int]], n_words: int = 1000) -> Analysis:
    """Outlets with documents of n_words words; rates[outlet][i] hedges (first sentence) in doc i."""
    docs, sentences, cues = [], [], []
    for outlet, counts in rates.items():
        for i, n in enumerate(counts):
            doc_id = f"{outlet}_{i}"
            docs.append({"doc_id": doc_id, "outlet": outlet, "n_words": n_words, "n_sentences": 10})
            for s in range(10):
                sentences.append(
                    {
                        "doc_id": doc_id,
                        "sentence_id": s,
                        "paragraph": s,
                        "is_headline": s == 0,
                        "start": s * 100,
                        "end": s * 100 + 90,
                        "text": "x",
                        "n_words": n_words // 10,
                    }
                )
            for k in range(n):
                cues.append(
                    {
                        "doc_id": doc_id,
                        "sentence_id": 0,
                        "start": k,
                        "end": k + 1,
                        "text": "x",
                        "lemma": "may",
                        "category": "epistemic",
                        "rule": "lexicon",
                        "in_quote": k % 2 == 1,
                        "negated": False,
                    }
                )
            if n:
                cues.append(
                    {
                        "doc_id": doc_id,
                        "sentence_id": 1,
                        "start": 100,
                        "end": 101,
                        "text": "x",
                        "lemma": "clearly",
                        "category": "booster",
                        "rule": "lexicon",
                        "in_quote": False,
                        "negated": False,
                    }
                )
    empty = pd.DataFrame(columns=["doc_id"])
    return Analysis(
        pd.DataFrame(docs),
        empty,
        pd.DataFrame(sentences),
        empty,
        pd.DataFrame(cues, columns=TABLE_COLUMNS["cues"]),
        empty,
        Settings(mode="fast"),
        "h",
    )


def test_document_metrics_counts_and_rates():
    table = document_metrics(synthetic_analysis({"A": [4, 0]}))
    row = table.set_index("doc_id").loc["A_0"]
    assert row["n_hedges"] == 4 and row["n_epistemic"] == 4 and row["n_boosters"] == 1
    assert row["hedges_per_1000"] == 4.0 and row["hedged_sentence_share"] == 10.0
    assert row["n_quoted_hedges"] == 2 and row["n_writer_hedges"] == 2 and row["quoted_hedge_share"] == 50.0
    assert row["booster_to_hedge_ratio"] == 0.25
    empty = table.set_index("doc_id").loc["A_1"]
    assert empty["hedges_per_1000"] == 0 and np.isnan(empty["booster_to_hedge_ratio"])


def test_outlet_metrics_intervals_are_deterministic_and_contain_the_rate():
    analysis = synthetic_analysis({"A": [1, 3, 5, 7, 9], "B": [2, 2], "C": [0, 1, 0, 2]})
    first, second = outlet_metrics(analysis), outlet_metrics(analysis)
    pd.testing.assert_frame_equal(first, second)
    a = first.set_index("outlet").loc["A"]
    assert a["hedges_per_1000"] == 5.0
    assert a["hedges_per_1000_ci_low"] < 5.0 < a["hedges_per_1000_ci_high"]
    b = first.set_index("outlet").loc["B"]
    assert not b["enough_documents"] and "fewer than" in b["note"] and np.isnan(b["hedges_per_1000_ci_low"])
    assert list(first["outlet"]) == ["A", "B", "C"]
    assert "booster_per_1000" not in first.columns and first["boosters_per_1000"].notna().all()  # one booster metric


def test_category_rates_take_boosters_from_boosters_per_1000():
    outlets = outlet_metrics(synthetic_analysis({"A": [1, 3, 5], "B": [2, 2, 0]}))
    rates = category_rates(outlets, ("epistemic", "booster")).set_index(["outlet", "category"])
    assert rates.loc[("A", "epistemic"), "per_1000"] == 3.0
    assert rates.loc[("A", "booster"), "per_1000"] == 1.0 and rates.loc[("B", "booster"), "per_1000"] == 2 / 3


def test_compare_outlets_detects_a_difference_and_not_a_non_difference():
    analysis = synthetic_analysis(
        {"High": [9, 10, 11, 10, 12], "Low": [0, 1, 0, 1, 0], "Same": [10, 9, 12, 11, 10], "Tiny": [3, 4]}
    )
    assert compare_outlets(analysis, "High", "Low")["p_value"] < 0.05
    assert compare_outlets(analysis, "High", "Same")["p_value"] > 0.5
    few = compare_outlets(analysis, "High", "Tiny")
    assert few["p_value"] is None and "Tiny has fewer than" in few["note"]
    table = pairwise_comparisons(analysis, n_perm=200)
    assert len(table) == 6 and {"p_value", "p_adjusted", "min_attainable_p"} <= set(table.columns)
    tested = table.dropna(subset=["p_value"])
    assert len(tested) == 3 and (tested["p_adjusted"] >= tested["p_value"]).all()
    with pytest.raises(ValueError, match="no documents from outlet"):
        compare_outlets(analysis, "High", "Nowhere")


def test_bundled_outlets_are_flagged_as_too_few(bundled_analysis):
    table = outlet_metrics(bundled_analysis)
    assert len(table) == bundled_analysis.documents["outlet"].nunique()
    assert (table["n_documents"] < MIN_DOCUMENTS_TO_COMPARE).all() and (~table["enough_documents"]).all()
    assert table["hedges_per_1000"].gt(0).all()


@pytest.fixture(scope="module")
def gold(raw_texts):
    return load_gold(None, raw_texts=raw_texts)


def test_score_hedges_counts_misses_and_false_alarms(bundled_analysis, gold):
    perfect = score_hedges(bundled_analysis, gold)
    n_cues = sum(len(r["cues"]) for r in gold.values())
    assert perfect["hedges"]["cue"]["tp"] == n_cues
    broken = Analysis(**{**bundled_analysis.__dict__})
    cues = bundled_analysis.cues.copy()
    cues.loc[cues["text"] == "probably", "category"] = "booster"  # wrong category: fp booster, fn hedge
    broken.cues = cues.loc[cues["text"] != "reportedly"].reset_index(drop=True)  # a miss
    scores = score_hedges(broken, gold)
    assert scores["hedges"]["cue"]["fn"] == 2 and scores["hedges"]["cue"]["fp"] == 0
    assert scores["boosters"]["cue"]["fp"] == 1 and scores["boosters"]["cue"]["precision"] == 0.0
    assert scores["hedges"]["sentence"]["fn"] == 2
    errors = cue_errors(broken, gold)
    misses = errors.loc[errors["outcome"] == "fn"]
    assert set(misses["text"]) == {"probably", "reportedly"}
    assert misses["sentence"].str.contains("reportedly").any()
    assert set(errors.loc[errors["outcome"] == "fp", "gold_category"]) == {"epistemic"}
    precision = lemma_precision(errors).set_index("lemma")
    assert precision.loc["probably", "precision"] == 0.0
    outlet = bundled_analysis.documents.set_index("doc_id").loc["004_66c966626ed0da45", "outlet"]
    assert scores["per_outlet"]["hedged_sentence_share_abs_error_pp"][outlet] > 0


def test_categories_restrict_gold_and_predictions():
    scores = evaluate(settings=Settings(mode="fast", categories=("doxastic",)))
    assert set(scores["hedges"]["by_category"]) == {"doxastic"}
    assert scores["hedges"]["cue"]["tp"] + scores["hedges"]["cue"]["fn"] == 11  # doxastic gold cues
    assert scores["boosters"]["cue"]["precision"] is None
    assert scores["mode"] == "fast"


def test_run_evaluation_keeps_the_analysis_for_error_listings():
    run = run_evaluation(settings=Settings(mode="fast"))
    assert set(run.analysis.documents["doc_id"]) == set(run.gold)
    assert run.scores["hedges"]["sentence"]["f1"] is not None


def test_deep_merge_keeps_both_scorers_keys():
    merged = deep_merge(
        {"per_outlet": {"a": {"x": 1}}, "mode": "parse"}, {"per_outlet": {"b": {"y": 2}}, "mode": "parse"}
    )
    assert merged == {"per_outlet": {"a": {"x": 1}, "b": {"y": 2}}, "mode": "parse"}
    with pytest.raises(ValueError):
        deep_merge({"mode": "parse"}, {"mode": "fast"})


def test_cli_evaluate_writes_sorted_rounded_json(tmp_path, capsys):
    out = tmp_path / "scores.json"
    assert main(["evaluate", "--mode", "fast", "--categories", "epistemic,doxastic", "--json", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    data = json.loads(text)
    assert set(data) >= {"hedges", "boosters", "per_outlet", "mode"}
    assert set(data["hedges"]) == {"sentence", "cue", "by_category"}
    assert set(data["hedges"]["sentence"]) >= {"precision", "recall", "f1"}
    assert list(data) == sorted(data)
    assert "hedged_sentence_share_abs_error_pp" in data["per_outlet"]
    assert "hedges, sentence level" in capsys.readouterr().out
    main(["evaluate", "--mode", "fast", "--categories", "epistemic,doxastic", "--json", str(tmp_path / "again.json")])
    assert (tmp_path / "again.json").read_text(encoding="utf-8") == text


def test_cli_evaluate_bad_input_exits_2(tmp_path, capsys):
    bad = tmp_path / "gold.jsonl"
    bad.write_text(
        '{"doc_id": "000_7a130d44c833b76c", "cues": [{"start": 0, "end": 3, "text": "zzz", '
        '"category": "epistemic"}]}\n',
        encoding="utf-8",
    )
    assert main(["evaluate", "--mode", "fast", "--gold", str(bad)]) == 2
    assert "does not match the raw file" in capsys.readouterr().err
    assert main(["evaluate", "--mode", "fast", "--categories", "vague"]) == 2
