"""Looked-after services against PostgreSQL: care, placements, duties' records, leaving care."""

import datetime as dt
import importlib
from decimal import Decimal
from zoneinfo import ZoneInfo

import pghistory.models
import pytest
from django.apps import apps as django_apps
from django.core.exceptions import PermissionDenied, ValidationError

from hearth.lookedafter import services
from hearth.lookedafter.codes import CareLeaverStatus
from hearth.lookedafter.models import (
    LegalStatus,
    PeriodOfCare,
    Placement,
    PreviousPermanenceOrder,
    StatutoryVisit,
)
from hearth.lookedafter.selectors import care_leaver_status_on, period_episodes
from hearth.lookedafter.tests.factories import (
    ChildFactory,
    allocated_child,
    bring_into_care,
    foster_placement,
    team_worker,
)

pytestmark = pytest.mark.django_db

D = dt.date
LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def worker():
    return team_worker()


@pytest.fixture
def child(worker):
    return allocated_child(worker)


def test_bringing_a_child_into_care_records_status_placement_and_where_it_is(worker, child):
    period = bring_into_care(worker, child, D(2026, 3, 2))
    assert period.started_on == D(2026, 3, 2)
    assert period.home_postcode == "HD1 2TA"
    status = LegalStatus.objects.get(period=period)
    assert (status.code, status.started_on, status.ended_on) == ("V2", D(2026, 3, 2), None)
    placement = Placement.objects.get(period=period)
    # HD8 9LS is in Kirklees, the demo council: in area.
    assert placement.placement_la == "E08000034"
    assert placement.is_in_area is True
    assert placement.distance_miles is not None


def test_a_placement_in_leeds_is_out_of_area_and_14_miles_from_huddersfield(worker, child):
    period = bring_into_care(
        worker, child, D(2026, 3, 2), placement=foster_placement(postcode="ls1 4ap")
    )
    placement = period.placements.get()
    # Grid references: HD1 2TA (414467, 416400), LS1 4AP (429363, 433330): 22,550 m.
    assert placement.postcode == "LS1 4AP"
    assert placement.placement_la == "E08000035"
    assert placement.is_in_area is False
    assert placement.distance_miles == Decimal("14.0")


def test_placements_outside_england_name_the_nation_and_have_no_distance_from_abroad(worker):
    child = allocated_child(worker)
    period = bring_into_care(
        worker, child, D(2026, 3, 2), placement=foster_placement(postcode="EH1 1YZ")
    )
    assert period.placements.get().placement_la == "SCO"
    other = allocated_child(worker)
    period = bring_into_care(
        worker,
        other,
        D(2026, 3, 2),
        placement=foster_placement(postcode="HD8 9LS"),
        home_postcode="CF10 1EP",
    )
    placement = period.placements.get()
    assert placement.distance_miles is None
    assert placement.is_in_area is True


def test_a_made_up_postcode_is_refused_beside_the_field(worker, child):
    with pytest.raises(ValidationError) as error:
        bring_into_care(
            worker, child, D(2026, 3, 2), placement=foster_placement(postcode="ZZ9 9ZZ")
        )
    assert "postcode" in error.value.message_dict
    assert not PeriodOfCare.objects.filter(child=child).exists()


def test_provider_and_urn_rules_for_the_placement_type(worker, child):
    with pytest.raises(ValidationError) as error:
        bring_into_care(
            worker, child, D(2026, 3, 2), placement=foster_placement(placement_type="T2")
        )
    assert "provider" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        bring_into_care(
            worker,
            child,
            D(2026, 3, 2),
            placement=foster_placement(placement_type="P1", provider="PR0", ofsted_urn="SC123456"),
        )
    assert "ofsted_urn" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        bring_into_care(worker, child, D(2026, 3, 2), placement=foster_placement(ofsted_urn="123"))
    assert "ofsted_urn" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        bring_into_care(
            worker, child, D(2026, 3, 2), placement=foster_placement(placement_type="K3")
        )
    assert "placement_type" in error.value.message_dict


def test_one_open_period_and_no_future_dates(worker, child):
    bring_into_care(worker, child, D(2026, 3, 2))
    with pytest.raises(ValidationError) as error:
        bring_into_care(worker, child, D(2026, 4, 2))
    assert error.value.message_dict["started_on"] == ["The child is already looked after."]
    other = allocated_child(worker)
    with pytest.raises(ValidationError):
        bring_into_care(worker, other, D(2099, 1, 1))


