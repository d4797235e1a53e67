"""Input validation helpers used once at the public boundary.

Every check raises :class:`ValueError` naming the parameter, the offending value and the valid
range, e.g. ``ValueError: tightness=1.4 is outside [0, 0.5]``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np

__all__ = [
    "check_angles_deg",
    "check_choice",
    "check_in_range",
    "check_poses_deg",
    "check_positive",
    "check_real_array",
]


def _fmt(value) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return repr(value)


def _is_real_scalar(value) -> bool:
    """True for int/float/numpy real scalars and 0-d real arrays; False for bools, strings."""
    if isinstance(value, bool | np.bool_):
        return False
    if isinstance(value, int | float | np.integer | np.floating):
        return True
    return isinstance(value, np.ndarray) and value.ndim == 0 and value.dtype.kind in "iuf"


def check_in_range(name: str, value, low: float, high: float) -> float:
    """Return ``value`` as float if it is one finite real number in ``[low, high]``.

    Sequences, arrays with more than one element, strings and bools are rejected, so a scalar
    parameter never silently uses the first element of a list.
    """
    if not _is_real_scalar(value):
        raise ValueError(f"{name}={value!r} is not a real number in [{low:g}, {high:g}]")
    v = float(value)
    if not math.isfinite(v) or v < low or v > high:
        raise ValueError(f"{name}={_fmt(v)} is outside [{low:g}, {high:g}]")
    return v


def check_positive(name: str, value, high: float = math.inf) -> float:
    """Return ``value`` as float if it is finite, > 0 and <= ``high``."""
    if not _is_real_scalar(value):
        raise ValueError(f"{name}={value!r} is not a real number > 0")
    v = float(value)
    if not math.isfinite(v) or v <= 0 or v > high:
        rng = f"(0, {high:g}]" if math.isfinite(high) else "(0, inf)"
        raise ValueError(f"{name}={_fmt(v)} is outside {rng}")
    return v


def check_choice(name: str, value, choices: Iterable[str]) -> str:
    """Return ``value`` if it is one of ``choices``."""
    choices = tuple(choices)
    if not isinstance(value, str) or value not in choices:
        raise ValueError(f"{name}={value!r} is not one of {', '.join(map(repr, choices))}")
    return value


def check_real_array(name: str, value) -> np.ndarray:
    """Return ``value`` as a float array if it holds real numbers only (any shape).

    Strings (``"30"``), bools, complex numbers and ragged or object arrays are rejected:
    ``numpy`` would otherwise turn ``"30"`` into 30.0 silently.
    """
    try:
        arr = np.asarray(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name}={value!r} is not a number or array of numbers") from None
    if arr.dtype.kind not in "iuf":
        raise ValueError(f"{name}={value!r} is not a number or array of numbers")
    return arr.astype(float)


def check_angles_deg(name: str, value, low: float, high: float) -> np.ndarray:
    """Return a finite 1-D float array of angles (deg) within ``[low, high]``.

    Scalars become arrays of shape (1,); the caller remembers whether the input was scalar.
    """
    arr = check_real_array(name, value)
    if arr.ndim > 1:
        raise ValueError(f"{name} has shape {arr.shape}; expected a scalar or 1-D array")
    arr = np.atleast_1d(arr)
    if arr.size == 0:
        raise ValueError(f"{name} is empty; expected at least one angle")
    bad = ~np.isfinite(arr) | (arr < low) | (arr > high)
    if bad.any():
        v = arr[bad][0]
        raise ValueError(f"{name}={_fmt(float(v))} is outside [{low:g}, {high:g}] deg")
    return arr


def check_poses_deg(name: str, value) -> np.ndarray:
    """Return poses as a finite float array of shape (n, 3) (flexion, adduction, IR in deg).

    Flexion must lie in [-60, 150], adduction in [-90, 90], internal rotation in [-120, 120].
    """
    arr = check_real_array(name, value)
    if arr.ndim == 1 and arr.shape == (3,):
        arr = arr[None, :]
    if arr.ndim != 2 or arr.shape[1] != 3 or arr.shape[0] == 0:
        raise ValueError(f"{name} has shape {arr.shape}; expected (n, 3) with n >= 1")
    if not np.isfinite(arr).all():
        raise ValueError(f"{name} contains NaN or inf; expected finite angles in degrees")
    for j, (label, lo, hi) in enumerate(
        (("flexion", -60, 150), ("adduction", -90, 90), ("internal_rotation", -120, 120))
    ):
        col = arr[:, j]
        bad = (col < lo) | (col > hi)
        if bad.any():
            raise ValueError(
                f"{name}[:, {j}] ({label})={_fmt(float(col[bad][0]))} is outside "
                f"[{lo}, {hi}] deg"
            )
    return arr
