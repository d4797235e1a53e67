"""Safe reading and atomic writing of notebooks and text files.

Every write made by coursekit (notebooks, the toc, nbval twins, the vendor
manifest and files, the cache stamp, the preview configuration) goes through
:func:`atomic_write`, the only writer in the package: the new
content is written to a temporary file in the destination directory, flushed
and fsynced, and only then moved over the original with :func:`os.replace`.
Right before the replace, the original is checked against the
:class:`Snapshot` recorded when it was read, so a file saved meanwhile (for
example from Jupyter) is never clobbered.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
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
    "parse_notebook",
    "read_bytes",
    "read_notebook",
]

#: nbformat major versions coursekit understands.
SUPPORTED_NBFORMAT = (4,)


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


def parse_notebook(data: bytes, path: Path | str) -> dict[str, Any]:
    """Decode notebook JSON, checking that it is a notebook we understand.

    Parameters
    ----------
    data : bytes
        Raw file content.
    path : Path or str
        File name used in error messages.

    Returns
    -------
    dict
        The notebook as plain JSON data (sources kept exactly as stored).

    Raises
    ------
    CourseKitError
        On invalid UTF-8 or JSON (message gives ``line:col``), a non-object
        top level, or an unsupported ``nbformat`` major version.
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
    if not isinstance(nb, dict) or not isinstance(nb.get("cells", []), list):
        raise CourseKitError(f"{path}: not a notebook (top level must be an object with cells)")
    major = nb.get("nbformat")
    if major not in SUPPORTED_NBFORMAT:
        raise CourseKitError(
            f"{path}: unsupported nbformat version {major!r} (coursekit reads nbformat 4)"
        )
    return nb


def read_notebook(path: Path) -> tuple[dict[str, Any], bytes, Snapshot]:
    """Read and parse a notebook file.

    Parameters
    ----------
    path : Path
        Notebook file.

    Returns
    -------
    tuple of (dict, bytes, Snapshot)
        Parsed notebook, raw bytes and the read snapshot.
    """
    data, snap = read_bytes(path)
    return parse_notebook(data, path), data, snap


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


def atomic_write(
    path: Path,
    data: bytes | str,
    expected: Snapshot | None = None,
    *,
    create: bool = False,
) -> None:
    """Replace (or create) ``path`` with ``data`` atomically.

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
        Create a new file and refuse if ``path`` already exists (the check and
        the creation are one atomic step via a hard link).

    Raises
    ------
    CourseKitError
        When the file changed since it was read, already exists (``create``),
        or the write fails; the original file is then untouched and no
        temporary file is left behind.
    """
    path = Path(path)
    if isinstance(data, str):
        data = data.encode("utf-8")
    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".cktmp", dir=directory)
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
                mode = 0o666 & ~_umask() if create else os.stat(path).st_mode & 0o7777
            except FileNotFoundError:
                mode = 0o666 & ~_umask()  # a new file: what open() would create, not 0600
            os.chmod(tmp, mode)
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
            if expected is not None and not _unchanged(path, expected):
                raise CourseKitError(
                    f"{path}: changed on disk since it was read (saved elsewhere?); not written"
                )
            try:
                os.replace(tmp, path)
            except OSError as exc:
                raise CourseKitError(f"{path}: cannot replace: {exc.strerror or exc}") from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
    _fsync_dir(directory)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
