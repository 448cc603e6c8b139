"""The evaluation reports (notebooks 06 and 07): what is known about the detectors' accuracy.

A page first says what its corpus is scored on: the bundled development gold (labelled as such:
the rules were tuned on it), a gold file the user gave, or nothing, in which case no score is
shown for the corpus. Every page then shows the accuracy measured on articles the rules were not
tuned on (``analysis.reports.accuracy``) and what it means for the outlet figures.
"""

from __future__ import annotations

import html
import statistics
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from IPython.display import HTML

from analysis.evaluation.gold import BUNDLED_GOLD
from analysis.evaluation.run import Evaluation, run_evaluation
from analysis.reports import accuracy, display, provenance
from analysis.reports.data import dayfirst_from_environment, load_report_data
from analysis.resources import sample_dir
from analysis.settings import Settings

COLUMNS = {
    "attribution": {
        "attribution_precision": "detection precision",
        "attribution_recall": "detection recall",
        "attribution_f1": "detection F1",
        "source_type_accuracy": "source type accuracy",
    },
    "hedging": {
        "hedge_cue_precision": "cue precision",
        "hedge_cue_recall": "cue recall",
        "hedge_cue_f1": "cue F1",
        "hedged_sentence_f1": "hedged-sentence F1",
    },
}


@dataclass(frozen=True)
class GoldStatus:
    """Which gold, if any, the report corpus is scored against."""

    kind: str  # "development" (the bundled gold), "user" (a gold file given) or "none"
    gold: str | None = None  # the gold file to score (None: the bundled one, or nothing)

    @property
    def scored(self) -> bool:
        return self.kind != "none"

    @property
    def label(self) -> str:
        """What the corpus's own scores are, for tables and the summary."""
        if self.kind == "development":
            return "this corpus: bundled DEVELOPMENT gold (rules tuned on it)"
        return f"this corpus: gold file {Path(self.gold).name}" if self.gold else "this corpus: no gold"

    def banner_html(self, n_documents: int | None = None) -> str:
        """The first lines of an evaluation page: what (if anything) this corpus is scored on."""
        articles = f"{n_documents} annotated articles" if n_documents else "annotated articles"
        if self.kind == "none":
            return (
                "<p class='gold-none'><strong>This corpus has no gold annotations, so the detectors' accuracy "
                "on it is not known and no score is shown for it.</strong> The figures below were measured on "
                "other articles that people annotated: they say how far to trust the other reports, not how "
                f"this corpus would score. To measure it, annotate a few of its articles: {guide_html()}.</p>"
            )
        if self.kind == "development":
            return (
                "<p class='gold-development'><strong>Scored on the bundled DEVELOPMENT set</strong> "
                f"({articles} of the bundled corpus, data/gold/seeds.jsonl). The rules were written and tuned "
                "while reading these articles, so these scores are near perfect by construction and say little "
                "about unseen text. Expect the figures measured on articles the rules were not tuned on "
                "(next section) instead.</p>"
            )
        return (
            f"<p class='gold-user'><strong>Scored on the gold file {html.escape(Path(self.gold).name)}</strong> "
            f"({articles} of this corpus). Unless the rules were changed while reading these articles, these "
            "are held-out scores for this corpus.</p>"
        )


def gold_status(corpus: str | None, gold: str | None) -> GoldStatus:
    """The bundled corpus has the development gold; another corpus has gold only when one is given."""
    if gold is not None:
        bundled = Path(gold).resolve() == BUNDLED_GOLD.resolve()
        return GoldStatus("development" if bundled else "user", None if bundled else str(gold))
    if corpus is None or Path(corpus).resolve() == (sample_dir() / "corpus").resolve():
        return GoldStatus("development")
    return GoldStatus("none")


def guide_html() -> str:
    """How to measure accuracy on one's own articles, in one sentence."""
    return (
        f"see <code>{accuracy.GUIDE}</code> in the project's source (annotate by data/gold/ANNOTATION.md, "
        "make a gold file with tools/resolve_gold.py, then run "
        "<code>newshedge evaluate --corpus DIR --gold FILE --story FILE</code>, or give the file as "
        "<code>gold</code> under <code>reports:</code> in --params)"
    )


