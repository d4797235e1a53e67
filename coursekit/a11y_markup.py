"""Sphinx extension: accessible HTML for two pieces of markup the site's extensions write.

Both were axe-core findings on the built site; the fix is made where the HTML is written, so
the page is right before any script runs.

* **Bibliography entries.** docutils writes the citations of a reference list as
  ``<div role="list" class="citation-list">`` holding ``<div class="citation"
  role="doc-biblioentry">`` entries. ``doc-biblioentry`` is deprecated in DPUB-ARIA 1.1 and a
  list must hold list items (axe rule ``aria-required-children``, critical), so each entry is
  written with ``role="listitem"``.
* **"Show code cell source" toggles.** myst-nb writes a hidden code cell as ``<details>``
  whose ``<summary aria-label="Toggle hidden content">`` shows "Show code cell source": the
  name does not contain the visible words (axe rule ``label-content-name-mismatch``), and a
  screen reader does not say which content it opens. The summary is written without the
  ``aria-label``, so its name is its visible text.

Use: add ``coursekit.a11y_markup`` to ``sphinx.config.extensions`` after ``myst_nb``.
"""

from __future__ import annotations

from html import escape
from typing import Any

from docutils import nodes
from docutils.writers._html_base import HTMLTranslator as _DocutilsHTMLTranslator

BIBLIOENTRY = 'role="doc-biblioentry"'
LISTITEM = 'role="listitem"'


def visit_citation(self, node: nodes.citation) -> None:
    """docutils' citation markup, with each entry a list item of its ``role="list"``."""
    _DocutilsHTMLTranslator.visit_citation(self, node)
    self.body[-1] = self.body[-1].replace(BIBLIOENTRY, LISTITEM)


def depart_citation(self, node: nodes.citation) -> None:
    _DocutilsHTMLTranslator.depart_citation(self, node)


def visit_hide_cell_input(self, node) -> None:
    """myst-nb's hidden-input ``<details>``, its ``<summary>`` named by its visible text."""
    classes = " ".join(node["classes"])
    self.body.append(f'<details class="admonition hide {classes}">\n')
    self.body.append("<summary>\n")
    self.body.append(f'<p class="collapsed admonition-title">{escape(node["prompt_show"])}</p>\n')
    self.body.append(f'<p class="expanded admonition-title">{escape(node["prompt_hide"])}</p>\n')
    self.body.append("</summary>\n")


def depart_hide_cell_input(self, node) -> None:
    self.body.append("</details>\n")


def setup(app) -> dict[str, Any]:
    """Sphinx extension hook: replace the HTML visitors of both nodes."""
    from myst_nb.sphinx_ import HideCodeCellNode

    app.setup_extension("myst_nb")  # its visitors first, so these replace them
    app.add_node(nodes.citation, override=True, html=(visit_citation, depart_citation))
    app.add_node(HideCodeCellNode, override=True,
                 html=(visit_hide_cell_input, depart_hide_cell_input))
    return {"parallel_read_safe": True, "parallel_write_safe": True}
