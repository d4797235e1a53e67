"""Reading and editing ``_toc.yml`` (sphinx-external-toc format used by Jupyter Book 1).

Edits are made as text where they can be (one line added by ``new``, one value
rewritten by ``rename``, one entry's lines taken out by ``remove``), so every other byte
of the toc stays; ruamel.yaml round-trip mode (comments, key order and quoting kept) is
the fallback for flow-style tocs, and each edited text is parsed again before it is
written (:func:`check_text`).

Every command reads the toc through :func:`load_toc` or :func:`load_toc_rt`,
which say in one line what is wrong with a toc Jupyter Book could not use, with
its ``line:col``: a YAML syntax error, an empty file, the old (Jupyter Book
0.10, a top-level list) format with the ``jupyter-book toc migrate`` command
that converts it, or an entry of the wrong shape (``chapters: "oops"``). The
shape is checked by :func:`toc_problem` first, and then by sphinx-external-toc's
own parser (what Jupyter Book builds with) when it is installed.
"""

from __future__ import annotations

import copy
import fnmatch
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .config import display, yaml_error
from .nbio import CourseKitError, Snapshot, json_kind, read_bytes

#: Keys whose values are lists of toc entries.
CHILD_KEYS = ("parts", "chapters", "sections", "subtrees", "entries")
#: File suffixes a toc ``file:`` entry may omit.
DOC_SUFFIXES = (".md", ".ipynb", ".rst", ".myst", ".py")
#: Keys whose items are groups of entries (a part holds ``chapters``), not documents.
GROUP_KEYS = ("parts", "subtrees")
#: Keys naming the document of an entry; exactly one per entry.
DOC_KEYS = ("file", "url", "glob")


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


def resolve_doc(root: Path, name: str, suffixes: tuple[str, ...] = DOC_SUFFIXES) -> Path | None:
    """Find the file a docname refers to.

    Parameters
    ----------
    root : Path
        Book root.
    name : str
        Docname (with or without suffix).
    suffixes : tuple of str
        Suffixes a document may have (the book's custom notebook formats added).

    Returns
    -------
    Path or None
        The existing file, or ``None``.
    """
    direct = root / name
    if direct.suffix in suffixes and direct.is_file():
        return direct
    for suffix in suffixes:
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

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    # one parse: the guessed indents only configure how ``yaml`` dumps
    data, indent, block_seq_indent = load_yaml_guess_indent(text, yaml=yaml)
    offset = block_seq_indent or 0
    yaml.indent(mapping=indent or 2, sequence=max((indent or 2), offset + 2), offset=offset)
    return yaml, data


def _position(node: Any, key: Any, value: bool = True) -> tuple[int, int] | None:
    """1-based (line, column) of ``node[key]`` (or of the key) in round-trip data."""
    lc = getattr(node, "lc", None)
    if lc is None:
        return None
    try:
        if isinstance(node, list):
            line, col = lc.item(key)
        else:
            line, col = lc.value(key) if value else lc.key(key)
    except (KeyError, IndexError, TypeError, AttributeError):
        return None
    return line + 1, col + 1


def _at(path: str, pos: tuple[int, int] | None) -> str:
    return f"{path}:{pos[0]}:{pos[1]}" if pos else path


def toc_problem(data: Any, path: str = "_toc.yml") -> str | None:
    """What makes a parsed toc unusable for Jupyter Book, as one line, or ``None``.

    Parameters
    ----------
    data : object
        The toc as loaded by ruamel.yaml (round-trip data gives line numbers).
    path : str
        File name used in the message.
    """
    if data is None:
        return (
            f"{path}: is empty; a Jupyter Book toc needs at least 'format: jb-book' and "
            "'root: <first page>'"
        )
    if isinstance(data, list):
        return (
            f"{path}: uses the old toc format (a list, Jupyter Book 0.10 and before); "
            f"convert it with: jupyter-book toc migrate {path} -o {path}"
        )
    if not isinstance(data, dict):
        kind = json_kind(data)
        return f"{path}: top level must be a mapping (format:, root:, chapters:), not {kind}"
    if "root" not in data:
        return f"{path}: no 'root:' key (the book's first page, for example root: intro)"
    if not isinstance(data["root"], str):
        where, kind = _at(path, _position(data, "root")), json_kind(data["root"])
        return f"{where}: 'root' must be a file name, not {kind}"
    if "format" in data and not isinstance(data["format"], str):
        return f"{_at(path, _position(data, 'format'))}: 'format' must be a string"

    def walk(node: dict[str, Any]) -> str | None:
        for key in CHILD_KEYS:
            if key not in node:
                continue
            children = node[key]
            if not isinstance(children, list):
                return (
                    f"{_at(path, _position(node, key))}: '{key}' must be a list of entries "
                    f"(- file: ...), not {json_kind(children)}"
                )
            for i, child in enumerate(children):
                where = _at(path, _position(children, i))
                if not isinstance(child, dict):
                    return (
                        f"{where}: an entry of '{key}' must be a mapping (file:, url: or glob:), "
                        f"not {json_kind(child)}"
                    )
                if key not in GROUP_KEYS:
                    docs = [k for k in DOC_KEYS if k in child]
                    if not docs:
                        return f"{where}: an entry of '{key}' has no file:, url: or glob:"
                    if len(docs) > 1:
                        return f"{where}: an entry has both {docs[0]}: and {docs[1]}:"
                    if not isinstance(child[docs[0]], str):
                        return (
                            f"{_at(path, _position(child, docs[0]))}: '{docs[0]}' must be a "
                            f"string, not {json_kind(child[docs[0]])}"
                        )
                problem = walk(child)
                if problem:
                    return problem
        return None

    return walk(data) or _external_toc_problem(data, path)


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    for kind in (bool, int, float, str):  # ruamel's scalar subclasses become plain values
        if isinstance(value, kind):
            return kind(value)
    return value if value is None else str(value)


