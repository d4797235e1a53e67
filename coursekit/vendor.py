"""Self-hosted front-end assets: a manifest, a refresher and a checker.

A course site must work offline, so every script it loads is copied into the
book (``book/_vendor_static/`` by default) and described in ``MANIFEST.json``
beside the files::

    {"files": [{"path": "requirejs/require.js", "registry": "npm",
                "package": "requirejs", "version": "2.3.8",
                "source": "require.js", "license": "MIT",
                "sha256": "..."}]}

``path`` is relative to the manifest's folder; ``source`` is the file's path
inside the package (npm tarball under ``package/``, or a wheel's root).

``refresh`` fetches each listed package version from its registry (``npm pack``
or ``pip download``), copies the files and rewrites the hashes. ``check``
recomputes the hashes of the committed files and reports any mismatch.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path

DEFAULT_DIR = Path("book/_vendor_static")
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


def sha256_of(path: Path) -> str:
    """Return the hex sha256 digest of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def load_manifest(vendor_dir: Path) -> list[VendoredFile]:
    """Read ``MANIFEST.json`` from ``vendor_dir``.

    Raises
    ------
    ValueError
        If the manifest is missing, not JSON, or an entry is malformed.
    """
    manifest = vendor_dir / MANIFEST_NAME
    try:
        raw = json.loads(manifest.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ValueError(f"{manifest}: manifest not found") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"{manifest}:{exc.lineno}:{exc.colno}: invalid JSON: {exc.msg}") from None
    entries = []
    for i, item in enumerate(raw.get("files", [])):
        try:
            entry = VendoredFile(**item)
        except TypeError as exc:
            raise ValueError(f"{manifest}: files[{i}] is malformed: {exc}") from None
        if entry.registry not in REGISTRIES:
            raise ValueError(
                f"{manifest}: files[{i}].registry={entry.registry!r} is not one of {REGISTRIES}"
            )
        entries.append(entry)
    return entries


def write_manifest(vendor_dir: Path, entries: Sequence[VendoredFile]) -> None:
    """Write the manifest atomically (temp file + rename)."""
    text = json.dumps({"files": [asdict(e) for e in entries]}, indent=2) + "\n"
    fd, tmp = tempfile.mkstemp(dir=vendor_dir, prefix=".manifest-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.chmod(tmp, 0o644)  # mkstemp creates 0600; a committed file is world-readable
        os.replace(tmp, vendor_dir / MANIFEST_NAME)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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


def _fetch_npm(package: str, version: str, workdir: Path) -> Path:
    """Download and unpack ``package@version`` from the npm registry; return its root."""
    out = subprocess.run(
        ["npm", "pack", f"{package}@{version}", "--pack-destination", str(workdir), "--json"],
        check=True,
        capture_output=True,
        text=True,
    )
    tarball = workdir / json.loads(out.stdout)[0]["filename"]
    dest = workdir / f"npm-{tarball.stem}"
    with tarfile.open(tarball) as tar:
        tar.extractall(dest, filter="data")
    return dest / "package"


def _fetch_pypi(package: str, version: str, workdir: Path) -> Path:
    """Download and unpack the ``package==version`` wheel from PyPI; return its root."""
    dl = workdir / f"pypi-{package}-{version}"
    subprocess.run(
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
        ],
        check=True,
    )
    wheel = next(dl.glob("*.whl"))
    root = dl / "unpacked"
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(root)
    return root


def refresh(vendor_dir: Path) -> list[VendoredFile]:
    """Re-fetch every manifest entry from its registry, copy it and update hashes."""
    entries = load_manifest(vendor_dir)
    fetchers = {"npm": _fetch_npm, "pypi": _fetch_pypi}
    roots: dict[tuple[str, str, str], Path] = {}
    updated = []
    with tempfile.TemporaryDirectory() as tmp:
        for entry in entries:
            key = (entry.registry, entry.package, entry.version)
            if key not in roots:
                roots[key] = fetchers[entry.registry](entry.package, entry.version, Path(tmp))
            target = vendor_dir / entry.path
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(roots[key] / entry.source, target)
            updated.append(replace(entry, sha256=sha256_of(target)))
    write_manifest(vendor_dir, updated)
    return updated


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``vendor {check,refresh} [--dir DIR]``."""
    parser = argparse.ArgumentParser(prog="coursekit vendor", description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["check", "refresh"])
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR, help="vendored assets folder")
    args = parser.parse_args(argv)
    try:
        if args.action == "refresh":
            for entry in refresh(args.dir):
                print(f"{entry.path}  {entry.package}@{entry.version}  {entry.sha256[:12]}")
            return 0
        problems = check(args.dir)
    except (ValueError, OSError, subprocess.CalledProcessError) as exc:
        print(f"coursekit vendor: error: {exc}", file=sys.stderr)
        return 2
    for line in problems:
        print(line)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
