"""``analyze --stream``: the tables of a corpus larger than memory (``aggregation.streamed``)."""

from __future__ import annotations

import argparse
import sys

from analysis.pipeline.execution_args import execution_from, positive_int, report_parse_stats
from analysis.pipeline.stream import PARTITION_DOCUMENTS
from analysis.settings import Settings

STREAM_HELP = (
    "read the corpus and write the tables a partition of documents at a time, for a corpus larger than "
    "memory: sentences, boilerplate, cues, attributions and unattributed assertions as Parquet datasets "
    "(folders of parts), "
    "the rest as Parquet and CSV. Sides come from the story file only, and no claims are grouped "
    "across outlets (README: Corpora larger than memory)"
)


def add_stream_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--stream", action="store_true", help=STREAM_HELP)
    p.add_argument(
        "--partition-documents",
        type=positive_int,
        default=PARTITION_DOCUMENTS,
        metavar="N",
        help="with --stream: documents per partition, one part of each table (default: %(default)s)",
    )


def analyze_streamed(args, settings: Settings):
    """Run the streamed analysis; print its notes on stderr. Returns the StreamedAnalysis and the
    number of inputs (documents read and rejected)."""
    from analysis.aggregation.streamed import stream_corpus_tables
    from analysis.corpus.streaming import stream_corpus

    execution = execution_from(args)
    stream = stream_corpus(args.corpus, dayfirst=args.dayfirst)  # the first pass: every note is known
    for message in stream.messages:
        print(f"note: {message}", file=sys.stderr)
    result = stream_corpus_tables(stream, args.out, settings, execution, partition_documents=args.partition_documents)
    report_parse_stats(result.parse_stats, execution)
    if settings.story is None:
        print("note: --stream infers no sides: figures by side are left out; pass --story", file=sys.stderr)
    print(
        "note: --stream groups no claims across outlets: no claims or claim_drift table, and unattributed "
        "assertions only of the story file's key claims",
        file=sys.stderr,
    )
    return result, stream.n_documents + len(stream.rejected)
