"""A corpus analysis: ``analyze_corpus`` maps the per-document pipeline (``per_document``) over a
corpus, in batches and where ``Execution`` says (``engines``), and assembles the tidy tables.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import pandas as pd

from analysis.corpus.cleaning import load_rules
from analysis.corpus.loading import REJECTED_COLUMNS, Corpus
from analysis.detectors.attribution.detector import COLUMNS as ATTRIBUTION_COLUMNS
from analysis.detectors.hedging.detector import CUE_COLUMNS
from analysis.pipeline.collect import Collected, Columns
from analysis.pipeline.engines import Execution, run_batches
from analysis.pipeline.per_document import DocumentResult, process_document
from analysis.pipeline.progress import progress_bar
from analysis.pipeline.side_inference import EVIDENCE_COLUMNS, apply_sides, infer_sides
from analysis.pipeline.story_match import matching_bundled_story
from analysis.settings import Settings
from analysis.story import Story, load_story

SIDE_COLUMNS = ["side", "role", "aliases", "status"]
__all__ = ["Analysis", "DocumentResult", "Execution", "analyze_corpus", "process_document"]


@dataclass
class Analysis:
    """The tidy tables of one corpus analysis."""

    documents: pd.DataFrame
    rejected: pd.DataFrame
    sentences: pd.DataFrame
    boilerplate: pd.DataFrame
    cues: pd.DataFrame
    attributions: pd.DataFrame
    settings: Settings
    corpus_hash: str
    story: Story | None = None  # the story file's, an inferred one (status "inferred"), or None
    side_evidence: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=EVIDENCE_COLUMNS))
    parse_stats: dict = field(default_factory=dict)  # cache_hits, parsed, notes: how the parses were had

    @property
    def sides_status(self) -> str:
        """story_file, inferred or unknown (see ``analysis.vocabulary.SIDES_STATUSES``)."""
        return self.story.status if self.story is not None else "unknown"

    def sides(self) -> pd.DataFrame:
        """One row per side of the story (none when the sides are unknown)."""
        return sides_table(self.story)

    def tables(self) -> dict[str, pd.DataFrame]:
        return {
            "documents": self.documents,
            "rejected": self.rejected,
            "sentences": self.sentences,
            "boilerplate": self.boilerplate,
            "cues": self.cues,
            "attributions": self.attributions,
            "sides": self.sides(),
            "side_evidence": self.side_evidence,
        }


def sides_table(story: Story | None) -> pd.DataFrame:
    """One row per side of ``story`` (none without a story)."""
    return pd.DataFrame(story.table() if story else [], columns=SIDE_COLUMNS)


TABLE_COLUMNS = {
    "sentences": ["doc_id", "sentence_id", "paragraph", "is_headline", "start", "end", "in_quote", "text", "n_words"]
    + ["claim_terms", "content_negated", "source_terms"],
    "boilerplate": ["doc_id", "rule", "start", "end", "text"],
    "cues": CUE_COLUMNS,
    "attributions": ATTRIBUTION_COLUMNS,
}


FIGURE_COLUMNS = ["doc_id", "n_chars_raw", "n_chars_clean", "n_paragraphs", "n_sentences", "n_words"]
FIGURE_COLUMNS += ["n_boilerplate", "n_chars_removed"]


def table_frame(rows: Columns, name: str) -> pd.DataFrame:
    """A table with its declared columns first (also when there are no rows)."""
    columns = TABLE_COLUMNS[name]
    frame = rows.frame() if rows.n_rows else pd.DataFrame(columns=columns)  # empties ``rows``
    return frame[columns + [c for c in frame.columns if c not in columns]]


def known_rule_names(settings: Settings) -> set[str]:
    """Every context rule that ``Settings.disabled_rules`` can name: boilerplate, hedging, attribution."""
    from analysis.detectors.attribution.detector import RULES as ATTRIBUTION_RULES
    from analysis.detectors.hedging.lexicon import load_rules as load_hedge_rules

    boilerplate = {rule.name for rule in load_rules(settings.boilerplate_rules).rules}
    return boilerplate | set(load_hedge_rules()) | set(ATTRIBUTION_RULES)


def check_rule_names(settings: Settings) -> None:
    """A misspelt rule name would switch nothing off, silently: refuse it instead."""
    unknown = sorted(set(settings.disabled_rules) - known_rule_names(settings))
    if unknown:
        raise ValueError(
            f"unknown rule name(s) {unknown}; the rules are listed in analysis/data/"
            "boilerplate_rules.yaml, hedge_rules.yaml and attribution_rules.yaml"
        )


def analyze_corpus(
    corpus: Corpus, settings: Settings | None = None, progress: bool | None = None, execution: Execution | None = None
) -> Analysis:
    """Run the per-document pipeline over a corpus and assemble the tables.

    ``progress``: True or False shows a progress bar or not; None shows one in a Jupyter kernel
    (a widget) or on a terminal, and none otherwise (see ``analysis.pipeline.progress``).
    ``execution``: processes, engine and parse cache (default: this process, no cache); the tables
    do not depend on it."""
    settings = settings or Settings()
    check_rule_names(settings)
    docs = corpus.documents
    texts = dict(zip(docs["doc_id"], docs["text"]))
    settings, story_note = _with_matching_story(settings, texts)
    rejected = corpus.rejected.to_dict("records")
    files = dict(zip(docs["doc_id"], docs["file"]))
    collected, stats = _run(texts, settings, execution or Execution(), progress)
    rejected += [
        {"doc_id": doc_id, "file": files[doc_id], "stage": "clean", "reason": reason}
        for doc_id, reason in collected.rejected
    ]
    figures = pd.DataFrame(collected.figures, columns=FIGURE_COLUMNS)
    documents = docs.drop(columns=["text"]).merge(figures, on="doc_id", how="inner")
    tables = collected.tables
    attributions = table_frame(tables["attributions"], "attributions")
    story, evidence = _story_and_sides(
        settings, attributions, {f["doc_id"]: texts[f["doc_id"]] for f in collected.figures}
    )
    if story is not None and story.status == "inferred":
        attributions = apply_sides(attributions, story, settings.source_cues)
    return Analysis(
        documents=documents.reset_index(drop=True),
        rejected=pd.DataFrame(rejected, columns=REJECTED_COLUMNS),
        sentences=table_frame(tables["sentences"], "sentences"),
        boilerplate=table_frame(tables["boilerplate"], "boilerplate"),
        cues=table_frame(tables["cues"], "cues"),
        attributions=attributions,
        settings=settings,
        corpus_hash=corpus.hash,
        story=story if story is None or not story_note else dataclasses.replace(story, note=story_note),
        side_evidence=evidence,
        parse_stats=stats,
    )


def _run(texts: dict[str, str], settings: Settings, execution: Execution, progress) -> tuple[Collected, dict]:
    """Every document's rows, in input order, and the parse figures (cache hits, parsed, notes)."""
    collected = Collected()
    stats = {"cache_hits": 0, "parsed": 0, "notes": []}
    bar = progress_bar(None, progress, total=len(texts), desc="analysing", unit="doc")
    for batch in run_batches(texts.items(), settings, execution):
        stats["cache_hits"] += batch.cache_hits
        stats["parsed"] += batch.parsed
        stats["notes"] += batch.notes
        for result in batch.results:
            collected.add(result)
        bar.update(len(batch.results))
    bar.close()
    return collected, stats


def _with_matching_story(settings: Settings, texts: dict[str, str]) -> tuple[Settings, str | None]:
    """The settings with the bundled story file when none is given and the corpus is about its
    story (see ``story_match``), and the reason to show; else unchanged."""
    if settings.story is not None:
        return settings, None
    matched = matching_bundled_story(texts)
    if matched is None:
        return settings, None
    path, why = matched
    return settings.replace(story=path), f"bundled story file chosen: {why}"


def _story_and_sides(settings: Settings, attributions: pd.DataFrame, texts: dict[str, str]):
    """The story file's story, or sides inferred from the analysed documents' ``texts`` (with their
    evidence) when none is given."""
    if settings.story is not None:
        return load_story(settings.story), pd.DataFrame(columns=EVIDENCE_COLUMNS)
    return infer_sides(attributions, texts, min_documents=2 if len(texts) >= 3 else 1)
