"""Honest figures: intervals drawn, n and a small-n mark beside every row, outlets with too few
documents shown apart with the reason in full, alt text and captions that say what is shown, and
the same PNG bytes for the same data. All tables here are invented."""

from __future__ import annotations

import re
import struct
import warnings
import zlib

import pandas as pd
import pytest

from analysis.reports import figures, plots, plots_attribution, plots_hedging
from analysis.reports.figure_html import ReportFigure
from analysis.reports.labels import label
from analysis.reports.plot_style import HATCHES, PALETTE, SMALL_MARK

LONG_REASON = "fewer than three documents from this invented outlet reached the corpus, so nothing is compared"
RATES = pd.DataFrame(
    {
        "outlet": ["Harbour Gazette", "Valley Times", "Tiny Weekly"],
        "n_documents": [6, 5, 1],
        "value": [4.2, 7.9, 3.0],
        "ci_low": [3.1, 5.5, None],
        "ci_high": [5.6, 9.8, None],
        "note": ["", "", LONG_REASON],
    }
)


def texts(fig) -> str:
    """Every text drawn on the figure (tick labels, annotations, legend), one line per text."""
    return "\n".join(t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text")) if t.get_text())


def rate_figure():
    return plots.rates_with_intervals(RATES, "outlet", "value", "ci_low", "ci_high", "Invented rates", "rate")


def img_alt(html: str) -> str:
    return re.search(r'<img alt="([^"]*)"', html).group(1)


def test_every_interval_is_drawn_from_low_to_high():
    ax = rate_figure().axes[0]
    spans = sorted(
        tuple(sorted((seg[0][0], seg[1][0])))
        for coll in ax.collections
        for seg in coll.get_segments()
        if seg[0][1] == seg[1][1]  # horizontal: an interval, not a cap
    )
    assert spans == [(3.1, 5.6), (5.5, 9.8)]


def test_n_is_beside_every_row_and_small_n_is_marked():
    shown = texts(rate_figure())
    assert "n = 6 documents" in shown and "n = 5 documents" in shown
    small = [line for line in shown.splitlines() if "n = 1 document" in line]
    assert small and SMALL_MARK in small[0]
    assert SMALL_MARK not in "".join(line for line in shown.splitlines() if "n = 6" in line)


def test_the_outlet_without_interval_is_apart_below_a_line_with_its_reason_in_full():
    fig = rate_figure()
    ax = fig.axes[0]
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    assert ticks[-1] == "Tiny Weekly"  # below the outlets that have an interval
    dashed = [line for line in ax.get_lines() if line.get_linestyle() == "--"]
    assert dashed and ax.get_yticks()[-2] < dashed[0].get_ydata()[0] < ax.get_yticks()[-1]
    assert LONG_REASON in " ".join(texts(fig).split())  # wrapped at spaces, never cut
    assert LONG_REASON in fig.alt


def test_alt_text_and_caption_say_what_is_shown():
    html = rate_figure()._repr_html_()
    assert html.startswith('<figure class="nh-figure"><img alt="') and "<figcaption>" in html
    alt = img_alt(html)
    assert "Harbour Gazette: 4.2 (95% interval 3.1 to 5.6)" in alt and "Tiny Weekly: 3.0, shown apart" in alt
    caption = html.split("<figcaption>")[1]
    assert "Measure: rate" in caption and "bootstrap" in caption and "n." in caption


def test_hostile_outlet_names_are_escaped_in_alt_and_caption():
    frame = RATES.assign(outlet=['<b onmouseover="x">A</b>', "B", "C"])
    html = str(plots.rates_with_intervals(frame, "outlet", "value", "ci_low", "ci_high", "t", "x"))
    assert "<b " not in html and "&lt;b onmouseover=&quot;x&quot;&gt;" in html


def png_chunks(data: bytes) -> list[bytes]:
    chunks, at = [], 8
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        chunks.append(data[at + 4 : at + 8])
        at += 12 + length
    return chunks


def test_the_same_table_gives_the_same_png_bytes_without_software_or_date():
    one, two = rate_figure().png(), rate_figure().png()
    assert one == two and one.startswith(b"\x89PNG")
    assert b"tEXt" not in png_chunks(one) and b"tIME" not in png_chunks(one)
    other = plots.rates_with_intervals(RATES.assign(value=[4.3, 7.9, 3.0]), "outlet", "value", "ci_low", "ci_high",
                                       "Invented rates", "rate").png()  # fmt: skip
    assert other != one
    assert zlib.crc32(one) == zlib.crc32(two)


@pytest.mark.parametrize(
    "draw",
    [
        lambda: plots.composition(pd.DataFrame(columns=["outlet", "kind", "n"]), "outlet", "kind", "n", "Kinds", "%"),
        lambda: plots.bars(pd.DataFrame(columns=["outlet", "n"]), "outlet", "n", "Counts", "n"),
        lambda: plots_hedging.writer_vs_quoted(pd.DataFrame(columns=["outlet", "n_documents"])),
        lambda: plots.rates_with_intervals(RATES.iloc[:0], "outlet", "value", "ci_low", "ci_high", "Rates", "rate"),
    ],
)
def test_an_empty_frame_gives_a_sentence(draw):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        shown = draw()
    assert isinstance(shown, plots.NothingToDraw) and "nothing to draw" in shown._repr_html_()


def test_a_composition_shows_n_hatches_and_puts_segment_intervals_in_the_caption_table():
    tidy = pd.DataFrame({"outlet": ["A", "A", "B"], "kind": ["x", "y", "x"], "n": [2, 3, 40]})
    intervals = pd.DataFrame(
        {"outlet": ["A", "A", "B"], "kind": ["x", "y", "x"], "value": [25.0, 75.0, 100.0],
         "ci_low": [5.0, 50.0, None], "ci_high": [50.0, 95.0, None]}
    )  # fmt: skip
    fig = plots.composition(tidy, "outlet", "kind", "n", "Kinds", "% of records", intervals=intervals)
    shown = texts(fig)
    assert f"n = 5 records  {SMALL_MARK}" in shown and "n = 40 records" in shown
    handles = fig.axes[0].get_legend().legend_handles
    assert len({h.get_hatch() or "" for h in handles}) == len(handles) == 2  # not colour alone
    assert {h.get_facecolor()[:3] for h in handles} <= {
        tuple(int(c[i : i + 2], 16) / 255 for i in (1, 3, 5)) for c in PALETTE
    }
    assert HATCHES[0] != HATCHES[1]
    caption = fig.caption
    assert "25.0 (5.0–50.0)" in caption and "100.0 (no interval)" in caption and "table below" in caption


def test_shares_have_intervals_n_of_attributions_and_label_axes():
    outlets = pd.DataFrame(
        {"outlet": ["A", "B"], "n_documents": [5, 4], "n_attributions": [40, 6], "note": ["", ""],
         "anonymous_share": [25.0, 50.0], "anonymous_share_ci_low": [10.0, 20.0],
         "anonymous_share_ci_high": [40.0, 80.0]}
    )  # fmt: skip
    fig = plots_attribution.anonymity(outlets)
    ax = fig.axes[0]
    assert ax.get_xlabel() == label("anonymous_share") and ax.get_xlim() == (0.0, 100.0)
    shown = texts(fig)
    assert "n = 5 documents, 40 attributions" in shown and f"n = 4 documents, 6 attributions  {SMALL_MARK}" in shown
    assert "(95% interval 20.0 to 80.0)" in fig.alt


def report_tables(sides="story_file") -> figures.ReportTables:
    hedging = pd.DataFrame(
        {"outlet": ["A", "B"], "n_documents": [4, 1], "note": ["", "fewer than 3 documents: no interval, not compared"],
         **{f"{m}{s}": [2.0, None if s else 1.0] for m in ("hedges_per_1000", "boosters_per_1000")
            for s in ("", "_ci_low", "_ci_high")}}
    )  # fmt: skip
    attribution = hedging[["outlet", "n_documents", "note"]].assign(
        n_attributions=[12, 2], enough_documents=[True, False], share_expert=[50.0, 100.0],
        share_expert_ci_low=[20.0, None], share_expert_ci_high=[80.0, None], share_vague=[50.0, 0.0],
        share_vague_ci_low=[20.0, None], share_vague_ci_high=[80.0, None], denial_share_accused=[50.0, 100.0],
        denial_share_accused_ci_low=[10.0, None], denial_share_accused_ci_high=[90.0, None],
        docs_with_denial_share=[50.0, 100.0], docs_with_denial_share_ci_low=[10.0, None],
        docs_with_denial_share_ci_high=[90.0, None],
    )  # fmt: skip
    stances = pd.DataFrame({"outlet": ["A", "A", "B"], "side": ["accused"] * 3,
                            "stance": ["denial", "neutral", "denial"], "n": [2, 2, 1]})  # fmt: skip
    denials = pd.DataFrame({"doc_id": ["1", "2", "3", "4", "5"], "outlet": ["A"] * 4 + ["B"],
                            "has_denial": [True, True, False, False, True]})  # fmt: skip
    return figures.ReportTables(hedging, attribution, stances, denials, sides)


@pytest.mark.parametrize("outlet", [None, "A", "B"])
def test_outlet_report_figures_all_carry_alt_text_and_n(outlet):
    shown = figures.outlet_figures(report_tables(), highlight_outlet=outlet)
    assert all(isinstance(f, ReportFigure) for f in shown)
    for fig in shown:
        assert len(fig.alt) > len(fig.report_title) + 20
        assert re.search(r"n = \d|\d of \d", texts(fig)), fig.report_title
    denial = shown[4]
    assert "1 of 1 document" in texts(denial) and SMALL_MARK in texts(denial)
    stance_caption = shown[3].caption
    assert "distancing and denial shares only" in stance_caption
    assert ("100.0 (no interval)" if outlet == "B" else "10.0–90.0") in stance_caption


def test_series_share_a_row_per_outlet_with_a_legend_even_when_every_outlet_is_apart():
    outlets = pd.DataFrame(
        {"outlet": ["A", "B"], "n_documents": [1, 2], "note": ["too few", "too few"],
         **{f"{m}{s}": [None, None] if s else [1.0, 2.0]
            for m in ("writer_hedges_per_1000", "quoted_hedges_per_1000") for s in ("", "_ci_low", "_ci_high")}}
    )  # fmt: skip
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # an empty legend warns, and a warning would reach the page
        fig = plots_hedging.writer_vs_quoted(outlets)
        fig.png()
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["A", "B"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["writer's voice", "quoted"]
    assert "Shown apart: too few" in texts(fig)


def test_all_zero_rates_get_a_plain_axis_not_a_sliver():
    zeros = RATES.assign(value=[0.0, 0.0, 0.0], ci_low=[0.0, 0.0, None], ci_high=[0.0, 0.0, None])
    ax = plots.rates_with_intervals(zeros, "outlet", "value", "ci_low", "ci_high", "Zero", "rate").axes[0]
    assert ax.get_xlim() == (0.0, 1.0)
