"""Hedge and booster detection: the cues table, negation, quotes, lexicon files, spaCy component."""

from __future__ import annotations

import pytest
import spacy
from hedging_helpers import cue_texts, cues_of

from analysis.datafiles import DataFileError
from analysis.detectors.hedging.detector import CUE_COLUMNS, SPAN_KEY
from analysis.detectors.hedging.lexicon import lexicon_version, load_lexicon
from analysis.nlp.parsing import load_nlp
from analysis.settings import DEFAULT_MODEL

MODES = ["parse", "fast"]


def by_text(cues):
    return {c["text"]: c for c in cues}


def test_rows_have_the_table_columns_and_raw_offsets():
    raw = "Advertisement\n\nUS officials  believe Russia could buy  about 300 shells.\n\nLeave a Comment\n"
    cues = cues_of(raw)
    assert cues and all(list(c) == CUE_COLUMNS for c in cues)
    for c in cues:
        assert raw[c["start"] : c["end"]] == c["text"]
    assert [c["text"] for c in cues] == ["believe", "could", "about"]
    assert {c["sentence_id"] for c in cues} == {0}


@pytest.mark.parametrize("mode", MODES)
def test_multiword_cues_are_one_span(mode):
    text = (
        "The shells are said to be old. It is not clear whether they work. "
        "The claim could not be independently verified. Officials did not specify how many were sent."
    )
    assert cue_texts(text, mode) == [
        "are said to",
        "not clear",
        "could not be independently verified",
        "did not specify how many",
    ]


@pytest.mark.parametrize("mode", MODES)
def test_negation(mode):
    cues = by_text(
        cues_of(
            "“We don’t think it matters,” he said. There is no doubt it matters. "
            "It is not likely. Officials are not sure. There is no evidence.",
            mode,
        )
    )
    think = cues["think"]  # the span leaves the negation out but the flag records it
    assert think["category"] == "doxastic" and think["negated"] and think["in_quote"]
    assert cues["There is no doubt"]["category"] == "booster" and not cues["There is no doubt"]["negated"]
    assert cues["likely"]["category"] == "epistemic" and cues["likely"]["negated"]
    assert cues["not sure"]["category"] == "epistemic"
    assert cues["There is no evidence"]["category"] == "disclaimer"


@pytest.mark.parametrize("mode", MODES)
def test_in_quote_flag_across_sentences(mode):
    text = "Kirby said: “We believe it. It could grow.” Analysts believe it may not."
    flags = [(c["text"], c["in_quote"]) for c in cues_of(text, mode)]
    assert flags == [("believe", True), ("could", True), ("believe", False), ("may", False)]


def test_categories_can_be_switched_off():
    text = "Officials believe Russia could buy about 300 shells, clearly."
    assert cue_texts(text) == ["believe", "could", "about", "clearly"]
    assert cue_texts(text, categories=("doxastic", "booster")) == ["believe", "clearly"]


