"""Safe reading and atomic writing of notebooks and text files.

Every write made by coursekit (notebooks, the toc, nbval twins, the vendor
manifest and files, the cache stamp, the preview configuration) goes through
:func:`atomic_write`, the only writer in the package: the new
content is written to a temporary file in the destination directory, flushed
and fsynced, and only then moved over the original with :func:`os.replace`.
Right before the replace, the original is checked against the
:class:`Snapshot` recorded when it was read, so a file saved meanwhile (for
example from Jupyter) is never clobbered.

What the file system says about the file is kept (see :func:`writable_target`):

* a read-only file (no write permission for the user, no write bit at all when
  run as root, or on a read-only mount) is refused, never rewritten;
* a symbolic link is followed: its target is rewritten, and the link stays a link;
* a file with more than one hard link is refused: replacing it would silently
  split it from its other names, and writing it in place could leave it half
  written on a full disk or a crash;
* the new file gets the old one's mode, owner and group; a user who is not root
  cannot give a file away, so a file owned by someone else (or by a group the
  user cannot give it) is refused rather than silently taken over.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import CourseKitError

__all__ = [
    "CourseKitError",
    "Snapshot",
    "atomic_write",
    "dumps_notebook",
    "json_kind",
    "parse_notebook",
    "read_bytes",
    "read_notebook",
    "writable_target",
]

#: nbformat major versions coursekit understands.
SUPPORTED_NBFORMAT = (4,)
#: Older major versions ``coursekit clean --upgrade-nbformat`` converts to 4 with nbformat.
UPGRADABLE_NBFORMAT = (1, 2, 3)


@dataclass(frozen=True)
class Snapshot:
    """Identity of a file's content at the time it was read.

    Attributes
    ----------
    mtime_ns : int
        Modification time in nanoseconds.
    sha256 : str
        Hex digest of the bytes read.
    """

    mtime_ns: int
    sha256: str


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_bytes(path: Path) -> tuple[bytes, Snapshot]:
    """Read a file and record a snapshot of it.

    Parameters
    ----------
    path : Path
        File to read.

    Returns
    -------
    tuple of (bytes, Snapshot)
        The raw content and its snapshot.

    Raises
    ------
    CourseKitError
        If the file cannot be read.
    """
    try:
        with open(path, "rb") as fh:
            st = os.fstat(fh.fileno())
            data = fh.read()
    except OSError as exc:
        raise CourseKitError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    return data, Snapshot(st.st_mtime_ns, _digest(data))


def json_kind(value: Any) -> str:
    """How a JSON value is called in messages (``a string``, ``a number``, ...)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    return "an object"


