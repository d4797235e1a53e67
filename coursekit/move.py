"""``coursekit rename`` and ``coursekit remove``: move a lesson, or take it out of the book.

``coursekit rename OLD NEW`` moves a page the toc lists (a lesson, or any other page)
and everything that names it, in one step:

* the file (``mv`` semantics for the paths: relative to the working directory; a
  symbolic link moves as the link, a hard-linked file keeps its other names, mode and
  owner stay), and its executed twin in ``reference_dir`` when the book keeps twins;
* its ``_toc.yml`` entry: only the ``file:`` value changes, every other byte of the toc
  is kept (the suffix is written when the entry wrote one);
* every link to it in the book's pages: ``{doc}`` roles (relative or ``/``-absolute),
  ``{download}`` roles and Markdown links to the ``.ipynb``/``.md`` file (anchors are
  kept), in ``.md`` pages and in the Markdown cells of notebooks;
* when it moves to another folder, its own relative links, images and figure paths, so
  they still point where they did.

Other files that still name the old path (tests, ``_config.yml``, scripts) are listed
after the move, one ``file:line`` each: coursekit does not guess at code.

``coursekit remove LESSON`` takes a page's entry out of ``_toc.yml`` (its lines only)
and deletes the file and its twin (``--keep-file`` keeps them on disk). It refuses
while other pages link to the page (``--force`` removes it anyway and lists those
links), and refuses to remove the root page, an entry with sections of its own, or
the only entry of a list (the toc would not be valid).

Nothing is changed unless every file to change may be written (read-only files,
read-only mounts and someone else's files are refused, exit 2, one line), the new
name is free and the new toc parses with the expected entries; a failure half-way
restores what was already changed. ``--dry-run`` prints the plan and changes nothing.
"""

from __future__ import annotations

import argparse
import os
import posixpath
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import cmdline
from . import toc as tocmod
from .book import Book
from .config import Settings, display, load_settings
from .errors import OK, CourseKitError
from .markdown import SCHEME_RE
from .nbio import (
    Snapshot,
    _on_read_only_mount,
    atomic_write,
    dumps_notebook,
    move_file,
    parse_notebook,
    read_bytes,
    read_only,
)

#: ``{doc}`` and ``{download}`` roles: ``{doc}`target``` or ``{doc}`text <target>```.
ROLE_RE = re.compile(r"\{(doc|download)\}`([^`]*)`")
#: Markdown links and images: ``[text](target "title")`` / ``![alt](target)``.
MD_LINK_RE = re.compile(
    r"(!?)\[((?:[^\]\\]|\\.)*)\]\(\s*(<[^>]*>|[^)\s]+)((?:\s+[\"'(][^)]*)?\s*)\)"
)
#: A ``{figure}`` or ``{image}`` directive's argument (a path).
FIGURE_RE = re.compile(
    r"^([ \t]*(?:`{3,}|:{3,})[ \t]*\{(?:figure|image)\}[ \t]+)(\S+)[ \t]*$", re.M
)
#: Folders never searched for pages or for mentions of the old name.
SKIPPED_DIRS = frozenset({"_build", "node_modules", "__pycache__", "jupyter_execute"})
#: Files searched for other mentions of a moved page (not rewritten, only listed).
MENTION_SUFFIXES = frozenset(
    {".py", ".md", ".ipynb", ".yml", ".yaml", ".toml", ".cfg", ".ini", ".txt", ".rst", ".sh",
     ".json", ".js", ".html", ".css", ".Rmd"}
)
#: Larger files are not searched for mentions.
MENTION_MAX_BYTES = 2_000_000
#: Page formats whose links are rewritten.
PAGE_SUFFIXES = (".md", ".ipynb")


# --------------------------------------------------------------------------- text rewriting


def _split_anchor(target: str) -> tuple[str, str]:
    """``path#anchor`` -> (``path``, ``#anchor``); also for ``?query``."""
    match = re.search(r"[#?]", target)
    return (target[: match.start()], target[match.start() :]) if match else (target, "")


def _resolve(target: str, page_dir: str) -> str:
    """A link target (relative to ``page_dir``, or ``/``-absolute) as a root-relative path."""
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(page_dir, target))


