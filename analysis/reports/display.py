"""Tables as a reader sees them: human labels, percent with n, intervals, a small-n marker, and
long tables cut only with a sentence saying so and a link to the full CSV.

``show(frame, name)`` returns a ``Table`` that displays as ``<div class="nh-table">`` HTML. When
a table is longer than ``limit`` rows it shows the first rows, says how many it shows, links to
``tables/<name>.csv`` and carries the whole tidy frame under ``TABLE_MIME``; the report command
writes that payload beside the page (``pages.collect_tables``) and the HTML export drops it.
The same inputs always give the same bytes.
"""

from __future__ import annotations

import html
import math
import re

import pandas as pd

from analysis.aggregation.stats import MIN_DOCUMENTS
from analysis.reports.data import summary_bundle
from analysis.reports.labels import has_label, label

TABLE_MIME = "application/vnd.newshedge.table+json"
ROW_LIMIT = 50  # longer tables show this many rows, a sentence and a link to the full CSV
# Below these counts a figure is marked as resting on small n (the one place they are set).
SMALL_N = {"documents": MIN_DOCUMENTS, "attributions": 10, "other": 10}
MARK = "†"
COUNT_COLUMNS = (
    "documents",
    "words",
    "median_words",
    "sentences",
    "hedges",
    "boosters",
    "attributions",
    "removals",
    "n",
    "total",
)
DOCUMENT_COUNTS = ("n_documents", "documents", "n_a", "n_b")
ATTRIBUTION_COUNTS = ("n_attributions", "attributions", "n_accused", "n_accuser")
# Columns shown to three decimals (probabilities and scores); other numbers to one.
THREE_DECIMALS = re.compile(
    r"(^|[_ ])(p_value|p_adjusted|min_attainable_p|precision|recall|f1|accuracy|score)($|[_ ])", re.I
)
FRACTIONS = ("share_removed",)  # shares stored as 0-1, shown in percent
_NUMBER = re.compile(r"^(n/a|-?[\d,.]+%?( \([^)]*\))?(" + MARK + ")?)$")
TEXT_STYLE, NUMBER_STYLE, HEAD_STYLE = "text-align:left", "text-align:right", "overflow-wrap:normal;"
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,80}$")


def small_note() -> str:
    docs, atts, other = SMALL_N["documents"], SMALL_N["attributions"], SMALL_N["other"]
    return (
        f"{MARK} Small n: fewer than {docs} documents, fewer than {atts} attributions, or fewer than {other} "
        f"of what else a share counts (sentences, hedges). Read such a figure with care; with fewer than "
        f"{docs} documents no interval is given."
    )


def is_small(n_column: str, n) -> bool:
    """Whether ``n`` (a value of the count column ``n_column``) is below its small-n threshold."""
    if n is None or (isinstance(n, float) and math.isnan(n)):
        return True
    kind = "documents" if n_column in DOCUMENT_COUNTS else "attributions" if n_column in ATTRIBUTION_COUNTS else "other"
    return n < SMALL_N[kind]


def is_percent(column) -> bool:
    return "%" in label(column)


def number(value, column: str = "") -> str:
    """One cell: counts with thousands separators, other numbers to one (or three) decimals."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return "n/a"
    if isinstance(value, bool):
        return "yes" if value else "no"
    counted = column.startswith("n_") or column in COUNT_COLUMNS  # integer counts read as floats after a merge
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer() and counted):
        return f"{int(value):,}"
    if isinstance(value, float):
        return f"{value:.3f}" if THREE_DECIMALS.search(column) else f"{value:,.1f}"
    return str(value)


def percent(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    return f"{value:.1f}%" if 0 < abs(value) < 1 else f"{value:.0f}%"  # a small share never shows as 0%


def with_interval(value, low, high, share: bool = False) -> str:
    """'12.3 (8.1-16.0)', or '42% (31-55)' for a share; the value alone without an interval."""
    fmt = (lambda v: f"{v:.0f}") if share else (lambda v: f"{v:,.1f}")
    main = percent(value) if share else number(value)
    if main == "n/a" or any(v is None or (isinstance(v, float) and math.isnan(v)) for v in (low, high)):
        return main
    return f"{main} ({fmt(low)}-{fmt(high)})"


def _cells(frame: pd.DataFrame, n: dict[str, str], inline: bool = True, codes=()) -> tuple[pd.DataFrame, bool]:
    """The displayed text of every cell (not yet escaped) and whether any small-n mark was set.
    Intervals (``X_ci_low``/``X_ci_high``, or ``ci_low``/``ci_high`` beside ``value``) join
    their value; ``n`` maps a share column to the count it is a share of (written beside the
    share when ``inline``, else only used for the small-n mark); ``codes``: columns whose values
    are codes (a column name, a source type) shown by their label."""
    columns = list(frame.columns)
    pairs = {c: (f"{c}_ci_low", f"{c}_ci_high") for c in columns if f"{c}_ci_low" in columns}
    if "value" in columns and "ci_low" in columns:
        pairs["value"] = ("ci_low", "ci_high")
    hidden = {c for pair in pairs.values() for c in pair if c in columns}
    out, marked = {}, False
    for col in (c for c in columns if c not in hidden):
        texts = []
        for i, value in enumerate(frame[col].tolist()):
            share = is_percent(col) and isinstance(value, int | float) and not isinstance(value, bool)
            if share and col in FRACTIONS:
                value = 100 * value
            elif col in codes and isinstance(value, str):
                value = label(value)
            if col in pairs:
                low, high = (frame[p].iloc[i] if p in columns else None for p in pairs[col])
                text = with_interval(value, low, high, share)
            else:
                text = percent(value) if share else number(value, str(col))
            base = n.get(col)
            if base is not None and base in columns:
                count = frame[base].iloc[i]
                text = f"{text} (n={number(count)})" if inline else text
                if is_small(base, count):
                    text, marked = text + MARK, True
            elif str(col) in DOCUMENT_COUNTS and isinstance(value, int | float) and is_small(str(col), value):
                text, marked = text + MARK, True
            texts.append(text)
        out[col] = texts
    return pd.DataFrame(out, columns=[c for c in columns if c not in hidden], dtype=object), marked


def _numeric(texts: pd.Series) -> bool:
    """Whether a column's formatted cells read as numbers (or n/a)."""
    return all(_NUMBER.match(str(t)) for t in texts)


