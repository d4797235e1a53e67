"""``coursekit build``, ``preview`` and ``test``: thin wrappers around other tools.

Each command is split into a pure function building the argument vector
(tested directly) and a runner. Heavy imports (jupyter_book, sphinx) happen
only inside the functions that need them. A wrapped tool's status is mapped
onto coursekit's convention by :func:`exit_status`: 0 stays 0, 1 (a failed
build or failing tests) is 1, anything else (usage error, crash, signal) is 2.
"""

from __future__ import annotations

import argparse
import errno
import glob
import hashlib
import os
import re
import shlex
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

from . import cmdline
from .config import Settings, load_settings
from .errors import ERROR, FINDINGS, OK, CourseKitError

#: Extra options for ``--strict`` builds: warnings are errors, nitpicky refs.
STRICT_FLAGS = ("-W", "-n", "--keep-going")
#: ``jupyter-book build`` option re-reading every page (Sphinx's fresh environment, ``-E``).
#: The execution cache (``_build/.jupyter_cache``) is kept, so unchanged notebooks are not
#: executed again.
FULL_BUILD_FLAG = "--all"
#: Sphinx config values holding paths relative to the config directory (the preview's
#: is not the book's). Values relative to the source folder (``locale_dirs``) are left
#: alone: equal "env" values let the preview reuse the environment of a build.
CONF_PATH_KEYS = (
    "html_static_path",
    "templates_path",
    "html_extra_path",
    "html_logo",
    "html_favicon",
    "bibtex_bibfiles",
    "external_toc_path",
)
#: Folders the preview must not react to, at any depth in the book: build output and
#: execution results (a build writes them, so reacting would rebuild in a loop) and caches.
PREVIEW_IGNORED_DIRS = (
    "_build",
    "jupyter_execute",
    ".jupyter_cache",
    ".ipynb_checkpoints",
    "__pycache__",
    ".git",
    ".hg",
    ".svn",
    ".venv",
    ".pytest_cache",
    ".ruff_cache",
    ".mypy_cache",
)
#: Endings of temporary files (coursekit's atomic writes, editors' backups and swap files).
PREVIEW_IGNORED_SUFFIXES = (".cktmp", "~", ".swp", ".swx")
#: Name of the config value standing for the book's ``_config.yml`` and ``_toc.yml`` in
#: the preview: registered as an ``html`` value, so when either file changes Sphinx
#: writes every page again (``-a``), and every page's navigation shows the new toc.
PREVIEW_INPUTS_KEY = "coursekit_preview_inputs"
#: Seconds a wrapped tool has to exit after Ctrl-C before it is killed.
INTERRUPT_GRACE_S = 10.0
#: pytest's status when it collected no tests.
PYTEST_NO_TESTS = 5


def jupyter_book_cmd() -> list[str]:
    """Command prefix running the ``jupyter-book`` CLI of this interpreter."""
    script = Path(sys.executable).with_name("jupyter-book")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from jupyter_book.cli.main import main; main()"]


def build_argv(root: Path, strict: bool = False, full: bool = False) -> list[str]:
    """Argument vector for ``jupyter-book build``.

    Parameters
    ----------
    root : Path
        Book root.
    strict : bool
        Turn warnings into errors (``-W -n --keep-going``). A strict build is always a
        full one: an incremental build re-reads only changed pages, so the warnings of
        the others would go unreported.
    full : bool
        Re-read every page (``--all``); executed notebooks stay cached.
    """
    argv = [*jupyter_book_cmd(), "build", str(root)]
    if strict or full:
        argv.append(FULL_BUILD_FLAG)
    if strict:
        argv += list(STRICT_FLAGS)
    return argv


def clean_build_argv(root: Path) -> list[str]:
    """Argument vector removing the whole ``_build`` folder (``jupyter-book clean --all``)."""
    return [*jupyter_book_cmd(), "clean", str(root), "--all"]


def site_index(root: Path) -> Path:
    """Where the built site's entry page lives."""
    return root / "_build" / "html" / "index.html"


def _absolutise(value: Any, base: Path) -> Any:
    if isinstance(value, str) and value and not os.path.isabs(value) and "://" not in value:
        return str(base / value)
    if isinstance(value, list):
        return [_absolutise(v, base) for v in value]
    return value


def absolute_paths(config: dict[str, Any], root: Path) -> dict[str, Any]:
    """A copy of a Sphinx config dict with the values of :data:`CONF_PATH_KEYS` made absolute.

    The preview's ``conf.py`` lives outside the book (under ``_build``), so values
    Sphinx resolves relative to the config directory are rewritten against ``root``.
    """
    return {
        key: _absolutise(value, root) if key in CONF_PATH_KEYS else value
        for key, value in config.items()
    }


