"""What a rendered report consists of, and the run's index page.

An executed notebook is normalised (no timings, absolute paths or random cell ids), exported as a
code-free HTML page, and its summary (published by the notebook, or made by the registry's
summary function) written as JSON and CSV (text cells a spreadsheet would run as a formula are
quoted, as in every CSV the tool writes). Every page forbids scripts with a
Content-Security-Policy, and all text from the data is escaped.
"""

from __future__ import annotations

import copy
import html
import json
from pathlib import Path

import nbformat
import pandas as pd

from analysis.pipeline.tables import spreadsheet_safe
from analysis.reports.data import SUMMARY_MIME, summary_bundle
from analysis.reports.display import TABLE_MIME
from analysis.reports.jobs import Job, ReportFailed
from analysis.reports.kernel import ERROR_TAG, INJECTED_TAG, cell_tags
from analysis.reports.print_fit import mark_wide_tables
from analysis.reports.provenance import story_line
from analysis.reports.registry import summary_function
from analysis.resources import templates_dir

PAPERMILL_NB_KEYS = ("parameters", "default_parameters", "version", "exception")
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'none'"
PAGE_CSS = (
    "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:60rem;margin:2rem auto;"
    "padding:0 1rem;color:#222;line-height:1.5}table{border-collapse:collapse}"
    "td,th{padding:.3rem .7rem;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}"
    "code{font-size:90%}.muted{color:#666;font-size:90%}table{max-width:100%}td,th{overflow-wrap:anywhere}"
    "@page{margin:17mm 13mm 15mm 13mm;@bottom-right{content:'Page ' counter(page) ' of ' counter(pages);"
    "font:9px system-ui,sans-serif;color:#555}}"
    "@media print{body{max-width:none;margin:0;padding:0;font-size:12px}h1,h2,h3{break-after:avoid}"
    "tr,li,p{break-inside:avoid}a{color:inherit;text-decoration:none}}"
)
RUNNING_HEAD = "@page{{@top-left{{content:{title};{font}}}@top-right{{content:{run};{font}}}}}"


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
            tag = "injected-parameters" if INJECTED_TAG in cell_tags(cell) else f"added-{index}"
            cell["id"] = tag
    nb.metadata.get("kernelspec", {}).pop("display_name", None)
    nb.metadata.get("kernelspec", {})["display_name"] = "Python 3 (ipykernel)"


def write_notebook(nb, path: Path) -> None:
    path.write_text(nbformat.writes(nb) + "\n", encoding="utf-8")


def html_page(nb, title: str, run: str = "") -> str:
    """Code-free HTML of an executed notebook: no inputs, no prompts, no parameters cells,
    no summary payloads, no JavaScript (a Content-Security-Policy forbids scripts). Printed, every
    page is headed by ``title`` and the ``run`` id."""
    from nbconvert import HTMLExporter

    page = copy.deepcopy(nb)
    page.cells = [c for c in page.cells if not cell_tags(c) & {INJECTED_TAG, "parameters", ERROR_TAG}]
    for cell in page.cells:
        if cell.cell_type == "code":
            cell.outputs = [o for o in cell.outputs if SUMMARY_MIME not in o.get("data", {})]
            for output in cell.outputs:
                output.get("data", {}).pop(TABLE_MIME, None)  # the full table ships as a CSV instead
    page.metadata["title"] = title
    exporter = HTMLExporter(
        template_name="lab",
        extra_template_paths=[str(templates_dir())],
        template_file="report.html.j2",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    running = {"nh_css_title": css_string(title), "nh_css_run": css_string(f"Run {run}" if run else "")}
    body, _ = exporter.from_notebook_node(page, resources={"metadata": {"name": title}, **running})
    return mark_wide_tables(body)  # only these may break words anywhere in print


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string that is safe inside ``<style>``: every character but letters,
    digits, space and plain punctuation is a hex escape (no quote, backslash or ``</style>`` survives)."""
    safe = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ,.:;()-_+=!?")
    return '"' + "".join(c if c in safe else f"\\{ord(c):06x}" for c in text) + '"'


def collect_summary(nb, job: Job, analysis, record: dict) -> dict:
    """The summary the notebook published, else the one the registry's summary function makes."""
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
        table = summary_function(job.spec.summary, where)(analysis, dict(job.parameters))
    except Exception as exc:  # noqa: BLE001
        raise ReportFailed(
            f"{where}: summary function {job.spec.summary} failed: {type(exc).__name__}: {exc}"
        ) from None
    return summary_bundle(job.spec.name, table, record)


def collect_tables(nb, job: Job) -> dict[str, str]:
    """The full tables the notebook displayed cut (``display.show``), as CSV text by file name."""
    tables: dict[str, str] = {}
    for cell in nb.cells:
        for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
            payload = output.get("data", {}).get(TABLE_MIME)
            if payload is None:
                continue
            name = payload["name"]
            if name in tables:
                raise ReportFailed(f"{job.spec.notebook.name} [{job.title}]: two tables named {name!r}")
            tables[name] = summary_csv(payload)
    return tables


def summary_csv(summary: dict) -> str:
    """The summary's rows as CSV, safe to open in a spreadsheet. A missing value is an empty
    string, not NaN, so that an integer column with a gap is not written as floats."""
    columns = summary["columns"]
    cells = [["" if row.get(c) is None else row.get(c) for c in columns] for row in summary["rows"]]
    frame = pd.DataFrame(cells, columns=columns, dtype=object)
    return spreadsheet_safe(frame).to_csv(index=False, lineterminator="\n")


def to_json(data) -> str:
    """Stable JSON text: sorted keys, one space indent, a final newline."""
    return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False, default=str) + "\n"


