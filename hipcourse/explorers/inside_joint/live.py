"""Explorer 3, live: sliders for flexion, adduction, rotation and whole-capsule tightness.

The read-out under the sliders is text (read by screen readers, announced on change): where
rotation stops from the current flexion and adduction, with the ensemble band, where the neck
would meet the rim, whether it touches now, and every fibre's strain by ligament.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import numpy as np
import plotly.graph_objects as go

from hipcapsule import BUNDLES, LIGAMENTS, MEANINGFUL_TIGHTNESS, default_capsule

from ... import style
from ..base import LiveView, live_figure
from .caption import caption_joint
from .figure import (
    colour_range,
    fibre_values,
    layout,
    neck_values,
    set_traces,
    static_traces,
    tightness_label,
)
from .state import joint_state, rotation_stops

__all__ = ["JointLive"]

#: Sexes whose flexion-slider bands have been prepared in this process (see :func:`_prepare`).
_PREPARED: set[str] = set()


def _prepare(sex: str, flexions) -> None:
    """Compute the rotation limits with their band once for every flexion step of the slider
    (at 0 adduction), so that the model's path tables for them are ready: a first move of the
    flexion slider then costs the force law only, not a new ensemble path table."""
    if sex in _PREPARED:
        return
    for f in flexions:
        rotation_stops(float(f), 0.0, 0.0, sex)
    _PREPARED.add(sex)


_BAND_NOTE = ("Band: 10th to 90th percentile over parameter sets that fit the model's calibration "
              "data about equally well (the model's uncertainty, not a range of real hips).")


def _by(name: str) -> str:
    if name == "bone":
        return "bone (the neck meets the rim)"
    if name == "none":
        return "nothing within the search range"
    return style.BUNDLE_LABELS[name]


class JointLive(LiveView):
    """Live 3-D explorer: sliders for flexion, adduction, rotation and tightness.

    Attributes
    ----------
    controls : dict[str, ipywidgets.FloatSlider]
        "flexion", "adduction", "rotation" (deg, + internal) and "tightness".
    figure : plotly.graph_objects.FigureWidget
    view : ipywidgets.VBox
    """

    def __init__(self, sex: str = "male") -> None:
        self.sex = sex
        t_max = MEANINGFUL_TIGHTNESS["whole"][1]
        wstyle = {"description_width": "150px"}
        lay = widgets.Layout(width="100%", max_width="480px")

        def slider(desc, lo, hi, step, value=0.0, fmt=".0f"):
            return widgets.FloatSlider(value=value, min=lo, max=hi, step=step, description=desc,
                                       readout_format=fmt, continuous_update=True,
                                       style=wstyle, layout=lay)

        self.controls = {
            "flexion": slider("Flexion (°)", 0.0, 120.0, 5.0),
            "adduction": slider("Adduction (°)", -30.0, 30.0, 5.0),
            "rotation": slider("Rotation (°, + inward)", -60.0, 60.0, 1.0),
            "tightness": slider("Capsule tightness", 0.0, t_max, 0.001, fmt=".3f"),
        }
        flex = self.controls["flexion"]
        _prepare(sex, np.arange(flex.min, flex.max + flex.step / 2, flex.step))
        self._stops_key = None
        self._joint = joint_state((0.0, 0.0, 0.0), 0.0, sex)
        self._stops = self._rotation_stops(0.0, 0.0, 0.0)
        base = go.Figure(static_traces(default_capsule(sex)))
        self._n_static = len(base.data)
        for tr in set_traces(self._joint, 0.0, (0.0,), True):
            base.add_trace(tr)
        base.update_layout(layout("Inside the joint (live)", height=600))
        base.layout.meta = {"alt_text": caption_joint(sex)}
        self.figure = live_figure(base)
        self._shown_tightness = 0.0
        self.readout = widgets.HTML(self._readout())
        self._observe()
        self.view = widgets.VBox([*self.controls.values(), self.readout, self.figure])

    def _rotation_stops(self, flexion: float, adduction: float, tightness: float) -> dict:
        """Rotation limits at this flexion, adduction and tightness (recomputed only when one of
        them changes: turning the thigh does not move them)."""
        key = (flexion, adduction, tightness)
        if key != self._stops_key:
            self._stops = rotation_stops(flexion, adduction, tightness, self.sex)
            self._stops_key = key
        return self._stops

    def update(self) -> None:
        """Recompute the model state and restyle the fibre and neck traces in place."""
        c = {k: float(w.value) for k, w in self.controls.items()}
        t = c["tightness"]
        self._joint = joint_state((c["flexion"], c["adduction"], c["rotation"]), t, self.sex)
        self._rotation_stops(c["flexion"], c["adduction"], t)
        st = self._joint
        # one restyle of every fibre and the neck: one message to the browser, and far cheaper
        # in Python than setting each trace's properties one by one
        data = self.figure.data
        fibres = [fibre_values(st, name, (t,)) for name in st.paths]
        neck = neck_values(st)
        values = {k: [d[k] for d in fibres] + [neck[k]]
                  for k in ("x", "y", "z", "text", "line.color")}
        values["line.width"] = ([data[self._n_static + j].line.width for j in range(len(fibres))]
                                + [neck["line.width"]])
        if t != self._shown_tightness:  # the colour range moves with the tightness only
            ranges = [colour_range(name, t) for name in st.paths]
            values["line.cmin"] = [lo for lo, _ in ranges] + [None]
            values["line.cmax"] = [hi for _, hi in ranges] + [None]
        self.figure.plotly_restyle(values, list(range(self._n_static,
                                                      self._n_static + len(fibres) + 1)))
        self._shown_tightness = t
        self.readout.value = self._readout()

    def _readout(self) -> str:
        st, s = self._joint, self._stops
        flex, add, _ = st.pose_deg
        ir_lo, ir_hi = s["ir_band"]
        er_lo, er_hi = s["er_band"]
        if not s["bone_found"]:
            bone = (f"The neck does not reach the rim within {s['bone_ir']:.0f}° of internal "
                    "rotation.")
        elif s["ir_by"] == "bone":
            bone = (f"The neck meets the rim at {s['bone_ir']:.0f}° of internal rotation, so "
                    "bone stops it here.")
        else:
            bone = (f"The neck would meet the rim at {s['bone_ir']:.0f}° of internal rotation, "
                    f"so the soft tissues stop it {s['margin']:.0f}° before bone.")
        stops = (
            f"<p><b>From {flex:.0f}° flexion and {add:.0f}° adduction</b> "
            f"({tightness_label(st.tightness)}): internal rotation stops at "
            f"<b>{s['ir']:.0f}°</b> (band {ir_lo:.0f}\u2013{ir_hi:.0f}°), held by "
            f"{_by(s['ir_by'])}; external rotation at <b>{s['er']:.0f}°</b> "
            f"(band {er_lo:.0f}\u2013{er_hi:.0f}°), held by {_by(s['er_by'])}. {bone}</p>"
        )
        contact = ("<p><b>Now: the neck touches the bony rim (bony limit).</b></p>"
                   if st.bone_contact else "")
        rows = []
        for lig in LIGAMENTS:
            cells = ", ".join(f"{style.BUNDLE_LABELS[n]} {100 * st.strain[n]:+.1f} %"
                              for n in st.strain if BUNDLES[n] == lig)
            rows.append(f"<tr><th scope='row' style='text-align:left;padding-right:8px'>"
                        f"{html.escape(style.LIGAMENT_LABELS[lig])}</th><td>{cells}</td></tr>")
        table = ("<table><caption style='text-align:left'>Strain of each fibre now "
                 "(negative: slack)</caption>" + "".join(rows) + "</table>")
        return (f"<div role='status' aria-live='polite'>{stops}{contact}{table}"
                f"<p><small>{_BAND_NOTE}</small></p></div>")

    def state(self) -> dict:
        """Model outputs shown: strain per fibre, pose (deg), whole-capsule tightness, bone
        contact and the rotation limits from this flexion and adduction."""
        st = self._joint
        return {"strain": dict(st.strain), "pose_deg": st.pose_deg, "tightness": st.tightness,
                "bone_contact": st.bone_contact, **self._stops}


#: The explorer's live view (see :mod:`hipcourse.explorers.base`).
View = JointLive
