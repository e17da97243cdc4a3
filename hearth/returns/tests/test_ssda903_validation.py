"""The SSDA903 rules Hearth checks, each shown catching its break in the tables."""

import copy
import datetime as dt

import pytest

from hearth.casework import services as casework
from hearth.casework.tests.factories import TeamFactory, WorkerFactory
from hearth.returns import ssda903_validation
from hearth.returns.rules import rule_catalogue
from hearth.returns.ssda903_validation import ssda903_validate
from hearth.returns.tests.test_ssda903 import history
from hearth.returns.years import CollectionYear

pytestmark = pytest.mark.django_db
YEAR = CollectionYear(2026)
NEXT = CollectionYear(2027)


def row(**values):
    return values


def baseline():
    return {
        "Header": [row(CHILD="C1", SEX="F", DOB="01/06/2015", ETHNIC="WBRI",
                       UPN="V382432125001", MOTHER="0", MC_DOB="")],
        "Episodes": [
            row(CHILD="C1", DECOM="06/05/2025", RNE="S", LS="V2", CIN="N1", PLACE="U6",
                PLACE_PROVIDER="PR1", DEC="10/06/2025", REC="X1", REASON_PLACE_CHANGE="",
                HOME_POST="HD1 2TA", PL_POST="HD8 9LS", URN="SC123456"),
            row(CHILD="C1", DECOM="10/06/2025", RNE="L", LS="C2", CIN="N1", PLACE="U6",
                PLACE_PROVIDER="PR1", DEC="", REC="", REASON_PLACE_CHANGE="",
                HOME_POST="HD1 2TA", PL_POST="HD8 9LS", URN="SC123456"),
        ],
        "Reviews": [row(CHILD="C1", DOB="01/06/2015", REVIEW="03/06/2025", REVIEW_CODE="PN1")],
        "UASC": [row(CHILD="C1", SEX="F", DOB="01/06/2015", DUC="")],
        "OC2": [],
        "OC3": [row(CHILD="C1", DOB="01/06/2015", IN_TOUCH="YES", ACTIV="F1", ACCOM="U1")],
        "AD1": [row(CHILD="C1", DOB="01/06/2015", DATE_INT="01/06/2025", DATE_MATCH="01/08/2025",
                    FOSTER_CARE="0", NB_ADOPTR="2", SEX_ADOPTR="MF", LS_ADOPTR="L11")],
        "PlacedAdoption": [row(CHILD="C1", DOB="01/06/2015", DATE_PLACED="01/06/2025",
                               DATE_PLACED_CEASED="", REASON_PLACED_CEASED="")],
        "PrevPerm": [row(CHILD="C1", DOB="01/06/2015", PREV_PERM="Z1", LA_PERM="", DATE_PERM="")],
        "Missing": [row(CHILD="C1", DOB="01/06/2015", MISSING="M", MIS_START="01/07/2025",
                        MIS_END="02/07/2025")],
        "SWEpisodes": [row(CHILD="C1", DOB="01/06/2015", SW_ID="SW123456", SW_DECOM="01/05/2025",
                           SW_DEC="", SW_REASON="FCONTA")],
        "DoLo": [row(CHILD="C1", DOB="01/06/2015", DOLO_START="01/09/2025", DOLO_END="")],
    }  # fmt: skip