def book_sphinx_config(root: Path) -> dict[str, Any]:
    """The Sphinx configuration ``jupyter-book build`` uses for the book at ``root``.

    It comes from Jupyter Book's own ``get_final_config``, with the overrides its
    ``build`` command passes. As in a build, the folders of the ``sphinx.local_extensions``
    in ``_config.yml`` (relative to the book root) are added to ``sys.path``, so those
    extensions import.
    """
    from jupyter_book.config import get_final_config

    root = Path(root).absolute()
    config_file = root / "_config.yml"
    overrides: dict[str, Any] = {"latex_individualpages": False}
    if (root / "_toc.yml").is_file():
        overrides["external_toc_path"] = (root / "_toc.yml").as_posix()
    sphinx_config, _ = get_final_config(
        user_yaml=config_file if config_file.is_file() else None,
        sourcedir=root,
        cli_config=overrides,
    )
    return sphinx_config


def preview_inputs_stamp(root: Path) -> str:
    """A digest of the book's ``_config.yml`` and ``_toc.yml`` (a missing file counts too)."""
    digest = hashlib.sha256()
    for name in ("_config.yml", "_toc.yml"):
        digest.update(name.encode() + b"\0")
        try:
            digest.update((Path(root) / name).read_bytes())
        except OSError:
            digest.update(b"\0missing")
    return digest.hexdigest()


def _preview_setup(app: Any) -> None:
    """``setup`` of the preview's ``conf.py``: declare the inputs stamp an ``html`` value.

    Sphinx keeps a hash of the ``html`` values next to the site (``.buildinfo``) and
    writes every page again when it changes: so a changed toc or config rewrites
    every page's navigation, while pages are re-read only when their source changed.
    """
    app.add_config_value(PREVIEW_INPUTS_KEY, "", "html")


def preview_conf_namespace(root: Path | str) -> dict[str, Any]:
    """What the preview's ``conf.py`` defines: the book's current Sphinx configuration.

    Called by the generated ``conf.py`` in every build sphinx-autobuild starts (each
    build is a new process), so edits to ``_config.yml`` and ``_toc.yml`` take effect
    at the next build, without restarting the preview.
    """
    root = Path(root).absolute()
    namespace = absolute_paths(book_sphinx_config(root), root)
    namespace[PREVIEW_INPUTS_KEY] = preview_inputs_stamp(root)
    namespace["setup"] = _preview_setup
    return namespace


def preview_conf_text(root: Path) -> str:
    """The preview's ``conf.py``: it reads the book's configuration at each build."""
    package_parent = Path(__file__).resolve().parent.parent
    return (
        "# Generated by coursekit preview; do not edit (rewritten at every start).\n"
        "# Each build reads the book's _config.yml and _toc.yml again, as jupyter-book\n"
        "# build does (see coursekit.run.preview_conf_namespace).\n"
        "import importlib.util as _util\n"
        "import sys as _sys\n"
        "\n"
        "if _util.find_spec('coursekit') is None:\n"
        f"    _sys.path.append({str(package_parent)!r})\n"
        "from coursekit.run import preview_conf_namespace as _namespace\n"
        "\n"
        f"globals().update(_namespace({str(Path(root).absolute())!r}))\n"
    )


def write_preview_conf(root: Path) -> Path:
    """Write the preview's Sphinx configuration to ``_build/.coursekit/conf.py``.

    Returns
    -------
    Path
        Directory containing the generated ``conf.py``.
    """
    from .nbio import atomic_write

    confdir = root / "_build" / ".coursekit"
    confdir.mkdir(parents=True, exist_ok=True)
    atomic_write(confdir / "conf.py", preview_conf_text(root))
    return confdir