def _external_toc_problem(data: dict[str, Any], path: str) -> str | None:
    """The problem sphinx-external-toc (Jupyter Book's toc parser) finds, if any."""
    try:
        from sphinx_external_toc.parsing import MalformedError, parse_toc_data
    except ImportError:
        return None
    try:
        parse_toc_data(_plain(data))
    except MalformedError as exc:
        text = (str(exc).strip().splitlines() or ["malformed"])[0]
        match = re.fullmatch(r"(.*?) @ '([^']*)'", text)
        message, pos = text, None
        if match:
            message = match.group(1)
            keys = [int(k) if k.isdigit() else k for k in match.group(2).split("/") if k]
            node, parent, last = data, None, None
            for key in keys:
                try:
                    parent, last, node = node, key, node[key]
                except (KeyError, IndexError, TypeError):
                    break
            if parent is not None:
                pos = _position(parent, last)
            where = "/".join(str(k) for k in keys)
            if where:
                message += f" (at {where})"
        return f"{_at(path, pos)}: {message} (sphinx-external-toc)"
    except Exception as exc:  # the parser crashes on some shapes; still one line
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        return f"{path}: sphinx-external-toc cannot read it: {first}"
    return None


def _load(path: Path) -> tuple[bytes, Snapshot, str]:
    raw, snap = read_bytes(path)
    try:
        return raw, snap, raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CourseKitError(f"{display(path)}: not UTF-8 (byte {exc.start})") from exc


def load_toc(path: Path) -> Any:
    """Read and check a toc; ``None`` when the file does not exist.

    Raises
    ------
    CourseKitError
        One line with ``line:col`` when the toc cannot be used (see :func:`toc_problem`).
    """
    if not path.is_file():
        return None
    _raw, _snap, text = _load(path)
    key = path.resolve()
    last = _LAST_TOC.get(key)
    if last is None or last[0] != text:  # a command reads the toc more than once
        _LAST_TOC.clear()
        last = _LAST_TOC[key] = (text, _checked(path, text)[1])
    return copy.deepcopy(last[1])  # callers get their own copy, as from a fresh parse


#: The toc :func:`load_toc` read last: its resolved path -> (its text, the checked data).
_LAST_TOC: dict[Path, tuple[str, Any]] = {}


def load_toc_rt(path: Path) -> tuple[Any, Any, Snapshot]:
    """Load ``_toc.yml`` for editing, checked as :func:`load_toc` does.

    Returns
    -------
    tuple
        ``(yaml, data, snapshot)`` where ``yaml`` is the configured dumper.
    """
    yaml, data, snap, _text = load_toc_text(path)
    return yaml, data, snap


def load_toc_text(path: Path) -> tuple[Any, Any, Snapshot, str]:
    """:func:`load_toc_rt`, plus the toc's text (for :func:`text_with_entry`)."""
    _raw, snap, text = _load(path)
    yaml, data = _checked(path, text)
    return yaml, data, snap, text


def _checked(path: Path, text: str) -> tuple[Any, Any]:
    """Parse a toc's text (round trip) and check it (see :func:`toc_problem`)."""
    from ruamel.yaml.error import YAMLError

    try:
        yaml, data = _round_trip_yaml(text)
    except YAMLError as exc:
        raise CourseKitError(yaml_error(display(path), exc)) from exc
    problem = toc_problem(data, display(path))
    if problem is not None:
        raise CourseKitError(problem)
    return yaml, data


