"""Lesson 01: the capsular ligaments of the model's right hip, seen from the front and from behind.

Every line is the model's own: each fibre is the wrapped path the model measures at the neutral
pose (:func:`hipcourse.explorers.inside_joint.state.fibre_paths`, the 3-D explorer's paths), the
femoral head is the model's sphere and the neck its elliptical cross-section
(:func:`~hipcourse.explorers.inside_joint.state.neck_outline`). The 3-D points (ISB pelvis
frame: X anterior, Y superior, Z lateral) are projected onto the frontal plane:

* **from the front** the viewer faces the body, so the hip's outer (lateral, +Z) side is on the
  viewer's left: across = ``-Z``;
* **from behind** it is on the viewer's right: across = ``+Z``.

A ligament is drawn in the view it faces: the iliofemoral arms and the pubofemoral lie in front
of the head centre (their fibres' mean X is positive), the ischiofemoral behind it. The
ligamentum teres lies inside the joint, under the head, and is left out of both views.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

import hipcapsule as hc
from hipcapsule.anatomy import FIBRE_COUNTS

from .. import style
from ..explorers.inside_joint.state import fibre_paths, neck_outline, rim_circle
from . import FigureSpec

__all__ = ["FIGURES", "VIEWS", "capsule_views", "label_targets", "projected_paths"]

#: The two views: name -> sign of Z that points to the viewer's right.
VIEWS = {"front": -1.0, "back": 1.0}

#: The capsular ligaments drawn (the ligamentum teres is inside the joint).
CAPSULAR = tuple(lig for lig in hc.LIGAMENTS if lig != "ligamentum_teres")

_BONE = "#d9c9a3"
_BONE_LINE = "#8c7a55"

#: Label text and where it sits, per ligament: (text, across, up in mm). A leader line joins
#: the label to the midpoint of the ligament's middle fibre; the places keep labels off the
#: bone and off each other.
_LABELS = {
    "lateral_iliofemoral": ("iliofemoral,<br>lateral arm", -44.0, 30.0),
    "medial_iliofemoral": ("iliofemoral,<br>medial arm", 42.0, 26.0),
    "pubofemoral": ("pubofemoral", 40.0, -40.0),
    "ischiofemoral": ("ischiofemoral", 36.0, 30.0),
}
_RIM = "#444444"
_WORDS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}


def _view_of(ligament: str, paths: dict[str, np.ndarray]) -> str:
    pts = np.vstack([p for n, p in paths.items() if hc.BUNDLES[n] == ligament])
    return "front" if pts[:, 0].mean() > 0 else "back"


def projected_paths(view: str, pose_deg=(0.0, 0.0, 0.0)) -> dict[str, np.ndarray]:
    """Fibre paths (mm) of the ligaments facing ``view``, projected: columns (across, up).

    ``across`` is to the viewer's right (``-Z`` from the front, ``+Z`` from behind) and ``up``
    is Y. Only fibres of the capsular ligaments that face the view are returned.
    """
    if view not in VIEWS:
        raise ValueError(f"view={view!r} is not one of {tuple(VIEWS)}")
    cap = hc.default_capsule()
    paths = fibre_paths(cap, pose_deg)
    sign = VIEWS[view]
    out = {}
    for name, pts in paths.items():
        lig = hc.BUNDLES[name]
        if lig in CAPSULAR and _view_of(lig, paths) == view:
            out[name] = np.column_stack([sign * pts[:, 2], pts[:, 1]])
    return out


def _bone_traces(view: str, xaxis: str, yaxis: str) -> list[go.Scatter]:
    cap = hc.default_capsule()
    r = cap.geometry.head_radius_mm
    sign = VIEWS[view]
    neck = neck_outline(cap, np.eye(3))
    t = np.linspace(0.0, 2 * np.pi, 73)
    head_x, head_y = r * np.cos(t), r * np.sin(t)
    common = {"xaxis": xaxis, "yaxis": yaxis, "hoverinfo": "skip", "showlegend": False}
    return [
        go.Scatter(x=style.rounded(sign * neck[:, 2]), y=style.rounded(neck[:, 1]),
                   mode="lines", line={"color": _BONE_LINE, "width": 1.5},
                   name="Femoral neck", **common),
        go.Scatter(x=style.rounded(head_x), y=style.rounded(head_y), mode="lines",
                   fill="toself", fillcolor=_BONE, line={"color": _BONE_LINE, "width": 1.5},
                   name="Femoral head", **common),
    ]


def _fibre_traces(view: str, xaxis: str, yaxis: str, legend: set) -> list[go.Scatter]:
    traces = []
    for name, pts in projected_paths(view).items():
        lig = hc.BUNDLES[name]
        traces.append(go.Scatter(
            x=style.rounded(pts[:, 0]), y=style.rounded(pts[:, 1]), mode="lines+markers",
            line={"color": style.STRUCTURE_COLOURS[lig], "width": 3},
            marker={"size": [7] + [0] * (len(pts) - 2) + [7],
                    "color": style.STRUCTURE_COLOURS[lig]},
            name=style.LIGAMENT_LABELS[lig], legendgroup=lig, showlegend=lig not in legend,
            xaxis=xaxis, yaxis=yaxis,
            hovertemplate=style.fibre_label(name) + "<extra></extra>"))
        legend.add(lig)
    return traces


def label_targets(view: str) -> dict[str, tuple[float, float]]:
    """Where each ligament's leader line ends in ``view`` (mm, across and up): the midpoint of
    the fan's middle fibre."""
    paths = projected_paths(view)
    out = {}
    for lig in CAPSULAR:
        names = [n for n in paths if hc.BUNDLES[n] == lig]
        if names:
            mid = paths[names[len(names) // 2]]
            x, y = mid[len(mid) // 2]
            out[lig] = (float(x), float(y))
    return out


def _rim_trace(view: str, xaxis: str, yaxis: str, show: bool) -> go.Scatter:
    """The half of the model's bony socket rim that faces the view (NaN breaks the rest)."""
    cap = hc.default_capsule()
    rim = rim_circle(cap)
    facing = rim[:, 0] > 0 if view == "front" else rim[:, 0] < 0
    x = np.where(facing, VIEWS[view] * rim[:, 2], np.nan)
    y = np.where(facing, rim[:, 1], np.nan)
    return go.Scatter(x=style.rounded(x), y=style.rounded(y), mode="lines",
                      line={"color": _RIM, "width": 2.5, "dash": "dot"},
                      name="socket rim (bone)", showlegend=show, legendgroup="rim",
                      xaxis=xaxis, yaxis=yaxis, hoverinfo="skip")


#: Axis ranges of each panel (mm): the head, the neck and every fibre fit with room for labels.
_RANGE_X = (-62.0, 62.0)
_RANGE_Y = (-62.0, 42.0)


def capsule_views() -> go.Figure:
    """Two panels (front, back) of the capsular ligaments over the model's head and neck."""
    fig = go.Figure()
    legend: set = set()
    anns = []
    titles = {"front": "From the front", "back": "From behind"}
    sides = {"front": ("outer side", "midline"), "back": ("midline", "outer side")}
    for k, view in enumerate(VIEWS):
        xa, ya = ("x", "y") if k == 0 else ("x2", "y2")
        fig.add_traces(_bone_traces(view, xa, ya))
        fig.add_trace(_rim_trace(view, xa, ya, show=k == 0))
        fig.add_traces(_fibre_traces(view, xa, ya, legend))
        for lig, (x, y) in label_targets(view).items():
            text, tx, ty = _LABELS[lig]
            anns.append({"x": round(x, 1), "y": round(y, 1), "xref": xa, "yref": ya,
                         "ax": tx, "ay": ty, "axref": xa, "ayref": ya, "text": text,
                         "showarrow": True, "arrowhead": 0, "arrowwidth": 1.2,
                         "arrowcolor": style.STRUCTURE_COLOURS[lig],
                         "font": dict(style.FONT_SMALL, color="#222222"),
                         "bgcolor": "rgba(255,255,255,0.85)"})
        head = {"xref": xa, "yref": ya, "text": "femoral<br>head",
                "font": dict(style.FONT_SMALL, color="#5c4f33")}
        if view == "front":  # fibres cross the head: a leader from above
            head.update(x=4.0, y=20.0, ax=4.0, ay=38.0, axref=xa, ayref=ya, showarrow=True,
                        arrowhead=0, arrowwidth=1.2, arrowcolor=_BONE_LINE)
        else:
            head.update(x=-9.0, y=10.0, showarrow=False)
        anns.append(head)
        anns.append({"x": 0.0, "y": 1.0, "xref": f"{xa} domain", "yref": f"{ya} domain",
                     "xanchor": "left", "yanchor": "bottom", "showarrow": False,
                     "text": f"<b>{titles[view]}</b>", "font": style.FONT})
        left, right = sides[view]
        for x, anchor, text in ((0.0, "left", f"← {left}"), (1.0, "right", f"{right} →")):
            anns.append({"x": x, "y": 0.0, "xref": f"{xa} domain", "yref": f"{ya} domain",
                         "xanchor": anchor, "yanchor": "top", "showarrow": False,
                         "text": text, "font": dict(style.FONT_SMALL, color="#555555")})
    r = hc.default_capsule().geometry.head_radius_mm
    n_ischio = FIBRE_COUNTS["ischiofemoral"]
    alt = (
        "Two drawings of the course model's right hip in its neutral standing pose, with the "
        f"femoral head (a ball of radius {r:.0f} mm) and its neck in beige, the bony rim of "
        "the socket as a dotted line, and every fibre of the capsular ligaments as a coloured "
        "line along the path the model measures, with a dot at each end where it attaches. "
        "From the front: the two arms of the iliofemoral ligament run down and outwards from "
        "above and beside the socket to the front of the neck, the lateral arm to its upper "
        "part and the medial arm lower down, and the pubofemoral ligament runs from the "
        "midline side under the head to the lower neck. From behind: the "
        f"{_WORDS.get(n_ischio, str(n_ischio))} fibres of the "
        f"ischiofemoral ligament start behind the socket, low on the midline side, and run "
        "across the back of the head and neck towards the outer side. The ligamentum teres is "
        "inside the joint and is not drawn."
    )
    axis = {"visible": False, "fixedrange": True}
    fig.update_layout(
        template=style.small_template(polar=False), height=500, annotations=anns,
        margin={"l": 10, "r": 10, "t": 40, "b": 70}, meta={
            "alt_text": alt,
            # on a phone: the panels one above the other
            "narrow": {"height": 820, "xaxis.domain": [0.0, 1.0], "yaxis.domain": [0.58, 1.0],
                       "xaxis2.domain": [0.0, 1.0], "yaxis2.domain": [0.08, 0.5]}},
        legend={"orientation": "h", "x": 0.0, "y": -0.02, "yanchor": "top"},
        xaxis=dict(axis, domain=[0.0, 0.47], range=list(_RANGE_X)),
        yaxis=dict(axis, domain=[0.08, 1.0], range=list(_RANGE_Y), scaleanchor="x"),
        xaxis2=dict(axis, domain=[0.53, 1.0], range=list(_RANGE_X)),
        yaxis2=dict(axis, domain=[0.08, 1.0], range=list(_RANGE_Y), scaleanchor="x2"),
    )
    return fig


FIGURES = {
    "capsule_ligament_views": FigureSpec(build=capsule_views, label="Figure"),
}
