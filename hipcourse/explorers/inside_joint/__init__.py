"""Explorer 3 (lesson 03): inside the joint, the bands on their wrapped paths in 3-D."""

from __future__ import annotations

from ..base import ExplorerBase
from . import caption, figure, live, state

__all__ = ["EXPLORER", "InsideJoint"]


class InsideJoint(ExplorerBase):
    """Explorer 3: rotation slider, flexion and tightness buttons -> band paths and strains.

    Settings: ``rotation`` (deg, + internal), ``flexion`` (deg), ``tightness`` (whole capsule).
    """

    name = "inside_joint"
    label = "Figure 1"

    def state(self, rotation: float = 0.0, flexion: float = 0.0, tightness: float = 0.0,
              adduction: float = 0.0, sex: str = "male") -> dict:
        st = state.joint_state((flexion, adduction, rotation), tightness, sex)
        return {"strain": dict(st.strain), "pose_deg": st.pose_deg, "tightness": st.tightness,
                "bone_contact": st.bone_contact}

    def figure(self):
        return figure.joint_figure()

    def controls(self):
        return figure.build()[1]

    def caption(self) -> str:
        return caption.caption_joint()

    def live(self, sex: str = "male") -> live.JointLive:
        return live.JointLive(sex)

    def readout(self, fig: dict) -> dict:
        return figure.readout(fig)


EXPLORER = InsideJoint()
