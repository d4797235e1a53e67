"""Plumbing shared by every ``coursekit`` subcommand's ``main(argv)``.

A subcommand builds its parser with :func:`command_parser`, and its ``main``
is ``return cmdline.run(parser, handler, argv)``. :func:`run` owns the exit
status convention (see :mod:`coursekit.errors`): usage errors and
:class:`~coursekit.errors.CourseKitError` become one ``coursekit: error: ...``
line on stderr and status 2, Ctrl-C is status 2, and output closed early (for
example piped into ``head``) ends the command quietly with status 2 instead of
a ``BrokenPipeError`` traceback. Handlers that print findings end with
:func:`report`.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import NoReturn

from .config import display, find_root
from .errors import ERROR, FINDINGS, OK, CourseKitError

__all__ = [
    "CommandParser",
    "add_root_option",
    "book_root",
    "command_parser",
    "display",
    "guard",
    "print_error",
    "report",
    "run",
]

PROG = "coursekit"


class CommandParser(argparse.ArgumentParser):
    """An ``ArgumentParser`` whose usage errors raise :class:`CourseKitError` (one line)."""

    def error(self, message: str) -> NoReturn:
        command = self.prog.removeprefix(PROG).strip()
        where = f"{command}: " if command else ""
        raise CourseKitError(f"{where}{message} (see: {self.prog} --help)")


def command_parser(name: str, description: str) -> CommandParser:
    """Parser for ``coursekit NAME`` (its usage line reads ``coursekit NAME ...``)."""
    return CommandParser(prog=f"{PROG} {name}", description=description)


def add_root_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--root DIR`` (alias ``--book DIR``; default: found from the working directory)."""
    parser.add_argument(
        "--root",
        "--book",
        dest="root",
        type=Path,
        default=None,
        help="book root (default: the nearest directory at or above this one with _toc.yml "
        "or _config.yml, else the only sub-folder with both)",
    )


def book_root(args: argparse.Namespace, paths: Sequence[Path] = ()) -> Path:
    """The book root: ``--root``, else found from the working directory, else from ``paths[0]``."""
    if getattr(args, "root", None) is not None:
        root = Path(args.root).resolve()
        if not root.is_dir():
            raise CourseKitError(f"--root {args.root}: not a directory")
        return root
    try:
        return find_root(Path.cwd())
    except CourseKitError:
        if paths:
            return find_root(Path(paths[0]).resolve().parent)
        raise


def print_error(message: str) -> None:
    """Print ``coursekit: error: MESSAGE`` on stderr."""
    print(f"{PROG}: error: {message}", file=sys.stderr)


def report(findings: Iterable[object], errors: Iterable[str] = ()) -> int:
    """Print findings (stdout) and errors (stderr); return the exit status they make.

    Parameters
    ----------
    findings : iterable
        One line each (``str()`` is printed).
    errors : iterable of str
        One-line error messages, printed as ``coursekit: error: ...``.

    Returns
    -------
    int
        2 if there is any error, else 1 if there is any finding, else 0.
    """
    found = False
    for line in findings:
        print(line)
        found = True
    failed = False
    for message in errors:
        print_error(message)
        failed = True
    if failed:
        return ERROR
    return FINDINGS if found else OK


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's last flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def guard(body: Callable[[], int]) -> int:
    """Run ``body`` under the exit-status convention and return its status.

    ``CourseKitError`` and other ``OSError`` are one line and status 2 (or the
    error's own ``exit_code``); Ctrl-C is ``coursekit: error: interrupted`` and
    2; a closed stdout (``BrokenPipeError``) is 2 with nothing printed.
    """
    try:
        status = body()
        sys.stdout.flush()
        return status
    except BrokenPipeError:
        _silence_stdout()
        return ERROR
    except CourseKitError as exc:
        print_error(str(exc))
        return exc.exit_code
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        print_error(f"{where}{exc.strerror or exc}")
        return ERROR
    except KeyboardInterrupt:
        print_error("interrupted")
        return ERROR


def run(
    parser: argparse.ArgumentParser,
    handler: Callable[[argparse.Namespace], int],
    argv: Sequence[str] | None,
) -> int:
    """Parse ``argv`` (default ``sys.argv[1:]``) and run ``handler`` under :func:`guard`."""
    argv = sys.argv[1:] if argv is None else list(argv)

    def body() -> int:
        try:
            # Options may come between positionals (``snapshot check --root DIR LESSON``).
            args = parser.parse_intermixed_args(argv)
        except SystemExit as exc:  # --help: argparse printed it
            return int(exc.code or 0)
        return handler(args)

    return guard(body)
