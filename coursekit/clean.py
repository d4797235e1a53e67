"""``coursekit clean``: strip outputs, execution counts and extra metadata.

Kept metadata (everything else is dropped) comes from the settings
``cell_metadata_keep`` and ``notebook_metadata_keep``; by default:

* cell level: ``tags``, ``mystnb``
* notebook level: ``kernelspec``, ``jupytext``, ``mystnb``, ``course``

A notebook the book does not execute (``execute.execute_notebooks: off``, or matched by
``execute.exclude_patterns`` in ``_config.yml``) keeps its outputs and execution counts:
the site shows them. Only its metadata is cleaned.

Without paths, ``clean`` acts on the book's ``.ipynb`` lessons: the notebooks ``_toc.yml``
lists, in any folder, plus those under ``notebooks_dir`` when that setting is given (MyST
``.md`` notebooks have no outputs to strip).

With the ``kernelspec`` setting, the notebook's kernelspec is replaced by it (front ends
rewrite it when they save a notebook).

The result is written with Jupyter's own formatting (see
:func:`coursekit.nbio.dumps_notebook`), so cleaning is idempotent and a clean
notebook is byte-stable.

A notebook that would still break the nbformat schema after cleaning is not
written (one-line error naming the problem; ``coursekit check`` lists them all).
An nbformat 1-3 notebook is refused too, unless ``--upgrade-nbformat`` is given:
it is then converted to nbformat 4 with ``nbformat.convert``, cleaned and written
in one atomic replace.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import cmdline
from .book import Book
from .check import display, schema_error, select_notebooks
from .config import Settings, load_settings
from .errors import ERROR, OK
from .nbio import (
    UPGRADABLE_NBFORMAT,
    CourseKitError,
    atomic_write,
    dumps_notebook,
    read_notebook,
)

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
    keep_outputs: bool = False,
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
    keep_outputs : bool
        Keep outputs and execution counts (a notebook the book does not execute).

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
        if new.get("cell_type") == "code" and not keep_outputs:
            new["outputs"] = []
            new["execution_count"] = None
        cells.append(new)
    out["cells"] = cells
    return out


@dataclass
class CleanResult:
    """Files changed (or that would change with ``--check``), upgraded ones, and errors."""

    changed: list[Path] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    #: Changed files that were nbformat 1-3 (upgraded to 4), with their old major version.
    upgraded: dict[Path, int] = field(default_factory=dict)


def _clean(
    path: Path, check_only: bool, settings: Settings, upgrade: bool, book: Book | None = None
) -> tuple[bool, int | None]:
    """Clean one notebook; returns (changed, old nbformat major if it was upgraded)."""
    nb, data, snap = read_notebook(path, upgrade=upgrade)
    keep_outputs = book is not None and not book.executes(path)
    cleaned = clean_notebook(nb, settings.cell_metadata_keep, settings.notebook_metadata_keep,
                             settings.kernelspec, keep_outputs)
    problem = schema_error(cleaned)
    if problem is not None:
        raise CourseKitError(
            f"{path}: not a valid notebook (nbformat schema: {problem[1]}); not cleaned"
        )
    new = dumps_notebook(cleaned).encode("utf-8")
    if new == data:
        return False, None
    if not check_only:
        atomic_write(path, new, snap)
    old_major = json.loads(data).get("nbformat") if upgrade else None
    return True, old_major if old_major in UPGRADABLE_NBFORMAT else None


def clean_file(
    path: Path,
    check_only: bool = False,
    settings: Settings | None = None,
    *,
    upgrade: bool = False,
    book: Book | None = None,
) -> bool:
    """Clean one notebook in place.

    Parameters
    ----------
    path : Path
        Notebook file.
    check_only : bool
        Only report whether the file would change; never write.
    settings : Settings, optional
        Where the metadata keep-lists come from (default: the built-in lists).
    upgrade : bool, optional
        Convert an nbformat 1-3 notebook to nbformat 4 instead of refusing it.
    book : Book, optional
        The book, whose execution settings say which notebooks keep their outputs
        (default: every notebook is stripped).

    Returns
    -------
    bool
        Whether the file changed (or would change).

    Raises
    ------
    CourseKitError
        On unreadable/malformed notebooks (including one still schema-invalid
        once cleaned, and nbformat 1-3 without ``upgrade``), a file that may
        not be rewritten (read-only, hard-linked; see
        :func:`coursekit.nbio.writable_target`), concurrent modification or a
        failed write; the original is left byte-identical.
    """
    return _clean(path, check_only, settings or Settings(), upgrade, book)[0]


def clean_paths(
    paths: list[Path],
    check_only: bool = False,
    settings: Settings | None = None,
    *,
    upgrade: bool = False,
    book: Book | None = None,
) -> CleanResult:
    """Clean several notebooks, continuing past per-file errors (see :func:`clean_file`)."""
    result = CleanResult()
    for path in paths:
        try:
            changed, old_major = _clean(path, check_only, settings or Settings(), upgrade, book)
        except CourseKitError as exc:
            result.errors.append(str(exc))
            continue
        if changed:
            result.changed.append(path)
            if old_major is not None:
                result.upgraded[path] = old_major
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
    parser.add_argument(
        "--upgrade-nbformat",
        action="store_true",
        help="convert nbformat 1-3 notebooks to nbformat 4 (nbformat.convert) as they are cleaned",
    )
    cmdline.add_root_option(parser)

    def handle(args: Any) -> int:
        root = cmdline.book_root(args, args.paths)
        settings = load_settings(root)
        book = Book(root, settings)
        if book.config_error is not None:  # its execution settings decide what is stripped
            raise CourseKitError(book.config_error)
        paths = [Path(display(p)) for p in select_notebooks(root, list(args.paths), settings)]
        result = clean_paths(
            paths, check_only=args.check, settings=settings, upgrade=args.upgrade_nbformat,
            book=book,
        )
        verb = "would clean" if args.check else "cleaned"

        def line(p: Path) -> str:
            old = result.upgraded.get(p)
            note = f" (upgraded from nbformat {old} to 4)" if old is not None else ""
            return f"{verb} {display(p)}{note}"

        status = cmdline.report((line(p) for p in result.changed), result.errors)
        return status if (args.check or status == ERROR) else OK

    return cmdline.run(parser, handle, argv)
