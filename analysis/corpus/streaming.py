"""Reading a corpus too large for memory: the documents of ``load_corpus``, a batch at a time.

``stream_corpus`` reads the corpus twice. Its first pass, done at once, applies ``Loader``'s rules
to every input in turn, reading each text to measure it (sha256, size, decoding) but keeping only
where it is. So the accepted documents with their metadata and parsed dates, the rejected inputs,
the messages and the hash are known before any text is kept, and are those of ``load_corpus``.
``CorpusStream.batches`` then reads the texts again, a batch at a time, and checks each against its
sha256 from the first pass: an input that changed in between is a ``CorpusError``.

Tables are read ``METADATA_ROWS`` rows at a time in the first pass (JSONL a line at a time) and
``size`` rows at a time for batches of ``size``, so besides its batch the reader holds at most one
such chunk of texts; a Parquet file is read a row group at a time, so a large corpus should be
written in row groups of a few thousand rows (pyarrow's ``row_group_size``).

A JSONL line is parsed with ``json``; the metadata of all lines (each text string swapped for a
placeholder) is then read by ``pd.read_json`` as ``load_corpus`` reads the whole file, so that
values and column types are the same (an integer column with a null turns float there, and here).
Where the two JSON parsers differ the results may differ: the wording of a syntax error; integers
beyond 64 bits (an error either way); text strings holding lone surrogates (``"\\ud800"``); and
lines that are not JSON objects (refused here with a ``CorpusError``).
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Iterable, Iterator
from itertools import chain, islice, zip_longest
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from analysis.corpus.loading import (
    CSV_OPTIONS,
    JSONL_OPTIONS,
    MAX_DOCUMENT_BYTES,
    REJECTED_COLUMNS,
    CorpusError,
    Loader,
    TextFacts,
    content_hash,
    csv_errors,
    locate,
    read_document,
    require_columns,
    strip_names,
    unreadable_as,
)

METADATA_ROWS = 256  # rows of a table file read at a time in the first pass


def stream_corpus(
    path: str | Path | None = None, *, max_bytes: int = MAX_DOCUMENT_BYTES, dayfirst: bool = False
) -> CorpusStream:
    """The corpus ``load_corpus(path, max_bytes=..., dayfirst=...)`` loads, to be read in batches.

    The first pass runs here: errors about the corpus as a whole (no such path, no metadata.csv,
    missing columns, an unreadable table) are raised now, as ``load_corpus`` raises them, and so
    are the ``CorpusWarning``s about dates. Texts are read by ``CorpusStream.batches``."""
    path, source = locate(path)
    first = _FirstPass(max_bytes)
    if path.is_dir():
        first.read_folder(path)
    else:
        _TABLES[path.suffix.lower()][0](path, first)
    return CorpusStream(path, source, first, dayfirst)


class _FirstPass(Loader):
    """``Loader``'s rules, keeping where each accepted text is (``sources``) instead of the text."""

    def __init__(self, max_bytes: int):
        super().__init__(max_bytes)
        self.sources: list[Path | int] = []

    def keep(self, text, source):
        self.sources.append(source)
        return None


