"""Fibre paths over the femoral head and neck, and their moment arms.

Every capsular fibre runs from a pelvis-fixed point ``P`` to a femur-fixed insertion ``F`` and
must stay outside two femur-fixed obstacles: the **head sphere** (head radius plus capsule
thickness, centred on the joint centre ``O``) and the **neck cylinder** (radius
``r_c`` = neck radius at the head-neck junction plus capsule thickness, around the neck axis).
All computations are in the femur frame, where both obstacles and ``F`` are fixed and ``P``
moves; a pose is the rotation ``R`` (femur -> pelvis) and ``P_f = R^T P``.

Head wrap
---------
If the straight segment ``P F`` misses the sphere, the path is that segment. Otherwise it is the
shortest path over the sphere in the plane through ``O``, ``P`` and ``F``: a tangent from ``P``,
a great-circle arc and a tangent to ``F``::

    L_s = sqrt(|P|^2 - r^2) + sqrt(|F|^2 - r^2) + r (gamma - acos(r/|P|) - acos(r/|F|))

with ``gamma`` the angle POF. A fibre whose both ends lie on the sphere (ligamentum teres) is a
pure great-circle arc ``r gamma``.

Neck wrap (fixed winding sense)
-------------------------------
Project onto the plane normal to the neck axis ``n``: ``P`` is at radius ``rho_P`` and angle
``theta_P``, ``F`` at ``rho_F`` (>= ``r_c``) and ``theta_F``; ``z_P`` and ``z_F`` are positions
along ``n``. The projected path is a tangent from ``P``, an arc of the circle ``r_c`` through the
winding angle ``phi`` and a tangent to ``F``; unrolled, the 3-D path is a straight line, so::

    U   = sqrt(rho_P^2 - r_c^2) + r_c phi + sqrt(rho_F^2 - r_c^2)
    L_c = sqrt(U^2 + (z_F - z_P)^2)
    phi = |sigma| - acos(r_c/rho_P) - acos(r_c/rho_F)

where ``sigma`` is the angular separation ``theta_F - theta_P`` followed **continuously from the
neutral pose** (the neutral value in [-180, 180) deg plus the pose's change wrapped to
[-180, 180)). The path therefore keeps its side of the neck: a fibre that winds around the
back of the neck winds further as the femur turns and never jumps to the front ("roll-over").
When ``phi < 0`` the segment clears the neck and ``L_c = |F - P|``; a pelvic point closer to
the neck axis than ``r_c`` (beyond the head end of the neck) has no neck wrap.

Two obstacles
-------------
The fibre length is ``L = max(L_s, L_c)``. Any path that avoids both obstacles avoids each, so
``L`` is a lower bound of the exact shortest path over their union, and exact whenever one
obstacle alone is in contact (the usual case: head contact near the rim, neck contact for fibres
winding around the neck). Where both touch at once, ``L`` underestimates the length a little;
the joint is never in such a pose at a motion limit in the model's range (tested through the
monotonic-length checks).

Moment arms
-----------
Let ``e`` be the unit direction in which the path leaves ``P`` (towards the first contact or
towards ``F``). The fibre pulls the pelvis at ``P`` with ``T e`` and, being massless, applies the
opposite moment about ``O`` to the femur. By virtual work, rotating the femur by ``d theta``
about a unit axis ``w`` through ``O`` lengthens the fibre by::

    dL/dtheta = w . (P x e)

so ``m = P x e`` (mm) is the fibre's moment-arm vector and ``T (w . m)`` its restraining torque
about ``w``. ``e`` is the free-segment direction of whichever obstacle sets ``L`` (envelope
theorem), so ``m`` is exact for the length actually used.
"""

from __future__ import annotations

import numpy as np

__all__ = [
    "FibrePaths",
    "Insertions",
    "fibre_paths",
    "insertions",
    "neutral_separation_rad",
    "path_polyline",
]


class FibrePaths:
    """Lengths and moment-arm vectors of fibres at a batch of poses (femur frame).

    Attributes
    ----------
    length_mm : ndarray, shape (..., nb)
    arm_xyz : tuple of 3 ndarray, each shape (..., nb)
        Components of the moment-arm vectors ``P x e`` in the femur frame (mm).
    on_neck : ndarray of bool, shape (..., nb)
        True where the neck wrap sets the length.
    """

    __slots__ = ("arm_xyz", "length_mm", "on_neck")

    def __init__(self, length_mm, arm_xyz, on_neck):
        self.length_mm = length_mm
        self.arm_xyz = arm_xyz
        self.on_neck = on_neck

    @property
    def arm_mm(self) -> np.ndarray:
        """Moment-arm vectors stacked as shape (..., 3, nb) (mm)."""
        return np.stack(self.arm_xyz, axis=-2)


