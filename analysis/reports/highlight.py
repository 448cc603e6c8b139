"""The article view: sentences with hedges, boosters, attributions and bare assertions marked, as
escaped HTML that needs no JavaScript and prints in black and white.

Public API::

    sentences_html(analysis, chosen=None, *, key_claims=None, limit=None, legend=True) -> str
        Any subset of sentences with the article view's marks, grouped by document in
        ``<div class="nh-article">`` blocks. ``analysis``: anything with ``documents``,
        ``sentences``, ``cues`` and ``attributions`` tables (an ``Analysis``). ``chosen``: None
        (every sentence), an iterable of (doc_id, sentence_id) pairs, or a frame with ``doc_id``
        and ``sentence_id`` columns (for example a filtered sentences table). ``key_claims``: the
        frame of ``claims.unattributed_assertions`` (None: computed from ``analysis``; an empty
        frame: none marked). Findings keep their whole-document numbers in any subset. ``limit``:
        at most this many sentences per document (None: all); every cut is said on the page.
        ``legend``: begin with the style and legend (False when the caller already showed them).

    outlet_highlights_html(documents, sentences, cues, attributions, outlet, limit=None,
                           key_claims=None) -> str
        Every document of one outlet, whole, in doc_id order (as ``sentences_html``).

    legend_html() -> str and STYLE: the legend and the style sheet, for callers that show them once.
    bare_assertions(sentences, cues, attributions) -> bool Series: the one definition of a bare
        assertion (in ``analysis.reports.marks``, with its docstring).

Marks come from the tidy tables' raw offsets, so what is marked is exactly what the detectors found;
each finding's footnote (under the sentence where it first appears) gives its raw offsets, rule,
category, source type, stance and mode, and the same details show on hover (``title``).
"""

from __future__ import annotations

import html
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from analysis.reports.article_style import STYLE, legend_html
from analysis.reports.marks import bare_assertions, document_findings, findings_touching, touched
from analysis.reports.sentence_marks import sentence_block

__all__ = ["STYLE", "bare_assertions", "legend_html", "outlet_highlights_html", "sentences_html"]


@dataclass(frozen=True)
class Tables:
    documents: pd.DataFrame
    sentences: pd.DataFrame
    cues: pd.DataFrame
    attributions: pd.DataFrame
    key_facts: dict  # (doc_id, sentence_id) -> key claim, for key claims stated as fact
    marks: dict = field(default_factory=dict)  # doc_id -> (findings, bare assertions), worked out once


def view_tables(analysis, key_claims: pd.DataFrame | None = None) -> Tables:
    """The tables the article view reads, to pass to several ``sentences_html`` calls on one
    analysis (each document's marks are then worked out once, not once per call). ``key_claims``:
    the frame of ``claims.unattributed_assertions`` (None: worked out here)."""
    if key_claims is None:
        from analysis.aggregation.claims import unattributed_assertions

        key_claims = unattributed_assertions(analysis)
    return Tables(analysis.documents, analysis.sentences, analysis.cues, analysis.attributions, key_facts(key_claims))


def key_facts(key_claims: pd.DataFrame | None) -> dict:
    """(doc_id, sentence_id) -> claim name for the key-claim sentences flagged ``unattributed``."""
    if key_claims is None or not len(key_claims):
        return {}
    rows = key_claims[key_claims["unattributed"].astype(bool)]
    return {(d, int(s)): str(c) for d, s, c in zip(rows["doc_id"], rows["sentence_id"], rows["claim"])}


def _esc(text) -> str:
    return html.escape(str(text), quote=True)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _headline(doc, sentences: pd.DataFrame) -> str:
    title = getattr(doc, "title", None) if doc is not None else None
    if isinstance(title, str) and title.strip():
        return title.strip()
    heads = sentences[sentences["is_headline"].astype(bool)] if "is_headline" in sentences.columns else sentences[:0]
    return " ".join(str(t).strip() for t in heads["text"]) or "(no headline)"


def _date(doc) -> str:
    value = getattr(doc, "story_date", None) if doc is not None else None
    if value is not None and not pd.isna(value):
        return pd.Timestamp(value).strftime("%Y-%m-%d")
    text = getattr(doc, "story_date_text", "") if doc is not None else ""
    return f"date unknown ({text})" if isinstance(text, str) and text.strip() else "date unknown"


