"""``coursekit new``: scaffold a lesson notebook and list it in ``_toc.yml``.

The new lesson follows its neighbours in the toc: it is written in their format
(``.ipynb``, or a MyST ``.md``/custom-format text notebook with the neighbour's front
matter) and folder, named like them (``NN_slug`` when they are numbered, else a slug),
and one line is added to ``_toc.yml`` next to its neighbour; every other byte of the toc
stays as it was. ``--after DOC`` names the toc entry it follows (a docname or path);
without it the lesson follows the last notebook in the toc outside parts captioned as back
matter ("Appendix", "References", "Glossary", ...: :data:`BACK_MATTER_RE`); when a ``glob:``
entry lists that notebook, the new file joins it in its folder and the toc is not edited.

With the ``lesson-skeleton`` convention (this course), the course's rule applies instead.
Numbering rule: lessons are ``<notebooks_dir>/NN_slug.ipynb``. Without
``--after`` the new lesson takes the next number after the highest one in use
and is listed in the toc after that lesson. With ``--after NN`` it takes
number NN+1 and is listed right after lesson NN (``--after 00`` puts lesson 01 before
the first lesson); if NN+1 is already used, coursekit refuses (it never
renumbers existing lessons).
"""

from __future__ import annotations

import copy
import json
import re
import unicodedata
import uuid
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from . import cmdline, setupcell
from . import toc as tocmod
from .book import Book, front_matter
from .check import display
from .config import Settings, load_settings
from .nbio import (
    CourseKitError,
    atomic_write,
    dumps_notebook,
    parse_notebook,
    read_bytes,
    writable_target,
)

LESSON_RE = re.compile(r"^(\d{2,})_([A-Za-z0-9_-]+)\.ipynb$")
DEFAULT_OBJECTIVES = (
    "Explain the main idea of this lesson in your own words.",
    "Use the explorer to predict how the result changes.",
    "Apply the idea to a short exercise.",
)
DEFAULT_MINUTES = 30


def slugify(title: str, max_len: int = 40) -> str:
    """Turn a title into a lowercase ASCII slug of words joined by ``_``.

    Parameters
    ----------
    title : str
        Lesson title.
    max_len : int
        Maximum slug length (cut at a word boundary when possible).

    Returns
    -------
    str
        The slug; never empty (``lesson`` as a fallback).

    Examples
    --------
    >>> slugify("Range of Motion: the Hip!")
    'range_of_motion_the_hip'
    """
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_title.lower())
    slug = ""
    for word in words:
        candidate = f"{slug}_{word}" if slug else word
        if len(candidate) > max_len:
            break
        slug = candidate
    if not slug and words:
        slug = words[0][:max_len]
    return slug or "lesson"


def lesson_numbers(nb_dir: Path) -> dict[int, Path]:
    """Map lesson number to file for every ``NN_slug.ipynb`` in ``nb_dir``."""
    found: dict[int, Path] = {}
    if nb_dir.is_dir():
        for path in sorted(nb_dir.iterdir()):
            m = LESSON_RE.match(path.name)
            if m:
                found.setdefault(int(m.group(1)), path)
    return found


def choose_number(existing: dict[int, Path], after: int | None) -> tuple[int, int | None]:
    """Pick the new lesson's number and the lesson it follows.

    Parameters
    ----------
    existing : dict
        Lesson numbers in use (see :func:`lesson_numbers`).
    after : int or None
        Value of ``--after``.

    Returns
    -------
    tuple of (int, int or None)
        New number and the number of the preceding lesson (``None`` when there
        are no lessons yet).
    """
    if after is None:
        if not existing:
            return 1, None
        last = max(existing)
        return last + 1, last
    if after not in existing and after != 0:
        raise CourseKitError(f"--after {after:02d}: no lesson {after:02d} exists")
    number = after + 1
    if number in existing:
        raise CourseKitError(
            f"lesson number {number:02d} is taken by {existing[number].name}; "
            "coursekit never renumbers lessons (pick another --after or rename by hand)"
        )
    return number, (after if after in existing else None)