def index_html(
    run: str,
    jobs: list[Job],
    record: dict,
    prefix: str = "",
    other_runs: tuple[str, ...] = (),
    note: str = "",
    summary: str = "",
    pdfs: bool = False,
) -> str:
    """The list of a run's reports. ``prefix`` leads every link (the top-level index of the output
    folder links into ``runs/<run id>/``); ``other_runs`` are listed below as earlier runs; ``note``
    is shown above the list (why reports are missing); ``summary`` is the run's summary (HTML made
    by ``run_summary.summary_html``, shown below the list); ``pdfs``: link each report's PDF too."""
    esc = html.escape
    rows = []
    for job in jobs:
        base = esc(prefix + job.slug)
        rows.append(
            f"<tr><td><a href='{base}/report.html'>{esc(job.title)}</a></td>"
            f"<td>{esc(job.spec.notebook.name)}</td>"
            f"<td>{pdf_link(base, job) if pdfs else ''}<a href='{base}/summary.csv'>CSV</a> · "
            f"<a href='{base}/summary.json'>JSON</a> · "
            f"<a href='{base}/notebook.ipynb'>notebook</a></td></tr>"
        )
    params = ", ".join(f"{k} = {v!r}" for k, v in sorted(record["parameters"].items())) or "defaults"
    packages = ", ".join(f"{k} {v}" for k, v in record["packages"].items())
    lexicons = "; ".join(f"{k} {v['version']}" for k, v in record["lexicons"].items())
    earlier = ""
    if other_runs:
        items = "".join(f"<li><a href='runs/{esc(r)}/index.html'>{esc(r)}</a></li>" for r in other_runs)
        earlier = f"<h2>Other runs in this folder</h2><ul>{items}</ul>"
    notice = f"<p><strong>{esc(note)}</strong></p>" if note else ""
    summary = f"<h2>Summary</h2>{summary}" if summary else ""
    return (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        f"<meta http-equiv='Content-Security-Policy' content=\"{CSP}\">"
        f"<title>News hedging and attribution reports ({esc(run)})</title><style>{PAGE_CSS}{_running_head(run)}</style>"
        "</head><body>"
        "<h1>How outlets hedge and attribute the claims they report</h1>"
        f"<p class='muted'>Run <code>{esc(run)}</code> over {esc(record['corpus']['source'])} "
        f"(corpus hash <code>{esc(record['corpus']['hash'])}</code>); parameters: {esc(params)}.<br>"
        f"Story: {esc(story_line(record))}.</p>{notice}"
        "<table><tr><th>Report</th><th>Notebook</th><th>Data</th></tr>" + "".join(rows) + "</table>"
        f"{summary}<h2>Provenance</h2><p class='muted'>Lexicons and rules: {esc(lexicons)}.<br>"
        f"Packages: {esc(packages)}.<br>Full record: <a href='{esc(prefix)}provenance.json'>provenance.json</a>.</p>"
        f"{earlier}</body></html>\n"
    )


def pdf_link(base: str, job: Job) -> str:
    """The link to a report's PDF (``report.pdf``, or its registry variant's file name)."""
    return f"<a href='{base}/{html.escape(job.pdf)}'>PDF ({html.escape(job.pdf)})</a> · "


def _running_head(run: str) -> str:
    """The index page's printed header: what it is, and the run."""
    font = "font:9px system-ui,sans-serif;color:#555"
    return RUNNING_HEAD.format(
        title=css_string("News hedging and attribution reports"), run=css_string(f"Run {run}"), font=font
    )
