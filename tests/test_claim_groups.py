"""Claim grouping on invented sentences: the frame is stripped, denials stay apart, a claim needs
several outlets, and the pairwise scores count what they say."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from analysis.aggregation.claim_groups import CLAIM_THRESHOLD, MIN_SHARED, claims_table, group_claims
from analysis.aggregation.claim_profile import certainty, certainty_over_time, drift_matrix, drift_table
from analysis.aggregation.claims import claims_basis, unattributed_assertions
from analysis.corpus.loading import load_corpus
from analysis.evaluation.claims import (
    cross_document_pairs,
    gold_sentence_groups,
    load_claim_gold,
    pairwise_scores,
)
from analysis.evaluation.gold import GoldError
from analysis.pipeline.run import analyze_corpus, process_document
from analysis.reports.claims_view import claims_comparison_html, method_html, top_claims
from analysis.reports.plots_claims import certainty_timeline
from analysis.settings import Settings


def terms_of(text: str, mode: str = "parse") -> list[str]:
    result = process_document("d", text, Settings(mode=mode))
    return [row["claim_terms"].split() for row in result.sentences]


@pytest.mark.parametrize("mode", ["parse", "fast"])
def test_attribution_frame_and_hedges_are_stripped(mode):
    framed = terms_of("US officials said Russia may be buying artillery shells from the north.", mode)[0]
    plain = terms_of("Russia is buying artillery shells from the north.", mode)[0]
    assert "offici" not in framed and "said" not in framed and "may" not in framed
    assert set(plain) <= set(framed) | {"is"}
    assert {"russia", "buy", "artilleri", "shell"} <= set(plain)


def test_numbers_and_acronyms_are_terms():
    terms = terms_of("The EPA fined the firm 1,200 dollars.")[0]
    assert "1200" in terms and "epa" in terms


@pytest.mark.parametrize(
    "text, negated",
    [
        ("The agency said the company never dumped waste in the river.", True),
        ("The company did not dump waste and did not hide it.", True),
        ("No one was hurt, but the plant closed for a week.", False),
        ("The company dumped waste in the river.", False),
    ],
)
def test_content_negated_only_when_every_clause_is(text, negated):
    result = process_document("d", text, Settings())
    assert result.sentences[0]["content_negated"] is negated


def _corpus(tmp_path, docs: dict[str, tuple[str, str]]):
    folder = tmp_path / "corpus"
    folder.mkdir()
    rows = ["file,outlet,story_date"]
    for name, (outlet, text) in docs.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
        rows.append(f"{name}.txt,{outlet},2024-03-0{len(rows)}")
    (folder / "metadata.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return analyze_corpus(load_corpus(folder), Settings(), progress=False)


@pytest.fixture(scope="module")
def invented(tmp_path_factory):
    return _corpus(
        tmp_path_factory.mktemp("claims"),
        {
            "a": (
                "Harbour Times",
                "Officials said the Meridian chemical plant leaked chlorine into the Vale river.\n\n"
                "The mayor opened a new library on Tuesday.",
            ),
            "b": (
                "Daily Ledger",
                "The Meridian chemical plant probably leaked chlorine into the Vale river.\n\n"
                "Meridian said it never leaked chlorine into the Vale river.",
            ),
            "c": (
                "Radio Norte",
                "Meridian denied that its plant leaked chlorine into the Vale river.\n\n"
                "Football fans celebrated the cup final downtown.",
            ),
            "d": ("Metro Wire", "Chlorine from the Meridian plant leaked into the Vale river, inspectors found."),
        },
    )


def test_same_claim_grouped_across_outlets_and_denial_apart(invented):
    claims = claims_table(invented)
    groups = {cid: set(zip(g["doc_id"], g["sentence_id"])) for cid, g in claims.groupby("claim_id")}
    leak = next(g for g in groups.values() if ("a", 0) in g)
    assert {("a", 0), ("b", 0), ("d", 0)} <= leak
    assert ("b", 1) not in leak and ("c", 0) not in leak
    denial = next(g for g in groups.values() if ("c", 0) in g)
    assert ("b", 1) in denial
    assert claims.loc[claims["doc_id"] == "c", "denied"].all()
    assert not claims["text"].str.contains("library|Football").any()


def test_a_claim_needs_min_outlets(invented):
    three = group_claims(invented.sentences, invented.documents, invented.attributions, min_outlets=3)
    assert set(three.groupby("claim_id")["outlet"].nunique()) == {3}
    assert ("b", 1) not in set(zip(three["doc_id"], three["sentence_id"]))  # its denial: 2 outlets only


def test_claims_table_is_deterministic_with_raw_offsets(invented):
    first, second = claims_table(invented), claims_table(invented)
    pd.testing.assert_frame_equal(first, second)
    raw = {d: (invented.documents.set_index("doc_id").loc[d, "file"]) for d in first["doc_id"]}
    assert raw  # the offsets point into the raw files
    for row in first.itertuples():
        assert (
            row.text
            == invented.sentences.set_index(["doc_id", "sentence_id"]).loc[(row.doc_id, row.sentence_id), "text"]
        )
    assert list(first["claim_id"].unique()) == sorted(first["claim_id"].unique())


def test_pairwise_scores_count_cross_document_pairs_only():
    gold = cross_document_pairs([{("a", 0), ("a", 1), ("b", 0)}])
    assert gold == {(("a", 0), ("b", 0)), (("a", 1), ("b", 0))}
    scores = pairwise_scores({(("a", 0), ("b", 0)), (("a", 0), ("c", 0))}, gold)
    assert (scores["precision"], scores["recall"], scores["tp"]) == (0.5, 0.5, 1)


def test_gold_member_maps_to_the_sentence_it_overlaps_most():
    sentences = pd.DataFrame({"doc_id": ["a", "a"], "sentence_id": [0, 1], "start": [0, 20], "end": [19, 50]})
    groups = [{"claim_id": "x", "members": [{"doc_id": "a", "start": 15, "end": 45}]}]
    assert gold_sentence_groups(groups, sentences) == [{("a", 1)}]


def test_claim_gold_errors_name_file_and_line(tmp_path):
    path = tmp_path / "claims.jsonl"
    good = {"claim_id": "c1", "description": "", "members": [{"doc_id": "a", "start": 0, "end": 5, "text": "Hello"}]}
    bad = {**good, "claim_id": "c2", "members": [{"doc_id": "a", "start": 0, "end": 5, "text": "Howdy"}]}
    path.write_text(json.dumps(good) + "\n" + json.dumps(bad) + "\n", encoding="utf-8")
    with pytest.raises(GoldError, match=r"claims.jsonl.*2.*differs"):
        load_claim_gold(path, {"a": "Hello world"})


# --- certainty profiles, drift, time, and the unattributed fallback ----------------------------


def test_profile_says_how_each_outlet_puts_the_claim(invented):
    claims = claims_table(invented)
    by_doc = claims.set_index(["doc_id", "sentence_id"])
    assert by_doc.loc[("a", 0), "attributed"] and by_doc.loc[("a", 0), "certainty"] == "attributed"
    assert by_doc.loc[("b", 0), "hedged"] and by_doc.loc[("b", 0), "certainty"] == "hedged"
    assert "epistemic" in by_doc.loc[("b", 0), "hedge_categories"]
    assert by_doc.loc[("c", 0), "denied"] and by_doc.loc[("c", 0), "stance"] == "denial"


def test_certainty_rungs_follow_the_ladder():
    assert certainty(hedged=True, attributed=True, in_quote=False, boosted=True) == "hedged"
    assert certainty(hedged=False, attributed=False, in_quote=True, boosted=False) == "attributed"
    assert certainty(hedged=False, attributed=False, in_quote=False, boosted=True) == "boosted"
    assert certainty(hedged=False, attributed=False, in_quote=False, boosted=False) == "fact"


def _profiled(rows):
    columns = ["claim_id", "claim_label", "doc_id", "sentence_id", "outlet", "story_date", "certainty"]
    return pd.DataFrame(rows, columns=columns)


def test_drift_takes_each_outlets_most_certain_rung_and_marks_spread():
    profiled = _profiled(
        [
            ("C001", "x", "a", 0, "A", "2024-01-01", "hedged"),
            ("C001", "x", "a", 3, "A", "2024-01-01", "attributed"),
            ("C001", "x", "b", 0, "B", "2024-02-01", "fact"),
            ("C002", "y", "a", 5, "A", "2024-01-01", "attributed"),
            ("C002", "y", "b", 2, "B", "2024-02-01", "attributed"),
        ]
    )
    drift = drift_table(profiled)
    assert drift.set_index(["claim_id", "outlet"]).loc[("C001", "A"), "certainty"] == "attributed"
    assert drift.set_index(["claim_id", "outlet"]).loc[("C001", "A"), "all_certainties"] == "attributed, hedged"
    matrix = drift_matrix(drift).set_index("claim_id")
    assert matrix.loc["C001", "B"] == "fact" and bool(matrix.loc["C001", "spread"])
    assert not bool(matrix.loc["C002", "spread"])


def test_certainty_over_time_orders_dates_and_skips_undated():
    profiled = _profiled(
        [
            ("C001", "x", "b", 0, "B", "2024-02-01", "fact"),
            ("C001", "x", "a", 0, "A", "2024-01-01", "attributed"),
            ("C001", "x", "c", 0, "C", None, "hedged"),
        ]
    )
    timeline = certainty_over_time(profiled)
    assert list(timeline["story_date"]) == ["2024-01-01", "2024-02-01"]
    assert list(timeline["most_certain"]) == ["attributed", "fact"]
    figure = certainty_timeline(profiled)
    assert "C001: 2024-01-01 attributed, 2024-02-01 fact" in figure.alt
    assert "nothing to draw" in repr(certainty_timeline(profiled.assign(story_date=None)))


def test_unattributed_assertions_fall_back_to_shared_claims(invented):
    assert claims_basis(invented) == "shared_claims"
    assertions = unattributed_assertions(invented)
    assert set(assertions["claims_basis"]) == {"shared_claims"}
    members = claims_table(invented)
    assert len(assertions) == len(members)
    facts = set(zip(members.loc[members["writer_fact"], "doc_id"], members.loc[members["writer_fact"], "sentence_id"]))
    stated = assertions[assertions["unattributed"]]
    assert set(zip(stated["doc_id"], stated["sentence_id"])) == facts


def test_comparison_html_shows_every_outlets_version_in_words(invented):
    claims = claims_table(invented)
    shown = top_claims(claims, n=2)
    page = claims_comparison_html(invented, claims, shown)
    for outlet in claims[claims["claim_id"] == shown[0]]["outlet"]:
        assert outlet in page
    assert "hedged" in page and "attributed or quoted" in page
    assert "No claim is shared" in claims_comparison_html(invented, claims, [])
    assert str(CLAIM_THRESHOLD) in method_html()
    assert f"share at least {MIN_SHARED} terms" in method_html()


def test_source_names_are_kept_apart_from_the_content_terms():
    row = process_document("d", "Health officials said the outbreak sickened 40 people.", Settings()).sentences[0]
    assert "offici" in row["source_terms"].split() and "offici" not in row["claim_terms"].split()
    assert {"outbreak", "sicken", "40"} <= set(row["claim_terms"].split())


CLAIM_GOLD = (
    [("data/corpus", "data/gold")]
    + [
        (f"data/stories/{story}/corpus", f"data/stories/{story}")
        for story in (
            "chemical-spill",
            "court-case",
            "election-campaign",
            "health-scare",
            "natural-disaster",
            "science-finding",
        )
    ]
    + [
        (f"data/claims-heldout/{story}/corpus", f"data/claims-heldout/{story}")
        for story in ("business-tech", "intl-security")
    ]
)


@pytest.mark.parametrize("corpus_dir, gold_dir", CLAIM_GOLD)
def test_claim_gold_matches_its_anchors_and_the_raw_files(corpus_dir, gold_dir):
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    anchors, gold = root / gold_dir / "claims.anchors.jsonl", root / gold_dir / "claims.jsonl"
    command = [sys.executable, str(root / "tools" / "resolve_claims_gold.py"), str(anchors), str(root / corpus_dir)]
    checked = subprocess.run([*command, str(gold), "--check"], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    corpus = load_corpus(root / corpus_dir)
    groups = load_claim_gold(gold, dict(zip(corpus.documents["doc_id"], corpus.documents["text"])))
    assert groups and all(len({m["doc_id"] for m in g["members"]}) >= 2 for g in groups)


def test_copies_are_clustered_once_and_share_their_cluster():
    from analysis.aggregation.claim_clustering import cluster, distinct_items

    leak = ["meridian", "plant", "leak", "chlorin", "vale", "river"]
    shut = ["meridian", "plant", "shut", "inspector", "order"]
    bags = [leak, leak, ["mayor", "open", "library"], list(reversed(leak)), shut, shut, shut]
    groups = ["a", "b", "a", "c", "d", "d", "e"]
    first, copy_of = distinct_items(bags, [False] * len(bags))
    assert first.tolist() == [0, 2, 4] and copy_of.tolist() == [0, 0, 1, 0, 2, 2, 2]  # word order is no difference
    labels = cluster(bags, groups, [False] * len(bags), threshold=0.5)
    # copies in several documents are a claim even with nothing else in it; a different sentence is not in it
    assert labels[0] == labels[1] == labels[3] >= 0 and labels[2] == -1
    assert labels[4] == labels[5] == labels[6] >= 0 and labels[4] != labels[0]


def test_copies_in_one_document_only_are_no_claim():
    from analysis.aggregation.claim_clustering import cluster

    bag = ["meridian", "plant", "leak", "chlorin"]
    assert cluster([bag, bag, ["mayor", "open", "library"]], ["a", "a", "b"], [False] * 3, threshold=0.5) == [-1] * 3


def test_a_copied_sentence_and_its_denial_stay_apart():
    from analysis.aggregation.claim_clustering import cluster

    bag = ["meridian", "plant", "leak", "chlorin"]
    labels = cluster([bag, bag, bag, bag], ["a", "b", "c", "d"], [False, False, True, True], threshold=0.5)
    assert labels[0] == labels[1] != labels[2] == labels[3]


def test_a_sentence_syndicated_more_widely_than_the_blocking_limit_is_still_one_claim():
    from analysis.aggregation.claim_clustering import MAX_POSTINGS, cluster

    n = MAX_POSTINGS + 50  # as copies, its terms would be too common to block on
    bags = [["meridian", "plant", "leak", "chlorin"]] * n + [[f"word{k}", "other", "topic"] for k in range(n)]
    labels = cluster(bags, [f"d{k}" for k in range(2 * n)], [False] * (2 * n), threshold=0.5)
    assert set(labels[:n]) == {0} and set(labels[n:]) == {-1}


def test_items_are_split_by_key_and_linked_items_form_components():
    import numpy as np

    from analysis.aggregation.claim_clustering import _components, _grouped

    parts = _grouped(np.array([10, 11, 12, 13, 14]), np.array([2, 0, 2, 5, 0]))
    assert [p.tolist() for p in parts] == [[11, 14], [10, 12], [13]]  # key order, item order within
    left, right, sims = np.array([0, 1, 4, 2]), np.array([1, 2, 5, 3]), np.array([0.5, 0.5, 0.5, 0.1])
    # the 0.1 edge is below the level: item 3 stays alone and is no component
    assert [c.tolist() for c in _components(6, left, right, sims, 0.15)] == [[0, 1, 2], [4, 5]]
