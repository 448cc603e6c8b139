"""Data files: edits to a user file are seen in a running session, and every file reports its version."""

from __future__ import annotations

import os

from analysis.detectors.hedging.lexicon import load_lexicon
from analysis.reports.provenance import lexicon_versions

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
        "key_claims.yaml",
    } <= set(versions)
    assert all(v["version"] != "unversioned" for v in versions.values()), versions
    assert versions["hedge_lexicon.csv"]["version"] == load_lexicon().version


def test_user_files_in_extra_reach_the_fingerprint_and_the_provenance(tmp_path):
    from analysis.settings import Settings

    claims = tmp_path / "claims.yaml"
    claims.write_text("version: '7'\nclaims: []\n", encoding="utf-8")
    settings = Settings(extra=(("key_claims", str(claims)),))
    assert settings.data_files() == {"key_claims": str(claims)}
    assert lexicon_versions(settings)["key_claims (user file claims.yaml)"]["version"] == "7"
    before = settings.fingerprint()
    claims.write_text("version: '8'\nclaims: []\n", encoding="utf-8")
    assert settings.fingerprint() != before  # an edited file changes the cache key
    moved = tmp_path / "elsewhere.yaml"
    moved.write_text("version: '8'\nclaims: []\n", encoding="utf-8")
    assert Settings(extra=(("key_claims", str(moved)),)).fingerprint() == settings.fingerprint()
