"""The CIN census XML (returns.md 3.1-3.2): write a `CINCensus`, and read such a file back.

Elements come in schema order, with no namespace; optional elements with no value are left out
(an empty date element is invalid). Dates are ISO `YYYY-MM-DD`; booleans are written `true` /
`false` (and read as `true/false/1/0`).

Reading is lenient on purpose: a value that is not a date or a number becomes None (so the
validation reports it as missing or invalid under the DfE rule), and codes are kept as written.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET  # noqa: S405 - parsing is guarded below, writing is safe

from django.utils import timezone

from hearth.returns.cin_census import (
    Assessment,
    CINCensus,
    CINDetails,
    CINPlan,
    CPPlan,
    Header,
    Section47,
)
from hearth.returns.cin_census import Child as CensusChild

_XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n'


def _add(parent: ET.Element, tag: str, value: object = None) -> ET.Element:
    element = ET.SubElement(parent, tag)
    if value is not None:
        element.text = _text(value)
    return element


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        return local.replace(microsecond=0, tzinfo=None).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _optional(parent: ET.Element, tag: str, value: object) -> None:
    """Add `tag` only when it has a value: the schema refuses empty optional elements."""
    if value is not None and value != "":
        _add(parent, tag, value)


def _header(parent: ET.Element, header: Header) -> None:
    element = _add(parent, "Header")
    details = _add(element, "CollectionDetails")
    _add(details, "Collection", header.collection)
    _optional(details, "Year", header.year)
    _optional(details, "ReferenceDate", header.reference_date)
    source = _add(element, "Source")
    _add(source, "SourceLevel", header.source_level)
    _add(source, "LEA", header.lea)
    _add(source, "SoftwareCode", header.software_code)
    _add(source, "Release", header.release)
    _add(source, "SerialNo", header.serial_no)
    _optional(source, "DateTime", header.date_time)


def _details(parent: ET.Element, details: CINDetails) -> None:
    element = _add(parent, "CINdetails")
    _optional(element, "CINreferralDate", details.referral_date)
    _add(element, "ReferralSource", details.referral_source)
    _optional(element, "PrimaryNeedCode", details.primary_need_code)
    _optional(element, "CINclosureDate", details.closure_date)
    _optional(element, "ReasonForClosure", details.reason_for_closure)
    _optional(element, "DateOfInitialCPC", details.date_of_initial_cpc)
    for assessment in details.assessments:
        block = _add(element, "Assessments")
        _optional(block, "AssessmentActualStartDate", assessment.actual_start_date)
        _optional(block, "AssessmentInternalReviewDate", assessment.internal_review_date)
        _optional(block, "AssessmentAuthorisationDate", assessment.authorisation_date)
        if assessment.factors:
            factors = _add(block, "FactorsIdentifiedAtAssessment")
            for factor in assessment.factors:
                _add(factors, "AssessmentFactors", factor)
    for plan in details.cin_plans:
        block = _add(element, "CINPlanDates")
        _optional(block, "CINPlanStartDate", plan.start_date)
        _optional(block, "CINPlanEndDate", plan.end_date)
    for enquiry in details.section47s:
        block = _add(element, "Section47")
        _optional(block, "S47ActualStartDate", enquiry.actual_start_date)
        _optional(block, "InitialCPCtarget", enquiry.initial_cpc_target)
        _optional(block, "DateOfInitialCPC", enquiry.date_of_initial_cpc)
        _optional(block, "ICPCnotRequired", enquiry.icpc_not_required)
    _optional(element, "ReferralNFA", details.referral_nfa)
    for cp_plan in details.cp_plans:
        block = _add(element, "ChildProtectionPlans")
        _optional(block, "CPPstartDate", cp_plan.start_date)
        _optional(block, "CPPendDate", cp_plan.end_date)
        _add(block, "InitialCategoryOfAbuse", cp_plan.initial_category)
        _add(block, "LatestCategoryOfAbuse", cp_plan.latest_category)
        _optional(block, "NumberOfPreviousCPP", cp_plan.number_of_previous_cpp)
        if cp_plan.review_dates:
            reviews = _add(block, "Reviews")
            for review in cp_plan.review_dates:
                _add(reviews, "CPPreviewDate", review)


def _child(parent: ET.Element, child: CensusChild) -> None:
    element = _add(parent, "Child")
    identifiers = _add(element, "ChildIdentifiers")
    _add(identifiers, "LAchildID", child.la_child_id)
    _optional(identifiers, "UPN", child.upn)
    _optional(identifiers, "FormerUPN", child.former_upn)
    _optional(identifiers, "UPNunknown", child.upn_unknown)
    _optional(identifiers, "PersonBirthDate", child.birth_date)
    _optional(identifiers, "ExpectedPersonBirthDate", child.expected_birth_date)
    _add(identifiers, "Sex", child.sex)
    _optional(identifiers, "PersonDeathDate", child.death_date)
    characteristics = _add(element, "ChildCharacteristics")
    _add(characteristics, "Ethnicity", child.ethnicity)
    if child.disabilities:
        disabilities = _add(characteristics, "Disabilities")
        for code in child.disabilities:
            _add(disabilities, "Disability", code)
    for details in child.details:
        _details(element, details)


def cin_census_to_xml(census: CINCensus) -> str:
    """The return as the DfE's XML document (UTF-8 text, indented, with its declaration)."""
    message = ET.Element("Message")
    _header(message, census.header)
    children = _add(message, "Children")
    for child in census.children:
        _child(children, child)
    ET.indent(message, space="  ")
    return _XML_DECLARATION + ET.tostring(message, encoding="unicode") + "\n"


