"""Every notebook in notebooks/: thin, parameterised, executed, and free of environment leaks."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import papermill
import pytest

from analysis.reports.notebook_params import parameters_cell, parse_parameters

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.ipynb"))
FORBIDDEN_CODE = {
    "sys.path": re.compile(r"\bsys\.path\b"),
    "os.chdir": re.compile(r"\bos\.chdir\b"),
    "%cd": re.compile(r"^\s*%cd\b", re.M),
    "wall clock": re.compile(r"\b(datetime\.(now|today|utcnow)|date\.today|time\.time|time\.ctime)\("),
}
ABSOLUTE_PATH = re.compile(r"(?<![\w.:/])(/(home|root|tmp|work|Users|var|opt|usr|mnt)/|[A-Za-z]:\\\\)")
CLOCK_TIME = re.compile(r"\b20\d\d-\d\d-\d\d[T ]\d\d:\d\d")


def test_there_are_notebooks():
    assert len(NOTEBOOKS) >= 3


@pytest.fixture(params=NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def notebook(request):
    return request.param, nbformat.read(request.param, as_version=4)


def test_title_then_one_parameters_cell_of_literals(notebook):
    path, nb = notebook
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# "), path.name
    cell = parameters_cell(nb, path.name)  # exactly one, a code cell
    declared = parse_parameters(cell.source, path.name)  # literals only, else ParameterError
    assert "corpus" in declared and declared["corpus"].default is None, path.name
    # papermill reads the same names (it only warns on lines it cannot parse)
    assert set(papermill.inspect_notebook(str(path))) == set(declared), path.name


def test_kernel_is_python3(notebook):
    path, nb = notebook
    assert nb.metadata["kernelspec"]["name"] == "python3", path.name


def test_executed_with_outputs_and_no_errors(notebook):
    path, nb = notebook
    code = [c for c in nb.cells if c.cell_type == "code" and "parameters" not in c.metadata.get("tags", [])]
    assert code and all(c.execution_count is not None for c in code), f"{path.name}: not executed"
    assert sum(len(c.outputs) for c in code) > 0, f"{path.name}: no stored outputs"
    errors = [o for c in code for o in c.outputs if o.output_type == "error"]
    assert not errors, f"{path.name}: stored error output"


def test_no_sys_path_chdir_or_clock_in_code(notebook):
    path, nb = notebook
    for cell in nb.cells:
        if cell.cell_type == "code":
            for name, pattern in FORBIDDEN_CODE.items():
                assert not pattern.search(cell.source), f"{path.name} cell {cell.get('id')}: uses {name}"


def test_no_absolute_paths_or_clock_times_in_outputs(notebook):
    path, nb = notebook
    for cell in nb.cells:
        text = nbformat.writes(nbformat.v4.new_notebook(cells=[cell])) if cell.cell_type == "code" else cell.source
        match = ABSOLUTE_PATH.search(text)
        assert not match, (
            f"{path.name} cell {cell.get('id')}: absolute path {text[match.start() : match.start() + 60]!r}"
        )
        clock = CLOCK_TIME.search(text)
        assert not clock, f"{path.name} cell {cell.get('id')}: clock time {clock.group()!r}"
        assert "execution" not in cell.metadata, f"{path.name} cell {cell.get('id')}: timing metadata"
    assert "papermill" not in nb.metadata or not CLOCK_TIME.search(str(nb.metadata["papermill"]))
