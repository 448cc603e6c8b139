"""The report registry (``notebooks/reports.yaml``): which notebooks to render, in which order, and how.

Each entry names a notebook (relative to the registry), its title and optionally whether it is
rendered once per outlet, which shared parameters it receives, a summary function for
notebooks that publish no summary of their own, and whether it is also rendered for a corpus with
no analysed document (``empty_corpus``; the other reports need documents), and its variants: the
same notebook rendered once per variant with the variant's parameters (``variants``: a list of
``name``, optional ``title``, ``parameters`` and ``pdf``, the PDF's file name). Everything is checked
when the registry is read, before any notebook runs.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from analysis.reports.notebook_params import RESERVED, Parameter, ParameterError, check_values, notebook_parameters
from analysis.resources import notebooks_dir

NOTEBOOKS_DIR = notebooks_dir()
REGISTRY_FILE = NOTEBOOKS_DIR / "reports.yaml"
VARIANT_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,40}$")
PDF_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,80}\.pdf$")


@dataclass(frozen=True)
class Variant:
    """One rendering of a report: its name (in the folder name), title and parameters, and the
    file name of its PDF (None: report.pdf)."""

    name: str
    title: str
    parameters: tuple[tuple[str, object], ...]
    pdf: str | None = None


@dataclass(frozen=True)
class ReportSpec:
    name: str
    notebook: Path
    title: str
    per_outlet: bool
    parameters: dict[str, Parameter] = field(default_factory=dict, compare=False, hash=False)
    receives: tuple[str, ...] | None = None  # shared parameters it takes (None: all it declares)
    summary: str | None = None  # "module:function" for notebooks that publish no summary
    empty_corpus: bool = False  # also rendered when no document could be analysed
    variants: tuple[Variant, ...] = ()  # rendered once per variant (none: once)

    def takes(self, name: str) -> bool:
        return name in self.parameters and (self.receives is None or name in self.receives)


def load_registry(path: str | Path | None = None) -> list[ReportSpec]:
    """The reports to render, in order, from a YAML registry (notebook paths relative to it)."""
    path = Path(path) if path else REGISTRY_FILE
    if not path.is_file():
        raise ParameterError(f"{path}: no such report registry")
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    entries = data.get("reports")
    if not isinstance(entries, list) or not entries:
        raise ParameterError(f"{path.name}: needs a non-empty 'reports' list")
    specs: list[ReportSpec] = []
    for n, entry in enumerate(entries, start=1):
        spec = _spec(entry, path, n)
        if any(s.name == spec.name for s in specs):
            raise ParameterError(f"{path.name}: {entry['notebook']} is listed twice")
        specs.append(spec)
    pdfs = [v.pdf for s in specs for v in s.variants if v.pdf]
    if len(pdfs) != len(set(pdfs)):
        raise ParameterError(f"{path.name}: two variants name the same pdf")
    return specs


def _spec(entry, registry: Path, n: int) -> ReportSpec:
    """Entry ``n`` of the registry, checked against its notebook's parameters cell."""
    where = f"{registry.name}: entry {n}"
    if not isinstance(entry, dict) or not {"notebook", "title"} <= set(entry):
        raise ParameterError(f"{where} needs 'notebook' and 'title'")
    notebook = (registry.parent / entry["notebook"]).resolve()
    if not notebook.is_file():
        raise ParameterError(f"{where} names {entry['notebook']}, which does not exist")
    per_outlet = bool(entry.get("per_outlet", False))
    params = notebook_parameters(notebook)
    if per_outlet and "outlet" not in params:
        raise ParameterError(f"{notebook.name}: a per-outlet report needs an 'outlet' parameter")
    receives = entry.get("receives")
    if receives is not None:
        if not isinstance(receives, list) or not set(receives) <= set(params):
            raise ParameterError(f"{where} 'receives' must list parameters of {notebook.name}")
        receives = tuple(receives)
    summary = entry.get("summary")
    if summary is not None:
        summary_function(summary, f"{registry.name} entry {n}")
    empty_corpus = entry.get("empty_corpus", False)
    if not isinstance(empty_corpus, bool):
        raise ParameterError(f"{where} 'empty_corpus' must be true or false")
    title = str(entry["title"])
    variants = _variants(entry.get("variants"), params, f"{where} ({notebook.name})", per_outlet)
    return ReportSpec(notebook.stem, notebook, title, per_outlet, params, receives, summary, empty_corpus, variants)


def _variants(entries, params: dict[str, Parameter], where: str, per_outlet: bool) -> tuple[Variant, ...]:
    """The checked ``variants`` of an entry: distinct safe names, parameters the notebook declares
    with the right types (none the report command sets), safe and distinct PDF file names."""
    if entries is None:
        return ()
    if per_outlet or not isinstance(entries, list) or not entries:
        raise ParameterError(f"{where}: 'variants' must be a non-empty list, and not on a per-outlet report")
    variants = []
    for n, item in enumerate(entries, start=1):
        here = f"{where} variant {n}"
        if not isinstance(item, dict) or not set(item) <= {"name", "title", "parameters", "pdf"}:
            raise ParameterError(f"{here}: must be a mapping of name, title, parameters and pdf")
        name, values, pdf = item.get("name"), item.get("parameters") or {}, item.get("pdf")
        if not isinstance(name, str) or not VARIANT_NAME.match(name) or name in {v.name for v in variants}:
            raise ParameterError(f"{here}: needs a distinct name of lower-case letters, digits, - and _")
        if not isinstance(values, dict) or set(values) & set(RESERVED):
            raise ParameterError(f"{here}: 'parameters' must be a mapping, without {', '.join(RESERVED)}")
        check_values(values, params, here)
        if pdf is not None and not (isinstance(pdf, str) and PDF_NAME.match(pdf)):
            raise ParameterError(f"{here}: 'pdf' must be a file name ending in .pdf")
        title = str(item.get("title", name))
        variants.append(Variant(name, title, tuple(sorted(values.items())), pdf))
    return tuple(variants)


def summary_function(ref: str, where: str):
    """The function a registry ``summary: module:function`` entry names (imported now, so a typo
    is reported before anything runs)."""
    module, _, func = str(ref).partition(":")
    try:
        return getattr(importlib.import_module(module), func)
    except (ImportError, AttributeError) as exc:
        raise ParameterError(f"{where}: summary function {ref!r} not found ({exc})") from exc
