"""Story files: read exactly as written, refused with file and line when they are not right."""

from __future__ import annotations

import pytest

from analysis.datafiles import DataFileError
from analysis.resources import sample_dir
from analysis.story import load_story

GOOD = """title: Chemical spill at the river plant
sides:
  - name: Acme Chemicals
    role: accused
    aliases: [Acme, the company]
  - name: State environment agency
    role: accuser
    aliases: [the agency, EPA]
  - name: Residents
    role: other
    aliases: [residents, neighbours]
key_claims:
  claims:
    - name: spill
      all_of: {who: 'acme', what: 'spill'}
source_cues:
  expert: [toxicologist]
"""


def write(tmp_path, text: str):
    path = tmp_path / "story.yaml"
    path.write_text(text, "utf-8")
    return path


def test_a_story_with_three_sides_is_read_as_written(tmp_path):
    story = load_story(write(tmp_path, GOOD))
    assert story.title == "Chemical spill at the river plant"
    assert [(s.name, s.role) for s in story.sides] == [
        ("Acme Chemicals", "accused"),
        ("State environment agency", "accuser"),
        ("Residents", "other"),
    ]
    assert story.aliases("accused") == ["Acme Chemicals", "Acme", "the company"]
    assert story.key_claims["claims"][0]["name"] == "spill" and story.source_cues == {"expert": ["toxicologist"]}
    assert story.provenance()["file"] == "story.yaml" and len(story.provenance()["sha256"]) == 12


@pytest.mark.parametrize(
    "text, message",
    [
        (GOOD + "sidez: []\n", r"line 18: unknown key\(s\) \['sidez'\]"),
        (GOOD.replace("role: other", "role: victim"), r"line 9: side 'Residents' has role 'victim'"),
        (GOOD.replace("    aliases: [residents, neighbours]\n", "    alias: [x]\n"), r"line 9: unknown key"),
        ("sides: []\n", r"'title' must be a non-empty text"),
        ("title: T\nsides: []\n", r"'sides' must be a list of sides"),
        ("title: T\nsides:\n  - name: A\n    role: accused\n    aliases: [1]\n", r"line 3: side 'A': 'aliases'"),
        ("title: T\nsides:\n  - {name: A, role: accused}\n  - {name: a, role: other}\n", "same name"),
        ("title: T\nsides: [{name: A, role: accused}]\nkey_claims: [x]\n", r"line 3: 'key_claims' must be a mapping"),
        ("title: [unclosed\n", r"line \d+: not valid YAML"),
        (
            "title: T\nsides: [{name: A, role: accused}]\nkey_claims:\n  claims:\n    - {name: x, all_of: {a: '('}}\n",
            r"line 3: key_claims: claim 'x' has a bad pattern",
        ),
        ("title: T\nsides: [{name: A, role: accused}]\nkey_claims: {claims: []}\n", r"line 3: key_claims: no claims"),
    ],
)
def test_a_wrong_story_file_is_refused_naming_file_and_line(tmp_path, text, message):
    with pytest.raises(DataFileError, match=message) as info:
        load_story(write(tmp_path, text))
    assert str(info.value).startswith(str(tmp_path / "story.yaml"))


def test_a_missing_story_file_is_refused(tmp_path):
    with pytest.raises(DataFileError, match="nope.yaml: no such file"):
        load_story(tmp_path / "nope.yaml")


def test_the_bundled_example_story_is_valid():
    story = load_story(sample_dir() / "story.yaml")
    assert story.side_names("accused") == ["North Korea", "Russia", "Iran"]
    assert "Kirby" in story.aliases("accuser") and story.key_claims["claims"]


def test_the_documented_template_is_a_valid_story():
    from pathlib import Path

    template = Path(__file__).resolve().parents[1] / "docs" / "story-template.yaml"
    story = load_story(template)
    assert {side.role for side in story.sides} == {"accused", "accuser", "other"}


# --- the story file as an input of the commands, and in provenance ---------------------------------


def test_a_missing_story_file_is_refused_by_the_commands(tmp_path, capsys):
    from analysis.cli import EXIT_BAD_INPUT, main

    code = main(["analyze", "--mode", "fast", "--story", str(tmp_path / "nope.yaml"), "--out", str(tmp_path / "o")])
    assert code == EXIT_BAD_INPUT
    assert "nope.yaml: no such file (given as the story setting)" in capsys.readouterr().err


def test_analyze_with_a_story_file_names_the_sides(tmp_path, capsys):
    import pandas as pd

    from analysis.cli import main

    story = write(tmp_path, GOOD)
    corpus = tmp_path / "c.csv"
    pd.DataFrame(
        [
            {
                "doc_id": "a",
                "outlet": "X",
                "text": "Spill\n\nAcme denied that its tank leaked. Residents said it smelled.",
            }
        ]
    ).to_csv(corpus, index=False)
    assert (
        main(
            ["analyze", "--mode", "fast", "--corpus", str(corpus), "--story", str(story), "--out", str(tmp_path / "o")]
        )
        == 0
    )
    att = pd.read_csv(tmp_path / "o" / "attributions.csv")
    assert dict(zip(att["cue_text"], att["side_name"])) == {"denied": "Acme Chemicals", "said": "Residents"}
    assert set(pd.read_csv(tmp_path / "o" / "sides.csv")["status"]) == {"story_file"}
    assert "note:" not in capsys.readouterr().err


def test_provenance_names_the_story_and_where_the_sides_come_from(tmp_path):
    from analysis.reports.provenance import provenance, provenance_html, story_record

    story = load_story(write(tmp_path, GOOD))
    record = provenance("h", "corpus", {}, story=story)
    assert record["story"] == {**story.provenance(), "sides": "story_file"}
    assert "Chemical spill at the river plant (story file story.yaml" in provenance_html(record)
    assert "sides inferred from the corpus, not confirmed" in provenance_html(
        provenance("h", "c", {}, story=None) | {"story": {"sides": "inferred"}}
    )
    assert story_record(None) == {"sides": "unknown"}


def test_the_bundled_corpus_takes_its_story_file_and_other_corpora_none():
    from analysis.story import story_for

    assert story_for(None, None) == str(sample_dir() / "story.yaml")
    assert story_for("my_corpus", None) is None and story_for("my_corpus", "s.yaml") == "s.yaml"


def test_the_report_hands_the_story_file_to_the_notebooks_by_a_relative_path(tmp_path):
    import pandas as pd

    from analysis.reports.render import plan_run

    (tmp_path / "study").mkdir()
    corpus = tmp_path / "study" / "corpus.csv"
    pd.DataFrame([{"doc_id": "a", "outlet": "X", "text": "Spill\n\nAcme denied it."}]).to_csv(corpus, index=False)
    story = write(tmp_path / "study", GOOD)
    plan = plan_run(corpus, None, None, story=story)
    assert plan.shared["story"] == "story.yaml" and plan.kernel_cwd == corpus.parent
    assert plan.settings.story == str(story.resolve())
