"""What one lesson holds, chosen from an analysed corpus: the exercise passages, a worked example,
short examples for the introduction, the claim compared across outlets, the timings of a 45-minute
class, and why any part is shorter than planned. Everything is a function of the analysis (and
the claims table), so the same corpus always gives the same lesson."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from analysis.reports.lesson_claims import ClaimChoice, choose_claim
from analysis.reports.lesson_passages import Passage, candidates, choose, readable

EXERCISES = 5  # passages wanted (4-6 make a full part)
FULL = 4  # fewer than this: the lesson says the exercises are short
MINUTES = {"intro": 5, "what": 8, "claim": 10, "exercises": 12, "check": 4, "discussion": 6}
EXAMPLE_WORDS = 35  # introduction examples are sentences of at most this many words
PARTS = ("what", "claim", "exercises", "check", "discussion")


@dataclass(frozen=True)
class Example:
    """A sentence of the corpus with one marked stretch, for the introduction."""

    kind: str  # hedge, booster, source
    outlet: str
    text: str
    start: int  # the mark, as offsets in ``text``
    end: int
    detail: str


@dataclass
class Lesson:
    exercises: list[Passage]
    worked: Passage | None
    examples: list[Example]
    claim: ClaimChoice | None
    notes: dict[str, str] = field(default_factory=dict)  # part -> why it is shorter or left out
    analysis: object = None

    @property
    def timings(self) -> dict[str, int]:
        """Minutes per part; a part left out gives its minutes to the discussion."""
        minutes = dict(MINUTES)
        for part in ("claim", "exercises", "check"):
            if part in self.notes and not self.has(part):
                minutes["discussion"] += minutes.pop(part)
        return minutes

    def has(self, part: str) -> bool:
        return {"claim": self.claim is not None, "exercises": bool(self.exercises), "check": self.worked is not None}[
            part
        ]

    def passage(self, number: int) -> Passage:
        """Exercise ``number`` (1..), or the worked example (0)."""
        for p in [*self.exercises, *([self.worked] if self.worked else [])]:
            if p.number == number:
                return p
        raise KeyError(f"no passage {number}: the exercises are 1-{len(self.exercises)}")

    def summary(self) -> pd.DataFrame:
        """One row per passage: where it comes from and how many of each kind it holds."""
        rows = [
            {
                "passage": p.number,
                "doc_id": p.doc_id,
                "outlet": p.outlet,
                "sentences": f"{p.sentence_ids[0]}-{p.sentence_ids[-1]}",
                "words": p.words,
                "n_hedges": len(p.of_kind("hedge")),
                "n_boosters": len(p.of_kind("booster")),
                "n_sources": len(p.of_kind("source")),
            }
            for p in [*([self.worked] if self.worked else []), *self.exercises]
        ]
        columns = ["passage", "doc_id", "outlet", "sentences", "words", "n_hedges", "n_boosters", "n_sources"]
        return pd.DataFrame(rows, columns=columns)


def plan_lesson(analysis, claims: pd.DataFrame | None = None, exercises: int = EXERCISES) -> Lesson:
    """The lesson for an analysed corpus; ``claims``: its claim groups (see ``lesson_claims``)."""
    found = candidates(analysis)
    chosen = choose(found, exercises)
    worked = next(iter(choose(found, 1, tuple(chosen), first=0)), None)
    notes = {}
    if len(chosen) < FULL:
        mixed = sum(p.mixed for p in found)
        notes["exercises"] = (
            f"This corpus gave only {len(chosen)} passage{'' if len(chosen) == 1 else 's'} for the exercises "
            f"(wanted {exercises}): a passage is 2-4 whole sentences of one article, 40-120 words, with at "
            f"least one hedge, booster or source the detectors found ({len(found)} such passages, "
            f"{mixed} with both a cue and a source, many overlapping)."
        )
    if worked is None:
        notes["check"] = "No passage was left over for a worked example of check(); try it on the exercises."
    used = {(p.doc_id, s) for p in [*chosen, *([worked] if worked else [])] for s in p.sentence_ids}
    claim, why = choose_claim(claims, used)
    if claim is None:
        notes["claim"] = f"Part 2 is left out: {why}."
    return Lesson(chosen, worked, examples(analysis, used), claim, notes, analysis)


def examples(analysis, used: set, per_kind: int = 3) -> list[Example]:
    """Short sentences, outside the passages, each showing one hedge, booster or source: different
    categories (or source types) first, then the shortest sentences, then doc_id and position."""
    sentences = analysis.sentences
    outlets = dict(zip(analysis.documents["doc_id"], analysis.documents["outlet"].astype(str)))
    rows = {
        (r.doc_id, int(r.sentence_id)): r
        for r in sentences.itertuples(index=False)
        if readable(r) and int(r.n_words) <= EXAMPLE_WORDS and (r.doc_id, int(r.sentence_id)) not in used
    }
    found = []
    for c in analysis.cues.itertuples(index=False) if len(analysis.cues) else ():
        row = rows.get((c.doc_id, int(c.sentence_id)))
        if row is not None:
            kind = "booster" if c.category == "booster" else "hedge"
            found.append((kind, str(c.category), row, int(c.start), int(c.end)))
    for a in analysis.attributions.itertuples(index=False) if len(analysis.attributions) else ():
        row = rows.get((a.doc_id, int(a.sentence_id)))
        if row is not None and pd.notna(a.source_start) and int(row.start) <= int(a.source_start) < int(row.end):
            end = min(int(a.source_end), int(row.end))
            found.append(("source", str(a.source_type), row, int(a.source_start), end))
    found.sort(key=lambda f: (f[0], int(f[2].n_words), str(f[2].doc_id), int(f[2].sentence_id), f[3]))
    picked: list[Example] = []
    for kind in ("hedge", "booster", "source"):
        mine = [f for f in found if f[0] == kind]
        seen_details, seen_rows = set(), set()
        for fresh in (True, False):  # new categories first, then any
            for _, detail, row, s, e in mine:
                key = (row.doc_id, int(row.sentence_id))
                if len([p for p in picked if p.kind == kind]) >= per_kind or key in seen_rows:
                    continue
                if fresh and detail in seen_details:
                    continue
                seen_details.add(detail)
                seen_rows.add(key)
                text = str(row.text).replace("\n", " ")
                o = int(row.start)
                picked.append(Example(kind, outlets.get(row.doc_id, ""), text, s - o, e - o, detail))
    return picked