def _relative(path: str, page_dir: str) -> str:
    """A root-relative ``path`` written relative to ``page_dir``."""
    return posixpath.relpath(path, page_dir or ".")


def _is_relative_path(target: str) -> bool:
    return bool(target) and not target.startswith("#") and not SCHEME_RE.match(target)


def rewrite_links(
    text: str, page_dir: str, mapping: Callable[[str, str], str | None]
) -> tuple[str, int]:
    """Rewrite the local link targets of Markdown ``text``.

    Parameters
    ----------
    text : str
        Markdown (a page, or one notebook cell).
    page_dir : str
        The page's folder, relative to the book root (``""`` for the root).
    mapping : callable
        ``mapping(kind, target) -> new target or None`` (``None``: keep it), called
        for each local target, with ``kind`` one of ``doc``, ``download``, ``link``
        (a Markdown link), ``image`` (a Markdown image or a figure path).

    Returns
    -------
    tuple of (str, int)
        The new text and how many targets changed.
    """
    changed = 0

    def role(m: re.Match[str]) -> str:
        nonlocal changed
        body = m.group(2)
        explicit = re.search(r"<([^<>]+)>\s*$", body)
        target = explicit.group(1) if explicit else body
        new = mapping(m.group(1), target.strip())
        if new is None:
            return m.group(0)
        changed += 1
        if explicit:
            body = body[: explicit.start(1)] + new + body[explicit.end(1) :]
        else:
            body = body.replace(target.strip(), new, 1)
        return f"{{{m.group(1)}}}`{body}`"

    def link(m: re.Match[str]) -> str:
        nonlocal changed
        raw = m.group(3)
        bracketed = raw.startswith("<") and raw.endswith(">")
        target = raw[1:-1] if bracketed else raw
        new = mapping("image" if m.group(1) else "link", target.strip())
        if new is None:
            return m.group(0)
        changed += 1
        new_raw = f"<{new}>" if bracketed else new
        return f"{m.group(1)}[{m.group(2)}]({new_raw}{m.group(4)})"

    def figure(m: re.Match[str]) -> str:
        nonlocal changed
        new = mapping("image", m.group(2))
        if new is None:
            return m.group(0)
        changed += 1
        return m.group(1) + new

    text = ROLE_RE.sub(role, text)
    text = MD_LINK_RE.sub(link, text)
    text = FIGURE_RE.sub(figure, text)
    return text, changed


def links_to(old_file: str, new_file: str | None, suffixes: tuple[str, ...]):
    """A :func:`rewrite_links` mapping for links from one page to the moved page.

    ``old_file``/``new_file`` are root-relative paths with suffix; ``new_file=None``
    only finds the links (every match maps to itself and counts).
    """
    old_doc = tocmod.doc_name(old_file)

    def make(page_dir: str) -> Callable[[str, str], str | None]:
        def mapping(kind: str, target: str) -> str | None:
            if not _is_relative_path(target):
                return None
            path, anchor = _split_anchor(target)
            if not path:
                return None
            resolved = _resolve(path, page_dir)
            if kind == "doc":
                written_suffix = next((s for s in suffixes if path.endswith(s)), "")
                if tocmod.doc_name(resolved) != old_doc:
                    return None
                if new_file is None:
                    return target
                new_path = tocmod.doc_name(new_file) + (
                    Path(new_file).suffix if written_suffix else ""
                )
            elif kind in ("link", "download"):
                if resolved != old_file:
                    return None
                if new_file is None:
                    return target
                new_path = new_file
            else:
                return None
            if path.startswith("/"):
                return "/" + new_path + anchor
            return _relative(new_path, page_dir) + anchor

        return mapping

    return make


def moved_page_links(old_dir: str, new_dir: str, old_file: str, new_file: str):
    """The :func:`rewrite_links` mapping for the moved page's own relative targets."""

    def mapping(kind: str, target: str) -> str | None:
        if not _is_relative_path(target) or target.startswith("/"):
            return None
        path, anchor = _split_anchor(target)
        if not path:
            return None
        resolved = _resolve(path, old_dir)
        if kind == "doc" and tocmod.doc_name(resolved) == tocmod.doc_name(old_file):
            resolved = tocmod.doc_name(new_file) + resolved[len(tocmod.doc_name(old_file)) :]
        elif resolved == old_file:
            resolved = new_file
        new = _relative(resolved, new_dir)
        return None if new == path else new + anchor

    return mapping


