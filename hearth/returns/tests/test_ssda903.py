"""SSDA903 tables from a known looked-after history, compared with hand-written CSV."""

import csv
import datetime as dt
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from hearth.casework import services as casework
from hearth.casework.tests.factories import TeamFactory, TeamMembershipFactory, team_worker
from hearth.lookedafter import services as lookedafter
from hearth.lookedafter.tests.factories import foster_placement
from hearth.people import services as people_services
from hearth.people.models import RelationshipKind
from hearth.returns.ssda903 import HEADERS, ssda903_tables, table_csv, table_names
from hearth.returns.ssda903_validation import ssda903_validate
from hearth.returns.tests.factories import LONDON, child, front_door_worker
from hearth.returns.years import CollectionYear

pytestmark = pytest.mark.django_db
D = dt.date
YEAR = CollectionYear(2026)


def history(upn="V382432125001"):
    worker = front_door_worker()
    person = child(
        worker,
        date_of_birth=D(2012, 3, 4),
        sex="M",
        ethnicity="MWBC",
        identifiers=[("upn", upn)],
    )
    period = lookedafter.care_start(
        actor=worker,
        child=person,
        started_on=D(2025, 5, 6),
        category_of_need="N1",
        legal_status="V2",
        placement=foster_placement(),
        home_postcode="HD1 2TA",
        reason="Became looked after",
    )
    lookedafter.legal_status_change(
        actor=worker, period=period, started_on=D(2025, 6, 10), code="C2", reason="Interim order"
    )
    lookedafter.review_record(
        actor=worker, period=period, held_on=D(2025, 6, 3), participation="PN1", reason="Review"
    )
    return person, period


def test_the_tables_match_the_hand_written_csv():
    person, _ = history()
    tables = ssda903_tables(collection=YEAR)
    ref = person.reference

    assert table_csv("Header", tables["Header"]) == (
        f"CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\r\n{ref},M,04/03/2012,MWBC,V382432125001,,\r\n"
    )
    assert table_csv("Episodes", tables["Episodes"]) == (
        "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,"
        "PL_POST,URN\r\n"
        f"{ref},06/05/2025,S,V2,N1,U6,PR1,10/06/2025,X1,,HD1 2TA,HD8 9LS,SC123456\r\n"
        f"{ref},10/06/2025,L,C2,N1,U6,PR1,,,,HD1 2TA,HD8 9LS,SC123456\r\n"
    )
    assert table_csv("Reviews", tables["Reviews"]) == (
        f"CHILD,DOB,REVIEW,REVIEW_CODE\r\n{ref},04/03/2012,03/06/2025,PN1\r\n"
    )
    assert tables["UASC"] == []


def test_every_table_has_its_exact_header_and_dolo_only_from_2026_27(tmp_path):
    history()
    call_command("returns", "ssda903", "--year", "2026", "--out", str(tmp_path), stdout=StringIO())
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        f"{name}.csv" for name in table_names(YEAR)
    )
    assert "DoLo" not in table_names(YEAR)
    assert "DoLo" in table_names(CollectionYear(2027))
    for name in table_names(YEAR):
        with (tmp_path / f"{name}.csv").open(newline="", encoding="utf-8") as handle:
            assert tuple(next(csv.reader(handle))) == HEADERS[name]


def test_a_child_looked_after_all_year_is_in_oc2_and_a_period_after_the_year_is_not_shown():
    person, period = history()
    tables = ssda903_tables(collection=CollectionYear(2027))
    assert [row["CHILD"] for row in tables["OC2"]] == [person.reference]
    # Before the care started: nothing.
    assert ssda903_tables(collection=CollectionYear(2025))["Header"] == []


# --- Every table, field by field, from a known history ----------------------------------------