@dataclass
class EvaluationPage:
    status: GoldStatus
    mode: str
    record: dict  # provenance
    run: Evaluation | None  # None when the corpus has no gold
    measured: dict | None  # the other stories' figures (None when the file is missing)
    measured_hash: str | None
    heldout: dict

    @property
    def scored(self) -> bool:
        return self.run is not None

    def header(self) -> HTML:
        """What the corpus is scored on (first), then the provenance."""
        n = self.run.scores.get("n_documents") if self.run else None
        return HTML(self.status.banner_html(n) + provenance.provenance_html(self.record))

    def heading(self, text: str, level: int = 2) -> HTML | None:
        """A heading of a section that scores the corpus's own gold (nothing when it has none)."""
        return HTML(f"<h{level}>{html.escape(text)}</h{level}>") if self.scored else None

    def paragraph(self, text: str) -> HTML:
        return HTML(f"<p>{html.escape(text)}</p>")

    def measured_section(self, focus: str) -> HTML:
        """The accuracy on articles the rules were not tuned on, what it means, and where it comes from."""
        own = self.run.scores if self.run else None
        development = self.status.kind == "development"
        parts = [meaning_html(self.mode, focus, self.measured, self.heldout, own, development)]
        parts.append(_table_html(self.unseen_table(focus, per_story=False)))
        if self.measured is not None:
            parts.append("<p>Per story of the second development set:</p>")
            parts.append(_table_html(self.unseen_table(focus, per_story=True)))
        parts.append(f"<p>To measure accuracy on your own articles, {guide_html()}.</p>")
        parts.append(f"<p class='sources'><small>{html.escape(self.sources())}</small></p>")
        return HTML("".join(parts))

    def unseen_table(self, focus: str, per_story: bool) -> pd.DataFrame:
        """Figures on unseen articles, this page's mode first: held-out and pooled, or per story."""
        if per_story:
            table = accuracy.measured_table(self.measured)
            table = table.loc[~table["articles"].str.endswith(", pooled")]
        else:
            pooled = accuracy.measured_table(self.measured, pooled_only=True) if self.measured else None
            table = pd.concat([accuracy.heldout_table(self.heldout), pooled])
        table = table.assign(_other=table["mode"] != self.mode).sort_values("_other", kind="stable")
        names = {"articles": "articles", "mode": "mode", "n": "n articles", **COLUMNS[focus]}
        return table.reindex(columns=list(names)).rename(columns=names).reset_index(drop=True)

    def sources(self) -> str:
        held = f"{accuracy.HELDOUT} (version {self.heldout['version']}): {self.heldout['source']}"
        if self.measured is None:
            return f"Held-out: {held} The figures on other stories ({accuracy.MEASURED}) are missing."
        return (
            f"Other stories: {accuracy.MEASURED} (sha256 {self.measured_hash}), written by "
            f"tools/evaluate_stories.py from data/stories/ ({', '.join(self.measured.get('stories', []))}). "
            f"Held-out: {held}"
        )


def meaning_html(
    mode: str, focus: str, measured: dict | None, heldout: dict, own: dict | None = None, development: bool = False
) -> str:
    """What the figures measured on unseen articles mean for the outlet figures, in plain words.
    ``own``: the scores of the report corpus's gold, when it has one (its ``per_outlet`` errors);
    ``development``: that gold is the development set."""
    share = accuracy.SHARE_NAMES[focus]
    pooled = accuracy.pooled_figures(measured, mode)
    parts = [accuracy.detector_sentence(focus, mode, pooled, heldout)]
    prefix = "attribution" if focus == "attribution" else "hedge_cue"
    if pooled and pooled[f"{prefix}_precision"] and pooled[f"{prefix}_recall"]:
        # found / true = (tp / precision) / (tp / recall)
        ratio = pooled[f"{prefix}_recall"] / pooled[f"{prefix}_precision"]
        what = "attributions" if focus == "attribution" else "hedge cues"
        parts.append(f"So an outlet's count of {what} comes out at about {ratio:.0%} of the true count.")
    if focus == "attribution":
        parts.append("A source-type share is off wherever one type is taken for another.")
    errors = accuracy.outlet_errors(measured, mode, focus) if measured and mode in measured["modes"] else []
    held_max = heldout["modes"].get(mode, {}).get(accuracy.HELDOUT_MAX[focus])
    held_text = f"; by up to {held_max:.1f} on the held-out articles of the bundled story" if held_max else ""
    if errors:
        parts.append(
            f"Per outlet, the {share} was off by {statistics.median(errors):.1f} percentage points in a typical "
            f"outlet and by up to {max(errors):.1f} ({len(errors)} outlets of the other stories, mostly one "
            f"article each: more articles per outlet average out chance errors, but not systematic ones){held_text}."
        )
    elif held_max is not None:
        parts.append(f"Per outlet, the {share} was off by up to {held_max:.1f} percentage points on held-out articles.")
    own_errors = [float(v) for v in ((own or {}).get("per_outlet", {}).get(accuracy.ERROR_KEYS[focus]) or {}).values()]
    if own_errors:
        which = "development gold (the rules were tuned on it)" if development else "own gold"
        parts.append(f"On this corpus's {which} the largest per-outlet error is {max(own_errors):.1f} points.")
    limit = accuracy.outlet_threshold(mode, focus, measured, heldout)
    if limit is not None:
        parts.append(
            f"<strong>Compare two outlets' {share}s only when they differ by more than about {limit[0]:.0f} "
            f"percentage points</strong> ({limit[1]}): a smaller difference can come from the detector's errors alone."
        )
    return "<p>" + " ".join(parts) + "</p>"


def _table_html(frame: pd.DataFrame) -> str:
    return display.show(frame.rename(columns={"mode": "detector_mode"}), codes=["detector_mode"]).html


def evaluation_page(corpus, story, gold, mode: str, run_id: str | None) -> EvaluationPage:
    """Score the corpus when it has gold, and gather the figures measured on unseen articles."""
    status = gold_status(corpus, gold)
    settings = Settings(mode=mode, story=story)
    parameters = {"corpus": corpus, "story": story, "gold": Path(gold).name if gold else None, "mode": mode}
    if status.scored:
        run = run_evaluation(corpus, status.gold, settings, dayfirst=dayfirst_from_environment())
        analysis, source = run.analysis, corpus or "bundled sample corpus"
    else:  # the report command's analysis of the corpus (cached), for its provenance
        run, data = None, load_report_data(corpus, mode=mode, story=story)
        analysis, source = data.analysis, data.corpus.source
    record = provenance.provenance(
        analysis.corpus_hash, source, parameters, analysis.settings, run_id, story=analysis.story
    )
    found = accuracy.measured_figures()
    measured, measured_hash = (found[0], found[1].sha256) if found else (None, None)
    return EvaluationPage(status, mode, record, run, measured, measured_hash, accuracy.heldout_figures())
