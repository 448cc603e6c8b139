"""The tables of a corpus larger than memory, written a partition at a time (``analyze --stream``).

Each partition's rows (sentences, boilerplate, cues, attributions) go to disk as one part of a
Parquet dataset per table (``pipeline.partitions``) and are dropped; what is kept is one row per
document: its metadata and figures (``documents``) and the counts the outlet summary pools
(``summary.document_figures``). The outlet summary is pooled from those at the end, the same
figures ``analyze`` gives when the claims come from the story file, since every count is a
document's own. Memory so grows by about a kilobyte per document, not with its findings.

Left out, because they need every document at once: claims shared across outlets (no ``claims``
and ``claim_drift`` tables; the unattributed assertions, a partitioned table too, are only of the
story's key claims), and sides not given by a story file (none are inferred).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis.aggregation.claim_groups import CLAIM_COLUMNS
from analysis.aggregation.claims import unattributed_assertions
from analysis.aggregation.summary import CORPUS_TABLES, document_figures, outlet_summary_from
from analysis.pipeline.engines import Execution
from analysis.pipeline.partitions import PartitionedTables
from analysis.pipeline.run import Analysis
from analysis.pipeline.stream import DOCUMENT_TABLES, PARTITION_DOCUMENTS, analysed_partitions
from analysis.pipeline.tables import STREAMED_FOLDERS, TABLE_SUFFIXES, stable_order, staged_output, write_table_set
from analysis.settings import Settings

TABLES = ("documents", "rejected", "document_figures", "outlet_summary", "sides")
NO_SHARED_CLAIMS = pd.DataFrame(columns=CLAIM_COLUMNS)


@dataclass
class StreamedAnalysis:
    """What a streamed analysis keeps in memory: one row per document, and the pooled summary."""

    documents: pd.DataFrame
    rejected: pd.DataFrame
    document_figures: pd.DataFrame
    outlet_summary: pd.DataFrame
    sides: pd.DataFrame
    sides_status: str
    corpus_hash: str
    parse_stats: dict = field(default_factory=dict)


def output_names() -> set[str]:
    """Every file a streamed set holds beside its folders of parts, and those of an ``analyze`` set
    (which a streamed set may replace)."""
    tables = set(TABLES) | set(CORPUS_TABLES)  # the folders of parts are checked as such (``tables``)
    return {f"{name}{suffix}" for name in tables for suffix in TABLE_SUFFIXES}


def stream_corpus_tables(
    stream,
    out_dir: str | Path,
    settings: Settings | None = None,
    execution: Execution | None = None,
    *,
    partition_documents: int = PARTITION_DOCUMENTS,
    progress: bool | None = None,
) -> StreamedAnalysis:
    """Analyse ``stream`` (``corpus.streaming.stream_corpus``) and write its tables into
    ``out_dir``: a Parquet dataset per partitioned table, Parquet and CSV for the rest. The set
    replaces the previous one at once, when complete."""
    settings = settings or Settings()
    stats: dict = {}
    kept: dict[str, list[pd.DataFrame]] = {"documents": [], "rejected": [], "document_figures": []}
    with staged_output(out_dir, output_names()) as staging:
        writer = PartitionedTables(staging, STREAMED_FOLDERS)
        partitions = analysed_partitions(
            stream, settings, execution, partition_documents=partition_documents, progress=progress, stats=stats
        )
        for part in partitions:
            for name in DOCUMENT_TABLES:
                writer.write(name, stable_order(getattr(part, name)))
            kept["documents"].append(part.documents)
            kept["rejected"].append(part.rejected)
            assertions = unattributed_assertions(part, shared_claims=NO_SHARED_CLAIMS)
            writer.write("unattributed_assertions", stable_order(assertions))
            kept["document_figures"].append(document_figures(part, assertions))
        writer.finish()
        result = _pooled(kept, stream, part, stats)  # there is always a partition, if an empty one
        write_table_set({name: getattr(result, name) for name in TABLES}, staging)
    return result


def _pooled(kept: dict, stream, last: Analysis, stats: dict) -> StreamedAnalysis:
    """The kept rows pooled; ``last``: the last partition (the story's sides are every one's)."""
    documents = _concat(kept["documents"])
    figures = _concat(kept["document_figures"])
    rejected = pd.concat([stream.rejected, *kept["rejected"]], ignore_index=True)
    return StreamedAnalysis(
        documents=documents,
        rejected=rejected,
        document_figures=figures.sort_values("doc_id", kind="mergesort").reset_index(drop=True),
        outlet_summary=outlet_summary_from(figures, last.sides_status),
        sides=last.sides(),
        sides_status=last.sides_status,
        corpus_hash=stream.hash,
        parse_stats=stats,
    )


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """The frames with rows, one after another; the first (empty) frame when none has rows."""
    return pd.concat([f for f in frames if len(f)] or frames[:1], ignore_index=True)
