"""The one loader for data files (lexicons, rule lists, word lists) and users' replacements.

Every data file is read through ``read_data_file``, which gives its text, a name to show in
messages (``bundled hedge_lexicon.csv`` or the user's path) and its declared version; CSV rows
come with their file line numbers and YAML is parsed here, so every problem is reported as a
``DataFileError`` that names the file and, where there is one, the line.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from analysis.resources import DATA_DIR

# libyaml's safe loader when PyYAML has it (the same documents, read about ten times as fast)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class DataFileError(ValueError):
    """A data file that cannot be used; the message names the file (and line) and the problem."""

    def __init__(self, where: str, problem: str, line: int | None = None):
        self.where, self.problem, self.line = where, problem, line
        super().__init__(f"{where}{f' line {line}' if line else ''}: {problem}")


@dataclass(frozen=True)
class DataFile:
    text: str
    where: str  # "bundled NAME" or the user's path, for messages
    path: Path

    @property
    def declared_version(self) -> str | None:
        """The version the file declares: a YAML ``version`` key, a CSV ``# version: X`` comment
        line, or the distinct values of a CSV ``version`` column; None when it declares none."""
        if self.path.suffix in (".yaml", ".yml"):
            data = self.yaml()
            return str(data["version"]) if isinstance(data, dict) and "version" in data else None
        found, n_comments = split_comment_header(self.text)
        if found is None and self.path.suffix == ".csv":
            rows = csv.DictReader(io.StringIO("\n".join(self.text.splitlines()[n_comments:])))
            if rows.fieldnames and "version" in rows.fieldnames:
                found = ", ".join(sorted({(r.get("version") or "").strip() for r in rows} - {""})) or None
        return found

    @property
    def version(self) -> str:
        """The declared version, else a hash of the content."""
        return self.declared_version or self.sha256

    @property
    def sha256(self) -> str:
        """A short hash of the file's bytes."""
        return hashlib.sha256(self.path.read_bytes()).hexdigest()[:12]

    def yaml(self):
        """The parsed YAML document (a syntax error names its line)."""
        try:
            return yaml.load(self.text, Loader=_LOADER)
        except (yaml.YAMLError, UnicodeError):
            pass
        try:  # the pure-Python loader names the offending character or alias in its message
            return yaml.safe_load(self.text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            raise DataFileError(
                self.where, f"not valid YAML ({getattr(exc, 'problem', exc)})", mark.line + 1 if mark else None
            ) from None

    def _top_level(self) -> list[tuple]:
        """The (key node, value node) pairs of the top-level YAML mapping; empty for anything else."""
        root = yaml.compose(self.text, Loader=_LOADER)
        return root.value if isinstance(root, yaml.MappingNode) else []

    def item_lines(self, key: str) -> list[int]:
        """File line numbers of the items of the top-level YAML list ``key`` (for messages)."""
        node = next((value for k, value in self._top_level() if k.value == key), None)
        return [item.start_mark.line + 1 for item in node.value] if isinstance(node, yaml.SequenceNode) else []

    def key_lines(self, parent: str | None = None) -> dict[str, int]:
        """File line number of each key of the top-level YAML mapping, or of the mapping under the
        top-level key ``parent`` (for messages); empty when the layout is not like that."""
        pairs = self._top_level()
        if parent is not None:
            node = next((value for k, value in pairs if k.value == parent), None)
            pairs = node.value if isinstance(node, yaml.MappingNode) else []
        return {k.value: k.start_mark.line + 1 for k, _ in pairs if isinstance(k, yaml.ScalarNode)}

    def csv_rows(self, required: set[str] | tuple[str, ...] = ()) -> Iterator[tuple[int, dict]]:
        """(file line number, row) for each row of a CSV file after its leading ``#`` comments."""
        _, n_comments = split_comment_header(self.text)
        reader = csv.DictReader(io.StringIO("\n".join(self.text.splitlines()[n_comments:])))
        if not reader.fieldnames:
            raise DataFileError(self.where, "no header row")
        missing = set(required) - set(reader.fieldnames)
        if missing:
            raise DataFileError(self.where, f"missing column(s) {sorted(missing)}", n_comments + 1)
        for row in reader:
            yield n_comments + reader.line_num, row

    def error(self, problem: str, line: int | None = None) -> DataFileError:
        return DataFileError(self.where, problem, line)


def read_data_file(path: str | Path | None, bundled: str) -> DataFile:
    """A user's file at ``path`` or, when ``path`` is None, the bundled ``data/<bundled>``."""
    if path is None:
        target, where = DATA_DIR / bundled, f"bundled {bundled}"
    else:
        target, where = Path(path), str(path)
    if not target.is_file():
        raise DataFileError(where, "no such file")
    try:
        text = target.read_text(encoding="utf-8-sig")  # a byte-order mark (Excel) is not content
    except UnicodeDecodeError as exc:
        raise DataFileError(where, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise DataFileError(where, f"cannot be read ({exc.strerror})") from None
    return DataFile(text, where, target)


def file_stamp(path: str | None) -> tuple[int, int] | None:
    """Modification time and size of a user data file, None for a bundled one.

    Loaders cache parsed files; keying the cache on this stamp as well as the path means that a
    user who edits a lexicon in a running notebook gets the edited version, not a stale one.
    """
    if path is None:
        return None
    try:
        stat = Path(path).stat()
    except OSError:
        return None  # the loader itself reports the missing file
    return stat.st_mtime_ns, stat.st_size


def split_comment_header(text: str) -> tuple[str | None, int]:
    """(version, number of leading comment lines) of a CSV data file whose first lines are
    ``# ...`` comments, one of which may read ``# version: X``."""
    version, n = None, 0
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        n += 1
        if line[1:].strip().lower().startswith("version:"):
            version = line.split(":", 1)[1].strip()
    return version, n
