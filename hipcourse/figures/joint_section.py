"""Lesson 03: a slice through the joint, and what ends internal rotation (soft tissue or bone).

* ``joint_section`` -- a schematic slice through the model's right hip in the frontal plane,
  seen from the front (the hip's outer side on the viewer's left): the femoral head (the model's
  sphere), the neck along the model's neck axis with its superior-inferior half-width, the
  socket over the arc the model's bony rim leaves covered in that plane
  (:attr:`hipcapsule.Geometry.rim_polar_deg` from the opening axis,
  :func:`hipcapsule.geometry.acetabular_axis`), the capsule from just outside the rim
  (:data:`hipcapsule.anatomy.PELVIC_RADIUS`) to the neck (the femoral footprints of the lateral
  iliofemoral arm above and the pubofemoral below, :data:`hipcapsule.anatomy.DEFAULT_FOOTPRINTS`)
  and the labrum, which the model does not include (drawn as a schematic rim of soft tissue).
  The socket's wall thickness and the capsule's bulge are drawn, not measured.
* ``capsule_or_bone`` -- for the straight hip and the hip bent 90 deg: where the soft tissues
  stop internal rotation (:func:`hipcourse.explorers.inside_joint.state.rotation_stops`, the same
  numbers as the lesson's prose) and where the neck would meet the rim, with the cadaver margin
  of Han et al. (:data:`hipcapsule.evidence` row ``han2019-margin-ir-flexion90``).
"""

from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go

import hipcapsule as hc
from hipcapsule import evidence
from hipcapsule.anatomy import DEFAULT_FOOTPRINTS, PELVIC_RADIUS
from hipcapsule.geometry import acetabular_axis, neck_axis

from .. import style
from ..explorers.inside_joint.state import rotation_stops
from . import FigureSpec

__all__ = ["FIGURES", "STOP_FLEXIONS_DEG", "covered_arc_deg", "section_geometry"]

_BONE = "#d9c9a3"
_BONE_LINE = "#8c7a55"
_LABRUM = "#cc79a7"
_CAPSULE = "#0072b2"
_SOCKET_WALL_MM = 9.0
_LABRUM_MM = 7.0

#: Flexion angles (deg) of the two rows of ``capsule_or_bone``.
STOP_FLEXIONS_DEG = (0.0, 90.0)


def _to_view(v: np.ndarray) -> np.ndarray:
    """Pelvis-frame vectors (..., 3) -> (across, up) seen from the front: across = -Z."""
    v = np.asarray(v, dtype=float)
    return np.stack([-v[..., 2], v[..., 1]], axis=-1)


def covered_arc_deg(geom: hc.Geometry | None = None) -> tuple[float, float]:
    """The socket's arc in the frontal plane through the head centre (deg, anticlockwise from
    the viewer's right, seen from the front): the directions at least ``rim_polar_deg`` from
    the opening axis, as (start, end)."""
    g = hc.default_geometry() if geom is None else geom
    a = acetabular_axis(g)
    phi = np.arange(0.0, 360.0, 0.25)
    t = np.deg2rad(phi)
    # across = -Z, up = Y: a direction at angle phi is (0, sin phi, -cos phi) in the pelvis frame
    d = np.stack([np.zeros_like(t), np.sin(t), -np.cos(t)], axis=1)
    covered = np.degrees(np.arccos(np.clip(d @ a, -1, 1))) >= g.rim_polar_deg
    # the covered directions form one run; rotate so it does not wrap past 360
    start = int(np.argmax(~covered))
    idx = np.roll(np.arange(phi.size), -start)
    run = idx[covered[idx]]
    return float(phi[run[0]]), float(phi[run[-1]] if phi[run[-1]] > phi[run[0]]
                                     else phi[run[-1]] + 360.0)