def test_a_worker_who_cannot_see_the_child_cannot_record(worker):
    stranger = team_worker()
    child = allocated_child(worker)
    with pytest.raises(PermissionDenied):
        bring_into_care(stranger, child, D(2026, 3, 2))


def test_changes_end_the_current_records_and_derive_episodes(worker, child):
    period = bring_into_care(worker, child, D(2026, 1, 5), legal_status="C1")
    services.placement_change(
        actor=worker,
        period=period,
        started_on=D(2026, 2, 10),
        placement=foster_placement(placement_type="K2", provider="PR4", ofsted_urn="1234567"),
        same_carer_as_previous=False,
        reason_for_change="CREQB",
        reason="Moved",
    )
    services.legal_status_change(
        actor=worker, period=period, started_on=D(2026, 5, 1), code="C2", reason="Full order"
    )
    services.placement_change(
        actor=worker,
        period=period,
        started_on=D(2026, 5, 1),
        placement=foster_placement(placement_type="U4", carer_name="Ms Patel"),
        same_carer_as_previous=True,
        reason_for_change="PLACE",
        reason="Same carers, new status",
    )
    services.care_cease(
        actor=worker, period=period, ended_on=D(2026, 9, 1), reason_ceased="E45", reason="SGO"
    )
    period.refresh_from_db()
    assert [
        (e.decom, e.rne, e.ls, e.place, e.dec, e.rec, e.reason_place_change)
        for e in period_episodes(period=period)
    ] == [
        (D(2026, 1, 5), "S", "C1", "U6", D(2026, 2, 10), "X1", "CREQB"),
        (D(2026, 2, 10), "P", "C1", "K2", D(2026, 5, 1), "X1", "PLACE"),
        (D(2026, 5, 1), "U", "C2", "U4", D(2026, 9, 1), "E45", ""),
    ]
    assert not period.placements.filter(ended_on__isnull=True).exists()
    assert not period.legal_statuses.filter(ended_on__isnull=True).exists()


def test_placement_change_needs_a_reason_except_into_or_out_of_a_temporary_one(worker, child):
    period = bring_into_care(worker, child, D(2026, 1, 5))
    with pytest.raises(ValidationError) as error:
        services.placement_change(
            actor=worker,
            period=period,
            started_on=D(2026, 2, 10),
            placement=foster_placement(placement_type="U4"),
            same_carer_as_previous=False,
            reason_for_change="",
            reason="Moved",
        )
    assert "reason_for_change" in error.value.message_dict
    # Into a temporary placement: no reason, and one given is not kept (226).
    services.placement_change(
        actor=worker,
        period=period,
        started_on=D(2026, 2, 10),
        placement=foster_placement(placement_type="T2", provider="", ofsted_urn=""),
        same_carer_as_previous=False,
        reason_for_change="OTHER",
        reason="Holiday",
    )
    back = services.placement_change(
        actor=worker,
        period=period,
        started_on=D(2026, 2, 20),
        placement=foster_placement(),
        same_carer_as_previous=False,
        reason_for_change="",
        reason="Back from holiday",
    )
    reasons = dict(back.period.placements.values_list("placement_type", "reason_for_change"))
    assert reasons == {"U6": "", "T2": ""}


def test_a_change_must_come_after_the_current_record_started(worker, child):
    period = bring_into_care(worker, child, D(2026, 1, 5))
    with pytest.raises(ValidationError) as error:
        services.legal_status_change(
            actor=worker, period=period, started_on=D(2026, 1, 5), code="C1", reason="x"
        )
    assert "started_on" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.legal_status_change(
            actor=worker, period=period, started_on=D(2026, 2, 5), code="V2", reason="x"
        )
    assert "code" in error.value.message_dict


def test_custody_is_no_reason_for_a_child_under_10(worker):
    child = allocated_child(worker, date_of_birth=D(2018, 1, 1))
    period = bring_into_care(worker, child, D(2026, 1, 5))
    with pytest.raises(ValidationError) as error:
        services.placement_change(
            actor=worker,
            period=period,
            started_on=D(2026, 2, 10),
            placement=foster_placement(),
            same_carer_as_previous=False,
            reason_for_change="CUSTOD",
            reason="x",
        )
    assert "reason_for_change" in error.value.message_dict


