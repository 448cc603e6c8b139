"""Where the bundled files live: lexicons and rules, report templates, the sample corpus, its gold, the notebooks.

Lexicons, rules and templates are package data (``analysis/data``, ``analysis/reports/templates``).
The sample corpus with its gold and the notebooks are the project's top-level ``data/`` and
``notebooks/`` folders; a wheel carries copies of them inside the package (``analysis/_sample``
and ``analysis/_notebooks``, mapped in ``pyproject.toml``), so the sample corpus, the gold and
the reports work from any folder. Every module finds bundled files through here.
"""

from __future__ import annotations

import importlib.util
import tomllib
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"  # lexicons and rule files
PROJECT_NAME = "newshedge"


def is_checkout(root: Path) -> bool:
    """True if ``root`` is this project's source tree: its pyproject.toml names this project.
    (Not just any pyproject.toml: a wheel installed with ``--target`` into some other project
    must not pick up that project's ``data/``.)"""
    try:
        project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8")).get("project", {})
    except (OSError, tomllib.TOMLDecodeError):
        return False
    return project.get("name") == PROJECT_NAME


def _bundled(checkout_folder: str, package: str) -> Path:
    """The checkout's folder when running from the source tree (also an editable install), else
    the copy installed as the namespace package ``package``."""
    checkout = PACKAGE_DIR.parent
    if is_checkout(checkout) and (checkout / checkout_folder).is_dir():
        return checkout / checkout_folder
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(f"{package} is not installed and there is no source checkout beside {PACKAGE_DIR}")
    return Path(next(iter(spec.submodule_search_locations))).resolve()


def data_text(name: str) -> str:
    """The text of a bundled data file (``hedge_lexicon.csv``, ``source_cues.yaml``, ...)."""
    return (DATA_DIR / name).read_text(encoding="utf-8")


def templates_dir() -> Path:
    """The nbconvert templates of the HTML reports."""
    return PACKAGE_DIR / "reports" / "templates"


def sample_dir() -> Path:
    """The folder holding ``corpus/`` (the bundled sample) and ``gold/`` (its annotations)."""
    return _bundled("data", "analysis._sample")


def bundled_story_file() -> Path:
    """The story file of the bundled sample corpus (its sides, key claims and names)."""
    return sample_dir() / "story.yaml"


def notebooks_dir() -> Path:
    """The report notebooks and their registry, ``reports.yaml``."""
    return _bundled("notebooks", "analysis._notebooks")
