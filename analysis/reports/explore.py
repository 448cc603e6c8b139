"""Interactive exploration in JupyterLab: ``explore(result)``.

Dropdowns pick an outlet, a hedge category, a source type, a side and a key claim (each with
"all"); below them, the counts of what matches and the matching sentences highlighted, each with
its doc_id and raw character offsets, so ``data.raw_text(doc_id)[start:end]`` gives it back.

Where widgets cannot run it degrades to a static view: the same counts and the first matching
sentences as plain HTML, saying that the dropdowns need JupyterLab. ``interactive=None`` picks the
widgets in any running IPython kernel with ipywidgets, which includes papermill and nbval runs, so
a notebook whose stored outputs must not change passes ``interactive=False`` (notebooks/08_explore
does, through its parameter). The widget view also carries the static view as its text/html, which
an HTML export without widget state shows instead, and nbval compares (it skips the widget view's
random model id). The filtering itself is in ``explore_select`` (pure functions, no widgets).
"""

from __future__ import annotations

import html

import pandas as pd

from analysis.reports import highlight
from analysis.reports.explore_select import (
    FILTERS,
    Frames,
    Selection,
    checked,
    choices,
    counts,
    frames_of,
    select,
)
from analysis.reports.labels import label

__all__ = ["Explorer", "Selection", "counts", "explore", "frames_of", "select", "static_html", "view_html"]

DEFAULT_LIMIT = 50
EVERYTHING = Selection()
COUNT_LABELS = {"cues": "Hedges and boosters"}
ALL_LABEL = "all"
NO_WIDGETS = (
    "Static view: the dropdowns to pick an outlet, a hedge category, a source type, a side or a key "
    "claim need JupyterLab (run explore(data) there). Shown here: everything selected below."
)


def _highlighted(frames: Frames, chosen: pd.DataFrame) -> str:
    """The chosen sentences with all the article view's marks: the one call into highlight.py."""
    return highlight.sentences_html(frames.source, chosen[["doc_id", "sentence_id"]], key_claims=frames.key_claims)


def _describe(selection: Selection) -> str:
    chosen = selection.chosen()
    if not chosen:
        return "Selected: everything (no filter)."
    parts = [f"{FILTERS[name].lower()} = {value}" for name, value in chosen.items()]
    return "Selected: " + "; ".join(parts) + "."


def _counts_html(selected: Frames) -> str:
    table = counts(selected)
    table.columns = [COUNT_LABELS.get(c, label(c)) for c in table.columns]
    return f"<div class='nh-table'>{table.to_html(index=False, escape=True, border=0)}</div>"


def sentences_block(frames: Frames, selected: Frames, limit: int = DEFAULT_LIMIT) -> str:
    """The first ``limit`` matching sentences (by document and sentence), with all their marks (not
    only the matching ones), the document, file, sentence and raw offsets of each; a note says how
    many are not shown."""
    chosen = selected.sentences.head(max(limit, 0))
    total = len(selected.sentences)
    if not total:
        return "<p class='nh-note'>No sentence matches this selection.</p>"
    note = ""
    if total > len(chosen):
        note = (
            f"<p class='nh-note'>Showing the first {len(chosen)} of {total} matching sentences "
            "(by document and sentence); narrow the selection or pass limit= to see more.</p>"
        )
    return note + _highlighted(frames, chosen)


def view_html(frames: Frames, selection: Selection, limit: int = DEFAULT_LIMIT) -> str:
    """What the widget view shows under its dropdowns for ``selection``."""
    selected = select(frames, selection)
    return (
        f"<p>{html.escape(_describe(selection))} Offsets are characters of the raw text "
        "(data.raw_text(doc_id)[start:end]).</p>"
        f"{_counts_html(selected)}{sentences_block(frames, selected, limit)}"
    )


def static_html(frames: Frames, selection: Selection = EVERYTHING, limit: int = DEFAULT_LIMIT) -> str:
    """The static view: a note that the widgets need JupyterLab, then ``view_html``."""
    note = f"<p class='nh-note'>{html.escape(NO_WIDGETS)}</p>"
    return f"<div class='nh-explore'>{note}{view_html(frames, selection, limit)}</div>"


class Explorer:
    """The widget view: one dropdown per filter, and an HTML area the observers rewrite."""

    def __init__(self, frames: Frames, selection: Selection = EVERYTHING, limit: int = DEFAULT_LIMIT):
        try:
            import ipywidgets as widgets
        except ImportError as exc:  # the "lab" extra
            raise ImportError('the widgets need ipywidgets: pip install "newshedge[lab]"') from exc

        self.frames, self.limit = frames, limit
        self.dropdowns = {}
        for name, options in choices(frames).items():
            start = getattr(selection, name)
            options = options if start is None or start in options else [*options, start]  # valid but absent
            dropdown = widgets.Dropdown(
                options=[(ALL_LABEL, "")] + [(str(v), str(v)) for v in options],
                value=start or "",
                description=FILTERS[name],
                style={"description_width": "initial"},
            )
            dropdown.observe(self.update, names="value")
            self.dropdowns[name] = dropdown
        self.output = widgets.HTML()
        row = widgets.HBox(list(self.dropdowns.values()), layout=widgets.Layout(flex_flow="row wrap"))
        self.widget = widgets.VBox([row, self.output])
        self.update()

    @property
    def selection(self) -> Selection:
        return Selection(**{name: (d.value or None) for name, d in self.dropdowns.items()})

    def update(self, change=None) -> None:
        self.output.value = view_html(self.frames, self.selection, self.limit)

    def _repr_mimebundle_(self, **kwargs):
        bundle = dict(self.widget._repr_mimebundle_(**kwargs) or {})
        bundle["text/html"] = static_html(self.frames, self.selection, self.limit)  # where widgets do not render
        bundle["text/plain"] = f"Explorer ({_describe(self.selection)})"
        return bundle


def widgets_available() -> bool:
    """True inside a running IPython kernel with ipywidgets installed."""
    try:
        import ipywidgets  # noqa: F401
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None


def explore(result, interactive: bool | None = None, limit: int = DEFAULT_LIMIT, **start):
    """Explore an ``Analysis`` or a ``ReportData``: widgets when ``interactive`` (None: when
    ``widgets_available()``), else the static view (an IPython HTML object). ``start`` sets the
    first selection, for example ``outlet="..."``; ``limit`` caps the sentences shown."""
    frames = frames_of(result)
    selection = checked(frames, Selection(**start))
    if interactive is None:
        interactive = widgets_available()
    if interactive:
        return Explorer(frames, selection, limit)
    from IPython.display import HTML

    return HTML(static_html(frames, selection, limit))
