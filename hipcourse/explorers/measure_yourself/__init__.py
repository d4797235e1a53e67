"""Explorer 4 (lesson 04): fit a capsule tightness to your measured seated rotation."""

from __future__ import annotations

from ..base import ExplorerBase
from . import caption, figure, live, state

__all__ = ["EXPLORER", "MeasureYourself"]


class MeasureYourself(ExplorerBase):
    """Explorer 4: region buttons, an IR slider and ER buttons -> fitted tightness and ROM.

    Settings: ``region`` (a key of :data:`~.state.REGION_CHOICES`), ``internal_rotation`` and
    ``external_rotation`` (seated, deg).
    """

    name = "measure_yourself"
    label = "Figure 1"

    def state(self, internal_rotation: float = 25.0, external_rotation: float = 40.0,
              region: str = "posterior", sex: str = "male") -> dict:
        d = state.fit_display({"internal_rotation": internal_rotation,
                               "external_rotation": external_rotation}, region, sex)
        return {"tightness": d.tightness, "uncertainty": d.uncertainty, "rom": dict(d.rom),
                "normal_rom": dict(d.normal_rom), "region": d.region, "at_bound": d.at_bound}

    def figure(self):
        return figure.measure_figure()

    def controls(self):
        return figure.build()[1]

    def caption(self) -> str:
        return caption.caption_measure()

    def live(self, sex: str = "male", region: str = "posterior") -> live.MeasureLive:
        return live.MeasureLive(sex, region)

    def readout(self, fig: dict) -> dict:
        return figure.readout(fig)


EXPLORER = MeasureYourself()
