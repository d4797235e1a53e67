"""Reference outputs for nbval, kept out of the lesson notebooks.

Lesson notebooks are committed without outputs, so nbval has nothing to
compare against in them. Instead each lesson ``NN_x.ipynb`` has an executed
twin of the same name in the book's ``reference_dir`` (a ``[tool.coursekit]``
setting) holding the expected outputs. nbval runs the twin strictly: it
re-executes every cell and compares the fresh outputs with the stored ones
(after the patterns of the ``nbval_sanitize`` file).

``update`` re-executes a lesson and rewrites its twin (do this when an output
changes on purpose, and review the diff). ``check`` fails when a twin is
missing or its cells (type, source, tags) differ from the lesson's, so a
lesson edit cannot silently skip the output comparison.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import nbformat

from . import cmdline
from .check import Project, display, lesson_files
from .config import load_settings
from .errors import CourseKitError
from .nbio import Snapshot, atomic_write, read_bytes

EXECUTE_TIMEOUT_S = 600
WIDGET_VIEW_MIME = "application/vnd.jupyter.widget-view+json"
STABLE_MODEL_ID = "widget-model-id"


def reference_path(lesson: Path, reference_dir: Path) -> Path:
    """Return where the executed twin of ``lesson`` lives."""
    return reference_dir / lesson.name


def _cell_signature(cell) -> tuple[str, str, tuple[str, ...]]:
    return (cell.cell_type, cell.source, tuple(cell.get("metadata", {}).get("tags", [])))


def differences(lesson: Path, reference: Path) -> list[str]:
    """Return lines describing how ``reference`` cells differ from ``lesson`` cells.

    The first differing cell is named ``cell N``: coursekit's one numbering, 1-based over
    all cells as Jupyter shows them (the number ``check``, ``lint`` and ruff print).
    """
    if not reference.is_file():
        return [f"{reference}: missing (run: coursekit snapshot update {lesson})"]
    nb = nbformat.read(lesson, as_version=4)
    ref = nbformat.read(reference, as_version=4)
    problems = []
    if len(nb.cells) != len(ref.cells):
        problems.append(f"{reference}: {len(ref.cells)} cells, lesson has {len(nb.cells)}")
    for i, (a, b) in enumerate(zip(nb.cells, ref.cells, strict=False), start=1):
        if _cell_signature(a) != _cell_signature(b):
            problems.append(f"{reference}:cell {i}: differs from {lesson}")
            break
    if problems:
        problems.append(f"{reference}: out of date (run: coursekit snapshot update {lesson})")
    return problems


def execute(lesson: Path) -> Any:
    """Execute ``lesson`` in its own folder; return the notebook ready to store as a twin.

    Volatile execution metadata and widget state are dropped and widget model
    ids made stable, so a re-run with the same outputs gives the same file.

    Raises
    ------
    CourseKitError
        One line (the last line of the error) when the notebook cannot be read
        or a cell fails.
    """
    from nbclient import NotebookClient

    try:
        nb = nbformat.read(lesson, as_version=4)
        NotebookClient(
            nb,
            timeout=EXECUTE_TIMEOUT_S,
            kernel_name=nb.metadata.get("kernelspec", {}).get("name", "python3"),
            resources={"metadata": {"path": str(lesson.parent.resolve())}},
            skip_cells_with_tag="nbval-skip",
        ).execute()
    except Exception as exc:  # one clear line per lesson, whatever went wrong
        text = str(exc).strip()
        last = text.splitlines()[-1] if text else type(exc).__name__
        raise CourseKitError(f"{lesson}: {last}") from exc
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        for output in cell.get("outputs", []):
            view = output.get("data", {}).get(WIDGET_VIEW_MIME)
            if isinstance(view, dict) and "model_id" in view:
                view["model_id"] = STABLE_MODEL_ID  # random per run; nbval never compares it
    nb.metadata.pop("widgets", None)
    return nb


def twin_text(nb: Any) -> str:
    """The twin's file content (sorted keys, one-space indent, UTF-8 kept)."""
    return json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def write_reference(nb: Any, reference: Path, expected: Snapshot | None) -> None:
    """Write a twin with :func:`coursekit.nbio.atomic_write`.

    Parameters
    ----------
    nb : notebook
        Executed notebook (see :func:`execute`).
    reference : Path
        Twin file.
    expected : Snapshot or None
        The twin as read before executing (``None``: there was no twin, and it
        is created only if nobody created one meanwhile).
    """
    reference.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(reference, twin_text(nb), expected, create=expected is None)


def execute_to_reference(lesson: Path, reference: Path) -> None:
    """Execute ``lesson`` and write the result to ``reference``.

    A twin edited or created while the lesson runs is not overwritten.
    """
    expected = read_bytes(reference)[1] if reference.is_file() else None
    write_reference(execute(lesson), reference, expected)


def main(argv: Sequence[str] | None = None) -> int:
    """``coursekit snapshot {update,check} [LESSON...]``; ``check`` exits 1 on stale twins."""
    parser = cmdline.command_parser("snapshot", __doc__.splitlines()[0])
    parser.add_argument("action", choices=["update", "check"])
    parser.add_argument("lessons", nargs="*", type=Path, help="default: every lesson")
    parser.add_argument(
        "--reference-dir", type=Path, default=None, help="twin folder (default: reference_dir)"
    )
    cmdline.add_root_option(parser)

    def handle(args: argparse.Namespace) -> int:
        root = cmdline.book_root(args, args.lessons)
        settings = load_settings(root)
        ref_dir = args.reference_dir
        if ref_dir is None:
            if settings.reference_dir is None:
                raise CourseKitError(
                    "no twin folder: set reference_dir in [tool.coursekit] or pass --reference-dir"
                )
            ref_dir = root / settings.reference_dir
        lessons = list(args.lessons) or lesson_files(Project(root, settings))
        problems: list[str] = []
        for lesson in lessons:
            lesson, ref = Path(display(lesson)), Path(display(reference_path(lesson, ref_dir)))
            if not lesson.is_file():
                raise CourseKitError(f"{lesson}: no such file")
            if args.action == "update":
                execute_to_reference(lesson, ref)
                print(f"wrote {ref}")
            else:
                try:
                    problems.extend(differences(lesson, ref))
                except (OSError, ValueError) as exc:  # unreadable or not a notebook
                    first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
                    raise CourseKitError(f"{lesson}: {first}") from exc
        return cmdline.report(problems)

    return cmdline.run(parser, handle, argv)


if __name__ == "__main__":
    raise SystemExit(main())
