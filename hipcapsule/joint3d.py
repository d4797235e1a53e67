"""Explorer 3, "Inside the joint": a 3-D view of the hip with its ligaments on their wrapped paths.

The femoral head is a sphere, the acetabulum a spherical cup that ends at the model's effective
rim, and each capsular band is drawn along the path the model measures: a tangent from its
pelvic point onto the wrapping sphere, a great-circle arc over the head, a tangent to its
femur-fixed point, and for the spiralling ischiofemoral bands a helix over the neck from the
via point to the insertion (see :mod:`hipcapsule.wrapping`). Bands are coloured by their strain
from :func:`hipcapsule.restraint_torque`; the drawn polyline is geometry only.

Two versions share one code path (:func:`joint_state` and the trace builders):

* :func:`joint_explorer` -- live ipywidgets explorer (sliders for flexion, adduction, rotation
  and whole-capsule tightness) around a ``FigureWidget`` updated in place;
* :func:`joint_figure` -- a static Plotly figure for the website: a rotation slider, flexion
  buttons and tightness buttons, all precomputed.

Colour trick (static figure): a band's colour value is its length divided by its *normal*
slack length, ``c = L / L0``. With tightness ``t`` the strain is ``c / (1 - t) - 1``, an affine
function of ``c``, so a tightness button only has to move the colour range (``cmin``/``cmax``)
and the colour-bar ticks; rotation steps and flexion buttons compose with it freely.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import ipywidgets as widgets
import numpy as np
import plotly.graph_objects as go

from . import MEANINGFUL_TIGHTNESS, REGIONS, default_capsule, restraint_torque, rotation_limits
from .forces import TOE_STRAIN
from .geometry import acetabular_axis, neck_axis, rotations_from_jcs
from .ligaments import Capsule

__all__ = [
    "BUNDLE_LABELS",
    "LIVE_EXPLORERS",
    "STRAIN_RANGE",
    "JointExplorer",
    "JointState",
    "bundle_paths",
    "caption_joint",
    "caption_joint_markdown",
    "first_taut_in_ir",
    "joint_explorer",
    "joint_figure",
    "joint_state",
]

#: Short labels of the bundles (model order).
BUNDLE_LABELS = {
    "lateral_iliofemoral": "lateral iliofemoral",
    "medial_iliofemoral": "medial iliofemoral",
    "pubofemoral": "pubofemoral",
    "ischiofemoral_superior": "upper ischiofemoral",
    "ischiofemoral_inferior": "lower ischiofemoral",
    "ligamentum_teres": "ligamentum teres",
}

#: Strain shown by the colour scale (fraction); values outside are clipped to its ends.
STRAIN_RANGE = (-0.2, 0.3)
_STRAIN_TICKS = (-0.2, -0.1, 0.0, 0.1, 0.2, 0.3)
# slack (< 0): pale grey-blue; taut (>= 0): yellow -> orange -> dark red (colour-blind safe)
_ZERO = -STRAIN_RANGE[0] / (STRAIN_RANGE[1] - STRAIN_RANGE[0])
STRAIN_COLOURSCALE = [
    [0.0, "#e8edf2"],
    [_ZERO, "#b8c4cf"],
    [_ZERO, "#fed976"],
    [_ZERO + 0.35 * (1 - _ZERO), "#fd8d3c"],
    [_ZERO + 0.7 * (1 - _ZERO), "#e31a1c"],
    [1.0, "#800026"],
]
_BONE = "#bdb5a6"
_CONTACT = "#cc79a7"  # reddish purple: outside the strain colour scale
_FONT = {"family": "Arial, sans-serif", "size": 13}

#: Defaults of the static figure.
STATIC_FLEXIONS = (0.0, 45.0, 90.0)
STATIC_ROTATIONS = tuple(float(r) for r in range(-50, 61, 5))


def _round(a, nd: int = 1) -> list:
    """Rounded plain list (None where NaN) for compact, deterministic JSON."""
    arr = np.round(np.asarray(a, dtype=float), nd)
    return [None if not math.isfinite(v) else float(v) for v in arr.ravel()]


# --------------------------------------------------------------------------------------------
# geometry of the drawn paths


def _wrap_polyline(p: np.ndarray, m: np.ndarray, r: float, n_arc: int) -> np.ndarray:
    """Shortest path P -> M around a sphere of radius ``r`` at the origin (both outside or on it).

    Tangent from P, great-circle arc, tangent to M, in the plane through O, P and M (the same
    construction as :func:`hipcapsule.wrapping.path_lengths`). Returns points (k, 3).
    """
    pn, mn = np.linalg.norm(p), np.linalg.norm(m)
    e1 = p / pn
    perp = m - (m @ e1) * e1
    e2 = perp / max(np.linalg.norm(perp), 1e-12)
    gamma = math.acos(max(-1.0, min(1.0, float(m @ p) / (pn * mn))))
    a_p = math.acos(min(r / pn, 1.0))
    a_m = math.acos(min(r / mn, 1.0))
    phi = np.linspace(a_p, gamma - a_m, n_arc)
    arc = r * (np.cos(phi)[:, None] * e1 + np.sin(phi)[:, None] * e2)
    return np.vstack([p, arc, m])


def _helix(v: np.ndarray, f: np.ndarray, axis: np.ndarray, n: int) -> np.ndarray:
    """Helix over the neck from via point ``v`` to insertion ``f`` (femur frame), (n, 3).

    Axial position, radius and azimuth about the neck ``axis`` change linearly, as in the
    constant neck-wrap length of :mod:`hipcapsule.ligaments`.
    """
    av, af = v @ axis, f @ axis
    rv, rf = v - av * axis, f - af * axis
    u = rv / np.linalg.norm(rv)
    w = np.cross(axis, u)
    dphi = math.atan2(rf @ w, rf @ u)
    s = np.linspace(0.0, 1.0, n)[:, None]
    rad = (1 - s) * np.linalg.norm(rv) + s * np.linalg.norm(rf)
    ang = s * dphi
    return (av + s * (af - av)) * axis + rad * (np.cos(ang) * u + np.sin(ang) * w)


def bundle_paths(
    capsule: Capsule, pose_deg, n_arc: int = 8, n_helix: int = 5
) -> dict[str, np.ndarray]:
    """Drawn 3-D path of every bundle at one pose (pelvis frame, mm).

    Parameters
    ----------
    capsule : Capsule
    pose_deg : array_like, shape (3,)
        Flexion, adduction, internal rotation (deg).
    n_arc, n_helix : int
        Points on the arc over the head and on the helix over the neck.

    Returns
    -------
    dict
        Bundle name -> ndarray (k, 3), from the pelvic point to the femoral insertion. A band
        whose model length is its straight length is drawn as a straight segment; otherwise it
        wraps the sphere (the model's own decision, read from
        :func:`hipcapsule.restraint_torque`).
    """
    pose = np.asarray(pose_deg, dtype=float).reshape(1, 3)
    res = restraint_torque(capsule, pose)
    rot = rotations_from_jcs(np.deg2rad(pose))[0]
    r = capsule.geometry.wrap_radius_mm
    n_axis = neck_axis(capsule.geometry)
    out = {}
    for j, b in enumerate(capsule.bundles):
        p = np.asarray(b.pelvic_point_mm)
        end = b.femoral_point_mm if b.via_point_mm is None else b.via_point_mm
        m = rot @ np.asarray(end)
        head_part = res.length_mm[0, j] - b.neck_wrap_mm
        if head_part > np.linalg.norm(m - p) + 1e-6:
            pts = _wrap_polyline(p, m, r, n_arc)
        else:
            pts = np.vstack([p, m])
        if b.via_point_mm is not None:
            via, fem = np.asarray(b.via_point_mm), np.asarray(b.femoral_point_mm)
            hel = _helix(via, fem, n_axis, n_helix)
            pts = np.vstack([pts, (rot @ hel.T).T[1:]])
        out[b.name] = pts
    return out


def _neck_wire(capsule: Capsule, rot: np.ndarray, n_ring: int = 12) -> np.ndarray:
    """Wireframe of the femoral neck and a shaft stub (pelvis frame), NaN-separated (k, 3)."""
    g = capsule.geometry
    big_r = g.head_radius_mm
    n = neck_axis(g)
    up = np.array([0.0, 1.0, 0.0]) - n[1] * n
    up /= np.linalg.norm(up)
    side = np.cross(n, up)
    rad = g.neck_radius_ratio * big_r
    ang = np.linspace(0.0, 2 * np.pi, n_ring + 1)
    ring = np.cos(ang)[:, None] * up + np.sin(ang)[:, None] * side
    parts = []
    for s in (0.75, 1.3, 1.85):  # rings along the neck (head radii from the centre)
        parts.append(s * big_r * n + rad * (1.0 + 0.25 * (s - 0.75)) * ring)
    for k in range(0, n_ring, 3):  # four lines along the neck
        parts.append(np.array([0.75 * big_r * n + rad * ring[k],
                               1.85 * big_r * n + rad * 1.275 * ring[k]]))
    base = 2.3 * big_r * n
    parts.append(np.array([np.zeros(3), base, base + np.array([0.0, -1.4 * big_r, 0.0])]))
    pts = []
    for part in parts:
        pts.append(part)
        pts.append(np.full((1, 3), np.nan))
    femur = np.vstack(pts[:-1])
    return (rot @ femur.T).T


def _bone_contact(capsule: Capsule, rot: np.ndarray) -> bool:
    """True if the neck meets the effective acetabular rim (the model's bony limit)."""
    g = capsule.geometry
    cos_angle = float((rot @ neck_axis(g)) @ acetabular_axis(g))
    return cos_angle < math.cos(g.bony_clearance_rad)


@dataclass(frozen=True)
class JointState:
    """Everything the 3-D view shows at one pose and tightness.

    Attributes
    ----------
    pose_deg : tuple of 3 float
    tightness : float
        Whole-capsule tightness.
    strain : dict
        Bundle -> strain (fraction) from :func:`hipcapsule.restraint_torque`.
    length_mm, normal_slack_mm : dict
        Bundle -> model path length and slack length of the untightened band (mm).
    paths : dict
        Bundle -> drawn polyline (k, 3) in mm.
    femur_wire : ndarray (k, 3)
        Neck wireframe (NaN-separated).
    bone_contact : bool
    """

    pose_deg: tuple
    tightness: float
    strain: dict
    length_mm: dict
    normal_slack_mm: dict
    paths: dict
    femur_wire: np.ndarray
    bone_contact: bool


def joint_state(
    pose_deg=(0.0, 0.0, 0.0), tightness: float = 0.0, sex: str = "male", n_arc: int = 8
) -> JointState:
    """Model state of the 3-D view (see :class:`JointState`).

    Parameters
    ----------
    pose_deg : array_like, shape (3,)
        Flexion, adduction, internal rotation (deg).
    tightness : float
        Whole-capsule tightness (the ligamentum teres is not tightened).
    sex : {"male", "female"}
    n_arc : int
        Points on each arc over the head.
    """
    normal = default_capsule(sex)
    cap = normal.tightened(tightness, ligaments=REGIONS["whole"]) if tightness else normal
    pose = tuple(float(v) for v in np.asarray(pose_deg, dtype=float).reshape(3))
    res = restraint_torque(cap, np.array([pose]))
    rot = rotations_from_jcs(np.deg2rad(np.array([pose])))[0]
    names = cap.bundle_names
    return JointState(
        pose_deg=pose,
        tightness=float(tightness),
        strain={n: float(res.strain[0, j]) for j, n in enumerate(names)},
        length_mm={n: float(res.length_mm[0, j]) for j, n in enumerate(names)},
        normal_slack_mm={b.name: b.slack_length_mm for b in normal.bundles},
        paths=bundle_paths(cap, pose, n_arc=n_arc),
        femur_wire=_neck_wire(cap, rot),
        bone_contact=_bone_contact(cap, rot),
    )


def first_taut_in_ir(
    flexion_deg: float = 0.0, tightness: float = 0.0, sex: str = "male", max_ir_deg: float = 60.0
) -> tuple[str, float]:
    """The band that tightens first as the hip turns inwards from neutral rotation.

    "Tightens" means its strain reaches the end of the toe region (:data:`TOE_STRAIN`, where
    the crimped fibres have straightened and the band turns stiff). Only bands whose strain
    rises over the scan (0 deg to ``max_ir_deg`` IR) count; a band already past the toe region
    at 0 deg counts at 0 deg (the most strained first).

    Returns
    -------
    (bundle name, IR angle in deg); ("none", inf) if no band tightens in the scan.
    """
    normal = default_capsule(sex)
    cap = normal.tightened(tightness, ligaments=REGIONS["whole"]) if tightness else normal
    ir = np.arange(0.0, max_ir_deg + 0.25, 0.5)
    poses = np.stack([np.full_like(ir, flexion_deg), np.zeros_like(ir), ir], axis=1)
    strain = restraint_torque(cap, poses).strain
    best = ("none", math.inf, -math.inf)
    for j, name in enumerate(cap.bundle_names):
        s = strain[:, j]
        if s[-1] <= s[0] + 0.005:
            continue  # not stretched by internal rotation
        hit = np.nonzero(s >= TOE_STRAIN)[0]
        if hit.size == 0:
            continue
        angle = float(ir[hit[0]])
        if (angle, -s[0]) < (best[1], -best[2]):
            best = (name, angle, float(s[0]))
    return best[0], best[1]


# --------------------------------------------------------------------------------------------
# figure


def _colour_range(tightness: float) -> tuple[float, float]:
    """``(cmin, cmax)`` on the length / normal-slack scale that shows STRAIN_RANGE at ``t``."""
    k = 1.0 - tightness
    return (STRAIN_RANGE[0] + 1.0) * k, (STRAIN_RANGE[1] + 1.0) * k


def _tick_values(tightness: float) -> list[float]:
    k = 1.0 - tightness
    return [round((s + 1.0) * k, 4) for s in _STRAIN_TICKS]


def _bundle_tightness(name: str, tightness: float) -> float:
    return 0.0 if name == "ligamentum_teres" else tightness


def _colorbar(tightness: float) -> dict:
    return {
        "title": {"text": "Strain (%)<br>below 0 = slack", "side": "right"},
        "tickmode": "array",
        "tickvals": _tick_values(tightness),
        "ticktext": [f"{100 * s:+.0f}" if s else "0" for s in _STRAIN_TICKS],
        "len": 0.6,
        "thickness": 14,
        "x": 1.0,
    }


def _ligament_trace_data(state: JointState, name: str, hover: str) -> dict:
    pts = state.paths[name]
    ratio = state.length_mm[name] / state.normal_slack_mm[name]
    return {
        "x": _round(pts[:, 0]),
        "y": _round(pts[:, 1]),
        "z": _round(pts[:, 2]),
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
        f"<b>{BUNDLE_LABELS[name]}</b><br>path length {state.length_mm[name]:.1f} mm<br>"
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
        x=_round(xyz[:, 0]), y=_round(xyz[:, 1]), z=_round(xyz[:, 2]),
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
            x=d["x"], y=d["y"], z=d["z"], mode="lines", name=BUNDLE_LABELS[name],
            text=d["text"], hoverinfo="text", visible=visible, showlegend=False,
            line={"width": 9, "color": d["line.color"], "colorscale": STRAIN_COLOURSCALE,
                  "cmin": blo if name == "ligamentum_teres" else lo,
                  "cmax": bhi if name == "ligamentum_teres" else hi,
                  "showscale": show, "colorbar": _colorbar(tightness)},
        ))
    wire = state.femur_wire
    traces.append(go.Scatter3d(
        x=_round(wire[:, 0]), y=_round(wire[:, 1]), z=_round(wire[:, 2]), mode="lines",
        name="femoral neck", hoverinfo="name", visible=visible, showlegend=False,
        line={"width": 4, "color": _CONTACT if state.bone_contact else "#7f7766"},
    ))
    return traces


