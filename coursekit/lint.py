"""``coursekit lint``: run ruff on the code cells of the lessons and their twins.

CI runs ``ruff check .`` over the whole repository, notebooks included, so lesson code that
``coursekit check`` lets through could still fail there. ``coursekit lint`` runs the same ruff
with the same configuration before that happens:

* the files: without paths, every ``.ipynb`` lesson (the notebooks ``_toc.yml`` lists, plus
  those under ``notebooks_dir``) and every ``.ipynb`` in ``reference_dir``, the executed nbval
  twins; with paths, the notebooks named (folders searched) and the twins of those lessons;
* the configuration: ruff's own, found as ``ruff check .`` finds it (the nearest
  ``pyproject.toml`` with ``[tool.ruff]``, ``ruff.toml`` or ``.ruff.toml`` above each file),
  with ruff run from the book root; its excludes apply to named files too
  (``--force-exclude``), and nothing is fixed (``--no-fix``);
* the ruff: the one installed with this Python (``python -m ruff``), else ``ruff`` on ``PATH``.

Findings print as ``file:cell:rule message (line N)``: ``cell`` in coursekit's one numbering
(1-based over all cells, as Jupyter shows them and ruff counts), ``rule`` ruff's code (such
as ``F401``) and ``N`` the line inside the cell; ``-`` for a file-level problem (a file that
is not valid JSON). A cell line ending in ``# noqa: CODE`` silences one finding, as in ruff.

ruff reads ``.ipynb`` and Python files only: MyST markdown notebooks (``.md``) and other text
notebooks (``.Rmd``) are not linted, and a note on stderr says how many were left out.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from . import cmdline
from .check import Project, lesson_files, select_notebooks
from .config import Settings, display, load_settings
from .errors import CourseKitError

#: How :func:`ruff_command` looks for ruff (tests replace them).
_find_spec = importlib.util.find_spec
_which = shutil.which
#: A line of the source excerpt in ruff's error reports (``2 | line-length = "x"``).
GUTTER = re.compile(r"^\d*\s*\|")
#: What ruff is asked for: JSON findings, the config's excludes honoured, no fixes written.
RUFF_ARGS = ("check", "--output-format", "json", "--force-exclude", "--no-fix", "--quiet")


@dataclass(frozen=True)
class LintFinding:
    """One ruff finding in a notebook.

    Attributes
    ----------
    path : Path
        The notebook.
    cell : int or None
        1-based cell number over all cells (ruff's and coursekit's), ``None``: the file.
    line : int
        1-based line inside the cell.
    code : str
        ruff's rule code (``F401``; ``invalid-syntax`` for code ruff cannot parse).
    message : str
        ruff's message.
    """

    path: Path
    cell: int | None
    line: int
    code: str
    message: str

    def format(self) -> str:
        """Render as ``file:cell:rule message (line N)``, like ``coursekit check``."""
        if self.cell is None:
            return f"{display(self.path)}:-:{self.code} {self.message}"
        return f"{display(self.path)}:{self.cell}:{self.code} {self.message} (line {self.line})"


def ruff_command() -> list[str]:
    """The ruff to run: this Python's (``python -m ruff``), else the one on ``PATH``.

    Raises
    ------
    CourseKitError
        When there is neither.
    """
    if _find_spec("ruff") is not None:
        return [sys.executable, "-m", "ruff"]
    found = _which("ruff")
    if found:
        return [found]
    raise CourseKitError(
        "ruff is not installed; coursekit lint needs it (pip install ruff, or ./scripts/lab "
        "sets up .venv with it)"
    )


def twin_dir(root: Path, settings: Settings) -> Path | None:
    """The folder of executed twins (``reference_dir``), when set and present."""
    if settings.reference_dir is None:
        return None
    folder = root / settings.reference_dir
    return folder if folder.is_dir() else None


def _is_notebook_path(path: Path) -> bool:
    return path.suffix == ".ipynb" and ".ipynb_checkpoints" not in path.parts


def lint_targets(root: Path, settings: Settings, paths: Sequence[Path]) -> tuple[list[Path], int]:
    """The notebooks to lint and how many text notebooks were left out (ruff cannot read them).

    Parameters
    ----------
    root : Path
        Book root.
    settings : Settings
        The book's settings (``notebooks_dir``, ``reference_dir``).
    paths : sequence of Path
        Files or folders named on the command line; empty: the whole book.

    Raises
    ------
    CourseKitError
        For a missing path, or (no paths) a book whose lesson list cannot be read.
    """
    twins = twin_dir(root, settings)
    skipped = 0
    if not paths:
        files = select_notebooks(root, [], settings)
        text = [p for p in lesson_files(Project(root, settings), text=True) if p.suffix != ".ipynb"]
        skipped = len(text)
        if twins is not None:
            files += sorted(p for p in twins.glob("*.ipynb") if p.is_file())
    else:
        files = []
        for path in paths:
            if path.is_dir():
                files += sorted(p for p in path.rglob("*.ipynb") if _is_notebook_path(p))
            elif path.is_file() and path.suffix == ".ipynb":
                files.append(path)
            elif path.is_file():
                skipped += 1  # a MyST .md, an .Rmd: ruff reads .ipynb and .py only
            else:
                raise CourseKitError(f"{display(path)}: no such file")
        if twins is not None:  # a lesson's twin holds the same code and CI lints it too
            files += [twins / p.name for p in list(files) if (twins / p.name).is_file()]
    unique: dict[Path, Path] = {}
    for path in files:
        unique.setdefault(path.resolve(), path)
    return list(unique.values()), skipped


def parse_ruff_json(text: str) -> list[LintFinding]:
    """ruff's ``--output-format json`` as findings, sorted by file, cell and line."""
    try:
        items = json.loads(text or "[]")
    except json.JSONDecodeError as exc:
        raise CourseKitError(f"ruff printed something that is not JSON ({exc.msg})") from exc
    found = []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict):
            continue
        location = item.get("location") or {}
        cell = item.get("cell")
        found.append(
            LintFinding(
                Path(str(item.get("filename", "?"))),
                cell if isinstance(cell, int) else None,
                int(location.get("row") or 1),
                str(item.get("code") or item.get("name") or "ruff"),
                " ".join(str(item.get("message", "")).split()),
            )
        )
    return sorted(found, key=lambda f: (display(f.path), f.cell or 0, f.line, f.code))


