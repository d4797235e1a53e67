"""Generated Jupyter Book 1 books for the coursekit benchmark (written at run time, not committed).

:func:`write_book` writes a realistic book of ``n`` notebooks into a folder: ``_config.yml``
(execution, bibliography, MyST extensions), a ``_toc.yml`` with parts, chapters and
sections over two folders, ``intro.md``, a glossary page, ``references.bib``, one figure, and
the notebooks themselves: about 40 cells each, stripped of outputs, with headings and
labels, ``{cite}``, ``{ref}``/``{numref}`` to labels in other notebooks, ``{term}``,
figures with alt text, a list-table (with fenced code in a cell), maths, code fences in
markdown and tagged code cells. The book is meant to be clean: ``coursekit check`` finds
nothing in it and ``coursekit clean --check`` would change nothing.
"""

from __future__ import annotations

import json
import posixpath
import random
from pathlib import Path
from typing import Any

#: Folders the notebooks are spread over (``n`` // 2 each), one toc part per folder.
FOLDERS = ("foundations", "applications")
TERMS = ("Capsule", "Ligament", "Rotation", "Flexion", "Range of motion", "Stiffness")
WORDS = (
    "the joint moves through a wide arc when the muscles around it are relaxed and the load "
    "is light so small changes in angle show up clearly in the measured torque and the model "
    "follows the data closely over most of the range"
).split()
#: One-pixel PNG, the figure every notebook shows.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cf00000301010018dd8db00000000049454e44ae426082"
)
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def _docname(i: int, n: int) -> str:
    folder = FOLDERS[0] if i < n // 2 else FOLDERS[1]
    return f"{folder}/nb{i + 1:02d}"


def _sentence(rng: random.Random, words: int = 14) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _paragraph(rng: random.Random, sentences: int = 5) -> str:
    return " ".join(_sentence(rng, rng.randint(12, 22)) for _ in range(sentences))


def _bib(n_entries: int) -> str:
    out = []
    for k in range(n_entries):
        out.append(
            f"@article{{author{k:02d}_{2000 + k},\n"
            f"  title = {{A study of hip joint mechanics, part {k + 1}}},\n"
            f"  author = {{Author, A. and Writer, B.}},\n"
            f"  journal = {{Journal of Joint Mechanics}},\n"
            f"  year = {{{2000 + k}}},\n"
            f"  volume = {{{k + 1}}},\n"
            f"  pages = {{{10 * k + 1}--{10 * k + 9}}},\n"
            f"  doi = {{10.0000/jjm.{2000 + k}.{k:03d}}}\n"
            "}\n"
        )
    return "\n".join(out)


def _markdown_cells(i: int, n: int, rng: random.Random, keys: list[str]) -> list[str]:
    """The markdown cells of notebook ``i``: 20 of them."""
    me = f"nb{i + 1:02d}"
    other = rng.randrange(n)
    while other == i:
        other = rng.randrange(n)
    them = f"nb{other + 1:02d}"
    next_doc = _docname(i + 1, n) if i + 1 < n else _docname(0, n)
    rel_next = posixpath.relpath(next_doc, posixpath.dirname(_docname(i, n))) + ".ipynb"

    def cite() -> str:
        return ",".join(rng.sample(keys, rng.randint(1, 2)))

    cells = [
        f"({me}-top)=\n# Lesson {i + 1}: joint mechanics {i + 1}\n\n{_sentence(rng)} "
        f"{_sentence(rng)} {{cite:p}}`{cite()}`\n\n```{{admonition}} Learning goals\n"
        f"- {_sentence(rng, 6)}\n- {_sentence(rng, 6)}\n```",
    ]
    for s in range(1, 7):
        cells.append(
            f"({me}-sec{s})=\n## Part {s}\n\n{_paragraph(rng)} A {{term}}`{rng.choice(TERMS)}` "
            f"matters here {{cite:t}}`{cite()}`. See {{ref}}`{them}-sec{rng.randint(1, 6)}` "
            f"and {{numref}}`{me}-fig`. {_paragraph(rng)}\n\n{_paragraph(rng, 4)}\n\n"
            f"* {_sentence(rng, 8)}\n"
            f"* {_sentence(rng, 8)} `inline {{ref}}` code stays code."
        )
        cells.append(
            f"### Worked example {s}\n\n{_paragraph(rng, 4)}\n\n{_paragraph(rng, 4)}\n\n"
            f"$$\n\\tau_{s} = k \\, \\theta + c\n$$\n\n"
            f"```python\nangle = {s} * 10  # a code fence in markdown\nprint(angle)\n```"
        )
    cells += [
        f"```{{figure}} ../images/joint.png\n---\nname: {me}-fig\nalt: Torque against angle "
        f"for lesson {i + 1}, rising slowly then steeply.\nwidth: 80%\n---\n"
        f"Torque and angle in lesson {i + 1} {{cite:p}}`{cite()}`.\n```",
        f":::{{note}}\n{_sentence(rng)} See [the next lesson]({rel_next}).\n:::",
        "````{list-table} Values used in this lesson\n:header-rows: 1\n:name: "
        f"{me}-table\n\n* - Quantity\n  - Value\n* - Stiffness\n  - {rng.randint(2, 9)} Nm/rad\n"
        f"* - Range\n  - {rng.randint(30, 60)} degrees\n* - In code\n  - ```python\n"
        "    k = fit(angles)  # [docs](api.md), {ref}`not-a-label`\n    ```\n````",
        f"![A sketch of the hip joint from the front](../images/joint.png)\n\n"
        f"{_paragraph(rng, 3)} {{numref}}`{me}-table` lists the values.",
        "```{margin}\n" + _sentence(rng, 8) + "\n```\n\n" + _sentence(rng),
        f"## Summary\n\n{_paragraph(rng)} {{cite:p}}`{cite()}`\n\n"
        f"% a MyST comment {{ref}}`not-a-label`\n<!-- an HTML comment [x](missing.md) -->",
        f"## Exercises\n\n1. {_sentence(rng, 10)}\n2. {_sentence(rng, 10)}\n\n"
        f"See {{ref}}`{them}-top` for the background.",
    ]
    return cells