def section_geometry() -> dict:
    """Numbers of the slice (mm, across and up from the head centre, seen from the front).

    Keys: ``head_radius_mm``, ``arc_deg`` (socket arc), ``neck_dir`` (unit, across/up),
    ``neck_half_width_mm`` (superior-inferior), ``capsule_pelvic`` (two points, rim ends at
    :data:`~hipcapsule.anatomy.PELVIC_RADIUS` head radii) and ``capsule_femoral`` (two points
    on the neck: the lateral iliofemoral footprint above, the pubofemoral below).
    """
    g = hc.default_geometry()
    r = g.head_radius_mm
    n = _to_view(neck_axis(g))
    n = n / np.linalg.norm(n)
    perp = np.array([-n[1], n[0]])
    if perp[1] < 0:
        perp = -perp  # pointing up: the neck's superior side
    a0, a1 = covered_arc_deg(g)
    ends = [np.array([math.cos(math.radians(a)), math.sin(math.radians(a))]) for a in (a0, a1)]
    sup = DEFAULT_FOOTPRINTS["lateral_iliofemoral"]
    inf = DEFAULT_FOOTPRINTS["pubofemoral"]
    femoral = [r * (sup["axial"] * n + sup["radius"] * perp),
               r * (inf["axial"] * n - inf["radius"] * perp)]
    # the rim end nearer the top of the neck goes with the superior femoral point
    pelvic = sorted((PELVIC_RADIUS * r * e for e in ends), key=lambda p: -p[1])
    return {"head_radius_mm": r, "arc_deg": (a0, a1), "neck_dir": n, "neck_perp": perp,
            "neck_half_width_mm": g.neck_half_width_si * r, "capsule_pelvic": pelvic,
            "capsule_femoral": femoral}


def _poly(x, y, fill: str, line: str, name: str) -> go.Scatter:
    return go.Scatter(x=style.rounded(x), y=style.rounded(y), mode="lines", fill="toself",
                      fillcolor=fill, line={"color": line, "width": 1.5}, name=name,
                      hoverinfo="name", showlegend=False)


def _arc(radius: float, a0: float, a1: float, n: int = 60) -> np.ndarray:
    t = np.deg2rad(np.linspace(a0, a1, n))
    return np.stack([radius * np.cos(t), radius * np.sin(t)], axis=1)


def _capsule_curve(p: np.ndarray, f: np.ndarray, bulge: float) -> np.ndarray:
    """A smooth curve from ``p`` to ``f`` bowed away from the head centre by ``bulge`` mm."""
    mid = (p + f) / 2
    out = mid / np.linalg.norm(mid)
    ctrl = mid + bulge * out
    s = np.linspace(0.0, 1.0, 30)[:, None]
    return (1 - s) ** 2 * p + 2 * (1 - s) * s * ctrl + s ** 2 * f


