"""What explorers 1 and 2 share: region buttons, a tightness slider over each region's
meaningful range, the figure frame that keeps them apart, and the live base class."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import hipcapsule as hc
from hipcapsule import ensemble
from hipcapsule.rom import DEFAULT_BAND_PCT

from .. import style
from .base import Control, ExplorerBase, LiveView, Option, live_figure, plotly_controls

__all__ = [
    "BAND_COLOUR",
    "DEFAULT_FRACTION",
    "DEFAULT_STEPS",
    "RegionFigure",
    "RegionTightnessLive",
    "build_region_figure",
    "TightnessSettings",
    "band_label",
    "band_words",
    "figure_only",
    "finish",
    "fractions",
    "frame_layout",
    "meaningful_max",
    "precompute",
    "region_controls",
    "tightness_from_fraction",
    "visible_traces",
]

#: Where the tightness slider starts, as a share of the region's meaningful range.
DEFAULT_FRACTION: float = 0.5

#: Slider steps of the static explorers: shares of the meaningful tightness range.
DEFAULT_STEPS: int = 21

_SLIDER_GAP_PX = 80  # from the bottom of the plot area to the slider (leaves the axis title)
_SLIDER_BLOCK_PX = 185  # axis title, slider and its labels
_TOP_PX = 110  # title and region buttons
_PLOT_PX = 370  # height of the plot area
_SLIDER_PREFIX = "Tightness, share of the model's meaningful range: "


#: Fill of the model's ensemble band (a dark, see-through grey over the model's colours).
BAND_COLOUR: str = "rgba(0,0,0,0.22)"


def band_words() -> str:
    """What the model's uncertainty band is, in words (for captions)."""
    lo, hi = (f"{p:g}" for p in DEFAULT_BAND_PCT)
    return (f"the {lo}th to {hi}th percentile over {ensemble.member_count()} parameter sets "
            "that fit the calibration evidence about equally well (a spread of the model, not "
            "of people)")


def band_label() -> str:
    """Legend name of a band trace: what the band is (two lines)."""
    lo, hi = (f"{p:g}" for p in DEFAULT_BAND_PCT)
    return (f"Model uncertainty: {lo}th\u2013{hi}th percentile over {ensemble.member_count()} "
            "parameter sets<br>that fit the calibration evidence equally well (not a range "
            "between people)")


def meaningful_max(region: str) -> float:
    """Upper end of ``region``'s meaningful tightness range (``hc.MEANINGFUL_TIGHTNESS``)."""
    if region not in hc.MEANINGFUL_TIGHTNESS:
        raise ValueError(f"region={region!r} is not one of {', '.join(hc.REGIONS)}")
    return hc.MEANINGFUL_TIGHTNESS[region][1]


def tightness_from_fraction(region: str, fraction: float) -> float:
    """Tightness at ``fraction`` (0 to 1) of ``region``'s meaningful range."""
    if not 0.0 <= float(fraction) <= 1.0:
        raise ValueError(f"fraction={fraction!r} is outside [0, 1]")
    return float(fraction) * meaningful_max(region)


def fractions(n_steps: int) -> list[float]:
    """``n_steps`` even shares of the meaningful range, from 0 to 1."""
    if n_steps < 2:
        raise ValueError(f"n_steps={n_steps} must be at least 2")
    return [i / (n_steps - 1) for i in range(n_steps)]


def frame_layout(n_steps: int, left: int, right: int) -> dict:
    """Height, margins and legend position that keep title, slider and legend apart."""
    below = _SLIDER_BLOCK_PX if n_steps else 60
    bottom = below + 150  # room for a legend of up to five rows (narrow pages)
    top = _TOP_PX if n_steps else 60  # the live figure has no buttons above the plot
    return {
        "height": top + _PLOT_PX + bottom,
        "margin": {"l": left, "r": right, "t": top, "b": bottom},
        "legend": {"orientation": "h", "x": 0.0, "y": -below / _PLOT_PX, "yanchor": "top"},
        "hovermode": "closest",
    }


