"""Sphinx extension: print BibTeX's ``and others`` as *et al.* (sphinxcontrib-bibtex styles).

In BibTeX, an author list that ends ``and others`` is known only in part. pybtex and
sphinxcontrib-bibtex read it as a last person called "others" and print it as a name: the
reference list shows "Stefan Smith and others." and a two-name citation shows "(Smith and
others, 2016)". This extension adds two styles that drop that last person and write *et al.*
after the names that are known:

* ``plain_etal`` -- the formatting style of the reference list (pybtex ``plain`` otherwise);
* ``author_year_etal`` -- the citation style (sphinxcontrib-bibtex ``author_year`` otherwise).

Use in ``_config.yml``::

    sphinx:
      extra_extensions: [sphinxcontrib.bibtex, coursekit.bibtex_etal]
      config:
        bibtex_default_style: plain_etal
        bibtex_reference_style: author_year_etal

Entries with complete author lists are printed exactly as before.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

import pybtex.plugin
from pybtex.richtext import Tag, Text
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.template import (
    FieldIsMissing,
    field,
    first_of,
    node,
    optional,
    sentence,
    tag,
)
from sphinxcontrib.bibtex.plugin import register_plugin
from sphinxcontrib.bibtex.style.referencing import PersonStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle
from sphinxcontrib.bibtex.style.template import join

__all__ = ["ETAL", "AuthorYearEtAlStyle", "EtAlPersonStyle", "PlainEtAlStyle", "names_etal",
           "setup", "split_others"]

#: What stands for the unlisted authors.
ETAL = Tag("em", "et al.")


def split_others(persons: list) -> tuple[list, bool]:
    """``persons`` without a trailing BibTeX ``others``, and whether it was there."""
    if persons and str(persons[-1]).strip().lower() == "others":
        return list(persons[:-1]), True
    return list(persons), False


@node
def names_etal(children, data, role, format_person=None, **kwargs):
    """Formatted names of ``role``; a trailing ``others`` becomes " *et al.*".

    ``format_person(style, person)`` formats one name (the default is pybtex's formatting
    style's own); ``kwargs`` are the separators of sphinxcontrib-bibtex's ``join`` (``sep``,
    ``sep2``, ``last_sep``, ``other``).
    """
    assert not children
    try:
        persons = data["entry"].persons[role]
    except KeyError:
        raise FieldIsMissing(role, data["entry"]) from None
    known, others = split_others(persons)
    style = data["style"]
    if format_person is None:
        def format_person(st, person):
            return st.format_name(person, st.abbreviate_names)
    formatted = [format_person(style, p) for p in known]
    if not others:
        return join(**kwargs)[formatted].format_data(data)
    if not formatted:
        return Text(ETAL)
    if kwargs.get("other") is not None:  # a short citation: "First et al."
        formatted = formatted[:1]
    # a name style returns a template node: format it with the entry's data
    head = join(sep=kwargs.get("sep", ", "))[formatted].format_data(data)
    return Text(head, " ", ETAL)


class PlainEtAlStyle(PlainStyle):
    """pybtex's ``plain`` style, with ``and others`` printed as *et al.*"""

    def format_names(self, role, as_sentence=True):
        formatted = names_etal(role, sep=", ", sep2=" and ", last_sep=", and ")
        return sentence[formatted] if as_sentence else formatted


@dataclass
class EtAlPersonStyle(PersonStyle):
    """sphinxcontrib-bibtex's person style, with ``and others`` printed as *et al.*"""

    def _kwargs(self, full: bool) -> dict[str, Any]:
        def fmt(style, person):
            return self.style_plugin.format(person, self.abbreviate)

        return {"format_person": fmt, "sep": self.sep, "sep2": self.sep2,
                "last_sep": self.last_sep, "other": None if full else self.other}

    def names(self, role: str, full: bool):
        return names_etal(role=role, **self._kwargs(full))

    def author_or_editor_or_title(self, full: bool):
        kwargs = self._kwargs(full)
        return first_of[optional[names_etal("author", **kwargs)],
                        optional[names_etal("editor", **kwargs)], tag("em")[field("title")]]


@dataclass
class AuthorYearEtAlStyle(AuthorYearReferenceStyle):
    """sphinxcontrib-bibtex's ``author_year`` citations, with ``and others`` as *et al.*"""

    person: PersonStyle = dataclass_field(default_factory=EtAlPersonStyle)


def setup(app) -> dict[str, Any]:
    """Sphinx extension hook: register ``plain_etal`` and ``author_year_etal``."""
    pybtex.plugin.register_plugin("pybtex.style.formatting", "plain_etal", PlainEtAlStyle)
    register_plugin("sphinxcontrib.bibtex.style.referencing", "author_year_etal",
                    AuthorYearEtAlStyle)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
