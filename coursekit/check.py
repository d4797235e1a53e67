"""``coursekit check``: lint lessons and pages.

Each finding is printed as ``file:cell:rule message``. ``cell`` counts the
notebook's cells from 1, markdown cells included, as every coursekit command
and ruff count them (nbval differs: it counts code cells only, from 0), or is
``-`` when the finding concerns the whole file.
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

from . import cmdline, setupcell
from . import markdown as md
from . import toc as tocmod
from .book import Book
from .cmdline import display
from .config import Settings, bib_files, load_settings
from .nbio import CourseKitError, parse_notebook, read_bytes

#: Rule id -> one-line description (documented in book/coursekit_rules.md).
RULES: dict[str, str] = {
    "toc-missing": "a notebook under the notebooks_dir folder is not listed in _toc.yml",
    "toc-dangling": "a _toc.yml entry names a file that does not exist",
    "nbformat-invalid": "the notebook does not validate against the nbformat schema",
    "not-stripped": "a code cell of a notebook the book executes still has outputs or an "
    "execution count",
    "exec-order": "stored execution counts do not increase from cell to cell",
    "metadata": "kernelspec missing/invalid, or (convention course-metadata) course metadata "
    "(title, objectives, time_minutes) missing or a title that differs from the H1",
    "unknown-tag": "a cell tag looks like a misspelt known tag, or (convention closed-tags) "
    "is neither built in nor listed in extra_tags",
    "alt-text": "an image has no alt text",
    "cite-unresolved": "a {cite} key is not defined in the bibliography files",
    "link-broken": "a relative link to a .md/.ipynb file points at nothing",
    "ref-unresolved": "a {ref}/{numref} target is not a label defined in the book",
    "model-logic": "(convention model-logic) a def/class body in a code cell is longer than "
    "max_def_lines",
    "live-unskipped": "a live-kernel cell is not tagged skip-execution (frozen on the site)",
    "setup-cell": "(setting setup_cell) a lesson's first code cell does not begin with the "
    "book's setup cell",
}

#: Tags Jupyter Book 1 acts on: myst-nb (hide/remove, remove-stdout/-stderr, scroll-output,
#: raises-exception, skip-execution), sphinx-book-theme (margin, popout, full-width) and
#: sphinx-thebe (thebe-init), with the underscore spellings they accept too.
JUPYTER_BOOK_TAGS: frozenset[str] = frozenset(
    {
        "hide-input",
        "hide-output",
        "hide-cell",
        "remove-input",
        "remove-output",
        "remove-cell",
        "remove_input",
        "remove_output",
        "remove_cell",
        "remove-stdout",
        "remove-stderr",
        "raises-exception",
        "skip-execution",
        "scroll-output",
        "output_scroll",
        "margin",
        "popout",
        "full-width",
        "full_width",
        "thebe-init",
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
        0-based cell index (printed 1-based by :meth:`format`), ``None`` for file-level
        findings.
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
        """Render as ``file:cell:rule message``, with coursekit's one cell numbering.

        The printed cell is 1-based over all cells (markdown and raw ones count too), so
        ``cell 4`` is the fourth cell as Jupyter shows it, the number ruff, ``coursekit
        lint``, ``snapshot check`` and ``buildlog`` print; :attr:`cell` stays the 0-based
        list index. ``-`` marks a finding about the whole file.
        """
        cell = "-" if self.cell is None else str(self.cell + 1)
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
    if isinstance(src, list):  # a malformed line (not a string) is nbformat-invalid, not text
        return "".join(line for line in src if isinstance(line, str))
    return src if isinstance(src, str) else ""


def cell_tags(cell: dict[str, Any]) -> list[str]:
    """Tags of a cell (empty when missing or malformed)."""
    meta = cell.get("metadata")
    tags = meta.get("tags", []) if isinstance(meta, dict) else []
    return [t for t in tags if isinstance(t, str)] if isinstance(tags, list) else []


#: Compiled fastjsonschema validators of nbformat's own v4.x schema files, by minor version.
_SCHEMA_VALIDATORS: dict[str, Callable[[Any], Any]] = {}


def _nbformat_schema(minor: int, ref: str | None = None) -> Callable[[Any], Any] | None:
    """A fastjsonschema validator for nbformat's v4.``minor`` schema (``ref``: a definition).

    The schema files are read from the installed nbformat without importing it:
    importing nbformat imports jsonschema, whose format checkers take over a second to
    load, which would make ``coursekit clean`` ten times slower. ``None`` when
    fastjsonschema or the schema file is not available.
    """
    key = f"{minor}:{ref}"
    if key not in _SCHEMA_VALIDATORS:
        import importlib.util

        try:
            import fastjsonschema

            spec = importlib.util.find_spec("nbformat")
            locations = list(spec.submodule_search_locations or []) if spec else []
            schema_file = Path(locations[0]) / "v4" / f"nbformat.v4.{minor}.schema.json"
            schema = json.loads(schema_file.read_text(encoding="utf-8"))
            if ref is not None:
                schema = {"$ref": f"#/definitions/{ref}", "definitions": schema["definitions"]}
            _SCHEMA_VALIDATORS[key] = fastjsonschema.compile(schema)
        except (ImportError, IndexError, KeyError, OSError, ValueError):
            return None
    return _SCHEMA_VALIDATORS[key]


def _fast_schema_error(nb: dict[str, Any], minor: int) -> tuple[int | None, str] | None | bool:
    """:func:`schema_error` with fastjsonschema; ``False`` when it cannot be used."""
    import fastjsonschema

    validate = _nbformat_schema(minor)
    if validate is None:
        return False
    data = dict(nb)
    if minor >= 5 and isinstance(nb.get("cells"), list):  # missing ids: see rule_nbformat
        data["cells"] = [
            dict(c, id="id") if isinstance(c, dict) and "id" not in c else c for c in nb["cells"]
        ]
    try:
        validate(data)
    except fastjsonschema.JsonSchemaValueException as exc:
        path = [int(p) if p.isdigit() else p for p in (exc.path or [])[1:]]
        message = exc.message.removeprefix(str(exc.name or "data")).strip()
        cell = path[1] if len(path) >= 2 and path[0] == "cells" else None
        if isinstance(cell, int) and len(path) == 2:  # "must be valid by one definition": which?
            item = data["cells"][cell]
            kind = item.get("cell_type") if isinstance(item, dict) else None
            one = _nbformat_schema(minor, f"{kind}_cell") if isinstance(kind, str) else None
            if kind not in ("code", "markdown", "raw"):
                message = f"cell_type {kind!r} is not one of 'code', 'markdown', 'raw'"
            elif one is not None:
                try:
                    one(item)
                except fastjsonschema.JsonSchemaValueException as sub:
                    path += [int(p) if p.isdigit() else p for p in (sub.path or [])[1:]]
                    message = sub.message.removeprefix(str(sub.name or "data")).strip()
        if "exactly by one definition" in message:
            message = "has the wrong type or the wrong fields"
        where = "/".join(str(p) for p in path)
        return cell, message + (f" (at {where})" if where else "")
    return None


def schema_error(nb: dict[str, Any]) -> tuple[int | None, str] | None:
    """The first nbformat schema violation of ``nb``: ``(cell index or None, one line)``.

    Missing cell ids (a warning in nbformat) are not counted; :func:`rule_nbformat`
    reports them itself. ``nb`` is not modified. nbformat's own schema files are used,
    with fastjsonschema (see :func:`_nbformat_schema`); nbformat's validator is the
    fallback (for example for a notebook from a newer nbformat minor version).
    """
    minor = nb.get("nbformat_minor")
    if not isinstance(minor, int) or isinstance(minor, bool) or minor < 0:
        return None, "nbformat_minor must be a whole number >= 0 (at nbformat_minor)"
    if minor <= 5:
        try:
            fast = _fast_schema_error(nb, minor)
        except ImportError:
            fast = False
        if fast is not False:
            return fast
    import nbformat
    from nbformat.validator import ValidationError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # missing ids are reported by rule_nbformat
            nbformat.validate(json.loads(json.dumps(nb)))
    except (AssertionError, TypeError, KeyError, AttributeError) as exc:  # nbformat crashed
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        return None, f"nbformat cannot validate it ({type(exc).__name__}: {first})"
    except ValidationError as exc:
        path = list(getattr(exc, "absolute_path", []) or [])
        cell = (
            path[1] if len(path) >= 2 and path[0] == "cells" and isinstance(path[1], int) else None
        )
        first = (str(getattr(exc, "message", exc)).strip().splitlines() or ["invalid"])[0]
        if len(first) > 120:  # the message repeats the whole offending value
            first = first[:117] + "..."
        where = "/".join(str(p) for p in path)
        return cell, first + (f" (at {where})" if where else "")
    return None


def rule_nbformat(nb: dict[str, Any]) -> Iterator[Raw]:
    """``nbformat-invalid``: validate against the nbformat JSON schema."""
    minor = nb.get("nbformat_minor")
    if isinstance(minor, int) and minor >= 5:
        for i, cell in enumerate(_cells(nb)):
            if "id" not in cell:
                yield i, "nbformat-invalid", "cell has no id (required since nbformat 4.5)"
    problem = schema_error(nb)
    if problem is not None:
        yield problem[0], "nbformat-invalid", problem[1]


def rule_not_stripped(nb: dict[str, Any]) -> Iterator[Raw]:
    """``not-stripped``: code cells must carry no outputs and no execution count.

    Only run on notebooks the book executes (see :meth:`coursekit.book.Book.executes`):
    a notebook excluded from execution needs its outputs.
    """
    for i, cell in enumerate(_cells(nb)):
        if cell.get("cell_type") != "code":
            continue
        problems = []
        outputs = cell.get("outputs") or []
        if not isinstance(outputs, list):
            outputs = [outputs]  # malformed (nbformat-invalid), but outputs all the same
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


def rule_metadata(
    nb: dict[str, Any], kernelspec: dict[str, str] | None = None, course_block: bool = True
) -> Iterator[Raw]:
    """``metadata``: kernelspec (the book's, if the ``kernelspec`` setting gives one) and,
    with ``course_block`` (convention ``course-metadata``), ``course`` (title, objectives,
    time_minutes)."""
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
    if not course_block:
        return
    course = meta.get("course")
    if not isinstance(course, dict):
        yield None, "metadata", "metadata.course is missing (title, objectives, time_minutes)"
        return
    title = course.get("title")
    if not isinstance(title, str) or not title.strip():
        yield None, "metadata", "metadata.course.title must be a non-empty string"
    else:
        yield from _title_drift(nb, title)
    objectives = course.get("objectives")
    if (
        not isinstance(objectives, list)
        or not objectives
        or not all(isinstance(o, str) and o.strip() for o in objectives)
    ):
        yield None, "metadata", "metadata.course.objectives must be a list of >= 1 strings"
    if not _positive_int(course.get("time_minutes")):
        yield None, "metadata", "metadata.course.time_minutes must be a positive integer"


#: A lesson number in front of a title (``01 · ``, ``1. ``, ``01 - ``): ignored when the page's
#: H1 is compared with ``metadata.course.title``.
TITLE_NUMBER_RE = re.compile(r"^\s*\d+\s*(?:[·.:\-–—]\s*)?")


def _bare_title(text: str) -> str:
    return " ".join(TITLE_NUMBER_RE.sub("", text, count=1).split()).casefold()


def _title_drift(nb: dict[str, Any], title: str) -> Iterator[Raw]:
    """``metadata``: the lesson's H1 (its page title) and ``metadata.course.title`` say the
    same, up to a leading lesson number; an edit to one alone is reported."""
    for i, cell in enumerate(_cells(nb)):
        if cell.get("cell_type") != "markdown":
            continue
        for line in md.strip_code_and_comments(source_text(cell)).split("\n"):
            match = re.match(r"^#\s+(.+?)\s*#*\s*$", line)
            if match is None:
                continue
            if _bare_title(match.group(1)) != _bare_title(title):
                yield i, "metadata", (
                    f"the page title (H1) {match.group(1)!r} differs from "
                    f"metadata.course.title {title!r}; edit one to match the other")
            return


def allowed_tags(settings: Settings) -> frozenset[str]:
    """The cell tags a book may use: :data:`BUILTIN_TAGS` plus its ``extra_tags``."""
    return BUILTIN_TAGS | frozenset(settings.extra_tags)


def near_miss(tag: str, allowed: frozenset[str]) -> str | None:
    """The known tag an unknown ``tag`` is probably a misspelling of (``hide_inputs``)."""
    import difflib

    folded = {t.replace("_", "-").lower(): t for t in allowed}
    key = tag.replace("_", "-").lower()
    if key in folded:
        return folded[key]
    close = difflib.get_close_matches(key, list(folded), n=1, cutoff=0.85)
    return folded[close[0]] if close else None


def rule_tags(
    nb: dict[str, Any], allowed: frozenset[str] = BUILTIN_TAGS, closed: bool = True
) -> Iterator[Raw]:
    """``unknown-tag``: tags must be ``allowed`` (:func:`allowed_tags`) or ``ck-disable-<rule>``.

    With ``closed`` false (no ``closed-tags`` convention) a book may use any tag of its
    own; only a near-miss of a known tag (``hide_input``, ``remove-outputs``) is reported.
    """
    for i, cell in enumerate(_cells(nb)):
        for tag in cell_tags(cell):
            if tag in allowed:
                continue
            if tag.startswith(DISABLE_PREFIX):
                if tag[len(DISABLE_PREFIX) :] in RULES:
                    continue
                yield i, "unknown-tag", f"tag {tag!r} disables an unknown rule"
                continue
            if not closed:
                guess = near_miss(tag, allowed)
                if guess is not None:
                    yield i, "unknown-tag", f"tag {tag!r} is not known; did you mean {guess!r}?"
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
    _book: Book | None = field(default=None, init=False)
    _setup: str | None = field(default=None, init=False)
    #: Files checked explicitly; their labels count even if the toc omits them.
    extra_pages: list[Path] = field(default_factory=list, init=False)
    #: Why ``_toc.yml`` could not be used (one line), once :attr:`toc` was read.
    toc_error: str | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        self.root = Path(self.root).resolve()

    @property
    def toc(self) -> Any:
        """Parsed ``_toc.yml`` (``None`` if absent or unusable: see :attr:`toc_error`)."""
        if not self._toc_loaded:
            self._toc_loaded = True
            try:
                self._toc = tocmod.load_toc(self.root / "_toc.yml")
            except CourseKitError as exc:
                self._toc, self.toc_error = None, str(exc)
        return self._toc

    @property
    def book(self) -> Book:
        """The book's lessons and execution settings (see :mod:`coursekit.book`)."""
        if self._book is None:
            self._book = Book(self.root, self.settings, toc=self.toc)
        return self._book

    @property
    def notebooks_dir(self) -> Path | None:
        """The ``notebooks_dir`` folder (``None``: the lessons are what the toc lists)."""
        return self.book.notebooks_dir()

    def setup_cell(self) -> str:
        """The rendered setup cell (:mod:`coursekit.setupcell`; the setting must be set)."""
        if self._setup is None:
            self._setup = setupcell.render(
                self.settings.setup_cell or "", self.root, self.book.config)
        return self._setup

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
        """Existing files the toc lists (``glob:`` entries expanded)."""
        return self.book.toc_paths()

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
        text = path.read_text(encoding="utf-8")
        return set(md.labels(md.strip_code_and_comments(text))) | set(md.code_cell_labels(text))
    except (OSError, UnicodeDecodeError, CourseKitError):
        return set()


def lesson_files(project: Project, text: bool = False) -> list[Path]:
    """The book's ``.ipynb`` lessons (with ``text``, its MyST/custom-format ones too).

    See :meth:`coursekit.book.Book.lessons`: the notebooks ``_toc.yml`` lists, wherever
    they are, plus every notebook under ``notebooks_dir`` when that setting is given.
    """
    return project.book.lessons() if text else project.book.ipynb_lessons()


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
    settings = project.settings
    raw += rule_nbformat(nb)
    if project.book.executes(path):  # a notebook the book does not execute keeps its outputs
        raw += rule_not_stripped(nb)
    raw += rule_exec_order(nb)
    raw += rule_metadata(nb, settings.kernelspec, settings.uses("course-metadata"))
    raw += rule_tags(nb, allowed_tags(settings), settings.uses("closed-tags"))
    raw += rule_live_unskipped(nb)
    if settings.uses("model-logic"):
        raw += rule_model_logic(nb, settings.max_def_lines)
    if settings.setup_cell and path.suffix == ".ipynb" and project.book.executes(path):
        raw += setupcell.rule_setup_cell(nb, project.setup_cell())
    for i, cell in enumerate(_cells(nb)):
        if cell.get("cell_type") == "markdown":
            for rule, message in markdown_findings(source_text(cell), path, project):
                raw.append((i, rule, message))
    return raw


def _one_not_stripped(raw: list[Raw]) -> list[Raw]:
    """One ``not-stripped`` finding per notebook (its first cell, with how many more)."""
    stripped = [f for f in raw if f[1] == "not-stripped"]
    if len(stripped) <= 1:
        return raw
    cell, rule, message = stripped[0]
    more = len(stripped) - 1
    first = (cell, rule, message.replace(
        "; run coursekit clean", f" (and {more} more code cell{'s' if more > 1 else ''}); "
        "run coursekit clean"))
    return [first if f is stripped[0] else f for f in raw if f[1] != "not-stripped" or
            f is stripped[0]]


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
        if project.toc_error is None and project.notebooks_dir is not None:
            # an unusable toc is one error line, not one per notebook
            for nb in notebooks:
                out.append(Finding(display(nb), None, "toc-missing", "_toc.yml not found"))
        return out
    names, globs = tocmod.toc_docnames(toc)
    folder = project.notebooks_dir
    base = folder.resolve() if folder is not None else None
    for nb in notebooks:
        resolved = nb.resolve()
        if base is None or not resolved.is_relative_to(base):
            continue
        name = project.docname(resolved)
        if not tocmod.listed(name, names, globs):
            out.append(
                Finding(display(nb), None, "toc-missing", f"{name} is not listed in _toc.yml")
            )
    if dangling:
        for name in names:
            if tocmod.resolve_doc(project.root, name, project.book.suffixes()) is None:
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
        seen = {f.resolve() for f in files}
        files += [p for p in project.toc_files() if p.resolve() not in seen]
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
            raw = _one_not_stripped(filter_disabled(notebook_findings(nb, path, project), nb,
                                                    disabled))
            for cell, rule, message in raw:
                result.findings.append(Finding(display(path), cell, rule, message))
        elif path.suffix == ".md" or path.suffix in project.book.custom_formats:
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
    if project.toc_error is not None:
        result.errors.insert(0, project.toc_error)
    elif whole_book and project.toc is None and project.notebooks_dir is None:
        result.errors.insert(0, f"{display(project.root / '_toc.yml')}: not found; Jupyter Book "
                             "needs one (jupyter-book toc from-project . makes a first one)")
    if project.book.config_error is not None and project.book.config_error not in result.errors:
        result.errors.insert(0, project.book.config_error)
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
        For a path that is missing or not a notebook, or (no paths) when the toc that lists
        the lessons is missing or unusable and ``notebooks_dir`` is not set.
    """
    if not paths:
        project = Project(root, settings)
        if project.notebooks_dir is None and project.toc is None:  # the toc is the lesson list
            raise CourseKitError(project.toc_error or f"{display(root / '_toc.yml')}: not found; "
                                 "the lessons are the notebooks it lists (or set notebooks_dir)")
        return lesson_files(project)
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
            settings = load_settings(cmdline.book_root(args))
        except CourseKitError:
            if args.root is not None:
                raise
            settings = Settings()  # outside a book: the built-in tags only
        extra = settings.extra_tags
        for rule, text in RULES.items():
            print(f"{rule:17} {text}")
        print()
        print("allowed cell tags: " + ", ".join(sorted(BUILTIN_TAGS)) + f", {DISABLE_PREFIX}<rule>")
        if not settings.uses("closed-tags"):
            print("(convention closed-tags is off: other tags are allowed too, except near-misses "
                  "of these)")
        if extra:
            print("this book's extra_tags: " + ", ".join(extra))
        return 0

    return cmdline.run(parser, handle, argv)
