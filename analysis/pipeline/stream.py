"""A corpus analysed a partition at a time, for corpora larger than memory (``analyze --stream``).

``analysed_partitions`` reads the corpus a batch of documents at a time (``corpus.streaming``),
runs them through the same per-document pipeline and engines as ``analyze_corpus`` and yields one
``Analysis`` per batch, in input order, so a caller can write its rows and keep only what it pools
(``aggregation.streamed``). Only a few batches are in memory at once, whatever the corpus size.

What needs every document at once is not done here: sides come from the story file only (none
are inferred, and the bundled story is not picked by itself), and ``rejected`` holds only the
documents the cleaning stage rejected (the reader's rejections are the stream's).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator

import pandas as pd

from analysis.corpus.loading import REJECTED_COLUMNS
from analysis.pipeline.collect import Collected
from analysis.pipeline.engines import Execution, run_batches
from analysis.pipeline.progress import progress_bar
from analysis.pipeline.run import FIGURE_COLUMNS, Analysis, check_rule_names, table_frame
from analysis.settings import Settings
from analysis.story import load_story

PARTITION_DOCUMENTS = 500  # documents per partition (one part of each table): about 40 MB of rows
DOCUMENT_TABLES = ("sentences", "boilerplate", "cues", "attributions")


class _Pending:
    """The metadata of the partitions read but not yet analysed, and the results gathered."""

    def __init__(self):
        self.metadata: deque[pd.DataFrame] = deque()
        self.results: list = []
        self.columns = pd.DataFrame(columns=["doc_id", "file", "outlet"])  # the metadata's, once seen

    def items(self, stream, size: int) -> Iterator[tuple[str, str]]:
        for frame in stream.batches(size):
            self.columns = frame.iloc[:0].drop(columns=["text"])
            if not len(frame):
                continue
            self.metadata.append(frame.drop(columns=["text"]))
            yield from zip(frame["doc_id"].tolist(), frame["text"].tolist())

    def complete(self) -> bool:
        return bool(self.metadata) and len(self.results) >= len(self.metadata[0])


def analysed_partitions(
    stream,
    settings: Settings,
    execution: Execution | None = None,
    *,
    partition_documents: int = PARTITION_DOCUMENTS,
    progress: bool | None = None,
    stats: dict | None = None,
) -> Iterator[Analysis]:
    """One ``Analysis`` per partition of ``stream`` (a ``corpus.streaming.CorpusStream``), in input
    order. ``stats`` (a dict) gets the parse figures added up: cache_hits, parsed, notes."""
    check_rule_names(settings)
    story = load_story(settings.story) if settings.story is not None else None
    stats = stats if stats is not None else {}
    for key, empty in (("cache_hits", 0), ("parsed", 0), ("notes", [])):
        stats.setdefault(key, empty)
    pending = _Pending()
    bar = progress_bar(None, progress, total=None, desc="analysing", unit="doc")
    n_partitions = 0
    for batch in run_batches(pending.items(stream, partition_documents), settings, execution or Execution()):
        stats["cache_hits"] += batch.cache_hits
        stats["parsed"] += batch.parsed
        stats["notes"] += batch.notes
        pending.results += batch.results
        bar.update(len(batch.results))
        while pending.complete():
            metadata = pending.metadata.popleft()
            results, pending.results = pending.results[: len(metadata)], pending.results[len(metadata) :]
            n_partitions += 1
            yield partition_analysis(metadata, results, settings, story)
    bar.close()
    if not n_partitions:  # no document: one empty partition, so every table has its columns
        yield partition_analysis(pending.columns, [], settings, story)


def partition_analysis(metadata: pd.DataFrame, results: list, settings: Settings, story) -> Analysis:
    """The Analysis of one partition: its documents' metadata (no text) and per-document results."""
    collected = Collected()
    for result in results:
        collected.add(result)
    figures = pd.DataFrame(collected.figures, columns=FIGURE_COLUMNS)
    files = dict(zip(metadata["doc_id"], metadata["file"]))
    rejected = [
        {"doc_id": doc_id, "file": files[doc_id], "stage": "clean", "reason": reason}
        for doc_id, reason in collected.rejected
    ]
    return Analysis(
        documents=metadata.merge(figures, on="doc_id", how="inner").reset_index(drop=True),
        rejected=pd.DataFrame(rejected, columns=REJECTED_COLUMNS),
        sentences=table_frame(collected.tables["sentences"], "sentences"),
        boilerplate=table_frame(collected.tables["boilerplate"], "boilerplate"),
        cues=table_frame(collected.tables["cues"], "cues"),
        attributions=table_frame(collected.tables["attributions"], "attributions"),
        settings=settings,
        corpus_hash="",
        story=story,
    )
