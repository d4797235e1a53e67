"""The setup cell: the start of each lesson's first code cell, for kernels without the course.

A Colab launch button (or anyone who opens a lesson from the repository in a fresh kernel)
runs the committed notebook where the book's own packages are not installed, so its first
import fails. A book that sets ``setup_cell`` in ``[tool.coursekit]`` gives every lesson the
same opening code, for example::

    setup_cell = '''
    try:
        import mycourse
    except ModuleNotFoundError:  # a kernel without the course (Colab): install it first
        %pip install --quiet "{pip}"
        import mycourse'''

Two placeholders are filled in from the book, so the repository is still named once (in
``_config.yml``):

``{repository}``
    ``repository.url`` of ``_config.yml``;
``{pip}``
    what ``%pip install`` installs from it: ``git+<repository>``, written
    ``name[extras] @ git+<repository>`` when the book root's ``pyproject.toml`` names the
    project and extras that do not need Jupyter Book (:func:`pip_requirement`).

Rule ``setup-cell`` (on when the setting is not empty): the first code cell of every
``.ipynb`` lesson the book executes begins with the rendered text. ``coursekit setup-cell``
prints it; ``coursekit setup-cell --write [PATHS]`` puts it at the start of each lesson's first
code cell (written atomically, with the same refusals as ``clean``). An older rendering, one
whose first line is the template's first line, is replaced line for line; otherwise the text
is inserted above the cell's code. ``coursekit new`` writes it into a new lesson. MyST
Markdown lessons are not touched: Colab opens ``.ipynb`` files only.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from . import cmdline
from .errors import CourseKitError

__all__ = [
    "RULE",
    "apply",
    "first_code_cell",
    "main",
    "pip_requirement",
    "render",
    "repository_url",
    "rule_setup_cell",
]

#: Rule id of :func:`rule_setup_cell`.
RULE = "setup-cell"


def repository_url(config: dict[str, Any]) -> str:
    """``repository.url`` of a parsed ``_config.yml`` (``""`` when not set)."""
    repo = config.get("repository") if isinstance(config, dict) else None
    url = repo.get("url") if isinstance(repo, dict) else None
    return url.strip() if isinstance(url, str) else ""


def pip_requirement(repository: str, pyproject: Path | None = None) -> str:
    """What ``%pip install`` should install for ``repository``: ``git+<repository>``, with the
    project's name and its lesson extras when ``pyproject`` declares them (extras that need
    Jupyter Book are authoring tools, not lesson dependencies, and are left out)."""
    target = f"git+{repository}"
    if pyproject is None or not pyproject.is_file():
        return target
    project = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("project", {})
    name = project.get("name")
    extras = [
        extra
        for extra, requirements in project.get("optional-dependencies", {}).items()
        if not any(r.replace("_", "-").lower().startswith("jupyter-book") for r in requirements)
    ]
    if not name or not extras:
        return target
    return f"{name}[{','.join(extras)}] @ {target}"


def render(template: str, root: Path, config: dict[str, Any]) -> str:
    """The setup cell of the book at ``root``: ``template`` with its placeholders filled in.

    Raises
    ------
    CourseKitError
        The template uses a placeholder and ``_config.yml`` has no ``repository.url``.
    """
    text = template.strip("\n")
    if "{repository}" not in text and "{pip}" not in text:
        return text
    url = repository_url(config)
    if not url:
        raise CourseKitError(
            "[tool.coursekit] setup_cell uses {repository} or {pip}, but _config.yml has no "
            "repository.url"
        )
    pip = pip_requirement(url, Path(root) / "pyproject.toml")
    return text.replace("{repository}", url).replace("{pip}", pip)


def _source(cell: dict[str, Any]) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else str(src)


def first_code_cell(nb: dict[str, Any]) -> int | None:
    """Index of the first code cell of notebook JSON ``nb`` (``None`` if it has none)."""
    cells = nb.get("cells")
    for i, cell in enumerate(cells if isinstance(cells, list) else []):
        if isinstance(cell, dict) and cell.get("cell_type") == "code":
            return i
    return None


def _begins_with(source: str, setup: str) -> bool:
    return source == setup or source.startswith(setup + "\n")


def rule_setup_cell(nb: dict[str, Any], setup: str) -> Iterator[tuple[int | None, str, str]]:
    """``setup-cell``: the first code cell begins with ``setup`` (the rendered setup cell)."""
    first_line = setup.splitlines()[0] if setup else ""
    index = first_code_cell(nb)
    if index is None:
        yield None, RULE, (f"no code cell: a lesson starts its code with the setup cell "
                           f"({first_line!r}...); run coursekit setup-cell --write")
        return
    if not _begins_with(_source(nb["cells"][index]), setup):
        yield index, RULE, (f"the first code cell does not begin with the setup cell "
                            f"([tool.coursekit] setup_cell, {first_line!r}...); run "
                            "coursekit setup-cell --write")


def apply(nb: dict[str, Any], setup: str) -> bool:
    """Put ``setup`` at the start of ``nb``'s first code cell; returns whether ``nb`` changed.

    A cell that begins with an older rendering (its first line is ``setup``'s first line) has
    that many lines replaced; any other cell gets ``setup`` above its code. A notebook with no
    code cell is refused (:class:`~coursekit.errors.CourseKitError`).
    """
    index = first_code_cell(nb)
    if index is None:
        raise CourseKitError("the notebook has no code cell to start with the setup cell")
    cell = nb["cells"][index]
    source = _source(cell)
    if _begins_with(source, setup):
        return False
    lines, setup_lines = source.split("\n"), setup.split("\n")
    if lines[0] == setup_lines[0]:
        rest = lines[len(setup_lines):]
    else:
        rest = lines if source.strip() else []
    cell["source"] = "\n".join([*setup_lines, *rest])
    return True


def main(argv: Sequence[str] | None = None) -> int:
    """``coursekit setup-cell [--write] [PATHS]``: exit 0, or 2 with one line on error."""
    from .book import Book
    from .check import display
    from .config import load_settings
    from .nbio import atomic_write, dumps_notebook, read_notebook

    parser = cmdline.command_parser(
        "setup-cell",
        "Print the book's setup cell ([tool.coursekit] setup_cell, filled in from "
        "repository.url of _config.yml), or write it at the start of each lesson's first code "
        "cell.",
    )
    parser.add_argument("paths", nargs="*", type=Path,
                        help="lessons to write (default: every .ipynb lesson the book executes)")
    parser.add_argument("--write", action="store_true",
                        help="write the setup cell into the lessons (atomically)")
    cmdline.add_root_option(parser)

    def handle(args: argparse.Namespace) -> int:
        root = cmdline.book_root(args, args.paths)
        settings = load_settings(root)
        if not settings.setup_cell:
            raise CourseKitError("[tool.coursekit] setup_cell is not set: this book has no "
                                 "setup cell")
        book = Book(root, settings)
        if book.config_error is not None:
            raise CourseKitError(book.config_error)
        setup = render(settings.setup_cell, root, book.config)
        if not args.write:
            print(setup)
            return 0
        paths = ([p.resolve() for p in args.paths] if args.paths
                 else [p for p in book.ipynb_lessons() if book.executes(p)])
        for path in paths:
            nb, _, snap = read_notebook(path)
            try:
                changed = apply(nb, setup)
            except CourseKitError as exc:
                raise CourseKitError(f"{display(path)}: {exc}") from None
            if changed:
                atomic_write(path, dumps_notebook(nb), snap)
                print(f"{display(path)}: setup cell written")
        return 0

    return cmdline.run(parser, handle, argv)


if __name__ == "__main__":
    sys.exit(main())
