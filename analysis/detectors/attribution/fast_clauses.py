"""Clause shapes of fast-mode attribution that plain word order misses: a subject split from its verb
by an aside ('The council, in a ruling on Friday, said'), a sentence-opening participle that shares
the main clause's subject ('Citing new data, the mayor said'), and verb + particle phrases of the
reporting-verb list ('stood by', 'calling for', 'cast doubt on')."""

from __future__ import annotations

from analysis.detectors.attribution.fast_phrases import (
    PUNCTUATION_BOUNDARY,
    SKIP,
    SUBJECT_OPENERS,
    left_np,
    speaker_phrase,
)
from analysis.detectors.attribution.records import QUOTE_CHARS

MAX_ASIDE = 25  # tokens between the two commas of an aside
MAX_SUBJECT = 10


def phrase_table(lexicon, forms_of) -> dict[str, list[tuple[tuple[str, ...], object]]]:
    """Word form of a phrase's verb -> [(the phrase's other words, entry)], longest first:
    'stood' -> [(('by',), <stand by>)]. ``forms_of(lemma)`` gives a verb's forms."""
    table: dict[str, list] = {}
    for lemma, entry in lexicon.phrases.items():
        if entry.kind != "phrase":
            continue  # "according to" has its own pattern
        verb, *rest = lemma.split()
        for form in forms_of(verb):
            table.setdefault(form, []).append((tuple(rest), entry))
    for entries in table.values():
        entries.sort(key=lambda e: -len(e[0]))
    return table


def phrase_at(toks, k, table):
    """(entry, width) of the phrase whose verb is at k, or None: the other words must follow it."""
    for rest, entry in table.get(toks[k].lower_, ()):
        words = [t.lower_ for t in toks[k + 1 : k + 1 + len(rest)]]
        if tuple(words) == rest:
            return entry, 1 + len(rest)
    return None


def aside_subject(toks, k, cues):
    """The subject before a comma-bounded aside, for a verb with no subject of its own: 'The council,
    in a ruling on Friday, said', 'Jane Roe, 41, has told', 'the mayor, John Doe, told'. None when
    the words before the verb are not '<subject> , <aside> ,'."""
    j = k - 1
    while j >= 0 and (toks[j].lower_ in SKIP or toks[j].lower_.endswith("ly")):
        j -= 1
    if j < 2 or toks[j].text != ",":
        return None
    c1 = j - 1
    while c1 >= 0 and toks[c1].text != "," and j - c1 <= MAX_ASIDE:
        if toks[c1].text in QUOTE_CHARS or toks[c1].text in (";", ":"):
            return None  # a quotation or another clause, not an aside
        c1 -= 1
    if c1 < 1 or toks[c1].text != "," or c1 == j - 1:
        return None
    for np in (_run_to_punctuation(toks, c1), left_np(toks, c1)):
        if np and len(np) <= MAX_SUBJECT and _subject_like(np, cues):
            return np
    return None


def _run_to_punctuation(toks, end):
    """The words before position ``end`` back to punctuation: 'The prosecution and defense'."""
    i, depth = end - 1, 0
    while i >= 0:
        depth += (toks[i].text == ")") - (toks[i].text == "(")
        if (
            depth == 0
            and toks[i].text not in "()"
            and (toks[i].text in PUNCTUATION_BOUNDARY or toks[i].text in QUOTE_CHARS)
        ):
            break
        i -= 1
    return toks[i + 1 : end]  # "The Institute (TI)": a bracketed abbreviation belongs to the name


def _subject_like(np, cues) -> bool:
    first = np[0]
    return (first.text[:1].isupper() and first.is_alpha) or first.lower_ in SUBJECT_OPENERS or speaker_phrase(np, cues)


def opening_participle(toks, k) -> bool:
    """An '-ing' reporting form opening the sentence before a comma: 'Citing new data, the mayor said'."""
    return k == 0 and toks[0].lower_.endswith("ing") and any(t.text == "," for t in toks[1:])


def main_clause_source(toks, found):
    """The source span of the first record after the opening participle's comma, None if none."""
    comma = next(i for i, t in enumerate(toks) if t.text == ",")
    after = [r for r in found if r.kind == "verb" and r.source and r.source[0] >= toks[comma].idx]
    return after[0].source if after else None
