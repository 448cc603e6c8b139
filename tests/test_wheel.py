"""The wheel on its own: built from the sdist and installed into a new virtual environment, run
from a folder outside the checkout, it carries the sample corpus, the gold, the notebooks and the
templates, and the commands work with them.

The new environment borrows the dependencies of the running one through a path in a ``.pth``
file (``--system-site-packages`` would give the base interpreter's packages, not this venv's),
and their Jupyter data files (nbconvert's templates) through JUPYTER_PATH. A plain path entry
does not run that folder's own ``.pth`` files, so the editable install of ``analysis`` there is
invisible; the tests check that the wheel's copy is the one imported.
Building, installing and rendering the reports take about a minute.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _run(args: list, cwd: Path, timeout: int = 900) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["JUPYTER_PATH"] = os.path.join(sys.prefix, "share", "jupyter")
    result = subprocess.run(list(map(str, args)), cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"{args}\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}"
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> dict:
    """A new virtual environment with the wheel installed, and a work folder outside the checkout."""
    dist = tmp_path_factory.mktemp("dist")
    # sdist first, then the wheel from it: a stale build/ in the checkout cannot leak into the
    # wheel, and the sdist is shown to carry everything the wheel needs.
    _run([sys.executable, "-m", "build", "--no-isolation", "--outdir", dist], ROOT)
    wheel = next(dist.glob("newshedge-*.whl"))
    env = tmp_path_factory.mktemp("env") / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", env], ROOT)
    python = env / "bin" / "python"
    site = Path(_run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], env).stdout.strip())
    (site / "borrowed_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    # --ignore-installed: never touch the editable install the borrowed folder also lists.
    _run([python, "-m", "pip", "install", "--quiet", "--no-deps", "--ignore-installed", wheel], env)
    work = tmp_path_factory.mktemp("work")
    return {"python": python, "env": env, "work": work}


def test_the_wheels_copy_is_imported_and_finds_its_bundled_files(installed):
    script = (
        "import json, analysis\n"
        "from analysis import resources\n"
        "from analysis.corpus import load_corpus\n"
        "from analysis.reports.registry import load_registry\n"
        "corpus = load_corpus()\n"
        "print(json.dumps({'package': analysis.__file__, 'sample': str(resources.sample_dir()),\n"
        "  'notebooks': str(resources.notebooks_dir()), 'templates': str(resources.templates_dir()),\n"
        "  'documents': len(corpus.documents), 'source': corpus.source, 'reports': len(load_registry()),\n"
        "  'gold': (resources.sample_dir() / 'gold' / 'seeds.jsonl').is_file()}))\n"
    )
    found = json.loads(_run([installed["python"], "-c", script], installed["work"]).stdout)
    for key in ("package", "sample", "notebooks", "templates"):
        assert Path(found[key]).is_relative_to(installed["env"]), (key, found[key])
    assert Path(found["sample"]).name == "_sample" and Path(found["notebooks"]).name == "_notebooks"
    assert found["documents"] > 0 and found["source"] == "bundled sample corpus"
    reports = [p for p in (ROOT / "notebooks").glob("*.ipynb") if p.name != "08_explore.ipynb"]  # 08: JupyterLab only
    assert found["reports"] == len(reports) and found["gold"]


def test_analyze_and_report_run_from_the_wheel(installed):
    work, python = installed["work"], installed["python"]
    _run([python, "-m", "analysis", "analyze", "--out", "tables"], work)
    assert (work / "tables" / "documents.csv").is_file() and (work / "tables" / "cues.csv").is_file()
    report = _run([python, "-m", "analysis", "report", "--out", "out"], work)
    assert report.stderr == "" and (work / "out" / "index.html").is_file()
    run = (work / "out" / "latest").resolve()
    pages = sorted(run.glob("*/report.html"))
    assert len(pages) >= len(list((ROOT / "notebooks").glob("*.ipynb")))
    for path in [p for p in run.rglob("*") if p.is_file()]:
        text = path.read_text(encoding="utf-8")
        for needle in (str(installed["env"]), str(work), str(ROOT)):
            assert needle not in text, (path.relative_to(run), needle)
