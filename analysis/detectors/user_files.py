"""User data files that the spaCy components save with the pipeline.

A component given a user file (hedge lexicon, reporting-verb list, source cues) keeps a snapshot
of its content: ``to_disk`` writes it into the component's folder and ``from_disk`` restores it,
as spaCy's SpanRuler saves its patterns, so a saved pipeline loads and runs after the original
file has moved or gone. spaCy builds each component from the saved config before calling
``from_disk``, so a configured file that is missing is only an error when the component is used
without a restored copy. The loaders read paths, so the snapshot is served from a private copy.
"""

from __future__ import annotations

import base64
import json
import shutil
import tempfile
import weakref
from collections.abc import Iterable
from pathlib import Path


class UserFile:
    """One configured user file (``configured`` None = the bundled file, nothing to save)."""

    def __init__(self, configured: str | None, saved_name: str):
        self.configured = None if configured is None else str(configured)
        self.saved_name = saved_name  # the file name inside the component's folder
        self.content: bytes | None = None
        self._copy: Path | None = None
        if self.configured is not None and Path(self.configured).is_file():
            self.content = Path(self.configured).read_bytes()

    def saved_content(self, component: str) -> bytes | None:
        """The content to save and to run with: None for the bundled file; a user file that is
        neither on disk nor restored is an error."""
        if self.content is None and self.configured is not None:
            raise FileNotFoundError(
                f"{component}: the user file {self.configured!r} does not exist "
                "(a pipeline saved with to_disk restores its own copy in from_disk)"
            )
        return self.content

    def path(self, component: str) -> str | None:
        """The file the loaders should read: None for the bundled one, else a private copy."""
        if self.saved_content(component) is None:
            return None
        if self._copy is None or not self._copy.is_file():
            folder = Path(tempfile.mkdtemp(prefix="newshedge-"))
            weakref.finalize(self, shutil.rmtree, folder, ignore_errors=True)
            self._copy = folder / self.saved_name
            self._copy.write_bytes(self.content)
        return str(self._copy)

    def restore(self, content: bytes | None) -> None:
        """Replace the snapshot with a saved one (None: nothing was saved, keep what is here)."""
        if content is not None:
            self.content, self._copy = content, None

    def __getstate__(self) -> dict:
        return {**self.__dict__, "_copy": None}  # the private copy belongs to this process


class SavesUserFiles:
    """``to_disk``/``from_disk``/``to_bytes``/``from_bytes`` for a component's ``user_files``."""

    name: str
    user_files: tuple[UserFile, ...]

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        for user_file in self.user_files:
            content = user_file.saved_content(self.name)
            if content is not None:
                (folder / user_file.saved_name).write_bytes(content)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()):
        folder = Path(path)
        for user_file in self.user_files:
            saved = folder / user_file.saved_name
            user_file.restore(saved.read_bytes() if saved.is_file() else None)
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        contents = {f.saved_name: f.saved_content(self.name) for f in self.user_files}
        return json.dumps(
            {k: base64.b64encode(v).decode("ascii") for k, v in contents.items() if v is not None}
        ).encode()

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()):
        saved = json.loads(data)
        for user_file in self.user_files:
            content = saved.get(user_file.saved_name)
            user_file.restore(None if content is None else base64.b64decode(content))
        return self
