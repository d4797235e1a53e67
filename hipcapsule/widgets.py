"""ipywidgets controls for the course (these need a live Jupyter kernel).

Each control keeps its state in a small class whose ``update`` method is what
the widget callback calls, so tests can drive it without a browser.

Plotly's ``FigureWidget`` needs the optional ``anywidget`` package. When it is
not installed the explorer still works: it shows the same information as an
HTML table (``figure`` is then ``None``).
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import plotly.graph_objects as go

from hipcapsule import explorer_state, figures, norms

__all__ = [
    "LIVE_EXPLORERS",
    "RestraintExplorer",
    "RotationExplorer",
    "TightnessRomExplorer",
    "restraint_explorer",
    "rotation_explorer",
    "tightness_explorer",
]


def _figure_widget(fig: go.Figure) -> go.FigureWidget | None:
    """Wrap a figure as a FigureWidget, or return None if anywidget is missing."""
    try:
        return go.FigureWidget(fig)
    except ImportError:
        return None


class RestraintExplorer:
    """Dropdown of ligaments that updates a bar chart and a description.

    Parameters
    ----------
    ligament_key : str, default "ischiofemoral"
        Ligament shown first; a key from :data:`hipcapsule.norms.LIGAMENT_KEYS`.

    Attributes
    ----------
    dropdown : ipywidgets.Dropdown
        Choice of ligament; its value is a ligament key.
    figure : plotly.graph_objects.FigureWidget or None
        Restraint-role bar chart, updated in place with ``batch_update``.
    details : ipywidgets.HTML
        Origin, insertion, course, restraint table and sources.
    box : ipywidgets.VBox
        The assembled control to display.
    """

    def __init__(self, ligament_key: str = "ischiofemoral") -> None:
        norms.ligament_by_key(ligament_key)  # validate once, at the boundary
        self.dropdown = widgets.Dropdown(
            options=[(lig.name, lig.key) for lig in norms.LIGAMENTS],
            value=ligament_key,
            description="Ligament:",
            style={"description_width": "initial"},
            layout=widgets.Layout(width="420px"),
        )
        self.figure = _figure_widget(figures.ligament_profile_figure(ligament_key))
        self.details = widgets.HTML(value=self.describe(ligament_key))
        self.dropdown.observe(self._on_change, names="value")
        children: list[widgets.Widget] = [self.dropdown]
        if isinstance(self.figure, widgets.Widget):
            children.append(self.figure)
        children.append(self.details)
        self.box = widgets.VBox(children)

    # -- live-explorer protocol (see hipcapsule.explorers) ---------------------------------
    @property
    def controls(self) -> dict[str, widgets.ValueWidget]:
        """The one control: ``{"ligament": dropdown}``."""
        return {"ligament": self.dropdown}

    @property
    def view(self) -> widgets.VBox:
        """The widget to display (same as :attr:`box`)."""
        return self.box

    def state(self) -> dict:
        """The ligament shown and its restraint level (0, 1, 2) for each motion."""
        key = self.dropdown.value
        return {
            "ligament": key,
            "levels": {m: norms.restraint_level(key, m) for m in norms.RESTRAINT_MOTIONS},
        }

    def _repr_mimebundle_(self, **kwargs) -> dict:
        return self.box._repr_mimebundle_(**kwargs)

    def _on_change(self, change: dict) -> None:
        self.update(change["new"])

    def update(self, ligament_key: str) -> None:
        """Show ``ligament_key``: change bars and colours in place, rewrite the text."""
        ligament = norms.ligament_by_key(ligament_key)
        if self.figure is not None:
            x, y, colours, hover = figures.ligament_profile_data(ligament)
            with self.figure.batch_update():
                bar = self.figure.data[0]
                bar.x = x
                bar.y = y
                bar.marker.color = colours
                bar.hovertext = hover
                self.figure.layout.title.text = f"Restraint role for each motion: {ligament.name}"
        self.details.value = self.describe(ligament_key)

    @staticmethod
    def describe(ligament_key: str) -> str:
        """HTML description of one ligament (anatomy, restraints, sources)."""
        ligament = norms.ligament_by_key(ligament_key)
        esc = html.escape
        rows = []
        for motion in norms.RESTRAINT_MOTIONS:
            role = ligament.role_for(motion)
            context = ligament.context_for(motion)
            colour = figures.ROLE_COLOURS[role]
            text_colour = "#ffffff" if role == "primary" else "#000000"
            rows.append(
                "<tr>"
                f"<td style='padding:2px 8px'>{esc(motion)}</td>"
                f"<td style='padding:2px 8px;background:{colour};color:{text_colour}'>"
                f"{esc(role)}</td>"
                f"<td style='padding:2px 8px'>{esc(context)}</td>"
                "</tr>"
            )
        return (
            f"<h4 style='margin:4px 0'>{esc(ligament.name)}</h4>"
            f"<p><b>Starts:</b> {esc(ligament.pelvic_origin)}<br>"
            f"<b>Ends:</b> {esc(ligament.femoral_insertion)}<br>"
            f"<b>Course:</b> {esc(ligament.course)}</p>"
            "<table style='border-collapse:collapse'>"
            "<tr><th style='text-align:left;padding:2px 8px'>Motion</th>"
            "<th style='text-align:left;padding:2px 8px'>Role</th>"
            "<th style='text-align:left;padding:2px 8px'>When</th></tr>"
            + "".join(rows)
            + "</table>"
            f"<p style='font-size:90%'>Sources: {esc(', '.join(ligament.source_keys))}</p>"
        )


def restraint_explorer(ligament_key: str = "ischiofemoral") -> widgets.VBox:
    """Build the ligament explorer and return the control to display.

    The returned box holds the dropdown first and the description last; the
    :class:`RestraintExplorer` driving it is attached as ``box.explorer``.

    Parameters
    ----------
    ligament_key : str, default "ischiofemoral"
        Ligament shown first.

    Returns
    -------
    ipywidgets.VBox
        Dropdown, restraint bar chart (if ``anywidget`` is installed) and text.
    """
    explorer = RestraintExplorer(ligament_key)
    explorer.box.explorer = explorer
    return explorer.box


# ===========================================================================
# Lesson 02: tight capsule and range of motion
# ===========================================================================


class _TightnessExplorerBase:
    """Region buttons and a tightness slider driving a FigureWidget (shared plumbing).

    Subclasses set :meth:`_build_figure`, :meth:`_compute` (the model state, from
    :mod:`hipcapsule.explorer_state`) and :meth:`_values` (Plotly attributes of the two
    state-dependent traces, from :mod:`hipcapsule.figures`); both are the same functions
    the static figure uses for its precomputed slider steps.

    Attributes
    ----------
    controls : dict
        ``"region"`` (ToggleButtons, a key of ``hipcapsule.REGIONS``) and ``"tightness"``
        (FloatSlider over the region's meaningful range; readout in percent slack shortening).
    figure : plotly.graph_objects.FigureWidget
        Updated in place inside ``batch_update``; the last two traces are the tight capsule.
    view : ipywidgets.VBox
        Controls, figure and a one-line status to display.
    """

    def __init__(self, region: str = "whole",
                 fraction: float = explorer_state.DEFAULT_FRACTION) -> None:
        t_max = explorer_state.meaningful_max(region)
        t = explorer_state.tightness_from_fraction(region, fraction)
        region_buttons = widgets.ToggleButtons(
            options=[(figures.REGION_LABELS[r], r) for r in figures.REGION_ORDER],
            value=region,
            description="Tight part:",
            style={"description_width": "initial", "button_width": "auto"},
        )
        slider = widgets.FloatSlider(
            value=t,
            min=0.0,
            max=t_max,
            step=t_max / 200,
            description="Tightness (slack shortened by):",
            readout_format=".1%",
            continuous_update=True,
            style={"description_width": "initial"},
            layout=widgets.Layout(width="640px"),
        )
        self.controls: dict[str, widgets.ValueWidget] = {
            "region": region_buttons,
            "tightness": slider,
        }
        self.figure = go.FigureWidget(self._build_figure(region, fraction))
        self.status = widgets.HTML()
        self.view = widgets.VBox([region_buttons, slider, self.figure, self.status])
        self._state: dict = {}
        self._holding = False
        region_buttons.observe(self._on_region, names="value")
        slider.observe(self._on_tightness, names="value")
        self.update()

    # subclass hooks ---------------------------------------------------------------------
    def _build_figure(self, region: str, fraction: float) -> go.Figure:  # pragma: no cover
        raise NotImplementedError

    def _compute(self, region: str, tightness: float) -> dict:  # pragma: no cover
        raise NotImplementedError

    def _values(self, state: dict) -> list[dict]:  # pragma: no cover
        raise NotImplementedError

    # callbacks --------------------------------------------------------------------------
    def _on_region(self, change: dict) -> None:
        """Keep the slider at the same share of the new region's meaningful range."""
        slider = self.controls["tightness"]
        share = slider.value / slider.max if slider.max > 0 else 0.0
        new_max = explorer_state.meaningful_max(change["new"])
        self._holding = True
        try:
            if new_max > slider.max:
                slider.max = new_max
                slider.step = new_max / 200
            else:
                slider.step = new_max / 200
                slider.max = new_max
            slider.value = min(share * new_max, new_max)
        finally:
            self._holding = False
        self.update()

    def _on_tightness(self, change: dict) -> None:
        if not self._holding:
            self.update()

    def update(self) -> None:
        """Recompute the model for the current controls and redraw the tight-capsule traces."""
        region = self.controls["region"].value
        tightness = float(self.controls["tightness"].value)
        self._state = self._compute(region, tightness)
        values = self._values(self._state)
        traces = self.figure.data[-len(values):]
        with self.figure.batch_update():
            for trace, attrs in zip(traces, values, strict=True):
                for key, value in attrs.items():
                    trace[key] = value
        share = tightness / self.controls["tightness"].max * 100
        self.status.value = (
            f"<span style='font-size:90%'>{figures.REGION_LABELS[region]}: slack length "
            f"shortened by {100 * tightness:.1f} % ({share:.0f} % of the range in which "
            "the model stays meaningful).</span>"
        )

    def state(self) -> dict:
        """The model outputs currently displayed (see the subclass)."""
        return dict(self._state)

    def _repr_mimebundle_(self, **kwargs) -> dict:
        return self.view._repr_mimebundle_(**kwargs)


class TightnessRomExplorer(_TightnessExplorerBase):
    """Explorer 1, live: tightness -> six ROM bars and the circumduction envelope.

    :meth:`state` returns :func:`hipcapsule.explorer_state.rom_state` for the current
    controls: ``{"region", "tightness", "rom": {motion: deg}, "limited_by": {...},
    "solid_angle_sr": float, "envelope": {...}}``.
    """

    def _build_figure(self, region: str, fraction: float) -> go.Figure:
        return figures.tightness_rom_figure(region, fraction, n_steps=0, regions=(region,))

    def _compute(self, region: str, tightness: float) -> dict:
        return explorer_state.rom_state(region, tightness)

    def _values(self, state: dict) -> list[dict]:
        vals = figures.tightness_rom_values(state)
        return [vals["bar"], vals["polar"]]


class RotationExplorer(_TightnessExplorerBase):
    """Explorer 2, live: internal and external rotation limits along hip flexion 0-120 deg.

    :meth:`state` returns :func:`hipcapsule.explorer_state.rotation_curve_state`:
    ``{"region", "tightness", "flexion_deg", "ir", "er", "ir_limited_by",
    "er_limited_by"}`` (degrees; ``"bone"`` where the neck meets the socket rim).
    """

    def _build_figure(self, region: str, fraction: float) -> go.Figure:
        return figures.rotation_position_figure(region, fraction, n_steps=0, regions=(region,))

    def _compute(self, region: str, tightness: float) -> dict:
        return explorer_state.rotation_curve_state(region, tightness)

    def _values(self, state: dict) -> list[dict]:
        vals = figures.rotation_position_values(state)
        return [vals["ir"], vals["er"]]


def tightness_explorer(
    region: str = "whole", fraction: float = explorer_state.DEFAULT_FRACTION
) -> TightnessRomExplorer:
    """Explorer 1 (live): capsule tightness -> range of motion. Display it as a cell's value.

    Parameters
    ----------
    region : {"whole", "anterior", "posterior", "inferior"}, default "whole"
    fraction : float, default 0.5
        Starting tightness as a share of the region's meaningful range.
    """
    return TightnessRomExplorer(region, fraction)


def rotation_explorer(
    region: str = "whole", fraction: float = explorer_state.DEFAULT_FRACTION
) -> RotationExplorer:
    """Explorer 2 (live): rotation limits as the hip bends. Display it as a cell's value.

    Parameters are as in :func:`tightness_explorer`.
    """
    return RotationExplorer(region, fraction)


#: Live explorers of this module, by name (merged by :mod:`hipcapsule.explorers`).
LIVE_EXPLORERS = {
    "ligament_restraint": RestraintExplorer,
    "tightness_rom": tightness_explorer,
    "rotation_position": rotation_explorer,
}
