"""Report pipeline pieces: parameter checks, failures, concurrent runs, escaping, determinism,
temporary files, an empty corpus, output errors and Ctrl-C.

Failures and concurrency use tiny notebooks in a temporary registry, so each run takes seconds."""

from __future__ import annotations

import errno
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import types
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
    interactive = {"08_explore.ipynb"}  # for JupyterLab, not rendered as a report
    listed = {s.notebook.name for s in load_registry()}
    assert listed == {p.name for p in (ROOT / "notebooks").glob("*.ipynb")} - interactive


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


def test_figures_are_deterministic_png_with_escaped_alt_text():
    frame = pd.DataFrame({"outlet": ["<b>A</b>", "B"], "rate": [1.0, 2.0], "low": [0.5, None], "high": [1.5, None]})
    one = str(plots.rates_with_intervals(frame, "outlet", "rate", "low", "high", "t", "x"))
    two = str(plots.rates_with_intervals(frame, "outlet", "rate", "low", "high", "t", "x"))
    assert one == two and "data:image/png;base64," in one
    assert "&lt;b&gt;A&lt;/b&gt;" in one and "<b>A</b>" not in one


def test_highlights_escape_text_and_mark_overlapping_spans():
    text = "Kirby said <script>x</script> is likely."
    sentences = pd.DataFrame([{"doc_id": "d", "sentence_id": 0, "start": 100, "end": 100 + len(text), "text": text}])
    cues = pd.DataFrame(
        [
            {
                "doc_id": "d",
                "sentence_id": 0,
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
                "sentence_id": 0,
                "cue_start": 106,
                "cue_end": 110,
                "source_start": 100,
                "source_end": 110,
                "stance": "neutral",
                "source_type": "named_official",
            }
        ]
    )
    documents = pd.DataFrame([{"doc_id": "d", "outlet": "O"}])
    tables = types.SimpleNamespace(documents=documents, sentences=sentences, cues=cues, attributions=atts)
    out = highlight.sentences_html(tables, key_claims=pd.DataFrame())
    assert "<script>" not in out.replace(highlight.STYLE, "") and "&lt;script&gt;x&lt;/script&gt;" in out
    assert "<span class='nh-cue nh-source'" in out and ">said</span>" in out
    assert "<span class='nh-hedge'" in out and ">likely</span>" in out


# --- failures, atomic publishing and concurrent runs ------------------------------------------


def _notebook(path: Path, cells: list[str], parameters: str = "value = 1") -> None:
    nb = new_notebook(cells=[new_markdown_cell("# Test")])
    params = new_code_cell(parameters)
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
    bad_beside_slow = folder / "bad_beside_slow.yaml"
    bad_beside_slow.write_text(
        "reports:\n  - notebook: bad.ipynb\n    title: Bad\n  - notebook: slow.ipynb\n    title: Slow\n"
    )
    three = folder / "three.yaml"
    for k in range(3):
        _notebook(folder / f"ok{k}.ipynb", [SUMMARY], parameters=f"value = {k}")
    three.write_text("reports:\n" + "".join(f"  - notebook: ok{k}.ipynb\n    title: OK {k}\n" for k in range(3)))
    return {"good": good, "bad": bad, "slow": slow, "dies": dies, "bad_beside_slow": bad_beside_slow, "three": three}


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


def test_notebooks_side_by_side_give_the_same_reports_as_one_at_a_time(tmp_path, registries):
    runs = {}
    for jobs in (1, 3):
        result = report("--registry", registries["three"], "--out", tmp_path / f"out{jobs}", "--jobs", jobs)
        assert result.returncode == 0, result.stderr
        runs[jobs] = snapshot(tmp_path / f"out{jobs}" / "runs")
    assert runs[1] == runs[3] and sum(name.endswith("report.html") for name in runs[1]) == 3


def test_a_failure_beside_a_running_notebook_stops_it_and_fails_the_run(tmp_path, registries):
    started = time.monotonic()
    result = report("--registry", registries["bad_beside_slow"], "--out", tmp_path / "out", "--jobs", 2)
    assert result.returncode == 1 and "bad.ipynb" in result.stderr and "broken on purpose" in result.stderr
    assert time.monotonic() - started < 50  # the slow notebook (60 s) was stopped, not waited for
    assert not (tmp_path / "out" / "runs").exists() and not list((tmp_path / "out").glob(".tmp*"))


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


# --- spreadsheet-safe summaries, registry flags ------------------------------------------------


def test_summary_csv_neutralises_formulas_and_keeps_numbers():
    from analysis.reports.pages import summary_csv

    summary = {
        "columns": ["outlet", "documents", "rate"],
        "rows": [
            {"outlet": '=HYPERLINK("http://x","y")', "documents": 3, "rate": 0.25},
            {"outlet": "@cmd", "documents": None, "rate": None},
            {"outlet": "Daily Ledger", "documents": 12, "rate": 1.5},
        ],
    }
    lines = summary_csv(summary).splitlines()
    assert lines == [
        "outlet,documents,rate",
        '"\'=HYPERLINK(""http://x"",""y"")",3,0.25',
        "'@cmd,,",
        "Daily Ledger,12,1.5",
    ]


