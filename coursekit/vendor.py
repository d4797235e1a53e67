"""Self-hosted front-end assets: a manifest, a refresher and a checker.

A course site must work offline, so every script it loads is copied into the
book (the folder of the ``vendor_dir`` setting, or ``--dir``) and described in
``MANIFEST.json`` beside the files::

    {"files": [{"path": "requirejs/require.js", "registry": "npm",
                "package": "requirejs", "version": "2.3.8",
                "source": "require.js", "license": "MIT",
                "sha256": "..."}]}

``path`` is relative to the manifest's folder; ``source`` is the file's path
inside the package (npm tarball under ``package/``, or a wheel's root).

A file built from npm packages (a partial bundle) names its recipe in ``build``: a folder,
relative to the manifest's folder, with a pinned ``package.json`` and ``package-lock.json``
and a ``build.js`` that writes ``out/<source>``. ``refresh`` runs ``npm ci`` and
``node build.js`` in a copy of that folder; ``package``/``version`` name the main input.

``refresh`` fetches each listed package version from its registry (``npm pack``
or ``pip download``), copies the files and rewrites the hashes. ``check``
recomputes the hashes of the committed files and reports any mismatch.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from . import cmdline
from .config import load_settings
from .errors import CourseKitError
from .nbio import Snapshot, atomic_write, read_bytes

MANIFEST_NAME = "MANIFEST.json"
REGISTRIES = ("npm", "pypi")


@dataclass(frozen=True)
class VendoredFile:
    """One self-hosted file and where it comes from."""

    path: str
    registry: str
    package: str
    version: str
    source: str
    license: str
    sha256: str = ""
    #: recipe folder (relative to the manifest's folder) for a file built from npm packages
    build: str = ""


def sha256_of(path: Path) -> str:
    """Return the hex sha256 digest of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _read_manifest(vendor_dir: Path) -> tuple[list[VendoredFile], Snapshot]:
    manifest = vendor_dir / MANIFEST_NAME
    if not manifest.is_file():
        raise CourseKitError(f"{manifest}: manifest not found")
    data, snap = read_bytes(manifest)
    try:
        raw = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise CourseKitError(f"{manifest}: not UTF-8 (byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise CourseKitError(
            f"{manifest}:{exc.lineno}:{exc.colno}: invalid JSON: {exc.msg}"
        ) from None
    files = raw.get("files", []) if isinstance(raw, dict) else None
    if not isinstance(files, list):
        raise CourseKitError(f"{manifest}: top level must be an object with a files list")
    entries = []
    for i, item in enumerate(files):
        try:
            entry = VendoredFile(**item)
        except TypeError as exc:
            raise CourseKitError(f"{manifest}: files[{i}] is malformed: {exc}") from None
        if entry.registry not in REGISTRIES:
            raise CourseKitError(
                f"{manifest}: files[{i}].registry={entry.registry!r} is not one of {REGISTRIES}"
            )
        entries.append(entry)
    return entries, snap


def load_manifest(vendor_dir: Path) -> list[VendoredFile]:
    """Read ``MANIFEST.json`` from ``vendor_dir``.

    Raises
    ------
    CourseKitError
        If the manifest is missing, not JSON, or an entry is malformed.
    """
    return _read_manifest(vendor_dir)[0]


def write_manifest(
    vendor_dir: Path, entries: Sequence[VendoredFile], expected: Snapshot | None = None
) -> None:
    """Write the manifest with :func:`coursekit.nbio.atomic_write`.

    ``expected`` is the manifest as read; if it changed since, nothing is written.
    """
    rows = [{k: v for k, v in asdict(e).items() if k != "build" or v} for e in entries]
    text = json.dumps({"files": rows}, indent=2) + "\n"
    atomic_write(vendor_dir / MANIFEST_NAME, text, expected)


def check(vendor_dir: Path) -> list[str]:
    """Return one problem line per vendored file that is missing or altered."""
    problems = []
    for entry in load_manifest(vendor_dir):
        target = vendor_dir / entry.path
        if not target.is_file():
            problems.append(f"{target}: missing (from {entry.package}@{entry.version})")
        elif (actual := sha256_of(target)) != entry.sha256:
            problems.append(
                f"{target}: sha256 {actual[:12]}… does not match manifest {entry.sha256[:12]}…"
            )
    return problems


