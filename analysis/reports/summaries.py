"""Machine-readable summaries for report notebooks that do not publish one themselves.

The report registry (notebooks/reports.yaml) names one of these per such notebook as
``summary: analysis.reports.summaries:<function>``. Each takes the corpus analysis the report
command made and the report's parameters, and returns a tidy table. The evaluation reports
publish their own summary, made by ``evaluation_summary`` from the page they show.
"""

from __future__ import annotations

import pandas as pd


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


def _flatten(prefix: str, value, rows: list) -> None:
    if isinstance(value, dict):
        for key in sorted(value):
            _flatten(f"{prefix}.{key}" if prefix else str(key), value[key], rows)
    elif isinstance(value, (list, tuple)):
        rows.append({"metric": prefix, "value": ", ".join(map(str, value))})
    else:
        rows.append({"metric": prefix, "value": value})


EVALUATION_KEYS = {
    "hedging": ("n_documents", "n_sentences", "hedges", "boosters", "per_outlet"),
    "attribution": ("n_documents", "attributions", "per_outlet"),
}


def evaluation_summary(page, focus: str) -> pd.DataFrame:
    """The summary of an evaluation report (``analysis.reports.evaluation_page``): one row per
    figure, with the set of articles it was measured on (``set``): this corpus's own gold when it
    has one (the bundled gold labelled as the development set), else a row saying there is none;
    then the held-out and other-stories figures, in both modes."""
    rows: list[dict] = []
    if page.run is not None:
        for key in EVALUATION_KEYS[focus]:
            if key in page.run.scores:
                _flatten(key, page.run.scores[key], rows)
        rows = [{"set": page.status.label, "mode": page.mode, **row} for row in rows]
    else:
        rows.append({"set": page.status.label, "mode": page.mode, "metric": "score", "value": "none: no gold"})
    unseen = pd.concat([page.unseen_table(focus, per_story=False), *_per_story(page, focus)])
    for record in unseen.to_dict("records"):
        for metric, value in record.items():
            if metric not in ("articles", "mode"):
                value = round(value, 4) if isinstance(value, float) else value
                rows.append({"set": record["articles"], "mode": record["mode"], "metric": metric, "value": value})
    return pd.DataFrame(rows, columns=["set", "mode", "metric", "value"])


def _per_story(page, focus: str) -> list[pd.DataFrame]:
    return [] if page.measured is None else [page.unseen_table(focus, per_story=True)]
