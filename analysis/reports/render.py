"""The report pipeline: parameterised notebooks rendered with papermill into reproducible reports.

``render_reports`` checks the parameters against every notebook's parameters cell, analyses the
corpus once (a cache the notebooks read), executes each registered notebook with papermill in a
private temporary folder, normalises the executed notebooks (no timings, stable cell ids), exports
code-free HTML with nbconvert, collects each report's summary (CSV and JSON), writes an index, and
then publishes the whole set under ``OUT/runs/<run id>`` with a rename while holding a lock.
A failing notebook stops the run: the partial set is moved to ``OUT/failed/<run id>`` for
debugging and the published reports stay as they were.

Layout of OUT::

    index.html              links to the latest run
    latest -> runs/<id>     symlink, swapped atomically
    runs/<id>/index.html    the reports of one run, with provenance.json
    runs/<id>/<report>/     report.html, notebook.ipynb, summary.csv, summary.json
    failed/<id>/            the last failed attempt with these inputs (executed notebooks kept)
"""

from __future__ import annotations

import contextlib
import copy
import csv
import fcntl
import hashlib
import html
import io
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import yaml
from jupyter_client.manager import AsyncKernelManager

from analysis.reports import provenance as prov
from analysis.reports.data import CACHE_ENV, SUMMARY_MIME, cache_key
from analysis.reports.notebook_params import Parameter, ParameterError, check_values, notebook_parameters
from analysis.resources import notebooks_dir

NOTEBOOKS_DIR = notebooks_dir()
REGISTRY_FILE = NOTEBOOKS_DIR / "reports.yaml"
TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
KERNEL_NAME = "python3"


