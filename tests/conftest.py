"""Shared fixtures: the bundled corpus, parsed once per test session."""

from __future__ import annotations

import pytest

from analysis.corpus.loading import load_corpus
from analysis.pipeline.run import analyze_corpus
from analysis.resources import bundled_story_file
from analysis.settings import Settings


@pytest.fixture(scope="session")
def bundled_corpus():
    return load_corpus()


@pytest.fixture(scope="session")
def raw_texts(bundled_corpus):
    return dict(zip(bundled_corpus.documents["doc_id"], bundled_corpus.documents["text"]))


@pytest.fixture(scope="session")
def bundled_analysis(bundled_corpus):
    """The bundled corpus analysed in parse mode with its story file (as the command line does)."""
    return analyze_corpus(bundled_corpus, Settings(story=str(bundled_story_file())), progress=False)


@pytest.fixture(autouse=True, scope="session")
def _private_user_cache(tmp_path_factory):
    """The command line's default parse cache lives in the user's cache folder: keep tests out of it."""
    patch = pytest.MonkeyPatch()
    patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("user-cache")))
    yield
    patch.undo()
