"""Build hook, nothing else (the project is described in pyproject.toml).

The course package names its sources in figure text from the course bibliography,
``book/references.bib``. The file stays where the book expects it; this hook copies it into
``hipcourse`` in every wheel, so that a course installed with pip (a Colab or Binder kernel, or
a downloaded lesson's ``%pip install``) has it too (:data:`hipcourse.style.BIB_PATH`).
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

BIBLIOGRAPHY = Path("book") / "references.bib"


class BuildPyWithBibliography(build_py):
    """``build_py`` that also copies :data:`BIBLIOGRAPHY` into the built ``hipcourse``."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads book/references.bib where it is
        target = Path(self.build_lib) / "hipcourse" / "references.bib"
        self.mkpath(str(target.parent))
        self.copy_file(str(BIBLIOGRAPHY), str(target))


setup(cmdclass={"build_py": BuildPyWithBibliography})
