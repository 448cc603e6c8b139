"""Without a story file: use the bundled story file when the corpus is plainly about that story.

The bundled corpus's story (``data/story.yaml``) is chosen for another corpus only when its key
claim is stated in at least half of the documents, and the choice is said wherever the sides are
shown ("chosen because ..."), so a corpus of new articles on the bundled story gets the same sides
as the bundled corpus, and no other corpus gets them. Pass ``--story`` to choose another.
"""

from __future__ import annotations

import re

from analysis.resources import bundled_story_file
from analysis.story import claim_of, load_story

MIN_SHARE = 0.5  # of the documents that must state the story's key claim
SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+|\n+")


def stating_documents(texts: dict[str, str], claims) -> int:
    """How many documents state one of the compiled key claims in one of their sentences."""
    return sum(1 for text in texts.values() if any(claim_of(s, claims) for s in SENTENCE_BREAK.split(text)))


def matching_bundled_story(texts: dict[str, str]) -> tuple[str, str] | None:
    """(path of the bundled story file, why it was chosen) when the corpus is about its story."""
    path = bundled_story_file()
    if not texts or not path.is_file():
        return None
    compiled = load_story(path).compiled_claims
    if not compiled:
        return None
    n = stating_documents(texts, compiled["claims"])
    if n / len(texts) < MIN_SHARE:
        return None
    why = f"no story file was given, and its key claim is stated in {n} of {len(texts)} documents"
    return str(path), why
