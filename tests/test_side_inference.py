"""Sides without a story file: inferred from the corpus and marked so, or unknown and left out.
The articles are invented."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.aggregation.attribution import denial_presence, outlet_metrics
from analysis.corpus.loading import load_corpus
from analysis.pipeline.run import analyze_corpus
from analysis.reports import figures, sides
from analysis.settings import Settings

SPILL = [
    (
        "Daily Ledger",
        "Chemical leak fouls river\n\nRegulators accused Brightwater Chemicals of hiding the leak for two days. "
        "Brightwater Chemicals denied that its tank had failed.",
    ),
    (
        "Valley Times",
        "Residents angry after spill\n\nThe state environment agency said Brightwater Chemicals had ignored "
        "warnings. The company denied any wrongdoing, a spokeswoman said.",
    ),
    (
        "River Post",
        "Spill blamed on Brightwater Chemicals\n\nBrightwater Chemicals rejected the findings. The state "
        "environment agency said Brightwater Chemicals stored the solvent unsafely.",
    ),
]
QUIET = [
    ("Daily Ledger", "Festival opens\n\nThe mayor said the festival would open on Friday."),
    ("Valley Times", "Crowds expected\n\nOrganisers said they expected large crowds."),
    ("River Post", "Music all weekend\n\nThe programme lists twelve bands."),
]


def analyse(tmp_path, articles, mode="fast", story=None):
    path = tmp_path / "corpus.csv"
    rows = [{"doc_id": f"d{n}", "outlet": outlet, "text": text} for n, (outlet, text) in enumerate(articles)]
    pd.DataFrame(rows).to_csv(path, index=False)
    return analyze_corpus(load_corpus(path), Settings(mode=mode, story=story), progress=False)


@pytest.mark.parametrize("mode", ["fast", "parse"])
def test_the_accused_company_and_its_accuser_are_inferred_with_evidence(tmp_path, mode):
    analysis = analyse(tmp_path, SPILL, mode)
    assert analysis.sides_status == "inferred"
    roles = {side.name: side.role for side in analysis.story.sides}
    assert roles.get("Brightwater Chemicals") == "accused"
    assert "accused" not in {role for name, role in roles.items() if "agency" in name.lower()}
    evidence = analysis.side_evidence
    assert set(evidence["doc_id"]) == {"d0", "d1", "d2"}
    raw = dict(zip(*[analysis.documents["doc_id"], load_corpus(tmp_path / "corpus.csv").documents["text"]]))
    assert all(raw[r.doc_id][r.start : r.end] == r.text for r in evidence.itertuples())
    assert "NOT CONFIRMED" in analysis.story.text and "role: accused" in analysis.story.text


def test_denials_of_the_inferred_accused_are_found_and_marked_inferred(tmp_path):
    analysis = analyse(tmp_path, SPILL)
    denials = denial_presence(analysis)
    assert denials["has_denial"].all()
    assert set(outlet_metrics(analysis)["sides"]) == {"inferred"}
    tables = figures.report_tables(analysis)
    shown = figures.outlet_figures(tables)[3:]  # stance by side, denial presence
    titles = [f.report_title for f in shown]
    assert len(titles) == 2 and all("INFERRED" in title for title in titles), titles
    assert "Sides inferred, not confirmed" in sides.sides_html(analysis)


def test_with_nothing_to_infer_the_sides_are_unknown_and_left_out(tmp_path):
    analysis = analyse(tmp_path, QUIET)
    assert analysis.sides_status == "unknown" and analysis.story is None
    assert set(analysis.attributions["side"]) <= {"other", "media"}
    assert not any(
        c.startswith(("denial_share", "distancing_share", "docs_with_denial")) for c in outlet_metrics(analysis)
    )
    assert "unattributed_share" not in outlet_metrics(analysis)  # no key claims without a story file
    tables = figures.report_tables(analysis)
    notes = [f for f in figures.outlet_figures(tables) if isinstance(f, figures.Note)]
    assert len(notes) == 2 and all("no side could be inferred" in n.text for n in notes)
    assert not any("side" in name for name in figures.outlet_metric_tables(tables))
    assert "Sides unknown" in sides.sides_html(analysis)


def test_a_story_file_decides_and_nothing_is_inferred(tmp_path):
    story = tmp_path / "story.yaml"
    story.write_text(
        "title: Spill\nsides:\n  - {name: Brightwater Chemicals, role: accused, aliases: [the company]}\n"
        "  - {name: Regulators, role: accuser, aliases: [state environment agency]}\n",
        encoding="utf-8",
    )
    analysis = analyse(tmp_path, SPILL, story=str(story))
    assert analysis.sides_status == "story_file" and analysis.side_evidence.empty
    named = analysis.attributions.dropna(subset=["side_name"])
    assert set(named["side_name"]) <= {"Brightwater Chemicals", "Regulators"}
    denials = analysis.attributions[analysis.attributions["stance"] == "denial"]
    assert set(denials["side"]) == {"accused"} and set(denials["source_type"]) == {"counterparty"}


def test_a_counter_accusation_does_not_outweigh_denials(tmp_path):
    articles = [(o, t + " Brightwater Chemicals accused the Greens of running a smear campaign.") for o, t in SPILL]
    roles = {side.name: side.role for side in analyse(tmp_path, articles).story.sides}
    assert roles.get("Brightwater Chemicals") == "accused"


def test_a_corpus_about_the_bundled_story_gets_its_story_file_and_says_why(tmp_path):
    articles = [
        ("Daily Ledger", "Arms deal\n\nNorth Korea is selling artillery shells to Russia, officials say."),
        ("Valley Times", "Trains\n\nPyongyang shipped rockets to Russia by rail. North Korea denied it."),
        ("River Post", "Festival opens\n\nThe mayor said the festival would open on Friday."),
    ]
    analysis = analyse(tmp_path, articles)
    assert analysis.sides_status == "story_file" and analysis.story.file_name == "story.yaml"
    assert "key claim is stated in 2 of 3 documents" in analysis.story.note
    assert "pass --story to use another" in sides.sides_html(analysis)
    assert (
        analysis.attributions.loc[analysis.attributions["cue_text"] == "denied", "source_type"].item() == "counterparty"
    )
    other = analyse(tmp_path, [*SPILL[:2], articles[0]])
    assert other.sides_status != "story_file"  # one document of three is not enough