class LocalKernelManager(AsyncKernelManager):
    """A kernel reached over Unix sockets in a private, short-lived folder.

    ipykernel (7.3 and later) warns on every start when its sockets are TCP without encryption;
    the report's kernels always run on this machine, so IPC is both quieter and closer. The folder
    is short (Unix socket paths are limited to about 100 bytes) and removed with the kernel.
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._socket_dir = tempfile.mkdtemp(prefix="newshedge-ipc-")
        self.transport = "ipc"
        self.ip = os.path.join(self._socket_dir, "kernel")

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw):
        # Notebook output travels over the kernel's sockets, not its stdout/stderr, which carry only
        # the kernel's own log ("KeyboardInterrupt caught in kernel" when jupyter_client interrupts
        # it before shutdown): noise in cron mail. A kernel that dies is still reported, by cell.
        kw.setdefault("stdout", subprocess.DEVNULL)
        kw.setdefault("stderr", subprocess.DEVNULL)
        return await super()._async_launch_kernel(kernel_cmd, **kw)

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        await super()._async_cleanup_resources(restart)
        if not restart:
            shutil.rmtree(self._socket_dir, ignore_errors=True)

    cleanup_resources = _async_cleanup_resources


DEFAULT_CELL_TIMEOUT = 600  # seconds per cell
RESERVED = ("outlet", "run_id")  # set by the report command itself
INJECTED_TAG = "injected-parameters"
ERROR_TAG = "papermill-error-cell-tag"


class ReportFailed(RuntimeError):
    """A notebook failed; the message names the notebook and the cell."""

    def __init__(self, message: str, kept: Path | None = None):
        super().__init__(message)
        self.kept = kept


@dataclass(frozen=True)
class ReportSpec:
    name: str
    notebook: Path
    title: str
    per_outlet: bool
    parameters: dict[str, Parameter] = field(default_factory=dict, compare=False, hash=False)
    receives: tuple[str, ...] | None = None  # shared parameters it takes (None: all it declares)
    summary: str | None = None  # "module:function" for notebooks that publish no summary

    def takes(self, name: str) -> bool:
        return name in self.parameters and (self.receives is None or name in self.receives)


@dataclass(frozen=True)
class Job:
    spec: ReportSpec
    slug: str
    title: str
    parameters: dict
    outlet: str | None = None


@dataclass
class RunResult:
    run_id: str
    run_dir: Path
    jobs: list[Job]


# --- registry and parameters ------------------------------------------------------------------


def load_registry(path: str | Path | None = None) -> list[ReportSpec]:
    """The reports to render, in order, from a YAML registry (notebook paths relative to it)."""
    path = Path(path) if path else REGISTRY_FILE
    if not path.is_file():
        raise ParameterError(f"{path}: no such report registry")
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    entries = data.get("reports")
    if not isinstance(entries, list) or not entries:
        raise ParameterError(f"{path.name}: needs a non-empty 'reports' list")
    specs, seen = [], set()
    for n, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or not {"notebook", "title"} <= set(entry):
            raise ParameterError(f"{path.name}: entry {n} needs 'notebook' and 'title'")
        notebook = (path.parent / entry["notebook"]).resolve()
        if not notebook.is_file():
            raise ParameterError(f"{path.name}: entry {n} names {entry['notebook']}, which does not exist")
        name = notebook.stem
        if name in seen:
            raise ParameterError(f"{path.name}: {entry['notebook']} is listed twice")
        seen.add(name)
        per_outlet = bool(entry.get("per_outlet", False))
        params = notebook_parameters(notebook)
        if per_outlet and "outlet" not in params:
            raise ParameterError(f"{notebook.name}: a per-outlet report needs an 'outlet' parameter")
        receives = entry.get("receives")
        if receives is not None:
            if not isinstance(receives, list) or not set(receives) <= set(params):
                raise ParameterError(f"{path.name}: entry {n} 'receives' must list parameters of {notebook.name}")
            receives = tuple(receives)
        summary = entry.get("summary")
        if summary is not None:
            _summary_function(summary, f"{path.name} entry {n}")
        specs.append(ReportSpec(name, notebook, str(entry["title"]), per_outlet, params, receives, summary))
    return specs


def _summary_function(ref: str, where: str):
    import importlib

    module, _, func = str(ref).partition(":")
    try:
        return getattr(importlib.import_module(module), func)
    except (ImportError, AttributeError) as exc:
        raise ParameterError(f"{where}: summary function {ref!r} not found ({exc})") from exc


def read_params_file(path: str | Path | None) -> tuple[dict, dict]:
    """(parameters for every report that declares them, {report name: its own parameters})."""
    if path is None:
        return {}, {}
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))  # YAML is a superset of JSON
    except (OSError, yaml.YAMLError) as exc:
        raise ParameterError(f"{path}: cannot be read as YAML or JSON: {exc}") from exc
    if data is None:
        return {}, {}
    if not isinstance(data, dict):
        raise ParameterError(f"{path.name}: must be a mapping of parameter names to values")
    data = dict(data)
    per_report = data.pop("reports", {}) or {}
    if not isinstance(per_report, dict) or not all(isinstance(v, dict) for v in per_report.values()):
        raise ParameterError(f"{path.name}: 'reports' must map report names to parameter mappings")
    return data, per_report


def check_parameters(specs: list[ReportSpec], shared: dict, per_report: dict) -> None:
    """Every shared parameter must be declared by some report and have the right type there;
    every per-report parameter must be declared by that report."""
    problems = []
    for name in sorted(set(shared) | {n for v in per_report.values() for n in v}):
        if name in RESERVED:
            problems.append(f"parameter {name!r} is set by the report command and cannot be given")
    for name, value in sorted(shared.items()):
        declaring = [s for s in specs if s.takes(name)]
        if not declaring:
            known = sorted({p for s in specs for p in s.parameters if s.takes(p)} - set(RESERVED))
            problems.append(f"unknown parameter {name!r}: no report declares it (known: {', '.join(known)})")
        for spec in declaring:
            try:
                check_values({name: value}, spec.parameters, spec.notebook.name)
            except ParameterError as exc:
                problems.append(str(exc))
    names = {s.name: s for s in specs}
    for report, values in sorted(per_report.items()):
        if report not in names:
            problems.append(f"unknown report {report!r} (reports: {', '.join(names)})")
            continue
        try:
            check_values(values, names[report].parameters, names[report].notebook.name)
        except ParameterError as exc:
            problems.append(str(exc))
    if problems:
        raise ParameterError("bad parameters: " + "; ".join(problems))


def slugify(text: str, limit: int = 40) -> str:
    """A file-name-safe ASCII slug plus a short hash, so distinct names never collide."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:limit].strip("-") or "x"
    return f"{slug}-{hashlib.sha256(text.encode('utf-8')).hexdigest()[:6]}"


# --- execution --------------------------------------------------------------------------------


