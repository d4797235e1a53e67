"""Vendored front-end assets match their manifest and the pinned packages."""

from __future__ import annotations

import json
from pathlib import Path

import plotly.offline
import pytest
from support import ROOT

from coursekit import vendor
from coursekit.errors import CourseKitError

VENDOR = ROOT / "book" / "_vendor_static"


def test_every_vendored_file_matches_its_hash() -> None:
    assert vendor.check(VENDOR) == []


def test_manifest_covers_the_required_libraries() -> None:
    packages = {(e.registry, e.package) for e in vendor.load_manifest(VENDOR)}
    assert {
        ("npm", "requirejs"),
        ("npm", "@jupyter-widgets/html-manager"),
        ("npm", "mathjax"),
        ("pypi", "plotly"),
    } <= packages
    for entry in vendor.load_manifest(VENDOR):
        assert entry.license and entry.version and len(entry.sha256) == 64


def test_no_unlisted_files_in_vendor_dir() -> None:
    listed = {e.path for e in vendor.load_manifest(VENDOR)} | {vendor.MANIFEST_NAME}
    present = {p.relative_to(VENDOR).as_posix() for p in VENDOR.rglob("*") if p.is_file()}
    assert present - listed == set()


def test_vendored_plotly_is_the_pinned_plotly_bundle() -> None:
    entry = next(e for e in vendor.load_manifest(VENDOR) if e.package == "plotly")
    assert entry.version == plotly.__version__
    head = (VENDOR / entry.path).read_text(encoding="utf-8")[:400]
    assert f"v{plotly.offline.get_plotlyjs_version()}" in head


def test_check_reports_a_tampered_file(tmp_path: Path) -> None:
    (tmp_path / "lib.js").write_text("console.log(1)\n")
    entry = vendor.VendoredFile(
        "lib.js", "npm", "lib", "1.0.0", "lib.js", "MIT", vendor.sha256_of(tmp_path / "lib.js")
    )
    vendor.write_manifest(tmp_path, [entry])
    assert vendor.check(tmp_path) == []
    (tmp_path / "lib.js").write_text("console.log(2)\n")
    assert len(vendor.check(tmp_path)) == 1
    (tmp_path / "lib.js").unlink()
    assert "missing" in vendor.check(tmp_path)[0]


def test_refresh_copies_from_fetched_package_and_rehashes(tmp_path, monkeypatch) -> None:
    pkg = tmp_path / "pkgroot"
    (pkg / "dist").mkdir(parents=True)
    (pkg / "dist" / "a.js").write_text("A")
    site = tmp_path / "vendor"
    site.mkdir()
    vendor.write_manifest(
        site, [vendor.VendoredFile("x/a.js", "npm", "p", "1.2.3", "dist/a.js", "MIT")]
    )
    calls = []
    monkeypatch.setattr(vendor, "_fetch_npm", lambda p, v, w: calls.append((p, v)) or pkg)
    entries = vendor.refresh(site)
    assert calls == [("p", "1.2.3")]
    assert (site / "x" / "a.js").read_text() == "A"
    assert entries[0].sha256 == vendor.sha256_of(site / "x" / "a.js")
    assert (
        json.loads((site / "MANIFEST.json").read_text())["files"][0]["sha256"] == entries[0].sha256
    )


def test_malformed_manifest_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "MANIFEST.json").write_text("{not json")
    with pytest.raises(CourseKitError, match=r"MANIFEST.json:1:2: invalid JSON"):
        vendor.load_manifest(tmp_path)
