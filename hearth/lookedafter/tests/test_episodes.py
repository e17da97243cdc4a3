"""SSDA903 episode derivation against hand-written expected episodes."""

import datetime as dt

import pytest

from hearth.lookedafter.episodes import (
    Episode,
    LegalStatusFacts,
    PeriodFacts,
    PlacementFacts,
    derive_episodes,
)

D = dt.date


def ep(
    decom, rne, ls, place, *, dec=None, rec="", reason="", provider="PR1", post="HD8 9LS", urn=""
):
    return Episode(
        decom=decom,
        rne=rne,
        ls=ls,
        cin="N1",
        place=place,
        place_provider=provider,
        dec=dec,
        rec=rec,
        reason_place_change=reason,
        home_post="HD1 2TA",
        pl_post=post,
        urn=urn,
    )


def period(start, end=None, rec=""):
    return PeriodFacts(
        started_on=start,
        category_of_need="N1",
        home_postcode="HD1 2TA",
        ended_on=end,
        reason_ceased=rec,
    )


def placement(place, start, end=None, *, same=False, reason="", provider="PR1", post="HD8 9LS"):
    return PlacementFacts(
        place=place,
        started_on=start,
        ended_on=end,
        provider=provider,
        postcode=post,
        same_carer_as_previous=same,
        reason_for_change=reason,
    )


def test_one_open_episode_starts_with_s():
    episodes = derive_episodes(
        period(D(2026, 1, 5)),
        [LegalStatusFacts("V2", D(2026, 1, 5))],
        [placement("U6", D(2026, 1, 5))],
    )
    assert episodes == [ep(D(2026, 1, 5), "S", "V2", "U6")]


def test_change_of_legal_status_only_is_l_and_links_with_x1():
    episodes = derive_episodes(
        period(D(2026, 1, 5)),
        [
            LegalStatusFacts("C1", D(2026, 1, 5), D(2026, 3, 2)),
            LegalStatusFacts("C2", D(2026, 3, 2)),
        ],
        [placement("U6", D(2026, 1, 5))],
    )
    assert episodes == [
        ep(D(2026, 1, 5), "S", "C1", "U6", dec=D(2026, 3, 2), rec="X1"),
        ep(D(2026, 3, 2), "L", "C2", "U6"),
    ]


def test_change_of_placement_and_carer_is_p_with_the_reason_on_the_ceasing_episode():
    episodes = derive_episodes(
        period(D(2026, 1, 5)),
        [LegalStatusFacts("V2", D(2026, 1, 5))],
        [
            placement("U6", D(2026, 1, 5), D(2026, 2, 10), reason="CREQO"),
            placement("K2", D(2026, 2, 10), provider="PR4", post="LS1 4AP"),
        ],
    )
    assert episodes == [
        ep(D(2026, 1, 5), "S", "V2", "U6", dec=D(2026, 2, 10), rec="X1", reason="CREQO"),
        ep(D(2026, 2, 10), "P", "V2", "K2", provider="PR4", post="LS1 4AP"),
    ]


def test_change_of_placement_with_the_same_carer_is_t():
    episodes = derive_episodes(
        period(D(2026, 1, 5)),
        [LegalStatusFacts("V2", D(2026, 1, 5))],
        [
            placement("U6", D(2026, 1, 5), D(2026, 4, 1), reason="PLACE"),
            placement("U4", D(2026, 4, 1), same=True),
        ],
    )
    assert [(e.decom, e.rne, e.place, e.reason_place_change) for e in episodes] == [
        (D(2026, 1, 5), "S", "U6", "PLACE"),
        (D(2026, 4, 1), "T", "U4", ""),
    ]


def test_same_day_legal_status_and_placement_change_with_new_carers_is_b():
    episodes = derive_episodes(
        period(D(2026, 1, 5)),
        [
            LegalStatusFacts("V2", D(2026, 1, 5), D(2026, 5, 1)),
            LegalStatusFacts("C1", D(2026, 5, 1)),
        ],
        [
            placement("U6", D(2026, 1, 5), D(2026, 5, 1), reason="CARPL"),
            placement("U3", D(2026, 5, 1)),
        ],
    )
    assert episodes == [
        ep(D(2026, 1, 5), "S", "V2", "U6", dec=D(2026, 5, 1), rec="X1", reason="CARPL"),
        ep(D(2026, 5, 1), "B", "C1", "U3"),
    ]


def test_same_day_legal_status_and_placement_change_with_the_same_carers_is_u():
    episodes = derive_episodes(
        period(D(2026, 1, 5)),
        [
            LegalStatusFacts("C1", D(2026, 1, 5), D(2026, 6, 1)),
            LegalStatusFacts("E1", D(2026, 6, 1)),
        ],
        [
            placement("U5", D(2026, 1, 5), D(2026, 6, 1), reason="PLACE"),
            placement("A5", D(2026, 6, 1), same=True),
        ],
    )
    assert [(e.rne, e.ls, e.place) for e in episodes] == [("S", "C1", "U5"), ("U", "E1", "A5")]
    assert episodes[0].reason_place_change == "PLACE"


