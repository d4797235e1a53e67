"""The shape every explorer has: one Protocol, a small base class, and the static controls.

An explorer has four parts, each in its own module of ``hipcourse/explorers/<name>/``, and
each module offers the same names:

``state.settings_state(**settings) -> dict``
    pure data from the model (or the course content) for one setting of the controls;
``figure.build() -> (figure, controls)`` and ``figure.readout(figure_dict) -> dict``
    the static Plotly figure, whose controls (:class:`Control`) carry precomputed steps, so it
    works on the website with no kernel; ``readout`` reads back what a figure shows (used by
    the shared test harness);
``caption.alt_text() -> str``
    the figure's alt text and description, with numbers computed from the state;
``live.View``
    the ipywidgets version (a :class:`LiveView`), which calls the same state and trace-value
    functions on every change.

The package's ``__init__`` gives its ``LABEL`` ("Figure 1", "Explorer 2", ...) and, where the
static settings need translating for the live controls, an ``EXPLORER_CLASS`` (a subclass of
:class:`ExplorerBase`). :mod:`hipcourse.explorers` keeps the one registry and builds each
explorer (:class:`Explorer`) from its package.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from copy import deepcopy
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import product
from typing import Any, Literal, Protocol, runtime_checkable

__all__ = [
    "Control",
    "Explorer",
    "ExplorerBase",
    "LiveView",
    "Option",
    "Parts",
    "live_figure",
    "plotly_controls",
]


@dataclass(frozen=True)
class Option:
    """One precomputed step of a static control.

    Attributes
    ----------
    label : str
        What the button or slider step shows.
    value : object
        The setting it stands for (in the explorer's setting units, see
        :meth:`ExplorerBase.apply`).
    args : list
        Plotly method arguments (``restyle``: ``[traces_update, indices]``; ``update``:
        ``[traces_update, layout_update, indices]``; ``relayout``: ``[layout_update]``).
    method : {"restyle", "update", "relayout"}
    """

    label: str
    value: Any
    args: list
    method: str = "restyle"

    def plotly(self) -> dict:
        """The Plotly button / slider-step entry."""
        return {"label": self.label, "method": self.method, "args": self.args}


@dataclass(frozen=True)
class Control:
    """A static control: a slider or a row of buttons with precomputed options.

    Attributes
    ----------
    name : str
        The setting it changes (e.g. ``"region"``).
    kind : {"slider", "buttons"}
    options : tuple of Option
    active : int
        Index of the option shown first.
    layout : dict
        Extra Plotly keys of the slider / updatemenu (position, padding, font, read-out).
    """

    name: str
    kind: Literal["slider", "buttons"]
    options: tuple[Option, ...]
    active: int = 0
    layout: Mapping[str, Any] = field(default_factory=dict)

    @property
    def default(self) -> Any:
        """The setting shown first."""
        return self.options[self.active].value

    def plotly(self) -> dict:
        """The Plotly ``sliders`` or ``updatemenus`` entry."""
        entries = [o.plotly() for o in self.options]
        # ``name`` labels the control's keyboard / screen-reader twin on the site
        # (coursekit.plotly_renderer.controls_html)
        if self.kind == "slider":
            return {"name": self.name, "active": self.active, "steps": entries, **self.layout}
        return {"name": self.name, "type": "buttons", "direction": "right", "showactive": True,
                "active": self.active, "buttons": entries, **self.layout}


def plotly_controls(controls: tuple[Control, ...]) -> dict:
    """Layout entries (``sliders``, ``updatemenus``) for ``controls``, in their order."""
    out: dict[str, list] = {}
    for c in controls:
        out.setdefault("sliders" if c.kind == "slider" else "updatemenus", []).append(c.plotly())
    return out


@runtime_checkable
class Explorer(Protocol):
    """What every explorer offers (see the module docs for the four parts)."""

    name: str
    label: str

    def state(self, **settings) -> dict:
        """Model (or content) data for one setting of the controls."""

    def figure(self):
        """The static Plotly figure (a fresh copy) with precomputed controls."""

    def controls(self) -> tuple[Control, ...]:
        """The static figure's controls, in the order of its sliders and menus."""

    def caption(self) -> str:
        """Alt text and description of the static figure at its first state."""

    def live(self, **kwargs) -> LiveView:
        """A live ipywidgets explorer (needs a kernel to interact)."""

    def readout(self, figure: dict) -> dict:
        """What a figure (static or live, as a dict) shows that depends on the settings."""

    def apply(self, live: LiveView, settings: dict) -> None:
        """Set the live explorer's controls to the given static settings."""


@dataclass(frozen=True)
class Parts:
    """The four parts of an explorer (see the module docs for what each offers).

    Attributes
    ----------
    state, figure, caption, live : module
    """

    state: Any
    figure: Any
    caption: Any
    live: Any

    @classmethod
    def of(cls, package: str) -> Parts:
        """The four modules of the explorer package ``package`` (a dotted name)."""
        return cls(*(importlib.import_module(f"{package}.{part}")
                     for part in ("state", "figure", "caption", "live")))


