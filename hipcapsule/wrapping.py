"""Shortest ligament paths over the femoral head, with a femoral-neck via point.

Head wrap
---------
Each band runs from its pelvic point ``P`` to a femur-fixed point ``M``. If the straight
segment ``PM`` stays outside the wrapping sphere (head radius + capsule thickness, centred on
the joint centre ``O``), the path is that segment. Otherwise it is the shortest path around the
sphere: tangent from ``P``, great-circle arc, tangent to ``M``, all in the plane through ``O``,
``P`` and ``M``::

    L = sqrt(|P|^2 - r^2) + sqrt(|M|^2 - r^2) + r (gamma - acos(r/|P|) - acos(r/|M|))

with ``gamma`` the angle POM. A band whose ends both lie on the sphere (ligamentum teres) is a
pure great-circle arc ``r * gamma``.

Neck wrap (via point)
---------------------
A head-only wrap cannot follow bands that spiral around the neck: as the femur turns, the angle
POF passes 180 deg and the path length peaks and then falls ("roll-over"). Bands that spiral
over the back of the neck (the ischiofemoral) therefore pass a femur-fixed via point ``V`` on
the posterior-superior neck surface next to the head-neck junction. ``M = V`` for these bands;
the part ``V -> F`` lies on the femur, follows a helix over the neck and has a constant length
that is added to the head-wrapped ``P -> V`` length. Because ``V`` sits close to the head and
moves away from the ischium in internal rotation, the angle POV stays below 180 deg over the
physiological range and the band length rises monotonically with internal rotation (tested).

Moment arms
-----------
Rotating the femur about a unit axis ``w`` through ``O`` moves ``M`` as ``dM = w x M dtheta``;
``|M|`` is constant, so

* straight: ``dL/dtheta = -w . (M x P) / |M - P|``,
* wrapped:  ``dL/dtheta = -w . (M x P) * r / |M x P|``.

``dL/dtheta`` is the band's moment arm about ``w`` (virtual work); the band's restraining torque
about ``w`` is its tension times ``dL/dtheta``.
"""

from __future__ import annotations

import numpy as np

__all__ = ["helix_length", "path_lengths"]


def path_lengths(
    pelvic_mm: np.ndarray, moving_mm: np.ndarray, wrap_radius_mm: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Head-wrapped path lengths and their lever denominators.

    Parameters
    ----------
    pelvic_mm : ndarray, shape (3, nb)
        Pelvic points (pelvis frame, mm), components first.
    moving_mm : ndarray, shape (n, 3, nb)
        Femur-fixed end points (``F`` or the via point ``V``) in the pelvis frame (mm).
    wrap_radius_mm : float
        Wrapping sphere radius (mm).

    Returns
    -------
    length_mm : ndarray, shape (n, nb)
        Path length from ``P`` to ``M`` (mm).
    cross : ndarray, shape (n, 3, nb)
        ``M x P`` (mm^2).
    lever_den : ndarray, shape (n, nb)
        ``|M - P|`` for straight paths, ``|M x P| / r`` for wrapped ones (mm), so that
        ``dL/dtheta = -(w . cross) / lever_den``.
    """
    r = wrap_radius_mm
    p = pelvic_mm
    m = moving_mm
    p2 = np.einsum("ib,ib->b", p, p)
    m2 = np.einsum("nib,nib->nb", m, m)
    pm = np.einsum("ib,nib->nb", p, m)
    dd = np.maximum(p2 + m2 - 2.0 * pm, 1e-12)
    t = (p2 - pm) / dd
    closest2 = p2 - (p2 - pm) ** 2 / dd
    wrapped = (t > 0.0) & (t < 1.0) & (closest2 < r * r)
    pn = np.sqrt(p2)
    mn = np.sqrt(m2)
    cosg = np.clip(pm / (pn * mn), -1.0, 1.0)
    gamma = np.arccos(cosg)
    a_p = np.arccos(np.minimum(r / pn, 1.0))
    a_m = np.arccos(np.minimum(r / mn, 1.0))
    l_wrap = (
        np.sqrt(np.maximum(p2 - r * r, 0.0))
        + np.sqrt(np.maximum(m2 - r * r, 0.0))
        + r * (gamma - a_p - a_m)
    )
    l_straight = np.sqrt(dd)
    m0, m1, m2 = m[:, 0], m[:, 1], m[:, 2]
    cross = np.stack([m1 * p[2] - m2 * p[1], m2 * p[0] - m0 * p[2], m0 * p[1] - m1 * p[0]], axis=1)
    cn = np.sqrt(np.einsum("nib,nib->nb", cross, cross))
    length = np.where(wrapped, l_wrap, l_straight)
    den = np.where(wrapped, np.maximum(cn, 1e-9) / r, l_straight)
    return length, cross, den


def helix_length(
    axial_mm: float, radius_mm: float, azimuth_rad: float
) -> float:
    """Length (mm) of a helix on a cylinder: ``sqrt(axial**2 + (radius * azimuth)**2)``."""
    return float(np.hypot(axial_mm, radius_mm * azimuth_rad))