def _meta(doc, doc_id: str, cues: pd.DataFrame, n_atts: int, n_bare: int, n_facts: int, n_sentences: int) -> str:
    boosters = int((cues["category"] == "booster").sum()) if len(cues) and "category" in cues.columns else 0
    parts = [_date(doc), f"document {doc_id}"]
    if doc is not None and isinstance(getattr(doc, "file", None), str):
        parts.append(f"file {doc.file}")
    if doc is not None and isinstance(getattr(doc, "outlet", None), str):
        parts.append(doc.outlet)
    counts = [
        _plural(n_sentences, "sentence"),
        _plural(len(cues) - boosters, "hedge"),
        _plural(boosters, "booster"),
        _plural(n_atts, "attribution"),
        _plural(n_bare, "bare assertion"),
    ]
    if n_facts:
        counts.append(f"{n_facts} key claim{'' if n_facts == 1 else 's'} stated as fact")
    return f"<p class='nh-meta'>{_esc(' · '.join(parts))}<br>{_esc(', '.join(counts))}</p>"


def _gap(previous: int | None, current: int | None, total_ids: list[int]) -> str:
    """A line saying how many sentences are left out between two shown ones (or before/after);
    ``total_ids``: the document's sentence ids, sorted."""
    lo = 0 if previous is None else bisect_right(total_ids, previous)
    hi = len(total_ids) if current is None else bisect_left(total_ids, current)
    if hi <= lo:
        return ""
    first, last = total_ids[lo], total_ids[hi - 1]
    span = f"s{first}" + (f"\u2013s{last}" if hi - lo > 1 else "")
    return f"<p class='nh-gap'>\u22ef {_plural(hi - lo, 'sentence')} not shown ({span})</p>"


def _bounds(rows: pd.DataFrame) -> list[tuple[int, int]]:
    return sorted(zip(rows["start"].astype(int), rows["end"].astype(int)))


def _by_doc(frame: pd.DataFrame, doc_ids: set) -> dict:
    """The rows of each document, grouped once (not filtered again for every document)."""
    if not len(frame) or "doc_id" not in frame.columns:
        return {}
    return dict(tuple(frame[frame["doc_id"].isin(doc_ids)].groupby("doc_id", sort=False)))


def _document_html(tables: Tables, doc_id: str, doc, picks: list[int] | None, limit: int | None, groups) -> str:
    """One document's ``nh-article`` block: the picked sentences (None: all), at most ``limit``."""
    sentences, cues, atts = (
        g.get(doc_id, f.iloc[:0]) for g, f in zip(groups, (tables.sentences, tables.cues, tables.attributions))
    )
    sentences = sentences.sort_values("sentence_id", kind="mergesort")
    ids = [int(i) for i in sentences["sentence_id"]]
    chosen = set(ids if picks is None else picks)
    wanted = [i for i in ids if i in chosen]
    shown = wanted if limit is None else wanted[: max(int(limit), 0)]
    rows = sentences[sentences["sentence_id"].isin(shown)]
    if doc_id not in tables.marks:
        tables.marks[doc_id] = document_findings(cues, atts), bare_assertions(sentences, cues, atts)
    findings, bare = tables.marks[doc_id]
    if len(shown) < len(ids):
        findings = findings_touching(findings, _bounds(rows))
    facts = {sid for (d, sid) in tables.key_facts if d == doc_id}
    parts = [
        f"<div class='nh-article'><h4 class='nh-headline'>{_esc(_headline(doc, sentences))}</h4>",
        _meta(doc, doc_id, cues, len(atts), int(bare.sum()), len(facts & set(ids)), len(ids)),
    ]
    if len(shown) < len(ids):
        why = (
            "" if len(shown) == len(wanted) else f"; the first {len(shown)} of the {len(wanted)} chosen (limit={limit})"
        )
        parts.append(f"<p class='nh-note'>Showing {len(shown)} of {len(ids)} sentences{_esc(why)}.</p>")
    parts.append(_sentences_part(tables, doc_id, rows, findings, bare, ids))
    if len(shown) == len(ids):
        parts.append(_unplaced(findings, sentences))
    return "".join(parts) + "</div>"


def _buckets(rows: pd.DataFrame, findings: list) -> list[list]:
    """For each row of ``rows``, the (span, finding) pairs that touch it."""
    starts, ends = [int(x) for x in rows["start"]], [int(x) for x in rows["end"]]
    order = sorted(range(len(starts)), key=lambda i: starts[i])
    bounds = [(starts[i], ends[i]) for i in order]
    buckets: list[list] = [[] for _ in order]
    for finding in findings:
        for span in finding.spans:
            for j in touched(bounds, span.start, span.end):
                buckets[order[j]].append((span, finding))
    return buckets


