"""Lesson 01, figure 1: which capsular ligament restrains which motion (live: one at a time)."""

from __future__ import annotations

from ..base import ExplorerBase
from . import caption, figure, live, state

__all__ = ["EXPLORER", "LigamentRestraint"]


class LigamentRestraint(ExplorerBase):
    """A heatmap of every ligament (static, no controls); live, a dropdown shows one ligament's
    profile and notes. Live setting: ``ligament`` (a key of the course notes)."""

    name = "ligament_restraint"
    label = "Figure 1"

    def state(self, ligament: str | None = None) -> dict:
        return state.restraint_state() if ligament is None else state.profile_state(ligament)

    def figure(self):
        return figure.ligament_restraint_figure()

    def caption(self) -> str:
        return caption.caption_restraint()

    def live(self, ligament: str = "ischiofemoral") -> live.RestraintLive:
        return live.RestraintLive(ligament)

    def readout(self, fig: dict) -> dict:
        return figure.readout(fig)


EXPLORER = LigamentRestraint()
