"""Code lists for looked-after children, care leavers and adoption (SSDA903, 2025-26 and 2026-27).

Meanings are from domain.md section 6 and returns.md section 2.4. Where the meaning of a code could
not be verified against the DfE guide (placement types Z11 to Z14), the code is labelled by itself
rather than given a guessed meaning.
"""

from __future__ import annotations

from django.db import models


class LegalStatusCode(models.TextChoices):
    """903 `LS` (rule 144): the legal basis on which the child is looked after."""

    C1 = "C1", "C1: Interim care order (s38)"
    C2 = "C2", "C2: Full care order (s31)"
    D1 = "D1", "D1: Freeing order granted (legacy)"
    E1 = "E1", "E1: Placement order granted (ACA 2002 s21)"
    V2 = "V2", "V2: Single period of accommodation under s20"
    V3 = "V3", "V3: Agreed series of short-term breaks, individual episodes recorded"
    V4 = "V4", "V4: Agreed series of short-term breaks, agreements recorded"
    L1 = "L1", "L1: Under police protection and in council accommodation"
    L2 = "L2", "L2: Emergency protection order"
    L3 = "L3", "L3: Child assessment order and in council accommodation"
    J1 = "J1", "J1: Remanded to council or youth detention accommodation"
    J2 = "J2", "J2: Placed in council accommodation under PACE 1984"
    J3 = "J3", "J3: Youth rehabilitation order with residence or intensive fostering"


# Short breaks: each V3 break (or V4 agreement) is its own period of care, and reg 40(2) leaves
# pre-planned short breaks out of the 13 weeks that make a care leaver eligible.
SHORT_BREAK_STATUSES = frozenset({LegalStatusCode.V3, LegalStatusCode.V4})


class PlacementType(models.TextChoices):
    """903 `PLACE` (rule 146), valid from 2025-26 (H5, P2 and Z1 are no longer valid)."""

    A3 = "A3", "A3: Placed for adoption with consent, with current foster carers"
    A4 = "A4", "A4: Placed for adoption with consent, not with current foster carers"
    A5 = "A5", "A5: Placed for adoption with placement order, with current foster carers"
    A6 = "A6", "A6: Placed for adoption with placement order, not with current foster carers"
    U1 = "U1", "U1: Foster placement with relatives or friends: long-term"
    U2 = "U2", "U2: Foster placement with relatives or friends: also approved adopters"
    U3 = "U3", "U3: Foster placement with relatives or friends: other"
    U4 = "U4", "U4: Foster placement with other foster carers: long-term"
    U5 = "U5", "U5: Foster placement with other foster carers: FfA or concurrent"
    U6 = "U6", "U6: Foster placement with other foster carers: other"
    P1 = "P1", "P1: With own parents or others with parental responsibility"
    P3 = "P3", "P3: Residential employment"
    K1 = "K1", "K1: Secure children's home"
    K2 = "K2", "K2: Children's home subject to Children's Homes Regulations"
    K3 = "K3", "K3: Registered supported accommodation (16 and over)"
    R1 = "R1", "R1: Residential care home"
    R2 = "R2", "R2: NHS or health trust, or other medical or nursing care"
    R3 = "R3", "R3: Family centre or mother and baby unit"
    R5 = "R5", "R5: Young offender institution"
    S1 = "S1", "S1: Residential school"
    T0 = "T0", "T0: Temporary: all types"
    T1 = "T1", "T1: Temporary: hospital"
    T2 = "T2", "T2: Temporary: child's holiday"
    T3 = "T3", "T3: Temporary: while the usual foster carer is on holiday"
    T4 = "T4", "T4: Temporary: seven days or less for any other reason"
    # Meanings not verified against the 2025-26 DfE guide: labelled by code only (returns.md 7).
    Z11 = "Z11", "Z11"
    Z12 = "Z12", "Z12"
    Z13 = "Z13", "Z13"
    Z14 = "Z14", "Z14"


