"""Pack a built site into one zip file to use offline.

    python -m coursekit.sitezip [HTML_DIR] [ZIP_PATH]

(defaults: ``_build/html`` and ``_build/course-site.zip``; ``./scripts/build --zip`` runs it).

Every file of ``HTML_DIR`` goes under one folder named after the zip (``course-site/``), with
a ``README.txt`` beside it that says how to open the site. The zip is the same bytes for the
same site (sorted names, fixed dates) and is written atomically (``nbio.atomic_write``).
"""

from __future__ import annotations

import argparse
import io
import sys
import zipfile
from pathlib import Path

from .errors import CourseKitError
from .nbio import atomic_write

__all__ = ["README", "main", "zip_site"]

#: Fixed date of every entry, so the same site gives the same zip.
_DATE = (2020, 1, 1, 0, 0, 0)

README = """This folder is the course site, to use without an internet connection.

Open index.html in a web browser. Everything works from the file, except two things that
browsers only allow from a web server: the search results show page titles only (no text
snippets), and the download button cannot save a lesson notebook. For those, serve the folder
(Python 3 is enough) and open the address it prints:

    python3 -m http.server -d {folder} 8000 --bind 127.0.0.1

then go to http://127.0.0.1:8000/
"""


def zip_site(html_dir: Path, zip_path: Path) -> Path:
    """Write ``zip_path`` holding every file of ``html_dir`` under a folder named after the
    zip, plus a README.txt; return ``zip_path``."""
    html_dir = Path(html_dir)
    zip_path = Path(zip_path)
    if not (html_dir / "index.html").is_file():
        raise CourseKitError(f"{html_dir} has no index.html: build the site first")
    folder = zip_path.stem
    files = sorted(p for p in html_dir.rglob("*") if p.is_file())
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        _add(archive, f"{folder}/README.txt", README.format(folder=folder).encode())
        for path in files:
            if path.resolve() == zip_path.resolve():
                continue
            _add(archive, f"{folder}/{path.relative_to(html_dir).as_posix()}", path.read_bytes())
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(zip_path, buffer.getvalue())  # the old zip stays whole until the new one is
    return zip_path


def _add(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, data)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m coursekit.sitezip",
                                     description="Pack a built site into a zip file.")
    parser.add_argument("html_dir", nargs="?", default="_build/html", type=Path)
    parser.add_argument("zip_path", nargs="?", default="_build/course-site.zip", type=Path)
    args = parser.parse_args(argv)
    try:
        path = zip_site(args.html_dir, args.zip_path)
    except CourseKitError as error:
        print(f"coursekit.sitezip: error: {error}", file=sys.stderr)
        return 1
    print(f"Wrote {path} ({path.stat().st_size / 2**20:.1f} MiB). Unzip it and open "
          f"{path.stem}/index.html (README.txt says how to serve it).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
