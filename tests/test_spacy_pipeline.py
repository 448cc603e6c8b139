"""The spaCy components as spaCy expects them: entry points, ``assigns``, and user files saved
with the pipeline so that ``spacy.load`` works in a fresh process after the files are gone."""

from __future__ import annotations

import gc
import json
import pickle
import re
import subprocess
import sys
import tomllib
from importlib.metadata import entry_points
from pathlib import Path

import pytest
import spacy
from spacy.lang.en import English
from spacy.language import Language

from analysis.nlp.parsing import load_nlp
from analysis.resources import DATA_DIR, PACKAGE_DIR
from analysis.settings import DEFAULT_MODEL

ROOT = Path(__file__).resolve().parents[1]
SPAN_KEYS = ("hedge_cues", "attribution_cues", "attribution_sources")
TEXT = (
    "The minister opined that the plan would zorbishly fail.\n\n"
    "A glorbist named Ann Lee said the trains had left. Officials may believe it."
)

# Loads a saved pipeline with nothing imported but spaCy, and prints its spans as JSON.
FRESH_PROCESS = f"""
import json, sys
import spacy
assert not [m for m in sys.modules if m == "analysis" or m.startswith("analysis.")]
nlp = spacy.load(sys.argv[1])
doc = nlp(sys.argv[2])
spans = {{k: [[s.start_char, s.end_char, s.label_] for s in doc.spans[k]] for k in {SPAN_KEYS!r} if k in doc.spans}}
print(json.dumps({{"spans": spans, "sentences": [s.text for s in doc.sents]}}))
"""


def spans_of(doc) -> dict:
    return {k: [[s.start_char, s.end_char, s.label_] for s in doc.spans[k]] for k in SPAN_KEYS if k in doc.spans}


