"""Annex A lists and the xlsx writer: the workbook opens as a zip of well-formed parts with the
lists' columns and the child's values."""

import datetime as dt
import io
import xml.etree.ElementTree as ET
import zipfile
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hearth.casework import services as casework
from hearth.casework.tests.factories import TeamFactory, team_worker
from hearth.frontdoor.codes import ContactOutcome
from hearth.frontdoor.services import contact_decision_record, contact_record
from hearth.lookedafter import services as la
from hearth.lookedafter.tests.factories import foster_placement
from hearth.returns.annex_a import annex_a_sheets
from hearth.returns.tests.factories import LONDON, child, front_door_worker
from hearth.returns.tests.test_command import history
from hearth.returns.xlsx import Sheet, column_letter, sheet_name, workbook_bytes

D = dt.date
NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


def cells(book: bytes, index: int) -> list[list[str]]:
    with zipfile.ZipFile(io.BytesIO(book)) as archive:
        root = ET.fromstring(archive.read(f"xl/worksheets/sheet{index}.xml"))  # noqa: S314
    return [
        ["".join(c.itertext()) for c in row.iterfind("m:c", NS)]
        for row in root.iterfind("m:sheetData/m:row", NS)
    ]


def test_column_letters_and_sheet_names():
    assert [column_letter(i) for i in (0, 25, 26, 27, 701, 702)] == [
        "A",
        "Z",
        "AA",
        "AB",
        "ZZ",
        "AAA",
    ]
    assert (
        sheet_name("List 5: S47/ICPC [all] and a very long name")
        == "List 5  S47 ICPC  all  and a ve"
    )


def test_workbook_parts_are_well_formed_and_values_typed():
    book = workbook_bytes(
        [Sheet("One", ["Name", "Born", "Age"], [["A & B <c>", dt.date(2015, 6, 1), 10, None]])]
    )
    with zipfile.ZipFile(io.BytesIO(book)) as archive:
        names = set(archive.namelist())
        for name in names:
            ET.fromstring(archive.read(name))  # noqa: S314 - our own output, well-formed
    assert {"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/styles.xml",
            "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml"} == names  # fmt: skip
    # 1 June 2015 is day 42156 in Excel's 1900 date system.
    assert cells(book, 1) == [["Name", "Born", "Age"], ["A & B <c>", "42156", "10"]]
    with pytest.raises(ValueError, match="unique"):
        workbook_bytes([Sheet("A", [], []), Sheet("A", [], [])])


@pytest.mark.django_db
def test_the_child_protection_list_names_the_child_and_the_plan(tmp_path):
    person = history()
    sheets = {s.name: s for s in annex_a_sheets(inspection_date=dt.date(2025, 11, 22))}
    (plan_row,) = sheets["List 7 Child protection"].rows
    header = sheets["List 7 Child protection"].header
    values = dict(zip(header, plan_row, strict=False))
    assert values["Child Unique ID"] == person.reference
    assert values["CPP Start Date"] == dt.date(2025, 6, 24)
    assert values["Initial Category of Abuse"] == "EMO"
    assert values["Number of Previous CPPs"] == 0
    (s47_row,) = sheets["List 5 S47 and ICPC"].rows
    s47 = dict(zip(sheets["List 5 S47 and ICPC"].header, s47_row, strict=False))
    assert s47["Date of ICPC"] == dt.date(2025, 6, 24)
    assert s47["Did the ICPC result in a CP Plan"] == "Y"

    out = tmp_path / "annex-a.xlsx"
    call_command("returns", "annex-a", "--date", "2025-11-22", "--out", str(out), stdout=StringIO())
    # List 7 is the workbook's seventh sheet.
    assert cells(out.read_bytes(), 7)[1][0] == person.reference


# --- Lists 2 and 8 to 11, from a known history ------------------------------------------------

INSPECTION = dt.date(2026, 11, 20)
# The lists cover 21 November 2025 to 20 November 2026.


