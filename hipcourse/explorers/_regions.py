"""What explorers 1 and 2 share: region buttons, a tightness slider over each region's
meaningful range, the figure frame that keeps them apart, and the live base class."""

from __future__ import annotations

from collections.abc import Callable

import hipcapsule as hc

from .. import style
from .base import Control, ExplorerBase, LiveView, Option

__all__ = [
    "DEFAULT_FRACTION",
    "DEFAULT_STEPS",
    "RegionTightnessLive",
    "TightnessSettings",
    "fractions",
    "frame_layout",
    "meaningful_max",
    "region_controls",
    "tightness_from_fraction",
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


class RegionTightnessLive(LiveView):
    """Region buttons and a tightness slider driving a FigureWidget (explorers 1 and 2).

    Subclasses set :meth:`_build_figure`, :meth:`_compute` (the model state) and
    :meth:`_values` (Plotly attributes of the state-dependent traces); both are the functions
    the static figure uses for its precomputed slider steps.

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
        import plotly.graph_objects as go

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
        self.figure = go.FigureWidget(self._build_figure(region, fraction))
        self.status = widgets.HTML()
        self.view = widgets.VBox([region_buttons, slider, self.figure, self.status])
        self._state: dict = {}
        self._holding = False
        region_buttons.observe(self._on_region, names="value")
        slider.observe(self._on_tightness, names="value")
        self.update()

    # subclass hooks ---------------------------------------------------------------------
    def _build_figure(self, region: str, fraction: float):  # pragma: no cover
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
