"""Reporting nouns in fast mode: a noun of the reporting list with an expressed source and content
('Moscow's denial that ...', 'the claims of the research team that ...', 'claims by rival labs
that ...'). A bare noun, or one with a source but no content, is no attribution (ANNOTATION.md s2)."""

from __future__ import annotations

from analysis.detectors.attribution.fast_filters import MODALS
from analysis.detectors.attribution.fast_phrases import (
    AUXILIARIES,
    BOUNDARY,
    left_np,
    person_name,
    plural_head,
    speaker_phrase,
)
from analysis.detectors.attribution.records import QUOTE_CHARS, Record, span_of, trim_span

SOURCE_PREPOSITIONS = ("of", "by", "from")
MAX_SOURCE = 8


def noun_forms(lexicon) -> dict[str, object]:
    """Singular and plural form -> entry of each reporting noun ('claim', 'claims')."""
    forms = {}
    for lemma, entry in lexicon.nouns.items():
        forms[lemma] = entry
        forms[lemma + ("es" if lemma.endswith(("s", "sh", "ch")) else "s")] = entry
    return forms


def noun_record(toks, k, entry, text, cues) -> Record | None:
    """The record of the reporting noun at k: source before it (a possessive) or after it ('of/by/from
    X'), then a that-clause ('that ...', '<participle> that ...') as its content."""
    if any(t.lower_ == "in" for t in toks[max(0, k - 3) : k]):
        return None  # "said in a statement": a channel, not a record of its own (s2)
    source, after = _possessor(toks, k), k + 1
    if source is None:
        source, after = _of_phrase(toks, k, cues)
    if not source:
        return None
    start = _content_start(toks, after)
    if start is None:
        return None
    content = trim_span(text, span_of(toks[start:]), strip_that=True)
    return Record(
        (toks[k].idx, toks[k].idx + len(toks[k].text)),
        entry.lemma,
        "noun",
        entry,
        "noun",
        source=span_of(source),
        content=[content] if content else [],
        source_head=source[-1].lower_,
        source_plural=plural_head(source[-1]),
        source_person=person_name(text[span_of(source)[0] : span_of(source)[1]], cues),
    )


def _possessor(toks, k):
    """'Moscow's denial', 'the firm’s repeated claims': the words before the possessive."""
    j = k - 1
    while j > 0 and toks[j].text.islower() and toks[j].lower_ not in BOUNDARY and toks[j].lower_.endswith(("ed", "al")):
        j -= 1  # an adjective between: "repeated", "official"
    if j < 1 or toks[j].text not in ("'s", "’s"):
        return None
    np = left_np(toks, j)
    return np if np and len(np) <= MAX_SOURCE else None


def _of_phrase(toks, k, cues):
    """('claims of the research team', index after it): 'of' needs a name or a speaker noun in the
    phrase ('the claims of the theory' has no speaker); 'by' and 'from' take any noun phrase."""
    if k + 2 >= len(toks) or toks[k + 1].lower_ not in SOURCE_PREPOSITIONS:
        return None, k + 1
    j, np = k + 2, []
    while j < len(toks) and len(np) < MAX_SOURCE:
        tok = toks[j]
        if tok.lower_ in BOUNDARY or tok.text in QUOTE_CHARS or tok.text in (".", ";") or tok.lower_.endswith("ing"):
            break
        np.append(tok)
        j += 1
    if not np:
        return None, j
    named = any(t.text[:1].isupper() and t.is_alpha for t in np)
    if toks[k + 1].lower_ == "of" and not (named or speaker_phrase(np, cues)):
        return None, j
    return np, j


def _content_start(toks, j):
    """Where the noun's content starts: 'that' right after the source, or after one participle
    ('claims of X calculating that'); None when no that-clause follows."""
    if j + 1 < len(toks) and toks[j].lower_.endswith("ing") and toks[j + 1].lower_ == "that":
        j += 1
    if j + 1 >= len(toks) or toks[j].lower_ != "that":
        return None
    # "the claims of X that were rejected": a relative clause, not the claim's content
    return None if toks[j + 1].lower_ in AUXILIARIES or toks[j + 1].lower_ in MODALS else j