def test_user_lexicon_replaces_the_bundled_one(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text(
        "# version: 7\npattern,lemma,category,source,note\nrumour|rumours,rumour,evidential,mine,\n", encoding="utf-8"
    )
    assert cue_texts("Rumours say officials believe it.", hedge_lexicon=str(path)) == ["Rumours"]
    assert load_lexicon(str(path)).version == "7"
    assert "lexicon 7" in lexicon_version(str(path))


@pytest.mark.parametrize(
    "content,message",
    [
        ("pattern,category\nlikely,probable\n", "line 2: category 'probable'"),
        ("term,category\nlikely,epistemic\n", "missing column(s) ['pattern']"),
        ("pattern,category\nlikely,epistemic\nFOO bar,booster\n", "line 3: bad pattern 'FOO bar': unknown macro"),
        ("pattern,category\nmaybe?,epistemic\n", "at least one required token"),
    ],
)
def test_bad_user_lexicon_names_file_and_row(tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        load_lexicon(str(path))
    assert str(path) in str(err.value) and message in str(err.value)


def test_missing_user_lexicon(tmp_path):
    with pytest.raises(DataFileError, match="nope.csv: no such file"):
        load_lexicon(str(tmp_path / "nope.csv"))


def test_bundled_lexicon_is_versioned_and_sourced():
    lexicon = load_lexicon(None)
    assert lexicon.version != "unversioned"
    sources = {e.source for e in lexicon.entries}
    assert sources <= {"Hyland 2005", "Islam et al. 2020", "Columbia hedge dictionary", "this project"}


def test_spacy_component_on_an_existing_pipeline():
    import analysis.detectors.hedging.component  # noqa: F401  (registers the factory)

    nlp = spacy.load(DEFAULT_MODEL)
    nlp.add_pipe("hedge_cues")
    doc = nlp("Officials reportedly believe it. “It may be so,” he said. In May, it clearly was.")
    spans = doc.spans[SPAN_KEY]
    assert [(s.text, s.label_) for s in spans] == [
        ("reportedly", "evidential"),
        ("believe", "doxastic"),
        ("may", "epistemic"),
        ("clearly", "booster"),
    ]
    assert spans[2]._.hedge_in_quote and not spans[0]._.hedge_in_quote
    assert spans[0]._.hedge_lemma == "reportedly"


def test_spacy_component_config_on_a_blank_pipeline():
    import analysis.detectors.hedging.component  # noqa: F401

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("hedge_cues", config={"categories": ["booster"], "span_key": "boost"})
    doc = nlp("It is clearly true. It may be false.")
    assert [(s.text, s.label_) for s in doc.spans["boost"]] == [("clearly", "booster")]
    with pytest.raises(ValueError, match="unknown categories"):
        spacy.blank("en").add_pipe("hedge_cues", config={"categories": ["vague"]})


def test_fast_mode_uses_no_model():
    doc = load_nlp(DEFAULT_MODEL, "fast")("Officials may believe it.")
    assert not doc.has_annotation("TAG") and not doc.has_annotation("DEP")
    assert cue_texts("Officials may believe it.", "fast") == ["may", "believe"]


# Invented news sentences for spec rules the development set does not exercise (a small
# held-out check: none of these was used to write the lexicon entries they hit).
HELD_OUT = [
    ("The drones were apparently made in Iran.", ["apparently"]),
    ("Pyongyang is thought to have shipped shells by rail.", ["is thought to"]),
    ("The deal is unlikely to change the war, analysts said.", ["unlikely"]),
    ("Some 300 containers were loaded, satellite images suggest.", ["Some", "suggest"]),
    ("Moscow has not presented any evidence for the claim.", ["has not presented any evidence"]),
    ("The ministry provided no evidence.", ["provided no evidence"]),
    ("Seoul said it could not independently verify the report.", ["could not independently verify"]),
    ("At least 23 people died, and the toll may rise.", ["At least", "may"]),
    ("The purported shipments were rumoured for weeks.", ["purported", "rumoured"]),
    ("It is too early to say whether sanctions work.", ["too early to say"]),
    ("Russia definitely needs shells, and it has indeed bought them.", ["definitely", "indeed"]),
    ("The talks will start in May and the leaders will meet around the table.", []),
    ("The army couldn't move the guns, officials said.", []),
    ("The figures seem low, and it appears Russia is rationing.", ["seem", "it appears"]),
    ("He declined to say how many rockets were bought.", ["declined to say"]),
]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("text,expected", HELD_OUT)
def test_invented_news_sentences(text, expected, mode):
    assert cue_texts(text, mode) == expected


@pytest.mark.parametrize("mode", MODES)
def test_evidence_caveats_and_indication_nouns(mode):
    cues = by_text(
        cues_of(
            "There is no proof that the rockets arrived. Officials found no proof of payment. "
            "There were no indications that the deal had closed. "
            "Our indications are that the convoy has left.",
            mode,
        )
    )
    assert cues["There is no proof"]["category"] == "disclaimer"
    assert cues["no proof"]["category"] == "disclaimer"
    # "no indications" outranks the doxastic "indications that" it overlaps
    assert cues["no indications"]["category"] == "disclaimer"
    assert "indications that" not in cues
    assert cues["indications are that"]["category"] == "doxastic"