def test_empty_corpus_flag_must_be_a_boolean(tmp_path):
    _notebook(tmp_path / "ok.ipynb", [SUMMARY])
    registry = tmp_path / "r.yaml"
    registry.write_text("reports:\n  - notebook: ok.ipynb\n    title: OK\n    empty_corpus: 'yes'\n")
    with pytest.raises(ParameterError, match="'empty_corpus' must be true or false"):
        load_registry(registry)
    registry.write_text("reports:\n  - notebook: ok.ipynb\n    title: OK\n    empty_corpus: true\n")
    assert load_registry(registry)[0].empty_corpus
    assert [s.name for s in load_registry() if s.empty_corpus] == ["01_corpus_overview"]


# --- temporary files ---------------------------------------------------------------------------


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_temporaries_of_dead_runs_are_removed_and_live_ones_kept(tmp_path):
    from analysis.reports import scratch
    from analysis.reports.render import output_folder

    out, dead = tmp_path / "out", dead_pid()
    (out / f".tmp-run-0123abcd-{dead}-x1y2z3").mkdir(parents=True)
    (out / f".tmp-run-0123abcd-{dead}-x1y2z3" / "notebook.ipynb").write_text("{}")
    (out / f".tmp-index.html-{dead}-0a1b2c3d").write_text("half")
    os.symlink("runs/x", out / f".tmp-latest-{dead}-0a1b2c3d")
    live = [out / f".tmp-run-0123abcd-{os.getppid()}-a", out / f".tmp-run-0123abcd-{os.getpid()}-b"]
    for folder in live:
        folder.mkdir()
    (out / "runs").mkdir()
    sockets = scratch.scratch_folder(Path(tempfile.gettempdir()), "ipc", "newshedge-")
    stale_sockets = sockets.with_name(f"{scratch.SOCKETS_PREFIX}{dead}-zz")
    sockets.rename(stale_sockets)
    assert output_folder(out) == out
    assert sorted(p.name for p in out.iterdir()) == sorted([p.name for p in live] + ["runs"])
    assert not stale_sockets.exists()


def test_out_that_is_a_file_or_cannot_be_made_is_one_line_exit_4(tmp_path, registries, monkeypatch, capsys):
    from analysis.cli import EXIT_OS_ERROR, main
    from analysis.reports import render

    target = tmp_path / "file"
    target.write_text("x")
    result = report("--registry", registries["good"], "--out", target)
    assert result.returncode == EXIT_OS_ERROR and result.stderr == f"error: {target}: exists and is not a folder\n"

    def denied(folder, what, *args):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(folder))

    monkeypatch.setattr(render, "scratch_folder", denied)
    assert main(["report", "--registry", str(registries["good"]), "--out", str(tmp_path / "out")]) == EXIT_OS_ERROR
    assert capsys.readouterr().err == f"error: {tmp_path / 'out'}: Permission denied\n"