def three_children():
    """Kemi (looked after two years, a mother, formerly UASC so no HOME_POST, UPN unknown UN2),
    Luca (adopted in the year), Mo (came into care in the year after a special guardianship
    order), and Nia, a care leaver of 19 who left care before the year. Each table below is
    written out by hand from this."""
    actor = front_door_worker()
    team1, team2 = TeamFactory.create(), TeamFactory.create()
    sw1 = team_worker(team1, social_worker_id="SW1234567")
    TeamMembershipFactory.create(worker=sw1, team=team2)
    sw2 = team_worker(team2, social_worker_id="SW7654321")

    kemi = child(
        actor, date_of_birth=D(2009, 8, 15), sex="F", ethnicity="BAFR", upn_unknown_reason="UN2"
    )
    baby = child(actor, date_of_birth=D(2025, 1, 20), sex="M")
    people_services.relationship_record(
        actor=actor, reason="Her son", person=kemi, other=baby, kind=RelationshipKind.PARENT
    )
    period = lookedafter.care_start(
        actor=actor, child=kemi, started_on=D(2024, 5, 6), category_of_need="N2",
        legal_status="V2", placement=foster_placement(), home_postcode="HD1 2TA",
        reason="Became looked after",
    )  # fmt: skip
    lookedafter.legal_status_change(
        actor=actor, period=period, started_on=D(2024, 6, 10), code="C2", reason="Order"
    )
    lookedafter.placement_change(
        actor=actor, period=period, started_on=D(2025, 9, 1),
        placement=foster_placement(placement_type="U4", carer_name="Ms Begum",
                                   ofsted_urn="SC654321", postcode="HD1 2TA"),
        same_carer_as_previous=False, reason_for_change="CARPL", reason="Move",
    )  # fmt: skip
    for held_on, code in ((D(2025, 5, 20), "PN1"), (D(2025, 11, 10), "PN3")):
        lookedafter.review_record(
            actor=actor, period=period, held_on=held_on, participation=code, reason="Review"
        )
    lookedafter.uasc_record(actor=actor, child=kemi, ceased_on=D(2025, 8, 15), reason="UASC")
    lookedafter.sdq_record(
        actor=actor, child=kemi, completed_on=D(2025, 10, 1), score=14, no_score_reason="",
        reason="SDQ",
    )  # fmt: skip
    lookedafter.conviction_record(
        actor=actor, child=kemi, convicted_on=D(2025, 7, 1), reason="Court"
    )
    for kind in ("dental", "immunisations"):
        lookedafter.health_check_record(
            actor=actor, child=kemi, kind=kind, checked_on=D(2025, 6, 1), up_to_date=True,
            reason="Health",
        )  # fmt: skip
    lookedafter.health_assessment_record(
        actor=actor, child=kemi, completed_on=D(2025, 5, 1), reason="RHA"
    )
    lookedafter.substance_misuse_record(
        actor=actor, child=kemi, identified_on=D(2025, 12, 1), intervention_offered=True,
        intervention_received=False, reason="Substance misuse",
    )  # fmt: skip
    lookedafter.missing_episode_record(
        actor=actor, child=kemi, kind="M", started_at=dt.datetime(2025, 7, 10, 22, tzinfo=LONDON),
        ended_at=dt.datetime(2025, 7, 11, 8, tzinfo=LONDON), reason="Missing",
    )  # fmt: skip
    lookedafter.missing_episode_record(
        actor=actor, child=kemi, kind="A", started_at=dt.datetime(2026, 3, 30, 21, tzinfo=LONDON),
        ended_at=dt.datetime(2026, 4, 2, 9, tzinfo=LONDON), reason="Away",
    )  # fmt: skip
    # A first worker (FCONTA without asking), the same worker moving team (one episode), then a
    # new worker because the first left.
    casework.allocation_start(
        actor=actor, child=kemi, team=team1, worker=sw1, started_on=D(2024, 5, 6), reason="Care"
    )
    casework.allocation_start(
        actor=actor, child=kemi, team=team2, worker=sw1, started_on=D(2025, 6, 1), reason="Move"
    )
    casework.allocation_transfer(
        actor=actor, child=kemi, team=team2, worker=sw2, started_on=D(2025, 10, 1),
        reason="Jo left", sw_reason="LEFTRL",
    )  # fmt: skip
    lookedafter.dolo_start(actor=actor, child=kemi, started_on=D(2026, 6, 1), reason="DoLO")

    luca = child(actor, date_of_birth=D(2021, 3, 3), sex="M", ethnicity="WBRI")
    luca_period = lookedafter.care_start(
        actor=actor, child=luca, started_on=D(2024, 1, 15), category_of_need="N1",
        legal_status="C2", placement=foster_placement(placement_type="U5"),
        home_postcode="HD1 2TA", reason="Became looked after",
    )  # fmt: skip
    decision = lookedafter.adoption_decision_record(
        actor=actor, child=luca, decided_on=D(2024, 4, 10), reason="ADM"
    )
    lookedafter.legal_status_change(
        actor=actor, period=luca_period, started_on=D(2024, 9, 1), code="E1", reason="Order"
    )
    match = lookedafter.adoption_match_record(
        actor=actor, decision=decision, matched_on=D(2025, 1, 20), number_of_adopters=1,
        sex_of_adopters="F1", legal_status_of_adopters="L0", by_foster_carers=True,
        reason="Panel",
    )  # fmt: skip
    lookedafter.adoption_placement_record(
        actor=actor, match=match, placed_on=D(2025, 2, 1), reason="Placed"
    )
    lookedafter.care_cease(
        actor=actor, period=luca_period, ended_on=D(2025, 6, 30), reason_ceased="E11",
        reason="Adoption order",
    )  # fmt: skip

    mo = child(
        actor, date_of_birth=D(2014, 2, 2), sex="M", ethnicity="MWAS",
        identifiers=[("upn", "V382432125001")],
    )  # fmt: skip
    mo_period = lookedafter.care_start(
        actor=actor, child=mo, started_on=D(2025, 11, 3), category_of_need="N4",
        legal_status="V2", placement=foster_placement(), home_postcode="HD1 2TA",
        reason="Became looked after",
    )  # fmt: skip
    lookedafter.previous_permanence_record(
        actor=actor, period=mo_period, kind="P2", arranged_by_la="383", month=5,
        year=2020, reason="SGO broke down",
    )  # fmt: skip

    nia = child(actor, date_of_birth=D(2007, 1, 10), sex="F", ethnicity="WBRI")
    nia_period = lookedafter.care_start(
        actor=actor, child=nia, started_on=D(2022, 6, 1), category_of_need="N4",
        legal_status="C2", placement=foster_placement(), home_postcode="HD1 2TA",
        reason="Became looked after",
    )  # fmt: skip
    lookedafter.care_cease(
        actor=actor, period=nia_period, ended_on=D(2025, 1, 10), reason_ceased="E17", reason="18"
    )
    lookedafter.care_leaver_contact_record(
        actor=actor, child=nia, contacted_on=D(2026, 1, 12), birthday_age=19, in_touch="YES",
        activity="F2", accommodation="U1", reason="Birthday contact",
    )  # fmt: skip
    return kemi, luca, mo, nia


