"""Apply and check the course's French typography (:mod:`autograder.typography`) over the sources.

What a learner, a trainer or a jury reads lives in four kinds of places, and each is read as what it is:

- the Markdown cells of every notebook (code spans, link targets and HTML tags left alone);
- the string literals and comments of notebook code cells (the one-line French comments, the widgets' labels);
- the string literals of the installed package (messages, labels, page texts), docstrings excepted (English);
- the strings of the package's JSON data (the inbox, the jury questions).

``python -m coursetools.typography`` lists what breaks the policy; ``--fix`` rewrites it in place.
"""

from __future__ import annotations

import argparse
import ast
import io
import json
import sys
import tokenize
from collections.abc import Iterator
from pathlib import Path

import nbformat

from autograder.storage import atomic_write_text
from autograder.typography import french_spacing, markdown_spacing, spacing_problems

REPO = Path(__file__).resolve().parent.parent
NOTEBOOK_FOLDERS = ("course", "exercises", "source")
PACKAGE = "autograder"
_RAW_OR_BYTES = ("r", "b")


def _rewrite(path: Path, text: str) -> None:
    """Write ``text`` into ``path`` atomically, keeping its permissions (the sandbox's user must still read it)."""
    mode = path.stat().st_mode & 0o777
    atomic_write_text(path, text)
    path.chmod(mode)


def _docstring_positions(source: str) -> set[tuple[int, int]]:
    positions = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                if isinstance(first.value.value, str):
                    positions.add((first.lineno, first.col_offset))
    return positions


def _french_tokens(source: str, comments: bool) -> Iterator[tokenize.TokenInfo]:
    """The string literals (not docstrings, raw strings nor bytes) and, if asked, the comments of ``source``."""
    docstrings = _docstring_positions(source)
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.STRING:
            prefix = token.string[: token.string.index(token.string[-1])].lower()
            if token.start not in docstrings and not any(p in prefix for p in _RAW_OR_BYTES):
                yield token
        elif token.type == tokenize.COMMENT and comments:
            yield token


def python_spacing(source: str, *, comments: bool = False) -> str:
    """``source`` with :func:`french_spacing` applied to its French strings (and comments, if asked)."""
    lines = source.splitlines(keepends=True)
    for token in sorted(_french_tokens(source, comments), key=lambda t: t.start, reverse=True):
        (row, col), (end_row, end_col) = token.start, token.end
        fixed = french_spacing(token.string)
        if fixed != token.string:
            head, tail = lines[row - 1][:col], lines[end_row - 1][end_col:]
            lines[row - 1 : end_row] = (head + fixed + tail).splitlines(keepends=True)
    return "".join(lines)


def python_problems(source: str, *, comments: bool = False) -> list[str]:
    return [
        f"ligne {token.start[0]} {problem}"
        for token in _french_tokens(source, comments)
        for problem in spacing_problems(token.string)
    ]


def _code_cell(source: str, fix: bool) -> tuple[str, list[str]]:
    try:
        return (python_spacing(source, comments=True) if fix else source), python_problems(source, comments=True)
    except (SyntaxError, tokenize.TokenError):  # an IPython magic or a cell that is not Python
        return source, []


def notebook_problems(path: Path, *, fix: bool = False) -> list[str]:
    notebook = nbformat.read(path, as_version=4)
    problems, changed = [], False
    for number, cell in enumerate(notebook.cells, 1):
        if cell.cell_type == "markdown":
            found, fixed = spacing_problems(cell.source, markdown=True), markdown_spacing(cell.source)
        elif cell.cell_type == "code":
            fixed, found = _code_cell(cell.source, fix)
        else:
            continue
        problems += [f"{path.relative_to(REPO)}, cellule {number} : {p}" for p in found]
        if fix and fixed != cell.source:
            cell.source, changed = fixed, True
    if changed:
        _rewrite(path, nbformat.writes(notebook) + "\n")
    return problems


def python_file_problems(path: Path, *, fix: bool = False) -> list[str]:
    source = path.read_text(encoding="utf-8")
    problems = [f"{path.relative_to(REPO)}, {p}" for p in python_problems(source)]
    if fix and problems:
        _rewrite(path, python_spacing(source))
    return problems


def _json_strings(value, fix: bool, problems: list[str], where: str):
    if isinstance(value, str):
        problems += [f"{where} : {p}" for p in spacing_problems(value)]
        return french_spacing(value) if fix else value
    if isinstance(value, list):
        return [_json_strings(v, fix, problems, where) for v in value]
    if isinstance(value, dict):
        return {k: _json_strings(v, fix, problems, where) for k, v in value.items()}
    return value


def json_file_problems(path: Path, *, fix: bool = False) -> list[str]:
    problems: list[str] = []
    data = json.loads(path.read_text(encoding="utf-8"))
    fixed = _json_strings(data, fix, problems, str(path.relative_to(REPO)))
    if fix and problems:
        _rewrite(path, json.dumps(fixed, ensure_ascii=False, indent=2) + "\n")
    return problems


def sources(repo: Path = REPO) -> dict[str, list[Path]]:
    """The files the policy covers, by kind."""
    notebooks = sorted(p for folder in NOTEBOOK_FOLDERS for p in (repo / folder).rglob("*.ipynb"))
    package = repo / PACKAGE
    python = sorted(p for p in package.rglob("*.py") if "__pycache__" not in p.parts)
    data = sorted(package.rglob("*.json"))
    return {"notebook": notebooks, "python": python, "json": data}


def all_problems(repo: Path = REPO, *, fix: bool = False) -> list[str]:
    readers = {"notebook": notebook_problems, "python": python_file_problems, "json": json_file_problems}
    return [problem for kind, paths in sources(repo).items() for path in paths for problem in readers[kind](path, fix=fix)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Typographie française des notebooks et des messages du paquet.")
    parser.add_argument("--fix", action="store_true", help="corrige les fichiers en place")
    problems = all_problems(fix=parser.parse_args(argv).fix)
    print("\n".join(problems) or "Typographie conforme.")
    print(f"{len(problems)} espace(s) à corriger.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
