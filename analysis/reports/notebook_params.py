"""Notebook parameters: read a notebook's parameters cell, and check given values against it before running.

papermill only warns about names a notebook does not declare, and does not check types; the
report command checks both here first (``read_params_file``, ``check_parameters``), so a typo in
a parameters file stops the run with a clear message instead of rendering reports with silently
ignored settings.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import nbformat
import yaml

PARAMETERS_TAG = "parameters"
RESERVED = ("outlet", "run_id")  # set by the report command itself
# papermill's own syntax for a type on a parameter line: `name = None  # type: str|None -- help`
_TYPE_COMMENT = re.compile(r"#\s*type:\s*(\S+)")
_TYPES = {
    "str": str,
    "int": int,
    "float": float,
    "bool": bool,
    "list": list,
    "dict": dict,
    "None": type(None),
    "tuple": tuple,
}


class ParameterError(ValueError):
    """Parameters that do not match a notebook's parameters cell (the message names both)."""


@dataclass(frozen=True)
class Parameter:
    name: str
    default: object
    types: tuple[type, ...] | None  # None: any type (default None and no annotation)
    annotation: str | None = None

    def accepts(self, value) -> bool:
        if self.types is None:
            return True
        if isinstance(value, bool):
            return bool in self.types
        if isinstance(value, int) and float in self.types:
            return True
        return isinstance(value, self.types)

    @property
    def type_name(self) -> str:
        if self.annotation:
            return self.annotation
        return "any" if self.types is None else " | ".join(t.__name__ for t in self.types)


def _annotation_types(node: ast.AST, where: str) -> tuple[type, ...]:
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return _annotation_types(node.left, where) + _annotation_types(node.right, where)
    if isinstance(node, ast.Constant) and node.value is None:
        return (type(None),)
    if isinstance(node, ast.Subscript):  # list[str] -> list
        return _annotation_types(node.value, where)
    if isinstance(node, ast.Name) and node.id in _TYPES:
        return (_TYPES[node.id],)
    raise ParameterError(f"{where}: unsupported type annotation {ast.unparse(node)!r}")


def parameters_cell(nb, where: str):
    cells = [c for c in nb.cells if PARAMETERS_TAG in c.get("metadata", {}).get("tags", [])]
    if len(cells) != 1:
        raise ParameterError(f"{where}: needs exactly one cell tagged '{PARAMETERS_TAG}', found {len(cells)}")
    if cells[0].cell_type != "code":
        raise ParameterError(f"{where}: the '{PARAMETERS_TAG}' cell is not a code cell")
    return cells[0]


def parse_parameters(source: str, where: str) -> dict[str, Parameter]:
    """Parameters declared by a parameters cell's source: ``name = literal`` lines, optionally with
    papermill's type comment (``# type: str|None``) or an annotation; anything else is an error.
    Without either, the default's type is the parameter's type (a None default accepts anything)."""
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        raise ParameterError(f"{where}: parameters cell does not parse: {exc}") from exc
    found: dict[str, Parameter] = {}
    for stmt in tree.body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            name, value_node, annotation = stmt.targets[0].id, stmt.value, None
        elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.value is not None:
            name, value_node, annotation = stmt.target.id, stmt.value, stmt.annotation
        else:
            raise ParameterError(f"{where}: parameters cell line {stmt.lineno} is not `name = literal`")
        if annotation is None:
            comment = _TYPE_COMMENT.search(source.splitlines()[stmt.end_lineno - 1])
            if comment:
                try:
                    annotation = ast.parse(comment.group(1), mode="eval").body
                except SyntaxError as exc:
                    raise ParameterError(
                        f"{where}: parameter {name!r} has a bad type comment {comment.group(1)!r}"
                    ) from exc
        try:
            default = ast.literal_eval(value_node)
        except ValueError as exc:
            raise ParameterError(f"{where}: parameter {name!r} is not a literal ({ast.unparse(value_node)!r})") from exc
        if annotation is not None:
            types = _annotation_types(annotation, where)
            if not Parameter(name, default, types).accepts(default):
                raise ParameterError(
                    f"{where}: parameter {name!r} default {default!r} "
                    f"does not match its annotation {ast.unparse(annotation)}"
                )
            found[name] = Parameter(name, default, types, ast.unparse(annotation))
        elif default is None:
            found[name] = Parameter(name, default, None)
        else:
            found[name] = Parameter(name, default, (type(default),))
    return found


def notebook_parameters(path: str | Path) -> dict[str, Parameter]:
    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    return parse_parameters(parameters_cell(nb, path.name).source, path.name)


def check_values(values: dict, declared: dict[str, Parameter], where: str) -> None:
    """Raise ParameterError naming every unknown parameter and every value of the wrong type."""
    problems = []
    for name, value in sorted(values.items()):
        if name not in declared:
            problems.append(f"unknown parameter {name!r} (declared: {', '.join(sorted(declared)) or 'none'})")
        elif not declared[name].accepts(value):
            problems.append(
                f"parameter {name!r} must be {declared[name].type_name}, not {type(value).__name__} {value!r}"
            )
    if problems:
        raise ParameterError(f"{where}: " + "; ".join(problems))


def read_params_file(path: str | Path | None) -> tuple[dict, dict]:
    """(parameters for every report that declares them, {report name: its own parameters})."""
    if path is None:
        return {}, {}
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))  # YAML is a superset of JSON
    except (OSError, yaml.YAMLError) as exc:
        raise ParameterError(f"{path}: cannot be read as YAML or JSON: {exc}") from exc
    if data is None:
        return {}, {}
    if not isinstance(data, dict):
        raise ParameterError(f"{path.name}: must be a mapping of parameter names to values")
    data = dict(data)
    per_report = data.pop("reports", {}) or {}
    if not isinstance(per_report, dict) or not all(isinstance(v, dict) for v in per_report.values()):
        raise ParameterError(f"{path.name}: 'reports' must map report names to parameter mappings")
    return data, per_report


def check_parameters(specs: list, shared: dict, per_report: dict) -> None:
    """Every shared parameter must be declared by some report and have the right type there;
    every per-report parameter must be declared by that report. ``specs`` are the registry's
    ``ReportSpec``s; one ParameterError lists every problem."""
    problems = []
    for name in sorted(set(shared) | {n for v in per_report.values() for n in v}):
        if name in RESERVED:
            problems.append(f"parameter {name!r} is set by the report command and cannot be given")
    for name, value in sorted(shared.items()):
        declaring = [s for s in specs if s.takes(name)]
        if not declaring:
            known = sorted({p for s in specs for p in s.parameters if s.takes(p)} - set(RESERVED))
            problems.append(f"unknown parameter {name!r}: no report declares it (known: {', '.join(known)})")
        for spec in declaring:
            try:
                check_values({name: value}, spec.parameters, spec.notebook.name)
            except ParameterError as exc:
                problems.append(str(exc))
    names = {s.name: s for s in specs}
    for report, values in sorted(per_report.items()):
        if report not in names:
            problems.append(f"unknown report {report!r} (reports: {', '.join(names)})")
            continue
        try:
            check_values(values, names[report].parameters, names[report].notebook.name)
        except ParameterError as exc:
            problems.append(str(exc))
    if problems:
        raise ParameterError("bad parameters: " + "; ".join(problems))
