"""Turn a Jupyter Book build log into one clear line per problem.

A failing notebook shows up in the Sphinx log as a long traceback. Authors need
the notebook, the cell and the error. :func:`summarise` finds each
``<file>: WARNING: Executing notebook failed`` block, matches the quoted cell
source back to the notebook to get the cell number (1-based, counting all
cells, as Jupyter shows them: coursekit's one numbering, which ``check``, ``lint``
and ruff print too), and reports the exception line. Other warnings and errors
are passed through, one line each.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Sequence
from pathlib import Path

import nbformat

from . import cmdline
from .errors import CourseKitError

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_FAILED = re.compile(r"^(?P<file>\S+\.(?:ipynb|md)): WARNING: Executing notebook failed", re.M)
_CELL_SRC = re.compile(
    r"An error occurred while executing the following cell:\n-+\n(?P<src>.*?)\n-+\n", re.S
)
_EXC_LINE = re.compile(
    r"^(?P<exc>(?!nbclient\.|myst_nb\.)[A-Za-z_][\w.]*(?:Error|Exception|Interrupt|Exit): .*)$",
    re.M,
)
_OTHER = re.compile(r"^(?P<line>\S.*?: (?:WARNING|ERROR|CRITICAL): .*)$", re.M)


def strip_ansi(text: str) -> str:
    """Remove terminal colour codes."""
    return _ANSI.sub("", text)


def locate_cell(notebook: Path, source: str) -> int | None:
    """Return the 1-based index of the cell whose source equals ``source``, if any."""
    try:
        nb = nbformat.read(notebook, as_version=4)
    except (OSError, ValueError):
        return None
    for i, cell in enumerate(nb.cells, start=1):
        if cell.cell_type == "code" and cell.source.strip() == source.strip():
            return i
    return None


def summarise(log: str) -> list[str]:
    """Return one line per failure or warning in a build log.

    Notebook execution failures read ``<notebook>:cell <n>: <Exception>: <message>``.
    """
    log = strip_ansi(log)
    lines: list[str] = []
    failed_files: set[str] = set()
    for match in _FAILED.finditer(log):
        path = match.group("file")
        if path in failed_files:
            continue
        failed_files.add(path)
        block = log[match.end() :]
        nxt = _FAILED.search(block)
        block = block[: nxt.start()] if nxt else block
        src = _CELL_SRC.search(block)
        cell = locate_cell(Path(path), src.group("src")) if src else None
        after = block[src.end() :] if src else block
        exc = _EXC_LINE.search(after)
        where = f"{path}:cell {cell}" if cell else f"{path}:cell ?"
        lines.append(f"{where}: {exc.group('exc').strip() if exc else 'execution failed'}")
    for match in _OTHER.finditer(log):
        line = match.group("line")
        if not any(line.startswith(f) for f in failed_files):
            lines.append(line)
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    """``coursekit buildlog LOG``: one line per problem; exit 1 if the log has any."""
    parser = cmdline.command_parser("buildlog", __doc__.splitlines()[0])
    parser.add_argument("log", type=Path)

    def handle(args: argparse.Namespace) -> int:
        try:
            text = args.log.read_text(encoding="utf-8", errors="replace")
        except OSError as exc:
            raise CourseKitError(f"{args.log}: cannot read: {exc.strerror or exc}") from exc
        return cmdline.report(summarise(text))

    return cmdline.run(parser, handle, argv)


if __name__ == "__main__":
    raise SystemExit(main())
