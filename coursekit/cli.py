"""Command-line interface: ``coursekit COMMAND [ARGS...]``.

Every subcommand is one row of :data:`COMMANDS`: its name, a one-line help
text and the ``main(argv) -> int`` function that implements it (imported only
when the command runs, so ``coursekit rules`` stays fast). The same functions
serve ``python -m coursekit.<module>`` for the site tools.

Exit status, the same for every subcommand:

* 0: success, nothing to report;
* 1: findings: ``check`` findings, ``lint`` (ruff) findings, broken or
  timed-out links (``links``), a lesson without the setup cell (``check``),
  ``clean --check`` changes, stale or missing twins (``snapshot check``,
  ``test``), off-site references (``offline``), build-log problems
  (``buildlog``), a vendored file that does not match its hash (``vendor
  check``), a failed build or failing tests (``build``, ``test``);
* 2: usage or I/O error: a bad option, an unreadable or malformed file, a
  refused write, a bad ``[tool.coursekit]`` setting, Ctrl-C, output closed
  early (for example piped into ``head``).

Errors are one line on stderr starting with ``coursekit: error:``; findings go
to stdout.
"""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import cmdline
from .config import Settings, bib_files, load_settings, setting_fields
from .errors import ERROR, OK, CourseKitError


@dataclass(frozen=True)
class Command:
    """One subcommand: ``target`` is ``"module:function"``, a ``main(argv) -> int``."""

    target: str
    help: str

    def load(self) -> Callable[[Sequence[str]], int]:
        """Import and return the command's ``main`` function."""
        module, _, function = self.target.partition(":")
        return getattr(importlib.import_module(module), function)


#: Every ``coursekit`` subcommand, in the order ``coursekit --help`` lists them.
COMMANDS: dict[str, Command] = {
    "new": Command(
        "coursekit.lesson:main", "create a lesson notebook from the skeleton and list it in the toc"
    ),
    "rename": Command(
        "coursekit.move:main_rename", "move a lesson: its file, twin, toc entry and links to it"
    ),
    "remove": Command(
        "coursekit.move:main_remove", "take a lesson out of the toc and delete it and its twin"
    ),
    "check": Command("coursekit.check:main", "lint notebooks, pages and the toc"),
    "lint": Command(
        "coursekit.lint:main", "run ruff on the code of the .ipynb lessons and their twins"
    ),
    "clean": Command("coursekit.clean:main", "strip outputs, execution counts and extra metadata"),
    "preview": Command(
        "coursekit.run:main_preview", "serve the book with live reload (sphinx-autobuild)"
    ),
    "build": Command("coursekit.run:main_build", "build the book with jupyter-book"),
    "test": Command(
        "coursekit.run:main_test", "execute lessons with nbval, then run the test_paths tests"
    ),
    "snapshot": Command(
        "coursekit.snapshot:main", "update or check the executed nbval twins of the lessons"
    ),
    "setup-cell": Command(
        "coursekit.setupcell:main", "print the setup cell, or write it into every lesson"
    ),
    "rules": Command("coursekit.check:main_rules", "list the check rules and allowed cell tags"),
    "settings": Command(
        "coursekit.cli:main_settings", "print the [tool.coursekit] settings in use"
    ),
    "vendor": Command(
        "coursekit.vendor:main", "check or refresh self-hosted JS/CSS against their MANIFEST.json"
    ),
    "links": Command(
        "coursekit.links:main", "report broken external links (Sphinx linkcheck; needs network)"
    ),
    "offline": Command("coursekit.offline:main", "list references to other hosts in a built site"),
    "buildlog": Command(
        "coursekit.buildlog:main", "summarise a Jupyter Book build log: one line per problem"
    ),
    "cachestamp": Command(
        "coursekit.cachestamp:main",
        "clear the execution cache when watched package sources changed",
    ),
}


def usage() -> str:
    """The text of ``coursekit --help``: every subcommand with its help line."""
    width = max(len(name) for name in COMMANDS) + 2
    lines = [
        "usage: coursekit COMMAND [ARGS...]",
        "",
        "Authoring toolkit for Jupyter Book 1 courses.",
        "",
        "commands:",
        *(f"  {name:{width}}{cmd.help}" for name, cmd in COMMANDS.items()),
        "",
        "Run 'coursekit COMMAND --help' for the options of one command.",
        "Exit status: 0 ok, 1 findings, 2 usage or I/O error.",
    ]
    return "\n".join(lines)


def _toml(value: Any) -> str:
    if isinstance(value, frozenset):
        value = sorted(value)
    if isinstance(value, tuple):
        value = list(value)
    if isinstance(value, dict):  # a TOML inline table
        return "{ " + ", ".join(f"{k} = {_toml(v)}" for k, v in value.items()) + " }"
    return json.dumps(value, ensure_ascii=False)


def _effective(root: Path, settings: Settings, key: str) -> Any:
    """A setting's value, with ``bibfiles`` resolved from ``_config.yml`` when unset."""
    value = getattr(settings, key)
    if key == "bibfiles" and value is None:
        paths = bib_files(root, settings=settings)
        value = tuple(p.relative_to(root).as_posix() for p in paths if p.is_relative_to(root))
    return value


def main_settings(argv: Sequence[str] | None = None) -> int:
    """``coursekit settings [KEY]``: print every setting, or the value(s) of one."""
    known = setting_fields()
    parser = cmdline.command_parser(
        "settings",
        "Print the [tool.coursekit] settings in use (defaults filled in). "
        "With KEY, print just its value, one list item per line.",
    )
    parser.add_argument("key", nargs="?", choices=list(known), metavar="KEY")
    cmdline.add_root_option(parser)

    def handle(args: Any) -> int:
        root = cmdline.book_root(args)
        settings = load_settings(root)
        if args.key is not None:
            value = _effective(root, settings, args.key)
            if value is None:
                return OK
            items = sorted(value) if isinstance(value, frozenset) else value
            for item in items if isinstance(items, tuple | list) else [items]:
                print(item)
            return OK
        for key, spec in known.items():
            value = _effective(root, settings, key)
            note = spec.metadata["doc"]
            if key == "bibfiles" and settings.bibfiles is None:
                note += "; not set, so read from _config.yml"
            if value is None:
                print(f"# {key}: not set ({note})")
            else:
                print(f"{key} = {_toml(value)}  # {note}")
        return OK

    return cmdline.run(parser, handle, argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``coursekit`` with ``argv`` (default ``sys.argv[1:]``); returns the exit status."""
    argv = sys.argv[1:] if argv is None else list(argv)
    if not argv or argv[0] in ("-h", "--help"):

        def show() -> int:
            if not argv:
                raise CourseKitError("no command given (see: coursekit --help)")
            print(usage())
            return OK

        return cmdline.guard(show)
    command = COMMANDS.get(argv[0])
    if command is None:
        cmdline.print_error(
            f"unknown command {argv[0]!r} (choose from {', '.join(COMMANDS)}; "
            "see: coursekit --help)"
        )
        return ERROR
    return command.load()(argv[1:])
