"""Keep the notebook execution cache honest about local package code.

Jupyter Book's execution cache (jupyter-cache) keys each notebook on its own
cells only. When a lesson imports a package from the same repository, a change
to that package does not change the notebook, so the cached outputs go stale
and the site silently shows old figures. Sphinx, too, re-reads only documents
whose source changed, so its pickled doctrees keep the old outputs. This module
fingerprints the package sources (every file under the watched folders, by
path and content) and, when the fingerprint differs from the one recorded last
time, clears the execution cache and the doctrees so that every notebook
re-executes.

The watched folders are the ``watch`` setting of ``[tool.coursekit]`` (folders
that do not exist are skipped), or the folders given on the command line.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
from collections.abc import Iterable, Sequence
from pathlib import Path

from . import cmdline
from .config import existing_folders, load_settings
from .errors import CourseKitError
from .nbio import atomic_write

DEFAULT_CACHE = Path("_build/.jupyter_cache")
#: Sphinx's pickled doctrees, next to the cache in a Jupyter Book build folder.
DOCTREES_NAME = ".doctrees"
STAMP_NAME = ".package-sources.sha256"
SKIP_PARTS = {"__pycache__", ".ipynb_checkpoints"}


def fingerprint(folders: Iterable[Path]) -> str:
    """Return a sha256 over the bytes of every file in ``folders`` and its path.

    Paths are taken relative to each folder's parent, so the fingerprint does
    not depend on whether the folders were named by absolute or relative paths.
    """
    digest = hashlib.sha256()
    for folder in sorted(Path(f) for f in folders):
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            if SKIP_PARTS & set(path.parts) or path.suffix == ".pyc":
                continue
            name = (Path(folder.name) / path.relative_to(folder)).as_posix()
            digest.update(name.encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def refresh(cache: Path, folders: Iterable[Path]) -> bool:
    """Clear ``cache`` if the package fingerprint changed; return True if it was cleared."""
    stamp = cache.parent / STAMP_NAME
    new = fingerprint(folders)
    old = stamp.read_text(encoding="utf-8").strip() if stamp.is_file() else None
    cleared = False
    if old != new:
        for folder in (cache, cache.parent / DOCTREES_NAME):
            if folder.exists():
                shutil.rmtree(folder)
                cleared = True
    stamp.parent.mkdir(parents=True, exist_ok=True)
    if old != new:
        atomic_write(stamp, new + "\n")
    return cleared


def refresh_from_settings(root: Path) -> bool:
    """Refresh ``root``'s execution cache against the book's ``watch`` folders.

    Folders listed in ``watch`` that do not exist are skipped; with nothing to
    watch, nothing is done.

    Returns
    -------
    bool
        Whether the cache was cleared.
    """
    settings = load_settings(root)
    if not settings.watch:
        return False
    return refresh(root / DEFAULT_CACHE, existing_folders(root, settings.watch))


def main(argv: Sequence[str] | None = None) -> int:
    """``coursekit cachestamp [FOLDER...] [--cache DIR]``; no folders: the ``watch`` setting."""
    parser = cmdline.command_parser("cachestamp", __doc__.splitlines()[0])
    parser.add_argument(
        "folders", nargs="*", type=Path, help="package folders (default: the watch setting)"
    )
    parser.add_argument(
        "--cache", type=Path, default=None, help=f"execution cache (default: {DEFAULT_CACHE})"
    )
    cmdline.add_root_option(parser)

    def handle(args: argparse.Namespace) -> int:
        if args.folders:
            missing = [f for f in args.folders if not f.is_dir()]
            if missing:
                raise CourseKitError(f"not a folder: {missing[0]}")
            folders = list(args.folders)
            cache = args.cache or DEFAULT_CACHE
        else:
            root = cmdline.book_root(args)
            watch = load_settings(root).watch
            if not watch:
                return 0  # nothing watched
            folders = existing_folders(root, watch)
            cache = args.cache or root / DEFAULT_CACHE
        if refresh(cache, folders):
            print(
                f"package sources changed: cleared {cmdline.display(cache)}"
                " (notebooks will re-execute)"
            )
        return 0

    return cmdline.run(parser, handle, argv)


if __name__ == "__main__":
    raise SystemExit(main())
