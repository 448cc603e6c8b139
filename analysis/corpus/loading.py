"""Loading a corpus: the bundled sample, a folder of .txt files with metadata.csv, or one table file.

Every input document ends up either in ``Corpus.documents`` or in ``Corpus.rejected`` with a
reason; problems with the corpus as a whole (missing columns, no metadata) raise ``CorpusError``.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis.corpus.dates import CorpusWarning, parse_date, parse_dates  # noqa: F401  (part of the API)
from analysis.corpus.textio import UndecodableText, decode_with_note
from analysis.resources import sample_dir

BUNDLED_CORPUS = sample_dir() / "corpus"
METADATA_FILE = "metadata.csv"
TABLE_SUFFIXES = {".csv", ".jsonl", ".parquet"}
MAX_DOCUMENT_BYTES = 50 * 1024 * 1024
REJECTED_COLUMNS = ["doc_id", "file", "stage", "reason"]


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
        h = hashlib.sha256()
        meta_cols = [c for c in self.documents.columns if c != "text"]
        for row in self.documents.sort_values("doc_id").itertuples(index=False):
            rec = row._asdict()
            h.update(hashlib.sha256(rec["text"].encode("utf-8")).digest())
            h.update(json.dumps({c: str(rec[c]) for c in meta_cols}, sort_keys=True).encode())
        return h.hexdigest()[:16]

    def __len__(self) -> int:
        return len(self.documents)


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
    path = BUNDLED_CORPUS if path is None else Path(path)
    if not path.exists():
        raise CorpusError(f"{path}: no such file or folder")
    loader = _Loader(max_bytes)
    if path.is_dir():
        loader.read_folder(path)
        source = "bundled sample corpus" if path.resolve() == BUNDLED_CORPUS else path.name
    elif path.suffix.lower() in TABLE_SUFFIXES:
        loader.read_table(path)
        source = path.name
    else:
        raise CorpusError(f"{path}: not a folder and not one of {sorted(TABLE_SUFFIXES)}")
    return loader.finish(source, dayfirst)


class _Loader:
    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self.rows: list[dict] = []
        self.rejected: list[dict] = []
        self.messages: list[str] = []
        self.seen: dict[str, str] = {}

    def reject(self, doc_id, file, reason, stage="load"):
        self.rejected.append({"doc_id": doc_id, "file": file, "stage": stage, "reason": reason})

    def accept(self, meta: dict, text: str, where: str, encoding: str, n_bytes: int, decoding: str = ""):
        doc_id = meta["doc_id"]
        if doc_id in self.seen:
            self.reject(doc_id, where, f"duplicate doc_id {doc_id!r} (first used by {self.seen[doc_id]})")
            return
        if not str(meta.get("outlet", "")).strip():
            self.reject(doc_id, where, "missing outlet")
            return
        if not text.strip():
            self.reject(doc_id, where, "empty document")
            return
        self.seen[doc_id] = where
        self.rows.append(
            {
                **meta,
                "file": where,
                "encoding": encoding,
                "decoding": decoding,
                "n_bytes": n_bytes,
                "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
                "text": text,
            }
        )

    # --- a folder of .txt files with metadata.csv
    def read_folder(self, folder: Path):
        meta_path = folder / METADATA_FILE
        if not meta_path.exists():
            raise CorpusError(
                f"{folder}: no {METADATA_FILE}; it needs a 'file' (or 'doc_id') column "
                "and an 'outlet' column, one row per .txt file"
            )
        meta = _read_csv(meta_path)
        key = "file" if "file" in meta.columns else "doc_id" if "doc_id" in meta.columns else None
        if key is None or "outlet" not in meta.columns:
            need = [
                c
                for c in ("file or doc_id", "outlet")
                if (c == "outlet" and "outlet" not in meta.columns) or (c != "outlet" and key is None)
            ]
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
            self.read_text_file(file_path, name, rec)
        for shown in unnamed_files(root, named):
            self.reject(Path(shown).stem, shown, f"no row in {METADATA_FILE} (outlet unknown); not read")

    def read_text_file(self, file_path: Path, name: str, meta: dict):
        try:
            size = file_path.stat().st_size
            if size > self.max_bytes:
                self.reject(meta["doc_id"], name, f"file is {size:,} bytes, over the {self.max_bytes:,}-byte limit")
                return
            data = file_path.read_bytes()
        except OSError as exc:
            self.reject(meta["doc_id"], name, f"unreadable: {exc.strerror or exc}")
            return
        try:
            text, encoding, note = decode_with_note(data)
        except UndecodableText as exc:
            self.reject(meta["doc_id"], name, str(exc))
            return
        if note:
            self.messages.append(f"{name}: {note}; offsets refer to the decoded text")
        self.accept(meta, text, name, encoding, len(data), note)

    # --- one table file
    def read_table(self, path: Path):
        suffix = path.suffix.lower()
        try:
            if suffix == ".csv":
                table = _read_csv(path)
            elif suffix == ".jsonl":
                table = pd.read_json(path, lines=True, dtype=False)
            else:
                table = pd.read_parquet(path)
        except (ValueError, OSError, UnicodeDecodeError) as exc:
            raise CorpusError(f"{path}: cannot be read as {suffix[1:].upper()}: {exc}") from exc
        missing = [c for c in ("text", "outlet") if c not in table.columns]
        if missing:
            raise CorpusError(f"{path}: missing required column(s) {missing}; found {list(table.columns)}")
        for n, rec in enumerate(table.to_dict("records"), start=1):
            where = f"{path.name} row {n}"
            rec = {k: ("" if _is_missing(v) else v) for k, v in rec.items()}
            rec["doc_id"] = str(rec.get("doc_id") or f"{path.stem}-{n:05d}")
            text = rec.pop("text")
            if not isinstance(text, str):
                self.reject(rec["doc_id"], where, f"text is not a string ({type(text).__name__})")
                continue
            if len(text.encode("utf-8")) > self.max_bytes:
                self.reject(rec["doc_id"], where, f"text is over the {self.max_bytes:,}-byte limit")
                continue
            self.accept({k: str(v) for k, v in rec.items()}, text, where, "utf-8", len(text.encode("utf-8")))

    def finish(self, source: str, dayfirst: bool = False) -> Corpus:
        documents = pd.DataFrame(self.rows)
        if documents.empty:
            documents = pd.DataFrame(columns=["doc_id", "outlet", "file", "encoding", "decoding", "text"])
        documents = parse_dates(documents, self.messages, dayfirst)
        first = ["doc_id", "file", "outlet"]
        documents = documents[first + [c for c in documents.columns if c not in first + ["text"]] + ["text"]]
        rejected = pd.DataFrame(self.rejected, columns=REJECTED_COLUMNS)
        return Corpus(documents.reset_index(drop=True), rejected, source, self.messages)


def _read_csv(path: Path) -> pd.DataFrame:
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CorpusError(f"{path}: not UTF-8 ({exc.reason} at byte {exc.start})") from exc
    except pd.errors.ParserError as exc:
        raise CorpusError(f"{path}: malformed CSV: {exc}") from exc
    table.columns = [str(c).strip() for c in table.columns]
    return table


def _is_missing(value) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def inside(root: Path, name: str) -> Path | None:
    """The resolved path of a file a metadata row names, or None when it leads outside ``root``
    (``..``, an absolute path, or a symlink that points out)."""
    candidate = (root / name).resolve()
    return candidate if candidate.is_relative_to(root) else None


def unnamed_files(root: Path, named: set[Path]) -> list[str]:
    """Files in the folder (and its subfolders; symlinked folders are not entered) that no metadata
    row names, whatever their extension, as paths relative to the folder. Hidden files and the
    metadata file are not documents."""
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
