"""What a Jupyter Book 1 book says about itself: its lessons and execution settings.

coursekit reads the book instead of assuming a layout:

* the **lessons** are the notebooks ``_toc.yml`` lists, in any folder: ``.ipynb``
  files, MyST markdown notebooks (``.md`` whose front matter has
  ``jupytext: text_representation: format_name: myst`` or ``file_format: mystnb``,
  as myst-nb decides), and files of the ``nb_custom_formats`` the book declares
  (``.Rmd``, jupytext ``.py``...). With the ``notebooks_dir`` setting, every
  ``.ipynb`` under that folder is a lesson too (and must be in the toc);
* the **execution settings** are ``execute.execute_notebooks`` (default ``auto``)
  and ``execute.exclude_patterns`` of ``_config.yml``: a notebook the book does not
  execute keeps its outputs (``coursekit clean`` leaves them, ``check`` does not ask
  for them to be stripped); Sphinx's top-level ``exclude_patterns`` removes files
  from the book altogether.
"""

from __future__ import annotations

import fnmatch
import re
from pathlib import Path, PurePosixPath
from typing import Any

from . import toc as tocmod
from .config import Settings, load_yaml
from .errors import CourseKitError

#: Suffixes of text notebooks Jupyter Book reads through jupytext when ``nb_custom_formats``
#: declares them; ``.md`` is a notebook when its front matter says so.
TEXT_NOTEBOOK_SUFFIXES = (".md", ".myst")
FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*$", re.S | re.M)
#: Execution modes in which Jupyter Book never runs a notebook.
NO_EXECUTION = ("off", False, None)


def front_matter(text: str) -> tuple[dict[str, Any] | None, str]:
    """The YAML front matter of a text file (``None`` if none) and its raw block."""
    match = FRONT_MATTER_RE.match(text)
    if not match:
        return None, ""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        data = YAML(typ="safe", pure=True).load(match.group(1))
    except YAMLError:
        return None, match.group(0)
    return (data if isinstance(data, dict) else None), match.group(0)


def is_myst_notebook(text: str) -> bool:
    """Whether markdown text is a MyST notebook (myst-nb's ``is_myst_markdown_notebook``)."""
    if not text.startswith("---"):
        return False
    data, _raw = front_matter(text)
    if not data:
        return False
    if data.get("file_format") == "mystnb":
        return True
    jupytext = data.get("jupytext")
    rep = jupytext.get("text_representation") if isinstance(jupytext, dict) else None
    return isinstance(rep, dict) and rep.get("format_name") == "myst"