def test_history_keeps_who_and_why(worker, child):
    period = bring_into_care(worker, child, D(2026, 1, 5))
    event = pghistory.models.Events.objects.tracks(period).first()
    assert event is not None
    assert event.pgh_context["user"] == worker.pk
    assert event.pgh_context["reason"] == "Became looked after"


def test_review_participation_code_follows_age(worker):
    toddler = allocated_child(worker, date_of_birth=D(2024, 1, 1))
    period = bring_into_care(worker, toddler, D(2026, 1, 5))
    with pytest.raises(ValidationError) as error:
        services.review_record(
            actor=worker, period=period, held_on=D(2026, 2, 1), participation="PN1", reason="x"
        )
    assert "PN0" in error.value.message_dict["participation"][0]
    services.review_record(
        actor=worker, period=period, held_on=D(2026, 2, 1), participation="PN0", reason="x"
    )
    older = allocated_child(worker)
    period = bring_into_care(worker, older, D(2026, 1, 5))
    with pytest.raises(ValidationError):
        services.review_record(
            actor=worker, period=period, held_on=D(2026, 2, 1), participation="PN0", reason="x"
        )
    with pytest.raises(ValidationError) as error:
        services.review_record(
            actor=worker, period=period, held_on=D(2025, 12, 1), participation="PN1", reason="x"
        )
    assert "held_on" in error.value.message_dict


def test_a_visit_is_filed_to_the_placement_of_that_day(worker, child):
    period = bring_into_care(worker, child, D(2026, 1, 5))
    services.placement_change(
        actor=worker,
        period=period,
        started_on=D(2026, 3, 1),
        placement=foster_placement(carer_name="Ms Patel"),
        same_carer_as_previous=False,
        reason_for_change="CARPL",
        reason="x",
    )
    early = services.visit_record(
        actor=worker,
        period=period,
        visited_on=D(2026, 1, 9),
        seen=True,
        seen_alone=True,
        reason="x",
    )
    late = services.visit_record(
        actor=worker,
        period=period,
        visited_on=D(2026, 3, 1),
        seen=True,
        seen_alone=False,
        reason="x",
    )
    assert early.placement.carer_name == "Mr and Mrs Hussain"
    assert late.placement.carer_name == "Ms Patel"
    assert StatutoryVisit.objects.count() == 2


def test_missing_episodes_cannot_overlap_and_interviews_follow_the_return(worker, child):
    start = dt.datetime(2026, 11, 1, 20, 0, tzinfo=LONDON)
    back = dt.datetime(2026, 11, 2, 9, 30, tzinfo=LONDON)
    episode = services.missing_episode_record(
        actor=worker, child=child, kind="M", started_at=start, ended_at=back, reason="x"
    )
    with pytest.raises(ValidationError) as error:
        services.missing_episode_record(
            actor=worker,
            child=child,
            kind="A",
            started_at=dt.datetime(2026, 11, 2, 8, 0, tzinfo=LONDON),
            reason="x",
        )
    assert "started_at" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.return_interview_record(
            actor=worker,
            episode=episode,
            offered_at=dt.datetime(2026, 11, 2, 9, 0, tzinfo=LONDON),
            accepted=True,
            reason="x",
        )
    assert "offered_at" in error.value.message_dict
    interview = services.return_interview_record(
        actor=worker,
        episode=episode,
        offered_at=dt.datetime(2026, 11, 3, 9, 0, tzinfo=LONDON),
        accepted=False,
        reason="x",
    )
    assert interview.accepted is False


def test_sdq_is_a_score_or_a_reason(worker, child):
    with pytest.raises(ValidationError):
        services.sdq_record(
            actor=worker,
            child=child,
            completed_on=D(2026, 5, 1),
            score=41,
            no_score_reason="",
            reason="x",
        )
    with pytest.raises(ValidationError):
        services.sdq_record(
            actor=worker,
            child=child,
            completed_on=D(2026, 5, 1),
            score=12,
            no_score_reason="SDQ2",
            reason="x",
        )
    assert (
        services.sdq_record(
            actor=worker,
            child=child,
            completed_on=D(2026, 5, 1),
            score=None,
            no_score_reason="SDQ5",
            reason="x",
        ).reason
        == "SDQ5"
    )


