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
SKIP = CATENATIVES | AUXILIARIES | NEGATIONS | TIME_ADVERBS | MANNER_ADVERBS | {"been", "being"}
PRONOUN_SUBJECTS = {"he", "she", "it", "they", "we", "i"}
# words that can open a subject noun phrase ("the official", "some analysts", "they")
SUBJECT_OPENERS = PRONOUN_SUBJECTS | {"the", "a", "an", "one", "some", "many", "two", "three", "such"}
SUBJECT_OPENERS |= {"our", "its", "their", "his", "her", "this", "these", "that", "those"}
# source-cue lists whose words head a phrase that can speak ("health officials", "lead lawyer")
SPEAKER_LISTS = ("official_nouns", "person_titles", "expert", "vague_heads")
# capitalised words that start a sentence or a phrase, not a name
NOT_FIRST_NAMES = ("The", "A", "An", "Tue", "This", "That", "In", "On", "At", "Despite", "According")

_NAME = re.compile(r"\b([A-Z][a-z]+(?:[-’'][A-Z]?[a-z]+)?)\s+([A-Z][a-z]+(?:-[a-z]+)?)\b")
_NAME_AT = re.compile(rf"(?<![\w’'-])(?=({_NAME.pattern}))")


def plural_head(tok) -> bool:
    """A source head read as plural without tags: ends in "s" and is not a capitalised name."""
    return tok.lower_.endswith("s") and not tok.text[0].isupper()


def left_np(toks, k):
    """Tokens left of position k back to a clause boundary, skipping auxiliaries and adverbs."""
    j = k - 1
    while j >= 0 and (toks[j].lower_ in SKIP or toks[j].lower_.endswith("ly")):
        j -= 1
    end = j
    if j > 0 and toks[j].text == ")":  # "the Center (CMTC) said": the bracket belongs to the name
        opening = next((i for i in range(j - 1, max(-1, j - 8), -1) if toks[i].text == "("), None)
        j = j if opening is None else opening - 1
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


def speaker_phrase(np, cues) -> bool:
    """A lower-case phrase that can speak: a speaker noun heads it ('health officials', 'state
    investigators') or it ends in a name after a title ('lead lawyer Eric Nelson')."""
    if len(np) > 8:
        return False
    named = len(np) >= 3 and len(np) <= 6 and all(t.text[:1].isupper() and t.is_alpha for t in np[-2:])
    return named or any(np[-1].lower_ in cues[lst] for lst in SPEAKER_LISTS)


def subject_tokens(toks, k, inherit, cues):
    """(source tokens, inverted) for the verb at k: the phrase on its left, the inherited source span,
    or the phrase after it ('“...,” said Kirby', '..., says the statistics chief'); None when there is none."""
    np = left_np(toks, k)
    if inherit is not None:
        np = [t for t in toks if inherit[0] <= t.idx < inherit[1]]
    while np and not np[0].text[0].isalnum():
        np = np[1:]  # a bullet or dash opening the line
    if (
        np
        and len(np) <= 14
        and (
            np[0].text[0].isupper()
            or np[0].lower_ in SUBJECT_OPENERS
            or speaker_phrase(np, cues)
            or (inherit is None and _closing_subject(toks, k, np))
        )
    ):
        return np, False
    right, j = [], k + 1
    while j < len(toks) and toks[j].text not in (".", ";", "“", "”", '"') and len(right) < 20:
        right.append(toks[j])
        j += 1
    if not (right and k > 0 and toks[k - 1].text in (",", "”", '"')):
        return None
    if right[0].text[0].isupper():  # "says Mason Clark, head of ..."
        return right, True
    cut = next((i for i, t in enumerate(right) if t.text == ","), len(right))
    return (right[:cut], True) if speaker_phrase(right[:cut], cues) else None


def _closing_subject(toks, k, np) -> bool:
    """'..., investigation finds', '..., state health inspectors say.': a short phrase after a comma
    with the cue as the sentence's last word speaks; the content is what precedes the comma."""
    start = np[0].i - toks[0].i
    last = all(not t.is_alpha for t in toks[k + 1 :])
    return last and len(np) <= 8 and start > 0 and toks[start - 1].text == ","


def sentence_subject(toks, k):
    """The noun phrase opening the sentence before its first verb, for a coordinated or participle cue
    with no subject of its own ('The manager was asked ... and said', 'Kolb and Bauerle provided ...
    and also revealed'): the words left of the first auxiliary or past-tense word, or the run of
    capitalised words (and 'and', 'of') that opens the sentence."""
    start = 1 if toks and toks[0].lower_ in ("but", "and", "yet", "so") else 0
    for j in range(start + 1, min(k, 15)):
        low = toks[j].lower_
        if toks[j].text in (",", ";", ":", "“", '"', "(") or low in ("that", "who", "which"):
            break
        if low in AUXILIARIES or (low.endswith("ed") and toks[j].text.islower()):
            return toks[start:j] or None
    run = []
    for t in toks[start:k]:
        if not (t.text[:1].isupper() or (run and t.lower_ in ("and", "of", "’s", "'s"))):
            break
        run.append(t)
    return run if run and run[-1].text[:1].isupper() and len(run) < k - start else None
