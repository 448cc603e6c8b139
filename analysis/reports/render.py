"""The report pipeline: parameterised notebooks rendered with papermill into reproducible reports.

``render_reports`` checks the parameters against every notebook's parameters cell, analyses the
corpus once (a cache the notebooks read), executes each registered notebook with papermill in a
private temporary folder, normalises the executed notebooks (no timings, stable cell ids), exports
code-free HTML with nbconvert, collects each report's summary (CSV and JSON), writes an index, and
then publishes the whole set under ``OUT/runs/<run id>`` with a rename while holding a lock.
A failing notebook stops the run: the partial set is moved to ``OUT/failed/<run id>`` for
debugging and the published reports stay as they were. Ctrl-C stops the kernels and removes the
temporary folder. When no document could be analysed, only the reports marked ``empty_corpus`` in
the registry (the corpus overview) are rendered, and the index says why the others are missing.
``refresh_notebooks`` re-executes the project's notebooks in place.

Every temporary file of a run lives in ``OUT/.tmp-<run id>-<pid>-<random>/`` (the analysis cache,
the kernel spec), except the kernels' sockets (see ``scratch``); those of runs that were killed
are removed by the next run.

The pieces: ``registry`` (reports.yaml), ``notebook_params`` (parameters), ``jobs`` (what one run
renders), ``kernel`` (executing a notebook), ``pages`` (what a report consists of), ``publish``,
``scratch`` (temporary names).

Layout of OUT::

    index.html              links to the latest run
    latest -> runs/<id>     symlink, swapped atomically
    runs/<id>/index.html    the reports of one run, with provenance.json (and index.pdf with --pdf)
    runs/<id>/<report>/     report.html (and report.pdf, see ``pdf``), notebook.ipynb, summary.csv, summary.json
    failed/<id>/            the last failed attempt with these inputs (executed notebooks kept)
"""

from __future__ import annotations

import copy
import dataclasses
import os
import shutil
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path

import nbformat

from analysis.aggregation import memo
from analysis.aggregation.summary import outlet_summary
from analysis.corpus.loading import Corpus, load_corpus
from analysis.pipeline.progress import progress_bar
from analysis.pipeline.run import Analysis, Execution, analyze_corpus
from analysis.pipeline.tables import OutputError
from analysis.reports import DEFAULT_CELL_TIMEOUT
from analysis.reports import provenance as prov
from analysis.reports.data import CACHE_ENV, DAYFIRST_ENV, cache_key
from analysis.reports.jobs import Job, ReportFailed, RunResult, left_out_note, plan_jobs
from analysis.reports.kernel import (
    execute,
    execute_in_place,
    kernel_environment,
    write_kernel_spec,
)
from analysis.reports.notebook_params import ParameterError, check_parameters, read_params_file
from analysis.reports.pages import (
    collect_summary,
    collect_tables,
    html_page,
    index_html,
    normalise_notebook,
    summary_csv,
    to_json,
    write_notebook,
)
from analysis.reports.parallel import MAX_KERNELS, run_jobs
from analysis.reports.pdf import require_browser, write_pdfs
from analysis.reports.publish import keep_failed, publish
from analysis.reports.registry import NOTEBOOKS_DIR, ReportSpec, load_registry
from analysis.reports.run_summary import summary_html
from analysis.reports.scratch import remove_dead_socket_folders, remove_dead_temporaries, scratch_folder
from analysis.settings import Settings
from analysis.story import story_for


@dataclass
class RunPlan:
    """A checked run, before anything is executed: what to render over which corpus."""

    specs: list[ReportSpec]
    shared: dict  # parameters for every report that takes them (corpus by name only)
    per_report: dict
    corpus: Corpus
    settings: Settings
    run: str  # the run id, a function of the inputs
    kernel_cwd: Path  # where kernels start, so the corpus is found by its name alone
    dayfirst: bool = False  # ambiguous dates read day first
    execution: Execution | None = None  # processes, engine and parse cache of the analysis


@dataclass
class Rendered:
    """What ``_render_into`` left in the run's folder."""

    jobs: list[Job]
    record: dict  # provenance
    documents: int  # analysed
    rejected: int
    note: str  # why reports are missing, shown on the index pages ("" when none are)
    parse_stats: dict  # parse cache hits, documents parsed
    summary: str = ""  # the run's summary (HTML), shown on the index pages


