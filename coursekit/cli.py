"""Command-line interface: ``coursekit <command> ...``.

Exit status: 0 success; 1 ``check`` findings or ``clean --check`` changes;
2 usage errors, unreadable/malformed files or refused writes. Errors are one
line on stderr starting with ``coursekit: error:``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import NoReturn

from .config import find_root, load_settings
from .nbio import CourseKitError


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    """ArgumentParser whose errors are one line and do not exit the process."""

    def error(self, message: str) -> NoReturn:
        raise _UsageError(message)


def _root_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--root",
        type=Path,
        default=None,
        help="book root (default: nearest directory with _toc.yml or _config.yml)",
    )


def build_parser() -> argparse.ArgumentParser:
    """Create the argument parser with all subcommands."""
    parser = _Parser(
        prog="coursekit",
        description=__doc__.splitlines()[0],
        epilog="site tools (own --help): "
        + "; ".join(f"{name}: {text}" for name, text in SITE_TOOLS.items()),
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    p = sub.add_parser(
        "new", help="create a lesson notebook from the skeleton and list it in the toc"
    )
    p.add_argument("title", help="lesson title")
    p.add_argument("--after", type=int, metavar="NN", help="number of the lesson it follows")
    p.add_argument(
        "--objective",
        action="append",
        default=None,
        help="learning objective (repeatable; default: three placeholders)",
    )
    p.add_argument("--minutes", type=int, default=30, help="estimated time (default 30)")
    _root_option(p)

    p = sub.add_parser("check", help="lint notebooks, pages and the toc")
    p.add_argument("paths", nargs="*", type=Path, help="files or folders (default: whole book)")
    _root_option(p)

    p = sub.add_parser("clean", help="strip outputs, execution counts and extra metadata")
    p.add_argument("paths", nargs="*", type=Path, help="notebooks (default: all lessons)")
    p.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if files would change"
    )
    _root_option(p)

    p = sub.add_parser("preview", help="serve the book with live reload (sphinx-autobuild)")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--dry-run", action="store_true", help="print the command instead of running it")
    _root_option(p)

    p = sub.add_parser("build", help="build the book with jupyter-book")
    p.add_argument(
        "--clean", action="store_true", help="remove _build (jupyter-book clean --all) first"
    )
    p.add_argument("--strict", action="store_true", help="fail on warnings (-W -n --keep-going)")
    p.add_argument(
        "--dry-run", action="store_true", help="print the commands instead of running them"
    )
    _root_option(p)

    p = sub.add_parser("test", help="execute notebooks with nbval and run widget-sweep tests")
    p.add_argument("paths", nargs="*", type=Path, help="notebooks (default: all lessons)")
    p.add_argument("-j", "--jobs", type=int, default=0, help="parallel workers (pytest-xdist)")
    p.add_argument(
        "--dry-run", action="store_true", help="print the commands instead of running them"
    )
    _root_option(p)

    p = sub.add_parser("rules", help="list the check rules and allowed cell tags")
    return parser


def _root(args: argparse.Namespace) -> Path:
    if getattr(args, "root", None) is not None:
        root = Path(args.root).resolve()
        if not root.is_dir():
            raise CourseKitError(f"--root {args.root}: not a directory")
        return root
    paths = getattr(args, "paths", None) or []
    try:
        return find_root(Path.cwd())
    except CourseKitError:
        if paths:
            return find_root(Path(paths[0]).resolve().parent)
        raise


def _lesson_paths(root: Path, paths: list[Path]) -> list[Path]:
    from .check import Project, lesson_files

    if paths:
        out: list[Path] = []
        for p in paths:
            if p.is_dir():
                out += sorted(f for f in p.rglob("*.ipynb") if ".ipynb_checkpoints" not in f.parts)
            elif p.is_file() and p.suffix == ".ipynb":
                out.append(p)
            elif p.is_file():
                raise CourseKitError(f"{p}: not a notebook (.ipynb)")
            else:
                raise CourseKitError(f"{p}: no such file")
        return out
    return lesson_files(Project(root, load_settings(root)))


def cmd_new(args: argparse.Namespace) -> int:
    """``coursekit new``: scaffold a lesson and list it in the toc."""
    from .check import display
    from .lesson import create_lesson

    root = _root(args)
    made = create_lesson(
        root, args.title, load_settings(root), args.after, args.objective, args.minutes
    )
    where = f"after {made.after}" if made.after else "at the end"
    print(f"created {display(made.path)} (listed in _toc.yml {where})")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """``coursekit check``: print findings; 1 if any, 2 on unreadable files."""
    from .check import check_command

    root = _root(args)
    result = check_command(root, list(args.paths) or None)
    for finding in result.findings:
        print(finding.format())
    for error in result.errors:
        print(f"coursekit: error: {error}", file=sys.stderr)
    if result.errors:
        return 2
    return 1 if result.findings else 0


def cmd_clean(args: argparse.Namespace) -> int:
    """``coursekit clean``: strip notebooks (``--check``: report only, 1 if dirty)."""
    from .check import display
    from .clean import clean_paths

    root = _root(args)
    paths = [Path(display(p)) for p in _lesson_paths(root, list(args.paths))]
    result = clean_paths(paths, check_only=args.check)
    verb = "would clean" if args.check else "cleaned"
    for path in result.changed:
        print(f"{verb} {display(path)}")
    for error in result.errors:
        print(f"coursekit: error: {error}", file=sys.stderr)
    if result.errors:
        return 2
    return 1 if (args.check and result.changed) else 0


def _show(argv: list[str]) -> None:
    import shlex

    print(shlex.join(argv))


def cmd_preview(args: argparse.Namespace) -> int:
    """``coursekit preview``: serve the book with live reload."""
    from . import run

    root = _root(args)
    if not 0 < args.port < 65536:
        raise CourseKitError(f"--port {args.port}: not a valid port")
    confdir = root / "_build" / ".coursekit" if args.dry_run else run.write_preview_conf(root)
    argv = run.preview_argv(root, confdir, args.port, args.host)
    if args.dry_run:
        _show(argv)
        return 0
    print(f"serving http://{args.host}:{args.port}/ (Ctrl-C to stop)", file=sys.stderr)
    return run.run(argv, root)


def cmd_build(args: argparse.Namespace) -> int:
    """``coursekit build``: run jupyter-book build (optionally clean/strict)."""
    from . import run

    root = _root(args)
    steps = []
    if args.clean:
        steps.append(run.clean_build_argv(root))
    steps.append(run.build_argv(root, args.strict))
    for argv in steps:
        if args.dry_run:
            _show(argv)
            continue
        status = run.run(argv, root)
        if status:
            return status
    if not args.dry_run:
        print(f"site: {run.site_index(root)}")
    return 0


def cmd_test(args: argparse.Namespace) -> int:
    """``coursekit test``: nbval over notebooks, then widget-sweep tests."""
    from . import run, snapshot

    root = _root(args)
    notebooks = _lesson_paths(root, list(args.paths))
    # A lesson with an executed twin in tests/nbval_reference/ is tested through the twin,
    # so outputs are compared strictly; a stale twin is an error, not a silent skip.
    ref_dir = root / snapshot.DEFAULT_REFERENCE_DIR
    chosen = []
    for nb in notebooks:
        twin = snapshot.reference_path(nb, ref_dir)
        if twin.is_file():
            stale = snapshot.differences(nb, twin)
            if stale:
                raise CourseKitError(stale[-1])
            chosen.append(twin)
        else:
            chosen.append(nb)
    notebooks = chosen
    steps = []
    if notebooks:
        steps.append(run.nbval_argv(root, [p.resolve() for p in notebooks], args.jobs))
    widgets = run.widget_argv(root)
    if widgets is not None:
        steps.append(widgets)
    if not steps:
        print("nothing to test", file=sys.stderr)
        return 0
    worst = 0
    for argv in steps:
        if args.dry_run:
            _show(argv)
            continue
        status = run.run(argv, root)
        if status == 5:  # pytest: no tests collected
            status = 0
        worst = worst or status
    return worst


def cmd_rules(args: argparse.Namespace) -> int:
    """``coursekit rules``: list rule ids and allowed tags."""
    from .check import ALLOWED_TAGS, DISABLE_PREFIX, RULES

    for rule, text in RULES.items():
        print(f"{rule:17} {text}")
    print()
    print("allowed cell tags: " + ", ".join(sorted(ALLOWED_TAGS)) + f", {DISABLE_PREFIX}<rule>")
    return 0


COMMANDS = {
    "new": cmd_new,
    "check": cmd_check,
    "clean": cmd_clean,
    "preview": cmd_preview,
    "build": cmd_build,
    "test": cmd_test,
    "rules": cmd_rules,
}


#: Subcommands implemented by modules with their own ``main(argv)``.
SITE_TOOLS = {
    "vendor": "check or refresh self-hosted JS/CSS against book/_vendor_static/MANIFEST.json",
    "snapshot": "update or check nbval reference twins in tests/nbval_reference/",
    "offline": "list references to other hosts in a built site",
    "buildlog": "summarise a Jupyter Book build log: one line per failing cell or warning",
    "cachestamp": "clear the execution cache when local package sources changed",
}


def main(argv: list[str] | None = None) -> int:
    """Run coursekit with ``argv`` (default ``sys.argv[1:]``); returns the exit status."""
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv and argv[0] in SITE_TOOLS:
        # Site plumbing with its own command line: vendor, snapshot, offline, buildlog.
        import importlib

        return importlib.import_module(f"coursekit.{argv[0]}").main(argv[1:])
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except _UsageError as exc:
        print(f"coursekit: error: {exc}", file=sys.stderr)
        return 2
    except SystemExit as exc:  # --help
        return int(exc.code or 0)
    try:
        return COMMANDS[args.command](args)
    except CourseKitError as exc:
        print(f"coursekit: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("coursekit: error: interrupted", file=sys.stderr)
        return 130