@contextlib.contextmanager
def _environment(**values: str):
    old = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def write_kernel_spec(folder: Path) -> Path:
    """A ``python3`` kernel spec that runs this very interpreter, so reports never depend on a
    kernel someone installed by hand (it is found first through JUPYTER_PATH)."""
    spec_dir = folder / "kernels" / KERNEL_NAME
    spec_dir.mkdir(parents=True, exist_ok=True)
    # Quiet kernel logs (a warning about unencrypted local TCP, interrupts at shutdown): noise in
    # cron mail; errors in cells are reported from the executed notebook instead.
    spec = {
        "argv": [
            sys.executable,
            "-m",
            "ipykernel_launcher",
            "-f",
            "{connection_file}",
            "--IPKernelApp.log_level=CRITICAL",
        ],
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
        "metadata": {"supported_encryption": ["curve"]},
    }
    (spec_dir / "kernel.json").write_text(json.dumps(spec, indent=1), encoding="utf-8")
    return folder


def _failed_cell(path: Path) -> tuple[int | None, str, str]:
    """(index among the notebook's own cells, cell id, first source line) of the failing cell."""
    if not path.is_file():
        return None, "", ""
    nb = nbformat.read(path, as_version=4)
    own = [c for c in nb.cells if not _tags(c) & {INJECTED_TAG, ERROR_TAG}]
    for index, cell in enumerate(own):
        meta = cell.get("metadata", {}).get("papermill", {})
        errored = any(o.get("output_type") == "error" for o in cell.get("outputs", []))
        if errored or meta.get("exception") or meta.get("status") in ("running", "failed"):
            return _described(index, cell)
    # A kernel that dies leaves no error mark: the culprit is the last cell that started.
    started = [
        (i, c)
        for i, c in enumerate(own)
        if c.cell_type == "code" and c.get("metadata", {}).get("papermill", {}).get("start_time")
    ]
    return _described(*started[-1]) if started else (None, "", "")


def _described(index: int, cell) -> tuple[int, str, str]:
    first = next((line for line in cell.source.splitlines() if line.strip()), "")
    return index + 1, cell.get("id", ""), first.strip()


def _tags(cell) -> set[str]:
    return set(cell.get("metadata", {}).get("tags", []))


def execute(job: Job, output: Path, cwd: Path, timeout: int) -> None:
    import papermill
    from papermill.exceptions import PapermillExecutionError

    output.parent.mkdir(parents=True, exist_ok=True)
    try:
        papermill.execute_notebook(
            str(job.spec.notebook),
            str(output),
            parameters=job.parameters,
            kernel_name=KERNEL_NAME,
            progress_bar=False,
            log_output=False,
            cwd=str(cwd),
            execution_timeout=timeout,
            start_timeout=120,
            request_save_on_cell_execute=True,
            kernel_manager_class=LocalKernelManager,
        )
    except Exception as exc:  # noqa: BLE001 - any failure of a notebook is reported the same way
        number, cell_id, first_line = _failed_cell(output)
        if isinstance(exc, PapermillExecutionError):
            what = f"{exc.ename}: {exc.evalue}"
        else:
            what = f"{type(exc).__name__}: {exc}".strip()
        where = f"cell {number} (id {cell_id!r}: {first_line!r})" if number else "before any cell ran"
        raise ReportFailed(f"{job.spec.notebook.name} [{job.title}] failed in {where}: {what}", kept=output) from None


# --- normalising, exporting, summaries -------------------------------------------------------

PAPERMILL_NB_KEYS = ("parameters", "default_parameters", "version", "exception")


def normalise_notebook(nb, source) -> None:
    """Remove what differs from run to run: timings, absolute paths, random ids of added cells."""
    meta = nb.metadata.get("papermill")
    if meta is not None:
        nb.metadata["papermill"] = {k: meta[k] for k in PAPERMILL_NB_KEYS if k in meta}
    source_ids = {c.get("id") for c in source.cells}
    for index, cell in enumerate(nb.cells):
        cell.metadata.pop("execution", None)
        pm = cell.metadata.get("papermill")
        if pm is not None:
            cell.metadata["papermill"] = {k: pm[k] for k in ("exception", "status") if k in pm}
        if cell.get("id") not in source_ids:
            tag = "injected-parameters" if INJECTED_TAG in _tags(cell) else f"added-{index}"
            cell["id"] = tag
    nb.metadata.get("kernelspec", {}).pop("display_name", None)
    nb.metadata.get("kernelspec", {})["display_name"] = "Python 3 (ipykernel)"


def write_notebook(nb, path: Path) -> None:
    path.write_text(nbformat.writes(nb) + "\n", encoding="utf-8")


