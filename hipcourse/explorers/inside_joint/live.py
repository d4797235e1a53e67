"""Explorer 3, live: sliders for flexion, adduction, rotation and whole-capsule tightness."""

from __future__ import annotations

import ipywidgets as widgets
import plotly.graph_objects as go

from hipcapsule import MEANINGFUL_TIGHTNESS, default_capsule

from ... import style
from ..base import LiveView
from .caption import caption_joint
from .figure import (
    CONTACT_COLOUR,
    NECK_COLOUR,
    _bundle_tightness,
    _colour_range,
    _hover,
    _layout,
    _ligament_trace_data,
    _set_traces,
    _static_traces,
    _tick_values,
)
from .state import joint_state

__all__ = ["JointLive"]


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
        lay = widgets.Layout(width="480px")

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
        self._state = joint_state((0.0, 0.0, 0.0), 0.0, sex)
        base = go.Figure(_static_traces(default_capsule(sex)))
        for tr in _set_traces(self._state, 0.0, (0.0,), True, True):
            base.add_trace(tr)
        base.update_layout(_layout("Inside the joint (live)", height=600))
        base.layout.meta = {"alt_text": caption_joint(sex)}
        self.figure = go.FigureWidget(base)
        self._n_static = 3
        self.readout = widgets.HTML(self._readout())
        self._observe()
        self.view = widgets.VBox([*self.controls.values(), self.readout, self.figure])

    def update(self) -> None:
        """Recompute the model state and restyle the ligament and neck traces in place."""
        c = {k: float(w.value) for k, w in self.controls.items()}
        t = c["tightness"]
        self._state = joint_state((c["flexion"], c["adduction"], c["rotation"]), t, self.sex)
        st = self._state
        data = self.figure.data
        with self.figure.batch_update():
            for j, name in enumerate(st.paths):
                d = _ligament_trace_data(st, name, _hover(st, name, (t,)))
                tr = data[self._n_static + j]
                tr.x, tr.y, tr.z, tr.text = d["x"], d["y"], d["z"], d["text"]
                lo, hi = _colour_range(_bundle_tightness(name, t))
                tr.line.update(color=d["line.color"], cmin=lo, cmax=hi)
                if j == 0:
                    tr.line.colorbar.tickvals = _tick_values(t)
            wire = data[self._n_static + len(st.paths)]
            w = st.femur_wire
            wire.x, wire.y, wire.z = (style.rounded(w[:, i]) for i in range(3))
            wire.line.color = CONTACT_COLOUR if st.bone_contact else NECK_COLOUR
        self.readout.value = self._readout()

    def _readout(self) -> str:
        st = self._state
        order = sorted(st.strain, key=st.strain.get, reverse=True)
        cells = "".join(
            f"<td style='padding:1px 8px'>{style.BUNDLE_LABELS[n]}: "
            f"<b>{100 * st.strain[n]:+.1f} %</b></td>" for n in order
        )
        contact = " &nbsp;<b style='color:#cc79a7'>Neck touches the rim (bony limit).</b>" \
            if st.bone_contact else ""
        return f"<table><tr>{cells}</tr></table>Strain, tautest first.{contact}"

    def state(self) -> dict:
        """Model outputs shown: strain per bundle, pose (deg) and whole-capsule tightness."""
        st = self._state
        return {"strain": dict(st.strain), "pose_deg": st.pose_deg, "tightness": st.tightness,
                "bone_contact": st.bone_contact}


#: The explorer's live view (see :mod:`hipcourse.explorers.base`).
View = JointLive
