"""Report pipeline pieces: parameter checks, failures, concurrent runs, escaping, determinism.

Failures and concurrency use tiny notebooks in a temporary registry, so each run takes seconds."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from analysis.reports import highlight, plots, provenance
from analysis.reports.jobs import slugify
from analysis.reports.notebook_params import ParameterError, check_parameters, check_values, parse_parameters
from analysis.reports.registry import load_registry

ROOT = Path(__file__).resolve().parent.parent


# --- parameters -------------------------------------------------------------------------------


def test_parameters_cell_is_parsed_with_types():
    params = parse_parameters('corpus = None  # type: str|None  a path\nmode = "parse"\nn = 3\nx: float = 1\n', "nb")
    assert params["corpus"].accepts("a") and params["corpus"].accepts(None) and not params["corpus"].accepts(3)
    assert params["mode"].accepts("fast") and not params["mode"].accepts(1)
    assert params["n"].accepts(4) and not params["n"].accepts(True) and not params["n"].accepts("4")
    assert params["x"].accepts(2) and params["x"].accepts(2.5)


@pytest.mark.parametrize("source", ["import os\n", "x = os.getcwd()\n", "a = b = 1\n", "x = [i for i in 'ab']\n"])
def test_parameters_cell_must_hold_literals_only(source):
    with pytest.raises(ParameterError):
        parse_parameters(source, "nb")


def test_unknown_and_mistyped_values_are_named():
    declared = parse_parameters('mode = "parse"\nexamples = 12\n', "04.ipynb")
    with pytest.raises(ParameterError, match=r"04.ipynb: parameter 'examples' must be int.*unknown parameter 'mdoe'"):
        check_values({"mdoe": "fast", "examples": "many"}, declared, "04.ipynb")


def test_shared_parameters_checked_against_all_notebooks():
    specs = load_registry()
    check_parameters(specs, {"mode": "fast"}, {"04_outlet_report": {"examples": 3}})
    with pytest.raises(ParameterError, match="no report declares it"):
        check_parameters(specs, {"colour": "red"}, {})
    with pytest.raises(ParameterError, match="set by the report command"):
        check_parameters(specs, {"outlet": "x"}, {})
    with pytest.raises(ParameterError, match="must be str"):
        check_parameters(specs, {"mode": 3}, {})
    with pytest.raises(ParameterError, match="unknown report"):
        check_parameters(specs, {}, {"99_nothing": {}})


def test_registry_lists_every_notebook():
    listed = {s.notebook.name for s in load_registry()}
    assert listed == {p.name for p in (ROOT / "notebooks").glob("*.ipynb")}


def test_slugs_are_safe_and_distinct():
    a, b = slugify("Hostile <img src=x> Gazette"), slugify("Hostile <img src=y> Gazette")
    assert a != b and all(ch.isalnum() or ch == "-" for ch in a)


# --- determinism and escaping -----------------------------------------------------------------


def test_run_id_is_a_function_of_the_inputs():
    a = provenance.run_id("abc", {"mode": "fast"}, "code1")
    assert a == provenance.run_id("abc", {"mode": "fast"}, "code1")
    assert a != provenance.run_id("abd", {"mode": "fast"}, "code1")
    assert a != provenance.run_id("abc", {"mode": "parse"}, "code1")
    assert a != provenance.run_id("abc", {"mode": "fast"}, "code2")


def test_figures_are_deterministic_svg_without_dates():
    frame = pd.DataFrame({"outlet": ["<b>A</b>", "B"], "rate": [1.0, 2.0], "low": [0.5, None], "high": [1.5, None]})
    one = str(plots.rates_with_intervals(frame, "outlet", "rate", "low", "high", "t", "x"))
    two = str(plots.rates_with_intervals(frame, "outlet", "rate", "low", "high", "t", "x"))
    assert one == two and "<dc:date>" not in one
    assert "&lt;b&gt;A&lt;/b&gt;" in one and "<b>A</b>" not in one


def test_highlights_escape_text_and_mark_overlapping_spans():
    text = "Kirby said <script>x</script> is likely."
    sentences = pd.DataFrame([{"doc_id": "d", "sentence_id": 0, "start": 100, "end": 100 + len(text), "text": text}])
    cues = pd.DataFrame(
        [
            {
                "doc_id": "d",
                "start": 100 + text.index("likely"),
                "end": 100 + text.index("likely") + 6,
                "text": "likely",
                "category": "epistemic",
            }
        ]
    )
    atts = pd.DataFrame(
        [
            {
                "doc_id": "d",
                "cue_start": 106,
                "cue_end": 110,
                "source_start": 100,
                "source_end": 110,
                "stance": "neutral",
                "source_type": "named_official",
            }
        ]
    )
    out = highlight.highlighted_sentences_html(sentences, cues, atts, "d")
    assert "<script>" not in out.replace(highlight.STYLE, "") and "&lt;script&gt;x&lt;/script&gt;" in out
    assert "<span class='nh-source nh-verb'" in out and ">said</span>" in out
    assert "<span class='nh-hedge'" in out and ">likely</span>" in out


# --- failures, atomic publishing and concurrent runs ------------------------------------------


def _notebook(path: Path, cells: list[str]) -> None:
    nb = new_notebook(cells=[new_markdown_cell("# Test")])
    params = new_code_cell("value = 1")
    params.metadata["tags"] = ["parameters"]
    nb.cells.append(params)
    nb.cells += [new_code_cell(src) for src in cells]
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"c{i}"
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)


SUMMARY = (
    "import pandas as pd\nfrom analysis.reports.data import publish_summary\n"
    "publish_summary('ok', pd.DataFrame({'value': [value]}), {'run_id': 'x'})"
)


@pytest.fixture()
def registries(tmp_path):
    folder = tmp_path / "nbs"
    folder.mkdir()
    _notebook(folder / "ok.ipynb", [SUMMARY])
    _notebook(folder / "bad.ipynb", ["x = 1", "raise ValueError('broken on purpose')", SUMMARY])
    _notebook(folder / "slow.ipynb", ["import time\ntime.sleep(60)", SUMMARY])
    _notebook(folder / "dies.ipynb", ["x = 1", "import os\nos._exit(3)", SUMMARY])
    good = folder / "good.yaml"
    good.write_text("reports:\n  - notebook: ok.ipynb\n    title: OK\n")
    bad = folder / "bad.yaml"
    bad.write_text("reports:\n  - notebook: ok.ipynb\n    title: OK\n  - notebook: bad.ipynb\n    title: Bad\n")
    slow = folder / "slow.yaml"
    slow.write_text("reports:\n  - notebook: slow.ipynb\n    title: Slow\n")
    dies = folder / "dies.yaml"
    dies.write_text("reports:\n  - notebook: dies.ipynb\n    title: Dies\n")
    return {"good": good, "bad": bad, "slow": slow, "dies": dies}


def report(*args, cwd=ROOT, wait=True):
    cmd = [sys.executable, "-m", "analysis", "report", *map(str, args)]
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if not wait:
        return proc
    out, err = proc.communicate(timeout=600)
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err)


def snapshot(folder: Path) -> dict:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_failing_notebook_exits_1_names_cell_keeps_notebook_and_previous_reports(tmp_path, registries):
    out = tmp_path / "out"
    first = report("--registry", registries["good"], "--out", out)
    assert first.returncode == 0, first.stderr
    before, latest = snapshot(out / "runs"), (out / "latest").resolve()
    failed = report("--registry", registries["bad"], "--out", out)
    assert failed.returncode == 1
    assert "bad.ipynb" in failed.stderr and "cell 4 (id 'c3'" in failed.stderr and "broken on purpose" in failed.stderr
    kept = list((out / "failed").glob("*/bad/notebook.ipynb"))
    assert len(kept) == 1 and str(kept[0]) in failed.stderr
    nb = nbformat.read(kept[0], as_version=4)
    assert any(o.get("ename") == "ValueError" for c in nb.cells for o in c.get("outputs", []))
    assert snapshot(out / "runs") == before and (out / "latest").resolve() == latest
    assert not list(out.glob(".tmp*"))


def test_cell_timeout_fails_the_run(tmp_path, registries):
    result = report("--registry", registries["slow"], "--out", tmp_path / "out", "--cell-timeout", "3")
    assert result.returncode == 1
    assert "slow.ipynb" in result.stderr and "cell 3" in result.stderr and "time.sleep" in result.stderr
    assert not (tmp_path / "out" / "runs").exists()


def test_a_dying_kernel_fails_the_run_naming_the_cell(tmp_path, registries):
    result = report("--registry", registries["dies"], "--out", tmp_path / "out")
    assert result.returncode == 1
    assert "dies.ipynb" in result.stderr and "cell 4 (id 'c3': 'import os')" in result.stderr
    assert "DeadKernelError" in result.stderr


def test_bad_parameters_exit_2_before_anything_runs(tmp_path, registries):
    params = tmp_path / "params.yaml"
    params.write_text("valeu: 2\n")
    result = report("--registry", registries["good"], "--params", params, "--out", tmp_path / "out")
    assert result.returncode == 2 and "unknown parameter 'valeu'" in result.stderr
    params.write_text("value: two\n")
    result = report("--registry", registries["good"], "--params", params, "--out", tmp_path / "out")
    assert result.returncode == 2 and "must be int" in result.stderr
    assert not (tmp_path / "out" / "runs").exists()


def test_parameters_file_values_reach_the_notebook(tmp_path, registries):
    params = tmp_path / "params.json"
    params.write_text(json.dumps({"value": 7}))
    result = report("--registry", registries["good"], "--params", params, "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    summary = json.loads(next((tmp_path / "out" / "runs").glob("*/ok/summary.json")).read_text())
    assert summary["rows"] == [{"value": 7}]


def test_two_runs_at_once_do_not_corrupt_each_other(tmp_path, registries):
    out = tmp_path / "out"
    procs = [report("--registry", registries["good"], "--out", out, wait=False) for _ in range(2)]
    results = [p.communicate(timeout=600) + (p.returncode,) for p in procs]
    assert [r[2] for r in results] == [0, 0], [r[1] for r in results]
    runs = list((out / "runs").iterdir())
    assert len(runs) == 1
    assert sorted(snapshot(runs[0])) == [
        "index.html",
        "ok/notebook.ipynb",
        "ok/report.html",
        "ok/summary.csv",
        "ok/summary.json",
        "provenance.json",
    ]
    assert not list(out.glob(".tmp*")) and (out / "latest").resolve() == runs[0].resolve()
