"""``coursekit links``: the external link report, against a web server on this machine.

The book links to pages of a local ``http.server`` (a page that exists, one that does
not, an address that redirects), so the report is checked without the network.
"""

from __future__ import annotations

import functools
import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest

from coursekit import cli
from coursekit.errors import CourseKitError
from coursekit.links import LinkResult, read_results, report_lines, summary


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of a web server with ``/ok.html`` and ``/moved`` (a redirect to it) only."""
    site = tmp_path_factory.mktemp("site")
    (site / "ok.html").write_text("<html><body><h1 id='top'>ok</h1></body></html>")

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def send_head(self):  # type: ignore[no-untyped-def]
            if self.path == "/moved":
                self.send_response(301)
                self.send_header("Location", "/ok.html")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            return super().send_head()

        def log_message(self, *args: object) -> None:  # keep the test output clean
            pass

    handler = functools.partial(Quiet, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def _book(root: Path, base: str, config_extra: str = "") -> Path:
    root.mkdir()
    (root / "_config.yml").write_text(
        "title: Links\nexecute:\n  execute_notebooks: force\n" + config_extra
    )
    (root / "_toc.yml").write_text("format: jb-book\nroot: intro\nchapters:\n- file: lesson\n")
    (root / "intro.md").write_text(
        f"# Intro\n\nA [page]({base}/ok.html) that exists.\n\n"
        f"A [page]({base}/missing.html) that does not.\n"
    )
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Lesson\n\nSome text."),
        # a cell that would fail if the link check executed the notebook
        nbformat.v4.new_code_cell("raise SystemExit('the link check executed me')"),
        nbformat.v4.new_markdown_cell(
            f"Moved: [a page]({base}/moved).\n\nGone: <{base}/gone.html>"
        ),
    ]
    nbformat.write(nb, root / "lesson.ipynb")
    return root


def test_broken_links_are_listed_with_cell_and_line(tmp_path: Path, server: str, capsys) -> None:
    root = _book(tmp_path / "book", server)
    status = cli.main(["links", "--root", str(root), "--timeout", "10"])
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert status == 1, err
    assert lines[0].startswith(f"intro.md:line 5: broken {server}/missing.html (404")
    assert lines[1].startswith(f"lesson.ipynb:cell 3: broken {server}/gone.html (404")
    assert lines[2] == f"lesson.ipynb:cell 3: redirected {server}/moved -> {server}/ok.html"
    assert lines[3] == "4 links: 1 working, 2 broken, 1 redirected"
    assert len(lines) == 4
    assert (root / "_build" / "linkcheck" / "output.json").is_file()
    assert not (root / "_build" / "html").exists()  # a link check, not a site build


def test_the_books_linkcheck_settings_apply_and_clean_links_pass(
    tmp_path: Path, server: str, capsys
) -> None:
    ignore = f"    linkcheck_ignore:\n    - '{server}/(missing|gone)\\.html'\n"
    root = _book(tmp_path / "book", server, "sphinx:\n  config:\n" + ignore)
    status = cli.main(["links", "--root", str(root)])
    out, _err = capsys.readouterr()
    assert status == 0
    assert out.splitlines() == [
        f"lesson.ipynb:cell 3: redirected {server}/moved -> {server}/ok.html",
        "4 links: 1 working, 1 redirected, 2 ignored",
    ]


def test_an_old_report_is_not_read_when_the_check_cannot_run(tmp_path: Path, capsys) -> None:
    root = tmp_path / "book"
    root.mkdir()
    (root / "_toc.yml").write_text("format: jb-book\nroot: missing_page\n")
    (root / "_config.yml").write_text("title: t\n")
    old = root / "_build" / "linkcheck" / "output.json"
    old.parent.mkdir(parents=True)
    old.write_text(json.dumps({"filename": "x.md", "lineno": 1, "status": "working",
                               "code": 0, "uri": "http://x", "info": ""}) + "\n")
    status = cli.main(["links", "--root", str(root)])
    _out, err = capsys.readouterr()
    assert status == 2
    assert err.splitlines()[-1].startswith("coursekit: error: the link check did not run")
    assert not old.exists()


@pytest.mark.parametrize("value", ["0", "-3"])
def test_timeout_must_be_positive(empty_book: Path, value: str, capsys) -> None:
    assert cli.main(["links", "--timeout", value]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--timeout" in err and "positive" in err


def test_report_order_and_summary() -> None:
    rows = [
        LinkResult("b.md", 9, "redirected", 301, "http://r", "https://r/"),
        LinkResult("b.md", 2, "broken", 0, "http://x", "404"),
        LinkResult("a.ipynb", 20003, "timeout", 0, "http://t", ""),
        LinkResult("a.ipynb", 3, "working", 0, "http://w", ""),
        LinkResult("c.rst", 0, "broken", 0, "http://y", "DNS"),
    ]
    assert report_lines(rows) == [
        "a.ipynb:cell 2: timeout http://t",
        "b.md:line 2: broken http://x (404)",
        "c.rst: broken http://y (DNS)",
        "b.md:line 9: redirected http://r -> https://r/",
    ]
    assert summary(rows) == "5 links: 1 working, 2 broken, 1 timeout, 1 redirected"
    assert summary([]) == "0 links: none found"


def test_a_malformed_report_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "output.json"
    path.write_text('{"filename": "a.md", "status": "broken", "uri": "http://x"}\n{oops\n')
    with pytest.raises(CourseKitError, match=r"output.json:2: not a linkcheck record"):
        read_results(path)
