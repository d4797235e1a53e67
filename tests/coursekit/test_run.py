"""Tests for ``coursekit build``, ``preview`` and ``test`` (argument vectors, no long runs)."""

from __future__ import annotations

import shlex
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from support import ROOT, wait_until_serving

from coursekit import run
from coursekit.cli import main


@pytest.fixture
def course(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: intro\n")
    (tmp_path / "_config.yml").write_text("title: Sample\n")
    (tmp_path / "intro.md").write_text("# Intro\n")
    (tmp_path / "pyproject.toml").write_text('[tool.coursekit]\nnotebooks_dir = "notebooks"\n')
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / "01_a.ipynb").write_text("{}")
    (tmp_path / "notebooks" / "02_b.ipynb").write_text("{}")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_build_argv(course: Path) -> None:
    argv = run.build_argv(course)
    assert argv[-2:] == ["build", str(course)]
    assert run.build_argv(course, strict=True)[-3:] == ["-W", "-n", "--keep-going"]
    assert run.clean_build_argv(course)[-3:] == ["clean", str(course), "--all"]


def test_build_dry_run(course: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "--clean", "--strict", "--dry-run"]) == 0
    first, second = capsys.readouterr().out.splitlines()
    assert shlex.split(first)[-3:] == ["clean", str(course), "--all"]
    assert shlex.split(second)[-6:] == [
        "build", str(course), "--all", "-W", "-n", "--keep-going"
    ]


