"""Code lists for the child in need and child protection record (returns.md 3.5, domain.md 6)."""

from __future__ import annotations

from django.db import models


class PrimaryNeedCode(models.TextChoices):
    """CIN census `PrimaryNeedCode` (rule 8650); N1 to N8 are the 903 category of need too."""

    N0 = "N0", "Not stated"
    N1 = "N1", "Abuse or neglect"
    N2 = "N2", "Child's disability"
    N3 = "N3", "Parental illness or disability"
    N4 = "N4", "Family in acute stress"
    N5 = "N5", "Family dysfunction"
    N6 = "N6", "Socially unacceptable behaviour"
    N7 = "N7", "Low income"
    N8 = "N8", "Absent parenting"
    N9 = "N9", "Cases other than children in need"


class ReasonForClosure(models.TextChoices):
    """CIN census `ReasonForClosure` (rule 8640)."""

    RC1 = "RC1", "Adopted"
    RC2 = "RC2", "Died"
    RC3 = "RC3", "Child arrangements order"
    RC4 = "RC4", "Special guardianship order"
    RC5 = "RC5", "Transferred to another council"
    RC6 = "RC6", "Transferred to adult social care"
    RC7 = "RC7", "Services ceased for any other reason, including no longer in need"
    RC8 = "RC8", "Case closed after assessment, no further action"
    RC9 = "RC9", "Case closed after assessment, referred to early help"


class AssessmentFactor(models.TextChoices):
    """CIN census `AssessmentFactors`: A about the child, B a parent or carer, C another person."""

    F1A = "1A", "Alcohol misuse: child"
    F1B = "1B", "Alcohol misuse: parent or carer"
    F1C = "1C", "Alcohol misuse: another person in the household"
    F2A = "2A", "Drug misuse: child"
    F2B = "2B", "Drug misuse: parent or carer"
    F2C = "2C", "Drug misuse: another person in the household"
    F3A = "3A", "Domestic abuse: child"
    F3B = "3B", "Domestic abuse: parent or carer"
    F3C = "3C", "Domestic abuse: another person in the household"
    F4A = "4A", "Mental health: child"
    F4B = "4B", "Mental health: parent or carer"
    F4C = "4C", "Mental health: another person in the household"
    F5A = "5A", "Learning disability: child"
    F5B = "5B", "Learning disability: parent or carer"
    F5C = "5C", "Learning disability: another person in the household"
    F6A = "6A", "Physical disability or illness: child"
    F6B = "6B", "Physical disability or illness: parent or carer"
    F6C = "6C", "Physical disability or illness: another person in the household"
    F7A = "7A", "Young carer"
    F8B = "8B", "Privately fostered: overseas child, parents overseas"
    F8C = "8C", "Privately fostered: overseas child, parents in the UK"
    F8D = "8D", "Privately fostered: UK child, education"
    F8E = "8E", "Privately fostered: UK child, family or relationship breakdown"
    F8F = "8F", "Privately fostered: UK child, other"
    F9A = "9A", "Unaccompanied asylum-seeking child"
    F10A = "10A", "Going or being missing"
    F11A = "11A", "Child sexual exploitation"
    F12A = "12A", "Trafficking"
    F13A = "13A", "Gangs"
    F14A = "14A", "Socially unacceptable behaviour"
    F15A = "15A", "Self-harm"
    F16A = "16A", "Neglect"
    F17A = "17A", "Emotional abuse"
    F18B = "18B", "Physical abuse: child on child"
    F18C = "18C", "Physical abuse: adult on child"
    F19B = "19B", "Sexual abuse: child on child"
    F19C = "19C", "Sexual abuse: adult on child"
    F20 = "20", "Other"
    F21 = "21", "No factors identified"
    F22A = "22A", "Female genital mutilation"
    F23A = "23A", "Abuse linked to faith or belief"
    F24A = "24A", "Child criminal exploitation"


# Factor 21 "no factors identified" cannot be combined with any other (rule 8869).
NO_FACTORS = AssessmentFactor.F21


class AssessmentOutcome(models.TextChoices):
    """What the child and family assessment concluded (domain.md 2, step 3)."""

    NO_FURTHER_ACTION = "nfa", "No further action"
    EARLY_HELP = "early_help", "Early help"
    CHILD_IN_NEED = "cin", "Child in need plan"
    STRATEGY_DISCUSSION = "strategy", "Strategy discussion (possible s47)"
    LOOKED_AFTER = "looked_after", "Child to become looked after"


class CategoryOfAbuse(models.TextChoices):
    """CIN census `InitialCategoryOfAbuse` and `LatestCategoryOfAbuse` (rules 8905, 8910)."""

    NEG = "NEG", "Neglect"
    PHY = "PHY", "Physical abuse"
    EMO = "EMO", "Emotional abuse"
    SAB = "SAB", "Sexual abuse"
    MUL = "MUL", "Multiple"


class ConferenceKind(models.TextChoices):
    INITIAL = "initial", "Initial child protection conference"
    REVIEW = "review", "Review child protection conference"


class ConferenceOutcome(models.TextChoices):
    """An ICPC decides whether a plan starts; a review, whether the plan continues."""

    PLAN = "plan", "Child protection plan"
    NO_PLAN = "no_plan", "No child protection plan"


class PlanEndReason(models.TextChoices):
    """Why a child protection plan ended (Annex A List 7 end date; reason kept for practice)."""

    NO_LONGER_AT_RISK = "no_longer_at_risk", "No longer at continuing risk of significant harm"
    LOOKED_AFTER = "looked_after", "Became looked after"
    MOVED_AWAY = "moved_away", "Moved to another council"
    ADULT = "adult", "Reached 18"
    DIED = "died", "Died"
    OTHER = "other", "Other"


class VisitKind(models.TextChoices):
    """Why a child was visited; looked-after visits come with the looked-after record."""

    ASSESSMENT = "assessment", "Assessment visit"
    CHILD_IN_NEED = "cin", "Child in need visit"
    CHILD_PROTECTION = "cp", "Child protection visit"
    LOOKED_AFTER = "lac", "Statutory looked-after child visit"
    OTHER = "other", "Other visit"


class CaseNoteKind(models.TextChoices):
    """What a case note records."""

    CONTACT_WITH_FAMILY = "family", "Contact with the child or family"
    PROFESSIONAL = "professional", "Contact with another professional"
    MANAGEMENT = "management", "Management oversight"
    SUPERVISION = "supervision", "Supervision"
    OTHER = "other", "Other"