def ensure_port_free(host: str, port: int) -> None:
    """Fail with a one-line error unless ``host:port`` can be bound now.

    The preview builds the whole book before its server binds the port, so a busy
    port is found here first instead of after that build. The addresses are bound
    as the server does it (uvicorn through asyncio's ``create_server``): every
    address the host resolves to, with ``SO_REUSEADDR`` (a port a stopped preview
    left in ``TIME_WAIT`` is free), IPv6 sockets IPv6-only, and an address family the
    machine lacks skipped.

    Raises
    ------
    CourseKitError
        If the port is in use or the address cannot be bound.
    """
    try:
        addresses = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )
    except socket.gaierror as exc:
        raise CourseKitError(f"--host {host}: {exc.strerror}") from exc
    bound = 0
    for family, kind, proto, _, address in dict.fromkeys(addresses):
        with socket.socket(family, kind, proto) as sock:
            if os.name == "posix":
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if family == socket.AF_INET6 and hasattr(socket, "IPPROTO_IPV6"):
                sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            try:
                sock.bind(address)
            except OSError as exc:
                if exc.errno == errno.EADDRINUSE:
                    raise CourseKitError(
                        f"port {port} is in use (another program listens on {host}:{port};"
                        " stop it or choose another port with --port)"
                    ) from exc
                if exc.errno == errno.EADDRNOTAVAIL and len(addresses) > 1:
                    continue  # e.g. no IPv6 here: the server skips it too
                raise CourseKitError(
                    f"cannot serve on {host}:{port} ({exc.strerror or exc})"
                ) from exc
            bound += 1
    if not bound:
        raise CourseKitError(f"cannot serve on {host}:{port} (no usable address)")


def preview_re_ignores(root: Path) -> list[str]:
    """sphinx-autobuild ``--re-ignore`` patterns for the files the preview skips.

    sphinx-autobuild searches each pattern in the resolved absolute path of a changed
    file, so the patterns are anchored at the book root: a folder above the book that
    happens to be called ``_build`` does not hide the whole book.
    """
    base = re.escape(Path(root).resolve().as_posix())
    folders = "|".join(re.escape(name) for name in PREVIEW_IGNORED_DIRS)
    suffixes = "|".join(re.escape(end) for end in PREVIEW_IGNORED_SUFFIXES)
    return [
        rf"^{base}/(.*/)?({folders})(/|$)",
        rf"^{base}/.*({suffixes})$",
        rf"^{base}/(.*/)?\.#[^/]*$",  # Emacs lock files
    ]


def preview_argv(root: Path, confdir: Path, port: int, host: str = "127.0.0.1") -> list[str]:
    """Argument vector for ``sphinx-autobuild``.

    Sphinx rebuilds only changed documents; the output goes to the same
    ``_build/html`` a normal build uses, so the execution cache is shared.
    The whole ``_build`` folder is ignored (sphinx-autobuild ignores the paths
    given to ``--ignore`` and everything below them), and so are the files of
    :func:`preview_re_ignores` anywhere in the book. ``_config.yml`` and
    ``_toc.yml`` are in the watched book folder.
    """
    argv = [
        sys.executable,
        "-m",
        "sphinx_autobuild",
        str(root),
        str(root / "_build" / "html"),
        "-c",
        str(confdir),
        "-d",
        str(root / "_build" / ".doctrees"),
        "--host",
        host,
        "--port",
        str(port),
        "--ignore",
        str(Path(root).absolute() / "_build"),
    ]
    for pattern in preview_re_ignores(root):
        argv += ["--re-ignore", pattern]
    return argv


def nbval_argv(
    root: Path, notebooks: list[Path], jobs: int = 0, settings: Settings | None = None
) -> list[str]:
    """Argument vector running nbval over notebooks.

    Parameters
    ----------
    root : Path
        Book root (the ``nbval_sanitize`` setting is relative to it).
    notebooks : list of Path
        Notebooks to execute.
    jobs : int
        Parallel workers via pytest-xdist (0 = run serially).
    settings : Settings, optional
        Project settings (read from ``root`` when omitted).

    Raises
    ------
    CourseKitError
        If the ``nbval_sanitize`` setting names a file that does not exist.
    """
    settings = settings or load_settings(root)
    argv = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval"]
    argv.append("--nbval-current-env")  # run the kernel in this interpreter's environment
    if settings.nbval_sanitize is not None:
        sanitize = root / settings.nbval_sanitize
        if not sanitize.is_file():
            raise CourseKitError(
                f"[tool.coursekit] nbval_sanitize = {settings.nbval_sanitize!r}: no such file"
            )
        argv += ["--nbval-sanitize-with", str(sanitize)]
    if jobs:
        argv += ["-n", str(jobs), "--dist", "loadfile"]
    return argv + [str(p) for p in notebooks]


def extra_test_paths(root: Path, settings: Settings) -> list[Path]:
    """The existing files and folders the ``test_paths`` setting names (globs expanded).

    An entry that matches nothing is skipped with a note on stderr.
    """
    found: list[Path] = []
    for entry in settings.test_paths:
        if glob.has_magic(entry):
            matches = sorted(root.glob(entry))
        else:
            matches = [root / entry] if (root / entry).exists() else []
        if not matches:
            print(f"coursekit: note: test_paths entry {entry!r} matches nothing", file=sys.stderr)
        found += matches
    return found


