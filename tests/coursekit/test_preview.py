"""``coursekit preview`` equals ``jupyter-book build``, and ``build --strict`` is a full build.

The unit tests check the argument vectors, the generated Sphinx configuration against
Jupyter Book's own, the watch and ignore rules through sphinx-autobuild's own parser and
ignore filter, and the busy-port check. The slow tests build a copy of the ``flat`` sample
book: strict builds twice, a book build then a preview build (same environment), and a real
preview edited while it runs.
"""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
from support import ROOT

from coursekit import run
from coursekit.cli import main

BOOKS = Path(__file__).parent / "books"

LOCAL_EXTENSION = '''\
def _mark(app, pagename, templatename, context, doctree):
    context["metatags"] = context.get("metatags", "") + '<meta name="ck-local" content="yes">'


def setup(app):
    app.connect("html-page-context", _mark)
    return {"parallel_read_safe": True}
'''


def sample_book(tmp_path: Path) -> Path:
    """The ``flat`` sample book, plus a local extension declared in its ``_config.yml``."""
    book = tmp_path / "book"
    shutil.copytree(BOOKS / "flat", book, ignore=shutil.ignore_patterns("_build"))
    (book / "_ext").mkdir()
    (book / "_ext" / "ck_mark.py").write_text(LOCAL_EXTENSION)
    with (book / "_config.yml").open("a") as config:
        config.write(  # a path Sphinx reads relative to the book, not to conf.py
            "sphinx:\n  local_extensions:\n    ck_mark: _ext\n"
            "  config:\n    locale_dirs: [locales]\n"
        )
    return book