TEMPORARY_PLACEMENTS = frozenset(
    {PlacementType.T0, PlacementType.T1, PlacementType.T2, PlacementType.T3, PlacementType.T4}
)
Z_PLACEMENTS = frozenset(
    {PlacementType.Z11, PlacementType.Z12, PlacementType.Z13, PlacementType.Z14}
)
# Provider must be blank for these (rule 213) and present for every other type (526).
NO_PROVIDER_PLACEMENTS = (TEMPORARY_PLACEMENTS - {PlacementType.T4}) | Z_PLACEMENTS
# URN must be blank for these (rule 222) and is required for the rest in England (218).
NO_URN_PLACEMENTS = (
    frozenset(
        {PlacementType.P1, PlacementType.P3, PlacementType.R1, PlacementType.R2, PlacementType.R5}
    )
    | TEMPORARY_PLACEMENTS
    | Z_PLACEMENTS
)
ADOPTION_PLACEMENTS = frozenset(
    {PlacementType.A3, PlacementType.A4, PlacementType.A5, PlacementType.A6}
)
# Foster placements meant to last until the child is 18 (long-term): visits every 3 months after
# the first year (reg 28(2)(c)) unless the worker records otherwise.
LONG_TERM_PLACEMENTS = frozenset({PlacementType.U1, PlacementType.U4})


class PlacementProvider(models.TextChoices):
    """903 `PLACE_PROVIDER` (rule 178)."""

    PR0 = "PR0", "PR0: Parents or other person with parental responsibility"
    PR1 = "PR1", "PR1: Own council (including a regional adoption agency it hosts)"
    PR2 = "PR2", "PR2: Another council"
    PR3 = "PR3", "PR3: Other public body"
    PR4 = "PR4", "PR4: Private"
    PR5 = "PR5", "PR5: Voluntary or third sector"


class ReasonNewEpisode(models.TextChoices):
    """903 `RNE` (rule 143)."""

    S = "S", "Started to be looked after"
    L = "L", "Change of legal status only"
    P = "P", "Change of placement and carers only"
    T = "T", "Change of placement, same carers, only"
    B = "B", "Change of legal status and of placement and carers on the same day"
    U = "U", "Change of legal status and of placement, same carers, on the same day"


class ReasonEpisodeCeased(models.TextChoices):
    """903 `REC` (rule 149). X1 links episodes; every other code means the child left care."""

    X1 = "X1", "X1: Episode ends and a new one starts the same day"
    E11 = "E11", "E11: Adopted: application unopposed"
    E12 = "E12", "E12: Adopted: consent dispensed with"
    E2 = "E2", "E2: Died"
    E3 = "E3", "E3: Care taken over by another UK council"
    E4A = "E4A", "E4A: Returned home to parents or relatives with PR, as part of the care plan"
    E4B = "E4B", "E4B: Returned home to parents or relatives with PR, not part of the care plan"
    E13 = "E13", "E13: Left to live with parents, relatives or others without PR"
    E41 = "E41", "E41: Residence or child arrangements order"
    E45 = "E45", "E45: SGO to former foster carers who are relatives or friends"
    E46 = "E46", "E46: SGO to former foster carers who are not relatives or friends"
    E47 = "E47", "E47: SGO to other carers who are relatives or friends"
    E48 = "E48", "E48: SGO to other carers who are not relatives or friends"
    E5 = "E5", "E5: Moved into independent living with formal support"
    E6 = "E6", "E6: Moved into independent living without formal support"
    E7 = "E7", "E7: Transferred to adult social care residential"
    E9 = "E9", "E9: Sentenced to custody"
    E14 = "E14", "E14: Accommodation on remand ended"
    E15 = "E15", "E15: Age assessed as 18 or over"
    E16 = "E16", "E16: Child moved abroad"
    E17 = "E17", "E17: Aged 18 or over and stayed with carers (staying put)"
    E8 = "E8", "E8: Any other reason"


# The reasons a period of care ends (every REC but X1).
CEASING_REASONS = [(value, label) for value, label in ReasonEpisodeCeased.choices if value != "X1"]
ADOPTED = frozenset({ReasonEpisodeCeased.E11, ReasonEpisodeCeased.E12})


class ReasonPlaceChange(models.TextChoices):
    """903 `REASON_PLACE_CHANGE` (rule 1009), recorded on the ceasing episode."""

    CARPL = "CARPL", "Change to or implementation of the care plan"
    CLOSE = "CLOSE", "Carer resigned or setting closed (planned)"
    ALLEG = "ALLEG", "Section 47 allegation"
    STAND = "STAND", "Concern about standards of care"
    APPRR = "APPRR", "Approval or registration removed"
    CREQB = "CREQB", "Carer asked to end it because of the child's behaviour"
    CREQO = "CREQO", "Carer asked to end it, not because of the child's behaviour"
    CHILD = "CHILD", "Child asked"
    LAREQ = "LAREQ", "Responsible or area council asked"
    PLACE = "PLACE", "Change of placement status only"
    CUSTOD = "CUSTOD", "Custody"
    OTHER = "OTHER", "Other"


