"""Reading and editing ``_toc.yml`` (sphinx-external-toc format used by Jupyter Book 1).

Edits use ruamel.yaml round-trip mode so comments, key order and quoting are
preserved.
"""

from __future__ import annotations

import fnmatch
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .nbio import CourseKitError, Snapshot, read_bytes

#: Keys whose values are lists of toc entries.
CHILD_KEYS = ("parts", "chapters", "sections", "subtrees", "entries")
#: File suffixes a toc ``file:`` entry may omit.
DOC_SUFFIXES = (".md", ".ipynb", ".rst", ".myst", ".py")


def iter_entries(node: Any) -> Iterator[tuple[list[Any] | None, int, dict[str, Any]]]:
    """Yield ``(parent_list, index, entry)`` for every mapping in a toc tree.

    The root mapping is yielded with ``parent_list=None``.

    Parameters
    ----------
    node : object
        Parsed toc (a mapping) or any sub-node.
    """

    def walk(n: Any, parent: list[Any] | None, idx: int) -> Iterator[Any]:
        if isinstance(n, dict):
            yield parent, idx, n
            for key in CHILD_KEYS:
                children = n.get(key)
                if isinstance(children, list):
                    for i, child in enumerate(children):
                        yield from walk(child, children, i)

    yield from walk(node, None, 0)


def doc_name(ref: str) -> str:
    """Normalise a toc ``file``/``root`` value to a docname without suffix.

    Parameters
    ----------
    ref : str
        Value as written in the toc, e.g. ``notebooks/01_intro`` or
        ``book/intro.md``.

    Returns
    -------
    str
        Posix path without a known document suffix.
    """
    ref = str(ref).strip().replace("\\", "/")
    while ref.startswith("./"):
        ref = ref[2:]
    for suffix in DOC_SUFFIXES:
        if ref.endswith(suffix):
            return ref[: -len(suffix)]
    return ref


def toc_docnames(toc: Any) -> tuple[list[str], list[str]]:
    """Collect explicit docnames and glob patterns from a parsed toc.

    Parameters
    ----------
    toc : object
        Parsed ``_toc.yml``.

    Returns
    -------
    tuple of (list of str, list of str)
        Docnames in toc order (``root`` first) and ``glob`` patterns.
    """
    names: list[str] = []
    globs: list[str] = []
    for _parent, _idx, entry in iter_entries(toc):
        for key in ("root", "file"):
            if isinstance(entry.get(key), str):
                names.append(doc_name(entry[key]))
        if isinstance(entry.get("glob"), str):
            globs.append(doc_name(entry["glob"]))
    return names, globs


def resolve_doc(root: Path, name: str) -> Path | None:
    """Find the file a docname refers to.

    Parameters
    ----------
    root : Path
        Book root.
    name : str
        Docname (with or without suffix).

    Returns
    -------
    Path or None
        The existing file, or ``None``.
    """
    direct = root / name
    if direct.suffix in DOC_SUFFIXES and direct.is_file():
        return direct
    for suffix in DOC_SUFFIXES:
        candidate = root / (name + suffix)
        if candidate.is_file():
            return candidate
    return None


def listed(docname: str, names: list[str], globs: list[str]) -> bool:
    """Whether ``docname`` is named by the toc explicitly or via a glob."""
    return docname in names or any(fnmatch.fnmatchcase(docname, g) for g in globs)


def _round_trip_yaml(text: str) -> tuple[Any, Any]:
    from ruamel.yaml import YAML
    from ruamel.yaml.util import load_yaml_guess_indent

    _data, indent, block_seq_indent = load_yaml_guess_indent(text)
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    offset = block_seq_indent or 0
    yaml.indent(mapping=indent or 2, sequence=max((indent or 2), offset + 2), offset=offset)
    return yaml, yaml.load(text)