def html_page(nb, title: str) -> str:
    """Code-free HTML of an executed notebook: no inputs, no prompts, no parameters cells,
    no summary payloads, no JavaScript (a Content-Security-Policy forbids scripts)."""
    from nbconvert import HTMLExporter

    page = copy.deepcopy(nb)
    page.cells = [c for c in page.cells if not _tags(c) & {INJECTED_TAG, "parameters", ERROR_TAG}]
    for cell in page.cells:
        if cell.cell_type == "code":
            cell.outputs = [o for o in cell.outputs if SUMMARY_MIME not in o.get("data", {})]
    page.metadata["title"] = title
    exporter = HTMLExporter(
        template_name="lab",
        extra_template_paths=[str(TEMPLATES_DIR)],
        template_file="report.html.j2",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    body, _ = exporter.from_notebook_node(page, resources={"metadata": {"name": title}})
    return body


def collect_summary(nb, job: Job, analysis, record: dict) -> dict:
    """The summary the notebook published, else the one the registry's summary function makes."""
    from analysis.reports.data import summary_bundle

    where = f"{job.spec.notebook.name} [{job.title}]"
    bundles = [
        o["data"][SUMMARY_MIME]
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.get("outputs", [])
        if SUMMARY_MIME in o.get("data", {})
    ]
    if len(bundles) > 1:
        raise ReportFailed(f"{where}: published {len(bundles)} summaries; expected one")
    if bundles:
        return dict(bundles[0])
    if job.spec.summary is None:
        raise ReportFailed(f"{where}: publishes no summary and the registry names no summary function")
    try:
        table = _summary_function(job.spec.summary, where)(analysis, dict(job.parameters))
    except Exception as exc:  # noqa: BLE001
        raise ReportFailed(
            f"{where}: summary function {job.spec.summary} failed: {type(exc).__name__}: {exc}"
        ) from None
    return summary_bundle(job.spec.name, table, record)


def summary_csv(summary: dict) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=summary["columns"], lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for row in summary["rows"]:
        writer.writerow({k: ("" if v is None else v) for k, v in row.items()})
    return buf.getvalue()


def _json(data) -> str:
    return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False, default=str) + "\n"


CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'none'"
PAGE_CSS = (
    "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:60rem;margin:2rem auto;"
    "padding:0 1rem;color:#222;line-height:1.5}table{border-collapse:collapse}"
    "td,th{padding:.3rem .7rem;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}"
    "code{font-size:90%}.muted{color:#666;font-size:90%}"
)


def index_html(run: str, jobs: list[Job], record: dict, prefix: str = "", other_runs: tuple[str, ...] = ()) -> str:
    """The list of a run's reports. ``prefix`` leads every link (the top-level index of the output
    folder links into ``runs/<run id>/``); ``other_runs`` are listed below as earlier runs."""
    esc = html.escape
    rows = []
    for job in jobs:
        base = esc(prefix + job.slug)
        rows.append(
            f"<tr><td><a href='{base}/report.html'>{esc(job.title)}</a></td>"
            f"<td>{esc(job.spec.notebook.name)}</td>"
            f"<td><a href='{base}/summary.csv'>CSV</a> · <a href='{base}/summary.json'>JSON</a> · "
            f"<a href='{base}/notebook.ipynb'>notebook</a></td></tr>"
        )
    params = ", ".join(f"{k} = {v!r}" for k, v in sorted(record["parameters"].items())) or "defaults"
    packages = ", ".join(f"{k} {v}" for k, v in record["packages"].items())
    lexicons = "; ".join(f"{k} {v['version']}" for k, v in record["lexicons"].items())
    earlier = ""
    if other_runs:
        items = "".join(f"<li><a href='runs/{esc(r)}/index.html'>{esc(r)}</a></li>" for r in other_runs)
        earlier = f"<h2>Other runs in this folder</h2><ul>{items}</ul>"
    return (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        f"<meta http-equiv='Content-Security-Policy' content=\"{CSP}\">"
        f"<title>News hedging and attribution reports ({esc(run)})</title><style>{PAGE_CSS}</style></head><body>"
        "<h1>How outlets hedge and attribute the claims they report</h1>"
        f"<p class='muted'>Run <code>{esc(run)}</code> over {esc(record['corpus']['source'])} "
        f"(corpus hash <code>{esc(record['corpus']['hash'])}</code>); parameters: {esc(params)}.</p>"
        "<table><tr><th>Report</th><th>Notebook</th><th>Data</th></tr>" + "".join(rows) + "</table>"
        f"<h2>Provenance</h2><p class='muted'>Lexicons and rules: {esc(lexicons)}.<br>"
        f"Packages: {esc(packages)}.<br>Full record: <a href='{esc(prefix)}provenance.json'>provenance.json</a>.</p>"
        f"{earlier}</body></html>\n"
    )