def _entry_line(lines: list[str], entry: Any) -> tuple[int, int, int] | None:
    """(line, column of ``- ``, column of the mapping) of a block-style list entry."""
    lc = getattr(entry, "lc", None)
    if lc is None or getattr(entry, "fa", None) is not None and entry.fa.flow_style():
        return None
    line, col = lc.line, lc.col
    if not 0 <= line < len(lines):
        return None
    text = lines[line]
    dash = text.rfind("-", 0, col)
    if dash < 0 or text[:dash].strip() or text[dash + 1 : col].strip():
        return None
    return line, dash, col


def text_with_entry(text: str, toc: Any, docname: str, yaml: Any) -> str:
    """The toc's text with the entry for ``docname`` (already inserted into ``toc``) added.

    Only one line is added, next to the sibling entry, written with that sibling's
    indentation; every other byte of the file is kept (comments, quoting, indentation,
    line endings). When the new entry has no block-style sibling (a new list, flow style),
    the whole toc is dumped by ruamel.yaml instead.

    Parameters
    ----------
    text : str
        The toc as read (see :func:`load_toc_text`).
    toc : object
        Its round-trip data, with the new entry inserted (:func:`insert_after`).
    docname : str
        Docname of the new entry.
    yaml : object
        The configured ruamel ``YAML`` (for the fallback).
    """
    lines = text.splitlines(keepends=True)
    eol = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    for parent, idx, entry in iter_entries(toc):
        if parent is None or not isinstance(entry.get("file"), str):
            continue
        if doc_name(entry["file"]) != docname or getattr(entry, "lc", None) is None:
            continue
        if entry.lc.line is not None:
            continue  # an entry that was in the file already
        after = idx > 0
        sibling = parent[idx - 1] if after else (parent[idx + 1] if idx + 1 < len(parent) else None)
        where = _entry_line(lines, sibling) if isinstance(sibling, dict) else None
        if where is None and sibling is None and _new_root_list(toc, parent):
            key = next(k for k in CHILD_KEYS if toc.get(k) is parent)
            text = text if not text or text.endswith("\n") else text + eol
            return f"{text}{key}:{eol}- file: {_yaml_scalar(entry['file'])}{eol}"
        if where is None:
            break
        line, dash, col = where
        new_line = lines[line][:col] + f"file: {_yaml_scalar(entry['file'])}" + eol
        if not after:
            lines.insert(line, new_line)
            return "".join(lines)
        last = _block_last_line(lines, line, dash)  # the sibling's own block
        if not lines[last].endswith(("\n", "\r")):
            lines[last] += eol
        lines.insert(last + 1, new_line)
        return "".join(lines)
    return dump_yaml(yaml, toc)


def _block_last_line(lines: list[str], line: int, dash: int) -> int:
    """The last non-blank line of the list entry starting at ``line`` (its ``- `` at column
    ``dash``): the entry's own block is the lines indented deeper than its dash."""
    last = line
    for j in range(line + 1, len(lines)):
        stripped = lines[j].strip()
        if stripped and len(lines[j]) - len(lines[j].lstrip(" ")) <= dash:
            break
        if stripped:
            last = j
    return last


def _new_root_list(toc: Any, seq: Any) -> bool:
    """Whether ``seq`` is a list of entries :func:`insert_after` just added to the toc's root."""
    lc = getattr(seq, "lc", None)
    return (
        isinstance(toc, dict)
        and any(toc.get(k) is seq for k in CHILD_KEYS)
        and (lc is None or lc.line is None)
    )


def _yaml_scalar(value: str) -> str:
    """A plain YAML scalar when safe, else a double-quoted one."""
    if re.fullmatch(r"[A-Za-z0-9_./][A-Za-z0-9_./ -]*", value) and not value.endswith(" "):
        return value
    return _double_quoted(value)


def _double_quoted(value: str) -> str:
    """``value`` as a double-quoted YAML scalar."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def dump_yaml(yaml: Any, data: Any) -> str:
    """Serialise round-trip data with a configured ruamel ``YAML`` object."""
    buf = io.StringIO()
    yaml.dump(data, buf)
    return buf.getvalue()


def _new_entry(style_of: dict[str, Any] | None, docname: str, suffix: str = ".ipynb") -> Any:
    from ruamel.yaml.comments import CommentedMap

    value = docname
    if style_of is not None and isinstance(style_of.get("file"), str):
        old = str(style_of["file"])
        if old != doc_name(old):  # the sibling names its suffix: so does the new entry
            value = docname + suffix
    entry = CommentedMap()
    entry["file"] = value
    return entry


def insert_before(toc: Any, docname: str, before: str, suffix: str = ".ipynb") -> bool:
    """Insert a ``file:`` entry for ``docname`` right before entry ``before``.

    Returns
    -------
    bool
        Whether ``before`` was found (nothing is inserted otherwise).
    """
    for parent, idx, entry in iter_entries(toc):
        if parent is not None and isinstance(entry.get("file"), str):
            if doc_name(entry["file"]) == before:
                parent.insert(idx, _new_entry(entry, docname, suffix))
                return True
    return False


def insert_after(toc: Any, docname: str, after: str | None, suffix: str = ".ipynb") -> None:
    """Insert a ``file:`` entry for ``docname`` into a round-trip toc in place.

    Parameters
    ----------
    toc : object
        Round-trip-loaded toc mapping.
    docname : str
        Docname of the new page (no suffix), e.g. ``notebooks/06_gait``.
    suffix : str
        The new file's suffix, written when the sibling entry writes its own.
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
                    parent.insert(idx + 1, _new_entry(entry, docname, suffix))
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
            parent.insert(idx + 1, _new_entry(entry, docname, suffix))
            return
    # Append to the last list of file entries found in document order.
    last_list: list[Any] | None = None
    for parent, _idx, entry in iter_entries(toc):
        if parent is not None and "file" in entry:
            last_list = parent
    if last_list is not None:
        style = next((e for e in reversed(last_list) if isinstance(e, dict)), None)
        last_list.append(_new_entry(style, docname, suffix))
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


