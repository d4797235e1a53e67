"""``coursekit check``: lint lessons and pages.

Each finding is printed as ``file:cell:rule message``. ``cell`` is the
0-based index of the notebook cell (the same numbering nbval uses, "Cell 0"
is the first cell), or ``-`` when the finding concerns the whole file.
Messages about markdown content add ``(line N)``, the 1-based line inside the
cell or page.

Rules can be switched off for one cell with the tag ``ck-disable-<rule>`` and
for the whole project with ``disable = ["<rule>"]`` in ``[tool.coursekit]``.
"""

from __future__ import annotations

import ast
import json
import re
import urllib.parse
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import cmdline
from . import markdown as md
from . import toc as tocmod
from .cmdline import display
from .config import Settings, bib_files, load_settings, load_yaml
from .nbio import CourseKitError, parse_notebook, read_bytes

#: Rule id -> one-line description (documented in book/coursekit_rules.md).
RULES: dict[str, str] = {
    "toc-missing": "a notebook under the notebooks directory is not listed in _toc.yml",
    "toc-dangling": "a _toc.yml entry names a file that does not exist",
    "nbformat-invalid": "the notebook does not validate against the nbformat schema",
    "not-stripped": "a code cell still has outputs or an execution count",
    "exec-order": "stored execution counts do not increase from cell to cell",
    "metadata": "kernelspec or course metadata (title, objectives, time_minutes) missing/invalid",
    "unknown-tag": "a cell tag is neither built in nor listed in the extra_tags setting",
    "alt-text": "an image has no alt text",
    "cite-unresolved": "a {cite} key is not defined in the bibliography files",
    "link-broken": "a relative link to a .md/.ipynb file points at nothing",
    "ref-unresolved": "a {ref}/{numref} target is not a label defined in the book",
    "model-logic": "a def/class body in a code cell is longer than max_def_lines",
    "live-unskipped": "a live-kernel cell is not tagged skip-execution (frozen on the site)",
}

#: Tags Jupyter Book 1 (myst-nb) acts on.
JUPYTER_BOOK_TAGS: frozenset[str] = frozenset(
    {
        "hide-input",
        "hide-output",
        "hide-cell",
        "remove-input",
        "remove-output",
        "remove-cell",
        "raises-exception",
        "skip-execution",
    }
)
#: Tags nbval (run by ``coursekit test``) acts on.
NBVAL_TAGS: frozenset[str] = frozenset(
    {"nbval-ignore-output", "nbval-skip", "nbval-raises-exception", "nbval-check-output"}
)
#: Tags coursekit itself gives a meaning: ``live-kernel`` (rule ``live-unskipped``) and
#: ``solution`` (the solution cell of the ``coursekit new`` skeleton).
COURSEKIT_TAGS: frozenset[str] = frozenset({"live-kernel", "solution"})
#: Tags allowed in every book, besides ``ck-disable-<rule id>``; a book adds its own with
#: the ``extra_tags`` setting (see :func:`allowed_tags`).
BUILTIN_TAGS: frozenset[str] = JUPYTER_BOOK_TAGS | NBVAL_TAGS | COURSEKIT_TAGS
DISABLE_PREFIX = "ck-disable-"
#: Labels Sphinx always provides.
BUILTIN_LABELS = frozenset({"genindex", "modindex", "search", "py-modindex"})
BIB_ENTRY_RE = re.compile(r"@\s*([A-Za-z]+)\s*[{(]\s*([^,\s{}()]+)\s*,")
MAGIC_LINE_RE = re.compile(r"^(\s*)([%!?]|\w+\s*=\s*[%!])")


@dataclass(frozen=True, order=True)
class Finding:
    """One problem found by a rule.

    Attributes
    ----------
    path : str
        File name as displayed.
    cell : int or None
        0-based cell index, ``None`` for file-level findings.
    rule : str
        Rule id (a key of :data:`RULES`).
    message : str
        Explanation.
    """

    path: str
    cell: int | None
    rule: str
    message: str

    def format(self) -> str:
        """Render as ``file:cell:rule message``."""
        cell = "-" if self.cell is None else str(self.cell)
        return f"{self.path}:{cell}:{self.rule} {self.message}"


# ---------------------------------------------------------------------------
# Pure rule functions: notebook JSON in, findings (cell, rule, message) out.
# ---------------------------------------------------------------------------

Raw = tuple[int | None, str, str]


def _cells(nb: dict[str, Any]) -> list[dict[str, Any]]:
    return [c if isinstance(c, dict) else {} for c in nb.get("cells", [])]


