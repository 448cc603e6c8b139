"""What the reports say about the detectors' accuracy, and where each figure comes from.

Three sources, never mixed up on a page:
- the report corpus's own gold, scored by the evaluation reports: the bundled development set
  (the rules were tuned on it, so its scores are near perfect by construction) or a user's file;
- ``measured_accuracy.json``: the second development set, articles of other stories
  (``data/stories/``), written by ``tools/evaluate_stories.py``;
- ``heldout_accuracy.yaml``: held-out articles of the bundled story, as reported by the team.
The last two were measured on articles the rules were not tuned on; they are what a user should
expect on a new corpus. Every report shows them in a short note (``note(mode)``); the evaluation
pages (``analysis.reports.evaluation_page``) show them in full.
"""

from __future__ import annotations

import html
import json
import statistics
from pathlib import Path

import pandas as pd
from IPython.display import HTML

from analysis.datafiles import DataFile, DataFileError, read_data_file
from analysis.evaluation.hedging import prf

MEASURED = "measured_accuracy.json"
HELDOUT = "heldout_accuracy.yaml"
GUIDE = "docs/annotating.md"
ERROR_KEYS = {"attribution": "anonymous_share_abs_error_pp", "hedging": "hedged_sentence_share_abs_error_pp"}
SHARE_NAMES = {"attribution": "anonymous-source share", "hedging": "hedged-sentence share"}
HELDOUT_MAX = {"attribution": "max_anonymous_share_error_pp", "hedging": "max_hedged_share_error_pp"}


# --- the figures -------------------------------------------------------------------------------


def measured_figures(path: str | Path | None = None) -> tuple[dict, DataFile] | None:
    """The other-stories figures (JSON of tools/evaluate_stories.py), None when the file is missing."""
    try:
        data = read_data_file(path, MEASURED)
    except DataFileError as exc:
        if exc.problem == "no such file":  # a wheel built without it, or not yet measured
            return None
        raise
    try:
        return json.loads(data.text), data
    except json.JSONDecodeError as exc:
        raise data.error(f"not JSON ({exc.msg})", exc.lineno) from None


def heldout_figures(path: str | Path | None = None) -> dict:
    """The held-out figures of the bundled story, checked for the fields the pages use."""
    data = read_data_file(path, HELDOUT)
    figures = data.yaml()
    if not isinstance(figures, dict) or not {"source", "version", "n_documents", "modes"} <= set(figures):
        raise data.error("needs version, source, n_documents and modes")
    return figures


def _prf(tp: int, fp: int, fn: int) -> tuple[float | None, float | None, float | None]:
    """Precision, recall and F1 by the evaluation's ``prf``; F1 is None unless both are above zero."""
    scores = prf(tp, tp + fp, tp + fn)
    p, r = scores["precision"], scores["recall"]
    return p, r, (scores["f1"] if p and r else None)


def _row(name: str, mode: str, n_docs: int, attributions: dict, hedges: dict, sentences: dict) -> dict:
    """One row of figures from tp/fp/fn counts (pooled rows add the stories' counts)."""
    p, r, f = _prf(attributions["tp"], attributions["fp"], attributions["fn"])
    hp, hr, hf = _prf(hedges["tp"], hedges["fp"], hedges["fn"])
    return {
        "articles": name,
        "mode": mode,
        "n": n_docs,
        "attribution_precision": p,
        "attribution_recall": r,
        "attribution_f1": f,
        "source_type_accuracy": attributions.get("source_type_accuracy"),
        "hedge_cue_precision": hp,
        "hedge_cue_recall": hr,
        "hedge_cue_f1": hf,
        "hedged_sentence_f1": _prf(sentences["tp"], sentences["fp"], sentences["fn"])[2],
    }


def measured_table(measured: dict, pooled_only: bool = False) -> pd.DataFrame:
    """Figures on the other stories, pooled (counts added up) and per story, both modes."""
    rows = []
    for mode, figures in measured["modes"].items():
        per_story = figures["per_story"]
        total = {"tp": 0, "fp": 0, "fn": 0}
        sums = {k: dict(total) for k in ("attributions", "hedges", "sentences")}
        story_rows = []
        for story, scores in sorted(per_story.items()):
            parts = {
                "attributions": {
                    **scores["attributions"]["detection"],
                    "source_type_accuracy": scores["attributions"].get("source_type_accuracy"),
                },
                "hedges": scores["hedges"]["cue"],
                "sentences": scores["hedges"]["sentence"],
            }
            for key, counts in parts.items():
                sums[key] = {k: sums[key][k] + counts[k] for k in total}
            story_rows.append(_row(story, mode, scores["n_documents"], **parts))
        sums["attributions"]["source_type_accuracy"] = figures["pooled"]["attributions"]["source_type_accuracy"]
        n_docs = sum(s["n_documents"] for s in per_story.values())
        rows.append(_row(f"{len(per_story)} other stories, pooled", mode, n_docs, **sums))
        rows.extend([] if pooled_only else story_rows)
    return pd.DataFrame(rows)


def heldout_table(heldout: dict) -> pd.DataFrame:
    rows = [
        {"articles": heldout["title"], "mode": mode, "n": heldout["n_documents"], **figures}
        for mode, figures in heldout["modes"].items()
    ]
    return pd.DataFrame(rows).drop(columns=list(HELDOUT_MAX.values()), errors="ignore")


