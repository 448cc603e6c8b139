"""Render jobs: one notebook with its parameters (once per outlet for per-outlet reports).

``plan_jobs`` turns the registry and the given parameters into the jobs of a run; each job's
slug names its folder in the run, so it is file-name safe and distinct for distinct outlets.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from analysis.reports.registry import ReportSpec


class ReportFailed(RuntimeError):
    """A notebook failed; the message names the notebook and the cell."""

    def __init__(self, message: str, kept: Path | None = None):
        super().__init__(message)
        self.kept = kept


@dataclass(frozen=True)
class Job:
    spec: ReportSpec
    slug: str
    title: str
    parameters: dict
    outlet: str | None = None
    pdf: str = "report.pdf"  # the PDF printed beside report.html (report --pdf)


@dataclass
class RunResult:
    run_id: str
    run_dir: Path
    jobs: list[Job]
    documents: int = 0  # documents analysed
    rejected: int = 0  # inputs rejected (when no document was analysed, only empty_corpus reports ran)
    parse_stats: dict = field(default_factory=dict)  # parse cache hits, documents parsed


def slugify(text: str, limit: int = 40) -> str:
    """A file-name-safe ASCII slug plus a short hash, so distinct names never collide."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:limit].strip("-") or "x"
    return f"{slug}-{hashlib.sha256(text.encode('utf-8')).hexdigest()[:6]}"


def plan_jobs(specs: list[ReportSpec], shared: dict, per_report: dict, outlets: list[str], run: str) -> list[Job]:
    """The jobs of a run, in registry order: shared parameters a report takes, then its own, then
    its variant's (one job per variant, per outlet or else one)."""
    jobs = []
    for spec in specs:
        base = {k: v for k, v in shared.items() if spec.takes(k)}
        base.update(per_report.get(spec.name, {}))
        if "run_id" in spec.parameters:
            base["run_id"] = run
        for variant in spec.variants:  # the variant's own parameters win
            slug, title = f"{spec.name}--{variant.name}", f"{spec.title}: {variant.title}"
            jobs.append(Job(spec, slug, title, {**base, **dict(variant.parameters)}, pdf=variant.pdf or "report.pdf"))
        if spec.variants:
            continue
        if not spec.per_outlet:
            jobs.append(Job(spec, spec.name, spec.title, base))
            continue
        for outlet in outlets:
            slug, title = f"{spec.name}--{slugify(outlet)}", f"{spec.title}: {outlet}"
            jobs.append(Job(spec, slug, title, {**base, "outlet": outlet}, outlet))
    return jobs


def left_out_note(left_out: list[ReportSpec], rejected: int) -> str:
    """Why the reports that need analysed documents were left out (shown on the index pages)."""
    inputs = f"all {rejected} inputs were rejected" if rejected else "the corpus holds no input"
    titles = "; ".join(s.title for s in left_out)
    return f"No document could be analysed: {inputs}. Left out, as they need analysed documents: {titles}."