CASES = {
    "101": ("Header", 0, "SEX", "1"),
    "102": ("Header", 0, "DOB", "31/02/2015"),
    "103": ("Header", 0, "ETHNIC", "WHIT"),
    "168": ("Header", 0, "UPN", "UN6"),
    "104": ("UASC", 0, "DUC", "2025-01-01"),
    "143": ("Episodes", 1, "RNE", "X"),
    "144": ("Episodes", 1, "LS", "C3"),
    "145": ("Episodes", 1, "CIN", "N9"),
    "146": ("Episodes", 1, "PLACE", "H5"),
    "149": ("Episodes", 0, "REC", "E99"),
    "178": ("Episodes", 1, "PLACE_PROVIDER", "PR9"),
    "1009": ("Episodes", 0, "REASON_PLACE_CHANGE", "MOVED"),
    "148": ("Episodes", 1, "REC", "E11"),
    "355": ("Episodes", 0, "DEC", "06/05/2025"),
    "356": ("Episodes", 0, "DEC", "01/05/2025"),
    "501": ("Episodes", 1, "DECOM", "01/06/2025"),
    "167": ("Reviews", 0, "REVIEW_CODE", "PN8"),
    "1006": ("Missing", 0, "MISSING", "X"),
    "131": ("OC3", 0, "IN_TOUCH", "MAYBE"),
    "132": ("OC3", 0, "ACTIV", "F3"),
    "133": ("OC3", 0, "ACCOM", "Q1"),
    "631": ("PrevPerm", 0, "PREV_PERM", "P9"),
    "120": ("PlacedAdoption", 0, "REASON_PLACED_CEASED", "RD9"),
    "175": ("AD1", 0, "NB_ADOPTR", "3"),
    "176": ("AD1", 0, "SEX_ADOPTR", "XX"),
    "177": ("AD1", 0, "LS_ADOPTR", "L9"),
    "SW02STG1": ("SWEpisodes", 0, "SW_ID", "AB123"),
    "SW13STG1": ("SWEpisodes", 0, "SW_REASON", "BORED"),
    "SW01bSTG1": ("SWEpisodes", 0, "SW_REASON", ""),
    "SW09STG2": ("SWEpisodes", 0, "SW_DEC", "01/05/2025"),
    "700": ("DoLo", 0, "DOLO_START", ""),
    "701": ("DoLo", 0, "DOLO_END", "soon"),
}


def test_baseline_passes_and_every_checked_rule_is_a_dfe_rule():
    failures = ssda903_validate(collection=NEXT, tables=baseline())
    assert [f.code for f in failures if f.code in CASES] == []
    assert set(CASES) <= ssda903_validation.IMPLEMENTED
    assert set(rule_catalogue("903-2026-27")) >= ssda903_validation.IMPLEMENTED


@pytest.mark.parametrize("code", sorted(CASES))
def test_each_rule_catches_its_break(code):
    tables = copy.deepcopy(baseline())
    table, index, field, value = CASES[code]
    tables[table][index][field] = value
    failures = ssda903_validate(collection=NEXT, tables=tables)
    found = [f for f in failures if f.code == code]
    assert found, f"{code}: got {[f.code for f in failures]}"
    assert found[0].la_child_id == "C1"
    assert found[0].message == rule_catalogue("903-2026-27")[code].message


def test_a_child_without_episodes_is_epi_unless_a_care_leaver_in_oc3():
    tables = copy.deepcopy(baseline())
    tables["Episodes"] = []
    codes = {f.code for f in ssda903_validate(collection=NEXT, tables=tables)}
    assert "EPI" not in codes  # C1 is in OC3: a care leaver, no episodes expected

    tables["OC3"] = []
    failures = ssda903_validate(collection=NEXT, tables=tables)
    assert [f.la_child_id for f in failures if f.code == "EPI"] == ["C1"]


def test_dolo_rules_only_from_2026_27():
    tables = baseline()
    tables["DoLo"][0]["DOLO_START"] = ""
    assert not [f for f in ssda903_validate(collection=YEAR, tables=tables) if f.code == "700"]


def test_social_worker_episode_from_the_record_without_a_valid_swe_number():
    person, _ = history()
    team = TeamFactory.create()
    worker = WorkerFactory.create(social_worker_id="ZZ0001")
    from hearth.casework.tests.factories import TeamMembershipFactory  # noqa: PLC0415
    from hearth.returns.tests.factories import front_door_worker  # noqa: PLC0415

    TeamMembershipFactory.create(worker=worker, team=team)
    casework.allocation_start(
        actor=front_door_worker(),
        child=person,
        team=team,
        worker=worker,
        started_on=dt.date(2025, 5, 6),
        reason="Allocated at the start of care",
    )
    failures = ssda903_validate(collection=YEAR, fix_url=lambda pk: f"/people/{pk}/")
    codes = {f.code: f for f in failures}
    # A first allocation is coded FCONTA by the service, so only the SWE number is wrong.
    assert "SW02STG1" in codes
    assert "SW01bSTG1" not in codes
    assert codes["SW02STG1"].person_id == person.pk
    assert codes["SW02STG1"].fix_url == f"/people/{person.pk}/"