# --- edits of one entry (rename, remove), made as text -------------------------------------


def entry_for(toc: Any, docname: str) -> tuple[list[Any] | None, int, dict[str, Any], str]:
    """(parent list, index, entry, key) of the toc entry naming ``docname``."""
    for parent, idx, entry in iter_entries(toc):
        for key in ("root", "file"):
            value = entry.get(key)
            if isinstance(value, str) and doc_name(value) == docname:
                return parent, idx, entry, key
    raise CourseKitError(f"_toc.yml lists no {docname}")


SCALAR_RE = re.compile(r"\"(?:[^\"\\]|\\.)*\"|'(?:[^']|'')*'|[^\s#][^#\r\n]*?(?=[ \t]+#|[ \t]*$)",
                       re.M)


def text_with_renamed_entry(text: str, toc: Any, old_doc: str, new_doc: str, suffix: str) -> str:
    """The toc's text with the value naming ``old_doc`` replaced (one scalar, nothing else)."""
    _parent, _idx, entry, key = entry_for(toc, old_doc)
    old_value = str(entry[key])
    new_value = new_doc + (suffix if old_value != doc_name(old_value) else "")
    lines = text.splitlines(keepends=True)
    lc = getattr(entry, "lc", None)
    flow = getattr(entry, "fa", None) is not None and entry.fa.flow_style()
    position = lc.value(key) if lc is not None and not flow else None
    if position is not None and 0 <= position[0] < len(lines):
        line_no, col = position
        line = lines[line_no]
        match = SCALAR_RE.match(line, col)
        if match:
            written = match.group(0)
            if written.startswith('"'):
                scalar = _double_quoted(new_value)
            elif written.startswith("'"):
                scalar = "'" + new_value.replace("'", "''") + "'"
            else:
                scalar = _yaml_scalar(new_value)
            lines[line_no] = line[: match.start()] + scalar + line[match.end() :]
            return "".join(lines)
    entry[key] = new_value  # flow style or no position: dump the edited data
    yaml, _data = _round_trip_yaml(text)  # configured with the file's own indents
    return dump_yaml(yaml, toc)


def text_without_entry(text: str, toc: Any, docname: str) -> str:
    """The toc's text without the lines of the entry naming ``docname``."""
    parent, idx, entry, key = entry_for(toc, docname)
    if key == "root" or parent is None:
        raise CourseKitError(
            f"{docname} is the book's root page; make another page the root in _toc.yml first"
        )
    children = [k for k in CHILD_KEYS if entry.get(k)]
    if children:
        raise CourseKitError(
            f"{docname} has {children[0]} of its own in _toc.yml; remove or move them first"
        )
    if len(parent) == 1:
        raise CourseKitError(
            f"{docname} is the only entry of its list in _toc.yml (the toc would not be valid "
            "without it); edit _toc.yml by hand"
        )
    lines = text.splitlines(keepends=True)
    where = _entry_line(lines, entry)
    if where is None:
        del parent[idx]
        yaml, _data = _round_trip_yaml(text)  # configured with the file's own indents
        return dump_yaml(yaml, toc)
    line, dash, _col = where
    end = _block_last_line(lines, line, dash) + 1  # blank lines after it stay
    return "".join(lines[:line] + lines[end:])


def check_text(toc_path: Path, text: str, expected: list[str]) -> None:
    """Refuse (one line) a new toc text that does not parse to the ``expected`` docnames.

    The last check of an edit made as text: a coursekit bug must not reach the file.
    """
    _yaml, data = _checked(toc_path, text)
    names, _globs = toc_docnames(data)
    if names != expected:
        raise CourseKitError(f"{display(toc_path)}: the edit went wrong; nothing was changed")
