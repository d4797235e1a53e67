"""Numbers quoted in lesson prose, computed from the model or taken from the published data.

No model output and no published number is typed into a lesson's Markdown. Each lesson has a
module here (``lesson01`` ... ``lesson05``) whose upper-case names are the numbers (as short
formatted texts) its prose uses; the lesson's first code cell imports them
(``from hipcourse.numbers.lesson02 import *``) and the prose pastes them with MyST's inline
``{eval}`` role, e.g. ``{eval}`IR_SEATED```. The lessons run in myst-nb's ``inline`` execution
mode (notebook metadata ``mystnb.execution_mode``) so that the site evaluates the roles at
build time; in JupyterLab, jupyterlab-myst evaluates them once the cell has run.

Numbers quoted on more than one page are defined once in :mod:`hipcourse.numbers.common`,
which every page module re-exports. The tests check that every ``{eval}`` name of a page
exists in its module, and that every number defined here is quoted somewhere.
"""

from __future__ import annotations

__all__ = ["Prose", "exported", "num", "span", "spread"]


class Prose(str):
    """A short text pasted into prose: shows without quotes as plain text and as Markdown."""

    def __repr__(self) -> str:
        return str(self)

    def _repr_markdown_(self) -> str:
        return str(self)


def num(value: float, digits: int = 0) -> Prose:
    """``value`` with ``digits`` decimals (``num(37.9)`` -> ``"38"``)."""
    return Prose(f"{value:.{digits}f}")


def span(low: float, high: float, digits: int = 0) -> Prose:
    """A range ``"35–45"`` (an en dash), or one number when both ends round alike."""
    lo, hi = f"{low:.{digits}f}", f"{high:.{digits}f}"
    return Prose(lo if lo == hi else f"{lo}\u2013{hi}")


def spread(values, digits: int = 0) -> Prose:
    """The range of ``values``, lowest to highest, as :func:`span` writes it."""
    values = list(values)
    return span(min(values), max(values), digits)


def exported(namespace: dict) -> list[str]:
    """The upper-case names of a numbers module (its ``__all__``)."""
    return sorted(n for n, v in namespace.items() if n.isupper() and isinstance(v, Prose))
