"""Stage 1, the corpus: loading documents and metadata, decoding, and cleaning page furniture."""

from analysis.corpus.loading import BUNDLED_CORPUS, Corpus, CorpusError, load_corpus

__all__ = ["BUNDLED_CORPUS", "Corpus", "CorpusError", "load_corpus"]