def widget_argv(root: Path, settings: Settings | None = None) -> list[str] | None:
    """Argument vector for the book's own tests, or ``None`` if there are none.

    The paths of the ``test_paths`` setting are run when it is set; otherwise,
    if the project declares a ``widgets`` pytest marker, tests marked
    ``widgets`` under ``tests/`` run.
    """
    settings = settings or load_settings(root)
    base = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
    if settings.test_paths:
        files = extra_test_paths(root, settings)
        return base + [str(f) for f in files] if files else None
    pyproject = root / "pyproject.toml"
    if pyproject.is_file():
        import tomllib

        try:
            data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError):
            return None
        markers = data.get("tool", {}).get("pytest", {}).get("ini_options", {}).get("markers", [])
        if any(str(m).split(":")[0].strip() == "widgets" for m in markers):
            return base + ["-m", "widgets", str(root / "tests")]
    return None


def exit_status(code: int) -> int:
    """Map a wrapped tool's exit status onto coursekit's (0 ok, 1 failures, 2 other)."""
    if code in (OK, FINDINGS):
        return code
    return ERROR


def run(argv: list[str], cwd: Path) -> int:
    """Run a command, streaming its output; returns its raw exit status.

    Ctrl-C propagates as ``KeyboardInterrupt``. The child gets it too and is given
    :data:`INTERRUPT_GRACE_S` seconds to stop its own processes (sphinx-autobuild
    waits for a running build) before it is killed, so no worker is left behind.
    """
    try:
        proc = subprocess.Popen(argv, cwd=cwd)
    except OSError as exc:
        raise CourseKitError(f"cannot run {argv[0]}: {exc.strerror or exc}") from exc
    try:
        return proc.wait()
    except KeyboardInterrupt:
        try:
            proc.wait(timeout=INTERRUPT_GRACE_S)
        except (subprocess.TimeoutExpired, KeyboardInterrupt):
            proc.kill()
            proc.wait()
        raise


def _show(argv: list[str]) -> None:
    print(shlex.join(argv))


# ---------------------------------------------------------------------------
# Command line: ``coursekit build``, ``preview`` and ``test``
# ---------------------------------------------------------------------------


def main_build(argv: list[str] | None = None) -> int:
    """``coursekit build [--clean] [--all] [--strict] [--dry-run]``."""
    parser = cmdline.command_parser("build", "Build the book with jupyter-book.")
    parser.add_argument(
        "--clean", action="store_true", help="remove _build (jupyter-book clean --all) first"
    )
    parser.add_argument(
        "--all",
        dest="full",
        action="store_true",
        help="re-read every page (jupyter-book build --all); executed notebooks stay cached",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="a full build (--all) that fails on warnings (-W -n --keep-going)",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="print the commands instead of running them"
    )
    cmdline.add_root_option(parser)

    def handle(args: argparse.Namespace) -> int:
        root = cmdline.book_root(args)
        steps = [clean_build_argv(root)] if args.clean else []
        steps.append(build_argv(root, args.strict, args.full))
        for step in steps:
            if args.dry_run:
                _show(step)
                continue
            status = exit_status(run(step, root))
            if status:
                return status
        if not args.dry_run:
            print(f"site: {site_index(root)}")
        return OK

    return cmdline.run(parser, handle, argv)


def main_preview(argv: list[str] | None = None) -> int:
    """``coursekit preview [--port N] [--host H] [--dry-run]``; Ctrl-C stops it (status 0)."""
    parser = cmdline.command_parser(
        "preview", "Serve the book with live reload (sphinx-autobuild)."
    )
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument(
        "--dry-run", action="store_true", help="print the command instead of running it"
    )
    cmdline.add_root_option(parser)

    def handle(args: argparse.Namespace) -> int:
        root = cmdline.book_root(args)
        if not 0 < args.port < 65536:
            raise CourseKitError(f"--port {args.port}: not a valid port")
        confdir = root / "_build" / ".coursekit"
        if not args.dry_run:
            ensure_port_free(args.host, args.port)  # before the first (full) build
            confdir = write_preview_conf(root)
        command = preview_argv(root, confdir, args.port, args.host)
        if args.dry_run:
            _show(command)
            return OK
        print(
            f"building, then serving http://{args.host}:{args.port}/ (Ctrl-C to stop)",
            file=sys.stderr,
        )
        try:
            return exit_status(run(command, root))
        except KeyboardInterrupt:
            return OK  # the documented way to stop the preview

    return cmdline.run(parser, handle, argv)


