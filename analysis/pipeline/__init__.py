"""Stage 4, the per-document pipeline over a corpus, and the tidy tables it writes."""

from analysis.pipeline.run import Analysis, analyze_corpus, process_document

__all__ = ["Analysis", "analyze_corpus", "process_document"]