def render_skeleton(
    number: int,
    title: str,
    objectives: list[str] | None = None,
    minutes: int = DEFAULT_MINUTES,
) -> dict[str, Any]:
    """Build the lesson notebook from the packaged template.

    Parameters
    ----------
    number : int
        Lesson number (shown as two digits).
    title : str
        Lesson title.
    objectives : list of str, optional
        Learning objectives (defaults to three placeholders).
    minutes : int
        Estimated time.

    Returns
    -------
    dict
        Notebook JSON with fresh cell ids, no outputs and course metadata.
    """
    objs = list(objectives or DEFAULT_OBJECTIVES)
    template = json.loads(
        resources.files("coursekit").joinpath("templates/lesson.ipynb").read_text("utf-8")
    )
    values = {"NUMBER": f"{number:02d}", "TITLE": title, "TIME": str(minutes)}
    bullet_block = "\n".join(f"- {o}" for o in objs)

    def fill(text: str) -> str:
        text = text.replace("- {{OBJECTIVE_1}}\n- {{OBJECTIVE_2}}\n- {{OBJECTIVE_3}}", bullet_block)
        for key, val in values.items():
            text = text.replace("{{" + key + "}}", val)
        return text

    nb = copy.deepcopy(template)
    for cell in nb["cells"]:
        src = cell["source"]
        cell["source"] = fill("".join(src) if isinstance(src, list) else src)
        cell["id"] = uuid.uuid4().hex[:8]
    nb["metadata"]["course"] = {"title": title, "objectives": objs, "time_minutes": minutes}
    return nb


def with_setup_cell(nb: dict[str, Any], root: Path, settings: Settings) -> dict[str, Any]:
    """``nb`` with the book's setup cell (setting ``setup_cell``, :mod:`coursekit.setupcell`)
    at the start of its first code cell (one is added at the top if it has none)."""
    if not settings.setup_cell:
        return nb
    setup = setupcell.render(settings.setup_cell, root, Book(root, settings).config)
    if setupcell.first_code_cell(nb) is None:
        nb["cells"].insert(1 if nb.get("cells") else 0, {
            "cell_type": "code", "execution_count": None, "id": uuid.uuid4().hex[:8],
            "metadata": {}, "outputs": [], "source": ""})
    setupcell.apply(nb, setup)
    return nb


@dataclass
class NewLesson:
    """Result of :func:`create_lesson`."""

    path: Path
    docname: str
    after: str | None
    #: The toc ``glob:`` that lists the new lesson (then the toc is not edited).
    glob: str | None = None


def create_lesson(
    root: Path,
    title: str,
    settings: Settings,
    after: int | None = None,
    objectives: list[str] | None = None,
    minutes: int = DEFAULT_MINUTES,
) -> NewLesson:
    """Create a lesson notebook and insert it into ``_toc.yml``.

    The toc edit is prepared first (a toc that is malformed, read-only or
    hard-linked is refused before anything is written); the notebook is created
    without overwriting anything; then the toc is replaced atomically (a
    symbolic link to it stays a link). If the toc write fails, the new notebook
    is removed again.

    Parameters
    ----------
    root : Path
        Book root.
    title : str
        Lesson title.
    settings : Settings
        Project settings (for the notebooks directory).
    after : int, optional
        Lesson number the new one follows.
    objectives : list of str, optional
        Learning objectives.
    minutes : int
        Estimated time in minutes (positive).

    Returns
    -------
    NewLesson
    """
    title = title.strip()
    if not title:
        raise CourseKitError("the lesson title is empty")
    if minutes <= 0:
        raise CourseKitError("--minutes must be a positive integer")
    if not settings.uses("lesson-skeleton"):
        return create_plain_lesson(root, title, settings, after, objectives, minutes)
    if isinstance(after, str):
        if not after.isdigit():
            raise CourseKitError(f"--after {after}: give the number NN of the lesson it follows")
        after = int(after)
    nb_dir = root / (settings.notebooks_dir or "notebooks")
    existing = lesson_numbers(nb_dir)
    number, prev = choose_number(existing, after)
    rel_dir = Path(settings.notebooks_dir or "notebooks").as_posix().strip("/")
    path = nb_dir / f"{number:02d}_{slugify(title)}.ipynb"
    docname = f"{rel_dir}/{path.stem}"
    prev_doc = f"{rel_dir}/{existing[prev].stem}" if prev is not None else None

    toc_path = Path(display(root / "_toc.yml"))  # as messages name it
    if not toc_path.is_file():
        raise CourseKitError(f"{toc_path}: not found; coursekit new needs a _toc.yml")
    yaml, toc, snap, text = tocmod.load_toc_text(toc_path)
    writable_target(toc_path)  # refuse a read-only or hard-linked toc before creating anything
    names, _globs = tocmod.toc_docnames(toc)
    if docname in names:
        raise CourseKitError(f"_toc.yml already lists {docname}")
    first_doc = f"{rel_dir}/{existing[min(existing)].stem}" if existing else None
    if after == 0 and first_doc is not None and tocmod.insert_before(toc, docname, first_doc):
        pass  # --after 00: the new lesson 01 goes before the current first lesson
    else:
        tocmod.insert_after(toc, docname, prev_doc)
    new_toc = tocmod.text_with_entry(text, toc, docname, yaml)

    nb = with_setup_cell(render_skeleton(number, title, objectives, minutes), root, settings)
    _write(path, dumps_notebook(nb), toc_path, new_toc, snap)
    return NewLesson(path, docname, prev_doc)


