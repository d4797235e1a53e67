"""``coursekit clean``: strip outputs, execution counts and extra metadata.

Kept metadata (everything else is dropped):

* cell level: ``tags``, ``mystnb``
* notebook level: ``kernelspec``, ``jupytext``, ``mystnb``, ``course``

The result is written with Jupyter's own formatting (see
:func:`coursekit.nbio.dumps_notebook`), so cleaning is idempotent and a clean
notebook is byte-stable.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .nbio import CourseKitError, atomic_write, dumps_notebook, read_notebook

CELL_METADATA_KEEP = ("tags", "mystnb")
NOTEBOOK_METADATA_KEEP = ("kernelspec", "jupytext", "mystnb", "course")


def _keep(meta: Any, keys: tuple[str, ...]) -> dict[str, Any]:
    if not isinstance(meta, dict):
        return {}
    return {k: meta[k] for k in keys if k in meta}


def clean_notebook(nb: dict[str, Any]) -> dict[str, Any]:
    """Return a cleaned copy of a notebook (the input is not modified).

    Parameters
    ----------
    nb : dict
        Notebook JSON.

    Returns
    -------
    dict
        Notebook with no outputs, no execution counts and whitelisted metadata.
    """
    out = dict(nb)
    out["metadata"] = _keep(nb.get("metadata"), NOTEBOOK_METADATA_KEEP)
    cells = []
    for cell in nb.get("cells", []):
        if not isinstance(cell, dict):
            cells.append(cell)
            continue
        new = dict(cell)
        new["metadata"] = _keep(cell.get("metadata"), CELL_METADATA_KEEP)
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


def clean_file(path: Path, check_only: bool = False) -> bool:
    """Clean one notebook in place.

    Parameters
    ----------
    path : Path
        Notebook file.
    check_only : bool
        Only report whether the file would change; never write.

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
    nb, data, snap = read_notebook(path)
    new = dumps_notebook(clean_notebook(nb)).encode("utf-8")
    if new == data:
        return False
    if not check_only:
        atomic_write(path, new, snap)
    return True


def clean_paths(paths: list[Path], check_only: bool = False) -> CleanResult:
    """Clean several notebooks, continuing past per-file errors."""
    result = CleanResult()
    for path in paths:
        try:
            if clean_file(path, check_only):
                result.changed.append(path)
        except CourseKitError as exc:
            result.errors.append(str(exc))
    return result