def test_build_reports_site_and_failure(
    course: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    calls: list[list[str]] = []
    monkeypatch.setattr(run, "run", lambda argv, cwd: calls.append(argv) or 0)
    assert main(["build"]) == 0
    assert capsys.readouterr().out == f"site: {course / '_build' / 'html' / 'index.html'}\n"
    monkeypatch.setattr(run, "run", lambda argv, cwd: 1)
    assert main(["build", "--clean"]) == 1


def test_preview_argv(course: Path) -> None:
    argv = run.preview_argv(course, course / "_build" / ".coursekit", 8123)
    assert argv[:3] == [sys.executable, "-m", "sphinx_autobuild"]
    assert argv[3:5] == [str(course), str(course / "_build" / "html")]
    assert argv[argv.index("-c") + 1] == str(course / "_build" / ".coursekit")
    assert argv[argv.index("--host") + 1] == "127.0.0.1"
    assert argv[argv.index("--port") + 1] == "8123"
    ignored = [argv[i + 1] for i, a in enumerate(argv) if a == "--ignore"]
    assert ignored == [str(course / "_build")]  # the whole build folder (see test_preview.py)
    assert [argv[i + 1] for i, a in enumerate(argv) if a == "--re-ignore"] == (
        run.preview_re_ignores(course)
    )


def test_preview_dry_run_and_bad_port(course: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["preview", "--port", "8001", "--dry-run"]) == 0
    assert "--port 8001" in capsys.readouterr().out
    assert main(["preview", "--port", "70000"]) == 2


def test_preview_config_makes_paths_absolute(tmp_path: Path) -> None:
    conf = {
        "html_static_path": ["book/_static"],
        "html_logo": "",
        "external_toc_path": "_toc.yml",
        "project": "X",
    }
    namespace = run.absolute_paths(conf, tmp_path)
    assert conf["html_static_path"] == ["book/_static"]  # the input is left alone
    assert namespace["html_static_path"] == [str(tmp_path / "book/_static")]
    assert namespace["external_toc_path"] == str(tmp_path / "_toc.yml")
    assert namespace["html_logo"] == "" and namespace["project"] == "X"


@pytest.mark.slow
def test_preview_serves_and_stops(course: Path) -> None:
    """Start the real server on a free port, see it answer, then stop it."""
    confdir = run.write_preview_conf(course)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        run.preview_argv(course, confdir, port),
        cwd=course,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until_serving(
            proc, lambda: socket.create_connection(("127.0.0.1", port), timeout=1).close(),
            "sphinx-autobuild")
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_nbval_argv(course: Path) -> None:
    nbs = [course / "notebooks" / "01_a.ipynb"]
    argv = run.nbval_argv(course, nbs)
    assert argv[:3] == [sys.executable, "-m", "pytest"]
    assert "--nbval" in argv and "--nbval-sanitize-with" not in argv
    assert argv[argv.index("-p") + 1] == "no:cacheprovider"
    assert argv[-1] == str(nbs[0])
    (course / "tests").mkdir()
    (course / "tests" / "nbval_sanitize.cfg").write_text("[x]\n")
    assert "--nbval-sanitize-with" not in run.nbval_argv(course, nbs)  # only when configured
    (course / "pyproject.toml").write_text(
        '[tool.coursekit]\nnbval_sanitize = "tests/nbval_sanitize.cfg"\n'
    )
    argv = run.nbval_argv(course, nbs, jobs=2)
    assert argv[argv.index("--nbval-sanitize-with") + 1] == str(
        course / "tests" / "nbval_sanitize.cfg"
    )
    assert argv[argv.index("-n") + 1] == "2"


def test_widget_argv(course: Path) -> None:
    assert run.widget_argv(course) is None
    (course / "pyproject.toml").write_text(
        '[tool.pytest.ini_options]\nmarkers = ["widgets: widget sweeps"]\n'
    )
    assert run.widget_argv(course)[-3:] == ["-m", "widgets", str(course / "tests")]
    (course / "tests").mkdir()
    (course / "tests" / "test_widgets_sweep.py").write_text("")
    (course / "pyproject.toml").write_text(
        '[tool.coursekit]\ntest_paths = ["tests/test_widgets*.py"]\n'
    )
    assert run.widget_argv(course)[-1] == str(course / "tests" / "test_widgets_sweep.py")


def test_test_command(
    course: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["test", "--dry-run"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 1 and out[0].endswith("01_a.ipynb " + str(course / "notebooks/02_b.ipynb"))
    assert main(["test", "notebooks/02_b.ipynb", "--dry-run"]) == 0
    assert "01_a" not in capsys.readouterr().out
    statuses = iter([0, 5])
    (course / "tests").mkdir()
    (course / "tests" / "test_widgets.py").write_text("")
    (course / "pyproject.toml").write_text('[tool.coursekit]\ntest_paths = ["tests"]\n')
    monkeypatch.setattr(run, "run", lambda argv, cwd: next(statuses))
    assert main(["test"]) == 0  # "no tests collected" (5) is not a failure
    monkeypatch.setattr(run, "run", lambda argv, cwd: 1)
    assert main(["test"]) == 1
    assert main(["test", "notebooks/missing.ipynb"]) == 2


def test_usage_errors_are_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["frobnicate"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("coursekit: error: ") and err.count("\n") == 1
    assert main([]) == 2
    assert main(["new", "x", "--after", "two"]) == 2


def test_no_book_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 2
    assert "no _toc.yml or _config.yml" in capsys.readouterr().err


def test_rules_listing(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules"]) == 0
    out = capsys.readouterr().out
    assert "model-logic" in out and "ck-disable-<rule>" in out


def test_module_entry_point_is_light(tmp_path: Path) -> None:
    """``python -m coursekit check`` works and does not import sphinx or jupyter_book."""
    code = (
        "import sys, runpy; sys.argv=['coursekit','rules'];\n"
        "try:\n    runpy.run_module('coursekit', run_name='__main__')\n"
        "except SystemExit: pass\n"
        "assert 'sphinx' not in sys.modules and 'jupyter_book' not in sys.modules\n"
    )
    root = ROOT
    subprocess.run([sys.executable, "-c", code], check=True, cwd=root, capture_output=True)


def test_clean_and_test_reject_non_notebooks(
    course: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["clean", "intro.md"]) == 2
    assert capsys.readouterr().err == "coursekit: error: intro.md: not a notebook (.ipynb)\n"
    assert main(["test", "intro.md", "--dry-run"]) == 2


def test_end_to_end_via_python_m(tmp_path: Path) -> None:
    """new -> check -> clean --check through the real entry point, in a fresh course."""
    (tmp_path / "_toc.yml").write_text("# contents\nformat: jb-book\nroot: intro\n")
    (tmp_path / "intro.md").write_text("# Intro\n")
    env_root = ROOT

    def ck(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "coursekit", *args],
            cwd=tmp_path,
            env={"PYTHONPATH": str(env_root), "PATH": "/usr/bin:/bin"},
            capture_output=True,
            text=True,
        )

    assert ck("new", "First steps").returncode == 0
    assert ck("new", "Second steps").returncode == 0
    assert (tmp_path / "_toc.yml").read_text() == (  # a book with no conventions: plain names
        "# contents\nformat: jb-book\nroot: intro\nchapters:\n"
        "- file: first_steps\n- file: second_steps\n"
    )
    assert ck("check").returncode == 0
    assert ck("clean", "--check").returncode == 0
    bad = ck("check", "--bogus")
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1