def test_a_full_disk_while_rendering_is_one_line_exit_4_and_leaves_nothing(tmp_path, registries, monkeypatch, capsys):
    from analysis.cli import EXIT_OS_ERROR, main

    real_write = Path.write_text

    def full_disk(self, *args, **kwargs):
        if self.name == "summary.csv":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self))
        return real_write(self, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", full_disk)
    out = tmp_path / "out"
    assert main(["report", "--registry", str(registries["good"]), "--out", str(out)]) == EXIT_OS_ERROR
    err = capsys.readouterr().err
    assert re.fullmatch(r"error: /\S+/\.tmp-run-\w+-\d+-\w+/ok/summary\.csv: No space left on device\n", err), err
    assert [p.name for p in out.iterdir()] == []


# --- relative paths, --dayfirst and the analysis cache ------------------------------------------

DATA_CELL = (
    "import os\nfrom pathlib import Path\nimport pandas as pd\n"
    "from analysis.reports.data import CACHE_ENV, load_report_data, publish_summary\n"
    "cache = Path(os.environ[CACHE_ENV])  # made by the report command, before any notebook runs\n"
    "before = len(list(cache.glob('*.pkl')))\n"
    "data = load_report_data(corpus, mode=mode)\n"
    "after = len(list(cache.glob('*.pkl')))  # still 1 when the notebook used the command's analysis\n"
    "docs = data.corpus.documents.set_index('file')\n"
    "first = str(docs.loc['a.txt', 'date'].date()) if 'a.txt' in docs.index else None\n"
    "table = pd.DataFrame({'date': [first], 'cache': [[before, after]], 'absolute': [cache.is_absolute()]})\n"
    "publish_summary('data', table, {'run_id': 'x'})"
)


@pytest.fixture()
def data_registry(tmp_path):
    folder = tmp_path / "nbs"
    folder.mkdir()
    _notebook(folder / "data.ipynb", [DATA_CELL], parameters='corpus = None  # type: str|None\nmode = "fast"')
    registry = folder / "data.yaml"
    registry.write_text("reports:\n  - notebook: data.ipynb\n    title: Data\n")
    return registry


def test_relative_out_keeps_everything_under_it_and_dayfirst_reaches_the_kernel(tmp_path, data_registry):
    corpus = tmp_path / "data" / "corpus"
    corpus.mkdir(parents=True)
    (corpus / "metadata.csv").write_text("file,outlet,date\na.txt,X,04/03/2025\n", encoding="utf-8")
    (corpus / "a.txt").write_text("Officials said the port was probably closed on Tuesday.", encoding="utf-8")
    work = tmp_path / "work"
    work.mkdir()
    outside = snapshot(tmp_path)
    summaries, runs = {}, {}
    for dayfirst in (False, True):
        args = ["--registry", data_registry, "--corpus", "../data/corpus", "--out", "out"]
        result = report(*args, *(["--dayfirst"] if dayfirst else []), cwd=work)
        assert result.returncode == 0, result.stderr
        runs[dayfirst] = (work / "out" / "latest").resolve().name
        summaries[dayfirst] = json.loads((work / "out" / "latest" / "data" / "summary.json").read_text())["rows"]
    assert summaries == {
        False: [{"date": "2025-04-03", "cache": [1, 1], "absolute": True}],
        True: [{"date": "2025-03-04", "cache": [1, 1], "absolute": True}],
    }
    assert runs[False] != runs[True]
    written = {k for k in snapshot(tmp_path) if not k.startswith("work/out/")}
    assert written == set(outside)
    assert not list((work / "out").glob(".tmp*"))


def test_bundled_corpus_run_writes_nothing_into_notebooks(tmp_path, data_registry):
    notebooks = snapshot(ROOT / "notebooks")
    result = report("--registry", data_registry, "--out", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert snapshot(ROOT / "notebooks") == notebooks
    rows = json.loads((tmp_path / "out" / "latest" / "data" / "summary.json").read_text())["rows"]
    assert rows == [{"date": None, "cache": [1, 1], "absolute": True}]


# --- a corpus with no usable document ------------------------------------------------------------


@pytest.fixture()
def fast_params(tmp_path):
    """Parameters for the registry's reports: fast mode, so that a run takes seconds."""
    path = tmp_path / "fast.yaml"
    path.write_text("mode: fast\n", encoding="utf-8")
    return path


def test_no_usable_document_renders_the_overview_only_and_exits_3(tmp_path, fast_params):
    from analysis.cli import EXIT_NO_DOCUMENTS

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "metadata.csv").write_text("file,outlet\nempty.txt,X\nblank.txt,Y\n", encoding="utf-8")
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    (corpus / "blank.txt").write_text("  \n", encoding="utf-8")
    out = tmp_path / "out"
    result = report("--corpus", corpus, "--out", out, "--params", fast_params)
    assert result.returncode == EXIT_NO_DOCUMENTS, result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "no document could be analysed: all 2 inputs were rejected" in result.stderr
    run = (out / "latest").resolve()
    assert sorted(p.name for p in run.iterdir() if p.is_dir()) == ["01_corpus_overview"]
    for index in (out / "index.html", run / "index.html"):
        text = index.read_text(encoding="utf-8")
        assert "No document could be analysed: all 2 inputs were rejected" in text and "Hedging by outlet" in text
    page = (run / "01_corpus_overview" / "report.html").read_text(encoding="utf-8")
    assert "No document could be analysed" in page and "empty.txt" in page and "blank.txt" in page
    nb = nbformat.read(run / "01_corpus_overview" / "notebook.ipynb", as_version=4)
    assert not [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]


# --- Ctrl-C ------------------------------------------------------------------------------------


def children_of(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (Linux /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return True
    return state == "Z"  # a zombie has stopped, only its exit status is left


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the kernels through Linux /proc")
def test_ctrl_c_on_a_running_report_stops_kernels_and_cleans_up(tmp_path, fast_params):
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "analysis", "report", "--out", str(out), "--params", str(fast_params)]
    proc = subprocess.Popen(
        cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        deadline, kernels = time.monotonic() + 90, []
        while not kernels and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.2)
            kernels = children_of(proc.pid)
        assert kernels, "no kernel started"
        time.sleep(1)  # the kernel is running a notebook's cells
        os.killpg(proc.pid, signal.SIGINT)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode in (130, -signal.SIGINT), err  # see test_cli: shells show both as 130
    assert "Traceback" not in err and err.count("\n") == 1 and err.startswith("error: interrupted"), err
    assert not (out / "runs").exists() and not list(out.glob(".tmp*"))
    assert all(gone(pid) for pid in kernels)
    assert not list(Path(tempfile.gettempdir()).glob(f"newshedge-ipc-{proc.pid}-*"))