def rewrite_page(
    path: Path, root: Path, mapping_for: Callable[[str], Callable[[str, str], str | None]],
    page_dir: str | None = None,
) -> tuple[bytes, Snapshot, str | None, int]:
    """Rewrite one page's links; returns ``(old bytes, snapshot, new text or None, count)``."""
    data, snap = read_bytes(path)
    if page_dir is None:
        page_dir = _abs(path).parent.relative_to(root).as_posix()
    folder = "" if page_dir == "." else page_dir
    mapping = mapping_for(folder)
    if path.suffix == ".ipynb":
        nb = parse_notebook(data, display(path))
        total = 0
        for cell in nb.get("cells", []):
            if not isinstance(cell, dict) or cell.get("cell_type") != "markdown":
                continue
            source = cell.get("source", "")
            text = "".join(source) if isinstance(source, list) else str(source)
            new, count = rewrite_links(text, folder, mapping)
            if count:
                cell["source"] = new
                total += count
        return data, snap, dumps_notebook(nb) if total else None, total
    text = data.decode("utf-8", errors="surrogateescape")
    new, count = rewrite_links(text, folder, mapping)
    return data, snap, new if count else None, count


# --------------------------------------------------------------------------- the book's files


def _abs(path: Path) -> Path:
    """An absolute path with ``..`` removed but symbolic links kept (where the page is)."""
    return Path(os.path.abspath(path))


def _walk(root: Path, suffixes: frozenset[str] | tuple[str, ...]) -> Iterator[Path]:
    """Files under ``root`` with one of ``suffixes``, skipping hidden and build folders."""
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED_DIRS)
        for name in sorted(files):
            if Path(name).suffix in suffixes and not name.startswith("."):
                yield Path(folder) / name


def book_pages(book: Book) -> list[Path]:
    """Every page whose links may need rewriting: the toc's pages and any ``.md``/``.ipynb``."""
    pages = {_abs(p) for p in book.toc_paths() if p.suffix in PAGE_SUFFIXES}
    pages |= {_abs(p) for p in _walk(book.root, PAGE_SUFFIXES)}
    return sorted(pages)


def mentions(root: Path, needles: Sequence[str], skip: set[Path]) -> list[str]:
    """``file:line: text`` of every line of the project's text files that names a needle."""
    found = []
    for path in _walk(root, MENTION_SUFFIXES):
        if _abs(path) in skip:
            continue
        try:
            if path.stat().st_size > MENTION_MAX_BYTES:
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        if not any(n in text for n in needles):
            continue
        for number, line in enumerate(text.splitlines(), start=1):
            if any(n in line for n in needles):
                found.append(f"{display(path)}:{number}: {line.strip()[:120]}")
    return found


def _check_movable(path: Path) -> None:
    """Refuse (one line) to move or delete a read-only file or one on a read-only mount."""
    target = Path(os.path.realpath(path))
    shown = f"{path} (a link to {target})" if path.is_symlink() else str(path)
    checked = path if path.is_symlink() else target
    if _on_read_only_mount(checked) or not os.access(checked.parent, os.W_OK):
        raise CourseKitError(f"{display(checked.parent)}: folder is read-only; {shown} not moved")
    if path.is_symlink():
        return
    if read_only(target, target.stat()):  # the rule coursekit's writes follow
        raise CourseKitError(
            f"{shown}: read-only file; not moved (make it writable first, e.g. chmod u+w)"
        )


# --------------------------------------------------------------------------- plans


