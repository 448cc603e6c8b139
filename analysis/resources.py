"""Where the bundled files live: lexicons and rules, the sample corpus, its gold, the notebooks.

In a source checkout they are the project's top-level ``data/`` and ``notebooks/`` folders; an
installed wheel carries copies of them inside the package (``analysis/_sample`` and
``analysis/_notebooks``, mapped in ``pyproject.toml``), so the sample corpus, the gold and the
reports work from any folder.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"  # lexicons and rule files
_CHECKOUT = PACKAGE_DIR.parent


def _bundled(checkout_folder: str, package: str) -> Path:
    in_checkout = _CHECKOUT / checkout_folder
    if (_CHECKOUT / "pyproject.toml").is_file() and in_checkout.is_dir():
        return in_checkout
    return Path(str(resources.files(package)))


def data_text(name: str) -> str:
    """The text of a bundled data file (``hedge_lexicon.csv``, ``source_cues.yaml``, ...)."""
    return (DATA_DIR / name).read_text(encoding="utf-8")


def sample_dir() -> Path:
    """The folder holding ``corpus/`` (the bundled sample) and ``gold/`` (its annotations)."""
    return _bundled("data", "analysis._sample")


def notebooks_dir() -> Path:
    """The report notebooks and their registry, ``reports.yaml``."""
    return _bundled("notebooks", "analysis._notebooks")
