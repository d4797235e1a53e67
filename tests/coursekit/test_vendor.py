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


def test_partial_plotly_bundles_are_built_from_the_same_plotly_js() -> None:
    """Each partial bundle names its recipe, whose pinned plotly.js is the version the plotly
    wheel ships, and says in its banner the trace types its recipe lists."""
    from coursekit import plotly_renderer

    built = [e for e in vendor.load_manifest(VENDOR) if e.build]
    assert {e.path for e in built} >= {"plotly/plotly-2d.min.js", "plotly/plotly-3d.min.js"}
    for entry in built:
        recipe = (VENDOR / entry.build).resolve()
        pins = json.loads((recipe / "package.json").read_text())["dependencies"]
        assert pins[entry.package] == entry.version == plotly.offline.get_plotlyjs_version()
        assert (recipe / "package-lock.json").is_file() and (recipe / "build.js").is_file()
        listed = json.loads((recipe / "bundles.json").read_text())[entry.source]
        traces = plotly_renderer.bundle_traces(str(VENDOR / entry.path))
        assert traces == set(listed) and "scatter" in traces


def test_refresh_runs_a_build_recipe_and_copies_its_output(tmp_path, monkeypatch) -> None:
    recipe = tmp_path / "recipe"
    recipe.mkdir()
    for name in ("build.js", "package.json", "package-lock.json"):
        (recipe / name).write_text("{}")
    site = tmp_path / "vendor"
    site.mkdir()
    vendor.write_manifest(site, [vendor.VendoredFile(
        "p/b.js", "npm", "lib", "1.0.0", "b.js", "MIT", build="../recipe")])
    calls = []

    def fake_call(argv):
        calls.append(argv[:2])
        if argv[0] == "node":  # the recipe writes out/<source>
            out = Path(argv[1]).parent / "out"
            out.mkdir()
            (out / "b.js").write_text("built")

    monkeypatch.setattr(vendor, "_call", fake_call)
    monkeypatch.setattr(vendor, "_fetch_npm", lambda *a: pytest.fail("fetched, not built"))
    entries = vendor.refresh(site)
    assert calls == [["npm", "ci"], ["node", calls[1][1]]]
    assert (site / "p" / "b.js").read_text() == "built"
    row = json.loads((site / "MANIFEST.json").read_text())["files"][0]
    assert row["build"] == "../recipe" and row["sha256"] == entries[0].sha256


def test_a_recipe_without_a_lock_file_is_refused(tmp_path) -> None:
    (tmp_path / "recipe").mkdir()
    (tmp_path / "recipe" / "build.js").write_text("")
    with pytest.raises(CourseKitError, match="package-lock.json"):
        vendor._built_root(tmp_path / "recipe", tmp_path)


@pytest.mark.slow
def test_partial_bundles_rebuild_to_the_committed_bytes(tmp_path) -> None:
    """The recipe, run afresh elsewhere (npm ci from the lock file, then node build.js),
    gives the committed bundles byte for byte (needs Node.js and the npm registry)."""
    import shutil

    if not (shutil.which("node") and shutil.which("npm")):
        pytest.skip("Node.js/npm not installed")
    built = [e for e in vendor.load_manifest(VENDOR) if e.build]
    out = vendor._built_root((VENDOR / built[0].build).resolve(), tmp_path)
    for entry in built:
        assert vendor.sha256_of(out / entry.source) == entry.sha256, entry.path
