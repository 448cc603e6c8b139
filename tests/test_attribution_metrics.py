"""Per-outlet attribution figures, unattributed assertions, scoring and the spaCy component."""

from __future__ import annotations

import types

import pandas as pd
import pytest
import spacy

from analysis.aggregation import attribution as am
from analysis.aggregation import claims
from analysis.corpus.loading import load_corpus
from analysis.evaluation.attribution import match_attributions, score_attributions, source_type_confusion
from analysis.evaluation.gold import load_gold
from analysis.pipeline.run import analyze_corpus
from analysis.resources import bundled_story_file
from analysis.settings import Settings


@pytest.fixture(scope="session")
def claim_analysis(tmp_path_factory):
    """Three invented outlets: one asserts the claim in its own voice, one attributes it, one hedges it."""
    path = tmp_path_factory.mktemp("claims") / "corpus.csv"
    pd.DataFrame(
        [
            {
                "doc_id": "a",
                "outlet": "Assertive Daily",
                "text": "North Korea supplying Russia with weapons\n\nThe shells arrived by train. Kirby said so.",
            },
            {
                "doc_id": "b",
                "outlet": "Careful Post",
                "text": "US says North Korea is supplying Russia with shells\n\nNorth Korea denied that it had sold "
                "any weapons to Russia.\n\nCNN reported the news.",
            },
            {
                "doc_id": "c",
                "outlet": "Quote Times",
                "text": "Pyongyang rejects claims\n\n"
                "“North Korea is selling Russia artillery shells,” the official said.",
            },
        ]
    ).to_csv(path, index=False)
    return analyze_corpus(load_corpus(path), Settings(story=str(bundled_story_file())), progress=False)


def test_unattributed_assertions_flag_own_voice_claims_only(claim_analysis):
    table = claims.unattributed_assertions(claim_analysis)
    flagged = table[table["unattributed"]]
    assert list(flagged["text"]) == ["North Korea supplying Russia with weapons"]
    assert bool(flagged["is_headline"].iloc[0])
    shares = claims.unattributed_share(table, claim_analysis.documents["outlet"]).set_index("outlet")
    shares = shares["unattributed_share"]
    assert shares["Assertive Daily"] == 100 and shares["Careful Post"] == 0 and shares["Quote Times"] == 0


def test_denial_presence_and_position(claim_analysis):
    den = am.denial_presence(claim_analysis).set_index("doc_id")
    assert bool(den.loc["b", "has_denial"]) and den.loc["b", "first_denial_paragraph"] == 1
    assert not den.loc["a", "has_denial"]


def test_denial_presence_counts_a_documents_denials_and_takes_the_first_cues_content():
    documents = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["O", "O"], "n_paragraphs": [6, 1]})
    rows = [  # (doc_id, paragraph, cue_start, stance, content)
        ("a", 4, 300, "denial", "the third"),
        ("a", 2, 120, "neutral", "it never sent shells"),
        ("a", 3, 120, "denial", "the tie, later in the table"),
        ("a", 5, 90, "neutral", "shells were sent"),  # not a denial: neither stance nor content
    ]
    attributions = pd.DataFrame(
        [
            {"doc_id": d, "paragraph": p, "cue_start": c, "stance": st, "content_text": t, "side": "accused"}
            for d, p, c, st, t in rows
        ]
    )
    analysis = types.SimpleNamespace(documents=documents, attributions=attributions, settings=Settings())
    den = am.denial_presence(analysis).set_index("doc_id")
    assert den.loc["a", "n_denials"] == 3 and den.loc["a", "first_denial_paragraph"] == 2
    assert den.loc["a", "first_denial_text"] == "it never sent shells"
    assert den.loc["a", "first_denial_position"] == pytest.approx(2 / 5)
    assert not den.loc["b", "has_denial"] and den.loc["b", "n_denials"] == 0