class CategoryOfNeed(models.TextChoices):
    """903 `CIN` (rule 145), fixed for the whole period of care (504)."""

    N1 = "N1", "N1: Abuse or neglect"
    N2 = "N2", "N2: Child's disability"
    N3 = "N3", "N3: Parental illness or disability"
    N4 = "N4", "N4: Family in acute stress"
    N5 = "N5", "N5: Family dysfunction"
    N6 = "N6", "N6: Socially unacceptable behaviour"
    N7 = "N7", "N7: Low income"
    N8 = "N8", "N8: Absent parenting"


class ReviewParticipation(models.TextChoices):
    """903 `REVIEW_CODE` (rule 167): how the child took part in the review."""

    PN0 = "PN0", "PN0: Child aged under 4 at the time of the review"
    PN1 = "PN1", "PN1: Attends and speaks for themselves"
    PN2 = "PN2", "PN2: Attends, an advocate speaks for them"
    PN3 = "PN3", "PN3: Attends and conveys views non-verbally"
    PN4 = "PN4", "PN4: Attends without contributing"
    PN5 = "PN5", "PN5: Does not attend, briefs an advocate"
    PN6 = "PN6", "PN6: Does not attend, conveys views by another medium"
    PN7 = "PN7", "PN7: Does not attend, views not conveyed"


class SDQReason(models.TextChoices):
    """903 `SDQ_REASON` (rule 196): why there is no SDQ score."""

    SDQ1 = "SDQ1", "SDQ1: Under 4 or over 16"
    SDQ2 = "SDQ2", "SDQ2: Carer refused"
    SDQ3 = "SDQ3", "SDQ3: Severity of the child's disability"
    SDQ4 = "SDQ4", "SDQ4: Other"
    SDQ5 = "SDQ5", "SDQ5: Young person refused"


class MissingKind(models.TextChoices):
    """903 `MISSING` (rule 1006)."""

    M = "M", "Missing: whereabouts unknown"
    A = "A", "Away from placement without authorisation: whereabouts known"


class HealthAssessmentKind(models.TextChoices):
    INITIAL = "initial", "Initial health assessment"
    REVIEW = "review", "Review health assessment"


class HealthCheckKind(models.TextChoices):
    """The OC2 health items other than the health assessment itself."""

    DENTAL = "dental", "Dental check (TEETH_CHECK)"
    IMMUNISATIONS = "immunisations", "Immunisations up to date (IMMUNISATIONS)"
    DEVELOPMENT = "development", "Health surveillance checks, under 5 (HEALTH_CHECK)"


class PEPKind(models.TextChoices):
    INITIAL = "initial", "Personal education plan started"
    REVIEW = "review", "Personal education plan reviewed"


class CareLeaverStatus(models.TextChoices):
    """Care-leaver statuses (CA1989 Sch 2 para 19B, ss23A-24; domain.md section 5)."""

    ELIGIBLE = "eligible", "Eligible"
    RELEVANT = "relevant", "Relevant"
    FORMER_RELEVANT = "former_relevant", "Former relevant"
    QUALIFYING = "qualifying", "Qualifying"


class InTouch(models.TextChoices):
    """903 OC3 `IN_TOUCH` (rule 131)."""

    YES = "YES", "Yes"
    NO = "NO", "No"
    DIED = "DIED", "Died"
    REFU = "REFU", "Refuses contact"
    NREQ = "NREQ", "No longer requires services"
    RHOM = "RHOM", "Returned to parents for 6 months or more"


class Activity(models.TextChoices):
    """903 OC3 `ACTIV` (rule 132). The meaning of `0` is not verified (returns.md 7)."""

    F1 = "F1", "F1: Higher education, full time"
    P1 = "P1", "P1: Higher education, part time"
    F2 = "F2", "F2: Other education, full time"
    P2 = "P2", "P2: Other education, part time"
    F4 = "F4", "F4: Apprenticeship, full time"
    P4 = "P4", "P4: Apprenticeship, part time"
    F5 = "F5", "F5: Training or employment, full time"
    P5 = "P5", "P5: Training or employment, part time"
    G4 = "G4", "G4: Not in education, employment or training: illness or disability"
    G5 = "G5", "G5: Not in education, employment or training: other"
    G6 = "G6", "G6: Not in education, employment or training: pregnancy or parenting"
    ZERO = "0", "0"


