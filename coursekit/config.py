"""Project discovery and configuration.

A project root is the nearest directory (starting from the working directory)
that holds ``_toc.yml`` or ``_config.yml``. Per-project settings live in an
optional ``[tool.coursekit]`` table of the root's ``pyproject.toml``::

    [tool.coursekit]
    disable = ["model-logic"]   # rule ids switched off project-wide
    max_def_lines = 5           # longest def/class body allowed in a notebook
    notebooks_dir = "notebooks" # where lessons live
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .nbio import CourseKitError

DEFAULT_BIBFILES = ("book/references.bib",)
DEFAULT_MAX_DEF_LINES = 5


@dataclass
class Settings:
    """Per-project coursekit settings.

    Attributes
    ----------
    disable : frozenset of str
        Rule ids disabled for the whole project.
    max_def_lines : int
        Maximum body length of a ``def``/``class`` in a notebook code cell.
    notebooks_dir : str
        Directory (relative to the root) holding the lessons.
    """

    disable: frozenset[str] = field(default_factory=frozenset)
    max_def_lines: int = DEFAULT_MAX_DEF_LINES
    notebooks_dir: str = "notebooks"


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
        ``_config.yml``.

    Raises
    ------
    CourseKitError
        If no such directory exists.
    """
    here = (start or Path.cwd()).resolve()
    for candidate in (here, *here.parents):
        if (candidate / "_toc.yml").is_file() or (candidate / "_config.yml").is_file():
            return candidate
    raise CourseKitError(f"no _toc.yml or _config.yml found at or above {here}; use --root")


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
    """
    known = {"disable", "max_def_lines", "notebooks_dir"}
    unknown = sorted(set(table) - known)
    if unknown:
        raise CourseKitError(f"{source}: unknown [tool.coursekit] key(s): {', '.join(unknown)}")
    disable = table.get("disable", [])
    if not isinstance(disable, list) or not all(isinstance(x, str) for x in disable):
        raise CourseKitError(f"{source}: [tool.coursekit] disable must be a list of rule ids")
    max_lines = table.get("max_def_lines", DEFAULT_MAX_DEF_LINES)
    if isinstance(max_lines, bool) or not isinstance(max_lines, int) or max_lines < 0:
        raise CourseKitError(f"{source}: [tool.coursekit] max_def_lines must be an integer >= 0")
    nb_dir = table.get("notebooks_dir", "notebooks")
    if not isinstance(nb_dir, str) or not nb_dir:
        raise CourseKitError(f"{source}: [tool.coursekit] notebooks_dir must be a string")
    return Settings(frozenset(disable), max_lines, nb_dir)


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
        raise CourseKitError(f"{path}: cannot read: {exc}") from exc
    table = data.get("tool", {}).get("coursekit", {})
    if not isinstance(table, dict):
        raise CourseKitError(f"{path}: [tool.coursekit] must be a table")
    return settings_from_table(table, str(path))


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
    """
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    if not path.is_file():
        return None
    try:
        return YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))
    except (OSError, YAMLError, UnicodeDecodeError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise CourseKitError(f"{path}: cannot parse YAML: {first}") from exc


def bib_files(root: Path, book_config: Any = None) -> list[Path]:
    """Bibliography files of the book.

    Read from ``sphinx.config.bibtex_bibfiles`` in ``_config.yml`` (or Jupyter
    Book's top-level ``bibtex_bibfiles``); defaults to ``book/references.bib``.

    Parameters
    ----------
    root : Path
        Project root.
    book_config : object, optional
        Already-parsed ``_config.yml`` (loaded when omitted).

    Returns
    -------
    list of Path
        Absolute paths (they may not exist).
    """
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
    if not names:
        names = list(DEFAULT_BIBFILES)
    return [root / str(n) for n in names]