def test_every_table_matches_the_hand_written_csv_field_by_field():
    kemi, luca, mo, nia = three_children()
    k, lu, m, n = kemi.reference, luca.reference, mo.reference, nia.reference
    tables = ssda903_tables(collection=YEAR)
    expected = {
        "Header": f"""CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB
{k},F,15/08/2009,BAFR,UN2,1,20/01/2025
{lu},M,03/03/2021,WBRI,,,
{m},M,02/02/2014,MWAS,V382432125001,,
{n},F,10/01/2007,WBRI,,,
""",
        "Episodes": f"""CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN
{k},10/06/2024,L,C2,N2,U6,PR1,01/09/2025,X1,CARPL,,HD8 9LS,SC123456
{k},01/09/2025,P,C2,N2,U4,PR1,,,,,HD1 2TA,SC654321
{lu},01/09/2024,L,E1,N1,U5,PR1,30/06/2025,E11,,HD1 2TA,HD8 9LS,SC123456
{m},03/11/2025,S,V2,N4,U6,PR1,,,,HD1 2TA,HD8 9LS,SC123456
""",  # noqa: E501 - the DfE header row is one line
        "Reviews": f"""CHILD,DOB,REVIEW,REVIEW_CODE
{k},15/08/2009,20/05/2025,PN1
{k},15/08/2009,10/11/2025,PN3
""",
        "UASC": f"""CHILD,SEX,DOB,DUC
{k},F,15/08/2009,15/08/2025
""",
        "OC2": f"""CHILD,DOB,SDQ_SCORE,SDQ_REASON,CONVICTED,HEALTH_CHECK,IMMUNISATIONS,TEETH_CHECK,HEALTH_ASSESSMENT,SUBSTANCE_MISUSE,INTERVENTION_RECEIVED,INTERVENTION_OFFERED
{k},15/08/2009,14,,1,,1,1,1,1,0,1
""",  # noqa: E501
        "OC3": f"""CHILD,DOB,IN_TOUCH,ACTIV,ACCOM
{n},10/01/2007,YES,F2,U1
""",
        "AD1": f"""CHILD,DOB,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR
{lu},03/03/2021,10/04/2024,20/01/2025,1,1,F1,L0
""",
        "PlacedAdoption": f"""CHILD,DOB,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED
{lu},03/03/2021,10/04/2024,,
""",
        "PrevPerm": f"""CHILD,DOB,PREV_PERM,LA_PERM,DATE_PERM
{m},02/02/2014,P2,383,zz/05/2020
""",
        "Missing": f"""CHILD,DOB,MISSING,MIS_START,MIS_END
{k},15/08/2009,M,10/07/2025,11/07/2025
{k},15/08/2009,A,30/03/2026,
""",
        "SWEpisodes": f"""CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON
{k},15/08/2009,SW1234567,06/05/2024,01/10/2025,FCONTA
{k},15/08/2009,SW7654321,01/10/2025,,LEFTRL
""",
    }
    assert list(tables) == list(expected)
    for name, text in expected.items():
        assert table_csv(name, tables[name]) == text.replace("\n", "\r\n"), name

    # DoLo is in the return from 2026-27: Kemi's order, still open at the reference date.
    later = ssda903_tables(collection=CollectionYear(2027))
    assert table_csv("DoLo", later["DoLo"]) == (
        f"CHILD,DOB,DOLO_START,DOLO_END\r\n{k},15/08/2009,01/06/2026,\r\n"
    )


