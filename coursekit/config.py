"""Project discovery and configuration.

A project root is the nearest directory (starting from the working directory)
that holds ``_toc.yml`` or ``_config.yml``. Per-project settings live in an
optional ``[tool.coursekit]`` table of the root's ``pyproject.toml``; every key
is a field of :class:`Settings`, validated by :func:`settings_from_table`.
Paths are relative to the book root. The defaults suit any Jupyter Book 1
book (the lessons are what ``_toc.yml`` lists, see :mod:`coursekit.book`); a
course states its own folders and switches on its own conventions, for example::

    [tool.coursekit]
    notebooks_dir = "notebooks"              # every notebook here is a lesson
    conventions = ["course-metadata", "model-logic"]
    reference_dir = "tests/nbval_reference"  # executed twins for nbval
    watch = ["mypackage"]                    # local packages the lessons import

Run ``coursekit settings`` to print the settings in effect.
"""

from __future__ import annotations

import difflib
import os
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from .errors import CourseKitError

DEFAULT_MAX_DEF_LINES = 5
#: Cell metadata ``coursekit clean`` keeps by default (Jupyter Book / myst-nb read these).
DEFAULT_CELL_METADATA_KEEP = ("tags", "mystnb")
#: Notebook metadata kept by default: Jupyter Book's, plus ``course`` (read by the metadata rule).
DEFAULT_NOTEBOOK_METADATA_KEEP = ("kernelspec", "jupytext", "mystnb", "course")


#: Opt-in conventions (setting ``conventions``): a course's own rules, off for other books.
CONVENTIONS: dict[str, str] = {
    "course-metadata": "every lesson has a metadata.course block (title, objectives, "
    "time_minutes); coursekit new fills it",
    "model-logic": "rule model-logic: no long def/class bodies in code cells",
    "closed-tags": "rule unknown-tag rejects every tag not built in or in extra_tags (without "
    "it, only near-misses of known tags such as hide_inputs are reported)",
    "lesson-skeleton": "coursekit new writes NN_slug.ipynb lessons from the packaged skeleton "
    "into notebooks_dir",
}


def _setting(default: Any, kind: str, noun: str, doc: str) -> Any:
    """A :class:`Settings` field: TOML ``kind`` (``count``, ``text``, ``list`` or ``table``), the
    ``noun`` naming one valid value in error messages, and a one-line ``doc``."""
    return field(default=default, metadata={"kind": kind, "noun": noun, "doc": doc})


@dataclass(frozen=True)
class Settings:
    """Per-project coursekit settings (the ``[tool.coursekit]`` table).

    Each field's metadata holds its kind (how the TOML value is validated) and
    a one-line description; :func:`settings_from_table` and the settings table
    in ``book/coursekit_rules.md`` are driven by them. ``None`` means "not set".
    """

    disable: frozenset[str] = _setting(
        frozenset(), "list", "rule id", "check rule ids switched off for the whole project"
    )
    max_def_lines: int = _setting(
        DEFAULT_MAX_DEF_LINES,
        "count",
        "integer >= 0",
        "longest def/class body allowed in a notebook code cell",
    )
    notebooks_dir: str | None = _setting(
        None,
        "text",
        "path",
        "folder whose every notebook is a lesson (and must be in the toc); unset, the lessons "
        "are the notebooks _toc.yml lists, wherever they are",
    )
    conventions: tuple[str, ...] = _setting(
        (),
        "list",
        "convention",
        "this course's own conventions to enforce (" + ", ".join(CONVENTIONS) + "); none by "
        "default",
    )
    bibfiles: tuple[str, ...] | None = _setting(
        None, "list", "path", "BibTeX files the cite-unresolved rule reads"
    )
    reference_dir: str | None = _setting(
        None, "text", "path", "folder of the executed nbval twins of the lessons"
    )
    nbval_sanitize: str | None = _setting(
        None, "text", "path", "nbval sanitize file coursekit test passes to nbval"
    )
    test_paths: tuple[str, ...] = _setting(
        (), "list", "path", "pytest files, folders or globs coursekit test runs after nbval"
    )
    watch: tuple[str, ...] = _setting(
        (), "list", "path", "local package folders whose changes clear the execution cache"
    )
    cell_metadata_keep: tuple[str, ...] = _setting(
        DEFAULT_CELL_METADATA_KEEP, "list", "metadata key", "cell metadata coursekit clean keeps"
    )
    notebook_metadata_keep: tuple[str, ...] = _setting(
        DEFAULT_NOTEBOOK_METADATA_KEEP,
        "list",
        "metadata key",
        "notebook metadata coursekit clean keeps",
    )
    extra_tags: tuple[str, ...] = _setting(
        (), "list", "tag", "cell tags allowed besides the built-in ones"
    )
    vendor_dir: str | None = _setting(
        None, "text", "path", "folder of self-hosted assets and their MANIFEST.json"
    )
    setup_cell: str | None = _setting(
        None,
        "text",
        "code template",
        "code every lesson's first code cell begins with (rule setup-cell), so the lesson runs "
        "in a kernel without the course (Colab); {repository} and {pip} are filled in from "
        "repository.url of _config.yml (coursekit setup-cell prints it, --write adds it)",
    )
    kernelspec: dict[str, str] | None = _setting(
        None,
        "table",
        "kernelspec field",
        "kernelspec clean writes into every notebook and check expects (name, display_name, "
        "language); set it to what your Jupyter front end writes, so opening a lesson leaves "
        "it unmodified",
    )


    def uses(self, convention: str) -> bool:
        """Whether the book enables one of :data:`CONVENTIONS`."""
        return convention in self.conventions