def joint_section_figure() -> go.Figure:
    geo = section_geometry()
    r = geo["head_radius_mm"]
    a0, a1 = geo["arc_deg"]
    n, perp, hw = geo["neck_dir"], geo["neck_perp"], geo["neck_half_width_mm"]
    traces = []
    # the neck (drawn first: the head covers its inner end), cut off at its base
    base = 2.1 * r * n
    neck = np.array([0.3 * r * n + hw * perp, base + hw * perp, base - hw * perp,
                     0.3 * r * n - hw * perp])
    traces.append(_poly(neck[:, 0], neck[:, 1], _BONE, _BONE_LINE, "Femoral neck"))
    t = np.linspace(0.0, 2 * np.pi, 90)
    traces.append(_poly(r * np.cos(t), r * np.sin(t), _BONE, _BONE_LINE, "Femoral head"))
    # socket: a wall over the covered arc, just outside the head
    inner, outer = _arc(r + 1.0, a0, a1), _arc(r + 1.0 + _SOCKET_WALL_MM, a1, a0)
    wall = np.vstack([inner, outer])
    traces.append(_poly(wall[:, 0], wall[:, 1], "#bfae86", _BONE_LINE,
                        "Socket (acetabulum, pelvic bone)"))
    # labrum: a soft-tissue lip on each end of the rim (not in the model)
    for a, sgn in ((a0, -1.0), (a1, 1.0)):
        e = np.array([math.cos(math.radians(a)), math.sin(math.radians(a))])
        tang = sgn * np.array([-e[1], e[0]])
        p_in, p_out = (r + 1.0) * e, (r + 1.0 + _SOCKET_WALL_MM) * e
        tip = (r + 2.0) * e + _LABRUM_MM * tang
        tri = np.array([p_in, p_out, tip])
        traces.append(_poly(tri[:, 0], tri[:, 1], _LABRUM, _LABRUM, "Labrum"))
    # capsule: above and below, from just outside the rim to the neck
    for p, f in zip(geo["capsule_pelvic"], geo["capsule_femoral"], strict=True):
        c = _capsule_curve(p, f, 0.25 * r)
        traces.append(go.Scatter(x=style.rounded(c[:, 0]), y=style.rounded(c[:, 1]),
                                 mode="lines", line={"color": _CAPSULE, "width": 6},
                                 name="Capsule", hoverinfo="name", showlegend=False))
    top_p, bottom_p = geo["capsule_pelvic"]
    top_f = geo["capsule_femoral"][0]
    top_mid = _capsule_curve(top_p, top_f, 0.25 * r)[15]
    deep = (r + 1.0 + _SOCKET_WALL_MM / 2) * np.array(
        [math.cos(math.radians((a0 + a1) / 2)), math.sin(math.radians((a0 + a1) / 2))])
    lab_end = (r + 4.0) * np.array([math.cos(math.radians(a1)), math.sin(math.radians(a1))])
    neck_mid = 1.6 * r * n - hw * perp
    labels = [
        (np.array([0.0, -4.0]), None, f"ball:<br>femoral head<br>(radius {r:.0f} mm)"),
        (deep, deep + np.array([22.0, 14.0]), "socket<br>(acetabulum)"),
        (lab_end, np.array([-22.0, 50.0]), "labrum<br>(not in the model)"),
        (top_mid, top_mid + np.array([-24.0, 8.0]), "capsule"),
        (neck_mid, neck_mid + np.array([28.0, -14.0]), "femoral neck"),
    ]
    anns = []
    for tip, text_at, text in labels:
        ann = {"x": round(float(tip[0]), 1), "y": round(float(tip[1]), 1), "xref": "x",
               "yref": "y", "text": text, "font": dict(style.FONT_SMALL, color="#222222")}
        if text_at is None:
            ann["showarrow"] = False
        else:
            ann.update(ax=round(float(text_at[0]), 1), ay=round(float(text_at[1]), 1),
                       axref="x", ayref="y", showarrow=True, arrowhead=0, arrowwidth=1.2,
                       arrowcolor="#555555", bgcolor="rgba(255,255,255,0.85)")
        anns.append(ann)
    for x, anchor, text in ((-78.0, "left", "← outer side"), (68.0, "right", "midline →")):
        anns.append({"x": x, "y": -66.0, "xref": "x", "yref": "y", "xanchor": anchor,
                     "yanchor": "bottom", "showarrow": False, "text": text,
                     "font": dict(style.FONT_SMALL, color="#555555")})
    fig = go.Figure(traces)
    alt = (
        "A schematic slice through the course model's right hip, seen from the front, with the "
        "hip's outer side on the left. The ball, the femoral head, has a radius of "
        f"{r:.0f} mm and sits in the socket of the pelvis, which covers it from above and from "
        f"the midline side over about {a1 - a0:.0f}° of its outline in this slice. A small "
        "pink lip, the labrum, sits on each edge of the socket; the model leaves it out. The "
        "capsule, drawn blue, runs above and below the joint from just outside the socket's rim "
        "to the femoral neck, which leaves the head down and to the outer side. The wall "
        "thickness of the socket and the bulge of the capsule are drawn, not measured."
    )
    fig.update_layout(
        template=style.small_template(polar=False), height=480, annotations=anns,
        title={"text": "Slice through the hip, from the front", "x": 0.02},
        margin={"l": 10, "r": 10, "t": 50, "b": 40}, showlegend=False,
        meta={"alt_text": alt},
        xaxis={"visible": False, "range": [-80, 70], "fixedrange": True},
        yaxis={"visible": False, "range": [-68, 60], "scaleanchor": "x", "fixedrange": True},
    )
    return fig


# --- capsule or bone ------------------------------------------------------------------------

_SOFT = style.STRUCTURE_COLOURS["ischiofemoral"]
_BONE_MARK = "#000000"
_ROW_NAMES = {0.0: "Hip straight (0°)", 90.0: "Hip bent 90°"}


def _row_name(flexion: float) -> str:
    return _ROW_NAMES.get(flexion, f"Hip bent {flexion:g}°")


