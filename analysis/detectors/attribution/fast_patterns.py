"""Fixed word-order patterns of fast-mode attribution: 'was reported by X', 'according to X',
agentless 'are said to' / 'it is thought that', and the cue requirements word order can check."""

from __future__ import annotations

from analysis.detectors.attribution.fast_phrases import left_np, plural_head
from analysis.detectors.attribution.records import Record, span_of, subtract_spans, trim_span
from analysis.detectors.attribution.rules import AGENTLESS, REQUIRES_CONTENT
from analysis.detectors.reporting_verbs import QUESTION_WORDS

SPAN_END = (",", ".", ";", ":", "“", "”")


def requirement_met(toks, k, entry, cues, settings) -> bool:
    """Requirements fast mode can check from word order: 'quoted X as saying', 'carried by <media>'.
    Object-and-complement verbs ('called X Y') need the parse, so fast mode leaves them out."""
    if not settings.rule_enabled(REQUIRES_CONTENT):
        return True
    if entry.requires == "complement":
        return False
    if entry.requires == "quote_as":
        return any(
            toks[j].lower_ == "as" and j + 1 < len(toks) and toks[j + 1].lower_ == "saying"
            for j in range(k + 1, min(len(toks) - 1, k + 16))
        )
    if entry.requires == "question":
        return asks_question(toks, k)
    if entry.requires == "media_agent":
        after = " ".join(t.text for t in toks[k + 1 : k + 10])
        return (
            k + 1 < len(toks)
            and toks[k + 1].lower_ == "by"
            and bool(cues["media"].search(after) or cues["state_media"].search(after))
        )
    return True


def asks_question(toks, k) -> bool:
    """'asked (the governor) whether ...', or a question mark in the sentence or just before it
    ('“Is it safe?” she asked'); not 'asked residents to stay indoors'."""
    for tok in toks[k + 1 : k + 9]:
        if tok.lower_ in QUESTION_WORDS:
            return True
        if tok.lower_ in ("to", "that", "for") or tok.text in (".", ";"):
            break
    doc = toks[0].doc  # a span's text, not doc.text, which is built anew on each access
    return "?" in doc[max(0, toks[0].i - 2) : toks[-1].i + 1].text


def passive_record(toks, k, entry, text) -> Record | None:
    """'was first reported by the New York Times'."""
    src, j = [], k + 2
    while j < len(toks) and toks[j].text not in SPAN_END and toks[j].lower_ not in ("that", "on", "in", "last", "as"):
        if len(src) >= 10:
            break
        src.append(toks[j])
        j += 1
    if not src:
        return None
    left = left_np(toks, k)
    content = [t for t in [trim_span(text, span_of(left))] if t] if left else []
    return Record(
        (toks[k].idx, toks[k].idx + len(toks[k].text)),
        entry.lemma,
        "verb",
        entry,
        "verb",
        source=span_of(src),
        content=content,
        source_head=src[-1].lower_,
        source_plural=plural_head(src[-1]),
    )


def according_record(toks, k, lexicon, text) -> Record | None:
    """'according to X': X up to the next punctuation, the rest of the sentence as content."""
    j = k + 2
    src = []
    while j < len(toks) and toks[j].text not in SPAN_END and len(src) < 12:
        src.append(toks[j])
        j += 1
    if not src:
        return None
    cue = (toks[k].idx, toks[k + 1].idx + 2)
    sent_span = (toks[0].idx, toks[-1].idx + len(toks[-1].text))
    pieces = subtract_spans(sent_span, [(cue[0], span_of(src)[1])])
    content = [t for t in (trim_span(text, p, strip_that=True) for p in pieces) if t]
    return Record(
        cue,
        "according to",
        "according_to",
        lexicon.phrases["according to"],
        "according_to",
        source=span_of(src),
        content=content,
        source_head=src[-1].lower_,
        source_plural=plural_head(src[-1]),
    )


def agentless_record(toks, k, entry, cues, text) -> Record | None:
    """'the shells are said to be old', 'it is thought that ...': a vague record, source = cue."""
    if entry.lemma not in cues["agentless_verbs"] or k == 0:
        return None
    prev = toks[k - 1].lower_
    nxt = toks[k + 1].lower_ if k + 1 < len(toks) else ""
    if prev in ("is", "are", "was", "were") and nxt == "to":
        cue = (toks[k - 1].idx, toks[k + 1].idx + 2)
        subj = left_np(toks, k - 1)
        content = [span_of(subj)] if subj else []
        rest = span_of(toks[k + 2 :])
        if rest:
            content.append(rest)
        content = [t for t in (trim_span(text, c) for c in content if c) if t]
    elif prev in ("is", "was") and k >= 2 and toks[k - 2].lower_ == "it" and nxt == "that":
        cue = (toks[k - 2].idx, toks[k].idx + len(toks[k].text))
        rest = trim_span(text, span_of(toks[k + 2 :]))
        content = [rest] if rest else []
    else:
        return None
    return Record(cue, entry.lemma, "agentless", entry, AGENTLESS, source=cue, content=content, agentless=True)