def test_a_recorded_upn_comes_before_the_reason_and_a_child_under_5_is_un1():
    worker = front_door_worker()
    toddler = child(worker, date_of_birth=D(2022, 1, 1), sex="F", ethnicity="WBRI")
    with_both = child(
        worker, date_of_birth=D(2012, 1, 1), upn_unknown_reason="UN5",
        identifiers=[("upn", "V382432125001")],
    )  # fmt: skip
    for person in (toddler, with_both):
        lookedafter.care_start(
            actor=worker, child=person, started_on=D(2025, 5, 6), category_of_need="N1",
            legal_status="V2", placement=foster_placement(), home_postcode="HD1 2TA",
            reason="Became looked after",
        )  # fmt: skip
    upns = {row["CHILD"]: row["UPN"] for row in ssda903_tables(collection=YEAR)["Header"]}
    assert upns == {toddler.reference: "UN1", with_both.reference: "V382432125001"}


def test_the_allocation_page_asks_why_the_social_worker_changes(client):
    actor = front_door_worker()
    team = TeamFactory.create()
    first, second = team_worker(team), team_worker(team)
    person = child(actor)
    casework.allocation_start(
        actor=actor, child=person, team=team, worker=first, started_on=D(2025, 5, 6), reason="New"
    )
    client.force_login(actor)
    newcomer = child(actor)
    first_page = client.get(f"/casework/children/{newcomer.pk}/allocate/").content.decode()
    assert '<option value="FCONTA" selected>' in first_page  # a first worker: first contact
    url = f"/casework/children/{person.pk}/allocate/"
    typed = {"team": team.pk, "worker": second.pk, "reason": "Caseloads balanced",
             "started_on-day": "1", "started_on-month": "9", "started_on-year": "2025"}  # fmt: skip

    refused = client.post(url, typed).content.decode()
    assert "Choose why the social worker is changing" in refused
    assert 'value="Caseloads balanced"' in refused  # nothing typed is lost
    assert person.allocations.count() == 1

    bad_code = client.post(url, typed | {"sw_reason": "HOLIDAY"}).content.decode()
    assert "Choose why the social worker is changing" in bad_code

    assert client.post(url, typed | {"sw_reason": "MANAGE"}).status_code == 302
    assert list(person.allocations.order_by("started_on").values_list("sw_reason", flat=True)) == [
        "FCONTA",
        "MANAGE",
    ]
    page = client.get(url).content.decode()
    assert "Managing caseloads" in page and "First contact or re-referral" in page

    # Recording history from before April 2023, when the DfE did not ask (SW01b): no reason.
    older = child(actor)
    casework.allocation_start(
        actor=actor, child=older, team=team, worker=first, started_on=D(2022, 5, 6), reason="New"
    )
    back_dated = typed | {"started_on-year": "2022", "started_on-month": "9"}
    response = client.post(f"/casework/children/{older.pk}/allocate/", back_dated)
    assert response.status_code == 302
    assert older.allocations.get(worker=second).sw_reason == ""

    # The service refuses a code that is not the DfE's, field by field.
    with pytest.raises(ValidationError) as refused_code:
        casework.allocation_start(
            actor=actor, child=person, team=team, worker=first, started_on=D(2025, 10, 1),
            reason="Back", sw_reason="SOON",
        )  # fmt: skip
    assert "sw_reason" in refused_code.value.message_dict


