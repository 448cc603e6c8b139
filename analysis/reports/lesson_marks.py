"""Marked text for the lesson, readable in black and white: every mark is bold, has its own
underline (wavy for hedges, double for boosters, solid for sources), its own brackets at its true
ends ([hedge], {booster}, <source>), and a lettered reference (H1, B1, S1) after it. Reporting
words of sources are in italics with a dotted underline. A mark cut by a line end gets its opening
bracket on the first line and its closing bracket and reference on the last. All text is escaped.
"""

from __future__ import annotations

import html

from analysis.reports.lesson_lines import Line
from analysis.reports.lesson_passages import Answer, Passage
from analysis.reports.marks import Span

BRACKETS = {"hedge": ("[", "]"), "booster": ("{", "}"), "source": ("\u27e8", "\u27e9"), "cue": ("", "")}


def _esc(text) -> str:
    return html.escape(str(text), quote=True)


def answer_spans(answers, cues: bool = True) -> list[Span]:
    """The spans of a passage's answers, and of the sources' reporting words (``cues``)."""
    spans = [Span(a.start, a.end, a.kind, a.ref, f"{a.kind} {a.ref}: {a.detail}") for a in answers]
    if cues:
        spans += [
            Span(a.cue_start, a.cue_end, "cue", "", f"reporting word of {a.ref}")
            for a in answers
            if a.kind == "source" and a.cue_start is not None and (a.cue_start, a.cue_end) != (a.start, a.end)
        ]
    return spans


def marked(text: str, offset: int, spans: list[Span]) -> str:
    """``text`` (starting at ``offset`` of the spans' text) with the spans that touch it marked."""
    end = offset + len(text)
    inside = [s for s in spans if s.start < end and s.end > offset]
    cuts = sorted({offset, end, *(max(s.start, offset) for s in inside), *(min(s.end, end) for s in inside)})
    out = []
    for point, nxt in zip(cuts, cuts[1:]):
        out.append(_closings(inside, point) + _openings(inside, point))
        piece = _esc(text[point - offset : nxt - offset])
        active = [s for s in inside if s.start <= point and s.end >= nxt]
        if active:
            classes = " ".join(sorted({"mk"} | {f"mk-{s.role}" for s in active}))
            piece = f"<span class='{classes}'>{piece}</span>"
        out.append(piece)
    out.append(_closings(inside, end))
    return "".join(out)


def _closings(spans: list[Span], point: int) -> str:
    out = []
    for span in sorted((s for s in spans if s.end == point), key=lambda s: -s.start):
        close = BRACKETS[span.role][1]
        out.append((f"<span class='mk-br'>{close}</span>" if close else "") + _ref(span))
    return "".join(out)


def _ref(span: Span) -> str:
    return f"<sup class='mk-ref'>{_esc(span.ref)}</sup>" if span.ref else ""


def _openings(spans: list[Span], point: int) -> str:
    opens = [BRACKETS[s.role][0] for s in sorted(spans, key=lambda s: -s.end) if s.start == point]
    return "".join(f"<span class='mk-br'>{o}</span>" for o in opens if o)


def numbered_lines(passage: Passage, marks: bool) -> str:
    """The passage as numbered lines, its answers marked when ``marks``."""
    spans = answer_spans(passage.answers) if marks else []
    return "<div class='lesson-lines'>" + "".join(_line(line, spans) for line in passage.lines) + "</div>"


def _line(line: Line, spans: list[Span]) -> str:
    return (
        f"<div class='lesson-line'><span class='lesson-ln'>{line.number}</span>"
        f"<span class='lesson-lt'>{marked(line.text, line.start, spans)}</span></div>"
    )


def answer_line(passage: Passage, answer: Answer) -> str:
    """One answer as the key lists it, named by passage ("2.H1"; "E.H1" in the worked example) so
    that no two passages share a line (plain text; the tests look for exactly this)."""
    what = answer.detail.replace("_", " ")
    cue = f", reporting word \u201c{answer.cue_text}\u201d" if answer.kind == "source" and answer.cue_text else ""
    name = f"{passage.number or 'E'}.{answer.ref}"
    return f"{name} \u201c{answer.text}\u201d, line {answer.line} ({what}{cue})"