def _wrap_pi(x):
    """Angles wrapped to [-pi, pi)."""
    return (x + np.pi) % (2.0 * np.pi) - np.pi


def neutral_separation_rad(theta_p: np.ndarray, theta_f: np.ndarray) -> np.ndarray:
    """Angular separation ``theta_F - theta_P`` wrapped to [-pi, pi) (the neutral winding)."""
    return _wrap_pi(theta_f - theta_p)


class Insertions:
    """Pose-independent terms of a set of fibres' femoral insertions (femur frame).

    Every attribute has shape (..., nb) (any leading member shape, or none). Build it with
    :func:`insertions`; the solver caches one per capsule.
    """

    __slots__ = ("acos_f", "fx", "fy", "fz", "f2", "fn", "on_sphere", "rho_term", "beta_f",
                 "sigma0", "tan_f", "theta_f", "z_f")

    def take(self, index) -> Insertions:
        """The same terms with the leading axis indexed by ``index`` (member per pose)."""
        out = Insertions.__new__(Insertions)
        for name in self.__slots__:
            val = getattr(self, name)
            setattr(out, name, val if name == "on_sphere" else val[index])
        return out

    def expand(self) -> Insertions:
        """The same terms with a new leading axis of length 1 (broadcast over poses)."""
        out = Insertions.__new__(Insertions)
        for name in self.__slots__:
            val = getattr(self, name)
            setattr(out, name, val if name == "on_sphere" else val[None])
        return out


def insertions(femoral: np.ndarray, sphere_radius_mm: float, neck_axis: np.ndarray,
               neck_u: np.ndarray, neck_v: np.ndarray, neck_radius_mm: float,
               sigma0: np.ndarray, on_sphere: np.ndarray) -> Insertions:
    """Pose-independent terms of insertions ``femoral`` (..., 3, nb) (see :func:`fibre_paths`)."""
    r, rc = sphere_radius_mm, neck_radius_mm
    ins = Insertions.__new__(Insertions)
    fx, fy, fz = femoral[..., 0, :], femoral[..., 1, :], femoral[..., 2, :]
    ins.fx, ins.fy, ins.fz = fx, fy, fz
    ins.f2 = fx * fx + fy * fy + fz * fz
    ins.fn = np.sqrt(ins.f2)
    ins.tan_f = np.sqrt(np.maximum(ins.f2 - r * r, 0.0))
    ins.acos_f = np.arccos(np.minimum(r / ins.fn, 1.0))
    ins.z_f = np.einsum("i,...ib->...b", neck_axis, femoral)
    x_f = np.einsum("i,...ib->...b", neck_u, femoral)
    y_f = np.einsum("i,...ib->...b", neck_v, femoral)
    rho_f = np.maximum(np.hypot(x_f, y_f), rc)
    ins.theta_f = np.arctan2(y_f, x_f)
    ins.beta_f = np.arccos(rc / rho_f)
    ins.rho_term = np.sqrt(rho_f * rho_f - rc * rc)
    ins.sigma0 = np.broadcast_to(sigma0, ins.fn.shape).copy()
    ins.on_sphere = np.asarray(on_sphere, dtype=bool)
    return ins