def run_ruff(root: Path, files: Sequence[Path]) -> list[LintFinding]:
    """Run ruff on ``files`` from ``root`` (its own configuration discovery) and parse it.

    Raises
    ------
    CourseKitError
        When ruff is missing, or fails (a bad configuration: its first error line).
    """
    if not files:
        return []
    command = [*ruff_command(), *RUFF_ARGS, *(str(Path(f).resolve()) for f in files)]
    try:
        done = subprocess.run(command, cwd=root, capture_output=True, text=True, check=False)
    except OSError as exc:
        raise CourseKitError(f"cannot run ruff: {exc.strerror or exc}") from exc
    if done.returncode not in (0, 1):
        raise CourseKitError(
            f"ruff failed (status {done.returncode}): {ruff_error(done.stderr) or 'no message'}"
        )
    return parse_ruff_json(done.stdout)


def ruff_error(stderr: str) -> str:
    """ruff's error report in one line: its ``Cause:`` lines and the final explanation.

    ruff prints ``ruff failed``, then ``Cause: ...`` lines, then maybe a quoted source
    excerpt (lines with a ``|`` gutter) and a last line saying what is wrong.
    """
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    causes = [line.removeprefix("Cause:").strip() for line in lines if line.startswith("Cause:")]
    rest = [
        line for line in lines
        if not line.startswith("Cause:") and line != "ruff failed" and not GUTTER.match(line)
    ]
    return ": ".join(causes + rest[-1:])


def main(argv: Sequence[str] | None = None) -> int:
    """``coursekit lint [PATH...]``: ruff findings in lesson code; 1 if any, 2 without ruff."""
    parser = cmdline.command_parser(
        "lint",
        "Run ruff on the code cells of the .ipynb lessons and their nbval twins, with the "
        "project's own ruff configuration (as CI's ruff check). MyST .md notebooks are not "
        "linted: ruff cannot read them.",
    )
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        help="notebooks or folders (default: every .ipynb lesson and every twin)",
    )
    cmdline.add_root_option(parser)

    def handle(args: argparse.Namespace) -> int:
        root = cmdline.book_root(args, args.paths)
        settings = load_settings(root)
        files, skipped = lint_targets(root, settings, list(args.paths))
        findings = run_ruff(root, files)
        if skipped:
            noun = "text notebook" if skipped == 1 else "text notebooks"
            print(
                f"coursekit: note: {skipped} {noun} (MyST .md, .Rmd) not linted: ruff "
                "reads .ipynb only",
                file=sys.stderr,
            )
        return cmdline.report(f.format() for f in findings)

    return cmdline.run(parser, handle, argv)


if __name__ == "__main__":
    raise SystemExit(main())