def _code_cells(i: int, rng: random.Random) -> list[tuple[str, list[str]]]:
    """The code cells of notebook ``i``: 20 of them, with their tags."""
    tagsets = ([], [], ["hide-input"], ["remove-input"], ["remove-output"], ["hide-output"],
               ["remove-stderr"], ["margin"], ["skip-execution"], ["thebe-init"])
    cells = [("import numpy as np\nimport matplotlib.pyplot as plt", ["remove-cell"])]
    for c in range(1, 20):
        src = (
            f"angles = np.linspace(0, {rng.randint(30, 90)}, {rng.randint(20, 200)})\n"
            f"torque = {rng.randint(1, 9)} * angles + {c}\n"
            f"plt.plot(angles, torque)\nplt.xlabel('angle (degrees)')\nplt.ylabel('torque (Nm)')"
            if c % 3 == 0
            else f"value_{c} = np.sqrt({rng.randint(1, 100)}) * {c}\nvalue_{c}"
        )
        cells.append((src, list(rng.choice(tagsets))))
    return cells


def notebook(i: int, n: int, rng: random.Random, keys: list[str]) -> dict[str, Any]:
    """Notebook ``i`` of ``n``: 40 cells alternating markdown and code, no outputs."""
    md_cells = _markdown_cells(i, n, rng, keys)
    code_cells = _code_cells(i, rng)
    cells: list[dict[str, Any]] = []
    for k in range(max(len(md_cells), len(code_cells))):
        if k < len(md_cells):
            cells.append({"cell_type": "markdown", "id": f"md{k:03d}", "metadata": {},
                          "source": md_cells[k]})
        if k < len(code_cells):
            src, tags = code_cells[k]
            cells.append({"cell_type": "code", "execution_count": None, "id": f"code{k:03d}",
                          "metadata": {"tags": tags} if tags else {}, "outputs": [],
                          "source": src})
    return {"cells": cells, "metadata": {"kernelspec": KERNELSPEC}, "nbformat": 4,
            "nbformat_minor": 5}


def _toc(n: int) -> str:
    lines = ["# Table of contents (generated)", "format: jb-book", "root: intro", "parts:"]
    for folder in FOLDERS:
        lines += [f"  - caption: {folder.title()}", "    chapters:"]
        docs = [_docname(i, n) for i in range(n) if _docname(i, n).startswith(folder + "/")]
        for start in range(0, len(docs), 5):  # a chapter with four sections
            lines.append(f"      - file: {docs[start]}")
            if docs[start + 1 : start + 5]:
                lines.append("        sections:")
                lines += [f"          - file: {d}" for d in docs[start + 1 : start + 5]]
    lines += ["  - caption: Reference", "    chapters:", "      - file: glossary",
              "      - file: bibliography"]
    return "\n".join(lines) + "\n"


CONFIG = """\
# Book settings (generated for the coursekit benchmark)
title: Generated benchmark book
author: The coursekit benchmark
only_build_toc_files: true
exclude_patterns: [_build, "**/.ipynb_checkpoints"]

execute:
  execute_notebooks: cache
  timeout: 120

parse:
  myst_enable_extensions:
    - colon_fence
    - dollarmath
    - deflist

bibtex_bibfiles:
  - references.bib

sphinx:
  config:
    bibtex_reference_style: author_year
"""


def write_book(root: Path, n: int = 60, seed: int = 14) -> list[Path]:
    """Write a book of ``n`` notebooks into ``root`` (created); returns the notebook paths."""
    from coursekit.nbio import dumps_notebook  # Jupyter's formatting: clean --check is a no-op

    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    keys = [f"author{k:02d}_{2000 + k}" for k in range(40)]
    (root / "_config.yml").write_text(CONFIG, encoding="utf-8")
    (root / "_toc.yml").write_text(_toc(n), encoding="utf-8")
    (root / "references.bib").write_text(_bib(len(keys)), encoding="utf-8")
    (root / "images").mkdir(exist_ok=True)
    (root / "images" / "joint.png").write_bytes(PNG)
    first = _docname(0, n)
    (root / "intro.md").write_text(
        f"(intro)=\n# Generated benchmark book\n\n{_sentence(rng)} Start with "
        f"[the first lesson]({first}.ipynb) or {{ref}}`nb01-top` {{cite:p}}`{keys[0]}`.\n",
        encoding="utf-8",
    )
    glossary = "\n".join(f"{term}\n  {_sentence(rng, 10)}\n" for term in TERMS)
    (root / "glossary.md").write_text(
        f"(glossary)=\n# Glossary\n\n```{{glossary}}\n{glossary}```\n", encoding="utf-8"
    )
    (root / "bibliography.md").write_text(
        "# Bibliography\n\n```{bibliography}\n```\n", encoding="utf-8"
    )
    paths = []
    for i in range(n):
        path = root / (_docname(i, n) + ".ipynb")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dumps_notebook(notebook(i, n, rng, keys)), encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":  # write one to look at: python benchmarks/_books.py DIR
    import sys

    written = write_book(Path(sys.argv[1]))
    print(json.dumps({"notebooks": len(written), "root": sys.argv[1]}))
