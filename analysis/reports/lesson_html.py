"""The lesson as HTML, one function per part, for a student handout (``audience="student"``: no
answers, space to write) or a teacher's key (``"teacher"``: answers marked and listed, expected
discussion points, timings). Every part is a ``<div class="lesson">``; ``header`` carries the
style. All text from the corpus is escaped."""

from __future__ import annotations

import html

import pandas as pd

from analysis.reports import lesson_text as words
from analysis.reports.lesson_check import check
from analysis.reports.lesson_claims import how_sure, who_says
from analysis.reports.lesson_marks import answer_line, marked, numbered_lines
from analysis.reports.lesson_plan import Lesson
from analysis.reports.marks import Span

AUDIENCES = ("student", "teacher")
PART_TITLES = {
    "what": "1. Hedges, boosters and sources",
    "claim": "2. One claim, several outlets",
    "exercises": "3. Exercises: mark the hedges and the sources",
    "check": "4. Checking your answers with check()",
    "discussion": "5. Discussion and glossary",
}
KIND_NAMES = {"hedge": "Hedges", "booster": "Boosters", "source": "Sources"}


def _esc(text) -> str:
    return html.escape(str(text), quote=True)


def _key(audience: str) -> bool:
    if audience not in AUDIENCES:
        raise ValueError(f"audience must be one of {AUDIENCES}, not {audience!r}")
    return audience == "teacher"


def _wrap(body: str) -> str:
    return f"<div class='lesson'>{body}</div>"


def _heading(lesson: Lesson, part: str, key: bool) -> str:
    minutes = f" ({lesson.timings.get(part, 0)} min)" if key and part in lesson.timings else ""
    return f"<h2>{_esc(PART_TITLES[part] + minutes)}</h2>"


def _writing(n: int = 1) -> str:
    return "<div class='lesson-write'></div>" * n


def _why(lesson: Lesson, part: str) -> str:
    note = lesson.notes.get(part)
    return f"<p class='lesson-why'>{_esc(note)}</p>" if note else ""


def header(lesson: Lesson, audience: str) -> str:
    """Title, what the lesson is made from; a name line (handout) or timings and legend (key)."""
    key = _key(audience)
    docs = lesson.analysis.documents
    source = f"Made from {len(docs)} articles by {docs['outlet'].nunique()} outlets of the corpus."
    parts = [words.STYLE]  # the notebook's first cell is the title
    parts.append(
        f"<p class='lesson-meta'><strong>{'Teacher' + chr(39) + 's key' if key else 'Student handout'}"
        f"</strong> \u00b7 {_esc(source)}</p>"
    )
    if not key:
        parts.append("<p class='lesson-ask'>Name:</p>" + _writing() + "<p class='lesson-ask'>Date:</p>" + _writing())
        return _wrap("".join(parts))
    rows = "".join(
        f"<tr><td>{_esc(PART_TITLES.get(p, 'Introduction'))}</td><td>{m} min</td></tr>"
        for p, m in lesson.timings.items()
    )
    total = sum(lesson.timings.values())
    parts.append(
        f"<table class='lesson-times'><tr><th>Part</th><th>Time</th></tr>{rows}"
        f"<tr><th>Total</th><th>{total} min</th></tr></table>"
    )
    parts.append(
        "<p class='lesson-key-note'>Answers are the detectors' findings, in bold: [hedge]H1 with a wavy "
        "underline, {booster}B1 with a double underline, \u27e8source\u27e9S1 with a solid underline; a "
        "source's reporting word is in italics with a dotted underline. In the lists, 2.H1 is hedge 1 of "
        "passage 2 (E: the worked example). The detectors can be wrong: a "
        "student who disagrees with a good reason is right to.</p>"
    )
    parts += [_why(lesson, p) for p in ("claim", "exercises", "check")]
    return _wrap("".join(parts))


def part_what(lesson: Lesson, audience: str) -> str:
    key = _key(audience)
    parts = [_heading(lesson, "what", key), f"<p>{_esc(words.WHY)}</p><dl class='lesson-gloss'>"]
    parts += [f"<dt>{_esc(t)}</dt><dd>{_esc(d)}</dd>" for t, d in words.DEFINITIONS]
    parts.append("</dl><p>Hedges come in kinds:</p><ul>")
    parts += [f"<li><strong>{_esc(c)}</strong>: {_esc(w)}</li>" for c, w in words.CATEGORY_WORDS.items()]
    parts.append("</ul>")
    if lesson.examples:
        parts.append("<h3>Examples from the corpus</h3><ul>")
        for ex in lesson.examples:
            detail = words.source_kind(ex.detail) if ex.kind == "source" else ex.detail
            text = marked(ex.text, 0, [Span(ex.start, ex.end, ex.kind, "", "")])
            parts.append(
                f"<li>{text} <span class='lesson-meta'>({_esc(ex.kind)}: {_esc(detail)}; {_esc(ex.outlet)})</span></li>"
            )
        parts.append("</ul>")
    if lesson.worked is not None:
        parts.append(_passage_box(lesson, lesson.worked, marks=True, title="Worked example"))
    if key:
        parts.append(
            "<p class='lesson-key-note'>Read the definitions aloud, then go through the examples and "
            "the worked example line by line: who says so, and how sure does the writer sound?</p>"
        )
    return _wrap("".join(parts))


