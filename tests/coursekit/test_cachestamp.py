"""The execution cache is cleared when local package sources change, and only then."""

from __future__ import annotations

from pathlib import Path

from coursekit import cachestamp


def test_cache_cleared_only_when_sources_change(tmp_path: Path) -> None:
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "a.py").write_text("X = 1\n")
    cache = tmp_path / "_build" / ".jupyter_cache"
    cache.mkdir(parents=True)
    (cache / "entry").write_text("cached")

    assert cachestamp.refresh(cache, [pkg]) is True  # first run: no stamp yet
    cache.mkdir()
    (cache / "entry").write_text("cached")
    assert cachestamp.refresh(cache, [pkg]) is False  # nothing changed: cache kept
    assert (cache / "entry").exists()

    doctrees = cache.parent / ".doctrees"
    doctrees.mkdir()
    (pkg / "a.py").write_text("X = 2\n")
    assert cachestamp.refresh(cache, [pkg]) is True
    assert not cache.exists() and not doctrees.exists()


def test_fingerprint_ignores_bytecode(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("X = 1\n")
    before = cachestamp.fingerprint([tmp_path])
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / "a.cpython-311.pyc").write_bytes(b"\0")
    assert cachestamp.fingerprint([tmp_path]) == before
    (tmp_path / "b.json").write_text("{}")
    assert cachestamp.fingerprint([tmp_path]) != before