def test_leaving_care_needs_a_care_leaver_status(worker):
    adviser = team_worker(role="personal_adviser")
    young = allocated_child(worker, date_of_birth=D(2009, 6, 1))
    with pytest.raises(ValidationError) as error:
        services.leaving_care_start(
            actor=worker,
            child=young,
            personal_adviser=adviser,
            started_on=D(2026, 11, 1),
            support_to_25=False,
            reason="x",
        )
    assert "started_on" in error.value.message_dict
    period = bring_into_care(worker, young, D(2025, 3, 1))
    assert care_leaver_status_on(child=young, on=D(2026, 11, 1)) is CareLeaverStatus.ELIGIBLE
    support = services.leaving_care_start(
        actor=worker,
        child=young,
        personal_adviser=adviser,
        started_on=D(2026, 11, 1),
        support_to_25=False,
        reason="x",
    )
    assert support.personal_adviser == adviser
    services.care_cease(
        actor=worker, period=period, ended_on=D(2026, 11, 20), reason_ceased="E5", reason="x"
    )
    assert care_leaver_status_on(child=young, on=D(2026, 11, 22)) is CareLeaverStatus.RELEVANT
    first = services.pathway_plan_record(
        actor=worker, child=young, completed_on=D(2026, 11, 2), reason="x"
    )
    second = services.pathway_plan_record(
        actor=worker, child=young, completed_on=D(2026, 11, 20), reason="x"
    )
    assert (first.is_review, second.is_review) == (False, True)


def test_care_leaver_contacts_follow_the_oc3_rules(worker):
    young = allocated_child(worker, date_of_birth=D(2008, 6, 1))
    with pytest.raises(ValidationError) as error:
        services.care_leaver_contact_record(
            actor=worker,
            child=young,
            contacted_on=D(2025, 6, 1),
            birthday_age=17,
            in_touch="YES",
            activity="F2",
            accommodation="Z1",
            reason="x",
        )
    assert "accommodation" in error.value.message_dict
    contact = services.care_leaver_contact_record(
        actor=worker,
        child=young,
        contacted_on=D(2026, 6, 3),
        birthday_age=18,
        in_touch="YES",
        activity="F4",
        accommodation="Z1",
        reason="x",
    )
    assert (contact.in_touch, contact.activity, contact.accommodation) == ("YES", "F4", "Z1")
    # In touch: both are needed, and not 0 (153, 345); died: neither (344).
    for in_touch, activity, accommodation, field in (
        ("YES", "F4", "", "accommodation"),
        ("YES", "0", "U1", "activity"),
        ("DIED", "", "U1", "accommodation"),
        ("NO", "Q9", "", "activity"),
    ):
        with pytest.raises(ValidationError) as error:
            services.care_leaver_contact_record(
                actor=worker, child=young, contacted_on=D(2026, 6, 3), birthday_age=18,
                in_touch=in_touch, activity=activity, accommodation=accommodation, reason="x",
            )  # fmt: skip
        assert field in error.value.message_dict
    # Not in touch: what is not known is recorded as 0, what is known is kept.
    contact = services.care_leaver_contact_record(
        actor=worker, child=young, contacted_on=D(2026, 6, 3), birthday_age=18, in_touch="REFU",
        accommodation="X2", reason="x",
    )  # fmt: skip
    assert (contact.activity, contact.accommodation) == ("0", "X2")


