"""Sentences with hedges, boosters and attributions highlighted, as escaped HTML.

Spans come from the tidy tables (raw offsets), so what is highlighted is exactly what the
detectors found. Overlapping spans are handled by cutting the sentence at every span boundary
and giving each piece the classes of all spans that cover it; all text is HTML-escaped.
"""

from __future__ import annotations

import html

import pandas as pd

STYLE = """<style>
.nh-sent{margin:0 0 .45em 0;line-height:1.6;font-family:Georgia,serif;font-size:14px;text-align:left}
.nh-sent .nh-id{color:#888;font-size:11px;font-family:sans-serif;margin-right:.4em}
.nh-hedge{background:#ffe0b2;border-bottom:2px solid #e65100}
.nh-booster{background:#bbdefb;border-bottom:2px solid #0d47a1}
.nh-source{background:#c8e6c9}
.nh-verb{font-weight:bold;color:#4a148c;border-bottom:2px dotted #4a148c}
.nh-legend span{padding:1px 4px;margin-right:.6em;font-family:sans-serif;font-size:12px}
</style>"""
LEGEND = (
    "<p class='nh-legend'><span class='nh-hedge'>hedge</span><span class='nh-booster'>booster</span>"
    "<span class='nh-source'>cited source</span><span class='nh-verb'>reporting verb</span></p>"
)


def spans_from_tables(cues: pd.DataFrame, attributions: pd.DataFrame, doc_id: str) -> list[tuple[int, int, str, str]]:
    """(start, end, css_class, tooltip) in raw offsets for one document."""
    spans: list[tuple[int, int, str, str]] = []
    if not cues.empty and "doc_id" in cues.columns:
        for row in cues[cues["doc_id"] == doc_id].itertuples(index=False):
            category = str(getattr(row, "category", "hedge"))
            css = "nh-booster" if category == "booster" else "nh-hedge"
            spans.append((int(row.start), int(row.end), css, f"{category}: {row.text}"))
    if not attributions.empty and "doc_id" in attributions.columns:
        for row in attributions[attributions["doc_id"] == doc_id].itertuples(index=False):
            stance = getattr(row, "stance", "")
            if pd.notna(getattr(row, "cue_start", None)) and pd.notna(getattr(row, "cue_end", None)):
                spans.append((int(row.cue_start), int(row.cue_end), "nh-verb", f"reporting verb ({stance})"))
            start, end = getattr(row, "source_start", None), getattr(row, "source_end", None)
            if start is not None and end is not None and pd.notna(start) and pd.notna(end) and end > start:
                kind = getattr(row, "source_type", "")
                spans.append((int(start), int(end), "nh-source", f"source ({kind})"))
    return sorted(spans)


def sentence_html(text: str, start: int, spans: list[tuple[int, int, str, str]]) -> str:
    """One sentence (raw text beginning at raw offset ``start``) with the spans marked."""
    end = start + len(text)
    inside = [(max(s, start), min(e, end), css, tip) for s, e, css, tip in spans if s < end and e > start]
    cuts = sorted({start, end, *[s for s, _, _, _ in inside], *[e for _, e, _, _ in inside]})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        piece = html.escape(text[a - start : b - start])
        active = [(css, tip) for s, e, css, tip in inside if s <= a and e >= b]
        if not active:
            out.append(piece)
            continue
        classes = " ".join(sorted({css for css, _ in active}))
        tips = "; ".join(dict.fromkeys(tip for _, tip in active))
        out.append(f"<span class='{classes}' title='{html.escape(tips, quote=True)}'>{piece}</span>")
    return "".join(out)


def highlighted_sentences_html(
    sentences: pd.DataFrame,
    cues: pd.DataFrame,
    attributions: pd.DataFrame,
    doc_id: str,
    only_marked: bool = False,
    limit: int | None = None,
) -> str:
    """A document's sentences with hedges and attributions highlighted.

    only_marked: show only sentences that contain at least one highlighted span.
    limit: at most this many sentences.
    """
    spans = spans_from_tables(cues, attributions, doc_id)
    rows = sentences[sentences["doc_id"] == doc_id].sort_values("sentence_id", kind="mergesort")
    parts, shown = [], 0
    for row in rows.itertuples(index=False):
        start, end = int(row.start), int(row.end)
        marked = any(s < end and e > start for s, e, _, _ in spans)
        if only_marked and not marked:
            continue
        if limit is not None and shown >= limit:
            break
        parts.append(
            f"<p class='nh-sent'><span class='nh-id'>{html.escape(str(row.sentence_id))}</span>"
            f"{sentence_html(str(row.text), start, spans)}</p>"
        )
        shown += 1
    if not parts:
        note = "No sentence with a hedge, booster or attribution." if only_marked else "No sentences."
        parts.append(f"<p class='nh-sent'><em>{note}</em></p>")
    return STYLE + LEGEND + "".join(parts)


def outlet_highlights_html(
    documents: pd.DataFrame,
    sentences: pd.DataFrame,
    cues: pd.DataFrame,
    attributions: pd.DataFrame,
    outlet: str,
    limit: int = 12,
) -> str:
    """For each document of an outlet: a heading and up to ``limit`` sentences with a hedge,
    booster or attribution highlighted."""
    docs = documents[documents["outlet"].astype(str) == outlet].sort_values("doc_id", kind="mergesort")
    parts = []
    for row in docs.itertuples(index=False):
        title = getattr(row, "title", "") or ""
        label = f"{row.doc_id}: {title}" if title else str(row.doc_id)
        parts.append(f"<h4 style='font-family:sans-serif'>{html.escape(label)}</h4>")
        body = highlighted_sentences_html(sentences, cues, attributions, row.doc_id, only_marked=True, limit=limit)
        parts.append(body.replace(STYLE + LEGEND, "", 1))
    if not parts:
        return "<p><em>No documents.</em></p>"
    return STYLE + LEGEND + "".join(parts)
