"""Content of a parse-mode reporting verb: whether the verb has any (``has_content``) and the
spans that are reported (``verb_content``): its clause children, else an adjacent quotation,
a clause after a following 'that' or the other side of a colon."""

from __future__ import annotations

import re

from analysis.detectors.attribution.quotes import quote_spans
from analysis.detectors.attribution.records import subtract_spans, trim_span
from analysis.detectors.attribution.rules import REQUIRES_CONTENT
from analysis.detectors.reporting_verbs import QUESTION_WORDS
from analysis.settings import Settings

CONTENT_DEPS = {"ccomp", "xcomp", "parataxis"}
OBJECT_DEPS = {"dobj", "attr", "oprd"}


def is_that_clause(tok) -> bool:
    """A clause opened by 'that' ('... that the trains had left')."""
    return any(g.dep_ == "mark" and g.lower_ == "that" for g in tok.children)


def has_content(tok, requires: str, settings: Settings) -> bool:
    """Whether the verb has what its lexicon entry requires ('believes that', 'called X Y', 'see X as')."""
    if requires in ("any", "source") or not settings.rule_enabled(REQUIRES_CONTENT):
        return True
    deps = {c.dep_ for c in tok.children}
    if requires == "complement":  # "called the reports rumours", "considered X to be Y"
        return "oprd" in deps or any(
            c.dep_ == "ccomp" and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children) for c in tok.children
        )
    if requires == "quote_as":  # "quoted an official as saying"
        return any(c.dep_ == "prep" and c.lower_ == "as" for c in tok.children)
    if requires == "media_agent":  # checked with the source words before
        return True
    if requires == "question":  # "asked whether ...", "“Is it safe?” she asked"; not "asked them to leave"
        return asks_question(tok)
    if requires == "see_as":
        return any(c.dep_ == "prep" and c.lower_ == "as" for c in tok.children) or any(
            c.dep_ == "dobj" and any(g.dep_ == "prep" and g.lower_ == "as" for g in c.children) for c in tok.children
        )
    if deps & CONTENT_DEPS:
        return True
    if any(c.dep_ == "advcl" and is_that_clause(c) for c in tok.children):
        return True
    if requires == "content_or_object" and deps & OBJECT_DEPS:
        return True
    # "indicates that ..." with a garbled parse; a colon followed by a quote
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return bool(nxt is not None and (nxt.lower_ == "that" or nxt.text == ":") and tok.i + 2 < len(tok.doc))


def asks_question(tok) -> bool:
    """A clause child opened by a question word, or a question mark in the cue's sentence (or just
    before it: a quoted question the sentence splitter cut off)."""
    for child in tok.children:
        if child.dep_ in ("ccomp", "advcl", "dep", "parataxis", "xcomp") and child.i > tok.i:
            opener = child.left_edge
            if opener.text in ("“", '"', ":") and opener.i + 1 < len(tok.doc):
                opener = tok.doc[opener.i + 1]
            if opener.lower_ in QUESTION_WORDS:
                return True
    sent = tok.sent  # a span's text, not doc.text, which is built anew on each access
    return "?" in tok.doc[max(0, sent.start - 2) : sent.end].text


def verb_content(sent, tok, reading, src: tuple[int, int], exclude, ctx) -> list[tuple[int, int]]:
    """The content spans of a verb record: the first of its readings that finds any."""
    text, depth = ctx.text, ctx.depth
    content = _content_from_children(reading.content_children, text, exclude)
    if reading.fixed_content:
        content = [c for c in (trim_span(text, f) for f in reading.fixed_content) if c]
    if not content:
        content = _adjacent_quote(sent, tok, depth, text, exclude)
    content = _quote_only_content(content, tok, reading.src_toks, depth, text)
    if not content:  # a garbled parse: the rest of the sentence after a following "that"
        that = next((t for t in sent if t.i > tok.i and t.lower_ == "that" and not (src[0] <= t.idx < src[1])), None)
        if that is not None:
            content = [c for c in [trim_span(text, (that.idx + len(that.text), sent.end_char))] if c]
    if not content:  # headline "...: US Reports"
        content = colon_content(sent, tok, text)
    return content


def _content_from_children(children, text, exclude) -> list[tuple[int, int]]:
    if not children:
        return []
    lo = min(c.left_edge.idx for c in children)
    hi = max(c.right_edge.idx + len(c.right_edge.text) for c in children)
    pieces = subtract_spans((lo, hi), exclude)
    out = []
    for p in pieces:
        t = trim_span(text, p, strip_that=True)
        if t:
            out.append(t)
    return out


def _adjacent_quote(sent, tok, depth, text, exclude) -> list[tuple[int, int]]:
    """For '“...,” he said' parses without a ccomp: the quotations of the sentence outside the source."""
    spans = quote_spans(text, depth, sent.start_char, sent.end_char)
    out = []
    for s, e in spans:
        if depth[tok.idx] and depth[tok.idx] >= depth[s]:
            continue
        if any(hs <= s and e <= he for hs, he in exclude if hs is not None):
            continue
        out.append((s, e))
    return out


def _quote_only_content(content, tok, src_toks, depth, text):
    """'“...”, where the fighting is, Mr Kirby said': before a post-posed cue, only the quotation is content;
    'published a statement from X: “...”': after a colon lead-in, only the quotation is."""
    if not content:
        return content
    s0 = content[0][0]
    cue_depth = depth[tok.idx]
    if src_toks and src_toks[0].idx > s0 and depth[s0] > cue_depth and content[-1][1] <= tok.idx:
        quoted = [q for c in content for q in quote_spans(text, depth, c[0], c[1])]
        if quoted:
            return quoted
    out = []
    for s, e in content:
        m = re.search(r":\s*[“\"]", text[s:e])
        if m and cue_depth == 0:
            t = trim_span(text, (s + m.start() + 1, e))
            if t:
                out.append(t)
                continue
        out.append((s, e))
    return out


def colon_content(sent, tok, text) -> list[tuple[int, int]]:
    """Content across a colon: what follows the colon when the cue precedes it, else what precedes it."""
    colon = next((t for t in sent if t.text == ":"), None)
    if colon is None:
        return []
    span = (colon.idx + 1, sent.end_char) if colon.i > tok.i else (sent.start_char, colon.idx)
    t = trim_span(text, span)
    return [t] if t else []
