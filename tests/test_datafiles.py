"""Data files: edits to a user file are seen in a running session, and every file reports its version."""

from __future__ import annotations

import os

import pytest

from analysis.datafiles import DataFileError, read_data_file
from analysis.detectors.hedging.lexicon import load_lexicon
from analysis.reports.provenance import lexicon_versions
from analysis.settings import Settings

LEXICON = "# version: {v}\npattern,category,source,note\n{term},epistemic,this project,\n"


def test_an_edited_user_lexicon_is_read_again(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text(LEXICON.format(v="1", term="probably"), encoding="utf-8")
    first = load_lexicon(str(path))
    assert first.version == "1" and [e.pattern for e in first.entries] == ["probably"]
    path.write_text(LEXICON.format(v="2", term="perhaps maybe"), encoding="utf-8")
    later = path.stat().st_mtime_ns + 1_000_000  # as an edit a moment later would leave it
    os.utime(path, ns=(later, later))
    second = load_lexicon(str(path))
    assert second.version == "2" and [e.pattern for e in second.entries] == ["perhaps maybe"]


def test_every_bundled_data_file_declares_its_version():
    versions = lexicon_versions()
    assert {
        "hedge_lexicon.csv",
        "reporting_verbs.csv",
        "hedge_rules.yaml",
        "attribution_rules.yaml",
        "boilerplate_rules.yaml",
        "source_cues.yaml",
    } <= set(versions)
    assert all(v["version"] != "unversioned" for v in versions.values()), versions
    assert versions["hedge_lexicon.csv"]["version"] == load_lexicon().version


def test_user_files_in_extra_reach_the_fingerprint_and_the_provenance(tmp_path):
    from analysis.settings import Settings

    claims = tmp_path / "claims.yaml"
    claims.write_text("version: '7'\nclaims: []\n", encoding="utf-8")
    settings = Settings(key_claims=str(claims))
    assert settings.data_files() == {"key_claims": str(claims)}
    assert lexicon_versions(settings)["key_claims (user file claims.yaml)"]["version"] == "7"
    before = settings.fingerprint()
    claims.write_text("version: '8'\nclaims: []\n", encoding="utf-8")
    assert settings.fingerprint() != before  # an edited file changes the cache key
    moved = tmp_path / "elsewhere.yaml"
    moved.write_text("version: '8'\nclaims: []\n", encoding="utf-8")
    assert Settings(key_claims=str(moved)).fingerprint() == settings.fingerprint()


def test_csv_rows_carry_file_line_numbers_after_comments(tmp_path):
    path = tmp_path / "verbs.csv"
    path.write_text("# version: 3\n# a comment\nlemma,stance\nsay,neutral\n\nclaim,distancing\n", "utf-8")
    data = read_data_file(path, "unused.csv")
    assert data.version == "3"
    assert [(line, row["lemma"]) for line, row in data.csv_rows({"lemma"})] == [(4, "say"), (6, "claim")]
    with pytest.raises(DataFileError, match=r"verbs.csv line 3: missing column\(s\) \['source'\]"):
        list(data.csv_rows({"lemma", "source"}))


def test_yaml_items_and_syntax_errors_name_their_lines(tmp_path):
    path = tmp_path / "rules.yaml"
    path.write_text("version: 2\nrules:\n  - name: a\n  - name: b\n    kind: line\n", "utf-8")
    data = read_data_file(path, "unused.yaml")
    assert data.version == "2" and data.item_lines("rules") == [3, 4]
    path.write_text("rules:\n  - name: a\n   bad: [\n", "utf-8")
    with pytest.raises(DataFileError, match=r"rules.yaml line \d+: not valid YAML"):
        read_data_file(path, "unused.yaml").yaml()
    # a tab indent: the message names the character and its line, whichever YAML loader reads first
    path.write_text("version: 2\nrules:\n\t- name: a\n", "utf-8")
    with pytest.raises(DataFileError, match=r"rules.yaml line 3: not valid YAML \(found character '\\t'"):
        read_data_file(path, "unused.yaml").yaml()


def test_missing_and_undecodable_files_are_data_file_errors(tmp_path):
    with pytest.raises(DataFileError, match="nothing.csv: no such file"):
        read_data_file(tmp_path / "nothing.csv", "unused.csv")
    latin = tmp_path / "latin.csv"
    latin.write_bytes("caf\xe9".encode("latin-1"))
    with pytest.raises(DataFileError, match="latin.csv: not UTF-8 text"):
        read_data_file(latin, "unused.csv")


def test_a_bundled_file_is_named_as_bundled():
    data = read_data_file(None, "hedge_lexicon.csv")
    assert data.where == "bundled hedge_lexicon.csv" and data.text.startswith("#")


def test_settings_refuse_missing_files_and_unknown_names(tmp_path):
    with pytest.raises(DataFileError, match=r"nope.yaml: no such file \(given as the source_cues setting\)"):
        Settings(source_cues=str(tmp_path / "nope.yaml"))
    with pytest.raises(TypeError, match="attribution_sources"):
        Settings(attribution_sources="x.yaml")  # a misspelt or old name is an error, never ignored
