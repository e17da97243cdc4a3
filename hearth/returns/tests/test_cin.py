"""The CIN census from known histories, compared element by element with hand-written XML."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.test import override_settings

from hearth.casework import services as casework
from hearth.casework.codes import ConferenceOutcome, PlanEndReason, ReasonForClosure
from hearth.returns.cin_xml import cin_census_from_xml, cin_census_to_xml
from hearth.returns.selectors import cin_census_build
from hearth.returns.tests.factories import (
    LONDON,
    assessment,
    child,
    conference_and_plan,
    front_door_worker,
    referral,
    referral_through_front_door,
    section47,
)
from hearth.returns.years import CollectionYear

pytestmark = pytest.mark.django_db

YEAR = CollectionYear(2026)
GENERATED_AT = dt.datetime(2026, 4, 15, 9, 0, 27, 123456, tzinfo=LONDON)


def canonical(xml: str) -> str:
    return ET.canonicalize(xml_data=xml, strip_text=True)


def build():
    return cin_census_build(collection=YEAR, generated_at=GENERATED_AT)


@pytest.fixture
def worker():
    return front_door_worker()


def test_collection_year_window():
    assert YEAR.start == dt.date(2025, 4, 1)
    assert YEAR.reference_date == dt.date(2026, 3, 31)
    assert YEAR.label == "2025-26"
    assert YEAR.contains(dt.date(2025, 4, 1))
    assert not YEAR.contains(dt.date(2026, 4, 1))


@override_settings(HEARTH_COUNCIL={"name": "Test", "dfe_la_number": "382"})
def test_child_protection_journey_matches_the_hand_written_return(worker):
    amara = child(worker, identifiers=[("upn", "V382432125001")])
    episode = referral_through_front_door(worker, amara, dt.date(2025, 6, 2))
    assessment(worker, episode, dt.date(2025, 6, 3), dt.date(2025, 7, 18), factors=("3B",))
    enquiry = section47(worker, episode, dt.date(2025, 6, 4))
    _, plan = conference_and_plan(worker, episode, enquiry, dt.date(2025, 6, 24))
    casework.rcpc_record(
        actor=worker,
        cp_plan=plan,
        held_on=dt.date(2025, 9, 22),
        outcome=ConferenceOutcome.PLAN,
        reason="Review",
    )

    xml = cin_census_to_xml(build())

    expected = f"""<?xml version="1.0" encoding="utf-8"?>
<Message>
  <Header>
    <CollectionDetails><Collection>CIN</Collection><Year>2026</Year>
      <ReferenceDate>2026-03-31</ReferenceDate></CollectionDetails>
    <Source><SourceLevel>L</SourceLevel><LEA>382</LEA><SoftwareCode>Hearth</SoftwareCode>
      <Release>{build().header.release}</Release><SerialNo>001</SerialNo>
      <DateTime>2026-04-15T09:00:27</DateTime></Source>
  </Header>
  <Children>
    <Child>
      <ChildIdentifiers><LAchildID>{amara.reference}</LAchildID><UPN>V382432125001</UPN>
        <PersonBirthDate>2015-06-01</PersonBirthDate><Sex>F</Sex></ChildIdentifiers>
      <ChildCharacteristics><Ethnicity>WBRI</Ethnicity>
        <Disabilities><Disability>NONE</Disability></Disabilities></ChildCharacteristics>
      <CINdetails>
        <CINreferralDate>2025-06-02</CINreferralDate><ReferralSource>6</ReferralSource>
        <PrimaryNeedCode>N1</PrimaryNeedCode>
        <Assessments><AssessmentActualStartDate>2025-06-03</AssessmentActualStartDate>
          <AssessmentAuthorisationDate>2025-07-18</AssessmentAuthorisationDate>
          <FactorsIdentifiedAtAssessment><AssessmentFactors>3B</AssessmentFactors>
          </FactorsIdentifiedAtAssessment></Assessments>
        <Section47><S47ActualStartDate>2025-06-04</S47ActualStartDate>
          <InitialCPCtarget>2025-06-25</InitialCPCtarget>
          <DateOfInitialCPC>2025-06-24</DateOfInitialCPC>
          <ICPCnotRequired>false</ICPCnotRequired></Section47>
        <ReferralNFA>false</ReferralNFA>
        <ChildProtectionPlans><CPPstartDate>2025-06-24</CPPstartDate>
          <InitialCategoryOfAbuse>EMO</InitialCategoryOfAbuse>
          <LatestCategoryOfAbuse>EMO</LatestCategoryOfAbuse>
          <NumberOfPreviousCPP>0</NumberOfPreviousCPP>
          <Reviews><CPPreviewDate>2025-09-22</CPPreviewDate></Reviews></ChildProtectionPlans>
      </CINdetails>
    </Child>
  </Children>