def render_reports(
    corpus: str | Path | None = None,
    params_file: str | Path | None = None,
    out: str | Path = "reports",
    story: str | Path | None = None,
    registry: str | Path | None = None,
    keep: int | None = None,
    progress: bool | None = None,
    timeout: int = DEFAULT_CELL_TIMEOUT,
    dayfirst: bool = False,
    pdf: str | None = None,
    execution: Execution | None = None,
) -> RunResult:
    """Render every registered report; see the module docstring. Raises ParameterError (bad
    parameters, nothing run), ReportFailed (a notebook failed; published reports untouched) or
    OutputError (``out`` is not a folder). ``dayfirst`` reads ambiguous dates day first; ``keep``
    keeps only that many runs in ``out/runs`` (the new one and the latest others); ``pdf``, a paper
    size (a4, letter), also prints every page to PDF (PdfError, before anything runs, without Chromium)."""
    browser = require_browser(pdf)
    plan = dataclasses.replace(plan_run(corpus, params_file, registry, dayfirst, story), execution=execution)
    out = output_folder(out)
    tmp = scratch_folder(out, plan.run)
    try:
        rendered = _render_into(tmp, plan, progress, timeout, pdfs=browser is not None)
        write_pdfs(tmp, browser, pdf or "a4", progress, names={j.slug: j.pdf for j in rendered.jobs})
    except ReportFailed as exc:
        _remove_scratch(tmp)
        kept_dir = keep_failed(tmp, out, plan.run)
        kept = kept_dir / exc.kept.relative_to(tmp) if exc.kept else kept_dir
        raise ReportFailed(f"{exc}\nthe executed notebook is kept in {kept}", kept) from None
    except BaseException:  # Ctrl-C included: the kernels are stopped by then (see kernel)
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    _remove_scratch(tmp)
    index = {"summary": rendered.summary, "pdfs": browser is not None}  # what the top-level index shows
    run_dir = publish(tmp, out, plan.run, rendered.jobs, rendered.record, rendered.note, keep=keep, **index)
    return RunResult(
        plan.run, run_dir, rendered.jobs, rendered.documents, rendered.rejected, parse_stats=rendered.parse_stats
    )


def output_folder(out: str | Path) -> Path:
    """``out`` as an absolute path, created, without the temporaries of runs that were killed.

    Absolute because kernels (and papermill, while a notebook runs) work in another folder: a
    relative path handed to them would put the analysis cache beside the corpus or in notebooks/.
    """
    out = Path(out).absolute()
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out}: exists and is not a folder")
    out.mkdir(parents=True, exist_ok=True)
    remove_dead_temporaries(out)
    remove_dead_socket_folders()
    return out


def plan_run(
    corpus: str | Path | None,
    params_file: str | Path | None,
    registry: str | Path | None,
    dayfirst: bool = False,
    story: str | Path | None = None,
) -> RunPlan:
    """Read and check the registry and the parameters, and load the corpus; nothing runs yet."""
    specs = load_registry(registry)
    shared, per_report = read_params_file(params_file)
    if corpus is not None:
        shared["corpus"] = str(corpus)
    if story is not None:
        shared["story"] = str(story)
    check_parameters(specs, shared, per_report)
    # The corpus is handed to the notebooks by name, with the kernel started in its parent folder,
    # and the story file by its path from there, so no absolute path appears in the rendered notebooks.
    kernel_cwd, corpus_path, story_path = NOTEBOOKS_DIR, shared.get("corpus"), shared.get("story")
    if corpus_path is not None:
        resolved = Path(corpus_path).resolve()
        kernel_cwd, shared["corpus"] = resolved.parent, resolved.name
    if story_path is not None:
        story_path = Path(story_path).resolve()
        shared["story"] = os.path.relpath(story_path, kernel_cwd)
    _relative_to_kernel(shared, per_report, "gold", kernel_cwd)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        loaded = load_corpus(None if corpus_path is None else Path(corpus_path), dayfirst=dayfirst)
    settings = Settings(mode=_shared_mode(specs, shared), story=story_for(corpus_path, story_path))
    code = prov.code_fingerprint([s.notebook for s in specs])
    inputs = {"shared": shared, "reports": per_report, **({"dayfirst": True} if dayfirst else {})}
    run = prov.run_id(loaded.hash, inputs, code)
    return RunPlan(specs, shared, per_report, loaded, settings, run, kernel_cwd, dayfirst)


def _relative_to_kernel(shared: dict, per_report: dict, name: str, kernel_cwd: Path) -> None:
    """A file parameter given relative to where the command runs, as a path from the kernels'
    folder (no absolute path in the rendered notebooks)."""
    for params in (shared, *per_report.values()):
        if isinstance(params.get(name), str):
            params[name] = os.path.relpath(Path(params[name]).resolve(), kernel_cwd)


def _shared_mode(specs: list[ReportSpec], shared: dict) -> str:
    """The analysis mode the cache is made in: the given one, else the notebooks' common default."""
    modes = {p.default for s in specs for n, p in s.parameters.items() if n == "mode"}
    return shared.get("mode", next(iter(modes), "parse") if len(modes) == 1 else "parse")


