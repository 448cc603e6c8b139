"""Printing reports: the print CSS keeps every figure inside the paper, ``report --pdf`` writes a
PDF beside each page with headless Chromium, and a missing or hung browser is one clear line.

The browser tests measure where images land in the PDF with poppler's ``pdftohtml -xml`` (image
boxes in points on each page); ``make browser`` installs Chromium and poppler-utils."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from matplotlib.figure import Figure
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from analysis import cli
from analysis.reports import pdf
from analysis.reports.figure_html import figure_html, png
from analysis.reports.pages import css_string, html_page
from analysis.reports.print_fit import mark_wide_tables, min_chars

ROOT = Path(__file__).resolve().parent.parent
PAPER_POINTS = {"a4": (594, 841), "letter": (612, 792)}  # width, height, as pdftohtml gives them (whole points)


def need_browser() -> str:
    missing = [t for t in ("pdftohtml",) if shutil.which(t) is None]
    if pdf.find_browser() is None or missing:
        what = "headless Chromium" if pdf.find_browser() is None else f"poppler-utils ({', '.join(missing)})"
        if os.environ.get("CI"):  # `make test` installs them; in CI a skip would hide the check
            pytest.fail(f"{what} not installed (make browser)")
        pytest.skip(f"{what} not installed (make browser)")
    return pdf.find_browser()


# --- pieces, without a browser ----------------------------------------------------------------


def test_running_header_text_cannot_leave_its_css_string():
    text = css_string('Outlet "X" \\ </style><script>alert(1)</script>')
    inner = text[1:-1]
    assert text[0] == text[-1] == '"' and '"' not in inner and "<" not in inner
    assert "\\" not in inner.replace("\\00", "")  # only the escapes themselves
    assert css_string("Run run-1a2b") == '"Run run-1a2b"'


def test_only_tables_too_wide_for_a_line_may_break_words_anywhere():
    head = "<tr><th>Documents</th><th>Hedged sentences (%)</th></tr>"
    narrow = f"<table class='dataframe'>{head}<tr><td>3</td><td>12%</td></tr></table>"
    assert min_chars(narrow) == len("Documents") + len("sentences") + 4  # longest word per column, plus padding
    assert mark_wide_tables(narrow) == narrow  # a table that fits keeps its words whole
    cells = "".join(f"<td>an&nbsp;invented&nbsp;value&nbsp;{i}</td>" for i in range(8))
    wide = f"<p>before</p><table class='dataframe'><tr>{cells}</tr></table><table><tr><td>x</td></tr></table>"
    marked = mark_wide_tables(wide)
    assert "<table class='dataframe nh-squeeze'>" in marked and marked.count("nh-squeeze") == 1
    headers = cells.replace("td>", "th>")
    assert mark_wide_tables(f"<table><tr>{headers}</tr></table>").startswith(
        '<table class="nh-squeeze nh-squeeze-all">'
    )


def test_print_copy_drops_local_links_keeps_web_links_and_sets_the_paper():
    page = '<html><head><title>t</title></head><body><a href=\'../index.html\'>back</a> <a href="#s">s</a> <a href="https://example.org/x">web</a></body></html>'
    copy = pdf.print_copy(page, "letter")
    assert "index.html" not in copy and 'href="#s"' not in copy and 'href="https://example.org/x"' in copy
    assert copy.index("@page { size: letter; }") < copy.index("</head>")


def test_pdf_dates_and_node_ids_are_fixed_without_changing_the_length():
    raw = b"%PDF-1.4\n<</Producer (Skia)\n/CreationDate (D:20261201060319+00'00')\n/ModDate (D:20261201060319+00'00')>>"
    raw += b"\n/ID (node00000041)>>\n/ID (node00000038)>>\n/Names [(node00000038) 5 0 R (node00000041) 7 0 R]"
    fixed = pdf.stable_bytes(raw)
    assert len(fixed) == len(raw) and b"20261201" not in fixed and fixed.count(b"D:20000101000000+00'00'") == 2
    assert b"/ID (node00000002)>>\n/ID (node00000001)>>" in fixed  # same order, numbered from 1
    assert b"[(node00000001) 5 0 R (node00000002) 7 0 R]" in fixed
    shifted = raw.replace(b"node00000041", b"node00000042").replace(b"node00000038", b"node00000039")
    assert pdf.stable_bytes(shifted) == fixed


def test_missing_browser_is_one_line_and_nothing_runs(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    code = cli.main(["report", "--pdf", "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == cli.EXIT_FAILED and err.count("\n") == 1 and "Chromium" in err
    assert not (tmp_path / "out").exists()


def test_a_hung_browser_is_stopped_with_one_clear_message(tmp_path):
    fake = tmp_path / "chromium"
    fake.write_text("#!/bin/sh\nsleep 60 &\nsleep 60\n")  # a helper process too, stopped with it
    fake.chmod(0o755)
    page = tmp_path / "report.html"
    page.write_text("<html><head></head><body>x</body></html>")
    with pytest.raises(pdf.PdfError, match=r"did not finish printing within 1 s"):
        pdf.print_pdf(str(fake), page, "a4", tmp_path, timeout=1)
    left = subprocess.run(["pgrep", "-f", f"{fake}"], capture_output=True, text=True).stdout.split()
    assert not left and not (tmp_path / "report.pdf").exists()


# --- printed in Chromium ----------------------------------------------------------------------


def image_boxes(pdf_file: Path, tmp: Path) -> list[tuple[int, float, float, float, float]]:
    """(page width, page height, image left, image right) per image, in points, from pdftohtml."""
    xml = tmp / "layout"
    subprocess.run(["pdftohtml", "-xml", "-zoom", "1", "-q", str(pdf_file), str(xml)], check=True, timeout=120)
    text = xml.with_suffix(".xml").read_text(encoding="utf-8", errors="replace")
    boxes = []
    for page in re.split(r"<page ", text)[1:]:
        width, height = (float(page.split(f'{k}="')[1].split('"')[0]) for k in ("width", "height"))
        for left, size in re.findall(r'<image top="-?\d+" left="(-?\d+)" width="(\d+)"', page):
            boxes.append((width, height, float(left), float(left) + float(size)))
    return boxes


def assert_figures_inside(pdf_file: Path, paper: str, tmp: Path) -> int:
    boxes = image_boxes(pdf_file, tmp)
    for width, height, left, right in boxes:
        assert (round(width), round(height)) == PAPER_POINTS[paper], pdf_file
        assert left >= 0 and right <= width - 20, f"{pdf_file}: an image spans {left}-{right} pt of {width}"
    return len(boxes)


def wide_page(folder: Path) -> Path:
    """A report page made by the real exporter and template, with a figure drawn far wider than
    any paper, a 30-column table, and a title that must stay text in the running header."""
    fig = Figure(figsize=(16, 3))
    fig.add_subplot().barh(["an invented outlet", "another"], [3, 5])
    figure = figure_html(png(fig), "Two invented bars", "<strong>Invented.</strong> Wider than the page.")
    head = "".join(f"<th>invented_column_{i}</th>" for i in range(30))
    row = "".join(f"<td>{i * 1234.5678}</td>" for i in range(30))
    table = f"<div class='nh-table'><table><thead><tr>{head}</tr></thead><tbody><tr>{row}</tr></tbody></table></div>"
    cells = [new_markdown_cell("# A printed page\n\nInvented words.")]
    for part in [figure, table, figure]:
        cells.append(new_code_cell("", outputs=[new_output("display_data", data={"text/html": part})]))
    for i, cell in enumerate(cells):
        cell["id"] = f"c{i}"
    page = folder / "01_page" / "report.html"
    page.parent.mkdir(parents=True)
    page.write_text(html_page(new_notebook(cells=cells), 'Outlet "<b>"', "run-0123abcd"), encoding="utf-8")
    return page


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_a_figure_wider_than_the_paper_is_scaled_into_it(tmp_path, paper):
    browser = need_browser()
    page = wide_page(tmp_path / "run")
    written = pdf.write_pdfs(page.parent.parent, browser, paper, progress=False)
    assert written == [page.with_suffix(".pdf")] and not (tmp_path / "run" / ".print").exists()
    assert assert_figures_inside(written[0], paper, tmp_path) == 2
    layout = (tmp_path / "layout.xml").read_text(encoding="utf-8")
    assert "Outlet &#34;&lt;b&gt;&#34;" in layout and "Run run-0123abcd" in layout  # running header, as text
    data = written[0].read_bytes()
    assert b"file:" not in data and b"/CreationDate (D:20000101000000" in data
    again = pdf.write_pdfs(page.parent.parent, browser, paper, progress=False)
    assert again[0].read_bytes() == data  # byte-stable with the same Chromium


def test_report_pdf_prints_every_page_of_a_real_run_inside_the_paper(tmp_path):
    """A real report notebook over the bundled corpus, in fast mode, with ``--pdf letter``."""
    need_browser()
    nbs = tmp_path / "nbs"
    nbs.mkdir()
    shutil.copy(ROOT / "notebooks" / "02_hedging_by_outlet.ipynb", nbs)
    registry = nbs / "reports.yaml"
    entry = "  - notebook: 02_hedging_by_outlet.ipynb\n    title: Hedging by outlet\n"
    registry.write_text(f"reports:\n{entry}    summary: analysis.reports.summaries:hedging_by_outlet\n")
    params = tmp_path / "fast.yaml"
    params.write_text("mode: fast\n")
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "analysis", "report", "--registry", registry, "--params", params, "--out", out]
    result = subprocess.run([*map(str, cmd), "--pdf", "letter"], cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]
    run = (out / "latest").resolve()
    assert sorted(p.relative_to(run).as_posix() for p in run.rglob("*.pdf")) == [
        "02_hedging_by_outlet/report.pdf",
        "index.pdf",
    ]
    assert assert_figures_inside(run / "02_hedging_by_outlet" / "report.pdf", "letter", tmp_path) >= 1
    assert assert_figures_inside(run / "index.pdf", "letter", tmp_path) == 0
    assert not [p for p in out.iterdir() if p.name.startswith(".tmp")]
