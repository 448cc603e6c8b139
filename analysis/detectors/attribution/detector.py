"""Attribution extraction (ANNOTATION.md section 2): who is cited, how, and with which stance.

``find_attributions(parsed, settings)`` returns one row per attribution cue with RAW offsets.
Parse mode reads the dependency tree (subject, clausal complement, agent, "according to" object);
fast mode, which has no tags, falls back to word forms and word-order patterns ("X said",
"said X", "according to X"). Source type, anonymity, side and entity clustering work on the
source text with the word lists of ``data/source_cues.yaml`` in both modes.

Context rules (names for ``Settings.disabled_rules``) are data: ``data/attribution_rules.yaml``,
registered once in ``rules``; ``RULES`` here maps each rule name to its description.

Modules, from the base up: ``lexicon`` (data files), ``rules``, ``records`` (the record, span
helpers), ``quotes``, ``sources`` (source type, side) and ``source_resolution`` (pronouns, names
elsewhere, entities), the two extraction modes ``parse`` (with ``parse_phrases``,
``parse_content``, ``parse_voices``, ``parse_nouns``) and ``fast`` (with ``fast_phrases``,
``fast_patterns``), then this one: de-duplication, classification, nesting and the rows.
"""

from __future__ import annotations

import heapq

from analysis.detectors.attribution.fast import fast_mode_records
from analysis.detectors.attribution.lexicon import load_reporting_lexicon, load_source_cues
from analysis.detectors.attribution.parse import parse_mode_records
from analysis.detectors.attribution.quotes import add_follow_on_quotes, content_mode
from analysis.detectors.attribution.records import Record
from analysis.detectors.attribution.rules import NESTED_PARENT, rule_descriptions
from analysis.detectors.attribution.sides import side_of
from analysis.detectors.attribution.source_resolution import cluster_entities, entity_label, resolve_sources
from analysis.settings import Settings

RULES = rule_descriptions()  # rule name -> description, for every registered rule

COLUMNS = [
    "doc_id",
    "attribution_id",
    "sentence_id",
    "paragraph",
    "cue_start",
    "cue_end",
    "cue_text",
    "cue_lemma",
    "cue_kind",
    "negated",
    "source_start",
    "source_end",
    "source_text",
    "resolved",
    "entity",
    "source_type",
    "anonymous",
    "anonymity_marker",
    "stance",
    "mode",
    "content_spans",
    "content_text",
    "addressee_text",
    "addressee_start",
    "addressee_end",
    "parent_id",
    "side",
    "side_name",
    "in_quote",
    "rule",
]


def _parents(records: list[Record], settings) -> None:
    """Each record's parent: the record with the smallest content holding its cue (ties: the
    earlier record), else the record whose cue token governs its 'citing'/'according to'.

    A sweep over the records in cue order keeps only the content spans that reach the current
    cue, so a long document costs O(n log n), not O(n^2)."""
    if not settings.rule_enabled(NESTED_PARENT):
        return
    no_content = 10**9
    sizes = [sum(e - s for s, e in rec.content) for rec in records]
    spans = sorted((s, e, j) for j, rec in enumerate(records) for s, e in rec.content)
    by_head: dict[int, list[int]] = {}
    for j, rec in enumerate(records):
        if rec.head_token is not None:
            by_head.setdefault(rec.head_token.i, []).append(j)
    reaching: list[tuple[int, int, int]] = []  # heap of (end, start, record) of spans started so far
    k = 0
    for i in sorted(range(len(records)), key=lambda n: records[n].cue):
        rec = records[i]
        cue_start, cue_end = rec.cue
        while k < len(spans) and spans[k][0] <= cue_start:
            s, e, j = spans[k]
            heapq.heappush(reaching, (e, s, j))
            k += 1
        while reaching and reaching[0][0] < cue_start:  # ends before this cue, so before every later one
            heapq.heappop(reaching)
        candidates = {j: sizes[j] for e, _s, j in reaching if j != i and cue_end <= e}
        if rec.parent_token is not None and rec.lemma in ("cite", "according to"):
            for j in by_head.get(rec.parent_token.i, ()):
                if j != i and records[j].source != rec.source:
                    candidates.setdefault(j, no_content)
        if candidates:
            rec.parent = min(candidates, key=lambda j: (candidates[j], j))