def test_a_full_period_with_every_kind_of_change_and_an_end():
    episodes = derive_episodes(
        period(D(2025, 11, 3), D(2026, 9, 30), "E4A"),
        [
            LegalStatusFacts("L2", D(2025, 11, 3), D(2025, 11, 10)),
            LegalStatusFacts("C1", D(2025, 11, 10), D(2026, 4, 20)),
            LegalStatusFacts("C2", D(2026, 4, 20), D(2026, 9, 30)),
        ],
        [
            placement("U6", D(2025, 11, 3), D(2026, 1, 12), reason="ALLEG"),
            placement("K2", D(2026, 1, 12), D(2026, 4, 20), reason="CARPL"),
            placement("U3", D(2026, 4, 20), D(2026, 9, 30)),
        ],
    )
    assert episodes == [
        ep(D(2025, 11, 3), "S", "L2", "U6", dec=D(2025, 11, 10), rec="X1"),
        ep(D(2025, 11, 10), "L", "C1", "U6", dec=D(2026, 1, 12), rec="X1", reason="ALLEG"),
        ep(D(2026, 1, 12), "P", "C1", "K2", dec=D(2026, 4, 20), rec="X1", reason="CARPL"),
        ep(D(2026, 4, 20), "B", "C2", "U3", dec=D(2026, 9, 30), rec="E4A"),
    ]


def test_a_repeated_legal_status_is_not_a_new_episode():
    episodes = derive_episodes(
        period(D(2026, 1, 5)),
        [
            LegalStatusFacts("C1", D(2026, 1, 5), D(2026, 2, 1)),
            LegalStatusFacts("C1", D(2026, 2, 1)),
        ],
        [placement("U6", D(2026, 1, 5))],
    )
    assert [e.decom for e in episodes] == [D(2026, 1, 5)]


def test_no_reason_for_change_into_or_after_a_temporary_placement():
    episodes = derive_episodes(
        period(D(2026, 1, 5)),
        [LegalStatusFacts("V2", D(2026, 1, 5))],
        [
            placement("U6", D(2026, 1, 5), D(2026, 7, 20), reason="OTHER"),
            placement("T3", D(2026, 7, 20), D(2026, 8, 3), provider="", reason="OTHER"),
            placement("U6", D(2026, 8, 3)),
        ],
    )
    # Neither the move into the temporary placement nor the move out of it has a reason (226).
    assert [(e.rne, e.place, e.reason_place_change) for e in episodes] == [
        ("S", "U6", ""),
        ("P", "T3", ""),
        ("P", "U6", ""),
    ]


def test_a_placement_superseded_the_same_day_makes_no_episode():
    episodes = derive_episodes(
        period(D(2026, 1, 5)),
        [LegalStatusFacts("V2", D(2026, 1, 5))],
        [
            placement("U6", D(2026, 1, 5), D(2026, 3, 1), reason="CHILD"),
            placement("U3", D(2026, 3, 1), D(2026, 3, 1)),
            placement("K2", D(2026, 3, 1)),
        ],
    )
    assert [(e.decom, e.rne, e.place) for e in episodes] == [
        (D(2026, 1, 5), "S", "U6"),
        (D(2026, 3, 1), "P", "K2"),
    ]


def test_a_period_that_ends_closes_the_last_episode_with_its_reason():
    episodes = derive_episodes(
        period(D(2026, 1, 5), D(2026, 2, 1), "E13"),
        [LegalStatusFacts("V2", D(2026, 1, 5), D(2026, 2, 1))],
        [placement("U6", D(2026, 1, 5), D(2026, 2, 1), reason="")],
    )
    assert episodes == [ep(D(2026, 1, 5), "S", "V2", "U6", dec=D(2026, 2, 1), rec="E13")]


def test_a_gap_in_placements_cannot_make_episodes():
    with pytest.raises(ValueError, match="No placement is recorded on 01/03/2026"):
        derive_episodes(
            period(D(2026, 1, 5)),
            [
                LegalStatusFacts("V2", D(2026, 1, 5), D(2026, 3, 1)),
                LegalStatusFacts("C1", D(2026, 3, 1)),
            ],
            [placement("U6", D(2026, 1, 5), D(2026, 2, 1))],
        )


def test_placed_for_adoption_with_the_current_foster_carers_is_the_same_carers():
    episodes = derive_episodes(
        period(D(2025, 2, 8)),
        [
            LegalStatusFacts("C1", D(2025, 2, 8), D(2025, 4, 6)),
            LegalStatusFacts("E1", D(2025, 4, 6)),
        ],
        [
            placement("U5", D(2025, 2, 8), D(2025, 8, 21), reason="CREQO"),
            placement("A5", D(2025, 8, 21)),
        ],
    )
    # Recorded as different carers, but A5 means the current foster carers: T, not P (217).
    assert [e.rne for e in episodes] == ["S", "L", "T"]