def _call(argv: list[str]) -> subprocess.CompletedProcess[str]:
    """Run a registry client; a failure is one line naming the command and its last words."""
    try:
        return subprocess.run(argv, check=True, capture_output=True, text=True)
    except subprocess.CalledProcessError as exc:
        said = (exc.stderr or exc.stdout or "").strip().splitlines()
        last = said[-1] if said else f"exit status {exc.returncode}"
        raise CourseKitError(f"{' '.join(argv[:3])}... failed: {last}") from None
    except OSError as exc:
        raise CourseKitError(f"cannot run {argv[0]}: {exc.strerror or exc}") from None


def _fetch_npm(package: str, version: str, workdir: Path) -> Path:
    """Download and unpack ``package@version`` from the npm registry; return its root."""
    out = _call(
        ["npm", "pack", f"{package}@{version}", "--pack-destination", str(workdir), "--json"]
    )
    tarball = workdir / json.loads(out.stdout)[0]["filename"]
    dest = workdir / f"npm-{tarball.stem}"
    with tarfile.open(tarball) as tar:
        tar.extractall(dest, filter="data")
    return dest / "package"


def _fetch_pypi(package: str, version: str, workdir: Path) -> Path:
    """Download and unpack the ``package==version`` wheel from PyPI; return its root."""
    dl = workdir / f"pypi-{package}-{version}"
    _call(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--quiet",
            "--no-deps",
            "--only-binary=:all:",
            "--dest",
            str(dl),
            f"{package}=={version}",
        ]
    )
    wheel = next(dl.glob("*.whl"))
    root = dl / "unpacked"
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(root)
    return root


def refresh(vendor_dir: Path) -> list[VendoredFile]:
    """Re-fetch every manifest entry from its registry, copy it and update hashes."""
    entries, snap = _read_manifest(vendor_dir)
    fetchers = {"npm": _fetch_npm, "pypi": _fetch_pypi}
    roots: dict[tuple[str, str, str, str], Path] = {}
    updated = []
    with tempfile.TemporaryDirectory() as tmp:
        for entry in entries:
            key = (entry.registry, entry.package, entry.version, entry.build)
            if key not in roots and entry.build:
                roots[key] = _built_root((vendor_dir / entry.build).resolve(), Path(tmp))
            elif key not in roots:
                roots[key] = fetchers[entry.registry](entry.package, entry.version, Path(tmp))
            target = vendor_dir / entry.path
            target.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(target, (roots[key] / entry.source).read_bytes())
            updated.append(replace(entry, sha256=sha256_of(target)))
    write_manifest(vendor_dir, updated, snap)
    return updated


def _built_root(recipe: Path, workdir: Path) -> Path:
    """Run a build recipe (``npm ci`` then ``node build.js``) in a copy; return its ``out``."""
    if not (recipe / "build.js").is_file() or not (recipe / "package-lock.json").is_file():
        raise CourseKitError(f"{recipe}: a build recipe needs build.js and package-lock.json")
    work = workdir / f"build-{recipe.name}"
    work.mkdir()
    for item in recipe.iterdir():  # the recipe's own files (not node_modules/ or out/)
        if item.is_file():
            atomic_write(work / item.name, item.read_bytes(), create=True)
    _call(["npm", "ci", "--no-audit", "--no-fund", "--prefix", str(work)])
    _call(["node", str(work / "build.js")])
    return work / "out"


def main(argv: Sequence[str] | None = None) -> int:
    """``coursekit vendor {check,refresh} [--dir DIR]``; ``check`` exits 1 on any mismatch."""
    parser = cmdline.command_parser("vendor", __doc__.splitlines()[0])
    parser.add_argument("action", choices=["check", "refresh"])
    parser.add_argument(
        "--dir", type=Path, default=None, help="vendored assets folder (default: vendor_dir)"
    )
    cmdline.add_root_option(parser)

    def handle(args: argparse.Namespace) -> int:
        folder = args.dir
        if folder is None:
            root = cmdline.book_root(args)
            name = load_settings(root).vendor_dir
            if name is None:
                raise CourseKitError(
                    "no vendored assets folder: set vendor_dir in [tool.coursekit] or pass --dir"
                )
            folder = Path(cmdline.display(root / name))
        if args.action == "refresh":
            for entry in refresh(folder):
                print(f"{entry.path}  {entry.package}@{entry.version}  {entry.sha256[:12]}")
            return 0
        return cmdline.report(check(folder))

    return cmdline.run(parser, handle, argv)


if __name__ == "__main__":
    raise SystemExit(main())
