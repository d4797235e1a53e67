"""Explorer 3 figure: the hip in 3-D with its bands on their wrapped paths, coloured by strain,
with a rotation slider, flexion buttons and tightness buttons, all precomputed.

Colour trick: a band's colour value is its length divided by its *normal* slack length,
``c = L / L0``. With tightness ``t`` the strain is ``c / (1 - t) - 1``, an affine function of
``c``, so a tightness button only has to move the colour range (``cmin``/``cmax``) and the
colour-bar ticks; rotation steps and flexion buttons compose with it freely.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import plotly.graph_objects as go

from hipcapsule import MEANINGFUL_TIGHTNESS, default_capsule
from hipcapsule.capsule import Capsule
from hipcapsule.geometry import acetabular_axis

from ... import style
from ..base import Control, Option, plotly_controls
from .caption import caption_joint
from .state import JointState, joint_state

__all__ = ["STATIC_FLEXIONS", "STATIC_ROTATIONS", "build", "joint_figure", "readout"]

_BONE = "#bdb5a6"
#: Neck outline colour in bone contact (reddish purple: outside the strain colour scale).
CONTACT_COLOUR = "#cc79a7"
NECK_COLOUR = "#7f7766"

#: Defaults of the static figure.
STATIC_FLEXIONS = (0.0, 45.0, 90.0)
STATIC_ROTATIONS = tuple(float(r) for r in range(-50, 61, 5))


def _colour_range(tightness: float) -> tuple[float, float]:
    """``(cmin, cmax)`` on the length / normal-slack scale that shows the strain range at ``t``."""
    k = 1.0 - tightness
    return (style.STRAIN_RANGE[0] + 1.0) * k, (style.STRAIN_RANGE[1] + 1.0) * k


def _tick_values(tightness: float) -> list[float]:
    k = 1.0 - tightness
    return [round((s + 1.0) * k, 4) for s in style.STRAIN_TICKS]


def _bundle_tightness(name: str, tightness: float) -> float:
    return 0.0 if name == "ligamentum_teres" else tightness


def _colorbar(tightness: float) -> dict:
    return {
        "title": {"text": "Strain (%)<br>below 0 = slack", "side": "right"},
        "tickmode": "array",
        "tickvals": _tick_values(tightness),
        "ticktext": [f"{100 * s:+.0f}" if s else "0" for s in style.STRAIN_TICKS],
        "len": 0.6,
        "thickness": 14,
        "x": 1.0,
    }


def _ligament_trace_data(state: JointState, name: str, hover: str) -> dict:
    pts = state.paths[name]
    ratio = state.length_mm[name] / state.normal_slack_mm[name]
    return {
        "x": style.rounded(pts[:, 0]),
        "y": style.rounded(pts[:, 1]),
        "z": style.rounded(pts[:, 2]),
        "line.color": [round(ratio, 4)] * len(pts),
        "text": hover,
    }


def _hover(state: JointState, name: str, levels: tuple[float, ...]) -> str:
    """Hover text: band, length and its strain at each tightness level (same pose)."""
    slack = state.normal_slack_mm[name]
    parts = []
    for t in levels:
        s = state.length_mm[name] / (slack * (1.0 - _bundle_tightness(name, t))) - 1.0
        parts.append(f"{100 * s:+.1f} % at tightness {t:.3f}")
    return (
        f"<b>{style.BUNDLE_LABELS[name]}</b><br>path length {state.length_mm[name]:.1f} mm<br>"
        "strain " + "<br>strain ".join(parts)
    )


def _sphere_mesh(radius: float, n_lon: int = 16, n_lat: int = 12) -> dict:
    lat = np.linspace(0.0, np.pi, n_lat)
    lon = np.linspace(0.0, 2 * np.pi, n_lon, endpoint=False)
    xyz = radius * np.stack(
        [np.outer(np.sin(lat), np.cos(lon)), np.outer(np.cos(lat), np.ones(n_lon)),
         np.outer(np.sin(lat), np.sin(lon))], axis=-1).reshape(-1, 3)
    return {"xyz": xyz, "faces": _grid_faces(n_lat, n_lon)}


def _grid_faces(n_rows: int, n_cols: int) -> np.ndarray:
    faces = []
    for i in range(n_rows - 1):
        for k in range(n_cols):
            a, b = i * n_cols + k, i * n_cols + (k + 1) % n_cols
            c, d = a + n_cols, b + n_cols
            faces += [(a, b, c), (b, d, c)]
    return np.array(faces)


def _cup_mesh(capsule: Capsule, n_lon: int = 16, n_lat: int = 6) -> dict:
    """Spherical cup around the head, from the effective rim to the socket floor (pelvis)."""
    g = capsule.geometry
    a = acetabular_axis(g)
    u = np.cross(a, [0.0, 0.0, 1.0])
    u /= np.linalg.norm(u)
    w = np.cross(a, u)
    polar = np.deg2rad(np.linspace(g.rim_polar_deg, 175.0, n_lat))
    lon = np.linspace(0.0, 2 * np.pi, n_lon, endpoint=False)
    rad = g.wrap_radius_mm + 1.5
    dirs = (np.cos(polar)[:, None, None] * a
            + np.sin(polar)[:, None, None] * (np.cos(lon)[None, :, None] * u
                                              + np.sin(lon)[None, :, None] * w))
    return {"xyz": rad * dirs.reshape(-1, 3), "faces": _grid_faces(n_lat, n_lon)}


def _mesh_trace(mesh: dict, colour: str, name: str, opacity: float) -> go.Mesh3d:
    xyz, f = mesh["xyz"], mesh["faces"]
    return go.Mesh3d(
        x=style.rounded(xyz[:, 0]), y=style.rounded(xyz[:, 1]), z=style.rounded(xyz[:, 2]),
        i=f[:, 0].tolist(), j=f[:, 1].tolist(), k=f[:, 2].tolist(),
        color=colour, opacity=opacity, name=name, hoverinfo="name", showscale=False,
        flatshading=True, lighting={"ambient": 0.6, "diffuse": 0.6, "specular": 0.05},
    )


def _set_traces(state: JointState, tightness: float, levels, visible: bool, first: bool):
    """Ligament traces (model order) plus the femur wireframe trace for one flexion set."""
    traces = []
    lo, hi = _colour_range(tightness)
    for name in state.paths:
        d = _ligament_trace_data(state, name, _hover(state, name, levels))
        bt = _bundle_tightness(name, tightness)
        blo, bhi = _colour_range(bt)
        show = first and name == "lateral_iliofemoral"
        traces.append(go.Scatter3d(
            x=d["x"], y=d["y"], z=d["z"], mode="lines", name=style.BUNDLE_LABELS[name],
            text=d["text"], hoverinfo="text", visible=visible, showlegend=False,
            line={"width": 9, "color": d["line.color"], "colorscale": style.STRAIN_COLOURSCALE,
                  "cmin": blo if name == "ligamentum_teres" else lo,
                  "cmax": bhi if name == "ligamentum_teres" else hi,
                  "showscale": show, "colorbar": _colorbar(tightness)},
        ))
    wire = state.femur_wire
    traces.append(go.Scatter3d(
        x=style.rounded(wire[:, 0]), y=style.rounded(wire[:, 1]), z=style.rounded(wire[:, 2]),
        mode="lines", name="femoral neck", hoverinfo="name", visible=visible, showlegend=False,
        line={"width": 4, "color": CONTACT_COLOUR if state.bone_contact else NECK_COLOUR},
    ))
    return traces


def _static_traces(capsule: Capsule) -> list:
    head = _sphere_mesh(capsule.geometry.head_radius_mm)
    pel = np.array([b.pelvic_point_mm for b in capsule.bundles])
    return [
        _mesh_trace(head, _BONE, "femoral head", 1.0),
        _mesh_trace(_cup_mesh(capsule), "#8da0b8", "acetabulum (cup and rim)", 0.35),
        go.Scatter3d(
            x=style.rounded(pel[:, 0]), y=style.rounded(pel[:, 1]), z=style.rounded(pel[:, 2]),
            mode="markers+text", text=[style.BUNDLE_LABELS[n] for n in capsule.bundle_names],
            textposition="top center", textfont={"size": 10, "color": "#333333"},
            marker={"size": 3, "color": "#333333"}, hoverinfo="text", name="pelvic origins",
            showlegend=False,
        ),
    ]


def _layout(title: str, height: int = 640) -> dict:
    axis = {"showbackground": False, "gridcolor": "#dddddd", "zeroline": False,
            "showspikes": False}
    lim = 52
    return {
        "title": {"text": title, "x": 0.0, "xanchor": "left", "font": {"size": 16}},
        "template": "none",
        "font": style.FONT_SMALL,
        "height": height,
        "margin": {"l": 0, "r": 0, "t": 60, "b": 0},
        "paper_bgcolor": "#ffffff",
        "showlegend": False,
        "uirevision": "joint",
        "scene": {
            "xaxis": {**axis, "title": {"text": "X: anterior (mm)"}, "range": [-lim, lim]},
            "yaxis": {**axis, "title": {"text": "Y: superior (mm)"}, "range": [-lim - 10, lim - 5]},
            "zaxis": {**axis, "title": {"text": "Z: lateral (mm)"}, "range": [-lim, lim]},
            "aspectmode": "cube",
            "camera": {"up": {"x": 0, "y": 1, "z": 0}, "eye": {"x": -1.25, "y": 0.45, "z": 0.95}},
            "dragmode": "orbit",
        },
    }


def _tightness_levels() -> tuple[float, ...]:
    t_max = MEANINGFUL_TIGHTNESS["whole"][1]
    return (0.0, round(t_max / 2, 3), round(t_max, 3))


def joint_figure(
    sex: str = "male",
    flexions: tuple = STATIC_FLEXIONS,
    rotations: tuple = STATIC_ROTATIONS,
    tightness_levels: tuple | None = None,
) -> go.Figure:
    """Static 3-D figure with a rotation slider, flexion buttons and tightness buttons.

    Every step is precomputed with :func:`~.state.joint_state`; the slider and buttons restyle
    only the ligament and neck traces, never the meshes (see the module docs for how they
    compose).

    Parameters
    ----------
    sex : {"male", "female"}
    flexions : tuple of float
        Flexion angles (deg) offered as buttons; the first is shown first.
    rotations : tuple of float
        Rotation steps (deg, + internal); 0 must be one of them and is shown first.
    tightness_levels : tuple of float, optional
        Whole-capsule tightness buttons (default 0, half and full meaningful range).

    Returns
    -------
    plotly.graph_objects.Figure
        A fresh copy (the cached original is never handed out).
    """
    return go.Figure(build(sex, tuple(flexions), tuple(rotations), tightness_levels)[0])


@lru_cache(maxsize=4)
def build(sex: str = "male", flexions: tuple = STATIC_FLEXIONS,
          rotations: tuple = STATIC_ROTATIONS, levels: tuple | None = None):
    """The (cached) figure and its static controls; see :func:`joint_figure`."""
    levels = _tightness_levels() if levels is None else tuple(levels)
    cap = default_capsule(sex)
    nb = len(cap.bundles)
    per_set = nb + 1
    i0 = rotations.index(0.0)
    static = _static_traces(cap)
    n_static = len(static)
    fig = go.Figure(static)
    states = {(f, r): joint_state((f, 0.0, r), 0.0, sex, n_arc=6) for f in flexions
              for r in rotations}
    for k, f in enumerate(flexions):
        for tr in _set_traces(states[(f, rotations[i0])], levels[0], levels, k == 0, k == 0):
            fig.add_trace(tr)
    lig_idx = [n_static + k * per_set + j for k in range(len(flexions)) for j in range(nb)]
    all_idx = [n_static + k * per_set + j for k in range(len(flexions))
               for j in range(per_set)]
    steps = []
    for r in rotations:
        xs, ys, zs, cs, texts = [], [], [], [], []
        for f in flexions:
            st = states[(f, r)]
            for name in cap.bundle_names:
                d = _ligament_trace_data(st, name, _hover(st, name, levels))
                xs.append(d["x"])
                ys.append(d["y"])
                zs.append(d["z"])
                cs.append(d["line.color"])
                texts.append(d["text"])
            w = st.femur_wire
            xs.append(style.rounded(w[:, 0]))
            ys.append(style.rounded(w[:, 1]))
            zs.append(style.rounded(w[:, 2]))
            cs.append(CONTACT_COLOUR if st.bone_contact else NECK_COLOUR)
            texts.append("")
        label = "0" if r == 0 else f"{abs(r):.0f}\u00b0 {'IR' if r > 0 else 'ER'}"
        steps.append(Option(label, r, [{"x": xs, "y": ys, "z": zs, "line.color": cs,
                                        "text": texts}, all_idx]))
    flex_buttons = []
    for k, f in enumerate(flexions):
        vis = [kk == k for kk in range(len(flexions)) for _ in range(per_set)]
        show = [kk == k and j == 0 for kk in range(len(flexions)) for j in range(per_set)]
        flex_buttons.append(Option(f"{f:.0f}\u00b0 flexion", f,
                                   [{"visible": vis, "line.showscale": show}, all_idx]))
    tight_buttons = []
    names = list(cap.bundle_names) * len(flexions)
    for t in levels:
        ranges = [_colour_range(_bundle_tightness(n, t)) for n in names]
        tight_buttons.append(Option(f"tightness {t:.3f}", t, [
            {"line.cmin": [c[0] for c in ranges], "line.cmax": [c[1] for c in ranges],
             "line.colorbar.tickvals": [_tick_values(t)] * len(names)}, lig_idx]))
    menu = {"x": 0.0, "xanchor": "left", "yanchor": "top", "pad": {"r": 4, "t": 0}}
    # the tightness menu comes first so that the last button of the figure changes geometry
    controls = (
        Control("rotation", "slider", tuple(steps), i0, {
            "x": 0.05, "len": 0.9, "y": 0.0, "yanchor": "top", "pad": {"t": 10, "b": 0},
            "currentvalue": {"prefix": "Rotation (+ internal): ", "font": {"size": 13}}}),
        Control("tightness", "buttons", tuple(tight_buttons), 0, {**menu, "y": 0.99}),
        Control("flexion", "buttons", tuple(flex_buttons), 0, {**menu, "y": 0.92}),
    )
    layout = _layout("Inside the joint: capsular bands on their wrapped paths, coloured by strain")
    layout["margin"]["b"] = 70
    layout.update(plotly_controls(controls))
    layout["height"] = 720
    fig.update_layout(layout)
    fig.layout.meta = {"alt_text": caption_joint(sex)}
    return fig, controls


def readout(figure: dict) -> dict:
    """Each visible band's path ends and strain, and whether the neck touches the rim."""
    out = {}
    for trace in figure["data"]:
        if trace["type"] != "scatter3d" or trace.get("visible") is False:
            continue
        name = trace.get("name")
        line = trace.get("line") or {}
        if name == "femoral neck":
            out["bone_contact"] = line.get("color") == CONTACT_COLOUR
            out["neck"] = [trace["x"][0], trace["y"][0], trace["z"][0]]
        elif name in style.BUNDLE_LABELS.values():
            # colour value c = L / L0 and cmin = (STRAIN_RANGE[0] + 1)(1 - t): strain from both
            c = line["color"][0]
            k = line["cmin"] / (style.STRAIN_RANGE[0] + 1.0)
            # the drawn resolution may differ (live draws finer arcs): compare the ends
            ends = [[trace[a][i] for a in ("x", "y", "z")] for i in (0, -1)]
            out[name] = {"ends": ends, "strain": round(c / k - 1.0, 3)}
    return out
