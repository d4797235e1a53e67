"""``coursekit clean``: strip outputs, execution counts and extra metadata.

Kept metadata (everything else is dropped) comes from the settings
``cell_metadata_keep`` and ``notebook_metadata_keep``; by default:

* cell level: ``tags``, ``mystnb``
* notebook level: ``kernelspec``, ``jupytext``, ``mystnb``, ``course``

With the ``kernelspec`` setting, the notebook's kernelspec is replaced by it (front ends
rewrite it when they save a notebook).

The result is written with Jupyter's own formatting (see
:func:`coursekit.nbio.dumps_notebook`), so cleaning is idempotent and a clean
notebook is byte-stable.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import cmdline
from .check import display, select_notebooks
from .config import Settings, load_settings
from .errors import ERROR, OK
from .nbio import CourseKitError, atomic_write, dumps_notebook, read_notebook

#: Metadata kept when no settings say otherwise.
CELL_METADATA_KEEP = Settings().cell_metadata_keep
NOTEBOOK_METADATA_KEEP = Settings().notebook_metadata_keep


def _keep(meta: Any, keys: Iterable[str]) -> dict[str, Any]:
    if not isinstance(meta, dict):
        return {}
    return {k: meta[k] for k in keys if k in meta}


def clean_notebook(
    nb: dict[str, Any],
    cell_keep: Iterable[str] = CELL_METADATA_KEEP,
    notebook_keep: Iterable[str] = NOTEBOOK_METADATA_KEEP,
    kernelspec: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Return a cleaned copy of a notebook (the input is not modified).

    Parameters
    ----------
    nb : dict
        Notebook JSON.
    cell_keep, notebook_keep : iterable of str
        Metadata keys kept on cells and on the notebook.
    kernelspec : dict, optional
        The book's kernelspec (setting ``kernelspec``): written into the notebook in place of
        whatever a front end left there (JupyterLab rewrites ``display_name`` on save).

    Returns
    -------
    dict
        Notebook with no outputs, no execution counts and only the kept metadata.
    """
    cell_keep, notebook_keep = tuple(cell_keep), tuple(notebook_keep)
    out = dict(nb)
    out["metadata"] = _keep(nb.get("metadata"), notebook_keep)
    if kernelspec:
        out["metadata"]["kernelspec"] = dict(sorted(kernelspec.items()))
    cells = []
    for cell in nb.get("cells", []):
        if not isinstance(cell, dict):
            cells.append(cell)
            continue
        new = dict(cell)
        new["metadata"] = _keep(cell.get("metadata"), cell_keep)
        if new.get("cell_type") == "code":
            new["outputs"] = []
            new["execution_count"] = None
        cells.append(new)
    out["cells"] = cells
    return out


@dataclass
class CleanResult:
    """Files changed (or that would change with ``--check``) and errors."""

    changed: list[Path] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def clean_file(path: Path, check_only: bool = False, settings: Settings | None = None) -> bool:
    """Clean one notebook in place.

    Parameters
    ----------
    path : Path
        Notebook file.
    check_only : bool
        Only report whether the file would change; never write.
    settings : Settings, optional
        Where the metadata keep-lists come from (default: the built-in lists).

    Returns
    -------
    bool
        Whether the file changed (or would change).

    Raises
    ------
    CourseKitError
        On unreadable/malformed notebooks, concurrent modification or a failed
        write; the original is left byte-identical.
    """
    settings = settings or Settings()
    nb, data, snap = read_notebook(path)
    cleaned = clean_notebook(nb, settings.cell_metadata_keep, settings.notebook_metadata_keep,
                             settings.kernelspec)
    new = dumps_notebook(cleaned).encode("utf-8")
    if new == data:
        return False
    if not check_only:
        atomic_write(path, new, snap)
    return True


def clean_paths(
    paths: list[Path], check_only: bool = False, settings: Settings | None = None
) -> CleanResult:
    """Clean several notebooks, continuing past per-file errors."""
    result = CleanResult()
    for path in paths:
        try:
            if clean_file(path, check_only, settings):
                result.changed.append(path)
        except CourseKitError as exc:
            result.errors.append(str(exc))
    return result


def main(argv: list[str] | None = None) -> int:
    """``coursekit clean [NOTEBOOK...] [--check]``; ``--check`` exits 1 if a file would change."""
    parser = cmdline.command_parser(
        "clean", "Strip outputs, execution counts and extra metadata from notebooks."
    )
    parser.add_argument("paths", nargs="*", type=Path, help="notebooks (default: all lessons)")
    parser.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if files would change"
    )
    cmdline.add_root_option(parser)

    def handle(args: Any) -> int:
        root = cmdline.book_root(args, args.paths)
        settings = load_settings(root)
        paths = [Path(display(p)) for p in select_notebooks(root, list(args.paths), settings)]
        result = clean_paths(paths, check_only=args.check, settings=settings)
        verb = "would clean" if args.check else "cleaned"
        status = cmdline.report((f"{verb} {display(p)}" for p in result.changed), result.errors)
        return status if (args.check or status == ERROR) else OK

    return cmdline.run(parser, handle, argv)