def _get(config: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(config, dict):
            return None
        config = config.get(key)
    return config


class Book:
    """A book root with its ``_config.yml``, ``_toc.yml`` and settings (read lazily).

    Parameters
    ----------
    root : Path
        Book root.
    settings : Settings
        Project settings.
    config : object, optional
        Parsed ``_config.yml`` (read when omitted; a malformed one counts as empty and its
        error is :attr:`config_error`, which the commands report).
    toc : object, optional
        Parsed ``_toc.yml`` (read when omitted; ``None`` when missing or unusable).
    """

    def __init__(
        self, root: Path, settings: Settings, config: Any = None, toc: Any = None
    ) -> None:
        self.root = Path(root).resolve()
        self.settings = settings
        #: Why ``_config.yml`` could not be read (one line), or ``None``.
        self.config_error: str | None = None
        if config is None:
            try:
                config = load_yaml(self.root / "_config.yml")
            except CourseKitError as exc:
                config, self.config_error = None, str(exc)
        self.config: dict[str, Any] = config if isinstance(config, dict) else {}
        if toc is None:
            try:
                toc = tocmod.load_toc(self.root / "_toc.yml")
            except CourseKitError:
                toc = None
        self.toc = toc

    # -- execution -------------------------------------------------------------------

    @property
    def execution_mode(self) -> Any:
        """``execute.execute_notebooks`` (``auto`` when unset, as in Jupyter Book 1)."""
        execute = _get(self.config, "execute")
        if isinstance(execute, dict) and "execute_notebooks" in execute:
            return execute["execute_notebooks"]
        return "auto"

    @property
    def execution_excludes(self) -> list[str]:
        """``execute.exclude_patterns``: notebooks the book never executes."""
        value = _get(self.config, "execute", "exclude_patterns")
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in value or [] if isinstance(v, str | int)]

    def executes(self, path: Path) -> bool:
        """Whether Jupyter Book executes this notebook (so its outputs are not needed)."""
        if self.execution_mode in NO_EXECUTION:
            return False
        # myst-nb's own test: the absolute posix path matched, from the right, by each pattern
        absolute = PurePosixPath(Path(path).resolve().as_posix())
        return not any(absolute.match(p) for p in self.execution_excludes if p.strip())

    # -- lessons ---------------------------------------------------------------------

    def _rel(self, path: Path) -> str:
        resolved = Path(path).resolve()
        if resolved.is_relative_to(self.root):
            return resolved.relative_to(self.root).as_posix()
        return resolved.as_posix()

    @property
    def custom_formats(self) -> tuple[str, ...]:
        """Suffixes of ``sphinx.config.nb_custom_formats`` (``.Rmd``...)."""
        formats = _get(self.config, "sphinx", "config", "nb_custom_formats")
        return tuple(str(k) for k in formats) if isinstance(formats, dict) else ()

    def suffixes(self) -> tuple[str, ...]:
        """Every suffix a toc entry may name (the toc's own plus the custom formats)."""
        return tuple(dict.fromkeys((*tocmod.DOC_SUFFIXES, *self.custom_formats)))

    def excluded(self, path: Path) -> bool:
        """Whether Sphinx's top-level ``exclude_patterns`` keep the file out of the book."""
        patterns = _get(self.config, "exclude_patterns")
        if isinstance(patterns, str):
            patterns = [patterns]
        return _matches(self._rel(path), [str(p) for p in patterns or []])

    def toc_paths(self) -> list[Path]:
        """The existing files the toc names (explicitly or by ``glob:``), in toc order."""
        if not isinstance(self.toc, dict):
            return []
        names, globs = tocmod.toc_docnames(self.toc)
        found: list[Path] = []
        for name in names:
            path = tocmod.resolve_doc(self.root, name, self.suffixes())
            if path is not None:
                found.append(path)
        for pattern in globs:
            for path in sorted(self.root.glob(pattern + ".*")) + sorted(self.root.glob(pattern)):
                if path.is_file() and path.suffix in self.suffixes() and path not in found:
                    found.append(path)
        return list(dict.fromkeys(found))

    def is_notebook(self, path: Path) -> bool:
        """Whether a file is a notebook for Jupyter Book (``.ipynb``, MyST ``.md``, custom)."""
        if path.suffix == ".ipynb":
            return True
        if path.suffix in self.custom_formats:
            return True
        if path.suffix in TEXT_NOTEBOOK_SUFFIXES:
            try:
                with open(path, encoding="utf-8", errors="replace") as fh:
                    head = fh.read(4096)
            except OSError:
                return False
            if head.startswith("---") and not FRONT_MATTER_RE.match(head):
                try:
                    head = path.read_text(encoding="utf-8", errors="replace")
                except OSError:
                    return False
            return is_myst_notebook(head)
        return False

    def notebooks_dir(self) -> Path | None:
        """The ``notebooks_dir`` folder, when the setting is given."""
        if self.settings.notebooks_dir is None:
            return None
        return self.root / self.settings.notebooks_dir

    def lessons(self) -> list[Path]:
        """Every lesson: notebooks the toc lists, plus the ``.ipynb`` under ``notebooks_dir``.

        Sorted by path; checkpoints and files under ``_build`` are left out.
        """
        found = {p for p in self.toc_paths() if self.is_notebook(p)}
        base = self.notebooks_dir()
        if base is not None and base.is_dir():
            found |= {p for p in base.rglob("*.ipynb") if p.is_file()}
        kept = []
        for path in found:
            parts = Path(self._rel(path)).parts
            if ".ipynb_checkpoints" in parts or "_build" in parts or self.excluded(path):
                continue
            kept.append(path)
        return sorted(kept)

    def ipynb_lessons(self) -> list[Path]:
        """The lessons stored as ``.ipynb`` (the ones with outputs to clean and nbval runs)."""
        return [p for p in self.lessons() if p.suffix == ".ipynb"]


def _matches(rel: str, patterns: list[str]) -> bool:
    """Whether a book-relative path matches one of Sphinx's ``exclude_patterns``."""
    pure = PurePosixPath(rel)
    for pattern in patterns:
        pattern = pattern.strip().removeprefix("./")
        if not pattern:
            continue
        if fnmatch.fnmatchcase(rel, pattern) or pure.match(pattern):
            return True
        if pattern.startswith("**/") and fnmatch.fnmatchcase(rel, pattern[3:]):
            return True
    return False
