"""Code lists for the front door, as the CIN census and Annex A define them (returns.md 3.5)."""

from __future__ import annotations

from django.db import models


class ReferralSource(models.TextChoices):
    """CIN census `ReferralSource` (rule 8866); also Annex A List 1 "Contact Source"."""

    FAMILY = "1A", "Individual: family member, relative or carer"
    ACQUAINTANCE = "1B", "Individual: acquaintance, including neighbours and child minders"
    SELF = "1C", "Individual: self"
    OTHER_INDIVIDUAL = "1D", "Individual: other"
    SCHOOLS = "2A", "Schools"
    EDUCATION_SERVICES = "2B", "Education services"
    GP = "3A", "Health services: GP"
    HEALTH_VISITOR = "3B", "Health services: health visitor"
    SCHOOL_NURSE = "3C", "Health services: school nurse"
    OTHER_PRIMARY_HEALTH = "3D", "Health services: other primary health services"
    A_AND_E = "3E", "Health services: A&E"
    OTHER_HEALTH = "3F", "Health services: other"
    HOUSING = "4", "Housing"
    LA_SOCIAL_CARE = "5A", "LA services: social care"
    LA_OTHER_INTERNAL = "5B", "LA services: other internal"
    LA_EXTERNAL = "5C", "LA services: external, e.g. from another council"
    LA_EARLY_HELP = "5D", "LA services: early help"
    POLICE = "6", "Police"
    OTHER_LEGAL = "7", "Other legal agency"
    OTHER = "8", "Other"
    ANONYMOUS = "9", "Anonymous"
    UNKNOWN = "10", "Unknown"


class ContactInvolvement(models.TextChoices):
    """How an adult or another child is involved in a contact that is not about them."""

    PARENT_OR_CARER = "parent_carer", "Parent or carer"
    HOUSEHOLD_MEMBER = "household", "Member of the household"
    ALLEGED_TO_HARM = "alleged_harm", "Person alleged to have caused harm"
    REFERRER = "referrer", "Referrer"
    OTHER = "other", "Other"


class Agency(models.TextChoices):
    """Partner agencies that share information in the MASH or join a strategy discussion."""

    CHILDRENS_SOCIAL_CARE = "csc", "Children's social care"
    POLICE = "police", "Police"
    HEALTH = "health", "Health"
    EDUCATION = "education", "Education"
    PROBATION = "probation", "Probation"
    HOUSING = "housing", "Housing"
    OTHER = "other", "Other"


# The agencies whose checks the MASH gathers (children's social care is the MASH's own record).
MASH_AGENCIES = (
    Agency.POLICE,
    Agency.HEALTH,
    Agency.EDUCATION,
    Agency.PROBATION,
    Agency.HOUSING,
    Agency.OTHER,
)


class RagRating(models.TextChoices):
    """The MASH urgency rating; each MASH protocol sets its own thresholds (domain.md 7)."""

    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"


class ContactOutcome(models.TextChoices):
    """What the front door decided for one child named in a contact (domain.md 2, step 1)."""

    NO_FURTHER_ACTION = "nfa", "No further action"
    INFORMATION_AND_ADVICE = "advice", "Information and advice"
    EARLY_HELP = "early_help", "Early help"
    REFERRAL = "referral", "Referral to children's social care"
    STRATEGY_DISCUSSION = "strategy", "Strategy discussion"


# Outcomes that open a CIN episode (a referral in the CIN census).
OUTCOMES_OPENING_REFERRAL = (ContactOutcome.REFERRAL, ContactOutcome.STRATEGY_DISCUSSION)
