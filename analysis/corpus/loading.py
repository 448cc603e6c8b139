"""Loading a corpus: the bundled sample, a folder of .txt files with metadata.csv, or one table file.

Every input document ends up either in ``Corpus.documents`` or in ``Corpus.rejected`` with a
reason; problems with the corpus as a whole (missing columns, no metadata) raise ``CorpusError``.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from analysis.corpus.dates import CorpusWarning, parse_date, parse_dates  # noqa: F401  (part of the API)
from analysis.corpus.textio import UndecodableText, decode_with_note
from analysis.resources import sample_dir

BUNDLED_CORPUS = sample_dir() / "corpus"
METADATA_FILE = "metadata.csv"
TABLE_SUFFIXES = {".csv", ".jsonl", ".parquet"}
MAX_DOCUMENT_BYTES = 50 * 1024 * 1024
REJECTED_COLUMNS = ["doc_id", "file", "stage", "reason"]
CSV_OPTIONS = {"dtype": str, "keep_default_na": False, "encoding": "utf-8-sig"}  # for pd.read_csv
JSONL_OPTIONS = {"lines": True, "dtype": False}  # for pd.read_json


class CorpusError(ValueError):
    """The corpus as a whole cannot be read (the message names the file and the problem)."""


@dataclass
class Corpus:
    """Documents (one row each, with ``text``) and the inputs that were rejected, with reasons."""

    documents: pd.DataFrame
    rejected: pd.DataFrame
    source: str
    messages: list[str] = field(default_factory=list)

    @property
    def hash(self) -> str:
        """Content hash of the accepted documents and their metadata (for provenance)."""
        return content_hash(self.documents, lambda rec: hashlib.sha256(rec["text"].encode("utf-8")).digest())

    def __len__(self) -> int:
        return len(self.documents)


def content_hash(documents: pd.DataFrame, text_digest: Callable[[dict], bytes]) -> str:
    """``Corpus.hash``: per document in doc_id order, its text's sha256 digest (``text_digest(row)``) and metadata."""
    h = hashlib.sha256()
    meta_cols = [c for c in documents.columns if c != "text"]
    for values in documents.sort_values("doc_id").itertuples(index=False, name=None):
        rec = dict(zip(documents.columns, values))
        h.update(text_digest(rec))
        h.update(json.dumps({c: str(rec[c]) for c in meta_cols}, sort_keys=True).encode())
    return h.hexdigest()[:16]


class TextFacts(NamedTuple):
    """What accepting a document needs to know about its text, so a reader need not keep the text."""

    sha256: str  # hex digest of the text's UTF-8
    n_bytes: int
    blank: bool
    encoding: str = "utf-8"
    decoding: str = ""  # what decoding had to do ("" for clean UTF-8)

    @classmethod
    def of(cls, text: str, n_bytes: int | None = None, encoding: str = "utf-8", decoding: str = "") -> TextFacts:
        data = text.encode("utf-8")
        n_bytes = len(data) if n_bytes is None else n_bytes
        return cls(hashlib.sha256(data).hexdigest(), n_bytes, not text.strip(), encoding, decoding)


def load_corpus(
    path: str | Path | None = None, *, max_bytes: int = MAX_DOCUMENT_BYTES, dayfirst: bool = False
) -> Corpus:
    """Load a corpus.

    path: None for the bundled sample corpus; a folder of ``.txt`` files with a
    ``metadata.csv`` (columns ``file`` or ``doc_id``, and ``outlet``; other columns kept);
    or one ``.csv``, ``.jsonl`` or ``.parquet`` file with ``text`` and ``outlet`` columns.
    A folder's files are read only where they resolve inside the folder (no ``..``, absolute paths
    or symlinks that point out). dayfirst: read dates like 04/03/2025 day first (see ``dates``).
    """
    path, source = locate(path)
    loader = Loader(max_bytes)
    (loader.read_folder if path.is_dir() else loader.read_table)(path)
    return loader.finish(source, dayfirst)


def locate(path: str | Path | None) -> tuple[Path, str]:
    """The corpus path (the bundled sample for None) and the name its source goes by."""
    path = BUNDLED_CORPUS if path is None else Path(path)
    if not path.exists():
        raise CorpusError(f"{path}: no such file or folder")
    if path.is_dir():
        return path, "bundled sample corpus" if path.resolve() == BUNDLED_CORPUS else path.name
    if path.suffix.lower() in TABLE_SUFFIXES:
        return path, path.name
    raise CorpusError(f"{path}: not a folder and not one of {sorted(TABLE_SUFFIXES)}")