def lists_history():
    """Four children: looked after (A), a care leaver (B), adopted (C), stepped down (D)."""

    actor = front_door_worker()
    team = TeamFactory.create(name="Children in care")
    sw = team_worker(team, first_name="Jo", last_name="Mensah")
    iro = team_worker(TeamFactory.create(name="IRO service"), first_name="Sam", last_name="Iro")

    # A: looked after since May 2025, a placement move and a missing episode in the 12 months.
    a = child(actor, date_of_birth=D(2012, 3, 4), sex="M", ethnicity="MWBC")
    period = la.care_start(
        actor=actor, child=a, started_on=D(2025, 5, 6), category_of_need="N1",
        legal_status="V2", placement=foster_placement(), home_postcode="HD1 2TA",
        reason="Became looked after",
    )  # fmt: skip
    la.legal_status_change(
        actor=actor, period=period, started_on=D(2025, 6, 10), code="C2", reason="Order"
    )
    la.review_record(
        actor=actor, period=period, held_on=D(2026, 1, 15), participation="PN1",
        reason="Review", chaired_by=iro,
    )  # fmt: skip
    la.review_record(
        actor=actor, period=period, held_on=D(2026, 7, 10), participation="PN1", reason="Review"
    )
    la.placement_change(
        actor=actor, period=period, started_on=D(2026, 4, 1),
        placement=foster_placement(placement_type="U4", carer_name="Ms Begum",
                                   ofsted_urn="SC654321"),
        same_carer_as_previous=False, reason_for_change="CARPL", reason="Move",
    )  # fmt: skip
    la.visit_record(
        actor=actor, period=period, visited_on=D(2026, 10, 1), seen=True, seen_alone=True,
        reason="Visit",
    )  # fmt: skip
    la.health_assessment_record(actor=actor, child=a, completed_on=D(2026, 2, 1), reason="IHA")
    la.health_check_record(
        actor=actor, child=a, kind="dental", checked_on=D(2026, 3, 1), up_to_date=True,
        reason="Dentist",
    )  # fmt: skip
    missing = la.missing_episode_record(
        actor=actor, child=a, kind="M", started_at=dt.datetime(2026, 5, 1, 22, tzinfo=LONDON),
        ended_at=dt.datetime(2026, 5, 2, 9, tzinfo=LONDON), reason="Missing",
    )  # fmt: skip
    la.return_interview_record(
        actor=actor, episode=missing, offered_at=dt.datetime(2026, 5, 2, 12, tzinfo=LONDON),
        accepted=False, reason="RHI",
    )  # fmt: skip
    casework.allocation_start(
        actor=actor, child=a, team=team, worker=sw, started_on=D(2025, 5, 6), reason="Care"
    )

    # B: left care at 18 in January 2025 after two and a half years; former relevant now (19).
    b = child(actor, date_of_birth=D(2007, 1, 10), sex="F", ethnicity="BAFR")
    b_period = la.care_start(
        actor=actor, child=b, started_on=D(2022, 6, 1), category_of_need="N4",
        legal_status="C2", placement=foster_placement(), home_postcode="HD1 2TA",
        reason="Became looked after",
    )  # fmt: skip
    la.care_cease(
        actor=actor, period=b_period, ended_on=D(2025, 1, 10), reason_ceased="E17", reason="18"
    )
    la.care_leaver_contact_record(
        actor=actor, child=b, contacted_on=D(2026, 1, 12), birthday_age=19, in_touch="YES",
        activity="F2", accommodation="U1", reason="Birthday contact",
    )  # fmt: skip

    # C: fostered for adoption, placement order, matched, placed and adopted in the 12 months.
    c = child(actor, date_of_birth=D(2022, 2, 2), sex="F", ethnicity="WBRI")
    c_period = la.care_start(
        actor=actor, child=c, started_on=D(2024, 9, 2), category_of_need="N1",
        legal_status="C2", placement=foster_placement(placement_type="U5"),
        home_postcode="HD1 2TA", reason="Became looked after",
    )  # fmt: skip
    decision = la.adoption_decision_record(
        actor=actor, child=c, decided_on=D(2025, 10, 1), reason="ADM decision"
    )
    la.legal_status_change(
        actor=actor, period=c_period, started_on=D(2025, 12, 1), code="E1", reason="Order"
    )
    match = la.adoption_match_record(
        actor=actor, decision=decision, matched_on=D(2026, 2, 10), number_of_adopters=2,
        sex_of_adopters="MF", legal_status_of_adopters="L11", by_foster_carers=True,
        reason="Panel",
    )  # fmt: skip
    la.adoption_placement_record(actor=actor, match=match, placed_on=D(2026, 3, 1), reason="Moved")
    la.care_cease(
        actor=actor, period=c_period, ended_on=D(2026, 9, 1), reason_ceased="E11", reason="AO"
    )

    # D: a contact in March 2026 stepped down to early help at the front door.
    d = child(actor, date_of_birth=D(2019, 9, 9), sex="M", ethnicity="WIRI")
    contact = contact_record(
        actor=actor, reason="School", received_at=dt.datetime(2026, 3, 3, 9, tzinfo=LONDON),
        source="2A", children=[d], contact_reason="Attendance and neglect concerns",
    )  # fmt: skip
    contact_decision_record(
        actor=actor, contact=contact, child=d, outcome=ContactOutcome.EARLY_HELP,
        decided_at=dt.datetime(2026, 3, 3, 16, tzinfo=LONDON), reason="Front door decision",
    )  # fmt: skip
    return a, b, c, d, match


