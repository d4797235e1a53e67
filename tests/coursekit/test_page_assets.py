"""coursekit.page_assets: MathJax is loaded only on a page with math of its own.

A small Sphinx project (a front page whose toctree holds a page with math and one without) is
built once with Sphinx alone, where the front page loads MathJax for its child's equation (the
defect), and once with the extension.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from support import ROOT

PAGES = {
    "index.rst": "Front\n=====\n\n.. toctree::\n\n   withmath\n   nomath\n",
    "withmath.rst": "With math\n=========\n\nStrain is :math:`(L - L_0) / L_0`.\n",
    "nomath.rst": "No math\n=======\n\nJust words.\n",
}


def _build(tmp_path: Path, extension: bool) -> dict[str, bool]:
    src = tmp_path / ("with" if extension else "without")
    src.mkdir()
    for name, text in PAGES.items():
        (src / name).write_text(text, encoding="utf-8")
    exts = ["sphinx.ext.mathjax"] + (["coursekit.page_assets"] if extension else [])
    (src / "conf.py").write_text(f"extensions = {exts!r}\nmathjax_path = 'mj/tex.js'\n",
                                 encoding="utf-8")
    out = src / "_build"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-m", "sphinx", "-q", "-W", "-b", "html", str(src),
                           str(out)], capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return {page: "mj/tex.js" in (out / f"{page}.html").read_text(encoding="utf-8")
            for page in ("index", "withmath", "nomath")}


def test_sphinx_alone_loads_mathjax_on_the_front_page(tmp_path: Path) -> None:
    assert _build(tmp_path, extension=False) == {"index": True, "withmath": True,
                                                 "nomath": False}


def test_only_the_page_with_math_loads_mathjax(tmp_path: Path) -> None:
    assert _build(tmp_path, extension=True) == {"index": False, "withmath": True,
                                                "nomath": False}
