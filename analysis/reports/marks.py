"""What the article view marks: the findings of one document, and bare assertions.

A finding is a hedge, a booster or an attribution (its cue, source and content spans), numbered in
order of its first raw offset within the document, so the same finding carries the same number in
the whole-article view and in any chosen subset of sentences. Offsets are raw-text character
offsets (end exclusive), as in the tidy tables, so a reader can go back to the raw file.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.aggregation.sentence_findings import content_pairs, covered_sentences, hedged_sentences, touched

CLOSERS = " \t\n\"'\u201d\u2019\u00bb)]"


@dataclass(frozen=True)
class Span:
    """One marked stretch of raw text: ``role`` is hedge, booster, cue, source or content."""

    start: int
    end: int
    role: str
    ref: str  # the reference printed after the span, e.g. "H3" or "S4"
    title: str  # hover text


@dataclass(frozen=True)
class Finding:
    number: int
    letter: str  # H hedge, B booster, A attribution
    spans: tuple[Span, ...]
    note: str  # the footnote, plain text

    @property
    def label(self) -> str:
        return f"{self.letter}{self.number}"


def bare_assertions(sentences: pd.DataFrame, cues: pd.DataFrame, attributions: pd.DataFrame) -> pd.Series:
    """Which sentences are bare assertions, as a boolean Series aligned with ``sentences``.

    A bare assertion is a sentence in the writer's own voice that nobody is said to have said:
    - no attribution has its cue in the sentence (``attributions.sentence_id``), and no
      attribution's content spans overlap it (content reported by a cue in another sentence);
    - it holds no hedge cue (the categories that make a key-claim sentence hedged,
      ``sentence_findings.HEDGING_CATEGORIES``: approximators and boosters do not count);
    - it is not mostly inside quotation marks (the sentences table's ``in_quote``);
    - it is not a question (it ends with a question mark): a question asserts nothing.
    Headlines count: they are the writer's voice too. The key-claim "unattributed assertions" of
    ``analysis.aggregation.claims`` apply the first three tests to the sentences stating a key claim.
    """
    keys = list(zip(sentences["doc_id"], sentences["sentence_id"]))
    attributed = set(zip(attributions["doc_id"], attributions["sentence_id"])) if len(attributions) else set()
    hedged = hedged_sentences(cues)
    covered = covered_sentences(sentences, attributions)
    quoted_column = sentences["in_quote"] if "in_quote" in sentences.columns else [False] * len(sentences)
    flags = [
        not (key in attributed or key in covered or key in hedged or bool(quoted) or is_question(text))
        for key, quoted, text in zip(keys, quoted_column, sentences["text"])
    ]
    return pd.Series(flags, index=sentences.index, dtype=bool)


def is_question(text) -> bool:
    """A sentence that ends with a question mark, closing quotes and brackets aside."""
    return str(text).rstrip(CLOSERS).endswith("?")


def _present(value) -> bool:
    return value is not None and not (isinstance(value, float) and pd.isna(value)) and str(value) not in ("", "nan")


def _tidy(value) -> str:
    return str(value).replace("_", " ") if _present(value) else ""


def _quoted(text) -> str:
    return f"\u201c{text}\u201d" if _present(text) else ""


def _cue_finding(row, number: int) -> Finding:
    category = str(getattr(row, "category", "hedge"))
    letter, kind = ("B", "booster") if category == "booster" else ("H", "hedge")
    details = [f"category: {_tidy(category)}", f"rule: {_tidy(getattr(row, 'rule', ''))}"]
    if bool(getattr(row, "in_quote", False)):
        details.append("inside a quote")
    if bool(getattr(row, "negated", False)):
        details.append("negated")
    start, end = int(row.start), int(row.end)
    title = f"{kind} {letter}{number}: " + "; ".join(details)
    note = f"{kind} {_quoted(row.text)}, chars {start}\u2013{end}; " + "; ".join(details)
    return Finding(number, letter, (Span(start, end, kind, f"{letter}{number}", title),), note)


def _source_words(row) -> str:
    parts = [f"source type: {_tidy(getattr(row, 'source_type', ''))}"]
    if bool(getattr(row, "anonymous", False)):
        parts.append("anonymous")
    side = _tidy(getattr(row, "side", ""))
    if side:
        name = getattr(row, "side_name", "")
        parts.append(f"side: {side}" + (f" ({name})" if _present(name) else ""))
    return "; ".join(parts)


def _attribution_finding(row, number: int) -> Finding:
    label = f"A{number}"
    common = "; ".join(
        p
        for p in (
            f"stance: {_tidy(getattr(row, 'stance', ''))}",
            f"mode: {_tidy(getattr(row, 'mode', ''))}",
            f"rule: {_tidy(getattr(row, 'rule', ''))}",
            "negated" if bool(getattr(row, "negated", False)) else "",
            "inside a quote" if bool(getattr(row, "in_quote", False)) else "",
        )
        if p and not p.endswith(": ")
    )
    source = _source_words(row)
    spans, words = [], []
    if _present(getattr(row, "cue_start", None)):
        cs, ce = int(row.cue_start), int(row.cue_end)
        kind = _tidy(getattr(row, "cue_kind", ""))
        spans.append(Span(cs, ce, "cue", label, f"attribution cue of {label} ({kind}); {source}; {common}"))
        words.append(f"cue {_quoted(getattr(row, 'cue_text', ''))} ({kind}), chars {cs}\u2013{ce}")
    ss, se = getattr(row, "source_start", None), getattr(row, "source_end", None)
    if _present(ss) and _present(se) and int(se) > int(ss):
        spans.append(Span(int(ss), int(se), "source", f"S{number}", f"source of {label}: {source}; {common}"))
        words.append(f"source {_quoted(getattr(row, 'source_text', ''))}, chars {int(ss)}\u2013{int(se)}, {source}")
    else:
        words.append(f"no source span; {source}")
    contents = [(s, e) for s, e in content_pairs(getattr(row, "content_spans", None)) if e > s]
    for s, e in contents:
        spans.append(Span(s, e, "content", f"C{number}", f"content of {label}; {source}; {common}"))
    if contents:
        words.append("content chars " + ", ".join(f"{s}\u2013{e}" for s, e in contents))
    return Finding(number, "A", tuple(spans), f"attribution: {'; '.join(words)}; {common}")


def _attribution_offsets(row) -> list[tuple[int, int]]:
    """The raw (start, end) of an attribution's cue, source and content spans, as marked."""
    out = []
    if _present(getattr(row, "cue_start", None)):
        out.append((int(row.cue_start), int(row.cue_end)))
    ss, se = getattr(row, "source_start", None), getattr(row, "source_end", None)
    if _present(ss) and _present(se) and int(se) > int(ss):
        out.append((int(ss), int(se)))
    return out + [(s, e) for s, e in content_pairs(getattr(row, "content_spans", None)) if e > s]


def document_findings(cues: pd.DataFrame, attributions: pd.DataFrame) -> list[Finding]:
    """The hedges, boosters and attributions of one document (the tables hold only its rows),
    numbered 1.. in order of first offset."""
    pending = []
    for row in cues.itertuples(index=False) if len(cues) else ():
        pending.append((int(row.start), 0, row, [(int(row.start), int(row.end))]))
    for row in attributions.itertuples(index=False) if len(attributions) else ():
        offsets = _attribution_offsets(row)
        pending.append((min((s for s, _ in offsets), default=0), 1, row, offsets))
    pending.sort(key=lambda item: (item[0], item[1]))
    return [
        (_cue_finding if kind == 0 else _attribution_finding)(row, number)
        for number, (_, kind, row, _) in enumerate(pending, start=1)
    ]


def findings_touching(findings: list[Finding], bounds: list[tuple[int, int]]) -> list[Finding]:
    """The findings with a span touching one of ``bounds`` (the shown sentences' (start, end),
    sorted), keeping the numbers they have among all the document's findings."""
    return [f for f in findings if any(touched(bounds, span.start, span.end) for span in f.spans)]