def test_adoption_decision_match_placement_and_order(worker):
    child = allocated_child(worker, date_of_birth=D(2023, 3, 1))
    period = bring_into_care(worker, child, D(2025, 1, 6), legal_status="C2")
    decision = services.adoption_decision_record(
        actor=worker, child=child, decided_on=D(2025, 6, 2), reason="x"
    )
    with pytest.raises(ValidationError) as error:
        services.adoption_match_record(
            actor=worker,
            decision=decision,
            matched_on=D(2025, 9, 1),
            number_of_adopters=2,
            sex_of_adopters="F1",
            legal_status_of_adopters="L11",
            by_foster_carers=False,
            reason="x",
        )
    assert "sex_of_adopters" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.adoption_match_record(
            actor=worker,
            decision=decision,
            matched_on=D(2025, 9, 1),
            number_of_adopters=2,
            sex_of_adopters="MM",
            legal_status_of_adopters="L3",
            by_foster_carers=False,
            reason="x",
        )
    assert "sex_of_adopters" in error.value.message_dict
    match = services.adoption_match_record(
        actor=worker,
        decision=decision,
        matched_on=D(2025, 9, 1),
        number_of_adopters=2,
        sex_of_adopters="FF",
        legal_status_of_adopters="L12",
        by_foster_carers=False,
        reason="x",
    )
    services.adoption_placement_record(
        actor=worker, match=match, placed_on=D(2025, 10, 6), reason="x"
    )
    services.care_cease(
        actor=worker, period=period, ended_on=D(2026, 4, 1), reason_ceased="E11", reason="Adopted"
    )
    match.refresh_from_db()
    assert (match.placed_on, match.adoption_order_on) == (D(2025, 10, 6), D(2026, 4, 1))


def test_adoption_decision_reversal_needs_a_reason(worker, child):
    decision = services.adoption_decision_record(
        actor=worker, child=child, decided_on=D(2026, 1, 5), reason="x"
    )
    with pytest.raises(ValidationError):
        services.adoption_decision_reverse(
            actor=worker, decision=decision, ceased_on=D(2026, 5, 1), reason_ceased="", reason="x"
        )
    services.adoption_decision_reverse(
        actor=worker, decision=decision, ceased_on=D(2026, 5, 1), reason_ceased="RD3", reason="x"
    )
    assert decision.reason_ceased == "RD3"


def test_previous_permanence_takes_partial_dates(worker, child):
    period = bring_into_care(worker, child, D(2026, 1, 5))
    order = services.previous_permanence_record(
        actor=worker,
        period=period,
        kind="P2",
        arranged_by_la="e08000035",
        month=5,
        year=2020,
        reason="x",
    )
    assert order.date_perm == "zz/05/2020"
    # LA_PERM is the DfE number (rule 633): a listed council's ONS code is stored as its number.
    assert order.arranged_by_la == "383"
    for typed, stored in (("382", "382"), (" sco ", "SCO"), ("", "")):
        order = services.previous_permanence_record(
            actor=worker, period=period, kind="P2", arranged_by_la=typed, year=2020, reason="x"
        )
        assert order.arranged_by_la == stored
    for typed in ("E09000999", "123", "England"):
        with pytest.raises(ValidationError) as error:
            services.previous_permanence_record(
                actor=worker, period=period, kind="P2", arranged_by_la=typed, reason="x"
            )
        assert "arranged_by_la" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.previous_permanence_record(
            actor=worker, period=period, kind="Z1", year=2020, reason="x"
        )
    none = services.previous_permanence_record(actor=worker, period=period, kind="Z1", reason="x")
    assert none.date_perm == "zz/zz/zzzz"


def test_leaving_care_ends_an_open_dolo_the_same_day(worker, child):
    period = bring_into_care(worker, child, D(2026, 1, 5))
    order = services.dolo_start(actor=worker, child=child, started_on=D(2026, 3, 1), reason="x")
    later = allocated_child(worker)
    later_period = bring_into_care(worker, later, D(2026, 1, 5))
    services.dolo_start(actor=worker, child=later, started_on=D(2026, 6, 1), reason="x")
    # An order that starts after the date care ends: corrected first, nothing is changed.
    with pytest.raises(ValidationError) as error:
        services.care_cease(
            actor=worker, period=later_period, ended_on=D(2026, 5, 1), reason_ceased="E4A",
            reason="x",
        )  # fmt: skip
    assert "ended_on" in error.value.message_dict
    assert PeriodOfCare.objects.get(pk=later_period.pk).ended_on is None

    services.care_cease(
        actor=worker, period=period, ended_on=D(2026, 4, 1), reason_ceased="E4A", reason="x"
    )
    order.refresh_from_db()
    assert order.ended_on == D(2026, 4, 1)  # rule 707: no order left open


