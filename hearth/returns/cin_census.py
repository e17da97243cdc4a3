"""The CIN census as typed Python values: what the XML says, element for element.

`hearth.returns.selectors.cin_census_build` fills these from the statutory record;
`hearth.returns.cin_xml` writes them as the DfE's XML and reads such a file back; the validation
(`hearth.returns.cin_validation`) runs over them, so a return is checked exactly as it will be
sent, and a file produced elsewhere can be checked the same way.

Values are as the return carries them: codes are strings (an invalid code stays what it is, so
the validation can name it), and anything optional or missing is None (or empty). The `*_id`
fields say which Hearth record each part came from, so a failure can point at it; they are None
for a file read back from XML.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass
class Header:
    """`Header`: `CollectionDetails` and `Source`."""

    collection: str
    year: int | None
    reference_date: dt.date | None
    source_level: str
    lea: str
    software_code: str
    release: str
    serial_no: str
    date_time: dt.datetime | None


@dataclass
class Assessment:
    """`Assessments`: `AssessmentAuthorisationDate` is the assessment's end."""

    actual_start_date: dt.date | None
    authorisation_date: dt.date | None = None
    factors: list[str] = field(default_factory=list)
    internal_review_date: dt.date | None = None
    record_id: int | None = None


@dataclass
class CINPlan:
    """`CINPlanDates`."""

    start_date: dt.date | None
    end_date: dt.date | None = None
    record_id: int | None = None


@dataclass
class Section47:
    """`Section47`: the enquiry, its conference target and the conference (or none needed)."""

    actual_start_date: dt.date | None
    initial_cpc_target: dt.date | None = None
    date_of_initial_cpc: dt.date | None = None
    icpc_not_required: bool | None = False
    record_id: int | None = None


@dataclass
class CPPlan:
    """`ChildProtectionPlans`, with the review conferences held in the year."""

    start_date: dt.date | None
    initial_category: str
    latest_category: str
    number_of_previous_cpp: int | None
    end_date: dt.date | None = None
    review_dates: list[dt.date | None] = field(default_factory=list)
    record_id: int | None = None


@dataclass
class CINDetails:
    """`CINdetails`: one CIN episode, from referral to closure."""

    referral_date: dt.date | None
    referral_source: str
    referral_nfa: bool | None
    primary_need_code: str = ""
    closure_date: dt.date | None = None
    reason_for_closure: str = ""
    # A conference held without a section 47 enquiry in the episode (never both: rule 2884).
    date_of_initial_cpc: dt.date | None = None
    assessments: list[Assessment] = field(default_factory=list)
    cin_plans: list[CINPlan] = field(default_factory=list)
    section47s: list[Section47] = field(default_factory=list)
    cp_plans: list[CPPlan] = field(default_factory=list)
    episode_id: int | None = None

    @property
    def is_open(self) -> bool:
        return self.closure_date is None


@dataclass
class Child:
    """`Child`: `ChildIdentifiers`, `ChildCharacteristics` and the child's `CINdetails`."""

    la_child_id: str
    sex: str
    ethnicity: str
    upn: str = ""
    former_upn: str = ""
    upn_unknown: str = ""
    birth_date: dt.date | None = None
    expected_birth_date: dt.date | None = None
    death_date: dt.date | None = None
    disabilities: list[str] = field(default_factory=list)
    details: list[CINDetails] = field(default_factory=list)
    person_id: int | None = None

    @property
    def is_unborn(self) -> bool:
        return self.birth_date is None and self.expected_birth_date is not None


@dataclass
class CINCensus:
    """A whole CIN census return."""

    header: Header
    children: list[Child] = field(default_factory=list)
