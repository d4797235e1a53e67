"""coursekit.sitezip: ``./scripts/build --zip`` packs the built site into one zip."""

from __future__ import annotations

import zipfile
from pathlib import Path

from support import ROOT

from coursekit import sitezip


def _site(tmp_path: Path) -> Path:
    html = tmp_path / "html"
    (html / "_static").mkdir(parents=True)
    (html / "index.html").write_text("<p>home</p>", encoding="utf-8")
    (html / "_static" / "a.js").write_text("1", encoding="utf-8")
    (html / "notebooks").mkdir()
    (html / "notebooks" / "01.html").write_text("<p>lesson</p>", encoding="utf-8")
    return html


def test_zip_holds_every_file_under_one_folder_with_a_readme(tmp_path: Path) -> None:
    out = sitezip.zip_site(_site(tmp_path), tmp_path / "out" / "course-site.zip")
    with zipfile.ZipFile(out) as archive:
        assert archive.testzip() is None
        assert archive.namelist() == [
            "course-site/README.txt", "course-site/_static/a.js", "course-site/index.html",
            "course-site/notebooks/01.html"]
        assert archive.read("course-site/notebooks/01.html") == b"<p>lesson</p>"
        readme = archive.read("course-site/README.txt").decode()
    assert "python3 -m http.server -d course-site" in readme
    assert [p.name for p in out.parent.iterdir()] == ["course-site.zip"]  # no temp file left


def test_same_site_gives_the_same_zip(tmp_path: Path) -> None:
    html = _site(tmp_path)
    one = sitezip.zip_site(html, tmp_path / "a" / "s.zip").read_bytes()
    two = sitezip.zip_site(html, tmp_path / "b" / "s.zip").read_bytes()
    assert one == two


def test_main_writes_the_zip_or_explains_a_missing_site(tmp_path: Path, capsys) -> None:
    html = _site(tmp_path)
    assert sitezip.main([str(html), str(tmp_path / "site.zip")]) == 0
    assert "site/index.html" in capsys.readouterr().out
    assert zipfile.ZipFile(tmp_path / "site.zip").namelist()[0] == "site/README.txt"
    assert sitezip.main([str(tmp_path / "nothing"), str(tmp_path / "x.zip")]) == 1
    assert "build the site first" in capsys.readouterr().err
    assert not (tmp_path / "x.zip").exists()


def test_build_script_offers_zip_and_documents_it() -> None:
    script = (ROOT / "scripts" / "build").read_text(encoding="utf-8")
    assert "--zip" in script.split("set -euo")[0]  # in the header comment
    assert "python -m coursekit.sitezip _build/html _build/course-site.zip" in script
    assert "_build/course-site.zip" in (ROOT / "README.md").read_text(encoding="utf-8")