def rows_of(sheet):
    return [dict(zip(sheet.header, row, strict=True)) for row in sheet.rows]


@pytest.mark.django_db
def test_lists_2_and_8_to_11_match_the_hand_written_rows():
    a, b, c, d, match = lists_history()
    sheets = {s.name: s for s in annex_a_sheets(inspection_date=INSPECTION)}
    assert list(sheets) == [
        "List 1 Contacts", "List 2 Early help", "List 3 Referrals", "List 4 Assessments",
        "List 5 S47 and ICPC", "List 6 Children in need", "List 7 Child protection",
        "List 8 Children in care", "List 9 Care leavers", "List 10 Adoption", "List 11 Adopters",
    ]  # fmt: skip

    def common(person, sex, ethnic, born, age):
        return {
            "Child Unique ID": person.reference, "Gender": sex, "Ethnicity": ethnic,
            "Date of Birth": born, "Age of Child (Years)": age,
        }  # fmt: skip

    assert rows_of(sheets["List 2 Early help"]) == [
        common(d, "M", "WIRI", D(2019, 9, 9), 7)
        | {"Assessment start date": D(2026, 3, 3), "Assessment completion date": None,
           "Organisation completing assessment": ""},
    ]  # fmt: skip

    in_care = rows_of(sheets["List 8 Children in care"])
    assert in_care == [
        common(c, "F", "WBRI", D(2022, 2, 2), 4) | {
            "Date Started to be Looked After": D(2024, 9, 2),
            "Child's Category of Need": "N1",
            "Second or subsequent period LAC within last 12 months (Y/N)": "N",
            "Start date of current legal status": D(2025, 12, 1),
            "Child's Legal Status": "E1",
            "Date of Latest Statutory Review": None,
            "Date of Last Social Work Visit": None,
            "Permanence plan": "",
            "Date of Last IRO Visit/Contact": None,
            "Date of Last Health Assessment": None,
            "Date of Last Dental Check": None,
            "Number of Placements in the Last 12 months": 1,
            "Date Ceased to be Looked After": D(2026, 9, 1),
            "Reason Ceased": "E11",
            "Start Date of Most Recent Placement": D(2024, 9, 2),
            "Placement Type": "U5",
            "Placement Provider": "PR1",
            "Placement postcode": "HD8 9LS",
            "URN of Placement": "SC123456",
            "Placement Location": "IN",
            "LA of Placement": "E08000034",
            "Number of Missing / Absent episodes in last 12 months": 0,
            "Return Interview offered / accepted (Y/N)": "",
            "UASC within last 12 months (Y/N)": "N",
            "Allocated Team": "", "Allocated Worker": "",
        },
        common(a, "M", "MWBC", D(2012, 3, 4), 14) | {
            "Date Started to be Looked After": D(2025, 5, 6),
            "Child's Category of Need": "N1",
            "Second or subsequent period LAC within last 12 months (Y/N)": "N",
            "Start date of current legal status": D(2025, 6, 10),
            "Child's Legal Status": "C2",
            "Date of Latest Statutory Review": D(2026, 7, 10),
            "Date of Last Social Work Visit": D(2026, 10, 1),
            "Permanence plan": "",
            "Date of Last IRO Visit/Contact": D(2026, 1, 15),
            "Date of Last Health Assessment": D(2026, 2, 1),
            "Date of Last Dental Check": D(2026, 3, 1),
            "Number of Placements in the Last 12 months": 2,
            "Date Ceased to be Looked After": None,
            "Reason Ceased": "",
            "Start Date of Most Recent Placement": D(2026, 4, 1),
            "Placement Type": "U4",
            "Placement Provider": "PR1",
            "Placement postcode": "HD8 9LS",
            "URN of Placement": "SC654321",
            "Placement Location": "IN",
            "LA of Placement": "E08000034",
            "Number of Missing / Absent episodes in last 12 months": 1,
            "Return Interview offered / accepted (Y/N)": "Y/N",
            "UASC within last 12 months (Y/N)": "N",
            "Allocated Team": "Children in care", "Allocated Worker": "Jo Mensah",
        },
    ]  # fmt: skip

    assert rows_of(sheets["List 9 Care leavers"]) == [
        common(b, "F", "BAFR", D(2007, 1, 10), 19) | {
            "Allocated Team": "", "Allocated Worker": "",
            "Eligibility Category": "Former relevant", "LA in Touch": "YES",
            "Type of Accommodation": "U", "Suitability of Accommodation": "Suitable",
            "Activity Status": "F2",
        },
    ]  # fmt: skip

    assert rows_of(sheets["List 10 Adoption"]) == [
        common(c, "F", "WBRI", D(2022, 2, 2), 4) | {
            "Date the Child Entered Care": D(2024, 9, 2),
            "Date of Decision that Child Should be Placed for Adoption": D(2025, 10, 1),
            "Date of Placement Order": D(2025, 12, 1),
            "Date of Matching": D(2026, 2, 10),
            "Date Placed for Adoption": D(2026, 3, 1),
            "Date of Adoption Order": D(2026, 9, 1),
            "Date of Decision that Child Should No Longer be Placed for Adoption": None,
            "Reason no longer placed": "",
            "Date placed in FFA/concurrent planning placement": D(2024, 9, 2),
        },
    ]  # fmt: skip

    family = f"M{match.pk}"
    adopter = {
        "Family identifier": family, "Ethnicity": "", "Disability": "",
        "Is the (prospective) adopter fostering for adoption?": "Y",
        "Date enquiry received": None, "Stage 1 started": None, "Stage 1 ended": None,
        "Stage 2 started": None, "Stage 2 ended": None, "Date application submitted": None,
        "Date application approved": None, "Date matched": D(2026, 2, 10),
        "Date child(ren) placed": D(2026, 3, 1), "No. of children placed": 1,
        "Date of Adoption Order": D(2026, 9, 1), "Date of leaving adoption process": None,
        "Reason for leaving": "",
    }  # fmt: skip
    assert rows_of(sheets["List 11 Adopters"]) == [
        {"Individual adopter identifier": f"{family}-1", "Gender": "M", **adopter},
        {"Individual adopter identifier": f"{family}-2", "Gender": "F", **adopter},
    ]

    # Later, with nothing new in the 12 months: A is still in care, C adopted long before.
    later = {s.name: s for s in annex_a_sheets(inspection_date=D(2028, 1, 31))}
    assert [r[0] for r in later["List 8 Children in care"].rows] == [a.reference]
    assert later["List 10 Adoption"].rows == []
    assert later["List 2 Early help"].rows == []


@pytest.mark.django_db
def test_the_workbook_holds_the_eleven_lists_and_the_queries_do_not_grow_with_children():
    a, *_ = lists_history()
    with CaptureQueriesContext(connection) as few:
        sheets = annex_a_sheets(inspection_date=INSPECTION)
    book = workbook_bytes(sheets)
    assert cells(book, 8)[0][:6] == [
        "Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)",
        "Date Started to be Looked After",
    ]  # fmt: skip
    assert cells(book, 8)[2][0] == a.reference
    assert cells(book, 11)[0][0] == "Individual adopter identifier"

    actor = front_door_worker()
    for born in (D(2010, 1, 1), D(2011, 2, 2), D(2013, 3, 3)):
        la.care_start(
            actor=actor, child=child(actor, date_of_birth=born), started_on=D(2026, 1, 5),
            category_of_need="N1", legal_status="V2", placement=foster_placement(),
            home_postcode="HD1 2TA", reason="Became looked after",
        )  # fmt: skip
    with CaptureQueriesContext(connection) as more:
        bigger = annex_a_sheets(inspection_date=INSPECTION)
    assert len(bigger[7].rows) == len(sheets[7].rows) + 3
    assert len(more.captured_queries) == len(few.captured_queries)
