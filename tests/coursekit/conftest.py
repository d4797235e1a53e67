"""Fixtures shared by the coursekit tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest


@pytest.fixture
def empty_book(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The smallest book (a toc and its root page); the working directory is its root."""
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: intro\n")
    (tmp_path / "intro.md").write_text("# Intro\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


EditAfterRead = Callable[[ModuleType, str, Callable[[Path], None]], None]


@pytest.fixture
def edit_after_read(monkeypatch: pytest.MonkeyPatch) -> EditAfterRead:
    """Make ``module.reader`` simulate someone saving the file right after coursekit read it.

    Call it as ``edit_after_read(module, "reader_name", edit)``; ``edit(path)`` runs
    after the real reader returned, as an editor (Jupyter) saving meanwhile would.
    """

    def install(module: ModuleType, name: str, edit: Callable[[Path], None]) -> None:
        real = getattr(module, name)

        def read_then_edit(path: Path, *args: Any, **kwargs: Any) -> Any:
            result = real(path, *args, **kwargs)
            edit(Path(path))
            return result

        monkeypatch.setattr(module, name, read_then_edit)

    return install
