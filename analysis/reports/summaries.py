"""Machine-readable summaries for report notebooks that do not publish one themselves.

The report registry (notebooks/reports.yaml) names one of these per such notebook as
``summary: analysis.reports.summaries:<function>``. Each takes the corpus analysis the report
command made and the report's parameters, and returns a tidy table.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from analysis.settings import Settings


def hedging_by_outlet(analysis, parameters: dict) -> pd.DataFrame:
    """Per outlet: hedge and booster counts and rates with their 95% intervals."""
    from analysis.aggregation import hedging as hedging_metrics

    table = hedging_metrics.outlet_metrics(analysis)
    keep = [
        c
        for c in table.columns
        if c in ("outlet", "n_documents", "n_words", "n_sentences", "n_hedges", "n_boosters", "note")
        or c.startswith(("hedges_per_1000", "boosters_per_1000", "hedged_sentence_share"))
    ]
    return table[keep]


def attribution_by_outlet(analysis, parameters: dict) -> pd.DataFrame:
    """Per outlet: attributions per 1,000 words, source-type shares, anonymity, quotation mode, each
    with its 95% document bootstrap interval."""
    from analysis.aggregation import attribution as attribution_metrics

    return attribution_metrics.outlet_attribution_table(analysis)


@lru_cache(maxsize=4)
def _scores(corpus: str | None, gold: str | None, mode: str) -> dict:
    from analysis.evaluation import run as evaluation

    return evaluation.evaluate(corpus, gold, Settings(mode=mode))


def _flatten(prefix: str, value, rows: list) -> None:
    if isinstance(value, dict):
        for key in sorted(value):
            _flatten(f"{prefix}.{key}" if prefix else str(key), value[key], rows)
    elif isinstance(value, (list, tuple)):
        rows.append({"metric": prefix, "value": ", ".join(map(str, value))})
    else:
        rows.append({"metric": prefix, "value": value})


def _evaluation(parameters: dict, keys: tuple[str, ...]) -> pd.DataFrame:
    scores = _scores(parameters.get("corpus"), parameters.get("gold"), parameters.get("mode", "parse"))
    rows: list[dict] = []
    for key in keys:
        if key in scores:
            _flatten(key, scores[key], rows)
    return pd.DataFrame(rows, columns=["metric", "value"])


def hedging_evaluation(analysis, parameters: dict) -> pd.DataFrame:
    """Scores of the hedge detector against the gold file: one row per metric."""
    return _evaluation(parameters, ("mode", "n_documents", "n_sentences", "hedges", "boosters", "per_outlet"))


def attribution_evaluation(analysis, parameters: dict) -> pd.DataFrame:
    """Scores of the attribution detector against the gold file: one row per metric."""
    return _evaluation(parameters, ("mode", "n_documents", "attributions", "per_outlet"))
