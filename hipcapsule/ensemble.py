"""The calibration ensemble: parameter sets that fit the calibration evidence about equally well.

The calibration is weakly identified (:mod:`hipcapsule.calibration`): many parameter sets
(slack lengths, stiffnesses, footprint centres) fit the calibration evidence about as well as
the best fit. The offline fit keeps :data:`MIN_MEMBERS` or more of them, committed with the
calibration. A ROM query with ``band=...`` evaluates every member, each carrying the query
capsule's tightening, releases and stiffness changes, in one vectorised pass, and reports
percentiles over the members.

The band is the spread of the *model* over parameter sets the evidence cannot tell apart; it is
not a population range of real hips.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

import numpy as np

from ._checks import check_choice
from .calibration import calibration_record, footprints_in_use, slack_ratios, stiffness_in_use
from .capsule import Capsule, build_capsule
from .geometry import SEXES
from .solver import ModelArrays, ensemble_arrays

__all__ = ["MIN_MEMBERS", "ensemble_arrays_for", "member_count", "members"]

#: Fewest members the committed ensemble must have.
MIN_MEMBERS = 20


def _member_records() -> list[dict]:
    return list(calibration_record().get("ensemble", []))


def member_count() -> int:
    """Number of committed ensemble members (0 before the ensemble fit has run)."""
    return len(_member_records())


@lru_cache(maxsize=2)
def _members(sex: str) -> tuple[Capsule, ...]:
    records = _member_records()
    if not records:
        from .capsule import default_capsule

        return (default_capsule(sex),)
    return tuple(
        build_capsule(sex, slack_ratios(rec), footprints_in_use(rec),
                      stiffness=stiffness_in_use(rec),
                      member=i)
        for i, rec in enumerate(records)
    )


def members(sex: str = "male") -> tuple[Capsule, ...]:
    """Every ensemble member's normal capsule for ``sex`` (the best fit alone if no ensemble
    is committed)."""
    check_choice("sex", sex, SEXES)
    return _members(sex)


@lru_cache(maxsize=2)
def _base_arrays(sex: str) -> ModelArrays:
    return ensemble_arrays(_members(sex))


def ensemble_arrays_for(capsule: Capsule) -> ModelArrays:
    """Stacked solver arrays of every member with ``capsule``'s modifications applied.

    The modifications (per-fibre tightness, release and stiffness factor) are applied as array
    operations on the cached member arrays, so a band costs one stacked evaluation.
    """
    base = _base_arrays(capsule.sex)
    if base.names != capsule.bundle_names:
        raise ValueError("capsule's fibres differ from the ensemble's; cannot compute a band")
    tight = np.array([b.tightness for b in capsule.bundles])
    factor = np.array([0.0 if b.released else b.stiffness_factor for b in capsule.bundles])
    if not tight.any() and np.all(factor == 1.0):
        return base
    return replace(base, slack_mm=base.slack_mm * (1.0 - tight), stiffness=base.stiffness * factor)
