"""One command table, one exit-status convention, one error type, no tracebacks."""

from __future__ import annotations

import ast
import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from support import ROOT

from coursekit import cli, cmdline, errors, nbio, run
from coursekit.cli import COMMANDS, main
from coursekit.errors import CourseKitError

PACKAGE = ROOT / "coursekit"


def coursekit(*args: str, cwd: Path, **kwargs) -> subprocess.CompletedProcess[str]:
    """Run the real entry point in a fresh interpreter."""
    return subprocess.run(
        [sys.executable, "-m", "coursekit", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        **kwargs,
    )


@pytest.fixture
def book(empty_book: Path) -> Path:
    return empty_book


# --- the command table -----------------------------------------------------------------------


def test_table_has_every_subcommand() -> None:
    assert set(COMMANDS) == {
        "new", "check", "clean", "preview", "build", "test", "snapshot", "rules",
        "settings", "vendor", "offline", "buildlog", "cachestamp", "lint", "setup-cell",
        "links", "rename", "remove",
    }  # fmt: skip
    for name, command in COMMANDS.items():
        assert command.help and "\n" not in command.help, name
        assert callable(command.load()), name


def test_help_lists_every_subcommand(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    listed = [line.split()[0] for line in out.splitlines() if line.startswith("  ")]
    assert listed == list(COMMANDS)
    for name, command in COMMANDS.items():
        assert f"  {name} " in out and command.help in out
    assert "snapshot" in listed


def test_installed_script_help_lists_snapshot(tmp_path: Path) -> None:
    out = coursekit("--help", cwd=tmp_path)
    assert out.returncode == 0 and "\n  snapshot " in out.stdout


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_dispatch_reaches_the_commands_own_parser(
    name: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    seen: list[list[str]] = []
    module, _, function = COMMANDS[name].target.partition(":")
    monkeypatch.setattr(
        importlib.import_module(module), function, lambda argv: seen.append(argv) or 7
    )
    assert main([name, "--x", "y"]) == 7
    assert seen == [["--x", "y"]]


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_usage_errors_of_every_command_are_one_line(
    name: str, book: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([name, "--no-such-option"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"coursekit: error: {name}: ")
    assert captured.err.endswith(f" (see: coursekit {name} --help)\n")
    assert captured.err.count("\n") == 1 and "Traceback" not in captured.err


def test_options_may_come_between_positionals(
    book: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``snapshot check --root DIR LESSON`` was "unrecognized arguments: LESSON"."""
    lesson = book / "notebooks" / "01_a.ipynb"
    lesson.parent.mkdir()
    lesson.write_text('{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}')
    assert main(["snapshot", "check", "--root", str(book), "--reference-dir", "t",
                 "notebooks/01_a.ipynb"]) == 1
    out, err = capsys.readouterr()
    assert err == "" and out.startswith("t/01_a.ipynb: missing (run: coursekit snapshot update")
    assert main(["clean", "--check", "notebooks/01_a.ipynb", "--root", str(book)]) == 1
    assert capsys.readouterr().out == "would clean notebooks/01_a.ipynb\n"


def test_unknown_and_missing_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["frobnicate"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("coursekit: error: unknown command 'frobnicate' (choose from new, ")
    assert main([]) == 2
    assert capsys.readouterr().err == "coursekit: error: no command given (see: coursekit --help)\n"


@pytest.mark.parametrize("module", ["snapshot", "vendor", "offline", "buildlog", "cachestamp"])
def test_python_m_module_still_works(module: str, tmp_path: Path) -> None:
    """The scripts and the README call these as ``python -m coursekit.<module>``."""
    out = subprocess.run(
        [sys.executable, "-m", f"coursekit.{module}", "--help"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0 and out.stdout.startswith(f"usage: coursekit {module} ")


def test_python_m_usage_error_is_one_line(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "coursekit.snapshot", "bogus"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 2
    assert out.stderr.startswith("coursekit: error: snapshot: argument action: invalid choice")
    assert out.stderr.count("\n") == 1


# --- exit statuses ---------------------------------------------------------------------------


def test_exit_status_constants() -> None:
    assert (errors.OK, errors.FINDINGS, errors.ERROR) == (0, 1, 2)
    assert CourseKitError("x").exit_code == 2
    assert str(CourseKitError("two\nlines")) == "two lines"


def test_report_statuses(capsys: pytest.CaptureFixture[str]) -> None:
    assert cmdline.report([]) == 0
    assert cmdline.report(["a", "b"]) == 1
    assert capsys.readouterr().out == "a\nb\n"
    assert cmdline.report(["a"], ["broken"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "a\n" and captured.err == "coursekit: error: broken\n"


def test_site_tools_report_findings_with_status_1(
    book: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = book / "build.log"
    log.write_text("book/x.md:3: WARNING: something odd\n")
    assert main(["buildlog", str(log)]) == 1
    assert capsys.readouterr().out == "book/x.md:3: WARNING: something odd\n"
    log.write_text("all good\n")
    assert main(["buildlog", str(log)]) == 0
    site = book / "_build" / "html"
    site.mkdir(parents=True)
    (site / "index.html").write_text('<script src="https://cdn.example.org/x.js"></script>')
    assert main(["offline", str(site)]) == 1
    assert "cdn.example.org" in capsys.readouterr().out
    (site / "index.html").write_text("<p>offline</p>")
    assert main(["offline", str(site)]) == 0


@pytest.mark.parametrize(
    "argv, message",
    [
        (["buildlog", "missing.log"], "coursekit: error: missing.log: cannot read: "),
        (["offline", "no_site"], "coursekit: error: no_site is not a built site folder"),
        (["vendor", "check", "--dir", "nowhere"], "coursekit: error: nowhere/MANIFEST.json: "),
        (["cachestamp", "nowhere"], "coursekit: error: not a folder: nowhere"),
        (["snapshot", "check", "x.ipynb", "--reference-dir", "t"], "coursekit: error: x.ipynb: "),
        (["check", "--root", "nowhere"], "coursekit: error: --root nowhere: not a directory"),
    ],
)
def test_io_errors_are_one_line_status_2(
    book: Path, argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith(message) and err.count("\n") == 1


def test_wrapped_tool_statuses_follow_the_convention() -> None:
    assert [run.exit_status(code) for code in (0, 1, 2, 3, 4, -2, 130)] == [0, 1, 2, 2, 2, 2, 2]


def test_ctrl_c_is_status_2_and_one_line(
    book: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(argv: list[str], cwd: Path) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(run, "run", interrupted)
    assert main(["build"]) == 2
    assert capsys.readouterr().err == "coursekit: error: interrupted\n"
    monkeypatch.setattr(run, "write_preview_conf", lambda root: root)
    monkeypatch.setattr(run, "ensure_port_free", lambda host, port: None)  # 8000 may be busy
    assert main(["preview"]) == 0  # Ctrl-C is how a preview is stopped


def test_unexpected_oserror_is_one_line(
    book: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def fail(*args: object) -> None:
        raise PermissionError(13, "Permission denied", "somefile")

    monkeypatch.setattr("coursekit.check.check_command", fail)
    assert main(["check"]) == 2
    assert capsys.readouterr().err == "coursekit: error: somefile: Permission denied\n"


# --- BrokenPipe --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv, status",
    [
        (["rules"], 2),
        (["--help"], 2),
        (["settings"], 2),
        (["snapshot", "--help"], 0),  # argparse itself ignores a failed help write
    ],
)
def test_closed_stdout_prints_no_traceback(argv: list[str], status: int) -> None:
    """Like piping into ``head`` that has already exited: every write fails with EPIPE."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before coursekit writes a byte
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "coursekit", *argv],
            cwd=ROOT,
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
        )
    finally:
        os.close(write_end)
    assert "Traceback" not in proc.stderr and "BrokenPipeError" not in proc.stderr, proc.stderr
    assert proc.stderr == ""
    assert proc.returncode == status  # output closed early: an I/O error, told by status only


def test_broken_pipe_in_process(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    class ClosedPipe:
        def write(self, text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

        def flush(self) -> None:
            raise BrokenPipeError(32, "Broken pipe")

        def fileno(self) -> int:
            raise OSError("no file descriptor")

    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    assert main(["rules"]) == 2
    assert capsys.readouterr().err == ""


def test_pipe_into_head(tmp_path: Path) -> None:
    """The README's use: ``coursekit rules | head -1`` in a shell with pipefail."""
    script = f"set -o pipefail; {sys.executable} -m coursekit rules | head -1"
    proc = subprocess.run(["bash", "-c", script], cwd=ROOT, capture_output=True, text=True)
    assert proc.stdout.startswith("toc-missing ")
    assert "Traceback" not in proc.stderr and "BrokenPipe" not in proc.stderr


# --- one error type, one atomic write ------------------------------------------------------


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.glob("*.py"))


def test_one_error_type() -> None:
    """coursekit defines one exception class, and its modules raise no bare ValueError."""
    classes = []
    for path in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and any(
                isinstance(b, ast.Name) and b.id.endswith(("Error", "Exception"))
                for b in node.bases
            ):
                classes.append((path.name, node.name))
            if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
                name = getattr(node.exc.func, "id", "")
                assert name not in {"ValueError", "RuntimeError", "OSError", "Exception"}, (
                    path.name,
                    node.lineno,
                )
    public = [(f, c) for f, c in classes if not c.startswith("_")]
    assert public == [("errors.py", "CourseKitError")]
    assert nbio.CourseKitError is errors.CourseKitError is cli.CourseKitError


WRITERS = ("os.replace", "mkstemp", ".write_text(", ".write_bytes(", "shutil.copy", "os.rename")


def test_one_atomic_write() -> None:
    """Only nbio writes files; every other module goes through nbio.atomic_write."""
    for path in _modules():
        text = path.read_text(encoding="utf-8")
        found = [w for w in WRITERS if w in text]
        if path.name == "nbio.py":
            assert "os.replace" in text and "mkstemp" in text
            continue
        assert found == [], (path.name, found)
        for mode in ('"w"', '"wb"', '"a"', '"x"'):
            assert f", {mode})" not in text and f"mode={mode}" not in text, (path.name, mode)