def _static_traces(capsule: Capsule) -> list:
    head = _sphere_mesh(capsule.geometry.head_radius_mm)
    pel = np.array([b.pelvic_point_mm for b in capsule.bundles])
    return [
        _mesh_trace(head, _BONE, "femoral head", 1.0),
        _mesh_trace(_cup_mesh(capsule), "#8da0b8", "acetabulum (cup and rim)", 0.35),
        go.Scatter3d(
            x=_round(pel[:, 0]), y=_round(pel[:, 1]), z=_round(pel[:, 2]),
            mode="markers+text", text=[BUNDLE_LABELS[n] for n in capsule.bundle_names],
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
        "font": _FONT,
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

    Every step is precomputed with :func:`joint_state`; the slider and buttons restyle only the
    ligament and neck traces, never the meshes (see the module docs for how they compose).

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
    return go.Figure(_joint_figure(sex, tuple(flexions), tuple(rotations), tightness_levels))


@lru_cache(maxsize=4)
def _joint_figure(sex, flexions, rotations, levels) -> go.Figure:
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
                xs.append(d["x"]); ys.append(d["y"]); zs.append(d["z"])  # noqa: E702
                cs.append(d["line.color"]); texts.append(d["text"])  # noqa: E702
            w = st.femur_wire
            xs.append(_round(w[:, 0])); ys.append(_round(w[:, 1]))  # noqa: E702
            zs.append(_round(w[:, 2]))
            cs.append(_CONTACT if st.bone_contact else "#7f7766"); texts.append("")  # noqa: E702
        label = "0" if r == 0 else f"{abs(r):.0f}° {'IR' if r > 0 else 'ER'}"
        steps.append({
            "label": label, "method": "restyle",
            "args": [{"x": xs, "y": ys, "z": zs, "line.color": cs, "text": texts}, all_idx],
        })
    flex_buttons = []
    for k, f in enumerate(flexions):
        vis = [kk == k for kk in range(len(flexions)) for _ in range(per_set)]
        show = [kk == k and j == 0 for kk in range(len(flexions)) for j in range(per_set)]
        flex_buttons.append({
            "label": f"{f:.0f}° flexion", "method": "restyle",
            "args": [{"visible": vis, "line.showscale": show}, all_idx],
        })
    tight_buttons = []
    names = list(cap.bundle_names) * len(flexions)
    for t in levels:
        ranges = [_colour_range(_bundle_tightness(n, t)) for n in names]
        tight_buttons.append({
            "label": f"tightness {t:.3f}", "method": "restyle",
            "args": [{"line.cmin": [c[0] for c in ranges], "line.cmax": [c[1] for c in ranges],
                      "line.colorbar.tickvals": [_tick_values(t)] * len(names)}, lig_idx],
        })
    layout = _layout("Inside the joint: capsular bands on their wrapped paths, coloured by strain")
    layout["margin"]["b"] = 70
    layout["sliders"] = [{
        "active": i0, "steps": steps, "x": 0.05, "len": 0.9, "y": 0.0, "yanchor": "top",
        "pad": {"t": 10, "b": 0},
        "currentvalue": {"prefix": "Rotation (+ internal): ", "font": {"size": 13}},
    }]
    menu = {"type": "buttons", "direction": "right", "showactive": True, "x": 0.0,
            "xanchor": "left", "yanchor": "top", "pad": {"r": 4, "t": 0}}
    # the tightness menu comes first so that the last button of the figure changes geometry
    layout["updatemenus"] = [
        {**menu, "buttons": tight_buttons, "active": 0, "y": 0.99},
        {**menu, "buttons": flex_buttons, "active": 0, "y": 0.92},
    ]
    layout["height"] = 720
    fig.update_layout(layout)
    caption = caption_joint(sex)
    fig.layout.meta = {"alt_text": caption}
    return fig


# --------------------------------------------------------------------------------------------
# captions


def _band(name: str) -> str:
    return BUNDLE_LABELS.get(name, name)


def caption_joint(sex: str = "male") -> str:
    """Alt text / caption of the 3-D figure, with numbers computed at the default state."""
    cap = default_capsule(sex)
    first0, ang0 = first_taut_in_ir(0.0, sex=sex)
    first90, ang90 = first_taut_in_ir(90.0, sex=sex)
    lim = rotation_limits(cap, [0.0, 90.0])
    s0 = joint_state((0.0, 0.0, 0.0), 0.0, sex)
    taut = [_band(n) for n, s in s0.strain.items() if s > 0]
    taut_text = ", ".join(taut[:-1]) + (" and " if len(taut) > 1 else "") + taut[-1] if taut else ""

    def stop(i: int) -> str:
        by = lim.ir_limited_by_bundle[i]
        what = "bone: the neck meets the acetabular rim" if by == "bone" else f"the {_band(by)}"
        return f"{lim.ir[i]:.0f}° ({what})"

    def when(angle: float) -> str:
        return "already at neutral rotation" if angle == 0 else f"at about {angle:.0f}° of IR"

    return (
        f"A 3-D view of a right {sex} hip seen from behind and the side: the femoral head "
        "(sphere) sits in the acetabular cup, and the capsular bands run from the pelvis over "
        "the head (and, for the ischiofemoral bands, around the back of the neck) to the femur. "
        "Each band is coloured by its strain: grey when slack, yellow to dark red as it "
        "stretches. With the normal capsule in the neutral pose "
        + (f"the taut bands are the {taut_text}. " if taut else "no band is taut. ")
        + f"Turning the hip inwards with the hip straight, the {_band(first0)} is the first to "
        f"tighten into its stiff range ({100 * TOE_STRAIN:.0f} % strain; {when(ang0)}); "
        f"with the hip bent 90° it is the {_band(first90)} ({when(ang90)}). "
        f"Internal rotation stops at {stop(0)} with the hip straight and at {stop(1)} with "
        f"the hip bent 90°. The slider turns the thigh from {-STATIC_ROTATIONS[0]:.0f}° "
        f"external to {STATIC_ROTATIONS[-1]:.0f}° internal rotation; the buttons choose the "
        "flexion angle and the whole-capsule tightness."
    )


def caption_joint_markdown(sex: str = "male"):
    """The caption as an IPython Markdown object, for a lesson cell."""
    from IPython.display import Markdown

    return Markdown(f"**Figure 1.** {caption_joint(sex)}")


# --------------------------------------------------------------------------------------------
# live explorer


class JointExplorer:
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
        style = {"description_width": "150px"}
        lay = widgets.Layout(width="480px")

        def slider(desc, lo, hi, step, value=0.0, fmt=".0f"):
            return widgets.FloatSlider(value=value, min=lo, max=hi, step=step, description=desc,
                                       readout_format=fmt, continuous_update=True,
                                       style=style, layout=lay)

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
        for c in self.controls.values():
            c.observe(self._on_change, names="value")
        self.view = widgets.VBox([*self.controls.values(), self.readout, self.figure])

    def _on_change(self, _change=None) -> None:
        self.update()

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
            wire.x, wire.y, wire.z = _round(w[:, 0]), _round(w[:, 1]), _round(w[:, 2])
            wire.line.color = _CONTACT if st.bone_contact else "#7f7766"
        self.readout.value = self._readout()

    def _readout(self) -> str:
        st = self._state
        order = sorted(st.strain, key=st.strain.get, reverse=True)
        cells = "".join(
            f"<td style='padding:1px 8px'>{BUNDLE_LABELS[n]}: <b>{100 * st.strain[n]:+.1f} %"
            "</b></td>" for n in order
        )
        contact = " &nbsp;<b style='color:#cc79a7'>Neck touches the rim (bony limit).</b>" \
            if st.bone_contact else ""
        return f"<table><tr>{cells}</tr></table>Strain, tautest first.{contact}"

    def state(self) -> dict:
        """Model outputs shown: strain per bundle, pose (deg) and whole-capsule tightness."""
        st = self._state
        return {"strain": dict(st.strain), "pose_deg": st.pose_deg, "tightness": st.tightness,
                "bone_contact": st.bone_contact}

    def _repr_mimebundle_(self, **kwargs):
        return self.view._repr_mimebundle_(**kwargs)


def joint_explorer(sex: str = "male") -> JointExplorer:
    """Build the live "Inside the joint" explorer (needs a running kernel to interact)."""
    return JointExplorer(sex)


#: Live explorers of this module (merged by :mod:`hipcapsule.explorers`).
LIVE_EXPLORERS = {"inside_joint": joint_explorer}
