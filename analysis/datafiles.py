"""Shared handling of data files (lexicons, rule lists) and of users' replacements for them."""

from __future__ import annotations

from pathlib import Path


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