def test_earlier_ons_codes_become_dfe_numbers(worker, child):
    """Migration 0003: LA_PERM recorded as a listed council's ONS code becomes its DfE number."""
    migration = importlib.import_module(
        "hearth.lookedafter.migrations.0003_previous_permanence_dfe_la_numbers"
    )
    known, unknown = (bring_into_care(worker, allocated_child(worker), D(2026, 1, 5)) for _ in "ab")
    for period, code in ((known, "e07000037"), (unknown, "E09000999")):
        PreviousPermanenceOrder.objects.create(
            period=period, kind="P2", arranged_by_la=code, year=2020, recorded_by=worker
        )
    migration.to_dfe_numbers(django_apps, None)
    stored = dict(PreviousPermanenceOrder.objects.values_list("period_id", "arranged_by_la"))
    # High Peak is in Derbyshire (830); a council not listed is left for a worker to correct.
    assert stored == {known.pk: "830", unknown.pk: "E09000999"}


def test_dolo_one_open_at_a_time(worker, child):
    order = services.dolo_start(actor=worker, child=child, started_on=D(2026, 4, 1), reason="x")
    with pytest.raises(ValidationError):
        services.dolo_start(actor=worker, child=child, started_on=D(2026, 5, 1), reason="x")
    services.dolo_end(actor=worker, order=order, ended_on=D(2026, 6, 1), reason="x")
    services.dolo_start(actor=worker, child=child, started_on=D(2026, 6, 1), reason="x")


def test_uasc_status_and_when_it_ceased(worker, child):
    status = services.uasc_record(actor=worker, child=child, reason="x")
    assert status.ceased_on is None
    status = services.uasc_record(actor=worker, child=child, ceased_on=D(2026, 6, 1), reason="x")
    assert status.ceased_on == D(2026, 6, 1)


def test_uasc_status_ceases_by_the_18th_birthday(worker):
    young = allocated_child(worker, date_of_birth=D(2008, 3, 1))
    with pytest.raises(ValidationError) as error:
        services.uasc_record(actor=worker, child=young, ceased_on=D(2026, 3, 2), reason="x")
    assert "rule 304" in error.value.message_dict["ceased_on"][0]
    status = services.uasc_record(actor=worker, child=young, ceased_on=D(2026, 3, 1), reason="x")
    assert status.ceased_on == D(2026, 3, 1)


def test_one_staying_put_arrangement_at_a_time_and_its_end(worker):
    young = allocated_child(worker, date_of_birth=D(2008, 3, 1))
    arrangement = services.staying_put_start(
        actor=worker, child=young, carer_name=" Ms Patel ", started_on=D(2026, 3, 1), reason="x"
    )
    assert arrangement.carer_name == "Ms Patel"
    with pytest.raises(ValidationError) as error:
        services.staying_put_start(
            actor=worker, child=young, carer_name="Mr Hill", started_on=D(2026, 4, 1), reason="x"
        )
    assert "started_on" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.staying_put_end(
            actor=worker, arrangement=arrangement, ended_on=D(2026, 2, 1), reason="x"
        )
    ended = services.staying_put_end(
        actor=worker, arrangement=arrangement, ended_on=D(2026, 9, 1), reason="x"
    )
    assert ended.ended_on == D(2026, 9, 1)
    with pytest.raises(ValidationError) as error:
        services.staying_put_end(
            actor=worker, arrangement=arrangement, ended_on=D(2026, 9, 2), reason="x"
        )
    assert "already ended" in error.value.message_dict["ended_on"][0]
    # The history keeps the start and the end, each with who and why.
    assert pghistory.models.Events.objects.tracks(arrangement).count() == 2


def test_an_unseen_child_cannot_be_seen_alone(worker, child):
    period = bring_into_care(worker, child, D(2026, 1, 5))
    with pytest.raises(ValidationError):
        services.visit_record(
            actor=worker,
            period=period,
            visited_on=D(2026, 1, 9),
            seen=False,
            seen_alone=True,
            reason="x",
        )


def test_a_child_not_allocated_is_refused_even_for_reads_through_services():
    worker = team_worker()
    child = ChildFactory.create()
    with pytest.raises(PermissionDenied):
        services.missing_episode_record(
            actor=worker,
            child=child,
            kind="M",
            started_at=dt.datetime(2026, 11, 1, 20, 0, tzinfo=LONDON),
            reason="x",
        )
