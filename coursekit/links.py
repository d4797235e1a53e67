"""``coursekit links``: the external link report (Sphinx's ``linkcheck`` on the book).

Jupyter Book 1 checks links with ``jupyter-book build --builder linkcheck``, which
executes the notebooks first. This command runs the same Sphinx builder with the
configuration ``jupyter-book build`` uses (read from ``_config.yml`` and ``_toc.yml``
as the preview does, see :func:`coursekit.run.preview_conf_namespace`, so
``linkcheck_ignore``, ``linkcheck_timeout`` and the other ``linkcheck_*`` values of
``sphinx.config`` apply) but with notebook execution off: links live in the sources,
not in the outputs, so the report takes seconds, not a full execution.

It needs the network (every ``http(s)`` link, DOI and bibliography URL is fetched),
so ``./scripts/test`` does not run it; run it before a release or on a schedule.

One line per problem, with coursekit's one cell numbering for notebooks::

    notebooks/03_measure.ipynb:cell 12: broken https://example.org/gone (404 Client Error ...)
    book/faq.md:line 40: redirected http://example.org -> https://example.org/ (permanently)

then a summary line. Exit status: 0 when no link is broken (redirects are listed but
pass), 1 when a link is broken or timed out, 2 when the check itself could not run.
Sphinx's full report stays in ``_build/linkcheck/output.json``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from . import cmdline
from .errors import FINDINGS, OK, CourseKitError

#: myst-nb numbers the lines of an ``.ipynb`` as ``cell * 10000 + line`` (cell 1-based).
NOTEBOOK_LINE_STRIDE = 10000
#: Statuses that fail the report.
FAILING = ("broken", "timeout")
#: Statuses listed as findings that do not fail it.
NOTED = ("redirected",)
#: Where the report goes, under the book root.
OUTPUT_DIR = Path("_build") / "linkcheck"
#: Sphinx environment of the link check (kept apart from the html build's).
DOCTREES_DIR = Path("_build") / ".doctrees-linkcheck"
#: Lines of the builder's own output shown when it fails.
FAILURE_TAIL_LINES = 15


@dataclass(frozen=True)
class LinkResult:
    """One link as Sphinx's ``output.json`` records it.

    Attributes
    ----------
    filename : str
        Source file, relative to the book root.
    lineno : int
        Line as Sphinx reports it (for ``.ipynb``: ``cell * 10000 + line``).
    status : str
        ``working``, ``broken``, ``timeout``, ``redirected``, ``ignored``, ``local`` or
        ``unchecked``.
    code : int
        HTTP status of a redirect (0 otherwise).
    uri : str
        The link.
    info : str
        Sphinx's message (the error, or where a redirect goes).
    """

    filename: str
    lineno: int
    status: str
    code: int
    uri: str
    info: str

    @property
    def where(self) -> str:
        """``file:cell N`` in a notebook (1-based over all cells), ``file:line N`` elsewhere."""
        if self.filename.endswith(".ipynb") and self.lineno >= NOTEBOOK_LINE_STRIDE:
            return f"{self.filename}:cell {self.lineno // NOTEBOOK_LINE_STRIDE}"
        if self.lineno:
            return f"{self.filename}:line {self.lineno}"
        return self.filename

    def format(self) -> str:
        """The report's line for this link."""
        if self.status == "redirected":
            return f"{self.where}: redirected {self.uri} -> {self.info}"
        info = f" ({self.info})" if self.info else ""
        return f"{self.where}: {self.status} {self.uri}{info}"


def read_results(path: Path) -> list[LinkResult]:
    """Parse Sphinx's ``output.json`` (one JSON object per line).

    Raises
    ------
    CourseKitError
        If the file is missing or a line is not a link record.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise CourseKitError(f"{path}: cannot read the link report: {exc.strerror}") from exc
    results = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            results.append(
                LinkResult(
                    filename=str(data["filename"]),
                    lineno=int(data.get("lineno") or 0),
                    status=str(data["status"]),
                    code=int(data.get("code") or 0),
                    uri=str(data["uri"]),
                    info=str(data.get("info") or ""),
                )
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise CourseKitError(f"{path}:{number}: not a linkcheck record ({exc})") from exc
    return results


def report_lines(results: Iterable[LinkResult]) -> list[str]:
    """The findings, failing ones first, each group in file then line order."""
    rows = [r for r in results if r.status in FAILING + NOTED]
    rows.sort(key=lambda r: (r.status not in FAILING, r.filename, r.lineno, r.uri))
    return [r.format() for r in rows]


def summary(results: Sequence[LinkResult]) -> str:
    """``N links: a working, b broken, ...`` (the statuses that occur, in a fixed order)."""
    counts = Counter(r.status for r in results)
    order = ["working", "broken", "timeout", "redirected", "ignored", "local", "unchecked"]
    order += sorted(set(counts) - set(order))
    parts = [f"{counts[s]} {s}" for s in order if counts[s]]
    return f"{len(results)} links: {', '.join(parts) or 'none found'}"


def linkcheck_argv(root: Path, confdir: Path, timeout_s: float | None = None) -> list[str]:
    """Argument vector of the Sphinx linkcheck run (notebook execution off)."""
    argv = [
        sys.executable,
        "-m",
        "sphinx",
        "-b",
        "linkcheck",
        "-c",
        str(confdir),
        "-d",
        str(root / DOCTREES_DIR),
        "-D",
        "nb_execution_mode=off",
        "-q",
    ]
    if timeout_s is not None:
        argv += ["-D", f"linkcheck_timeout={timeout_s:g}"]
    return [*argv, str(root), str(root / OUTPUT_DIR)]


def main(argv: Sequence[str] | None = None) -> int:
    """``coursekit links [--timeout S] [--dry-run] [--root DIR]``."""
    parser = cmdline.command_parser(
        "links",
        "Check every external link of the book (Sphinx linkcheck with the book's own "
        "configuration, notebooks not executed) and list the broken ones. Needs the network.",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=None,
        metavar="S",
        help="seconds to wait for each server (default: the book's linkcheck_timeout, "
        "else Sphinx's)",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="print the command instead of running it"
    )
    cmdline.add_root_option(parser)

    def handle(args: argparse.Namespace) -> int:
        root = cmdline.book_root(args)
        if args.timeout is not None and not args.timeout > 0:
            raise CourseKitError(
                f"--timeout {args.timeout:g}: must be a positive number of seconds"
            )
        from .run import _show, write_preview_conf

        if args.dry_run:  # the conf folder write_preview_conf uses, not written
            _show(linkcheck_argv(root, root / "_build" / ".coursekit", args.timeout))
            return OK
        confdir = write_preview_conf(root)
        output = root / OUTPUT_DIR / "output.json"
        output.unlink(missing_ok=True)  # a report left by an earlier run must not be read
        try:
            proc = subprocess.run(
                linkcheck_argv(root, confdir, args.timeout),
                cwd=root,
                capture_output=True,
                text=True,
                check=False,
            )
        except OSError as exc:
            raise CourseKitError(f"cannot run sphinx: {exc.strerror or exc}") from exc
        if proc.returncode not in (OK, FINDINGS) or not output.is_file():
            tail = [line for line in proc.stderr.splitlines() if line.strip()]
            for line in tail[-FAILURE_TAIL_LINES:]:
                print(line, file=sys.stderr)
            raise CourseKitError(
                f"the link check did not run to the end (sphinx exit status {proc.returncode})"
            )
        results = read_results(output)
        for line in report_lines(results):
            print(line)
        print(summary(results))
        return FINDINGS if any(r.status in FAILING for r in results) else OK

    return cmdline.run(parser, handle, argv)

