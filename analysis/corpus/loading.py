"""Loading a corpus: the bundled sample, a folder of .txt files with metadata.csv, or one table file.

Every input document ends up either in ``Corpus.documents`` or in ``Corpus.rejected`` with a
reason; problems with the corpus as a whole (missing columns, no metadata) raise ``CorpusError``.
"""

from __future__ import annotations

import hashlib
import json
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from dateutil import parser as dateparser

from analysis.corpus.textio import UndecodableText, decode_bytes
from analysis.resources import sample_dir

BUNDLED_CORPUS = sample_dir() / "corpus"
METADATA_FILE = "metadata.csv"
TABLE_SUFFIXES = {".csv", ".jsonl", ".parquet"}
DATE_COLUMNS = ("story_date", "captured_date", "date", "published", "publication_date")
STORY_DATE_SOURCES = ("story_date", "date", "published", "publication_date")
MAX_DOCUMENT_BYTES = 50 * 1024 * 1024
REJECTED_COLUMNS = ["doc_id", "file", "stage", "reason"]
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_UNKNOWN = {"", "unknown", "n/a", "na", "none", "null", "nan", "-", "?"}


class CorpusError(ValueError):
    """The corpus as a whole cannot be read (the message names the file and the problem)."""


class CorpusWarning(UserWarning):
    pass


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


def load_corpus(path: str | Path | None = None, *, max_bytes: int = MAX_DOCUMENT_BYTES) -> Corpus:
    """Load a corpus.

    path: None for the bundled sample corpus; a folder of ``.txt`` files with a
    ``metadata.csv`` (columns ``file`` or ``doc_id``, and ``outlet``; other columns kept);
    or one ``.csv``, ``.jsonl`` or ``.parquet`` file with ``text`` and ``outlet`` columns.
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
    return loader.finish(source)


class _Loader:
    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self.rows: list[dict] = []
        self.rejected: list[dict] = []
        self.messages: list[str] = []
        self.seen: dict[str, str] = {}

    def reject(self, doc_id, file, reason, stage="load"):
        self.rejected.append({"doc_id": doc_id, "file": file, "stage": stage, "reason": reason})

    def accept(self, meta: dict, text: str, where: str, encoding: str, n_bytes: int):
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
        named: set[str] = set()
        for n, rec in enumerate(meta.to_dict("records"), start=2):  # line 1 is the header
            name = rec.get("file") or (f"{rec['doc_id']}.txt" if rec.get("doc_id") else "")
            if not name:
                self.reject("", f"{METADATA_FILE} line {n}", "metadata row names no file")
                continue
            rec["doc_id"] = rec.get("doc_id") or Path(name).stem
            named.add(str(Path(name)))
            file_path = folder / name
            if not file_path.is_file():
                self.reject(rec["doc_id"], name, f"metadata row (line {n}) names a file that does not exist")
                continue
            rec.pop("file", None)
            self.read_text_file(file_path, name, rec)
        for file_path in sorted(folder.glob("*.txt")):
            if file_path.name not in named:
                self.reject(file_path.stem, file_path.name, f"no row in {METADATA_FILE} (outlet unknown)")

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
            text, encoding = decode_bytes(data)
        except UndecodableText as exc:
            self.reject(meta["doc_id"], name, str(exc))
            return
        if encoding != "utf-8":
            self.messages.append(f"{name}: decoded as {encoding} (not UTF-8); offsets refer to the decoded text")
        self.accept(meta, text, name, encoding, len(data))

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

    def finish(self, source: str) -> Corpus:
        documents = pd.DataFrame(self.rows)
        if documents.empty:
            documents = pd.DataFrame(columns=["doc_id", "outlet", "file", "text"])
        documents = _parse_dates(documents, self.messages)
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


def parse_date(value) -> pd.Timestamp | None:
    """A date from free text: an ISO date inside it wins, else a plain date string; None if neither."""
    text = str(value).strip()
    if text.lower() in _UNKNOWN:
        return None
    iso = _ISO_DATE.search(text)
    try:
        if iso:
            return pd.Timestamp(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        parsed = dateparser.parse(text, default=None, dayfirst=False)
    except (ValueError, OverflowError, TypeError):
        return None
    return pd.Timestamp(parsed.date()) if parsed else None


def _parse_dates(documents: pd.DataFrame, messages: list[str]) -> pd.DataFrame:
    for col in DATE_COLUMNS:
        if col not in documents.columns:
            continue
        original = documents[col].astype(str)
        parsed = []
        for doc_id, value in zip(documents["doc_id"], original):
            stamp = parse_date(value)
            if stamp is None and value.strip().lower() not in _UNKNOWN:
                msg = f"{doc_id}: {col} {value!r} is not a date; left missing"
                warnings.warn(msg, CorpusWarning, stacklevel=3)
                messages.append(msg)
            parsed.append(stamp)
        documents[f"{col}_text"] = original
        documents[col] = pd.to_datetime(pd.Series(parsed, index=documents.index, dtype="object"))
    story = next((c for c in STORY_DATE_SOURCES if c in documents.columns), None)
    if story and story != "story_date":
        documents["story_date"] = documents[story]
    if "phase" not in documents.columns or (documents["phase"].astype(str).str.strip() == "").all():
        if "story_date" in documents.columns:
            documents["phase"] = documents["story_date"].dt.strftime("%Y-%m").fillna("unknown")
        else:
            documents["phase"] = "unknown"
    documents["phase"] = documents["phase"].replace("", "unknown")
    return documents
