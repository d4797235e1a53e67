"""Light-weight scanning of MyST markdown for the check rules.

This is not a full MyST parser: it finds the handful of constructs the rules
need (images, citations, links, references, labels) while ignoring code
blocks, inline code and comments. All helpers keep line numbers intact so
findings can point at a line.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

FENCE_RE = re.compile(r"^(\s*)(`{3,}|~{3,}|:{3,})\s*(\{[^}]*\})?(.*)$")
#: A fence opening a list item (``* - ```python`` in a ``{list-table}``, ``1. ~~~``): the
#: same groups as :data:`FENCE_RE`, the list markers in the first.
LIST_FENCE_RE = re.compile(
    r"^(\s*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)+)(`{3,}|~{3,}|:{3,})\s*(\{[^}]*\})?(.*)$"
)
#: Directives whose body is code, not markdown.
CODE_DIRECTIVES = {
    "{code}",
    "{code-block}",
    "{code-cell}",
    "{sourcecode}",
    "{literalinclude}",
    "{math}",
    "{raw}",
    "{mermaid}",
}
#: A MyST role (kept) or an inline code span (blanked), scanned left to right.
ROLE_OR_CODE_RE = re.compile(r"(\{[\w:+.-]+\}`[^`]*`)|(`+)(.+?)\2", re.S)
HTML_COMMENT_RE = re.compile(r"<!--.*?-->", re.S)

MD_IMAGE_RE = re.compile(r"!\[([^\]]*)\]\(")
IMG_TAG_RE = re.compile(r"<img\b[^>]*>", re.I | re.S)
ALT_ATTR_RE = re.compile(r"""\balt\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
IMAGE_DIRECTIVE_RE = re.compile(r"^\s*(`{3,}|:{3,})\s*\{(figure|image)\}")
OPTION_RE = re.compile(r"^\s*:([A-Za-z0-9_-]+):(.*)$")
CITE_RE = re.compile(r"\{(?:foot)?cite(?::[A-Za-z]+)?\}`([^`]*)`")
REF_RE = re.compile(r"\{(?:ref|numref)\}`([^`]*)`")
LINK_RE = re.compile(r"(?<!!)\[(?:[^\]\\]|\\.)*\]\(\s*(<[^>]*>|[^)\s]+)(?:\s+[\"'(][^)]*)?\)")
LABEL_RE = re.compile(r"^\s*\(([^()\s]+)\)=\s*$")
#: ``:name: x`` / ``:label: x``, the value optionally quoted (``:name: "fig-boot"``).
NAME_OPTION_RE = re.compile(r"""^\s*:(?:name|label):\s*(?:"([^"\s]+)"|'([^'\s]+)'|(\S+))\s*$""")
RST_LABEL_RE = re.compile(r"^\s*\.\.\s+_([^:]+):\s*$")
SCHEME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


@dataclass(frozen=True)
class Hit:
    """A construct found in markdown: its 1-based ``line`` and ``value``."""

    line: int
    value: str


def _blank(text: str) -> str:
    """Replace everything but newlines with spaces (keeps positions)."""
    return re.sub(r"[^\n]", " ", text)


@functools.lru_cache(maxsize=4096)  # check strips each cell twice (labels, then rules)
def strip_code_and_comments(text: str) -> str:
    """Blank out code fences, inline code, HTML and MyST ``%`` comments.

    Directive fences (````` ```{note} ````` or ``:::{note}``) keep their body,
    except code-like directives; a code fence nested in a directive (```` ``` ```` inside
    ````` ````{note} `````, or in a ``:::`` fence) is code, and so is one opening a list
    item (the cells of a ``{list-table}``). Inline roles such as ``{cite}`key``` are kept.

    Parameters
    ----------
    text : str
        Markdown source.

    Returns
    -------
    str
        Text of the same shape with non-prose parts replaced by spaces.
    """
    text = HTML_COMMENT_RE.sub(lambda m: _blank(m.group(0)), text)
    lines = text.split("\n")
    out: list[str] = []
    fence: tuple[str, int] | None = None  # (char, length) of a code fence being skipped
    open_directives: list[tuple[str, int]] = []  # directive fences whose body is kept
    for line in lines:
        stripped = line.strip()
        if fence is not None:
            char, length = fence
            if stripped and set(stripped) == {char} and len(stripped) >= length:
                fence = None
            out.append("")
            continue
        m = FENCE_RE.match(line)
        in_item = False
        if m is None and ("`" in line or "~" in line or ":" in line):
            m = LIST_FENCE_RE.match(line)
            # CommonMark: a backtick fence's info string has no backtick (else inline code)
            in_item = m is not None and not (m.group(2)[0] == "`" and "`" in m.group(4))
            m = m if in_item else None
        if m:
            char, length = m.group(2)[0], len(m.group(2))
            directive = (m.group(3) or "").strip()
            rest = m.group(4).strip()
            if (
                not in_item
                and not directive
                and not rest
                and open_directives
                and open_directives[-1][0] == char
                and length >= open_directives[-1][1]
            ):
                open_directives.pop()
                out.append(line)
                continue
            if directive and directive not in CODE_DIRECTIVES:
                open_directives.append((char, length))
                out.append(line)
                continue
            if char != ":":
                fence = (char, length)
                out.append("")
                continue
        if line.lstrip().startswith("%"):
            out.append("")
            continue
        out.append(line)
    return "\n".join(
        line if "`" not in line or FENCE_RE.match(line) else ROLE_OR_CODE_RE.sub(_keep_roles, line)
        for line in out
    )


