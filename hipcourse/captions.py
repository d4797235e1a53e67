"""The one caption helper: a figure's alt text shown as a Markdown description in a lesson.

An explorer's caption module returns plain text (it is also the figure's alt text, so citation
keys stay plain there). :func:`caption` wraps it as a :class:`Caption`, which a notebook shows
as Markdown: the label in bold, then the text with every known citation key turned into a MyST
``{cite}`` role (the notebook's ``mystnb.render_markdown_format`` must be ``myst``).
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["Caption", "caption", "cite_roles", "known_source_keys"]


@lru_cache(maxsize=1)
def known_source_keys() -> frozenset[str]:
    """Citation keys of every published number, evidence row and content record the course uses.

    Includes every source of the model's evidence table (:func:`hipcapsule.evidence.source_keys`,
    e.g. ``myers2011``), so a caption can cite any study the model is calibrated on or compared
    with, and the sources every figure of :mod:`hipcourse.figures` declares.
    """
    from hipcapsule import evidence, published

    from . import figures
    from .content import dose, ligaments

    keys = (published.all_source_keys() | dose.all_source_keys() | ligaments.source_keys()
            | figures.source_keys())
    return frozenset(keys | evidence.source_keys())


def cite_roles(text: str, keys=None) -> str:
    """Turn citation keys in ``text`` (optionally in brackets) into MyST ``{cite}`` roles.

    Parameters
    ----------
    text : str
    keys : iterable of str, optional
        Keys to convert (default :func:`known_source_keys`).
    """
    for key in sorted(known_source_keys() if keys is None else keys):
        text = re.sub(rf"\(?\b{re.escape(key)}\b\)?", f"{{cite}}`{key}`", text)
    return text


class Caption(str):
    """A figure's description: plain text everywhere, Markdown with citations in a notebook.

    Attributes
    ----------
    label : str
        "Figure 1", "Explorer 2", ...; shown in bold before the text.
    """

    label: str = "Figure"

    def _repr_markdown_(self) -> str:
        body = str(self)
        prefix = f"{self.label}. "
        if body.startswith(prefix):
            body = body[len(prefix):]
        return f"**{self.label} (description).** {cite_roles(body)}"


def caption(label: str, text: str) -> Caption:
    """Wrap a figure's alt text as a :class:`Caption` labelled ``label``."""
    out = Caption(text)
    out.label = label
    return out