def test_the_person_form_records_why_a_child_has_no_upn_and_the_903_shows_it(client):
    worker = front_door_worker()
    person = child(worker, date_of_birth=D(2012, 3, 4), sex="M", ethnicity="MWBC")
    lookedafter.care_start(
        actor=worker, child=person, started_on=D(2025, 5, 6), category_of_need="N1",
        legal_status="V2", placement=foster_placement(), home_postcode="HD1 2TA",
        reason="Became looked after",
    )  # fmt: skip
    client.force_login(worker)
    url = reverse("people:edit", args=[person.pk])
    assert "If the child has no UPN, why not" in client.get(url).content.decode()
    typed = {"given_name": person.given_name, "family_name": person.family_name,
             "date_of_birth-day": "4", "date_of_birth-month": "3", "date_of_birth-year": "2012",
             "sex": "M", "ethnicity": "MWBC", "disabilities": ["NONE"],
             "reason": "Arrived from Eritrea; never at school in England"}  # fmt: skip

    wrong = client.post(url, typed | {"upn_unknown_reason": "UN9"}).content.decode()
    assert "Choose why the child has no UPN" in wrong
    assert "never at school in England" in wrong  # nothing typed is lost

    assert client.post(url, typed | {"upn_unknown_reason": "UN2"}).status_code == 302
    (header,) = ssda903_tables(collection=YEAR)["Header"]
    assert header["UPN"] == "UN2"


def test_short_breaks_carry_no_placement_location_and_an_unaccompanied_child_no_home_postcode():
    worker = front_door_worker()
    short = child(worker, date_of_birth=D(2014, 5, 1))
    lookedafter.care_start(
        actor=worker, child=short, started_on=D(2025, 6, 5), category_of_need="N2",
        legal_status="V3", placement=foster_placement(), home_postcode="HD1 2TA",
        reason="Short break",
    )  # fmt: skip
    alone = child(worker, date_of_birth=D(2010, 5, 1), sex="M", ethnicity="OOTH")
    lookedafter.uasc_record(actor=worker, child=alone, reason="Arrived unaccompanied")
    lookedafter.care_start(
        actor=worker, child=alone, started_on=D(2025, 6, 5), category_of_need="N7",
        legal_status="V2", placement=foster_placement(), home_postcode="HD1 2TA",
        reason="Accommodated",
    )  # fmt: skip
    rows = {r["CHILD"]: r for r in ssda903_tables(collection=YEAR)["Episodes"]}
    located = {k: (r["HOME_POST"], r["PL_POST"], r["URN"]) for k, r in rows.items()}
    assert located == {
        short.reference: ("", "", ""),
        alone.reference: ("", "HD8 9LS", "SC123456"),
    }


def codes_failed(collection: CollectionYear) -> set[str]:
    """The rule codes the year's return, built from the record, fails."""
    tables = ssda903_tables(collection=collection)
    return {f.code for f in ssda903_validate(collection=collection, tables=tables)}