def _date(lesson: Lesson, doc_id: str) -> str:
    docs = lesson.analysis.documents
    match = docs.loc[docs["doc_id"] == doc_id, "story_date"] if "story_date" in docs.columns else []
    value = match.iloc[0] if len(match) else None
    return "" if value is None or pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d")


def _passage_box(lesson: Lesson, passage, marks: bool, title: str) -> str:
    where = " \u00b7 ".join(x for x in (passage.outlet, _date(lesson, passage.doc_id)) if x)
    body = [
        f"<div class='lesson-box'><h3>{_esc(title)} <span class='lesson-meta'>{_esc(where)}</span></h3>",
        numbered_lines(passage, marks),
    ]
    if marks:
        body.append(_answer_list(passage))
    return "".join(body) + "</div>"


def _answer_list(passage) -> str:
    """The answers, one a line, by kind ("none" for a kind the passage has none of)."""
    items = []
    for kind, name in KIND_NAMES.items():
        found = passage.of_kind(kind)
        listed = "".join(f"<li>{_esc(answer_line(passage, a))}</li>" for a in found) or "<li>none</li>"
        items.append(f"<li><strong>{name}:</strong><ul>{listed}</ul></li>")
    return f"<ul class='lesson-answers'>{''.join(items)}</ul>"


def part_claim(lesson: Lesson, audience: str) -> str:
    key = _key(audience)
    head = _heading(lesson, "claim", key)
    if lesson.claim is None:
        return _wrap(head + _why(lesson, "claim"))
    claim, shown = lesson.claim, len(lesson.claim.versions)
    outlets = (
        f"{shown} of the {claim.n_outlets} outlets that carry it" if claim.n_outlets > shown else f"{shown} outlets"
    )
    head += f"<p>The same claim, as reported by {outlets}. For each version, answer the two questions.</p>"
    if key:
        head += f"<p class='lesson-meta'>Claim {_esc(claim.claim_id)} of the claims table (report 09).</p>"
    boxes = [_version_box(lesson, version, key) for version in lesson.claim.versions]
    rows = [f"<div class='lesson-grid'>{''.join(boxes[i : i + 2])}</div>" for i in range(0, len(boxes), 2)]
    return _wrap(_keep(head + rows[0]) + "".join(rows[1:]))


def _keep(body: str) -> str:
    """A part's heading kept on one page with what follows it."""
    return f"<div class='lesson-keep'>{body}</div>"


def _version_box(lesson: Lesson, version, key: bool) -> str:
    spans, source = _sentence_spans(lesson, version) if key else ([], "")
    box = (
        f"<div class='lesson-box'><h3>{_esc(version.outlet)} <span class='lesson-meta'>"
        f"{_esc(version.date)}</span></h3><p>{marked(version.text, 0, spans)}</p>"
    )
    if key:
        box += (
            f"<p class='lesson-answer'>Who says so? {_esc(who_says(version, source))}</p>"
            f"<p class='lesson-answer'>How sure? The writer {_esc(how_sure(version))}.</p>"
        )
    else:
        box += "<p class='lesson-ask'>Who says so?</p>" + _writing()
        box += "<p class='lesson-ask'>How sure does the writer sound?</p>" + _writing()
    return box + "</div>"


def _sentence_spans(lesson: Lesson, version) -> tuple[list[Span], str]:
    """The hedges, boosters and sources of one sentence, as offsets in its text; its first source."""
    a = lesson.analysis
    spans, source = [], ""
    cues = a.cues[(a.cues["doc_id"] == version.doc_id) & (a.cues["sentence_id"] == version.sentence_id)]
    for c in cues.itertuples(index=False):
        role = "booster" if c.category == "booster" else "hedge"
        spans.append(Span(int(c.start) - version.start, int(c.end) - version.start, role, "", ""))
    atts = a.attributions
    atts = atts[(atts["doc_id"] == version.doc_id) & (atts["sentence_id"] == version.sentence_id)]
    for r in atts.itertuples(index=False):
        spans.append(Span(int(r.cue_start) - version.start, int(r.cue_end) - version.start, "cue", "", ""))
        if pd.notna(r.source_start) and int(r.source_end) > int(r.source_start):
            spans.append(Span(int(r.source_start) - version.start, int(r.source_end) - version.start, "source", "", ""))
            source = source or str(r.source_text)
    n = len(version.text)
    return [s for s in spans if 0 <= s.start < s.end <= n], source