def _keep_roles(m: re.Match[str]) -> str:
    return m.group(0) if m.group(1) else _blank(m.group(0))


def _line_of(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def images_without_alt(text: str) -> Iterator[Hit]:
    """Yield images lacking alt text in prepared markdown.

    Covers ``![](src)`` with an empty alt, ``<img>`` without a non-empty
    ``alt`` attribute, and ``{figure}``/``{image}`` directives without an
    ``:alt:`` option.
    """
    for m in MD_IMAGE_RE.finditer(text):
        if not m.group(1).strip():
            yield Hit(_line_of(text, m.start()), "markdown image ![](...) has empty alt text")
    for m in IMG_TAG_RE.finditer(text):
        alt = ALT_ATTR_RE.search(m.group(0))
        value = "" if alt is None else next((g for g in alt.groups()[1:] if g is not None), "")
        if not value.strip():
            yield Hit(_line_of(text, m.start()), "<img> tag has no alt attribute")
    lines = text.split("\n")
    for i, line in enumerate(lines):
        m = IMAGE_DIRECTIVE_RE.match(line)
        if not m:
            continue
        has_alt = False
        body = lines[i + 1 :]
        if body and body[0].strip() == "---":  # YAML option block
            for opt_line in body[1:]:
                if opt_line.strip() == "---":
                    break
                key, _, value = opt_line.partition(":")
                if key.strip() == "alt" and value.strip():
                    has_alt = True
        for opt_line in body:
            opt = OPTION_RE.match(opt_line)
            if not opt:
                break
            if opt.group(1) == "alt" and opt.group(2).strip():
                has_alt = True
        if not has_alt:
            yield Hit(i + 1, f"{{{m.group(2)}}} directive has no :alt: option")


def cite_keys(text: str) -> Iterator[Hit]:
    """Yield every citation key used by ``{cite}``-family roles."""
    for m in CITE_RE.finditer(text):
        line = _line_of(text, m.start())
        for key in re.split(r"[,;]", m.group(1)):
            if key.strip():
                yield Hit(line, key.strip())


def ref_targets(text: str) -> Iterator[Hit]:
    """Yield targets of ``{ref}`` and ``{numref}`` roles (``text <target>`` aware)."""
    for m in REF_RE.finditer(text):
        body = m.group(1).strip()
        explicit = re.search(r"<([^<>]+)>\s*$", body)
        target = explicit.group(1) if explicit else body
        yield Hit(_line_of(text, m.start()), target.strip())


def link_targets(text: str) -> Iterator[Hit]:
    """Yield targets of inline markdown links (not images)."""
    for m in LINK_RE.finditer(text):
        target = m.group(1)
        if target.startswith("<") and target.endswith(">"):
            target = target[1:-1]
        yield Hit(_line_of(text, m.start()), target.strip())


def is_local_doc_link(target: str) -> bool:
    """Whether a link target points at a local ``.md``/``.ipynb`` file."""
    if not target or target.startswith("#") or SCHEME_RE.match(target):
        return False
    path = re.split(r"[#?]", target, maxsplit=1)[0]
    return path.lower().endswith((".md", ".ipynb"))


#: A directive whose options are a YAML block (``---`` lines) right after its fence.
YAML_OPTIONS_RE = re.compile(
    r"^[ \t]*(?:`{3,}|~{3,}|:{3,})[ \t]*\{[^}\n]+\}[^\n]*\n[ \t]*---[ \t]*\n(.*?)^[ \t]*---[ \t]*$",
    re.M | re.S,
)
YAML_NAME_RE = re.compile(r"^[ \t]*(?:name|label):[ \t]*['\"]?([^'\"\s]+)['\"]?[ \t]*$", re.M)
#: A MyST-NB ``{code-cell}`` whose options are a YAML block (``mystnb: figure: name: ...``).
CODE_CELL_OPTIONS_RE = re.compile(
    r"^[ \t]*(?:`{3,}|~{3,})[ \t]*\{code-cell\}[^\n]*\n[ \t]*---[ \t]*\n(.*?)^[ \t]*---[ \t]*$",
    re.M | re.S,
)


def code_cell_labels(text: str) -> Iterator[str]:
    """Yield the labels a MyST notebook's code cells define in their YAML options.

    ``strip_code_and_comments`` blanks code cells, options included, so :func:`labels` of
    the stripped text misses a figure named by ``mystnb: figure: name:`` (or ``mystnb:
    glue`` names): this reads them from the raw text.
    """
    for block in CODE_CELL_OPTIONS_RE.finditer(text):
        yield from YAML_NAME_RE.findall(block.group(1))


def labels(text: str) -> Iterator[str]:
    """Yield reference labels defined in markdown: ``(label)=``, a directive's ``:name:`` or
    ``:label:`` option (sphinx-proof, sphinx-exercise), and ``name:``/``label:`` in a
    directive's YAML option block (``---`` lines after the fence)."""
    for line in text.split("\n"):
        for regex in (LABEL_RE, NAME_OPTION_RE, RST_LABEL_RE):
            m = regex.match(line)
            if m:
                yield next(g for g in m.groups() if g is not None)
    for block in YAML_OPTIONS_RE.finditer(text):
        yield from YAML_NAME_RE.findall(block.group(1))