def load_toc_rt(path: Path) -> tuple[Any, Any, Snapshot]:
    """Load ``_toc.yml`` for editing.

    Returns
    -------
    tuple
        ``(yaml, data, snapshot)`` where ``yaml`` is the configured dumper.
    """
    from ruamel.yaml.error import YAMLError

    raw, snap = read_bytes(path)
    try:
        yaml, data = _round_trip_yaml(raw.decode("utf-8"))
    except (YAMLError, UnicodeDecodeError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise CourseKitError(f"{path}: cannot parse YAML: {first}") from exc
    if not isinstance(data, dict):
        raise CourseKitError(f"{path}: top level must be a mapping")
    return yaml, data, snap


def dump_yaml(yaml: Any, data: Any) -> str:
    """Serialise round-trip data with a configured ruamel ``YAML`` object."""
    buf = io.StringIO()
    yaml.dump(data, buf)
    return buf.getvalue()


def _new_entry(style_of: dict[str, Any] | None, docname: str) -> Any:
    from ruamel.yaml.comments import CommentedMap

    value = docname
    if style_of is not None and isinstance(style_of.get("file"), str):
        old = str(style_of["file"])
        for suffix in DOC_SUFFIXES:
            if old.endswith(suffix):
                value = docname + ".ipynb"
                break
    entry = CommentedMap()
    entry["file"] = value
    return entry


def insert_before(toc: Any, docname: str, before: str) -> bool:
    """Insert a ``file:`` entry for ``docname`` right before entry ``before``.

    Returns
    -------
    bool
        Whether ``before`` was found (nothing is inserted otherwise).
    """
    for parent, idx, entry in iter_entries(toc):
        if parent is not None and isinstance(entry.get("file"), str):
            if doc_name(entry["file"]) == before:
                parent.insert(idx, _new_entry(entry, docname))
                return True
    return False


def insert_after(toc: Any, docname: str, after: str | None) -> None:
    """Insert a ``file:`` entry for ``docname`` into a round-trip toc in place.

    Parameters
    ----------
    toc : object
        Round-trip-loaded toc mapping.
    docname : str
        Docname of the new page (no suffix), e.g. ``notebooks/06_gait``.
    after : str or None
        Docname of the entry it follows. When ``None`` or not found among the
        ``file`` entries, the entry is appended to the last list of entries in
        the toc (the last part's chapters, or the root's chapters/sections).

    Raises
    ------
    CourseKitError
        If the docname is already listed or the toc has nowhere to add it.
    """
    from ruamel.yaml.comments import CommentedSeq

    names, _globs = toc_docnames(toc)
    if docname in names:
        raise CourseKitError(f"_toc.yml already lists {docname}")
    if after is not None:
        for parent, idx, entry in iter_entries(toc):
            if parent is not None and isinstance(entry.get("file"), str):
                if doc_name(entry["file"]) == after:
                    parent.insert(idx + 1, _new_entry(entry, docname))
                    return
    # Otherwise follow the last entry in the same folder as the new page.
    folder = docname.rsplit("/", 1)[0] + "/" if "/" in docname else None
    if folder is not None:
        same_folder = [
            (parent, idx, entry)
            for parent, idx, entry in iter_entries(toc)
            if parent is not None
            and isinstance(entry.get("file"), str)
            and doc_name(entry["file"]).startswith(folder)
        ]
        if same_folder:
            parent, idx, entry = same_folder[-1]
            parent.insert(idx + 1, _new_entry(entry, docname))
            return
    # Append to the last list of file entries found in document order.
    last_list: list[Any] | None = None
    for parent, _idx, entry in iter_entries(toc):
        if parent is not None and "file" in entry:
            last_list = parent
    if last_list is not None:
        style = next((e for e in reversed(last_list) if isinstance(e, dict)), None)
        last_list.append(_new_entry(style, docname))
        return
    # No file entries yet: create a chapters/sections list under the root.
    key = "sections" if str(toc.get("format", "")).startswith("jb-article") else "chapters"
    parts = toc.get("parts")
    target = parts[-1] if isinstance(parts, list) and parts else toc
    if not isinstance(target, dict):
        raise CourseKitError("_toc.yml has no place to add the lesson")
    seq = target.get(key)
    if seq is None:
        seq = CommentedSeq()
        target[key] = seq
    seq.append(_new_entry(None, docname))