@dataclass
class Plan:
    """What a rename or remove will do (paths are absolute)."""

    moves: list[tuple[Path, Path]] = field(default_factory=list)
    deletes: list[Path] = field(default_factory=list)
    #: path -> (old bytes, snapshot, new text)
    writes: dict[Path, tuple[bytes, Snapshot, str]] = field(default_factory=dict)
    counts: dict[Path, int] = field(default_factory=dict)
    #: (the toc, its snapshot when read, its new text); written last, so never undone
    toc: tuple[Path, Snapshot, str] | None = None

    def describe(self) -> list[str]:
        lines = [f"move {display(a)} -> {display(b)}" for a, b in self.moves]
        lines += [f"delete {display(p)}" for p in self.deletes]
        if self.toc is not None:
            lines.append(f"edit {display(self.toc[0])}")
        for path in self.writes:
            n = self.counts.get(path, 0)
            lines.append(f"edit {display(path)} ({n} link{'s' if n != 1 else ''})")
        return lines

    def check_writable(self) -> None:
        from .nbio import writable_target

        for src, _dst in self.moves:
            _check_movable(src)
        for path in self.deletes:
            _check_movable(path)
        sources = {dst: src for src, dst in self.moves}
        for path in self.writes:
            writable_target(sources.get(path, path))  # a moved page: check it where it is
        if self.toc is not None:
            writable_target(self.toc[0])

    def apply(self) -> None:
        """Move, write, then edit the toc; undo what was done if a step fails."""
        moved: list[tuple[Path, Path]] = []
        written: list[tuple[Path, bytes]] = []
        try:
            for src, dst in self.moves:
                move_file(src, dst)
                moved.append((src, dst))
            for path, (old, snap, new) in self.writes.items():
                atomic_write(path, new, snap)
                written.append((path, old))
            if self.toc is not None:
                toc_path, snap, new = self.toc
                atomic_write(toc_path, new, snap)
        except BaseException:
            for path, old in reversed(written):
                try:
                    atomic_write(path, old)
                except CourseKitError:
                    pass
            for src, dst in reversed(moved):
                try:
                    move_file(dst, src)
                except (CourseKitError, OSError):
                    pass
            raise
        for path in self.deletes:
            path.unlink()


def _doc_of(root: Path, value: str, book: Book) -> tuple[str, Path]:
    """A command-line page (path or docname) as (docname, existing file)."""
    candidate = Path(value)
    for base in (Path.cwd(), root):
        path = Path(os.path.abspath(base / candidate))
        if (path.is_file() or path.is_symlink()) and path.is_relative_to(root):
            return tocmod.doc_name(path.relative_to(root).as_posix()), path
    name = tocmod.doc_name(value)
    found = tocmod.resolve_doc(root, name, book.suffixes())
    if found is None:
        raise CourseKitError(f"{value}: no such page in the book")
    return name, Path(os.path.abspath(found))


def _twin(root: Path, settings: Settings, path: Path) -> Path | None:
    if settings.reference_dir is None or path.suffix != ".ipynb":
        return None
    twin = root / settings.reference_dir / path.name
    return twin if twin.is_file() else None


def _load(root: Path, settings: Settings) -> tuple[Book, Path, Snapshot, str, Any]:
    toc_path = root / "_toc.yml"
    if not toc_path.is_file():
        raise CourseKitError(f"{display(toc_path)}: not found; the lessons are the pages it lists")
    _yaml, toc, snap, text = tocmod.load_toc_text(toc_path)
    return Book(root, settings, toc=toc), toc_path, snap, text, toc