def parse_notebook(data: bytes, path: Path | str, *, upgrade: bool = False) -> dict[str, Any]:
    """Decode notebook JSON, checking that it is a notebook we understand.

    Parameters
    ----------
    data : bytes
        Raw file content.
    path : Path or str
        File name used in error messages.
    upgrade : bool, optional
        Convert an nbformat 1-3 notebook to nbformat 4 with ``nbformat.convert``
        instead of refusing it (``coursekit clean --upgrade-nbformat``).

    Returns
    -------
    dict
        The notebook as plain JSON data (sources kept exactly as stored).

    Raises
    ------
    CourseKitError
        On invalid UTF-8 or JSON (message gives ``line:col``), a non-object
        top level or cell, or an unsupported ``nbformat`` major version (an
        nbformat 3 notebook is named as such, with the command that upgrades it).
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CourseKitError(f"{path}: not UTF-8 (byte {exc.start})") from exc
    try:
        nb = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CourseKitError(
            f"{path}:{exc.lineno}:{exc.colno}: invalid notebook JSON: {exc.msg}"
        ) from exc
    if not isinstance(nb, dict):
        raise CourseKitError(f"{path}: not a notebook (top level must be an object with cells)")
    major = nb.get("nbformat")
    if major in UPGRADABLE_NBFORMAT and not isinstance(major, bool):
        if not upgrade:
            raise CourseKitError(
                f"{path}: nbformat {major} notebook (coursekit reads nbformat 4); upgrade it "
                f"with: coursekit clean --upgrade-nbformat {path}"
            )
        nb = _upgrade(nb, path)
        major = nb.get("nbformat")
    if not isinstance(nb.get("cells", []), list):
        raise CourseKitError(f"{path}: not a notebook (top level must be an object with cells)")
    for i, cell in enumerate(nb.get("cells", [])):
        if not isinstance(cell, dict):
            raise CourseKitError(
                f"{path}: not a valid notebook: cells[{i}] is {json_kind(cell)}, not an object"
            )
    if major not in SUPPORTED_NBFORMAT or isinstance(major, bool):
        raise CourseKitError(
            f"{path}: unsupported nbformat version {major!r} (coursekit reads nbformat 4)"
        )
    return nb


def _upgrade(nb: dict[str, Any], path: Path | str) -> dict[str, Any]:
    """An nbformat 1-3 notebook converted to nbformat 4 by ``nbformat.convert``."""
    import nbformat

    try:
        new = nbformat.convert(nbformat.from_dict(nb), 4)
    except Exception as exc:  # nbformat raises many kinds on malformed old notebooks
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise CourseKitError(
            f"{path}: cannot upgrade from nbformat {nb.get('nbformat')}: {first}"
        ) from exc
    return json.loads(json.dumps(new))  # plain dicts and lists, like a parsed file


def read_notebook(
    path: Path, *, upgrade: bool = False
) -> tuple[dict[str, Any], bytes, Snapshot]:
    """Read and parse a notebook file.

    Parameters
    ----------
    path : Path
        Notebook file.
    upgrade : bool, optional
        Convert an nbformat 1-3 notebook to nbformat 4 (see :func:`parse_notebook`).

    Returns
    -------
    tuple of (dict, bytes, Snapshot)
        Parsed notebook, raw bytes and the read snapshot.
    """
    data, snap = read_bytes(path)
    return parse_notebook(data, path, upgrade=upgrade), data, snap


def _split_source(value: Any) -> Any:
    if isinstance(value, str):
        return value.splitlines(True)
    return value


def dumps_notebook(nb: dict[str, Any]) -> str:
    """Serialise a notebook the way Jupyter does.

    Multi-line strings in cell sources are stored as lists of lines, keys are
    sorted, indentation is one space, non-ASCII is kept as is, and the text ends
    with a newline. Serialising a notebook written by this function again gives
    identical text.

    Parameters
    ----------
    nb : dict
        Notebook JSON data; it is not modified.

    Returns
    -------
    str
        The serialised notebook.
    """
    out = dict(nb)
    cells = []
    for cell in nb.get("cells", []):
        if isinstance(cell, dict) and "source" in cell:
            cell = dict(cell, source=_split_source(cell["source"]))
        cells.append(cell)
    out["cells"] = cells
    text = json.dumps(out, sort_keys=True, indent=1, ensure_ascii=False, separators=(",", ": "))
    return text + "\n"


def _fsync_dir(directory: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _unchanged(path: Path, expected: Snapshot) -> bool:
    try:
        st = os.stat(path)
        # Compare the hash as well: a coarse clock may hide a quick re-save.
        with open(path, "rb") as fh:
            return st.st_mtime_ns == expected.mtime_ns and _digest(fh.read()) == expected.sha256
    except FileNotFoundError:
        return False


def _euid() -> int | None:
    geteuid = getattr(os, "geteuid", None)
    return geteuid() if geteuid is not None else None


def _on_read_only_mount(path: Path) -> bool:
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):
        return False


def read_only(target: Path, st: os.stat_result) -> bool:
    """Whether coursekit treats the file ``target`` (stat ``st``) as read-only.

    It is when this user may not write it (effective ids, as the writer has them), or,
    run as root (who may write anything), when it has no write bit at all.
    """
    effective = os.access in os.supports_effective_ids
    return not os.access(target, os.W_OK, effective_ids=effective) or (
        _euid() == 0 and not st.st_mode & 0o222
    )


def writable_target(path: Path) -> Path:
    """The file a rewrite of ``path`` replaces, once it is known it may be rewritten.

    Symbolic links are followed (the link is kept; its target is rewritten). A
    path that does not exist yet may be written (it is created).

    Parameters
    ----------
    path : Path
        File about to be rewritten.

    Returns
    -------
    Path
        The file to replace (``path`` with every symbolic link resolved).

    Raises
    ------
    CourseKitError
        One line naming ``path`` when it must not be rewritten: not a regular
        file, read-only (no write permission for this user; no write bit at all
        when run as root, who could write it anyway; a read-only mount), more
        than one hard link, or owned by another user when not run as root.
    """
    path = Path(path)
    target = Path(os.path.realpath(path))
    shown = f"{path} (a link to {target})" if path.is_symlink() else str(path)
    try:
        st = os.stat(target)
    except FileNotFoundError:
        return target
    except OSError as exc:
        raise CourseKitError(f"{shown}: cannot write: {exc.strerror or exc}") from exc
    if not stat.S_ISREG(st.st_mode):
        raise CourseKitError(f"{shown}: not a regular file; not written")
    euid = _euid()
    if _on_read_only_mount(target):
        raise CourseKitError(f"{shown}: on a read-only file system; not written")
    if read_only(target, st):
        raise CourseKitError(
            f"{shown}: read-only file; not written (make it writable to let coursekit "
            "rewrite it, e.g. chmod u+w)"
        )
    if st.st_nlink > 1:
        raise CourseKitError(
            f"{shown}: has {st.st_nlink} hard links; not written (replacing it would split "
            "it from its other names; copy it to a file of its own first)"
        )
    if euid not in (None, 0) and st.st_uid != euid:
        raise CourseKitError(
            f"{shown}: owned by another user (uid {st.st_uid}); not written (rewriting it "
            "would make it yours)"
        )
    return target


def _keep_attributes(tmp: Path, old: os.stat_result | None, shown: Path) -> None:
    """Give ``tmp`` the owner, group and mode of ``old`` (a new file: the umask's mode)."""
    if old is None:
        os.chmod(tmp, 0o666 & ~_umask())  # a new file: what open() would create, not 0600
        return
    now = os.stat(tmp)
    if (now.st_uid, now.st_gid) != (old.st_uid, old.st_gid):
        uid = old.st_uid if _euid() == 0 else -1  # only root may give a file away
        try:
            os.chown(tmp, uid, old.st_gid)
        except PermissionError as exc:
            raise CourseKitError(
                f"{shown}: its group (gid {old.st_gid}) cannot be kept by this user; not written"
            ) from exc
    os.chmod(tmp, old.st_mode & 0o7777)  # after chown, which may clear set-id bits


def atomic_write(
    path: Path,
    data: bytes | str,
    expected: Snapshot | None = None,
    *,
    create: bool = False,
) -> None:
    """Replace (or create) ``path`` with ``data`` atomically.

    An existing file is first checked with :func:`writable_target`: a symbolic
    link is followed and its target replaced; a read-only, hard-linked or
    someone else's file is refused. The new file keeps the old one's mode,
    owner and group.

    Parameters
    ----------
    path : Path
        Destination file.
    data : bytes or str
        New content; text is encoded as UTF-8.
    expected : Snapshot, optional
        Snapshot taken when the original was read. If the file on disk no
        longer matches it, nothing is written.
    create : bool, optional
        Create a new file and refuse if ``path`` already exists, even as a
        dangling symbolic link (the check and the creation are one atomic step
        via a hard link).

    Raises
    ------
    CourseKitError
        When the file may not be rewritten (see :func:`writable_target`), changed
        since it was read, already exists (``create``), or the write fails; the
        original file is then untouched and no temporary file is left behind.
    """
    path = Path(path)
    if isinstance(data, str):
        data = data.encode("utf-8")
    target = path if create else writable_target(path)
    directory = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".cktmp", dir=directory)
    except OSError as exc:
        raise CourseKitError(f"{path}: cannot write: {exc.strerror or exc}") from exc
    tmp = Path(tmp_name)
    try:
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            try:
                old = None if create else os.stat(target)
            except FileNotFoundError:
                old = None
            _keep_attributes(tmp, old, path)
        except OSError as exc:
            raise CourseKitError(f"{path}: cannot write: {exc.strerror or exc}") from exc
        if create:
            try:
                os.link(tmp, path)
            except FileExistsError as exc:
                raise CourseKitError(f"{path}: already exists; refusing to overwrite") from exc
            except OSError as exc:
                raise CourseKitError(f"{path}: cannot create: {exc.strerror or exc}") from exc
        else:
            if expected is not None and not _unchanged(target, expected):
                raise CourseKitError(
                    f"{path}: changed on disk since it was read (saved elsewhere?); not written"
                )
            try:
                os.replace(tmp, target)
            except OSError as exc:
                raise CourseKitError(f"{path}: cannot replace: {exc.strerror or exc}") from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
    _fsync_dir(directory)


def move_file(src: Path, dst: Path) -> None:
    """Move ``src`` to ``dst`` (creating its folder), never replacing a file at ``dst``.

    The file keeps its inode: mode, owner and other hard links stay; a symbolic link
    moves as the link.

    Raises
    ------
    CourseKitError
        If ``dst`` exists (even as a dangling link) or the move fails.
    """
    dst.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(src, dst, follow_symlinks=False)  # fails if dst exists: no clobber race
    except FileExistsError as exc:
        raise CourseKitError(f"{dst}: already exists; refusing to overwrite") from exc
    except OSError as exc:
        if os.path.lexists(dst):
            raise CourseKitError(f"{dst}: already exists; refusing to overwrite") from exc
        try:
            os.rename(src, dst)  # another file system, or hard links not supported
        except OSError as exc2:
            raise CourseKitError(f"{src}: cannot move: {exc2.strerror or exc2}") from exc2
        return
    os.unlink(src)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