class CorpusStream:
    """A corpus read in batches of documents (see ``stream_corpus``).

    ``source``, ``messages``, ``rejected`` and ``hash`` are those of the ``Corpus`` that
    ``load_corpus`` returns for the same input, and are complete from the start (the first pass
    decides every document); ``n_documents`` is the number of documents accepted."""

    def __init__(self, path: Path, source: str, first: _FirstPass, dayfirst: bool):
        self.path = path
        self.source = source
        self.messages: list[str] = first.messages
        self._max_bytes = first.max_bytes
        self._sources = first.sources
        self._documents = first.documents(dayfirst)  # every column, "text" empty
        self._rejected = pd.DataFrame(first.rejected, columns=REJECTED_COLUMNS)
        self.n_documents = len(self._documents)

    @property
    def rejected(self) -> pd.DataFrame:
        return self._rejected

    @property
    def hash(self) -> str:
        """``Corpus.hash``, from each document's sha256 column (no text needed)."""
        return content_hash(self._documents, lambda rec: bytes.fromhex(rec["sha256"]))

    def batches(self, size: int) -> Iterator[pd.DataFrame]:
        """Frames of at most ``size`` documents with the columns of ``Corpus.documents``, each indexed
        by the documents' positions; concatenated, they are ``load_corpus(path).documents``. Texts
        are read for one batch at a time. A corpus without documents gives one empty frame.
        Each call reads the texts afresh; ``CorpusError`` if an input changed since the first pass."""
        if size < 1:
            raise ValueError(f"batch size must be at least 1, not {size}")
        return self._batches(size)

    def _batches(self, size: int) -> Iterator[pd.DataFrame]:
        if self._documents.empty:
            yield self._documents.copy()
            return
        texts = self._texts(size)
        for start in range(0, self.n_documents, size):
            batch = self._documents.iloc[start : start + size].copy()
            try:
                batch["text"] = self._checked(batch, list(islice(texts, len(batch))))
            except CorpusError:
                raise
            except (ValueError, OSError) as exc:
                raise CorpusError(f"{self.path}: changed while being read ({exc})") from exc
            yield batch

    def _texts(self, size: int) -> Iterator:
        """Each accepted document's text, in order, read again."""
        if self.path.is_dir():
            return _file_texts(self._sources, self._max_bytes)
        return _picked(self._sources, _TABLES[self.path.suffix.lower()][1](self.path, size))

    def _checked(self, batch: pd.DataFrame, texts: list) -> list[str]:
        for where, sha256, text in zip_longest(batch["file"], batch["sha256"], texts):
            if not isinstance(text, str) or hashlib.sha256(text.encode("utf-8")).hexdigest() != sha256:
                raise CorpusError(f"{self.path}: {where} changed while being read (its text is not the one first read)")
        return texts


def _file_texts(paths: list[Path], max_bytes: int) -> Iterator[str]:
    for path in paths:
        read = read_document(path, max_bytes)
        if isinstance(read, str):
            raise CorpusError(f"{path}: changed while being read ({read})")
        yield read[0]


def _picked(rows: list[int], values: Iterable) -> Iterator:
    """The values numbered (from 1) in ``rows``, an increasing list, reading no further than the last."""
    wanted = iter(rows)
    want = next(wanted, None)
    for n, value in enumerate(values, start=1):
        if n == want:
            yield value
            want = next(wanted, None)
            if want is None:
                return


def _guarded(path: Path, items: Iterator) -> Iterator:
    """The items, each read under ``unreadable_as`` (the errors ``load_corpus`` reports for a table)."""
    end = object()
    while True:
        with unreadable_as(path):
            item = next(items, end)
        if item is end:
            return
        yield item


# --- CSV: read in chunks as load_corpus reads it whole (every cell a string)
def _csv_chunks(path: Path, rows: int) -> Iterator[pd.DataFrame]:
    with csv_errors(path), pd.read_csv(path, chunksize=rows, **CSV_OPTIONS) as reader:
        for chunk in reader:
            yield strip_names(chunk)


def _scan_csv(path: Path, first: _FirstPass) -> None:
    chunks = _guarded(path, _csv_chunks(path, METADATA_ROWS))
    head = next(chunks, pd.DataFrame())
    try:
        require_columns(path, head.columns)
    except CorpusError:
        for _ in chunks:  # an unreadable row further on is reported first, as by load_corpus
            pass
        raise
    records = (rec for chunk in chain([head], chunks) for rec in chunk.to_dict("records"))
    for n, rec in enumerate(records, start=1):
        first.table_row(path, n, rec)


def _csv_texts(path: Path, rows: int) -> Iterator:
    for chunk in _csv_chunks(path, rows):
        yield from chunk["text"].tolist()


