"""Size limits that keep the package readable: modules of at most MAX_MODULE_LINES lines and
functions of at most MAX_FUNCTION_LINES lines (docstrings and comments count; a function's
nested functions count towards it). Run by ``make lint``; prints each offender and exits 1."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

MAX_MODULE_LINES = 300
MAX_FUNCTION_LINES = 60


def oversized(root: Path) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        n_lines = len(text.splitlines())
        if n_lines > MAX_MODULE_LINES:
            found.append(f"{path}: module has {n_lines} lines (limit {MAX_MODULE_LINES})")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    found.append(
                        f"{path}:{node.lineno}: function {node.name} has {length} lines (limit {MAX_FUNCTION_LINES})"
                    )
    return found


def main(argv: list[str]) -> int:
    problems = [p for folder in (argv or ["analysis"]) for p in oversized(Path(folder))]
    print("\n".join(problems) or "sizes ok")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