# --- Reading ------------------------------------------------------------------------------------


def _find(element: ET.Element, tag: str) -> str:
    found = element.find(tag)
    return (found.text or "").strip() if found is not None else ""


def _date(element: ET.Element, tag: str) -> dt.date | None:
    return _parse_date(_find(element, tag))


def _parse_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _bool(element: ET.Element, tag: str) -> bool | None:
    return {"true": True, "1": True, "false": False, "0": False}.get(_find(element, tag).lower())


def _int(element: ET.Element, tag: str) -> int | None:
    text = _find(element, tag)
    return int(text) if text.isdigit() else None


def _read_details(element: ET.Element) -> CINDetails:
    return CINDetails(
        referral_date=_date(element, "CINreferralDate"),
        referral_source=_find(element, "ReferralSource"),
        referral_nfa=_bool(element, "ReferralNFA"),
        primary_need_code=_find(element, "PrimaryNeedCode"),
        closure_date=_date(element, "CINclosureDate"),
        reason_for_closure=_find(element, "ReasonForClosure"),
        date_of_initial_cpc=_date(element, "DateOfInitialCPC"),
        assessments=[
            Assessment(
                actual_start_date=_date(block, "AssessmentActualStartDate"),
                internal_review_date=_date(block, "AssessmentInternalReviewDate"),
                authorisation_date=_date(block, "AssessmentAuthorisationDate"),
                factors=[
                    (factor.text or "").strip()
                    for factor in block.findall("FactorsIdentifiedAtAssessment/AssessmentFactors")
                ],
            )
            for block in element.findall("Assessments")
        ],
        cin_plans=[
            CINPlan(
                start_date=_date(block, "CINPlanStartDate"),
                end_date=_date(block, "CINPlanEndDate"),
            )
            for block in element.findall("CINPlanDates")
        ],
        section47s=[
            Section47(
                actual_start_date=_date(block, "S47ActualStartDate"),
                initial_cpc_target=_date(block, "InitialCPCtarget"),
                date_of_initial_cpc=_date(block, "DateOfInitialCPC"),
                icpc_not_required=_bool(block, "ICPCnotRequired"),
            )
            for block in element.findall("Section47")
        ],
        cp_plans=[
            CPPlan(
                start_date=_date(block, "CPPstartDate"),
                end_date=_date(block, "CPPendDate"),
                initial_category=_find(block, "InitialCategoryOfAbuse"),
                latest_category=_find(block, "LatestCategoryOfAbuse"),
                number_of_previous_cpp=_int(block, "NumberOfPreviousCPP"),
                review_dates=[
                    _parse_date((review.text or "").strip())
                    for review in block.findall("Reviews/CPPreviewDate")
                ],
            )
            for block in element.findall("ChildProtectionPlans")
        ],
    )


def _read_child(element: ET.Element) -> CensusChild:
    identifiers = element.find("ChildIdentifiers")
    characteristics = element.find("ChildCharacteristics")
    ids = identifiers if identifiers is not None else ET.Element("ChildIdentifiers")
    chars = characteristics if characteristics is not None else ET.Element("ChildCharacteristics")
    return CensusChild(
        la_child_id=_find(ids, "LAchildID"),
        upn=_find(ids, "UPN"),
        former_upn=_find(ids, "FormerUPN"),
        upn_unknown=_find(ids, "UPNunknown"),
        birth_date=_date(ids, "PersonBirthDate"),
        expected_birth_date=_date(ids, "ExpectedPersonBirthDate"),
        sex=_find(ids, "Sex"),
        death_date=_date(ids, "PersonDeathDate"),
        ethnicity=_find(chars, "Ethnicity"),
        disabilities=[
            (code.text or "").strip() for code in chars.findall("Disabilities/Disability")
        ],
        details=[_read_details(block) for block in element.findall("CINdetails")],
    )


def cin_census_from_xml(document: str | bytes) -> CINCensus:
    """Read a CIN census XML document back into a `CINCensus` (for validating a file).

    Raises `ValueError` when the document is not XML or its root is not `Message`.
    """
    if isinstance(document, str) and "<!DOCTYPE" in document.upper():
        raise ValueError("A CIN census file has no document type declaration.")
    if isinstance(document, bytes) and b"<!DOCTYPE" in document.upper():
        raise ValueError("A CIN census file has no document type declaration.")
    try:
        # Entity declarations live in a DOCTYPE, refused above, so no entity expansion can happen.
        root = ET.fromstring(document)  # noqa: S314
    except ET.ParseError as error:
        raise ValueError(f"The file is not well-formed XML: {error}") from error
    if root.tag != "Message":
        raise ValueError("A CIN census file starts with a Message element.")
    header = root.find("Header")
    head = header if header is not None else ET.Element("Header")
    date_time_text = _find(head, "Source/DateTime")
    try:
        date_time = dt.datetime.fromisoformat(date_time_text) if date_time_text else None
    except ValueError:
        date_time = None
    year_text = _find(head, "CollectionDetails/Year")
    return CINCensus(
        header=Header(
            collection=_find(head, "CollectionDetails/Collection"),
            year=int(year_text) if year_text.isdigit() else None,
            reference_date=_date(head, "CollectionDetails/ReferenceDate"),
            source_level=_find(head, "Source/SourceLevel"),
            lea=_find(head, "Source/LEA"),
            software_code=_find(head, "Source/SoftwareCode"),
            release=_find(head, "Source/Release"),
            serial_no=_find(head, "Source/SerialNo"),
            date_time=date_time,
        ),
        children=[_read_child(child) for child in root.findall("Children/Child")],
    )
