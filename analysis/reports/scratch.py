"""Temporary files of a report run, named so that those left by a killed run can be found.

Every temporary name carries the pid of the process that made it (``.tmp-<what>-<pid>-<random>``
inside the output folder, ``newshedge-ipc-<pid>-<random>`` for kernel sockets). A later run removes
those whose process is no longer alive (``kill -9`` leaves them behind) and never touches those of
a run still going.
"""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
from pathlib import Path

from analysis.pipeline.tables import process_alive

PREFIX = ".tmp-"
SOCKETS_PREFIX = "newshedge-ipc-"


def scratch_name(folder: Path, what: str) -> Path:
    """A fresh name ``folder/.tmp-<what>-<pid>-<random>`` (nothing is created)."""
    return folder / f"{PREFIX}{what}-{os.getpid()}-{secrets.token_hex(4)}"


def scratch_folder(folder: Path, what: str, prefix: str = PREFIX, private: bool = False) -> Path:
    """A new folder ``folder/<prefix><what>-<pid>-<random>``; its permissions follow the umask like
    any other output (a run folder is published by renaming it, and a web server running as another
    user must read it), unless ``private``."""
    path = Path(tempfile.mkdtemp(prefix=f"{prefix}{what}-{os.getpid()}-", dir=folder))
    if not private:
        path.chmod(0o777 & ~current_umask())
    return path


def current_umask() -> int:
    mask = os.umask(0o022)  # reading the umask means setting it: set it straight back
    os.umask(mask)
    return mask


def owner_pid(name: str) -> int | None:
    """The pid in a temporary name made here, None for any other name."""
    parts = name.rsplit("-", 2)
    return int(parts[1]) if len(parts) == 3 and parts[1].isdigit() else None


def remove_dead_temporaries(folder: Path, prefix: str = PREFIX) -> list[Path]:
    """Remove the entries ``folder/<prefix>*`` whose process is no longer running; returns them."""
    if not folder.is_dir():
        return []
    removed = []
    for path in sorted(folder.glob(f"{prefix}*")):
        pid = owner_pid(path.name)
        if pid is None or pid == os.getpid() or process_alive(pid):
            continue
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        removed.append(path)
    return removed


def socket_folder() -> Path:
    """A private folder for one kernel's sockets and connection file, in the system's temporary
    folder: Unix socket paths are limited to about 100 bytes, too short for most output folders."""
    return scratch_folder(Path(tempfile.gettempdir()), "ipc", "newshedge-", private=True)


def remove_dead_socket_folders() -> list[Path]:
    return remove_dead_temporaries(Path(tempfile.gettempdir()), SOCKETS_PREFIX)