def _sentences_part(tables: Tables, doc_id, rows: pd.DataFrame, findings: list, bare: pd.Series, ids: list) -> str:
    seen: set[int] = set()
    out, previous = [], None
    for index, row, bucket in zip(rows.index, rows.itertuples(index=False), _buckets(rows, findings)):
        new = sorted({f.number: f for _, f in bucket if f.number not in seen}.values(), key=lambda f: f.number)
        seen.update(f.number for f in new)
        out.append(_gap(previous, int(row.sentence_id), ids))
        key = tables.key_facts.get((doc_id, int(row.sentence_id)))
        out.append(sentence_block(row, [span for span, _ in bucket], new, bool(bare.loc[index]), key))
        previous = int(row.sentence_id)
    if previous is not None:
        out.append(_gap(previous, None, ids))
    return "".join(out)


def _unplaced(findings: list, sentences: pd.DataFrame) -> str:
    """Footnotes of findings that touch no sentence, so none is lost when the whole text is shown."""
    placed = {f.number for bucket in _buckets(sentences, findings) for _, f in bucket}
    lost = [f for f in findings if f.number not in placed]
    if not lost:
        return ""
    notes = "".join(f"<li><b>{_esc(f.label)}</b> {_esc(f.note)}</li>" for f in lost)
    return f"<p class='nh-note'>Findings outside the sentence text:</p><ul class='nh-notes'>{notes}</ul>"


def _picks(chosen) -> dict[str, list[int]] | None:
    if chosen is None:
        return None
    if isinstance(chosen, pd.DataFrame):
        chosen = zip(chosen["doc_id"], chosen["sentence_id"])
    picks: dict[str, list[int]] = {}
    for doc_id, sentence_id in chosen:
        picks.setdefault(doc_id, []).append(int(sentence_id))
    return picks


def _render(tables: Tables, doc_ids: Iterable[str], picks: dict | None, limit: int | None, legend: bool) -> str:
    docs = tables.documents.drop_duplicates("doc_id").set_index("doc_id", drop=False)
    parts = [STYLE + legend_html()] if legend else []
    doc_ids = list(doc_ids)
    groups = [_by_doc(frame, set(doc_ids)) for frame in (tables.sentences, tables.cues, tables.attributions)]
    for doc_id in doc_ids:
        doc = next(docs.loc[[doc_id]].itertuples(index=False)) if doc_id in docs.index else None
        parts.append(_document_html(tables, doc_id, doc, None if picks is None else picks[doc_id], limit, groups))
    return "".join(parts)


def sentences_html(analysis, chosen=None, *, key_claims=None, limit=None, legend=True, tables=None) -> str:
    """Chosen sentences (None: all) with the article view's marks; see the module docstring.
    ``tables``: the analysis's ``view_tables`` when the caller renders it several times."""
    if tables is None:
        tables = view_tables(analysis, key_claims)
    picks = _picks(chosen)
    known = set(tables.sentences["doc_id"])
    doc_ids = sorted(known if picks is None else set(picks) & known, key=str)
    missing = 0 if picks is None else sum(len(v) for d, v in picks.items() if d not in known)
    note = f"<p class='nh-note'>{_plural(missing, 'chosen sentence')} not in the analysis.</p>" if missing else ""
    if not doc_ids:
        return (STYLE if legend else "") + note + "<p class='nh-note'>No sentences to show.</p>"
    return note + _render(tables, doc_ids, picks, limit, legend)


def outlet_highlights_html(documents, sentences, cues, attributions, outlet, limit=None, key_claims=None) -> str:
    """Every document of ``outlet``, every sentence in order with its marks (at most ``limit``
    sentences per document, said on the page; None: all). ``key_claims``: the frame of
    ``claims.unattributed_assertions``, to mark key claims stated as fact (None: none marked)."""
    docs = documents[documents["outlet"].astype(str) == str(outlet)].sort_values("doc_id", kind="mergesort")
    if docs.empty:
        return STYLE + "<p class='nh-note'>No documents from this outlet.</p>"
    tables = Tables(documents, sentences, cues, attributions, key_facts(key_claims))
    intro = (
        f"<p class='nh-note'>{_esc(_plural(len(docs), 'document'))} from {_esc(outlet)}, "
        + ("every sentence shown." if limit is None else f"at most {int(limit)} sentences of each shown.")
        + "</p>"
    )
    return intro + _render(tables, list(docs["doc_id"]), None, limit, True)
