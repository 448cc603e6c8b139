"""explore(): the pure selection over invented tables, the static view, and the widgets' observers."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest

from analysis.reports.explore import Explorer, explore, static_html, view_html, widgets_available
from analysis.reports.explore_select import TOTAL, Frames, Selection, choices, counts, frames_of, select

# Invented text: two outlets, one bare assertion, one hedged sentence, attributions to both sides.
TEXT_A = "The mayor said the bridge was safe. Engineers perhaps disagree. The river rose."
TEXT_B = "Rivals claimed the <b>vote</b> was rigged. The council denied it."


def _sentences():
    rows = []
    for doc, text in (("a1", TEXT_A), ("b1", TEXT_B)):
        start = 0
        for i, part in enumerate(text.split(". ")):
            sent = part if part.endswith(".") else part + "."
            rows.append(
                {
                    **{"doc_id": doc, "sentence_id": i, "paragraph": 0, "is_headline": False, "in_quote": False},
                    **{"start": start, "end": start + len(sent), "text": sent},
                }
            )
            start += len(sent) + 1
    return pd.DataFrame(rows)


def _analysis():
    docs = pd.DataFrame(
        {"doc_id": ["a1", "b1"], "outlet": ["Alpha Daily", "Beta <i>Post</i>"], "file": ["a1.txt", "b1.txt"]}
    )
    perhaps = TEXT_A.index("perhaps")
    cues = pd.DataFrame(
        [
            {
                "doc_id": "a1",
                "sentence_id": 1,
                "start": perhaps,
                "end": perhaps + 7,
                "text": "perhaps",
                "category": "epistemic",
            }
        ]
    )
    said, denied = TEXT_A.index("said"), TEXT_B.index("denied")
    council = TEXT_B.index("The council")
    att = pd.DataFrame(
        [
            _att("a1", 0, said, 0, 9, "named_official", "accused"),
            _att("b1", 0, 7, 0, 6, "counterparty", "accuser"),
            _att("b1", 1, denied, council, council + 11, "institution", "accused"),
        ]
    )
    return SimpleNamespace(documents=docs, sentences=_sentences(), cues=cues, attributions=att)


def _att(doc, sid, cue, s, e, source_type, side):
    return {
        "doc_id": doc,
        "sentence_id": sid,
        "cue_start": cue,
        "cue_end": cue + 4,
        "source_start": s,
        "source_end": e,
        "source_type": source_type,
        "side": side,
        "stance": "neutral",
    }


@pytest.fixture
def frames():
    return frames_of(_analysis())


def _keys(selected):
    return list(zip(selected.sentences["doc_id"], selected.sentences["sentence_id"]))


def test_all_keeps_every_sentence_including_bare_assertions(frames):
    selected = select(frames, Selection())
    assert _keys(selected) == [("a1", 0), ("a1", 1), ("a1", 2), ("b1", 0), ("b1", 1)]
    assert len(selected.cues) == 1 and len(selected.attributions) == 3


def test_frames_of_takes_a_report_data_too():
    wrapped = frames_of(SimpleNamespace(analysis=_analysis()))
    assert list(wrapped.sentences["outlet"].unique()) == ["Alpha Daily", "Beta <i>Post</i>"]
    assert wrapped.claims == ()  # no story, no key claims


def test_outlet_and_category(frames):
    assert _keys(select(frames, Selection(outlet="Beta <i>Post</i>"))) == [("b1", 0), ("b1", 1)]
    hedged = select(frames, Selection(category="epistemic"))
    assert _keys(hedged) == [("a1", 1)] and hedged.attributions.empty
    assert _keys(select(frames, Selection(category="booster"))) == []


def test_source_type_and_side_must_hold_for_the_same_attribution(frames):
    assert _keys(select(frames, Selection(side="accused"))) == [("a1", 0), ("b1", 1)]
    assert _keys(select(frames, Selection(source_type="counterparty", side="accused"))) == []
    both = select(frames, Selection(source_type="institution", side="accused"))
    assert _keys(both) == [("b1", 1)] and list(both.attributions["source_type"]) == ["institution"]


def test_claim_filter():
    base = frames_of(_analysis())
    sentences = base.sentences.assign(claim=[None, None, "flood", None, "fraud"])
    frames = Frames(base.documents, sentences, base.cues, base.attributions, ("flood", "fraud"), base.source)
    assert _keys(select(frames, Selection(claim="fraud"))) == [("b1", 1)]
    assert choices(frames)["claim"] == ["flood", "fraud"]


def test_choices_follow_the_vocabulary_and_omit_claims_without_a_story(frames):
    offered = choices(frames)
    assert offered["source_type"] == ["named_official", "institution", "counterparty"]
    assert offered["side"] == ["accused", "accuser"] and offered["category"] == ["epistemic"]
    assert "claim" not in offered


def test_counts_per_outlet_add_up_to_the_total(frames):
    table = counts(select(frames, Selection(side="accused")))
    assert list(table["outlet"]) == ["Alpha Daily", "Beta <i>Post</i>", TOTAL]
    assert table.iloc[-1][["documents", "sentences", "cues", "attributions"]].tolist() == [2, 2, 0, 2]
    assert table.iloc[:-1]["sentences"].sum() == table.iloc[-1]["sentences"]


def test_static_view_is_escaped_deterministic_and_says_what_it_leaves_out(frames):
    page = static_html(frames, Selection(), limit=2)
    assert page == static_html(frames, Selection(), limit=2)
    assert "need JupyterLab" in page and "Showing the first 2 of 5 matching sentences" in page
    assert "s1 · ¶0 · chars 36–63" in page and "file a1.txt" in page  # "Engineers perhaps disagree."
    assert TEXT_A[36:63] == "Engineers perhaps disagree."
    assert "nh-hedge" in page and "perhaps" in page
    whole = static_html(frames, Selection(outlet="Beta <i>Post</i>"))
    assert "<i>Post" not in whole and "<b>vote" not in whole and "&lt;b&gt;vote" in whole
    assert "No sentence matches" in view_html(frames, Selection(category="booster"))


def test_explore_without_a_kernel_is_static():
    assert not widgets_available()
    shown = explore(_analysis())
    assert "need JupyterLab" in shown.data


def test_explorer_observers_rewrite_the_output(frames):
    pytest.importorskip("ipywidgets")
    view = Explorer(frames, Selection(side="accuser"))
    assert view.selection == Selection(side="accuser") and "Rivals" in view.output.value
    assert "Engineers" not in view.output.value
    view.dropdowns["side"].value = ""  # "all"
    assert "Engineers" in view.output.value
    view.dropdowns["outlet"].value = "Alpha Daily"
    view.dropdowns["category"].value = "epistemic"
    assert view.selection == Selection(outlet="Alpha Daily", category="epistemic")
    assert "Engineers" in view.output.value and "The mayor" not in view.output.value
    bundle = view._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert "need JupyterLab" in bundle["text/html"] and "Engineers" in bundle["text/html"]
    assert [o[0] for o in view.dropdowns["side"].options] == ["all", "accused", "accuser"]


def test_a_start_value_must_exist_but_an_absent_category_is_a_valid_empty_choice(frames):
    with pytest.raises(ValueError, match="outlet 'Gamma' is not one of"):
        explore(_analysis(), outlet="Gamma")
    assert "No sentence matches" in explore(_analysis(), category="booster").data
    pytest.importorskip("ipywidgets")
    view = explore(_analysis(), interactive=True, category="booster")
    assert view.dropdowns["category"].value == "booster" and "No sentence matches" in view.output.value
