"""Which progress bar shows where: a widget in a Jupyter kernel, text on a terminal, none in cron."""

from __future__ import annotations

import sys
import types
import warnings

import pytest

from analysis.pipeline import progress
from analysis.pipeline.progress import bar_kind, in_jupyter_kernel, progress_bar


@pytest.mark.parametrize(
    ("asked", "in_kernel", "on_terminal", "have_widgets", "expected"),
    [
        (None, False, False, False, None),  # cron, a pipe, the report command's own log
        (None, False, True, False, "text"),  # a terminal
        (None, True, False, True, "widget"),  # JupyterLab with ipywidgets
        (None, True, False, False, "text"),  # a kernel without ipywidgets: no tqdm.auto warning
        (False, True, True, True, None),  # switched off: notebooks the report command renders
        (False, False, True, False, None),
        (True, False, False, False, "text"),  # asked for, off a terminal
        (True, True, False, True, "widget"),
    ],
)
def test_bar_kind(asked, in_kernel, on_terminal, have_widgets, expected):
    assert bar_kind(asked, in_kernel, on_terminal, have_widgets) == expected


def _fake_ipython(monkeypatch, shell) -> None:
    monkeypatch.setitem(sys.modules, "IPython", types.SimpleNamespace(get_ipython=lambda: shell))


def test_kernel_is_recognised_by_its_shell(monkeypatch):
    assert not in_jupyter_kernel()  # pytest: no IPython shell at all
    _fake_ipython(monkeypatch, types.SimpleNamespace())  # terminal IPython: a shell without a kernel
    assert not in_jupyter_kernel()
    _fake_ipython(monkeypatch, types.SimpleNamespace(kernel=object()))
    assert in_jupyter_kernel()


def test_bar_is_off_off_a_terminal_and_on_when_asked(monkeypatch):
    monkeypatch.setattr(sys, "stderr", types.SimpleNamespace(isatty=lambda: False, write=lambda s: None))
    assert progress_bar(range(3)).disable
    assert list(progress_bar(range(3))) == [0, 1, 2]
    assert not progress_bar(range(3), True).disable
    assert progress_bar(range(3), False).disable


def test_kernel_without_ipywidgets_gets_the_text_bar_quietly(monkeypatch):
    monkeypatch.setattr(progress, "in_jupyter_kernel", lambda: True)
    monkeypatch.setattr(progress.importlib.util, "find_spec", lambda name: None)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        bar = progress_bar(range(3), desc="x")
    assert not bar.disable and type(bar) is progress.TextBar  # the text bar, not the widget
    bar.close()
