"""Word-order phrases for fast-mode attribution (no tags or dependencies): the noun phrase left
of a cue, whether a cue follows its content, and a person's name in a source."""

from __future__ import annotations

import re

from analysis.detectors.attribution.records import QUOTE_CHARS

# words that end a noun phrase going left from a cue
PUNCTUATION_BOUNDARY = {",", ";", ":", "“", "”", '"', "(", ")", "–", "—"}
BOUNDARY = PUNCTUATION_BOUNDARY | {"that", "and", "but", "as", "because", "when", "while", "after", "before", "which"}
# a preposition inside the phrase: the subject starts after it ("after talks, officials said")
CUT = {"amid", "despite", "after", "before", "during", "with", "for", "since", "because", "although"}
# words between a subject and its verb: "went on to warn", "has also said", "would not say"
CATENATIVES = {"went", "on", "to", "sought", "continued", "tried", "go", "goes"}
AUXILIARIES = {"has", "have", "had", "was", "were", "is", "are", "will", "would", "did", "does", "do"}
NEGATIONS = {"not", "n’t", "n't", "never"}
TIME_ADVERBS = {"also", "later", "then", "previously", "recently", "already", "earlier", "first", "again"}
MANNER_ADVERBS = {"publicly", "officially", "repeatedly"}
SKIP = CATENATIVES | AUXILIARIES | NEGATIONS | TIME_ADVERBS | MANNER_ADVERBS
PRONOUN_SUBJECTS = {"he", "she", "it", "they", "we", "i"}
# capitalised words that start a sentence or a phrase, not a name
NOT_FIRST_NAMES = ("The", "A", "An", "Tue", "This", "That", "In", "On", "At", "Despite", "According")

_NAME = re.compile(r"\b([A-Z][a-z]+(?:[-’'][A-Z]?[a-z]+)?)\s+([A-Z][a-z]+(?:-[a-z]+)?)\b")
_NAME_AT = re.compile(rf"(?<![\w’'-])(?=({_NAME.pattern}))")


def left_np(toks, k):
    """Tokens left of position k back to a clause boundary, skipping auxiliaries and adverbs."""
    j = k - 1
    while j >= 0 and (toks[j].lower_ in SKIP or toks[j].lower_.endswith("ly")):
        j -= 1
    end = j
    while j >= 0 and toks[j].lower_ not in BOUNDARY and toks[j].text not in QUOTE_CHARS:
        j -= 1
    np = toks[j + 1 : end + 1]
    cut = [i for i, t in enumerate(np) if t.lower_ in CUT]
    if cut and not (np and np[0].lower_ in ("who", "which")):
        np = np[cut[-1] + 1 :]
    # "A US official, who spoke on condition of anonymity, said": reach over the relative clause
    if np and np[0].lower_ in ("who", "which") and j >= 1 and toks[j].text == ",":
        i = j - 1
        while i >= 0 and toks[i].lower_ not in BOUNDARY:
            i -= 1
        np = toks[i + 1 : end + 1]
    return np


def post_posed(toks, k) -> bool:
    """'..., the official stated.': a reporting clause after its content (a comma or quote before the subject)."""
    np = left_np(toks, k)
    if not np:
        return False
    start = next(i for i, t in enumerate(toks) if t.i == np[0].i)
    return start > 0 and toks[start - 1].text in (",", "”", '"', "’")


def person_name(src_text: str, cues) -> str | None:
    """A 'First Last' pair that no word list claims (fast mode has no NER); an accused-side pair
    only with one of the story's person names ('Kim Jong-un', not 'North Korea')."""
    # overlapping matches, so that a title before the name ("General Pat Ryder") does not hide it
    for m in _NAME_AT.finditer(src_text):
        name = m.group(1)
        if any(
            w in cues[lst]
            for w in name.split()
            for lst in ("accuser", "media", "institution_words", "person_titles", "official_nouns", "expert")
        ):
            continue
        if any(cues[lst].search(name) for lst in ("institution_words", "media", "accuser", "expert")):
            continue
        if name.split()[0] in NOT_FIRST_NAMES:
            continue
        if cues["accused"].search(name) and not cues["person_names"].search(name):
            continue
        return name
    m = re.search(r"\b(?:Mr|Mrs|Ms|Dr)\.?\s+([A-Z][a-z]+)", src_text)
    return m.group(0) if m else None
