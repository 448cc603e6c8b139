"""The parse cache: spaCy parses on disk, so a text is parsed once.

One ``DocBin`` file per clean text, named by the SHA-256 of the clean text, the model's name and
version, the package version and the parse settings; only the parse is kept, the detectors run
again on it (an edited lexicon or rule never re-parses). Files are written to a temporary name and
renamed, so processes sharing the folder never read half a file. A file that cannot be read is
noted and parsed again. The folder is kept under ``max_bytes`` by ``prune`` (least recently used
first: a hit touches its file). Fast mode has no statistical parse and is not cached.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc, DocBin

from analysis.settings import Settings

DEFAULT_MAX_BYTES = 2 * 2**30
SUFFIX = ".spacy"
APP_NAME = "newshedge"


def default_cache_dir() -> Path:
    """The user's cache folder for this tool (platformdirs), ``parses`` inside it."""
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME)) / "parses"


@functools.cache  # read from the installed metadata once per process, not once per text
def package_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(APP_NAME)
    except PackageNotFoundError:  # a checkout on the path, not installed
        return "0+unknown"


@dataclass
class ParseCache:
    """A folder of cached parses with its hit and miss counts for this process."""

    folder: Path
    max_bytes: int = DEFAULT_MAX_BYTES
    hits: int = 0
    misses: int = 0
    notes: list[str] = field(default_factory=list)

    def __post_init__(self):
        self.folder = Path(self.folder)

    def key(self, clean_text: str, settings: Settings, model_id: str) -> str:
        parts = (package_version(), model_id, settings.mode, str(settings.max_chunk_chars), clean_text)
        return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}{SUFFIX}"

    def get(self, key: str, vocab) -> Doc | None:
        """The cached Doc, or None (a miss; an unreadable file is noted and counts as one)."""
        path = self.path(key)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            self.misses += 1
            return None
        except OSError as exc:
            return self._unreadable(path, exc)
        try:
            docs = list(DocBin().from_bytes(data).get_docs(vocab))
            if len(docs) != 1:
                raise ValueError(f"{len(docs)} documents, not one")
        except Exception as exc:  # any damage: the parse is redone, never trusted
            return self._unreadable(path, exc)
        self.hits += 1
        with contextlib.suppress(OSError):
            os.utime(path)  # recently used: pruned last
        return docs[0]

    def _unreadable(self, path: Path, exc: Exception) -> None:
        self.misses += 1
        self.notes.append(f"parse cache file {path} unreadable ({type(exc).__name__}: {exc}); parsed again")
        return None

    def put(self, key: str, doc: Doc) -> None:
        """Store a parse; a write that fails (full disk, read-only folder) is noted, not raised."""
        path = self.path(key)
        tmp = path.with_name(f".{path.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_bytes(DocBin(docs=[doc], store_user_data=False).to_bytes())
            os.replace(tmp, path)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            self.notes.append(f"parse cache {self.folder} not written ({exc}); continuing without it")

    def files(self) -> list[Path]:
        return [p for p in self.folder.glob(f"*/*{SUFFIX}") if p.is_file()]

    def prune(self) -> int:
        """Remove the least recently used files until the folder is under ``max_bytes``; return
        how many were removed."""
        entries = []
        for path in self.files():
            try:
                stat = path.stat()
            except OSError:
                continue
            entries.append((stat.st_mtime, stat.st_size, path))
        total = sum(size for _, size, _ in entries)
        removed = 0
        for _, size, path in sorted(entries):
            if total <= self.max_bytes:
                break
            path.unlink(missing_ok=True)
            total, removed = total - size, removed + 1
        return removed

    def clear(self) -> int:
        """Empty the cache folder; return how many parses were removed."""
        files = self.files()
        for path in files:  # only the cache's own files: --cache-dir may name a shared folder
            path.unlink(missing_ok=True)
        for sub in {p.parent for p in files}:
            with contextlib.suppress(OSError):
                sub.rmdir()
        return len(files)
