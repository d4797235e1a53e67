"""Explorer 3 figure: the hip in 3-D with its 12 capsular fibres on their model paths, coloured
by ligament and shaded by strain, the elliptical neck and the bony rim, with a rotation slider,
flexion buttons and tightness buttons, all precomputed.

Colour: each fibre is drawn in its ligament's hue (:data:`hipcourse.style.STRUCTURE_COLOURS`,
legend per ligament) on a scale from pale (slack) to full colour (taut) to dark (stretched far),
:func:`hipcourse.style.ligament_strain_colourscale`. A fibre's colour value is its length
divided by its *normal* slack length, ``c = L / L0``. With tightness ``t`` the strain is
``c / (1 - t) - 1``, an affine function of ``c``, so a tightness button only has to move the
colour range (``cmin``/``cmax``); rotation steps (geometry and ``c``) and flexion buttons
(which set of traces is visible) compose with it freely.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import plotly.graph_objects as go

from hipcapsule import BUNDLES, LIGAMENTS, MEANINGFUL_TIGHTNESS, REGIONS, default_capsule
from hipcapsule.anatomy import FIBRE_COUNTS
from hipcapsule.capsule import Capsule
from hipcapsule.geometry import acetabular_axis

from ... import style
from ..base import Control, Option, plotly_controls
from .caption import ROTATION_RANGE_DEG, caption_joint
from .state import JointState, cup_radius_mm, joint_state, rim_circle

__all__ = [
    "CONTACT_COLOUR",
    "NECK_COLOUR",
    "STATIC_FLEXIONS",
    "STATIC_ROTATIONS",
    "build",
    "joint_figure",
    "readout",
    "tightness_levels",
]

_BONE = "#bdb5a6"
_CUP = "#8da0b8"
_RIM = "#44546a"
#: Neck outline: grey when clear of the rim, black and thick in bone contact.
NECK_COLOUR, CONTACT_COLOUR = "#8a8170", "#000000"
NECK_WIDTH, CONTACT_WIDTH = 4, 9
FIBRE_WIDTH = 7
NECK_NAME = "femoral neck"
#: The default camera (Plotly scene units; the axes span about the same range each).
CAMERA_EYE = {"x": -1.05, "y": 0.3, "z": 1.2}
#: Ligament names: this many head radii off the head's centre across the line of sight, and
#: in front of the head as the default camera sees it (the head hid the medial ones).
LABEL_RADIUS_FACTOR = 1.5


def _label_points(points_mm: np.ndarray, head_radius_mm: float) -> np.ndarray:
    """Where to write names for points ``points_mm`` (n, 3; mm, head at the origin) so the
    head, as the default camera sees it, hides none: each point's offset across the line of
    sight, stretched to at least :data:`LABEL_RADIUS_FACTOR` head radii, one head radius
    towards the camera."""
    eye = np.array([CAMERA_EYE["x"], CAMERA_EYE["y"], CAMERA_EYE["z"]])
    eye /= np.linalg.norm(eye)
    across = points_mm - np.outer(points_mm @ eye, eye)
    dist = np.linalg.norm(across, axis=1, keepdims=True)
    across *= np.maximum(1.0, LABEL_RADIUS_FACTOR * head_radius_mm / dist)
    return across + head_radius_mm * eye
#: Where each pelvic label sits next to its point (so that neighbours do not overlap).
_LABEL_POSITION = {"medial_iliofemoral": "middle right", "pubofemoral": "bottom right",
                   "ischiofemoral": "bottom left"}

#: Defaults of the static figure.
STATIC_FLEXIONS = (0.0, 45.0, 90.0)
STATIC_ROTATIONS = tuple(float(r) for r in range(int(ROTATION_RANGE_DEG[0]),
                                                  int(ROTATION_RANGE_DEG[1]) + 1, 5))


def _fibre_tightness(name: str, tightness: float) -> float:
    """Tightness a fibre gets from a whole-capsule tightening (none for the ligamentum teres)."""
    return 0.0 if BUNDLES[name] == "ligamentum_teres" else tightness


def colour_range(name: str, tightness: float) -> tuple[float, float]:
    """``(cmin, cmax)`` on the length / normal-slack scale that shows the strain range at
    ``tightness`` (whole capsule) for fibre ``name``."""
    k = 1.0 - _fibre_tightness(name, tightness)
    return (style.STRAIN_RANGE[0] + 1.0) * k, (style.STRAIN_RANGE[1] + 1.0) * k


def tightness_levels() -> tuple[float, ...]:
    """Whole-capsule tightness buttons: normal, half and all of the meaningful range."""
    t_max = MEANINGFUL_TIGHTNESS["whole"][1]
    return (0.0, round(t_max / 2, 3), round(t_max, 3))


def tightness_label(t: float) -> str:
    """Button / hover label of a whole-capsule tightness ("2.9 % tighter": slack lengths
    2.9 % shorter)."""
    return "normal capsule" if t == 0 else f"{100 * t:.1f} % tighter"


def fibre_values(state: JointState, name: str, levels: tuple[float, ...]) -> dict:
    """Restyle values of one fibre trace: path, colour value (``L / L0``) and hover text."""
    pts = state.paths[name]
    ratio = round(state.length_mm[name] / state.normal_slack_mm[name], 4)
    return {
        "x": style.rounded(pts[:, 0]),
        "y": style.rounded(pts[:, 1]),
        "z": style.rounded(pts[:, 2]),
        "line.color": [ratio] * len(pts),
        "text": _hover(state, name, levels),
    }


def neck_values(state: JointState) -> dict:
    """Restyle values of the neck trace: outline, and colour and width for bone contact."""
    w = state.neck
    contact = state.bone_contact
    return {
        "x": style.rounded(w[:, 0]),
        "y": style.rounded(w[:, 1]),
        "z": style.rounded(w[:, 2]),
        "line.color": CONTACT_COLOUR if contact else NECK_COLOUR,
        "line.width": CONTACT_WIDTH if contact else NECK_WIDTH,
        "text": ("femoral neck: touching the bony rim (bony limit)" if contact
                 else "femoral neck: clear of the rim"),
    }


def _hover(state: JointState, name: str, levels: tuple[float, ...]) -> str:
    """Hover text: fibre, ligament, path length and its strain at each tightness (same pose)."""
    slack = state.normal_slack_mm[name]
    parts = []
    for t in levels:
        s = state.length_mm[name] / (slack * (1.0 - _fibre_tightness(name, t))) - 1.0
        parts.append(f"{100 * s:+.1f} % ({tightness_label(t)})")
    # short: the slider steps carry this text for every fibre, and it is most of their bytes
    return (f"<b>{style.BUNDLE_LABELS[name]}</b><br>"
            f"length {state.length_mm[name]:.1f} mm<br>strain " + "<br>".join(parts))


def _grid_faces(n_rows: int, n_cols: int) -> np.ndarray:
    faces = []
    for i in range(n_rows - 1):
        for k in range(n_cols):
            a, b = i * n_cols + k, i * n_cols + (k + 1) % n_cols
            c, d = a + n_cols, b + n_cols
            faces += [(a, b, c), (b, d, c)]
    return np.array(faces)


def _sphere_mesh(radius: float, n_lon: int = 16, n_lat: int = 12) -> dict:
    lat = np.linspace(0.0, np.pi, n_lat)
    lon = np.linspace(0.0, 2 * np.pi, n_lon, endpoint=False)
    xyz = radius * np.stack(
        [np.outer(np.sin(lat), np.cos(lon)), np.outer(np.cos(lat), np.ones(n_lon)),
         np.outer(np.sin(lat), np.sin(lon))], axis=-1).reshape(-1, 3)
    return {"xyz": xyz, "faces": _grid_faces(n_lat, n_lon)}


def _cup_mesh(capsule: Capsule, n_lon: int = 16, n_lat: int = 6) -> dict:
    """Spherical cup around the head, from the bony rim to the socket floor (pelvis)."""
    g = capsule.geometry
    a = acetabular_axis(g)
    u = np.cross(a, [0.0, 0.0, 1.0])
    u /= np.linalg.norm(u)
    w = np.cross(a, u)
    polar = np.deg2rad(np.linspace(g.rim_polar_deg, 175.0, n_lat))
    lon = np.linspace(0.0, 2 * np.pi, n_lon, endpoint=False)
    dirs = (np.cos(polar)[:, None, None] * a
            + np.sin(polar)[:, None, None] * (np.cos(lon)[None, :, None] * u
                                              + np.sin(lon)[None, :, None] * w))
    return {"xyz": cup_radius_mm(capsule) * dirs.reshape(-1, 3),
            "faces": _grid_faces(n_lat, n_lon)}


def _mesh_trace(mesh: dict, colour: str, name: str, opacity: float) -> go.Mesh3d:
    xyz, f = mesh["xyz"], mesh["faces"]
    return go.Mesh3d(
        x=style.rounded(xyz[:, 0]), y=style.rounded(xyz[:, 1]), z=style.rounded(xyz[:, 2]),
        i=f[:, 0].tolist(), j=f[:, 1].tolist(), k=f[:, 2].tolist(),
        color=colour, opacity=opacity, name=name, hoverinfo="name", showscale=False,
        flatshading=True, lighting={"ambient": 0.6, "diffuse": 0.6, "specular": 0.05},
    )


def _legend_name(lig: str) -> str:
    n = FIBRE_COUNTS[lig]
    where = ", inside the joint" if lig == "ligamentum_teres" else ""
    return f"{style.LIGAMENT_LABELS[lig]} ({n} fibre{'s' if n > 1 else ''}{where})"


def static_traces(capsule: Capsule) -> list:
    """Traces that never change: head, socket, rim, pelvic labels and the ligament legend."""
    rim = rim_circle(capsule)
    traces = [
        _mesh_trace(_sphere_mesh(capsule.geometry.head_radius_mm), _BONE, "femoral head", 1.0),
        _mesh_trace(_cup_mesh(capsule), _CUP, "acetabulum (socket)", 0.3),
        go.Scatter3d(
            x=style.rounded(rim[:, 0]), y=style.rounded(rim[:, 1]), z=style.rounded(rim[:, 2]),
            mode="lines", name="bony rim of the socket", hoverinfo="name", showlegend=True,
            line={"width": 5, "color": _RIM},
        ),
    ]
    centres, labels = [], []
    for lig in REGIONS["whole"]:  # the ligamentum teres is inside the joint (legend, hover)
        pts = [b.pelvic_point_mm for b in capsule.bundles if b.ligament == lig]
        centres.append(np.mean(pts, axis=0))
        labels.append(style.LIGAMENT_LABELS[lig])
    c = np.array(centres)
    traces.append(go.Scatter3d(
        x=style.rounded(c[:, 0]), y=style.rounded(c[:, 1]), z=style.rounded(c[:, 2]),
        mode="markers", text=labels, marker={"size": 3, "color": "#222222"},
        hoverinfo="text", name="pelvic attachments", showlegend=False,
    ))
    # each name near the middle of its ligament's fibres (straight, at the neutral pose)
    mids = np.array([np.mean([np.add(b.pelvic_point_mm, b.femoral_point_mm) / 2
                              for b in capsule.bundles if b.ligament == lig], axis=0)
                     for lig in REGIONS["whole"]])
    out = _label_points(mids, capsule.geometry.head_radius_mm)
    traces.append(go.Scatter3d(
        x=style.rounded(out[:, 0]), y=style.rounded(out[:, 1]), z=style.rounded(out[:, 2]),
        mode="text", text=labels,
        textposition=[_LABEL_POSITION.get(lig, "top center") for lig in REGIONS["whole"]],
        textfont={"size": 11, "color": "#222222"}, hoverinfo="skip",
        name="ligament names", showlegend=False,
    ))
    for lig in LIGAMENTS:  # legend entries: one per ligament, toggling all its fibres
        traces.append(go.Scatter3d(
            x=[None], y=[None], z=[None], mode="lines", name=_legend_name(lig),
            legendgroup=lig, showlegend=True, hoverinfo="skip",
            line={"width": FIBRE_WIDTH, "color": style.STRUCTURE_COLOURS[lig]},
        ))
    return traces


def set_traces(state: JointState, tightness: float, levels: tuple[float, ...],
               visible: bool) -> list:
    """The fibre traces (model order) and the neck trace for one flexion angle."""
    traces = []
    for name in state.paths:
        d = fibre_values(state, name, levels)
        lo, hi = colour_range(name, tightness)
        lig = BUNDLES[name]
        traces.append(go.Scatter3d(
            x=d["x"], y=d["y"], z=d["z"], mode="lines", name=style.BUNDLE_LABELS[name],
            text=d["text"], hoverinfo="text", visible=visible, showlegend=False,
            legendgroup=lig,
            line={"width": FIBRE_WIDTH, "color": d["line.color"],
                  "colorscale": style.ligament_strain_colourscale(lig), "cmin": lo, "cmax": hi},
        ))
    d = neck_values(state)
    traces.append(go.Scatter3d(
        x=d["x"], y=d["y"], z=d["z"], mode="lines", name=NECK_NAME, text=d["text"],
        hoverinfo="text", visible=visible, showlegend=False,
        line={"width": d["line.width"], "color": d["line.color"]},
    ))
    return traces


def layout(title: str, height: int = 640) -> dict:
    """Scene, camera, legend and fonts of the 3-D view (static and live)."""
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
        "showlegend": True,
        "legend": {
            "title": {"text": "Fibres by ligament (click to hide or show)<br>"
                              "pale: slack · full colour: taut · dark: stretched far",
                      "side": "top"},
            "orientation": "h", "x": 0.0, "xanchor": "left", "y": -0.15, "yanchor": "top",
            "font": {"size": 12}, "groupclick": "togglegroup",
        },
        "uirevision": "joint",
        "scene": {
            "xaxis": {**axis, "title": {"text": "X: anterior (mm)"}, "range": [-lim, lim]},
            "yaxis": {**axis, "title": {"text": "Y: superior (mm)"}, "range": [-lim - 10, lim - 5]},
            "zaxis": {**axis, "title": {"text": "Z: lateral (mm)"}, "range": [-lim, lim]},
            "aspectmode": "cube",
            "camera": {"up": {"x": 0, "y": 1, "z": 0}, "eye": dict(CAMERA_EYE)},
            "dragmode": "orbit",
        },
    }


def joint_figure(
    sex: str = "male",
    flexions: tuple = STATIC_FLEXIONS,
    rotations: tuple = STATIC_ROTATIONS,
    levels: tuple | None = None,
) -> go.Figure:
    """Static 3-D figure with a rotation slider, flexion buttons and tightness buttons.

    Every step is precomputed with :func:`~.state.joint_state`; the slider and buttons restyle
    only the fibre and neck traces, never the bone meshes (see the module docs for how they
    compose).

    Parameters
    ----------
    sex : {"male", "female"}
    flexions : tuple of float
        Flexion angles (deg) offered as buttons; the first is shown first.
    rotations : tuple of float
        Rotation steps (deg, + internal); 0 must be one of them and is shown first.
    levels : tuple of float, optional
        Whole-capsule tightness buttons (default :func:`tightness_levels`).

    Returns
    -------
    plotly.graph_objects.Figure
        A fresh copy (the cached original is never handed out).
    """
    return go.Figure(build(sex, tuple(flexions), tuple(rotations), levels)[0])


def _rotation_label(r: float) -> str:
    return "0" if r == 0 else f"{abs(r):.0f}\u00b0 {'IR' if r > 0 else 'ER'}"


@lru_cache(maxsize=4)
def build(sex: str = "male", flexions: tuple = STATIC_FLEXIONS,
          rotations: tuple = STATIC_ROTATIONS, levels: tuple | None = None):
    """The (cached) figure and its static controls; see :func:`joint_figure`."""
    levels = tightness_levels() if levels is None else tuple(levels)
    cap = default_capsule(sex)
    names = cap.bundle_names
    per_set = len(names) + 1
    i0 = rotations.index(0.0)
    static = static_traces(cap)
    n_static = len(static)
    fig = go.Figure(static)
    states = {(f, r): joint_state((f, 0.0, r), 0.0, sex) for f in flexions for r in rotations}
    for k, f in enumerate(flexions):
        for tr in set_traces(states[(f, rotations[i0])], levels[0], levels, k == 0):
            fig.add_trace(tr)
    n_sets = len(flexions)
    fibre_idx = [n_static + k * per_set + j for k in range(n_sets) for j in range(len(names))]
    all_idx = [n_static + k * per_set + j for k in range(n_sets) for j in range(per_set)]
    steps = []
    for r in rotations:
        upd: dict[str, list] = {key: [] for key in ("x", "y", "z", "line.color", "line.width",
                                                    "text")}
        for f in flexions:
            st = states[(f, r)]
            for name in names:
                d = fibre_values(st, name, levels)
                for key in upd:
                    upd[key].append(d.get(key, FIBRE_WIDTH))
            d = neck_values(st)
            for key in upd:
                upd[key].append(d[key])
        steps.append(Option(_rotation_label(r), r, [upd, all_idx]))
    flex_buttons = []
    for k, f in enumerate(flexions):
        vis = [kk == k for kk in range(n_sets) for _ in range(per_set)]
        flex_buttons.append(Option(f"{f:.0f}\u00b0 flexion", f, [{"visible": vis}, all_idx]))
    tight_buttons = []
    set_names = list(names) * n_sets
    for t in levels:
        ranges = [colour_range(n, t) for n in set_names]
        tight_buttons.append(Option(tightness_label(t), t, [
            {"line.cmin": [c[0] for c in ranges], "line.cmax": [c[1] for c in ranges]},
            fibre_idx]))
    menu = {"x": 0.0, "xanchor": "left", "yanchor": "top", "pad": {"r": 4, "t": 0},
            "font": {"size": 12}}
    # the tightness menu comes first so that the last button of the figure changes geometry
    controls = (
        Control("rotation", "slider", tuple(steps), i0, {
            "x": 0.05, "len": 0.9, "y": 0.0, "yanchor": "top", "pad": {"t": 10, "b": 0},
            "currentvalue": {"prefix": "Rotation (+ internal): ", "font": {"size": 13}}}),
        Control("tightness", "buttons", tuple(tight_buttons), 0, {**menu, "y": 0.99}),
        Control("flexion", "buttons", tuple(flex_buttons), 0, {**menu, "y": 0.92}),
    )
    lay = layout("Inside the joint: fibres on their model paths")
    lay["margin"]["b"] = 190
    lay.update(plotly_controls(controls))
    lay["height"] = 800
    fig.update_layout(lay)
    fig.layout.meta = {"alt_text": caption_joint(sex)}
    return fig, controls


def readout(figure: dict) -> dict:
    """Each visible fibre's drawn path and strain, and whether the neck touches the rim."""
    out = {}
    fibres = set(style.BUNDLE_LABELS.values())
    for trace in figure["data"]:
        if trace["type"] != "scatter3d" or trace.get("visible") is False:
            continue
        name = trace.get("name")
        line = trace.get("line") or {}
        if name == NECK_NAME:
            out["bone_contact"] = line.get("color") == CONTACT_COLOUR
            out["neck"] = [trace[a][:3] for a in ("x", "y", "z")]
        elif name in fibres:
            # colour value c = L / L0 and cmin = (STRAIN_RANGE[0] + 1)(1 - t): strain from both
            c = line["color"][0]
            k = line["cmin"] / (style.STRAIN_RANGE[0] + 1.0)
            out[name] = {"path": [list(trace[a]) for a in ("x", "y", "z")],
                         "strain": round(c / k - 1.0, 3)}
    return out
