"""PDFs of a run's pages, printed by headless Chromium (``report --pdf``).

Every ``report.html`` of a run, and its ``index.html``, is printed to a PDF beside it
(``report.pdf``, ``index.pdf``) while the run is still in its temporary folder, so a run is
published whole or not at all. The layout is the pages' own print CSS (running headers with the
report's title and run id, page numbers); only the paper size, A4 or Letter, is added here.

Chromium prints a copy of the page without its relative links: it would turn them into
``file://`` links to the temporary folder, which would leak a local path and point nowhere once
the run is published. It runs with ``TZ=UTC``; the PDF's creation and modification dates are
then replaced by a fixed date, and its structure-tree ids renumbered, each by text of the same
length (the cross-reference table stays valid), so the same page printed twice by the same
Chromium gives the same bytes.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
from pathlib import Path

from analysis.pipeline.progress import progress_bar

BROWSERS = ("chromium", "chromium-browser")
PAPERS = {"a4": "A4", "letter": "letter"}
PAGE_TIMEOUT = 120  # seconds for Chromium to print one page
FIXED_DATE = b"20000101000000"  # D:YYYYMMDDHHmmSS, as long as the date Chromium writes
LOCAL_HREF = re.compile(r"""\shref=(["'])(?![a-zA-Z][a-zA-Z0-9+.-]*:)[^"']*\1""")
DATE = re.compile(rb"/(CreationDate|ModDate) \(D:\d{14}")
NODE_ID = re.compile(rb"\(node(\d{8})\)")  # structure-tree ids of the tagged PDF


class PdfError(RuntimeError):
    """No browser, or Chromium failed or hung while printing a page (exit code 1)."""


def find_browser() -> str | None:
    """The headless browser the tests use too (``make browser`` installs it), or None."""
    return next((path for name in BROWSERS if (path := shutil.which(name))), None)


def require_browser(paper: str | None = "a4") -> str | None:
    """The browser to print with (None when ``paper`` is None: no PDFs wanted); raises PdfError
    when there is none, before anything runs."""
    if paper is None:
        return None
    browser = find_browser()
    if browser is None:
        raise PdfError(
            "--pdf needs headless Chromium, and neither chromium nor chromium-browser is on PATH "
            "(make browser installs it)"
        )
    return browser


def print_copy(page_html: str, paper: str) -> str:
    """The page as Chromium prints it: relative links removed, the paper size set."""
    size = f"<style>@page {{ size: {PAPERS[paper]}; }}</style>"
    text = LOCAL_HREF.sub("", page_html)
    head_end = text.find("</head>")
    return text[:head_end] + size + text[head_end:] if head_end >= 0 else size + text


def stable_bytes(pdf: bytes) -> bytes:
    """The PDF with its creation and modification dates set to FIXED_DATE, and the ids of its
    structure tree (Chromium's DOM node numbers, which now and then shift by one) renumbered in the
    same order from 1. Every replacement has the length of what it replaces, and the order keeps
    the id tree sorted, so the PDF stays valid."""
    pdf = DATE.sub(lambda m: b"/" + m.group(1) + b" (D:" + FIXED_DATE, pdf)
    rank = {n: i for i, n in enumerate(sorted({int(n) for n in NODE_ID.findall(pdf)}), start=1)}
    return NODE_ID.sub(lambda m: b"(node%08d)" % rank[int(m.group(1))], pdf)


def write_pdfs(
    folder: Path, browser: str | None, paper: str = "a4", progress: bool | None = None, names: dict | None = None
) -> list[Path]:
    """Print ``folder/index.html`` and every ``folder/*/report.html`` to a PDF beside it (nothing
    when ``browser`` is None), named ``report.pdf`` or as ``names`` gives for the report's folder
    name (a registry variant's ``pdf``). Chromium's profile and the print copies live in
    ``folder/.print``."""
    if browser is None:
        return []
    pages = sorted(folder.glob("*/report.html"))
    if (folder / "index.html").exists():
        pages.append(folder / "index.html")
    scratch = folder / ".print"
    scratch.mkdir(exist_ok=True)
    written = []
    try:
        for page in progress_bar(pages, progress, desc="printing PDFs", unit="page"):
            name = (names or {}).get(page.parent.name) if page.name == "report.html" else None
            written.append(print_pdf(browser, page, paper, scratch, target=page.with_name(name) if name else None))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return written


def print_pdf(
    browser: str, page: Path, paper: str, scratch: Path, timeout: int = PAGE_TIMEOUT, target: Path | None = None
) -> Path:
    """Print one page to ``target`` (None: ``<page stem>.pdf`` beside it); raises PdfError when
    Chromium fails or hangs."""
    copy = scratch / "page.html"
    copy.write_text(print_copy(page.read_text(encoding="utf-8"), paper), encoding="utf-8")
    target = target or page.with_suffix(".pdf")
    printed = scratch / "page.pdf"
    printed.unlink(missing_ok=True)
    _run_chromium(chromium_command(browser, copy, printed, scratch / "profile"), page, timeout)
    data = printed.read_bytes() if printed.exists() else b""
    if not data.startswith(b"%PDF"):
        raise PdfError(f"{page}: Chromium wrote no PDF")
    target.write_bytes(stable_bytes(data))
    return target


# Headless, offline and quiet: no GPU, no network services, no first-run or sync (also used by the tests).
HEADLESS_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def chromium_command(browser: str, page: Path, pdf: Path, profile: Path) -> list[str]:
    return [
        browser,
        *HEADLESS_FLAGS,
        "--no-pdf-header-footer",
        f"--user-data-dir={profile}",
        f"--print-to-pdf={pdf}",
        page.as_uri(),
    ]


def _run_chromium(command: list[str], page: Path, timeout: int) -> None:
    """Run Chromium in its own process group, so that a hung browser is stopped with its helpers."""
    env = {**os.environ, "TZ": "UTC"}
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, start_new_session=True)
    try:
        _, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _stop(proc)
        raise PdfError(f"{page}: Chromium did not finish printing within {timeout} s; stopped it") from None
    except BaseException:  # Ctrl-C: no browser left behind
        _stop(proc)
        raise
    if proc.returncode != 0:
        last = (err or b"").decode("utf-8", "replace").strip().splitlines()[-1:] or ["no message"]
        raise PdfError(f"{page}: Chromium failed printing it (exit {proc.returncode}): {last[0]}")


def _stop(proc: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError):  # it ended on its own meanwhile
        os.killpg(proc.pid, signal.SIGKILL)
    proc.communicate()