def outlet_errors(measured: dict, mode: str, focus: str) -> list[float]:
    """Per-outlet absolute errors (percentage points) of the share a report shows, over the stories."""
    key = ERROR_KEYS[focus]
    per_story = measured["modes"][mode]["per_story"].values()
    return [float(v) for s in per_story for v in (s.get("per_outlet", {}).get(key) or {}).values() if v is not None]


# --- what the figures mean, in words -----------------------------------------------------------


def _pct(value) -> str:
    return "n/a" if value is None else f"{value:.0%}"


def _num(value) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def pooled_figures(measured: dict | None, mode: str) -> dict | None:
    """The pooled figures of the other stories for one mode (None when there are none)."""
    if measured is None or mode not in measured["modes"]:
        return None
    table = measured_table(measured, pooled_only=True)
    row = table.loc[table["mode"] == mode].iloc[0].to_dict()
    return {**row, "stories": len(measured["modes"][mode]["per_story"])}


def outlet_threshold(mode: str, focus: str, measured: dict | None, heldout: dict) -> tuple[float, str] | None:
    """(error in percentage points, what it is): the per-outlet error that 9 outlets in 10 stayed
    within on the other stories, else the largest on the held-out articles. A difference between
    two outlets smaller than it can come from the detector's errors alone."""
    errors = outlet_errors(measured, mode, focus) if measured and mode in measured["modes"] else []
    if len(errors) >= 2:
        ninetieth = statistics.quantiles(errors, n=10, method="inclusive")[-1]
        return ninetieth, "9 outlets in 10 of the other stories stayed within that"
    held_max = heldout["modes"].get(mode, {}).get(HELDOUT_MAX[focus])
    return None if held_max is None else (float(held_max), "the largest error on the held-out articles")


def detector_sentence(focus: str, mode: str, pooled: dict | None, heldout: dict, lead: bool = True) -> str:
    """How often the detector was right on articles the rules were not tuned on, in words."""
    held = heldout["modes"].get(mode, {})
    where = f"on {heldout['n_documents']} {html.escape(heldout['title'])}"
    if focus == "attribution":
        held_text = (
            f"F1 {_num(held.get('attribution_f1'))}, source type right for {_pct(held.get('source_type_accuracy'))}"
        )
        if pooled is None:
            return f"The attribution detector ({mode} mode) scored {held_text} {where}."
        return (
            f"On {pooled['n']} articles of {pooled['stories']} other stories, the attribution detector ({mode} mode) "
            f"found {_pct(pooled['attribution_recall'])} of the attributions a person marked, "
            f"{_pct(pooled['attribution_precision'])} of what it found was right "
            f"(F1 {_num(pooled['attribution_f1'])}), and {_pct(pooled['source_type_accuracy'])} of the sources it "
            f"found got the right type; {where}: {held_text}."
        )
    held_text = f"F1 {_num(held.get('hedge_cue_f1'))}"
    if pooled is None:
        return f"The hedge detector ({mode} mode) scored hedge-cue {held_text} {where}."
    found = (
        f"found {_pct(pooled['hedge_cue_recall'])} of the hedge cues a person marked and "
        f"{_pct(pooled['hedge_cue_precision'])} of what it found was right (F1 {_num(pooled['hedge_cue_f1'])})"
    )
    if not lead:  # after the attribution sentence, which has named the articles
        return f"The hedge detector {found}; {where}: {held_text}."
    articles = f"On {pooled['n']} articles of {pooled['stories']} other stories"
    return f"{articles}, the hedge detector ({mode} mode) {found}; {where}: {held_text}."


def note_html(mode: str = "parse", measured_path=None, heldout_path=None) -> str:
    """A short note for every report: the accuracy measured on articles the rules were not tuned on."""
    found = measured_figures(measured_path)
    measured = found[0] if found else None
    heldout = heldout_figures(heldout_path)
    pooled = pooled_figures(measured, mode)
    sentences = [
        detector_sentence(f, mode, pooled, heldout, lead=f == "attribution") for f in ("attribution", "hedging")
    ]
    limits = {f: outlet_threshold(mode, f, measured, heldout) for f in ("attribution", "hedging")}
    limits = {f: limit for f, limit in limits.items() if limit is not None}
    if limits:
        moves = [f"{SHARE_NAMES[f]} by about {limit[0]:.0f}" for f, limit in limits.items()]
        basis = "; ".join(dict.fromkeys(limit[1] for limit in limits.values()))
        sentences.append(
            f"Detector errors alone can move an outlet's {' percentage points and its '.join(moves)} ({basis}): "
            "compare outlets only when they differ by more."
        )
    if measured is None:
        sentences.append(f"(The figures on other stories are missing from this installation: {MEASURED}.)")
    sentences.append(
        f"Details are on the evaluation pages; to measure accuracy on your own articles, see <code>{GUIDE}</code>."
    )
    return (
        "<div class='accuracy-note'><p><strong>How far to trust these figures.</strong> The detectors are rules "
        "and make errors, measured here on articles the rules were not tuned on. " + " ".join(sentences) + "</p></div>"
    )


def note(mode: str = "parse") -> HTML:
    """The accuracy note as a notebook output: ``accuracy.note(mode)`` in one line."""
    return HTML(note_html(mode))
