"""Ligament force law (Blankevoort et al. 1991, {cite}`blankevoort1991`).

A band of slack length ``L0`` and length ``L`` has strain ``e = L / L0 - 1``. Its tension is

* 0 for ``e < 0`` (slack),
* ``k L0 e**2 / (4 e_l)`` in the toe region ``0 <= e <= 2 e_l``,
* ``k L0 (e - e_l)`` in the linear region ``e > 2 e_l``,

with ``e_l = 0.03`` so the toe region ends at 6 % strain (reference file), and ``k`` the linear
stiffness in N/mm (``stiffness_n_per_mm``). Force and slope are continuous at ``e = 2 e_l``.
"""

from __future__ import annotations

import numpy as np

__all__ = ["TOE_STRAIN", "blankevoort_force"]

#: Strain at the end of the quadratic toe region (2 * e_l).
TOE_STRAIN = 0.06


def blankevoort_force(
    length_mm: np.ndarray, slack_length_mm: np.ndarray, stiffness_n_per_mm: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Band tension (N) and strain for lengths ``length_mm``.

    Parameters
    ----------
    length_mm : ndarray, shape (..., nb)
        Current band lengths (mm).
    slack_length_mm : ndarray, shape (nb,) or broadcastable
        Slack lengths (mm), > 0.
    stiffness_n_per_mm : ndarray, shape (nb,) or broadcastable
        Linear-region stiffness (N/mm); 0 for a released band.

    Returns
    -------
    force_n : ndarray, shape (..., nb)
        Tension (N), >= 0.
    strain : ndarray, shape (..., nb)
        Engineering strain ``L / L0 - 1`` (negative when slack).
    """
    strain = length_mm / slack_length_mm - 1.0
    e_l = 0.5 * TOE_STRAIN
    k_strain = stiffness_n_per_mm * slack_length_mm  # N per unit strain
    e = np.maximum(strain, 0.0)
    toe = k_strain * e * e / (4.0 * e_l)
    lin = k_strain * (e - e_l)
    force = np.where(e <= TOE_STRAIN, toe, lin)
    return force, strain