def fibre_paths(
    pelvic_f: np.ndarray,
    ins: Insertions,
    sphere_radius_mm: float,
    neck_axis: np.ndarray,
    neck_u: np.ndarray,
    neck_v: np.ndarray,
    neck_radius_mm: float,
) -> FibrePaths:
    """Fibre lengths and moment arms for pelvic points in the femur frame.

    Parameters
    ----------
    pelvic_f : ndarray, shape (..., 3, nb)
        Pelvic points expressed in the femur frame at each pose (mm).
    ins : Insertions
        The fibres' femoral insertions (:func:`insertions`), broadcastable against
        ``pelvic_f``; they carry each fibre's neutral winding angle
        (:func:`neutral_separation_rad`) and whether it lies on the sphere (the ligamentum
        teres: a pure arc, no neck wrap).
    sphere_radius_mm : float
        Head-wrap sphere radius (mm).
    neck_axis, neck_u, neck_v : ndarray, shape (3,)
        Orthonormal neck frame (femur frame): the axis and two radial directions.
    neck_radius_mm : float
        Neck-wrap cylinder radius (mm).

    Returns
    -------
    FibrePaths
        Arrays with the broadcast leading shape.
    """
    r = sphere_radius_mm
    px, py, pz = pelvic_f[..., 0, :], pelvic_f[..., 1, :], pelvic_f[..., 2, :]
    fx, fy, fz = ins.fx, ins.fy, ins.fz
    # ---- head sphere
    p2 = px * px + py * py + pz * pz
    pn = np.sqrt(p2)
    pf = px * fx + py * fy + pz * fz
    dd = np.maximum(p2 + ins.f2 - 2.0 * pf, 1e-12)
    a = p2 - pf
    wrapped = ((a > 0.0) & (a < dd) & (p2 * dd - a * a < r * r * dd)) | ins.on_sphere
    pnfn = pn * ins.fn
    cos_g = np.clip(pf / pnfn, -1.0, 1.0)
    sin_a = np.minimum(r / pn, 1.0)
    l_straight = np.sqrt(dd)
    l_sphere = np.where(
        wrapped,
        np.sqrt(np.maximum(p2 - r * r, 0.0)) + ins.tan_f
        + r * (np.arccos(cos_g) - np.arccos(sin_a) - ins.acos_f),
        l_straight,
    )
    # moment arm P x e: wrapped, e = -cos(a) p_hat + sin(a) q with q in plane OPF, so
    # P x e = r (P x F) / |P x F|; straight, P x e = (P x F) / |F - P|
    cx = py * fz - pz * fy
    cy = pz * fx - px * fz
    cz = px * fy - py * fx
    sin_g = np.sqrt(np.maximum(1.0 - cos_g * cos_g, 1e-18))
    k = np.where(wrapped, r / (pnfn * sin_g), 1.0 / l_straight)
    # ---- neck cylinder (femur frame, fixed axis)
    rc = neck_radius_mm
    n0, n1, n2 = neck_axis
    u0, u1, u2 = neck_u
    v0, v1, v2 = neck_v
    x_p = u0 * px + u1 * py + u2 * pz
    y_p = v0 * px + v1 * py + v2 * pz
    rho_raw = np.hypot(x_p, y_p)
    rho_p = np.maximum(rho_raw, rc)
    theta_p = np.arctan2(y_p, x_p)
    sigma = ins.sigma0 + _wrap_pi(ins.theta_f - theta_p - ins.sigma0)
    beta_p = np.arccos(rc / rho_p)
    phi = np.abs(sigma) - beta_p - ins.beta_f
    neck_wrapped = (phi > 0.0) & (rho_raw > rc) & ~ins.on_sphere
    u_len = np.sqrt(rho_p * rho_p - rc * rc) + rc * phi + ins.rho_term
    dz = ins.z_f - (n0 * px + n1 * py + n2 * pz)
    l_neck = np.sqrt(u_len * u_len + dz * dz)
    use_neck = neck_wrapped & (l_neck > l_sphere)
    length = np.where(use_neck, l_neck, l_sphere)
    mx, my, mz = k * cx, k * cy, k * cz
    if use_neck.any():
        # leaving direction on the neck: in-plane towards the tangent point, rising along
        # the axis; e = (t_hat U + n dz) / L
        ang_t = theta_p + np.where(sigma >= 0.0, beta_p, -beta_p)
        tx = rc * np.cos(ang_t) - x_p
        ty = rc * np.sin(ang_t) - y_p
        c_in = u_len / (np.maximum(np.hypot(tx, ty), 1e-12) * l_neck)
        c_ax = dz / l_neck
        a_u, a_v = tx * c_in, ty * c_in
        ex = a_u * u0 + a_v * v0 + c_ax * n0
        ey = a_u * u1 + a_v * v1 + c_ax * n1
        ez = a_u * u2 + a_v * v2 + c_ax * n2
        mx = np.where(use_neck, py * ez - pz * ey, mx)
        my = np.where(use_neck, pz * ex - px * ez, my)
        mz = np.where(use_neck, px * ey - py * ex, mz)
    return FibrePaths(length, (mx, my, mz), use_neck)


