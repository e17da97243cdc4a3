"""Code lists for people, as the DfE returns define them (returns.md, domain.md section 6)."""

from __future__ import annotations

from django.db import models


class Sex(models.TextChoices):
    """Sex as recorded for the returns (903 SEX 1/2; CIN census adds not known / not stated)."""

    MALE = "M", "Male"
    FEMALE = "F", "Female"
    NOT_KNOWN = "U", "Not known"
    NOT_STATED = "N", "Not stated"


class Ethnicity(models.TextChoices):
    """DfE ethnicity codes (CIN census and SSDA903)."""

    WBRI = "WBRI", "White British"
    WIRI = "WIRI", "White Irish"
    WIRT = "WIRT", "Traveller of Irish heritage"
    WOTH = "WOTH", "Any other White background"
    WROM = "WROM", "Gypsy/Roma"
    MWBC = "MWBC", "White and Black Caribbean"
    MWBA = "MWBA", "White and Black African"
    MWAS = "MWAS", "White and Asian"
    MOTH = "MOTH", "Any other mixed background"
    AIND = "AIND", "Indian"
    APKN = "APKN", "Pakistani"
    ABAN = "ABAN", "Bangladeshi"
    AOTH = "AOTH", "Any other Asian background"
    BCRB = "BCRB", "Caribbean"
    BAFR = "BAFR", "African"
    BOTH = "BOTH", "Any other Black background"
    CHNE = "CHNE", "Chinese"
    OOTH = "OOTH", "Any other ethnic group"
    REFU = "REFU", "Refused"
    NOBT = "NOBT", "Information not yet obtained"


class Disability(models.TextChoices):
    """CIN census disability codes; a child may have several."""

    NONE = "NONE", "No disability"
    MOB = "MOB", "Mobility"
    HAND = "HAND", "Hand function"
    PC = "PC", "Personal care"
    INC = "INC", "Incontinence"
    COMM = "COMM", "Communication"
    LD = "LD", "Learning"
    HEAR = "HEAR", "Hearing"
    VIS = "VIS", "Vision"
    BEH = "BEH", "Behaviour"
    CON = "CON", "Consciousness"
    AUT = "AUT", "Diagnosed with autism or Asperger syndrome"
    DDA = "DDA", "Other disability under the Equality Act 2010"


class GenderIdentity(models.TextChoices):
    SAME_AS_SEX = "same", "Same as sex registered at birth"
    DIFFERENT = "different", "Different from sex registered at birth"
    NOT_KNOWN = "not_known", "Not known"
    PREFER_NOT = "not_stated", "Prefers not to say"


class Religion(models.TextChoices):
    NONE = "none", "No religion"
    BUDDHIST = "buddhist", "Buddhist"
    CHRISTIAN = "christian", "Christian"
    HINDU = "hindu", "Hindu"
    JEWISH = "jewish", "Jewish"
    MUSLIM = "muslim", "Muslim"
    SIKH = "sikh", "Sikh"
    OTHER = "other", "Any other religion"
    NOT_STATED = "not_stated", "Not stated"
    NOT_KNOWN = "not_known", "Not known"


class IdentifierKind(models.TextChoices):
    NHS = "nhs", "NHS number"
    UPN = "upn", "Unique pupil number"
    FORMER_UPN = "former_upn", "Former unique pupil number"
    ULN = "uln", "Unique learner number"


class UPNUnknownReason(models.TextChoices):
    """Why a child has no unique pupil number: 903 `UPN` (rule 168) and CIN `UPNunknown`.

    The CIN census adds UN6 and UN7; UN7 (referral with no further action) is derived from the
    record when the census is built, never recorded here.
    """

    UN1 = "UN1", "UN1: Not of school age and has not yet got a UPN"
    UN2 = "UN2", "UN2: Has never attended a maintained school in England"
    UN3 = "UN3", "UN3: Educated outside England"
    UN4 = "UN4", "UN4: Newly looked after and the UPN is not yet known"
    UN5 = "UN5", "UN5: Differences in the sources mean the UPN cannot be matched reliably"


class NameKind(models.TextChoices):
    """Why a person has a name other than their current one."""

    FORMER = "former", "Former name"
    ALIAS = "alias", "Also known as"
    BIRTH = "birth", "Name at birth"


class ContactKind(models.TextChoices):
    MOBILE = "mobile", "Mobile phone"
    PHONE = "phone", "Landline"
    EMAIL = "email", "Email"


class GroupKind(models.TextChoices):
    FAMILY = "family", "Family"
    HOUSEHOLD = "household", "Household"
