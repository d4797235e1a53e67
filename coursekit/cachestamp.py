"""Keep the notebook execution cache honest about local package code.

Jupyter Book's execution cache (jupyter-cache) keys each notebook on its own
cells only. When a lesson imports a package from the same repository, a change
to that package does not change the notebook, so the cached outputs go stale
and the site silently shows old figures. Sphinx, too, re-reads only documents
whose source changed, so its pickled doctrees keep the old outputs. This module
fingerprints the package sources (every file under the given folders, by path
and content) and, when the fingerprint differs from the one recorded last time,
clears the execution cache and the doctrees so that every notebook re-executes.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

DEFAULT_CACHE = Path("_build/.jupyter_cache")
#: Sphinx's pickled doctrees, next to the cache in a Jupyter Book build folder.
DOCTREES_NAME = ".doctrees"
STAMP_NAME = ".package-sources.sha256"
SKIP_PARTS = {"__pycache__", ".ipynb_checkpoints"}


def fingerprint(folders: Iterable[Path]) -> str:
    """Return a sha256 over the relative path and bytes of every file in ``folders``."""
    digest = hashlib.sha256()
    for folder in sorted(Path(f) for f in folders):
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            if SKIP_PARTS & set(path.parts) or path.suffix == ".pyc":
                continue
            digest.update(path.as_posix().encode() + b"\0")
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
    stamp.write_text(new + "\n", encoding="utf-8")
    return cleared


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``cachestamp PACKAGE_DIR... [--cache DIR]``."""
    parser = argparse.ArgumentParser(
        prog="coursekit cachestamp", description=__doc__.splitlines()[0]
    )
    parser.add_argument("folders", nargs="+", type=Path, help="local package folders")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    args = parser.parse_args(argv)
    missing = [f for f in args.folders if not f.is_dir()]
    if missing:
        print(f"coursekit cachestamp: error: not a folder: {missing[0]}", file=sys.stderr)
        return 2
    if refresh(args.cache, args.folders):
        print(f"package sources changed: cleared {args.cache} (notebooks will re-execute)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