def path_polyline(
    pelvic_f: np.ndarray,
    femoral: np.ndarray,
    sphere_radius_mm: float,
    neck_axis: np.ndarray,
    neck_u: np.ndarray,
    neck_v: np.ndarray,
    neck_radius_mm: float,
    sigma0: float,
    on_sphere: bool,
    n_points: int = 24,
) -> np.ndarray:
    """Points along one fibre's path at one pose (femur frame, mm), shape (n_points, 3).

    The same path :func:`fibre_paths` measures: the head-sphere great-circle path or the neck
    helix, whichever sets the length, sampled at ``n_points`` points from ``P`` to ``F``.
    """
    p = np.asarray(pelvic_f, dtype=float)
    f = np.asarray(femoral, dtype=float)
    ins = insertions(f[:, None], sphere_radius_mm, neck_axis, neck_u, neck_v, neck_radius_mm,
                     np.array([sigma0]), np.array([on_sphere]))
    res = fibre_paths(p[:, None], ins, sphere_radius_mm, neck_axis, neck_u, neck_v,
                      neck_radius_mm)
    s = np.linspace(0.0, 1.0, n_points)
    if res.on_neck[0]:
        return _neck_polyline(p, f, neck_axis, neck_u, neck_v, neck_radius_mm, sigma0, s)
    return _sphere_polyline(p, f, sphere_radius_mm, s)


def _sphere_polyline(p, f, r, s):
    pn, fn = np.linalg.norm(p), np.linalg.norm(f)
    p_hat, f_hat = p / pn, f / fn
    cos_g = float(np.clip(p_hat @ f_hat, -1.0, 1.0))
    gamma = np.arccos(cos_g)
    seg = f - p
    dd = seg @ seg
    t_close = -(p @ seg) / dd if dd > 0 else 0.0
    closest = p + np.clip(t_close, 0.0, 1.0) * seg
    if np.linalg.norm(closest) >= r or gamma < 1e-9:
        return p[None] + s[:, None] * seg[None]
    q = f_hat - cos_g * p_hat
    q /= np.linalg.norm(q)
    a_p = np.arccos(min(r / pn, 1.0))
    a_f = np.arccos(min(r / fn, 1.0))
    ang = a_p + s * max(gamma - a_p - a_f, 0.0)
    arc = r * (np.cos(ang)[:, None] * p_hat + np.sin(ang)[:, None] * q)
    arc[0], arc[-1] = p, f
    return arc


def _neck_polyline(p, f, n, u, v, rc, sigma0, s):
    z_p, z_f = p @ n, f @ n
    xp, yp, xf, yf = p @ u, p @ v, f @ u, f @ v
    rho_p, rho_f = max(np.hypot(xp, yp), rc), max(np.hypot(xf, yf), rc)
    th_p, th_f = np.arctan2(yp, xp), np.arctan2(yf, xf)
    sigma = sigma0 + _wrap_pi(th_f - th_p - sigma0)
    sgn = 1.0 if sigma >= 0 else -1.0
    b_p, b_f = np.arccos(rc / rho_p), np.arccos(rc / rho_f)
    phi = abs(sigma) - b_p - b_f
    t_p, t_f = np.sqrt(rho_p**2 - rc**2), np.sqrt(rho_f**2 - rc**2)
    total = t_p + rc * phi + t_f
    dist = s * total  # unrolled distance from P
    pts = np.empty((s.size, 3))
    a0 = th_p + sgn * b_p  # first contact angle
    tp_pt = np.array([rc * np.cos(a0), rc * np.sin(a0)])
    a1 = a0 + sgn * phi  # last contact angle
    tf_pt = np.array([rc * np.cos(a1), rc * np.sin(a1)])
    for i, d in enumerate(dist):
        if d <= t_p:
            xy = np.array([xp, yp]) + (tp_pt - np.array([xp, yp])) * (d / t_p if t_p else 0.0)
        elif d <= t_p + rc * phi:
            ang = a0 + sgn * (d - t_p) / rc
            xy = np.array([rc * np.cos(ang), rc * np.sin(ang)])
        else:
            frac = (d - t_p - rc * phi) / t_f if t_f else 1.0
            xy = tf_pt + (np.array([xf, yf]) - tf_pt) * frac
        z = z_p + (z_f - z_p) * (d / total if total else 0.0)
        pts[i] = xy[0] * u + xy[1] * v + z * n
    pts[0], pts[-1] = p, f
    return pts
