"""Getting up and down (lesson 07): published numbers and sourced statements.

Every number below is typed once, with the citation key in the bibliography that it comes
from (the lesson's new keys are in ``/work/notes/lesson07.bib`` until they are merged into
``book/references.bib``). The prose reads them through :mod:`hipcourse.numbers.lesson07`;
the figures in :mod:`hipcourse.figures.sit_to_stand` draw them.

* :data:`CHAIR_STAND_NORMS` -- the normal range (25th to 75th percentile) of the 30-second
  chair-stand test for community-residing older adults, by five-year age band and sex, from
  the Senior Fitness Test norms study (Rikli and Jones 1999, ``rikli1999``).
* :data:`JONES1999` -- how reliable and valid the test was in its first study (``jones1999``).
* :data:`JANSSEN2002_EFFECTS` -- how a higher seat and armrests lower the effort of standing
  up, from a review of what makes sit-to-stand easier or harder (``janssen2002``).
* :data:`STRENGTH_DOSE` and :data:`WHO2020` -- how often to train strength (ACSM position
  stand, ``garber2011``; WHO 2020 guidelines, ``bull2020``).
* :data:`EFFORT_LIMITS` and :data:`RED_FLAGS` -- the course's own plain-language rules for
  this lesson (when to ease off, when to stop and get help); general safety advice, not
  numbers from a study.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "CHAIR_STAND_NORMS",
    "ChairStandNorm",
    "EFFORT_LIMITS",
    "JANSSEN2002_EFFECTS",
    "JONES1999",
    "RED_FLAGS",
    "RIKLI1999",
    "RedFlag",
    "STRENGTH_DOSE",
    "SeatEffect",
    "StrengthDose",
    "TestStudy",
    "NormsStudy",
    "WHO2020",
    "WhoGuideline",
    "all_source_keys",
    "norm_for",
]


@dataclass(frozen=True)
class ChairStandNorm:
    """The normal range of one age band: chair stands in 30 s, 25th to 75th percentile."""

    age_low: int
    age_high: int
    women_low: int
    women_high: int
    men_low: int
    men_high: int
    source_key: str = "rikli1999"

    def __post_init__(self) -> None:
        if not self.age_low < self.age_high:
            raise ValueError(f"age band {self.age_low}-{self.age_high} is empty")
        for sex in ("women", "men"):
            low, high = getattr(self, f"{sex}_low"), getattr(self, f"{sex}_high")
            if not 0 <= low < high:
                raise ValueError(f"{sex} range {low}-{high} is not increasing")

    @property
    def band(self) -> str:
        """``"60-64"`` (an en dash), as tables and axes print it."""
        return f"{self.age_low}\u2013{self.age_high}"

    def range_for(self, sex: str) -> tuple[int, int]:
        """``(low, high)`` for ``sex`` in ``{"women", "men"}``."""
        if sex not in ("women", "men"):
            raise ValueError(f"sex={sex!r} is not 'women' or 'men'")
        return getattr(self, f"{sex}_low"), getattr(self, f"{sex}_high")


#: 30-second chair-stand test, 25th-75th percentile by age band (rikli1999).
CHAIR_STAND_NORMS: tuple[ChairStandNorm, ...] = (
    ChairStandNorm(60, 64, 12, 17, 14, 19),
    ChairStandNorm(65, 69, 11, 16, 12, 18),
    ChairStandNorm(70, 74, 10, 15, 12, 17),
    ChairStandNorm(75, 79, 10, 15, 11, 17),
    ChairStandNorm(80, 84, 9, 14, 10, 15),
    ChairStandNorm(85, 89, 8, 13, 8, 14),
    ChairStandNorm(90, 94, 4, 11, 7, 12),
)


def norm_for(age: int) -> ChairStandNorm:
    """The age band of :data:`CHAIR_STAND_NORMS` that holds ``age`` (60 to 94)."""
    if isinstance(age, bool) or not isinstance(age, int):
        raise ValueError(f"age={age!r} is not a whole number of years")
    for norm in CHAIR_STAND_NORMS:
        if norm.age_low <= age <= norm.age_high:
            return norm
    raise ValueError(f"age={age} is outside the norms' ages "
                     f"[{CHAIR_STAND_NORMS[0].age_low}, {CHAIR_STAND_NORMS[-1].age_high}]")


@dataclass(frozen=True)
class NormsStudy:
    """Who the norms were measured on, and how."""

    n_people: int
    n_women: int
    n_men: int
    age_low: int
    age_high: int
    percentile_low: int
    percentile_high: int
    seat_height_cm: float
    seat_height_in: int
    source_key: str

    def __post_init__(self) -> None:
        if self.n_women + self.n_men != self.n_people:
            raise ValueError("women and men do not add up to the people measured")


#: The norms study: community-residing US adults aged 60-94, a 17-inch armless chair (rikli1999).
RIKLI1999 = NormsStudy(n_people=7183, n_women=5048, n_men=2135, age_low=60, age_high=94,
                       percentile_low=25, percentile_high=75, seat_height_cm=43.2,
                       seat_height_in=17, source_key="rikli1999")


@dataclass(frozen=True)
class TestStudy:
    """The first study of the test's reliability and validity (jones1999)."""

    n_people: int
    mean_age: float
    retest_icc_men: float
    retest_icc_women: float
    leg_press_r_men: float
    leg_press_r_women: float
    source_key: str