def test_outlet_metrics_one_row_per_outlet(claim_analysis):
    table = am.outlet_metrics(claim_analysis)
    assert list(table["outlet"]) == sorted(claim_analysis.documents["outlet"].unique())
    for col in (
        "attributions_per_1000_words",
        "anonymous_share",
        "share_counterparty",
        "direct_share",
        "distancing_share_accused",
        "denial_share_accused",
        "docs_with_denial_share",
        "unattributed_share",
    ):
        assert col in table.columns
    row = table.set_index("outlet").loc["Careful Post"]
    assert row["denial_share_accused"] == 100 and row["docs_with_denial_share"] == 100
    net = am.citation_network(claim_analysis)
    assert net.to_dict("records") == [{"outlet": "Careful Post", "cited_media": "CNN", "n": 1}]


def test_outlets_with_too_few_documents_get_no_interval_and_a_note(claim_analysis):
    table = am.outlet_metrics(claim_analysis).set_index("outlet")
    careful = table.loc["Careful Post"]
    assert careful["n_attributions"] > 0 and careful["anonymous_share"] >= 0
    interval_columns = [c for c in table.columns if c.endswith(("_ci_low", "_ci_high"))]
    assert {"anonymous_share_ci_low", "share_counterparty_ci_high", "unattributed_share_ci_low"} <= set(
        interval_columns
    )
    assert table[interval_columns].isna().all().all()
    assert (~table["enough_documents"]).all() and table["note"].str.startswith("fewer than 3 documents").all()


def test_precomputed_tables_give_the_same_outlet_metrics(claim_analysis):
    assertions = claims.unattributed_assertions(claim_analysis)
    denials = am.denial_presence(claim_analysis)
    pd.testing.assert_frame_equal(
        am.outlet_metrics(claim_analysis, denials=denials, assertions=assertions), am.outlet_metrics(claim_analysis)
    )


def test_share_comparisons_between_outlets(claim_analysis):
    table = am.pairwise_comparisons(claim_analysis, "share_counterparty")
    assert len(table) == 3 and table["p_value"].isna().all() and table["note"].str.startswith("not compared").all()
    with pytest.raises(ValueError, match="unknown metric"):
        am.pairwise_comparisons(claim_analysis, "nonsense")


def test_key_claims_file_is_configurable(tmp_path, claim_analysis):
    custom = tmp_path / "claims.yaml"
    custom.write_text("claims:\n  - name: trains\n    all_of:\n      t: '\\btrain\\b'\n", encoding="utf-8")
    table = claims.unattributed_assertions(claim_analysis, claims_path=custom)
    assert list(table["text"]) == ["The shells arrived by train."] and table["unattributed"].all()


def test_bundled_metrics_cite_cnn_and_find_the_denial(bundled_analysis):
    net = am.citation_network(bundled_analysis)
    german = net[net["outlet"] == "German-language outlet (unnamed)"]
    assert "CNN" in set(german["cited_media"])
    den = am.denial_presence(bundled_analysis).set_index("doc_id")
    assert bool(den.loc["003_bd2f4c37c13cce80", "has_denial"])
    assert den.loc["003_bd2f4c37c13cce80", "first_denial_paragraph"] <= 1


# --- scoring -------------------------------------------------------------------------------------------


def _fake_analysis(pred_rows):
    documents = pd.DataFrame([{"doc_id": "d", "outlet": "O"}])
    sentences = pd.DataFrame([{"doc_id": "d", "sentence_id": 0, "start": 0, "end": 40, "text": "x" * 40}])
    return types.SimpleNamespace(documents=documents, sentences=sentences, attributions=pd.DataFrame(pred_rows))


def _pred(start, end, source_type="institution", anonymous=False):
    return {
        "doc_id": "d",
        "cue_start": start,
        "cue_end": end,
        "cue_text": "said",
        "source_start": 0,
        "source_end": 3,
        "source_text": "Foo",
        "source_type": source_type,
        "stance": "neutral",
        "mode": "indirect",
        "anonymous": anonymous,
    }


def _gold_att(start, end, source_type="institution", anonymous=False):
    return {
        "cue": {"start": start, "end": end, "text": "said"},
        "source": {"start": 0, "end": 3, "text": "Foo"},
        "content": [],
        "mode": "indirect",
        "source_type": source_type,
        "stance": "neutral",
        "anonymous": anonymous,
    }


