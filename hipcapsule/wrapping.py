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

__all__ = ["helix_length", "path_constants", "path_lengths"]


def path_constants(
    pelvic_mm: np.ndarray, moving_norm_mm: np.ndarray, wrap_radius_mm: float
) -> tuple[np.ndarray, ...]:
    """Pose-independent parts of :func:`path_lengths` (rotation about the centre keeps |M|).

    Returns ``(p2, m2, pn * mn, tangent_sum, angle_offset)``, each of shape (nb,).
    """
    r = wrap_radius_mm
    p2 = np.einsum("ib,ib->b", pelvic_mm, pelvic_mm)
    m2 = moving_norm_mm**2
    pn, mn = np.sqrt(p2), moving_norm_mm
    tangents = np.sqrt(np.maximum(p2 - r * r, 0.0)) + np.sqrt(np.maximum(m2 - r * r, 0.0))
    offset = np.arccos(np.minimum(r / pn, 1.0)) + np.arccos(np.minimum(r / mn, 1.0))
    return p2, m2, pn * mn, tangents, offset


def path_lengths(
    pelvic_mm: np.ndarray,
    moving_mm: np.ndarray,
    wrap_radius_mm: float,
    constants: tuple[np.ndarray, ...] | None = None,
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
    constants : tuple, optional
        :func:`path_constants` for these points (computed if not given); valid because a
        rotation about the head centre does not change ``|M|``.

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
    if constants is None:
        constants = path_constants(p, np.sqrt(np.einsum("ib,ib->b", m[0], m[0])), r)
    p2, m2, pm_norm, tangents, offset = constants
    pm = np.einsum("ib,nib->nb", p, m)
    dd = np.maximum(p2 + m2 - 2.0 * pm, 1e-12)
    a = p2 - pm
    # segment P->M passes inside the sphere: closest point interior (0 < t < 1) and nearer
    # than r, with t = a / dd and closest distance^2 = p2 - a^2 / dd
    wrapped = (a > 0.0) & (a < dd) & (p2 * dd - a * a < r * r * dd)
    gamma = np.arccos(np.clip(pm / pm_norm, -1.0, 1.0))
    m0, m1, m2c = m[:, 0], m[:, 1], m[:, 2]
    cross = np.stack(
        [m1 * p[2] - m2c * p[1], m2c * p[0] - m0 * p[2], m0 * p[1] - m1 * p[0]], axis=1
    )
    l_straight = np.sqrt(dd)
    length = np.where(wrapped, tangents + r * (gamma - offset), l_straight)
    # |M x P| = |M||P| sin(gamma)
    den = np.where(wrapped, np.maximum(pm_norm * np.sin(gamma), 1e-9) / r, l_straight)
    return length, cross, den


def helix_length(
    axial_mm: float, radius_mm: float, azimuth_rad: float
) -> float:
    """Length (mm) of a helix on a cylinder: ``sqrt(axial**2 + (radius * azimuth)**2)``."""
    return float(np.hypot(axial_mm, radius_mm * azimuth_rad))