def source_text(cell: dict[str, Any]) -> str:
    """Cell source as one string (nbformat allows a string or a list of lines)."""
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else str(src)


def cell_tags(cell: dict[str, Any]) -> list[str]:
    """Tags of a cell (empty when missing or malformed)."""
    meta = cell.get("metadata")
    tags = meta.get("tags", []) if isinstance(meta, dict) else []
    return [t for t in tags if isinstance(t, str)] if isinstance(tags, list) else []


def rule_nbformat(nb: dict[str, Any]) -> Iterator[Raw]:
    """``nbformat-invalid``: validate against the nbformat JSON schema."""
    import nbformat
    from nbformat.validator import ValidationError

    minor = nb.get("nbformat_minor")
    if isinstance(minor, int) and minor >= 5:
        for i, cell in enumerate(_cells(nb)):
            if "id" not in cell:
                yield i, "nbformat-invalid", "cell has no id (required since nbformat 4.5)"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # missing ids are reported above
            nbformat.validate(json.loads(json.dumps(nb)))
    except ValidationError as exc:
        path = list(getattr(exc, "absolute_path", []) or [])
        cell = (
            path[1] if len(path) >= 2 and path[0] == "cells" and isinstance(path[1], int) else None
        )
        first = str(getattr(exc, "message", exc)).strip().splitlines()[0]
        where = "/".join(str(p) for p in path)
        yield cell, "nbformat-invalid", f"{first}" + (f" (at {where})" if where else "")


def rule_not_stripped(nb: dict[str, Any]) -> Iterator[Raw]:
    """``not-stripped``: code cells must carry no outputs and no execution count."""
    for i, cell in enumerate(_cells(nb)):
        if cell.get("cell_type") != "code":
            continue
        problems = []
        outputs = cell.get("outputs") or []
        if outputs:
            problems.append(f"{len(outputs)} output(s)")
        if cell.get("execution_count") is not None:
            problems.append(f"execution count {cell.get('execution_count')}")
        if problems:
            yield i, "not-stripped", f"cell has {' and '.join(problems)}; run coursekit clean"


def rule_exec_order(nb: dict[str, Any]) -> Iterator[Raw]:
    """``exec-order``: stored execution counts must strictly increase."""
    previous: int | None = None
    for i, cell in enumerate(_cells(nb)):
        if cell.get("cell_type") != "code":
            continue
        count = cell.get("execution_count")
        if not isinstance(count, int) or isinstance(count, bool):
            continue
        if previous is not None and count <= previous:
            yield (
                i,
                "exec-order",
                (
                    f"execution count {count} after {previous}: cells were run out of order; "
                    "restart and run all, or clean"
                ),
            )
        previous = count


def _positive_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def rule_metadata(nb: dict[str, Any], kernelspec: dict[str, str] | None = None) -> Iterator[Raw]:
    """``metadata``: kernelspec (the book's, if the ``kernelspec`` setting gives one) and
    ``course`` (title, objectives, time_minutes)."""
    meta = nb.get("metadata")
    meta = meta if isinstance(meta, dict) else {}
    ks = meta.get("kernelspec")
    if not isinstance(ks, dict) or not ks.get("name"):
        yield None, "metadata", "metadata.kernelspec with a name is missing"
    elif kernelspec and ks != kernelspec:
        changed = sorted(k for k in {*ks, *kernelspec} if ks.get(k) != kernelspec.get(k))
        yield None, "metadata", (
            f"metadata.kernelspec differs from the book's kernelspec setting in "
            f"{', '.join(changed)} (a front end rewrote it?); run coursekit clean")
    course = meta.get("course")
    if not isinstance(course, dict):
        yield None, "metadata", "metadata.course is missing (title, objectives, time_minutes)"
        return
    title = course.get("title")
    if not isinstance(title, str) or not title.strip():
        yield None, "metadata", "metadata.course.title must be a non-empty string"
    objectives = course.get("objectives")
    if (
        not isinstance(objectives, list)
        or not objectives
        or not all(isinstance(o, str) and o.strip() for o in objectives)
    ):
        yield None, "metadata", "metadata.course.objectives must be a list of >= 1 strings"
    if not _positive_int(course.get("time_minutes")):
        yield None, "metadata", "metadata.course.time_minutes must be a positive integer"


def allowed_tags(settings: Settings) -> frozenset[str]:
    """The cell tags a book may use: :data:`BUILTIN_TAGS` plus its ``extra_tags``."""
    return BUILTIN_TAGS | frozenset(settings.extra_tags)


