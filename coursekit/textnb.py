"""Run text notebooks (MyST ``.md``, ``.Rmd``...) top to bottom: ``coursekit test``'s step for them.

nbval reads ``.ipynb`` files only, and a text notebook stores no outputs to compare, so
``coursekit test`` checks what the build needs: every code cell runs without an error.
Each file is read with jupytext (as Jupyter Book reads it) and executed with nbclient in
the file's own folder (relative paths work as in the build), with the kernel its front
matter names. Cells tagged ``raises-exception`` may raise; ``skip-execution`` cells are
not run.

``python -m coursekit.textnb FILE...`` prints one line per failing notebook,
``file:cell: ErrorName: message`` (cell: counted from 1 over all cells, as every coursekit
command counts), and exits 1 if any failed, 2 if a file cannot be read.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import cmdline
from .errors import ERROR, FINDINGS, OK, CourseKitError

#: Seconds one cell may run.
CELL_TIMEOUT = 300


def read_text_notebook(path: Path) -> Any:
    """The notebook jupytext reads from a text file (``CourseKitError`` if it cannot)."""
    try:
        import jupytext
    except ImportError as exc:
        raise CourseKitError("jupytext is not installed; it reads text notebooks") from exc
    try:
        return jupytext.read(path)
    except OSError as exc:
        where = cmdline.display(path)
        raise CourseKitError(f"{where}: cannot read: {exc.strerror or exc}") from exc
    except Exception as exc:  # jupytext raises many kinds on malformed text
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise CourseKitError(f"{cmdline.display(path)}: jupytext cannot read it: {first}") from exc


def run_notebook(path: Path, timeout: int = CELL_TIMEOUT) -> str | None:
    """Execute one text notebook; ``None`` if every cell ran, else one line naming the failure."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    nb = read_text_notebook(path)
    for cell in nb.cells:  # nbclient itself lets raises-exception cells raise
        tags = cell.get("metadata", {}).get("tags", [])
        if cell.cell_type == "code" and "skip-execution" in tags:
            cell.source = ""
    kernel = (nb.metadata.get("kernelspec") or {}).get("name") or "python3"
    client = NotebookClient(
        nb, timeout=timeout, kernel_name=kernel,
        resources={"metadata": {"path": str(path.parent)}},
    )
    try:
        client.execute()
    except CellExecutionError as exc:
        index = next(
            (i for i, c in enumerate(nb.cells)
             if c.cell_type == "code" and any(o.get("output_type") == "error"
                                              for o in c.get("outputs", []))),
            None,
        )
        where = "-" if index is None else str(index + 1)
        return f"{cmdline.display(path)}:{where}: {exc.ename}: {exc.evalue}"
    except Exception as exc:  # no such kernel, kernel died, timeout
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        return f"{cmdline.display(path)}:-: {type(exc).__name__}: {first}"
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m coursekit.textnb FILE...``: execute text notebooks, one line per failure."""
    parser = cmdline.command_parser(
        "textnb", "Execute text notebooks (MyST .md, .Rmd) top to bottom with nbclient."
    )
    parser.add_argument("paths", nargs="+", type=Path, help="text notebooks")

    def handle(args: Any) -> int:
        failures, errors = [], []
        for path in args.paths:
            try:
                problem = run_notebook(path)
            except CourseKitError as exc:
                errors.append(str(exc))
                continue
            print(f"{cmdline.display(path)}: {'FAILED' if problem else 'ok'}", file=sys.stderr)
            if problem:
                failures.append(problem)
        status = cmdline.report(failures, errors)
        return status if status in (OK, FINDINGS, ERROR) else ERROR

    return cmdline.run(parser, handle, argv)


if __name__ == "__main__":
    sys.exit(main())