def _restyle_args(values_by_trace: dict[int, dict]) -> list:
    """One Plotly ``restyle`` call that sets per-trace attributes on several traces.

    Traces that lack a key get ``None`` for it (that attribute is reset, which is harmless
    because every key is only meaningful for the traces that have it).
    """
    indices = sorted(values_by_trace)
    keys: list[str] = []
    for idx in indices:
        keys += [k for k in values_by_trace[idx] if k not in keys]
    update = {k: [values_by_trace[i].get(k) for i in indices] for k in keys}
    return [update, indices]


def region_controls(
    regions: tuple[str, ...],
    active_region: str,
    dynamic: dict[str, list[int]],
    states: dict[str, list[dict]],
    fracs,
    values: Callable[[dict], dict[str, dict]],
    keys: tuple[str, ...],
    active_step: int,
) -> tuple[Control, Control]:
    """Region buttons and the tightness slider of a static explorer.

    Slider step ``i`` restyles, for every region, its dynamic traces ``dynamic[region]`` with
    ``values(states[region][i])[key]`` for ``key`` in ``keys`` (same order), so the static steps
    go through the same functions as the live widget. The region setting is a region key, the
    tightness setting a share of the region's meaningful range.
    """
    all_dyn = sorted(i for idx in dynamic.values() for i in idx)
    buttons = tuple(
        Option(style.REGION_LABELS[r], r, [{"visible": [i in dynamic[r] for i in all_dyn]},
                                           all_dyn])
        for r in regions
    )
    steps = []
    for i, fraction in enumerate(fracs):
        per_trace = {}
        for reg in regions:
            vals = values(states[reg][i])
            for trace, key in zip(dynamic[reg], keys, strict=True):
                per_trace[trace] = vals[key]
        steps.append(Option(f"{100 * fraction:.0f}", fraction, _restyle_args(per_trace)))
    region = Control("region", "buttons", buttons, list(regions).index(active_region), {
        "x": 0.0, "xanchor": "left", "y": 1.0, "yanchor": "bottom", "pad": {"t": 6, "b": 6},
        "font": {"size": 12},
    })
    slider = Control("tightness", "slider", tuple(steps), active_step, {
        "currentvalue": {"prefix": _SLIDER_PREFIX, "suffix": " %", "font": {"size": 13}},
        "x": 0.0, "len": 1.0, "y": 0.0, "yanchor": "top", "pad": {"t": _SLIDER_GAP_PX, "b": 0},
        "transition": {"duration": 0},
    })
    return region, slider


def precompute(region: str, fraction: float, n_steps: int, regions: tuple[str, ...],
               state: Callable[[str, float], dict]) -> tuple[list[float], int, dict]:
    """Slider shares, the active step and every region's state at every step.

    Returns ``(fractions, active_index, states)`` with ``states[region][i]`` the state at
    ``fractions[i]`` of that region's meaningful range. ``n_steps`` 0 means one state only (the
    live figure, at ``fraction``).
    """
    if region not in regions:
        raise ValueError(f"region={region!r} is not one of {', '.join(regions)}")
    fracs = fractions(n_steps) if n_steps else [float(fraction)]
    active = min(range(len(fracs)), key=lambda i: abs(fracs[i] - fraction))
    states = {reg: [state(reg, tightness_from_fraction(reg, f)) for f in fracs]
              for reg in regions}
    return fracs, active, states


def finish(fig, layout: dict, precomputed: tuple, region: str, regions: tuple[str, ...],
           dynamic: dict[str, list[int]], values: Callable, keys: tuple[str, ...],
           alt_text: str) -> tuple:
    """Add the region buttons and tightness slider (if there are steps), the small template
    and the alt text; return ``(figure, controls)``."""
    fracs, active, states = precomputed
    controls: tuple[Control, ...] = ()
    if len(fracs) > 1:
        controls = region_controls(regions, region, dynamic, states, fracs, values, keys, active)
        layout.update(plotly_controls(controls))
    layout = dict(layout)
    narrow = layout.pop("narrow", None)  # the phone layout (coursekit.plotly_renderer)
    fig.update_layout(**layout)
    fig.layout.template = style.small_template()  # assignment replaces the default theme
    fig.update_layout(meta={"alt_text": alt_text, **({"narrow": narrow} if narrow else {})})
    return fig, controls