@pytest.fixture
def book(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = sample_book(tmp_path)
    monkeypatch.chdir(root)
    monkeypatch.setattr(sys, "path", list(sys.path))  # the config adds the extension folder
    return root


def conf_namespace(root: Path) -> dict[str, object]:
    """Run the generated ``conf.py`` as Sphinx does (its own folder as working directory)."""
    confdir = run.write_preview_conf(root)
    conf = confdir / "conf.py"
    namespace: dict[str, object] = {"__file__": str(conf)}
    cwd = os.getcwd()
    os.chdir(confdir)
    try:
        exec(compile(conf.read_text(), str(conf), "exec"), namespace)
    finally:
        os.chdir(cwd)
    return namespace


# ---------------------------------------------------------------------------
# build --strict and --all
# ---------------------------------------------------------------------------


def test_strict_build_is_always_full(book: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--strict adds jupyter-book's --all (fresh environment; the execution cache is kept)."""
    assert "--all" not in run.build_argv(book)
    assert run.build_argv(book, full=True)[-1] == "--all"
    assert run.build_argv(book, strict=True)[-4:] == ["--all", "-W", "-n", "--keep-going"]
    assert main(["build", "--strict", "--dry-run"]) == 0
    (line,) = capsys.readouterr().out.splitlines()  # no clean step: the cache stays
    assert shlex.split(line)[-6:] == ["build", str(book), "--all", "-W", "-n", "--keep-going"]
    assert main(["build", "--all", "--dry-run"]) == 0
    assert shlex.split(capsys.readouterr().out)[-3:] == ["build", str(book), "--all"]


def test_strict_build_runs_full_after_incremental(
    book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[list[str]] = []
    monkeypatch.setattr(run, "run", lambda argv, cwd: calls.append(argv) or 0)
    assert main(["build"]) == 0
    assert main(["build", "--strict"]) == 0
    assert "--all" not in calls[0] and "--all" in calls[1] and "-W" in calls[1]
    assert not any("clean" in call for call in calls)


@pytest.mark.slow
def test_strict_build_reports_a_warning_every_time(tmp_path: Path) -> None:
    """A second strict build, with nothing changed, still fails on the warning; notebooks
    come from the execution cache."""
    root = sample_book(tmp_path)
    with (root / "about.md").open("a") as page:
        page.write("\nSee {ref}`no-such-label`.\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYDEVD_DISABLE_FILE_VALIDATION": "1"}
    logs = []
    for _ in range(2):
        done = subprocess.run(
            [sys.executable, "-m", "coursekit", "build", "--strict"],
            cwd=root, env=env, capture_output=True, text=True, timeout=300,
        )
        logs.append(done.stdout + done.stderr)
        assert done.returncode == 1, logs[-1]
    assert "no-such-label" in logs[1]
    assert "Executing notebook" in logs[0] and "Executing notebook" not in logs[1]
    assert "Using cached notebook" in logs[1]


# ---------------------------------------------------------------------------
# The generated Sphinx configuration
# ---------------------------------------------------------------------------


def jupyter_book_build_config(root: Path) -> dict[str, object]:
    """The Sphinx config ``jupyter-book build`` computes (as ``jupyter-book config sphinx``)."""
    import click
    from jupyter_book.cli.main import build
    from jupyter_book.config import get_final_config

    with click.Context(build) as ctx:
        path_config, source, overrides = ctx.invoke(
            build, path_source=str(root), config=None, toc=None, get_config_only=True
        )
    config, _ = get_final_config(
        user_yaml=Path(path_config) if path_config else None,
        sourcedir=Path(source),
        cli_config=overrides,
    )
    return run.absolute_paths(config, root)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # jupyter-book's CLI and click 8.2
def test_conf_equals_build_config_and_loads_local_extensions(book: Path) -> None:
    namespace = conf_namespace(book)
    assert "ck_mark" in namespace["extensions"]
    assert str(book / "_ext") in sys.path  # where jupyter-book puts it: relative to the book
    import importlib.util

    assert importlib.util.find_spec("ck_mark").origin == str(book / "_ext" / "ck_mark.py")
    expected = jupyter_book_build_config(book)
    ours = {k: v for k, v in namespace.items() if k in expected}
    assert ours == expected  # every value, extensions included, as the build has it
    assert namespace["external_toc_path"] == str(book / "_toc.yml")
    assert callable(namespace["setup"])


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@pytest.mark.parametrize(
    "root",
    [ROOT, *(path.parent for path in sorted(BOOKS.glob("**/_config.yml")))],
    ids=lambda root: "course" if root == ROOT else root.relative_to(BOOKS).as_posix(),
)
def test_conf_equals_build_config_for_every_book(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """This course and the sample books: the preview's values are the build's (read only)."""
    monkeypatch.setattr(sys, "path", list(sys.path))
    expected = jupyter_book_build_config(root)
    namespace = run.preview_conf_namespace(root)
    assert {k: v for k, v in namespace.items() if k in expected} == expected
    assert set(namespace) - set(expected) == {run.PREVIEW_INPUTS_KEY, "setup"}


@pytest.mark.slow
def test_preview_build_reuses_the_environment_of_a_book_build(tmp_path: Path) -> None:
    """After ``jupyter-book build``, a preview build (sphinx-build with the preview's conf.py,
    as sphinx-autobuild runs it) finds every setting and extension unchanged: it re-reads
    nothing, and the other way round."""
    root = sample_book(tmp_path)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYDEVD_DISABLE_FILE_VALIDATION": "1"}
    confdir = run.write_preview_conf(root)
    autobuild = run.preview_argv(root, confdir, 8000)
    sphinx_args = autobuild[3:autobuild.index("--host")]  # what sphinx-autobuild passes on
    commands = {
        "book": run.build_argv(root),
        "preview": [sys.executable, "-m", "sphinx", "build", *sphinx_args],
    }

    def build(which: str) -> str:
        done = subprocess.run(commands[which], cwd=root, env=env, capture_output=True,
                              text=True, timeout=300)
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout + done.stderr

    build("book")
    for which in ("preview", "book"):
        log = build(which)
        assert "0 added, 0 changed, 0 removed" in log, (which, log)
        assert 'name="ck-local"' in (root / "_build" / "html" / "about.html").read_text()


def test_conf_rereads_config_and_toc_at_each_build(book: Path) -> None:
    first = conf_namespace(book)
    assert first["html_title"] == "A flat book"
    config = book / "_config.yml"
    config.write_text(config.read_text().replace("A flat book", "Renamed"))
    second = conf_namespace(book)  # the next build runs conf.py again: the edit is seen
    assert second["html_title"] == "Renamed"
    with (book / "_toc.yml").open("a") as toc:
        toc.write("  - file: added\n")
    third = conf_namespace(book)
    stamps = {ns[run.PREVIEW_INPUTS_KEY] for ns in (first, second, third)}
    assert len(stamps) == 3  # config and toc edits both change the stamp

    registered: list[tuple[object, ...]] = []

    class App:
        def add_config_value(self, *args: object) -> None:
            registered.append(args)

    third["setup"](App())
    # an "html" value: Sphinx writes every page again when it changes (-a), so every
    # page's navigation shows the new toc
    assert registered == [(run.PREVIEW_INPUTS_KEY, "", "html")]


# ---------------------------------------------------------------------------
# What sphinx-autobuild watches and ignores
# ---------------------------------------------------------------------------


def autobuild_view(argv: list[str]) -> tuple[list[Path], Callable[[str], bool]]:
    """The watched folders and the ignore filter sphinx-autobuild makes of ``argv``.

    Uses sphinx-autobuild's own argument parser and ``IgnoreFilter``, with the
    coursekit-given ignores plus the output and doctree folders, as its ``main`` does.
    """
    from sphinx_autobuild.__main__ import _parse_args
    from sphinx_autobuild.filter import IgnoreFilter

    assert argv[1:3] == ["-m", "sphinx_autobuild"]
    args, _ = _parse_args(argv[3:])
    watched = [args.sourcedir, *map(Path, args.additional_watched_dirs)]
    regular = [*args.ignore, args.outdir, args.warnings_file, args.doctree_dir]
    return watched, IgnoreFilter(list(filter(None, regular)), args.re_ignore)


def test_ignores_match_build_output_and_caches(
    book: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    argv = run.preview_argv(book, book / "_build" / ".coursekit", 8000)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # the patterns do not depend on the working directory
    _, ignored = autobuild_view(argv)
    for rel in (
        "_build/.jupyter_cache/global.db",
        "_build/.jupyter_cache/global.db-journal",
        "_build/.jupyter_cache/executed/3f2a/base.ipynb",
        "_build/jupyter_execute/first_steps.ipynb",
        "_build/html/index.html",
        "_build/.doctrees/environment.pickle",
        "_build/.coursekit/conf.py",
        "jupyter_execute/first_steps.ipynb",  # older myst-nb versions write here
        "part1/jupyter_execute/a.ipynb",
        "part1/_build/html/index.html",  # a sample book built inside this one
        ".jupyter_cache/global.db",
        ".ipynb_checkpoints/first_steps-checkpoint.ipynb",
        "_ext/__pycache__/ck_mark.cpython-311.pyc",
        ".first_steps.ipynb.k2j4.cktmp",
        "intro.md~",
        ".intro.md.swp",
        ".#intro.md",
        ".git/index",
    ):
        assert ignored(str(book / rel)), rel
    for rel in (
        "_config.yml",
        "_toc.yml",
        "intro.md",
        "first_steps.ipynb",
        "_ext/ck_mark.py",
        "my_build/page.md",
        "notes/jupyter_execute_notes.md",
    ):
        assert not ignored(str(book / rel)), rel


def test_a_build_folder_above_the_book_hides_nothing(tmp_path: Path) -> None:
    outer = tmp_path / "_build" / ".venv"
    outer.mkdir(parents=True)
    root = sample_book(outer)
    _, ignored = autobuild_view(run.preview_argv(root, root / "_build" / ".coursekit", 8000))
    assert not ignored(str(root / "intro.md"))
    assert ignored(str(root / "_build" / ".jupyter_cache" / "global.db"))


def test_config_and_toc_are_watched(book: Path) -> None:
    argv = run.preview_argv(book, book / "_build" / ".coursekit", 8000)
    watched, ignored = autobuild_view(argv)
    for name in ("_config.yml", "_toc.yml"):
        path = (book / name).resolve()
        assert any(path.is_relative_to(folder) for folder in watched), name
        assert not ignored(str(path)), name


# ---------------------------------------------------------------------------
# The port is checked before the first build
# ---------------------------------------------------------------------------


def test_busy_port_fails_before_any_build(
    book: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    started: list[object] = []
    monkeypatch.setattr(run, "run", lambda argv, cwd: started.append(argv) or 0)
    monkeypatch.setattr(run, "write_preview_conf", lambda root: started.append(root))
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert main(["preview", "--port", str(port)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"coursekit: error: port {port} is in use (") and err.count("\n") == 1
    assert started == []  # no conf written, no sphinx-autobuild (and so no build) started


def test_free_port_starts_autobuild_once(
    book: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    calls: list[list[str]] = []
    monkeypatch.setattr(run, "run", lambda argv, cwd: calls.append(argv) or 0)
    assert main(["preview", "--port", str(port)]) == 0
    (argv,) = calls
    assert argv[argv.index("--port") + 1] == str(port)
    assert (book / "_build" / ".coursekit" / "conf.py").is_file()
    assert f"http://127.0.0.1:{port}/" in capsys.readouterr().err


# ---------------------------------------------------------------------------
# A real preview
# ---------------------------------------------------------------------------


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, OSError):
        return ""


def _wait_for(what: str, condition: Callable[[], bool], proc: subprocess.Popen, log: Path,
              timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():
            return
        if proc.poll() is not None:
            pytest.fail(f"preview exited ({proc.returncode}) before {what}:\n{log.read_text()}")
        time.sleep(0.3)
    pytest.fail(f"timed out waiting for {what}:\n{log.read_text()[-4000:]}")


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix", reason="stops the preview with a process-group signal")
def test_preview_matches_build_on_a_sample_book(tmp_path: Path) -> None:
    """Local extension loaded; a notebook edit rebuilds once; a toc edit reaches every page;
    a config edit is seen without a restart."""
    root = sample_book(tmp_path)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = tmp_path / "preview.log"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYDEVD_DISABLE_FILE_VALIDATION": "1"}
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "coursekit", "preview", "--port", str(port)],
            cwd=root, stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"

    def rebuilds() -> int:
        return log.read_text().count("Rebuilding...")

    def served() -> int:
        return log.read_text().count("Serving on")

    try:
        _wait_for("the first build", lambda: 'name="ck-local"' in _fetch(f"{base}/intro.html"),
                  proc, log)
        assert rebuilds() == 0

        # A changed notebook is executed; the cache and output it writes start no rebuild.
        notebook = root / "first_steps.ipynb"
        notebook.write_text(notebook.read_text().replace("print(1 + 1)", "print(40 + 2)"))
        _wait_for("the notebook rebuild", lambda: served() >= 2, proc, log)
        assert '<span class="mi">40</span>' in _fetch(f"{base}/first_steps.html")
        time.sleep(3)  # longer than the watcher's debounce: a loop would have started
        assert rebuilds() == 1, log.read_text()

        # A page added to the toc appears in the navigation of pages that did not change.
        (root / "new_page.md").write_text("# A new page\n\nAdded while the preview runs.\n")
        with (root / "_toc.yml").open("a") as toc:
            toc.write("  - file: new_page\n")
        pages = ("intro", "about", "functions")
        _wait_for("the toc rebuild", lambda: all(
            'href="new_page.html"' in _fetch(f"{base}/{page}.html") for page in pages), proc, log)

        # A config edit is used by the next build, without a restart.
        config = root / "_config.yml"
        config.write_text(config.read_text().replace("A flat book", "A renamed book"))
        _wait_for("the config rebuild", lambda: all(
            "A renamed book" in _fetch(f"{base}/{page}.html") for page in pages), proc, log)
        assert 'name="ck-local"' in _fetch(f"{base}/about.html")
    finally:
        # Ctrl-C (to the whole process group, as a terminal sends it), possibly while the
        # last build still writes pages: the documented way to stop the preview.
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        left = _group_alive(proc.pid)
        if left:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 0
    assert not left, "processes of the preview outlived it"


def _group_alive(pgid: int, wait_s: float = 5) -> bool:
    """Whether a process of group ``pgid`` is still running after ``wait_s`` seconds."""
    deadline = time.monotonic() + wait_s
    while True:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return False
        if time.monotonic() > deadline:
            return True
        time.sleep(0.2)