def test_matching_is_one_to_one_on_cue_overlap():
    analysis = _fake_analysis([_pred(10, 14), _pred(12, 16, anonymous=True)])
    gold = {"d": {"attributions": [_gold_att(10, 14)]}}
    scores = score_attributions(analysis, gold)
    det = scores["attributions"]["detection"]
    assert (det["precision"], det["recall"]) == (0.5, 1.0)
    assert scores["per_outlet"]["anonymous_share_abs_error_pp"] == {"O": 50.0}
    statuses = match_attributions(analysis, gold)["status"].tolist()
    assert sorted(statuses) == ["false_alarm", "match"]


def test_scores_with_nothing_to_score_are_missing_not_zero():
    """A gold file without attributions has no recall and no accuracies: n/a, not 0.0."""
    scores = score_attributions(_fake_analysis([_pred(10, 14)]), {"d": {"attributions": []}})
    att = scores["attributions"]
    assert att["detection"]["precision"] == 0.0 and att["detection"]["recall"] is None
    assert att["detection"]["f1"] is None and att["stance_accuracy"] is None


def test_source_type_confusion_counts_matched_pairs():
    analysis = _fake_analysis([_pred(10, 14, "vague")])
    gold = {"d": {"attributions": [_gold_att(10, 14, "institution")]}}
    table = source_type_confusion(match_attributions(analysis, gold))
    assert table.loc["institution", "vague"] == 1 and table.values.sum() == 1


def test_bundled_gold_scores_have_the_issue_keys(bundled_analysis):
    scores = score_attributions(bundled_analysis, load_gold())
    att = scores["attributions"]
    assert set(att) == {"detection", "source_overlap", "source_type_accuracy", "stance_accuracy", "mode_accuracy"}
    assert att["detection"]["f1"] >= 0.85 and att["stance_accuracy"] >= 0.9  # development set, tuned openly
    assert set(scores["per_outlet"]["anonymous_share_abs_error_pp"]) == set(bundled_analysis.documents["outlet"])


# --- spaCy component -----------------------------------------------------------------------------------


def test_spacy_component_sets_records_and_span_groups():
    import analysis.detectors.attribution.component  # noqa: F401  (registers the factory)

    nlp = spacy.load(Settings().model)
    nlp.add_pipe("attributions", config={"story": str(bundled_story_file())})
    doc = nlp("The Kremlin denied the reports.\n\nA US official said the trains had left.")
    assert [r["cue_text"] for r in doc._.attributions] == ["denied", "said"]
    assert [(s.text, s.label_) for s in doc.spans["attribution_cues"]] == [("denied", "denial"), ("said", "neutral")]
    assert [s.label_ for s in doc.spans["attribution_sources"]] == ["counterparty", "anonymous_official"]


def test_spacy_component_fast_on_blank_pipeline():
    import analysis.detectors.attribution.component  # noqa: F401

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("attributions")
    doc = nlp("Kirby said the deal was done.")
    assert doc._.attributions[0]["source_text"] == "Kirby"
    with pytest.raises(ValueError):
        spacy.blank("en").add_pipe("attributions", config={"mode": "slow"})


@pytest.mark.parametrize(
    "body, message",
    [
        ("claims:\n  - name: x\n", r"claims.yaml line 2: each claim needs a name and an all_of mapping"),
        ("claims:\n  - name: x\n    all_of: {a: '('}\n", r"claims.yaml line 2: claim 'x' has a bad pattern"),
        ("version: 1\n", r"claims.yaml: no claims"),
    ],
)
def test_bad_key_claims_file_names_file_and_line(tmp_path, body, message):
    from analysis.aggregation.claims import load_key_claims
    from analysis.datafiles import DataFileError

    path = tmp_path / "claims.yaml"
    path.write_text(body, "utf-8")
    with pytest.raises(DataFileError, match=message):
        load_key_claims(str(path))