def _write(path: Path, content: str, toc_path: Path, new_toc: str, snap: Any) -> None:
    """Create the lesson (never overwriting), then replace the toc; undo the lesson on failure."""
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, content, create=True)
    try:
        atomic_write(toc_path, new_toc, snap)
    except BaseException:
        path.unlink(missing_ok=True)
        raise


#: Formats ``coursekit new`` writes like their neighbour (others get an ``.ipynb``).
TEXT_FORMATS = (".ipynb", ".md", ".myst", ".Rmd", ".rmd")
NUMBERED_RE = re.compile(r"^(\d+)([_-])")
CODE_CELL_RE = re.compile(r"^(`{3,}|~{3,})\{code-cell\}[ \t]*(\S*)", re.M)
RMD_CHUNK_RE = re.compile(r"^```\{(\w+)", re.M)


def _toc_doc(root: Path, value: str) -> str:
    """``--after`` as a docname: a path (from the working directory or the root) or a name."""
    candidate = Path(value)
    for base in (Path.cwd(), root):
        path = (base / candidate).resolve()
        if path.is_file() and path.is_relative_to(root):
            return tocmod.doc_name(path.relative_to(root).as_posix())
    return tocmod.doc_name(value)


def _toc_order(book: Book) -> list[tuple[str, Path | None, str | None]]:
    """Every document of the toc in reading order: ``(docname, file, glob or None)``.

    A ``glob:`` entry stands for the files it matches (sorted, as Jupyter Book lists them).
    """
    out: list[tuple[str, Path | None, str | None]] = []
    seen: set[str] = set()
    for _parent, _idx, entry in tocmod.iter_entries(book.toc):
        for key in ("root", "file"):
            if isinstance(entry.get(key), str):
                name = tocmod.doc_name(entry[key])
                out.append((name, tocmod.resolve_doc(book.root, name, book.suffixes()), None))
                seen.add(name)
        if isinstance(entry.get("glob"), str):
            pattern = tocmod.doc_name(entry["glob"])
            for path in sorted(book.root.glob(pattern + ".*")):
                name = path.relative_to(book.root).with_suffix("").as_posix()
                if path.suffix in book.suffixes() and name not in seen:
                    out.append((name, path, pattern))
                    seen.add(name)
    return out


#: Captions of toc parts that hold back matter, not lessons: without ``--after``, a new lesson
#: follows the last notebook outside such parts (when there is one).
BACK_MATTER_RE = re.compile(
    r"^\s*(appendix|appendices|annex|back matter|reference|references|bibliography|glossary|"
    r"about|resources|further reading)\b", re.I)


def _back_matter(toc: Any) -> tuple[set[str], list[str]]:
    """Docnames and glob patterns listed under toc parts captioned as back matter."""
    names: set[str] = set()
    globs: list[str] = []
    parts = toc.get("parts") if isinstance(toc, dict) else None
    for part in parts if isinstance(parts, list) else []:
        caption = part.get("caption") if isinstance(part, dict) else None
        if not (isinstance(caption, str) and BACK_MATTER_RE.match(caption)):
            continue
        for _parent, _idx, entry in tocmod.iter_entries(part):
            if isinstance(entry.get("file"), str):
                names.add(tocmod.doc_name(entry["file"]))
            if isinstance(entry.get("glob"), str):
                globs.append(tocmod.doc_name(entry["glob"]))
    return names, globs