def plan_rename(root: Path, settings: Settings, old: str, new: str) -> tuple[Plan, list[str]]:
    """The plan of ``coursekit rename OLD NEW`` and the docnames the new toc must list."""
    book, toc_path, toc_snap, text, toc = _load(root, settings)
    old_doc, old_path = _doc_of(root, old, book)
    names, globs = tocmod.toc_docnames(toc)
    glob = None if old_doc in names else _glob_listing(old_doc, globs)
    if old_doc not in names and glob is None:
        raise CourseKitError(f"{display(old_path)}: _toc.yml does not list it")
    new_path = Path(os.path.abspath(Path.cwd() / new))
    if not new_path.suffix:
        new_path = new_path.with_name(new_path.name + old_path.suffix)
    if new_path.suffix != old_path.suffix:
        raise CourseKitError(
            f"{new}: a {old_path.suffix} page keeps its suffix (changing the format is not a "
            "rename)"
        )
    if not new_path.is_relative_to(root):
        raise CourseKitError(f"{new}: outside the book ({display(root)})")
    if os.path.lexists(new_path):
        raise CourseKitError(f"{display(new_path)}: already exists; refusing to overwrite")
    new_doc = tocmod.doc_name(new_path.relative_to(root).as_posix())
    if new_doc in names or tocmod.resolve_doc(root, new_doc, book.suffixes()) is not None:
        raise CourseKitError(f"{new}: a page named {new_doc} already exists")
    old_rel = old_path.relative_to(root).as_posix()
    new_rel = new_path.relative_to(root).as_posix()
    old_dir, new_dir = posixpath.dirname(old_rel), posixpath.dirname(new_rel)

    plan = Plan()
    plan.moves.append((old_path, new_path))
    twin = _twin(root, settings, old_path)
    if twin is not None:
        new_twin = twin.with_name(new_path.name)
        if os.path.lexists(new_twin):
            raise CourseKitError(f"{display(new_twin)}: already exists; refusing to overwrite")
        plan.moves.append((twin, new_twin))

    mapping_for = links_to(old_rel, new_rel, book.suffixes())
    for page in book_pages(book):
        if page == old_path:
            continue
        data, snap, new_text, count = rewrite_page(page, root, mapping_for)
        if new_text is not None:
            plan.writes[page] = (data, snap, new_text)
            plan.counts[page] = count
    if old_path.is_symlink() and not os.path.isabs(os.readlink(old_path)) and old_dir != new_dir:
        raise CourseKitError(
            f"{display(old_path)}: a relative symbolic link; moving it to another folder would "
            "break it (move its target instead)"
        )
    if old_path.suffix in PAGE_SUFFIXES:
        own = moved_page_links(old_dir, new_dir, old_rel, new_rel)
        data, snap, new_text, count = rewrite_page(
            old_path, root, lambda _folder: own, page_dir=old_dir
        )
        if new_text is not None:
            plan.writes[new_path] = (data, snap, new_text)
            plan.counts[new_path] = count

    if glob is not None:  # listed by a glob: the toc stays as it is if the glob lists the new name
        if not tocmod.listed(new_doc, [], [glob]):
            raise CourseKitError(
                f"{display(old_path)} is listed by the _toc.yml glob {glob}, which would not list "
                f"{new_doc}; pick a name the glob matches or edit _toc.yml first"
            )
        return plan, _needles(old_rel, old_path, old_doc)
    new_toc = tocmod.text_with_renamed_entry(text, toc, old_doc, new_doc, new_path.suffix)
    plan.toc = (toc_path, toc_snap, new_toc)
    expected = [new_doc if n == old_doc else n for n in names]
    tocmod.check_text(toc_path, new_toc, expected)
    return plan, _needles(old_rel, old_path, old_doc)


def _needles(old_rel: str, old_path: Path, old_doc: str) -> list[str]:
    """What a mention of the old page looks like: its path, file name, and docname (nested)."""
    return sorted({old_rel, old_path.name} | ({old_doc} if "/" in old_doc else set()))


def _glob_listing(docname: str, globs: list[str]) -> str | None:
    """The toc glob that lists ``docname``, if any."""
    return next((g for g in globs if tocmod.listed(docname, [], [g])), None)


def plan_remove(
    root: Path, settings: Settings, lesson: str, keep_file: bool, force: bool
) -> tuple[Plan, list[str]]:
    """The plan of ``coursekit remove`` and the links to the page that remain."""
    book, toc_path, toc_snap, text, toc = _load(root, settings)
    doc, path = _doc_of(root, lesson, book)
    names, globs = tocmod.toc_docnames(toc)
    glob = None if doc in names else _glob_listing(doc, globs)
    if glob is not None:  # a glob lists it: deleting the file takes it out of the book
        if keep_file:
            raise CourseKitError(
                f"{display(path)} is listed by the _toc.yml glob {glob}; it stays in the book "
                "while the file is there (remove it without --keep-file, or move it)"
            )
        new_toc = None
    else:
        new_toc = tocmod.text_without_entry(text, toc, doc)
        tocmod.check_text(toc_path, new_toc, [n for n in names if n != doc])
    rel = path.relative_to(root).as_posix()
    finder = links_to(rel, None, book.suffixes())
    linked: list[str] = []
    for page in book_pages(book):
        if page == path:
            continue
        _data, _snap, _new, count = rewrite_page(page, root, finder)
        if count:
            linked.append(f"{display(page)} ({count} link{'s' if count != 1 else ''})")
    if linked and not force:
        raise CourseKitError(
            f"{display(path)}: still linked from {', '.join(linked)}; change those links or "
            "pass --force"
        )
    plan = Plan()
    if not keep_file:
        plan.deletes.append(path)
        twin = _twin(root, settings, path)
        if twin is not None:
            plan.deletes.append(twin)
    if new_toc is not None:
        plan.toc = (toc_path, toc_snap, new_toc)
    return plan, linked


