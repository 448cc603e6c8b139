"""Passages for the lesson's exercises: short runs of sentences with hedges, boosters and sources.

A passage is 2-4 consecutive body sentences of one document, 40-120 words, every sentence ending
like a sentence (no navigation junk), holding at least one finding and at most ``MAX_ANSWERS``.
Its answers are what the detectors found in it: hedge and booster cues, and one source per
attribution (the source span, or the attribution cue when there is no source span). A passage
whose attribution reaches outside it (a source in another sentence) is left out: its answer would
not be on the page. Passages are chosen greedily with a fixed order (mix of kinds first, then new
documents, outlets and kinds, then readable length, then doc_id and sentence id), so the same
corpus always gives the same passages and answers.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import pandas as pd

from analysis.reports.lesson_lines import Line, wrap

MIN_WORDS, MAX_WORDS, IDEAL_WORDS = 40, 120, 80
SIZES = (2, 3, 4)  # sentences per passage
MAX_ANSWERS = 8
ENDINGS = tuple(".!?\"'\u201d\u2019)")


@dataclass(frozen=True)
class Answer:
    """One thing to mark: ``kind`` hedge, booster or source; offsets in the passage's text."""

    kind: str
    number: int  # 1.. within its kind in the passage
    text: str
    start: int
    end: int
    line: int  # 1-based line of the numbered passage
    sentence: int  # 1-based sentence of the passage
    detail: str  # category, or source type
    lemma: str = ""  # the cue's lemma (hedges, boosters) or the resolved speaker (sources)
    cue_text: str = ""  # sources: the attribution cue ("said", "according to")
    cue_start: int | None = None
    cue_end: int | None = None

    @property
    def ref(self) -> str:
        return {"hedge": "H", "booster": "B", "source": "S"}[self.kind] + str(self.number)


@dataclass(frozen=True)
class Passage:
    number: int  # 0 for the worked example, 1.. for the exercises
    doc_id: str
    outlet: str
    sentence_ids: tuple[int, ...]
    text: str
    lines: tuple[Line, ...]
    answers: tuple[Answer, ...]
    words: int
    sentence_starts: tuple[int, ...] = field(default=())  # offset of each sentence in ``text``

    def of_kind(self, kind: str) -> list[Answer]:
        return [a for a in self.answers if a.kind == kind]

    @property
    def kinds(self) -> set[str]:
        return {a.kind for a in self.answers} | {f"source:{a.detail}" for a in self.of_kind("source")}

    @property
    def mixed(self) -> bool:
        return bool(self.of_kind("source")) and bool(self.of_kind("hedge") or self.of_kind("booster"))


def readable(row) -> bool:
    """A body sentence that reads as one: not a headline, four words or more, ends like a sentence."""
    text = str(row.text).strip()
    return not bool(row.is_headline) and int(row.n_words) >= 4 and text.endswith(ENDINGS)


def candidates(analysis) -> list[Passage]:
    """Every suitable passage of the corpus (overlapping ones included), numbered 0."""
    found = []
    sentences = analysis.sentences.sort_values(["doc_id", "sentence_id"], kind="mergesort")
    cues, atts = _by_doc(analysis.cues), _by_doc(analysis.attributions)
    outlets = dict(zip(analysis.documents["doc_id"], analysis.documents["outlet"].astype(str)))
    for doc_id, rows in _by_doc(sentences).items():
        doc_cues, doc_atts = cues.get(doc_id, []), atts.get(doc_id, [])
        for i in range(len(rows)):
            for size in SIZES:
                window = rows[i : i + size]
                if len(window) < size or not _consecutive(window) or not all(readable(r) for r in window):
                    continue
                words = sum(int(r.n_words) for r in window)
                if MIN_WORDS <= words <= MAX_WORDS:
                    passage = build(window, doc_cues, doc_atts, str(doc_id), outlets.get(doc_id, ""))
                    if passage is not None and 0 < len(passage.answers) <= MAX_ANSWERS:
                        found.append(passage)
    return found


def _by_doc(frame: pd.DataFrame) -> dict[str, list]:
    """A table's rows (named tuples, in table order) by document, documents in sorted order: one
    pass over the table, as every passage of a document reads its rows again."""
    found: dict[str, list] = {}
    for row in frame.itertuples(index=False) if len(frame) else ():
        found.setdefault(row.doc_id, []).append(row)
    return dict(sorted(found.items()))


def _consecutive(window) -> bool:
    ids = [int(r.sentence_id) for r in window]
    return ids == list(range(ids[0], ids[0] + len(ids)))


