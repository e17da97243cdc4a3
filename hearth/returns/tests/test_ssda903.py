"""SSDA903 tables from a known looked-after history, compared with hand-written CSV."""

import csv
import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from hearth.lookedafter import services as lookedafter
from hearth.lookedafter.tests.factories import foster_placement
from hearth.returns.ssda903 import HEADERS, ssda903_tables, table_csv, table_names
from hearth.returns.tests.factories import child, front_door_worker
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