def capsule_or_bone_figure() -> go.Figure:
    """Per flexion: the soft-tissue IR limit as a bar, the neck-rim contact as a mark."""
    stops = {f: rotation_stops(f, band=False) for f in STOP_FLEXIONS_DEG}
    rows = [_row_name(f) for f in STOP_FLEXIONS_DEG]
    search = hc.MOTIONS["internal_rotation"][1]
    fig = go.Figure()
    fig.add_trace(go.Bar(
        y=rows, x=[round(stops[f]["ir"], 1) for f in STOP_FLEXIONS_DEG], orientation="h",
        marker={"color": _SOFT}, width=0.45, name="soft tissues stop internal rotation",
        text=[f"{stops[f]['ir']:.0f}°" for f in STOP_FLEXIONS_DEG], textposition="inside",
        insidetextanchor="end", textfont={"color": "white", "size": 14},
        hovertemplate="%{y}: soft tissues stop it at %{x}°<extra></extra>"))
    found = [f for f in STOP_FLEXIONS_DEG if stops[f]["bone_found"]]
    fig.add_trace(go.Bar(
        y=[_row_name(f) for f in found], x=[round(stops[f]["margin"], 1) for f in found],
        base=[round(stops[f]["ir"], 1) for f in found], orientation="h", width=0.45,
        marker={"color": "#dddddd", "line": {"color": "#888888", "width": 1}},
        name="margin left before bone",
        hovertemplate="%{y}: %{x}° of margin before bone<extra></extra>"))
    fig.add_trace(go.Scatter(
        y=[_row_name(f) for f in found], x=[round(stops[f]["bone_ir"], 1) for f in found],
        mode="markers", name="neck would meet the rim (bone)",
        marker={"symbol": "line-ns", "size": 34, "line": {"width": 4, "color": _BONE_MARK}},
        hovertemplate="%{y}: the neck would meet the rim at %{x}°<extra></extra>"))
    anns = []
    for f in STOP_FLEXIONS_DEG:
        s = stops[f]
        if s["bone_found"]:
            anns.append({"x": round(s["bone_ir"], 1), "y": _row_name(f), "yshift": 24,
                         "xanchor": "center", "yanchor": "bottom", "showarrow": False,
                         "text": f"bone: {s['bone_ir']:.0f}°",
                         "font": dict(style.FONT_SMALL, color="#222222")})
        else:
            anns.append({"x": round(s["ir"], 1), "y": _row_name(f), "xshift": 8,
                         "xanchor": "left", "showarrow": False,
                         "text": f"no bone contact<br>up to {search:.0f}°",
                         "font": dict(style.FONT_SMALL, color="#222222")})
    han = evidence.row("han2019-margin-ir-flexion90")
    s90 = stops[90.0]
    alt = (
        "Bar chart from the course's capsule model: how far the hip turns inwards before it "
        "stops, with the normal capsule. Hip straight: the soft tissues stop internal rotation "
        f"at about {stops[0.0]['ir']:.0f}°, and "
        + (f"the neck would meet the socket rim only at {stops[0.0]['bone_ir']:.0f}°. "
           if stops[0.0]["bone_found"] else
           f"the neck does not reach the rim within the {search:.0f}° the model searches. ")
        + f"Hip bent 90°: the soft tissues stop it at about {s90['ir']:.0f}°, and a black mark "
        f"shows that the neck would meet the rim at about {s90['bone_ir']:.0f}°: a grey "
        f"margin of about {s90['margin']:.0f}° is left before bone. In cadaver hips bent "
        f"90°, the soft tissues stopped internal rotation {han.value:g} ± {han.sd:g}° before bone "
        f"({han.source_key}), a result the model was fitted to."
    )
    alt = style.in_words(alt)
    fig.update_layout(
        template=style.small_template(polar=False), height=400, annotations=anns,
        title={"text": "What stops turning inwards?", "x": 0.02},
        margin={"l": 10, "r": 15, "t": 50, "b": 130}, barmode="overlay",
        legend={"orientation": "h", "x": 0.0, "y": -0.3, "yanchor": "top"},
        xaxis={"title": {"text": "Internal rotation (°)"}, "range": [0, 60], "dtick": 10,
               "fixedrange": True},
        yaxis={"automargin": True, "autorange": "reversed", "fixedrange": True,
               "ticklabelstandoff": 6},
        meta={"alt_text": alt},
    )
    return fig


FIGURES = {
    "joint_section": FigureSpec(build=joint_section_figure, label="Figure"),
    "capsule_or_bone": FigureSpec(build=capsule_or_bone_figure, label="Figure",
                                  sources=("han2019",)),
}