def all_conventions(**changes: Any) -> Settings:
    """:class:`Settings` with every convention on (tests and course-style books)."""
    return Settings(conventions=tuple(CONVENTIONS), **changes)


class _Bad(Exception):
    """A TOML value that does not fit; ``where`` is ``[i]`` for a list item."""

    def __init__(self, value: Any, expected: str, where: str = "") -> None:
        super().__init__(expected)
        self.value, self.expected, self.where = value, expected, where


def _text(value: Any, noun: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _Bad(value, f"a {noun} (non-empty string)")
    return value


def _list(value: Any, noun: str) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise _Bad(value, f"a list of {noun}s (strings)")
    for i, item in enumerate(value):
        try:
            _text(item, noun)
        except _Bad as exc:
            exc.where = f"[{i}]"
            raise
    return tuple(value)


def _count(value: Any, noun: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise _Bad(value, f"an {noun}")
    return value


def _table(value: Any, noun: str) -> dict[str, str]:
    if not isinstance(value, dict) or "name" not in value:
        raise _Bad(value, f"a table of {noun}s (strings) with a name")
    for key, item in value.items():
        try:
            _text(item, noun)
        except _Bad as exc:
            exc.where = f".{key}"
            raise
    return dict(value)


#: Setting kind -> validator ``(toml_value, noun) -> value``, raising ``_Bad``.
_VALIDATORS: dict[str, Callable[[Any, str], Any]] = {
    "count": _count, "text": _text, "list": _list, "table": _table}


def setting_fields() -> dict[str, Any]:
    """Setting name -> dataclass field (with ``metadata["kind"]`` and ``["doc"]``)."""
    return {f.name: f for f in fields(Settings)}


def _shown(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def settings_from_table(table: dict[str, Any], source: str = "pyproject.toml") -> Settings:
    """Validate a ``[tool.coursekit]`` table and turn it into :class:`Settings`.

    Parameters
    ----------
    table : dict
        The parsed table (may be empty).
    source : str
        File name used in error messages.

    Returns
    -------
    Settings

    Raises
    ------
    CourseKitError
        One line naming the key, the bad value and what is expected, e.g.
        ``pyproject.toml: [tool.coursekit] watch[1] = 3: expected a path (non-empty string)``.
    """
    known = setting_fields()
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in known:
            close = difflib.get_close_matches(key, list(known), n=1)
            hint = f"did you mean {close[0]!r}?" if close else "known: " + ", ".join(known)
            raise CourseKitError(f"{source}: [tool.coursekit] unknown key {key!r} ({hint})")
        try:
            meta = known[key].metadata
            parsed = _VALIDATORS[meta["kind"]](value, meta["noun"])
        except _Bad as exc:
            raise CourseKitError(
                f"{source}: [tool.coursekit] {key}{exc.where} = {_shown(exc.value)}: "
                f"expected {exc.expected}"
            ) from None
        for i, item in enumerate(parsed if key == "conventions" else ()):
            if item not in CONVENTIONS:
                raise CourseKitError(
                    f"{source}: [tool.coursekit] conventions[{i}] = {item!r}: expected a "
                    f"convention (one of {', '.join(CONVENTIONS)})"
                )
        values[key] = frozenset(parsed) if key == "disable" else parsed
    return Settings(**values)


def load_settings(root: Path) -> Settings:
    """Read ``[tool.coursekit]`` from ``root/pyproject.toml``; defaults if absent.

    Parameters
    ----------
    root : Path
        Project root.

    Returns
    -------
    Settings
    """
    path = root / "pyproject.toml"
    if not path.is_file():
        return Settings()
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise CourseKitError(f"{display(path)}: cannot read: {exc}") from exc
    tool = data.get("tool", {})
    table = tool.get("coursekit", {}) if isinstance(tool, dict) else {}
    if not isinstance(table, dict):
        raise CourseKitError(f"{display(path)}: [tool.coursekit] must be a table")
    return settings_from_table(table, display(path))


def display(path: Path) -> str:
    """Path relative to the working directory when possible (as messages show it)."""
    absolute = Path(os.path.abspath(path))
    cwd = Path.cwd()
    if absolute.is_relative_to(cwd):
        return absolute.relative_to(cwd).as_posix()
    return str(absolute)


def find_root(start: Path | None = None) -> Path:
    """Return the book root at or above ``start``.

    Parameters
    ----------
    start : Path, optional
        Where to begin looking (default: the current directory).

    Returns
    -------
    Path
        Absolute path of the first directory containing ``_toc.yml`` or
        ``_config.yml``; failing that, the only sub-folder of ``start`` holding
        both (a repository whose book is its ``lectures/`` or ``book/`` folder).

    Raises
    ------
    CourseKitError
        If no such directory exists.
    """
    here = (start or Path.cwd()).resolve()
    for candidate in (here, *here.parents):
        if (candidate / "_toc.yml").is_file() or (candidate / "_config.yml").is_file():
            return candidate
    # a repository whose book is one of its folders (lectures/, book/, docs/...)
    try:
        below = sorted(
            child for child in here.iterdir()
            if child.is_dir() and not child.name.startswith((".", "_")) and
            (child / "_toc.yml").is_file() and (child / "_config.yml").is_file()
        )
    except OSError:
        below = []
    if len(below) == 1:
        return below[0]
    found = f" (books in: {', '.join(c.name + '/' for c in below)})" if below else ""
    raise CourseKitError(
        f"no _toc.yml or _config.yml found at or above {here}{found}; use --root DIR"
    )


def existing_folders(root: Path, names: tuple[str, ...]) -> list[Path]:
    """The folders among ``names`` (relative to ``root``) that exist; others are skipped."""
    return [root / name for name in names if (root / name).is_dir()]


def yaml_error(path: Path | str, exc: Exception) -> str:
    """One line for a YAML error: ``path:line:col: invalid YAML: problem (context)``.

    Parameters
    ----------
    path : Path or str
        File name as shown in messages.
    exc : Exception
        A ruamel.yaml ``MarkedYAMLError`` (line and column are 1-based in the
        message) or any other error (its first line is used).
    """
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None)
    if not problem:
        problem = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark is not None else f"{path}"
    context, context_mark = getattr(exc, "context", None), getattr(exc, "context_mark", None)
    extra = ""
    if context and context_mark is not None and context_mark is not mark:
        extra = f" ({context} at line {context_mark.line + 1})"
    return f"{where}: invalid YAML: {problem}{extra}"


def load_yaml(path: Path) -> Any:
    """Load a YAML file with ruamel.yaml's safe loader (``None`` if missing).

    Parameters
    ----------
    path : Path
        YAML file.

    Returns
    -------
    object
        Parsed data, or ``None`` when the file does not exist.

    Raises
    ------
    CourseKitError
        One line; a syntax error gives its ``line:col`` (see :func:`yaml_error`).
    """
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    if not path.is_file():
        return None
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise CourseKitError(f"{display(path)}: not UTF-8 (byte {exc.start})") from exc
    except OSError as exc:
        raise CourseKitError(f"{display(path)}: cannot read: {exc.strerror or exc}") from exc
    try:
        return YAML(typ="safe", pure=True).load(text)
    except YAMLError as exc:
        raise CourseKitError(yaml_error(display(path), exc)) from exc


def bib_files(root: Path, book_config: Any = None, settings: Settings | None = None) -> list[Path]:
    """Bibliography files of the book.

    The ``bibfiles`` setting wins when set; otherwise they are read from
    ``sphinx.config.bibtex_bibfiles`` in ``_config.yml`` (or Jupyter Book's
    top-level ``bibtex_bibfiles``). A book that names none has none.

    Parameters
    ----------
    root : Path
        Project root.
    book_config : object, optional
        Already-parsed ``_config.yml`` (loaded when omitted).
    settings : Settings, optional
        Project settings.

    Returns
    -------
    list of Path
        Absolute paths (they may not exist).
    """
    if settings is not None and settings.bibfiles is not None:
        return [root / name for name in settings.bibfiles]
    if book_config is None:
        book_config = load_yaml(root / "_config.yml")
    names: Any = None
    if isinstance(book_config, dict):
        names = book_config.get("bibtex_bibfiles")  # Jupyter Book's own top-level key
        sphinx = book_config.get("sphinx") or {}
        cfg = sphinx.get("config") if isinstance(sphinx, dict) else None
        if isinstance(cfg, dict) and cfg.get("bibtex_bibfiles"):
            names = cfg.get("bibtex_bibfiles")
    if isinstance(names, str):
        names = [names]
    return [root / str(n) for n in names or []]