# --------------------------------------------------------------------------- command line


def _add_common_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--dry-run", action="store_true", help="print what would change and change nothing"
    )
    cmdline.add_root_option(parser)


def _carry_out(plan: Plan, dry_run: bool) -> bool:
    """Check every write of ``plan``, then print it (dry run) or apply it; whether applied."""
    plan.check_writable()
    if dry_run:
        for line in plan.describe():
            print(line)
        return False
    plan.apply()
    return True


def main_rename(argv: Sequence[str] | None = None) -> int:
    """``coursekit rename OLD NEW [--dry-run]``."""
    parser = cmdline.command_parser(
        "rename",
        "Move a page of the book (a lesson) to a new name: the file, its twin, its _toc.yml "
        "entry and every link to it in the book's pages.",
    )
    parser.add_argument("old", metavar="OLD", help="the page: a path or a docname")
    parser.add_argument(
        "new", metavar="NEW", help="its new path (from this folder; the suffix may be left out)"
    )
    _add_common_options(parser)

    def handle(args: argparse.Namespace) -> int:
        root = cmdline.book_root(args)
        plan, needles = plan_rename(root, load_settings(root), args.old, args.new)
        if not _carry_out(plan, args.dry_run):
            return OK
        src, dst = plan.moves[0]
        links = sum(plan.counts.values())
        toc_part = "_toc.yml and " if plan.toc is not None else "listed by a glob; "
        print(
            f"renamed {display(src)} -> {display(dst)} ({toc_part}{links} "
            f"link{'s' if links != 1 else ''} in {len(plan.writes)} file"
            f"{'s' if len(plan.writes) != 1 else ''} updated)"
        )
        skip = {_abs(p) for p in plan.writes} | {_abs(dst) for _s, dst in plan.moves}
        skip.add(_abs(root / "_toc.yml"))
        left = mentions(root, needles, skip)
        if left:
            print("still naming the old path (not changed by coursekit; edit them):")
            for line in left:
                print(f"  {line}")
        return OK

    return cmdline.run(parser, handle, argv)


def main_remove(argv: Sequence[str] | None = None) -> int:
    """``coursekit remove LESSON [--keep-file] [--force] [--dry-run]``."""
    parser = cmdline.command_parser(
        "remove",
        "Take a page (a lesson) out of _toc.yml and delete it and its twin; refused while "
        "other pages link to it.",
    )
    parser.add_argument("lesson", metavar="LESSON", help="the page: a path or a docname")
    parser.add_argument(
        "--keep-file", action="store_true", help="only take it out of _toc.yml; keep the files"
    )
    parser.add_argument(
        "--force", action="store_true", help="remove it even though other pages link to it"
    )
    _add_common_options(parser)

    def handle(args: argparse.Namespace) -> int:
        root = cmdline.book_root(args)
        plan, linked = plan_remove(
            root, load_settings(root), args.lesson, args.keep_file, args.force
        )
        if not _carry_out(plan, args.dry_run):
            return OK
        deleted = ", ".join(display(p) for p in plan.deletes)
        where = "from _toc.yml" if plan.toc is not None else "(listed by a _toc.yml glob)"
        print(
            f"removed {args.lesson} {where}"
            + (f"; deleted {deleted}" if deleted else "; the file is kept")
        )
        for line in linked:
            print(f"  still linked from {line}: change those links")
        return OK

    return cmdline.run(parser, handle, argv)