class ExplorerBase:
    """One explorer: its registry name, its label and its four parts.

    Parameters
    ----------
    name : str
        Registry key.
    label : str
        "Figure 1", "Explorer 2", ...: how the lesson refers to the figure.
    parts : Parts
    """

    def __init__(self, name: str, label: str, parts: Parts) -> None:
        self.name, self.label, self.parts = name, label, parts
        self._static: tuple | None = None

    def state(self, **settings) -> dict:
        """Model (or content) data for one setting of the controls."""
        return self.parts.state.settings_state(**settings)

    def _built(self) -> tuple:
        if self._static is None:
            self._static = self.parts.figure.build()
        return self._static

    def figure(self):
        """The static Plotly figure (a fresh copy) with precomputed controls."""
        import plotly.graph_objects as go

        return go.Figure(self._built()[0])

    def controls(self) -> tuple[Control, ...]:
        """The static figure's controls (none for a figure without buttons or slider)."""
        return self._built()[1]

    def caption(self) -> str:
        """Alt text and description of the static figure at its first state."""
        return self.parts.caption.alt_text()

    def live(self, **kwargs) -> LiveView:
        """A live ipywidgets explorer (needs a kernel to interact)."""
        return self.parts.live.View(**kwargs)

    def readout(self, figure: dict) -> dict:
        """What a figure (static or live, as a dict) shows that depends on the settings."""
        return self.parts.figure.readout(figure)

    def describe(self):
        """The caption as a :class:`hipcourse.captions.Caption` (Markdown in a notebook)."""
        from ..captions import caption

        return caption(self.label, self.caption())

    def apply(self, live: LiveView, settings: dict) -> None:
        """Set ``live.controls[name].value`` for each setting (a dict value sets several)."""
        for name, value in settings.items():
            if isinstance(value, Mapping):
                for sub, v in value.items():
                    live.controls[sub].value = v
            else:
                live.controls[name].value = value

    def static_settings(self, limit: int = 400) -> Iterator[dict]:
        """Settings the static figure can show: every combination, or each option of each
        control with the others at their defaults when there are more than ``limit``."""
        controls = self.controls()
        if not controls:
            yield {}
            return
        sizes = [len(c.options) for c in controls]
        total = 1
        for n in sizes:
            total *= n
        if total <= limit:
            for combo in product(*(range(n) for n in sizes)):
                yield {c.name: c.options[i].value for c, i in zip(controls, combo, strict=True)}
            return
        for c in controls:
            for opt in c.options:
                yield {**{d.name: d.default for d in controls}, c.name: opt.value}

    def option_indices(self, settings: dict) -> dict[str, int]:
        """Control name -> index of the option for ``settings``."""
        out = {}
        for c in self.controls():
            value = settings[c.name]
            out[c.name] = next(i for i, o in enumerate(c.options) if o.value == value)
        return out


def live_figure(figure) -> Any:
    """A :class:`LiveFigure` widget of ``figure`` (a ``plotly.graph_objects.Figure`` or dict)."""
    return _live_figure_class()(figure)


@lru_cache(maxsize=1)
def _live_figure_class():
    import plotly.graph_objects as go

    class LiveFigure(go.FigureWidget):
        """A ``FigureWidget`` whose synced figure is the current one whenever a front end asks.

        Plotly's widget sends its data once, when it is created, and every later change as a
        restyle or relayout message. A view created later (the page reloaded, or the widget
        first shown after updates, inside a box) started from the data at creation and showed
        stale or broken figures: reloaded lessons kept their first figure while the controls
        kept their values, and lesson 04's bars lost their labels. Here the synced data and
        layout are brought up to date when a front end asks for the widget's state (it does on
        reload; in place, without a change message, since that state is what it is sent) and
        before the explorer is displayed (:meth:`LiveView._repr_mimebundle_`).
        """

        _shown = False

        def refresh_synced_state(self) -> None:
            """Copy the current figure into the synced ``_widget_data`` / ``_widget_layout``."""
            self._widget_layout = deepcopy(self._layout_obj._props)
            self._widget_data = deepcopy(self._data)
            self._shown = True

        def get_state(self, key=None, drop_defaults=False):
            if key is None and self._shown:
                # the full state, asked for by a front end (re)connecting to the kernel: in
                # place, without a change message, since this state is what it is sent
                self._trait_values["_widget_layout"] = deepcopy(self._layout_obj._props)
                self._trait_values["_widget_data"] = deepcopy(self._data)
            return super().get_state(key=key, drop_defaults=drop_defaults)

    return LiveFigure


class LiveView:
    """Base of the live explorers: a dict of controls, a figure widget, a view and the state.

    Subclasses build ``controls`` (``dict[str, ipywidgets.ValueWidget]``), ``figure`` (a
    :func:`live_figure`, updated in place inside ``batch_update``) and ``view`` (the widget to
    display), then call :meth:`_observe`; :meth:`update` recomputes the state and redraws.
    """

    controls: dict
    figure: Any
    view: Any
    _state: dict

    def update(self) -> None:  # pragma: no cover - every subclass implements it
        raise NotImplementedError

    def state(self) -> dict:
        """The model outputs currently displayed, as a dict of plain values."""
        return dict(self._state)

    def _observe(self) -> None:
        for control in self.controls.values():
            control.observe(self._on_change, names="value")

    def _on_change(self, _change=None) -> None:
        self.update()

    @staticmethod
    def _set(traces, values) -> None:
        """Write attribute dicts into traces (call inside ``figure.batch_update()``)."""
        for trace, attrs in zip(traces, values, strict=True):
            for key, value in attrs.items():
                trace[key] = value

    def _repr_mimebundle_(self, **kwargs) -> dict:
        refresh = getattr(self.figure, "refresh_synced_state", None)
        if refresh is not None:  # the view about to be created starts from the current figure
            refresh()
        return self.view._repr_mimebundle_(**kwargs)