def _neighbours(book: Book, after: str | None) -> tuple[str | None, Path | None, str | None]:
    """The toc entry the new lesson follows, the notebook it imitates, and the glob listing it.

    Parameters
    ----------
    book : Book
        The book.
    after : str or None
        ``--after``: a docname or path listed in the toc (explicitly, not by a glob).

    Returns
    -------
    tuple
        ``(anchor docname, model notebook, glob)``: without ``--after``, when the last
        notebook of the toc is one a ``glob:`` entry lists, the new lesson goes next to it
        and that glob lists it (``anchor`` is then ``None``).
    """
    order = _toc_order(book)
    names = [name for name, _path, pattern in order if pattern is None]
    notebooks = [(n, p, g) for n, p, g in order if p is not None and book.is_notebook(p)]
    if after is not None:
        anchor = _toc_doc(book.root, after)
        if anchor not in names:
            raise CourseKitError(f"--after {after}: _toc.yml lists no {anchor}")
        position = next(i for i, (n, _p, g) in enumerate(order) if n == anchor and g is None)
        before = [nb for nb in notebooks if order.index(nb) <= position] or notebooks
        return anchor, before[-1][1] if before else None, None
    back_names, back_globs = _back_matter(book.toc)
    lessons = [nb for nb in notebooks
               if nb[0] not in back_names and (nb[2] is None or nb[2] not in back_globs)]
    if lessons or notebooks:
        name, path, pattern = (lessons or notebooks)[-1]
        return (None if pattern else name), path, pattern
    return (names[-1] if len(names) > 1 else None), None, None


def _new_name(anchor: str | None, model: Path | None, title: str, root: Path) -> str:
    """The new lesson's docname: the anchor's folder, numbered as it is, else a slug."""
    ref = anchor if anchor is not None else (
        model.relative_to(root).with_suffix("").as_posix() if model is not None else "x"
    )
    folder, _, stem = ref.rpartition("/")
    slug = slugify(title)
    match = NUMBERED_RE.match(stem)
    if match:
        width, sep = len(match.group(1)), match.group(2)
        name = f"{int(match.group(1)) + 1:0{width}d}{sep}{slug.replace('_', sep)}"
    else:
        sep = "-" if "-" in stem and "_" not in stem else "_"
        name = slug.replace("_", sep)
    return f"{folder}/{name}" if folder else name


def _kernelspec(model: dict[str, Any] | None, settings: Settings) -> dict[str, str]:
    if settings.kernelspec:
        return dict(sorted(settings.kernelspec.items()))
    ks = model.get("kernelspec") if isinstance(model, dict) else None
    if isinstance(ks, dict) and isinstance(ks.get("name"), str):
        return {k: v for k, v in ks.items() if isinstance(v, str)}
    return {"display_name": "Python 3", "language": "python", "name": "python3"}