def _render_into(tmp: Path, plan: RunPlan, progress: bool | None, timeout: int, pdfs: bool = False) -> Rendered:
    """Analyse the corpus once, then render every job into ``tmp`` (only the reports marked
    ``empty_corpus`` when no document could be analysed); the index links the PDFs when ``pdfs``."""
    kernels = write_kernel_spec(tmp / ".jupyter")
    analysis = _analyse_into_cache(plan, tmp / ".cache", progress)
    specs = plan.specs if len(analysis.documents) else [s for s in plan.specs if s.empty_corpus]
    outlets = sorted(analysis.documents["outlet"].astype(str).unique())
    jobs = plan_jobs(specs, plan.shared, plan.per_report, outlets, plan.run)
    record = prov.provenance(
        plan.corpus.hash, plan.corpus.source, plan.shared, plan.settings, plan.run, story=analysis.story
    )
    if plan.dayfirst:
        record["corpus"]["dayfirst"] = True
    environment = {CACHE_ENV: str(tmp / ".cache"), DAYFIRST_ENV: "1" if plan.dayfirst else "0"}
    with kernel_environment(kernels, **environment):
        bar = progress_bar(None, progress, total=len(jobs), desc="rendering reports", unit="report")
        workers = min(plan.execution.jobs if plan.execution else 1, MAX_KERNELS)
        render = lambda job: _render_job(job, tmp / job.slug, plan, analysis, record, timeout)  # noqa: E731
        run_jobs(render, jobs, workers, on_done=lambda job: bar.update(1))
        bar.close()
    left_out = [s for s in plan.specs if s not in specs]
    note = left_out_note(left_out, len(analysis.rejected)) if left_out else ""
    summary = summary_html(outlet_summary(analysis)) if len(analysis.documents) else ""
    (tmp / "index.html").write_text(
        index_html(plan.run, jobs, record, note=note, summary=summary, pdfs=pdfs), encoding="utf-8"
    )
    reports = [
        {"report": j.slug, "notebook": j.spec.notebook.name, "title": j.title, "parameters": j.parameters} for j in jobs
    ]
    (tmp / "provenance.json").write_text(to_json({**record, "reports": reports}), encoding="utf-8")
    return Rendered(jobs, record, len(analysis.documents), len(analysis.rejected), note, analysis.parse_stats, summary)


def _analyse_into_cache(plan: RunPlan, cache: Path, progress: bool | None) -> Analysis:
    """Analyse the corpus and leave the result where every notebook's ``load_report_data`` finds it."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        analysis = analyze_corpus(plan.corpus, plan.settings, progress=progress, execution=plan.execution)
    cache.mkdir()
    memo.dump_atomic(analysis, cache / f"{cache_key(plan.corpus, plan.settings, plan.dayfirst)}.pkl")
    return analysis


def _render_job(job: Job, folder: Path, plan: RunPlan, analysis: Analysis, record: dict, timeout: int) -> None:
    """Execute one job's notebook and write its report folder: notebook, summary, HTML page."""
    executed = folder / "notebook.ipynb"
    execute(job, executed, plan.kernel_cwd, timeout)
    nb = nbformat.read(executed, as_version=4)
    normalise_notebook(nb, nbformat.read(job.spec.notebook, as_version=4))
    write_notebook(nb, executed)
    summary = collect_summary(nb, job, analysis, record)
    summary.update({"title": job.title, "run_id": plan.run, "parameters": job.parameters})
    (folder / "summary.json").write_text(to_json(summary), encoding="utf-8")
    (folder / "summary.csv").write_text(summary_csv(summary), encoding="utf-8")  # formulas neutralised
    (folder / "report.html").write_text(html_page(nb, job.title, plan.run), encoding="utf-8")
    tables = collect_tables(nb, job)
    if tables:
        (folder / "tables").mkdir()
        for name, text in sorted(tables.items()):
            (folder / "tables" / f"{name}.csv").write_text(text, encoding="utf-8")  # formulas neutralised


def _remove_scratch(tmp: Path) -> None:
    """The analysis cache and kernel spec are for this run only: never published or kept."""
    shutil.rmtree(tmp / ".cache", ignore_errors=True)
    shutil.rmtree(tmp / ".jupyter", ignore_errors=True)


def refresh_notebooks(
    names: list[str] | None = None, timeout: int = DEFAULT_CELL_TIMEOUT, progress: bool | None = None
) -> list[Path]:
    """Re-execute notebooks in place (their own default parameters) to refresh stored outputs."""
    paths = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
    if names:
        wanted = {Path(n).stem for n in names}
        unknown = wanted - {p.stem for p in paths}
        if unknown:
            raise ParameterError(f"no such notebook(s) in {NOTEBOOKS_DIR.name}/: {sorted(unknown)}")
        paths = [p for p in paths if p.stem in wanted]
    with tempfile.TemporaryDirectory() as tmp, kernel_environment(write_kernel_spec(Path(tmp))):
        for path in progress_bar(paths, progress, desc="refreshing notebooks"):
            nb = nbformat.read(path, as_version=4)
            source = copy.deepcopy(nb)
            execute_in_place(nb, path.name, NOTEBOOKS_DIR, timeout)
            normalise_notebook(nb, source)
            write_notebook(nb, path)
    return paths
