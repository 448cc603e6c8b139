"""Progress bars: a widget in a Jupyter kernel, text on a terminal, none otherwise (cron, pipes).

``progress=None`` chooses by where the code runs; True asks for a bar, False for none. The
widget needs ipywidgets (the ``lab`` extra); without it a kernel gets the text bar, because
tqdm.auto would instead warn, naming the absolute path of its own file.
"""

from __future__ import annotations

import importlib.util
import sys

from tqdm import tqdm


class TextBar(tqdm):
    """tqdm without its monitor thread (it only checks for stalled bars): a process that runs no
    other thread can fork its workers (``engines.start_method``)."""

    monitor_interval = 0


def bar_kind(progress: bool | None, in_kernel: bool, on_terminal: bool, have_widgets: bool) -> str | None:
    """Which bar to show: "widget", "text", or None for no bar."""
    if progress is False or not (progress or in_kernel or on_terminal):
        return None
    return "widget" if in_kernel and have_widgets else "text"


def in_jupyter_kernel() -> bool:
    """True inside a Jupyter kernel (JupyterLab, papermill), False in a plain interpreter or IPython."""
    ipython = sys.modules.get("IPython")  # never imported here: without it there is no kernel
    shell = ipython.get_ipython() if ipython is not None else None
    return getattr(shell, "kernel", None) is not None


def progress_bar(iterable, progress: bool | None = None, **options) -> tqdm:
    """``iterable`` wrapped in the bar ``bar_kind`` chooses (a disabled one when there is none)."""
    in_kernel = in_jupyter_kernel()
    have_widgets = in_kernel and importlib.util.find_spec("ipywidgets") is not None
    kind = bar_kind(progress, in_kernel, sys.stderr.isatty(), have_widgets)
    if kind == "widget":
        from tqdm.auto import tqdm as notebook_tqdm

        return notebook_tqdm(iterable, **options)
    return TextBar(iterable, disable=kind is None, file=sys.stderr, **options)