def looked_after(worker, person, started_on, legal_status="V2"):
    return lookedafter.care_start(
        actor=worker, child=person, started_on=started_on, category_of_need="N1",
        legal_status=legal_status, placement=foster_placement(), home_postcode="HD1 2TA",
        reason="Became looked after",
    )  # fmt: skip


def test_a_care_leaver_not_looked_after_in_the_year_has_a_header_row_without_motherhood():
    kemi, luca, mo, nia = three_children()
    baby = child(front_door_worker(), date_of_birth=D(2025, 3, 1), sex="F")
    people_services.relationship_record(
        actor=front_door_worker(),
        reason="Her daughter", person=nia, other=baby, kind=RelationshipKind.PARENT,
    )  # fmt: skip
    tables = ssda903_tables(collection=YEAR)
    header = {row["CHILD"]: row for row in tables["Header"]}
    # In OC3, so in the Header (INT06), with no motherhood details (628), in CHILD order.
    assert header[nia.reference] == {
        "CHILD": nia.reference, "SEX": "F", "DOB": "10/01/2007", "ETHNIC": "WBRI", "UPN": "",
        "MOTHER": "", "MC_DOB": "",
    }  # fmt: skip
    assert [row["CHILD"] for row in tables["Header"]] == sorted(header)
    assert not any(row["CHILD"] == nia.reference for row in tables["Episodes"])
    assert not {"INT06", "628"} & codes_failed(YEAR)


def test_only_children_unaccompanied_in_the_year_are_in_the_uasc_table():
    worker = front_door_worker()
    still = child(worker, date_of_birth=D(2010, 5, 1), sex="M", ethnicity="OOTH")
    ceased = child(worker, date_of_birth=D(2007, 9, 1), sex="M", ethnicity="OOTH")
    for person in (still, ceased):
        looked_after(worker, person, D(2023, 5, 1))
    lookedafter.uasc_record(actor=worker, child=still, reason="Arrived unaccompanied")
    lookedafter.uasc_record(
        actor=worker, child=ceased, ceased_on=D(2025, 2, 1), reason="Leave to remain"
    )

    def uasc(year: int) -> list[str]:
        return [r["CHILD"] for r in ssda903_tables(collection=CollectionYear(year))["UASC"]]

    def home_postcodes(year: int) -> dict[str, str]:
        rows = ssda903_tables(collection=CollectionYear(year))["Episodes"]
        return {row["CHILD"]: row["HOME_POST"] for row in rows}

    # 2024-25: both; ceased in February 2025, so in that year's table only (205A, 205B).
    assert sorted(uasc(2025)) == sorted([still.reference, ceased.reference])
    assert uasc(2026) == [still.reference]
    # Unaccompanied last year still means no home postcode this year (406), but not after.
    assert home_postcodes(2026) == {still.reference: "", ceased.reference: ""}
    assert home_postcodes(2027) == {still.reference: "", ceased.reference: "HD1 2TA"}


def test_short_breaks_only_mean_no_motherhood_details_and_no_reviews():
    worker = front_door_worker()
    respite = child(worker, date_of_birth=D(2008, 5, 1), sex="F")
    in_care = child(worker, date_of_birth=D(2008, 5, 1), sex="F")
    for person in (respite, in_care):
        baby = child(worker, date_of_birth=D(2025, 2, 1), sex="M")
        people_services.relationship_record(
            actor=worker, reason="Her son", person=person, other=baby,
            kind=RelationshipKind.PARENT,
        )  # fmt: skip
    for person, status in ((respite, "V3"), (in_care, "V2")):
        period = looked_after(worker, person, D(2025, 5, 1), legal_status=status)
        lookedafter.review_record(
            actor=worker, period=period, held_on=D(2025, 7, 1), participation="PN1",
            reason="Review",
        )  # fmt: skip
    tables = ssda903_tables(collection=YEAR)
    mothers = {r["CHILD"]: (r["MOTHER"], r["MC_DOB"]) for r in tables["Header"]}
    assert mothers == {respite.reference: ("", ""), in_care.reference: ("1", "01/02/2025")}
    assert [r["CHILD"] for r in tables["Reviews"]] == [in_care.reference]
    assert not {"393", "399"} & codes_failed(YEAR)


