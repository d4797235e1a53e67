"""Hip arthritis: published numbers and sourced statements quoted in lesson 08.

Every number below is typed once, with the citation key(s) in ``book/references.bib`` that it
comes from. The lesson's prose reads them through :mod:`hipcourse.numbers.lesson08`; the
figures in :mod:`hipcourse.figures.arthritis` draw them.

* :data:`FRANSEN2014_EFFECTS` -- the Cochrane review of land-based exercise for hip
  osteoarthritis (nine trials, 549 people, high-quality evidence, effects straight after
  treatment). A negative standardised mean difference (SMD) means less pain or better function.
* :data:`GLAD_RESULTS` -- the Danish GLA:D registry report (education plus supervised
  neuromuscular exercise): change in pain on a 0-100 scale.
* :data:`ACR2019_STRONG` -- treatments the 2019 ACR/Arthritis Foundation guideline strongly
  recommends for hip osteoarthritis (the abstract's list of strong recommendations).
* :data:`ARTHRITIS_TYPES` -- the kinds of hip arthritis the lesson compares, with clues and
  why the type changes care (general medical knowledge, in the course's own words).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "ACR2019_STRONG",
    "ARTHRITIS_TYPES",
    "ArthritisType",
    "EffectSize",
    "FRANSEN2014_EFFECTS",
    "FRANSEN2014_EVIDENCE",
    "FRANSEN2014_N_PARTICIPANTS",
    "FRANSEN2014_N_TRIALS",
    "GLAD_N_PARTICIPANTS",
    "GLAD_RESULTS",
    "JOINT_STAGES",
    "JointStage",
    "RegistryChange",
    "all_source_keys",
]


@dataclass(frozen=True)
class EffectSize:
    """A pooled standardised mean difference with its 95 % confidence interval.

    Negative values favour exercise (less pain, better function).
    """

    outcome: str
    smd: float
    ci_low: float
    ci_high: float
    source_keys: tuple[str, ...]

    def __post_init__(self) -> None:
        if not self.ci_low <= self.smd <= self.ci_high:
            raise ValueError(f"smd={self.smd} is outside its interval "
                             f"[{self.ci_low}, {self.ci_high}]")


#: Trials pooled for pain straight after treatment (fransen2014).
FRANSEN2014_N_TRIALS: int = 9
#: People in those trials (fransen2014).
FRANSEN2014_N_PARTICIPANTS: int = 549
#: GRADE rating the review gave this evidence (fransen2014).
FRANSEN2014_EVIDENCE: str = "high"

#: Pain and function straight after an exercise programme, exercise vs no exercise (fransen2014).
FRANSEN2014_EFFECTS: tuple[EffectSize, ...] = (
    EffectSize("Pain", -0.38, -0.55, -0.20, ("fransen2014",)),
    EffectSize("Physical function", -0.38, -0.54, -0.05, ("fransen2014",)),
)

@dataclass(frozen=True)
class RegistryChange:
    """Average change in a registry outcome after a programme (not a comparison with no care)."""

    outcome: str
    months: int
    change_points: float
    scale: str
    source_keys: tuple[str, ...]


#: People whose data the GLA:D registry report analysed, 2013-2015 (skou2017).
GLAD_N_PARTICIPANTS: int = 9825

#: Pain intensity fell by these points on a 0-100 scale after GLA:D (skou2017).
GLAD_RESULTS: tuple[RegistryChange, ...] = (
    RegistryChange("Pain intensity", 3, 12.4, "0-100", ("skou2017",)),
    RegistryChange("Pain intensity", 12, 13.7, "0-100", ("skou2017",)),
)

#: Treatments other than medicines that the 2019 ACR/Arthritis Foundation guideline strongly
#: recommends for hip osteoarthritis (its abstract also lists oral NSAIDs and steroid injections).
ACR2019_STRONG: tuple[str, ...] = (
    "exercise",
    "weight loss for people who are overweight",
    "self-management programmes",
    "tai chi",
    "a walking cane (stick)",
)


@dataclass(frozen=True)
class ArthritisType:
    """One kind of hip arthritis, in plain words."""

    name: str
    short: str
    clues: tuple[str, ...]
    why_it_matters: str


ARTHRITIS_TYPES: tuple[ArthritisType, ...] = (
    ArthritisType(
        "Osteoarthritis", "OA",
        ("pain with use, eases with rest", "stiffness after rest that passes within minutes",
         "groin or thigh pain", "slow change over months or years"),
        "Exercise, weight care and self-management come first; surgery if these fail."),
    ArthritisType(
        "Inflammatory arthritis", "RA / axSpA",
        ("morning stiffness that lasts well over half an hour", "swelling or warm joints",
         "other joints or the back involved", "feeling unwell or tired"),
        "Needs a rheumatologist: medicines can calm the disease and protect the joint."),
    ArthritisType(
        "Avascular necrosis", "AVN",
        ("deep groin pain, often also at rest or at night", "risk factors: steroids, alcohol",
         "can worsen quickly", "X-ray may be normal early; MRI shows it"),
        "Early diagnosis matters: the bone can collapse, so an orthopaedic review is needed."),
    ArthritisType(
        "Secondary arthritis", "FAI, dysplasia, injury",
        ("hip pain in younger adults", "a hip shape problem since youth",
         "an old fracture or injury", "clicking or catching"),
        "The shape or injury behind it may be treated; planning differs in younger people."),
)


@dataclass(frozen=True)
class JointStage:
    """A drawn stage of the schematic joint (a drawing, not a measurement)."""

    label: str
    cartilage_mm: float
    osteophytes: bool
    description: str


#: Stages of the schematic in Figure 1. Thicknesses are drawing sizes only.
JOINT_STAGES: tuple[JointStage, ...] = (
    JointStage("Healthy", 2.5, False,
               "smooth cartilage on both surfaces and a clear joint space"),
    JointStage("Moderate OA", 1.2, True,
               "thinner, rougher cartilage, a narrower joint space and small bony spurs"),
    JointStage("Severe OA", 0.0, True,
               "no cartilage left where the joint bears weight, so bone meets bone"),
)


def all_source_keys() -> frozenset[str]:
    """Citation keys of every sourced number in this module."""
    keys = {k for e in FRANSEN2014_EFFECTS for k in e.source_keys}
    keys |= {k for r in GLAD_RESULTS for k in r.source_keys}
    return frozenset(keys | {"kolasinski2020"})
