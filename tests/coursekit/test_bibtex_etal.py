"""coursekit.bibtex_etal: BibTeX ``and others`` prints as "et al." in citations and the list.

A small Sphinx project is built in a temporary folder with sphinxcontrib-bibtex and the
extension, once with the stock styles (which print "others" as a name: the defect) and once
with ``plain_etal`` / ``author_year_etal``.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from support import ROOT

BIB = r"""
@article{partone, author = {Hidaka, Eri and others}, title = {One known author},
  journal = {J}, year = {2014}}
@article{partmany, author = {Wagner, Fabiano V. and Negr{\~a}o, Jo{\~a}o R. and Campos, Jorge
  and others}, title = {Three known authors}, journal = {J}, year = {2012}}
@article{parttwo, author = {Martin, Hal D. and Kelly, Bryan and others},
  title = {Two known authors}, journal = {J}, year = {2015}}
@article{complete, author = {Pieroh, Philipp and Schneider, Sebastian},
  title = {Two authors, complete}, journal = {J}, year = {2016}}
"""
INDEX = """Test
====

A :cite:p:`partone`, B :cite:p:`partmany`, C :cite:p:`parttwo`, D :cite:p:`complete`,
E :cite:t:`partone`.

.. bibliography::
"""


def _build(tmp_path: Path, styles: bool) -> str:
    src = tmp_path / ("etal" if styles else "stock")
    src.mkdir()
    (src / "refs.bib").write_text(BIB, encoding="utf-8")
    (src / "index.rst").write_text(INDEX, encoding="utf-8")
    conf = ["extensions = ['sphinxcontrib.bibtex', 'coursekit.bibtex_etal']",
            "bibtex_bibfiles = ['refs.bib']"]
    conf += (["bibtex_default_style = 'plain_etal'",
              "bibtex_reference_style = 'author_year_etal'"] if styles
             else ["bibtex_reference_style = 'author_year'"])
    (src / "conf.py").write_text("\n".join(conf) + "\n", encoding="utf-8")
    out = src / "_build"
    run = subprocess.run([sys.executable, "-m", "sphinx", "-W", "-q", "-b", "html", str(src),
                          str(out)], capture_output=True, text=True, cwd=ROOT,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert run.returncode == 0, run.stderr
    html = (out / "index.html").read_text(encoding="utf-8")
    return re.sub(r"\s+", " ", re.sub(r"<(?!/?em>)[^>]+>", "", html))


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    tmp = tmp_path_factory.mktemp("bibtex_etal")
    return {"stock": _build(tmp, styles=False), "etal": _build(tmp, styles=True)}


def test_the_stock_styles_print_others_as_a_name(pages) -> None:
    """The defect the extension fixes (so this test shows the fix is needed)."""
    assert "Hidaka and others" in pages["stock"]


def test_others_prints_as_et_al_in_citations_and_the_list(pages) -> None:
    text = pages["etal"]
    assert "others" not in text
    # citations: the first known name, then et al.
    assert "Hidaka <em>et al.</em>, 2014" in text
    assert "Martin <em>et al.</em>, 2015" in text
    assert "Wagner <em>et al.</em>, 2012" in text
    assert "Hidaka <em>et al.</em> [2014]" in text or "Hidaka <em>et al.</em> (2014)" in text
    # reference list: every known name, then et al.
    assert "Eri Hidaka <em>et al.</em>" in text
    assert "Fabiano V. Wagner, João R. Negrão, Jorge Campos <em>et al.</em>" in text
    assert "Hal D. Martin, Bryan Kelly <em>et al.</em>" in text


def test_complete_author_lists_print_as_before(pages) -> None:
    assert "Pieroh and Schneider, 2016" in pages["etal"]
    assert "Philipp Pieroh and Sebastian Schneider" in pages["etal"]
    assert "Pieroh and Schneider, 2016" in pages["stock"]
