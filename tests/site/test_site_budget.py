"""Every interactive figure on the built site stays within its data budget (1 MB)."""

from __future__ import annotations

import re
from pathlib import Path

FIGURE_BUDGET_BYTES = 1_000_000
_SPEC = re.compile(r"^\s*var spec = (\{.*\});$", re.M)


def figure_sizes(page: Path) -> list[int]:
    """Sizes in bytes of the figure JSON the Plotly renderer embedded in a page."""
    return [len(m.group(1).encode()) for m in _SPEC.finditer(page.read_text(encoding="utf-8"))]


def test_spec_pattern_matches_the_renderer_output() -> None:
    from coursekit.plotly_renderer import figure_html

    html = figure_html({"data": [{"type": "bar", "y": [1]}]}, "d")
    page_sizes = [len(m.group(1)) for m in _SPEC.finditer(html)]
    assert len(page_sizes) == 1 and page_sizes[0] > 10


def test_every_figure_is_within_budget(site_html: Path) -> None:
    over, count = [], 0
    for page in sorted(site_html.rglob("*.html")):
        for i, size in enumerate(figure_sizes(page)):
            count += 1
            if size > FIGURE_BUDGET_BYTES:
                over.append(f"{page.relative_to(site_html)} figure {i}: {size / 1e6:.2f} MB")
    assert count >= 1, "no Plotly figures found on the site"
    assert over == []