def notebooks_under_test(root: Path, notebooks: list[Path], settings: Settings) -> list[Path]:
    """What nbval runs for each lesson: its executed twin when the book keeps twins.

    Raises
    ------
    CourseKitError
        With status 1 when a twin is stale (its cells differ from the lesson's).
    """
    from . import snapshot

    if settings.reference_dir is None:
        return list(notebooks)
    ref_dir = root / settings.reference_dir
    chosen = []
    for nb in notebooks:
        twin = snapshot.reference_path(nb, ref_dir)
        if twin.is_file():
            stale = snapshot.differences(Path(cmdline.display(nb)), Path(cmdline.display(twin)))
            if stale:
                raise CourseKitError(stale[-1], exit_code=FINDINGS)
            chosen.append(twin)
        else:
            chosen.append(nb)
    return chosen


def _executed_lessons(
    root: Path, settings: Settings, notebooks: list[Path]
) -> tuple[list[Path], list[Path]]:
    """The ``.ipynb`` and the text lessons to run: those the book executes.

    Notebooks the book excludes from execution (``execute.exclude_patterns``, or
    ``execute_notebooks: off``) are not run, as the build never runs them (a note on
    stderr says how many); name one to run it anyway.
    """
    from .book import Book

    book = Book(root, settings)
    text = [p for p in book.lessons() if p.suffix != ".ipynb"]
    every = notebooks + text
    kept = [p for p in every if book.executes(p)]
    if len(kept) < len(every):
        print(
            f"coursekit: note: {len(every) - len(kept)} notebook(s) the book does not "
            "execute (execute settings in _config.yml) not run; name them to run them",
            file=sys.stderr,
        )
    return [p for p in kept if p.suffix == ".ipynb"], [p for p in kept if p.suffix != ".ipynb"]


def _split_text_notebooks(root: Path, settings: Settings, paths: list[Path]) -> tuple[
        list[Path], list[Path]]:
    """Named paths: (the others, the text notebooks among them: MyST .md, custom formats)."""
    from .book import Book

    book = Book(root, settings)
    text = [p for p in paths if p.is_file() and p.suffix != ".ipynb" and book.is_notebook(p)]
    return [p for p in paths if p not in text], text


def textnb_argv(paths: list[Path]) -> list[str]:
    """Argument vector executing text notebooks (see :mod:`coursekit.textnb`)."""
    return [sys.executable, "-m", "coursekit.textnb", *(str(p) for p in paths)]


def main_test(argv: list[str] | None = None) -> int:
    """``coursekit test [NOTEBOOK...] [-j N] [--dry-run]``: nbval, then the book's tests."""
    from .check import select_notebooks

    parser = cmdline.command_parser(
        "test", "Execute notebooks with nbval, then run the test_paths tests."
    )
    parser.add_argument("paths", nargs="*", type=Path, help="notebooks (default: all lessons)")
    parser.add_argument("-j", "--jobs", type=int, default=0, help="parallel workers (pytest-xdist)")
    parser.add_argument(
        "--dry-run", action="store_true", help="print the commands instead of running them"
    )
    cmdline.add_root_option(parser)

    def handle(args: argparse.Namespace) -> int:
        root = cmdline.book_root(args, args.paths)
        settings = load_settings(root)
        named, text = _split_text_notebooks(root, settings, list(args.paths))
        notebooks = select_notebooks(root, named, settings) if named or not text else []
        if not args.paths:
            notebooks, text = _executed_lessons(root, settings, notebooks)
        # A lesson with an executed twin is tested through the twin, so outputs are
        # compared strictly; a stale twin is a finding, not a silent skip.
        notebooks = notebooks_under_test(root, notebooks, settings)
        steps = []
        if notebooks:
            steps.append(nbval_argv(root, [p.resolve() for p in notebooks], args.jobs, settings))
        if text:  # nbval reads .ipynb only: text notebooks are run top to bottom
            steps.append(textnb_argv([p.resolve() for p in text]))
        extra = widget_argv(root, settings)
        if extra is not None:
            steps.append(extra)
        if not steps:
            print("nothing to test", file=sys.stderr)
            return OK
        worst = OK
        for step in steps:
            if args.dry_run:
                _show(step)
                continue
            status = run(step, root)
            if status == PYTEST_NO_TESTS:
                status = OK
            worst = max(worst, exit_status(status))
        return worst

    return cmdline.run(parser, handle, argv)
