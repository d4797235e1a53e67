"""Find references from a built HTML site to any other host.

A course site must work with no network: every script, stylesheet, font, image
and frame comes from the site itself. This module parses each built page and
lists every resource reference that would leave the site:

- ``<script src>``, ``<link href>`` (stylesheets, icons, preloads, fonts),
  ``<img src>``/``srcset``, ``<source>``, ``<video>``/``<audio>``, ``<embed>``,
  ``<object data>`` and any ``<iframe>`` (an iframe is reported even when local:
  the course embeds no frames);
- CSS ``url(...)`` and ``@import`` in ``<style>`` blocks, ``style=""`` attributes
  and the site's own ``.css`` files;
- inline loaders in ``<script>`` bodies: a quoted absolute URL with a host
  handed to ``import()``, ``fetch``, ``src =``, ``require.config`` paths, etc.
  Any ``http(s)://`` or protocol-relative ``//host`` string in an inline script
  counts; JSON data blocks (``type="application/...json"``) are skipped.

Plain hyperlinks (``<a href>``) are navigation, not loads, and are allowed.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from . import cmdline
from .errors import CourseKitError

#: Attributes that make the browser fetch something, by tag.
LOAD_ATTRS: dict[str, tuple[str, ...]] = {
    "script": ("src",),
    "link": ("href",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "iframe": ("src",),
    "input": ("src",),
}
#: <link rel> values that are metadata, not loads.
NON_LOADING_REL = {
    "canonical",
    "alternate",
    "author",
    "license",
    "search",
    "next",
    "prev",
    "index",
    "help",
    "bookmark",
    "external",
    "nofollow",
    "noopener",
}
_CSS_URL = re.compile(
    r"""url\(\s*(['"]?)(?P<url>[^'")]+)\1\s*\)|@import\s+(['"])(?P<imp>[^'"]+)\3"""
)
_SCRIPT_URL = re.compile(
    r"""(?P<q>['"`])(?P<url>(?:https?:)?//[A-Za-z0-9.-]+\.[A-Za-z]{2,}[^'"`\s]*)(?P=q)"""
)
_DATA_SCRIPT_TYPES = (
    "application/json",
    "application/ld+json",
    "application/vnd.jupyter.widget-state+json",
    "text/x-thebe-config",
)


@dataclass(frozen=True)
class OffsiteRef:
    """One reference to another host found in a built file."""

    file: Path
    line: int
    kind: str
    url: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.kind} -> {self.url}"


def is_offsite(url: str) -> bool:
    """True if ``url`` names another host (absolute or protocol-relative)."""
    url = url.strip()
    lowered = url.lower()
    if lowered.startswith(("data:", "blob:", "about:", "#", "mailto:", "javascript:")):
        return False
    return bool(re.match(r"^([a-z][a-z0-9+.-]*:)?//", lowered)) or lowered.startswith(
        ("http:", "https:")
    )


def _srcset_urls(value: str) -> list[str]:
    return [part.strip().split()[0] for part in value.split(",") if part.strip()]


def css_offsite_urls(css: str) -> Iterator[tuple[int, str]]:
    """Yield ``(line offset, url)`` for each off-site ``url()``/``@import`` in CSS text."""
    for match in _CSS_URL.finditer(css):
        url = match.group("url") or match.group("imp")
        if url and is_offsite(url):
            yield css.count("\n", 0, match.start()), url


class _PageScanner(HTMLParser):
    def __init__(self, path: Path) -> None:
        super().__init__(convert_charrefs=True)
        self.path = path
        self.found: list[OffsiteRef] = []
        self._in: str | None = None  # "script" or "style" while inside such a block
        self._block_line = 0
        self._buffer: list[str] = []

    def _add(self, line: int, kind: str, url: str) -> None:
        self.found.append(OffsiteRef(self.path, line, kind, url))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        values = {k: (v or "") for k, v in attrs}
        if tag == "iframe":
            self._add(line, "iframe", values.get("src", "") or "(no src)")
        if tag == "link":
            rels = set(values.get("rel", "").lower().split())
            if rels and rels <= NON_LOADING_REL:
                return
        for attr in LOAD_ATTRS.get(tag, ()):
            if attr not in values:
                continue
            urls = _srcset_urls(values[attr]) if attr == "srcset" else [values[attr]]
            for url in urls:
                if is_offsite(url) and tag != "iframe":
                    self._add(line, f"<{tag} {attr}>", url)
        if "style" in values:
            for _, url in css_offsite_urls(values["style"]):
                self._add(line, "style attribute url()", url)
        if tag in ("script", "style"):
            is_data = tag == "script" and values.get("type", "").lower() in _DATA_SCRIPT_TYPES
            self._in = None if is_data else tag
            self._block_line = line
            self._buffer = []

    def handle_data(self, data: str) -> None:
        if self._in:
            self._buffer.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag != self._in:
            return
        text = "".join(self._buffer)
        if tag == "style":
            for offset, url in css_offsite_urls(text):
                self._add(self._block_line + offset, "<style> url()", url)
        else:
            for match in _SCRIPT_URL.finditer(text):
                offset = text.count("\n", 0, match.start())
                self._add(self._block_line + offset, "inline script URL", match.group("url"))
        self._in = None


def scan_html(path: Path) -> list[OffsiteRef]:
    """Return the off-site references in one HTML file."""
    scanner = _PageScanner(path)
    scanner.feed(path.read_text(encoding="utf-8", errors="replace"))
    scanner.close()
    return scanner.found


def scan_css(path: Path) -> list[OffsiteRef]:
    """Return the off-site ``url()``/``@import`` references in one CSS file."""
    text = path.read_text(encoding="utf-8", errors="replace")
    return [
        OffsiteRef(path, 1 + offset, "css url()", url) for offset, url in css_offsite_urls(text)
    ]


def scan_site(root: Path) -> list[OffsiteRef]:
    """Scan every ``.html`` and ``.css`` file below ``root``."""
    found: list[OffsiteRef] = []
    for path in sorted(_walk(root, (".html", ".css"))):
        found.extend(scan_html(path) if path.suffix == ".html" else scan_css(path))
    return found


def _walk(root: Path, suffixes: Iterable[str]) -> Iterator[Path]:
    suffixes = tuple(suffixes)
    for path in root.rglob("*"):
        if path.suffix in suffixes and path.is_file():
            yield path


def main(argv: Sequence[str] | None = None) -> int:
    """``coursekit offline [SITE]``: list off-site references; exit 1 if any."""
    parser = cmdline.command_parser("offline", __doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", type=Path, default=Path("_build/html"))

    def handle(args: argparse.Namespace) -> int:
        if not args.site.is_dir():
            raise CourseKitError(f"{args.site} is not a built site folder")
        found = scan_site(args.site)
        status = cmdline.report(found)
        pages = sum(1 for _ in _walk(args.site, (".html",)))
        print(f"{len(found)} off-site references in {pages} pages under {args.site}")
        return status

    return cmdline.run(parser, handle, argv)


if __name__ == "__main__":
    raise SystemExit(main())