</Message>
"""
    assert xml.startswith('<?xml version="1.0" encoding="utf-8"?>\n<Message>')
    assert canonical(xml) == canonical(expected)
    # No namespace anywhere, and no empty elements (an empty date is invalid).
    root = ET.fromstring(xml)  # noqa: S314 - our own output
    assert all("}" not in element.tag for element in root.iter())
    assert all((element.text or "").strip() or len(element) for element in root.iter()), (
        "an element with neither text nor children"
    )


def test_scope_and_what_is_not_yet_known_at_the_reference_date(worker):
    # Closed before the year: not in the return.
    before = child(worker)
    old = referral(worker, before, dt.date(2024, 4, 1))
    casework.cin_episode_close(
        actor=worker,
        episode=old,
        closure_date=dt.date(2025, 3, 1),
        reason_for_closure=ReasonForClosure.RC7,
        reason="Closed",
    )
    # Referred after the reference date: not in the return.
    after = child(worker)
    referral(worker, after, dt.date(2026, 4, 2))

    # A referral with no further action, closed the same day; no UPN: UN7.
    nfa = child(worker, date_of_birth=dt.date(2023, 1, 10), sex="M")
    nfa_episode = referral(
        worker, nfa, dt.date(2025, 5, 10), source="2A", primary_need="", nfa=True
    )
    casework.cin_episode_close(
        actor=worker,
        episode=nfa_episode,
        closure_date=dt.date(2025, 5, 10),
        reason_for_closure=ReasonForClosure.RC7,
        reason="NFA",
    )

    # Closed after the reference date: shown open, with the plan that ended after it open too.
    # Former UPN only, aged 14: no UPN and no reason (the return says nothing).
    dan = child(
        worker,
        date_of_birth=dt.date(2012, 2, 10),
        sex="M",
        ethnicity="BAFR",
        disabilities=["MOB", "LD"],
        identifiers=[("former_upn", "J382432125002")],
    )
    dan_episode = referral(worker, dan, dt.date(2025, 10, 1), source="1A", primary_need="N2")
    assessment(
        worker, dan_episode, dt.date(2025, 10, 2), dt.date(2025, 10, 30), factors=("4B", "2B")
    )
    plan = casework.cin_plan_start(
        actor=worker, episode=dan_episode, start_date=dt.date(2025, 11, 1), reason="Plan"
    )
    casework.cin_plan_end(
        actor=worker, cin_plan=plan, end_date=dt.date(2026, 4, 30), reason="Plan ended"
    )
    casework.cin_episode_close(
        actor=worker,
        episode=dan_episode,
        closure_date=dt.date(2026, 5, 1),
        reason_for_closure=ReasonForClosure.RC7,
        reason="Closed",
    )

    # Unborn at the reference date and still: expected date, UN1, sex U, no disabilities.
    unborn = child(
        worker,
        date_of_birth=None,
        expected_date_of_birth=dt.date(2026, 5, 1),
        sex="U",
        ethnicity="NOBT",
        disabilities=[],
    )
    unborn_episode = referral(worker, unborn, dt.date(2026, 1, 10), source="3B")
    assessment(worker, unborn_episode, dt.date(2026, 1, 12))

    # Born after the reference date: unborn at it, so the birth date is the expected one.
    late = child(worker, date_of_birth=dt.date(2026, 4, 20), sex="F", disabilities=["NONE"])
    referral(worker, late, dt.date(2026, 2, 1), source="3B")

    xml = cin_census_to_xml(build())
    children = ET.fromstring(xml).find("Children")  # noqa: S314 - our own output
    assert children is not None

    expected = f"""<Children>
    <Child>
      <ChildIdentifiers><LAchildID>{nfa.reference}</LAchildID><UPNunknown>UN7</UPNunknown>
        <PersonBirthDate>2023-01-10</PersonBirthDate><Sex>M</Sex></ChildIdentifiers>
      <ChildCharacteristics><Ethnicity>WBRI</Ethnicity>
        <Disabilities><Disability>NONE</Disability></Disabilities></ChildCharacteristics>
      <CINdetails>
        <CINreferralDate>2025-05-10</CINreferralDate><ReferralSource>2A</ReferralSource>
        <CINclosureDate>2025-05-10</CINclosureDate><ReasonForClosure>RC7</ReasonForClosure>
        <ReferralNFA>true</ReferralNFA>
      </CINdetails>
    </Child>
    <Child>
      <ChildIdentifiers><LAchildID>{dan.reference}</LAchildID>
        <FormerUPN>J382432125002</FormerUPN>
        <PersonBirthDate>2012-02-10</PersonBirthDate><Sex>M</Sex></ChildIdentifiers>
      <ChildCharacteristics><Ethnicity>BAFR</Ethnicity>
        <Disabilities><Disability>MOB</Disability><Disability>LD</Disability></Disabilities>
      </ChildCharacteristics>
      <CINdetails>
        <CINreferralDate>2025-10-01</CINreferralDate><ReferralSource>1A</ReferralSource>
        <PrimaryNeedCode>N2</PrimaryNeedCode>
        <Assessments><AssessmentActualStartDate>2025-10-02</AssessmentActualStartDate>
          <AssessmentAuthorisationDate>2025-10-30</AssessmentAuthorisationDate>
          <FactorsIdentifiedAtAssessment><AssessmentFactors>4B</AssessmentFactors>
            <AssessmentFactors>2B</AssessmentFactors></FactorsIdentifiedAtAssessment>
        </Assessments>
        <CINPlanDates><CINPlanStartDate>2025-11-01</CINPlanStartDate></CINPlanDates>
        <ReferralNFA>false</ReferralNFA>
      </CINdetails>
    </Child>
    <Child>
      <ChildIdentifiers><LAchildID>{unborn.reference}</LAchildID><UPNunknown>UN1</UPNunknown>
        <ExpectedPersonBirthDate>2026-05-01</ExpectedPersonBirthDate><Sex>U</Sex>
      </ChildIdentifiers>
      <ChildCharacteristics><Ethnicity>NOBT</Ethnicity></ChildCharacteristics>
      <CINdetails>
        <CINreferralDate>2026-01-10</CINreferralDate><ReferralSource>3B</ReferralSource>
        <PrimaryNeedCode>N1</PrimaryNeedCode>
        <Assessments><AssessmentActualStartDate>2026-01-12</AssessmentActualStartDate>
        </Assessments>
        <ReferralNFA>false</ReferralNFA>
      </CINdetails>
    </Child>
    <Child>
      <ChildIdentifiers><LAchildID>{late.reference}</LAchildID><UPNunknown>UN1</UPNunknown>
        <ExpectedPersonBirthDate>2026-04-20</ExpectedPersonBirthDate><Sex>U</Sex>
      </ChildIdentifiers>
      <ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
      <CINdetails>
        <CINreferralDate>2026-02-01</CINreferralDate><ReferralSource>3B</ReferralSource>
        <PrimaryNeedCode>N1</PrimaryNeedCode>
        <ReferralNFA>false</ReferralNFA>
      </CINdetails>
    </Child>
  </Children>"""
    assert canonical(ET.tostring(children, encoding="unicode")) == canonical(expected)


def test_a_conference_without_an_enquiry_goes_at_episode_level(worker):
    person = child(worker)
    episode = referral(worker, person, dt.date(2025, 6, 2))
    assessment(worker, episode, dt.date(2025, 6, 3), dt.date(2025, 6, 20))
    conference_and_plan(worker, episode, None, dt.date(2025, 7, 1))

    (details,) = build().children[0].details
    assert details.date_of_initial_cpc == dt.date(2025, 7, 1)
    assert details.section47s == []
    assert details.cp_plans[0].start_date == dt.date(2025, 7, 1)


def test_the_xml_reads_back_to_the_same_return(worker):
    amara = child(worker, identifiers=[("upn", "V382432125001")])
    episode = referral_through_front_door(worker, amara, dt.date(2025, 6, 2))
    assessment(worker, episode, dt.date(2025, 6, 3), dt.date(2025, 7, 18), factors=("3B", "4B"))
    enquiry = section47(worker, episode, dt.date(2025, 6, 4))
    conference_and_plan(worker, episode, enquiry, dt.date(2025, 6, 24))

    built = build()
    read = cin_census_from_xml(cin_census_to_xml(built))

    # The record ids are Hearth's, not the file's; everything the file carries comes back.
    for child_built, child_read in zip(built.children, read.children, strict=True):
        child_read.person_id = child_built.person_id
        for d_built, d_read in zip(child_built.details, child_read.details, strict=True):
            d_read.episode_id = d_built.episode_id
            for group in ("assessments", "cin_plans", "section47s", "cp_plans"):
                for a, b in zip(getattr(d_built, group), getattr(d_read, group), strict=True):
                    b.record_id = a.record_id
    built.header.date_time = built.header.date_time.replace(microsecond=0, tzinfo=None)
    assert read == built


def test_reading_refuses_a_document_type_and_a_foreign_root():
    with pytest.raises(ValueError, match="document type"):
        cin_census_from_xml('<!DOCTYPE x [<!ENTITY a "b">]><Message/>')
    with pytest.raises(ValueError, match="Message"):
        cin_census_from_xml("<Other/>")
    with pytest.raises(ValueError, match="well-formed"):
        cin_census_from_xml("<Message>")


def test_ended_plans_a_second_plan_a_death_and_a_recorded_upn_reason(worker):
    # Pip: a plan in 2024 (closed before the year), then in the year an assessment, a CIN plan
    # that ended, a s47 that found no conference needed, a conference without an enquiry and a
    # second plan whose category changed at review and which ended; no UPN, educated abroad.
    pip = child(
        worker, date_of_birth=dt.date(2013, 4, 4), sex="M", ethnicity="WIRT",
        disabilities=["AUT"], upn_unknown_reason="UN3",
    )  # fmt: skip
    old = referral(worker, pip, dt.date(2024, 1, 8))
    assessment(worker, old, dt.date(2024, 1, 9), dt.date(2024, 2, 1))
    _, old_plan = conference_and_plan(worker, old, None, dt.date(2024, 2, 5))
    casework.cp_plan_end(
        actor=worker, cp_plan=old_plan, end_date=dt.date(2024, 8, 5),
        end_reason=PlanEndReason.NO_LONGER_AT_RISK, reason="Ended",
    )  # fmt: skip
    casework.cin_episode_close(
        actor=worker, episode=old, closure_date=dt.date(2024, 9, 1),
        reason_for_closure=ReasonForClosure.RC7, reason="Closed",
    )  # fmt: skip

    episode = referral(worker, pip, dt.date(2025, 5, 1), source="1A", primary_need="N2")
    assessment(worker, episode, dt.date(2025, 5, 2), dt.date(2025, 6, 10), factors=("16A",))
    cin_plan = casework.cin_plan_start(
        actor=worker, episode=episode, start_date=dt.date(2025, 6, 15), reason="Plan"
    )
    casework.cin_plan_end(
        actor=worker, cin_plan=cin_plan, end_date=dt.date(2025, 8, 31), reason="Plan ended"
    )
    enquiry = section47(worker, episode, dt.date(2025, 9, 1))
    casework.section47_complete(
        actor=worker, enquiry=enquiry, completed_on=dt.date(2025, 9, 10), icpc_required=False,
        reason="No conference needed",
    )  # fmt: skip
    _, plan = conference_and_plan(worker, episode, None, dt.date(2025, 10, 1), "NEG")
    casework.rcpc_record(
        actor=worker, cp_plan=plan, held_on=dt.date(2025, 12, 22),
        outcome=ConferenceOutcome.PLAN, latest_category="EMO", reason="Review",
    )  # fmt: skip
    casework.cp_plan_end(
        actor=worker, cp_plan=plan, end_date=dt.date(2026, 2, 20),
        end_reason=PlanEndReason.NO_LONGER_AT_RISK, reason="Ended",
    )  # fmt: skip
    casework.cin_episode_close(
        actor=worker, episode=episode, closure_date=dt.date(2026, 3, 2),
        reason_for_closure=ReasonForClosure.RC7, reason="Closed",
    )  # fmt: skip

    # Rae: died during the year; the episode closed that day with RC2.
    rae = child(
        worker, date_of_birth=dt.date(2010, 1, 1), date_of_death=dt.date(2026, 2, 1), sex="F",
        ethnicity="CHNE", identifiers=[("upn", "V382432125001")],
    )  # fmt: skip
    rae_episode = referral(worker, rae, dt.date(2025, 4, 10), source="3A", primary_need="N3")
    assessment(worker, rae_episode, dt.date(2025, 4, 11), dt.date(2025, 5, 20), factors=("6A",))
    casework.cin_episode_close(
        actor=worker, episode=rae_episode, closure_date=dt.date(2026, 2, 1),
        reason_for_closure=ReasonForClosure.RC2, reason="Died",
    )  # fmt: skip

    children = ET.fromstring(cin_census_to_xml(build())).find("Children")  # noqa: S314
    assert children is not None
    expected = f"""<Children>
    <Child>
      <ChildIdentifiers><LAchildID>{pip.reference}</LAchildID><UPNunknown>UN3</UPNunknown>
        <PersonBirthDate>2013-04-04</PersonBirthDate><Sex>M</Sex></ChildIdentifiers>
      <ChildCharacteristics><Ethnicity>WIRT</Ethnicity>
        <Disabilities><Disability>AUT</Disability></Disabilities></ChildCharacteristics>
      <CINdetails>
        <CINreferralDate>2025-05-01</CINreferralDate><ReferralSource>1A</ReferralSource>
        <PrimaryNeedCode>N2</PrimaryNeedCode>
        <CINclosureDate>2026-03-02</CINclosureDate><ReasonForClosure>RC7</ReasonForClosure>
        <DateOfInitialCPC>2025-10-01</DateOfInitialCPC>
        <Assessments><AssessmentActualStartDate>2025-05-02</AssessmentActualStartDate>
          <AssessmentAuthorisationDate>2025-06-10</AssessmentAuthorisationDate>
          <FactorsIdentifiedAtAssessment><AssessmentFactors>16A</AssessmentFactors>
          </FactorsIdentifiedAtAssessment></Assessments>
        <CINPlanDates><CINPlanStartDate>2025-06-15</CINPlanStartDate>
          <CINPlanEndDate>2025-08-31</CINPlanEndDate></CINPlanDates>
        <Section47><S47ActualStartDate>2025-09-01</S47ActualStartDate>
          <InitialCPCtarget>2025-09-22</InitialCPCtarget>
          <ICPCnotRequired>true</ICPCnotRequired></Section47>
        <ReferralNFA>false</ReferralNFA>
        <ChildProtectionPlans><CPPstartDate>2025-10-01</CPPstartDate>
          <CPPendDate>2026-02-20</CPPendDate>
          <InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse>
          <LatestCategoryOfAbuse>EMO</LatestCategoryOfAbuse>
          <NumberOfPreviousCPP>1</NumberOfPreviousCPP>
          <Reviews><CPPreviewDate>2025-12-22</CPPreviewDate></Reviews></ChildProtectionPlans>
      </CINdetails>
    </Child>
    <Child>
      <ChildIdentifiers><LAchildID>{rae.reference}</LAchildID><UPN>V382432125001</UPN>
        <PersonBirthDate>2010-01-01</PersonBirthDate><Sex>F</Sex>
        <PersonDeathDate>2026-02-01</PersonDeathDate></ChildIdentifiers>
      <ChildCharacteristics><Ethnicity>CHNE</Ethnicity>
        <Disabilities><Disability>NONE</Disability></Disabilities></ChildCharacteristics>
      <CINdetails>
        <CINreferralDate>2025-04-10</CINreferralDate><ReferralSource>3A</ReferralSource>
        <PrimaryNeedCode>N3</PrimaryNeedCode>
        <CINclosureDate>2026-02-01</CINclosureDate><ReasonForClosure>RC2</ReasonForClosure>
        <Assessments><AssessmentActualStartDate>2025-04-11</AssessmentActualStartDate>
          <AssessmentAuthorisationDate>2025-05-20</AssessmentAuthorisationDate>
          <FactorsIdentifiedAtAssessment><AssessmentFactors>6A</AssessmentFactors>
          </FactorsIdentifiedAtAssessment></Assessments>
        <ReferralNFA>false</ReferralNFA>
      </CINdetails>
    </Child>
  </Children>"""
    assert canonical(ET.tostring(children, encoding="unicode")) == canonical(expected)
