"""What a report notebook loads and publishes.

``load_report_data`` gives a notebook the corpus and its analysis. When the report command runs
many notebooks over one corpus it analyses the corpus once and points ``NEWSHEDGE_ANALYSIS_CACHE``
at a folder of pickled results, keyed by the corpus hash, the date rule, settings and package
version; a cache hit gives exactly what a fresh analysis would, so notebooks behave the same with
or without it. ``NEWSHEDGE_DAYFIRST=1`` (set by ``report --dayfirst``) reads ambiguous dates such as
04/03/2025 day first, as ``load_corpus(..., dayfirst=True)`` does.

``publish_summary`` displays a report's machine-readable summary under a private MIME type; the
report command collects it from the executed notebook into summary.csv / summary.json, and the
HTML export ignores it.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import warnings
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.aggregation import memo
from analysis.corpus.loading import Corpus, load_corpus
from analysis.pipeline.run import Analysis, analyze_corpus
from analysis.settings import Settings
from analysis.story import story_for

CACHE_ENV = "NEWSHEDGE_ANALYSIS_CACHE"
DAYFIRST_ENV = "NEWSHEDGE_DAYFIRST"
SUMMARY_MIME = "application/vnd.newshedge.summary+json"


@dataclass
class ReportData:
    corpus: Corpus
    analysis: Analysis
    settings: Settings

    def raw_text(self, doc_id: str) -> str:
        docs = self.corpus.documents
        match = docs.loc[docs["doc_id"] == doc_id, "text"]
        if match.empty:
            raise ValueError(f"document {doc_id!r} is not in the corpus")
        return match.iloc[0]


def cache_key(corpus: Corpus, settings: Settings, dayfirst: bool = False) -> str:
    from analysis import __version__

    blob = f"{corpus.hash}|{settings.fingerprint()}|{__version__}|dayfirst={dayfirst}".encode()
    return hashlib.sha256(blob).hexdigest()[:24]


def dayfirst_from_environment() -> bool:
    return os.environ.get(DAYFIRST_ENV, "") == "1"


def load_report_data(
    corpus: str | None = None,
    mode: str = "parse",
    progress: bool | None = False,
    dayfirst: bool | None = None,
    story: str | None = None,
) -> ReportData:
    """Load a corpus (None = the bundled one) and analyse it, using the report command's cache if set.
    ``dayfirst``: read ambiguous dates day first (None: as ``NEWSHEDGE_DAYFIRST`` says). ``story``:
    a story file (None: the bundled corpus's own story, or, for another corpus, inferred sides).

    Loader warnings (for example dates that do not parse) are kept in ``corpus.messages`` rather
    than printed, so notebook outputs carry no file paths. No progress bar by default: the
    notebooks' stored outputs must not change from run to run; ``progress=None`` shows one in
    JupyterLab (see ``analysis.pipeline.progress``).
    """
    settings = Settings(mode=mode, story=story_for(corpus, story))
    dayfirst = dayfirst_from_environment() if dayfirst is None else dayfirst
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        loaded = load_corpus(corpus, dayfirst=dayfirst)
    cache_dir = os.environ.get(CACHE_ENV)
    cached = Path(cache_dir) / f"{cache_key(loaded, settings, dayfirst)}.pkl" if cache_dir else None
    memo.use_folder(Path(cache_dir) / "tables" if cache_dir else None)  # the run's notebooks share intervals
    if cached is not None and cached.is_file():
        with cached.open("rb") as fh:
            result = pickle.load(fh)
    else:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = analyze_corpus(loaded, settings, progress=progress)
        if cached is not None:
            memo.dump_atomic(result, cached)
    return ReportData(loaded, result, result.settings)  # with the story file the analysis used


def outlets(data: ReportData) -> list[str]:
    """Outlets with at least one analysed document, sorted."""
    return sorted(data.analysis.documents["outlet"].astype(str).unique())


def choose(value: str | None, known: list[str], what: str) -> str:
    """``value`` if it is one of ``known`` (sorted), the first of them if None; else a clear error."""
    if not known:
        raise ValueError("the corpus has no analysed documents")
    if value is None:
        return known[0]
    if value not in known:
        shown = known if len(known) <= 20 else known[:20] + ["..."]
        raise ValueError(f"{what} {value!r} is not among the analysed documents' {what}s: {shown}")
    return value


def choose_outlet(data: ReportData, outlet: str | None) -> str:
    """The outlet a per-outlet report is about: the one named, or the first (alphabetically) if None."""
    return choose(outlet, outlets(data), "outlet")


def _json_ready(value):
    if isinstance(value, float) and value != value:  # NaN
        return None
    if hasattr(value, "item"):  # numpy scalars
        return _json_ready(value.item())
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    return value


def summary_bundle(report: str, table: pd.DataFrame, provenance: dict) -> dict:
    """The machine-readable summary of a report: its table (records) and provenance."""
    records = [{str(k): _json_ready(v) for k, v in row.items()} for row in table.to_dict("records")]
    return {"report": report, "columns": [str(c) for c in table.columns], "rows": records, "provenance": provenance}


def publish_summary(report: str, table: pd.DataFrame, provenance: dict) -> None:
    """Display the summary under SUMMARY_MIME (collected by the report command, ignored by HTML)."""
    from IPython.display import display

    display(
        {
            SUMMARY_MIME: summary_bundle(report, table, provenance),
            "text/plain": f"summary of {report}: {len(table)} rows",
        },
        raw=True,
    )


def heading(text: str, level: int = 2):
    """An escaped HTML heading (for titles that come from the data, such as an outlet name)."""
    import html

    from IPython.display import HTML

    return HTML(f"<h{level}>{html.escape(str(text))}</h{level}>")
