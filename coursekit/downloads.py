"""Sphinx extension: a lesson's ``.ipynb`` download that stands alone.

The theme's download button links to the page's copy in the built site's ``_sources/``
folder. Sphinx puts the committed notebook there: no outputs (lessons are committed stripped)
and no word on what the course is or how to get the package its code cells import. When the
build has finished, this extension writes over each of those copies, atomically:

* the notebook **with its executed outputs**, read from myst-nb's jupyter-cache (the one
  place that keeps them on every build: a cached rebuild writes ``jupyter_execute/``
  notebooks without outputs), else from myst-nb's ``jupyter_execute/`` copy when that one has
  outputs (``execute_notebooks: force``), else as committed;
* a **first markdown cell** that names the course, links its repository and says how to
  install the course package in a clone (``pip install -r requirements.txt`` then
  ``pip install -e .``) or in Colab or Binder (``%pip install ...``).

Text notebooks (MyST Markdown with a kernel) get the same, in the ``.ipynb`` copy the theme
offers for them when launch buttons are on. The committed notebooks are never changed.
Use in ``_config.yml``::

    sphinx:
      extra_extensions: [coursekit.downloads]

Every value it uses is a Sphinx setting (``sphinx.config`` in ``_config.yml``); the defaults
read what Jupyter Book already has:

``coursekit_download_repository``
    the repository URL; default: ``repository.url`` of ``_config.yml`` (the theme's
    ``repository_url``). Without one, no note is added (the outputs still are).
``coursekit_download_course``
    the course's name; default: ``title`` of ``_config.yml`` (``html_title``, else
    ``project``).
``coursekit_download_requirements``
    the requirements file a clone installs; default ``requirements.txt``.
``coursekit_download_pip``
    what ``%pip install`` installs in Colab or Binder; default: ``git+<repository>``,
    written ``name[extras] @ git+<repository>`` when the book root's ``pyproject.toml``
    names the project and declares extras (every extra except the ones that pull in
    ``jupyter-book``: those build the site, a lesson does not need them).
``coursekit_download_cache``
    the jupyter-cache folder; default: myst-nb's (``_build/.jupyter_cache``).
``coursekit_download_sources``
    the folder of the built site the button links to; default ``_sources``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import nbformat

from .nbio import atomic_write
from .setupcell import pip_requirement

__all__ = ["NOTE_CELL_ID", "download_note", "executed_notebook", "pip_requirement",
           "read_notebook", "setup", "standalone_notebook", "write_downloads"]

#: The id of the note cell (so a second pass never adds a second note).
NOTE_CELL_ID = "coursekit-download-note"


def download_note(course: str, repository: str, pip: str,
                  requirements: str = "requirements.txt") -> str:
    """The Markdown of the note cell that opens every downloaded notebook."""
    folder = repository.rstrip("/").rsplit("/", 1)[-1].removesuffix(".git")
    named = f"*{course}*" if course else "an open course"
    return "\n".join([
        "**About this notebook**",  # plain Markdown: it reads the same in Colab and Lab
        "",
        f"This notebook is one lesson of {named}, an open course.",
        f"The whole course, with every lesson, is at <{repository}>.",
        "The outputs below (figures and tables) were made when the course site was built.",
        "",
        "The code cells use the course's own Python package. Install it before you run them:",
        "",
        "- **On your computer**, in a copy of the repository:",
        "",
        "  ```bash",
        f"  git clone {repository}",
        f"  cd {folder}",
        f"  pip install -r {requirements}",
        "  pip install -e .",
        "  ```",
        "",
        "- **In Colab or Binder**, run this in a new code cell first:",
        "",
        "  ```",
        f'  %pip install "{pip}"',
        "  ```",
    ])


def _has_outputs(nb: nbformat.NotebookNode) -> bool:
    return any(cell.get("outputs") for cell in nb.cells)


def read_notebook(source: Path, md_config: Any = None,
                  nb_config: Any = None) -> nbformat.NotebookNode | None:
    """``source`` as a notebook, the way myst-nb reads it when its configurations are given
    (so a MyST Markdown notebook matches its cache entry), else an ``.ipynb`` with nbformat;
    ``None`` if it is no notebook."""
    if md_config is not None and nb_config is not None:
        from myst_nb.core.read import create_nb_reader

        text = source.read_text(encoding="utf-8")
        reader = create_nb_reader(str(source), md_config, nb_config, text)
        return None if reader is None else reader.read(text)
    if source.suffix == ".ipynb":
        return nbformat.read(source, as_version=4)
    return None


def executed_notebook(source: Path, cache: Path | None = None, executed: Path | None = None,
                      nb: nbformat.NotebookNode | None = None) -> nbformat.NotebookNode:
    """The notebook at ``source`` (or ``nb``, read from it) with its executed outputs: from
    the jupyter-cache folder ``cache`` if it holds this exact notebook, else from
    ``executed`` (myst-nb's ``jupyter_execute`` copy) if that has outputs and the same
    cells, else as it is."""
    if nb is None:
        nb = nbformat.read(source, as_version=4)
    if cache is not None and cache.is_dir():
        from jupyter_cache import get_cache

        try:
            _, merged = get_cache(str(cache)).merge_match_into_notebook(nb)
            return merged
        except KeyError:  # not in the cache (changed since, or never executed)
            pass
    if executed is not None and executed.is_file():
        done = nbformat.read(executed, as_version=4)
        if _has_outputs(done) and [c.source for c in done.cells] == [c.source for c in nb.cells]:
            return done
    return nb


def standalone_notebook(nb: nbformat.NotebookNode, note: str | None) -> nbformat.NotebookNode:
    """``nb`` opened by the ``note`` cell (once; ``None`` adds none)."""
    if note is None or (nb.cells and nb.cells[0].get("id") == NOTE_CELL_ID):
        return nb
    cell = nbformat.v4.new_markdown_cell(note)
    if (nb.nbformat, nb.nbformat_minor) >= (4, 5):
        cell["id"] = NOTE_CELL_ID
    else:
        cell.pop("id", None)
    nb.cells.insert(0, cell)
    return nb


def _settings(app: Any) -> dict[str, Any]:
    config = app.config
    theme = getattr(config, "html_theme_options", None) or {}
    repository = config.coursekit_download_repository or theme.get("repository_url") or ""
    mystnb = getattr(app.env, "mystnb_config", None)
    cache = config.coursekit_download_cache or getattr(mystnb, "execution_cache_path", "") or ""
    output = getattr(mystnb, "output_folder", "") or ""
    pip = config.coursekit_download_pip or (
        pip_requirement(repository, Path(app.confdir) / "pyproject.toml") if repository else "")
    return {
        "repository": repository,
        "course": config.coursekit_download_course or getattr(config, "html_title", "")
        or config.project,
        "pip": pip,
        "requirements": config.coursekit_download_requirements,
        "cache": Path(app.confdir, cache) if cache else None,
        "executed": Path(output) if output else None,
    }


def write_downloads(app: Any) -> list[Path]:
    """Write the standalone copy of every notebook page into the built site; return them."""
    config = app.config
    if app.builder.format != "html" or not config.html_copy_source:
        return []
    s = _settings(app)
    note = (download_note(s["course"], s["repository"], s["pip"], s["requirements"])
            if s["repository"] else None)
    sources = Path(app.outdir, config.coursekit_download_sources)
    written = []
    md_config = getattr(app.env, "myst_config", None)
    nb_config = getattr(app.env, "mystnb_config", None)
    for docname in sorted(app.env.found_docs):
        source = Path(app.env.doc2path(docname))
        if source.suffix == ".ipynb":
            name = docname + source.suffix
            if source.suffix != config.html_sourcelink_suffix:
                name += config.html_sourcelink_suffix
        else:  # a text notebook, when the theme offers it as .ipynb (launch buttons on)
            name = docname + ".ipynb"
            if not (sources / name).is_file():
                continue
        if not source.is_file():
            continue
        nb = read_notebook(source, md_config, nb_config)
        if nb is None:
            continue
        executed = s["executed"] / f"{docname}.ipynb" if s["executed"] else None
        nb = standalone_notebook(executed_notebook(source, s["cache"], executed, nb), note)
        nb.metadata.pop("source_map", None)  # myst-nb's, for its own error messages
        target = sources / name
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(target, nbformat.writes(nb))  # a reader never sees half a file
        written.append(target)
    return written


def _on_build_finished(app: Any, exception: BaseException | None) -> None:
    if exception is None:
        write_downloads(app)


def setup(app: Any) -> dict[str, Any]:
    app.add_config_value("coursekit_download_repository", "", "html", [str])
    app.add_config_value("coursekit_download_course", "", "html", [str])
    app.add_config_value("coursekit_download_requirements", "requirements.txt", "html", [str])
    app.add_config_value("coursekit_download_pip", "", "html", [str])
    app.add_config_value("coursekit_download_cache", "", "html", [str])
    app.add_config_value("coursekit_download_sources", "_sources", "html", [str])
    app.connect("build-finished", _on_build_finished)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