def build(window, cues: list, atts: list, doc_id: str, outlet: str) -> Passage | None:
    """The passage of these sentence rows, with its answers; None when an attribution reaches outside."""
    pieces, starts, raw_starts, position = [], [], [], 0
    for row in window:
        text = str(row.text).replace("\n", " ").replace("\r", " ")
        starts.append(position)
        raw_starts.append(int(row.start))
        pieces.append(text)
        position += len(text) + 1
    text = " ".join(pieces)
    bounds = [(int(r.start), int(r.end)) for r in window]

    def local(raw: int) -> int | None:  # a raw offset as an offset in ``text``
        for n, (s, e) in enumerate(bounds):
            if s <= raw <= e:
                return starts[n] + raw - raw_starts[n]
        return None

    ids = {int(r.sentence_id) for r in window}
    spans = _cue_spans(cues, ids, local)
    sources = _source_spans(atts, ids, bounds, local)
    if sources is None:
        return None
    # lines are not cut inside a cue; long source phrases may be cut
    protected = [(s, e) for _, s, e, *_ in spans] + [(c, d) for *_, c, d in sources if c is not None]
    lines = wrap(text, protected)
    answers = _answers(spans, sources, lines, starts, text)
    words = sum(int(r.n_words) for r in window)
    ids_sorted = tuple(sorted(ids))
    return Passage(0, doc_id, outlet, ids_sorted, text, tuple(lines), answers, words, tuple(starts))


def _cue_spans(cues: list, ids: set, local) -> list[tuple]:
    """One (kind, start, end, category, lemma, ...) per cue row (``_by_doc``) of the passage's sentences."""
    out = []
    for row in (r for r in cues if int(r.sentence_id) in ids):
        s, e = local(int(row.start)), local(int(row.end))
        if s is not None and e is not None and e > s:
            kind = "booster" if str(row.category) == "booster" else "hedge"
            out.append((kind, s, e, str(row.category), str(row.lemma), "", None, None))
    return out


def _source_spans(atts: list, ids: set, bounds, local) -> list[tuple] | None:
    """One (kind, start, end, source type, speaker, cue text, cue start, cue end) per attribution
    whose cue is in the passage; None when one's source, or another sentence's, lies outside it."""
    out = []
    for row in atts:
        ss, se = row.source_start, row.source_end
        has_source = pd.notna(ss) and pd.notna(se) and int(se) > int(ss)
        inside_source = has_source and local(int(ss)) is not None and local(int(se)) is not None
        if int(row.sentence_id) not in ids:
            if has_source and any(int(ss) < e and int(se) > s for s, e in bounds):
                return None  # another sentence's attribution names a source here
            continue
        cs, ce = local(int(row.cue_start)), local(int(row.cue_end))
        if cs is None or ce is None or (has_source and not inside_source):
            return None
        speaker = next((str(v) for v in (row.resolved, row.entity) if isinstance(v, str) and v.strip()), "")
        start, end = (local(int(ss)), local(int(se))) if has_source else (cs, ce)
        out.append(("source", start, end, str(row.source_type), speaker, str(row.cue_text), cs, ce))
    return out


def _answers(spans: list[tuple], sources: list[tuple], lines: list[Line], starts: list[int], text: str):
    items = sorted(spans + sources, key=lambda t: (t[1], t[2], t[0]))
    counts: dict[str, int] = {}
    answers = []
    for kind, s, e, detail, lemma, cue_text, cs, ce in items:
        counts[kind] = counts.get(kind, 0) + 1
        line = next(ln.number for ln in reversed(lines) if ln.start <= s)
        sentence = sum(1 for st in starts if st <= s)
        answers.append(Answer(kind, counts[kind], text[s:e], s, e, line, sentence, detail, lemma, cue_text, cs, ce))
    return tuple(answers)


def _rank(passage: Passage) -> tuple:
    """Better passages sort first: a mix of kinds, more kinds (up to four), about five answers,
    near the ideal length."""
    return (
        not passage.mixed,
        -min(len(passage.kinds), 4),
        abs(len(passage.answers) - 5) // 2,
        abs(passage.words - IDEAL_WORDS) // 10,
        passage.doc_id,
        passage.sentence_ids[0],
    )


def choose(found: list[Passage], count: int, taken: tuple[Passage, ...] = (), first: int = 1) -> list[Passage]:
    """Up to ``count`` passages that overlap neither each other nor ``taken``: at each step the one
    adding a new document, outlet and kinds, then the best by ``_rank``; numbered from ``first``."""
    chosen: list[Passage] = []
    pool = sorted(found, key=_rank)
    while len(chosen) < count:
        picked = [*taken, *chosen]
        free = [p for p in pool if not any(_overlap(p, q) for q in picked)]
        if not free:
            break
        docs, outlets = {p.doc_id for p in picked}, {p.outlet for p in picked}
        kinds = set().union(*(p.kinds for p in picked)) if picked else set()
        best = min(
            free,
            key=lambda p: (not p.mixed, p.doc_id in docs, p.outlet in outlets, -len(p.kinds - kinds), _rank(p)),
        )
        chosen.append(best)
    return [_numbered(p, n) for n, p in enumerate(chosen, start=first)]


def _overlap(a: Passage, b: Passage) -> bool:
    return a.doc_id == b.doc_id and bool(set(a.sentence_ids) & set(b.sentence_ids))


def _numbered(passage: Passage, number: int) -> Passage:
    return replace(passage, number=number)
