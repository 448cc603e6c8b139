"""One sentence of the article view as escaped HTML: its text with the findings marked, its
bare-assertion bar and badge, and the footnotes of the findings first seen in it.

Overlapping spans are handled by cutting the sentence at every span boundary and giving each piece
the classes and hover titles of all spans that cover it. Content spans get angle brackets at their
true ends, and every span is followed by its lettered reference (H3, A4, S4, C4), so the marks
survive a black-and-white print. All text from the data is escaped.
"""

from __future__ import annotations

import html

from analysis.reports.marks import Finding, Span

CSS = {"hedge": "nh-hedge", "booster": "nh-booster", "cue": "nh-cue", "source": "nh-source", "content": "nh-content"}
BARE_TITLE = "Bare assertion: the writer's own voice, not a question, with no attribution, no hedge and not in quotes"
KEYFACT_TITLE = "Key claim stated as fact: a bare assertion of the story's key claim"


def _esc(text) -> str:
    return html.escape(str(text), quote=True)


def _closings(clipped: list[tuple[Span, bool, bool]], point: int) -> str:
    """Closing brackets and references of the spans that end, in this sentence, at ``point``
    (innermost first); a bracket only where the content really ends."""
    out = []
    for span, _, closes in sorted((c for c in clipped if c[0].end == point), key=lambda c: -c[0].start):
        if span.role == "content" and closes:
            out.append("<span class='nh-br'>\u27e9</span>")
        out.append(f"<sup class='nh-ref'>{_esc(span.ref)}</sup>")
    # kept together so a reference never starts a line on its own
    return f"<span class='nh-end'>{''.join(out)}</span>" if out else ""


def _openings(clipped: list[tuple[Span, bool, bool]], point: int) -> str:
    """Opening brackets of the content spans that really start at ``point``."""
    n = sum(1 for span, opens, _ in clipped if span.start == point and span.role == "content" and opens)
    return "<span class='nh-br'>\u27e8</span>" * n


def marked_text(text: str, start: int, spans: list[Span]) -> str:
    """A sentence's raw text (beginning at raw offset ``start``) with ``spans`` marked, escaped."""
    end = start + len(text)
    clipped = [
        (Span(max(s.start, start), min(s.end, end), s.role, s.ref, s.title), s.start >= start, s.end <= end)
        for s in spans
        if s.start < end and s.end > start
    ]
    inside = [c[0] for c in clipped]
    cuts = sorted({start, end, *(s.start for s in inside), *(s.end for s in inside)})
    out = []
    for point, nxt in zip(cuts, [*cuts[1:], None]):
        out.append(_closings(clipped, point) + _openings(clipped, point))
        if nxt is None:
            break
        piece = _esc(text[point - start : nxt - start])
        active = [s for s in inside if s.start <= point and s.end >= nxt]
        if not active:
            out.append(piece)
            continue
        classes = " ".join(sorted({CSS[s.role] for s in active}))
        titles = "; ".join(dict.fromkeys(s.title for s in active))
        out.append(f"<span class='{classes}' title='{_esc(titles)}'>{piece}</span>")
    return "".join(out)


def sentence_block(row, spans: list[Span], new_findings: list[Finding], bare: bool, key_claim: str | None) -> str:
    """One sentence (a row of the sentences table) with its marks, its bar and badge, and the
    footnotes of ``new_findings`` (those first seen in it)."""
    classes, badges, title = ["nh-s"], [], ""
    if bool(getattr(row, "in_quote", False)):
        classes.append("nh-quoted")
        badges.append("<span class='nh-badge'>in quotes</span>")
    if key_claim is not None:
        classes += ["nh-bare", "nh-keyfact"]
        badges.append(f"<span class='nh-badge nh-keyfact'>key claim stated as fact: {_esc(key_claim)}</span>")
        title = f"{KEYFACT_TITLE} ({key_claim})"
    elif bare:
        classes.append("nh-bare")
        badges.append("<span class='nh-badge'>bare assertion</span>")
        title = BARE_TITLE
    start, end = int(row.start), int(row.end)
    paragraph = getattr(row, "paragraph", "?")
    where = "headline" if bool(getattr(row, "is_headline", False)) else f"\u00b6{paragraph}"
    sid = f"<span class='nh-sid'>s{_esc(row.sentence_id)} \u00b7 {_esc(where)} \u00b7 chars {start}\u2013{end}</span>"
    notes = "".join(f"<li><b>{_esc(f.label)}</b> {_esc(f.note)}</li>" for f in new_findings)
    return (
        f"<div class='{' '.join(classes)}'" + (f" title='{_esc(title)}'" if title else "") + ">"
        f"<p>{sid}{''.join(badges)}{marked_text(str(row.text), start, spans)}</p>"
        + (f"<ul class='nh-notes'>{notes}</ul>" if notes else "")
        + "</div>"
    )