class Loader:
    """Accepts or rejects (with a reason) each input document in turn; also for the streaming reader."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self.rows: list[dict] = []
        self.rejected: list[dict] = []
        self.messages: list[str] = []
        self.seen: dict[str, str] = {}

    def reject(self, doc_id, file, reason, stage="load"):
        self.rejected.append({"doc_id": doc_id, "file": file, "stage": stage, "reason": reason})

    def accept(self, meta: dict, where: str, facts: TextFacts, text, source) -> None:
        doc_id = meta["doc_id"]
        if doc_id in self.seen:
            return self.reject(doc_id, where, f"duplicate doc_id {doc_id!r} (first used by {self.seen[doc_id]})")
        if not str(meta.get("outlet", "")).strip():
            return self.reject(doc_id, where, "missing outlet")
        if facts.blank:
            return self.reject(doc_id, where, "empty document")
        self.seen[doc_id] = where
        row = {**meta, "file": where, "encoding": facts.encoding, "decoding": facts.decoding}
        row.update({"n_bytes": facts.n_bytes, "sha256": facts.sha256, "text": self.keep(text, source)})
        self.rows.append(row)

    def keep(self, text: str, source):
        """What an accepted document keeps of its text (``source``: the file's Path, or the table row number)."""
        return text

    def read_folder(self, folder: Path):
        meta_path = folder / METADATA_FILE
        if not meta_path.exists():
            raise CorpusError(
                f"{folder}: no {METADATA_FILE}; it needs a 'file' (or 'doc_id') column "
                "and an 'outlet' column, one row per .txt file"
            )
        meta = _read_csv(meta_path)
        has_key = "file" in meta.columns or "doc_id" in meta.columns
        need = ["file or doc_id"] * (not has_key) + ["outlet"] * ("outlet" not in meta.columns)
        if need:
            raise CorpusError(f"{meta_path}: missing required column(s) {need}; found {list(meta.columns)}")
        self.read_named_files(folder, meta)

    def read_named_files(self, folder: Path, meta: pd.DataFrame):
        """Read every file a metadata row names, inside the folder; list the files no row names."""
        root = folder.resolve()
        named: set[Path] = set()
        for n, rec in enumerate(meta.to_dict("records"), start=2):  # line 1 is the header
            name = rec.get("file") or (f"{rec['doc_id']}.txt" if rec.get("doc_id") else "")
            if not name:
                self.reject("", f"{METADATA_FILE} line {n}", "metadata row names no file")
                continue
            rec["doc_id"] = rec.get("doc_id") or Path(name).stem
            file_path = inside(root, name)
            named.add(Path(os.path.normpath(root / name)))  # the link itself, wherever it points
            if file_path is None:
                self.reject(rec["doc_id"], name, f"metadata row (line {n}) names a path outside the corpus folder")
                continue
            named.add(file_path)
            if not file_path.is_file():
                self.reject(rec["doc_id"], name, f"metadata row (line {n}) names a file that does not exist")
                continue
            rec.pop("file", None)
            read = read_document(file_path, self.max_bytes)
            if isinstance(read, str):
                self.reject(rec["doc_id"], name, read)
                continue
            text, facts = read
            if facts.decoding:
                self.messages.append(f"{name}: {facts.decoding}; offsets refer to the decoded text")
            self.accept(rec, name, facts, text, file_path)
        for shown in unnamed_files(root, named):
            self.reject(Path(shown).stem, shown, f"no row in {METADATA_FILE} (outlet unknown); not read")

    def read_table(self, path: Path):
        read = {".csv": _read_csv, ".jsonl": lambda p: pd.read_json(p, **JSONL_OPTIONS)}.get(path.suffix.lower())
        with unreadable_as(path):
            table = (read or pd.read_parquet)(path)
        require_columns(path, table.columns)
        for n, rec in enumerate(table.to_dict("records"), start=1):
            self.table_row(path, n, rec)

    def table_row(self, path: Path, n: int, rec: dict, facts: TextFacts | None = None):
        """Row n of a table file; ``facts``, if given, measure its text for the caller (``text`` is a placeholder)."""
        where = f"{path.name} row {n}"
        rec = {k: ("" if _is_missing(v) else v) for k, v in rec.items()}
        rec["doc_id"] = str(rec.get("doc_id") or f"{path.stem}-{n:05d}")
        text = rec.pop("text")
        if facts is None:
            if not isinstance(text, str):
                return self.reject(rec["doc_id"], where, f"text is not a string ({type(text).__name__})")
            facts = TextFacts.of(text)
        if facts.n_bytes > self.max_bytes:
            return self.reject(rec["doc_id"], where, f"text is over the {self.max_bytes:,}-byte limit")
        self.accept({k: str(v) for k, v in rec.items()}, where, facts, text, n)

    def documents(self, dayfirst: bool = False) -> pd.DataFrame:
        """The accepted documents with their dates parsed, ``doc_id``, ``file``, ``outlet`` first and ``text`` last."""
        documents = pd.DataFrame(self.rows)
        if documents.empty:
            documents = pd.DataFrame(columns=["doc_id", "outlet", "file", "encoding", "decoding", "text"])
        documents = parse_dates(documents, self.messages, dayfirst)
        first = ["doc_id", "file", "outlet"]
        documents = documents[first + [c for c in documents.columns if c not in first + ["text"]] + ["text"]]
        return documents.reset_index(drop=True)

    def finish(self, source: str, dayfirst: bool = False) -> Corpus:
        rejected = pd.DataFrame(self.rejected, columns=REJECTED_COLUMNS)
        return Corpus(self.documents(dayfirst), rejected, source, self.messages)


def read_document(file_path: Path, max_bytes: int) -> tuple[str, TextFacts] | str:
    """Read and decode one file: (text, facts), or the reason it cannot be a document."""
    try:
        size = file_path.stat().st_size
        if size > max_bytes:
            return f"file is {size:,} bytes, over the {max_bytes:,}-byte limit"
        data = file_path.read_bytes()
    except OSError as exc:
        return f"unreadable: {exc.strerror or exc}"
    try:
        text, encoding, note = decode_with_note(data)
    except UndecodableText as exc:
        return str(exc)
    return text, TextFacts.of(text, len(data), encoding, note)


@contextmanager
def unreadable_as(path: Path) -> Iterator[None]:
    """Turns an error reading a table file into the ``CorpusError`` that names the file and format."""
    try:
        yield
    except (ValueError, OSError, UnicodeDecodeError) as exc:
        raise CorpusError(f"{path}: cannot be read as {path.suffix[1:].upper()}: {exc}") from exc


def require_columns(path: Path, columns) -> None:
    missing = [c for c in ("text", "outlet") if c not in columns]
    if missing:
        raise CorpusError(f"{path}: missing required column(s) {missing}; found {list(columns)}")


@contextmanager
def csv_errors(path: Path) -> Iterator[None]:
    try:
        yield
    except UnicodeDecodeError as exc:
        raise CorpusError(f"{path}: not UTF-8 ({exc.reason} at byte {exc.start})") from exc
    except pd.errors.ParserError as exc:
        raise CorpusError(f"{path}: malformed CSV: {exc}") from exc


def _read_csv(path: Path) -> pd.DataFrame:
    with csv_errors(path):
        return strip_names(pd.read_csv(path, **CSV_OPTIONS))


def strip_names(table: pd.DataFrame) -> pd.DataFrame:
    table.columns = [str(c).strip() for c in table.columns]
    return table


def _is_missing(value) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def inside(root: Path, name: str) -> Path | None:
    """The resolved path a metadata row names; None when it leads outside ``root`` (``..``, absolute, symlink out)."""
    candidate = (root / name).resolve()
    return candidate if candidate.is_relative_to(root) else None


def unnamed_files(root: Path, named: set[Path]) -> list[str]:
    """Files in the folder and its subfolders (not entering symlinked folders) that no metadata row names,
    whatever their extension, relative to the folder. Hidden files and the metadata file are not documents."""
    found = []
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        for name in files:
            path = Path(folder) / name
            relative = path.relative_to(root).as_posix()
            if name.startswith(".") or relative == METADATA_FILE:
                continue
            if path not in named and path.resolve() not in named:
                found.append(relative)
    return sorted(found)
