"""Plot functions take computed tables and an optional matplotlib ``ax``, and return the Figure."""

from __future__ import annotations

import pandas as pd
import pytest
from matplotlib.figure import Figure

from analysis.reports import plots, plots_attribution, plots_hedging
from analysis.vocabulary import SOURCE_TYPES

HEDGING = pd.DataFrame(
    {
        "outlet": ["A", "B"],
        "n_documents": [4, 1],
        "note": ["", "fewer than 3 documents: no interval, not compared"],
        **{
            f"{metric}{suffix}": [value, None if suffix else 2.0]
            for metric, value in (
                ("hedges_per_1000", 5.0),
                ("writer_hedges_per_1000", 3.0),
                ("quoted_hedges_per_1000", 2.0),
                ("epistemic_per_1000", 4.0),
                ("boosters_per_1000", 1.0),
            )
            for suffix in ("", "_ci_low", "_ci_high")
        },
    }
)
ATTRIBUTION = pd.DataFrame(
    {
        "outlet": ["A", "B"],
        "anonymous_share": [25.0, 50.0],
        "anonymous_share_ci_low": [10.0, None],
        "anonymous_share_ci_high": [40.0, None],
        **{f"share_{st}": [100 / len(SOURCE_TYPES)] * 2 for st in SOURCE_TYPES},
    }
)
STANCES = pd.DataFrame(
    {"outlet": ["A", "A"], "side": ["accused", "accuser"], "stance": ["denial", "neutral"], "n": [2, 3]}
)
DENIALS = pd.DataFrame(
    {
        "doc_id": ["001", "002"],
        "outlet": ["A", "B"],
        "has_denial": [True, False],
        "first_denial_paragraph": [2, None],
        "n_paragraphs": [9, 5],
    }
)
UNATTRIBUTED = pd.DataFrame(
    {"outlet": ["A", "B"], "n_claim_sentences": [4, 0], "n_unattributed": [1, 0], "unattributed_share": [25.0, None]}
)
NETWORK = pd.DataFrame({"outlet": ["A"], "cited_media": ["CNN"], "n": [2]})
CONFUSION = pd.DataFrame([[3, 1], [0, 2]], index=["expert", "vague"], columns=["expert", "vague"])
LEMMAS = pd.DataFrame({"lemma": ["may", "likely"], "precision": [1.0, 0.5], "n_correct": [2, 1], "n_predicted": [2, 2]})

DRAWINGS = {
    "rates": lambda ax: plots_hedging.outlet_rates(HEDGING, ax=ax),
    "categories": lambda ax: plots_hedging.categories_by_outlet(HEDGING, ("epistemic", "booster"), ax=ax),
    "voices": lambda ax: plots_hedging.writer_vs_quoted(HEDGING, ax=ax),
    "lemmas": lambda ax: plots_hedging.lemma_precision_bars(LEMMAS, ax=ax),
    "source_types": lambda ax: plots_attribution.source_types(ATTRIBUTION, ax=ax),
    "anonymity": lambda ax: plots_attribution.anonymity(ATTRIBUTION, ax=ax),
    "stances": lambda ax: plots_attribution.stance_by_side(STANCES, ax=ax),
    "denials": lambda ax: plots_attribution.denial_position(DENIALS, ax=ax),
    "citations": lambda ax: plots_attribution.citations(NETWORK, ax=ax),
    "unattributed": lambda ax: plots_attribution.unattributed(UNATTRIBUTED, ax=ax),
    "confusion": lambda ax: plots_attribution.confusion(CONFUSION, ax=ax),
}


@pytest.mark.parametrize("name", sorted(DRAWINGS))
def test_plot_draws_on_the_given_axes_and_returns_its_figure(name):
    fig = Figure()
    left, right = fig.subplots(1, 2)
    assert DRAWINGS[name](right) is fig
    assert right.has_data() and not left.has_data()
    assert right.get_title(loc="left")


@pytest.mark.parametrize("name", sorted(DRAWINGS))
def test_plot_without_axes_is_a_report_figure_with_deterministic_png(name, tmp_path):
    fig = DRAWINGS[name](None)
    assert isinstance(fig, plots.ReportFigure) and fig.report_title in repr(fig)
    html = fig._repr_html_()
    assert html.startswith('<figure class="nh-figure"><img alt="') and "data:image/png;base64," in html
    assert fig.png() == DRAWINGS[name](None).png() and html == str(DRAWINGS[name](None))
    fig.savefig(tmp_path / "figure.pdf")  # restyled or not, it saves like any matplotlib Figure
    assert (tmp_path / "figure.pdf").read_bytes().startswith(b"%PDF")


def test_an_empty_table_gives_a_sentence_not_an_empty_chart_or_a_warning():
    import warnings

    from analysis.reports.plots_attribution import citations

    empty = pd.DataFrame(columns=["outlet", "cited_media", "n"])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a warning would reach the published page
        shown = citations(empty)
    assert "nothing to draw" in shown._repr_html_() and "Media cited by each outlet" in repr(shown)


def test_count_axes_have_whole_ticks_and_shares_are_percent():
    from analysis.reports.plots import bars, composition

    counts = pd.DataFrame({"outlet": ["A", "B"], "n": [1, 2]})
    fig = bars(counts, "outlet", "n", "Counts", "records")
    ticks = fig.axes[0].get_xticks()
    assert len(ticks) and all(float(t).is_integer() for t in ticks)
    tidy = pd.DataFrame({"outlet": ["A", "A"], "kind": ["x", "y"], "n": [1, 3]})
    ax = composition(tidy, "outlet", "kind", "n", "Kinds", "% of records").axes[0]
    assert ax.get_xlim() == (0.0, 100.0) and [round(p.get_width()) for p in ax.patches] == [25, 75]