def visible_traces(figure: dict, keep: Callable[[dict], bool]) -> list[dict]:
    """The traces of a figure dict that are shown and that ``keep`` selects."""
    return [t for t in figure["data"] if t.get("visible") is not False and keep(t)]


@dataclass(frozen=True)
class RegionFigure:
    """What a region-tightness explorer draws; :func:`build_region_figure` does the rest.

    Attributes
    ----------
    state : callable
        ``state(region, tightness, sex) -> dict``: the model state of one capsule.
    values : callable
        ``values(state) -> dict``: Plotly attributes of each state-dependent trace, by key.
    keys : tuple of str
        The keys of ``values``, in the order of the traces :attr:`dynamic` adds.
    base : callable
        ``base(normal_state, sex) -> Figure``: the figure with its state-independent traces.
    dynamic : callable
        ``dynamic(fig, normal_state, values, visible)``: add one region's dynamic traces.
    layout : callable
        ``layout(n_steps) -> dict``: title, axes and frame.
    caption : callable
        ``caption(region, fraction, sex) -> str``: the alt text.
    """

    state: Callable
    values: Callable
    keys: tuple[str, ...]
    base: Callable
    dynamic: Callable
    layout: Callable
    caption: Callable


def build_region_figure(
    spec: RegionFigure,
    region: str = "whole",
    fraction: float = DEFAULT_FRACTION,
    n_steps: int = DEFAULT_STEPS,
    regions: tuple[str, ...] = style.REGION_ORDER,
    sex: str = "male",
) -> tuple:
    """A region-tightness explorer's static figure and its controls.

    The dynamic traces of every region are drawn at the active step (only ``region``'s
    visible); slider steps restyle them with the precomputed states, region buttons switch
    their visibility. Every step goes through ``spec.state`` and ``spec.values``, the functions
    the live widget calls, so the figure works in a browser without Python.

    Parameters
    ----------
    spec : RegionFigure
    region : str, default "whole"
        Region shown first (one of ``regions``).
    fraction : float, default 0.5
        Tightness shown first, as a share of the region's meaningful range; it is snapped to
        the nearest slider step.
    n_steps : int, default 21
        Slider steps from 0 to 1 (the meaningful range). ``0`` draws a figure without controls
        (used by the live widget).
    regions : tuple of str
        Regions with a button (and precomputed states).
    sex : {"male", "female"}

    Returns
    -------
    (plotly.graph_objects.Figure, tuple of Control)
    """
    pre = precompute(region, fraction, n_steps, regions,
                     lambda reg, t: spec.state(reg, t, sex))
    fracs, active, states = pre
    normal = spec.state(region, 0.0, sex)
    fig = spec.base(normal, sex)
    dynamic: dict[str, list[int]] = {}
    for reg in regions:
        first = len(fig.data)
        spec.dynamic(fig, normal, spec.values(states[reg][active]), reg == region)
        dynamic[reg] = list(range(first, len(fig.data)))
    return finish(fig, spec.layout(n_steps), pre, region, regions, dynamic, spec.values,
                  spec.keys, spec.caption(region, fracs[active], sex))


def figure_only(build: Callable) -> Callable:
    """The figure of ``build`` (same parameters), without its controls."""

    def figure(*args, **kwargs):
        return build(*args, **kwargs)[0]

    figure.__doc__ = "The figure of this module's ``build`` (same parameters), no controls."
    return figure