_ACCOMMODATION_TYPES = {
    "B": "With parents or relatives",
    "C": "Community home or other residential",
    "D": "Semi-independent, transitional",
    "E": "Supported lodgings",
    "G": "Gone abroad",
    "H": "Deported",
    "K": "Ordinary lodgings",
    "R": "Residence not known",
    "S": "No fixed abode",
    "T": "Foyer",
    "U": "Independent living",
    "V": "Emergency accommodation",
    "W": "Bed and breakfast",
    "X": "In custody",
    "Y": "Other",
    "Z": "With former foster carers",
}
_ACCOMMODATION_CODES = [
    "B1",
    "B2",
    "C1",
    "C2",
    "D1",
    "D2",
    "E1",
    "E2",
    "G1",
    "G2",
    "H1",
    "H2",
    "K1",
    "K2",
    "R1",
    "R2",
    "S2",
    "T1",
    "T2",
    "U1",
    "U2",
    "V1",
    "V2",
    "W1",
    "W2",
    "X2",
    "Y1",
    "Y2",
    "Z1",
    "Z2",
]


def _accommodation_label(code: str) -> str:
    suitability = "suitable" if code[1] == "1" else "not suitable"
    return f"{code}: {_ACCOMMODATION_TYPES[code[0]]}, {suitability}"


# 903 OC3 `ACCOM` (rule 133): letter is the type, digit 1 suitable, 2 not suitable.
ACCOMMODATION_CHOICES: list[tuple[str, str]] = [
    (code, _accommodation_label(code)) for code in _ACCOMMODATION_CODES
] + [("0", "0")]


class PreviousPermanence(models.TextChoices):
    """903 `PREV_PERM` (rule 631)."""

    P1 = "P1", "P1: Adoption"
    P2 = "P2", "P2: Special guardianship order"
    P3 = "P3", "P3: Residence or child arrangements order"
    P4 = "P4", "P4: Unknown"
    Z1 = "Z1", "Z1: None"


class ReasonPlacedCeased(models.TextChoices):
    """903 `REASON_PLACED_CEASED` (rule 120)."""

    RD1 = "RD1", "RD1: The child's needs changed"
    RD2 = "RD2", "RD2: The court did not make a placement order"
    RD3 = "RD3", "RD3: Prospective adopters could not be found"
    RD4 = "RD4", "RD4: Any other reason"


class SexOfAdopters(models.TextChoices):
    """903 `SEX_ADOPTR` (rule 176)."""

    M1 = "M1", "M1: Male single adopter"
    F1 = "F1", "F1: Female single adopter"
    MM = "MM", "MM: Male couple"
    FF = "FF", "FF: Female couple"
    MF = "MF", "MF: Mixed-sex couple"


class LegalStatusOfAdopters(models.TextChoices):
    """903 `LS_ADOPTR` (rule 177)."""

    L0 = "L0", "L0: Single"
    L11 = "L11", "L11: Married couple, different gender"
    L12 = "L12", "L12: Married couple, same gender"
    L2 = "L2", "L2: Civil partners"
    L3 = "L3", "L3: Unmarried couple, different gender"
    L4 = "L4", "L4: Same-gender couple, not married or civil partners"


class PermanenceOrderKind(models.TextChoices):
    """Orders that can end a period of care in permanence outside adoption."""

    SGO = "sgo", "Special guardianship order"
    CAO = "cao", "Child arrangements order"


class VisitSchedule(models.TextChoices):
    """Which visiting rule of reg 28 SI 2010/959 (or reg 48, short breaks) the placement follows.

    Standard is reg 28(2). The others are the variants the regulations set for particular
    placements; a worker chooses one when the placement is recorded.
    """

    STANDARD = (
        "standard",
        (
            "Standard: within a week, then at most 6-weekly in the first year (3-monthly after it "
            "if the placement is intended to last until 18)"
        ),
    )
    LONG_TERM_AGREED = (
        "long_term_agreed",
        (
            "Long-term foster placement: after the first year the child agreed to visits at most "
            "6 months apart"
        ),
    )
    PARENT_BEFORE_ASSESSMENT = (
        "parent_before_assessment",
        (
            "Placed with a parent before the assessment is complete: weekly until the first "
            "review, then at most 6-weekly"
        ),
    )
    CONNECTED_PERSON = (
        "connected_person",
        (
            "Connected person temporarily approved, or interim care order and living with a "
            "parent: weekly until the first review, then at most 4-weekly"
        ),
    )
    CARE_ORDER_WITH_PARENT = (
        "care_order_with_parent",
        ("Care order, living with a parent: within a week, then at most 6-weekly"),
    )
    SHORT_BREAKS = (
        "short_breaks",
        (
            "Series of short breaks: visits on days placed, at intervals agreed with the IRO and "
            "parents (no national timescale)"
        ),
    )