# --- publishing -------------------------------------------------------------------------------


@contextlib.contextmanager
def _locked(out: Path):
    out.mkdir(parents=True, exist_ok=True)
    with open(out / ".lock", "a+") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".tmp-{path.name}-{os.getpid()}-{secrets.token_hex(4)}")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def _move_into(src: Path, dest: Path, out: Path) -> None:
    """Put the folder ``src`` at ``dest``, replacing an older one; the caller holds the lock."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    trash = None
    if dest.exists():
        trash = out / f".tmp-old-{dest.name}-{os.getpid()}-{secrets.token_hex(4)}"
        os.rename(dest, trash)
    os.rename(src, dest)
    if trash is not None:
        shutil.rmtree(trash, ignore_errors=True)


def publish(tmp: Path, out: Path, run: str, jobs: list[Job], record: dict) -> Path:
    """Move a finished run into ``out/runs/<run id>``, point ``out/latest`` at it and make the
    top-level index list its reports (and the other runs kept in the folder)."""
    with _locked(out):
        target = out / "runs" / run
        _move_into(tmp, target, out)
        link = out / f".tmp-latest-{os.getpid()}-{secrets.token_hex(4)}"
        os.symlink(Path("runs") / run, link)
        os.replace(link, out / "latest")
        others = tuple(sorted(p.name for p in (out / "runs").iterdir() if p.is_dir() and p.name != run))
        _write_atomic(out / "index.html", index_html(run, jobs, record, prefix=f"runs/{run}/", other_runs=others))
    return target


# --- the command ------------------------------------------------------------------------------


def plan_jobs(specs: list[ReportSpec], shared: dict, per_report: dict, outlets: list[str], run: str) -> list[Job]:
    jobs = []
    for spec in specs:
        base = {k: v for k, v in shared.items() if spec.takes(k)}
        base.update(per_report.get(spec.name, {}))
        if "run_id" in spec.parameters:
            base["run_id"] = run
        if spec.per_outlet:
            for outlet in outlets:
                jobs.append(
                    Job(
                        spec,
                        f"{spec.name}--{slugify(outlet)}",
                        f"{spec.title}: {outlet}",
                        {**base, "outlet": outlet},
                        outlet,
                    )
                )
        else:
            jobs.append(Job(spec, spec.name, spec.title, base))
    return jobs


def render_reports(
    corpus: str | Path | None = None,
    params_file: str | Path | None = None,
    out: str | Path = "reports",
    registry: str | Path | None = None,
    progress: bool | None = None,
    timeout: int = DEFAULT_CELL_TIMEOUT,
) -> RunResult:
    """Render every registered report; see the module docstring. Raises ParameterError (bad
    parameters, nothing run) or ReportFailed (a notebook failed; published reports untouched)."""
    import warnings

    from tqdm.auto import tqdm

    from analysis.corpus.loading import load_corpus
    from analysis.pipeline.run import analyze_corpus
    from analysis.settings import Settings

    progress = sys.stderr.isatty() if progress is None else progress
    out = Path(out)
    specs = load_registry(registry)
    shared, per_report = read_params_file(params_file)
    if corpus is not None:
        shared["corpus"] = str(corpus)
    check_parameters(specs, shared, per_report)

    # The corpus is handed to the notebooks by name, with the kernel started in its parent folder,
    # so no absolute path appears in the rendered notebooks.
    kernel_cwd = NOTEBOOKS_DIR
    corpus_path = shared.get("corpus")
    if corpus_path is not None:
        resolved = Path(corpus_path).resolve()
        kernel_cwd, shared["corpus"] = resolved.parent, resolved.name
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        loaded = load_corpus(None if corpus_path is None else Path(corpus_path))
    modes = {p.default for s in specs for n, p in s.parameters.items() if n == "mode"}
    mode = shared.get("mode", next(iter(modes), "parse") if len(modes) == 1 else "parse")
    settings = Settings(mode=mode)

    notebooks = [s.notebook for s in specs]
    run = prov.run_id(loaded.hash, {"shared": shared, "reports": per_report}, prov.code_fingerprint(notebooks))
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".tmp-{run}-", dir=out))
    cache = tmp / ".cache"
    kernels = write_kernel_spec(tmp / ".jupyter")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = analyze_corpus(loaded, settings, progress=progress)
        cache.mkdir()
        import pickle

        with (cache / f"{cache_key(loaded, settings)}.pkl").open("wb") as fh:
            pickle.dump(result, fh, protocol=pickle.HIGHEST_PROTOCOL)
        outlets = sorted(result.documents["outlet"].astype(str).unique())
        jobs = plan_jobs(specs, shared, per_report, outlets, run)
        record = prov.provenance(loaded.hash, loaded.source, shared, settings, run)
        env = {
            CACHE_ENV: str(cache),
            "JUPYTER_PATH": os.pathsep.join([str(kernels), *filter(None, [os.environ.get("JUPYTER_PATH")])]),
            "PYTHONHASHSEED": "0",
            "MPLBACKEND": "Agg",
        }
        with _environment(**env):
            bar = tqdm(jobs, desc="rendering reports", unit="report", disable=not progress, file=sys.stderr)
            for job in bar:
                bar.set_postfix_str(job.slug[:40])
                folder = tmp / job.slug
                executed = folder / "notebook.ipynb"
                execute(job, executed, kernel_cwd, timeout)
                nb = nbformat.read(executed, as_version=4)
                normalise_notebook(nb, nbformat.read(job.spec.notebook, as_version=4))
                write_notebook(nb, executed)
                summary = collect_summary(nb, job, result, record)
                summary.update({"title": job.title, "run_id": run, "parameters": job.parameters})
                (folder / "summary.json").write_text(_json(summary), encoding="utf-8")
                (folder / "summary.csv").write_text(summary_csv(summary), encoding="utf-8")
                (folder / "report.html").write_text(html_page(nb, job.title), encoding="utf-8")
        (tmp / "index.html").write_text(index_html(run, jobs, record), encoding="utf-8")
        (tmp / "provenance.json").write_text(
            _json(
                {
                    **record,
                    "reports": [
                        {
                            "report": j.slug,
                            "notebook": j.spec.notebook.name,
                            "title": j.title,
                            "parameters": j.parameters,
                        }
                        for j in jobs
                    ],
                }
            ),
            encoding="utf-8",
        )
    except ReportFailed as exc:
        shutil.rmtree(cache, ignore_errors=True)
        shutil.rmtree(tmp / ".jupyter", ignore_errors=True)
        with _locked(out):
            kept_dir = out / "failed" / run
            _move_into(tmp, kept_dir, out)
        kept = kept_dir / exc.kept.relative_to(tmp) if exc.kept else kept_dir
        raise ReportFailed(f"{exc}\nthe executed notebook is kept in {kept}", kept) from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    shutil.rmtree(cache, ignore_errors=True)
    shutil.rmtree(tmp / ".jupyter", ignore_errors=True)
    target = publish(tmp, out, run, jobs, record)
    return RunResult(run, target, jobs)


def refresh_notebooks(
    names: list[str] | None = None, timeout: int = DEFAULT_CELL_TIMEOUT, progress: bool | None = None
) -> list[Path]:
    """Re-execute notebooks in place (their own default parameters) to refresh stored outputs."""
    from nbclient import NotebookClient
    from tqdm.auto import tqdm

    progress = sys.stderr.isatty() if progress is None else progress
    paths = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
    if names:
        wanted = {Path(n).stem for n in names}
        unknown = wanted - {p.stem for p in paths}
        if unknown:
            raise ParameterError(f"no such notebook(s) in {NOTEBOOKS_DIR.name}/: {sorted(unknown)}")
        paths = [p for p in paths if p.stem in wanted]
    with (
        tempfile.TemporaryDirectory() as tmp,
        _environment(JUPYTER_PATH=str(write_kernel_spec(Path(tmp))), PYTHONHASHSEED="0", MPLBACKEND="Agg"),
    ):
        for path in tqdm(paths, desc="refreshing notebooks", disable=not progress, file=sys.stderr):
            nb = nbformat.read(path, as_version=4)
            source = copy.deepcopy(nb)
            client = NotebookClient(
                nb, timeout=timeout, kernel_name=KERNEL_NAME, resources={"metadata": {"path": str(NOTEBOOKS_DIR)}}
            )
            try:
                client.execute()
            except Exception as exc:  # noqa: BLE001
                raise ReportFailed(f"{path.name}: {type(exc).__name__}: {str(exc).strip()[-2000:]}") from None
            normalise_notebook(nb, source)
            write_notebook(nb, path)
    return paths
