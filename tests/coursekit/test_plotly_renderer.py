"""The myst-nb Plotly mime renderer plugin."""

from __future__ import annotations

from importlib.metadata import entry_points
from types import SimpleNamespace

from coursekit import plotly_renderer as pr


class _FakeRenderer:
    def __init__(self) -> None:
        self.js: dict = {}
        self.renderer = SimpleNamespace(
            sphinx_env=SimpleNamespace(config=SimpleNamespace(nb_plotly_js="vendor/plotly.js"))
        )

    def add_js_file(self, key, uri, kwargs) -> None:
        self.js[key] = (uri, kwargs)


def _data(content, mime=pr.PLOTLY_MIME):
    return SimpleNamespace(mime_type=mime, content=content, cell_index=3, output_index=0)


def test_plugin_is_registered_for_myst_nb() -> None:
    eps = entry_points(group="myst_nb.mime_renderers")
    assert any(ep.load() is pr.PlotlyMimeRenderer for ep in eps)


def test_renders_div_and_requests_local_plotly_js() -> None:
    fake = _FakeRenderer()
    fig = {
        "data": [{"type": "bar", "y": [1, 2]}],
        "layout": {"height": 300, "title": {"text": "T"}},
    }
    nodes = pr.PlotlyMimeRenderer.handle_mime(fake, _data(fig), inline=False)
    html = nodes[0].astext()
    assert 'class="plotly-graph-div"' in html and "height:300px" in html
    assert "Plotly.newPlot" in html and '"title":{"text":"T"}' in html
    assert fake.js["plotly"] == ("vendor/plotly.js", {"priority": pr.PLOTLY_JS_PRIORITY})


def test_same_figure_gives_same_html() -> None:
    fig = {"data": [{"type": "scatter", "y": [3]}], "layout": {}}
    a = pr.PlotlyMimeRenderer.handle_mime(_FakeRenderer(), _data(fig), inline=False)[0].astext()
    b = pr.PlotlyMimeRenderer.handle_mime(_FakeRenderer(), _data(dict(fig)), inline=False)[
        0
    ].astext()
    assert a == b


def test_script_breakout_is_escaped() -> None:
    fig = {"data": [], "layout": {"title": {"text": "</script><script>alert(1)</script>"}}}
    html = pr.figure_html(fig, "d")
    assert html.count("</script>") == 1  # only the real closing tag


def test_other_mime_types_and_inline_are_declined() -> None:
    assert (
        pr.PlotlyMimeRenderer.handle_mime(_FakeRenderer(), _data("x", "text/plain"), False) is None
    )
    assert pr.PlotlyMimeRenderer.handle_mime(_FakeRenderer(), _data({}), inline=True) is None


def test_alt_text_comes_from_meta_then_title() -> None:
    meta = {"layout": {"meta": {"alt_text": 'Bars: IR 35 deg "seated"'}, "title": {"text": "T"}}}
    html = pr.figure_html(meta, "d")
    assert 'role="figure" aria-label="Bars: IR 35 deg &quot;seated&quot;"' in html
    titled = pr.figure_html({"layout": {"title": {"text": "Range <b>of</b> motion"}}}, "d")
    assert 'aria-label="Range  of  motion"' in titled
    assert "aria-label" not in pr.figure_html({"data": []}, "d")