class RegionTightnessLive(LiveView):
    """Region buttons and a tightness slider driving a FigureWidget (explorers 1 and 2).

    Build an explorer's class with :meth:`for_explorer`.

    Attributes
    ----------
    controls : dict
        ``"region"`` (ToggleButtons, a key of ``hipcapsule.REGIONS``) and ``"tightness"``
        (FloatSlider over the region's meaningful range; readout in percent slack shortening).
    figure : plotly.graph_objects.FigureWidget
        Updated in place inside ``batch_update``; the last traces are the tight capsule.
    view : ipywidgets.VBox
        Controls, figure and a one-line status to display.
    """

    def __init__(self, region: str = "whole", fraction: float = DEFAULT_FRACTION) -> None:
        import ipywidgets as widgets

        t_max = meaningful_max(region)
        t = tightness_from_fraction(region, fraction)
        region_buttons = widgets.ToggleButtons(
            options=[(style.REGION_LABELS[r], r) for r in style.REGION_ORDER],
            value=region,
            description="Tight part:",
            style={"description_width": "initial", "button_width": "auto"},
        )
        slider = widgets.FloatSlider(
            value=t, min=0.0, max=t_max, step=t_max / 200,
            description="Tightness (slack shortened by):", readout_format=".1%",
            continuous_update=True, style={"description_width": "initial"},
            layout=widgets.Layout(width="640px"),
        )
        self.controls = {"region": region_buttons, "tightness": slider}
        self.figure = live_figure(self._build_figure(region, fraction))
        self.status = widgets.HTML()
        self.view = widgets.VBox([region_buttons, slider, self.figure, self.status])
        self._state: dict = {}
        self._holding = False
        region_buttons.observe(self._on_region, names="value")
        slider.observe(self._on_tightness, names="value")
        self.update()

    #: Set by :meth:`for_explorer`: the figure function (``n_steps=0`` draws it without static
    #: controls), the state function and the trace-value function with its keys, the same
    #: functions the static figure uses for its precomputed steps.
    figure_function: Callable
    state_function: Callable
    values_function: Callable
    trace_keys: tuple[str, ...]

    @classmethod
    def for_explorer(cls, name: str, figure: Callable, state: Callable, values: Callable,
                     keys: tuple[str, ...], doc: str) -> type:
        """A live class for one explorer, built from its figure, state and value functions."""
        return type(name, (cls,), {
            "__doc__": doc, "figure_function": staticmethod(figure),
            "state_function": staticmethod(state), "values_function": staticmethod(values),
            "trace_keys": keys,
        })

    def _build_figure(self, region: str, fraction: float):
        return self.figure_function(region, fraction, n_steps=0, regions=(region,))

    def _compute(self, region: str, tightness: float) -> dict:
        return self.state_function(region, tightness)

    def _values(self, state: dict) -> list[dict]:
        vals = self.values_function(state)
        return [vals[k] for k in self.trace_keys]

    # callbacks --------------------------------------------------------------------------
    def _on_region(self, change: dict) -> None:
        """Keep the slider at the same share of the new region's meaningful range."""
        slider = self.controls["tightness"]
        share = slider.value / slider.max if slider.max > 0 else 0.0
        new_max = meaningful_max(change["new"])
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
        with self.figure.batch_update():
            self._set(self.figure.data[-len(values):], values)
        share = tightness / self.controls["tightness"].max * 100
        self.status.value = (
            f"<span style='font-size:90%'>{style.REGION_LABELS[region]}: slack length "
            f"shortened by {100 * tightness:.1f} % ({share:.0f} % of the range in which "
            "the model stays meaningful).</span>"
        )


class TightnessSettings(ExplorerBase):
    """Explorers whose settings are a region and a share of its meaningful range."""

    def apply(self, live: LiveView, settings: dict) -> None:
        """Set the region, then the tightness at the given share of its meaningful range."""
        region = settings["region"]
        live.controls["region"].value = region
        live.controls["tightness"].value = tightness_from_fraction(region, settings["tightness"])
