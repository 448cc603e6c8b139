"""How the reports show the sides of the story, and the figures that depend on them.

A side-dependent figure (stance by side, the accused side's denial) is shown as it is when the
sides come from a story file; marked *inferred* when they were inferred from the corpus; and left
out, with a note saying why, when the sides are unknown. Nothing is presented as if the sides
were known when they are not.
"""

from __future__ import annotations

import html

import pandas as pd

from analysis.aggregation.claims import key_claims_of
from analysis.reports.plots import Note

GUIDE = "docs/stories.md"
UNKNOWN = (
    "No story file was given and no side could be inferred from the corpus (no source denies or "
    f"accuses in it), so figures by side are left out. Write a story file ({GUIDE}) naming the sides "
    "and pass it with --story (or story= in the parameters cell)."
)
INFERRED = "sides inferred from the corpus, not confirmed"
# Inline, as pages forbid scripts and notebooks show no page stylesheet.
WARNING = "style='border-left:4px solid #c05600;background:#fff4e5;padding:.3rem .8rem;margin:.5rem 0'"


def sides_status(analysis) -> str:
    return getattr(analysis, "sides_status", "unknown")


def side_title(title: str, status: str) -> str:
    """A figure title, marked when the sides behind it (``status``, see SIDES_STATUSES) are inferred."""
    return f"{title}\n({INFERRED.upper()})" if status == "inferred" else title


def side_dependent(analysis, draw, table: pd.DataFrame, note: bool = True):
    """``draw(table, sides=status)`` (a figure), or when the sides are unknown a note (None with
    ``note=False``, for a figure whose table above already says so)."""
    status = sides_status(analysis)
    if status == "unknown":
        return Note(UNKNOWN) if note else None
    return draw(table, sides=status)


def side_table(analysis, table: pd.DataFrame):
    """A side-dependent table, or a note when the sides are unknown."""
    return Note(UNKNOWN) if sides_status(analysis) == "unknown" else table


def _side_list(story) -> str:
    rows = "".join(
        f"<tr><td>{html.escape(s.name)}</td><td>{html.escape(s.role)}</td>"
        f"<td>{html.escape(', '.join(s.aliases)) or '&mdash;'}</td></tr>"
        for s in story.sides
    )
    return f"<table class='sides'><tr><th>side</th><th>role</th><th>aliases</th></tr>{rows}</table>"


def _evidence(evidence: pd.DataFrame, per_side: int = 3) -> str:
    if evidence is None or evidence.empty:
        return ""
    shown = evidence.groupby("side", sort=True).head(per_side)
    items = "".join(
        f"<li><strong>{html.escape(r.side)}</strong> {html.escape(r.reason)}, {html.escape(r.doc_id)} "
        f"(characters {r.start}&ndash;{r.end}): &ldquo;{html.escape(r.text.strip())}&rdquo;</li>"
        for r in shown.itertuples(index=False)
    )
    more = len(evidence) - len(shown)
    tail = f"<p>{more} more evidence sentences are in the side_evidence table.</p>" if more else ""
    return f"<p>Evidence (up to {per_side} sentences per side):</p><ul>{items}</ul>{tail}"


def sides_html(analysis) -> str:
    """The section that says where the sides come from, with the evidence and the story-file
    text to confirm when they were inferred."""
    status, story = sides_status(analysis), getattr(analysis, "story", None)
    if status == "story_file":
        note = f" ({html.escape(story.note)}; pass --story to use another)" if story.note else ""
        return (
            f"<p>Sides from the story file <em>{html.escape(story.title)}</em> "
            f"({html.escape(story.file_name)}){note}:</p>{_side_list(story)}"
        )
    if status == "unknown":
        return f"<div {WARNING}><p><strong>Sides unknown.</strong> {html.escape(UNKNOWN)}</p></div>"
    return (
        f"<div {WARNING}><p><strong>Sides inferred, not confirmed.</strong> No story file was given, so "
        "the sides below were inferred from who denies, who accuses and who is accused in the corpus. "
        "Figures by side are marked as inferred. Check the evidence; then save the text below as "
        f"story.yaml, correct it, and pass it with --story ({GUIDE}).</p></div>"
        f"{_side_list(story)}{_evidence(getattr(analysis, 'side_evidence', None))}"
        f"<pre class='story-file'>{html.escape(story.text)}</pre>"
    )


NO_CLAIMS = (
    "No key claims given and no claim shared by several outlets found, so no sentence is checked "
    "for an unattributed statement of one. "
    f"Add key_claims to the story file ({GUIDE})."
)


SHARED_CLAIMS = (
    "No key claims given: the claims here are those that at least two outlets share, found by "
    "grouping their sentences (see the claims comparison report). A sentence counts as an "
    f"unattributed assertion when the outlet states the claim as fact in its own voice. Add key_claims "
    f"to the story file to check named claims instead ({GUIDE})."
)


def claims_note(analysis, assertions: pd.DataFrame | None = None) -> str:
    """Empty when key claims are given; else a note saying which claims the section is about
    (shared claims), or, when ``assertions`` has no row, that it needs key claims."""
    if key_claims_of(analysis)["claims"]:
        return ""
    text = NO_CLAIMS if assertions is not None and assertions.empty else SHARED_CLAIMS
    return f"<p><em>{html.escape(text)}</em></p>"


def claims_dependent(assertions: pd.DataFrame, table, draw=None):
    """A claim table (or ``draw(table)``), or nothing when ``assertions`` (the analysis's
    ``unattributed_assertions``) has no claim sentence (the section's ``claims_note`` says why)."""
    if assertions.empty:
        return None
    return draw(table) if draw is not None else table
