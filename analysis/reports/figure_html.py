"""How report figures reach a page: a PNG inside ``<figure class="nh-figure">`` with alt text and a
caption, so that nbconvert keeps both (a notebook output of type text/html).

The PNG is the same bytes for the same data: fixed rcParams, no ``Software`` entry in its metadata
(matplotlib writes no date into a PNG), Agg rendering. The image carries its width in CSS pixels so
a screen shows it at its drawn size; the page's print CSS scales it down to the paper.
"""

from __future__ import annotations

import base64
import html
import io
import struct

import matplotlib
from matplotlib.figure import Figure

DPI = 150  # sharp on paper; the width attribute keeps the on-screen size at 96 px per inch
STYLE = {
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "x",
    "grid.color": "#dddddd",
    "figure.dpi": 100,
    "savefig.dpi": DPI,
    "hatch.color": "#333333",
    "hatch.linewidth": 0.6,
}


def png(fig: Figure) -> bytes:
    """The figure as PNG bytes, without the metadata that would change between runs."""
    buf = io.BytesIO()
    with matplotlib.rc_context(STYLE):
        fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": None}, bbox_inches="tight", pad_inches=0.15)
    return buf.getvalue()


def _png_width(data: bytes) -> int:
    return struct.unpack(">I", data[16:20])[0]  # the IHDR chunk's width


def figure_html(data: bytes, alt: str, caption_html: str) -> str:
    """``<figure>`` with the PNG inline (pages allow ``img-src data:`` only), its alt text and caption."""
    width = round(_png_width(data) * 96 / DPI)
    src = base64.b64encode(data).decode("ascii")
    return (
        f'<figure class="nh-figure"><img alt="{html.escape(alt, quote=True)}" width="{width}" '
        f'style="max-width:100%;height:auto" src="data:image/png;base64,{src}">'
        f"<figcaption>{caption_html}</figcaption></figure>"
    )


class ReportFigure(Figure):
    """A matplotlib Figure that notebooks show as ``<figure>`` (PNG, alt text, caption); its plain
    text form is the alt text. ``caption`` is HTML built from escaped parts."""

    report_title = ""
    alt = ""
    caption = ""

    def png(self) -> bytes:
        return png(self)

    def _repr_html_(self) -> str:
        return figure_html(self.png(), self.alt or self.report_title, self.caption or html.escape(self.report_title))

    def __repr__(self) -> str:
        return f"Figure: {self.alt or self.report_title}"

    def __str__(self) -> str:
        return self._repr_html_()


class Note:
    """A short escaped HTML note shown instead of a figure that has nothing to show."""

    def __init__(self, text: str):
        self.text = text

    def _repr_html_(self) -> str:
        return f'<p class="nh-note"><em>{html.escape(self.text)}</em></p>'

    def __repr__(self) -> str:
        return self.text


class NothingToDraw(Note):
    """Stands in for a figure whose table is empty: a sentence saying so, never an empty chart
    with a meaningless axis (and no matplotlib warning about an empty legend)."""

    def __init__(self, title: str, why: str = "there is no data for it in this corpus"):
        super().__init__(f"{title.splitlines()[0]}: nothing to draw, as {why}.")
        self.report_title = title


def caption(title: str, *sentences: str, table: str = "") -> str:
    """Caption HTML: the title in bold, then plain sentences (escaped here), then an optional
    table (HTML built by ``caption_table``)."""
    text = " ".join(html.escape(s) for s in sentences if s)
    return f"<strong>{html.escape(title)}.</strong> {text}{table}"


def caption_table(rows: list[str], columns: list[str], cells: dict[tuple[str, str], str], corner: str = "") -> str:
    """A small table of the numbers a figure cannot show (e.g. the interval of each segment)."""
    head = "".join(f"<th>{html.escape(c)}</th>" for c in [corner, *columns])
    body = "".join(
        "<tr><th>"
        + html.escape(r)
        + "</th>"
        + "".join(f"<td>{html.escape(cells.get((r, c), '–'))}</td>" for c in columns)
        + "</tr>"
        for r in rows
    )
    return f'<div class="nh-table"><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'