def rule_tags(nb: dict[str, Any], allowed: frozenset[str] = BUILTIN_TAGS) -> Iterator[Raw]:
    """``unknown-tag``: tags must be ``allowed`` (:func:`allowed_tags`) or ``ck-disable-<rule>``."""
    for i, cell in enumerate(_cells(nb)):
        for tag in cell_tags(cell):
            if tag in allowed:
                continue
            if tag.startswith(DISABLE_PREFIX):
                if tag[len(DISABLE_PREFIX) :] in RULES:
                    continue
                yield i, "unknown-tag", f"tag {tag!r} disables an unknown rule"
                continue
            yield (
                i,
                "unknown-tag",
                f"tag {tag!r} is not an allowed tag (a book's own tags go in extra_tags)",
            )


def rule_live_unskipped(nb: dict[str, Any]) -> Iterator[Raw]:
    """``live-unskipped``: a ``live-kernel`` cell must also be tagged ``skip-execution``.

    Executed at build time, a widget cell would ship its state to the static site,
    where it draws controls that do nothing without a kernel (and loads the widget
    manager). Skipped, the page shows only the code and its static twin.
    """
    for i, cell in enumerate(_cells(nb)):
        tags = cell_tags(cell)
        if "live-kernel" in tags and "skip-execution" not in tags:
            yield i, "live-unskipped", "tagged live-kernel but not skip-execution"


def _code_for_ast(src: str) -> str | None:
    """Neutralise IPython syntax so ``ast`` can parse a cell; ``None`` to skip."""
    if src.lstrip().startswith("%%"):
        return None
    lines = []
    for line in src.split("\n"):
        m = MAGIC_LINE_RE.match(line)
        lines.append(f"{m.group(1)}pass" if m else line)
    return "\n".join(lines)


def long_definitions(src: str, max_lines: int) -> Iterator[tuple[str, str, int]]:
    """Yield ``(kind, name, body_lines)`` for outermost defs/classes that are too long.

    The body is counted from its first statement after any docstring to its
    last line; blank lines and comments inside count too.

    Parameters
    ----------
    src : str
        Python source of a code cell (IPython magics are tolerated).
    max_lines : int
        Longest allowed body.
    """
    code = _code_for_ast(src)
    if code is None:
        return
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError):
        return
    stack: list[ast.AST] = list(reversed(tree.body))
    while stack:
        node = stack.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            body = list(node.body)
            if (
                body
                and isinstance(body[0], ast.Expr)
                and isinstance(getattr(body[0], "value", None), ast.Constant)
                and isinstance(body[0].value.value, str)
            ):
                body = body[1:]
            length = (body[-1].end_lineno or body[-1].lineno) - body[0].lineno + 1 if body else 0
            if length > max_lines:
                kind = "class" if isinstance(node, ast.ClassDef) else "def"
                yield kind, node.name, length
            continue
        stack.extend(reversed(list(ast.iter_child_nodes(node))))


def rule_model_logic(nb: dict[str, Any], max_lines: int) -> Iterator[Raw]:
    """``model-logic``: no long function/class definitions in notebooks."""
    for i, cell in enumerate(_cells(nb)):
        if cell.get("cell_type") != "code":
            continue
        for kind, name, length in long_definitions(source_text(cell), max_lines):
            yield (
                i,
                "model-logic",
                (
                    f"{kind} {name} has a {length}-line body (max {max_lines}); "
                    "move model logic into the package and import it"
                ),
            )


# ---------------------------------------------------------------------------
# Project context: toc, bibliography keys, labels.
# ---------------------------------------------------------------------------


def parse_bib_keys(text: str) -> set[str]:
    """Entry keys defined in BibTeX text (lower-cased; keys are case-insensitive)."""
    return {
        key.lower()
        for kind, key in BIB_ENTRY_RE.findall(text)
        if kind.lower() not in {"comment", "string", "preamble"}
    }


def notebook_labels(nb: dict[str, Any]) -> set[str]:
    """Labels defined in a notebook's markdown cells and ``mystnb`` cell metadata."""
    found: set[str] = set()
    for cell in _cells(nb):
        if cell.get("cell_type") == "markdown":
            found.update(md.labels(md.strip_code_and_comments(source_text(cell))))
        meta = cell.get("metadata")
        if isinstance(meta, dict) and isinstance(meta.get("mystnb"), dict):
            found.update(_names_in(meta["mystnb"]))
    return found


