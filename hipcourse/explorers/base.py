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


def _over(defaults: dict, props: dict) -> dict:
    """A deep copy of ``props`` laid over ``defaults`` (nested dicts merged key by key)."""
    out = deepcopy(defaults or {})
    for key, value in (props or {}).items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _over(out[key], value)
        else:
            out[key] = deepcopy(value)
    return out


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
                # place, without a change message, since this state is what it is sent. The
                # properties Plotly moved to the browser's defaults go back in (see
                # _remove_overlapping_props), or a new view would lose them.
                moved = self.__dict__.setdefault("_moved_props", {})
                self._trait_values["_widget_layout"] = _over(moved.get("layout", {}),
                                                             self._layout_obj._props)
                self._trait_values["_widget_data"] = [
                    _over(moved.get(trace.uid, {}), trace._props) for trace in self.data]
            return super().get_state(key=key, drop_defaults=drop_defaults)

        def _remove_overlapping_props(self, input_data, delta_data, prop_path=()):
            """Plotly's own (it drops every property the browser reports as a default, a
            trace's name included, from the figure's data), remembering what it dropped."""
            before = deepcopy(input_data)
            removed = go.FigureWidget._remove_overlapping_props(input_data, delta_data,
                                                                prop_path)
            owner = before.get("uid", "layout") if isinstance(before, dict) else None
            if owner is not None and removed:
                keep = self.__dict__.setdefault("_moved_props", {}).setdefault(owner, {})
                for path in removed:
                    value, ok = _at(before, path)
                    if ok:
                        _put(keep, path, value)
            return removed

    return LiveFigure


def _at(tree, path):
    """``(value, True)`` at ``path`` (keys and list indices) in ``tree``, else ``(None,
    False)``."""
    for step in path:
        try:
            tree = tree[step]
        except (KeyError, IndexError, TypeError):
            return None, False
    return deepcopy(tree), True


def _put(tree: dict, path: tuple, value) -> None:
    """Set ``value`` at ``path`` in nested dicts (list indices become dict keys: only whole
    values are put back, see :func:`_over`)."""
    for step in path[:-1]:
        tree = tree.setdefault(step, {})
        if not isinstance(tree, dict):
            return
    tree[path[-1]] = value


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
        guard = _shortcut_guard_class()
        if not any(isinstance(c, guard) for c in self.view.children):
            self.view.children = (*self.view.children, guard())
        return self.view._repr_mimebundle_(**kwargs)


#: The guard's front-end code (anywidget ESM, inline: nothing is fetched). Once its hidden
#: element is in the page, every element of the explorer's box (the nearest ipywidgets box
#: around it) that takes focus is marked ``data-lm-suppress-shortcuts``. Lumino looks for the
#: mark from the focused element up and stops there, before the notebook's command-mode
#: selectors (which end in ``:focus``) can match, so the keys go to the control. The box is
#: marked too, for selectors that match an ancestor.
_GUARD_ESM = """
function render({ el }) {
  el.style.display = "none";
  let tries = 0;
  const mark = () => {
    const box = el.isConnected && el.parentElement && el.parentElement.closest(".widget-box");
    if (box) {
      box.setAttribute("data-lm-suppress-shortcuts", "true");
      box.addEventListener("focusin", (e) => {
        if (e.target && e.target.setAttribute) {
          e.target.setAttribute("data-lm-suppress-shortcuts", "true");
        }
      });
    } else if (tries++ < 600) { requestAnimationFrame(mark); }
  };
  mark();
}
export default { render };
"""


@lru_cache(maxsize=1)
def _shortcut_guard_class():
    import anywidget

    class ShortcutGuard(anywidget.AnyWidget):
        """An invisible widget that keeps notebook keyboard shortcuts out of the explorer box
        it sits in.

        In Notebook 7 (and JupyterLab) the arrow keys on a focused slider moved to another
        cell, and a second press collapsed a heading, hiding the explorer: Notebook 7 matches
        its command-mode shortcuts (selectors ending in ``:focus``) before the control sees
        the key. Lumino skips shortcuts for a key pressed on an element marked
        ``data-lm-suppress-shortcuts``; this widget's front-end code marks every element of
        its box that takes focus.
        """

        _esm = _GUARD_ESM

    return ShortcutGuard
