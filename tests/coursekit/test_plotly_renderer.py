"""The myst-nb Plotly mime renderer plugin."""

from __future__ import annotations

from importlib.metadata import entry_points
from types import SimpleNamespace

import pytest

from coursekit import plotly_renderer as pr
from coursekit.errors import CourseKitError


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
    # deferred: the page paints before plotly.js runs; the figure draws on DOMContentLoaded
    assert fake.js["plotly"] == ("vendor/plotly.js",
                                 {"priority": pr.PLOTLY_JS_PRIORITY, "defer": "defer"})
    assert "addEventListener('DOMContentLoaded', draw)" in html


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


def _controlled_figure() -> dict:
    return {
        "data": [{"type": "bar", "y": [1]}],
        "layout": {
            "updatemenus": [
                {"name": "region_choice", "active": 1, "buttons": [
                    {"label": "Whole <b>capsule</b>", "method": "restyle", "args": [{"y": [[1]]}]},
                    {"label": "Posterior", "method": "restyle", "args": [{"y": [[2]]}]},
                    {"label": "hidden", "visible": False, "method": "skip", "args": []},
                ]},
                {"buttons": [{"label": "A & B", "method": "relayout", "args": [{}]}]},
            ],
            "sliders": [{"active": 2, "currentvalue": {"prefix": "Tightness: "}, "steps": [
                {"label": f"{v} %", "method": "restyle", "args": [{"y": [[v]]}]}
                for v in (0, 10, 20)]}],
        },
    }


def test_controls_get_html_twins_for_keyboard_and_screen_readers() -> None:
    html = pr.figure_html(_controlled_figure(), "g1")
    box = html[html.index('<div class="plotly-a11y-controls"'):html.index("<script>")]
    assert 'id="g1-controls" role="group"' in box
    # one fieldset per menu, named from `name` (or numbered), one button per visible entry
    assert "<legend" in box and ">Region choice</legend>" in box and ">Options 2</legend>" in box
    assert box.count("<button") == 3 and "hidden" not in box
    assert '>Whole capsule</button>' in box and ">A &amp; B</button>" in box
    assert 'data-menu="0" data-index="1" aria-pressed="true"' in box
    assert 'data-menu="0" data-index="0" aria-pressed="false"' in box
    # the slider: a range input over the step indices, labelled by the read-out prefix
    assert '<label for="g1-slider-0"' in box and ">Tightness</label>" in box
    assert 'type="range" id="g1-slider-0" data-slider="0" min="0" max="2"' in box
    assert 'value="2" aria-valuetext="20 %"' in box and "<output" in box
    assert 'aria-live="polite"' in box
    # the wiring runs the step's own method and arguments
    assert "window.Plotly[method].apply(null, [el].concat(step.args || []))" in html
    assert "plotly_sliderchange" in html and "plotly_buttonclicked" in html


def test_figures_without_controls_get_no_twins_and_no_wiring() -> None:
    html = pr.figure_html({"data": [{"type": "bar", "y": [1]}], "layout": {}}, "g2")
    assert "plotly-a11y-controls" not in html and "plotly_sliderchange" not in html
    assert pr.controls_html({"updatemenus": [{"buttons": []}], "sliders": []}, "g3") == ""


def test_control_labels_cannot_break_out_of_the_markup() -> None:
    fig = _controlled_figure()
    fig["layout"]["sliders"][0]["steps"][0]["label"] = '"><script>alert(1)</script>'
    fig["layout"]["sliders"][0]["active"] = 0
    html = pr.figure_html(fig, "g4")
    box = html[html.index('<div class="plotly-a11y-controls"'):html.index("<script>")]
    assert "<script" not in box and html.count("</script>") == 1
    assert 'aria-valuetext="&quot;&gt; alert(1)"' in box


def test_the_toolbar_offers_no_online_service() -> None:
    import json
    import re

    html = pr.figure_html({"data": [{"type": "bar", "y": [1]}], "layout": {}}, "f1")
    spec = json.loads(re.search(r"var spec = (\{.*?\});\n", html).group(1))
    config = spec["config"]
    assert config["displaylogo"] is False and config["showSendToCloud"] is False
    assert config["showEditInChartStudio"] is False and config["showLink"] is False
    assert {"sendDataToCloud", "editInChartStudio"} <= set(config["modeBarButtonsToRemove"])
    # a figure's own config still wins
    html = pr.figure_html({"data": [], "layout": {}, "config": {"displaylogo": True}}, "f2")
    assert '"displaylogo":true' in html


def test_every_figure_gets_the_phone_layout_script() -> None:
    """The phone layout (coursekit.plotly_renderer.NARROW_MAX_PX) is wired into every figure;
    a figure's own ``layout.meta.narrow`` travels in its spec (browser-tested on the site)."""
    narrow = {"xaxis.domain": [0, 1], "data.colorbar.x": 0.8}
    html = pr.figure_html({"data": [], "layout": {"meta": {"narrow": narrow}}}, "f3")
    assert "narrowUpdate" in html and f"el.clientWidth <= {pr.NARROW_MAX_PX}" in html
    assert '"narrow":{"data.colorbar.x":0.8,"xaxis.domain":[0,1]}' in html  # sorted keys
    assert "narrowUpdate" in pr.figure_html({"data": [], "layout": {}}, "f4")


def _bundle(folder, name: str, traces: str, size: int) -> None:
    (folder / name).write_text(f"/*! plotly.js 9.9.9 partial bundle; traces: {traces} */\n"
                               + "x" * size, encoding="utf-8")


def test_each_page_gets_the_smallest_bundle_covering_all_its_figures(tmp_path) -> None:
    static = tmp_path / "static"
    (static / "p").mkdir(parents=True)
    _bundle(static / "p", "small.js", "bar,scatter", 10)
    _bundle(static / "p", "big.js", "bar,scatter,scatter3d", 1000)
    document: dict = {}
    fake = _FakeRenderer()
    fake.renderer = SimpleNamespace(document=document, sphinx_env=SimpleNamespace(
        srcdir=str(tmp_path), config=SimpleNamespace(
            nb_plotly_js="p/all.js", nb_plotly_bundles=["p/big.js", "p/small.js"],
            html_static_path=["static"])))

    def show(*types):
        fig = {"data": [{"type": t, "y": [1]} for t in types]}
        pr.PlotlyMimeRenderer.handle_mime(fake, _data(fig), inline=False)
        return fake.js["plotly"][0]

    assert show("bar") == "p/small.js"
    assert show("scatter3d") == "p/big.js"  # the page now needs bar and scatter3d
    assert show("scatter") == "p/big.js"  # a later 2-D figure does not shrink the page's bundle
    assert show("pie") == "p/all.js"  # no partial bundle has pie: all of plotly.js


def test_trace_types_include_frames_and_default_to_scatter() -> None:
    fig = {"data": [{"y": [1]}, {"type": "bar"}], "frames": [{"data": [{"type": "heatmap"}]}]}
    assert pr.trace_types(fig) == {"scatter", "bar", "heatmap"}


def test_a_bundle_without_its_banner_or_missing_is_a_clear_error(tmp_path) -> None:
    (tmp_path / "b.js").write_text("var Plotly;")
    with pytest.raises(CourseKitError, match="no 'traces:' banner"):
        pr.choose_bundle(frozenset({"bar"}), ("b.js",), "all.js", str(tmp_path), (".",))
    with pytest.raises(CourseKitError, match="none of the html_static_path"):
        pr.choose_bundle(frozenset({"bar"}), ("gone.js",), "all.js", str(tmp_path), (".",))