def plain_notebook(
    title: str, model: Path | None, settings: Settings, course: dict[str, Any] | None = None
) -> dict[str, Any]:
    """A minimal ``.ipynb`` lesson: a title cell and an empty code cell.

    The kernelspec is the ``kernelspec`` setting's, else the model notebook's, else
    ``python3``; ``course`` (convention ``course-metadata``) is added when given.
    """
    meta: dict[str, Any] = {}
    if model is not None:
        try:
            data, _snap = read_bytes(model)
            meta = parse_notebook(data, display(model)).get("metadata") or {}
        except CourseKitError:
            meta = {}
    metadata: dict[str, Any] = {"kernelspec": _kernelspec(meta, settings)}
    # not the neighbour's jupytext pairing: the new lesson has no paired text file
    if course is not None:
        metadata["course"] = course
    return {
        "cells": [
            {"cell_type": "markdown", "id": uuid.uuid4().hex[:8], "metadata": {},
             "source": f"# {title}\n\nWrite the lesson here."},
            {"cell_type": "code", "execution_count": None, "id": uuid.uuid4().hex[:8],
             "metadata": {}, "outputs": [], "source": ""},
        ],
        "metadata": metadata,
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def text_notebook(title: str, model: Path) -> str:
    """A MyST ``.md`` (or custom-format, such as ``.Rmd``) lesson: the model's front matter,
    a title and one empty code cell in the model's own code-cell syntax."""
    text = model.read_text(encoding="utf-8", errors="replace")
    _data, raw = front_matter(text)
    head = raw.rstrip("\n") + "\n\n" if raw else ""
    body = f"# {title}\n\nWrite the lesson here.\n"
    if model.suffix in (".md", ".myst"):
        match = CODE_CELL_RE.search(text)
        language = match.group(2) if match and match.group(2) else ""
        fence = "```{code-cell}" + (f" {language}" if language else "")
        return f"{head}{body}\n{fence}\n\n```\n"
    chunk = RMD_CHUNK_RE.search(text[len(raw):]) if model.suffix.lower() == ".rmd" else None
    if chunk:
        return f"{head}{body}\n```{{{chunk.group(1)}}}\n\n```\n"
    return head + body


def create_plain_lesson(
    root: Path,
    title: str,
    settings: Settings,
    after: str | int | None = None,
    objectives: list[str] | None = None,
    minutes: int = DEFAULT_MINUTES,
) -> NewLesson:
    """Create a lesson like its toc neighbours and list it right after ``after``.

    See the module docstring; :func:`create_lesson` calls this when the book does not
    use the ``lesson-skeleton`` convention.
    """
    toc_path = Path(display(root / "_toc.yml"))
    if not toc_path.is_file():
        raise CourseKitError(f"{toc_path}: not found; coursekit new needs a _toc.yml")
    yaml, toc, snap, text = tocmod.load_toc_text(toc_path)
    writable_target(toc_path)
    book = Book(root, settings, toc=toc)
    anchor, model, glob = _neighbours(book, None if after is None else str(after))
    docname = _new_name(anchor, model, title, book.root)
    if glob is not None and not tocmod.listed(docname, [], [glob]):
        glob = None  # the new name falls outside the pattern: list it after its model
        anchor = model.relative_to(book.root).with_suffix("").as_posix() if model else None
    # the neighbour's format when coursekit can write it (jupytext .py and others: .ipynb)
    suffix = model.suffix if model is not None and model.suffix in TEXT_FORMATS else ".ipynb"
    path = book.root / (docname + suffix)
    names, _globs = tocmod.toc_docnames(toc)
    if docname in names or tocmod.resolve_doc(book.root, docname, book.suffixes()):
        raise CourseKitError(
            f"{display(path)}: a page named {docname} already exists; pick another title"
        )
    if glob is None:
        tocmod.insert_after(toc, docname, anchor, suffix)
        new_toc = tocmod.text_with_entry(text, toc, docname, yaml)
    else:
        new_toc = text  # the toc's glob lists the new file: nothing to add
    if suffix == ".ipynb":
        course = None
        if settings.uses("course-metadata"):
            course = {"title": title, "objectives": list(objectives or DEFAULT_OBJECTIVES),
                      "time_minutes": minutes}
        ipynb_model = model if model is not None and model.suffix == ".ipynb" else None
        content = dumps_notebook(
            with_setup_cell(plain_notebook(title, ipynb_model, settings, course), root, settings))
    else:
        assert model is not None
        content = text_notebook(title, model)
    if glob is None:
        _write(path, content, toc_path, new_toc, snap)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, content, create=True)
    return NewLesson(path, docname, anchor, glob)


def main(argv: list[str] | None = None) -> int:
    """``coursekit new TITLE [--after NN]``: scaffold a lesson and list it in the toc."""
    parser = cmdline.command_parser(
        "new", "Create a lesson notebook from the skeleton and list it in the toc."
    )
    parser.add_argument("title", help="lesson title")
    parser.add_argument(
        "--after",
        metavar="DOC",
        help="the toc entry it follows: a docname or path (default: the last notebook in the "
        "toc); with the lesson-skeleton convention, the number NN of the lesson it follows",
    )
    parser.add_argument(
        "--objective",
        action="append",
        default=None,
        help="learning objective (repeatable; default: three placeholders)",
    )
    parser.add_argument(
        "--minutes", type=int, default=DEFAULT_MINUTES, help="estimated time (default 30)"
    )
    cmdline.add_root_option(parser)

    def handle(args: Any) -> int:
        root = cmdline.book_root(args)
        made = create_lesson(
            root, args.title, load_settings(root), args.after, args.objective, args.minutes
        )
        if made.glob is not None:
            print(f"created {display(made.path)} (listed by the _toc.yml glob {made.glob})")
            return 0
        where = f"after {made.after}" if made.after else "at the end"
        print(f"created {display(made.path)} (listed in _toc.yml {where})")
        return 0

    return cmdline.run(parser, handle, argv)