#: 76 older adults tested twice, 2-5 days apart; chair stands against a leg-press test.
JONES1999 = TestStudy(n_people=76, mean_age=70.5, retest_icc_men=0.84, retest_icc_women=0.92,
                      leg_press_r_men=0.78, leg_press_r_women=0.71, source_key="jones1999")


@dataclass(frozen=True)
class SeatEffect:
    """How much a change to the chair lowered the turning effort (moment) at a joint."""

    change: str
    joint: str
    reduction_percent: int
    up_to: bool          # True: the review gives it as "up to" this much
    source_key: str = "janssen2002"


#: Higher seat and armrests, from the review of sit-to-stand determinants (janssen2002).
JANSSEN2002_EFFECTS: tuple[SeatEffect, ...] = (
    SeatEffect("Higher seat", "knee", 60, True),
    SeatEffect("Higher seat", "hip", 50, True),
    SeatEffect("Using armrests", "hip", 50, False),
)


@dataclass(frozen=True)
class StrengthDose:
    """How often, and how much, to train a muscle group for strength."""

    days_low: int
    days_high: int
    sets_low: int
    sets_high: int
    reps_low: int
    reps_high: int
    source_key: str


#: Resistance exercise for each major muscle group (garber2011).
STRENGTH_DOSE = StrengthDose(days_low=2, days_high=3, sets_low=2, sets_high=4, reps_low=8,
                             reps_high=12, source_key="garber2011")


@dataclass(frozen=True)
class WhoGuideline:
    """WHO 2020 advice for older adults on strength and balance (bull2020)."""

    strength_days_min: int
    balance_strength_days_min: int
    older_age_from: int
    source_key: str


#: Muscle strengthening on 2 or more days; balance and strength on 3 or more days from 65.
WHO2020 = WhoGuideline(strength_days_min=2, balance_strength_days_min=3, older_age_from=65,
                       source_key="bull2020")

#: How hard practice should feel, and when to ease off (the course's advice, no study numbers).
EFFORT_LIMITS: tuple[str, ...] = (
    "The last few repetitions of a set should feel hard, but you can still keep good form.",
    "Mild aching in the thigh or buttock muscles during or after practice is normal.",
    "If the hip or knee hurts more the next day, do fewer repetitions or use a higher seat "
    "next time.",
    "Sharp, pinching or catching pain in a joint is a sign to stop that movement.",
)


@dataclass(frozen=True)
class RedFlag:
    """A warning sign while practising, and what to do about it."""

    sign: str
    action: str
    urgent: bool
    keyword: str      # the words the lesson's "when to stop" section must use for it


#: Warning signs specific to getting up and down (general safety advice, in plain words).
RED_FLAGS: tuple[RedFlag, ...] = (
    RedFlag("chest pain, tightness or pressure, or getting very short of breath",
            "stop and call an ambulance or emergency number", True, "chest pain"),
    RedFlag("sudden weakness, numbness or drooping of the face, an arm or a leg, or "
            "trouble speaking", "stop and call an ambulance or emergency number: it can be "
            "a stroke", True, "numbness"),
    RedFlag("feeling faint or dizzy, or the room spinning",
            "sit down at once; if it does not pass quickly, get urgent help", True, "dizzy"),
    RedFlag("a fall, or a knee or hip giving way",
            "stop practising and see a doctor or physiotherapist before you start again",
            False, "gives way"),
    RedFlag("new or worse falls or near-falls at home",
            "ask your doctor about a falls check", False, "falls check"),
    RedFlag("you cannot get up from your toilet or bed without help",
            "ask for an occupational therapist: aids and small changes can make it safe",
            False, "occupational"),
)


def all_source_keys() -> frozenset[str]:
    """Citation keys of every sourced number in this module."""
    keys = {n.source_key for n in CHAIR_STAND_NORMS} | {e.source_key for e in JANSSEN2002_EFFECTS}
    keys |= {RIKLI1999.source_key, JONES1999.source_key, STRENGTH_DOSE.source_key,
             WHO2020.source_key}
    return frozenset(keys)
