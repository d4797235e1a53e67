"""Reference outputs for nbval, kept out of the lesson notebooks.

Lesson notebooks are committed without outputs, so nbval has nothing to
compare against in them. Instead each ``notebooks/NN_x.ipynb`` has an executed
twin ``tests/nbval_reference/NN_x.ipynb`` holding the expected outputs. nbval
runs the twin strictly: it re-executes every cell and compares the fresh
outputs with the stored ones (after the sanitize patterns in
``tests/nbval_sanitize.cfg``).

``update`` re-executes a lesson and rewrites its twin (do this when an output
changes on purpose, and review the diff). ``check`` fails when a twin is
missing or its cells (type, source, tags) differ from the lesson's, so a
lesson edit cannot silently skip the output comparison.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

import nbformat

DEFAULT_LESSONS = Path("notebooks")
DEFAULT_REFERENCE_DIR = Path("tests/nbval_reference")
EXECUTE_TIMEOUT_S = 600
WIDGET_VIEW_MIME = "application/vnd.jupyter.widget-view+json"
STABLE_MODEL_ID = "widget-model-id"


def reference_path(lesson: Path, reference_dir: Path = DEFAULT_REFERENCE_DIR) -> Path:
    """Return where the executed twin of ``lesson`` lives."""
    return reference_dir / lesson.name


def _cell_signature(cell) -> tuple[str, str, tuple[str, ...]]:
    return (cell.cell_type, cell.source, tuple(cell.get("metadata", {}).get("tags", [])))


def differences(lesson: Path, reference: Path) -> list[str]:
    """Return lines describing how ``reference`` cells differ from ``lesson`` cells."""
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


def execute_to_reference(lesson: Path, reference: Path) -> None:
    """Execute ``lesson`` in its own folder and write the result to ``reference`` atomically."""
    from nbclient import NotebookClient

    nb = nbformat.read(lesson, as_version=4)
    NotebookClient(
        nb,
        timeout=EXECUTE_TIMEOUT_S,
        kernel_name=nb.metadata.get("kernelspec", {}).get("name", "python3"),
        resources={"metadata": {"path": str(lesson.parent.resolve())}},
        skip_cells_with_tag="nbval-skip",
    ).execute()
    # Keep the reference reviewable: no volatile execution metadata, no widget state.
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        for output in cell.get("outputs", []):
            view = output.get("data", {}).get(WIDGET_VIEW_MIME)
            if isinstance(view, dict) and "model_id" in view:
                view["model_id"] = STABLE_MODEL_ID  # random per run; nbval never compares it
    nb.metadata.pop("widgets", None)
    reference.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    fd, tmp = tempfile.mkstemp(dir=reference.parent, prefix=f".{reference.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.chmod(tmp, 0o644)  # mkstemp creates 0600; a committed file is world-readable
        os.replace(tmp, reference)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _lessons(paths: Sequence[Path]) -> list[Path]:
    if paths:
        return list(paths)
    return sorted(DEFAULT_LESSONS.glob("*.ipynb"))


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``snapshot {update,check} [lessons...]``."""
    parser = argparse.ArgumentParser(prog="coursekit snapshot", description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["update", "check"])
    parser.add_argument("lessons", nargs="*", type=Path)
    parser.add_argument("--reference-dir", type=Path, default=DEFAULT_REFERENCE_DIR)
    args = parser.parse_args(argv)
    problems: list[str] = []
    for lesson in _lessons(args.lessons):
        ref = reference_path(lesson, args.reference_dir)
        try:
            if args.action == "update":
                execute_to_reference(lesson, ref)
                print(f"wrote {ref}")
            else:
                problems.extend(differences(lesson, ref))
        except Exception as exc:  # one clear line per lesson, whatever went wrong
            first = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
            print(f"coursekit snapshot: error: {lesson}: {first}", file=sys.stderr)
            return 2
    for line in problems:
        print(line)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