def table_html(cells: pd.DataFrame, keep=(), caption: str = "", notes=(), headers=None) -> str:
    """A ``<div class="nh-table">`` of already formatted cells, labelled (``headers`` overrides
    the label map, for short headers whose unit a note gives), escaped."""
    esc = html.escape
    headers = headers or {}
    names = [str(c) if c in keep else headers.get(c, label(c)) for c in cells.columns]
    # A header that fell back to a tidied column name is marked, so tests can find it.
    marks = ["" if c in keep or c in headers or has_label(c) else ' class="nh-unlabelled"' for c in cells.columns]
    # Inline, so that JupyterLab (which right-aligns every cell) shows the same: text to the left,
    # numbers to the right, and header words never broken mid-word.
    align = [NUMBER_STYLE if _numeric(cells[c]) else TEXT_STYLE for c in cells.columns]
    head = "".join(f"<th{mark} style='{HEAD_STYLE}{a}'>{esc(name)}</th>" for name, mark, a in zip(names, marks, align))
    rows = "".join(
        "<tr>" + "".join(f"<td style='{a}'>{esc(str(v))}</td>" for v, a in zip(row, align)) + "</tr>"
        for row in cells.itertuples(index=False, name=None)
    )
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    foot = "".join(f'<p class="nh-note">{note}</p>' for note in notes)
    return f'<div class="nh-table"><table>{cap}<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>{foot}</div>'


class Table:
    """A displayed table: HTML for the page, plain text for the console, and the full tidy frame
    under TABLE_MIME when rows were left out."""

    def __init__(self, html_text: str, plain: str, payload: dict | None = None):
        self.html, self.plain, self.payload = html_text, plain, payload

    def _repr_html_(self) -> str:
        return self.html

    def _repr_mimebundle_(self, include=None, exclude=None):
        data = {"text/html": self.html, "text/plain": self.plain}
        if self.payload is not None:
            data[TABLE_MIME] = self.payload
        return data


def cut_sentence(shown: tuple[int, int], total: tuple[int, int], name: str) -> str:
    """What was left out (rows, columns) and where the whole table is."""
    parts = []
    if shown[0] < total[0]:
        parts.append(f"the first {shown[0]:,} of {total[0]:,} rows")
    if shown[1] < total[1]:
        parts.append(f"{shown[1]} of {total[1]} columns")
    link = f'<a href="tables/{name}.csv">{name}.csv</a>'
    return (
        f"Showing {' and '.join(parts)}. The full table: {link} (the report command writes it beside "
        "this page; in JupyterLab, run <code>newshedge report</code> to get it)."
    )


def slug(text: str) -> str:
    """A CSV file name from a table title."""
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")[:60] or "table"


def show(
    frame: pd.DataFrame,
    name: str | None = None,
    *,
    n: dict[str, str] | None = None,
    inline: bool = True,
    keep=(),
    codes=(),
    columns: list[str] | None = None,
    limit: int = ROW_LIMIT,
    empty: str = "Nothing to show.",
    caption: str = "",
    notes=(),
    headers: dict[str, str] | None = None,
) -> Table:
    """``frame`` for the reader. ``name`` (lower-case, digits, ``_`` or ``-``) names the CSV
    of the whole table, needed when the frame has more than ``limit`` rows; ``n`` maps share
    columns to their count column (shown as '42% (n=31)', marked when small); ``keep``: columns
    whose names are data values (not relabelled); ``codes``: columns of codes shown by their
    label; ``columns``: the columns to show (the CSV holds them all, and a sentence says so);
    ``notes``: HTML notes under the table. A frame with a meaningful index shows it as a column."""
    if frame.empty:
        text = html.escape(empty)
        return Table(f'<p class="nh-note"><em>{text}</em></p>', empty)
    meaningful = frame.index.name is not None or not pd.api.types.is_integer_dtype(frame.index)
    frame = frame.reset_index(drop=not meaningful)  # a named or labelled index is a column
    picked = list(frame.columns) if columns is None else [c for c in frame.columns if c in columns]
    shown = frame[picked] if len(frame) <= limit else frame[picked].head(limit)
    cells, marked = _cells(shown, n or {}, inline, codes)
    notes = list(notes) + ([html.escape(small_note())] if marked else [])
    payload = None
    if shown.shape != frame.shape:
        if name is None or not _NAME.match(name):
            raise ValueError(f"a table shown in part needs a file name for its CSV, got {name!r}")
        notes.append(cut_sentence(shown.shape, frame.shape, name))
        payload = {"name": name, **_records(frame)}
    plain = f"{len(frame)} rows × {len(frame.columns)} columns" + (f" ({name})" if name else "")
    return Table(table_html(cells, keep, caption, notes, headers), plain, payload)


def _records(frame: pd.DataFrame) -> dict:
    bundle = summary_bundle("", frame, {})
    return {"columns": bundle["columns"], "rows": bundle["rows"]}
