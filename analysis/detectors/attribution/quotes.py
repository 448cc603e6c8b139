"""Quotations in attribution: quote depth, direct/indirect/mixed content, quote-only lead-ins
('Kirby: “...”') and quotation sentences that continue the previous attribution."""

from __future__ import annotations

import re

from analysis.detectors.attribution.records import QUOTE_CHARS, Record, trim_span
from analysis.detectors.attribution.rules import COLON_LEAD_IN, FOLLOW_ON_QUOTE


def content_mode(spans: list[tuple[int, int]], depth: list[int], text: str, cue_depth: int) -> str:
    """direct when every content word is quoted beyond the cue's own quote level, indirect when none is."""
    if all(max(depth[s:e], default=0) <= cue_depth for s, e in spans):
        return "indirect"  # nothing quoted beyond the cue's level (most content): no character to count
    inside = outside = 0
    for s, e in spans:
        for ch, level in zip(text[s:e], depth[s:e]):
            if not ch.isalnum():
                continue
            if level > cue_depth:
                inside += 1
            else:
                outside += 1
    if inside and not outside:
        return "direct"
    if inside and outside:
        return "mixed"
    return "indirect"


def quote_spans(text: str, depth: list[int], start: int, end: int) -> list[tuple[int, int]]:
    """Maximal spans of depth > 0 inside [start, end), without the quote marks."""
    spans, i = [], start
    while i < end:
        if depth[i] > 0:
            j = i
            while j < end and depth[j] > 0:
                j += 1
            s, e = i, j
            while s < e and (text[s] in QUOTE_CHARS or text[s].isspace()):
                s += 1
            while e > s and (text[e - 1] in QUOTE_CHARS or text[e - 1] in " ,."):
                e -= 1
            if e > s:
                spans.append((s, e))
            i = j
        else:
            i += 1
    return spans


_COLON_SOURCE_THEN_QUOTE = re.compile(r"^(?P<src>[A-Z][^“\":–—]{1,60}?)\s*(?P<cue>[:–—])\s*[“\"](?P<q>.+?)[”\"]?\s*$")
_COLON_QUOTE_THEN_SOURCE = re.compile(
    r"^[“\"](?P<q>.+?)[”\"]\s*(?P<cue>[:–—])\s*(?P<src>[A-Z][^“\":–—,.]{1,60}?)(?:\s+[–—-]\s.*)?$"
)


def colon_records(sent_text: str, offset: int, text: str, looks_like_source) -> list[Record]:
    for rx in (_COLON_QUOTE_THEN_SOURCE, _COLON_SOURCE_THEN_QUOTE):
        m = rx.match(sent_text)
        if not m:
            continue
        src_text = m.group("src").strip()
        if len(src_text.split()) > 7 or not looks_like_source(src_text):
            continue
        s = offset + m.start("src")
        src = (s, s + len(src_text))
        q = trim_span(text, (offset + m.start("q"), offset + m.end("q")))
        cue = (offset + m.start("cue"), offset + m.end("cue"))
        kind = "colon" if m.group("cue") == ":" else "dash"
        return [
            Record(
                cue,
                m.group("cue"),
                kind,
                None,
                COLON_LEAD_IN,
                source=src,
                content=[q] if q else [],
                source_head=src_text.split()[-1].lower(),
            )
        ]
    return []


def add_follow_on_quotes(records: list[Record], parsed, depth, settings) -> None:
    """A sentence made only of a quotation, right after a sentence with a direct/mixed record, continues it."""
    if not settings.rule_enabled(FOLLOW_ON_QUOTE) or not records:
        return
    text = parsed.clean.text
    by_sentence: dict[int, list[Record]] = {}
    for rec in records:
        by_sentence.setdefault(parsed.sentence_id(rec.cue[0]), []).append(rec)
    last: Record | None = None
    for sid, sent in enumerate(parsed.sentences):
        if sid in by_sentence:
            recs = [r for r in by_sentence[sid] if r.mode in ("direct", "mixed") and depth[r.cue[0]] == 0]
            last = recs[0] if recs else None
            continue
        body = sent.text.strip()
        starts_quoted = body[:1] in '“"'
        words = [i for i in range(sent.start_char, sent.end_char) if text[i].isalnum()]
        all_quoted = words and all(depth[i] > 0 for i in words)
        if last is not None and starts_quoted and all_quoted:
            span = trim_span(text, (sent.start_char, sent.end_char))
            if span:
                last.content.append(span)
            continue
        last = None