# --- JSONL: a line at a time; the metadata of all lines read as pd.read_json reads the file
def _jsonl_lines(path: Path) -> Iterator[str]:
    """The stripped lines that are not blank, split at "\\n" only (as ``pd.read_json`` splits them)."""
    with path.open("rb") as f:
        for raw in f:
            line = raw.decode("utf-8").strip()
            if line:
                yield line


def _scan_jsonl(path: Path, first: _FirstPass) -> None:
    facts, lines = [], []
    for n, line in enumerate(_guarded(path, _jsonl_lines(path)), start=1):
        try:
            record = json.loads(line)
        except ValueError as exc:
            raise CorpusError(f"{path}: cannot be read as JSONL: row {n}: {exc}") from exc
        if not isinstance(record, dict):
            raise CorpusError(f"{path}: cannot be read as JSONL: row {n} is not a JSON object")
        text = record.get("text")
        try:
            facts.append(TextFacts.of(text) if isinstance(text, str) else None)
        except UnicodeEncodeError as exc:  # a lone surrogate such as "\ud800"
            raise CorpusError(f"{path}: row {n}: text is not valid Unicode ({exc.reason})") from exc
        if isinstance(text, str):
            record["text"] = ""  # a placeholder: the facts stand for the text
        lines.append(json.dumps(record))
    with unreadable_as(path):
        table = pd.read_json(io.StringIO("\n".join(lines)), **JSONL_OPTIONS)
    require_columns(path, table.columns)
    for n, (rec, fact) in enumerate(zip(table.to_dict("records"), facts), start=1):
        first.table_row(path, n, rec, fact)


def _jsonl_texts(path: Path, rows: int) -> Iterator:
    for line in _jsonl_lines(path):
        record = json.loads(line)
        yield record.get("text") if isinstance(record, dict) else None


# --- Parquet: the metadata columns read whole, the text column in batches
def _scan_parquet(path: Path, first: _FirstPass) -> None:
    with unreadable_as(path):
        schema = pq.ParquetDataset(path).schema  # (as pd.read_parquet opens it: the same errors)
    index = {c for c in (schema.pandas_metadata or {}).get("index_columns", []) if isinstance(c, str)}
    names = [c for c in schema.names if c not in index]  # the columns pd.read_parquet gives
    require_columns(path, names)
    strings = _holds_strings(schema.field("text").type)
    with unreadable_as(path):
        table = pd.read_parquet(path, columns=[c for c in names if c != "text" or not strings])
        texts = _parquet_texts(path, METADATA_ROWS) if strings else [None] * len(table)
        facts = [TextFacts.of(text) if isinstance(text, str) else None for text in texts]
    if strings:
        table["text"] = ["" if fact is not None else None for fact in facts]  # placeholders, or missing
    for n, (rec, fact) in enumerate(zip(table.to_dict("records"), facts), start=1):
        first.table_row(path, n, rec, fact)


def _holds_strings(kind: pa.DataType) -> bool:
    """Whether a column of this type holds strings (else it is read whole, as pandas reads it)."""
    if pa.types.is_dictionary(kind):
        kind = kind.value_type
    return pa.types.is_string(kind) or pa.types.is_large_string(kind) or pa.types.is_string_view(kind)


def _parquet_texts(path: Path, rows: int) -> Iterator:
    """The text column a row group at a time (``iter_batches`` may buffer the whole column)."""
    with pq.ParquetFile(path) as table:
        for group in range(table.num_row_groups):
            column = table.read_row_group(group, columns=["text"], use_pandas_metadata=False).column(0)
            for start in range(0, len(column), rows):
                yield from column.slice(start, rows).to_pylist()


# suffix -> (first pass, every row's text value in order)
_TABLES = {
    ".csv": (_scan_csv, _csv_texts),
    ".jsonl": (_scan_jsonl, _jsonl_texts),
    ".parquet": (_scan_parquet, _parquet_texts),
}