def test_a_first_child_born_after_the_year_or_after_care_ended_is_not_counted():
    worker = front_door_worker()
    later = child(worker, date_of_birth=D(2008, 5, 1), sex="F")
    left = child(worker, date_of_birth=D(2008, 5, 1), sex="F")
    looked_after(worker, later, D(2025, 5, 1))
    period = looked_after(worker, left, D(2025, 5, 1))
    lookedafter.care_cease(
        actor=worker, period=period, ended_on=D(2025, 9, 1), reason_ceased="E4A", reason="Home"
    )
    for person, born in ((later, D(2026, 5, 1)), (left, D(2026, 1, 10))):
        baby = child(worker, date_of_birth=born, sex="M")
        people_services.relationship_record(
            actor=worker, reason="Her son", person=person, other=baby,
            kind=RelationshipKind.PARENT,
        )  # fmt: skip
    mothers = {
        r["CHILD"]: (r["MOTHER"], r["MC_DOB"]) for r in ssda903_tables(collection=YEAR)["Header"]
    }
    assert mothers == {later.reference: ("0", ""), left.reference: ("0", "")}
    assert "625" not in codes_failed(YEAR)


def test_an_intervention_received_leaves_offered_blank():
    kemi, *_ = three_children()
    lookedafter.substance_misuse_record(
        actor=front_door_worker(), child=kemi, identified_on=D(2026, 1, 5),
        intervention_offered=True, intervention_received=True, reason="Identified again",
    )  # fmt: skip
    (row,) = ssda903_tables(collection=YEAR)["OC2"]
    assert (row["INTERVENTION_RECEIVED"], row["INTERVENTION_OFFERED"]) == ("1", "")


def test_allocations_to_workers_who_are_not_social_workers_have_no_sw_episode():
    actor = front_door_worker()
    team = TeamFactory.create()
    social_worker = team_worker(team, social_worker_id="SW1234567")
    adviser = team_worker(team, role="personal_adviser")
    person = child(actor, date_of_birth=D(2009, 8, 15))
    looked_after(actor, person, D(2025, 5, 1))
    casework.allocation_start(
        actor=actor, child=person, team=team, worker=social_worker, started_on=D(2025, 5, 1),
        reason="Care",
    )  # fmt: skip
    casework.allocation_start(
        actor=actor, child=person, team=team, worker=adviser, started_on=D(2025, 8, 1),
        reason="Adviser", sw_reason="MANAGE",
    )  # fmt: skip
    rows = ssda903_tables(collection=YEAR)["SWEpisodes"]
    assert [(r["SW_ID"], r["SW_DECOM"]) for r in rows] == [("SW1234567", "01/05/2025")]
    assert not {"SW01aSTG1", "SW02STG1"} & codes_failed(YEAR)


def test_a_care_leaver_not_in_touch_has_activity_and_accommodation_coded_0():
    actor = front_door_worker()
    person = child(actor, date_of_birth=D(2007, 1, 10), sex="M")
    period = looked_after(actor, person, D(2022, 6, 1))
    lookedafter.care_cease(
        actor=actor, period=period, ended_on=D(2025, 1, 10), reason_ceased="E17", reason="18"
    )
    lookedafter.care_leaver_contact_record(
        actor=actor, child=person, contacted_on=D(2026, 1, 12), birthday_age=19, in_touch="NO",
        reason="Birthday contact",
    )  # fmt: skip
    (row,) = ssda903_tables(collection=YEAR)["OC3"]
    assert (row["IN_TOUCH"], row["ACTIV"], row["ACCOM"]) == ("NO", "0", "0")
    assert "153" not in codes_failed(YEAR)

    # Returned home: neither is given (344; rule 153 as implemented disagrees, reported).
    lookedafter.care_leaver_contact_record(
        actor=actor, child=person, contacted_on=D(2026, 1, 20), birthday_age=19, in_touch="RHOM",
        reason="Birthday contact",
    )  # fmt: skip
    (row,) = ssda903_tables(collection=YEAR)["OC3"]
    assert (row["IN_TOUCH"], row["ACTIV"], row["ACCOM"]) == ("RHOM", "", "")
    assert "344" not in codes_failed(YEAR)
