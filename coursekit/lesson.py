"""``coursekit new``: scaffold a lesson notebook and list it in ``_toc.yml``.

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

from . import cmdline
from . import toc as tocmod
from .check import display
from .config import Settings, load_settings
from .nbio import CourseKitError, atomic_write, dumps_notebook

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


@dataclass
class NewLesson:
    """Result of :func:`create_lesson`."""

    path: Path
    docname: str
    after: str | None


def create_lesson(
    root: Path,
    title: str,
    settings: Settings,
    after: int | None = None,
    objectives: list[str] | None = None,
    minutes: int = DEFAULT_MINUTES,
) -> NewLesson:
    """Create a lesson notebook and insert it into ``_toc.yml``.

    The toc edit is prepared first; the notebook is created without
    overwriting anything; then the toc is replaced atomically. If the toc
    write fails, the new notebook is removed again.

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
    nb_dir = root / settings.notebooks_dir
    existing = lesson_numbers(nb_dir)
    number, prev = choose_number(existing, after)
    rel_dir = Path(settings.notebooks_dir).as_posix().strip("/")
    path = nb_dir / f"{number:02d}_{slugify(title)}.ipynb"
    docname = f"{rel_dir}/{path.stem}"
    prev_doc = f"{rel_dir}/{existing[prev].stem}" if prev is not None else None

    toc_path = root / "_toc.yml"
    if not toc_path.is_file():
        raise CourseKitError(f"{toc_path}: not found; coursekit new needs a _toc.yml")
    yaml, toc, snap = tocmod.load_toc_rt(toc_path)
    names, _globs = tocmod.toc_docnames(toc)
    if docname in names:
        raise CourseKitError(f"_toc.yml already lists {docname}")
    first_doc = f"{rel_dir}/{existing[min(existing)].stem}" if existing else None
    if after == 0 and first_doc is not None and tocmod.insert_before(toc, docname, first_doc):
        pass  # --after 00: the new lesson 01 goes before the current first lesson
    else:
        tocmod.insert_after(toc, docname, prev_doc)
    new_toc = tocmod.dump_yaml(yaml, toc)

    nb = render_skeleton(number, title, objectives, minutes)
    nb_dir.mkdir(parents=True, exist_ok=True)
    atomic_write(path, dumps_notebook(nb), create=True)
    try:
        atomic_write(toc_path, new_toc, snap)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return NewLesson(path, docname, prev_doc)


def main(argv: list[str] | None = None) -> int:
    """``coursekit new TITLE [--after NN]``: scaffold a lesson and list it in the toc."""
    parser = cmdline.command_parser(
        "new", "Create a lesson notebook from the skeleton and list it in the toc."
    )
    parser.add_argument("title", help="lesson title")
    parser.add_argument("--after", type=int, metavar="NN", help="number of the lesson it follows")
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
        where = f"after {made.after}" if made.after else "at the end"
        print(f"created {display(made.path)} (listed in _toc.yml {where})")
        return 0

    return cmdline.run(parser, handle, argv)