def _share_nested_content(records: list[Record]) -> None:
    """A cue whose that-clause went to its nested 'citing' record shares that content."""
    for rec in records:
        if rec.parent is not None and rec.lemma == "cite":
            parent = records[rec.parent]
            if not parent.content:
                parent.content = list(rec.content)


def find_attribution_records(parsed, settings: Settings) -> list[Record]:
    """Records in clean offsets."""
    lexicon = load_reporting_lexicon(settings.reporting_verbs)
    cues = load_source_cues(settings.source_cues, settings.story)
    text = parsed.clean.text
    depth = parsed.quote_depth
    if settings.mode == "parse":
        records = parse_mode_records(parsed, settings, lexicon, cues, depth)
    else:
        records = fast_mode_records(parsed, settings, lexicon, cues, depth)
    # one record per cue span; keep the first
    # Sorted by start, a cue overlaps a kept one iff the furthest kept end is past its start.
    kept_end, unique = None, []
    for rec in sorted(records, key=lambda r: (r.cue[0], r.cue[1])):
        if kept_end is not None and kept_end > rec.cue[0]:
            continue
        kept_end = rec.cue[1] if kept_end is None else max(kept_end, rec.cue[1])
        unique.append(rec)
    records = unique
    for rec in records:
        rec.stance = rec.entry.stance if rec.entry else "neutral"
        rec.content = sorted({c for c in rec.content if c and c[1] > c[0]})
        rec.mode = content_mode(rec.content, depth, text, depth[rec.cue[0]])  # add_follow_on_quotes reads it
    resolve_sources(records, text, cues, settings)
    add_follow_on_quotes(records, parsed, depth, settings)
    for rec in records:
        src_text = text[rec.source[0] : rec.source[1]] if rec.source else ""
        rec.entity = entity_label(rec, src_text, cues)
        rec.side, rec.side_name = side_of(src_text, rec.resolved, rec.source_type, cues)
    cluster_entities(records)
    _parents(records, settings)
    _share_nested_content(records)
    for rec in records:
        rec.mode = content_mode(rec.content, depth, text, depth[rec.cue[0]])
    return records


def find_attributions(parsed, settings: Settings) -> list[dict]:
    """One row per attribution with RAW offsets (see ``COLUMNS``)."""
    depth = parsed.quote_depth
    records = find_attribution_records(parsed, settings)
    raw = parsed.raw
    rows = []
    for n, rec in enumerate(records):
        cs, ce = parsed.raw_span(*rec.cue)
        ss, se = parsed.raw_span(*rec.source) if rec.source else (None, None)
        spans = [list(parsed.raw_span(s, e)) for s, e in rec.content]
        a_s, a_e = parsed.raw_span(*rec.addressee) if rec.addressee else (None, None)
        rows.append(
            {
                "doc_id": parsed.doc_id,
                "attribution_id": n,
                "sentence_id": parsed.sentence_id(rec.cue[0]),
                "paragraph": parsed.paragraph(rec.cue[0]),
                "cue_start": cs,
                "cue_end": ce,
                "cue_text": raw[cs:ce],
                "cue_lemma": rec.lemma,
                "cue_kind": rec.kind,
                "negated": bool(rec.negated),
                "source_start": ss,
                "source_end": se,
                "source_text": raw[ss:se] if ss is not None else None,
                "resolved": rec.resolved,
                "entity": rec.entity,
                "source_type": rec.source_type,
                "anonymous": bool(rec.anonymous),
                "anonymity_marker": rec.marker,
                "stance": rec.stance,
                "mode": rec.mode,
                "content_spans": spans,
                "content_text": " … ".join(raw[s:e] for s, e in spans),
                "addressee_text": raw[a_s:a_e] if a_s is not None else None,
                "addressee_start": a_s,
                "addressee_end": a_e,
                "parent_id": rec.parent,
                "side": rec.side,
                "side_name": rec.side_name,
                "in_quote": depth[rec.cue[0]] > 0,
                "rule": rec.rule,
            }
        )
    return rows