def part_exercises(lesson: Lesson, audience: str) -> str:
    key = _key(audience)
    parts = [_heading(lesson, "exercises", key), _why(lesson, "exercises")]
    if not lesson.exercises:
        return _wrap("".join(parts))
    parts.append(
        "<p>In each passage, put <strong>[square brackets]</strong> round every hedge, <strong>{curly "
        "brackets}</strong> round every booster, and underline every source (who says so). Then list them "
        "with their line numbers.</p>"
    )
    boxes = []
    for passage in lesson.exercises:
        box = _passage_box(lesson, passage, marks=key, title=f"Passage {passage.number}")
        if not key:
            asks = "".join(
                f"<p class='lesson-ask'>{name} (word and line):</p>" + _writing() for name in KIND_NAMES.values()
            )
            box = box[: -len("</div>")] + asks + "</div>"
        boxes.append(box)
    return _wrap(_keep("".join(parts) + boxes[0]) + "".join(boxes[1:]))


def demo_marks(passage) -> dict:
    """A half-right answer for the worked example: the first hedge, the first source, and a word of
    the passage that is no answer (so the feedback shows all its kinds of message)."""
    hedges, sources = passage.of_kind("hedge")[:1], passage.of_kind("source")[:1]
    taken = {w for a in passage.answers for w in a.text.lower().split()}
    wrong = next(
        (
            w.strip(".,;:\u201c\u201d\"'")
            for w in passage.text.split()
            if len(w.strip(".,;:\u201c\u201d\"'")) >= 6 and w.lower() not in taken
        ),
        None,
    )
    marks = {"hedges": [a.text for a in hedges], "sources": [a.text for a in sources], "boosters": []}
    if wrong:
        marks["hedges"].append(wrong)
    return marks


def part_check(lesson: Lesson, audience: str) -> str:
    key = _key(audience)
    parts = [
        _heading(lesson, "check", key),
        "<p>In the notebook, <code>check()</code> compares your marks with "
        "what the detectors found and tells you where to look again, without giving the answer away:</p>",
    ]
    parts.append('<pre>check(lesson.passage(1), hedges=["may", "about"], sources=["the minister"], boosters=[])</pre>')
    worked = lesson.worked
    if worked is None:
        return _wrap("".join(parts) + _why(lesson, "check"))
    marks = demo_marks(worked)
    call = ", ".join(f"{k}={v!r}" for k, v in marks.items())
    parts.append(
        f"<p>For example, on the worked example of part 1:</p><pre>check(lesson.passage(0), "
        f"{_esc(call)})</pre>{check(worked, **marks)._repr_html_()}"
    )
    if key:
        parts.append(
            "<p class='lesson-key-note'>Students who have the notebook open run check() on each "
            "passage after marking it on paper; the others swap handouts and compare with the key.</p>"
        )
    return _wrap(_keep("".join(parts)))


def part_discussion(lesson: Lesson, audience: str) -> str:
    key = _key(audience)
    parts = [_heading(lesson, "discussion", key), "<ol class='lesson-prompts'>"]
    for prompt, expected in words.PROMPTS:
        parts.append(f"<li><p>{_esc(prompt)}</p>")
        parts.append(f"<p class='lesson-answer'>Expected: {_esc(expected)}</p>" if key else _writing(2))
        parts.append("</li>")
    parts.append("</ol>")
    if key and lesson.claim is not None:
        kinds = sorted({f"{v.outlet}: {how_sure(v)}" for v in lesson.claim.versions})
        parts.append(f"<p class='lesson-answer'>In part 2 of this lesson: {_esc('; '.join(kinds))}.</p>")
    parts.append("<h3>Glossary</h3><dl class='lesson-gloss'>")
    parts += [f"<dt>{_esc(t)}</dt><dd>{_esc(d)}</dd>" for t, d in words.GLOSSARY]
    return _wrap("".join(parts) + "</dl>")


PARTS = {
    "what": part_what,
    "claim": part_claim,
    "exercises": part_exercises,
    "check": part_check,
    "discussion": part_discussion,
}


def lesson_html(lesson: Lesson, audience: str) -> str:
    """The whole lesson, header and five parts, as one HTML string (for tests and previews)."""
    return header(lesson, audience) + "".join(render(lesson, audience) for render in PARTS.values())
