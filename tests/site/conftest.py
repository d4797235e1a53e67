"""Fixtures shared by the browser tests of the built site and of JupyterLab.

A module chooses its Chromium flags with a module-level ``CHROMIUM_ARGS`` (default: the flags
of :data:`coursekit.siteaudit.CHROMIUM_ARGS`, the ones ``coursekit audit`` uses); a module that
serves something other than the built site defines its own ``site_url``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from support import chromium, serve_directory

from coursekit import siteaudit


@pytest.fixture(scope="module")
def site_url(site_html: Path) -> Iterator[str]:
    """The built site served over HTTP on localhost (one server per module)."""
    with serve_directory(site_html) as url:
        yield url


@pytest.fixture(scope="module")
def browser(request: pytest.FixtureRequest, chromium_path: str):
    """One headless Chromium per module, started with the module's ``CHROMIUM_ARGS``."""
    args = list(getattr(request.module, "CHROMIUM_ARGS", siteaudit.CHROMIUM_ARGS))
    with chromium(chromium_path, args) as b:
        yield b