def _names_in(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for key, sub in value.items():
            if key == "name" and isinstance(sub, str):
                yield sub
            else:
                yield from _names_in(sub)
    elif isinstance(value, list):
        for sub in value:
            yield from _names_in(sub)


@dataclass
class Project:
    """Everything the rules need to know about the book, computed lazily.

    Parameters
    ----------
    root : Path
        Book root.
    settings : Settings
        Project settings.
    """

    root: Path
    settings: Settings
    _toc: Any = field(default=None, init=False)
    _toc_loaded: bool = field(default=False, init=False)
    _bib: set[str] | None = field(default=None, init=False)
    _bib_missing: list[Path] = field(default_factory=list, init=False)
    _labels: set[str] | None = field(default=None, init=False)
    _parsed: dict[Path, dict[str, Any]] = field(default_factory=dict, init=False)
    #: Files checked explicitly; their labels count even if the toc omits them.
    extra_pages: list[Path] = field(default_factory=list, init=False)

    def __post_init__(self) -> None:
        self.root = Path(self.root).resolve()

    @property
    def toc(self) -> Any:
        """Parsed ``_toc.yml`` (``None`` if absent)."""
        if not self._toc_loaded:
            self._toc = load_yaml(self.root / "_toc.yml")
            self._toc_loaded = True
        return self._toc

    @property
    def notebooks_dir(self) -> Path:
        """Directory holding the lessons."""
        return self.root / self.settings.notebooks_dir

    def docname(self, path: Path) -> str:
        """Docname of a file relative to the root (posix, no suffix)."""
        rel = path.resolve().relative_to(self.root)
        return rel.with_suffix("").as_posix()

    def bib_keys(self) -> set[str]:
        """All keys of the configured bibliography files."""
        if self._bib is None:
            keys: set[str] = set()
            for path in bib_files(self.root, settings=self.settings):
                try:
                    keys |= parse_bib_keys(path.read_text(encoding="utf-8", errors="replace"))
                except OSError:
                    self._bib_missing.append(path)
            self._bib = keys
        return self._bib

    def bib_names(self) -> str:
        """The bibliography files, as written in messages."""
        paths = bib_files(self.root, settings=self.settings)
        if not paths:
            return "any bibliography file (none configured: bibtex_bibfiles in _config.yml)"
        return ", ".join(
            p.relative_to(self.root).as_posix() if p.is_relative_to(self.root) else str(p)
            for p in paths
        )

    def toc_files(self) -> list[Path]:
        """Existing files the toc lists."""
        if not isinstance(self.toc, dict):
            return []
        names, _globs = tocmod.toc_docnames(self.toc)
        found = (tocmod.resolve_doc(self.root, n) for n in names)
        return [p for p in found if p is not None]

    def remember(self, path: Path, nb: dict[str, Any]) -> None:
        """Cache a parsed notebook so labels need not re-read it."""
        self._parsed[path.resolve()] = nb

    def labels(self) -> set[str]:
        """Lower-cased labels defined anywhere in the book's pages and notebooks."""
        if self._labels is None:
            found: set[str] = set(BUILTIN_LABELS)
            pages = set(self.toc_files()) | set(lesson_files(self)) | set(self.extra_pages)
            for page in pages:
                found |= _page_labels(page.resolve(), self._parsed)
            self._labels = {label.lower() for label in found}
        return self._labels


def _page_labels(path: Path, cache: dict[Path, dict[str, Any]]) -> set[str]:
    try:
        if path.suffix == ".ipynb":
            nb = cache.get(path)
            if nb is None:
                nb = parse_notebook(path.read_bytes(), path)
            return notebook_labels(nb)
        return set(md.labels(md.strip_code_and_comments(path.read_text(encoding="utf-8"))))
    except (OSError, UnicodeDecodeError, CourseKitError):
        return set()


def lesson_files(project: Project) -> list[Path]:
    """All notebooks under the notebooks directory (checkpoints excluded)."""
    base = project.notebooks_dir
    if not base.is_dir():
        return []
    return sorted(
        p for p in base.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts and p.is_file()
    )


def _unresolved(hits: Iterable[md.Hit], known: Callable[[], set[str]]) -> Iterator[md.Hit]:
    """The hits whose lower-cased value is not in ``known()``.

    ``known`` (the bibliography keys, the book's labels) is only computed when
    there is a hit to look up, so pages without citations never read the bib files.
    """
    hits = list(hits)
    if hits:
        names = known()
        yield from (hit for hit in hits if hit.value.lower() not in names)


def markdown_findings(text: str, page: Path, project: Project) -> Iterator[tuple[str, str]]:
    """Rules on markdown content: alt text, citations, links, references.

    Parameters
    ----------
    text : str
        Markdown source (a markdown cell or a whole page).
    page : Path
        File the text lives in (links resolve relative to it).
    project : Project
        Book context.

    Yields
    ------
    tuple of (rule, message)
    """
    prose = md.strip_code_and_comments(text)
    for hit in md.images_without_alt(prose):
        yield "alt-text", f"{hit.value} (line {hit.line})"
    for hit in _unresolved(md.cite_keys(prose), project.bib_keys):
        where = f"{project.bib_names()} (line {hit.line})"
        yield "cite-unresolved", f"citation key {hit.value!r} not in {where}"
    for hit in md.link_targets(prose):
        if not md.is_local_doc_link(hit.value):
            continue
        target = urllib.parse.unquote(re.split(r"[#?]", hit.value, maxsplit=1)[0])
        base = project.root if target.startswith("/") else page.parent
        if not (base / target.lstrip("/")).is_file():
            yield "link-broken", f"link target {hit.value!r} does not exist (line {hit.line})"
    for hit in _unresolved(md.ref_targets(prose), project.labels):
        yield "ref-unresolved", f"no label ({hit.value})= defined in the book (line {hit.line})"


def notebook_findings(nb: dict[str, Any], path: Path, project: Project) -> list[Raw]:
    """Run every notebook rule; returns raw ``(cell, rule, message)`` findings."""
    raw: list[Raw] = []
    raw += rule_nbformat(nb)
    raw += rule_not_stripped(nb)
    raw += rule_exec_order(nb)
    raw += rule_metadata(nb, project.settings.kernelspec)
    raw += rule_tags(nb, allowed_tags(project.settings))
    raw += rule_live_unskipped(nb)
    raw += rule_model_logic(nb, project.settings.max_def_lines)
    for i, cell in enumerate(_cells(nb)):
        if cell.get("cell_type") == "markdown":
            for rule, message in markdown_findings(source_text(cell), path, project):
                raw.append((i, rule, message))
    return raw


def filter_disabled(
    raw: Iterable[Raw], nb: dict[str, Any] | None, disabled: frozenset[str]
) -> list[Raw]:
    """Drop findings disabled for the project or by a ``ck-disable-<rule>`` cell tag."""
    cells = _cells(nb) if nb is not None else []
    kept = []
    for cell, rule, message in raw:
        if rule in disabled:
            continue
        if cell is not None and 0 <= cell < len(cells):
            if DISABLE_PREFIX + rule in cell_tags(cells[cell]):
                continue
        kept.append((cell, rule, message))
    return kept


# ---------------------------------------------------------------------------
# Driver
# ---------------------------------------------------------------------------


@dataclass
class CheckResult:
    """Outcome of a check run."""

    findings: list[Finding] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def expand_paths(paths: list[Path]) -> list[Path]:
    """Expand directories to the ``.ipynb``/``.md`` files inside them."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out += sorted(
                f
                for f in p.rglob("*")
                if f.suffix in {".ipynb", ".md"}
                and f.is_file()
                and not any(part.startswith((".", "_build")) for part in f.relative_to(p).parts)
            )
        else:
            out.append(p)
    return out


def toc_findings(project: Project, notebooks: list[Path], dangling: bool) -> list[Finding]:
    """``toc-missing`` for the given notebooks and (optionally) ``toc-dangling``."""
    toc_path = project.root / "_toc.yml"
    out: list[Finding] = []
    toc = project.toc
    if not isinstance(toc, dict):
        for nb in notebooks:
            out.append(Finding(display(nb), None, "toc-missing", "_toc.yml not found"))
        return out
    names, globs = tocmod.toc_docnames(toc)
    base = project.notebooks_dir.resolve()
    for nb in notebooks:
        resolved = nb.resolve()
        if not resolved.is_relative_to(base):
            continue
        name = project.docname(resolved)
        if not tocmod.listed(name, names, globs):
            out.append(
                Finding(display(nb), None, "toc-missing", f"{name} is not listed in _toc.yml")
            )
    if dangling:
        for name in names:
            if tocmod.resolve_doc(project.root, name) is None:
                out.append(
                    Finding(display(toc_path), None, "toc-dangling", f"entry {name!r} has no file")
                )
    return out


def run_check(project: Project, paths: list[Path] | None = None) -> CheckResult:
    """Check the given files (default: the whole book).

    Parameters
    ----------
    project : Project
        Book context.
    paths : list of Path, optional
        Files or directories to check. Without paths, every lesson notebook,
        every page in the toc and the toc itself are checked.

    Returns
    -------
    CheckResult
        Findings (sorted by file, cell) and one-line errors for unreadable files.
    """
    result = CheckResult()
    whole_book = not paths
    if whole_book:
        files = lesson_files(project)
        files += [p for p in project.toc_files() if p.resolve() not in {f.resolve() for f in files}]
    else:
        files = expand_paths(list(paths or []))
        project.extra_pages = [f for f in files if f.suffix in {".md", ".ipynb"} and f.is_file()]
    disabled = project.settings.disable
    notebooks: list[Path] = []
    for path in files:
        if path.suffix == ".ipynb":
            try:
                data, _snap = read_bytes(path)
                nb = parse_notebook(data, display(path))
            except CourseKitError as exc:
                result.errors.append(str(exc))
                continue
            notebooks.append(path)
            project.remember(path, nb)
            raw = notebook_findings(nb, path, project)
            for cell, rule, message in filter_disabled(raw, nb, disabled):
                result.findings.append(Finding(display(path), cell, rule, message))
        elif path.suffix == ".md":
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                result.errors.append(f"{display(path)}: cannot read: {exc}")
                continue
            raw = [(None, r, m) for r, m in markdown_findings(text, path, project)]
            for cell, rule, message in filter_disabled(raw, None, disabled):
                result.findings.append(Finding(display(path), cell, rule, message))
        elif path.name == "_toc.yml":
            continue
        elif not path.exists():
            result.errors.append(f"{display(path)}: no such file")
    if whole_book or any(p.name == "_toc.yml" for p in files):
        toc_raw = toc_findings(project, notebooks, dangling=True)
    else:
        toc_raw = toc_findings(project, notebooks, dangling=False)
    result.findings += [f for f in toc_raw if f.rule not in disabled]
    result.findings.sort(key=lambda f: (f.path, -1 if f.cell is None else f.cell, f.rule))
    return result


def check_command(root: Path, paths: list[Path] | None) -> CheckResult:
    """Build the project context from ``root`` and run the check."""
    return run_check(Project(root, load_settings(root)), paths)


def select_notebooks(root: Path, paths: list[Path], settings: Settings) -> list[Path]:
    """Notebooks named by ``paths`` (folders searched), or every lesson when none are given.

    Raises
    ------
    CourseKitError
        For a path that is missing or not a notebook.
    """
    if not paths:
        return lesson_files(Project(root, settings))
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out += sorted(f for f in p.rglob("*.ipynb") if ".ipynb_checkpoints" not in f.parts)
        elif p.is_file() and p.suffix == ".ipynb":
            out.append(p)
        elif p.is_file():
            raise CourseKitError(f"{p}: not a notebook (.ipynb)")
        else:
            raise CourseKitError(f"{p}: no such file")
    return out


# ---------------------------------------------------------------------------
# Command line: ``coursekit check`` and ``coursekit rules``
# ---------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    """``coursekit check [PATH...]``: print findings; 1 if any, 2 on unreadable files."""
    parser = cmdline.command_parser("check", "Lint notebooks, pages and the toc.")
    parser.add_argument(
        "paths", nargs="*", type=Path, help="files or folders (default: whole book)"
    )
    cmdline.add_root_option(parser)

    def handle(args: Any) -> int:
        result = check_command(cmdline.book_root(args, args.paths), list(args.paths) or None)
        return cmdline.report((f.format() for f in result.findings), result.errors)

    return cmdline.run(parser, handle, argv)


def main_rules(argv: list[str] | None = None) -> int:
    """``coursekit rules``: list the rule ids and the cell tags the book allows."""
    parser = cmdline.command_parser("rules", "List the check rules and allowed cell tags.")
    cmdline.add_root_option(parser)

    def handle(args: Any) -> int:
        try:
            extra = load_settings(cmdline.book_root(args)).extra_tags
        except CourseKitError:
            if args.root is not None:
                raise
            extra = ()  # outside a book: the built-in tags only
        for rule, text in RULES.items():
            print(f"{rule:17} {text}")
        print()
        print("allowed cell tags: " + ", ".join(sorted(BUILTIN_TAGS)) + f", {DISABLE_PREFIX}<rule>")
        if extra:
            print("this book's extra_tags: " + ", ".join(extra))
        return 0

    return cmdline.run(parser, handle, argv)