def load_in_fresh_process(path: Path, text: str = TEXT) -> dict:
    """The spans and sentences that the saved pipeline at ``path`` gives in a new Python process."""
    done = subprocess.run(
        [sys.executable, "-c", FRESH_PROCESS, str(path), text], capture_output=True, text=True, cwd=path.parent
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture
def user_files(tmp_path) -> dict[str, Path]:
    """The bundled files plus one invented entry each: the cue "zorbishly", the verb "opine" and
    the expert noun "glorbist", so a test can tell the user file was used."""
    folder = tmp_path / "user"
    folder.mkdir()
    files = {
        "lexicon": folder / "my_lexicon.csv",
        "reporting_verbs": folder / "my_verbs.csv",
        "source_cues": folder / "my_sources.yaml",
    }
    files["lexicon"].write_text(
        (DATA_DIR / "hedge_lexicon.csv").read_text("utf-8") + "zorbishly,zorbishly,epistemic,this project,test\n"
    )
    files["reporting_verbs"].write_text(
        (DATA_DIR / "reporting_verbs.csv").read_text("utf-8") + "opine,neutral,verb,any,this project,test\n"
    )
    sources = (DATA_DIR / "source_cues.yaml").read_text("utf-8")
    assert "words: [analyst, analysts, expert," in sources
    files["source_cues"].write_text(sources.replace("words: [analyst,", "words: [glorbist, analyst,", 1))
    return files


def build(model: str | None, files: dict[str, Path]) -> Language:
    """A pipeline with paragraph_boundaries and both components reading the user files."""
    if model is None:
        nlp = spacy.blank("en")
        nlp.add_pipe("paragraph_boundaries")
        nlp.add_pipe("sentencizer")
    else:
        nlp = spacy.load(model)
        nlp.add_pipe("paragraph_boundaries", before="parser")
    nlp.add_pipe(
        "hedge_cues", config={"lexicon": str(files["lexicon"]), "reporting_verbs": str(files["reporting_verbs"])}
    )
    nlp.add_pipe(
        "attributions",
        config={"reporting_verbs": str(files["reporting_verbs"]), "source_cues": str(files["source_cues"])},
    )
    return nlp


def texts_of(doc, key: str) -> list[tuple[str, str]]:
    return [(s.text, s.label_) for s in doc.spans[key]]


@pytest.mark.parametrize("model", [DEFAULT_MODEL, None], ids=["parse", "fast"])
def test_saved_pipeline_loads_in_a_fresh_process_without_the_user_files(model, user_files, tmp_path):
    nlp = build(model, user_files)
    doc = nlp(TEXT)
    assert ("zorbishly", "epistemic") in texts_of(doc, "hedge_cues")
    assert "would" not in [text for text, _ in texts_of(doc, "hedge_cues")]  # backshifted after "opined"
    assert ("opined", "neutral") in texts_of(doc, "attribution_cues")
    assert "expert" in [label for _, label in texts_of(doc, "attribution_sources")]
    before = spans_of(doc)

    saved = tmp_path / "pipeline"
    nlp.to_disk(saved)
    for path in user_files.values():
        path.unlink()
    assert load_in_fresh_process(saved)["spans"] == before


def test_the_bundled_files_give_other_spans(user_files):
    """Guards the test above: without the user files the invented entries are not found."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("hedge_cues")
    nlp.add_pipe("attributions")
    doc = nlp(TEXT)
    assert "zorbishly" not in [text for text, _ in texts_of(doc, "hedge_cues")]
    assert "would" in [text for text, _ in texts_of(doc, "hedge_cues")]
    assert "opined" not in [text for text, _ in texts_of(doc, "attribution_cues")]
    assert "expert" not in [label for _, label in texts_of(doc, "attribution_sources")]


def test_the_saved_copy_wins_over_an_edited_original(user_files, tmp_path):
    nlp = build(None, user_files)
    saved = tmp_path / "pipeline"
    nlp.to_disk(saved)
    assert (saved / "hedge_cues" / "hedge_lexicon.csv").read_bytes() == user_files["lexicon"].read_bytes()
    user_files["lexicon"].write_text((DATA_DIR / "hedge_lexicon.csv").read_text("utf-8"))
    assert ("zorbishly", "epistemic") in texts_of(spacy.load(saved)(TEXT), "hedge_cues")


def test_bundled_data_saves_no_files(tmp_path):
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("hedge_cues")
    nlp.add_pipe("attributions")
    nlp.to_disk(tmp_path / "pipeline")
    assert not list((tmp_path / "pipeline" / "hedge_cues").iterdir())
    assert not list((tmp_path / "pipeline" / "attributions").iterdir())
    doc = spacy.load(tmp_path / "pipeline")("It may rain.")
    assert texts_of(doc, "hedge_cues") == [("may", "epistemic")]


def test_to_bytes_carries_the_user_files(user_files):
    nlp = build(None, user_files)
    before = spans_of(nlp(TEXT))
    data = nlp.to_bytes()
    for path in user_files.values():
        path.unlink()
    restored = English.from_config(nlp.config).from_bytes(data)
    assert spans_of(restored(TEXT)) == before


def test_a_pickled_pipeline_carries_the_user_files(user_files):
    """As multiprocessing sends it to a worker: the private copy is made again on the other side."""
    nlp = build(None, user_files)
    before = spans_of(nlp(TEXT))
    data = pickle.dumps(nlp)
    for path in user_files.values():
        path.unlink()
    del nlp
    gc.collect()  # removes the private copies of the first pipeline
    assert spans_of(pickle.loads(data)(TEXT)) == before


def test_a_missing_user_file_fails_when_used_and_names_the_file(tmp_path):
    missing = str(tmp_path / "nowhere.csv")
    nlp = spacy.blank("en")
    nlp.add_pipe("hedge_cues", config={"lexicon": missing})
    with pytest.raises(FileNotFoundError, match="nowhere.csv"):
        nlp("It may rain.")
    with pytest.raises(FileNotFoundError, match="nowhere.csv"):
        nlp.to_disk(tmp_path / "pipeline")
    nlp = spacy.blank("en")
    nlp.add_pipe("attributions", config={"source_cues": missing})
    with pytest.raises(FileNotFoundError, match="nowhere.csv"):
        nlp("Kirby said it.")


def test_the_load_nlp_pipeline_loads_from_disk_in_a_fresh_process(tmp_path):
    """It holds the paragraph_boundaries component (spaCy raised E002 before its entry point)."""
    saved = tmp_path / "fast"
    load_nlp(DEFAULT_MODEL, "fast").to_disk(saved)
    assert load_in_fresh_process(saved, "First line\nSecond line")["sentences"] == ["First line\n", "Second line"]


def test_factories_declare_what_they_assign():
    assigns = {name: set(Language.get_factory_meta(name).assigns) for name in registered_factories()}
    assert assigns["paragraph_boundaries"] == {"token.is_sent_start"}
    assert assigns["hedge_cues"] == {
        "doc.spans",
        "span._.hedge_rule",
        "span._.hedge_lemma",
        "span._.hedge_in_quote",
        "span._.hedge_negated",
    }
    assert assigns["attributions"] == {"doc._.attributions", "doc.spans"}


def registered_factories() -> set[str]:
    """The names of every @Language.factory and @Language.component in the package source."""
    pattern = re.compile(r"@Language\.(?:factory|component)\(\s*\"([^\"]+)\"")
    return {name for path in PACKAGE_DIR.rglob("*.py") for name in pattern.findall(path.read_text("utf-8"))}


def test_every_factory_has_an_entry_point():
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["entry-points"]
    assert registered_factories() == {"paragraph_boundaries", "hedge_cues", "attributions"}
    assert set(declared["spacy_factories"]) == registered_factories()
    installed = {ep.name: ep.value for ep in entry_points(group="spacy_factories")}
    assert {name: installed.get(name) for name in declared["spacy_factories"]} == declared["spacy_factories"]
